//! Places → map layers over the shipped corpus: one place per gazetteer place, every article
//! that names it, verbatim excerpts.

use factmap::corpus;
use factmap::geoparse::{self, Precision};
use factmap::places::{self, MapPlace};

fn shipped() -> (corpus::Corpus, Vec<MapPlace>) {
    let corpus = corpus::shipped();
    let toponyms = geoparse::shipped_toponyms().expect("corpus/toponyms.json reads");
    let places = places::map_places(&corpus, &toponyms);
    (corpus, places)
}

#[test]
fn sudzha_is_one_point_with_every_article_that_names_it() {
    let (corpus, places) = shipped();
    let sudzha = places
        .iter()
        .find(|p| p.name == "Sudzha")
        .expect("Sudzha is on the map");
    assert_eq!(
        (sudzha.geonameid, sudzha.precision, sudzha.admin1.as_deref()),
        (486816, Precision::Point, Some("RU.41"))
    );
    // Every document whose text says "Sudzha" is a source, and no other.
    let naming: Vec<&str> = corpus
        .documents
        .iter()
        .filter(|d| d.text.contains("Sudzha"))
        .map(|d| d.id.as_str())
        .collect();
    let sources: Vec<&str> = sudzha.sources.iter().map(|s| s.doc.as_str()).collect();
    assert_eq!(sources, naming);
    assert_eq!(sudzha.label(), format!("Sudzha, {} articles", naming.len()));
    for source in &sudzha.sources {
        let doc = corpus.document(&source.doc).unwrap();
        for excerpt in &source.excerpts {
            assert!(!excerpt.mentions.is_empty());
            for m in &excerpt.mentions {
                assert!(excerpt.span.contains(*m), "mention inside its excerpt");
                assert_eq!(doc.slice(*m), "Sudzha");
            }
            assert!(doc.slice(excerpt.span).contains("Sudzha"));
        }
    }
}

#[test]
fn regions_are_areas_and_demonyms_or_ambiguous_names_are_not_places() {
    let (_, places) = shipped();
    let kursk = places
        .iter()
        .find(|p| p.admin1.as_deref() == Some("RU.41") && p.precision == Precision::Admin1)
        .expect("Kursk Oblast");
    assert!(!kursk.is_point());
    assert!(places
        .iter()
        .all(|p| p.name != "Russian" && p.name != "Ukrainian"));
    // One entry per place, however spelled.
    let mut ids: Vec<u32> = places.iter().map(|p| p.geonameid).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), places.len());
    // Most-named first.
    assert!(places
        .windows(2)
        .all(|w| w[0].article_count() >= w[1].article_count()));
}

#[test]
fn far_places_go_to_insets() {
    let (_, places) = shipped();
    let (near, far) = places::split_far(&places, 1500.0);
    let names = |v: &[&MapPlace]| {
        v.iter()
            .filter(|p| p.is_point())
            .map(|p| p.name.clone())
            .collect::<Vec<_>>()
    };
    let (near, far) = (names(&near), names(&far));
    for name in ["Sudzha", "Moscow", "Kyiv", "Odesa", "Kharkiv"] {
        assert!(near.contains(&name.to_owned()), "{name} near: {near:?}");
    }
    for name in ["Jeddah", "Washington"] {
        assert!(far.contains(&name.to_owned()), "{name} far: {far:?}");
    }
}
