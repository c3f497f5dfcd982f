//! `cargo bench --bench geoparse`: geoparse throughput on one core over the eval texts
//! (`../shared/eval/*.jsonl`, or `EVAL_DIR`), against the floor of a plain Aho-Corasick scan
//! of the gazetteer's names; facts throughput on one core over the event dev sets
//! (`EVAL_DIR/events/{acled_asia2015,halterman2019}_dev.jsonl`) through `factmap facts
//! --jsonl`'s own line processor; plus gazetteer load time and peak memory. Figures are printed,
//! never asserted; a missing eval file is noted and its figure skipped. `cargo bench --bench geoparse -- --no-floor` skips the floor, whose
//! automaton takes seconds to build: enough for quick before/after comparisons.

use std::time::Instant;

/// The CLI's allocator (src/bin/factmap.rs), so the facts figure is the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use factmap::gazetteer::Gazetteer;
use factmap::geoparse::Geoparser;

fn main() {
    let dir = std::env::var("EVAL_DIR").unwrap_or_else(|_| "../shared/eval".to_owned());
    let mut texts = Vec::new();
    for file in ["lgl.jsonl", "geowebnews.jsonl"] {
        let Ok(data) = std::fs::read_to_string(format!("{dir}/{file}")) else {
            eprintln!("{dir}/{file} not found; set EVAL_DIR");
            continue;
        };
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let value: serde_json::Value = serde_json::from_str(line).expect("eval JSON line");
            texts.push(value["text"].as_str().unwrap_or_default().to_owned());
        }
    }
    if texts.is_empty() {
        texts = factmap::corpus::shipped()
            .documents
            .into_iter()
            .map(|d| d.text)
            .collect();
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;

    let raw = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/public/gazetteer.bin"))
        .expect("public/gazetteer.bin (make gazetteer)");
    let loads: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let g = Gazetteer::decode(&raw).unwrap();
            std::hint::black_box(&g);
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    let core = Gazetteer::decode(&raw).unwrap();
    let core_only = {
        let parser = Geoparser::new(&core);
        best_of(3, || {
            texts.iter().map(|t| parser.parse(t).len()).sum::<usize>()
        })
    };
    // Every shard the core lists, as the CLI loads them: the geoparser below runs with all of
    // them, so each text sees the shards of its own countries.
    let shard_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/gazetteer");
    let mut gazetteer = core.clone();
    let mut shard_ms: Vec<(String, u64, f64)> = Vec::new();
    let problems = gazetteer.load_shards(None, |info| {
        let bytes = std::fs::read(shard_dir.join(&info.file)).map_err(|e| e.to_string())?;
        // Decoding alone, timed; load_shards then adds it.
        let start = Instant::now();
        let decoded = Gazetteer::decode(&bytes).map_err(|e| e.to_string())?;
        std::hint::black_box(&decoded);
        shard_ms.push((
            info.country.clone(),
            info.bytes,
            start.elapsed().as_secs_f64() * 1e3,
        ));
        Ok(bytes)
    });
    assert!(problems.is_empty(), "{problems:?}");
    let all_shards_ms = {
        let start = Instant::now();
        let mut g = core.clone();
        g.load_shards(None, |info| {
            std::fs::read(shard_dir.join(&info.file)).map_err(|e| e.to_string())
        });
        std::hint::black_box(&g);
        start.elapsed().as_secs_f64() * 1e3
    };
    let parser = Geoparser::new(&gazetteer);

    let geoparse = best_of(5, || {
        texts.iter().map(|t| parser.parse(t).len()).sum::<usize>()
    });
    // Taken before the automaton exists: the floor's automaton alone needs over a gigabyte,
    // which would hide what the geoparser itself needs.
    let geoparse_peak = peak_memory_kb();
    let facts_stream = facts_throughput(&dir, &parser);

    let mbps = |(secs, _): (f64, usize)| mb / secs;
    let names = gazetteer.name_keys().count();
    println!("input: {} texts, {:.2} MB", texts.len(), mb);
    println!(
        "gazetteer: {} places, {} names, {:.1} MB file; load {:.0} ms (median of 5)",
        gazetteer.places().len(),
        names,
        raw.len() as f64 / 1e6,
        median(loads)
    );
    shard_ms.sort_by_key(|s| std::cmp::Reverse(s.1));
    let shard_bytes: u64 = shard_ms.iter().map(|s| s.1).sum();
    for (country, bytes, ms) in shard_ms.iter().take(5) {
        println!("shard {country}: {bytes} bytes, decoded in {ms:.1} ms");
    }
    println!(
        "all {} shards: {:.1} MB, read, checked, decoded and added in {all_shards_ms:.0} ms",
        shard_ms.len(),
        shard_bytes as f64 / 1e6
    );
    println!(
        "geoparse (full pipeline, core only): {:.1} MB/s, {} toponyms",
        mbps(core_only),
        core_only.1
    );
    println!(
        "geoparse (full pipeline, all shards loaded): {:.1} MB/s, {} toponyms",
        mbps(geoparse),
        geoparse.1
    );
    if let Ok(acled) = std::fs::read_to_string(format!("{dir}/events/acled_asia2015_dev.jsonl")) {
        let texts: Vec<String> = acled
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|v| v["text"].as_str().unwrap_or_default().to_owned())
            .collect();
        let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
        let (secs, n) = best_of(3, || {
            texts.iter().map(|t| parser.parse(t).len()).sum::<usize>()
        });
        println!(
            "geoparse of the ACLED Asia texts (all shards loaded): {:.1} MB/s, {n} toponyms",
            mb / secs
        );
    }
    println!("{facts_stream}");
    if let Some(peak) = geoparse_peak {
        println!("peak memory (VmHWM, gazetteer with every shard loaded + geoparse, before the automaton): {:.0} MB", peak as f64 / 1024.0);
    }
    facts_figures(&parser);
    if std::env::args().any(|a| a == "--no-floor") {
        return;
    }

    let keys: Vec<&str> = gazetteer.name_keys().collect();
    let build = Instant::now();
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&keys)
        .or_else(|_| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&keys)
        })
        .expect("automaton");
    let build_ms = build.elapsed().as_secs_f64() * 1e3;
    let floor = best_of(5, || {
        texts
            .iter()
            .map(|t| automaton.find_iter(t.as_str()).count())
            .sum::<usize>()
    });

    println!(
        "Aho-Corasick floor ({} names, built in {:.0} ms): {:.1} MB/s, {} raw matches",
        keys.len(),
        build_ms,
        mbps(floor),
        floor.1
    );
    println!(
        "ratio geoparse / floor: {:.2}",
        mbps(geoparse) / mbps(floor)
    );
    if let Some(peak) = peak_memory_kb() {
        println!(
            "peak memory (VmHWM, whole process incl. automaton): {:.0} MB",
            peak as f64 / 1024.0
        );
    }
}

