//! Identifiers as imported: SIREN, SIRET, VAT number and IBAN are kept exactly as the source
//! gives them, and the ones that fail their checksum are flagged (a warning now, a comment on
//! the line, and `recouvre check` refuses them until the user has looked).

use std::path::Path;

use super::draft::Draft;
use crate::case::raw::RawParty;
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::ground::ids::{compact, iban_problem, siren_problem, siret_problem};

/// Where a warning points: the source file, and its line for a CSV.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub file: &'a Path,
    pub line: u32,
}

impl Source<'_> {
    pub fn warning(&self, message: impl Into<String>) -> Diagnostic {
        let d = Diagnostic::warning(message).in_file(self.file);
        if self.line > 0 { d.at(Pos::new(self.line, 1)) } else { d }
    }
}

/// Checks the identifiers of `creancier` or `debiteur` in the draft.
pub fn flag_identifiers(draft: &mut Draft, key: &str, source: Source<'_>, warnings: &mut Diagnostics) {
    let party = if key == "creancier" { draft.creditor.clone() } else { draft.debtor.clone() };
    let who = party_label(&party, key);
    let mut flag = |field: &str, value: &str, problem: &str, hint: &str| {
        warnings.push(
            source
                .warning(format!("{who} : {field} « {value} » importé tel quel, mais {problem}"))
                .field(format!("{key}.{field}"))
                .hint(hint.to_string()),
        );
        draft.note(format!("{key}.{field}"), format!("À VÉRIFIER : {problem}"));
    };
    let registry = "vérifiez-le sur annuaire-entreprises.data.gouv.fr, corrigez-le ou supprimez la ligne";
    if let Some(siren) = &party.siren
        && let Some(problem) = siren_problem(siren)
    {
        flag("siren", siren, problem, registry);
    }
    if let Some(siret) = &party.siret
        && let Some(problem) = siret_problem(siret)
    {
        flag("siret", siret, problem, registry);
    }
    if let Some(vat) = &party.tva_intracommunautaire
        && let Some(problem) = vat_problem(vat, party.siren.as_deref().or(party.siret.as_deref()))
    {
        flag(
            "tva_intracommunautaire",
            vat,
            problem,
            "vérifiez le numéro sur la facture ou sur le site VIES de la Commission européenne",
        );
    }
    if let Some(iban) = &party.iban
        && let Some(problem) = iban_problem(iban)
    {
        flag("iban", iban, problem, "recopiez l'IBAN depuis le RIB du créancier, ou supprimez la ligne");
    }
}

/// How a party is named in messages.
pub fn party_label(party: &RawParty, key: &str) -> String {
    let name = party.raison_sociale.clone().or_else(|| {
        party.nom.clone().map(|n| format!("{} {n}", party.prenom.clone().unwrap_or_default()).trim().to_string())
    });
    match name {
        Some(n) => format!("{key} {n}"),
        None => key.to_string(),
    }
}

/// Why a French VAT number is wrong: its key must match its SIREN, and the SIREN the party's.
pub fn vat_problem(vat: &str, siren: Option<&str>) -> Option<&'static str> {
    let v = compact(vat).to_uppercase();
    if !v.starts_with("FR") {
        return None;
    }
    if v.len() != 13 || !v.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Some("un numéro de TVA français compte 13 caractères (FR, 2 de clé, le SIREN)");
    }
    let (key, number) = (&v[2..4], &v[4..]);
    if let (Ok(key), Ok(n)) = (key.parse::<u64>(), number.parse::<u64>())
        && key != (12 + 3 * (n % 97)) % 97
    {
        return Some("sa clé ne correspond pas au SIREN qu'il contient");
    }
    match siren.map(compact) {
        Some(s) if s.get(..9).is_some_and(|own| own != number) => {
            Some("le SIREN qu'il contient n'est pas celui de la partie")
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_vat_numbers() {
        assert_eq!(vat_problem("FR11123456782", Some("123456782")), None);
        assert_eq!(vat_problem("FR 05 987 654 321", None), None);
        assert_eq!(vat_problem("FR06987654321", None), Some("sa clé ne correspond pas au SIREN qu'il contient"));
        assert!(vat_problem("FR11123456782", Some("732829320")).is_some());
        assert_eq!(vat_problem("DE123456789", None), None);
        assert!(vat_problem("FR123", None).is_some());
        assert!(vat_problem("FRaé345678901", Some("é2345678901")).is_some(), "no panic on non-ASCII");
    }
}
