use leptos::prelude::*;

use super::{Selection, ShowMore, LIST_PAGE};
use crate::places::MapPlace;

/// The map's places as a list, for a screen reader or a small screen: the same selection as the
/// map, so choosing here opens the same sources.
#[component]
pub fn PlaceList(places: StoredValue<Vec<MapPlace>>, selection: Selection) -> impl IntoView {
    let shown = RwSignal::new(LIST_PAGE);
    let total = Signal::stored(places.with_value(Vec::len));
    let rows = move || {
        places.with_value(|places| {
            places
                .iter()
                .take(shown.get())
                .map(|p| {
                    let id = p.geonameid;
                    let what = p.precision.noun();
                    let count = format!(
                        "{} article{}",
                        p.article_count(),
                        if p.article_count() == 1 { "" } else { "s" }
                    );
                    view! {
                        <li>
                            <button
                                type="button"
                                aria-pressed=move || (selection.place() == Some(id)).to_string()
                                on:click=move |_| selection.select_place(Some(id))
                            >
                                <span class="place-name">{p.name.clone()}</span>
                                <span class="place-meta">{format!("{what} · {count}")}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="place-list" aria-labelledby="places-title">
            <h2 id="places-title">"Places named"</h2>
            <ol>{rows}</ol>
            <ShowMore shown total what="places" />
        </section>
    }
}
