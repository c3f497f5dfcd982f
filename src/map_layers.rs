//! Map layers: everything the SVG map draws, in its own pixel space, from the base map and the
//! corpus's places. Entry point: [`MapLayers::build`].
//!
//! The main map is a Lambert conformal conic (shapes of small areas such as the Kursk–Sumy
//! border stay true) fitted to the places near the corpus's centre of attention; places far from
//! it (Jeddah, Washington) go to an overview inset rather than shrinking the main map to a dot.
//! Towns are point markers sized by how many articles name them; regions are their outlines;
//! countries are badges, since a country is neither a point nor a useful outline to click.
//! [`Zoom`] is the pan-and-zoom state and [`MapLayers::labels`] keeps labels from colliding at
//! any zoom and on any screen ([`Screen`]). Nothing here knows about the browser: the component
//! only measures the page and renders these values.
//!
//! [`MapLayers::build`] is [`MapLayers::layout`] (projection, marks, overview: it needs only the
//! outlines of the areas the places name) then [`MapLayers::backdrop_at`] (land, borders, the
//! overview's world: it needs the whole base map), so the page can lay out its map before the
//! whole base map is at hand. [`MapFrame::key`] names the projections: two layouts with the same
//! key draw the same backdrop, which is how the live page knows it may take the prerendered
//! copy's. The backdrop is drawn at a [`Detail`]: `Coarse`, whole map pixels, what `build` and so
//! the prerendered copy draw (nothing is lost at 1:1, and its bytes are most of the copy's), or
//! `Fine`, for a map zoomed in from [`FINE_ZOOM`]. A map with no place shows the world.

use geojson::{Geometry, GeometryValue};

use crate::basemap::{Area, Basemap};
use crate::geoparse::Precision;
use crate::numfmt::{Fixed, Plain};
use crate::places::{split_far, MapPlace};
use crate::projection::Projection;

mod clusters;
mod labels;
mod svg_path;
pub use clusters::{cluster_scale, Cluster, Clusters, GAP_PX, MAX_CLUSTER_R};
pub use labels::{
    overlaps, place_labels, text_width, LabelPlacement, LabelRequest, Screen, CONTROLS_PX, HALO_EM,
    LABEL_PX,
};
use svg_path::SvgPath;

/// The base map the site ships (`public/basemap.bin`, build.rs's compact form of
/// `public/basemap.json`), embedded for the command-line tool and the tests.
pub fn shipped_basemap() -> Result<Basemap, crate::basemap::BasemapError> {
    Basemap::decode_compact(SHIPPED_BASEMAP)
}

/// [`shipped_basemap`]'s bytes, as the page fetches them (a test keeps `public/basemap.bin`
/// equal to them).
pub const SHIPPED_BASEMAP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/basemap.bin"));

/// Only the outlines of the areas the shipped corpus names: all that [`MapLayers::layout`]
/// needs to lay out the shipped corpus exactly as the whole base map would (tested), so the
/// page embeds this and fetches the rest only when it must draw the map itself.
pub fn shipped_named_areas() -> Result<Basemap, crate::basemap::BasemapError> {
    Basemap::decode_compact(include_bytes!(concat!(
        env!("OUT_DIR"),
        "/basemap-named.bin"
    )))
}

/// Places farther than this from the corpus's centre of attention go to the overview inset.
pub const FAR_KM: f64 = 1500.0;
/// The most a reader can zoom in.
pub const MAX_ZOOM: f64 = 16.0;

/// The SVG's own coordinate space (its `viewBox`) on a wide screen; CSS scales it to fit.
pub const WIDE: [f64; 2] = [960.0, 600.0];
/// The same for a phone held upright: less wide, so labels stay legible when scaled down.
pub const NARROW: [f64; 2] = [480.0, 600.0];
const MARGIN: f64 = 40.0;
/// How far a country badge reaches from its centre: the half-diagonal of its 18-unit diamond.
pub const BADGE_REACH: f64 = 13.0;

/// One outline as an SVG path.
#[derive(Clone, Debug, PartialEq)]
pub struct Outline {
    pub name: String,
    pub country: String,
    /// GeoNames admin-1 code, empty for a country.
    pub admin1: String,
    /// SVG path data in map pixels.
    pub d: String,
}

/// How a place is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A town: a circle at (x, y) of radius `r` (screen pixels, whatever the zoom).
    Point { x: f64, y: f64, r: f64 },
    /// A region: its outline (map pixels) and where its label and focus ring go.
    Region { d: String, x: f64, y: f64 },
    /// A region with no outline on the base map, or a country: a badge at (x, y).
    Badge { x: f64, y: f64 },
}

