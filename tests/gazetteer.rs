//! The shipped gazetteer (`public/gazetteer.bin`, built by `make gazetteer`): coverage of the
//! places the corpus and news about it name, and the junk the builder must keep out.

use std::sync::OnceLock;

use factmap::gazetteer::{normalize, Gazetteer, Place, PlaceKind};

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        Gazetteer::decode(include_bytes!("../public/gazetteer.bin"))
            .expect("public/gazetteer.bin decodes")
    })
}

fn candidates(name: &str) -> Vec<&'static Place> {
    let g = gazetteer();
    g.lookup(name).iter().map(|&id| g.place(id)).collect()
}

/// What a name must find among its candidates: a place of this kind, country, admin-1 code
/// (empty: any) and geonameid (0: any).
struct Expect {
    name: &'static str,
    kind: PlaceKind,
    country: &'static str,
    admin1: &'static str,
    geonameid: u32,
}

const fn e(
    name: &'static str,
    kind: PlaceKind,
    country: &'static str,
    admin1: &'static str,
    geonameid: u32,
) -> Expect {
    Expect {
        name,
        kind,
        country,
        admin1,
        geonameid,
    }
}

use PlaceKind::{Admin1, Admin2, Area, Country, Populated};

const FINDS: &[Expect] = &[
    // Towns, and the spellings English news uses for them.
    e("Kyiv", Populated, "UA", "UA.12", 703448),
    e("Kiev", Populated, "UA", "UA.12", 703448),
    e("Odesa", Populated, "UA", "UA.17", 698740),
    e("Odessa", Populated, "UA", "UA.17", 698740),
    e("Kryvyy Rih", Populated, "UA", "UA.04", 703845),
    e("Kryvyi Rih", Populated, "UA", "UA.04", 703845),
    e("Krivoy Rog", Populated, "UA", "UA.04", 703845),
    e("Dnipro", Populated, "UA", "UA.04", 709930),
    e("Dnipropetrovsk", Populated, "UA", "UA.04", 709930),
    e("Kharkiv", Populated, "UA", "UA.07", 706483),
    e("Kharkov", Populated, "UA", "UA.07", 706483),
    e("Sudzha", Populated, "RU", "RU.41", 486816),
    e("Kursk", Populated, "RU", "RU.41", 538560),
    e("Kaluga", Populated, "RU", "RU.25", 553915),
    e("Sumy", Populated, "UA", "UA.21", 692194),
    e("Moscow", Populated, "RU", "RU.48", 524901),
    e("Obukhovo", Populated, "RU", "RU.47", 516305),
    e("Washington", Populated, "US", "US.DC", 4140963),
    e("Paris", Populated, "FR", "FR.11", 2988507),
    e("Paris", Populated, "US", "US.TX", 4717560),
    e("Jeddah", Populated, "SA", "", 105343),
    e("Bakhmut", Populated, "UA", "UA.05", 0),
    e("Mariupol", Populated, "UA", "UA.05", 0),
    e("Gaza", Populated, "PS", "", 0),
    e("Minsk", Populated, "BY", "", 625144),
    // Admin-1 regions, by their own names and the forms news builds from them.
    e("Kursk region", Admin1, "RU", "RU.41", 538555),
    e("Kursk Oblast", Admin1, "RU", "RU.41", 538555),
    e("Kursk", Admin1, "RU", "RU.41", 538555),
    e("Sumy Oblast", Admin1, "UA", "UA.21", 692196),
    e("Sumy region", Admin1, "UA", "UA.21", 692196),
    e("Kaluga region", Admin1, "RU", "RU.25", 553899),
    e("Bryansk region", Admin1, "RU", "RU.10", 0),
    e("Belgorod", Admin1, "RU", "RU.09", 0),
    e("Belgorod region", Admin1, "RU", "RU.09", 0),
    e("Donetsk Oblast", Admin1, "UA", "UA.05", 0),
    e("Luhansk region", Admin1, "UA", "UA.14", 0),
    e("Kharkiv region", Admin1, "UA", "UA.07", 0),
    e("Kyiv region", Admin1, "UA", "UA.13", 0),
    e("Zaporizhzhia region", Admin1, "UA", "UA.26", 0),
    e("Kherson region", Admin1, "UA", "UA.08", 0),
    e("Crimea", Admin1, "UA", "UA.11", 0),
    e("Sevastopol City", Admin1, "UA", "UA.20", 0),
    e("Sevastopol", Populated, "UA", "UA.20", 0),
    e("Moscow region", Admin1, "RU", "RU.47", 0),
    e("Krasnodar Krai", Admin1, "RU", "RU.38", 0),
    e("Republic of Tatarstan", Admin1, "RU", "RU.73", 0),
    e("Chechnya", Admin1, "RU", "RU.12", 0),
    e("Ohio", Admin1, "US", "US.OH", 5165418),
    e("Texas", Admin1, "US", "US.TX", 4736286),
    e("Washington State", Admin1, "US", "US.WA", 0),
    e("Tamil Nadu", Admin1, "IN", "IN.25", 1255053),
    e("Ontario", Admin1, "CA", "CA.08", 6093943),
    e("Bavaria", Admin1, "DE", "DE.02", 0),
    e("Gaza Strip", Admin1, "PS", "PS.GZ", 0),
    e("Gaza", Admin1, "PS", "PS.GZ", 0),
    e("West Bank", Admin1, "PS", "PS.WE", 0),
    e("England", Admin1, "GB", "GB.ENG", 0),
    e("Scotland", Admin1, "GB", "GB.SCT", 0),
    // Countries, by name and by the aliases of data/country-aliases.tsv.
    e("Russia", Country, "RU", "", 2017370),
    e("Russian Federation", Country, "RU", "", 2017370),
    e("Ukraine", Country, "UA", "", 690791),
    e("Belarus", Country, "BY", "", 630336),
    e("United States", Country, "US", "", 6252001),
    e("U.S.", Country, "US", "", 6252001),
    e("US", Country, "US", "", 6252001),
    e("USA", Country, "US", "", 6252001),
    e("America", Country, "US", "", 6252001),
    e("United States of America", Country, "US", "", 6252001),
    e("UK", Country, "GB", "", 2635167),
    e("Britain", Country, "GB", "", 2635167),
    e("Great Britain", Country, "GB", "", 2635167),
    e("UAE", Country, "AE", "", 0),
    e("South Korea", Country, "KR", "", 0),
    e("North Korea", Country, "KP", "", 0),
    e("Czech Republic", Country, "CZ", "", 0),
    e("Czechia", Country, "CZ", "", 0),
    e("Ivory Coast", Country, "CI", "", 0),
    e("DRC", Country, "CD", "", 0),
    e("Burma", Country, "MM", "", 0),
    e("Georgia", Country, "GE", "", 0),
    e("Palestine", Country, "PS", "", 0),
    // Areas, from data/areas.tsv.
    e("Europe", Area, "", "", 6255148),
    e("Asia", Area, "", "", 6255147),
    e("Africa", Area, "", "", 6255146),
    e("North America", Area, "", "", 6255149),
    e("South America", Area, "", "", 6255150),
    e("Oceania", Area, "", "", 6255151),
    e("Antarctica", Area, "", "", 6255152),
    e("Middle East", Area, "", "", 0),
    e("Mideast", Area, "", "", 0),
    e("Balkans", Area, "", "", 0),
    e("Caucasus", Area, "", "", 0),
    e("Scandinavia", Area, "", "", 0),
    e("Baltics", Area, "", "", 0),
    e("Donbas", Area, "UA", "", 0),
    e("Donbass", Area, "UA", "", 0),
    e("Kashmir", Area, "", "", 0),
    e("Sahel", Area, "", "", 0),
    e("Siberia", Area, "RU", "", 0),
    e("Central Asia", Area, "", "", 0),
    e("Latin America", Area, "", "", 0),
    e("Southeast Asia", Area, "", "", 0),
    e("Persian Gulf", Area, "", "", 0),
    e("Gulf", Area, "", "", 0),
    e("Horn of Africa", Area, "", "", 0),
    e("New England", Area, "US", "", 0),
    e("Midwest", Area, "US", "", 0),
    e("Pacific Northwest", Area, "US", "", 0),
];