/// Facts throughput on one core: `factmap facts --jsonl --jobs 1`'s work (each line read,
/// cleaned, geoparsed, its facts extracted and written as JSON) over both event dev sets, in MB
/// of article text per second; with each stage's share of the time.
fn facts_throughput(dir: &str, parser: &Geoparser<'_>) -> String {
    let files = ["acled_asia2015_dev.jsonl", "halterman2019_dev.jsonl"];
    let mut lines = Vec::new();
    for file in files {
        match std::fs::read_to_string(format!("{dir}/events/{file}")) {
            Ok(data) => lines.extend(data.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned)),
            Err(_) => return format!("facts (factmap facts --jsonl, one core): skipped, {dir}/events/{file} not found (set EVAL_DIR)"),
        }
    }
    let articles: Vec<factmap::stream::Article> = lines
        .iter()
        .filter_map(|l| factmap::stream::parse_line(l.as_bytes()).ok())
        .collect();
    let mb = articles.iter().map(|a| a.text.len()).sum::<usize>() as f64 / 1e6;
    let (secs, with_facts) = best_of(3, || {
        let mut seen = factmap::stream::SeenIds::default();
        let mut with_facts = 0;
        for (i, line) in lines.iter().enumerate() {
            let output = factmap::stream::facts_of_line(parser, line.as_bytes(), i + 1, &mut seen)
                .expect("a non-blank line");
            with_facts += usize::from(
                matches!(&output, factmap::stream::Output::Facts { facts, .. } if !facts.is_empty()),
            );
            std::hint::black_box(output.to_json_line());
        }
        with_facts
    });
    // Where the time goes: each stage as the line processor runs it, fastest of three passes;
    // the rest is reading the JSON lines, mapping the spans back and writing the output.
    let mut stages = [f64::INFINITY; 3];
    for _ in 0..3 {
        let mut pass = [0.0; 3];
        for a in &articles {
            let given = factmap::corpus::Article {
                id: &a.doc_id,
                text: &a.text,
                headline: a.headline.as_deref(),
                outlet: None,
                url: a.url.as_deref(),
                published: a.published,
            };
            let start = Instant::now();
            let corpus = factmap::corpus::load_articles(&[given], "bench");
            let cleaned = Instant::now();
            let table = factmap::geoparse::corpus_toponyms(parser, &corpus);
            let placed = Instant::now();
            std::hint::black_box(factmap::facts::extract(&corpus, &table));
            pass[0] += (cleaned - start).as_secs_f64();
            pass[1] += (placed - cleaned).as_secs_f64();
            pass[2] += placed.elapsed().as_secs_f64();
        }
        for (stage, t) in stages.iter_mut().zip(pass) {
            *stage = stage.min(t);
        }
    }
    let share = |part: f64| 100.0 * part / secs;
    format!(
        "facts (factmap facts --jsonl, one core): {:.1} MB/s over {} texts, {:.2} MB ({}), \
            {with_facts} with facts; of the time: clean {:.0}%, geoparse {:.0}%, facts {:.0}%, the \
            rest (JSON in and out, spans) {:.0}%",
        mb / secs,
        lines.len(),
        mb,
        files.join(" + "),
        share(stages[0]),
        share(stages[1]),
        share(stages[2]),
        share(secs - stages.iter().sum::<f64>()),
    )
}

