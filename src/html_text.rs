//! A saved web page reduced to its article's text: the words a reader sees, in paragraphs,
//! with no markup kept.
//!
//! Entry point: [`article_text`]. Not a full HTML parser: a tolerant scanner that drops what
//! is never article text (scripts, styles, navigation, forms, embedded SVG), prefers the page's
//! `<article>` (or `<main>`) when it has one, turns block elements into line breaks and decodes
//! character references. Whatever the input, the output is plain text: a `<script>` in the
//! page becomes nothing, and a `&lt;script&gt;` in the prose becomes the characters `"<script>"`,
//! which the app renders as text.

/// The article of an HTML page: its title (from `<title>` or the first `<h1>`) and its text,
/// one paragraph per line, blank lines between blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleText {
    pub title: Option<String>,
    pub text: String,
}

/// Elements whose content is never article text.
const DROPPED: [&str; 16] = [
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "nav",
    "form", "select", "button", "head", "aside", "footer",
];

/// Elements that end a line of text.
const BLOCKS: [&str; 28] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "main",
    "header",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "hr",
    "dd",
    "dt",
    "address",
];

pub fn article_text(html: &str) -> ArticleText {
    let title = element_text(html, "title").or_else(|| element_text(html, "h1"));
    let scope = inner_of(html, "article")
        .or_else(|| inner_of(html, "main"))
        .unwrap_or(html);
    ArticleText {
        title,
        text: text_of(scope),
    }
}

/// Whether `text` looks like HTML rather than prose that mentions a tag.
/// A page starts with markup, or is mostly paragraphs of it.
pub fn looks_like_html(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    let starts = [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<article",
        "<main",
        "<div",
        "<p>",
        "<p ",
        "<section",
        "<!--",
    ]
    .iter()
    .any(|t| lower.starts_with(t));
    let tags = ["<p>", "<p ", "</p>", "<div", "<br"]
        .iter()
        .map(|t| lower.matches(t).count())
        .sum::<usize>();
    starts || tags >= 4
}

/// The text of `html`, tags removed, blocks on their own lines.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut skipping: Option<String> = None;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skipping.is_none() {
                push_text(&mut out, rest);
            }
            break;
        };
        if skipping.is_none() {
            push_text(&mut out, &rest[..lt]);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(tag) = Tag::read(rest) else {
            // A lone "<" in text ("a < b").
            if skipping.is_none() {
                out.push('<');
            }
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.length..];
        match &skipping {
            Some(name) => {
                if tag.closing && tag.name == *name {
                    skipping = None;
                }
            }
            None => {
                if !tag.closing && !tag.self_closing && DROPPED.contains(&tag.name.as_str()) {
                    skipping = Some(tag.name.clone());
                } else if BLOCKS.contains(&tag.name.as_str()) {
                    end_line(
                        &mut out,
                        matches!(
                            tag.name.as_str(),
                            "p" | "div"
                                | "h1"
                                | "h2"
                                | "h3"
                                | "h4"
                                | "h5"
                                | "h6"
                                | "blockquote"
                                | "section"
                                | "article"
                                | "figure"
                                | "table"
                                | "ul"
                                | "ol"
                                | "pre"
                                | "header"
                        ),
                    );
                }
            }
        }
    }
    let lines: Vec<&str> = out.lines().map(str::trim).collect();
    let mut text = String::new();
    let mut blank = false;
    for line in lines {
        if line.is_empty() {
            blank = !text.is_empty();
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank { "\n\n" } else { "\n" });
        }
        text.push_str(line);
        blank = false;
    }
    text
}

fn push_text(out: &mut String, raw: &str) {
    let decoded = decode_entities(raw);
    for c in decoded.chars() {
        // HTML collapses runs of white space; line breaks come from the block elements.
        if c.is_whitespace() {
            if !out.ends_with([' ', '\n']) && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn end_line(out: &mut String, paragraph: bool) {
    while out.ends_with(' ') {
        out.pop();
    }
    out.push('\n');
    if paragraph {
        out.push('\n');
    }
}

/// A start or end tag at the start of `s`.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    /// Bytes the tag takes, `<` to `>`.
    length: usize,
}

impl Tag {
    fn read(s: &str) -> Option<Tag> {
        let body = s.strip_prefix('<')?;
        let (closing, body) = match body.strip_prefix('/') {
            Some(b) => (true, b),
            None => (false, body),
        };
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '!' || *c == '?')
            .collect();
        if name.is_empty() {
            return None;
        }
        // The tag ends at the first ">" outside a quoted attribute value.
        let mut quote: Option<char> = None;
        for (i, c) in s.char_indices().skip(1) {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    return Some(Tag {
                        name: name.to_ascii_lowercase(),
                        closing,
                        self_closing: s[..i].ends_with('/'),
                        length: i + 1,
                    });
                }
                _ => {}
            }
        }
        // Unterminated: the rest is the tag.
        Some(Tag {
            name: name.to_ascii_lowercase(),
            closing,
            self_closing: false,
            length: s.len(),
        })
    }
}

