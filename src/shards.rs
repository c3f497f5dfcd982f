//! A published corpus too large to embed: its index, which the page embeds, and the shards the
//! page fetches on demand, each named by a hash of its bytes.
//!
//! A corpus folder of more than [`EMBED_AT_MOST`] article files is *sharded*: `factmap
//! precompute DIR` writes, beside `toponyms.json` and `facts.json`, the folder `DIR/published/`:
//!
//! - `index.bin` ([`ShardIndex`], packed): what the first view draws, and little that grows
//!   with the articles: the first [`FIRST_PAGE`] documents (id, file, headline, outlet, date and
//!   the shard holding the file) and how many there are; each place the map draws (as
//!   [`crate::places::map_places`] makes it) with how many documents name it, the kind of its
//!   colour and the shard holding the rest; the facts' counts by kind and the days they span
//!   ([`FactSummary`]); the loading notes; the days the manifest spans; and the names of two
//!   *index shards*: every document ([`DocumentsShard`]) and every fact without its words
//!   ([`slim`]: what the filter, the timeline and the download read). build.rs embeds it in
//!   place of the texts, `toponyms.json`, `facts.json` and the manifest, so a site of 10,000
//!   articles loads nearly what a site of ten does;
//! - `shards/HASH.bin`, one per article file ([`ArticleShard`]: the file's bytes as written,
//!   its manifest entries, its documents' toponyms and contradictions), which the reader opens;
//!   one per place ([`PlaceShard`]: the facts placed there, whole, and per document that names
//!   it, its headline, outlet, date and article shard, the sentences that name the place and
//!   the facts' excerpts, each with where it is in its document's text), which a marker opens;
//!   and the two index shards. `HASH` is the
//!   first 16 hex digits of the SHA-256 of the file's packed bytes ([`shard_name`]), so a
//!   shard's name changes whenever its contents do and a cache never serves a stale one.
//!
//! Opening a marker or an article named in the first page, or in an opened panel, on a cold
//! cache is one fetch of its shard. [`read_shard`] reads any of them, and says what is wrong
//! with one that is missing, cut short or damaged.
//!
//! By place for the markers, because a marker's panel quotes every article that names the place:
//! one fetch whatever their number, where shards by article would need one per article (a place
//! named by 300 articles, 300 fetches). By article for the reader, which shows one whole text.
//! The page cleans an article's file itself, as it cleans the embedded ones, so a sharded
//! article reads exactly as an embedded one.

use serde::{Deserialize, Serialize};

use crate::corpus::{Diagnostic, ManifestEntry, Severity};
use crate::date::Date;
use crate::facts::EventKind;
use crate::geoparse::{Precision, ToponymRecord};
use crate::places::{Excerpt, MapPlace, PlaceSource};
use crate::span::Span;

/// A corpus of at most this many article files is embedded in the page as before: its texts
/// cost less than the fetch the reader's first article would need (the shipped five: 30 kB of
/// text, some 10 kB compressed). One more, and it is sharded.
pub const EMBED_AT_MOST: usize = 5;

/// How many documents the page embeds: the first page of the list of articles (the app's
/// `LIST_PAGE`), and the article the reader opens first. The rest are in the
/// [`DocumentsShard`], fetched when a list is shown whole or a link names one of them.
pub const FIRST_PAGE: usize = 100;

/// What a sharded site's page embeds (`DIR/published/index.bin`): what the first view draws
/// and nothing that grows with the articles but their first page: the places with their counts
/// and colours, the facts' counts by kind and the days they span, and the names of the index
/// shards that hold the rest (every document, every fact), which the page fetches when a list
/// is shown whole, a filter is used, a link names what the first page does not hold, or the
/// facts are downloaded.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ShardIndex {
    /// The first [`FIRST_PAGE`] documents, in corpus order.
    pub documents: Vec<IndexDocument>,
    /// How many documents there are in all.
    pub document_count: u32,
    /// Every place on the map, in [`crate::places::map_places`]'s order.
    pub places: Vec<IndexPlace>,
    /// The corpus's loading notes, as the page lists them.
    pub notes: Vec<IndexNote>,
    /// The first and last day the manifest dates (the page's footer).
    pub reported: Option<(Date, Date)>,
    /// What the filter's boxes and timeline show before a filter is used.
    pub summary: FactSummary,
    /// The name of the [`DocumentsShard`]: every document.
    pub documents_shard: String,
    /// The name of the facts' shard: [`crate::facts::Facts`], each [`slim`], and the
    /// articles' contradictions.
    pub facts_shard: String,
}

