//! The reader's own articles: added in the browser, kept across visits, shared as a file.
//!
//! Entry points: [`Collection::add`] (text or a file's contents, with optional headline,
//! outlet, date and URL), [`Collection::corpus`] (the articles as a [`Corpus`], cleaned like
//! the shipped ones), [`Collection::encode`] / [`decode`] (the stored form) and
//! [`Collection::export`] / [`import`] (the shared file, with the facts).
//!
//! The stored form is versioned JSON: `{"format": 1, "articles": [...]}`. Decoding never
//! drops data silently: a newer format or a damaged store is an error that keeps the raw
//! text, so the page can say so and offer it for download instead of overwriting it.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::corpus::{self, Corpus};
use crate::date::Date;
use crate::facts::FactsGeoJson;
use crate::fasthash::FastHasher;
use crate::html_text;
use crate::numfmt::Fixed;

/// The version of the stored and exported form this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// The longest article taken, in bytes: a long report is 50 kB; two megabytes is a book, or a
/// paste gone wrong, and would not fit the browser's storage.
pub const MAX_ARTICLE_BYTES: usize = 2_000_000;

/// One article the reader added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserArticle {
    /// Stable: derived from the text, so adding the same text twice is noticed.
    pub id: String,
    #[serde(default)]
    pub headline: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub published: Option<Date>,
    #[serde(default)]
    pub url: Option<String>,
    /// The file it came from, if any.
    #[serde(default)]
    pub file_name: Option<String>,
    /// The text as added (an HTML file's is already reduced to its article text).
    pub text: String,
}

/// What the reader supplies for one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub text: String,
    pub headline: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Date>,
    pub url: Option<String>,
    pub file_name: Option<String>,
}

impl Draft {
    /// A file's contents as a draft: `.html`/`.htm` (or text that is plainly a web page)
    /// reduced to its article text, with the page title as the headline; `.txt` and `.md`
    /// as they are.
    pub fn from_file(name: &str, contents: &str) -> Draft {
        let lower = name.to_ascii_lowercase();
        let is_html = lower.ends_with(".html")
            || lower.ends_with(".htm")
            || (!lower.ends_with(".txt")
                && !lower.ends_with(".md")
                && html_text::looks_like_html(contents));
        if is_html {
            let article = html_text::article_text(contents);
            Draft {
                text: article.text,
                headline: article.title,
                file_name: Some(name.to_owned()),
                ..Draft::default()
            }
        } else {
            Draft {
                text: contents.to_owned(),
                file_name: Some(name.to_owned()),
                ..Draft::default()
            }
        }
    }
}

/// Why an article was not added.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum AddError {
    #[error("the text is empty")]
    Empty,
    #[error(
        "the text is {0} MB; one article can be at most 2 MB (split it, or paste just the article)"
    )]
    TooLong(String),
    #[error("this text is already in the collection, as “{0}”")]
    Duplicate(String),
}

/// Why the stored or imported collection could not be read. Each keeps the raw text.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum StoreError {
    #[error(
        "it was saved by a newer factmap (format {found}; this page reads up to {FORMAT_VERSION})"
    )]
    Newer { found: u32, raw: String },
    #[error("it is damaged ({reason})")]
    Damaged { reason: String, raw: String },
}

impl StoreError {
    /// The stored text, for the reader to download.
    pub fn raw(&self) -> &str {
        match self {
            StoreError::Newer { raw, .. } | StoreError::Damaged { raw, .. } => raw,
        }
    }
}

/// The reader's articles, in the order they were added.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collection {
    pub articles: Vec<UserArticle>,
}

#[derive(Serialize)]
struct Stored<'a> {
    format: u32,
    articles: &'a [UserArticle],
}

#[derive(Deserialize)]
struct Envelope {
    format: Option<u32>,
}

#[derive(Deserialize)]
struct StoredOwned {
    articles: Vec<UserArticle>,
}

