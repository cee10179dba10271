//! A CSV export as text rows with their line numbers: encoding (UTF-8, UTF-16 with its mark,
//! else Windows-1252), separator (`;`, `,` or tab, from the lines themselves) and the header
//! row, which may come after a title line or two.

use std::path::Path;

use super::sheet;
pub use super::sheet::Row;
use crate::diag::{Diagnostic, Pos};
use crate::ground::files::io_reason;

/// Largest export read.
const MAX_BYTES: u64 = 256 * 1024 * 1024;
/// The header row is looked for among the first rows.
const HEADER_SEARCH: usize = 20;

#[derive(Debug, Clone)]
pub struct Table {
    /// How the file was read, for the summary: `UTF-8, séparateur « ; »`, `classeur xlsx, feuille « Balance »`.
    pub source: String,
    pub header_line: u32,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

/// How well a row serves as the header row.
#[derive(Debug, Clone, Default)]
pub struct HeaderFit {
    /// It is the header row.
    pub ok: bool,
    /// Columns recognised, to find the closest line when none is.
    pub score: usize,
    /// What was recognised and what is missing, in French.
    pub found: String,
}

/// Reads `path`, CSV or spreadsheet; `fit` says how well a row serves as the header row, and
/// `wanted` names the columns looked for when none does.
pub fn read(path: &Path, wanted: &str, fit: impl Fn(&[String]) -> HeaderFit) -> Result<Table, Diagnostic> {
    let fail = |why: String| Diagnostic::error(why).in_file(path);
    let meta = regular_file(path)?;
    if meta.len() > MAX_BYTES {
        return Err(fail("fichier de plus de 256 Mo".into()));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("fichier illisible : {}", io_reason(&e))))?;
    if sheet::is_spreadsheet(&bytes) {
        let (kind, sheets) = sheet::read(bytes).map_err(fail)?;
        let mut closest: Option<(HeaderFit, String, Row)> = None;
        for sheet in sheets {
            match find_header(sheet.rows, &fit) {
                Ok((header, rows)) => {
                    return Ok(Table {
                        source: format!("classeur {kind}, feuille « {} »", sheet.name),
                        header_line: header.line,
                        headers: header.cells,
                        rows,
                    });
                }
                Err(Some((f, row))) if closest.as_ref().is_none_or(|(c, _, _)| f.score > c.score) => {
                    closest = Some((f, sheet.name, row));
                }
                Err(_) => {}
            }
        }
        return Err(no_header(path, wanted, closest.map(|(f, name, row)| (f, Some(name), row))));
    }
    if looks_binary(&bytes) {
        return Err(fail("fichier binaire : ce n'est ni un export CSV ni un classeur xlsx, xls ou ods".into())
            .hint("exportez la balance en CSV ou en classeur Excel / LibreOffice"));
    }
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
    let (header, rows) =
        find_header(all, &fit).map_err(|closest| no_header(path, wanted, closest.map(|(f, r)| (f, None, r))))?;
    let separator = match delimiter {
        '\t' => "tabulation".to_string(),
        c => format!("« {c} »"),
    };
    Ok(Table {
        source: format!("{encoding}, séparateur {separator}"),
        header_line: header.line,
        headers: header.cells,
        rows,
    })
}

/// The closest line to a header row seen, with how well it fits, when none is one.
type Closest = Option<(HeaderFit, Row)>;

/// The header row and the rows after it; else the closest line seen, if any.
fn find_header(mut all: Vec<Row>, fit: &impl Fn(&[String]) -> HeaderFit) -> Result<(Row, Vec<Row>), Closest> {
    let mut closest: Option<(HeaderFit, usize)> = None;
    for (i, row) in all.iter().enumerate().take(HEADER_SEARCH) {
        if row.is_blank() {
            continue;
        }
        let f = fit(&row.cells);
        if f.ok {
            let mut rows = all.split_off(i);
            let header = rows.remove(0);
            return Ok((header, rows));
        }
        if closest.as_ref().is_none_or(|(c, _)| f.score > c.score) {
            closest = Some((f, i));
        }
    }
    Err(closest.map(|(f, i)| (f, all.swap_remove(i))))
}

/// « ligne d'en-têtes introuvable », with the columns looked for and the closest line seen.
fn no_header(path: &Path, wanted: &str, closest: Option<(HeaderFit, Option<String>, Row)>) -> Diagnostic {
    let seen = match closest {
        Some((fit, sheet, row)) => {
            let text: String = row.cells.join(" | ").chars().filter(|c| !c.is_control()).take(160).collect();
            let sheet = sheet.map(|s| format!(", feuille « {s} »")).unwrap_or_default();
            format!(" ; ligne la plus proche (ligne {}{sheet}) : « {text} » — {}", row.line, fit.found)
        }
        None => " ; le fichier n'a aucune ligne remplie".to_string(),
    };
    Diagnostic::error(format!(
        "ligne d'en-têtes introuvable parmi les {HEADER_SEARCH} premières lignes : colonnes cherchées : {wanted}{seen}"
    ))
    .in_file(path)
    .at(Pos::new(1, 1))
    .hint("nommez vos colonnes avec --colonnes COLONNES.yaml (la liste des champs et des en-têtes reconnus est dans « recouvre import balance --help »)")
}

/// NUL bytes outside a UTF-16 file: not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    !utf16 && bytes.iter().take(8192).any(|&b| b == 0)
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
