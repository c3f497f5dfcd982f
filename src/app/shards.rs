//! A sharded corpus's texts (`crate::shards`), fetched when the reader first needs them and
//! kept for the rest of the visit: an article's shard when the reader opens it, a place's when
//! its marker is opened. One fetch per shard, whatever asks for it and however often.
//!
//! The page embeds the index; [`Shards::from_index`] makes the documents the lists and
//! headings show (without their text) and the places the map draws from it. Components ask
//! with [`Shards::article`] and [`Shards::place`], which start the fetch on first asking and
//! are reactive: they run again when the shard arrives. A shard that cannot be fetched or
//! read is [`Load::Failed`] with why, which the component says in its place; the rest of the
//! map keeps working.

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{XmlHttpRequest, XmlHttpRequestResponseType};

use crate::corpus::{self, Corpus, Document, Provenance};
use crate::facts::Facts;
use crate::geoparse::ToponymRecord;
use crate::places::MapPlace;
use crate::shards::{ArticleShard, PlaceShard, ShardIndex};

/// An article file's documents, cleaned in the page, with their toponyms.
#[derive(Clone, Debug, Default)]
pub struct LoadedArticle {
    pub documents: Vec<Document>,
    pub toponyms: Vec<Vec<ToponymRecord>>,
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
}

impl Shards {
    /// The page's store when its corpus is sharded. `None` without a look-up when it is not
    /// (`corpus::SHARDED`, a constant of the build): the shipped five's page then carries none
    /// of the code that fetches and reads shards.
    pub fn current() -> Option<Shards> {
        if corpus::SHARDED {
            use_context::<Shards>()
        } else {
            None
        }
    }

    /// The corpus of documents without their texts, the facts without their words
    /// (`crate::shards::slim`), and the store, from the embedded index.
    pub fn from_index(bytes: &[u8]) -> Result<(Corpus, Facts, Shards), crate::packed::Error> {
        let index: ShardIndex = crate::packed::from_bytes(bytes)?;
        let documents: Vec<Document> = index
            .documents
            .iter()
            .map(|d| Document {
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
            })
            .collect();
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
                index
                    .places
                    .iter()
                    .map(|p| p.to_map_place(&index.documents))
                    .collect(),
            ),
            held: StoredValue::new_local(Vec::new()),
            arrived: RwSignal::new(0),
        };
        let corpus = Corpus {
            documents,
            diagnostics: index.notes.iter().map(|n| n.to_diagnostic()).collect(),
        };
        Ok((corpus, index.facts, shards))
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
        let mut places: Vec<MapPlace> = self.index_places.with_value(|p| {
            p.iter()
                .map(|place| {
                    let mut place = place.clone();
                    place
                        .sources
                        .retain(|s| corpus.document(&s.doc).is_some_and(|d| d.text.is_empty()));
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
            Held::Place(_) => Load::Failed("the shard holds a place, not an article".to_owned()),
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
            Held::Article(_) => Load::Failed("the shard holds an article, not a place".to_owned()),
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
        let stored = self.held.try_update_value(|h| {
            if let Some(slot) = h.iter_mut().find(|(n, _)| n == name) {
                slot.1 = held;
            }
        });
        if stored.is_some() {
            self.arrived.try_update(|n| *n += 1);
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
}

/// A shard's bytes read: an article's cleaned as the page cleans an embedded one.
fn read(bytes: &[u8], kind: Kind) -> Held {
    let damaged = |e: crate::packed::Error| Held::Failed(format!("it is damaged ({e})"));
    match kind {
        Kind::Place => match crate::packed::from_bytes::<PlaceShard>(bytes) {
            Ok(place) => Held::Place(Rc::new(place)),
            Err(e) => damaged(e),
        },
        Kind::Article => match crate::packed::from_bytes::<ArticleShard>(bytes) {
            Ok(shard) => Held::Article(Rc::new(LoadedArticle {
                documents: shard.documents(),
                toponyms: shard.toponyms,
            })),
            Err(e) => damaged(e),
        },
    }
}
