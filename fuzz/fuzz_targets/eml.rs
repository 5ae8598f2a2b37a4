//! One e-mail: `formats::mail::eml` (headers, MIME parts, encodings).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::read_as("eml", data);
});
