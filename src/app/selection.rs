use leptos::ev;
use leptos::prelude::*;

use crate::corpus::Corpus;
use crate::permalink::ViewState;

/// Which document is open. A `Copy` handle: components that select call [`Selection::select`],
/// components that show read [`Selection::current`]; the address bar and the browser's history
/// follow along.
#[derive(Clone, Copy)]
pub struct Selection {
    doc: RwSignal<Option<String>>,
    corpus: StoredValue<Corpus>,
}

impl Selection {
    /// The selection the address bar asks for, kept in step with back and forward.
    pub fn from_location(corpus: StoredValue<Corpus>) -> Selection {
        let doc = RwSignal::new(current_view().doc);
        let handle = window_event_listener(ev::popstate, move |_| doc.set(current_view().doc));
        on_cleanup(move || handle.remove());
        Selection { doc, corpus }
    }

    /// The document id asked for, whether or not it exists.
    pub fn requested(self) -> Option<String> {
        self.doc.get()
    }

    /// The document to show: the one asked for, or the first when none was.
    pub fn current(self) -> Option<String> {
        match self.doc.get() {
            Some(id) => Some(id),
            None => self.corpus.with_value(|c| c.documents.first().map(|d| d.id.clone())),
        }
    }

    pub fn is_current(self, id: &str) -> bool {
        self.current().as_deref() == Some(id)
    }

    /// Opens a document and records it in the history, so that the link is shareable and Back
    /// returns to the previous one.
    pub fn select(self, id: &str) {
        if self.doc.get_untracked().as_deref() == Some(id) {
            return;
        }
        let state = ViewState { doc: Some(id.to_owned()) };
        if let Ok(history) = window().history() {
            let url = format!("{}{}", window().location().pathname().unwrap_or_default(), state.to_query());
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        self.doc.set(state.doc);
    }
}

fn current_view() -> ViewState {
    ViewState::from_query(&window().location().search().unwrap_or_default())
}
