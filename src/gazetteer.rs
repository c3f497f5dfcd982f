//! Stage 3's reference data: named places of the world and the names news uses for them.
//!
//! Entry points: [`Gazetteer::decode`] reads the compact binary file built by
//! `make gazetteer` (see `src/bin/build-gazetteer.rs`); [`Gazetteer::lookup`] finds the places a
//! name may refer to. Populated places, admin-1 regions, countries and wider areas share one
//! [`Place`] type whose [`PlaceKind`] tells the precision a match can honestly claim.
//!
//! The format (little-endian varints, version [`FORMAT_VERSION`]) is one sorted table of places
//! stored column by column: a small vocabulary (feature, country and admin-1 codes), runs of
//! places sharing kind, country and admin-1 code, delta-coded ids and coordinates, feature codes,
//! populations, display names, and each place's name keys as front-coded text, so gzip sees
//! like next to like. It is written by [`GazetteerBuilder`] and read by [`Gazetteer::decode`],
//! which validates every index so a damaged file is an error, never a panic.
//! The file is the **world core**; its manifest lists one **shard** per country
//! (`public/gazetteer/XX-<hash>.bin`, same format: villages, small places, districts,
//! sub-districts). [`Gazetteer::add_shard`] and its kin check a shard against the manifest
//! (length, hash, version) and add its places as a layer: `lookup_in(key, countries)` sees them
//! only for the countries asked for, `lookup_loose` finds them by a spelling-tolerant key. A shard
//! that fails is a `ShardProblem` (a clear message); the rest load.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use crate::fasthash::{FastMap, FastSet};
use crate::varint;

/// Bumped whenever the binary layout changes.
pub const FORMAT_VERSION: u32 = 3;
const MAGIC: &[u8; 4] = b"FMGZ";

/// What a place is, and so how precisely a mention of it locates something.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A town, village or city: a point.
    Populated = 0,
    /// A first-level division: an oblast, state, province.
    Admin1 = 1,
    /// A country.
    Country = 2,
    /// A continent or other wide region ("Europe", "Middle East").
    Area = 3,
    /// A second-level division: a county, a district (raion).
    Admin2 = 4,
}

impl PlaceKind {
    fn from_u8(v: u8) -> Option<PlaceKind> {
        [
            PlaceKind::Populated,
            PlaceKind::Admin1,
            PlaceKind::Country,
            PlaceKind::Area,
            PlaceKind::Admin2,
        ]
        .get(usize::from(v))
        .copied()
    }
}

/// Index of a place in its gazetteer.
pub type PlaceId = u32;

/// One named place.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub geonameid: u32,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub kind: PlaceKind,
    /// GeoNames feature code: `PPL`, `PPLA`, `PPLC`, `ADM1`, `PCLI`, `CONT`…
    pub feature_code: String,
    /// ISO 3166-1 alpha-2, empty for areas beyond one country.
    pub country: String,
    /// GeoNames admin-1 code (`RU.41`), empty when unknown or not applicable.
    pub admin1: String,
    pub population: u64,
}

/// The places and the index from normalised names to them.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    names: FastMap<String, Vec<PlaceId>>,
    admin1_by_code: FastMap<String, PlaceId>,
    country_by_code: FastMap<String, PlaceId>,
    longest_name_words: usize,
    common_words: FastSet<String>,
    given_names: FastSet<String>,
    /// What this file is: the world core (empty) or the shard of one country (its ISO code).
    shard_country: String,
    /// The core's list of country shards (empty in a shard).
    manifest: Vec<ShardInfo>,
    /// How many places the core holds: ids from here on are shard places.
    core_len: usize,
    /// Names of the places of loaded shards (ids ≥ `core_len`), kept apart from the core's so
    /// that a text sees them only for the countries it is about ([`Gazetteer::lookup_in`]).
    local_names: FastMap<String, Vec<PlaceId>>,
    /// The first words of `local_names`' keys: whether a word may start a shard's name.
    local_first: FastMap<String, Vec<[u8; 2]>>,
    /// A one-hash Bloom filter of the shards' keys and their first words (2^22 bits, 512 kB):
    /// most words are in no shard, and this says so without touching the big maps.
    local_bits: Vec<u64>,
    /// Countries whose shard is loaded, in load order, and as a set.
    loaded: Vec<String>,
    loaded_set: FastSet<String>,
    /// [`loose_key`]s of the names of the places of loaded shards and of the core's places of
    /// their countries: spellings that differ in vowels, doubled letters, "kh"/"k"
    /// (Netrokona/Netrakona, Laxmipur/Lakshmipur, Mirpurkhas/Mirpur Khas).
    loose: FastMap<String, Vec<PlaceId>>,
}

/// One country's shard as the core lists it: `public/gazetteer/XX-<hash>.bin`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShardInfo {
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// File name, content-hashed: `BD-1a2b3c4d5e6f7a8b.bin`.
    pub file: String,
    /// Exact length in bytes.
    pub bytes: u64,
    /// [`content_hash`] of the file.
    pub hash: u64,
}

/// A shard that could not be loaded, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShardProblem {
    pub country: String,
    pub file: String,
    pub why: String,
}

impl std::fmt::Display for ShardProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "gazetteer shard {} ({}) not loaded: {}; texts about {} are mapped with the world core only", self.country, self.file, self.why, self.country)
    }
}

/// The 64-bit FNV-1a hash of a shard file: names it and checks it arrived whole.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Why a gazetteer file could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum GazetteerError {
    #[error("not a factmap gazetteer file")]
    BadMagic,
    #[error("gazetteer format version {0}, this build reads version {FORMAT_VERSION}")]
    UnsupportedVersion(u32),
    #[error("gazetteer file is truncated or damaged at byte {0}")]
    Damaged(usize),
    #[error("not a country shard (a world core or another file)")]
    NotAShard,
    #[error("the core lists no shard for {0}")]
    UnknownShard(String),
    #[error("shard {country}: expected {expected} bytes with hash {hash:016x}, got {got} bytes (truncated, damaged or from another build)")]
    ShardMismatch {
        country: String,
        expected: u64,
        hash: u64,
        got: u64,
    },
}

