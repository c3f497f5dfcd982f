//! Stage 3's reference data: named places of the world and the names news uses for them.
//!
//! Entry points: [`Gazetteer::decode`] reads the compact binary file built by
//! `make gazetteer` (see `src/bin/build-gazetteer.rs`); [`Gazetteer::lookup`] finds the places a
//! name may refer to. Populated places, admin-1 regions, countries and wider areas share one
//! [`Place`] type whose [`PlaceKind`] tells the precision a match can honestly claim.
//!
//! The format (little-endian, version [`FORMAT_VERSION`]) is sorted tables: a string table, then
//! one record per place, then (name key, place) pairs. It is written by [`GazetteerBuilder`] and
//! read by [`Gazetteer::decode`], which validates every index so a damaged file is an error,
//! never a panic.

use std::collections::HashMap;

/// Bumped whenever the binary layout changes.
pub const FORMAT_VERSION: u32 = 1;
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
}

impl PlaceKind {
    fn from_u8(v: u8) -> Option<PlaceKind> {
        [PlaceKind::Populated, PlaceKind::Admin1, PlaceKind::Country, PlaceKind::Area].get(usize::from(v)).copied()
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
    names: HashMap<String, Vec<PlaceId>>,
    admin1_by_code: HashMap<String, PlaceId>,
    country_by_code: HashMap<String, PlaceId>,
    longest_name_words: usize,
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
}

impl Gazetteer {
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id as usize]
    }

    /// Places a name may refer to, most populous first. The name is normalised first.
    pub fn lookup(&self, name: &str) -> &[PlaceId] {
        self.lookup_key(&normalize(name))
    }

    /// Like [`Gazetteer::lookup`] for an already normalised key.
    pub fn lookup_key(&self, key: &str) -> &[PlaceId] {
        self.names.get(key).map_or(&[], Vec::as_slice)
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

    /// Every normalised name key, for building other indexes (an Aho-Corasick floor, say).
    pub fn name_keys(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }

    /// Reads the binary format.
    pub fn decode(bytes: &[u8]) -> Result<Gazetteer, GazetteerError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(4)? != MAGIC {
            return Err(GazetteerError::BadMagic);
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(GazetteerError::UnsupportedVersion(version));
        }
        let string_count = r.varint()? as usize;
        let mut strings = Vec::with_capacity(string_count.min(bytes.len()));
        for _ in 0..string_count {
            let len = r.varint()? as usize;
            let at = r.pos;
            let s = std::str::from_utf8(r.take(len)?).map_err(|_| GazetteerError::Damaged(at))?;
            strings.push(s);
        }
        let string = |r: &mut Reader<'_>| -> Result<&str, GazetteerError> {
            let at = r.pos;
            let i = r.varint()? as usize;
            strings.get(i).copied().ok_or(GazetteerError::Damaged(at))
        };
        let place_count = r.varint()? as usize;
        let mut places = Vec::with_capacity(place_count.min(bytes.len()));
        let (mut geonameid, mut lat, mut lon) = (0i64, 0i64, 0i64);
        for _ in 0..place_count {
            // Ids and coordinates are delta-coded against the previous record: sorted tables
            // make neighbours close, which keeps the file small after gzip.
            geonameid += r.signed()?;
            lat += r.signed()?;
            lon += r.signed()?;
            let at = r.pos;
            let kind = PlaceKind::from_u8(r.u8()?).ok_or(GazetteerError::Damaged(at))?;
            places.push(Place {
                geonameid: u32::try_from(geonameid).map_err(|_| GazetteerError::Damaged(at))?,
                lat: lat as f64 / 1e5,
                lon: lon as f64 / 1e5,
                kind,
                name: string(&mut r)?.to_owned(),
                feature_code: string(&mut r)?.to_owned(),
                country: string(&mut r)?.to_owned(),
                admin1: string(&mut r)?.to_owned(),
                population: r.varint()?,
            });
        }
        let name_count = r.varint()? as usize;
        let mut names: HashMap<String, Vec<PlaceId>> = HashMap::with_capacity(name_count.min(bytes.len()));
        let mut longest_name_words = 1;
        for _ in 0..name_count {
            let key = string(&mut r)?;
            let ids_len = r.varint()? as usize;
            let mut ids = Vec::with_capacity(ids_len.min(64));
            for _ in 0..ids_len {
                let at = r.pos;
                let id = r.varint()?;
                if id as usize >= places.len() {
                    return Err(GazetteerError::Damaged(at));
                }
                ids.push(id as PlaceId);
            }
            longest_name_words = longest_name_words.max(key.split(' ').count());
            names.insert(key.to_owned(), ids);
        }
        if r.pos != bytes.len() {
            return Err(GazetteerError::Damaged(r.pos));
        }
        Ok(Gazetteer::index(places, names, longest_name_words))
    }

    fn index(places: Vec<Place>, names: HashMap<String, Vec<PlaceId>>, longest_name_words: usize) -> Gazetteer {
        let mut admin1_by_code = HashMap::new();
        let mut country_by_code = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            match p.kind {
                PlaceKind::Admin1 if !p.admin1.is_empty() => {
                    admin1_by_code.entry(p.admin1.clone()).or_insert(i as PlaceId);
                }
                PlaceKind::Country if !p.country.is_empty() => {
                    country_by_code.entry(p.country.clone()).or_insert(i as PlaceId);
                }
                _ => {}
            }
        }
        Gazetteer { places, names, admin1_by_code, country_by_code, longest_name_words }
    }
}

