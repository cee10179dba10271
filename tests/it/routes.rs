//! Issue 15: the route once the debtor disputes or is insolvent, through the binary. A contested
//! claim or an insolvent debtor can no longer produce a requête en injonction de payer; the plan
//! chooses the route and shows every date the law sets, each tested on its boundary days.

use serde_json::Value;

use crate::legal_cases::{Run, Variant, sample_built};
use crate::support::{assert_mentions, contains_words};

fn step(run: &Run) -> &str {
    run.json["etape"].as_str().unwrap_or_default()
}

/// The date of rule `code` among the plan's dates (`voie.dates`).
fn date_of<'a>(run: &'a Run, code: &str) -> &'a str {
    run.json["voie"]["dates"]
        .as_array()
        .and_then(|dates| dates.iter().find(|d| d["regle"] == code))
        .and_then(|d| d["date"].as_str())
        .unwrap_or_default()
}

fn on(sample: &str, day: &str) -> Variant {
    Variant::of(sample, &[("date_calcul: 2026-11-23", &format!("date_calcul: {day}"))])
}

#[test]
fn each_sample_takes_its_route() {
    for (sample, expected) in [
        ("liquidation", "declaration_de_creance"),
        ("releve-forclusion", "releve_de_forclusion"),
        ("contestation-tj", "assignation"),
        ("refere-tc", "refere_provision"),
    ] {
        let run = Variant::of(sample, &[]).plan(&[]);
        assert_eq!(step(&run), expected, "{sample}: {}", run.stderr);
    }
}

#[test]
fn a_contested_claim_can_no_longer_produce_a_requete() {
    let asked = Variant::of("contestation-tj", &[("  type: assignation", "  type: injonction_de_payer")]);
    for run in [asked.plan(&[]), Variant::of("contestation-tj", &[]).plan(&["--pour", "greffe"])] {
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        let lines = run.lines_of("R062");
        assert!(
            lines.iter().any(|l| l.contains("requête en injonction de payer impossible")
                && l.contains("a contesté la créance le 28 septembre 2026")),
            "{}",
            run.stderr
        );
    }
    let built = asked.build(&[]);
    assert_eq!(built.code, Some(1), "{}", built.stderr);
    assert!(!built.dir.exists() || built.files().is_empty(), "nothing is written");
}

#[test]
fn a_contested_claim_goes_to_the_merits_unless_the_dispute_is_held_not_serious() {
    // Référé asked while the dispute stands: refused, with the reason.
    let refere = "  type: refere_provision";
    let run = Variant::of("contestation-tj", &[("  type: assignation", refere)]).plan(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.lines_of("R062").iter().any(|l| l.contains("référé-provision impossible")), "{}", run.stderr);
    // Held not serious by the user: the référé is planned, and the plan warns.
    let not_serious = Variant::of(
        "contestation-tj",
        &[
            ("  type: assignation", refere),
            (
                "jamais été signalés avant la mise en demeure",
                "jamais été signalés avant la mise en demeure\n  non_serieuse: true",
            ),
        ],
    );
    let run = not_serious.plan(&[]);
    assert_eq!(step(&run), "refere_provision", "{}", run.stderr);
    assert!(!run.lines_of("R064").is_empty(), "{}", run.stderr);
    // No procedure asked: the merits, never the injonction.
    let run = Variant::of("contestation-tj", &[("  type: assignation\n", "")]).plan(&[]);
    assert_eq!(step(&run), "assignation", "{}", run.stderr);
}

