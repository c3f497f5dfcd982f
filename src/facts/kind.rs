//! The event vocabulary and the words that signal each kind.

/// What kind of thing happened. A vocabulary mapped to ACLED's event types and PLOVER's
/// categories (`data/event-kinds.tsv` gives the mapping and its sources), so that the same
/// event told in different words by different outlets falls in the same kind and can be
/// matched across them. The words that signal each kind are data: `data/event-triggers.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventKind {
    /// A place taken or retaken ("retook Sudzha", "seized", "the fall of").
    Capture,
    /// Fighting between armed groups: a clash, a gunfight, an ambush.
    Clash,
    /// A strike or attack from afar or in force: air and drone strikes, missiles, shelling, raids.
    Strike,
    /// A bomb, an explosion, a grenade, a mine.
    Bombing,
    /// Violence against people: a killing, a shooting, an assault.
    Attack,
    /// Someone abducted, kidnapped or taken hostage.
    Abduction,
    /// A protest, a demonstration, a rally, a general strike.
    Protest,
    /// A riot or mob violence.
    Riot,
    /// Someone arrested or detained.
    Arrest,
    /// Troops moving: an advance, a push, an incursion, a withdrawal, a patrol.
    Movement,
    /// Someone going to see a place or people ("Putin visited Kursk").
    Visit,
    /// Someone arriving or travelling ("Witkoff landed in Moscow").
    Arrival,
    /// A meeting, talks, negotiations, a phone call.
    Meeting,
    /// A rejection, demand, warning or threat: a statement that is itself the news.
    Statement,
    /// An agreement, a deal, a truce signed.
    Agreement,
    /// Aid, weapons or funding given, announced, suspended.
    Aid,
    /// Damage or casualties: destroyed, damaged, injured, killed.
    Damage,
    /// An accident or a natural disaster: a crash, a flood, an earthquake.
    Disaster,
}

impl EventKind {
    pub const ALL: [EventKind; 18] = [
        EventKind::Capture,
        EventKind::Clash,
        EventKind::Strike,
        EventKind::Bombing,
        EventKind::Attack,
        EventKind::Abduction,
        EventKind::Protest,
        EventKind::Riot,
        EventKind::Arrest,
        EventKind::Movement,
        EventKind::Visit,
        EventKind::Arrival,
        EventKind::Meeting,
        EventKind::Statement,
        EventKind::Agreement,
        EventKind::Aid,
        EventKind::Damage,
        EventKind::Disaster,
    ];

    /// The id used in exports and addresses ("capture").
    pub fn slug(self) -> &'static str {
        match self {
            EventKind::Capture => "capture",
            EventKind::Clash => "clash",
            EventKind::Strike => "strike",
            EventKind::Bombing => "bombing",
            EventKind::Attack => "attack",
            EventKind::Abduction => "abduction",
            EventKind::Protest => "protest",
            EventKind::Riot => "riot",
            EventKind::Arrest => "arrest",
            EventKind::Movement => "movement",
            EventKind::Visit => "visit",
            EventKind::Arrival => "arrival",
            EventKind::Meeting => "meeting",
            EventKind::Statement => "statement",
            EventKind::Agreement => "agreement",
            EventKind::Aid => "aid",
            EventKind::Damage => "damage",
            EventKind::Disaster => "disaster",
        }
    }

    /// A reader's name for the kind ("Capture or recapture"), from `data/event-kinds.tsv`.
    pub fn label(self) -> &'static str {
        kind_row(self).map_or("", |row| row.1)
    }

    /// Where the kind sits in ACLED's event types ("Battles: Armed clash"), `-` for none.
    pub fn acled(self) -> &'static str {
        kind_row(self).map_or("-", |row| row.2)
    }

    /// The PLOVER categories the kind falls in ("FIGHT").
    pub fn plover(self) -> &'static str {
        kind_row(self).map_or("-", |row| row.3)
    }

    /// Something that happens at a place (a clash, a protest, a flood), as against something
    /// said or agreed: a report of one is a fact even when the text does not say where.
    pub fn is_physical(self) -> bool {
        !matches!(
            self,
            EventKind::Visit
                | EventKind::Arrival
                | EventKind::Meeting
                | EventKind::Statement
                | EventKind::Agreement
                | EventKind::Aid
        )
    }

    pub fn from_slug(slug: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

// Written and read as its slug, the name serde's derive gave it.
crate::by_name::by_name!(EventKind, slug, "an event kind's slug");

/// `data/event-kinds.tsv`'s rows: slug, label, ACLED, PLOVER.
fn kind_row(kind: EventKind) -> Option<(&'static str, &'static str, &'static str, &'static str)> {
    type Row = (&'static str, &'static str, &'static str, &'static str);
    // Parsed once: the page asks for a label per fact it draws.
    static ROWS: std::sync::OnceLock<Vec<Row>> = std::sync::OnceLock::new();
    let rows = ROWS.get_or_init(|| {
        include_str!("../../data/event-kinds.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|line| {
                let mut cols = line.split('\t');
                Some((
                    cols.next()?,
                    cols.next().unwrap_or(""),
                    cols.next().unwrap_or("-"),
                    cols.next().unwrap_or("-"),
                ))
            })
            .collect()
    });
    rows.iter().copied().find(|row| row.0 == kind.slug())
}

