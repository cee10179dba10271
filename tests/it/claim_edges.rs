//! Edges of the décompte that no other test pinned (found by `cargo mutants`, README « Testing »):
//! each test fails when the rule it names is changed.

use std::path::Path;

use crate::claim_support::{assert_identities, b2b, b2c, credit, d, invoice, notice, payment};
use recouvre::case::model::DeliveryNote;
use recouvre::claim::{self, RateTables};
use rust_decimal_macros::dec;

/// A credit note larger than the principal still owed (the invoice was partly paid before) is
/// refused (R017), naming the credit note, its excess and the field to correct.
#[test]
fn credit_note_above_the_principal_left_is_an_error() {
    let mut case = b2b(vec![invoice("F1", "2025-03-01", "2025-03-31", dec!(1000))]);
    case.payments = vec![payment("2025-03-15", dec!(600), Some("F1"))];
    case.credit_notes = vec![credit("AV-1", "F1", "2025-04-10", dec!(500))];
    let errors = claim::compute(&case, &RateTables::embedded(), d("2025-10-31")).expect_err("credit above principal");
    let codes: Vec<_> = errors.iter().filter_map(|e| e.code).collect();
    assert_eq!(codes, vec!["R017"], "{errors:?}");
    // 400 € of principal left on 10 April: 100 € too many.
    assert!(errors[0].message.contains("avoir AV-1 du 10 avril 2025"), "{}", errors[0].message);
    assert!(errors[0].message.contains("100,00 €"), "{}", errors[0].message);
    assert_eq!(errors[0].field, "avoirs[1].montant_ttc");
}

/// A payment naming no invoice first pays the penalties still owed on an invoice whose principal
/// a credit note cleared, then the next invoice (art. 1342-10 and 1343-1 C. civ.).
#[test]
fn unassigned_payment_pays_penalties_left_on_an_invoice_without_principal() {
    let mut case = b2b(vec![
        invoice("F1", "2025-03-01", "2025-03-31", dec!(1000)),
        invoice("F2", "2025-03-31", "2025-04-30", dec!(2000)),
    ]);
    case.credit_notes = vec![credit("AV-1", "F1", "2025-04-30", dec!(1000))];
    case.payments = vec![payment("2025-06-02", dec!(500), None)];
    let claim = claim::compute(&case, &RateTables::embedded(), d("2025-06-30")).expect("décompte");
    assert_identities(&claim, "credit then unassigned payment");
    let f1 = &claim.invoices[0];
    // 1 000 × 13,15 % × 30 / 365 = 10,81 € of penalties before the credit note.
    assert_eq!((f1.number.as_str(), f1.principal_remaining, f1.interest_accrued), ("F1", dec!(0), dec!(10.81)));
    let imputed: Vec<_> = f1.payments.iter().map(|p| (p.to_interest, p.to_principal)).collect();
    assert_eq!(imputed, vec![(dec!(10.81), dec!(0))], "F1's penalties are paid first");
    let f2 = &claim.invoices[1];
    let imputed: Vec<_> = f2.payments.iter().map(|p| p.to_interest + p.to_principal).collect();
    assert_eq!(imputed, vec![dec!(489.19)], "the rest goes to F2");
}

/// ECB + 10 points frozen by half-year applies from 1 January 2013 (the first half-year computed);
/// the half-year before it is refused, not guessed.
#[test]
fn first_half_year_of_2013_is_computed_and_the_one_before_refused() {
    let case = b2b(vec![invoice("F1", "2013-01-02", "2013-01-31", dec!(1000))]);
    let claim = claim::compute(&case, &RateTables::embedded(), d("2013-03-31")).expect("2013 H1 computed");
    let s = &claim.invoices[0].segments;
    // ECB 0,75 % on 1 January 2013 + 10: 1 000 × 10,75 % × 59 / 365 = 17,38 €.
    assert_eq!((s.len(), s[0].days, s[0].rate, s[0].amount), (1, 59, dec!(10.75), dec!(17.38)), "{s:?}");
    let late_2012 = b2b(vec![invoice("F0", "2012-11-30", "2012-12-30", dec!(1000))]);
    let errors = claim::compute(&late_2012, &RateTables::embedded(), d("2013-01-31")).expect_err("2012 H2");
    assert!(errors.iter().any(|e| e.code == Some("R031") && e.message.contains("2e semestre 2012")), "{errors:?}");
}

