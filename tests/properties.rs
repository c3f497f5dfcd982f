//! Property-based tests of the pipeline core on arbitrary input (issue 7, "Fuzzing").
//!
//! Each property runs the core on generated input and checks what the API promises: it never
//! panics, and every span it returns (document blocks and sentences, toponyms, time expressions,
//! fact excerpts, triggers, summaries, site mentions, flags) lies on char boundaries, inside its
//! text, in order where the API promises order, and cuts exactly the text it claims. Round trips
//! (a view's query string) hold.
//!
//! - the cleaner: `corpus::load` on arbitrary bytes (invalid UTF-8, huge lines, lone CR, CRLF,
//!   BOMs, NULs, mixed scripts), with a good file beside it that must load unchanged;
//! - the sentence splitter, `sentences::split`;
//! - the geoparser, `Geoparser::parse`/`records` over the real `public/gazetteer.bin`;
//! - the date resolver, `when::find(text, published)` with publication dates from year 1 to
//!   9999, 29 February and none;
//! - the facts, `facts::extract` over a corpus loaded from generated articles (file names that
//!   collide included), with the real geoparser's toponyms, the GeoJSON export, and the map's
//!   places (`places::map_places`) from the same toponyms;
//! - the facts stream (`factmap facts --jsonl`), `stream::facts_of_line` on arbitrary lines
//!   (articles as JSON with ids that repeat and dates good and bad, broken JSON, any bytes): one
//!   output per non-blank line, every span a slice of the line's own text; and `stream::run`
//!   writes the same on one thread and three;
//! - the address bar, `permalink::ViewState::from_query` on arbitrary strings and
//!   `to_query` → `from_query` for generated states.
//!
//! Generated text mixes news fragments (the shipped corpus's own sentences, "Kyiv", "Sudzha",
//! "Kursk region", "U.S.", weekdays, "overnight into Thursday", "said on Tuesday", “quotes”,
//! possessive ’s, datelines, bylines, widgets, any name of the gazetteer) with arbitrary Unicode
//! and characters whose case mapping changes their length (İ, K, ẞ), so the search reaches the
//! interesting code paths.
//!
//! The case counts (2,000 to 10,000 a property) keep `cargo test --release --locked --test
//! properties` to about 20 seconds on the 2-core CI machine, and the seed is fixed, so CI runs
//! the same cases every time. For a longer search set `PROPTEST_CASES`, which then applies to
//! every property, and for new cases `PROPTEST_RNG_SEED` (the other `PROPTEST_*` variables of
//! proptest work too):
//!
//! ```text
//! PROPTEST_CASES=50000 PROPTEST_RNG_SEED=$RANDOM cargo test --release --locked --test properties
//! ```
//!
//! 50,000 cases take about 3 minutes; a debug build (`cargo test --test properties`) also checks
//! arithmetic overflow. A failure prints the shrunk input; pin it as a plain `#[test]` next to
//! the module it breaks (failures are not persisted to files).
// proptest is a native dev-dependency: these run with `cargo test`, not in the browser.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, RngSeed};

use factmap::corpus::{
    self, BlockKind, Corpus, Document, Manifest, ManifestEntry, Provenance, Severity, SourceFile,
};
use factmap::date::{days_in_month, Date};
use factmap::facts::{self, EventKind, FactFilter};
use factmap::gazetteer::Gazetteer;
use factmap::geoparse::{self, Geoparser};
use factmap::map_layers::{Zoom, MAX_ZOOM, WIDE};
use factmap::permalink::ViewState;
use factmap::places;
use factmap::sentences;
use factmap::span::Span;
use factmap::stream::{self, Output, SeenIds};
use factmap::when::{self, DatePrecision};

// -------------------------------------------------------------------------------------------
// Set-up

/// The config of a property: `default_cases` from a fixed seed unless `PROPTEST_CASES` and
/// `PROPTEST_RNG_SEED` say otherwise.
fn config(default_cases: u32) -> ProptestConfig {
    let mut config = ProptestConfig::default(); // reads PROPTEST_CASES and the other PROPTEST_*
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = default_cases;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(7);
    }
    config.failure_persistence = None;
    config
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        Gazetteer::decode(include_bytes!("../public/gazetteer.bin"))
            .expect("public/gazetteer.bin decodes")
    })
}

fn parser() -> &'static Geoparser<'static> {
    static P: OnceLock<Geoparser<'static>> = OnceLock::new();
    P.get_or_init(|| Geoparser::new(gazetteer()))
}

/// The shipped corpus's sentences: real news prose for the generators to mix.
fn shipped_sentences() -> &'static Vec<String> {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        let corpus = corpus::shipped();
        corpus
            .documents
            .iter()
            .flat_map(|d| d.sentences.iter().map(|s| d.slice(s.span).to_owned()))
            .collect()
    })
}

// -------------------------------------------------------------------------------------------
// Generators

const PLACES: &[&str] = &[
    "Kyiv",
    "Sudzha",
    "Kursk region",
    "Kursk",
    "the Kursk region",
    "U.S.",
    "the U.S.",
    "Moscow",
    "Jeddah",
    "Sumy oblast",
    "Sumy region",
    "Kharkiv",
    "Odesa",
    "Kryvyi Rih",
    "Dnipro",
    "Washington",
    "Saudi Arabia",
    "Russia",
    "Ukraine",
    "Belarus",
    "Kaluga region",
    "Bryansk region",
    "Obukhovo",
    "Helsinki",
    "Finland",
    "United Arab Emirates",
    "Київ",
    "Москва",
    "Russia’s",
    "Ukraine's",
    "Moscow’s",
    "Russian",
    "Ukrainian",
    "the town",
    "the region",
    "there",
    "Paris",
    "Paris Hilton",
    "George Washington",
    "Washington Post",
    "Isle of Man",
    "Rostov-on-Don",
    "Main Street",
    "Orange County",
    "MOSCOW",
    "KYIV, Ukraine",
    "Kursk Governor",
    "U.S. President",
    "Georgia",
    "Jordan",
    "Sudzha district",
    "Malaya Loknya",
];

const TIMES: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "on Tuesday",
    "late Wednesday",
    "early Thursday",
    "overnight into Thursday",
    "overnight",
    "last night",
    "the night of Wednesday to Thursday",
    "Tuesday night",
    "Wednesday last week",
    "last Tuesday",
    "next Tuesday",
    "this week",
    "last week",
    "earlier this week",
    "later this week",
    "two weeks ago",
    "12 weeks ago",
    "three days ago",
    "999 days ago",
    "0 days ago",
    "a year ago",
    "99 years ago",
    "two months ago",
    "three years after the invasion",
    "two days later",
    "in 2022",
    "since 2014",
    "August 2024",
    "March 11",
    "11 March 2025",
    "March 11, 2025",
    "Mar. 13, 2025",
    "Feb. 29",
    "February 29, 2024",
    "February 29",
    "29 February 2023",
    "31 June",
    "2025-03-13",
    "2025-02-30",
    "last August",
    "mid-March",
    "mid-2100",
    "in 9999",
    "December 31, 9999",
    "January 1, 0001",
    "yesterday",
    "tomorrow",
    "today",
    "Tuesday’s",
    "Tuesday, March 11",
    "Good Friday",
    "Black Friday",
    "May 9",
    "in May",
    "may",
    "March",
    "will",
    "is expected to",
    "is due to",
    "plans to",
    "is scheduled",
    "is to",
    "early on",
    "mid-",
    "last",
    "next",
    "this",
];

