//! The dossier as one zip: entries sorted, fixed timestamps. Each byte is compressed at most once:
//! files whose format is already compressed (PDF streams, PNG, JPEG, archives) are stored as they
//! are, decided from their first bytes; the rest (the manifest's JSON) is deflated.

use std::io::{Seek, Write};

use chrono::{Datelike, NaiveDate};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Writes the zip to `sink` from (name, bytes) pairs given in name order (names use `/`), each
/// file's bytes dropped once written: a dossier of a thousand pièces is never held twice.
/// `each` sees every file before it goes into the zip (the build writes it to its folder too).
pub fn write_zip<W, E>(
    sink: W,
    files: impl IntoIterator<Item = (String, Vec<u8>)>,
    date: NaiveDate,
    mut each: impl FnMut(&str, &[u8]) -> Result<(), E>,
) -> Result<W, ZipFailure<E>>
where
    W: Write + Seek,
{
    let time = DateTime::from_date_and_time(clamp_year(date.year()), date.month() as u8, date.day() as u8, 0, 0, 0)
        .unwrap_or_default();
    let mut writer = ZipWriter::new(sink);
    let mut previous: Option<String> = None;
    for (name, bytes) in files {
        if previous.as_ref().is_some_and(|p| *p >= name) {
            return Err(ZipFailure::Io(std::io::Error::other(format!("entrées du zip hors d'ordre : {name}"))));
        }
        each(&name, &bytes).map_err(ZipFailure::Each)?;
        let method = if worth_deflating(&bytes) { CompressionMethod::Deflated } else { CompressionMethod::Stored };
        let options =
            SimpleFileOptions::default().compression_method(method).last_modified_time(time).unix_permissions(0o644);
        writer.start_file(name.as_str(), options).map_err(|e| ZipFailure::Io(std::io::Error::other(e)))?;
        writer.write_all(&bytes).map_err(ZipFailure::Io)?;
        previous = Some(name);
    }
    writer.finish().map_err(|e| ZipFailure::Io(std::io::Error::other(e)))
}

/// Why [`write_zip`] stopped: the zip could not be written, or `each` refused a file.
#[derive(Debug)]
pub enum ZipFailure<E> {
    Io(std::io::Error),
    Each(E),
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
    use std::io::Cursor;

    /// The zip of (name, bytes) pairs, sorted by name, in memory.
    fn zip_files(mut files: Vec<(String, Vec<u8>)>, date: NaiveDate) -> Vec<u8> {
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let sink = write_zip(Cursor::new(Vec::new()), files, date, |_, _| Ok::<(), ()>(())).expect("zip");
        sink.into_inner()
    }

    #[test]
    fn sorted_and_reproducible() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let files = vec![("b.txt".to_string(), b"bbbb".repeat(200)), ("a.pdf".to_string(), b"%PDF".to_vec())];
        let one = zip_files(files.clone(), date);
        let two = zip_files(files.into_iter().rev().collect(), date);
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
        let zip = zip_files(files, date);
        let mut archive = zip::ZipArchive::new(Cursor::new(zip)).expect("read");
        let methods: Vec<CompressionMethod> =
            (0..2).map(|i| archive.by_index(i).expect("entry").compression()).collect();
        assert_eq!(methods, vec![CompressionMethod::Stored, CompressionMethod::Deflated]);
    }

    #[test]
    fn entries_out_of_order_refused_and_each_file_seen_once() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let files = vec![("b.pdf".to_string(), b"%PDF".to_vec()), ("a.pdf".to_string(), b"%PDF".to_vec())];
        let refused = write_zip(Cursor::new(Vec::new()), files, date, |_, _| Ok::<(), ()>(()));
        assert!(matches!(refused, Err(ZipFailure::Io(_))));
        let mut seen = Vec::new();
        let files = vec![("a.pdf".to_string(), b"%PDF".to_vec()), ("b/c.json".to_string(), b"{}".to_vec())];
        write_zip(Cursor::new(Vec::new()), files, date, |name, bytes| {
            seen.push((name.to_string(), bytes.len()));
            Ok::<(), ()>(())
        })
        .expect("zip");
        assert_eq!(seen, vec![("a.pdf".to_string(), 4), ("b/c.json".to_string(), 2)]);
        let refusal = write_zip(Cursor::new(Vec::new()), vec![("a".to_string(), vec![])], date, |_, _| Err("non"));
        assert!(matches!(refusal, Err(ZipFailure::Each("non"))));
    }
}
