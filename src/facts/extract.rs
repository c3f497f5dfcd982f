//! One article's events: a trigger word, its site, its date, its claimant, its hedges.

use super::attribution;
use super::kind::{self, EventKind};
use super::words::{breaks_clause, words_of, Word};
use super::{Site, Source};
use crate::corpus::{BlockKind, Document};
use crate::date::Date;
use crate::geoparse::{MentionKind, Precision, ToponymRecord};
use crate::span::Span;
use crate::when::{self, DatePrecision, When};
use crate::word_list::{word_list, WordList};
use std::cell::OnceCell;

/// How far after its trigger an event's site may be named, in words.
const SITE_REACH: usize = 16;
/// How far before it, when nothing follows.
const SITE_REACH_BEFORE: usize = 10;
/// How many recent mentions "the town" or "the region" may refer back to.
const RECENT_MENTIONS: usize = 12;
/// How far (bytes) a date may sit from its event across a clause break.
const MAX_DATE_GAP: usize = 50;

/// A placed mention in a sentence.
#[derive(Clone, Debug)]
struct Mention {
    span: Span,
    site: Site,
    /// A national capital: news often names one for its government ("Moscow said").
    capital: bool,
    /// A place the gazetteer lacks, put at the place containing it ("the village of Deefow,
    /// Hiiraan Region"): one step more precise than where it is put.
    inside: bool,
    /// An owner of the place named right after it: "Iraq's northern Nineveh province".
    owns_next: bool,
    /// How the words around it read, worked out on first need: each event word of the
    /// sentence asks the same of every mention.
    around: Around,
}

#[derive(Clone, Debug, Default)]
struct Around {
    word_before: OnceCell<String>,
    reference_point: OnceCell<bool>,
    modifies_next: OnceCell<bool>,
}

impl Mention {
    /// Lower is more precise: a place named inside a region or district beats the region it is
    /// put at and any town; one put at its country only beats other country-wide names.
    fn rank(&self) -> u8 {
        if self.inside {
            self.site.precision.rank()
        } else {
            1 + self.site.precision.rank()
        }
    }

    /// [`word_before`] the mention in the document's `text`.
    fn word_before(&self, text: &str) -> &str {
        self.around
            .word_before
            .get_or_init(|| word_before(text, self.span))
    }

    fn is_reference_point(&self, text: &str) -> bool {
        *self
            .around
            .reference_point
            .get_or_init(|| is_reference_point(text, self.span))
    }

    fn modifies_next(&self, text: &str) -> bool {
        *self.around.modifies_next.get_or_init(|| {
            // "a U.S. Chinook helicopter", "a French Mirage jet": a country between an article
            // and a name is the name's maker or owner ("on an Afghanistan battlefield" is where).
            let countrywide = matches!(self.site.precision, Precision::Country | Precision::Area);
            let name_follows = text[self.span.end..]
                .strip_prefix(' ')
                .is_some_and(|rest| rest.starts_with(char::is_uppercase));
            (countrywide && name_follows && matches!(self.word_before(text), "a" | "an"))
                || modifies_next(text, self.span)
        })
    }
}

pub(super) fn events(doc: &Document, records: &[ToponymRecord]) -> Vec<Source> {
    let mut mentions: Vec<Mention> = records.iter().filter_map(placed).collect();
    mentions.extend(unknown_in_its_country(&doc.text, records));
    mentions.sort_by_key(|m| m.span.start);
    mark_owners(&doc.text, &mut mentions);
    let unplaced = unplaced_names(records, &mentions);
    let mut spans: Vec<Span> = records.iter().map(|r| Span::new(r.start, r.end)).collect();
    spans.sort();
    let mut out: Vec<Source> = Vec::new();
    let mut memory = Memory::default();
    let mut previous_claimant: Option<String> = None;
    let dateline = dateline(doc, &mentions);
    // "On Friday" in a report from "SYLHET, Jan 5 (UNB) –" is the Friday before 5 January: the
    // dateline's day, when it gives one, is the day the report speaks from.
    let speaks_from = dateline.as_ref().and_then(|d| d.day).or(doc.published);
    // The stamp's own date is when the report was filed, not when its events happened.
    let stamp_end = dateline.as_ref().map_or(0, |d| d.stamp_end);
    let dateline = dateline.map(|d| d.place);
    for (index, sentence) in doc.sentences.iter().enumerate() {
        let block = doc.blocks.get(sentence.block).map(|b| b.kind);
        // Headlines, headings and standfirsts restate the body; the body is the source.
        if !matches!(block, Some(BlockKind::Body | BlockKind::Caption)) {
            continue;
        }
        let text = doc.text.as_str();
        let span = sentence.span;
        // One split into words for the rules and the dates alike.
        let tokens = crate::tokens::tokenize(span.of(text));
        let ws = words_of(text, span, &tokens);
        // Both lists are sorted: a long article's sentences each look only at their own stretch.
        let from = mentions.partition_point(|m| m.span.start < span.start);
        let to = mentions.partition_point(|m| m.span.start < span.end);
        let in_sentence: Vec<&Mention> = mentions[from..to]
            .iter()
            .filter(|m| span.contains(m.span))
            .collect();
        let unplaced_in_sentence: Vec<&Mention> = unplaced
            [unplaced.partition_point(|m| m.span.start < span.start)..]
            .iter()
            .take_while(|m| m.span.start < span.end)
            .filter(|m| span.contains(m.span))
            .collect();
        let triggers = triggers(text, &ws);
        // Most sentences report no event: their dates and hedges are never read.
        let dates = if triggers.is_empty() {
            Vec::new()
        } else {
            sentence_dates(text, span, &tokens, speaks_from, stamp_end)
        };
        let date_of = assign_dates(text, &ws, &triggers, &dates);
        let hedges = if triggers.is_empty() {
            Vec::new()
        } else {
            attribution::hedges(doc, index)
        };
        let not_names: Vec<Span> = spans[spans.partition_point(|r| r.start < span.start)
            ..spans.partition_point(|r| r.start < span.end)]
            .iter()
            .copied()
            .filter(|r| span.contains(*r))
            .collect();
        let mut sites_here: Vec<(Option<Span>, Site)> = Vec::new();
        let mut physical_here: Vec<Site> = Vec::new();
        let mut seen: Vec<(EventKind, Option<u32>)> = Vec::new();
        // The triggers (indexes into `triggers`) that found a site.
        let mut placed_triggers: Vec<usize> = Vec::new();
        let anchors = if triggers.is_empty() {
            None
        } else {
            Some(attribution::anchors(text, &ws))
        };
        for (t, &(w, kind)) in triggers.iter().enumerate() {
            if restates_earlier(&ws, &triggers, t, &placed_triggers) {
                continue;
            }
            let claimed = anchors
                .as_ref()
                .and_then(|a| attribution::claimant_span(a, w));
            let claim = attribution::claimant(text, &ws, w, kind, claimed);
            let claimed_by = match claim {
                Some(attribution::Claimant::Named(name)) => {
                    previous_claimant = Some(name.clone());
                    Some(name)
                }
                Some(attribution::Claimant::Pronoun) => previous_claimant.clone(),
                None => None,
            };
            let sites = trigger_sites(
                &Trigger {
                    text,
                    ws: &ws,
                    triggers: &triggers,
                    at: w,
                    kind,
                    in_sentence: &in_sentence,
                    unplaced: &unplaced_in_sentence,
                    claimed,
                },
                &memory,
                &sites_here,
                dateline.as_ref(),
            );
            let date = date_of[t].map(|d| &dates[d]);
            let actor = attribution::actor(text, &ws, w, &not_names);
            for (mention, site) in sites {
                let key = (kind, site.as_ref().map(|s| s.geonameid));
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                if let Some(site) = &site {
                    placed_triggers.push(t);
                    sites_here.push((mention, site.clone()));
                    if kind.is_physical() {
                        physical_here.push(site.clone());
                    }
                }
                out.push(Source {
                    doc: doc.id.clone(),
                    published: doc.published,
                    kind,
                    sentence: index,
                    excerpt: span,
                    trigger: ws[w].span,
                    site_mention: mention,
                    site,
                    actor: actor.as_ref().map(|a| a.text.clone()),
                    actor_names: actor.as_ref().map(|a| a.names.clone()).unwrap_or_default(),
                    claimed_by: claimed_by.clone(),
                    hedges: hedges.clone(),
                    date: date.and_then(|d| d.date),
                    date_precision: date.map_or(DatePrecision::Unknown, |d| d.precision),
                    date_text: date.map(|d| d.phrase.clone()),
                    summary: summary(text, &ws, span, w),
                });
            }
        }
        place_casualties_by_later_cause(&mut out, doc, index);
        drop_unplaced_twins(&mut out, doc, index);
        memory.story = if !physical_here.is_empty() {
            physical_here.retain(|s| s.precision.rank() < Precision::Country.rank());
            physical_here
        } else if triggers.is_empty() {
            // "Lawyers in Lucknow forced the closure of offices. They have been demonstrating…"
            finest(&in_sentence)
        } else {
            Vec::new()
        };
        memory.remember(&in_sentence, sites_here);
    }
    // "Farmers attempted to reach a Punjab minister's residence. Police prevented them from
    // marching": a report whose places all lie in one region it names happened in that
    // region, at the region's precision, as under a dateline. (Only what is still unplaced
    // once every sentence has been read: no event word's own site is displaced.)
    // A sentence that places some of its events leaves the rest where it does not say: the
    // text's region would displace them.
    if let Some(region) = only_region(&doc.text, &mentions) {
        let placed_sentences: Vec<usize> = out
            .iter()
            .filter(|s| s.site.is_some())
            .map(|s| s.sentence)
            .collect();
        for source in out
            .iter_mut()
            .filter(|s| s.site.is_none() && !placed_sentences.contains(&s.sentence))
        {
            source.site = Some(region.site.clone());
        }
    }
    out
}

/// The dates a sentence gives, with spans in the document; not the dateline stamp's own date,
/// which says when the report was filed.
fn sentence_dates(
    text: &str,
    span: Span,
    tokens: &[crate::tokens::Token],
    speaks_from: Option<Date>,
    stamp_end: usize,
) -> Vec<When> {
    when::find_in(span.of(text), tokens, speaks_from)
        .into_iter()
        .map(|mut w| {
            w.span = w.span.shifted(span.start);
            w
        })
        .filter(|w| w.span.start >= stamp_end)
        .collect()
}

