//! Pièce loading: bytes inspected as a PDF, a PNG and a JPEG (page count, refusals, size caps).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

fuzz_target!(|bytes: &[u8]| {
    harness::inspect_piece(bytes);
});
