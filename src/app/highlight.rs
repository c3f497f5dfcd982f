//! An excerpt with the place names in it marked: shared by the source panel's sentences and the
//! facts' excerpts, so neither component's module imports the other's.

use leptos::prelude::*;

use crate::span::Span;

/// The excerpt's words with `mentions` (in order; those outside the excerpt or overlapping an
/// earlier one are skipped) marked.
pub(super) fn highlighted(text: &str, span: Span, mentions: &[Span]) -> Vec<AnyView> {
    let mut out = Vec::new();
    let mut at = span.start;
    for m in mentions.iter().filter(|m| span.contains(**m)) {
        if m.start < at {
            continue;
        }
        if m.start > at {
            out.push(text[at..m.start].to_owned().into_any());
        }
        out.push(view! { <mark>{text[m.start..m.end].to_owned()}</mark> }.into_any());
        at = m.end;
    }
    if at < span.end {
        out.push(text[at..span.end].to_owned().into_any());
    }
    out
}

/// As [`highlighted`], for a stretch of a document's text that starts at byte `at` of it (a
/// sharded corpus's piece): `span` and `mentions` are spans of the whole text.
pub(super) fn highlighted_at(
    piece: &str,
    at: usize,
    span: Span,
    mentions: &[Span],
) -> Vec<AnyView> {
    let local = |s: Span| Span::new(s.start - at, s.end - at);
    let mentions: Vec<Span> = mentions
        .iter()
        .filter(|m| span.contains(**m))
        .map(|m| local(*m))
        .collect();
    highlighted(piece, local(span), &mentions)
}
