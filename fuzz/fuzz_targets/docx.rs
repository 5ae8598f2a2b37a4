//! Word files: `formats::office::docx` (zip, document.xml, core.xml).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::read_as("docx", data);
});
