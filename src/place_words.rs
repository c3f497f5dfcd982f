//! `data/place-words.tsv`: the English words news writes around a place name (its kind, a
//! position within it, a part of it, who holds it, a group it is named for), and
//! `data/organisations.tsv`, names that are an organisation's before a place's; read once and
//! shared by recognition (`geoparse`) and the event rules (`facts`).

use crate::fasthash::FastSet;
use crate::word_list::{WordList, PLACE_WORDS};
use std::sync::OnceLock;

/// Statics per class: each list is read once, on first use.
macro_rules! place_words {
    ($class:literal) => {{
        static WORDS: WordList = WordList::from_source(PLACE_WORDS, $class);
        &WORDS
    }};
}

/// `text` without its asides in brackets: "12 kilometers (seven miles) northeast of" reads
/// "12 kilometers  northeast of", the distance once.
pub fn outside_brackets(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain
}

/// The kind of place a name is, written after it: "Khost city", "Sharsha upazila".
pub fn is_place_noun(word: &str) -> bool {
    place_words!("noun").contains(word)
}

/// Words that say where within a place, not which: "central", "northern", "downtown", and
/// adjectives of who holds it: "Serb-held", "rebel-controlled".
pub fn is_position_word(word: &str) -> bool {
    place_words!("position").contains(word)
        || word
            .rsplit_once('-')
            .is_some_and(|(_, tail)| place_words!("held").contains(tail))
}

/// A quarter of a city written after the quarter's name ("Gulistan area of the capital"):
/// `Some(true)` for a plural ("Gulistan and Nilkhet areas of"), which covers a whole list.
pub fn quarter_noun(word: &str) -> Option<bool> {
    place_words!("quarter")
        .contains(word)
        .then(|| word.ends_with('s'))
}

/// A part of a place written before "of": "the streets of Moscow", "areas of Baghdad".
pub fn is_part_word(word: &str) -> bool {
    place_words!("part").contains(word)
}

/// A noun that makes a capitalised name beside it a place: "the village of Deefow", "Mavo
/// village".
pub fn is_naming_noun(word: &str) -> bool {
    place_words!("names").contains(word)
}

/// The kind of a place written between its name and its container: "Sharsha upazila of
/// Jessore", "Sibaya and Chiri villages in Sinjar".
pub fn is_division_noun(word: &str) -> bool {
    place_words!("division").contains(word)
}

/// Words that put a place by another between their names: "outside of", "not far from".
pub fn is_near_phrase(words: &str) -> bool {
    place_words!("near").contains(words)
}

/// A building or facility a name may stand before and still say where: "Shannon airport".
pub fn is_site_noun(word: &str) -> bool {
    place_words!("site").contains(word)
}

/// A word describing a place in an apposition: "a small farming town".
pub fn is_describing_word(word: &str) -> bool {
    place_words!("describes").contains(word)
}

/// A people or faith a place may be named for, not a place: "a Sunni neighbourhood", "the
/// Yazidi village".
pub fn is_group_word(word: &str) -> bool {
    place_words!("group").contains(word)
}

/// An organisation's name that a gazetteer also holds as a place's: "Hamas", "Xinhua".
pub fn is_organisation(key: &str) -> bool {
    static NAMES: OnceLock<FastSet<&'static str>> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            include_str!("../data/organisations.tsv")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect()
        })
        .contains(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_reads_from_the_data_file() {
        assert!(is_place_noun("village") && is_place_noun("upazila"));
        assert!(
            is_position_word("northern")
                && is_position_word("rebel-held")
                && !is_position_word("held")
        );
        assert!(is_part_word("streets") && !is_part_word("village"));
        assert!(is_group_word("sunni") && !is_group_word("village"));
        assert!(is_naming_noun("village") && !is_naming_noun("border"));
        assert!(is_organisation("hamas") && !is_organisation("gaza"));
    }
}
