//! A string store in IndexedDB, for what localStorage's few megabytes cannot hold.
//!
//! One database, one object store of string values by key (`protocol::indexed_db`). Every call opens
//! the database, does one thing in one transaction, closes the connection (a connection left
//! open blocks another tab's upgrade) and answers through its callback once the transaction
//! has ended: a write counts as done only on the transaction's `complete`, because a write the
//! request reported as a success can still be lost when its transaction aborts (a full disk or
//! quota is reported only then).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode,
};

use crate::protocol::indexed_db::{DATABASE, STORE};

/// The value under `key` (`None` when there is none), or why the database could not be read.
pub fn get(key: &str, done: impl FnOnce(Result<Option<String>, String>) + 'static) {
    let key = JsValue::from_str(key);
    let found = Rc::new(RefCell::new(None));
    let keep = found.clone();
    transact(
        IdbTransactionMode::Readonly,
        move |store| {
            let request = store.get(&key).map_err(reason)?;
            on_success(&request, move |value| {
                *keep.borrow_mut() = value.as_string()
            });
            Ok(())
        },
        move |result| done(result.map(|()| found.borrow_mut().take())),
    );
}

/// Reads the value under `key` and, in the same read-write transaction, stores what `change`
/// makes of it (nothing when it gives `None`). Transactions that write one store run one at a
/// time, across tabs too, so no other write can come between the read and the write. `done`
/// gets `Ok` once the transaction has committed, else the browser's reason.
pub fn update(
    key: &str,
    change: impl FnOnce(Option<String>) -> Option<String> + 'static,
    done: impl FnOnce(Result<(), String>) + 'static,
) {
    let key = JsValue::from_str(key);
    let refused = Rc::new(RefCell::new(None));
    let keep = refused.clone();
    transact(
        IdbTransactionMode::Readwrite,
        move |store| {
            let request = store.get(&key).map_err(reason)?;
            let target = store.clone();
            on_success(&request, move |value| {
                let Some(new) = change(value.as_string()) else {
                    return;
                };
                // A put refused at once (rather than by the transaction's abort) must not let
                // the transaction complete as if it had written.
                if let Err(err) = target.put_with_key(&JsValue::from_str(&new), &key) {
                    *keep.borrow_mut() = Some(reason(err));
                    let _ = target.transaction().abort();
                }
            });
            Ok(())
        },
        move |result| done(result.map_err(|why| refused.borrow_mut().take().unwrap_or(why))),
    );
}

/// Calls `then` with a request's result when it succeeds (its failure aborts the transaction).
fn on_success(request: &IdbRequest, then: impl FnOnce(JsValue) + 'static) {
    let source = request.clone();
    let ok =
        Closure::once(move |_: web_sys::Event| then(source.result().unwrap_or(JsValue::UNDEFINED)));
    request.set_onsuccess(Some(ok.as_ref().unchecked_ref()));
    ok.forget();
}

type Done = Box<dyn FnOnce(Result<(), String>)>;

/// Opens the database, runs `act` on the store in a transaction of `mode`, closes the
/// connection, and tells `done` how the transaction ended: `Ok` on `complete`, the reason on
/// `abort` (or when it could not start).
fn transact(
    mode: IdbTransactionMode,
    act: impl FnOnce(&IdbObjectStore) -> Result<(), String> + 'static,
    done: impl FnOnce(Result<(), String>) + 'static,
) {
    // Whichever event comes first answers; the others find it taken.
    let done: Rc<RefCell<Option<Done>>> = Rc::new(RefCell::new(Some(Box::new(done))));
    let finish = move |result: Result<(), String>| {
        if let Some(done) = done.borrow_mut().take() {
            done(result);
        }
    };
    let Some(factory) = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()) else {
        return finish(Err(
            "this browser offers no IndexedDB here (a private window?)".to_owned(),
        ));
    };
    let open: IdbOpenDbRequest = match factory.open_with_u32(DATABASE, 1) {
        Ok(open) => open,
        Err(err) => return finish(Err(reason(err))),
    };
    let upgrade = Closure::once(move |ev: web_sys::Event| {
        if let Some(db) = ev
            .target()
            .and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
        {
            let _ = db.create_object_store(STORE);
        }
    });
    open.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    upgrade.forget();
    let failed = {
        let (finish, open) = (finish.clone(), open.clone());
        Closure::once(move |_: web_sys::Event| {
            finish(Err(open.error().ok().flatten().map_or_else(
                || "the database could not be opened".to_owned(),
                |e| reason(e.into()),
            )))
        })
    };
    open.set_onerror(Some(failed.as_ref().unchecked_ref()));
    failed.forget();
    let opened = {
        let open = open.clone();
        Closure::once(move |_: web_sys::Event| {
            let db = match open.result().map_err(reason).and_then(|r| {
                r.dyn_into::<IdbDatabase>()
                    .map_err(|_| "not a database".to_owned())
            }) {
                Ok(db) => db,
                Err(err) => return finish(Err(err)),
            };
            // Another tab asking to upgrade the database gets it: this one has no use for an
            // open connection.
            let yield_to = {
                let db = db.clone();
                Closure::<dyn Fn()>::new(move || db.close())
            };
            db.set_onversionchange(Some(yield_to.as_ref().unchecked_ref()));
            yield_to.forget();
            let started = db
                .transaction_with_str_and_mode(STORE, mode)
                .map_err(reason)
                .and_then(|t| t.object_store(STORE).map(|s| (t, s)).map_err(reason));
            // The connection closes once its transactions have ended (it takes no new ones).
            db.close();
            let (transaction, store) = match started {
                Ok(started) => started,
                Err(err) => return finish(Err(err)),
            };
            watch(&transaction, finish.clone());
            if let Err(err) = act(&store) {
                let _ = transaction.abort();
                finish(Err(err));
            }
        })
    };
    open.set_onsuccess(Some(opened.as_ref().unchecked_ref()));
    opened.forget();
}

/// Reports the transaction's end to `finish`: `complete`, or `abort` with its error.
fn watch(transaction: &IdbTransaction, finish: impl FnOnce(Result<(), String>) + Clone + 'static) {
    let completed = {
        let finish = finish.clone();
        Closure::once(move |_: web_sys::Event| finish(Ok(())))
    };
    let aborted = {
        let transaction = transaction.clone();
        Closure::once(move |_: web_sys::Event| {
            let why = transaction.error().map_or_else(
                || "the browser abandoned the write".to_owned(),
                |e| reason(e.into()),
            );
            finish(Err(why));
        })
    };
    transaction.set_oncomplete(Some(completed.as_ref().unchecked_ref()));
    transaction.set_onabort(Some(aborted.as_ref().unchecked_ref()));
    completed.forget();
    aborted.forget();
}

/// The browser's reason, in words a reader can act on where it is a known one.
pub fn reason(err: JsValue) -> String {
    let field = |name: &str| {
        js_sys::Reflect::get(&err, &name.into())
            .ok()
            .and_then(|m| m.as_string())
    };
    if field("name").as_deref() == Some("QuotaExceededError") {
        return "the browser's storage for this site is full".to_owned();
    }
    err.as_string()
        .or_else(|| field("message").filter(|m| !m.is_empty()))
        .unwrap_or_else(|| "the browser refused".to_owned())
}