/// One line of `data/event-triggers.tsv`.
struct TriggerRule {
    form: &'static str,
    prefix: bool,
    /// `None`: the word signals no event here.
    kind: Option<EventKind>,
    next: Option<Vec<&'static str>>,
    not_next: Vec<&'static str>,
    prev: Option<Vec<&'static str>>,
    not_prev: Vec<&'static str>,
    /// One of the two words before is one of these: "joined the strike" is a labour strike.
    before: Option<Vec<&'static str>>,
    /// One of the next few words is one of these: "captured a hat-trick", "captured the
    /// imagination" take no town.
    object: Option<Vec<&'static str>>,
    /// One of the next dozen words is one of these: "gathered … to demand" is a protest.
    ahead: Option<Vec<&'static str>>,
    /// One of the dozen words before is one of these: "the war has killed" gives a war's toll.
    behind: Option<Vec<&'static str>>,
    /// `Some(true)`: only as printed in lower case; `Some(false)`: only capitalised.
    lower: Option<bool>,
}

impl TriggerRule {
    fn parse(line: &'static str) -> Option<TriggerRule> {
        let mut cols = line.split('\t');
        let form = cols.next()?.trim();
        let kind_slug = cols.next()?.trim();
        let kind = if kind_slug == "-" {
            None
        } else {
            Some(EventKind::from_slug(kind_slug)?)
        };
        let mut rule = TriggerRule {
            form: form.trim_end_matches('*'),
            prefix: form.ends_with('*'),
            kind,
            next: None,
            not_next: Vec::new(),
            prev: None,
            not_prev: Vec::new(),
            before: None,
            object: None,
            ahead: None,
            behind: None,
            lower: None,
        };
        for condition in cols.next().unwrap_or("").split_whitespace() {
            let list = |s: &'static str| s.split('|').collect::<Vec<_>>();
            match condition.split_once(':') {
                Some(("next", words)) => rule.next = Some(list(words)),
                Some(("not-next", words)) => rule.not_next = list(words),
                Some(("prev", words)) => rule.prev = Some(list(words)),
                Some(("not-prev", words)) => rule.not_prev = list(words),
                Some(("before", words)) => rule.before = Some(list(words)),
                Some(("object", words)) => rule.object = Some(list(words)),
                Some(("ahead", words)) => rule.ahead = Some(list(words)),
                Some(("behind", words)) => rule.behind = Some(list(words)),
                None if condition == "lower" => rule.lower = Some(true),
                None if condition == "not-lower" => rule.lower = Some(false),
                _ => return None,
            }
        }
        Some(rule)
    }

