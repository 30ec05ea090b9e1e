//! JSON Lines reader: any bytes, as a `.jsonl` and as a `.jsonl.gz` file, give records or
//! rejects without a panic.
#![no_main]

mod caught_panics;
mod records;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    records::read_every_record("feed.jsonl", data);
    records::read_every_record("feed.jsonl.gz", data);
});
