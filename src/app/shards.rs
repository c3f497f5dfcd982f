//! A sharded corpus's texts (`crate::shards`), fetched when the reader first needs them and
//! kept for the rest of the visit: an article's shard when the reader opens it, a place's when
//! its marker is opened. One fetch per shard, whatever asks for it and however often.
//!
//! The page embeds the index; [`Shards::from_index`] makes the documents of the lists' first
//! page (without their text) and the places the map draws from it. The rest of the index,
//! every document and every fact without its words, is in two index shards: a component that
//! needs them asks ([`Shards::want_documents`], [`Shards::want_facts`]: a list shown whole, a
//! filter used, a link to an article past the first page, the download), says it is loading,
//! and the page is drawn again from the whole index once they arrive ([`Shards::apply_rest`]).
//! Until then the map's colours and the filter's counts are the index's, computed at build
//! time. Components ask
//! with [`Shards::article`] and [`Shards::place`], which start the fetch on first asking and
//! are reactive: they run again when the shard arrives. A shard that cannot be fetched or
//! read is [`Load::Failed`] with why, which the component says in its place; the rest of the
//! map keeps working.

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{XmlHttpRequest, XmlHttpRequestResponseType};

use crate::corpus::{self, Corpus, Document, Provenance};
use crate::facts::EventKind;
use crate::facts::Facts;
use crate::geoparse::ToponymRecord;
use crate::places::MapPlace;
use crate::shards::{ArticleShard, DocumentsShard, FactSummary, PlaceShard, ShardIndex};

/// An article file's documents, cleaned in the page, with their toponyms.
#[derive(Clone, Debug, Default)]
pub struct LoadedArticle {
    pub documents: Vec<Document>,
    pub toponyms: Vec<Vec<ToponymRecord>>,
    /// Where its documents contradict the others.
    pub flags: Vec<crate::facts::ArticleFlag>,
}

impl LoadedArticle {
    /// The document `id` and its toponyms.
    pub fn document(&self, id: &str) -> Option<(&Document, &[ToponymRecord])> {
        let i = self.documents.iter().position(|d| d.id == id)?;
        Some((
            &self.documents[i],
            self.toponyms.get(i).map(Vec::as_slice).unwrap_or_default(),
        ))
    }
}

/// Where a shard is.
#[derive(Clone, Debug)]
pub enum Load<T> {
    Pending,
    Failed(String),
    Ready(Rc<T>),
}

#[derive(Clone, Debug)]
enum Held {
    Pending,
    Failed(String),
    Article(Rc<LoadedArticle>),
    Place(Rc<PlaceShard>),
    Documents(Rc<DocumentsShard>),
    Facts(Rc<Facts>),
}

/// The sharded corpus: which shard holds what, and the shards fetched so far.
#[derive(Clone, Copy)]
pub struct Shards {
    /// Document id → its article shard; GeoNames id → its place shard.
    docs: StoredValue<Vec<(String, String)>, LocalStorage>,
    places: StoredValue<Vec<(u32, String)>, LocalStorage>,
    /// The map's places as the index gives them (their sentences in the place shards).
    index_places: StoredValue<Vec<MapPlace>, LocalStorage>,
    held: StoredValue<Vec<(String, Held)>, LocalStorage>,
    /// Bumped when a shard arrives or fails.
    arrived: RwSignal<u32>,
    /// Each place's colour before a filter is used, by GeoNames id (sorted).
    kinds: StoredValue<Vec<(u32, Option<EventKind>)>, LocalStorage>,
    /// The filter's counts before it is used.
    summary: StoredValue<FactSummary, LocalStorage>,
    document_count: usize,
    /// The index shards' names: every document, every fact.
    documents_shard: StoredValue<String, LocalStorage>,
    facts_shard: StoredValue<String, LocalStorage>,
    /// Whether the page's documents and facts are still the embedded index's alone.
    documents_partial: StoredValue<bool, LocalStorage>,
    facts_partial: StoredValue<bool, LocalStorage>,
    /// Bumped when an index shard has arrived: the page is drawn again from it.
    rest: RwSignal<u32>,
    /// What the reader asked for that waits on an index shard, for the page drawn with it:
    /// the whole list of articles, the download.
    wants_all_documents: StoredValue<bool, LocalStorage>,
    wants_download: StoredValue<bool, LocalStorage>,
}

