use leptos::prelude::*;

use super::base_map::take_prerendered_backdrop;
use super::map_gestures::{use_map_gestures, viewbox_fit, UseMapGesturesReturn};
use super::mark_state::{mark_states, MarkState};
use super::{BaseMap, ClusterList, ClusterMarker, PlaceMarker, Selection};
use crate::facts::Facts;
use crate::map_layers::{
    cluster_scale, Backdrop, Cluster, Clusters, Detail, MapLayers, Screen, Shape, Zoom,
};
use crate::numfmt::{Fixed, Plain};

/// The SVG map: base map, places, the overview inset, pan and zoom by the reader's gestures
/// (`map_gestures`) and keyboard-reachable buttons. The zoom lives in the selection, so a link
/// restores it.
///
/// A pan or zoom costs what the screen shows, not what the corpus holds: markers sit in a
/// layer the pan moves as a whole and follow only the zoom's scale; names are one reactive
/// list of the labels that fit; clusters change only at scale steps. Many subscribers to one
/// signal are what made frames slow (reactive_graph's subscriber sets are shifted on every
/// re-run), so keep them few: what each marker shows of the shared state (selected, hidden by a
/// cluster or the filter, its colour) comes from a signal of its own ([`mark_states`]).
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
    let set_zoom = move |z: Zoom| selection.set_zoom(z.bounded(size));
    // The zoom's scale alone: markers follow it, and panning leaves it (and them) alone.
    let k = Memo::new(move |_| zoom.get().k);
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let controls_ref = NodeRef::<leptos::html::Div>::new();
    let screen = use_screen(svg_ref, controls_ref, size);
    let UseMapGesturesReturn { hint } = use_map_gestures(svg_ref, size, zoom, set_zoom);
    let clusters = use_clusters(layers, k);
    let states = mark_states(layers, facts, selection, clusters);
    let marks = Marks {
        layers,
        selection,
        zoom,
        k,
        clusters,
        listed: RwSignal::new(None),
    };
    let backdrop = use_backdrop(layers, basemap, k);
    let frame = layers.with_value(|l| l.frame.key.clone());
    let centre = (width / 2.0, height / 2.0);
    let zoom_by = move |factor: f64| {
        set_zoom(
            zoom.get_untracked()
                .zoom_at(centre.0, centre.1, factor, size),
        )
    };
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
            >
                <rect class="sea" width=Plain(width).to_string() height=Plain(height).to_string() />
                <g class="basemap" transform=move || zoom.get().transform()>
                    <g class="backdrop" node_ref=backdrop.main></g>
                    {marks.regions(&states)}
                </g>
                <g class="marks" transform=move || { let z = zoom.get(); format!("translate({},{})", Fixed(z.x, 2), Fixed(z.y, 2)) }>
                    {marks.places(false, &states)}
                    {move || marks.clusters(false)}
                </g>
                <g class="labels" aria-hidden="true">{marks.labels(screen)}</g>
                {overview(marks, backdrop.inset_land, &states)}
            </svg>
            <div node_ref=controls_ref class="map-controls" role="group" aria-label="Zoom">
                <button type="button" aria-label="Zoom in" on:click=move |_| zoom_by(1.5)>"+"</button>
                <button type="button" aria-label="Zoom out" on:click=move |_| zoom_by(1.0 / 1.5)>"−"</button>
                <button type="button" class="reset" on:click=move |_| set_zoom(Zoom::default())>"Reset"</button>
            </div>
            <p class="map-hint" class:shown=move || hint.get().is_some() aria-hidden="true">{move || hint.get()}</p>
            <ClusterList layers selection listed=marks.listed />
        </div>
    }
}

/// How big the page draws the map and where the zoom buttons fall on it: labels are sized for
/// the screen, so where they fit depends on both. Measured once laid out and on resize; until
/// then, the map as drawn at its own size. (The names inherit the font size from the SVG's
/// presentation attribute, which the strict style policy allows, where a `style=` it would not.)
fn use_screen(
    svg_ref: NodeRef<leptos::svg::Svg>,
    controls_ref: NodeRef<leptos::html::Div>,
    size: [f64; 2],
) -> RwSignal<Screen> {
    let screen = RwSignal::new(Screen::nominal(size, size[0]));
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
    screen
}

/// Towns that would overlap, drawn as clusters. They change only when the zoom passes a step
/// of √2, never while panning: the step's memo stops every other change.
fn use_clusters(layers: StoredValue<MapLayers>, k: Memo<f64>) -> Memo<Clusters> {
    let step = Memo::new(move |_| cluster_scale(k.get()));
    Memo::new(move |_| {
        let s = step.get();
        layers.with_value(|l| l.clusters(s))
    })
}

/// The groups the base map is drawn into: the main map's, and the overview's land.
#[derive(Clone, Copy)]
struct BackdropGroups {
    main: NodeRef<leptos::svg::G>,
    inset_land: NodeRef<leptos::svg::G>,
}

