//! The web app: a thin Leptos shell over the pipeline core.
//!
//! State is created once in [`App`] and handed down as `Copy` handles: the loaded corpus as a
//! [`StoredValue`] (it never changes after loading) and the selection as a [`Selection`], which
//! keeps the address bar in step so that every view has a shareable link.

mod document_list;
mod load_notes;
mod reader;
mod selection;

pub use document_list::DocumentList;
pub use load_notes::LoadNotes;
pub use reader::Reader;
pub use selection::Selection;

use leptos::prelude::*;

use crate::corpus::{self, Corpus, Diagnostic};
use crate::geoparse::{self, ToponymTable};

/// Starts the app in the page's `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The whole page: header, the document list, the reader and the data notes.
#[component]
pub fn App() -> impl IntoView {
    let mut shipped = corpus::shipped();
    // Precomputed at build time (corpus/toponyms.json), so the page needs no gazetteer.
    let toponyms = geoparse::shipped_toponyms().unwrap_or_else(|err| {
        shipped.diagnostics.push(Diagnostic::error("corpus/toponyms.json", format!("places could not be read: {err}")));
        ToponymTable::default()
    });
    let corpus = StoredValue::new(shipped);
    let toponyms = StoredValue::new(toponyms);
    view! { <FactmapPage corpus toponyms /> }
}

/// The page for a given corpus (tests mount it with their own).
#[component]
pub fn FactmapPage(
    /// The loaded documents and their diagnostics.
    corpus: StoredValue<Corpus>,
    /// The places each document names, by document id.
    toponyms: StoredValue<ToponymTable>,
) -> impl IntoView {
    let selection = Selection::from_location(corpus);
    view! {
        <a class="skip-link" href="#reader">"Skip to the article"</a>
        <header class="site-header">
            <h1>"factmap"</h1>
            <p class="tagline">"What the news reports, where and when, checked against the exact words of its sources."</p>
        </header>
        <div class="layout">
            <DocumentList corpus selection />
            <main id="reader" tabindex="-1">
                <Reader corpus toponyms selection />
            </main>
        </div>
        <footer class="site-footer">
            <LoadNotes corpus />
            <p>
                "Articles are web copies of 13 March 2025 reporting, cleaned of site furniture; "
                "every passage shown is verbatim from its source."
            </p>
            <p>
                "Places are resolved with "
                <a href="https://www.geonames.org/">"GeoNames"</a>
                " data (CC BY 4.0), with region data from "
                <a href="https://www.naturalearthdata.com/">"Natural Earth"</a>
                " (public domain) and country centre points from world-countries (ODbL 1.0)."
            </p>
        </footer>
    }
}
