//! A synthetic collection of any size, made from the geoparsing gold corpora's news texts
//! (`../shared/eval`, JSON lines with `id`, `text`, and optionally `title`, `url`, `source`), to
//! measure how the pipeline and the page scale. Entry point: [`collection`].
//!
//! The texts are real news, so the places, dates and events in them are as varied as a
//! reader's own collection would be. When more articles are asked for than there are texts,
//! the extra ones join the second half of one text to the first half of another: every article
//! is then different (the collection refuses a text twice) and still reads as news.

use serde::Deserialize;

use crate::collection::{Collection, Draft};
use crate::date::Date;

/// One line of an evaluation corpus; its gold toponyms are not read.
#[derive(Clone, Debug, Deserialize)]
pub struct EvalText {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// Reads JSON lines; a line that is not an evaluation text is skipped and counted.
pub fn read_eval_texts(jsonl: &str) -> (Vec<EvalText>, usize) {
    let mut skipped = 0;
    let texts = jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            serde_json::from_str::<EvalText>(l)
                .map_err(|_| skipped += 1)
                .ok()
        })
        .filter(|t| !t.text.trim().is_empty())
        .collect();
    (texts, skipped)
}

/// The texts of several corpora taken in turn (the first of each, then the second of each…),
/// so that a collection of any size mixes them.
pub fn interleave(per_corpus: &[Vec<EvalText>]) -> Vec<EvalText> {
    let longest = per_corpus.iter().map(Vec::len).max().unwrap_or(0);
    (0..longest)
        .flat_map(|i| per_corpus.iter().filter_map(move |t| t.get(i).cloned()))
        .collect()
}

/// The first day of the synthetic collection's dates; articles are spread over 90 days from it.
pub const FIRST_DAY: (i32, u32, u32) = (2025, 1, 1);

/// `articles` articles made from `texts`, the same for the same input: texts are taken in turn
/// (mixing corpora is [`interleave`]'s work), each dated a day of a 90-day span so the timeline
/// has a range.
pub fn collection(texts: &[EvalText], articles: usize) -> Collection {
    let mut out = Collection::default();
    if texts.is_empty() {
        return out;
    }
    let first = Date::new(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2).expect("a valid date");
    let n = texts.len();
    let mut i = 0;
    // Combinations are tried until enough distinct articles exist, in batches of the number
    // still missing; the guard only stops a pathological input (every text the same) from
    // looping for ever.
    while out.articles.len() < articles && i < articles * 4 + n {
        let missing = articles - out.articles.len();
        // A join the cleaner reads as captions or page chrome only is no article: a reader
        // importing it would see it unmapped, and a fork's build would stop on it.
        let batch: Vec<Draft> = (i..i + missing)
            .map(|i| draft(texts, first, i))
            .filter(has_article_text)
            .collect();
        out.extend(batch);
        i += missing;
    }
    out
}

/// A collection as a folder of articles, as a fork publishes them in `corpus/`: one `.txt` file
/// per article, named by its place in the collection (`synth-00001.txt`, so that the folder
/// sorts in collection order), and the `manifest.json` entry that carries what the text does
/// not (headline, outlet, URL, date). Returns `(file name, contents)`, the manifest last.
pub fn corpus_files(collection: &Collection) -> Vec<(String, String)> {
    let width = collection.articles.len().to_string().len().max(5);
    let mut manifest = serde_json::Map::new();
    let mut files = Vec::with_capacity(collection.articles.len() + 1);
    for (i, article) in collection.articles.iter().enumerate() {
        let stem = format!("synth-{:0width$}", i + 1);
        let mut entry = serde_json::Map::new();
        let note = "factmap synth".to_owned();
        if let Some(headline) = &article.headline {
            entry.insert("headline".into(), headline.clone().into());
            entry.insert("headline_note".into(), note.clone().into());
        }
        if let Some(outlet) = &article.outlet {
            entry.insert("outlet".into(), outlet.clone().into());
        }
        if let Some(url) = &article.url {
            entry.insert("url".into(), url.clone().into());
        }
        if let Some(day) = article.published {
            entry.insert(
                "published".into(),
                serde_json::to_value(day).expect("a date serialises"),
            );
            entry.insert("date_note".into(), note.into());
        }
        manifest.insert(stem.clone(), entry.into());
        files.push((format!("{stem}.txt"), article.text.clone()));
    }
    let manifest = serde_json::to_string_pretty(&manifest).expect("a manifest serialises");
    files.push(("manifest.json".to_owned(), manifest + "\n"));
    files
}

