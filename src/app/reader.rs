use leptos::prelude::*;

use super::{Load, Selection, Shards};
use crate::corpus::{BlockKind, Corpus, Document, Provenance};
use crate::facts::{ArticleFlag, Facts};
use crate::geoparse::{split_by_toponyms, MentionKind, ToponymRecord, ToponymTable};
use crate::permalink::ViewState;
use crate::span::Span;

/// The open document's cleaned text, block by block, with its places marked, where its
/// metadata comes from, and what the cleaner removed.
#[component]
pub fn Reader(
    /// The loaded documents.
    corpus: StoredValue<Corpus>,
    /// The places each document names.
    toponyms: StoredValue<ToponymTable>,
    /// The facts, for the points on which an article contradicts the others.
    facts: StoredValue<Facts>,
    /// Which document (and place) is open.
    selection: Selection,
) -> impl IntoView {
    move || {
        let id = selection.current();
        let document = id
            .as_ref()
            .and_then(|id| corpus.with_value(|c| c.document(id).cloned()));
        // A sharded corpus's document is in its article's shard, fetched on first opening.
        let shards = Shards::current();
        let loaded = match (&document, shards) {
            (Some(d), Some(shards)) if d.text.is_empty() => shards.article(&d.id),
            _ => None,
        };
        match (document, id) {
            (Some(stub), _) if loaded.is_some() => {
                set_title(&stub.headline);
                match loaded {
                    Some(Load::Ready(article)) => match article.document(&stub.id) {
                        Some((document, records)) => {
                            let flags = article.flags.iter().filter(|fl| fl.doc == document.id).cloned().collect();
                            document_view(document.clone(), records.to_vec(), flags, selection).into_any()
                        }
                        None => unloaded(&stub, "Its article file no longer holds it.".to_owned()).into_any(),
                    },
                    Some(Load::Failed(why)) => unloaded(&stub, format!("The article's text could not be loaded: {why}. The rest of the map still works; reload the page to try again.")).into_any(),
                    _ => unloaded(&stub, String::new()).into_any(),
                }
            }
            (Some(document), _) => {
                set_title(&document.headline);
                let records =
                    toponyms.with_value(|t| t.get(&document.id).cloned().unwrap_or_default());
                let flags = facts.with_value(|f| {
                    f.flags
                        .iter()
                        .filter(|fl| fl.doc == document.id)
                        .cloned()
                        .collect()
                });
                document_view(document, records, flags, selection).into_any()
            }
            // Sharded, past the first page: its shard, when a place's panel named it, or else
            // the whole list of articles first.
            (None, Some(id)) if shards.is_some_and(|s| s.documents_partial()) => {
                let Some(shards) = shards else {
                    return ().into_any();
                };
                match shards.article(&id) {
                    Some(Load::Ready(article)) => match article.document(&id) {
                        Some((document, records)) => {
                            set_title(&document.headline);
                            let flags = article.flags.iter().filter(|fl| fl.doc == document.id).cloned().collect();
                            document_view(document.clone(), records.to_vec(), flags, selection).into_any()
                        }
                        None => missing(id).into_any(),
                    },
                    Some(Load::Failed(why)) => unheaded(format!("The article's text could not be loaded: {why}. The rest of the map still works; reload the page to try again.")).into_any(),
                    Some(Load::Pending) => unheaded(String::new()).into_any(),
                    None => match shards.want_documents() {
                        Load::Failed(why) => unheaded(format!("The list of articles could not be loaded: {why}. The rest of the map still works; reload the page to try again.")).into_any(),
                        _ => unheaded(String::new()).into_any(),
                    },
                }
            }
            (None, Some(id)) => missing(id).into_any(),
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

/// A link's article that is not among the loaded ones.
fn missing(id: String) -> impl IntoView {
    view! {
        <article class="missing">
            <h2 id="reader-title" tabindex="-1">"No such article"</h2>
            <p>"The link asks for “" {id} "”, which is not among the loaded articles. Choose one from the list."</p>
        </article>
    }
}

/// An article's text on its way (`why` empty) or what kept it from loading.
fn shard_status(why: String) -> AnyView {
    if why.is_empty() {
        view! { <p class="note shard-pending" role="status">"Loading the article…"</p> }.into_any()
    } else {
        view! { <p class="note shard-failed" role="alert">{why}</p> }.into_any()
    }
}

/// A sharded article past the first page whose heading has not arrived: what is happening
/// (`why` empty: it is on its way).
fn unheaded(why: String) -> impl IntoView {
    let status = shard_status(why);
    view! {
        <article class="reader" aria-labelledby="reader-title">
            <header><h2 id="reader-title" tabindex="-1">"An article"</h2></header>
            {status}
        </article>
    }
}

/// A sharded document whose text has not arrived (`why` empty: it is on its way) or could not
/// be loaded: its heading, and what is happening.
fn unloaded(d: &Document, why: String) -> impl IntoView {
    let status = shard_status(why);
    view! {
        <article class="reader" aria-labelledby="reader-title">
            <header>{heading(d)}</header>
            {status}
        </article>
    }
}

/// The article's headline and its outlet, date and byline: the same whether its text is
/// shown or still on its way.
fn heading(d: &Document) -> impl IntoView {
    let date = d
        .published
        .map(|p| view! { <time datetime=p.to_string()>{p.long_form()}</time> });
    view! {
        <h2 id="reader-title" tabindex="-1">{d.headline.clone()}</h2>
        <p class="doc-meta">
            {d.outlet.clone().unwrap_or_else(|| "Outlet not stated".to_owned())}
            " · "
            {date}
            {d.byline.clone().map(|b| view! { " · by " {b} })}
        </p>
    }
}

fn document_view(
    d: Document,
    records: Vec<ToponymRecord>,
    flags: Vec<ArticleFlag>,
    selection: Selection,
) -> impl IntoView {
    let selected = selection.place();
    let quoted = selection
        .sentence()
        .and_then(|i| d.sentences.get(i))
        .map(|s| s.span);
    let place_card = selected.and_then(|id| place_card(&d, &records, id, selection));
    let blocks = d
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind != BlockKind::Headline)
        .map(|(i, b)| {
            let text = match quoted.filter(|q| b.span.contains(*q)) {
                // The sentence a source link points at, marked so the reader finds it.
                Some(q) => {
                    let mut text = marked_text(&d, Span::new(b.span.start, q.start), &records, selected, selection);
                    let sentence = marked_text(&d, q, &records, selected, selection);
                    text.push(view! { <mark class="quoted" id="quoted" tabindex="-1">{sentence}</mark> }.into_any());
                    text.extend(marked_text(&d, Span::new(q.end, b.span.end), &records, selected, selection));
                    text
                }
                None => marked_text(&d, b.span, &records, selected, selection),
            };
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
    let headline_note = match &d.headline_source {
        Provenance::Manifest(note) => {
            Some(view! { <p class="note">"Headline: " {note.clone()}</p> })
        }
        _ => None,
    };
    let date_note = match &d.date_source {
        Provenance::Text(line) => format!("Date from the article’s dateline “{line}”."),
        Provenance::Manifest(note) => format!("Date: {note}"),
        Provenance::Unknown => "No publication date is known.".to_owned(),
    };
    let places = records
        .iter()
        .filter(|r| r.kind == MentionKind::Place && r.precision.is_some())
        .count();
    let unplaced = records
        .iter()
        .filter(|r| r.kind != MentionKind::Demonym && r.precision.is_none())
        .count();
    let flags = flags
        .into_iter()
        .map(|f| view! { <p class="article-flag">"Check this article: “" {d.slice(f.span).to_owned()} "”. " {f.note}</p> })
        .collect_view();
    let removed = d.removed.len();
    let removed_items = d
        .removed
        .iter()
        .map(|r| view! { <li><span class="reason">{r.reason.label()}</span>" " <q>{r.text.clone()}</q></li> })
        .collect_view();
    view! {
        <article class="reader" aria-labelledby="reader-title">
            <header>
                {heading(&d)}
                {headline_note}
                <p class="note">{date_note}</p>
                {flags}
                <p class="note legend">
                    <span class="place">"Places"</span>
                    {format!(" are marked ({places} mentions placed")}
                    {(unplaced > 0).then(|| view! { "; " <span class="place unresolved">{format!("{unplaced} not placed")}</span> })}
                    "). Hover, focus or select one to see where it resolved and why."
                </p>
            </header>
            {place_card}
            {blocks}
            <details class="removed">
                <summary>{format!("Removed from the web copy: {removed} line{}", if removed == 1 { "" } else { "s" })}</summary>
                <ul>{removed_items}</ul>
            </details>
        </article>
    }
}

/// A block's text with its toponyms marked: a resolved place is a link that selects it and
/// says where it resolved and why; an unresolved one is marked as such.
fn marked_text(
    d: &Document,
    block: Span,
    records: &[ToponymRecord],
    selected: Option<u32>,
    selection: Selection,
) -> Vec<AnyView> {
    split_by_toponyms(block, records)
        .into_iter()
        .map(|(span, record)| {
            let text = d.slice(span).to_owned();
            let Some(record) = record else { return text.into_any() };
            let where_text = record.where_text();
            match (record.kind, record.geonameid) {
                (MentionKind::Demonym, _) => view! {
                    <span class="demonym" title=format!("demonym: {where_text}")>{text}</span>
                }
                .into_any(),
                (_, Some(geonameid)) => {
                    let doc = d.id.clone();
                    let href = ViewState { doc: Some(doc.clone()), place: Some(geonameid), ..ViewState::default() }.to_query();
                    let why = format!("{where_text}. Why: {}.", record.reason);
                    view! {
                        <a
                            class="place"
                            class:ambiguous=record.ambiguous
                            class:selected=selected == Some(geonameid)
                            href=href
                            data-geonameid=geonameid.to_string()
                            data-where=why.clone()
                            aria-description=why
                            on:click=move |ev| {
                                ev.prevent_default();
                                selection.select(&doc, Some(geonameid));
                            }
                        >
                            {text}
                        </a>
                    }
                    .into_any()
                }
                _ => view! {
                    <mark class="place unresolved" tabindex="0" data-where=where_text.clone() aria-description=where_text>
                        {text}
                    </mark>
                }
                .into_any(),
            }
        })
        .collect()
}

/// What is known about the selected place, above the text.
fn place_card(
    d: &Document,
    records: &[ToponymRecord],
    geonameid: u32,
    selection: Selection,
) -> Option<impl IntoView> {
    let mentions: Vec<&ToponymRecord> = records
        .iter()
        .filter(|r| r.geonameid == Some(geonameid) && r.kind != MentionKind::Demonym)
        .collect();
    let first = mentions.first()?;
    let spellings: Vec<String> = {
        let mut s: Vec<String> = mentions.iter().map(|r| r.name.clone()).collect();
        s.dedup();
        s
    };
    let doc = d.id.clone();
    let close_href = ViewState {
        doc: Some(doc.clone()),
        ..ViewState::default()
    }
    .to_query();
    Some(view! {
        <aside class="place-card" aria-label="Selected place">
            <p>
                <strong>{first.where_text()}</strong>
                {format!(" — named {} time{} here as “{}”.", mentions.len(), if mentions.len() == 1 { "" } else { "s" }, spellings.join("”, “"))}
            </p>
            <p class="note">{format!("Why: {}.", first.reason)}</p>
            <a href=close_href on:click=move |ev| {
                ev.prevent_default();
                selection.select(&doc, None);
            }>"Clear the selection"</a>
        </aside>
    })
}

fn set_title(headline: &str) {
    document().set_title(&format!("{headline} · factmap"));
}
