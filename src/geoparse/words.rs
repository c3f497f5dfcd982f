//! What recognition asks of a text's words, answered cheaply: each token's lookup key,
//! normalised once per text (the same word is asked about as the start of a name, inside
//! longer ones and as the neighbour of others), and the rule word lists it belongs to, in
//! one hash lookup instead of a scan of every list.

use crate::fasthash::FastMap;
use crate::gazetteer::normalize_into;
use crate::tokens::Token;
use std::cell::Cell;

/// A set of word lists, as bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Classes(u16);

impl Classes {
    pub const FUNCTION: Classes = Classes(1 << 0);
    pub const CONNECTOR: Classes = Classes(1 << 1);
    pub const GEO_SUFFIX: Classes = Classes(1 << 2);
    pub const OFFICE: Classes = Classes(1 << 3);
    pub const TITLE: Classes = Classes(1 << 4);
    pub const SPEECH_VERB: Classes = Classes(1 << 5);
    pub const STREET: Classes = Classes(1 << 6);
    pub const ADMIN2: Classes = Classes(1 << 7);

    /// Whether it shares a list with `classes`.
    pub fn has(self, classes: Classes) -> bool {
        self.0 & classes.0 != 0
    }
}

impl std::ops::BitOr for Classes {
    type Output = Classes;

    fn bitor(self, other: Classes) -> Classes {
        Classes(self.0 | other.0)
    }
}

/// Word lists by word. A listed word that ends in a dot ("st.") is also entered without it,
/// so a token followed by a dot ("St" + ".") is looked up without building a new string.
#[derive(Default)]
pub struct Lexicon(FastMap<&'static str, Entry>);

/// The lists that hold a word, and those that hold it followed by a dot.
#[derive(Clone, Copy, Default)]
pub struct Entry {
    pub exact: Classes,
    pub before_dot: Classes,
}

impl Lexicon {
    pub fn new(lists: &[(&[&'static str], Classes)]) -> Lexicon {
        let mut entries: FastMap<&'static str, Entry> = FastMap::default();
        for &(words, class) in lists {
            for &word in words {
                let entry = entries.entry(word).or_default();
                entry.exact = entry.exact | class;
                if let Some(stem) = word.strip_suffix('.') {
                    let entry = entries.entry(stem).or_default();
                    entry.before_dot = entry.before_dot | class;
                }
            }
        }
        Lexicon(entries)
    }

    pub fn entry(&self, word: &str) -> Entry {
        self.0.get(word).copied().unwrap_or_default()
    }

    /// The lists that hold exactly `word`.
    pub fn classes(&self, word: &str) -> Classes {
        self.entry(word).exact
    }
}

/// A text's tokens with their keys and word lists.
pub struct Words<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    lexicon: &'a Lexicon,
    /// The keys that differ from their token's text, one after another.
    keys: String,
    bounds: Vec<KeyBounds>,
}

/// Where a token's key lies: in the text itself when it is its own key (lower-case ASCII,
/// most words of running text), else in the keys buffer. The base's key (without a possessive
/// "'s") is a prefix of it, since normalising works character by character.
struct KeyBounds {
    in_text: bool,
    start: usize,
    base_end: usize,
    end: usize,
    /// The key's [`Lexicon::entry`], looked up on first need: recognition asks it of a word
    /// again for every name it might start, end or join, and again in a second pass.
    entry: Cell<Option<Entry>>,
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token], lexicon: &'a Lexicon) -> Words<'a> {
        let mut keys = String::with_capacity(text.len());
        let mut bounds = Vec::with_capacity(tokens.len());
        for t in tokens {
            // Tokens are letters, digits and `'’-.‑`: in ASCII, lower case is normalised.
            if t.lowercase_ascii {
                bounds.push(KeyBounds {
                    in_text: true,
                    start: t.span.start,
                    base_end: t.base.end,
                    end: t.span.end,
                    entry: Cell::new(None),
                });
                continue;
            }
            let start = keys.len();
            normalize_into(t.base_text(text), &mut keys);
            let base_end = keys.len();
            normalize_into(&text[t.base.end..t.span.end], &mut keys);
            bounds.push(KeyBounds {
                in_text: false,
                start,
                base_end,
                end: keys.len(),
                entry: Cell::new(None),
            });
        }
        Words {
            text,
            tokens,
            lexicon,
            keys,
            bounds,
        }
    }

    /// `normalize` of token `i`.
    pub fn key(&self, i: usize) -> &str {
        let b = &self.bounds[i];
        let keys = if b.in_text { self.text } else { &self.keys };
        &keys[b.start..b.end]
    }

    /// `normalize` of token `i` without its possessive "'s".
    pub fn base_key(&self, i: usize) -> &str {
        let b = &self.bounds[i];
        let keys = if b.in_text { self.text } else { &self.keys };
        &keys[b.start..b.base_end]
    }

    /// The lists that hold token `i`'s key.
    pub fn classes(&self, i: usize) -> Classes {
        self.key_entry(i).exact
    }

    /// The lexicon's entry for token `i`'s key.
    fn key_entry(&self, i: usize) -> Entry {
        let cached = &self.bounds[i].entry;
        cached.get().unwrap_or_else(|| {
            let entry = self.lexicon.entry(self.key(i));
            cached.set(Some(entry));
            entry
        })
    }

    /// The lists that hold token `i` (or its base) in plain lower case, and those that hold it
    /// followed by a dot. Lower case is not the key: `normalize` also folds diacritics, so
    /// "Régíon" would be a "region". The key serves only for ASCII, where the two agree (a
    /// token has no whitespace or backticks, the only other ASCII that `normalize` changes).
    pub fn lowercase_classes(&self, i: usize, base: bool) -> Entry {
        let t = self.tokens[i];
        let word = if base {
            t.base_text(self.text)
        } else {
            t.span.of(self.text)
        };
        if word.is_ascii() {
            if base {
                self.lexicon.entry(self.base_key(i))
            } else {
                self.key_entry(i)
            }
        } else {
            self.lexicon.entry(&word.to_lowercase())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::normalize;
    use crate::tokens::tokenize;

    #[test]
    fn keys_are_the_normalised_tokens() {
        let text = "Russia’s KURSK Oblast, Oděsa's U.S. St. Régíon";
        let tokens = tokenize(text);
        let lexicon = Lexicon::new(&[(&["region", "st."], Classes::GEO_SUFFIX)]);
        let words = Words::new(text, &tokens, &lexicon);
        for (i, t) in tokens.iter().enumerate() {
            assert_eq!(words.key(i), normalize(t.span.of(text)));
            assert_eq!(words.base_key(i), normalize(t.base_text(text)));
        }
        assert_eq!(words.base_key(0), "russia");
        let last = tokens.len() - 1;
        assert_eq!(words.key(last), "region");
        assert!(
            !words
                .lowercase_classes(last, false)
                .exact
                .has(Classes::GEO_SUFFIX),
            "folding is not lower case"
        );
        assert!(
            words
                .lowercase_classes(last - 1, false)
                .before_dot
                .has(Classes::GEO_SUFFIX),
            "St + . is st."
        );
    }
}
