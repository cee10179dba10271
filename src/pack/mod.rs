//! Stage `pack`: files of a dossier written safely, its manifest and its zip.

pub mod hash;
pub mod manifest;
pub mod output;
pub mod zip;
