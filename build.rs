//! Embeds every article in `corpus/` into the library, so that adding an article is dropping a
//! `.txt` file into that folder: no list to keep in step by hand. Also writes the embedded data
//! in the form the page downloads: the precomputed places and facts and the manifest in the
//! packed form `packed::from_bytes` reads, and the base map in the compact binary form
//! `basemap::Basemap::decode_compact` reads (the committed files stay readable; tests check
//! that both forms decode to the same values). It writes
//! `basemap-named.bin` too, only the outlines the shipped corpus names: all of the base map the
//! page embeds (`map_layers::shipped_named_areas`). The CLI embeds every gazetteer shard, which
//! this lists in `gazetteer_shards.rs`.

use std::{env, fs, path::Path};

use serde_json::Value;
use sha2::{Digest, Sha256};

// The library's varint writer, shared rather than written again here.
#[path = "src/varint.rs"]
mod varint;
// The library's packed form, written here from the JSON values as the worker writes it from
// its types.
#[path = "src/packed.rs"]
#[allow(dead_code)] // only written here
mod packed;

fn main() {
    // `make site CORPUS=DIR` builds the site from another folder of articles (the end-to-end
    // test of a fork's articles does).
    println!("cargo:rerun-if-env-changed=FACTMAP_CORPUS");
    let dir = match env::var_os("FACTMAP_CORPUS") {
        Some(dir) => Path::new(&dir).to_path_buf(),
        None => Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("corpus"),
    };
    println!("cargo:rerun-if-changed={}", dir.display());
    check_precomputed(&dir);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("corpus/ folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    // A sharded corpus (src/shards.rs: more than five articles): the page embeds its index,
    // and fetches the texts, their places and sentences from the shards beside it.
    let index = dir.join("published").join("index.bin");
    println!("cargo:rerun-if-changed={}", index.display());
    let sharded = index.exists();
    // And as a cfg, for the page's code that only a sharded corpus runs: a constant test does not
    // always keep it out of an embedded corpus's page (a closure made into a view is kept).
    println!("cargo::rustc-check-cfg=cfg(factmap_sharded)");
    if sharded {
        println!("cargo::rustc-cfg=factmap_sharded");
    }
    if sharded {
        files.clear();
    }
    let mut out = String::from("/// The shipped articles, `(file name, bytes)`, sorted by name.\npub(crate) static SHIPPED_FILES: &[(&str, &[u8])] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        out += &format!(
            "    ({name:?}, include_bytes!({:?})),\n",
            path.display().to_string()
        );
    }
    out += "];\n";
    let manifest = dir.join("manifest.json");
    println!("cargo:rerun-if-changed={}", manifest.display());
    let out_dir = env::var("OUT_DIR").unwrap();
    let out_dir = Path::new(&out_dir);
    // Packed for the page; a manifest that is not JSON is the page's to report (a note under
    // the map), as it was when the page read the JSON, not a build that stops.
    out += &format!("/// Whether the corpus is sharded (`crate::shards`): a constant, so that the page of an\n/// embedded one compiles none of the code that fetches and reads shards.\npub const SHARDED: bool = {sharded};\n");
    out += &if sharded {
        format!("/// The sharded corpus's index (`published/index.bin`).\npub(crate) static SHIPPED_INDEX: Option<&[u8]> = Some(include_bytes!({:?}));\n", index.display().to_string())
    } else {
        "/// None: the corpus is embedded whole.\npub(crate) static SHIPPED_INDEX: Option<&[u8]> = None;\n".to_owned()
    };
    let packed_manifest = fs::read_to_string(&manifest)
        .map_err(|e| e.to_string())
        .and_then(|json| serde_json::from_str::<Value>(&json).map_err(|e| e.to_string()))
        // A sharded corpus's entries travel in its articles' shards.
        .map(|value| if sharded { Value::Object(Default::default()) } else { value })
        .map(|value| packed::to_bytes(&value).expect("JSON packs"));
    out += "/// The shipped articles' metadata (`corpus/manifest.json`), packed, or why it cannot be read.\n";
    out += &match packed_manifest {
        Ok(bytes) => {
            fs::write(out_dir.join("manifest.bin"), bytes).unwrap();
            "pub(crate) static SHIPPED_MANIFEST: Result<&[u8], &str> = Ok(include_bytes!(concat!(env!(\"OUT_DIR\"), \"/manifest.bin\")));\n".to_owned()
        }
        Err(why) => {
            format!("pub(crate) static SHIPPED_MANIFEST: Result<&[u8], &str> = Err({why:?});\n")
        }
    };
    fs::write(out_dir.join("shipped_corpus.rs"), out).unwrap();

    // The gazetteer's country shards, for the CLI to embed (`gazetteer_shards.rs`): the page
    // and the worker fetch them instead, so the library never includes this file.
    let shard_dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("public/gazetteer");
    println!("cargo:rerun-if-changed={}", shard_dir.display());
    let mut shards: Vec<_> = fs::read_dir(&shard_dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "bin"))
                .collect()
        })
        .unwrap_or_default();
    shards.sort();
    let mut list = String::from("/// The gazetteer's shards, `(file name, bytes)`, sorted by name.\npub static SHARDS: &[(&str, &[u8])] = &[\n");
    for path in &shards {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        list += &format!(
            "    ({name:?}, include_bytes!({:?})),\n",
            path.display().to_string()
        );
    }
    list += "];\n";
    fs::write(out_dir.join("gazetteer_shards.rs"), list).unwrap();

    // Each class of data/words.tsv in a file of its own (`word_list::class_only!`), so that a
    // module that reads only a class or two embeds only those lines, not the whole file: the
    // page's sentence splitter, which is all of the word lists the page runs.
    let words = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("data/words.tsv");
    println!("cargo:rerun-if-changed={}", words.display());
    let mut classes = std::collections::BTreeMap::<&str, String>::new();
    let words = fs::read_to_string(&words).expect("data/words.tsv");
    for line in words.lines().filter(|l| !l.starts_with('#')) {
        if let Some((class, _)) = line.split_once('\t') {
            let lines = classes.entry(class).or_default();
            lines.push_str(line);
            lines.push('\n');
        }
    }
    fs::create_dir_all(out_dir.join("words")).unwrap();
    for (class, lines) in classes {
        fs::write(out_dir.join("words").join(format!("{class}.tsv")), lines).unwrap();
    }

    for name in ["toponyms", "facts"] {
        let path = dir.join(format!("{name}.json"));
        println!("cargo:rerun-if-changed={}", path.display());
        let value: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // A sharded corpus's toponyms travel in its articles' shards.
        // And its facts in its index, without their words (src/shards.rs).
        let value = match (sharded, name) {
            (true, "toponyms") => Value::Object(Default::default()),
            (true, _) => serde_json::json!({ "facts": [], "unplaced": [], "flags": [] }),
            _ => value,
        };
        let bytes = packed::to_bytes(&value).expect("JSON packs");
        fs::write(out_dir.join(format!("{name}.bin")), bytes).unwrap();
    }

    let basemap = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("public/basemap.json");
    println!("cargo:rerun-if-changed={}", basemap.display());
    let value: Value =
        serde_json::from_str(&fs::read_to_string(&basemap).unwrap()).expect("public/basemap.json");
    fs::write(out_dir.join("basemap.bin"), compact_basemap(&value)).unwrap();
    // The page embeds only the outlines the shipped corpus names (its regions and countries):
    // they place its marks and frame its map. The rest of the map is drawn by the prerendered
    // copy, or fetched (public/basemap.bin) when the page must draw it itself.
    let toponyms: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("toponyms.json")).unwrap()).unwrap();
    fs::write(
        out_dir.join("basemap-named.bin"),
        compact_basemap(&named_only(&value, &toponyms)),
    )
    .unwrap();
}