/// The facts as the filter shows them before it is used.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FactSummary {
    /// How many facts the map places.
    pub total: u32,
    /// How many of them of each kind, for the kinds there are, in [`EventKind::ALL`]'s order.
    pub kinds: Vec<(EventKind, u32)>,
    /// The distinct days the day-precise ones fall on, in order (the timeline).
    pub days: Vec<Date>,
}

impl FactSummary {
    pub fn of(facts: &crate::facts::Facts) -> FactSummary {
        FactSummary {
            total: facts.facts.len() as u32,
            kinds: EventKind::ALL
                .into_iter()
                .map(|k| (k, facts.facts.iter().filter(|f| f.kind == k).count() as u32))
                .filter(|(_, n)| *n > 0)
                .collect(),
            days: days_covered(facts),
        }
    }
}

/// The distinct days the day-precise facts fall on, in order.
pub fn days_covered(facts: &crate::facts::Facts) -> Vec<Date> {
    let days: Vec<Date> = facts
        .facts
        .iter()
        .filter(|f| f.date_precision == crate::when::DatePrecision::Day)
        .filter_map(|f| f.date)
        .collect();
    let mut days = crate::order::sorted_by(days, Ord::cmp);
    days.dedup();
    days
}

/// Every document of a sharded corpus, in corpus order: the index shard the page fetches when
/// it needs one past the first page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentsShard {
    pub documents: Vec<IndexDocument>,
}

/// A fact without its words: what the map, the filter and the timeline read (its id, kind,
/// place, date, disagreements and each source's article, date and kind). Its summary, and each
/// source's excerpt, claimant, hedges and actor, are in its place's [`PlaceShard`].
pub fn slim(fact: &crate::facts::Fact) -> crate::facts::Fact {
    let mut fact = fact.clone();
    fact.summary.clear();
    fact.date_text = None;
    for s in &mut fact.sources {
        s.sentence = 0;
        s.excerpt = Span::new(0, 0);
        s.trigger = Span::new(0, 0);
        s.summary = Span::new(0, 0);
        s.site_mention = None;
        s.site = None;
        s.actor = None;
        s.claimed_by = None;
        s.hedges.clear();
        s.date_text = None;
    }
    fact
}

/// A document as the lists and headings show it; its text is in `shard`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexDocument {
    pub id: String,
    pub file: String,
    pub headline: String,
    pub outlet: Option<String>,
    pub published: Option<Date>,
    /// The name of its file's [`ArticleShard`], relative to the site (`shards/HASH.bin`).
    pub shard: String,
}

/// A place as the map draws it: how many documents name it and the kind of its colour; which
/// they are, and their sentences, are in `shard`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexPlace {
    pub geonameid: u32,
    pub name: String,
    pub within: Option<String>,
    pub precision: Precision,
    /// Latitude and longitude in hundred-thousandths of a degree, as the gazetteer holds them
    /// ([`IndexPlace::lat`]): half the bytes of a float, which gzip cannot shrink.
    pub lat_e5: i32,
    pub lon_e5: i32,
    pub country: Option<String>,
    pub admin1: Option<String>,
    /// How many documents name it.
    pub articles: u32,
    /// The kind most sources report there ([`crate::facts::Facts::main_kind_at`], unfiltered):
    /// its marker's colour before a filter is used.
    pub kind: Option<EventKind>,
    /// The name of its [`PlaceShard`].
    pub shard: String,
}

/// A loading note: [`Diagnostic`] in the packed form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexNote {
    pub source: String,
    /// 0 note, 1 warning, 2 error.
    pub severity: u8,
    pub message: String,
}