/// A rates file checked up to 1 July covers the half-year that starts that day (no R032); checked
/// up to 30 June, it does not.
#[test]
fn ecb_table_checked_on_the_first_day_of_a_half_year_covers_it() {
    let case = b2b(vec![invoice("F1", "2026-05-29", "2026-06-30", dec!(1000))]);
    let with = |checked: &str| {
        let text = format!("# verifie_jusqu_au: {checked}\n");
        let rates = RateTables::embedded().with_user_text(&text, Path::new("taux.csv")).expect("rates file");
        claim::compute(&case, &rates, d("2026-09-30")).expect("décompte")
    };
    let covered = with("2026-07-01");
    assert!(covered.warnings.is_empty(), "{:?}", covered.warnings);
    let uncovered = with("2026-06-30");
    let codes: Vec<_> = uncovered.warnings.iter().filter_map(|w| w.code).collect();
    assert_eq!(codes, vec!["R032"]);
}

/// A contract rate equal to three times the legal rate is the floor itself: no warning; a cent of
/// a point below it is warned (art. L. 441-10 II C. com.).
#[test]
fn contract_rate_at_the_floor_is_not_warned() {
    // 2023 H2: legal rate (autre) 4,22 %, floor 12,66 %.
    let mut case = b2b(vec![invoice("F1", "2023-08-31", "2023-09-30", dec!(1000))]);
    case.terms.penalty_rate = Some(dec!(12.66));
    let at_floor = claim::compute(&case, &RateTables::embedded(), d("2023-12-31")).expect("décompte");
    assert!(at_floor.warnings.is_empty(), "{:?}", at_floor.warnings);
    case.terms.penalty_rate = Some(dec!(12.65));
    let below = claim::compute(&case, &RateTables::embedded(), d("2023-12-31")).expect("décompte");
    let codes: Vec<_> = below.warnings.iter().filter_map(|w| w.code).collect();
    assert_eq!(codes, vec!["R030"]);
}

/// Under a contract rate the cuts at 30 June and 31 December are only calculation periods: the
/// conventions must not tell a judge that the rate changes there, as they do under a legal rate.
#[test]
fn conventions_under_a_contract_rate_say_the_rate_does_not_change_by_half_year() {
    let half_years = |case: &recouvre::case::model::Case| -> String {
        let claim = claim::compute(case, &RateTables::embedded(), d("2025-10-31")).expect("décompte");
        let found = claim.conventions.iter().find(|c| c.starts_with("Périodes arrêtées au 30 juin"));
        found.cloned().unwrap_or_else(|| panic!("no sentence on the periods: {:?}", claim.conventions))
    };
    let invoices = || vec![invoice("F1", "2025-03-01", "2025-03-31", dec!(1000))];
    let legal = half_years(&b2b(invoices()));
    assert!(legal.contains("(le taux est fixé par semestre)"), "{legal}");
    let mut professional = b2b(invoices());
    professional.terms.penalty_rate = Some(dec!(15));
    let mut consumer = b2c(invoices(), false);
    consumer.terms.penalty_rate = Some(dec!(8));
    for case in [professional, consumer] {
        let sentence = half_years(&case);
        assert!(sentence.contains("(simples périodes de calcul : le taux convenu ne change pas)"), "{sentence}");
        assert!(!sentence.contains("fixé par semestre"), "{sentence}");
    }
}

fn delivery(number: &str) -> DeliveryNote {
    DeliveryNote { number: number.into(), date: d("2025-03-01"), signed_by: None, file: None, field: String::new() }
}

