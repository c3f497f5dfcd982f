//! What the address bar says about the view, so that a shared link opens the same view.
//!
//! The state lives in the query string (`?doc=ID`) rather than the path, so that it survives any
//! static host and sub-path (GitHub Pages serves the same `index.html` for `/factmap/?doc=…`).

/// The part of the view a link can reproduce.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    /// The document open in the reader.
    pub doc: Option<String>,
    /// The selected place, by GeoNames id.
    pub place: Option<u32>,
}

impl ViewState {
    /// Reads a query string, with or without its leading `?`. Unknown keys are ignored, so that
    /// links made by later versions still open.
    pub fn from_query(query: &str) -> ViewState {
        let mut state = ViewState::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "doc" => {
                    let value = decode(value);
                    state.doc = (!value.is_empty()).then_some(value);
                }
                "place" => state.place = value.parse().ok(),
                _ => {}
            }
        }
        state
    }

    /// The query string for this state, with its `?`, or `""` for the default view.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(doc) = &self.doc {
            parts.push(format!("doc={}", encode(doc)));
        }
        if let Some(place) = self.place {
            parts.push(format!("place={place}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes percent-escapes and `+`; malformed escapes are kept as written.
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 3 <= bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for doc in ["002_cc470b77ab695863-2", "my article (1).txt", "Київ", "a&b=c%d"] {
            let state = ViewState { doc: Some(doc.to_owned()), place: None };
            assert_eq!(ViewState::from_query(&state.to_query()), state, "{doc}");
        }
        assert_eq!(ViewState::default().to_query(), "");
        let both = ViewState { doc: Some("a".into()), place: Some(486816) };
        assert_eq!(both.to_query(), "?doc=a&place=486816");
        assert_eq!(ViewState::from_query(&both.to_query()), both);
    }

    #[test]
    fn reads_what_people_paste() {
        assert_eq!(ViewState::from_query("?doc=001_b294f04f116ddbf6&zoom=3").doc.as_deref(), Some("001_b294f04f116ddbf6"));
        assert_eq!(ViewState::from_query("doc=a%20b").doc.as_deref(), Some("a b"));
        assert_eq!(ViewState::from_query("?doc=").doc, None);
        assert_eq!(ViewState::from_query("").doc, None);
        assert_eq!(ViewState::from_query("?doc=50%").doc.as_deref(), Some("50%"));
        assert_eq!(ViewState::from_query("?doc=%zz").doc.as_deref(), Some("%zz"));
        assert_eq!(ViewState::from_query("?place=12x").place, None);
    }
}
