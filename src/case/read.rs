//! Reading a case or profile file's text: a regular file, within the size limit, in UTF-8.

use std::io::Read;
use std::path::Path;

use crate::diag::{Diagnostic, Pos};
use crate::ground::files::io_reason;
use crate::rules;

/// Largest case file read: 10 000 invoices take about 3 MB.
pub const MAX_CASE_BYTES: u64 = 32 * 1024 * 1024;

/// The text of `file` and the bytes it was decoded from (kept for the inputs fingerprint), or why
/// it cannot be read (located at the file's start).
pub(super) fn read_text(file: &Path) -> Result<(String, Vec<u8>), Diagnostic> {
    let unreadable = |why: String| rules::FILE_READABLE.report(why).at(Pos::default());
    // Looked at before opening: opening a named pipe would wait for a writer forever.
    let meta = std::fs::metadata(file)
        .map_err(|e| unreadable(format!("impossible d'ouvrir le fichier : {}", io_reason(&e))))?;
    if meta.is_dir() {
        return Err(unreadable("c'est un dossier : indiquez le fichier case.yaml qu'il contient".into()));
    }
    if !meta.is_file() {
        return Err(unreadable("ce n'est pas un fichier ordinaire (périphérique, tube…)".into())
            .hint("indiquez le fichier YAML du dossier"));
    }
    let f = std::fs::File::open(file)
        .map_err(|e| unreadable(format!("impossible d'ouvrir le fichier : {}", io_reason(&e))))?;
    let meta = f.metadata().map_err(|e| unreadable(format!("fichier illisible : {}", io_reason(&e))))?;
    if meta.len() > MAX_CASE_BYTES {
        return Err(unreadable(format!(
            "fichier trop gros ({} Mo) : un dossier fait au plus 32 Mo",
            meta.len() / (1024 * 1024)
        ))
        .hint("vérifiez qu'il s'agit bien du fichier YAML du dossier"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    f.take(MAX_CASE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(format!("lecture impossible : {}", io_reason(&e))))?;
    if bytes.len() as u64 > MAX_CASE_BYTES {
        return Err(unreadable("fichier trop gros : un dossier fait au plus 32 Mo".into()));
    }
    Ok((decode(&bytes)?, bytes))
}

/// The text of a case file's bytes: UTF-8, an optional BOM dropped.
pub(super) fn decode(bytes: &[u8]) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        let column = bytes[..offset].iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        rules::FILE_READABLE
            .report("le fichier n'est pas en UTF-8")
            .at(Pos::new(u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX)))
            .hint("enregistrez-le en UTF-8 (dans l'éditeur : « Enregistrer sous » › encodage UTF-8)")
    })
}
