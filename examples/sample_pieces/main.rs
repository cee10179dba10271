//! Generates the pièce files the samples name (invoices, delivery notes, quotes, CGV, reminder
//! proofs, the mise en demeure as sent and its AR, the ordonnance, the requête as filed) from each
//! `samples/<case>/case.yaml`, into `samples/<case>/pieces/`. Deterministic: same bytes every run.
//!
//!     cargo run --example sample_pieces                 # write (only files that changed)
//!     cargo run --example sample_pieces -- --check      # compare with the files on disk
//!     cargo run --example sample_pieces -- atelier-dupont   # only some samples
//!
//! The Typst sources of the documents are in `samples/_sources/`.

mod documents;
mod drawing;
mod generator;
mod route_pieces;
mod scan;
mod title_pieces;

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut options = generator::Options::default();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--check" => options.check = true,
            "-h" | "--help" => {
                println!("usage : cargo run --example sample_pieces -- [--check] [ÉCHANTILLON…]");
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with('-') => {
                eprintln!("option inconnue « {flag} » (attendu : --check, ou des noms de dossiers de samples/)");
                return ExitCode::from(2);
            }
            name => options.only.push(name.to_string()),
        }
    }
    let report = generator::run(Path::new(env!("CARGO_MANIFEST_DIR")), &options);
    print!("{}", report.summary());
    if report.ok() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
