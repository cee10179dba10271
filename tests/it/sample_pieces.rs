//! The committed sample pièces (`samples/*/pieces/`) are exactly what `examples/sample_pieces`
//! makes from the samples' case.yaml and `samples/_sources/` (about two seconds); scans and the
//! documents recouvre itself wrote at an earlier step are compared by content — the same PDF
//! text, the same scan size and nearly the same pixels (see `Sample::derived`).
//! When this fails: `cargo run --example sample_pieces`, look at the changed files, commit them.

#[path = "../../examples/sample_pieces/documents.rs"]
mod documents;
#[path = "../../examples/sample_pieces/drawing.rs"]
mod drawing;
#[path = "../../examples/sample_pieces/generator.rs"]
mod generator;
#[path = "../../examples/sample_pieces/route_pieces.rs"]
mod route_pieces;
#[path = "../../examples/sample_pieces/scan.rs"]
mod scan;
#[path = "../../examples/sample_pieces/title_pieces.rs"]
mod title_pieces;

#[test]
fn committed_sample_pieces_match_the_generator() {
    let options = generator::Options { check: true, only: Vec::new() };
    let report = generator::run(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), &options);
    assert!(report.ok(), "\n{}", report.summary());
}
