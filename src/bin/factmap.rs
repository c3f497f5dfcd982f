//! `factmap`: the pipeline from the command line, with no web dependency.
//!
//! It embeds the gazetteer's core and every shard (build.rs lists them), so it works from
//! anywhere; `geoparse --gazetteer FILE` reads the core from FILE and its shards from the
//! `gazetteer/` folder beside it.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use factmap::corpus::{self, Corpus, Document, Manifest, Severity, SourceFile};
use factmap::gazetteer::Gazetteer;
use factmap::geoparse::Geoparser;

/// Each article of `facts --jsonl` allocates and frees a few hundred small strings and vectors:
/// mimalloc does that faster than the system allocator (Cargo.toml).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The gazetteer built by `make gazetteer`, embedded so the tool works from anywhere.
static GAZETTEER: &[u8] = include_bytes!("../../public/gazetteer.bin");

/// Its country shards (`public/gazetteer/*.bin`), embedded too.
mod shards {
    include!(concat!(env!("OUT_DIR"), "/gazetteer_shards.rs"));
}

/// The world core and every shard it lists: from the embedded copies, or from `path` and the
/// `gazetteer/` folder beside it. A shard that is missing, truncated or of another format
/// version is reported on stderr and left out; the texts are still mapped.
fn load_gazetteer(path: Option<&std::path::Path>) -> Result<Gazetteer, String> {
    let core = match path {
        Some(path) => std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?,
        None => GAZETTEER.to_vec(),
    };
    let mut gazetteer = Gazetteer::decode(&core).map_err(|e| format!("gazetteer: {e}"))?;
    let folder = path.map(|p| p.with_file_name("gazetteer"));
    let problems = gazetteer.load_shards(None, |info| match &folder {
        Some(dir) => std::fs::read(dir.join(&info.file))
            .map_err(|e| format!("{}: {e}", dir.join(&info.file).display())),
        None => shards::SHARDS
            .iter()
            .find(|(name, _)| *name == info.file)
            .map(|(_, b)| b.to_vec())
            .ok_or_else(|| "not embedded in this build".to_owned()),
    });
    for problem in problems {
        eprintln!("warning: {problem}");
    }
    Ok(gazetteer)
}

const HELP: &str = r#"factmap: what news articles report, where and when, checked against their own words