impl Shape {
    /// The mark's centre: where its label, focus ring and hit tests go.
    pub fn anchor(&self) -> [f64; 2] {
        match *self {
            Shape::Point { x, y, .. } | Shape::Region { x, y, .. } | Shape::Badge { x, y } => {
                [x, y]
            }
        }
    }
}

/// A place on the main map or in the overview.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMark {
    pub geonameid: u32,
    pub name: String,
    /// "Sudzha, 5 articles": the marker's accessible name.
    pub label: String,
    pub articles: usize,
    pub precision: Precision,
    pub shape: Shape,
    /// Drawn in the overview inset, in its pixels, rather than on the main map.
    pub in_overview: bool,
}

/// The overview inset: the world around the main map, with the far places.
#[derive(Clone, Debug, PartialEq)]
pub struct Overview {
    /// Its frame in the main SVG's pixels: x, y, width, height.
    pub frame: [f64; 4],
    /// The main map's extent, outlined.
    pub extent: String,
}

/// The base map drawn under the places: what [`MapLayers::backdrop_at`] draws from the whole
/// base map, and the page can take from its prerendered copy instead.
#[derive(Clone, Debug, PartialEq)]
pub struct Backdrop {
    /// Land beyond the detailed base map (world outlines), drawn under it without borders.
    pub underlay: Vec<String>,
    pub land: Vec<Outline>,
    /// The borders between admin-1 regions (SVG path data, map pixels), each drawn once.
    pub borders: String,
    /// The world's land in the overview inset.
    pub inset_land: Vec<String>,
}

/// How finely the main map's base map is drawn. Its outlines are most of the prerendered
/// page's bytes, and the grid they are snapped to decides much of theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// For the default zoom (and the prerendered copy): whole map pixels, as the overview.
    Coarse,
    /// For a map zoomed in: a tenth of a map pixel, fine enough at [`MAX_ZOOM`]. The main map
    /// only: the overview is never zoomed, and its coarse land stays.
    Fine,
}

/// From this zoom on, the main map's base map is drawn at [`Detail::Fine`]. At the default
/// zoom a desktop (a 1280-px window) draws a map pixel 0.85 CSS px wide: on a 2× screen whole
/// pixels move an outline by under a device pixel, and screenshots of the two grids cannot be
/// told apart. At 1.5 a map pixel is 2.5 device pixels and the coarse borders start to part,
/// by a pixel here and there, from the region outlines (always fine) laid over them; at 2
/// they plainly do. One press of the zoom-in button (×1.5) reaches it.
pub const FINE_ZOOM: f64 = 1.5;

impl Detail {
    /// What the map needs at zoom scale `k`.
    pub fn at(k: f64) -> Detail {
        if k >= FINE_ZOOM {
            Detail::Fine
        } else {
            Detail::Coarse
        }
    }

    fn path(self, path: SvgPath) -> SvgPath {
        match self {
            Detail::Fine => path,
            Detail::Coarse => path.coarse(),
        }
    }
}

/// The projections a layout was made with, so that its backdrop can be drawn later, and a key
/// naming them: two layouts with the same key draw the same backdrop.
#[derive(Clone)]
pub struct MapFrame {
    main: Projection,
    /// The overview's projection and the part of the SVG it draws in, [x0, y0, x1, y1].
    inset: Option<(Projection, [f64; 4])>,
    pub key: String,
}

impl MapFrame {
    fn new(size: [f64; 2], main: Projection, inset: Option<(Projection, [f64; 4])>) -> MapFrame {
        // Where a few points fall, to 1/100 px, says which projection this is without naming
        // its parameters; with the size, the frame's hash (the project's own hasher: the same
        // in the prerendering run and in the live page, both this build's code).
        use std::hash::Hasher;
        let mut hash = crate::fasthash::FastHasher::default();
        let mut mix = |v: f64| hash.write_i64((v * 100.0).round() as i64);
        size.iter().for_each(|&v| mix(v));
        for probe in [[20.0, 40.0], [40.0, 60.0], [60.0, 45.0], [-80.0, 10.0]] {
            main.project(probe).iter().for_each(|&v| mix(v));
            if let Some((inset, shown)) = &inset {
                inset
                    .project(probe)
                    .iter()
                    .chain(shown)
                    .for_each(|&v| mix(v));
            }
        }
        MapFrame {
            main,
            inset,
            key: format!("{:016x}", hash.finish()),
        }
    }
}

impl MapFrame {
    /// Where a point of the main map, in map pixels, lies on the globe: [longitude, latitude].
    pub fn invert(&self, point: [f64; 2]) -> [f64; 2] {
        self.main.invert(point)
    }
}

