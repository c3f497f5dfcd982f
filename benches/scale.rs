//! `cargo bench --bench scale` (`make scale` runs it before the browser half): how the pipeline's
//! time and memory grow with the corpus, from 10 to 1,000 synthetic articles made from the eval
//! texts (`../shared/eval`, or `EVAL_DIR`; src/synthetic.rs). Each stage is timed on one core,
//! and the heap is counted by a wrapping allocator: the peak while a size is processed and
//! what its results keep. Figures are printed, never asserted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use factmap::gazetteer::Gazetteer;
use factmap::geoparse::Geoparser;
use factmap::map_layers::{self, MapLayers, Screen, Zoom, WIDE};
use factmap::synthetic;

/// The system allocator, counting live bytes and their high-water mark.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const SIZES: [usize; 5] = [10, 30, 100, 300, 1000];

fn main() {
    let dir = std::env::var("EVAL_DIR").unwrap_or_else(|_| "../shared/eval".to_owned());
    let per_file: Vec<Vec<synthetic::EvalText>> = ["lgl.jsonl", "geowebnews.jsonl"]
        .iter()
        .filter_map(|f| {
            std::fs::read_to_string(format!("{dir}/{f}"))
                .map_err(|_| eprintln!("{dir}/{f} not found; set EVAL_DIR"))
                .ok()
        })
        .map(|data| synthetic::read_eval_texts(&data).0)
        .collect();
    // Interleaved as `factmap synth` does, so every size mixes local US and world news.
    let texts = factmap::synthetic::interleave(&per_file);
    if texts.is_empty() {
        eprintln!("no eval texts: nothing to measure");
        return;
    }
    let raw = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/public/gazetteer.bin"))
        .expect("public/gazetteer.bin (make gazetteer)");
    let gazetteer = Gazetteer::decode(&raw).expect("gazetteer decodes");
    let parser = Geoparser::new(&gazetteer);
    let basemap = map_layers::shipped_basemap().expect("base map decodes");

    println!("scale: synthetic collections from {} eval texts (times in ms, best of 3 below 300 articles; heap in MB)", texts.len());
    println!(
        "{:>8} {:>7} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9} {:>7} {:>7} {:>7} {:>9} {:>8}",
        "articles",
        "MB",
        "clean",
        "geoparse",
        "places",
        "facts",
        "layers",
        "clusters",
        "total",
        "towns",
        "drawn",
        "heap peak",
        "kept"
    );
    for n in SIZES {
        let collection = synthetic::collection(&texts, n);
        let mb = collection
            .articles
            .iter()
            .map(|a| a.text.len())
            .sum::<usize>() as f64
            / 1e6;
        let runs = if n < 300 { 3 } else { 1 };
        let base = LIVE.load(Relaxed);
        PEAK.store(base, Relaxed);
        let (clean, corpus) = best_of(runs, || collection.corpus());
        let (geoparse, toponyms) = best_of(runs, || {
            factmap::geoparse::corpus_toponyms(&parser, &corpus)
        });
        let (places_ms, places) = best_of(runs, || factmap::places::map_places(&corpus, &toponyms));
        let (facts_ms, facts) = best_of(runs, || factmap::facts::extract(&corpus, &toponyms));
        let (layers_ms, layers) = best_of(runs, || MapLayers::build(&basemap, &places, WIDE));
        let screen = Screen::nominal(WIDE, WIDE[0]);
        // What the page does when it first draws: clusters and labels at the first zoom.
        let (clusters_ms, clusters) = best_of(runs, || {
            let clusters = layers.clusters(1.0);
            let labels = layers.labels(Zoom::default(), &screen, &clusters);
            (clusters, labels.iter().flatten().count())
        });
        let peak = PEAK.load(Relaxed).saturating_sub(base);
        let kept = LIVE.load(Relaxed).saturating_sub(base);
        let towns = layers
            .marks
            .iter()
            .filter(|m| matches!(m.shape, map_layers::Shape::Point { .. }))
            .count();
        let drawn = clusters.0.groups.len()
            + (0..layers.marks.len())
                .filter(|&i| !clusters.0.hides(i))
                .count();
        let total = clean + geoparse + places_ms + facts_ms + layers_ms + clusters_ms;
        println!(
            "{n:>8} {mb:>7.2} {clean:>8.1} {geoparse:>8.1} {places_ms:>8.1} {facts_ms:>8.1} \
                {layers_ms:>8.1} {clusters_ms:>9.1} {total:>7.0} {towns:>7} {drawn:>7} {:>9.1} \
                {:>8.1}",
            peak as f64 / 1e6,
            kept as f64 / 1e6
        );
        println!(
            "{:>8} {} places ({} in the overview), {} clusters, {} facts, {} labels at the first zoom",
            "",
            layers.marks.len(),
            layers.marks.iter().filter(|m| m.in_overview).count(),
            clusters.0.groups.len(),
            facts.facts.len(),
            clusters.1
        );
        drop((corpus, toponyms, places, facts, layers, clusters));
    }
}

/// Fastest of `runs` runs, in milliseconds, with the last run's result.
fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut out = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = std::hint::black_box(f());
        best = best.min(start.elapsed().as_secs_f64() * 1e3);
        out = Some(value);
    }
    (best, out.expect("at least one run"))
}
