//! [`IdMap`]: values keyed by a string id, in id order, as a `BTreeMap<String, V>` would hold
//! them, but kept as one sorted list. The B-tree's insert, removal and rebalancing are code of
//! their own in the page's WebAssembly for each value type, for tables of at most a few
//! thousand ids (the manifest, the toponyms of every document).

use std::fmt;
use std::marker::PhantomData;
use std::ops::Index;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Reads, writes and iterates as the `BTreeMap` it stands for: a JSON object in id order; an id
/// given again keeps its last value.
#[derive(Clone, Debug, PartialEq)]
pub struct IdMap<V>(Vec<(String, V)>);

impl<V> Default for IdMap<V> {
    fn default() -> IdMap<V> {
        IdMap(Vec::new())
    }
}

impl<V> IdMap<V> {
    pub fn new() -> IdMap<V> {
        IdMap::default()
    }

    fn find(&self, id: &str) -> Result<usize, usize> {
        // Ids mostly arrive in order: the last is checked first.
        match self.0.last() {
            Some((last, _)) if last.as_str() < id => Err(self.0.len()),
            _ => self.0.binary_search_by(|(k, _)| k.as_str().cmp(id)),
        }
    }

    pub fn get(&self, id: &str) -> Option<&V> {
        self.find(id).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.find(id).is_ok()
    }

    /// Sets the value of `id`; returns the one it had.
    pub fn insert(&mut self, id: String, value: V) -> Option<V> {
        match self.find(&id) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (id, value));
                None
            }
        }
    }

    /// Keeps the entries `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut V) -> bool) {
        self.0.retain_mut(|(id, value)| keep(id, value));
    }

    /// In id order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(id, value)| (id, value))
    }

    /// In id order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(id, _)| id)
    }

    /// In id order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, value)| value)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V> Index<&str> for IdMap<V> {
    type Output = V;

    /// Panics when `id` is not in the map, as a map's index does.
    fn index(&self, id: &str) -> &V {
        self.get(id).expect("no entry for this id")
    }
}

impl<V> Extend<(String, V)> for IdMap<V> {
    fn extend<I: IntoIterator<Item = (String, V)>>(&mut self, entries: I) {
        for (id, value) in entries {
            self.insert(id, value);
        }
    }
}

impl<V> FromIterator<(String, V)> for IdMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> IdMap<V> {
        let mut map = IdMap::new();
        map.extend(entries);
        map
    }
}

impl<V: Serialize> Serialize for IdMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// A JSON object of entries, read as `BTreeMap`'s `Deserialize` reads it (the same errors).
impl<'de, V: Deserialize<'de>> Deserialize<'de> for IdMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<IdMap<V>, D::Error> {
        struct Entries<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
            type Value = IdMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IdMap<V>, A::Error> {
                let mut out = IdMap::new();
                while let Some((id, value)) = map.next_entry::<String, V>()? {
                    out.insert(id, value);
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(Entries(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_as_a_btree_map_does() {
        let json = r#"{"b": 2, "a": 1, "c": 3, "a": 4}"#;
        let ours: IdMap<u32> = serde_json::from_str(json).unwrap();
        let theirs: std::collections::BTreeMap<String, u32> = serde_json::from_str(json).unwrap();
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            serde_json::to_string(&theirs).unwrap()
        );
        assert_eq!(
            ours.keys().collect::<Vec<_>>(),
            theirs.keys().collect::<Vec<_>>()
        );
        assert_eq!(ours["a"], 4);
        let bad = r#"{"a": "x"}"#;
        let (ours, theirs) = (
            serde_json::from_str::<IdMap<u32>>(bad).unwrap_err(),
            serde_json::from_str::<std::collections::BTreeMap<String, u32>>(bad).unwrap_err(),
        );
        assert_eq!(ours.to_string(), theirs.to_string());
    }
}
