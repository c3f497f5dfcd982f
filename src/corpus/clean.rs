//! Turns a web copy of a news article into clean text.
//!
//! Web copies are the article's lines interleaved with page furniture. The cleaner classifies
//! each line with rules that hold across news sites (not keyed to one site's wording where a
//! general shape exists): one-line widgets are dropped, an end-of-article marker ("Read the full
//! article here", "Leave a Comment", "About Us") drops everything after it, datelines and
//! bylines become metadata, credited photo captions are kept apart, and a dateline after body
//! text starts a new article (web pages often glue the next story under the first).

use super::diagnostic::Diagnostic;
use super::document::{
    Block, BlockKind, Document, Origin, Provenance, Removal, RemovalReason, Sentence,
};
use super::manifest::Manifest;
use crate::casefold::lower_for_ascii;
use crate::date::Date;
use crate::sentences;
use crate::span::Span;

/// One-line page widgets, compared case-insensitively with the whole trimmed line.
const WIDGET_LINES: &[&str] = &[
    "subscribe",
    "subscribe us",
    "subscribe now",
    "sign up",
    "sign in",
    "log in",
    "listen to this article",
    "listen",
    "play",
    "pause",
    "share",
    "share.",
    "share this",
    "share this article",
    "follow",
    "follow us",
    "short url",
    "text size",
    "print",
    "email",
    "advertisement",
    "ad",
    "skip to content",
    "menu",
    "close",
    "comments",
    "show comments",
    "copy link",
    "link copied",
];

/// Lines after which the article is over: what follows is comments, related links or the footer.
const END_MARKERS: &[&str] = &[
    "read the full article here",
    "read the full article",
    "read more",
    "related posts",
    "related posts:",
    "related articles",
    "related",
    "you may also like",
    "more stories",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "about us",
    "do you like the content of this article?",
    "recommended",
    "trending",
];

/// Words of a photo credit, the parenthesis that ends a caption: "(AFP)", "(… via REUTERS)".
const CREDIT_WORDS: &[&str] = &[
    "afp",
    "ap",
    "reuters",
    "getty",
    "images",
    "handout",
    "photo",
    "photos",
    "epa",
    "shutterstock",
    "via",
    "tass",
    "ria",
    "sputnik",
    "xinhua",
    "anadolu",
    "bloomberg",
    "file",
];

/// Words a dateline may start with before its date.
const DATELINE_PREFIXES: &[&str] = &[
    "",
    "updated",
    "published",
    "posted",
    "last updated",
    "first published",
    "updated on",
    "published on",
    "posted on",
    "date",
];

