//! The case's archive in the output folder: every build an earlier run left in
//! `SORTIE/<reference>/<AAAA-MM-JJ>-<etape>/` (and a dossier of the former layout, written
//! straight into `SORTIE/<reference>/`), each with its manifest. A later build takes from it the
//! documents that went out (the mise en demeure sent, the requête filed), each only while its
//! bytes still have the SHA-256 its manifest gives.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::files::InputFile;
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
    /// The files [`Self::find_in`] read and found intact, by path: the build hands them to the
    /// render ([`super::Files::adopt`]), which then neither reads nor hashes them again.
    verified: Arc<Mutex<HashMap<PathBuf, Arc<InputFile>>>>,
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
        (!builds.is_empty()).then(|| Self { dir: dir.to_path_buf(), builds, verified: Arc::default() })
    }

    /// The newest build's file that `wanted` accepts and whose bytes are intact: its path and its
    /// manifest entry; its bytes are kept for the render ([`Self::verified`]).
    pub fn find(&self, wanted: impl Fn(&ManifestFile) -> bool) -> Option<(PathBuf, &ManifestFile)> {
        self.find_in(|_| true, wanted)
    }

    /// As [`Self::find`], among the builds whose manifest `build` accepts.
    pub fn find_in(
        &self,
        build: impl Fn(&Manifest) -> bool,
        wanted: impl Fn(&ManifestFile) -> bool,
    ) -> Option<(PathBuf, &ManifestFile)> {
        self.builds.iter().rev().filter(|b| build(&b.manifest)).find_map(|b| {
            b.manifest.fichiers.iter().filter(|f| wanted(f)).find_map(|f| {
                let path = b.dir.join(&f.chemin);
                let bytes = std::fs::read(&path).ok().filter(|bytes| sha256_hex(bytes) == f.sha256)?;
                let file = Arc::new(InputFile { bytes: bytes.into(), sha256: f.sha256.clone() });
                if let Ok(mut verified) = self.verified.lock() {
                    verified.insert(path.clone(), file);
                }
                Some((path, f))
            })
        })
    }

    /// The files found intact so far, with their bytes and SHA-256.
    pub fn verified(&self) -> Vec<(PathBuf, Arc<InputFile>)> {
        self.verified.lock().map(|v| v.iter().map(|(p, f)| (p.clone(), Arc::clone(f))).collect()).unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ground::manifest::GENERATOR;

    /// The letter found intact in the archive reaches the render as read then: changed on disk
    /// afterwards, it is neither read nor hashed again (issue 11: the archive read once).
    #[test]
    fn an_archived_letter_is_read_once() {
        let root = tempfile::tempdir().expect("tempdir");
        let build = root.path().join("2026-09-02-mise-en-demeure");
        std::fs::create_dir(&build).expect("dir");
        let letter = build.join("01-mise-en-demeure.pdf");
        std::fs::write(&letter, b"%PDF-1.7 as sent").expect("write");
        let entry = ManifestFile {
            chemin: "01-mise-en-demeure.pdf".into(),
            role: "mise_en_demeure".into(),
            piece: None,
            pages: 1,
            date: Some("2026-09-02".into()),
            octets: 16,
            sha256: sha256_hex(b"%PDF-1.7 as sent"),
            sources: Vec::new(),
        };
        let manifest = Manifest {
            generateur: GENERATOR.into(),
            version: "0".into(),
            reference: "R".into(),
            date_calcul: "2026-09-02".into(),
            etape: "mise_en_demeure".into(),
            destinataire: "debiteur".into(),
            total_du: "0.00".into(),
            empreinte_entrees: String::new(),
            fichiers: vec![entry],
            avertissements: Vec::new(),
        };
        std::fs::write(build.join(MANIFEST_NAME), manifest.to_json()).expect("manifest");
        let archive = PreviousDossier::read(root.path()).expect("archive");
        let (path, _) = archive.find(|f| f.role == "mise_en_demeure").expect("found intact");
        let files = super::super::Files::new();
        files.adopt(archive.verified());
        std::fs::write(&letter, b"%PDF-1.7 edited later").expect("write");
        let read = files.read(&path).expect("read");
        assert_eq!(&*read.bytes, b"%PDF-1.7 as sent");
        assert_eq!(read.sha256, sha256_hex(b"%PDF-1.7 as sent"));
    }
}
