use leptos::prelude::*;

use super::highlight::{highlighted, highlighted_at};
use super::{Load, Selection, Shards};
use crate::corpus::Corpus;
use crate::facts::{Fact, Facts, Source};
use crate::permalink::ViewState;
use crate::shards::PlaceShard;
use crate::span::Span;
use crate::when::DatePrecision;

/// What the articles report happened at a place: each fact with its kind, date, summary and
/// every source's verbatim excerpt, who claims it and how the article hedges it, and a link to
/// the fact alone. Facts the filter hides are left out, and the list says so.
#[component]
pub fn PlaceFacts(
    /// The place, by GeoNames id.
    place: u32,
    facts: StoredValue<Facts>,
    corpus: StoredValue<Corpus>,
    selection: Selection,
) -> impl IntoView {
    move || {
        let filter = selection.filter();
        // A sharded corpus's excerpts are in the place's shard (the source panel says when it
        // is loading or could not be loaded); before every fact has arrived, its facts too.
        let shards = Shards::current();
        let shard = shards.and_then(|s| s.place(place));
        let from_shard = shards.is_some_and(|s| s.facts_partial());
        let (shown, all): (Vec<Fact>, usize) = match &shard {
            Some(Load::Ready(s)) if from_shard => (
                s.facts
                    .iter()
                    .filter(|f| filter.matches(f))
                    .cloned()
                    .collect(),
                s.facts.len(),
            ),
            _ if from_shard => (Vec::new(), 0),
            _ => facts.with_value(|f| {
                let shown = f.at_place(place, &filter).cloned().collect();
                (
                    shown,
                    f.facts
                        .iter()
                        .filter(|x| x.geonameid() == Some(place))
                        .count(),
                )
            }),
        };
        let hidden = all - shown.len();
        let note = match (shown.len(), hidden) {
            (0, 0) if from_shard && !matches!(shard, Some(Load::Ready(_))) => None,
            (0, 0) => Some(
                "No reported event is placed here; the sentences below only name the place."
                    .to_owned(),
            ),
            (_, 0) => None,
            (_, n) => Some(format!("{n} more hidden by the filter.")),
        };
        let selected_fact = selection.fact();
        if selected_fact
            .as_ref()
            .is_some_and(|id| shown.iter().any(|f| &f.id == id))
        {
            scroll_to_selected();
        }
        let items = shown
            .into_iter()
            // Sharded: the fact whole, from the place's shard, once it has arrived.
            .map(|fact| match &shard {
                Some(Load::Ready(s)) => s.facts.iter().find(|f| f.id == fact.id).cloned().unwrap_or(fact),
                _ => fact,
            })
            .map(|fact| {
                fact_item(
                    fact,
                    selected_fact.as_deref(),
                    facts,
                    corpus,
                    selection,
                    place,
                    shard.as_ref(),
                )
            })
            .collect_view();
        view! {
            <section class="place-facts" aria-labelledby="facts-title">
                <h3 id="facts-title">"What the articles report here"</h3>
                {note.map(|n| view! { <p class="note">{n}</p> })}
                <ol class="facts">{items}</ol>
            </section>
        }
    }
}

fn fact_item(
    fact: Fact,
    selected: Option<&str>,
    facts: StoredValue<Facts>,
    corpus: StoredValue<Corpus>,
    selection: Selection,
    place: u32,
    shard: Option<&Load<PlaceShard>>,
) -> impl IntoView {
    let is_selected = selected == Some(fact.id.as_str());
    let href = ViewState {
        place: Some(place),
        fact: Some(fact.id.clone()),
        filter: selection.filter(),
        ..ViewState::default()
    }
    .to_query();
    let count = fact.source_count();
    let date = date_label(&fact);
    let claim = fact
        .is_claim()
        .then(|| view! { <span class="claim-tag">"claim"</span> });
    let claimants = fact.claimants_lowered_by(to_lowercase);
    let claimants = (!claimants.is_empty()).then(|| {
        let named: Vec<String> = claimants
            .iter()
            .map(|(who, n)| format!("{who} ({n} article{})", if *n == 1 { "" } else { "s" }))
            .collect();
        view! { <p class="claimants">"Claimed by " {named.join("; ")}</p> }
    });
    let disagreements = fact
        .disagreements
        .iter()
        .map(|d| view! { <p class="disagree">"Sources differ on the " {d.clone()}</p> })
        .collect_view();
    let sources = fact
        .sources
        .iter()
        .map(|s| source_item(s, corpus, facts, shard))
        .collect_view();
    let (id, fact_id) = (format!("fact-{}", fact.id), fact.id.clone());
    view! {
        <li class="fact" class:selected=is_selected id=id data-fact=fact.id.clone() data-kind=fact.kind.slug()>
            <p class="fact-head">
                <span class="kind-tag">{fact.kind.label()}</span>
                " · " {date} " · "
                {format!("{count} article{}", if count == 1 { "" } else { "s" })}
                " " {claim}
            </p>
            <p class="fact-summary">{fact.summary.clone()}</p>
            {claimants}
            {disagreements}
            <ul class="fact-sources">{sources}</ul>
            <a class="fact-link" href=href on:click=move |ev| {
                ev.prevent_default();
                selection.select_fact(&fact_id, place);
            }>"Link to this fact"</a>
        </li>
    }
}

