//! Clustering: town markers and badges (districts, countries) that would overlap at a zoom are
//! drawn as one cluster marker, so a map of a thousand articles stays readable and quick to
//! draw. Regions drawn as outlines are not clustered: an outline does not hide its neighbours. Entry point:
//! [`MapLayers::clusters`].
//!
//! Greedy, as supercluster does it: the most-named town seeds a cluster and takes in every
//! unclaimed town whose marker would touch its own; then the next. A grid of cells as wide as
//! the largest reach keeps this linear in the number of towns. Clusters depend only on the
//! zoom's scale, rounded down to a step of √2 ([`cluster_scale`]), never on panning: a map
//! that is dragged keeps its clusters, and one that is zoomed changes them a few times per
//! doubling rather than on every wheel tick.

use std::collections::HashMap;

use super::{marker_radius, MapLayers, PlaceMark, Shape, BADGE_REACH, MAX_ZOOM};

/// Screen pixels kept between two markers that are drawn apart.
pub const GAP_PX: f64 = 2.0;
/// The largest a cluster's circle grows, in screen pixels.
pub const MAX_CLUSTER_R: f64 = 24.0;

/// Several towns drawn as one marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Indices into [`MapLayers::marks`] (towns and badges), most-named first.
    pub members: Vec<usize>,
    /// Where it is drawn, in map pixels (the overview's for an inset cluster): the centre of
    /// its towns weighted by how many articles name each.
    pub x: f64,
    pub y: f64,
    /// Mentions summed over its towns (an article naming two of them counts twice).
    pub articles: usize,
    pub in_overview: bool,
}

impl Cluster {
    /// Its circle's radius in screen pixels: grows with its towns' articles like a town's.
    pub fn r(&self) -> f64 {
        marker_radius(self.articles).min(MAX_CLUSTER_R)
    }

    /// The accessible name: "12 places: Chicago, Evanston, Oak Park and 9 more".
    pub fn label(&self, marks: &[PlaceMark]) -> String {
        const NAMED: usize = 3;
        let names: Vec<&str> = self
            .members
            .iter()
            .take(NAMED)
            .map(|&i| marks[i].name.as_str())
            .collect();
        let more = self.members.len().saturating_sub(NAMED);
        let list = if more > 0 {
            format!("{} and {more} more", names.join(", "))
        } else {
            names.join(", ")
        };
        format!("{} places: {list}", self.members.len())
    }
}

/// The clusters at one zoom scale.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
    pub groups: Vec<Cluster>,
    /// For each mark, the cluster that draws it, if any.
    pub of_mark: Vec<Option<usize>>,
}

impl Clusters {
    /// Whether the mark is drawn by a cluster rather than by itself.
    pub fn hides(&self, mark: usize) -> bool {
        self.of_mark.get(mark).is_some_and(Option::is_some)
    }
}

/// The scale clusters are made for at zoom `k`: `k` rounded down to a power of √2.
pub fn cluster_scale(k: f64) -> f64 {
    if !k.is_finite() || k <= 1.0 {
        return 1.0;
    }
    let steps = (k.log2() * 2.0 + 1e-9).floor();
    2f64.powf(steps / 2.0).min(MAX_ZOOM)
}

impl MapLayers {
    /// The clusters at zoom `k`. Towns on the main map are clustered at `k`'s
    /// [`cluster_scale`]; those in the overview, which does not zoom, at scale 1.
    pub fn clusters(&self, k: f64) -> Clusters {
        let scale = cluster_scale(k);
        let all: Vec<usize> = (0..self.marks.len()).collect();
        let mut out = Clusters {
            groups: Vec::new(),
            of_mark: vec![None; self.marks.len()],
        };
        for in_overview in [false, true] {
            let s = if in_overview { 1.0 } else { scale };
            for members in groups(&self.marks, &all, s, in_overview) {
                if members.len() < 2 {
                    continue;
                }
                let members = crate::order::sorted_by(members, |&a, &b| {
                    most_named(&self.marks, a).cmp(&most_named(&self.marks, b))
                });
                for &m in &members {
                    out.of_mark[m] = Some(out.groups.len());
                }
                out.groups
                    .push(cluster_of(&self.marks, members, in_overview));
            }
        }
        out
    }

    /// The smallest zoom at or above `k` at which a main-map cluster's towns no longer all
    /// cluster together: where clicking a cluster takes the reader. `None` when they stay
    /// together even at the largest zoom (towns a few hundred metres apart), or for an inset
    /// cluster, which no zoom separates.
    pub fn expansion_zoom(&self, cluster: &Cluster, k: f64) -> Option<f64> {
        if cluster.in_overview {
            return None;
        }
        let mut s = cluster_scale(k);
        while s < MAX_ZOOM {
            s = (s * std::f64::consts::SQRT_2).min(MAX_ZOOM);
            if groups(&self.marks, &cluster.members, s, false).len() > 1 {
                return Some(s);
            }
        }
        None
    }
}

/// The marks among `candidates` in (or out of) the overview, grouped at scale `s` so that no
/// two groups' drawn circles touch: one-mark groups are drawn alone, the others as clusters.
fn groups(marks: &[PlaceMark], candidates: &[usize], s: f64, in_overview: bool) -> Vec<Vec<usize>> {
    merge_touching(marks, group_points(marks, candidates, s, in_overview), s)
}

