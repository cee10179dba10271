//! The Typst World of one compilation: embedded fonts, templates, the document's data as a fixed
//! virtual JSON file, and the pièces registered for it. Nothing else is reachable: no disk access,
//! no packages, and the date is the case's, never the clock's.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::fonts;
use super::templates::{Templates, file_id};

/// One library for the whole process: changing it (e.g. through `sys.inputs`) would defeat caches.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::builder().build()));

/// Where templates find their data: always the same name, so Typst's caches stay warm.
pub const DATA_PATH: &str = "/data.json";
const MAIN_PATH: &str = "/main.typ";

/// The virtual path of the n-th pièce file (1-based): a fixed set of names reused by every dossier.
pub fn piece_path(n: usize, extension: &str) -> String {
    format!("/pieces/{n}.{extension}")
}

pub struct RenderWorld<'a> {
    templates: &'a Templates,
    main: FileId,
    data_id: FileId,
    data: Bytes,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

impl std::fmt::Debug for RenderWorld<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderWorld").field("files", &self.files.len()).finish_non_exhaustive()
    }
}

impl<'a> RenderWorld<'a> {
    /// A world whose main file is `main.typ`, reading `data` at `/data.json`.
    pub fn new(templates: &'a Templates, data: Vec<u8>, today: NaiveDate) -> Self {
        Self {
            templates,
            main: constant_id(MAIN_PATH),
            data_id: constant_id(DATA_PATH),
            data: Bytes::new(data),
            files: HashMap::new(),
            today: typst_date(today),
        }
    }

    /// Makes a pièce's bytes readable by templates at `path` (from [`piece_path`]).
    pub fn add_file(&mut self, path: &str, bytes: Bytes) {
        if let Some(id) = file_id(path) {
            self.files.insert(id, bytes);
        }
    }

    pub fn templates(&self) -> &Templates {
        self.templates
    }
}

fn constant_id(path: &str) -> FileId {
    file_id(path).expect("constant virtual paths are valid")
}

/// A chrono date as a Typst date (chrono's year range fits Typst's).
pub fn typst_date(date: NaiveDate) -> Datetime {
    // Month and day always fit in u8; a chrono date is always a valid calendar date.
    Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8).expect("a chrono date is a valid date")
}

impl World for RenderWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        fonts().book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match self.templates.get(id).and_then(|t| t.source.clone()) {
            Some(source) => Ok(source),
            None => Err(not_found(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        // `/pieces/` holds the pièces registered for this compilation and nothing else: a file
        // of that name among the templates (--templates) must not pass for one.
        if is_piece_path(id) {
            return Err(not_found(id));
        }
        match self.templates.get(id) {
            Some(t) => Ok(t.bytes.clone()),
            None => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Whether a file id lies in the pièces' folder of the virtual root.
fn is_piece_path(id: FileId) -> bool {
    id.vpath().get_without_slash().starts_with("pieces/")
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(std::path::PathBuf::from(id.vpath().get_without_slash()))
}
