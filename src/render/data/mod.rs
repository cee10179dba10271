//! Case + claim + plan → the JSON each template reads. Never Typst source: names, amounts and
//! free text reach the templates as data, so nothing a user writes can run as code.

pub mod common;
pub mod documents;
pub mod enforcement;
pub mod routes;