impl std::fmt::Debug for MapFrame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("MapFrame").field(&self.key).finish()
    }
}

impl PartialEq for MapFrame {
    fn eq(&self, other: &MapFrame) -> bool {
        self.key == other.key
    }
}

/// Everything the map draws.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLayers {
    /// The frame, [width, height] in map pixels.
    pub size: [f64; 2],
    pub frame: MapFrame,
    /// `None` until drawn ([`MapLayers::build`]; [`MapLayers::layout`] leaves it out).
    pub backdrop: Option<Backdrop>,
    pub marks: Vec<PlaceMark>,
    pub overview: Option<Overview>,
    /// Whether a region or country that a place is drawn as had no outline in the base map
    /// given: laid out over only some areas ([`shipped_named_areas`]), the whole base map may
    /// have it.
    pub missing_outlines: bool,
}

impl MapLayers {
    /// Lays out `places` over `basemap` in a map of `size` ([`WIDE`] or [`NARROW`]), with the
    /// base map drawn under them at the default zoom ([`Detail::Coarse`]).
    pub fn build(basemap: &Basemap, places: &[MapPlace], size: [f64; 2]) -> MapLayers {
        let mut layers = MapLayers::layout(basemap, places, size);
        layers.backdrop = Some(layers.backdrop_at(basemap, Detail::Coarse));
        layers
    }

    /// The base map under the layout, drawn at `detail` (the overview's only at
    /// [`Detail::Coarse`]).
    pub fn backdrop_at(&self, basemap: &Basemap, detail: Detail) -> Backdrop {
        let [width, height] = self.size;
        let main = &self.frame.main;
        let shown = [
            -CUT_MARGIN,
            -CUT_MARGIN,
            width + CUT_MARGIN,
            height + CUT_MARGIN,
        ];
        let path = || detail.path(SvgPath::clipped(shown));
        let land = basemap
            .countries
            .iter()
            .filter_map(|a| outline_into(main, a, path))
            .collect();
        // Beyond the detailed region, and under the part of a country it only partly covers,
        // the world's outlines, so that a map reaching past the region still shows its land.
        let detailed = |code: &str| {
            basemap
                .countries
                .iter()
                .any(|c| c.country == code && !c.partial)
        };
        let underlay = basemap
            .world
            .iter()
            .filter(|a| a.country.is_empty() || !detailed(&a.country))
            .filter_map(|a| outline_into(main, a, path))
            .map(|o| o.d)
            .collect();
        // The borders between regions, each once, as one path. The detailed base map covers
        // a region far from any projection's cut, so its points are projected one by one.
        let mut borders = path();
        for line in basemap.admin1_borders() {
            let projected: Vec<[f64; 2]> = line.iter().map(|&p| main.project(p)).collect();
            if projected
                .iter()
                .all(|p| p[0].is_finite() && p[1].is_finite())
            {
                borders.polyline(&projected);
            }
        }
        let inset_land = match (&self.frame.inset, detail) {
            (Some((inset, inset_shown)), Detail::Coarse) => basemap
                .world
                .iter()
                .filter_map(|a| coarse_outline_within(inset, a, *inset_shown))
                .collect(),
            _ => Vec::new(),
        };
        Backdrop {
            underlay,
            land,
            borders: borders.d,
            inset_land,
        }
    }

    /// Lays out `places` without drawing the base map: `basemap` need only hold the regions and
    /// countries they name.
    pub fn layout(basemap: &Basemap, places: &[MapPlace], size: [f64; 2]) -> MapLayers {
        let (near, far) = near_and_far(places);
        let fit_points = fit_points(basemap, &near);
        let main = main_projection(&fit_points, size);
        let mut missing_outlines = false;
        let mut marks: Vec<PlaceMark> = places
            .iter()
            .map(|p| {
                let far_place = far.iter().any(|f| f.geonameid == p.geonameid);
                place_mark(basemap, &main, p, far_place, size, &mut missing_outlines)
            })
            .collect();
        let inset = overview_inset(&main, &mut marks, places, &fit_points, size);
        // Points in the overview shrink with it; keep the inset's marks after the main ones.
        let marks = crate::order::sorted_by(marks, |a, b| a.in_overview.cmp(&b.in_overview));
        let (overview, inset_frame) = inset.unzip();
        MapLayers {
            size,
            frame: MapFrame::new(size, main, inset_frame),
            backdrop: None,
            marks,
            overview,
            missing_outlines,
        }
    }

