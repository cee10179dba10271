//! A file the case names (an invoice's PDF, a pièce): where it is and which field named it.

use std::path::PathBuf;

use serde::Serialize;

pub use crate::ground::files::FileKind;

/// A file named in the case: where it is and which field named it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileRef {
    /// As written in the case file, relative to its folder.
    pub relative: String,
    /// Resolved, canonical, inside the case folder.
    #[serde(skip)]
    pub path: PathBuf,
    pub kind: FileKind,
    /// The field that names it (`factures[1].fichier`).
    #[serde(skip)]
    pub field: String,
}
