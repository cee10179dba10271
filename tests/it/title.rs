//! Issue 16: after the ordonnance. The samples build end to end; `plan` follows the title on the
//! boundary days of each deadline, for ordonnances issued before and after 1 September 2026; the
//! documents are read back from their PDF text.

use serde_json::Value;

use crate::legal_cases::{Variant, sample_built};
use crate::support::{assert_mentions, contains_words};

fn title(plan: &Value) -> &Value {
    &plan["titre_executoire"]
}

fn next(plan: &Value) -> Vec<String> {
    plan["ensuite"].as_array().into_iter().flatten().filter_map(|n| n.as_str().map(String::from)).collect()
}

fn on(sample: &str, from: &str, to: &str) -> Variant {
    Variant::of(sample, &[(&format!("date_calcul: {from}\n"), &format!("date_calcul: {to}\n"))])
}

/// Before 1 September 2026, without the certificat yet: no later event on file.
fn before_certificate(day: &str) -> Variant {
    Variant::of(
        "execution-certificat",
        &[
            ("date_calcul: 2026-06-15\n", &format!("date_calcul: {day}\n")),
            (
                "    certificat_non_opposition: { date: 2026-01-20, fichier: pieces/certificat-non-opposition.pdf }\n",
                "",
            ),
            (
                "    execution:\n      - { type: saisie_attribution, date: 2026-02-10, tiers: BNP Paribas, frais: \"120.00\", recouvre: \"3000.00\", recouvre_le: 2026-03-20 }\n",
                "",
            ),
            (
                "paiements:\n  - date: 2026-04-30\n    montant: \"1000.00\"\n    mode: virement\n    reference: VIR HOTEL BELLEVUE MG-2025-0391\n    compte_payeur: { iban: FR2330004008790001234567836, bic: BNPAFRPP }\n",
                "",
            ),
        ],
    )
}

#[test]
fn before_september_2026_the_opposition_month_then_the_certificate_request() {
    // Served Wednesday 3 December 2025: the month ends Saturday 3 January → Monday 5 January 2026.
    let plan = before_certificate("2026-01-05").plan(&[]);
    assert_eq!(plan.json["etape"], "execution", "{}", plan.stderr);
    assert_eq!(title(&plan.json)["etat"], "delai_d_opposition");
    assert_eq!(title(&plan.json)["opposition_jusqu_au"], "2026-01-05");
    assert_eq!(title(&plan.json)["execution_a_partir_du"], "2026-01-06");
    assert!(next(&plan.json).iter().any(|n| n.contains("à partir du 6 janvier 2026")), "{:?}", next(&plan.json));

    let next_day = before_certificate("2026-01-06");
    let plan = next_day.plan(&[]);
    assert_eq!(title(&plan.json)["etat"], "certificat_a_demander", "{}", plan.stderr);
    assert_eq!(plan.json["destinataire"], "greffe");
    let built = next_day.build(&[]);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    let files = built.files();
    assert!(files.iter().any(|f| f == "00-demande-certificat-non-opposition.pdf"), "{files:?}");
    assert!(files.iter().any(|f| f == "01-acte-de-signification.pdf"), "{files:?}");
    let letter = built.text("demande-certificat-non-opposition.pdf");
    assert_mentions(
        "letter",
        &letter,
        &[
            "Greffe du tribunal de commerce de Chambéry",
            "Demande de certificat de non-opposition — ordonnance portant injonction de payer n° 2025 IP 04521 du 12 novembre 2025",
            "la somme de 10 000,00 € en principal",
            "signifiée au débiteur le 3 décembre 2025 par SCP Rey & Duval, commissaires de justice associés, à personne",
            "a expiré le 5 janvier 2026",
            "certificat de non-opposition (art. 505 CPC)",
            "Pièce jointe : copie de l’acte de signification du 3 décembre 2025",
        ],
    );
}