impl UserArticle {
    /// The article a draft makes, its text's line ends made Unix ones and its id from that text;
    /// an empty or overlong text is refused.
    fn from_draft(draft: Draft) -> Result<UserArticle, AddError> {
        let text = draft.text.replace("\r\n", "\n").replace('\r', "\n");
        if text.trim().is_empty() {
            return Err(AddError::Empty);
        }
        if text.len() > MAX_ARTICLE_BYTES {
            return Err(AddError::TooLong(
                Fixed(text.len() as f64 / 1e6, 1).to_string(),
            ));
        }
        let clean = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        Ok(UserArticle {
            id: article_id(&text),
            headline: clean(draft.headline),
            outlet: clean(draft.outlet),
            published: draft.published,
            url: clean(draft.url).filter(|u| is_web_url(u)),
            file_name: draft.file_name,
            text,
        })
    }
}

impl Collection {
    /// Adds an article; returns its id.
    pub fn add(&mut self, draft: Draft) -> Result<String, AddError> {
        let article = UserArticle::from_draft(draft)?;
        if let Some(existing) = self.articles.iter().find(|a| a.id == article.id) {
            return Err(AddError::Duplicate(
                existing
                    .headline
                    .clone()
                    .unwrap_or_else(|| first_line(&existing.text)),
            ));
        }
        let id = article.id.clone();
        self.articles.push(article);
        Ok(id)
    }

    /// Adds many articles at once, as [`Collection::add`] would one by one but in linear time
    /// (a collection of 100,000 synthetic articles, `factmap synth`); returns how many were new.
    pub fn extend(&mut self, drafts: impl IntoIterator<Item = Draft>) -> usize {
        let mut ids: crate::fasthash::FastSet<String> =
            self.articles.iter().map(|a| a.id.clone()).collect();
        let before = self.articles.len();
        for draft in drafts {
            if let Ok(article) = UserArticle::from_draft(draft) {
                if ids.insert(article.id.clone()) {
                    self.articles.push(article);
                }
            }
        }
        self.articles.len() - before
    }

    pub fn remove(&mut self, id: &str) -> bool {
        let before = self.articles.len();
        self.articles.retain(|a| a.id != id);
        self.articles.len() != before
    }

    /// Changes what the reader may correct: the headline and the date.
    pub fn edit(&mut self, id: &str, headline: Option<String>, published: Option<Date>) -> bool {
        let Some(a) = self.articles.iter_mut().find(|a| a.id == id) else {
            return false;
        };
        a.headline = headline
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty());
        a.published = published;
        true
    }

    /// The articles cleaned into documents, exactly as the shipped ones are: what the reader
    /// typed in the fields wins over what the text says.
    pub fn corpus(&self) -> Corpus {
        let articles: Vec<corpus::Article<'_>> = self
            .articles
            .iter()
            .map(|a| corpus::Article {
                id: &a.id,
                text: &a.text,
                headline: a.headline.as_deref(),
                outlet: a.outlet.as_deref(),
                url: a.url.as_deref(),
                published: a.published,
            })
            .collect();
        corpus::load_articles(&articles, "as entered when the article was added")
    }

    /// The stored form.
    pub fn encode(&self) -> String {
        serde_json::to_string(&Stored {
            format: FORMAT_VERSION,
            articles: &self.articles,
        })
        .expect("articles serialise")
    }

    /// The shared file: the stored form plus the facts (a GeoJSON FeatureCollection, see
    /// [`crate::facts::to_geojson`]) the page derived, for readers of the file who do not run
    /// factmap. Every object's keys are in alphabetical order, the articles' and the facts'
    /// too (the file was first written through `serde_json::Value`, which sorts them).
    pub fn export(&self, facts: &FactsGeoJson<'_>) -> String {
        #[derive(Serialize)]
        struct Exported<'a, F> {
            articles: Vec<ArticleSorted<'a>>,
            facts: F,
            format: u32,
            generator: &'static str,
        }
        #[derive(Serialize)]
        struct ArticleSorted<'a> {
            file_name: &'a Option<String>,
            headline: &'a Option<String>,
            id: &'a str,
            outlet: &'a Option<String>,
            published: &'a Option<Date>,
            text: &'a str,
            url: &'a Option<String>,
        }
        let articles = self
            .articles
            .iter()
            .map(|a| ArticleSorted {
                file_name: &a.file_name,
                headline: &a.headline,
                id: &a.id,
                outlet: &a.outlet,
                published: &a.published,
                text: &a.text,
                url: &a.url,
            })
            .collect();
        serde_json::to_string_pretty(&Exported {
            articles,
            facts: facts.keys_sorted(),
            format: FORMAT_VERSION,
            generator: "factmap",
        })
        .expect("the export serialises")
    }
}

