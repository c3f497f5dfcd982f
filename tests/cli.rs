//! The command-line tool as a user runs it: bad lines are reported and skipped, the rest flow.

use std::io::Write;
use std::process::{Command, Stdio};

fn factmap(args: &[&str], stdin: &[u8]) -> (String, String, bool) {
    let (out, err, status) = factmap_status(args, stdin);
    (out, err, status == Some(0))
}

/// Runs factmap with `stdin` written from another thread (a big input must not wait for the
/// output to be read); stdout, stderr and the exit code.
fn factmap_status(args: &[&str], stdin: &[u8]) -> (String, String, Option<i32>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factmap"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("factmap runs");
    let mut input = child.stdin.take().unwrap();
    let out = std::thread::scope(|scope| {
        scope.spawn(move || {
            let _ = input.write_all(stdin);
        });
        child.wait_with_output().unwrap()
    });
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code(),
    )
}

#[test]
fn geoparse_reports_bad_lines_and_processes_the_others() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": 1, \"text\": \"Drones hit Obukhovo in Kaluga region.\"}\n");
    input.extend_from_slice(b"this is not json\n");
    input.extend_from_slice(b"{\"id\": \"empty\", \"text\": \"\"}\n");
    input.extend_from_slice(b"{\"id\": \"bytes\", \"text\": \"\xff\xfe\"}\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(
        "{\"id\": \"mixed\", \"text\": \"Москва и Moscow, 123 !!!\"}\n".as_bytes(),
    );
    input.extend_from_slice(b"{\"text\": \"no id\"}");
    let (out, err, ok) = factmap(&["geoparse"], &input);
    assert!(!ok, "a bad line makes the exit status a failure");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    let ids: Vec<String> = lines.iter().map(|l| l["id"].to_string()).collect();
    assert_eq!(ids, ["1", "\"empty\"", "\"mixed\""]);
    let first: Vec<&str> = lines[0]["toponyms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(first, ["Obukhovo", "Kaluga region"]);
    assert_eq!(lines[1]["toponyms"], serde_json::json!([]));
    let errors: Vec<&str> = err.lines().collect();
    assert_eq!(errors.len(), 3, "{err}");
    for (error, line) in errors.iter().zip(["line 2:", "line 4:", "line 7:"]) {
        assert!(error.starts_with(&format!("error: {line}")), "{error}");
    }
}

#[test]
fn export_writes_the_shipped_corpus_facts_as_geojson() {
    let (out, _, ok) = factmap(&["export"], b"");
    assert!(ok);
    let collection: geojson::FeatureCollection = out
        .parse::<geojson::GeoJson>()
        .expect("valid GeoJSON")
        .try_into()
        .unwrap();
    assert!(collection
        .features
        .iter()
        .any(|f| f.property("id").and_then(|v| v.as_str()) == Some("capture-sudzha-2025-03-12")));
}

/// What one input line of `factmap facts --jsonl` must give.
enum Expect {
    /// Facts, each source's excerpt one of these sentences of the text.
    Facts(&'static [&'static str]),
    /// An error line whose message starts so.
    Error(&'static str),
    /// No output line.
    Skipped,
}

/// The text of `value` (a JSON string) as a String.
fn string(value: &serde_json::Value) -> String {
    value.as_str().expect("a string").to_owned()
}