/// The documents are made from the claimed part: the invoice due, its credit note, the payments
/// imputed on it (named or not) and the delivery notes it names or that no invoice names; what
/// belongs only to the invoice not yet due is left out.
#[test]
fn the_claimed_part_keeps_only_what_concerns_the_invoices_due() {
    let mut f1 = invoice("F1", "2025-03-01", "2025-03-31", dec!(400));
    f1.delivery_notes = vec!["BL-1".into(), "BL-S".into()];
    let mut f2 = invoice("F2", "2025-04-15", "2025-12-31", dec!(500));
    f2.delivery_notes = vec!["BL-2".into(), "BL-S".into()];
    let mut case = b2b(vec![f1, f2]);
    case.delivery_notes = ["BL-1", "BL-2", "BL-S", "BL-X"].map(delivery).to_vec();
    case.credit_notes =
        vec![credit("AV-1", "F1", "2025-03-10", dec!(100)), credit("AV-2", "F2", "2025-05-01", dec!(50))];
    case.payments = vec![
        // Imputed by law on F1, due first; then F1 is settled and the next one goes to F2 only.
        payment("2025-03-20", dec!(300), None),
        payment("2025-05-05", dec!(300), None),
        payment("2025-05-06", dec!(50), Some("F2")),
    ];
    let claim = claim::compute(&case, &RateTables::embedded(), d("2025-06-30")).expect("décompte");
    assert_eq!(claim.upcoming.iter().map(|i| i.number.as_str()).collect::<Vec<_>>(), ["F2"]);
    let part = claim::due::claimed_part(&case, &claim);
    assert_eq!(part.invoices.iter().map(|i| i.number.as_str()).collect::<Vec<_>>(), ["F1"]);
    assert_eq!(part.credit_notes.iter().map(|c| c.number.as_str()).collect::<Vec<_>>(), ["AV-1"]);
    assert_eq!(part.payments.iter().map(|p| p.date).collect::<Vec<_>>(), [d("2025-03-20")]);
    let notes: Vec<_> = part.delivery_notes.iter().map(|n| n.number.as_str()).collect();
    assert_eq!(notes, ["BL-1", "BL-S", "BL-X"]);
}

/// The table of `recouvre decompte` prints no line for what the claim does not have: a consumer
/// owes no flat indemnity (« 0 × 40 € » would read as a claim), nothing was paid or credited, no
/// clause pénale; its interest is « Intérêts », not the « Pénalités » of a professional.
#[test]
fn the_table_prints_no_line_for_what_the_claim_does_not_have() {
    let mut case = b2c(vec![invoice("F1", "2025-03-01", "2025-03-31", dec!(1000))], false);
    case.terms.penalty_rate = Some(dec!(8));
    let claim = claim::compute(&case, &RateTables::embedded(), d("2025-06-30")).expect("décompte");
    assert_eq!(claim.totals.indemnity_count, 0);
    let table = claim::to_table(&claim);
    let (lines, _conventions) = table.split_once("\nConventions\n").expect("conventions");
    for absent in ["Indemnité", "Avoir", "Paiement", "payé", "Clause pénale", "Pénalités"] {
        assert!(!lines.contains(absent), "« {absent} » in:\n{table}");
    }
    // 1 000 × 8 % × 91 / 365 = 19,95 €.
    let totals = lines.split("\nTotaux\n").nth(1).expect("totals");
    let totals: Vec<&str> = totals.lines().take_while(|l| !l.is_empty()).map(str::trim).collect();
    let words: Vec<String> = totals.iter().map(|l| l.split("  ").next().unwrap_or_default().to_string()).collect();
    assert_eq!(
        words,
        ["Montant TTC des factures", "Principal restant dû", "Intérêts courus", "Intérêts restant dus", "TOTAL DÛ"],
        "{table}"
    );
    assert!(totals[4].ends_with("1 019,95 €"), "{table}");
}