/// Facts extraction (cleaning, places and facts) over the shipped corpus, and over one
/// synthetic 1 MB article of distinct paragraphs (a reader's long paste): what the page does on
/// its main thread.
fn facts_figures(parser: &Geoparser<'_>) {
    let shipped = factmap::corpus::shipped();
    let table = factmap::geoparse::shipped_toponyms().expect("corpus/toponyms.json");
    let (secs, n) = best_of(5, || factmap::facts::extract(&shipped, &table).facts.len());
    println!(
        "facts over the shipped corpus ({} documents): {:.1} ms, {n} facts",
        shipped.documents.len(),
        secs * 1e3
    );

    let towns = [
        "Lviv",
        "Zaporizhzhia",
        "Poltava",
        "Chernihiv",
        "Vinnytsia",
        "Mykolaiv",
        "Kherson",
        "Zhytomyr",
        "Rivne",
        "Lutsk",
        "Uzhhorod",
        "Ternopil",
    ];
    let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    let mut text = String::new();
    for i in 0.. {
        if text.len() >= 1_000_000 {
            break;
        }
        text.push_str(&format!(
            "Russian drones struck an energy facility in {} overnight into {}, the regional governor \
                said in update {}. Officials reported that {} people were injured when a missile \
                hit building {} on {}. The claims could not be independently verified.\n\n",
            towns[(i * 7) % towns.len()], days[i % 5], i + 1, i % 9 + 1, i * 3 + 11, days[(i + 2) % 5]
        ));
    }
    let mut collection = factmap::collection::Collection::default();
    collection
        .add(factmap::collection::Draft {
            text,
            published: "2025-03-13".parse().ok(),
            ..Default::default()
        })
        .expect("a new article");
    let (clean, _) = best_of(3, || collection.corpus().documents.len());
    let corpus = collection.corpus();
    let (places, _) = best_of(3, || {
        factmap::geoparse::corpus_toponyms(parser, &corpus).len()
    });
    let table = factmap::geoparse::corpus_toponyms(parser, &corpus);
    let (facts, n) = best_of(3, || factmap::facts::extract(&corpus, &table).facts.len());
    println!(
        "a 1 MB article: clean {:.0} ms, geoparse {:.0} ms, facts {:.0} ms ({n} facts)",
        clean * 1e3,
        places * 1e3,
        facts * 1e3
    );
}

/// Fastest of `runs` runs: (seconds, result).
fn best_of(runs: usize, mut f: impl FnMut() -> usize) -> (f64, usize) {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let n = std::hint::black_box(f());
            (start.elapsed().as_secs_f64(), n)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
