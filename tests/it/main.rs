//! One integration test binary: every test reads back what a user gets.

mod claim_support;
mod legal_support;
mod support;

mod archive;
mod batch;
mod case_errors;
mod claim_decompte;
mod claim_properties;
mod claim_segments;
mod commands;
mod corpus;
mod csv_fr;
mod documents;
mod dossier;
mod due;
mod email;
mod fuzz_replay;
mod hold;
mod hostile;
mod import;
mod import_exports;
mod import_xml;
mod interrupt;
mod legal_figures;
mod legal_layout;
mod long_claims;
mod payment_qr;
mod pdf_check;
mod plan;
mod reproducible;
mod rules;
mod sample_pieces;
mod schema;
mod suivi;
mod typography;
