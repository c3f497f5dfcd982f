use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::library::is_document_of;
use super::{save_file, thousands, ArticleStatus, Library, ShowMore, LIST_PAGE};
use crate::collection::UserArticle;
use crate::corpus;
use crate::facts::{self, Facts};
use crate::protocol::Show;

/// The reader's added articles: which articles the map shows, each added one with its
/// headline and date to correct or remove, the whole collection to export or import, and what
/// to do with a stored collection this page could not read.
#[component]
pub fn YourArticles(library: Library) -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    let problem = move || {
        library.problem().map(|err| {
            let raw = err.raw().to_owned();
            view! {
                <div class="store-problem" role="alert">
                    <p>{format!("The articles kept in this browser could not be read: {err}. Nothing has been changed or deleted.")}</p>
                    <button type="button" on:click=move |_| save_file("factmap-stored-articles.txt", "text/plain", &raw)>"Download the stored data"</button>
                    " "
                    <button type="button" on:click=move |_| library.discard_stored()>"Start afresh (after downloading it)"</button>
                </div>
            }
        })
    };
    let show_choice = move |value: Show, label: &'static str| {
        view! {
            <label>
                <input type="radio" name="show" prop:checked=move || library.show() == value on:change=move |_| library.set_show(value) />
                {label}
            </label>
        }
    };
    let export = move |_| {
        let articles = library.articles();
        // The facts the added articles take part in, corroborated with every article.
        // (Before the worker has read them, the added articles take part in none.)
        let (added, all) = library.for_export();
        // Their sources may be shipped articles too: the export quotes them.
        let mut corpus = corpus::shipped();
        corpus.documents.extend(added.documents);
        let theirs = |x: &facts::Fact| {
            x.sources.iter().any(|s| {
                articles
                    .articles
                    .iter()
                    .any(|a| is_document_of(&s.doc, &a.id))
            })
        };
        let mine = Facts {
            facts: all.facts.into_iter().filter(theirs).collect(),
            unplaced: all.unplaced.into_iter().filter(theirs).collect(),
            flags: Vec::new(),
        };
        save_file(
            "factmap-collection.json",
            "application/json",
            &articles.export(&facts::to_geojson(&corpus, &mine)),
        );
    };
    // Changes the browser would not keep: on this page only, until the reader downloads them.
    let failure = move || {
        library.store_failure().map(|why| {
            let why = why.trim_end_matches('.').to_owned();
            view! {
                <div class="store-problem" role="alert">
                    <p>{format!(
                        "Your latest changes could not be kept in this browser: {why}. They are on this page until you close it. \
                         Download your collection to keep them (\u{201c}Import a collection\u{201d} brings it back); what was kept before is unchanged."
                    )}</p>
                    <button type="button" on:click=export>"Download your collection"</button>
                    " "
                    <button type="button" on:click=move |_| library.try_again()>"Try again"</button>
                </div>
            }
        })
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let file = gloo::file::File::from(file);
        let name = file.name();
        let slot = std::rc::Rc::new(std::cell::RefCell::new(None));
        let keep = slot.clone();
        let task = gloo::file::callbacks::read_as_text(&file, move |result| {
            let _ = keep.borrow_mut().take();
            let text = match result {
                Ok(text) => text,
                Err(err) => return message.set(Some(format!("{name} could not be read ({err})."))),
            };
            message.set(Some(match library.import(&text) {
                Ok(0) => format!("{name}: every article in it is already here."),
                Ok(n) => format!(
                    "{name}: {n} article{} added.",
                    if n == 1 { "" } else { "s" }
                ),
                Err(err) => format!("{name} could not be imported: {err}."),
            }));
        });
        *slot.borrow_mut() = Some(task);
    };
    let statuses = Memo::new(move |_| library.statuses());
    let shown = RwSignal::new(LIST_PAGE);
    let total = Signal::derive(move || library.articles().articles.len());
    let list = move || {
        library
            .articles()
            .articles
            .into_iter()
            .take(shown.get())
            .map(|a| article_item(a, library, statuses))
            .collect_view()
    };
    // The whole collection at a glance, however much of the list is drawn.
    let summary = move || {
        statuses.with(|statuses| {
            let n = statuses.len();
            (n > 0).then(|| {
                let count = |s: ArticleStatus| statuses.values().filter(|&&t| t == s).count();
                let mut line = format!(
                    "{} article{}: {} mapped",
                    thousands(n),
                    if n == 1 { "" } else { "s" },
                    thousands(count(ArticleStatus::Mapped))
                );
                for (status, words) in [
                    (ArticleStatus::NoText, "with no article text to map"),
                    (ArticleStatus::Finding, "still being read"),
                ] {
                    if count(status) > 0 {
                        line += &format!(", {} {words}", thousands(count(status)));
                    }
                }
                line
            })
        })
    };
    view! {
        <section class="your-articles" aria-labelledby="yours-title">
            <h2 id="yours-title">"Your articles"</h2>
            {problem}
            {failure}
            <fieldset class="show">
                <legend>"The map shows"</legend>
                {show_choice(Show::Both, "all articles")}
                {show_choice(Show::Shipped, "the shipped articles")}
                {show_choice(Show::Added, "your articles")}
            </fieldset>
            <p class="collection-summary">{summary}</p>
            <ul class="added">{list}</ul>
            <ShowMore shown total what="of your articles" />
            <p class="collection-actions">
                <button type="button" on:click=export disabled=move || library.articles().articles.is_empty()>"Export your collection"</button>
                " "
                <label class="import">"Import a collection " <input type="file" accept=".json,application/json" on:change=import /></label>
            </p>
            {move || message.get().map(|m| view! { <p class="note" role="status">{m}</p> })}
        </section>
    }
}

fn article_item(
    article: UserArticle,
    library: Library,
    statuses: Memo<HashMap<String, ArticleStatus>>,
) -> impl IntoView {
    let headline = RwSignal::new(article.headline.clone().unwrap_or_default());
    let date = RwSignal::new(article.published.map(|d| d.to_string()).unwrap_or_default());
    let id = article.id.clone();
    let (save_id, remove_id, mapped_id) = (id.clone(), id.clone(), id.clone());
    let title = article
        .headline
        .clone()
        .or(article.file_name.clone())
        .unwrap_or_else(|| {
            article
                .text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .chars()
                .take(60)
                .collect()
        });
    let words = article.text.split_whitespace().count();
    view! {
        <li class="added-article">
            <p class="added-title">
                <strong>{title.clone()}</strong>
                {format!(" · {words} words · ")}
                {move || statuses.with(|s| s.get(&mapped_id).copied().unwrap_or(ArticleStatus::Finding)).describe()}
            </p>
            <form on:submit=move |ev| {
                ev.prevent_default();
                library.edit(&save_id, Some(headline.get_untracked()), date.get_untracked().parse().ok());
            }>
                <label>"Headline " <input type="text" prop:value=move || headline.get() on:input=move |ev| headline.set(event_target_value(&ev)) /></label>
                " "
                <label>"Date " <input type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) /></label>
                " "
                <button type="submit">"Save"<span class="visually-hidden">" the changes to " {title.clone()}</span></button>
                " "
                <button type="button" on:click=move |_| library.remove(&remove_id)>"Remove"<span class="visually-hidden">" " {title.clone()}</span></button>
            </form>
        </li>
    }
}