/// Collects places and names, then writes the binary format.
#[derive(Default)]
pub struct GazetteerBuilder {
    places: Vec<Place>,
    names: Vec<(String, PlaceId)>,
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

    pub fn place_count(&self) -> usize {
        self.places.len()
    }

    /// Writes the binary format. Places are sorted by (kind, country, admin1, name) and each
    /// name's places by kind (countries and regions before towns), then population.
    pub fn encode(mut self) -> Vec<u8> {
        let mut order: Vec<usize> = (0..self.places.len()).collect();
        order.sort_by(|&a, &b| {
            let (p, q) = (&self.places[a], &self.places[b]);
            (p.kind, &p.country, &p.admin1, &p.name, p.geonameid).cmp(&(q.kind, &q.country, &q.admin1, &q.name, q.geonameid))
        });
        let mut new_id = vec![0 as PlaceId; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_id[old] = new as PlaceId;
        }
        let places: Vec<Place> = order.iter().map(|&i| std::mem::replace(&mut self.places[i], empty_place())).collect();

        let mut by_key: HashMap<String, Vec<PlaceId>> = HashMap::new();
        for (key, old) in self.names.drain(..) {
            let ids = by_key.entry(key).or_default();
            let id = new_id[old as usize];
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let mut keys: Vec<(String, Vec<PlaceId>)> = by_key.into_iter().collect();
        keys.sort();
        for (_, ids) in &mut keys {
            ids.sort_by(|&a, &b| {
                let (p, q) = (&places[a as usize], &places[b as usize]);
                q.kind.cmp(&p.kind).then(q.population.cmp(&p.population)).then(a.cmp(&b))
            });
        }

        let mut strings: Vec<&str> = vec![""];
        for p in &places {
            strings.extend([p.name.as_str(), p.feature_code.as_str(), p.country.as_str(), p.admin1.as_str()]);
        }
        strings.extend(keys.iter().map(|(k, _)| k.as_str()));
        strings.sort_unstable();
        strings.dedup();
        let index: HashMap<&str, u64> = strings.iter().enumerate().map(|(i, s)| (*s, i as u64)).collect();

        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        put_varint(&mut out, strings.len() as u64);
        for s in &strings {
            put_varint(&mut out, s.len() as u64);
            out.extend_from_slice(s.as_bytes());
        }
        put_varint(&mut out, places.len() as u64);
        let (mut geonameid, mut lat, mut lon) = (0i64, 0i64, 0i64);
        for p in &places {
            let (plat, plon) = ((p.lat * 1e5).round() as i64, (p.lon * 1e5).round() as i64);
            put_signed(&mut out, i64::from(p.geonameid) - geonameid);
            put_signed(&mut out, plat - lat);
            put_signed(&mut out, plon - lon);
            (geonameid, lat, lon) = (i64::from(p.geonameid), plat, plon);
            out.push(p.kind as u8);
            for s in [&p.name, &p.feature_code, &p.country, &p.admin1] {
                put_varint(&mut out, index[s.as_str()]);
            }
            put_varint(&mut out, p.population);
        }
        put_varint(&mut out, keys.len() as u64);
        for (key, ids) in &keys {
            put_varint(&mut out, index[key.as_str()]);
            put_varint(&mut out, ids.len() as u64);
            for id in ids {
                put_varint(&mut out, u64::from(*id));
            }
        }
        out
    }
}

fn empty_place() -> Place {
    Place { geonameid: 0, name: String::new(), lat: 0.0, lon: 0.0, kind: PlaceKind::Area, feature_code: String::new(), country: String::new(), admin1: String::new(), population: 0 }
}

/// The lookup key of a name: lower case, Latin diacritics folded, typographic apostrophes and
/// dashes made plain, inner whitespace collapsed to one space, trailing dots kept ("u.s.").
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
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
    out
}

