//! Raw projections: the sphere in radians to the unit plane, y pointing up (d3-geo's `*Raw`).

use std::f64::consts::{FRAC_PI_2, PI};
use std::fmt::Debug;
use std::sync::Arc;

use super::math::{asin, sign, EPSILON};
use crate::numfmt::Plain;

/// A raw projection maps (λ, φ) in radians to unit (x, y) with y up, and back.
///
/// The [`Projection`](super::Projection) wrapper adds rotation, centring, scale and translation.
pub trait RawProjection: Debug + Send + Sync {
    /// (λ, φ) in radians to unscaled plane coordinates, y up.
    fn forward(&self, lambda: f64, phi: f64) -> (f64, f64);
    /// The inverse of [`forward`](Self::forward): plane coordinates to (λ, φ) in radians.
    fn invert(&self, x: f64, y: f64) -> (f64, f64);
}

/// Plate carrée: x = λ, y = φ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EquirectangularRaw;

impl RawProjection for EquirectangularRaw {
    fn forward(&self, lambda: f64, phi: f64) -> (f64, f64) {
        (lambda, phi)
    }
    fn invert(&self, x: f64, y: f64) -> (f64, f64) {
        (x, y)
    }
}

/// Spherical Mercator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MercatorRaw;

impl RawProjection for MercatorRaw {
    fn forward(&self, lambda: f64, phi: f64) -> (f64, f64) {
        (lambda, ((FRAC_PI_2 + phi) / 2.0).tan().ln())
    }
    fn invert(&self, x: f64, y: f64) -> (f64, f64) {
        (x, 2.0 * y.exp().atan() - FRAC_PI_2)
    }
}

/// Lambert azimuthal equal-area, centred on (0, 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AzimuthalEqualAreaRaw;

impl RawProjection for AzimuthalEqualAreaRaw {
    fn forward(&self, lambda: f64, phi: f64) -> (f64, f64) {
        let (cx, cy) = (lambda.cos(), phi.cos());
        let k = (2.0 / (1.0 + cx * cy)).sqrt();
        // The antipode is a circle, not a point: d3 puts it at (2, 0) rather than at infinity.
        if k == f64::INFINITY {
            return (2.0, 0.0);
        }
        (k * cy * lambda.sin(), k * phi.sin())
    }
    fn invert(&self, x: f64, y: f64) -> (f64, f64) {
        let z = (x * x + y * y).sqrt();
        let c = 2.0 * asin(z / 2.0);
        let (sc, cc) = (c.sin(), c.cos());
        // d3 writes `asin(z && y * sc / z)`: at the centre (z = 0) the latitude is 0, not NaN.
        (
            f64::atan2(x * sc, z * cc),
            asin(if z == 0.0 { z } else { y * sc / z }),
        )
    }
}

/// Cylindrical equal-area with standard parallel φ0: what an equal-area conic with parallels
/// symmetric about the equator degenerates to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CylindricalEqualAreaRaw {
    cos_phi0: f64,
}

impl CylindricalEqualAreaRaw {
    /// Standard parallel in radians.
    pub fn new(phi0: f64) -> Self {
        CylindricalEqualAreaRaw {
            cos_phi0: phi0.cos(),
        }
    }
}

impl RawProjection for CylindricalEqualAreaRaw {
    fn forward(&self, lambda: f64, phi: f64) -> (f64, f64) {
        (lambda * self.cos_phi0, phi.sin() / self.cos_phi0)
    }
    fn invert(&self, x: f64, y: f64) -> (f64, f64) {
        (x / self.cos_phi0, asin(y * self.cos_phi0))
    }
}

/// Albers equal-area conic with standard parallels φ0, φ1 (radians).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConicEqualAreaRaw {
    n: f64,
    c: f64,
    r0: f64,
}