/// `text[span]` for a span `{"start", "end"}`, which must lie on char boundaries.
fn slice<'t>(text: &'t str, span: &serde_json::Value) -> &'t str {
    let (start, end) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    text.get(start..end)
        .unwrap_or_else(|| panic!("span {span} is not a slice of {text:?}"))
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every fact's sources cut `text` exactly: the excerpt is a sentence of it (with its own line
/// breaks where it runs across lines), the trigger, summary and site mention lie inside it,
/// and the summary is the fact's summary.
fn check_spans(
    id: &serde_json::Value,
    text: &str,
    facts: &[serde_json::Value],
    sentences: &[&str],
) {
    assert!(!facts.is_empty(), "{id}: no facts in {text:?}");
    for fact in facts {
        let first = &fact["sources"][0];
        assert_eq!(
            words(slice(text, &first["summary"])),
            words(fact["summary"].as_str().unwrap()),
            "{id}: {fact}"
        );
        for source in fact["sources"].as_array().unwrap() {
            let excerpt = slice(text, &source["excerpt"]);
            assert!(
                sentences
                    .iter()
                    .any(|s| *s == excerpt || words(s) == words(excerpt)),
                "{id}: excerpt {excerpt:?} is not a sentence of the text"
            );
            for key in ["trigger", "summary", "site_mention"] {
                if source[key].is_null() {
                    continue;
                }
                let part = slice(text, &source[key]);
                assert!(
                    !part.is_empty() && excerpt.contains(part),
                    "{id}: {key} {part:?} outside {excerpt:?}"
                );
            }
            if let Some(date_text) = source["date_text"].as_str() {
                assert!(
                    words(excerpt).contains(date_text),
                    "{id}: {date_text:?} not in {excerpt:?}"
                );
            }
        }
    }
}