/// ASCII for the Latin letters with diacritics that place names use.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "a",
        'ç' | 'ć' | 'č' | 'ĉ' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "e",
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'İ' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => "i",
        'ł' | 'ľ' | 'Ł' | 'Ľ' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "o",
        'ř' | 'Ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        _ => return None,
    })
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_signed(out: &mut Vec<u8>, v: i64) {
    put_varint(out, ((v << 1) ^ (v >> 63)) as u64);
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], GazetteerError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(GazetteerError::Damaged(self.pos))?;
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
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(GazetteerError::Damaged(start))
    }

    fn signed(&mut self) -> Result<i64, GazetteerError> {
        let v = self.varint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn place(geonameid: u32, name: &str, kind: PlaceKind, code: &str, country: &str, admin1: &str, lat: f64, lon: f64, population: u64) -> Place {
        Place { geonameid, name: name.into(), lat, lon, kind, feature_code: code.into(), country: country.into(), admin1: admin1.into(), population }
    }

    /// A small gazetteer with the ambiguities the geoparser must handle.
    pub(crate) fn sample() -> Gazetteer {
        let mut b = GazetteerBuilder::default();
        for (p, names) in [
            (place(2017370, "Russia", PlaceKind::Country, "PCLI", "RU", "", 60.0, 100.0, 140_000_000), &["Russia", "Russian Federation"][..]),
            (place(690791, "Ukraine", PlaceKind::Country, "PCLI", "UA", "", 49.0, 32.0, 44_000_000), &["Ukraine"]),
            (place(6252001, "United States", PlaceKind::Country, "PCLI", "US", "", 39.76, -98.5, 327_000_000), &["United States", "U.S.", "US", "America"]),
            (place(538555, "Kursk", PlaceKind::Admin1, "ADM1", "RU", "RU.41", 51.7358, 36.2921, 1_100_000), &["Kursk Oblast", "Kursk region", "Kursk"]),
            (place(553899, "Kaluga", PlaceKind::Admin1, "ADM1", "RU", "RU.25", 54.4, 35.4, 1_000_000), &["Kaluga Oblast", "Kaluga region", "Kaluga"]),
            (place(692196, "Sumy", PlaceKind::Admin1, "ADM1", "UA", "UA.21", 50.9, 34.0, 1_000_000), &["Sumy Oblast", "Sumy region", "Sumy"]),
            (place(538560, "Kursk", PlaceKind::Populated, "PPLA", "RU", "RU.41", 51.73733, 36.18735, 448_733), &["Kursk"]),
            (place(486816, "Sudzha", PlaceKind::Populated, "PPL", "RU", "RU.41", 51.19055, 35.27045, 6_940), &["Sudzha"]),
            (place(553915, "Kaluga", PlaceKind::Populated, "PPLA", "RU", "RU.25", 54.5293, 36.27542, 340_851), &["Kaluga"]),
            (place(692194, "Sumy", PlaceKind::Populated, "PPLA", "UA", "UA.21", 50.9216, 34.80029, 259_660), &["Sumy"]),
            (place(516305, "Obukhovo", PlaceKind::Populated, "PPL", "RU", "RU.47", 55.8, 38.3, 10_616), &["Obukhovo"]),
            (place(524901, "Moscow", PlaceKind::Populated, "PPLC", "RU", "RU.48", 55.75222, 37.61556, 10_381_222), &["Moscow", "Moskva"]),
            (place(703448, "Kyiv", PlaceKind::Populated, "PPLC", "UA", "UA.12", 50.45466, 30.5238, 2_797_553), &["Kyiv", "Kiev"]),
            (place(4140963, "Washington", PlaceKind::Populated, "PPLC", "US", "US.DC", 38.89511, -77.03637, 689_545), &["Washington", "Washington, D.C."]),
            (place(5815135, "Washington", PlaceKind::Admin1, "ADM1", "US", "US.WA", 47.50012, -120.50147, 7_000_000), &["Washington", "Washington State"]),
            (place(2988507, "Paris", PlaceKind::Populated, "PPLC", "FR", "FR.11", 48.85341, 2.3488, 2_138_551), &["Paris"]),
            (place(4717560, "Paris", PlaceKind::Populated, "PPLA2", "US", "US.TX", 33.66094, -95.55551, 24_782), &["Paris"]),
            (place(2639577, "Reading", PlaceKind::Populated, "PPL", "GB", "GB.ENG", 51.45625, -0.97113, 244_070), &["Reading"]),
            (place(4076598, "Mobile", PlaceKind::Populated, "PPLA2", "US", "US.AL", 30.69436, -88.04305, 187_041), &["Mobile"]),
            (place(105343, "Jeddah", PlaceKind::Populated, "PPLA2", "SA", "SA.14", 21.54238, 39.19797, 2_867_446), &["Jeddah", "Jiddah"]),
            (place(703845, "Kryvyy Rih", PlaceKind::Populated, "PPLA2", "UA", "UA.04", 47.90966, 33.38044, 603_904), &["Kryvyy Rih", "Kryvyi Rih", "Krivoy Rog"]),
            (place(6255148, "Europe", PlaceKind::Area, "CONT", "", "", 48.69096, 9.14062, 741_000_000), &["Europe"]),
        ] {
            let id = b.add_place(p);
            for n in names {
                b.add_name(n, id);
            }
        }
        Gazetteer::decode(&b.encode()).unwrap()
    }

    #[test]
    fn round_trips_through_the_binary_format() {
        let g = sample();
        assert_eq!(g.places().len(), 22);
        let kyiv = g.lookup("KIEV");
        assert_eq!(kyiv.len(), 1);
        let kyiv = g.place(kyiv[0]);
        assert_eq!((kyiv.name.as_str(), kyiv.geonameid, kyiv.lat, kyiv.lon), ("Kyiv", 703448, 50.45466, 30.5238));
        assert_eq!(g.place(g.admin1("RU.41").unwrap()).name, "Kursk");
        assert_eq!(g.place(g.country("UA").unwrap()).name, "Ukraine");
        assert_eq!(g.longest_name_words(), 2);
    }

    #[test]
    fn candidates_come_regions_first_then_by_population() {
        let g = sample();
        let kinds: Vec<(PlaceKind, u64)> = g.lookup("Paris").iter().map(|&i| (g.place(i).kind, g.place(i).population)).collect();
        assert_eq!(kinds, [(PlaceKind::Populated, 2_138_551), (PlaceKind::Populated, 24_782)]);
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
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        let mut b = GazetteerBuilder::default();
        let id = b.add_place(place(1, "A", PlaceKind::Populated, "PPL", "XX", "", 1.0, 2.0, 3));
        b.add_name("A", id);
        let bytes = b.encode();
        assert!(Gazetteer::decode(&bytes).is_ok());
        assert_eq!(Gazetteer::decode(b"nope").unwrap_err(), GazetteerError::BadMagic);
        let mut newer = bytes.clone();
        newer[4] = 9;
        assert_eq!(Gazetteer::decode(&newer).unwrap_err(), GazetteerError::UnsupportedVersion(9));
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
