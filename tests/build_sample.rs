//! The main job on the shipped sample (`raw/`): run the binary, read the Parquet back.

mod common;

use arrow::array::AsArray;
use arrow::datatypes::{Int64Type, TimestampMicrosecondType};
use common::*;

struct Sample {
    docs: arrow::array::RecordBatch,
    sentences: arrow::array::RecordBatch,
    manifest: serde_json::Value,
}

fn build_sample() -> Sample {
    let out = tempfile::tempdir().unwrap();
    build(&project_dir().join("raw"), out.path(), &[]);
    Sample {
        docs: read_table(&out.path().join("documents")),
        sentences: read_table(&out.path().join("sentences")),
        manifest: serde_json::from_slice(&std::fs::read(out.path().join("manifest.json")).unwrap())
            .unwrap(),
    }
}

fn text_of(sample: &Sample, file: &str) -> String {
    let row = row_of(&sample.docs, "source_path", file);
    strings(&sample.docs, "text")[row].clone().unwrap()
}

#[test]
fn every_sample_becomes_a_french_document() {
    let sample = build_sample();
    assert_eq!(sample.docs.num_rows(), 5);
    assert_eq!(sample.manifest["counts"]["inputs"], 5);
    assert_eq!(sample.manifest["counts"]["documents"], 5);
    assert_eq!(sample.manifest["counts"]["rejected"], 0);
    for lang in strings(&sample.docs, "lang") {
        assert_eq!(lang.as_deref(), Some("fr"));
    }
    let ids = strings(&sample.docs, "doc_id");
    assert!(ids.iter().all(|id| id.as_ref().unwrap().len() == 32));
}

/// Boilerplate phrases of every kind the samples carry are gone from `text`.
#[test]
fn boilerplate_is_gone() {
    let sample = build_sample();
    let all_text = strings(&sample.docs, "text")
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n");
    for noise in [
        "Souscrivez",
        "Je souscris",
        "Il vous reste 75%",
        "Déjà abonné",
        "Se connecter",
        "Accéder au contenu principal",
        "Publicité",
        "Lire la suite",
        "Texte par",
        "2 mn",
        "À écouter aussi",
        "Newsletter",
        "Page non trouvée",
        "n'existe pas ou n'est plus disponible",
        "REUTERS/Stringer",
        "Getty Images",
        "Jonathan Alpeyrie",
        "StartFragment",
        "LIRE AUSSI",
        "lesechos.fr",
        "Source : les echos",
        "Serge Tateossian",
        "Avec AFP",
        "Je m'abonne",
        "Publié le",
        "Mis à jour",
        "](",
        "<!--",
        "\\",
    ] {
        assert!(!all_text.contains(noise), "{noise:?} is still in the text");
    }
}

/// Every paragraph of article text stays, including headings and a paywall-cut paragraph.
#[test]
fn article_text_stays() {
    let sample = build_sample();
    let courrier = text_of(&sample, "000_57ad8b96f0ee0fee.txt");
    assert!(courrier.starts_with(
        "Haut-Karabagh : le dilemme d’une intervention russe\n\nLe bombardement récent"
    ));
    assert!(courrier.ends_with("les autres États membres – Arménie,"));
    assert!(!courrier.contains("\nHaut-Karabagh\n"));
    // The source's non-breaking spaces are kept; compare with plain spaces.
    let echos = text_of(&sample, "003_f3b1cabb9cb03aef.txt").replace('\u{a0}', " ");
    for kept in [
        "Boycott arménien",
        "Camouflets diplomatiques",
        "Nouveaux protecteurs",
        "qui regroupe la Russie , l'Arménie",
    ] {
        assert!(echos.contains(kept), "{kept:?} was lost");
    }
    let rfi = text_of(&sample, "002_306239f032de055d.txt");
    assert_eq!(
        rfi.matches("Les combats ne baissent pas en intensité")
            .count(),
        1
    );
    let f24 = text_of(&sample, "004_da209c28aa551ef6.txt");
    assert!(f24.contains("Une version minimaliste du défunt pacte de Varsovie"));
    assert!(f24.ends_with("pour mater des émeutes\"."));
    let newsweek = text_of(&sample, "001_0dbcd493652374ec.txt");
    assert!(newsweek.contains("Semaine d’actualités a contacté"));
    assert!(newsweek.ends_with("au Haut-Karabakh."));
}

