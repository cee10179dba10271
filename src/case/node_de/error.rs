//! The deserialization error: a message, its hint and the node where it arose, in the user's words.

use std::fmt::{self, Display};

use serde::de;

use super::{HINT_SEP, Poison, node_id};
use crate::case::path::FieldPath;
use crate::case::yaml::Node;
use crate::diag::{Diagnostic, Pos};

#[derive(Debug)]
pub struct Error {
    pub(super) message: String,
    pub(super) hint: Option<String>,
    pub(super) pos: Option<Pos>,
    pub(super) path: String,
    pub(super) node: Option<usize>,
    pub(super) poison: Poison,
}

impl Error {
    pub(super) fn new(message: impl Into<String>) -> Self {
        let message = message.into();
        let (message, hint) = match message.split_once(HINT_SEP) {
            Some((m, h)) => (m.to_string(), Some(h.to_string())),
            None => (message, None),
        };
        Self { message, hint, pos: None, path: String::new(), node: None, poison: Poison::Absent }
    }

    pub(super) fn poison_as(mut self, poison: Poison) -> Self {
        self.poison = poison;
        self
    }

    pub(super) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attaches the node's place unless a deeper node already did.
    pub(super) fn locate(mut self, node: &Node, path: &FieldPath) -> Self {
        if self.node.is_none() {
            self.pos = Some(node.pos);
            self.path = path.to_string();
            self.node = Some(node_id(node));
        }
        self
    }

    pub(super) fn into_diagnostic(self) -> Diagnostic {
        let mut d = Diagnostic::error(self.message).field(self.path).at(self.pos.unwrap_or_default());
        d.hint = self.hint;
        d
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Self::new(msg.to_string())
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::new(format!("il faut {exp}, pas {}", describe_unexpected(&unexp)))
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::new(format!("valeur invalide : il faut {exp}, pas {}", describe_unexpected(&unexp)))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let mut e = Self::new(format!("valeur inconnue « {variant} »"))
            .hint(format!("valeurs possibles : {}", expected.join(", ")));
        if let Some(best) = closest(variant, expected) {
            e = e.hint(format!("vouliez-vous dire « {best} » ? valeurs possibles : {}", expected.join(", ")));
        }
        e
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Self::new(format!("champ inconnu « {} »", crate::case::yaml::shorten(field)))
            .hint(unknown_key_hint(field, expected))
    }

    fn missing_field(field: &'static str) -> Self {
        Self::new(format!("champ obligatoire manquant : « {field} »"))
    }

    fn duplicate_field(field: &'static str) -> Self {
        Self::new(format!("champ « {field} » en double"))
    }
}

fn describe_unexpected(unexp: &de::Unexpected<'_>) -> String {
    use de::Unexpected as U;
    match unexp {
        U::Bool(b) => format!("le booléen « {b} »"),
        U::Unsigned(n) => format!("le nombre « {n} »"),
        U::Signed(n) => format!("le nombre « {n} »"),
        U::Float(n) => format!("le nombre « {n} »"),
        U::Char(c) => format!("le caractère « {c} »"),
        U::Str(s) => format!("le texte « {s} »"),
        U::Unit => "une valeur vide".into(),
        U::Seq => "une liste".into(),
        U::Map => "un bloc de champs".into(),
        other => other.to_string(),
    }
}

/// The closest accepted name, when one is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

pub(super) fn unknown_key_hint(field: &str, expected: &[&str]) -> String {
    if field.contains(' ') || field.contains(')') {
        // `{ designation: Pose, main-d'œuvre }`: a comma inside an unquoted value split it.
        return "une virgule dans une valeur entre { } la coupe en deux : mettez cette valeur entre guillemets"
            .to_string();
    }
    match closest(field, expected) {
        Some(best) => format!("vouliez-vous dire « {best} » ? champs possibles ici : {}", expected.join(", ")),
        None => format!("champs possibles ici : {}", expected.join(", ")),
    }
}
