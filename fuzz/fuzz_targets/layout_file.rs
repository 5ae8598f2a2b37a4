//! Layout-file parsing: never panics; what parses survives a save/parse round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

use knowmap::io::layout_file::parse;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = parse(data) {
        let json = serde_json::to_vec(&file).unwrap_or_default();
        let again = parse(&json).expect("a parsed layout file serializes to a parsable one");
        assert_eq!(again, file);
    }
});
