//! recouvre: from one YAML case file about unpaid invoices to a complete French debt-recovery
//! dossier (relances, mise en demeure, requête en injonction de payer, bordereau, pièces).
//!
//! The stages, one folder each, each a plain function from one type to the next:
//! - [`pipeline`]: the spine — one `Request` per command, the stages run in order, the up-to-date skip.
//! - [`inputs`]: the I/O boundary — what a build reads besides the case (the previous dossier, once).
//! - [`case`]: the YAML read into located raw types (`RawCase`); the case's JSON Schema.
//! - [`check`]: `RawCase` → validated [`case::model::Case`], every error and warning located.
//! - [`claim`]: the décompte — interest periods, payments imputed, indemnities, totals.
//! - [`plan`]: the step due, the court, the documents and numbered pièces; reads no disk.
//! - [`render`]: template data, one Typst compilation of the dossier, one PDF per part.
//! - [`pack`]: the PDFs, `manifest.json` and the zip written to a staging folder, then swapped in.
//!
//! Beside them: [`batch`] (a folder of cases), [`import`] (case folders from Factur-X or a
//! balance), [`cli`] (parses and prints). The ground floor, importing no stage: [`diag`],
//! [`rules`], [`format`](mod@format), [`ground`].

pub mod batch;
pub mod case;
pub mod check;
pub mod claim;
pub mod cli;
pub mod diag;
pub mod format;
pub mod ground;
pub mod import;
pub mod inputs;
pub mod pack;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod rules;
pub mod suivi;
