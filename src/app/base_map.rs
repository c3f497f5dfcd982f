use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{XmlHttpRequest, XmlHttpRequestResponseType};

use crate::basemap::Basemap;
use crate::map_layers::MapLayers;
use crate::places::MapPlace;

/// The outlines the page lays its map out over and draws under it. The page embeds only the
/// areas the shipped corpus names; the whole base map (`basemap.bin`, ~44 kB gzip) is fetched
/// once, and only when the page must draw a map its prerendered copy does not show (a phone's
/// taller map, a page without the copy), a reader's article names a region those areas lack,
/// or the reader zooms in far enough to see the copy's coarse base map ([`FINE_ZOOM`]).
///
/// [`FINE_ZOOM`]: crate::map_layers::FINE_ZOOM
#[derive(Clone, Copy)]
pub struct BaseMap {
    areas: StoredValue<Basemap>,
    /// The whole map is at hand. Tracked by the map, which draws its fine base map with it.
    arrived: RwSignal<bool>,
    /// The whole map is at hand and the page asked to be laid out over it. Tracked by the page,
    /// which is drawn again; a map that only wants it drawn finer does not redraw the page.
    whole: RwSignal<bool>,
    requested: StoredValue<bool>,
    /// Whether the page asked for the whole map to lay out over ([`BaseMap::fetch_whole`]).
    relayout: StoredValue<bool>,
}

impl BaseMap {
    /// Starts from some areas; the rest is fetched when needed.
    pub fn named(areas: Basemap) -> BaseMap {
        BaseMap {
            areas: StoredValue::new(areas),
            arrived: RwSignal::new(false),
            whole: RwSignal::new(false),
            requested: StoredValue::new(false),
            relayout: StoredValue::new(false),
        }
    }

    /// The whole base map, at hand (tests).
    pub fn whole(basemap: Basemap) -> BaseMap {
        BaseMap {
            areas: StoredValue::new(basemap),
            arrived: RwSignal::new(true),
            whole: RwSignal::new(true),
            requested: StoredValue::new(true),
            relayout: StoredValue::new(true),
        }
    }

    /// Whether the whole map is at hand for the page's layout. Tracked: the page redraws when it
    /// arrives.
    pub fn is_whole(self) -> bool {
        self.whole.get()
    }

    /// `places` laid out in a map of `size`, with the base map drawn under them when the whole
    /// map is at hand; without it, the page takes the prerendered copy's (see [`MapView`]).
    ///
    /// [`MapView`]: super::MapView
    pub fn layers(self, places: &[MapPlace], size: [f64; 2]) -> MapLayers {
        let whole = self.arrived.get_untracked();
        let layers = self.areas.with_value(|b| {
            if whole {
                MapLayers::build(b, places, size)
            } else {
                MapLayers::layout(b, places, size)
            }
        });
        if layers.missing_outlines && !whole {
            self.fetch_whole();
        }
        layers
    }

    /// Downloads the whole base map, once, and draws the page again over it. Until it arrives
    /// (or if it cannot), the map shows its places on an empty sea.
    pub fn fetch_whole(self) {
        self.relayout.set_value(true);
        if self.arrived.get_untracked() {
            self.whole.set(true);
        } else {
            self.request();
        }
    }

    /// `f` of the whole base map, if at hand (tracked: `None` until it arrives); otherwise
    /// downloads it, once, without drawing the page again.
    pub fn with_whole<R>(self, f: impl FnOnce(&Basemap) -> R) -> Option<R> {
        if self.arrived.get() {
            Some(self.areas.with_value(f))
        } else {
            self.request();
            None
        }
    }

