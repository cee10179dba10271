//! Templates: embedded in the binary, overridable file by file with `--templates DIR`.
//!
//! Like mdBook's themes, a user folder holds only the files it changes; the rest come from the
//! binary. Override files are read once, up front: templates never touch the disk while compiling.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};

use crate::diag::{Diagnostic, Diagnostics};

include!(concat!(env!("OUT_DIR"), "/embedded_templates.rs"));

/// Largest override file read, in bytes.
const MAX_OVERRIDE_BYTES: u64 = 16 * 1024 * 1024;

/// One template file: its Typst id, its text (parsed once) and where it came from.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    pub id: FileId,
    pub bytes: Bytes,
    /// Parsed once for `.typ` files.
    pub source: Option<Source>,
    /// Shown in diagnostics: `templates/common.typ` or the override file's path.
    pub origin: PathBuf,
}

/// The set of templates one run uses.
#[derive(Debug, Clone)]
pub struct Templates {
    files: BTreeMap<String, TemplateFile>,
}

/// The Typst id of a project file (`/common.typ`); ids are interned for the process.
pub fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl Templates {
    /// The embedded templates only.
    pub fn embedded() -> Self {
        let mut files = BTreeMap::new();
        for (name, bytes) in EMBEDDED {
            if let Some(file) = make_file(name, bytes.to_vec(), PathBuf::from("templates").join(name)) {
                files.insert((*name).to_string(), file);
            }
        }
        Self { files }
    }

    /// The embedded templates, with every file of `dir` replacing or adding to them.
    pub fn with_overrides(dir: &Path) -> Result<Self, Diagnostics> {
        let mut templates = Self::embedded();
        let root = dir.canonicalize().map_err(|e| {
            Diagnostic::error(format!("dossier de modèles illisible : {}", crate::ground::files::io_reason(&e)))
                .in_file(dir)
                .hint("--templates attend un dossier contenant des fichiers .typ")
        })?;
        if !root.is_dir() {
            return Err(Diagnostic::error("--templates doit désigner un dossier, pas un fichier")
                .in_file(dir)
                .hint("--templates attend un dossier contenant des fichiers .typ")
                .into());
        }
        let mut problems = Diagnostics::new();
        for entry in walkdir::WalkDir::new(&root).follow_links(false).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    problems.push(
                        Diagnostic::error(format!("lecture du dossier de modèles impossible : {e}")).in_file(dir),
                    );
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(relative) = entry.path().strip_prefix(&root) else {
                continue;
            };
            let name = relative.to_string_lossy().replace('\\', "/");
            let too_big = entry.metadata().map(|m| m.len() > MAX_OVERRIDE_BYTES).unwrap_or(true);
            if too_big {
                problems.push(Diagnostic::error("modèle trop gros (16 Mo au plus)").in_file(entry.path()));
                continue;
            }
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    if name.ends_with(".typ") && std::str::from_utf8(&bytes).is_err() {
                        problems.push(Diagnostic::error("modèle non UTF-8").in_file(entry.path()));
                        continue;
                    }
                    if let Some(file) = make_file(&name, bytes, entry.path().to_path_buf()) {
                        templates.files.insert(name, file);
                    }
                }
                Err(e) => problems.push(Diagnostic::error(format!("modèle illisible : {e}")).in_file(entry.path())),
            }
        }
        if problems.has_errors() { Err(problems) } else { Ok(templates) }
    }

    pub fn get(&self, id: FileId) -> Option<&TemplateFile> {
        self.files.values().find(|f| f.id == id)
    }

    pub fn by_name(&self, name: &str) -> Option<&TemplateFile> {
        self.files.get(name)
    }

    /// Every file, for hashing the inputs of a build.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &TemplateFile)> {
        self.files.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Names of the embedded templates (for `recouvre modeles`).
    pub fn embedded_names() -> impl Iterator<Item = &'static str> {
        EMBEDDED.iter().map(|(name, _)| *name)
    }

    /// The embedded bytes of a template, to copy it out and edit it.
    pub fn embedded_bytes(name: &str) -> Option<&'static [u8]> {
        EMBEDDED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }
}

fn make_file(name: &str, bytes: Vec<u8>, origin: PathBuf) -> Option<TemplateFile> {
    let id = file_id(&format!("/{name}"))?;
    let source =
        if name.ends_with(".typ") { Some(Source::new(id, String::from_utf8(bytes.clone()).ok()?)) } else { None };
    Some(TemplateFile { id, bytes: Bytes::new(bytes), source, origin })
}
