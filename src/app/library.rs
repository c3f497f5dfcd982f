//! The reader's own articles in the workbench: kept in the browser, sent to the geoparser's
//! worker, and published to the page.
//!
//! The collection lives in localStorage while it fits, else in IndexedDB (`idb`), where it
//! stays once it has moved; a marker in localStorage says so to the start-up scripts. A write
//! counts only once the browser has committed it: until then the copy stored before stays, and
//! a write that fails is reported with what the reader can do, never ignored. A stored
//! collection this page cannot read (a newer format, damaged) is kept, never overwritten,
//! until the reader has downloaded it or chosen to start afresh.
//!
//! Tabs of the site share the collection: a tab takes what another stored (told by the
//! `storage` event, or for IndexedDB a message on a BroadcastChannel), and a change not yet
//! stored is made again on that tab's collection, so neither tab's change is lost.
//!
//! Each change of the collection is a new revision, sent to the worker
//! (`protocol::Request`); its answer, if still for the current revision, gives the added
//! documents' places (cached beside the collection) and is passed to the page as it came.

use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::idb;
use crate::collection::{self, AddError, Collection, Draft, StoreError};
use crate::corpus::Corpus;
use crate::date::Date;
use crate::facts::Facts;
use crate::geoparse::ToponymTable;
use crate::protocol::storage::{
    CHANNEL, COLLECTION as STORE_KEY, IN_INDEXED_DB, PLACES as PLACES_KEY,
};
use crate::protocol::{self, global, Answer, Show, WorkerMessage};

// The release site's start-up script (scripts/finish-site.mjs) and the workbench's loader look
// for STORE_KEY and IN_INDEXED_DB too: a reader who keeps articles gets the whole base map with
// the app, and the workbench at once. IN_INDEXED_DB is a hint for them only: when it cannot be
// written (a full localStorage), the page still finds the collection by looking in IndexedDB
// whenever localStorage holds none.
/// The places found in the collection are a cache (found again when missing), kept only while
/// this small.
const PLACES_CACHE_LIMIT: usize = 500_000;

/// A change the reader made, kept until it is stored: when another tab has stored the
/// collection meanwhile, the change is made again to that tab's collection, so neither is lost.
type Change = Rc<dyn Fn(&mut Collection)>;

/// How far finding places in added articles has got.
#[derive(Clone, Debug, PartialEq)]
pub enum Progress {
    Idle,
    /// Downloading the gazetteer: bytes so far and in all (0 when unknown).
    Downloading {
        loaded: f64,
        total: f64,
    },
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
    /// The worker's answer for the current revision, as it came (packed): passed on to the page.
    answer: StoredValue<Option<Vec<u8>>>,
    /// The collection's stored form (`Collection::encode`), kept in step with it: storage and
    /// the worker take it, and a long collection's takes a while to write.
    encoded: StoredValue<String>,
    /// Whether the worker's module runs: messages sent before are lost.
    worker_started: StoredValue<bool>,
    /// The stored form this tab last read or wrote: another tab's write differs from it.
    stored: StoredValue<Option<String>>,
    /// The reader's changes not yet stored, oldest first.
    pending: StoredValue<Vec<Change>, LocalStorage>,
    /// Whether the stored collection has been read: until then nothing is written over it.
    loaded: StoredValue<bool>,
    /// Whether the collection lives in IndexedDB (it stays there once it has moved).
    in_indexed_db: StoredValue<bool>,
    /// A write to IndexedDB is under way; `save_again` asks for another once it has ended.
    saving: StoredValue<bool>,
    save_again: StoredValue<bool>,
    /// Why the latest changes could not be stored, until a later write succeeds.
    store_failure: RwSignal<Option<String>>,
    channel: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
}

