//! Stage `pack`: the rendered PDFs written safely with the dossier's manifest and zip.

pub mod history;
pub mod output;
pub mod write;
pub mod zip;

pub use write::{Packing, Written, build_folder, write};
