//! JSON lines in, facts out: `factmap facts --jsonl`, the facts of a corpus of any size.
//!
//! Each input line is one article, `{"id", "text", "published"?, "headline"?, "url"?}` (other
//! keys are ignored), and gives one output line, in input order:
//!
//! - `{"id", "facts": [Fact…], "unplaced": [Fact…], "diagnostics": [Diagnostic…]}`: each
//!   [`Fact`] exactly as `factmap facts DIR` writes it (`unplaced`: the facts whose text does
//!   not say where), except that its sources' spans (`excerpt`, `trigger`,
//!   `site_mention`, `summary`) are UTF-8 byte offsets into the line's `text` as given, not into
//!   the cleaned text; each [`Diagnostic`] as `{"source", "severity", "message"}`, its source
//!   the document id;
//! - `{"id", "line", "error"}` when the line cannot be read as an article: `id` is the line's
//!   id when it has a usable one, else null; `line` counts from 1, blank lines included.
//!
//! A blank line (only whitespace) is skipped: it gives no output line.
//!
//! Each article goes through the steps the page's worker runs for a reader's article: the text
//! cleaned as a file with its fields as manifest ([`corpus::load_articles`]), its places
//! ([`geoparse::corpus_toponyms`]), its facts ([`facts::extract`]); then the spans are mapped
//! back to the text given ([`crate::corpus::Document::file_span`]). A span within one line of
//! the text cuts exactly the cleaned text's words; one across a hard-wrapped paragraph's lines
//! takes the line breaks between them too.
//!
//! Entry points: [`facts_of_line`] (one line, in order: what a caller line by line needs) and
//! [`run`] (a whole stream on N threads, output in input order, identical for any N), both
//! built from [`parse_line`], [`SeenIds::check`] and [`article_facts`].

use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::collection::MAX_ARTICLE_BYTES;
use crate::corpus::{self, Diagnostic, Severity};
use crate::date::Date;
use crate::facts::{self, Fact};
use crate::geoparse::{self, Geoparser};
use crate::numfmt::Fixed;

mod json;

/// The longest input line read: an article's text can be at most [`MAX_ARTICLE_BYTES`] (2 MB),
/// and escapes or other keys take some more. A longer line is an error without being kept.
pub const MAX_LINE_BYTES: usize = 16_000_000;

/// How the manifest notes a headline or date given on the line.
const NOTE: &str = "from the input line";

/// Lines and bytes per thread in one batch of [`run`]: enough to keep the threads busy, few
/// enough that memory stays bounded whatever the input's length.
const BATCH_LINES_PER_JOB: usize = 256;
const BATCH_BYTES_PER_JOB: usize = 4_000_000;

/// One input line read as an article.
#[derive(Clone, Debug)]
pub struct Article {
    /// As given: a string or a number.
    pub id: Value,
    /// The id as a document id: the string, or the number as written.
    pub doc_id: String,
    pub text: String,
    pub published: Option<Date>,
    pub headline: Option<String>,
    pub url: Option<String>,
}

/// Why a line is not an article, with its id when it has a usable one.
#[derive(Clone, Debug, PartialEq)]
pub struct LineError {
    pub id: Option<Value>,
    pub message: String,
}

impl LineError {
    fn new(id: Option<&Value>, message: impl Into<String>) -> LineError {
        LineError {
            id: id.cloned(),
            message: message.into(),
        }
    }

    /// The output line for this error on line `line`.
    pub fn at(self, line: usize) -> Output {
        Output::Error {
            id: self.id,
            line,
            error: self.message,
        }
    }
}

/// One output line.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum Output {
    Facts {
        id: Value,
        facts: Vec<Fact>,
        unplaced: Vec<Fact>,
        diagnostics: Vec<Diagnostic>,
    },
    Error {
        id: Option<Value>,
        line: usize,
        error: String,
    },
}

