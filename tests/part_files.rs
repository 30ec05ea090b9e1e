//! A table larger than `output.row_groups_per_file` row groups is split into part files, in
//! row order, and every reader of the corpus (layouts, incremental builds, shards, stats)
//! sees the same rows as in one file.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Two documents per row group, three row groups per file.
const SMALL_FILES: [&str; 4] = [
    "--set",
    "output.row_group_docs=2",
    "--set",
    "output.row_groups_per_file=3",
];

fn parquet_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".parquet"))
        .collect();
    names.sort();
    names
}

/// Every file of a corpus (path relative to `out`) and its bytes.
fn all_files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut dirs = vec![out.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let rel = path
                    .strip_prefix(out)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn part_files_hold_the_rows_of_one_file_in_order() {
    let input = tempfile::tempdir().unwrap();
    article_corpus(input.path());
    let one = tempfile::tempdir().unwrap();
    build(input.path(), one.path(), &[]);
    let split = tempfile::tempdir().unwrap();
    build(input.path(), split.path(), &SMALL_FILES);

    let documents = manifest(one.path())["counts"]["documents"]
        .as_u64()
        .unwrap() as usize;
    let names = parquet_names(&split.path().join("documents"));
    assert_eq!(names.len(), documents.div_ceil(6), "{names:?}");
    assert_eq!(names[0], "part-00000.parquet");
    assert_eq!(names[1], "part-00000_00001.parquet");
    for name in &names {
        let file = std::fs::File::open(split.path().join("documents").join(name)).unwrap();
        let reader =
            parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        assert!(reader.metadata().num_row_groups() <= 3, "{name}");
    }
    // Read in file-name order, the part files are the single file's rows in its order.
    for (table, columns) in [
        ("documents", ["doc_id", "text"]),
        ("sentences", ["doc_id", "text"]),
    ] {
        let whole = read_table(&one.path().join(table));
        let parts = read_table(&split.path().join(table));
        for column in columns {
            assert_eq!(
                strings(&whole, column),
                strings(&parts, column),
                "{table}.{column}"
            );
        }
    }
    let listed = manifest(split.path())["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["path"].as_str().unwrap().starts_with("documents/"))
        .map(|o| o["rows"].as_u64().unwrap() as usize)
        .collect::<Vec<_>>();
    assert_eq!(listed.len(), names.len());
    assert_eq!(listed.iter().sum::<usize>(), documents);
    // `corpusmill stats` (and the dataset card) read every part: the same figures, below the
    // heading line that names the folder and config.
    let stats = |out: &Path| {
        let run = corpusmill(&["stats", out.to_str().unwrap()]);
        assert!(run.status.success());
        let stdout = String::from_utf8(run.stdout).unwrap();
        stdout.split_once('\n').unwrap().1.to_string()
    };
    assert_eq!(stats(one.path()), stats(split.path()));
}

#[test]
fn layouts_read_every_part_file() {
    let input = tempfile::tempdir().unwrap();
    article_corpus(input.path());
    let out = tempfile::tempdir().unwrap();
    let mut args = SMALL_FILES.to_vec();
    args.extend(["--partition-by", "lang", "--format", "jsonl"]);
    build(input.path(), out.path(), &args);
    let documents = manifest(out.path())["counts"]["documents"]
        .as_u64()
        .unwrap() as usize;
    let jsonl = std::fs::read_to_string(out.path().join("jsonl/documents.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), documents);
    assert!(parquet_names(&out.path().join("documents")).is_empty());
    let partitioned: usize = std::fs::read_dir(out.path().join("documents"))
        .unwrap()
        .map(|e| read_table(&e.unwrap().path()).num_rows())
        .sum();
    assert_eq!(partitioned, documents);
}

#[test]
fn incremental_builds_reuse_rows_across_part_files() {
    let input = tempfile::tempdir().unwrap();
    article_corpus(input.path());
    let out = tempfile::tempdir().unwrap();
    build(input.path(), out.path(), &SMALL_FILES);
    let mut articles: Vec<_> = std::fs::read_dir(input.path().join("fr"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    articles.sort();
    let mut changed = std::fs::read_to_string(&articles[0]).unwrap();
    changed.push_str("\nLe conseil publiera son rapport complet lundi.\n");
    std::fs::write(&articles[0], changed).unwrap();
    std::fs::remove_file(&articles[1]).unwrap();

    let mut args = SMALL_FILES.to_vec();
    args.push("--incremental");
    let stderr = String::from_utf8(build(input.path(), out.path(), &args).stderr).unwrap();
    assert!(stderr.contains("reused"), "{stderr}");
    let full = tempfile::tempdir().unwrap();
    build(input.path(), full.path(), &SMALL_FILES);
    let (incremental, rebuilt) = (all_files(out.path()), all_files(full.path()));
    assert_eq!(
        incremental.keys().collect::<Vec<_>>(),
        rebuilt.keys().collect::<Vec<_>>()
    );
    assert!(
        incremental
            .keys()
            .filter(|k| k.starts_with("documents/"))
            .count()
            > 2
    );
    for (file, bytes) in &incremental {
        // The dataset card names the output folder in its rebuild command.
        if file != "README.md" {
            assert!(
                bytes == &rebuilt[file],
                "{file} differs from a full rebuild"
            );
        }
    }
}

#[test]
fn shards_split_into_part_files_finalize_to_a_single_builds_rows() {
    let input = tempfile::tempdir().unwrap();
    article_corpus(input.path());
    let out = tempfile::tempdir().unwrap();
    let build_shards = |out: &Path| {
        for shard in ["0/2", "1/2"] {
            let mut args = SMALL_FILES.to_vec();
            args.extend(["--shard", shard]);
            build(input.path(), out, &args);
        }
        let finalized = corpusmill(&["finalize", out.to_str().unwrap()]);
        assert!(
            finalized.status.success(),
            "{}",
            String::from_utf8_lossy(&finalized.stderr)
        );
        parquet_names(&out.join("documents"))
    };
    let before = build_shards(out.path());
    assert!(
        before.contains(&"part-00000-of-00002_00001.parquet".to_string()),
        "{before:?}"
    );
    // Fewer inputs: each shard is rebuilt into fewer files and leaves none of its old ones
    // (finalize refuses part files no shard lists).
    for folder in ["de", "en", "es", "it"] {
        std::fs::remove_dir_all(input.path().join(folder)).unwrap();
    }
    let after = build_shards(out.path());
    assert!(after.len() < before.len(), "{before:?} -> {after:?}");
    let single = tempfile::tempdir().unwrap();
    build(input.path(), single.path(), &[]);
    let sorted_ids = |out: &Path| {
        let mut ids = strings(&read_table(&out.join("documents")), "doc_id");
        ids.sort();
        ids
    };
    assert_eq!(sorted_ids(out.path()), sorted_ids(single.path()));
    assert_eq!(
        manifest(out.path())["counts"],
        manifest(single.path())["counts"]
    );
}
