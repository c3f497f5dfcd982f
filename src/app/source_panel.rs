use leptos::ev;
use leptos::prelude::*;

use super::highlight::{highlighted, highlighted_at};
use super::{focus_marker, Load, PlaceFacts, Selection, Shards};
use crate::corpus::{Corpus, Document};
use crate::facts::Facts;
use crate::permalink::ViewState;
use crate::places::{Excerpt, MapPlace};
use crate::shards::ShardSource;

/// The sources behind the selected place: per article, its headline, outlet and date, and each
/// sentence that names the place, verbatim, with the place marked and a link to read it in the
/// article. Escape (or Close) closes it and returns focus to the place's marker.
#[component]
pub fn SourcePanel(
    places: StoredValue<Vec<MapPlace>>,
    /// What the articles report happened at each place.
    facts: StoredValue<Facts>,
    corpus: StoredValue<Corpus>,
    selection: Selection,
) -> impl IntoView {
    let close = move || {
        let Some(id) = selection.place() else { return };
        selection.select_place(None);
        focus_marker(id);
    };
    let handle = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "Escape" && selection.place().is_some() {
            close();
        }
    });
    on_cleanup(move || handle.remove());
    move || {
        let id = selection.place()?;
        let place = places.with_value(|p| p.iter().find(|p| p.geonameid == id).cloned())?;
        let what = place.precision.noun();
        let summary = format!(
            "{}{what} · named in {} article{}",
            place
                .within
                .as_ref()
                .map(|w| format!("{w} · "))
                .unwrap_or_default(),
            place.article_count(),
            if place.article_count() == 1 { "" } else { "s" }
        );
        // A sharded corpus's sentences are in the place's shard, fetched on first opening.
        let shard = Shards::current().and_then(|s| s.place(id));
        let shard_note = match &shard {
            Some(Load::Pending) => Some(view! { <p class="note shard-pending" role="status">"Loading the sentences that name it…"</p> }.into_any()),
            Some(Load::Failed(why)) => Some(view! { <p class="note shard-failed" role="alert">{format!("The sentences that name {} could not be loaded: {why}. The rest of the map still works; reload the page to try again.", place.name)}</p> }.into_any()),
            _ => None,
        };
        // The documents that name it: a reader's (or an embedded corpus's) with their text;
        // a sharded corpus's are unnamed in the index, and named by the place's shard, first
        // those that name the place (`crate::shards::publish`).
        let unnamed = place.sources.iter().filter(|s| s.doc.is_empty()).count();
        let mut entries: Vec<(Document, Vec<Excerpt>, Option<ShardSource>)> = match &shard {
            Some(Load::Ready(shard)) => shard
                .sources
                .iter()
                .take(unnamed)
                .map(|s| (Shards::stub_of(s), s.excerpts.clone(), Some(s.clone())))
                .collect(),
            _ => Vec::new(),
        };
        entries.extend(
            place
                .sources
                .iter()
                .filter(|s| !s.doc.is_empty())
                .filter_map(|source| {
                    let doc = corpus.with_value(|c| c.document(&source.doc).cloned())?;
                    (!doc.text.is_empty()).then(|| (doc, source.excerpts.clone(), None))
                }),
        );
        let sources = entries
            .into_iter()
            .map(|(doc, excerpts, from_shard)| {
                let excerpts = excerpts
                    .iter()
                    .map(|e| {
                        let pieces = match &from_shard {
                            // The shard holds every sentence it lists (tests/shards.rs).
                            Some(s) => s.local(e.span).map(|(text, at)| highlighted_at(text, at, e.span, &e.mentions)).unwrap_or_default(),
                            None => highlighted(&doc.text, e.span, &e.mentions),
                        };
                        let href = ViewState { doc: Some(doc.id.clone()), place: Some(id), sentence: e.sentence, ..ViewState::default() }.to_query();
                        let (doc_id, sentence) = (doc.id.clone(), e.sentence);
                        view! {
                            <li>
                                <blockquote data-doc=doc.id.clone()>{pieces}</blockquote>
                                <a class="read" href=href on:click=move |ev| {
                                    ev.prevent_default();
                                    selection.open_source(&doc_id, sentence, id);
                                    focus_quoted();
                                }>"Read it in the article"</a>
                            </li>
                        }
                    })
                    .collect_view();
                let date = doc.published.map(|p| view! { <time datetime=p.to_string()>{p.long_form()}</time> });
                view! {
                    <section class="source">
                        <h4>{doc.headline.clone()}</h4>
                        <p class="doc-meta">{doc.outlet.clone().unwrap_or_else(|| "Outlet not stated".to_owned())} " · " {date}</p>
                        <ul class="excerpts">{excerpts}</ul>
                    </section>
                }
            })
            .collect_view();
        Some(view! {
            <aside class="source-panel" aria-labelledby="panel-title">
                <header>
                    <h2 id="panel-title" tabindex="-1">{place.name.clone()}</h2>
                    <p class="note">{summary}</p>
                    <button type="button" class="close" on:click=move |_| close()>"Close"<span class="visually-hidden">" the sources of " {place.name.clone()}</span></button>
                </header>
                <PlaceFacts place=id facts corpus selection />
                <section class="mentions" aria-labelledby="mentions-title">
                    <h3 id="mentions-title">"Every sentence that names it"</h3>
                    {shard_note}
                    {sources}
                </section>
            </aside>
        })
    }
}

/// Brings the quoted sentence into view in the reader once it has rendered.
fn focus_quoted() {
    request_animation_frame(|| {
        if let Some(quoted) = document().get_element_by_id("quoted") {
            quoted.scroll_into_view();
            use wasm_bindgen::JsCast;
            if let Ok(quoted) = quoted.dyn_into::<web_sys::HtmlElement>() {
                let _ = quoted.focus();
            }
        }
    });
}