/// An event word in its sentence, for the rules that find where it happened.
#[derive(Clone, Copy)]
struct Trigger<'a> {
    text: &'a str,
    ws: &'a [Word<'a>],
    triggers: &'a [(usize, EventKind)],
    /// The event word's index in `ws`.
    at: usize,
    kind: EventKind,
    in_sentence: &'a [&'a Mention],
    /// The places the sentence names that the gazetteer cannot place ([`unplaced_names`]).
    unplaced: &'a [&'a Mention],
    /// Where the sentence names who claims it.
    claimed: Option<Span>,
}

/// What the last sentences placed, for a sentence that refers back ("the region", "there").
#[derive(Default)]
struct Memory<'m> {
    /// The places named in the last few sentences: the article's own mentions, not copies
    /// (every sentence adds its own).
    mentions: Vec<&'m Mention>,
    /// The sites of the last sentence that had any.
    sites: Vec<(Option<Span>, Site)>,
    /// Where the sentence just before put its physical events below a country (or, when it
    /// reported none, the finest places it named below a country): where a sentence going on
    /// with its story happened.
    story: Vec<Site>,
}

/// The most precise places of a sentence finer than a country.
fn finest(in_sentence: &[&Mention]) -> Vec<Site> {
    let best = in_sentence.iter().map(|m| m.rank()).min();
    in_sentence
        .iter()
        .filter(|m| Some(m.rank()) == best && m.site.precision.rank() < Precision::Country.rank())
        .map(|m| m.site.clone())
        .collect()
}

impl<'m> Memory<'m> {
    fn remember(&mut self, in_sentence: &[&'m Mention], sites_here: Vec<(Option<Span>, Site)>) {
        // The places of the last few sentences, for "the region" two sentences on.
        self.mentions.extend(in_sentence.iter().copied());
        let keep_from = self.mentions.len().saturating_sub(RECENT_MENTIONS);
        self.mentions.drain(..keep_from);
        if !sites_here.is_empty() {
            self.sites = sites_here;
        } else if !in_sentence.is_empty() {
            let best = in_sentence
                .iter()
                .map(|m| m.rank())
                .min()
                .unwrap_or(u8::MAX);
            self.sites = in_sentence
                .iter()
                .filter(|m| m.rank() == best)
                .take(1)
                .map(|m| (Some(m.span), m.site.clone()))
                .collect();
        }
    }
}

/// Where the event at `t` happened, by the first rule that gives an answer: the places the
/// sentence ties to it, the place it refers back to, the sentence's own place, the event that
/// caused a casualty, the dateline, the place its actors are from. A physical event with none
/// is kept with no site.
fn trigger_sites(
    t: &Trigger,
    memory: &Memory<'_>,
    sites_here: &[(Option<Span>, Site)],
    dateline: Option<&Mention>,
) -> Vec<(Option<Span>, Option<Site>)> {
    let mut sites: Vec<(Option<Span>, Site)> = sites_for(
        t.text,
        t.ws,
        t.triggers,
        t.at,
        t.kind,
        t.in_sentence,
        t.claimed,
    )
    .into_iter()
    .map(|m| (Some(m.span), m.site.clone()))
    .collect();
    if sites.is_empty() {
        sites = match refers_back(t.ws, t.at) {
            Some(Some(precision)) => memory
                .mentions
                .iter()
                .rev()
                .find(|m| m.site.precision == precision)
                .map(|m| vec![(None, m.site.clone())])
                .unwrap_or_default(),
            Some(None) => memory
                .sites
                .iter()
                .map(|(_, s)| (None, s.clone()))
                .collect(),
            None => Vec::new(),
        };
    }
    // Talks, statements, agreements and aid are where the sentence says they are held,
    // not wherever it names a place ("talks aimed at ending the war in Ukraine").
    let said_close_by = matches!(
        t.kind,
        EventKind::Meeting | EventKind::Statement | EventKind::Agreement | EventKind::Aid
    );
    if sites.is_empty() && !said_close_by {
        sites = sentence_site(t.text, t.ws, t.at, t.kind, t.in_sentence, t.claimed)
            .map(|m| vec![(Some(m.span), m.site.clone())])
            .unwrap_or_default();
    }
    // "shot dead as he drove through Dobrinja": a clause of the same moment says where.
    if sites.is_empty() && t.kind.is_physical() {
        sites = circumstance_site(t, t.claimed)
            .map(|m| vec![(Some(m.span), m.site.clone())])
            .unwrap_or_default();
    }
    // Casualties are where the event that caused them was: "a bomb exploded in Algiers,
    // killing 13".
    if sites.is_empty() && t.kind == EventKind::Damage {
        sites = sites_here.last().cloned().into_iter().collect();
    }
    // "They set fire to offices", "The agitators blocked the road": a sentence whose subject
    // refers back to the people or the event of the sentence before goes on where that one
    // was. Not a speaker's words ("He added that some units had crossed…"), nor troops that
    // move or take ground, which go where the text says.
    let goes_on = t.kind.is_physical()
        && !matches!(t.kind, EventKind::Movement | EventKind::Capture)
        && !t.ws[..t.at].iter().any(|w| w.saying);
    if sites.is_empty() && goes_on && continues_story(t.ws) {
        sites = memory.story.iter().map(|s| (None, s.clone())).collect();
    }
    // A report from a dateline ("SYLHET, Jan 5 (UNB) –") happened there unless it says
    // otherwise.
    if sites.is_empty() && !said_close_by {
        sites = dateline
            .into_iter()
            .map(|m| (None, m.site.clone()))
            .collect();
    }
    // Troops that advance move away from home: their home says nothing of where they went.
    // Patrols and deployments stay where they are.
    let goes_away =
        t.kind == EventKind::Movement && !word_list!("local-movement").contains(t.ws[t.at].lower());
    if sites.is_empty() && t.kind.is_physical() && !goes_away {
        sites = home_site(t)
            .map(|m| vec![(Some(m.span), m.site.clone())])
            .unwrap_or_default();
    }
    let mut sites: Vec<(Option<Span>, Option<Site>)> =
        sites.into_iter().map(|(m, s)| (m, Some(s))).collect();
    // What happened somewhere the text does not say, or at a place the gazetteer cannot
    // place, is still a fact, with no site (naming the place where the text does).
    if sites.is_empty() && t.kind.is_physical() {
        sites.push((unplaced_site(t), None));
    }
    sites
}

/// The place the sentence ties to the event at `t` among those the gazetteer cannot place, by
/// the rules that tie a placed one: "a car bomb attack in the town of Gharz", "shot in the
/// town of Sahiwal, about 400 kilometers southeast of Islamabad". The fact says where the
/// text puts it and stays off the map, rather than taking a place the text does not give.
fn unplaced_site(t: &Trigger) -> Option<Span> {
    if t.unplaced.is_empty() {
        return None;
    }
    let (text, ws, at, kind, claimed) = (t.text, t.ws, t.at, t.kind, t.claimed);
    let tied = sites_for(text, ws, t.triggers, at, kind, t.unplaced, claimed);
    tied.first()
        .copied()
        .or_else(|| sentence_site(text, ws, at, kind, t.unplaced, claimed))
        .or_else(|| {
            let among_unplaced = Trigger {
                in_sentence: t.unplaced,
                ..*t
            };
            circumstance_site(&among_unplaced, claimed)
        })
        .map(|m| m.span)
}

/// Where the people who did a physical event are from, when the sentence names no site for it:
/// "Delhi municipal leaders staged a protest", "attacked the house of Kurunegala's mayor",
/// "Parents of students at a school in Sangrur began to protest". Local reports name the
/// place of the actors and leave the event there. A town, district or region says so; a
/// country does not (its government acts far from its places), nor a reference point, the
/// claimant's name, a person's name ("Amer Hamid al-Assawi") or a people's ("the Salamat
/// tribe", "Houston's brother"). Measured on both event dev sets: more events placed, and
/// placed right as often as by the rules before it.
fn home_site<'m>(t: &Trigger<'m>) -> Option<&'m Mention> {
    let text = t.text;
    // "Members of the company, stationed at Fort Bliss, Texas, were captured": what an aside
    // says of the people an event was done to is not where it was done. (Of its doers, it is
    // their home: "Residents of Vadodara, specifically Sayajipura, protested".)
    // Nor is where a person of a stated age is from: "Moussa Ranimat, 28, of Kafr Tsurif near
    // Hebron, detonated".
    let aside = closed_aside(text, t.ws, t.at).filter(|aside| {
        let passive = t.at > 0
            && matches!(
                t.ws[t.at - 1].lower(),
                "was" | "were" | "been" | "is" | "are" | "be"
            );
        let of_an_age = text[aside.start + 1..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
        passive || of_an_age
    });
    t.in_sentence
        .iter()
        .filter(|m| aside.as_ref().is_none_or(|a| !a.contains(&m.span.start)))
        .filter(|m| m.site.precision != Precision::Country)
        .filter(|m| !m.is_reference_point(text) && t.claimed.is_none_or(|c| !c.contains(m.span)))
        .filter(|m| !ends_an_organisations_name(text, m))
        .filter(|m| !in_a_persons_name(text, m.span) && !names_a_conflict(text, m.span))
        .filter(|m| !is_quoted(text, t.ws[t.at].span.end, m.span) && !quoted_alone(text, m.span))
        .filter(|m| !m.capital || !stands_for_government(text, m, t.ws[0].span.start))
        .filter(|m| !another_event_between(t, m.span))
        // "…, said Zack Gold, a scholar at an institute in Tel Aviv": the speaker's place. (What
        // "was reported in" is where it happened.)
        .filter(|m| {
            !t.ws[t.at + 1..]
                .iter()
                .any(|w| w.saying && w.lower != "reported" && w.span.end <= m.span.start)
        })
        // "Anton Leschek from Bielefeld was killed": where the dead came from.
        .filter(|m| t.kind != EventKind::Damage || m.word_before(text) != "from")
        // "Mechelle Torres, 18, of Atlanta, was shot": a victim's home, not the doers'.
        .filter(|m| !follows_an_age(text, m.span))
        .filter(|m| {
            let owned = next_word(text, m.span);
            !word_list!("people-nouns").contains(owned.as_str())
        })
        .min_by_key(|m| m.rank())
        .copied()
}

