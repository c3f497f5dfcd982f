//! Stage 2 of the pipeline: find the places a text names and resolve them in the gazetteer.
//!
//! Entry point: [`Geoparser::parse`], text in, [`Toponym`]s out (byte spans, in order). It
//! works on any English news text. Recognition is a longest match of capitalised word runs
//! against the gazetteer's names, with rules that hold across news writing: possessives,
//! "X region/Oblast" phrases, demonyms kept apart from places, and names that sit inside a
//! person's or organisation's name ("George Washington", "Paris Hilton", "Washington Post")
//! left alone. Resolution weighs containment phrases ("Obukhovo in Kaluga region"), the other
//! places of the same text, the kind of place and its population, and records why.
//! Recognition reads the crate's tokens (`crate::tokens`), each token's key normalised once and
//! its word lists looked up in one hash (`geoparse/words.rs`); names the gazetteer lacks but whose
//! words make them places ("the village of X", "X village", "Y's X district", "X, a small town
//! in") come from `geoparse/frames.rs` and are put at the place that contains them
//! (`Toponym::inside`). Resolution runs in named passes ([`Geoparser::parse`] → `recognize` →
//! `resolve`): what the words around a mention say (containment, a list of regions, a nearby
//! region, a body's seat), then a score against what the text is about (its unambiguous places,
//! demonyms and the country cues of `data/country-cues.tsv`), then that score again against where
//! the other mentions went.
//!
//! With shards loaded there are two passes: the core alone finds which countries a text is about,
//! then a second pass sees those countries' shards, where a small namesake abroad gives way to the
//! place in the text's country. A place named inside a region the gazetteer has no namesake in
//! resolves to the region; near-ties far apart are flagged ambiguous, and so is a name the
//! gazetteer holds only as small towns outside the countries the text is about; unknown names
//! stay unresolved and say so. `ToponymRecord` (`geoparse/record.rs`) is the self-contained form the
//! CLI prints and `corpus/toponyms.json` stores.

mod frames;
mod record;
mod table;

mod words;

use crate::word_list::{word_list, WordList, SAYING};
use std::borrow::Cow;

use serde::Serialize;

use crate::fasthash::{FastMap, FastSet};
use crate::gazetteer::{normalize, Gazetteer, Place, PlaceId, PlaceKind};
use crate::span::Span;
pub use crate::tokens::{tokenize, Token};
pub use record::{split_by_toponyms, ToponymRecord};
pub use table::ToponymTable;
use words::{Classes, Lexicon, Words};

/// How precisely a resolved mention locates something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// A town or city.
    Point,
    /// A first-level region (an oblast, a state).
    Admin1,
    /// A second-level division (a county, a district).
    Admin2,
    /// A country.
    Country,
    /// A wider area (a continent, "the Middle East").
    Area,
}

crate::by_name::by_name!(Precision, name, "a precision");

impl Precision {
    pub const ALL: [Precision; 5] = [
        Precision::Point,
        Precision::Admin1,
        Precision::Admin2,
        Precision::Country,
        Precision::Area,
    ];

    /// Its name in files and messages ("admin1").
    pub fn name(self) -> &'static str {
        match self {
            Precision::Point => "point",
            Precision::Admin1 => "admin1",
            Precision::Admin2 => "admin2",
            Precision::Country => "country",
            Precision::Area => "area",
        }
    }

    /// Lower is more precise: a town, a district, a region, a country, a wider area.
    pub fn rank(self) -> u8 {
        match self {
            Precision::Point => 0,
            Precision::Admin2 => 1,
            Precision::Admin1 => 2,
            Precision::Country => 3,
            Precision::Area => 4,
        }
    }

    /// What a place at this precision is, for a reader: "town", "region", "district"...
    pub fn noun(self) -> &'static str {
        match self {
            Precision::Point => "town",
            Precision::Admin1 => "region",
            Precision::Admin2 => "district",
            Precision::Country => "country",
            Precision::Area => "area",
        }
    }
}

impl From<PlaceKind> for Precision {
    fn from(kind: PlaceKind) -> Precision {
        match kind {
            PlaceKind::Populated => Precision::Point,
            PlaceKind::Admin1 => Precision::Admin1,
            PlaceKind::Admin2 => Precision::Admin2,
            PlaceKind::Country => Precision::Country,
            PlaceKind::Area => Precision::Area,
        }
    }
}

/// What kind of mention a toponym is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// A place named as such: "Sudzha", "Kursk region", "Russia's".
    Place,
    /// An adjective or people's name that refers to a place: "Russian", "Ukrainians".
    /// It says whose, not where; maps should not draw it as a place.
    Demonym,
    /// A street, road or highway name: recognised, not in the gazetteer.
    Street,
}

crate::by_name::by_name!(MentionKind, name, "a kind of mention");

impl MentionKind {
    pub const ALL: [MentionKind; 3] = [
        MentionKind::Place,
        MentionKind::Demonym,
        MentionKind::Street,
    ];

    /// Its name in files ("demonym").
    pub fn name(self) -> &'static str {
        match self {
            MentionKind::Place => "place",
            MentionKind::Demonym => "demonym",
            MentionKind::Street => "street",
        }
    }
}

/// Where a mention was resolved, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resolution {
    pub place: PlaceId,
    pub precision: Precision,
    /// A short human-readable reason.
    pub reason: String,
    /// Same-named places far from `place` that fit nearly as well. When there are any, `place`
    /// is only a best guess: it informs the reading of the other names, but is not put on a map.
    pub rivals: Vec<PlaceId>,
    /// Every place of this name is a small one in a country the text is not about, while the
    /// text is about others: `place` is only the likeliest of them, and not put on a map
    /// ("Tirah" in a Pakistani report is no Israeli town the gazetteer happens to hold).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub abroad_only: bool,
}

impl Resolution {
    pub fn is_ambiguous(&self) -> bool {
        !self.rivals.is_empty() || self.abroad_only
    }
}

/// A recognised place name in a text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Toponym {
    pub span: Span,
    pub kind: MentionKind,
    /// How many gazetteer places bear this name.
    pub candidates: usize,
    /// `None` when no gazetteer place fits (an unknown street, say).
    pub resolution: Option<Resolution>,
    /// Placed at a place that contains it ("the village of Deefow, Hiiraan Region" at Hiiraan),
    /// because the gazetteer has no place of its name there: it names somewhere more precise
    /// than where it is put.
    pub inside: bool,
}

/// Words that may join the capitalised words of a place name: "Isle of Man", "Rostov-on-Don".
static CONNECTORS: WordList = WordList::new("connectors");

/// Lower-case words that may end a place name: "Kursk region", "Sumy oblast".
static GEO_SUFFIXES: WordList = WordList::new("geo-suffixes");
/// Words after a name that make it a first-level region: "the Latakia province".
static REGION_WORDS: WordList = WordList::new("region-words");

/// The second half of a compound that names who leads or backs a group: "BNP-led".
static LED_BY: WordList = WordList::new("led-by");

/// Capitalised words that may follow a place without making it part of another name:
/// "U.S. President", "Kursk Governor", "Russian Defense Ministry".
static OFFICE_WORDS: WordList = WordList::new("office-words");

/// Words before a capitalised name that make it a person: "President Lincoln", "Gen. Sherman".
static TITLES: WordList = WordList::new("titles");

/// Capitalised last words of street names.
static STREET_WORDS: WordList = WordList::new("street-words");

/// English function words, months and weekdays: capitalised only because they start a
/// sentence or a title ("In", "We", "March"), never place names in running text.
static FUNCTION_WORDS: WordList = WordList::new("function-words");

/// A namesake abroad smaller than this gives way to a place in the country a text is about.
const SMALL_ABROAD: u64 = 200_000;
/// Below this population, a town abroad is no reading of a name in a text about other countries
/// when it is the only kind of place the name has (see [`Resolution::abroad_only`]).
const ONLY_ABROAD: u64 = 50_000;
/// A town this big is a city news names by itself, not a namesake of an everyday word, a saint or
/// a person.
const CITY: u64 = 100_000;

/// Words that open an Arabic person's or place's name ("Abu", "Tel"): the next word is part of it.
static NAME_PARTICLES: WordList = WordList::new("name-particles");
/// Lower-case particles inside one name: "Jamaat ud Dawa", "Zia ul Haq".
static NAME_JOINERS: WordList = WordList::new("name-joiners");
/// Verbs whose object is a person, not a small place: "police arrested Jasim".
static PERSON_VERBS: WordList = WordList::new("person-verbs");

/// Capitalised last words of county-level names that the gazetteer may lack.
static ADMIN2_WORDS: WordList = WordList::new("admin2-words");

/// Finds and resolves toponyms with one gazetteer.
pub struct Geoparser<'g> {
    gazetteer: &'g Gazetteer,
    demonyms: FastMap<String, PlaceId>,
    /// One-word names of countries ("bangladesh"), for [`Geoparser::about`]: a small map, so
    /// asking it of every capitalised word costs little.
    country_words: FastMap<String, String>,
    /// The word lists above, by word.
    lexicon: Lexicon,
    /// `data/country-cues.tsv`: normalised phrase → its countries, and whether its first
    /// word must be capitalised in the text.
    cues: FastMap<String, (Vec<String>, bool)>,
    /// The first words of the cues, with the most words of a cue starting with each.
    cue_starts: FastMap<String, usize>,
    /// Each admin-1 region's seat (its biggest `PPLA` town), by region code.
    seats: FastMap<String, PlaceId>,
    /// Each country's capital (its biggest `PPLC` town), by ISO code.
    capitals: FastMap<String, PlaceId>,
}

/// What follows a region's name when the text means the body that sits in its capital:
/// "the Sindh Assembly", "Punjab Civil Secretariat", "Kerala High Court".
static SEAT_BODIES: WordList = WordList::new("seat-bodies");

/// A mention found by recognition, before resolution.
struct Candidate<'p> {
    span: Span,
    kind: MentionKind,
    /// Borrowed from the gazetteer (or the demonyms): most matches are rejected, so copying
    /// them would be waste.
    places: Cow<'p, [PlaceId]>,
    key: String,
    /// Index of its first and one-past-last token.
    tokens: (usize, usize),
    /// Made of two adjacent names that do not form one in the gazetteer: kept only where a
    /// nearby region says where it is (otherwise more likely a person or organisation).
    merged: bool,
}

