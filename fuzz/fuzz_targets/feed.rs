//! RSS and Atom feeds: `formats::feed::items` (the first byte picks the ending).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::read_as_one_of(&["rss", "atom", "xml"], data);
});
