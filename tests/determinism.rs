//! The same input and config give the same bytes, whatever the thread count.

mod common;

use common::*;

#[test]
fn thread_count_does_not_change_the_bytes() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let input = project_dir().join("raw");
    build(&input, one.path(), &["--threads", "1"]);
    build(&input, two.path(), &["--threads", "2"]);
    for file in [
        "documents/part-00000.parquet",
        "sentences/part-00000.parquet",
        "rejects/part-00000.parquet",
        "manifest.json",
    ] {
        let a = std::fs::read(one.path().join(file)).unwrap();
        let b = std::fs::read(two.path().join(file)).unwrap();
        assert!(a == b, "{file} differs between --threads 1 and --threads 2");
    }
}
