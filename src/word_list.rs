//! English word lists read from data files rather than spelled in code, so the words a rule reads
//! can be reviewed, sourced and extended without touching the rule. Each file line is
//! `class<TAB>word`; a file's header says where each class comes from.
//!
//! - `data/words.tsv`: the words the stages read around names and events (verbs of saying,
//!   clause openers, titles, function words, date context, …);
//! - `data/place-words.tsv`: the words news writes around a place name (`place_words`).
//!
//! One loader for both, shared by `sentences`, `geoparse`, `when` and `facts`.

use crate::fasthash::FastSet;
use std::sync::OnceLock;

const WORDS: &str = include_str!("../data/words.tsv");
pub(crate) const PLACE_WORDS: &str = include_str!("../data/place-words.tsv");

/// Verbs of saying: every stage reads them (claimants, persons named like places, dates of
/// saying rather than of the event).
pub(crate) static SAYING: WordList = WordList::new("saying");

/// Conjunctions and relative words that open a new clause.
pub(crate) static CLAUSE: WordList = WordList::new("clause");

/// A class of `data/words.tsv` where a rule reads it: `word_list!("locative").contains(word)`,
/// one static per use site, read on first use.
macro_rules! word_list {
    ($class:literal) => {{
        static LIST: $crate::word_list::WordList = $crate::word_list::WordList::new($class);
        &LIST
    }};
}
pub(crate) use word_list;

/// A class of `data/words.tsv` read from a copy of only its lines (build.rs writes one per
/// class), for a module that must not embed the whole file: the sentence splitter, which the
/// page runs on every article while the rest of the rules run in the worker.
/// `static ABBREVIATIONS: WordList = class_only!("abbreviations");`
macro_rules! class_only {
    ($class:literal) => {
        $crate::word_list::WordList::from_source(
            include_str!(concat!(env!("OUT_DIR"), "/words/", $class, ".tsv")),
            $class,
        )
    };
}
pub(crate) use class_only;

/// One class of one word file, read on first use.
pub(crate) struct WordList {
    source: &'static str,
    class: &'static str,
    words: OnceLock<Read>,
}

/// A class as read: its words in file order, as a set, and ASCII-lower-cased as a set.
struct Read {
    list: Vec<&'static str>,
    set: FastSet<&'static str>,
    folded: FastSet<Box<[u8]>>,
    /// Bit `n` set when some word is `n` bytes long (all bits for words of 64 bytes or
    /// more): most words asked about have a length no word of the class has, and need no hash.
    lengths: u64,
}

impl Read {
    fn may_hold(&self, len: usize) -> bool {
        len >= 64 || self.lengths & (1 << len) != 0
    }
}

impl WordList {
    /// A class of `data/words.tsv`.
    pub(crate) const fn new(class: &'static str) -> Self {
        Self::from_source(WORDS, class)
    }

    pub(crate) const fn from_source(source: &'static str, class: &'static str) -> Self {
        Self {
            source,
            class,
            words: OnceLock::new(),
        }
    }

