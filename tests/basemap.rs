//! The committed base map (`public/basemap.json`, `make basemap`): it loads, its areas carry
//! names and codes, the places of the shipped corpus fall in the right outlines, and it stays
//! small enough for the first paint.

use factmap::basemap::{AreaKind, Basemap};
use std::io::Write;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/public/basemap.json");
/// gzip -9 size budget: the whole first paint must stay under 350 KB.
const GZIP_BUDGET: usize = 60 * 1024;

fn basemap() -> Basemap {
    Basemap::decode(&std::fs::read_to_string(PATH).unwrap()).unwrap()
}

const SIMFEROPOL: [f64; 2] = [34.10, 44.95];
const SEVASTOPOL: [f64; 2] = [33.52, 44.60];
const KURSK: [f64; 2] = [36.19, 51.73];
const SUDZHA: [f64; 2] = [35.27, 51.19];
const SUMY: [f64; 2] = [34.80, 50.91];
const KALUGA: [f64; 2] = [36.27, 54.51];
const KYIV: [f64; 2] = [30.52, 50.45];
const MOSCOW: [f64; 2] = [37.62, 55.75];
const MINSK: [f64; 2] = [27.56, 53.90];

#[test]
fn places_lie_in_their_country_in_both_layers() {
    let map = basemap();
    for (place, iso2) in [
        (SIMFEROPOL, "UA"),
        (SEVASTOPOL, "UA"),
        (SUMY, "UA"),
        (KYIV, "UA"),
        (KURSK, "RU"),
        (SUDZHA, "RU"),
        (KALUGA, "RU"),
        (MOSCOW, "RU"),
        (MINSK, "BY"),
    ] {
        let detailed = map.countries.iter().find(|a| a.country == iso2).unwrap();
        assert!(detailed.contains(place), "{place:?} not in detailed {iso2}");
        // Sevastopol's bay is finer than the world layer's coast.
        if place != SEVASTOPOL {
            let world = map.world.iter().find(|a| a.country == iso2).unwrap();
            assert!(world.contains(place), "{place:?} not in world {iso2}");
        }
        let others: Vec<&str> = map
            .countries
            .iter()
            .filter(|a| a.country != iso2 && a.contains(place))
            .map(|a| a.country.as_str())
            .collect();
        assert!(others.is_empty(), "{place:?} also in {others:?}");
    }
}

#[test]
fn crimea_is_ukraines() {
    let map = basemap();
    let crimea = map.admin1("UA.11").expect("Crimea, UA.11");
    assert_eq!(crimea.country, "UA");
    assert!(crimea.contains(SIMFEROPOL));
    assert!(map
        .admin1("UA.20")
        .expect("Sevastopol, UA.20")
        .contains(SEVASTOPOL));
    assert!(!map
        .world
        .iter()
        .find(|a| a.country == "RU")
        .unwrap()
        .contains(SIMFEROPOL));
}

#[test]
fn places_lie_in_their_admin1_region_only() {
    let map = basemap();
    for (place, code) in [
        (KURSK, "RU.41"),
        (SUDZHA, "RU.41"),
        (SUMY, "UA.21"),
        (KALUGA, "RU.25"),
        (SIMFEROPOL, "UA.11"),
        (MOSCOW, "RU.48"),
    ] {
        let regions: Vec<&str> = map
            .admin1
            .iter()
            .filter(|a| a.contains(place))
            .map(|a| a.admin1.as_str())
            .collect();
        assert_eq!(regions, [code], "{place:?}");
    }
    // Moscow city is a hole in Moscow Oblast.
    assert!(!map.admin1("RU.47").unwrap().contains(MOSCOW));
}

#[test]
fn areas_have_names_and_codes() {
    let map = basemap();
    assert!(
        map.world.len() >= 170,
        "{} world countries",
        map.world.len()
    );
    assert!(
        map.admin1.len() >= 250,
        "{} admin-1 areas",
        map.admin1.len()
    );
    let region: Vec<&str> = map.countries.iter().map(|a| a.country.as_str()).collect();
    for iso2 in [
        "RU", "UA", "BY", "PL", "LT", "LV", "EE", "FI", "MD", "RO", "SK", "HU", "GE", "KZ",
    ] {
        assert!(region.contains(&iso2), "{iso2} missing from the region");
    }
    for area in map.world.iter().chain(&map.countries).chain(&map.admin1) {
        assert!(!area.name.is_empty());
        assert!(
            matches!(&area.geometry.value, geojson::GeometryValue::MultiPolygon { coordinates } if !coordinates.is_empty()),
            "{} has no outline",
            area.name
        );
    }
    for area in map.countries.iter().chain(&map.admin1) {
        assert_eq!(area.country.len(), 2, "{}", area.name);
    }
    for area in &map.admin1 {
        assert_eq!(area.kind, AreaKind::Admin1);
        assert!(
            area.admin1.starts_with(&format!("{}.", area.country)),
            "{} {}",
            area.name,
            area.admin1
        );
    }
    assert_eq!(map.admin1("RU.41").unwrap().name, "Kursk Oblast");
    assert!(
        map.countries
            .iter()
            .find(|a| a.country == "RU")
            .unwrap()
            .partial
    );
    assert!(
        !map.countries
            .iter()
            .find(|a| a.country == "UA")
            .unwrap()
            .partial
    );
    let unnamed = map.world.iter().filter(|a| a.country.is_empty()).count();
    assert!(
        unnamed <= 8,
        "{unnamed} world countries without an ISO code"
    );
}

