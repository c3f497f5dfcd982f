//! Who claims an event, and how the article hedges it.

use super::kind::EventKind;
use super::words::{breaks_clause, Word};
use crate::corpus::Document;
use crate::fasthash::FastMap;
use crate::span::Span;
use crate::word_list::{word_list, WordList};
use std::sync::OnceLock;

/// The claimant of an event, as the sentence names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Claimant {
    /// As printed: "Russia’s Defense Ministry", "state news agency Tass".
    Named(String),
    /// "he said", "it said": the claimant named before.
    Pronoun,
}

/// The claimant of the event at word `trigger`: the subject of the nearest reporting verb
/// ("Russia’s Defense Ministry said"), the object of "according to", the owner of a claim
/// ("Russia’s claim that"); for a statement, its own subject ("Ushakov dismissed").
/// `claimed` is [`claimant_span`] of the trigger.
pub(super) fn claimant(
    text: &str,
    ws: &[Word],
    trigger: usize,
    kind: EventKind,
    claimed: Option<Span>,
) -> Option<Claimant> {
    let span = if kind == EventKind::Statement {
        subject_before(text, ws, trigger)
    } else {
        claimed
    }?;
    let phrase = span.of(text);
    // "Russia’s claim": the claimant is Russia.
    let phrase = phrase
        .strip_suffix("’s")
        .or_else(|| phrase.strip_suffix("'s"))
        .unwrap_or(phrase);
    let lower = phrase.to_lowercase();
    if matches!(lower.as_str(), "he" | "she" | "it" | "they" | "we" | "i") {
        return Some(Claimant::Pronoun);
    }
    // "a list of": function words name no one.
    let names_someone = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && !word_list!("names-no-one").contains(w));
    if !names_someone {
        return None;
    }
    Some(Claimant::Named(phrase.to_owned()))
}

/// The places a sentence names a claimant: read once per sentence, since every event word of
/// it picks its own claimant among the same ones.
pub(super) struct Anchors {
    /// Reporting verbs, "according to", claims: the word, the claimant's span, and whether,
    /// after an event, it closes the sentence (", X said.").
    saying: Vec<(usize, Span, bool)>,
    /// "citing X": only when there is no other.
    citing: Vec<(usize, Span)>,
}

/// The claimant anchors of the sentence `ws`.
pub(super) fn anchors(text: &str, ws: &[Word]) -> Anchors {
    let mut saying: Vec<(usize, Span)> = Vec::new();
    let mut citing: Vec<(usize, Span)> = Vec::new();
    for (k, w) in ws.iter().enumerate() {
        if w.saying {
            if let Some(s) = subject_before(text, ws, k) {
                saying.push((k, s));
            }
        } else if w.lower == "according" && ws.get(k + 1).is_some_and(|n| n.lower == "to") {
            if let Some(s) = object_after(text, ws, k + 2) {
                saying.push((k, s));
            }
        } else if w.lower == "citing" {
            if let Some(s) = object_after(text, ws, k + 1) {
                citing.push((k, s));
            }
        } else if matches!(w.lower(), "claim" | "claims") && k > 0 {
            // "Russia’s claim that", "a Russian claim that".
            let owner = &ws[k - 1];
            if owner.possessive
                || (owner.capitalized && !breaks_clause(&text[owner.span.end..w.span.start]))
            {
                saying.push((k, subject_before(text, ws, k).unwrap_or(owner.span)));
            }
        }
    }
    // A reporting verb after the event counts only as a closing ", X said." (or "…, X said
    // in a statement Thursday."): one before it introduces the event's own clause.
    let saying = saying
        .into_iter()
        .map(|(k, s)| {
            let closing = ws.len() - k <= 8 && !ws[k..].iter().any(|w| w.lower == "that");
            (k, s, closing)
        })
        .collect();
    Anchors { saying, citing }
}

