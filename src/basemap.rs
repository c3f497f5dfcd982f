//! The base map: country and admin-1 outlines to draw under the places (`public/basemap.json`,
//! built by `make basemap` from Natural Earth, see data/README.md).
//!
//! The file holds two TopoJSON topologies: `world`, every country at small scale for an
//! overview, and `region`, the countries around Russia, Ukraine and Belarus and their admin-1
//! regions in more detail, whose shared borders are shared arcs, so they meet without gaps.
//! Admin-1 regions carry the GeoNames admin-1 code the gazetteer uses (`RU.41`, Kursk Oblast),
//! and Crimea (`UA.11`) and Sevastopol (`UA.20`) are Ukraine's, as the gazetteer has them.
//!
//! [`Basemap::decode`] reads the TopoJSON; [`Basemap::decode_compact`] reads build.rs's binary
//! copy of it (`basemap/compact.rs`), which is what the CLI and tests embed and the page fetches
//! when it must draw the whole map (`public/basemap.bin`; tests keep the two equal).

mod compact;
pub mod topojson;

use geojson::{Geometry, GeometryValue, Position};
use serde::Deserialize;

use topojson::Topology;

/// The format version this build reads (`format` in the file).
pub const FORMAT_VERSION: u32 = 1;

/// Why a base map file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BasemapError {
    /// serde_json's message, as text: its error's `Display` would bring serde_json's messages
    /// to the page, which reads the base map in its compact form only.
    #[error("base map is not valid JSON of the expected shape: {0}")]
    Json(String),
    #[error("the embedded base map is damaged")]
    Damaged,
    #[error("base map format version {0}, this build reads version {FORMAT_VERSION}")]
    UnsupportedVersion(u32),
    #[error("base map topology `{topology}` has no object `{object}`")]
    MissingObject {
        topology: &'static str,
        object: &'static str,
    },
    #[error("base map feature {index} of `{object}` refers to an arc that does not exist")]
    BadArc { object: &'static str, index: usize },
    #[error("base map feature {index} of `{object}` has no `{property}` property")]
    MissingProperty {
        object: &'static str,
        index: usize,
        property: &'static str,
    },
}

/// Whether an outline is a whole country or an admin-1 region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaKind {
    Country,
    Admin1,
}

/// One outline with what identifies it.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub kind: AreaKind,
    /// English name ("Ukraine", "Kursk").
    pub name: String,
    /// ISO 3166-1 alpha-2 code of the country ("UA"); empty for the few territories without one.
    pub country: String,
    /// GeoNames admin-1 code ("RU.41") for an admin-1 region; empty for a country.
    pub admin1: String,
    /// True when the outline is only the part of the country inside the region (Russia west of
    /// the Urals, western Kazakhstan): drawn from its admin-1 regions there.
    pub partial: bool,
    /// A MultiPolygon in [longitude, latitude] degrees; exterior rings wind clockwise, as d3 wants.
    pub geometry: Geometry,
}

/// The decoded base map.
#[derive(Debug, Clone, PartialEq)]
pub struct Basemap {
    /// Every country, simplified for a world overview (Natural Earth 1:110m).
    pub world: Vec<Area>,
    /// Countries of the region in detail, from their admin-1 regions (Natural Earth 1:10m,
    /// simplified).
    pub countries: Vec<Area>,
    /// Admin-1 regions of the region's countries, same detail, borders shared with `countries`.
    pub admin1: Vec<Area>,
}

#[derive(Deserialize)]
struct File {
    format: u32,
    world: Topology,
    region: Topology,
}

