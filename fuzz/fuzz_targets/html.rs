//! Saved web pages: `formats::html::extract` (readability-style main text, metadata).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::read_as("html", data);
});
