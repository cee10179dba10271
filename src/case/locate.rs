//! Where each field of the case file is written, so later stages can point at it.

use std::collections::HashMap;

use super::path;
use super::yaml::{Node, NodeKind};
use crate::diag::{Diagnostic, Diagnostics, Pos};

/// Field path (`factures[2].echeance`) → line and column in the case file.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    positions: HashMap<String, Pos>,
    /// Fields taken from the creditor's profile, and its file: their problems are reported there.
    borrowed: Vec<String>,
    profile: Option<std::path::PathBuf>,
}

impl Locator {
    pub fn new(root: &Node) -> Self {
        let mut positions = HashMap::new();
        positions.insert(String::new(), Pos::new(1, 1));
        walk(root, "", &mut positions);
        Self { positions, borrowed: Vec::new(), profile: None }
    }

    /// A locator for a case merged with the profile in `file`: `borrowed` are the fields it gave.
    pub fn with_profile(mut self, file: &std::path::Path, borrowed: Vec<String>) -> Self {
        self.profile = Some(file.to_path_buf());
        self.borrowed = borrowed;
        self
    }

    /// The file a field is written in: the profile for a borrowed one, else `case_file`.
    pub fn file_of(&self, field: &str, case_file: &std::path::Path) -> std::path::PathBuf {
        match &self.profile {
            Some(profile) if self.is_borrowed(field) => profile.clone(),
            _ => case_file.to_path_buf(),
        }
    }

    /// Whether the field was written in the creditor's profile rather than the case file.
    pub fn is_borrowed(&self, field: &str) -> bool {
        path::is_under(field, &self.borrowed)
    }

    /// The field's place, else its nearest written ancestor's, else the top of the file.
    pub fn pos(&self, field: &str) -> Pos {
        let mut current = field;
        loop {
            if let Some(pos) = self.positions.get(current) {
                return *pos;
            }
            match current.rfind(['.', '[']) {
                Some(cut) => current = &current[..cut],
                None => return Pos::new(1, 1),
            }
        }
    }

    /// Gives each diagnostic the case file and, from its field, a line and column; sorts them.
    pub fn place(&self, found: impl IntoIterator<Item = Diagnostic>, file: &std::path::Path) -> Diagnostics {
        let mut out = Diagnostics::new();
        for mut d in found {
            if d.pos.line == 0 && !d.field.is_empty() {
                d.pos = self.pos(&d.field);
            }
            if d.file.as_os_str().is_empty() {
                d.file = self.file_of(&d.field, file);
            }
            out.push(d);
        }
        out.sorted()
    }

    /// Whether the field is written in the file (even with an invalid or empty value).
    pub fn is_written(&self, field: &str) -> bool {
        self.positions.contains_key(field)
    }
}

fn walk(node: &Node, at: &str, positions: &mut HashMap<String, Pos>) {
    match &node.kind {
        NodeKind::Map(entries) => {
            for (key, value) in entries {
                let field = path::join(at, &key.name);
                // Blocks and lists point at their key; scalars at their value.
                let pos = match value.kind {
                    NodeKind::Map(_) | NodeKind::Seq(_) | NodeKind::Null => key.pos,
                    _ => value.pos,
                };
                positions.insert(field.clone(), pos);
                walk(value, &field, positions);
            }
        }
        NodeKind::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                let field = path::item(at, i);
                positions.insert(field.clone(), item.pos);
                walk(item, &field, positions);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::yaml;

    #[test]
    fn finds_fields_and_falls_back_to_ancestors() {
        let node = yaml::parse("a:\n  b: 1\nl:\n  - x: 2\n  - x: 3\n").expect("yaml");
        let loc = Locator::new(&node);
        assert_eq!(loc.pos("a"), Pos::new(1, 1));
        assert_eq!(loc.pos("a.b"), Pos::new(2, 6));
        assert_eq!(loc.pos("l[2].x"), Pos::new(5, 8));
        assert_eq!(loc.pos("l[2].y"), Pos::new(5, 5));
        assert_eq!(loc.pos("zz"), Pos::new(1, 1));
        assert!(loc.is_written("l[1]"));
    }
}
