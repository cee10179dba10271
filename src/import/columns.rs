//! Which column holds what: recognised from the usual French headers of accounting exports
//! (`Client`, `N° de facture`, `Échéance`, `Montant TTC`, `Réglé`, `Solde`…), or named in a
//! `--colonnes` file when the export uses its own words.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub use super::fields::{BALANCE_FIELDS, Field, TIERS_FIELDS};
use super::naming::normalize;
use super::recognised::{canonical, synonyms};
use crate::case::yaml::{self, Node, NodeKind};
use crate::diag::{Diagnostic, Diagnostics};
use crate::ground::files::io_reason;

/// A column as a `--colonnes` file names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    Header(String),
    /// 1-based.
    Number(usize),
}

/// The `--colonnes` file: columns of the export, and of the parties file under `tiers:`.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    pub balance: BTreeMap<Field, Pick>,
    pub tiers: BTreeMap<Field, Pick>,
}

impl Mapping {
    /// Reads a `--colonnes` file: `champ: En-tête` or `champ: 3` (third column), and `tiers:`.
    pub fn load(path: &Path) -> Result<Mapping, Diagnostics> {
        if super::table::regular_file(path)?.len() > 1024 * 1024 {
            return Err(Diagnostic::error("fichier de colonnes de plus de 1 Mo : ce n'est pas un fichier de colonnes")
                .in_file(path)
                .into());
        }
        let text = std::fs::read_to_string(path).map_err(|e| {
            Diagnostics::from(
                Diagnostic::error(format!("fichier de colonnes illisible : {}", io_reason(&e))).in_file(path),
            )
        })?;
        let root = yaml::parse(&text).map_err(|d| Diagnostics::from(d.in_file(path)))?;
        let mut problems = Diagnostics::new();
        let mut mapping = Mapping::default();
        let NodeKind::Map(entries) = &root.kind else {
            return Err(Diagnostic::error("le fichier de colonnes doit associer des champs à des en-têtes")
                .in_file(path)
                .at(root.pos)
                .hint("par exemple :\n  client: Nom du tiers\n  numero: N° pièce\n  montant_ttc: 5")
                .into());
        };
        for (key, value) in entries {
            if key.name == "tiers" {
                match &value.kind {
                    NodeKind::Map(inner) => {
                        for (k, v) in inner {
                            read_entry(&k.name, k.pos, v, TIERS_FIELDS, &mut mapping.tiers, path, &mut problems);
                        }
                    }
                    NodeKind::Null => {}
                    _ => problems.push(
                        Diagnostic::error("« tiers » regroupe les colonnes du fichier de tiers : champ: en-tête")
                            .in_file(path)
                            .at(value.pos),
                    ),
                }
            } else {
                read_entry(&key.name, key.pos, value, BALANCE_FIELDS, &mut mapping.balance, path, &mut problems);
            }
        }
        if problems.is_empty() { Ok(mapping) } else { Err(problems) }
    }
}

fn read_entry(
    key: &str,
    pos: crate::diag::Pos,
    value: &Node,
    allowed: &[Field],
    into: &mut BTreeMap<Field, Pick>,
    path: &Path,
    problems: &mut Diagnostics,
) {
    let Some(field) = allowed.iter().copied().find(|f| f.key() == key) else {
        let keys: Vec<&str> = allowed.iter().map(|f| f.key()).collect();
        let hint = match closest(key, &keys) {
            Some(close) => format!("vouliez-vous dire « {close} » ? Champs possibles : {}", keys.join(", ")),
            None => format!("champs possibles : {}", keys.join(", ")),
        };
        problems.push(Diagnostic::error(format!("champ inconnu « {key} »")).in_file(path).at(pos).hint(hint));
        return;
    };
    let pick = match &value.kind {
        NodeKind::Str(s) if !s.trim().is_empty() => Pick::Header(s.trim().to_string()),
        NodeKind::Number(n) => match n.parse::<usize>() {
            Ok(i) if i >= 1 => Pick::Number(i),
            _ => {
                problems.push(
                    Diagnostic::error(format!("{key} : numéro de colonne invalide « {n} »"))
                        .in_file(path)
                        .at(value.pos)
                        .hint("les colonnes se comptent à partir de 1"),
                );
                return;
            }
        },
        other => {
            problems.push(
                Diagnostic::error(format!(
                    "{key} : attendu un en-tête ou un numéro de colonne, trouvé {}",
                    other.describe()
                ))
                .in_file(path)
                .at(value.pos),
            );
            return;
        }
    };
    into.insert(field, pick);
}

/// The allowed key nearest a misspelt one, if near enough.
fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates.iter().map(|c| (strsim::levenshtein(word, c), *c)).filter(|(d, _)| *d <= 3).min().map(|(_, c)| c)
}

/// Where each field is in one table.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    index: HashMap<Field, usize>,
    /// For each field, the other columns recognised for it, not taken.
    others: HashMap<Field, Vec<usize>>,
}

