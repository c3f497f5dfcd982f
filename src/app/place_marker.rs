use leptos::prelude::*;

use super::Selection;
use crate::map_layers::{LabelPlacement, PlaceMark, Shape, Zoom};

/// One place on the map: a button inside the SVG, in the Tab order, activated by click, Enter
/// or Space, named by its place first ("Sudzha, 5 articles"). A town is a circle, a region its
/// outline, a country a badge. Its name shows where it fits, and on hover and focus always.
#[component]
pub fn PlaceMarker(
    mark: PlaceMark,
    /// The map's pan and zoom (inset marks ignore it).
    zoom: Memo<Zoom>,
    selection: Selection,
    /// Where the name fits at this zoom, if anywhere.
    label: Signal<Option<LabelPlacement>>,
    /// Draw a region's outline only (inside the zoomed base map); its name goes with the marks.
    outline_only: bool,
) -> impl IntoView {
    let id = mark.geonameid;
    let selected = move || selection.place() == Some(id);
    let activate = move || {
        selection.select_place(Some(id));
        focus_panel();
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            ev.prevent_default();
            activate();
        }
    };
    let in_overview = mark.in_overview;
    let at = move |x: f64, y: f64| if in_overview { (x, y) } else { zoom.get().apply(x, y) };
    let name = mark.name.clone();
    let text = move |fallback: (f64, f64)| {
        let name = name.clone();
        view! {
            <text
                class="name"
                class:fits=move || label.get().is_some()
                x=move || label.get().map_or(fallback.0, |l| l.x)
                y=move || label.get().map_or(fallback.1, |l| l.y)
                text-anchor=move || label.get().map_or("start", |l| l.anchor)
            >
                {name}
            </text>
        }
    };
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
        Shape::Region { x, y, .. } => {
            // The region's name, placed with the other labels; the outline is the button.
            let pos = move || at(x, y);
            view! { <g class="region-label" aria-hidden="true">{move || text((pos().0, pos().1))}</g> }.into_any()
        }
        Shape::Point { x, y, r } => button(
            "mark point",
            view! {
                <circle cx=move || at(x, y).0 cy=move || at(x, y).1 r=r />
                {move || text((at(x, y).0 + r + 3.0, at(x, y).1 + 4.0))}
            }
            .into_any(),
        ),
        Shape::Badge { x, y } => {
            let count = mark.articles.to_string();
            // The count is drawn beside the button, not in it: the button's visible text is
            // then only the name its accessible name starts with ("Russia, 6 articles").
            let symbol = view! {
                <rect x=move || at(x, y).0 - 9.0 y=move || at(x, y).1 - 9.0 width="18" height="18" rx="3" transform-origin=move || format!("{} {}", at(x, y).0, at(x, y).1) transform="rotate(45)" />
                {move || text((at(x, y).0 + 12.0, at(x, y).1 + 4.0))}
            };
            view! {
                <g class="badge-group">
                    {button("mark badge", symbol.into_any())}
                    <text class="count" aria-hidden="true" x=move || at(x, y).0 y=move || at(x, y).1 + 4.0 text-anchor="middle">{count}</text>
                </g>
            }
            .into_any()
        }
    }
}

/// Moves focus to the source panel's heading once it has rendered.
fn focus_panel() {
    request_animation_frame(|| {
        if let Some(heading) = document().get_element_by_id("panel-title") {
            use wasm_bindgen::JsCast;
            if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        }
    });
}
