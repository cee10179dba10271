//! The dossier as one zip: entries sorted, fixed timestamps. Each byte is compressed at most once:
//! files whose format is already compressed (PDF streams, PNG, JPEG, archives) are stored as they
//! are, decided from their first bytes; the rest (the manifest's JSON) is deflated.

use std::io::{Cursor, Write};

use chrono::{Datelike, NaiveDate};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Builds the zip in memory from (name, bytes) pairs; names use `/`.
pub fn zip_files(mut files: Vec<(String, Vec<u8>)>, date: NaiveDate) -> std::io::Result<Vec<u8>> {
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let time = DateTime::from_date_and_time(clamp_year(date.year()), date.month() as u8, date.day() as u8, 0, 0, 0)
        .unwrap_or_default();
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in &files {
        let method = if worth_deflating(bytes) { CompressionMethod::Deflated } else { CompressionMethod::Stored };
        let options =
            SimpleFileOptions::default().compression_method(method).last_modified_time(time).unix_permissions(0o644);
        writer.start_file(name.as_str(), options).map_err(std::io::Error::other)?;
        writer.write_all(bytes)?;
    }
    let cursor = writer.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}

/// Zip dates run from 1980 to 2107.
fn clamp_year(year: i32) -> u16 {
    u16::try_from(year.clamp(1980, 2107)).unwrap_or(1980)
}

/// Whether to deflate this content, decided without compressing it: not when tiny, nor when its
/// format compresses its content itself. Deflating a PDF again saves ~1 % for the full CPU cost.
fn worth_deflating(bytes: &[u8]) -> bool {
    const COMPRESSED: [&[u8]; 5] = [b"%PDF-", b"\x89PNG", b"\xFF\xD8\xFF", b"PK\x03\x04", b"\x1F\x8B"];
    bytes.len() >= 256 && !COMPRESSED.iter().any(|magic| bytes.starts_with(magic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_and_reproducible() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let files = vec![("b.txt".to_string(), b"bbbb".repeat(200)), ("a.pdf".to_string(), b"%PDF".to_vec())];
        let one = zip_files(files.clone(), date).expect("zip");
        let two = zip_files(files.into_iter().rev().collect(), date).expect("zip");
        assert_eq!(one, two);
        let mut archive = zip::ZipArchive::new(Cursor::new(one)).expect("read");
        assert_eq!(archive.file_names().collect::<Vec<_>>().len(), 2);
        let first = archive.by_index(0).expect("entry").name().map(|n| n.to_string()).expect("name");
        assert_eq!(first, "a.pdf");
    }

    #[test]
    fn pdfs_stored_text_deflated() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let mut pdf = b"%PDF-1.7\n".to_vec();
        pdf.extend(b"stream ".repeat(100));
        let files = vec![("a.pdf".to_string(), pdf), ("manifest.json".to_string(), b"{\"a\": 1}".repeat(100))];
        let zip = zip_files(files, date).expect("zip");
        let mut archive = zip::ZipArchive::new(Cursor::new(zip)).expect("read");
        let methods: Vec<CompressionMethod> =
            (0..2).map(|i| archive.by_index(i).expect("entry").compression()).collect();
        assert_eq!(methods, vec![CompressionMethod::Stored, CompressionMethod::Deflated]);
    }
}
