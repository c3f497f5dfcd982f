use leptos::prelude::*;

use super::{save_file, Selection};
use crate::corpus::Corpus;
use crate::date::Date;
use crate::facts::{self, EventKind, FactFilter, Facts};

/// The facts' legend and filter in one: a box per kind (its colour on the map, with a count),
/// a timeline over the days the facts cover, the article that reports them, how many facts
/// pass, and a download of exactly those as GeoJSON. The filter lives in the address, so a
/// filtered view can be shared.
#[component]
pub fn FactFilters(
    facts: StoredValue<Facts>,
    corpus: StoredValue<Corpus>,
    selection: Selection,
) -> impl IntoView {
    let total = facts.with_value(|f| f.facts.len());
    let shown = move || {
        let filter = selection.filter();
        facts.with_value(|f| f.facts.iter().filter(|x| filter.matches(x)).count())
    };
    let update = move |change: &dyn Fn(&mut FactFilter)| {
        let mut filter = selection.filter();
        change(&mut filter);
        selection.set_filter(filter);
    };
    let counted: Vec<(EventKind, usize)> = EventKind::ALL
        .into_iter()
        .map(|kind| {
            (
                kind,
                facts.with_value(|f| f.facts.iter().filter(|x| x.kind == kind).count()),
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
    let days: Vec<Date> = facts.with_value(days_covered);
    let timeline = (days.len() > 1).then(|| timeline(days, selection));
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
    let download = move |_| {
        let filter = selection.filter();
        let json = corpus
            .with_value(|c| facts.with_value(|f| facts::to_geojson_string(c, &filter.apply(f))));
        save_file("factmap-facts.geojson", "application/geo+json", &json);
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
                <select on:change=move |ev| {
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
                <button type="button" class="download" on:click=download>"Download these facts (GeoJSON)"</button>
            </p>
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

/// The distinct days the day-precise facts fall on, in order.
fn days_covered(facts: &Facts) -> Vec<Date> {
    let days: Vec<Date> = facts
        .facts
        .iter()
        .filter(|f| f.date_precision == crate::when::DatePrecision::Day)
        .filter_map(|f| f.date)
        .collect();
    let mut days = crate::order::sorted_by(days, Ord::cmp);
    days.dedup();
    days
}
