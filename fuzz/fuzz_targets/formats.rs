//! Bytes in every format knowmap reads (the first byte picks the format:
//! HTML, DOCX, ODT, PDF, RTF, e-mail, mailbox, zip, feed, CSV, TSV, JSON
//! Lines, JSON) → articles → paragraphs, checking that nothing panics and
//! every offset is valid.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

const ENDINGS: [&str; 13] = [
    "html", "docx", "odt", "pdf", "rtf", "eml", "mbox", "zip", "rss", "csv", "tsv", "jsonl", "json",
];

fuzz_target!(init: common::tolerate_isolated_parser_panics(), |data: &[u8]| {
    common::read_as_one_of(&ENDINGS, data);
});
