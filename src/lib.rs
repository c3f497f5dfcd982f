//! factmap: what a set of news articles reports, where and when, each claim checkable against
//! the exact words of its sources.
//!
//! The pipeline core (everything here but `app`) is plain Rust with no web dependency: it runs
//! natively in the `factmap` command-line tool and tests, and in the browser as WebAssembly.
//! Data flows one way: article files → [`corpus::Document`]s → toponyms ([`geoparse`]) →
//! [`places::MapPlace`]s → the view.

pub mod basemap;
mod by_name;
mod casefold;
pub mod collection;
pub mod corpus;
pub mod date;
pub mod facts;
mod fasthash;
pub mod gazetteer;
pub mod geodesy;
pub mod geoparse;
pub mod html_text;
pub mod id_map;
mod json_pretty;
pub mod map_layers;
pub mod numfmt;
pub mod order;
pub mod packed;
pub mod permalink;
mod place_words;
pub mod places;
pub mod projection;
pub mod protocol;
pub mod sentences;
pub mod shards;
pub mod span;
pub mod stream;
pub mod synthetic;
pub mod tokens;
mod varint;
pub mod when;
mod word_list;

/// The web app: Leptos components over the core. Only built for the browser.
#[cfg(target_arch = "wasm32")]
pub mod app;
