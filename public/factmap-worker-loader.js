// Starts the geoparser's worker (src/worker.rs): wasm-bindgen's no-modules loader, then the
// module. Trunk's own shim passes the module's path in the form wasm-bindgen has deprecated.
importScripts('./factmap-worker.js');
wasm_bindgen({ module_or_path: './factmap-worker_bg.wasm' });
