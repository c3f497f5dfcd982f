//! The names the site's files are published under, and their bytes as built.
//!
//! `scripts/finish-site.mjs` publishes every file the page, the workbench or the worker fetch
//! after the first paint under a name that carries a hash of its content (a reader whose page
//! is older than a deploy never mixes its files with the new ones), and the binary ones (the
//! WebAssembly, `gazetteer.bin` and its shards, `basemap.bin`) gzip-compressed, as
//! `NAME.gzip`: a static host compresses only the types it chooses, so what travels is what
//! `make measure` measured on any host. The map from built name to published name is
//! `protocol::global::FILES`, which the start-up script sets on the page and the worker's
//! loader in the worker. A site served as built (`trunk serve`) has neither: its names and bytes are used as
//! they are.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

/// The address of the built file `name` (a path relative to the site), as published.
pub fn url(name: &str) -> String {
    let files = js_sys::Reflect::get(
        &js_sys::global(),
        &JsValue::from_str(crate::protocol::global::FILES),
    )
    .ok()
    .filter(JsValue::is_object);
    files
        .and_then(|f| js_sys::Reflect::get(&f, &JsValue::from_str(name)).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| name.to_owned())
}

#[wasm_bindgen]
extern "C" {
    /// The browser's gzip decoder (web-sys offers it only as an unstable API).
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Decompression;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<Decompression, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &Decompression) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &Decompression) -> web_sys::WritableStream;
}

/// Hands `done` the file's bytes as built: `bytes` unpacked when they are gzip (the published
/// form; a host that decoded them on the way, or a site served as built, gives them plain).
pub fn unpacked(bytes: js_sys::Uint8Array, done: impl FnOnce(Result<Vec<u8>, String>) + 'static) {
    let gzip = bytes.length() >= 2 && bytes.get_index(0) == 0x1f && bytes.get_index(1) == 0x8b;
    if !gzip {
        return done(Ok(bytes.to_vec()));
    }
    let done = Rc::new(RefCell::new(Some(done)));
    let finish = move |result: Result<Vec<u8>, String>| {
        if let Some(done) = done.borrow_mut().take() {
            done(result);
        }
    };
    let decoded = (|| {
        let decoder = Decompression::new("gzip")?;
        let blob = web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes))?;
        let plain = blob
            .stream()
            .pipe_through(&web_sys::ReadableWritablePair::new(
                &decoder.readable(),
                &decoder.writable(),
            ));
        web_sys::Response::new_with_opt_readable_stream(Some(&plain))?.array_buffer()
    })();
    let promise = match decoded {
        Ok(promise) => promise,
        Err(_) => {
            return finish(Err(
                "this browser cannot unpack the file (no DecompressionStream)".to_owned(),
            ))
        }
    };
    let ok = {
        let finish = finish.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |buffer: JsValue| {
            finish.clone()(Ok(js_sys::Uint8Array::new(&buffer).to_vec()))
        })
    };
    let failed = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
        finish.clone()(Err("the file is damaged (it does not unpack)".to_owned()))
    });
    let _ = promise.then2(&ok, &failed);
    // Called once, by the promise: they live until then.
    ok.forget();
    failed.forget();
}