/// Whether `dir`'s places and facts were computed from the articles it holds now: the lines
/// `scripts/corpus-fingerprint.mjs` records in `derived-from.sha256` (the SHA-256 of each
/// `*.txt` and of `manifest.json`, in byte order of name). A release build of the web app with
/// stale ones would publish articles with no places and no facts, and no note saying why, so
/// it stops; other builds (the CLI that computes them, tests, clippy) only warn.
fn check_precomputed(dir: &Path) {
    let record = dir.join("derived-from.sha256");
    println!("cargo:rerun-if-changed={}", record.display());
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("corpus/ folder")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt") || name == "manifest.json")
        .collect();
    names.sort();
    let now: Vec<String> = names
        .iter()
        .map(|name| {
            let bytes = fs::read(dir.join(name)).unwrap();
            let hash: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            format!("{hash}  {name}")
        })
        .collect();
    let then: Vec<String> = fs::read_to_string(&record)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    if now == then {
        return;
    }
    let problem = format!(
        "{}: toponyms.json and facts.json were not computed from these articles: run `make corpus-toponyms{}` (make site does it when needed)",
        dir.display(),
        if env::var_os("FACTMAP_CORPUS").is_some() {
            format!(" CORPUS={}", dir.display())
        } else {
            String::new()
        }
    );
    let shipped = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32")
        && env::var("PROFILE").is_ok_and(|p| p == "release");
    if shipped {
        panic!("{problem}");
    }
    println!("cargo:warning={problem}");
}

