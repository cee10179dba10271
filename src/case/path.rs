//! Field paths as users read them: `factures[2].echeance` (list items counted from 1).

use std::fmt;

/// A path built on the stack while walking the tree, printed only when a problem is found.
#[derive(Debug, Clone, Copy)]
pub struct FieldPath<'a> {
    parent: Option<&'a FieldPath<'a>>,
    segment: Segment<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    /// 1-based, as a user counts the items of a list.
    Index(usize),
}

impl<'a> FieldPath<'a> {
    pub const fn root() -> Self {
        Self { parent: None, segment: Segment::Root }
    }

    pub fn key(&'a self, key: &'a str) -> FieldPath<'a> {
        FieldPath { parent: Some(self), segment: Segment::Key(key) }
    }

    /// `number` counts from 1.
    pub fn index(&'a self, number: usize) -> FieldPath<'a> {
        FieldPath { parent: Some(self), segment: Segment::Index(number) }
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.segment {
            Segment::Root => Ok(()),
            Segment::Key(k) if matches!(self.parent.map(|p| p.segment), None | Some(Segment::Root)) => f.write_str(k),
            Segment::Key(k) => write!(f, ".{k}"),
            Segment::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// Joins a parent path and a key for paths built as strings (`""` + `debiteur` → `debiteur`).
pub fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_string() } else { format!("{parent}.{key}") }
}

/// A list item's path, counted from 1 (`factures` + index 0 → `factures[1]`).
pub fn item(parent: &str, zero_based: usize) -> String {
    format!("{parent}[{}]", zero_based + 1)
}

/// Whether `field` (`creancier.iban`, `creancier.adresse.lignes[1]`) lies under one of `roots`.
pub fn is_under(field: &str, roots: &[String]) -> bool {
    roots.iter().any(|root| {
        field == root
            || field.strip_prefix(root.as_str()).is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_a_user_reads_it() {
        let root = FieldPath::root();
        let factures = root.key("factures");
        let second = factures.index(2);
        let echeance = second.key("echeance");
        assert_eq!(echeance.to_string(), "factures[2].echeance");
        assert_eq!(root.to_string(), "");
        assert_eq!(join("", "debiteur"), "debiteur");
        assert_eq!(item("factures", 0), "factures[1]");
    }

    #[test]
    fn fields_under_a_borrowed_root() {
        let roots = vec!["creancier".to_string(), "conditions.source".to_string()];
        assert!(is_under("creancier", &roots));
        assert!(is_under("creancier.adresse.lignes[1]", &roots));
        assert!(is_under("conditions.source", &roots));
        assert!(!is_under("creanciers", &roots));
        assert!(!is_under("conditions.taux_penalites", &roots));
    }
}
