use leptos::prelude::*;

use crate::map_layers::{Cluster, MapLayers, Zoom};

use super::{focus_marker, Selection};
use crate::numfmt::{Fixed, Plain};

/// Several towns or badges drawn as one: a button showing how many places it holds, named by
/// them ("12 places: Chicago, Evanston, Oak Park and 9 more"). Activating it zooms the map to
/// where its places come apart; when no zoom separates them (an inset cluster, or towns a few
/// hundred metres apart) it lists them instead.
#[component]
pub fn ClusterMarker(
    cluster: Cluster,
    layers: StoredValue<MapLayers>,
    zoom: Memo<Zoom>,
    /// The zoom's scale: the marks layer it is drawn in follows the pan.
    scale: Memo<f64>,
    selection: Selection,
    /// The cluster whose places are listed, if any.
    listed: RwSignal<Option<Cluster>>,
) -> impl IntoView {
    let (x, y, r, in_overview) = (cluster.x, cluster.y, cluster.r(), cluster.in_overview);
    let at = move || {
        let k = if in_overview { 1.0 } else { scale.get() };
        format!("translate({},{})", Fixed(k * x, 1), Fixed(k * y, 1))
    };
    let label = layers.with_value(|l| cluster.label(&l.marks));
    let title = label.clone();
    let count = cluster.members.len().to_string();
    // The most-named place: where keyboard focus goes once the cluster has come apart, since
    // the cluster's own button is gone then.
    let first = layers.with_value(|l| cluster.members.first().map(|&i| l.marks[i].geonameid));
    let activate = move || {
        let (k, size) = (zoom.get_untracked().k, layers.with_value(|l| l.size));
        match layers.with_value(|l| l.expansion_zoom(&cluster, k)) {
            // Centred on the cluster, so its places spread around the middle of the view.
            Some(to) => {
                selection.set_zoom(
                    Zoom {
                        k: to,
                        x: size[0] / 2.0 - to * x,
                        y: size[1] / 2.0 - to * y,
                    }
                    .bounded(size),
                );
                if let Some(id) = first {
                    focus_marker(id);
                }
            }
            None => listed.set(Some(cluster.clone())),
        }
    };
    let activate_key = activate.clone();
    view! {
        <g
            class="mark cluster"
            data-first=first.map(|id| id.to_string())
            transform=at
            role="button"
            tabindex="0"
            aria-label=label
            on:click=move |_| activate()
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    activate_key();
                }
            }
        >
            <title>{title}</title>
            <circle r=Plain(r).to_string() />
            <text class="cluster-count" y="4" text-anchor="middle" aria-hidden="true">{count}</text>
        </g>
    }
}
