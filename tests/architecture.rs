//! The core stays free of web dependencies (ARCHITECTURE.md, first invariant).

use std::path::Path;

#[test]
fn core_modules_name_no_web_crate() {
    let mut checked = 0;
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let relative = path
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if relative.starts_with("src/app")
                || relative == "src/main.rs"
                || relative == "src/worker.rs"
            {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for line in source.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for web in ["leptos", "web_sys", "wasm_bindgen", "gloo", "js_sys"] {
                    let is_the_app_module = line.trim() == "pub mod app;";
                    assert!(
                        is_the_app_module || !line.contains(web),
                        "{relative} names {web}: {line}"
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} core files found");
}
