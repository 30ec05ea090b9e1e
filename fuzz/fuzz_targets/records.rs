//! Shared by the record readers' targets: the bytes as a file of records (plain and gzipped),
//! each record read into text without a panic, and every record accounted for.

use corpusmill::config::InputConfig;
use corpusmill::read::{read_text, Input, InputFile, Inputs};

/// Write `data` as `name` in a fresh folder and read every record of it.
pub fn read_every_record(name: &str, data: &[u8]) {
    crate::caught_panics::allow_caught_panics();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    std::fs::write(&path, data).expect("the fuzz input is written");
    let config = InputConfig {
        max_record_bytes: 4096,
        ..InputConfig::default()
    };
    let file = InputFile {
        path,
        rel_path: name.to_string(),
        problem: None,
        path_warning: None,
    };
    let mut inputs = 0;
    let mut records = Inputs::new(std::iter::once(file), &config);
    for input in records.by_ref() {
        inputs += 1;
        assert!(input.source_path().starts_with(name));
        if let (Input::Record(_), Ok(text)) = (&input, read_text(&input, &config)) {
            assert!(!text.body.contains('\r'));
        }
    }
    // A file always counts: as inputs (records or one reject), or as skipped WARC records.
    assert!(inputs > 0 || !records.skipped().is_empty());
}
