//! Segmenter: any text segments without a panic into ordered, non-overlapping spans that
//! slice the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static SEGMENTER: LazyLock<corpusmill::segment::Segmenter> = LazyLock::new(|| {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../config/abbreviations"));
    corpusmill::segment::Segmenter::load_dir(dir).expect("the abbreviation lists load")
});

const LANGS: &[&str] = &["fr", "en", "de", "es", "it", "ru", "und"];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let lang = LANGS[usize::from(first) % LANGS.len()];
    let spans = SEGMENTER.segment(text, lang);
    let sentences = corpusmill::segment::spans_to_sentences(text, &spans);
    let n_chars = text.chars().count();
    let mut previous_end = 0;
    for sentence in &sentences {
        assert!(previous_end <= sentence.char_start);
        assert!(sentence.char_start < sentence.char_end && sentence.char_end <= n_chars);
        previous_end = sentence.char_end;
    }
});
