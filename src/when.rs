//! Time expressions in news prose, resolved against the article's publication date.
//!
//! News dates its events from the day it is published: "on Tuesday", "last August", "two days
//! ago". [`find`] picks out those phrases and fixes each to the calendar as precisely as the
//! words allow and no more: a day, a month, a year, or [`DatePrecision::Unknown`] with the
//! phrase kept so a reader can still see it.
//!
//! English leaves some readings open; factmap settles them so:
//!
//! - **Weekdays** are the most recent such day on or before publication (a Thursday article's
//!   "on Thursday" is that day). In a future-tense sentence ("will", "is due to", "is expected
//!   to", "plans to", "is scheduled", "is to") the next such day on or after it. "last Tuesday"
//!   is strictly before publication, "next Tuesday" strictly after; "Wednesday last week" is the
//!   Wednesday of the Monday-first week before publication's.
//! - **Nights** are dated by the morning they end in: "overnight" and "last night" alone are the
//!   publication day (the night into it), "overnight into Thursday" and "the night of Wednesday to
//!   Thursday" are Thursday. "Tuesday night" names its evening, so it is Tuesday.
//! - **Weeks** are seven days, too long for a day and too short to be sure of a month: "this
//!   week", "last week", "earlier this week", "two weeks ago" (taken as the seven days around the
//!   date fourteen days back) resolve to a month only when the whole week lies inside one;
//!   otherwise precision is Unknown and the phrase is kept.
//! - **Counted offsets**: "three days ago" is a day, "two months ago" a month, "a year ago" a
//!   year. "three years after the invasion" or "two days later" count from an event the phrase
//!   does not date, so they are kept with precision Unknown.
//! - **Months and days without a year** are the nearest occurrence not after publication
//!   ("December 30" in a 2 January article is the year before), or not before it in a
//!   future-tense sentence. "last August" is strictly before the publication month.
//! - **Future**: [`When::future`] is set when the words look ahead ("next", "tomorrow", "later
//!   this week", a future-tense verb) or the resolved date lies after publication.
//! - A leading preposition ("on", "in", "since") is not part of the phrase; modifiers that
//!   change the date ("late", "early on", "last", "mid-") are.
//!
//! Without a publication date, relative phrases get precision Unknown; absolute ones ("11 March
//! 2025", "in 2022") still resolve. Bare years count only in a date context ("in 2022", "since
//! 2014", "August 2024"), and "May" and "March" only beside a day, a year or a date preposition,
//! so "Russia may strike" and "2,000 troops" are not dates.

use crate::word_list::{OneOf, WordList, SAYING};
use serde::Serialize;

use crate::date::{parse_month, Date, Weekday};
use crate::span::Span;

/// How exactly a time expression fixes its date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePrecision {
    Day,
    Month,
    Year,
    Unknown,
}

crate::by_name::by_name!(DatePrecision, name, "a date precision");

impl DatePrecision {
    pub const ALL: [DatePrecision; 4] = [
        DatePrecision::Day,
        DatePrecision::Month,
        DatePrecision::Year,
        DatePrecision::Unknown,
    ];

    /// Its name in files ("month").
    pub fn name(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
            DatePrecision::Unknown => "unknown",
        }
    }
}

/// A time expression found in a text, and the date it stands for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct When {
    /// Where the phrase is in the text searched (bytes, on char boundaries).
    pub span: Span,
    /// Exactly the text the span covers.
    pub phrase: String,
    /// The day; the first day of the month or year for coarser precision; None when Unknown.
    pub date: Option<Date>,
    pub precision: DatePrecision,
    /// Whether the sentence places it after publication ("will meet on Tuesday", "next week").
    pub future: bool,
}

impl When {
    /// The date in ISO 8601 to its precision: "2025-03-11", "2025-03" or "2025".
    pub fn iso(&self) -> Option<String> {
        let date = self.date?;
        match self.precision {
            DatePrecision::Day => Some(date.to_string()),
            DatePrecision::Month => Some(format!("{:04}-{:02}", date.year(), date.month())),
            DatePrecision::Year => Some(format!("{:04}", date.year())),
            DatePrecision::Unknown => None,
        }
    }
}

/// The time expressions of `text`, in text order and not overlapping, resolved against
/// `published` where they are relative to it.
pub fn find(text: &str, published: Option<Date>) -> Vec<When> {
    find_in(text, &crate::tokens::tokenize(text), published)
}