impl Output {
    /// Whether the line failed: an error, or an article the cleaner could not read (an error
    /// diagnostic), as `factmap facts DIR` fails on a file it cannot load.
    pub fn failed(&self) -> bool {
        match self {
            Output::Facts { diagnostics, .. } => {
                diagnostics.iter().any(|d| d.severity == Severity::Error)
            }
            Output::Error { .. } => true,
        }
    }

    /// What goes to stderr about it, if anything: the error, or the error diagnostics.
    pub fn problems(&self) -> Vec<String> {
        match self {
            Output::Facts { diagnostics, .. } => diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| format!("{}: {}", d.source, d.message))
                .collect(),
            Output::Error { error, .. } => vec![error.clone()],
        }
    }

    /// The line as written, with its line break: a line of facts by `stream/json.rs`, byte for
    /// byte as serde would write it (and about twice as fast), an error line by serde.
    pub fn to_json_line(&self) -> String {
        let written = match self {
            Output::Facts {
                id,
                facts,
                unplaced,
                diagnostics,
            } => Ok(json::facts_line(id, facts, unplaced, diagnostics)),
            Output::Error { .. } => serde_json::to_string(self),
        };
        let mut line = written.unwrap_or_else(|err| {
            // Only a bug could get here (every part serialises): say so on the line.
            let id = match self {
                Output::Facts { id, .. } => Some(id.clone()),
                Output::Error { id, .. } => id.clone(),
            };
            serde_json::json!({ "id": id, "error": format!("the output could not be written: {err}") }).to_string()
        });
        line.push('\n');
        line
    }
}

/// The keys read from a line; others are ignored. `null` is the same as a missing key.
#[derive(Deserialize)]
struct RawLine {
    id: Option<Value>,
    text: Option<Value>,
    published: Option<Value>,
    headline: Option<Value>,
    url: Option<Value>,
}

/// Whether a line is blank (skipped, no output).
pub fn is_blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

/// Reads one line as an article: UTF-8, a JSON object, an `id` that is a non-empty string or a
/// number, a `text` string of at most 2 MB with some non-blank text, `published` a date
/// `YYYY-MM-DD` (as in `manifest.json`) or null, `headline` and `url` strings or null.
pub fn parse_line(line: &[u8]) -> Result<Article, LineError> {
    let line = std::str::from_utf8(line).map_err(|err| {
        LineError::new(
            None,
            format!(
                "not UTF-8: invalid byte at byte {} of the line",
                err.valid_up_to() + 1
            ),
        )
    })?;
    if !line.trim_start().starts_with('{') {
        return Err(LineError::new(
            None,
            "not a JSON object (each line must be {\"id\", \"text\", …})",
        ));
    }
    let raw: RawLine = serde_json::from_str(line)
        .map_err(|err| LineError::new(None, format!("invalid JSON: {err}")))?;
    let id = match raw.id {
        Some(Value::String(s)) if s.is_empty() => {
            return Err(LineError::new(None, "\"id\" is empty"))
        }
        Some(id @ (Value::String(_) | Value::Number(_))) => id,
        Some(other) => {
            return Err(LineError::new(
                None,
                format!(
                    "\"id\" must be a string or a number, not {}",
                    type_name(&other)
                ),
            ))
        }
        None => return Err(LineError::new(None, "no \"id\"")),
    };
    let err = |message: String| LineError::new(Some(&id), message);
    let text = match raw.text {
        Some(Value::String(text)) => text,
        Some(other) => {
            return Err(err(format!(
                "\"text\" must be a string, not {}",
                type_name(&other)
            )))
        }
        None => return Err(err("no \"text\"".to_owned())),
    };
    if text.len() > MAX_ARTICLE_BYTES {
        return Err(err(format!(
            "the text is {} MB; an article can be at most {} MB",
            Fixed(text.len() as f64 / 1e6, 1),
            Fixed(MAX_ARTICLE_BYTES as f64 / 1e6, 0)
        )));
    }
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(err("the text is empty".to_owned()));
    }
    let published = match raw.published {
        None => None,
        Some(Value::String(s)) => Some(
            s.parse::<Date>()
                .map_err(|_| err(format!("\"published\" is not a date YYYY-MM-DD: {s:?}")))?,
        ),
        Some(other) => {
            return Err(err(format!(
                "\"published\" must be a date string YYYY-MM-DD or null, not {}",
                type_name(&other)
            )))
        }
    };
    let headline = optional_string(raw.headline, "headline").map_err(err)?;
    let url = optional_string(raw.url, "url").map_err(err)?;
    let doc_id = match &id {
        Value::String(s) => s.clone(),
        number => number.to_string(),
    };
    Ok(Article {
        id,
        doc_id,
        text,
        published,
        headline,
        url,
    })
}

