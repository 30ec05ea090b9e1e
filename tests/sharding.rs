//! Sharded builds: the union of N shards holds exactly the rows of a single-process build,
//! completed shards are skipped, and finalize refuses an incomplete output.

mod common;

use common::*;
use std::path::Path;

/// Sorted `column` tuples of every row of one table of a corpus.
fn rows(out: &Path, table: &str, columns: &[&str]) -> Vec<Vec<Option<String>>> {
    let batch = read_table(&out.join(table));
    let values: Vec<Vec<Option<String>>> = columns.iter().map(|c| strings(&batch, c)).collect();
    let mut rows: Vec<Vec<Option<String>>> = (0..batch.num_rows())
        .map(|i| values.iter().map(|column| column[i].clone()).collect())
        .collect();
    rows.sort();
    rows
}

fn build_shard(input: &Path, out: &Path, shard: &str, extra: &[&str]) -> String {
    let mut args = vec!["--shard", shard];
    args.extend_from_slice(extra);
    String::from_utf8(build(input, out, &args).stderr).unwrap()
}

fn prepare(input: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "prepare",
        "--input",
        input.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let run = corpusmill(&args);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn finalize(out: &Path) -> std::process::Output {
    corpusmill(&["finalize", out.to_str().unwrap()])
}

/// The documents columns compared: dup_similarity is compared through the manifest's
/// counts and the clusters.
const DOCUMENT_COLUMNS: &[&str] = &[
    "doc_id",
    "source_path",
    "text",
    "dup_cluster",
    "dup_of",
    "dup_kind",
];

/// A JSON Lines file of generated news records and one bad line: its records spread over
/// the shards.
fn jsonl_feed(dir: &Path) {
    let mut rng = common::corpus::Rng::new(11);
    let mut lines: Vec<String> = (0..25)
        .map(|i| {
            let (_, text) = common::corpus::news_document(&mut rng);
            serde_json::json!({"text": text, "title": format!("Record {i}")}).to_string()
        })
        .collect();
    lines.insert(7, "{\"text\": ".into());
    // Line 14 sorts before line 8 as a path: the rejects' order must not depend on the shards.
    lines.insert(13, "[\"not an object\"]".into());
    std::fs::write(dir.join("feed.jsonl"), lines.join("\n")).unwrap();
}

#[test]
fn union_of_shards_equals_a_single_build() {
    let input = tempfile::tempdir().unwrap();
    article_corpus(input.path());
    // Copies, so clusters span shards: exact ones and ones with a dateline and a footer.
    let copies = input.path().join("copies");
    std::fs::create_dir(&copies).unwrap();
    let mut originals: Vec<_> = std::fs::read_dir(input.path().join("raw"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    originals.sort();
    for (i, original) in originals.iter().take(8).enumerate() {
        let text = std::fs::read_to_string(original).unwrap();
        let name = original.file_name().unwrap().to_string_lossy().into_owned();
        std::fs::write(copies.join(format!("exact-{name}")), &text).unwrap();
        let edited = format!(
            "ROME (ANSA) - {text}\n\nDaily Example Network\n\nRead more stories like story {i} on our site.\n"
        );
        std::fs::write(copies.join(format!("wire-{name}")), edited).unwrap();
    }
    jsonl_feed(input.path());
    let single = tempfile::tempdir().unwrap();
    build(input.path(), single.path(), &[]);
    let documents = rows(single.path(), "documents", DOCUMENT_COLUMNS);
    let sentences = rows(single.path(), "sentences", &["doc_id", "text", "lang"]);
    let rejects = rows(single.path(), "rejects", &["source_path", "reason"]);
    assert!(
        documents.len() > 30 && rejects.len() >= 4,
        "{} documents, rejects {rejects:?}",
        documents.len()
    );
    let records = documents
        .iter()
        .filter(|row| {
            row[1]
                .as_deref()
                .is_some_and(|p| p.starts_with("feed.jsonl#L"))
        })
        .count();
    assert_eq!(records, 25);
    let expected = manifest(single.path());
    assert!(
        expected["dedup"]["copies"].as_u64().unwrap() >= 8,
        "{}",
        expected["dedup"]
    );
    // Lines repeated across the corpus are removed, so the shards need corpus-wide counts.
    assert!(
        expected["stages"]["removed_by_rule"]["generic.repeated_line"]
            .as_u64()
            .is_some_and(|n| n >= 1),
        "{}",
        expected["stages"]["removed_by_rule"]
    );

    for n in [1, 2, 3, 7] {
        let out = tempfile::tempdir().unwrap();
        // The line counts summed from each shard's share by `prepare` (every N but 2, which
        // checks that a shard without them counts every input itself).
        if n != 2 {
            for k in 0..n {
                prepare(input.path(), out.path(), &["--shard", &format!("{k}/{n}")]);
            }
            prepare(input.path(), out.path(), &["--reduce", &n.to_string()]);
        }
        for k in 0..n {
            build_shard(input.path(), out.path(), &format!("{k}/{n}"), &[]);
        }
        let finalized = finalize(out.path());
        assert!(
            finalized.status.success(),
            "{}",
            String::from_utf8_lossy(&finalized.stderr)
        );
        let docs = rows(out.path(), "documents", DOCUMENT_COLUMNS);
        assert_eq!(docs, documents, "documents of {n} shards");
        assert_eq!(
            rows(out.path(), "sentences", &["doc_id", "text", "lang"]),
            sentences
        );
        assert_eq!(
            rows(out.path(), "rejects", &["source_path", "reason"]),
            rejects
        );
        let combined = manifest(out.path());
        for key in [
            "counts",
            "stages",
            "rejects",
            "rejects_by_reason",
            "config_hash",
            "dedup",
        ] {
            assert_eq!(
                combined[key], expected[key],
                "manifest {key} with {n} shards"
            );
        }
        assert_eq!(combined["outputs"].as_array().unwrap().len(), 3 * n);
    }
}

#[test]
fn completed_shards_are_skipped_and_finalize_needs_every_shard() {
    let input = tempfile::tempdir().unwrap();
    article_corpus(input.path());
    let out = tempfile::tempdir().unwrap();
    build_shard(input.path(), out.path(), "0/3", &[]);
    build_shard(input.path(), out.path(), "2/3", &[]);
    let incomplete = finalize(out.path());
    assert!(!incomplete.status.success());
    let message = String::from_utf8_lossy(&incomplete.stderr);
    assert!(message.contains("shards 1 of 3"), "{message}");

    let part = out.path().join("documents/part-00000-of-00003.parquet");
    let before = std::fs::metadata(&part).unwrap().modified().unwrap();
    let again = build_shard(input.path(), out.path(), "0/3", &[]);
    assert!(again.contains("skipped"), "{again}");
    assert_eq!(
        std::fs::metadata(&part).unwrap().modified().unwrap(),
        before
    );
    let forced = build_shard(input.path(), out.path(), "0/3", &["--force"]);
    assert!(!forced.contains("skipped"), "{forced}");

    // A changed input of shard 1 does not touch the others' completion.
    build_shard(input.path(), out.path(), "1/3", &[]);
    assert!(finalize(out.path()).status.success());
    let inputs = manifest(out.path())["counts"]["inputs"].as_u64().unwrap();
    let owned_by_2 = (0..)
        .map(|i| format!("raw/{i}.txt"))
        .find(|p| corpusmill::shard::Shard::new(2, 3).unwrap().owns(p))
        .unwrap();
    std::fs::write(
        input.path().join(&owned_by_2),
        "A new article arrived today in the city.\n",
    )
    .unwrap();
    assert!(build_shard(input.path(), out.path(), "0/3", &[]).contains("skipped"));
    assert!(!build_shard(input.path(), out.path(), "2/3", &[]).contains("skipped"));
    assert!(finalize(out.path()).status.success());
    assert_eq!(manifest(out.path())["counts"]["inputs"], inputs + 1);
}

#[test]
fn shard_comes_from_the_slurm_array_environment() {
    let input = tempfile::tempdir().unwrap();
    article_corpus(input.path());
    let out = tempfile::tempdir().unwrap();
    for task in ["0", "1"] {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_corpusmill"))
            .args(["build", "--input", input.path().to_str().unwrap()])
            .args(["--output", out.path().to_str().unwrap()])
            .env("SLURM_ARRAY_TASK_ID", task)
            .env("SLURM_ARRAY_TASK_COUNT", "2")
            .current_dir(project_dir())
            .status()
            .unwrap();
        assert!(status.success());
    }
    assert!(out
        .path()
        .join("documents/part-00001-of-00002.parquet")
        .exists());
    assert!(finalize(out.path()).status.success());
}

#[test]
fn counts_prepared_from_other_inputs_are_not_used() {
    let input = tempfile::tempdir().unwrap();
    article_corpus(input.path());
    let out = tempfile::tempdir().unwrap();
    for k in 0..2 {
        prepare(input.path(), out.path(), &["--shard", &format!("{k}/2")]);
    }
    prepare(input.path(), out.path(), &["--reduce", "2"]);
    let fresh = build_shard(input.path(), out.path(), "0/2", &["-v"]);
    assert!(!fresh.contains("inputs changed"), "{fresh}");
    // A new input after prepare: its lines are not in the counts.
    std::fs::write(
        input.path().join("late.txt"),
        "A new article arrived today in the city.\n",
    )
    .unwrap();
    let stale = build_shard(input.path(), out.path(), "0/2", &["--force"]);
    assert!(stale.contains("the inputs changed since"), "{stale}");
}