const EVENTS: &[&str] = &[
    "retook",
    "seized",
    "captured",
    "recaptured",
    "took control of",
    "the recapture of",
    "the fall of",
    "struck",
    "attacked",
    "a drone attack on",
    "missiles hit",
    "shelled",
    "air raid",
    "visited",
    "arrived in",
    "landed in",
    "touched down in",
    "met",
    "talks",
    "held talks in",
    "a phone call",
    "destroyed",
    "damaged",
    "killed",
    "injured",
    "aid",
    "weapons",
    "funding",
    "suspended",
    "withdrew from",
    "advanced on",
    "pushed into",
    "an incursion into",
    "rejected",
    "demanded",
    "warned",
    "threatened",
    "launched",
    "troops",
];

const SAYING: &[&str] = &[
    "said",
    "said on Tuesday",
    "said on Wednesday that",
    "told reporters",
    "according to",
    "claimed",
    "claims",
    "Russia’s Defense Ministry said",
    "the Defense Ministry said in a statement Thursday on Telegram",
    "Zelensky said",
    "Putin",
    "President Vladimir Putin",
    "Trump’s special envoy Steve Witkoff",
    "Witkoff",
    "Syrskyi’s aide",
    "the Kremlin",
    "Gen. Sherman",
    "Mr. Smith",
    "officials said",
    "couldn’t be independently verified",
    "reportedly",
    "allegedly",
    "could not be verified",
    "it said",
    "he said",
    "they",
    "that",
    "former",
    "ex-",
    "Prime Minister",
    "Kremlin leader",
    "Russian media reported",
];

const PUNCTUATION: &[&str] = &[
    "“", "”", "‘", "’", "’s", "'s", "\"", "'", ".", ". ", ", ", ",", "; ", ": ", "(", ")", "[",
    "]", "«", "»", "—", "–", "-", "!", "?", "...", "…", "?!", ".”", "”.", "%", "2,000", "30%",
    "Su-34", "No. 5", "e.g.", "J.", "St.",
];

/// What the cleaner looks for: datelines, bylines, widgets, end markers, captions, bullets.
const CLEANER_LINES: &[&str] = &[
    "Updated 13 March 2025",
    "Published: March 13, 2025 10:42 am GMT",
    "Updated 03 February 2026",
    "Posted: March 9, 2025.",
    "2025-03-13",
    "By John Smith",
    "by Adedamola Adeniji",
    "By",
    "Share",
    "Share.",
    "Play",
    "Pause",
    "Follow",
    "Subscribe Us",
    "Listen to this article",
    "0 comments",
    "14 Comments:",
    "COMMENT (14)",
    "Read the full article here",
    "Read more",
    "Leave a Reply",
    "About Us",
    "© 2025 Reuters. All rights reserved.",
    "2025 © Prices.com LLC. All Rights Reserved.",
    "Copyright ©",
    "Troops in Sudzha. (AFP)",
    "A soldier walks. (Russian Defence Ministry/Handout via REUTERS)",
    "• Kyiv says troops withdrew",
    "•",
    "* ",
    "- item",
    "– dash item",
    "Home › World › Russia retakes Sudzha in Kursk region",
    "Russia retakes Sudzha in Kursk region",
    "Home",
    "A Heading",
    "and continues the paragraph in lower case.",
    "2 continues with a number",
];

/// Characters and strings that trip naive text code: case mappings that change byte length,
/// combining marks, zero-width and line separators, NULs, BOMs, RTL and astral scripts.
const ODD: &[&str] = &[
    "İ",
    "İstanbul",
    "K",
    "ẞ",
    "ß",
    "ǅ",
    "ﬁ",
    "Ω",
    "Σ",
    "ς",
    "e\u{301}",
    "\u{301}",
    "\u{200b}",
    "\u{200d}",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{a0}",
    "\u{3000}",
    "\u{0}",
    "\u{feff}",
    "\r",
    "\r\n",
    "\n",
    "\n\n",
    "\t",
    "\u{b}",
    "\u{c}",
    "🙂",
    "🇺🇦",
    "🕊️",
    "\u{10ffff}",
    "\u{fffd}",
    "一",
    "北京",
    "木曜日",
    "在2024年",
    "ا",
    "١٢",
    "٢٠٢٥",
    "Президент",
    "«переговоры»",
    "Ⅻ",
    "①",
    "٣",
    "𝟙𝟚",
    "ǈ",
    "ᾼ",
    "ﬀ",
    "ŉ",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(list).prop_map(str::to_owned)
}

/// A short run of arbitrary characters (any Unicode scalar, biased to edge cases).
fn arbitrary_chars(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..max).prop_map(String::from_iter)
}

/// Any name of the gazetteer, sometimes as a region or a possessive: the geoparser's
/// resolution rules see far more places than the handful above.
fn gazetteer_name() -> impl Strategy<Value = String> {
    (
        any::<prop::sample::Index>(),
        prop::sample::select(vec![
            "",
            "",
            "",
            " region",
            " Oblast",
            "’s",
            " district",
            " County",
            " city",
        ]),
    )
        .prop_map(|(i, suffix)| {
            let places = gazetteer().places();
            format!("{}{suffix}", places[i.index(places.len())].name)
        })
}

/// One piece of news-like text.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => pick(PLACES),
        2 => gazetteer_name(),
        3 => pick(TIMES),
        2 => pick(EVENTS),
        2 => pick(SAYING),
        3 => pick(PUNCTUATION),
        2 => prop::sample::select(shipped_sentences().clone()),
        2 => pick(ODD),
        1 => arbitrary_chars(6),
        2 => "[A-Z][a-z]{1,8}|[a-z]{1,8}|[0-9]{1,5}",
    ]
}

/// What joins two fragments: mostly a space.
fn separator() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        12 => Just(" "),
        2 => Just(""),
        2 => Just(", "),
        2 => Just(". "),
        1 => Just("  "),
        1 => Just("\n"),
        1 => Just("\n\n"),
        1 => Just("; "),
        1 => Just("\u{a0}"),
    ]
}

/// News-like text of up to `max` fragments.
fn news_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec((fragment(), separator()), 0..max).prop_map(|parts| {
        let mut text = String::new();
        for (fragment, separator) in parts {
            text.push_str(&fragment);
            text.push_str(separator);
        }
        text
    })
}

/// Text for the geoparser and the date resolver: mostly news, sometimes anything at all.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => news_text(40),
        1 => any::<String>(),
        1 => arbitrary_chars(60),
    ]
}

