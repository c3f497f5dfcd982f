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
pub struct SvgPath {
    pub d: String,
    /// Where rings are cut off, in grid steps: [x0, y0, x1, y1].
    clip: Option<[i64; 4]>,
    /// Points are snapped to multiples of this many grid steps.
    snap: i64,
    /// A point this close to the last one kept (in grid steps) is dropped.
    min_step: i64,
    /// The ring being streamed, in grid steps.
    ring: Vec<(i64, i64)>,
    /// Whether the last number written has a decimal point (so a following `.5` can start
    /// right after it).
    last_has_point: bool,
}

impl Default for SvgPath {
    fn default() -> SvgPath {
        SvgPath {
            d: String::new(),
            clip: None,
            snap: 1,
            min_step: MIN_STEP,
            ring: Vec::new(),
            last_has_point: false,
        }
    }
}

impl SvgPath {
    /// For a map seen at 1:1 (the overview inset; the main map until it is zoomed in): whole map
    /// pixels, and no two points closer than one. Half the bytes of the fine grid, with nothing
    /// lost at 1:1.
    pub fn coarse(self) -> SvgPath {
        SvgPath {
            snap: GRID as i64,
            min_step: GRID as i64,
            ..self
        }
    }

    /// Keeps only what lies inside `[x0, y0, x1, y1]` of each ring (Sutherland–Hodgman): the
    /// base map reaches far beyond the frame, and what a bounded zoom never shows need not be
    /// sent. The rectangle should sit a little outside what is shown, so that the cut edges'
    /// strokes are not seen.
    pub fn clipped(rect: [f64; 4]) -> SvgPath {
        SvgPath {
            clip: Some(rect.map(|v| (v * GRID).round() as i64)),
            ..SvgPath::default()
        }
    }

    /// A coordinate in map pixels as grid steps, on the path's grid.
    fn snapped(&self, v: f64) -> i64 {
        (v * GRID / self.snap as f64).round() as i64 * self.snap
    }