/// Article `i` of a synthetic collection: a text in turn, from the second round on the second
/// half of one joined to the first half of another.
fn draft(texts: &[EvalText], first: Date, i: usize) -> Draft {
    let n = texts.len();
    let base = &texts[i % n];
    let round = i / n;
    let text = if round == 0 {
        base.text.clone()
    } else {
        let other = &texts[(i * 7 + round * 13) % n];
        format!("{}\n\n{}", second_half(&base.text), first_half(&other.text))
    };
    Draft {
        text,
        headline: base
            .title
            .clone()
            .or_else(|| Some(format!("{} ({})", base.id, round + 1))),
        outlet: base.source.clone(),
        published: Some(first.add_days((i % 90) as i64)),
        url: base.url.clone(),
        file_name: None,
    }
}

/// Whether the cleaner finds an article in the draft's text (not only captions or chrome).
fn has_article_text(draft: &Draft) -> bool {
    let file = crate::corpus::SourceFile {
        name: "draft.txt",
        bytes: draft.text.as_bytes(),
    };
    !crate::corpus::load(&[file], &crate::corpus::Manifest::default())
        .documents
        .is_empty()
}

/// Sentence-aligned halves, so the joined article does not start or end mid-sentence.
fn split_point(text: &str) -> usize {
    let middle = text.floor_char_boundary(text.len() / 2);
    text[middle..]
        .find(". ")
        .map(|k| middle + k + 2)
        .filter(|&k| k < text.len())
        .unwrap_or(middle)
}

fn first_half(text: &str) -> &str {
    &text[..split_point(text)]
}

fn second_half(text: &str) -> &str {
    &text[split_point(text)..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(n: usize) -> Vec<EvalText> {
        (0..n)
            .map(|i| EvalText {
                id: format!("T{i}"),
                text: format!(
                    "Story {i} happened in Kyiv’s centre. \
                Then it went on in Lviv number {i}. The end {i}."
                ),
                title: None,
                url: None,
                source: Some("test".into()),
            })
            .collect()
    }

    #[test]
    fn makes_as_many_distinct_articles_as_asked_beyond_the_texts() {
        let c = collection(&texts(7), 25);
        assert_eq!(c.articles.len(), 25);
        let mut ids: Vec<_> = c.articles.iter().map(|a| a.id.clone()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 25);
        // Joined articles keep whole sentences.
        assert!(c.articles[10].text.trim_end().ends_with('.'));
        assert!(c.articles.iter().all(|a| a.published.is_some()));
    }

    #[test]
    fn a_collection_is_a_corpus_folder_that_loads_with_its_metadata() {
        let c = collection(&texts(4), 6);
        let files = corpus_files(&c);
        assert_eq!(files.len(), 7);
        assert_eq!(files[0].0, "synth-00001.txt");
        let (last, json) = files.last().unwrap();
        assert_eq!(last, "manifest.json");
        let manifest = crate::corpus::Manifest::from_json(json).unwrap();
        let sources: Vec<crate::corpus::SourceFile<'_>> = files[..6]
            .iter()
            .map(|(name, text)| crate::corpus::SourceFile {
                name,
                bytes: text.as_bytes(),
            })
            .collect();
        let corpus = crate::corpus::load(&sources, &manifest);
        assert_eq!(corpus.documents.len(), 6);
        let first = &corpus.documents[0];
        assert_eq!(first.id, "synth-00001");
        assert_eq!(first.published, c.articles[0].published);
        assert_eq!(first.outlet.as_deref(), Some("test"));
    }

    #[test]
    fn a_text_the_cleaner_finds_no_article_in_is_left_out() {
        let mut t = texts(3);
        t[1].text = "Smith also played on the record. (Supplied photo)".into();
        let c = collection(&t, 2);
        assert_eq!(c.articles.len(), 2);
        assert!(c
            .articles
            .iter()
            .all(|a| !a.text.contains("Supplied photo")));
    }

    #[test]
    fn interleaving_takes_the_corpora_in_turn() {
        let (a, b) = (texts(3), texts(1));
        let ids: Vec<String> = interleave(&[a, b]).into_iter().map(|t| t.id).collect();
        assert_eq!(ids, ["T0", "T0", "T1", "T2"]);
    }

    #[test]
    fn is_the_same_for_the_same_input_and_skips_bad_lines() {
        let (t, skipped) = read_eval_texts("{\"id\":\"a\",\"text\":\"In Paris. And Rome.\"}\nnot json\n{\"id\":\"b\",\"text\":\"\"}\n");
        assert_eq!((t.len(), skipped), (1, 1));
        assert_eq!(collection(&texts(5), 12), collection(&texts(5), 12));
        assert!(collection(&[], 10).articles.is_empty());
    }
}
