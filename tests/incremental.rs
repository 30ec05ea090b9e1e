//! `build --incremental` reuses unchanged documents and gives the bytes of a full rebuild.

mod common;

use common::*;
use std::path::Path;

const FILES: [&str; 5] = [
    "documents/part-00000.parquet",
    "sentences/part-00000.parquet",
    "rejects/part-00000.parquet",
    "manifest.json",
    "repeated_lines.bin",
];

/// Every file of `FILES` has the same bytes in the incremental and the full build.
fn assert_same_files(incremental: &Path, full: &Path, context: &str) {
    for file in FILES {
        let a = std::fs::read(incremental.join(file)).unwrap();
        let b = std::fs::read(full.join(file)).unwrap();
        assert!(a == b, "{file} differs from a full rebuild ({context})");
    }
}

fn documents(out: &Path) -> u64 {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    manifest["counts"]["documents"].as_u64().unwrap()
}

/// A copy of config/ with each `(from, to)` replaced in corpusmill.toml.
fn config_with(dir: &Path, replacements: &[(&str, &str)]) -> String {
    for entry in std::fs::read_dir(project_dir().join("config")).unwrap() {
        let path = entry.unwrap().path();
        let target = dir.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir(&target).unwrap();
            for file in std::fs::read_dir(&path).unwrap() {
                let file = file.unwrap().path();
                std::fs::copy(&file, target.join(file.file_name().unwrap())).unwrap();
            }
        } else {
            std::fs::copy(&path, target).unwrap();
        }
    }
    let toml = dir.join("corpusmill.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    for (from, to) in replacements {
        assert!(
            text.contains(from),
            "config/corpusmill.toml has no {from:?}"
        );
        text = text.replace(from, to);
    }
    std::fs::write(&toml, text).unwrap();
    toml.to_str().unwrap().to_string()
}

#[test]
fn incremental_build_is_byte_identical_to_a_full_rebuild() {
    for (batch_docs, row_group_docs) in [(128, 1000), (3, 2), (2, 5)] {
        incremental_matches_full_rebuild(batch_docs, row_group_docs);
    }
}

/// With small batches and row groups, reused rows cross batch and row-group boundaries of both
/// corpora.
fn incremental_matches_full_rebuild(batch_docs: usize, row_group_docs: usize) {
    let config = tempfile::tempdir().unwrap();
    let batch = format!("batch_docs = {batch_docs}, row_group_docs = {row_group_docs}");
    let toml = config_with(
        config.path(),
        &[
            ("batch_docs = 128", &format!("batch_docs = {batch_docs}")),
            (
                "row_group_docs = 1000",
                &format!("row_group_docs = {row_group_docs}"),
            ),
        ],
    );
    let input = tempfile::tempdir().unwrap();
    article_corpus(input.path());
    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &["--config", &toml]);

    // One article changed, one removed, one added (a copy under a new name).
    let mut articles: Vec<_> = std::fs::read_dir(input.path().join("raw"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    articles.sort();
    let mut changed = std::fs::read_to_string(&articles[0]).unwrap();
    changed.push_str("\nThe council will publish the full report on Monday.\n");
    std::fs::write(&articles[0], changed).unwrap();
    std::fs::remove_file(&articles[1]).unwrap();
    std::fs::copy(&articles[2], input.path().join("raw/copy.txt")).unwrap();

    let args = ["--incremental", "--config", &toml];
    let stderr = String::from_utf8(build(input.path(), out.path(), &args).stderr).unwrap();
    let full = tempfile::tempdir().unwrap();
    build(input.path(), full.path(), &["--config", &toml]);
    assert_same_files(out.path(), full.path(), &batch);
    let reused = documents(full.path()) - 2;
    assert!(
        stderr.contains(&format!("reused {reused} documents, processed 2")),
        "{stderr}"
    );
}

/// A last line in four documents reads as a signature (the repeated-line threshold is five); a
/// fifth new document makes it a repeated line, so the four unchanged documents are cleaned
/// again, as a full rebuild cleans them.
#[test]
fn unchanged_documents_whose_line_became_repeated_are_cleaned_again() {
    const LAST_LINE: &str = "Harbour Gazette Partners";
    let article = |i: usize| {
        format!(
            "Residents met on Tuesday evening to discuss plan {i} and what it would cost the town over the next ten years.\n\
             The council said a decision on it would follow after the summer, once the engineers had reported.\n{LAST_LINE}\n"
        )
    };
    let last_line_rules = |out: &Path| -> Vec<String> {
        removals(&read_table(&out.join("documents")))
            .into_iter()
            .map(|removed| {
                let (rule, _) = removed
                    .into_iter()
                    .find(|(_, text)| text == LAST_LINE)
                    .unwrap();
                rule
            })
            .collect()
    };
    let input = tempfile::tempdir().unwrap();
    for i in 0..4 {
        std::fs::write(input.path().join(format!("a{i}.txt")), article(i)).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &[]);
    assert_eq!(last_line_rules(out.path()), vec!["generic.signature"; 4]);

    std::fs::write(input.path().join("a4.txt"), article(4)).unwrap();
    let stderr =
        String::from_utf8(build(input.path(), out.path(), &["--incremental"]).stderr).unwrap();
    let full = tempfile::tempdir().unwrap();
    build(input.path(), full.path(), &[]);
    assert_eq!(
        last_line_rules(full.path()),
        vec!["generic.repeated_line"; 5]
    );
    assert_same_files(out.path(), full.path(), "default config");
    assert!(
        stderr.contains("reused 0 documents, processed 5"),
        "{stderr}"
    );
}

#[test]
fn a_config_change_rebuilds_everything() {
    let input = tempfile::tempdir().unwrap();
    article_corpus(input.path());
    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &[]);
    let config = tempfile::tempdir().unwrap();
    let toml = config_with(
        config.path(),
        &[("footer_max_lines = 8", "footer_max_lines = 7")],
    );
    let args = ["--incremental", "--config", &toml];
    let stderr = String::from_utf8(build(input.path(), out.path(), &args).stderr).unwrap();
    assert!(
        stderr.contains("rebuilt everything: the config changed"),
        "{stderr}"
    );
}
