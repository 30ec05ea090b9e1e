//! `examples/explore.ipynb` runs top to bottom against the sample corpus (pandas, polars,
//! DuckDB, matplotlib in a real Jupyter kernel), so the example never rots. The Python
//! environment comes from `tests/run.sh`; when it is missing this test fails (it never skips).

mod common;

use common::*;
use std::process::Command;

#[test]
fn the_example_notebook_runs_on_the_sample_corpus() {
    let python = python();
    let out = tempfile::tempdir().unwrap();
    build(&project_dir().join("raw"), out.path(), &[]);
    let executed = out.path().join("explore.executed.ipynb");
    let result = Command::new(&python)
        .arg(project_dir().join("tests/python/run_notebook.py"))
        .arg(project_dir().join("examples/explore.ipynb"))
        .arg(out.path())
        .arg(&executed)
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "the notebook failed:\n{}\n{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
    // The plot cell produced an image and the cross-check cell ran.
    let notebook = std::fs::read_to_string(&executed).unwrap();
    assert!(notebook.contains("image/png"), "the notebook drew no plot");
    assert!(notebook.contains("pandas, polars and DuckDB agree"));
}
