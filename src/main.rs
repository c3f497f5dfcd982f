//! The web app's entry point, built for wasm32 by Trunk (see index.html).

fn main() {
    #[cfg(target_arch = "wasm32")]
    factmap::app::mount();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("factmap-web is the browser app: build it with `trunk build` (README). The native tool is `factmap`.");
}