/// The lower-case word right after `span`, skipping spaces and a possessive ending.
fn next_word(text: &str, span: Span) -> String {
    let rest = &text[span.end..];
    let rest = ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .unwrap_or(rest);
    rest.trim_start()
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Another event word between the trigger and a place: the place is that event's ("Russia is
/// regaining ground as US officials are due to land in Moscow").
fn another_event_between(t: &Trigger, span: Span) -> bool {
    let at = t.ws[t.at].span;
    let (lo, hi) = if span.start >= at.end {
        (at.end, span.start)
    } else {
        (span.end, at.start)
    };
    t.triggers
        .iter()
        .any(|&(j, _)| j != t.at && t.ws[j].span.start >= lo && t.ws[j].span.end <= hi)
}

/// "Moscow's offensive", "a blow to Kyiv", "concessions from Kyiv", "Tehran captured": a
/// capital as owner, addressee or subject is its government.
fn stands_for_government(text: &str, m: &Mention, sentence_start: usize) -> bool {
    let before = m.word_before(text);
    let opens_sentence = m.span.start <= sentence_start;
    (is_possessive(text, m.span)
        && word_list!("owned-by-place").contains(next_word(text, m.span).as_str()))
        || matches!(before, "to" | "from" | "with" | "against" | "by" | "on")
        || (opens_sentence && !m.modifies_next(text))
}

/// "Amer Hamid al-Assawi", "Osama bin Laden": a name followed by a family particle is a
/// person's.
fn in_a_persons_name(text: &str, span: Span) -> bool {
    let next = text[span.end..]
        .strip_prefix(' ')
        .and_then(|rest| rest.split(' ').next())
        .unwrap_or("");
    next.starts_with("al-") || matches!(next, "bin" | "ibn" | "bint")
}

/// An event word with no site beside one of the same kind with a site tells the same event
/// ("crossed the border and entered Sumy region"): drops it from sentence `index`'s sources.
/// "A soldier was killed when their vehicle was hit by a roadside bomb in Nineveh province":
/// casualties told before what caused them are where that was, as those told after are.
fn place_casualties_by_later_cause(out: &mut [Source], doc: &Document, index: usize) {
    let sentence_from = out
        .iter()
        .rposition(|s| s.sentence != index || s.doc != doc.id)
        .map_or(0, |i| i + 1);
    let here = &mut out[sentence_from..];
    for k in 0..here.len() {
        if here[k].kind != EventKind::Damage {
            continue;
        }
        // "An extremist of the Assam police was killed in a gun battle in Kokrajhar district":
        // casualties put only at a region or country named before them (whose they were, not
        // where) are where their cause is, inside it.
        let named_before = here[k]
            .site_mention
            .is_none_or(|m| m.end <= here[k].trigger.start);
        if !named_before {
            continue;
        }
        let coarse = here[k].site.clone();
        let finer_inside = |site: &Site| {
            coarse.as_ref().is_none_or(|coarse| {
                site.precision.rank() < coarse.precision.rank() && holds(coarse, site)
            })
        };
        let cause = here[k + 1..].iter().find(|s| {
            s.trigger.start > here[k].trigger.start
                && s.site.as_ref().is_some_and(finer_inside)
                && s.kind.is_physical()
                && s.kind != EventKind::Damage
        });
        let told = |site: &Site| {
            here.iter().any(|s| {
                s.kind == EventKind::Damage
                    && s.site
                        .as_ref()
                        .is_some_and(|t| t.geonameid == site.geonameid)
            })
        };
        if let Some(cause) = cause.filter(|c| c.site.as_ref().is_some_and(|s| !told(s))) {
            let (mention, site) = (cause.site_mention, cause.site.clone());
            here[k].site_mention = mention;
            here[k].site = site;
        }
    }
}

fn drop_unplaced_twins(out: &mut Vec<Source>, doc: &Document, index: usize) {
    let sentence_from = out
        .iter()
        .rposition(|s| s.sentence != index || s.doc != doc.id)
        .map_or(0, |i| i + 1);
    let placed_kinds: Vec<EventKind> = out[sentence_from..]
        .iter()
        .filter(|s| s.site.is_some())
        .map(|s| s.kind)
        .collect();
    let mut k = sentence_from;
    while k < out.len() {
        if out[k].site.is_none() && placed_kinds.contains(&out[k].kind) {
            out.remove(k);
        } else {
            k += 1;
        }
    }
}

/// The first-level region a text names when every place it names lies in it (its country
/// aside), or else the one country it puts something in when it names no other: where a
/// report that says no more happened.
fn only_region<'m>(text: &str, mentions: &'m [Mention]) -> Option<&'m Mention> {
    // Not a people's name ("the Salamat tribe"), a person's, where a speaker is from ("said
    // Zack Gold, a scholar at an institute in Tel Aviv"), or a reference point ("across from
    // Texas"); a party to a clash or a protest still says where ("against the Punjab Police",
    // "between the Arakan Army and…").
    let says_where = |m: &&Mention| {
        // The clause's start found by its byte: the four marks are ASCII, and a text's long
        // stretch before a late mention is scanned for every mention.
        let before = &text[..m.span.start];
        let clause_before = before
            .bytes()
            .rposition(|b| matches!(b, b'.' | b'!' | b'?' | b';'))
            .map_or(before, |mark| &before[mark + 1..]);
        !clause_before
            .split(|c: char| !c.is_alphabetic())
            .any(|w| crate::word_list::SAYING.contains(w))
            && !word_list!("people-nouns").contains(next_word(text, m.span).as_str())
            && !in_a_persons_name(text, m.span)
            && (!m.is_reference_point(text)
                || matches!(m.word_before(text), "against" | "between" | "with"))
    };
    if let Some(region) = mentions
        .iter()
        .find(|m| m.site.precision == Precision::Admin1 && !m.inside)
    {
        if !says_where(&region) {
            return None;
        }
        let code = region.site.admin1.as_ref()?;
        return mentions
            .iter()
            .all(|m| match m.site.precision {
                Precision::Country => m.site.country == region.site.country,
                Precision::Area => false,
                _ => m.site.admin1.as_ref() == Some(code),
            })
            .then_some(region);
    }
    // A country only where the text puts something in it ("protests across India"): "a US
    // drone strike", "goods imported from China" and "outside India's consulate" say nothing
    // of where.
    let country = mentions.iter().filter(says_where).find(|m| {
        m.site.precision == Precision::Country
            && is_located(text, m)
            && !is_possessive(text, m.span)
            && !m.modifies_next(text)
    })?;
    mentions
        .iter()
        .all(|m| m.site.precision != Precision::Area && m.site.country == country.site.country)
        .then_some(country)
}

/// The place of a wire dateline that opens the article's body: "SYLHET, Jan 5 (UNB) –",
/// "Kabul (Reuters) -", "Afrin, Aleppo, Syria    Dozens of…". The most precise of its
/// places, and its day when it gives one (a month and day take the publication's year; with
/// no publication date they stay open).
fn dateline(doc: &Document, mentions: &[Mention]) -> Option<Dateline> {
    let body = doc.sentences.iter().find(|s| {
        doc.blocks
            .get(s.block)
            .is_some_and(|b| b.kind == BlockKind::Body)
    })?;
    let text = doc.text.as_str();
    let start = body.span.start;
    let mut names: Vec<&Mention> = Vec::new();
    let mut at = start;
    for m in mentions
        .iter()
        .filter(|m| m.span.start >= start && m.span.start < start + 80)
    {
        let gap = &text[at..m.span.start];
        if !matches!(gap.trim(), "" | ",") {
            break;
        }
        names.push(m);
        at = m.span.end;
    }
    let first = names.first()?;
    if first.span.start != start {
        return None;
    }
    let rest = &text[at..body.span.end.max(at)];
    let head: String = rest.chars().take(40).collect();
    // A date, an agency in brackets, then a dash or colon; or a run of spaces (a wire's
    // layout), or a dash straight after the place.
    let agency = head.find('(').is_some_and(|open| {
        head[open..].find(')').is_some_and(|close| {
            let inner = &head[open + 1..open + close];
            !inner.is_empty()
                && inner.len() <= 12
                && inner.chars().all(|c| {
                    c.is_ascii_uppercase() || c.is_ascii_alphabetic() || c == ' ' || c == '-'
                })
        })
    });
    let dash = head
        .trim_start_matches(',')
        .trim_start()
        .starts_with(['-', '–', '—'])
        || head.starts_with(" - ")
        || head.starts_with(" -- ");
    let spaces = rest.starts_with("   ");
    if !(agency || dash || spaces) {
        return None;
    }
    // The day between the place and the agency or dash: "Jan 5" in "SYLHET, Jan 5 (UNB) –".
    let stamp_end = head.find(['(', '-', '–', '—']).unwrap_or(head.len());
    let day = when::find(&head[..stamp_end], doc.published)
        .into_iter()
        .find(|w| w.precision == DatePrecision::Day && !w.future)
        .and_then(|w| w.date);
    // `head` is a prefix of `rest`: its byte offsets are the same.
    let stamp_end = at + stamp_end;
    names
        .into_iter()
        .min_by_key(|m| m.rank())
        .cloned()
        .map(|place| Dateline {
            place,
            day,
            stamp_end,
        })
}

/// A wire dateline: its place, its day if it gives one, and where its stamp ends.
struct Dateline {
    place: Mention,
    day: Option<crate::date::Date>,
    stamp_end: usize,
}

fn placed(r: &ToponymRecord) -> Option<Mention> {
    if r.kind != MentionKind::Place || r.ambiguous {
        return None;
    }
    Some(Mention {
        span: Span::new(r.start, r.end),
        capital: r.feature_code.as_deref() == Some("PPLC") && !r.inside,
        inside: r.inside,
        owns_next: false,
        around: Around::default(),
        site: Site {
            name: r.resolved_name.clone().unwrap_or_else(|| r.name.clone()),
            geonameid: r.geonameid?,
            precision: r.precision?,
            lat: r.lat?,
            lon: r.lon?,
            country: r.country.clone(),
            admin1: r.admin1.clone(),
        },
    })
}

/// The places and streets the text names that neither the gazetteer nor
/// [`unknown_in_its_country`] places: a name of no place it knows, or of several far apart with
/// nothing to choose between them ("Bethlehem"). Their stand-in site reads as a town to the
/// rules that tie a place to an event and never leaves this module ([`unplaced_site`] keeps
/// only the mention).
fn unplaced_names(records: &[ToponymRecord], sited: &[Mention]) -> Vec<Mention> {
    let mut unplaced: Vec<Mention> = records
        .iter()
        .filter(|r| matches!(r.kind, MentionKind::Place | MentionKind::Street))
        .map(|r| (r, Span::new(r.start, r.end)))
        .filter(|(r, span)| {
            // `sited` is sorted by start: only those starting here can share the span.
            let from = sited.partition_point(|m| m.span.start < span.start);
            placed(r).is_none()
                && !sited[from..]
                    .iter()
                    .take_while(|m| m.span.start == span.start)
                    .any(|m| m.span == *span)
        })
        .map(|(r, span)| Mention {
            span,
            site: Site {
                name: r.name.clone(),
                geonameid: 0,
                precision: Precision::Point,
                lat: f64::NAN,
                lon: f64::NAN,
                country: None,
                admin1: None,
            },
            capital: false,
            inside: false,
            owns_next: false,
            around: Around::default(),
        })
        .collect();
    unplaced.sort_by_key(|m| m.span.start);
    unplaced
}

