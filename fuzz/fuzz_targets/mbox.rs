//! Mailboxes: `formats::mail::mbox` (From_ lines, each message through eml).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::read_as("mbox", data);
});
