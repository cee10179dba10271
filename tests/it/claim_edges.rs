//! Edges of the décompte that no other test pinned (found by `cargo mutants`, README « Testing »):
//! each test fails when the rule it names is changed.

use crate::claim_support::{assert_identities, b2b, credit, d, invoice, payment};
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