/// "the town of Pageri", "Qlaiaa village", "Haifa Street": a place the text marks as one (the
/// geoparser names only such unknown places) or a street, which the gazetteer lacks and no
/// place named beside it contains. When every place and people the text names is of one
/// country, and it names that country or its people, the place is put at what holds it for sure: the one
/// region (for a street, the one town or district) that every other place named lies in or
/// contains, else the country; a coarse site, but the report's own word for it. Where the text
/// names places of several countries, nothing says which holds it; a street in a text of a
/// whole country says nothing worth a site.
fn unknown_in_its_country(text: &str, records: &[ToponymRecord]) -> Vec<Mention> {
    let resolved: Vec<&ToponymRecord> = records
        .iter()
        .filter(|r| {
            !r.ambiguous
                && r.lat.is_some()
                && matches!(r.kind, MentionKind::Place | MentionKind::Demonym)
        })
        .collect();
    let Some(country) = resolved.first().and_then(|r| r.country.as_deref()) else {
        return Vec::new();
    };
    if resolved
        .iter()
        .any(|r| r.country.as_deref() != Some(country))
    {
        return Vec::new();
    }
    let as_site = |r: &ToponymRecord| {
        placed(&ToponymRecord {
            kind: MentionKind::Place,
            inside: false,
            ..r.clone()
        })
        .map(|m| m.site)
    };
    let rank = |r: &ToponymRecord| r.precision.map_or(u8::MAX, Precision::rank);
    // A people's word right after a capitalised word is a surname ("Ahsan Danish"), not a
    // country's name.
    let surname = |r: &ToponymRecord| {
        let before = text[..r.start].strip_suffix(' ').unwrap_or("");
        let word = before.rsplit(' ').next().unwrap_or("");
        r.kind == MentionKind::Demonym
            && word.starts_with(char::is_uppercase)
            && word.chars().all(char::is_alphabetic)
    };
    let Some(country_site) = resolved
        .iter()
        .find(|r| r.precision == Some(Precision::Country) && !surname(r))
        .and_then(|r| as_site(r))
    else {
        return Vec::new();
    };
    // The finest place named, when every other is it or holds it.
    let finest = resolved
        .iter()
        .filter(|r| r.kind == MentionKind::Place)
        .min_by_key(|r| rank(r))
        .filter(|finest| {
            resolved.iter().all(|r| {
                r.geonameid == finest.geonameid
                    || r.precision == Some(Precision::Country)
                    || (r.precision == Some(Precision::Admin1)
                        && rank(r) > rank(finest)
                        && r.admin1 == finest.admin1)
            })
        })
        .and_then(|r| as_site(r));
    let region = finest
        .clone()
        .filter(|s| s.precision == Precision::Admin1)
        .unwrap_or_else(|| country_site.clone());
    let town = finest.filter(|s| matches!(s.precision, Precision::Point | Precision::Admin2));
    records
        .iter()
        .filter(|r| !r.ambiguous && r.geonameid.is_none())
        .filter_map(|r| {
            let site = match r.kind {
                MentionKind::Place => region.clone(),
                MentionKind::Street => town.clone()?,
                MentionKind::Demonym => return None,
            };
            Some(Mention {
                span: Span::new(r.start, r.end),
                site,
                capital: false,
                inside: true,
                owns_next: false,
                around: Around::default(),
            })
        })
        .collect()
}

/// "in Iraq's northern Nineveh province", "Pakistan's Swat valley": the place a country or
/// region owns is where, the owner only says whose it is.
fn mark_owners(text: &str, mentions: &mut [Mention]) {
    for i in 1..mentions.len() {
        let gap = &text[mentions[i - 1].span.end..mentions[i].span.start];
        let Some(rest) = gap.strip_prefix("'s").or_else(|| gap.strip_prefix("’s")) else {
            continue;
        };
        let owner = &mentions[i - 1].site;
        let owned = &mentions[i].site;
        if owned.precision.rank() < owner.precision.rank()
            && rest
                .split_whitespace()
                .all(crate::place_words::is_position_word)
        {
            mentions[i - 1].owns_next = true;
        }
    }
}

/// The event words of a sentence that report something that happened: not an infinitive
/// ("to retake"), not under a modal or a negation ("would hit", "did not visit").
fn triggers(text: &str, ws: &[Word]) -> Vec<(usize, EventKind)> {
    let mut out = Vec::new();
    // One buffer for every word's next words, not a new one each word.
    let mut ahead: Vec<&str> = Vec::with_capacity(kind::AHEAD_WORDS);
    let mut behind: Vec<&str> = Vec::with_capacity(kind::BEHIND_WORDS);
    for (i, w) in ws.iter().enumerate() {
        if !kind::may_signal(&w.lower, w.event_form) {
            continue;
        }
        let next = ws.get(i + 1).map_or("", |n| n.lower());
        let prev = i.checked_sub(1).map_or("", |p| ws[p].lower());
        let prev2 = i.checked_sub(2).map_or("", |p| ws[p].lower());
        let printed_lower = !w.capitalized;
        ahead.clear();
        ahead.extend(
            ws[i + 1..]
                .iter()
                .take(kind::AHEAD_WORDS)
                .map(|w| w.lower()),
        );
        behind.clear();
        behind.extend(
            ws[i.saturating_sub(kind::BEHIND_WORDS)..i]
                .iter()
                .map(|w| w.lower()),
        );
        let Some(kind) = kind::trigger(&kind::TriggerContext {
            word: &w.lower,
            next,
            prev,
            prev2,
            object: &ahead[..object_len(text, ws, i)],
            ahead: &ahead,
            behind: &behind,
            printed_lower,
        }) else {
            continue;
        };
        if irrealis(text, ws, i) {
            continue;
        }
        out.push((i, kind));
    }
    out
}

/// How many of the words after the event word at `i` its object may take (`object:` in
/// `data/event-triggers.tsv`): [`kind::OBJECT_WORDS`], or up to [`kind::LONG_OBJECT_WORDS`]
/// where nothing ends the noun phrase sooner: a clause word, a preposition that places or times
/// it, or punctuation.
fn object_len(text: &str, ws: &[Word], i: usize) -> usize {
    let after = &ws[i + 1..];
    let ends = |k: usize| {
        let w = &after[k];
        let from = if k == 0 {
            ws[i].span.end
        } else {
            after[k - 1].span.end
        };
        w.clause
            || text[from..w.span.start].contains([',', ';', ':', '(', ')', '—', '–'])
            || word_list!("locative").contains(w.lower())
            || word_list!("object-ends").contains(w.lower())
    };
    let mut n = after.len().min(kind::OBJECT_WORDS);
    if (0..n).any(ends) {
        return n;
    }
    while n < after.len().min(kind::LONG_OBJECT_WORDS) && !ends(n) {
        n += 1;
    }
    n
}

/// "gathered at the Thai embassy in Yangon to protest the sentences in Thailand", "marched …
/// in protest of the crackdown in Letpadan": an event word that gives the purpose of an
/// earlier one of the same kind a few words before tells the same event, not a second one
/// where its object is. It still ends the earlier event's clause (see [`sites_for`]). When the
/// earlier one found no site ("gathered to protest in Lahore"), this one says where.
fn restates_earlier(
    ws: &[Word],
    triggers: &[(usize, EventKind)],
    t: usize,
    placed: &[usize],
) -> bool {
    const PURPOSE_REACH: usize = 15;
    let (at, kind) = triggers[t];
    let as_purpose = at
        .checked_sub(1)
        .is_some_and(|p| matches!(ws[p].lower(), "to" | "in"));
    as_purpose
        && triggers[..t]
            .iter()
            .enumerate()
            .any(|(e, &(j, other))| other == kind && j + PURPOSE_REACH >= at && placed.contains(&e))
}

fn irrealis(text: &str, ws: &[Word], i: usize) -> bool {
    static MODALS: WordList = WordList::new("modal");
    // Step back over adverbs and quote marks: "to “fully liberate”".
    let mut j = i;
    while j > 0 && ws[j - 1].lower.ends_with("ly") && ws[j - 1].lower.len() > 3 {
        j -= 1;
    }
    let Some(prev) = j.checked_sub(1).map(|k| &ws[k]) else {
        return false;
    };
    let gap: String = text[prev.span.end..ws[j].span.start]
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '‘'))
        .collect();
    if breaks_clause(&gap) {
        return false;
    }
    let i = j;
    // "continued to protest", "took to the streets to protest", "gathered in Islamabad to
    // protest": done, unless a modal governs it (below). The going-on or gathering verb opens
    // the same clause, a few words before.
    let carried_on = (i.saturating_sub(9)..i.saturating_sub(1))
        .rev()
        .take_while(|&k| {
            !ws[k + 1].clause && !breaks_clause(&text[ws[k].span.end..ws[k + 1].span.start])
        })
        .any(|k| word_list!("carried-on").contains(ws[k].lower()));
    if prev.lower == "to" && !carried_on {
        // "are due to land" is planned, and news reports plans as events to come.
        return !(i >= 2 && matches!(ws[i - 2].lower(), "due" | "set" | "scheduled"));
    }
    // "stop the fighting", "prevent an attack": what is to be stopped did not happen.
    let governing = if matches!(prev.lower(), "the" | "a" | "an" | "any" | "further") {
        j.checked_sub(2).map_or("", |k| ws[k].lower())
    } else {
        prev.lower()
    };
    if matches!(prev.lower(), "stop" | "halt" | "if")
        || matches!(
            governing,
            "stop"
                | "halt"
                | "end"
                | "ending"
                | "prevent"
                | "preventing"
                | "avoid"
                | "avert"
                | "stopping"
        )
    {
        return true;
    }
    // "Moscow could try to expand its territorial gains by capturing …": a modal earlier in
    // the clause governs the verbs chained after it, however far.
    for k in (i.saturating_sub(12)..i).rev() {
        if breaks_clause(&text[ws[k].span.end..ws[k + 1].span.start]) || ws[k].clause {
            break;
        }
        // "on 14 May held a protest": a capitalised "May" inside a sentence is the month.
        if MODALS.contains(ws[k].lower()) && !(ws[k].capitalized && k > 0) {
            return true;
        }
    }
    false
}

