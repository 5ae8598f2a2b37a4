//! Zip archives read as folders: `formats::archive::expand` (bounds, paths, nested zips).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::read_as("zip", data);
});