impl Shards {
    /// The page's store when its corpus is sharded. `None` without a look-up when it is not
    /// (`corpus::SHARDED`, a constant of the build): the shipped five's page then carries none
    /// of the code that fetches and reads shards. Always inlined, so that each caller sees the
    /// constant: the store is too large to be returned in registers, and a `None` returned
    /// through memory from a call keeps every sharded branch after it in the page.
    #[inline(always)]
    pub fn current() -> Option<Shards> {
        if corpus::SHARDED {
            use_context::<Shards>()
        } else {
            None
        }
    }

    /// The corpus of the first page's documents without their texts, no facts yet (the map's
    /// colours and the filter's counts come from the index until they arrive), and the store,
    /// from the embedded index.
    pub fn from_index(bytes: &[u8]) -> Result<(Corpus, Facts, Shards), crate::packed::Error> {
        let index: ShardIndex = crate::packed::from_bytes(bytes)?;
        let documents: Vec<Document> = index.documents.iter().map(stub).collect();
        let mut kinds: Vec<(u32, Option<EventKind>)> =
            index.places.iter().map(|p| (p.geonameid, p.kind)).collect();
        kinds.sort_by_key(|(id, _)| *id);
        let shards = Shards {
            docs: StoredValue::new_local(
                index
                    .documents
                    .iter()
                    .map(|d| (d.id.clone(), d.shard.clone()))
                    .collect(),
            ),
            places: StoredValue::new_local(
                index
                    .places
                    .iter()
                    .map(|p| (p.geonameid, p.shard.clone()))
                    .collect(),
            ),
            index_places: StoredValue::new_local(
                index.places.iter().map(|p| p.to_map_place()).collect(),
            ),
            held: StoredValue::new_local(Vec::new()),
            arrived: RwSignal::new(0),
            kinds: StoredValue::new_local(kinds),
            summary: StoredValue::new_local(index.summary.clone()),
            document_count: index.document_count as usize,
            documents_shard: StoredValue::new_local(index.documents_shard.clone()),
            facts_shard: StoredValue::new_local(index.facts_shard.clone()),
            documents_partial: StoredValue::new_local(
                index.documents.len() < index.document_count as usize,
            ),
            facts_partial: StoredValue::new_local(true),
            rest: RwSignal::new(0),
            wants_all_documents: StoredValue::new_local(false),
            wants_download: StoredValue::new_local(false),
        };
        let corpus = Corpus {
            documents,
            diagnostics: index.notes.iter().map(|n| n.to_diagnostic()).collect(),
        };
        Ok((corpus, Facts::default(), shards))
    }

    /// A document as a place's shard heads it, without its text.
    pub fn stub_of(s: &crate::shards::ShardSource) -> Document {
        stub(&crate::shards::IndexDocument {
            id: s.doc.clone(),
            file: String::new(),
            headline: s.headline.clone(),
            outlet: s.outlet.clone(),
            published: s.published,
            shard: s.shard.clone(),
        })
    }

    /// Whether a download waits for the index shards.
    pub fn wants_download(self) -> bool {
        self.wants_download.get_value()
    }

    /// How many documents there are in all, whether or not the page holds them yet.
    pub fn document_count(self) -> usize {
        self.document_count
    }

    /// Whether the page's documents are the first page's alone (untracked: the page is drawn
    /// again when the rest arrive).
    pub fn documents_partial(self) -> bool {
        self.documents_partial.get_value()
    }

    /// Whether the page has no facts but the index's counts and colours (untracked).
    pub fn facts_partial(self) -> bool {
        self.facts_partial.get_value()
    }

    /// The filter's counts and days before it is used.
    pub fn summary(self) -> FactSummary {
        self.summary.get_value()
    }

    /// A place's colour before a filter is used.
    pub fn kind_at(self, geonameid: u32) -> Option<EventKind> {
        self.kinds.with_value(|k| {
            k.binary_search_by_key(&geonameid, |(id, _)| *id)
                .ok()
                .and_then(|i| k[i].1)
        })
    }

    /// Every document: fetched on first asking, the page drawn again when it arrives.
    /// `Ready` once the page holds them (tracked).
    pub fn want_documents(self) -> Load<()> {
        if !self.documents_partial() {
            return Load::Ready(Rc::new(()));
        }
        let name = self.documents_shard.get_value();
        match self.get(&name, Kind::Documents) {
            Held::Failed(why) => Load::Failed(why),
            _ => Load::Pending,
        }
    }

