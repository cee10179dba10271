//! The JSON Schema of the case file, generated from the raw types, and the check it drives:
//! every required field missing or left empty, found by walking the YAML tree beside the schema.

use schemars::generate::SchemaSettings;
use serde_json::Value;

use super::path;
use super::profile::RawProfile;
use super::raw::RawCase;
use super::yaml::{Node, NodeKind};
use crate::diag::{Diagnostic, Pos};

/// Where the committed schema lives, relative to the repository (and to sample files).
pub const SCHEMA_PATH: &str = "schemas/case.schema.json";

/// Where the committed schema of the creditor's profile (`recouvre.yaml`) lives.
pub const PROFILE_SCHEMA_PATH: &str = "schemas/profile.schema.json";

/// The schema as `recouvre schema` prints it and `schemas/case.schema.json` holds it.
pub fn case_schema() -> Value {
    schema_of::<RawCase>("case.schema.json")
}

/// The schema of the creditor's profile, as `recouvre schema --profil` prints it.
pub fn profile_schema() -> Value {
    schema_of::<RawProfile>("profile.schema.json")
}

fn schema_of<T: schemars::JsonSchema>(name: &str) -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut value = generator.into_root_schema_for::<T>().to_value();
    if let Some(obj) = value.as_object_mut() {
        obj.insert("$id".into(), Value::String(format!("https://recouvre.fr/schemas/{name}")));
    }
    value
}

/// The case's schema as pretty JSON with a final newline, exactly as committed.
pub fn case_schema_text() -> String {
    pretty(&case_schema())
}

/// The profile's schema as pretty JSON with a final newline, exactly as committed.
pub fn profile_schema_text() -> String {
    pretty(&profile_schema())
}

/// A schema as pretty JSON with a final newline, as committed.
pub fn pretty(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Every required field that is absent or empty, located at its parent block.
pub fn missing_required(root: &Node, schema: &Value) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let walker = Walker { root: schema };
    if matches!(root.kind, NodeKind::Null) {
        out.push(
            Diagnostic::error("le fichier est vide")
                .at(root.pos)
                .hint("partez de l'exemple créé par « recouvre init DOSSIER »"),
        );
        return out;
    }
    walker.walk(root, schema, "", root.pos, &mut out);
    out
}

struct Walker<'s> {
    root: &'s Value,
}

impl<'s> Walker<'s> {
    fn resolve(&self, mut schema: &'s Value) -> &'s Value {
        // schemars only emits local references (`#/$defs/Name`).
        for _ in 0..16 {
            let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let Some(name) = reference.strip_prefix("#/$defs/") else {
                break;
            };
            match self.root.get("$defs").and_then(|d| d.get(name)) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    /// The branch of an `anyOf` / `oneOf` that describes this kind of node.
    fn branch_for(&self, schema: &'s Value, node: &Node) -> &'s Value {
        let schema = self.resolve(schema);
        let Some(branches) = schema.get("anyOf").or_else(|| schema.get("oneOf")).and_then(Value::as_array) else {
            return schema;
        };
        let wanted = match node.kind {
            NodeKind::Map(_) => "object",
            NodeKind::Seq(_) => "array",
            _ => return schema,
        };
        branches
            .iter()
            .map(|b| self.resolve(b))
            .find(|b| b.get("type").and_then(Value::as_str) == Some(wanted))
            .unwrap_or(schema)
    }

    /// `here` is where a missing child is reported: the block's own key.
    fn walk(&self, node: &Node, schema: &'s Value, at: &str, here: Pos, out: &mut Vec<Diagnostic>) {
        let schema = self.branch_for(schema, node);
        match &node.kind {
            NodeKind::Map(entries) => {
                let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
                    return;
                };
                let required = schema.get("required").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
                for name in required.iter().filter_map(Value::as_str) {
                    let entry = entries.iter().find(|(k, _)| k.name == name);
                    let field = path::join(at, name);
                    let description = properties
                        .get(name)
                        .map(|p| self.resolve(p))
                        .and_then(|p| p.get("description"))
                        .and_then(Value::as_str);
                    let diagnostic = match entry {
                        None => Diagnostic::error(format!("champ obligatoire manquant : « {name} »")).at(here),
                        Some((key, value)) if is_empty(value) => {
                            Diagnostic::error(format!("champ obligatoire vide : « {name} »")).at(key.pos)
                        }
                        Some(_) => continue,
                    };
                    let diagnostic = diagnostic.field(field);
                    out.push(match description {
                        Some(d) => diagnostic.hint(d),
                        None => diagnostic,
                    });
                }
                for (key, value) in entries {
                    if let Some(child) = properties.get(&key.name) {
                        self.walk(value, child, &path::join(at, &key.name), key.pos, out);
                    }
                }
            }
            NodeKind::Seq(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        self.walk(item, item_schema, &path::item(at, i), item.pos, out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn is_empty(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Null => true,
        NodeKind::Str(s) => s.trim().is_empty(),
        NodeKind::Seq(items) => items.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::yaml;

    #[test]
    fn reports_missing_and_empty_required_fields() {
        let node = yaml::parse(
            "version: 1\nreference: X\nlieu_signature: Lyon\ncreancier:\n  type: societe\ndebiteur:\nfactures: []\n",
        )
        .expect("yaml");
        let found = missing_required(&node, &case_schema());
        let fields: Vec<&str> = found.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(fields, ["debiteur", "factures", "creancier.adresse"]);
        assert!(found[0].message.contains("vide"));
        assert_eq!(found[2].pos.line, 4);
    }
}