#[test]
fn finds_the_places_news_names() {
    let mut missing = Vec::new();
    for x in FINDS {
        let found = candidates(x.name).into_iter().any(|p| {
            p.kind == x.kind
                && p.country == x.country
                && (x.admin1.is_empty() || p.admin1 == x.admin1)
                && (x.geonameid == 0 || p.geonameid == x.geonameid)
        });
        if !found {
            let have: Vec<String> = candidates(x.name)
                .iter()
                .map(|p| {
                    format!(
                        "{:?} {} {} {} {}",
                        p.kind, p.name, p.country, p.admin1, p.geonameid
                    )
                })
                .collect();
            missing.push(format!(
                "{} → {:?} {} {} {}: have {have:?}",
                x.name, x.kind, x.country, x.admin1, x.geonameid
            ));
        }
    }
    assert!(missing.is_empty(), "not found:\n{}", missing.join("\n"));
}

#[test]
fn regions_and_countries_come_before_towns() {
    let first = |name: &str| candidates(name)[0];
    assert_eq!(
        (first("Ukraine").kind, first("Ukraine").country.as_str()),
        (Country, "UA")
    );
    assert_eq!(first("Europe").kind, Area);
    assert_eq!(
        (
            first("Kursk region").kind,
            first("Kursk region").admin1.as_str()
        ),
        (Admin1, "RU.41")
    );
    // Among towns of one name, the most populous comes first.
    let paris: Vec<&Place> = candidates("Paris")
        .into_iter()
        .filter(|p| p.kind == Populated)
        .collect();
    assert_eq!(paris[0].geonameid, 2988507);
    assert!(paris.windows(2).all(|w| w[0].population >= w[1].population));
}

