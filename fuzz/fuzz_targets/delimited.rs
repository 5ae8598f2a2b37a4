//! CSV and TSV tables, one article per row: `formats::table::delimited` (the first byte picks the ending).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::read_as_one_of(&["csv", "tsv"], data);
});