/// Gives each time expression to the event word nearest it, so that "recaptured Sudzha,
/// which Ukraine seized last year" does not date the recapture last year.
fn assign_dates(
    text: &str,
    ws: &[Word],
    triggers: &[(usize, EventKind)],
    dates: &[When],
) -> Vec<Option<usize>> {
    let distance = |a: Span, b: Span| {
        if a.start >= b.end {
            a.start - b.end
        } else {
            b.start.saturating_sub(a.end)
        }
    };
    let mut best: Vec<Option<(usize, usize)>> = vec![None; triggers.len()];
    for (d, date) in dates.iter().enumerate() {
        let nearest = triggers
            .iter()
            .enumerate()
            .min_by_key(|(_, &(w, _))| distance(date.span, ws[w].span));
        if let Some((t, &(w, _))) = nearest {
            let gap = distance(date.span, ws[w].span);
            // A date far off in another clause dates something else ("the war Putin started in
            // February 2022").
            let (a, b) = if date.span.start >= ws[w].span.end {
                (ws[w].span.end, date.span.start)
            } else {
                (date.span.end.min(ws[w].span.start), ws[w].span.start)
            };
            if gap > MAX_DATE_GAP && breaks_clause(&text[a..b]) {
                continue;
            }
            if best[t].is_none_or(|(_, g)| gap < g) {
                best[t] = Some((d, gap));
            }
        }
    }
    // "On Wednesday, Ukraine’s military chief … suggested that …": a date that opens the
    // sentence dates every event in it that has no date of its own.
    let opening = dates.iter().position(|d| {
        ws.first()
            .is_some_and(|w| d.span.start <= w.span.start + 3 && d.span.end > w.span.start)
    });
    best.into_iter()
        .map(|b| b.map(|(d, _)| d).or(opening))
        .collect()
}

/// The sites of the event at word `trigger`: the most precise places named after it within
/// its clause (a list of them when the text lists them: "Odesa, Dnipro, and Kharkiv"), or else
/// one named before it where the sentence puts the event there ("in Kursk", or the subject of
/// a passive: "Sudzha was retaken"). Not sites: reference points ("southwest of Moscow"),
/// participants ("talks with the U.S."), owners ("Kyiv’s forces"), a capital standing for its
/// government ("a blow to Kyiv"), and places inside the claimant's name.
fn sites_for<'m>(
    text: &str,
    ws: &[Word],
    triggers: &[(usize, EventKind)],
    trigger: usize,
    kind: EventKind,
    mentions: &[&'m Mention],
    claimant: Option<Span>,
) -> Vec<&'m Mention> {
    let t = ws[trigger].span;
    // "along Zaire's border with Rwanda and Burundi": the parties joined by "and" after
    // "with" are all reference points. (Not any list after a reference point: "Waht, northwest
    // of Aden, and Lahj" goes on with the villages.)
    let listed_after_reference = |m: &Mention| {
        let k = mentions.partition_point(|p| p.span.end <= m.span.start);
        k > 0 && {
            let p = mentions[k - 1];
            matches!(
                p.word_before(text),
                "with" | "bordering" | "borders" | "against"
            ) && matches!(text[p.span.end..m.span.start].trim(), "and" | "or")
                && p.is_reference_point(text)
        }
    };
    // "above New York and Washington": a capital listed after a place the words locate is one
    // more place of that list, not its government.
    let listed_after_located = |m: &Mention| {
        let k = mentions.partition_point(|p| p.span.end <= m.span.start);
        m.capital
            && k > 0
            && !mentions[k - 1].capital
            && listed(&text[mentions[k - 1].span.end..m.span.start])
            && is_site_reading(text, mentions[k - 1], kind, claimant)
    };
    let usable = |m: &&&Mention| {
        !listed_after_reference(m)
            && (is_site_reading(text, m, kind, claimant)
                || listed_after_located(m)
                || (is_struck_object(text, ws, triggers, m)
                    && is_owned_site_reading(text, m, claimant)))
    };
    // The clause after the trigger ends at the next event or reporting word, or a relative.
    // Where talks or a visit take place is said close by ("talks in Jeddah"); a place further
    // on belongs to what they are about ("talks aimed at ending the conflict in Ukraine").
    let words_after = match kind {
        EventKind::Meeting => 14,
        EventKind::Visit | EventKind::Arrival => 8,
        _ => SITE_REACH,
    };
    let mut reach = (trigger + 1 + words_after).min(ws.len());
    for k in trigger + 1..reach {
        let w = ws[k].lower();
        let as_well_as = w == "as"
            && (ws.get(k + 1).is_some_and(|n| n.lower == "well") || ws[k - 1].lower == "well");
        // Talks "aimed at ending the conflict in Ukraine" are not in Ukraine; talks "in the
        // United Arab Emirates" are (a word of a place's name is no participle).
        let in_name = || mentions.iter().any(|m| m.span.contains(ws[k].span));
        let participle =
            kind == EventKind::Meeting && (w.ends_with("ed") || w.ends_with("ing")) && !in_name();
        // "a clash was reported in Roorkee": where it was reported is where it happened.
        let reported_at = w == "reported"
            && ws
                .get(k + 1)
                .is_some_and(|n| matches!(n.lower(), "in" | "at" | "from" | "near"));
        // "took out a rally and held a demonstration in Karachi": one protest, told twice.
        let same_event_again = triggers.iter().any(|&(j, other)| {
            j == k && other == kind && ws[trigger + 1..k].iter().any(|w| w.lower == "and")
        });
        // "demonstrated in Zurich to protest the trouble in Istanbul": what an event is for
        // is not where it is. (Troops that push "to retake Sudzha" go there.)
        // "gathered on the streets to show their support for the peace process in Burma":
        // an infinitive with its object is what the gathering is for. ("marched to parliament
        // in Kathmandu" goes there: no article after the noun.)
        let infinitive = w == "to"
            && kind != EventKind::Movement
            && ws.get(k + 1).is_some_and(|n| {
                !n.capitalized
                    && n.lower.chars().all(char::is_alphabetic)
                    && !word_list!("function-words").contains(n.lower())
                    && !super::words::is_place_noun(&n.lower)
            })
            && ws.get(k + 2).is_some_and(|d| {
                word_list!("possessive-determiner").contains(d.lower())
                    || word_list!("determiner").contains(d.lower())
            });
        let purpose = w == "to"
            && kind != EventKind::Movement
            && ws.get(k + 1).is_some_and(|n| {
                !n.capitalized
                    && kind::trigger(&kind::TriggerContext {
                        word: &n.lower,
                        next: ws.get(k + 2).map_or("", |x| x.lower()),
                        prev: "to",
                        prev2: ws[k - 1].lower(),
                        object: &[],
                        ahead: &[],
                        behind: &[],
                        printed_lower: true,
                    })
                    .is_some()
            });
        let boundary = (triggers.iter().any(|&(j, _)| j == k) && !same_event_again)
            || purpose
            || infinitive
            || (ws[k].saying && !reported_at)
            || (ws[k].clause && !as_well_as)
            || participle;
        if boundary {
            reach = k;
            break;
        }
    }
    let reach_end = ws.get(reach).map_or(usize::MAX, |w| w.span.start);
    let after: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.span.start >= t.end && m.span.start < reach_end)
        .filter(usable)
        // "signs with slogans like “Bush is a murderer”": a name quoted is no site.
        .filter(|m| !is_quoted(text, t.end, m.span))
        // "captured by Israel", "patrolled by warships": the agent, not the site.
        .filter(|m| m.word_before(text) != "by")
        // "deploying soldiers from North Korea": where its object comes from ("withdrew from
        // Kherson" is still where it was).
        .filter(|m| {
            m.word_before(text) != "from" || ws.get(trigger + 1).is_some_and(|n| n.lower == "from")
        })
        .filter(|m| {
            !matches!(
                kind,
                EventKind::Meeting | EventKind::Statement | EventKind::Agreement
            ) || matches!(m.word_before(text), "in" | "at")
        })
        .copied()
        .collect();
    // "in north Delhi's Ashok Vihar": a place named as the owner of the next is its container.
    let after: Vec<&Mention> = after
        .iter()
        .enumerate()
        .filter(|&(k, m)| {
            !(is_possessive(text, m.span)
                && after.get(k + 1).is_some_and(|n| {
                    text[m.span.end..n.span.start]
                        .trim_start_matches(['\'', '’', 's'])
                        .trim()
                        .is_empty()
                }))
        })
        .map(|(_, m)| *m)
        .collect();
    // "the town of Khan Touman, southern Aleppo": a place the gazetteer lacks, then what holds
    // it. The event is at the first; the second only says where that is.
    let after: Vec<&Mention> = after
        .iter()
        .filter(|m| {
            let previous = mentions.iter().rev().find(|p| p.span.end <= m.span.start);
            !previous.is_some_and(|p| {
                after.iter().any(|a| std::ptr::eq(*a, *p)) && holds_the_one_before(text, p, m)
            })
        })
        .copied()
        .collect();
    // "the Raiganj University College campus in Kolkata": a place that names an institution is
    // where that is only when the text does not then say where it is.
    let names_an_institution = |m: &Mention| {
        text[m.span.end..].strip_prefix(' ').is_some_and(|rest| {
            rest.starts_with(char::is_uppercase)
                && rest
                    .split(|c: char| !c.is_alphabetic())
                    .take(3)
                    .any(|w| super::words::is_site_noun(&w.to_lowercase()))
        })
    };
    let after: Vec<&Mention> = after
        .iter()
        .enumerate()
        .filter(|&(k, m)| {
            !(names_an_institution(m)
                && after[k + 1..].iter().any(|n| {
                    matches!(n.word_before(text), "in" | "at")
                        && text[m.span.end..n.span.start].split_whitespace().count() <= 6
                }))
        })
        .map(|(_, m)| *m)
        .collect();
    if !after.is_empty() {
        let best = after.iter().map(|m| m.rank()).min().unwrap_or(u8::MAX);
        let mut first = after.iter().position(|m| m.rank() == best).unwrap_or(0);
        // "in the province of Raqqa and the city of Aleppo": a coarser place joined to the
        // finest by "and" is one of the same list, unless it holds it.
        while first > 0 {
            let (earlier, finest) = (after[first - 1], after[first]);
            let gap = &text[earlier.span.end..finest.span.start];
            let joined = gap
                .split(|c: char| !c.is_alphabetic())
                .any(|w| matches!(w, "and" | "or"));
            if joined && listed(gap) && !holds(&earlier.site, &finest.site) {
                first -= 1;
            } else {
                break;
            }
        }
        let mut chosen = vec![after[first]];
        for m in &after[first + 1..] {
            let last = chosen[chosen.len() - 1];
            let gap = &text[last.span.end..m.span.start];
            // "the towns of Irobo, Grand Lahou, Fresco and in the Sassandra region": a list
            // joined by "and" goes on across precisions; a comma alone may name a holder
            // ("Nasiriyah, Iraq").
            let joined = gap
                .split(|c: char| !c.is_alphabetic())
                .any(|w| matches!(w, "and" | "or"));
            if (m.rank() == best || (joined && !holds(&m.site, &last.site))) && listed(gap) {
                chosen.push(m);
            } else if m.rank() == best {
                break;
            }
        }
        return chosen;
    }
    // "the Jeddah meeting", "the Moscow talks": a name right before the event word, when that
    // word is a noun ("Israel bombed Haniya's office": the name is the doer).
    let verb = ws[trigger].lower.ends_with("ed");
    if let Some(m) = mentions
        .iter()
        .find(|m| m.span.end <= t.start && text[m.span.end..t.start].trim().is_empty())
        .filter(|_| !verb)
    {
        if !is_possessive(text, m.span)
            && matches!(
                kind,
                EventKind::Meeting | EventKind::Visit | EventKind::Strike
            )
        {
            return vec![*m];
        }
    }
    // Talks are where they are said to be, or where someone came "for talks".
    if kind == EventKind::Meeting && !(trigger > 0 && ws[trigger - 1].lower == "for") {
        return Vec::new();
    }
    let mut first = trigger.saturating_sub(SITE_REACH_BEFORE);
    // "Hamdi, who grew up in Saudi Arabia, was captured": a relative clause set off by commas
    // between the subject and the event word tells of the subject, not where it happened.
    let mut aside = false;
    for k in (first..trigger).rev() {
        if triggers.iter().any(|&(j, _)| j == k) || ws[k].saying || ws[k].clause {
            aside = matches!(ws[k].lower(), "who" | "whose" | "which")
                && text[..ws[k].span.start].trim_end().ends_with(',')
                && text[ws[k].span.end..t.start].contains(',');
            first = k + 1;
            break;
        }
    }
    let closed_aside = closed_aside(text, ws, trigger);
    let reach_start = if aside {
        t.start
    } else {
        ws.get(first).map_or(t.start, |w| w.span.start)
    };
    let participle = ws[trigger].lower.ends_with("ed") || ws[trigger].lower.ends_with("en");
    let passive = participle
        && (1..=2).filter(|&k| trigger >= k).any(|k| {
            matches!(
                ws[trigger - k].lower(),
                "was" | "were" | "been" | "is" | "are" | "be"
            )
        });
    let patient = passive || kind == EventKind::Damage;
    // "Baghdad was heavily bombed": the subject of a passive physical event is the place it
    // was done to, a capital too.
    let passive_subject = |m: &&&Mention| {
        passive
            && kind.is_physical()
            && is_owned_site_reading(text, m, claimant)
            && text[m.span.end..t.start].split_whitespace().all(|w| {
                matches!(
                    w,
                    "was" | "were" | "is" | "are" | "been" | "has" | "have" | "had"
                ) || (w.ends_with("ly") && w.len() > 3)
            })
    };
    let candidates: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.span.end <= t.start && m.span.start >= reach_start)
        .filter(|m| {
            closed_aside
                .as_ref()
                .is_none_or(|aside| !aside.contains(&m.span.start))
        })
        .filter(|m| usable(m) || passive_subject(m))
        // "Anton Leschek from Bielefeld was killed", "Erland Almaas, 18, of Norway was
        // shot": where the victims are from, not where they died.
        .filter(|m| m.word_before(text) != "from" && !follows_an_age(text, m.span))
        .filter(|m| !quoted_alone(text, m.span))
        .copied()
        .collect();
    // "Police in Karachi and Lahore": the preposition before a list locates all of it.
    let mut located = false;
    let mut before: Vec<&Mention> = Vec::new();
    for (k, m) in candidates.iter().enumerate() {
        let in_list = k > 0 && located && listed(&text[candidates[k - 1].span.end..m.span.start]);
        located = patient || is_located(text, m) || is_local_unit(text, m.span) || in_list;
        if located {
            before.push(m);
        }
    }
    // The most precise, and of those the nearest: "near the settlement of Rafiah Yam in
    // southern Gaza shot" was at Rafiah Yam.
    let best = before.iter().map(|m| m.rank()).min();
    let Some(last) = before.iter().rposition(|m| Some(m.rank()) == best) else {
        return Vec::new();
    };
    // "The police in Ireland and Britain raided": each of a list is a site.
    let mut first = last;
    while first > 0
        && before[first - 1].rank() == before[last].rank()
        && listed(&text[before[first - 1].span.end..before[first].span.start])
    {
        first -= 1;
    }
    before[first..=last].to_vec()
}

