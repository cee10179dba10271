//! Issue 13, points 2 and 11: the letter to the commissaire de justice and `plan` follow the law
//! in force on the ordonnance's date (formule exécutoire since 1 March 2022; one month and the
//! certificat de non-opposition, or from 1 September 2026 two months without a greffe notice of
//! opposition), explain a partial grant (art. 1409 CPC), and give the service deadline with its
//! date. Each date rule is tested on its boundary days, through the binary.

use serde_json::Value;

use crate::legal_cases::{Variant, sample_build, sample_built};
use crate::support::contains_words;

/// The signification sample with its ordonnance dated `date` (and `extra` lines in its block).
fn order_on(date: &str, extra: &str) -> Variant {
    let block = format!("  ordonnance:\n    date: {date}\n{extra}");
    Variant::of("signification", &[("  ordonnance:\n    date: 2026-10-15\n", &block)])
}

fn letter(variant: &Variant) -> String {
    let built = variant.build(&[]);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    built.text("lettre-au-commissaire-de-justice.pdf")
}

fn next(plan: &Value) -> Vec<String> {
    plan["ensuite"].as_array().into_iter().flatten().filter_map(|n| n.as_str().map(String::from)).collect()
}

#[test]
fn no_request_to_make_the_ordonnance_enforceable() {
    let built = sample_built("signification", &[]);
    let text = built.text("lettre-au-commissaire-de-justice.pdf");
    assert!(!contains_words(&text, "pour la rendre exécutoire"), "{text}");
    assert!(
        contains_words(
            &text,
            "L'ordonnance est revêtue de la formule exécutoire ; rendue à compter du 1er septembre 2026"
        ),
        "{text}"
    );
    assert!(
        !contains_words(&text, "Rendue depuis le 1er septembre 2026, l'ordonnance est revêtue"),
        "the formule exécutoire dates from 1 March 2022: {text}"
    );
}

#[test]
fn issued_from_1_september_2026_two_months_without_a_greffe_notice() {
    let text = letter(&order_on("2026-09-01", ""));
    assert!(contains_words(&text, "au plus tard le 1er décembre 2026"), "{text}");
    assert!(contains_words(&text, "décret n° 2026-96 du 16 février 2026"), "{text}");
    assert!(
        contains_words(&text, "aucune opposition ne nous a été notifiée dans les deux mois suivant la signification"),
        "{text}"
    );
    assert!(
        contains_words(
            &text,
            "si un certificat de non-opposition vous était nécessaire, nous le demanderions au greffe"
        ),
        "{text}"
    );
    assert!(!contains_words(&text, "(article 505"), "no certificate promised: {text}");
}

#[test]
fn issued_until_31_august_2026_one_month_and_the_certificate() {
    let text = letter(&order_on("2026-08-31", ""));
    assert!(contains_words(&text, "au plus tard le 28 février 2027"), "{text}");
    assert!(contains_words(&text, "À défaut d'opposition dans le mois suivant la"), "{text}");
    assert!(contains_words(&text, "certificat de non-opposition (article 505 du même code)"), "{text}");
    assert!(!contains_words(&text, "deux mois"), "{text}");
}

#[test]
fn plan_gives_the_service_deadline_with_its_date() {
    let after = order_on("2026-09-01", "").plan(&[]);
    assert_eq!(after.json["signifier_avant_le"], "2026-12-01", "{}", after.stderr);
    assert!(
        next(&after.json).iter().any(|n| n.contains("au plus tard le 1er décembre 2026") && n.contains("3 mois")),
        "{:?}",
        next(&after.json)
    );
    assert!(
        next(&after.json).iter().any(|n| n.contains("deux mois suivant la signification")),
        "{:?}",
        next(&after.json)
    );

    let before = order_on("2026-08-31", "").plan(&[]);
    assert_eq!(before.json["signifier_avant_le"], "2027-02-28");
    assert!(
        next(&before.json).iter().any(|n| n.contains("au plus tard le 28 février 2027") && n.contains("6 mois")),
        "{:?}",
        next(&before.json)
    );
    assert!(
        next(&before.json).iter().any(|n| n.contains("certificat de non-opposition (art. 505 CPC)")),
        "{:?}",
        next(&before.json)
    );

    let sample = Variant::of("signification", &[]).plan(&[]);
    assert_eq!(sample.json["signifier_avant_le"], "2027-01-15");
}

