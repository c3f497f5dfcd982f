use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::idb;
use crate::collection::{self, AddError, Collection, Draft, StoreError};
use crate::corpus::Corpus;
use crate::date::Date;
use crate::facts::Facts;
use crate::geoparse::ToponymTable;

// The release site's start-up script (scripts/finish-site.mjs) looks for STORE_KEY and
// IN_INDEXED_DB too: a reader who keeps articles gets the whole base map with the app.
/// Where the collection lives in the browser, and the places found in it (a cache: they are
/// found again when missing).
const STORE_KEY: &str = "factmap.collection";
const PLACES_KEY: &str = "factmap.places.v1";
const PLACES_CACHE_LIMIT: usize = 500_000;
/// Set when the collection outgrew localStorage and lives in IndexedDB instead.
const IN_INDEXED_DB: &str = "factmap.collection.in-indexeddb";

/// Which articles the map shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    #[default]
    Both,
    Shipped,
    Added,
}

impl Show {
    /// Its name in the workbench's feed to the page (src/app/added.rs).
    pub fn name(self) -> &'static str {
        match self {
            Show::Both => "both",
            Show::Shipped => "shipped",
            Show::Added => "added",
        }
    }

    pub fn from_name(name: &str) -> Option<Show> {
        [Show::Both, Show::Shipped, Show::Added].into_iter().find(|s| s.name() == name)
    }
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

/// Where one added article stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleStatus {
    Finding,
    Mapped,
    NoText,
}

impl ArticleStatus {
    pub fn describe(self) -> &'static str {
        match self {
            ArticleStatus::Finding => "finding places…",
            ArticleStatus::Mapped => "mapped",
            ArticleStatus::NoText => "no article text found to map",
        }
    }
}

/// The reader's own articles: kept in the browser and sent to the geoparser's worker; what the
/// map should show of them is published to the page (src/app/added.rs). A `Copy` handle,
/// created once in the workbench.
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
    /// Changes when the articles' statuses may have: the worker answered, or none are left.
    version: RwSignal<u64>,
    worker: StoredValue<Option<web_sys::Worker>, LocalStorage>,
    /// Counts the collection's changes; the worker's answers carry the one they are for.
    revision: StoredValue<u64>,
    /// The worker's answer for the current revision, as it came: passed on to the page.
    answer: StoredValue<Option<String>>,
    /// The collection's stored form (`Collection::encode`), kept in step with it: storage, the
    /// worker and the page all take it, and a long collection's takes a while to write.
    encoded: StoredValue<String>,
    /// Whether the worker's module runs: messages sent before are lost.
    worker_started: StoredValue<bool>,
}

