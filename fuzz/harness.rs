//! What the fuzz targets run, shared with `tests/it/fuzz_replay.rs` (both include this file by
//! `#[path]`), so that `cargo test` replays the corpus through exactly the same calls.
//!
//! The case is checked as if it were `case_dir/case.yaml`; `fuzz/case_dir/pieces/` holds tiny
//! stand-ins (right magic bytes, nothing more) named like the samples' pièces, so that cases
//! derived from the samples get past the file checks and reach the consistency checks and the claim.

// Each fuzz target uses half of this file.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use recouvre::case::model::FileKind;
use recouvre::claim::RateTables;

/// "Today" for cases without `date_calcul`: fixed, so that every run checks the same way.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

/// The canonical case folder, `dir` canonicalised once.
pub fn case_dir(dir: &str) -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| Path::new(dir).canonicalize().expect("fuzz case folder present"))
}

fn rates() -> &'static RateTables {
    static RATES: OnceLock<RateTables> = OnceLock::new();
    RATES.get_or_init(RateTables::embedded)
}

/// `recouvre check` on a case file holding `bytes`: load, check, then the claim computed as
/// `pipeline::prepare` does, and every message formatted as it would be printed. True when the case
/// passed the checks (and so reached the claim).
pub fn check_case(bytes: &[u8], case_dir: &Path) -> bool {
    let file = case_dir.join("case.yaml");
    let loaded = recouvre::case::load::load_bytes(bytes, &file);
    let checked = recouvre::check::check(&loaded, &recouvre::inputs::Files::new(), today());
    let mut diagnostics = checked.diagnostics;
    let accepted = checked.case.is_some();
    if let Some(case) = checked.case {
        let found = match recouvre::claim::compute(&case, rates(), case.computed_on) {
            Ok(claim) => claim.warnings,
            Err(errors) => errors,
        };
        diagnostics.extend(loaded.locator.place(found, &loaded.file));
    }
    let diagnostics = diagnostics.sorted();
    let _ = diagnostics.to_string();
    let _ = diagnostics.0.iter().map(ToString::to_string).count();
    accepted
}

/// Bytes inspected as each kind of pièce. What is accepted must be embeddable. True when some
/// kind accepted them.
pub fn inspect_piece(bytes: &[u8]) -> bool {
    let mut accepted = false;
    for kind in [FileKind::Pdf, FileKind::Png, FileKind::Jpeg] {
        match recouvre::render::pieces::inspect(&recouvre::inputs::InputFile::new(bytes.to_vec()), kind, "pieces/piece")
        {
            Ok(file) => {
                assert!(!bytes.is_empty(), "empty file accepted");
                assert!((1..=5_000).contains(&file.pages), "{} pages accepted", file.pages);
                accepted = true;
            }
            Err(d) => {
                let _ = d.to_string();
            }
        }
    }
    // Typst memoizes decoded images; a build evicts after each compile, so must we after each input.
    typst::comemo::evict(0);
    accepted
}
