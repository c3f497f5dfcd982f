//! The map's layout over the shipped corpus and base map: every place has a mark, the Kursk
//! cluster is readable, far places go to the overview; zoom stays bounded; labels never collide,
//! on any screen the page draws the map on.

use factmap::geoparse::{self, Precision};
use factmap::map_layers::{
    self, overlaps, place_labels, smallest_screen, Backdrop, Detail, LabelRequest, MapLayers,
    Screen, Shape, Zoom, BADGE_REACH, FINE_ZOOM, HALO_EM, LABEL_PX, MAX_ZOOM, NARROW, WIDE,
};

const WIDTH: f64 = WIDE[0];
const HEIGHT: f64 = WIDE[1];
use factmap::places::{self, km};

fn shipped() -> (Vec<places::MapPlace>, MapLayers) {
    shipped_at(WIDE)
}

fn shipped_at(size: [f64; 2]) -> (Vec<places::MapPlace>, MapLayers) {
    let corpus = factmap::corpus::shipped();
    let toponyms = geoparse::shipped_toponyms().unwrap();
    let places = places::map_places(&corpus, &toponyms);
    let basemap = map_layers::shipped_basemap().expect("public/basemap.json decodes");
    let layers = MapLayers::build(&basemap, &places, size);
    (places, layers)
}

