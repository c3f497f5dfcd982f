//! The base map the page lays its map out over and draws under it, and how it arrives.
//!
//! The page embeds only the outlines of the areas the shipped corpus names. The release site's
//! prerendered copy of the first view carries its drawn base map: the live map takes those
//! nodes over when its frame is the copy's (matched by `svg.map`'s `data-frame`, the layout's
//! `MapFrame::key`). Otherwise the whole base map (`basemap.bin`) is fetched, once: when the
//! map's frame is not the copy's, a place's region is missing, or the map is zoomed in past
//! `FINE_ZOOM` and drawn again on the fine grid (that alone does not lay the page out again).
//! A phone's taller map has a prerendered base map of its own, in a file of its own, which the
//! start-up script fetches alongside the app and adds to the copy. Where it can tell the map
//! will be neither (no copy, or the reader's own articles), it fetches the whole map alongside
//! the app and hands it over (`protocol::global::BASEMAP`).

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{XmlHttpRequest, XmlHttpRequestResponseType};

use crate::basemap::Basemap;
use crate::map_layers::MapLayers;
use crate::places::MapPlace;

/// The outlines the page lays its map out over and draws under it. The page embeds only the
/// areas the shipped corpus names; the whole base map (`basemap.bin`, ~44 kB gzip) is fetched
/// once, and only when the page must draw a map its prerendered copy does not show (a page
/// without the copy, a phone's taller map whose own prerendered base map did not arrive), a
/// reader's article names a region those areas lack, or the reader zooms in far enough to see
/// the copy's coarse base map ([`FINE_ZOOM`]).
///
/// [`FINE_ZOOM`]: crate::map_layers::FINE_ZOOM
#[derive(Clone, Copy)]
pub struct BaseMap {
    areas: StoredValue<Basemap>,
    whole: RwSignal<Whole>,
    /// The whole map is at hand. Tracked by the map, which draws its fine base map with it.
    at_hand: Memo<bool>,
    /// The page is laid out over the whole map. Tracked by the page, which is drawn again; a
    /// map that only wants it drawn finer does not redraw the page.
    laid_out: Memo<bool>,
}

/// Where the whole base map stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Whole {
    /// Not asked for: the page has the named areas only.
    NotAsked,
    /// Being downloaded for the map to draw finer (or failed to arrive); the page keeps its
    /// layout.
    Fetching,
    /// Being downloaded, and the page asked to be laid out over it once it arrives.
    FetchingToLayOut,
    /// At hand for the map to draw finer; the page is laid out over the named areas still.
    AtHand,
    /// At hand, and the page is laid out over it.
    LaidOut,
}

impl BaseMap {
    /// Starts from some areas; the rest is fetched when needed.
    pub fn named(areas: Basemap) -> BaseMap {
        BaseMap::new(areas, Whole::NotAsked)
    }

    /// The whole base map, at hand (tests).
    pub fn whole(basemap: Basemap) -> BaseMap {
        BaseMap::new(basemap, Whole::LaidOut)
    }

    fn new(areas: Basemap, whole: Whole) -> BaseMap {
        let whole = RwSignal::new(whole);
        BaseMap {
            areas: StoredValue::new(areas),
            whole,
            at_hand: Memo::new(move |_| matches!(whole.get(), Whole::AtHand | Whole::LaidOut)),
            laid_out: Memo::new(move |_| whole.get() == Whole::LaidOut),
        }
    }

    /// Whether the whole map is at hand for the page's layout. Tracked: the page redraws when it
    /// arrives.
    pub fn is_whole(self) -> bool {
        self.laid_out.get()
    }

    /// `places` laid out in a map of `size`, with the base map drawn under them when the whole
    /// map is at hand; without it, the page takes the prerendered copy's (see [`MapView`]).
    ///
    /// [`MapView`]: super::MapView
    pub fn layers(self, places: &[MapPlace], size: [f64; 2]) -> MapLayers {
        let whole = self.at_hand.get_untracked();
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
        match self.whole.get_untracked() {
            Whole::NotAsked => {
                self.whole.set(Whole::FetchingToLayOut);
                self.request();
            }
            Whole::Fetching => self.whole.set(Whole::FetchingToLayOut),
            Whole::AtHand => self.whole.set(Whole::LaidOut),
            Whole::FetchingToLayOut | Whole::LaidOut => {}
        }
    }

    /// `f` of the whole base map, if at hand (tracked: `None` until it arrives); otherwise
    /// downloads it, once, without drawing the page again.
    pub fn with_whole<R>(self, f: impl FnOnce(&Basemap) -> R) -> Option<R> {
        if self.at_hand.get() {
            return Some(self.areas.with_value(f));
        }
        if self.whole.get_untracked() == Whole::NotAsked {
            self.whole.set(Whole::Fetching);
            self.request();
        }
        None
    }

    /// Starts the download (asked for once: see [`Whole`]).
    fn request(self) {
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
                        self.whole.try_update(|w| {
                            *w = match *w {
                                Whole::FetchingToLayOut | Whole::LaidOut => Whole::LaidOut,
                                _ => Whole::AtHand,
                            }
                        });
                    }
                }
                Err(err) => leptos::logging::warn!("the base map is damaged: {err}"),
            },
            Err(why) => leptos::logging::warn!("the base map could not be read: {why}"),
        }
    }
}

/// The whole base map if the start-up script fetched it alongside the app (it does when the
/// page will draw the map itself: no prerendered copy, or the reader's own articles), taken
/// once.
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

/// A base map of the prerendered copy, kept when the copy is removed, with the frame it was
/// drawn for: the live map takes its nodes rather than drawing (and downloading) the same
/// outlines.
struct Prerendered {
    frame: String,
    backdrop: web_sys::Element,
    inset_land: Option<web_sys::Element>,
}

thread_local! {
    static PRERENDERED: RefCell<Vec<Prerendered>> = const { RefCell::new(Vec::new()) };
}

/// Keeps the base maps of the prerendered `copy` of the page, before the copy is removed: the
/// one it shows, and any other the start-up script added to it for the map this window will
/// draw (a phone's taller map: scripts/finish-site.mjs draws it too, in a file of its own).
pub(crate) fn keep_prerendered_backdrop(copy: &web_sys::Element) {
    let Ok(maps) = copy.query_selector_all("svg.map[data-frame]") else {
        return;
    };
    let kept: Vec<Prerendered> = (0..maps.length())
        .filter_map(|i| maps.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter_map(|svg| {
            let find = |selector: &str| svg.query_selector(selector).ok().flatten();
            Some(Prerendered {
                frame: svg.get_attribute("data-frame")?,
                backdrop: find("g.backdrop")?,
                inset_land: find("g.inset-land"),
            })
        })
        .collect();
    PRERENDERED.with(|p| *p.borrow_mut() = kept);
}

/// Moves the prerendered base map into the live map's groups if it was drawn for `frame`
/// (once: the nodes move; a page drawn again before the whole map arrives fetches it).
/// `false` when there is none to take.
pub(crate) fn take_prerendered_backdrop(
    frame: &str,
    backdrop: &web_sys::Element,
    inset_land: Option<&web_sys::Element>,
) -> bool {
    let Some(kept) = PRERENDERED.with(|p| {
        let mut p = p.borrow_mut();
        let at = p.iter().position(|p| p.frame == frame)?;
        Some(p.swap_remove(at))
    }) else {
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