/// One article file: what the page needs to clean it as it would an embedded one.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ArticleShard {
    /// The file's name (`000_x.txt`) and its bytes, as written (UTF-8).
    pub file: String,
    pub text: String,
    /// The manifest's entries for its documents.
    pub manifest: Vec<(String, ManifestEntry)>,
    /// Its documents' ids in the whole corpus, in order (cleaned alone, a file gives its
    /// documents in this order; their ids are these).
    pub ids: Vec<String>,
    /// Each document's toponyms, in the order of `ids`.
    pub toponyms: Vec<Vec<ToponymRecord>>,
    /// Where its documents contradict the others.
    pub flags: Vec<crate::facts::ArticleFlag>,
}

/// One place's sentences and the excerpts of the facts placed there.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlaceShard {
    pub geonameid: u32,
    /// The facts placed there, whole.
    pub facts: Vec<crate::facts::Fact>,
    /// Per document that names it, in the order of [`IndexPlace::docs`].
    pub sources: Vec<ShardSource>,
}

/// One document's part of a [`PlaceShard`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ShardSource {
    pub doc: String,
    /// The document as the panel heads its sentences, and its article shard.
    pub headline: String,
    pub outlet: Option<String>,
    pub published: Option<Date>,
    pub shard: String,
    /// The notes of where it contradicts the others ([`crate::facts::ArticleFlag::note`]).
    pub flags: Vec<String>,
    /// The sentences that name the place, as [`PlaceSource::excerpts`].
    pub excerpts: Vec<Excerpt>,
    /// The words of its text the place's panel quotes (the sentences above, and the excerpts
    /// of the facts placed there), each with where it starts in the document's text.
    pub pieces: Vec<Piece>,
}

/// A stretch of a document's cleaned text, verbatim.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Piece {
    pub start: usize,
    pub text: String,
}

impl ShardSource {
    /// The words of `span` of the document's text, when a piece holds them.
    pub fn slice(&self, span: Span) -> Option<&str> {
        let (text, at) = self.local(span)?;
        text.get(span.start - at..span.end - at)
    }

    /// The piece that holds `span` of the document's text, and where it starts in that text.
    pub fn local(&self, span: Span) -> Option<(&str, usize)> {
        self.pieces.iter().find_map(|p| {
            let from = span.start.checked_sub(p.start)?;
            p.text
                .get(from..from + span.len())
                .map(|_| (p.text.as_str(), p.start))
        })
    }
}

impl ArticleShard {
    /// Its documents, cleaned as the page cleans an embedded article (with the manifest's
    /// entries it carries), under the ids they have in the whole corpus.
    pub fn documents(&self) -> Vec<crate::corpus::Document> {
        let mut manifest = crate::corpus::Manifest::default();
        for (id, entry) in &self.manifest {
            manifest.insert(id.clone(), entry.clone());
        }
        let file = crate::corpus::SourceFile {
            name: &self.file,
            bytes: self.text.as_bytes(),
        };
        let mut documents = crate::corpus::load(&[file], &manifest).documents;
        for (d, id) in documents.iter_mut().zip(&self.ids) {
            d.id = id.clone();
        }
        documents
    }
}

impl IndexNote {
    pub fn from_diagnostic(d: &Diagnostic) -> IndexNote {
        IndexNote {
            source: d.source.clone(),
            severity: d.severity as u8,
            message: d.message.clone(),
        }
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            source: self.source.clone(),
            severity: match self.severity {
                0 => Severity::Note,
                1 => Severity::Warning,
                _ => Severity::Error,
            },
            message: self.message.clone(),
        }
    }
}

impl IndexPlace {
    pub fn lat(&self) -> f64 {
        self.lat_e5 as f64 / 1e5
    }

    pub fn lon(&self) -> f64 {
        self.lon_e5 as f64 / 1e5
    }