#[test]
fn every_place_has_one_mark_and_the_far_ones_are_in_the_overview() {
    let (places, layers) = shipped();
    assert_eq!(layers.marks.len(), places.len());
    for p in &places {
        assert_eq!(
            layers
                .marks
                .iter()
                .filter(|m| m.geonameid == p.geonameid)
                .count(),
            1,
            "{}",
            p.name
        );
    }
    let mark = |name: &str| {
        layers
            .marks
            .iter()
            .find(|m| m.name == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert!(matches!(mark("Sudzha").shape, Shape::Point { .. }) && !mark("Sudzha").in_overview);
    assert_eq!(
        mark("Sudzha").label,
        format!("Sudzha, {} articles", mark("Sudzha").articles)
    );
    for far in ["Jeddah", "Washington"] {
        assert!(mark(far).in_overview, "{far} belongs in the overview");
    }
    assert!(layers.overview.is_some());
    // Regions are outlines, countries badges: never a false point.
    for m in &layers.marks {
        match m.precision {
            Precision::Point => assert!(matches!(m.shape, Shape::Point { .. }), "{}", m.name),
            _ => assert!(
                !matches!(m.shape, Shape::Point { .. }) || m.in_overview,
                "{} drawn as a point",
                m.name
            ),
        }
    }
    assert!(matches!(mark("Kursk Oblast").shape, Shape::Region { .. }));
    // Main-map marks lie inside the frame.
    for m in layers.marks.iter().filter(|m| !m.in_overview) {
        let [x, y] = m.shape.anchor();
        assert!(
            (0.0..=WIDTH).contains(&x) && (0.0..=HEIGHT).contains(&y),
            "{} at {x},{y}",
            m.name
        );
    }
    let backdrop = layers.backdrop.as_ref().expect("drawn");
    assert!(
        backdrop.land.iter().any(|o| o.country == "UA")
            && backdrop.borders.len() > 1000
            && !backdrop.inset_land.is_empty()
    );
}

/// The page embeds only the outlines the shipped corpus names, and lays it out over them: the
/// layout must be the one the whole base map gives, on both map sizes, or the marks would move
/// when the page draws the whole map (and the prerendered copy's backdrop would not fit).
#[test]
fn the_named_areas_lay_out_the_shipped_corpus_as_the_whole_base_map_does() {
    let named = map_layers::shipped_named_areas().expect("the named areas decode");
    let whole = map_layers::shipped_basemap().unwrap();
    assert!(
        named.world.len() + named.countries.len() + named.admin1.len() < 20,
        "only what the corpus names"
    );
    for size in [WIDE, NARROW] {
        let (places, drawn) = shipped_at(size);
        let laid_out = MapLayers::layout(&named, &places, size);
        assert!(
            laid_out.backdrop.is_none() && !laid_out.missing_outlines && !drawn.missing_outlines
        );
        assert_eq!(laid_out.frame.key, drawn.frame.key);
        assert_eq!(
            (&laid_out.marks, &laid_out.overview),
            (&drawn.marks, &drawn.overview)
        );
    }
    // A region the named areas lack is reported, so the page fetches the whole map for it.
    let mut kharkiv = town(7, "Kharkiv Oblast", 49.5, 36.5, 1);
    (kharkiv.precision, kharkiv.admin1) = (Precision::Admin1, Some("UA.07".into()));
    assert!(MapLayers::layout(&named, std::slice::from_ref(&kharkiv), WIDE).missing_outlines);
    assert!(!MapLayers::layout(&whole, &[kharkiv], WIDE).missing_outlines);
    // The frame's key follows the projection: another corpus, another key.
    let (places, drawn) = shipped();
    assert_ne!(
        MapLayers::layout(&whole, &places[..3], WIDE).frame.key,
        drawn.frame.key
    );
}

/// The numbers of SVG path data as written (`M292.6,367.9l-.4.1-2.3-2.2`), each with whether
/// it was written with a decimal point.
fn path_numbers(d: &str) -> Vec<(f64, bool)> {
    let mut out = Vec::new();
    let mut number = String::new();
    let mut flush = |number: &mut String| {
        if !number.is_empty() {
            out.push((
                number.parse().unwrap_or_else(|_| panic!("{number} in {d}")),
                number.contains('.'),
            ));
            number.clear();
        }
    };
    for c in d.chars() {
        match c {
            '0'..='9' => number.push(c),
            '.' if number.contains('.') => {
                flush(&mut number);
                number.push(c);
            }
            '.' => number.push(c),
            '-' => {
                flush(&mut number);
                number.push(c);
            }
            _ => flush(&mut number),
        }
    }
    flush(&mut number);
    out
}

/// Every path of a backdrop's main map (not the overview's).
fn main_paths(b: &Backdrop) -> Vec<&str> {
    b.underlay
        .iter()
        .map(String::as_str)
        .chain(b.land.iter().map(|o| o.d.as_str()))
        .chain([b.borders.as_str()])
        .collect()
}

/// The prerendered copy carries the main map's base map at the default zoom: on whole map
/// pixels it is a good part smaller, and the page draws it again on the fine grid once the
/// reader zooms in.
#[test]
fn the_default_zoom_draws_the_base_map_on_whole_pixels_and_a_zoomed_map_on_tenths() {
    assert_eq!(
        (
            Detail::at(1.0),
            Detail::at(FINE_ZOOM * 0.99),
            Detail::at(FINE_ZOOM),
            Detail::at(MAX_ZOOM)
        ),
        (Detail::Coarse, Detail::Coarse, Detail::Fine, Detail::Fine)
    );
    let basemap = map_layers::shipped_basemap().unwrap();
    for size in [WIDE, NARROW] {
        let (places, layers) = shipped_at(size);
        let coarse = layers.backdrop.clone().expect("drawn");
        // What the page draws: laid out over the named areas, then the whole map's base map.
        let named = MapLayers::layout(&map_layers::shipped_named_areas().unwrap(), &places, size);
        assert_eq!(
            coarse,
            named.backdrop_at(&basemap, Detail::Coarse),
            "the page's coarse base map is the built one"
        );
        let fine = layers.backdrop_at(&basemap, Detail::Fine);
        let (coarse_paths, fine_paths) = (main_paths(&coarse), main_paths(&fine));
        let bytes = |paths: &[&str]| paths.iter().map(|d| d.len()).sum::<usize>();
        assert!(
            bytes(&coarse_paths) * 10 < bytes(&fine_paths) * 7,
            "{} bytes coarse, {} fine",
            bytes(&coarse_paths),
            bytes(&fine_paths)
        );
        for d in &coarse_paths {
            assert!(
                path_numbers(d).iter().all(|&(_, point)| !point),
                "off the whole-pixel grid: {d}"
            );
        }
        // The fine grid is the tenth of a pixel, as before, and used.
        let tenths: Vec<(f64, bool)> = fine_paths.iter().flat_map(|d| path_numbers(d)).collect();
        assert!(tenths
            .iter()
            .all(|&(v, _)| ((v * 10.0).round() - v * 10.0).abs() < 1e-9));
        assert!(
            tenths.iter().filter(|&&(_, point)| point).count() * 2 > tenths.len(),
            "most steps are fractional"
        );
        // The same land, each ring starting within a pixel of where the fine one does (half a
        // pixel, but for where the frame cuts it).
        assert_eq!(
            coarse.land.iter().map(|o| &o.country).collect::<Vec<_>>(),
            fine.land.iter().map(|o| &o.country).collect::<Vec<_>>()
        );
        for (c, f) in coarse.land.iter().zip(&fine.land) {
            let starts = |d: &str| {
                d.split('M')
                    .skip(1)
                    .map(|ring| {
                        path_numbers(ring)
                            .iter()
                            .take(2)
                            .map(|n| n.0)
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>()
            };
            let (c, f) = (starts(&c.d), starts(&f.d));
            assert_eq!(c.len(), f.len());
            for (c, f) in c.iter().zip(&f) {
                assert!(
                    (c[0] - f[0]).abs() <= 1.0 && (c[1] - f[1]).abs() <= 1.0,
                    "{c:?} vs {f:?}"
                );
            }
        }
        // The overview is never zoomed: its land is drawn once, coarse.
        assert!(!coarse.inset_land.is_empty() && fine.inset_land.is_empty());
    }
}

/// The page fetches `public/basemap.bin` when it draws the map itself: it must be the base map
/// the tests check, in build.rs's compact form (`make basemap` writes it).
#[test]
fn the_served_base_map_is_the_tested_one() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/basemap.bin");
    if std::env::var_os("UPDATE_BASEMAP_BIN").is_some() {
        std::fs::write(path, map_layers::SHIPPED_BASEMAP).unwrap();
    }
    let served = std::fs::read(path).expect("public/basemap.bin (make basemap-bin)");
    assert!(
        served == map_layers::SHIPPED_BASEMAP,
        "public/basemap.bin is stale: run `make basemap-bin`"
    );
}

#[test]
fn markers_of_places_70_km_apart_do_not_overlap() {
    let (places, layers) = shipped();
    let points: Vec<(&places::MapPlace, f64, f64, f64)> = layers
        .marks
        .iter()
        .filter(|m| !m.in_overview)
        .filter_map(|m| match m.shape {
            Shape::Point { x, y, r } => Some((
                places.iter().find(|p| p.geonameid == m.geonameid).unwrap(),
                x,
                y,
                r,
            )),
            _ => None,
        })
        .collect();
    assert!(points.len() >= 5);
    for (i, a) in points.iter().enumerate() {
        for b in &points[i + 1..] {
            if km(a.0, b.0) >= 70.0 {
                let d = ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt();
                assert!(
                    d > a.3 + b.3,
                    "{} and {} overlap ({d:.1} px apart)",
                    a.0.name,
                    b.0.name
                );
            }
        }
    }
}

#[test]
fn zoom_is_bounded_and_keeps_the_point_under_the_cursor() {
    let z = Zoom::default().zoom_at(480.0, 300.0, 2.0, WIDE);
    assert_eq!(z.k, 2.0);
    let (x, y) = z.apply(480.0, 300.0);
    assert!((x - 480.0).abs() < 1e-9 && (y - 300.0).abs() < 1e-9);
    assert_eq!(
        Zoom::default().zoom_at(0.0, 0.0, 0.1, WIDE),
        Zoom::default(),
        "never smaller than the whole map"
    );
    assert_eq!(Zoom::default().zoom_at(0.0, 0.0, 1e9, WIDE).k, MAX_ZOOM);
    let panned = z.pan(10_000.0, -10_000.0, WIDE);
    assert_eq!(
        (panned.x, panned.y),
        (0.0, HEIGHT * (1.0 - 2.0)),
        "the map never leaves the view"
    );
    assert_eq!(Zoom::from_param(&z.to_param().unwrap()), z);
    assert_eq!(Zoom::from_param("garbage"), Zoom::default());
    assert_eq!(Zoom::from_param("NaN,1,2").k, 1.0);
    assert_eq!(Zoom::default().to_param(), None);
}

/// The link's numbers are read by a small decimal reader of the page's own (the standard
/// parser's tables cost the page 15 kB): it must read exactly what `str::parse` reads.
#[test]
fn zoom_links_read_their_numbers_as_the_standard_parser_does() {
    let mut checked = 0;
    for step in 0..4000 {
        let t = f64::from(step);
        let z = Zoom {
            k: 1.0 + (t * 0.618_033_988_7) % (MAX_ZOOM - 1.0),
            x: -(t * 7.389_056) % 4000.0,
            y: -(t * 2.5) % 2500.0,
        }
        .bounded(WIDE);
        let Some(param) = z.to_param() else { continue };
        let parsed: Vec<f64> = param.split(',').map(|v| v.parse().unwrap()).collect();
        let expected = Zoom {
            k: parsed[0],
            x: parsed[1],
            y: parsed[2],
        }
        .bounded(WIDE);
        assert_eq!(Zoom::from_param(&param), expected, "{param}");
        checked += 1;
    }
    assert!(checked > 3000);
    for (text, k) in [
        ("2.5,-120,-40", 2.5),
        ("3,0,0", 3.0),
        ("-", 1.0),
        (".,0,0", 1.0),
        ("1e1,0,0", 1.0),
        ("1.2.3,0,0", 1.0),
        ("2,,0", 1.0),
        (" 2 , 0 , 0 ", 2.0),
    ] {
        assert_eq!(Zoom::from_param(text).k, k, "{text}");
    }
}

#[test]
fn labels_never_overlap_each_other_or_marks() {
    let requests: Vec<LabelRequest> = (0..40)
        .map(|i| LabelRequest {
            x: 100.0 + (i % 8) as f64 * 30.0,
            y: 100.0 + (i / 8) as f64 * 12.0,
            r: 5.0,
            text: format!("Place {i}"),
            rank: i,
        })
        .collect();
    let placed = place_labels(&requests, 12.0, [0.0, 0.0, WIDTH, HEIGHT], &[]);
    assert!(
        placed[0].is_some(),
        "the first-ranked label always fits in open space"
    );
    let boxes: Vec<[f64; 4]> = placed.iter().flatten().map(|p| p.bounds).collect();
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(
                !(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]),
                "{a:?} overlaps {b:?}"
            );
        }
        for q in &requests {
            let m = [q.x - q.r, q.y - q.r, q.x + q.r, q.y + q.r];
            assert!(
                !(a[0] < m[2] && m[0] < a[2] && a[1] < m[3] && m[1] < a[3]),
                "label {a:?} covers a mark"
            );
        }
    }
}

