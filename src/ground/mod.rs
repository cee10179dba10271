//! The ground floor: helpers every stage may use, that import no stage.
//!
//! (With the flat `diag`, `rules` and `format` modules beside it.)

pub mod attachments;
pub mod cii;
pub mod facturx;
pub mod files;
pub mod hash;
pub mod ids;
pub mod manifest;
pub mod ubl;