    fn matches(&self, word: &TriggerContext<'_>) -> bool {
        let form_ok = if self.prefix {
            word.word.starts_with(self.form)
        } else {
            word.word == self.form
        };
        form_ok
            && self.next.as_ref().is_none_or(|n| n.contains(&word.next))
            && !self.not_next.contains(&word.next)
            && self.prev.as_ref().is_none_or(|p| p.contains(&word.prev))
            && !self.not_prev.contains(&word.prev)
            && self
                .before
                .as_ref()
                .is_none_or(|b| b.contains(&word.prev) || b.contains(&word.prev2))
            && self
                .object
                .as_ref()
                .is_none_or(|o| word.object.iter().any(|w| o.contains(w)))
            && self
                .ahead
                .as_ref()
                .is_none_or(|a| word.ahead.iter().any(|w| a.contains(w)))
            && self
                .behind
                .as_ref()
                .is_none_or(|b| word.behind.iter().any(|w| b.contains(w)))
            && self.lower.is_none_or(|l| l == word.printed_lower)
    }
}

#[cfg(test)]
fn rules() -> &'static [TriggerRule] {
    &trigger_index().0
}

/// The rules in file order, and for each whole-word form the indices of its rules (prefix
/// rules are few and are tried on every word).
type TriggerIndex = (
    Vec<TriggerRule>,
    crate::fasthash::FastMap<&'static str, Vec<usize>>,
    Vec<usize>,
);

fn trigger_index() -> &'static TriggerIndex {
    static INDEX: std::sync::OnceLock<TriggerIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let rules: Vec<TriggerRule> = include_str!("../../data/event-triggers.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(TriggerRule::parse)
            .collect();
        let mut by_form: crate::fasthash::FastMap<&'static str, Vec<usize>> = Default::default();
        let mut prefixes = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            if rule.prefix {
                prefixes.push(i);
            } else {
                by_form.entry(rule.form).or_default().push(i);
            }
        }
        (rules, by_form, prefixes)
    })
}

/// The whole words the rules are about (not the prefix rules' stems).
pub(super) fn whole_forms() -> impl Iterator<Item = &'static str> {
    trigger_index().1.keys().copied()
}

/// Whether [`trigger`] may give `word` a kind: a rule is about it as a whole word
/// (`whole_form`, looked up with the word's other classes), or a prefix rule's stem starts it.
/// No other word matches any rule, so the sentence's other words need no context built.
pub(super) fn may_signal(word: &str, whole_form: bool) -> bool {
    let (rules, _, prefixes) = trigger_index();
    whole_form || prefixes.iter().any(|&i| word.starts_with(rules[i].form))
}

/// How many words after a trigger `object:` reads: a determiner, two modifiers and the noun.
pub(super) const OBJECT_WORDS: usize = 4;
/// How many it reads when no preposition, clause word or punctuation ends the object sooner:
/// "captured her first Grand Prix victory", "captured this season's Austrian league title".
pub(super) const LONG_OBJECT_WORDS: usize = 6;
/// How far on a purpose may be named: "gathered outside the Government House in Bangkok to
/// demand…".
pub(super) const AHEAD_WORDS: usize = 12;
/// How far back a sentence's subject may be named: "Syria's civil war, now in its fourth
/// year, has killed…".
pub(super) const BEHIND_WORDS: usize = 12;

/// A word read for an event, with its neighbours (lower-case, any possessive cut off).
pub(super) struct TriggerContext<'a> {
    pub word: &'a str,
    pub next: &'a str,
    pub prev: &'a str,
    /// The word before `prev`.
    pub prev2: &'a str,
    /// The words after `next`, up to [`OBJECT_WORDS`] in all with it: where a verb's object
    /// ends ("captured her first title").
    pub object: &'a [&'a str],
    /// The next [`AHEAD_WORDS`] words (fewer where the sentence ends): what a gathering is for.
    pub ahead: &'a [&'a str],
    /// The [`BEHIND_WORDS`] words before (fewer where the sentence begins), in text order.
    pub behind: &'a [&'a str],
    /// Whether the text prints the word in lower case ("march", not "March").
    pub printed_lower: bool,
}

