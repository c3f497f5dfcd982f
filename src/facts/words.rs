//! Words of a sentence with their byte spans: what the event, attribution and hedge rules read.

use crate::span::Span;

/// A word of the text, lower-cased, with any possessive ("Russia’s") cut off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Word {
    pub span: Span,
    pub lower: String,
    pub capitalized: bool,
    pub possessive: bool,
}

/// The words of `text[within]`: runs of letters and digits, with inner apostrophes and dots
/// kept ("couldn’t", "U.S."). Spans index `text`.
pub(super) fn words(text: &str, within: Span) -> Vec<Word> {
    let slice = within.of(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inner = matches!(c, '\'' | '’' | '.') && start.is_some() && chars.get(k + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(word(text, Span::new(within.start + s, within.start + i)));
        }
    }
    if let Some(s) = start {
        out.push(word(text, Span::new(within.start + s, within.end)));
    }
    out
}

fn word(text: &str, span: Span) -> Word {
    let raw = span.of(text);
    let mut lower = raw.to_lowercase();
    let possessive = lower.ends_with("’s") || lower.ends_with("'s");
    if possessive {
        lower.truncate(lower.len() - if lower.ends_with("’s") { "’s".len() } else { 2 });
    }
    Word { span, lower, capitalized: raw.chars().next().is_some_and(char::is_uppercase), possessive }
}

/// Whether the text between two words breaks a clause: a comma, a dash, a quote, a bracket.
pub(super) fn breaks_clause(gap: &str) -> bool {
    gap.chars().any(|c| matches!(c, ',' | ';' | ':' | '—' | '–' | '“' | '”' | '"' | '(' | ')'))
}

/// `data/place-words.tsv`'s words of one class, read once.
fn place_words(class: &str) -> &'static crate::fasthash::FastSet<&'static str> {
    use std::sync::OnceLock;
    static NOUNS: OnceLock<crate::fasthash::FastSet<&'static str>> = OnceLock::new();
    static POSITIONS: OnceLock<crate::fasthash::FastSet<&'static str>> = OnceLock::new();
    let cell = if class == "noun" { &NOUNS } else { &POSITIONS };
    cell.get_or_init(|| include_str!("../../data/place-words.tsv").lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t').filter(|(c, _)| *c == class).map(|(_, w)| w.trim())).collect())
}

/// The kind of place a name is, written after it: "Khost city", "Sharsha upazila".
pub(super) fn is_place_noun(word: &str) -> bool {
    place_words("noun").contains(word)
}

/// Words that say where within a place, not which: "central", "northern", "downtown".
pub(super) fn is_position_word(word: &str) -> bool {
    place_words("position").contains(word)
}
