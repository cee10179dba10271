//! Finding the case files of a folder, and the share of them one machine builds (`--shard K/N`).

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::diag::Diagnostic;

/// A case file found under the batch folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    /// Relative to the batch folder, with `/`: stable across machines, used for sharding and reports.
    pub relative: String,
    pub path: PathBuf,
}

/// A YAML file under the batch folder that looks like a case (case keys at the top level) but
/// is not taken as one, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    /// Relative to the batch folder, with `/`.
    pub relative: String,
    /// Why, and how to make it a case.
    pub reason: String,
}

/// Every case file under `dir`, sorted: a `.yaml`/`.yml` whose first key is `version:`. Hidden
/// folders and `skip` (the output folder, when it lies inside) are not searched.
pub fn find_cases(dir: &Path, skip: Option<&Path>) -> Result<Vec<Found>, Diagnostic> {
    discover(dir, skip).map(|(found, _)| found)
}

/// [`find_cases`], and the YAML files with case keys that are not taken as cases.
pub fn discover(dir: &Path, skip: Option<&Path>) -> Result<(Vec<Found>, Vec<Skipped>), Diagnostic> {
    let root = dir.canonicalize().map_err(|e| {
        Diagnostic::error(format!("dossier illisible : {}", crate::ground::files::io_reason(&e))).in_file(dir)
    })?;
    let skip = skip.and_then(|s| s.canonicalize().ok());
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let walker = walkdir::WalkDir::new(&root).follow_links(false).sort_by_file_name().into_iter().filter_entry(|e| {
        let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
        let is_skipped = skip.as_deref().is_some_and(|s| e.path() == s);
        !hidden && !is_skipped
    });
    for entry in walker.flatten() {
        let path = entry.path();
        let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        // The creditor's profile is not a case: it is merged into the cases below it.
        let is_profile = path.file_name().is_some_and(|n| n == crate::case::profile::PROFILE_FILE);
        if !entry.file_type().is_file() || !is_yaml || is_profile {
            continue;
        }
        let relative = path.strip_prefix(&root).unwrap_or(path).to_string_lossy().replace('\\', "/");
        match head_keys(path) {
            Head::Case => {
                // Shown in messages as the user wrote the folder, not as an absolute path.
                let shown = dir.join(&relative);
                found.push(Found { relative, path: shown });
            }
            Head::Skipped(reason) => skipped.push(Skipped { relative, reason }),
            Head::Other => {}
        }
    }
    found.sort();
    skipped.sort();
    Ok((found, skipped))
}

/// Top-level keys that only a case file has: two of them make a YAML file a case left out.
const CASE_KEYS: [&str; 8] =
    ["reference", "creancier", "debiteur", "factures", "date_calcul", "mise_en_demeure", "relances", "procedure"];

enum Head {
    Case,
    Skipped(String),
    Other,
}

/// Whether the file's first key (after comments, blank lines and `---`) is `version:`; if not,
/// whether it has case keys, and why it is left out.
fn head_keys(path: &Path) -> Head {
    let mut head = Vec::with_capacity(64 * 1024);
    let Ok(file) = std::fs::File::open(path) else { return Head::Other };
    if file.take(64 * 1024).read_to_end(&mut head).is_err() {
        return Head::Other;
    }
    let text = String::from_utf8_lossy(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head));
    let mut lines = text.lines().enumerate().filter(|(_, l)| {
        let l = l.trim();
        !l.is_empty() && !l.starts_with('#') && l != "---"
    });
    if lines.next().is_some_and(|(_, l)| l.trim().starts_with("version:")) {
        return Head::Case;
    }
    let top_key = |line: &str| -> Option<String> {
        let first = line.chars().next()?;
        if first.is_whitespace() || first == '-' || first == '#' {
            return None;
        }
        line.split_once(':').map(|(key, _)| key.trim().to_string())
    };
    let keys: Vec<(usize, String)> =
        text.lines().enumerate().filter_map(|(i, l)| top_key(l).map(|k| (i + 1, k))).collect();
    if keys.iter().filter(|(_, k)| CASE_KEYS.contains(&k.as_str())).count() < 2 {
        return Head::Other;
    }
    Head::Skipped(match keys.iter().find(|(_, k)| k == "version") {
        Some((line, _)) => format!(
            "« version: » est à la ligne {line}, pas en premier : ce fichier n'est pas lu comme un cas — mettez « version: 1 » en première clé (seuls des commentaires peuvent la précéder)"
        ),
        None => {
            "pas de clé « version: » : ce fichier n'est pas lu comme un cas — ajoutez « version: 1 » en première ligne"
                .to_string()
        }
    })
}

/// `K/N`: this machine builds share K (1-based) of N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("part invalide « {s} » : écrivez K/N, par exemple 1/4 (K de 1 à N)");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (index, count): (u64, u64) = (k.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
        if count == 0 || index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether a case belongs to this share: decided by a hash of its relative path, so a case keeps
    /// its machine when others are added, and N machines together build each case exactly once.
    pub fn contains(&self, relative: &str) -> bool {
        let digest = Sha256::digest(relative.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(first) % self.count == self.index - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_cases() {
        let names: Vec<String> = (0..200).map(|i| format!("clients/c{i}/case.yaml")).collect();
        let shards: Vec<Shard> = (1..=3).map(|k| format!("{k}/3").parse().expect("shard")).collect();
        for name in &names {
            assert_eq!(shards.iter().filter(|s| s.contains(name)).count(), 1, "{name}");
        }
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }

    #[test]
    fn finds_case_files_by_their_first_key() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("a")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join(".cache")).expect("mkdir");
        std::fs::write(dir.path().join("a/case.yaml"), "# c\nversion: 1\n").expect("write");
        std::fs::write(dir.path().join("a/taux.yaml"), "taux: []\n").expect("write");
        std::fs::write(dir.path().join(".cache/case.yaml"), "version: 1\n").expect("write");
        std::fs::create_dir_all(dir.path().join("b")).expect("mkdir");
        std::fs::write(dir.path().join("b/case.yaml"), "reference: B\nversion: 1\ndebiteur: {}\n").expect("write");
        let (found, skipped) = discover(dir.path(), None).expect("find");
        assert_eq!(found.iter().map(|f| f.relative.as_str()).collect::<Vec<_>>(), ["a/case.yaml"]);
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert_eq!(skipped[0].relative, "b/case.yaml");
        assert!(skipped[0].reason.contains("ligne 2"), "{:?}", skipped[0]);
    }
}
