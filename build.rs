//! Embeds every article in `corpus/` into the library, so that adding an article is dropping a
//! `.txt` file into that folder: no list to keep in step by hand.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("corpus");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("corpus/ folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    let mut out = String::from("/// The shipped articles, `(file name, bytes)`, sorted by name.\npub(crate) static SHIPPED_FILES: &[(&str, &[u8])] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        out += &format!("    ({name:?}, include_bytes!({:?})),\n", path.display().to_string());
    }
    out += "];\n";
    let manifest = dir.join("manifest.json");
    println!("cargo:rerun-if-changed={}", manifest.display());
    out += &format!("/// The shipped articles' metadata.\npub(crate) static SHIPPED_MANIFEST: &str = include_str!({:?});\n", manifest.display().to_string());
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("shipped_corpus.rs"), out).unwrap();
}
