//! The readers'-articles workbench (`factmap-workbench`), a WebAssembly module of its own that
//! the page loads only when it is needed (src/app/added.rs, public/factmap-workbench-loader.js).

fn main() {
    #[cfg(target_arch = "wasm32")]
    factmap::app::mount_workbench();
}