impl Gazetteer {
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id as usize]
    }

    /// Places a name may refer to: wider areas, countries and regions first, then towns, each
    /// kind most populous first. The name is normalised first.
    pub fn lookup(&self, name: &str) -> &[PlaceId] {
        self.lookup_key(&normalize(name))
    }

    /// Like [`Gazetteer::lookup`] for an already normalised key.
    pub fn lookup_key(&self, key: &str) -> &[PlaceId] {
        match self.names.get(key) {
            Some(ids) => ids,
            None if key.contains('-') => self
                .names
                .get(spaced_key(key).as_str())
                .map_or(&[], Vec::as_slice),
            None => &[],
        }
    }

    /// The admin-1 region with GeoNames code `code` (`RU.41`).
    pub fn admin1(&self, code: &str) -> Option<PlaceId> {
        self.admin1_by_code.get(code).copied()
    }

    /// The country with ISO code `code`.
    pub fn country(&self, code: &str) -> Option<PlaceId> {
        self.country_by_code.get(code).copied()
    }

    /// The most words any name has: how far a matcher needs to look ahead.
    pub fn longest_name_words(&self) -> usize {
        self.longest_name_words
    }

    /// Whether a place name is also an everyday English word ("reading", "mobile"): capitalised
    /// at a sentence start, it is more likely the word.
    pub fn is_common_word(&self, key: &str) -> bool {
        self.common_words.contains(key)
    }

    /// Whether a word is a common given name ("george", "paris"): before a capitalised word it
    /// starts a person's name.
    pub fn is_given_name(&self, key: &str) -> bool {
        self.given_names.contains(key)
    }

    /// Every normalised name key, for building other indexes (an Aho-Corasick floor, say).
    pub fn name_keys(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }

    /// The shards the core lists, by country code.
    pub fn manifest(&self) -> &[ShardInfo] {
        &self.manifest
    }

    /// The shard listed for a country, if any.
    pub fn shard_info(&self, country: &str) -> Option<&ShardInfo> {
        self.manifest.iter().find(|s| s.country == country)
    }

    /// The country a shard file is of (empty for a core).
    pub fn shard_country(&self) -> &str {
        &self.shard_country
    }

    /// Countries whose shard is loaded.
    pub fn loaded_shards(&self) -> &[String] {
        &self.loaded
    }

    /// Whether the country's shard is loaded.
    pub fn has_shard(&self, country: &str) -> bool {
        !self.loaded.is_empty() && self.loaded_set.contains(country)
    }

    /// Whether a place comes from a shard rather than the core.
    pub fn is_local(&self, id: PlaceId) -> bool {
        id as usize >= self.core_len
    }

    /// Whether some loaded shard has a place of this normalised name.
    pub fn has_local_key(&self, key: &str) -> bool {
        !self.local_names.is_empty() && self.local_names.contains_key(key)
    }

    /// Whether a normalised word starts the name of a place of some loaded shard.
    pub fn starts_local_name(&self, word: &str) -> bool {
        self.may_be_local(word) && self.local_first.contains_key(word)
    }

    /// False when no loaded shard has a name or a name's first word `word`; true when one may.
    pub fn may_be_local(&self, word: &str) -> bool {
        if self.local_bits.is_empty() {
            return false;
        }
        let h = bloom_bit(word);
        self.local_bits[h / 64] & (1 << (h % 64)) != 0
    }

    /// Whether a normalised word starts the name of a place in the loaded shard of one of
    /// `countries`.
    pub fn starts_local_name_in(&self, word: &str, countries: &[String]) -> bool {
        self.may_be_local(word)
            && self.local_first.get(word).is_some_and(|cs| {
                cs.iter()
                    .any(|c| countries.iter().any(|k| k.as_bytes() == c))
            })
    }

    /// The places of all loaded shards named `key` (normalised).
    pub fn local_ids(&self, key: &str) -> &[PlaceId] {
        self.local_names.get(key).map_or(&[], Vec::as_slice)
    }

    /// [`Gazetteer::lookup_key`], with the places of the loaded shards of `countries` too, in
    /// the same order (wider kinds first, then by population). Borrowed when no shard adds one.
    pub fn lookup_in(&self, key: &str, countries: &[String]) -> Cow<'_, [PlaceId]> {
        let found = self.lookup_in_exactly(key, countries);
        if found.is_empty() && key.contains('-') {
            return self.lookup_in_exactly(&spaced_key(key), countries);
        }
        found
    }

    /// [`Gazetteer::lookup_in`] for this very key, hyphens as they are.
    fn lookup_in_exactly(&self, key: &str, countries: &[String]) -> Cow<'_, [PlaceId]> {
        let core = self.names.get(key).map_or(&[][..], Vec::as_slice);
        if countries.is_empty() || self.local_names.is_empty() {
            return Cow::Borrowed(core);
        }
        if !self.may_be_local(key) {
            return Cow::Borrowed(core);
        }
        let Some(local) = self.local_names.get(key) else {
            return Cow::Borrowed(core);
        };
        let mut ids: Vec<PlaceId> = core.to_vec();
        ids.extend(local.iter().copied().filter(|&id| {
            countries
                .iter()
                .any(|c| *c == self.places[id as usize].country)
        }));
        if ids.len() == core.len() {
            return Cow::Borrowed(core);
        }
        ids.sort_by(|&a, &b| order(&self.places, a, b));
        Cow::Owned(ids)
    }

    /// Places of the loaded shards' `countries` whose name is spelled like `key` but for
    /// vowels and the like ([`loose_key`]); empty for keys of fewer than four consonants.
    pub fn lookup_loose(&self, key: &str, countries: &[String]) -> Vec<PlaceId> {
        if self.loose.is_empty() || countries.is_empty() {
            return Vec::new();
        }
        let loose = loose_key(key);
        if loose.len() < 4 {
            return Vec::new();
        }
        let mut ids: Vec<PlaceId> = self
            .loose
            .get(&loose)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&id| countries.contains(&self.places[id as usize].country))
            .collect();
        ids.sort_by(|&a, &b| order(&self.places, a, b));
        ids.dedup();
        ids
    }

    /// Adds a country shard to a core: checks it against the core's manifest (length and hash:
    /// a truncated, damaged or stale file is refused) and its format, then makes its places
    /// findable by [`Gazetteer::lookup_in`]. On error the gazetteer is unchanged.
    pub fn add_shard(&mut self, bytes: &[u8]) -> Result<String, GazetteerError> {
        // The header first, so a file of another version says so rather than "mismatch".
        if bytes.len() >= 8 && &bytes[..4] == MAGIC {
            let version = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
            if version != FORMAT_VERSION {
                return Err(GazetteerError::UnsupportedVersion(version));
            }
        }
        let shard = Gazetteer::decode(bytes)?;
        if shard.shard_country.is_empty() {
            return Err(GazetteerError::NotAShard);
        }
        let country = shard.shard_country.clone();
        let info = self
            .shard_info(&country)
            .ok_or_else(|| GazetteerError::UnknownShard(country.clone()))?;
        if info.bytes != bytes.len() as u64 || info.hash != content_hash(bytes) {
            return Err(GazetteerError::ShardMismatch {
                country,
                expected: info.bytes,
                hash: info.hash,
                got: bytes.len() as u64,
            });
        }
        if self.has_shard(&country) {
            return Ok(country);
        }
        let offset = self.places.len() as PlaceId;
        let Gazetteer {
            places,
            names,
            longest_name_words,
            ..
        } = shard;
        self.places.extend(places);
        for (key, ids) in names {
            if self.local_bits.is_empty() {
                self.local_bits = vec![0; BLOOM_BITS / 64];
            }
            let first = key.split(' ').next().unwrap_or("");
            for word in [key.as_str(), first] {
                let h = bloom_bit(word);
                self.local_bits[h / 64] |= 1 << (h % 64);
            }
            let code: [u8; 2] = country.as_bytes().try_into().unwrap_or([0, 0]);
            let codes = self.local_first.entry(first.to_owned()).or_default();
            if !codes.contains(&code) {
                codes.push(code);
            }
            let entry = self.local_names.entry(key).or_default();
            entry.extend(ids.iter().map(|&id| id + offset));
            entry.sort_by(|&a, &b| order(&self.places, a, b));
        }
        self.longest_name_words = self.longest_name_words.max(longest_name_words);
        for id in 0..self.places.len() {
            if !LOOSE_SPELLING_IN.contains(&country.as_str()) {
                break;
            }
            let p = &self.places[id];
            if (id >= offset as usize || (id < self.core_len && p.country == country))
                && p.kind != PlaceKind::Country
            {
                let key = loose_key(&normalize(&p.name));
                if key.len() >= 4 {
                    self.loose.entry(key).or_default().push(id as PlaceId);
                }
            }
        }
        self.loaded.push(country.clone());
        self.loaded_set.insert(country.clone());
        Ok(country)
    }

    /// Adds every shard the manifest lists, or those of `only` countries, reading each file
    /// with `read` (from a folder, an embedded table, a download). A shard that cannot be read
    /// or added is reported (country, file, why) and left out: the others still load, and texts
    /// about its country are mapped with what is loaded.
    pub fn load_shards(
        &mut self,
        only: Option<&[String]>,
        mut read: impl FnMut(&ShardInfo) -> Result<Vec<u8>, String>,
    ) -> Vec<ShardProblem> {
        let wanted: Vec<ShardInfo> = self
            .manifest
            .iter()
            .filter(|s| only.is_none_or(|o| o.contains(&s.country)) && !self.has_shard(&s.country))
            .cloned()
            .collect();
        let mut problems = Vec::new();
        for info in wanted {
            let result =
                read(&info).and_then(|bytes| self.add_shard(&bytes).map_err(|e| e.to_string()));
            if let Err(why) = result {
                problems.push(ShardProblem {
                    country: info.country.clone(),
                    file: info.file.clone(),
                    why,
                });
            }
        }
        problems
    }

    /// A core with shards added: each that fails is reported by its position in `shards` and
    /// left out, the others still load.
    pub fn with_shards(
        mut core: Gazetteer,
        shards: &[&[u8]],
    ) -> (Gazetteer, Vec<(usize, GazetteerError)>) {
        let mut errors = Vec::new();
        for (i, bytes) in shards.iter().enumerate() {
            if let Err(err) = core.add_shard(bytes) {
                errors.push((i, err));
            }
        }
        (core, errors)
    }

    /// Reads the binary format.
    pub fn decode(bytes: &[u8]) -> Result<Gazetteer, GazetteerError> {
        use GazetteerError::Damaged;
        let mut r = Reader { bytes, pos: 0 };
        if r.take(4)? != MAGIC {
            return Err(GazetteerError::BadMagic);
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(GazetteerError::UnsupportedVersion(version));
        }
        let shard_country = r.text("")?;
        // The short strings places share: feature codes, country and admin-1 codes.
        let vocab = r.strings()?;
        let word = |r: &mut Reader<'_>| -> Result<&str, GazetteerError> {
            let at = r.pos;
            let i = r.varint()? as usize;
            vocab.get(i).map(String::as_str).ok_or(Damaged(at))
        };
        let at = r.pos;
        let place_count = r.varint()? as usize;
        // Every place takes at least 8 bytes of columns: a larger count is damage, not a reason
        // to allocate.
        if place_count > (bytes.len() - r.pos) / 8 {
            return Err(Damaged(at));
        }
        let mut places: Vec<Place> = Vec::with_capacity(place_count);
        // Runs of places with the same kind, country and admin-1 code: the table's sort order.
        let run_count = r.varint()? as usize;
        for _ in 0..run_count {
            let at = r.pos;
            let kind = PlaceKind::from_u8(r.u8()?).ok_or(Damaged(at))?;
            let (country, admin1) = (word(&mut r)?, word(&mut r)?);
            let at = r.pos;
            let len = r.varint()? as usize;
            if len > place_count - places.len() {
                return Err(Damaged(at));
            }
            let place = Place {
                kind,
                country: country.to_owned(),
                admin1: admin1.to_owned(),
                ..empty_place()
            };
            places.extend(std::iter::repeat_n(place, len));
        }
        if places.len() != place_count {
            return Err(Damaged(r.pos));
        }
        // Then one column per field. Ids and coordinates are delta-coded against the previous
        // place: neighbours in the sorted table are close, which keeps the file small after gzip.
        let mut geonameid = 0i64;
        for p in &mut places {
            let at = r.pos;
            geonameid = geonameid.wrapping_add(r.signed()?);
            p.geonameid = u32::try_from(geonameid).map_err(|_| Damaged(at))?;
        }
        let mut lat = 0i64;
        for p in &mut places {
            lat = lat.wrapping_add(r.signed()?);
            p.lat = lat as f64 / 1e5;
        }
        let mut lon = 0i64;
        for p in &mut places {
            lon = lon.wrapping_add(r.signed()?);
            p.lon = lon as f64 / 1e5;
        }
        for p in &mut places {
            p.feature_code = word(&mut r)?.to_owned();
        }
        for p in &mut places {
            p.population = r.varint()?;
        }
        // Names: the display names (each front-coded against the one before), then per place a
        // count of its other keys and a flag for its display name's own key, then those keys
        // (front-coded against that own key). Text and numbers apart, so gzip sees like next
        // to like.
        let mut name = String::new();
        for p in &mut places {
            name = r.text(&name)?;
            p.name.clone_from(&name);
        }
        let mut headers = Vec::with_capacity(place_count);
        for _ in 0..place_count {
            headers.push(r.varint()?);
        }
        let mut names: FastMap<String, Vec<PlaceId>> =
            FastMap::with_capacity_and_hasher(place_count * 2, Default::default());
        for (id, (p, header)) in places.iter().zip(headers).enumerate() {
            let own = normalize(&p.name);
            for _ in 0..header >> 1 {
                let key = r.text(&own)?;
                names.entry(key).or_default().push(id as PlaceId);
            }
            if header & 1 == 1 {
                names.entry(own).or_default().push(id as PlaceId);
            }
        }
        add_spaced_keys(&mut names);
        let common_words: FastSet<String> = r.strings()?.into_iter().collect();
        let given_names: FastSet<String> = r.strings()?.into_iter().collect();
        let at = r.pos;
        let shard_count = r.varint()? as usize;
        if shard_count > bytes.len() - r.pos {
            return Err(Damaged(at));
        }
        let mut manifest = Vec::with_capacity(shard_count);
        for _ in 0..shard_count {
            let country = r.text("")?;
            let file = r.text("")?;
            let bytes = r.varint()?;
            let hash = r.varint()?;
            manifest.push(ShardInfo {
                country,
                file,
                bytes,
                hash,
            });
        }
        if r.pos != bytes.len() {
            return Err(Damaged(r.pos));
        }
        for ids in names.values_mut() {
            ids.sort_by(|&a, &b| order(&places, a, b));
            ids.dedup();
        }
        names.remove("");
        let longest_name_words = names
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1)
            .max(1);
        let mut gazetteer = Gazetteer::index(places, names, longest_name_words);
        gazetteer.common_words = common_words;
        gazetteer.given_names = given_names;
        gazetteer.shard_country = shard_country;
        gazetteer.manifest = manifest;
        gazetteer.core_len = gazetteer.places.len();
        Ok(gazetteer)
    }

    fn index(
        places: Vec<Place>,
        names: FastMap<String, Vec<PlaceId>>,
        longest_name_words: usize,
    ) -> Gazetteer {
        let mut admin1_by_code = FastMap::default();
        let mut country_by_code = FastMap::default();
        for (i, p) in places.iter().enumerate() {
            match p.kind {
                PlaceKind::Admin1 if !p.admin1.is_empty() => {
                    admin1_by_code
                        .entry(p.admin1.clone())
                        .or_insert(i as PlaceId);
                }
                PlaceKind::Country if !p.country.is_empty() => {
                    country_by_code
                        .entry(p.country.clone())
                        .or_insert(i as PlaceId);
                }
                _ => {}
            }
        }
        Gazetteer {
            places,
            names,
            admin1_by_code,
            country_by_code,
            longest_name_words,
            ..Gazetteer::default()
        }
    }
}

