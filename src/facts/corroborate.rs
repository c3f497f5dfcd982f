//! The same event told by several articles: one fact, many sources.

use std::collections::BTreeMap;

use super::{iso, Fact, Site, Source};
use crate::corpus::Corpus;
use crate::date::Date;
use crate::geoparse::Precision;
use crate::when::DatePrecision;

/// Groups `events` (in corpus order) into facts: same kind, compatible place (the same place,
/// or a region or country that holds it), compatible date (within a day, or either undated).
/// A coarse report joins a precise fact only when exactly one fits: "strikes on Ukraine" does
/// not pick one of four struck cities.
pub(super) fn cluster(corpus: &Corpus, events: Vec<Source>) -> Vec<Fact> {
    let mut groups: Vec<Group> = Vec::new();
    // Only groups of the event's kind can take it.
    let mut by_kind: BTreeMap<super::EventKind, Vec<usize>> = BTreeMap::new();
    // Precise reports first, so that a coarse one can see every precise fact it might join.
    let mut events = events;
    events.sort_by_key(|e| site_rank(&e.site));
    for event in events {
        let candidates = by_kind.entry(event.kind).or_default();
        let fits: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&g| fits(&groups[g], &event))
            .collect();
        let exact: Vec<usize> = fits
            .iter()
            .copied()
            .filter(|&g| same_site(groups[g].place(), &event.site))
            .collect();
        let target = match (exact.as_slice(), fits.as_slice()) {
            ([g, ..], _) => Some(*g),
            (_, [g]) => Some(*g),
            // Finer than several groups' places: the report is more precise than all of them,
            // so it joins the first (the one told first) and the others stay apart.
            (_, [g, ..])
                if fits
                    .iter()
                    .all(|&h| site_rank(groups[h].place()) > site_rank(&event.site)) =>
            {
                Some(*g)
            }
            _ => None,
        };
        match target {
            Some(g) => groups[g].push(event),
            None => {
                candidates.push(groups.len());
                groups.push(Group::new(event));
            }
        }
    }
    let groups: Vec<Vec<Source>> = groups.into_iter().map(|g| g.sources).collect();
    let order: BTreeMap<&str, usize> = corpus
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    // Each fact's count of articles taken once, not at every comparison (it sorts them).
    let mut counted: Vec<(usize, Fact)> = groups
        .into_iter()
        .map(|g| fact(corpus, g, &order))
        .map(|f| (f.source_count(), f))
        .collect();
    counted.sort_by(|(a_count, a), (b_count, b)| {
        // The most reported of same-named facts keeps the plain id.
        fn name(f: &Fact) -> Option<&str> {
            f.place.as_ref().map(|p| p.name.as_str())
        }
        (
            a.date.is_none(),
            a.date,
            a.kind,
            name(a),
            std::cmp::Reverse(*a_count),
            &a.summary,
        )
            .cmp(&(
                b.date.is_none(),
                b.date,
                b.kind,
                name(b),
                std::cmp::Reverse(*b_count),
                &b.summary,
            ))
    });
    let mut facts: Vec<Fact> = counted.into_iter().map(|(_, f)| f).collect();
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    for f in &mut facts {
        let n = used.entry(f.id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            f.id = format!("{}-{}", f.id, n);
        }
    }
    // The facts of one day in the order the corpus first tells them (article, sentence, word,
    // and for one word's list of places, the place's): a reader going down the list follows
    // the reports, and a report's own event comes before the earlier ones it mentions
    // ("protested against the attack on …").
    let first_told = |f: &Fact| {
        f.sources
            .iter()
            .map(|s| {
                let doc = order.get(s.doc.as_str()).copied().unwrap_or(usize::MAX);
                let place_at = s.site_mention.map_or(usize::MAX, |m| m.start);
                (doc, s.sentence, s.trigger.start, place_at)
            })
            .min()
    };
    facts.sort_by_cached_key(|f| (f.date.is_none(), f.date, first_told(f)));
    facts
}

/// A site's precision as a rank; no site is coarser than any.
fn site_rank(site: &Option<Site>) -> u8 {
    site.as_ref().map_or(5, |s| s.precision.rank())
}

