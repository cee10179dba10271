//! The one module that knows the YAML crate (serde-saphyr): YAML text → located [`Node`] tree.
//!
//! serde-saphyr brings the safety: duplicate keys refused, budgets against alias bombs and deep
//! nesting, tabs in indentation refused by the parser. We keep every node's line and column and,
//! for numbers, the exact text as written, so money never goes through a float.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Spanned, budget, options};

use crate::diag::{Diagnostic, Pos};

/// Deepest nesting accepted: a case file is at most six levels deep (`factures`, an invoice,
/// `lignes`, a line…). Kept low: each level costs tens of kilobytes of stack in a debug build, and
/// a case may be read on a thread with a small stack (2 MB by default for a test or a worker).
const MAX_DEPTH: usize = 16;
/// Most nodes accepted: 10 000 invoices of ~20 nodes each, with room to spare.
const MAX_NODES: usize = 2_000_000;
const MAX_ALIASES: usize = 1_000;
/// Most events replayed from aliases: an honest file reuses a block or two, a bomb millions.
const MAX_REPLAYED_EVENTS: usize = 100_000;

/// A YAML node with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    /// A number, with its text exactly as written (`1234.50`, `1e30`).
    Number(String),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

impl NodeKind {
    /// What the user wrote, in words, for "expected X, found Y" messages.
    pub fn describe(&self) -> String {
        match self {
            NodeKind::Null => "une valeur vide".into(),
            NodeKind::Bool(b) => format!("le booléen « {b} »"),
            NodeKind::Number(n) => format!("le nombre « {n} »"),
            NodeKind::Str(s) => format!("le texte « {} »", shorten(s)),
            NodeKind::Seq(_) => "une liste".into(),
            NodeKind::Map(_) => "un bloc de champs".into(),
        }
    }
}

/// A user's text cut to a readable length for a message.
pub(crate) fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// Parses one YAML document. A syntax error is fatal: it comes back as one located diagnostic.
pub fn parse(text: &str) -> Result<Node, Diagnostic> {
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    alias_limits.max_total_replayed_events = MAX_REPLAYED_EVENTS;
    let opts = options! {
        budget: budget! {
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_aliases: MAX_ALIASES,
            max_documents: 1,
        },
        strict_booleans: true,
        // `.nan`, `.inf` or `1e400` stay numbers: the field they are in says why it refuses them.
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
        alias_limits: alias_limits,
    };
    let raw: Option<Spanned<RawNode>> = serde_saphyr::from_str_with_options(text, opts).map_err(|e| translate(&e))?;
    Ok(match raw {
        Some(raw) => convert(raw, text),
        None => Node { pos: Pos::new(1, 1), kind: NodeKind::Null },
    })
}

fn pos_of(loc: &serde_saphyr::Location) -> Pos {
    let clamp = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    Pos::new(clamp(loc.line()), clamp(loc.column()))
}

fn convert(raw: Spanned<RawNode>, text: &str) -> Node {
    let pos = pos_of(&raw.referenced);
    let kind = match raw.value {
        RawNode::Null => NodeKind::Null,
        RawNode::Bool(b) => NodeKind::Bool(b),
        RawNode::Str(s) => NodeKind::Str(s),
        RawNode::Number(fallback) => NodeKind::Number(source_text(&raw.defined, text).unwrap_or(fallback)),
        RawNode::Seq(items) => NodeKind::Seq(items.into_iter().map(|n| convert(n, text)).collect()),
        RawNode::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let key = Key { pos: pos_of(&k.referenced), name: k.value };
                    (key, convert(v, text))
                })
                .collect(),
        ),
    };
    Node { pos, kind }
}

/// The exact characters of a plain scalar, from its byte span.
fn source_text(loc: &serde_saphyr::Location, text: &str) -> Option<String> {
    let span = loc.span();
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len()?).ok()?;
    let s = text.get(start..start.checked_add(len)?)?.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Untyped YAML value as serde-saphyr hands it over; numbers are re-read from the source text.
enum RawNode {
    Null,
    Bool(bool),
    Number(String),
    Str(String),
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<String>, Spanned<RawNode>)>),
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawNodeVisitor)
    }
}

struct RawNodeVisitor;