/// The sentence on an invoice the mise en demeure could not claim (not yet due when it was sent,
/// art. 1344 C. civ.) is printed only when there is such an invoice, not for every invoice due.
#[test]
fn no_sentence_on_unclaimable_invoices_when_every_invoice_was_due_at_the_notice() {
    let mut case = b2c(vec![invoice("F1", "2025-11-15", "2025-12-15", dec!(1500))], false);
    case.formal_notice = Some(notice("2026-01-10", Some("2026-01-14")));
    let claim = claim::compute(&case, &RateTables::embedded(), d("2026-03-31")).expect("décompte");
    assert!(
        claim.conventions.iter().any(|c| c
            == "Les intérêts courent à compter du 15 janvier 2026, lendemain de la réception de la mise en demeure (le 14 janvier 2026)."),
        "{:?}",
        claim.conventions
    );
    assert!(!claim.conventions.iter().any(|c| c.contains("n'est pas couverte par elle")), "{:?}", claim.conventions);
}

/// Invoices of the same due date and date are equally old: an unassigned payment is shared between
/// them in proportion to what each owes, « toutes choses égales » (art. 1342-10 al. 2 C. civ.),
/// each part going to its penalties first (art. 1343-1); the cents of rounding go to the first in
/// order. An older invoice date still comes first.
#[test]
fn an_unassigned_payment_is_shared_between_equally_old_invoices() {
    let parts = |invoices, amount, on: &str| {
        let mut case = b2b(invoices);
        case.payments = vec![payment(on, amount, None)];
        let claim = claim::compute(&case, &RateTables::embedded(), d("2026-06-30")).expect("décompte");
        assert_identities(&claim, "shared payment");
        claim
            .invoices
            .iter()
            .map(|i| (i.number.clone(), i.payments.iter().map(|p| (p.to_interest, p.to_principal)).collect::<Vec<_>>()))
            .collect::<Vec<_>>()
    };
    // Paid on the due date: no penalties yet, 900 € shared 1 : 2.
    let same = || {
        vec![invoice("A", "2026-01-10", "2026-02-09", dec!(1000)), invoice("B", "2026-01-10", "2026-02-09", dec!(2000))]
    };
    assert_eq!(
        parts(same(), dec!(900), "2026-02-09"),
        [("A".into(), vec![(dec!(0), dec!(300))]), ("B".into(), vec![(dec!(0), dec!(600))])]
    );
    // 100 € over three equal invoices: 33,34 € to the first, 33,33 € to the others.
    let three = ["C", "D", "E"].map(|n| invoice(n, "2026-01-10", "2026-02-09", dec!(100))).to_vec();
    let shared: Vec<Vec<_>> = parts(three, dec!(100), "2026-02-09").into_iter().map(|(_, p)| p).collect();
    assert_eq!(shared, [vec![(dec!(0), dec!(33.34))], vec![(dec!(0), dec!(33.33))], vec![(dec!(0), dec!(33.33))]]);
    // 200 € over the same three: two cents left by rounding down, to the first two.
    let three = ["C", "D", "E"].map(|n| invoice(n, "2026-01-10", "2026-02-09", dec!(100))).to_vec();
    let shared: Vec<Vec<_>> = parts(three, dec!(200), "2026-02-09").into_iter().map(|(_, p)| p).collect();
    assert_eq!(shared, [vec![(dec!(0), dec!(66.67))], vec![(dec!(0), dec!(66.67))], vec![(dec!(0), dec!(66.66))]]);
    // Thirty days late: A owes 1 000 € + 9,99 € of penalties, B 2 000 € + 19,97 €; 900 € shared
    // in proportion (299,9997… and 600,0002…, to the cent), each share to its penalties first.
    assert_eq!(
        parts(same(), dec!(900), "2026-03-11"),
        [("A".into(), vec![(dec!(9.99), dec!(290.01))]), ("B".into(), vec![(dec!(19.97), dec!(580.03))])]
    );
    // An older invoice date: that invoice first, in full, as before.
    let older = vec![
        invoice("A", "2026-01-09", "2026-02-09", dec!(1000)),
        invoice("B", "2026-01-10", "2026-02-09", dec!(2000)),
    ];
    assert_eq!(parts(older, dec!(900), "2026-02-09"), [("A".into(), vec![(dec!(0), dec!(900))]), ("B".into(), vec![])]);
}
