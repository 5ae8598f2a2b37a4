//! OpenDocument text: `formats::office::odt` (zip, content.xml, meta.xml).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::read_as("odt", data);
});