    fn number(&mut self, steps: i64) {
        let negative = steps < 0;
        let (whole, tenth) = (steps.unsigned_abs() / 10, steps.unsigned_abs() % 10);
        let starts_with_digit = !negative && whole != 0;
        let starts_with_point = !negative && whole == 0;
        let ends_number = self.d.ends_with(|c: char| c.is_ascii_digit());
        if ends_number
            && (starts_with_digit
                || (starts_with_point && !self.last_has_point)
                || (whole == 0 && tenth == 0))
        {
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

    /// Writes an open line (a border between regions) in the same form, without the stretches
    /// that lie wholly outside the clip rectangle: a segment with an end inside is kept whole,
    /// and its stroke past the frame is cut by the SVG itself.
    pub fn polyline(&mut self, points: &[[f64; 2]]) {
        let grid: Vec<(i64, i64)> = points
            .iter()
            .map(|p| (self.snapped(p[0]), self.snapped(p[1])))
            .collect();
        let clip = self.clip;
        let inside = |p: (i64, i64)| {
            clip.is_none_or(|[x0, y0, x1, y1]| p.0 >= x0 && p.0 <= x1 && p.1 >= y0 && p.1 <= y1)
        };
        let mut run: Vec<(i64, i64)> = Vec::new();
        for (i, &p) in grid.iter().enumerate() {
            let kept = inside(p)
                || (i > 0 && inside(grid[i - 1]))
                || grid.get(i + 1).is_some_and(|&q| inside(q));
            if kept {
                run.push(p);
            } else {
                if run.len() >= 2 {
                    self.write_points(&run, false);
                }
                run.clear();
            }
        }
        if run.len() >= 2 {
            self.write_points(&run, false);
        }
    }

    /// Writes a ring: `M` to its first point, then one `l` of steps, skipping a point within
    /// the minimum step of the last one kept, but always ending at the ring's last point (unless
    /// it is the last one kept).
    fn write_ring(&mut self, ring: &[(i64, i64)]) {
        self.write_points(ring, true);
    }

    fn write_points(&mut self, ring: &[(i64, i64)], close: bool) {
        let Some((&first, rest)) = ring.split_first() else {
            return;
        };
        self.d.push('M');
        self.last_has_point = false;
        self.number(first.0);
        self.number(first.1);
        let mut last = first;
        let mut in_line = false;
        for (i, &at) in rest.iter().enumerate() {
            let close = (at.0 - last.0).abs().max((at.1 - last.1).abs()) < self.min_step;
            if close && (i + 1 < rest.len() || at == last) {
                continue;
            }
            if !in_line {
                in_line = true;
                self.d.push('l');
                self.last_has_point = false;
            }
            self.number(at.0 - last.0);
            self.number(at.1 - last.1);
            last = at;
        }
        if close {
            self.d.push('Z');
        }
    }
}

/// Sutherland–Hodgman: the part of a ring inside the rectangle, itself a ring (with edges along
/// the rectangle where the ring left it). Where an edge crosses the rectangle is snapped to
/// multiples of `snap`, as the ring's own points are.
fn clip_ring(ring: Vec<(i64, i64)>, [x0, y0, x1, y1]: [i64; 4], snap: i64) -> Vec<(i64, i64)> {
    type Point = (i64, i64);
    fn edge(
        ring: Vec<Point>,
        inside: impl Fn(Point) -> bool,
        cross: impl Fn(Point, Point) -> Point,
    ) -> Vec<Point> {
        let Some(&last) = ring.last() else {
            return ring;
        };
        let mut out = Vec::with_capacity(ring.len());
        let mut prev = last;
        for cur in ring {
            match (inside(prev), inside(cur)) {
                (true, true) => out.push(cur),
                (true, false) => out.push(cross(prev, cur)),
                (false, true) => out.extend([cross(prev, cur), cur]),
                (false, false) => {}
            }
            prev = cur;
        }
        out
    }
    let along = move |from: i64, by: f64| from + (by / snap as f64).round() as i64 * snap;
    let at_x = |x: i64| {
        move |a: Point, b: Point| {
            (
                x,
                along(
                    a.1,
                    (b.1 - a.1) as f64 * (x - a.0) as f64 / (b.0 - a.0) as f64,
                ),
            )
        }
    };
    let at_y = |y: i64| {
        move |a: Point, b: Point| {
            (
                along(
                    a.0,
                    (b.0 - a.0) as f64 * (y - a.1) as f64 / (b.1 - a.1) as f64,
                ),
                y,
            )
        }
    };
    let ring = edge(ring, |p| p.0 >= x0, at_x(x0));
    let ring = edge(ring, |p| p.0 <= x1, at_x(x1));
    let ring = edge(ring, |p| p.1 >= y0, at_y(y0));
    edge(ring, |p| p.1 <= y1, at_y(y1))
}

impl PathSink for SvgPath {
    fn point(&mut self, x: f64, y: f64) {
        self.ring.push((self.snapped(x), self.snapped(y)));
    }
    fn line_start(&mut self) {
        self.ring.clear();
    }
    fn line_end(&mut self) {
        let mut ring = std::mem::take(&mut self.ring);
        if let Some(rect) = self.clip {
            ring = clip_ring(ring, rect, self.snap);
            if ring.len() < 3 {
                return;
            }
        }
        // A ring that snapping shrank to one point ("M-10,505Z") draws nothing.
        if ring.iter().all(|&p| p == ring[0]) {
            return;
        }
        self.write_ring(&ring);
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
    fn a_ring_snapped_to_one_point_is_left_out() {
        let mut path = SvgPath::default().coarse();
        path.line_start();
        for (x, y) in [(10.1, 20.2), (10.3, 20.1), (9.9, 19.8)] {
            path.point(x, y);
        }
        path.line_end();
        assert_eq!(path.d, "");
    }

    #[test]
    fn steps_are_relative_and_need_few_separators() {
        assert_eq!(
            ring(&[
                (292.6, 367.9),
                (292.2, 368.0),
                (289.9, 365.8),
                (300.0, 380.0),
                (300.5, 380.5)
            ]),
            "M292.6,367.9l-.4.1-2.3-2.2,10.1,14.2.5.5Z"
        );
    }

    #[test]
    fn a_coarse_path_keeps_whole_pixels_a_pixel_apart() {
        let mut path = SvgPath::default().coarse();
        path.line_start();
        for (x, y) in [
            (10.2, 20.4),
            (10.6, 20.4),
            (12.4, 21.6),
            (15.0, 21.0),
            (15.3, 21.2),
        ] {
            path.point(x, y);
        }
        path.line_end();
        assert_eq!(path.d, "M10,20l1,0,1,2,3-1Z");
    }

    #[test]
    fn a_coarse_path_keeps_its_grid_where_it_is_cut_and_in_open_lines() {
        let mut path = SvgPath::clipped([0.0, 0.0, 10.0, 10.0]).coarse();
        path.line_start();
        for (x, y) in [(-5.0, 2.0), (5.0, 2.6), (5.2, 8.4), (-5.0, 8.9)] {
            path.point(x, y);
        }
        path.line_end();
        // Snapped to (-5, 2), (5, 3), (5, 8), (-5, 9), the edges cross x = 0 at y 2.5 and 8.5:
        // cut there, on whole pixels.
        assert_eq!(path.d, "M0,3l5,0,0,5-5,1Z");
        let mut line = SvgPath::default().coarse();
        line.polyline(&[[0.4, 0.4], [3.6, 0.2], [3.7, 0.3], [7.2, 1.6]]);
        assert_eq!(line.d, "M0,0l4,0,3,2");
    }

    #[test]
    fn zero_and_whole_numbers_are_short() {
        assert_eq!(
            ring(&[(10.0, 20.0), (10.0, 21.0), (11.0, 21.0), (11.5, 21.0)]),
            "M10,20l0,1,1,0,.5,0Z"
        );
    }

    #[test]
    fn close_points_are_dropped_but_a_ring_ends_where_it_ends() {
        assert_eq!(
            ring(&[(0.0, 0.0), (0.1, 0.0), (0.2, 0.1), (1.0, 0.0), (1.1, 0.1)]),
            "M0,0l1,0,.1.1Z"
        );
    }

    #[test]
    fn rounding_never_drifts() {
        // Each step is 0.34 px: snapped to the grid first, the ring ends at 3.4, not 10 × 0.3.
        let points: Vec<(f64, f64)> = (0..=10).map(|i| (i as f64 * 0.34, 0.0)).collect();
        let d = ring(&points);
        let sum: f64 = d
            .trim_start_matches("M0,0l")
            .trim_end_matches('Z')
            .split(',')
            .step_by(2)
            .map(|s| s.parse::<f64>().unwrap())
            .sum();
        assert!((sum - 3.4).abs() < 1e-9, "{d}");
    }

    #[test]
    fn clipping_keeps_the_part_inside_and_drops_rings_outside() {
        let mut path = SvgPath::clipped([0.0, 0.0, 10.0, 10.0]);
        for ring in [
            [(-5.0, 5.0), (5.0, 5.0), (5.0, 8.0), (-5.0, 8.0)],
            [(20.0, 20.0), (30.0, 20.0), (30.0, 30.0), (20.0, 30.0)],
        ] {
            path.line_start();
            for (x, y) in ring {
                path.point(x, y);
            }
            path.line_end();
        }
        assert_eq!(path.d, "M0,5l5,0,0,3-5,0Z");
        // A ring around the whole rectangle is the rectangle.
        let mut path = SvgPath::clipped([0.0, 0.0, 10.0, 10.0]);
        path.line_start();
        for (x, y) in [(-5.0, -5.0), (15.0, -5.0), (15.0, 15.0), (-5.0, 15.0)] {
            path.point(x, y);
        }
        path.line_end();
        assert_eq!(path.d, "M0,10l0-10,10,0,0,10Z");
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
