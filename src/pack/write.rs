//! Writing a rendered dossier: every PDF, the manifest and the zip, into a staging folder that
//! replaces the previous dossier only when complete.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::output::Staging;
use crate::case::model::Case;
use crate::diag::{Diagnostic, Diagnostics};
use crate::format::data::{iso, money};
use crate::ground::hash::sha256_hex;
use crate::ground::manifest::{GENERATOR, MANIFEST_NAME, Manifest, ManifestFile, ManifestWarning, ROLE_FORMAL_NOTICE};
use crate::inputs::PreviousDossier;
use crate::plan::Plan;
use crate::render::Rendered;

/// Where a dossier was written and what it holds.
#[derive(Debug)]
pub struct Written {
    pub dir: PathBuf,
    pub files: Vec<ManifestFile>,
}

/// Name of the carried-forward copy of the mise en demeure recouvre wrote in an earlier step.
const CARRIED_NOTICE: &str = "mise-en-demeure-envoyee.pdf";

/// What `pack` writes besides the PDFs: the case, its plan, the total and the build's fingerprint.
#[derive(Debug, Clone, Copy)]
pub struct Packing<'a> {
    pub case: &'a Case,
    pub plan: &'a Plan,
    pub total_due: Decimal,
    pub fingerprint: &'a str,
    pub warnings: &'a Diagnostics,
    /// The dossier this one replaces, whose mise en demeure is carried forward.
    pub previous: Option<&'a PreviousDossier>,
}

/// Writes the dossier into `out/<reference>/`, replacing the previous one only when complete.
pub fn write(packing: &Packing<'_>, rendered: Rendered, out: &Path) -> Result<Written, Diagnostics> {
    let Packing { case, plan, total_due, fingerprint, warnings, previous } = *packing;
    let inputs: Vec<PathBuf> =
        case.referenced_files().iter().map(|f| f.path.clone()).chain([case.source.file.clone()]).collect();
    let inputs: Vec<PathBuf> = inputs.iter().map(|p| p.canonicalize().unwrap_or_else(|_| p.clone())).collect();
    let staging = Staging::new(out, &case.reference, &inputs)?;

    let mut entries: Vec<(ManifestFile, Vec<u8>)> = Vec::new();
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
    if let Some(carried) = previous.and_then(|p| carry_forward_notice(p, &entries)) {
        entries.push(carried);
    }
    for (entry, bytes) in &entries {
        staging.write(&entry.chemin, bytes)?;
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
    let mut zip_entries: Vec<(String, Vec<u8>)> = entries.into_iter().map(|(e, b)| (e.chemin, b)).collect();
    zip_entries.push((MANIFEST_NAME.to_string(), manifest_bytes));
    let zip = super::zip::zip_files(zip_entries, case.computed_on)
        .map_err(|e| Diagnostics::from(Diagnostic::error(format!("création du zip impossible : {e}"))))?;
    staging.write(&format!("{}.zip", case.reference), &zip)?;
    let dir = staging.commit()?;
    Ok(Written { dir, files: manifest.fichiers })
}

/// The mise en demeure an earlier build wrote, kept in the new dossier when this build does not
/// write one, so a later court dossier can use it as a pièce (see `plan::pieces`).
fn carry_forward_notice(
    previous: &PreviousDossier,
    entries: &[(ManifestFile, Vec<u8>)],
) -> Option<(ManifestFile, Vec<u8>)> {
    if entries.iter().any(|(e, _)| e.role == ROLE_FORMAL_NOTICE) {
        return None;
    }
    let (_, entry, bytes) = previous.find(|f| f.role == ROLE_FORMAL_NOTICE)?;
    Some((ManifestFile { chemin: CARRIED_NOTICE.to_string(), ..entry.clone() }, bytes.to_vec()))
}
