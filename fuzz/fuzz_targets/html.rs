//! HTML reader: any bytes, with any charset hint, read into a page or a reject without a panic;
//! a page's dropped blocks stay within their bounds.
#![no_main]

mod caught_panics;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    caught_panics::allow_caught_panics();
    // The first byte picks a charset hint, as a WARC record's HTTP header would give one.
    let hints = [None, Some("utf-8"), Some("windows-1252"), Some("shift_jis"), Some("utf-16"), Some("bogus")];
    let (hint, page) = match bytes.split_first() {
        Some((first, rest)) => (hints[*first as usize % hints.len()], rest),
        None => (None, bytes),
    };
    if let Ok(page) = corpusmill::read::html::read_html(page, hint, Some("https://example.com/a")) {
        assert!(page.outside_article.len() <= 201);
    }
});
