//! The I/O boundary of a build, as typst-cli's World is for Typst: what the stages read from
//! disk besides the case file and its pièces is read here once, then handed to them.
//!
//! - [`Files`]: the files the case names, each read once, hashed once (the Factur-X check, the
//!   render and the inputs fingerprint share the bytes).
//! - [`PreviousDossier`]: the previous dossier of the case (its manifest, and the files a later
//!   build may reuse, checked against their SHA-256). `plan` and `pack` read it from here; the
//!   letters `plan` found intact reach the render through [`Files::adopt`], read once.

pub mod files;
pub mod previous;

pub use files::{Files, InputFile};
pub use previous::PreviousDossier;
