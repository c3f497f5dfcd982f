use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::collection::{self, AddError, Collection, Draft, StoreError};
use crate::corpus::Corpus;
use crate::date::Date;
use crate::geoparse::ToponymTable;

/// Where the collection lives in the browser, and the places found in it (a cache: they are
/// found again when missing).
const STORE_KEY: &str = "factmap.collection";
const PLACES_KEY: &str = "factmap.places.v1";
const PLACES_CACHE_LIMIT: usize = 500_000;

/// Which articles the map shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    #[default]
    Both,
    Shipped,
    Added,
}

/// How far finding places in added articles has got.
#[derive(Clone, Debug, PartialEq)]
pub enum Progress {
    Idle,
    /// Downloading the gazetteer: bytes so far and in all (0 when unknown).
    Downloading { loaded: f64, total: f64 },
    /// Finding places in this many articles.
    Parsing(usize),
    Failed(String),
}

/// The reader's own articles: kept in the browser, sent to the geoparser's worker, merged with
/// the shipped corpus. A `Copy` handle, created once in `App`.
#[derive(Clone, Copy)]
pub struct Library {
    collection: RwSignal<Collection>,
    /// The places of the added articles' documents, by document id.
    places: RwSignal<ToponymTable>,
    progress: RwSignal<Progress>,
    show: RwSignal<Show>,
    /// A stored collection this page could not read: kept, never overwritten, until the reader
    /// has downloaded it or chosen to start afresh.
    problem: RwSignal<Option<StoreError>>,
    /// Changes when the map must be redrawn: an article's places arrived, or one was removed.
    version: RwSignal<u64>,
    worker: StoredValue<Option<web_sys::Worker>, LocalStorage>,
    /// The added articles cleaned into documents, kept until the collection changes: cleaning
    /// a long article is work the page should do once.
    cleaned: StoredValue<Option<Corpus>>,
    /// Whether the worker's module runs: messages sent before are lost.
    worker_started: StoredValue<bool>,
    requests: StoredValue<u64>,
}

impl Library {
    /// The collection stored in this browser, if it can be read.
    pub fn load() -> Library {
        let stored = local_storage().and_then(|s| s.get_item(STORE_KEY).ok().flatten());
        let (collection, problem) = match stored.map(|raw| collection::decode(&raw)) {
            None => (Collection::default(), None),
            Some(Ok(c)) => (c, None),
            Some(Err(err)) => (Collection::default(), Some(err)),
        };
        let places: ToponymTable = local_storage()
            .and_then(|s| s.get_item(PLACES_KEY).ok().flatten())
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_default();
        let library = Library {
            collection: RwSignal::new(collection),
            places: RwSignal::new(places),
            progress: RwSignal::new(Progress::Idle),
            show: RwSignal::new(Show::Both),
            problem: RwSignal::new(problem),
            version: RwSignal::new(0),
            worker: StoredValue::new_local(None),
            worker_started: StoredValue::new(false),
            cleaned: StoredValue::new(None),
            requests: StoredValue::new(0),
        };
        library.find_missing_places();
        library
    }

    pub fn articles(self) -> Collection {
        self.collection.get()
    }

    pub fn progress(self) -> Progress {
        self.progress.get()
    }

    pub fn problem(self) -> Option<StoreError> {
        self.problem.get()
    }

    pub fn show(self) -> Show {
        self.show.get()
    }

    pub fn set_show(self, show: Show) {
        self.show.set(show);
        self.version.update(|v| *v += 1);
    }

    /// Read by the page so that it redraws when the map must change.
    pub fn version(self) -> u64 {
        self.version.get()
    }

    /// Whether the article's places are known yet.
    pub fn is_mapped(self, id: &str) -> bool {
        self.places.with(|p| p.keys().any(|k| k == id || k.strip_prefix(id).is_some_and(|rest| rest.starts_with('-'))))
    }

