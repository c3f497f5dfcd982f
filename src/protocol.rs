//! What the page, the workbench and the geoparser's worker say to each other, and the names they
//! share with the JavaScript loaders: each spelled once, here, with no web dependency, so both
//! sides of every message are the same type and the names are tested against the scripts
//! (`tests/protocol.rs`).
//!
//! Three WebAssembly modules run a visit: the page (`factmap-web`), the readers'-articles
//! workbench (`factmap-workbench`, loaded only when needed) and the workbench's Web Worker
//! (`factmap-worker`). The workbench sends the worker a [`Request`]; the worker answers with
//! [`WorkerMessage`]s. The workbench hands the page the latest [`Answer`] as it came, through
//! the channel named by [`global::ARTICLES`] (`src/app/added.rs`). Each travels in the packed
//! form (`crate::packed`, bytes posted as a `Uint8Array`), which the page reads without a JSON
//! parser.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::facts::Facts;
use crate::geoparse::ToponymTable;
use crate::packed;

/// The workbench's request to the worker: map the reader's stored collection
/// (`collection::Collection::encode`), of which the places of some documents are already known,
/// and read the facts of the shipped and added articles together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request<'a> {
    /// The collection's revision: the answer carries it, so a stale one is recognised.
    pub request: u64,
    /// Borrowed when sent: a long collection is megabytes.
    pub collection: Cow<'a, str>,
    /// The places already known, by document id; documents missing here are geoparsed.
    #[serde(default)]
    pub places: Cow<'a, ToponymTable>,
}

/// What the worker tells the workbench, in this order: [`Started`](WorkerMessage::Started) once;
/// while the gazetteer downloads (once, and only when some document's places are unknown)
/// [`Progress`](WorkerMessage::Progress), then [`Ready`](WorkerMessage::Ready); for each
/// country's shard the texts need, progress again, then [`Shard`](WorkerMessage::Shard) or
/// [`ShardError`](WorkerMessage::ShardError) (the texts are then mapped with what is loaded);
/// an [`Answer`](WorkerMessage::Answer) per request; or [`Error`](WorkerMessage::Error) when the
/// gazetteer cannot be had (nothing is guessed).
///
/// `F` is how the answer's facts are read: [`Facts`] by the page, which draws them, and
/// `serde::de::IgnoredAny` by the workbench, which only passes them on (they run to megabytes).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkerMessage<F = Facts> {
    /// The worker's module runs: requests sent before it are lost.
    Started,
    /// A download under way: bytes so far and in all (0 when unknown), and of which file.
    Progress {
        #[serde(default)]
        loaded: f64,
        #[serde(default)]
        total: f64,
        url: String,
    },
    /// The gazetteer's world core is decoded: how many places, in how many milliseconds.
    Ready { places: usize, ms: f64 },
    /// A country's shard was added: the gazetteer's places now, and the time it took.
    Shard {
        country: String,
        places: usize,
        ms: f64,
    },
    /// A shard missing, truncated or of another format version (`gazetteer::ShardProblem`).
    ShardError(String),
    /// The answer to a request.
    Answer(Answer<F>),
    /// The gazetteer cannot be had, or the request could not be read.
    Error(String),
}

/// The worker's answer to a [`Request`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer<F = Facts> {
    /// The revision of the request answered.
    pub request: u64,
    /// The places of every document of the added articles, by document id.
    pub places: ToponymTable,
    /// The facts of the shipped and added articles together.
    pub facts: F,
    /// How long the worker took, in milliseconds.
    pub ms: f64,
}

impl Request<'_> {
    /// The request as the workbench sends it.
    pub fn to_bytes(&self) -> Vec<u8> {
        // The packed form writes whatever serde gives it: nothing here fails.
        packed::to_bytes(self).unwrap_or_default()
    }

    /// Reads a request as the workbench sent it.
    pub fn read(bytes: &[u8]) -> Result<Request<'static>, packed::Error> {
        packed::from_bytes(bytes)
    }
}

impl<F> WorkerMessage<F>
where
    F: serde::de::DeserializeOwned,
{
    /// Reads a message as the worker wrote it; `None` for anything else.
    pub fn read(bytes: &[u8]) -> Option<WorkerMessage<F>> {
        // Straight into its types: an answer is megabytes for a long article.
        packed::from_bytes(bytes).ok()
    }
}

impl<F> Answer<F>
where
    F: serde::de::DeserializeOwned,
{
    /// The answer in a message as the worker wrote it, if it is one.
    pub fn read(bytes: &[u8]) -> Option<Answer<F>> {
        match WorkerMessage::read(bytes)? {
            WorkerMessage::Answer(answer) => Some(answer),
            _ => None,
        }
    }
}

impl<F: Serialize> WorkerMessage<F> {
    /// The message as the worker sends it.
    pub fn to_bytes(&self) -> Vec<u8> {
        // The packed form writes whatever serde gives it (even a float JSON would refuse):
        // an empty message is never sent.
        packed::to_bytes(self).unwrap_or_default()
    }
}

/// Which articles the map shows: the reader's choice, made in the workbench and read by the
/// page.
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
        [Show::Both, Show::Shipped, Show::Added]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// Defines each name as a constant, and `ALL`, every one of them (what the scripts may use).