/// The text inside the first `<name …>…</name>` of `html`, if it has one.
fn inner_of<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let lower = html.to_ascii_lowercase();
    let open = find_tag(&lower, name)?;
    let start = open + Tag::read(&html[open..])?.length;
    let close = lower[start..]
        .rfind(&format!("</{name}"))
        .map_or(html.len(), |c| start + c);
    Some(&html[start..close])
}

fn find_tag(lower: &str, name: &str) -> Option<usize> {
    let pattern = format!("<{name}");
    let mut from = 0;
    while let Some(at) = lower[from..].find(&pattern) {
        let at = from + at;
        let next = lower[at + pattern.len()..].chars().next();
        if matches!(next, Some('>' | ' ' | '\t' | '\n' | '\r' | '/')) {
            return Some(at);
        }
        from = at + pattern.len();
    }
    None
}

fn element_text(html: &str, name: &str) -> Option<String> {
    let inner = inner_of(html, name)?;
    let lower = inner.to_ascii_lowercase();
    let end = lower.find(&format!("</{name}")).unwrap_or(inner.len());
    let text = text_of(&inner[..end]).replace('\n', " ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// Decodes the character references news pages use: named ones for punctuation and
/// Latin letters, and every numeric one. An unknown or malformed one stays as printed.
pub fn decode_entities(s: &str) -> String {
    const NAMED: [(&str, &str); 32] = [
        ("amp", "&"),
        ("lt", "<"),
        ("gt", ">"),
        ("quot", "\""),
        ("apos", "'"),
        ("nbsp", "\u{a0}"),
        ("rsquo", "’"),
        ("lsquo", "‘"),
        ("rdquo", "”"),
        ("ldquo", "“"),
        ("mdash", "—"),
        ("ndash", "–"),
        ("hellip", "…"),
        ("eacute", "é"),
        ("egrave", "è"),
        ("aacute", "á"),
        ("oacute", "ó"),
        ("iacute", "í"),
        ("uacute", "ú"),
        ("ccedil", "ç"),
        ("uuml", "ü"),
        ("ouml", "ö"),
        ("auml", "ä"),
        ("szlig", "ß"),
        ("copy", "©"),
        ("reg", "®"),
        ("trade", "™"),
        ("euro", "€"),
        ("pound", "£"),
        ("deg", "°"),
        ("middot", "·"),
        ("bull", "•"),
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(num, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .map(String::from)
            } else if let Some(num) = name.strip_prefix('#') {
                num.parse::<u32>()
                    .ok()
                    .and_then(char::from_u32)
                    .map(String::from)
            } else {
                NAMED
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                // A NUL or other control character from a reference is no text.
                out.extend(c.chars().filter(|c| !c.is_control() || c.is_whitespace()));
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_article_and_drops_the_furniture() {
        let page = r#"<!DOCTYPE html><html><head><title>Drones hit Kaluga &ndash; News</title><script>alert(1)</script><style>p{}</style></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Drones hit Kaluga</h1><p class="lede">Drones hit a depot in <b>Kaluga</b> region
overnight, the governor said.</p><figure><img src="x.jpg" onerror="alert(2)"><figcaption>A fire.</figcaption></figure>
<p>It was &ldquo;quickly extinguished.&rdquo; Officials&#8217; figures: 3&nbsp;hurt.<br>More later.</p>
<script>document.write('x')</script><form><button>Subscribe</button></form></article>
<footer>© 2025 News Ltd</footer></body></html>"#;
        let a = article_text(page);
        assert_eq!(a.title.as_deref(), Some("Drones hit Kaluga – News"));
        assert_eq!(
            a.text,
            "Drones hit Kaluga\n\nDrones hit a depot in Kaluga region overnight, the governor \
                said.\n\nA fire.\n\nIt was “quickly extinguished.” Officials’ figures: 3 \
                hurt.\nMore later."
        );
        assert!(looks_like_html(page));
        assert!(!looks_like_html(
            "Russia said on Tuesday that <p> tags are HTML."
        ));
    }

    #[test]
    fn markup_in_the_prose_stays_text_and_broken_markup_does_not_hang() {
        let a = article_text(
            "<p>Type &lt;script&gt;alert(1)&lt;/script&gt; to test.</p><p>1 < 2 and 3 > 2</p>",
        );
        assert_eq!(
            a.text,
            "Type <script>alert(1)</script> to test.\n\n1 < 2 and 3 > 2"
        );
        for broken in [
            "<",
            "<p",
            "<p class=\"a>b",
            "<!-- never closed",
            "<script>never closed",
            "&#xffffffff; &#0; &bogus; &",
            "<a href='x>y'>z</a>",
        ] {
            let _ = article_text(broken);
        }
        assert_eq!(decode_entities("&#0;a&#x41;&amp;&unknown;"), "aA&&unknown;");
    }

    #[test]
    fn without_an_article_element_the_body_is_the_text() {
        let a = article_text(
            "<html><body><h1>Title</h1><div>One</div><div>Two <i>three</i></div></body></html>",
        );
        assert_eq!(a.title.as_deref(), Some("Title"));
        assert_eq!(a.text, "Title\n\nOne\n\nTwo three");
    }
}