/// Where the claimant of the event at `trigger` is named in the sentence of `anchors`.
pub(super) fn claimant_span(anchors: &Anchors, trigger: usize) -> Option<Span> {
    // The event word itself is no anchor of its own claim.
    let mut saying = anchors
        .saying
        .iter()
        .filter(|&&(k, _, closing)| k != trigger && (k < trigger || closing))
        .map(|&(k, s, _)| (k, s))
        .peekable();
    let nearest = if saying.peek().is_some() {
        saying.min_by_key(|(k, _)| k.abs_diff(trigger))
    } else {
        anchors
            .citing
            .iter()
            .copied()
            .filter(|&(k, _)| k != trigger)
            .min_by_key(|(k, _)| k.abs_diff(trigger))
    };
    nearest.map(|(_, s)| s)
}

/// Words that sit between a subject and its verb without being part of it.
fn is_adverbial(word: &str) -> bool {
    word_list!("adverbial").contains(word)
}

/// Words a subject never runs through.
fn ends_subject(word: &str) -> bool {
    word_list!("ends-subject").contains(word)
}

/// Lower-case words that belong in a claimant's name: "the country’s defense ministry",
/// "several domestic outlets", "state news agency Tass".
fn is_role_word(word: &str) -> bool {
    word_list!("role-word").contains(word)
}

/// The noun phrase right before word `verb`, within its clause: up to 8 words.
fn subject_before(text: &str, ws: &[Word], verb: usize) -> Option<Span> {
    let mut k = verb;
    // "Trump on Wednesday said": step over the adverbs to the subject.
    while k > 0
        && is_adverbial(&ws[k - 1].lower)
        && !breaks_clause(&text[ws[k - 1].span.end..ws[k].span.start])
    {
        k -= 1;
    }
    let end = k;
    let mut start = end;
    while start > 0 && end - start < 8 {
        let w = &ws[start - 1];
        if breaks_clause(&text[w.span.end..ws[start].span.start]) || ends_subject(&w.lower) {
            break;
        }
        if w.lower == "and" && !(start >= 2 && ws[start - 2].capitalized) {
            break;
        }
        if !w.capitalized && !is_role_word(&w.lower) {
            break;
        }
        start -= 1;
    }
    (start < end).then(|| Span::new(ws[start].span.start, ws[end - 1].span.end))
}

/// The noun phrase from word `first` to the end of its clause: up to 8 words.
fn object_after(text: &str, ws: &[Word], first: usize) -> Option<Span> {
    let mut end = first;
    while end < ws.len() && end - first < 8 {
        if end > first
            && (breaks_clause(&text[ws[end - 1].span.end..ws[end].span.start])
                || ends_subject(&ws[end].lower))
        {
            break;
        }
        end += 1;
    }
    (first < end).then(|| Span::new(ws[first].span.start, ws[end - 1].span.end))
}