macro_rules! names {
    ($($(#[$doc:meta])* $name:ident = $value:literal;)*) => {
        $($(#[$doc])* pub const $name: &str = $value;)*
        /// Every name above.
        pub const ALL: &[&str] = &[$($name),*];
    };
}

/// Names set on `globalThis`, where one script or module leaves something for another.
pub mod global {
    names! {
        /// The workbench's feed to the page (src/app/added.rs).
        ARTICLES = "factmapArticles";
        /// The event on `window` that says the feed changed.
        ARTICLES_EVENT = "factmap-articles";
        /// Whether this site's IndexedDB database exists, as the workbench's loader found by
        /// listing the databases (unset where the browser cannot list them).
        HAS_DATABASE = "factmapHasDatabase";
        /// Files dropped on the workbench's stand-in before its module arrived.
        DROPPED_FILES = "factmapDroppedFiles";
        /// The site's files by their names as built → as published (src/app/published.rs);
        /// set by the release site's start-up script and the worker's loader.
        FILES = "factmapFiles";
        /// The whole base map's bytes, fetched by the start-up script alongside the app.
        BASEMAP = "factmapBasemap";
    }
}

/// Where the reader's articles are kept in localStorage, and how tabs say they stored them.
pub mod storage {
    names! {
        /// The stored collection (`collection::Collection::encode`): its localStorage key, and
        /// its key in the IndexedDB store once it has outgrown localStorage.
        COLLECTION = "factmap.collection";
        /// The places found in the collection, beside it in localStorage (a cache).
        PLACES = "factmap.places.v1";
        /// Set in localStorage when the collection lives in IndexedDB: a hint for the start-up
        /// scripts, which cannot wait for IndexedDB.
        IN_INDEXED_DB = "factmap.collection.in-indexeddb";
        /// The BroadcastChannel on which tabs of this site say they stored the collection.
        CHANNEL = "factmap.collection";
    }
}

/// The IndexedDB database the collection moves to when it outgrows localStorage (src/app/idb.rs).
pub mod indexed_db {
    names! {
        DATABASE = "factmap";
        /// Its one object store, of strings by key.
        STORE = "kv";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geoparse::ToponymRecord;

    fn places() -> ToponymTable {
        let mut places = ToponymTable::new();
        places.insert("added-1".to_owned(), Vec::<ToponymRecord>::new());
        places
    }

    #[test]
    fn a_request_reads_back_as_sent() {
        let places = places();
        let sent = Request {
            request: 7,
            collection: Cow::Borrowed("stored"),
            places: Cow::Borrowed(&places),
        };
        assert_eq!(Request::read(&sent.to_bytes()).unwrap(), sent);
        // Without places: none known yet.
        let bare = serde_json::json!({"request": 1, "collection": ""});
        let bare = Request::read(&packed::to_bytes(&bare).unwrap()).unwrap();
        assert!(bare.places.is_empty());
        // What is not a request says why.
        assert!(Request::read(b"{}").is_err());
    }

    #[test]
    fn every_worker_message_reads_back_as_written() {
        let messages: Vec<WorkerMessage> = vec![
            WorkerMessage::Started,
            WorkerMessage::Progress {
                loaded: 1024.0,
                total: 0.0,
                url: "gazetteer.bin".to_owned(),
            },
            WorkerMessage::Ready {
                places: 200_000,
                ms: 81.0,
            },
            WorkerMessage::Shard {
                country: "BD".to_owned(),
                places: 230_000,
                ms: 12.0,
            },
            WorkerMessage::ShardError("gazetteer/BD-00.bin is truncated".to_owned()),
            WorkerMessage::Answer(Answer {
                request: 3,
                places: places(),
                facts: Facts::default(),
                ms: 40.0,
            }),
            WorkerMessage::Error("the gazetteer is damaged".to_owned()),
        ];
        for message in messages {
            let bytes = message.to_bytes();
            assert_eq!(WorkerMessage::read(&bytes), Some(message), "{bytes:?}");
        }
    }

    #[test]
    fn the_workbench_reads_an_answer_without_its_facts() {
        let bytes = WorkerMessage::Answer(Answer {
            request: 9,
            places: places(),
            facts: Facts::default(),
            ms: 1.0,
        })
        .to_bytes();
        let answer = Answer::<serde::de::IgnoredAny>::read(&bytes).unwrap();
        assert_eq!((answer.request, answer.places), (9, places()));
        assert_eq!(
            Answer::<Facts>::read(&bytes).unwrap().facts,
            Facts::default()
        );
        // Another message is no answer, and what is not a message is nothing.
        assert!(Answer::<Facts>::read(&WorkerMessage::<Facts>::Started.to_bytes()).is_none());
        assert!(WorkerMessage::<Facts>::read(b"{\"answer\": 1}").is_none());
        let other = packed::to_bytes(&serde_json::json!({"answer": 1})).unwrap();
        assert!(WorkerMessage::<Facts>::read(&other).is_none());
    }

    #[test]
    fn show_names_read_back() {
        for show in [Show::Both, Show::Shipped, Show::Added] {
            assert_eq!(Show::from_name(show.name()), Some(show));
        }
        assert_eq!(Show::from_name("all"), None);
    }
}