/// [`find`], given the crate tokenizer's words of `text`: a caller that has them already need
/// not split the text again.
pub fn find_in(text: &str, words: &[crate::tokens::Token], published: Option<Date>) -> Vec<When> {
    let scan = Scan {
        text,
        tokens: tokenize(text, words),
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < scan.tokens.len() {
        let Some(Parsed { expr, end, ahead }) = scan.expression_at(i) else {
            i += 1;
            continue;
        };
        let span = Span::new(scan.tokens[i].start, scan.tokens[end - 1].end);
        let future_tense = ahead || scan.future_tense(i, end);
        let (date, precision) = match published {
            Some(published) => resolve(expr, published, future_tense),
            None => resolve_absolute(expr),
        };
        let after_publication = match (date, published) {
            (Some(date), Some(published)) => starts_after(date, precision, published),
            _ => false,
        };
        found.push(When {
            span,
            phrase: span.of(text).to_owned(),
            date,
            precision,
            future: future_tense || after_publication,
        });
        i = end;
    }
    found
}

/// A time expression as written, before it is placed on the calendar.
#[derive(Clone, Copy, Debug)]
enum Expr {
    Weekday(Weekday, Shift),
    /// Today is 0, yesterday -1.
    DaysFromPublication(i64),
    Calendar(Date),
    MonthDay(u32, u32),
    Month(u32, Shift),
    MonthOfYear(i32, u32),
    MonthsFromPublication(i64),
    Year(i32),
    YearsFromPublication(i64),
    /// A Monday-first week counted from publication's, or the part of it before or after.
    Week(i64, WeekPart),
    WeeksAgo(i64),
    /// Counted from an event the phrase does not date: "three years after".
    Unanchored,
}

/// Which occurrence of a weekday or month the words pick.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shift {
    /// The nearest one on the side of publication the tense points to.
    Nearest,
    /// Strictly before publication.
    Last,
    /// Strictly after publication.
    Next,
    /// In the week (for weekdays) or year (for months) of publication, moved by this many.
    Within(i64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WeekPart {
    Whole,
    BeforePublication,
    AfterPublication,
}

struct Parsed {
    expr: Expr,
    /// One past the phrase's last token.
    end: usize,
    /// The words themselves look ahead ("next", "tomorrow", "later this week").
    ahead: bool,
}

impl Parsed {
    fn new(expr: Expr, end: usize) -> Option<Parsed> {
        Some(Parsed {
            expr,
            end,
            ahead: false,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Resolution

fn resolve(expr: Expr, published: Date, future_tense: bool) -> (Option<Date>, DatePrecision) {
    use DatePrecision::*;
    let (year, month) = (published.year(), published.month());
    let day = |date: Option<Date>| (date, if date.is_some() { Day } else { Unknown });
    let month_of = |m: i64| {
        let date = from_month_index(m);
        (date, if date.is_some() { Month } else { Unknown })
    };
    let year_of = |y: Option<i32>| {
        let date = y.and_then(|y| Date::new(y, 1, 1));
        (date, if date.is_some() { Year } else { Unknown })
    };
    match expr {
        Expr::Weekday(weekday, shift) => {
            let back = (weekday_index(published.weekday()) - weekday_index(weekday)).rem_euclid(7);
            let forward =
                (weekday_index(weekday) - weekday_index(published.weekday())).rem_euclid(7);
            let offset = match shift {
                Shift::Nearest if future_tense => forward,
                Shift::Nearest => -back,
                Shift::Last => -(if back == 0 { 7 } else { back }),
                Shift::Next => {
                    if forward == 0 {
                        7
                    } else {
                        forward
                    }
                }
                Shift::Within(weeks) => {
                    weeks * 7 + weekday_index(weekday) - weekday_index(published.weekday())
                }
            };
            day(Some(published.add_days(offset)))
        }
        Expr::DaysFromPublication(days) => day(Some(published.add_days(days))),
        Expr::Calendar(date) => (Some(date), Day),
        Expr::MonthDay(m, d) => {
            let later_in_year = (m, d) > (month, published.day());
            let earlier_in_year = (m, d) < (month, published.day());
            let y = match future_tense {
                false if later_in_year => year.checked_sub(1),
                true if earlier_in_year => year.checked_add(1),
                _ => Some(year),
            };
            day(y.and_then(|y| Date::new(y, m, d)))
        }
        Expr::Month(m, shift) => {
            let (m, pm) = (i64::from(m), i64::from(month));
            let y = i64::from(year);
            let y = match shift {
                Shift::Nearest if future_tense => y + i64::from(m < pm),
                Shift::Nearest => y - i64::from(m > pm),
                Shift::Last => y - i64::from(m >= pm),
                Shift::Next => y + i64::from(m <= pm),
                Shift::Within(years) => y + years,
            };
            month_of(y * 12 + m - 1)
        }
        Expr::MonthOfYear(y, m) => (Date::new(y, m, 1), Month),
        Expr::MonthsFromPublication(months) => month_of(month_index(published) + months),
        Expr::Year(y) => year_of(Some(y)),
        Expr::YearsFromPublication(years) => year_of(
            i32::try_from(years)
                .ok()
                .and_then(|years| year.checked_add(years)),
        ),
        Expr::Week(weeks, part) => {
            let monday = published.add_days(-weekday_index(published.weekday()) + weeks * 7);
            let sunday = monday.add_days(6);
            match part {
                WeekPart::Whole => month_containing(monday, sunday),
                WeekPart::BeforePublication => month_containing(monday, published.min(sunday)),
                WeekPart::AfterPublication => month_containing(published.max(monday), sunday),
            }
        }
        Expr::WeeksAgo(weeks) => {
            let middle = published.add_days(-7 * weeks);
            month_containing(middle.add_days(-3), middle.add_days(3))
        }
        Expr::Unanchored => (None, Unknown),
    }
}

/// Without a publication date only what the words fix by themselves.
fn resolve_absolute(expr: Expr) -> (Option<Date>, DatePrecision) {
    match expr {
        Expr::Calendar(date) => (Some(date), DatePrecision::Day),
        Expr::MonthOfYear(y, m) => (Date::new(y, m, 1), DatePrecision::Month),
        Expr::Year(y) => (Date::new(y, 1, 1), DatePrecision::Year),
        _ => (None, DatePrecision::Unknown),
    }
}

/// The month the days `first..=last` share, if they share one.
fn month_containing(first: Date, last: Date) -> (Option<Date>, DatePrecision) {
    if (first.year(), first.month()) == (last.year(), last.month()) {
        (
            Date::new(first.year(), first.month(), 1),
            DatePrecision::Month,
        )
    } else {
        (None, DatePrecision::Unknown)
    }
}

/// Whether the whole day, month or year `date` stands for comes after `published`.
fn starts_after(date: Date, precision: DatePrecision, published: Date) -> bool {
    match precision {
        DatePrecision::Day => date > published,
        DatePrecision::Month => month_index(date) > month_index(published),
        DatePrecision::Year => date.year() > published.year(),
        DatePrecision::Unknown => false,
    }
}

fn weekday_index(weekday: Weekday) -> i64 {
    weekday as i64
}

/// Months since year 0, so months can be counted across years.
fn month_index(date: Date) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month()) - 1
}

fn from_month_index(index: i64) -> Option<Date> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    Date::new(year, index.rem_euclid(12) as u32 + 1, 1)
}

// ---------------------------------------------------------------------------------------------
// Words

/// A run of letters and digits, joined across inner hyphens, apostrophes and dots ("Su-34",
/// "mid-March", "U.S") and across commas between digits ("2,000"), so a number or a compound is
/// never read in pieces.
#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    /// The word, without a possessive "’s".
    word: &'a str,
    start: usize,
    end: usize,
    /// The text between the previous token (or the start) and this one.
    gap: &'a str,
    possessive: bool,
}

fn tokenize<'a>(text: &'a str, words: &[crate::tokens::Token]) -> Vec<Token<'a>> {
    let mut tokens: Vec<Token<'_>> = Vec::with_capacity(words.len());
    let mut previous_end = 0;
    for &t in words {
        let (start, end) = (t.span.start, t.span.end);
        let gap = &text[previous_end..start];
        // "2,000": one number, never a day and a year.
        if let Some(last) = tokens.last_mut() {
            if gap == ","
                && last.word.ends_with(|c: char| c.is_ascii_digit())
                && text[start..].starts_with(|c: char| c.is_ascii_digit())
            {
                last.word = &text[last.start..t.base.end];
                last.end = t.base.end;
                last.possessive = t.base != t.span;
                previous_end = end;
                continue;
            }
        }
        tokens.push(Token {
            word: t.base.of(text),
            start,
            end: t.base.end,
            gap,
            possessive: t.base != t.span,
        });
        previous_end = end;
    }
    tokens
}