impl<'g> Geoparser<'g> {
    /// A geoparser over `gazetteer`, with the demonyms of `data/demonyms.tsv`.
    pub fn new(gazetteer: &'g Gazetteer) -> Geoparser<'g> {
        let mut demonyms = FastMap::default();
        for line in include_str!("../data/demonyms.tsv").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((demonym, target)) = line.split_once('\t') else {
                continue;
            };
            let target = target.trim();
            let place = if target.len() == 2 && target.chars().all(|c| c.is_ascii_uppercase()) {
                gazetteer.country(target)
            } else {
                gazetteer.lookup(target).first().copied()
            };
            if let Some(place) = place {
                demonyms.insert(normalize(demonym), place);
            }
        }
        let lexicon = Lexicon::new(&[
            (CONNECTORS.as_slice(), Classes::CONNECTOR),
            (GEO_SUFFIXES.as_slice(), Classes::GEO_SUFFIX),
            (OFFICE_WORDS.as_slice(), Classes::OFFICE),
            (TITLES.as_slice(), Classes::TITLE),
            (STREET_WORDS.as_slice(), Classes::STREET),
            (FUNCTION_WORDS.as_slice(), Classes::FUNCTION),
            (SAYING.as_slice(), Classes::SPEECH_VERB),
            (ADMIN2_WORDS.as_slice(), Classes::ADMIN2),
        ]);
        let mut country_words = FastMap::default();
        for key in gazetteer.name_keys().filter(|k| !k.contains(' ')) {
            if let Some(&p) = gazetteer.lookup_key(key).first() {
                let place = gazetteer.place(p);
                if place.kind == PlaceKind::Country && !place.country.is_empty() {
                    country_words.insert(key.to_owned(), place.country.clone());
                }
            }
        }
        let (mut cues, mut cue_starts) = (FastMap::default(), FastMap::<String, usize>::default());
        for line in include_str!("../data/country-cues.tsv").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((cue, codes)) = line.split_once('\t') else {
                continue;
            };
            let key = normalize(cue);
            let countries: Vec<String> = codes.split_whitespace().map(str::to_owned).collect();
            let first = key.split(' ').next().unwrap_or_default().to_owned();
            let n = key.split(' ').count();
            let longest = cue_starts.entry(first).or_default();
            *longest = (*longest).max(n);
            cues.insert(
                key,
                (countries, cue.starts_with(|c: char| c.is_uppercase())),
            );
        }
        let (mut seats, mut capitals): (FastMap<String, PlaceId>, FastMap<String, PlaceId>) =
            Default::default();
        for (id, p) in gazetteer.places().iter().enumerate() {
            let (map, key) = match p.feature_code.as_str() {
                "PPLA" if !p.admin1.is_empty() => (&mut seats, &p.admin1),
                "PPLC" if !p.country.is_empty() => (&mut capitals, &p.country),
                _ => continue,
            };
            let id = id as PlaceId;
            let seat = map.entry(key.clone()).or_insert(id);
            if gazetteer.place(*seat).population < p.population {
                *seat = id;
            }
        }
        Geoparser {
            gazetteer,
            demonyms,
            country_words,
            lexicon,
            cues,
            cue_starts,
            seats,
            capitals,
        }
    }

    /// A name with namesakes, one of them within 30 km of a town or district the text names
    /// nearby (within 400 bytes) with no namesake of its own ("the Mumbai neighbourhood Kurla",
    /// not Korla in China; "Khalanga" beside "Jajarkot"): that one, a place's neighbour.
    fn near_a_named_place(&self, candidates: &[Candidate], i: usize) -> Option<Resolution> {
        let g = self.gazetteer;
        let c = &candidates[i];
        if c.places.len() < 2 || c.kind != MentionKind::Place {
            return None;
        }
        // Candidates come in text order: only those within 400 bytes are looked at (a window,
        // so a long text costs linear time).
        let near = |j: usize| c.span.start.abs_diff(candidates[j].span.start) <= 400;
        let from = (0..i).rev().take_while(|&j| near(j)).last().unwrap_or(i);
        let to = (i + 1..candidates.len())
            .take_while(|&j| near(j))
            .last()
            .map_or(i + 1, |j| j + 1);
        let anchors = (from..to)
            .map(|j| (j, &candidates[j]))
            .filter(|&(j, other)| {
                j != i
                    && other.kind == MentionKind::Place
                    && other.key != c.key
                    && other.places.len() == 1
            });
        let mut best: Option<(f64, PlaceId, PlaceId)> = None;
        for (_, anchor) in anchors {
            let a = g.place(anchor.places[0]);
            if !(a.kind == PlaceKind::Admin2
                || (a.kind == PlaceKind::Populated && a.population >= 50_000))
            {
                continue;
            }
            for &p in c.places.iter() {
                let q = g.place(p);
                if !matches!(q.kind, PlaceKind::Populated | PlaceKind::Admin2)
                    || p == anchor.places[0]
                {
                    continue;
                }
                let d = distance_km(q, a);
                if d <= 30.0 && best.is_none_or(|(b, ..)| d < b) {
                    best = Some((d, p, anchor.places[0]));
                }
            }
        }
        let (_, place, anchor) = best?;
        Some(Resolution {
            place,
            precision: g.place(place).kind.into(),
            reason: format!(
                "the one near {}, which the text names",
                g.place(anchor).name
            ),
            rivals: Vec::new(),
            abroad_only: false,
        })
    }

    /// "The city's Mohammadpur area", "Lalbagh in the capital": the namesake within 40 km of
    /// the city the text last named (a town of 100 000 or more resolved before it), or of the
    /// capital of the one country the text is about, if the gazetteer has one there.
    fn in_the_city(
        &self,
        text: &str,
        candidates: &[Candidate],
        resolutions: &[Option<Resolution>],
        i: usize,
        about: &[String],
        cues: &[String],
    ) -> Option<Resolution> {
        let g = self.gazetteer;
        let c = &candidates[i];
        if !c
            .places
            .iter()
            .any(|&p| matches!(g.place(p).kind, PlaceKind::Populated | PlaceKind::Admin2))
        {
            return None;
        }
        let capital = city_context(text, c.span)?;
        let named_city = resolutions[..i]
            .iter()
            .rev()
            .take(50)
            .flatten()
            .map(|r| r.place)
            .find(|&p| g.place(p).kind == PlaceKind::Populated && g.place(p).population >= CITY);
        // The country its cues name, else the one it is about (a first pass may add the country
        // of the far namesake itself).
        let only_country = match (cues, about) {
            ([one], _) | ([], [one]) => Some(one),
            _ => None,
        };
        let the_capital = only_country.and_then(|c| self.capitals.get(c.as_str()).copied());
        let anchor = if capital {
            the_capital.or(named_city)
        } else {
            named_city.or(the_capital)
        }?;
        let a = g.place(anchor);
        let place = c
            .places
            .iter()
            .copied()
            .filter(|&p| {
                p != anchor && matches!(g.place(p).kind, PlaceKind::Populated | PlaceKind::Admin2)
            })
            .min_by(|&x, &y| distance_km(g.place(x), a).total_cmp(&distance_km(g.place(y), a)))
            .filter(|&p| distance_km(g.place(p), a) <= 40.0)?;
        Some(Resolution {
            place,
            precision: g.place(place).kind.into(),
            reason: format!(
                "the one in {}, the {} the text speaks of",
                a.name,
                if capital { "capital" } else { "city" }
            ),
            rivals: Vec::new(),
            abroad_only: false,
        })
    }

    /// "The Sindh Assembly": a body that sits in its region's capital, so the mention is
    /// placed there (when the name is one region's only, and the region's seat is known).
    fn seat_of_body(&self, text: &str, c: &Candidate) -> Option<Resolution> {
        let g = self.gazetteer;
        let after = text[c.span.end..].strip_prefix(' ')?;
        let body = SEAT_BODIES.iter().find(|b| {
            after.starts_with(b) && !after[b.len()..].starts_with(char::is_alphanumeric)
        })?;
        let mut regions = c
            .places
            .iter()
            .copied()
            .filter(|&p| g.place(p).kind == PlaceKind::Admin1);
        let (region, None) = (regions.next()?, regions.next()) else {
            return None;
        };
        let region = g.place(region);
        let seat = *self.seats.get(&region.admin1)?;
        Some(Resolution {
            place: seat,
            precision: Precision::Point,
            reason: format!(
                "the {} {body} sits in its capital, {}",
                region.name,
                g.place(seat).name
            ),
            rivals: Vec::new(),
            abroad_only: false,
        })
    }

    /// The countries that the text's country cues (`data/country-cues.tsv`: parties, forces,
    /// administrative words) point to: those of the cues that name one country, or, when no
    /// cue does, those that all the cues naming several agree on ("hartal" and "Jamaat-e-Islami":
    /// Bangladesh or India), or failing that any of them.
    fn cue_countries(&self, words: &Words<'_>) -> Vec<String> {
        let tokens = words.tokens;
        let (mut one, mut several): (Vec<String>, Vec<String>) = Default::default();
        let mut common: Option<Vec<String>> = None;
        let mut key = String::new();
        for i in 0..tokens.len() {
            // "the BNP-led alliance": a cue as the first half of a compound of who leads.
            let led = || {
                let (head, tail) = words.base_key(i).rsplit_once('-')?;
                LED_BY.contains(tail).then_some(head)
            };
            if let Some(&(ref countries, capital)) = led().and_then(|head| self.cues.get(head)) {
                if !capital || tokens[i].capitalized {
                    if countries.len() > 1 {
                        let all = common.get_or_insert_with(|| countries.clone());
                        all.retain(|c| countries.contains(c));
                    }
                    for c in countries {
                        let list = if countries.len() == 1 {
                            &mut one
                        } else {
                            &mut several
                        };
                        if !list.contains(c) {
                            list.push(c.clone());
                        }
                    }
                }
            }
            let Some(&longest) = self.cue_starts.get(words.base_key(i)) else {
                continue;
            };
            for n in 1..=longest.min(tokens.len() - i) {
                if n > 1 && !tokens[i + n - 1].joined_to_previous {
                    break;
                }
                key.clear();
                for k in i..i + n {
                    if k > i {
                        key.push(' ');
                    }
                    key.push_str(if k + 1 == i + n {
                        words.base_key(k)
                    } else {
                        words.key(k)
                    });
                }
                let Some((countries, capital)) = self.cues.get(key.as_str()) else {
                    continue;
                };
                if *capital && !tokens[i].capitalized {
                    continue;
                }
                if countries.len() > 1 {
                    let all = common.get_or_insert_with(|| countries.clone());
                    all.retain(|c| countries.contains(c));
                }
                let list = if countries.len() == 1 {
                    &mut one
                } else {
                    &mut several
                };
                for c in countries {
                    if !list.contains(c) {
                        list.push(c.clone());
                    }
                }
            }
        }
        match common {
            _ if !one.is_empty() => one,
            Some(common) if !common.is_empty() => common,
            _ => several,
        }
    }

    /// Whether `first` and `rest` (normalised keys) make a country cue together ("lok" and
    /// "sabha"). Asked of many a word pair that starts no cue: those are told by the first word
    /// alone, with no key put together.
    fn is_two_word_cue(&self, first: &str, rest: &str) -> bool {
        if !self.cue_starts.contains_key(first) {
            return false;
        }
        let mut key = String::with_capacity(first.len() + 1 + rest.len());
        key.push_str(first);
        key.push(' ');
        key.push_str(rest);
        self.cues.contains_key(key.as_str())
    }

    /// [`Geoparser::parse`], with each place spelled out for storage or display.
    pub fn records(&self, text: &str) -> Vec<ToponymRecord> {
        self.parse(text)
            .iter()
            .map(|t| ToponymRecord::new(self.gazetteer, text, t))
            .collect()
    }

    /// Finds the toponyms of `text` and resolves each, in text order.
    pub fn parse(&self, text: &str) -> Vec<Toponym> {
        let tokens = tokenize(text);
        let words = Words::new(text, &tokens, &self.lexicon);
        let cues = self.cue_countries(&words);
        let mut found = self.named_places(text, &words, &cues);
        self.add_capital_references(&words, &cues, &mut found);
        self.place_unknowns_in_the_cued_country(&cues, &mut found);
        found
    }

    /// "Boko Haram attacked Shawa village", "the Awami League clashed in Sadar upazila": in a
    /// text that names no place the gazetteer holds and whose cues point to one country, a
    /// name the gazetteer lacks but the words make a place is in that country, as precise as
    /// the cue says (the country). Where anything else is placed, the facts' own rule decides
    /// (`facts::extract`'s `unknown_in_its_country`, which may narrow it to a region).
    fn place_unknowns_in_the_cued_country(&self, cues: &[String], found: &mut [Toponym]) {
        let [country] = cues else {
            return;
        };
        if found.iter().any(|t| t.resolution.is_some()) {
            return;
        }
        let Some(place) = self.gazetteer.country(country) else {
            return;
        };
        let name = &self.gazetteer.place(place).name;
        for t in found
            .iter_mut()
            .filter(|t| t.kind == MentionKind::Place && t.candidates == 0)
        {
            t.resolution = Some(Resolution {
                place,
                precision: Precision::Country,
                reason: format!(
                    "not in the gazetteer; the text's cues say {name}, so placed at the country"
                ),
                rivals: Vec::new(),
                abroad_only: false,
            });
            t.inside = true;
        }
    }

    /// "The capital" where no name follows: the capital of the one country the text is about,
    /// by its country cues or else by its places ("a bomb hurled into a house in the capital's
    /// Lalbagh area" of a report whose cues say Bangladesh is in Dhaka). Where the text is about
    /// no country, or about several, it stays unmapped.
    fn add_capital_references(&self, words: &Words<'_>, cues: &[String], found: &mut Vec<Toponym>) {
        let tokens = words.tokens;
        let is_reference = |i: usize| {
            if i == 0 || words.base_key(i) != "capital" || words.key(i - 1) != "the" {
                return false;
            }
            let Some(next) = tokens.get(i + 1) else {
                return true;
            };
            let between = &words.text[tokens[i].span.end..next.span.start];
            // "the capital Tehran", "the capital, Kabul,", "the capital of Iraq", "the capital
            // city": the capital is named, or is another's.
            let possessive = tokens[i].base != tokens[i].span;
            let named = !possessive
                && next.capitalized
                && !next.sentence_start
                && !between.contains(['.', ';']);
            !named
                && !matches!(
                    words.key(i + 1),
                    "of" | "city" | "cities" | "region" | "district"
                )
        };
        if !(1..tokens.len()).any(is_reference) {
            return;
        }
        // "Gulistan and Fakirerpul areas in the capital" of a country the text does not say:
        // the quarters lie in some capital, not at a town elsewhere (Guliston, Uzbekistan).
        let g = self.gazetteer;
        let unplace_quarters = |found: &mut Vec<Toponym>| {
            for i in (1..tokens.len()).filter(|&i| is_reference(i)) {
                let quarters = quarters_before(words.text, tokens[i - 1].span.start, found);
                for owned in &mut found[quarters] {
                    let in_a_capital = owned.resolution.as_ref().is_some_and(|r| {
                        let p = g.place(r.place);
                        self.capitals
                            .get(p.country.as_str())
                            .is_some_and(|&c| distance_km(p, g.place(c)) <= 50.0)
                    });
                    if owned.kind == MentionKind::Place && !in_a_capital {
                        owned.resolution = None;
                    }
                }
            }
        };
        let about;
        let country = match cues {
            [one] => one,
            // No cue, or a cue of several countries ("hartal"): the one country the text's
            // places are in, among the cue's.
            _ => {
                // Not the quarters named as the capital's ("Gulistan area of the capital"):
                // their namesakes abroad would say the text is about another country.
                let quarters: Vec<usize> = (1..tokens.len())
                    .filter(|&i| is_reference(i))
                    .flat_map(|i| quarters_before(words.text, tokens[i - 1].span.start, found))
                    .collect();
                let others: Vec<Toponym> = found
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| !quarters.contains(k))
                    .map(|(_, t)| t.clone())
                    .collect();
                about = self.about(&others, words, |c| {
                    cues.is_empty() || cues.iter().any(|cue| cue == c)
                });
                match about.as_slice() {
                    [one] => one,
                    _ => return unplace_quarters(found),
                }
            }
        };
        let Some(&capital) = self.capitals.get(country.as_str()) else {
            return unplace_quarters(found);
        };
        let place = g.place(capital);
        let mut added = false;
        for i in (1..tokens.len()).filter(|&i| is_reference(i)) {
            let span = tokens[i].base;
            if found
                .iter()
                .any(|t| t.span.start < span.end && span.start < t.span.end)
            {
                continue;
            }
            // "the capital's Lalbagh area": a name the gazetteer lacks lies in the capital.
            if let Some(owned) = found.iter_mut().find(|t| {
                t.span.start > span.end
                    && words.text[tokens[i].span.end..t.span.start]
                        .trim()
                        .is_empty()
            }) {
                if owned.resolution.is_none() && owned.kind == MentionKind::Place {
                    owned.resolution = Some(Resolution {
                        place: capital,
                        precision: place.kind.into(),
                        reason: format!(
                            "not in the gazetteer; the text puts it in the capital, {}, so placed there",
                            place.name
                        ),
                        rivals: Vec::new(),
 abroad_only: false,
                    });
                    owned.inside = true;
                }
            }
            // "Gulistan and Nilkhet areas of the capital": the quarters named before it lie in
            // the capital, not at namesakes elsewhere.
            let quarters = quarters_before(words.text, tokens[i - 1].span.start, found);
            for owned in &mut found[quarters] {
                let far = owned.resolution.as_ref().is_none_or(|r| {
                    let p = g.place(r.place);
                    p.country != place.country || distance_km(p, place) > 50.0
                });
                if owned.kind == MentionKind::Place && far {
                    owned.resolution = Some(Resolution {
                        place: capital,
                        precision: place.kind.into(),
                        reason: format!("an area of the capital, {}, so placed there", place.name),
                        rivals: Vec::new(),
                        abroad_only: false,
                    });
                    owned.inside = true;
                }
            }
            found.push(Toponym {
                span,
                kind: MentionKind::Place,
                candidates: 1,
                resolution: Some(Resolution {
                    place: capital,
                    precision: place.kind.into(),
                    reason: format!(
                        "\"the capital\" of the one country the text is about: {}",
                        place.name
                    ),
                    rivals: Vec::new(),
                    abroad_only: false,
                }),
                inside: false,
            });
            added = true;
        }
        if added {
            found.sort_by_key(|t| t.span.start);
        }
    }

    /// The named places of `text`, resolved.
    fn named_places(&self, text: &str, words: &Words<'_>, cues: &[String]) -> Vec<Toponym> {
        let tokens = words.tokens;
        let lines = Lines::new(text);
        let title_case = title_case_lines(text, tokens, &lines);
        let candidates = self.recognize(words, &title_case, &lines, &[], &[]);
        let first = self.resolve(text, &candidates, cues, cues);
        // Second pass, with the shards of the countries the first pass found, if any is loaded
        // and one of the text's capitalised words starts a name in one.
        let g = self.gazetteer;
        if g.loaded_shards().is_empty() {
            return first;
        }
        // A guess among namesakes in another country than the text's cues name says nothing of
        // the text's country: "Mirpur" in a report of the Awami League is not Pakistan's town.
        let guessed_abroad = |t: &Toponym| {
            t.candidates > 1
                && t.resolution
                    .as_ref()
                    .is_some_and(|r| !cues.contains(&g.place(r.place).country))
        };
        let mut countries = if !cues.is_empty() && first.iter().any(guessed_abroad) {
            let telling: Vec<Toponym> = first
                .iter()
                .filter(|t| !guessed_abroad(t))
                .cloned()
                .collect();
            self.about(&telling, words, |c| g.has_shard(c))
        } else {
            self.about(&first, words, |c| g.has_shard(c))
        };
        // The text's country cues ("upazila", "Awami League") say so too.
        for country in cues.iter().filter(|c| g.has_shard(c)) {
            if !countries.contains(country) {
                countries.push(country.clone());
            }
        }
        // Named outright or by a cue, as against only by the shards' evidence below.
        let named = countries.clone();
        // The shards' own evidence adds the country whose districts or villages the text names
        // ("In Rautahat…" in a report that names India too).
        for country in self.local_evidence(words, &first) {
            if !countries.contains(&country) {
                countries.push(country);
            }
        }
        // Only where a shard can change something: a capitalised word that starts a name in
        // one of these countries' shards and is not already a place the first pass put in one
        // of them, or a country whose names are matched loosely.
        // Toponyms come in text order without overlaps: the one covering a token, if any.
        // Its index in `first`.
        let covering = |span: Span| {
            let k = first.partition_point(|t| t.span.start <= span.start);
            (k > 0 && span.end <= first[k - 1].span.end).then(|| k - 1)
        };
        // Settled: placed (even as a best guess) in one of these countries, or at a place too
        // big for a village of theirs to take its name ([`SMALL_ABROAD`]).
        // A name put at a place containing it is not: a shard may hold the name itself. Nor is
        // a mention placed at its region only for want of a place of its name ("Kutkai
        // Township, Shan State" with no Kutkai Township in the core), nor one the text places
        // "in the city" or "the capital's": a neighbourhood of the local city may share a far
        // bigger city's name ("the city's Mirpur area"). Nor is one placed at its container
        // for want of a namesake there ("Mansi township of Kachin State", whose only Mansi in
        // the core is abroad): the place is not its own.
        let settle = |t: &Toponym| {
            !t.inside
                && t.candidates > 0
                && city_context(text, t.span).is_none()
                && t.resolution.as_ref().is_some_and(|r| {
                    let p = g.place(r.place);
                    // "Dinajpur and Sylhet districts": a town where the text names a division
                    // may be the shard's division of that name.
                    if p.kind == PlaceKind::Populated
                        && kind_hint_at(text, t.span) == KindHint::Division
                    {
                        return false;
                    }
                    if matches!(p.kind, PlaceKind::Admin1 | PlaceKind::Country)
                        && !g.lookup(t.span.of(text)).contains(&r.place)
                    {
                        return false;
                    }
                    // "Mirpur, Bangladesh": the likeliest of several namesakes (Pakistan's
                    // town) is only a guess while the text names another country, whose shard
                    // may hold the name (Dhaka's Mirpur); its own country counts for nothing.
                    let guessed = t.candidates > 1 && named.iter().any(|c| *c != p.country);
                    (countries.contains(&p.country) && !guessed)
                        || !matches!(p.kind, PlaceKind::Populated | PlaceKind::Admin2)
                        || p.population >= SMALL_ABROAD
                })
        };
        // Asked of a toponym once for each of its words and again by each rule below: worked
        // out once each, by its index in `first`.
        let settled_memo: Vec<std::cell::OnceCell<bool>> = vec![Default::default(); first.len()];
        let settled = |k: usize| *settled_memo[k].get_or_init(|| settle(&first[k]));
        // A capitalised word no first-pass toponym covers, spelled like a place of one of these
        // countries whose names are matched loosely.
        let loose_countries: Vec<String> = countries
            .iter()
            .filter(|c| crate::gazetteer::LOOSE_SPELLING_IN.contains(&c.as_str()))
            .cloned()
            .collect();
        let loose = !loose_countries.is_empty()
            && (0..tokens.len()).any(|i| {
                let t = tokens[i];
                t.capitalized
                    && t.alphabetic
                    && t.base.len() >= 5
                    && !t.sentence_start
                    && covering(t.span).is_none()
                    && !g
                        .lookup_loose(words.base_key(i), &loose_countries)
                        .is_empty()
            });
        let in_countries =
            |ids: &[PlaceId]| ids.iter().any(|&p| countries.contains(&g.place(p).country));
        // Shard names are short: villages and divisions of one to four words.
        let max_words = g.longest_name_words().clamp(1, 4);
        let mut key = String::new();
        let mut local_word = |i: usize| {
            let t = tokens[i];
            // A word inside a place the first pass settled changes nothing: asked first, as
            // it is the cheapest question.
            if !t.capitalized || covering(t.span).is_some_and(&settled) {
                return false;
            }
            if !(g.may_be_local(words.key(i)) || g.may_be_local(words.base_key(i)))
                || words.classes(i).has(Classes::FUNCTION)
                || self.demonyms.contains_key(words.key(i))
                || !(g.starts_local_name_in(words.key(i), &countries)
                    || g.starts_local_name_in(words.base_key(i), &countries))
            {
                return false;
            }
            // The longest name of these countries' shards that starts here, if any.
            let Some(n) = (1..=max_words.min(tokens.len() - i)).rev().find(|&n| {
                phrase_key(words, i, n, &mut key)
                    && g.may_be_local(&key)
                    && in_countries(g.local_ids(&key))
            }) else {
                return false;
            };
            let span = Span::new(t.span.start, tokens[i + n - 1].span.end);
            match covering(span) {
                // A place the first pass put elsewhere, or could not settle.
                Some(found) => !settled(found),
                // A name the core has no place for: new. (One the core has, the first pass
                // left out as a person's or an organisation's, and so would the second.)
                None => phrase_key(words, i, n, &mut key) && g.lookup_key(&key).is_empty(),
            }
        };
        // "Qamishli" for Al Qamishli: a name of these countries the core holds with its article.
        let article_dropped = |i: usize| {
            let t = tokens[i];
            t.capitalized
                && !words.classes(i).has(Classes::FUNCTION)
                && covering(t.span).is_none_or(|found| !settled(found))
                && self
                    .with_arabic_article(words.base_key(i), &countries)
                    .is_some()
        };
        if countries.is_empty()
            || !(loose
                || (0..tokens.len()).any(&mut local_word)
                || (0..tokens.len()).any(article_dropped))
        {
            return first;
        }
        let candidates = self.recognize(words, &title_case, &lines, &countries, &named);
        self.resolve(text, &candidates, &countries, cues)
    }

    /// For a text whose first pass names no country: the one country whose shards name two or
    /// more of its capitalised words (different names), or one followed by a division word
    /// ("Kudligi taluk", "Saptari district"), if there is exactly one such country.
    fn local_evidence(&self, words: &Words<'_>, first: &[Toponym]) -> Vec<String> {
        let g = self.gazetteer;
        let tokens = words.tokens;
        let mut hits: Vec<(String, &str, bool)> = Vec::new();
        let mut next = 0;
        for i in 0..tokens.len() {
            if !tokens[i].capitalized
                || tokens[i].sentence_start
                || words.classes(i).has(Classes::FUNCTION)
            {
                continue;
            }
            // Words the first pass placed at a region, country or big town are the core's
            // evidence already; a small town may be a village's namesake.
            let start = tokens[i].span.start;
            while next < first.len() && first[next].span.end <= start {
                next += 1;
            }
            let big = |t: &Toponym| {
                t.resolution.as_ref().is_some_and(|r| {
                    let p = g.place(r.place);
                    !matches!(p.kind, PlaceKind::Populated | PlaceKind::Admin2)
                        || p.population >= SMALL_ABROAD
                })
            };
            if first
                .get(next)
                .is_some_and(|t| t.span.start <= start && big(t))
            {
                continue;
            }
            let key = words.base_key(i);
            if !g.may_be_local(key) {
                continue;
            }
            let found = g.local_ids(key);
            if found.is_empty() {
                continue;
            }
            let division = tokens.get(i + 1).is_some_and(|_| {
                words
                    .lowercase_classes(i + 1, false)
                    .exact
                    .has(Classes::ADMIN2)
                    || words
                        .lowercase_classes(i + 1, false)
                        .exact
                        .has(Classes::GEO_SUFFIX)
            });
            // Only the core's places can share the name here: all the shards' are local.
            let core_too = !g.lookup_key(key).is_empty();
            let countries_of = |divisions_only: bool| {
                let mut countries: Vec<&str> = found
                    .iter()
                    .map(|&p| g.place(p))
                    .filter(|p| !divisions_only || p.kind == PlaceKind::Admin2)
                    .map(|p| p.country.as_str())
                    .collect();
                countries.sort_unstable();
                countries.dedup();
                countries
            };
            // A division's name followed by a division word ("Palashbari upazila", though
            // Assam has a Palashbari too), or a district's own name no core place bears
            // ("Rautahat"), is evidence enough by itself; any other name the core lacks counts
            // once two of them agree.
            if let [only] = countries_of(true).as_slice() {
                if division || (key.len() >= 6 && !core_too) {
                    hits.push(((*only).to_owned(), key, true));
                    continue;
                }
            }
            if let [only] = countries_of(false).as_slice() {
                if !core_too || division {
                    hits.push(((*only).to_owned(), key, division));
                }
            }
        }
        let mut by_country: FastMap<&str, (FastSet<&str>, bool)> = FastMap::default();
        for (country, key, division) in &hits {
            let e = by_country.entry(country.as_str()).or_default();
            e.0.insert(key);
            e.1 |= *division;
        }
        let strong: Vec<&str> = by_country
            .iter()
            .filter(|(_, (keys, division))| keys.len() >= 2 || *division)
            .map(|(c, _)| *c)
            .collect();
        match strong.as_slice() {
            [one] => vec![(*one).to_owned()],
            _ => Vec::new(),
        }
    }

    /// The countries whose shard a text needs: those the world core finds it to be about,
    /// whose shard the core lists, loaded or not (for the worker, to fetch them first).
    pub fn shard_countries(&self, text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let lines = Lines::new(text);
        let title_case = title_case_lines(text, &tokens, &lines);
        let words = Words::new(text, &tokens, &self.lexicon);
        let candidates = self.recognize(&words, &title_case, &lines, &[], &[]);
        let cues = self.cue_countries(&words);
        let first = self.resolve(text, &candidates, &cues, &cues);
        let g = self.gazetteer;
        let mut countries = self.about(&first, &words, |c| g.shard_info(c).is_some());
        for country in cues.into_iter().filter(|c| g.shard_info(c).is_some()) {
            if !countries.contains(&country) {
                countries.push(country);
            }
        }
        countries
    }

    /// The countries a first pass found a text to be about, among those `wanted`: those of its
    /// unambiguous places and demonyms, and a country named inside an organisation's name
    /// ("Bangladesh Chhatra League"), which still says what the text is about.
    fn about(
        &self,
        found: &[Toponym],
        words: &Words<'_>,
        wanted: impl Fn(&str) -> bool,
    ) -> Vec<String> {
        let g = self.gazetteer;
        let mut countries: Vec<String> = Vec::new();
        for t in found {
            let Some(r) = t.resolution.as_ref().filter(|r| !r.is_ambiguous()) else {
                continue;
            };
            // A lone small town abroad ("Gaur", France, in a Nepalese report) says little about
            // what a text is about: it may be a village elsewhere the core lacks.
            let p = g.place(r.place);
            if p.kind == PlaceKind::Populated
                && p.population < 10_000
                && t.kind == MentionKind::Place
            {
                continue;
            }
            let country = &g.place(r.place).country;
            if !country.is_empty() && wanted(country) && !countries.contains(country) {
                countries.push(country.clone());
            }
        }
        for i in 0..words.tokens.len() {
            if words.tokens[i].capitalized {
                if let Some(country) = self.country_words.get(words.base_key(i)) {
                    if wanted(country) && !countries.contains(country) {
                        countries.push(country.clone());
                    }
                }
            }
        }
        countries
    }

    fn recognize(
        &self,
        words: &Words<'_>,
        title_case: &[bool],
        lines: &Lines,
        countries: &[String],
        named: &[String],
    ) -> Vec<Candidate<'_>> {
        let (text, tokens) = (words.text, words.tokens);
        let mut found = Vec::new();
        let mut surnames = FastSet::default();
        let max_words = self.gazetteer.longest_name_words().clamp(1, 8);
        // One buffer for every phrase key tried.
        let mut key = String::new();
        let mut i = 0;
        while i < tokens.len() {
            let token = tokens[i];
            if !token.capitalized {
                i += 1;
                continue;
            }
            // "the Bogra-Natore highway", "Dhaka-Sylhet and Sylhet-Tamabil highways": a road
            // named after the places it joins names both.
            if let Some(end) = self.road_between_places(words, i, countries, &mut found) {
                i = end;
                continue;
            }
            if let Some(street) = Self::street_at(words, i) {
                i = street.tokens.1;
                found.push(street);
                continue;
            }
            let acronym = |raw: &str| {
                raw.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !raw.chars().any(char::is_lowercase)
            };
            // A title-case line ("Last Major Kursk Settlement") capitalises any word.
            let in_title = title_case
                .get(lines.of(token.span.start))
                .copied()
                .unwrap_or(false);
            let function_word =
                words.classes(i).has(Classes::FUNCTION) && !acronym(token.span.of(text));
            // "in Cần Thơ", "in Two Rivers": inside a sentence of running text a function word
            // is capitalised only as the first word of a name, which must then be a known name
            // of several words. (Not "The": "The Hague" is found from "Hague".)
            let opens_name = function_word
                && !token.sentence_start
                && tokens
                    .get(i + 1)
                    .is_some_and(|next| next.capitalized && next.joined_to_previous)
                && words.key(i) != "the"
                && !in_title;
            if function_word && !opens_name {
                i += 1;
                continue;
            }
            let county = if function_word {
                None
            } else {
                self.county_at(words, i, countries)
            };
            if let Some(county) = county {
                i = county.tokens.1;
                found.push(county);
                continue;
            }
            let matched = if function_word {
                self.known_name_at(words, i, max_words, countries, &mut key)
                    .filter(|&(n, ..)| n >= 2)
            } else {
                self.known_name_at(words, i, max_words, countries, &mut key)
                    .map(|found| self.with_loose_namesakes(words, i, named, found))
                    .or_else(|| {
                        // A loose spelling is a guess: only in a country the text names (or
                        // cues), when it names one, not one a shard's namesake suggested
                        // ("Shanikdia haat in Pabna Sadar upazila" is no Indian Sankheda).
                        let pool = if named.is_empty() { countries } else { named };
                        self.loose_spelling_at(words, i, pool)
                            .map(|(key, places)| (1, key, places, MentionKind::Place, false))
                    })
            };
            if function_word && matched.is_none() {
                i += 1;
                continue;
            }
            let Some((n, key, places, kind, dotted)) = matched else {
                // "Barack Obama": remember the surname, so a later bare "Obama" is the person.
                // Not from a title-case headline, where "Last Major Kursk Settlement" makes
                // no Major Kursk.
                if !in_title && i + 1 < tokens.len() && self.gazetteer.is_given_name(words.key(i)) {
                    let next = tokens[i + 1];
                    if next.capitalized && next.joined_to_previous {
                        surnames.insert(words.base_key(i + 1));
                    }
                }
                i += 1;
                continue;
            };
            if n == 1 && kind == MentionKind::Place && surnames.contains(key.as_str()) {
                i += 1;
                continue;
            }
            let end_byte = tokens[i + n - 1].base.end + usize::from(dotted);
            let candidate = Candidate {
                span: Span::new(token.span.start, end_byte),
                kind,
                places,
                key,
                tokens: (i, i + n),
                merged: false,
            };
            if self.is_place_reading(words, &candidate, in_title) {
                found.push(candidate);
                i += n;
            } else {
                if !in_title
                    && n == 1
                    && self.gazetteer.is_given_name(&candidate.key)
                    && tokens
                        .get(i + 1)
                        .is_some_and(|t| t.capitalized && t.joined_to_previous)
                {
                    surnames.insert(words.base_key(i + 1));
                }
                // Skip the whole capitalised run: its other words belong to the same name.
                i = capitalised_run_end(tokens, i + n).max(i + 1);
            }
        }
        let unknown = self.frame_names(words, &found);
        if !unknown.is_empty() {
            found.extend(unknown);
            found.sort_by_key(|c| c.tokens.0);
        }
        // "Jackson and Barrow counties": a name before its division word is also the division
        // so named, which the gazetteer files with that word ("Barrow County").
        let g = self.gazetteer;
        for c in found.iter_mut().filter(|c| {
            c.kind == MentionKind::Place
                && !c.places.is_empty()
                && !c
                    .places
                    .iter()
                    .any(|&p| g.place(p).kind == PlaceKind::Admin2)
        }) {
            let Some(word) = division_word_after(text, c.span) else {
                continue;
            };
            let divisions = g.lookup_in(&format!("{} {word}", c.key), countries);
            if !divisions.is_empty() {
                // Wider kinds first, as the gazetteer orders them.
                let mut places = divisions.into_owned();
                let others: Vec<PlaceId> = c
                    .places
                    .iter()
                    .filter(|p| !places.contains(p))
                    .copied()
                    .collect();
                places.extend(others);
                c.places = Cow::Owned(places);
            }
        }
        // Regions and wider areas come before towns (see `is_place_reading`).
        let strong = |c: &Candidate| {
            c.places
                .first()
                .is_some_and(|&p| self.gazetteer.place(p).kind != PlaceKind::Populated)
        };
        merge_adjacent_names(text, tokens, found, strong)
    }

    /// A street at token `i`: a capitalised run ending in a street word ("Khreshchatyk Street").
    fn street_at(words: &Words<'_>, i: usize) -> Option<Candidate<'static>> {
        let (end, end_byte) = capitalised_run_ending_in(words, i, Classes::STREET)?;
        let span = Span::new(words.tokens[i].span.start, end_byte);
        Some(Candidate {
            span,
            kind: MentionKind::Street,
            places: Cow::Borrowed(&[]),
            key: normalize(span.of(words.text)),
            tokens: (i, end),
            merged: false,
        })
    }

    /// A county-level name at token `i`, whole: "Laurel County" is one name even where
    /// "Laurel" alone is a town elsewhere.
    fn county_at(
        &self,
        words: &Words<'_>,
        i: usize,
        countries: &[String],
    ) -> Option<Candidate<'_>> {
        let (end, end_byte) = capitalised_run_ending_in(words, i, Classes::ADMIN2)?;
        let span = Span::new(words.tokens[i].span.start, end_byte);
        let key = normalize(span.of(words.text));
        let mut places = self.gazetteer.lookup_in(&key, countries);
        // "Bagha Upazila": the division the gazetteer knows as "Bagha".
        if places.is_empty() {
            if let Some((base, _)) = key.rsplit_once(' ') {
                let divisions: Vec<PlaceId> = self
                    .gazetteer
                    .lookup_in(base, countries)
                    .iter()
                    .copied()
                    .filter(|&p| self.gazetteer.place(p).kind == PlaceKind::Admin2)
                    .collect();
                if !divisions.is_empty() {
                    places = Cow::Owned(divisions);
                }
            }
        }
        // "Safi Tehsil": a division word of some countries only ("tehsil": India and
        // Pakistan, country-cues.tsv) rules out the namesakes elsewhere (Morocco's Safi).
        if let Some((countries, _)) = self.cues.get(words.base_key(end - 1)) {
            if places
                .iter()
                .any(|&p| !countries.contains(&self.gazetteer.place(p).country))
            {
                places = Cow::Owned(
                    places
                        .iter()
                        .copied()
                        .filter(|&p| countries.contains(&self.gazetteer.place(p).country))
                        .collect(),
                );
            }
        }
        Some(Candidate {
            span,
            kind: MentionKind::Place,
            places,
            key,
            tokens: (i, end),
            merged: false,
        })
    }

    /// The longest name the gazetteer (or the demonyms) knows starting at token `i`, of at most
    /// `max_words` joined words: its word count, key, places, kind, and whether its key keeps
    /// an abbreviation's dot ("Athens, Ga.").
    fn known_name_at(
        &self,
        words: &Words<'_>,
        i: usize,
        max_words: usize,
        countries: &[String],
        key: &mut String,
    ) -> Option<NameMatch<'_>> {
        let (text, tokens) = (words.text, words.tokens);
        // How far a name could reach: joined words, capitalised or connectors/suffixes.
        let mut reach = 1;
        while reach < max_words && i + reach < tokens.len() {
            let (previous, t) = (tokens[i + reach - 1], tokens[i + reach]);
            // Connectors and suffixes are matched here ignoring ASCII case only.
            let joinable = || {
                t.capitalized
                    || articled(words, i + reach)
                    || (t.span.of(text).is_ascii()
                        && words
                            .classes(i + reach)
                            .has(Classes::CONNECTOR | Classes::GEO_SUFFIX))
            };
            if !(t.joined_to_previous || after_place_abbreviation(words, i + reach))
                || previous.base != previous.span
                || !joinable()
            {
                break;
            }
            reach += 1;
        }
        for n in (1..=reach).rev() {
            if !phrase_key(words, i, n, key) {
                continue;
            }
            // Abbreviations keep their dot: "Athens, Ga." ("Ga" alone is nothing).
            let last = tokens[i + n - 1];
            if last.base == last.span
                && text[last.span.end..].starts_with('.')
                && !key.ends_with('.')
            {
                key.push('.');
                let places = self.gazetteer.lookup_in(key, countries);
                if !places.is_empty() {
                    return Some((n, key.clone(), places, MentionKind::Place, true));
                }
                key.pop();
            }
            // A lone demonym is one before it is a small town's name: "Canadian" officials,
            // not Canadian, Texas.
            if n == 1 {
                if let Some(place) = self.demonyms.get(key.as_str()) {
                    return Some((
                        1,
                        key.clone(),
                        Cow::Borrowed(std::slice::from_ref(place)),
                        MentionKind::Demonym,
                        false,
                    ));
                }
            }
            let places = self.gazetteer.lookup_in(key, countries);
            if !places.is_empty() {
                return Some((n, key.clone(), places, MentionKind::Place, false));
            }
            if let Some(found) = self.with_arabic_article(key, countries) {
                return Some((n, key.clone(), found, MentionKind::Place, false));
            }
            if n > 1 {
                if let Some(found) = self.spelled_out(key, countries) {
                    return Some((n, key.clone(), found, MentionKind::Place, false));
                }
            }
        }
        None
    }

    /// The places, in the countries the text is about, of a name the gazetteer holds with the
    /// Arabic article news often drops or hyphenates: "Qamishli" and "al-Qamishli" for Al
    /// Qamishli, "Ramadi" for Ar Ramadi (the article takes a sun letter's sound).
    fn with_arabic_article(&self, key: &str, countries: &[String]) -> Option<Cow<'_, [PlaceId]>> {
        if countries.is_empty() || key.len() < 4 {
            return None;
        }
        // Each spelling is tried in one buffer: this runs for every unmatched capitalised word
        // of a text about some country.
        let mut spelled = String::with_capacity(key.len() + 4);
        let mut found: Vec<PlaceId> = Vec::new();
        let mut try_spelling = |article: &str, rest: &str| {
            spelled.clear();
            spelled.push_str(article);
            spelled.push(' ');
            spelled.push_str(rest);
            let places = self.gazetteer.lookup_in(&spelled, countries);
            found.extend(
                places
                    .iter()
                    .copied()
                    .filter(|&p| countries.contains(&self.gazetteer.place(p).country)),
            );
        };
        static NAME_ARTICLES: WordList = WordList::new("name-articles");
        if let Some((article, rest)) = key
            .split_once('-')
            .filter(|(article, _)| NAME_ARTICLES.contains(article))
        {
            try_spelling(article, rest);
            if article != "al" {
                try_spelling("al", rest);
            }
        } else {
            if self.gazetteer.is_common_word(key) || self.gazetteer.is_given_name(key) {
                return None;
            }
            // Not "el" unwritten: Spanish names keep theirs ("El Paso" is never "Paso").
            try_spelling("al", key);
            let sun = ["sh", "th", "dh", "t", "d", "r", "z", "s", "n"]
                .iter()
                .find(|letters| key.starts_with(*letters));
            if let Some(letters) = sun {
                try_spelling(&format!("a{letters}"), key);
            }
        }
        (!found.is_empty()).then_some(Cow::Owned(found))
    }

    /// The places of a name whose abbreviated first word the gazetteer holds spelled out:
    /// "St. Gallen" (Sankt Gallen), "Ft. Worth". Not a saint's name ("St. Mary's",
    /// "St. Joseph"), which names churches, schools and hospitals far more often than a town,
    /// unless it is a city's ("St. Paul").
    fn spelled_out(&self, key: &str, countries: &[String]) -> Option<Cow<'_, [PlaceId]>> {
        static ABBREVIATIONS: WordList = WordList::new("name-abbreviations");
        let (first, rest) = key.split_once(' ')?;
        // Asked only of a name whose first word is abbreviated: most names tried are not.
        let saint = || self.gazetteer.is_given_name(rest);
        ABBREVIATIONS.iter().find_map(|pair| {
            let (short, long) = pair.split_once(' ')?;
            if short != first {
                return None;
            }
            let places = self
                .gazetteer
                .lookup_in(&format!("{long} {rest}"), countries);
            // "St. Paul" the city: one news names by itself, unlike a saint's small namesakes.
            let a_city = || {
                places.iter().any(|&p| {
                    let p = self.gazetteer.place(p);
                    p.kind == PlaceKind::Populated && p.population >= CITY
                })
            };
            (!places.is_empty() && (!saint() || a_city())).then_some(places)
        })
    }

    /// A one-word name whose every exact namesake lies outside the countries the text names
    /// (outright or by a cue) may be a local spelling of a place in one of them: "Laxmipur
    /// district town" in a report on the Awami League is Lakshmipur, Bangladesh, not one of
    /// India's Laxmipurs. Those places join the candidates, so the usual preference for the
    /// text's countries can pick them.
    fn with_loose_namesakes<'a>(
        &'a self,
        words: &Words<'_>,
        i: usize,
        countries: &[String],
        found: NameMatch<'a>,
    ) -> NameMatch<'a> {
        let (n, key, places, kind, dotted) = found;
        let outside = |id: &PlaceId| !countries.contains(&self.gazetteer.place(*id).country);
        if n != 1
            || kind != MentionKind::Place
            || countries.is_empty()
            || !places.iter().all(outside)
        {
            return (n, key, places, kind, dotted);
        }
        match self.loose_spelling_at(words, i, countries) {
            Some((_, loose)) => {
                // Disjoint: the loose ones lie in the text's countries, the exact ones do not.
                let mut all = places.into_owned();
                all.extend(loose.iter().copied());
                (n, key, Cow::Owned(all), kind, dotted)
            }
            None => (n, key, places, kind, dotted),
        }
    }

    /// A lone word at token `i` spelled otherwise than the gazetteer's name of a place in a
    /// country the text is about ("Punganoor" for Punganur, "Mirpurkhas" for Mirpur Khas).
    fn loose_spelling_at(
        &self,
        words: &Words<'_>,
        i: usize,
        countries: &[String],
    ) -> Option<(String, Cow<'_, [PlaceId]>)> {
        let (tokens, token) = (words.tokens, words.tokens[i]);
        // Not inside a run of capitalised words, but after a sentence's opening preposition
        // ("In Mirpurkhas, …"; not "Two Khasadar force personnel").
        let alone = !token.sentence_start
            && (i == 0
                || !token.joined_to_previous
                || !tokens[i - 1].capitalized
                || (tokens[i - 1].sentence_start
                    && crate::word_list::word_list!("locative").contains(words.key(i - 1))))
            && !tokens
                .get(i + 1)
                .is_some_and(|t| t.joined_to_previous && t.capitalized);
        if !countries.is_empty() && token.base.len() >= 5 && token.alphabetic && alone {
            let word = words.base_key(i);
            if !self.gazetteer.is_common_word(word)
                && !self.gazetteer.is_given_name(word)
                && !words.classes(i).has(Classes::FUNCTION)
                && !self.demonyms.contains_key(word)
            {
                let loose = self.gazetteer.lookup_loose(word, countries);
                if !loose.is_empty() {
                    return Some((word.to_owned(), Cow::Owned(loose)));
                }
            }
        }
        None
    }

    /// Names the gazetteer lacks that their frame makes places ("the village of Deefow"),
    /// outside the names `found` already holds.
    fn frame_names(&self, words: &Words<'_>, found: &[Candidate]) -> Vec<Candidate<'static>> {
        let (text, tokens) = (words.text, words.tokens);
        let mut taken: Vec<(usize, usize)> = found.iter().map(|c| c.tokens).collect();
        taken.sort_unstable();
        taken.dedup();
        let is_no_name = |i: usize| {
            let key = words.base_key(i);
            // "the Kurdish-majority city", "the Serb-held town": a compound ending in a
            // lower-case word describes the place; it does not name it.
            let describes = tokens[i]
                .base
                .of(text)
                .rsplit_once('-')
                .is_some_and(|(_, last)| last.starts_with(|c: char| c.is_lowercase()));
            // "MPs of Lok Sabha": the first word of a country's institution.
            let starts_a_cue = i + 1 < tokens.len()
                && tokens[i + 1].joined_to_previous
                && self.is_two_word_cue(key, words.key(i + 1));
            describes
                || starts_a_cue
                || self.gazetteer.is_common_word(key)
                || self.demonyms.contains_key(key)
                || crate::place_words::is_group_word(key)
        };
        let regions: Vec<usize> = found
            .iter()
            .filter(|c| {
                c.kind == MentionKind::Place
                    && c.places.first().is_some_and(|&p| {
                        matches!(
                            self.gazetteer.place(p).kind,
                            PlaceKind::Admin1 | PlaceKind::Country
                        )
                    })
            })
            .map(|c| c.tokens.0)
            .collect();
        let places: Vec<usize> = found
            .iter()
            .filter(|c| c.kind == MentionKind::Place && !c.places.is_empty())
            .map(|c| c.tokens.0)
            .collect();
        frames::unknown_place_names(words, &taken, &regions, &places, is_no_name)
            .into_iter()
            .map(|(a, b)| {
                let span = Span::new(tokens[a].span.start, tokens[b - 1].base.end);
                Candidate {
                    span,
                    kind: MentionKind::Place,
                    places: Cow::Borrowed(&[]),
                    key: normalize(span.of(text)),
                    tokens: (a, b),
                    merged: false,
                }
            })
            .collect()
    }

    /// If token `i` starts a list of hyphenated place pairs that ends in a road word ("Bogra-Natore
    /// highway", "Dhaka-Sylhet, Sylhet-Sunamganj and Sylhet-Tamabil highways"), pushes each
    /// place as a candidate and returns the token after the road word. Every part must be a
    /// place of its own (not an everyday word) for a token to count.
    fn road_between_places<'p>(
        &'p self,
        words: &Words<'_>,
        i: usize,
        countries: &[String],
        found: &mut Vec<Candidate<'p>>,
    ) -> Option<usize> {
        static ROAD_WORDS: WordList = WordList::new("road-words");
        let (text, tokens) = (words.text, words.tokens);
        let pair = |k: usize| {
            let t = tokens[k];
            // The hyphen by its byte, which no other character's UTF-8 holds: asked of every
            // capitalised word.
            t.capitalized
                && t.base == t.span
                && t.span.of(text).as_bytes().contains(&b'-')
                && !t.span.of(text).contains(char::is_numeric)
        };
        if !pair(i) {
            return None;
        }
        // The pairs, then the road word: "X-Y", ", X-Y", "and X-Y", then "highway".
        let mut k = i + 1;
        let mut pairs = vec![i];
        while k < tokens.len() {
            let word = words.key(k);
            if ROAD_WORDS.contains(word) {
                break;
            }
            if pair(k) && pairs.len() < 4 {
                pairs.push(k);
            } else if word != "and" {
                return None;
            }
            k += 1;
        }
        if k == tokens.len() {
            return None;
        }
        let mut parts: Vec<Candidate<'p>> = Vec::new();
        for &p in &pairs {
            let t = tokens[p];
            let mut start = t.span.start;
            for part in t.span.of(text).split('-') {
                let key = normalize(part);
                let places = self.gazetteer.lookup_in(&key, countries);
                if part.len() < 3
                    || places.is_empty()
                    || self.gazetteer.is_common_word(&key)
                    || !part.starts_with(char::is_uppercase)
                {
                    return None;
                }
                parts.push(Candidate {
                    span: Span::new(start, start + part.len()),
                    kind: MentionKind::Place,
                    places,
                    key,
                    tokens: (p, p + 1),
                    merged: false,
                });
                start += part.len() + 1;
            }
        }
        found.extend(parts);
        Some(k + 1)
    }

    /// Whether a gazetteer match reads as a place here, rather than part of a person's or an
    /// organisation's name, or an everyday word: each rule below names what else it reads as.
    fn is_place_reading(&self, words: &Words<'_>, c: &Candidate, in_title: bool) -> bool {
        let m = self.match_shape(words, c, in_title);
        if self.follows_a_title(words, &m)
            || self.is_no_name(words, c, &m)
            || self.is_inside_another_name(words, c, &m)
            || self.is_a_persons_name(words, c, &m)
            || self.heads_another_name(words, c, &m)
        {
            return false;
        }
        c.kind == MentionKind::Demonym
            || !(self.is_a_person_by_context(words, c, &m)
                || self.is_the_everyday_word(words, c, &m))
    }

    /// What the rules of [`Geoparser::is_place_reading`] read of a match.
    fn match_shape(&self, words: &Words<'_>, c: &Candidate, in_title: bool) -> MatchShape {
        let tokens = words.tokens;
        let (first, end) = c.tokens;
        // Places come as the gazetteer orders them: wider areas, countries and regions first,
        // then towns by falling population. So the first says whether any is more than a town,
        // and no town after the first is bigger: common names have hundreds of places.
        let strong = c
            .places
            .first()
            .is_some_and(|&p| self.gazetteer.place(p).kind != PlaceKind::Populated);
        let mut biggest = 0;
        for &p in c.places.iter() {
            let place = self.gazetteer.place(p);
            biggest = biggest.max(place.population);
            if place.kind == PlaceKind::Populated {
                break;
            }
        }
        let next = tokens
            .get(end)
            .filter(|t| t.joined_to_previous && t.capitalized)
            .map(|_| end);
        let possessive = tokens[end - 1].base != tokens[end - 1].span;
        MatchShape {
            first,
            end,
            single: end - first == 1,
            strong,
            biggest,
            next,
            possessive,
            in_title,
        }
    }

    /// A title before it, maybe with a first name or initials between: a person.
    fn follows_a_title(&self, words: &Words<'_>, m: &MatchShape) -> bool {
        let tokens = words.tokens;
        let MatchShape { first, .. } = *m;
        // A title before it, maybe with a first name or initials between, makes it a person:
        // "President Lincoln", "Gen. Jackson", "Vice President JD Vance", "Mrs. Lincoln",
        // "Capt. Roy A. Nelson" (a title's or an initial's dot ends no sentence).
        let mut k = first;
        while k > 0
            && ((tokens[k].joined_to_previous && !tokens[k].sentence_start)
                || joined_by_abbreviation(words, k))
            && k + 3 > first
        {
            if words.classes(k - 1).has(Classes::TITLE) {
                return true;
            }
            if !tokens[k - 1].capitalized {
                break;
            }
            k -= 1;
        }
        false
    }

    /// An organisation, a numeral or a month: no place at all.
    fn is_no_name(&self, words: &Words<'_>, c: &Candidate, m: &MatchShape) -> bool {
        let text = words.text;
        let MatchShape { single, .. } = *m;
        // An organisation named like a village ("Hamas", "Xinhua"), a Roman numeral ("World
        // War II"), a month before its day ("Nov. 7") or between a day and a year: no place.
        let raw = c.span.of(text);
        if single && crate::place_words::is_organisation(&c.key) {
            return true;
        }
        // A people or faith before a noun describes it ("Muslim militants", "the Arab sector
        // of east Jerusalem", "Arab Israelis"), though villages are named like both.
        if single
            && c.kind == MentionKind::Place
            && crate::place_words::is_group_word(&c.key)
            && word_follows(words, m.end)
        {
            return true;
        }
        if raw.len() >= 2 && raw.chars().all(|ch| matches!(ch, 'I' | 'V' | 'X')) {
            return true;
        }
        if single
            && text[c.span.end..]
                .strip_prefix(". ")
                .is_some_and(|rest| rest.starts_with(|ch: char| ch.is_ascii_digit()))
            && raw.len() <= 4
        {
            return true;
        }
        // A short word between a day and a year ("[1 Nov 2015]", "12 Sept 2014") is a month.
        let between_numbers = text[..c.span.start]
            .strip_suffix(' ')
            .is_some_and(|before| before.ends_with(|ch: char| ch.is_ascii_digit()))
            && text[c.span.end..]
                .trim_start_matches('.')
                .strip_prefix(' ')
                .is_some_and(|rest| rest.starts_with(|ch: char| ch.is_ascii_digit()));
        if single && raw.len() <= 4 && between_numbers {
            return true;
        }
        false
    }

    /// Part of a saint's, an organisation's or an acronym's name, or of an everyday phrase.
    fn is_inside_another_name(&self, words: &Words<'_>, c: &Candidate, m: &MatchShape) -> bool {
        let (text, tokens) = (words.text, words.tokens);
        let raw = c.span.of(text);
        let MatchShape {
            first,
            end,
            single,
            strong,
            ..
        } = *m;
        // After "St" or "St.", a name is a saint's: "St. Paul" is not Paul in Cape Verde. (A
        // "St. X" the gazetteer knows was matched whole before this part of it.)
        if first > 0
            && (tokens[first].joined_to_previous || after_place_abbreviation(words, first))
            && tokens[first - 1].capitalized
            && matches!(words.key(first - 1), "st" | "ste")
        {
            return true;
        }
        // After a particle that opens an Arabic name, a word is part of it: "Abu Hamza",
        // "Yasser bin Ali" are persons, "Tel Afar", "Ain Issa", "Deir Hafer" places the
        // gazetteer would have matched whole if it knew them, not Afar or Issa.
        if first > 0
            && tokens[first].joined_to_previous
            && tokens[first - 1].capitalized
            && NAME_PARTICLES.contains(words.key(first - 1))
        {
            return true;
        }
        // A word of a country's institution ("Lok Sabha", "Rajya Sabha"): a cue of where the
        // text is, never a place (Sabha, Libya).
        if first > 0
            && tokens[first].joined_to_previous
            && self.is_two_word_cue(words.key(first - 1), &c.key)
        {
            return true;
        }
        // So is a word after a capitalised one and a lower-case joiner: "Jamaat ud Dawa" is a
        // party, not Dawa.
        if first > 1
            && tokens[first].joined_to_previous
            && tokens[first - 1].joined_to_previous
            && !tokens[first - 1].capitalized
            && tokens[first - 2].capitalized
            && NAME_JOINERS.contains(words.key(first - 1))
        {
            return true;
        }
        // The particle itself ("Abu" in Nigeria) before the rest of such a name.
        if single
            && NAME_PARTICLES.contains(&c.key)
            && tokens
                .get(end)
                .is_some_and(|t| t.capitalized && t.joined_to_previous)
        {
            return true;
        }
        // After a demonym in one capitalised run, a word belongs to an organisation's name:
        // "European Union", "Ukrainian Media".
        if first > 0
            && tokens[first].joined_to_previous
            && !strong
            && self.demonyms.contains_key(words.key(first - 1))
        {
            return true;
        }
        // Short all-capital words are acronyms ("NATO", "FBI") unless they name a country or
        // region, or the whole line is in capitals ("MOSCOW:" datelines are fine at any length).
        let letters = raw.chars().filter(|ch| ch.is_alphabetic()).count();
        if !strong
            && letters <= 5
            && !raw.chars().any(char::is_lowercase)
            && tokens
                .get(end)
                .is_some_and(|t| t.span.of(text).chars().any(char::is_lowercase))
        {
            return true;
        }
        // A name made only of everyday words ("White House", which is also Casablanca's
        // meaning and a Tennessee town) is the phrase, unless it is a city's own name.
        if !single
            && !strong
            && c.key.split(' ').all(|w| {
                self.gazetteer.is_common_word(w) || self.lexicon.classes(w).has(Classes::CONNECTOR)
            })
        {
            let is_a_city =
                c.places.iter().map(|&p| self.gazetteer.place(p)).any(|p| {
                    same_name_but_dots(&normalize(&p.name), &c.key) && p.population >= CITY
                });
            if !is_a_city {
                return true;
            }
        }
        false
    }

    /// A person's first name or surname.
    fn is_a_persons_name(&self, words: &Words<'_>, c: &Candidate, m: &MatchShape) -> bool {
        let tokens = words.tokens;
        let MatchShape {
            first,
            single,
            strong,
            biggest,
            next,
            possessive,
            in_title,
            ..
        } = *m;
        // A given name followed by a capitalised word is a person: "George Washington",
        // "Paris Hilton"; so is a place after a given name.
        if single
            && !possessive
            && self.gazetteer.is_given_name(&c.key)
            && next.is_some_and(|n| !words.classes(n).has(Classes::OFFICE))
            && !in_title
        {
            return true;
        }
        // A middle initial before it makes it a surname: "Matthew D. Flores".
        if first > 1
            && !in_title
            && joined_by_abbreviation(words, first)
            && tokens[first - 1].span.len() == 1
            && tokens[first - 2].capitalized
            && tokens[first - 1].joined_to_previous
        {
            return true;
        }
        if first > 0
            && tokens[first].joined_to_previous
            && !tokens[first].sentence_start
            && !in_title
        {
            let previous = &tokens[first - 1];
            let previous_key = words.key(first - 1);
            if previous.capitalized
                && previous.base == previous.span
                && self.gazetteer.is_given_name(previous_key)
            {
                return true;
            }
            // So is a small place after a capitalised word that is no place, no everyday word
            // and no office: a first name the list lacks ("Nakishia Sullivan", "Stephon
            // Clark"), as a place's own first word would have made one longer name.
            if single
                && !strong
                && biggest < CITY
                && previous.capitalized
                && previous.alphabetic
                && previous.base == previous.span
                && previous.span.len() > 1
                && words.classes(first - 1) == Classes::default()
                && !self.gazetteer.is_common_word(previous_key)
                && !self.is_name_word(previous_key)
            {
                return true;
            }
        }
        false
    }

    /// The first word of an organisation's or a person's name.
    fn heads_another_name(&self, words: &Words<'_>, c: &Candidate, m: &MatchShape) -> bool {
        let MatchShape {
            next,
            possessive,
            in_title,
            strong,
            ..
        } = *m;
        // Followed by a capitalised word that is not an office or another place: an
        // organisation or person ("Washington Post", "Vladimir Putin"). Not after a region's
        // name: an organisation named for its region ("Punjab Khet Mazdoor Union", "Tennessee
        // Arts Commission") works there, and news gold data counts the region as named.
        if let Some(next) = next {
            let next_word = words.key(next);
            // A weekday or month after it ("at Kaitalo of Pabna Tuesday noon") names no one.
            let function_word = words.classes(next).has(Classes::FUNCTION);
            // A region that shares its name with a city names its organisations after the city
            // as often ("Washington Post", "New York Times"): those stay organisations.
            let region = c
                .places
                .first()
                .is_some_and(|&p| self.gazetteer.place(p).kind == PlaceKind::Admin1)
                && !c.places.iter().any(|&p| {
                    self.gazetteer.place(p).kind == PlaceKind::Populated
                        && self.gazetteer.place(p).population >= CITY
                });
            // "Annapurna Das": a surname after it makes a person of any place's name.
            let surname = word_list!("surname").contains(next_word);
            if !possessive
                && !in_title
                && !function_word
                && (surname || !self.is_name_word(next_word))
                && c.kind == MentionKind::Place
                && !region
                && (!strong || next_word.len() > 3 || surname)
            {
                return true;
            }
        }
        false
    }

    /// Said of a person: done to one, a person's age or kin, or speaking.
    fn is_a_person_by_context(&self, words: &Words<'_>, c: &Candidate, m: &MatchShape) -> bool {
        let (text, tokens) = (words.text, words.tokens);
        let MatchShape {
            first,
            end,
            single,
            strong,
            biggest,
            ..
        } = *m;
        // "Jordan, 56, was shot": an age set off by commas, then the sentence goes on in lower
        // case, is said of a person, whatever the place of that name.
        let after = &text[c.span.end..];
        if after.strip_prefix(", ").is_some_and(|rest| {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            (1..=2).contains(&digits)
                && rest[digits..]
                    .strip_prefix(", ")
                    .is_some_and(|more| more.starts_with(|ch: char| ch.is_ascii_lowercase()))
        }) {
            return true;
        }
        // "police arrested Jasim", "chopped Jasim with…", "Jasim, 30,": done to a person, or
        // a person's age. Not to a region or a city, which can be "attacked" or "shelled".
        if single && !strong && biggest < CITY {
            let before = first
                .checked_sub(1)
                .filter(|&k| !tokens[first].sentence_start && !tokens[k].capitalized)
                .map(|k| words.key(k));
            let age = after.strip_prefix(", ").is_some_and(|rest| {
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                (1..=2).contains(&digits) && rest[digits..].starts_with([',', ')', ' '])
            });
            let kin = [
                "son of",
                "daughter of",
                "wife of",
                "husband of",
                "brother of",
            ]
            .iter()
            .any(|k| after.trim_start_matches([',', ' ']).starts_with(k));
            if age || kin || before.is_some_and(|w| PERSON_VERBS.contains(w)) {
                return true;
            }
        }
        // "Jones said": a small place does not speak; a person of that name does.
        if tokens.get(end).is_some_and(|t| t.joined_to_previous)
            && !strong
            && biggest < CITY
            && words.classes(end).has(Classes::SPEECH_VERB)
        {
            return true;
        }
        false
    }

    /// "Palmyra, Syria", "Reading, Pennsylvania": a comma, then the country or region that
    /// holds one of the places so named (the next one to three capitalised words).
    fn followed_by_its_container(&self, words: &Words<'_>, c: &Candidate, first: usize) -> bool {
        let tokens = words.tokens;
        let end = c.tokens.1;
        let Some(next) = tokens.get(end) else {
            return false;
        };
        if next.joined_to_previous
            || words.text[tokens[end - 1].span.end..next.span.start].trim() != ","
            || first == end
        {
            return false;
        }
        let g = self.gazetteer;
        let mut key = String::new();
        (1..=3).any(|n| {
            end + n <= tokens.len()
                && (1..n).all(|k| tokens[end + k].joined_to_previous)
                && phrase_key(words, end, n, &mut key)
                && g.lookup_key(&key).iter().any(|&o| {
                    let outer = g.place(o);
                    c.places.iter().any(|&p| {
                        let p = g.place(p);
                        match outer.kind {
                            PlaceKind::Country => p.country == outer.country,
                            PlaceKind::Admin1 => p.admin1 == outer.admin1,
                            _ => false,
                        }
                    })
                })
        })
    }

    /// The everyday word the place is named like.
    fn is_the_everyday_word(&self, words: &Words<'_>, c: &Candidate, m: &MatchShape) -> bool {
        let tokens = words.tokens;
        let MatchShape {
            first,
            single,
            strong,
            biggest,
            in_title,
            ..
        } = *m;
        // "the town of Hit", "the desert city of Palmyra", "Muse township", "Feni town": the
        // words around say it is a name. (Not a word before "village": "Police village guards"
        // are guards.)
        let next = words.text[c.span.end..]
            .split(|ch: char| !ch.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        // Not "the Jade City Hotel": a capitalised "City" that a further capitalised word
        // follows is inside the name of something else.
        let inside_a_longer_name = words.text[c.span.end..]
            .strip_prefix(' ')
            .and_then(|rest| rest.strip_prefix(next))
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|rest| {
                next.starts_with(char::is_uppercase) && rest.starts_with(char::is_uppercase)
            });
        if named_as_settlement(words.text, c.span)
            || (["town", "township", "city"]
                .iter()
                .any(|w| next.eq_ignore_ascii_case(w))
                && !inside_a_longer_name)
            || kind_hint(words.text, c) == KindHint::Division
            || self.followed_by_its_container(words, c, first)
        {
            return false;
        }
        // An everyday word at a sentence start or in a title-case line ("Reading the…",
        // "Fresh Aid For Ukraine") is the word, unless the place is big or a region.
        if single
            && self.gazetteer.is_common_word(&c.key)
            && !strong
            && (tokens[first].sentence_start || in_title)
            && biggest < 1_000_000
        {
            return true;
        }
        // Inside a run of capitalised words, a common word naming no country or city ("the
        // District Bar of Chandigarh", though Bar is a Montenegrin municipality) is a word of
        // an institution's name.
        let in_a_name = first > 0
            && tokens[first].joined_to_previous
            && !tokens[first].sentence_start
            && tokens[first - 1].capitalized
            && !in_title;
        if single
            && in_a_name
            && self.gazetteer.is_common_word(&c.key)
            && biggest < CITY
            && c.places.first().is_none_or(|&p| {
                !matches!(
                    self.gazetteer.place(p).kind,
                    PlaceKind::Country | PlaceKind::Area
                )
            })
        {
            return true;
        }
        // Elsewhere, a common word naming only smaller places ("Police", "Court") is more likely
        // part of an institution's name than a town.
        if single && self.gazetteer.is_common_word(&c.key) && !strong && biggest < CITY {
            return true;
        }
        false
    }

    /// Words that may follow a place name inside a phrase without making a new name.
    fn is_name_word(&self, key: &str) -> bool {
        self.lexicon.classes(key).has(Classes::OFFICE)
            || !self.gazetteer.lookup_key(key).is_empty()
            || self.demonyms.contains_key(key)
    }

    /// `about`: the countries a first pass found the text to be about (none in the first
    /// pass); `cues`: those its country cues point to ([`Geoparser::cue_countries`]), which
    /// count as countries the text names.
    ///
    /// Three passes: what the words around each mention say ([`Geoparser::resolve_by_reading`]);
    /// for the rest, a score against what the text is about ([`Geoparser::topic`]); then that
    /// score again, against where every other mention was put ([`Geoparser::rescore_in_context`]).
    fn resolve(
        &self,
        text: &str,
        candidates: &[Candidate],
        about: &[String],
        cues: &[String],
    ) -> Vec<Toponym> {
        let reading = Reading {
            text,
            candidates,
            about,
            cues,
            containers: named_containers(text, candidates),
            listed_regions: listed_regions(text, candidates),
            sentence_marks: SentenceMarks::new(text, candidates),
        };
        let topic = self.topic(candidates, cues);
        // The names the text calls regions somewhere ("the Kursk region").
        let region_named: FastSet<&str> = candidates
            .iter()
            .filter(|c| !c.places.is_empty())
            .filter_map(|c| {
                // "the Kursk region" may be a name of its own: its bare name is the one meant.
                let bare = c
                    .key
                    .rsplit_once(' ')
                    .filter(|(_, last)| REGION_WORDS.contains_ignore_case(last))
                    .map(|(bare, _)| bare);
                // "the Kursk town of Sudzha": a name that owns a town or a village is a region's
                // (one that owns a quarter, "the Homs neighbourhood of Baba Amr", is a city's).
                let owns_a_settlement = || {
                    let mut after = text[c.span.end..].split_whitespace();
                    matches!(
                        (after.next(), after.next()),
                        (Some(noun), Some("of"))
                            if crate::place_words::is_naming_noun(noun)
                                && crate::place_words::quarter_noun(noun).is_none()
                    )
                };
                bare.or_else(|| {
                    (kind_hint(text, c) == KindHint::Region || owns_a_settlement())
                        .then_some(c.key.as_str())
                })
            })
            .collect();
        let mut resolutions: Vec<Option<Resolution>> = vec![None; candidates.len()];
        // Sized once for every candidate: maps grown from empty rehashed on most texts.
        let mut by_key: FastMap<&str, Resolution> = sized_map(candidates.len());
        let mut by_score = vec![false; candidates.len()];
        for (i, c) in candidates.iter().enumerate() {
            if c.kind == MentionKind::Street {
                continue;
            }
            if let Some(r) = self.resolve_by_reading(&reading, &resolutions, i) {
                resolutions[i] = Some(r);
                continue;
            }
            if c.places.is_empty() {
                continue;
            }
            // A first guess, refined in the last pass once every other mention has one.
            by_score[i] = true;
            let r = by_key.entry(c.key.as_str()).or_insert_with(|| {
                self.resolve_by_score(
                    c,
                    &|k| topic.countries.contains_key(k),
                    &|k| topic.regions.contains_key(k),
                    about,
                    kind_hint(text, c),
                    region_named.contains(c.key.as_str()),
                )
            });
            resolutions[i] = Some(r.clone());
        }
        if !by_key.is_empty() {
            let rescored =
                self.rescore_in_context(&reading, &resolutions, &topic, &by_key, &region_named);
            for (i, c) in candidates.iter().enumerate() {
                if by_score[i] {
                    resolutions[i] = rescored
                        .get(c.key.as_str())
                        .map(|r| self.region_of_its_seat(text, c, r));
                }
            }
        }
        toponyms(candidates, resolutions)
    }

    /// "Ghazni Province", "Konduz province": a region named after its seat, which the gazetteer
    /// files under the town's name alone, so that the bare name is the town. Named as a region
    /// (per mention: "Ghazni city" in the same text is the town), it is the region the seat
    /// governs.
    fn region_of_its_seat(&self, text: &str, c: &Candidate, r: &Resolution) -> Resolution {
        let g = self.gazetteer;
        let seat = g.place(r.place);
        // (Not "the Lansing State Journal": a capitalised word after the region word makes
        // the name another thing's.)
        let names_more = text[c.span.end..]
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| w.starts_with(char::is_uppercase));
        let region = (seat.kind == PlaceKind::Populated && seat.feature_code == "PPLA")
            .then(|| g.admin1(&seat.admin1))
            .flatten()
            .filter(|_| !names_more && kind_hint(text, c) == KindHint::Region);
        match region {
            Some(region) => Resolution {
                place: region,
                precision: Precision::Admin1,
                reason: format!(
                    "the region governed from {}, named as a region ({})",
                    seat.name, r.reason
                ),
                rivals: r.rivals.clone(),
                abroad_only: r.abroad_only,
            },
            None => r.clone(),
        }
    }

    /// What the words around mention `i` say it is: a demonym's country, a body's seat, "the
    /// city", a name inside the place named beside it, one of a list of regions, a small place
    /// in the region named near it, or the namesake of a place named nearby.
    fn resolve_by_reading(
        &self,
        reading: &Reading,
        resolutions: &[Option<Resolution>],
        i: usize,
    ) -> Option<Resolution> {
        let g = self.gazetteer;
        let (text, candidates) = (reading.text, reading.candidates);
        let c = &candidates[i];
        if c.kind == MentionKind::Demonym {
            let place = c.places[0];
            return Some(Resolution {
                place,
                precision: g.place(place).kind.into(),
                reason: format!("demonym of {}", g.place(place).name),
                rivals: Vec::new(),
                abroad_only: false,
            });
        }
        if let Some(r) = self.seat_of_body(text, c) {
            return Some(r);
        }
        if let Some(r) = self.in_the_city(
            text,
            candidates,
            resolutions,
            i,
            reading.about,
            reading.cues,
        ) {
            return Some(r);
        }
        // A name the gazetteer lacks, inside a place named before it ("Baghdad's Amil
        // neighbourhood") or where its sentence opens ("In Mastung, … in the Ispilinji
        // area"): at that place as read there.
        if c.places.is_empty() && c.kind == MentionKind::Place {
            // (A container named right after it says more: "In the Midwest, … the small town
            // of Poplar Grove, Illinois".)
            let owner = match reading.containers[i] {
                Some((j, _)) if j < i => Some(j),
                Some(_) => None,
                None => fronted_locative(text, candidates, &reading.sentence_marks, i),
            };
            if let Some(r) = owner
                .and_then(|j| resolutions[j].as_ref())
                .filter(|r| !r.is_ambiguous())
            {
                let outer = g.place(r.place);
                return Some(Resolution {
                    place: r.place,
                    precision: r.precision,
                    reason: format!(
                        "not in the gazetteer; the text puts it in {}, so placed there",
                        outer.name
                    ),
                    rivals: Vec::new(),
                    abroad_only: false,
                });
            }
        }
        if let Some((j, explicit)) = reading.containers[i].filter(|&(j, _)| j > i) {
            // A name the gazetteer lacks is a place inside the one named beside it, "X, Y"
            // too: nothing else of that name could be meant.
            // "Butler, Clark, Hamilton", "Crockett, Palestine and Houston": in a list, a
            // comma joins peers, not a place and its container.
            let gap =
                |a: usize, b: usize| text[candidates[a].span.end..candidates[b].span.start].trim();
            let in_list = text[..c.span.start].trim_end().ends_with(',')
                || (j + 1 < candidates.len()
                    && joins_a_list(gap(j, j + 1))
                    && gap(j, j + 1) != ",");
            let said = explicit || c.places.is_empty();
            if let Some(r) = self.resolve_within(c, &candidates[j], said, !in_list) {
                // "Ghazaliyah district in western Baghdad", "the Sunni neighborhood of Azamiyah
                // in Baghdad": a quarter of the city the region is named after lies in the
                // city, not somewhere in the region.
                let is_quarter_noun =
                    |w: &str| crate::place_words::quarter_noun(w) == Some(false) || w == "district";
                let mut before = text[..c.span.start].split_whitespace().rev();
                let quarter_of = before.next() == Some("of")
                    && before
                        .next()
                        .is_some_and(|w| is_quarter_noun(&crate::casefold::lower_for_ascii(w)));
                // "Amariyah, a mostly Sunni neighborhood in west Baghdad": the apposition says so.
                let quarter = quarter_of
                    || gap(i, j)
                        .split_whitespace()
                        .next()
                        .is_some_and(is_quarter_noun)
                    || (apposition_in(gap(i, j))
                        && gap(i, j)
                            .split_whitespace()
                            .any(|w| is_quarter_noun(&crate::casefold::lower_for_ascii(w))));
                let in_region =
                    g.place(r.place).kind == PlaceKind::Admin1 && !c.places.contains(&r.place);
                let city = candidates[j].places.iter().copied().find(|&p| {
                    let city = g.place(p);
                    city.kind == PlaceKind::Populated
                        && city.population >= CITY
                        && city.admin1 == g.place(r.place).admin1
                });
                if let (true, true, Some(city)) = (quarter, in_region, city) {
                    return Some(Resolution {
                        place: city,
                        precision: Precision::Point,
                        reason: format!(
                            "not in the gazetteer; a quarter of {}, so placed there",
                            g.place(city).name
                        ),
                        rivals: Vec::new(),
                        abroad_only: false,
                    });
                }
                return Some(r);
            }
            // "Madina area of Nowshera", "Madina Colony, Nowshera": the noun says the name is
            // a quarter of the town, and none of its namesakes lies near it (Medina is 3,000 km
            // off), so the quarter is placed at the town. (Not "the Kursk town of Sudzha",
            // where the town is in the region.)
            let quarter = gap(i, j)
                .split(|ch: char| ch.is_whitespace() || ch == ',')
                .next()
                .is_some_and(|w| {
                    crate::place_words::quarter_noun(&crate::casefold::lower_for_ascii(w)).is_some()
                });
            if let (true, [town]) = (
                quarter && (explicit || gap(i, j).ends_with(',')),
                candidates[j].places.as_ref(),
            ) {
                let outer = g.place(*town);
                if outer.kind == PlaceKind::Populated
                    && !c.places.contains(town)
                    && c.places
                        .iter()
                        .all(|&p| distance_km(g.place(p), outer) > DISTRICT_KM)
                {
                    return Some(Resolution {
                        place: *town,
                        precision: Precision::Point,
                        reason: format!(
                            "said to be a part of {}, where the gazetteer has no place of this name; placed there",
                            outer.name
                        ),
                        rivals: Vec::new(),
                        abroad_only: false,
                    });
                }
            }
        }
        if reading.listed_regions[i] {
            if let Some(&region) = c
                .places
                .iter()
                .find(|&&p| g.place(p).kind == PlaceKind::Admin1)
            {
                return Some(Resolution {
                    place: region,
                    precision: Precision::Admin1,
                    reason: "named in a list of regions".to_owned(),
                    rivals: Vec::new(),
                    abroad_only: false,
                });
            }
        }
        // A small place near a region named in the text lies in that region: choose the
        // namesake there, or, when the gazetteer has none there, the region itself.
        if let Some(region) =
            self.local_region(reading.text, &reading.sentence_marks, candidates, i)
        {
            if let Some(r) = self.resolve_near_region(c, region) {
                return Some(r);
            }
        }
        if c.places.is_empty() {
            return None;
        }
        self.near_a_named_place(candidates, i)
    }

    /// What the text is about: the countries of its unambiguous mentions, of its regions and
    /// countries, of its demonyms and of its country cues; the regions of its unambiguous
    /// places.
    fn topic<'t>(&'t self, candidates: &[Candidate], cues: &'t [String]) -> Topic<'t> {
        let g = self.gazetteer;
        let mut countries: FastMap<&str, usize> = sized_map(candidates.len() + cues.len());
        let mut regions: FastMap<&str, usize> = sized_map(candidates.len());
        // A name counts only for what all its candidates agree on: every "Jackson" in the
        // gazetteer is American, but "Georgia" is a country or a state and says neither.
        for c in candidates {
            let Some((&first, rest)) = c.places.split_first() else {
                continue;
            };
            let p = g.place(first);
            if rest.iter().all(|&q| g.place(q).country == p.country) {
                *countries.entry(p.country.as_str()).or_default() += 1;
                let same_region = rest.iter().all(|&q| g.place(q).admin1 == p.admin1);
                if same_region
                    && c.places
                        .iter()
                        .all(|&q| g.place(q).kind != PlaceKind::Country)
                {
                    *regions.entry(p.admin1.as_str()).or_default() += 1;
                }
            }
        }
        for cue in cues {
            *countries.entry(cue.as_str()).or_default() += 1;
        }
        countries.remove("");
        regions.remove("");
        Topic { countries, regions }
    }

    /// The last pass: each name resolved by score, scored again against the countries and
    /// regions where all the other mentions were resolved ("Georgia" near "Gainesville" and
    /// "Hall County" is the state; near "Tbilisi", the country).
    fn rescore_in_context<'k>(
        &self,
        reading: &Reading,
        resolutions: &[Option<Resolution>],
        topic: &Topic,
        by_key: &FastMap<&'k str, Resolution>,
        region_named: &FastSet<&str>,
    ) -> FastMap<&'k str, Resolution> {
        let (candidates, about, text) = (reading.candidates, reading.about, reading.text);
        let g = self.gazetteer;
        let (countries, regions) = (&topic.countries, &topic.regions);
        // Mentions resolved per country and per region code: in all, and per name.
        type Tally<'a> = (FastMap<&'a str, usize>, FastMap<&'a str, usize>);
        let mut total: Tally = (sized_map(candidates.len()), sized_map(candidates.len()));
        let mut own: FastMap<&str, Tally> = sized_map(candidates.len());
        for (c, r) in candidates.iter().zip(resolutions) {
            let Some(r) = r else { continue };
            let p = g.place(r.place);
            let entry = own.entry(c.key.as_str()).or_default();
            for (map, value) in [
                (&mut total.0, &p.country),
                (&mut entry.0, &p.country),
                (&mut total.1, &p.admin1),
                (&mut entry.1, &p.admin1),
            ] {
                if !value.is_empty() {
                    *map.entry(value.as_str()).or_default() += 1;
                }
            }
        }
        // Resolved to by more mentions than this name's own.
        let by_others = |all: &FastMap<&str, usize>, mine: &FastMap<&str, usize>, k: &str| {
            all.get(k)
                .is_some_and(|n| mine.get(k).is_none_or(|m| m < n))
        };
        let mut first_of: FastMap<&str, &Candidate> = sized_map(candidates.len());
        // Not a name the gazetteer lacks, found by its frame, that shares a key with one it has.
        for c in candidates.iter().filter(|c| !c.places.is_empty()) {
            first_of.entry(c.key.as_str()).or_insert(c);
        }
        let mut rescored: FastMap<&str, Resolution> = sized_map(by_key.len());
        for key in by_key.keys() {
            let c = first_of[key];
            let empty = Default::default();
            let mine = own.get(key).unwrap_or(&empty);
            let named_country =
                |k: &str| countries.contains_key(k) || by_others(&total.0, &mine.0, k);
            let named_region = |k: &str| regions.contains_key(k) || by_others(&total.1, &mine.1, k);
            rescored.insert(
                key,
                self.resolve_by_score(
                    c,
                    &named_country,
                    &named_region,
                    about,
                    kind_hint(text, c),
                    region_named.contains(key),
                ),
            );
        }
        self.namesakes_beside_the_others(&first_of, &mut rescored);
        rescored
    }

    /// Of a small place's namesakes, the one within [`BESIDE_KM`] of another place the text
    /// names (a town or a district, resolved without rivals), when the one chosen lies more
    /// than twice as far from all of them: [`Geoparser::near_a_named_place`] once every name is
    /// resolved, for anchors that had namesakes of their own or lie further off in the text
    /// ("Rogersville" in a report that names Springfield, Missouri, is Missouri's).
    fn namesakes_beside_the_others(
        &self,
        first_of: &FastMap<&str, &Candidate>,
        rescored: &mut FastMap<&str, Resolution>,
    ) {
        let g = self.gazetteer;
        let local = |p: &Place| matches!(p.kind, PlaceKind::Populated | PlaceKind::Admin2);
        let anchors: Vec<(&str, &Place)> = rescored
            .iter()
            .filter(|(_, r)| r.rivals.is_empty() && !r.abroad_only)
            .map(|(k, r)| (*k, g.place(r.place)))
            .filter(|(_, p)| local(p))
            .collect();
        if anchors.is_empty() {
            return;
        }
        // (key, its new place, the anchor's key and name)
        let mut moves: Vec<(&str, PlaceId, &str, String)> = Vec::new();
        for (key, r) in rescored.iter() {
            let Some(c) = first_of.get(key) else { continue };
            let chosen = g.place(r.place);
            if c.places.len() < 2 || !local(chosen) || chosen.population >= CITY {
                continue;
            }
            let nearest = |p: &Place| {
                anchors
                    .iter()
                    .filter(|(k, _)| k != key)
                    .map(|(k, a)| (distance_km(p, a), (*k, *a)))
                    .min_by(|a, b| a.0.total_cmp(&b.0))
            };
            if nearest(chosen).is_none_or(|(d, _)| d <= BESIDE_KM * 2.0) {
                continue;
            }
            let beside = c
                .places
                .iter()
                .filter(|&&q| q != r.place && local(g.place(q)))
                .filter_map(|&q| nearest(g.place(q)).map(|(d, a)| (d, q, a)))
                .filter(|(d, _, _)| *d <= BESIDE_KM)
                .min_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((_, q, (anchor_key, anchor))) = beside {
                moves.push((key, q, anchor_key, anchor.name.clone()));
            }
        }
        // Not two names moved each beside the other ("North Richmond" and "Richmond"): each
        // was chosen beside the other's first choice.
        let moved: Vec<&str> = moves.iter().map(|m| m.0).collect();
        moves.retain(|m| !moved.contains(&m.2));
        for (key, q, _, anchor) in moves {
            let p = g.place(q);
            if let Some(r) = rescored.get_mut(key) {
                r.place = q;
                r.precision = p.kind.into();
                r.rivals.clear();
                r.reason = format!(
                    "of {} places so named, the one beside {}, which the text also names",
                    first_of[key].places.len(),
                    anchor
                );
            }
        }
    }

    /// The region named nearest before mention `i` in its own or the two previous sentences,
    /// or right after it in the same sentence, if any.
    fn local_region(
        &self,
        text: &str,
        sentence_marks: &SentenceMarks,
        candidates: &[Candidate],
        i: usize,
    ) -> Option<PlaceId> {
        let g = self.gazetteer;
        let c = &candidates[i];
        let region_of = |k: usize| -> Option<PlaceId> {
            let other = &candidates[k];
            (other.kind == MentionKind::Place && other.key.split(' ').count() >= 2
                || other.places.len() == 1
                || called_a_region(text, other.span))
            .then(|| {
                other
                    .places
                    .iter()
                    .copied()
                    .find(|&p| g.place(p).kind == PlaceKind::Admin1)
            })
            .flatten()
        };
        let sentence_ends_between = |a: usize, b: usize| sentence_marks.between(a, b);
        for k in (0..i).rev() {
            if c.span.start - candidates[k].span.end > 600
                || sentence_ends_between(candidates[k].span.end, c.span.start) > 2
            {
                break;
            }
            if let Some(region) = region_of(k) {
                return Some(region);
            }
        }
        for (k, next) in candidates.iter().enumerate().skip(i + 1) {
            if next.span.start - c.span.end > 300
                || sentence_ends_between(c.span.end, next.span.start) > 0
            {
                break;
            }
            if let Some(region) = region_of(k) {
                return Some(region);
            }
        }
        None
    }

    /// A small or unknown place near a region: the namesake inside it, or the region itself
    /// when the gazetteer has no such place there (never a namesake elsewhere in the country).
    fn resolve_near_region(&self, c: &Candidate, region: PlaceId) -> Option<Resolution> {
        let g = self.gazetteer;
        let outer = g.place(region);
        if c.kind != MentionKind::Place
            || c.places.iter().any(|&p| match g.place(p).kind {
                PlaceKind::Populated => g.place(p).population >= CITY,
                PlaceKind::Admin2 => false,
                _ => true,
            })
        {
            return None;
        }
        if let Some(&inside) = c
            .places
            .iter()
            .find(|&&p| g.place(p).admin1 == outer.admin1)
        {
            return Some(Resolution {
                place: inside,
                precision: Precision::Point,
                reason: format!("the one in {}, which the text names nearby", outer.name),
                rivals: Vec::new(),
                abroad_only: false,
            });
        }
        let elsewhere_in_country = c
            .places
            .iter()
            .any(|&p| g.place(p).country == outer.country);
        if c.places.is_empty() || elsewhere_in_country {
            let why = if c.places.is_empty() {
                "not in the gazetteer"
            } else {
                "the gazetteer has places of this name only elsewhere"
            };
            return Some(Resolution {
                place: region,
                precision: Precision::Admin1,
                reason: format!(
                    "{why}; the text places it in {}, so located at the region",
                    outer.name
                ),
                rivals: Vec::new(),
                abroad_only: false,
            });
        }
        None
    }

    /// Resolves a mention inside the region or country named after it. When the gazetteer has
    /// no such place there and the text says "in", the mention is placed at the container,
    /// at the container's precision: never at a same-named place elsewhere.
    fn resolve_within(
        &self,
        c: &Candidate,
        container: &Candidate,
        explicit: bool,
        paired: bool,
    ) -> Option<Resolution> {
        let g = self.gazetteer;
        let is_outer =
            |p: &PlaceId| matches!(g.place(*p).kind, PlaceKind::Admin1 | PlaceKind::Country);
        let Some(&first_outer) = container.places.iter().find(|p| is_outer(p)) else {
            return self.resolve_near(c, container, explicit, paired);
        };
        let inside = |outer: &Place, p: &Place| match outer.kind {
            PlaceKind::Admin1 => {
                p.admin1 == outer.admin1
                    && matches!(p.kind, PlaceKind::Populated | PlaceKind::Admin2)
            }
            _ => p.country == outer.country && p.kind != PlaceKind::Country,
        };
        // "Sangrur, Punjab": of a container's namesakes (India's Punjab, Pakistan's), the one
        // that holds a place of this name; the largest such place where several do.
        let found = container
            .places
            .iter()
            .filter(|p| is_outer(p))
            .filter_map(|&o| {
                let place = c
                    .places
                    .iter()
                    .copied()
                    .find(|&p| inside(g.place(o), g.place(p)))?;
                Some((o, place))
            })
            .reduce(|best, next| {
                if g.place(next.1).population > g.place(best.1).population {
                    next
                } else {
                    best
                }
            });
        let outer_id = found.map_or(first_outer, |(o, _)| o);
        let outer = g.place(outer_id);
        if let Some((_, place)) = found {
            return Some(Resolution {
                place,
                precision: g.place(place).kind.into(),
                reason: format!("named as in {}", outer.name),
                rivals: Vec::new(),
                abroad_only: false,
            });
        }
        // "the Cauvery Delta region in Tamil Nadu": a region of another country (Nigeria's
        // Delta) is not what a name said to be in Tamil Nadu means.
        let below_outer = |p: &Place| {
            matches!(p.kind, PlaceKind::Populated | PlaceKind::Admin2)
                || (p.kind == PlaceKind::Admin1 && p.country != outer.country)
        };
        if (explicit || (paired && only_small_namesakes_abroad(g, c, outer)))
            && c.places.iter().all(|&p| below_outer(g.place(p)))
        {
            return Some(Resolution {
                place: outer_id,
                precision: outer.kind.into(),
                reason: format!(
                    "no place of this name in {} in the gazetteer; placed at the {}",
                    outer.name,
                    if outer.kind == PlaceKind::Admin1 {
                        "region"
                    } else {
                        "country"
                    }
                ),
                rivals: Vec::new(),
                abroad_only: false,
            });
        }
        None
    }

    /// Resolves a mention inside a district or town named after it ("Kaitalo in Bera upazila",
    /// "Bera upazila of Pabna"): the namesake within 80 km of the container's only (or only
    /// district) reading, or the district itself when the text says "in" and has none there.
    fn resolve_near(
        &self,
        c: &Candidate,
        container: &Candidate,
        explicit: bool,
        paired: bool,
    ) -> Option<Resolution> {
        let g = self.gazetteer;
        let divisions: Vec<PlaceId> = container
            .places
            .iter()
            .copied()
            .filter(|&p| g.place(p).kind == PlaceKind::Admin2)
            .collect();
        // "Madaripur" is a district and the sadar upazila inside it: the district contains both.
        let districts: Vec<PlaceId> = divisions
            .iter()
            .copied()
            .filter(|&p| g.place(p).feature_code == "ADM2")
            .collect();
        let outer_id = match (
            divisions.as_slice(),
            districts.as_slice(),
            container.places.as_ref(),
        ) {
            ([one], _, _) | (_, [one], _) | ([], _, [one]) => *one,
            _ => return None,
        };
        let outer = g.place(outer_id);
        let near = |p: &Place| {
            p.country == outer.country
                && matches!(p.kind, PlaceKind::Populated | PlaceKind::Admin2)
                && distance_km(p, outer) <= DISTRICT_KM
        };
        let mut inside: Vec<PlaceId> = c
            .places
            .iter()
            .copied()
            .filter(|&p| p != outer_id && near(g.place(p)))
            .collect();
        inside.sort_by(|&a, &b| {
            distance_km(g.place(a), outer).total_cmp(&distance_km(g.place(b), outer))
        });
        if let Some(&place) = inside.first() {
            return Some(Resolution {
                place,
                precision: g.place(place).kind.into(),
                reason: format!("named as in {}", outer.name),
                rivals: Vec::new(),
                abroad_only: false,
            });
        }
        if (explicit || (paired && only_small_namesakes_abroad(g, c, outer)))
            && outer.kind == PlaceKind::Admin2
            && c.places.iter().all(|&p| {
                matches!(g.place(p).kind, PlaceKind::Populated | PlaceKind::Admin2)
                    && g.place(p).population < SMALL_ABROAD
            })
        {
            return Some(Resolution {
                place: outer_id,
                precision: Precision::Admin2,
                reason: format!(
                    "no place of this name in {} in the gazetteer; placed at the district",
                    outer.name
                ),
                rivals: Vec::new(),
                abroad_only: false,
            });
        }
        // "a bomb attack in Bejpara area of Jessore": a quarter or village the gazetteer lacks,
        // said to be in or near a town, is placed at the town; "Safi Tehsil, Mohmand Agency":
        // in or near a district of one country that the gazetteer holds as an area, there.
        let local_area = outer.kind == PlaceKind::Area && !outer.country.is_empty();
        if explicit && c.places.is_empty() && (outer.kind == PlaceKind::Populated || local_area) {
            return Some(Resolution {
                place: outer_id,
                precision: outer.kind.into(),
                reason: format!(
                    "not in the gazetteer; the text puts it in or near {}, so placed there",
                    outer.name
                ),
                rivals: Vec::new(),
                abroad_only: false,
            });
        }
        None
    }

    /// The likeliest of a mention's places, given which countries and regions the text names.
    /// `about`: the countries a first pass found the text to be about (see [`Geoparser::parse`]).
    fn resolve_by_score(
        &self,
        c: &Candidate,
        named_country: &dyn Fn(&str) -> bool,
        named_region: &dyn Fn(&str) -> bool,
        about: &[String],
        hint: KindHint,
        region_named: bool,
    ) -> Resolution {
        let g = self.gazetteer;
        let score = |id: PlaceId| -> f64 {
            let p = g.place(id);
            let size = match p.kind {
                PlaceKind::Country => 17.0,
                PlaceKind::Area => 16.0,
                PlaceKind::Admin1 => 14.8,
                // A division of unknown population still outranks a smaller one of its very
                // name: "Magura" in a Bangladeshi report is the district, not a union so named.
                // Districts only: a sub-district is no better known than a village.
                // (Not one only spelled alike: that says nothing of which is meant.)
                PlaceKind::Admin2
                    if p.population == 0
                        && p.feature_code == "ADM2"
                        && normalize(&p.name) == c.key =>
                {
                    2.0
                }
                PlaceKind::Admin2 => (p.population as f64 + 1.0).ln(),
                PlaceKind::Populated => {
                    (p.population as f64 + 1.0).ln()
                        + match p.feature_code.as_str() {
                            // The seat of government ranks as a capital: La Paz, not the departments so named.
                            "PPLC" | "PPLG" => 2.0,
                            "PPLA" => 1.0,
                            "PPLA2" => 0.5,
                            _ => 0.0,
                        }
                }
            };
            // "Chitwan district": the name of a division, not a village spelled like it; "the
            // city of Porto": the city, not the district named after it.
            let hinted = match hint {
                KindHint::Division => p.kind == PlaceKind::Admin2,
                KindHint::Region => p.kind == PlaceKind::Admin1,
                KindHint::Settlement => p.kind == PlaceKind::Populated,
                KindHint::None => false,
            };
            let division = if hinted { 3.0 } else { 0.0 };

            let in_country = if named_country(&p.country) { 4.0 } else { 0.0 };
            let in_region = if p.kind != PlaceKind::Country && named_region(&p.admin1) {
                3.0
            } else {
                0.0
            };
            size + division + in_country + in_region
        };
        let mut scored: Vec<(f64, PlaceId)> = c.places.iter().map(|&p| (score(p), p)).collect();
        // Between equals, the place that bears the name as its own comes first, not one that
        // bears it as another name ("Homs": Syria's region, not Libya's Al Marqab).
        // Worked out once per place, not at every comparison of the sort.
        let own_names: Vec<PlaceId> = c
            .places
            .iter()
            .copied()
            .filter(|&id| normalize(&g.place(id).name) == c.key)
            .collect();
        let own_name = |id: PlaceId| own_names.contains(&id);
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(own_name(b.1).cmp(&own_name(a.1)))
                .then(a.1.cmp(&b.1))
        });
        // A village or district named like a town elsewhere ("Leeton", Australia, for a
        // Bangladeshi upazila) is the one in the country the text is about, unless the other
        // is a city news names by itself.
        let small_abroad = |q: &Place| {
            !about.contains(&q.country)
                && matches!(q.kind, PlaceKind::Populated | PlaceKind::Admin2)
                && q.population < SMALL_ABROAD
        };
        // "Ilam" in a report about Nepal is its district, not Iran's province of that name.
        let region_abroad = |q: &Place| !about.contains(&q.country) && q.kind == PlaceKind::Admin1;
        let own_district = |q: &Place| {
            about.contains(&q.country)
                && ((q.kind == PlaceKind::Admin2 && q.feature_code == "ADM2")
                    || (q.kind == PlaceKind::Populated && q.population >= 10_000))
        };
        let mut local_choice = false;
        if !about.is_empty() && region_abroad(g.place(scored[0].1)) {
            if let Some(k) = scored.iter().position(|&(_, q)| own_district(g.place(q))) {
                let chosen = scored.remove(k);
                scored.retain(|&(_, q)| about.contains(&g.place(q).country));
                scored.insert(0, chosen);
                local_choice = true;
            }
        }
        if !local_choice && !about.is_empty() && small_abroad(g.place(scored[0].1)) {
            if let Some(k) = scored
                .iter()
                .position(|&(_, q)| about.contains(&g.place(q).country))
            {
                if scored[..k].iter().all(|&(_, q)| small_abroad(g.place(q))) {
                    let chosen = scored.remove(k);
                    scored.retain(|&(_, q)| about.contains(&g.place(q).country));
                    scored.insert(0, chosen);
                    local_choice = true;
                }
            }
        }
        // "Homs", "Novosibirsk": a region's bare name is its seat's, unless the text calls it
        // a region ("Homs province"; "the Kursk region", then "fighters in Kursk").
        if !region_named && g.place(scored[0].1).kind == PlaceKind::Admin1 {
            let region = g.place(scored[0].1);
            if let Some(k) = scored.iter().position(|&(s, q)| {
                let q = g.place(q);
                q.feature_code == "PPLA"
                    && q.country == region.country
                    && q.admin1 == region.admin1
                    && scored[0].0 - s < 1.0
                    && normalize(&q.name) == c.key
            }) {
                let seat = scored.remove(k);
                scored.insert(0, seat);
            }
        }
        let (best_score, best) = scored[0];
        let p = g.place(best);
        // A text about some countries that names a place the gazetteer holds only as small
        // towns elsewhere most likely names a village of its own country the gazetteer lacks:
        // measured on the ACLED notes, such readings were wrong four times in five.
        let abroad_only = !about.is_empty()
            && scored.iter().all(|&(_, q)| {
                let q = g.place(q);
                !about.contains(&q.country)
                    && matches!(q.kind, PlaceKind::Populated | PlaceKind::Admin2)
                    && q.population < ONLY_ABROAD
            });
        // A capital does not compete with a region of its own country that bears its name:
        // news names the seat of government ("Washington said") far more than the region. Nor
        // does a region's seat with the region it governs ("Novosibirsk", "Homs").
        let capital_over_own_region = |q: &Place| {
            q.kind == PlaceKind::Admin1
                && q.country == p.country
                && (matches!(p.feature_code.as_str(), "PPLC" | "PPLG")
                    || (p.feature_code == "PPLA" && q.admin1 == p.admin1))
        };
        let own_name = own_name(best);
        let rivals: Vec<PlaceId> = scored[1..]
            .iter()
            .take_while(|(s, _)| best_score - s < 1.0)
            // A place that bears the name as its own is not rivalled by a much smaller region
            // that bears it only as another name ("Homs", Syria's, and Libya's Al Marqab region,
            // "Homs" in some languages). (A town so named still is: "Blair" may be Blairgowrie,
            // or a person; and so is a region of like size: "Sangha" is a Congolese region, a
            // Central African one, or an Indian association.)
            .filter(|(_, q)| {
                let q = g.place(*q);
                !(own_name
                    && q.kind == PlaceKind::Admin1
                    && normalize(&q.name) != c.key
                    && p.population >= CITY
                    && p.population >= 2 * q.population)
            })
            .filter(|(_, q)| {
                distance_km(p, g.place(*q)) > 161.0 && !capital_over_own_region(g.place(*q))
            })
            .map(|&(_, q)| q)
            .collect();
        let reason = if abroad_only {
            format!(
                "only small places of this name, none in {}, the countries the text is about",
                about.join(", ")
            )
        } else if local_choice {
            format!(
                "the one in {}, the country the text is about, not a small namesake elsewhere",
                p.country
            )
        } else if scored.len() == 1 {
            "the only place of this name".to_owned()
        } else if named_country(&p.country) {
            format!(
                "of {} places so named, the one in a country the text names ({})",
                scored.len(),
                p.country
            )
        } else {
            match p.kind {
                PlaceKind::Populated => {
                    format!("the most prominent of {} places so named", scored.len())
                }
                _ => format!(
                    "a {} rather than one of {} smaller places so named",
                    kind_word(p.kind),
                    scored.len() - 1
                ),
            }
        };
        Resolution {
            place: best,
            precision: p.kind.into(),
            reason,
            rivals,
            abroad_only,
        }
    }
}

