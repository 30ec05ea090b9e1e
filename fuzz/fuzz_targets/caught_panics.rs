//! `read_html` catches a panic of the article extractor (rs-trafilatura has slicing bugs) and
//! keeps the page. libfuzzer-sys's panic hook aborts on every panic, caught or not, so the
//! targets that reach `read_html` put the default hook back; a panic that escapes is still a
//! crash, since libfuzzer-sys aborts when its own `catch_unwind` sees one.

use std::sync::Once;

pub fn allow_caught_panics() {
    static DEFAULT_HOOK: Once = Once::new();
    DEFAULT_HOOK.call_once(|| drop(std::panic::take_hook()));
}
