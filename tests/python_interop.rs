//! The corpus reads in Python's pyarrow, pandas and DuckDB with no options, and every sentence
//! offset slices the document text with Python's own indexing. The Python environment is set up
//! by `tests/run.sh`; when it is missing this test fails (it never skips).

mod common;

use common::*;
use std::process::Command;

#[test]
fn python_reads_the_corpus() {
    let python = python();
    let out = tempfile::tempdir().unwrap();
    build(&project_dir().join("raw"), out.path(), &[]);
    let result = Command::new(&python)
        .arg(project_dir().join("tests/python/check_corpus.py"))
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "Python check failed:\n{}\n{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
}
