//! Places → map layers: the resolved places of a corpus, each with the sentences of every
//! article that names it.
//!
//! This is the stage between the geoparser's per-document toponyms and the map. A place here is
//! one gazetteer place (by GeoNames id), however many times and however spelled the articles
//! name it ("Kiev" and "Kyiv" are one place). Only placed mentions count: demonyms say whose,
//! not where, and ambiguous or unknown names have no place to draw (they stay listed in the
//! reader). Entry point: [`map_places`].

use serde::{Deserialize, Serialize};

use crate::corpus::{BlockKind, Corpus, Document};
use crate::geoparse::{MentionKind, Precision, ToponymRecord, ToponymTable};
use crate::span::Span;

/// One place the corpus names, with its sources.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPlace {
    pub geonameid: u32,
    /// The gazetteer's name ("Kyiv", "Kursk Oblast").
    pub name: String,
    /// Region and country, for display ("Kursk Oblast, Russia").
    pub within: Option<String>,
    pub precision: Precision,
    pub lat: f64,
    pub lon: f64,
    pub country: Option<String>,
    /// GeoNames admin-1 code ("RU.41"), which also keys the region's outline on the base map.
    pub admin1: Option<String>,
    /// Per article, in corpus order: the sentences that name the place.
    pub sources: Vec<PlaceSource>,
}

/// The sentences of one article that name a place.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceSource {
    pub doc: String,
    pub excerpts: Vec<Excerpt>,
}

/// A sentence (verbatim: a span of the document's text) and where in it the place is named.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Excerpt {
    /// Index of the sentence in [`Document::sentences`]; `None` when the excerpt is a whole
    /// block that the sentence splitter did not cover.
    pub sentence: Option<usize>,
    pub span: Span,
    /// The mentions inside `span`, in order (spans of the same text).
    pub mentions: Vec<Span>,
}

impl MapPlace {
    /// How many distinct articles name the place.
    pub fn article_count(&self) -> usize {
        self.sources.len()
    }

    /// What a screen reader hears for its marker: the name first ("Sudzha, 5 articles").
    pub fn label(&self) -> String {
        match self.article_count() {
            1 => format!("{}, 1 article", self.name),
            n => format!("{}, {n} articles", self.name),
        }
    }

    /// Whether the place is a point on the map (a town) rather than an area to outline.
    pub fn is_point(&self) -> bool {
        self.precision == Precision::Point
    }
}

/// Every placed place of `corpus`, most-named first (then by name), each with its excerpts.
/// Mentions outside any sentence (a headline-only mention, say) are kept with the whole block
/// as the excerpt, so that no source is lost.
pub fn map_places(corpus: &Corpus, toponyms: &ToponymTable) -> Vec<MapPlace> {
    // The places in order of first mention, and (GeoNames id, position) by id. Not a map type:
    // each map type with its own key and value is its own copy in the page's WebAssembly, and
    // the order comes from the sort below (the id, unique, settles every tie).
    let mut places: Vec<MapPlace> = Vec::new();
    let mut by_id: Vec<(u32, usize)> = Vec::new();
    for doc in &corpus.documents {
        let Some(records) = toponyms.get(&doc.id) else {
            continue;
        };
        for record in records.iter().filter(|r| is_placed(r)) {
            let Some((geonameid, precision, lat, lon)) = record
                .geonameid
                .zip(record.precision)
                .zip(record.lat.zip(record.lon))
                .map(|((g, p), (la, lo))| (g, p, la, lo))
            else {
                continue;
            };
            let at = match by_id.binary_search_by_key(&geonameid, |&(id, _)| id) {
                Ok(found) => by_id[found].1,
                Err(slot) => {
                    by_id.insert(slot, (geonameid, places.len()));
                    places.len()
                }
            };
            if at == places.len() {
                places.push(MapPlace {
                    geonameid,
                    name: record
                        .resolved_name
                        .clone()
                        .unwrap_or_else(|| record.name.clone()),
                    within: record.within.clone(),
                    precision,
                    lat,
                    lon,
                    country: record.country.clone(),
                    admin1: record.admin1.clone(),
                    sources: Vec::new(),
                });
            }
            let place = &mut places[at];
            let mention = Span::new(record.start, record.end);
            let Some((sentence, span)) = sentence_of(doc, mention) else {
                continue;
            };
            if place.sources.last().is_none_or(|s| s.doc != doc.id) {
                place.sources.push(PlaceSource {
                    doc: doc.id.clone(),
                    excerpts: Vec::new(),
                });
            }
            let source = place.sources.last_mut().expect("pushed above");
            match source.excerpts.iter_mut().find(|e| e.span == span) {
                Some(excerpt) => excerpt.mentions.push(mention),
                None => source.excerpts.push(Excerpt {
                    sentence,
                    span,
                    mentions: vec![mention],
                }),
            }
        }
    }
    places.retain(|p| !p.sources.is_empty());
    by_weight(places)
}