    /// Adds the drafts; returns, per draft, its id or why it was not added.
    pub fn add(self, drafts: Vec<Draft>) -> Vec<Result<String, AddError>> {
        let mut results = Vec::new();
        self.collection.update(|c| results = drafts.into_iter().map(|d| c.add(d)).collect());
        self.cleaned.set_value(None);
        self.save();
        // The map is drawn again when the places arrive, once, not now as well.
        self.find_missing_places();
        results
    }

    pub fn remove(self, id: &str) {
        self.collection.update(|c| {
            c.remove(id);
        });
        self.cleaned.set_value(None);
        self.places.update(|p| p.retain(|k, _| k != id && !k.strip_prefix(id).is_some_and(|rest| rest.starts_with('-'))));
        self.save();
        self.version.update(|v| *v += 1);
    }

    /// Corrects an article's headline and date. Its places are found again: the cleaned text
    /// they index may change with the headline.
    pub fn edit(self, id: &str, headline: Option<String>, published: Option<Date>) {
        self.collection.update(|c| {
            c.edit(id, headline, published);
        });
        self.cleaned.set_value(None);
        self.places.update(|p| p.retain(|k, _| k != id && !k.strip_prefix(id).is_some_and(|rest| rest.starts_with('-'))));
        self.save();
        self.find_missing_places();
        self.version.update(|v| *v += 1);
    }

    /// Adds the articles of an exported collection; returns how many were new.
    pub fn import(self, raw: &str) -> Result<usize, StoreError> {
        let mut added = Ok(0);
        self.collection.update(|c| added = collection::import(c, raw));
        self.cleaned.set_value(None);
        if added.as_ref().is_ok_and(|n| *n > 0) {
            self.save();
            self.find_missing_places();
            self.version.update(|v| *v += 1);
        }
        added
    }

