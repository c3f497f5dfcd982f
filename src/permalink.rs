//! What the address bar says about the view, so that a shared link opens the same view.
//!
//! The state lives in the query string (`?doc=ID&place=GEONAMEID&s=SENTENCE&zoom=K,X,Y&fact=ID`
//! and the fact filter's `kinds=capture,strike&from=DATE&to=DATE&src=DOC`) rather
//! than the path, so that it survives any
//! static host and sub-path (GitHub Pages serves the same `index.html` for `/factmap/?doc=…`).

use crate::facts::FactFilter;
use crate::map_layers::Zoom;

/// The part of the view a link can reproduce.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    /// The document open in the reader.
    pub doc: Option<String>,
    /// The selected place, by GeoNames id.
    pub place: Option<u32>,
    /// The sentence of `doc` a source link points at (index into its sentences).
    pub sentence: Option<usize>,
    /// The map's pan and zoom; `None` is the fitted first view.
    pub zoom: Option<Zoom>,
    /// The fact a link points at, by id.
    pub fact: Option<String>,
    /// Which facts the map shows.
    pub filter: FactFilter,
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
                "s" => state.sentence = value.parse().ok(),
                "zoom" => {
                    state.zoom =
                        Some(Zoom::from_param(&decode(value))).filter(|z| *z != Zoom::default())
                }
                "fact" => state.fact = Some(decode(value)).filter(|f| !f.is_empty()),
                _ => {
                    state.filter.read_param(key, &decode(value));
                }
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
        if let Some(sentence) = self.sentence {
            parts.push(format!("s={sentence}"));
        }
        if let Some(zoom) = self.zoom.and_then(Zoom::to_param) {
            parts.push(format!("zoom={}", encode(&zoom)));
        }
        if let Some(fact) = &self.fact {
            parts.push(format!("fact={}", encode(fact)));
        }
        for (key, value) in self.filter.to_params() {
            parts.push(format!("{key}={}", encode(&value)));
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
                // Two hex digits: `from_str_radix` alone would also take a sign ("%+f").
                let hex = &bytes[i + 1..i + 3];
                match std::str::from_utf8(hex)
                    .ok()
                    .filter(|_| hex.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
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
        for doc in [
            "002_cc470b77ab695863-2",
            "my article (1).txt",
            "Київ",
            "a&b=c%d",
        ] {
            let state = ViewState {
                doc: Some(doc.to_owned()),
                ..ViewState::default()
            };
            assert_eq!(ViewState::from_query(&state.to_query()), state, "{doc}");
        }
        assert_eq!(ViewState::default().to_query(), "");
        let both = ViewState {
            doc: Some("a".into()),
            place: Some(486816),
            ..ViewState::default()
        };
        assert_eq!(both.to_query(), "?doc=a&place=486816");
        assert_eq!(ViewState::from_query(&both.to_query()), both);
        let zoomed = ViewState {
            place: Some(486816),
            sentence: Some(3),
            zoom: Some(Zoom {
                k: 2.5,
                x: -100.0,
                y: -50.5,
            }),
            ..ViewState::default()
        };
        assert_eq!(
            zoomed.to_query(),
            "?place=486816&s=3&zoom=2.5%2C-100%2C-50.5"
        );
        assert_eq!(ViewState::from_query(&zoomed.to_query()), zoomed);
        let filtered = ViewState {
            fact: Some("capture-sudzha-2025-03-12".into()),
            filter: FactFilter {
                kinds: vec![
                    crate::facts::EventKind::Strike,
                    crate::facts::EventKind::Capture,
                ],
                from: "2025-03-12".parse().ok(),
                to: "2025-03-13".parse().ok(),
                source: Some("002_cc470b77ab695863-2".into()),
            },
            ..ViewState::default()
        };
        assert_eq!(filtered.to_query(), "?fact=capture-sudzha-2025-03-12&kinds=capture%2Cstrike&from=2025-03-12&to=2025-03-13&src=002_cc470b77ab695863-2");
        let back = ViewState::from_query(&filtered.to_query());
        assert_eq!(
            back.filter.kinds,
            [
                crate::facts::EventKind::Capture,
                crate::facts::EventKind::Strike
            ],
            "kinds come back in vocabulary order"
        );
        assert_eq!(
            (
                back.fact,
                back.filter.from,
                back.filter.to,
                back.filter.source
            ),
            (
                filtered.fact,
                filtered.filter.from,
                filtered.filter.to,
                filtered.filter.source
            )
        );
    }

    #[test]
    fn reads_what_people_paste() {
        assert_eq!(
            ViewState::from_query("?doc=001_b294f04f116ddbf6&zoom=3")
                .doc
                .as_deref(),
            Some("001_b294f04f116ddbf6")
        );
        assert_eq!(
            ViewState::from_query("?zoom=3").zoom,
            None,
            "a malformed zoom is the first view"
        );
        assert_eq!(
            ViewState::from_query("?zoom=2,0,0").zoom.map(|z| z.k),
            Some(2.0)
        );
        assert_eq!(
            ViewState::from_query("doc=a%20b").doc.as_deref(),
            Some("a b")
        );
        assert_eq!(ViewState::from_query("?doc=").doc, None);
        assert_eq!(ViewState::from_query("").doc, None);
        assert_eq!(
            ViewState::from_query("?doc=50%").doc.as_deref(),
            Some("50%")
        );
        assert_eq!(
            ViewState::from_query("?doc=%zz").doc.as_deref(),
            Some("%zz")
        );
        // Found by tests/properties.rs: a sign is no hex digit ("%+f" was read as U+000F).
        assert_eq!(
            ViewState::from_query("?doc=%+f").doc.as_deref(),
            Some("% f")
        );
        assert_eq!(
            ViewState::from_query("?doc=%-1").doc.as_deref(),
            Some("%-1")
        );
        assert_eq!(ViewState::from_query("?place=12x").place, None);
    }
}
