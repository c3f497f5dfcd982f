//! [`ToponymTable`]: the toponyms of every document, keyed by document id.

use super::ToponymRecord;

/// The toponyms of every document, keyed by document id, in id order (so its JSON is stable):
/// read, written and iterated as the `BTreeMap` it replaced (see [`IdMap`]).
///
/// [`IdMap`]: crate::id_map::IdMap
pub type ToponymTable = crate::id_map::IdMap<Vec<ToponymRecord>>;
