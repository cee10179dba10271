//! Case loading + checks: bytes → YAML loader → check stage → claim, as `recouvre check` runs them.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

fuzz_target!(|bytes: &[u8]| {
    harness::check_case(bytes, harness::case_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/case_dir")));
});