/// The shipped corpus's toponyms, precomputed by `make corpus-toponyms` into
/// `corpus/toponyms.json`, so that the page needs no gazetteer to show them.
pub fn shipped_toponyms() -> Result<ToponymTable, crate::packed::Error> {
    // build.rs's packed copy: the page reads no JSON.
    crate::packed::from_bytes(include_bytes!(concat!(env!("OUT_DIR"), "/toponyms.bin")))
}

/// The toponyms of every document of a corpus, keyed by document id (sorted, so the JSON is
/// stable): what `corpus/toponyms.json` holds for the shipped corpus.
pub fn corpus_toponyms(parser: &Geoparser<'_>, corpus: &crate::corpus::Corpus) -> ToponymTable {
    corpus
        .documents
        .iter()
        .map(|d| (d.id.clone(), parser.records(&d.text)))
        .collect()
}

/// An empty map with room for `n` entries (none of these maps is read in iteration order
/// where the order could show).
fn sized_map<K, V>(n: usize) -> FastMap<K, V> {
    FastMap::with_capacity_and_hasher(n, Default::default())
}

/// Whether two lookup keys are one name written with and without abbreviation dots: the
/// gazetteer keeps "st. louis", a phrase of tokens reads "st louis".
fn same_name_but_dots(a: &str, b: &str) -> bool {
    a.bytes()
        .filter(|&c| c != b'.')
        .eq(b.bytes().filter(|&c| c != b'.'))
}

