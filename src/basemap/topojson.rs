//! The part of TopoJSON (<https://github.com/topojson/topojson-specification>) the base map uses:
//! a topology of shared, quantized, delta-encoded arcs and polygon objects referring to them.
//! Read by the loader and by the data builder; written by the builder.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A TopoJSON `Topology` whose objects are `GeometryCollection`s of (multi)polygons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topology {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transform: Option<Transform>,
    pub objects: BTreeMap<String, Object>,
    /// Each arc's positions; with a transform, integer deltas from the previous position.
    pub arcs: Vec<Vec<[f64; 2]>>,
}

/// Quantization: position = index × scale + translate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Transform {
    pub scale: [f64; 2],
    pub translate: [f64; 2],
}

/// A geometry object; collections hold the features.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Object {
    GeometryCollection {
        geometries: Vec<Object>,
    },
    /// Rings as arc references: `i` is arc i, `!i` (−i − 1) is arc i reversed.
    Polygon {
        arcs: Vec<Vec<i32>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<serde_json::Value>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        properties: BTreeMap<String, serde_json::Value>,
    },
    MultiPolygon {
        arcs: Vec<Vec<Vec<i32>>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<serde_json::Value>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        properties: BTreeMap<String, serde_json::Value>,
    },
    /// A feature with no geometry at this resolution (TopoJSON's `null` type).
    #[serde(rename = "null")]
    Null {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<serde_json::Value>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        properties: BTreeMap<String, serde_json::Value>,
    },
}

/// A polygon object flattened: its polygons, each a list of rings of arc references.
#[derive(Debug, Clone, PartialEq)]
pub struct PolygonFeature<'a> {
    pub id: Option<&'a serde_json::Value>,
    pub properties: &'a BTreeMap<String, serde_json::Value>,
    pub polygons: Vec<&'a [Vec<i32>]>,
}

impl Object {
    /// The polygon features of a collection, in order (a lone polygon is its own feature).
    pub fn features(&self) -> Vec<PolygonFeature<'_>> {
        match self {
            Object::GeometryCollection { geometries } => {
                geometries.iter().flat_map(Object::features).collect()
            }
            Object::Polygon {
                arcs,
                id,
                properties,
            } => {
                vec![PolygonFeature {
                    id: id.as_ref(),
                    properties,
                    polygons: vec![arcs.as_slice()],
                }]
            }
            Object::MultiPolygon {
                arcs,
                id,
                properties,
            } => {
                vec![PolygonFeature {
                    id: id.as_ref(),
                    properties,
                    polygons: arcs.iter().map(Vec::as_slice).collect(),
                }]
            }
            Object::Null { id, properties } => vec![PolygonFeature {
                id: id.as_ref(),
                properties,
                polygons: Vec::new(),
            }],
        }
    }
}

impl Topology {
    /// Every arc in absolute [longitude, latitude] (delta decoding and transform applied).
    pub fn decoded_arcs(&self) -> Vec<Vec<[f64; 2]>> {
        self.arcs
            .iter()
            .map(|arc| match self.transform {
                None => arc.clone(),
                Some(Transform { scale, translate }) => {
                    let (mut x, mut y) = (0.0, 0.0);
                    arc.iter()
                        .map(|d| {
                            x += d[0];
                            y += d[1];
                            [x * scale[0] + translate[0], y * scale[1] + translate[1]]
                        })
                        .collect()
                }
            })
            .collect()
    }
}

/// Resolves a ring of arc references against decoded arcs into closed positions. Each arc after
/// the first starts where the previous one ended, so that shared point is kept once. `None` when
/// a reference is out of range.
pub fn ring(arcs: &[Vec<[f64; 2]>], refs: &[i32]) -> Option<Vec<[f64; 2]>> {
    let mut points: Vec<[f64; 2]> = Vec::new();
    for &r in refs {
        let (index, reversed) = if r < 0 { (!r, true) } else { (r, false) };
        let arc = arcs.get(usize::try_from(index).ok()?)?;
        let skip = usize::from(!points.is_empty());
        if reversed {
            points.extend(arc.iter().rev().skip(skip));
        } else {
            points.extend(arc.iter().skip(skip));
        }
    }
    Some(points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_quantized_arcs_and_reversed_references() {
        let json = r#"{"type":"Topology","transform":{"scale":[0.5,0.25],"translate":[10,20]},
            "objects":{"a":{"type":"GeometryCollection","geometries":[
              {"type":"Polygon","arcs":[[0,-2]],"properties":{"name":"A"}}]}},
            "arcs":[[[0,0],[2,0],[0,4]],[[0,0],[2,4]]]}"#;
        let topology: Topology = serde_json::from_str(json).unwrap();
        let arcs = topology.decoded_arcs();
        assert_eq!(arcs[0], vec![[10.0, 20.0], [11.0, 20.0], [11.0, 21.0]]);
        let features = topology.objects["a"].features();
        assert_eq!(features[0].properties["name"], "A");
        let ring = ring(&arcs, &features[0].polygons[0][0]).unwrap();
        assert_eq!(
            ring,
            vec![[10.0, 20.0], [11.0, 20.0], [11.0, 21.0], [10.0, 20.0]]
        );
    }
}