    /// Drops a stored collection this page could not read (after the reader was offered it).
    pub fn discard_stored(self) {
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(STORE_KEY);
        }
        self.problem.set(None);
        self.save();
    }

    /// The added articles as documents, and the shipped and added ones merged as `show` asks.
    pub fn merged(self, shipped: &Corpus, shipped_places: &ToponymTable) -> (Corpus, ToponymTable) {
        self.merged_as(self.show.get_untracked(), shipped, shipped_places)
    }

    /// Every article, whatever the map shows.
    pub fn merged_all(self, shipped: &Corpus, shipped_places: &ToponymTable) -> (Corpus, ToponymTable) {
        self.merged_as(Show::Both, shipped, shipped_places)
    }

    fn merged_as(self, show: Show, shipped: &Corpus, shipped_places: &ToponymTable) -> (Corpus, ToponymTable) {
        let added = self.added_corpus();
        let mut corpus = Corpus::default();
        let mut places = ToponymTable::new();
        if show != Show::Added {
            corpus.documents.extend(shipped.documents.iter().cloned());
            corpus.diagnostics.extend(shipped.diagnostics.iter().cloned());
            places.extend(shipped_places.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        if show != Show::Shipped {
            corpus.documents.extend(added.documents);
            corpus.diagnostics.extend(added.diagnostics);
            self.places.with_untracked(|p| places.extend(p.iter().map(|(k, v)| (k.clone(), v.clone()))));
        }
        (corpus, places)
    }

    fn added_corpus(self) -> Corpus {
        if let Some(corpus) = self.cleaned.with_value(Clone::clone) {
            return corpus;
        }
        let corpus = self.collection.with_untracked(Collection::corpus);
        self.cleaned.set_value(Some(corpus.clone()));
        corpus
    }

    fn save(self) {
        if self.problem.get_untracked().is_some() {
            return;
        }
        let Some(storage) = local_storage() else { return };
        let stored = self.collection.with_untracked(Collection::encode);
        if let Err(err) = storage.set_item(STORE_KEY, &stored) {
            // Over the quota: say so; what is on the page is still there to export.
            let why = err.as_string().or_else(|| js_sys::Reflect::get(&err, &"message".into()).ok().and_then(|m| m.as_string())).unwrap_or_else(|| "the browser refused".to_owned());
            self.progress.set(Progress::Failed(format!("Your articles could not be kept in this browser ({why}); export them to keep them.")));
        }
        // The places are a cache, found again when missing: one too big to write quickly (a
        // long article's runs to megabytes) is left out rather than crowding the quota.
        let places = self.places.with_untracked(|p| serde_json::to_string(p).unwrap_or_default());
        if places.len() > PLACES_CACHE_LIMIT || storage.set_item(PLACES_KEY, &places).is_err() {
            let _ = storage.remove_item(PLACES_KEY);
        }
    }

    /// Sends the documents whose places are not known to the worker.
    fn find_missing_places(self) {
        let corpus = self.added_corpus();
        let missing: Vec<(String, String)> = self.places.with_untracked(|p| corpus.documents.iter().filter(|d| !p.contains_key(&d.id)).map(|d| (d.id.clone(), d.text.clone())).collect());
        if missing.is_empty() {
            return;
        }
        let Some(worker) = self.worker() else {
            self.progress.set(Progress::Failed("This browser cannot run the place finder (Web Workers are off).".to_owned()));
            return;
        };
        if !self.worker_started.get_value() {
            // Sent when the worker says it has started.
            self.progress.set(Progress::Parsing(missing.len()));
            return;
        }
        let request = self.requests.with_value(|n| n + 1);
        self.requests.set_value(request);
        let docs: Vec<serde_json::Value> = missing.iter().map(|(id, text)| serde_json::json!({ "id": id, "text": text })).collect();
        if !matches!(self.progress.get_untracked(), Progress::Downloading { .. }) {
            self.progress.set(Progress::Parsing(docs.len()));
        }
        let message = serde_json::json!({ "request": request, "docs": docs }).to_string();
        let _ = worker.post_message(&JsValue::from_str(&message));
    }

    fn worker(self) -> Option<web_sys::Worker> {
        if let Some(w) = self.worker.with_value(Clone::clone) {
            return Some(w);
        }
        let worker = web_sys::Worker::new("factmap-worker-loader.js").ok()?;
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            if let Some(raw) = ev.data().as_string() {
                self.on_worker_message(&raw);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        self.worker.set_value(Some(worker.clone()));
        Some(worker)
    }

    fn on_worker_message(self, raw: &str) {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(raw) else { return };
        if message.get("started").is_some() {
            self.worker_started.set_value(true);
            self.find_missing_places();
        } else if let Some(p) = message.get("progress") {
            let loaded = p["loaded"].as_f64().unwrap_or(0.0);
            let total = p["total"].as_f64().unwrap_or(0.0);
            self.progress.set(Progress::Downloading { loaded, total });
        } else if message.get("ready").is_some() {
            self.progress.set(Progress::Parsing(self.collection.with_untracked(|c| c.articles.len())));
        } else if let Some(table) = message.get("toponyms") {
            if let Ok(table) = serde_json::from_value::<ToponymTable>(table.clone()) {
                // Only the documents still in the collection: one may have gone meanwhile.
                let ids: Vec<String> = self.cleaned.with_value(|c| c.as_ref().map(|c| c.documents.iter().map(|d| d.id.clone()).collect())).unwrap_or_else(|| self.added_corpus().documents.into_iter().map(|d| d.id).collect());
                self.places.update(|p| p.extend(table.into_iter().filter(|(k, _)| ids.contains(k))));
                self.progress.set(Progress::Idle);
                self.save();
                self.version.update(|v| *v += 1);
            }
        } else if let Some(why) = message.get("error").and_then(|e| e.as_str()) {
            self.progress.set(Progress::Failed(why.to_owned()));
        }
    }
}

/// Private windows and some settings refuse storage: the page then works for this visit only.
fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}
