use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::date::Date;

/// Metadata that the article texts themselves do not carry, keyed by document id
/// (`corpus/manifest.json`). What a text does reveal (a dateline, a byline) wins over it.
///
/// Kept as a list sorted by id (a later entry for the same id replaces the earlier, as in a
/// map), not a `BTreeMap`: the B-tree's insert and drop for these entries were code of their
/// own in the page, for a few hundred entries at most.
#[derive(Clone, Debug, Default)]
pub struct Manifest(Vec<(String, ManifestEntry)>);

/// One document's metadata. Every value comes with a note saying where it comes from.
#[derive(Clone, Debug, Default, Deserialize)]
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
pub struct ManifestError(#[from] serde_json::Error);

impl Manifest {
    pub fn from_json(json: &str) -> Result<Manifest, ManifestError> {
        Ok(serde_json::from_str(json)?)
    }

    fn find(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(id))
    }

    pub fn get(&self, id: &str) -> Option<&ManifestEntry> {
        self.find(id).ok().map(|i| &self.0[i].1)
    }

    /// In sorted order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// Adds the entry for `id`, or replaces it.
    pub fn insert(&mut self, id: impl Into<String>, entry: ManifestEntry) {
        let id = id.into();
        match self.find(&id) {
            Ok(i) => self.0[i].1 = entry,
            Err(i) => self.0.insert(i, (id, entry)),
        }
    }
}

/// A JSON object of entries, read as `BTreeMap`'s `Deserialize` read it (the same errors; a
/// repeated id keeps its last entry).
impl<'de> Deserialize<'de> for Manifest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Manifest, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = Manifest;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Manifest, A::Error> {
                let mut manifest = Manifest::default();
                while let Some((id, entry)) = map.next_entry::<String, ManifestEntry>()? {
                    manifest.insert(id, entry);
                }
                Ok(manifest)
            }
        }
        deserializer.deserialize_map(Entries)
    }
}
