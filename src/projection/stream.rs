//! Streaming geometry through a projection (d3-geo's `projection.stream`): rotate, clip, resample
//! adaptively, scale and translate, into a [`PathSink`].

use std::f64::consts::PI;

use geojson::{Feature, FeatureCollection, GeoJson, Geometry, GeometryValue, Position};

use super::math::{asin, cartesian, DEGREES, EPSILON, RADIANS};
use super::{Preclip, Projection, ProjectionError, Result};

/// Receives projected output in pixels, in d3's stream order: loose points, and lines and
/// polygon rings between `line_start` and `line_end` (a ring's closing point is not repeated).
pub trait PathSink {
    fn point(&mut self, x: f64, y: f64);
    fn line_start(&mut self) {}
    fn line_end(&mut self) {}
    fn polygon_start(&mut self) {}
    fn polygon_end(&mut self) {}
}

/// The projected bounding box: `min` is the top-left corner, `max` the bottom-right.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub min: [f64; 2],
    pub max: [f64; 2],
}

impl Default for Bounds {
    fn default() -> Self {
        Bounds {
            min: [f64::INFINITY; 2],
            max: [f64::NEG_INFINITY; 2],
        }
    }
}

impl Bounds {
    /// True until a point has been added.
    pub fn is_empty(&self) -> bool {
        !(self.min[0] <= self.max[0] && self.min[1] <= self.max[1])
    }
}

impl PathSink for Bounds {
    fn point(&mut self, x: f64, y: f64) {
        // The comparisons of d3's boundsStream, so a NaN never widens the box.
        if x < self.min[0] {
            self.min[0] = x;
        }
        if x > self.max[0] {
            self.max[0] = x;
        }
        if y < self.min[1] {
            self.min[1] = y;
        }
        if y > self.max[1] {
            self.max[1] = y;
        }
    }
}

/// GeoJSON objects a projection can stream: anything that is geometries.
pub trait GeoObject {
    /// Calls `visit` on each geometry in document order, stopping at the first error.
    fn each_geometry(&self, visit: &mut dyn FnMut(&GeometryValue) -> Result<()>) -> Result<()>;
}

impl GeoObject for GeometryValue {
    fn each_geometry(&self, visit: &mut dyn FnMut(&GeometryValue) -> Result<()>) -> Result<()> {
        visit(self)
    }
}

impl GeoObject for Geometry {
    fn each_geometry(&self, visit: &mut dyn FnMut(&GeometryValue) -> Result<()>) -> Result<()> {
        visit(&self.value)
    }
}

impl GeoObject for Feature {
    fn each_geometry(&self, visit: &mut dyn FnMut(&GeometryValue) -> Result<()>) -> Result<()> {
        match &self.geometry {
            Some(geometry) => visit(&geometry.value),
            None => Ok(()),
        }
    }
}

impl GeoObject for [Feature] {
    fn each_geometry(&self, visit: &mut dyn FnMut(&GeometryValue) -> Result<()>) -> Result<()> {
        self.iter()
            .try_for_each(|feature| feature.each_geometry(visit))
    }
}

impl GeoObject for FeatureCollection {
    fn each_geometry(&self, visit: &mut dyn FnMut(&GeometryValue) -> Result<()>) -> Result<()> {
        self.features.each_geometry(visit)
    }
}

impl GeoObject for GeoJson {
    fn each_geometry(&self, visit: &mut dyn FnMut(&GeometryValue) -> Result<()>) -> Result<()> {
        match self {
            GeoJson::Geometry(g) => g.each_geometry(visit),
            GeoJson::Feature(f) => f.each_geometry(visit),
            GeoJson::FeatureCollection(c) => c.each_geometry(visit),
        }
    }
}

/// Whether a sequence of positions is an open line or a closed polygon ring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Open,
    Ring,
}

/// d3's resample depth limit and the angular distance (30°) above which a segment is always split.
const MAX_DEPTH: u32 = 16;
const COS_MIN_DISTANCE: f64 = 0.8660254037844387;

/// One vertex for the resampler: projected position, longitude and unit vector.
#[derive(Debug, Clone, Copy)]
struct Vertex {
    x: f64,
    y: f64,
    lambda: f64,
    abc: [f64; 3],
}

pub(super) struct Pipeline<'a, S: PathSink> {
    projection: &'a Projection,
    sink: &'a mut S,
    /// Mercator's square world at the current scale and translate, as [x0, y0, x1, y1].
    square: Option<[f64; 4]>,
}

