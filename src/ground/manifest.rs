//! `manifest.json`: every file of a dossier with its role, pièce number, pages, size and SHA-256,
//! the inputs it came from, the warnings, and what produced it.

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;

/// Name of the manifest inside a dossier folder; its presence marks a folder recouvre created.
pub const MANIFEST_NAME: &str = "manifest.json";
pub const GENERATOR: &str = "recouvre";
/// Role of the mise en demeure letter, carried from build to build until it is a pièce.
pub const ROLE_FORMAL_NOTICE: &str = "mise_en_demeure";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub generateur: String,
    pub version: String,
    pub reference: String,
    pub date_calcul: String,
    /// Step of the ladder the dossier was built for.
    pub etape: String,
    /// Who the dossier is for: debiteur, greffe or commissaire.
    pub destinataire: String,
    pub total_du: String,
    /// Hash of every input (case file, pièces, templates, rates, version): a batch skips a case
    /// whose inputs hash the same as its last good build.
    pub empreinte_entrees: String,
    pub fichiers: Vec<ManifestFile>,
    pub avertissements: Vec<ManifestWarning>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// Path inside the dossier folder, with `/`.
    pub chemin: String,
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub piece: Option<usize>,
    pub pages: usize,
    /// Date the document bears (letters), ISO.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<String>,
    pub octets: u64,
    pub sha256: String,
    /// Input files this one was made from (a stamped pièce from the supplied scan).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub sources: Vec<SourceFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceFile {
    /// As written in the case file, relative to its folder.
    pub chemin: String,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestWarning {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub code: Option<String>,
    pub champ: String,
    pub message: String,
}

impl From<&Diagnostic> for ManifestWarning {
    fn from(d: &Diagnostic) -> Self {
        Self { code: d.code.map(str::to_string), champ: d.field.clone(), message: d.message.clone() }
    }
}

impl Manifest {
    pub fn to_json(&self) -> Vec<u8> {
        let mut text = serde_json::to_vec_pretty(self).unwrap_or_default();
        text.push(b'\n');
        text
    }

    /// Reads a manifest back; `None` when absent or not ours.
    pub fn read(dir: &std::path::Path) -> Option<Manifest> {
        let bytes = std::fs::read(dir.join(MANIFEST_NAME)).ok()?;
        let manifest: Manifest = serde_json::from_slice(&bytes).ok()?;
        (manifest.generateur == GENERATOR).then_some(manifest)
    }
}