/// Collects places and names, then writes the binary format.
#[derive(Default)]
pub struct GazetteerBuilder {
    places: Vec<Place>,
    names: Vec<(String, PlaceId)>,
    common_words: Vec<String>,
    given_names: Vec<String>,
    shard_country: String,
    manifest: Vec<ShardInfo>,
}

impl GazetteerBuilder {
    /// Adds a place; returns its id in the finished gazetteer's order only after [`Self::encode`]
    /// sorts, so names are attached by this provisional id.
    pub fn add_place(&mut self, place: Place) -> PlaceId {
        self.places.push(place);
        (self.places.len() - 1) as PlaceId
    }

    /// Attaches a name (any spelling) to a place.
    pub fn add_name(&mut self, name: &str, place: PlaceId) {
        let key = normalize(name);
        if !key.is_empty() {
            self.names.push((key, place));
        }
    }

    /// Records that a place name is also an everyday English word (see
    /// [`Gazetteer::is_common_word`]).
    pub fn add_common_word(&mut self, word: &str) {
        self.common_words.push(normalize(word));
    }

    /// Records a common given name (see [`Gazetteer::is_given_name`]).
    pub fn add_given_name(&mut self, name: &str) {
        self.given_names.push(normalize(name));
    }

    pub fn place_count(&self) -> usize {
        self.places.len()
    }

