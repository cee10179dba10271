//! R087: one file given as the proof of several invoices. A judge reads each invoice's pièce as
//! its proof, and the bordereau would number the same document twice: the same bytes (same
//! SHA-256, whatever the file names) cannot prove two invoices.

use std::collections::HashMap;

use crate::case::model::Case;
use crate::case::path::join;
use crate::diag::Diagnostic;
use crate::inputs::Files;
use crate::rules;

/// A warning for each invoice whose file holds the same bytes as an earlier invoice's file. The
/// files are read through `files`, as the Factur-X check reads them: once per build, hashed once.
pub fn check(case: &Case, files: &Files) -> Vec<Diagnostic> {
    let mut first: HashMap<String, (&str, &str)> = HashMap::new();
    let mut out = Vec::new();
    for inv in &case.invoices {
        let Some(file) = &inv.file else { continue };
        let Ok(read) = files.read(&file.path) else { continue };
        match first.get(&read.sha256) {
            Some((number, relative)) => {
                let same = if *relative == file.relative {
                    format!("le même fichier que la facture {number}")
                } else {
                    format!("un fichier identique à celui de la facture {number} (« {relative} », même SHA-256)")
                };
                out.push(
                    rules::SHARED_INVOICE_FILE
                        .report(format!("la facture {} a pour fichier « {} », {same}", inv.number, file.relative))
                        .field(join(&inv.field, "fichier"))
                        .hint(format!(
                            "joignez à la facture {} son propre fichier (la facture telle qu'envoyée) : une même pièce ne prouve pas deux factures",
                            inv.number
                        )),
                );
            }
            None => {
                first.insert(read.sha256.clone(), (&inv.number, &file.relative));
            }
        }
    }
    out
}
