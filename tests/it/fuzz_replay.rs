//! The fuzz corpora replayed without the fuzz toolchain: every input of `fuzz/corpus/<target>/`
//! and `fuzz/regressions/<target>/` goes through the same calls as the fuzz targets
//! (`fuzz/harness.rs`), and must not panic. The slowest input is printed, not limited: a debug
//! build on a busy machine is no measure of speed.

use std::panic::catch_unwind;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::root;

#[path = "../../fuzz/harness.rs"]
mod harness;

/// Every input file of a fuzz target, sorted.
fn inputs(target: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["fuzz/corpus", "fuzz/regressions"] {
        let Ok(entries) = std::fs::read_dir(root().join(dir).join(target)) else { continue };
        files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_file()));
    }
    files.sort();
    files
}

/// Runs `run` on each input; every panic is reported at once. Returns how many
/// inputs `run` accepted.
fn replay(target: &str, run: impl Fn(&[u8]) -> bool + std::panic::RefUnwindSafe) -> usize {
    let files = inputs(target);
    assert!(!files.is_empty(), "no input in fuzz/corpus/{target}");
    let mut failures = Vec::new();
    let mut accepted = 0;
    let mut slowest = (Duration::ZERO, String::new());
    for file in &files {
        let bytes = std::fs::read(file).expect("corpus file readable");
        let started = Instant::now();
        let outcome = catch_unwind(|| run(&bytes));
        let elapsed = started.elapsed();
        let name = file.strip_prefix(root()).unwrap_or(file).display().to_string();
        match outcome {
            Err(_) => failures.push(format!("{name}: panic")),
            Ok(true) => accepted += 1,
            Ok(false) => {}
        }
        if elapsed > slowest.0 {
            slowest = (elapsed, name);
        }
    }
    println!("{target} : {} entrées, la plus lente {} en {:?}", files.len(), slowest.1, slowest.0);
    assert!(failures.is_empty(), "{} of {} inputs failed:\n{}", failures.len(), files.len(), failures.join("\n"));
    accepted
}

fn case_dir() -> &'static Path {
    harness::case_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/case_dir"))
}

#[test]
fn case_corpus_loads_and_checks_without_panic() {
    let dir = case_dir();
    let accepted = replay("case", |bytes| harness::check_case(bytes, dir));
    // The samples pass the checks: the claim stage is replayed too, not only the refusals.
    assert!(accepted >= 5, "only {accepted} case inputs passed the checks");
}

#[test]
fn piece_corpus_is_inspected_without_panic() {
    let accepted = replay("piece", harness::inspect_piece);
    assert!(accepted >= 5, "only {accepted} pièce inputs were accepted");
}
