//! Browser tests of the components, in headless Chromium (`make test-browser`).
#![cfg(target_arch = "wasm32")]

use factmap::app::{BaseMap, FactmapPage};
use factmap::corpus::{self, Corpus, Manifest, SourceFile};
use factmap::geoparse::{self, ToponymTable};
use factmap::map_layers;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the page for `corpus` in a fresh element, with the address bar at `query`.
fn mount(corpus: Corpus, query: &str) -> (HtmlElement, impl Drop) {
    mount_with(corpus, ToponymTable::default(), query)
}

fn mount_with(corpus: Corpus, toponyms: ToponymTable, query: &str) -> (HtmlElement, impl Drop) {
    let path = window().location().pathname().unwrap();
    window()
        .history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{query}")),
        )
        .unwrap();
    let wrapper: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&wrapper).unwrap();
    let corpus = StoredValue::new(corpus);
    let toponyms = StoredValue::new(toponyms);
    let basemap =
        BaseMap::whole(map_layers::shipped_basemap().expect("the shipped base map decodes"));
    let facts = StoredValue::new(
        corpus.with_value(|c| toponyms.with_value(|t| factmap::facts::extract(c, t))),
    );
    let handle = mount_to(
        wrapper.clone(),
        move || view! { <FactmapPage corpus toponyms basemap facts /> },
    );
    let guard = Unmount(Some(handle), wrapper.clone());
    (wrapper, guard)
}

struct Unmount<T>(Option<T>, HtmlElement);
impl<T> Drop for Unmount<T> {
    fn drop(&mut self) {
        drop(self.0.take());
        self.1.remove();
    }
}

/// Resolves at the next animation frame, when the app has moved keyboard focus.
async fn next_frame() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        window().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(frame).await.unwrap();
}

