//! Calendar dates without a time zone, as news articles give them.
//!
//! Articles date themselves ("Updated 13 March 2025") and date their events relative to that
//! ("on Tuesday"), so the core needs civil-date arithmetic and lenient parsing, nothing more.
//! Day counting follows Howard Hinnant's `days_from_civil`, exact over the proleptic Gregorian
//! calendar.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Days of the week, Monday first as in ISO 8601.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// English name, capitalised.
    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }

    /// Parses an English weekday name, case-insensitively.
    pub fn from_name(name: &str) -> Option<Weekday> {
        Weekday::ALL
            .into_iter()
            .find(|d| d.name().eq_ignore_ascii_case(name))
    }
}

impl Date {
    /// The date, if `month` and `day` exist in `year`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month.into()
    }

    pub fn day(self) -> u32 {
        self.day.into()
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days since 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// This date moved by `days` (negative moves back).
    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[(self.days_since_epoch() + 3).rem_euclid(7) as usize]
    }

    /// Finds a date written out in prose: "13 March 2025", "March 13, 2025", "Mar. 13, 2025",
    /// "03 February 2026" or ISO "2025-03-13". Returns the date and the byte span it occupies.
    pub fn find_in(text: &str) -> Option<(Date, std::ops::Range<usize>)> {
        let words = word_spans(text);
        for (i, &(start, _)) in words.iter().enumerate() {
            let get = |k: usize| words.get(i + k).map(|&(s, e)| (&text[s..e], e));
            let Some((w0, e0)) = get(0) else { continue };
            if let Ok(date) = Date::from_str(w0) {
                return Some((date, start..e0));
            }
            // day month year
            if let (Some(day), Some((w1, _)), Some((w2, mut e2))) = (parse_day(w0), get(1), get(2))
            {
                if w2.ends_with(',') {
                    e2 -= 1;
                }
                if let (Some(month), Ok(year)) =
                    (parse_month(w1), w2.trim_end_matches(',').parse::<i32>())
                {
                    if let Some(date) = Date::new(year, month, day) {
                        return Some((date, start..e2));
                    }
                }
            }
            // month day, year
            if let (Some(month), Some((w1, _)), Some((w2, mut e2))) =
                (parse_month(w0), get(1), get(2))
            {
                if w2.ends_with(',') {
                    e2 -= 1;
                }
                if let (Some(day), Ok(year)) = (
                    parse_day(w1.trim_end_matches(',')),
                    w2.trim_end_matches(',').parse::<i32>(),
                ) {
                    if let Some(date) = Date::new(year, month, day) {
                        return Some((date, start..e2));
                    }
                }
            }
        }
        None
    }
}

/// Byte spans of whitespace-separated words, with sentence punctuation trimmed off the end
/// (a trailing comma is kept: "March 13," marks the day of a US-style date).
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                let word = text[s..i].trim_end_matches(['.', ';', ':', ')']);
                spans.push((s, s + word.len()));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    spans
}

fn parse_day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic()); // 13th, 1st
    (1..=2)
        .contains(&digits.len())
        .then(|| digits.parse().ok())
        .flatten()
}

/// A month from its English name or a three-letter (or "Sept") abbreviation, dot optional.
pub fn parse_month(word: &str) -> Option<u32> {
    // Compared ignoring ASCII case rather than lower-cased: the date finder asks of most words.
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    // Every form below starts with a month's first letter: most words fail that one test.
    if !matches!(
        w.as_bytes()[0].to_ascii_lowercase(),
        b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
    ) {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            m.eq_ignore_ascii_case(w)
                || (w.len() == 3 && m.as_bytes()[..3].eq_ignore_ascii_case(w.as_bytes()))
                || (w.eq_ignore_ascii_case("sept") && *m == "september")
        })
        .map(|i| i as u32 + 1)
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Error from parsing an ISO 8601 calendar date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a YYYY-MM-DD date: {0:?}")]
pub struct ParseDateError(pub String);

impl FromStr for Date {
    type Err = ParseDateError;

    /// Parses `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Date, ParseDateError> {
        let err = || ParseDateError(s.to_owned());
        let mut parts = s.splitn(3, '-');
        let (y, m, d) = (
            parts.next().ok_or_else(err)?,
            parts.next().ok_or_else(err)?,
            parts.next().ok_or_else(err)?,
        );
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(err());
        }
        let num = |p: &str| p.parse::<u32>().map_err(|_| err());
        Date::new(num(y)? as i32, num(m)?, num(d)?).ok_or_else(err)
    }
}

impl fmt::Display for Date {
    /// ISO 8601: `2025-03-13`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// How a reader sees it: "13 March 2025".
    pub fn long_form(self) -> String {
        format!("{} {}", self.day, self.month_year())
    }

    /// Its month as a reader sees it: "March 2025".
    pub fn month_year(self) -> String {
        let mut name = MONTHS[usize::from(self.month) - 1].to_owned();
        name[..1].make_ascii_uppercase();
        format!("{} {}", name, self.year)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn epoch_round_trip_over_four_centuries() {
        let start = d("1899-12-25").days_since_epoch();
        let mut prev = Date::from_days_since_epoch(start - 1);
        for n in start..start + 146_097 {
            let date = Date::from_days_since_epoch(n);
            assert_eq!(date.days_since_epoch(), n);
            assert!(date > prev, "{date} after {prev}");
            prev = date;
        }
    }

    #[test]
    fn known_weekdays() {
        for (date, day) in [
            ("1970-01-01", Weekday::Thursday),
            ("2025-03-13", Weekday::Thursday),
            ("2025-03-11", Weekday::Tuesday),
            ("2026-02-03", Weekday::Tuesday),
            ("2000-02-29", Weekday::Tuesday),
        ] {
            assert_eq!(d(date).weekday(), day, "{date}");
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-3-1",
            "25-03-13",
            "x",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!("2024-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn finds_dates_in_prose() {
        for (text, expected, slice) in [
            ("Updated 13 March 2025", "2025-03-13", "13 March 2025"),
            ("Updated 03 February 2026", "2026-02-03", "03 February 2026"),
            (
                "released on Mar. 13, 2025, shows",
                "2025-03-13",
                "Mar. 13, 2025",
            ),
            ("Posted: March 9, 2025.", "2025-03-09", "March 9, 2025"),
            ("as of 2025-03-13.", "2025-03-13", "2025-03-13"),
            ("on 1st June 2024", "2024-06-01", "1st June 2024"),
        ] {
            let (date, span) = Date::find_in(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(date, d(expected), "{text}");
            assert_eq!(&text[span], slice);
        }
        for none in [
            "on Tuesday",
            "March 2025",
            "31 February 2025",
            "May I 2025",
            "",
        ] {
            assert_eq!(Date::find_in(none), None, "{none}");
        }
    }

    #[test]
    fn long_form_and_serde() {
        assert_eq!(d("2025-03-13").long_form(), "13 March 2025");
        assert_eq!(
            serde_json::to_string(&d("2025-03-09")).unwrap(),
            "\"2025-03-09\""
        );
        assert_eq!(
            serde_json::from_str::<Date>("\"2026-02-03\"").unwrap(),
            d("2026-02-03")
        );
        assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
    }
}