Usage:
  factmap documents [DIR] [--json]   list the documents (the shipped corpus, or the .txt files in DIR)
  factmap text ID [DIR]              print a document's cleaned text, one block a paragraph
  factmap toponyms [DIR]             the documents' toponyms as JSON {id: [toponym…]} (make
                                     corpus-toponyms writes the shipped corpus's into corpus/)
  factmap facts [DIR]                the facts (events with place, date, sources, claimants,
                                     hedges) and the articles' contradictions, as JSON
  factmap facts --jsonl [--jobs N]   read JSON lines {"id", "text", "published"?, "headline"?,
                                     "url"?} on stdin (other keys ignored; id a string or a
                                     number, published YYYY-MM-DD or null, text at most 2 MB);
                                     write one line per non-blank input line, in input order:
                                     {"id", "facts": [fact…], "diagnostics": [{"source",
                                     "severity", "message"}…]}, each fact as `factmap facts`
                                     writes it, its sources' spans UTF-8 byte offsets into that
                                     line's text; a line that is not such an article (not UTF-8,
                                     not JSON, no usable id, an id an earlier line used, no text,
                                     an empty or too long text, published not a date) gives
                                     {"id" (null unless usable), "line": N, "error": "…"}, also
                                     on stderr as "error: line N: …". --jobs N: N threads
                                     (default: all cores); the output is the same for any N
  factmap precompute DIR             write DIR/toponyms.json and DIR/facts.json: the places and
                                     facts of the .txt articles in DIR as the site embeds them
                                     (make corpus-toponyms runs it on corpus/); for more than
                                     five articles, also DIR/published/: the index the page
                                     embeds and the shards it fetches (src/shards.rs)
  factmap export [DIR]               the facts as an RFC 7946 GeoJSON FeatureCollection, one
                                     Point Feature per fact (see README for the properties)
  factmap geoparse [--gazetteer FILE] read JSON lines {"id", "text"} on stdin; write one line per
                                     input: {"id", "toponyms": [{"start", "end", "name", "lat",
                                     "lon", "geonameid", "feature_code", "country", "precision",
                                     "reason", "kind", "ambiguous", …}]}, start/end as UTF-8 byte
                                     offsets, lat/lon null when unresolved
  factmap synth N FILE.jsonl...     a collection file of N articles made from news texts in JSON
                                     lines {"id", "text", "title"?, "url"?} (the eval corpora), for
                                     scale tests: import it in the page (`make scale`)
  factmap synth N FILE.jsonl... --corpus DIR
                                     the same articles as a folder a fork publishes (DIR/*.txt and
                                     DIR/manifest.json; DIR is created and must hold no .txt yet):
                                     `make site CORPUS=DIR`, `make scale-published`
  factmap --help | --version

DIR may hold a manifest.json with metadata the texts lack (see README).
Problems with single files are printed to stderr as diagnostics; the other files still load.
Exit status: 0 when every file loaded, 1 when some file could not, 2 on a usage error; for
--jsonl, 1 when some line gave an error line or an error diagnostic."#;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] | ["-h" | "--help" | "help", ..] => {
            println!("{HELP}");
            ExitCode::SUCCESS
        }
        ["-V" | "--version"] => {
            println!("factmap {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        ["documents", rest @ ..] => {
            let json = rest.contains(&"--json");
            let dir = rest.iter().find(|a| !a.starts_with("--")).copied();
            with_corpus(dir, |corpus| print_documents(corpus, json))
        }
        ["facts", rest @ ..] if rest.contains(&"--jsonl") => facts_jsonl(rest),
        ["toponyms", rest @ ..] if rest.len() <= 1 => {
            with_corpus(rest.first().copied(), print_corpus_toponyms)
        }
        ["facts", rest @ ..] if rest.len() <= 1 => with_corpus(rest.first().copied(), |corpus| {
            let facts = corpus_facts(corpus, rest.is_empty());
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &facts).is_ok() && writeln!(out).is_ok()
        }),
        ["export", rest @ ..] if rest.len() <= 1 => with_corpus(rest.first().copied(), |corpus| {
            let facts = corpus_facts(corpus, rest.is_empty());
            std::io::stdout()
                .lock()
                .write_all(factmap::facts::to_geojson_string(corpus, &facts).as_bytes())
                .is_ok()
        }),
        ["precompute", dir] => with_corpus(Some(dir), |corpus| precompute(corpus, Path::new(dir))),
        ["synth", n, rest @ .., "--corpus", dir] if !rest.is_empty() => {
            synth(n, rest, Some(Path::new(dir)))
        }
        ["synth", n, files @ ..] if !files.is_empty() => synth(n, files, None),
        ["geoparse"] => geoparse(None),
        ["geoparse", "--gazetteer", path] => geoparse(Some(path)),
        ["text", id, rest @ ..] if rest.len() <= 1 => {
            with_corpus(rest.first().copied(), |corpus| match corpus.document(id) {
                Some(document) => print_text(document),
                None => {
                    eprintln!("error: no document {id:?}; `factmap documents` lists them");
                    false
                }
            })
        }
        _ => {
            eprintln!("error: unrecognised arguments {args:?}\n\n{HELP}");
            ExitCode::from(2)
        }
    }
}

/// `factmap facts --jsonl [--jobs N]`: JSON lines in, one line of facts (or of error) out per
/// line, in input order (`factmap::stream`).
fn facts_jsonl(args: &[&str]) -> ExitCode {
    let mut jobs = None;
    let mut rest = args.iter();
    while let Some(&arg) = rest.next() {
        let value = match arg {
            "--jsonl" => continue,
            "--jobs" => rest.next().copied(),
            _ => arg.strip_prefix("--jobs="),
        };
        match value.map(str::parse::<usize>) {
            Some(Ok(n)) if n > 0 => jobs = Some(n),
            Some(_) => {
                eprintln!("error: --jobs takes a number of threads, 1 or more");
                return ExitCode::from(2);
            }
            None => {
                eprintln!("error: unrecognised argument {arg:?} for facts --jsonl\n\n{HELP}");
                return ExitCode::from(2);
            }
        }
    }
    let jobs = jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    // The core and every shard, as `facts DIR` and `geoparse` read them: a stream's articles
    // are placed exactly as the same texts in a folder.
    let gazetteer = match load_gazetteer(None) {
        Ok(gazetteer) => gazetteer,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    // Decoded once; every thread reads the same one.
    let parser = Geoparser::new(&gazetteer);
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut stderr = std::io::stderr().lock();
    let report = |message: &str| {
        let _ = writeln!(stderr, "error: {message}");
    };
    match factmap::stream::run(&parser, std::io::stdin().lock(), out, jobs, report) {
        Ok(summary) if summary.failed == 0 => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}

/// Writes a synthetic collection (src/synthetic.rs) made from the texts in `files`, taken in
/// turn across the files so every size mixes them: to stdout as a collection file, or into the
/// folder `corpus` as articles and their manifest.
fn synth(n: &str, files: &[&str], corpus: Option<&Path>) -> ExitCode {
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("error: N must be a number of articles, not {n:?}");
        return ExitCode::from(2);
    };
    let mut per_file = Vec::new();
    for file in files {
        match std::fs::read_to_string(file) {
            Ok(text) => {
                let (texts, skipped) = factmap::synthetic::read_eval_texts(&text);
                if skipped > 0 {
                    eprintln!("{file}: {skipped} lines are not news texts; skipped");
                }
                per_file.push(texts);
            }
            Err(err) => {
                eprintln!("error: {file}: {err}");
                return ExitCode::from(2);
            }
        }
    }
    let texts = factmap::synthetic::interleave(&per_file);
    let collection = factmap::synthetic::collection(&texts, n);
    if collection.articles.len() < n {
        eprintln!(
            "warning: only {} distinct articles could be made",
            collection.articles.len()
        );
    }
    if let Some(dir) = corpus {
        return synth_corpus(&collection, dir);
    }
    let mut out = std::io::stdout().lock();
    if out.write_all(collection.encode().as_bytes()).is_ok() && writeln!(out).is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Writes a synthetic collection into `dir` as a corpus folder. A folder that already holds
/// articles is refused rather than mixed with them: its manifest would be overwritten.
fn synth_corpus(collection: &factmap::collection::Collection, dir: &Path) -> ExitCode {
    let has_articles = std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "txt"))
    });
    if has_articles {
        eprintln!(
            "error: {} already holds articles; give an empty or new folder",
            dir.display()
        );
        return ExitCode::from(2);
    }
    if let Err(err) = std::fs::create_dir_all(dir) {
        eprintln!("error: {}: {err}", dir.display());
        return ExitCode::FAILURE;
    }
    for (name, contents) in factmap::synthetic::corpus_files(collection) {
        if let Err(err) = std::fs::write(dir.join(&name), contents) {
            eprintln!("error: {}: {err}", dir.join(&name).display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// Loads the corpus, reports its diagnostics on stderr, and runs `body` on it.
fn with_corpus(dir: Option<&str>, body: impl FnOnce(&Corpus) -> bool) -> ExitCode {
    let corpus = match dir {
        None => corpus::shipped(),
        Some(dir) => match load_dir(Path::new(dir)) {
            Ok(corpus) => corpus,
            Err(err) => {
                eprintln!("error: {dir}: {err}");
                return ExitCode::from(2);
            }
        },
    };
    for diagnostic in &corpus.diagnostics {
        eprintln!("{diagnostic}");
    }
    let ok = body(&corpus);
    let failed = corpus
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    if ok && !failed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn load_dir(dir: &Path) -> std::io::Result<Corpus> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            files.push((
                path.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(&path)?,
            ));
        }
    }
    files.sort();
    let (manifest, manifest_error) = match std::fs::read_to_string(dir.join("manifest.json")) {
        Ok(json) => match Manifest::from_json(&json) {
            Ok(manifest) => (manifest, None),
            Err(err) => (Manifest::default(), Some(err)),
        },
        Err(_) => (Manifest::default(), None),
    };
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(name, bytes)| SourceFile { name, bytes })
        .collect();
    let mut corpus = corpus::load(&sources, &manifest);
    if let Some(err) = manifest_error {
        corpus.diagnostics.insert(
            0,
            corpus::Diagnostic::error("manifest.json", err.to_string()),
        );
    }
    Ok(corpus)
}

fn print_documents(corpus: &Corpus, json: bool) -> bool {
    let mut out = std::io::stdout().lock();
    if json {
        return serde_json::to_writer_pretty(&mut out, &corpus.documents).is_ok()
            && writeln!(out).is_ok();
    }
    for d in &corpus.documents {
        let date = d
            .published
            .map_or_else(|| "date unknown".to_owned(), |p| p.to_string());
        let outlet = d.outlet.as_deref().unwrap_or("outlet unknown");
        let _ = writeln!(out, "{}\t{}\t{}\t{}", d.id, date, outlet, d.headline);
    }
    true
}

fn print_text(document: &Document) -> bool {
    let mut out = std::io::stdout().lock();
    for block in &document.blocks {
        let _ = writeln!(out, "[{:?}] {}\n", block.kind, document.slice(block.span));
    }
    true
}

/// `factmap geoparse`: JSON lines in, JSON lines out; a bad line is reported on stderr with its
/// number and skipped, and the others are still processed.
fn geoparse(path: Option<&str>) -> ExitCode {
    let gazetteer = match load_gazetteer(path.map(std::path::Path::new)) {
        Ok(gazetteer) => gazetteer,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    let parser = Geoparser::new(&gazetteer);
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = false;
    for (number, line) in std::io::BufRead::split(stdin, b'\n').enumerate() {
        let number = number + 1;
        let line = match line {
            Ok(line) => line,
            Err(err) => {
                eprintln!("error: line {number}: {err}");
                failed = true;
                break;
            }
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let input: GeoparseInput = match serde_json::from_slice(&line) {
            Ok(input) => input,
            Err(err) => {
                eprintln!(
                    "error: line {number}: not a JSON object with \"id\" and \"text\": {err}"
                );
                failed = true;
                continue;
            }
        };
        let record = GeoparseOutput {
            id: &input.id,
            toponyms: parser.records(&input.text),
        };
        if serde_json::to_writer(&mut out, &record).is_err() || writeln!(out).is_err() {
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() || failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[derive(serde::Serialize)]
struct GeoparseOutput<'a> {
    id: &'a serde_json::Value,
    toponyms: Vec<factmap::geoparse::ToponymRecord>,
}

#[derive(serde::Deserialize)]
struct GeoparseInput {
    id: serde_json::Value,
    text: String,
}

/// The toponyms of every document, keyed by id, as the app embeds them for the shipped corpus.
/// The facts of `corpus`: from the precomputed toponyms for the shipped corpus (what the page
/// shows), from the embedded gazetteer for any other.
fn corpus_facts(corpus: &Corpus, shipped: bool) -> factmap::facts::Facts {
    let table = match shipped.then(factmap::geoparse::shipped_toponyms) {
        Some(Ok(table)) => table,
        _ => {
            let gazetteer = load_gazetteer(None).expect("the embedded gazetteer is valid");
            factmap::geoparse::corpus_toponyms(&Geoparser::new(&gazetteer), corpus)
        }
    };
    factmap::facts::extract(corpus, &table)
}

/// Writes `dir`'s places and facts where the site build reads them (build.rs), from one table
/// of places, so that the page's facts are placed among its places. Each file is written aside
/// and then renamed: a build that reads it sees the old file or the new one, never half.
fn precompute(corpus: &Corpus, dir: &Path) -> bool {
    let gazetteer = Gazetteer::decode(GAZETTEER).expect("the embedded gazetteer is valid");
    let table = factmap::geoparse::corpus_toponyms(&Geoparser::new(&gazetteer), corpus);
    let facts = factmap::facts::extract(corpus, &table);
    let write = |name: &str, json: serde_json::Result<String>| {
        let path = dir.join(name);
        let aside = dir.join(format!(".{name}.new"));
        let result = json
            .map_err(std::io::Error::other)
            .and_then(|json| std::fs::write(&aside, json + "\n"))
            .and_then(|()| std::fs::rename(&aside, &path));
        if let Err(err) = &result {
            eprintln!("error: {}: {err}", path.display());
        }
        result.is_ok()
    };
    write("toponyms.json", serde_json::to_string_pretty(&table))
        && write("facts.json", serde_json::to_string_pretty(&facts))
        && write_shards(corpus, dir, &table, &facts)
}

/// `DIR/published/` for a corpus of more than `shards::EMBED_AT_MOST` files (src/shards.rs):
/// the index the page embeds and the shards it fetches. A smaller corpus is embedded whole,
/// and any `published/` a larger one left is removed.
fn write_shards(
    corpus: &Corpus,
    dir: &Path,
    table: &factmap::geoparse::ToponymTable,
    facts: &factmap::facts::Facts,
) -> bool {
    let out = dir.join("published");
    let result = (|| -> std::io::Result<()> {
        if out.exists() {
            std::fs::remove_dir_all(&out)?;
        }
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "txt") {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                files.push((name.into_owned(), std::fs::read(&path)?));
            }
        }
        if files.len() <= factmap::shards::EMBED_AT_MOST {
            return Ok(());
        }
        files.sort();
        let manifest = std::fs::read_to_string(dir.join("manifest.json"))
            .ok()
            .and_then(|json| Manifest::from_json(&json).ok())
            .unwrap_or_default();
        let published = factmap::shards::publish(&files, &manifest, corpus, table, facts);
        std::fs::create_dir_all(out.join("shards"))?;
        for (name, bytes) in &published.shards {
            std::fs::write(out.join(name), bytes)?;
        }
        std::fs::write(out.join("index.bin"), &published.index)
    })();
    if let Err(err) = &result {
        eprintln!("error: {}: {err}", out.display());
    }
    result.is_ok()
}

fn print_corpus_toponyms(corpus: &Corpus) -> bool {
    // The world core alone, as `tests/geoparse.rs` checks `corpus/toponyms.json`: the shipped
    // corpus (Russia, Ukraine) gains no place from its countries' shards, whose namesakes would
    // only change the reasons' counts.
    let gazetteer = Gazetteer::decode(GAZETTEER).expect("the embedded gazetteer is valid");
    let table = factmap::geoparse::corpus_toponyms(&Geoparser::new(&gazetteer), corpus);
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &table).is_ok() && writeln!(out).is_ok()
}
