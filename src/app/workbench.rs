use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{AddArticles, Library, YourArticles};

/// The readers' own articles: adding them, and the list of those kept. The `factmap-workbench`
/// module mounts it in place of the page's stand-in (src/app/added.rs says why it is a module
/// of its own); it tells the page what to draw through its [`Library`].
#[component]
pub fn Workbench() -> impl IntoView {
    let library = Library::load();
    view! {
        <AddArticles library />
        <YourArticles library />
    }
}

/// Starts the workbench in the page's `section.workbench`, replacing the stand-in the page
/// drew there. Nothing happens on a page without one.
pub fn mount() {
    console_error_panic_hook::set_once();
    let Some(section) = document()
        .query_selector("section.workbench")
        .ok()
        .flatten()
    else {
        return;
    };
    let Ok(section) = section.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    section.set_inner_html("");
    leptos::mount::mount_to(section, Workbench).forget();
}