fn kind_word(kind: PlaceKind) -> &'static str {
    match kind {
        PlaceKind::Populated => "town",
        PlaceKind::Admin1 => "region",
        PlaceKind::Admin2 => "district",
        PlaceKind::Country => "country",
        PlaceKind::Area => "wider area",
    }
}

/// Two capitalised words that each name a place but not together ("Malaya Loknya": "Malaya"
/// matches a town in Tanzania, "Loknya" one in Pskov) are one name the gazetteer lacks.
/// Whether token `k` follows a capitalised word's dot and one space ("Mrs. Lincoln"): a
/// sentence's end, or an abbreviation's.
fn after_capitalised_dot(words: &Words<'_>, k: usize) -> bool {
    let (previous, token) = (&words.tokens[k - 1], &words.tokens[k]);
    let gap = &words.text[previous.span.end..token.span.start];
    (gap == ". " || gap == ".\u{a0}") && previous.capitalized
}

/// Whether the mention at `span` is said to be in "the city" or "the capital" ("the city's
/// Mirpur area", "Lalbagh in the capital"): `Some(true)` for the capital, `Some(false)` for the
/// city.
fn city_context(text: &str, span: Span) -> Option<bool> {
    // The two words before, last first.
    let mut before = text[..span.start].trim_end().rsplit(' ');
    let (last, previous) = (before.next().unwrap_or_default(), before.next());
    let after = text[span.end..].trim_start();
    let after = after.strip_prefix("area ").unwrap_or(after);
    for (word, capital) in [("capital", true), ("city", false)] {
        let possessive = previous == Some("the")
            && last.strip_suffix("'s").or_else(|| last.strip_suffix("’s")) == Some(word);
        let following = ["in the ", "of the "].iter().any(|p| {
            after.strip_prefix(p).is_some_and(|rest| {
                rest.starts_with(word) && !rest[word.len()..].starts_with(char::is_alphanumeric)
            })
        });
        if possessive || following {
            return Some(capital);
        }
    }
    None
}

