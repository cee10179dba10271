//! `SORTIE/<reference>/historique.json`: every build of the case, oldest first — its folder,
//! the documents' date, the step, who it is for, the total, and the SHA-256 of each document,
//! of the manifest and of the zip. Rewritten (atomically) after each build from what is on disk,
//! so a run killed between the folder and this file leaves nothing missing at the next one;
//! a build whose folder was removed stays listed, marked as such.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;
use crate::ground::hash::sha256_hex;
use crate::ground::manifest::{GENERATOR, MANIFEST_NAME, Manifest};
use crate::inputs::PreviousDossier;

pub const HISTORY_NAME: &str = "historique.json";
/// The history being written, before it is renamed into place: `.recouvre-historique--XXXXXX`.
pub(super) const TEMP_PREFIX: &str = ".recouvre-historique-";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub generateur: String,
    pub reference: String,
    pub constructions: Vec<HistoryEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The build's folder inside `SORTIE/<reference>/` (empty: a dossier of the former layout,
    /// written straight into `SORTIE/<reference>/`).
    pub dossier: String,
    /// The documents' date (`date_calcul`), ISO.
    pub date: String,
    pub etape: String,
    pub destinataire: String,
    pub total_du: String,
    pub version: String,
    pub empreinte_entrees: String,
    pub manifest_sha256: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub zip_sha256: Option<String>,
    pub documents: Vec<HistoryDocument>,
    /// The folder is no longer in `SORTIE/<reference>/` (moved or deleted by hand).
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub dossier_absent: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryDocument {
    pub chemin: String,
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub piece: Option<usize>,
    pub sha256: String,
}

impl History {
    /// The history in `root`: `Ok(None)` when there is none yet; an error when a file of that
    /// name is there but is not recouvre's (it is never replaced).
    pub fn read(root: &Path) -> Result<Option<History>, Diagnostic> {
        let path = root.join(HISTORY_NAME);
        let Ok(bytes) = std::fs::read(&path) else { return Ok(None) };
        match serde_json::from_slice::<History>(&bytes) {
            Ok(history) if history.generateur == GENERATOR => Ok(Some(history)),
            _ => Err(Diagnostic::error(format!(
                "{} n'est pas un historique écrit par recouvre : il ne sera pas remplacé",
                path.display()
            ))
            .hint("renommez ou déplacez ce fichier : recouvre y tient la liste des dossiers construits")),
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut text = serde_json::to_vec_pretty(self).unwrap_or_default();
        text.push(b'\n');
        text
    }
}

/// Rewrites `root/historique.json` from the builds in `root`, keeping the entries of builds
/// whose folder has gone.
pub fn update(root: &Path, reference: &str) -> Result<(), Diagnostic> {
    let earlier = History::read(root)?;
    let archive = PreviousDossier::read(root);
    let builds = archive.as_ref().map(|a| a.builds.as_slice()).unwrap_or_default();
    let mut entries: Vec<HistoryEntry> = builds.iter().map(|b| entry(root, &b.dir, &b.manifest)).collect();
    for mut gone in earlier.map(|h| h.constructions).unwrap_or_default() {
        if !entries.iter().any(|e| e.dossier == gone.dossier) {
            gone.dossier_absent = true;
            entries.push(gone);
        }
    }
    entries.sort_by(|a, b| (&a.date, &a.dossier).cmp(&(&b.date, &b.dossier)));
    let history =
        History { generateur: GENERATOR.to_string(), reference: reference.to_string(), constructions: entries };
    let fail = |e: std::io::Error| {
        Diagnostic::error(format!("écriture de l'historique impossible : {}", crate::ground::files::io_reason(&e)))
            .in_file(root.join(HISTORY_NAME))
    };
    let mut temp = tempfile::Builder::new().prefix(&format!("{TEMP_PREFIX}-")).tempfile_in(root).map_err(fail)?;
    std::io::Write::write_all(&mut temp, &history.to_json()).map_err(fail)?;
    temp.persist(root.join(HISTORY_NAME)).map_err(|e| fail(e.error))?;
    Ok(())
}

fn entry(root: &Path, dir: &Path, manifest: &Manifest) -> HistoryEntry {
    let folder = dir.strip_prefix(root).map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    let hash_of = |name: &str| std::fs::read(dir.join(name)).ok().map(|b| sha256_hex(&b));
    HistoryEntry {
        dossier: folder,
        date: manifest.date_calcul.clone(),
        etape: manifest.etape.clone(),
        destinataire: manifest.destinataire.clone(),
        total_du: manifest.total_du.clone(),
        version: manifest.version.clone(),
        empreinte_entrees: manifest.empreinte_entrees.clone(),
        manifest_sha256: hash_of(MANIFEST_NAME).unwrap_or_default(),
        zip_sha256: hash_of(&format!("{}.zip", manifest.reference)),
        documents: manifest
            .fichiers
            .iter()
            .map(|f| HistoryDocument {
                chemin: f.chemin.clone(),
                role: f.role.clone(),
                piece: f.piece,
                sha256: f.sha256.clone(),
            })
            .collect(),
        dossier_absent: false,
    }
}
