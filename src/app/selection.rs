use leptos::ev;
use leptos::prelude::*;

use crate::corpus::Corpus;
use crate::permalink::ViewState;

/// What the reader is looking at: a document and maybe a place in it. A `Copy` handle:
/// components that select call [`Selection::select`], components that show read it; the
/// address bar and the browser's history follow along.
#[derive(Clone, Copy)]
pub struct Selection {
    view: RwSignal<ViewState>,
    corpus: StoredValue<Corpus>,
}

impl Selection {
    /// The selection the address bar asks for, kept in step with Back and Forward.
    pub fn from_location(corpus: StoredValue<Corpus>) -> Selection {
        let view = RwSignal::new(current_view());
        let handle = window_event_listener(ev::popstate, move |_| view.set(current_view()));
        on_cleanup(move || handle.remove());
        Selection { view, corpus }
    }

    /// The document to show: the one asked for, or the first when none was.
    pub fn current(self) -> Option<String> {
        match self.view.with(|v| v.doc.clone()) {
            Some(id) => Some(id),
            None => self.corpus.with_value(|c| c.documents.first().map(|d| d.id.clone())),
        }
    }

    pub fn is_current(self, id: &str) -> bool {
        self.current().as_deref() == Some(id)
    }

    /// The selected place's GeoNames id.
    pub fn place(self) -> Option<u32> {
        self.view.with(|v| v.place)
    }

    /// Opens a document (and a place in it) and records it in the history, so the link is
    /// shareable and Back returns to the previous view.
    pub fn select(self, doc: &str, place: Option<u32>) {
        let state = ViewState { doc: Some(doc.to_owned()), place };
        if self.view.with_untracked(|v| *v == state) {
            return;
        }
        if let Ok(history) = window().history() {
            let url = format!("{}{}", window().location().pathname().unwrap_or_default(), state.to_query());
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        self.view.set(state);
    }
}

fn current_view() -> ViewState {
    ViewState::from_query(&window().location().search().unwrap_or_default())
}