    /// The place as the map draws it before its shard is opened: one unnamed source (no
    /// document id, no excerpts) per document that names it, so that it counts and weighs as
    /// the whole one does; its shard names them.
    pub fn to_map_place(&self) -> MapPlace {
        MapPlace {
            geonameid: self.geonameid,
            name: self.name.clone(),
            within: self.within.clone(),
            precision: self.precision,
            lat: self.lat(),
            lon: self.lon(),
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            sources: (0..self.articles)
                .map(|_| PlaceSource {
                    doc: String::new(),
                    excerpts: Vec::new(),
                })
                .collect(),
        }
    }
}

/// `shards/HASH.bin` for a shard's packed bytes: the first 16 hex digits of their SHA-256.
pub fn shard_name(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("shards/{hex}.bin")
}

/// A sharded corpus as written: the packed index and each shard's name and packed bytes.
pub struct Published {
    pub index: Vec<u8>,
    pub shards: Vec<(String, Vec<u8>)>,
}

/// The index and shards of `corpus`, cleaned from `files` (name and bytes) with `manifest`,
/// given its toponyms and facts.
pub fn publish(
    files: &[(String, Vec<u8>)],
    manifest: &crate::corpus::Manifest,
    corpus: &crate::corpus::Corpus,
    toponyms: &crate::geoparse::ToponymTable,
    facts: &crate::facts::Facts,
) -> Published {
    let mut shards: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |bytes: Vec<u8>| {
        let name = shard_name(&bytes);
        if !shards.iter().any(|(n, _)| *n == name) {
            shards.push((name.clone(), bytes));
        }
        name
    };
    let mut documents: Vec<IndexDocument> = corpus
        .documents
        .iter()
        .map(|d| IndexDocument {
            id: d.id.clone(),
            file: d.file.clone(),
            headline: d.headline.clone(),
            outlet: d.outlet.clone(),
            published: d.published,
            shard: String::new(),
        })
        .collect();
    for (name, bytes) in files {
        let ids: Vec<String> = corpus
            .documents
            .iter()
            .filter(|d| &d.file == name)
            .map(|d| d.id.clone())
            .collect();
        if ids.is_empty() {
            continue;
        }
        let shard = ArticleShard {
            flags: facts
                .flags
                .iter()
                .filter(|f| ids.contains(&f.doc))
                .cloned()
                .collect(),
            file: name.clone(),
            text: String::from_utf8_lossy(bytes).into_owned(),
            manifest: manifest
                .ids()
                .filter(|id| name.starts_with(id) || ids.iter().any(|d| d == id))
                .filter_map(|id| Some((id.to_owned(), manifest.get(id)?.clone())))
                .collect(),
            toponyms: ids
                .iter()
                .map(|id| toponyms.get(id).cloned().unwrap_or_default())
                .collect(),
            ids,
        };
        let shard_file = add(crate::packed::to_bytes(&shard).expect("an article shard packs"));
        for d in documents.iter_mut().filter(|d| &d.file == name) {
            d.shard = shard_file.clone();
        }
    }
    let source_of = |doc: &str, excerpts: Vec<Excerpt>, pieces: Vec<Piece>| {
        let d = documents.iter().find(|d| d.id == doc);
        ShardSource {
            doc: doc.to_owned(),
            headline: d.map(|d| d.headline.clone()).unwrap_or_default(),
            outlet: d.and_then(|d| d.outlet.clone()),
            published: d.and_then(|d| d.published),
            shard: d.map(|d| d.shard.clone()).unwrap_or_default(),
            flags: facts
                .flags
                .iter()
                .filter(|f| f.doc == doc)
                .map(|f| f.note.clone())
                .collect(),
            excerpts,
            pieces,
        }
    };
    // The facts by place, for each place's shard and colour.
    let mut by_place: std::collections::HashMap<u32, crate::facts::Facts> =
        std::collections::HashMap::new();
    for fact in &facts.facts {
        if let Some(id) = fact.geonameid() {
            by_place.entry(id).or_default().facts.push(fact.clone());
        }
    }
    let unfiltered = crate::facts::FactFilter::default();
    let places = crate::places::map_places(corpus, toponyms)
        .into_iter()
        .map(|place| {
            let here = by_place.remove(&place.geonameid).unwrap_or_default();
            let sources = place
                .sources
                .iter()
                .map(|source| {
                    let doc = corpus.document(&source.doc).expect("a place's document");
                    let mut spans: Vec<Span> = source.excerpts.iter().map(|e| e.span).collect();
                    for fact in &here.facts {
                        spans.extend(
                            fact.sources
                                .iter()
                                .filter(|s| s.doc == source.doc)
                                .map(|s| s.excerpt),
                        );
                    }
                    source_of(
                        &source.doc,
                        source.excerpts.clone(),
                        pieces(&doc.text, spans),
                    )
                })
                .collect::<Vec<_>>();
            // A fact's source that does not name the place in a sentence of its own is quoted
            // in the panel too.
            let mut sources = sources;
            for fact in &here.facts {
                for s in &fact.sources {
                    let Some(doc) = corpus.document(&s.doc) else {
                        continue;
                    };
                    match sources.iter_mut().find(|x| x.doc == s.doc) {
                        Some(x) if x.slice(s.excerpt).is_some() => {}
                        Some(x) => {
                            let mut spans: Vec<Span> = x
                                .pieces
                                .iter()
                                .map(|p| Span::new(p.start, p.start + p.text.len()))
                                .collect();
                            spans.push(s.excerpt);
                            x.pieces = pieces(&doc.text, spans);
                        }
                        None => sources.push(source_of(
                            &s.doc,
                            Vec::new(),
                            pieces(&doc.text, vec![s.excerpt]),
                        )),
                    }
                }
            }
            let kind = here.main_kind_at(place.geonameid, &unfiltered);
            let shard = PlaceShard {
                geonameid: place.geonameid,
                facts: here.facts,
                sources,
            };
            IndexPlace {
                geonameid: place.geonameid,
                name: place.name.clone(),
                within: place.within.clone(),
                precision: place.precision,
                lat_e5: (place.lat * 1e5).round() as i32,
                lon_e5: (place.lon * 1e5).round() as i32,
                country: place.country.clone(),
                admin1: place.admin1.clone(),
                articles: place.sources.len() as u32,
                kind,
                shard: add(crate::packed::to_bytes(&shard).expect("a place shard packs")),
            }
        })
        .collect();
    let slimmed = crate::facts::Facts {
        facts: facts.facts.iter().map(slim).collect(),
        unplaced: facts.unplaced.iter().map(slim).collect(),
        flags: facts.flags.clone(),
    };
    let index = ShardIndex {
        document_count: documents.len() as u32,
        places,
        notes: corpus
            .diagnostics
            .iter()
            .map(IndexNote::from_diagnostic)
            .collect(),
        reported: manifest.published_span(),
        summary: FactSummary::of(facts),
        facts_shard: add(crate::packed::to_bytes(&slimmed).expect("the facts pack")),
        documents_shard: add(crate::packed::to_bytes(&DocumentsShard {
            documents: documents.clone(),
        })
        .expect("the documents pack")),
        documents: documents.into_iter().take(FIRST_PAGE).collect(),
    };
    Published {
        index: crate::packed::to_bytes(&index).expect("the index packs"),
        shards,
    }
}

/// The stretches of `text` that `spans` cover, overlapping ones merged.
fn pieces(text: &str, spans: Vec<Span>) -> Vec<Piece> {
    let mut spans = spans;
    spans.sort();
    let mut merged: Vec<Span> = Vec::new();
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
        .into_iter()
        .filter_map(|s| {
            Some(Piece {
                start: s.start,
                text: text.get(s.start..s.end)?.to_owned(),
            })
        })
        .collect()
}

/// A shard's packed bytes read, or what is wrong with them, said for the reader ("it is
/// damaged (…)"), as the page says it where the shard's words would be.
pub fn read_shard<T: serde::de::DeserializeOwned>(bytes: Option<&[u8]>) -> Result<T, String> {
    let Some(bytes) = bytes else {
        return Err("it is missing".to_owned());
    };
    crate::packed::from_bytes(bytes).map_err(|e| format!("it is damaged ({e})"))
}