impl Library {
    /// The collection stored in this browser, if it can be read.
    pub fn load() -> Library {
        let storage = local_storage();
        let marked = storage
            .as_ref()
            .and_then(|s| s.get_item(IN_INDEXED_DB).ok().flatten())
            .is_some();
        let stored = storage
            .as_ref()
            .and_then(|s| s.get_item(STORE_KEY).ok().flatten())
            .filter(|_| !marked);
        let places: ToponymTable = storage
            .as_ref()
            .and_then(|s| s.get_item(PLACES_KEY).ok().flatten())
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_default();
        let library = Library {
            collection: RwSignal::new(Collection::default()),
            places: RwSignal::new(places),
            progress: RwSignal::new(Progress::Idle),
            show: RwSignal::new(Show::Both),
            problem: RwSignal::new(None),
            version: RwSignal::new(0),
            worker: StoredValue::new_local(None),
            worker_started: StoredValue::new(false),
            revision: StoredValue::new(0),
            answer: StoredValue::new(None),
            encoded: StoredValue::new(String::new()),
            stored: StoredValue::new(None),
            pending: StoredValue::new_local(Vec::new()),
            loaded: StoredValue::new(false),
            in_indexed_db: StoredValue::new(marked),
            saving: StoredValue::new(false),
            save_again: StoredValue::new(false),
            store_failure: RwSignal::new(None),
            channel: StoredValue::new_local(None),
        };
        library.listen_to_other_tabs();
        match stored {
            Some(raw) => {
                library.adopt(raw);
                library.loaded.set_value(true);
            }
            None => {
                // In IndexedDB, as the marker says, or without a marker (it could not be
                // written) or none at all: then IndexedDB is asked too, quietly.
                library.changed();
                library.read_indexed_db(if marked {
                    Missing::Report
                } else {
                    Missing::Quiet
                });
            }
        }
        library
    }

    /// Reads the collection from IndexedDB in the background (the shipped articles show
    /// meanwhile); changes the reader makes before it answers are made again to what it holds.
    fn read_indexed_db(self, missing: Missing) {
        if !self.in_indexed_db.get_value() && !database_may_exist() {
            self.loaded.set_value(true);
            return;
        }
        idb::get(STORE_KEY, move |result| {
            match result {
                Ok(Some(raw)) => {
                    self.in_indexed_db.set_value(true);
                    self.adopt(raw);
                    self.loaded.set_value(true);
                    if missing == Missing::Quiet {
                        // The marker could not be written before: try again, for the start-up
                        // scripts (nothing depends on it).
                        if let Some(storage) = local_storage() {
                            let _ = storage.set_item(IN_INDEXED_DB, "1");
                        }
                    }
                }
                Ok(None) if missing == Missing::Quiet => self.loaded.set_value(true),
                Err(_) if missing == Missing::Quiet => self.loaded.set_value(true),
                // Nothing there to protect: new articles are kept as usual.
                Ok(None) => {
                    self.loaded.set_value(true);
                    self.progress.set(Progress::Failed(
                        "Your articles were kept in this browser's database, which holds none now."
                            .to_owned(),
                    ));
                }
                // Not `loaded`: nothing is written over what could not be read.
                Err(why) => self.progress.set(Progress::Failed(format!(
                    "Your articles are kept in this browser's database, which cannot be read now \
                        ({why}). Nothing has been deleted; reload the page to try again. New \
                        changes are not kept until then."
                ))),
            }
            if self.loaded.get_value() && !self.pending.with_value(Vec::is_empty) {
                // Changes made while IndexedDB was being read go on what another tab may have
                // stored in localStorage meanwhile.
                self.refresh_from_local_storage();
                self.save();
            }
        });
    }

    /// Takes a stored collection (read at start, or written by another tab) and makes the
    /// changes not yet stored again on it.
    fn adopt(self, raw: String) {
        match collection::decode(&raw) {
            Ok(mut stored) => {
                self.pending
                    .with_value(|changes| changes.iter().for_each(|change| change(&mut stored)));
                self.collection.set(stored);
                self.problem.set(None);
            }
            Err(err) => self.problem.set(Some(err)),
        }
        self.stored.set_value(Some(raw));
        self.changed();
    }

