//! Issue 13, point 12 (petites créances): the debtor's written request for time is an
//! acknowledgment of the debt (art. 2240 C. civ.) and the request says so instead of « sans
//! résultat »; the 5 000 € ceiling is measured on the same base — principal and interest
//! (art. R. 125-1 CPCE) — in `plan` and in the request. Through the binary.

use crate::legal_cases::{Variant, sample_built};
use crate::support::contains_words;

/// The sample's SMS is not a pièce: the request tells the answer as the creditor summed it up,
/// unquoted, without claiming an interruption (review 5, SGM-2026-09) — and not « sans résultat ».
#[test]
fn the_sms_asking_for_time_is_told_but_not_quoted_without_its_piece() {
    let built = sample_built("petites-creances", &[]);
    let text = built.text("demande-petites-creances.pdf");
    assert!(
        contains_words(
            &text,
            "Par SMS du 1er septembre 2026, elle a répondu à la relance (Demande un délai d'un mois)"
        ),
        "{text}"
    );
    assert!(!contains_words(&text, "« Demande un délai"), "{text}");
    assert!(!contains_words(&text, "2240"), "{text}");
    assert!(!contains_words(&text, "sans résultat"), "{text}");
}

/// A debtor's written answer is quoted and said to interrupt prescription (art. 2240 C. civ.) only
/// when it is produced as a pièce (review 5, SGM-2026-09): the petites-creances sample's SMS is
/// not; once its relance has a proof, it is pièce n° 5 and the request quotes it.
#[test]
fn an_acknowledgment_is_quoted_and_interrupts_only_when_produced() {
    let sms = "resume: Rappel des deux factures, reponse: Demande un délai d’un mois, promesse: 2026-10-01, reconnaissance: true";
    let variant = Variant::of("petites-creances", &[(sms, &format!("{sms}, preuve: pieces/relance-2026-07-25.pdf"))]);
    let built = variant.build(&[]);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    let text = built.text("demande-petites-creances.pdf");
    assert!(
        contains_words(
            &text,
            "Par SMS du 1er septembre 2026 (pièce n° 5), elle a reconnu la dette (« Demande un délai d'un mois »)"
        ),
        "{text}"
    );
    assert!(
        contains_words(&text, "reconnaissance écrite qui interrompt la prescription (article 2240 du Code civil)"),
        "{text}"
    );
}

/// The sample with its first invoice at `ttc` (HT + 20 % VAT).
fn first_invoice_at(ht: &str, tva: &str, ttc: &str) -> Variant {
    let lines = format!(
        "    montant_ht: \"{ht}\"\n    montant_tva: \"{tva}\"\n    montant_ttc: \"{ttc}\"\n    fichier: pieces/SGM-26-031.pdf"
    );
    Variant::of(
        "petites-creances",
        &[(
            "    montant_ht: \"1200.00\"\n    montant_tva: \"240.00\"\n    montant_ttc: \"1440.00\"\n    fichier: pieces/SGM-26-031.pdf",
            &lines,
        )],
    )
}

#[test]
fn the_ceiling_is_principal_and_interest_in_plan_and_request() {
    // 4 320 + 456 € of principal and about 207 € of penalties (under 5 000 €), plus 80 € of
    // indemnities (the total goes over 5 000 €): the procedure is open.
    let under = first_invoice_at("3600.00", "720.00", "4320.00");
    let plan = under.plan(&[]);
    assert_eq!(plan.code, Some(0), "{}", plan.stderr);
    assert!(plan.lines_of("R029").is_empty(), "{}", plan.stderr);
    let built = under.build(&[]);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    let text = built.text("demande-petites-creances.pdf");
    assert!(contains_words(&text, "n'excède pas le plafond de 5 000 €"), "{text}");

    // 4 440 + 456 € of principal and penalties: over, in both.
    let over = first_invoice_at("3700.00", "740.00", "4440.00");
    let plan = over.plan(&[]);
    assert_eq!(plan.code, Some(1), "{}", plan.stderr);
    assert!(
        plan.lines_of("R029").iter().any(|l| l.contains("en principal et intérêts dépasse le plafond de 5 000 €")),
        "{}",
        plan.stderr
    );
}

#[test]
fn the_creditor_proposes_a_payment_plan_that_adds_up_to_the_total() {
    // 2 054,78 € in 3 monthly instalments: 684,92 € twice, then 684,94 €.
    let built = sample_built("petites-creances", &[]);
    let text = built.text("demande-petites-creances.pdf");
    assert!(
        contains_words(
            &text,
            "Le créancier propose au débiteur de régler cette somme en 3 mensualités de 684,92 € (la dernière de 684,94 €), la première le 15 décembre 2026"
        ),
        "{text}"
    );
    let without =
        Variant::of("petites-creances", &[("  proposition: { mensualites: 3, premiere_echeance: 2026-12-15 }\n", "")]);
    let text = without.build(&[]).text("demande-petites-creances.pdf");
    assert!(!contains_words(&text, "propose au débiteur"), "{text}");
}