#[derive(Debug)]
enum Line<'a> {
    Dateline(Date),
    Byline(&'a str),
    Removed(RemovalReason),
    Caption,
    Bullet(&'a str),
    Text,
}

#[derive(Default)]
struct Draft {
    headline: Option<(String, Span)>,
    /// Each block's kind, text, source lines and the file spans its text was copied from (one
    /// per line: a hard-wrapped paragraph's lines are joined by a space).
    blocks: Vec<(BlockKind, String, Span, Vec<Span>)>,
    removed: Vec<Removal>,
    dateline: Option<(Date, String)>,
    byline: Option<String>,
    outlet: Option<(String, String)>,
}

impl Draft {
    fn has_body(&self) -> bool {
        self.blocks.iter().any(|(k, ..)| *k == BlockKind::Body)
    }

    /// A text whose only line is shaped like a headline but written as a sentence ("Rioters set
    /// fire to three trucks in Dinajpur in the morning", a report or a wire line without its
    /// full stop) is that sentence, not a headline over nothing. A title-cased line ("Just A
    /// Headline") stays a headline, and the text has no article.
    fn read_lone_sentence_as_body(&mut self) -> bool {
        let lone_sentence = self.blocks.is_empty()
            && self
                .headline
                .as_ref()
                .is_some_and(|(line, _)| !is_title_cased(line));
        if !lone_sentence {
            return false;
        }
        let Some((line, source)) = self.headline.take() else {
            return false;
        };
        self.blocks
            .push((BlockKind::Body, line, source, vec![source]));
        true
    }

    fn remove(&mut self, text: &str, reason: RemovalReason, source: Span) {
        self.removed.push(Removal {
            text: text.to_owned(),
            reason,
            source,
        });
    }

    fn already_has(&self, text: &str) -> bool {
        self.headline.as_ref().is_some_and(|(h, _)| h == text)
            || self.blocks.iter().any(|(_, t, ..)| t == text)
    }
}

/// Cleans one file's text into its documents (usually one), with diagnostics.
pub(super) fn clean(
    stem: &str,
    file: &str,
    raw: &str,
    manifest: &Manifest,
) -> (Vec<Document>, Vec<Diagnostic>) {
    let lines = lines_with_spans(raw);
    let mut drafts = vec![Draft::default()];
    let mut in_footer = false;
    for (index, &(line, source)) in lines.iter().enumerate() {
        let draft = drafts.last_mut().expect("at least one draft");
        match classify(line, &lines, index) {
            Line::Dateline(date) if draft.has_body() => {
                // A new article starts; its headline is the heading-like text just above.
                let mut next = Draft {
                    dateline: Some((date, line.to_owned())),
                    ..Draft::default()
                };
                next.remove(line, RemovalReason::Metadata, source);
                if let Some(pos) = draft
                    .blocks
                    .iter()
                    .rposition(|(k, ..)| *k != BlockKind::Heading)
                {
                    if pos + 1 < draft.blocks.len() {
                        // A heading is one line (a continued one is body text).
                        let (_, text, span, _) = draft.blocks.remove(pos + 1);
                        next.headline = Some((text, span));
                    }
                }
                drafts.push(next);
                in_footer = false;
            }
            Line::Dateline(date) => {
                if draft.dateline.is_none() {
                    draft.dateline = Some((date, line.to_owned()));
                }
                draft.remove(line, RemovalReason::Metadata, source);
            }
            Line::Removed(RemovalReason::Copyright) => {
                if draft.outlet.is_none() {
                    draft.outlet = outlet_from_copyright(line).map(|o| (o, line.to_owned()));
                }
                draft.remove(line, RemovalReason::Copyright, source);
                // Above the story, a © line credits a photo and a footer-like line is page
                // chrome: the article is still to come, so neither ends it.
                in_footer = draft.has_body();
            }
            Line::Removed(RemovalReason::Footer) => {
                draft.remove(line, RemovalReason::Footer, source);
                in_footer = draft.has_body();
            }
            _ if in_footer => draft.remove(line, RemovalReason::Footer, source),
            Line::Removed(reason) => draft.remove(line, reason, source),
            Line::Byline(name) if draft.byline.is_none() && !draft.has_body() => {
                draft.byline = Some(name.to_owned());
                draft.remove(line, RemovalReason::Metadata, source);
            }
            Line::Caption if draft.already_has(line) => {
                draft.remove(line, RemovalReason::RepeatedText, source)
            }
            Line::Caption => {
                draft
                    .blocks
                    .push((BlockKind::Caption, line.to_owned(), source, vec![source]))
            }
            // The item ends the line: its mark and the space after it are left out.
            Line::Bullet(item) => draft.blocks.push((
                BlockKind::Standfirst,
                item.to_owned(),
                source,
                vec![Span::new(source.end - item.len(), source.end)],
            )),
            Line::Byline(_) | Line::Text => add_text(draft, line, source),
        }
    }

    let mut documents = Vec::new();
    let mut diagnostics = Vec::new();
    let article_count = drafts.len();
    if let [draft] = drafts.as_mut_slice() {
        if draft.read_lone_sentence_as_body() {
            diagnostics.push(Diagnostic::warning(
                file,
                "one line with no closing full stop: read as the article's text, not as its headline",
            ));
        }
    }
    for (n, draft) in drafts.into_iter().enumerate() {
        let id = if n == 0 {
            stem.to_owned()
        } else {
            format!("{stem}-{}", n + 1)
        };
        if !draft.has_body() {
            if draft.blocks.is_empty() && n > 0 {
                continue;
            }
            diagnostics.push(Diagnostic::error(
                file,
                format!("no article text found in {id} (only {} line(s) of headline, captions or page chrome)", draft.blocks.len()),
            ));
            continue;
        }
        let document = finish(id, file, draft, manifest);
        if document.published.is_none() {
            diagnostics.push(Diagnostic::warning(
                &document.id,
                "no publication date in the text or manifest: relative dates (\"on Tuesday\") stay open",
            ));
        }
        documents.push(document);
    }
    if article_count > 1 && documents.len() > 1 {
        let list: Vec<String> = documents
            .iter()
            .map(|d| {
                format!(
                    "{} ({})",
                    d.id,
                    d.published
                        .map_or_else(|| "undated".to_owned(), |p| p.to_string())
                )
            })
            .collect();
        diagnostics.push(Diagnostic::note(
            file,
            format!(
                "the file holds {} articles, loaded apart: {}",
                documents.len(),
                list.join(", ")
            ),
        ));
    }
    (documents, diagnostics)
}

/// Adds a line of plain text: a headline, a repeat of one, a heading, or prose (which may
/// continue a hard-wrapped paragraph).
fn add_text(draft: &mut Draft, line: &str, source: Span) {
    let repeats_headline = draft
        .headline
        .as_ref()
        .is_some_and(|(h, _)| h.eq_ignore_ascii_case(line));
    if repeats_headline {
        return draft.remove(line, RemovalReason::RepeatedHeadline, source);
    }
    if draft.already_has(line) {
        return draft.remove(line, RemovalReason::RepeatedText, source);
    }
    if draft.headline.is_none() && draft.blocks.is_empty() && looks_like_title(line, 25) {
        draft.headline = Some((line.to_owned(), source));
        return;
    }
    // A line that starts in lower case continues a hard-wrapped paragraph, even one whose first
    // line was short enough to pass for a heading.
    if let Some((kind @ (BlockKind::Body | BlockKind::Heading), text, span, pieces)) =
        draft.blocks.last_mut()
    {
        let continues = !ends_sentence(text)
            && line.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit());
        if continues && span.end <= source.start {
            *kind = BlockKind::Body;
            text.push(' ');
            text.push_str(line);
            span.end = source.end;
            pieces.push(source);
            return;
        }
    }
    let kind = if looks_like_title(line, 14) {
        BlockKind::Heading
    } else {
        BlockKind::Body
    };
    draft
        .blocks
        .push((kind, line.to_owned(), source, vec![source]));
}

