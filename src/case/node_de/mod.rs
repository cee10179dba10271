//! A serde `Deserializer` over the located YAML tree that reports *every* problem, not the first.
//!
//! serde stops at the first error. We run it again with the offending node set aside
//! ("poisoned": read as absent), until it succeeds, so one pass of the user's eyes sees every
//! wrong type, unknown key and bad value, each with its line, column and field path. The raw
//! types make every field optional, so setting a node aside never cascades into new errors;
//! missing required fields are found separately from the schema (`schema::missing_required`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::{self, Display};

use serde::de::{self, DeserializeOwned, Visitor};

mod access;
mod error;

use super::path::FieldPath;
use super::yaml::{Node, NodeKind};
use crate::diag::Diagnostic;
use access::{Fields, Items, UnitVariant};
use error::Error;

/// Enough rounds for any honest file; a file with more problems is cut short.
const MAX_ROUNDS: usize = 200;

/// Longest text read in a field, in bytes: the longest honest value (a reminder's summary) is far
/// shorter; beyond it the value is refused rather than echoed in messages and documents.
const MAX_TEXT_BYTES: usize = 10_000;

/// Separates a message from its hint inside one `de::Error::custom` string.
pub const HINT_SEP: char = '\u{1f}';

/// Joins a message and a hint for `de::Error::custom`.
pub fn with_hint(message: impl Display, hint: impl Display) -> String {
    format!("{message}{HINT_SEP}{hint}")
}

/// Deserializes `T` from the tree, collecting every problem. `None` when the root itself is unusable.
pub fn deserialize<T: DeserializeOwned>(root: &Node) -> (Option<T>, Vec<Diagnostic>) {
    let mut poisoned: HashMap<usize, Poison> = HashMap::new();
    let mut problems = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let ctx = Ctx { poisoned: &poisoned, notes: RefCell::new(Vec::new()) };
        let result = T::deserialize(NodeDe { node: root, path: FieldPath::root(), ctx: &ctx });
        let notes = ctx.notes.into_inner();
        match result {
            Ok(value) => {
                problems.extend(notes);
                return (Some(value), problems);
            }
            Err(error) => {
                let target = error.node;
                let poison = error.poison;
                problems.push(error.into_diagnostic());
                match target {
                    Some(id) if id != node_id(root) && !poisoned.contains_key(&id) => {
                        poisoned.insert(id, poison);
                    }
                    _ => {
                        problems.extend(notes);
                        return (None, problems);
                    }
                }
            }
        }
    }
    problems.push(Diagnostic::error("trop d'erreurs : les suivantes ne sont pas listées"));
    (None, problems)
}

fn node_id(node: &Node) -> usize {
    std::ptr::from_ref(node) as usize
}

/// How a node set aside reads on the next round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Poison {
    /// As if it were not written.
    Absent,
    /// As an empty block, so a list keeps its numbering.
    EmptyBlock,
}

struct Ctx<'p> {
    poisoned: &'p HashMap<usize, Poison>,
    /// Problems that do not stop deserialization (unknown keys).
    notes: RefCell<Vec<Diagnostic>>,
}

impl Ctx<'_> {
    fn poison(&self, node: &Node) -> Option<Poison> {
        self.poisoned.get(&node_id(node)).copied()
    }

    fn is_absent(&self, node: &Node) -> bool {
        self.poison(node) == Some(Poison::Absent)
    }
}

/// A deserialization problem, located at the node where it arose.
struct NodeDe<'a, 'p> {
    node: &'a Node,
    path: FieldPath<'a>,
    ctx: &'a Ctx<'p>,
}

impl<'a, 'p> NodeDe<'a, 'p> {
    fn fail(&self, expected: &str) -> Error {
        Error::new(format!("il faut {expected}, pas {}", self.node.kind.describe())).locate(self.node, &self.path)
    }

    fn located<T>(&self, result: Result<T, Error>) -> Result<T, Error> {
        result.map_err(|e| e.locate(self.node, &self.path))
    }

    /// The text of a scalar, for string-like targets (numbers keep their spelling).
    fn scalar_text(&self) -> Option<&'a str> {
        match &self.node.kind {
            NodeKind::Str(s) | NodeKind::Number(s) => Some(s),
            _ => None,
        }
    }

    fn parse_number<T: std::str::FromStr>(&self, expected: &str) -> Result<T, Error> {
        let text = self.scalar_text().ok_or_else(|| self.fail(expected))?;
        text.trim()
            .parse::<T>()
            .map_err(|_| Error::new(format!("il faut {expected}, pas « {text} »")).locate(self.node, &self.path))
    }
}

macro_rules! deserialize_integer {
    ($($method:ident => $visit:ident : $ty:ty),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                let n: $ty = self.parse_number("un nombre entier")?;
                self.located(visitor.$visit(n))
            }
        )*
    };
}