/// Whether the place `outer` is `inner` or holds it: its country, or its first-level region.
fn holds(outer: &Site, inner: &Site) -> bool {
    outer.geonameid == inner.geonameid
        || match outer.precision {
            Precision::Country => outer.country.is_some() && outer.country == inner.country,
            Precision::Admin1 => outer.admin1.is_some() && outer.admin1 == inner.admin1,
            Precision::Area => true,
            Precision::Point | Precision::Admin2 => false,
        }
}

/// "Moussa Ranimat, 28, of Kafr Tsurif near Hebron, detonated", "members of the company,
/// stationed at Fort Bliss, Texas, were captured": an aside closed by a comma right before
/// the event word (and its auxiliaries) describes the subject.
fn closed_aside(text: &str, ws: &[Word], trigger: usize) -> Option<std::ops::Range<usize>> {
    let t = ws[trigger].span;
    let mut before = text[..t.start].trim_end();
    loop {
        let word = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let auxiliary = matches!(
            word,
            "was" | "were" | "is" | "are" | "been" | "has" | "have" | "had" | "be"
        ) || (word.len() > 3 && word.ends_with("ly"));
        if word.is_empty() || !auxiliary {
            break;
        }
        before = before[..before.len() - word.len()].trim_end();
    }
    // Where the aside opens: the sentence's first comma, as an aside may hold a place and
    // its region ("stationed at Fort Bliss, Texas,"); "Delhi in India, held by mutineers,
    // is captured" keeps its subject. A participle after a comma ("…in Kenya and Tanzania,
    // killing 190") closes no aside.
    let sentence_start = ws.first().map_or(0, |w| w.span.start);
    let finite = !ws[trigger].lower.ends_with("ing");
    before
        .strip_suffix(',')
        .filter(|_| finite && before.len() > sentence_start)
        .and_then(|inner| {
            inner
                .get(sentence_start..)
                .and_then(|s| s.find(','))
                .map(|k| sentence_start + k..before.len())
        })
        // "Villagers around Peshawar, in Urmar, rioted": an aside that opens with a locative
        // preposition says where.
        .filter(|aside| {
            let first = text[aside.start + 1..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase();
            !matches!(first.as_str(), "in" | "at" | "near" | "inside" | "outside")
        })
}

/// Whether `outer`, named right after `inner` (a place the gazetteer lacks, put at what holds
/// it), is that holder: the same region, and only a comma, or a preposition of place after a
/// noun of place at most, and a few words between.
fn holds_the_one_before(text: &str, inner: &Mention, outer: &Mention) -> bool {
    let gap = text
        .get(inner.span.end..outer.span.start)
        .unwrap_or("")
        .trim_start();
    // "X, southern Y", "X in Y", "X village along Y road", "X area of Y".
    let within = |w: Option<&str>| matches!(w, Some("in" | "of" | "near" | "outside" | "along"));
    let mut words = gap.split_whitespace();
    let first = words.next();
    let says_in = gap.starts_with(',')
        || within(first)
        || (first.is_some_and(super::words::is_place_noun) && within(words.next()));
    inner.inside
        && says_in
        && gap.len() <= 40
        && inner.site.country == outer.site.country
        && (inner.site.geonameid == outer.site.geonameid
            || (inner.site.admin1.is_some() && inner.site.admin1 == outer.site.admin1))
}

/// Whether a mention may be an event's site at all: not a reference point ("southwest of
/// Moscow"), an owner ("Kyiv's forces"), a modifier ("a U.S. delegation"), part of the
/// claimant's name, or a capital standing for its government.
fn is_site_reading(text: &str, m: &Mention, kind: EventKind, claimant: Option<Span>) -> bool {
    is_owned_site_reading(text, m, claimant)
        && (!is_possessive(text, m.span) || is_located_possessive(text, m))
        && (!m.capital || is_located_capital(text, m, kind) || names_a_building(text, m.span))
}

/// "a Baghdad restaurant", "his Moscow home": the name says where a building is, even a
/// capital's, which elsewhere may stand for its government.
fn names_a_building(text: &str, span: Span) -> bool {
    text[span.end..]
        .strip_prefix(' ')
        .map(|rest| {
            rest.split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("")
        })
        .is_some_and(super::words::is_site_noun)
}

/// The place an attack, strike or capture is done to: "shelled Kyiv", "bombed the Taliban-held
/// city of Herat's airport", "targeting areas of Baghdad". A capital or a possessive there is
/// the place struck, not a government or an owner.
fn is_struck_object(text: &str, ws: &[Word], triggers: &[(usize, EventKind)], m: &Mention) -> bool {
    let span = m.span;
    let before = m.word_before(text);
    triggers
        .iter()
        .any(|&(j, k)| k.is_physical() && ws[j].lower == before && ws[j].span.end <= span.start)
}

/// The readings of [`is_site_reading`] that do not depend on whether a name stands for its
/// government or its owner.
fn is_owned_site_reading(text: &str, m: &Mention, claimant: Option<Span>) -> bool {
    !m.is_reference_point(text)
        && !m.owns_next
        && !m.modifies_next(text)
        && !ends_an_organisations_name(text, m)
        && claimant.is_none_or(|c| !c.contains(m.span))
}

/// "The Sangrur unit of the union held a protest", "the party's Netrakona district unit
/// organised": a local unit acts where it is.
fn is_local_unit(text: &str, span: Span) -> bool {
    let mut after = text[span.end..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let mut next = after.next().unwrap_or_default();
    if super::words::is_place_noun(&next) {
        next = after.next().unwrap_or_default();
    }
    word_list!("local-unit").contains(next.as_str())
}

/// "the Communist Party of India", "the Bar Council of India", "Border Guard Bangladesh": a
/// country at the end of a capitalised name is the organisation's, not where it acts. (A town
/// there still says where: "the University of Hyderabad".)
fn ends_an_organisations_name(text: &str, m: &Mention) -> bool {
    if m.site.precision != Precision::Country {
        return false;
    }
    let before = text[..m.span.start].trim_end();
    let before = before.strip_suffix(" of").unwrap_or(before);
    let last = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“'))
        .next()
        .unwrap_or("");
    last.chars().next().is_some_and(char::is_uppercase)
        && !word_list!("function-words").contains(last.to_lowercase().as_str())
        && !before[..before.len() - last.len()]
            .trim_end()
            .ends_with(['.', '!', '?'])
        && !before[..before.len() - last.len()].trim().is_empty()
}

/// Where a sentence puts what it reports when an event word names no site of its own: the most
/// precise place a locative preposition introduces ("In neighbouring Croatia, a soldier shot
/// …"), or else a place the event is said to be near ("30 kilometres northeast of Karbala").
fn sentence_site<'m>(
    text: &str,
    ws: &[Word],
    trigger: usize,
    kind: EventKind,
    mentions: &[&'m Mention],
    claimant: Option<Span>,
) -> Option<&'m Mention> {
    // A locative phrase that opens the sentence: "In neighbouring Croatia, …".
    let opening = ws.first().map_or(0, |w| w.span.start);
    let fronted = mentions.iter().filter(|m| {
        m.span.start < ws[trigger].span.start
            && m.span.start <= opening + 40
            && matches!(
                m.word_before(text),
                "in" | "at"
                    | "near"
                    | "outside"
                    | "inside"
                    | "across"
                    | "throughout"
                    | "around"
                    | "on"
            )
    });
    let fronted = fronted.filter(|m| {
        is_site_reading(text, m, kind, claimant)
            && text[opening..m.span.start].split_whitespace().count() <= 4
            && text[m.span.end..].trim_start().starts_with(',')
    });
    if let Some(best) = fronted.min_by_key(|m| m.rank()) {
        return Some(best);
    }
    // "shot during an ambush 30 kilometres northeast of Karbala": near a place, in the
    // event's own clause.
    let clause_end = (trigger + 1..ws.len())
        .find(|&k| ws[k].clause || ws[k].saying)
        .map_or(usize::MAX, |k| ws[k].span.start);
    let reference = mentions.iter().position(|m| {
        m.span.start > ws[trigger].span.end
            && m.span.start < clause_end
            && is_near_reference(text, m.span)
            && claimant.is_none_or(|c| !c.contains(m.span))
    })?;
    // "near the oil refinery town of Baiji, north of Baghdad", "the area of Birdik, about 50 km
    // north of Kutum": the bearing locates the place named just before it, which is the site.
    let located = reference.checked_sub(1).map(|k| mentions[k]).filter(|p| {
        let gap = &text[p.span.end..mentions[reference].span.start];
        gap.starts_with(',')
            && gap.split_whitespace().count() <= 6
            && p.site.precision.rank() < Precision::Country.rank()
            && is_site_reading(text, p, kind, claimant)
    });
    Some(located.unwrap_or(mentions[reference]))
}

/// Where a clause of the same moment puts a physical event that names no site of its own:
/// "was shot dead as he drove through the Sarajevo neighbourhood of Dobrinja", "… while he was
/// riding his motorbike in the eastern city of Trincomalee", "… when their van came under fire
/// in eastern Georgia". The clause opens right after the event's own ("as" only before its
/// subject: not "as well as", "such as") and runs to the next clause or reporting word.
fn circumstance_site<'m>(t: &Trigger<'m>, claimant: Option<Span>) -> Option<&'m Mention> {
    let ws = t.ws;
    let opens = (t.at + 1..ws.len())
        .take_while(|&k| !ws[k].saying)
        .find(|&k| ws[k].clause)
        .filter(|&k| {
            let word = ws[k].lower();
            word_list!("same-moment").contains(word)
                && (word != "as"
                    || ws
                        .get(k + 1)
                        .is_some_and(|n| word_list!("subject-start").contains(&n.lower)))
        })?;
    let end = (opens + 1..ws.len())
        .find(|&k| ws[k].clause || ws[k].saying)
        .map_or(usize::MAX, |k| ws[k].span.start);
    t.in_sentence
        .iter()
        .filter(|m| m.span.start > ws[opens].span.end && m.span.start < end)
        .filter(|m| is_located(t.text, m) && is_site_reading(t.text, m, t.kind, claimant))
        .min_by_key(|m| m.rank())
        .copied()
}

