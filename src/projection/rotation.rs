//! Rotation of the sphere by Euler angles (d3-geo's `rotateRadians`): λ about the polar axis,
//! then φ and γ.

use super::math::{asin, js_round, TAU};
use std::f64::consts::PI;

/// A rotation in radians, with d3's special cases kept so longitudes wrap exactly as d3's do.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rotation {
    delta_lambda: f64,
    phi_gamma: Option<PhiGamma>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct PhiGamma {
    cos_phi: f64,
    sin_phi: f64,
    cos_gamma: f64,
    sin_gamma: f64,
}

fn wrap_longitude(lambda: f64) -> f64 {
    if lambda.abs() > PI {
        lambda - js_round(lambda / TAU) * TAU
    } else {
        lambda
    }
}

impl Rotation {
    pub(crate) fn new(delta_lambda: f64, delta_phi: f64, delta_gamma: f64) -> Self {
        let phi_gamma = (delta_phi != 0.0 || delta_gamma != 0.0).then(|| PhiGamma {
            cos_phi: delta_phi.cos(),
            sin_phi: delta_phi.sin(),
            cos_gamma: delta_gamma.cos(),
            sin_gamma: delta_gamma.sin(),
        });
        Rotation {
            delta_lambda: delta_lambda % TAU,
            phi_gamma,
        }
    }

    pub(crate) fn forward(&self, lambda: f64, phi: f64) -> (f64, f64) {
        // Without a λ rotation d3 still wraps longitudes (its `rotationIdentity`), except when
        // only φ/γ rotate: then atan2 already yields a longitude in range.
        let (lambda, phi) = if self.delta_lambda != 0.0 || self.phi_gamma.is_none() {
            (wrap_longitude(lambda + self.delta_lambda), phi)
        } else {
            (lambda, phi)
        };
        match self.phi_gamma {
            None => (lambda, phi),
            Some(r) => {
                let cos_phi = phi.cos();
                let (x, y, z) = (lambda.cos() * cos_phi, lambda.sin() * cos_phi, phi.sin());
                let k = z * r.cos_phi + x * r.sin_phi;
                (
                    f64::atan2(
                        y * r.cos_gamma - k * r.sin_gamma,
                        x * r.cos_phi - z * r.sin_phi,
                    ),
                    asin(k * r.cos_gamma + y * r.sin_gamma),
                )
            }
        }
    }

    pub(crate) fn invert(&self, lambda: f64, phi: f64) -> (f64, f64) {
        let (lambda, phi) = match self.phi_gamma {
            None => (lambda, phi),
            Some(r) => {
                let cos_phi = phi.cos();
                let (x, y, z) = (lambda.cos() * cos_phi, lambda.sin() * cos_phi, phi.sin());
                let k = z * r.cos_gamma - y * r.sin_gamma;
                (
                    f64::atan2(
                        y * r.cos_gamma + z * r.sin_gamma,
                        x * r.cos_phi + k * r.sin_phi,
                    ),
                    asin(k * r.cos_phi - x * r.sin_phi),
                )
            }
        };
        if self.delta_lambda != 0.0 || self.phi_gamma.is_none() {
            (wrap_longitude(lambda - self.delta_lambda), phi)
        } else {
            (lambda, phi)
        }
    }
}