    /// Where each mark's name fits at `zoom` on `screen`, by index into `marks`: clear of the
    /// other names and marks, the `clusters` (whose towns get no name of their own), the zoom
    /// buttons and the overview inset (both drawn over the map), inside the frame. Names in
    /// the inset show on hover and focus only. Marks out of view are skipped, so the work
    /// follows what the screen shows rather than the size of the corpus.
    pub fn labels(
        &self,
        zoom: Zoom,
        screen: &Screen,
        clusters: &Clusters,
    ) -> Vec<Option<LabelPlacement>> {
        let in_view =
            |x: f64, y: f64| x >= 0.0 && y >= 0.0 && x <= self.size[0] && y <= self.size[1];
        let main: Vec<usize> = (0..self.marks.len())
            .filter(|&i| !self.marks[i].in_overview && !clusters.hides(i))
            .filter(|&i| {
                let [x, y] = self.marks[i].shape.anchor();
                let (x, y) = zoom.apply(x, y);
                in_view(x, y)
            })
            .collect();
        // Most-named first; among places named as often, towns before countries before regions:
        // a dot says nothing without its name, while an outline shows what it is and its name
        // has room to move.
        let kind = |m: &PlaceMark| match m.shape {
            Shape::Point { .. } => 0,
            Shape::Badge { .. } => 1,
            Shape::Region { .. } => 2,
        };
        // Most-named first, then by kind, then by index.
        let key = |i: usize| {
            (
                std::cmp::Reverse(self.marks[i].articles),
                kind(&self.marks[i]),
                i,
            )
        };
        let by_rank = crate::order::sorted_by(main.clone(), |&a, &b| key(a).cmp(&key(b)));
        let mut rank = vec![0; self.marks.len()];
        for (r, &i) in by_rank.iter().enumerate() {
            rank[i] = r;
        }
        let requests: Vec<LabelRequest> = main
            .iter()
            .map(|&i| {
                let m = &self.marks[i];
                let (x, y, r) = match m.shape {
                    Shape::Point { x, y, r } => (x, y, r),
                    // The outline is the region's button; its name only needs its centre clear.
                    Shape::Region { x, y, .. } => (x, y, 2.0),
                    Shape::Badge { x, y } => (x, y, BADGE_REACH),
                };
                let (x, y) = zoom.apply(x, y);
                LabelRequest {
                    x,
                    y,
                    r,
                    text: m.name.clone(),
                    rank: rank[i],
                }
            })
            .collect();
        let mut occupied = vec![screen.controls];
        occupied.extend(self.overview.as_ref().map(|o| {
            let [x, y, w, h] = o.frame;
            [x, y, x + w, y + h]
        }));
        occupied.extend(clusters.groups.iter().filter(|c| !c.in_overview).map(|c| {
            let ((x, y), r) = (zoom.apply(c.x, c.y), c.r());
            [x - r, y - r, x + r, y + r]
        }));
        let placed = place_labels(
            &requests,
            screen.font(),
            [0.0, 0.0, self.size[0], self.size[1]],
            &occupied,
        );
        let mut out = vec![None; self.marks.len()];
        for (&i, p) in main.iter().zip(placed) {
            out[i] = p;
        }
        out
    }
}

/// The smallest the page draws a map of `size` (style.css's columns and padding): a 320-px phone
/// for the narrow map, 286 px; for the wide one a window just past 56rem, where the side column
/// opens beside the map, about 440 px. Badges keep clear of the zoom buttons at this size, so
/// on any larger screen too.
pub fn smallest_screen(size: [f64; 2]) -> Screen {
    Screen::nominal(size, if size[0] < size[1] { 286.0 } else { 440.0 })
}

/// Walks a badge from `at` back towards the map's centre until the zoom buttons cannot cover it:
/// the buttons sit over the map, and a badge under them can be neither seen nor clicked. Going
/// back along the same line keeps an edge badge pointing the way to its country.
fn clear_of_controls(at: [f64; 2], size: [f64; 2]) -> [f64; 2] {
    let c = smallest_screen(size).controls;
    let covered = |[x, y]: [f64; 2]| x + BADGE_REACH > c[0] && y - BADGE_REACH < c[3];
    let (cx, cy) = (size[0] / 2.0, size[1] / 2.0);
    let along = |t: f64| [cx + (at[0] - cx) * t, cy + (at[1] - cy) * t];
    let mut t = 1.0;
    while t > 0.0 && covered(along(t)) {
        t -= 0.01;
    }
    along(t.max(0.0))
}