/// A publication date: none, the calendar's edges, 29 February, or any day of years 1–9999.
fn published() -> impl Strategy<Value = Option<Date>> {
    let edges = prop::sample::select(vec![
        "0001-01-01",
        "0001-01-07",
        "0001-12-31",
        "0004-02-29",
        "1900-02-28",
        "1900-03-01",
        "2000-02-29",
        "2024-02-29",
        "2025-03-13",
        "2025-01-02",
        "2025-12-31",
        "9996-02-29",
        "9999-01-01",
        "9999-12-25",
        "9999-12-31",
    ])
    .prop_map(|d| Some(d.parse::<Date>().expect("edge date parses")));
    prop_oneof![
        2 => Just(None),
        3 => edges,
        3 => any_date().prop_map(Some),
    ]
}

/// Any day of years 1–9999.
fn any_date() -> impl Strategy<Value = Date> {
    (1i32..=9999, 1u32..=12, 1u32..=31)
        .prop_map(|(y, m, d)| Date::new(y, m, d.min(days_in_month(y, m))).expect("a valid day"))
}

/// A dateline the cleaner reads, in one of the forms articles print.
fn dateline(date: Date) -> impl Strategy<Value = String> {
    let long = date.long_form();
    let iso = date.to_string();
    let month = long.split(' ').nth(1).unwrap_or("March").to_owned();
    let us = format!("{month} {}, {}", date.day(), date.year());
    prop::sample::select(vec![
        format!("Updated {long}"),
        format!("Published: {us} 10:42 am GMT"),
        iso,
        format!("Posted on {long}"),
    ])
}

/// A line of an article file.
fn article_line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => news_text(25).prop_map(|t| t.replace('\n', " ")),
        2 => pick(CLEANER_LINES),
        1 => any_date().prop_flat_map(dateline),
        1 => pick(ODD),
        1 => arbitrary_chars(30),
    ]
}

/// An article file's text: an optional BOM, headline and dateline, then lines joined by every
/// kind of line break.
fn article() -> impl Strategy<Value = String> {
    let line_break = prop_oneof![6 => Just("\n"), 3 => Just("\n\n"), 2 => Just("\r\n"), 1 => Just("\r"), 1 => Just("\n \u{a0}\n")];
    let date = prop::option::weighted(0.7, any_date());
    (
        prop::bool::weighted(0.1),
        prop::option::weighted(0.7, news_text(8).prop_map(|t| t.replace('\n', " "))),
        date.prop_flat_map(|d| match d {
            Some(d) => dateline(d).prop_map(Some).boxed(),
            None => Just(None).boxed(),
        }),
        prop::collection::vec((article_line(), line_break), 0..12),
    )
        .prop_map(|(bom, headline, dateline, lines)| {
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            for line in headline.into_iter().chain(dateline) {
                text.push_str(&line);
                text.push_str("\n\n");
            }
            for (line, line_break) in lines {
                text.push_str(&line);
                text.push_str(line_break);
            }
            text
        })
}

/// An article file's bytes: an article, one with bytes broken, raw bytes, or a huge line.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => article().prop_map(String::into_bytes),
        2 => (article(), prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec![0x80u8, 0xc3, 0xe2, 0xf0, 0xff, 0xfe, 0x00, b'\r', 0xef])), 1..4))
            .prop_map(|(text, breaks)| {
                let mut bytes = text.into_bytes();
                for (at, byte) in breaks {
                    let at = at.index(bytes.len() + 1);
                    bytes.insert(at, byte);
                }
                bytes
            }),
        1 => article().prop_map(|t| {
            // Cut inside a multi-byte character, if there is one.
            let mut bytes = t.into_bytes();
            if let Some(at) = bytes.iter().rposition(|b| *b >= 0xc0) {
                bytes.truncate(at + 1);
            }
            bytes
        }),
        1 => prop::collection::vec(any::<u8>(), 0..300),
        1 => (news_text(6), 200usize..4000).prop_map(|(t, n)| t.replace('\n', " ").repeat(n).into_bytes()),
    ]
}

// -------------------------------------------------------------------------------------------
// Checks

fn on_boundaries(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

/// A document's invariants: its text is its blocks joined by blank lines; blocks and sentences
/// are ordered, trimmed, on char boundaries, each sentence inside its block; the file spans
/// (`raw` is the file's text without its BOM) point at the lines they came from.
fn check_document(d: &Document, raw: &str) {
    let id = &d.id;
    let mut joined = String::new();
    for block in &d.blocks {
        assert!(
            on_boundaries(&d.text, block.span),
            "{id}: block {:?} off {:?}",
            block.span,
            d.text
        );
        if !joined.is_empty() {
            joined.push_str("\n\n");
        }
        assert_eq!(
            block.span.start,
            joined.len(),
            "{id}: blocks are not the text joined by blank lines: {:?}",
            d.text
        );
        let block_text = d.slice(block.span);
        assert_eq!(block_text.trim(), block_text, "{id}: untrimmed block");
        assert!(
            !block_text.contains("\n\n"),
            "{id}: a block holds a blank line: {block_text:?}"
        );
        joined.push_str(block_text);

        assert!(
            on_boundaries(raw, block.source),
            "{id}: block source {:?} off the file",
            block.source
        );
        let source = block.source.of(raw);
        if let (Some(first), Some(last)) = (
            block_text.split_whitespace().next(),
            block_text.split_whitespace().next_back(),
        ) {
            assert!(
                source.contains(first) && source.ends_with(last),
                "{id}: block {block_text:?} is not from its source {source:?}"
            );
        }
    }
    assert_eq!(joined, d.text, "{id}: text is not its blocks");
    // The text is copied from the file: stretches of it, in order, joined only by separators.
    let mut copied_to = 0;
    for origin in &d.origins {
        assert!(
            on_boundaries(&d.text, origin.text) && on_boundaries(raw, origin.file()),
            "{id}: origin {origin:?}"
        );
        assert_eq!(
            d.slice(origin.text),
            origin.file().of(raw),
            "{id}: {origin:?} is not the file's text"
        );
        let between = &d.text[copied_to..origin.text.start];
        assert!(
            matches!(between, "" | " " | "\n\n"),
            "{id}: {between:?} between copied stretches"
        );
        copied_to = origin.text.end;
    }
    assert_eq!(
        copied_to,
        d.text.len(),
        "{id}: the text's end is not copied from the file"
    );
    assert!(
        d.blocks.iter().any(|b| b.kind == BlockKind::Body),
        "{id}: a document without body"
    );
    if let Some(headline) = d.blocks.iter().find(|b| b.kind == BlockKind::Headline) {
        assert_eq!(d.slice(headline.span), d.headline, "{id}");
    }

    let mut previous_end = 0;
    for sentence in &d.sentences {
        let block = d
            .blocks
            .get(sentence.block)
            .unwrap_or_else(|| panic!("{id}: sentence of block {}", sentence.block));
        assert!(
            on_boundaries(&d.text, sentence.span),
            "{id}: sentence {:?}",
            sentence.span
        );
        assert!(
            sentence.span.start >= previous_end,
            "{id}: sentences out of order"
        );
        assert!(
            block.span.contains(sentence.span),
            "{id}: sentence outside its block"
        );
        let s = d.slice(sentence.span);
        assert!(!s.is_empty() && s.trim() == s, "{id}: sentence {s:?}");
        previous_end = sentence.span.end;
    }
    // Every block's words are in its sentences.
    for (i, block) in d.blocks.iter().enumerate() {
        let covered: usize = d
            .sentences
            .iter()
            .filter(|s| s.block == i)
            .map(|s| s.span.len())
            .sum();
        let words: usize = d.slice(block.span).split_whitespace().map(str::len).sum();
        assert!(covered >= words, "{id}: block {i}'s sentences miss text");
    }

    for removal in &d.removed {
        assert!(
            on_boundaries(raw, removal.source),
            "{id}: removal {:?}",
            removal.source
        );
        assert_eq!(
            removal.source.of(raw),
            removal.text,
            "{id}: removed line is not the file's"
        );
    }
    if let Provenance::Text(line) = &d.date_source {
        assert!(
            d.published.is_some() && raw.contains(line.as_str()),
            "{id}: date from {line:?}"
        );
    }
    if let Provenance::Text(line) = &d.headline_source {
        assert_eq!(line, &d.headline, "{id}");
    }
}

/// Loads `files` (named uniquely) and checks every document against its file.
fn check_load(files: &[(String, Vec<u8>)], manifest: &Manifest) -> Corpus {
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(name, bytes)| SourceFile { name, bytes })
        .collect();
    let corpus = corpus::load(&sources, manifest);
    let ids: BTreeSet<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), corpus.documents.len(), "document ids repeat");
    for (name, bytes) in files {
        let stem = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(stem, _)| stem);
        let docs: Vec<&Document> = corpus
            .documents
            .iter()
            .filter(|d| &d.file == name)
            .collect();
        let errors = corpus
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && &d.source == name)
            .count();
        match std::str::from_utf8(bytes) {
            Err(_) => {
                assert!(docs.is_empty(), "{name}: a document from invalid UTF-8");
                assert_eq!(errors, 1, "{name}: invalid UTF-8 without one error");
            }
            Ok(text) => {
                let raw = text.strip_prefix('\u{feff}').unwrap_or(text);
                if raw.trim().is_empty() {
                    assert!(docs.is_empty() && errors == 1, "{name}: blank file");
                }
                assert!(
                    !docs.is_empty() || errors > 0,
                    "{name}: neither documents nor an error"
                );
                for (n, d) in docs.iter().enumerate() {
                    assert!(
                        d.id == stem || d.id.starts_with(&format!("{stem}-")),
                        "{name}: id {}",
                        d.id
                    );
                    if n == 0 {
                        assert!(
                            d.id == stem || errors > 0,
                            "{name}: first document is {}",
                            d.id
                        );
                    }
                    check_document(d, raw);
                }
            }
        }
    }
    corpus
}

