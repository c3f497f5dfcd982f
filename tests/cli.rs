//! The command-line tool as a user runs it: bad lines are reported and skipped, the rest flow.

use std::io::Write;
use std::process::{Command, Stdio};

fn factmap(args: &[&str], stdin: &[u8]) -> (String, String, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factmap")).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("factmap runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.success())
}

#[test]
fn geoparse_reports_bad_lines_and_processes_the_others() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": 1, \"text\": \"Drones hit Obukhovo in Kaluga region.\"}\n");
    input.extend_from_slice(b"this is not json\n");
    input.extend_from_slice(b"{\"id\": \"empty\", \"text\": \"\"}\n");
    input.extend_from_slice(b"{\"id\": \"bytes\", \"text\": \"\xff\xfe\"}\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice("{\"id\": \"mixed\", \"text\": \"Москва и Moscow, 123 !!!\"}\n".as_bytes());
    input.extend_from_slice(b"{\"text\": \"no id\"}");
    let (out, err, ok) = factmap(&["geoparse"], &input);
    assert!(!ok, "a bad line makes the exit status a failure");
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).expect("each output line is JSON")).collect();
    let ids: Vec<String> = lines.iter().map(|l| l["id"].to_string()).collect();
    assert_eq!(ids, ["1", "\"empty\"", "\"mixed\""]);
    let first: Vec<&str> = lines[0]["toponyms"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
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
    let collection: geojson::FeatureCollection = out.parse::<geojson::GeoJson>().expect("valid GeoJSON").try_into().unwrap();
    assert!(collection.features.iter().any(|f| f.property("id").and_then(|v| v.as_str()) == Some("capture-sudzha-2025-03-12")));
}
