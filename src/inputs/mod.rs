//! The I/O boundary of a build, as typst-cli's World is for Typst: what the stages read from
//! disk besides the case file and its pièces is read here once, then handed to them.
//!
//! Today: the previous dossier of the case (its manifest, and the files a later build may reuse,
//! checked against their SHA-256). `plan` and `pack` read it from here and touch no disk for it.

pub mod previous;

pub use previous::PreviousDossier;