/// The places the main map is fitted to, and those far from them that go to the overview. A
/// corpus about the whole world (a reader's collection of wire stories) gets a world map, with
/// none far: an inset holding a quarter or more of what the articles name would be no overview
/// at all.
fn near_and_far(places: &[MapPlace]) -> (Vec<&MapPlace>, Vec<&MapPlace>) {
    let (near, far) = split_far(places, FAR_KM);
    let weight = |ps: &[&MapPlace]| ps.iter().map(|p| p.article_count()).sum::<usize>();
    if weight(&far) * 4 > weight(&near) + weight(&far) {
        (places.iter().collect(), Vec::new())
    } else {
        (near, far)
    }
}

/// The points the main map is fitted to: the near places' points, and the outlines of the
/// regions named in the text (they belong in the view too). With no place at all, the world.
fn fit_points(basemap: &Basemap, near: &[&MapPlace]) -> Vec<[f64; 2]> {
    let mut points: Vec<[f64; 2]> = near
        .iter()
        .filter(|p| p.is_point())
        .map(|p| [p.lon, p.lat])
        .collect();
    for p in near
        .iter()
        .filter(|p| p.precision == Precision::Admin1 || p.precision == Precision::Admin2)
    {
        match p.admin1.as_deref().and_then(|code| basemap.admin1(code)) {
            Some(area) if p.precision == Precision::Admin1 => {
                points.extend(outline_points(&area.geometry))
            }
            _ => points.push([p.lon, p.lat]),
        }
    }
    if points.is_empty() {
        points.extend(WORLD);
    }
    points
}

/// The corners of the inhabited world, [longitude, latitude]: what an empty map shows (clear of
/// the antimeridian, which the projection does not cut).
const WORLD: [[f64; 2]; 2] = [[-170.0, -56.0], [170.0, 75.0]];

/// How `p` is drawn: a town as a point, a region as its outline, a country as a badge; in the
/// overview when `far`, or when the main map does not show it. Notes in `missing_outlines` a
/// region or country whose outline `basemap` lacks.
fn place_mark(
    basemap: &Basemap,
    main: &Projection,
    p: &MapPlace,
    far: bool,
    size: [f64; 2],
    missing_outlines: &mut bool,
) -> PlaceMark {
    let articles = p.article_count();
    let mark = |shape, in_overview| PlaceMark {
        geonameid: p.geonameid,
        name: p.name.clone(),
        label: p.label(),
        articles,
        precision: p.precision,
        shape,
        in_overview,
    };
    match p.precision {
        Precision::Point if !far => {
            let [x, y] = main.project([p.lon, p.lat]);
            let r = marker_radius(articles);
            mark(Shape::Point { x, y, r }, false)
        }
        Precision::Admin1 => {
            let area = p.admin1.as_deref().and_then(|code| basemap.admin1(code));
            match area.and_then(|a| outline(main, a)) {
                Some(o) => {
                    let [x, y] = main.project([p.lon, p.lat]);
                    mark(Shape::Region { d: o.d, x, y }, false)
                }
                None => {
                    *missing_outlines |= p.admin1.is_some() && area.is_none();
                    badge_or_far(main, p, mark, size)
                }
            }
        }
        Precision::Country => {
            let country = p.country.as_deref().and_then(|code| basemap.country(code));
            // A place with no country code is not helped by the whole map.
            *missing_outlines |= p.country.is_some() && country.is_none();
            let at = visible_anchor(main, country, [p.lon, p.lat], size);
            match at.map(|at| clear_of_controls(at, size)) {
                Some([x, y]) => mark(Shape::Badge { x, y }, false),
                None => mark(Shape::Badge { x: 0.0, y: 0.0 }, true),
            }
        }
        _ => badge_or_far(main, p, mark, size),
    }
}