#[test]
fn crimea_and_sevastopol_are_ukraine() {
    let g = gazetteer();
    for code in ["UA.11", "UA.20"] {
        let region = g.place(g.admin1(code).unwrap_or_else(|| panic!("admin-1 {code}")));
        assert_eq!(region.country, "UA", "{code}");
    }
    for p in g
        .places()
        .iter()
        .filter(|p| p.admin1 == "UA.11" || p.admin1 == "UA.20")
    {
        assert_eq!(p.country, "UA", "{} {}", p.name, p.geonameid);
    }
}

#[test]
fn counties_lie_among_their_towns_and_carry_no_bare_names() {
    let hall: Vec<&Place> = candidates("Hall County")
        .into_iter()
        .filter(|p| p.kind == Admin2)
        .collect();
    let mut states: Vec<&str> = hall.iter().map(|p| p.admin1.as_str()).collect();
    states.sort();
    assert_eq!(states, ["US.GA", "US.NE", "US.TX"]);
    let georgia = hall.iter().find(|p| p.admin1 == "US.GA").unwrap();
    // Hall County, Georgia is around Gainesville (34.30 N, 83.82 W).
    assert!(
        (georgia.lat - 34.3).abs() < 0.3 && (georgia.lon + 83.82).abs() < 0.3,
        "{georgia:?}"
    );
    // "Hall" alone stays a town's name (or nothing), never the county's.
    assert!(candidates("Hall").iter().all(|p| p.kind != Admin2));
    // Beeville, Texas was once called Maryville: the name belongs to the bigger Maryvilles.
    assert!(
        candidates("Maryville")
            .iter()
            .all(|p| p.name == "Maryville"),
        "{:?}",
        candidates("Maryville")
    );
}

#[test]
fn junk_names_are_not_keys() {
    let g = gazetteer();
    // Airport and ICAO codes of Kyiv (Boryspil, Zhuliany) and Odesa.
    for code in ["KBP", "IEV", "UKBB", "UKKK", "ODS"] {
        assert!(
            g.lookup(code)
                .iter()
                .all(|&id| g.place(id).kind != Populated),
            "{code} names a town"
        );
    }
    // No town key carries an administrative or facility word.
    let admin_words = [
        "oblast",
        "raion",
        "rayon",
        "district",
        "province",
        "county",
        "airport",
        "municipality",
    ];
    for key in g.name_keys() {
        if key.split([' ', '-']).any(|w| admin_words.contains(&w)) {
            for &id in g.lookup_key(key) {
                let p = g.place(id);
                let own = normalize(&p.name) == key;
                assert!(
                    p.kind != Populated || own,
                    "town {} ({}) has key {key:?}",
                    p.name,
                    p.geonameid
                );
            }
        }
    }
    // A village does not answer to a capital's name.
    let moscow: Vec<&Place> = candidates("Moscow")
        .into_iter()
        .filter(|p| p.kind == Populated && p.country == "RU")
        .collect();
    assert_eq!(moscow.len(), 1, "{moscow:?}");
    let kiev: Vec<&Place> = candidates("Kiev")
        .into_iter()
        .filter(|p| p.kind == Populated)
        .collect();
    assert_eq!(
        kiev.iter().map(|p| p.geonameid).collect::<Vec<_>>(),
        [703448]
    );
    // Romanised junk from other scripts.
    for junk in ["ha er ke fu", "dnyprwptrwfsk", "hkarrkeb"] {
        assert!(g.lookup(junk).is_empty(), "{junk}");
    }
}

