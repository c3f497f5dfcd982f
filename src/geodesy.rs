//! Distances on the Earth, for the stages that compare places: the geoparser (a namesake near
//! the text's other places) and the map's place list (what lies far from the rest).

/// The IUGG mean Earth radius, in kilometres: the sphere the haversine formula assumes.
const MEAN_RADIUS_KM: f64 = 6371.0088;

/// Great-circle (haversine) distance in kilometres between two points given in degrees.
pub fn great_circle_km(lat_a: f64, lon_a: f64, lat_b: f64, lon_b: f64) -> f64 {
    let (p1, p2) = (lat_a.to_radians(), lat_b.to_radians());
    let (dp, dl) = (p2 - p1, (lon_b - lon_a).to_radians());
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    // `min` keeps rounding from taking asin past its domain for antipodal points.
    2.0 * MEAN_RADIUS_KM * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_distances() {
        // Kyiv to Moscow is about 756 km; a quarter meridian is 10,008 km on this sphere.
        let kyiv_moscow = great_circle_km(50.45, 30.52, 55.75, 37.62);
        assert!((kyiv_moscow - 756.0).abs() < 5.0, "{kyiv_moscow}");
        assert!((great_circle_km(0.0, 0.0, 90.0, 0.0) - 10_007.5).abs() < 1.0);
        assert_eq!(great_circle_km(10.0, 20.0, 10.0, 20.0), 0.0);
        assert!((great_circle_km(0.0, 0.0, 0.0, 180.0) - 20_015.1).abs() < 1.0);
    }
}
