use leptos::ev;
use leptos::prelude::*;

use crate::corpus::Corpus;
use crate::facts::FactFilter;
use crate::map_layers::Zoom;
use crate::permalink::ViewState;

/// What the reader is looking at: a document, maybe a place and a sentence, and the map's
/// zoom. A `Copy` handle: components that select call its methods, components that show read
/// it; the address bar and the browser's history follow along.
///
/// Selecting pushes a history entry; changing the filter replaces the current one, and so does
/// a pan or zoom, once the gesture pauses.
///
/// Each part of the view is read through its own memo: panning changes the zoom many times a
/// second, and only what draws the map should run again then, not the reader, the panel or
/// every marker's "selected" state.
#[derive(Clone, Copy)]
pub struct Selection {
    view: RwSignal<ViewState>,
    doc: Memo<Option<String>>,
    place: Memo<Option<u32>>,
    sentence: Memo<Option<usize>>,
    zoom: Memo<Zoom>,
    fact: Memo<Option<String>>,
    filter: Memo<FactFilter>,
    /// The address bar's update for a pan or zoom, waiting for the gesture to pause.
    pending_address: StoredValue<Option<gloo::timers::callback::Timeout>, LocalStorage>,
}

/// How long the address bar waits after the last pan or zoom step: writing it on every frame
/// costs more than drawing the frame on a big page, and a link only needs where the map rests.
const ADDRESS_AFTER_MS: u32 = 150;

impl Selection {
    /// The selection the address bar asks for, kept in step with Back and Forward.
    pub fn from_location(corpus: StoredValue<Corpus>) -> Selection {
        let view = RwSignal::new(current_view());
        let handle = window_event_listener(ev::popstate, move |_| view.set(current_view()));
        on_cleanup(move || handle.remove());
        // The document to show: the one asked for, or the first when none was.
        let doc = Memo::new(move |_| match view.with(|v| v.doc.clone()) {
            Some(id) => Some(id),
            None => corpus.with_value(|c| c.documents.first().map(|d| d.id.clone())),
        });
        Selection {
            view,
            doc,
            place: Memo::new(move |_| view.with(|v| v.place)),
            sentence: Memo::new(move |_| view.with(|v| v.sentence)),
            zoom: Memo::new(move |_| view.with(|v| v.zoom.unwrap_or_default())),
            fact: Memo::new(move |_| view.with(|v| v.fact.clone())),
            filter: Memo::new(move |_| view.with(|v| v.filter.clone())),
            pending_address: StoredValue::new_local(None),
        }
    }

    /// The document to show: the one asked for, or the first when none was.
    pub fn current(self) -> Option<String> {
        self.doc.get()
    }

    pub fn is_current(self, id: &str) -> bool {
        self.doc.with(|d| d.as_deref() == Some(id))
    }

    /// The selected place's GeoNames id.
    pub fn place(self) -> Option<u32> {
        self.place.get()
    }

    /// The sentence of the current document a source link pointed at.
    pub fn sentence(self) -> Option<usize> {
        self.sentence.get()
    }

    pub fn zoom(self) -> Zoom {
        self.zoom.get()
    }

    /// Opens a document (and a place in it): a new history entry, so the link is shareable and
    /// Back returns to the previous view.
    pub fn select(self, doc: &str, place: Option<u32>) {
        self.push(|v| ViewState {
            doc: Some(doc.to_owned()),
            place,
            sentence: None,
            zoom: v.zoom,
            fact: None,
            filter: v.filter.clone(),
        });
    }

    /// Opens a document at a sentence quoted in the source panel.
    pub fn open_source(self, doc: &str, sentence: Option<usize>, place: u32) {
        self.push(|v| ViewState {
            doc: Some(doc.to_owned()),
            place: Some(place),
            sentence,
            ..v.clone()
        });
    }

    /// Selects a place on the map (or clears it), keeping the open document.
    pub fn select_place(self, place: Option<u32>) {
        self.push(|v| ViewState {
            place,
            sentence: None,
            fact: None,
            ..v.clone()
        });
    }

    /// The fact a link points at.
    pub fn fact(self) -> Option<String> {
        self.fact.get()
    }

    /// Selects a fact (and its place): a history entry, so its link can be shared.
    pub fn select_fact(self, fact: &str, place: u32) {
        self.push(|v| ViewState {
            place: Some(place),
            fact: Some(fact.to_owned()),
            sentence: None,
            ..v.clone()
        });
    }

    pub fn filter(self) -> FactFilter {
        self.filter.get()
    }

    /// Changes which facts show. The address follows without a history entry per change, as
    /// for zoom: Back steps through what the reader opened, not each box ticked.
    pub fn set_filter(self, filter: FactFilter) {
        let state = self.view.with_untracked(|v| ViewState {
            filter,
            ..v.clone()
        });
        self.replace(state);
    }

    /// Pans or zooms the map. The address bar follows, without a history entry per wheel tick.
    pub fn set_zoom(self, zoom: Zoom) {
        let zoom = Some(zoom).filter(|z| *z != Zoom::default());
        let state = self
            .view
            .with_untracked(|v| ViewState { zoom, ..v.clone() });
        if self.view.with_untracked(|v| *v == state) {
            return;
        }
        self.view.set(state);
        let write = gloo::timers::callback::Timeout::new(ADDRESS_AFTER_MS, move || {
            self.pending_address.set_value(None);
            self.view.with_untracked(replace_address);
        });
        self.pending_address.set_value(Some(write));
    }

    fn replace(self, state: ViewState) {
        if self.view.with_untracked(|v| *v == state) {
            return;
        }
        // This write carries the zoom too: a waiting one has nothing left to say.
        self.pending_address.set_value(None);
        replace_address(&state);
        self.view.set(state);
    }

    fn push(self, next: impl FnOnce(&ViewState) -> ViewState) {
        let state = self.view.with_untracked(next);
        if self.view.with_untracked(|v| *v == state) {
            return;
        }
        // The zoom waiting for the address bar belongs to the entry being left.
        if self.pending_address.with_value(Option::is_some) {
            self.pending_address.set_value(None);
            self.view.with_untracked(replace_address);
        }
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&url_of(&state)),
            );
        }
        self.view.set(state);
    }
}

/// Writes `state` into the address bar without a history entry.
fn replace_address(state: &ViewState) {
    if let Ok(history) = window().history() {
        let _ =
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url_of(state)));
    }
}

/// The link for a state, on the page's own path (it works under any sub-path).
pub fn url_of(state: &ViewState) -> String {
    let path = window().location().pathname().unwrap_or_default();
    match state.to_query() {
        query if query.is_empty() => path,
        query => format!("{path}{query}"),
    }
}

fn current_view() -> ViewState {
    ViewState::from_query(&window().location().search().unwrap_or_default())
}
