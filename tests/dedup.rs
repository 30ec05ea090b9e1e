//! Near-duplicate labels: measured against the exact word 5-gram Jaccard of the cleaned texts
//! on copies, syndicated variants and hard negatives made from real article bodies (WCXB dev,
//! CC-BY-4.0, tests/data/quality), and kept or dropped as the config says.

mod common;

use arrow::array::{Array, AsArray};
use common::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use unicode_segmentation::UnicodeSegmentation;

const THRESHOLD: f64 = 0.8;

/// The article bodies of the WCXB dev set, in file order.
fn bodies() -> Vec<String> {
    let text =
        std::fs::read_to_string(project_dir().join("tests/data/quality/wcxb_dev_bodies.jsonl"))
            .unwrap();
    text.lines()
        .map(|line| {
            serde_json::from_str::<serde_json::Value>(line).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

const DATELINES: &[&str] = &[
    "LONDON (Reuters) - ",
    "PARIS, June 3 (AFP) - ",
    "NEW YORK (AP) — ",
    "BERLIN (dpa) - ",
];
const FOOTERS: &[&str] = &[
    "Copyright 2026 The Daily Example. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Sign up for our morning newsletter to get the day's top stories delivered to your inbox every weekday.",
    "Reporting by staff writers; editing by the news desk. Our standards: the Trust Principles.",
];

/// Inputs for the quality test: every body as an original; for some, an exact copy, a
/// syndicated variant (new headline, dateline, a dropped paragraph, a site footer), a
/// corrected version, and hard negatives sharing only the first paragraph or one quote.
fn write_test_set(dir: &Path) {
    let bodies = bodies();
    assert!(bodies.len() >= 150, "{} bodies", bodies.len());
    let write = |name: String, text: String| std::fs::write(dir.join(name), text).unwrap();
    for (i, body) in bodies.iter().enumerate() {
        let paras = paragraphs(body);
        write(format!("{i:03}-original.txt"), body.clone());
        if i % 3 == 0 {
            write(format!("{i:03}-copy.txt"), body.clone());
        }
        if i % 2 == 0 && paras.len() >= 4 {
            let mut kept: Vec<String> = paras.iter().map(|p| p.to_string()).collect();
            kept.remove(1 + i % (kept.len() - 2));
            kept[0] = format!("{}{}", DATELINES[i % DATELINES.len()], kept[0]);
            let variant = format!(
                "Wire: story number {i} as republished\n\n{}\n\n{}",
                kept.join("\n\n"),
                FOOTERS[i % FOOTERS.len()]
            );
            write(format!("{i:03}-syndicated.txt"), variant);
        }
        if i % 7 == 0 {
            let corrected = body.replacen(". ", ". (Corrected) ", 1);
            write(format!("{i:03}-corrected.txt"), corrected);
        }
        // Hard negatives: this story's opening paragraph, or one paragraph quoted, in the
        // middle of text taken from two other stories (half of each).
        let halves = |k: usize| {
            let other = paragraphs(&bodies[(i + k) % bodies.len()]);
            let half = other.len() / 2;
            (other[..half].join("\n\n"), other[half..].join("\n\n"))
        };
        if i % 4 == 1 && paras.len() >= 3 {
            let ((first, _), (_, second)) = (halves(1), halves(2));
            write(
                format!("{i:03}-same-lede.txt"),
                format!("{}\n\n{first}\n\n{second}", paras[0]),
            );
        }
        if i % 5 == 2 && paras.len() >= 3 {
            let ((first, _), (_, second)) = (halves(3), halves(4));
            let quoted = paras[paras.len() / 2];
            write(
                format!("{i:03}-quote.txt"),
                format!("{first}\n\n\"{quoted}\"\n\n{second}"),
            );
        }
    }
}

/// The lower-cased word 5-grams of a text (the whole text when it is shorter).
fn shingles(text: &str) -> HashSet<Vec<String>> {
    let words: Vec<String> = text.unicode_words().map(str::to_lowercase).collect();
    words
        .windows(5.min(words.len()).max(1))
        .map(<[String]>::to_vec)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Pairs `(i, j)`, i < j, of exact Jaccard >= THRESHOLD, counted with an inverted index.
fn true_pairs(texts: &[String]) -> HashSet<(usize, usize)> {
    let sets: Vec<HashSet<Vec<String>>> = texts.iter().map(|t| shingles(t)).collect();
    let mut index: HashMap<&Vec<String>, Vec<usize>> = HashMap::new();
    for (doc, set) in sets.iter().enumerate() {
        for shingle in set {
            index.entry(shingle).or_default().push(doc);
        }
    }
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for docs in index.values() {
        for (n, a) in docs.iter().enumerate() {
            for b in &docs[n + 1..] {
                *shared.entry((*a.min(b), *a.max(b))).or_default() += 1;
            }
        }
    }
    shared
        .into_iter()
        .filter(|((a, b), common)| {
            let union = sets[*a].len() + sets[*b].len() - common;
            *common as f64 / union as f64 >= THRESHOLD
        })
        .map(|(pair, _)| pair)
        .collect()
}

#[test]
fn copies_are_found_with_high_precision_and_recall() {
    let input = tempfile::tempdir().unwrap();
    write_test_set(input.path());
    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &[]);
    let documents = read_table(&out.path().join("documents"));
    let texts: Vec<String> = strings(&documents, "text")
        .into_iter()
        .map(Option::unwrap)
        .collect();
    let clusters = strings(&documents, "dup_cluster");
    let truth = true_pairs(&texts);
    let mut predicted = HashSet::new();
    for a in 0..texts.len() {
        for b in a + 1..texts.len() {
            if clusters[a].is_some() && clusters[a] == clusters[b] {
                predicted.insert((a, b));
            }
        }
    }
    let paths = strings(&documents, "source_path");
    for (a, b) in predicted.difference(&truth) {
        eprintln!("predicted, not true: {:?} {:?}", paths[*a], paths[*b]);
    }
    for (a, b) in truth.difference(&predicted) {
        eprintln!("true, not predicted: {:?} {:?}", paths[*a], paths[*b]);
    }
    let hits = predicted.intersection(&truth).count() as f64;
    let (precision, recall) = (hits / predicted.len() as f64, hits / truth.len() as f64);
    eprintln!(
        "{} documents, {} true pairs, {} predicted: precision {precision:.4}, recall {recall:.4}",
        texts.len(),
        truth.len(),
        predicted.len()
    );
    // The set must hold copies, near copies and negatives for the figures to mean anything.
    assert!(truth.len() >= 100, "{} true pairs", truth.len());
    let kinds = strings(&documents, "dup_kind");
    for kind in ["exact", "near"] {
        assert!(
            kinds.iter().filter(|k| k.as_deref() == Some(kind)).count() >= 20,
            "too few {kind}"
        );
    }
    assert!(precision >= 0.99, "precision {precision}");
    assert!(recall >= 0.97, "recall {recall}");
}

/// `(source_path, dup_cluster, dup_of, dup_kind)` of every document, sorted by path; the
/// cluster and representative as paths, so runs with other doc_ids compare.
fn labels(out: &Path) -> Vec<[Option<String>; 4]> {
    let documents = read_table(&out.join("documents"));
    let paths = strings(&documents, "source_path");
    let ids = strings(&documents, "doc_id");
    let path_of: HashMap<String, String> = ids
        .iter()
        .zip(&paths)
        .map(|(id, path)| (id.clone().unwrap(), path.clone().unwrap()))
        .collect();
    let as_path = |id: Option<String>| id.map(|id| path_of.get(&id).cloned().unwrap_or(id));
    let (cluster, of, kind) = (
        strings(&documents, "dup_cluster"),
        strings(&documents, "dup_of"),
        strings(&documents, "dup_kind"),
    );
    let mut rows: Vec<[Option<String>; 4]> = (0..documents.num_rows())
        .map(|i| {
            [
                paths[i].clone(),
                as_path(cluster[i].clone()),
                as_path(of[i].clone()),
                kind[i].clone(),
            ]
        })
        .collect();
    rows.sort();
    rows
}

/// A small set: three stories, each with copies; one story's copy is dated earlier.
fn write_small_set(dir: &Path) -> Vec<String> {
    let bodies: Vec<String> = bodies().into_iter().take(3).collect();
    for (i, body) in bodies.iter().enumerate() {
        std::fs::write(dir.join(format!("s{i}-a.txt")), body).unwrap();
        std::fs::write(dir.join(format!("s{i}-b.txt")), body).unwrap();
        // A dateline, and the last paragraph cut: less text than the original.
        let paras = paragraphs(body);
        let variant = format!("{}{}", DATELINES[i], paras[..paras.len() - 1].join("\n\n"));
        std::fs::write(dir.join(format!("s{i}-c.txt")), variant).unwrap();
    }
    // A dated copy comes first whatever its path.
    std::fs::write(
        dir.join("s0-z.md"),
        format!(
            "---\ntitle: Earlier\ndate: 2020-01-02\n---\n\n{}",
            bodies[0]
        ),
    )
    .unwrap();
    bodies
}

#[test]
fn representatives_are_the_earliest_then_longest_then_first_path() {
    let input = tempfile::tempdir().unwrap();
    write_small_set(input.path());
    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &[]);
    let rows = labels(out.path());
    let row = |path: &str| {
        rows.iter()
            .find(|r| r[0].as_deref() == Some(path))
            .unwrap()
            .clone()
    };
    let s = |v: &str| Some(v.to_string());
    assert_eq!(row("s0-z.md")[1], s("s0-z.md"), "{rows:?}");
    assert_eq!(row("s0-z.md")[2], None);
    assert_eq!(row("s0-a.txt")[2], s("s0-z.md"));
    // Undated copies of equal text: the first path represents them.
    assert_eq!(row("s1-a.txt")[1], s("s1-a.txt"));
    assert_eq!(row("s1-b.txt")[2], s("s1-a.txt"));
    assert_eq!(row("s1-b.txt")[3], s("exact"));
    let manifest = manifest(out.path());
    assert_eq!(manifest["dedup"]["clusters"], 3, "{}", manifest["dedup"]);
    assert_eq!(manifest["dedup"]["copies"], 7);
    let stats = corpusmill(&["stats", out.path().to_str().unwrap()]);
    let printed = String::from_utf8_lossy(&stats.stdout);
    assert!(
        printed.contains("3 clusters of near-duplicates: 7 copies"),
        "{printed}"
    );
    assert!(printed.contains("s0-z.md"), "{printed}");
}

#[test]
fn drop_duplicates_writes_only_representatives_and_counts_the_rest() {
    let input = tempfile::tempdir().unwrap();
    write_small_set(input.path());
    let (all, kept) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build(input.path(), all.path(), &[]);
    build(input.path(), kept.path(), &["--drop-duplicates"]);
    let documents = read_table(&kept.path().join("documents"));
    assert_eq!(documents.num_rows(), 3);
    assert_eq!(documents.column_by_name("dup_of").unwrap().null_count(), 3);
    let ids: HashSet<Option<String>> = strings(&documents, "doc_id").into_iter().collect();
    let sentences = read_table(&kept.path().join("sentences"));
    assert!(strings(&sentences, "doc_id")
        .iter()
        .all(|id| ids.contains(id)));
    let full = read_table(&all.path().join("sentences"));
    let expected = strings(&full, "doc_id")
        .iter()
        .filter(|id| ids.contains(id))
        .count();
    assert_eq!(sentences.num_rows(), expected);
    let manifest = manifest(kept.path());
    assert_eq!(manifest["dedup"]["dropped"], 7);
    assert_eq!(manifest["counts"]["documents"], 3);
    assert_eq!(
        manifest["counts"]["sentences"].as_u64().unwrap(),
        expected as u64
    );
    let similarity = read_table(&all.path().join("documents"));
    let similarity = similarity
        .column_by_name("dup_similarity")
        .unwrap()
        .as_primitive::<arrow::datatypes::Float32Type>();
    assert!((0..similarity.len())
        .filter(|i| similarity.is_valid(*i))
        .all(|i| similarity.value(i) >= 0.8));
}

#[test]
fn an_incremental_build_labels_like_a_full_one_when_documents_join_or_leave_a_cluster() {
    let input = tempfile::tempdir().unwrap();
    let bodies = write_small_set(input.path());
    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &[]);
    // s1-b leaves its cluster (another text); a new file joins s2's.
    let reversed: Vec<&str> = bodies[1].split_whitespace().rev().collect();
    std::fs::write(input.path().join("s1-b.txt"), reversed.join(" ")).unwrap();
    std::fs::write(
        input.path().join("s2-new.txt"),
        format!("Updated: {}", bodies[2]),
    )
    .unwrap();
    std::fs::remove_file(input.path().join("s0-z.md")).unwrap();
    build(input.path(), out.path(), &["--incremental"]);
    let full = tempfile::tempdir().unwrap();
    build(input.path(), full.path(), &[]);
    let incremental = labels(out.path());
    assert_eq!(incremental, labels(full.path()));
    let row = |path: &str| {
        incremental
            .iter()
            .find(|r| r[0].as_deref() == Some(path))
            .unwrap()
            .clone()
    };
    assert!(row("s2-new.txt")[1].is_some());
    assert_eq!(row("s2-new.txt")[1], row("s2-a.txt")[1]);
    assert_eq!(row("s0-a.txt")[1], Some("s0-a.txt".to_string()));
    assert_eq!(
        std::fs::read(out.path().join("documents/part-00000.parquet")).unwrap(),
        std::fs::read(full.path().join("documents/part-00000.parquet")).unwrap()
    );
}