#[test]
fn the_certificate_sample_builds_the_enforcement_dossier() {
    let built = sample_built("execution-certificat", &[]);
    let files = built.files();
    for expected in [
        "00-demande-execution-commissaire-de-justice.pdf",
        "01-decompte-selon-le-titre.pdf",
        "02-fiche-debiteur.pdf",
        "03-ordonnance-injonction-de-payer.pdf",
        "04-acte-de-signification.pdf",
        "05-certificat-de-non-opposition.pdf",
        "dossier-complet.pdf",
    ] {
        assert!(files.iter().any(|f| f == expected), "{expected} not in {files:?}");
    }
    assert!(!files.iter().any(|f| f.contains("declaration-absence")), "{files:?}");
    let request = built.text("demande-execution-commissaire-de-justice.pdf");
    assert_mentions(
        "request",
        &request,
        &[
            "Demande d’exécution forcée — ordonnance portant injonction de payer n° 2025 IP 04521 du 12 novembre 2025",
            "elle a les effets d’un jugement contradictoire (art. 1422 CPC)",
            "le greffe a délivré le 20 janvier 2026 le certificat de non-opposition ci-joint",
            // Principal, other heads, costs, interest accrued, total: each in its column (R. 211-1 CPCE).
            "6 330,36 € 540,00 € 0,00 € 60,79 € 6 931,15 €",
            "au taux de 7,62 % l’an : taux légal (autre) 1er semestre 2026 majoré de 5 points (L. 313-3 CMF)",
            "une saisie-attribution (art. L. 211-1 CPCE) sur le compte du débiteur",
            "IBAN FR23 3000 4008 7900 0123 4567 836, BIC BNPAFRPP (BNP Paribas)",
            "saisie-vente (art. L. 221-1 CPCE) des biens suivants",
            "Véhicule utilitaire Renault Master immatriculé GH-412-KL",
            "à la charge du débiteur (art. L. 111-8 CPCE)",
            "art. A. 444-32 C. com., qui reste à notre charge",
            "saisie-attribution du 10 février 2026 (BNP Paribas)",
        ],
    );
    // Served à personne: no reminder that opposition stays open.
    assert!(!contains_words(&request, "peut encore former opposition"), "{request}");
}

#[test]
fn the_title_decompte_reconciles_line_by_line_in_the_pdf() {
    let built = sample_built("execution-certificat", &[]);
    let text = built.text("decompte-selon-le-titre.pdf");
    // The figures of claim::title's unit test, as printed: interest lines, imputation, summary.
    assert_mentions(
        "text",
        &text,
        &[
            "13/11/2025 31/12/2025 49 10 000,00 € 2,76 % 37,05 €",
            "01/01/2026 06/03/2026 65 10 000,00 € 2,62 % 46,66 €",
            "07/03/2026 20/03/2026 14 10 000,00 € 7,62 % 29,23 €",
            "21/03/2026 30/04/2026 41 7 268,15 € 7,62 % 62,21 €",
            "01/05/2026 15/06/2026 46 6 330,36 € 7,62 % 60,79 €",
            "Total 235,94 €",
            "Taux majoré de 5 points à compter du 7 mars 2026 (art. L. 313-3 CMF)",
            "3 000,00 € 155,21 € 112,94 € 2 731,85 € 0,00 €",
            "1 000,00 € 0,00 € 62,21 € 937,79 € 0,00 €",
            "Frais (dépens et frais d’exécution) 155,21 € 155,21 € 0,00 €",
            "Total 10 931,15 € 4 000,00 € 6 931,15 €",
            "l’émolument proportionnel de l’art. A. 444-32 C. com., à la charge du créancier, n’y figure pas",
        ],
    );
    // The cover gives what the title makes due, not the pre-title claim.
    let cover = crate::support::pdf_text(&built.dir.join("dossier-complet.pdf"));
    assert!(contains_words(&cover, "Dû selon le titre 6 931,15 €"), "{cover}");
}

#[test]
fn after_september_2026_two_months_without_notice_then_the_statement() {
    // Served Tuesday 15 September 2026: two months end Sunday 15 November → Monday 16.
    let running = on("execution-sans-avis", "2026-11-23", "2026-11-16").plan(&[]);
    assert_eq!(title(&running.json)["etat"], "delai_d_opposition", "{}", running.stderr);
    assert_eq!(title(&running.json)["opposition_jusqu_au"], "2026-10-15");
    assert_eq!(title(&running.json)["execution_a_partir_du"], "2026-11-17");
    let early = on("execution-sans-avis", "2026-11-23", "2026-11-16").build(&["--pour", "commissaire"]);
    assert_ne!(early.code, Some(0));
    assert!(early.stderr.contains("R083") && early.stderr.contains("17 novembre 2026"), "{}", early.stderr);

    let open = on("execution-sans-avis", "2026-11-23", "2026-11-17");
    let plan = open.plan(&[]);
    assert_eq!(title(&plan.json)["etat"], "executoire", "{}", plan.stderr);
    let built = open.build(&["--pour", "commissaire"]);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    let statement = built.text("declaration-absence-opposition.pdf");
    assert_mentions(
        "statement",
        &statement,
        &[
            "Je soussignée Claire Dupont, gérante d’Atelier Dupont, déclare",
            "décret n° 2026-96 du 16 février 2026",
            "signifiée au débiteur le 15 septembre 2026 par SELARL Arnaud & Blanc, commissaires de justice, à personne",
            "aucun avis d’opposition du greffe du tribunal de commerce de Grenoble n’est parvenu à Atelier Dupont",
            "l’exécution est possible depuis le 17 novembre 2026",
            "Fait pour servir et valoir ce que de droit. Fait à Lyon, le 17 novembre 2026.",
        ],
    );
    let request = built.text("demande-execution-commissaire-de-justice.pdf");
    assert!(contains_words(&request, "ainsi que l’atteste notre déclaration ci-jointe"), "{request}");
    assert!(contains_words(&request, "IBAN FR84 1027 8073 0000 0204 5678 912"), "{request}");
    assert!(!contains_words(&request, "certificat de non-opposition ci-joint"), "{request}");
    assert!(!built.files().iter().any(|f| f.contains("demande-certificat")), "{:?}", built.files());
}

