//! A string store in IndexedDB, for what localStorage's few megabytes cannot hold.
//!
//! One database (`factmap`), one object store (`kv`) of string values by key. Every call opens
//! the database, does one thing in one transaction and answers through its callback: the page
//! stores rarely, so no connection is kept.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

const DATABASE: &str = "factmap";
const STORE: &str = "kv";

/// Stores `value` under `key`; `done` gets `Err` with the browser's reason when it could not.
pub fn put(key: &str, value: &str, done: impl FnOnce(Result<(), String>) + 'static) {
    let (key, value) = (key.to_owned(), value.to_owned());
    with_store(IdbTransactionMode::Readwrite, move |store| {
        let store = store?;
        let request = store.put_with_key(&JsValue::from_str(&value), &JsValue::from_str(&key)).map_err(reason)?;
        Ok(request)
    }, move |result| done(result.map(|_| ())));
}

/// The value under `key`, or `None` when there is none or the database cannot be read.
pub fn get(key: &str, done: impl FnOnce(Option<String>) + 'static) {
    let key = key.to_owned();
    with_store(IdbTransactionMode::Readonly, move |store| store?.get(&JsValue::from_str(&key)).map_err(reason), move |result| {
        done(result.ok().and_then(|v| v.as_string()))
    });
}

/// Removes `key`, if there.
pub fn delete(key: &str) {
    let key = key.to_owned();
    with_store(IdbTransactionMode::Readwrite, move |store| store?.delete(&JsValue::from_str(&key)).map_err(reason), |_| {});
}

/// Opens the database, runs `act` on the store in a transaction of `mode`, and hands the
/// request's result (or the reason it failed) to `done`.
fn with_store(
    mode: IdbTransactionMode,
    act: impl FnOnce(Result<web_sys::IdbObjectStore, String>) -> Result<IdbRequest, String> + 'static,
    done: impl FnOnce(Result<JsValue, String>) + 'static,
) {
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(Box::new(done) as Box<dyn FnOnce(Result<JsValue, String>)>)));
    let finish = move |result: Result<JsValue, String>| {
        if let Some(done) = done.borrow_mut().take() {
            done(result);
        }
    };
    let Some(factory) = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()) else {
        return finish(Err("this browser offers no IndexedDB".to_owned()));
    };
    let open: IdbOpenDbRequest = match factory.open_with_u32(DATABASE, 1) {
        Ok(open) => open,
        Err(err) => return finish(Err(reason(err))),
    };
    let upgrade = Closure::once(move |ev: web_sys::Event| {
        if let Some(db) = ev.target().and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok()).and_then(|r| r.result().ok()).and_then(|r| r.dyn_into::<IdbDatabase>().ok()) {
            let _ = db.create_object_store(STORE);
        }
    });
    open.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    upgrade.forget();
    let failed = {
        let finish = finish.clone();
        Closure::once(move |_: web_sys::Event| finish(Err("the database could not be opened".to_owned())))
    };
    open.set_onerror(Some(failed.as_ref().unchecked_ref()));
    failed.forget();
    let opened = {
        let open = open.clone();
        Closure::once(move |_: web_sys::Event| {
            let db = match open.result().map_err(reason).and_then(|r| r.dyn_into::<IdbDatabase>().map_err(|_| "not a database".to_owned())) {
                Ok(db) => db,
                Err(err) => return finish(Err(err)),
            };
            let store = db.transaction_with_str_and_mode(STORE, mode).and_then(|t| t.object_store(STORE)).map_err(reason);
            let request = match act(store) {
                Ok(request) => request,
                Err(err) => return finish(Err(err)),
            };
            let (ok_finish, err_finish) = (finish.clone(), finish);
            let ok_request = request.clone();
            let on_ok = Closure::once(move |_: web_sys::Event| ok_finish(ok_request.result().map_err(reason)));
            let on_err = Closure::once(move |_: web_sys::Event| err_finish(Err("the browser refused the write".to_owned())));
            request.set_onsuccess(Some(on_ok.as_ref().unchecked_ref()));
            request.set_onerror(Some(on_err.as_ref().unchecked_ref()));
            on_ok.forget();
            on_err.forget();
        })
    };
    open.set_onsuccess(Some(opened.as_ref().unchecked_ref()));
    opened.forget();
}

fn reason(err: JsValue) -> String {
    err.as_string()
        .or_else(|| js_sys::Reflect::get(&err, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "the browser refused".to_owned())
}
