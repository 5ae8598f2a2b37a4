//! Zip archives read as folders: `formats::archive::expand` (bounds, paths, nested zips).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(init: common::tolerate_isolated_parser_panics(), |data: &[u8]| {
    common::read_as("zip", data);
});
