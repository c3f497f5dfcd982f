//! Streamed geometry as compact SVG path data.
//!
//! The outlines are most of the prerendered page's bytes and of the live map's DOM, so they
//! are written the way a minifier would: each ring starts with an absolute `M`, then one `l`
//! whose relative steps follow without repeating the command, numbers carry no leading zero
//! and no `.0`, and a separator only where the next number would otherwise run on. Points are
//! snapped to a grid of a tenth of a map pixel first and the steps taken between grid points,
//! so rounding never drifts along a ring; a point is dropped when it is within [`MIN_STEP`] of
//! the last one kept.

use std::fmt::Write;

use crate::projection::PathSink;

/// The grid, in steps per map pixel: a tenth of a pixel is 1.6 screen pixels at the largest
/// zoom, finer than the base map's own detail there.
const GRID: f64 = 10.0;
/// Points closer than this to the last one kept, in grid steps (0.3 map pixels, under
/// 5 screen pixels at the largest zoom), add bytes but no visible shape.
pub const MIN_STEP: i64 = 3;

/// A [`PathSink`] that collects one path's data.
#[derive(Default)]
pub struct SvgPath {
    pub d: String,
    /// The last point kept in this ring, in grid steps; `None` before its first point.
    last: Option<(i64, i64)>,
    /// Whether the ring's `l` has been written.
    in_line: bool,
    /// Whether the last number written has a decimal point (so a following `.5` can start
    /// right after it).
    last_has_point: bool,
    /// The ring's last point when it was too close to keep: a ring still ends where it ends.
    pending: Option<(i64, i64)>,
}

impl SvgPath {
    fn number(&mut self, steps: i64) {
        let negative = steps < 0;
        let (whole, tenth) = (steps.unsigned_abs() / 10, steps.unsigned_abs() % 10);
        let starts_with_digit = !negative && whole != 0;
        let starts_with_point = !negative && whole == 0;
        let ends_number = self.d.ends_with(|c: char| c.is_ascii_digit());
        if ends_number && (starts_with_digit || (starts_with_point && !self.last_has_point) || (whole == 0 && tenth == 0)) {
            self.d.push(',');
        }
        if negative {
            self.d.push('-');
        }
        match (whole, tenth) {
            (0, 0) => self.d.push('0'),
            (0, t) => {
                let _ = write!(self.d, ".{t}");
            }
            (w, 0) => {
                let _ = write!(self.d, "{w}");
            }
            (w, t) => {
                let _ = write!(self.d, "{w}.{t}");
            }
        }
        self.last_has_point = tenth != 0;
    }

    fn step_to(&mut self, at: (i64, i64)) {
        let Some(last) = self.last else { return };
        if !self.in_line {
            self.d.push('l');
            self.in_line = true;
            self.last_has_point = false;
        }
        self.number(at.0 - last.0);
        self.number(at.1 - last.1);
        self.last = Some(at);
        self.pending = None;
    }
}

impl PathSink for SvgPath {
    fn point(&mut self, x: f64, y: f64) {
        let at = ((x * GRID).round() as i64, (y * GRID).round() as i64);
        match self.last {
            None => {
                self.d.push('M');
                self.last_has_point = false;
                self.number(at.0);
                self.number(at.1);
                self.last = Some(at);
            }
            Some(last) if (at.0 - last.0).abs().max((at.1 - last.1).abs()) < MIN_STEP => self.pending = Some(at),
            Some(_) => self.step_to(at),
        }
    }
    fn line_start(&mut self) {
        self.last = None;
        self.in_line = false;
        self.pending = None;
    }
    fn line_end(&mut self) {
        if let Some(at) = self.pending.take() {
            self.step_to(at);
        }
        self.d.push('Z');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(points: &[(f64, f64)]) -> String {
        let mut path = SvgPath::default();
        path.line_start();
        for &(x, y) in points {
            path.point(x, y);
        }
        path.line_end();
        path.d
    }

    #[test]
    fn steps_are_relative_and_need_few_separators() {
        assert_eq!(ring(&[(292.6, 367.9), (292.2, 368.0), (289.9, 365.8), (300.0, 380.0), (300.5, 380.5)]), "M292.6,367.9l-.4.1-2.3-2.2,10.1,14.2.5.5Z");
    }

    #[test]
    fn zero_and_whole_numbers_are_short() {
        assert_eq!(ring(&[(10.0, 20.0), (10.0, 21.0), (11.0, 21.0), (11.5, 21.0)]), "M10,20l0,1,1,0,.5,0Z");
    }

    #[test]
    fn close_points_are_dropped_but_a_ring_ends_where_it_ends() {
        assert_eq!(ring(&[(0.0, 0.0), (0.1, 0.0), (0.2, 0.1), (1.0, 0.0), (1.1, 0.1)]), "M0,0l1,0,.1.1Z");
    }

    #[test]
    fn rounding_never_drifts() {
        // Each step is 0.34 px: snapped to the grid first, the ring ends at 3.4, not 10 × 0.3.
        let points: Vec<(f64, f64)> = (0..=10).map(|i| (i as f64 * 0.34, 0.0)).collect();
        let d = ring(&points);
        let sum: f64 = d.trim_start_matches("M0,0l").trim_end_matches('Z').split(',').step_by(2).map(|s| s.parse::<f64>().unwrap()).sum();
        assert!((sum - 3.4).abs() < 1e-9, "{d}");
    }

    #[test]
    fn each_ring_starts_afresh() {
        let mut path = SvgPath::default();
        for offset in [0.0, 100.0] {
            path.line_start();
            path.point(offset, 0.0);
            path.point(offset + 5.0, 0.0);
            path.point(offset + 5.0, 5.0);
            path.line_end();
        }
        assert_eq!(path.d, "M0,0l5,0,0,5ZM100,0l5,0,0,5Z");
    }
}
