//! Supplied files a compilation embeds (invoices, scans, the AR…): read once, checked, counted.
//!
//! Typst cannot count a PDF's pages, so we do it here with hayro-syntax (the parser Typst itself
//! uses). A file that cannot be embedded is refused here with a message naming it, never later
//! with a panic or a silently missing page.

use std::path::Path;
use std::sync::Arc;

use typst::foundations::{Bytes, Smart};
use typst::visualize::{ExchangeFormat, RasterImage};

use crate::case::model::FileKind;
use crate::diag::Diagnostic;
use crate::inputs::{Files, InputFile};
use crate::rules;

/// Largest image accepted, in pixels: a 600 dpi A3 scan is about 70 million.
const MAX_PIXELS: u64 = 100_000_000;
/// Most pages accepted in one supplied PDF.
const MAX_PAGES: usize = 5_000;

/// A supplied file ready to embed.
#[derive(Debug, Clone)]
pub struct SuppliedFile {
    pub kind: FileKind,
    pub bytes: Bytes,
    pub pages: usize,
    pub sha256: String,
    /// PDF 2.0 files need a PDF 2.0 export.
    pub pdf_2: bool,
}

impl SuppliedFile {
    pub fn extension(&self) -> &'static str {
        match self.kind {
            FileKind::Pdf => "pdf",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpg",
        }
    }
}

/// Reads (once per build, through `files`) and checks a supplied file. `label` names it in
/// messages (as written in the case).
pub fn load(files: &Files, path: &Path, kind: FileKind, label: &str) -> Result<SuppliedFile, Diagnostic> {
    let file = files.read(path).map_err(|e| {
        rules::FILE_MISSING.report(format!("« {label} » illisible : {}", crate::ground::files::io_reason(&e)))
    })?;
    inspect(&file, kind, label)
}

/// Checks bytes already read.
pub fn inspect(file: &InputFile, kind: FileKind, label: &str) -> Result<SuppliedFile, Diagnostic> {
    let bytes = &file.bytes;
    let refuse =
        |why: String, hint: &str| rules::PIECE_UNREADABLE.report(format!("« {label} » : {why}")).hint(hint.to_string());
    if bytes.is_empty() {
        return Err(refuse("fichier vide (0 octet)".into(), "joignez à nouveau le document d'origine"));
    }
    let sha256 = file.sha256.clone();
    let data = Bytes::new(Arc::clone(bytes));
    let (pages, pdf_2) = match kind {
        FileKind::Pdf => {
            let pdf = hayro_syntax::Pdf::new(data.as_slice().to_vec()).map_err(|e| match e {
                hayro_syntax::LoadPdfError::Decryption(_) => refuse(
                    "PDF protégé par un mot de passe".into(),
                    "enregistrez une copie sans protection (Imprimer › Enregistrer au format PDF) et joignez-la",
                ),
                hayro_syntax::LoadPdfError::Invalid => refuse(
                    "PDF illisible (tronqué ou endommagé)".into(),
                    "ouvrez-le dans un lecteur PDF et enregistrez-en une copie, ou numérisez à nouveau le document",
                ),
            })?;
            let pages = pdf.pages().len();
            if pages == 0 {
                return Err(refuse("PDF sans aucune page".into(), "joignez le document complet"));
            }
            if pages > MAX_PAGES {
                return Err(refuse(
                    format!("PDF de {pages} pages, au-delà de {MAX_PAGES}"),
                    "ne joignez que les pages utiles",
                ));
            }
            (pages, pdf.version() >= hayro_syntax::PdfVersion::Pdf20)
        }
        FileKind::Png | FileKind::Jpeg => {
            let size = imagesize::blob_size(&data)
                .map_err(|_| refuse("image illisible".into(), "enregistrez-la à nouveau en PNG ou JPEG"))?;
            let pixels = (size.width as u64).saturating_mul(size.height as u64);
            if pixels > MAX_PIXELS || size.width == 0 || size.height == 0 {
                return Err(refuse(
                    format!("image de {} × {} pixels, trop grande pour être intégrée", size.width, size.height),
                    "réduisez la résolution (300 dpi suffisent pour un scan A4, soit environ 2 500 × 3 500 pixels)",
                ));
            }
            if !complete_image(&data, kind) {
                return Err(refuse(
                    "image tronquée (fin du fichier manquante)".into(),
                    "copiez à nouveau le fichier d'origine",
                ));
            }
            // Typst decodes the image while laying out, and a failure there would name a template,
            // not this file. Decoded here instead; Typst memoizes it, so the layout reuses it.
            let format = if kind == FileKind::Png { ExchangeFormat::Png } else { ExchangeFormat::Jpg };
            RasterImage::new(data.clone(), format, Smart::Auto).map_err(|e| {
                refuse(
                    format!("image endommagée, impossible à décoder ({e})"),
                    "enregistrez-la à nouveau en PNG ou JPEG, ou numérisez à nouveau le document",
                )
            })?;
            (1, false)
        }
    };
    Ok(SuppliedFile { kind, bytes: data, pages, sha256, pdf_2 })
}

/// A PNG ends with its IEND chunk, a JPEG with its EOI marker: a cut-off copy lacks them.
fn complete_image(bytes: &[u8], kind: FileKind) -> bool {
    match kind {
        FileKind::Png => bytes.windows(4).rev().take(64).any(|w| w == b"IEND"),
        FileKind::Jpeg => bytes.windows(2).rev().take(64).any(|w| w == [0xFF, 0xD9]),
        FileKind::Pdf => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inspect(bytes: Vec<u8>, kind: FileKind, label: &str) -> Result<SuppliedFile, Diagnostic> {
        super::inspect(&InputFile::new(bytes), kind, label)
    }

    #[test]
    fn refuses_broken_files() {
        let e = inspect(b"%PDF-1.7\ngarbage".to_vec(), FileKind::Pdf, "x.pdf").expect_err("broken pdf");
        assert_eq!(e.code, Some("R044"));
        assert!(inspect(Vec::new(), FileKind::Pdf, "x.pdf").is_err());
        // A PNG header claiming 30 000 × 30 000 pixels.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&30_000u32.to_be_bytes());
        png.extend_from_slice(&30_000u32.to_be_bytes());
        png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
        let e = inspect(png, FileKind::Png, "scan.png").expect_err("huge");
        assert!(e.message.contains("30000 × 30000"), "{e}");
    }
}
