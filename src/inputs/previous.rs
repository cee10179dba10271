//! The case's archive in the output folder: every build an earlier run left in
//! `SORTIE/<reference>/<AAAA-MM-JJ>-<etape>/` (and a dossier of the former layout, written
//! straight into `SORTIE/<reference>/`), each with its manifest. A later build takes from it the
//! documents that went out (the mise en demeure sent, the requête filed), each only while its
//! bytes still have the SHA-256 its manifest gives.

use std::path::{Path, PathBuf};

use crate::ground::hash::sha256_hex;
use crate::ground::manifest::{MANIFEST_NAME, Manifest, ManifestFile};

/// One build of the archive.
#[derive(Debug, Clone)]
pub struct ArchivedBuild {
    /// Its folder (`SORTIE/<reference>/2026-09-02-mise-en-demeure`).
    pub dir: PathBuf,
    pub manifest: Manifest,
}

#[derive(Debug, Clone)]
pub struct PreviousDossier {
    /// `SORTIE/<reference>`.
    pub dir: PathBuf,
    /// Oldest first (documents' date, then the time each was built).
    pub builds: Vec<ArchivedBuild>,
}

impl PreviousDossier {
    /// Reads the archive in `dir`; `None` when it holds no build of recouvre.
    pub fn read(dir: &Path) -> Option<Self> {
        // A link or a file in place of the folder is not an archive (and `pack` refuses it).
        if !std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
            return None;
        }
        let mut builds: Vec<ArchivedBuild> = Vec::new();
        if let Some(manifest) = Manifest::read(dir) {
            builds.push(ArchivedBuild { dir: dir.to_path_buf(), manifest });
        }
        for entry in std::fs::read_dir(dir).ok()?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || !entry.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            if let Some(manifest) = Manifest::read(&entry.path()) {
                builds.push(ArchivedBuild { dir: entry.path(), manifest });
            }
        }
        // Same date: the one built last comes last.
        let built_at = |b: &ArchivedBuild| std::fs::metadata(b.dir.join(MANIFEST_NAME)).and_then(|m| m.modified()).ok();
        builds.sort_by_cached_key(|b| (b.manifest.date_calcul.clone(), built_at(b)));
        (!builds.is_empty()).then(|| Self { dir: dir.to_path_buf(), builds })
    }

    /// The newest build's file that `wanted` accepts and whose bytes are intact: its path, its
    /// manifest entry and its bytes.
    pub fn find(&self, wanted: impl Fn(&ManifestFile) -> bool) -> Option<(PathBuf, &ManifestFile, Vec<u8>)> {
        self.find_in(|_| true, wanted)
    }

    /// As [`Self::find`], among the builds whose manifest `build` accepts.
    pub fn find_in(
        &self,
        build: impl Fn(&Manifest) -> bool,
        wanted: impl Fn(&ManifestFile) -> bool,
    ) -> Option<(PathBuf, &ManifestFile, Vec<u8>)> {
        self.builds.iter().rev().filter(|b| build(&b.manifest)).find_map(|b| {
            b.manifest.fichiers.iter().filter(|f| wanted(f)).find_map(|f| {
                let path = b.dir.join(&f.chemin);
                let bytes = std::fs::read(&path).ok().filter(|bytes| sha256_hex(bytes) == f.sha256)?;
                Some((path, f, bytes))
            })
        })
    }

    /// The build made from these very inputs, if one is still there.
    pub fn built_from(&self, fingerprint: &str) -> Option<&ArchivedBuild> {
        self.builds.iter().rev().find(|b| b.manifest.empreinte_entrees == fingerprint)
    }

    /// The newest build.
    pub fn latest(&self) -> Option<&ArchivedBuild> {
        self.builds.last()
    }
}