fn ends_clause(gap: &str) -> bool {
    gap.contains(['.', ';', ':', '!', '?', '"', '“', '”', '(', ')', '—'])
}

static PLANNING_VERBS: WordList = WordList::new("planning-verbs");
static SCHEDULED: WordList = WordList::new("scheduled");
static PRESENT_BE: WordList = WordList::new("present-be");
/// Capitalised words before a weekday that make it a holiday's name.
static HOLIDAY_WORDS: WordList = WordList::new("holiday-words");
/// Capitalised words after a weekday that make it a title: "the Sunday Times".
static TITLE_WORDS: WordList = WordList::new("title-words");
static TIMES_OF_DAY: WordList = WordList::new("times-of-day");
/// Words before a bare month that make it a date: "in August", "since early February".
static MONTH_CONTEXT: WordList = WordList::new("month-context");
/// "May" is also a verb and a surname: it is a month after fewer words.
static MAY_CONTEXT: WordList = WordList::new("may-context");
static YEAR_CONTEXT: WordList = WordList::new("year-context");
/// Nouns that make "of" a date preposition: "the end of March", "the summer of 2024".
static PERIOD_NOUNS: WordList = WordList::new("period-nouns");
/// Words that may follow a year: anything else lowercase ("2000 people", "2014 votes") makes it
/// a count.
static AFTER_YEAR: WordList = WordList::new("after-year");
static NUMBER_WORDS: WordList = WordList::new("number-words");

