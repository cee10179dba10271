//! recouvre: from one YAML case file about unpaid invoices to a complete French debt-recovery
//! dossier (relances, mise en demeure, requête en injonction de payer, bordereau, pièces).
//!
//! The pipeline, one module per stage, each a plain function from one type to the next:
//! `case` (load) → `check` → `claim` → `plan` → `render` → `pack`; `batch` runs it on a folder.

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
