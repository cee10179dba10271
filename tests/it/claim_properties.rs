//! Properties of the décompte on generated cases: the columns add up, interest never
//! decreases as the date moves on, and nothing accrues on invoices paid by their due date.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use recouvre::case::model::{Case, Invoice};
use recouvre::claim::{self, Claim, RateTables};
use rust_decimal::Decimal;

use crate::claim_support::{b2b, credit, invoice, payment};

fn base_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).expect("date")
}

fn day(offset: u64) -> NaiveDate {
    base_date() + Days::new(offset)
}

fn cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

/// Invoices dated 2023-01-01 .. 2025-12-31, due 0 to 60 days later, 0,01 € to 100 000 €.
fn invoices() -> impl Strategy<Value = Vec<Invoice>> {
    prop::collection::vec((0u64..1095, 0u64..=60, 1i64..=10_000_000), 1..4).prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(|(i, (offset, term, gross))| {
                let date = day(offset).to_string();
                let due = (day(offset) + Days::new(term)).to_string();
                invoice(&format!("F{i}"), &date, &due, cents(gross))
            })
            .collect()
    })
}

fn compute(case: &Case, on: NaiveDate) -> Result<Claim, Vec<recouvre::diag::Diagnostic>> {
    claim::compute(case, &RateTables::embedded(), on)
}

/// Every total is the sum of its lines, every invoice total the sum of its parts.
fn assert_adds_up(claim: &Claim) {
    let t = &claim.totals;
    let mut interest = Decimal::ZERO;
    for inv in &claim.invoices {
        let segments: Decimal = inv.segments.iter().map(|s| s.amount).sum();
        assert_eq!(inv.interest_accrued, segments);
        let to_interest: Decimal = inv.payments.iter().map(|p| p.to_interest).sum();
        let to_principal: Decimal = inv.payments.iter().map(|p| p.to_principal).sum();
        let credits: Decimal = inv.credits.iter().map(|c| c.amount).sum();
        assert_eq!(inv.interest_paid, to_interest);
        assert_eq!(inv.interest_remaining, inv.interest_accrued - inv.interest_paid);
        assert_eq!(inv.principal_remaining, inv.gross - credits - to_principal);
        assert_eq!(inv.total, inv.principal_remaining + inv.interest_remaining + inv.indemnity);
        assert!(inv.principal_remaining >= Decimal::ZERO);
        assert!(inv.interest_remaining >= Decimal::ZERO);
        for s in &inv.segments {
            assert_eq!(s.amount.scale(), 2);
            assert!(s.days > 0);
        }
        interest += segments;
    }
    let sum = |f: fn(&recouvre::claim::InvoiceClaim) -> Decimal| -> Decimal { claim.invoices.iter().map(f).sum() };
    assert_eq!(t.interest_accrued, interest);
    assert_eq!(t.principal_remaining, sum(|i| i.principal_remaining));
    assert_eq!(t.interest_remaining, sum(|i| i.interest_remaining));
    assert_eq!(t.indemnities, sum(|i| i.indemnity));
    assert_eq!(t.total_due, sum(|i| i.total) + t.penalty_clause);
    assert_eq!(t.gross - t.credits - t.payments + t.interest_accrued + t.indemnities + t.penalty_clause, t.total_due);
}

proptest! {
    #[test]
    fn totals_are_sums_of_lines(
        invoices in invoices(),
        // Each payment a share (0,1 % to 40 %) of all invoices: mostly absorbed, sometimes too much.
        payments in prop::collection::vec((0u64..1200, 1i64..=400, any::<bool>()), 0..5),
        credit_cents in prop::option::of(1i64..=100_000),
        on_offset in 0u64..1277,
    ) {
        let on = day(on_offset);
        let mut case = b2b(invoices);
        let owed: Decimal = case.invoices.iter().map(|i| i.gross).sum();
        case.payments = payments
            .iter()
            .map(|&(offset, permille, named)| {
                let name = named.then_some("F0");
                let amount = (owed * Decimal::from(permille) / Decimal::from(1000)).round_dp(2);
                payment(&day(offset).to_string(), amount.max(cents(1)), name)
            })
            .collect();
        if let Some(c) = credit_cents {
            let inv = &case.invoices[0];
            let amount = cents(c).min(inv.gross);
            case.credit_notes = vec![credit("AV", "F0", &inv.date.to_string(), amount)];
        }
        match compute(&case, on) {
            Ok(claim) => {
                assert_adds_up(&claim);
                assert_eq!(claim.unimputed, Decimal::ZERO);
            }
            // Generated payments may exceed what is owed: only that error is acceptable.
            Err(errors) => prop_assert!(
                errors.iter().filter(|e| e.is_error()).all(|e| e.code == Some("R017")),
                "{errors:?}"
            ),
        }
    }

    #[test]
    fn interest_never_decreases_as_the_date_moves_later(
        invoices in invoices(),
        credit_cents in prop::option::of(1i64..=100_000),
        on_offset in 0u64..1200,
        later in 0u64..400,
    ) {
        let mut case = b2b(invoices);
        if let Some(c) = credit_cents {
            let inv = &case.invoices[0];
            let when = (inv.due + Days::new(10)).to_string();
            case.credit_notes = vec![credit("AV", "F0", &when, cents(c).min(inv.gross))];
        }
        let early = compute(&case, day(on_offset)).expect("no payment, known rates");
        let late = compute(&case, day(on_offset + later)).expect("no payment, known rates");
        // Every invoice, claimed or not yet due, in the case's order.
        let all = |c: &recouvre::claim::Claim| {
            let mut v: Vec<recouvre::claim::InvoiceClaim> = c.invoices.iter().chain(&c.upcoming).cloned().collect();
            v.sort_by(|a, b| a.number.cmp(&b.number));
            v
        };
        for (a, b) in all(&early).iter().zip(&all(&late)) {
            prop_assert!(a.interest_accrued <= b.interest_accrued, "{} > {}", a.interest_accrued, b.interest_accrued);
            prop_assert!(a.indemnity <= b.indemnity);
        }
        // A credit note dated between the two dates lowers the principal; without one, the
        // whole debt can only grow.
        if credit_cents.is_none() {
            prop_assert!(early.totals.total_due <= late.totals.total_due);
        }
    }

    #[test]
    fn nothing_accrues_when_everything_is_paid_by_the_due_date(
        invoices in invoices(),
        early in 0u64..=60,
        named in any::<bool>(),
        on_offset in 0u64..1277,
    ) {
        let mut case = b2b(invoices);
        case.payments = case
            .invoices
            .iter()
            .map(|inv| {
                // Paid between the invoice date and its due date (inclusive).
                let span = u64::try_from((inv.due - inv.date).num_days()).expect("due after date");
                let when = inv.due - Days::new(early.min(span));
                payment(&when.to_string(), inv.gross, named.then_some(inv.number.as_str()))
            })
            .collect();
        let on = day(on_offset).max(case.invoices.iter().map(|i| i.due).max().expect("invoices"));
        let claim = compute(&case, on).expect("paid exactly");
        prop_assert_eq!(claim.totals.interest_accrued, Decimal::ZERO);
        prop_assert_eq!(claim.totals.indemnities, Decimal::ZERO);
        prop_assert_eq!(claim.totals.total_due, Decimal::ZERO);
    }
}
