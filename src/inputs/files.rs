//! The files a case names (invoices, pièces), each read once per build: the Factur-X check, the
//! render and the inputs fingerprint all see the same bytes, hashed once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::ground::hash::sha256_hex;

/// One file as read: its bytes and their SHA-256 (hex).
#[derive(Debug)]
pub struct InputFile {
    pub bytes: Arc<[u8]>,
    pub sha256: String,
}

impl InputFile {
    /// Bytes already in memory, hashed.
    pub fn new(bytes: Vec<u8>) -> Self {
        Self { sha256: sha256_hex(&bytes), bytes: bytes.into() }
    }
}

/// The files read so far for one build, by path. Cheap to share between the stages of a build;
/// a batch has one per case, dropped with it.
#[derive(Debug, Default)]
pub struct Files {
    read: Mutex<HashMap<PathBuf, Arc<InputFile>>>,
}

impl Files {
    pub fn new() -> Self {
        Self::default()
    }

    /// Files already read by an earlier boundary (the case file and its profile, by `case::load`).
    pub fn with_read(read: impl IntoIterator<Item = (PathBuf, Vec<u8>)>) -> Self {
        let read = read.into_iter().map(|(path, bytes)| (path, Arc::new(InputFile::new(bytes)))).collect();
        Self { read: Mutex::new(read) }
    }

    /// Files another boundary already read and checked (the previous dossier's letters, intact
    /// against their manifest): later reads of these paths get these bytes, never the disk again.
    pub fn adopt(&self, files: impl IntoIterator<Item = (PathBuf, Arc<InputFile>)>) {
        if let Ok(mut read) = self.read.lock() {
            for (path, file) in files {
                read.entry(path).or_insert(file);
            }
        }
    }

    /// The file at `path`, read from disk the first time it is asked for.
    pub fn read(&self, path: &Path) -> std::io::Result<Arc<InputFile>> {
        if let Some(file) = self.read.lock().ok().and_then(|read| read.get(path).cloned()) {
            return Ok(file);
        }
        let file = Arc::new(InputFile::new(std::fs::read(path)?));
        if let Ok(mut read) = self.read.lock() {
            read.insert(path.to_path_buf(), Arc::clone(&file));
        }
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_sees_one_version_of_each_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("facture.pdf");
        std::fs::write(&path, b"%PDF-1.7 first").expect("write");
        let files = Files::new();
        let first = files.read(&path).expect("read");
        // Changed on disk during the build: the check, the render and the fingerprint still agree.
        std::fs::write(&path, b"%PDF-1.7 second").expect("write");
        let again = files.read(&path).expect("read");
        assert_eq!(&*again.bytes, b"%PDF-1.7 first");
        assert_eq!(again.sha256, sha256_hex(b"%PDF-1.7 first"));
        assert!(Arc::ptr_eq(&first, &again));
        assert!(files.read(&dir.path().join("absente.pdf")).is_err());
    }
}