/// The overview inset, when some marks are in it: its frame in the corner that hides fewest
/// places, and its projection, which places those marks in it (`marks` are moved there). With
/// it, the inset's projection and the part of the SVG it draws in.
fn overview_inset(
    main: &Projection,
    marks: &mut [PlaceMark],
    places: &[MapPlace],
    fit_points: &[[f64; 2]],
    size: [f64; 2],
) -> Option<(Overview, (Projection, [f64; 4]))> {
    let far_marks: Vec<usize> = (0..marks.len()).filter(|&i| marks[i].in_overview).collect();
    if far_marks.is_empty() {
        return None;
    }
    let [fx, fy, fw, fh] = overview_frame(marks, size);
    let place_of = |m: &PlaceMark| places.iter().find(|p| p.geonameid == m.geonameid);
    let far_points: Vec<[f64; 2]> = far_marks
        .iter()
        .filter_map(|&i| place_of(&marks[i]))
        .map(|p| [p.lon, p.lat])
        .chain(fit_points.iter().copied())
        .collect();
    let centre = mean(fit_points);
    let inset = Projection::equirectangular()
        .with_rotate([-centre[0], 0.0, 0.0])
        .fit_extent(
            [[fx + 10.0, fy + 10.0], [fx + fw - 10.0, fy + fh - 10.0]],
            &multipoint(&far_points),
        )
        .unwrap_or_else(|_| Projection::equirectangular());
    for &i in &far_marks {
        let Some(p) = place_of(&marks[i]) else {
            continue;
        };
        let [x, y] = inset.project([p.lon, p.lat]);
        marks[i].shape = match marks[i].shape {
            Shape::Point { r, .. } => Shape::Point {
                x,
                y,
                r: r.min(7.0),
            },
            _ => Shape::Badge { x, y },
        };
    }
    let shown = [
        fx - CUT_MARGIN,
        fy - CUT_MARGIN,
        fx + fw + CUT_MARGIN,
        fy + fh + CUT_MARGIN,
    ];
    let [width, height] = size;
    let corners = [[0.0, 0.0], [width, 0.0], [width, height], [0.0, height]]
        .map(|c| inset.project(main.invert(c)));
    let extent = format!(
        "M{}Z",
        corners
            .iter()
            .map(|[x, y]| format!("{},{}", Fixed(*x, 1), Fixed(*y, 1)))
            .collect::<Vec<_>>()
            .join("L")
    );
    let overview = Overview {
        frame: [fx, fy, fw, fh],
        extent,
    };
    Some((overview, (inset, shown)))
}

/// Where the overview goes, [x, y, width, height]: in the corner that hides fewest of the main
/// map's marks (the zoom buttons hold the top right).
fn overview_frame(marks: &[PlaceMark], [width, height]: [f64; 2]) -> [f64; 4] {
    let (ow, oh) = ((width * 0.28).max(180.0), (height * 0.28).max(140.0));
    let anchors: Vec<[f64; 2]> = marks
        .iter()
        .filter(|m| !m.in_overview)
        .map(|m| m.shape.anchor())
        .collect();
    let corners = [
        [10.0, height - 10.0 - oh],
        [width - 10.0 - ow, height - 10.0 - oh],
        [10.0, 10.0],
    ];
    let hidden = |c: &[f64; 2]| {
        anchors
            .iter()
            .filter(|a| {
                a[0] > c[0] - 60.0
                    && a[0] < c[0] + ow + 60.0
                    && a[1] > c[1] - 15.0
                    && a[1] < c[1] + oh + 15.0
            })
            .count()
    };
    let corner = corners
        .iter()
        .min_by_key(|c| hidden(c))
        .copied()
        .unwrap_or(corners[0]);
    [corner[0], corner[1], ow, oh]
}

/// When the main map shows the place's point, a town there (one far from the centre of
/// attention that the map reaches anyway) or else a badge; otherwise a mark in the overview.
fn badge_or_far(
    main: &Projection,
    p: &MapPlace,
    mark: impl Fn(Shape, bool) -> PlaceMark,
    size: [f64; 2],
) -> PlaceMark {
    let [x, y] = main.project([p.lon, p.lat]);
    if inside_frame(x, y, size) {
        if p.is_point() {
            return mark(
                Shape::Point {
                    x,
                    y,
                    r: marker_radius(p.article_count()),
                },
                false,
            );
        }
        let [x, y] = clear_of_controls([x, y], size);
        mark(Shape::Badge { x, y }, false)
    } else {
        mark(
            Shape::Point {
                x,
                y,
                r: marker_radius(p.article_count()),
            },
            true,
        )
    }
}

/// Where a country's badge goes: its point if the main map shows it (Ukraine); else, when the
/// main map shows part of the country (Russia, whose point is in Siberia), the frame's edge in
/// the direction of its point, so the badge points the way (the caller then keeps it clear of the
/// zoom buttons); else nowhere (the overview).
fn visible_anchor(
    main: &Projection,
    area: Option<&Area>,
    point: [f64; 2],
    size: [f64; 2],
) -> Option<[f64; 2]> {
    let [x, y] = main.project(point);
    if inside_frame(x, y, size) {
        return Some([x, y]);
    }
    let shown = outline_points(&area?.geometry)
        .into_iter()
        .map(|p| main.project(p))
        .filter(|&[x, y]| inside_frame(x, y, size))
        .count();
    if shown < 8 || !x.is_finite() || !y.is_finite() {
        return None;
    }
    // Walk from the centre towards the point and stop at the margin.
    let (cx, cy) = (size[0] / 2.0, size[1] / 2.0);
    let (dx, dy) = (x - cx, y - cy);
    let inner = |half: f64, d: f64| {
        if d.abs() < 1e-9 {
            f64::INFINITY
        } else {
            (half - MARGIN) / d.abs()
        }
    };
    let t = inner(cx, dx).min(inner(cy, dy)).min(1.0);
    Some([cx + dx * t, cy + dy * t])
}

