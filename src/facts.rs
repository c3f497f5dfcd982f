//! Places → facts: what the articles report happened, where, when, who says so, and how many
//! articles agree.
//!
//! Entry point: [`extract`]. Each sentence of an article's prose is read for events (a small
//! vocabulary, [`EventKind`]); each event gets its site among the places the geoparser placed in
//! the sentence (or the sentence before, when "the town" refers back), the time expression
//! nearest to it ([`crate::when`]), the claimant ("Russia’s Defense Ministry said") and the
//! article's hedges ("couldn’t be independently verified"). Events that agree in kind, place and
//! date across articles are one [`Fact`] with a [`Source`] per excerpt. Every excerpt is a span
//! of its document's cleaned text, so a reader can always check the words.
//!
//! The rules are general English news conventions; nothing is keyed to one article. When the
//! text does not settle a point, the fact says less: a coarser place, an open date.
//! Modules: `facts/kind.rs`, the [`EventKind`] vocabulary (18 kinds mapped to ACLED's event types
//! and PLOVER in `data/event-kinds.tsv`) signalled by `data/event-triggers.tsv`;
//! `facts/extract.rs`, each event's site (the sentence's places, else a fronted "In X," or "near
//! X", else the wire dateline, else the town or region the doers are from: "Delhi municipal
//! leaders staged a protest", else none: `Facts::unplaced`), date and summary;
//! `facts/attribution.rs`, claimant and hedges; `facts/corroborate.rs`, events → facts across
//! articles, disagreements kept; `facts/flags.rs`, an article contradicting the others on an
//! office title; `facts/filter.rs`, [`FactFilter`] and its URL form; `facts/export.rs`, RFC 7946
//! GeoJSON. The English words the rules read are data (`data/words.tsv`, `crate::word_list`).

mod attribution;
mod corroborate;
mod export;
mod extract;
mod filter;
mod flags;
mod kind;
mod words;

use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::date::Date;
use crate::geoparse::{Precision, ToponymTable};
use crate::span::Span;
use crate::when::DatePrecision;

pub use export::{to_geojson, to_geojson_string, FactsGeoJson};
pub use filter::FactFilter;
pub use kind::EventKind;

/// Where an event took place: a place the geoparser resolved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub name: String,
    pub geonameid: u32,
    pub precision: Precision,
    pub lat: f64,
    pub lon: f64,
    pub country: Option<String>,
    pub admin1: Option<String>,
}

/// One article's report of a fact: the verbatim excerpt and what the article says about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub doc: String,
    /// The article's publication date: it cannot report what happened after it.
    pub published: Option<Date>,
    pub kind: EventKind,
    /// Index of the sentence in the document's sentences.
    pub sentence: usize,
    /// The excerpt: the whole sentence, a span of the document's cleaned text.
    pub excerpt: Span,
    /// The words that signal the event ("retook").
    pub trigger: Span,
    /// The mention of the site in the text; `None` when the site comes from the sentence
    /// before ("the town") or the dateline, or when there is no site.
    pub site_mention: Option<Span>,
    /// `None` when the text does not say where: a fact with no site rather than a borrowed one.
    pub site: Option<Site>,
    /// Who did it, as printed ("Trump’s special envoy Steve Witkoff"); `None` when the
    /// sentence does not say (a passive, a noun: "the recapture of Sudzha").
    pub actor: Option<String>,
    /// The personal names in `actor`, lower-case: two reports naming different people are
    /// different events.
    #[serde(skip, default)]
    pub actor_names: Vec<String>,
    /// Who the article says claims it, as printed ("Russia’s Defense Ministry"); `None` when
    /// the article reports it in its own voice.
    pub claimed_by: Option<String>,
    /// The article's own hedges about it, as printed ("couldn’t be independently verified").
    pub hedges: Vec<String>,
    pub date: Option<Date>,
    pub date_precision: DatePrecision,
    /// The time expression as printed ("late Wednesday"); `None` when the sentence has none.
    pub date_text: Option<String>,
    /// A one-line summary in the article's own words: a slice of the excerpt.
    pub summary: Span,
}

impl Source {
    pub fn hedged(&self) -> bool {
        !self.hedges.is_empty()
    }
}

/// An event as reported by one or more articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Stable within a corpus: kind, place and date ("capture-sudzha-2025-03-12").
    pub id: String,
    pub kind: EventKind,
    /// The summary of its first source, in that article's words.
    pub summary: String,
    /// `None` when no source says where it happened: such a fact is listed, not mapped.
    pub place: Option<Site>,
    /// `None` when no source dates it, or the sources disagree evenly.
    pub date: Option<Date>,
    pub date_precision: DatePrecision,
    pub date_text: Option<String>,
    pub sources: Vec<Source>,
    /// Where the sources disagree ("date: 12 March 2025 (…); 13 March 2025 (…)").
    pub disagreements: Vec<String>,
}

impl Fact {
    /// The place's GeoNames id, when the fact has a place.
    pub fn geonameid(&self) -> Option<u32> {
        self.place.as_ref().map(|p| p.geonameid)
    }

    /// The place's name, when the fact has a place.
    pub fn place_name(&self) -> Option<&str> {
        self.place.as_ref().map(|p| p.name.as_str())
    }

    /// How many distinct articles report it.
    pub fn source_count(&self) -> usize {
        // Sorted and deduplicated, not each source against each other (a fact in a big
        // collection has hundreds), through `crate::order`'s one sort, as the page's code.
        let mut docs = crate::order::sorted_by(
            self.sources.iter().map(|s| s.doc.as_str()).collect(),
            Ord::cmp,
        );
        docs.dedup();
        docs.len()
    }

