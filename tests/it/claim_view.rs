//! The décompte as data (`recouvre decompte --format json`, and what every document shows): the
//! fields the representative snapshot (`claim_decompte`, one professional case with payments to
//! interest) cannot tell apart — found by `cargo mutants` (issue #18).

use crate::claim_support::{b2b, b2c, d, invoice, notice, payment};
use recouvre::case::model::Case;
use recouvre::claim::{self, RateTables};
use rust_decimal_macros::dec;
use serde_json::{Value, json};

fn decompte(case: &Case, on: &str) -> Value {
    let claim = claim::compute(case, &RateTables::embedded(), d(on)).expect("décompte");
    claim::to_json(case, &claim)
}

/// `imputes_sur_interets` says whether a part of the payments went to interest (then `regle` is
/// less than credits + payments); an invoice without any interest line has no line numbers, and
/// the next invoice's lines are numbered from 1.
#[test]
fn payments_to_interest_and_line_numbers() {
    let invoices = || {
        vec![
            invoice("F1", "2025-03-01", "2025-03-31", dec!(1000)),
            invoice("F2", "2025-04-01", "2025-04-30", dec!(800)),
        ]
    };
    // Paid before its due date: all to principal, no interest line on F1.
    let mut before_due = b2b(invoices());
    before_due.payments = vec![payment("2025-03-15", dec!(1000), Some("F1"))];
    let json = decompte(&before_due, "2025-06-30");
    assert_eq!(json["totaux"]["regle"], json!("1000.00"));
    assert_eq!(json["totaux"]["imputes_sur_interets"], json!(false));
    assert_eq!(json["factures"][0]["lignes"], Value::Null);
    assert_eq!(json["factures"][1]["lignes"], json!([1, 1]));
    // Nothing paid at all: nothing went to interest either.
    assert_eq!(decompte(&b2b(invoices()), "2025-06-30")["totaux"]["imputes_sur_interets"], json!(false));
    // Paid 30 days late, no credit note: 10,81 € of penalties were paid first (1 000 × 13,15 % × 30 / 365).
    let mut late = b2b(invoices());
    late.payments = vec![payment("2025-04-30", dec!(500), Some("F1"))];
    let json = decompte(&late, "2025-06-30");
    assert_eq!(json["totaux"]["regle"], json!("489.19"));
    assert_eq!(json["totaux"]["imputes_sur_interets"], json!(true));
}

/// The regime as the JSON gives it: the legal rate's category and the mise en demeure it runs
/// from (null when there is none, the key still there), the contract rate in its three forms.
#[test]
fn regime_category_start_and_contract_rate() {
    let invoices = || vec![invoice("F1", "2025-11-15", "2025-12-15", dec!(1500))];
    let mut consumer = b2c(invoices(), true);
    consumer.formal_notice = Some(notice("2026-01-10", Some("2026-01-14")));
    let regime = decompte(&consumer, "2026-03-31")["regime"].clone();
    assert_eq!(regime["type"], json!("consommateur_interet_legal"));
    assert_eq!(regime["categorie"], json!("particulier"));
    assert_eq!(regime["depuis"], json!("2026-01-14"));
    let regime = decompte(&b2c(invoices(), false), "2026-03-31")["regime"].clone();
    assert_eq!(regime["categorie"], json!("autre"));
    assert_eq!(regime.get("depuis"), Some(&Value::Null), "{regime}");

    let mut contract = b2b(invoices());
    contract.terms.penalty_rate = Some(dec!(12.5));
    let json = decompte(&contract, "2026-03-31");
    assert_eq!(json["regime"]["taux"], json!("12.50"));
    assert_eq!(json["taux_contractuel"], json!("12.5"));
    assert_eq!(json["taux_contractuel_en"], json!("12.5%"));
    let legal = decompte(&b2b(invoices()), "2026-03-31");
    assert_eq!((&legal["taux_contractuel"], &legal["taux_contractuel_en"]), (&Value::Null, &Value::Null));
}

