use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::base_map::take_prerendered_backdrop;
use super::{BaseMap, ClusterList, ClusterMarker, PlaceMarker, Selection};
use crate::facts::Facts;
use crate::map_layers::{
    cluster_scale, Backdrop, Cluster, Detail, MapLayers, PlaceMark, Screen, Shape, Zoom,
};
use crate::numfmt::{Fixed, Plain};

/// The SVG map: base map, places, the overview inset, and pan and zoom by drag, pinch, Ctrl (or
/// ⌘) and the wheel, keyboard-reachable buttons. Its gestures are cooperative, as readers know
/// them from MapLibre's and Leaflet's maps: on a touch screen one finger scrolls the page and two
/// move and zoom the map; the wheel alone scrolls the page; a short hint says how when a reader
/// tries the other. The zoom lives in the selection, so a link restores it.
#[component]
pub fn MapView(
    /// What to draw, laid out in map pixels.
    layers: StoredValue<MapLayers>,
    /// Where the base map comes from when `layers` has none drawn.
    basemap: BaseMap,
    /// The selected place and the zoom.
    selection: Selection,
    /// What happened at the places: colours the marks, and the filter hides some.
    facts: StoredValue<Facts>,
) -> impl IntoView {
    let size = layers.with_value(|l| l.size);
    let [width, height] = size;
    let zoom = Memo::new(move |_| selection.zoom().bounded(size));
    // How big the page draws the map and where the zoom buttons fall on it: labels are sized
    // for the screen, so where they fit depends on both. Measured once laid out and on resize;
    // until then, the map as drawn at its own size. The names inherit the font size from the
    // SVG's presentation attribute, which the strict style policy allows (a `style=` it would not).
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let controls_ref = NodeRef::<leptos::html::Div>::new();
    let screen = RwSignal::new(Screen::nominal(size, width));
    let measure = move || {
        // The frame asked for may come after the map is gone (the page unmounted).
        let (Some(Some(svg)), Some(Some(controls))) = (
            svg_ref.try_get_untracked(),
            controls_ref.try_get_untracked(),
        ) else {
            return;
        };
        if let Some(measured) = measured_screen(&svg, &controls, size) {
            if screen.try_get_untracked().is_some_and(|s| s != measured) {
                screen.set(measured);
            }
        }
    };
    Effect::new(move |_| {
        if svg_ref.get().is_some() && controls_ref.get().is_some() {
            request_animation_frame(measure);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // The zoom's scale alone: markers follow it, and panning leaves it (and them) alone.
    let k = Memo::new(move |_| zoom.get().k);
    // Towns that would overlap are drawn as clusters. They change only when the zoom passes a
    // step of √2, never while panning: this memo stops every other change here.
    let cluster_step = Memo::new(move |_| cluster_scale(k.get()));
    let clusters = Memo::new(move |_| {
        let s = cluster_step.get();
        layers.with_value(|l| l.clusters(s))
    });
    let listed = RwSignal::new(None::<Cluster>);
    let hidden_of = move |i: usize| Signal::derive(move || clusters.with(|c| c.hides(i)));
    let clusters_where = move |in_overview: bool| {
        move || {
            clusters.with(|c| {
                c.groups
                    .iter()
                    .filter(|g| g.in_overview == in_overview)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        }
    };
    let cluster_view = move |cluster: Cluster| view! { <ClusterMarker cluster layers zoom scale=k selection listed /> };
    // Where each main-map label fits at the current zoom (marks index → placement).
    let labels = Memo::new(move |_| {
        let (z, s) = (zoom.get(), screen.get());
        clusters.with(|c| layers.with_value(|l| l.labels(z, &s, c)))
    });

    // Pointers down on the map: (id, x, y) in map units, for drag and pinch.
    let pointers: StoredValue<Vec<(i32, f64, f64)>> = StoredValue::new(Vec::new());
    // Whether the pointers are fingers: one finger is the page's, to scroll it.
    let touching = StoredValue::new(false);
    let set = move |z: Zoom| selection.set_zoom(z.bounded(size));
    // How to move the map, shown briefly over it when a reader tries the page's gesture on it.
    let hint = RwSignal::new(None::<&'static str>);
    let hint_timer: StoredValue<Option<gloo::timers::callback::Timeout>, LocalStorage> =
        StoredValue::new_local(None);
    let show_hint = move |text: &'static str| {
        if hint.get_untracked() != Some(text) {
            hint.set(Some(text));
        }
        hint_timer.set_value(Some(gloo::timers::callback::Timeout::new(
            HINT_MS,
            move || {
                hint.try_set(None);
            },
        )));
    };
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        // A trackpad's pinch arrives as the wheel with Ctrl held.
        if !(ev.ctrl_key() || ev.meta_key()) {
            // The page scrolls on.
            return show_hint(if is_apple() {
                "Use ⌘ + scroll to zoom the map"
            } else {
                "Use Ctrl + scroll to zoom the map"
            });
        }
        ev.prevent_default();
        hint.set(None);
        let (x, y) = map_units(&ev, ev.client_x(), ev.client_y(), size);
        let lines = if ev.delta_mode() == 1 { 30.0 } else { 1.0 };
        set(zoom
            .get_untracked()
            .zoom_at(x, y, (-ev.delta_y() * lines * 0.002).exp(), size));
    };
    // Two fingers on the map are the map's: the page neither scrolls nor zooms under them (the
    // style sheet leaves one finger's scrolling to the browser: `touch-action: pan-x pan-y`).
    let on_touch = move |ev: leptos::ev::TouchEvent| match ev.touches().length() {
        0 => {}
        1 => {
            if ev.type_() == "touchmove" {
                show_hint("Use two fingers to move the map");
            }
        }
        _ => {
            ev.prevent_default();
            hint.set(None);
        }
    };
    let on_pointerdown = move |ev: leptos::ev::PointerEvent| {
        let touch = ev.pointer_type() == "touch";
        // A mouse or pen on a marker clicks it; fingers there may still pinch the map.
        if ev.button() != 0 || (!touch && is_control(&ev)) {
            return;
        }
        touching.set_value(touch);
        if !touch {
            if let Some(target) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = target.set_pointer_capture(ev.pointer_id());
            }
        }
        let (x, y) = map_units(&ev, ev.client_x(), ev.client_y(), size);
        pointers.update_value(|p| {
            p.retain(|q| q.0 != ev.pointer_id());
            p.push((ev.pointer_id(), x, y));
        });
    };
    let on_pointermove = move |ev: leptos::ev::PointerEvent| {
        let (x, y) = map_units(&ev, ev.client_x(), ev.client_y(), size);
        let before = pointers.get_value();
        let Some(index) = before.iter().position(|q| q.0 == ev.pointer_id()) else {
            return;
        };
        let mut after = before.clone();
        after[index] = (ev.pointer_id(), x, y);
        let z = zoom.get_untracked();
        match (before.as_slice(), after.as_slice()) {
            // A mouse or pen drags the map; a lone finger leaves it to the page.
            ([a], [b]) if !touching.get_value() => set(z.pan(b.1 - a.1, b.2 - a.2, size)),
            ([a0, a1], [b0, b1]) => {
                let span = |p: &(i32, f64, f64), q: &(i32, f64, f64)| {
                    ((p.1 - q.1).powi(2) + (p.2 - q.2).powi(2)).sqrt().max(1.0)
                };
                let (mx, my) = ((b0.1 + b1.1) / 2.0, (b0.2 + b1.2) / 2.0);
                let (px, py) = ((a0.1 + a1.1) / 2.0, (a0.2 + a1.2) / 2.0);
                set(z.pan(mx - px, my - py, size).zoom_at(
                    mx,
                    my,
                    span(b0, b1) / span(a0, a1),
                    size,
                ));
            }
            _ => {}
        }
        pointers.set_value(after);
    };
    let on_pointerup = move |ev: leptos::ev::PointerEvent| {
        pointers.update_value(|p| p.retain(|q| q.0 != ev.pointer_id()))
    };
    let centre = (width / 2.0, height / 2.0);
    // The names that fit, in screen pixels: one reactive list, so a pan redraws the few dozen
    // names on screen rather than asking every marker whether its name moved.
    let placed_labels = move || {
        labels.with(|placed| {
            layers.with_value(|l| {
                placed
                    .iter()
                    .zip(&l.marks)
                    .filter_map(|(p, m)| p.as_ref().map(|p| (p, m)))
                    .map(|(p, m)| {
                        let region = matches!(m.shape, Shape::Region { .. });
                        view! { <text class="name fits" class:region-name=region x=Fixed(p.x, 1).to_string() y=Fixed(p.y, 1).to_string() text-anchor=p.anchor>{m.name.clone()}</text> }
                    })
                    .collect_view()
            })
        })
    };

    // The base map: drawn from the whole map when at hand; else the prerendered copy's, when it
    // was drawn for this very frame; else fetched, and the page redraws when it arrives.
    let (frame, backdrop, overview) =
        layers.with_value(|l| (l.frame.key.clone(), l.backdrop.clone(), l.overview.clone()));
    let backdrop_ref = NodeRef::<leptos::svg::G>::new();
    let inset_land_ref = NodeRef::<leptos::svg::G>::new();
    let inset_land = backdrop
        .as_ref()
        .map(|b| b.inset_land.clone())
        .unwrap_or_default();
    {
        let frame = frame.clone();
        Effect::new(move |_| {
            let Some(group) = backdrop_ref.get() else {
                return;
            };
            match &backdrop {
                Some(backdrop) => draw_backdrop(&group, backdrop),
                None => {
                    let inset = inset_land_ref.get_untracked();
                    if !take_prerendered_backdrop(&frame, &group, inset.as_deref()) {
                        basemap.fetch_whole();
                    }
                }
            }
        });
    }
    // Drawn on whole map pixels for the default zoom (the copy's too); zoomed in past
    // FINE_ZOOM, drawn again on the fine grid once the whole map is at hand (until then the
    // coarse one is magnified). Once: zooming back out keeps the fine one, and from the
    // crossing on this effect no longer reads (so no longer follows) the zoom.
    let zoomed_in = StoredValue::new(false);
    Effect::new(move |_| {
        if !zoomed_in.get_value() {
            if Detail::at(k.get()) == Detail::Coarse {
                return;
            }
            zoomed_in.set_value(true);
        }
        let Some(fine) =
            basemap.with_whole(|b| layers.with_value(|l| l.backdrop_at(b, Detail::Fine)))
        else {
            return;
        };
        if let Some(group) = backdrop_ref.get_untracked() {
            draw_backdrop(&group, &fine);
        }
    });
    let marks = layers.with_value(|l| l.marks.clone());
    let region_marks = marks
        .iter()
        .filter(|m| matches!(m.shape, Shape::Region { .. }))
        .map(|m| in_fact_group(m, facts, selection, Signal::stored(false), view! { <PlaceMarker mark=m.clone() scale=k selection clustered=Signal::stored(false) outline_only=true /> }))
        .collect_view();
    // A town's or badge's marker, hidden while a cluster draws it.
    let marker = move |i: usize, m: &PlaceMark| {
        let clustered = hidden_of(i);
        in_fact_group(
            m,
            facts,
            selection,
            clustered,
            view! { <PlaceMarker mark=m.clone() scale=k selection clustered outline_only=false /> },
        )
    };
    let main_marks = marks
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.in_overview)
        .map(|(i, m)| marker(i, m))
        .collect_view();
    let overview = overview.map(|o| {
        let [x, y, w, h] = o.frame;
        let land = inset_land.into_iter().map(|d| view! { <path class="land" d=d /> }).collect_view();
        let far_marks = marks
            .iter()
            .enumerate()
            .filter(|(_, m)| m.in_overview)
            .map(|(i, m)| marker(i, m))
            .collect_view();
        let clip = format!("M{},{}h{}v{}h{}Z", Plain(x), Plain(y), Plain(w), Plain(h), Plain(-w));
        view! {
            <g class="overview" aria-label="Overview: places far from the main map">
                <rect class="overview-frame" x=Plain(x).to_string() y=Plain(y).to_string() width=Plain(w).to_string() height=Plain(h).to_string() rx="6" />
                <clipPath id="overview-clip"><path d=clip /></clipPath>
                <g clip-path="url(#overview-clip)">
                    <g class="inset-land" node_ref=inset_land_ref>{land}</g>
                    <path class="overview-extent" d=o.extent />
                </g>
                {far_marks}
                {move || clusters_where(true)().into_iter().map(cluster_view).collect_view()}
            </g>
        }
    });
    view! {
        <div class="map-frame">
            <svg
                node_ref=svg_ref
                class="map"
                data-frame=frame
                font-size=move || Fixed(screen.get().font(), 2).to_string()
                viewBox=format!("0 0 {} {}", Plain(width), Plain(height))
                role="group"
                aria-labelledby="map-title"
                aria-describedby="map-help"
                on:wheel=on_wheel
                on:pointerdown=on_pointerdown
                on:pointermove=on_pointermove
                on:pointerup=on_pointerup
                on:pointercancel=on_pointerup
                on:touchstart=on_touch
                on:touchmove=on_touch
            >
                <rect class="sea" width=Plain(width).to_string() height=Plain(height).to_string() />
                <g class="basemap" transform=move || zoom.get().transform()>
                    <g class="backdrop" node_ref=backdrop_ref></g>
                    {region_marks}
                </g>
                <g class="marks" transform=move || { let z = zoom.get(); format!("translate({},{})", Fixed(z.x, 2), Fixed(z.y, 2)) }>
                    {main_marks}
                    {move || clusters_where(false)().into_iter().map(cluster_view).collect_view()}
                </g>
                <g class="labels" aria-hidden="true">{placed_labels}</g>
                {overview}
            </svg>
            <div node_ref=controls_ref class="map-controls" role="group" aria-label="Zoom">
                <button type="button" aria-label="Zoom in" on:click=move |_| set(zoom.get_untracked().zoom_at(centre.0, centre.1, 1.5, size))>"+"</button>
                <button type="button" aria-label="Zoom out" on:click=move |_| set(zoom.get_untracked().zoom_at(centre.0, centre.1, 1.0 / 1.5, size))>"−"</button>
                <button type="button" class="reset" on:click=move |_| set(Zoom::default())>"Reset"</button>
            </div>
            <p class="map-hint" class:shown=move || hint.get().is_some() aria-hidden="true">{move || hint.get()}</p>
            <ClusterList layers selection listed />
        </div>
    }
}

/// How long a gesture hint stays once the gesture that called for it stops.
const HINT_MS: u32 = 1500;

/// Whether the reader's keyboard names the zoom key ⌘ rather than Ctrl.
fn is_apple() -> bool {
    window()
        .navigator()
        .platform()
        .is_ok_and(|p| p.starts_with("Mac") || p.starts_with("iP"))
}

/// Draws `backdrop`'s main map into `group`, replacing what was there (the prerendered copy's,
/// or a coarser one). Built directly rather than as a view: drawn once per frame and detail, it
/// needs none of the view's code for updating nodes.
fn draw_backdrop(group: &web_sys::Element, backdrop: &Backdrop) {
    const SVG: Option<&str> = Some("http://www.w3.org/2000/svg");
    let document = document();
    let path = |class: &str, d: &str| {
        let path = document.create_element_ns(SVG, "path").ok()?;
        path.set_attribute("class", class).ok()?;
        path.set_attribute("d", d).ok()?;
        Some(path)
    };
    let mut paths: Vec<web_sys::Element> = backdrop
        .underlay
        .iter()
        .filter_map(|d| path("land underlay", d))
        .collect();
    for outline in &backdrop.land {
        let Some(land) = path("land", &outline.d) else {
            continue;
        };
        let _ = land.set_attribute("data-country", &outline.country);
        if let Ok(title) = document.create_element_ns(SVG, "title") {
            title.set_text_content(Some(&outline.name));
            let _ = land.append_child(&title);
        }
        paths.push(land);
    }
    paths.extend(path("admin1", &backdrop.borders));
    group.set_text_content(None);
    for p in &paths {
        let _ = group.append_child(p);
    }
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
fn viewbox_fit(rect: &web_sys::DomRect, [width, height]: [f64; 2]) -> Option<(f64, f64, f64)> {
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

/// The map's scale on the page and the zoom buttons' box in map units, stretched to the map's
/// top and right edges (the strip between the buttons and the edge is too thin for a label).
fn measured_screen(
    svg: &web_sys::Element,
    controls: &web_sys::Element,
    size: [f64; 2],
) -> Option<Screen> {
    let (scale, dx, dy) = viewbox_fit(&svg.get_bounding_client_rect(), size)?;
    let c = controls.get_bounding_client_rect();
    let (x0, y1) = ((c.left() - dx) / scale, (c.bottom() - dy) / scale);
    Some(Screen {
        scale,
        controls: [x0, 0.0, size[0], y1],
    })
}

/// Whether a pointer went down on a marker (which handles its own click) rather than the map.
fn is_control(ev: &web_sys::PointerEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("[role=button]").ok().flatten())
        .is_some()
}

/// Wraps a place's mark in a group that carries the kind of what happened there (its colour)
/// and hides it while the fact filter leaves nothing there to show, or while a cluster draws it.
fn in_fact_group(
    mark: &PlaceMark,
    facts: StoredValue<Facts>,
    selection: Selection,
    clustered: Signal<bool>,
    inner: impl IntoView + 'static,
) -> impl IntoView {
    let id = mark.geonameid;
    let kind = move || {
        facts
            .with_value(|f| f.main_kind_at(id, &selection.filter()))
            .map(|k| k.slug())
    };
    let hidden = move || {
        let filter = selection.filter();
        filter.is_active() && facts.with_value(|f| f.at_place(id, &filter).next().is_none())
    };
    view! { <g class="fact-group" data-kind=kind class:filtered-out=hidden class:clustered=move || clustered.get()>{inner}</g> }
}
