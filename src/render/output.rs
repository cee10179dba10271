//! What the render hands to `pack`: the dossier's PDFs.

use crate::diag::Diagnostics;
use crate::ground::manifest::SourceFile;

/// One PDF of the dossier, ready to write.
#[derive(Debug, Clone)]
pub struct RenderedFile {
    pub path: String,
    pub role: String,
    pub piece: Option<usize>,
    pub pages: usize,
    pub date: Option<String>,
    pub bytes: Vec<u8>,
    pub sources: Vec<SourceFile>,
}

impl RenderedFile {
    /// The merged dossier of `pages` pages, dated the day it is built.
    pub fn merged(pages: usize, date: chrono::NaiveDate, bytes: Vec<u8>) -> Self {
        RenderedFile {
            path: MERGED_NAME.to_string(),
            role: "dossier_complet".to_string(),
            piece: None,
            pages,
            date: Some(crate::format::data::iso(date)),
            bytes,
            sources: Vec::new(),
        }
    }
}

/// What the render hands to `pack`: every PDF of the dossier and the compiler's warnings.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub files: Vec<RenderedFile>,
    pub warnings: Diagnostics,
}

/// Name of the merged PDF inside a dossier.
pub const MERGED_NAME: &str = "dossier-complet.pdf";
