//! The names the Rust modules share with the JavaScript around them (`factmap::protocol`'s
//! `global`, `storage` and `indexed_db`) are spelled the same in the scripts: JavaScript cannot import them,
//! so this test is what keeps the two in step.

use std::path::{Path, PathBuf};

use factmap::protocol::{global, indexed_db, storage};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(root().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Every script of the site and its tests: the loaders, the build's scripts, the page and the
/// end-to-end tests.
fn scripts() -> Vec<PathBuf> {
    let mut files = vec![root().join("index.html")];
    for dir in ["public", "scripts", "tests/e2e"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path
                .extension()
                .is_some_and(|e| e == "js" || e == "mjs" || e == "html")
            {
                files.push(path);
            }
        }
    }
    files
}

/// The identifiers in `source` that name one of factmap's globals (`factmapSomething`).
fn global_names(source: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("factmap") {
        let word_start = at == 0 || !is_ident(rest.as_bytes()[at - 1]);
        let tail = &rest[at..];
        let len = tail.bytes().take_while(|&b| is_ident(b)).count();
        let name = &tail[..len];
        if word_start && name.as_bytes().get(7).is_some_and(u8::is_ascii_uppercase) {
            names.push(name);
        }
        rest = &tail[len.max(1)..];
    }
    names
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// The quoted strings in `source` that look like a storage name: `'factmap'`, `'kv'`, or one
/// starting `factmap.`.
fn storage_names(source: &str) -> Vec<&str> {
    let bytes = source.as_bytes();
    let mut names = Vec::new();
    for (at, &quote) in bytes.iter().enumerate() {
        if !matches!(quote, b'\'' | b'"' | b'`') {
            continue;
        }
        // A plain name right after a quote and closed by the same quote.
        let len = bytes[at + 1..]
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
            .count();
        let name = &source[at + 1..at + 1 + len];
        let closed = bytes.get(at + 1 + len) == Some(&quote);
        if closed && (name == "factmap" || name == "kv" || name.starts_with("factmap.")) {
            names.push(name);
        }
    }
    names
}

#[test]
fn the_scripts_name_only_the_globals_and_storage_keys_the_protocol_names() {
    let mut checked = 0;
    for path in scripts() {
        let source = std::fs::read_to_string(&path).unwrap();
        let file = path.strip_prefix(root()).unwrap().display();
        for name in global_names(&source) {
            assert!(
                global::ALL.contains(&name),
                "{file} names the global {name}, which factmap::protocol::global does not"
            );
        }
        for name in storage_names(&source) {
            assert!(
                storage::ALL.contains(&name) || indexed_db::ALL.contains(&name),
                "{file} names the stored {name:?}, which factmap::protocol does not"
            );
        }
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} scripts found");
}

#[test]
fn the_loaders_use_the_names_the_modules_read() {
    let cases: [(&str, &[&str]); 2] = [
        (
            "public/factmap-workbench-loader.js",
            &[
                global::HAS_DATABASE,
                global::DROPPED_FILES,
                storage::COLLECTION,
                storage::IN_INDEXED_DB,
                indexed_db::DATABASE,
            ],
        ),
        (
            "scripts/finish-site.mjs",
            &[
                global::FILES,
                global::BASEMAP,
                storage::COLLECTION,
                storage::IN_INDEXED_DB,
            ],
        ),
    ];
    for (file, names) in cases {
        let source = read(file);
        let (globals, stored) = (global_names(&source), storage_names(&source));
        for name in names {
            assert!(
                globals.contains(name) || stored.contains(name),
                "{file} does not use {name:?}"
            );
        }
    }
}

#[test]
fn the_scanners_find_what_they_look_for() {
    let source = "window.factmapHasDatabase = has; keeps('factmap.collection'); \
                  d.name === 'factmap'; myfactmapThing; factmap-articles";
    assert_eq!(global_names(source), ["factmapHasDatabase"]);
    assert_eq!(storage_names(source), ["factmap.collection", "factmap"]);
}
