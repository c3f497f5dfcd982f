//! Lower-casing for the page without core's Unicode case tables (13 kB of data, 5 kB gzip in
//! the page's WebAssembly, pulled in by any `str::to_lowercase`).

/// `text.to_lowercase()` as far as a comparison with ASCII words can tell: ASCII letters are
/// lowered, and of the other characters only the two whose lower case holds ASCII are mapped
/// as `to_lowercase` maps them (KELVIN SIGN → "k", "İ" → "i\u{307}"). Every other character
/// is non-ASCII both before and after `to_lowercase`, so `==`, `contains`, `starts_with` and
/// the like against ASCII words, and splitting on whitespace, answer the same on both.
pub(crate) fn lower_for_ascii(text: &str) -> String {
    // Without a lead byte of either (0xE2 of U+212A, 0xC4 of U+0130), that is ASCII lowering,
    // which runs byte-wise: the cleaner lowers every line of every article.
    // A fold with no early exit, which the compiler vectorises: a text without either byte,
    // the common case, is read to its end anyway.
    if !text
        .bytes()
        .fold(false, |seen, b| seen | (b == 0xE2) | (b == 0xC4))
    {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{212a}' => out.push('k'),
            '\u{130}' => out.push_str("i\u{307}"),
            _ => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_two_characters_lower_to_ascii() {
        for c in (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii())
        {
            let lower: String = c.to_lowercase().collect();
            assert_eq!(
                lower.contains(|l: char| l.is_ascii()),
                matches!(c, '\u{212a}' | '\u{130}'),
                "{c:?}"
            );
            assert_eq!(
                lower_for_ascii(&c.to_string()).contains(|l: char| l.is_ascii()),
                matches!(c, '\u{212a}' | '\u{130}'),
                "{c:?}"
            );
        }
    }

    #[test]
    fn compares_with_ascii_words_as_to_lowercase() {
        let words = [
            "skip to content",
            "link copied",
            "comments",
            "ap",
            "i",
            "copyright",
            "k",
            "",
        ];
        for text in [
            "SKIP TO CONTENT",
            "Skip to \u{212a}ontent",
            "LİNK copied",
            "Li\u{307}nk",
            "ΣAP",
            "AΣ",
            "© 2025",
            "COMMENTS (3)",
            "\u{212a}",
            "I",
            "İ",
            "straße",
            "ÀP",
        ] {
            for w in words {
                let (full, ascii) = (text.to_lowercase(), lower_for_ascii(text));
                assert_eq!(full == w, ascii == w, "{text:?} {w:?}");
                assert_eq!(full.contains(w), ascii.contains(w), "{text:?} {w:?}");
                assert_eq!(full.starts_with(w), ascii.starts_with(w), "{text:?} {w:?}");
                assert_eq!(
                    full.split_whitespace().count(),
                    ascii.split_whitespace().count(),
                    "{text:?}"
                );
            }
        }
    }
}
