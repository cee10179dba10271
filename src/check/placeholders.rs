//! The example values `recouvre init` writes: each one left in a case is an error naming its
//! field, so a starter case never prints « Votre Société » in a letter.

use crate::case::model::{Case, Party};
use crate::diag::Diagnostic;
use crate::rules;

/// The starter's example values that no real case holds, by field (kept in step with `cli/starter.yaml` by a test).
pub const EXAMPLES: &[(&str, &str)] = &[
    ("creancier.raison_sociale", "Votre Société"),
    ("creancier.representant.nom", "Prénom Nom"),
    ("creancier.email", "contact@example.fr"),
    ("creancier.iban", "FR7630006000019876543210173"),
    ("debiteur.raison_sociale", "Nom du client débiteur"),
    ("debiteur.representant.nom", "Prénom Nom"),
];

fn value_of<'c>(case: &'c Case, field: &str) -> Option<&'c str> {
    let (party, rest) = match field.split_once('.') {
        Some(("creancier", rest)) => (&case.creditor, rest),
        Some(("debiteur", rest)) => (&case.debtor, rest),
        _ => return None,
    };
    party_value(party, rest)
}

fn party_value<'p>(party: &'p Party, field: &str) -> Option<&'p str> {
    match field {
        "raison_sociale" => party.company_name.as_deref(),
        "siren" => party.siren.as_deref(),
        "representant.nom" => party.representative.as_ref().map(|r| r.name.as_str()),
        "email" => party.email.as_deref(),
        "iban" => party.iban.as_deref(),
        _ => None,
    }
}

/// One error per example value still in the case.
pub fn check(case: &Case) -> Vec<Diagnostic> {
    let normal = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    EXAMPLES
        .iter()
        .filter(|(field, example)| value_of(case, field).is_some_and(|v| normal(v) == normal(example)))
        .map(|&(field, example)| {
            rules::PLACEHOLDER
                .report(format!("« {example} » est la valeur d'exemple écrite par « recouvre init »"))
                .field(field)
                .hint("remplacez-la par la vraie valeur de votre créance")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_example_is_in_the_starter() {
        let starter = include_str!("../cli/starter.yaml");
        for (field, example) in super::EXAMPLES {
            assert!(starter.contains(example), "{field}: « {example} » not in starter.yaml");
        }
    }
}