/// A letter lists 12 invoices and sums up the others in one row (`autres`): their count as
/// printed, and what was paid on them (`regle`, the « Réglé » column), here 300 € on the 13th.
#[test]
fn a_letter_sums_up_the_invoices_after_the_twelfth() {
    let mut invoices: Vec<_> =
        (1..=13).map(|n| invoice(&format!("F{n:02}"), "2025-03-01", "2025-03-31", dec!(1000))).collect();
    invoices[12].gross = dec!(500);
    let mut case = b2b(invoices);
    case.payments = vec![payment("2025-03-15", dec!(300), Some("F13"))];
    let claim = claim::compute(&case, &RateTables::embedded(), d("2025-06-30")).expect("décompte");
    let letter = serde_json::to_value(claim::DecompteView::for_letter(&case, &claim)).expect("JSON");
    assert_eq!(letter["factures"].as_array().map(Vec::len), Some(12));
    let others = &letter["autres"];
    assert_eq!((&others["nombre"], &others["nombre_texte"]), (&json!(1), &json!("1")), "{others}");
    assert_eq!((&others["montant_ttc"], &others["regle"]), (&json!("500.00"), &json!("300.00")), "{others}");
    assert_eq!(others["principal_restant"], json!("200.00"));
}

/// A payment spread over invoices lists them in the order of imputation (`repartitions`, art.
/// 1342-10 C. civ.): here neither is due yet when it is paid, so the earlier due date first,
/// whatever the order of the file.
#[test]
fn a_spread_payment_lists_its_invoices_by_due_date() {
    let f1 = || invoice("F1", "2025-03-01", "2025-04-30", dec!(1000));
    let f2 = || invoice("F2", "2025-03-15", "2025-05-31", dec!(1000));
    for invoices in [vec![f1(), f2()], vec![f2(), f1()]] {
        let mut case = b2b(invoices);
        case.payments = vec![payment("2025-03-31", dec!(1500), None)];
        let json = decompte(&case, "2025-06-30");
        let parts: Vec<(&Value, &Value)> = json["repartitions"][0]["parts"]
            .as_array()
            .expect("one spread payment")
            .iter()
            .map(|p| (&p["facture"], &p["principal"]))
            .collect();
        assert_eq!(parts, [(&json!("F1"), &json!("1000.00")), (&json!("F2"), &json!("500.00"))], "{json}");
    }
}

/// Two invoices due on the very day of a payment spread over them: the older invoice first,
/// whatever the order of the file.
#[test]
fn a_spread_payment_over_invoices_due_that_day_lists_the_older_first() {
    let f1 = || invoice("F1", "2025-03-01", "2025-03-31", dec!(1000));
    let f2 = || invoice("F2", "2025-03-15", "2025-03-31", dec!(1000));
    for invoices in [vec![f1(), f2()], vec![f2(), f1()]] {
        let mut case = b2b(invoices);
        case.payments = vec![payment("2025-03-31", dec!(1500), None)];
        let json = decompte(&case, "2025-06-30");
        let order: Vec<&Value> = json["repartitions"][0]["parts"]
            .as_array()
            .expect("one spread payment")
            .iter()
            .map(|p| &p["facture"])
            .collect();
        assert_eq!(order, [&json!("F1"), &json!("F2")], "{json}");
    }
}

/// A payment the law shares between equally old invoices (same due date and date) says so
/// (`au_prorata`, art. 1342-10 al. 2 C. civ.); one that went to the older first does not.
#[test]
fn a_payment_shared_between_equally_old_invoices_is_flagged() {
    let shared = |second_date: &str| {
        let mut case = b2b(vec![
            invoice("A", "2026-01-10", "2026-02-09", dec!(1000)),
            invoice("B", second_date, "2026-02-09", dec!(2000)),
        ]);
        case.payments = vec![payment("2026-02-09", dec!(900), None)];
        decompte(&case, "2026-06-30")["repartitions"].clone()
    };
    let equal = shared("2026-01-10");
    assert_eq!(equal[0]["au_prorata"], true, "{equal}");
    assert_eq!(
        (&equal[0]["parts"][0]["principal"], &equal[0]["parts"][1]["principal"]),
        (&json!("300.00"), &json!("600.00"))
    );
    // B is younger: A alone takes the payment, no table of split payments at all.
    assert_eq!(shared("2026-01-11"), json!([]));
}