impl Basemap {
    /// Reads `public/basemap.json`. A damaged file is an error, never a partial map.
    pub fn decode(json: &str) -> Result<Basemap, BasemapError> {
        #[derive(Deserialize)]
        struct Version {
            format: u32,
        }
        let json_error = |e: serde_json::Error| BasemapError::Json(e.to_string());
        let version: Version = serde_json::from_str(json).map_err(json_error)?;
        if version.format != FORMAT_VERSION {
            return Err(BasemapError::UnsupportedVersion(version.format));
        }
        let file: File = serde_json::from_str(json).map_err(json_error)?;
        debug_assert_eq!(file.format, FORMAT_VERSION);
        Ok(Basemap {
            world: areas(&file.world, "world", "countries", AreaKind::Country)?,
            countries: areas(&file.region, "region", "countries", AreaKind::Country)?,
            admin1: areas(&file.region, "region", "admin1", AreaKind::Admin1)?,
        })
    }

    /// The detailed outline of a country of the region by ISO code, else its world outline.
    pub fn country(&self, iso2: &str) -> Option<&Area> {
        self.countries
            .iter()
            .chain(&self.world)
            .find(|a| a.country == iso2)
    }

    /// The admin-1 region with GeoNames code `code` (`RU.41`), if it is in the region.
    /// The borders between admin-1 regions, each drawn once: the edges that two regions'
    /// outlines share, chained into lines, as [longitude, latitude]. Drawing every region's
    /// outline instead strokes each border twice and costs a path per region.
    pub fn admin1_borders(&self) -> Vec<Vec<[f64; 2]>> {
        use crate::fasthash::{FastMap, FastSet};
        type Key = (u64, u64);
        let key = |p: &Position| (p[0].to_bits(), p[1].to_bits());
        let edge = |a: Key, b: Key| if a <= b { (a, b) } else { (b, a) };
        let rings = || {
            self.admin1.iter().filter_map(|a| match &a.geometry.value {
                GeometryValue::MultiPolygon { coordinates } => Some(coordinates.iter().flatten()),
                _ => None,
            })
        };
        let mut uses: FastMap<(Key, Key), u32> = FastMap::default();
        for ring in rings().flatten() {
            for pair in ring
                .windows(2)
                .filter(|w| w[0].len() >= 2 && w[1].len() >= 2)
            {
                *uses.entry(edge(key(&pair[0]), key(&pair[1]))).or_default() += 1;
            }
        }
        let mut drawn: FastSet<(Key, Key)> = FastSet::default();
        let mut lines = Vec::new();
        for ring in rings().flatten() {
            let mut line: Vec<[f64; 2]> = Vec::new();
            for pair in ring
                .windows(2)
                .filter(|w| w[0].len() >= 2 && w[1].len() >= 2)
            {
                let e = edge(key(&pair[0]), key(&pair[1]));
                if uses.get(&e).copied().unwrap_or(0) >= 2 && drawn.insert(e) {
                    if line.is_empty() {
                        line.push([pair[0][0], pair[0][1]]);
                    }
                    line.push([pair[1][0], pair[1][1]]);
                } else if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
            }
            if !line.is_empty() {
                lines.push(line);
            }
        }
        lines
    }

    pub fn admin1(&self, code: &str) -> Option<&Area> {
        self.admin1.iter().find(|a| a.admin1 == code)
    }

    /// The detailed areas (countries, then admin-1 regions) containing [longitude, latitude].
    pub fn areas_at(&self, position: [f64; 2]) -> impl Iterator<Item = &Area> {
        self.countries
            .iter()
            .chain(&self.admin1)
            .filter(move |a| a.contains(position))
    }
}

