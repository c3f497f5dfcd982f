use leptos::prelude::*;

use crate::map_layers::{Cluster, MapLayers};

use super::Selection;

/// The places of a cluster no zoom separates, as a list of buttons over the map: choosing one
/// opens its sources, as its own marker would. Escape or Close dismisses it.
#[component]
pub fn ClusterList(layers: StoredValue<MapLayers>, selection: Selection, listed: RwSignal<Option<Cluster>>) -> impl IntoView {
    let close = move || listed.set(None);
    // Dismissed, the list hands focus back to the cluster that opened it.
    let dismiss = move || {
        let label = listed.with_untracked(|c| c.as_ref().map(|c| layers.with_value(|l| c.label(&l.marks))));
        close();
        if let Some(label) = label {
            request_animation_frame(move || focus_cluster(&label));
        }
    };
    // Focus goes into the list when it opens, so a keyboard reader lands on its first place.
    let list_ref = NodeRef::<leptos::html::Ul>::new();
    Effect::new(move |_| {
        if listed.with(Option::is_some) {
            request_animation_frame(move || {
                use wasm_bindgen::JsCast;
                let first = list_ref.get_untracked().and_then(|ul| ul.query_selector("button").ok().flatten());
                if let Some(button) = first.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = button.focus();
                }
            });
        }
    });
    move || {
        listed.get().map(|cluster| {
            let items = layers.with_value(|l| {
                cluster
                    .members
                    .iter()
                    .map(|&i| {
                        let (id, name, label) = (l.marks[i].geonameid, l.marks[i].name.clone(), l.marks[i].label.clone());
                        view! {
                            <li>
                                <button type="button" aria-label=label on:click=move |_| {
                                    close();
                                    selection.select_place(Some(id));
                                    super::place_marker::focus_panel();
                                }>{name}</button>
                            </li>
                        }
                    })
                    .collect_view()
            });
            view! {
                <div
                    class="cluster-list"
                    role="dialog"
                    aria-labelledby="cluster-list-title"
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Escape" {
                            ev.stop_propagation();
                            dismiss();
                        }
                    }
                >
                    <h3 id="cluster-list-title">{format!("{} places here", cluster.members.len())}</h3>
                    <ul node_ref=list_ref>{items}</ul>
                    <button type="button" class="close" on:click=move |_| dismiss()>"Close"</button>
                </div>
            }
        })
    }
}

/// Focuses the map's cluster button named `label`.
fn focus_cluster(label: &str) {
    use wasm_bindgen::JsCast;
    let Ok(clusters) = document().query_selector_all("svg.map g.cluster[role=button]") else { return };
    for i in 0..clusters.length() {
        let Some(cluster) = clusters.get(i).and_then(|n| n.dyn_into::<web_sys::SvgElement>().ok()) else { continue };
        if cluster.get_attribute("aria-label").as_deref() == Some(label) {
            let _ = cluster.focus();
            return;
        }
    }
}