    /// Makes this the shard of one country (ISO code) rather than a world core.
    pub fn shard_of(&mut self, country: &str) {
        self.shard_country = country.to_owned();
    }

    /// Lists a shard in the core's manifest: its country and encoded bytes, named
    /// `XX-<hash>.bin`. Returns the file name.
    pub fn list_shard(&mut self, country: &str, bytes: &[u8]) -> String {
        let hash = content_hash(bytes);
        let file = format!("{country}-{hash:016x}.bin");
        self.manifest.push(ShardInfo {
            country: country.to_owned(),
            file: file.clone(),
            bytes: bytes.len() as u64,
            hash,
        });
        self.manifest.sort_by(|a, b| a.country.cmp(&b.country));
        file
    }

    /// Writes the binary format. Places are sorted by (kind, country, admin1, name); each
    /// name's places come by kind (areas, countries and regions before towns), then population.
    pub fn encode(mut self) -> Vec<u8> {
        let mut order: Vec<usize> = (0..self.places.len()).collect();
        order.sort_by(|&a, &b| {
            let (p, q) = (&self.places[a], &self.places[b]);
            (p.kind, &p.country, &p.admin1, &p.name, p.geonameid).cmp(&(
                q.kind,
                &q.country,
                &q.admin1,
                &q.name,
                q.geonameid,
            ))
        });
        let mut new_id = vec![0 as PlaceId; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_id[old] = new as PlaceId;
        }
        // Text is stored NUL-terminated, so NULs (never part of a real name) are dropped first.
        let no_nul = |s: &mut String| s.retain(|c| c != '\0');
        let mut places: Vec<Place> = order
            .iter()
            .map(|&i| std::mem::replace(&mut self.places[i], empty_place()))
            .collect();
        for p in &mut places {
            for s in [
                &mut p.name,
                &mut p.feature_code,
                &mut p.country,
                &mut p.admin1,
            ] {
                no_nul(s);
            }
        }
        let mut keys_of: Vec<BTreeSet<String>> = vec![BTreeSet::new(); places.len()];
        for (mut key, old) in self.names.drain(..) {
            no_nul(&mut key);
            if !key.is_empty() {
                keys_of[new_id[old as usize] as usize].insert(key);
            }
        }
        for word in self.common_words.iter_mut().chain(&mut self.given_names) {
            no_nul(word);
        }

        let mut vocab: Vec<&str> = places
            .iter()
            .flat_map(|p| {
                [
                    p.feature_code.as_str(),
                    p.country.as_str(),
                    p.admin1.as_str(),
                ]
            })
            .collect();
        vocab.sort_unstable();
        vocab.dedup();
        let index: HashMap<&str, u64> = vocab
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, i as u64))
            .collect();

        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        put_text(&mut out, "", &self.shard_country);
        put_strings(&mut out, &vocab);
        varint::put(&mut out, places.len() as u64);
        let mut runs: Vec<(PlaceKind, &str, &str, u64)> = Vec::new();
        for p in &places {
            match runs.last_mut() {
                Some((kind, country, admin1, len))
                    if (*kind, *country, *admin1)
                        == (p.kind, p.country.as_str(), p.admin1.as_str()) =>
                {
                    *len += 1
                }
                _ => runs.push((p.kind, &p.country, &p.admin1, 1)),
            }
        }
        varint::put(&mut out, runs.len() as u64);
        for (kind, country, admin1, len) in runs {
            out.push(kind as u8);
            varint::put(&mut out, index[country]);
            varint::put(&mut out, index[admin1]);
            varint::put(&mut out, len);
        }
        let mut previous = 0i64;
        for p in &places {
            varint::put_signed(&mut out, i64::from(p.geonameid) - previous);
            previous = i64::from(p.geonameid);
        }
        for coordinate in [|p: &Place| p.lat, |p: &Place| p.lon] {
            let mut previous = 0i64;
            for p in &places {
                let v = (coordinate(p) * 1e5).round() as i64;
                varint::put_signed(&mut out, v - previous);
                previous = v;
            }
        }
        for p in &places {
            varint::put(&mut out, index[p.feature_code.as_str()]);
        }
        for p in &places {
            varint::put(&mut out, p.population);
        }
        let mut previous_name = "";
        for p in &places {
            put_text(&mut out, previous_name, &p.name);
            previous_name = &p.name;
        }
        let own_keys: Vec<String> = places.iter().map(|p| normalize(&p.name)).collect();
        for (own, keys) in own_keys.iter().zip(&keys_of) {
            let others = keys.len() - usize::from(keys.contains(own));
            varint::put(
                &mut out,
                ((others as u64) << 1) | u64::from(keys.contains(own)),
            );
        }
        for (own, keys) in own_keys.iter().zip(&keys_of) {
            for key in keys.iter().filter(|k| *k != own) {
                put_text(&mut out, own, key);
            }
        }
        for set in [&mut self.common_words, &mut self.given_names] {
            set.sort_unstable();
            set.dedup();
            put_strings(
                &mut out,
                &set.iter().map(String::as_str).collect::<Vec<_>>(),
            );
        }
        varint::put(&mut out, self.manifest.len() as u64);
        for s in &self.manifest {
            put_text(&mut out, "", &s.country);
            put_text(&mut out, "", &s.file);
            varint::put(&mut out, s.bytes);
            varint::put(&mut out, s.hash);
        }
        out
    }
}