fn inside_frame(x: f64, y: f64, size: [f64; 2]) -> bool {
    (MARGIN..=size[0] - MARGIN).contains(&x) && (MARGIN..=size[1] - MARGIN).contains(&y)
}

/// A Lambert conformal conic centred on the points, with standard parallels at a sixth of their
/// latitude span from each edge (the usual rule of thumb), fitted inside the margins.
fn main_projection(points: &[[f64; 2]], size: [f64; 2]) -> Projection {
    let (lat0, lat1) = points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p[1]), hi.max(p[1]))
    });
    let span = (lat1 - lat0).max(2.0);
    let parallels = [lat0 + span / 6.0, lat1 - span / 6.0];
    let centre = mean(points);
    // A conic keeps a region's shapes true; past a continent's breadth it fans the world out
    // into a wedge, and a plain equirectangular map reads better.
    let base = if lon_span(points) > WORLD_LON_SPAN || span > WORLD_LAT_SPAN {
        Projection::equirectangular().with_rotate([-centre[0], 0.0, 0.0])
    } else {
        Projection::conic_conformal()
            .with_rotate([-centre[0], 0.0, 0.0])
            .with_parallels(if parallels[0] < parallels[1] {
                parallels
            } else {
                [lat0, lat0 + 1.0]
            })
    };
    // Markers and their labels need room at the edges; a lone point gets a regional view.
    let object = if points.len() < 2 || (span < 2.0 && lon_span(points) < 3.0) {
        let c = centre;
        multipoint(&[[c[0] - 4.0, c[1] - 2.5], [c[0] + 4.0, c[1] + 2.5]])
    } else {
        multipoint(points)
    };
    let extent = [
        [MARGIN * 1.5, MARGIN],
        [size[0] - MARGIN * 1.5, size[1] - MARGIN],
    ];
    base.clone().fit_extent(extent, &object).unwrap_or(base)
}

/// Past these spans of longitude or latitude (degrees) the main map is a world map.
const WORLD_LON_SPAN: f64 = 90.0;
const WORLD_LAT_SPAN: f64 = 60.0;

fn lon_span(points: &[[f64; 2]]) -> f64 {
    let (lo, hi) = points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p[0]), hi.max(p[0]))
    });
    hi - lo
}

fn mean(points: &[[f64; 2]]) -> [f64; 2] {
    let n = points.len().max(1) as f64;
    let s = points
        .iter()
        .fold([0.0, 0.0], |s, p| [s[0] + p[0], s[1] + p[1]]);
    [s[0] / n, s[1] / n]
}

fn multipoint(points: &[[f64; 2]]) -> Geometry {
    Geometry::new(GeometryValue::new_multi_point(
        points.iter().map(|p| vec![p[0], p[1]]).collect::<Vec<_>>(),
    ))
}

/// Every vertex of an outline, as [longitude, latitude].
fn outline_points(geometry: &Geometry) -> Vec<[f64; 2]> {
    let mut out = Vec::new();
    if let GeometryValue::MultiPolygon { coordinates } = &geometry.value {
        for polygon in coordinates {
            for ring in polygon {
                out.extend(ring.iter().filter(|p| p.len() >= 2).map(|p| [p[0], p[1]]));
            }
        }
    }
    out
}

/// How far outside a frame the base map's outlines are cut (map pixels): beyond the strokes.
const CUT_MARGIN: f64 = 10.0;

/// The outline as an SVG path, polygon by polygon: a polygon the projection cannot draw (one
/// that crosses the cut of the projection) is left out rather than drawn wrong.
fn outline(projection: &Projection, area: &Area) -> Option<Outline> {
    outline_into(projection, area, SvgPath::default)
}

/// [`outline`] in whole pixels cut to a rectangle [x0, y0, x1, y1], for the overview, which is
/// never zoomed; `None` when nothing of it is inside.
fn coarse_outline_within(projection: &Projection, area: &Area, clip: [f64; 4]) -> Option<String> {
    outline_into(projection, area, || SvgPath::clipped(clip).coarse()).map(|o| o.d)
}

