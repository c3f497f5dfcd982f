//! src/projection.rs against d3-geo: the numbers published in d3-geo's own tests
//! (`test/projection/*-test.js`), and fixtures made by running d3-geo 3.1.2
//! (`tests/fixtures/d3-projection.json`, `make d3-fixtures`). Everything to 1e-6.

use factmap::projection::{Preclip, Projection, ProjectionError};
use geojson::{GeoJson, Geometry, GeometryValue};
use serde_json::Value;
use std::f64::consts::PI;

const DELTA: f64 = 1e-6;

fn assert_close(actual: [f64; 2], expected: [f64; 2], what: &str) {
    let ok = (0..2).all(|i| (actual[i] - expected[i]).abs() <= DELTA);
    assert!(ok, "{what}: got {actual:?}, expected {expected:?}");
}

fn assert_close_longitude(actual: [f64; 2], expected: [f64; 2], what: &str) {
    let d = (actual[0] - expected[0]).abs() % 360.0;
    let ok = (d <= DELTA || d >= 360.0 - DELTA) && (actual[1] - expected[1]).abs() <= DELTA;
    assert!(ok, "{what}: got {actual:?}, expected {expected:?}");
}

/// d3's `assertProjectionEqual`: forward to `point`, and `point` inverts to `location`.
fn check(projection: &Projection, location: [f64; 2], point: [f64; 2]) {
    assert_close(
        projection.project(location),
        point,
        &format!("project {location:?}"),
    );
    assert_close_longitude(
        projection.invert(point),
        location,
        &format!("invert {point:?}"),
    );
}

fn geometry(value: Value) -> GeoJson {
    serde_json::from_value(value).expect("valid GeoJSON")
}

// ---- d3-geo's published numbers ----

#[test]
fn equirectangular_points_as_in_d3() {
    let p = Projection::equirectangular()
        .with_translate([0.0, 0.0])
        .with_scale(1.0);
    check(&p, [0.0, 0.0], [0.0, 0.0]);
    check(&p, [-180.0, 0.0], [-PI, 0.0]);
    check(&p, [180.0, 0.0], [PI, 0.0]);
    check(&p, [0.0, 30.0], [0.0, -PI / 6.0]);
    check(&p, [0.0, -30.0], [0.0, PI / 6.0]);
    check(&p, [30.0, 30.0], [PI / 6.0, -PI / 6.0]);
    check(&p, [30.0, -30.0], [PI / 6.0, PI / 6.0]);
    check(&p, [-30.0, 30.0], [-PI / 6.0, -PI / 6.0]);
    check(&p, [-30.0, -30.0], [-PI / 6.0, PI / 6.0]);
}

