//! One integration test binary: every test reads back what a user gets.

mod claim_support;
mod support;

mod batch;
mod case_errors;
mod corpus;
mod documents;
mod dossier;
mod fuzz_replay;
mod hostile;
mod interrupt;
mod reproducible;
mod rules;
mod schema;
mod plan;
mod claim_decompte;
mod claim_properties;
mod sample_pieces;
mod import;
