use leptos::prelude::*;

/// How many rows a long list shows before the reader asks for the rest: a collection of a
/// thousand articles names a thousand places, and drawing them all would slow the page for a
/// list nobody reads to the end.
pub const LIST_PAGE: usize = 100;

/// "Show all 1,272 places": the button under a list cut at [`LIST_PAGE`] rows, absent when
/// the list is whole.
#[component]
pub fn ShowMore(
    /// How many rows are drawn; the button sets it to `total`.
    shown: RwSignal<usize>,
    total: Signal<usize>,
    /// What the rows are, plural ("places").
    what: &'static str,
) -> impl IntoView {
    move || {
        let total = total.get();
        (total > shown.get()).then(|| {
            view! {
                <button type="button" class="show-more" on:click=move |_| shown.set(total)>
                    {format!("Show all {} {what}", thousands(total))}
                </button>
            }
        })
    }
}

/// 1272 → "1,272".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