fn finish(id: String, file: &str, draft: Draft, manifest: &Manifest) -> Document {
    let entry = manifest.get(&id);
    let mut text = String::new();
    let mut blocks = Vec::new();
    let mut origins = Vec::new();
    let mut push =
        |kind: BlockKind, block_text: &str, source: Span, pieces: &[Span], text: &mut String| {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(block_text);
            blocks.push(Block {
                kind,
                span: Span::new(start, text.len()),
                source,
            });
            // The block's text is its pieces joined by single spaces.
            let mut at = start;
            for piece in pieces {
                origins.push(Origin {
                    text: Span::new(at, at + piece.len()),
                    file_start: piece.start,
                });
                at += piece.len() + 1;
            }
        };
    if let Some((headline, source)) = &draft.headline {
        push(
            BlockKind::Headline,
            headline,
            *source,
            &[*source],
            &mut text,
        );
    }
    for (kind, block_text, source, pieces) in &draft.blocks {
        push(*kind, block_text, *source, pieces, &mut text);
    }
    let sentences = blocks
        .iter()
        .enumerate()
        .flat_map(|(i, b)| {
            sentences::split(&text, b.span)
                .into_iter()
                .map(move |span| Sentence { span, block: i })
        })
        .collect();

    let (headline, headline_source) =
        match (&draft.headline, entry.and_then(|e| e.headline.as_ref())) {
            (Some((h, _)), _) => (h.clone(), Provenance::Text(h.clone())),
            (None, Some(h)) => (
                h.clone(),
                Provenance::Manifest(
                    entry
                        .and_then(|e| e.headline_note.clone())
                        .unwrap_or_default(),
                ),
            ),
            (None, None) => (lead_as_headline(&draft), Provenance::Unknown),
        };
    let (published, date_source) = match (
        &draft.dateline,
        entry.and_then(|e| e.published.map(|p| (p, e))),
    ) {
        (Some((date, line)), _) => (Some(*date), Provenance::Text(line.clone())),
        (None, Some((date, e))) => (
            Some(date),
            Provenance::Manifest(e.date_note.clone().unwrap_or_default()),
        ),
        (None, None) => (None, Provenance::Unknown),
    };
    let (outlet, outlet_source) = match (entry.and_then(|e| e.outlet.clone()), &draft.outlet) {
        (Some(outlet), _) => (Some(outlet), Provenance::Manifest("manifest.json".into())),
        (None, Some((outlet, line))) => (Some(outlet.clone()), Provenance::Text(line.clone())),
        (None, None) => (None, Provenance::Unknown),
    };
    Document {
        id,
        file: file.to_owned(),
        headline,
        headline_source,
        outlet,
        outlet_source,
        byline: draft.byline,
        url: entry.and_then(|e| e.url.clone()),
        published,
        date_source,
        text,
        blocks,
        sentences,
        origins,
        removed: draft.removed,
    }
}