#[test]
fn admin1_codes_are_the_gazetteers() {
    let gazetteer = factmap::gazetteer::Gazetteer::decode(
        &std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/public/gazetteer.bin")).unwrap(),
    )
    .unwrap();
    for area in &basemap().admin1 {
        let id = gazetteer
            .admin1(&area.admin1)
            .unwrap_or_else(|| panic!("{} not in the gazetteer", area.admin1));
        assert_eq!(gazetteer.place(id).name, area.name);
    }
}

#[test]
fn fits_in_its_size_budget() {
    let bytes = std::fs::read(PATH).unwrap();
    let mut child = std::process::Command::new("gzip")
        .arg("-9c")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("gzip on PATH");
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let gz = child.wait_with_output().unwrap().stdout.len();
    assert!(
        gz <= GZIP_BUDGET,
        "basemap.json is {gz} bytes gzipped, budget {GZIP_BUDGET}"
    );
}

#[test]
fn the_region_projects_and_fits() {
    use factmap::projection::Projection;
    let map = basemap();
    let russia_ukraine: Vec<geojson::Feature> = map
        .countries
        .iter()
        .filter(|a| {
            ["UA", "BY"].contains(&a.country.as_str()) || a.admin1.is_empty() && a.country == "RU"
        })
        .map(|a| geojson::Feature::from(a.geometry.clone()))
        .collect();
    let p = Projection::conic_conformal()
        .with_parallels([45.0, 60.0])
        .with_rotate([-35.0, 0.0, 0.0]);
    let fitted = p
        .clone()
        .fit_size([960.0, 600.0], russia_ukraine.as_slice())
        .unwrap();
    let b = fitted.bounds(russia_ukraine.as_slice()).unwrap();
    assert!(
        b.min[0] >= -1e-6
            && b.min[1] >= -1e-6
            && b.max[0] <= 960.0 + 1e-6
            && b.max[1] <= 600.0 + 1e-6,
        "{b:?}"
    );
    let kursk = map.admin1("RU.41").unwrap();
    let zoomed = p
        .fit_extent([[20.0, 20.0], [940.0, 580.0]], &kursk.geometry)
        .unwrap();
    let k = zoomed.project(KURSK);
    assert!(
        (20.0..=940.0).contains(&k[0]) && (20.0..=580.0).contains(&k[1]),
        "{k:?}"
    );
}

#[test]
fn each_border_between_regions_is_drawn_once() {
    use factmap::basemap::Area;
    use geojson::{Geometry, GeometryValue};
    // Two squares side by side share the edge x = 1; a third touches neither.
    let square = |name: &str, x0: f64, y0: f64| Area {
        kind: AreaKind::Admin1,
        name: name.into(),
        country: "XX".into(),
        admin1: format!("XX.{name}"),
        partial: false,
        geometry: Geometry::new(GeometryValue::new_multi_polygon(vec![vec![vec![
            vec![x0, y0],
            vec![x0, y0 + 1.0],
            vec![x0 + 1.0, y0 + 1.0],
            vec![x0 + 1.0, y0],
            vec![x0, y0],
        ]]])),
    };
    let map = Basemap {
        world: Vec::new(),
        countries: Vec::new(),
        admin1: vec![
            square("A", 0.0, 0.0),
            square("B", 1.0, 0.0),
            square("C", 5.0, 5.0),
        ],
    };
    assert_eq!(map.admin1_borders(), vec![vec![[1.0, 1.0], [1.0, 0.0]]]);

    // On the shipped map: far fewer edges than the regions' outlines hold, and every one of
    // them an edge of two regions.
    let shipped = basemap();
    let outline_edges: usize = shipped
        .admin1
        .iter()
        .map(|a| match &a.geometry.value {
            GeometryValue::MultiPolygon { coordinates } => coordinates
                .iter()
                .flatten()
                .map(|r| r.len().saturating_sub(1))
                .sum::<usize>(),
            _ => 0,
        })
        .sum();
    let border_edges: usize = shipped.admin1_borders().iter().map(|l| l.len() - 1).sum();
    assert!(
        border_edges > 1000 && border_edges * 2 <= outline_edges,
        "{border_edges} border edges of {outline_edges}"
    );
}