/// Whether token `k` follows a title's or an initial's dot ("Mrs. Lincoln", "Matthew D.
/// Flores"): a dot that ends no sentence. Only a title that is abbreviated ("Gen.", not
/// "Judge." ending a sentence).
fn joined_by_abbreviation(words: &Words<'_>, k: usize) -> bool {
    let abbreviated_title = || {
        TITLES
            .iter()
            .any(|t| t.strip_suffix('.') == Some(words.key(k - 1)))
    };
    after_capitalised_dot(words, k) && (words.tokens[k - 1].span.len() == 1 || abbreviated_title())
}

/// Whether token `k` follows the dot of an abbreviation that begins place names: "St.
/// Petersburg", "Ft. Worth", "Mt. Vernon" are one name, as without the dot.
fn after_place_abbreviation(words: &Words<'_>, k: usize) -> bool {
    after_capitalised_dot(words, k)
        && words.tokens[k].capitalized
        && matches!(words.key(k - 1), "st" | "ste" | "ft" | "mt")
}

fn merge_adjacent_names<'p>(
    text: &str,
    tokens: &[Token],
    found: Vec<Candidate<'p>>,
    strong: impl Fn(&Candidate) -> bool,
) -> Vec<Candidate<'p>> {
    let mut out: Vec<Candidate<'p>> = Vec::with_capacity(found.len());
    for c in found {
        if let Some(previous) = out.last_mut() {
            let adjacent = previous.tokens.1 == c.tokens.0
                && tokens[c.tokens.0].joined_to_previous
                && !tokens[c.tokens.0].sentence_start;
            let both_places = previous.kind == MentionKind::Place && c.kind == MentionKind::Place;
            let previous_possessive =
                tokens[previous.tokens.1 - 1].base != tokens[previous.tokens.1 - 1].span;
            if adjacent && both_places && !previous_possessive && !strong(previous) && !strong(&c) {
                previous.span = Span::new(previous.span.start, c.span.end);
                previous.tokens.1 = c.tokens.1;
                previous.key = normalize(previous.span.of(text));
                previous.places = Cow::Borrowed(&[]);
                previous.merged = true;
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Writes into `key` the lookup key of the `n` tokens from token `i`, if they can form one
/// name: joined by single spaces, inner words capitalised or connectors, the last capitalised
/// or a geographic suffix.
fn phrase_key(words: &Words<'_>, i: usize, n: usize, key: &mut String) -> bool {
    key.clear();
    let last = n - 1;
    for k in 0..n {
        let t = words.tokens[i + k];
        if k > 0 && !t.joined_to_previous && !after_place_abbreviation(words, i + k) {
            return false;
        }
        if k < last && t.base != t.span {
            return false; // a possessive ends the name
        }
        let ok = t.capitalized
            || (k > 0 && articled(words, i + k))
            || (k > 0
                && k < last
                && words
                    .lowercase_classes(i + k, false)
                    .exact
                    .has(Classes::CONNECTOR))
            || (k == last
                && k > 0
                && words
                    .lowercase_classes(i + k, true)
                    .exact
                    .has(Classes::GEO_SUFFIX));
        if !ok {
            return false;
        }
        if k > 0 {
            key.push(' ');
        }
        key.push_str(if k == last {
            words.base_key(i + k)
        } else {
            words.key(i + k)
        });
    }
    true
}

/// "al-Ain" in "Ras al-Ain", "el-Sheikh" in "Sharm el-Sheikh": a connector joined by a hyphen
/// to a capitalised word, inside a name.
fn articled(words: &Words<'_>, k: usize) -> bool {
    let word = words.tokens[k].span.of(words.text);
    // The first hyphen by its byte (no other character's UTF-8 holds it): asked of nearly
    // every word after a capitalised one.
    let Some(hyphen) = word.bytes().position(|b| b == b'-') else {
        return false;
    };
    let (article, rest) = (&word[..hyphen], &word[hyphen + 1..]);
    rest.starts_with(|c: char| c.is_uppercase()) && CONNECTORS.contains(article)
}

/// If a run of up to three capitalised words after token `i` ends in a word of `last_class`
/// in lower case, with or without a dot after it ("Main Street", "Orchard St.", "Laurel
/// County"): its end token and end byte.
fn capitalised_run_ending_in(
    words: &Words<'_>,
    i: usize,
    last_class: Classes,
) -> Option<(usize, usize)> {
    let (text, tokens) = (words.text, words.tokens);
    for k in 1..=3 {
        let j = i + k;
        let t = tokens.get(j)?;
        if !t.joined_to_previous || !t.capitalized || tokens[j - 1].base != tokens[j - 1].span {
            return None;
        }
        let classes = words.lowercase_classes(j, false);
        if classes.exact.has(last_class) {
            return Some((j + 1, t.span.end));
        }
        if text[t.span.end..].starts_with('.') && classes.before_dot.has(last_class) {
            return Some((j + 1, t.span.end + 1));
        }
    }
    None
}

/// For each line of `text`, whether it is set in title case (a headline or heading), where
/// capitals say nothing about names: mostly capitalised words, no closing full stop.
fn title_case_lines(text: &str, tokens: &[Token], lines_index: &Lines) -> Vec<bool> {
    // Small words, as written (so lower case), by length: asked of nearly every word.
    let small_word = |word: &str| match word.len() {
        1 => word == "a",
        2 => matches!(
            word,
            "an" | "or" | "of" | "in" | "on" | "at" | "to" | "by" | "as"
        ),
        3 => matches!(word, "the" | "and" | "for"),
        4 => matches!(word, "with" | "from" | "into" | "over"),
        _ => false,
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let mut counts = vec![(0usize, 0usize); lines.len()];
    let mut line = 0;
    for t in tokens {
        let word = t.span.of(text);
        // Small words are lower case: a capitalised word is none of them.
        if t.alphabetic && (t.capitalized || !small_word(word)) {
            line = lines_index.next_of(line, t.span.start);
            counts[line].0 += 1;
            counts[line].1 += usize::from(t.capitalized);
        }
    }
    counts
        .iter()
        .zip(&lines)
        .map(|(&(words, capitals), line)| {
            words >= 3
                && capitals * 4 >= words * 3
                && !line.trim_end().ends_with(['.', '?', '!', '"', '”'])
        })
        .collect()
}

/// Line numbers of byte offsets, by binary search over the line starts.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(text.match_indices('\n').map(|(i, _)| i + 1).collect())
    }

    fn of(&self, byte: usize) -> usize {
        self.0.partition_point(|&start| start <= byte)
    }

    /// [`Lines::of`] for offsets in increasing order, from the previous answer `line`.
    fn next_of(&self, mut line: usize, byte: usize) -> usize {
        while self.0.get(line).is_some_and(|&start| start <= byte) {
            line += 1;
        }
        line
    }
}

/// What the words around a mention say about it, for the rules of
/// [`Geoparser::resolve_by_reading`].
struct Reading<'a> {
    text: &'a str,
    candidates: &'a [Candidate<'a>],
    about: &'a [String],
    cues: &'a [String],
    /// Per mention, the mention naming the place it lies in, and whether a word says so ("in",
    /// "upazila of") rather than a comma.
    containers: Vec<Option<(usize, bool)>>,
    /// Per mention, whether it is one of a list of regions.
    listed_regions: Vec<bool>,
    sentence_marks: SentenceMarks,
}

