//! The map's gestures as a hook, in the manner of leptos-use's `use_draggable`: it listens on
//! the target element and hands back signals. They are cooperative, as readers know them from
//! MapLibre's and Leaflet's maps: on a touch screen one finger scrolls the page and two move and
//! zoom the map (the style sheet leaves one finger's scrolling to the browser: `touch-action:
//! pan-x pan-y`); the wheel alone scrolls the page and Ctrl (or ⌘) with it zooms the map; a mouse
//! or pen drags it. A short hint says how when a reader tries the page's gesture on the map.

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::map_layers::Zoom;

/// How long a gesture hint stays once the gesture that called for it stops.
const HINT_MS: u32 = 1500;

/// What the gestures give the map.
#[derive(Clone, Copy)]
pub struct UseMapGesturesReturn {
    /// How to move the map, while it is to be shown over it.
    pub hint: Signal<Option<&'static str>>,
}

/// A pointer down on the map: its id and where it is, in map units.
type Pointer = (i32, f64, f64);

/// Moves and zooms the map drawn in `target`, of `size` map units, by the reader's gestures:
/// each gesture moves `zoom` and hands the result to `set_zoom`.
pub fn use_map_gestures(
    target: NodeRef<leptos::svg::Svg>,
    size: [f64; 2],
    zoom: Memo<Zoom>,
    set_zoom: impl Fn(Zoom) + Copy + 'static,
) -> UseMapGesturesReturn {
    let gestures = Gestures {
        size,
        zoom,
        set_zoom,
        hint: Hint {
            text: RwSignal::new(None),
            timer: StoredValue::new_local(None),
        },
        pointers: StoredValue::new(Vec::new()),
        touching: StoredValue::new(false),
    };
    // Dropped, so removed, with the map.
    let listeners = StoredValue::new_local(Vec::<EventListener>::new());
    Effect::new(move |_| {
        let Some(svg) = target.get() else {
            return;
        };
        let g = gestures;
        listeners.set_value(vec![
            listen(&svg, "wheel", move |ev| g.wheel(ev)),
            listen(&svg, "pointerdown", move |ev| g.pointer_down(ev)),
            listen(&svg, "pointermove", move |ev| g.pointer_move(ev)),
            listen(&svg, "pointerup", move |ev| g.pointer_up(ev)),
            listen(&svg, "pointercancel", move |ev| g.pointer_up(ev)),
            listen(&svg, "touchstart", move |ev| g.touch(ev)),
            listen(&svg, "touchmove", move |ev| g.touch(ev)),
        ]);
    });
    UseMapGesturesReturn {
        hint: gestures.hint.text.into(),
    }
}

/// The gestures' state, and a handler for each event.
#[derive(Clone, Copy)]
struct Gestures<S> {
    size: [f64; 2],
    zoom: Memo<Zoom>,
    set_zoom: S,
    hint: Hint,
    /// Pointers down on the map, for drag and pinch.
    pointers: StoredValue<Vec<Pointer>>,
    /// Whether the pointers are fingers: one finger is the page's, to scroll it.
    touching: StoredValue<bool>,
}

impl<S: Fn(Zoom) + Copy + 'static> Gestures<S> {
    fn wheel(self, ev: &web_sys::WheelEvent) {
        // A trackpad's pinch arrives as the wheel with Ctrl held.
        if !(ev.ctrl_key() || ev.meta_key()) {
            // The page scrolls on.
            return self.hint.show(if is_apple() {
                "Use ⌘ + scroll to zoom the map"
            } else {
                "Use Ctrl + scroll to zoom the map"
            });
        }
        ev.prevent_default();
        self.hint.clear();
        let (x, y) = map_units(ev, ev.client_x(), ev.client_y(), self.size);
        let lines = if ev.delta_mode() == 1 { 30.0 } else { 1.0 };
        let factor = (-ev.delta_y() * lines * 0.002).exp();
        (self.set_zoom)(self.zoom.get_untracked().zoom_at(x, y, factor, self.size));
    }

    /// Two fingers on the map are the map's: the page neither scrolls nor zooms under them.
    fn touch(self, ev: &web_sys::TouchEvent) {
        match ev.touches().length() {
            0 => {}
            1 => {
                if ev.type_() == "touchmove" {
                    self.hint.show("Use two fingers to move the map");
                }
            }
            _ => {
                ev.prevent_default();
                self.hint.clear();
            }
        }
    }

    fn pointer_down(self, ev: &web_sys::PointerEvent) {
        let touch = ev.pointer_type() == "touch";
        // A mouse or pen on a marker clicks it; fingers there may still pinch the map.
        if ev.button() != 0 || (!touch && is_control(ev)) {
            return;
        }
        self.touching.set_value(touch);
        if !touch {
            if let Some(target) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = target.set_pointer_capture(ev.pointer_id());
            }
        }
        let (x, y) = map_units(ev, ev.client_x(), ev.client_y(), self.size);
        self.pointers.update_value(|p| {
            p.retain(|q| q.0 != ev.pointer_id());
            p.push((ev.pointer_id(), x, y));
        });
    }

    fn pointer_move(self, ev: &web_sys::PointerEvent) {
        let (x, y) = map_units(ev, ev.client_x(), ev.client_y(), self.size);
        let before = self.pointers.get_value();
        let Some(index) = before.iter().position(|q| q.0 == ev.pointer_id()) else {
            return;
        };
        let mut after = before.clone();
        after[index] = (ev.pointer_id(), x, y);
        let z = self.zoom.get_untracked();
        if let Some(z) = moved_by(z, &before, &after, self.touching.get_value(), self.size) {
            (self.set_zoom)(z);
        }
        self.pointers.set_value(after);
    }

    fn pointer_up(self, ev: &web_sys::PointerEvent) {
        self.pointers
            .update_value(|p| p.retain(|q| q.0 != ev.pointer_id()))
    }
}

