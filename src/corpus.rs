//! Stage 1 of the pipeline: article files in, clean [`Document`]s out.
//!
//! Entry point: [`load`] (any set of files) or [`shipped`] (the articles embedded from
//! `corpus/`). Loading never fails wholesale: each file that cannot be read yields a
//! [`Diagnostic`] and the others still load.

mod clean;
mod diagnostic;
mod document;
mod manifest;

pub use diagnostic::{Diagnostic, Severity};
pub use document::{
    Block, BlockKind, DateSource, Document, Origin, Provenance, Removal, RemovalReason, Sentence,
};
pub use manifest::{Manifest, ManifestEntry, ManifestError};

use crate::date::Date;

include!(concat!(env!("OUT_DIR"), "/shipped_corpus.rs"));

/// One article file as received: its name (the document id is its stem) and raw bytes.
#[derive(Clone, Debug)]
pub struct SourceFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// The loaded documents, in file order, and what went wrong or was noticed on the way.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Corpus {
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }
}

/// Loads and cleans `files`, with the metadata in `manifest` filling what the texts lack.
pub fn load(files: &[SourceFile<'_>], manifest: &Manifest) -> Corpus {
    let mut corpus = Corpus::default();
    for file in files {
        let stem = file
            .name
            .rsplit_once('.')
            .map_or(file.name, |(stem, _)| stem);
        let text = match std::str::from_utf8(file.bytes) {
            Ok(text) => text,
            Err(err) => {
                corpus.diagnostics.push(Diagnostic::error(
                    file.name,
                    format!(
                        "not UTF-8 text (invalid byte at offset {}); save it as UTF-8 and reload",
                        err.valid_up_to()
                    ),
                ));
                continue;
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            corpus
                .diagnostics
                .push(Diagnostic::error(file.name, "the file is empty"));
            continue;
        }
        let (documents, diagnostics) = clean::clean(stem, file.name, text, manifest);
        corpus.diagnostics.extend(diagnostics);
        for mut document in documents {
            // Ids key every later stage: one an earlier file took ("a-2" for a.txt's second
            // article and for a-2.txt) gets a further suffix.
            if corpus.document(&document.id).is_some() {
                let taken = std::mem::take(&mut document.id);
                document.id = (2..)
                    .map(|n| format!("{taken}-{n}"))
                    .find(|id| corpus.document(id).is_none())
                    .expect("a free id");
                corpus.diagnostics.push(Diagnostic::warning(
                    file.name,
                    format!(
                        "document id {taken:?} is taken by an earlier file: loaded as {:?}",
                        document.id
                    ),
                ));
            }
            corpus.documents.push(document);
        }
    }
    for id in manifest.ids() {
        if !corpus.documents.iter().any(|d| d.id == id)
            && !files.iter().any(|f| f.name.starts_with(id))
        {
            corpus.diagnostics.push(Diagnostic::warning(
                "manifest.json",
                format!("entry {id:?} matches no article file"),
            ));
        }
    }
    corpus
}

/// One article given with its fields rather than as a file beside a manifest: a reader's
/// article ([`crate::collection`]), a line of `factmap facts --jsonl` ([`crate::stream`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct Article<'a> {
    /// The document id (a second article found in the text gets `ID-2`).
    pub id: &'a str,
    pub text: &'a str,
    pub headline: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub url: Option<&'a str>,
    pub published: Option<Date>,
}

/// Loads `articles` exactly as files named `ID.txt` with a manifest holding their fields, the
/// headline and the date noted as coming from `note` ("as entered when the article was added").
/// What the fields say wins over the manifest's defaults, and the text's own dateline or
/// headline line over the fields, as for the shipped articles.
pub fn load_articles(articles: &[Article<'_>], note: &str) -> Corpus {
    let mut manifest = Manifest::default();
    let names: Vec<String> = articles.iter().map(|a| [a.id, ".txt"].concat()).collect();
    for a in articles {
        manifest.insert(
            a.id,
            ManifestEntry {
                headline: a.headline.map(str::to_owned),
                headline_note: a.headline.map(|_| note.to_owned()),
                outlet: a.outlet.map(str::to_owned),
                url: a.url.map(str::to_owned),
                published: a.published,
                date_note: a.published.map(|_| note.to_owned()),
            },
        );
    }
    let files: Vec<SourceFile<'_>> = articles
        .iter()
        .zip(&names)
        .map(|(a, name)| SourceFile {
            name,
            bytes: a.text.as_bytes(),
        })
        .collect();
    load(&files, &manifest)
}

/// The index of a sharded corpus (`crate::shards`), or `None` when the corpus is embedded
/// whole (the shipped five).
#[inline(always)]
pub fn shipped_index() -> Option<&'static [u8]> {
    // A constant test, so that an embedded corpus's page compiles none of the sharded path.
    if SHARDED {
        SHIPPED_INDEX
    } else {
        None
    }
}

/// The metadata of the articles shipped with factmap (`corpus/manifest.json`).
pub fn shipped_manifest() -> Result<Manifest, ManifestError> {
    Manifest::from_packed(SHIPPED_MANIFEST)
}

/// What the page says of where its articles come from: the shipped articles are web copies of
/// the reporting of the days `shipped` spans (their manifest's dates), and, when the reader has
/// added articles of their own (`with_readers`), theirs are what they added.
pub fn sources_note(shipped: Option<(Date, Date)>, with_readers: bool) -> String {
    let reporting = match shipped {
        Some((first, last)) if first == last => format!("{} reporting", first.long_form()),
        Some((first, last)) => {
            format!(
                "reporting from {} to {}",
                first.long_form(),
                last.long_form()
            )
        }
        None => "news reporting".to_owned(),
    };
    if with_readers {
        format!(
            "The articles shipped with factmap are web copies of {reporting}, and yours are as \
             you added them; all are cleaned of site furniture, and every passage shown is \
             verbatim from its source."
        )
    } else {
        format!(
            "Articles are web copies of {reporting}, cleaned of site furniture; every passage \
             shown is verbatim from its source."
        )
    }
}

/// The articles shipped with factmap (`corpus/*.txt` and `corpus/manifest.json`), cleaned.
pub fn shipped() -> Corpus {
    let (manifest, mut manifest_diagnostics) = match shipped_manifest() {
        Ok(manifest) => (manifest, vec![]),
        Err(err) => (
            Manifest::default(),
            vec![Diagnostic::error("manifest.json", err.to_string())],
        ),
    };
    let files: Vec<SourceFile<'_>> = SHIPPED_FILES
        .iter()
        .map(|&(name, bytes)| SourceFile { name, bytes })
        .collect();
    let mut corpus = load(&files, &manifest);
    manifest_diagnostics.append(&mut corpus.diagnostics);
    corpus.diagnostics = manifest_diagnostics;
    corpus
}
