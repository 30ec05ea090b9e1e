//! Front matter parser: any text splits without a panic, and a split keeps the body a suffix.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let split = corpusmill::read::split_front_matter(text);
    assert!(text.ends_with(split.body.as_str()) || split.front_matter.is_none());
});
