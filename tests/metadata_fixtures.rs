//! Metadata against the team's dev set: rebuild the raw documents from `tests/data/clean/*.ann`,
//! run `corpusmill build` on them, and score each field against the gold `*.meta.json`.

mod common;

use arrow::array::{AsArray, RecordBatch};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use common::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// Per-field minimum precision and recall, set from measurement on the dev set (see README).
/// `title` (the cleaner's headline) and `is_truncated` (its paywall rules) come from the
/// boilerplate packs together with the metadata rules.
const TARGETS: &[(&str, f64, f64)] = &[
    ("title", 0.9, 0.9),
    ("authors", 0.9, 0.9),
    ("publisher", 0.9, 0.9),
    ("url", 0.9, 0.9),
    ("published_at", 0.9, 0.9),
    ("updated_at", 0.9, 0.9),
    ("is_truncated", 0.9, 0.9),
];

/// Floors on the probe set (`tests/data/probe`), set from measurement on 2026-12-04 with the
/// seventh set in (docs/cleaning.md; its captions and decks taken for headlines brought titles
/// down to 0.910, its unread bylines author recall to 0.890) and the ninth (url recall 0.949 = 37/39:
/// two links of the fifth set no rule reads); publisher raised with the tenth (0.907 / 0.880)
/// and the eleventh (0.916 / 0.894), title and updated with the eleventh (0.930 / 0.927, 1.0 /
/// 0.966); all but `updated_at` raised on 2026-12-05 with the twelfth set in (360 pages: title
/// 0.933, authors 0.992 / 0.939, publisher 0.920 / 0.900, url 1.0 / 0.962, published 0.973 /
/// 0.967, truncation 1.0 / 0.963); all but url and published raised with the thirteenth set in
/// (390 pages: title 0.949, authors 0.992 / 0.944, publisher 0.924 / 0.905, updated 1.0 /
/// 0.977, truncation 1.0 / 0.989); title, authors, publisher and published raised with the
/// fourteenth (420 pages: title 0.955, authors 0.993 / 0.948, publisher 0.927 / 0.910, published
/// 0.976 / 0.974), and held with the fifteenth (450 pages: title 0.953, authors 0.991 / 0.949,
/// publisher 0.932 / 0.916, url 1.0 / 0.971, published 0.978 / 0.976, updated 1.0 / 0.980,
/// truncation 1.0 / 0.991), and with the sixteenth (480 pages: title 0.954, authors 0.992 /
/// 0.942, publisher 0.932 / 0.917, url 1.0 / 0.961, published 0.975 / 0.973, updated 0.995 /
/// 0.977, truncation 1.0 / 0.992);
/// `TARGETS` is where they must rise to.
const PROBE_FLOORS: &[(&str, f64, f64)] = &[
    ("title", 0.95, 0.95),
    ("authors", 0.98, 0.94),
    ("publisher", 0.92, 0.90),
    ("url", 0.95, 0.95),
    ("published_at", 0.97, 0.97),
    ("updated_at", 0.97, 0.97),
    ("is_truncated", 0.98, 0.98),
];

/// The raw document an `.ann` file describes: tag and TAB dropped, ⟦ ⟧ marks deleted.
fn raw_from_ann(ann: &str) -> String {
    let mut raw = String::new();
    for line in ann.split('\n') {
        let content = match line.split_once('\t') {
            Some((tag, rest)) if tag.chars().count() == 1 => rest,
            _ => line,
        };
        raw.push_str(&content.replace(['⟦', '⟧'], ""));
        raw.push('\n');
    }
    raw.pop();
    raw
}

#[derive(Default)]
struct Score {
    predicted: usize,
    gold: usize,
    correct_predicted: usize,
    correct_gold: usize,
    errors: Vec<String>,
}

impl Score {
    fn precision(&self) -> f64 {
        ratio(self.correct_predicted, self.predicted)
    }
    fn recall(&self) -> f64 {
        ratio(self.correct_gold, self.gold)
    }

    /// One optional value: predicted when not null, gold when not null, correct when equal.
    fn add(&mut self, doc: &str, predicted: Option<String>, gold: Option<String>, same: bool) {
        self.predicted += predicted.is_some() as usize;
        self.gold += gold.is_some() as usize;
        let hit = same && predicted.is_some() && gold.is_some();
        self.correct_predicted += hit as usize;
        self.correct_gold += hit as usize;
        if !same || predicted.is_some() != gold.is_some() {
            self.errors
                .push(format!("{doc}: got {predicted:?}, gold {gold:?}"));
        }
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        1.0
    } else {
        n as f64 / d as f64
    }
}

/// Microseconds (a zone-less time is stored as UTC) against a gold ISO value: a date compares
/// by date, a time without an offset as local time, a time with an offset as an instant.
fn same_instant(micros: i64, gold: &str) -> bool {
    let utc = DateTime::from_timestamp_micros(micros).unwrap();
    if let Ok(date) = NaiveDate::parse_from_str(gold, "%Y-%m-%d") {
        return utc.date_naive() == date;
    }
    if let Ok(local) = NaiveDateTime::parse_from_str(gold, "%Y-%m-%dT%H:%M:%S") {
        return utc.naive_utc() == local;
    }
    DateTime::parse_from_rfc3339(gold)
        .unwrap_or_else(|e| panic!("gold date {gold:?}: {e}"))
        .timestamp_micros()
        == micros
}

fn bools(batch: &RecordBatch, column: &str) -> Vec<bool> {
    let array = batch.column_by_name(column).unwrap().as_boolean();
    (0..array.len()).map(|i| array.value(i)).collect()
}