/// "Tirah, Khyber Agency" where the gazetteer knows Tirah only as a small town in Israel: a
/// container named beside a name says where it is, and namesakes of no note in other
/// countries do not change that.
fn only_small_namesakes_abroad(g: &Gazetteer, c: &Candidate, outer: &Place) -> bool {
    outer.kind != PlaceKind::Country
        && !c.places.is_empty()
        && c.places.iter().all(|&p| {
            let p = g.place(p);
            p.country != outer.country
                && matches!(p.kind, PlaceKind::Populated | PlaceKind::Admin2)
                && p.population < SMALL_ABROAD
        })
}

/// What a text is about: how many of its mentions point to each country and region code.
struct Topic<'a> {
    countries: FastMap<&'a str, usize>,
    regions: FastMap<&'a str, usize>,
}

/// Containers named beside a mention: after it ("X in Y", "X, Y", "X upazila of Y") or, for a
/// name the gazetteer lacks, before it ("Baghdad's Amil neighbourhood", "the Homs
/// neighbourhood of Baba Amr").
fn named_containers(text: &str, candidates: &[Candidate]) -> Vec<Option<(usize, bool)>> {
    let mut container: Vec<Option<(usize, bool)>> = vec![None; candidates.len()];
    for i in 0..candidates.len().saturating_sub(1) {
        let gap = text[candidates[i].span.end..candidates[i + 1].span.start].trim();
        // At most 16 characters of 4 bytes: longer gaps (whole paragraphs, often) are not
        // worth lower-casing.
        if gap.len() > 16 * 4 {
            continue;
        }
        let gap = gap.to_lowercase();
        // "X in Y", "X upazila of Y", "X village under Y", "X neighborhood outside of Y": Y
        // contains X, or lies by it.
        let division = |g: &str| {
            g.split_once(' ').is_some_and(|(word, rest)| {
                crate::place_words::is_division_noun(word)
                    && (crate::place_words::is_near_phrase(rest) || {
                        // "in", "of the", "in western": a preposition, then the container's
                        // article and words of position.
                        let mut rest = rest.split_whitespace();
                        matches!(rest.next(), Some("in" | "of" | "under"))
                            && rest.all(|w| w == "the" || crate::place_words::is_position_word(w))
                    })
            })
        };
        let explicit = matches!(gap.as_str(), "in" | "in the" | "of the" | "of" | "under")
            || crate::place_words::is_near_phrase(&gap)
            || preposition_and_position(&gap)
            || division_named_after(&gap)
            || division(&gap)
            || apposition_in(&gap)
            || (candidates[i].places.is_empty()
                && (comma_and_position(&gap) || close_bearing(&gap)));
        // "Tirah valley, Khyber Agency": a kind of place, then the container.
        let comma = gap == ","
            || gap
                .strip_suffix(',')
                .is_some_and(|noun| crate::place_words::is_place_noun(noun.trim_end()));
        if (comma || explicit) && candidates[i + 1].kind == MentionKind::Place {
            container[i] = Some((i + 1, explicit));
        }
    }
    // "Sibaya and Chiri villages in Sinjar": a plural noun gives every name of the list before
    // it the container it gives the last.
    let mut listed = vec![false; candidates.len()];
    for i in (0..candidates.len().saturating_sub(1)).rev() {
        let next = i + 1;
        let Some((holder, true)) = container[next] else {
            continue;
        };
        let typed_list = listed[next]
            || text[candidates[next].span.end..]
                .split_whitespace()
                .next()
                .is_some_and(|w| crate::place_words::is_division_noun(w) && w.ends_with('s'));
        let joined = matches!(
            text[candidates[i].span.end..candidates[next].span.start].trim(),
            "," | "and" | ", and" | "or"
        );
        if container[i].is_none()
            && candidates[i].places.is_empty()
            && candidates[i].kind == MentionKind::Place
            && typed_list
            && joined
        {
            container[i] = Some((holder, true));
            listed[i] = true;
        }
    }
    // A name the gazetteer lacks after its owner: "Baghdad's Amil neighbourhood", "the Homs
    // neighbourhood of Baba Amr".
    for i in 1..candidates.len() {
        if container[i].is_some()
            || !candidates[i].places.is_empty()
            || candidates[i].kind != MentionKind::Place
            || candidates[i - 1].kind == MentionKind::Street
        {
            continue;
        }
        // "the Somali town of Huddur": a people's word right before the noun names the country
        // the town is in ("Somali's" owns nothing).
        let demonym = candidates[i - 1].kind == MentionKind::Demonym;
        let gap = &text[candidates[i - 1].span.end..candidates[i].span.start];
        let owner = gap
            .strip_prefix("'s")
            .or_else(|| gap.strip_prefix("’s"))
            .is_some_and(|rest| {
                // "Baghdad's Amil neighbourhood", "Baghdad's northwestern neighbourhood of
                // Hurriyah".
                let rest = rest.trim_end();
                let rest = rest
                    .strip_suffix(" of")
                    .and_then(|r| r.rsplit_once(' '))
                    .filter(|(_, noun)| crate::place_words::is_naming_noun(noun))
                    .map_or(rest, |(head, _)| head);
                rest.split_whitespace()
                    .all(crate::place_words::is_position_word)
            });
        let mut words = gap.split_whitespace();
        // (Not "the Kokrajhar district of North Eastern state": a name called a region holds
        // the district before it.)
        let noun_of = matches!((words.next(), words.next(), words.next()), (Some(noun), Some("of"), None) if crate::place_words::is_naming_noun(noun))
            && !called_a_region(text, candidates[i].span);
        if (owner && !demonym) || noun_of {
            container[i] = Some((i - 1, true));
        }
    }
    container
}