#[test]
fn the_narrow_map_for_phones_shows_every_place_inside_its_frame() {
    let (places, layers) = shipped_at(NARROW);
    assert_eq!(layers.marks.len(), places.len());
    for m in layers.marks.iter() {
        let [x, y] = m.shape.anchor();
        assert!(
            (0.0..=NARROW[0]).contains(&x) && (0.0..=NARROW[1]).contains(&y),
            "{} at {x},{y}",
            m.name
        );
    }
}

#[test]
fn the_overview_hides_no_place_of_the_main_map() {
    let (_, layers) = shipped();
    let [x, y, w, h] = layers.overview.as_ref().expect("an overview").frame;
    for m in layers.marks.iter().filter(|m| !m.in_overview) {
        let [mx, my] = m.shape.anchor();
        assert!(
            !(mx > x && mx < x + w && my > y && my < y + h),
            "{} is under the overview",
            m.name
        );
    }
}

/// CSS widths the page draws each map at (style.css's columns and padding): for the narrow map a
/// 320-px phone, the 390-px phone of the issue, a 699-px window; for the wide one a window just
/// past 56rem (map beside the side column), a 700-px window, a 1280 and a 1920-px desktop.
fn drawn_widths(size: [f64; 2]) -> &'static [f64] {
    if size == NARROW {
        &[286.0, 356.0, 655.0]
    } else {
        &[440.0, 656.0, 816.0, 1456.0]
    }
}

