//! Map projections in the shape of d3-geo: a [`RawProjection`] (sphere to unit plane) wrapped by
//! a [`Projection`] that rotates, centres, scales and translates, streams geometry with d3's
//! adaptive resampling, and fits an object into a box ([`Projection::fit_extent`]).
//!
//! The numbers match d3-geo 3.1.2 (`tests/projection.rs` checks them to 1e-6 against d3's own
//! tests and against fixtures made by running d3, `make d3-fixtures`). As in d3, output y points
//! down and the defaults (scale, translate 480×250, centre, parallels) are d3's.
//!
//! **For factmap's map** (Russia, Ukraine, Belarus, with Kursk and Sumy in detail) use
//! [`Projection::conic_conformal`] rotated to the region's central meridian with parallels
//! bracketing it, e.g. `.with_rotate([-35.0, 0.0, 0.0]).with_parallels([45.0, 60.0])`: Lambert's
//! conic is conformal, so small areas such as the Kursk–Sumy border keep their shape, and its
//! scale error stays within a few percent between the parallels. For an overview inset of the
//! world, [`Projection::azimuthal_equal_area`] rotated to the region (`[-35, -52, 0]`).
//!
//! **Limitation: no antimeridian cutting.** d3 cuts lines and polygons where they cross the
//! antimeridian (of the rotated sphere) or leave the clip circle, and joins the pieces along the
//! edge. That is not implemented: [`Projection::stream`] and the fit functions return
//! [`ProjectionError::CrossesAntimeridian`] or [`ProjectionError::OutsideClipAngle`] instead of a
//! wrong answer, and points outside the visible region are dropped as d3 drops them. With a
//! rotation of −35° the cut lies at 145° W: every country of the base map's world layer but the
//! United States (Alaska) and Antarctica streams without one, Russia included (Natural Earth
//! already splits it at 180°). An azimuthal projection has no cut, only its clip circle. Two
//! further d3 behaviours are not copied: a polygon is not
//! read as the complement of itself when its ring winds counter-clockwise (d3 would then fit the
//! whole sphere; here rings are outlines whatever their winding), and under a circular clip a
//! segment that passes within the clip margin of the antipode is not split.

mod math;
mod raw;
mod rotation;
mod stream;

use std::sync::Arc;

pub use raw::{
    conic_conformal_raw, conic_equal_area_raw, AzimuthalEqualAreaRaw, ConicConformalRaw,
    ConicEqualAreaRaw, CylindricalEqualAreaRaw, EquirectangularRaw, MercatorRaw, RawProjection,
};
pub use stream::{Bounds, GeoObject, PathSink};

use math::{DEGREES, RADIANS};
use rotation::Rotation;

/// What can go wrong when streaming or fitting an object.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProjectionError {
    /// The object has no position the projection shows, so there is nothing to fit.
    #[error("nothing to fit: the object has no visible position")]
    Empty,
    /// A line or ring crosses the antimeridian of the rotated sphere, which would need cutting.
    #[error("a line or ring crosses the antimeridian of the rotated sphere (not supported: rotate the projection or split the geometry)")]
    CrossesAntimeridian,
    /// A line or ring leaves the clip circle of an azimuthal projection.
    #[error("a line or ring leaves the projection's clip circle (not supported)")]
    OutsideClipAngle,
    /// A line or ring leaves Mercator's square world (beyond about 85° of latitude).
    #[error(
        "a line or ring leaves the Mercator square (beyond about ±85° latitude; not supported)"
    )]
    OutsideClipExtent,
}

/// Result with a [`ProjectionError`].
pub type Result<T> = std::result::Result<T, ProjectionError>;

/// How the sphere is cut before projecting (d3's `preclip`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Preclip {
    /// Along the antimeridian of the rotated sphere (d3's default).
    Antimeridian,
    /// Everything farther than this many degrees from the projection's centre is hidden
    /// (d3's `clipAngle`).
    Circle { degrees: f64 },
}

/// A conic's raw projection depends on its standard parallels, so it is rebuilt when they change
/// (d3's `conicProjection` mutator).
#[derive(Clone, Copy)]
struct Conic {
    build: fn(f64, f64) -> Arc<dyn RawProjection>,
    parallels: [f64; 2],
}

