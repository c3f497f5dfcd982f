//! d3-geo's numeric helpers, kept identical so results match its numbers to the last digits.

use std::f64::consts::{FRAC_PI_2, PI};

pub(crate) const EPSILON: f64 = 1e-6;
pub(crate) const TAU: f64 = 2.0 * PI;
pub(crate) const RADIANS: f64 = PI / 180.0;
pub(crate) const DEGREES: f64 = 180.0 / PI;

/// JavaScript's `Math.sign` for non-NaN input: 0 stays 0.
pub(crate) fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        0.0
    }
}

/// `asin` clamped to [-1, 1], as rounding can step just outside it.
pub(crate) fn asin(x: f64) -> f64 {
    if x > 1.0 {
        FRAC_PI_2
    } else if x < -1.0 {
        -FRAC_PI_2
    } else {
        x.asin()
    }
}

/// JavaScript's `Math.round`: halves round up, not away from zero.
pub(crate) fn js_round(x: f64) -> f64 {
    (x + 0.5).floor()
}

/// A unit vector for (λ, φ) in radians.
pub(crate) fn cartesian(lambda: f64, phi: f64) -> [f64; 3] {
    let cos_phi = phi.cos();
    [cos_phi * lambda.cos(), cos_phi * lambda.sin(), phi.sin()]
}
