//! Which facts a reader wants to see: by kind, by date, by source article.

use super::{EventKind, Fact, Facts};
use crate::date::Date;
use crate::when::DatePrecision;

/// A filter over facts. The default shows everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FactFilter {
    /// The kinds to show; empty shows every kind.
    pub kinds: Vec<EventKind>,
    /// The first and last day to show. A fact with no date is hidden while either is set: it
    /// cannot be said to fall inside the range.
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Only facts that this document reports.
    pub source: Option<String>,
}

impl FactFilter {
    pub fn is_active(&self) -> bool {
        *self != FactFilter::default()
    }

    pub fn shows_kind(&self, kind: EventKind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }

    /// Whether `fact` passes. A fact dated to a month or a year passes when that month or
    /// year overlaps the range.
    pub fn matches(&self, fact: &Fact) -> bool {
        if !self.shows_kind(fact.kind) {
            return false;
        }
        if let Some(source) = &self.source {
            if !fact.sources.iter().any(|s| &s.doc == source) {
                return false;
            }
        }
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some((first, last)) = days_of(fact) else {
            return false;
        };
        self.from.is_none_or(|from| last >= from) && self.to.is_none_or(|to| first <= to)
    }

    /// The facts that pass, in order.
    pub fn apply(&self, facts: &Facts) -> Facts {
        let keep = |list: &[crate::facts::Fact]| {
            list.iter().filter(|f| self.matches(f)).cloned().collect()
        };
        Facts {
            facts: keep(&facts.facts),
            unplaced: keep(&facts.unplaced),
            flags: facts.flags.clone(),
        }
    }

    /// The filter as address parameters (`kinds=capture,strike`, `from`, `to`, `src`).
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.kinds.is_empty() {
            let kinds: Vec<&str> = EventKind::ALL
                .into_iter()
                .filter(|k| self.kinds.contains(k))
                .map(EventKind::slug)
                .collect();
            out.push(("kinds", kinds.join(",")));
        }
        if let Some(from) = self.from {
            out.push(("from", from.to_string()));
        }
        if let Some(to) = self.to {
            out.push(("to", to.to_string()));
        }
        if let Some(source) = &self.source {
            out.push(("src", source.clone()));
        }
        out
    }

    /// Reads one address parameter; returns whether the key was the filter's.
    pub fn read_param(&mut self, key: &str, value: &str) -> bool {
        match key {
            "kinds" => self.kinds = value.split(',').filter_map(EventKind::from_slug).collect(),
            "from" => self.from = value.parse().ok(),
            "to" => self.to = value.parse().ok(),
            "src" => self.source = Some(value.to_owned()).filter(|s| !s.is_empty()),
            _ => return false,
        }
        true
    }
}

/// The first and last day a fact's date covers.
fn days_of(fact: &Fact) -> Option<(Date, Date)> {
    let d = fact.date?;
    match fact.date_precision {
        DatePrecision::Day => Some((d, d)),
        DatePrecision::Month => {
            let last = Date::new(
                d.year(),
                d.month(),
                crate::date::days_in_month(d.year(), d.month()),
            )?;
            Some((d, last))
        }
        DatePrecision::Year => Some((d, Date::new(d.year(), 12, 31)?)),
        DatePrecision::Unknown => None,
    }
}

impl Facts {
    /// The facts at a place (by GeoNames id) that pass `filter`.
    pub fn at_place<'a>(
        &'a self,
        geonameid: u32,
        filter: &'a FactFilter,
    ) -> impl Iterator<Item = &'a Fact> + 'a {
        self.facts
            .iter()
            .filter(move |f| f.geonameid() == Some(geonameid) && filter.matches(f))
    }

    /// The kind most sources report at a place, among the facts that pass `filter`: what its
    /// marker's colour says.
    pub fn main_kind_at(&self, geonameid: u32, filter: &FactFilter) -> Option<EventKind> {
        let mut best: Option<(usize, EventKind)> = None;
        for kind in EventKind::ALL {
            let n: usize = self
                .at_place(geonameid, filter)
                .filter(|f| f.kind == kind)
                .map(Fact::source_count)
                .sum();
            if n > 0 && best.is_none_or(|(m, _)| n > m) {
                best = Some((n, kind));
            }
        }
        best.map(|(_, k)| k)
    }
}
