//! [`ToponymTable`]: the toponyms of every document, keyed by document id.

use std::fmt;
use std::ops::Index;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ToponymRecord;

/// The toponyms of every document, keyed by document id, in id order (so its JSON is stable).
///
/// A list sorted by id with the map methods its users need, not a `BTreeMap`: the B-tree's
/// insert, removal and rebalancing were code of their own in the page, for a table of at most
/// a few thousand documents. It reads, writes and iterates as the `BTreeMap` it replaced: a
/// JSON object in id order; an id given again keeps its last records.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ToponymTable(Vec<(String, Vec<ToponymRecord>)>);

impl ToponymTable {
    pub fn new() -> ToponymTable {
        ToponymTable(Vec::new())
    }

    fn find(&self, id: &str) -> Result<usize, usize> {
        // Documents mostly arrive in id order: the last is checked first.
        match self.0.last() {
            Some((last, _)) if last.as_str() < id => Err(self.0.len()),
            _ => self.0.binary_search_by(|(k, _)| k.as_str().cmp(id)),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Vec<ToponymRecord>> {
        self.find(id).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.find(id).is_ok()
    }

    /// Sets the records of `id`; returns those it had.
    pub fn insert(&mut self, id: String, records: Vec<ToponymRecord>) -> Option<Vec<ToponymRecord>> {
        match self.find(&id) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, records)),
            Err(i) => {
                self.0.insert(i, (id, records));
                None
            }
        }
    }

    /// Keeps the documents `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut Vec<ToponymRecord>) -> bool) {
        self.0.retain_mut(|(id, records)| keep(id, records));
    }

    /// In id order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<ToponymRecord>)> {
        self.0.iter().map(|(id, records)| (id, records))
    }

    /// In id order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(id, _)| id)
    }

    /// In id order.
    pub fn values(&self) -> impl Iterator<Item = &Vec<ToponymRecord>> {
        self.0.iter().map(|(_, records)| records)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Index<&str> for ToponymTable {
    type Output = Vec<ToponymRecord>;

    /// Panics when `id` is not in the table, as a map's index does.
    fn index(&self, id: &str) -> &Vec<ToponymRecord> {
        self.get(id).expect("no such document in the toponym table")
    }
}

impl Extend<(String, Vec<ToponymRecord>)> for ToponymTable {
    fn extend<I: IntoIterator<Item = (String, Vec<ToponymRecord>)>>(&mut self, entries: I) {
        for (id, records) in entries {
            self.insert(id, records);
        }
    }
}

impl FromIterator<(String, Vec<ToponymRecord>)> for ToponymTable {
    fn from_iter<I: IntoIterator<Item = (String, Vec<ToponymRecord>)>>(entries: I) -> ToponymTable {
        let mut table = ToponymTable::new();
        table.extend(entries);
        table
    }
}

impl Serialize for ToponymTable {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for ToponymTable {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ToponymTable, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = ToponymTable;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ToponymTable, A::Error> {
                let mut table = ToponymTable::new();
                while let Some((id, records)) = map.next_entry::<String, Vec<ToponymRecord>>()? {
                    table.insert(id, records);
                }
                Ok(table)
            }
        }
        deserializer.deserialize_map(Entries)
    }
}
