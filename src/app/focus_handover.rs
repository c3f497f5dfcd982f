//! Keyboard focus across the swap of the prerendered copy for the live page (`app::mount`).
//!
//! A reader may start tabbing while the copy shows (the WebAssembly is still on its way).
//! Removing the copy would send focus back to the page's body, and their next Tab to the first
//! skip link. So the focused element is described before the copy goes, and the live element
//! that answers the same description takes focus once the app has drawn the page.
//!
//! The copy holds no ids of its own and the live page's body has other nodes before the app's
//! (`<noscript>`, the start-up script), so an element is found again by what a reader tells it
//! by: its tag, the attributes that name it or say where it leads, and its text; among several
//! alike (the reader's place links repeat), by its rank among them.

use wasm_bindgen::JsCast;
use web_sys::{Element, FocusOptions, HtmlElement, SvgElement};

/// Which element had focus in the prerendered copy, told apart from every other.
pub(crate) struct FocusedInCopy {
    tag: String,
    description: String,
    rank: usize,
}

/// The attributes that say what an element is or does; not its state (`class`, `tabindex`,
/// `aria-pressed`), which the live page may set differently from the copy.
const NAMING: [&str; 7] = [
    "id",
    "href",
    "role",
    "aria-label",
    "type",
    "name",
    "data-geonameid",
];

fn describe(element: &Element) -> String {
    let mut out = String::new();
    for name in NAMING {
        if let Some(value) = element.get_attribute(name) {
            out.push_str(name);
            out.push('=');
            out.push_str(&value);
            out.push('\u{1f}');
        }
    }
    out.push_str(element.text_content().unwrap_or_default().trim());
    out
}

/// The elements under `root` with `tag` and the given description, in document order.
fn alike<'a>(
    root: &Element,
    tag: &str,
    description: &'a str,
) -> impl Iterator<Item = Element> + 'a {
    let all = root.query_selector_all(tag).ok();
    let count = all.as_ref().map_or(0, |all| all.length());
    (0..count)
        .filter_map(move |i| all.as_ref()?.item(i)?.dyn_into::<Element>().ok())
        .filter(move |e| describe(e) == description)
}

/// Describes the element that has focus, if it is inside `copy`.
pub(crate) fn remember(copy: &Element) -> Option<FocusedInCopy> {
    let focused = web_sys::window()?.document()?.active_element()?;
    if focused == *copy || !copy.contains(Some(&focused)) {
        return None;
    }
    let tag = focused.local_name();
    let description = describe(&focused);
    let rank = alike(copy, &tag, &description).position(|e| e == focused)?;
    Some(FocusedInCopy {
        tag,
        description,
        rank,
    })
}

/// Focuses the live page's element that answers `focused`'s description, where the reader's
/// view is: the copy was laid out as the page is, so nothing needs scrolling into view.
pub(crate) fn restore(focused: FocusedInCopy) {
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    let Some(live) = alike(&body, &focused.tag, &focused.description).nth(focused.rank) else {
        return;
    };
    let options = FocusOptions::new();
    options.set_prevent_scroll(true);
    if let Some(html) = live.dyn_ref::<HtmlElement>() {
        let _ = html.focus_with_options(&options);
    } else if let Some(svg) = live.dyn_ref::<SvgElement>() {
        let _ = svg.focus_with_options(&options);
    }
}
