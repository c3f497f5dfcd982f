use leptos::prelude::*;

use super::{focus_after_frame, Selection, Shards, ShowMore, LIST_PAGE};
use crate::corpus::Corpus;
use crate::permalink::ViewState;

/// The list of documents: headline, outlet and date, each a link to the document. A sharded
/// corpus's page holds the first page of them: showing them all fetches the rest.
#[component]
pub fn DocumentList(
    /// The loaded documents.
    corpus: StoredValue<Corpus>,
    /// Which document is open.
    selection: Selection,
) -> impl IntoView {
    let shards = Shards::current();
    let shown = RwSignal::new(if shards.is_some_and(|s| s.wants_all_documents()) {
        usize::MAX
    } else {
        LIST_PAGE
    });
    let total = Signal::stored(corpus.with_value(|c| match shards {
        Some(s) if s.documents_partial() => {
            s.document_count() + c.documents.iter().filter(|d| !d.text.is_empty()).count()
        }
        _ => c.documents.len(),
    }));
    // Sharded: "Show all" fetches every document; the page is drawn again with them. (An
    // `AnyView` made only then: an embedded corpus's page compiles none of it.)
    #[cfg(not(factmap_sharded))]
    let loading: Option<AnyView> = None;
    #[cfg(factmap_sharded)]
    let loading = shards.filter(|s| s.documents_partial()).map(|shards| {
        (move || {
        if shown.get() <= LIST_PAGE {
            return None;
        }
        shards.set_wants_all_documents();
        Some(match shards.want_documents() {
            super::Load::Failed(why) => view! { <p class="note shard-failed" role="alert">{format!("The rest of the articles could not be loaded: {why}. The rest of the map still works; reload the page to try again.")}</p> }.into_any(),
            _ => view! { <p class="note shard-pending" role="status">"Loading the rest of the articles…"</p> }.into_any(),
        })
        })
        .into_any()
    });
    let rows = move || {
        corpus.with_value(|c| {
            c.documents
                .iter()
                .take(shown.get())
                .map(|d| {
                    let id = d.id.clone();
                    let href = ViewState { doc: Some(id.clone()), ..ViewState::default() }.to_query();
                    let outlet = d.outlet.clone().unwrap_or_else(|| "Outlet not stated".to_owned());
                    let date = d.published.map(|p| (p.to_string(), p.long_form()));
                    let current_id = id.clone();
                    let is_current = move || selection.is_current(&current_id);
                    view! {
                        <li>
                            <a
                                href=href
                                aria-current=move || is_current().then_some("page")
                                on:click=move |ev| {
                                    ev.prevent_default();
                                    selection.select(&id, None);
                                    // As a page load would; in the frame the reader is redrawn in.
                                    focus_after_frame("#reader-title".into());
                                }
                            >
                                <span class="doc-headline">{d.headline.clone()}</span>
                                <span class="doc-meta">
                                    {outlet}
                                    " · "
                                    {match date {
                                        Some((iso, long)) => view! { <time datetime=iso>{long}</time> }.into_any(),
                                        None => view! { <span>"date unknown"</span> }.into_any(),
                                    }}
                                </span>
                            </a>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <nav class="documents" aria-labelledby="documents-title">
            <h2 id="documents-title">"Articles"</h2>
            <ol>{rows}</ol>
            {loading}
            <ShowMore shown total what="articles" />
        </nav>
    }
}