fn check_toponyms(text: &str) {
    let toponyms = parser().parse(text);
    let mut previous_end = 0;
    for t in &toponyms {
        assert!(
            on_boundaries(text, t.span) && t.span.start < t.span.end,
            "{text:?}: {:?}",
            t.span
        );
        assert!(
            t.span.start >= previous_end,
            "{text:?}: toponyms overlap or out of order: {toponyms:?}"
        );
        previous_end = t.span.end;
    }
    let records = parser().records(text);
    assert_eq!(records.len(), toponyms.len(), "{text:?}");
    for (r, t) in records.iter().zip(&toponyms) {
        assert_eq!((r.start, r.end), (t.span.start, t.span.end), "{text:?}");
        assert_eq!(r.name, t.span.of(text), "{text:?}");
        assert_eq!(r.lat.is_some(), r.geonameid.is_some(), "{text:?}: {r:?}");
        assert_eq!(r.lon.is_some(), r.geonameid.is_some(), "{text:?}: {r:?}");
        assert_eq!(
            r.precision.is_some(),
            r.geonameid.is_some(),
            "{text:?}: {r:?}"
        );
        assert!(
            !(r.ambiguous && r.geonameid.is_some()),
            "{text:?}: ambiguous yet placed: {r:?}"
        );
        if let (Some(lat), Some(lon)) = (r.lat, r.lon) {
            assert!(
                (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon),
                "{text:?}: {r:?}"
            );
        }
        let _ = r.where_text();
    }
    // Highlighting cuts the whole text into consecutive pieces.
    let whole = Span::new(0, text.len());
    let mut at = 0;
    for (span, _) in geoparse::split_by_toponyms(whole, &records) {
        assert!(
            span.start == at && on_boundaries(text, span) && !span.is_empty(),
            "{text:?}: piece {span:?} at {at}"
        );
        at = span.end;
    }
    assert_eq!(at, text.len(), "{text:?}: pieces end early");
}

fn check_when(text: &str, published: Option<Date>) {
    let found = when::find(text, published);
    let mut previous_end = 0;
    for w in &found {
        assert!(
            on_boundaries(text, w.span) && w.span.start < w.span.end,
            "{text:?}: {w:?}"
        );
        assert!(
            w.span.start >= previous_end,
            "{text:?}: out of order or overlapping: {found:?}"
        );
        assert_eq!(w.phrase, w.span.of(text), "{text:?}");
        assert_eq!(
            w.date.is_none(),
            w.precision == DatePrecision::Unknown,
            "{text:?} ({published:?}): {w:?}"
        );
        assert_eq!(w.iso().is_some(), w.date.is_some(), "{text:?}: {w:?}");
        if let Some(date) = w.date {
            match w.precision {
                DatePrecision::Month => assert_eq!(date.day(), 1, "{text:?}: {w:?}"),
                DatePrecision::Year => {
                    assert_eq!((date.month(), date.day()), (1, 1), "{text:?}: {w:?}")
                }
                _ => {}
            }
            if let Some(p) = published {
                let after = match w.precision {
                    DatePrecision::Day => date > p,
                    DatePrecision::Month => (date.year(), date.month()) > (p.year(), p.month()),
                    DatePrecision::Year => date.year() > p.year(),
                    DatePrecision::Unknown => false,
                };
                assert!(
                    !after || w.future,
                    "{text:?} ({p}): after publication but not future: {w:?}"
                );
            }
        }
        previous_end = w.span.end;
    }
    // The phrases found do not depend on the publication date, and what the words fix by
    // themselves ("11 March 2025", "in 2022") resolves the same with or without one.
    let undated = when::find(text, None);
    let phrases = |ws: &[when::When]| ws.iter().map(|w| w.span).collect::<Vec<_>>();
    assert_eq!(
        phrases(&found),
        phrases(&undated),
        "{text:?} ({published:?})"
    );
    for (w, u) in found.iter().zip(&undated) {
        if u.date.is_some() {
            assert_eq!(
                (w.date, w.precision),
                (u.date, u.precision),
                "{text:?} ({published:?})"
            );
        }
    }
}

