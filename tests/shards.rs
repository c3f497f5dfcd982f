//! A sharded corpus (src/shards.rs) over the shipped articles: the index round-trips, each
//! shard is named by the hash of its bytes, an article cleaned from its shard is the embedded
//! one, and every sentence and fact excerpt a marker's panel quotes is in its place's shard,
//! verbatim.

use factmap::corpus::{self, Manifest};
use factmap::facts;
use factmap::geoparse;
use factmap::packed;
use factmap::places;
use factmap::shards::{self, ArticleShard, DocumentsShard, FactSummary, PlaceShard, ShardIndex};
use sha2::{Digest, Sha256};

fn published() -> (corpus::Corpus, shards::Published) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    let manifest =
        Manifest::from_json(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let corpus = corpus::shipped();
    let toponyms = geoparse::shipped_toponyms().unwrap();
    let facts = facts::shipped_facts().unwrap();
    let published = shards::publish(&files, &manifest, &corpus, &toponyms, &facts);
    (corpus, published)
}

fn shard<'a>(published: &'a shards::Published, name: &str) -> &'a [u8] {
    &published
        .shards
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} is written"))
        .1
}

#[test]
fn the_index_round_trips_and_its_shards_list_every_document_and_fact() {
    let (corpus, published) = published();
    let index: ShardIndex = packed::from_bytes(&published.index).expect("the index reads");
    assert_eq!(packed::to_bytes(&index).unwrap(), published.index);
    // The index holds the first page of documents; its documents' shard holds them all.
    let all: DocumentsShard =
        shards::read_shard(Some(shard(&published, &index.documents_shard))).unwrap();
    assert_eq!(index.document_count as usize, corpus.documents.len());
    assert_eq!(
        index.documents,
        all.documents[..corpus.documents.len().min(shards::FIRST_PAGE)]
    );
    let ids: Vec<&str> = all.documents.iter().map(|d| d.id.as_str()).collect();
    let want: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, want);
    for (entry, doc) in all.documents.iter().zip(&corpus.documents) {
        assert_eq!(
            (&entry.headline, &entry.outlet, entry.published),
            (&doc.headline, &doc.outlet, doc.published)
        );
    }
    // The places the map draws are map_places', with how many documents name each and the
    // colour the whole facts give it.
    let toponyms = geoparse::shipped_toponyms().unwrap();
    let facts = facts::shipped_facts().unwrap();
    let places = places::map_places(&corpus, &toponyms);
    assert_eq!(index.places.len(), places.len());
    for (entry, place) in index.places.iter().zip(&places) {
        let drawn = entry.to_map_place();
        assert_eq!(
            (drawn.geonameid, &drawn.name, drawn.precision),
            (place.geonameid, &place.name, place.precision)
        );
        // Where the gazetteer puts it, to its hundred-thousandth of a degree.
        assert!((drawn.lat - place.lat).abs() <= 0.5e-5 && (drawn.lon - place.lon).abs() <= 0.5e-5);
        assert_eq!(drawn.article_count(), place.article_count());
        assert_eq!(
            entry.kind,
            facts.main_kind_at(place.geonameid, &Default::default())
        );
    }
    assert!(!index.places.is_empty());
    // The filter's counts before it is used; the facts' shard has them all, without words.
    assert_eq!(index.summary, FactSummary::of(&facts));
    assert_eq!(index.summary.total as usize, facts.facts.len());
    let slim: facts::Facts =
        shards::read_shard(Some(shard(&published, &index.facts_shard))).unwrap();
    let want: Vec<_> = facts.facts.iter().map(shards::slim).collect();
    assert_eq!(slim.facts, want);
    assert!(slim.facts.iter().all(|f| f.summary.is_empty()));
    assert_eq!(slim.flags, facts.flags);
    // Not a word of any text.
    let body = corpus.documents[0].blocks.last().unwrap().span;
    let words = corpus.documents[0].slice(body);
    assert!(!String::from_utf8_lossy(&published.index).contains(words));
}

#[test]
fn a_missing_or_damaged_index_shard_is_said_not_a_panic() {
    let (_, published) = published();
    let index: ShardIndex = packed::from_bytes(&published.index).unwrap();
    let missing = shards::read_shard::<DocumentsShard>(None).unwrap_err();
    assert_eq!(missing, "it is missing");
    let bytes = shard(&published, &index.documents_shard);
    for cut in [0, 3, bytes.len() / 2, bytes.len() - 1] {
        let why = shards::read_shard::<DocumentsShard>(Some(&bytes[..cut])).unwrap_err();
        assert!(why.starts_with("it is damaged ("), "{why}");
        assert!(shards::read_shard::<facts::Facts>(Some(&bytes[..cut])).is_err());
    }
    // A shard of another kind is not taken for this one.
    let facts = shard(&published, &index.facts_shard);
    assert!(shards::read_shard::<DocumentsShard>(Some(facts)).is_err());
}

