//! Files embedded in a PDF (PDF/A-3 associated files): the catalog's name tree
//! `/Names /EmbeddedFiles` and its `/AF` array, where Factur-X and ZUGFeRD put the invoice XML.

use std::collections::HashSet;

use hayro_syntax::object::{Array, Dict, Object, ObjectIdentifier, Stream};
use hayro_syntax::{LoadPdfError, Pdf};

/// Deepest name tree followed, and most entries read: a real PDF has a handful.
const MAX_DEPTH: usize = 32;
const MAX_ENTRIES: usize = 10_000;
/// Largest embedded file kept (an invoice XML is a few kB, a scanned delivery note a few MB).
pub const MAX_ATTACHMENT_BYTES: usize = 64 * 1024 * 1024;

/// One embedded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Its file name as the PDF gives it (`/UF`, else `/F`, else the name tree key).
    pub name: String,
    pub bytes: Vec<u8>,
    /// `/AFRelationship` (Data, Alternative, Source, Supplement…), when given.
    pub relationship: Option<String>,
}

/// Why the attachments of a PDF cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfProblem {
    Encrypted,
    Invalid,
}

impl PdfProblem {
    /// What to tell the user, in French.
    pub fn message(self) -> &'static str {
        match self {
            PdfProblem::Encrypted => "PDF chiffré (protégé par mot de passe) : ses pièces jointes ne se lisent pas",
            PdfProblem::Invalid => "fichier PDF illisible ou endommagé",
        }
    }
}

/// Every file embedded in the PDF, in the order the document lists them, each once.
pub fn embedded_files(bytes: Vec<u8>) -> Result<Vec<Attachment>, PdfProblem> {
    let pdf = Pdf::new(bytes).map_err(|e| match e {
        LoadPdfError::Decryption(_) => PdfProblem::Encrypted,
        LoadPdfError::Invalid => PdfProblem::Invalid,
    })?;
    let xref = pdf.xref();
    let Some(catalog) = xref.get::<Dict<'_>>(xref.root_id()) else {
        return Err(PdfProblem::Invalid);
    };
    let mut found = Collector::default();
    if let Some(tree) = catalog.get::<Dict<'_>>(b"Names").and_then(|n| n.get::<Dict<'_>>(b"EmbeddedFiles")) {
        found.name_tree(&tree, 0);
    }
    if let Some(af) = catalog.get::<Array<'_>>(b"AF") {
        for spec in af.iter::<Dict<'_>>().take(MAX_ENTRIES) {
            found.file_spec(&spec, None);
        }
    }
    Ok(found.files)
}

#[derive(Default)]
struct Collector {
    files: Vec<Attachment>,
    /// Embedded streams already taken (the same file is often both in the tree and in `/AF`).
    seen: HashSet<ObjectIdentifier>,
    entries: usize,
}

impl Collector {
    fn name_tree(&mut self, node: &Dict<'_>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        if let Some(names) = node.get::<Array<'_>>(b"Names") {
            let items: Vec<Object<'_>> = names.iter::<Object<'_>>().take(2 * MAX_ENTRIES).collect();
            for pair in items.chunks(2) {
                if let [Object::String(key), Object::Dict(spec)] = pair {
                    self.file_spec(spec, Some(text_string(key.as_bytes())));
                }
            }
        }
        if let Some(kids) = node.get::<Array<'_>>(b"Kids") {
            for kid in kids.iter::<Dict<'_>>().take(MAX_ENTRIES) {
                self.name_tree(&kid, depth + 1);
            }
        }
    }

    fn file_spec(&mut self, spec: &Dict<'_>, key: Option<String>) {
        self.entries += 1;
        if self.entries > MAX_ENTRIES {
            return;
        }
        let Some(ef) = spec.get::<Dict<'_>>(b"EF") else {
            return;
        };
        let Some(stream) = ef.get::<Stream<'_>>(b"UF").or_else(|| ef.get::<Stream<'_>>(b"F")) else {
            return;
        };
        if !self.seen.insert(stream.obj_id()) {
            return;
        }
        let Ok(data) = stream.decoded() else {
            return;
        };
        if data.len() > MAX_ATTACHMENT_BYTES {
            return;
        }
        let name = [b"UF".as_slice(), b"F".as_slice()]
            .iter()
            .find_map(|k| spec.get::<hayro_syntax::object::String<'_>>(k))
            .map(|s| text_string(s.as_bytes()))
            .filter(|s| !s.trim().is_empty())
            .or(key)
            .unwrap_or_default();
        let relationship =
            spec.get::<hayro_syntax::object::Name<'_>>(b"AFRelationship").map(|n| n.as_str().to_string());
        self.files.push(Attachment { name: base_name(&name), bytes: data.into_owned(), relationship });
    }
}

/// A PDF text string: UTF-16 (big or little endian, with its byte-order mark), UTF-8 with its
/// mark, else PDFDocEncoding (taken as Latin-1, which it equals for file names).
pub fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// The last component of a name that may carry a path (`C:\docs\factur-x.xml`).
fn base_name(name: &str) -> String {
    let name = name.trim_matches(char::from(0)).trim();
    name.rsplit(['/', '\\']).next().unwrap_or(name).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_in_every_encoding() {
        assert_eq!(text_string(b"factur-x.xml"), "factur-x.xml");
        assert_eq!(text_string(&[0xFE, 0xFF, 0, b'a', 0, 0xE9]), "aé");
        assert_eq!(text_string(&[0xFF, 0xFE, b'a', 0]), "a");
        assert_eq!(text_string(&[0xE9]), "é");
        assert_eq!(base_name("C:\\x\\factur-x.xml"), "factur-x.xml");
    }

    #[test]
    fn garbage_is_invalid_not_a_panic() {
        assert_eq!(embedded_files(b"not a pdf".to_vec()), Err(PdfProblem::Invalid));
        assert_eq!(embedded_files(Vec::new()), Err(PdfProblem::Invalid));
    }
}