/// The map's places: every excerpt a sentence (or block) of its document, its mentions inside
/// it and in order.
fn check_places(corpus: &Corpus, table: &geoparse::ToponymTable) {
    let places = places::map_places(corpus, table);
    for place in &places {
        assert!(!place.sources.is_empty(), "{}", place.name);
        let docs: BTreeSet<&str> = place.sources.iter().map(|s| s.doc.as_str()).collect();
        assert_eq!(
            docs.len(),
            place.sources.len(),
            "{}: an article listed twice",
            place.name
        );
        for source in &place.sources {
            let doc = corpus.document(&source.doc).expect("the source's document");
            for excerpt in &source.excerpts {
                assert!(
                    on_boundaries(&doc.text, excerpt.span),
                    "{}: excerpt {:?}",
                    place.name,
                    excerpt.span
                );
                match excerpt.sentence {
                    Some(i) => assert_eq!(doc.sentences[i].span, excerpt.span, "{}", place.name),
                    None => assert!(
                        doc.blocks.iter().any(|b| b.span == excerpt.span),
                        "{}",
                        place.name
                    ),
                }
                let mut previous_end = excerpt.span.start;
                for mention in &excerpt.mentions {
                    assert!(
                        excerpt.span.contains(*mention) && mention.start >= previous_end,
                        "{}: mention {mention:?}",
                        place.name
                    );
                    previous_end = mention.end;
                }
            }
        }
    }
    let (near, far) = places::split_far(&places, 1500.0);
    assert_eq!(near.len() + far.len(), places.len());
}

fn check_facts(corpus: &Corpus) {
    let table = geoparse::corpus_toponyms(parser(), corpus);
    check_places(corpus, &table);
    let found = facts::extract(corpus, &table);
    assert!(
        found.facts.iter().all(|f| f.place.is_some())
            && found.unplaced.iter().all(|f| f.place.is_none()),
        "mapped facts have a place, unplaced ones none"
    );
    for fact in found.facts.iter().chain(&found.unplaced) {
        assert!(!fact.sources.is_empty(), "{}: no source", fact.id);
        assert!(
            fact.sources
                .iter()
                .all(|s| s.site == fact.place || fact.place.is_some() && s.site.is_some()),
            "{}: a source with no site in a placed fact",
            fact.id
        );
        assert_eq!(
            fact.date.is_none(),
            fact.date_precision == DatePrecision::Unknown,
            "{}",
            fact.id
        );
        let first = &fact.sources[0];
        let first_doc = corpus
            .document(&first.doc)
            .expect("the first source's document");
        assert_eq!(
            fact.summary,
            first.summary.of(&first_doc.text),
            "{}: summary is not its source's words",
            fact.id
        );
        for s in &fact.sources {
            let doc = corpus
                .document(&s.doc)
                .unwrap_or_else(|| panic!("{}: source {} not in the corpus", fact.id, s.doc));
            let text = doc.text.as_str();
            let sentence = doc
                .sentences
                .get(s.sentence)
                .unwrap_or_else(|| panic!("{}: sentence {}", fact.id, s.sentence));
            assert_eq!(
                s.excerpt, sentence.span,
                "{}: the excerpt is not its sentence",
                fact.id
            );
            assert!(
                on_boundaries(text, s.excerpt),
                "{}: excerpt {:?}",
                fact.id,
                s.excerpt
            );
            let excerpt = s.excerpt.of(text);
            assert_eq!(excerpt, doc.slice(sentence.span), "{}", fact.id);
            for (what, span) in [
                ("trigger", Some(s.trigger)),
                ("summary", Some(s.summary)),
                ("site mention", s.site_mention),
            ] {
                let Some(span) = span else { continue };
                assert!(
                    on_boundaries(text, span),
                    "{}: {what} {span:?} off {excerpt:?}",
                    fact.id
                );
                assert!(
                    s.excerpt.contains(span),
                    "{}: {what} {span:?} ({:?}) outside {excerpt:?}",
                    fact.id,
                    span.of(text)
                );
            }
            assert!(
                !s.trigger.is_empty(),
                "{}: empty trigger in {excerpt:?}",
                fact.id
            );
            if let Some(date_text) = &s.date_text {
                assert!(
                    excerpt.contains(date_text.as_str()),
                    "{}: date {date_text:?} not in {excerpt:?}",
                    fact.id
                );
            }
            assert_eq!(
                s.date.is_none(),
                s.date_precision == DatePrecision::Unknown,
                "{}",
                fact.id
            );
            assert_eq!(s.published, doc.published, "{}", fact.id);
        }
    }
    for flag in &found.flags {
        let doc = corpus
            .document(&flag.doc)
            .unwrap_or_else(|| panic!("flag on unknown {}", flag.doc));
        assert!(
            on_boundaries(&doc.text, flag.span),
            "flag {:?} off {:?}",
            flag.span,
            doc.text
        );
    }
    let ids: BTreeSet<&str> = found
        .facts
        .iter()
        .chain(&found.unplaced)
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(
        ids.len(),
        found.facts.len() + found.unplaced.len(),
        "fact ids repeat"
    );
    // The export: one feature per fact, each source's excerpt the document's text from start
    // to end.
    let geojson: serde_json::Value =
        serde_json::from_str(&facts::to_geojson_string(corpus, &found))
            .expect("the export is JSON");
    let features = geojson["features"].as_array().expect("features");
    assert_eq!(features.len(), found.facts.len() + found.unplaced.len());
    for feature in features {
        for source in feature["properties"]["sources"]
            .as_array()
            .expect("sources")
        {
            let doc = corpus
                .document(source["doc"].as_str().expect("doc"))
                .expect("the source's document");
            let (start, end) = (
                source["start"].as_u64().expect("start") as usize,
                source["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(
                source["excerpt"].as_str(),
                doc.text.get(start..end),
                "{source}"
            );
        }
    }
    if let Some((first, last)) = found.date_range() {
        assert!(first <= last);
    }
}

// -------------------------------------------------------------------------------------------
// The cleaner and the sentence splitter

/// A file that loads on its own: it must load the same beside any other file.
const GOOD: &[u8] = "A good headline\nUpdated 13 March 2025\n\nRussia retook Sudzha on Wednesday. “It was true,” Kyiv’s army said.".as_bytes();

fn good_alone() -> &'static Document {
    static G: OnceLock<Corpus> = OnceLock::new();
    let corpus = G.get_or_init(|| {
        corpus::load(
            &[SourceFile {
                name: "zz-good.txt",
                bytes: GOOD,
            }],
            &Manifest::default(),
        )
    });
    &corpus.documents[0]
}

proptest! {
    #![proptest_config(config(6000))]

    #[test]
    fn cleaner_keeps_its_spans_on_any_bytes(files in prop::collection::vec(file_bytes(), 1..4), with_manifest in any::<bool>()) {
        let mut named: Vec<(String, Vec<u8>)> = files.into_iter().enumerate().map(|(i, b)| (format!("f{i}.txt"), b)).collect();
        named.push(("zz-good.txt".to_owned(), GOOD.to_vec()));
        let mut manifest = Manifest::default();
        if with_manifest {
            manifest.insert("f0", ManifestEntry { headline: Some("From the manifest".into()), published: "2025-03-13".parse().ok(), ..ManifestEntry::default() });
            manifest.insert("nothing", ManifestEntry::default());
        }
        let corpus = check_load(&named, &manifest);
        let good = corpus.document("zz-good").expect("the good file still loads");
        assert_eq!(good.text, good_alone().text);
        assert_eq!(good.blocks, good_alone().blocks);
        assert_eq!(good.sentences, good_alone().sentences);
    }
}

