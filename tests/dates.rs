//! Time expressions resolved against publication dates: one row per phrase in a sentence, the
//! negatives news prose is full of, a no-panic sweep over awkward text, and the shipped corpus.

use factmap::date::Date;
use factmap::when::{find, DatePrecision, When};

use DatePrecision::{Day, Month, Unknown, Year};

/// A Thursday: the day the shipped March 2025 articles were collected.
const THU: &str = "2025-03-13";
/// A Tuesday: the date of 002's second article.
const TUE: &str = "2026-02-03";

struct Row {
    text: &'static str,
    published: Option<&'static str>,
    phrase: &'static str,
    iso: Option<&'static str>,
    precision: DatePrecision,
    future: bool,
}

const fn row(
    text: &'static str,
    published: &'static str,
    phrase: &'static str,
    iso: Option<&'static str>,
    precision: DatePrecision,
    future: bool,
) -> Row {
    Row {
        text,
        published: Some(published),
        phrase,
        iso,
        precision,
        future,
    }
}

const fn undated(
    text: &'static str,
    phrase: &'static str,
    iso: Option<&'static str>,
    precision: DatePrecision,
) -> Row {
    Row {
        text,
        published: None,
        phrase,
        iso,
        precision,
        future: false,
    }
}

const ROWS: &[Row] = &[
    // Weekdays from the corpus: the most recent on or before publication.
    row(
        "The delegations met in Jeddah on Tuesday.",
        THU,
        "Tuesday",
        Some("2025-03-11"),
        Day,
        false,
    ),
    row(
        "Drones hit Kaluga overnight into Thursday, media said.",
        THU,
        "overnight into Thursday",
        Some("2025-03-13"),
        Day,
        false,
    ),
    row(
        "Syrskyi said late Wednesday that aviation had struck.",
        THU,
        "late Wednesday",
        Some("2025-03-12"),
        Day,
        false,
    ),
    row(
        "Peskov said on Wednesday that Moscow was waiting.",
        THU,
        "Wednesday",
        Some("2025-03-12"),
        Day,
        false,
    ),
    row(
        "State media reported on Thursday that he had landed.",
        THU,
        "Thursday",
        Some("2025-03-13"),
        Day,
        false,
    ),
    row(
        "Witkoff landed on Thursday morning to push for a truce.",
        THU,
        "Thursday morning",
        Some("2025-03-13"),
        Day,
        false,
    ),
    row(
        "Strikes continued Tuesday night near Sumy.",
        THU,
        "Tuesday night",
        Some("2025-03-11"),
        Day,
        false,
    ),
    row(
        "The plane landed early on Thursday.",
        THU,
        "early on Thursday",
        Some("2025-03-13"),
        Day,
        false,
    ),
    row(
        "Explosions were heard on the night of Wednesday to Thursday.",
        THU,
        "the night of Wednesday to Thursday",
        Some("2025-03-13"),
        Day,
        false,
    ),
    row(
        "It criticised the statement following Tuesday’s meeting.",
        THU,
        "Tuesday",
        Some("2025-03-11"),
        Day,
        false,
    ),
    row(
        "Troops advanced near Sudzha on Saturday.",
        THU,
        "Saturday",
        Some("2025-03-08"),
        Day,
        false,
    ),
    row(
        "They spoke on Wednesday last week.",
        THU,
        "Wednesday last week",
        Some("2025-03-05"),
        Day,
        false,
    ),
    row(
        "They last spoke last Thursday.",
        THU,
        "last Thursday",
        Some("2025-03-06"),
        Day,
        false,
    ),
    row(
        "The envoys met on Tuesday, March 11, in Jeddah.",
        THU,
        "Tuesday, March 11",
        Some("2025-03-11"),
        Day,
        false,
    ),
    // Future tense: the next such day on or after publication.
    row(
        "US officials are due to land in Moscow on Thursday.",
        THU,
        "Thursday",
        Some("2025-03-13"),
        Day,
        true,
    ),
    row(
        "Witkoff will meet Putin on Friday.",
        THU,
        "Friday",
        Some("2025-03-14"),
        Day,
        true,
    ),
    row(
        "Kyiv is expected to respond on Tuesday.",
        THU,
        "Tuesday",
        Some("2025-03-18"),
        Day,
        true,
    ),
    row(
        "The two leaders plan to speak on Monday.",
        THU,
        "Monday",
        Some("2025-03-17"),
        Day,
        true,
    ),
    row(
        "On Friday, the envoys will meet again.",
        THU,
        "Friday",
        Some("2025-03-14"),
        Day,
        true,
    ),
    row(
        "They meet again next Tuesday.",
        THU,
        "next Tuesday",
        Some("2025-03-18"),
        Day,
        true,
    ),
    // Days and nights from publication.
    row(
        "Russia attacked Ukraine overnight with drones.",
        THU,
        "overnight",
        Some("2025-03-13"),
        Day,
        false,
    ),
    row(
        "Sirens sounded last night in Kyiv.",
        THU,
        "last night",
        Some("2025-03-13"),
        Day,
        false,
    ),
    row(
        "The Kremlin said today it would study the plan.",
        THU,
        "today",
        Some("2025-03-13"),
        Day,
        false,
    ),
    row(
        "The talks ended yesterday.",
        THU,
        "yesterday",
        Some("2025-03-12"),
        Day,
        false,
    ),
    row(
        "The talks resume tomorrow.",
        THU,
        "tomorrow",
        Some("2025-03-14"),
        Day,
        true,
    ),
    row(
        "Officials met this morning.",
        THU,
        "this morning",
        Some("2025-03-13"),
        Day,
        false,
    ),
    row(
        "The town fell three days ago.",
        THU,
        "three days ago",
        Some("2025-03-10"),
        Day,
        false,
    ),
    // Written dates.
    row(
        "It followed a tense February 28 meeting.",
        THU,
        "February 28",
        Some("2025-02-28"),
        Day,
        false,
    ),
    row(
        "It followed a tense meeting on 28 February.",
        THU,
        "28 February",
        Some("2025-02-28"),
        Day,
        false,
    ),
    row(
        "The deal was signed on Feb. 28 in Washington.",
        THU,
        "Feb. 28",
        Some("2025-02-28"),
        Day,
        false,
    ),
    row(
        "The US lifted its March 3 suspension of aid.",
        THU,
        "March 3",
        Some("2025-03-03"),
        Day,
        false,
    ),
    row(
        "The photo was released on March 11, 2025, in Kyiv.",
        THU,
        "March 11, 2025",
        Some("2025-03-11"),
        Day,
        false,
    ),
    row(
        "Updated 11 March 2025",
        THU,
        "11 March 2025",
        Some("2025-03-11"),
        Day,
        false,
    ),
    row(
        "Talks began on the 11th of March.",
        THU,
        "11th of March",
        Some("2025-03-11"),
        Day,
        false,
    ),
    row(
        "The column was seen on December 30 near Kursk.",
        "2025-01-02",
        "December 30",
        Some("2024-12-30"),
        Day,
        false,
    ),
    row(
        "A summit is scheduled for March 20.",
        THU,
        "March 20",
        Some("2025-03-20"),
        Day,
        true,
    ),
    row(
        "Victory Day falls on May 9.",
        THU,
        "May 9",
        Some("2024-05-09"),
        Day,
        false,
    ),
    row(
        "As of 2025-03-09, the line held.",
        THU,
        "2025-03-09",
        Some("2025-03-09"),
        Day,
        false,
    ),
    // Months.
    row(
        "Ukraine launched an offensive last August.",
        THU,
        "last August",
        Some("2024-08"),
        Month,
        false,
    ),
    row(
        "The incursion began in August.",
        THU,
        "August",
        Some("2024-08"),
        Month,
        false,
    ),
    row(
        "Forces crossed into Kursk in August 2024.",
        THU,
        "August 2024",
        Some("2024-08"),
        Month,
        false,
    ),
    row(
        "The war Putin started in February 2022.",
        THU,
        "February 2022",
        Some("2022-02"),
        Month,
        false,
    ),
    row(
        "Control has shrunk since early February.",
        THU,
        "early February",
        Some("2025-02"),
        Month,
        false,
    ),
    row(
        "Fighting intensified in mid-March.",
        THU,
        "mid-March",
        Some("2025-03"),
        Month,
        false,
    ),
    row(
        "Elections are planned for the end of May.",
        THU,
        "May",
        Some("2025-05"),
        Month,
        true,
    ),
    row(
        "The offensive stalled at the end of May.",
        THU,
        "May",
        Some("2024-05"),
        Month,
        false,
    ),
    row(
        "He will visit Kyiv in April.",
        THU,
        "April",
        Some("2025-04"),
        Month,
        true,
    ),
    row(
        "The front was quiet in December.",
        "2025-01-02",
        "December",
        Some("2024-12"),
        Month,
        false,
    ),
    row(
        "Talks stalled earlier this month.",
        THU,
        "earlier this month",
        Some("2025-03"),
        Month,
        false,
    ),
    row(
        "Talks stalled last month.",
        THU,
        "last month",
        Some("2025-02"),
        Month,
        false,
    ),
    row(
        "Talks resume next month.",
        THU,
        "next month",
        Some("2025-04"),
        Month,
        true,
    ),
    row(
        "Aid stopped two months ago.",
        THU,
        "two months ago",
        Some("2025-01"),
        Month,
        false,
    ),
    // Years.
    row(
        "Sudzha was seized in 2024 by Ukraine.",
        THU,
        "2024",
        Some("2024"),
        Year,
        false,
    ),
    row(
        "Russia has occupied Crimea since 2014.",
        THU,
        "2014",
        Some("2014"),
        Year,
        false,
    ),
    row(
        "Ukraine seized the town in a surprise attack last year.",
        THU,
        "last year",
        Some("2024"),
        Year,
        false,
    ),
    row(
        "Exports fell this year.",
        THU,
        "this year",
        Some("2025"),
        Year,
        false,
    ),
    row(
        "Elections may be held next year.",
        THU,
        "next year",
        Some("2026"),
        Year,
        true,
    ),
    row(
        "The deal collapsed a year ago.",
        THU,
        "a year ago",
        Some("2024"),
        Year,
        false,
    ),
    row(
        "Fighting has continued from 2014 to 2022.",
        THU,
        "2014",
        Some("2014"),
        Year,
        false,
    ),
    row(
        "Prices rose in late 2024.",
        THU,
        "late 2024",
        Some("2024"),
        Year,
        false,
    ),
    // Weeks: a month only when the whole week lies in one.
    row(
        "Ukraine agreed to it earlier this week.",
        THU,
        "earlier this week",
        Some("2025-03"),
        Month,
        false,
    ),
    row(
        "Ukraine agreed to it earlier in the week.",
        THU,
        "earlier in the week",
        Some("2025-03"),
        Month,
        false,
    ),
    row(
        "The strike came two weeks ago.",
        "2025-03-28",
        "two weeks ago",
        Some("2025-03"),
        Month,
        false,
    ),
    row(
        "The strike came two weeks ago.",
        THU,
        "two weeks ago",
        None,
        Unknown,
        false,
    ),
    row(
        "A second meeting is to take place this week in the UAE.",
        TUE,
        "this week",
        Some("2026-02"),
        Month,
        true,
    ),
    row(
        "Envoys met in Abu Dhabi last week.",
        TUE,
        "last week",
        None,
        Unknown,
        false,
    ),
    row(
        "Envoys met in Abu Dhabi last week.",
        THU,
        "last week",
        Some("2025-03"),
        Month,
        false,
    ),
    row(
        "Envoys meet again next week.",
        THU,
        "next week",
        Some("2025-03"),
        Month,
        true,
    ),
    // 002's second article, a Tuesday.
    row(
        "The ministry said on Tuesday that troops would be targets.",
        TUE,
        "Tuesday",
        Some("2026-02-03"),
        Day,
        false,
    ),
    row(
        "The Foreign Ministry said on Monday, citing Lavrov.",
        TUE,
        "Monday",
        Some("2026-02-02"),
        Day,
        false,
    ),
    row(
        "Delegations will meet on Wednesday.",
        TUE,
        "Wednesday",
        Some("2026-02-04"),
        Day,
        true,
    ),
    // Year and month boundaries.
    row(
        "Kyiv was shelled on Monday.",
        "2025-01-02",
        "Monday",
        Some("2024-12-30"),
        Day,
        false,
    ),
    row(
        "Talks opened on January 5 in Riyadh.",
        "2025-01-02",
        "January 5",
        Some("2024-01-05"),
        Day,
        false,
    ),
    row(
        "Talks will open on January 5 in Riyadh.",
        "2025-01-02",
        "January 5",
        Some("2025-01-05"),
        Day,
        true,
    ),
    row(
        "The line held until February 29.",
        "2024-03-01",
        "February 29",
        Some("2024-02-29"),
        Day,
        false,
    ),
    row(
        "The offensive peaked in mid-March 2024.",
        THU,
        "mid-March 2024",
        Some("2024-03"),
        Month,
        false,
    ),
    row(
        "Fighting raged between 2014 and 2022.",
        THU,
        "2014",
        Some("2014"),
        Year,
        false,
    ),
    // Counted from an event the phrase does not date.
    row(
        "A break, three years after Russia’s invasion.",
        THU,
        "three years after",
        None,
        Unknown,
        false,
    ),
    row(
        "His comments came a day after the call.",
        THU,
        "a day after",
        None,
        Unknown,
        false,
    ),
    row(
        "Two days later, the town fell.",
        THU,
        "Two days later",
        None,
        Unknown,
        false,
    ),
    // Without a publication date only what the words fix.
    undated(
        "Updated 11 March 2025",
        "11 March 2025",
        Some("2025-03-11"),
        Day,
    ),
    undated(
        "The war began in February 2022.",
        "February 2022",
        Some("2022-02"),
        Month,
    ),
    undated("Russia annexed Crimea in 2014.", "2014", Some("2014"), Year),
    undated("The delegations met on Tuesday.", "Tuesday", None, Unknown),
    undated(
        "Ukraine attacked last August.",
        "last August",
        None,
        Unknown,
    ),
];