/// Gaps closed by general rules (issue 16): a district seat GeoNames gives no population, a name
/// written without its space, historical and renamed countries, and an exonym that is another
/// place's own name.
#[test]
fn well_known_places_news_names() {
    let g = gazetteer();
    let first = |name: &str| -> Vec<(String, String)> {
        g.lookup(name)
            .iter()
            .map(|&id| (g.place(id).name.clone(), g.place(id).feature_code.clone()))
            .collect()
    };
    assert!(
        first("Tal Afar").contains(&("Tall ‘Afar".to_owned(), "PPLA2".to_owned())),
        "{:?}",
        first("Tal Afar")
    );
    assert_eq!(
        first("Miranshah"),
        [("Miran Shah".to_owned(), "PPL".to_owned())]
    );
    assert!(
        first("al-Bab").contains(&("Al Bāb".to_owned(), "PPLA2".to_owned())),
        "{:?}",
        first("al-Bab")
    );
    for name in [
        "Yugoslavia",
        "Soviet Union",
        "USSR",
        "Czechoslovakia",
        "East Germany",
    ] {
        assert_eq!(first(name).len(), 1, "{name}");
        assert_eq!(first(name)[0].1, "PCLH", "{name}");
    }
    let zaire = g.lookup("Zaire");
    assert!(
        zaire
            .iter()
            .any(|&id| g.place(id).kind == Country && g.place(id).country == "CD"),
        "{:?}",
        first("Zaire")
    );
    assert!(first("Eastern Ghouta").len() == 1);
    // Belém, Brazil is not "Bethlehem"; Bethlehem, West Bank is.
    let bethlehem: Vec<&str> = g
        .lookup("Bethlehem")
        .iter()
        .map(|&id| g.place(id).country.as_str())
        .collect();
    assert!(
        bethlehem.contains(&"PS") && !bethlehem.contains(&"BR"),
        "{bethlehem:?}"
    );
}

#[test]
fn towns_meet_the_population_rule() {
    let small: Vec<&Place> = gazetteer()
        .places()
        .iter()
        .filter(|p| {
            p.kind == Populated
                && p.population < 1000
                && !["RU", "UA", "BY"].contains(&p.country.as_str())
                // Seats whose population GeoNames does not record (0) are kept.
                && !(p.population == 0 && ["PPLC", "PPLA", "PPLA2"].contains(&p.feature_code.as_str()))
        })
        .collect();
    assert!(
        small.is_empty(),
        "{} towns under 1000 outside RU/UA/BY (other than seats of unknown population), e.g. {:?}",
        small.len(),
        small.first()
    );
}

#[test]
fn counts_and_codes_are_plausible() {
    let g = gazetteer();
    let count = |kind| g.places().iter().filter(|p| p.kind == kind).count();
    assert!(
        (120_000..=200_000).contains(&count(Populated)),
        "{} towns",
        count(Populated)
    );
    assert!(
        (3_000..=4_500).contains(&count(Admin1)),
        "{} admin-1 regions",
        count(Admin1)
    );
    assert!(
        (230..=260).contains(&count(Country)),
        "{} countries",
        count(Country)
    );
    assert!((60..=200).contains(&count(Area)), "{} areas", count(Area));
    assert!(
        (3_000..=6_000).contains(&count(Admin2)),
        "{} districts",
        count(Admin2)
    );
    for p in g.places() {
        assert!(
            (-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon),
            "{p:?}"
        );
        match p.kind {
            Admin1 => assert!(
                p.admin1.starts_with(&format!("{}.", p.country)) && p.feature_code == "ADM1",
                "{p:?}"
            ),
            Country => assert!(p.country.len() == 2 && p.admin1.is_empty(), "{p:?}"),
            Populated => assert!(
                p.feature_code.starts_with("PPL") || p.feature_code == "STLMT",
                "{p:?}"
            ),
            Area => assert!(
                ["CONT", "RGN", "PCLH"].contains(&p.feature_code.as_str()),
                "{p:?}"
            ),
            Admin2 => assert!(
                ["US", "RU", "UA", "BY"].contains(&p.country.as_str())
                    && p.admin1.starts_with(&format!("{}.", p.country))
                    && p.feature_code == "ADM2",
                "{p:?}"
            ),
        }
    }
    // Every admin-1 code a town carries that has a region resolves to it.
    assert_eq!(g.place(g.admin1("RU.41").unwrap()).name, "Kursk Oblast");
    assert_eq!(g.place(g.country("GB").unwrap()).name, "United Kingdom");
    assert!(g.longest_name_words() >= 4);
}

