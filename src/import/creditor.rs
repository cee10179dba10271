//! The creditor of an imported export (`--creancier`): a YAML file with a `creancier:` block —
//! any existing case file will do — from which the creditor, `lieu_signature`, `conditions` and
//! `date_calcul` are copied into every case folder written.

use std::path::Path;

use chrono::NaiveDate;

use crate::case::raw::{RawConditions, RawParty};
use crate::diag::{Diagnostic, Diagnostics};
use crate::rules;

/// What every case of the import shares.
#[derive(Debug, Clone, Default)]
pub struct Shared {
    pub creditor: RawParty,
    pub signed_at: Option<String>,
    pub conditions: Option<RawConditions>,
    pub computed_on: Option<NaiveDate>,
}

/// Top-level keys a creditor file may leave out (they belong to each case).
const PER_CASE: [&str; 5] = ["version", "reference", "debiteur", "factures", "lieu_signature"];
const TAKEN: [&str; 4] = ["creancier", "lieu_signature", "conditions", "date_calcul"];

pub fn load(path: &Path) -> Result<Shared, Diagnostics> {
    super::table::regular_file(path)?;
    let loaded = crate::case::load(path);
    let mut problems = Diagnostics::new();
    for d in loaded.diagnostics {
        let about_taken = TAKEN.iter().any(|t| d.field == *t || d.field.starts_with(&format!("{t}.")));
        let missing_per_case = d.code == Some(rules::REQUIRED_FIELD.code)
            && PER_CASE.iter().any(|k| d.message.ends_with(&format!("« {k} »")) && d.field.is_empty());
        let whole_file = matches!(d.code, Some(c) if c == rules::YAML_SYNTAX.code || c == rules::FILE_READABLE.code);
        if d.is_error() && !missing_per_case && (about_taken || whole_file || d.field.is_empty()) {
            problems.push(d);
        }
    }
    let Some(raw) = loaded.raw else {
        return Err(problems);
    };
    let Some(creditor) = raw.creancier else {
        problems.push(
            Diagnostic::error("aucun bloc « creancier » dans ce fichier")
                .in_file(path)
                .hint("donnez un case.yaml existant, ou un fichier qui commence par « creancier: » avec type, raison_sociale, siren, adresse…"),
        );
        return Err(problems);
    };
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(Shared {
        creditor,
        signed_at: raw.lieu_signature,
        conditions: raw.conditions,
        computed_on: raw.date_calcul.map(|d| d.0),
    })
}
