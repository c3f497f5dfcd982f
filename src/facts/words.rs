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
        let inner = matches!(c, '\'' | '’' | '.')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
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
        lower.truncate(
            lower.len()
                - if lower.ends_with("’s") {
                    "’s".len()
                } else {
                    2
                },
        );
    }
    Word {
        span,
        lower,
        capitalized: raw.chars().next().is_some_and(char::is_uppercase),
        possessive,
    }
}

/// Whether the text between two words breaks a clause: a comma, a dash, a quote, a bracket.
pub(super) fn breaks_clause(gap: &str) -> bool {
    gap.chars()
        .any(|c| matches!(c, ',' | ';' | ':' | '—' | '–' | '“' | '”' | '"' | '(' | ')'))
}

pub(super) use crate::place_words::{is_part_word, is_place_noun, is_position_word, is_site_noun};