    /// Listens for other tabs of this site storing the collection, and takes what they stored:
    /// told by localStorage's own `storage` event (which arrives with the new value, where a
    /// message between tabs can outrun it) and, for IndexedDB, by a message on `CHANNEL`.
    fn listen_to_other_tabs(self) {
        let heard = move || {
            if !self.loaded.get_value() || self.saving.get_value() {
                // What it stored is read before this tab's next write, in its transaction.
                return;
            }
            self.refresh_from_local_storage();
            if self.in_indexed_db.get_value() {
                idb::get(STORE_KEY, move |result| {
                    if let Ok(Some(raw)) = result {
                        if self
                            .stored
                            .with_value(|s| s.as_deref() != Some(raw.as_str()))
                            && !self.saving.get_value()
                        {
                            self.adopt(raw);
                        }
                    }
                });
            }
        };
        // Never removed: the workbench lives as long as the page.
        let _ = window_event_listener(leptos::ev::storage, move |ev| {
            // `None` when another tab cleared the whole storage.
            if ev
                .key()
                .is_none_or(|k| k == STORE_KEY || k == IN_INDEXED_DB)
            {
                heard();
            }
        });
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
            return;
        };
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_: web_sys::MessageEvent| heard());
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        self.channel.set_value(Some(channel));
    }

    /// Takes what another tab wrote to localStorage since this one last read or wrote it (a
    /// write there is synchronous, so reading it just before a change and writing just after
    /// leaves no room for another tab's), or notes that the collection has moved to IndexedDB.
    fn refresh_from_local_storage(self) {
        if self.in_indexed_db.get_value() || !self.loaded.get_value() {
            return;
        }
        let Some(storage) = local_storage() else {
            return;
        };
        if storage.get_item(IN_INDEXED_DB).ok().flatten().is_some() {
            self.in_indexed_db.set_value(true);
            return;
        }
        if let Some(raw) = storage.get_item(STORE_KEY).ok().flatten() {
            if self
                .stored
                .with_value(|s| s.as_deref() != Some(raw.as_str()))
            {
                self.adopt(raw);
            }
        }
    }

    /// Tries again to store the changes that could not be (the reader freed some space).
    pub fn try_again(self) {
        self.save();
    }

    /// Why the reader's latest changes could not be kept, if they could not.
    pub fn store_failure(self) -> Option<String> {
        self.store_failure.get()
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
        self.collection.with_untracked(|collection| {
            self.answer.with_value(|answer| {
                super::added::publish_articles(super::added::ArticlesFeed {
                    show: self.show.get_untracked(),
                    revision: self.revision.get_value(),
                    collection,
                    answer: answer.as_deref(),
                })
            })
        });
    }

    /// Where each added article stands, by id: on the map, still being read, or with no
    /// article text to map (the cleaner found only page chrome; its diagnostics say so).
    /// Worked out in one pass for the whole collection, which the list and its summary share.
    pub fn statuses(self) -> HashMap<String, ArticleStatus> {
        self.version.track();
        let ids: Vec<String> = self
            .collection
            .with(|c| c.articles.iter().map(|a| a.id.clone()).collect());
        if !self.ready() {
            return ids
                .into_iter()
                .map(|id| (id, ArticleStatus::Finding))
                .collect();
        }
        // The worker's answer has the places of every document it cleaned out of the
        // collection, none or some: an article without one had no article text.
        self.places.with(|places| {
            ids.into_iter()
                .map(|id| {
                    let status = if places.keys().any(|k| is_document_of(k, &id)) {
                        ArticleStatus::Mapped
                    } else {
                        ArticleStatus::NoText
                    };
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
        self.refresh_from_local_storage();
        let mut results = Vec::new();
        self.collection
            .update(|c| results = drafts.iter().map(|d| c.add(d.clone())).collect());
        let added: Vec<Draft> = drafts
            .into_iter()
            .zip(&results)
            .filter(|(_, r)| r.is_ok())
            .map(|(d, _)| d)
            .collect();
        if !added.is_empty() {
            self.record(Rc::new(move |c| {
                for draft in &added {
                    let _ = c.add(draft.clone());
                }
            }));
        }
        results
    }

    pub fn remove(self, id: &str) {
        let id = id.to_owned();
        self.places
            .update(|p| p.retain(|k, _| !is_document_of(k, &id)));
        self.apply(Rc::new(move |c| {
            c.remove(&id);
        }));
    }

    /// Corrects an article's headline and date. Its places are found again: the cleaned text
    /// they index may change with the headline.
    pub fn edit(self, id: &str, headline: Option<String>, published: Option<Date>) {
        let id = id.to_owned();
        self.places
            .update(|p| p.retain(|k, _| !is_document_of(k, &id)));
        self.apply(Rc::new(move |c| {
            c.edit(&id, headline.clone(), published);
        }));
    }

    /// Adds the articles of an exported collection; returns how many were new.
    pub fn import(self, raw: &str) -> Result<usize, StoreError> {
        self.refresh_from_local_storage();
        let mut added = Ok(0);
        self.collection
            .update(|c| added = collection::import(c, raw));
        if added.as_ref().is_ok_and(|n| *n > 0) {
            let raw = raw.to_owned();
            self.record(Rc::new(move |c| {
                let _ = collection::import(c, &raw);
            }));
        }
        added
    }

    /// Drops a stored collection this page could not read (after the reader was offered it).
    /// What this tab last read stays its idea of the stored form, so the write that follows
    /// replaces it rather than taking it for another tab's.
    pub fn discard_stored(self) {
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(STORE_KEY);
        }
        self.problem.set(None);
        self.loaded.set_value(true);
        self.save();
    }

    /// Makes a change the reader asked for, and stores the collection.
    fn apply(self, change: Change) {
        self.refresh_from_local_storage();
        self.collection.update(|c| change(c));
        self.record(change);
    }

    /// Notes a change made to the collection until it is stored, and stores it.
    fn record(self, change: Change) {
        self.pending.update_value(|p| p.push(change));
        self.changed();
        self.save();
    }

    /// After the collection changed: forget what was derived from it, tell the page and ask
    /// the worker again.
    fn changed(self) {
        self.encoded
            .set_value(self.collection.with_untracked(Collection::encode));
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
        // Read from the answer only now: the page has its own copy to draw.
        let facts = self
            .answer
            .with_value(|a| a.as_deref().and_then(Answer::<Facts>::read))
            .map(|a| a.facts);
        (
            self.collection.with_untracked(Collection::corpus),
            facts.unwrap_or_default(),
        )
    }

    /// Keeps the collection, and the places found in it, in the browser: in localStorage while
    /// it fits, else in IndexedDB. A write counts only once the browser has committed it; until
    /// then the copy stored before stays where it was, and a write that fails is reported with
    /// what the reader can do (`store_failure`), never ignored.
    fn save(self) {
        if self.problem.get_untracked().is_some() || !self.loaded.get_value() {
            // Kept in `pending`: made again on what is read, or after the reader has chosen.
            return;
        }
        if self.saving.get_value() {
            self.save_again.set_value(true);
            return;
        }
        if !self.in_indexed_db.get_value() {
            let stored = self.encoded.get_value();
            if local_storage().is_some_and(|s| s.set_item(STORE_KEY, &stored).is_ok()) {
                self.stored.set_value(Some(stored));
                self.stored_now();
                self.save_places();
                return;
            }
        }
        self.save_to_indexed_db();
    }

    /// Writes the collection to IndexedDB in one transaction that first reads what is there:
    /// if another tab has written since this one last read, this tab takes that collection and
    /// makes its own pending changes again on it, so both tabs' changes are kept.
    fn save_to_indexed_db(self) {
        self.saving.set_value(true);
        self.save_again.set_value(false);
        let lived_there = self.in_indexed_db.get_value();
        // What the transaction writes, and how many pending changes that includes.
        let written = Rc::new(std::cell::RefCell::new(None::<(String, usize)>));
        let keep = written.clone();
        let change = move |current: Option<String>| {
            // A copy left from before the collection last moved is stale, not another tab's.
            let theirs = current.filter(|c| {
                lived_there && self.stored.with_value(|s| s.as_deref() != Some(c.as_str()))
            });
            if let Some(raw) = theirs {
                self.adopt(raw);
                if self.problem.get_untracked().is_some() {
                    return None;
                }
            }
            let value = self.encoded.get_value();
            *keep.borrow_mut() = Some((value.clone(), self.pending.with_value(Vec::len)));
            Some(value)
        };
        idb::update(STORE_KEY, change, move |result| {
            self.saving.set_value(false);
            match (result, written.borrow_mut().take()) {
                (Ok(()), Some((value, included))) => {
                    self.in_indexed_db.set_value(true);
                    self.stored.set_value(Some(value));
                    if let Some(storage) = local_storage() {
                        // Only now is the copy in localStorage (if any) the older one.
                        let _ = storage.remove_item(STORE_KEY);
                        let _ = storage.remove_item(PLACES_KEY);
                        // A hint for the start-up scripts; without it the page still looks
                        // in IndexedDB (`load`).
                        let _ = storage.set_item(IN_INDEXED_DB, "1");
                    }
                    self.pending.update_value(|p| {
                        p.drain(..included.min(p.len()));
                    });
                    self.stored_now();
                }
                // Another tab's collection could not be read: reported as `problem`.
                (Ok(()), None) => {}
                (Err(why), _) => self.store_failure.set(Some(why)),
            }
            if self.save_again.get_value()
                || (self.store_failure.get_untracked().is_none()
                    && !self.pending.with_value(Vec::is_empty))
            {
                self.save();
            }
        });
    }

    /// After a write has been committed: nothing is pending, a failure reported before is
    /// over, and the other tabs are told.
    fn stored_now(self) {
        if !self.in_indexed_db.get_value() {
            self.pending.update_value(Vec::clear);
        }
        if self.store_failure.get_untracked().is_some() {
            self.store_failure.set(None);
        }
        self.channel.with_value(|c| {
            if let Some(channel) = c {
                let _ = channel.post_message(&JsValue::from_str("stored"));
            }
        });
    }

    /// Caches the places found in the collection, beside it in localStorage.
    fn save_places(self) {
        let Some(storage) = local_storage() else {
            return;
        };
        if self.problem.get_untracked().is_some() || self.in_indexed_db.get_value() {
            return;
        }
        // The places are a cache, found again when missing: one too big to write quickly (a
        // long article's runs to megabytes; about twice its text) is left out rather than
        // crowding the quota.
        if self.encoded.with_value(String::len) > PLACES_CACHE_LIMIT / 2 {
            let _ = storage.remove_item(PLACES_KEY);
            return;
        }
        let places = self
            .places
            .with_untracked(|p| serde_json::to_string(p).unwrap_or_default());
        if places.len() > PLACES_CACHE_LIMIT || storage.set_item(PLACES_KEY, &places).is_err() {
            let _ = storage.remove_item(PLACES_KEY);
        }
    }

    /// Sends the collection and the places already known to the worker, which answers with
    /// the rest of the places and the facts.
    fn request(self) {
        let Some(worker) = self.worker() else {
            self.progress.set(Progress::Failed(
                "This browser cannot run the place finder (Web Workers are off).".to_owned(),
            ));
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
        let message = self.encoded.with_value(|collection| {
            self.places.with_untracked(|places| {
                protocol::Request {
                    request: self.revision.get_value(),
                    collection: collection.into(),
                    places: std::borrow::Cow::Borrowed(places),
                }
                .to_bytes()
            })
        });
        let message = js_sys::Uint8Array::from(message.as_slice());
        // Handed over rather than copied: a long collection is megabytes.
        let _ = worker.post_message_with_transfer(&message, &js_sys::Array::of1(&message.buffer()));
    }

    fn worker(self) -> Option<web_sys::Worker> {
        if let Some(w) = self.worker.with_value(Clone::clone) {
            return Some(w);
        }
        let worker =
            web_sys::Worker::new(&super::published::url("factmap-worker-loader.js")).ok()?;
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                if let Some(bytes) = ev.data().dyn_ref::<js_sys::Uint8Array>() {
                    self.on_worker_message(bytes.to_vec());
                }
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        self.worker.set_value(Some(worker.clone()));
        Some(worker)
    }

    fn on_worker_message(self, raw: Vec<u8>) {
        // The facts are the page's to read (src/app/added.rs), and the export's when asked:
        // here they are only passed over.
        let Some(message) = WorkerMessage::<serde::de::IgnoredAny>::read(&raw) else {
            return;
        };
        match message {
            WorkerMessage::Answer(answer) => {
                // An answer for a collection that has changed since is stale: a newer one
                // follows.
                if answer.request != self.revision.get_value() {
                    return;
                }
                self.places.set(answer.places);
                self.answer.set_value(Some(raw));
                self.progress.set(Progress::Idle);
                self.save_places();
                self.version.update(|v| *v += 1);
                self.publish();
            }
            WorkerMessage::Started => {
                self.worker_started.set_value(true);
                if !self.collection.with_untracked(|c| c.articles.is_empty()) {
                    self.request();
                }
            }
            WorkerMessage::Progress { loaded, total, .. } => {
                self.progress.set(Progress::Downloading { loaded, total })
            }
            WorkerMessage::Ready { .. } => self.progress.set(Progress::Parsing(
                self.collection.with_untracked(|c| c.articles.len()),
            )),
            WorkerMessage::Error(why) => self.progress.set(Progress::Failed(why)),
            // The worker maps with the shards it has: nothing for the reader to do.
            WorkerMessage::Shard { .. } | WorkerMessage::ShardError(_) => {}
        }
    }
}

/// Whether document `doc` comes from article `article`: its own id, or a later article glued
/// to it in the same text (`ID-2`, as the cleaner names them).
pub(super) fn is_document_of(doc: &str, article: &str) -> bool {
    doc.strip_prefix(article)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
}

/// Private windows and some settings refuse storage: the page then works for this visit only.
fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// How reading IndexedDB at start treats a collection that is not there.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Missing {
    /// The marker says it is there: its absence is reported.
    Report,
    /// Only looked for in case the marker could not be written: nothing to report.
    Quiet,
}

/// Whether this site's database may exist. Opening it to look would create it for every
/// reader; where the browser can list its databases (`indexedDB.databases()`), a reader who
/// never had one is not given one. Where it cannot, the answer is yes.
fn database_may_exist() -> bool {
    // Listing is asynchronous: the workbench's loader lists them before loading this module
    // and leaves the answer in `global::HAS_DATABASE` (public/factmap-workbench-loader.js).
    let known =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(global::HAS_DATABASE)).ok();
    known.and_then(|v| v.as_bool()).unwrap_or(true)
}
