//! PDFs: `formats::pdf::pdf` (objects, streams, fonts, text layer, reading order).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(init: common::tolerate_isolated_parser_panics(), |data: &[u8]| {
    common::read_as("pdf", data);
});
