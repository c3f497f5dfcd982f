use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::id_map::IdMap;

/// Metadata that the article texts themselves do not carry, keyed by document id
/// (`corpus/manifest.json`). What a text does reveal (a dateline, a byline) wins over it.
///
/// A later entry for the same id replaces the earlier, as in a map.
#[derive(Clone, Debug, Default)]
pub struct Manifest(IdMap<ManifestEntry>);

/// One document's metadata. Every value comes with a note saying where it comes from.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    pub headline: Option<String>,
    pub headline_note: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    pub date_note: Option<String>,
}

/// A manifest that is not the JSON object described in README.
#[derive(Debug, thiserror::Error)]
#[error("manifest.json: {0}")]
pub struct ManifestError(String);

impl Manifest {
    pub fn from_json(json: &str) -> Result<Manifest, ManifestError> {
        serde_json::from_str(json)
            .map(Manifest)
            .map_err(|e| ManifestError(e.to_string()))
    }

    /// The manifest as build.rs packs it for the page (`crate::packed`), or why the JSON it
    /// was packed from could not be read.
    pub fn from_packed(packed: Result<&[u8], &str>) -> Result<Manifest, ManifestError> {
        let bytes = packed.map_err(|why| ManifestError(why.to_owned()))?;
        crate::packed::from_bytes(bytes)
            .map(Manifest)
            .map_err(|e| ManifestError(e.to_string()))
    }

    pub fn get(&self, id: &str) -> Option<&ManifestEntry> {
        self.0.get(id)
    }

    /// In sorted order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// The first and last dates its articles were published on, if it gives any.
    pub fn published_span(&self) -> Option<(Date, Date)> {
        let mut dates = self.0.values().filter_map(|e| e.published);
        let first = dates.next()?;
        Some(dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d))))
    }

    /// Adds the entry for `id`, or replaces it.
    pub fn insert(&mut self, id: impl Into<String>, entry: ManifestEntry) {
        self.0.insert(id.into(), entry);
    }
}
