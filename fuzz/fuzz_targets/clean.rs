//! Cleaner: any decoded body, txt or md, cleans without a panic and never gets longer.
#![no_main]

use corpusmill::document::{Document, Format};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static CLEANER: LazyLock<corpusmill::clean::Cleaner> = LazyLock::new(|| {
    let config = corpusmill::Config::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../config/corpusmill.toml"
    )))
    .expect("the project config loads");
    corpusmill::clean::Cleaner::new(&config).expect("the rule packs load")
});

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(body) = std::str::from_utf8(rest) else {
        return;
    };
    let format = if first % 2 == 0 { Format::Txt } else { Format::Md };
    let mut doc = Document::new("fuzz".into(), String::new(), 0, format, body.to_string());
    CLEANER.clean(&mut doc);
    assert!(doc.text.chars().count() <= body.chars().count());
});