/// Builds the equal-area conic for two parallels in radians, or its cylindrical limit when they
/// are symmetric about the equator (the cone opens into a cylinder, n → 0).
pub fn conic_equal_area_raw(phi0: f64, phi1: f64) -> Arc<dyn RawProjection> {
    let sy0 = phi0.sin();
    let n = (sy0 + phi1.sin()) / 2.0;
    if n.abs() < EPSILON {
        return Arc::new(CylindricalEqualAreaRaw::new(phi0));
    }
    let c = 1.0 + sy0 * (2.0 * n - sy0);
    Arc::new(ConicEqualAreaRaw {
        n,
        c,
        r0: c.sqrt() / n,
    })
}

impl RawProjection for ConicEqualAreaRaw {
    fn forward(&self, lambda: f64, phi: f64) -> (f64, f64) {
        let ConicEqualAreaRaw { n, c, r0 } = *self;
        let r = (c - 2.0 * n * phi.sin()).sqrt() / n;
        let x = lambda * n;
        (r * x.sin(), r0 - r * x.cos())
    }
    fn invert(&self, x: f64, y: f64) -> (f64, f64) {
        let ConicEqualAreaRaw { n, c, r0 } = *self;
        let r0y = r0 - y;
        let mut l = f64::atan2(x, r0y.abs()) * sign(r0y);
        if r0y * n < 0.0 {
            l -= PI * sign(x) * sign(r0y);
        }
        (l / n, asin((c - (x * x + r0y * r0y) * n * n) / (2.0 * n)))
    }
}

/// Lambert conformal conic with standard parallels φ0, φ1 (radians).
#[derive(Clone, Copy, PartialEq)]
pub struct ConicConformalRaw {
    n: f64,
    f: f64,
}

/// Written out, with its numbers as `{}` writes them: the page's map is this projection, and
/// a derived `{:?}` on its `f64`s (in the trait object's table whether called or not) would
/// bring core's float formatting in.
impl Debug for ConicConformalRaw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConicConformalRaw")
            .field("n", &format_args!("{}", Plain(self.n)))
            .field("f", &format_args!("{}", Plain(self.f)))
            .finish()
    }
}

fn tan_y(y: f64) -> f64 {
    ((FRAC_PI_2 + y) / 2.0).tan()
}

/// Builds the conformal conic for two parallels in radians, or Mercator when they are
/// symmetric about the equator.
pub fn conic_conformal_raw(phi0: f64, phi1: f64) -> Arc<dyn RawProjection> {
    let cy0 = phi0.cos();
    // d3 compares the parallels exactly: equal parallels make a tangent cone, n = sin φ0.
    #[allow(clippy::float_cmp)]
    let n = if phi0 == phi1 {
        phi0.sin()
    } else {
        (cy0 / phi1.cos()).ln() / (tan_y(phi1) / tan_y(phi0)).ln()
    };
    if n == 0.0 {
        return Arc::new(MercatorRaw);
    }
    let f = cy0 * tan_y(phi0).powf(n) / n;
    Arc::new(ConicConformalRaw { n, f })
}

impl RawProjection for ConicConformalRaw {
    fn forward(&self, lambda: f64, phi: f64) -> (f64, f64) {
        let ConicConformalRaw { n, f } = *self;
        // The pole opposite the cone's apex is at infinity: stop just short of it.
        let mut phi = phi;
        if f > 0.0 {
            if phi < -FRAC_PI_2 + EPSILON {
                phi = -FRAC_PI_2 + EPSILON;
            }
        } else if phi > FRAC_PI_2 - EPSILON {
            phi = FRAC_PI_2 - EPSILON;
        }
        let r = f / tan_y(phi).powf(n);
        (r * (n * lambda).sin(), f - r * (n * lambda).cos())
    }
    fn invert(&self, x: f64, y: f64) -> (f64, f64) {
        let ConicConformalRaw { n, f } = *self;
        let fy = f - y;
        let r = sign(n) * (x * x + fy * fy).sqrt();
        let mut l = f64::atan2(x, fy.abs()) * sign(fy);
        if fy * n < 0.0 {
            l -= PI * sign(x) * sign(fy);
        }
        (l / n, 2.0 * (f / r).powf(1.0 / n).atan() - FRAC_PI_2)
    }
}
