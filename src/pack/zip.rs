//! The dossier as one zip: entries sorted, fixed timestamps, each stored or deflated whichever
//! is smaller (PDFs are mostly compressed already), so the zip is never bigger than its parts
//! by more than the headers.

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
        let method = if deflates_well(bytes) { CompressionMethod::Deflated } else { CompressionMethod::Stored };
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

/// Whether deflate saves at least 2 % on this content.
fn deflates_well(bytes: &[u8]) -> bool {
    use flate2::Compression;
    use flate2::write::DeflateEncoder;
    if bytes.len() < 256 {
        return false;
    }
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
    if encoder.write_all(bytes).is_err() {
        return false;
    }
    encoder.finish().map(|c| c.len() * 100 < bytes.len() * 98).unwrap_or(false)
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
}