impl<'a, S: PathSink> Pipeline<'a, S> {
    pub(super) fn new(projection: &'a Projection, sink: &'a mut S) -> Self {
        let square = projection.mercator_square.then(|| {
            let k = PI * projection.scale;
            // d3's `reclip`: the projection of the point the rotation brings to (0°, 0°), via
            // degrees as d3 computes it.
            let (lambda, phi) = projection.rotation.invert(0.0, 0.0);
            let t = projection.project([lambda * DEGREES, phi * DEGREES]);
            [t[0] - k, t[1] - k, t[0] + k, t[1] + k]
        });
        Pipeline {
            projection,
            sink,
            square,
        }
    }

    pub(super) fn object<O: GeoObject + ?Sized>(&mut self, object: &O) -> Result<()> {
        object.each_geometry(&mut |geometry| self.geometry(geometry))
    }

    fn geometry(&mut self, geometry: &GeometryValue) -> Result<()> {
        match geometry {
            GeometryValue::Point { coordinates } => self.point(coordinates),
            GeometryValue::MultiPoint { coordinates } => {
                coordinates.iter().try_for_each(|p| self.point(p))
            }
            GeometryValue::LineString { coordinates } => self.line(coordinates, LineKind::Open),
            GeometryValue::MultiLineString { coordinates } => coordinates
                .iter()
                .try_for_each(|line| self.line(line, LineKind::Open)),
            GeometryValue::Polygon { coordinates } => self.polygon(coordinates),
            GeometryValue::MultiPolygon { coordinates } => {
                coordinates.iter().try_for_each(|p| self.polygon(p))
            }
            GeometryValue::GeometryCollection { geometries } => {
                geometries.iter().try_for_each(|g| self.geometry(&g.value))
            }
        }
    }

    fn rotated(&self, position: &Position) -> (f64, f64) {
        let p = position.as_slice();
        self.projection
            .rotation
            .forward(p[0] * RADIANS, p[1] * RADIANS)
    }

    fn visible(&self, lambda: f64, phi: f64) -> bool {
        match self.projection.preclip {
            Preclip::Antimeridian => true,
            Preclip::Circle { degrees } => lambda.cos() * phi.cos() > (degrees * RADIANS).cos(),
        }
    }

    fn in_square(&self, p: [f64; 2]) -> bool {
        self.square
            .is_none_or(|[x0, y0, x1, y1]| x0 <= p[0] && p[0] <= x1 && y0 <= p[1] && p[1] <= y1)
    }

    /// A loose point: hidden ones are dropped, as d3's clip drops them.
    fn point(&mut self, position: &Position) -> Result<()> {
        let (lambda, phi) = self.rotated(position);
        if !self.visible(lambda, phi) {
            return Ok(());
        }
        let p = self.projection.transform_rotated(lambda, phi);
        if self.in_square(p) {
            self.sink.point(p[0], p[1]);
        }
        Ok(())
    }

    fn polygon(&mut self, rings: &[Vec<Position>]) -> Result<()> {
        // d3 opens the polygon in its sink only once a ring has been emitted.
        let mut started = false;
        for ring in rings {
            let points = self.clipped(ring, LineKind::Ring)?;
            if points.is_empty() {
                continue;
            }
            if !started {
                self.sink.polygon_start();
                started = true;
            }
            self.resample(&points, LineKind::Ring)?;
        }
        if started {
            self.sink.polygon_end();
        }
        Ok(())
    }

    fn line(&mut self, line: &[Position], kind: LineKind) -> Result<()> {
        let points = self.clipped(line, kind)?;
        if !points.is_empty() {
            self.resample(&points, kind)?;
        }
        Ok(())
    }

