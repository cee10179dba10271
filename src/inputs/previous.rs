//! The dossier an earlier build left in the output folder: its manifest, and the bytes of the
//! files a new build may reuse (the mise en demeure sent, the requête filed), each kept only when
//! it still has the SHA-256 the manifest gives.

use std::path::{Path, PathBuf};

use crate::ground::hash::sha256_hex;
use crate::ground::manifest::{Manifest, ManifestFile};

#[derive(Debug, Clone)]
pub struct PreviousDossier {
    pub dir: PathBuf,
    pub manifest: Manifest,
    /// The manifest's entries with a wanted role, in manifest order, with their bytes when intact.
    kept: Vec<(ManifestFile, Option<Vec<u8>>)>,
}

impl PreviousDossier {
    /// Reads the dossier in `dir` and the files whose role is in `roles`; `None` when `dir` holds
    /// no manifest of recouvre.
    pub fn read(dir: &Path, roles: &[&str]) -> Option<Self> {
        let manifest = Manifest::read(dir)?;
        let kept = manifest
            .fichiers
            .iter()
            .filter(|f| roles.contains(&f.role.as_str()))
            .map(|f| {
                let bytes = std::fs::read(dir.join(&f.chemin)).ok().filter(|b| sha256_hex(b) == f.sha256);
                (f.clone(), bytes)
            })
            .collect();
        Some(Self { dir: dir.to_path_buf(), manifest, kept })
    }

    /// The first entry (of the roles read) that `wanted` accepts, if its file is intact.
    pub fn find(&self, wanted: impl Fn(&ManifestFile) -> bool) -> Option<(PathBuf, &ManifestFile, &[u8])> {
        let (entry, bytes) = self.kept.iter().find(|(f, _)| wanted(f))?;
        Some((self.dir.join(&entry.chemin), entry, bytes.as_deref()?))
    }
}