/// Words that put something at a distance or bearing from a place: "southwest of", "20 km from".
static RELATIVE_TO: WordList = WordList::new("relative-to");

/// "northeast of Karbala", "20 km from Aleppo": the event is near the place.
fn is_near_reference(text: &str, span: Span) -> bool {
    let mut from = span.start.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..span.start].to_lowercase();
    let words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "the")
        .rev()
        .take(2)
        .collect();
    // "the outskirts of X", "outside of X" are near X too.
    matches!(words.first(), Some(&"of" | &"from"))
        && words
            .get(1)
            .is_some_and(|w| RELATIVE_TO.contains(w) || matches!(*w, "outskirts" | "outside"))
        && stated_distance_km(&before).is_none_or(|km| km <= NEAR_KM)
}

/// How far a bearing may put an event from a place and still leave it at that place ("30
/// kilometres northeast of Karbala" is; "90 kilometers west of Sarajevo" is not): the same
/// distance within which the geoparser puts a name it lacks at the town it is said to be by.
const NEAR_KM: f64 = crate::geoparse::CLOSE_KM;

/// The first distance written in `text` ("about 1,800 kilometers (1,100 miles)"), in km.
fn stated_distance_km(text: &str) -> Option<f64> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).find_map(|pair| {
        let number: f64 = pair[0].replace(',', "").parse().ok()?;
        let unit = pair[1].trim_end_matches(['.', ',']);
        match unit {
            "km" | "kms" | "kilometer" | "kilometers" | "kilometre" | "kilometres" => Some(number),
            "mile" | "miles" | "mi" => Some(number * 1.609),
            _ => None,
        }
    })
}

/// A name used as a modifier ("a U.S. delegation", "the Kursk town of") or as the subject of a
/// new clause ("… as Russia attacked") rather than as a place where something happened: the
/// next word is lower-case and not one that may follow a site.
fn modifies_next(text: &str, span: Span) -> bool {
    let rest = &text[span.end..];
    if !rest.starts_with(' ') {
        return false;
    }
    let next: String = rest[1..]
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .collect();
    // "US President Donald Trump", "U.S. Secretary of State": a title, not a site.
    if word_list!("title-after-name").contains(next.as_str()) || names_a_conflict(text, span) {
        return true;
    }
    // "Sindh Rangers killed", "the Pakistan Army said": a force's name ends with the owned
    // noun. ("Mymensingh Press Club" goes on: a building, which is where.)
    if next.chars().next().is_some_and(char::is_uppercase) {
        let last_of_name = !rest[1 + next.len()..]
            .strip_prefix(' ')
            .is_some_and(|more| more.starts_with(char::is_uppercase));
        return last_of_name && word_list!("owned-by-place").contains(next.to_lowercase().as_str());
    }
    if next.is_empty() {
        return false;
    }
    // "Arab east Jerusalem": a bearing before another name, not "north of Baghdad".
    let bearing = crate::place_words::is_position_word(&next)
        && !rest[1 + next.len()..].trim_start().starts_with("of ");
    // Only an owner's noun makes the name a modifier: "a Kenyan soldier", "the Kursk offensive".
    // A verb ("Jalore began"), a function word ("In Sukkur a man"), a preposition ("in Lahore
    // against") or a kind of place ("Khost city") leaves it where something happened.
    bearing
        || word_list!("owned-by-place").contains(next.as_str())
        || word_list!("people-nouns").contains(next.as_str())
}

/// "the 1991 Gulf War": the name is the conflict's, which dates the sentence, not a site or a
/// home.
fn names_a_conflict(text: &str, span: Span) -> bool {
    text[span.end..].strip_prefix(' ').is_some_and(|rest| {
        let next = rest
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        word_list!("named-conflict").contains(next)
    })
}

/// A capital is a site only where the sentence puts something in it ("talks in Moscow",
/// "travelling to Moscow"); "a blow to Kyiv" or "concessions from Kyiv" is its government.
fn is_located_capital(text: &str, m: &Mention, kind: EventKind) -> bool {
    let word = m.word_before(text);
    let motion = matches!(
        kind,
        EventKind::Arrival | EventKind::Visit | EventKind::Movement
    );
    word_list!("locative").contains(word) || (motion && word == "to")
}

/// The word before a mention, lower-case, stepping over "the" and words of position ("in
/// central Algiers", "in the southern city of Basra" reads "of").
fn word_before(text: &str, span: Span) -> String {
    fn last_word(s: &str) -> &str {
        let start = s
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic() || *c == '-')
            .last()
            .map_or(s.len(), |(i, _)| i);
        &s[start..]
    }
    let is_noun =
        |w: &str| w == "capital" || super::words::is_place_noun(w) || super::words::is_part_word(w);
    let mut before = text[..span.start].trim_end();
    // "at his Moscow home", "outside their Kabul office": before a building, a possessive
    // determiner is the building's, and the preposition before it says where.
    let site_after = names_a_building(text, span);
    // After "the capital" or "the town of", an adjective of nationality may stand before the
    // noun: "in the Portuguese capital of Lisbon", "in the Iranian capital Tehran".
    let mut after_noun = false;
    let mut first = true;
    // "at a Mexico City hotel", "an upscale Baghdad restaurant": before a name and a building,
    // its article and one adjective belong to the building.
    let is_determiner =
        |w: &str| matches!(w, "a" | "an") || word_list!("possessive-determiner").contains(w);
    let mut building_words = if site_after { 2 } else { 0 };
    // "in Congo's capital, Kinshasa": the comma of an apposition after "capital".
    if let Some(head) = before.strip_suffix(',') {
        if last_word(head).eq_ignore_ascii_case("capital") {
            before = head.trim_end();
        }
    }
    loop {
        let word = last_word(before);
        let lower = word.to_lowercase();
        let rest = before[..before.len() - word.len()].trim_end();
        if building_words > 0 && !word.is_empty() {
            building_words -= 1;
            let adjective = building_words == 1
                && word.chars().all(char::is_lowercase)
                && !word_list!("function-words").contains(&lower)
                && is_determiner(&last_word(rest).to_lowercase());
            if is_determiner(&lower) || adjective {
                first = false;
                before = rest;
                building_words = if adjective { 1 } else { 0 };
                continue;
            }
        }
        let noun_before_of = lower == "of" && is_noun(&last_word(rest).to_lowercase());
        // "in Vietnam's Xuyen Moc prison": a capitalised possessor is the place's country or
        // region; the word before it says how the place is named.
        if lower == "s" && (first || after_noun) {
            if let Some(owner) = rest.strip_suffix(['\'', '’']) {
                let name = last_word(owner);
                if name.starts_with(char::is_uppercase) {
                    before = owner[..owner.len() - name.len()].trim_end();
                    first = false;
                    continue;
                }
            }
        }
        let skip = if word.is_empty() {
            false
        } else if noun_before_of {
            // "the town of X": skip "of" and its noun.
            before = rest[..rest.len() - last_word(rest).len()].trim_end();
            after_noun = true;
            first = false;
            continue;
        } else if lower == "the" || super::words::is_position_word(&lower) {
            true
        } else if first && is_noun(&lower) {
            after_noun = true;
            true
        } else {
            // A capitalised adjective ("the Portuguese capital"), not a capitalised
            // preposition opening the sentence ("On the streets of Baghdad, …").
            after_noun
                && word.chars().next().is_some_and(char::is_uppercase)
                && !word_list!("function-words").contains(&lower)
        };
        if !skip {
            return lower;
        }
        first = false;
        before = rest;
    }
}

