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

/// Every case file under `dir`, sorted: a `.yaml`/`.yml` whose first key is `version:`. Hidden
/// folders and `skip` (the output folder, when it lies inside) are not searched.
pub fn find_cases(dir: &Path, skip: Option<&Path>) -> Result<Vec<Found>, Diagnostic> {
    let root = dir.canonicalize().map_err(|e| {
        Diagnostic::error(format!("dossier illisible : {}", crate::case::load::io_reason(&e))).in_file(dir)
    })?;
    let skip = skip.and_then(|s| s.canonicalize().ok());
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(&root).follow_links(false).sort_by_file_name().into_iter().filter_entry(|e| {
        let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
        let is_skipped = skip.as_deref().is_some_and(|s| e.path() == s);
        !hidden && !is_skipped
    });
    for entry in walker.flatten() {
        let path = entry.path();
        let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if entry.file_type().is_file() && is_yaml && starts_with_version(path) {
            let relative = path.strip_prefix(&root).unwrap_or(path).to_string_lossy().replace('\\', "/");
            // Shown in messages as the user wrote the folder, not as an absolute path.
            let shown = dir.join(&relative);
            found.push(Found { relative, path: shown });
        }
    }
    found.sort();
    Ok(found)
}

/// Whether the file's first key (after comments and blank lines) is `version:`.
fn starts_with_version(path: &Path) -> bool {
    let mut head = Vec::with_capacity(4096);
    let Ok(file) = std::fs::File::open(path) else { return false };
    if file.take(4096).read_to_end(&mut head).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head));
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---")
        .is_some_and(|l| l.starts_with("version:"))
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
        let found = find_cases(dir.path(), None).expect("find");
        assert_eq!(found.iter().map(|f| f.relative.as_str()).collect::<Vec<_>>(), ["a/case.yaml"]);
    }
}