/// The view after the pointers on the map moved from `before` to `after`: a mouse or pen drags
/// the map (a lone finger leaves it to the page), two pointers pan and pinch it.
fn moved_by(
    z: Zoom,
    before: &[Pointer],
    after: &[Pointer],
    touching: bool,
    size: [f64; 2],
) -> Option<Zoom> {
    match (before, after) {
        ([a], [b]) if !touching => Some(z.pan(b.1 - a.1, b.2 - a.2, size)),
        ([a0, a1], [b0, b1]) => {
            let span = |p: &Pointer, q: &Pointer| {
                ((p.1 - q.1).powi(2) + (p.2 - q.2).powi(2)).sqrt().max(1.0)
            };
            let (mx, my) = ((b0.1 + b1.1) / 2.0, (b0.2 + b1.2) / 2.0);
            let (px, py) = ((a0.1 + a1.1) / 2.0, (a0.2 + a1.2) / 2.0);
            Some(
                z.pan(mx - px, my - py, size)
                    .zoom_at(mx, my, span(b0, b1) / span(a0, a1), size),
            )
        }
        _ => None,
    }
}

/// The gesture hint: its text, and the timer that takes it away.
#[derive(Clone, Copy)]
struct Hint {
    text: RwSignal<Option<&'static str>>,
    timer: StoredValue<Option<Timeout>, LocalStorage>,
}

impl Hint {
    /// Shows `text` until the gesture calling for it has stopped for `HINT_MS`.
    fn show(self, text: &'static str) {
        if self.text.get_untracked() != Some(text) {
            self.text.set(Some(text));
        }
        let hide = move || {
            self.text.try_set(None);
        };
        self.timer.set_value(Some(Timeout::new(HINT_MS, hide)));
    }

    fn clear(self) {
        self.text.set(None);
    }
}

/// Listens for `event` on `target` with a handler that may prevent its default (the page's
/// scrolling or zooming), which a passive listener could not.
fn listen<E: JsCast>(
    target: &web_sys::EventTarget,
    event: &'static str,
    handler: impl Fn(&E) + 'static,
) -> EventListener {
    let options = EventListenerOptions::enable_prevent_default();
    EventListener::new_with_options(target, event, options, move |ev| {
        if let Some(ev) = ev.dyn_ref::<E>() {
            handler(ev);
        }
    })
}

/// Whether the reader's keyboard names the zoom key ⌘ rather than Ctrl.
fn is_apple() -> bool {
    window()
        .navigator()
        .platform()
        .is_ok_and(|p| p.starts_with("Mac") || p.starts_with("iP"))
}

/// Whether a pointer went down on a marker (which handles its own click) rather than the map.
fn is_control(ev: &web_sys::PointerEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("[role=button]").ok().flatten())
        .is_some()
}

/// A pointer's position in the SVG's own units (its viewBox), whatever size CSS draws it.
fn map_units(ev: &web_sys::Event, client_x: i32, client_y: i32, size: [f64; 2]) -> (f64, f64) {
    let Some(svg) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return (0.0, 0.0);
    };
    let Some((scale, dx, dy)) = viewbox_fit(&svg.get_bounding_client_rect(), size) else {
        return (0.0, 0.0);
    };
    (
        (f64::from(client_x) - dx) / scale,
        (f64::from(client_y) - dy) / scale,
    )
}

/// How the viewBox sits in the drawn element: CSS pixels per map unit, and where map (0, 0)
/// falls in client coordinates. The viewBox keeps its aspect ratio inside the element
/// (xMidYMid meet).
pub(super) fn viewbox_fit(
    rect: &web_sys::DomRect,
    [width, height]: [f64; 2],
) -> Option<(f64, f64, f64)> {
    if rect.width() <= 0.0 || rect.height() <= 0.0 {
        return None;
    }
    let scale = f64::min(rect.width() / width, rect.height() / height);
    Some((
        scale,
        rect.left() + (rect.width() - width * scale) / 2.0,
        rect.top() + (rect.height() - height * scale) / 2.0,
    ))
}
