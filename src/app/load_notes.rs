use leptos::prelude::*;

use crate::corpus::{Corpus, Severity};

/// What loading the articles noticed: files that could not be read, missing dates, splits.
#[component]
pub fn LoadNotes(
    /// The loaded documents and their diagnostics.
    corpus: StoredValue<Corpus>,
) -> impl IntoView {
    let notes = corpus.with_value(|c| c.diagnostics.clone());
    let has_problems = notes.iter().any(|d| d.severity > Severity::Note);
    let items = notes
        .into_iter()
        .map(|d| {
            let class = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            };
            view! { <li class=class><strong>{class}</strong>": " {d.source} " — " {d.message}</li> }
        })
        .collect_view();
    view! {
        <section class="load-notes" aria-labelledby="load-notes-title" role=has_problems.then_some("alert")>
            <h2 id="load-notes-title">"Loading notes"</h2>
            <ul>{items}</ul>
        </section>
    }
}
