//! The YAML form of the rates file: the same rows under `taux`, located like a case file.

use super::{CHECKED_UNTIL_KEY, Cells, Parser};
use crate::case::yaml::{self, Node, NodeKind};
use crate::diag::Pos;
use crate::rules;

impl Parser {
    pub(super) fn yaml(&mut self, text: &str) {
        let root = match yaml::parse(text) {
            Ok(root) => root,
            Err(d) => {
                self.problems.push(d.with_code(rules::YAML_SYNTAX.code));
                return;
            }
        };
        let NodeKind::Map(entries) = &root.kind else {
            self.bad(
                root.pos,
                "",
                "fichier de taux YAML : un bloc « taux: » est attendu".into(),
                "taux:\n  - { type: legal, debut: 2026-07-01, categorie: autre, taux: \"2.85\" }",
            );
            return;
        };
        let mut rows = None;
        for (key, value) in entries {
            match key.name.as_str() {
                "taux" => rows = Some(value),
                CHECKED_UNTIL_KEY => match scalar(value) {
                    Some(text) => self.checked_until(text, value.pos, CHECKED_UNTIL_KEY),
                    None => self.bad(
                        value.pos,
                        CHECKED_UNTIL_KEY,
                        format!("{CHECKED_UNTIL_KEY} : une date est attendue"),
                        "par exemple « verifie_jusqu_au: 2026-07-15 »",
                    ),
                },
                other => self.unknown_key(key.pos, other, "", &["taux", CHECKED_UNTIL_KEY]),
            }
        }
        let Some(rows) = rows else {
            self.problems.push(
                rules::REQUIRED_FIELD
                    .report("champ obligatoire manquant : « taux »")
                    .at(root.pos)
                    .field("taux")
                    .hint("taux:\n  - { type: legal, debut: 2026-07-01, categorie: autre, taux: \"2.85\" }"),
            );
            return;
        };
        let NodeKind::Seq(items) = &rows.kind else {
            self.bad(
                rows.pos,
                "taux",
                "« taux » doit être une liste de lignes".into(),
                "chaque ligne commence par un tiret : « - { type: bce, debut: 2026-06-11, taux: \"2.00\" } »",
            );
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let field = crate::case::path::item("taux", i);
            let NodeKind::Map(cells) = &item.kind else {
                self.bad(
                    item.pos,
                    &field,
                    "ligne de taux : un bloc { type, debut, taux, categorie } est attendu".into(),
                    "par exemple « - { type: legal, debut: 2026-07-01, categorie: autre, taux: \"2.85\" } »",
                );
                continue;
            };
            let mut row =
                Cells { at: item.pos, field: field.clone(), kind: None, start: None, rate: None, category: None };
            for (key, value) in cells {
                let slot = match key.name.as_str() {
                    "type" => &mut row.kind,
                    "debut" => &mut row.start,
                    "taux" => &mut row.rate,
                    "categorie" => &mut row.category,
                    other => {
                        let names = ["type", "debut", "taux", "categorie"];
                        self.unknown_key(key.pos, other, &field, &names);
                        continue;
                    }
                };
                *slot = scalar(value).map(|t| (t, value.pos));
            }
            self.row(row);
        }
    }

    fn unknown_key(&mut self, at: Pos, name: &str, parent: &str, known: &[&str]) {
        self.problems.push(
            rules::UNKNOWN_FIELD
                .report(format!("champ inconnu « {name} »"))
                .at(at)
                .field(crate::case::path::join(parent, name))
                .hint(format!("champs possibles : {}", known.join(", "))),
        );
    }
}

/// The text of a string or number node; `None` for anything else (or an empty value).
fn scalar(node: &Node) -> Option<&str> {
    match &node.kind {
        NodeKind::Str(s) | NodeKind::Number(s) => Some(s.as_str()).filter(|s| !s.trim().is_empty()),
        _ => None,
    }
}
