//! Words of running text with their byte spans and the few features the stages read: the one
//! tokenizer of the crate, shared by recognition (`geoparse`), dates (`when`) and the event
//! rules (`facts`), so the three agree on what a word is.

use crate::span::Span;
use crate::word_list::{class_only, WordList};

/// A word: letters and digits, with inner apostrophes, hyphens and dots ("Kryvyi-Rih",
/// "Russia’s", "U.S.").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// The span without a possessive "'s" / "’s".
    pub base: Span,
    /// First character is upper case (or the word is a number-free acronym).
    pub capitalized: bool,
    /// Starts a sentence, a paragraph or a line: capitalisation says nothing here.
    pub sentence_start: bool,
    /// Only whitespace (no line break, no punctuation) separates it from the previous word.
    pub joined_to_previous: bool,
    /// Only letters.
    pub alphabetic: bool,
    /// Only ASCII, and no capital letter: lower-case letters, digits, `'`, `-` and `.`.
    pub lowercase_ascii: bool,
}

impl Token {
    pub fn base_text(self, text: &str) -> &str {
        self.base.of(text)
    }
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    // News prose runs about six bytes a word: room for a fifth more, so that a text denser
    // than average (names, numbers) is seldom moved to a bigger buffer.
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
    let mut gap_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        let first = char_at(text, at);
        at += first.len_utf8();
        if !is_alphanumeric(first) {
            continue;
        }
        // What the word is made of, noted on the way (later passes need not read it again):
        // capitals and digits (the ASCII classes seen), and anything else (punctuation,
        // non-ASCII) to look at closer.
        let mut seen = if first.is_ascii() {
            ASCII_CLASS[usize::from(bytes[start])]
        } else {
            0
        };
        let mut other = !first.is_ascii();
        let mut end = at;
        while end < bytes.len() {
            let class = ASCII_CLASS[usize::from(bytes[end])];
            if class != 0 {
                seen |= class;
                end += 1;
                continue;
            }
            let c = char_at(text, end);
            let next = end + c.len_utf8();
            // Inner punctuation stays only between alphanumerics.
            if is_alphanumeric(c)
                || (matches!(c, '\'' | '’' | '-' | '.' | '‑' | '\u{2010}')
                    && next < bytes.len()
                    && is_alphanumeric(char_at(text, next)))
            {
                other = true;
                end = next;
            } else {
                break;
            }
        }
        // Dotted abbreviations keep their final dot: "U.S." "D.C."
        if bytes.get(end) == Some(&b'.') && is_dotted_abbreviation(&text[start..end]) {
            end += 1;
        }
        at = end;
        let word = &text[start..end];
        let alphabetic = seen & DIGIT == 0 && (!other || word.chars().all(char::is_alphabetic));
        let lowercase_ascii = seen & CAPITAL == 0 && (!other || word.is_ascii());
        // A possessive "'s", "’s" (or "'S", "’S"), told by its bytes: many words end in "s".
        let base_end = if !matches!(bytes[end - 1], b's' | b'S') {
            end
        } else if word.len() >= 2 && bytes[end - 2] == b'\'' {
            end - 2
        } else if word.len() >= 4 && bytes[end - 4..end - 1] == *"’".as_bytes() {
            end - 4
        } else {
            end
        };
        // The previous token ends where the gap starts.
        let previous_last = (!tokens.is_empty()).then(|| char_before(text, gap_start));
        // The commonest gap, one space after a word's last letter, joins the words and ends no
        // sentence: no need to look further.
        let plain_space = start == gap_start + 1
            && bytes[gap_start] == b' '
            && previous_last.is_some_and(is_alphanumeric);
        let (sentence_start, joined_to_previous) = if tokens.is_empty() {
            (true, false)
        } else if plain_space {
            (false, true)
        } else {
            let gap = &text[gap_start..start];
            // A dot that belongs to an abbreviation ("U.S. envoy") ends no sentence.
            let after_abbreviation = previous_last == Some('.');
            (
                gap.contains('\n') || (!after_abbreviation && ends_sentence(&text[..start])),
                !gap.is_empty() && gap.len() <= 2 && gap.chars().all(|c| c == ' ' || c == '\u{a0}'),
            )
        };
        tokens.push(Token {
            span: Span::new(start, end),
            base: Span::new(start, base_end),
            capitalized: if first.is_ascii() {
                first.is_ascii_uppercase() || (other && is_articled_name(word))
            } else {
                first.is_uppercase()
            },
            sentence_start,
            joined_to_previous,
            alphabetic,
            lowercase_ascii,
        });
        gap_start = end;
    }
    tokens
}