fn date(iso: &str) -> Date {
    iso.parse().unwrap()
}

#[test]
fn resolves_each_row() {
    let mut failures = Vec::new();
    for row in ROWS {
        let found = find(row.text, row.published.map(date));
        let Some(when) = found.iter().find(|w| w.phrase == row.phrase) else {
            failures.push(format!(
                "{:?}: no {:?} in {:?}",
                row.text,
                row.phrase,
                phrases(&found)
            ));
            continue;
        };
        let got = (when.iso(), when.precision, when.future);
        let want = (row.iso.map(str::to_owned), row.precision, row.future);
        if got != want {
            failures.push(format!(
                "{:?} ({:?}) {:?}: got {got:?}, want {want:?}",
                row.text, row.published, row.phrase
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows wrong:\n{}",
        failures.len(),
        ROWS.len(),
        failures.join("\n")
    );
    assert!(ROWS.len() >= 40);
}

fn phrases(found: &[When]) -> Vec<&str> {
    found.iter().map(|w| w.phrase.as_str()).collect()
}

#[test]
fn finds_every_phrase_in_order() {
    let text =
        "On Tuesday, Ukraine agreed; on Wednesday Putin visited Kursk, which Ukraine entered \
        in August 2024, and the envoy landed overnight into Thursday.";
    let found = find(text, Some(date(THU)));
    assert_eq!(
        phrases(&found),
        [
            "Tuesday",
            "Wednesday",
            "August 2024",
            "overnight into Thursday"
        ]
    );
    let iso: Vec<_> = found.iter().map(When::iso).collect();
    assert_eq!(
        iso,
        [
            Some("2025-03-11"),
            Some("2025-03-12"),
            Some("2024-08"),
            Some("2025-03-13")
        ]
        .map(|s| s.map(str::to_owned))
    );
}

#[test]
fn ignores_words_that_only_look_like_dates() {
    for text in [
        "Russia may strike again.",
        "May I ask a question?",
        "Theresa May said it was wrong.",
        "Protesters staged a march through Kyiv.",
        "March on, the commander told them.",
        "2,000 troops in 2,000 villages.",
        "In 2000 people fled.",
        "the Sunday Times said.",
        "A Super Tuesday of votes, then Good Friday.",
        "Ships left the Black Sea.",
        "A 24-hour truce over 1,500 km of front.",
        "A Su-34 bomber was shot down.",
        "It controls 86% of the area, down from 2025 %.",
        "The late Alexei Navalny.",
        "Everything changed almost overnight.",
        "the 2024 U.S. presidential election",
        "2025 © Prices",
        "The next few days will be critical.",
        "",
    ] {
        let found = find(text, Some(date(THU)));
        assert!(found.is_empty(), "{text:?} gave {:?}", phrases(&found));
    }
}

#[test]
fn serialises_precision_in_snake_case() {
    let when = &find("Ukraine attacked last August.", Some(date(THU)))[0];
    let json = serde_json::to_value(when).unwrap();
    assert_eq!(json["precision"], "month");
    assert_eq!(json["date"], "2024-08-01");
    assert_eq!(json["phrase"], "last August");
}

/// Every span is on char boundaries, in order, apart, and cut exactly from the text.
fn check_spans(text: &str, published: Option<Date>) {
    let found = find(text, published);
    let mut end = 0;
    for when in &found {
        assert!(
            when.span.start >= end && when.span.start < when.span.end,
            "{text:?}: {found:?}"
        );
        assert!(
            text.is_char_boundary(when.span.start) && text.is_char_boundary(when.span.end),
            "{text:?}"
        );
        assert_eq!(when.phrase, when.span.of(text), "{text:?}");
        assert_eq!(
            when.date.is_none(),
            when.precision == DatePrecision::Unknown,
            "{text:?}: {when:?}"
        );
        end = when.span.end;
    }
}

#[test]
fn never_panics_and_spans_are_exact_slices() {
    let sentences = [
        "Президент said on Tuesday, 11 March 2025, that «переговоры» would resume next week — 🕊️ overnight into Thursday 🇺🇦.",
        "Speaking late Wednesday (in Kyiv), Syrskyi’s aide said: “the 2,000 troops of mid-March 2024’s push”, since early February’s 30% loss.",
        "在2024年 and in 2024年, the night of Wednesday to 木曜日; Feb. 29, 2023 and February 29 and 31 June; 99 years ago; 12 weeks ago.",
        "Tuesday’s Tuesday, March 11, 2025, 2025-02-30, 2025-03-13, May 9 May 2024, mid-, mid-2100, mid-1899, last, next, this, early on.",
        "ا on Monday ١٢ March ٢٠٢٥ ‐ Su-34 – a year after; an week ago; 0 days ago; 999 days ago; three years later; December 31, 9999.",
    ];
    let dates = [
        None,
        Some(date(THU)),
        Some(date(TUE)),
        Some(date("2024-02-29")),
        Some(date("2025-01-01")),
        Some(date("0001-01-01")),
        Some(date("9999-12-31")),
    ];
    let extreme = [
        Date::new(i32::MAX, 12, 31),
        Date::new(i32::MIN, 1, 1),
        Date::new(-1, 3, 1),
    ];
    for text in sentences {
        let cuts: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for &cut in &cuts {
            for published in dates.iter().chain(&extreme) {
                check_spans(&text[cut..], *published);
                check_spans(&text[..cut], *published);
            }
        }
    }
    for text in [
        "",
        " ",
        "🎉",
        "1",
        "12",
        "2025",
        "May",
        "Monday",
        "’s",
        "'",
        "-",
        "mid-",
        "a",
        "the night of",
        "overnight into",
        "0000-00-00",
    ] {
        for published in dates.iter().chain(&extreme) {
            check_spans(text, *published);
        }
    }
}

#[test]
fn shipped_articles_resolve_their_time_expressions() {
    let corpus = factmap::corpus::shipped();
    let mut found: Vec<(String, String, Option<String>, bool)> = Vec::new();
    for doc in &corpus.documents {
        for sentence in &doc.sentences {
            let text = sentence.span.of(&doc.text);
            for when in find(text, doc.published) {
                check_spans(text, doc.published);
                if let (Some(date), Some(published), false) =
                    (when.date, doc.published, when.future)
                {
                    assert!(
                        date <= published,
                        "{}: {:?} placed after publication",
                        doc.id,
                        when.phrase
                    );
                }
                found.push((doc.id.clone(), when.phrase.clone(), when.iso(), when.future));
            }
        }
    }
    let has = |id: &str, phrase: &str, iso: Option<&str>| {
        found
            .iter()
            .any(|(d, p, i, _)| d == id && p == phrase && i.as_deref() == iso)
    };
    let expected = [
        // 000: Jeddah talks on the Tuesday, Putin in Kursk on the Wednesday, the drones overnight.
        ("000_6f98b94ca6639877", "Tuesday", Some("2025-03-11")),
        (
            "000_6f98b94ca6639877",
            "overnight into Thursday",
            Some("2025-03-13"),
        ),
        ("000_6f98b94ca6639877", "August 2024", Some("2024-08")),
        ("000_6f98b94ca6639877", "Saturday", Some("2025-03-08")),
        ("001_b294f04f116ddbf6", "February 28", Some("2025-02-28")),
        ("001_b294f04f116ddbf6", "last August", Some("2024-08")),
        (
            "001_b294f04f116ddbf6",
            "Thursday morning",
            Some("2025-03-13"),
        ),
        ("002_cc470b77ab695863", "March 3", Some("2025-03-03")),
        ("002_cc470b77ab695863", "late Wednesday", Some("2025-03-12")),
        ("002_cc470b77ab695863", "three years after", None),
        ("002_cc470b77ab695863", "Mar. 13, 2025", Some("2025-03-13")),
        // 002's second article is from February 2026: its Monday is in 2026.
        ("002_cc470b77ab695863-2", "Monday", Some("2026-02-02")),
        ("002_cc470b77ab695863-2", "this week", Some("2026-02")),
        ("003_5af860be27a0314c", "February 2022", Some("2022-02")),
        ("003_5af860be27a0314c", "early February", Some("2025-02")),
        ("003_5af860be27a0314c", "August", Some("2024-08")),
    ];
    for (id, phrase, iso) in expected {
        assert!(has(id, phrase, iso), "{id}: no {phrase:?} = {iso:?}");
    }
    // The 2026 article's weekdays are all in 2026, the others' in the week before 13 March 2025.
    for (id, phrase, iso, _) in &found {
        let Some(iso) = iso.as_deref().filter(|iso| iso.len() == 10) else {
            continue;
        };
        if phrase.ends_with("day") || phrase.contains("day ") {
            let expected_prefix = if id.ends_with("-2") {
                "2026-02-0"
            } else {
                "2025-03-"
            };
            assert!(iso.starts_with(expected_prefix), "{id}: {phrase:?} = {iso}");
        }
    }
    // "US officials are due to land in Moscow on Thursday": today, and still ahead.
    assert!(found
        .iter()
        .any(|(id, p, iso, future)| id.starts_with("003")
            && p == "Thursday"
            && iso.as_deref() == Some("2025-03-13")
            && *future));
    // 004 writes "may be positioning" and "the 2024 U.S. presidential election": no dates.
    assert!(
        !found.iter().any(|(id, ..)| id.starts_with("004")),
        "{found:?}"
    );
}

#[test]
fn an_overnight_attack_is_last_night_but_almost_overnight_is_not() {
    let found = find(
        "Russia launched an overnight attack on Kyiv.",
        Some(date(THU)),
    );
    assert_eq!(
        found
            .iter()
            .map(|w| (w.phrase.as_str(), w.iso()))
            .collect::<Vec<_>>(),
        [("overnight", Some("2025-03-13".to_owned()))]
    );
    assert!(find("The mood shifted almost overnight.", Some(date(THU))).is_empty());
}

#[test]
fn never_panics_on_generated_word_salad() {
    let pool = [
        "on",
        "the",
        "night",
        "of",
        "to",
        "into",
        "overnight",
        "late",
        "early",
        "last",
        "next",
        "this",
        "earlier",
        "later",
        "in",
        "since",
        "mid-",
        "mid-March",
        "May",
        "March",
        "Feb.",
        "Sept",
        "Tuesday",
        "Sunday’s",
        "Times",
        "week",
        "weeks",
        "month",
        "year",
        "years",
        "ago",
        "after",
        "a",
        "three",
        "999",
        "31",
        "29",
        "0",
        "2024",
        "2,000",
        "1899",
        "2100",
        "2025-02-29",
        "will",
        "is",
        "due",
        "said",
        ",",
        ".",
        "“",
        "—",
        "🕊️",
        "Киев",
        "ḿ",
        "%",
        "’s",
        "today",
        "tomorrow",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % n
    };
    let published = [None, Some(date(THU)), Some(date("2024-02-29"))];
    for _ in 0..5_000 {
        let len = next(12);
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(pool[next(pool.len())]);
            text.push_str(["", " ", " ", ", "][next(4)]);
        }
        check_spans(&text, published[next(published.len())]);
    }
}