#[test]
fn plan_text_shows_the_service_deadline() {
    let output =
        crate::support::recouvre().arg("plan").arg(crate::support::sample("signification")).output().expect("run plan");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("À signifier au plus tard le 15 janvier 2027"), "{text}");
}

#[test]
fn a_partial_grant_is_explained_with_the_article_1409_choice() {
    // A partial grant needs its sums (R081): part of the single invoice granted.
    let variant = order_on(
        "2026-10-15",
        "    partielle: true\n    sommes: { principal: \"12000.00\", interets: { type: bce_plus_10, depuis: 2026-05-21 } }\n",
    );
    let plan = variant.plan(&[]);
    assert!(
        next(&plan.json).iter().any(|n| n.starts_with("ordonnance partielle : choisir") && n.contains("art. 1409 CPC")),
        "{:?}",
        next(&plan.json)
    );
    let text = letter(&variant);
    assert!(contains_words(&text, "Cette ordonnance ne fait droit à notre requête qu'en partie"), "{text}");
    assert!(contains_words(&text, "(art. 1409 CPC)"), "{text}");
    let whole = sample_build("signification", &[]).text("lettre-au-commissaire-de-justice.pdf");
    assert!(!contains_words(&whole, "qu'en partie"), "{whole}");
}

#[test]
fn while_the_opposition_period_runs_the_plan_says_when_to_build_again_without_a_greffe_notice() {
    // Ordonnance of 2 September 2026 served on 15 September (no greffe notice since 1 September
    // 2026): on 1 October the two months run; the plan gives the day to build again.
    let variant = Variant::of("execution-sans-avis", &[("date_calcul: 2026-11-23", "date_calcul: 2026-10-01")]);
    let plan = variant.plan(&[]);
    assert_eq!(plan.code, Some(0), "{}", plan.stderr);
    assert!(
        next(&plan.json).iter().any(|n| n
            == "sans avis d'opposition du greffe, relancer « recouvre build » à partir du 17 novembre 2026 : déclaration d'absence d'opposition et demande d'exécution au commissaire de justice"),
        "{:#?}",
        next(&plan.json)
    );
}

#[test]
fn a_served_partial_ordonnance_no_longer_asks_to_choose() {
    // Once the partial ordonnance is served, the creditor has chosen (art. 1409 CPC): the plan no
    // longer sets out the surplus given up.
    let variant = order_on(
        "2026-10-15",
        "    partielle: true\n    sommes: { principal: \"12000.00\", interets: { type: bce_plus_10, depuis: 2026-05-21 } }\n    signification: { date: 2026-10-25, commissaire: SELARL Arnaud & Blanc, mode: a_personne, fichier: pieces/ordonnance.pdf }\n",
    );
    let plan = variant.plan(&[]);
    assert_eq!(plan.code, Some(0), "{}", plan.stderr);
    assert_eq!(plan.json["etape"], "execution");
    let reasons: Vec<&str> =
        plan.json["raisons"].as_array().expect("raisons").iter().filter_map(|r| r.as_str()).collect();
    assert!(reasons.iter().any(|r| r.contains("signifiée le 25 octobre 2026")), "{reasons:?}");
    assert!(!reasons.iter().any(|r| r.starts_with("ordonnance partielle")), "{reasons:?}");
}

#[test]
fn a_partial_ordonnance_granting_the_whole_principal_rejects_no_invoice() {
    // Partial only on the accessories: all 13 440,00 € of principal granted, so no invoice is
    // missing from the pièces and no warning asks which were rejected (R085); a cent less does.
    let warned = |principal: &str| {
        let extra = format!(
            "    partielle: true\n    sommes: {{ principal: \"{principal}\", interets: {{ type: bce_plus_10, depuis: 2026-05-21 }} }}\n"
        );
        !order_on("2026-10-15", &extra).plan(&[]).lines_of("R085").is_empty()
    };
    assert!(!warned("13440.00"));
    assert!(warned("13439.99"));
}
