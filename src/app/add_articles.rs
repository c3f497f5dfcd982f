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
    let fields = Fields::new();
    let outcome = Outcome(RwSignal::new(Vec::new()));
    let dragging = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = fields.name();
        let results = library.add_articles(vec![fields.draft()]);
        if results.iter().all(Result::is_ok) {
            fields.clear();
        }
        outcome.clear();
        for result in &results {
            outcome.report(&name, result);
        }
    };
    let on_choose = move |ev: leptos::ev::Event| {
        outcome.clear();
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(files) = input.files() {
            read_files(library, outcome, file_list(&files));
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        outcome.clear();
        if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
            read_files(library, outcome, file_list(&files));
        }
    };
    // Files dropped on the page's stand-in before this module had arrived: the loader kept
    // them (public/factmap-workbench-loader.js).
    let dropped = take_dropped_files();
    if !dropped.is_empty() {
        read_files(library, outcome, dropped);
    }
    let field = |signal: RwSignal<String>| {
        (
            move || signal.get(),
            move |ev: leptos::ev::Event| signal.set(event_target_value(&ev)),
        )
    };
    let (text, set_text) = field(fields.text);
    let (headline, set_headline) = field(fields.headline);
    let (outlet, set_outlet) = field(fields.outlet);
    let (date, set_date) = field(fields.date);
    let (url, set_url) = field(fields.url);
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
                    <textarea rows="5" required prop:value=text on:input=set_text on:paste=move |ev| refuse_long_paste(&ev, outcome)></textarea>
                </label>
                <div class="fields">
                    <label>"Headline " <input type="text" prop:value=headline on:input=set_headline /></label>
                    <label>"Outlet " <input type="text" prop:value=outlet on:input=set_outlet /></label>
                    <label>"Date " <input type="date" prop:value=date on:input=set_date /></label>
                    <label>"Address (URL) " <input type="url" prop:value=url on:input=set_url /></label>
                </div>
                <button type="submit">"Add this article"</button>
            </form>
            <p class="files">
                <label>
                    "Or choose files (.txt, .md, .html), or drop them here: "
                    <input type="file" multiple accept=".txt,.md,.html,.htm,text/plain,text/markdown,text/html" on:change=on_choose />
                </label>
            </p>
            {move || progress_line(library.progress())}
            <ul class="add-outcome" aria-live="polite">
                {move || outcome.0.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        </section>
    }
}

/// The form's fields, as typed.
#[derive(Clone, Copy)]
struct Fields {
    text: RwSignal<String>,
    headline: RwSignal<String>,
    outlet: RwSignal<String>,
    date: RwSignal<String>,
    url: RwSignal<String>,
}

impl Fields {
    fn new() -> Fields {
        Fields {
            text: RwSignal::new(String::new()),
            headline: RwSignal::new(String::new()),
            outlet: RwSignal::new(String::new()),
            date: RwSignal::new(String::new()),
            url: RwSignal::new(String::new()),
        }
    }

    /// The article the fields describe.
    fn draft(self) -> Draft {
        Draft {
            text: self.text.get_untracked(),
            headline: Some(self.headline.get_untracked()),
            outlet: Some(self.outlet.get_untracked()),
            published: self.date.get_untracked().parse().ok(),
            url: Some(self.url.get_untracked()),
            file_name: None,
        }
    }

    /// How the outcome names it: by its headline, if it has one.
    fn name(self) -> String {
        Some(self.headline.get_untracked())
            .filter(|h| !h.trim().is_empty())
            .map_or("the pasted text".to_owned(), |h| format!("“{}”", h.trim()))
    }

    fn clear(self) {
        for field in [self.text, self.headline, self.outlet, self.date, self.url] {
            field.set(String::new());
        }
    }
}

/// What became of the articles the reader gave, a line each.
#[derive(Clone, Copy)]
struct Outcome(RwSignal<Vec<String>>);

impl Outcome {
    fn clear(self) {
        self.0.set(Vec::new());
    }

    fn say(self, line: String) {
        self.0.update(|o| o.push(line));
    }

    fn report(self, name: &str, result: &Result<String, AddError>) {
        self.say(match result {
            Ok(_) => format!("Added {name}."),
            Err(err) => format!("Not added: {name}: {err}."),
        });
    }
}

/// Refuses a paste far over the limit as it arrives, before the field and this module take it
/// in: a 20 MB text would hold the page for seconds on its way. Its length is read in the
/// browser's own string (UTF-16 units, never more than its UTF-8 bytes), not copied.
fn refuse_long_paste(ev: &leptos::ev::ClipboardEvent, outcome: Outcome) {
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
        outcome.0.set(vec![format!(
            "Not pasted: {}.",
            AddError::TooLong(Fixed(pasted as f64 / 1e6, 1).to_string())
        )]);
    }
}

/// Reads `files` and adds each to the library, reporting each one's outcome as it is read.
fn read_files(library: Library, outcome: Outcome, files: Vec<web_sys::File>) {
    for file in files.into_iter().map(gloo::file::File::from) {
        let name = file.name();
        let lower = name.to_ascii_lowercase();
        if ![".txt", ".md", ".html", ".htm"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            outcome.say(format!(
                "Not added: {name}: only .txt, .md and .html files can be read."
            ));
            continue;
        }
        // Plain text over the limit is refused unread; a web page's markup may dwarf its
        // article, so it is read and measured once reduced.
        let plain = !lower.ends_with(".html") && !lower.ends_with(".htm");
        if plain && file.size() > MAX_ARTICLE_BYTES as u64 {
            outcome.say(format!(
                "Not added: {name}: {}.",
                AddError::TooLong(Fixed(file.size() as f64 / 1e6, 1).to_string())
            ));
            continue;
        }
        // A reader is dropped only when the file is read: keep it alive by moving it in.
        let reader = std::rc::Rc::new(std::cell::RefCell::new(None));
        let keep = reader.clone();
        let task = gloo::file::callbacks::read_as_text(&file, move |result| {
            let _ = keep.borrow_mut().take();
            match result {
                Ok(contents) => {
                    let draft = Draft::from_file(&name, &contents);
                    for result in library.add_articles(vec![draft]) {
                        outcome.report(&name, &result);
                    }
                }
                Err(err) => {
                    outcome.say(format!("Not added: {name}: it could not be read ({err})."))
                }
            }
        });
        *reader.borrow_mut() = Some(task);
    }
}

/// The line under the form that says how finding places goes, if it is going.
fn progress_line(progress: Progress) -> Option<AnyView> {
    match progress {
        Progress::Idle => None,
        Progress::Downloading { loaded, total } => {
            let mb = |bytes: f64| Fixed(bytes / 1e6, 1);
            let label = if total > 0.0 {
                format!(
                    "Downloading the place names: {} of {} MB",
                    mb(loaded),
                    mb(total)
                )
            } else {
                format!("Downloading the place names: {} MB", mb(loaded))
            };
            let (max, value) = if total > 0.0 {
                (total, loaded)
            } else {
                (1.0, 0.0)
            };
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
        Progress::Parsing(n) => {
            let label = format!(
                "Finding the places in {n} article{}…",
                if n == 1 { "" } else { "s" }
            );
            Some(
                view! { <p class="progress-line"><label>{label} <progress></progress></label></p> }
                    .into_any(),
            )
        }
        Progress::Failed(why) => {
            Some(view! { <p class="progress-line error" role="alert">{why}</p> }.into_any())
        }
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