/// A stand-in headline when neither the text nor the manifest has one: the lead's first words.
fn lead_as_headline(draft: &Draft) -> String {
    let lead = draft
        .blocks
        .iter()
        .find(|(k, ..)| *k == BlockKind::Body)
        .map_or("", |(_, t, ..)| t.as_str());
    // Thirteen words tell whether there are more than twelve.
    let words: Vec<&str> = lead.split_whitespace().take(13).collect();
    if words.len() <= 12 {
        words.join(" ")
    } else {
        let mut lead = words[..12].join(" ");
        lead.push('…');
        lead
    }
}

/// The longest line read as a copyright notice: "© 2025 The Example Post. All rights reserved.
/// This material may not be published, broadcast, rewritten or redistributed." is about 120.
const COPYRIGHT_NOTICE_MAX: usize = 240;

fn classify<'a>(line: &'a str, lines: &[(&str, Span)], index: usize) -> Line<'a> {
    let lower = lower_for_ascii(line);
    if let Some(date) = dateline(line) {
        return Line::Dateline(date);
    }
    // A notice is a line of its own; a paragraph that merely ends with one (web copies often
    // run the whole story into one line) is the story.
    let notice_sized = line.len() <= COPYRIGHT_NOTICE_MAX;
    if (notice_sized && (lower.contains('©') || lower.contains("all rights reserved")))
        || lower.starts_with("copyright")
        || lower.starts_with('©')
    {
        return Line::Removed(RemovalReason::Copyright);
    }
    if END_MARKERS.contains(&lower.as_str()) {
        return Line::Removed(RemovalReason::Footer);
    }
    if WIDGET_LINES.contains(&lower.as_str()) || is_comment_count(&lower) {
        return Line::Removed(RemovalReason::SiteChrome);
    }
    if is_breadcrumb(line, lines, index) {
        return Line::Removed(RemovalReason::Breadcrumb);
    }
    if let Some(name) = line
        .strip_prefix("by ")
        .or_else(|| line.strip_prefix("By "))
    {
        let words: Vec<&str> = name.split_whitespace().collect();
        if (1..=4).contains(&words.len()) && words.iter().all(|w| w.starts_with(char::is_uppercase))
        {
            return Line::Byline(name.trim());
        }
    }
    if is_caption(line) {
        return Line::Caption;
    }
    for bullet in ["• ", "•", "▪ ", "● ", "* ", "- ", "– "] {
        if let Some(item) = line.strip_prefix(bullet) {
            return Line::Bullet(item.trim_start());
        }
    }
    Line::Text
}

/// A line that is only a date, maybe after "Updated" or "Published" and before a time.
fn dateline(line: &str) -> Option<Date> {
    if line.len() > 60 {
        return None;
    }
    let (date, span) = Date::find_in(line)?;
    let prefix = lower_for_ascii(
        line[..span.start]
            .trim()
            .trim_end_matches([':', ',', '|'])
            .trim(),
    );
    let suffix_is_time = line[span.end..]
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || ":,.|-apmgtucAPMGTUC".contains(c));
    (DATELINE_PREFIXES.contains(&prefix.as_str()) && suffix_is_time).then_some(date)
}

/// "0 comments", "14 Comments:", "COMMENT (14)".
fn is_comment_count(lower: &str) -> bool {
    // Two words exactly; every line is asked, so a paragraph's words are not collected.
    let mut words = lower.trim_end_matches(':').split_whitespace();
    let (Some(first), Some(second), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    match (first, second) {
        (n, word) if n.parse::<u32>().is_ok() => word.starts_with("comment"),
        (word, n) if word.starts_with("comment") => {
            n.trim_matches(['(', ')']).parse::<u32>().is_ok()
        }
        _ => false,
    }
}

/// A site's navigation path printed above the article: "Home › World › <headline>", recognised
/// by starting with "Home" and ending with another line of the page.
fn is_breadcrumb(line: &str, lines: &[(&str, Span)], index: usize) -> bool {
    let Some(rest) = line.strip_prefix("Home") else {
        return false;
    };
    rest.starts_with([' ', '›', '>', '/', '»', '|'])
        && lines.iter().enumerate().any(|(i, (other, _))| {
            i != index && other.len() >= 20 && other.len() < line.len() && line.ends_with(other)
        })
}

/// A photo caption: a line that ends with a parenthesised credit such as "(AFP)" or
/// "(Russian Defence Ministry/Handout via REUTERS)".
fn is_caption(line: &str) -> bool {
    // A caption is a sentence or two; a story run into one line that ends with its photo
    // credit is still the story.
    if line.len() > 400 || line.matches(". ").count() > 2 {
        return false;
    }
    let Some(inner) = line
        .strip_suffix(')')
        .and_then(|l| l.rsplit_once('('))
        .map(|(_, inner)| inner)
    else {
        return false;
    };
    inner.len() <= 80
        && inner
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| CREDIT_WORDS.contains(&lower_for_ascii(word).as_str()))
}