/// Reads a stored collection (or an exported file: its facts are derived again, not read).
pub fn decode(raw: &str) -> Result<Collection, StoreError> {
    let damaged = |reason: String| StoreError::Damaged {
        reason,
        raw: raw.to_owned(),
    };
    let envelope: Envelope = serde_json::from_str(raw).map_err(|e| damaged(e.to_string()))?;
    match envelope.format {
        None => return Err(damaged("no format version".to_owned())),
        Some(found) if found > FORMAT_VERSION => {
            return Err(StoreError::Newer {
                found,
                raw: raw.to_owned(),
            })
        }
        Some(0) => return Err(damaged("format 0 is not a factmap format".to_owned())),
        Some(_) => {}
    }
    let stored: StoredOwned = serde_json::from_str(raw).map_err(|e| damaged(e.to_string()))?;
    let mut collection = Collection::default();
    for a in stored.articles {
        // An id is derived from the text; a file edited by hand is re-keyed, not trusted.
        let id = article_id(&a.text);
        if a.text.trim().is_empty() || collection.articles.iter().any(|b| b.id == id) {
            continue;
        }
        collection.articles.push(UserArticle {
            id,
            url: a.url.filter(|u| is_web_url(u)),
            ..a
        });
    }
    Ok(collection)
}

/// Adds the articles of an imported collection that are not already here; returns how many.
pub fn import(into: &mut Collection, raw: &str) -> Result<usize, StoreError> {
    let incoming = decode(raw)?;
    let mut added = 0;
    for a in incoming.articles {
        if !into.articles.iter().any(|b| b.id == a.id) {
            into.articles.push(a);
            added += 1;
        }
    }
    Ok(added)
}

/// "user-" and 16 hex digits of the text's hash: stable across visits and builds.
fn article_id(text: &str) -> String {
    use std::hash::Hasher;
    // The hasher reads the bytes as little-endian u64 words, so the id is the same on wasm32.
    let mut h = FastHasher::default();
    h.write(text.as_bytes());
    format!("user-{:016x}", h.finish())
}

fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    line.chars().take(80).collect()
}

