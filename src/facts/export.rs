//! Facts as an RFC 7946 GeoJSON FeatureCollection: one Feature per fact, a Point at its place.

use geojson::{Feature, FeatureCollection, Geometry, JsonObject, JsonValue};
use serde_json::json;

use super::{Facts, Fact};
use crate::corpus::Corpus;

/// The facts as GeoJSON, in the facts' order. Deterministic: the same corpus gives the same
/// bytes. Each source's `excerpt` is exactly the document's cleaned text from `start` to `end`.
pub fn to_geojson(corpus: &Corpus, facts: &Facts) -> FeatureCollection {
    let features = facts.facts.iter().map(|f| feature(corpus, f)).collect();
    FeatureCollection { bbox: None, features, foreign_members: None }
}

/// [`to_geojson`], serialised with two-space indentation and a final newline.
pub fn to_geojson_string(corpus: &Corpus, facts: &Facts) -> String {
    let collection = to_geojson(corpus, facts);
    let mut out = serde_json::to_string_pretty(&collection).unwrap_or_default();
    out.push('\n');
    out
}

fn feature(corpus: &Corpus, fact: &Fact) -> Feature {
    let sources: Vec<JsonValue> = fact
        .sources
        .iter()
        .map(|s| {
            let doc = corpus.document(&s.doc);
            json!({
                "doc": s.doc,
                "headline": doc.map(|d| d.headline.as_str()),
                "published": doc.and_then(|d| d.published).map(|p| format!("{:04}-{:02}-{:02}", p.year(), p.month(), p.day())),
                "excerpt": doc.map(|d| d.slice(s.excerpt)),
                "start": s.excerpt.start,
                "end": s.excerpt.end,
                "actor": s.actor,
                "claimed_by": s.claimed_by,
                "hedged": s.hedged(),
                "hedges": s.hedges,
                "date_text": s.date_text,
            })
        })
        .collect();
    let place = &fact.place;
    let mut properties = JsonObject::new();
    properties.insert("id".into(), json!(fact.id));
    properties.insert("kind".into(), json!(fact.kind.slug()));
    properties.insert("summary".into(), json!(fact.summary));
    properties.insert("date".into(), json!(fact.date.map(|d| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))));
    properties.insert("date_precision".into(), json!(fact.date_precision));
    properties.insert("date_text".into(), json!(fact.date_text));
    properties.insert(
        "place".into(),
        json!({
            "name": place.name,
            "geonameid": place.geonameid,
            "precision": place.precision,
            "country": place.country,
            "admin1": place.admin1,
        }),
    );
    properties.insert("source_count".into(), json!(fact.source_count()));
    properties.insert("sources".into(), JsonValue::Array(sources));
    properties.insert("disagreements".into(), json!(fact.disagreements));
    Feature {
        bbox: None,
        geometry: Some(Geometry::new_point([round6(place.lon), round6(place.lat)])),
        id: Some(geojson::feature::Id::String(fact.id.clone())),
        properties: Some(properties),
        foreign_members: None,
    }
}

/// Six decimals (about 0.1 m), as RFC 7946 §11.2 advises: more is false precision.
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}