impl Columns {
    /// Explicit picks first, then the usual headers: for each field, the column named by its most
    /// specific synonym (leftmost on a tie); a column serves one field. Picks that name no column
    /// come back as messages. A first column without a header holds the invoice numbers when no
    /// other does (Odoo's aged balance: partners and their entries in one unnamed column).
    pub fn resolve(headers: &[String], explicit: &BTreeMap<Field, Pick>, fields: &[Field]) -> (Columns, Vec<String>) {
        let mut index = HashMap::new();
        let mut problems = Vec::new();
        let canon: Vec<String> = headers.iter().map(|h| canonical(h)).collect();
        for (field, pick) in explicit {
            let found = match pick {
                Pick::Number(n) => (*n <= headers.len()).then(|| n - 1),
                Pick::Header(h) => {
                    let (exact, wanted) = (normalize(h), canonical(h));
                    headers
                        .iter()
                        .position(|c| normalize(c) == exact)
                        .or_else(|| canon.iter().position(|c| *c == wanted))
                }
            };
            match found {
                Some(i) => {
                    index.insert(*field, i);
                }
                None => problems.push(match pick {
                    Pick::Number(n) => {
                        format!("{} : la colonne {n} n'existe pas ({} colonnes)", field.key(), headers.len())
                    }
                    Pick::Header(h) => format!("{} : aucune colonne « {h} »", field.key()),
                }),
            }
        }
        let mut others = HashMap::new();
        for &field in fields {
            if index.contains_key(&field) || explicit.contains_key(&field) {
                continue;
            }
            let names = synonyms(field);
            let mut candidates: Vec<(usize, usize)> = canon
                .iter()
                .enumerate()
                .filter(|(i, h)| !h.is_empty() && !index.values().any(|j| j == i))
                .filter_map(|(i, h)| names.iter().position(|s| canonical(s) == *h).map(|rank| (rank, i)))
                .collect();
            candidates.sort_unstable();
            if let Some(&(_, chosen)) = candidates.first() {
                index.insert(field, chosen);
                if candidates.len() > 1 {
                    others.insert(field, candidates[1..].iter().map(|&(_, i)| i).collect());
                }
            }
        }
        if fields.contains(&Field::Numero)
            && !index.contains_key(&Field::Numero)
            && headers.first().is_some_and(|h| h.trim().is_empty())
            && !index.values().any(|&j| j == 0)
        {
            index.insert(Field::Numero, 0);
        }
        (Columns { index, others }, problems)
    }

    /// Other columns that could have served `field`, not taken.
    pub fn others(&self, field: Field) -> &[usize] {
        self.others.get(&field).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn get(&self, field: Field) -> Option<usize> {
        self.index.get(&field).copied()
    }

    pub fn has(&self, field: Field) -> bool {
        self.index.contains_key(&field)
    }

    /// The recognised columns, as `en-tête → champ`, for the summary.
    pub fn describe(&self, headers: &[String]) -> String {
        let mut pairs: Vec<(usize, Field)> = self.index.iter().map(|(f, i)| (*i, *f)).collect();
        pairs.sort_unstable();
        pairs
            .iter()
            .map(|(i, f)| format!("« {} » → {}", headers.get(*i).map(String::as_str).unwrap_or(""), f.label()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn usual_french_headers() {
        let h = headers(&[
            "Code client",
            "Raison sociale",
            "N° de facture",
            "Date pièce",
            "Échéance",
            "Montant TTC (€)",
            "Réglé",
            "Solde",
            "0-30 j",
        ]);
        let (c, problems) = Columns::resolve(&h, &BTreeMap::new(), BALANCE_FIELDS);
        assert!(problems.is_empty());
        assert_eq!(c.get(Field::CodeClient), Some(0));
        assert_eq!(c.get(Field::Client), Some(1));
        assert_eq!(c.get(Field::Numero), Some(2));
        assert_eq!(c.get(Field::Date), Some(3));
        assert_eq!(c.get(Field::Echeance), Some(4));
        assert_eq!(c.get(Field::MontantTtc), Some(5));
        assert_eq!(c.get(Field::Regle), Some(6));
        assert_eq!(c.get(Field::Solde), Some(7));
        assert_eq!(c.index.len(), 8, "the ageing bucket is not a field");
    }

    #[test]
    fn explicit_columns_win() {
        let h = headers(&["Tiers", "Pièce", "Le", "Débit", "Reste"]);
        let mut explicit = BTreeMap::new();
        explicit.insert(Field::Date, Pick::Header("le".into()));
        explicit.insert(Field::Solde, Pick::Number(5));
        explicit.insert(Field::Echeance, Pick::Header("Absente".into()));
        let (c, problems) = Columns::resolve(&h, &explicit, BALANCE_FIELDS);
        assert_eq!(c.get(Field::Date), Some(2));
        assert_eq!(c.get(Field::Solde), Some(4));
        assert_eq!(c.get(Field::Numero), Some(1));
        assert_eq!(problems, ["echeance : aucune colonne « Absente »"]);
    }
}
