use leptos::prelude::*;

use super::{focus_after_frame, Selection, ShowMore, LIST_PAGE};
use crate::corpus::Corpus;
use crate::permalink::ViewState;

/// The list of documents: headline, outlet and date, each a link to the document.
#[component]
pub fn DocumentList(
    /// The loaded documents.
    corpus: StoredValue<Corpus>,
    /// Which document is open.
    selection: Selection,
) -> impl IntoView {
    let shown = RwSignal::new(LIST_PAGE);
    let total = Signal::stored(corpus.with_value(|c| c.documents.len()));
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
            <ShowMore shown total what="articles" />
        </nav>
    }
}
