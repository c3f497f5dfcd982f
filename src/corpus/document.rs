use serde::Serialize;

use crate::date::Date;
use crate::span::Span;

/// One cleaned article: its text without site chrome, the blocks and sentences of that text as
/// spans, its metadata, and a record of everything the cleaner took out.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// Stable id: the file's stem, with `-2`, `-3`… for further articles found in the same file.
    /// Unique in a corpus: an id an earlier file already took gets a further `-2`, `-3`….
    pub id: String,
    /// The file the document came from.
    pub file: String,
    pub headline: String,
    pub headline_source: Provenance,
    /// The publisher, where the text (or the manifest) reveals it.
    pub outlet: Option<String>,
    pub outlet_source: Provenance,
    /// The author line, as printed ("Adedamola Adeniji").
    pub byline: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    pub date_source: DateSource,
    /// The cleaned text: blocks separated by a blank line. Every span below indexes into it.
    pub text: String,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    /// Where the text was copied from: stretches of [`Document::text`], in order, each the very
    /// bytes of the file at `file_start` (counted, like [`Block::source`], after a byte-order
    /// mark). Between them are only the cleaner's separators: a space where the lines of a
    /// hard-wrapped paragraph were joined, a blank line between blocks. [`Document::file_span`]
    /// maps a span of the text back to the file.
    #[serde(skip)]
    pub origins: Vec<Origin>,
    /// Lines of the file that are not part of this document's text, and why.
    pub removed: Vec<Removal>,
}

/// Where a metadata value comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "from", content = "detail", rename_all = "snake_case")]
pub enum Provenance {
    /// Printed in the article: the line it was read from.
    Text(String),
    /// Supplied by `manifest.json`, with its note.
    Manifest(String),
    /// Not known.
    Unknown,
}

/// Where the publication date comes from.
pub type DateSource = Provenance;

/// The role of a block of text in the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Headline,
    /// Summary bullets or a dek under the headline.
    Standfirst,
    /// A section heading inside the article.
    Heading,
    /// A photo caption, kept apart from the article's own prose.
    Caption,
    /// The article's prose.
    Body,
}

/// A paragraph-like unit of the cleaned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Where it is in [`Document::text`].
    pub span: Span,
    /// Where it came from in the original file (bytes).
    pub source: Span,
}

/// A sentence of the cleaned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub span: Span,
    /// Index into [`Document::blocks`].
    pub block: usize,
}

/// A stretch of a document's cleaned text copied verbatim from its file (see
/// [`Document::origins`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    /// Where it is in [`Document::text`].
    pub text: Span,
    /// Where it starts in the file (bytes after a byte-order mark).
    pub file_start: usize,
}

impl Origin {
    /// Where it is in the file.
    pub fn file(self) -> Span {
        Span::new(self.file_start, self.file_start + self.text.len())
    }
}

/// Why a line of the file is not in the cleaned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// Page furniture: subscription prompts, player and share widgets, comment counts.
    SiteChrome,
    /// The site's navigation path above the headline.
    Breadcrumb,
    /// The headline printed again.
    RepeatedHeadline,
    /// A caption or paragraph printed again.
    RepeatedText,
    /// A copyright line.
    Copyright,
    /// Everything after the article's end: "Read the full article here", comments, "About Us".
    Footer,
    /// A dateline or byline, kept as metadata rather than text.
    Metadata,
}

impl RemovalReason {
    /// A short phrase for readers.
    pub fn label(self) -> &'static str {
        match self {
            RemovalReason::SiteChrome => "site widget",
            RemovalReason::Breadcrumb => "navigation",
            RemovalReason::RepeatedHeadline => "repeated headline",
            RemovalReason::RepeatedText => "repeated text",
            RemovalReason::Copyright => "copyright",
            RemovalReason::Footer => "after the article",
            RemovalReason::Metadata => "kept as metadata",
        }
    }
}

/// A line of the file left out of the cleaned text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Removal {
    pub text: String,
    pub reason: RemovalReason,
    /// Where it was in the original file (bytes).
    pub source: Span,
}

impl Document {
    pub fn blocks_of(&self, kind: BlockKind) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }

    /// The sentences of the article's prose, in order.
    pub fn body_sentences(&self) -> impl Iterator<Item = &str> {
        self.sentences
            .iter()
            .filter(|s| self.blocks[s.block].kind == BlockKind::Body)
            .map(|s| s.span.of(&self.text))
    }

    /// The text of a span of this document.
    pub fn slice(&self, span: Span) -> &str {
        span.of(&self.text)
    }

    /// Where `span` of [`Document::text`] came from in the file (bytes after a byte-order mark):
    /// from where its first character was copied to where its last was. A span inside one line
    /// of the file cuts the same text there; one across a hard-wrapped paragraph's lines also
    /// takes the line breaks between them (and any line the cleaner left out in between). A
    /// span that starts or ends on a separator moves to the nearest copied text inside it.
    pub fn file_span(&self, span: Span) -> Span {
        // The first stretch that ends after the start, the last that starts before the end.
        let start = match self
            .origins
            .get(self.origins.partition_point(|o| o.text.end <= span.start))
        {
            Some(o) => o.file_start + span.start.saturating_sub(o.text.start),
            None => self.origins.last().map_or(0, |o| o.file().end),
        };
        if span.is_empty() {
            return Span::new(start, start);
        }
        let end = match self
            .origins
            .partition_point(|o| o.text.start < span.end)
            .checked_sub(1)
            .map(|i| self.origins[i])
        {
            Some(o) => o.file_start + (span.end.min(o.text.end) - o.text.start),
            None => start,
        };
        Span::new(start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::{load, Manifest, SourceFile};
    use crate::span::Span;

    #[test]
    fn spans_of_the_text_map_back_to_the_file() {
        let raw = "Drones hit Kyiv\r\n\n  The envoy landed in Moscow\nShare\non Thursday, officials said.  \n• Kyiv says troops withdrew\n";
        let corpus = load(
            &[SourceFile {
                name: "a.txt",
                bytes: raw.as_bytes(),
            }],
            &Manifest::default(),
        );
        let d = &corpus.documents[0];
        assert_eq!(d.text, "Drones hit Kyiv\n\nThe envoy landed in Moscow on Thursday, officials said.\n\nKyiv says troops withdrew");
        for o in &d.origins {
            assert_eq!(o.file().of(raw), d.slice(o.text));
        }
        let file = |needle: &str| {
            let at = d.text.find(needle).unwrap();
            d.file_span(Span::new(at, at + needle.len())).of(raw)
        };
        assert_eq!(file("Kyiv"), "Kyiv");
        assert_eq!(file("Moscow"), "Moscow");
        assert_eq!(file("officials said."), "officials said.");
        assert_eq!(file("troops"), "troops");
        // Across the joined lines: the line breaks, and the widget left out between them.
        assert_eq!(file("Moscow on Thursday"), "Moscow\nShare\non Thursday");
        // Starting on the joining space, ending on a block's blank line.
        let at = d.text.find(" on Thursday").unwrap();
        assert_eq!(d.file_span(Span::new(at, at + 1)).of(raw), "");
        let end = d.text.find("\n\nKyiv says").unwrap();
        assert_eq!(
            d.file_span(Span::new(at, end + 1)).of(raw),
            "on Thursday, officials said."
        );
        assert_eq!(
            d.file_span(Span::new(0, d.text.len())),
            Span::new(0, raw.trim_end().len())
        );
    }
}