    /// The date as "YYYY-MM-DD", "YYYY-MM" or "YYYY" by precision.
    pub fn iso_date(&self) -> Option<String> {
        iso(self.date, self.date_precision)
    }

    /// Whether every article that reports it attributes it to a party or hedges it somewhere:
    /// an article's later bare mention ("the recapture of Sudzha is significant") repeats the
    /// claim it attributed before.
    pub fn is_claim(&self) -> bool {
        self.sources.iter().all(|s| {
            self.sources
                .iter()
                .any(|o| o.doc == s.doc && (o.claimed_by.is_some() || o.hedged()))
        })
    }

    /// Who the sources say claims it, with how many articles name them, most first. Names of
    /// one party are merged when one is a shorter form of the other with the same head: "the
    /// Defense Ministry", "The Russian Defense Ministry" and "Russia’s Defense Ministry" are
    /// one; "Russia" and "Russia’s military" stay apart.
    pub fn claimants(&self) -> Vec<(String, usize)> {
        self.claimants_lowered_by(str::to_lowercase)
    }

    /// [`Fact::claimants`] with words that are not ASCII lower-cased by `lower`, which must
    /// be `str::to_lowercase` under another name: the page passes JavaScript's `toLowerCase`,
    /// so core's Unicode case tables stay out of its WebAssembly.
    pub fn claimants_lowered_by(&self, lower: fn(&str) -> String) -> Vec<(String, usize)> {
        // (words, printed form, articles)
        let mut parties: Vec<(Vec<String>, String, Vec<&str>)> = Vec::new();
        for s in &self.sources {
            let Some(printed) = &s.claimed_by else {
                continue;
            };
            let words = claimant_words(printed, lower);
            let same = |other: &[String]| {
                words.last() == other.last()
                    && (words.iter().all(|w| other.contains(w))
                        || other.iter().all(|w| words.contains(w)))
            };
            match parties.iter_mut().find(|(other, _, _)| same(other)) {
                Some((other, form, docs)) => {
                    if !docs.contains(&s.doc.as_str()) {
                        docs.push(&s.doc);
                    }
                    if words.len() > other.len() {
                        (*other, *form) = (words, printed.clone());
                    }
                }
                None => parties.push((words, printed.clone(), vec![&s.doc])),
            }
        }
        let list: Vec<(String, usize)> = parties
            .into_iter()
            .map(|(_, form, docs)| (form, docs.len()))
            .collect();
        crate::order::sorted_by(list, |(_, a), (_, b)| b.cmp(a))
    }
}

/// A point on which one article contradicts the others.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleFlag {
    pub doc: String,
    /// The words in question, a span of the document's text.
    pub span: Span,
    pub note: String,
}

/// The facts of a corpus and the articles' contradictions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// The facts with a place, drawn on the map: by date (undated last), then kind, then
    /// place name.
    pub facts: Vec<Fact>,
    /// The facts whose articles do not say where they happened ("protesters blocked the
    /// highway"), in the same order: listed, never drawn at a borrowed place.
    #[serde(default)]
    pub unplaced: Vec<Fact>,
    pub flags: Vec<ArticleFlag>,
}

impl Facts {
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.id == id)
    }

    /// The days the dated facts cover, first and last.
    pub fn date_range(&self) -> Option<(Date, Date)> {
        let days = self
            .facts
            .iter()
            .filter(|f| f.date_precision == DatePrecision::Day)
            .filter_map(|f| f.date);
        days.clone().min().zip(days.max())
    }
}

/// The shipped corpus's facts, precomputed by `make corpus-toponyms` into `corpus/facts.json`
/// (a test keeps it fresh), so the page shows them without running the rules: the rules run in
/// the worker, for readers' own articles.
pub fn shipped_facts() -> Result<Facts, crate::packed::Error> {
    // build.rs's packed copy: the page reads no JSON.
    crate::packed::from_bytes(include_bytes!(concat!(env!("OUT_DIR"), "/facts.bin")))
}

/// Every fact the corpus's articles report, with its sources, and the contradictions found.
pub fn extract(corpus: &Corpus, toponyms: &ToponymTable) -> Facts {
    let mut events = Vec::new();
    for doc in &corpus.documents {
        let records = toponyms.get(&doc.id).map(Vec::as_slice).unwrap_or_default();
        events.extend(extract::events(doc, records));
    }
    let (facts, unplaced) = corroborate::cluster(corpus, events)
        .into_iter()
        .partition(|f| f.place.is_some());
    Facts {
        facts,
        unplaced,
        flags: flags::contradictions(corpus),
    }
}

/// A claimant's words for comparing: lower-case, without articles and possessives, a
/// country's adjective as its name ("Russian" → "russia").
fn claimant_words(printed: &str, lower: fn(&str) -> String) -> Vec<String> {
    printed
        .split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\'' || c == '.'))
        .map(|w| w.trim_end_matches("’s").trim_end_matches("'s"))
        .map(|w| {
            if w.is_ascii() {
                w.to_ascii_lowercase()
            } else {
                lower(w)
            }
        })
        .filter(|w| !w.is_empty() && !matches!(w.as_str(), "the" | "a" | "an" | "its" | "their"))
        .map(|w| match w.strip_suffix('n') {
            Some(stem) if stem.ends_with("ia") => stem.to_owned(),
            _ => w,
        })
        .collect()
}

fn iso(date: Option<Date>, precision: DatePrecision) -> Option<String> {
    let d = date?;
    match precision {
        DatePrecision::Day => Some(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())),
        DatePrecision::Month => Some(format!("{:04}-{:02}", d.year(), d.month())),
        DatePrecision::Year => Some(format!("{:04}", d.year())),
        DatePrecision::Unknown => None,
    }
}