/// Whether a word follows at token `k` with no punctuation between (a noun or name the word
/// before describes).
fn word_follows(words: &Words<'_>, k: usize) -> bool {
    words
        .tokens
        .get(k)
        .is_some_and(|t| t.joined_to_previous && !t.sentence_start)
}

/// Whether a region word follows `span`: "the Latakia province".
fn called_a_region(text: &str, span: Span) -> bool {
    text[span.end..]
        .split_whitespace()
        .next()
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
        .is_some_and(|w| REGION_WORDS.contains_ignore_case(w))
}

/// "Maryin Gubay, a small town in southern Somalia": an apposition that says what a place is
/// and what holds it (`gap`, lower case, runs from the comma to the container).
fn apposition_in(gap: &str) -> bool {
    let Some(rest) = gap.strip_prefix(',') else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    let Some((first, rest)) = words.split_first() else {
        return false;
    };
    let Some(k) = rest.iter().position(|w| matches!(*w, "in" | "of")) else {
        return false;
    };
    // The words between the article and the noun: any two ("a small fishing village"), or
    // more that all describe ("a mostly Sunni and Shiite neighborhood").
    let describing = |descriptors: &[&str]| {
        use crate::place_words::{is_describing_word, is_group_word, is_position_word};
        descriptors
            .iter()
            .filter(|w| !matches!(**w, "and" | "or"))
            .count()
            <= frames::APPOSITION_ADJECTIVES
            && descriptors.iter().all(|w| {
                let w = crate::casefold::lower_for_ascii(w);
                matches!(&*w, "and" | "or")
                    || is_position_word(&w)
                    || is_describing_word(&w)
                    || is_group_word(&w)
            })
    };
    matches!(*first, "a" | "an")
        && k >= 1
        && (k <= 3 || describing(&rest[..k - 1]))
        && crate::place_words::is_place_noun(rest[k - 1])
        && rest[k + 1..]
            .iter()
            .all(|w| *w == "the" || crate::place_words::is_position_word(w))
}

/// How near another place the text names a small place's namesake must lie to be the one
/// meant ([`Geoparser::namesakes_beside_the_others`]); the one chosen first gives way only
/// when it lies more than twice as far from every such place.
const BESIDE_KM: f64 = 40.0;

/// How near a town or district a namesake must lie to be the one the text puts in or by it
/// ("Kaitalo in Bera upazila"): a district's span.
const DISTRICT_KM: f64 = 80.0;

/// The most a name the gazetteer lacks may lie from the town it is placed at: "Sahnin, 15
/// kilometers north of Nazareth" is put at Nazareth, "Brickaville, 100 kilometers west of
/// Toamasina" is not. The facts take a place at a stated distance as an event's site within
/// it too.
pub const CLOSE_KM: f64 = 50.0;

/// "Sahnin, 15 kilometers (nine miles) north of Nazareth", "al-Wafa west of Ramadi": a
/// bearing from the next place (`gap`, lower case), at a stated distance of at most
/// [`CLOSE_KM`] or none.
pub(super) fn close_bearing(gap: &str) -> bool {
    let Some(before_of) = gap
        .strip_suffix(" of")
        .or_else(|| gap.strip_suffix(" of the"))
    else {
        return false;
    };
    // An aside in brackets gives the distance again in other units.
    let plain = crate::place_words::outside_brackets(before_of);
    let words: Vec<&str> = plain
        .trim_start_matches(',')
        .split_whitespace()
        .filter(|w| !matches!(*w, "about" | "some" | "around" | "nearly" | "roughly"))
        .collect();
    match words.as_slice() {
        [bearing] => is_bearing(bearing),
        [number, unit, bearing] => {
            let Ok(n) = number.replace(',', "").parse::<f64>() else {
                return false;
            };
            let km = match *unit {
                "km" | "kms" | "kilometers" | "kilometres" => n,
                "miles" | "mi" => n * 1.609,
                _ => return false,
            };
            km <= CLOSE_KM && is_bearing(bearing)
        }
        _ => false,
    }
}

/// A compass bearing: "north", "southwest", "north-east".
fn is_bearing(word: &str) -> bool {
    let word = word.replace('-', "");
    crate::word_list::word_list!("relative-to").contains(word.as_str())
        && !matches!(
            word.as_str(),
            "across" | "km" | "kilometres" | "kilometers" | "miles"
        )
}

/// "the town of Khan Touman, southern Aleppo": a comma and words of position before the
/// container. Only for a name the gazetteer lacks: between two names it knows, it is as often
/// a list ("Kharkiv, northern Kyiv").
/// "the village of Sousan in northern Aleppo", "in the northern": a preposition of
/// containment, then the container's article and words of position.
pub(super) fn preposition_and_position(gap: &str) -> bool {
    let mut words = gap.split_whitespace();
    if !matches!(words.next(), Some("in" | "near")) {
        return false;
    }
    let mut position = false;
    for w in words {
        if crate::place_words::is_position_word(w) {
            position = true;
        } else if w != "the" || position {
            return false;
        }
    }
    position
}

/// "the settlement of Bayada in the province of Aleppo", "Kfar Kila, in the district of
/// Marjayoun": the kind of the container written before its name.
fn division_named_after(gap: &str) -> bool {
    let gap = gap.strip_prefix(',').unwrap_or(gap);
    let words: Vec<&str> = gap.split_whitespace().collect();
    match words.as_slice() {
        ["in" | "near", "the", rest @ .., noun, "of"] => {
            crate::place_words::is_naming_noun(noun)
                && rest.iter().all(|w| crate::place_words::is_position_word(w))
        }
        _ => false,
    }
}

fn comma_and_position(gap: &str) -> bool {
    gap.strip_prefix(',').is_some_and(|rest| {
        let mut words = rest.split_whitespace().peekable();
        words.peek().is_some() && words.all(crate::place_words::is_position_word)
    })
}

/// The places named as quarters of what follows `at` ("Gulistan area of", "Gulistan, Nilkhet
/// and Azimpur areas in"): the one before a singular quarter word, every member of the list
/// before a plural one.
fn quarters_before(text: &str, at: usize, found: &[Toponym]) -> std::ops::Range<usize> {
    let before = text[..at].trim_end();
    let Some(before) = before
        .strip_suffix(" of")
        .or_else(|| before.strip_suffix(" in"))
    else {
        return 0..0;
    };
    let Some((head, word)) = before.rsplit_once(' ') else {
        return 0..0;
    };
    let Some(plural) = crate::place_words::quarter_noun(&word.to_lowercase()) else {
        return 0..0;
    };
    let end = head.trim_end().len();
    // A list may hold names the gazetteer lacks ("Gulistan, Asadgate and Nilkhet areas"): the
    // gap between two found members is commas, "and" and capitalised words.
    let list_gap = |gap: &str| {
        gap.split([' ', ','])
            .all(|w| w.is_empty() || w == "and" || w.starts_with(char::is_uppercase))
    };
    let Some(last) = found.iter().rposition(|t| {
        t.span.end == end || (plural && t.span.end < end && list_gap(&text[t.span.end..end]))
    }) else {
        return 0..0;
    };
    let mut first = last;
    while plural && first > 0 && list_gap(&text[found[first - 1].span.end..found[first].span.start])
    {
        first -= 1;
    }
    first..last + 1
}

