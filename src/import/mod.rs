//! `recouvre import`: case folders from the data users already have — Factur-X invoices
//! (`factur-x`) and aged-balance or open-items exports (`balance`).
//!
//! Each source becomes [`draft::Draft`]s (one per creditor–debtor pair), written as `case.yaml`
//! by `case_text`, with their files, by `write` (all or nothing over existing folders, each
//! folder atomically). What the data cannot say is left as `À COMPLÉTER` lines; odd values are
//! kept, with a comment on their line and a warning in the summary.

mod balance;
mod balance_drafts;
mod case_text;
mod columns;
mod creditor;
mod draft;
mod entries;
mod fields;
mod french;
mod from_facturx;
mod identity;
mod invoice_inputs;
mod invoice_parties;
mod naming;
mod recognised;
mod reconcile;
mod sheet;
mod table;
mod tiers;
mod write;
mod yaml_out;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

pub use balance::{BalanceOptions, import_balance};
pub use case_text::TODO;
pub use from_facturx::{FacturxOptions, import_facturx};
pub use recognised::columns_help;
pub use write::SCHEMA_FILE;

use crate::diag::Diagnostics;
use crate::format::{count, euros, plural};

/// What an import wrote, and what it noticed.
#[derive(Debug, Clone)]
pub struct Report {
    /// `Factur-X` or `balance`.
    pub source: &'static str,
    pub out: PathBuf,
    /// How the source was read (encoding, separator, columns recognised).
    pub details: Vec<String>,
    pub folders: Vec<FolderLine>,
    pub warnings: Diagnostics,
}

/// One case folder written.
#[derive(Debug, Clone)]
pub struct FolderLine {
    pub dir: PathBuf,
    pub debtor: String,
    pub invoices: usize,
    pub credit_notes: usize,
    pub total_gross: Decimal,
    /// Invoices less credit notes and payments.
    pub total_due: Decimal,
    /// Fields left to fill in before `check` accepts the case.
    pub to_complete: usize,
}

impl Report {
    fn new(
        source: &'static str,
        out: &Path,
        drafts: &[draft::Draft],
        dirs: Vec<PathBuf>,
        warnings: Diagnostics,
    ) -> Self {
        let folders = drafts
            .iter()
            .zip(dirs)
            .map(|(d, dir)| FolderLine {
                to_complete: count_to_complete(&dir.join("case.yaml")),
                dir,
                debtor: d
                    .debtor
                    .raison_sociale
                    .clone()
                    .or_else(|| d.debtor.nom.clone())
                    .unwrap_or_else(|| d.folder.clone()),
                invoices: d.invoices.len(),
                credit_notes: d.credit_notes.iter().filter(|c| c.left_out.is_none()).count(),
                total_gross: d.total_gross(),
                total_due: d.total_due(),
            })
            .collect();
        Report { source, out: out.to_path_buf(), details: Vec::new(), folders, warnings }
    }

    /// What the command prints after the warnings.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        for line in &self.details {
            let _ = writeln!(s, "{line}");
        }
        let invoices: usize = self.folders.iter().map(|f| f.invoices).sum();
        let _ = writeln!(
            s,
            "Import {} : {} de cas {} dans {}, {}",
            self.source,
            count(self.folders.len(), "dossier", "dossiers"),
            plural(self.folders.len(), "écrit", "écrits"),
            self.out.display(),
            count(invoices, "facture", "factures")
        );
        for f in &self.folders {
            let credits = if f.credit_notes > 0 {
                format!(", {}", count(f.credit_notes, "avoir", "avoirs"))
            } else {
                String::new()
            };
            let todo = match f.to_complete {
                0 => String::new(),
                n => format!(" — {} « {TODO} »", count(n, "champ", "champs")),
            };
            let _ = writeln!(
                s,
                "  {} — {} : {}{credits}, total TTC {}, reste dû {}{todo}",
                f.dir.join("case.yaml").display(),
                f.debtor,
                count(f.invoices, "facture", "factures"),
                euros(f.total_gross),
                euros(f.total_due)
            );
        }
        let warnings = self.warnings.warnings().count();
        if warnings > 0 {
            let _ = writeln!(
                s,
                "{}, {} ci-dessus",
                count(warnings, "avertissement", "avertissements"),
                plural(warnings, "détaillé", "détaillés")
            );
        }
        let _ = writeln!(
            s,
            "Ensuite : complétez chaque case.yaml (lignes « {TODO} »), ajoutez relances et mise en demeure, puis\n  recouvre check DOSSIER/case.yaml   ou   recouvre batch {} -o SORTIE",
            self.out.display()
        );
        s
    }
}

/// Lines of the written file still to fill in (comment lines are suggestions, not counted).
fn count_to_complete(case: &Path) -> usize {
    std::fs::read_to_string(case)
        .map(|t| t.lines().filter(|l| !l.trim_start().starts_with('#') && l.contains(TODO)).count())
        .unwrap_or(0)
}