#[test]
fn representative_points_lie_in_the_right_place() {
    let g = gazetteer();
    // (code, lat range, lon range): rough boxes around each country's or region's body.
    for (code, lat, lon) in [
        ("RU", 50.0..72.0, 40.0..140.0),
        ("US", 30.0..48.0, -115.0..-80.0),
        ("UA", 46.0..52.0, 24.0..40.0),
        ("FR", 43.0..50.0, -2.0..7.0),
        ("NO", 58.0..71.0, 5.0..31.0),
        ("ID", -8.0..4.0, 100.0..140.0),
        ("CY", 34.5..35.7, 32.2..34.6),
    ] {
        let p = g.place(g.country(code).unwrap());
        assert!(
            lat.contains(&p.lat) && lon.contains(&p.lon),
            "{code} at {} {}",
            p.lat,
            p.lon
        );
    }
    let kursk = g.place(g.admin1("RU.41").unwrap());
    assert!(
        (kursk.lat - 51.7358).abs() < 0.01 && (kursk.lon - 36.2921).abs() < 0.01,
        "{kursk:?}"
    );
    let france_idf = g.place(g.admin1("FR.11").unwrap());
    assert!(
        (48.0..49.5).contains(&france_idf.lat) && (1.5..3.5).contains(&france_idf.lon),
        "Île-de-France at {france_idf:?}"
    );
}

#[test]
fn every_demonym_points_at_a_place() {
    let g = gazetteer();
    let mut missing = Vec::new();
    for line in include_str!("../data/demonyms.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (demonym, target) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("no tab in {line:?}"));
        let place = if target.len() == 2 && target.chars().all(|c| c.is_ascii_uppercase()) {
            g.country(target)
        } else {
            g.lookup(target)
                .first()
                .copied()
                .filter(|&id| g.place(id).kind != Populated)
        };
        if place.is_none() {
            missing.push(format!("{demonym} → {target}"));
        }
    }
    assert!(missing.is_empty(), "demonyms without a place: {missing:?}");
}

// ---------------------------------------------------------------------------------------------
// Country shards (`public/gazetteer/XX-<hash>.bin`, listed in the core's manifest)

/// The core with every shard it lists, read from `public/gazetteer/`.
fn with_all_shards() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut g = gazetteer().clone();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/gazetteer");
        let problems = g.load_shards(None, |info| {
            std::fs::read(dir.join(&info.file)).map_err(|e| e.to_string())
        });
        assert!(problems.is_empty(), "{problems:?}");
        g
    })
}

fn shard_bytes(country: &str) -> Vec<u8> {
    let info = gazetteer()
        .shard_info(country)
        .unwrap_or_else(|| panic!("no shard for {country}"));
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("public/gazetteer")
            .join(&info.file),
    )
    .expect("shard file")
}

#[test]
fn every_listed_shard_is_there_whole_and_nothing_else() {
    let g = gazetteer();
    assert!(g.manifest().len() > 150, "{} shards", g.manifest().len());
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/gazetteer");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = g.manifest().iter().map(|s| s.file.clone()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "public/gazetteer/ holds exactly the shards the core lists (make gazetteer)"
    );
    for info in g.manifest() {
        let bytes = shard_bytes(&info.country);
        assert_eq!(
            (bytes.len() as u64, factmap::gazetteer::content_hash(&bytes)),
            (info.bytes, info.hash),
            "{}",
            info.file
        );
        assert!(
            info.file.starts_with(&format!("{}-", info.country))
                && info.file.ends_with(&format!("{:016x}.bin", info.hash))
        );
        let shard = Gazetteer::decode(&bytes).unwrap();
        assert_eq!(shard.shard_country(), info.country);
        assert!(
            shard
                .places()
                .iter()
                .all(|p| p.country == info.country && matches!(p.kind, Populated | Admin2)),
            "{}",
            info.file
        );
    }
    assert_eq!(with_all_shards().loaded_shards().len(), g.manifest().len());
}