proptest! {
    #![proptest_config(config(5000))]

    #[test]
    fn sentences_are_trimmed_ordered_slices(text in any_text(), cut in any::<prop::sample::Index>()) {
        // Any paragraph of the text, starting on a char boundary.
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let start = starts[cut.index(starts.len())];
        let paragraph = Span::new(start, text.len());
        let mut previous_end = start;
        for s in sentences::split(&text, paragraph) {
            assert!(on_boundaries(&text, s) && paragraph.contains(s) && s.start >= previous_end, "{text:?}: {s:?}");
            let sentence = s.of(&text);
            assert!(!sentence.is_empty() && sentence.trim() == sentence, "{text:?}: {sentence:?}");
            previous_end = s.end;
        }
    }
}

#[test]
fn cleaner_survives_a_huge_line_and_many_lines() {
    let line =
        "Russia retook Sudzha in the Kursk region on Wednesday, officials said. ".repeat(40_000); // ~2.8 MB
    let many = "Kyiv said so on Monday.\r".repeat(50_000) + &"Share\n".repeat(20_000) + "\u{0}\n";
    let files = vec![
        (
            "huge.txt".to_owned(),
            format!("Headline\n\n{line}").into_bytes(),
        ),
        ("many.txt".to_owned(), many.into_bytes()),
    ];
    let corpus = check_load(&files, &Manifest::default());
    assert_eq!(
        corpus.document("huge").map(|d| d.sentences.len()),
        Some(40_001)
    );
}

// -------------------------------------------------------------------------------------------
// The geoparser

proptest! {
    #![proptest_config(config(10_000))]

    #[test]
    fn toponyms_are_ordered_exact_slices(text in any_text()) {
        check_toponyms(&text);
    }
}

// -------------------------------------------------------------------------------------------
// The date resolver

proptest! {
    #![proptest_config(config(10_000))]

    #[test]
    fn time_expressions_are_ordered_exact_slices(text in any_text(), published in published()) {
        check_when(&text, published);
    }

    #[test]
    fn time_phrases_resolve_at_the_calendar_edges(
        phrases in prop::collection::vec((pick(TIMES), pick(&["", " ", ", ", ". ", " will meet ", " said ", " and "])), 1..6),
        published in published(),
    ) {
        let text: String = phrases.into_iter().flat_map(|(p, s)| [p, s.to_owned()]).collect();
        check_when(&text, published);
    }
}

// -------------------------------------------------------------------------------------------
// Facts

/// Up to three articles, each with its own file name, some dated by the manifest.
fn articles() -> impl Strategy<Value = (Vec<(String, String)>, Manifest)> {
    let body = prop::collection::vec(
        (
            news_text(30).prop_map(|t| t.replace("\n\n", " ")),
            prop_oneof![3 => Just("\n\n"), 1 => Just("\n"), 1 => Just("\r\n")],
        ),
        1..6,
    );
    let file = (prop::option::of(any_date().prop_flat_map(dateline)), body);
    (prop::collection::vec(file, 1..4), published()).prop_map(|(files, manifest_date)| {
        let mut manifest = Manifest::default();
        manifest.insert(
            "a1",
            ManifestEntry {
                published: manifest_date,
                ..ManifestEntry::default()
            },
        );
        let named = files
            .into_iter()
            .enumerate()
            .map(|(i, (dateline, body))| {
                let mut text = format!("Headline number {i}\n");
                if let Some(line) = dateline {
                    text.push_str(&line);
                    text.push('\n');
                }
                text.push('\n');
                for (paragraph, line_break) in body {
                    text.push_str(&paragraph);
                    text.push_str(line_break);
                }
                (format!("a{i}.txt"), text)
            })
            .collect();
        (named, manifest)
    })
}

proptest! {
    #![proptest_config(config(6000))]

    #[test]
    fn facts_quote_their_sources_exactly((files, manifest) in articles()) {
        let files: Vec<(String, Vec<u8>)> = files.into_iter().map(|(name, text)| (name, text.into_bytes())).collect();
        let corpus = check_load(&files, &manifest);
        check_facts(&corpus);
    }
}

proptest! {
    #![proptest_config(config(2000))]

    /// File names whose ids may meet: "a.txt" holding two articles ("a", "a-2") beside
    /// "a-2.txt", or "a.txt" beside "a.md".
    #[test]
    fn facts_hold_when_file_names_collide(
        (files, manifest) in articles(),
        names in prop::collection::vec(prop::sample::select(vec!["a.txt", "a-2.txt", "a.md", "a", "a-3.txt", "b.txt"]), 3),
    ) {
        let files: Vec<(&str, String)> = files.into_iter().zip(names).map(|((_, text), name)| (name, text)).collect();
        let sources: Vec<SourceFile<'_>> = files.iter().map(|(name, text)| SourceFile { name, bytes: text.as_bytes() }).collect();
        let corpus = corpus::load(&sources, &manifest);
        let ids: BTreeSet<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids.len(), corpus.documents.len(), "document ids repeat");
        check_facts(&corpus);
    }
}

// -------------------------------------------------------------------------------------------
// The facts stream

/// An id: a few that repeat, of both types, and odd ones.
fn line_id() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        4 => (0u8..6).prop_map(|n| serde_json::json!(n)),
        4 => "[a-c]{1,2}".prop_map(serde_json::Value::from),
        1 => prop::sample::select(vec![
            serde_json::json!("1"), serde_json::json!(""), serde_json::json!(-0.5), serde_json::json!(u64::MAX), serde_json::json!(1e300),
            serde_json::json!("a.b.txt"), serde_json::json!("a-2"), serde_json::json!("\u{feff}/..\n"), serde_json::Value::Null,
            serde_json::json!(true), serde_json::json!([1]), serde_json::json!({"id": 1}),
        ]),
    ]
}

/// A `published` value: none, a date, or something that is not one.
fn line_published() -> impl Strategy<Value = Option<serde_json::Value>> {
    prop_oneof![
        3 => Just(None),
        3 => published().prop_map(|d| Some(d.map_or(serde_json::Value::Null, |d| serde_json::Value::from(d.to_string())))),
        1 => prop::sample::select(vec![
            serde_json::json!("2025-02-30"), serde_json::json!("13/03/2025"), serde_json::json!(""), serde_json::json!(20250313),
            serde_json::json!("2025-3-1"), serde_json::json!("0000-01-01"), serde_json::json!({}),
        ]).prop_map(Some),
    ]
}

/// An article as a JSON line: ids that repeat, any text, dates good and bad, a headline.
fn json_article() -> impl Strategy<Value = Vec<u8>> {
    (
        line_id(),
        prop_oneof![3 => article(), 1 => any::<String>()],
        line_published(),
        prop::option::of(prop_oneof![pick(PLACES), Just(String::new())]),
    )
        .prop_map(|(id, text, published, headline)| {
            let mut object =
                serde_json::json!({ "id": id, "text": text, "extra": [1, {"text": 2}] });
            if let Some(published) = published {
                object["published"] = published;
            }
            if let Some(headline) = headline {
                object["headline"] = headline.into();
            }
            object.to_string().into_bytes()
        })
}