/// "in Bonn's central market square", "down Tbilisi's main avenue": a possessive that still
/// says where, because a locative preposition introduces it.
fn is_located_possessive(text: &str, m: &Mention) -> bool {
    !word_list!("missions-abroad").contains(next_word(text, m.span).as_str())
        && matches!(
            m.word_before(text),
            "in" | "at"
                | "on"
                | "near"
                | "outside"
                | "inside"
                | "into"
                | "down"
                | "through"
                | "across"
                | "around"
        )
}

/// Whether a locative preposition introduces the mention: "in Moscow", "strikes on Kyiv".
fn is_located(text: &str, m: &Mention) -> bool {
    // Not "from": "troops from Trinidad" came from there. Nor "of" after a noun that is no
    // place or part of one ([`word_before`] steps over "the town of", "the outskirts of"):
    // "warplanes of Britain" are Britain's, wherever they fly.
    matches!(
        m.word_before(text),
        "in" | "into"
            | "to"
            | "at"
            | "near"
            | "over"
            | "outside"
            | "around"
            | "inside"
            | "on"
            | "across"
            | "towards"
            | "toward"
            | "throughout"
            | "through"
    )
}

fn is_possessive(text: &str, span: Span) -> bool {
    let after = &text[span.end..];
    after.starts_with("’s") || after.starts_with("'s")
}

/// "southwest of X", "the border with X", "miles from X", "X-based": X locates something else.
fn is_reference_point(text: &str, span: Span) -> bool {
    // The words just before are enough; lower-casing all the text before would make a long
    // article's cost grow with the square of its length.
    let mut from = span.start.saturating_sub(160);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..span.start].trim_end().to_lowercase();
    let last_two: Vec<&str> = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "the" | "a" | "an"))
        .take(3)
        .collect();
    let (w1, w2) = (
        last_two.first().copied().unwrap_or(""),
        last_two.get(1).copied().unwrap_or(""),
    );
    let relational = (matches!(w1, "of" | "from") && (RELATIVE_TO.contains(w2) || w2 == "outside"))
        || matches!(w1, "with" | "between" | "bordering" | "borders" | "against")
        || (matches!(w1, "in" | "at" | "of") && word_list!("origin").contains(w2));
    let based = text[span.end..].starts_with("-based");
    // "a meeting between Ukrainian officials and a U.S. delegation": the parties, not the site.
    // "… between Congress and TDP members in Kurnool district": a place a preposition puts
    // something in is where, whoever the parties are.
    let between = !last_two.is_empty()
        && !matches!(w1, "in" | "at" | "near" | "inside" | "outside")
        && before
            .rsplit(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(6)
            .any(|w| w == "between")
        && !breaks_clause(&before[before.rfind("between").unwrap_or(0)..]);
    let relational = relational || between;
    relational || based || far_from(&before)
}

/// "about 385 kilometres (240 miles) from the state's main city of Guwahati": a place named
/// as lying more than [`NEAR_KM`] from where something was is no site of it, whatever words
/// describe it after "from" or "of". `before` is the lower-cased text before the place.
fn far_from(before: &str) -> bool {
    // The last number that starts a distance, and the words from it to the place.
    let Some(at) = before
        .char_indices()
        .rev()
        .filter(|&(i, c)| {
            c.is_ascii_digit() && (i == 0 || before.as_bytes()[i - 1].is_ascii_whitespace())
        })
        .map(|(i, _)| i)
        .find(|&i| stated_distance_km(&before[i..]).is_some())
    else {
        return false;
    };
    let rest = &before[at..];
    // An aside in brackets gives the distance again in other units.
    let plain = crate::place_words::outside_brackets(rest);
    let words: Vec<&str> = plain.split_whitespace().collect();
    stated_distance_km(rest).is_some_and(|km| km > NEAR_KM)
        && words.len() <= 10
        && words.iter().any(|w| matches!(*w, "from" | "of"))
        && !breaks_clause(&plain)
}

/// Whether the words between two places make them items of one list.
fn listed(gap: &str) -> bool {
    // An aside between dashes or brackets does not end a list: "Kryvyy Rih—Zelensky’s
    // hometown—as well as Odesa".
    let mut plain = String::new();
    let mut depth = 0;
    for c in gap.chars() {
        match c {
            '—' | '–' => depth = 1 - depth,
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let plain = plain.trim().to_lowercase();
    let plain = plain.trim_start_matches(',').trim();
    if matches!(
        plain,
        "" | "and" | "or" | "as well as" | "including" | "and in" | "and the"
    ) {
        return true;
    }
    // "and in the German town of", "and the northern city of", "and eastern": a list still,
    // when the words between say only where or what the next place is.
    let mut words = plain
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty());
    let opens = matches!(words.next(), Some("and" | "or"));
    let rest: Vec<&str> = words.collect();
    opens
        && rest.len() <= 6
        && rest.iter().all(|w| {
            matches!(*w, "in" | "at" | "the" | "of" | "a" | "an" | "capital")
                || super::words::is_position_word(w)
                || super::words::is_place_noun(w)
                || gap.contains(&format!(" {}", capitalised(w)))
        })
}

/// "german" → "German": whether the gap printed a word capitalised (a nationality).
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "the town", "the region", "that area", "there": the sentence refers to a place named
/// before: of the precision its noun says (`Some(Some(_))`), or whatever was the last site.
/// Whether `span` stands inside quotation marks opened since `from` (the event word's end): a
/// quote inside the report, not a report that is all a quote.
fn is_quoted(text: &str, from: usize, span: Span) -> bool {
    let before = &text.as_bytes()[from.min(span.start)..span.start];
    // The quotes counted in one pass over the bytes: '“' and '”' are E2 80 9C and E2 80 9D,
    // which no other character's UTF-8 holds.
    let (mut straight, mut opening, mut closing) = (0usize, 0usize, 0usize);
    for (i, &b) in before.iter().enumerate() {
        match b {
            b'"' => straight += 1,
            0xE2 if before.get(i + 1) == Some(&0x80) => match before.get(i + 2) {
                Some(0x9C) => opening += 1,
                Some(0x9D) => closing += 1,
                _ => {}
            },
            _ => {}
        }
    }
    straight % 2 == 1 || opening > closing
}

/// "went by the aliases "Rodrigo" and …": a name in quotes of its own is a word cited, not a
/// place where something happened.
fn quoted_alone(text: &str, span: Span) -> bool {
    text[..span.start].ends_with(['"', '“'])
        && text[span.end..]
            .trim_start_matches([',', '.'])
            .starts_with(['"', '”'])
}

/// "Mechelle Torres, 18, of Atlanta": a person's age, then where they are from.
fn follows_an_age(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end();
    let Some(before) = before.strip_suffix("of") else {
        return false;
    };
    let before = before.trim_end().trim_end_matches(',').trim_end();
    let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    (1..=3).contains(&digits) && before[..before.len() - digits].trim_end().ends_with(',')
}

/// Whether a sentence's subject refers back to the sentence before: a personal pronoun ("They
/// torched…") or a definite description ("The agitators", "The clashes"), after any opening
/// connective ("Later,", "However,").
fn continues_story(ws: &[Word]) -> bool {
    let connectives = word_list!("story-connective");
    let start = ws
        .iter()
        .position(|w| !connectives.contains(w.lower()))
        .unwrap_or(ws.len());
    let Some(first) = ws.get(start) else {
        return false;
    };
    match first.lower() {
        "they" | "he" | "she" => true,
        "the" | "these" | "those" => ws.get(start + 1).is_some_and(|w| !w.capitalized),
        _ => false,
    }
}

fn refers_back(ws: &[Word], trigger: usize) -> Option<Option<Precision>> {
    let after = ws.get(trigger..).unwrap_or_default();
    let before = ws.get(..trigger).unwrap_or_default();
    for p in after.windows(2).chain(before.windows(2).rev()) {
        if !matches!(p[0].lower(), "the" | "that" | "this") {
            continue;
        }
        match p[1].lower() {
            "town" | "city" | "village" | "settlement" => return Some(Some(Precision::Point)),
            "region" | "oblast" | "province" => return Some(Some(Precision::Admin1)),
            "country" => return Some(Some(Precision::Country)),
            "area" | "facility" | "site" | "spot" => return Some(None),
            "district" | "county" | "upazila" | "tehsil" | "township" => {
                return Some(Some(Precision::Admin2))
            }
            _ => {}
        }
    }
    ws.iter().any(|w| w.lower == "there").then_some(None)
}

/// The summary: the reported clause when a claimant introduces it ("X said that CLAUSE"),
/// without a trailing ", X said"; the sentence otherwise. Cut at a word boundary when long.
fn summary(text: &str, ws: &[Word], sentence: Span, trigger: usize) -> Span {
    const LONGEST: usize = 200;
    let mut start = sentence.start;
    let mut end = sentence.end;
    // "… said on Wednesday that its troops had retaken …": start after "that".
    if let Some(that) = (0..trigger)
        .rev()
        .find(|&k| ws[k].lower == "that" && (0..k).any(|j| ws[j].saying))
    {
        start = ws[that].span.end;
    }
    // "…, the Defense Ministry said in a statement Thursday on Telegram.": stop at the comma.
    if let Some(k) = (trigger + 1..ws.len()).find(|&k| ws[k].saying) {
        let comma = text[ws[trigger].span.end..ws[k].span.start]
            .rfind(',')
            .map(|c| ws[trigger].span.end + c);
        if let Some(c) = comma {
            end = c;
        }
    }
    let slice = &text[start..end];
    let trimmed_start = start + (slice.len() - slice.trim_start().len());
    let mut span = Span::new(trimmed_start, end);
    let inner = span.of(text).trim_end();
    span.end = span.start + inner.len();
    if span.len() > LONGEST {
        let cut = ws
            .iter()
            .filter(|w| w.span.end <= span.start + LONGEST && w.span.end > span.start)
            .map(|w| w.span.end)
            .next_back()
            .unwrap_or(span.end);
        span.end = cut;
    }
    span
}
