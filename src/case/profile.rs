//! The creditor's profile: `recouvre.yaml`, found in the case's folder or the nearest parent that
//! has one (as `rustfmt.toml` is), gives what every case of that creditor would repeat — its
//! identity and bank details, the médiateur, the place of signature, the payment terms. A case
//! omits any of it or overrides it key by key: the case's own keys always win.
//!
//! The profile is merged into the case's YAML tree before anything reads it, so the rest of the
//! pipeline sees one case; each borrowed field remembers that it was written in the profile, so a
//! problem there is reported at the profile's file, line and column.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

use super::raw::{RawConditions, RawParty};
use super::yaml::{Node, NodeKind};
use super::{node_de, path, yaml};
use crate::diag::{Diagnostic, Diagnostics};
use crate::rules;

/// The profile's file name, looked for from the case's folder up to the root.
pub const PROFILE_FILE: &str = "recouvre.yaml";

/// The keys of a case a profile may give (the fields of [`RawProfile`]).
const PROFILE_KEYS: [&str; 3] = ["lieu_signature", "creancier", "conditions"];

/// Profil du créancier (`recouvre.yaml`) : ce que chaque dossier de ce créancier reprendrait. Un
/// dossier placé dans ce dossier ou en dessous l'omet ou le remplace, clé par clé.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Profil du créancier recouvre (recouvre.yaml)")]
pub struct RawProfile {
    /// Ville où les documents sont signés (« Fait à Lyon, le … »).
    pub lieu_signature: Option<String>,
    /// Le créancier : identité, adresse, représentant, coordonnées bancaires, médiateur.
    pub creancier: Option<RawParty>,
    /// Les conditions de paiement et de retard habituelles du créancier.
    pub conditions: Option<RawConditions>,
}

/// A profile as read: its file and YAML tree.
#[derive(Debug, Clone)]
pub struct Profile {
    pub file: PathBuf,
    pub node: Node,
    /// The file's bytes as read.
    pub bytes: Vec<u8>,
}

/// The profile that applies to a case in `dir` (canonical): the nearest `recouvre.yaml` in `dir`
/// or a parent, other than the case file itself.
pub fn find(dir: &Path, case_file: &Path) -> Option<PathBuf> {
    let case_file = case_file.canonicalize().ok();
    dir.ancestors().map(|d| d.join(PROFILE_FILE)).find(|p| p.is_file() && p.canonicalize().ok() != case_file)
}

/// Reads a profile and checks its keys and value types: the profile, with its problems located in
/// its file; `Err` when it cannot be read or parsed at all.
pub fn read(file: &Path) -> Result<(Profile, Diagnostics), Diagnostics> {
    let (text, bytes) = super::read::read_text(file).map_err(|d| Diagnostics::from(d.in_file(file)))?;
    let node = yaml::parse(&text).map_err(|d| Diagnostics::from(d.with_code(rules::YAML_SYNTAX.code).in_file(file)))?;
    if !matches!(node.kind, NodeKind::Map(_) | NodeKind::Null) {
        return Err(Diagnostic::error("un profil est une suite de clés : creancier, lieu_signature, conditions")
            .with_code(rules::FIELD_VALUE.code)
            .at(node.pos)
            .in_file(file)
            .into());
    }
    let (_, problems) = node_de::deserialize::<RawProfile>(&node);
    let mut diagnostics = Diagnostics::new();
    for d in problems {
        let code =
            if d.message.starts_with("champ inconnu") { rules::UNKNOWN_FIELD.code } else { rules::FIELD_VALUE.code };
        diagnostics.push(d.with_code(code).in_file(file));
    }
    Ok((Profile { file: file.to_path_buf(), node, bytes }, diagnostics))
}

