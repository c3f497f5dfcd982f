use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::library::Progress;
use super::Library;
use crate::collection::{AddError, Draft, MAX_ARTICLE_BYTES};
use crate::numfmt::{Fixed, Plain};

/// Adding one's own articles: paste text (with optional headline, outlet, date and address)
/// or drop or choose `.txt`, `.md` and `.html` files, several at once. Places are found in the
/// background; the bar shows the gazetteer's download the first time.
#[component]
pub fn AddArticles(library: Library) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let headline = RwSignal::new(String::new());
    let outlet = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let url = RwSignal::new(String::new());
    let outcome = RwSignal::new(Vec::<String>::new());
    let dragging = RwSignal::new(false);

    let report = move |names: Vec<String>, results: Vec<Result<String, AddError>>| {
        let lines = names
            .into_iter()
            .zip(results)
            .map(|(name, r)| match r {
                Ok(_) => format!("Added {name}."),
                Err(err) => format!("Not added: {name}: {err}."),
            })
            .collect();
        outcome.set(lines);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = Draft {
            text: text.get_untracked(),
            headline: Some(headline.get_untracked()),
            outlet: Some(outlet.get_untracked()),
            published: date.get_untracked().parse().ok(),
            url: Some(url.get_untracked()),
            file_name: None,
        };
        let name = Some(headline.get_untracked())
            .filter(|h| !h.trim().is_empty())
            .map_or("the pasted text".to_owned(), |h| format!("“{}”", h.trim()));
        let results = library.add_articles(vec![draft]);
        if results.iter().all(Result::is_ok) {
            for field in [text, headline, outlet, date, url] {
                field.set(String::new());
            }
        }
        report(vec![name], results);
    };
    // A paste far over the limit is refused as it arrives, before the field and this module
    // take it in: a 20 MB text would hold the page for seconds on its way. Its length is read
    // in the browser's own string (UTF-16 units, never more than its UTF-8 bytes), not copied.
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(data) = ev.clipboard_data() else {
            return;
        };
        let pasted = js_sys::Reflect::get(&data, &"getData".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|get| get.call1(&data, &"text/plain".into()).ok())
            .and_then(|text| text.dyn_into::<js_sys::JsString>().ok())
            .map_or(0, |text| text.length() as usize);
        if pasted > MAX_ARTICLE_BYTES {
            ev.prevent_default();
            outcome.set(vec![format!(
                "Not pasted: {}.",
                AddError::TooLong(Fixed(pasted as f64 / 1e6, 1).to_string())
            )]);
        }
    };
    let read_files = move |files: Vec<web_sys::File>| {
        for file in files.into_iter().map(gloo::file::File::from) {
            let name = file.name();
            let wanted = [".txt", ".md", ".html", ".htm"]
                .iter()
                .any(|e| name.to_ascii_lowercase().ends_with(e));
            if !wanted {
                outcome.update(|o| {
                    o.push(format!(
                        "Not added: {name}: only .txt, .md and .html files can be read."
                    ))
                });
                continue;
            }
            // Plain text over the limit is refused unread; a web page's markup may dwarf its
            // article, so it is read and measured once reduced.
            let plain = !name.to_ascii_lowercase().ends_with(".html")
                && !name.to_ascii_lowercase().ends_with(".htm");
            if plain && file.size() > MAX_ARTICLE_BYTES as u64 {
                outcome.update(|o| {
                    o.push(format!(
                        "Not added: {name}: {}.",
                        AddError::TooLong(Fixed(file.size() as f64 / 1e6, 1).to_string())
                    ))
                });
                continue;
            }
            // A reader is dropped only when the file is read: keep it alive by moving it in.
            let reader = std::rc::Rc::new(std::cell::RefCell::new(None));
            let keep = reader.clone();
            let task = gloo::file::callbacks::read_as_text(&file, move |result| {
                let _ = keep.borrow_mut().take();
                match result {
                    Ok(contents) => {
                        let results =
                            library.add_articles(vec![Draft::from_file(&name, &contents)]);
                        let line = match &results[0] {
                            Ok(_) => format!("Added {name}."),
                            Err(err) => format!("Not added: {name}: {err}."),
                        };
                        outcome.update(|o| o.push(line));
                    }
                    Err(err) => outcome.update(|o| {
                        o.push(format!("Not added: {name}: it could not be read ({err})."))
                    }),
                }
            });
            *reader.borrow_mut() = Some(task);
        }
    };
    let on_choose = move |ev: leptos::ev::Event| {
        outcome.set(Vec::new());
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(files) = input.files() {
            read_files(file_list(&files));
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        outcome.set(Vec::new());
        if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
            read_files(file_list(&files));
        }
    };
    // Files dropped on the page's stand-in before this module had arrived: the loader kept
    // them (public/factmap-workbench-loader.js).
    let dropped = take_dropped_files();
    if !dropped.is_empty() {
        read_files(dropped);
    }
    let progress = move || {
        match library.progress() {
        Progress::Idle => None,
        Progress::Downloading { loaded, total } => {
            let label = if total > 0.0 { format!("Downloading the place names: {} of {} MB", Fixed(loaded / 1e6, 1), Fixed(total / 1e6, 1)) } else { format!("Downloading the place names: {} MB", Fixed(loaded / 1e6, 1)) };
            let (max, value) = if total > 0.0 { (total, loaded) } else { (1.0, 0.0) };
            Some(view! {
                <p class="progress-line">
                    <label>
                        {label.clone()}
                        <progress max=Plain(max).to_string() value=Plain(value).to_string() aria-valuetext=label></progress>
                    </label>
                </p>
            }
            .into_any())
        }
        Progress::Parsing(n) => Some(view! {
            <p class="progress-line">
                <label>{format!("Finding the places in {n} article{}…", if n == 1 { "" } else { "s" })} <progress></progress></label>
            </p>
        }
        .into_any()),
        Progress::Failed(why) => Some(view! { <p class="progress-line error" role="alert">{why}</p> }.into_any()),
    }
    };
    view! {
        <section
            class="add-articles"
            class:dragging=move || dragging.get()
            aria-labelledby="add-title"
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <h2 id="add-title">"Add your own articles"</h2>
            <p class="note">"They are mapped here, in your browser, and kept in it; nothing is sent anywhere."</p>
            <form on:submit=submit>
                <label class="wide">
                    "Article text"
                    <textarea rows="5" required prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) on:paste=on_paste></textarea>
                </label>
                <div class="fields">
                    <label>"Headline " <input type="text" prop:value=move || headline.get() on:input=move |ev| headline.set(event_target_value(&ev)) /></label>
                    <label>"Outlet " <input type="text" prop:value=move || outlet.get() on:input=move |ev| outlet.set(event_target_value(&ev)) /></label>
                    <label>"Date " <input type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) /></label>
                    <label>"Address (URL) " <input type="url" prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) /></label>
                </div>
                <button type="submit">"Add this article"</button>
            </form>
            <p class="files">
                <label>
                    "Or choose files (.txt, .md, .html), or drop them here: "
                    <input type="file" multiple accept=".txt,.md,.html,.htm,text/plain,text/markdown,text/html" on:change=on_choose />
                </label>
            </p>
            {progress}
            <ul class="add-outcome" aria-live="polite">
                {move || outcome.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        </section>
    }
}

fn file_list(files: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

/// The files the loader kept from a drop on the stand-in (`global::DROPPED_FILES`), taken once.
fn take_dropped_files() -> Vec<web_sys::File> {
    let global = js_sys::global();
    let key = wasm_bindgen::JsValue::from_str(crate::protocol::global::DROPPED_FILES);
    let kept = js_sys::Reflect::get(&global, &key)
        .ok()
        .filter(|v| v.is_object());
    let _ = js_sys::Reflect::delete_property(global.unchecked_ref::<js_sys::Object>(), &key);
    kept.map(|v| {
        js_sys::Array::from(&v)
            .iter()
            .filter_map(|f| f.dyn_into::<web_sys::File>().ok())
            .collect()
    })
    .unwrap_or_default()
}