fn one_of(word: &str, list: &impl OneOf) -> bool {
    list.has_ignoring_case(word)
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A day of the month: "11", "3rd".
fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    let suffix_ok = suffix.is_empty() || one_of(suffix, &["st", "nd", "rd", "th"]);
    let day: u32 = digits.parse().ok()?;
    (suffix_ok
        && (1..=2).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (1..=31).contains(&day))
    .then_some(day)
}

/// A capitalised month name and whether it is abbreviated ("Feb", "Sept"): abbreviations are
/// dates only beside a day, since "Jan" and "Mar" are also names and words.
fn month_name(word: &str) -> Option<(u32, bool)> {
    const NAME_LENGTHS: [usize; 12] = [7, 8, 5, 5, 3, 4, 4, 6, 9, 7, 8, 8];
    // Capitalisation first: it is cheap, and most words fail it.
    if !capitalised(word) {
        return None;
    }
    let month = parse_month(word)?;
    Some((month, word.len() < NAME_LENGTHS[month as usize - 1]))
}

/// Whether some year has this day: February 29 does.
fn day_exists(month: u32, day: u32) -> bool {
    Date::new(2024, month, day).is_some()
}

/// A four-digit year within `range`.
fn year_number(word: &str, range: std::ops::RangeInclusive<i32>) -> Option<i32> {
    let year: i32 = (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())??;
    range.contains(&year).then_some(year)
}

/// A year written alone: the range news writes bare.
const BARE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;
/// A year beside a month, which dates it whatever the century.
const DATED_YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;

// ---------------------------------------------------------------------------------------------
// Recognition

struct Scan<'a> {
    text: &'a str,
    tokens: Vec<Token<'a>>,
}