/// `places` most-named first, then by name (the id, unique, settles every tie): the order of
/// [`map_places`], for places merged from a sharded corpus's index and a reader's articles.
pub fn by_weight(places: Vec<MapPlace>) -> Vec<MapPlace> {
    crate::order::sorted_by(places, |a, b| {
        b.article_count()
            .cmp(&a.article_count())
            .then_with(|| a.name.cmp(&b.name))
            .then(a.geonameid.cmp(&b.geonameid))
    })
}

fn is_placed(record: &ToponymRecord) -> bool {
    record.kind == MentionKind::Place && !record.ambiguous && record.precision.is_some()
}

/// The sentence holding `mention`, or the block when no sentence does. Standfirst bullets are
/// skipped when the body repeats them, so a panel does not quote the same words twice.
fn sentence_of(doc: &Document, mention: Span) -> Option<(Option<usize>, Span)> {
    if let Some(i) = doc.sentences.iter().position(|s| s.span.contains(mention)) {
        let block = doc.blocks.get(doc.sentences[i].block);
        if block.is_some_and(|b| b.kind == BlockKind::Standfirst) {
            let words = doc.slice(doc.sentences[i].span).trim();
            let repeated = doc
                .blocks
                .iter()
                .any(|b| b.kind == BlockKind::Body && doc.slice(b.span).contains(words));
            if repeated {
                return None;
            }
        }
        return Some((Some(i), doc.sentences[i].span));
    }
    doc.blocks
        .iter()
        .find(|b| b.span.contains(mention))
        .map(|b| (None, b.span))
}

/// Splits places into those near the corpus's centre of attention and those far from it
/// (Jeddah and Washington in a corpus about Kursk), so the main map can be fitted to the first
/// and show the second in insets. The centre is the article-weighted medoid of the points; a
/// place is far when it lies more than `max_km` from it. Areas (regions, countries) are never
/// "far": they are outlines, not points, and do not drive the fit.
pub fn split_far(places: &[MapPlace], max_km: f64) -> (Vec<&MapPlace>, Vec<&MapPlace>) {
    let points: Vec<&MapPlace> = places.iter().filter(|p| p.is_point()).collect();
    let centre = points
        .iter()
        .min_by(|a, b| {
            let cost = |c: &MapPlace| {
                points
                    .iter()
                    .map(|p| p.article_count() as f64 * km(c, p))
                    .sum::<f64>()
            };
            cost(a)
                .total_cmp(&cost(b))
                .then(a.geonameid.cmp(&b.geonameid))
        })
        .copied();
    let Some(centre) = centre else {
        return (places.iter().collect(), Vec::new());
    };
    places
        .iter()
        .partition(|p| !p.is_point() || km(centre, p) <= max_km)
}

/// Great-circle distance in km.
pub fn km(a: &MapPlace, b: &MapPlace) -> f64 {
    crate::geodesy::great_circle_km(a.lat, a.lon, b.lat, b.lon)
}