    /// Every fact without its words, as [`Shards::want_documents`].
    pub fn want_facts(self) -> Load<()> {
        if !self.facts_partial() {
            return Load::Ready(Rc::new(()));
        }
        let name = self.facts_shard.get_value();
        match self.get(&name, Kind::Facts) {
            Held::Failed(why) => Load::Failed(why),
            _ => Load::Pending,
        }
    }

    /// The whole list of articles was asked for (kept for the page drawn when it arrives).
    pub fn wants_all_documents(self) -> bool {
        self.wants_all_documents.get_value()
    }

    pub fn set_wants_all_documents(self) {
        self.wants_all_documents.set_value(true);
    }

    /// Whether a download waits for the facts; cleared by asking.
    pub fn take_wanted_download(self) -> bool {
        let wanted = self.wants_download.get_value();
        self.wants_download.set_value(false);
        wanted
    }

    pub fn set_wants_download(self) {
        self.wants_download.set_value(true);
    }

    /// Read by the page so that it is drawn again when an index shard has arrived.
    pub fn rest_version(self) -> u32 {
        self.rest.get()
    }

    /// Puts the index shards that have arrived into the page's documents and facts (once
    /// each); a reader's articles are kept.
    pub fn apply_rest(self, corpus: StoredValue<Corpus>, facts: StoredValue<Facts>) {
        let held = |name: String| {
            self.held
                .with_value(|h| h.iter().find(|(n, _)| *n == name).map(|(_, x)| x.clone()))
        };
        if self.documents_partial() {
            if let Some(Held::Documents(all)) = held(self.documents_shard.get_value()) {
                self.docs.update_value(|d| {
                    d.clear();
                    d.extend(
                        all.documents
                            .iter()
                            .map(|x| (x.id.clone(), x.shard.clone())),
                    );
                });
                corpus.update_value(|c| {
                    let added: Vec<Document> = c
                        .documents
                        .drain(..)
                        .filter(|d| !d.text.is_empty())
                        .collect();
                    c.documents = all.documents.iter().map(stub).collect();
                    c.documents.extend(added);
                });
                self.documents_partial.set_value(false);
            }
        }
        if self.facts_partial() {
            if let Some(Held::Facts(all)) = held(self.facts_shard.get_value()) {
                facts.set_value((*all).clone());
                self.facts_partial.set_value(false);
            }
        }
    }

    /// The days the index's manifest spans.
    pub fn reported(bytes: &[u8]) -> Option<(crate::date::Date, crate::date::Date)> {
        crate::packed::from_bytes::<ShardIndex>(bytes)
            .ok()
            .and_then(|i| i.reported)
    }

    /// The map's places: the index's (those of `corpus`'s documents) with `computed` (the
    /// reader's own articles', which the page computes) merged in.
    pub fn merge_places(self, computed: Vec<MapPlace>, corpus: &Corpus) -> Vec<MapPlace> {
        let shown = corpus.documents.iter().any(|d| d.text.is_empty());
        let mut places: Vec<MapPlace> = self.index_places.with_value(|p| {
            p.iter()
                .map(|place| {
                    let mut place = place.clone();
                    // The index's sources are unnamed until the place's shard is opened: kept
                    // while the page shows the published articles at all.
                    if !shown {
                        place.sources.clear();
                    }
                    place
                })
                .filter(|p| !p.sources.is_empty())
                .collect()
        });
        for place in computed {
            match places.iter_mut().find(|p| p.geonameid == place.geonameid) {
                Some(have) => have.sources.extend(place.sources),
                None => places.push(place),
            }
        }
        crate::places::by_weight(places)
    }

    /// The article shard of document `id`: its documents cleaned, once it has arrived.
    pub fn article(self, id: &str) -> Option<Load<LoadedArticle>> {
        let name = self
            .docs
            .with_value(|d| d.iter().find(|(doc, _)| doc == id).map(|(_, s)| s.clone()))?;
        Some(match self.get(&name, Kind::Article) {
            Held::Pending => Load::Pending,
            Held::Failed(why) => Load::Failed(why),
            Held::Article(a) => Load::Ready(a),
            _ => Load::Failed("the shard holds no article".to_owned()),
        })
    }

    /// The place shard of `geonameid`, once it has arrived.
    pub fn place(self, geonameid: u32) -> Option<Load<PlaceShard>> {
        let name = self.places.with_value(|p| {
            p.iter()
                .find(|(id, _)| *id == geonameid)
                .map(|(_, s)| s.clone())
        })?;
        Some(match self.get(&name, Kind::Place) {
            Held::Pending => Load::Pending,
            Held::Failed(why) => Load::Failed(why),
            Held::Place(p) => Load::Ready(p),
            _ => Load::Failed("the shard holds no place".to_owned()),
        })
    }