/// A string field, trimmed (blank is none), or null.
fn optional_string(value: Option<Value>, key: &str) -> Result<Option<String>, String> {
    match value {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_owned()).filter(|s| !s.is_empty())),
        Some(other) => Err(format!(
            "\"{key}\" must be a string or null, not {}",
            type_name(&other)
        )),
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The ids the stream has used so far, in input order: a line whose id an earlier line used
/// (the number `1` and the string `"1"` are different ids) is an error, so no two output lines
/// of facts share an id.
#[derive(Clone, Debug, Default)]
pub struct SeenIds(HashMap<String, usize>);

impl SeenIds {
    /// Notes the id of line `line` (read by [`parse_line`]); an article whose id an earlier
    /// line used becomes an error. A line that failed otherwise still takes its id.
    pub fn check(
        &mut self,
        line: usize,
        parsed: Result<Article, LineError>,
    ) -> Result<Article, LineError> {
        let id = match &parsed {
            Ok(article) => &article.id,
            Err(LineError { id: Some(id), .. }) => id,
            Err(_) => return parsed,
        };
        // Written once: a lookup and an insert of the same key.
        let key = id.to_string();
        match self.0.get(&key) {
            Some(&earlier) if parsed.is_ok() => Err(LineError::new(
                Some(id),
                format!("the id {id} was used before, on line {earlier}"),
            )),
            Some(_) => parsed,
            None => {
                self.0.insert(key, line);
                parsed
            }
        }
    }
}

/// The facts of one article, through the page's own steps; the sources' spans are offsets into
/// `article.text`.
pub fn article_facts(parser: &Geoparser<'_>, article: Article) -> Output {
    let given = corpus::Article {
        id: &article.doc_id,
        text: &article.text,
        headline: article.headline.as_deref(),
        outlet: None,
        url: article.url.as_deref(),
        published: article.published,
    };
    let corpus = corpus::load_articles(&[given], NOTE);
    let toponyms = geoparse::corpus_toponyms(parser, &corpus);
    let mut found = facts::extract(&corpus, &toponyms);
    // The cleaner counts the file's bytes after a byte-order mark.
    let bom = article.text.len()
        - article
            .text
            .strip_prefix('\u{feff}')
            .unwrap_or(&article.text)
            .len();
    for source in found
        .facts
        .iter_mut()
        .chain(found.unplaced.iter_mut())
        .flat_map(|f| f.sources.iter_mut())
    {
        let Some(doc) = corpus.document(&source.doc) else {
            continue;
        };
        let given = |span| doc.file_span(span).shifted(bom);
        source.excerpt = given(source.excerpt);
        source.trigger = given(source.trigger);
        source.summary = given(source.summary);
        source.site_mention = source.site_mention.map(given);
    }
    let diagnostics = corpus
        .diagnostics
        .into_iter()
        .map(|mut d| {
            // The source file "ID.txt", as load_articles names it.
            if d.source.strip_suffix(".txt") == Some(article.doc_id.as_str()) {
                d.source.clone_from(&article.doc_id);
            }
            d
        })
        .collect();
    Output::Facts {
        id: article.id,
        facts: found.facts,
        unplaced: found.unplaced,
        diagnostics,
    }
}

