//! Writing a rendered dossier: every PDF, the manifest and the zip, into a staging folder that
//! replaces the previous dossier only when complete.

use std::path::{Path, PathBuf};

use super::Prepared;
use super::assemble::Rendered;
use super::fingerprint::referenced_files;
use crate::diag::Diagnostics;
use crate::pack::hash::sha256_hex;
use crate::pack::manifest::{GENERATOR, Manifest, ManifestFile, ManifestWarning, ROLE_FORMAL_NOTICE};
use crate::pack::output::Staging;
use crate::plan::Plan;
use crate::render::data::common::{iso, money};

/// Where a dossier was written and what it holds.
#[derive(Debug)]
pub struct Written {
    pub dir: PathBuf,
    pub files: Vec<ManifestFile>,
}

/// Name of the carried-forward copy of the mise en demeure recouvre wrote in an earlier step.
const CARRIED_NOTICE: &str = "mise-en-demeure-envoyee.pdf";

pub fn write(
    prepared: &Prepared,
    plan: &Plan,
    rendered: Rendered,
    out: &Path,
    fingerprint: &str,
    warnings: &Diagnostics,
) -> Result<Written, Diagnostics> {
    let case = &prepared.case;
    let inputs: Vec<PathBuf> =
        referenced_files(case).iter().map(|f| f.path.clone()).chain([case.source.file.clone()]).collect();
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
    if let Some(carried) = carry_forward_notice(staging.target(), &entries) {
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
        total_du: money(prepared.claim.totals.total_due),
        empreinte_entrees: fingerprint.to_string(),
        fichiers: entries.iter().map(|(e, _)| e.clone()).collect(),
        avertissements: warnings.warnings().map(ManifestWarning::from).collect(),
    };
    let manifest_bytes = manifest.to_json();
    staging.write(crate::pack::manifest::MANIFEST_NAME, &manifest_bytes)?;
    let mut zip_entries: Vec<(String, Vec<u8>)> = entries.into_iter().map(|(e, b)| (e.chemin, b)).collect();
    zip_entries.push((crate::pack::manifest::MANIFEST_NAME.to_string(), manifest_bytes));
    let zip = crate::pack::zip::zip_files(zip_entries, case.computed_on)
        .map_err(|e| Diagnostics::from(crate::diag::Diagnostic::error(format!("création du zip impossible : {e}"))))?;
    staging.write(&format!("{}.zip", case.reference), &zip)?;
    let dir = staging.commit()?;
    Ok(Written { dir, files: manifest.fichiers })
}

/// The mise en demeure an earlier build wrote, kept in the new dossier when this build does not
/// write one, so a later court dossier can use it as a pièce (see `plan::pieces`).
fn carry_forward_notice(previous: &Path, entries: &[(ManifestFile, Vec<u8>)]) -> Option<(ManifestFile, Vec<u8>)> {
    if entries.iter().any(|(e, _)| e.role == ROLE_FORMAL_NOTICE) {
        return None;
    }
    let manifest = Manifest::read(previous)?;
    let entry = manifest.fichiers.into_iter().find(|f| f.role == ROLE_FORMAL_NOTICE)?;
    let bytes = std::fs::read(previous.join(&entry.chemin)).ok()?;
    if sha256_hex(&bytes) != entry.sha256 {
        return None;
    }
    Some((ManifestFile { chemin: CARRIED_NOTICE.to_string(), ..entry }, bytes))
}
