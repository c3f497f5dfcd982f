//! Checkable points on which an article contradicts the others.
//!
//! One kind so far: a person's office. When most articles give someone a title in office
//! ("US President Donald Trump") and an article calls them "former" (or the other way round),
//! the minority article is flagged at the words, and a reader sees it before trusting it.

use std::collections::BTreeMap;

use super::words::{breaks_clause, words, Word};
use super::ArticleFlag;
use crate::corpus::Corpus;
use crate::span::Span;

const TITLES: [&str; 4] = ["president", "minister", "chancellor", "premier"];

/// Title uses per person (by surname) per document: the spans in office and the "former" ones.
type Uses = BTreeMap<String, BTreeMap<String, (Vec<Span>, Vec<Span>)>>;

pub(super) fn contradictions(corpus: &Corpus) -> Vec<ArticleFlag> {
    // A flag sets articles against each other: one article alone (each line of `factmap facts
    // --jsonl`) has none, and reading its every word for titles would be wasted.
    if corpus.documents.len() < 2 {
        return Vec::new();
    }
    let mut uses: Uses = BTreeMap::new();
    for doc in &corpus.documents {
        let text = doc.text.as_str();
        let ws = words(text, Span::new(0, text.len()));
        for (i, w) in ws.iter().enumerate() {
            if !TITLES.contains(&w.lower()) || !w.capitalized {
                continue;
            }
            let Some(surname) = name_after(text, &ws, i) else {
                continue;
            };
            let former = (1..=3)
                .filter(|&k| i >= k)
                .map(|k| &ws[i - k])
                .take_while(|p| !breaks_clause(&text[p.span.end..ws[i].span.start]))
                .any(|p| matches!(p.lower(), "former" | "ex"));
            let start = if former {
                (1..=3)
                    .filter(|&k| i >= k)
                    .map(|k| &ws[i - k])
                    .find(|p| matches!(p.lower(), "former" | "ex"))
                    .map_or(w.span.start, |p| p.span.start)
            } else {
                w.span.start
            };
            let end = surname.1;
            let entry = uses
                .entry(surname.0)
                .or_default()
                .entry(doc.id.clone())
                .or_default();
            if former {
                entry.1.push(Span::new(start, end));
            } else {
                entry.0.push(Span::new(start, end));
            }
        }
    }
    let mut flags = Vec::new();
    for (surname, docs) in &uses {
        let in_office: Vec<&str> = docs
            .iter()
            .filter(|(_, (now, was))| !now.is_empty() && was.is_empty())
            .map(|(d, _)| d.as_str())
            .collect();
        let former: Vec<&str> = docs
            .iter()
            .filter(|(_, (now, was))| now.is_empty() && !was.is_empty())
            .map(|(d, _)| d.as_str())
            .collect();
        if in_office.is_empty() || former.is_empty() {
            continue;
        }
        let name = title_case(surname);
        if former.len() <= in_office.len() {
            for doc in &former {
                let span = docs[*doc].1[0];
                flags.push(ArticleFlag {
                    doc: (*doc).to_owned(),
                    span,
                    note: format!(
                        "Calls {name} a former office-holder; {} other article(s) ({}) \
                        give {name} the title in office.",
                        in_office.len(),
                        in_office.join(", ")
                    ),
                });
            }
        }
        if in_office.len() <= former.len() {
            for doc in &in_office {
                let span = docs[*doc].0[0];
                flags.push(ArticleFlag {
                    doc: (*doc).to_owned(),
                    span,
                    note: format!(
                        "Gives {name} a title in office; {} other article(s) ({}) call \
                        {name} a former office-holder.",
                        former.len(),
                        former.join(", ")
                    ),
                });
            }
        }
    }
    let order: BTreeMap<&str, usize> = corpus
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    flags.sort_by_key(|f| (order.get(f.doc.as_str()).copied(), f.span.start));
    flags
}

/// The surname (lower-case) and its end, of the name right after the title word `i`:
/// "President Donald Trump" → ("trump", end of "Trump").
fn name_after(text: &str, ws: &[Word], i: usize) -> Option<(String, usize)> {
    let mut last: Option<&Word> = None;
    for w in ws.iter().skip(i + 1).take(3) {
        let prev_end = last.map_or(ws[i].span.end, |l| l.span.end);
        if !w.capitalized
            || breaks_clause(&text[prev_end..w.span.start])
            || !text[prev_end..w.span.start].trim().is_empty()
        {
            break;
        }
        last = Some(w);
        if w.possessive {
            break;
        }
    }
    last.map(|w| {
        (
            w.lower().to_owned(),
            w.span.end
                - if w.possessive {
                    text[..w.span.end].ends_with("’s") as usize * "’s".len()
                        + text[..w.span.end].ends_with("'s") as usize * 2
                } else {
                    0
                },
        )
    })
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