#[test]
fn an_insolvent_debtor_can_no_longer_produce_a_requete_nor_be_pursued() {
    for args in [&["--etape", "injonction_de_payer"][..], &["--pour", "greffe"], &["--pour", "commissaire"]] {
        let run = Variant::of("liquidation", &[]).plan(args);
        assert_eq!(run.code, Some(1), "{args:?}: {}", run.stderr);
        assert!(
            run.lines_of("R063")
                .iter()
                .any(|l| l.contains("liquidation judiciaire depuis le jugement du 14 octobre 2026")
                    && l.contains("art. L. 622-21 C. com.")),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = Variant::of("liquidation", &[]).plan(&["--pour", "mandataire"]);
    assert_eq!(step(&run), "declaration_de_creance", "{}", run.stderr);
}

#[test]
fn the_declaration_deadline_is_two_months_after_the_publication_to_the_day() {
    // Published on 24 October 2026: the last day is 24 December 2026.
    let last = on("liquidation", "2026-12-24").plan(&[]);
    assert_eq!(step(&last), "declaration_de_creance", "{}", last.stderr);
    assert_eq!(date_of(&last, "declaration_de_creance"), "2026-12-24");
    assert!(last.lines_of("R067").is_empty(), "{}", last.stderr);
    let late = on("liquidation", "2026-12-25").plan(&[]);
    assert_eq!(step(&late), "releve_de_forclusion", "{}", late.stderr);
    assert!(!late.lines_of("R067").is_empty(), "{}", late.stderr);
    assert_eq!(date_of(&late, "releve_de_forclusion"), "2027-04-24");
}

#[test]
fn a_creditor_outside_metropolitan_france_has_four_months() {
    let abroad = |day: &str| {
        Variant::of(
            "liquidation",
            &[
                ("date_calcul: 2026-11-23", &format!("date_calcul: {day}")),
                (
                    "adresse: { lignes: [\"8 avenue de Romans\"], code_postal: \"26000\", ville: Valence }",
                    "adresse: { lignes: [\"12 rue du Port\"], code_postal: \"97400\", ville: Saint-Denis }",
                ),
            ],
        )
    };
    let last = abroad("2027-02-24").plan(&[]);
    assert_eq!(step(&last), "declaration_de_creance", "{}", last.stderr);
    assert_eq!(date_of(&last, "declaration_de_creance"), "2027-02-24");
    assert_eq!(step(&abroad("2027-02-25").plan(&[])), "releve_de_forclusion");
}

#[test]
fn the_releve_de_forclusion_is_open_six_months_after_the_publication_to_the_day() {
    // Published on 5 June 2026: the last day is 5 December 2026.
    let last = on("releve-forclusion", "2026-12-05").plan(&[]);
    assert_eq!(last.code, Some(0), "{}", last.stderr);
    assert!(last.lines_of("R068").is_empty(), "{}", last.stderr);
    let late = on("releve-forclusion", "2026-12-06").plan(&[]);
    assert_eq!(late.code, Some(1), "{}", late.stderr);
    assert!(late.lines_of("R068").iter().any(|l| l.contains("a expiré le 5 décembre 2026")), "{}", late.stderr);
}

#[test]
fn the_tribunal_judiciaire_placement_is_due_fifteen_days_before_the_hearing() {
    // Hearing on 17 December 2026: the copy at the greffe on 2 December at the latest (art. 754).
    let last = on("contestation-tj", "2026-12-02").plan(&[]);
    assert_eq!(date_of(&last, "tj_remise_au_greffe"), "2026-12-02");
    assert!(last.lines_of("R066").is_empty(), "{}", last.stderr);
    let late = on("contestation-tj", "2026-12-03").plan(&[]);
    assert_eq!(late.code, Some(1), "{}", late.stderr);
    assert!(late.lines_of("R066").iter().any(|l| l.contains("art. 754 CPC")), "{}", late.stderr);
}

#[test]
fn the_commercial_court_merits_have_service_and_placement_deadlines() {
    // Hearing on 9 December 2026: served by 24 November (art. 856), placed by 1 December (art. 857).
    let merits = |day: &str| {
        Variant::of(
            "refere-tc",
            &[
                ("date_calcul: 2026-11-23", &format!("date_calcul: {day}")),
                ("type: refere_provision", "type: assignation"),
            ],
        )
    };
    let last = merits("2026-11-24").plan(&[]);
    assert_eq!(step(&last), "assignation", "{}", last.stderr);
    assert_eq!(date_of(&last, "tc_signification"), "2026-11-24");
    assert_eq!(date_of(&last, "tc_remise_au_greffe"), "2026-12-01");
    assert!(last.lines_of("R066").is_empty(), "{}", last.stderr);
    let late = merits("2026-11-25").plan(&[]);
    assert!(late.lines_of("R066").iter().any(|l| l.contains("art. 856 CPC")), "{}", late.stderr);
    assert!(!late.lines_of("R066").iter().any(|l| l.contains("art. 857 CPC")), "{}", late.stderr);
    // In référé before the commercial court, no fixed delay (art. 486; Cass. 2e civ., 22 mai 2025).
    let refere = Variant::of("refere-tc", &[]).plan(&[]);
    assert_eq!(refere.json["voie"]["dates"], Value::Array(Vec::new()), "{}", refere.stderr);
}

#[test]
fn the_amicable_attempt_is_required_at_the_tribunal_judiciaire_up_to_five_thousand_euros() {
    let small = Variant::of(
        "contestation-tj",
        &[
            ("montant_ht: \"6750.00\"", "montant_ht: \"3750.00\""),
            ("montant_tva: \"1350.00\"", "montant_tva: \"750.00\""),
            ("montant_ttc: \"8100.00\"", "montant_ttc: \"4500.00\""),
            (
                "{ designation: Charpente bois du hangar (forfait), quantite: \"1\", prix_unitaire_ht: \"4950.00\", taux_tva: \"20\" }",
                "{ designation: Charpente bois du hangar (forfait), quantite: \"1\", prix_unitaire_ht: \"1950.00\", taux_tva: \"20\" }",
            ),
        ],
    );
    let run = small.plan(&[]);
    assert_eq!(run.json["voie"]["representation"]["tentative_amiable"], true, "{}", run.stderr);
    assert!(run.lines_of("R069").iter().any(|l| l.contains("art. 750-1 CPC")), "{}", run.stderr);
    let sample = Variant::of("contestation-tj", &[]).plan(&[]);
    assert_eq!(sample.json["voie"]["representation"]["tentative_amiable"], false, "{}", sample.stderr);
    assert_eq!(sample.json["voie"]["representation"]["avocat_obligatoire"], false);
}

#[test]
fn the_declaration_stops_the_decompte_at_the_opening_judgment() {
    let run = Variant::of("liquidation", &[]).plan(&[]);
    assert_eq!(run.json["voie"]["decompte_arrete_au"], "2026-10-13", "{}", run.stderr);
    let built = sample_built("liquidation", &[]);
    let text = built.text("declaration-de-creance.pdf");
    // The penalties of the first invoice run to 13 October, the eve of the judgment, which stops them from its first hour.
    assert!(contains_words(&text, "du 21/08/2026 au 13/10/2026 39,24 €"), "{text}");
    assert!(
        contains_words(
            &text,
            "= 8 554,69 €, dont 8 474,69 € à titre privilégié (art. L. 133-7 C. com.) et 80,00 € à titre chirographaire"
        ),
        "{text}"
    );
}

#[test]
fn the_dispute_and_the_power_are_numbered_pieces() {
    let variant = Variant::of(
        "contestation-tj",
        &[(
            "jamais été signalés avant la mise en demeure",
            "jamais été signalés avant la mise en demeure\n  preuve: pieces/relance-2026-08-10.pdf",
        )],
    );
    // A mandataire signs, with the pouvoir spécial (any PDF of the case stands for it here).
    let case = variant.case();
    let text = std::fs::read_to_string(&case).expect("case")
        + "\nsignataire:\n  qualite: mandataire\n  nom: M. Louis Perrin\n  fonction: juriste\n  pouvoir: pieces/cgv.pdf\n";
    std::fs::write(&case, text).expect("write case");
    let run = variant.plan(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let natures: Vec<&str> =
        run.json["pieces"].as_array().expect("pieces").iter().filter_map(|p| p["nature"].as_str()).collect();
    assert_eq!(natures.iter().filter(|n| **n == "contestation").count(), 1, "{natures:?}");
    assert_eq!(natures.last(), Some(&"pouvoir"), "{natures:?}");
    let built = variant.build(&[]);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    let text = built.text("assignation-en-paiement.pdf");
    assert!(
        contains_words(
            &text,
            "Représentée à l'instance par M. Louis Perrin, juriste, muni d'un pouvoir spécial (pièce n° 8)"
        ),
        "{text}"
    );
    assert!(contains_words(&text, "a contesté la créance (pièce n° 7)"), "{text}");
}

#[test]
fn a_hold_does_not_hide_the_declaration_deadline() {
    let held = Variant::of(
        "liquidation",
        &[(
            "procedure_collective:",
            "suspendu: { depuis: 2026-09-01, motif: échéancier accordé }\nprocedure_collective:",
        )],
    );
    let run = held.plan(&[]);
    assert_eq!(step(&run), "declaration_de_creance", "{}", run.stderr);
    assert_eq!(run.json["documents"][0]["fichier_produit"], "01-declaration-de-creance.pdf", "{}", run.stderr);
    assert_eq!(run.json["suspension"], Value::Null, "{}", run.stderr);
}

#[test]
fn the_liquidation_declaration_names_every_invoice_declared_and_their_date() {
    let built = sample_built("liquidation", &[]);
    let text = built.text("declaration-de-creance.pdf");
    assert_mentions(
        "text",
        &text,
        &[
            "n° TF-2026-0215 du 31 août 2026 (pièce n° 2) et n° TF-2026-0241 du 9 octobre 2026 (pièce n° 3), demeurées impayées",
            "Les prestations facturées ont toutes été exécutées avant le jugement d’ouverture du 14 octobre 2026",
            "(article L. 622-24, alinéa 1, du Code de commerce)",
        ],
    );
    // An invoice dated on the day of the judgment may bill later services: no such statement.
    let variant = Variant::of("liquidation", &[("    date: 2026-10-09\n", "    date: 2026-10-14\n")]);
    let later = variant.build(&[]);
    assert_eq!(later.code, Some(0), "{}", later.stderr);
    let text = later.text("declaration-de-creance.pdf");
    assert!(!contains_words(&text, "ont toutes été exécutées avant"), "{text}");
}

#[test]
fn the_assignation_quotes_the_debtor_alone_and_tells_the_disputing_call_apart() {
    let built = sample_built("contestation-tj", &[]);
    let text = built.text("assignation-en-paiement.pdf");
    assert_mentions(
        "text",
        &text,
        &[
            "La débitrice a été relancée le 10 août 2026 (pièce n° 4), sans résultat.",
            "Le 28 septembre 2026, par téléphone, Mme Brigitte Laurent, présidente du Club nautique du lac, a contesté la créance",
            "« des infiltrations d’eau sous la couverture du hangar » — désordres qui n’avaient jamais été signalés avant la mise en demeure",
        ],
    );
    assert!(!contains_words(&text, "à deux reprises"), "{text}");
}

#[test]
fn a_commercial_debtor_in_a_tae_city_goes_to_the_tribunal_des_activites_economiques() {
    // The main sample's debtor moved to Lyon, the court's kind left to recouvre: from 1 January
    // 2025 to 31 December 2028 the tribunal de commerce de Lyon is a TAE (loi n° 2023-1059, art. 26).
    let variant = Variant::of(
        "atelier-dupont",
        &[
            ("code_postal: \"38000\", ville: Grenoble }", "code_postal: \"69003\", ville: Lyon }"),
            ("juridiction: { type: tribunal_de_commerce, ville: Grenoble }", "juridiction: { ville: Lyon }"),
        ],
    );
    let run = variant.plan(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let court = &run.json["juridiction"];
    assert_eq!(court["nature"], "economic_activities", "{court:#}");
    assert_eq!(court["nom"], "tribunal des activités économiques de Lyon");
    assert!(
        court["raisons"].as_array().expect("raisons").iter().any(|r| r
            == "le tribunal de commerce de Lyon est, du 1er janvier 2025 au 31 décembre 2028, un tribunal des activités économiques (loi n° 2023-1059, art. 26)"),
        "{court:#}"
    );
}

#[test]
fn a_creditor_in_the_same_overseas_department_as_the_court_has_two_months() {
    // Debtor and creditor both at La Réunion: the creditor lives where the court sits, so no two
    // more months (art. R. 622-24 al. 2 C. com.); a creditor in metropolitan France gets them.
    let reunion = "adresse: { lignes: [\"12 rue du Port\"], code_postal: \"97400\", ville: Saint-Denis }";
    let variant = |day: &str, creditor_too: bool| {
        let mut edits = vec![
            ("date_calcul: 2026-11-23".to_string(), format!("date_calcul: {day}")),
            (
                "adresse: { lignes: [\"15 rue des Artisans\"], code_postal: \"38000\", ville: Grenoble }".to_string(),
                reunion.to_string(),
            ),
        ];
        if creditor_too {
            edits.push((
                "adresse: { lignes: [\"8 avenue de Romans\"], code_postal: \"26000\", ville: Valence }".to_string(),
                reunion.to_string(),
            ));
        }
        let edits: Vec<(&str, &str)> = edits.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        Variant::of("liquidation", &edits)
    };
    let last = variant("2026-12-24", true).plan(&[]);
    assert_eq!(date_of(&last, "declaration_de_creance"), "2026-12-24", "{}", last.stderr);
    assert_eq!(step(&variant("2026-12-25", true).plan(&[])), "releve_de_forclusion");
    let far = variant("2026-12-25", false).plan(&[]);
    assert_eq!(step(&far), "declaration_de_creance", "{}", far.stderr);
    assert_eq!(date_of(&far, "declaration_de_creance"), "2027-02-24");
}

#[test]
fn an_assignation_above_10_000_euros_needs_a_lawyer_not_an_employee() {
    // The R071 case signed by an employee (préposé) is still refused; signed by a lawyer it is not.
    let fixture = crate::support::root().join("tests/fixtures/rules/R071.yaml");
    let text = std::fs::read_to_string(&fixture).expect("fixture");
    let dir = tempfile::tempdir().expect("tempdir");
    let run = |signatory: &str| {
        let case = dir.path().join("case.yaml");
        std::fs::write(&case, format!("{text}\nsignataire: {signatory}\n")).expect("write");
        crate::legal_cases::plan_json(&case, &[])
    };
    let employee = run("{ qualite: prepose, nom: Mme Sophie Lenoir, fonction: responsable du recouvrement }");
    assert!(!employee.lines_of("R071").is_empty(), "{}", employee.stderr);
    let lawyer = run("{ qualite: avocat, nom: Me Claire Fabre, barreau: Grenoble }");
    assert!(lawyer.lines_of("R071").is_empty(), "{}", lawyer.stderr);
}

#[test]
fn only_a_refere_at_the_tribunal_de_commerce_has_no_fixed_delay_before_the_hearing() {
    let sentence = "en référé au tribunal de commerce, aucun délai fixe";
    let next = |run: &Run| -> Vec<String> {
        run.json["ensuite"].as_array().into_iter().flatten().filter_map(|n| n.as_str().map(String::from)).collect()
    };
    let refere = Variant::of("refere-tc", &[]).plan(&[]);
    assert!(next(&refere).iter().any(|n| n.starts_with(sentence)), "{:?}", next(&refere));
    // The same claim brought au fond before the same tribunal de commerce: its own delays
    // before its hearing, not that sentence.
    let merits = Variant::of("refere-tc", &[("type: refere_provision", "type: assignation")]).plan(&[]);
    assert_eq!(merits.json["etape"], "assignation", "{}", merits.stderr);
    assert!(!next(&merits).is_empty() && !next(&merits).iter().any(|n| n.starts_with(sentence)), "{:?}", next(&merits));
}
