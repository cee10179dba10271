//! Files named in a case: inside the case folder, present, and of the type they claim.

use std::fs::File;
use std::io::Read;
use std::path::{Component, Path};

use crate::case::model::{FileKind, FileRef};
use crate::diag::Diagnostic;
use crate::ground::files::{MAX_FILE_BYTES, sniff};
use crate::rules;

/// Resolves `relative` (as written in the case) inside `case_dir` (canonical), or says why not.
pub fn resolve(case_dir: &Path, relative: &str, field: &str) -> Result<FileRef, Diagnostic> {
    let written = relative.trim();
    let outside = |why: &str| {
        rules::FILE_OUTSIDE
            .report(format!("le fichier « {written} » {why}"))
            .field(field)
            .hint("indiquez un chemin relatif au dossier du cas, par exemple pieces/facture.pdf, et copiez le fichier dans ce dossier")
    };
    if written.is_empty() {
        return Err(rules::FILE_MISSING.report("chemin de fichier vide").field(field));
    }
    let path = Path::new(written);
    if path.is_absolute() || written.starts_with('/') || written.starts_with('\\') || written.contains(':') {
        return Err(outside("est un chemin absolu"));
    }
    if path.components().any(|c| matches!(c, Component::ParentDir | Component::Prefix(_) | Component::RootDir)) {
        return Err(outside("sort du dossier du cas (« .. »)"));
    }
    let joined = case_dir.join(path);
    let canonical = match joined.canonicalize() {
        Ok(p) => p,
        Err(_) if joined.symlink_metadata().is_ok() => {
            return Err(outside("est un lien vers un fichier absent"));
        }
        Err(_) => {
            let hint = match look_alike(case_dir, written) {
                Some(existing) => format!(
                    "le fichier « {existing} » existe : écrivez ce chemin-là (les majuscules comptent, et les dossiers se séparent par /)"
                ),
                None => format!("le chemin est relatif au dossier du cas ({})", case_dir.display()),
            };
            return Err(rules::FILE_MISSING
                .report(format!("fichier introuvable « {written} »"))
                .field(field)
                .hint(hint));
        }
    };
    if !canonical.starts_with(case_dir) {
        return Err(outside("est un lien qui sort du dossier du cas"));
    }
    let meta = std::fs::metadata(&canonical)
        .map_err(|e| rules::FILE_MISSING.report(format!("fichier illisible « {written} » : {e}")).field(field))?;
    if !meta.is_file() {
        return Err(rules::FILE_MISSING.report(format!("« {written} » n'est pas un fichier")).field(field));
    }
    if meta.len() == 0 {
        return Err(rules::FILE_TYPE.report(format!("le fichier « {written} » est vide (0 octet)")).field(field));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(rules::FILE_TYPE
            .report(format!("le fichier « {written} » dépasse 256 Mo"))
            .field(field)
            .hint("compressez le scan ou réduisez sa résolution (300 dpi suffisent)"));
    }
    let kind = detect(&canonical, written, field)?;
    Ok(FileRef { relative: written.to_string(), path: canonical, kind, field: field.to_string() })
}

/// The file of the case folder that `written` names but for the case of its letters or a `\`
/// written for `/` (as on Windows), if there is exactly one step to take at each level.
fn look_alike(case_dir: &Path, written: &str) -> Option<String> {
    let mut dir = case_dir.to_path_buf();
    let mut found = Vec::new();
    for part in written.split(['/', '\\']).filter(|p| !p.is_empty() && *p != ".") {
        let wanted = part.to_lowercase();
        let name = std::fs::read_dir(&dir)
            .ok()?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|name| name.to_lowercase() == wanted)?;
        dir.push(&name);
        found.push(name);
    }
    let existing = found.join("/");
    (existing != written && dir.is_file()).then_some(existing)
}

/// The file's type from its extension, confirmed by its first bytes.
fn detect(path: &Path, written: &str, field: &str) -> Result<FileKind, Diagnostic> {
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_lowercase).unwrap_or_default();
    let claimed = match extension.as_str() {
        "pdf" => FileKind::Pdf,
        "png" => FileKind::Png,
        "jpg" | "jpeg" => FileKind::Jpeg,
        _ => {
            return Err(rules::FILE_TYPE
                .report(format!("type de fichier non accepté « {written} »"))
                .field(field)
                .hint("joignez un PDF, un PNG ou un JPEG (extension .pdf, .png, .jpg)"));
        }
    };
    let mut head = [0u8; 1024];
    let n = File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| rules::FILE_MISSING.report(format!("fichier illisible « {written} » : {e}")).field(field))?;
    let head = &head[..n];
    let actual = sniff(head);
    if actual != Some(claimed) {
        let what = match actual {
            Some(FileKind::Pdf) => "un PDF",
            Some(FileKind::Png) => "une image PNG",
            Some(FileKind::Jpeg) => "une image JPEG",
            None => "ni un PDF, ni une image PNG ou JPEG",
        };
        return Err(rules::FILE_TYPE
            .report(format!("le contenu de « {written} » ne correspond pas à son extension : c'est {what}"))
            .field(field)
            .hint("renommez le fichier avec la bonne extension, ou exportez-le à nouveau"));
    }
    Ok(claimed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_leaving_the_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().canonicalize().expect("canonical");
        std::fs::write(root.join("a.pdf"), b"%PDF-1.7\n").expect("write");
        assert!(resolve(&root, "a.pdf", "f").is_ok());
        for bad in ["../a.pdf", "/etc/passwd", "x/../../a.pdf", "C:\\a.pdf"] {
            let e = resolve(&root, bad, "f").expect_err(bad);
            assert_eq!(e.code, Some("R024"), "{bad}: {e}");
        }
        assert_eq!(resolve(&root, "absent.pdf", "f").expect_err("absent").code, Some("R023"));
        std::fs::write(root.join("b.pdf"), b"\x89PNG\r\n\x1a\nxxxx").expect("write");
        assert_eq!(resolve(&root, "b.pdf", "f").expect_err("png as pdf").code, Some("R025"));
        std::fs::write(root.join("z.pdf"), b"").expect("write");
        assert_eq!(resolve(&root, "z.pdf", "f").expect_err("empty").code, Some("R025"));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_leaving_the_folder() {
        let outside = tempfile::tempdir().expect("tempdir");
        std::fs::write(outside.path().join("secret.pdf"), b"%PDF-1.7").expect("write");
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().canonicalize().expect("canonical");
        std::os::unix::fs::symlink(outside.path().join("secret.pdf"), root.join("lien.pdf")).expect("symlink");
        assert_eq!(resolve(&root, "lien.pdf", "f").expect_err("escape").code, Some("R024"));
    }
}
