//! Words of running text with their byte spans and the few features recognition needs.

use crate::span::Span;

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
}

impl Token {
    pub fn base_text(self, text: &str) -> &str {
        self.base.of(text)
    }
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let char_at = |i: usize| text[i..].chars().next();
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 6);
    let mut gap_start = 0;
    let mut at = 0;
    while let Some(c) = char_at(at) {
        let start = at;
        at += c.len_utf8();
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = at;
        while let Some(c) = char_at(end) {
            let next = end + c.len_utf8();
            // Inner punctuation stays only between alphanumerics.
            if c.is_alphanumeric() || (matches!(c, '\'' | '’' | '-' | '.' | '‑') && char_at(next).is_some_and(char::is_alphanumeric)) {
                end = next;
            } else {
                break;
            }
        }
        let mut word = &text[start..end];
        // Dotted abbreviations keep their final dot: "U.S." "D.C."
        if bytes.get(end) == Some(&b'.') && is_dotted_abbreviation(word) {
            end += 1;
            word = &text[start..end];
        }
        at = end;
        let base_end = if word.ends_with(['s', 'S']) { ["'s", "’s", "'S", "’S"].iter().find_map(|p| word.strip_suffix(p)).map_or(end, |b| start + b.len()) } else { end };
        let gap = &text[gap_start..start];
        let first = word.chars().next().unwrap_or(' ');
        let previous = tokens.last().map(|t| t.span.of(text));
        // A dot that belongs to an abbreviation ("U.S. envoy") ends no sentence.
        let after_abbreviation = previous.is_some_and(|p| p.ends_with('.'));
        // The commonest gap, one space after a word's last letter, ends no sentence: no need to
        // look further.
        let plain_space = gap == " " && previous.is_some_and(|p| p.chars().next_back().is_some_and(char::is_alphanumeric));
        let sentence_start = tokens.is_empty() || gap.contains('\n') || (!after_abbreviation && !plain_space && ends_sentence(&text[..start]));
        let joined_to_previous = !tokens.is_empty() && !gap.is_empty() && gap.len() <= 2 && gap.chars().all(|c| c == ' ' || c == '\u{a0}');
        tokens.push(Token {
            span: Span::new(start, end),
            base: Span::new(start, base_end),
            capitalized: first.is_uppercase(),
            sentence_start,
            joined_to_previous,
        });
        gap_start = end;
    }
    tokens
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
    trimmed.is_empty() || trimmed.ends_with(['.', '!', '?', ':', '•', '—', '–']) || trimmed.ends_with('\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, &str, bool, bool)> {
        tokenize(text).into_iter().map(|t| (t.span.of(text), t.base_text(text), t.capitalized, t.sentence_start)).collect()
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
    fn quotes_and_lines_start_sentences() {
        let t = tokenize("He said: “Moscow is far.”\nKyiv, too");
        let starts: Vec<bool> = t.iter().map(|t| t.sentence_start).collect();
        assert_eq!(starts, [true, false, true, false, false, true, false]);
        assert!(!t[6].joined_to_previous, "a comma separates Kyiv and too");
    }
}