/// "al-Bab", "el-Ain", "ash-Shaddadi": a name after the Arabic article, which English house
/// styles write in lower case; the word is as much a name as "Al-Bab".
fn is_articled_name(word: &str) -> bool {
    static NAME_ARTICLES: WordList = class_only!("name-articles");
    // The hyphen by its byte: only words with inner punctuation come here.
    let Some(hyphen) = word.bytes().take(4).position(|b| b == b'-') else {
        return false;
    };
    word[hyphen + 1..].starts_with(|c: char| c.is_uppercase())
        && NAME_ARTICLES.contains(&word[..hyphen])
}

/// Classes of ASCII letters and digits, by byte (0 for any other byte): one table lookup per
/// byte of a word says both that the word goes on and what it is made of.
const ASCII_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            LETTER | CAPITAL
        } else if c.is_ascii_lowercase() {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else {
            0
        };
        b += 1;
    }
    table
};
const LETTER: u8 = 1;
const CAPITAL: u8 = 2;
const DIGIT: u8 = 4;

// The helpers below are asked of nearly every byte; size-optimised builds (the release
// profile) would otherwise call them there.

/// The character that ends at byte `i` (> 0, on a character boundary).
#[inline(always)]
fn char_before(text: &str, i: usize) -> char {
    match text.as_bytes()[i - 1] {
        b if b.is_ascii() => char::from(b),
        _ => text[..i].chars().next_back().unwrap_or_default(),
    }
}

/// The character starting at byte `i` (< `text.len()`, on a character boundary).
#[inline(always)]
fn char_at(text: &str, i: usize) -> char {
    match text.as_bytes()[i] {
        b if b.is_ascii() => char::from(b),
        _ => text[i..].chars().next().unwrap_or_default(),
    }
}

/// `char::is_alphanumeric`, with the ASCII test first.
#[inline(always)]
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Single capital letters, each followed by a dot but the last: "U.S", "D.C".
fn is_dotted_abbreviation(word: &str) -> bool {
    let mut parts = 0;
    for part in word.split('.') {
        let mut chars = part.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_uppercase() => parts += 1,
            _ => return false,
        }
    }
    parts >= 2
}

/// Whether the text before a word ends a sentence: terminal punctuation, maybe inside quotes,
/// then whitespace; or an opening quote or bracket at a sentence start.
fn ends_sentence(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', '\t', '\u{a0}', '“', '"', '‘', '(', '[', '\'']);
    if trimmed.len() == before.len() && !before.is_empty() {
        return false; // no gap: inside a word run
    }
    let trimmed = trimmed.trim_end_matches(['”', '"', '’', '\'', ')', ']']);
    trimmed.is_empty()
        || trimmed.ends_with(['.', '!', '?', ':', '•', '—', '–'])
        || trimmed.ends_with('\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, &str, bool, bool)> {
        tokenize(text)
            .into_iter()
            .map(|t| {
                (
                    t.span.of(text),
                    t.base_text(text),
                    t.capitalized,
                    t.sentence_start,
                )
            })
            .collect()
    }

    #[test]
    fn possessives_abbreviations_and_hyphens() {
        assert_eq!(
            words("Russia’s U.S. envoy in Kryvyi-Rih. Reading it"),
            [
                ("Russia’s", "Russia", true, true),
                ("U.S.", "U.S.", true, false),
                ("envoy", "envoy", false, false),
                ("in", "in", false, false),
                ("Kryvyi-Rih", "Kryvyi-Rih", true, false),
                ("Reading", "Reading", true, true),
                ("it", "it", false, false),
            ]
        );
    }

    #[test]
    fn shapes_agree_with_the_characters() {
        let text = "Kyiv's kyiv's U.S. e-mail 2024 x2 Régíon région ²Ω Ωmega";
        for t in tokenize(text) {
            let word = t.span.of(text);
            assert_eq!(
                t.alphabetic,
                word.chars().all(char::is_alphabetic),
                "{word}"
            );
            assert_eq!(
                t.lowercase_ascii,
                word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()),
                "{word}"
            );
        }
    }

    #[test]
    fn quotes_and_lines_start_sentences() {
        let t = tokenize("He said: “Moscow is far.”\nKyiv, too");
        let starts: Vec<bool> = t.iter().map(|t| t.sentence_start).collect();
        assert_eq!(starts, [true, false, true, false, false, true, false]);
        assert!(!t[6].joined_to_previous, "a comma separates Kyiv and too");
    }
}
