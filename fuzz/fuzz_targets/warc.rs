//! WARC reader: any bytes, as a `.warc` and as a `.warc.gz` file, give records, skips or
//! rejects without a panic, and reading always ends.
#![no_main]

mod caught_panics;
mod records;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    records::read_every_record("crawl.warc", data);
    records::read_every_record("crawl.warc.gz", data);
});