/// (name, country, kind, feature code) a country's shard must find, in that country only.
const LOCAL: &[(&str, &str, PlaceKind, &str)] = &[
    ("Bagha", "BD", Admin2, "ADM3"), // an upazila
    ("Sharsha", "BD", Admin2, "ADM3"),
    ("Daganbhuiyan", "BD", Admin2, "ADM3"),
    ("Rangunia", "BD", Admin2, "ADM3"),
    ("Bagatipara", "BD", Admin2, "ADM3"),
    ("Tirumalayapalem", "IN", Populated, "PPL"), // a village with a post office
    ("Kudligi", "IN", Admin2, "ADM3"),           // a taluk
    ("Baksa", "IN", Admin2, "ADM2"),             // a district
    ("Jajarkot", "NP", Admin2, "ADM2"),
    ("Humla", "NP", Admin2, "ADM2"),
    ("Lamahi", "NP", Admin2, "ADM3"), // a municipality
    ("Zhob", "PK", Admin2, "ADM2"),
];

#[test]
fn shards_find_villages_and_divisions_only_for_their_country() {
    let g = with_all_shards();
    let mut wrong = Vec::new();
    for &(name, country, kind, code) in LOCAL {
        let key = normalize(name);
        let ids = g.lookup_in(&key, &[country.to_owned()]);
        if !ids.iter().any(|&id| {
            g.is_local(id)
                && g.place(id).country == country
                && g.place(id).kind == kind
                && g.place(id).feature_code == code
        }) {
            wrong.push(format!(
                "{name}: {:?}",
                ids.iter().map(|&i| g.place(i)).collect::<Vec<_>>()
            ));
        }
        // Not for a text about another country, nor through the core's plain lookup.
        assert!(
            g.lookup_in(&key, &["FR".to_owned()])
                .iter()
                .all(|&id| !g.is_local(id)),
            "{name}"
        );
        assert!(g.lookup(name).iter().all(|&id| !g.is_local(id)), "{name}");
    }
    assert!(wrong.is_empty(), "not found:\n{}", wrong.join("\n"));
}

/// Shards hold India's post offices, some named after an office every district has, and
/// their names are matched loosely: neither may make a confident wrong place.
#[test]
fn offices_and_loose_spellings_are_not_taken_for_far_towns() {
    let parser = factmap::geoparse::Geoparser::new(with_all_shards());
    // The district's own Collectorate, not the post office spelled "Collectrate" in Agra.
    let records = parser.records(
        "Activists of the YSR Congress and the CPI (M) staged a demonstration in front of the Collectorate.",
    );
    assert!(
        records
            .iter()
            .all(|r| !r.name.starts_with("Collect") || r.lat.is_none()),
        "{records:#?}"
    );
    // A loose spelling is a guess only in the country the text names, not in one a shard's
    // namesake suggests: no Indian Sankheda in a Bangladeshi report.
    let records = parser.records(
        "Activists of Pabna Awami League were injured in a clash over lease of Shanikdia haat in Pabna Sadar upazila on Monday.",
    );
    assert!(
        records.iter().all(|r| r.country.as_deref() != Some("IN")),
        "{records:#?}"
    );
    assert!(
        records.iter().any(|r| r.country.as_deref() == Some("BD")),
        "{records:#?}"
    );
}

/// "Annapurna Das": a surname after a name spelled like a place (Nepal's Annapurna, in its
/// shard) makes a person.
#[test]
fn a_surname_after_a_place_name_makes_a_person() {
    let parser = factmap::geoparse::Geoparser::new(with_all_shards());
    let records = parser.records(
        "Assailants attacked CPI (M) councillor, Annapurna Das, and ransacked her house in Kasba, Bihar.",
    );
    assert!(
        records.iter().all(|r| r.name != "Annapurna"),
        "{records:#?}"
    );
    let records = parser.records("Trekkers were stranded in Annapurna, Nepal, on Monday.");
    assert!(
        records
            .iter()
            .any(|r| r.name == "Annapurna" && r.country.as_deref() == Some("NP")),
        "{records:#?}"
    );
}

