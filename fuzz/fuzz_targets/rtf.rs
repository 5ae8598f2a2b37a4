//! RTF, Nexis exports with many documents: `formats::rtf::rtf`.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::read_as("rtf", data);
});
