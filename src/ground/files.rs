//! File sniffing and limits: what a file's first bytes say it is, and the largest file accepted.

use serde::Serialize;

/// Largest pièce accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The kinds of file a dossier can embed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
}

/// The type a file's first bytes show.
pub fn sniff(head: &[u8]) -> Option<FileKind> {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileKind::Png)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else if head.windows(5).any(|w| w == b"%PDF-") {
        Some(FileKind::Pdf)
    } else {
        None
    }
}

/// The reason of an I/O error in French.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "fichier introuvable".into(),
        K::PermissionDenied => "accès refusé".into(),
        _ => e.to_string(),
    }
}
