use leptos::prelude::*;

use super::Selection;
use crate::facts::{EventKind, FactFilter, Facts};
use crate::map_layers::{Clusters, MapLayers};

/// What one marker shows of the map's shared state: whether its place is the selected one,
/// whether a cluster draws it at the current zoom step, whether the filter leaves nothing to
/// show there, and the kind of what happened there (its colour). One signal per mark, set by
/// [`mark_states`] only when one of these changes for it.
#[derive(Clone, Copy)]
pub struct MarkState(RwSignal<usize>);

/// The bits of a [`MarkState`]; above them, the main kind's index in [`EventKind::ALL`] plus one
/// (none: 0).
const SELECTED: usize = 1;
const CLUSTERED: usize = 2;
const FILTERED_OUT: usize = 4;
const KIND_SHIFT: u32 = 3;

impl MarkState {
    /// Whether the mark's place is the selected one (tracked).
    pub fn selected(self) -> bool {
        self.0.get() & SELECTED != 0
    }

    /// Whether a cluster draws the mark at the current zoom step (tracked).
    pub fn clustered(self) -> bool {
        self.0.get() & CLUSTERED != 0
    }

    /// Whether the filter leaves nothing to show at the mark's place (tracked).
    pub fn filtered_out(self) -> bool {
        self.0.get() & FILTERED_OUT != 0
    }

    /// The slug of the kind most sources report there among the facts the filter shows
    /// ([`Facts::main_kind_at`]; tracked).
    pub fn kind(self) -> Option<&'static str> {
        let kind = (self.0.get() >> KIND_SHIFT).checked_sub(1)?;
        EventKind::ALL.get(kind).map(|k| k.slug())
    }
}

/// Each mark's [`MarkState`] (by its index in the layers' marks), kept by one effect that
/// follows the selected place, the clusters and the filter, and sets only the marks whose state
/// changed. Why: a pan or zoom sets the view, and reactive_graph marks every subscriber of what
/// changed, and of everything computed from it, to be checked, cloning and walking each
/// subscriber set. With every marker subscribed to the selected place, the filter and the
/// clusters, a thousand places made that some five thousand subscribers per pointer move (about
/// 55 ms of a drag's every event) and a re-subscription of each at a zoom step (200 ms, each
/// removal a shift of the set). The effect ends the walk: it runs again only when one of its
/// sources' values changes. One effect and one signal type, because each is its own copy of
/// code in the page.
pub fn mark_states(
    layers: StoredValue<MapLayers>,
    facts: StoredValue<Facts>,
    selection: Selection,
    clusters: Memo<Clusters>,
) -> Vec<MarkState> {
    // What the filter makes of each mark, worked out again only when the filter changes: the
    // effect also runs at a zoom step and at a click.
    let mut filtered_with = untrack(|| selection.filter());
    let mut filtered = by_filter(layers, facts, &filtered_with);
    let mut all = move || {
        let filter = selection.filter();
        if filter != filtered_with {
            filtered = by_filter(layers, facts, &filter);
            filtered_with = filter;
        }
        let place = selection.place();
        clusters.with(|c| {
            layers.with_value(|l| {
                l.marks
                    .iter()
                    .zip(&filtered)
                    .enumerate()
                    .map(|(i, (m, state))| {
                        let selected = if place == Some(m.geonameid) {
                            SELECTED
                        } else {
                            0
                        };
                        let clustered = if c.hides(i) { CLUSTERED } else { 0 };
                        state | selected | clustered
                    })
                    .collect::<Vec<usize>>()
            })
        })
    };
    let states: Vec<MarkState> = untrack(&mut all)
        .into_iter()
        .map(|s| MarkState(RwSignal::new(s)))
        .collect();
    let signals = states.clone();
    Effect::new(move |_| {
        for (MarkState(signal), value) in signals.iter().zip(all()) {
            if signal.get_untracked() != value {
                signal.set(value);
            }
        }
    });
    states
}

/// Each mark's state bits that `filter` decides: hidden by it, and the kind of its colour.
fn by_filter(
    layers: StoredValue<MapLayers>,
    facts: StoredValue<Facts>,
    filter: &FactFilter,
) -> Vec<usize> {
    let active = filter.is_active();
    // Sharded, before the facts have arrived (a filter fetches them): the index's colours,
    // nothing hidden.
    let partial = super::Shards::current().filter(|s| s.facts_partial());
    facts.with_value(|f| {
        layers.with_value(|l| {
            l.marks
                .iter()
                .map(|m| {
                    let id = m.geonameid;
                    let out =
                        active && partial.is_none() && f.at_place(id, filter).next().is_none();
                    let kind = f
                        .main_kind_at(id, filter)
                        .or_else(|| partial.and_then(|s| s.kind_at(id)))
                        .and_then(|k| EventKind::ALL.iter().position(|&a| a == k))
                        .map_or(0, |i| i + 1);
                    kind << KIND_SHIFT | if out { FILTERED_OUT } else { 0 }
                })
                .collect()
        })
    })
}
