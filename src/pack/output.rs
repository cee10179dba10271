//! Writing one build folder safely: everything goes to a temporary folder beside the target and
//! is renamed into place only when complete. An interrupted or failed build leaves the previous
//! good folder untouched. A build folder `SORTIE/<reference>/<AAAA-MM-JJ>-<etape>/` is replaced
//! only by a build of the same date and step, and only while it holds nothing but what recouvre
//! wrote there; nothing else of `SORTIE/<reference>/` is ever removed.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::diag::Diagnostic;
use crate::ground::hash::sha256_hex;
use crate::ground::manifest::{MANIFEST_NAME, Manifest};

const TEMP_PREFIX: &str = ".recouvre-en-cours-";
const OLD_PREFIX: &str = ".recouvre-ancien-";

/// A dossier being written: files go to a hidden temporary folder until [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    temp: TempDir,
    target: PathBuf,
}

impl Staging {
    /// Prepares `out/<reference>/<name>`. Refuses when `out/<reference>` is not a folder (a file,
    /// a link), when an input file lies inside it, or when the build folder holds a file recouvre
    /// did not write or that was changed since (replacing the folder would lose it).
    pub fn new(out: &Path, reference: &str, name: &str, inputs: &[PathBuf]) -> Result<Self, Diagnostic> {
        std::fs::create_dir_all(out).map_err(|e| {
            Diagnostic::error(format!(
                "impossible de créer le dossier de sortie : {}",
                crate::ground::files::io_reason(&e)
            ))
            .in_file(out)
        })?;
        let out = out
            .canonicalize()
            .map_err(|e| Diagnostic::error(format!("dossier de sortie illisible : {e}")).in_file(out))?;
        let root = out.join(reference);
        check_case_folder(&root, inputs)?;
        if !root.exists() {
            std::fs::create_dir(&root).map_err(|e| {
                Diagnostic::error(format!(
                    "impossible de créer le dossier du cas : {}",
                    crate::ground::files::io_reason(&e)
                ))
                .in_file(&root)
            })?;
        }
        let target = root.join(name);
        restore_interrupted(&root, name, &target);
        check_target(&target, reference)?;
        remove_stale(&root, name);
        let temp =
            tempfile::Builder::new().prefix(&format!("{TEMP_PREFIX}{name}-")).tempdir_in(&root).map_err(|e| {
                Diagnostic::error(format!("impossible d'écrire dans le dossier de sortie : {e}")).in_file(&root)
            })?;
        Ok(Self { temp, target })
    }

    /// Where files are written until the commit.
    pub fn dir(&self) -> &Path {
        self.temp.path()
    }

    /// The final folder.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Writes a file inside the staging folder (`pieces/piece-01.pdf` creates `pieces/`).
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.temp.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Diagnostic::error(format!("écriture impossible : {e}")).in_file(&path))?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| Diagnostic::error(format!("écriture impossible : {e}")).in_file(self.target.join(relative)))
    }

    /// Creates a file inside the staging folder, to be written as a stream (the zip).
    pub fn create(&self, relative: &str) -> Result<std::io::BufWriter<std::fs::File>, Diagnostic> {
        let path = self.temp.path().join(relative);
        std::fs::File::create(&path)
            .map(std::io::BufWriter::new)
            .map_err(|e| Diagnostic::error(format!("écriture impossible : {e}")).in_file(self.target.join(relative)))
    }

    /// Moves the finished folder into place, replacing the previous dossier only now.
    pub fn commit(self) -> Result<PathBuf, Diagnostic> {
        let Staging { temp, target } = self;
        let staged = temp.keep();
        let fail = |e: std::io::Error, staged: &Path| {
            let _ = std::fs::remove_dir_all(staged);
            Diagnostic::error(format!("impossible de mettre le dossier en place : {e}")).in_file(&target)
        };
        if target.exists() {
            let parent = target.parent().unwrap_or(Path::new("."));
            let old = tempfile::Builder::new()
                .prefix(&format!("{OLD_PREFIX}{}-", file_name(&target)))
                .tempdir_in(parent)
                .map_err(|e| fail(e, &staged))?
                .keep();
            // The placeholder folder made by tempdir is replaced by the old dossier.
            std::fs::remove_dir(&old).map_err(|e| fail(e, &staged))?;
            std::fs::rename(&target, &old).map_err(|e| fail(e, &staged))?;
            if let Err(e) = std::fs::rename(&staged, &target) {
                let _ = std::fs::rename(&old, &target);
                return Err(fail(e, &staged));
            }
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&staged, &target).map_err(|e| fail(e, &staged))?;
        }
        Ok(target)
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// `out/<reference>` must be a real folder (or not exist yet) holding no input of the case.
fn check_case_folder(root: &Path, inputs: &[PathBuf]) -> Result<(), Diagnostic> {
    if let Some(input) = inputs.iter().find(|i| i.starts_with(root)) {
        return Err(Diagnostic::error(format!(
            "le dossier de sortie {} contient un fichier d'entrée ({}) : recouvre n'y écrit pas",
            root.display(),
            input.display()
        ))
        .hint("choisissez un autre dossier de sortie avec -o"));
    }
    match std::fs::symlink_metadata(root) {
        Ok(meta) if !meta.is_dir() => Err(Diagnostic::error(format!(
            "{} existe déjà et n'est pas un dossier (fichier ou lien) : il n'a pas été créé par recouvre, qui n'y écrit pas",
            root.display()
        ))
        .hint("choisissez un autre dossier de sortie avec -o, ou déplacez ce fichier")),
        _ => Ok(()),
    }
}