fn texts(root: &HtmlElement, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|i| nodes.get(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

fn element(root: &HtmlElement, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into()
}

fn two_articles() -> Corpus {
    let manifest =
        Manifest::from_json(r#"{"b": {"published": "2025-03-12", "outlet": "The Example Post"}}"#)
            .unwrap();
    corpus::load(
        &[
            SourceFile {
                name: "a.txt",
                bytes: "Envoy lands in Moscow\nUpdated 13 March 2025\n\nThe \
                envoy landed on Thursday.\n\nTalks begin\n\nThey began."
                    .as_bytes(),
            },
            SourceFile {
                name: "b.txt",
                bytes: b"Putin visits Kursk\n\nPutin visited the region on Wednesday.",
            },
            SourceFile {
                name: "broken.txt",
                bytes: b"\xff\xfe not text",
            },
        ],
        &manifest,
    )
}

#[wasm_bindgen_test]
async fn lists_every_document_with_outlet_and_date() {
    let (root, _guard) = mount(two_articles(), "");
    tick().await;
    assert_eq!(
        texts(&root, ".documents .doc-headline"),
        ["Envoy lands in Moscow", "Putin visits Kursk"]
    );
    let meta = texts(&root, ".documents .doc-meta");
    assert_eq!(
        meta,
        [
            "Outlet not stated · 13 March 2025",
            "The Example Post · 12 March 2025"
        ]
    );
    assert_eq!(
        element(&root, ".documents time")
            .get_attribute("datetime")
            .as_deref(),
        Some("2025-03-13")
    );
}

#[wasm_bindgen_test]
async fn opens_the_first_document_by_default_paragraph_by_paragraph() {
    let (root, _guard) = mount(two_articles(), "");
    tick().await;
    assert_eq!(
        element(&root, "#reader-title").text_content().unwrap(),
        "Envoy lands in Moscow"
    );
    assert_eq!(
        texts(&root, ".reader > p:not(.note)"),
        ["The envoy landed on Thursday.", "They began."]
    );
    assert_eq!(texts(&root, ".reader h3"), ["Talks begin"]);
    assert_eq!(
        element(&root, ".documents a[aria-current=page] .doc-headline")
            .text_content()
            .unwrap(),
        "Envoy lands in Moscow"
    );
}

#[wasm_bindgen_test]
async fn clicking_a_document_opens_it_and_puts_it_in_the_address() {
    let (root, _guard) = mount(two_articles(), "");
    tick().await;
    let links = root.query_selector_all(".documents a").unwrap();
    links
        .get(1)
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    tick().await;
    assert_eq!(
        element(&root, "#reader-title").text_content().unwrap(),
        "Putin visits Kursk"
    );
    assert_eq!(window().location().search().unwrap(), "?doc=b");
    assert_eq!(
        element(&root, ".documents a[aria-current=page]")
            .get_attribute("href")
            .as_deref(),
        Some("?doc=b")
    );
    next_frame().await;
    assert_eq!(
        document()
            .active_element()
            .and_then(|e| e.get_attribute("id"))
            .as_deref(),
        Some("reader-title")
    );
}

#[wasm_bindgen_test]
async fn the_address_selects_the_document() {
    let (root, _guard) = mount(two_articles(), "?doc=b");
    tick().await;
    assert_eq!(
        element(&root, "#reader-title").text_content().unwrap(),
        "Putin visits Kursk"
    );
}

#[wasm_bindgen_test]
async fn an_unknown_document_says_so() {
    let (root, _guard) = mount(two_articles(), "?doc=nope");
    tick().await;
    assert_eq!(
        element(&root, "#reader-title").text_content().unwrap(),
        "No such article"
    );
    assert!(element(&root, ".reader, .missing")
        .text_content()
        .unwrap()
        .contains("nope"));
}

#[wasm_bindgen_test]
async fn a_bad_file_is_reported_and_the_others_still_show() {
    let (root, _guard) = mount(two_articles(), "");
    tick().await;
    let notes = texts(&root, ".load-notes li.error");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("broken.txt") && notes[0].contains("not UTF-8"),
        "{}",
        notes[0]
    );
    assert_eq!(
        element(&root, ".load-notes")
            .get_attribute("role")
            .as_deref(),
        Some("alert")
    );
    assert_eq!(
        root.query_selector_all(".documents li").unwrap().length(),
        2
    );
}

#[wasm_bindgen_test]
async fn the_shipped_corpus_loads_in_the_browser() {
    let (root, _guard) = mount_with(
        corpus::shipped(),
        geoparse::shipped_toponyms().unwrap(),
        "?doc=002_cc470b77ab695863-2",
    );
    tick().await;
    assert_eq!(
        root.query_selector_all(".documents li").unwrap().length(),
        6
    );
    assert_eq!(
        element(&root, "#reader-title").text_content().unwrap(),
        "Russia says foreign forces in Ukraine would be ‘legitimate targets’"
    );
    assert_eq!(
        element(&root, ".reader header time")
            .get_attribute("datetime")
            .as_deref(),
        Some("2026-02-03")
    );
}

#[wasm_bindgen_test]
async fn places_are_marked_and_selecting_one_shows_where_and_why() {
    let (root, _guard) = mount_with(
        corpus::shipped(),
        geoparse::shipped_toponyms().unwrap(),
        "?doc=003_5af860be27a0314c",
    );
    tick().await;
    let sudzha = root
        .query_selector("a.place[data-geonameid='486816']")
        .unwrap()
        .expect("Sudzha is marked")
        .unchecked_into::<HtmlElement>();
    assert_eq!(sudzha.text_content().unwrap(), "Sudzha");
    let why = sudzha.get_attribute("data-where").unwrap();
    assert!(
        why.starts_with("Sudzha, Kursk Oblast, Russia (town"),
        "{why}"
    );
    sudzha.click();
    tick().await;
    assert_eq!(
        window().location().search().unwrap(),
        "?doc=003_5af860be27a0314c&place=486816"
    );
    let card = element(&root, ".place-card").text_content().unwrap();
    assert!(card.contains("Sudzha, Kursk Oblast, Russia"), "{card}");
    assert!(
        root.query_selector_all("a.place.selected")
            .unwrap()
            .length()
            >= 1
    );
}

const SUDZHA: &str = "svg [role=button][data-geonameid='486816']";

/// The documents whose cleaned text names Sudzha: the sources its marker must list.
fn documents_naming_sudzha() -> Vec<String> {
    corpus::shipped()
        .documents
        .iter()
        .filter(|d| d.text.contains("Sudzha"))
        .map(|d| d.id.clone())
        .collect()
}

fn panel_documents(root: &HtmlElement) -> Vec<String> {
    let quotes = root
        .query_selector_all(".source-panel .mentions blockquote[data-doc]")
        .unwrap();
    let mut docs: Vec<String> = (0..quotes.length())
        .map(|i| {
            quotes
                .get(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("data-doc")
                .unwrap()
        })
        .collect();
    docs.dedup();
    docs
}

#[wasm_bindgen_test]
async fn clicking_a_marker_opens_its_sources_from_every_article() {
    let (root, _guard) = mount_with(corpus::shipped(), geoparse::shipped_toponyms().unwrap(), "");
    tick().await;
    let marker: web_sys::Element = root
        .query_selector(SUDZHA)
        .unwrap()
        .expect("a Sudzha marker");
    assert_eq!(marker.get_attribute("tabindex").as_deref(), Some("0"));
    assert!(marker
        .get_attribute("aria-label")
        .unwrap()
        .starts_with("Sudzha, "));
    assert!(
        root.query_selector(".source-panel").unwrap().is_none(),
        "no panel before a selection"
    );
    marker
        .unchecked_ref::<web_sys::SvgElement>()
        .dispatch_event(&web_sys::MouseEvent::new("click").unwrap())
        .unwrap();
    tick().await;
    assert_eq!(
        element(&root, "#panel-title").text_content().unwrap(),
        "Sudzha"
    );
    assert_eq!(panel_documents(&root), documents_naming_sudzha());
    assert_eq!(window().location().search().unwrap(), "?place=486816");
    assert_eq!(
        marker.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    for mark in texts(&root, ".source-panel .mentions blockquote mark") {
        assert_eq!(mark, "Sudzha");
    }
    // The list view follows the map.
    assert_eq!(
        texts(&root, ".place-list button[aria-pressed=true] .place-name"),
        ["Sudzha"]
    );
}

#[wasm_bindgen_test]
async fn a_country_badge_is_named_first_by_the_name_it_shows() {
    let (root, _guard) = mount_with(corpus::shipped(), geoparse::shipped_toponyms().unwrap(), "");
    tick().await;
    let badges = root.query_selector_all("svg.map g.mark.badge").unwrap();
    assert!(badges.length() > 0, "the shipped corpus names countries");
    for i in 0..badges.length() {
        let badge: web_sys::Element = badges.get(i).unwrap().unchecked_into();
        let name = badge
            .query_selector("text.name")
            .unwrap()
            .expect("a name")
            .text_content()
            .unwrap();
        // Lighthouse's label-content-name-mismatch: the button's visible text is its name only;
        // the count is drawn beside it.
        assert!(
            badge.query_selector("text.count").unwrap().is_none(),
            "{name}'s count is outside the button"
        );
        let count = badge
            .parent_element()
            .unwrap()
            .query_selector("text.count")
            .unwrap()
            .expect("a count beside it");
        assert_eq!(
            count.get_attribute("aria-hidden").as_deref(),
            Some("true"),
            "{name}'s count"
        );
        assert!(
            badge
                .get_attribute("aria-label")
                .unwrap()
                .starts_with(&format!("{}, ", name.trim())),
            "{name}"
        );
    }
}

/// Each marker's pressed state is a signal of its own (the map sets only those that change):
/// selecting another place moves it, and closing the panel leaves none pressed.
#[wasm_bindgen_test]
async fn exactly_the_selected_marker_is_pressed_as_the_selection_moves() {
    let (root, _guard) = mount_with(corpus::shipped(), geoparse::shipped_toponyms().unwrap(), "");
    tick().await;
    let pressed = || {
        attributes(
            &root,
            "svg.map [role=button][aria-pressed=true]",
            "data-geonameid",
        )
    };
    assert!(pressed().is_empty(), "none pressed before a selection");
    let ids = attributes(
        &root,
        "svg.map .marks [role=button][data-geonameid]",
        "data-geonameid",
    );
    assert!(ids.len() >= 2, "two markers to choose between");
    for id in &ids[..2] {
        root.query_selector(&format!(
            "svg.map .marks [role=button][data-geonameid='{id}']"
        ))
        .unwrap()
        .expect("the marker")
        .dispatch_event(&web_sys::MouseEvent::new("click").unwrap())
        .unwrap();
        tick().await;
        assert_eq!(
            pressed(),
            std::slice::from_ref(id),
            "only the chosen marker is pressed"
        );
    }
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    window()
        .dispatch_event(
            &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
        )
        .unwrap();
    tick().await;
    assert!(pressed().is_empty(), "closing the panel presses none");
}

#[wasm_bindgen_test]
async fn enter_on_a_marker_selects_it_and_escape_closes_the_panel() {
    let (root, _guard) = mount_with(corpus::shipped(), geoparse::shipped_toponyms().unwrap(), "");
    tick().await;
    let marker: web_sys::Element = root
        .query_selector(SUDZHA)
        .unwrap()
        .expect("a Sudzha marker");
    let key = |name: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(name);
        init.set_bubbles(true);
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()
    };
    marker.dispatch_event(&key("Enter")).unwrap();
    tick().await;
    assert_eq!(
        element(&root, "#panel-title").text_content().unwrap(),
        "Sudzha"
    );
    window().dispatch_event(&key("Escape")).unwrap();
    tick().await;
    assert!(
        root.query_selector(".source-panel").unwrap().is_none(),
        "Escape closes the panel"
    );
    assert_eq!(window().location().search().unwrap(), "");
}

#[wasm_bindgen_test]
async fn the_address_opens_a_place_and_the_zoom() {
    let (root, _guard) = mount_with(
        corpus::shipped(),
        geoparse::shipped_toponyms().unwrap(),
        "?place=486816&zoom=2%2C-300%2C-200",
    );
    tick().await;
    assert_eq!(panel_documents(&root), documents_naming_sudzha());
    let transform = element(&root, "svg g.basemap")
        .get_attribute("transform")
        .unwrap();
    assert_eq!(transform, "translate(-300.00,-200.00) scale(2.0000)");
    // The list selects too, as the map does.
    let first_listed: HtmlElement = root
        .query_selector(".place-list li button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    first_listed.click();
    tick().await;
    assert!(
        window().location().search().unwrap().contains("zoom="),
        "choosing a place keeps the zoom"
    );
}

/// The base map is drawn on whole map pixels at the default zoom, and again on the fine grid once
/// the reader zooms in (here with the whole map at hand, as on a phone).
#[wasm_bindgen_test]
async fn zooming_in_draws_the_base_map_again_on_the_fine_grid() {
    let (root, _guard) = mount_with(corpus::shipped(), geoparse::shipped_toponyms().unwrap(), "");
    tick().await;
    let land = |root: &HtmlElement| attributes(root, "svg g.backdrop path.land", "d").concat();
    let coarse = land(&root);
    assert!(
        coarse.len() > 1000 && !coarse.contains('.'),
        "whole map pixels"
    );
    element(&root, ".map-controls button[aria-label='Zoom in']").click();
    tick().await;
    tick().await;
    let fine = land(&root);
    assert!(
        fine.contains('.') && fine.len() > coarse.len(),
        "{} bytes coarse, {} fine",
        coarse.len(),
        fine.len()
    );
    assert_eq!(
        root.query_selector_all("svg g.backdrop path.admin1")
            .unwrap()
            .length(),
        1
    );
}

/// The `data-*` attribute of every element `selector` matches.
fn attributes(root: &HtmlElement, selector: &str, name: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .filter_map(|i| {
            nodes
                .get(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute(name)
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_panel_lists_the_facts_at_a_place_with_claimants_and_every_source() {
    let (root, _guard) = mount_with(
        corpus::shipped(),
        geoparse::shipped_toponyms().unwrap(),
        "?place=486816",
    );
    tick().await;
    let capture = element(&root, ".place-facts .fact[data-kind=capture]");
    let head = capture
        .query_selector(".fact-head")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        head.contains("Capture") && head.contains("12 March 2025") && head.contains("5 articles"),
        "{head}"
    );
    let docs = attributes(&capture, ".fact-excerpt", "data-doc");
    let mut distinct = docs.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        5,
        "every article that reports the recapture: {docs:?}"
    );
    let who = texts(&capture, ".attribution");
    assert!(
        who.iter()
            .any(|w| w.contains("Claimed by") && w.contains("Defense Ministry")),
        "{who:?}"
    );
    // Each excerpt is the article's own words: the quoted text occurs in its document.
    let shipped = corpus::shipped();
    for (doc, quote) in docs.iter().zip(texts(&capture, ".fact-excerpt")) {
        assert!(
            shipped.document(doc).unwrap().text.contains(&quote),
            "{doc}: {quote}"
        );
    }
    // Its link is the fact's permalink.
    element(&capture, ".fact-link").click();
    tick().await;
    assert_eq!(
        window().location().search().unwrap(),
        "?place=486816&fact=capture-sudzha-2025-03-12"
    );
    assert_eq!(
        attributes(&root, ".place-facts .fact.selected", "data-fact"),
        ["capture-sudzha-2025-03-12"]
    );
}

#[wasm_bindgen_test]
async fn filters_hide_places_and_follow_the_address() {
    let (root, _guard) = mount_with(corpus::shipped(), geoparse::shipped_toponyms().unwrap(), "");
    tick().await;
    let visible = || {
        root.query_selector_all("svg .fact-group:not(.filtered-out) [role=button]")
            .unwrap()
            .length()
    };
    let all = visible();
    let status = || element(&root, ".filter-status").text_content().unwrap();
    let facts = factmap::facts::extract(&corpus::shipped(), &geoparse::shipped_toponyms().unwrap());
    let total = facts.facts.len();
    assert!(
        status().starts_with(&format!("{total} of {total} facts shown")),
        "{}",
        status()
    );
    // Untick every kind but capture.
    for kind in attributes(&root, ".fact-filters .kind", "data-kind") {
        if kind != "capture" {
            element(
                &root,
                &format!(".fact-filters .kind[data-kind={kind}] input"),
            )
            .click();
            tick().await;
        }
    }
    assert_eq!(window().location().search().unwrap(), "?kinds=capture");
    let captures = visible();
    assert!(
        captures >= 1 && captures < all,
        "{captures} of {all} places still shown"
    );
    assert!(
        root.query_selector(SUDZHA)
            .unwrap()
            .unwrap()
            .closest(".filtered-out")
            .unwrap()
            .is_none(),
        "Sudzha's capture stays"
    );
    let capture_facts = facts
        .facts
        .iter()
        .filter(|f| f.kind == factmap::facts::EventKind::Capture)
        .count();
    assert!(
        status().starts_with(&format!("{capture_facts} of {total} facts shown")),
        "{}",
        status()
    );
    element(&root, ".reset-filter").click();
    tick().await;
    assert_eq!(window().location().search().unwrap(), "");
    assert_eq!(visible(), all);
}

#[wasm_bindgen_test]
async fn the_address_restores_a_date_range_and_a_fact() {
    let query = "?place=486816&fact=capture-sudzha-2025-03-12&from=2025-03-12&to=2025-03-12";
    let (root, _guard) = mount_with(
        corpus::shipped(),
        geoparse::shipped_toponyms().unwrap(),
        query,
    );
    tick().await;
    let outputs = texts(&root, ".fact-filters .timeline output");
    assert_eq!(outputs, ["12 March 2025", "12 March 2025"]);
    assert_eq!(
        attributes(&root, ".place-facts .fact.selected", "data-fact"),
        ["capture-sudzha-2025-03-12"]
    );
    for shown in attributes(&root, ".place-facts .fact", "data-fact") {
        assert!(
            shown.ends_with("2025-03-12"),
            "{shown} is outside the range"
        );
    }
    assert_eq!(window().location().search().unwrap(), query);
}

#[wasm_bindgen_test]
async fn overlapping_inset_places_are_one_cluster_that_lists_them() {
    let (root, _guard) = mount_with(corpus::shipped(), geoparse::shipped_toponyms().unwrap(), "");
    tick().await;
    // Jeddah and the Saudi and Emirati badges would cover each other in the small overview.
    let cluster: web_sys::Element = root
        .query_selector("svg.map .overview g.cluster[role=button]")
        .unwrap()
        .expect("a cluster in the overview");
    let label = cluster.get_attribute("aria-label").unwrap();
    assert!(
        label.starts_with("3 places: ") && label.contains("Jeddah"),
        "{label}"
    );
    assert_eq!(
        cluster
            .query_selector("text")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "3"
    );
    // Its places are hidden, not removed: their markers come back when the cluster splits.
    let jeddah = root
        .query_selector("svg.map [role=button][aria-label^='Jeddah,']")
        .unwrap()
        .expect("Jeddah's marker");
    assert!(
        jeddah.closest(".clustered").unwrap().is_some(),
        "Jeddah is drawn by the cluster"
    );
    // No zoom separates inset places: Enter lists them, and choosing one opens its sources.
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    let enter =
        || web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    cluster.dispatch_event(&enter()).unwrap();
    tick().await;
    assert_eq!(
        element(&root, "#cluster-list-title")
            .text_content()
            .unwrap(),
        "3 places here"
    );
    // Escape dismisses it (and hands focus back to the cluster).
    let escape = web_sys::KeyboardEventInit::new();
    escape.set_key("Escape");
    escape.set_bubbles(true);
    element(&root, ".cluster-list button")
        .dispatch_event(
            &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &escape).unwrap(),
        )
        .unwrap();
    tick().await;
    assert!(
        root.query_selector(".cluster-list").unwrap().is_none(),
        "Escape closes the list"
    );
    cluster.dispatch_event(&enter()).unwrap();
    tick().await;
    let names = texts(&root, ".cluster-list li button");
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.iter().any(|n| n == "Jeddah"), "{names:?}");
    let jeddah_button: HtmlElement = root
        .query_selector(".cluster-list li button[aria-label^='Jeddah,']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    jeddah_button.click();
    tick().await;
    assert_eq!(
        element(&root, "#panel-title").text_content().unwrap(),
        "Jeddah"
    );
    assert!(
        root.query_selector(".cluster-list").unwrap().is_none(),
        "choosing closes the list"
    );
}

#[wasm_bindgen_test]
async fn panning_moves_the_marks_layer_not_each_marker() {
    // "translate(x,y)" of Sudzha's marker group, as numbers.
    let sudzha_at = |root: &HtmlElement| -> (f64, f64) {
        let at = element(root, SUDZHA)
            .parent_element()
            .unwrap()
            .get_attribute("transform")
            .unwrap();
        let inner = at
            .strip_prefix("translate(")
            .and_then(|a| a.strip_suffix(')'))
            .unwrap_or_else(|| panic!("{at}"));
        let (x, y) = inner.split_once(',').unwrap();
        (x.parse().unwrap(), y.parse().unwrap())
    };
    let at_first_zoom = {
        let (root, _guard) =
            mount_with(corpus::shipped(), geoparse::shipped_toponyms().unwrap(), "");
        tick().await;
        assert_eq!(
            element(&root, "svg g.marks")
                .get_attribute("transform")
                .as_deref(),
            Some("translate(0.00,0.00)")
        );
        sudzha_at(&root)
    };
    let (root, _guard) = mount_with(
        corpus::shipped(),
        geoparse::shipped_toponyms().unwrap(),
        "?zoom=2%2C-300%2C-200",
    );
    tick().await;
    // The pan is the layer's; the marker sits at twice its map position inside it.
    assert_eq!(
        element(&root, "svg g.marks")
            .get_attribute("transform")
            .as_deref(),
        Some("translate(-300.00,-200.00)")
    );
    let (x, y) = sudzha_at(&root);
    assert!(
        (x - 2.0 * at_first_zoom.0).abs() < 0.2 && (y - 2.0 * at_first_zoom.1).abs() < 0.2,
        "{x},{y} vs {at_first_zoom:?}"
    );
    // Its name is placed in screen pixels by the labels layer.
    assert!(
        texts(&root, "svg g.labels text.name.fits")
            .iter()
            .any(|t| t == "Sudzha"),
        "Sudzha's name fits at this zoom"
    );
}

#[wasm_bindgen_test]
async fn a_long_list_shows_its_first_hundred_rows_until_asked_for_all() {
    let texts: Vec<(String, String)> = (0..101)
        .map(|i| {
            (
                format!("a{i:03}.txt"),
                format!("Headline {i}\n\nStory {i} happened on Monday."),
            )
        })
        .collect();
    let files: Vec<SourceFile<'_>> = texts
        .iter()
        .map(|(name, text)| SourceFile {
            name,
            bytes: text.as_bytes(),
        })
        .collect();
    let (root, _guard) = mount(corpus::load(&files, &Manifest::default()), "");
    tick().await;
    assert_eq!(
        root.query_selector_all(".documents li").unwrap().length(),
        100
    );
    let more: HtmlElement = element(&root, ".documents button.show-more");
    assert_eq!(more.text_content().unwrap(), "Show all 101 articles");
    more.click();
    tick().await;
    assert_eq!(
        root.query_selector_all(".documents li").unwrap().length(),
        101
    );
    assert!(root
        .query_selector(".documents button.show-more")
        .unwrap()
        .is_none());
}

/// Resolves after `ms` milliseconds, once the tasks queued before have run.
async fn after_ms(ms: i32) {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(timer).await.unwrap();
}

/// The workbench is a module of its own: what it publishes is all the page knows of the
/// reader's articles (src/app/added.rs).
#[wasm_bindgen_test]
async fn the_page_draws_what_the_workbench_publishes() {
    use factmap::app::{publish_articles, AddedArticles, ArticlesFeed};
    use factmap::collection::{Collection, Draft};
    use factmap::facts::Facts;
    use factmap::protocol::{Answer, Show, WorkerMessage};

    let mut collection = Collection::default();
    collection
        .add(Draft {
            text: "Drones hit Lviv on Tuesday, officials said.".into(),
            headline: Some("Lviv hit".into()),
            ..Draft::default()
        })
        .unwrap();
    let doc = collection.corpus().documents[0].id.clone();
    let shipped = corpus::shipped();
    let (shipped_places, shipped_facts) = (ToponymTable::default(), Facts::default());

    // Published before the page listens (the module can arrive first): the page reads it.
    publish_articles(ArticlesFeed {
        show: Show::Added,
        revision: 1,
        collection: &collection,
        answer: None,
    });
    let added = AddedArticles::listen();
    assert!(added.has_articles());
    let (corpus, _, _) = added.page(&shipped, &shipped_places, &shipped_facts);
    assert!(
        corpus.documents.is_empty(),
        "the reader's articles alone, before the worker has read them: none yet"
    );

    // The worker's answer: the page shows the added article beside the shipped ones, redrawn
    // in a task of its own.
    let mut places = ToponymTable::default();
    places.insert(doc.clone(), Vec::new());
    let answer = WorkerMessage::Answer(Answer {
        request: 1,
        places,
        facts: Facts::default(),
        ms: 1.0,
    })
    .to_bytes();
    let version = added.version();
    publish_articles(ArticlesFeed {
        show: Show::Both,
        revision: 1,
        collection: &collection,
        answer: Some(&answer),
    });
    assert_eq!(
        added.version(),
        version,
        "read in a task of the page's own, not the workbench's"
    );
    after_ms(10).await;
    assert!(added.version() > version);
    let (corpus, toponyms, _) = added.page(&shipped, &shipped_places, &shipped_facts);
    assert_eq!(corpus.documents.len(), shipped.documents.len() + 1);
    assert_eq!(
        corpus.documents.last().map(|d| d.headline.as_str()),
        Some("Lviv hit")
    );
    assert!(toponyms.contains_key(&doc));

    // The shipped articles alone; then none kept.
    publish_articles(ArticlesFeed {
        show: Show::Shipped,
        revision: 1,
        collection: &collection,
        answer: Some(&answer),
    });
    after_ms(10).await;
    assert_eq!(
        added
            .page(&shipped, &shipped_places, &shipped_facts)
            .0
            .documents
            .len(),
        shipped.documents.len()
    );
    publish_articles(ArticlesFeed {
        show: Show::Both,
        revision: 2,
        collection: &Collection::default(),
        answer: None,
    });
    after_ms(10).await;
    assert!(!added.has_articles());
    assert_eq!(
        added
            .page(&shipped, &shipped_places, &shipped_facts)
            .0
            .documents
            .len(),
        shipped.documents.len()
    );
}
