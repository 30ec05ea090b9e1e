//! Issue 21: `--filter` moves the documents a quality preset drops to the filtered table,
//! with the filter and rule, never silently: the manifest counts them and inputs = documents +
//! filtered + rejected. Without it every document stays, with its quality columns.

mod common;

use arrow::array::{Array, AsArray};
use common::*;

#[test]
fn filter_moves_failing_documents_to_the_filtered_table() {
    let input = tempfile::tempdir().unwrap();
    article_corpus(input.path());
    let all = tempfile::tempdir().unwrap();
    build(input.path(), all.path(), &[]);
    let documents = read_table(&all.path().join("documents"));
    let passes = documents
        .column_by_name("passes_gopher")
        .unwrap()
        .as_boolean();
    let failing = (0..documents.num_rows())
        .filter(|&i| !passes.is_null(i) && !passes.value(i))
        .count();
    assert!(failing > 0, "the corpus has documents Gopher drops");
    assert!(
        !all.path().join("filtered").exists(),
        "no filter, no filtered table"
    );

    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &["--filter", "gopher"]);
    let counts = &manifest(out.path())["counts"];
    let count = |name: &str| counts[name].as_u64().unwrap();
    assert_eq!(count("filtered"), failing as u64);
    assert_eq!(
        count("inputs"),
        count("documents") + count("filtered") + count("rejected")
    );
    let filtered = read_table(&out.path().join("filtered"));
    assert_eq!(filtered.num_rows(), failing);
    assert!(strings(&filtered, "filter")
        .iter()
        .all(|f| f.as_deref() == Some("gopher")));
    assert!(strings(&filtered, "rule").iter().all(|r| r.is_some()));
    let kept = read_table(&out.path().join("documents"));
    let kept_ids = strings(&kept, "doc_id");
    assert!(strings(&filtered, "doc_id")
        .iter()
        .all(|id| !kept_ids.contains(id)));
    let by_rule = manifest(out.path())["stages"]["filtered_by_rule"].clone();
    let total: u64 = by_rule
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(total, failing as u64);

    let stats: serde_json::Value = serde_json::from_slice(
        &corpusmill(&["stats", out.path().to_str().unwrap(), "--json"]).stdout,
    )
    .unwrap();
    let scored: u64 = stats["quality"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["scored"].as_u64().unwrap())
        .sum();
    assert_eq!(scored, count("documents") + count("filtered"));
    let card = std::fs::read_to_string(out.path().join("README.md")).unwrap();
    assert!(card.contains("## Quality presets") && card.contains("filtered"));

    // Partitioned by language, the filtered table is too, like documents and sentences.
    let layered = tempfile::tempdir().unwrap();
    build(
        input.path(),
        layered.path(),
        &["--filter", "gopher", "--partition-by", "lang"],
    );
    let parts: Vec<std::path::PathBuf> = std::fs::read_dir(layered.path().join("filtered"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(
        parts.iter().all(|p| p.is_dir()
            && p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("lang=")),
        "{parts:?}"
    );
    let rows: usize = parts.iter().map(|p| read_table(p).num_rows()).sum();
    assert_eq!(rows, failing);
}
