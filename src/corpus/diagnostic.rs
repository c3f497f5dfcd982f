use serde::Serialize;

/// How much a [`Diagnostic`] matters to the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was noticed and handled (an article split in two, say).
    Note,
    /// The document loaded, but something is missing or doubtful (no publication date).
    Warning,
    /// The file could not become a document.
    Error,
}

/// A problem or remark about one input file, shown on the page and by the CLI.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file (or document id) it concerns.
    pub source: String,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(source: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            source: source.into(),
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(source: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            source: source.into(),
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    pub fn note(source: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            source: source.into(),
            severity: Severity::Note,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: {}: {}", self.source, self.message)
    }
}
