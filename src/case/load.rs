//! Reading a case file: size and encoding first, then YAML, then the raw types and the schema.

use std::path::{Path, PathBuf};

use super::locate::Locator;
use super::profile::{self, Profile};
use super::raw::RawCase;
pub use super::read::MAX_CASE_BYTES;
use super::read::{decode, read_text};
use super::{node_de, schema, yaml};
use crate::diag::{Diagnostics, Pos};
use crate::rules;

/// A case file as read: its raw content (when readable), where each field is, and the problems.
#[derive(Debug)]
pub struct Loaded {
    pub file: PathBuf,
    /// The case folder, canonical.
    pub dir: PathBuf,
    pub raw: Option<RawCase>,
    /// The creditor's profile merged into the case (`recouvre.yaml`), when one applies.
    pub profile: Option<PathBuf>,
    pub locator: Locator,
    pub diagnostics: Diagnostics,
    /// The files read to load the case (the case file, then the profile), with their bytes: a
    /// build hands them on rather than reading them again.
    pub read: Vec<(PathBuf, Vec<u8>)>,
}

impl Loaded {
    /// A case file that could not be read or parsed: only the problem.
    fn failed(file: &Path, dir: PathBuf, problems: impl Into<Diagnostics>) -> Self {
        Self {
            file: file.to_path_buf(),
            dir,
            raw: None,
            profile: None,
            locator: Locator::default(),
            diagnostics: problems.into(),
            read: Vec::new(),
        }
    }
}

/// Reads and parses a case file, with the creditor's profile that applies to it (the nearest
/// `recouvre.yaml`). Problems are in `diagnostics`; `raw` is `None` when unreadable.
pub fn load(file: &Path) -> Loaded {
    let dir = file
        .parent()
        .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
        .and_then(|p| p.canonicalize().ok())
        .unwrap_or_else(|| PathBuf::from("."));
    let (text, bytes) = match read_text(file) {
        Ok(read) => read,
        Err(d) => return Loaded::failed(file, dir, d.in_file(file)),
    };
    let profile = match profile::find(&dir, file).map(|p| profile::read(&p)) {
        None => None,
        Some(Ok(read)) => Some(read),
        Some(Err(problems)) => return Loaded::failed(file, dir, problems),
    };
    let profile_read = profile.as_ref().map(|(p, _)| (p.file.clone(), p.bytes.clone()));
    let mut loaded = parse(&text, file, profile);
    loaded.dir = dir;
    loaded.read = [(file.to_path_buf(), bytes)].into_iter().chain(profile_read).collect();
    loaded
}

/// Parses case text; `file` names it in messages and its folder holds the pièces. No profile.
pub fn load_str(text: &str, file: &Path) -> Loaded {
    parse(text, file, None)
}

fn parse(text: &str, file: &Path, profile: Option<(Profile, Diagnostics)>) -> Loaded {
    let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut node = match yaml::parse(text) {
        Ok(node) => node,
        Err(d) => return Loaded::failed(file, dir, d.with_code(rules::YAML_SYNTAX.code).in_file(file)),
    };
    let mut diagnostics = Diagnostics::new();
    let mut locator = Locator::new(&node);
    let mut profile_file = None;
    if let Some((profile, problems)) = profile {
        let borrowed = profile::merge_into(&mut node, &profile.node);
        locator = Locator::new(&node).with_profile(&profile.file, borrowed);
        diagnostics.extend(problems);
        profile_file = Some(profile.file);
    }
    let (raw, problems) = node_de::deserialize::<RawCase>(&node);
    // A borrowed field's type problems were reported once, in the profile's file, by `read`.
    for d in problems.into_iter().filter(|d| !locator.is_borrowed(&d.field)) {
        let code =
            if d.message.starts_with("champ inconnu") { rules::UNKNOWN_FIELD.code } else { rules::FIELD_VALUE.code };
        diagnostics.push(d.with_code(code));
    }
    for d in schema::missing_required(&node, &schema::case_schema()) {
        diagnostics.push(d.with_code(rules::REQUIRED_FIELD.code));
    }
    for d in &mut diagnostics.0 {
        if d.file.as_os_str().is_empty() {
            d.file = locator.file_of(&d.field, file);
        }
    }
    Loaded { file: file.to_path_buf(), dir, raw, profile: profile_file, locator, diagnostics, read: Vec::new() }
}

/// Parses case bytes as if read from `file` (a virtual name: nothing is read from disk): the same
/// size, BOM and UTF-8 checks as [`load`], then [`load_str`]. The pièces are looked for in `file`'s
/// folder, which should be canonical.
pub fn load_bytes(bytes: &[u8], file: &Path) -> Loaded {
    let checked = if bytes.len() as u64 > MAX_CASE_BYTES {
        Err(rules::FILE_READABLE
            .report("fichier trop gros : un dossier fait au plus 32 Mo")
            .at(Pos::default())
            .hint("vérifiez qu'il s'agit bien du fichier YAML du dossier"))
    } else {
        decode(bytes)
    };
    match checked {
        Ok(text) => load_str(&text, file),
        Err(d) => Loaded {
            file: file.to_path_buf(),
            dir: file.parent().map(Path::to_path_buf).unwrap_or_default(),
            raw: None,
            profile: None,
            locator: Locator::default(),
            diagnostics: Diagnostics::from(d.in_file(file)),
            read: Vec::new(),
        },
    }
}