/// The hedges of sentence `index` of `doc`, as printed: its own ("reportedly", "claimed") and
/// a following "This could not be independently verified."
pub(super) fn hedges(doc: &Document, index: usize) -> Vec<String> {
    static HEDGES: WordList = WordList::new("hedge");
    let Some(sentence) = doc.sentences.get(index) else {
        return Vec::new();
    };
    let text = sentence.span.of(&doc.text);
    let lower = text.to_lowercase();
    let mut found: Vec<String> = Vec::new();
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    // A hedge is only taken where it starts a word, so that word is its first: a sentence
    // without it cannot have it, and most sentences have no hedge at all. Each word of the
    // sentence is looked up once among the hedges' first words.
    // With, for each hedge, whether it has a first word to look up (worked out once, not for
    // every hedge of every sentence).
    type FirstWords = (FastMap<&'static str, Vec<usize>>, Vec<bool>);
    static FIRST_WORDS: OnceLock<FirstWords> = OnceLock::new();
    let (first_words, indexed) = FIRST_WORDS.get_or_init(|| {
        let mut index: FastMap<&'static str, Vec<usize>> = FastMap::default();
        let mut indexed = Vec::new();
        for (i, hedge) in HEDGES.iter().enumerate() {
            let first = first_word(hedge).filter(|w| !w.is_empty());
            if let Some(first) = first {
                index.entry(first).or_default().push(i);
            }
            indexed.push(first.is_some());
        }
        (index, indexed)
    });
    let mut first_seen = vec![false; HEDGES.as_slice().len()];
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        for &i in first_words.get(word).into_iter().flatten() {
            first_seen[i] = true;
        }
    }
    for (i, hedge) in HEDGES.iter().enumerate() {
        if indexed[i] && !first_seen[i] {
            continue;
        }
        for (at, _) in lower.match_indices(hedge) {
            let range = at..at + hedge.len();
            let bounded = !lower[..at].ends_with(char::is_alphanumeric)
                && !lower[range.end..].starts_with(char::is_alphanumeric);
            if !bounded
                || taken
                    .iter()
                    .any(|t| t.start < range.end && range.start < t.end)
            {
                continue;
            }
            // Lower-casing can move bytes; the printed words are only taken when it did not
            // (equal lengths are not enough: "İ" grows by a byte and "ẞ" shrinks by one).
            match text
                .get(range.clone())
                .filter(|printed| lower.len() == text.len() && printed.to_lowercase() == hedge)
            {
                Some(printed) => found.push(printed.to_owned()),
                None => found.push(hedge.to_owned()),
            }
            taken.push(range);
        }
    }
    // "This could not be independently verified." hedges the sentence before it.
    if let Some(next) = doc
        .sentences
        .get(index + 1)
        .filter(|n| n.block == sentence.block)
    {
        let words = next.span.of(&doc.text).trim();
        let lower = words.to_lowercase();
        let refers = [
            "this ",
            "that ",
            "his claim",
            "her claim",
            "the claim",
            "their claim",
            "these claims",
            "such claims",
        ]
        .iter()
        .any(|p| lower.starts_with(p));
        if refers && lower.contains("verif") {
            found.push(words.trim_end_matches('.').to_owned());
        }
    }
    found
}

/// The first word of a hedge, as [`hedges`] splits a sentence into words.
fn first_word(hedge: &str) -> Option<&str> {
    hedge.split(|c: char| !c.is_alphanumeric()).next()
}

