//! A CSV export as text rows with their line numbers: encoding (UTF-8, UTF-16 with its mark,
//! else Windows-1252), separator (`;`, `,` or tab, from the lines themselves) and the header
//! row, which may come after a title line or two.

use std::path::Path;

use crate::case::load::io_reason;
use crate::diag::{Diagnostic, Pos};

/// Largest export read.
const MAX_BYTES: u64 = 256 * 1024 * 1024;
/// The header row is looked for among the first rows.
const HEADER_SEARCH: usize = 20;

#[derive(Debug, Clone)]
pub struct Table {
    pub encoding: &'static str,
    pub delimiter: char,
    pub header_line: u32,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

/// A data row: its first line in the file, and its cells, trimmed.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u32,
    pub cells: Vec<String>,
}

impl Row {
    pub fn cell(&self, index: Option<usize>) -> &str {
        index.and_then(|i| self.cells.get(i)).map(String::as_str).unwrap_or("")
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.is_empty())
    }
}

/// Reads `path`; `is_header` says whether a row is the header row.
pub fn read(path: &Path, is_header: impl Fn(&[String]) -> bool) -> Result<Table, Diagnostic> {
    let fail = |why: String| Diagnostic::error(why).in_file(path);
    let meta = regular_file(path)?;
    if meta.len() > MAX_BYTES {
        return Err(fail("fichier de plus de 256 Mo".into()));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("fichier illisible : {}", io_reason(&e))))?;
    let (text, encoding) = decode(&bytes);
    // One line ending, so that the CSV reader's line numbers are the editor's (it counts a
    // Windows line ending as two lines' worth of position otherwise).
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut all = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| fail(format!("CSV illisible : {e}")))?;
        let line = record.position().map(|p| p.line()).unwrap_or(i as u64 + 1);
        let cells = record.iter().map(|c| c.trim().to_string()).collect();
        all.push(Row { line: u32::try_from(line).unwrap_or(u32::MAX), cells });
    }
    let header_at = all.iter().take(HEADER_SEARCH).position(|r| is_header(&r.cells)).ok_or_else(|| {
        let first: String = all
            .iter()
            .find(|r| !r.is_blank())
            .map(|r| r.cells.join(" | "))
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .take(120)
            .collect();
        fail(format!("ligne d'en-têtes introuvable : aucune des {HEADER_SEARCH} premières lignes ne nomme les colonnes attendues (première ligne : « {first} »)"))
            .at(Pos::new(1, 1))
            .hint("il faut au moins les colonnes client, n° de facture, date et montant TTC (ou solde) ; sinon, indiquez les vôtres avec --colonnes COLONNES.yaml")
    })?;
    let mut rows = all.split_off(header_at);
    let header = rows.remove(0);
    Ok(Table { encoding, delimiter, header_line: header.line, headers: header.cells, rows })
}

/// The metadata of an input file, refused when it is not a plain file: a folder, or a named pipe
/// (reading one would wait for a writer forever).
pub fn regular_file(path: &Path) -> Result<std::fs::Metadata, Diagnostic> {
    let fail = |why: String| Diagnostic::error(why).in_file(path);
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("fichier illisible : {}", io_reason(&e))))?;
    if meta.is_dir() {
        return Err(fail("c'est un dossier : indiquez un fichier".into()));
    }
    if !meta.is_file() {
        return Err(fail("ce n'est pas un fichier ordinaire".into()));
    }
    Ok(meta)
}

/// The text and the name of its encoding.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return (encoding_rs::UTF_16LE.decode(bytes).0.into_owned(), "UTF-16");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return (encoding_rs::UTF_16BE.decode(bytes).0.into_owned(), "UTF-16");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => (encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(), "Windows-1252"),
    }
}

/// The separator of the first line that has at least two of one (the header row, usually: its
/// cells are words, where data rows may hold `1 234,56`), the most used there; `;` by default.
fn sniff_delimiter(text: &str) -> char {
    for line in text.lines().take(HEADER_SEARCH) {
        let mut best = (';', 0);
        for candidate in [';', '\t', ','] {
            let mut quoted = false;
            let count = line
                .chars()
                .filter(|&c| {
                    if c == '"' {
                        quoted = !quoted;
                    }
                    !quoted && c == candidate
                })
                .count();
            if count > best.1 {
                best = (candidate, count);
            }
        }
        if best.1 >= 2 {
            return best.0;
        }
    }
    ';'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_and_separators() {
        assert_eq!(decode(b"\xEF\xBB\xBFa;b").0, "a;b");
        assert_eq!(decode(b"\xE9ch\xE9ance"), ("échéance".to_string(), "Windows-1252"));
        assert_eq!(decode("échéance".as_bytes()).1, "UTF-8");
        assert_eq!(sniff_delimiter("Balance au 31/12\nclient;facture;montant\n"), ';');
        assert_eq!(sniff_delimiter("client,facture,\"1 234,56\"\n"), ',');
        assert_eq!(sniff_delimiter("Balance, au 31/12\nclient;facture;ttc\nA;F1;1 234,56\n"), ';');
        assert_eq!(sniff_delimiter("a\tb\tc\n"), '\t');
    }
}