fn gold_string(gold: &Value, key: &str) -> Option<String> {
    gold[key].as_str().map(str::to_string)
}

#[test]
fn metadata_matches_the_dev_set() {
    score_metadata("tests/data/clean", 40, TARGETS);
}

/// The probe set (`tests/data/probe`, news page dumps written without the rules): floors from
/// measurement, so a change that loses ground on pages nobody tuned on fails.
#[test]
fn metadata_holds_its_ground_on_the_probe_set() {
    score_metadata("tests/data/probe", 860, PROBE_FLOORS);
}

/// Builds the annotated documents of `folder` and scores each metadata field against `targets`.
fn score_metadata(folder: &str, min_docs: usize, targets: &[(&str, f64, f64)]) {
    let data = project_dir().join(folder);
    let raw = tempfile::tempdir().unwrap();
    let mut golds = BTreeMap::new();
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let Some(source_name) = name.strip_suffix(".ann") else {
            continue;
        };
        let ann = std::fs::read_to_string(&path).unwrap();
        std::fs::write(raw.path().join(source_name), raw_from_ann(&ann)).unwrap();
        let stem = source_name.split('.').next().unwrap();
        let gold: Value = serde_json::from_str(
            &std::fs::read_to_string(data.join(format!("{stem}.meta.json"))).unwrap(),
        )
        .unwrap();
        golds.insert(source_name.to_string(), gold);
    }
    assert!(
        golds.len() >= min_docs,
        "{folder} has {} documents",
        golds.len()
    );

    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("out");
    build(raw.path(), &output, &[]);
    let docs = read_table(&output.join("documents"));
    let paths = strings(&docs, "source_path");
    let titles = strings(&docs, "title");
    let publishers = strings(&docs, "publisher");
    let urls = strings(&docs, "url");
    let authors = string_lists(&docs, "authors");
    let published = timestamps(&docs, "published_at");
    let updated = timestamps(&docs, "updated_at");
    let truncated = bools(&docs, "is_truncated");

    let mut scores: BTreeMap<&str, Score> = BTreeMap::new();
    for (source_name, gold) in &golds {
        let Some(row) = paths.iter().position(|p| p.as_deref() == Some(source_name)) else {
            // A document rejected as empty (an error page) has no metadata to score.
            let score = scores.entry("title").or_default();
            score.add(source_name, None, gold_string(gold, "title"), true);
            continue;
        };
        let doc = source_name.as_str();
        for (field, predicted) in [
            ("title", &titles[row]),
            ("publisher", &publishers[row]),
            ("url", &urls[row]),
        ] {
            let gold_value = gold_string(gold, field);
            let same = predicted == &gold_value;
            scores
                .entry(field)
                .or_default()
                .add(doc, predicted.clone(), gold_value, same);
        }
        for (field, predicted) in [
            ("published_at", published[row]),
            ("updated_at", updated[row]),
        ] {
            let gold_value = gold_string(gold, field);
            let same = match (predicted, &gold_value) {
                (Some(micros), Some(g)) => same_instant(micros, g),
                (None, None) => true,
                _ => false,
            };
            let shown = predicted.map(|m| {
                DateTime::from_timestamp_micros(m)
                    .unwrap()
                    .format("%Y-%m-%dT%H:%M:%SZ")
                    .to_string()
            });
            scores
                .entry(field)
                .or_default()
                .add(doc, shown, gold_value, same);
        }
        let gold_authors: Vec<String> = gold["authors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_string())
            .collect();
        let score = scores.entry("authors").or_default();
        score.predicted += authors[row].len();
        score.gold += gold_authors.len();
        score.correct_predicted += authors[row]
            .iter()
            .filter(|a| gold_authors.contains(a))
            .count();
        score.correct_gold += gold_authors
            .iter()
            .filter(|a| authors[row].contains(a))
            .count();
        if authors[row] != gold_authors {
            score.errors.push(format!(
                "{doc}: got {:?}, gold {gold_authors:?}",
                authors[row]
            ));
        }
        let gold_truncated = gold["is_truncated"].as_bool().unwrap();
        let score = scores.entry("is_truncated").or_default();
        score.add(
            doc,
            truncated[row].then(|| "true".to_string()),
            gold_truncated.then(|| "true".to_string()),
            truncated[row] == gold_truncated,
        );
    }

    let mut failures = Vec::new();
    println!(
        "{:<14} {:>9} {:>9} {:>6} {:>6}",
        "field", "precision", "recall", "pred", "gold"
    );
    for (field, min_precision, min_recall) in targets {
        let score = &scores[field];
        println!(
            "{field:<14} {:>9.3} {:>9.3} {:>6} {:>6}",
            score.precision(),
            score.recall(),
            score.predicted,
            score.gold
        );
        for error in &score.errors {
            println!("    {field}: {error}");
        }
        if score.precision() < *min_precision || score.recall() < *min_recall {
            failures.push(format!(
                "{field}: precision {:.3} (min {min_precision}), recall {:.3} (min {min_recall})",
                score.precision(),
                score.recall()
            ));
        }
    }
    assert!(failures.is_empty(), "below target: {failures:#?}");
}

#[test]
fn ann_lines_rebuild_the_raw_text() {
    let ann = "K\tTitle line\nM\tPar Jean Dupont⟦Suivre⟧\n\nD\tPublicité";
    assert_eq!(
        raw_from_ann(ann),
        "Title line\nPar Jean DupontSuivre\n\nPublicité"
    );
}
