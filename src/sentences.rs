//! Sentence boundaries in English news prose.
//!
//! A rule-based splitter: news copy is edited text, where a sentence ends at `.`, `?` or `!`
//! (possibly inside closing quotes or brackets) followed by space and a capital, digit or
//! opening quote. The exceptions that matter in news are abbreviations ("U.S.", "Gen.",
//! "Mar. 13") and initials ("Donald J. Trump"), which are handled here.

use crate::span::Span;
use crate::word_list::{class_only, WordList};

// Each from a copy of its own lines of data/words.tsv: the page splits every article into
// sentences, and embeds no other word list.

/// Titles and short forms that end in a full stop without ending a sentence.
static ABBREVIATIONS: WordList = class_only!("abbreviations");

/// Short forms that only abbreviate before a number: "No. 5", "Fig. 2" (but "said no." ends).
static NUMBER_ABBREVIATIONS: WordList = class_only!("number-abbreviations");

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];
const OPENERS: &[char] = &['"', '\'', '“', '‘', '(', '[', '«'];

/// Splits `text[paragraph]` into sentence spans (relative to `text`), trimmed of surrounding
/// whitespace. A paragraph without terminal punctuation is one sentence.
pub fn split(text: &str, paragraph: Span) -> Vec<Span> {
    let para = paragraph.of(text);
    let mut sentences = Vec::new();
    let mut start = 0;
    // Byte offsets, each char read where it is needed: a paragraph's chars are not collected.
    let char_at = |at: usize| para[at..].chars().next();
    let bytes = para.as_bytes();
    let mut i = 0;
    // Only '.', '?' and '!' can end a sentence, and ASCII bytes are never inside another char.
    while let Some(skip) = bytes[i..]
        .iter()
        .position(|b| matches!(b, b'.' | b'?' | b'!'))
    {
        let pos = i + skip;
        let c = char::from(bytes[pos]);
        let mut j = pos + 1;
        while let Some(n) =
            char_at(j).filter(|&n| matches!(n, '.' | '?' | '!') || CLOSERS.contains(&n))
        {
            j += n.len_utf8();
        }
        let end = j;
        let mut k = j;
        while let Some(n) = char_at(k).filter(|n| n.is_whitespace()) {
            k += n.len_utf8();
        }
        let followed_by_start = k > j
            && char_at(k)
                .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || OPENERS.contains(&n));
        let next = char_at(k).unwrap_or(' ');
        if followed_by_start && !(c == '.' && is_abbreviation(&para[start..pos], next)) {
            push_trimmed(&mut sentences, para, start, end, paragraph.start);
            start = k;
            i = k;
            continue;
        }
        i = j;
    }
    push_trimmed(&mut sentences, para, start, para.len(), paragraph.start);
    sentences
}

/// Whether the word that ends `before` (the text up to a full stop) is an abbreviation, given
/// the first character after the stop and its following space.
fn is_abbreviation(before: &str, next: char) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || OPENERS.contains(&c))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // Initials and dotted short forms: "J", "U.S", "D.C".
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    if word.contains('.') || (letters.len() == 1 && letters[0].is_uppercase()) {
        return letters.iter().all(|c| c.is_alphabetic()) && letters.len() <= 4;
    }
    let word = crate::casefold::lower_for_ascii(word);
    ABBREVIATIONS.contains(word.as_str())
        || (next.is_ascii_digit() && NUMBER_ABBREVIATIONS.contains(word.as_str()))
}

fn push_trimmed(out: &mut Vec<Span>, para: &str, start: usize, end: usize, offset: usize) {
    let slice = &para[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        let s = start + lead;
        out.push(Span::new(s, s + trimmed.len()).shifted(offset));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(paragraph: &str, expected: &[&str]) {
        let spans = split(paragraph, Span::new(0, paragraph.len()));
        let got: Vec<&str> = spans.iter().map(|s| s.of(paragraph)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn splits_plain_sentences() {
        check(
            "Kyiv said so. Moscow did not! Why? Nobody knows",
            &["Kyiv said so.", "Moscow did not!", "Why?", "Nobody knows"],
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        check(
            "Maj. Gen. Dmytro Krasylnykov was dismissed. The U.S. delegation met Donald J. Trump on Mar. 13, 2025, in Washington. Then it left.",
            &[
                "Maj. Gen. Dmytro Krasylnykov was dismissed.",
                "The U.S. delegation met Donald J. Trump on Mar. 13, 2025, in Washington.",
                "Then it left.",
            ],
        );
    }

    #[test]
    fn a_sentence_may_end_inside_quotes() {
        check(
            "Sudzha had been “almost completely destroyed.” Russia denied it. He said: “No.” “Yes,” she said.",
            &["Sudzha had been “almost completely destroyed.”", "Russia denied it.", "He said: “No.”", "“Yes,” she said."],
        );
    }

    #[test]
    fn numbers_and_lowercase_continuations_do_not_split() {
        check(
            "It has about $3.85 billion. e.g. this stays. 86% of it.",
            &["It has about $3.85 billion. e.g. this stays.", "86% of it."],
        );
    }

    #[test]
    fn spans_are_offset_into_the_whole_text() {
        let text = "Headline\n\nOne. Two.";
        let spans = split(text, Span::new(10, text.len()));
        assert_eq!(spans, vec![Span::new(10, 14), Span::new(15, 19)]);
    }
}