fn same_site(a: &Option<Site>, b: &Option<Site>) -> bool {
    a.as_ref().map(|s| s.geonameid) == b.as_ref().map(|s| s.geonameid)
}

/// The sources of one fact in the making.
struct Group {
    sources: Vec<Source>,
    /// One source for each distinct combination of what [`fits`] reads (site, date, actors,
    /// publication date, article): the others would give the same answers, so a long article
    /// that reports one event a thousand times costs one check, not a thousand.
    distinct: Vec<usize>,
    /// The source with the most precise place.
    best: usize,
}

impl Group {
    fn new(source: Source) -> Group {
        Group {
            sources: vec![source],
            distinct: vec![0],
            best: 0,
        }
    }

    fn place(&self) -> &Option<Site> {
        &self.sources[self.best].site
    }

    fn push(&mut self, source: Source) {
        let i = self.sources.len();
        if site_rank(&source.site) < site_rank(self.place()) {
            self.best = i;
        }
        if !self
            .distinct
            .iter()
            .any(|&d| same_for_fitting(&self.sources[d], &source))
        {
            self.distinct.push(i);
        }
        self.sources.push(source);
    }

    fn representatives(&self) -> impl Iterator<Item = &Source> {
        self.distinct.iter().map(|&d| &self.sources[d])
    }
}

fn same_for_fitting(a: &Source, b: &Source) -> bool {
    same_site(&a.site, &b.site)
        && a.date == b.date
        && a.date_precision == b.date_precision
        && a.actor_names == b.actor_names
        && a.published == b.published
        && a.doc == b.doc
}

fn fits(group: &Group, event: &Source) -> bool {
    let agree = group.sources[0].kind == event.kind
        && group.representatives().all(|s| {
            places_agree(&s.site, &event.site)
                && dates_agree(s, event)
                && actors_agree(s, event)
                && !after_publication(s, event)
                && !after_publication(event, s)
        });
    // A report at another precision (Saudi Arabia for Jeddah) joins only on a shared date, or
    // within its own article: an undated "talks in Saudi Arabia" could be any talks there.
    // Reports with no site are one fact only within one article.
    let unplaced_apart =
        event.site.is_none() && group.representatives().any(|s| s.doc != event.doc);
    agree
        && !unplaced_apart
        && group.representatives().any(|s| {
            (s.site.is_some() && same_site(&s.site, &event.site) && !dated_by_another(s, event))
                || s.doc == event.doc
                || (s.date.is_some() && event.date.is_some())
        })
}

/// An undated report at a country or region and a dated one from another article: "a protest
/// in Nepal" may be any protest there, so it neither takes nor gives a day it does not say.
/// (At a town, the same kind of event is more likely the same one.)
fn dated_by_another(a: &Source, b: &Source) -> bool {
    let coarse = a.site.as_ref().is_some_and(|s| {
        matches!(
            s.precision,
            Precision::Admin1 | Precision::Country | Precision::Area
        )
    });
    coarse && a.doc != b.doc && a.date.is_some() != b.date.is_some()
}

/// The most precise place of a group's sources.
fn place_of(group: &[Source]) -> &Option<Site> {
    group
        .iter()
        .map(|s| &s.site)
        .min_by_key(|s| site_rank(s))
        .expect("groups are never empty")
}

/// Reports that name different people doing it are different events (Witkoff's arrival in
/// Moscow is not Lukashenko's, the same day); a report that names no one fits either.
fn actors_agree(a: &Source, b: &Source) -> bool {
    a.actor_names.is_empty()
        || b.actor_names.is_empty()
        || a.actor_names.iter().any(|n| b.actor_names.contains(n))
}

