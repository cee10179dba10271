//! Writing a rendered dossier: every PDF, the manifest and the zip, into a staging folder that
//! becomes the build's folder `SORTIE/<reference>/<AAAA-MM-JJ>-<etape>/` only when complete; then
//! the case's `historique.json`.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::output::Staging;
use crate::case::model::Case;
use crate::diag::{Diagnostic, Diagnostics};
use crate::format::data::{iso, money};
use crate::ground::hash::sha256_hex;
use crate::ground::manifest::{GENERATOR, MANIFEST_NAME, Manifest, ManifestFile, ManifestWarning};
use crate::plan::{Plan, Step};
use crate::render::Rendered;

/// Where a dossier was written and what it holds.
#[derive(Debug)]
pub struct Written {
    /// The build's folder.
    pub dir: PathBuf,
    pub files: Vec<ManifestFile>,
}

/// The folder of a build inside `SORTIE/<reference>/`: the documents' date and the step,
/// `2026-09-02-mise-en-demeure`.
pub fn build_folder(date: chrono::NaiveDate, step: Step) -> String {
    format!("{}-{}", iso(date), step.code().replace('_', "-"))
}

/// What `pack` writes besides the PDFs: the case, its plan, the total and the build's fingerprint.
#[derive(Debug, Clone, Copy)]
pub struct Packing<'a> {
    pub case: &'a Case,
    pub plan: &'a Plan,
    pub total_due: Decimal,
    pub fingerprint: &'a str,
    pub warnings: &'a Diagnostics,
}

/// Writes the dossier into `out/<reference>/<date>-<step>/` (replacing a folder of the same date
/// and step only when complete, and only if it holds nothing but recouvre's files), then updates
/// `out/<reference>/historique.json`.
pub fn write(packing: &Packing<'_>, rendered: Rendered, out: &Path) -> Result<Written, Diagnostics> {
    let Packing { case, plan, total_due, fingerprint, warnings } = *packing;
    let inputs: Vec<PathBuf> =
        case.referenced_files().iter().map(|f| f.path.clone()).chain([case.source.file.clone()]).collect();
    let inputs: Vec<PathBuf> = inputs.iter().map(|p| p.canonicalize().unwrap_or_else(|_| p.clone())).collect();
    let folder = build_folder(case.computed_on, plan.step);
    let staging = Staging::new(out, &case.reference, &folder, &inputs)?;
    let root = staging.target().parent().map(Path::to_path_buf).unwrap_or_default();
    // Checked before anything is put in place: a file of that name that is not ours stays.
    super::history::History::read(&root)?;

    let mut entries: Vec<(ManifestFile, Vec<u8>)> = Vec::with_capacity(rendered.files.len());
    for file in rendered.files {
        let entry = ManifestFile {
            chemin: file.path.clone(),
            role: file.role,
            piece: file.piece,
            pages: file.pages,
            date: file.date,
            octets: file.bytes.len() as u64,
            sha256: sha256_hex(&file.bytes),
            sources: file.sources,
        };
        entries.push((entry, file.bytes));
    }
    let manifest = Manifest {
        generateur: GENERATOR.to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        reference: case.reference.clone(),
        date_calcul: iso(case.computed_on),
        etape: plan.step.code().to_string(),
        destinataire: plan.recipient.to_string(),
        total_du: money(total_due),
        empreinte_entrees: fingerprint.to_string(),
        fichiers: entries.iter().map(|(e, _)| e.clone()).collect(),
        avertissements: warnings.warnings().map(ManifestWarning::from).collect(),
    };
    let manifest_bytes = manifest.to_json();
    staging.write(MANIFEST_NAME, &manifest_bytes)?;
    // Every file goes to the folder and into the zip in one pass, in name order, and is dropped
    // once there: the dossier's bytes are never held twice (a long claim's pièces run to 100 MB).
    let mut files: Vec<(String, Vec<u8>)> = entries.into_iter().map(|(e, b)| (e.chemin, b)).collect();
    // The zip is what goes out; to a debtor, the letter and its décompte alone: the manifest, with
    // the creditor's warnings, stays in the folder.
    if !plan.sent_to_debtor() {
        files.push((MANIFEST_NAME.to_string(), manifest_bytes));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let sink = staging.create(&format!("{}.zip", case.reference))?;
    let written = super::zip::write_zip(sink, files, case.computed_on, |name, bytes| {
        if name == MANIFEST_NAME { Ok(()) } else { staging.write(name, bytes) }
    });
    let failed = |e: std::io::Error| Diagnostic::error(format!("création du zip impossible : {e}"));
    match written {
        Ok(sink) => drop(sink.into_inner().map_err(|e| failed(e.into_error()))?),
        Err(super::zip::ZipFailure::Each(e)) => return Err(e.into()),
        Err(super::zip::ZipFailure::Io(e)) => return Err(failed(e).into()),
    }
    let dir = staging.commit()?;
    super::history::update(&root, &case.reference)?;
    Ok(Written { dir, files: manifest.fichiers })
}