/// "Tirah, Khyber Agency": the gazetteer's towns named Tirah are in Israel, of no note; the
/// district named beside it says where this one is (the Tirah Valley of data/areas.tsv, or the
/// district itself).
#[test]
fn a_district_beside_a_name_outweighs_small_namesakes_abroad() {
    let parser = factmap::geoparse::Geoparser::new(with_all_shards());
    for text in [
        "Militants attacked a checkpost in Tirah, Khyber Agency on Monday.",
        "Militants attacked a checkpost in Tirah valley, Khyber Agency on Monday.",
    ] {
        let records = parser.records(text);
        let tirah = records.iter().find(|r| r.name == "Tirah");
        assert!(
            tirah.is_some_and(|r| r.country.as_deref() == Some("PK")
                && matches!(
                    r.resolved_name.as_deref(),
                    Some("Khyber Agency" | "Tirah Valley")
                )),
            "{text}: {records:#?}"
        );
    }
}

/// India has many Laxmipurs by that spelling, Bangladesh one Lakshmipur: a report the Awami
/// League says is Bangladeshi means Bangladesh's, though only the loose spelling matches it.
#[test]
fn a_loose_spelling_in_the_named_country_outweighs_exact_namesakes_abroad() {
    let parser = factmap::geoparse::Geoparser::new(with_all_shards());
    let text = "Ten were injured in a clash between Awami League factions at a market in \
                Laxmipur district town on Friday.";
    let records = parser.records(text);
    let found = records.iter().find(|r| r.name == "Laxmipur");
    assert_eq!(
        found.map(|r| r.country.as_deref()),
        Some(Some("BD")),
        "{records:#?}"
    );
    // Without the cue, the exact namesakes stand: India's many Laxmipurs, none settled.
    let records =
        parser.records("Ten were injured in a clash in Laxmipur district town on Friday.");
    let found = records.iter().find(|r| r.name == "Laxmipur");
    assert_ne!(
        found.map(|r| r.country.as_deref()),
        Some(Some("BD")),
        "{records:#?}"
    );
}

/// Bangladesh has a Magura district and unions so named: a report on a hartal means the
/// district. A village said to be in a district that is also its sadar upazila's name
/// ("Laxmiganj village in Madaripur") is placed in that district, not at a namesake elsewhere.
/// (Magura town, the district's seat, has no population in GeoNames and is in the core as a
/// seat of unknown population: the seat of the district is as right as the district.)
#[test]
fn a_district_outranks_the_smaller_divisions_of_its_name() {
    let parser = factmap::geoparse::Geoparser::new(with_all_shards());
    let cases = [
        (
            "In Magura, hartal supporters torched a vehicle of the district office.",
            "Magura",
            &["ADM2", "PPLA2"][..],
        ),
        (
            "Seven were injured in a clash at Laxmiganj village in Madaripur on Saturday. \
             Houses were set ablaze in Madaripur Sadar upazila.",
            "Laxmiganj",
            &["ADM2"][..],
        ),
    ];
    for (text, name, codes) in cases {
        let records = parser.records(text);
        let found = records.iter().find(|r| r.name == name);
        assert!(
            found.is_some_and(|r| r.country.as_deref() == Some("BD")
                && r.feature_code
                    .as_deref()
                    .is_some_and(|c| codes.contains(&c))),
            "{text}: {records:#?}"
        );
    }
}

#[test]
fn romanised_spellings_are_found_loosely() {
    let g = with_all_shards();
    for (spelling, name, country) in [
        ("Netrokona", "netrakona", "BD"),
        ("Punganoor", "punganur", "IN"),
        ("Mirpurkhas", "mirpurkhas", "PK"),
        ("Laxmipur", "lakshmipur", "BD"),
    ] {
        let found = g.lookup_loose(&normalize(spelling), &[country.to_owned()]);
        let names: Vec<String> = found
            .iter()
            .map(|&id| normalize(&g.place(id).name).replace([' ', '-'], ""))
            .collect();
        assert!(names.iter().any(|n| n == name), "{spelling}: {names:?}");
    }
    assert!(g.lookup_loose("netrokona", &["FR".to_owned()]).is_empty());
}