/// Two sites agree when they are the same place or one holds the other. Reports with no site
/// agree only with each other, and only within one article (see [`fits`]): "protesters
/// marched" in two articles may be two marches.
fn places_agree(a: &Option<Site>, b: &Option<Site>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => sites_agree(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn sites_agree(a: &Site, b: &Site) -> bool {
    if a.geonameid == b.geonameid {
        return true;
    }
    let (coarse, fine) = if a.precision.rank() >= b.precision.rank() {
        (a, b)
    } else {
        (b, a)
    };
    match coarse.precision {
        Precision::Country => coarse.country.is_some() && coarse.country == fine.country,
        Precision::Admin1 => {
            fine.precision != Precision::Admin1
                && coarse.admin1.is_some()
                && coarse.admin1 == fine.admin1
                && coarse.country == fine.country
        }
        _ => false,
    }
}

/// Whether `a` is dated after `b`'s article was published (a February 2026 meeting is not in a
/// March 2025 article, whatever the words). Planned events are reported before they happen,
/// but not by months.
fn after_publication(a: &Source, b: &Source) -> bool {
    const PLANNED_DAYS: i64 = 31;
    let (Some(date), Some(published)) = (a.date, b.published) else {
        return false;
    };
    date.days_since_epoch() > published.days_since_epoch() + PLANNED_DAYS
}

fn dates_agree(a: &Source, b: &Source) -> bool {
    let (Some(x), Some(y)) = (a.date, b.date) else {
        return true;
    };
    match (a.date_precision, b.date_precision) {
        (DatePrecision::Day, DatePrecision::Day) => {
            x.days_since_epoch().abs_diff(y.days_since_epoch()) <= 1
        }
        (DatePrecision::Year, _) | (_, DatePrecision::Year) => x.year() == y.year(),
        _ => x.year() == y.year() && x.month() == y.month(),
    }
}

fn fact(corpus: &Corpus, mut sources: Vec<Source>, order: &BTreeMap<&str, usize>) -> Fact {
    sources.sort_by_key(|s| {
        (
            order.get(s.doc.as_str()).copied().unwrap_or(usize::MAX),
            s.excerpt.start,
            s.trigger.start,
        )
    });
    let place = place_of(&sources).clone();
    // The date most sources give; none when they split evenly.
    let mut readings: Vec<((Date, DatePrecision), Vec<&str>)> = Vec::new();
    for s in &sources {
        let Some(d) = s.date else { continue };
        match readings
            .iter_mut()
            .find(|(r, _)| *r == (d, s.date_precision))
        {
            Some((_, docs)) => {
                if !docs.contains(&s.doc.as_str()) {
                    docs.push(&s.doc);
                }
            }
            None => readings.push(((d, s.date_precision), vec![&s.doc])),
        }
    }
    let most = readings.iter().map(|(_, d)| d.len()).max().unwrap_or(0);
    let leaders: Vec<&((Date, DatePrecision), Vec<&str>)> =
        readings.iter().filter(|(_, d)| d.len() == most).collect();
    let chosen = (leaders.len() == 1).then(|| leaders[0].0);
    let date_text = chosen
        .and_then(|c| {
            sources
                .iter()
                .find(|s| s.date == Some(c.0) && s.date_precision == c.1)
        })
        .and_then(|s| s.date_text.clone());
    let mut disagreements = Vec::new();
    if readings.len() > 1 {
        let listed: Vec<String> = readings
            .iter()
            .map(|((d, p), docs)| {
                format!(
                    "{} ({})",
                    iso(Some(*d), *p).unwrap_or_default(),
                    docs.join(", ")
                )
            })
            .collect();
        disagreements.push(format!("date: {}", listed.join("; ")));
    }
    let first = &sources[0];
    let doc_text = corpus.document(&first.doc).map_or("", |d| d.text.as_str());
    let summary = first.summary.of(doc_text).to_owned();
    let (date, date_precision) =
        chosen.map_or((None, DatePrecision::Unknown), |(d, p)| (Some(d), p));
    let where_ = place
        .as_ref()
        .map_or_else(|| "unplaced".to_owned(), |p| slug(&p.name));
    // Joined rather than formatted: one for every fact of every article.
    let when = iso(date, date_precision);
    let id = [
        first.kind.slug(),
        where_.as_str(),
        when.as_deref().unwrap_or("undated"),
    ]
    .join("-");
    Fact {
        id,
        kind: first.kind,
        summary,
        place,
        date,
        date_precision,
        date_text,
        sources,
        disagreements,
    }
}

/// "Kursk Oblast" → "kursk-oblast": letters and digits, lower-case, joined by hyphens.
pub(super) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}
