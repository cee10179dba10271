//! The inputs of `recouvre import factures`: PDFs and invoice XMLs named or found in folders,
//! each read into a [`Doc`] (or reported and skipped).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::identity::Source;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ground::cii::CiiInvoice;
use crate::ground::facturx::{FacturX, is_xml, read_pdf, read_xml};
use crate::ground::files::MAX_FILE_BYTES;
use crate::ground::files::io_reason;

/// One Factur-X PDF read.
#[derive(Debug)]
pub(super) struct Doc {
    pub(super) path: PathBuf,
    pub(super) fx: FacturX,
    /// A standalone XML, not a PDF: no invoice file to copy.
    pub(super) xml_only: bool,
}

impl Doc {
    pub(super) fn invoice(&self) -> &CiiInvoice {
        &self.fx.invoice
    }

    pub(super) fn name(&self) -> String {
        self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }

    pub(super) fn source(&self) -> Source<'_> {
        Source { file: &self.path, line: 0 }
    }

    /// A credit note: its type says so, or its total is negative (a ZUGFeRD 1 correction).
    pub(super) fn is_credit(&self) -> bool {
        self.invoice().is_credit_note() || self.invoice().gross.is_some_and(|g| g.is_sign_negative() && !g.is_zero())
    }
}

/// The PDFs named, and those inside the folders named (not inside the output folder).
pub(super) fn pdf_files(inputs: &[PathBuf], out: &Path) -> Result<Vec<PathBuf>, Diagnostics> {
    let skip = out.canonicalize().ok();
    let mut files = Vec::new();
    let mut missing = Diagnostics::new();
    for input in inputs {
        if input.is_dir() {
            let walker = walkdir::WalkDir::new(input).sort_by_file_name().into_iter().filter_entry(|e| {
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                let is_out = skip.as_deref().is_some_and(|s| e.path().canonicalize().is_ok_and(|p| p == s));
                !hidden && !is_out
            });
            for entry in walker.flatten() {
                let is_invoice = entry
                    .path()
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("pdf") || e.eq_ignore_ascii_case("xml"));
                if entry.file_type().is_file() && is_invoice {
                    files.push(entry.into_path());
                }
            }
        } else if input.is_file() {
            files.push(input.clone());
        } else if input.exists() {
            missing.push(
                Diagnostic::error("ce n'est pas un fichier ordinaire : rien n'a été écrit")
                    .in_file(input)
                    .hint("donnez des fichiers PDF, ou des dossiers qui en contiennent"),
            );
        } else {
            missing.push(
                Diagnostic::error("fichier introuvable : rien n'a été écrit")
                    .in_file(input)
                    .hint("vérifiez le chemin ; un dossier donné est parcouru à la recherche de PDF"),
            );
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    // A file named twice (by itself and through its folder) is read once.
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(f.canonicalize().unwrap_or_else(|_| f.clone())));
    Ok(files)
}

pub(super) fn read_one(path: PathBuf, warnings: &mut Diagnostics) -> Option<Doc> {
    let skipped = |why: String| Diagnostic::warning(format!("{why} : fichier ignoré")).in_file(&path);
    match std::fs::metadata(&path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            warnings.push(skipped("fichier de plus de 256 Mo".into()));
            return None;
        }
        Err(e) => {
            warnings.push(skipped(format!("fichier illisible ({})", io_reason(&e))));
            return None;
        }
        Ok(_) => {}
    }
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            warnings.push(skipped(format!("fichier illisible ({})", io_reason(&e))));
            return None;
        }
    };
    let xml_only = is_xml(&bytes);
    let read = if xml_only {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        read_xml(bytes, &name).map(Some)
    } else {
        read_pdf(bytes)
    };
    match read {
        Ok(Some(fx)) => {
            for problem in &fx.invoice.problems {
                warnings.push(Diagnostic::warning(format!("{} : {problem}", fx.xml_name)).in_file(&path));
            }
            for other in &fx.ignored_xml {
                warnings.push(
                    Diagnostic::warning(format!(
                        "deux XML de facture joints : « {} » est repris, « {other} » ne l'est pas",
                        fx.xml_name
                    ))
                    .in_file(&path),
                );
            }
            Some(Doc { path, fx, xml_only })
        }
        Ok(None) => {
            warnings.push(
                skipped(
                    "aucun XML de facture joint (ni factur-x.xml, ni zugferd-invoice.xml, ni xrechnung.xml)".into(),
                )
                .hint("ce PDF n'est pas une facture électronique : ajoutez-la à la main dans « factures »"),
            );
            None
        }
        Err(e) => {
            warnings.push(skipped(e.message()));
            None
        }
    }
}