fn source_item(
    source: &Source,
    corpus: StoredValue<Corpus>,
    facts: StoredValue<Facts>,
    shard: Option<&Load<PlaceShard>>,
) -> impl IntoView {
    // Sharded: the place's shard heads each of its articles, whether or not the page holds
    // them yet.
    let from_shard = match shard {
        Some(Load::Ready(shard)) => shard.sources.iter().find(|s| s.doc == source.doc),
        _ => None,
    };
    let (headline, outlet, text) = corpus.with_value(|c| {
        let doc = c.document(&source.doc);
        (
            doc.map(|d| d.headline.clone())
                .or_else(|| from_shard.map(|s| s.headline.clone()))
                .unwrap_or_default(),
            doc.and_then(|d| d.outlet.clone())
                .or_else(|| from_shard.and_then(|s| s.outlet.clone()))
                .unwrap_or_else(|| "Outlet not stated".to_owned()),
            doc.map(|d| d.text.clone()).unwrap_or_default(),
        )
    });
    // An article that contradicts the others on a checkable point says so wherever it is quoted.
    let mut flags = facts.with_value(|f| {
        f.flags
            .iter()
            .filter(|fl| fl.doc == source.doc)
            .map(|fl| fl.note.clone())
            .collect::<Vec<_>>()
    });
    if flags.is_empty() {
        if let Some(s) = from_shard {
            flags = s.flags.clone();
        }
    }
    let flags = flags
        .into_iter()
        .map(|note| view! { <p class="article-flag">"Check this article: " {note}</p> })
        .collect_view();
    // The event's word and its site, marked.
    let marks: Vec<Span> = [Some(source.trigger), source.site_mention]
        .into_iter()
        .flatten()
        .collect();
    let marks = crate::order::sorted_by(marks, Ord::cmp);
    let excerpt = if !crate::corpus::SHARDED || !text.is_empty() {
        highlighted(&text, source.excerpt, &marks)
    } else {
        // Sharded: the words are in the place's shard.
        let piece = match shard {
            Some(Load::Ready(shard)) => shard
                .sources
                .iter()
                .filter(|s| s.doc == source.doc)
                .find_map(|s| s.local(source.excerpt)),
            _ => None,
        };
        match piece {
            Some((piece, at)) => highlighted_at(piece, at, source.excerpt, &marks),
            None if matches!(shard, Some(Load::Pending)) => vec!["Loading the excerpt…".into_any()],
            None => vec!["The excerpt could not be loaded.".into_any()],
        }
    };
    let who = match &source.claimed_by {
        Some(c) => format!("Claimed by {c}"),
        None => "In the article's own voice".to_owned(),
    };
    let hedges = source
        .hedges
        .iter()
        .map(|h| view! { <span class="hedge">{h.clone()}</span> })
        .collect_view();
    let actor = source
        .actor
        .clone()
        .map(|a| view! { <span class="actor">"By: " {a}</span> " · " });
    let when = source
        .date_text
        .clone()
        .map(|t| view! { <span class="date-text">{format!("“{t}”")}</span> });
    view! {
        <li>
            <blockquote class="fact-excerpt" data-doc=source.doc.clone()>{excerpt}</blockquote>
            <p class="attribution">
                <cite>{outlet} ": " {headline}</cite>
                " · " {actor} {who} " " {when} " " {hedges}
            </p>
            {flags}
        </li>
    }
}

/// "12 March 2025 (“late Wednesday”)", "March 2025", "2024", or "date not stated".
fn date_label(fact: &Fact) -> String {
    match (fact.date, fact.date_precision) {
        (Some(d), DatePrecision::Day) => d.long_form(),
        (Some(d), DatePrecision::Month) => d.month_year(),
        (Some(d), DatePrecision::Year) => d.year().to_string(),
        _ if fact.disagreements.iter().any(|d| d.starts_with("date")) => "date disputed".to_owned(),
        _ => "date not stated".to_owned(),
    }
}

fn scroll_to_selected() {
    request_animation_frame(|| {
        if let Ok(Some(fact)) = document().query_selector(".fact.selected") {
            fact.scroll_into_view();
        }
    });
}

/// `str::to_lowercase` by JavaScript's `toLowerCase` (the same Unicode default case mapping,
/// final sigma included): core's case tables cost the page 5 kB gzip.
fn to_lowercase(text: &str) -> String {
    String::from(js_sys::JsString::from(text).to_lower_case())
}