/// Countries whose names English news romanises from Indic, Arabic, Persian or Southeast Asian
/// scripts, each writer their own way: only their places are found by [`loose_key`].
pub const LOOSE_SPELLING_IN: &[&str] = &[
    "AF", "BD", "BT", "IN", "IR", "IQ", "KH", "LA", "LK", "MM", "NP", "PK", "TH", "SY", "YE", "SA",
    "JO", "SD", "SO", "MV",
];

/// Files each hyphenated key's places under its spaced spelling too, where no name is spelled
/// so: writers hyphenate names or not as they please ("Tal-Abyad" in GeoNames, "Tal Abyad" in
/// the news), and [`Gazetteer::lookup_key`] tries a hyphenated key spaced when it is not found
/// as written ("El-Arish" for "El Arish"). A spelling some place has with spaces keeps its own
/// places: "St Louis" stays Missouri's city, not also Senegal's "St-Louis".
fn add_spaced_keys(names: &mut FastMap<String, Vec<PlaceId>>) {
    let mut spaced: FastMap<String, Vec<PlaceId>> = FastMap::default();
    for (key, ids) in names.iter().filter(|(key, _)| key.contains('-')) {
        let alias = spaced_key(key);
        if !alias.is_empty() && !names.contains_key(&alias) {
            spaced.entry(alias).or_default().extend(ids);
        }
    }
    names.extend(spaced);
}

/// A key with its hyphens as spaces, one space between words: "tal-abyad" -> "tal abyad",
/// "mazar-e-sharif" -> "mazar e sharif".
fn spaced_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for word in key.split(['-', ' ']).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A spelling-tolerant key: the normalised name without spaces, hyphens and apostrophes, "ksh"
/// as "x", "kh", "gh", "sh", "ph", "th", "dh", "bh", "jh", "ch" as one letter, "w" as "v", "q" as "k", then
/// vowels after the first letter dropped and doubled letters made single. Romanisations of South
/// Asian names vary in exactly these: Netrokona/Netrakona, Punganoor/Punganur, Sukkar/Sukkur.
pub fn loose_key(key: &str) -> String {
    // One pass, left to right, the first rule that matches at each letter: the same as
    // replacing each rule's matches in turn over the whole key, as no match of one rule can
    // overlap another's but "sh" in "ksh" (tried first), and no replacement makes a later
    // rule's match (the tests compare both ways on every short key). The geoparser asks for a
    // key of many words of every text.
    const RULES: [(&[u8], u8); 12] = [
        (b"ksh", b'x'),
        (b"kh", b'k'),
        (b"gh", b'g'),
        (b"sh", b's'),
        (b"ph", b'f'),
        (b"th", b't'),
        (b"dh", b'd'),
        (b"bh", b'b'),
        (b"jh", b'j'),
        (b"ch", b'c'),
        (b"w", b'v'),
        (b"q", b'k'),
    ];
    let letters: Vec<u8> = key.bytes().filter(u8::is_ascii_alphabetic).collect();
    let mut out = String::with_capacity(letters.len());
    let (mut at, mut first) = (0, true);
    while at < letters.len() {
        let rest = &letters[at..];
        let (c, used) = RULES
            .iter()
            .find(|(from, _)| rest.starts_with(from))
            .map_or((rest[0], 1), |&(from, to)| (to, from.len()));
        at += used;
        // Vowels after the first letter dropped, doubled letters made single.
        let vowel = !first && matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
        first = false;
        if vowel || out.as_bytes().last() == Some(&c) {
            continue;
        }
        out.push(char::from(c));
    }
    out
}

const BLOOM_BITS: usize = 1 << 22;

/// The bit of `word` in [`Gazetteer::may_be_local`]'s filter.
fn bloom_bit(word: &str) -> usize {
    (content_hash(word.as_bytes()) % BLOOM_BITS as u64) as usize
}

/// The order of a name's places: wider kinds first, then by falling population.
fn order(places: &[Place], a: PlaceId, b: PlaceId) -> std::cmp::Ordering {
    let (p, q) = (&places[a as usize], &places[b as usize]);
    q.kind
        .cmp(&p.kind)
        .then(q.population.cmp(&p.population))
        .then(a.cmp(&b))
}

/// A sorted list of strings, each front-coded against the one before.
fn put_strings(out: &mut Vec<u8>, strings: &[&str]) {
    varint::put(out, strings.len() as u64);
    let mut previous = "";
    for s in strings {
        put_text(out, previous, s);
        previous = s;
    }
}