/// How far a mark that can be clustered reaches from its centre, in screen pixels: a town's
/// radius, a badge's half-diagonal; `None` for a region, which is its outline.
fn reach(shape: &Shape) -> Option<f64> {
    match *shape {
        Shape::Point { r, .. } => Some(r),
        Shape::Badge { .. } => Some(BADGE_REACH),
        Shape::Region { .. } => None,
    }
}

/// A cluster's first town in the grid: its group's index, where it is drawn, its radius.
type Seed = (usize, f64, f64, f64);

/// Groups the town marks among `candidates` that are in (or out of) the overview, at scale `s`.
fn group_points(
    marks: &[PlaceMark],
    candidates: &[usize],
    s: f64,
    in_overview: bool,
) -> Vec<Vec<usize>> {
    let towns: Vec<(usize, f64, f64, f64)> = candidates
        .iter()
        .filter(|&&i| marks[i].in_overview == in_overview)
        .filter_map(|&i| {
            let [x, y] = marks[i].shape.anchor();
            reach(&marks[i].shape)
                .filter(|_| x.is_finite() && y.is_finite())
                .map(|r| (i, x * s, y * s, r))
        })
        .collect();
    // Most-named first, so the towns the articles are about seed the clusters.
    let towns = crate::order::sorted_by(towns, |&(i, ..), &(j, ..)| {
        most_named(marks, i).cmp(&most_named(marks, j))
    });
    let reach = towns.iter().map(|t| t.3).fold(0.0, f64::max) * 2.0 + GAP_PX;
    let cell = |x: f64, y: f64| ((x / reach).floor() as i64, (y / reach).floor() as i64);
    // Seeds by grid cell.
    let mut seeds: HashMap<(i64, i64), Vec<Seed>> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &(i, x, y, r) in &towns {
        let (cx, cy) = cell(x, y);
        let mut nearest: Option<(f64, usize)> = None;
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &(g, sx, sy, sr) in seeds.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                    let d = (x - sx).hypot(y - sy);
                    if d < sr + r + GAP_PX && nearest.is_none_or(|(best, _)| d < best) {
                        nearest = Some((d, g));
                    }
                }
            }
        }
        match nearest {
            Some((_, g)) => groups[g].push(i),
            None => {
                seeds
                    .entry((cx, cy))
                    .or_default()
                    .push((groups.len(), x, y, r));
                groups.push(vec![i]);
            }
        }
    }
    groups
}

/// Joins groups whose drawn circles touch, until none do: a cluster's circle is bigger than its
/// seed's marker and sits at its towns' centre, so after the first pass two clusters (or a
/// cluster and a lone town) can still cover each other.
fn merge_touching(marks: &[PlaceMark], mut groups: Vec<Vec<usize>>, s: f64) -> Vec<Vec<usize>> {
    loop {
        let drawn: Vec<(f64, f64, f64)> = groups
            .iter()
            .map(|g| {
                if let [one] = g.as_slice() {
                    let [x, y] = marks[*one].shape.anchor();
                    (x * s, y * s, reach(&marks[*one].shape).unwrap_or(0.0))
                } else {
                    let c = cluster_of(marks, g.clone(), false);
                    (c.x * s, c.y * s, c.r())
                }
            })
            .collect();
        let reach = drawn.iter().map(|d| d.2).fold(0.0, f64::max) * 2.0;
        let cell = |x: f64, y: f64| ((x / reach).floor() as i64, (y / reach).floor() as i64);
        let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for (i, &(x, y, _)) in drawn.iter().enumerate() {
            grid.entry(cell(x, y)).or_default().push(i);
        }
        // Each group joins the first earlier one it touches; groups are in rank order, so the
        // most-named keeps its place.
        let mut into: Vec<Option<usize>> = vec![None; groups.len()];
        let mut merged = false;
        for (i, &(x, y, r)) in drawn.iter().enumerate() {
            let (cx, cy) = cell(x, y);
            let touching = (-1..=1)
                .flat_map(|dx| (-1..=1).map(move |dy| (cx + dx, cy + dy)))
                .filter_map(|c| grid.get(&c))
                .flatten()
                .copied()
                .filter(|&j| j < i && into[j].is_none())
                .find(|&j| (x - drawn[j].0).hypot(y - drawn[j].1) < r + drawn[j].2);
            if let Some(j) = touching {
                into[i] = Some(j);
                merged = true;
            }
        }
        if !merged {
            return groups;
        }
        let mut next: Vec<Vec<usize>> = Vec::new();
        let mut slot: Vec<usize> = vec![0; groups.len()];
        for i in 0..groups.len() {
            match into[i] {
                None => {
                    slot[i] = next.len();
                    next.push(std::mem::take(&mut groups[i]));
                }
                Some(j) => {
                    let members = std::mem::take(&mut groups[i]);
                    next[slot[j]].extend(members);
                }
            }
        }
        groups = next;
    }
}

fn cluster_of(marks: &[PlaceMark], members: Vec<usize>, in_overview: bool) -> Cluster {
    let (mut sx, mut sy, mut weight, mut articles) = (0.0, 0.0, 0.0, 0);
    for &m in &members {
        let [x, y] = marks[m].shape.anchor();
        let w = marks[m].articles.max(1) as f64;
        sx += x * w;
        sy += y * w;
        weight += w;
        articles += marks[m].articles;
    }
    Cluster {
        x: sx / weight,
        y: sy / weight,
        articles,
        in_overview,
        members,
    }
}

/// Mark `i`'s place in the map's rankings: most-named first, then by index.
fn most_named(marks: &[PlaceMark], i: usize) -> (std::cmp::Reverse<usize>, usize) {
    (std::cmp::Reverse(marks[i].articles), i)
}