/// The kind a word signals in its context, by the first rule of `data/event-triggers.tsv` that
/// matches it.
pub(super) fn trigger(word: &TriggerContext<'_>) -> Option<EventKind> {
    let (rules, by_form, prefixes) = trigger_index();
    let whole = by_form
        .get(word.word)
        .map(Vec::as_slice)
        .unwrap_or_default();
    // File order decides between a whole-word rule and a prefix rule.
    let first = |list: &[usize]| list.iter().copied().find(|&i| rules[i].matches(word));
    // Every word is tried against every prefix rule: its first byte rules out nearly all.
    let lead = word.word.as_bytes().first().copied();
    let prefixed = |i: &usize| {
        let form = rules[*i].form.as_bytes();
        form.is_empty() || form.first().copied() == lead
    };
    let prefix_rule = || {
        prefixes
            .iter()
            .copied()
            .filter(prefixed)
            .find(|&i| rules[i].matches(word))
    };
    let rule = match (first(whole), prefix_rule()) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    rule.and_then(|i| rules[i].kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(prev: &str, word: &str, next: &str) -> Option<EventKind> {
        trigger(&TriggerContext {
            word,
            next,
            prev,
            prev2: "",
            object: &[next],
            ahead: &[next],
            behind: &[],
            printed_lower: true,
        })
    }

    #[test]
    fn every_line_of_the_word_list_parses_and_every_kind_has_a_row() {
        let lines = include_str!("../../data/event-triggers.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(
            rules().len(),
            lines,
            "a line of data/event-triggers.tsv does not parse"
        );
        for kind in EventKind::ALL {
            assert!(
                !kind.label().is_empty(),
                "{kind:?} has no row in data/event-kinds.tsv"
            );
            assert!(
                rules().iter().any(|r| r.kind == Some(kind)),
                "no word signals {kind:?}"
            );
        }
    }

    #[test]
    fn context_decides_the_kind() {
        let table = [
            ("general", "strike", "", Some(EventKind::Protest)),
            ("air", "strike", "on", Some(EventKind::Strike)),
            ("", "strike", "drones", None),
            ("", "opened", "fire", Some(EventKind::Attack)),
            ("the", "fire", "brigade", None),
            ("was", "shot", "dead", Some(EventKind::Attack)),
            ("were", "shot", "down", Some(EventKind::Strike)),
            ("activists", "protested", "in", Some(EventKind::Protest)),
            ("police", "arrested", "two", Some(EventKind::Arrest)),
            ("a", "bomb", "exploded", Some(EventKind::Bombing)),
            ("", "recaptured", "the", Some(EventKind::Capture)),
        ];
        for (prev, word, next, kind) in table {
            assert_eq!(kind_of(prev, word, next), kind, "{prev} {word} {next}");
        }
        assert_eq!(
            trigger(&TriggerContext {
                word: "march",
                next: "12",
                prev: "on",
                prev2: "",
                object: &["12"],
                ahead: &["12"],
                behind: &[],
                printed_lower: false
            }),
            None,
            "the month"
        );
        // Two words back: "dock workers joined the strike" is a labour strike, "the strike
        // killed five" is not.
        let strike = |prev2: &str| {
            trigger(&TriggerContext {
                word: "strike",
                next: "on",
                prev: "the",
                prev2,
                object: &["on"],
                ahead: &["on"],
                behind: &[],
                printed_lower: true,
            })
        };
        assert_eq!(strike("joined"), Some(EventKind::Protest));
        // A gathering is a protest when what it is for follows: "gathered outside the
        // Government House in Bangkok to demand…", not "gathered for the festival".
        let gathered = |ahead: &[&str]| {
            trigger(&TriggerContext {
                word: "gathered",
                next: ahead[0],
                prev: "people",
                prev2: "of",
                object: &ahead[..4],
                ahead,
                behind: &[],
                printed_lower: true,
            })
        };
        let to_demand = [
            "outside",
            "the",
            "thai",
            "government",
            "house",
            "in",
            "bangkok",
            "to",
            "demand",
        ];
        assert_eq!(gathered(&to_demand), Some(EventKind::Protest));
        assert_eq!(gathered(&["for", "the", "annual", "festival"]), None);
        assert_eq!(strike("after"), Some(EventKind::Strike));
        let captured = |object: &[&str]| {
            trigger(&TriggerContext {
                word: "captured",
                next: object[0],
                prev: "rebels",
                prev2: "",
                object,
                ahead: object,
                behind: &[],
                printed_lower: true,
            })
        };
        assert_eq!(captured(&["her", "first", "grand", "title"]), None);
        assert_eq!(
            captured(&["the", "town", "of", "kunduz"]),
            Some(EventKind::Capture)
        );
    }
}