impl Area {
    /// Whether [longitude, latitude] lies inside the outline (even-odd rule over all rings,
    /// planar in degrees: fine for areas that do not span the antimeridian or a pole).
    pub fn contains(&self, position: [f64; 2]) -> bool {
        let GeometryValue::MultiPolygon { coordinates } = &self.geometry.value else {
            return false;
        };
        let [x, y] = position;
        let mut inside = false;
        for ring in coordinates.iter().flatten() {
            for pair in ring.windows(2) {
                let (a, b) = (pair[0].as_slice(), pair[1].as_slice());
                if (a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]
                {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

fn areas(
    topology: &Topology,
    name: &'static str,
    object: &'static str,
    kind: AreaKind,
) -> Result<Vec<Area>, BasemapError> {
    let collection = topology
        .objects
        .get(object)
        .ok_or(BasemapError::MissingObject {
            topology: name,
            object,
        })?;
    let arcs = topology.decoded_arcs();
    let text = |properties: &std::collections::BTreeMap<String, serde_json::Value>,
                index,
                property: &'static str| {
        properties
            .get(property)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
            .ok_or(BasemapError::MissingProperty {
                object,
                index,
                property,
            })
    };
    collection
        .features()
        .into_iter()
        .enumerate()
        .map(|(index, feature)| {
            let polygons = feature
                .polygons
                .iter()
                .map(|rings| {
                    rings
                        .iter()
                        .map(|refs| {
                            let ring = topojson::ring(&arcs, refs)
                                .ok_or(BasemapError::BadArc { object, index })?;
                            Ok(ring.into_iter().map(Position::from).collect())
                        })
                        .collect::<Result<Vec<Vec<Position>>, BasemapError>>()
                })
                .collect::<Result<Vec<_>, _>>()?;
            let p = feature.properties;
            Ok(Area {
                kind,
                name: text(p, index, "name")?,
                country: text(p, index, "iso2")?,
                admin1: if kind == AreaKind::Admin1 {
                    text(p, index, "code")?
                } else {
                    String::new()
                },
                partial: p
                    .get("partial")
                    .and_then(serde_json::Value::as_bool)
                    .unwrap_or(false),
                geometry: Geometry::new(GeometryValue::MultiPolygon {
                    coordinates: polygons,
                }),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = r#"{"format":1,
      "world":{"type":"Topology","objects":{"countries":{"type":"GeometryCollection","geometries":[
        {"type":"Polygon","arcs":[[0]],"properties":{"name":"Square","iso2":"SQ"}}]}},
        "arcs":[[[0,0],[0,10],[10,10],[10,0],[0,0]]]},
      "region":{"type":"Topology","objects":{
        "countries":{"type":"GeometryCollection","geometries":[]},
        "admin1":{"type":"GeometryCollection","geometries":[
          {"type":"MultiPolygon","arcs":[[[0]]],"properties":{"name":"Half","iso2":"SQ","code":"SQ.01"}}]}},
        "arcs":[[[0,0],[0,10],[5,10],[5,0],[0,0]]]}}"#;

    #[test]
    fn decodes_areas_and_tests_containment() {
        let map = Basemap::decode(TINY).unwrap();
        let square = map.country("SQ").unwrap();
        assert!(square.contains([5.0, 5.0]) && !square.contains([11.0, 5.0]));
        let half = map.admin1("SQ.01").unwrap();
        assert_eq!(
            (half.kind, half.name.as_str(), half.country.as_str()),
            (AreaKind::Admin1, "Half", "SQ")
        );
        assert!(half.contains([2.0, 2.0]) && !half.contains([7.0, 2.0]));
        assert_eq!(map.areas_at([2.0, 2.0]).count(), 1);
    }

    #[test]
    fn a_damaged_file_is_an_error() {
        assert!(matches!(Basemap::decode("{}"), Err(BasemapError::Json(_))));
        assert!(matches!(
            Basemap::decode(&TINY.replace("\"format\":1", "\"format\":9")),
            Err(BasemapError::UnsupportedVersion(9))
        ));
        assert!(matches!(
            Basemap::decode(&TINY.replace("[[[0]]]", "[[[7]]]")),
            Err(BasemapError::BadArc { .. })
        ));
        assert!(matches!(
            Basemap::decode(&TINY.replace("\"code\":\"SQ.01\"", "\"x\":1")),
            Err(BasemapError::MissingProperty {
                property: "code",
                ..
            })
        ));
    }
}