/// A projection: a raw projection plus rotation, centre, scale and translation, in d3-geo's
/// semantics. Angles are given in degrees, output in pixels with y down.
///
/// ```
/// use factmap::projection::Projection;
/// let kursk = Projection::mercator().project([36.19, 51.73]);
/// assert!((kursk[0] - 576.5).abs() < 1.0 && kursk[1] < 250.0);
/// ```
#[derive(Clone)]
pub struct Projection {
    raw: Arc<dyn RawProjection>,
    conic: Option<Conic>,
    scale: f64,
    translate: [f64; 2],
    /// λ, φ in radians.
    center: [f64; 2],
    /// δλ, δφ, δγ in radians.
    rotate: [f64; 3],
    preclip: Preclip,
    mercator_square: bool,
    /// Squared precision in pixels: the resampler's tolerance.
    delta2: f64,
    rotation: Rotation,
    /// Translation after centring: output = (dx + k x, dy − k y).
    offset: [f64; 2],
}

impl std::fmt::Debug for Projection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Projection")
            .field("raw", &self.raw)
            .field("parallels", &self.parallels())
            .field("scale", &self.scale)
            .field("translate", &self.translate)
            .field("center", &self.center())
            .field("rotate", &self.rotate())
            .field("preclip", &self.preclip)
            .field("precision", &self.precision())
            .finish()
    }
}

impl Projection {
    /// A projection of `raw` with d3's defaults: scale 150, translate (480, 250), no rotation,
    /// antimeridian clipping, precision √0.5 px (d3-geo's `geoProjection`).
    pub fn new(raw: Arc<dyn RawProjection>) -> Self {
        Projection {
            raw,
            conic: None,
            scale: 150.0,
            translate: [480.0, 250.0],
            center: [0.0, 0.0],
            rotate: [0.0, 0.0, 0.0],
            preclip: Preclip::Antimeridian,
            mercator_square: false,
            delta2: 0.5,
            rotation: Rotation::new(0.0, 0.0, 0.0),
            offset: [0.0, 0.0],
        }
        .recenter()
    }

    fn conic(build: fn(f64, f64) -> Arc<dyn RawProjection>) -> Self {
        let parallels = [0.0, std::f64::consts::FRAC_PI_3];
        Projection {
            conic: Some(Conic { build, parallels }),
            ..Projection::new(build(parallels[0], parallels[1]))
        }
    }

    /// Plate carrée, scale 152.63 (`geoEquirectangular`).
    pub fn equirectangular() -> Self {
        Projection::new(Arc::new(EquirectangularRaw)).with_scale(152.63)
    }

    /// Spherical Mercator, scale 961/2π, its world clipped to a square as in d3
    /// (`geoMercator`).
    pub fn mercator() -> Self {
        Projection {
            mercator_square: true,
            ..Projection::new(Arc::new(MercatorRaw))
        }
        .with_scale(961.0 / math::TAU)
    }

    /// Lambert azimuthal equal-area, scale 124.75, clipped at 179.999° from the centre
    /// (`geoAzimuthalEqualArea`).
    pub fn azimuthal_equal_area() -> Self {
        Projection::new(Arc::new(AzimuthalEqualAreaRaw))
            .with_scale(124.75)
            .with_preclip(Preclip::Circle {
                degrees: 180.0 - 1e-3,
            })
    }

    /// Lambert conformal conic, parallels 30° and 30°, scale 109.5 (`geoConicConformal`).
    pub fn conic_conformal() -> Self {
        Projection::conic(conic_conformal_raw)
            .with_scale(109.5)
            .with_parallels([30.0, 30.0])
    }

    /// Albers equal-area conic, parallels 0° and 60°, scale 155.424, centre 33.6442° N
    /// (`geoConicEqualArea`).
    pub fn conic_equal_area() -> Self {
        Projection::conic(conic_equal_area_raw)
            .with_scale(155.424)
            .with_center([0.0, 33.6442])
    }

    /// d3's Albers preset for the contiguous United States (`geoAlbers`): parallels 29.5° and
    /// 45.5°, rotated to 96° W. Kept for parity with d3's tests.
    pub fn albers() -> Self {
        Projection::conic_equal_area()
            .with_parallels([29.5, 45.5])
            .with_scale(1070.0)
            .with_translate([480.0, 250.0])
            .with_rotate([96.0, 0.0, 0.0])
            .with_center([-0.6, 38.7])
    }

    /// Sets the scale factor (d3 `scale`).
    pub fn with_scale(mut self, scale: f64) -> Self {
        self.scale = scale;
        self.recenter()
    }

    /// Sets where the centre lands, in pixels (d3 `translate`).
    pub fn with_translate(mut self, translate: [f64; 2]) -> Self {
        self.translate = translate;
        self.recenter()
    }