#[test]
fn a_certificate_asked_for_after_september_2026_goes_with_the_dossier() {
    let variant = Variant::of(
        "execution-sans-avis",
        &[(
            "      fichier: pieces/signification.pdf\n",
            "      fichier: pieces/signification.pdf\n    demander_certificat: true\n",
        )],
    );
    let built = variant.build(&[]);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    let letter = built.text("demande-certificat-non-opposition.pdf");
    assert!(
        contains_words(&letter, "Rendue depuis le 1er septembre 2026, elle relève du décret n° 2026-96"),
        "{letter}"
    );
}

#[test]
fn an_opposition_suspends_enforcement_with_a_dated_fee_task() {
    let variant = Variant::of(
        "execution-sans-avis",
        &[(
            "      fichier: pieces/signification.pdf\n",
            "      fichier: pieces/signification.pdf\n    opposition: { date: 2026-10-02, avis_greffe: 2026-10-20 }\n",
        )],
    );
    let plan = variant.plan(&[]);
    assert_eq!(title(&plan.json)["etat"], "opposition", "{}", plan.stderr);
    // 20 October + 15 days.
    assert_eq!(title(&plan.json)["consignation_avant_le"], "2026-11-04");
    assert!(
        next(&plan.json)
            .iter()
            .any(|n| n.contains("consigner au greffe les frais de l'opposition au plus tard le 4 novembre 2026")),
        "{:?}",
        next(&plan.json)
    );
    let built = variant.build(&["--pour", "commissaire"]);
    assert!(built.code != Some(0) && built.stderr.contains("R083"), "{}", built.stderr);
}

#[test]
fn a_partial_grant_gives_the_figures_and_the_article_1409_choice() {
    let plan = Variant::of("ordonnance-partielle", &[]).plan(&[]);
    assert_eq!(plan.json["etape"], "signification", "{}", plan.stderr);
    let reasons: Vec<String> =
        plan.json["raisons"].as_array().into_iter().flatten().filter_map(|r| r.as_str().map(String::from)).collect();
    assert!(
        reasons.iter().any(|r| r.contains("8 400,00 € alloués en principal sur 9 600,00 € restant dus")
            && r.contains("renoncer aux 1 200,00 € rejetés (art. 1409 CPC)")),
        "{reasons:?}"
    );
    assert!(next(&plan.json).iter().any(|n| n.starts_with("ordonnance partielle : choisir")), "{:?}", next(&plan.json));
    assert_eq!(plan.json["signifier_avant_le"], "2027-01-20");
    let built = sample_built("ordonnance-partielle", &[]);
    let cover = crate::support::pdf_text(&built.dir.join("dossier-complet.pdf"));
    assert!(contains_words(&cover, "À signifier au plus tard le 20 janvier 2027 (art. 1411 CPC)"), "{cover}");
}

