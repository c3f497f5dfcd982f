//! An output line of facts written straight into bytes, exactly as `serde_json` writes the
//! same [`super::Output::Facts`].
//!
//! On articles of a few hundred bytes, serialising through serde took about a tenth of the
//! stream's time: every key of every source went through the string escaper, and every field
//! through a call of its own. Here the keys are literals and a string with nothing to escape
//! is copied whole. The scalars whose form serde's attributes decide (kinds, precisions,
//! dates, coordinates, the id) still go through `serde_json`, so their text cannot drift from
//! the derived form; the fields can, were a field added to [`Fact`] or [`Source`] and not
//! here: the tests below compare both writers on facts with every field set.

use serde::Serialize;
use serde_json::Value;

use crate::corpus::Diagnostic;
use crate::facts::{Fact, Site, Source};
use crate::span::Span;

/// An [`Output::Facts`] line (without its line break) as `serde_json::to_string` writes it.
pub(super) fn facts_line(
    id: &Value,
    facts: &[Fact],
    unplaced: &[Fact],
    diagnostics: &[Diagnostic],
) -> String {
    let mut out = Vec::with_capacity(1024);
    write_facts_line(&mut out, id, facts, unplaced, diagnostics);
    String::from_utf8(out).expect("JSON of UTF-8 strings is UTF-8")
}

fn write_facts_line(
    out: &mut Vec<u8>,
    id: &Value,
    facts: &[Fact],
    unplaced: &[Fact],
    diagnostics: &[Diagnostic],
) {
    out.extend_from_slice(b"{\"id\":");
    scalar(out, id);
    out.extend_from_slice(b",\"facts\":");
    list(out, facts, fact);
    out.extend_from_slice(b",\"unplaced\":");
    list(out, unplaced, fact);
    out.extend_from_slice(b",\"diagnostics\":");
    list(out, diagnostics, diagnostic);
    out.push(b'}');
}

fn fact(out: &mut Vec<u8>, f: &Fact) {
    out.extend_from_slice(b"{\"id\":");
    string(out, &f.id);
    out.extend_from_slice(b",\"kind\":");
    scalar(out, &f.kind);
    out.extend_from_slice(b",\"summary\":");
    string(out, &f.summary);
    out.extend_from_slice(b",\"place\":");
    option(out, f.place.as_ref(), site);
    out.extend_from_slice(b",\"date\":");
    scalar(out, &f.date);
    out.extend_from_slice(b",\"date_precision\":");
    scalar(out, &f.date_precision);
    out.extend_from_slice(b",\"date_text\":");
    option(out, f.date_text.as_deref(), string);
    out.extend_from_slice(b",\"sources\":");
    list(out, &f.sources, source);
    out.extend_from_slice(b",\"disagreements\":");
    list(out, &f.disagreements, |out, s| string(out, s));
    out.push(b'}');
}

fn source(out: &mut Vec<u8>, s: &Source) {
    out.extend_from_slice(b"{\"doc\":");
    string(out, &s.doc);
    out.extend_from_slice(b",\"published\":");
    scalar(out, &s.published);
    out.extend_from_slice(b",\"kind\":");
    scalar(out, &s.kind);
    out.extend_from_slice(b",\"sentence\":");
    number(out, s.sentence as u64);
    out.extend_from_slice(b",\"excerpt\":");
    span(out, s.excerpt);
    out.extend_from_slice(b",\"trigger\":");
    span(out, s.trigger);
    out.extend_from_slice(b",\"site_mention\":");
    option(out, s.site_mention, span);
    out.extend_from_slice(b",\"site\":");
    option(out, s.site.as_ref(), site);
    out.extend_from_slice(b",\"actor\":");
    option(out, s.actor.as_deref(), string);
    out.extend_from_slice(b",\"claimed_by\":");
    option(out, s.claimed_by.as_deref(), string);
    out.extend_from_slice(b",\"hedges\":");
    list(out, &s.hedges, |out, h| string(out, h));
    out.extend_from_slice(b",\"date\":");
    scalar(out, &s.date);
    out.extend_from_slice(b",\"date_precision\":");
    scalar(out, &s.date_precision);
    out.extend_from_slice(b",\"date_text\":");
    option(out, s.date_text.as_deref(), string);
    out.extend_from_slice(b",\"summary\":");
    span(out, s.summary);
    out.push(b'}');
}

fn site(out: &mut Vec<u8>, s: &Site) {
    out.extend_from_slice(b"{\"name\":");
    string(out, &s.name);
    out.extend_from_slice(b",\"geonameid\":");
    number(out, u64::from(s.geonameid));
    out.extend_from_slice(b",\"precision\":");
    scalar(out, &s.precision);
    out.extend_from_slice(b",\"lat\":");
    scalar(out, &s.lat);
    out.extend_from_slice(b",\"lon\":");
    scalar(out, &s.lon);
    out.extend_from_slice(b",\"country\":");
    option(out, s.country.as_deref(), string);
    out.extend_from_slice(b",\"admin1\":");
    option(out, s.admin1.as_deref(), string);
    out.push(b'}');
}

fn span(out: &mut Vec<u8>, s: Span) {
    out.extend_from_slice(b"{\"start\":");
    number(out, s.start as u64);
    out.extend_from_slice(b",\"end\":");
    number(out, s.end as u64);
    out.push(b'}');
}

