use serde::{Deserialize, Serialize};

use super::{MentionKind, Precision, Toponym};
use crate::gazetteer::{Gazetteer, Place};
use crate::numfmt::Fixed;

/// A toponym with its resolved place spelled out: self-contained, so it can be stored (the
/// shipped corpus's toponyms are precomputed) and printed (`factmap geoparse`) without the
/// gazetteer at hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToponymRecord {
    /// UTF-8 byte offsets into the text.
    pub start: usize,
    pub end: usize,
    /// The words of the text, as written.
    pub name: String,
    pub kind: MentionKind,
    /// `None` when unresolved, or too ambiguous to place.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<u32>,
    pub feature_code: Option<String>,
    pub country: Option<String>,
    /// GeoNames admin-1 code of the place, when it has one.
    pub admin1: Option<String>,
    /// The gazetteer's name for the place ("Kryvyy Rih" for "Kryvyi Rih").
    pub resolved_name: Option<String>,
    /// The region and country, for display: "Kursk Oblast, Russia".
    pub within: Option<String>,
    pub precision: Option<Precision>,
    pub reason: String,
    /// Several same-named places fit about equally: the reason lists them; nothing is placed.
    pub ambiguous: bool,
    /// Placed at a place that contains it, the gazetteer lacking its own (see [`Toponym::inside`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inside: bool,
}

impl ToponymRecord {
    pub fn new(gazetteer: &Gazetteer, text: &str, toponym: &Toponym) -> ToponymRecord {
        let name = toponym.span.of(text).to_owned();
        let resolution = toponym.resolution.as_ref();
        if let Some(r) = resolution.filter(|r| r.is_ambiguous()) {
            return ToponymRecord::ambiguous(gazetteer, toponym, name, r);
        }
        let place = resolution.map(|r| gazetteer.place(r.place));
        ToponymRecord {
            start: toponym.span.start,
            end: toponym.span.end,
            name,
            kind: toponym.kind,
            lat: place.map(|p| p.lat),
            lon: place.map(|p| p.lon),
            geonameid: place.map(place_key),
            feature_code: place.map(|p| p.feature_code.clone()),
            country: place.map(|p| p.country.clone()).filter(|c| !c.is_empty()),
            admin1: place.map(|p| p.admin1.clone()).filter(|a| !a.is_empty()),
            resolved_name: place.map(|p| p.name.clone()),
            within: place
                .map(|p| within(gazetteer, p))
                .filter(|w| !w.is_empty()),
            precision: resolution.map(|r| r.precision),
            reason: resolution.map_or_else(
                || "no place of this name in the gazetteer".to_owned(),
                |r| r.reason.clone(),
            ),
            ambiguous: false,
            inside: toponym.inside,
        }
    }