/// Short, with no sentence-ending punctuation, starting with a capital or digit: a title.
fn looks_like_title(line: &str, max_words: usize) -> bool {
    // The ends first: they settle most lines (prose ends its sentence) without reading the
    // line. Counting stops past the limit: a paragraph's words need not all be counted.
    !ends_sentence(line)
        && !line.ends_with([',', ';', ':'])
        && line.starts_with(|c: char| {
            c.is_uppercase() || c.is_ascii_digit() || c == '‘' || c == '“' || c == '"'
        })
        && line.split_whitespace().take(max_words + 1).count() <= max_words
}

/// Whether most of a line's words start with a capital, as a headline's do in title case.
fn is_title_cased(line: &str) -> bool {
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| {
            w.trim_start_matches(|c: char| !c.is_alphanumeric())
                .starts_with(char::is_uppercase)
        })
        .count();
    2 * capitalised > words.len()
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?'])
        || text.ends_with(['.', '!', '?'])
}

/// The lines of `raw`, trimmed (non-breaking spaces included), with their byte spans in `raw`;
/// blank lines are left out.
fn lines_with_spans(raw: &str) -> Vec<(&str, Span)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in raw.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if !trimmed.is_empty() {
            let start = offset + (content.len() - content.trim_start().len());
            out.push((trimmed, Span::new(start, start + trimmed.len())));
        }
        offset += line.len();
    }
    out
}

/// "2025 © Prices.com LLC. All Rights Reserved." → "Prices.com".
fn outlet_from_copyright(line: &str) -> Option<String> {
    let after = line.split_once('©').map_or(line, |(_, after)| after);
    let after = after.trim_start_matches(|c: char| !c.is_alphabetic());
    let lower = after.to_ascii_lowercase();
    let end = ["all rights reserved", ". ", " |"]
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
        .unwrap_or(after.len());
    let mut name = after[..end].trim().trim_end_matches(['.', ',']).trim();
    for suffix in [" LLC", " Inc", " Ltd", " Limited", " GmbH", " Corp", " Co"] {
        name = name.strip_suffix(suffix).unwrap_or(name);
    }
    let name = name.trim();
    (!name.is_empty() && name.split_whitespace().count() <= 6).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        assert_eq!(dateline("Updated 13 March 2025"), "2025-03-13".parse().ok());
        assert_eq!(
            dateline("Published: March 13, 2025 10:42 am GMT"),
            "2025-03-13".parse().ok()
        );
        assert_eq!(
            dateline("The talks began on 13 March 2025 in Jeddah."),
            None
        );
    }

    #[test]
    fn comment_counts() {
        for yes in ["0 comments", "14 comments:", "comment (14)", "comments (2)"] {
            assert!(is_comment_count(yes), "{yes}");
        }
        assert!(!is_comment_count("no comment was made"));
    }

    #[test]
    fn captions_need_a_credit() {
        assert!(is_caption("Troops in Sudzha. (AFP)"));
        assert!(is_caption(
            "A soldier walks. (Russian Defence Ministry/Handout via REUTERS)"
        ));
        assert!(!is_caption(
            "Kyiv launched the raid (its first) in August (2024)"
        ));
    }

    #[test]
    fn outlets_from_copyright_lines() {
        assert_eq!(
            outlet_from_copyright("2025 © Prices.com LLC. All Rights Reserved.").as_deref(),
            Some("Prices.com")
        );
        assert_eq!(
            outlet_from_copyright("© 2024 The Moscow Times | All rights reserved").as_deref(),
            Some("The Moscow Times")
        );
        assert_eq!(outlet_from_copyright("Copyright ©").as_deref(), None);
        // Lowercasing "İ" lengthens it; offsets found in a Unicode-lowercased copy once cut the
        // line inside "Ü".
        assert_eq!(
            outlet_from_copyright("© İİİ. Ümit Media").as_deref(),
            Some("İİİ")
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let raw = "A headline\n\nThe envoy landed in Moscow\non Thursday, officials said.\nA new paragraph starts here.";
        let (docs, _) = clean("x", "x.txt", raw, &Manifest::default());
        let body: Vec<&str> = docs[0]
            .blocks_of(BlockKind::Body)
            .map(|b| docs[0].slice(b.span))
            .collect();
        assert_eq!(
            body,
            [
                "The envoy landed in Moscow on Thursday, officials said.",
                "A new paragraph starts here."
            ]
        );
    }
}