    fn request(self) {
        if self.requested.get_value() {
            return;
        }
        self.requested.set_value(true);
        let Ok(xhr) = XmlHttpRequest::new() else {
            return;
        };
        // Beside the page, wherever the site is published (under its published name).
        if xhr
            .open("GET", &super::published::url("basemap.bin"))
            .is_err()
        {
            return;
        }
        xhr.set_response_type(XmlHttpRequestResponseType::Arraybuffer);
        let request = xhr.clone();
        let on_done = Closure::once_into_js(move || {
            let status = request.status().unwrap_or(0);
            let body = request
                .response()
                .ok()
                .filter(|b| b.is_object() && (status == 200 || status == 0));
            let Some(body) = body else {
                return leptos::logging::warn!(
                    "the base map could not be downloaded (HTTP {status})"
                );
            };
            super::published::unpacked(js_sys::Uint8Array::new(&body), move |bytes| {
                self.arrive(bytes)
            });
        });
        xhr.set_onloadend(Some(on_done.unchecked_ref()));
        let _ = xhr.send();
    }

    /// Takes the whole base map's bytes, as built, once they have arrived.
    fn arrive(self, bytes: Result<Vec<u8>, String>) {
        match bytes.map(|b| Basemap::decode_compact(&b)) {
            Ok(decoded) => match decoded {
                Ok(basemap) => {
                    // The page may be gone (a test unmounted it).
                    if self.areas.try_set_value(basemap).is_none() {
                        self.arrived.try_set(true);
                        if self.relayout.try_get_value() == Some(true) {
                            self.whole.try_set(true);
                        }
                    }
                }
                Err(err) => leptos::logging::warn!("the base map is damaged: {err}"),
            },
            Err(why) => leptos::logging::warn!("the base map could not be read: {why}"),
        }
    }
}

/// The whole base map if the start-up script fetched it alongside the app (it does when the
/// page will draw the map itself: no prerendered copy, or a phone's taller map), taken once.
pub(crate) fn take_prefetched() -> Option<Result<Basemap, crate::basemap::BasemapError>> {
    let global = js_sys::global();
    let key = JsValue::from_str(crate::protocol::global::BASEMAP);
    let bytes = js_sys::Reflect::get(&global, &key)
        .ok()
        .filter(|b| b.is_instance_of::<js_sys::ArrayBuffer>())?;
    let _ = js_sys::Reflect::delete_property(global.unchecked_ref::<js_sys::Object>(), &key);
    Some(Basemap::decode_compact(
        &js_sys::Uint8Array::new(&bytes).to_vec(),
    ))
}

/// The prerendered copy's base map, kept when the copy is removed, with the frame it was drawn
/// for: the live map takes its nodes rather than drawing (and downloading) the same outlines.
struct Prerendered {
    frame: String,
    backdrop: web_sys::Element,
    inset_land: Option<web_sys::Element>,
}

thread_local! {
    static PRERENDERED: RefCell<Option<Prerendered>> = const { RefCell::new(None) };
}

/// Keeps the base map of the prerendered `copy` of the page, before the copy is removed.
pub(crate) fn keep_prerendered_backdrop(copy: &web_sys::Element) {
    let find = |selector: &str| copy.query_selector(selector).ok().flatten();
    let (Some(svg), Some(backdrop)) = (find("svg.map[data-frame]"), find("svg.map g.backdrop"))
    else {
        return;
    };
    let Some(frame) = svg.get_attribute("data-frame") else {
        return;
    };
    let inset_land = find("svg.map g.inset-land");
    PRERENDERED.with(|p| {
        *p.borrow_mut() = Some(Prerendered {
            frame,
            backdrop,
            inset_land,
        })
    });
}

/// Moves the prerendered base map into the live map's groups if it was drawn for `frame`
/// (once: the nodes move; a page drawn again before the whole map arrives fetches it).
/// `false` when there is none to take.
pub(crate) fn take_prerendered_backdrop(
    frame: &str,
    backdrop: &web_sys::Element,
    inset_land: Option<&web_sys::Element>,
) -> bool {
    let Some(kept) = PRERENDERED.with(|p| p.borrow_mut().take_if(|p| p.frame == frame)) else {
        return false;
    };
    let move_children = |from: &web_sys::Element, to: &web_sys::Element| {
        while let Some(child) = from.first_child() {
            if to.append_child(&child).is_err() {
                break;
            }
        }
    };
    move_children(&kept.backdrop, backdrop);
    if let (Some(from), Some(to)) = (&kept.inset_land, inset_land) {
        move_children(from, to);
    }
    true
}