/// Only web addresses are kept as links: never `javascript:`, `data:` or the like.
fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(text: &str) -> Draft {
        Draft {
            text: text.to_owned(),
            ..Draft::default()
        }
    }

    #[test]
    fn extending_is_adding_one_by_one() {
        let drafts = || {
            [
                "Russia attacked Sumy.",
                "",
                "Kyiv was hit.",
                "Russia attacked Sumy.",
            ]
            .map(draft)
        };
        let mut one_by_one = Collection::default();
        for d in drafts() {
            let _ = one_by_one.add(d);
        }
        let mut at_once = Collection::default();
        assert_eq!(at_once.extend(drafts()), 2);
        assert_eq!(at_once.extend(drafts()), 0);
        let ids = |c: &Collection| c.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&at_once), ids(&one_by_one));
    }

    #[test]
    fn adds_edits_removes_and_refuses_duplicates() {
        let mut c = Collection::default();
        let id = c
            .add(Draft {
                headline: Some("  Drones hit Kaluga ".into()),
                url: Some("javascript:alert(1)".into()),
                ..draft("Drones hit Kaluga region on Tuesday.")
            })
            .unwrap();
        assert!(id.starts_with("user-") && id.len() == 21, "{id}");
        assert_eq!(c.articles[0].headline.as_deref(), Some("Drones hit Kaluga"));
        assert_eq!(c.articles[0].url, None, "only web addresses are links");
        assert_eq!(
            c.add(draft("Drones hit Kaluga region on Tuesday.")),
            Err(AddError::Duplicate("Drones hit Kaluga".into()))
        );
        assert_eq!(c.add(draft(" \n\t ")), Err(AddError::Empty));
        assert_eq!(
            c.add(draft(&"Kyiv. ".repeat(400_000))),
            Err(AddError::TooLong("2.4".into()))
        );
        assert!(c.edit(
            &id,
            Some("Kaluga depot hit".into()),
            "2025-03-13".parse().ok()
        ));
        let corpus = c.corpus();
        assert_eq!(corpus.documents.len(), 1);
        assert_eq!(corpus.documents[0].headline, "Kaluga depot hit");
        assert_eq!(
            corpus.documents[0]
                .published
                .map(|d| d.to_string())
                .as_deref(),
            Some("2025-03-13")
        );
        assert!(c.remove(&id) && c.articles.is_empty());
    }

    #[test]
    fn the_stored_form_round_trips_and_never_drops_data_silently() {
        let mut c = Collection::default();
        c.add(Draft {
            outlet: Some("Example Post".into()),
            published: "2025-03-12".parse().ok(),
            url: Some("https://example.com/a".into()),
            ..draft("Putin visited Kursk on Wednesday.")
        })
        .unwrap();
        c.add(Draft::from_file(
            "page.html",
            "<html><head><title>Sumy \
            attacked</title></head><body><p>Russia attacked \
            Sumy.</p><script>x()</script></body></html>",
        ))
        .unwrap();
        assert_eq!(c.articles[1].text, "Russia attacked Sumy.");
        assert_eq!(c.articles[1].headline.as_deref(), Some("Sumy attacked"));
        let stored = c.encode();
        assert!(stored.starts_with(r#"{"format":1,"#), "{stored}");
        assert_eq!(decode(&stored), Ok(c.clone()));

        let newer = stored.replace(r#""format":1"#, r#""format":7"#);
        assert!(matches!(
            decode(&newer),
            Err(StoreError::Newer { found: 7, .. })
        ));
        for damaged in [
            "",
            "{",
            "[]",
            r#"{"articles": []}"#,
            r#"{"format": 1, "articles": {}}"#,
            "\u{0}garbage",
        ] {
            let err = decode(damaged).expect_err(damaged);
            assert_eq!(err.raw(), damaged, "the raw text is kept for the reader");
        }
    }

    #[test]
    fn export_carries_facts_and_import_adds_only_what_is_new() {
        let mut c = Collection::default();
        c.add(draft("Drones hit Kaluga region on Tuesday."))
            .unwrap();
        let file = c.export(&crate::facts::to_geojson(
            &Corpus::default(),
            &crate::facts::Facts::default(),
        ));
        let value: serde_json::Value = serde_json::from_str(&file).unwrap();
        assert_eq!(value["facts"]["type"], "FeatureCollection");
        assert_eq!(value["format"], 1);
        let mut other = Collection::default();
        other.add(draft("Russia attacked Sumy.")).unwrap();
        assert_eq!(import(&mut other, &file), Ok(1));
        assert_eq!(
            import(&mut other, &file),
            Ok(0),
            "importing twice adds nothing"
        );
        assert_eq!(other.articles.len(), 2);
        // A hand-edited id is re-derived from the text.
        let tampered = file.replace(&c.articles[0].id, "user-<script>");
        let mut third = Collection::default();
        import(&mut third, &tampered).unwrap();
        assert_eq!(third.articles[0].id, c.articles[0].id);
    }
}