#[test]
fn a_partial_grant_hands_over_only_what_the_ordonnance_grants() {
    let built = sample_built("ordonnance-partielle", &[]);
    let files = built.files();
    assert!(files.iter().any(|f| f == "04-decompte-selon-le-titre.pdf"), "{files:?}");
    assert!(!files.iter().any(|f| f == "04-decompte.pdf"), "the requête's décompte is not handed over: {files:?}");
    // 8 400,00 € granted, ECB + 10 from 4 June 2026: 27 days to 30 June, 146 days to 23 November.
    let statement = built.text("decompte-selon-le-titre.pdf");
    for line in
        ["8 400,00 €", "27 8 400,00 € 12,15 % 75,50 €", "146 8 400,00 € 12,15 % 408,24 €", "40,00 €", "8 923,74 €"]
    {
        assert!(contains_words(&statement, line), "« {line} » not in:\n{statement}");
    }
    assert!(contains_words(&statement, "Dépens : non liquidés par l’ordonnance"), "{statement}");
    assert!(contains_words(&statement, "renonciation à ce surplus (art. 1409 CPC)"), "{statement}");
    let letter = built.text("lettre-au-commissaire-de-justice.pdf");
    assert!(
        contains_words(
            &letter,
            "l’exécution ne portera que sur les sommes allouées, soit 8 923,74 € au 23 novembre 2026"
        ),
        "{letter}"
    );
    assert!(contains_words(&letter, "(art. 1409 CPC)") && contains_words(&letter, "Les 5 pièces"), "{letter}");
    // The rejected invoice (1 200,00 € and its 63,51 € of penalties) is in no document handed over.
    for doc in [
        "lettre-au-commissaire-de-justice.pdf",
        "bordereau-de-pieces.pdf",
        "decompte-selon-le-titre.pdf",
        "fiche-debiteur.pdf",
    ] {
        let text = built.text(doc);
        assert!(!text.contains("10 227,25") && !text.contains("1 303,51"), "{doc} claims the rejected part:\n{text}");
        // The bordereau lists it, not communicated, under the requête's number (cross_documents.rs).
        if doc == "fiche-debiteur.pdf" {
            assert!(!text.contains("MG-2026-0455"), "{doc} lists the rejected invoice:\n{text}");
        }
    }
    let pieces: Vec<String> = std::fs::read_dir(built.dir.join("pieces"))
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    assert_eq!(pieces.len(), 5, "{pieces:?}");
    assert!(!pieces.iter().any(|p| p.contains("0455")), "{pieces:?}");
    let cover = crate::support::pdf_text(&built.dir.join("dossier-complet.pdf"));
    assert!(contains_words(&cover, "Dû selon le titre 8 923,74 €"), "{cover}");
    assert!(built.stderr.is_empty() || !built.stderr.contains("R085"), "{}", built.stderr);
}

#[test]
fn a_partial_grant_needs_its_sums_and_names_its_rejected_invoices() {
    let without_sums = Variant::of(
        "ordonnance-partielle",
        &[(
            "    sommes:\n      principal: \"8400.00\"\n      interets: { type: bce_plus_10, depuis: 2026-06-04 }\n      indemnite: \"40.00\"\n",
            "",
        )],
    );
    let built = without_sums.build(&[]);
    assert_eq!(built.code, Some(1), "{}", built.stderr);
    assert!(built.stderr.contains("R081") && built.stderr.contains("pas sur le surplus rejeté"), "{}", built.stderr);
    let unnamed = Variant::of("ordonnance-partielle", &[("    factures_rejetees: [MG-2026-0455]\n", "")]);
    let plan = unnamed.plan(&[]);
    assert_eq!(plan.lines_of("R085").len(), 1, "{}", plan.stderr);
    let unknown = Variant::of("ordonnance-partielle", &[("[MG-2026-0455]", "[MG-2026-9999]")]);
    let plan = unknown.plan(&[]);
    assert!(
        plan.stderr.contains("R014") && plan.stderr.contains("procedure.ordonnance.factures_rejetees[1]"),
        "{}",
        plan.stderr
    );
}

#[test]
fn a_transfer_account_is_offered_never_assumed() {
    let variant = Variant::of(
        "execution-sans-avis",
        &[(
            "  comptes:\n    - { iban: FR8410278073000002045678912, bic: CMCIFR2A, banque: Crédit Mutuel Grenoble }\n",
            "",
        )],
    );
    let plan = variant.plan(&[]);
    let lines = plan.lines_of("R082");
    assert_eq!(lines.len(), 1, "{}", plan.stderr);
    assert!(lines[0].contains("FR84 1027 8073 0000 0204 5678 912"), "{}", plan.stderr);
    assert!(plan.stderr.contains("comptes: [{ iban: FR8410278073000002045678912, bic: CMCIFR2A }]"), "{}", plan.stderr);
    let request = variant.build(&[]).text("demande-execution-commissaire-de-justice.pdf");
    assert!(contains_words(&request, "qu’aucun relevé ne nous a permis d’identifier"), "{request}");
}

#[test]
fn title_problems_are_located() {
    let variant = Variant::of(
        "execution-sans-avis",
        &[
            ("      date: 2026-09-15\n", "      date: 2026-08-15\n"),
            ("interets: { type: bce_plus_10, depuis: 2026-05-16 }", "interets: { type: fixe, depuis: 2026-05-16 }"),
        ],
    );
    let plan = variant.plan(&[]);
    assert_ne!(plan.code, Some(0));
    let dates = plan.lines_of("R080");
    assert!(
        dates.iter().any(|l| l.contains("case.yaml:") && l.contains("signification du 15 août 2026 antérieure")),
        "{}",
        plan.stderr
    );
    assert!(plan.stderr.contains("intérêts à taux fixe sans taux"), "{}", plan.stderr);
}