/// A build folder may be replaced only while it holds exactly what recouvre wrote there: the
/// files of its manifest (unchanged), the manifest and the zip. The first other file is named.
fn check_target(target: &Path, reference: &str) -> Result<(), Diagnostic> {
    let meta = match std::fs::symlink_metadata(target) {
        Err(_) => return Ok(()),
        Ok(meta) => meta,
    };
    let refuse = |file: &Path, why: &str| {
        Diagnostic::error(format!("{} {why} : le dossier {} ne sera pas remplacé", file.display(), target.display()))
            .hint(format!(
                "déplacez ce fichier hors de {} (par exemple dans le dossier du cas, à côté), puis relancez",
                target.display()
            ))
    };
    if !meta.is_dir() {
        return Err(refuse(target, "existe déjà, n'est pas un dossier et n'a pas été créé par recouvre"));
    }
    let manifest = Manifest::read(target);
    let listed = |relative: &str| -> Option<Option<&str>> {
        if relative == MANIFEST_NAME || relative == format!("{reference}.zip") {
            return Some(None);
        }
        let m = manifest.as_ref()?;
        m.fichiers.iter().find(|f| f.chemin == relative).map(|f| Some(f.sha256.as_str()))
    };
    for entry in walkdir::WalkDir::new(target).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| refuse(target, &format!("ne se lit pas ({e})")))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let relative = entry.path().strip_prefix(target).unwrap_or(entry.path());
        let relative = relative.to_string_lossy().replace('\\', "/");
        match listed(&relative) {
            _ if !entry.file_type().is_file() => return Err(refuse(entry.path(), "n'a pas été écrit par recouvre")),
            None => return Err(refuse(entry.path(), "n'a pas été écrit par recouvre")),
            Some(Some(sha256)) => {
                let bytes =
                    std::fs::read(entry.path()).map_err(|e| refuse(entry.path(), &format!("ne se lit pas ({e})")))?;
                if sha256_hex(&bytes) != sha256 {
                    return Err(refuse(entry.path(), "a été modifié depuis que recouvre l'a écrit"));
                }
            }
            Some(None) => {}
        }
    }
    Ok(())
}

/// Whether `file` is a hidden folder of a run on dossier `name` (`<prefix><name>-XXXXXX`).
fn is_leftover(file: &str, prefix: &str, name: &str) -> bool {
    let random = file.strip_prefix(prefix).and_then(|r| r.strip_prefix(name)).and_then(|r| r.strip_prefix('-'));
    random.is_some_and(|r| r.len() == 6)
}

