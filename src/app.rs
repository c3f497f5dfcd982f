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

use crate::corpus::{self, Corpus};

/// Starts the app in the page's `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The whole page: header, the document list, the reader and the data notes.
#[component]
pub fn App() -> impl IntoView {
    let corpus = StoredValue::new(corpus::shipped());
    view! { <FactmapPage corpus /> }
}

/// The page for a given corpus (tests mount it with their own).
#[component]
pub fn FactmapPage(
    /// The loaded documents and their diagnostics.
    corpus: StoredValue<Corpus>,
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
                <Reader corpus selection />
            </main>
        </div>
        <footer class="site-footer">
            <LoadNotes corpus />
            <p>
                "Articles are web copies of 13 March 2025 reporting, cleaned of site furniture; "
                "every passage shown is verbatim from its source."
            </p>
        </footer>
    }
}