#[test]
fn equirectangular_rotated_points_as_in_d3() {
    let base = Projection::equirectangular()
        .with_translate([0.0, 0.0])
        .with_scale(1.0);
    let locations = [
        [0.0, 0.0],
        [-180.0, 0.0],
        [180.0, 0.0],
        [0.0, 30.0],
        [0.0, -30.0],
        [30.0, 30.0],
        [30.0, -30.0],
        [-30.0, 30.0],
        [-30.0, -30.0],
    ];
    let cases: [([f64; 3], [[f64; 2]; 9]); 4] = [
        (
            [30.0, 0.0, 0.0],
            [
                [PI / 6.0, 0.0],
                [-5.0 / 6.0 * PI, 0.0],
                [-5.0 / 6.0 * PI, 0.0],
                [PI / 6.0, -PI / 6.0],
                [PI / 6.0, PI / 6.0],
                [PI / 3.0, -PI / 6.0],
                [PI / 3.0, PI / 6.0],
                [0.0, -PI / 6.0],
                [0.0, PI / 6.0],
            ],
        ),
        (
            [30.0, 30.0, 0.0],
            [
                [0.5880026035475674, -0.44783239692893245],
                [-2.5535900500422257, 0.44783239692893245],
                [-2.5535900500422257, 0.44783239692893245],
                [0.825607556164348, -0.9407711951705208],
                [0.4486429615608479, 0.05804529130778048],
                [1.4056476493802694, -0.7069517278872177],
                [0.8760580505981933, 0.21823451436745955],
                [0.0, -1.0471975511965976],
                [0.0, 0.0],
            ],
        ),
        (
            [0.0, 0.0, 30.0],
            [
                [0.0, 0.0],
                [-PI, 0.0],
                [PI, 0.0],
                [-0.2810349015028135, -0.44783239692893245],
                [0.2810349015028135, 0.44783239692893245],
                [0.1651486774146268, -0.7069517278872176],
                [0.6947382761967031, 0.21823451436745964],
                [-0.6947382761967031, -0.21823451436745964],
                [-0.1651486774146268, 0.7069517278872176],
            ],
        ),
        (
            [30.0, 30.0, 30.0],
            [
                [0.2810349015028135, -0.6751315329370317],
                [-2.86055775208698, 0.6751315329370317],
                [-2.86055775208698, 0.6751315329370317],
                [-0.0724760059270816, -1.1586567708659772],
                [0.4221351552567053, -0.16704161863132252],
                [1.2033744221750944, -1.2153751251046732],
                [0.8811235701944905, -0.1886163861754041],
                [-0.7137243789447654, -0.848062078981481],
                [0.0, 0.0],
            ],
        ),
    ];
    for (rotate, points) in cases {
        let p = base.clone().with_rotate(rotate);
        for (location, point) in locations.iter().zip(points) {
            // d3's test inverts to the spherical location only within 1e-3 where the inverse
            // lands on the other side of the antimeridian; the forward numbers are exact.
            assert_close(
                p.project(*location),
                point,
                &format!("rotate {rotate:?} project {location:?}"),
            );
            let back = p.project(p.invert(point));
            assert_close(
                back,
                point,
                &format!("rotate {rotate:?} round trip {point:?}"),
            );
        }
    }
}

#[test]
fn invert_is_symmetric_for_d3s_projection_list() {
    let projections = [
        Projection::albers(),
        Projection::azimuthal_equal_area(),
        Projection::conic_conformal(),
        Projection::conic_conformal().with_parallels([20.0, 30.0]),
        Projection::conic_conformal().with_parallels([30.0, 30.0]),
        Projection::conic_conformal().with_parallels([-35.0, -50.0]),
        Projection::conic_conformal()
            .with_parallels([40.0, 60.0])
            .with_rotate([-120.0, 0.0, 0.0]),
        Projection::conic_equal_area(),
        Projection::conic_equal_area().with_parallels([20.0, 30.0]),
        Projection::conic_equal_area().with_parallels([-30.0, 30.0]),
        Projection::conic_equal_area().with_parallels([-35.0, -50.0]),
        Projection::conic_equal_area()
            .with_parallels([40.0, 60.0])
            .with_rotate([-120.0, 0.0, 0.0]),
        Projection::equirectangular(),
        Projection::mercator(),
    ];
    for projection in &projections {
        for location in [[0.0, 0.0], [30.3, 24.1], [-10.0, 42.0], [-2.0, -5.0]] {
            check(projection, location, projection.project(location));
        }
    }
}

#[test]
fn mercator_fit_extent_of_points_as_in_d3() {
    // d3's "mercator.rotate(…) does not affect the automatic clip extent" (deepStrictEqual in d3).
    let object = GeometryValue::MultiPoint {
        coordinates: vec![
            [-82.35024908550241, 29.649391549778745].into(),
            [-82.35014449996858, 29.65075946917633].into(),
            [-82.34916073446641, 29.65070265688781].into(),
            [-82.3492653331286, 29.64933474064504].into(),
        ],
    };
    let extent = [[0.0, 0.0], [960.0, 600.0]];
    let p = Projection::mercator().fit_extent(extent, &object).unwrap();
    assert_close([p.scale(), 0.0], [20969742.365692537, 0.0], "scale");
    assert_close(
        p.translate(),
        [30139734.76760269, 11371473.949706702],
        "translate",
    );
    let p = p
        .with_rotate([0.0, 95.0, 0.0])
        .fit_extent(extent, &object)
        .unwrap();
    assert_close([p.scale(), 0.0], [35781690.650920525, 0.0], "rotated scale");
    assert_close(
        p.translate(),
        [75115911.95344563, 2586046.4116968135],
        "rotated translate",
    );
}

