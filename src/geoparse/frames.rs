//! Names the gazetteer lacks that the words around them still make places: "the village of
//! Deefow", "Sibaya and Chiri villages", "Baghdad's Amil neighbourhood", "Maryin Gubay, a small
//! town in southern Somalia". Event reports name such places more than any other kind, and a
//! gazetteer of every hamlet does not exist; the text's own words say what the name is, and
//! resolution places it at the place it says contains it.

use super::words::{Classes, Words};
use crate::place_words::{
    is_describing_word, is_group_word, is_naming_noun, is_position_word, is_site_noun,
};
use crate::tokens::Token;

/// The most words a name found this way may have.
const LONGEST_NAME: usize = 4;
/// The most adjectives between an apposition's article and its noun: "a small rural town".
pub(super) const APPOSITION_ADJECTIVES: usize = 3;

/// Token ranges `(first, one past last)` of the names the frames find, in text order, none
/// overlapping a range in `taken` (sorted: the gazetteer's matches, which keep their own
/// reading). `is_no_name` rejects a one-word name that is an everyday word, a people or a
/// demonym ("the Kurdish village").
///
/// `regions`: the first tokens of the gazetteer's matches that are regions or countries, for
/// "in Murphy, North Carolina"; `places`: those of all its place matches, for "Zorbakh, 12
/// kilometers northeast of Ramadi".
pub(super) fn unknown_place_names(
    words: &Words<'_>,
    taken: &[(usize, usize)],
    regions: &[usize],
    places: &[usize],
    is_no_name: impl Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let tokens = words.tokens;
    let text = words.text;
    let lower = |i: usize| -> Option<&str> {
        tokens
            .get(i)
            .filter(|t| t.lowercase_ascii)
            .map(|t| t.span.of(text))
    };
    let is_word = |i: usize, w: &str| {
        tokens
            .get(i)
            .is_some_and(|t| t.lowercase_ascii && t.span.of(text) == w)
    };
    // `taken` is sorted and its runs do not overlap (see the caller): the first run ending
    // after `a` is the only one that can overlap `a..b`. A binary search keeps long texts linear.
    let free = |(a, b): (usize, usize)| {
        let k = taken.partition_point(|&(_, e)| e <= a);
        taken.get(k).is_none_or(|&(s, _)| s >= b)
    };
    let acceptable = |(a, b): (usize, usize)| {
        b > a && free((a, b)) && (b - a > 1 || !is_no_name(a)) && !is_acronym(text, tokens[a])
    };
    let mut found: Vec<(usize, usize)> = Vec::new();
    for k in 1..tokens.len() {
        // The noun's last token: "Local Government Area" is one noun of three words.
        let (last, plural) = match lower(k).filter(|noun| is_naming_noun(noun)) {
            Some(noun) => (k, noun.ends_with('s') && !noun.ends_with("ss")),
            None => match local_government_area(words, k) {
                Some(plural) => (k + 2, plural),
                None => continue,
            },
        };
        // A name, and the names that follow it in a list when the noun is plural.
        let mut take_list =
            |mut name: Option<(usize, usize)>,
             next: &dyn Fn((usize, usize)) -> Option<(usize, usize)>| {
                while let Some(n) = name.filter(|&r| acceptable(r)) {
                    found.push(n);
                    name = if plural { next(n) } else { None };
                }
            };
        // "the village of Deefow", "the villages of Alqarmeel, Nahshaba and Mazghala", "a
        // village called Jibu".
        if (is_word(last + 1, "of") || is_word(last + 1, "called") || is_word(last + 1, "named"))
            && tokens[last + 1].joined_to_previous
        {
            let at = if is_word(last + 2, "the") {
                last + 3
            } else {
                last + 2
            };
            take_list(run_from(words, at), &|n| {
                next_in_list(words, n.1).and_then(|at| listed_run_from(words, at))
            });
        }
        // "Mavo village", "Sibaya and Chiri villages", "Baghdad's Amil neighbourhood".
        if tokens[k].joined_to_previous {
            take_list(run_to(words, k), &|n| {
                previous_in_list(words, n.0).and_then(|end| run_to(words, end))
            });
        }
        // "Maryin Gubay, a small town in southern Somalia".
        if let Some(name) = apposition_before(words, k).filter(|&r| acceptable(r)) {
            found.push(name);
        }
    }
    // "in Murphy, North Carolina", "at Mutarule, in the territory of Uvira": a name before a
    // comma and a region, after a locative preposition.
    for &r in regions {
        if let Some(name) = name_before_region(words, r).filter(|&n| acceptable(n)) {
            found.push(name);
        }
    }
    for &p in places {
        if let Some(name) = name_before_bearing(words, p).filter(|&n| acceptable(n)) {
            found.push(name);
        }
        if let Some(name) = name_before_container(words, p).filter(|&n| acceptable(n)) {
            found.push(name);
        }
    }
    found.sort_unstable();
    found.dedup();
    // Two frames may find overlapping runs ("the town of X, a village in …"): the first stays.
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(found.len());
    for r in found {
        if out.last().is_none_or(|&(_, e)| e <= r.0) {
            out.push(r);
        }
    }
    out
}

