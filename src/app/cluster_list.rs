use leptos::prelude::*;

use crate::map_layers::{Cluster, MapLayers};

use super::{focus_after_frame, Selection};

/// The places of a cluster no zoom separates, as a list of buttons over the map: choosing one
/// opens its sources, as its own marker would. Escape or Close dismisses it.
#[component]
pub fn ClusterList(
    layers: StoredValue<MapLayers>,
    selection: Selection,
    listed: RwSignal<Option<Cluster>>,
) -> impl IntoView {
    let close = move || listed.set(None);
    // Dismissed, the list hands focus back to the cluster that opened it (a cluster is known
    // by its first, most-named place).
    let dismiss = move || {
        let first = listed.with_untracked(|c| {
            c.as_ref().and_then(|c| {
                c.members
                    .first()
                    .map(|&i| layers.with_value(|l| l.marks[i].geonameid))
            })
        });
        close();
        if let Some(id) = first {
            focus_after_frame(format!("svg.map g.cluster[data-first='{id}']"));
        }
    };
    // Focus goes into the list when it opens, so a keyboard reader lands on its first place.
    Effect::new(move |_| {
        if listed.with(Option::is_some) {
            focus_after_frame(".cluster-list li button".into());
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
                                    focus_after_frame("#panel-title".into());
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
                    <ul>{items}</ul>
                    <button type="button" class="close" on:click=move |_| dismiss()>"Close"</button>
                </div>
            }
        })
    }
}