impl Scan<'_> {
    fn word(&self, i: usize) -> Option<&str> {
        self.tokens.get(i).map(|t| t.word)
    }

    /// The text from the end of token `i` on.
    fn text_after(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| &self.text[t.end..])
    }

    /// Whether token `i` is one of `list`.
    fn is(&self, i: usize, list: &impl OneOf) -> bool {
        self.word(i).is_some_and(|w| list.has_ignoring_case(w))
    }

    /// Whether token `i` follows the one before with only spaces between: the same phrase.
    fn tight(&self, i: usize) -> bool {
        // The commonest gap, spaces, answers without `trim`'s Unicode tables.
        let blank = |gap: &str| gap.bytes().all(|b| b == b' ') || gap.trim().is_empty();
        self.tokens.get(i).is_some_and(|t| blank(t.gap)) && i > 0 && !self.tokens[i - 1].possessive
    }

    /// Token `i` reports what someone says: a verb of saying, or the "according" of "according
    /// to".
    fn reports(&self, i: usize) -> bool {
        self.is(i, &SAYING) || self.is(i, &["according"])
    }

    /// Token `i` is `list` and continues the phrase.
    fn next_is(&self, i: usize, list: &impl OneOf) -> bool {
        self.tight(i) && self.is(i, list)
    }

    fn expression_at(&self, i: usize) -> Option<Parsed> {
        let word = self.word(i)?;
        // Every token of a sentence comes here: lower-case it on the stack, not the heap, and
        // compare bytes (no UTF-8 check of the copy).
        let mut buf = [0u8; 32];
        let long;
        let lower: &[u8] = match buf.get_mut(..word.len()) {
            Some(short) => {
                for (to, from) in short.iter_mut().zip(word.bytes()) {
                    *to = from.to_ascii_lowercase();
                }
                short
            }
            None => {
                long = word.to_ascii_lowercase();
                long.as_bytes()
            }
        };
        match lower {
            b"today" | b"tonight" => return self.day_with_time(i, 0, false),
            b"yesterday" => return self.day_with_time(i, -1, false),
            b"tomorrow" => return self.day_with_time(i, 1, true),
            b"overnight" => return self.overnight(i),
            b"the" | b"night" => return self.night_of(i),
            b"last" => return self.deictic(i, "last"),
            b"this" => return self.deictic(i, "this"),
            b"next" => return self.deictic(i, "next"),
            b"earlier" | b"later" => return self.part_of_period(i, lower == b"later"),
            b"early" | b"late" => return self.early_or_late(i),
            _ => {}
        }
        if let Some(parsed) = self.counted(i) {
            return Some(parsed);
        }
        if lower.starts_with(b"mid-") {
            // Lower-casing keeps lengths: the same bytes of the word as printed.
            let rest = &word["mid-".len()..];
            if let Some(month) = month_name(rest)
                .filter(|&(_, abbreviated)| !abbreviated)
                .map(|(m, _)| m)
            {
                if let Some(year) = self.year_after(i, DATED_YEARS) {
                    return Parsed::new(Expr::MonthOfYear(year, month), i + 2);
                }
                return Parsed::new(Expr::Month(month, Shift::Nearest), i + 1);
            }
            return year_number(rest, BARE_YEARS).and_then(|y| Parsed::new(Expr::Year(y), i + 1));
        }
        // What is left needs a digit or a capital (a date, a weekday, a month, a day, a year):
        // most words of a sentence stop here.
        if word.starts_with(|c: char| c.is_ascii_lowercase()) {
            return None;
        }
        // Only YYYY-MM-DD parses: a failed parse of every other word would allocate its error.
        if word.len() == "YYYY-MM-DD".len() {
            if let Ok(date) = word.parse::<Date>() {
                return Parsed::new(Expr::Calendar(date), i + 1);
            }
        }
        self.weekday_phrase(i)
            .or_else(|| self.month_first(i, || self.month_context(i)))
            .or_else(|| self.day_first(i))
            .or_else(|| self.year(i))
    }

    /// "today", "yesterday morning", "tomorrow night".
    fn day_with_time(&self, i: usize, days: i64, ahead: bool) -> Option<Parsed> {
        let end = if self.next_is(i + 1, &TIMES_OF_DAY) {
            i + 2
        } else {
            i + 1
        };
        Some(Parsed {
            expr: Expr::DaysFromPublication(days),
            end,
            ahead,
        })
    }

    /// "overnight" alone (or "an overnight attack") is the night into publication day;
    /// "overnight into Thursday" is Thursday. "Almost overnight" means suddenly, not at night.
    fn overnight(&self, i: usize) -> Option<Parsed> {
        if i > 0
            && self.tight(i)
            && self.is(
                i - 1,
                &[
                    "almost",
                    "virtually",
                    "nearly",
                    "literally",
                    "practically",
                    "seemingly",
                ],
            )
        {
            return None;
        }
        if self.next_is(i + 1, &["into", "to", "on"]) && self.tight(i + 2) {
            if let Some(parsed) = self.weekday_phrase(i + 2) {
                return Some(parsed);
            }
        }
        Parsed::new(Expr::DaysFromPublication(0), i + 1)
    }

    /// "the night of Wednesday to Thursday": dated by the morning it ends in.
    fn night_of(&self, i: usize) -> Option<Parsed> {
        let night = if self.is(i, &["the"]) { i + 1 } else { i };
        let tight = |k: usize| self.tight(k);
        if !(self.is(night, &["night"])
            && (night == i || tight(night))
            && self.next_is(night + 1, &["of"]))
        {
            return None;
        }
        let from = night + 2;
        self.weekday_name(from).filter(|_| tight(from))?;
        if !self.next_is(from + 1, &["to", "into"]) || !tight(from + 2) {
            return None;
        }
        let to = self.weekday_name(from + 2)?;
        Parsed::new(Expr::Weekday(to, Shift::Nearest), from + 3)
    }

    /// "last Tuesday", "this week", "next month", "last night", "last August", "this year".
    fn deictic(&self, i: usize, which: &str) -> Option<Parsed> {
        let j = i + 1;
        if !self.tight(j) {
            return None;
        }
        let (step, shift) = match which {
            "last" => (-1, Shift::Last),
            "next" => (1, Shift::Next),
            _ => (0, Shift::Within(0)),
        };
        let ahead = step > 0;
        let parsed = |expr| {
            Some(Parsed {
                expr,
                end: j + 1,
                ahead,
            })
        };
        if let Some(weekday) = self.weekday_name(j) {
            let end = if self.next_is(j + 1, &TIMES_OF_DAY) {
                j + 2
            } else {
                j + 1
            };
            return Some(Parsed {
                expr: Expr::Weekday(weekday, shift),
                end,
                ahead,
            });
        }
        if let Some((month, false)) = self.word(j).and_then(month_name) {
            return parsed(Expr::Month(month, shift));
        }
        let word = self.word(j)?.to_ascii_lowercase();
        match word.as_str() {
            "week" => parsed(Expr::Week(step, WeekPart::Whole)),
            "month" => parsed(Expr::MonthsFromPublication(step)),
            "year" => parsed(Expr::YearsFromPublication(step)),
            "night" if which == "last" => parsed(Expr::DaysFromPublication(0)),
            "morning" | "afternoon" | "evening" if which == "this" => {
                parsed(Expr::DaysFromPublication(0))
            }
            _ => None,
        }
    }

    /// "earlier this week", "later this month", "earlier in the week", "earlier today".
    fn part_of_period(&self, i: usize, later: bool) -> Option<Parsed> {
        let period = if self.next_is(i + 1, &["this"]) {
            i + 2
        } else if self.next_is(i + 1, &["in"]) && self.next_is(i + 2, &["the"]) {
            i + 3
        } else if self.next_is(i + 1, &["today"]) {
            return Some(Parsed {
                expr: Expr::DaysFromPublication(0),
                end: i + 2,
                ahead: later,
            });
        } else {
            return None;
        };
        if !self.tight(period) {
            return None;
        }
        let part = if later {
            WeekPart::AfterPublication
        } else {
            WeekPart::BeforePublication
        };
        let expr = match self.word(period)?.to_ascii_lowercase().as_str() {
            "week" => Expr::Week(0, part),
            "month" => Expr::MonthsFromPublication(0),
            "year" => Expr::YearsFromPublication(0),
            _ => return None,
        };
        Some(Parsed {
            expr,
            end: period + 1,
            ahead: later,
        })
    }

    /// "late Wednesday", "early on Thursday", "early February", "late 2024", "late last year".
    fn early_or_late(&self, i: usize) -> Option<Parsed> {
        let j = if self.next_is(i + 1, &["on"]) {
            i + 2
        } else {
            i + 1
        };
        if !self.tight(j) {
            return None;
        }
        let year = || {
            let year =
                year_number(self.word(j)?, BARE_YEARS).filter(|_| !self.counts_something(j))?;
            Parsed::new(Expr::Year(year), j + 1)
        };
        let relative = || {
            let which = self.word(j)?.to_ascii_lowercase();
            self.is(j, &["last", "this", "next"])
                .then(|| self.deictic(j, &which))
                .flatten()
        };
        let core = self
            .weekday_phrase(j)
            .or_else(|| self.month_first(j, || true))
            .or_else(year)
            .or_else(relative)?;
        // "early on" only leads a day: "early on February" is not English.
        let on_a_day = matches!(
            core.expr,
            Expr::Weekday(..) | Expr::MonthDay(..) | Expr::Calendar(_)
        );
        (j == i + 1 || on_a_day).then_some(core)
    }

    /// "three days ago", "two weeks ago", "a year ago"; "three years after", "two days later".
    fn counted(&self, i: usize) -> Option<Parsed> {
        let word = self.word(i)?;
        // The unit first: asked of every word, it rules out nearly all of them without the
        // count's lookups, and the answer is the same in either order.
        let unit_word = self.word(i + 1).filter(|_| self.tight(i + 1))?;
        let singular = unit_word.strip_suffix(['s', 'S']).unwrap_or(unit_word);
        let unit = ["day", "week", "month", "year"]
            .into_iter()
            .find(|unit| singular.eq_ignore_ascii_case(unit))?;
        if !self.tight(i + 2) {
            return None;
        }
        let count = if one_of(word, &["a", "an"]) {
            1
        } else if let Some(n) = NUMBER_WORDS
            .iter()
            .position(|w| w.eq_ignore_ascii_case(word))
        {
            n as i64 + 1
        } else if word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit()) {
            word.parse().ok()?
        } else {
            return None;
        };
        if self.is(i + 2, &["ago"]) {
            let expr = match unit {
                "day" => Expr::DaysFromPublication(-count),
                "week" => Expr::WeeksAgo(count),
                "month" => Expr::MonthsFromPublication(-count),
                _ => Expr::YearsFromPublication(-count),
            };
            return Parsed::new(expr, i + 3);
        }
        if self.is(i + 2, &["after", "later", "before", "earlier"]) {
            return Parsed::new(Expr::Unanchored, i + 3);
        }
        None
    }

    fn weekday_name(&self, i: usize) -> Option<Weekday> {
        let word = self.word(i)?;
        if !capitalised(word) {
            return None;
        }
        let weekday = Weekday::from_name(word)?;
        let holiday = i > 0
            && self.tight(i)
            && capitalised(self.tokens[i - 1].word)
            && self.is(i - 1, &HOLIDAY_WORDS);
        let title = self.tight(i + 1)
            && !self.tokens[i].possessive
            && self.word(i + 1).is_some_and(capitalised)
            && self.is(i + 1, &TITLE_WORDS);
        (!holiday && !title).then_some(weekday)
    }

    /// A weekday with what narrows it: "Tuesday", "Thursday morning", "Wednesday last week",
    /// "Tuesday, March 11" (the written date wins).
    fn weekday_phrase(&self, i: usize) -> Option<Parsed> {
        let weekday = self.weekday_name(i)?;
        let gap_after = self.tokens.get(i + 1).map(|t| t.gap.trim());
        if matches!(gap_after, Some("" | ",")) && !self.tokens[i].possessive {
            if let Some(dated) = self
                .month_first(i + 1, || true)
                .or_else(|| self.day_first(i + 1))
            {
                if matches!(dated.expr, Expr::MonthDay(..) | Expr::Calendar(_)) {
                    return Some(dated);
                }
            }
        }
        let mut end = i + 1;
        if !self.tokens[i].possessive && self.next_is(end, &TIMES_OF_DAY) {
            end += 1;
        }
        if self.is(end, &["last", "this", "next"])
            && self.next_is(end + 1, &["week"])
            && self.tight(end)
        {
            let weeks = match self.word(end).map(str::to_ascii_lowercase).as_deref() {
                Some("last") => -1,
                Some("next") => 1,
                _ => 0,
            };
            return Some(Parsed {
                expr: Expr::Weekday(weekday, Shift::Within(weeks)),
                end: end + 2,
                ahead: weeks > 0,
            });
        }
        Parsed::new(Expr::Weekday(weekday, Shift::Nearest), end)
    }

    /// Whether the words before token `i` make a bare month at `i` a date.
    fn month_context(&self, i: usize) -> bool {
        if i == 0 || !self.tight(i) {
            return false;
        }
        let is_may = self.is(i, &["may"]);
        let list = if is_may { &MAY_CONTEXT } else { &MONTH_CONTEXT };
        if !self.is(i - 1, list) {
            return false;
        }
        // "of" is a date preposition only after a period: "the end of March", not "the Ides... of May".
        !self.is(i - 1, &["of"]) || (i >= 2 && self.tight(i - 1) && self.is(i - 2, &PERIOD_NOUNS))
    }

    /// "March 11", "Feb. 28", "March 11, 2025", "August 2024", and a bare month when `dated`
    /// (the words before make it a date): asked only of a month, as every capitalised word
    /// comes here.
    fn month_first(&self, i: usize, dated: impl FnOnce() -> bool) -> Option<Parsed> {
        let (month, abbreviated) = month_name(self.word(i)?)?;
        let surname = month == 5
            && i > 0
            && self.tight(i)
            && capitalised(self.tokens[i - 1].word)
            && !self.is(i - 1, &MAY_CONTEXT);
        if self.tokens[i].possessive || surname {
            return None;
        }
        let next = self.tokens.get(i + 1);
        let gap = next.map(|t| t.gap.trim());
        let day_follows = matches!(gap, Some("")) || (abbreviated && matches!(gap, Some(".")));
        if let Some(day) = self
            .word(i + 1)
            .filter(|_| day_follows)
            .and_then(day_number)
        {
            if self.unit_follows(i + 1) {
                return None;
            }
            let year_gap = self.tokens.get(i + 2).map(|t| t.gap.trim());
            if matches!(year_gap, Some("" | ",")) {
                if let Some(year) = self.word(i + 2).and_then(|w| year_number(w, DATED_YEARS)) {
                    return Parsed::new(Expr::Calendar(Date::new(year, month, day)?), i + 3);
                }
            }
            return day_exists(month, day).then_some(Parsed {
                expr: Expr::MonthDay(month, day),
                end: i + 2,
                ahead: false,
            });
        }
        if abbreviated {
            return None;
        }
        if let Some(year) = self.year_after(i, DATED_YEARS) {
            return Parsed::new(Expr::MonthOfYear(year, month), i + 2);
        }
        let name_follows = self.tight(i + 1) && self.word(i + 1).is_some_and(capitalised);
        (!name_follows && dated()).then_some(Parsed {
            expr: Expr::Month(month, Shift::Nearest),
            end: i + 1,
            ahead: false,
        })
    }

    /// "28 February", "11 March 2025", "11th of March".
    fn day_first(&self, i: usize) -> Option<Parsed> {
        let day = day_number(self.word(i)?)?;
        let mut m = i + 1;
        if self.next_is(m, &["of"]) {
            m += 1;
        }
        if !self.tight(m) {
            return None;
        }
        let (month, _) = month_name(self.word(m)?)?;
        if let Some(year) = self.year_after(m, DATED_YEARS) {
            return Parsed::new(Expr::Calendar(Date::new(year, month, day)?), m + 2);
        }
        day_exists(month, day).then_some(Parsed {
            expr: Expr::MonthDay(month, day),
            end: m + 1,
            ahead: false,
        })
    }

    /// A year right after token `i`, as in "August 2024".
    fn year_after(&self, i: usize, range: std::ops::RangeInclusive<i32>) -> Option<i32> {
        let gap = self.tokens.get(i + 1)?.gap.trim();
        if !(gap.is_empty() || gap == ",") || self.tokens[i].possessive {
            return None;
        }
        year_number(self.word(i + 1)?, range).filter(|_| !self.counts_something(i + 1))
    }

    /// A bare year in a date context: "in 2022", "since 2014", "from 2014 to 2022".
    fn year(&self, i: usize) -> Option<Parsed> {
        let year = year_number(self.word(i)?, BARE_YEARS)?;
        if i == 0 || !self.tight(i) || self.counts_something(i) {
            return None;
        }
        let context = if self.is(i - 1, &["of"]) {
            i >= 2 && self.tight(i - 1) && self.is(i - 2, &PERIOD_NOUNS)
        } else if self.is(i - 1, &["to", "and", "until"]) {
            // The second year of a range: "from 2014 to 2022", "between 2014 and 2022".
            let after_year = i >= 2
                && self
                    .word(i - 2)
                    .and_then(|w| year_number(w, BARE_YEARS))
                    .is_some();
            (self.tight(i - 1) && after_year) || self.is(i - 1, &YEAR_CONTEXT)
        } else {
            self.is(i - 1, &YEAR_CONTEXT)
        };
        context.then_some(Parsed {
            expr: Expr::Year(year),
            end: i + 1,
            ahead: false,
        })
    }

    /// Whether the number at `i` counts what follows it ("2000 people", "30%").
    fn counts_something(&self, i: usize) -> bool {
        if self.text_after(i).trim_start().starts_with('%') {
            return true;
        }
        let Some(next) = self.tokens.get(i + 1) else {
            return false;
        };
        next.gap.trim().is_empty()
            && next.word.chars().next().is_some_and(char::is_lowercase)
            && !one_of(next.word, &AFTER_YEAR)
    }

    /// Whether the number at `i` is followed by a unit, as in "March 30 troops" read wrongly.
    fn unit_follows(&self, i: usize) -> bool {
        if self.text_after(i).trim_start().starts_with('%') {
            return true;
        }
        let Some(next) = self.tokens.get(i + 1) else {
            return false;
        };
        next.gap.trim().is_empty()
            && one_of(
                next.word,
                &[
                    "km",
                    "kilometres",
                    "kilometers",
                    "miles",
                    "percent",
                    "per",
                    "am",
                    "pm",
                    "a.m",
                    "p.m",
                ],
            )
    }

    /// Whether the clause around tokens `first..end` speaks of what is still to come.
    fn future_tense(&self, first: usize, end: usize) -> bool {
        // Back through the clause to the nearest verb that reports or plans.
        let mut k = first;
        for _ in 0..10 {
            if k == 0 || ends_clause(self.tokens[k].gap) {
                break;
            }
            k -= 1;
            if self.reports(k) {
                return false;
            }
            if self.marks_future(k) {
                return true;
            }
        }
        // A phrase that opens its sentence is governed by the verb after it: "On Friday, he will".
        let mut start = first;
        if start > 0 && self.is(start - 1, &["on", "in", "by", "from"]) && self.tight(start) {
            start -= 1;
        }
        if start != 0 && !ends_clause(self.tokens[start].gap) {
            return false;
        }
        for k in end..(end + 8).min(self.tokens.len()) {
            if ends_clause(self.tokens[k].gap) || self.reports(k) {
                return false;
            }
            if self.marks_future(k) {
                return true;
            }
        }
        false
    }

    /// Whether token `k` starts or ends a future-tense marker: "will", "they’ll", "is due to",
    /// "is expected to", "plans to", "is to".
    fn marks_future(&self, k: usize) -> bool {
        let Some(word) = self.word(k) else {
            return false;
        };
        // Asked of up to 18 words around every date: its case is ignored in place, with no
        // lower-cased copy.
        let ends_with = |suffix: &str| {
            let (word, suffix) = (word.as_bytes(), suffix.as_bytes());
            word.len() >= suffix.len()
                && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        };
        if one_of(word, &["will", "shall", "won’t", "won't"])
            || ends_with("’ll")
            || ends_with("'ll")
        {
            return true;
        }
        // Each list lookup only where the rest of its test can still hold: most words are
        // neither scheduled nor followed by "to".
        let be_before = || {
            k > 0
                && (self.is(k - 1, &PRESENT_BE)
                    || self.tokens[k - 1].possessive
                        && self.is(k - 1, &["it", "he", "she", "that", "who", "there"]))
        };
        let to_after = self.next_is(k + 1, &["to"]);
        (one_of(word, &SCHEDULED) && be_before())
            || (to_after && (one_of(word, &PLANNING_VERBS) || one_of(word, &PRESENT_BE)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, &crate::tokens::tokenize(text))
            .into_iter()
            .map(|t| t.word)
            .collect()
    }

    #[test]
    fn tokens_keep_numbers_and_compounds_whole() {
        assert_eq!(
            words("2,000 troops, Su-34s; mid-March."),
            ["2,000", "troops", "Su-34s", "mid-March"]
        );
        assert_eq!(
            words("Tuesday’s meeting, U.S. aid"),
            ["Tuesday", "meeting", "U.S.", "aid"]
        );
        let text = "Tuesday’s";
        assert!(tokenize(text, &crate::tokens::tokenize(text))[0].possessive);
        assert_eq!(words("Feb. 28"), ["Feb", "28"]);
        assert_eq!(words(""), Vec::<&str>::new());
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("3rd"), Some(3));
        assert_eq!(day_number("31"), Some(31));
        for not in ["32", "0", "100", "3x", "", "th", "1,5"] {
            assert_eq!(day_number(not), None, "{not}");
        }
    }
}