impl Library {
    /// The collection stored in this browser, if it can be read.
    pub fn load() -> Library {
        let in_indexed_db = local_storage().and_then(|s| s.get_item(IN_INDEXED_DB).ok().flatten()).is_some();
        let stored = local_storage().and_then(|s| s.get_item(STORE_KEY).ok().flatten()).filter(|_| !in_indexed_db);
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
            revision: StoredValue::new(0),
            answer: StoredValue::new(None),
            encoded: StoredValue::new(String::new()),
        };
        if in_indexed_db {
            // Read in the background; the shipped articles show meanwhile.
            idb::get(STORE_KEY, move |stored| match stored.map(|raw| collection::decode(&raw)) {
                Some(Ok(c)) => {
                    library.collection.set(c);
                    library.changed();
                }
                Some(Err(err)) => {
                    library.problem.set(Some(err));
                    library.progress.set(Progress::Idle);
                }
                None => library.progress.set(Progress::Failed("Your articles were kept in this browser's database, which cannot be read now.".to_owned())),
            });
        } else {
            library.changed();
        }
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
        self.publish();
    }

    /// Tells the page what to draw (src/app/added.rs).
    fn publish(self) {
        self.encoded.with_value(|collection| self.answer.with_value(|answer| {
            super::added::publish_articles(super::added::ArticlesFeed {
                show: self.show.get_untracked(),
                articles: self.collection.with_untracked(|c| c.articles.len()),
                revision: self.revision.get_value(),
                collection,
                answer: answer.as_deref(),
            })
        }));
    }

    /// Where each added article stands, by id: on the map, still being read, or with no
    /// article text to map (the cleaner found only page chrome; its diagnostics say so).
    /// Worked out in one pass for the whole collection, which the list and its summary share.
    pub fn statuses(self) -> HashMap<String, ArticleStatus> {
        self.version.track();
        let ids: Vec<String> = self.collection.with(|c| c.articles.iter().map(|a| a.id.clone()).collect());
        if !self.ready() {
            return ids.into_iter().map(|id| (id, ArticleStatus::Finding)).collect();
        }
        // The worker's answer has the places of every document it cleaned out of the
        // collection, none or some: an article without one had no article text.
        self.places.with(|places| {
            ids.into_iter()
                .map(|id| {
                    let status = if places.keys().any(|k| is_document_of(k, &id)) { ArticleStatus::Mapped } else { ArticleStatus::NoText };
                    (id, status)
                })
                .collect()
        })
    }

    /// Whether the worker has answered for the current collection.
    fn ready(self) -> bool {
        self.answer.with_value(Option::is_some)
    }

    /// Adds the drafts; returns, per draft, its id or why it was not added.
    pub fn add_articles(self, drafts: Vec<Draft>) -> Vec<Result<String, AddError>> {
        let mut results = Vec::new();
        self.collection.update(|c| results = drafts.into_iter().map(|d| c.add(d)).collect());
        if results.iter().any(Result::is_ok) {
            self.changed();
            self.save();
        }
        results
    }

    pub fn remove(self, id: &str) {
        self.collection.update(|c| {
            c.remove(id);
        });
        self.places.update(|p| p.retain(|k, _| !is_document_of(k, id)));
        self.changed();
        self.save();
    }

    /// Corrects an article's headline and date. Its places are found again: the cleaned text
    /// they index may change with the headline.
    pub fn edit(self, id: &str, headline: Option<String>, published: Option<Date>) {
        self.collection.update(|c| {
            c.edit(id, headline, published);
        });
        self.places.update(|p| p.retain(|k, _| !is_document_of(k, id)));
        self.changed();
        self.save();
    }

    /// Adds the articles of an exported collection; returns how many were new.
    pub fn import(self, raw: &str) -> Result<usize, StoreError> {
        let mut added = Ok(0);
        self.collection.update(|c| added = collection::import(c, raw));
        if added.as_ref().is_ok_and(|n| *n > 0) {
            self.changed();
            self.save();
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

    /// After the collection changed: forget what was derived from it, tell the page and ask
    /// the worker again.
    fn changed(self) {
        self.encoded.set_value(self.collection.with_untracked(Collection::encode));
        self.answer.set_value(None);
        self.revision.update_value(|r| *r += 1);
        self.publish();
        if self.collection.with_untracked(|c| c.articles.is_empty()) {
            self.progress.set(Progress::Idle);
            self.version.update(|v| *v += 1);
            return;
        }
        self.request();
    }

    /// The added articles cleaned into documents, and the worker's facts of every article
    /// (none before it has read them): what the collection's export holds.
    pub fn for_export(self) -> (Corpus, Facts) {
        #[derive(serde::Deserialize)]
        struct Answer {
            facts: Facts,
        }
        // Read from the answer only now: the page has its own copy to draw.
        let facts = self.answer.with_value(|a| a.as_deref().and_then(|raw| serde_json::from_str::<Answer>(raw).ok())).map(|a| a.facts);
        (self.collection.with_untracked(Collection::corpus), facts.unwrap_or_default())
    }

    /// Keeps the collection, and the places found in it, in the browser.
    fn save(self) {
        if self.problem.get_untracked().is_some() {
            return;
        }
        let Some(storage) = local_storage() else { return };
        let stored = self.encoded.get_value();
        if storage.set_item(STORE_KEY, &stored).is_ok() {
            if storage.get_item(IN_INDEXED_DB).ok().flatten().is_some() {
                let _ = storage.remove_item(IN_INDEXED_DB);
                idb::delete(STORE_KEY);
            }
        } else {
            // Over localStorage's quota: the collection moves to IndexedDB, which holds far
            // more; only if that fails too is the reader told to export.
            let _ = storage.remove_item(STORE_KEY);
            let _ = storage.remove_item(PLACES_KEY);
            idb::put(STORE_KEY, &stored, move |result| match result {
                Ok(()) => {
                    if let Some(storage) = local_storage() {
                        let _ = storage.set_item(IN_INDEXED_DB, "1");
                    }
                }
                Err(why) => self.progress.set(Progress::Failed(format!("Your articles could not be kept in this browser ({why}); export them to keep them."))),
            });
            return;
        }
        self.save_places();
    }

    /// Caches the places found in the collection, beside it in localStorage.
    fn save_places(self) {
        let Some(storage) = local_storage() else { return };
        if self.problem.get_untracked().is_some() || storage.get_item(IN_INDEXED_DB).ok().flatten().is_some() {
            return;
        }
        // The places are a cache, found again when missing: one too big to write quickly (a
        // long article's runs to megabytes; about twice its text) is left out rather than
        // crowding the quota.
        if self.encoded.with_value(String::len) > PLACES_CACHE_LIMIT / 2 {
            let _ = storage.remove_item(PLACES_KEY);
            return;
        }
        let places = self.places.with_untracked(|p| serde_json::to_string(p).unwrap_or_default());
        if places.len() > PLACES_CACHE_LIMIT || storage.set_item(PLACES_KEY, &places).is_err() {
            let _ = storage.remove_item(PLACES_KEY);
        }
    }

    /// Sends the collection and the places already known to the worker, which answers with
    /// the rest of the places and the facts.
    fn request(self) {
        let Some(worker) = self.worker() else {
            self.progress.set(Progress::Failed("This browser cannot run the place finder (Web Workers are off).".to_owned()));
            return;
        };
        let n = self.collection.with_untracked(|c| c.articles.len());
        if !matches!(self.progress.get_untracked(), Progress::Downloading { .. }) {
            self.progress.set(Progress::Parsing(n));
        }
        if !self.worker_started.get_value() {
            // Sent when the worker says it has started.
            return;
        }
        // Typed, not `json!`: `serde_json::Value` stays out of the page.
        #[derive(serde::Serialize)]
        struct Request<'a> {
            collection: &'a str,
            places: &'a ToponymTable,
            request: u64,
        }
        let message = self.encoded.with_value(|collection| self.places.with_untracked(|places| serde_json::to_string(&Request { collection, places, request: self.revision.get_value() })));
        let _ = worker.post_message(&JsValue::from_str(&message.unwrap_or_default()));
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
        // The facts are the page's to read (src/app/added.rs), and the export's when asked.
        #[derive(serde::Deserialize)]
        struct Answer {
            request: u64,
            places: ToponymTable,
        }
        // The answer (megabytes for a long article) is read straight into its types, once.
        if let Ok(answer) = serde_json::from_str::<Answer>(raw) {
            // An answer for a collection that has changed since is stale: a newer one follows.
            if answer.request != self.revision.get_value() {
                return;
            }
            self.places.set(answer.places);
            self.answer.set_value(Some(raw.to_owned()));
            self.progress.set(Progress::Idle);
            self.save_places();
            self.version.update(|v| *v += 1);
            self.publish();
            return;
        }
        // The worker's other messages (see src/worker.rs), read into types: not
        // `serde_json::Value`, which would bring its own parser and B-tree map to the page.
        #[derive(serde::Deserialize)]
        struct Note {
            started: Option<serde::de::IgnoredAny>,
            progress: Option<Download>,
            ready: Option<serde::de::IgnoredAny>,
            error: Option<String>,
        }
        #[derive(serde::Deserialize)]
        struct Download {
            #[serde(default)]
            loaded: f64,
            #[serde(default)]
            total: f64,
        }
        let Ok(message) = serde_json::from_str::<Note>(raw) else { return };
        if message.started.is_some() {
            self.worker_started.set_value(true);
            if !self.collection.with_untracked(|c| c.articles.is_empty()) {
                self.request();
            }
        } else if let Some(Download { loaded, total }) = message.progress {
            self.progress.set(Progress::Downloading { loaded, total });
        } else if message.ready.is_some() {
            self.progress.set(Progress::Parsing(self.collection.with_untracked(|c| c.articles.len())));
        } else if let Some(why) = message.error {
            self.progress.set(Progress::Failed(why));
        }
    }
}

/// Whether document `doc` comes from article `article`: its own id, or a later article glued
/// to it in the same text (`ID-2`, as the cleaner names them).
pub(super) fn is_document_of(doc: &str, article: &str) -> bool {
    doc.strip_prefix(article).is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
}

/// Private windows and some settings refuse storage: the page then works for this visit only.
fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}