/// `s` (without NULs) as one byte, the length of the prefix it shares with `previous` (at most
/// 255), then the rest, then a NUL. Plain text between small markers compresses better than
/// length-prefixed strings.
fn put_text(out: &mut Vec<u8>, previous: &str, s: &str) {
    debug_assert!(!s.contains('\0'));
    let mut shared = previous
        .bytes()
        .zip(s.bytes())
        .take_while(|(a, b)| a == b)
        .count()
        .min(255);
    while !s.is_char_boundary(shared) {
        shared -= 1;
    }
    out.push(shared as u8);
    out.extend_from_slice(&s.as_bytes()[shared..]);
    out.push(0);
}

fn empty_place() -> Place {
    Place {
        geonameid: 0,
        name: String::new(),
        lat: 0.0,
        lon: 0.0,
        kind: PlaceKind::Area,
        feature_code: String::new(),
        country: String::new(),
        admin1: String::new(),
        population: 0,
    }
}

/// The lookup key of a name: lower case, Latin diacritics folded, typographic apostrophes and
/// dashes made plain, inner whitespace collapsed to one space, trailing dots kept ("u.s.").
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    normalize_into(name, &mut out);
    out
}

/// [`normalize`], appended to `out`: keys of many words can share one buffer.
pub fn normalize_into(name: &str, out: &mut String) {
    if name.is_ascii() {
        return normalize_ascii_into(name, out);
    }
    let start = out.len();
    let mut space = false;
    for c in name.chars() {
        if c.is_whitespace() {
            space = out.len() > start;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '’' | '‘' | 'ʼ' | '`' | '´' => out.push('\''),
            '‐' | '‑' | '–' | '—' => out.push('-'),
            _ => match fold(c) {
                Some(folded) => out.push_str(folded),
                None => out.extend(c.to_lowercase()),
            },
        }
    }
}