#[test]
fn mercator_fit_size_resamples_as_in_d3() {
    // d3's "projection.fitSize(…) resampling - world mercator" (published to 6 decimals).
    let square = |a: f64, b: f64| -> geojson::Position { [a, b].into() };
    let object = GeometryValue::Polygon {
        coordinates: vec![vec![
            square(-135.0, 45.0),
            square(-45.0, 45.0),
            square(-45.0, -45.0),
            square(-135.0, -45.0),
            square(-135.0, 45.0),
        ]],
    };
    let p1 = Projection::mercator()
        .with_precision(0.1)
        .fit_size([1000.0, 1000.0], &object)
        .unwrap();
    let p2 = Projection::mercator()
        .with_precision(0.0)
        .fit_size([1000.0, 1000.0], &object)
        .unwrap();
    assert!((p1.scale() - 436.218018).abs() < DELTA, "{}", p1.scale());
    assert!((p2.scale() - 567.296328).abs() < DELTA, "{}", p2.scale());
    assert!(
        (p1.translate()[0] - 1185.209661).abs() < DELTA,
        "{:?}",
        p1.translate()
    );
    assert!(
        (p2.translate()[0] - 1391.106989).abs() < DELTA,
        "{:?}",
        p2.translate()
    );
    assert!(
        (p1.translate()[1] - 500.0).abs() < DELTA
            && (p1.translate()[1] - p2.translate()[1]).abs() < DELTA
    );
}

#[test]
fn fitting_nothing_is_an_error() {
    // d3 sets a NaN scale for these ("null geometries" tests); we say why instead.
    let extent = [[50.0, 50.0], [950.0, 950.0]];
    for object in [
        geometry(serde_json::json!({"type": "Feature", "properties": {}, "geometry": null})),
        geometry(serde_json::json!({"type": "MultiPoint", "coordinates": []})),
        geometry(serde_json::json!({"type": "MultiLineString", "coordinates": []})),
        geometry(serde_json::json!({"type": "MultiPolygon", "coordinates": []})),
    ] {
        assert_eq!(
            Projection::equirectangular()
                .fit_extent(extent, &object)
                .unwrap_err(),
            ProjectionError::Empty
        );
    }
}

#[test]
fn defaults_are_d3s() {
    assert_eq!(Projection::mercator().scale(), 961.0 / (2.0 * PI));
    assert_eq!(Projection::conic_conformal().scale(), 109.5);
    // Stored in radians as d3 stores them, so the degrees come back as d3's do.
    assert_close(
        Projection::conic_conformal().parallels().unwrap(),
        [30.0, 30.0],
        "parallels",
    );
    assert_close(
        Projection::conic_equal_area().parallels().unwrap(),
        [0.0, 60.0],
        "parallels",
    );
    assert_eq!(Projection::equirectangular().scale(), 152.63);
    assert_eq!(
        Projection::azimuthal_equal_area().preclip(),
        Preclip::Circle {
            degrees: 180.0 - 1e-3
        }
    );
    assert_eq!(Projection::mercator().translate(), [480.0, 250.0]);
    assert!((Projection::mercator().precision() - 0.5f64.sqrt()).abs() < 1e-15);
    assert_eq!(Projection::mercator().parallels(), None);
}

// ---- limitations are errors, not wrong maps ----

#[test]
fn crossing_the_antimeridian_is_an_error_until_rotated_away() {
    let chukotka = geometry(
        serde_json::json!({"type": "LineString", "coordinates": [[170.0, 66.0], [-170.0, 66.0]]}),
    );
    assert_eq!(
        Projection::equirectangular().bounds(&chukotka).unwrap_err(),
        ProjectionError::CrossesAntimeridian
    );
    assert!(Projection::equirectangular()
        .with_rotate([-100.0, 0.0, 0.0])
        .bounds(&chukotka)
        .is_ok());
    // Azimuthal projections have no antimeridian cut, only the clip circle.
    assert!(Projection::azimuthal_equal_area()
        .with_rotate([-35.0, -52.0, 0.0])
        .bounds(&chukotka)
        .is_ok());
    let across_the_far_side = geometry(
        serde_json::json!({"type": "LineString", "coordinates": [[0.0, 0.0], [179.9999, 0.0]]}),
    );
    let err = Projection::azimuthal_equal_area()
        .bounds(&across_the_far_side)
        .unwrap_err();
    assert_eq!(err, ProjectionError::OutsideClipAngle);
}

