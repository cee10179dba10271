//! Writing the case folders of an import: every target checked first (nothing is written over
//! an existing case folder unless `--force`), each folder staged in a hidden temporary folder
//! and renamed into place only when complete.

use std::path::{Path, PathBuf};

use super::case_text::case_yaml;
use super::draft::{Draft, FileSource};
use crate::diag::{Diagnostic, Diagnostics};
use crate::ground::files::io_reason;
use crate::rules;

const TEMP_PREFIX: &str = ".recouvre-import-";
const OLD_PREFIX: &str = ".recouvre-import-ancien-";
/// The JSON Schema, once for all the folders, beside them.
pub const SCHEMA_FILE: &str = "case.schema.json";

/// Writes every draft under `out`; returns the folders written, in order.
pub fn write_all(out: &Path, drafts: &[Draft], force: bool) -> Result<Vec<PathBuf>, Diagnostics> {
    std::fs::create_dir_all(out).map_err(|e| {
        Diagnostic::error(format!("impossible de créer le dossier de sortie : {}", io_reason(&e))).in_file(out)
    })?;
    let mut refused = Diagnostics::new();
    for draft in drafts {
        if let Err(d) = check_target(&out.join(&draft.folder), force) {
            refused.push(d);
        }
    }
    if !refused.is_empty() {
        return Err(refused);
    }
    let texts: Vec<String> = drafts.iter().map(|d| case_yaml(d, &format!("../{SCHEMA_FILE}"))).collect();
    for (draft, text) in drafts.iter().zip(&texts) {
        reads_back(text, &out.join(&draft.folder).join("case.yaml"))?;
    }
    write_atomically(out, SCHEMA_FILE, crate::case::schema::case_schema_text().as_bytes())?;
    let mut written = Vec::new();
    for (draft, text) in drafts.iter().zip(texts) {
        written.push(write_folder(out, draft, &text)?);
    }
    Ok(written)
}

/// Refuses an existing target, unless `force` and it is a case folder (or empty).
fn check_target(target: &Path, force: bool) -> Result<(), Diagnostic> {
    let Ok(meta) = std::fs::symlink_metadata(target) else {
        return Ok(());
    };
    if meta.is_dir() && is_empty_dir(target) {
        return Ok(());
    }
    let is_case_folder = meta.is_dir() && target.join("case.yaml").is_file();
    match (is_case_folder, force) {
        (true, true) => Ok(()),
        (true, false) => Err(Diagnostic::error("ce dossier de cas existe déjà : rien n'a été écrit")
            .in_file(target)
            .hint("ajoutez --force pour le remplacer (les modifications faites à la main seront perdues), ou choisissez un autre dossier avec -o")),
        (false, _) => Err(Diagnostic::error("existe déjà et n'est pas un dossier de cas : il ne sera pas remplacé")
            .in_file(target)
            .hint("choisissez un autre dossier de sortie avec -o, ou déplacez ce dossier")),
    }
}

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false)
}

/// The text must load back: a syntax error or an unknown key would be this module's fault.
fn reads_back(text: &str, file: &Path) -> Result<(), Diagnostics> {
    let loaded = crate::case::load_str(text, file);
    let broken: Vec<Diagnostic> = loaded
        .diagnostics
        .into_iter()
        .filter(|d| matches!(d.code, Some(c) if c == rules::YAML_SYNTAX.code || c == rules::UNKNOWN_FIELD.code))
        .collect();
    if broken.is_empty() {
        Ok(())
    } else {
        let mut all = Diagnostics::from(
            Diagnostic::error("erreur interne : le case.yaml produit ne se relit pas ; rien n'a été écrit")
                .in_file(file)
                .hint("signalez ce problème avec le fichier importé"),
        );
        all.extend(broken);
        Err(all)
    }
}

fn write_folder(out: &Path, draft: &Draft, text: &str) -> Result<PathBuf, Diagnostics> {
    let target = out.join(&draft.folder);
    let failed = |e: std::io::Error, path: &Path| {
        Diagnostics::from(Diagnostic::error(format!("écriture impossible : {}", io_reason(&e))).in_file(path))
    };
    let temp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", draft.folder))
        .tempdir_in(out)
        .map_err(|e| failed(e, out))?;
    std::fs::write(temp.path().join("case.yaml"), text).map_err(|e| failed(e, &target.join("case.yaml")))?;
    for file in &draft.files {
        let path = temp.path().join(&file.relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| failed(e, &target.join(&file.relative)))?;
        }
        match &file.source {
            FileSource::Copy(from) => std::fs::copy(from, &path).map(|_| ()).map_err(|e| failed(e, from))?,
            FileSource::Bytes(bytes) => {
                std::fs::write(&path, bytes).map_err(|e| failed(e, &target.join(&file.relative)))?
            }
        }
    }
    let staged = temp.keep();
    let undo = |e: std::io::Error| {
        let _ = std::fs::remove_dir_all(&staged);
        Diagnostics::from(
            Diagnostic::error(format!("impossible de mettre le dossier en place : {}", io_reason(&e))).in_file(&target),
        )
    };
    if target.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!("{OLD_PREFIX}{}-", draft.folder))
            .tempdir_in(out)
            .map_err(undo)?
            .keep();
        std::fs::remove_dir(&old).map_err(undo)?;
        std::fs::rename(&target, &old).map_err(undo)?;
        if let Err(e) = std::fs::rename(&staged, &target) {
            let _ = std::fs::rename(&old, &target);
            return Err(undo(e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(&staged, &target).map_err(undo)?;
    }
    Ok(target)
}

/// A single file replaced only once complete.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), Diagnostics> {
    let target = dir.join(name);
    let failed = |e: std::io::Error| {
        Diagnostics::from(Diagnostic::error(format!("écriture impossible : {}", io_reason(&e))).in_file(&target))
    };
    let mut temp = tempfile::Builder::new().prefix(TEMP_PREFIX).tempfile_in(dir).map_err(failed)?;
    std::io::Write::write_all(&mut temp, bytes).map_err(failed)?;
    temp.persist(&target).map_err(|e| failed(e.error))?;
    Ok(())
}