fn diagnostic(out: &mut Vec<u8>, d: &Diagnostic) {
    out.extend_from_slice(b"{\"source\":");
    string(out, &d.source);
    out.extend_from_slice(b",\"severity\":");
    scalar(out, &d.severity);
    out.extend_from_slice(b",\"message\":");
    string(out, &d.message);
    out.push(b'}');
}

fn list<T>(out: &mut Vec<u8>, items: &[T], mut item: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, x);
    }
    out.push(b']');
}

fn option<T>(out: &mut Vec<u8>, value: Option<T>, some: impl FnOnce(&mut Vec<u8>, T)) {
    match value {
        Some(v) => some(out, v),
        None => out.extend_from_slice(b"null"),
    }
}

/// A value whose form serde decides: as `serde_json` writes it.
fn scalar(out: &mut Vec<u8>, value: &(impl Serialize + ?Sized)) {
    serde_json::to_writer(&mut *out, value).expect("a scalar serialises");
}

/// An unsigned integer in decimal, as `serde_json` writes it.
fn number(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// A JSON string: copied whole when nothing in it needs escaping (the common case), else
/// escaped by `serde_json` itself.
fn string(out: &mut Vec<u8>, s: &str) {
    // No early exit: a plain fold over the bytes, which the compiler vectorises.
    let escapes = s.bytes().fold(false, |any, b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if escapes {
        scalar(out, s);
    } else {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Severity;
    use crate::facts::EventKind;
    use crate::geoparse::Precision;
    use crate::stream::Output;
    use crate::when::DatePrecision;

    fn serde_line(output: &Output) -> String {
        serde_json::to_string(output).unwrap()
    }

    fn to_string(output: &Output) -> String {
        match output {
            Output::Facts {
                id,
                facts,
                unplaced,
                diagnostics,
            } => facts_line(id, facts, unplaced, diagnostics),
            Output::Error { .. } => unreachable!("error lines are serde's"),
        }
    }

    #[test]
    fn facts_lines_are_serdes_byte_for_byte() {
        let site = Site {
            name: "Kyiv \"city\"\n\u{1}\\ Київ".to_owned(),
            geonameid: 703_448,
            precision: Precision::Point,
            lat: 50.45466,
            lon: -30.5238,
            country: Some("UA".to_owned()),
            admin1: Some("Kyiv City".to_owned()),
        };
        let mut every_field = Source {
            doc: "doc\t1".to_owned(),
            published: "2025-03-13".parse().ok(),
            kind: EventKind::Strike,
            sentence: 12,
            excerpt: Span::new(0, 1234567),
            trigger: Span::new(10, 15),
            site_mention: Some(Span::new(20, 24)),
            site: Some(site.clone()),
            actor: Some("Russia’s army".to_owned()),
            actor_names: vec!["ignored".to_owned()],
            claimed_by: Some("the \"ministry\"".to_owned()),
            hedges: vec!["could not be verified".to_owned(), "reportedly".to_owned()],
            date: "2025-03-12".parse().ok(),
            date_precision: DatePrecision::Day,
            date_text: Some("on Wednesday".to_owned()),
            summary: Span::new(0, 99),
        };
        let bare = Source {
            published: None,
            site_mention: None,
            site: None,
            actor: None,
            claimed_by: None,
            hedges: Vec::new(),
            date: None,
            date_precision: DatePrecision::Unknown,
            date_text: None,
            ..every_field.clone()
        };
        let fact = |sources: Vec<Source>, place: Option<Site>| Fact {
            id: "strike-kyiv-2025-03-12".to_owned(),
            kind: EventKind::Strike,
            summary: "A \"strike\"\r\non Kyiv".to_owned(),
            place,
            date: "2025-03-12".parse().ok(),
            date_precision: DatePrecision::Month,
            date_text: Some("in March".to_owned()),
            sources,
            disagreements: vec!["date: 12 March (a); 13 March (b)".to_owned()],
        };
        every_field.kind = EventKind::Disaster;
        let facts = vec![
            fact(vec![every_field.clone(), bare.clone()], Some(site)),
            Fact {
                date: None,
                date_text: None,
                disagreements: Vec::new(),
                ..fact(vec![bare], None)
            },
        ];
        let diagnostics = vec![
            Diagnostic::warning("a", "no \"date\""),
            Diagnostic::error("b", "x"),
            Diagnostic {
                source: "c".to_owned(),
                severity: Severity::Note,
                message: String::new(),
            },
        ];
        for id in [Value::from("x\"1"), Value::from(7), Value::from(2.5)] {
            let output = Output::Facts {
                id,
                facts: facts.clone(),
                unplaced: facts[1..].to_vec(),
                diagnostics: diagnostics.clone(),
            };
            assert_eq!(to_string(&output), serde_line(&output));
        }
        let empty = Output::Facts {
            id: Value::from(1),
            facts: Vec::new(),
            unplaced: Vec::new(),
            diagnostics: Vec::new(),
        };
        assert_eq!(to_string(&empty), serde_line(&empty));
    }

    #[test]
    fn the_shipped_facts_are_written_as_serde_writes_them() {
        let shipped = crate::facts::shipped_facts().unwrap();
        let output = Output::Facts {
            id: Value::from("shipped"),
            facts: shipped.facts,
            unplaced: shipped.unplaced,
            diagnostics: Vec::new(),
        };
        assert_eq!(to_string(&output), serde_line(&output));
    }

    #[test]
    fn numbers_are_decimal() {
        for n in [0, 1, 9, 10, 99, 100, 65_535, u64::from(u32::MAX), u64::MAX] {
            let mut out = Vec::new();
            number(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