/// Draws the base map: from the whole map when at hand; else the prerendered copy's, when it
/// was drawn for this very frame; else fetched, and the page redraws when it arrives. Drawn on
/// whole map pixels for the default zoom (the copy's too); zoomed in past `FINE_ZOOM`, drawn
/// again on the fine grid once the whole map is at hand (until then the coarse one is
/// magnified). Once: zooming back out keeps the fine one.
fn use_backdrop(layers: StoredValue<MapLayers>, basemap: BaseMap, k: Memo<f64>) -> BackdropGroups {
    let groups = BackdropGroups {
        main: NodeRef::new(),
        inset_land: NodeRef::new(),
    };
    let (frame, backdrop) = layers.with_value(|l| (l.frame.key.clone(), l.backdrop.clone()));
    Effect::new(move |_| {
        let Some(group) = groups.main.get() else {
            return;
        };
        match &backdrop {
            Some(backdrop) => draw_backdrop(&group, backdrop),
            None => {
                let inset = groups.inset_land.get_untracked();
                if !take_prerendered_backdrop(&frame, &group, inset.as_deref()) {
                    basemap.fetch_whole();
                }
            }
        }
    });
    // From the crossing on, this effect no longer reads (so no longer follows) the zoom.
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
        if let Some(group) = groups.main.get_untracked() {
            draw_backdrop(&group, &fine);
        }
    });
    groups
}

/// What the map draws of the places, and the state their views share.
#[derive(Clone, Copy)]
struct Marks {
    layers: StoredValue<MapLayers>,
    selection: Selection,
    zoom: Memo<Zoom>,
    /// The zoom's scale.
    k: Memo<f64>,
    clusters: Memo<Clusters>,
    /// The cluster whose places are listed, if any.
    listed: RwSignal<Option<Cluster>>,
}

impl Marks {
    /// The regions' outlines, drawn under the base map's zoom with it.
    fn regions(self, states: &[MarkState]) -> impl IntoView {
        let (selection, k) = (self.selection, self.k);
        self.layers.with_value(|l| {
            l.marks
                .iter()
                .enumerate()
                .filter(|(_, m)| matches!(m.shape, Shape::Region { .. }))
                .map(|(i, m)| {
                    let state = states[i];
                    in_fact_group(state, view! { <PlaceMarker mark=m.clone() scale=k selection state outline_only=true /> })
                })
                .collect_view()
        })
    }

    /// The towns' and badges' markers, of the main map or of the overview: each hidden while a
    /// cluster draws it.
    fn places(self, in_overview: bool, states: &[MarkState]) -> impl IntoView {
        let (selection, k) = (self.selection, self.k);
        self.layers.with_value(|l| {
            l.marks
                .iter()
                .enumerate()
                .filter(|(_, m)| m.in_overview == in_overview)
                .map(|(i, m)| {
                    let state = states[i];
                    in_fact_group(state, view! { <PlaceMarker mark=m.clone() scale=k selection state outline_only=false /> })
                })
                .collect_view()
        })
    }

    /// The clusters of the main map or of the overview, at the current zoom (tracked).
    fn clusters(self, in_overview: bool) -> impl IntoView {
        let Marks {
            layers,
            selection,
            zoom,
            k,
            listed,
            ..
        } = self;
        let groups: Vec<Cluster> = self.clusters.with(|c| {
            c.groups
                .iter()
                .filter(|g| g.in_overview == in_overview)
                .cloned()
                .collect()
        });
        groups
            .into_iter()
            .map(|cluster| view! { <ClusterMarker cluster layers zoom scale=k selection listed /> })
            .collect_view()
    }

    /// The names that fit, in screen pixels: one reactive list, so a pan redraws the few dozen
    /// names on screen rather than asking every marker whether its name moved.
    fn labels(self, screen: RwSignal<Screen>) -> impl IntoView {
        let Marks {
            layers,
            zoom,
            clusters,
            ..
        } = self;
        // Where each main-map label fits at the current zoom (marks index → placement).
        let labels = Memo::new(move |_| {
            let (z, s) = (zoom.get(), screen.get());
            clusters.with(|c| layers.with_value(|l| l.labels(z, &s, c)))
        });
        move || {
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
        }
    }
}

/// The overview inset, when places lie far from the main map: the world's land (from the
/// layout's backdrop, or moved in from the prerendered copy into `inset_land_ref`), the main
/// map's extent, and the far places.
fn overview(
    marks: Marks,
    inset_land_ref: NodeRef<leptos::svg::G>,
    states: &[MarkState],
) -> Option<impl IntoView> {
    let (overview, inset_land) = marks.layers.with_value(|l| {
        let land = l.backdrop.as_ref().map(|b| b.inset_land.clone());
        (l.overview.clone(), land.unwrap_or_default())
    });
    let o = overview?;
    let [x, y, w, h] = o.frame;
    let land = inset_land
        .into_iter()
        .map(|d| view! { <path class="land" d=d /> })
        .collect_view();
    let clip = format!(
        "M{},{}h{}v{}h{}Z",
        Plain(x),
        Plain(y),
        Plain(w),
        Plain(h),
        Plain(-w)
    );
    Some(view! {
        <g class="overview" aria-label="Overview: places far from the main map">
            <rect class="overview-frame" x=Plain(x).to_string() y=Plain(y).to_string() width=Plain(w).to_string() height=Plain(h).to_string() rx="6" />
            <clipPath id="overview-clip"><path d=clip /></clipPath>
            <g clip-path="url(#overview-clip)">
                <g class="inset-land" node_ref=inset_land_ref>{land}</g>
                <path class="overview-extent" d=o.extent />
            </g>
            {marks.places(true, states)}
            {move || marks.clusters(true)}
        </g>
    })
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

/// Wraps a place's mark in a group that carries the kind of what happened there (its colour)
/// and hides it while the fact filter leaves nothing there to show, or while a cluster draws it.
fn in_fact_group(state: MarkState, inner: impl IntoView + 'static) -> impl IntoView {
    view! { <g class="fact-group" data-kind=move || state.kind() class:filtered-out=move || state.filtered_out() class:clustered=move || state.clustered()>{inner}</g> }
}
