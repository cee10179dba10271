//! Writing a dossier folder safely: everything goes to a temporary folder beside the target and is
//! renamed into place only when complete. An interrupted or failed build leaves the previous good
//! dossier untouched; a folder recouvre did not create is never replaced.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::diag::Diagnostic;
use crate::ground::manifest::Manifest;

const TEMP_PREFIX: &str = ".recouvre-en-cours-";
const OLD_PREFIX: &str = ".recouvre-ancien-";

/// A dossier being written: files go to a hidden temporary folder until [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    temp: TempDir,
    target: PathBuf,
}

impl Staging {
    /// Prepares `root/name`. Refuses when the target exists and was not made by recouvre, or when
    /// an input file lies inside it (replacing the folder would delete it).
    pub fn new(root: &Path, name: &str, inputs: &[PathBuf]) -> Result<Self, Diagnostic> {
        std::fs::create_dir_all(root).map_err(|e| {
            Diagnostic::error(format!(
                "impossible de créer le dossier de sortie : {}",
                crate::case::load::io_reason(&e)
            ))
            .in_file(root)
        })?;
        let root = root
            .canonicalize()
            .map_err(|e| Diagnostic::error(format!("dossier de sortie illisible : {e}")).in_file(root))?;
        let target = root.join(name);
        restore_interrupted(&root, name, &target);
        check_target(&target, inputs)?;
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

fn check_target(target: &Path, inputs: &[PathBuf]) -> Result<(), Diagnostic> {
    if let Some(input) = inputs.iter().find(|i| i.starts_with(target)) {
        return Err(Diagnostic::error(format!(
            "le dossier de sortie {} contient un fichier d'entrée ({}) : il ne sera pas remplacé",
            target.display(),
            input.display()
        ))
        .hint("choisissez un autre dossier de sortie avec -o"));
    }
    match std::fs::symlink_metadata(target) {
        Err(_) => Ok(()),
        Ok(meta) if meta.is_dir() && Manifest::read(target).is_some() => Ok(()),
        Ok(meta) if meta.is_dir() && is_empty_dir(target) => Ok(()),
        Ok(_) => Err(Diagnostic::error(format!(
            "{} existe déjà et n'a pas été créé par recouvre : il ne sera pas remplacé",
            target.display()
        ))
        .hint("choisissez un autre dossier de sortie avec -o, ou déplacez ce dossier")),
    }
}

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false)
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ground::manifest::MANIFEST_NAME as MANIFEST;

    #[test]
    fn replaces_only_its_own_folders() {
        let root = tempfile::tempdir().expect("tempdir");
        let stage = Staging::new(root.path(), "DOS-1", &[]).expect("stage");
        stage.write("a.txt", b"1").expect("write");
        assert!(!root.path().join("DOS-1").exists(), "nothing in place before commit");
        let target = stage.commit().expect("commit");
        assert!(target.join("a.txt").exists());

        // Not ours (no manifest, not empty): refused.
        let err = Staging::new(root.path(), "DOS-1", &[]).expect_err("no manifest");
        assert!(err.message.contains("n'a pas été créé par recouvre"), "{err}");

        std::fs::create_dir_all(root.path().join("DOS-2")).expect("mkdir");
        std::fs::write(root.path().join("DOS-2/case.yaml"), "x").expect("write");
        let err = Staging::new(root.path(), "DOS-2", &[root.path().canonicalize().expect("c").join("DOS-2/case.yaml")])
            .expect_err("input inside");
        assert!(err.message.contains("fichier d'entrée"), "{err}");
    }

    #[test]
    fn a_dossier_moved_aside_by_a_killed_commit_is_put_back() {
        let root = tempfile::tempdir().expect("tempdir");
        let stage = Staging::new(root.path(), "DOS-4", &[]).expect("stage");
        stage.write(MANIFEST, br#"{"generateur":"recouvre","version":"0","reference":"DOS-4","date_calcul":"","etape":"","destinataire":"","total_du":"","empreinte_entrees":"","fichiers":[],"avertissements":[]}"#).expect("write");
        let target = stage.commit().expect("commit");
        // As if killed right after `rename(target, old)`.
        let old = root.path().join(format!("{OLD_PREFIX}DOS-4-abcdef"));
        std::fs::rename(&target, &old).expect("move aside");
        let stage = Staging::new(root.path(), "DOS-4", &[]).expect("stage again");
        assert!(target.join(MANIFEST).is_file(), "previous dossier restored");
        assert!(!old.exists());
        drop(stage);
    }

    #[test]
    fn a_dropped_staging_leaves_nothing() {
        let root = tempfile::tempdir().expect("tempdir");
        {
            let stage = Staging::new(root.path(), "DOS-3", &[]).expect("stage");
            stage.write("x.pdf", b"%PDF").expect("write");
        }
        assert_eq!(std::fs::read_dir(root.path()).expect("read").count(), 0);
    }
}