    /// The rotated points d3's clip passes on for a line or ring, or an error where it would cut.
    /// A ring arrives without its closing position (d3's `streamLine` drops the last one) and
    /// leaves without it too.
    fn clipped(&self, positions: &[Position], kind: LineKind) -> Result<Vec<(f64, f64)>> {
        let take = match kind {
            LineKind::Open => positions.len(),
            LineKind::Ring => positions.len().saturating_sub(1),
        };
        let mut points: Vec<(f64, f64)> =
            positions[..take].iter().map(|p| self.rotated(p)).collect();
        if kind == LineKind::Ring && !points.is_empty() {
            points.push(points[0]);
        }
        match self.projection.preclip {
            Preclip::Antimeridian => {
                for pair in points.windows(2) {
                    let ((lambda0, _), (lambda1, _)) = (pair[0], pair[1]);
                    let delta = (lambda1 - lambda0).abs();
                    let (sign0, sign1) = (side(lambda0), side(lambda1));
                    if (delta - PI).abs() < EPSILON || (sign0 != sign1 && delta >= PI) {
                        return Err(ProjectionError::CrossesAntimeridian);
                    }
                }
            }
            Preclip::Circle { .. } => {
                let visible = points.iter().filter(|&&(l, p)| self.visible(l, p)).count();
                if visible == 0 {
                    return Ok(Vec::new());
                }
                if visible < points.len() {
                    return Err(ProjectionError::OutsideClipAngle);
                }
                // The circle clip skips a point equal (within ε) to the one before it.
                let mut previous: Option<(f64, f64)> = None;
                points.retain(|&p| {
                    let keep = previous.is_none_or(|q| {
                        !((q.0 - p.0).abs() < EPSILON && (q.1 - p.1).abs() < EPSILON)
                    });
                    previous = Some(p);
                    keep
                });
            }
        }
        if kind == LineKind::Ring {
            points.pop();
        }
        Ok(points)
    }

    /// d3's adaptive resampling of a line or ring (`resample.js`), into the sink.
    fn resample(&mut self, points: &[(f64, f64)], kind: LineKind) -> Result<()> {
        self.sink.line_start();
        let delta2 = self.projection.delta2;
        if delta2 == 0.0 {
            for &(lambda, phi) in points {
                let p = self.projection.transform_rotated(lambda, phi);
                self.emit(p)?;
            }
        } else {
            let mut previous: Option<Vertex> = None;
            let mut first: Option<Vertex> = None;
            for &(lambda, phi) in points {
                let p = self.projection.transform_rotated(lambda, phi);
                let vertex = Vertex {
                    x: p[0],
                    y: p[1],
                    lambda,
                    abc: cartesian(lambda, phi),
                };
                if let Some(from) = previous {
                    self.resample_segment(&from, &vertex, MAX_DEPTH, delta2)?;
                }
                self.emit(p)?;
                first.get_or_insert(vertex);
                previous = Some(vertex);
            }
            if let (LineKind::Ring, Some(last), Some(first)) = (kind, previous, first) {
                self.resample_segment(&last, &first, MAX_DEPTH, delta2)?;
            }
        }
        self.sink.line_end();
        Ok(())
    }

    /// Emits the points between `from` and `to` (exclusive) that keep the projected line within
    /// √delta2 pixels of the great-circle arc.
    fn resample_segment(
        &mut self,
        from: &Vertex,
        to: &Vertex,
        depth: u32,
        delta2: f64,
    ) -> Result<()> {
        let (dx, dy) = (to.x - from.x, to.y - from.y);
        let d2 = dx * dx + dy * dy;
        if !(d2 > 4.0 * delta2 && depth > 0) {
            return Ok(());
        }
        let depth = depth - 1;
        let [a0, b0, c0] = from.abc;
        let [a1, b1, c1] = to.abc;
        let (a, b, c) = (a0 + a1, b0 + b1, c0 + c1);
        let m = (a * a + b * b + c * c).sqrt();
        let c = c / m;
        let phi2 = asin(c);
        let lambda2 =
            if ((c.abs()) - 1.0).abs() < EPSILON || (from.lambda - to.lambda).abs() < EPSILON {
                (from.lambda + to.lambda) / 2.0
            } else {
                f64::atan2(b, a)
            };
        let p = self.projection.transform_rotated(lambda2, phi2);
        let (dx2, dy2) = (p[0] - from.x, p[1] - from.y);
        let dz = dy * dx2 - dx * dy2;
        if dz * dz / d2 > delta2
            || ((dx * dx2 + dy * dy2) / d2 - 0.5).abs() > 0.3
            || a0 * a1 + b0 * b1 + c0 * c1 < COS_MIN_DISTANCE
        {
            let middle = Vertex {
                x: p[0],
                y: p[1],
                lambda: lambda2,
                abc: [a / m, b / m, c],
            };
            self.resample_segment(from, &middle, depth, delta2)?;
            self.emit(p)?;
            self.resample_segment(&middle, to, depth, delta2)?;
        }
        Ok(())
    }

    fn emit(&mut self, p: [f64; 2]) -> Result<()> {
        if !self.in_square(p) {
            return Err(ProjectionError::OutsideClipExtent);
        }
        self.sink.point(p[0], p[1]);
        Ok(())
    }
}

/// d3's `sign0`/`sign1`: which half of the antimeridian cut a longitude is on.
fn side(lambda: f64) -> f64 {
    if lambda > 0.0 {
        PI
    } else {
        -PI
    }
}