    /// Sets the [longitude, latitude] in degrees that lands on the translate point, after
    /// rotation (d3 `center`).
    pub fn with_center(mut self, center: [f64; 2]) -> Self {
        self.center = [center[0] % 360.0 * RADIANS, center[1] % 360.0 * RADIANS];
        self.recenter()
    }

    /// Sets the sphere's rotation [λ, φ, γ] in degrees before projecting (d3 `rotate`; its
    /// negated [longitude, latitude] is the point brought to the centre).
    pub fn with_rotate(mut self, rotate: [f64; 3]) -> Self {
        self.rotate = rotate.map(|a| a % 360.0 * RADIANS);
        self.recenter()
    }

    /// Sets a conic's standard parallels in degrees (d3 `parallels`). Other projections have
    /// none and are returned unchanged; [`parallels`](Self::parallels) tells them apart.
    pub fn with_parallels(mut self, parallels: [f64; 2]) -> Self {
        if let Some(conic) = &mut self.conic {
            conic.parallels = parallels.map(|p| p * RADIANS);
            self.raw = (conic.build)(conic.parallels[0], conic.parallels[1]);
        }
        self.recenter()
    }

    /// Sets the resampling tolerance in pixels; 0 turns resampling off (d3 `precision`).
    pub fn with_precision(mut self, pixels: f64) -> Self {
        self.delta2 = pixels * pixels;
        self
    }

    /// Sets how the sphere is cut before projecting (d3 `clipAngle`: `Circle`, or
    /// `Antimeridian` for `clipAngle(null)`).
    pub fn with_preclip(mut self, preclip: Preclip) -> Self {
        self.preclip = preclip;
        self
    }

    pub fn scale(&self) -> f64 {
        self.scale
    }

    pub fn translate(&self) -> [f64; 2] {
        self.translate
    }

    /// [longitude, latitude] in degrees.
    pub fn center(&self) -> [f64; 2] {
        [self.center[0] * DEGREES, self.center[1] * DEGREES]
    }

    /// [λ, φ, γ] in degrees.
    pub fn rotate(&self) -> [f64; 3] {
        self.rotate.map(|a| a * DEGREES)
    }

    /// A conic's standard parallels in degrees; `None` for other projections.
    pub fn parallels(&self) -> Option<[f64; 2]> {
        self.conic.map(|c| c.parallels.map(|p| p * DEGREES))
    }

    /// The resampling tolerance in pixels (d3's default is √0.5 ≈ 0.71).
    pub fn precision(&self) -> f64 {
        self.delta2.sqrt()
    }

    pub fn preclip(&self) -> Preclip {
        self.preclip
    }

    fn recenter(mut self) -> Self {
        let (cx, cy) = self.raw.forward(self.center[0], self.center[1]);
        let k = self.scale;
        let center = [k * cx, -(k * cy)];
        self.offset = [self.translate[0] - center[0], self.translate[1] - center[1]];
        self.rotation = Rotation::new(self.rotate[0], self.rotate[1], self.rotate[2]);
        self
    }

    /// Rotated (λ, φ) in radians to pixels: d3's `projectTransform`.
    fn transform_rotated(&self, lambda: f64, phi: f64) -> [f64; 2] {
        let (x, y) = self.raw.forward(lambda, phi);
        [
            self.offset[0] + self.scale * x,
            self.offset[1] - self.scale * y,
        ]
    }

    /// [longitude, latitude] in degrees to [x, y] in pixels. Like d3's `projection(point)`, this
    /// does not clip: a point on the far side of an azimuthal projection still gets a position.
    pub fn project(&self, position: [f64; 2]) -> [f64; 2] {
        let (lambda, phi) = self
            .rotation
            .forward(position[0] * RADIANS, position[1] * RADIANS);
        self.transform_rotated(lambda, phi)
    }

    /// [x, y] in pixels back to [longitude, latitude] in degrees (d3 `projection.invert`).
    pub fn invert(&self, point: [f64; 2]) -> [f64; 2] {
        let k = self.scale;
        let (x, y) = (
            (point[0] - self.offset[0]) / k,
            (self.offset[1] - point[1]) / k,
        );
        let (lambda, phi) = self.raw.invert(x, y);
        let (lambda, phi) = self.rotation.invert(lambda, phi);
        [lambda * DEGREES, phi * DEGREES]
    }