/// A line of input: mostly an article as JSON, else JSON with bytes broken, a blank or odd
/// line, or any bytes.
fn jsonl_line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => json_article(),
        2 => (json_article(), prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)).prop_map(|(mut bytes, breaks)| {
            for (at, byte) in breaks {
                let at = at.index(bytes.len() + 1);
                bytes.insert(at, byte);
            }
            bytes
        }),
        1 => prop::sample::select(vec![
            "", " \t\r", "{}", "[]", "null", "{\"id\": 1}", "{\"id\": 1, \"text\": null}", "{\"id\": 2, \"text\": \"\\ud800\"}",
            "{\"id\": 3, \"text\": \"Kyiv.\", \"id\": 4}", "{\"id\": 1e400, \"text\": \"Kyiv.\"}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
            "{\"id\": 5, \"text\": \"Drones hit Kyiv.\"} trailing", "\u{feff}{\"id\": 6, \"text\": \"Drones hit Kyiv.\"}",
        ]).prop_map(|l| l.as_bytes().to_vec()),
        1 => prop::collection::vec(any::<u8>(), 0..200),
    ]
}

/// Whether `part`'s words come in order among `whole`'s.
fn words_in_order(part: &str, whole: &str) -> bool {
    let mut whole = whole.split_whitespace();
    part.split_whitespace().all(|w| whole.any(|x| x == w))
}

