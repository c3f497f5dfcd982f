//! Facts as an RFC 7946 GeoJSON FeatureCollection: one Feature per fact, a Point at its place.
//!
//! Written through typed structs, not `serde_json::Value` (whose B-tree map and its own
//! serialiser would be code of their own in the page), by `crate::json_pretty`, not
//! serde_json (whose serialiser would be). The bytes are those the `geojson`
//! crate's types with `json!` properties printed: a Feature's and a Geometry's `type` first,
//! the properties' keys in alphabetical order (as `json!` objects print them), so the fields
//! of [`Properties`], [`Place`] and [`SourceOut`] are declared in that order.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::{Fact, Facts};
use crate::corpus::Corpus;
use crate::geoparse::Precision;
use crate::when::DatePrecision;

/// The facts as a GeoJSON FeatureCollection, ready to serialise: [`to_geojson`].
#[derive(Clone, Debug, PartialEq)]
pub struct FactsGeoJson<'a> {
    pub features: Vec<Feature<'a>>,
}

/// One fact: a Point at its place (none when the fact has no place: RFC 7946 §3.2's
/// unlocated Feature), and the fact's properties.
#[derive(Clone, Debug, PartialEq)]
pub struct Feature<'a> {
    pub id: &'a str,
    /// Longitude and latitude in degrees, rounded to six decimals.
    pub point: Option<[f64; 2]>,
    pub properties: Properties<'a>,
}

/// A fact's properties. Fields in alphabetical order: the order they are written in.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Properties<'a> {
    pub date: Option<String>,
    pub date_precision: DatePrecision,
    pub date_text: &'a Option<String>,
    pub disagreements: &'a [String],
    pub id: &'a str,
    pub kind: &'static str,
    pub place: Option<Place<'a>>,
    pub source_count: usize,
    pub sources: Vec<SourceOut<'a>>,
    pub summary: &'a str,
}

/// Where the fact took place. Fields in alphabetical order.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Place<'a> {
    pub admin1: &'a Option<String>,
    pub country: &'a Option<String>,
    pub geonameid: u32,
    pub name: &'a str,
    pub precision: Precision,
}

/// One article's report of the fact. Fields in alphabetical order.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SourceOut<'a> {
    pub actor: &'a Option<String>,
    pub claimed_by: &'a Option<String>,
    pub date_text: &'a Option<String>,
    pub doc: &'a str,
    pub end: usize,
    pub excerpt: Option<&'a str>,
    pub headline: Option<&'a str>,
    pub hedged: bool,
    pub hedges: &'a [String],
    pub published: Option<String>,
    pub start: usize,
}

/// The facts as GeoJSON, in the facts' order, the unplaced ones last (with null geometry). Deterministic: the same corpus gives the same
/// bytes. Each source's `excerpt` is exactly the document's cleaned text from `start` to `end`.
pub fn to_geojson<'a>(corpus: &'a Corpus, facts: &'a Facts) -> FactsGeoJson<'a> {
    FactsGeoJson {
        features: facts
            .facts
            .iter()
            .chain(&facts.unplaced)
            .map(|f| feature(corpus, f))
            .collect(),
    }
}

/// [`to_geojson`], serialised with two-space indentation and a final newline: the bytes
/// `serde_json::to_string_pretty` writes, by a writer small enough for the page
/// (`crate::json_pretty`).
pub fn to_geojson_string(corpus: &Corpus, facts: &Facts) -> String {
    let mut out = crate::json_pretty::to_string(&to_geojson(corpus, facts)).unwrap_or_default();
    out.push('\n');
    out
}

impl FactsGeoJson<'_> {
    /// The same GeoJSON with every object's keys in alphabetical order (`type` last): as the
    /// collection's exported file has always carried it.
    pub fn keys_sorted(&self) -> impl Serialize + '_ {
        Ordered(self, true)
    }
}

impl Serialize for FactsGeoJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Ordered(self, false).serialize(serializer)
    }
}

/// A value and whether its keys are written sorted (`type` last) or GeoJSON's way (`type`
/// first). `len` (in [`tagged`]) counts the fields with `type`: serde_json reads 0 as empty.
struct Ordered<'a, T>(&'a T, bool);

fn tagged<S: Serializer>(
    serializer: S,
    kind: &'static str,
    len: usize,
    sorted: bool,
    fields: impl FnOnce(&mut S::SerializeStruct) -> Result<(), S::Error>,
) -> Result<S::Ok, S::Error> {
    let mut s = serializer.serialize_struct(kind, len)?;
    if !sorted {
        s.serialize_field("type", kind)?;
    }
    fields(&mut s)?;
    if sorted {
        s.serialize_field("type", kind)?;
    }
    s.end()
}

impl Serialize for Ordered<'_, FactsGeoJson<'_>> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Ordered(collection, sorted) = *self;
        tagged(serializer, "FeatureCollection", 2, sorted, |s| {
            s.serialize_field("features", &Features(&collection.features, sorted))
        })
    }
}

struct Features<'a, 'b>(&'a [Feature<'b>], bool);

impl Serialize for Features<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|f| Ordered(f, self.1)))
    }
}

impl Serialize for Ordered<'_, Feature<'_>> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Ordered(feature, sorted) = *self;
        tagged(serializer, "Feature", 4, sorted, |s| {
            s.serialize_field("geometry", &feature.point.map(|p| Point(p, sorted)))?;
            s.serialize_field("id", feature.id)?;
            s.serialize_field("properties", &feature.properties)
        })
    }
}

struct Point([f64; 2], bool);

impl Serialize for Point {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        tagged(serializer, "Point", 2, self.1, |s| {
            s.serialize_field("coordinates", &self.0)
        })
    }
}

fn feature<'a>(corpus: &'a Corpus, fact: &'a Fact) -> Feature<'a> {
    let sources = fact
        .sources
        .iter()
        .map(|s| {
            let doc = corpus.document(&s.doc);
            SourceOut {
                actor: &s.actor,
                claimed_by: &s.claimed_by,
                date_text: &s.date_text,
                doc: &s.doc,
                end: s.excerpt.end,
                // None for a sharded document whose text the page has not loaded.
                excerpt: doc
                    .filter(|d| !d.text.is_empty())
                    .and_then(|d| d.text.get(s.excerpt.start..s.excerpt.end)),
                headline: doc.map(|d| d.headline.as_str()),
                hedged: s.hedged(),
                hedges: &s.hedges,
                published: doc.and_then(|d| d.published).map(|d| d.to_string()),
                start: s.excerpt.start,
            }
        })
        .collect();
    let place = fact.place.as_ref();
    Feature {
        id: &fact.id,
        point: place.map(|p| [round6(p.lon), round6(p.lat)]),
        properties: Properties {
            date: fact.date.map(|d| d.to_string()),
            date_precision: fact.date_precision,
            date_text: &fact.date_text,
            disagreements: &fact.disagreements,
            id: &fact.id,
            kind: fact.kind.slug(),
            place: place.map(|p| Place {
                admin1: &p.admin1,
                country: &p.country,
                geonameid: p.geonameid,
                name: &p.name,
                precision: p.precision,
            }),
            source_count: fact.source_count(),
            sources,
            summary: &fact.summary,
        },
    }
}

/// Six decimals (about 0.1 m), as RFC 7946 §11.2 advises: more is false precision.
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}