// ---- fixtures generated by d3-geo ----

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/d3-projection.json")).unwrap()
}

fn pair(v: &Value) -> [f64; 2] {
    [v[0].as_f64().unwrap(), v[1].as_f64().unwrap()]
}

/// Replays the fixture's list of d3 setter calls.
fn build(spec: &Value) -> Projection {
    let mut p = match spec["factory"].as_str().unwrap() {
        "mercator" => Projection::mercator(),
        "equirectangular" => Projection::equirectangular(),
        "conicConformal" => Projection::conic_conformal(),
        "conicEqualArea" => Projection::conic_equal_area(),
        "albers" => Projection::albers(),
        "azimuthalEqualArea" => Projection::azimuthal_equal_area(),
        other => panic!("unknown factory {other}"),
    };
    for call in spec["calls"].as_array().unwrap() {
        let argument = &call[1];
        p = match call[0].as_str().unwrap() {
            "parallels" => p.with_parallels(pair(argument)),
            "rotate" => p.with_rotate([0, 1, 2].map(|i| argument[i].as_f64().unwrap_or(0.0))),
            "center" => p.with_center(pair(argument)),
            "precision" => p.with_precision(argument.as_f64().unwrap()),
            other => panic!("unknown call {other}"),
        };
    }
    p
}

#[test]
fn points_match_d3_fixtures() {
    let f = fixture();
    let points = f["points"].as_array().unwrap();
    assert!(points.len() >= 70);
    for case in points {
        let p = build(&f["projections"][case["projection"].as_str().unwrap()]);
        let what = format!("{} {}", case["projection"], case["place"]);
        assert_close(
            p.project(pair(&case["location"])),
            pair(&case["projected"]),
            &what,
        );
        assert_close(
            p.invert(pair(&case["projected"])),
            pair(&case["inverted"]),
            &what,
        );
        assert_close_longitude(
            p.invert(pair(&case["projected"])),
            pair(&case["location"]),
            &what,
        );
    }
}

#[test]
fn fits_match_d3_fixtures() {
    let f = fixture();
    let fits = f["fits"].as_array().unwrap();
    assert!(fits.len() >= 300);
    for case in fits {
        let p = build(&f["projections"][case["projection"].as_str().unwrap()]);
        let object = geometry(f["objects"][case["object"].as_str().unwrap()].clone());
        let what = format!("{} {} {}", case["projection"], case["object"], case["kind"]);
        let fitted = match case["kind"].as_str().unwrap() {
            "extent" => p.fit_extent(
                [pair(&f["fit_extent"][0]), pair(&f["fit_extent"][1])],
                &object,
            ),
            "size" => p.fit_size(pair(&f["fit_size"]), &object),
            "width" => p.fit_width(f["fit_width"].as_f64().unwrap(), &object),
            "height" => p.fit_height(f["fit_height"].as_f64().unwrap(), &object),
            other => panic!("unknown fit {other}"),
        }
        .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_close(
            [fitted.scale(), 0.0],
            [case["scale"].as_f64().unwrap(), 0.0],
            &format!("{what} scale"),
        );
        assert_close(
            fitted.translate(),
            pair(&case["translate"]),
            &format!("{what} translate"),
        );
        let bounds = fitted.bounds(&object).unwrap();
        assert_close(
            bounds.min,
            pair(&case["bounds"][0]),
            &format!("{what} bounds min"),
        );
        assert_close(
            bounds.max,
            pair(&case["bounds"][1]),
            &format!("{what} bounds max"),
        );
    }
}

#[test]
fn a_feature_streams_like_its_geometry() {
    let kursk: Geometry = GeometryValue::Point {
        coordinates: [36.19, 51.73].into(),
    }
    .into();
    let p = Projection::conic_conformal()
        .with_parallels([45.0, 60.0])
        .with_rotate([-35.0, 0.0, 0.0]);
    let b = p.bounds(&kursk).unwrap();
    assert_eq!(b.min, b.max);
    assert_eq!(b.min, p.project([36.19, 51.73]));
}