/// Adds to `case` every key of `profile` the case does not write, recursively within blocks
/// (`creancier`, `conditions`): the case's keys win. Returns the field paths taken from the profile.
pub fn merge_into(case: &mut Node, profile: &Node) -> Vec<String> {
    let mut borrowed = Vec::new();
    if let NodeKind::Null = case.kind {
        return borrowed;
    }
    // Only the keys a profile may give: any other is reported by `read`, never merged.
    let NodeKind::Map(keys) = &profile.kind else { return borrowed };
    let known = keys.iter().filter(|(k, _)| PROFILE_KEYS.contains(&k.name.as_str())).cloned().collect();
    let profile = Node { pos: profile.pos, kind: NodeKind::Map(known) };
    merge_map(case, &profile, "", &mut borrowed);
    borrowed
}

fn merge_map(case: &mut Node, profile: &Node, at: &str, borrowed: &mut Vec<String>) {
    let (NodeKind::Map(mine), NodeKind::Map(theirs)) = (&mut case.kind, &profile.kind) else { return };
    for (key, value) in theirs {
        let field = path::join(at, &key.name);
        match mine.iter_mut().find(|(k, _)| k.name == key.name) {
            // Written empty in the case (`creancier:`): the profile's block stands in for it.
            Some((_, own)) if matches!(own.kind, NodeKind::Null) => {
                *own = value.clone();
                borrowed.push(field);
            }
            Some((_, own)) => merge_map(own, value, &field, borrowed),
            None => {
                mine.push((key.clone(), value.clone()));
                borrowed.push(field);
            }
        }
    }
}

/// Splits a case file's text into the case without the blocks a profile may give, and those
/// blocks (with their comments and nested lines): how `init --profil` writes both files.
pub fn split_profile_blocks(text: &str) -> (String, String) {
    let (mut rest, mut moved) = (String::new(), String::new());
    let mut moving = false;
    for line in text.lines() {
        let top_key = line.split_once(':').map(|(k, _)| k).filter(|k| !k.is_empty() && !k.starts_with([' ', '#', '-']));
        if let Some(key) = top_key {
            moving = PROFILE_KEYS.contains(&key);
        }
        let out = if moving { &mut moved } else { &mut rest };
        out.push_str(line);
        out.push('\n');
    }
    (rest, moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(case: &str, profile: &str) -> (Node, Vec<String>) {
        let mut case = yaml::parse(case).expect("case");
        let profile = yaml::parse(profile).expect("profile");
        let borrowed = merge_into(&mut case, &profile);
        (case, borrowed)
    }

    #[test]
    fn the_case_keys_win_and_missing_ones_come_from_the_profile() {
        let (node, borrowed) = merged(
            "version: 1\nconditions:\n  taux_penalites: \"12\"\n",
            "creancier:\n  raison_sociale: A\nconditions:\n  taux_penalites: \"10\"\n  indemnite_forfaitaire: true\nlieu_signature: Lyon\nfactures: []\n",
        );
        assert_eq!(borrowed, ["creancier", "conditions.indemnite_forfaitaire", "lieu_signature"]);
        let NodeKind::Map(top) = &node.kind else { panic!("map") };
        let conditions = &top.iter().find(|(k, _)| k.name == "conditions").expect("conditions").1;
        let NodeKind::Map(c) = &conditions.kind else { panic!("map") };
        let rate = &c.iter().find(|(k, _)| k.name == "taux_penalites").expect("rate").1;
        assert_eq!(rate.kind, NodeKind::Str("12".into()));
        // The borrowed block keeps the profile's positions (line 1 of the profile).
        let creditor = &top.iter().find(|(k, _)| k.name == "creancier").expect("creancier").1;
        assert_eq!(creditor.pos.line, 2);
    }

    #[test]
    fn an_empty_block_in_the_case_takes_the_profile_one() {
        let (_, borrowed) = merged("version: 1\ncreancier:\n", "creancier:\n  raison_sociale: A\n");
        assert_eq!(borrowed, ["creancier"]);
    }

    #[test]
    fn profile_blocks_move_with_their_nested_lines() {
        let (rest, moved) = split_profile_blocks("version: 1\nlieu: A\ncreancier:\n  nom: X\n\ndebiteur:\n  nom: Y\n");
        assert_eq!(moved, "creancier:\n  nom: X\n\n");
        assert_eq!(rest, "version: 1\nlieu: A\ndebiteur:\n  nom: Y\n");
    }
}
