//! Helpers for the integration tests: run the binary, read the Parquet output back.
#![allow(dead_code)]

pub mod corpus;

use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::TimestampMicrosecondType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn project_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn corpusmill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corpusmill"))
        .args(args)
        .current_dir(project_dir())
        .output()
        .expect("the corpusmill binary runs")
}

/// `corpusmill build` of `input` into `output`; panics with stderr when it fails.
pub fn build(input: &Path, output: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = corpusmill(&args);
    assert!(
        out.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The parsed `manifest.json` of the corpus in `out`.
pub fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap()
}

/// A timestamp column's values in microseconds (None for nulls).
pub fn timestamps(batch: &RecordBatch, column: &str) -> Vec<Option<i64>> {
    let array = batch
        .column_by_name(column)
        .unwrap()
        .as_primitive::<TimestampMicrosecondType>();
    (0..array.len())
        .map(|i| (!array.is_null(i)).then(|| array.value(i)))
        .collect()
}

/// All rows of every Parquet file in `dir`, as one batch.
pub fn read_table(dir: &Path) -> RecordBatch {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "parquet"))
        .collect();
    files.sort();
    let mut batches = Vec::new();
    let mut schema = None;
    for file in files {
        let builder =
            ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&file).unwrap()).unwrap();
        schema.get_or_insert(builder.schema().clone());
        let reader = builder.build().unwrap();
        for batch in reader {
            batches.push(batch.unwrap());
        }
    }
    arrow::compute::concat_batches(&schema.expect("at least one Parquet file"), &batches).unwrap()
}

pub fn strings(batch: &RecordBatch, column: &str) -> Vec<Option<String>> {
    let array = batch
        .column_by_name(column)
        .unwrap_or_else(|| panic!("no column {column}"));
    let array = array.as_string::<i32>();
    (0..array.len())
        .map(|i| (!array.is_null(i)).then(|| array.value(i).to_string()))
        .collect()
}

pub fn row_of(batch: &RecordBatch, column: &str, value: &str) -> usize {
    strings(batch, column)
        .iter()
        .position(|v| v.as_deref() == Some(value))
        .unwrap_or_else(|| panic!("no row with {column} = {value}"))
}

pub fn string_lists(batch: &RecordBatch, column: &str) -> Vec<Vec<String>> {
    let list = batch.column_by_name(column).unwrap().as_list::<i32>();
    (0..list.len())
        .map(|i| {
            let values = list.value(i);
            let values = values.as_string::<i32>();
            (0..values.len())
                .map(|j| values.value(j).to_string())
                .collect()
        })
        .collect()
}

/// The (rule_id, text) pairs of the `removed` column.
pub fn removals(batch: &RecordBatch) -> Vec<Vec<(String, String)>> {
    let list = batch.column_by_name("removed").unwrap().as_list::<i32>();
    (0..list.len())
        .map(|i| {
            let items = list.value(i);
            let items = items.as_struct();
            let rule = items.column(0).as_string::<i32>();
            let text = items.column(1).as_string::<i32>();
            (0..items.len())
                .map(|j| (rule.value(j).to_string(), text.value(j).to_string()))
                .collect()
        })
        .collect()
}

/// An input folder of real articles: the samples in raw/ and the annotated test articles
/// (their D/K line labels stripped), in nested folders, plus an empty file and a non-text file.
pub fn article_corpus(dir: &Path) {
    for entry in std::fs::read_dir(project_dir().join("raw")).unwrap() {
        let path = entry.unwrap().path();
        let target = dir.join("raw").join(path.file_name().unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&path, target).unwrap();
    }
    let annotated = project_dir().join("tests/data/clean");
    for entry in std::fs::read_dir(&annotated).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".txt.ann") else {
            continue;
        };
        let text: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .map(|line| format!("{}\n", line.get(2..).unwrap_or("")))
            .collect();
        let target = dir.join(&stem[..2]).join(format!("{stem}.txt"));
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("page.html"), "<html></html>").unwrap();
}

/// The Python that `tests/run.sh` set up (pyarrow, pandas, duckdb, polars, Jupyter); the tests
/// that need it fail, never skip, when it is missing.
pub fn python() -> PathBuf {
    let python = std::env::var("CORPUSMILL_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|_| project_dir().join(".venv/bin/python"));
    assert!(
        python.exists(),
        "no Python environment at {}: run tests/run.sh, which installs tests/requirements.txt",
        python.display()
    );
    python
}
