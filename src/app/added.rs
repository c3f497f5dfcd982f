//! The readers' own articles as the page sees them, and the one channel they arrive by.
//!
//! The workbench (adding, listing and storing readers' articles, and the worker that maps
//! them) is a WebAssembly module of its own, `factmap-workbench`, which the page loads only
//! when the reader reaches it or keeps articles (`public/factmap-workbench-loader.js`): most
//! readers never add an article, and the page they see first should not carry its code. The
//! two modules are two Leptos runtimes that share no memory; the workbench tells the page what
//! to draw by [`publish_articles`], and the page reads it into an [`AddedArticles`].
//!
//! The channel: the workbench sets `globalThis[protocol::global::ARTICLES]` to
//! `{show, articles, revision, collection, answer}` and dispatches a
//! `protocol::global::ARTICLES_EVENT` event on `window`. `show` is a `protocol::Show`'s name;
//! `articles` how many the reader keeps; `revision` counts the collection's changes;
//! `collection` the collection's articles, packed (`crate::packed`: the page reads no JSON),
//! read only when `revision` is new; `answer` the worker's `protocol::WorkerMessage::Answer`
//! for that collection, as the worker wrote it (packed too), or absent while the worker is
//! still reading it. It is a JavaScript object rather than one message so that the page
//! copies a megabytes-long collection or answer out of it only when it is new. The object
//! stays set, so a page that starts listening late still reads the last one.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::collection::Collection;
use crate::corpus::Corpus;
use crate::facts::Facts;
use crate::geoparse::ToponymTable;
use crate::protocol::global::{ARTICLES as GLOBAL, ARTICLES_EVENT as EVENT};
use crate::protocol::{Answer, Show};

/// What the workbench sends the page: see the module's documentation.
pub struct ArticlesFeed<'a> {
    pub show: Show,
    pub revision: u64,
    pub collection: &'a Collection,
    /// The worker's message with its answer, as it came.
    pub answer: Option<&'a [u8]>,
}

/// Hands `feed` to the page (called by the workbench).
pub fn publish_articles(feed: ArticlesFeed<'_>) {
    let object = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &value);
    };
    set("show", JsValue::from_str(feed.show.name()));
    let articles = feed.collection.articles.len();
    set("articles", JsValue::from_f64(articles as f64));
    set("revision", JsValue::from_f64(feed.revision as f64));
    // The packed form writes whatever serde gives it: nothing here fails.
    let collection = crate::packed::to_bytes(feed.collection).unwrap_or_default();
    set(
        "collection",
        js_sys::Uint8Array::from(collection.as_slice()).into(),
    );
    if let Some(answer) = feed.answer {
        set("answer", js_sys::Uint8Array::from(answer).into());
    }
    let _ = js_sys::Reflect::set(&js_sys::global(), &JsValue::from_str(GLOBAL), &object);
    if let Ok(event) = web_sys::Event::new(EVENT) {
        let _ = window().dispatch_event(&event);
    }
}

/// The readers' articles the page draws: the last feed from the workbench, with their places
/// and facts read from the worker's answer. A `Copy` handle, created once in `App`.
#[derive(Clone, Copy)]
pub struct AddedArticles {
    show: StoredValue<Show>,
    articles: RwSignal<usize>,
    /// The revision of the collection last read.
    revision: StoredValue<Option<u64>>,
    /// The collection cleaned into documents.
    cleaned: StoredValue<Corpus>,
    /// The places of the added documents, and the facts of all articles and of the added alone,
    /// once the worker has read the current collection.
    mapped: StoredValue<Option<(ToponymTable, Facts, Facts)>>,
    /// Changes when the map must be redrawn.
    version: RwSignal<u64>,
}

impl AddedArticles {
    /// Listens for the workbench's feed, and reads the last one if it came before.
    pub fn listen() -> AddedArticles {
        let added = AddedArticles {
            show: StoredValue::new(Show::Both),
            articles: RwSignal::new(0),
            revision: StoredValue::new(None),
            cleaned: StoredValue::new(Corpus::default()),
            mapped: StoredValue::new(None),
            version: RwSignal::new(0),
        };
        // Read in a task of its own: the workbench's (saving, the worker's answer) is long
        // enough for a long article without the page's reading added to it.
        gloo::events::EventListener::new(&window(), EVENT, move |_| {
            gloo::timers::callback::Timeout::new(0, move || added.read_feed()).forget();
        })
        .forget();
        added.read_feed();
        added
    }