impl<'de> Visitor<'de> for RawNodeVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("une valeur YAML")
    }

    fn visit_unit<E: de::Error>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
        RawNode::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawNode, E> {
        Ok(RawNode::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode::Number(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawNode, E> {
        Ok(RawNode::Number(v.to_string()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawNode, E> {
        Ok(RawNode::Number(v.to_string()))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawNode, E> {
        Ok(RawNode::Number(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawNode, E> {
        // Only a fallback: `convert` replaces it with the source text.
        Ok(RawNode::Number(v.to_string()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::Str(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::Str(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawNode>>()? {
            items.push(item);
        }
        Ok(RawNode::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value::<Spanned<RawNode>>()?;
            entries.push((key, value));
        }
        Ok(RawNode::Map(entries))
    }
}

/// A parse error in French, located; the parser's own words follow as detail.
fn translate(error: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::Error as E;
    let inner = error.without_snippet();
    let pos = inner.location().map(|l| pos_of(&l)).unwrap_or_default();
    let detail = inner.to_string();
    let lower = detail.to_lowercase();
    if let E::DuplicateMappingKey { key: Some(key), .. } = inner {
        return Diagnostic::error(format!("clé « {} » en double", shorten(key)))
            .at(pos)
            .hint("chaque champ ne peut apparaître qu'une fois dans un même bloc : supprimez ou fusionnez le doublon");
    }
    // A limit reached while replaying an alias comes wrapped with the alias's places.
    let mut original = inner;
    while let E::AliasError { error, .. } | E::WithSnippet { error, .. } = original {
        original = error;
    }
    if let E::Budget { breach, .. } = original
        && let Some((message, hint)) = budget_message(breach)
    {
        return Diagnostic::error(message).at(pos).hint(hint);
    }
    let (message, hint) = if lower.contains("duplicate") {
        (
            format!("clé en double ({})", first_line(&detail)),
            "chaque champ ne peut apparaître qu'une fois dans un même bloc : supprimez ou fusionnez le doublon",
        )
    } else if matches!(
        inner,
        E::AliasExpansionLimitExceeded { .. }
            | E::AliasReplayLimitExceeded { .. }
            | E::AliasReplayStackDepthExceeded { .. }
    ) || lower.contains("alias")
        || lower.contains("anchor")
    {
        (
            "trop d'alias YAML (&ancre / *alias) : le fichier est refusé par sécurité".to_string(),
            "un dossier n'a pas besoin d'alias ; écrivez les valeurs en clair",
        )
    } else if lower.contains("budget") || lower.contains("depth") || lower.contains("limit") {
        (
            format!("fichier trop volumineux ou trop imbriqué ({})", first_line(&detail)),
            "un fichier de dossier a au plus quelques niveaux d'indentation",
        )
    } else if lower.contains("tab") {
        (
            "tabulation dans l'indentation".to_string(),
            "YAML n'accepte que des espaces pour indenter : remplacez les tabulations par des espaces",
        )
    } else if matches!(inner, E::MultipleDocuments { .. }) {
        (
            "plusieurs documents YAML dans un même fichier".to_string(),
            "un fichier décrit un seul dossier : retirez les séparateurs `---` supplémentaires",
        )
    } else if matches!(inner, E::NonFiniteFloat { .. }) {
        ("nombre infini ou non numérique".to_string(), "écrivez un montant comme \"1234.50\"")
    } else if let Some((message, hint)) = syntax_in_french(&lower) {
        (format!("YAML invalide : {message}"), hint)
    } else {
        (
            format!("YAML invalide (message de l'analyseur : {})", first_line(&detail)),
            "vérifiez l'indentation (des espaces), les deux-points après chaque clé et les guillemets",
        )
    };
    Diagnostic::error(message).at(pos).hint(hint)
}

/// The syntax errors of the YAML parser, said in French (the place is given with the message).
fn syntax_in_french(lower: &str) -> Option<(&'static str, &'static str)> {
    const TABLE: [(&[&str], &str, &str); 12] = [
        (
            &["unknown escape character", "escape"],
            "séquence d'échappement inconnue entre guillemets doubles (une barre oblique inverse « \\ »)",
            "écrivez la valeur entre guillemets simples, ou doublez la barre oblique inverse",
        ),
        (
            &["mapping values are not allowed", "illegal placement of ':'"],
            "deux-points inattendu : la valeur contient « : » ou la ligne est mal indentée",
            "mettez entre guillemets une valeur qui contient « : », sinon alignez la clé sur les autres clés de son bloc",
        ),
        (
            &["did not find expected key", "block mapping"],
            "ligne mal alignée : elle n'est ni une clé du bloc ni la suite de la valeur précédente",
            "alignez chaque clé sur les autres clés du même bloc (mêmes espaces en début de ligne)",
        ),
        (
            &["did not find expected '-'", "block sequence"],
            "liste mal indentée : chaque élément commence par « - » aligné sur les autres",
            "alignez les tirets des éléments de la liste",
        ),
        (
            &["unclosed quote", "quoted scalar"],
            "guillemet ouvert mais jamais fermé",
            "fermez le guillemet sur la même ligne, ou retirez-le",
        ),
        (
            &["unclosed bracket '['", "flow sequence", "expected ',' or ']'"],
            "crochet « [ » jamais fermé",
            "fermez la liste par « ] » et séparez ses éléments par des virgules",
        ),
        (
            &["unclosed bracket '{'", "flow mapping", "expected ',' or '}'"],
            "accolade « { » jamais fermée",
            "fermez le bloc par « } » et séparez ses champs par des virgules",
        ),
        (
            &["cannot start any token", "unexpected character"],
            "caractère qui ne peut pas commencer une valeur (« @ », « ` », « % »…)",
            "mettez la valeur entre guillemets",
        ),
        (
            &["could not find expected ':'", "simple key"],
            "deux-points manquant après une clé",
            "écrivez « clé: valeur », avec un espace après les deux-points",
        ),
        (
            &["did not find expected node content", "expected node"],
            "valeur manquante ou mal placée",
            "vérifiez la ligne indiquée : une valeur après « clé: » ou « - »",
        ),
        (
            &["unexpected end of", "end of stream"],
            "fin de fichier inattendue : un bloc, un guillemet ou un crochet n'est pas fermé",
            "vérifiez la fin du fichier",
        ),
        (
            &["invalid leading utf-8", "invalid utf", "utf-8"],
            "caractère invalide : le fichier n'est pas en UTF-8",
            "enregistrez le fichier en UTF-8",
        ),
    ];
    TABLE.iter().find(|(keys, _, _)| keys.iter().any(|k| lower.contains(k))).map(|(_, message, hint)| (*message, *hint))
}

/// A budget breach in the user's words: which limit the file went over, and what to do.
fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> Option<(String, &'static str)> {
    use serde_saphyr::budget::BudgetBreach as B;
    let aliases = "un dossier n'a pas besoin d'alias (&ancre / *alias) : écrivez les valeurs en clair";
    Some(match breach {
        B::Documents { .. } => (
            "plusieurs documents YAML dans un même fichier".to_string(),
            "un fichier décrit un seul dossier : retirez les séparateurs `---` supplémentaires",
        ),
        B::Depth { .. } => (
            format!("trop de niveaux d'imbrication (plus de {MAX_DEPTH}) : le fichier est refusé par sécurité"),
            "un fichier de dossier a au plus quelques niveaux d'indentation",
        ),
        B::Aliases { .. } | B::Anchors { .. } | B::AliasAnchorRatio { .. } | B::MergeKeys { .. } => {
            ("trop d'alias YAML (&ancre / *alias) : le fichier est refusé par sécurité".to_string(), aliases)
        }
        B::Events { .. } | B::Nodes { .. } => (
            "trop d'éléments (alias en rafale ou fichier démesuré) : le fichier est refusé par sécurité".to_string(),
            aliases,
        ),
        B::ScalarBytes { .. } | B::InputBytes { .. } => (
            "fichier trop volumineux : le fichier est refusé par sécurité".to_string(),
            "un dossier de 10 000 factures pèse environ 3 Mo : vérifiez qu'il s'agit bien du fichier du dossier",
        ),
        _ => return None,
    })
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_text() {
        let node = parse("a: 1234.50\nb: \"12\"\nc: 1e30\n").expect("parses");
        let NodeKind::Map(entries) = node.kind else { panic!("map") };
        assert_eq!(entries[0].1.kind, NodeKind::Number("1234.50".into()));
        assert_eq!(entries[1].1.kind, NodeKind::Str("12".into()));
        assert_eq!(entries[2].1.kind, NodeKind::Number("1e30".into()));
        assert_eq!(entries[2].1.pos, Pos::new(3, 4));
        assert_eq!(entries[2].0.pos, Pos::new(3, 1));
    }

    #[test]
    fn dates_stay_text() {
        let node = parse("d: 2026-05-12").expect("parses");
        let NodeKind::Map(entries) = node.kind else { panic!("map") };
        assert_eq!(entries[0].1.kind, NodeKind::Str("2026-05-12".into()));
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let err = parse("a: 1\na: 2\n").expect_err("duplicate");
        assert!(err.message.contains("clé « a » en double"), "{err}");
        assert_eq!(err.pos.line, 2);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 { "a".to_string() } else { format!("l{}", i - 1) };
            yaml.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let err = parse(&yaml).expect_err("bomb");
        assert!(err.message.contains("alias") || err.message.contains("volumineux"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let yaml = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse(&yaml).is_err());
    }
}
