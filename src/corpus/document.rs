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
}