/// [`outline`] written into the paths `new_path` makes (a grid, a rectangle to cut to);
/// `None` when nothing of it is left.
fn outline_into(
    projection: &Projection,
    area: &Area,
    new_path: impl Fn() -> SvgPath,
) -> Option<Outline> {
    let GeometryValue::MultiPolygon { coordinates } = &area.geometry.value else {
        return None;
    };
    let mut d = String::new();
    for polygon in coordinates {
        let mut path = new_path();
        let single = GeometryValue::new_polygon(polygon.clone());
        if projection.stream(&single, &mut path).is_ok() {
            d.push_str(&path.d);
        }
    }
    (!d.is_empty()).then(|| Outline {
        name: area.name.clone(),
        country: area.country.clone(),
        admin1: area.admin1.clone(),
        d,
    })
}

/// A town marker's radius in screen pixels: area grows with the number of articles.
pub fn marker_radius(articles: usize) -> f64 {
    4.0 + 3.0 * (articles.max(1) as f64).sqrt()
}

/// The pan-and-zoom state: screen = k · map + (x, y).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Zoom {
    pub k: f64,
    pub x: f64,
    pub y: f64,
}

impl Default for Zoom {
    fn default() -> Zoom {
        Zoom {
            k: 1.0,
            x: 0.0,
            y: 0.0,
        }
    }
}

impl Zoom {
    /// Zooms by `factor` keeping the map point under (cx, cy) in place, within the bounds of a
    /// map of `size`.
    pub fn zoom_at(self, cx: f64, cy: f64, factor: f64, size: [f64; 2]) -> Zoom {
        let k = (self.k * factor).clamp(1.0, MAX_ZOOM);
        let ratio = k / self.k;
        Zoom {
            k,
            x: cx - (cx - self.x) * ratio,
            y: cy - (cy - self.y) * ratio,
        }
        .bounded(size)
    }

    /// Moves the map by (dx, dy) screen pixels, within bounds.
    pub fn pan(self, dx: f64, dy: f64, size: [f64; 2]) -> Zoom {
        Zoom {
            x: self.x + dx,
            y: self.y + dy,
            ..self
        }
        .bounded(size)
    }

    /// Keeps the map covering the view: it can be zoomed into, never pushed out of sight.
    pub fn bounded(self, size: [f64; 2]) -> Zoom {
        let k = if self.k.is_finite() {
            self.k.clamp(1.0, MAX_ZOOM)
        } else {
            1.0
        };
        // f64::clamp as written out in core, without its assertion: the message's `{:?}` of two
        // floats would bring core's float formatting into the page.
        let clamp = |v: f64, side: f64| {
            let low = side * (1.0 - k);
            if !v.is_finite() {
                0.0
            } else if v < low {
                low
            } else if v > 0.0 {
                0.0
            } else {
                v
            }
        };
        Zoom {
            k,
            x: clamp(self.x, size[0]),
            y: clamp(self.y, size[1]),
        }
    }

    /// Map pixels to screen pixels.
    pub fn apply(self, x: f64, y: f64) -> (f64, f64) {
        (self.k * x + self.x, self.k * y + self.y)
    }

    /// The SVG transform for the base map group.
    pub fn transform(self) -> String {
        format!(
            "translate({},{}) scale({})",
            Fixed(self.x, 2),
            Fixed(self.y, 2),
            Fixed(self.k, 4)
        )
    }

    /// For the address bar: "2.5,-120,-40"; `None` at the default view.
    pub fn to_param(self) -> Option<String> {
        (self != Zoom::default()).then(|| {
            format!(
                "{},{},{}",
                Plain(round(self.k, 3)),
                Plain(round(self.x, 1)),
                Plain(round(self.y, 1))
            )
        })
    }

    /// Reads [`Zoom::to_param`]'s form (bounded to the widest map; the view bounds it to its
    /// own); anything else is the default view.
    pub fn from_param(value: &str) -> Zoom {
        let parts: Vec<f64> = value
            .split(',')
            .filter_map(|v| plain_decimal(v.trim()))
            .collect();
        match parts.as_slice() {
            [k, x, y] => Zoom {
                k: *k,
                x: *x,
                y: *y,
            }
            .bounded(WIDE),
            _ => Zoom::default(),
        }
    }
}

/// Reads a plain decimal such as `-120.5`, the only form [`Zoom::to_param`] writes. Written out
/// because `str::parse::<f64>` brings 16 kB of tables and code into the page for three numbers
/// in a link; with at most 15 digits, both operands are exact and the one division rounds
/// correctly, so the value is the one `parse` would give.
fn plain_decimal(text: &str) -> Option<f64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all = || whole.bytes().chain(fraction.bytes());
    if whole.is_empty() && fraction.is_empty()
        || all().count() > 15
        || !all().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mantissa = all().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    let value = mantissa as f64 / 10f64.powi(fraction.len() as i32);
    Some(if negative { -value } else { value })
}

fn round(v: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (v * f).round() / f
}