/// The base map cut down to the areas that `toponyms` names other than as a point (a region's
/// admin-1 code, a country's ISO code, in both topologies), with only the arcs they use.
fn named_only(file: &Value, toponyms: &Value) -> Value {
    let mut codes = std::collections::BTreeSet::new();
    for record in toponyms
        .as_object()
        .expect("toponyms by document")
        .values()
        .flat_map(|records| records.as_array().unwrap())
    {
        if matches!(record["precision"].as_str(), Some(precision) if precision != "point") {
            codes.extend(
                ["admin1", "country"]
                    .iter()
                    .filter_map(|key| record[key].as_str().map(str::to_owned)),
            );
        }
    }
    // A country the region shows in detail is looked up there, never in the world outlines.
    let detailed: Vec<String> = file["region"]["objects"]["countries"]["geometries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["properties"]["iso2"].as_str().map(str::to_owned))
        .collect();
    let mut file = file.clone();
    for (topology, objects) in [
        ("world", &["countries"][..]),
        ("region", &["countries", "admin1"][..]),
    ] {
        let t = &mut file[topology];
        for object in objects {
            let features = t["objects"][object]["geometries"]
                .as_array_mut()
                .expect("a geometry collection");
            features.retain(|f| {
                let p = &f["properties"];
                let code = if *object == "admin1" {
                    &p["code"]
                } else {
                    &p["iso2"]
                };
                code.as_str().is_some_and(|code| {
                    codes.contains(code)
                        && !(topology == "world" && detailed.iter().any(|d| d == code))
                })
            });
        }
        // Renumber the arcs the kept features use; a reference `!i` is arc i reversed.
        let mut kept: Vec<usize> = Vec::new();
        let mut index = std::collections::BTreeMap::new();
        for object in objects {
            for f in t["objects"][object]["geometries"].as_array_mut().unwrap() {
                for polygon in polygons_mut(f) {
                    for ring in polygon.as_array_mut().unwrap() {
                        for r in ring.as_array_mut().unwrap() {
                            let i = r.as_i64().unwrap();
                            let arc = if i < 0 { !i } else { i } as usize;
                            let new = *index.entry(arc).or_insert_with(|| {
                                kept.push(arc);
                                kept.len() - 1
                            }) as i64;
                            *r = Value::from(if i < 0 { !new } else { new });
                        }
                    }
                }
            }
        }
        let arcs = t["arcs"].as_array().unwrap();
        t["arcs"] = Value::Array(kept.iter().map(|&i| arcs[i].clone()).collect());
    }
    file
}

/// A feature's polygons, each a list of rings.
fn polygons_mut(feature: &mut Value) -> Vec<&mut Value> {
    match feature["type"].as_str() {
        Some("MultiPolygon") => feature["arcs"].as_array_mut().unwrap().iter_mut().collect(),
        Some("Polygon") => vec![&mut feature["arcs"]],
        _ => Vec::new(),
    }
}

/// The base map's topologies as `Basemap::decode_compact` reads them (src/basemap/compact.rs
/// describes the layout). A file this cannot encode (not quantized, a property missing) fails
/// the build: `Basemap::decode` would reject it too.
fn compact_basemap(file: &Value) -> Vec<u8> {
    let mut out = b"FMB".to_vec();
    out.push(u8::try_from(file["format"].as_u64().expect("basemap format")).unwrap());
    for (topology, objects) in [
        ("world", &["countries"][..]),
        ("region", &["countries", "admin1"][..]),
    ] {
        let t = &file[topology];
        for v in [
            &t["transform"]["scale"][0],
            &t["transform"]["scale"][1],
            &t["transform"]["translate"][0],
            &t["transform"]["translate"][1],
        ] {
            out.extend(v.as_f64().expect("a quantized base map").to_le_bytes());
        }
        let arcs = t["arcs"].as_array().expect("arcs");
        varint::put(&mut out, arcs.len() as u64);
        for arc in arcs {
            let arc = arc.as_array().unwrap();
            varint::put(&mut out, arc.len() as u64);
            for point in arc {
                for d in [&point[0], &point[1]] {
                    varint::put_signed(&mut out, d.as_i64().expect("integer arc deltas"));
                }
            }
        }
        for object in objects {
            let features = t["objects"][object]["geometries"]
                .as_array()
                .expect("a geometry collection");
            varint::put(&mut out, features.len() as u64);
            for f in features {
                let p = &f["properties"];
                for key in ["name", "iso2", "code"] {
                    let text = p[key].as_str().unwrap_or_else(|| {
                        if key == "code" && *object == "countries" {
                            ""
                        } else {
                            panic!("a feature without {key}")
                        }
                    });
                    varint::put(&mut out, text.len() as u64);
                    out.extend(text.as_bytes());
                }
                out.push(u8::from(p["partial"].as_bool().unwrap_or(false)));
                let polygons = match f["type"].as_str() {
                    Some("MultiPolygon") => f["arcs"].as_array().unwrap().clone(),
                    Some("Polygon") => vec![f["arcs"].clone()],
                    _ => Vec::new(),
                };
                varint::put(&mut out, polygons.len() as u64);
                for polygon in &polygons {
                    let rings = polygon.as_array().unwrap();
                    varint::put(&mut out, rings.len() as u64);
                    for ring in rings {
                        let refs = ring.as_array().unwrap();
                        varint::put(&mut out, refs.len() as u64);
                        for r in refs {
                            varint::put_signed(&mut out, r.as_i64().unwrap());
                        }
                    }
                }
            }
        }
    }
    out
}
