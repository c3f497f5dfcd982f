use leptos::prelude::*;

use super::mark_state::MarkState;
use super::{focus_after_frame, Selection};
use crate::map_layers::{PlaceMark, Shape};
use crate::numfmt::{Fixed, Plain};

/// One place on the map: a button inside the SVG, in the Tab order, activated by click, Enter
/// or Space, named by its place first ("Sudzha, 5 articles"). A town is a circle, a region its
/// outline, a country a badge. Its name shows where it fits, and on hover and focus always.
///
/// A marker is drawn at its place times the zoom's scale, inside the map's marks layer, which
/// the pan moves as a whole: panning then changes one attribute, not one per marker. Names that
/// fit are drawn by the map's labels layer; the marker's own copy of its name shows on hover,
/// focus and selection.
#[component]
pub fn PlaceMarker(
    mark: PlaceMark,
    /// The zoom's scale (inset marks ignore it).
    scale: Memo<f64>,
    selection: Selection,
    /// Whether this place is the selected one, and whether a cluster draws it at the current
    /// zoom (the marker is hidden then): the map keeps one such signal per marker, so that a
    /// change of selection wakes two markers, not all of them.
    state: MarkState,
    /// Draw a region's outline only (inside the zoomed base map); its name goes with the labels.
    outline_only: bool,
) -> impl IntoView {
    let id = mark.geonameid;
    let selected = move || state.selected();
    let activate = move || {
        selection.select_place(Some(id));
        focus_after_frame("#panel-title".into());
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            ev.prevent_default();
            activate();
        }
    };
    let in_overview = mark.in_overview;
    // A hidden marker does not follow the zoom: reading `clustered` first means it stops
    // listening to the scale until its cluster splits, so a zoom step moves only what is seen.
    let place_at = move |x: f64, y: f64| {
        move || {
            if state.clustered() {
                return String::from("translate(0,0)");
            }
            let k = if in_overview { 1.0 } else { scale.get() };
            format!("translate({},{})", Fixed(k * x, 1), Fixed(k * y, 1))
        }
    };
    let name = mark.name.clone();
    let common = (mark.label.clone(), id.to_string());
    // A town's circle or a country's badge, as a button named by its place.
    let button = {
        let (label, id) = common.clone();
        move |class: &'static str, symbol: AnyView| {
            view! {
                <g
                    class=class
                    class:selected=selected
                    role="button"
                    tabindex="0"
                    aria-label=label.clone()
                    aria-pressed=move || selected().to_string()
                    data-geonameid=id.clone()
                    on:click=move |_| activate()
                    on:keydown=on_keydown
                >
                    <title>{label.clone()}</title>
                    {symbol}
                </g>
            }
            .into_any()
        }
    };
    match mark.shape {
        Shape::Region { d, .. } if outline_only => view! {
            <path
                class="mark region"
                class:selected=selected
                d=d
                role="button"
                tabindex="0"
                aria-label=common.0
                aria-pressed=move || selected().to_string()
                data-geonameid=common.1
                on:click=move |_| activate()
                on:keydown=on_keydown
            >
                <title>{mark.label.clone()}</title>
            </path>
        }
        .into_any(),
        // The region's name is placed with the other labels; the outline is the button.
        Shape::Region { .. } => ().into_any(),
        Shape::Point { x, y, r } => view! {
            <g class="at" transform=place_at(x, y)>
                {button(
                    "mark point",
                    view! {
                        <circle r=Plain(r).to_string() />
                        <text class="name" x=Plain(r + 3.0).to_string() y="4">{name}</text>
                    }
                    .into_any(),
                )}
            </g>
        }
        .into_any(),
        Shape::Badge { x, y } => {
            let count = mark.articles.to_string();
            // The count is drawn beside the button, not in it: the button's visible text is
            // then only the name its accessible name starts with ("Russia, 6 articles").
            let symbol = view! {
                <rect x="-9" y="-9" width="18" height="18" rx="3" transform="rotate(45)" />
                <text class="name" x="12" y="4">{name}</text>
            };
            view! {
                <g class="badge-group" transform=place_at(x, y)>
                    {button("mark badge", symbol.into_any())}
                    <text class="count" aria-hidden="true" x="0" y="4" text-anchor="middle">{count}</text>
                </g>
            }
            .into_any()
        }
    }
}