/// [`normalize_into`] for ASCII text, byte by byte: most names and words are ASCII, and
/// decoding them as chars for Unicode case mapping dominated the cost of normalising them.
fn normalize_ascii_into(name: &str, out: &mut String) {
    let start = out.len();
    // One word (a token, say) only changes case.
    if !name
        .bytes()
        .any(|b| b == b'`' || char::from(b).is_whitespace())
    {
        out.push_str(name);
        out[start..].make_ascii_lowercase();
        return;
    }
    let mut space = false;
    for &b in name.as_bytes() {
        let c = char::from(b);
        if c.is_whitespace() {
            space = out.len() > start;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(if c == '`' {
            '\''
        } else {
            c.to_ascii_lowercase()
        });
    }
}

/// The ASCII spelling of a Latin letter with diacritics ("ạ" a, "Đ" d, "ß" ss), from
/// `data/latin-fold.tsv`: every such letter of Unicode's Latin blocks, so that Vietnamese
/// ("Bình Định") and transliterated Arabic ("Ḥimṣ") names are found as the news spells them
/// without marks.
fn fold(c: char) -> Option<&'static str> {
    static TABLE: OnceLock<Vec<(char, &'static str)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table: Vec<(char, &str)> = include_str!("../data/latin-fold.tsv")
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let (letter, ascii) = line.split_once('\t')?;
                let mut chars = letter.chars();
                Some((chars.next()?, ascii)).filter(|_| chars.next().is_none())
            })
            .collect();
        table.sort_unstable_by_key(|&(letter, _)| letter);
        table
    });
    let at = table.binary_search_by_key(&c, |&(letter, _)| letter).ok()?;
    Some(table[at].1)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], GazetteerError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(GazetteerError::Damaged(self.pos))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn u8(&mut self) -> Result<u8, GazetteerError> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, GazetteerError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn varint(&mut self) -> Result<u64, GazetteerError> {
        let start = self.pos;
        varint::read(self.bytes, &mut self.pos).ok_or(GazetteerError::Damaged(start))
    }

    fn signed(&mut self) -> Result<i64, GazetteerError> {
        Ok(varint::unzigzag(self.varint()?))
    }

    /// A string written by [`put_text`] after `previous`.
    fn text(&mut self, previous: &str) -> Result<String, GazetteerError> {
        let at = self.pos;
        let shared = usize::from(self.u8()?);
        let head = previous
            .as_bytes()
            .get(..shared)
            .ok_or(GazetteerError::Damaged(at))?;
        let len = self.bytes[self.pos..]
            .iter()
            .position(|&b| b == 0)
            .ok_or(GazetteerError::Damaged(self.pos))?;
        let rest = self.take(len)?;
        self.pos += 1;
        String::from_utf8([head, rest].concat()).map_err(|_| GazetteerError::Damaged(at))
    }

    /// A list written by [`put_strings`].
    fn strings(&mut self) -> Result<Vec<String>, GazetteerError> {
        let count = self.varint()? as usize;
        let mut strings = Vec::with_capacity(count.min(self.bytes.len()));
        let mut previous = String::new();
        for _ in 0..count {
            previous = self.text(&previous)?;
            strings.push(previous.clone());
        }
        Ok(strings)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The rules applied one after another over the whole key, as `str::replace` would: what
    /// [`loose_key`]'s single pass must equal.
    fn loose_key_by_rules(key: &str) -> String {
        let mut s: String = key.chars().filter(char::is_ascii_alphabetic).collect();
        for (from, to) in [
            ("ksh", "x"),
            ("kh", "k"),
            ("gh", "g"),
            ("sh", "s"),
            ("ph", "f"),
            ("th", "t"),
            ("dh", "d"),
            ("bh", "b"),
            ("jh", "j"),
            ("ch", "c"),
            ("w", "v"),
            ("q", "k"),
        ] {
            s = s.replace(from, to);
        }
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if (i > 0 && matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')) || out.ends_with(c) {
                continue;
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn the_loose_key_in_one_pass_is_the_rules_in_turn() {
        // Every key of up to six of the letters the rules read (and a vowel, a capital and a
        // letter no rule reads), and some real names.
        let letters = ['k', 's', 'h', 'g', 'c', 'w', 'q', 't', 'a', 'x', 'H'];
        let mut keys = vec![String::new()];
        for _ in 0..6 {
            keys = keys
                .iter()
                .flat_map(|k| letters.iter().map(move |c| format!("{k}{c}")))
                .collect();
            for key in &keys {
                assert_eq!(loose_key(key), loose_key_by_rules(key), "{key}");
            }
        }
        for name in [
            "netrokona",
            "punganoor",
            "sukkur",
            "khushab",
            "chhattisgarh",
            "lakh-shahi",
        ] {
            assert_eq!(loose_key(name), loose_key_by_rules(name), "{name}");
        }
    }

    // A table row per place reads best with every field positional.
    #[allow(clippy::too_many_arguments)]
    fn place(
        geonameid: u32,
        name: &str,
        kind: PlaceKind,
        code: &str,
        country: &str,
        admin1: &str,
        lat: f64,
        lon: f64,
        population: u64,
    ) -> Place {
        Place {
            geonameid,
            name: name.into(),
            lat,
            lon,
            kind,
            feature_code: code.into(),
            country: country.into(),
            admin1: admin1.into(),
            population,
        }
    }

    /// A small gazetteer with the ambiguities the geoparser must handle.
    pub(crate) fn sample() -> Gazetteer {
        let mut b = GazetteerBuilder::default();
        for (p, names) in [
            (
                place(
                    2017370,
                    "Russia",
                    PlaceKind::Country,
                    "PCLI",
                    "RU",
                    "",
                    60.0,
                    100.0,
                    140_000_000,
                ),
                &["Russia", "Russian Federation"][..],
            ),
            (
                place(
                    690791,
                    "Ukraine",
                    PlaceKind::Country,
                    "PCLI",
                    "UA",
                    "",
                    49.0,
                    32.0,
                    44_000_000,
                ),
                &["Ukraine"],
            ),
            (
                place(
                    6252001,
                    "United States",
                    PlaceKind::Country,
                    "PCLI",
                    "US",
                    "",
                    39.76,
                    -98.5,
                    327_000_000,
                ),
                &["United States", "U.S.", "US", "America"],
            ),
            (
                place(
                    538555,
                    "Kursk",
                    PlaceKind::Admin1,
                    "ADM1",
                    "RU",
                    "RU.41",
                    51.7358,
                    36.2921,
                    1_100_000,
                ),
                &["Kursk Oblast", "Kursk region", "Kursk"],
            ),
            // Two villages of one name, the bigger far from the town beside the smaller
            // (Geoparser::namesakes_beside_the_others).
            (
                place(
                    9_000_001,
                    "Galachipa",
                    PlaceKind::Populated,
                    "PPL",
                    "BD",
                    "BD.85",
                    22.07669,
                    90.42084,
                    5_000,
                ),
                &["Galachipa"],
            ),
            (
                place(
                    9_000_002,
                    "Galachipa",
                    PlaceKind::Populated,
                    "PPL",
                    "BD",
                    "BD.82",
                    23.60,
                    90.45,
                    800,
                ),
                &["Galachipa"],
            ),
            (
                place(
                    1_185_155,
                    "Narayanganj",
                    PlaceKind::Populated,
                    "PPL",
                    "BD",
                    "BD.81",
                    23.61352,
                    90.50298,
                    223_622,
                ),
                &["Narayanganj"],
            ),
            (
                place(
                    9_000_003,
                    "Narayanganj",
                    PlaceKind::Populated,
                    "PPL",
                    "IN",
                    "IN.28",
                    22.9,
                    88.4,
                    1_500,
                ),
                &["Narayanganj"],
            ),
            (
                place(
                    553899,
                    "Kaluga",
                    PlaceKind::Admin1,
                    "ADM1",
                    "RU",
                    "RU.25",
                    54.4,
                    35.4,
                    1_000_000,
                ),
                &["Kaluga Oblast", "Kaluga region", "Kaluga"],
            ),
            (
                place(
                    692196,
                    "Sumy",
                    PlaceKind::Admin1,
                    "ADM1",
                    "UA",
                    "UA.21",
                    50.9,
                    34.0,
                    1_000_000,
                ),
                &["Sumy Oblast", "Sumy region", "Sumy"],
            ),
            (
                place(
                    538560,
                    "Kursk",
                    PlaceKind::Populated,
                    "PPLA",
                    "RU",
                    "RU.41",
                    51.73733,
                    36.18735,
                    448_733,
                ),
                &["Kursk"],
            ),
            (
                place(
                    486816,
                    "Sudzha",
                    PlaceKind::Populated,
                    "PPL",
                    "RU",
                    "RU.41",
                    51.19055,
                    35.27045,
                    6_940,
                ),
                &["Sudzha"],
            ),
            (
                place(
                    553915,
                    "Kaluga",
                    PlaceKind::Populated,
                    "PPLA",
                    "RU",
                    "RU.25",
                    54.5293,
                    36.27542,
                    340_851,
                ),
                &["Kaluga"],
            ),
            (
                place(
                    692194,
                    "Sumy",
                    PlaceKind::Populated,
                    "PPLA",
                    "UA",
                    "UA.21",
                    50.9216,
                    34.80029,
                    259_660,
                ),
                &["Sumy"],
            ),
            (
                place(
                    516305,
                    "Obukhovo",
                    PlaceKind::Populated,
                    "PPL",
                    "RU",
                    "RU.47",
                    55.8,
                    38.3,
                    10_616,
                ),
                &["Obukhovo"],
            ),
            (
                place(
                    524901,
                    "Moscow",
                    PlaceKind::Populated,
                    "PPLC",
                    "RU",
                    "RU.48",
                    55.75222,
                    37.61556,
                    10_381_222,
                ),
                &["Moscow", "Moskva"],
            ),
            (
                place(
                    703448,
                    "Kyiv",
                    PlaceKind::Populated,
                    "PPLC",
                    "UA",
                    "UA.12",
                    50.45466,
                    30.5238,
                    2_797_553,
                ),
                &["Kyiv", "Kiev"],
            ),
            (
                place(
                    4140963,
                    "Washington",
                    PlaceKind::Populated,
                    "PPLC",
                    "US",
                    "US.DC",
                    38.89511,
                    -77.03637,
                    689_545,
                ),
                &["Washington", "Washington, D.C."],
            ),
            (
                place(
                    5815135,
                    "Washington",
                    PlaceKind::Admin1,
                    "ADM1",
                    "US",
                    "US.WA",
                    47.50012,
                    -120.50147,
                    7_000_000,
                ),
                &["Washington", "Washington State"],
            ),
            (
                place(
                    2988507,
                    "Paris",
                    PlaceKind::Populated,
                    "PPLC",
                    "FR",
                    "FR.11",
                    48.85341,
                    2.3488,
                    2_138_551,
                ),
                &["Paris"],
            ),
            (
                place(
                    4717560,
                    "Paris",
                    PlaceKind::Populated,
                    "PPLA2",
                    "US",
                    "US.TX",
                    33.66094,
                    -95.55551,
                    24_782,
                ),
                &["Paris"],
            ),
            (
                place(
                    2639577,
                    "Reading",
                    PlaceKind::Populated,
                    "PPL",
                    "GB",
                    "GB.ENG",
                    51.45625,
                    -0.97113,
                    244_070,
                ),
                &["Reading"],
            ),
            (
                place(
                    4076598,
                    "Mobile",
                    PlaceKind::Populated,
                    "PPLA2",
                    "US",
                    "US.AL",
                    30.69436,
                    -88.04305,
                    187_041,
                ),
                &["Mobile"],
            ),
            (
                place(
                    105343,
                    "Jeddah",
                    PlaceKind::Populated,
                    "PPLA2",
                    "SA",
                    "SA.14",
                    21.54238,
                    39.19797,
                    2_867_446,
                ),
                &["Jeddah", "Jiddah"],
            ),
            (
                place(
                    498817,
                    "Saint Petersburg",
                    PlaceKind::Populated,
                    "PPLA",
                    "RU",
                    "RU.66",
                    59.93863,
                    30.31413,
                    5_351_935,
                ),
                &["Saint Petersburg", "St Petersburg"],
            ),
            (
                place(
                    703845,
                    "Kryvyy Rih",
                    PlaceKind::Populated,
                    "PPLA2",
                    "UA",
                    "UA.04",
                    47.90966,
                    33.38044,
                    603_904,
                ),
                &["Kryvyy Rih", "Kryvyi Rih", "Krivoy Rog"],
            ),
            (
                place(
                    6255148,
                    "Europe",
                    PlaceKind::Area,
                    "CONT",
                    "",
                    "",
                    48.69096,
                    9.14062,
                    741_000_000,
                ),
                &["Europe"],
            ),
        ] {
            let id = b.add_place(p);
            for n in names {
                b.add_name(n, id);
            }
        }
        for word in ["reading", "mobile", "paris"] {
            b.add_common_word(word);
        }
        for name in ["George", "Paris", "Vladimir", "Donald"] {
            b.add_given_name(name);
        }
        Gazetteer::decode(&b.encode()).unwrap()
    }

    #[test]
    fn round_trips_through_the_binary_format() {
        let g = sample();
        assert_eq!(g.places().len(), 27);
        let kyiv = g.lookup("KIEV");
        assert_eq!(kyiv.len(), 1);
        let kyiv = g.place(kyiv[0]);
        assert_eq!(
            (kyiv.name.as_str(), kyiv.geonameid, kyiv.lat, kyiv.lon),
            ("Kyiv", 703448, 50.45466, 30.5238)
        );
        assert_eq!(g.place(g.admin1("RU.41").unwrap()).name, "Kursk");
        assert_eq!(g.place(g.country("UA").unwrap()).name, "Ukraine");
        assert_eq!(g.longest_name_words(), 2);
        assert!(g.is_common_word("reading") && !g.is_common_word("kyiv"));
        assert!(g.is_given_name("george") && !g.is_given_name("sudzha"));
    }

    #[test]
    fn candidates_come_regions_first_then_by_population() {
        let g = sample();
        let kinds: Vec<(PlaceKind, u64)> = g
            .lookup("Paris")
            .iter()
            .map(|&i| (g.place(i).kind, g.place(i).population))
            .collect();
        assert_eq!(
            kinds,
            [
                (PlaceKind::Populated, 2_138_551),
                (PlaceKind::Populated, 24_782)
            ]
        );
        let kursk: Vec<PlaceKind> = g.lookup("Kursk").iter().map(|&i| g.place(i).kind).collect();
        assert_eq!(kursk, [PlaceKind::Admin1, PlaceKind::Populated]);
    }

    #[test]
    fn normalises_spellings() {
        assert_eq!(normalize("  Kryvyi   Rih "), "kryvyi rih");
        assert_eq!(normalize("Russia’s"), "russia's");
        assert_eq!(normalize("Oděsa"), "odesa");
        assert_eq!(normalize("Kijów"), "kijow");
        assert_eq!(normalize("U.S."), "u.s.");
        // Every Latin block, not only the letters of European languages.
        assert_eq!(normalize("Bình Định"), "binh dinh");
        assert_eq!(normalize("Quảng Trị"), "quang tri");
        assert_eq!(normalize("Ḥimṣ"), "hims");
        assert_eq!(normalize("Þórshöfn"), "thorshofn");
        // Letters of other scripts keep their own spelling, lower case.
        assert_eq!(normalize("Київ"), "київ");
        // The ASCII fast path agrees with the general one (which a leading "é" forces).
        for name in [
            "Kryvyi \t  Rih",
            "O`Neill",
            "Rostov-on-Don",
            "A\u{b}B\u{c}C\rD\u{1f}E",
            "ABC xyz 12.",
        ] {
            assert_eq!(
                format!("e{}", normalize(name)),
                normalize(&format!("\u{e9}{name}")),
                "{name:?}"
            );
        }
    }

    #[test]
    fn a_name_is_found_hyphenated_or_spaced() {
        let mut b = GazetteerBuilder::default();
        let tal = b.add_place(place(
            163750,
            "Tall Abyad",
            PlaceKind::Populated,
            "PPLA2",
            "SY",
            "SY.04",
            36.7,
            38.95,
            14_825,
        ));
        b.add_name("Tal-Abyad", tal);
        let arish = b.add_place(place(
            361546,
            "El Arish",
            PlaceKind::Populated,
            "PPLA",
            "EG",
            "EG.27",
            31.1,
            33.8,
            199_243,
        ));
        b.add_name("El Arish", arish);
        let g = Gazetteer::decode(&b.encode()).unwrap();
        let named = |name: &str| -> Vec<&str> {
            g.lookup(name)
                .iter()
                .map(|&id| g.place(id).name.as_str())
                .collect()
        };
        for name in ["Tal-Abyad", "Tal Abyad", "tal - abyad"] {
            assert_eq!(named(name), ["Tall Abyad"], "{name}");
        }
        for name in ["El Arish", "El-Arish"] {
            assert_eq!(named(name), ["El Arish"], "{name}");
        }
        assert!(g.lookup("Tal Abyad El Arish").is_empty() && g.lookup("Tal").is_empty());
        assert_eq!(g.lookup_in("el-arish", &["EG".into()]).len(), 1);
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        let mut b = GazetteerBuilder::default();
        let id = b.add_place(place(
            1,
            "A",
            PlaceKind::Populated,
            "PPL",
            "XX",
            "",
            1.0,
            2.0,
            3,
        ));
        b.add_name("A", id);
        let bytes = b.encode();
        assert!(Gazetteer::decode(&bytes).is_ok());
        assert_eq!(
            Gazetteer::decode(b"nope").unwrap_err(),
            GazetteerError::BadMagic
        );
        let mut newer = bytes.clone();
        newer[4] = 9;
        assert_eq!(
            Gazetteer::decode(&newer).unwrap_err(),
            GazetteerError::UnsupportedVersion(9)
        );
        for cut in 0..bytes.len() {
            assert!(Gazetteer::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        for i in 8..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[i] ^= 0xff;
            let _ = Gazetteer::decode(&flipped); // must not panic
        }
    }
}