/// One input line (without its line break), number `line`, in input order: its output line, or
/// `None` for a blank line. `seen` carries the ids of the lines before.
pub fn facts_of_line(
    parser: &Geoparser<'_>,
    line: &[u8],
    number: usize,
    seen: &mut SeenIds,
) -> Option<Output> {
    if is_blank(line) {
        return None;
    }
    Some(match seen.check(number, parse_line(line)) {
        Ok(article) => article_facts(parser, article),
        Err(err) => err.at(number),
    })
}

/// What [`run`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Output lines written.
    pub lines: usize,
    /// Of which failed ([`Output::failed`]), plus an input that could not be read to its end.
    pub failed: usize,
}

/// Reads JSON lines from `input` and writes their output lines to `output`, in input order,
/// processing up to `jobs` lines at once on as many threads: the output is the same for any
/// `jobs`. Lines are read in batches of a few hundred per thread, so memory stays bounded.
/// Each problem goes to `report` as "line N: …" (an error line's message, an error
/// diagnostic, or input that could not be read, which ends the stream). Fails only when
/// `output` does.
pub fn run(
    parser: &Geoparser<'_>,
    mut input: impl BufRead,
    mut output: impl Write,
    jobs: usize,
    mut report: impl FnMut(&str),
) -> io::Result<Summary> {
    let jobs = jobs.max(1);
    let mut summary = Summary::default();
    let mut seen = SeenIds::default();
    let mut number = 0;
    loop {
        // A batch of numbered lines, each its bytes or the error of a line too long to keep.
        let mut batch: Vec<(usize, Result<Vec<u8>, LineError>)> = Vec::new();
        let mut bytes = 0;
        let mut end = None;
        while batch.len() < BATCH_LINES_PER_JOB * jobs && bytes < BATCH_BYTES_PER_JOB * jobs {
            number += 1;
            match read_line(&mut input, MAX_LINE_BYTES) {
                Ok(None) => {
                    end = Some(None);
                    break;
                }
                Ok(Some(Line::Whole(line))) if is_blank(&line) => {}
                Ok(Some(Line::Whole(line))) => {
                    bytes += line.len();
                    batch.push((number, Ok(line)));
                }
                Ok(Some(Line::TooLong(length))) => {
                    let message = format!(
                        "the line is longer than {} MB ({length} bytes so far); an \
                        article can be at most {} MB",
                        MAX_LINE_BYTES / 1_000_000,
                        MAX_ARTICLE_BYTES / 1_000_000
                    );
                    batch.push((number, Err(LineError::new(None, message))));
                }
                Err(err) => {
                    end = Some(Some(format!(
                        "line {number}: the input could not be read: {err}"
                    )));
                    break;
                }
            }
        }
        let parsed = parallel_map(batch, jobs, |(n, line)| {
            (n, line.and_then(|l| parse_line(&l)))
        });
        let checked: Vec<(usize, Result<Article, LineError>)> = parsed
            .into_iter()
            .map(|(n, p)| (n, seen.check(n, p)))
            .collect();
        let outputs = parallel_map(checked, jobs, |(n, article)| {
            let out = match article {
                Ok(article) => article_facts(parser, article),
                Err(err) => err.at(n),
            };
            (n, out.to_json_line(), out.failed(), out.problems())
        });
        for (n, line, failed, problems) in outputs {
            output.write_all(line.as_bytes())?;
            summary.lines += 1;
            summary.failed += usize::from(failed);
            for problem in problems {
                report(&format!("line {n}: {problem}"));
            }
        }
        output.flush()?;
        if let Some(end) = end {
            if let Some(message) = end {
                report(&message);
                summary.failed += 1;
            }
            return Ok(summary);
        }
    }
}

/// A line of input, without its line break.
enum Line {
    Whole(Vec<u8>),
    /// Longer than the limit: its length so far (the rest of the line is skipped, not kept).
    TooLong(usize),
}