    /// Same-named places fit about equally: say which, and claim no more than they share
    /// (their country, if one), rather than put a best guess on the map.
    fn ambiguous(
        gazetteer: &Gazetteer,
        toponym: &Toponym,
        name: String,
        r: &super::Resolution,
    ) -> ToponymRecord {
        let places: Vec<&Place> = std::iter::once(r.place)
            .chain(r.rivals.iter().copied())
            .map(|id| gazetteer.place(id))
            .collect();
        // Small towns abroad are no reading at all: their country is not claimed either.
        let shared_country = places
            .iter()
            .all(|p| p.country == places[0].country && !p.country.is_empty())
            .then(|| places[0].country.clone())
            .filter(|_| !r.abroad_only);
        const LISTED: usize = 3;
        let mut readings: Vec<String> = places
            .iter()
            .take(LISTED)
            .map(|p| {
                [p.name.as_str(), &within(gazetteer, p)]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .collect();
        if places.len() > LISTED {
            readings.push(format!("{} more", places.len() - LISTED));
        }
        ToponymRecord {
            start: toponym.span.start,
            end: toponym.span.end,
            name,
            kind: toponym.kind,
            lat: None,
            lon: None,
            geonameid: None,
            feature_code: None,
            within: shared_country
                .as_deref()
                .and_then(|c| gazetteer.country(c))
                .map(|id| gazetteer.place(id).name.clone()),
            country: shared_country,
            admin1: None,
            resolved_name: None,
            precision: None,
            reason: if r.abroad_only {
                format!("not placed: {}", r.reason)
            } else {
                format!(
                    "ambiguous, not placed: {} fit about equally",
                    readings.join("; ")
                )
            },
            ambiguous: true,
            inside: false,
        }
    }
}

/// The region and country a place lies in, for display: "Kursk Oblast, Russia".
fn within(gazetteer: &Gazetteer, p: &Place) -> String {
    let region = gazetteer
        .admin1(&p.admin1)
        .map(|id| gazetteer.place(id))
        .filter(|r| r.geonameid != p.geonameid);
    let country = gazetteer
        .country(&p.country)
        .map(|id| gazetteer.place(id))
        .filter(|c| c.geonameid != p.geonameid);
    [
        region.map(|r| r.name.as_str()),
        country.map(|c| c.name.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

impl ToponymRecord {
    /// Where it resolved, for a reader: "Sudzha, Kursk Oblast, Russia (town, 51.19° N 35.27° E)",
    /// or why it did not.
    pub fn where_text(&self) -> String {
        let (Some(name), Some(lat), Some(lon), Some(precision)) =
            (&self.resolved_name, self.lat, self.lon, self.precision)
        else {
            return match self.kind {
                MentionKind::Street => "a street: not in the gazetteer, not placed".to_owned(),
                _ if self.ambiguous => self.reason.clone(),
                _ => "not found in the gazetteer: not placed".to_owned(),
            };
        };
        let what = match (self.kind, precision) {
            (MentionKind::Demonym, _) => "demonym",
            (_, precision) => precision.noun(),
        };
        let full = match &self.within {
            Some(within) => format!("{name}, {within}"),
            None => name.clone(),
        };
        let ns = if lat >= 0.0 { "N" } else { "S" };
        let ew = if lon >= 0.0 { "E" } else { "W" };
        format!(
            "{full} ({what}, {}° {ns} {}° {ew})",
            Fixed(lat.abs(), 2),
            Fixed(lon.abs(), 2)
        )
    }
}

/// Cuts `block` of a text into runs of plain text and toponyms, for highlighting: each piece
/// is a span of the same text, in order, covering the block exactly.
pub fn split_by_toponyms(
    block: crate::span::Span,
    records: &[ToponymRecord],
) -> Vec<(crate::span::Span, Option<&ToponymRecord>)> {
    use crate::span::Span;
    let mut pieces = Vec::new();
    let mut at = block.start;
    for record in records
        .iter()
        .filter(|r| r.start >= block.start && r.end <= block.end && r.start < r.end)
    {
        if record.start < at {
            continue; // overlapping records: keep the first
        }
        if record.start > at {
            pieces.push((Span::new(at, record.start), None));
        }
        pieces.push((Span::new(record.start, record.end), Some(record)));
        at = record.end;
    }
    if at < block.end {
        pieces.push((Span::new(at, block.end), None));
    }
    pieces
}

/// A place's id on the map and in links: its GeoNames id, or, for the few areas GeoNames does
/// not have (Donbas, the Middle East, South Ossetia: id 0 in the gazetteer), a stable number
/// derived from the name, above every GeoNames id (they stay under 2^31), so that two such
/// areas are never one place.
pub fn place_key(place: &crate::gazetteer::Place) -> u32 {
    if place.geonameid != 0 {
        return place.geonameid;
    }
    // FNV-1a: the same on every platform and build.
    let hash = place.name.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    0x8000_0000 | hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn record(start: usize, end: usize) -> ToponymRecord {
        ToponymRecord {
            start,
            end,
            name: String::new(),
            kind: MentionKind::Place,
            lat: None,
            lon: None,
            geonameid: None,
            feature_code: None,
            country: None,
            admin1: None,
            resolved_name: None,
            within: None,
            precision: None,
            reason: String::new(),
            ambiguous: false,
            inside: false,
        }
    }

    #[test]
    fn describes_where_and_what() {
        let mut r = record(0, 6);
        assert_eq!(r.where_text(), "not found in the gazetteer: not placed");
        r.resolved_name = Some("Sudzha".into());
        r.within = Some("Kursk Oblast, Russia".into());
        (r.lat, r.lon, r.precision) = (Some(51.19055), Some(35.27045), Some(Precision::Point));
        assert_eq!(
            r.where_text(),
            "Sudzha, Kursk Oblast, Russia (town, 51.19° N 35.27° E)"
        );
        (r.lat, r.lon) = (Some(-33.9), Some(-70.6));
        assert!(r.where_text().ends_with("33.90° S 70.60° W)"));
    }

    #[test]
    fn pieces_cover_the_block_in_order() {
        let records = [record(0, 4), record(10, 14), record(12, 16), record(30, 35)];
        let pieces: Vec<(usize, usize, bool)> = split_by_toponyms(Span::new(2, 20), &records)
            .iter()
            .map(|(s, r)| (s.start, s.end, r.is_some()))
            .collect();
        assert_eq!(pieces, [(2, 10, false), (10, 14, true), (14, 20, false)]);
        let all: Vec<(usize, usize, bool)> = split_by_toponyms(Span::new(0, 4), &records)
            .iter()
            .map(|(s, r)| (s.start, s.end, r.is_some()))
            .collect();
        assert_eq!(all, [(0, 4, true)]);
    }
}