    fn read(&self) -> &Read {
        self.words.get_or_init(|| {
            let list: Vec<&'static str> = self
                .source
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once('\t'))
                .filter(|(class, _)| *class == self.class)
                .map(|(_, word)| word.trim())
                .collect();
            // A misspelt class would silently match nothing; the unit tests read every class.
            debug_assert!(!list.is_empty(), "no words of class {}", self.class);
            let set = list.iter().copied().collect();
            let folded = list
                .iter()
                .map(|w| w.to_ascii_lowercase().into_bytes().into_boxed_slice())
                .collect();
            let lengths = list.iter().fold(0u64, |bits, w| {
                bits | if w.len() >= 64 {
                    u64::MAX
                } else {
                    1 << w.len()
                }
            });
            Read {
                list,
                set,
                folded,
                lengths,
            }
        })
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        let read = self.read();
        read.may_hold(word.len()) && read.set.contains(word)
    }

    /// Whether `word` is one of the list, ignoring ASCII case ("Tuesday night", "TUESDAY NIGHT").
    pub(crate) fn contains_ignore_case(&self, word: &str) -> bool {
        // Date rules ask this of every word of a sentence: fold a word of up to 32 bytes on
        // the stack and look it up once, rather than compare it with every word of the list.
        let read = self.read();
        if !read.may_hold(word.len()) {
            return false;
        }
        let mut buf = [0u8; 32];
        match buf.get_mut(..word.len()) {
            Some(folded) => {
                // Lowered as copied: a copy then a lowering called `memcpy` for a few bytes.
                for (to, from) in folded.iter_mut().zip(word.bytes()) {
                    *to = from.to_ascii_lowercase();
                }
                read.folded.contains(&*folded)
            }
            None => self.iter().any(|w| w.eq_ignore_ascii_case(word)),
        }
    }

    /// The words in file order, for a rule that builds its own index of several lists.
    pub(crate) fn as_slice(&'static self) -> &'static [&'static str] {
        &self.read().list
    }

    /// The words in file order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.read().list.iter().copied()
    }
}

/// A list a word can be looked up in, ignoring ASCII case: a data file's class, or a few words
/// written where a rule needs exactly those ("night", "of").
pub(crate) trait OneOf {
    fn has_ignoring_case(&self, word: &str) -> bool;
}

impl OneOf for WordList {
    fn has_ignoring_case(&self, word: &str) -> bool {
        self.contains_ignore_case(word)
    }
}

impl<const N: usize> OneOf for [&str; N] {
    fn has_ignoring_case(&self, word: &str) -> bool {
        self.iter().any(|w| w.eq_ignore_ascii_case(word))
    }
}

/// Every class a word file names, in file order (for the tests that check each is read).
#[cfg(test)]
pub(crate) fn classes(source: &'static str) -> Vec<&'static str> {
    let mut classes: Vec<&str> = Vec::new();
    for (class, _) in source
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
    {
        if !classes.contains(&class) {
            classes.push(class);
        }
    }
    classes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_holds_its_words_and_no_others() {
        let saying = WordList::new("saying");
        assert!(saying.contains("said") && saying.contains("told"));
        assert!(!saying.contains("village") && !saying.contains(""));
        assert_eq!(saying.iter().next(), Some("said"));
        assert!(saying.contains_ignore_case("SAID") && saying.contains_ignore_case("Told"));
        assert!(!saying.contains_ignore_case("said, according to the longest of sentences"));
    }

    #[test]
    fn a_class_read_alone_is_the_class_of_the_whole_file() {
        let alone: WordList = class_only!("abbreviations");
        let whole = WordList::new("abbreviations");
        assert!(alone.iter().eq(whole.iter()) && alone.contains("gen"));
        let alone: WordList = class_only!("number-abbreviations");
        assert!(alone
            .iter()
            .eq(WordList::new("number-abbreviations").iter()));
    }

    #[test]
    fn every_class_of_the_word_file_is_read_by_some_rule() {
        // A class no rule reads is dead data; a rule reading a class the file lacks trips the
        // debug assertion in `read`. Each class name must appear in the source as a literal.
        let sources = [
            include_str!("geoparse.rs"),
            include_str!("when.rs"),
            include_str!("sentences.rs"),
            include_str!("facts/attribution.rs"),
            include_str!("facts/extract.rs"),
            include_str!("facts/kind.rs"),
            include_str!("facts/words.rs"),
        ]
        .concat()
            + include_str!("word_list.rs");
        for class in classes(WORDS) {
            assert!(
                sources.contains(&format!("WordList::new(\"{class}\")"))
                    || sources.contains(&format!("word_list!(\"{class}\")"))
                    || sources.contains(&format!("class_only!(\"{class}\")")),
                "no rule reads the class {class}"
            );
        }
    }
}