#[test]
fn each_shard_is_named_by_the_hash_of_its_bytes() {
    let (corpus, published) = published();
    assert!(published.shards.len() > corpus.documents.len());
    for (name, bytes) in &published.shards {
        let hex: String = Sha256::digest(bytes)[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(name, &format!("shards/{hex}.bin"));
        assert_eq!(name, &shards::shard_name(bytes));
    }
    // A changed byte is another name.
    let (_, bytes) = &published.shards[0];
    let mut changed = bytes.clone();
    *changed.last_mut().unwrap() ^= 1;
    assert_ne!(shards::shard_name(&changed), published.shards[0].0);
}

#[test]
fn an_article_cleaned_from_its_shard_is_the_embedded_one() {
    let (corpus, published) = published();
    let index: ShardIndex = packed::from_bytes(&published.index).unwrap();
    let toponyms = geoparse::shipped_toponyms().unwrap();
    for entry in &index.documents {
        let article: ArticleShard =
            packed::from_bytes(shard(&published, &entry.shard)).expect("the shard reads");
        let documents = article.documents();
        let at = article.ids.iter().position(|id| *id == entry.id).unwrap();
        let (doc, embedded) = (&documents[at], corpus.document(&entry.id).unwrap());
        assert_eq!(doc.id, embedded.id);
        assert_eq!(doc.text, embedded.text);
        assert_eq!(doc.headline, embedded.headline);
        assert_eq!(doc.headline_source, embedded.headline_source);
        assert_eq!(doc.date_source, embedded.date_source);
        assert_eq!(doc.published, embedded.published);
        assert_eq!(doc.sentences, embedded.sentences);
        assert_eq!(doc.removed, embedded.removed);
        assert_eq!(
            Some(&article.toponyms[at]),
            toponyms.get(&entry.id),
            "{}'s toponyms travel with it",
            entry.id
        );
    }
}

#[test]
fn every_quoted_sentence_and_fact_excerpt_is_in_its_places_shard_verbatim() {
    let (corpus, published) = published();
    let index: ShardIndex = packed::from_bytes(&published.index).unwrap();
    let toponyms = geoparse::shipped_toponyms().unwrap();
    let facts = facts::shipped_facts().unwrap();
    let mut quoted = 0;
    for place in places::map_places(&corpus, &toponyms) {
        let entry = index
            .places
            .iter()
            .find(|p| p.geonameid == place.geonameid)
            .unwrap();
        let shard: PlaceShard = packed::from_bytes(shard(&published, &entry.shard)).unwrap();
        assert_eq!(shard.geonameid, place.geonameid);
        // The facts placed there, whole; the index has them without their words.
        let here: Vec<_> = facts
            .facts
            .iter()
            .filter(|f| f.geonameid() == Some(place.geonameid))
            .cloned()
            .collect();
        assert_eq!(shard.facts, here);
        for source in &place.sources {
            let doc = corpus.document(&source.doc).unwrap();
            let from = shard.sources.iter().find(|s| s.doc == source.doc).unwrap();
            assert_eq!(from.excerpts, source.excerpts);
            // Headed as the lists head it, with its article's shard: one fetch to read it.
            assert_eq!(
                (&from.headline, &from.outlet, from.published),
                (&doc.headline, &doc.outlet, doc.published)
            );
            assert!(published.shards.iter().any(|(n, _)| *n == from.shard));
            for e in &source.excerpts {
                assert_eq!(from.slice(e.span), Some(doc.slice(e.span)));
                quoted += 1;
            }
        }
        for fact in facts
            .facts
            .iter()
            .filter(|f| f.geonameid() == Some(place.geonameid))
        {
            for s in &fact.sources {
                let doc = corpus.document(&s.doc).unwrap();
                let from = shard.sources.iter().find(|x| x.doc == s.doc).unwrap();
                assert_eq!(from.slice(s.excerpt), Some(doc.slice(s.excerpt)));
                quoted += 1;
            }
        }
    }
    assert!(quoted > 100, "{quoted} excerpts checked");
}

#[test]
fn a_damaged_shard_is_an_error_not_a_panic() {
    let (_, published) = published();
    let (_, bytes) = &published.shards[0];
    for cut in [0, 3, bytes.len() / 2, bytes.len() - 1] {
        assert!(packed::from_bytes::<ArticleShard>(&bytes[..cut]).is_err());
        assert!(packed::from_bytes::<PlaceShard>(&bytes[..cut]).is_err());
    }
}
