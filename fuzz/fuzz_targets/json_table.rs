//! JSON Lines and JSON arrays, one article per object: `formats::table::json_lines` and `json` (the first byte picks).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::read_as_one_of(&["jsonl", "json"], data);
});
