//! A spreadsheet export (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) read directly with calamine:
//! the first sheet that has a header row, its cells as the text the CSV path reads, dates and
//! amounts taken from the cells' types (an Excel date becomes `AAAA-MM-JJ`, a number its exact
//! decimal), never from how the sheet displays them.

use std::io::Cursor;

use calamine::{Data, Ods, Reader, Xls, Xlsb, Xlsx, open_workbook_from_rs};

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

/// What the bytes look like: a zip (xlsx, xlsb, ods) or an OLE compound file (xls).
pub fn is_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// One sheet as rows of text, with its name.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Row>,
}

/// The workbook's kind (`xlsx`…) and its sheets, in order; `Err` says why it cannot be read.
pub fn read(bytes: Vec<u8>) -> Result<(&'static str, Vec<Sheet>), String> {
    // calamine is a parser of untrusted archives: a panic in it is reported as an unreadable file.
    std::panic::catch_unwind(move || read_inner(bytes))
        .unwrap_or_else(|_| Err("classeur illisible (structure interne incohérente)".into()))
}

fn read_inner(bytes: Vec<u8>) -> Result<(&'static str, Vec<Sheet>), String> {
    let sheets = if bytes.starts_with(b"PK") {
        match open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes.clone())) {
            Ok(mut book) => ("xlsx", book.worksheets()),
            Err(xlsx) => match open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes.clone())) {
                Ok(mut book) => ("ods", book.worksheets()),
                Err(_) => match open_workbook_from_rs::<Xlsb<_>, _>(Cursor::new(bytes)) {
                    Ok(mut book) => ("xlsb", book.worksheets()),
                    Err(_) => return Err(format!("classeur illisible : {xlsx}")),
                },
            },
        }
    } else {
        match open_workbook_from_rs::<Xls<_>, _>(Cursor::new(bytes)) {
            Ok(mut book) => ("xls", book.worksheets()),
            Err(e) => return Err(format!("classeur illisible : {e}")),
        }
    };
    let (kind, sheets) = sheets;
    let sheets = sheets
        .into_iter()
        .map(|(name, range)| {
            let (top, left) = range.start().unwrap_or((0, 0));
            let rows = range
                .rows()
                .enumerate()
                .map(|(i, cells)| {
                    // Columns left of the used range are empty: keep them, so that column numbers
                    // in a `--colonnes` file are the sheet's.
                    let mut texts = vec![String::new(); left as usize];
                    texts.extend(cells.iter().map(text));
                    while texts.last().is_some_and(String::is_empty) {
                        texts.pop();
                    }
                    Row {
                        line: top.saturating_add(1).saturating_add(u32::try_from(i).unwrap_or(u32::MAX)),
                        cells: texts,
                    }
                })
                .collect();
            Sheet { name, rows }
        })
        .collect();
    Ok((kind, sheets))
}

/// A cell as text: dates as `AAAA-MM-JJ`, numbers in full (`1234.56`), text trimmed.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "VRAI" } else { "FAUX" }.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) if d.is_datetime() => dt.date().format("%Y-%m-%d").to_string(),
            // A duration, or a date out of chrono's range: its number, which the reader refuses.
            _ => number(d.as_f64()),
        },
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e}"),
    }
}

/// A number as the figure typed: whole numbers without decimals (a client code, an Excel day
/// number), and amounts to the cent when the double is within rounding noise of one
/// (`1234.56`, not `1234.5599999999999`, nor `1000.0000000000001` from a formula); other
/// numbers in full, which the amount reader then refuses (more than two decimals).
fn number(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{f:.0}");
    }
    let cents = (f * 100.0).round();
    if cents.abs() < 1e15 && (f * 100.0 - cents).abs() < 1e-6 {
        // Exact: |cents| < 10^15 fits an i64 and the cast only drops a zero fraction.
        return rust_decimal::Decimal::new(cents as i64, 2).to_string();
    }
    format!("{f}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_the_figures_typed() {
        assert_eq!(number(1234.56), "1234.56");
        assert_eq!(number(0.1 + 0.2), "0.30", "rounding noise of a formula");
        assert_eq!(number(1.0 / 3.0), "0.3333333333333333", "kept in full, and refused as an amount");
        assert_eq!(number(-250.0), "-250");
        assert_eq!(number(411001.0), "411001");
        assert_eq!(text(&Data::String("  F-1 ".into())), "F-1");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(read(b"PK\x03\x04garbage".to_vec()).is_err());
        assert!(read(vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).is_err());
        assert!(is_spreadsheet(b"PK\x03\x04"));
        assert!(!is_spreadsheet(b"Client;Facture"));
    }
}