#[test]
fn shipped_labels_keep_clear_of_each_other_the_marks_the_buttons_and_the_overview() {
    for size in [WIDE, NARROW] {
        let (_, layers) = shipped_at(size);
        let frame = layers.overview.as_ref().expect("an overview").frame;
        let overview = [frame[0], frame[1], frame[0] + frame[2], frame[1] + frame[3]];
        for &css in drawn_widths(size) {
            let screen = Screen::nominal(size, css);
            let zooms = [
                Zoom::default(),
                Zoom::default().zoom_at(size[0] / 2.0, size[1] / 2.0, 2.0, size),
            ];
            for zoom in zooms {
                let labels = layers.labels(zoom, &screen, &layers.clusters(zoom.k));
                let at = format!("{size:?} map {css} px wide, zoom {}", zoom.k);
                let placed: Vec<(&str, [f64; 4])> = layers
                    .marks
                    .iter()
                    .zip(&labels)
                    .filter_map(|(m, l)| Some((m.name.as_str(), l.as_ref()?.bounds)))
                    .collect();
                assert!(placed.len() >= 5, "{at}: only {} names fit", placed.len());
                for (i, (name, b)) in placed.iter().enumerate() {
                    assert!(
                        b[0] >= 0.0 && b[1] >= 0.0 && b[2] <= size[0] && b[3] <= size[1],
                        "{at}: {name} leaves the map: {b:?}"
                    );
                    assert!(
                        !overlaps(b, &screen.controls),
                        "{at}: {name} is under the zoom buttons: {b:?} {:?}",
                        screen.controls
                    );
                    assert!(
                        !overlaps(b, &overview),
                        "{at}: {name} is under the overview: {b:?}"
                    );
                    for (other, c) in &placed[i + 1..] {
                        assert!(!overlaps(b, c), "{at}: {name} {b:?} overlaps {other} {c:?}");
                    }
                    for m in layers
                        .marks
                        .iter()
                        .filter(|m| !m.in_overview && m.name != *name)
                    {
                        let (x, y) = zoom.apply(m.shape.anchor()[0], m.shape.anchor()[1]);
                        let r = match m.shape {
                            Shape::Point { r, .. } => r,
                            Shape::Badge { .. } => BADGE_REACH,
                            Shape::Region { .. } => continue,
                        };
                        assert!(
                            !overlaps(b, &[x - r, y - r, x + r, y + r]),
                            "{at}: {name} covers {}'s mark",
                            m.name
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn on_the_phone_of_the_issue_the_kursk_names_fit_and_read_at_label_size() {
    let (_, layers) = shipped_at(NARROW);
    let screen = Screen::nominal(NARROW, 356.0);
    assert!(
        screen.font() * screen.scale >= 11.0
            && (screen.font() * screen.scale - LABEL_PX).abs() < 1e-9
    );
    let labels = layers.labels(Zoom::default(), &screen, &layers.clusters(1.0));
    for name in ["Sudzha", "Kyiv", "Moscow", "Russia"] {
        let i = layers.marks.iter().position(|m| m.name == name).unwrap();
        assert!(labels[i].is_some(), "{name} has no room for its name");
    }
}

#[test]
fn no_badge_is_under_the_zoom_buttons() {
    for size in [WIDE, NARROW] {
        let (_, layers) = shipped_at(size);
        let controls = smallest_screen(size).controls;
        for m in layers.marks.iter().filter(|m| !m.in_overview) {
            if let Shape::Badge { x, y } = m.shape {
                let reach = [
                    x - BADGE_REACH,
                    y - BADGE_REACH,
                    x + BADGE_REACH,
                    y + BADGE_REACH,
                ];
                assert!(
                    !overlaps(&reach, &controls),
                    "{size:?}: {} at {x:.0},{y:.0}",
                    m.name
                );
            }
        }
    }
}

#[test]
fn the_stylesheet_draws_labels_and_buttons_as_the_placer_assumes() {
    let css = include_str!("../public/style.css");
    let rule = |selector: &str| {
        let start = css
            .find(&format!("{selector} {{"))
            .unwrap_or_else(|| panic!("no {selector} rule"));
        &css[start..start + css[start..].find('}').unwrap()]
    };
    let name = rule(".map text.name");
    assert!(
        !name.contains("font-size"),
        "the view sizes labels for the screen: {name}"
    );
    assert!(
        name.contains(&format!(
            "stroke-width: {}em",
            HALO_EM.to_string().trim_start_matches('0')
        )),
        "{name}"
    );
    assert!(
        rule(".map-controls").contains("top: .5rem; right: .5rem;")
            && rule(".map-controls").contains("gap: .25rem")
    );
    assert!(rule(".map-controls button").contains("min-width: 2.75rem; min-height: 2.75rem;"));
}

/// A town named by `articles` articles, for layouts the shipped corpus does not have.
fn town(geonameid: u32, name: &str, lat: f64, lon: f64, articles: usize) -> places::MapPlace {
    places::MapPlace {
        geonameid,
        name: name.to_owned(),
        within: None,
        precision: Precision::Point,
        lat,
        lon,
        country: Some("UA".to_owned()),
        admin1: None,
        sources: (0..articles)
            .map(|a| places::PlaceSource {
                doc: format!("d{a}"),
                excerpts: Vec::new(),
            })
            .collect(),
    }
}

/// A crowd of 400 towns around Kyiv within a degree or so, plus two towns far apart.
fn crowded() -> MapLayers {
    let mut towns: Vec<places::MapPlace> = (0..400u32)
        .map(|i| {
            let (a, d) = (f64::from(i) * 2.399, 0.05 * f64::from(i).sqrt());
            town(
                10_000 + i,
                &format!("Town {i}"),
                50.45 + d * a.sin(),
                30.52 + d * a.cos() * 1.5,
                1 + (i as usize % 5),
            )
        })
        .collect();
    towns.push(town(1, "Lviv", 49.84, 24.03, 3));
    towns.push(town(2, "Kharkiv", 49.99, 36.23, 2));
    let basemap = map_layers::shipped_basemap().unwrap();
    MapLayers::build(&basemap, &towns, WIDE)
}

#[test]
fn the_shipped_main_map_needs_no_clusters_at_its_first_zoom() {
    let (_, layers) = shipped();
    let clusters = layers.clusters(1.0);
    assert!(
        clusters.groups.iter().all(|c| c.in_overview),
        "{:?}",
        clusters.groups
    );
    // The overview is small: Jeddah and the Saudi and Emirati badges would cover each other
    // there, so they are one cluster, which lists them (no zoom separates inset places).
    let gulf = clusters
        .groups
        .iter()
        .map(|c| c.label(&layers.marks))
        .collect::<Vec<_>>();
    assert_eq!(gulf.len(), 1, "{gulf:?}");
    assert!(
        ["Jeddah", "Saudi Arabia", "United Arab Emirates"]
            .iter()
            .all(|n| gulf[0].contains(n)),
        "{gulf:?}"
    );
    assert_eq!(layers.expansion_zoom(&clusters.groups[0], 1.0), None);
}

#[test]
fn towns_whose_markers_would_touch_are_clustered_and_none_is_lost() {
    let layers = crowded();
    let clusters = layers.clusters(1.0);
    assert!(!clusters.groups.is_empty());
    // Every town is drawn once: by itself or by exactly one cluster.
    let mut drawn = vec![0; layers.marks.len()];
    for c in &clusters.groups {
        assert!(c.members.len() >= 2);
        for &m in &c.members {
            drawn[m] += 1;
            assert_eq!(
                clusters.of_mark[m],
                clusters.groups.iter().position(|g| std::ptr::eq(g, c))
            );
        }
    }
    for (i, m) in layers.marks.iter().enumerate() {
        if !clusters.hides(i) {
            drawn[i] += 1;
        }
        assert_eq!(drawn[i], 1, "{} drawn {} times", m.name, drawn[i]);
    }
    // Nothing drawn covers anything else drawn: lone towns and clusters alike.
    let drawn: Vec<(f64, f64, f64)> = (0..layers.marks.len())
        .filter(|&i| !clusters.hides(i) && !layers.marks[i].in_overview)
        .filter_map(|i| match layers.marks[i].shape {
            Shape::Point { x, y, r } => Some((x, y, r)),
            _ => None,
        })
        .chain(
            clusters
                .groups
                .iter()
                .filter(|c| !c.in_overview)
                .map(|c| (c.x, c.y, c.r())),
        )
        .collect();
    for (a, p) in drawn.iter().enumerate() {
        for q in &drawn[a + 1..] {
            assert!(
                (p.0 - q.0).hypot(p.1 - q.1) >= p.2 + q.2 - 1e-9,
                "markers overlap at {p:?} {q:?}"
            );
        }
    }
    let by_name = |n: &str| layers.marks.iter().position(|m| m.name == n).unwrap();
    assert!(
        !clusters.hides(by_name("Lviv")) && !clusters.hides(by_name("Kharkiv")),
        "towns far from the crowd stand alone"
    );
    // The count and the names a screen reader hears.
    let c = &clusters.groups[0];
    assert!(c
        .label(&layers.marks)
        .starts_with(&format!("{} places: ", c.members.len())));
    assert!(c.r() <= map_layers::MAX_CLUSTER_R);
}

#[test]
fn zooming_in_splits_clusters_and_panning_never_changes_them() {
    let layers = crowded();
    let count = |k: f64| {
        let c = layers.clusters(k);
        c.groups.len() + (0..layers.marks.len()).filter(|&i| !c.hides(i)).count()
    };
    // More markers drawn (clusters plus lone towns) as the map zooms in.
    let drawn: Vec<usize> = [1.0, 2.0, 4.0, 8.0, MAX_ZOOM]
        .iter()
        .map(|&k| count(k))
        .collect();
    assert!(
        drawn.windows(2).all(|w| w[0] <= w[1]) && drawn[0] < drawn[4],
        "{drawn:?}"
    );
    // Clusters depend on the zoom's scale step only.
    assert_eq!(layers.clusters(1.0), layers.clusters(1.3));
    assert_eq!(map_layers::cluster_scale(1.3), 1.0);
    assert!((map_layers::cluster_scale(1.5) - std::f64::consts::SQRT_2).abs() < 1e-12);
    assert_eq!(map_layers::cluster_scale(99.0), MAX_ZOOM);
    // Clicking a cluster zooms to where it comes apart.
    let first = layers.clusters(1.0).groups[0].clone();
    let k = layers
        .expansion_zoom(&first, 1.0)
        .expect("the crowd comes apart by the largest zoom");
    let after = layers.clusters(k);
    let together = after
        .groups
        .iter()
        .any(|g| first.members.iter().all(|m| g.members.contains(m)));
    assert!(k > 1.0 && !together, "still one cluster at {k}");
}

#[test]
fn labels_skip_clustered_towns_and_keep_clear_of_clusters() {
    let layers = crowded();
    let screen = Screen::nominal(WIDE, WIDE[0]);
    let clusters = layers.clusters(1.0);
    let labels = layers.labels(Zoom::default(), &screen, &clusters);
    for (i, l) in labels.iter().enumerate() {
        let Some(l) = l else { continue };
        assert!(
            !clusters.hides(i),
            "{} is in a cluster but has a label",
            layers.marks[i].name
        );
        for c in clusters.groups.iter().filter(|c| !c.in_overview) {
            let r = c.r();
            assert!(
                !overlaps(&l.bounds, &[c.x - r, c.y - r, c.x + r, c.y + r]),
                "{}'s label covers a cluster",
                layers.marks[i].name
            );
        }
    }
}

#[test]
fn a_corpus_about_the_whole_world_gets_a_world_map_with_its_land() {
    let cities = [
        ("Chicago", 41.88, -87.63),
        ("Lima", -12.05, -77.04),
        ("London", 51.51, -0.13),
        ("Lagos", 6.46, 3.39),
        ("Kyiv", 50.45, 30.52),
        ("Delhi", 28.61, 77.21),
        ("Beijing", 39.9, 116.4),
        ("Sydney", -33.87, 151.21),
    ];
    let towns: Vec<places::MapPlace> = cities
        .iter()
        .enumerate()
        .map(|(i, &(name, lat, lon))| town(100 + i as u32, name, lat, lon, 2))
        .collect();
    let basemap = map_layers::shipped_basemap().unwrap();
    let layers = MapLayers::build(&basemap, &towns, WIDE);
    // No inset holding most of the corpus: every town is a point on the main map.
    assert!(layers.overview.is_none());
    for m in &layers.marks {
        let Shape::Point { x, y, .. } = m.shape else {
            panic!("{} is not a point", m.name)
        };
        assert!(
            !m.in_overview && (0.0..=WIDTH).contains(&x) && (0.0..=HEIGHT).contains(&y),
            "{} at {x},{y}",
            m.name
        );
    }
    // Land beyond the detailed region is drawn, from the world outlines.
    let underlay = &layers.backdrop.as_ref().expect("drawn").underlay;
    assert!(underlay.len() > 20, "{} world outlines", underlay.len());
    // West stays west: an equirectangular map, not a conic wedge.
    let x = |n: &str| {
        layers
            .marks
            .iter()
            .find(|m| m.name == n)
            .unwrap()
            .shape
            .anchor()[0]
    };
    assert!(x("Lima") < x("London") && x("London") < x("Delhi") && x("Delhi") < x("Sydney"));
}

/// A map with no place to show (a reader showing only their own articles, before they have
/// any) shows the world, not some region the shipped articles happen to be about.
#[test]
fn an_empty_map_shows_the_world() {
    let basemap = map_layers::shipped_named_areas().unwrap();
    for size in [WIDE, NARROW] {
        let layers = MapLayers::layout(&basemap, &[], size);
        assert!(layers.marks.is_empty() && layers.overview.is_none());
        let [w, h] = size;
        // A quarter of the way in from each side lie the Americas and Asia.
        let west = layers.frame.invert([w / 4.0, h / 2.0]);
        let east = layers.frame.invert([w * 3.0 / 4.0, h / 2.0]);
        let centre = layers.frame.invert([w / 2.0, h / 2.0]);
        assert!(
            west[0] < -60.0 && east[0] > 60.0,
            "{size:?}: from {west:?} to {east:?}"
        );
        assert!(
            centre[0].abs() < 10.0 && (-30.0..40.0).contains(&centre[1]),
            "{size:?}: centred on {centre:?}"
        );
    }
}
