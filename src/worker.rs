//! The geoparser's Web Worker (`factmap-worker`, built by Trunk beside the app; see
//! index.html). Fetching the 3 MB gazetteer, decoding it and finding the places of a long
//! article take far longer than a frame, so they happen here, off the page's main thread.
//!
//! Cleaning a long article and reading its facts also take longer than a frame, so the
//! worker does the whole pipeline for the reader's articles: given the stored collection and
//! the places already known (a `protocol::Request`), it cleans the articles, geoparses those
//! without places and extracts the facts of the shipped and added articles together. Its
//! messages, and their order, are `protocol::WorkerMessage`'s.
//!
//! The gazetteer is downloaded once, and only when some document's places are unknown. Then,
//! for the countries a first pass over the texts finds them to be about, it fetches each
//! country's shard (`gazetteer/XX-<hash>.bin`, listed in the core's manifest), once each,
//! checked against its length and hash: one that is missing, truncated or of another format
//! version is reported, and the texts are mapped with what is loaded (nothing damaged is kept).

fn main() {
    #[cfg(target_arch = "wasm32")]
    web::start();
}

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::RefCell;
    use std::rc::Rc;

    use factmap::app::published;
    use factmap::collection;
    use factmap::corpus::{self, Corpus};
    use factmap::facts;
    use factmap::gazetteer::Gazetteer;
    use factmap::geoparse::{self, Geoparser, ToponymTable};
    use factmap::protocol::{Answer, WorkerMessage};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{
        DedicatedWorkerGlobalScope, MessageEvent, ProgressEvent, XmlHttpRequest,
        XmlHttpRequestResponseType,
    };

    type Request = factmap::protocol::Request<'static>;

    /// The added articles of `request` cleaned, and whether some document's places are unknown.
    fn cleaned(request: &Request) -> (Corpus, bool) {
        let corpus = collection::decode(&request.collection)
            .map(|c| c.corpus())
            .unwrap_or_default();
        let missing = corpus
            .documents
            .iter()
            .any(|d| !request.places.contains_key(&d.id));
        (corpus, missing)
    }

    /// The worker's gazetteer and the requests waiting for it or for shards.
    struct Worker {
        state: State,
        /// Requests waiting for shards being fetched.
        queue: Vec<(Request, Corpus)>,
        fetching: bool,
        /// Shards that could not be had: not asked for again (their texts are mapped with the
        /// world core).
        failed: Vec<String>,
    }

    enum State {
        Idle,
        Loading(Vec<(Request, Corpus)>),
        Ready(Rc<RefCell<Gazetteer>>),
        Failed(String),
    }

    pub fn start() {
        console_error_panic_hook::set_once();
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let worker = Rc::new(RefCell::new(Worker {
            state: State::Idle,
            queue: Vec::new(),
            fetching: false,
            failed: Vec::new(),
        }));
        let on_message = {
            let scope = scope.clone();
            Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
                let Some(bytes) = ev
                    .data()
                    .dyn_ref::<js_sys::Uint8Array>()
                    .map(|b| b.to_vec())
                else {
                    return;
                };
                let request = match Request::read(&bytes) {
                    Ok(r) => r,
                    Err(err) => {
                        return post(&scope, &WorkerMessage::Error(format!("bad request: {err}")))
                    }
                };
                let (corpus, missing) = cleaned(&request);
                if !missing {
                    return answer(&scope, None, request, corpus);
                }
                serve(&scope, &worker, request, corpus);
            })
        };
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        post(&scope, &WorkerMessage::Started);
    }

    /// Answers a request that needs the gazetteer: once the world core is there and the shards
    /// of the countries its texts are about (fetched first, once each).
    fn serve(
        scope: &DedicatedWorkerGlobalScope,
        worker: &Rc<RefCell<Worker>>,
        request: Request,
        corpus: Corpus,
    ) {
        let mut w = worker.borrow_mut();
        let gazetteer = match &mut w.state {
            State::Ready(g) => g.clone(),
            State::Loading(queue) => return queue.push((request, corpus)),
            State::Failed(why) => return post(scope, &WorkerMessage::Error(why.clone())),
            State::Idle => {
                w.state = State::Loading(vec![(request, corpus)]);
                drop(w);
                return fetch_gazetteer(scope.clone(), worker.clone());
            }
        };
        let needed: Vec<String> = {
            let g = gazetteer.borrow();
            let parser = Geoparser::new(&g);
            let mut needed = Vec::new();
            for d in corpus
                .documents
                .iter()
                .filter(|d| !request.places.contains_key(&d.id))
            {
                for country in parser.shard_countries(&d.text) {
                    if !g.has_shard(&country)
                        && !w.failed.contains(&country)
                        && !needed.contains(&country)
                    {
                        needed.push(country);
                    }
                }
            }
            needed
        };
        if needed.is_empty() && !w.fetching {
            drop(w);
            return answer(scope, Some(&gazetteer.borrow()), request, corpus);
        }
        w.queue.push((request, corpus));
        if !w.fetching {
            w.fetching = true;
            drop(w);
            fetch_shards(scope.clone(), worker.clone(), gazetteer, needed);
        }
    }

    /// Fetches the shards of `countries` one after another (`gazetteer/XX-<hash>.bin`, named in
    /// the core's manifest), adds each that arrives whole, reports each that does not, then
    /// serves the queued requests again.
    fn fetch_shards(
        scope: DedicatedWorkerGlobalScope,
        worker: Rc<RefCell<Worker>>,
        gazetteer: Rc<RefCell<Gazetteer>>,
        mut countries: Vec<String>,
    ) {
        let Some(country) = countries.pop() else {
            let queued = {
                let mut w = worker.borrow_mut();
                w.fetching = false;
                std::mem::take(&mut w.queue)
            };
            for (request, corpus) in queued {
                serve(&scope, &worker, request, corpus);
            }
            return;
        };
        let Some(file) = gazetteer
            .borrow()
            .shard_info(&country)
            .map(|s| s.file.clone())
        else {
            return fetch_shards(scope, worker, gazetteer, countries);
        };
        let url = format!("gazetteer/{file}");
        let done = {
            let (scope, worker, gazetteer) = (scope.clone(), worker.clone(), gazetteer.clone());
            move |result: Result<Vec<u8>, String>| {
                let started = js_sys::Date::now();
                let added = result.and_then(|bytes| {
                    gazetteer
                        .borrow_mut()
                        .add_shard(&bytes)
                        .map_err(|e| e.to_string())
                });
                match added {
                    Ok(_) => {
                        let ms = js_sys::Date::now() - started;
                        let places = gazetteer.borrow().places().len();
                        post(
                            &scope,
                            &WorkerMessage::Shard {
                                country: country.clone(),
                                places,
                                ms: ms.round(),
                            },
                        );
                    }
                    Err(why) => {
                        let problem = factmap::gazetteer::ShardProblem {
                            country: country.clone(),
                            file: file.clone(),
                            why,
                        };
                        post(&scope, &WorkerMessage::ShardError(problem.to_string()));
                        worker.borrow_mut().failed.push(country);
                    }
                }
                fetch_shards(scope, worker, gazetteer, countries);
            }
        };
        fetch_bytes(&scope, &url, Box::new(done));
    }

    fn fetch_gazetteer(scope: DedicatedWorkerGlobalScope, worker: Rc<RefCell<Worker>>) {
        let done = {
            let scope = scope.clone();
            move |result: Result<Vec<u8>, String>| {
                let fail = |why: String| {
                    post(&scope, &WorkerMessage::Error(why.clone()));
                    let queued =
                        std::mem::replace(&mut worker.borrow_mut().state, State::Failed(why));
                    drop(queued);
                };
                let bytes = match result {
                    Ok(bytes) => bytes,
                    Err(why) => return fail(why),
                };
                let started = js_sys::Date::now();
                match Gazetteer::decode(&bytes) {
                    Ok(g) => {
                        let ms = js_sys::Date::now() - started;
                        post(
                            &scope,
                            &WorkerMessage::Ready {
                                places: g.places().len(),
                                ms: ms.round(),
                            },
                        );
                        let g = Rc::new(RefCell::new(g));
                        let queued =
                            std::mem::replace(&mut worker.borrow_mut().state, State::Ready(g));
                        if let State::Loading(queue) = queued {
                            for (request, corpus) in queue {
                                serve(&scope, &worker, request, corpus);
                            }
                        }
                    }
                    Err(err) => fail(format!("the gazetteer is damaged: {err}")),
                }
            }
        };
        fetch_bytes(&scope, "gazetteer.bin", Box::new(done));
    }

    /// Downloads `url` as bytes, posting `WorkerMessage::Progress` as it comes,
    /// then calls `done` once with the bytes or why there are none.
    fn fetch_bytes(
        scope: &DedicatedWorkerGlobalScope,
        url: &str,
        done: Box<dyn FnOnce(Result<Vec<u8>, String>)>,
    ) {
        let done = Rc::new(RefCell::new(Some(done)));
        let finish = {
            let done = done.clone();
            move |result: Result<Vec<u8>, String>| {
                if let Some(done) = done.borrow_mut().take() {
                    done(result);
                }
            }
        };
        let Ok(xhr) = XmlHttpRequest::new() else {
            return finish(Err("this browser cannot download the gazetteer".into()));
        };
        // Under its published name, compressed (src/app/published.rs); `url` names it as built.
        if xhr.open("GET", &published::url(url)).is_err() {
            return finish(Err(format!("{url}: not a valid address")));
        }
        xhr.set_response_type(XmlHttpRequestResponseType::Arraybuffer);
        let on_progress = {
            let (scope, url) = (scope.clone(), url.to_owned());
            Closure::<dyn Fn(ProgressEvent)>::new(move |ev: ProgressEvent| {
                post(
                    &scope,
                    &WorkerMessage::Progress {
                        loaded: ev.loaded(),
                        total: if ev.length_computable() {
                            ev.total()
                        } else {
                            0.0
                        },
                        url: url.clone(),
                    },
                );
            })
        };
        xhr.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
        let on_done = {
            let (xhr, url, finish) = (xhr.clone(), url.to_owned(), finish.clone());
            Closure::<dyn Fn()>::new(move || {
                let status = xhr.status().unwrap_or(0);
                let body = xhr.response().ok().filter(|_| status == 200 || status == 0);
                match body.filter(|b| b.is_object()) {
                    Some(body) => {
                        published::unpacked(js_sys::Uint8Array::new(&body), finish.clone())
                    }
                    None => finish(Err(format!(
                        "{url} could not be downloaded (HTTP {status})"
                    ))),
                }
            })
        };
        xhr.set_onload(Some(on_done.as_ref().unchecked_ref()));
        xhr.set_onerror(Some(on_done.as_ref().unchecked_ref()));
        on_done.forget();
        if xhr.send().is_err() {
            finish(Err(format!("{url} could not be requested")));
        }
    }

    fn answer(
        scope: &DedicatedWorkerGlobalScope,
        gazetteer: Option<&Gazetteer>,
        request: Request,
        added: Corpus,
    ) {
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
        post(
            scope,
            &WorkerMessage::Answer(Answer {
                request: request.request,
                places,
                facts: both_facts,
                ms: ms.round(),
            }),
        );
    }

    fn post(scope: &DedicatedWorkerGlobalScope, message: &WorkerMessage) {
        let bytes = js_sys::Uint8Array::from(message.to_bytes().as_slice());
        // Handed over rather than copied: an answer is megabytes for a long article.
        let _ = scope.post_message_with_transfer(&bytes, &js_sys::Array::of1(&bytes.buffer()));
    }
}