/// Who does what the event word `trigger` says, as printed, and the personal names in it:
/// the subject before the verb, over an appositive ("Steve Witkoff, a close ally of …,
/// arrives"), cut at "of" so that "an envoy of President Trump" is the envoy. `not_names`
/// are the spans of places and demonyms, which name no person.
pub(super) fn actor(text: &str, ws: &[Word], trigger: usize, not_names: &[Span]) -> Option<Actor> {
    static AUXILIARIES: WordList = WordList::new("auxiliary");
    const APPOSITIVE_REACH: usize = 30;
    let is_name = |w: &Word| {
        w.capitalized
            && !is_role_word(&w.lower)
            && !is_institution(&w.lower)
            && !is_calendar_word(&w.lower)
            && !is_determiner(&w.lower)
            && !not_names
                .iter()
                .any(|n| n.contains(w.span) || w.span.contains(*n))
    };
    // A possessor before a noun owns the doer, it is not the doer: "President Donald Trump's
    // envoy" names no Trump. Only where the possessive is the whole subject ("Witkoff's
    // visit", below) is it the doer.
    let names_in = |words: &[Word]| -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let mut run = 0;
        for (k, w) in words.iter().enumerate() {
            if !w.capitalized {
                run = 0;
                continue;
            }
            if w.possessive && k + 1 < words.len() {
                names.truncate(names.len() - run);
                run = 0;
                continue;
            }
            if is_name(w) {
                names.push(w.lower().to_owned());
                run += 1;
            }
        }
        names
    };
    // An event noun has no subject; its doer, when named, owns it: "Witkoff’s visit".
    if is_event_noun(&ws[trigger].lower) {
        let owner = trigger.checked_sub(1).map(|k| &ws[k]).filter(|w| {
            w.possessive
                && w.capitalized
                && !is_calendar_word(&w.lower)
                && !text[w.span.end..ws[trigger].span.start].contains(|c: char| !c.is_whitespace())
        })?;
        let name = owner.span.of(text);
        let name = name
            .strip_suffix("’s")
            .or_else(|| name.strip_suffix("'s"))
            .unwrap_or(name);
        return Some(Actor {
            text: name.to_owned(),
            names: names_in(std::slice::from_ref(owner)),
        });
    }
    let skippable = |w: &Word| AUXILIARIES.contains(w.lower()) || is_adverb(&w.lower);
    let mut end = trigger;
    while end > 0
        && skippable(&ws[end - 1])
        && !breaks_clause(&text[ws[end - 1].span.end..ws[end].span.start])
    {
        end -= 1;
    }
    // "in the final phase of pushing": a verb after a preposition has no subject of its own.
    if end == 0
        || matches!(
            ws[end - 1].lower(),
            "of" | "by" | "for" | "from" | "about" | "with" | "without" | "to"
        )
    {
        return None;
    }
    // "X, a close ally of …, arrives": jump to the comma that opens the appositive. An
    // appositive that is a name ("Trump's envoy, Steve Witkoff, has landed") names the doer.
    let mut named_apart = Vec::new();
    if text[ws[end - 1].span.end..ws[end].span.start].contains(',') {
        let opening = (end.saturating_sub(APPOSITIVE_REACH)..end - 1)
            .rev()
            .find(|&k| text[ws[k].span.end..ws[k + 1].span.start].contains(','))?;
        let appositive = &ws[opening + 1..end];
        if appositive.len() <= 4 && appositive.iter().all(|w| w.capitalized) {
            named_apart = names_in(appositive);
        }
        end = opening + 1;
    }
    let mut start = end;
    while start > 0 && end - start < 8 {
        let w = &ws[start - 1];
        let gap_after = &text[w.span.end..ws[start].span.start];
        if (start < end && breaks_clause(gap_after))
            || ends_subject(&w.lower)
            || is_clause_opener(w)
            || w.saying
            || skippable(w)
            || is_past_verb(w)
        {
            break;
        }
        start -= 1;
    }
    if let Some(of) = (start..end).find(|&k| ws[k].lower == "of") {
        end = of;
    }
    // "crossed the border and entered": coordinated verbs share a subject further back.
    if start < end && matches!(ws[end - 1].lower(), "and" | "or") {
        return None;
    }
    while start < end
        && (is_determiner(&ws[start].lower) || matches!(ws[start].lower(), "and" | "or"))
    {
        start += 1;
    }
    if start >= end {
        return None;
    }
    let span = Span::new(ws[start].span.start, ws[end - 1].span.end);
    let mut names = names_in(&ws[start..end]);
    names.extend(named_apart);
    Some(Actor {
        text: span.of(text).to_owned(),
        names,
    })
}

/// The doer of an event as printed, and the personal names in it (lower-case): what tells
/// Witkoff's arrival in Moscow from Lukashenko's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Actor {
    pub text: String,
    pub names: Vec<String>,
}

fn is_determiner(word: &str) -> bool {
    word_list!("determiner").contains(word)
}

/// A clause or an adverbial phrase starts here: a claimant's name does not run through it.
fn is_clause_opener(word: &Word) -> bool {
    static PHRASE_OPENERS: WordList = WordList::new("phrase-opener");
    word.clause || PHRASE_OPENERS.contains(&word.lower)
}

/// Event words that are nouns: "a surprise visit", "the talks", "strikes on".
fn is_event_noun(word: &str) -> bool {
    word_list!("event-noun").contains(word)
}

fn is_adverb(word: &str) -> bool {
    (word.ends_with("ly")
        && word.len() > 4
        && !matches!(word, "family" | "italy" | "ally" | "assembly" | "supply"))
        || word_list!("adverb").contains(word)
}

/// A lower-case past form ("crossed the border and entered"): a verb, so not in a subject.
fn is_past_verb(w: &Word) -> bool {
    !w.capitalized
        && w.lower.len() > 4
        && w.lower.ends_with("ed")
        && !matches!(
            w.lower(),
            "armed" | "united" | "unnamed" | "detailed" | "advanced" | "embed"
        )
}

/// Institutions that stand in titles for a person ("the Kremlin leader" is Putin): no name.
fn is_institution(word: &str) -> bool {
    word_list!("institution").contains(word)
}

/// Capitalised words that are dates, not doers: "Tuesday’s talks".
fn is_calendar_word(word: &str) -> bool {
    crate::date::Weekday::from_name(word).is_some() || crate::date::parse_month(word).is_some()
}
