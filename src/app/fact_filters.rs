use leptos::prelude::*;

use super::{save_file, Selection, Shards};
use crate::corpus::Corpus;
use crate::date::Date;
use crate::facts::{self, EventKind, FactFilter, Facts};

/// The facts' legend and filter in one: a box per kind (its colour on the map, with a count),
/// a timeline over the days the facts cover, the article that reports them, how many facts
/// pass, and a download of exactly those as GeoJSON. The filter lives in the address, so a
/// filtered view can be shared. A sharded corpus's page has the index's counts until the filter
/// is used or the facts are downloaded, which fetch every fact (and every article, for the
/// list of sources).
#[component]
pub fn FactFilters(
    facts: StoredValue<Facts>,
    corpus: StoredValue<Corpus>,
    selection: Selection,
) -> impl IntoView {
    let download_asked = RwSignal::new(false);
    // Sharded, before the facts have arrived: the index's counts (and the reader's facts').
    let partial = Shards::current().filter(|s| s.facts_partial());
    let summary = partial.map(|s| s.summary());
    let indexed = summary.as_ref().map_or(0, |s| s.total as usize);
    let total = facts.with_value(|f| f.facts.len()) + indexed;
    let shown = move || {
        let filter = selection.filter();
        if crate::corpus::SHARDED && partial.is_some() && filter.is_active() {
            return "…".to_owned();
        }
        let n = facts.with_value(|f| f.facts.iter().filter(|x| filter.matches(x)).count());
        (n + if filter.is_active() { 0 } else { indexed }).to_string()
    };
    // A filter used (or asked for by the address) fetches every fact; the download, every
    // fact and every article.
    let shards = Shards::current();
    let whole = shards.is_none_or(|s| !s.facts_partial() && !s.documents_partial());
    // (An `AnyView` made only then: an embedded corpus's page compiles none of it.)
    #[cfg(not(factmap_sharded))]
    let facts_status: Option<AnyView> = None;
    #[cfg(factmap_sharded)]
    let facts_status = shards.filter(|_| !whole).map(|shards| {
        (move || {
        let filtering = partial.is_some() && selection.filter().is_active();
        let downloading = download_asked.get();
        let loads = [
            (filtering || downloading).then(|| shards.want_facts()),
            downloading.then(|| shards.want_documents()),
        ];
        if loads.iter().all(Option::is_none) {
            return None;
        }
        let failed = loads.into_iter().flatten().find_map(|l| match l {
            super::Load::Failed(why) => Some(why),
            _ => None,
        });
        Some(match failed {
            Some(why) => view! { <p class="note shard-failed" role="alert">{format!("The facts could not be loaded: {why}. The map shows every place; reload the page to try again.")}</p> }.into_any(),
            None => view! { <p class="note shard-pending" role="status">"Loading the facts…"</p> }.into_any(),
        })
        })
        .into_any()
    });
    let update = move |change: &dyn Fn(&mut FactFilter)| {
        let mut filter = selection.filter();
        change(&mut filter);
        selection.set_filter(filter);
    };
    let counted: Vec<(EventKind, usize)> = EventKind::ALL
        .into_iter()
        .map(|kind| {
            let indexed = summary
                .as_ref()
                .and_then(|s| s.kinds.iter().find(|(k, _)| *k == kind))
                .map_or(0, |(_, n)| *n as usize);
            (
                kind,
                indexed + facts.with_value(|f| f.facts.iter().filter(|x| x.kind == kind).count()),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    // The kinds the map shows: the filter's choice is among these, so unticking all but one
    // names that one alone.
    let present: Vec<EventKind> = counted.iter().map(|(k, _)| *k).collect();
    let kinds = counted
        .into_iter()
        .map(|(kind, count)| kind_box(kind, count, present.clone(), selection))
        .collect_view();
    let mut days: Vec<Date> = facts.with_value(crate::shards::days_covered);
    if let Some(s) = &summary {
        days.extend(s.days.iter().copied());
        days = crate::order::sorted_by(days, Ord::cmp);
        days.dedup();
    }
    let timeline = (days.len() > 1).then(|| timeline(days, selection));
    // Sharded, before every article has arrived: choosing among them fetches them.
    let documents_partial = Shards::current().filter(|s| s.documents_partial());
    let want_sources = move |_| {
        // (`SHARDED` tested here: a captured `None` is no constant to the compiler.)
        if let Some(s) = documents_partial.filter(|_| crate::corpus::SHARDED) {
            s.want_documents();
        }
    };
    let sources = corpus.with_value(|c| {
        c.documents
            .iter()
            .map(|d| {
                let label = format!("{} ({})", d.headline, d.outlet.as_deref().unwrap_or("outlet not stated"));
                let id = d.id.clone();
                let chosen = id.clone();
                view! { <option value=id selected=move || selection.filter().source.as_deref() == Some(chosen.as_str())>{label}</option> }
            })
            .collect_view()
    });
    // A sharded corpus's facts come without their words until their place is opened.
    let sharded_note = super::Shards::current().map(|_| {
        view! { <p class="note">"On this site the download gives each fact's kind, place, date and reporting articles, not its words: its summary and excerpts are in its place's panel."</p> }.into_any()
    });
    let download = move || {
        let filter = selection.filter();
        let json = corpus
            .with_value(|c| facts.with_value(|f| facts::to_geojson_string(c, &filter.apply(f))));
        save_file("factmap-facts.geojson", "application/geo+json", &json);
    };
    // Sharded: the download waits for every fact and article; the page drawn with them
    // makes it.
    if whole && shards.is_some_and(|s| s.take_wanted_download()) {
        request_animation_frame(download);
    }
    let on_download = move |_| match shards {
        Some(s) if crate::corpus::SHARDED && !whole => {
            s.set_wants_download();
            s.want_documents();
            s.want_facts();
            download_asked.set(true);
        }
        _ => download(),
    };
    view! {
        <section class="fact-filters" aria-labelledby="filters-title">
            <h2 id="filters-title">"What happened, when, and who reports it"</h2>
            <fieldset class="kinds">
                <legend>"Kind of event (the colour of its place on the map)"</legend>
                {kinds}
            </fieldset>
            {timeline}
            <label class="source-filter">
                "Reported by "
                <select on:focus=want_sources on:change=move |ev| {
                    let value = event_target_value(&ev);
                    update(&|f| f.source = Some(value.clone()).filter(|v| !v.is_empty()));
                }>
                    <option value="" selected=move || selection.filter().source.is_none()>"any article"</option>
                    {sources}
                </select>
            </label>
            <p class="filter-status" aria-live="polite">
                {move || format!("{} of {total} facts shown", shown())}
                " "
                <button type="button" class="reset-filter" disabled=move || !selection.filter().is_active() on:click=move |_| selection.set_filter(FactFilter::default())>
                    "Show all"
                </button>
                " "
                <button type="button" class="download" on:click=on_download>"Download these facts (GeoJSON)"</button>
            </p>
            {facts_status}
            {sharded_note}
        </section>
    }
}

fn kind_box(
    kind: EventKind,
    count: usize,
    present: Vec<EventKind>,
    selection: Selection,
) -> impl IntoView {
    let checked = move || selection.filter().shows_kind(kind);
    // The last kind shown cannot be unticked: an empty choice would read as "every kind".
    let last_one = move || {
        let f = selection.filter();
        f.kinds.len() == 1 && f.kinds[0] == kind
    };
    let toggle = move |_| {
        let mut filter = selection.filter();
        let mut kinds: Vec<EventKind> = present
            .iter()
            .copied()
            .filter(|k| filter.shows_kind(*k))
            .collect();
        if kinds.contains(&kind) {
            kinds.retain(|k| *k != kind);
        } else {
            kinds.push(kind);
        }
        filter.kinds = if kinds.len() == present.len() {
            Vec::new()
        } else {
            kinds
        };
        selection.set_filter(filter);
    };
    view! {
        <label class="kind" data-kind=kind.slug()>
            <input type="checkbox" prop:checked=checked disabled=last_one on:change=toggle />
            <span class="swatch" aria-hidden="true"></span>
            {kind.label()}
            <span class="count">{format!(" ({count})")}</span>
        </label>
    }
}

/// Two sliders over the days that have dated facts. While they span every day the filter is
/// off and undated facts show too; narrowing them keeps only facts dated inside.
fn timeline(days: Vec<Date>, selection: Selection) -> impl IntoView {
    let last = days.len() - 1;
    let days = StoredValue::new(days);
    let index_of = move |date: Option<Date>, default: usize| -> usize {
        date.map_or(default, |d| {
            days.with_value(|ds| ds.iter().position(|x| *x >= d).unwrap_or(last))
        })
    };
    let from = move || index_of(selection.filter().from, 0);
    let to = move || {
        let f = selection.filter();
        f.to.map_or(last, |d| {
            days.with_value(|ds| ds.iter().rposition(|x| *x <= d).unwrap_or(0))
        })
    };
    let label = move |i: usize| days.with_value(|ds| ds[i.min(last)].long_form());
    let set = move |which: &'static str, ev: leptos::ev::Event| {
        let Ok(i) = event_target_value(&ev).parse::<usize>() else {
            return;
        };
        let i = i.min(last);
        let mut filter = selection.filter();
        let day = days.with_value(|ds| ds[i]);
        match which {
            "from" => {
                filter.from = (i > 0).then_some(day);
                if to() < i {
                    filter.to = (i < last).then_some(day);
                }
            }
            _ => {
                filter.to = (i < last).then_some(day);
                if from() > i {
                    filter.from = (i > 0).then_some(day);
                }
            }
        }
        selection.set_filter(filter);
    };
    view! {
        <fieldset class="timeline">
            <legend>"Dates (" {days.with_value(|d| d.len())} " days with dated events)"</legend>
            <label>
                <span class="bound">"From"</span>
                <input type="range" min="0" max=last step="1" prop:value=move || from().to_string() aria-valuetext=move || label(from()) on:input=move |ev| set("from", ev) />
                <output>{move || label(from())}</output>
            </label>
            <label>
                <span class="bound">"To"</span>
                <input type="range" min="0" max=last step="1" prop:value=move || to().to_string() aria-valuetext=move || label(to()) on:input=move |ev| set("to", ev) />
                <output>{move || label(to())}</output>
            </label>
        </fieldset>
    }
}