#[test]
fn a_bad_shard_is_reported_and_the_others_still_load() {
    use factmap::gazetteer::GazetteerError;
    let core = gazetteer();
    let bd = shard_bytes("BD");
    let np = shard_bytes("NP");
    let added = |bytes: &[u8]| core.clone().add_shard(bytes);
    // Truncated or damaged: refused before decoding, by its length and hash.
    for cut in [0, 8, 100, bd.len() / 2, bd.len() - 1] {
        assert!(
            matches!(
                added(&bd[..cut]),
                Err(GazetteerError::ShardMismatch { .. })
                    | Err(GazetteerError::BadMagic)
                    | Err(GazetteerError::Damaged(_))
            ),
            "cut at {cut}"
        );
    }
    let mut flipped = bd.clone();
    flipped[bd.len() / 2] ^= 0x55;
    assert!(matches!(
        added(&flipped),
        Err(GazetteerError::ShardMismatch { .. }) | Err(GazetteerError::Damaged(_))
    ));
    // Another format version says so.
    let mut newer = bd.clone();
    newer[4] = 9;
    assert_eq!(added(&newer), Err(GazetteerError::UnsupportedVersion(9)));
    // The core is no shard.
    assert_eq!(
        added(include_bytes!("../public/gazetteer.bin")),
        Err(GazetteerError::NotAShard)
    );
    // Whole, it loads, once.
    let mut g = core.clone();
    assert_eq!(g.add_shard(&bd), Ok("BD".to_owned()));
    let places = g.places().len();
    assert_eq!(g.add_shard(&bd), Ok("BD".to_owned()));
    assert_eq!(g.places().len(), places);
    // Loading several: the missing and the truncated are reported with a clear message, the
    // rest load, and nothing of the bad ones is kept.
    let mut g = core.clone();
    let only = ["BD".to_owned(), "NP".to_owned(), "IN".to_owned()];
    let problems = g.load_shards(Some(&only), |info| match info.country.as_str() {
        "BD" => Ok(bd.clone()),
        "NP" => Ok(np[..np.len() - 10].to_vec()),
        _ => Err("404 Not Found".to_owned()),
    });
    assert_eq!(g.loaded_shards(), ["BD".to_owned()]);
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("gazetteer shard NP") && m.contains("truncated")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.starts_with("gazetteer shard IN")
            && m.contains("404 Not Found")
            && m.contains("world core only")),
        "{messages:?}"
    );
    assert!(g
        .lookup_in("jajarkot", &["NP".to_owned()])
        .iter()
        .all(|&id| !g.is_local(id)));
}

#[test]
fn the_words_around_a_name_say_whether_it_is_a_division_or_a_settlement() {
    let parser = factmap::geoparse::Geoparser::new(with_all_shards());
    // "Chitwan district" is the Nepalese district, not a Bihar village spelled like it, and
    // Bharatpur beside it is Nepal's; "the city of Porto" is the city, not its district; "the
    // Kursk town of Sudzha" says nothing of what Kursk is.
    let cases = [
        (
            "Businessmen of Chitwan district staged a protest in Bharatpur against India's \
             blockade, the Federation of Nepalese Chambers said.",
            "Chitwan",
            ("NP", "ADM2"),
        ),
        (
            "Businessmen of Chitwan district staged a protest in Bharatpur against India's \
             blockade, the Federation of Nepalese Chambers said.",
            "Bharatpur",
            ("NP", "PPL"),
        ),
        (
            "Thousands rallied in the northern city of Porto on Saturday.",
            "Porto",
            ("PT", "PPLA"),
        ),
    ];
    for (text, name, (country, code)) in cases {
        let records = parser.records(text);
        let found = records.iter().find(|r| r.name == name);
        assert_eq!(
            found.map(|r| (r.country.as_deref(), r.feature_code.as_deref())),
            Some((Some(country), Some(code))),
            "{text}: {records:#?}"
        );
    }
    let records = parser.records("Troops retook the Kursk town of Sudzha, the ministry said.");
    let kursk = records.iter().find(|r| r.name == "Kursk");
    assert_eq!(kursk.and_then(|r| r.feature_code.as_deref()), Some("ADM1"));
}
