use leptos::prelude::*;

use super::Selection;
use crate::corpus::{BlockKind, Corpus, Document, Provenance};

/// The open document's cleaned text, block by block, with where its metadata comes from and
/// what the cleaner removed.
#[component]
pub fn Reader(
    /// The loaded documents.
    corpus: StoredValue<Corpus>,
    /// Which document is open.
    selection: Selection,
) -> impl IntoView {
    move || {
        let id = selection.current();
        let document = id.as_ref().and_then(|id| corpus.with_value(|c| c.document(id).cloned()));
        match (document, id) {
            (Some(document), _) => {
                set_title(&document.headline);
                document_view(document).into_any()
            }
            (None, Some(id)) => view! {
                <article class="missing">
                    <h2 id="reader-title" tabindex="-1">"No such article"</h2>
                    <p>"The link asks for “" {id} "”, which is not among the loaded articles. Choose one from the list."</p>
                </article>
            }
            .into_any(),
            (None, None) => view! {
                <article class="missing">
                    <h2 id="reader-title" tabindex="-1">"No articles loaded"</h2>
                    <p>"See the notes below for what went wrong."</p>
                </article>
            }
            .into_any(),
        }
    }
}

fn document_view(d: Document) -> impl IntoView {
    let blocks = d
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind != BlockKind::Headline)
        .map(|(i, b)| {
            let text = d.slice(b.span).to_owned();
            let id = format!("b{i}");
            match b.kind {
                BlockKind::Heading => view! { <h3 id=id>{text}</h3> }.into_any(),
                BlockKind::Caption => view! {
                    <figure id=id class="caption"><figcaption><span class="label">"Photo caption: "</span>{text}</figcaption></figure>
                }
                .into_any(),
                BlockKind::Standfirst => view! { <p id=id class="standfirst">{text}</p> }.into_any(),
                _ => view! { <p id=id>{text}</p> }.into_any(),
            }
        })
        .collect_view();
    let date = d.published.map(|p| view! { <time datetime=p.to_string()>{p.long_form()}</time> });
    let headline_note = match &d.headline_source {
        Provenance::Manifest(note) => Some(view! { <p class="note">"Headline: " {note.clone()}</p> }),
        _ => None,
    };
    let date_note = match &d.date_source {
        Provenance::Text(line) => format!("Date from the article’s dateline “{line}”."),
        Provenance::Manifest(note) => format!("Date: {note}"),
        Provenance::Unknown => "No publication date is known.".to_owned(),
    };
    let removed = d.removed.len();
    let removed_items = d
        .removed
        .iter()
        .map(|r| {
            view! { <li><span class="reason">{r.reason.label()}</span>" " <q>{r.text.clone()}</q></li> }
        })
        .collect_view();
    view! {
        <article class="reader" aria-labelledby="reader-title">
            <header>
                <h2 id="reader-title" tabindex="-1">{d.headline.clone()}</h2>
                <p class="doc-meta">
                    {d.outlet.clone().unwrap_or_else(|| "Outlet not stated".to_owned())}
                    " · "
                    {date}
                    {d.byline.clone().map(|b| view! { " · by " {b} })}
                </p>
                {headline_note}
                <p class="note">{date_note}</p>
            </header>
            {blocks}
            <details class="removed">
                <summary>{format!("Removed from the web copy: {removed} line{}", if removed == 1 { "" } else { "s" })}</summary>
                <ul>{removed_items}</ul>
            </details>
        </article>
    }
}

fn set_title(headline: &str) {
    document().set_title(&format!("{headline} · factmap"));
}