/// The next line, or `None` at the end of the input. A line longer than `limit` bytes is read
/// to its end but not kept.
fn read_line(input: &mut impl BufRead, limit: usize) -> io::Result<Option<Line>> {
    let mut line = Vec::new();
    let mut length = 0;
    let mut started = false;
    loop {
        let available = match input.fill_buf() {
            Ok(available) => available,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if available.is_empty() {
            break;
        }
        started = true;
        let newline = available.iter().position(|&b| b == b'\n');
        let part = &available[..newline.unwrap_or(available.len())];
        length += part.len();
        if length <= limit {
            line.extend_from_slice(part);
        } else if !line.is_empty() {
            line = Vec::new();
        }
        let used = newline.map_or(available.len(), |at| at + 1);
        input.consume(used);
        if newline.is_some() {
            break;
        }
    }
    Ok(started.then_some(if length <= limit {
        Line::Whole(line)
    } else {
        Line::TooLong(length)
    }))
}

/// `f` over `items` on up to `jobs` threads, each taking the next item as it finishes one;
/// the results in the items' order.
fn parallel_map<T: Send, U: Send>(items: Vec<T>, jobs: usize, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    let count = items.len();
    if jobs <= 1 || count <= 1 {
        return items.into_iter().map(f).collect();
    }
    let queue = Mutex::new(items.into_iter().enumerate());
    let mut results: Vec<Option<U>> = std::iter::repeat_with(|| None).take(count).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs.min(count))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
                        let Some((i, item)) = next else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            match worker.join() {
                Ok(done) => {
                    for (i, result) in done {
                        results[i] = Some(result);
                    }
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    results.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_whole_or_skipped_past_the_limit() {
        let mut input = io::BufReader::with_capacity(4, &b"abc\n0123456789\n\nlast"[..]);
        let mut lines = Vec::new();
        while let Some(line) = read_line(&mut input, 6).unwrap() {
            lines.push(match line {
                Line::Whole(bytes) => String::from_utf8(bytes).unwrap(),
                Line::TooLong(n) => format!("too long: {n}"),
            });
        }
        assert_eq!(lines, ["abc", "too long: 10", "", "last"]);
    }

    #[test]
    fn parallel_map_keeps_order() {
        let items: Vec<usize> = (0..1000).collect();
        assert_eq!(
            parallel_map(items.clone(), 3, |i| i * 2),
            items.iter().map(|i| i * 2).collect::<Vec<_>>()
        );
    }

    #[test]
    fn bad_lines_say_why() {
        let cases: &[(&[u8], &str)] = &[
            (b"\xff{}", "not UTF-8"),
            (b"[1]", "not a JSON object"),
            (b"{\"id\": 1", "invalid JSON"),
            (b"{\"text\": \"a\"}", "no \"id\""),
            (
                b"{\"id\": [1], \"text\": \"a\"}",
                "\"id\" must be a string or a number, not an array",
            ),
            (b"{\"id\": \"\", \"text\": \"a\"}", "\"id\" is empty"),
            (b"{\"id\": 1}", "no \"text\""),
            (
                b"{\"id\": 1, \"text\": 5}",
                "\"text\" must be a string, not a number",
            ),
            (b"{\"id\": 1, \"text\": \" \\n \"}", "the text is empty"),
            (
                b"{\"id\": 1, \"text\": \"a\", \"published\": \"2015-13-01\"}",
                "\"published\" is not a date",
            ),
            (
                b"{\"id\": 1, \"text\": \"a\", \"published\": 20150101}",
                "\"published\" must be a date string",
            ),
            (
                b"{\"id\": 1, \"text\": \"a\", \"headline\": 3}",
                "\"headline\" must be a string or null",
            ),
        ];
        for (line, why) in cases {
            let err = parse_line(line).expect_err(why);
            assert!(err.message.starts_with(why), "{why}: {}", err.message);
        }
        let ok = parse_line(
            br#"{"id": 7, "text": "x", "published": null, "headline": " ", "extra": {"a": [1]}}"#,
        )
        .unwrap();
        assert_eq!(
            (ok.doc_id.as_str(), ok.published, ok.headline),
            ("7", None, None)
        );
    }
}
