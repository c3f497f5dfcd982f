//! The geoparser's Web Worker (`factmap-worker`, built by Trunk beside the app; see
//! index.html). Fetching the 3 MB gazetteer, decoding it and finding the places of a long
//! article take far longer than a frame, so they happen here, off the page's main thread.
//!
//! Cleaning a long article and reading its facts also take longer than a frame, so the
//! worker does the whole pipeline for the reader's articles.
//!
//! Messages are JSON strings. The page sends `{"request": N, "collection": STORED, "places":
//! {DOC: [record…]}}`: the stored collection (`collection::Collection::encode`) and the places
//! it already knows. The worker answers, in order:
//! `{"progress": {"loaded", "total"}}` while the gazetteer downloads (once, and only when some
//! document's places are unknown), `{"ready": {"places", "ms"}}` when it is decoded,
//! `{"request": N, "places": {DOC: [record…]}, "facts": FACTS, "ms"}` per request (the facts
//! of the shipped and added articles together), or
//! `{"error": "…"}` when the gazetteer cannot be had (the page says so; nothing is guessed).

fn main() {
    #[cfg(target_arch = "wasm32")]
    web::start();
}

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::RefCell;
    use std::rc::Rc;

    use factmap::collection;
    use factmap::corpus::{self, Corpus};
    use factmap::facts;
    use factmap::gazetteer::Gazetteer;
    use factmap::geoparse::{self, Geoparser, ToponymTable};
    use serde::Deserialize;
    use serde_json::json;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, ProgressEvent, XmlHttpRequest, XmlHttpRequestResponseType};

    #[derive(Deserialize)]
    struct Request {
        request: u64,
        collection: String,
        #[serde(default)]
        places: ToponymTable,
    }

    impl Request {
        /// The added articles cleaned, and whether some document's places are unknown.
        fn corpus(&self) -> (Corpus, bool) {
            let corpus = collection::decode(&self.collection).map(|c| c.corpus()).unwrap_or_default();
            let missing = corpus.documents.iter().any(|d| !self.places.contains_key(&d.id));
            (corpus, missing)
        }
    }

    enum State {
        Idle,
        /// Requests waiting for the gazetteer, with their articles already cleaned.
        Loading(Vec<(Request, Corpus)>),
        Ready(&'static Gazetteer),
        Failed(String),
    }

    pub fn start() {
        console_error_panic_hook::set_once();
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let state = Rc::new(RefCell::new(State::Idle));
        let on_message = {
            let scope = scope.clone();
            Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
                let Some(raw) = ev.data().as_string() else { return };
                let request: Request = match serde_json::from_str(&raw) {
                    Ok(r) => r,
                    Err(err) => return post(&scope, &json!({ "error": format!("bad request: {err}") })),
                };
                let (corpus, missing) = request.corpus();
                if !missing {
                    // Every place is known: no gazetteer needed, only the facts.
                    return answer(&scope, None, request, corpus);
                }
                let mut current = state.borrow_mut();
                match &mut *current {
                    State::Ready(g) => answer(&scope, Some(g), request, corpus),
                    State::Loading(queue) => queue.push((request, corpus)),
                    State::Failed(why) => post(&scope, &json!({ "error": why })),
                    State::Idle => {
                        *current = State::Loading(vec![(request, corpus)]);
                        drop(current);
                        fetch_gazetteer(scope.clone(), state.clone());
                    }
                }
            })
        };
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        // A worker's first messages are lost until its module has started: say when it has.
        post(&scope, &json!({ "started": true }));
    }

    fn fetch_gazetteer(scope: DedicatedWorkerGlobalScope, state: Rc<RefCell<State>>) {
        let fail = {
            let (scope, state) = (scope.clone(), state.clone());
            move |why: String| {
                post(&scope, &json!({ "error": why }));
                *state.borrow_mut() = State::Failed(why);
            }
        };
        let Ok(xhr) = XmlHttpRequest::new() else { return fail("this browser cannot download the gazetteer".into()) };
        // Beside the page, wherever the site is published.
        if xhr.open("GET", "gazetteer.bin").is_err() {
            return fail("the gazetteer's address is not valid".into());
        }
        xhr.set_response_type(XmlHttpRequestResponseType::Arraybuffer);
        let on_progress = {
            let scope = scope.clone();
            Closure::<dyn Fn(ProgressEvent)>::new(move |ev: ProgressEvent| {
                post(&scope, &json!({ "progress": { "loaded": ev.loaded(), "total": if ev.length_computable() { ev.total() } else { 0.0 } } }));
            })
        };
        xhr.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
        let on_done = {
            let xhr = xhr.clone();
            let fail = fail.clone();
            Closure::<dyn Fn()>::new(move || {
                let status = xhr.status().unwrap_or(0);
                let body = xhr.response().ok().filter(|_| status == 200 || status == 0);
                let Some(body) = body.filter(|b| b.is_object()) else {
                    return fail(format!("the gazetteer could not be downloaded (HTTP {status})"));
                };
                let bytes = js_sys::Uint8Array::new(&body).to_vec();
                let started = js_sys::Date::now();
                match Gazetteer::decode(&bytes) {
                    Ok(g) => {
                        // Decoded once and kept for the worker's life.
                        let g: &'static Gazetteer = Box::leak(Box::new(g));
                        let ms = js_sys::Date::now() - started;
                        post(&scope, &json!({ "ready": { "places": g.places().len(), "ms": ms.round() } }));
                        let queued = std::mem::replace(&mut *state.borrow_mut(), State::Ready(g));
                        if let State::Loading(queue) = queued {
                            for (request, corpus) in queue {
                                answer(&scope, Some(g), request, corpus);
                            }
                        }
                    }
                    Err(err) => fail(format!("the gazetteer is damaged: {err}")),
                }
            })
        };
        xhr.set_onload(Some(on_done.as_ref().unchecked_ref()));
        xhr.set_onerror(Some(on_done.as_ref().unchecked_ref()));
        on_done.forget();
        if xhr.send().is_err() {
            fail("the gazetteer could not be requested".into());
        }
    }

    fn answer(scope: &DedicatedWorkerGlobalScope, gazetteer: Option<&Gazetteer>, request: Request, added: Corpus) {
        let started = js_sys::Date::now();
        let parser = gazetteer.map(Geoparser::new);
        let mut places = ToponymTable::new();
        for d in &added.documents {
            let known = request.places.get(&d.id).cloned();
            let found = known.or_else(|| parser.as_ref().map(|p| p.records(&d.text)));
            places.insert(d.id.clone(), found.unwrap_or_default());
        }
        let mut both = corpus::shipped();
        both.documents.extend(added.documents);
        let mut both_places = geoparse::shipped_toponyms().unwrap_or_default();
        both_places.extend(places.iter().map(|(k, v)| (k.clone(), v.clone())));
        let both_facts = facts::extract(&both, &both_places);
        let ms = js_sys::Date::now() - started;
        post(scope, &json!({ "request": request.request, "places": places, "facts": both_facts, "ms": ms.round() }));
    }

    fn post(scope: &DedicatedWorkerGlobalScope, message: &serde_json::Value) {
        let _ = scope.post_message(&JsValue::from_str(&message.to_string()));
    }
}