/// Whether tokens `k..k + 3` read "local government area(s)", in any case: Nigeria's
/// second-level division ("Tafa Local Government Area of Niger State"), which its news writes
/// out in full as often as "LGA". Some(plural) when they do.
fn local_government_area(words: &Words<'_>, k: usize) -> Option<bool> {
    let word = |i: usize| words.tokens.get(i).map(|t| t.span.of(words.text));
    let joined = |i: usize| words.tokens.get(i).is_some_and(|t| t.joined_to_previous);
    let area = word(k + 2)?;
    (word(k)?.eq_ignore_ascii_case("local")
        && word(k + 1)?.eq_ignore_ascii_case("government")
        && joined(k + 1)
        && joined(k + 2))
    .then_some(())?;
    if area.eq_ignore_ascii_case("area") {
        Some(false)
    } else if area.eq_ignore_ascii_case("areas") {
        Some(true)
    } else {
        None
    }
}

fn is_acronym(text: &str, t: Token) -> bool {
    let word = t.base.of(text);
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// Whether token `i` may be a word of a name: capitalised, or a connector inside one ("Abu al
/// Khasib"), and not a function word ("The", "In").
fn is_name_word(words: &Words<'_>, i: usize, inner: bool) -> bool {
    let t = words.tokens[i];
    let classes = words.classes(i);
    // "Sibaya and Chiri villages" is a list of two names, though "and" joins "Trinidad and Tobago".
    if inner && t.lowercase_ascii {
        return classes.has(Classes::CONNECTOR) && !matches!(t.span.of(words.text), "and" | "or");
    }
    // "Rajbiraj-based": a place named to say where something else is.
    let word = t.span.of(words.text);
    t.capitalized
        && !word.chars().any(|c| c.is_ascii_digit())
        && !word.ends_with("-based")
        && !classes.has(Classes::FUNCTION | Classes::TITLE | Classes::OFFICE)
}

/// The name that starts at token `at` and runs over joined capitalised words.
fn run_from(words: &Words<'_>, at: usize) -> Option<(usize, usize)> {
    name_run(words, at, false)
}

/// [`run_from`], the first word joined to the one before it or, with `after_comma`, parted
/// from it by a list's comma.
fn name_run(words: &Words<'_>, at: usize, after_comma: bool) -> Option<(usize, usize)> {
    let tokens = words.tokens;
    if at >= tokens.len()
        || !(after_comma || tokens[at].joined_to_previous)
        || !is_name_word(words, at, false)
    {
        return None;
    }
    let mut end = at + 1;
    // A possessive ends the name: "the town of Kunduz's hospital" names Kunduz.
    while end < tokens.len()
        && end - at < LONGEST_NAME
        && tokens[end - 1].base == tokens[end - 1].span
        && tokens[end].joined_to_previous
        && is_name_word(words, end, true)
    {
        end += 1;
    }
    // A connector does not end a name: "Abu al".
    while end > at + 1 && tokens[end - 1].lowercase_ascii {
        end -= 1;
    }
    Some((at, end))
}

/// [`run_from`] for a later name of a list, which a comma may part from the one before:
/// "the settlements of Ansar, Shufra and Qarasi".
fn listed_run_from(words: &Words<'_>, at: usize) -> Option<(usize, usize)> {
    let tokens = words.tokens;
    let t = tokens.get(at)?;
    let comma = !t.joined_to_previous
        && !t.sentence_start
        && words.text[tokens[at - 1].span.end..t.span.start].trim() == ",";
    name_run(words, at, comma)
}

/// The name that ends right before token `end` (joined to it), running back over capitalised
/// words, not past a possessive (its owner contains it) or a sentence's first word.
fn run_to(words: &Words<'_>, end: usize) -> Option<(usize, usize)> {
    let tokens = words.tokens;
    if end == 0
        || !tokens[end].joined_to_previous
        || !is_name_word(words, end - 1, false)
        || tokens[end - 1].base != tokens[end - 1].span
    {
        return None;
    }
    let mut start = end - 1;
    while start > 0
        && end - start < LONGEST_NAME
        && tokens[start].joined_to_previous
        && !tokens[start].sentence_start
        && tokens[start - 1].base == tokens[start - 1].span
        && is_name_word(words, start - 1, true)
    {
        start -= 1;
    }
    while start < end - 1
        && (tokens[start].lowercase_ascii || words.classes(start).has(Classes::FUNCTION))
    {
        start += 1;
    }
    // Capitals at a sentence's start say nothing: "Police village" is no name.
    if tokens[start].sentence_start && end - start == 1 {
        return None;
    }
    Some((start, end))
}

/// After a name ending before token `end`: the first token of the next name of a list ("A, B
/// and C"), if the list goes on.
fn next_in_list(words: &Words<'_>, end: usize) -> Option<usize> {
    let (tokens, text) = (words.tokens, words.text);
    let t = tokens.get(end)?;
    let gap = text[tokens[end - 1].span.end..t.span.start].trim();
    if t.lowercase_ascii && matches!(t.span.of(text), "and" | "or") && matches!(gap, "" | ",") {
        return Some(end + 1);
    }
    (gap == "," && t.capitalized).then_some(end)
}

/// Before a name starting at token `start`: one past the last token of the list's previous
/// name ("Sibaya and Chiri villages").
fn previous_in_list(words: &Words<'_>, start: usize) -> Option<usize> {
    let (tokens, text) = (words.tokens, words.text);
    let before = start.checked_sub(1)?;
    let t = tokens[before];
    if t.lowercase_ascii && matches!(t.span.of(text), "and" | "or") {
        return Some(before);
    }
    let gap = text[t.span.end..tokens[start].span.start].trim();
    (gap == "," && t.capitalized).then_some(start)
}

/// The name before ", a small town in": `k` is the noun of the apposition.
fn apposition_before(words: &Words<'_>, k: usize) -> Option<(usize, usize)> {
    let (tokens, text) = (words.tokens, words.text);
    let after = tokens.get(k + 1)?;
    if !(after.lowercase_ascii
        && matches!(
            after.span.of(text),
            "in" | "of" | "near" | "on" | "outside" | "about" | "some"
        ))
    {
        return None;
    }
    let mut j = k;
    let mut adjectives = 0;
    // "a mostly Sunni neighborhood": a people or faith written with its capital describes too.
    let group = |t: &Token| {
        let w = t.span.of(text);
        w.is_ascii() && is_group_word(&w.to_ascii_lowercase())
    };
    while j > 0
        && (tokens[j - 1].lowercase_ascii || group(&tokens[j - 1]))
        && !matches!(tokens[j - 1].span.of(text), "a" | "an")
    {
        let w = tokens[j - 1].span.of(text);
        // "a Sunni and Shiite neighborhood": two descriptions joined.
        if matches!(w, "and" | "or") {
            j -= 1;
            continue;
        }
        if !(is_position_word(w) || is_describing_word(w) || group(&tokens[j - 1])) {
            return None;
        }
        adjectives += 1;
        if adjectives > APPOSITION_ADJECTIVES {
            return None;
        }
        j -= 1;
    }
    let article = j.checked_sub(1)?;
    if !matches!(tokens[article].span.of(text), "a" | "an") || article == 0 {
        return None;
    }
    let name_end = article;
    if text[tokens[name_end - 1].span.end..tokens[article].span.start].trim() != "," {
        return None;
    }
    // `run_to` wants the name joined to the token after it: check the comma's side by hand.
    let last = name_end - 1;
    if !is_name_word(words, last, false) {
        return None;
    }
    let mut start = first_of_name(words, last, name_end);
    while start < last
        && (tokens[start].lowercase_ascii || words.classes(start).has(Classes::FUNCTION))
    {
        start += 1;
    }
    Some((start, name_end))
}

/// The name in "in Murphy, North Carolina" where token `region` starts the region's name.
fn name_before_region(words: &Words<'_>, region: usize) -> Option<(usize, usize)> {
    let (tokens, text) = (words.tokens, words.text);
    let last = region.checked_sub(1)?;
    if text[tokens[last].span.end..tokens[region].span.start].trim() != ","
        || !is_name_word(words, last, false)
        || tokens[last].base != tokens[last].span
    {
        return None;
    }
    let start = first_of_name(words, last, region);
    let before = start.checked_sub(1)?;
    let locative = tokens[before].lowercase_ascii
        && matches!(
            tokens[before].span.of(text),
            "in" | "at" | "near" | "outside"
        );
    (locative && tokens[start].joined_to_previous).then_some((start, region))
}

/// The name in "Zorbakh, 12 kilometers (seven miles) northeast of Ramadi" where token `place`
/// starts the place's name: a name, a comma, then a close bearing from the place
/// ([`super::close_bearing`]).
fn name_before_bearing(words: &Words<'_>, place: usize) -> Option<(usize, usize)> {
    let (tokens, text) = (words.tokens, words.text);
    // The comma that ends the name: at most eight words back ("about 12 kilometers (seven
    // miles) north of the").
    let mut comma = None;
    for k in (place.saturating_sub(8)..place).rev() {
        // The comma by its byte: asked of eight gaps before every place found.
        if k > 0 && text.as_bytes()[tokens[k - 1].span.end..tokens[k].span.start].contains(&b',') {
            comma = Some(k);
            break;
        }
    }
    let first_after = comma?;
    let gap = text[tokens[first_after - 1].span.end..tokens[place].span.start].to_lowercase();
    let gap = gap.trim();
    if !gap.starts_with(',') || gap.len() > 64 || !super::close_bearing(gap) {
        return None;
    }
    let last = first_after - 1;
    if !is_name_word(words, last, false) || tokens[last].base != tokens[last].span {
        return None;
    }
    let start = first_of_name(words, last, first_after);
    // Capitals at a sentence's start say nothing.
    (!(tokens[start].sentence_start && first_after - start == 1)).then_some((start, first_after))
}

/// The name in "killed in Jamous in Bint Jbail", "patrolled a market in Debis west of Kirkuk",
/// "clashed at Jibu near Wukari", where token `place` starts the place's name: after a
/// locative preposition, a name, then the words that put it inside or beside the place ("in",
/// "near", "in northern", "west of"; no punctuation). The preposition before it makes it a
/// where, as the one after makes the place its container.
fn name_before_container(words: &Words<'_>, place: usize) -> Option<(usize, usize)> {
    let (tokens, text) = (words.tokens, words.text);
    // The gap's words: at most three lower-case words ("in the northern", "north-west of").
    let mut first_after = place;
    while first_after > 0
        && place - first_after < 3
        && tokens[first_after - 1].lowercase_ascii
        && tokens[first_after].joined_to_previous
    {
        first_after -= 1;
    }
    if first_after == place || first_after == 0 || !tokens[first_after].joined_to_previous {
        return None;
    }
    let gap = &text[tokens[first_after].span.start..tokens[place].span.start];
    let gap = gap.trim_end();
    let inside = matches!(gap, "in" | "near" | "outside")
        || super::preposition_and_position(gap)
        || (gap.ends_with(" of") && super::close_bearing(gap));
    let last = first_after - 1;
    if !inside || !is_name_word(words, last, false) || tokens[last].base != tokens[last].span {
        return None;
    }
    let mut start = first_of_name(words, last, first_after);
    // "outside the United States Consulate in": an article or connector starts no name.
    while start < last
        && (tokens[start].lowercase_ascii || words.classes(start).has(Classes::FUNCTION))
    {
        start += 1;
    }
    // "at Kindi Hospital in": a building stands in the place; it is no place of its own.
    if (start..first_after).any(|k| {
        let word = tokens[k].span.of(text);
        word.is_ascii() && is_site_noun(&word.to_ascii_lowercase())
    }) {
        return None;
    }
    let before = start.checked_sub(1)?;
    let locative = tokens[before].lowercase_ascii
        && matches!(
            tokens[before].span.of(text),
            "in" | "at" | "near" | "outside" | "into"
        );
    (locative && tokens[start].joined_to_previous).then_some((start, first_after))
}

/// The first token of the name whose last token is `last`, running back over joined name words,
/// not past a sentence's first word, and at most [`LONGEST_NAME`] tokens before `end`.
fn first_of_name(words: &Words<'_>, last: usize, end: usize) -> usize {
    let tokens = words.tokens;
    let mut start = last;
    while start > 0
        && end - start < LONGEST_NAME
        && tokens[start].joined_to_previous
        && !tokens[start].sentence_start
        && is_name_word(words, start - 1, true)
    {
        start -= 1;
    }
    start
}
