//! Words of a sentence with their byte spans: what the event, attribution and hedge rules read.

use crate::fasthash::FastMap;
use crate::span::Span;
use crate::word_list::{CLAUSE, SAYING};
use std::borrow::Cow;
use std::sync::OnceLock;

/// A word of the text, lower-cased, with any possessive ("Russia’s") cut off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Word<'t> {
    pub span: Span,
    /// Borrowed from the text when it is written in lower case already, as most words are:
    /// every word of every sentence is made one.
    pub lower: Cow<'t, str>,
    pub capitalized: bool,
    pub possessive: bool,
    /// A verb of saying ([`SAYING`]), looked up once: the rules ask for
    /// every word around every event.
    pub saying: bool,
    /// A word that opens a clause ([`CLAUSE`]), likewise.
    pub clause: bool,
    /// A whole word some rule of `data/event-triggers.tsv` is about, likewise: most words are
    /// none, and are then read for an event only by its prefix rules ([`super::kind::may_signal`]).
    pub event_form: bool,
}

/// The words of `text[within]`, as the crate's tokenizer splits them ("couldn’t", "U.S.",
/// "Kryvyi-Rih" whole). Spans index `text`.
pub(super) fn words(text: &str, within: Span) -> Vec<Word<'_>> {
    words_of(text, within, &crate::tokens::tokenize(within.of(text)))
}

/// [`words`], given the crate tokenizer's tokens of `text[within]`.
pub(super) fn words_of<'t>(
    text: &'t str,
    within: Span,
    tokens: &[crate::tokens::Token],
) -> Vec<Word<'t>> {
    let mut ws: Vec<Word<'t>> = tokens.iter().map(|t| word(text, within, t)).collect();
    // "patrolled the schools since Tuesday, in Krong Pinang": before a time, "since", "after"
    // and "before" are prepositions and open no clause.
    for k in 1..ws.len() {
        if ws[k - 1].clause
            && matches!(&*ws[k - 1].lower, "since" | "after" | "before")
            && (crate::word_list::word_list!("time-phrase-start").contains(&ws[k].lower)
                || ws[k].lower.starts_with(|c: char| c.is_ascii_digit()))
        {
            ws[k - 1].clause = false;
        }
    }
    ws
}

/// The word of token `t` of `text[within]`. What the tokenizer noted is not worked out again:
/// whether it starts with a capital, is lower-case ASCII already, ends in a possessive.
fn word<'t>(text: &'t str, within: Span, t: &crate::tokens::Token) -> Word<'t> {
    let span = t.span.shifted(within.start);
    let raw = span.of(text);
    // "'s", "’s", "'S" or "’S": the same bytes at the end of the lower-cased word.
    let possessive = t.base != t.span;
    let cut = t.span.end - t.base.end;
    // The same as `to_lowercase` on ASCII, which most words are, and cheaper.
    let lower = if t.lowercase_ascii {
        Cow::Borrowed(&raw[..raw.len() - cut])
    } else {
        let mut lower = if raw.is_ascii() {
            raw.to_ascii_lowercase()
        } else {
            raw.to_lowercase()
        };
        lower.truncate(lower.len() - cut);
        Cow::Owned(lower)
    };
    let WordClasses {
        saying,
        clause,
        event_form,
    } = classes(&lower);
    Word {
        span,
        saying,
        clause,
        event_form,
        lower,
        capitalized: t.capitalized,
        possessive,
    }
}

impl Word<'_> {
    /// The word lower-cased, any possessive cut off.
    pub fn lower(&self) -> &str {
        &self.lower
    }
}

/// What [`classes`] says of a word.
#[derive(Clone, Copy, Default)]
struct WordClasses {
    saying: bool,
    clause: bool,
    event_form: bool,
}

/// Whether a word is a verb of saying, whether it opens a clause, and whether an event rule
/// is about it as a whole word: one lookup, not three, for every word of every sentence.
fn classes(lower: &str) -> WordClasses {
    static INDEX: OnceLock<FastMap<&'static str, WordClasses>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index: FastMap<&'static str, WordClasses> = FastMap::default();
        for word in SAYING.iter() {
            index.entry(word).or_default().saying = true;
        }
        for word in CLAUSE.iter() {
            index.entry(word).or_default().clause = true;
        }
        for word in super::kind::whole_forms() {
            index.entry(word).or_default().event_form = true;
        }
        index
    });
    index.get(lower).copied().unwrap_or_default()
}

/// Whether the text between two words breaks a clause: a comma, a dash, a quote, a bracket.
pub(super) fn breaks_clause(gap: &str) -> bool {
    gap.chars()
        .any(|c| matches!(c, ',' | ';' | ':' | '—' | '–' | '“' | '”' | '"' | '(' | ')'))
}

pub(super) use crate::place_words::{is_part_word, is_place_noun, is_position_word, is_site_noun};