/// One output line of the stream against its input line.
fn check_stream_output(line: &[u8], output: &Output) {
    let Output::Facts {
        id,
        facts,
        unplaced,
        diagnostics,
    } = output
    else {
        assert!(
            stream::parse_line(line).is_err() || output.failed(),
            "an error line for a good line: {output:?}"
        );
        return;
    };
    let article = stream::parse_line(line).expect("facts only for a line that reads");
    assert_eq!(id, &article.id);
    let text = article.text.as_str();
    for d in diagnostics {
        assert!(
            !d.source.ends_with(".txt") || article.doc_id.ends_with(".txt"),
            "{d:?}"
        );
    }
    for fact in facts.iter().chain(unplaced) {
        let first = &fact.sources[0];
        assert!(
            on_boundaries(text, first.summary),
            "{}: summary {:?} off {text:?}",
            fact.id,
            first.summary
        );
        let summary = first.summary.of(text);
        // Its words: exactly the same within one line, and in order across lines.
        if !summary.contains('\n') {
            assert_eq!(summary, fact.summary, "{}", fact.id);
        }
        assert!(
            words_in_order(&fact.summary, summary),
            "{}: {:?} is not from {summary:?}",
            fact.id,
            fact.summary
        );
        for s in &fact.sources {
            assert!(
                s.doc == article.doc_id || s.doc.starts_with(&format!("{}-", article.doc_id)),
                "{}: doc {}",
                fact.id,
                s.doc
            );
            assert!(
                on_boundaries(text, s.excerpt) && !s.excerpt.is_empty(),
                "{}: excerpt {:?} off {text:?}",
                fact.id,
                s.excerpt
            );
            let excerpt = s.excerpt.of(text);
            assert_eq!(excerpt.trim(), excerpt, "{}: untrimmed excerpt", fact.id);
            for (what, span) in [
                ("trigger", Some(s.trigger)),
                ("summary", Some(s.summary)),
                ("site mention", s.site_mention),
            ] {
                let Some(span) = span else { continue };
                assert!(
                    on_boundaries(text, span),
                    "{}: {what} {span:?} off {text:?}",
                    fact.id
                );
                assert!(
                    s.excerpt.contains(span),
                    "{}: {what} {:?} outside {excerpt:?}",
                    fact.id,
                    span.of(text)
                );
            }
            if let (Some(date_text), false) = (&s.date_text, excerpt.contains('\n')) {
                assert!(
                    excerpt.contains(date_text.as_str()),
                    "{}: date {date_text:?} not in {excerpt:?}",
                    fact.id
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(config(1500))]

    #[test]
    fn facts_stream_gives_one_line_per_line_and_exact_spans(lines in prop::collection::vec(jsonl_line(), 1..6)) {
        let mut seen = SeenIds::default();
        let mut facts_ids = BTreeSet::new();
        for (i, line) in lines.iter().enumerate() {
            let output = stream::facts_of_line(parser(), line, i + 1, &mut seen);
            match output {
                None => assert!(stream::is_blank(line), "no output for {line:?}"),
                Some(output) => {
                    assert!(!stream::is_blank(line));
                    check_stream_output(line, &output);
                    if let Output::Error { line: n, .. } = &output {
                        assert_eq!(*n, i + 1);
                    }
                    if let Output::Facts { id, .. } = &output {
                        assert!(facts_ids.insert(id.to_string()), "two lines of facts for {id}");
                    }
                    let json: serde_json::Value = serde_json::from_str(&output.to_json_line()).expect("the output line is JSON");
                    assert!(json.get("id").is_some());
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn facts_stream_is_the_same_on_any_number_of_threads(lines in prop::collection::vec(jsonl_line(), 1..8)) {
        let input = lines.join(&b'\n');
        let mut seen = SeenIds::default();
        let expected: String = input
            .split(|&b| b == b'\n')
            .enumerate()
            .filter_map(|(i, line)| stream::facts_of_line(parser(), line, i + 1, &mut seen))
            .map(|o| o.to_json_line())
            .collect();
        for jobs in [1, 3] {
            let mut out = Vec::new();
            let mut problems = 0;
            let summary = stream::run(parser(), &input[..], &mut out, jobs, |_| problems += 1).expect("writing to memory");
            assert_eq!(String::from_utf8(out).expect("UTF-8 output"), expected, "jobs {jobs}");
            assert_eq!(summary.lines, expected.lines().count());
            assert!(problems >= summary.failed);
        }
    }
}

#[test]
fn facts_stream_refuses_what_is_too_big_without_keeping_it() {
    let text = "Drones hit Kyiv. ".repeat(130_000); // 2.2 MB
    let line = serde_json::json!({ "id": 1, "text": text }).to_string();
    let output = stream::facts_of_line(parser(), line.as_bytes(), 1, &mut SeenIds::default())
        .expect("an output");
    assert!(
        matches!(&output, Output::Error { error, .. } if error.starts_with("the text is 2.2 MB")),
        "{output:?}"
    );
    // A line past the line limit is read through, not kept, and the next line still counts.
    let mut input = vec![b' '; stream::MAX_LINE_BYTES + 10];
    input
        .extend_from_slice(b"\n{\"id\": 2, \"text\": \"Drones hit Obukhovo in Kaluga region.\"}\n");
    let mut out = Vec::new();
    let summary = stream::run(parser(), &input[..], &mut out, 2, |_| {}).unwrap();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        (summary.lines, summary.failed, lines.len()),
        (2, 1, 2),
        "{out}"
    );
    assert!(
        lines[0].starts_with(r#"{"id":null,"line":1,"error":"the line is longer than 16 MB"#),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with(r#"{"id":2,"facts":["#), "{}", lines[1]);
}

// -------------------------------------------------------------------------------------------
// The address bar

fn kinds() -> impl Strategy<Value = Vec<EventKind>> {
    prop::collection::btree_set(prop::sample::select(EventKind::ALL.to_vec()), 0..4)
        .prop_map(|set| set.into_iter().collect())
}

/// A zoom that the address bar can carry exactly: k to three places, x and y to one, inside
/// the bounds of the widest map.
fn zoom() -> impl Strategy<Value = Zoom> {
    (
        1000u32..=(MAX_ZOOM as u32 * 1000),
        0.0f64..=1.0,
        0.0f64..=1.0,
    )
        .prop_map(|(k, fx, fy)| {
            let k = f64::from(k) / 1000.0;
            let axis = |f: f64, side: f64| -((f * side * (k - 1.0) * 10.0).floor() / 10.0);
            Zoom {
                k,
                x: axis(fx, WIDE[0]),
                y: axis(fy, WIDE[1]),
            }
        })
        .prop_filter("not the first view", |z| *z != Zoom::default())
}

fn nonempty_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => any::<String>(), 1 => news_text(5), 1 => "[a-z0-9_-]{1,20}"]
        .prop_filter("non-empty", |s| !s.is_empty())
}

fn view_state() -> impl Strategy<Value = ViewState> {
    (
        prop::option::of(nonempty_text()),
        prop::option::of(any::<u32>()),
        prop::option::of(any::<usize>()),
        prop::option::of(zoom()),
        prop::option::of(nonempty_text()),
        (
            kinds(),
            prop::option::of(any_date()),
            prop::option::of(any_date()),
            prop::option::of(nonempty_text()),
        ),
    )
        .prop_map(
            |(doc, place, sentence, zoom, fact, (kinds, from, to, source))| ViewState {
                doc,
                place,
                sentence,
                zoom,
                fact,
                filter: FactFilter {
                    kinds,
                    from,
                    to,
                    source,
                },
            },
        )
}

/// A query string as people paste them: known keys with odd values, escapes good and bad.
fn query() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        8 => prop::sample::select(vec!["doc", "place", "s", "zoom", "fact", "kinds", "from", "to", "src"]).prop_map(str::to_owned),
        1 => any::<String>(),
    ];
    let piece = prop_oneof![
        3 => any::<String>(),
        2 => prop::sample::select(vec![
            "%", "%2", "%zz", "%+1", "%-1", "%C3%A9", "%C3", "%FF", "%e2%80", "%25", "+", "=", "?", ",", "2.5,-100,-50.5",
            "1e308,-1e308,NaN", "inf,-inf,1", "16.0004,-14400.04,-9000", "1.0004,-0.04,0", "capture,strike,capture",
            "9999-12-31", "0001-01-01", "2024-02-29", "2025-02-29", "4294967296", "-1", "18446744073709551616", "Київ",
        ]).prop_map(str::to_owned),
        2 => "[a-z0-9.,-]{0,12}",
    ];
    let value = prop::collection::vec(piece, 0..4).prop_map(|p| p.concat());
    (
        prop::bool::ANY,
        prop::collection::vec((key, prop::option::weighted(0.9, value)), 0..8),
    )
        .prop_map(|(mark, pairs)| {
            let pairs: Vec<String> = pairs
                .into_iter()
                .map(|(k, v)| v.map_or_else(|| k.clone(), |v| format!("{k}={v}")))
                .collect();
            format!("{}{}", if mark { "?" } else { "" }, pairs.join("&"))
        })
}

/// Whether `value` holds a percent-escape: `%` and two hex digits.
fn has_escape(value: &str) -> bool {
    let b = value.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
    })
}

proptest! {
    #![proptest_config(config(10_000))]

    #[test]
    fn view_states_round_trip(state in view_state()) {
        let query = state.to_query();
        assert!(query.is_ascii() && !query.contains(['#', ' ']), "{query}");
        assert_eq!(ViewState::from_query(&query), state, "{query}");
    }

    #[test]
    fn any_query_reads_to_a_state_that_round_trips(query in prop_oneof![3 => query(), 1 => any::<String>()]) {
        let state = ViewState::from_query(&query);
        assert!(state.doc.as_ref().is_none_or(|d| !d.is_empty()), "{query:?}");
        assert!(state.fact.as_ref().is_none_or(|f| !f.is_empty()), "{query:?}");
        assert!(state.filter.source.as_ref().is_none_or(|s| !s.is_empty()), "{query:?}");
        if let Some(z) = state.zoom {
            assert!(z != Zoom::default() && (1.0..=MAX_ZOOM).contains(&z.k), "{query:?}: {z:?}");
            assert!(z.x <= 0.0 && z.x >= WIDE[0] * (1.0 - z.k) && z.y <= 0.0 && z.y >= WIDE[1] * (1.0 - z.k), "{query:?}: {z:?}");
        }
        // What the state prints reads back as the same state, up to the address bar's rounding
        // of the zoom and the kinds' order.
        let printed = state.to_query();
        let back = ViewState::from_query(&printed);
        let kinds = |s: &ViewState| s.filter.kinds.iter().copied().collect::<BTreeSet<_>>();
        assert_eq!(kinds(&back), kinds(&state), "{query:?} → {printed:?}");
        let same = |s: &ViewState| (s.doc.clone(), s.place, s.sentence, s.fact.clone(), s.filter.from, s.filter.to, s.filter.source.clone());
        assert_eq!(same(&back), same(&state), "{query:?} → {printed:?}");
        match (state.zoom, back.zoom) {
            (Some(a), Some(b)) => {
                let slack = 0.05 + WIDE[0] * 0.0005 + 1e-9;
                assert!((a.k - b.k).abs() <= 0.0005 + 1e-9 && (a.x - b.x).abs() <= slack && (a.y - b.y).abs() <= slack, "{query:?} → {printed:?}: {a:?} {b:?}");
            }
            (None, None) => {}
            (Some(a), None) => assert!(a.k < 1.0005 && a.x > -0.05 && a.y > -0.05, "{query:?} → {printed:?}: {a:?} lost"),
            (None, Some(b)) => panic!("{query:?} → {printed:?}: {b:?} from nowhere"),
        }
        // And printing is stable from there on.
        assert_eq!(back.to_query(), ViewState::from_query(&back.to_query()).to_query(), "{query:?}");
    }

    #[test]
    fn values_without_escapes_are_read_as_written(value in prop::collection::vec(prop_oneof![
        2 => any::<String>(),
        1 => prop::sample::select(vec!["%", "%z", "%zz", "%+1", "%-1", "%+f", "% 1", "%é", "%\u{301}", "%%", "100%", "%4", "Київ"]).prop_map(str::to_owned),
    ], 1..4).prop_map(|p| p.concat().replace('&', ""))) {
        prop_assume!(!value.is_empty() && !has_escape(&value));
        // `+` is a space; a `%` without two hex digits after it stays as written.
        let expected = value.replace('+', " ");
        for key in ["doc", "fact", "src"] {
            let state = ViewState::from_query(&format!("?{key}={value}"));
            let read = match key {
                "doc" => state.doc,
                "fact" => state.fact,
                _ => state.filter.source,
            };
            assert_eq!(read.as_deref(), Some(expected.as_str()), "{key}={value:?}");
        }
    }
}