    /// Projects `object` into `sink` as d3's `projection.stream` does: rotation, clipping
    /// (see the module's limitation), adaptive resampling, scale and translation. On error the
    /// sink has received the part before the offending line.
    pub fn stream<O: GeoObject + ?Sized, S: PathSink>(
        &self,
        object: &O,
        sink: &mut S,
    ) -> Result<()> {
        stream::Pipeline::new(self, sink).object(object)
    }

    /// The bounding box of `object`'s projection, [[x0, y0], [x1, y1]] in pixels (d3's
    /// `geoPath(projection).bounds`, without a clip extent).
    pub fn bounds<O: GeoObject + ?Sized>(&self, object: &O) -> Result<Bounds> {
        let mut bounds = Bounds::default();
        self.stream(object, &mut bounds)?;
        if bounds.is_empty() {
            return Err(ProjectionError::Empty);
        }
        Ok(bounds)
    }

    /// d3's `fit`: measure at scale 150 around the origin, then let `place` choose the scale
    /// multiplier and translation.
    fn fit<O: GeoObject + ?Sized>(
        self,
        object: &O,
        place: impl FnOnce(&Bounds) -> (f64, [f64; 2]),
    ) -> Result<Self> {
        let probe = self.clone().with_scale(150.0).with_translate([0.0, 0.0]);
        let bounds = probe.bounds(object)?;
        let (k, translate) = place(&bounds);
        Ok(self.with_scale(150.0 * k).with_translate(translate))
    }

    /// Sets scale and translate so `object` fills the box [[x0, y0], [x1, y1]] in pixels and is
    /// centred in it (d3 `fitExtent`).
    pub fn fit_extent<O: GeoObject + ?Sized>(
        self,
        extent: [[f64; 2]; 2],
        object: &O,
    ) -> Result<Self> {
        self.fit(object, |b| {
            let (w, h) = (extent[1][0] - extent[0][0], extent[1][1] - extent[0][1]);
            let k = f64::min(w / (b.max[0] - b.min[0]), h / (b.max[1] - b.min[1]));
            let x = extent[0][0] + (w - k * (b.max[0] + b.min[0])) / 2.0;
            let y = extent[0][1] + (h - k * (b.max[1] + b.min[1])) / 2.0;
            (k, [x, y])
        })
    }

    /// [`fit_extent`](Self::fit_extent) with the box's corner at the origin (d3 `fitSize`).
    pub fn fit_size<O: GeoObject + ?Sized>(self, size: [f64; 2], object: &O) -> Result<Self> {
        self.fit_extent([[0.0, 0.0], size], object)
    }

    /// Fits `object` to a width, its top at y = 0 (d3 `fitWidth`).
    pub fn fit_width<O: GeoObject + ?Sized>(self, width: f64, object: &O) -> Result<Self> {
        self.fit(object, |b| {
            let k = width / (b.max[0] - b.min[0]);
            (
                k,
                [(width - k * (b.max[0] + b.min[0])) / 2.0, -k * b.min[1]],
            )
        })
    }

    /// Fits `object` to a height, its left side at x = 0 (d3 `fitHeight`).
    pub fn fit_height<O: GeoObject + ?Sized>(self, height: f64, object: &O) -> Result<Self> {
        self.fit(object, |b| {
            let k = height / (b.max[1] - b.min[1]);
            (
                k,
                [-k * b.min[0], (height - k * (b.max[1] + b.min[1])) / 2.0],
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invert_undoes_project_for_the_recommended_projection() {
        let p = Projection::conic_conformal()
            .with_parallels([45.0, 60.0])
            .with_rotate([-35.0, 0.0, 0.0]);
        for place in [
            [36.19, 51.73],
            [34.80, 50.91],
            [-77.04, 38.91],
            [39.19, 21.49],
        ] {
            let back = p.invert(p.project(place));
            assert!(
                (back[0] - place[0]).abs() < 1e-9 && (back[1] - place[1]).abs() < 1e-9,
                "{place:?} → {back:?}"
            );
        }
    }

    #[test]
    fn setters_leave_other_settings_alone() {
        let p = Projection::mercator()
            .with_translate([10.0, 20.0])
            .with_scale(500.0)
            .with_center([30.0, 50.0]);
        assert_eq!((p.scale(), p.translate()), (500.0, [10.0, 20.0]));
        let centre = p.project([30.0, 50.0]);
        assert!((centre[0] - 10.0).abs() < 1e-9 && (centre[1] - 20.0).abs() < 1e-9);
        assert_eq!(
            Projection::equirectangular()
                .with_parallels([1.0, 2.0])
                .parallels(),
            None
        );
    }
}