    /// What is held of shard `name`, fetching it on first asking (reactive: runs again when
    /// it arrives).
    fn get(self, name: &str, kind: Kind) -> Held {
        self.arrived.track();
        let held = self
            .held
            .with_value(|h| h.iter().find(|(n, _)| n == name).map(|(_, x)| x.clone()));
        if let Some(held) = held {
            return held;
        }
        self.held
            .update_value(|h| h.push((name.to_owned(), Held::Pending)));
        self.fetch(name.to_owned(), kind);
        Held::Pending
    }

    fn settle(self, name: &str, held: Held) {
        // A place's panel names its articles' shards: reading one of them is one fetch.
        if let Held::Place(place) = &held {
            self.docs.try_update_value(|d| {
                for s in &place.sources {
                    if !s.shard.is_empty() && !d.iter().any(|(id, _)| *id == s.doc) {
                        d.push((s.doc.clone(), s.shard.clone()));
                    }
                }
            });
        }
        let index_shard = matches!(held, Held::Documents(_) | Held::Facts(_));
        let stored = self.held.try_update_value(|h| {
            if let Some(slot) = h.iter_mut().find(|(n, _)| n == name) {
                slot.1 = held;
            }
        });
        if stored.is_some() {
            self.arrived.try_update(|n| *n += 1);
            if index_shard {
                self.rest.try_update(|n| *n += 1);
            }
        }
    }

    fn fetch(self, name: String, kind: Kind) {
        let Ok(xhr) = XmlHttpRequest::new() else {
            return self.settle(
                &name,
                Held::Failed("this browser cannot fetch it".to_owned()),
            );
        };
        if xhr.open("GET", &super::published::url(&name)).is_err() {
            return self.settle(&name, Held::Failed("its address is not valid".to_owned()));
        }
        xhr.set_response_type(XmlHttpRequestResponseType::Arraybuffer);
        let request = xhr.clone();
        let on_done = Closure::once_into_js(move || {
            let status = request.status().unwrap_or(0);
            let body = request.response().ok().filter(|_| status == 200);
            let Some(body) = body else {
                let why = if status == 0 {
                    "the network failed".to_owned()
                } else {
                    format!("the site answered HTTP {status}")
                };
                return self.settle(&name, Held::Failed(why));
            };
            super::published::unpacked(js_sys::Uint8Array::new(&body), move |bytes| {
                let held = match bytes {
                    Ok(bytes) => read(&bytes, kind),
                    Err(why) => Held::Failed(why),
                };
                self.settle(&name, held);
            });
        });
        xhr.set_onloadend(Some(on_done.unchecked_ref()));
        if xhr.send().is_err() {
            // `loadend` still fires and settles it.
        }
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Article,
    Place,
    Documents,
    Facts,
}

/// A document of the index as the lists and headings show it, without its text.
fn stub(d: &crate::shards::IndexDocument) -> Document {
    Document {
        id: d.id.clone(),
        file: d.file.clone(),
        headline: d.headline.clone(),
        headline_source: Provenance::Unknown,
        outlet: d.outlet.clone(),
        outlet_source: Provenance::Unknown,
        byline: None,
        url: None,
        published: d.published,
        date_source: Provenance::Unknown,
        text: String::new(),
        blocks: Vec::new(),
        sentences: Vec::new(),
        origins: Vec::new(),
        removed: Vec::new(),
    }
}

/// A shard's bytes read: an article's cleaned as the page cleans an embedded one.
fn read(bytes: &[u8], kind: Kind) -> Held {
    use crate::shards::read_shard;
    let read = match kind {
        Kind::Place => read_shard::<PlaceShard>(Some(bytes)).map(|p| Held::Place(Rc::new(p))),
        Kind::Article => read_shard::<ArticleShard>(Some(bytes)).map(|shard| {
            Held::Article(Rc::new(LoadedArticle {
                documents: shard.documents(),
                toponyms: shard.toponyms,
                flags: shard.flags,
            }))
        }),
        Kind::Documents => {
            read_shard::<DocumentsShard>(Some(bytes)).map(|d| Held::Documents(Rc::new(d)))
        }
        Kind::Facts => read_shard::<Facts>(Some(bytes)).map(|f| Held::Facts(Rc::new(f))),
    };
    read.unwrap_or_else(Held::Failed)
}
