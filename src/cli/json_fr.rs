//! `plan --format json` and `check --format json` in French, like the manifest and the batch
//! report: the types keep their Rust (English) names, their JSON is renamed here, key by key and,
//! for the few enumerations, value by value. A key or value missing from the tables stays as is
//! (a test lists every key of every sample's plan, so a new one cannot go unnoticed).

use serde_json::{Map, Value};

use crate::diag::Diagnostics;
use crate::plan::Plan;

/// Keys of the plan, of a diagnostic, of a hold, as the user reads them.
const KEYS: [(&str, &str); 49] = [
    ("enforcement", "titre_executoire"),
    ("state", "etat"),
    ("served", "signifiee_le"),
    ("opposition_until", "opposition_jusqu_au"),
    ("enforceable_from", "execution_a_partir_du"),
    ("surcharge_from", "majoration_a_partir_du"),
    ("fee_deadline", "consignation_avant_le"),
    ("addressee", "adresse_a"),
    ("city", "ville"),
    ("city_derived", "ville_deduite"),
    ("claimable_from", "exigible_a_partir_du"),
    ("column", "colonne"),
    ("commercial_chamber", "chambre_commerciale"),
    ("court", "juridiction"),
    ("diagnostics", "diagnostics"),
    ("documents", "documents"),
    ("field", "champ"),
    ("file", "fichier"),
    ("filing_from", "depot_possible_a_partir_du"),
    ("hint", "aide"),
    ("hold", "suspension"),
    ("interim", "refere"),
    ("invoice", "facture"),
    ("kind", "nature"),
    ("level", "niveau"),
    ("line", "ligne"),
    ("merged", "dossier_complet"),
    ("name", "nom"),
    ("next", "ensuite"),
    ("next_reminder", "prochaine_relance"),
    ("note", "bon_de_livraison"),
    ("notice_from", "mise_en_demeure_a_partir_du"),
    ("number", "numero"),
    ("output", "fichier_produit"),
    ("path", "chemin"),
    ("reason", "motif"),
    ("reasons", "raisons"),
    ("recipient", "destinataire"),
    ("relative", "chemin"),
    ("reminder", "relance"),
    ("reminder_level", "niveau_relance"),
    ("service_deadline", "signifier_avant_le"),
    ("since", "depuis"),
    ("source", "source"),
    ("step", "etape"),
    ("step_label", "libelle_etape"),
    ("title", "titre"),
    ("type", "type"),
    ("until", "jusqu_au"),
];

/// Values of the enumerations (document and pièce kinds, court kinds, piece sources, levels).
const VALUES: [(&str, &str); 46] = [
    ("claim_declaration", "declaration_de_creance"),
    ("foreclosure_request", "requete_releve_de_forclusion"),
    ("summons", "assignation"),
    ("power", "pouvoir"),
    ("dispute", "contestation"),
    ("lawyer", "avocat"),
    ("certificate_request", "demande_certificat_non_opposition"),
    ("no_notice_statement", "declaration_absence_opposition"),
    ("title_statement", "decompte_titre"),
    ("enforcement_request", "demande_execution"),
    ("service_act", "acte_de_signification"),
    ("certificate", "certificat_non_opposition"),
    ("running", "delai_d_opposition"),
    ("opposed", "opposition"),
    ("certificate_to_request", "certificat_a_demander"),
    ("enforceable", "executoire"),
    ("bailiff_letter", "lettre_au_commissaire"),
    ("contract", "contrat"),
    ("correspondence", "correspondance"),
    ("credit_note", "avoir"),
    ("debtor_sheet", "fiche_debiteur"),
    ("delivery_note", "bon_de_livraison"),
    ("delivery_note_statement", "releve_de_bon_de_livraison"),
    ("error", "erreur"),
    ("exhibit_list", "bordereau_de_pieces"),
    ("file", "fichier"),
    ("filed_request", "requete_deposee"),
    ("formal_notice", "mise_en_demeure"),
    ("history", "historique_des_relances"),
    ("invoice", "facture"),
    ("invoice_statement", "releve_de_facture"),
    ("judicial", "judiciaire"),
    ("order", "ordonnance"),
    ("other", "autre"),
    ("payment_order_request", "requete_injonction_de_payer"),
    ("previous_output", "document_archive"),
    ("receipt", "accuse_de_reception"),
    ("registry_letter", "lettre_au_greffe"),
    ("reminder", "relance"),
    ("reminder_proof", "preuve_de_relance"),
    ("small_claims_request", "demande_petites_creances"),
    ("statement", "decompte"),
    ("warning", "avertissement"),
    ("commercial", "commercial"),
    ("cgv", "cgv"),
    ("kbis", "kbis"),
];

/// The keys whose string values are enumerations to translate.
const ENUM_KEYS: [&str; 4] = ["kind", "type", "level", "state"];

/// The plan as `plan --format json` prints it.
pub fn plan(plan: &Plan) -> Value {
    french(serde_json::to_value(plan).unwrap_or_default())
}

/// Diagnostics as `check --format json` prints them.
pub fn diagnostics(diagnostics: &Diagnostics) -> Value {
    french(serde_json::to_value(&diagnostics.0).unwrap_or_default())
}

/// Every key of `value` in French, and the values of enumerations.
pub fn french(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, inner) in map {
                let inner = match (&inner, ENUM_KEYS.contains(&key.as_str())) {
                    (Value::String(s), true) => Value::String(lookup(&VALUES, s).to_string()),
                    _ => french(inner),
                };
                out.insert(lookup(&KEYS, &key).to_string(), inner);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(french).collect()),
        other => other,
    }
}

fn lookup<'a>(table: &'a [(&str, &str)], word: &'a str) -> &'a str {
    table.iter().find(|(english, _)| *english == word).map(|(_, french)| *french).unwrap_or(word)
}