#[test]
fn facts_jsonl_gives_one_line_per_article_and_an_error_line_per_bad_one() {
    let huge = format!(
        "{{\"id\": \"huge\", \"text\": \"{}\"}}",
        "Drones hit Kyiv. ".repeat(600_000)
    ); // 10 MB
    let sudzha = "Russian forces retook Sudzha on Wednesday, the Defense Ministry said.";
    let cases: Vec<(Vec<u8>, Expect)> = vec![
        (format!(r#"{{"id": 1, "text": "{sudzha}", "published": "2025-03-13", "headline": "Sudzha retaken", "url": "https://example.com/a", "extra": {{"ignored": [1, 2]}}}}"#).into_bytes(), Expect::Facts(&["Russian forces retook Sudzha on Wednesday, the Defense Ministry said."])),
        (b"   \t".to_vec(), Expect::Skipped),
        (b"this is not json".to_vec(), Expect::Error("not a JSON object")),
        (b"{\"id\": 2, \"text\": \"cut short".to_vec(), Expect::Error("invalid JSON")),
        (b"{\"id\": 3, \"text\": \"Drones hit Kyiv \xff\xfe.\"}".to_vec(), Expect::Error("not UTF-8")),
        (br#"{"text": "Drones hit Kyiv."}"#.to_vec(), Expect::Error("no \"id\"")),
        (br#"{"id": null, "text": "Drones hit Kyiv."}"#.to_vec(), Expect::Error("no \"id\"")),
        (br#"{"id": {"n": 4}, "text": "Drones hit Kyiv."}"#.to_vec(), Expect::Error("\"id\" must be a string or a number")),
        (br#"{"id": true, "text": "Drones hit Kyiv."}"#.to_vec(), Expect::Error("\"id\" must be a string or a number")),
        (br#"{"id": 1, "text": "Drones hit Kyiv."}"#.to_vec(), Expect::Error("the id 1 was used before, on line 1")),
        (br#"{"id": "no-text"}"#.to_vec(), Expect::Error("no \"text\"")),
        (br#"{"id": "text-number", "text": 12}"#.to_vec(), Expect::Error("\"text\" must be a string")),
        (br#"{"id": "empty", "text": ""}"#.to_vec(), Expect::Error("the text is empty")),
        (br#"{"id": "blank", "text": " \n\t "}"#.to_vec(), Expect::Error("the text is empty")),
        (br#"{"id": "bad-date", "text": "Drones hit Kyiv.", "published": "2025-02-30"}"#.to_vec(), Expect::Error("\"published\" is not a date")),
        (br#"{"id": "us-date", "text": "Drones hit Kyiv.", "published": "03/13/2025"}"#.to_vec(), Expect::Error("\"published\" is not a date")),
        (br#"{"id": "number-date", "text": "Drones hit Kyiv.", "published": 20250313}"#.to_vec(), Expect::Error("\"published\" must be a date string")),
        (huge.into_bytes(), Expect::Error("the text is 10.2 MB; an article can be at most 2 MB")),
        (b"".to_vec(), Expect::Skipped),
        // Spans are offsets into the text as given: after a byte-order mark, a headline line,
        // CRLF line breaks and a hard-wrapped paragraph the cleaner joins.
        (
            "{\"id\": \"wrapped\", \"text\": \"\u{feff}Kursk news\\r\\n\\r\\nUkrainian troops \
                withdrew from Sudzha\\r\\non Tuesday, officials said.\\r\\nRussian forces retook \
                Sudzha on Wednesday.\", \"published\": \"2025-03-13\"}".as_bytes().to_vec(),
            Expect::Facts(&["Ukrainian troops withdrew from Sudzha\r\non Tuesday, officials said.", "Russian forces retook Sudzha on Wednesday."]),
        ),
        // Two articles in one text (a dateline after body text starts the second): both
        // documents' spans index the one text.
        (
            br#"{"id": "two", "text": "Sudzha retaken\nUpdated 13 March 2025\n\nRussian forces retook Sudzha on Wednesday.\n\nKaluga attacked\nUpdated 3 February 2026\n\nDrones hit Obukhovo in Kaluga region on Monday, the governor said."}"#.to_vec(),
            Expect::Facts(&["Russian forces retook Sudzha on Wednesday.", "Drones hit Obukhovo in Kaluga region on Monday, the governor said."]),
        ),
        (br#"{"id": "after", "text": "Drones hit Kharkiv on Tuesday."}"#.to_vec(), Expect::Facts(&["Drones hit Kharkiv on Tuesday."])),
    ];
    let mut input = Vec::new();
    for (line, _) in &cases {
        input.extend_from_slice(line);
        input.push(b'\n');
    }
    let (out, err, status) = factmap_status(&["facts", "--jsonl", "--jobs", "2"], &input);
    assert_eq!(status, Some(1), "a bad line makes the exit status 1\n{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    let expected: Vec<(usize, &Vec<u8>, &Expect)> = cases
        .iter()
        .enumerate()
        .filter(|(_, (_, e))| !matches!(e, Expect::Skipped))
        .map(|(i, (l, e))| (i + 1, l, e))
        .collect();
    assert_eq!(
        lines.len(),
        expected.len(),
        "one output line per non-blank input line:\n{out}"
    );
    let mut errors = Vec::new();
    for (got, (number, line, expect)) in lines.iter().zip(&expected) {
        match expect {
            Expect::Error(why) => {
                assert_eq!(got["line"], *number, "{got}");
                let message = got["error"]
                    .as_str()
                    .unwrap_or_else(|| panic!("line {number}: an error line expected, got {got}"));
                assert!(
                    message.starts_with(why),
                    "line {number}: {message:?} does not start with {why:?}"
                );
                assert_eq!(got.as_object().unwrap().len(), 3, "{got}");
                errors.push(format!("error: line {number}: {message}"));
            }
            Expect::Facts(sentences) => {
                let given: serde_json::Value = serde_json::from_slice(line).unwrap();
                assert_eq!(got["id"], given["id"], "{got}");
                let text = string(&given["text"]);
                check_spans(
                    &got["id"],
                    &text,
                    got["facts"].as_array().expect("facts"),
                    sentences,
                );
                assert!(got["diagnostics"].is_array(), "{got}");
            }
            Expect::Skipped => unreachable!(),
        }
    }
    // Error lines say whose line it is when they can.
    assert_eq!(lines[8]["id"], 1);
    assert_eq!(lines[1]["id"], serde_json::Value::Null);
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        errors,
        "stderr says the same, with line numbers"
    );
    // The first line's headline and date are the article's.
    assert_eq!(
        lines[0]["facts"][0]["sources"][0]["published"],
        "2025-03-13"
    );
    assert_eq!(lines[0]["facts"][0]["date"], "2025-03-12");
    // The second article of "two" is a document of its own.
    let two = lines.iter().find(|l| l["id"] == "two").unwrap();
    let docs: Vec<&str> = two["facts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["sources"].as_array().unwrap())
        .map(|s| s["doc"].as_str().unwrap())
        .collect();
    assert!(docs.contains(&"two") && docs.contains(&"two-2"), "{docs:?}");
}

#[test]
fn facts_jsonl_is_the_same_on_one_thread_and_three() {
    let towns = [
        "Kharkiv", "Sudzha", "Odesa", "Kursk", "Dnipro", "Poltava", "Kyiv", "Sumy",
    ];
    let events = [
        "Russian drones hit {} on Tuesday, the governor said.",
        "Ukrainian forces withdrew from {} on Monday.",
        "Russian troops retook {} on Wednesday, the ministry claimed.",
        "Zelensky visited {} on Friday.",
    ];
    let mut input = String::new();
    let mut ids = Vec::new();
    for i in 0..40 {
        let town = towns[i % towns.len()];
        let text = format!(
            "{} Officials in {} said {} people were injured.",
            events[i % events.len()].replace("{}", town),
            towns[(i + 3) % towns.len()],
            i % 7 + 1
        );
        let id = if i % 5 == 0 {
            serde_json::json!(i)
        } else {
            serde_json::json!(format!("line-{i}"))
        };
        let published = if i % 3 == 0 {
            serde_json::Value::Null
        } else {
            serde_json::json!(format!("2025-03-{:02}", i % 28 + 1))
        };
        input.push_str(
            &serde_json::json!({ "id": id, "text": text, "published": published }).to_string(),
        );
        input.push('\n');
        ids.push(id);
        if i % 13 == 12 {
            input.push_str("{\"id\": \"broken\"\n");
            ids.push(serde_json::Value::Null);
        }
    }
    let (one, one_err, one_status) =
        factmap_status(&["facts", "--jsonl", "--jobs", "1"], input.as_bytes());
    let (three, three_err, three_status) =
        factmap_status(&["facts", "--jsonl", "--jobs=3"], input.as_bytes());
    assert_eq!(one_status, Some(1), "{one_err}");
    assert_eq!((three_status, &three_err), (one_status, &one_err));
    assert!(one == three, "--jobs 3 writes what --jobs 1 writes");
    let got: Vec<serde_json::Value> = one
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].clone())
        .collect();
    assert_eq!(got, ids, "output in input order");
    let with_facts = one
        .lines()
        .filter(|l| !l.contains("\"facts\":[]") && l.contains("\"facts\":"))
        .count();
    assert!(with_facts >= 30, "{with_facts} of 40 lines have facts");
}

#[test]
fn facts_jsonl_rejects_bad_options() {
    for args in [
        &["facts", "--jsonl", "--jobs", "0"][..],
        &["facts", "--jsonl", "--jobs"],
        &["facts", "--jsonl", "--jobs", "many"],
        &["facts", "--jsonl", "dir"],
    ] {
        let (out, err, status) = factmap_status(args, b"");
        assert_eq!(status, Some(2), "{args:?}: {err}");
        assert!(
            out.is_empty() && err.starts_with("error: "),
            "{args:?}: {err}"
        );
    }
    let (out, _, status) = factmap_status(&["facts", "--jsonl"], b"\n\n");
    assert_eq!(
        (out.as_str(), status),
        ("", Some(0)),
        "blank lines give nothing and are no failure"
    );
}

/// A village only a country shard holds is placed by the stream as by `facts DIR` and
/// `geoparse`: the three read one gazetteer, the world core and every shard.
#[test]
fn facts_jsonl_places_with_the_country_shards_as_facts_dir_does() {
    let text = "Two people were injured in a clash at Bagachra in Sharsha upazila on Friday.";
    let line = serde_json::json!({"id": "v", "text": text, "published": "2015-03-06"});
    let (out, err, ok) = factmap(&["facts", "--jsonl"], format!("{line}\n").as_bytes());
    assert!(ok, "{err}");
    let stream: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let site = |fact: &serde_json::Value| fact["sources"][0]["site"]["name"].clone();
    let streamed: Vec<_> = stream["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(site)
        .collect();
    // The clash and the injuries it caused, both at the village.
    assert!(
        !streamed.is_empty() && streamed.iter().all(|s| s == "Bagachra"),
        "{out}"
    );

    let dir = std::env::temp_dir().join(format!("factmap-cli-shards-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("v.txt"), format!("{text}\n")).unwrap();
    let manifest = r#"{"v": {"published": "2015-03-06", "date_note": "test"}}"#;
    std::fs::write(dir.join("manifest.json"), manifest).unwrap();
    let (out, err, ok) = factmap(&["facts", dir.to_str().unwrap()], b"");
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(ok, "{err}");
    let folder: serde_json::Value = serde_json::from_str(&out).unwrap();
    let from_folder: Vec<_> = folder["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(site)
        .collect();
    assert_eq!(from_folder, streamed);
}

/// `factmap precompute DIR` is what `make corpus-toponyms` runs: on a copy of `corpus/` it
/// writes the very files the site embeds, byte for byte (so a fork's added articles are
/// computed as the shipped ones were).
#[test]
fn precompute_writes_the_shipped_places_and_facts_for_a_copy_of_the_corpus() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let dir = std::env::temp_dir().join(format!("factmap-cli-precompute-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".txt") || name == "manifest.json" {
            std::fs::copy(&path, dir.join(&name)).unwrap();
        }
    }
    let (_, err, ok) = factmap(&["precompute", dir.to_str().unwrap()], b"");
    let written = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    let (toponyms, facts) = (written("toponyms.json"), written("facts.json"));
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(ok, "{err}");
    for (name, ours) in [("toponyms.json", toponyms), ("facts.json", facts)] {
        let shipped = std::fs::read_to_string(corpus.join(name)).unwrap();
        assert!(
            ours == shipped,
            "precompute's {name} differs from corpus/{name} ({} vs {} bytes)",
            ours.len(),
            shipped.len()
        );
    }
}

/// `synth --corpus` writes a folder a fork could publish: the other commands read it, with the
/// manifest's metadata, and a folder that already holds articles is refused.
#[test]
fn synth_writes_a_corpus_folder_the_other_commands_read() {
    let dir = std::env::temp_dir().join(format!("factmap-cli-synth-{}", std::process::id()));
    let texts = dir.with_extension("jsonl");
    std::fs::write(
        &texts,
        "{\"id\":\"a\",\"text\":\"Protesters marched in Lyon on Monday. Police watched.\",\"source\":\"Le Test\"}\n\
         {\"id\":\"b\",\"text\":\"A storm hit Manila. Roads were closed for a day.\"}\n",
    )
    .unwrap();
    let (dir_s, texts_s) = (dir.to_str().unwrap(), texts.to_str().unwrap());
    let (_, err, ok) = factmap(&["synth", "3", texts_s, "--corpus", dir_s], b"");
    let (listing, list_err, listed) = factmap(&["documents", dir_s, "--json"], b"");
    let again = factmap_status(&["synth", "3", texts_s, "--corpus", dir_s], b"");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_file(&texts).unwrap();
    assert!(ok, "{err}");
    assert_eq!(
        names,
        [
            "manifest.json",
            "synth-00001.txt",
            "synth-00002.txt",
            "synth-00003.txt"
        ]
    );
    assert!(listed, "{list_err}");
    let docs: serde_json::Value = serde_json::from_str(&listing).unwrap();
    let docs = docs.as_array().expect("a list of documents");
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0]["id"], "synth-00001");
    assert_eq!(docs[0]["outlet"], "Le Test");
    assert_eq!(docs[0]["published"], "2025-01-01");
    assert_eq!(
        again.2,
        Some(2),
        "a folder with articles is refused: {}",
        again.1
    );
}