impl<'de, 'a, 'p> de::Deserializer<'de> for NodeDe<'a, 'p> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Null => self.located(visitor.visit_unit()),
            NodeKind::Bool(b) => self.located(visitor.visit_bool(*b)),
            NodeKind::Number(s) | NodeKind::Str(s) => self.located(visitor.visit_str(s)),
            NodeKind::Seq(_) => self.deserialize_seq(visitor),
            NodeKind::Map(_) => self.deserialize_map(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Bool(b) => self.located(visitor.visit_bool(*b)),
            _ => Err(self.fail("true ou false").hint("écrivez true (oui) ou false (non), sans guillemets")),
        }
    }

    deserialize_integer! {
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let n: f32 = self.parse_number("un nombre")?;
        self.located(visitor.visit_f32(n))
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let n: f64 = self.parse_number("un nombre")?;
        self.located(visitor.visit_f64(n))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.scalar_text() {
            Some(text) if text.len() > MAX_TEXT_BYTES => Err(Error::new(format!(
                "texte trop long ({} caractères, {MAX_TEXT_BYTES} au plus)",
                text.chars().count()
            ))
            .hint("vérifiez la valeur : une ligne de texte a pu être collée plusieurs fois")
            .locate(self.node, &self.path)),
            Some(text) => self.located(visitor.visit_str(text)),
            None => {
                let expected = visitor_expectation(&visitor);
                let hint = match expected.as_str() {
                    "un montant" => "écrivez un montant comme \"1234.50\"",
                    "une date" => "écrivez une date au format AAAA-MM-JJ, par exemple 2026-09-02",
                    "un taux" => "écrivez un taux annuel en pourcentage, par exemple 12.15",
                    _ => "écrivez une valeur simple sur la même ligne que la clé",
                };
                Err(self.fail(&expected).hint(hint))
            }
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if matches!(self.node.kind, NodeKind::Null) || self.ctx.is_absent(self.node) {
            self.located(visitor.visit_none())
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.kind {
            NodeKind::Null => self.located(visitor.visit_unit()),
            _ => Err(self.fail("une valeur vide")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.ctx.poison(self.node).is_some() {
            return self.located(visitor.visit_seq(Items {
                items: [].iter(),
                index: 0,
                parent: self.path,
                ctx: self.ctx,
            }));
        }
        match &self.node.kind {
            // `factures:` left empty reads as an empty list.
            NodeKind::Null => {
                self.located(visitor.visit_seq(Items { items: [].iter(), index: 0, parent: self.path, ctx: self.ctx }))
            }
            NodeKind::Seq(items) => {
                let access = Items { items: items.iter(), index: 0, parent: self.path, ctx: self.ctx };
                self.located(visitor.visit_seq(access))
            }
            _ => Err(self
                .fail("une liste")
                .hint("écrivez une liste : un élément par ligne commençant par « - », ou [a, b]")),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_fields(None, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_fields(Some(fields), visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Str(s) | NodeKind::Number(s) => {
                let access = UnitVariant { name: s.as_str() };
                self.located(visitor.visit_enum(access))
            }
            _ => Err(self
                .fail("une valeur parmi une liste")
                .hint(format!("valeurs possibles : {}", variants.join(", ")))),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

impl<'a, 'p> NodeDe<'a, 'p> {
    fn deserialize_fields<'de, V: Visitor<'de>>(
        self,
        fields: Option<&'static [&'static str]>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if self.ctx.poison(self.node).is_some() {
            let empty = Fields { entries: [].iter(), fields, pending: None, parent: self.path, ctx: self.ctx };
            return self.located(visitor.visit_map(empty));
        }
        match &self.node.kind {
            NodeKind::Map(entries) => {
                let access =
                    Fields { entries: entries.iter(), fields, pending: None, parent: self.path, ctx: self.ctx };
                self.located(visitor.visit_map(access))
            }
            _ => Err(self.fail("un bloc de champs (clé: valeur)").poison_as(Poison::EmptyBlock).hint(
                "indentez les champs sous la clé, par exemple « adresse: » puis « ville: Lyon » sur la ligne suivante",
            )),
        }
    }
}

/// What a visitor expects, in the user's words when the visitor is ours.
fn visitor_expectation<'de, V: Visitor<'de>>(visitor: &V) -> String {
    struct Expecting<'v, V>(&'v V);
    impl<'de, V: Visitor<'de>> Display for Expecting<'_, V> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.expecting(f)
        }
    }
    let text = Expecting(visitor).to_string();
    if text.is_ascii() && (text.starts_with("a ") || text.starts_with("an ")) { "un texte".to_string() } else { text }
}