#[test]
fn metadata_of_the_samples() {
    let sample = build_sample();
    let docs = &sample.docs;
    let echos = row_of(docs, "source_path", "003_f3b1cabb9cb03aef.txt");
    assert_eq!(
        strings(docs, "title")[echos].as_deref(),
        Some("Après la débâcle du Haut-Karabakh, l'Arménie tourne le dos à Moscou")
    );
    assert_eq!(string_lists(docs, "authors")[echos], vec!["Hadrien Valat"]);
    assert_eq!(
        strings(docs, "publisher")[echos].as_deref(),
        Some("Les Echos")
    );
    let published = docs
        .column_by_name("published_at")
        .unwrap()
        .as_primitive::<TimestampMicrosecondType>();
    let date = chrono::DateTime::from_timestamp_micros(published.value(echos)).unwrap();
    assert_eq!(date.format("%Y-%m-%d").to_string(), "2023-11-22");

    let courrier = row_of(docs, "source_path", "000_57ad8b96f0ee0fee.txt");
    let truncated = docs.column_by_name("is_truncated").unwrap().as_boolean();
    assert!(truncated.value(courrier));
    assert_eq!((0..5).filter(|&i| truncated.value(i)).count(), 1);
    assert_eq!(
        strings(docs, "publisher")[courrier].as_deref(),
        Some("Le Courrier de Russie")
    );

    let rfi = row_of(docs, "source_path", "002_306239f032de055d.txt");
    assert_eq!(strings(docs, "publisher")[rfi].as_deref(), Some("RFI"));
    assert_eq!(string_lists(docs, "authors")[rfi], vec!["Paul Gogo"]);
    let f24 = row_of(docs, "source_path", "004_da209c28aa551ef6.txt");
    assert_eq!(
        strings(docs, "publisher")[f24].as_deref(),
        Some("France 24")
    );
    // No title line in these two: the title stays null rather than guessed.
    let newsweek = row_of(docs, "source_path", "001_0dbcd493652374ec.txt");
    assert_eq!(strings(docs, "title")[newsweek], None);
    assert_eq!(strings(docs, "title")[f24], None);
}

#[test]
fn removals_name_their_rule_and_the_manifest_counts_them() {
    let sample = build_sample();
    let mut total = 0;
    for doc in removals(&sample.docs) {
        for (rule_id, text) in doc {
            assert!(!rule_id.is_empty() && !text.is_empty());
            total += 1;
        }
    }
    let counted: u64 = sample.manifest["stages"]["removed_by_rule"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(total, counted);
    assert!(
        sample.manifest["stages"]["removed_by_rule"]["fr.paywall.remaining"]
            .as_u64()
            .unwrap()
            >= 1
    );
}

/// French abbreviations do not end sentences, and offsets slice the document text.
#[test]
fn sentences_slice_the_text() {
    let sample = build_sample();
    let doc_ids = strings(&sample.docs, "doc_id");
    let texts = strings(&sample.docs, "text");
    let sentence_doc = strings(&sample.sentences, "doc_id");
    let sentence_text = strings(&sample.sentences, "text");
    let start = sample
        .sentences
        .column_by_name("char_start")
        .unwrap()
        .as_primitive::<Int64Type>();
    let end = sample
        .sentences
        .column_by_name("char_end")
        .unwrap()
        .as_primitive::<Int64Type>();
    let n_sentences = sample
        .docs
        .column_by_name("n_sentences")
        .unwrap()
        .as_primitive::<Int64Type>();
    assert_eq!(
        sample.sentences.num_rows() as i64,
        n_sentences.values().iter().sum::<i64>()
    );
    for i in 0..sample.sentences.num_rows() {
        let d = doc_ids
            .iter()
            .position(|id| *id == sentence_doc[i])
            .unwrap();
        let chars: Vec<char> = texts[d].as_ref().unwrap().chars().collect();
        let slice: String = chars[start.value(i) as usize..end.value(i) as usize]
            .iter()
            .collect();
        assert_eq!(Some(slice), sentence_text[i]);
    }
    let all: Vec<String> = sentence_text.into_iter().flatten().collect();
    assert!(all.iter().any(|s| s
        .replace('\u{a0}', " ")
        .contains("Nikol Pachinian ne se rendra pas à Minsk")));
    for s in &all {
        assert!(
            !s.ends_with(" M.") && !s.ends_with(" nov.") && !s.ends_with("J.-C."),
            "bad split: {s}"
        );
    }
}

#[test]
fn parquet_is_written_for_analysis() {
    use parquet::basic::{Compression, Encoding};
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let out = tempfile::tempdir().unwrap();
    build(&project_dir().join("raw"), out.path(), &[]);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
    for (table, plain, with_dictionary) in [
        ("documents", "text", "lang"),
        ("sentences", "text", "doc_id"),
    ] {
        let file = std::fs::File::open(out.path().join(table).join("part-00000.parquet")).unwrap();
        let reader = SerializedFileReader::new(file).unwrap();
        let metadata = reader.metadata();
        let key_values: std::collections::BTreeMap<String, String> = metadata
            .file_metadata()
            .key_value_metadata()
            .unwrap()
            .iter()
            .map(|kv| (kv.key.clone(), kv.value.clone().unwrap_or_default()))
            .collect();
        assert_eq!(key_values["corpusmill.version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(
            key_values["corpusmill.config_hash"],
            manifest["config_hash"].as_str().unwrap()
        );
        assert!(key_values.contains_key("corpusmill.schema_version"));
        let row_group = metadata.row_group(0);
        let column = |name: &str| {
            (0..row_group.num_columns())
                .map(|i| row_group.column(i))
                .find(|c| c.column_path().string() == name)
                .unwrap()
        };
        for i in 0..row_group.num_columns() {
            let chunk = row_group.column(i);
            assert!(
                matches!(chunk.compression(), Compression::ZSTD(_)),
                "{table}"
            );
            assert!(chunk.statistics().is_some(), "{table}: no statistics");
        }
        let encodings = |name: &str| column(name).encodings().collect::<Vec<_>>();
        assert!(
            !encodings(plain).contains(&Encoding::RLE_DICTIONARY),
            "{table}.{plain}"
        );
        assert!(
            encodings(with_dictionary).contains(&Encoding::RLE_DICTIONARY),
            "{table}.{with_dictionary}"
        );
    }
}
