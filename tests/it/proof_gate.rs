//! Issue 13, point 1: a court or commissaire dossier is built only on pièces that prove the claim —
//! each invoice as sent, what the debtor agreed to, the mise en demeure and its AR; against a
//! consumer, `plan` warns when nothing proves the delivery or the work.

use crate::legal_cases::{Variant, sample_built};
use crate::support::contains_words;

#[test]
fn an_invoice_without_its_file_stops_the_court_dossier() {
    let variant = Variant::of("atelier-dupont", &[("    fichier: pieces/F-2026-0071.pdf\n", "")]);
    let plan = variant.plan(&[]);
    assert_eq!(plan.code, Some(1), "an error: {}", plan.stderr);
    let lines = plan.lines_of("R048");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("erreur R048") && l.contains("factures[3].fichier") && l.contains("F-2026-0071")),
        "{}",
        plan.stderr
    );
    assert!(plan.stderr.contains("aide : ajoutez « fichier: pieces/"), "the fix is given: {}", plan.stderr);
    let built = variant.build(&[]);
    assert_eq!(built.code, Some(1), "no dossier built on a relevé alone: {}", built.stderr);
    assert!(built.files().is_empty(), "nothing written: {:?}", built.files());
}

#[test]
fn the_same_invoice_without_file_is_fine_for_amicable_steps() {
    let variant = Variant::of("atelier-dupont", &[("    fichier: pieces/F-2026-0071.pdf\n", "")]);
    let plan = variant.plan(&["--etape", "attente"]);
    assert!(plan.lines_of("R048").is_empty(), "{}", plan.stderr);
}

#[test]
fn no_contract_quote_or_order_stops_the_court_dossier() {
    let variant = Variant::of(
        "atelier-dupont",
        &[
            (
                "  - { intitule: Devis signé n° D-2026-017, date: 2026-04-02, fichier: pieces/devis-D-2026-017.pdf, role: devis, factures: [F-2026-0042, F-2026-0057] }\n",
                "",
            ),
            (
                "  - { intitule: Bon de commande signé n° BC-2026-0708, date: 2026-07-08, fichier: pieces/bon-de-commande-BC-2026-0708.pdf, role: bon_de_commande, factures: [F-2026-0071] }\n",
                "",
            ),
        ],
    );
    let plan = variant.plan(&[]);
    assert_eq!(plan.code, Some(1), "{}", plan.stderr);
    assert!(
        plan.lines_of("R048").iter().any(|l| l.contains("erreur R048: pieces") && l.contains("devis")),
        "{}",
        plan.stderr
    );
}

#[test]
fn the_mise_en_demeure_without_its_receipt_stops_the_court_dossier() {
    let variant = Variant::of("petites-creances", &[("  accuse_reception: pieces/ar-mise-en-demeure.jpg\n", "")]);
    let plan = variant.plan(&[]);
    assert_eq!(plan.code, Some(1), "{}", plan.stderr);
    assert!(
        plan.lines_of("R034").iter().any(|l| l.contains("erreur R034: mise_en_demeure.accuse_reception")),
        "{}",
        plan.stderr
    );
    let without_letter = Variant::of("petites-creances", &[("  fichier: pieces/mise-en-demeure.pdf\n", "")]);
    let plan = without_letter.plan(&[]);
    assert_eq!(plan.code, Some(1), "{}", plan.stderr);
    assert!(
        plan.lines_of("R034").iter().any(|l| l.contains("erreur R034: mise_en_demeure.fichier")),
        "{}",
        plan.stderr
    );
}

#[test]
fn the_gate_holds_at_the_service_step_too() {
    let variant = Variant::of("signification", &[("    fichier: pieces/MG-2026-0418.pdf\n", "")]);
    let plan = variant.plan(&[]);
    assert_eq!(plan.code, Some(1), "{}", plan.stderr);
    assert!(plan.lines_of("R048").iter().any(|l| l.contains("MG-2026-0418")), "{}", plan.stderr);
}

#[test]
fn a_consumer_claim_without_proof_of_delivery_is_a_warning_in_plan() {
    let variant = Variant::of(
        "consommateur-tj",
        &[(
            "  - { numero: BL-2025-0877, date: 2025-11-27, signe_par: Mme Jeanne Petit, fichier: pieces/BL-2025-0877.pdf }\n",
            "  - { numero: BL-2025-0877, date: 2025-11-27, signe_par: Mme Jeanne Petit }\n",
        )],
    );
    let plan = variant.plan(&[]);
    assert_eq!(plan.code, Some(0), "a warning only: {}", plan.stderr);
    assert!(
        plan.lines_of("R049").iter().any(|l| l.contains("avertissement R049") && l.contains("consommateur")),
        "{}",
        plan.stderr
    );
    // A procès-verbal de réception proves the work as well as a signed delivery note.
    let with_report = Variant::of(
        "consommateur-tj",
        &[
            (
                "  - { numero: BL-2025-0877, date: 2025-11-27, signe_par: Mme Jeanne Petit, fichier: pieces/BL-2025-0877.pdf }\n",
                "  - { numero: BL-2025-0877, date: 2025-11-27, signe_par: Mme Jeanne Petit }\n",
            ),
            (
                "role: bon_de_commande }\n",
                "role: bon_de_commande }\n  - { intitule: Procès-verbal de réception des travaux, date: 2025-11-27, fichier: pieces/BL-2025-0877.pdf, role: livraison }\n",
            ),
        ],
    );
    let plan = with_report.plan(&[]);
    assert!(plan.lines_of("R049").is_empty(), "{}", plan.stderr);
    let titles: Vec<&str> =
        plan.json["pieces"].as_array().into_iter().flatten().filter_map(|p| p["titre"].as_str()).collect();
    assert!(titles.contains(&"Procès-verbal de réception des travaux"), "{titles:?}");
}

#[test]
fn the_consumer_sample_files_the_invoice_and_the_signed_delivery_note() {
    let built = sample_built("consommateur-tj", &[]);
    assert!(!built.stderr.contains("R049"), "{}", built.stderr);
    let list = built.text("bordereau-de-pieces.pdf");
    assert!(contains_words(&list, "Facture n° CF-F-2025-0877"), "{list}");
    assert!(contains_words(&list, "Bon de livraison n° BL-2025-0877"), "{list}");
    assert!(!contains_words(&list, "Relevé établi"), "no relevé standing for the invoice: {list}");
}
