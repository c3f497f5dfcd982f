//! Words of a sentence with their byte spans: what the event, attribution and hedge rules read.

use crate::span::Span;

/// A word of the text, lower-cased, with any possessive ("Russia’s") cut off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Word {
    pub span: Span,
    pub lower: String,
    pub capitalized: bool,
    pub possessive: bool,
    /// A verb of saying ([`crate::word_list::SAYING`]), looked up once: the rules ask for
    /// every word around every event.
    pub saying: bool,
    /// A word that opens a clause ([`crate::word_list::CLAUSE`]), likewise.
    pub clause: bool,
}

/// The words of `text[within]`, as the crate's tokenizer splits them ("couldn’t", "U.S.",
/// "Kryvyi-Rih" whole). Spans index `text`.
pub(super) fn words(text: &str, within: Span) -> Vec<Word> {
    crate::tokens::tokenize(within.of(text))
        .into_iter()
        .map(|t| {
            word(
                text,
                Span::new(within.start + t.span.start, within.start + t.span.end),
            )
        })
        .collect()
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
        saying: super::kind::is_saying(&lower),
        clause: crate::word_list::CLAUSE.contains(&lower),
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