/// A run killed between the two renames of [`Staging::commit`] left the previous dossier under
/// its hidden "old" name and nothing in place: it is put back, never deleted as a leftover.
fn restore_interrupted(root: &Path, name: &str, target: &Path) {
    if std::fs::symlink_metadata(target).is_ok() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(root) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if is_leftover(&file, OLD_PREFIX, name)
            && entry.file_type().is_ok_and(|t| t.is_dir())
            && Manifest::read(&entry.path()).is_some()
            && std::fs::rename(entry.path(), target).is_ok()
        {
            return;
        }
    }
}

/// Removes what an interrupted earlier run of the same dossier left behind.
fn remove_stale(root: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(root) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let stale = [TEMP_PREFIX, OLD_PREFIX].iter().any(|p| is_leftover(&file, p, name));
        if stale && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
        // The history being rewritten when a run was killed (`pack::history`).
        if is_leftover(&file, super::history::TEMP_PREFIX, "") && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ground::manifest::MANIFEST_NAME as MANIFEST;

    const EMPTY_MANIFEST: &[u8] = br#"{"generateur":"recouvre","version":"0","reference":"DOS-1","date_calcul":"","etape":"","destinataire":"","total_du":"","empreinte_entrees":"","fichiers":[],"avertissements":[]}"#;

    #[test]
    fn replaces_only_its_own_folders() {
        let root = tempfile::tempdir().expect("tempdir");
        let stage = Staging::new(root.path(), "DOS-1", "2026-11-23-relance", &[]).expect("stage");
        stage.write(MANIFEST, EMPTY_MANIFEST).expect("write");
        let target = root.path().join("DOS-1/2026-11-23-relance");
        assert!(!target.exists(), "nothing in place before commit");
        let target = stage.commit().expect("commit");
        assert!(target.join(MANIFEST).exists());

        // A file of the user beside the build folders stays, and does not block a build.
        std::fs::write(root.path().join("DOS-1/notes.txt"), "à garder").expect("write");
        Staging::new(root.path(), "DOS-1", "2026-11-23-relance", &[]).expect("own folder").commit().expect("commit");
        assert!(root.path().join("DOS-1/notes.txt").is_file());

        // A file of the user inside the build folder: refused, naming it.
        std::fs::write(target.join("notes.txt"), "à garder").expect("write");
        let err = Staging::new(root.path(), "DOS-1", "2026-11-23-relance", &[]).expect_err("user file");
        assert!(err.message.contains("notes.txt") && err.message.contains("n'a pas été écrit par recouvre"), "{err}");

        std::fs::create_dir_all(root.path().join("DOS-2")).expect("mkdir");
        std::fs::write(root.path().join("DOS-2/case.yaml"), "x").expect("write");
        let input = root.path().canonicalize().expect("c").join("DOS-2/case.yaml");
        let err = Staging::new(root.path(), "DOS-2", "2026-11-23-relance", &[input]).expect_err("input inside");
        assert!(err.message.contains("fichier d'entrée"), "{err}");
    }

    #[test]
    fn a_folder_moved_aside_by_a_killed_commit_is_put_back() {
        let root = tempfile::tempdir().expect("tempdir");
        let stage = Staging::new(root.path(), "DOS-4", "2026-11-23-attente", &[]).expect("stage");
        stage.write(MANIFEST, EMPTY_MANIFEST).expect("write");
        let target = stage.commit().expect("commit");
        // As if killed right after `rename(target, old)`.
        let old = root.path().join(format!("DOS-4/{OLD_PREFIX}2026-11-23-attente-abcdef"));
        std::fs::rename(&target, &old).expect("move aside");
        let stage = Staging::new(root.path(), "DOS-4", "2026-11-23-attente", &[]).expect("stage again");
        assert!(target.join(MANIFEST).is_file(), "previous folder restored");
        assert!(!old.exists());
        drop(stage);
    }

    #[test]
    fn a_dropped_staging_leaves_nothing() {
        let root = tempfile::tempdir().expect("tempdir");
        {
            let stage = Staging::new(root.path(), "DOS-3", "2026-11-23-relance", &[]).expect("stage");
            stage.write("x.pdf", b"%PDF").expect("write");
        }
        assert_eq!(std::fs::read_dir(root.path().join("DOS-3")).expect("read").count(), 0);
    }
}
