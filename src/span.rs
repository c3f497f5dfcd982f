//! Byte spans into a document's cleaned text.
//!
//! Every excerpt factmap shows is `&text[span]` of its document, never a copy that could drift
//! from the source, so spans are the currency between pipeline stages. Blocks' and sentences'
//! spans are ordered, on char boundaries, and each sentence lies inside its block (checked for
//! every shipped document); the text itself is the file's own bytes joined by separators
//! (`Document::origins`), so a span of it maps back to the file (`Document::file_span`).

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a UTF-8 string, on `char` boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end}");
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers. Panics if the span does not fit `text`, which would be a bug
    /// in whoever made the span: spans are only ever made from the text they index.
    pub fn of(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    /// This span moved right by `offset` bytes.
    pub fn shifted(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(range: std::ops::Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}