/// The words between two members of a list of places: "Saratov, Voronezh and Rostov".
fn joins_a_list(gap: &str) -> bool {
    matches!(gap, "," | "and" | ", and" | "or")
}

/// "Russia's Saratov, Voronezh and Rostov regions": every member of the list is a region.
fn listed_regions(text: &str, candidates: &[Candidate]) -> Vec<bool> {
    let mut want_region = vec![false; candidates.len()];
    for i in 0..candidates.len() {
        let after = text[candidates[i].span.end..].trim_start();
        let next_word: String = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        let plural =
            ["regions", "oblasts", "provinces", "states", "krais"].contains(&next_word.as_str());
        if !plural {
            continue;
        }
        want_region[i] = true;
        let mut j = i;
        while j > 0 {
            let gap = text[candidates[j - 1].span.end..candidates[j].span.start].trim();
            if joins_a_list(gap) {
                want_region[j - 1] = true;
                j -= 1;
            } else {
                break;
            }
        }
    }
    want_region
}

/// The toponyms of the resolved candidates: a merged candidate left unresolved is dropped (its
/// parts stand), and a name placed at a place other than its own candidates' lies inside it.
fn toponyms(candidates: &[Candidate], resolutions: Vec<Option<Resolution>>) -> Vec<Toponym> {
    candidates
        .iter()
        .zip(resolutions)
        .filter(|(c, r)| !(c.merged && r.is_none()))
        .map(|(c, resolution)| {
            let inside = c.kind == MentionKind::Place
                && resolution
                    .as_ref()
                    .is_some_and(|r| !c.places.contains(&r.place));
            Toponym {
                span: c.span,
                kind: c.kind,
                candidates: c.places.len(),
                resolution,
                inside,
            }
        })
        .collect()
}

/// A name found at a token: its word count, key, places, kind, and whether the key keeps an
/// abbreviation's dot.
type NameMatch<'g> = (usize, String, Cow<'g, [PlaceId]>, MentionKind, bool);

/// The token after the capitalised words joined to token `from`'s run, `from` itself if none.
fn capitalised_run_end(tokens: &[Token], from: usize) -> usize {
    let mut j = from;
    while j < tokens.len()
        && tokens[j].capitalized
        && tokens[j].joined_to_previous
        && !tokens[j].sentence_start
    {
        j += 1;
    }
    j
}

/// What [`Geoparser::is_place_reading`]'s rules read of a match: where its tokens are, whether it
/// names more than a town, the population of its biggest town, the capitalised word after it,
/// whether it is possessive, whether its line is a title-case headline.
#[derive(Clone, Copy)]
struct MatchShape {
    first: usize,
    end: usize,
    single: bool,
    strong: bool,
    biggest: u64,
    next: Option<usize>,
    possessive: bool,
    in_title: bool,
}

/// Byte offsets of the full stops, question and exclamation marks between a text's first and
/// last mention: counting them between two mentions by binary search, instead of rescanning
/// the text for every pair of mentions, keeps resolution linear in long texts.
struct SentenceMarks(Vec<usize>);

impl SentenceMarks {
    fn new(text: &str, candidates: &[Candidate]) -> SentenceMarks {
        let from = candidates.iter().map(|c| c.span.start).min().unwrap_or(0);
        let to = candidates
            .iter()
            .map(|c| c.span.end)
            .max()
            .unwrap_or(0)
            .max(from);
        let mut marks = Vec::new();
        // Eight bytes at a time: marks are rare, and most stretches of eight hold none.
        for (k, chunk) in text.as_bytes()[from..to].chunks(8).enumerate() {
            if let Ok(eight) = <[u8; 8]>::try_from(chunk) {
                let word = u64::from_le_bytes(eight);
                if !has_byte(word, b'.') && !has_byte(word, b'!') && !has_byte(word, b'?') {
                    continue;
                }
            }
            for (i, &b) in chunk.iter().enumerate() {
                if matches!(b, b'.' | b'!' | b'?') {
                    marks.push(from + 8 * k + i);
                }
            }
        }
        SentenceMarks(marks)
    }

    /// How many marks lie in the bytes `a..b`, both between mentions.
    fn between(&self, a: usize, b: usize) -> usize {
        self.0
            .partition_point(|&at| at < b)
            .saturating_sub(self.0.partition_point(|&at| at < a))
    }
}

/// The mention a sentence opens with as where it happens ("In Mastung, …"), before mention `i`
/// in the same sentence.
fn fronted_locative(
    text: &str,
    candidates: &[Candidate],
    marks: &SentenceMarks,
    i: usize,
) -> Option<usize> {
    let c = &candidates[i];
    (0..i)
        .rev()
        .take_while(|&k| marks.between(candidates[k].span.end, c.span.start) == 0)
        .find(|&k| {
            let other = &candidates[k];
            // "In Mastung,", "In the Latakia province,", "In the province of Hama,".
            let mut before = text[..other.span.start].trim_end();
            if let Some(head) = before.strip_suffix(" of") {
                if let Some((head, word)) = head.trim_end().rsplit_once(' ') {
                    if REGION_WORDS.contains(word) {
                        before = head.trim_end();
                    }
                }
            }
            let before = before.strip_suffix(" the").unwrap_or(before);
            let Some(opening) = before.strip_suffix("In") else {
                return false;
            };
            let opening = opening.trim_end_matches([' ', '\t']);
            let after = &text[other.span.end..];
            let after = after
                .split_once(',')
                .filter(|(word, _)| word.trim().is_empty() || REGION_WORDS.contains(word.trim()))
                .is_some();
            other.kind == MentionKind::Place
                && after
                && (opening.is_empty() || opening.ends_with(['.', '!', '?', '\n', '"', '“']))
        })
}

/// Whether any of the eight bytes of `word` is `byte` (the classic zero-byte test on
/// `word ^ byte…`: exact about whether, if not about where).
fn has_byte(word: u64, byte: u8) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & (ONES << 7) != 0
}

/// Great-circle distance in kilometres.
pub fn distance_km(a: &Place, b: &Place) -> f64 {
    crate::geodesy::great_circle_km(a.lat, a.lon, b.lat, b.lon)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::tests::sample;

    /// (text, [(mention, resolved place name or "-", precision)])
    fn check(text: &str, expected: &[(&str, &str, Option<Precision>)]) {
        let g = sample();
        let parser = Geoparser::new(&g);
        let got: Vec<(String, String, Option<Precision>)> = parser
            .parse(text)
            .iter()
            .map(|t| {
                let r = t.resolution.as_ref();
                (
                    t.span.of(text).to_owned(),
                    r.map_or("-".to_owned(), |r| g.place(r.place).name.clone()),
                    r.map(|r| r.precision),
                )
            })
            .collect();
        let expected: Vec<(String, String, Option<Precision>)> = expected
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
            .collect();
        assert_eq!(got, expected, "{text}");
    }

    use Precision::*;

    #[test]
    fn of_a_small_places_namesakes_the_one_beside_the_others() {
        // The bigger Galachipa lies 170 km from Narayanganj, the smaller 6 km: the words name
        // no container, the map of the text's other places decides. (Narayanganj has a
        // namesake in India, so it is no anchor of `near_a_named_place`, which looks only at
        // names of one place.)
        let g = sample();
        let parser = Geoparser::new(&g);
        let text = "Assailants torched a bus at Galachipa on Monday. Police in Narayanganj \
            arrested two men.";
        let found = parser.parse(text);
        let r = found[0].resolution.as_ref().expect("placed");
        assert_eq!(
            (g.place(r.place).admin1.as_str(), r.rivals.len()),
            ("BD.82", 0),
            "{}",
            r.reason
        );
        assert!(r.reason.contains("beside Narayanganj"), "{}", r.reason);
        // Alone, the bigger one.
        let found = parser.parse("Assailants torched a bus at Galachipa on Monday.");
        let r = found[0].resolution.as_ref().expect("placed");
        assert_eq!(g.place(r.place).admin1, "BD.85", "{}", r.reason);
    }

    #[test]
    fn possessives_regions_and_multiword_names() {
        check(
            "Russia’s troops retook Sudzha in the Kursk region, near Sumy Oblast and Kryvyi Rih.",
            &[
                ("Russia", "Russia", Some(Country)),
                ("Sudzha", "Sudzha", Some(Point)),
                ("Kursk region", "Kursk", Some(Admin1)),
                ("Sumy Oblast", "Sumy", Some(Admin1)),
                ("Kryvyi Rih", "Kryvyy Rih", Some(Point)),
            ],
        );
    }

    #[test]
    fn containment_restricts_and_never_picks_a_namesake_elsewhere() {
        check(
            "Drones hit the village of Obukhovo in Kaluga region overnight.",
            &[
                ("Obukhovo", "Kaluga", Some(Admin1)),
                ("Kaluga region", "Kaluga", Some(Admin1)),
            ],
        );
        let g = sample();
        let parser = Geoparser::new(&g);
        let found = parser.parse("Drones hit the village of Obukhovo in Kaluga region overnight.");
        assert!(found[0]
            .resolution
            .as_ref()
            .unwrap()
            .reason
            .contains("no place of this name in Kaluga"));
    }

    #[test]
    fn people_organisations_and_words_are_not_places() {
        check(
            "George Washington met Paris Hilton and Vladimir Putin.",
            &[],
        );
        check("The Washington Post reported it.", &[]);
        check(
            "Reading the report, he left his mobile phone in Mobile.",
            &[("Mobile", "Mobile", Some(Point))],
        );
        check("President Lincoln spoke.", &[]);
        // An abbreviated title or a middle initial and its dot, or a first name the list
        // lacks, before a small place's name make it a surname.
        check("Mrs. Sudzha spoke, and Capt. Roy A. Obukhovo agreed.", &[]);
        check("Who would have wanted Matthew D. Sudzha dead?", &[]);
        check("Nakishia Sudzha, 24, was approached by two men.", &[]);
        // But not a title ending a sentence, a capitalised everyday word, or a bigger place.
        check(
            "They thanked the Judge. Sudzha was shelled.",
            &[("Sudzha", "Sudzha", Some(Point))],
        );
        check(
            "Nakishia Kursk and Nakishia Kyiv.",
            &[
                ("Kursk", "Kursk", Some(Point)),
                ("Kyiv", "Kyiv", Some(Point)),
            ],
        );
    }

    #[test]
    fn an_abbreviation_and_its_dot_begin_a_name() {
        check(
            "Talks in St. Petersburg and St Petersburg.",
            &[
                ("St. Petersburg", "Saint Petersburg", Some(Point)),
                ("St Petersburg", "Saint Petersburg", Some(Point)),
            ],
        );
        // A saint's name the gazetteer lacks is not the place named like the saint.
        check("Officials in St. Moscow and St Kyiv said.", &[]);
    }

    #[test]
    fn demonyms_are_kept_apart() {
        let g = sample();
        let parser = Geoparser::new(&g);
        let found = parser.parse("Russian forces and Ukrainian troops met in Kyiv.");
        let kinds: Vec<MentionKind> = found.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                MentionKind::Demonym,
                MentionKind::Demonym,
                MentionKind::Place
            ]
        );
    }

    #[test]
    fn context_and_titles_in_headlines() {
        check(
            "Putin Visits Kursk Region As US Envoy Lands In Moscow",
            &[
                ("Kursk Region", "Kursk", Some(Admin1)),
                ("US", "United States", Some(Country)),
                ("Moscow", "Moscow", Some(Point)),
            ],
        );
        check(
            "U.S. President Donald Trump spoke in Washington.",
            &[
                ("U.S.", "United States", Some(Country)),
                ("Washington", "Washington", Some(Point)),
            ],
        );
    }

    #[test]
    fn streets_are_recognised_without_a_place() {
        check(
            "A fire at 6016 Dublin Road and on Orchard St. in Paris.",
            &[
                ("Dublin Road", "-", None),
                ("Orchard St.", "-", None),
                ("Paris", "Paris", Some(Point)),
            ],
        );
    }

    #[test]
    fn sentence_marks_are_counted_exactly() {
        let text =
            "Kursk. Sumy! Kyiv? U.S. envoy… in Москва.\n?!.. and then nothing at all for a while.";
        let candidate = |start, end| Candidate {
            span: Span::new(start, end),
            kind: MentionKind::Place,
            places: Cow::Borrowed(&[]),
            key: String::new(),
            tokens: (0, 0),
            merged: false,
        };
        let marks = SentenceMarks::new(
            text,
            &[candidate(0, 1), candidate(text.len() - 1, text.len())],
        );
        for a in 0..text.len() {
            for b in a..text.len() {
                assert_eq!(
                    marks.between(a, b),
                    text.as_bytes()[a..b]
                        .iter()
                        .filter(|b| matches!(b, b'.' | b'!' | b'?'))
                        .count()
                );
            }
        }
        for byte in 0..=255u8 {
            for word in [0u64, u64::MAX, 0x2e2e_2e2e_2e2e_2e2e, 0x0100_ff80_7f2e_2100] {
                assert_eq!(
                    has_byte(word, byte),
                    word.to_le_bytes().contains(&byte),
                    "{word:x} {byte}"
                );
            }
        }
    }

    #[test]
    fn spans_are_ordered_char_boundaries_on_any_input() {
        let g = sample();
        let parser = Geoparser::new(&g);
        for text in [
            "",
            "   ",
            "Київ і Kyiv’s",
            "ÉÉÉ Moscow's\u{0}\u{feff}Russia",
            "''''",
            "U.S.",
            "A. B. C.",
            "Москва Moscow",
            "...Moscow...",
            "-Kyiv-",
        ] {
            let mut previous = 0;
            for t in parser.parse(text) {
                assert!(
                    text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end),
                    "{text:?}"
                );
                assert!(
                    t.span.start >= previous && t.span.end > t.span.start,
                    "{text:?}"
                );
                previous = t.span.end;
            }
        }
    }
}

/// What the words around a mention say its place is: a division ("Chitwan district") or a
/// settlement ("the northern city of Porto", "Sylhet city").
#[derive(Clone, Copy, PartialEq, Eq)]
enum KindHint {
    /// "the Latakia province": the first-level region.
    Region,
    Division,
    Settlement,
    None,
}

/// Whether "the town of", "the city of" or "the village of" comes right before `span`.
fn named_as_settlement(text: &str, span: Span) -> bool {
    let mut before = text[..span.start].split_whitespace().rev();
    before.next().is_some_and(|w| w.eq_ignore_ascii_case("of"))
        && before.next().is_some_and(is_settlement_noun)
}

/// As `lower_for_ascii(w)` is one of these: only ASCII lowers to ASCII letters but for the
/// Kelvin sign ("k", in none of them) and "İ" (two characters), so ignoring ASCII case says the
/// same without a lower-cased copy.
fn is_settlement_noun(w: &str) -> bool {
    ["city", "town", "village", "cities", "towns", "villages"]
        .iter()
        .any(|s| w.eq_ignore_ascii_case(s))
}

/// The division word right after a name ("Barrow county"), or the singular of the plural one
/// closing the list the name starts ("Jackson and Barrow counties").
fn division_word_after(text: &str, span: Span) -> Option<&'static str> {
    let next = text[span.end..]
        .strip_prefix(' ')?
        .split(|ch: char| !ch.is_alphabetic())
        .next()?;
    ADMIN2_WORDS
        .iter()
        .find(|w| w.eq_ignore_ascii_case(next))
        .or_else(|| plural_kind_after_list(text, span.end).filter(|w| ADMIN2_WORDS.contains(w)))
}

/// The singular of the plural kind word after a name, or after the list of capitalised names
/// it starts ("Chittagong, Dinajpur and Sylhet districts" gives "district" for each).
fn plural_kind_after_list(text: &str, end: usize) -> Option<&'static str> {
    let mut rest = &text[end..];
    let mut items = 0;
    while items < 16 {
        let Some(after) = [", and ", ", or ", " and ", " or ", ", "]
            .iter()
            .find_map(|sep| rest.strip_prefix(sep))
        else {
            break;
        };
        // One item: capitalised words ("Cox's Bazar", "North Dinajpur").
        let mut item_end = 0;
        let mut from = 0;
        for word in after.split(' ') {
            let bare = word.trim_end_matches([',', '.', ';']);
            // "… and eastern Khost provinces": a bearing may stand before an item's name.
            if item_end == 0
                && bare.len() == word.len()
                && crate::place_words::is_position_word(bare)
            {
                from += word.len() + 1;
                continue;
            }
            if !bare.starts_with(|ch: char| ch.is_uppercase()) {
                break;
            }
            item_end = from + bare.len();
            if bare.len() != word.len() {
                break;
            }
            from += word.len() + 1;
        }
        if item_end == 0 {
            return None;
        }
        rest = &after[item_end..];
        items += 1;
    }
    let word = rest
        .strip_prefix(' ')?
        .split(|ch: char| !ch.is_alphabetic())
        .next()?;
    // The singular compared in its two parts, not put together: "counties" is "count" + "y".
    let (stem, ending) = match word.strip_suffix("ies") {
        Some(stem) => (stem, "y"),
        None => (word.strip_suffix('s')?, ""),
    };
    ADMIN2_WORDS.iter().chain(REGION_WORDS.iter()).find(|w| {
        w.len() == stem.len() + ending.len()
            && w.as_bytes()[..stem.len()].eq_ignore_ascii_case(stem.as_bytes())
            && w.as_bytes()[stem.len()..].eq_ignore_ascii_case(ending.as_bytes())
    })
}

fn kind_hint(text: &str, c: &Candidate) -> KindHint {
    kind_hint_at(text, c.span)
}

/// [`kind_hint`] of the name at `span`.
fn kind_hint_at(text: &str, span: Span) -> KindHint {
    let is_division = |w: &str| ADMIN2_WORDS.contains_ignore_case(w);
    let last = text[span.start..span.end].rsplit(' ').next().unwrap_or("");
    let mut after = text[span.end..].split_whitespace();
    let next_raw = after.next().unwrap_or("");
    let next = next_raw.trim_end_matches(|ch: char| !ch.is_alphanumeric());
    // "the Kursk town of Sudzha": the name says where the town is, not what it is.
    let names_another = next == next_raw && after.next().is_some_and(|w| w == "of");
    // "Chittagong, Dinajpur and Sylhet districts": each name of the list is a district.
    let plural = plural_kind_after_list(text, span.end);
    // "the province of Aleppo", "the district of Marjayoun": the kind written before the name.
    let mut before = text[..span.start].split_whitespace().rev();
    let kind_before = match (before.next(), before.next(), before.next()) {
        (Some("of"), Some(noun), Some(article)) if article.eq_ignore_ascii_case("the") => noun,
        _ => "",
    };
    if (REGION_WORDS.contains_ignore_case(next) && !names_another)
        || plural.is_some_and(|w| REGION_WORDS.contains_ignore_case(w))
        || REGION_WORDS.contains_ignore_case(kind_before)
    {
        KindHint::Region
    } else if is_division(last)
        || is_division(next)
        || plural.is_some_and(is_division)
        || is_division(kind_before)
    {
        KindHint::Division
    } else if (is_settlement_noun(next) && !names_another) || named_as_settlement(text, span) {
        KindHint::Settlement
    } else {
        KindHint::None
    }
}