    fn read_feed(self) {
        let Some(feed) = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(GLOBAL))
            .ok()
            .filter(|f| f.is_object())
        else {
            return;
        };
        let field = |key: &str| js_sys::Reflect::get(&feed, &JsValue::from_str(key)).ok();
        let show = field("show")
            .and_then(|s| s.as_string())
            .and_then(|s| Show::from_name(&s))
            .unwrap_or_default();
        let articles = field("articles").and_then(|n| n.as_f64()).unwrap_or(0.0) as usize;
        let revision = field("revision").and_then(|r| r.as_f64()).map(|r| r as u64);
        let bytes =
            |value: Option<JsValue>| value.and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok());
        let answered = bytes(field("answer")).is_some();
        let new_revision = revision.is_none() || self.revision.get_value() != revision;
        if new_revision {
            // Cleaned now, while the worker reads the same articles, rather than in the task
            // that draws them once it has. (A long collection is megabytes: it is copied out
            // of the feed only when it is new.)
            let collection = bytes(field("collection")).map(|c| c.to_vec());
            self.cleaned.set_value(
                collection
                    .and_then(|c| crate::packed::from_bytes::<Collection>(&c).ok())
                    .map(|c| c.corpus())
                    .unwrap_or_default(),
            );
            self.revision.set_value(revision);
        }
        let show_changed = self.show.get_value() != show;
        self.show.set_value(show);
        // The answer (megabytes for a long collection) is read once per revision.
        let new_answer = answered && (new_revision || self.mapped.with_value(Option::is_none));
        if !answered {
            self.mapped.set_value(None);
        } else if new_answer {
            self.mapped.set_value(
                bytes(field("answer"))
                    .map(|a| a.to_vec())
                    .as_deref()
                    .and_then(read_answer),
            );
        }
        let had_articles = self.articles.get_untracked() > 0;
        self.articles.set(articles);
        // The page is drawn again when what it shows changes: the worker has read the
        // articles, the last one went, or the choice changed with articles to show. (A
        // collection the worker has not read yet leaves the map as it is; an empty one at the
        // workbench's start changes nothing.) In a task of its own, after this one.
        if new_answer || (articles == 0 && had_articles) || (show_changed && articles > 0) {
            gloo::timers::callback::Timeout::new(0, move || {
                self.version.try_update(|v| *v += 1);
            })
            .forget();
        }
    }

    /// Whether the reader keeps any article of their own (tracked).
    pub fn has_articles(self) -> bool {
        self.articles.get() > 0
    }

    /// Read by the page so that it redraws when the map must change.
    pub fn version(self) -> u64 {
        self.version.get()
    }

    /// What the page shows: the articles the reader's choice asks for, their places and their
    /// facts. Added articles join once the worker's facts for them are in; until then the page
    /// shows the shipped articles (with their precomputed facts), or none.
    pub fn page(
        self,
        shipped: &Corpus,
        shipped_places: &ToponymTable,
        shipped_facts: &Facts,
    ) -> (Corpus, ToponymTable, Facts) {
        let shipped_only = || {
            (
                shipped.clone(),
                shipped_places.clone(),
                shipped_facts.clone(),
            )
        };
        if self.articles.get_untracked() == 0 {
            return if self.show.get_value() == Show::Added {
                Default::default()
            } else {
                shipped_only()
            };
        }
        // Only what this view needs is copied: a long article's facts run to thousands.
        self.mapped
            .with_value(|mapped| match (self.show.get_value(), mapped) {
                (Show::Shipped, _) | (Show::Both, None) => shipped_only(),
                (Show::Added, None) => Default::default(),
                (Show::Added, Some((places, _, only))) => {
                    (self.cleaned.get_value(), places.clone(), only.clone())
                }
                (Show::Both, Some((added_places, both, _))) => {
                    let mut corpus = shipped.clone();
                    let added = self.cleaned.get_value();
                    corpus.documents.extend(added.documents);
                    corpus.diagnostics.extend(added.diagnostics);
                    let mut places = shipped_places.clone();
                    places.extend(added_places.iter().map(|(k, v)| (k.clone(), v.clone())));
                    (corpus, places, both.clone())
                }
            })
    }
}

/// The worker's answer read into the added articles' places and the facts of all articles and
/// of the added alone.
fn read_answer(raw: &[u8]) -> Option<(ToponymTable, Facts, Facts)> {
    // The answer (megabytes for a long article) is read straight into its types, once.
    let answer = Answer::<Facts>::read(raw)?;
    let added = added_only(&answer.facts, &answer.places);
    Some((answer.places, answer.facts, added))
}

/// The facts as the added articles alone report them: the sources from the added documents
/// (those `places` covers), and the facts that keep at least one.
fn added_only(all: &Facts, places: &ToponymTable) -> Facts {
    let added = |list: &[crate::facts::Fact]| {
        list.iter()
            .filter_map(|f| {
                let sources: Vec<_> = f
                    .sources
                    .iter()
                    .filter(|s| places.contains_key(&s.doc))
                    .cloned()
                    .collect();
                (!sources.is_empty()).then(|| crate::facts::Fact {
                    sources,
                    disagreements: Vec::new(),
                    ..f.clone()
                })
            })
            .collect()
    };
    Facts {
        facts: added(&all.facts),
        unplaced: added(&all.unplaced),
        flags: all
            .flags
            .iter()
            .filter(|f| places.contains_key(&f.doc))
            .cloned()
            .collect(),
    }
}
