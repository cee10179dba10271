//! The décompte under a title, exact to the cent: each figure below is worked out by hand in the
//! comments (base × rate × days / 365, rounded half away from zero, line by line).

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;
use crate::case::enforcement::{EnforcementKind, GrantedInterest};

fn d(text: &str) -> NaiveDate {
    text.parse().expect("date")
}

fn granted(rate: GrantedRate, from: &str) -> Granted {
    Granted {
        principal: dec!(10000),
        interest: Some(GrantedInterest { rate, from: d(from), surcharge: true, surcharge_from: None }),
        penalties: Decimal::ZERO,
        indemnity: dec!(40),
        penalty_clause: Decimal::ZERO,
        article_700: dec!(500),
        costs: dec!(35.21),
    }
}

fn attachment(date: &str, cost: Decimal, recovered: Option<(&str, Decimal)>) -> EnforcementAct {
    EnforcementAct {
        kind: EnforcementKind::Attachment,
        date: d(date),
        third_party: Some("Banque Alpine".into()),
        cost,
        recovered: recovered.map(|(day, amount)| (d(day), amount)),
        file: None,
        field: "procedure.ordonnance.execution[0]".into(),
    }
}

fn payment(date: &str, amount: Decimal) -> Payment {
    Payment {
        date: d(date),
        amount,
        method: None,
        invoice: None,
        reference: None,
        payer_account: None,
        field: "paiements[0]".into(),
    }
}

fn run(
    granted: &Granted,
    acts: &[EnforcementAct],
    payments: &[Payment],
    surcharge: Option<&str>,
    on: &str,
) -> TitleClaim {
    let inputs = TitleInputs {
        granted,
        order_date: d("2025-11-12"),
        acts,
        payments,
        category: LegalRateCategory::Autre,
        surcharge_from: surcharge.map(d),
    };
    compute(&inputs, &RateTables::embedded(), d(on)).expect("rates known")
}

#[test]
fn legal_rate_by_half_year_then_five_points_more() {
    let g = granted(GrantedRate::Legal, "2025-11-13");
    let claim = run(&g, &[], &[], Some("2026-03-07"), "2026-06-15");
    let lines: Vec<(i64, Decimal, Decimal)> = claim.segments.iter().map(|s| (s.days, s.rate, s.amount)).collect();
    assert_eq!(
        lines,
        vec![
            // 13 Nov – 31 Dec 2025: 49 days at 2,76 % (2nd half 2025): 10 000 × 2,76 % × 49 / 365 = 37,052 → 37,05.
            (49, dec!(2.76), dec!(37.05)),
            // 1 Jan – 6 Mar 2026: 65 days at 2,62 %: 46,657 → 46,66.
            (65, dec!(2.62), dec!(46.66)),
            // From 7 Mar 2026, + 5 points: 101 days at 7,62 %: 210,854 → 210,85.
            (101, dec!(7.62), dec!(210.85)),
        ]
    );
    assert!(claim.surcharged(&claim.segments[2]) && !claim.surcharged(&claim.segments[1]));
    assert!(
        claim.segments[2].rate_source.ends_with("majoré de 5 points (L. 313-3 CMF)"),
        "{}",
        claim.segments[2].rate_source
    );
    assert_eq!(claim.totals.interest, dec!(294.56));
    // 10 000 + 40 + 500 + 35,21 + 294,56.
    assert_eq!(claim.totals.total_due, dec!(10869.77));
}

#[test]
fn proceeds_and_a_partial_payment_go_to_costs_then_interest_then_principal() {
    let g = granted(GrantedRate::Legal, "2025-11-13");
    let acts = [attachment("2026-02-10", dec!(120), Some(("2026-03-20", dec!(3000))))];
    let payments = [payment("2025-10-01", dec!(999)), payment("2026-04-30", dec!(1000))];
    let claim = run(&g, &acts, &payments, Some("2026-03-07"), "2026-06-15");
    // The payment before the ordonnance is the judge's business, not the title's.
    assert_eq!(claim.receipts.len(), 2);
    assert_eq!(claim.costs.len(), 1);
    assert_eq!(claim.costs[0].amount, dec!(120));
    // 20 Mar: interest 37,05 + 46,66 + 14 days at 7,62 % (29,23) = 112,94; costs 35,21 + 120.
    let r = &claim.receipts[0];
    assert_eq!(
        (r.to_costs, r.to_interest, r.to_principal, r.to_other),
        (dec!(155.21), dec!(112.94), dec!(2731.85), dec!(0))
    );
    // 30 Apr: 41 days at 7,62 % on 7 268,15 = 62,21; the rest, 937,79, to principal → 6 330,36.
    let r = &claim.receipts[1];
    assert_eq!((r.to_costs, r.to_interest, r.to_principal), (dec!(0), dec!(62.21), dec!(937.79)));
    // 15 Jun: 46 days at 7,62 % on 6 330,36 = 60,79.
    assert_eq!(claim.segments.last().map(|s| (s.base, s.days, s.amount)), Some((dec!(6330.36), 46, dec!(60.79))));
    let t = &claim.totals;
    assert_eq!(t.interest, dec!(235.94));
    assert_eq!(
        (t.principal_remaining, t.interest_remaining, t.costs_remaining, t.other_remaining),
        (dec!(6330.36), dec!(60.79), dec!(0), dec!(540))
    );
    assert_eq!(t.total_due, dec!(6931.15));
    // Line by line: what was granted and charged, less what was received.
    assert_eq!(t.principal + t.other + t.granted_costs + t.enforcement_costs + t.interest - t.received, t.total_due);
}

/// The ordonnance is dated 12 November 2025 (`run`): a payment that day is the judge's business,
/// the next day's is received under the title, and two on the same day in the order of the file.
#[test]
fn payments_from_the_day_after_the_ordonnance_are_received_in_file_order() {
    let g = granted(GrantedRate::Legal, "2025-11-13");
    let payments = [payment("2025-11-12", dec!(70)), payment("2025-11-13", dec!(30)), payment("2025-11-13", dec!(20))];
    let claim = run(&g, &[], &payments, None, "2025-11-30");
    let received: Vec<(NaiveDate, Decimal, Decimal)> =
        claim.receipts.iter().map(|r| (r.date, r.amount, r.to_costs)).collect();
    // The first pays 30 of the 35,21 € of costs, the second the other 5,21.
    assert_eq!(received, vec![(d("2025-11-13"), dec!(30), dec!(30)), (d("2025-11-13"), dec!(20), dec!(5.21))]);
}

/// Sums received the same day are taken in the order of the file, the proceeds of the enforcement
/// acts (in their order) before the debtor's payments: that order says what each one paid.
#[test]
fn same_day_proceeds_come_before_the_payments_in_file_order() {
    let g = granted(GrantedRate::Legal, "2025-11-13");
    let acts = [
        attachment("2026-02-10", dec!(0), Some(("2026-03-20", dec!(100)))),
        attachment("2026-02-11", dec!(0), Some(("2026-03-20", dec!(200)))),
    ];
    let claim = run(&g, &acts, &[payment("2026-03-20", dec!(50))], None, "2026-03-31");
    let received: Vec<(&str, Decimal)> = claim.receipts.iter().map(|r| (r.label.as_str(), r.amount)).collect();
    assert_eq!(
        received,
        vec![
            ("fonds reçus de la saisie-attribution du 10 février 2026 (Banque Alpine)", dec!(100)),
            ("fonds reçus de la saisie-attribution du 11 février 2026 (Banque Alpine)", dec!(200)),
            ("paiement du débiteur", dec!(50)),
        ]
    );
    // The first pays the 35,21 € of costs, then interest; the payment comes last.
    assert_eq!(claim.receipts[0].to_costs, dec!(35.21));
    assert_eq!(claim.receipts[2].to_costs, dec!(0));
}

#[test]
fn a_fixed_or_ecb_rate_is_never_surcharged() {
    let g = granted(GrantedRate::Fixed(dec!(10)), "2026-01-01");
    let claim = run(&g, &[], &[], Some("2026-03-07"), "2026-03-31");
    // 1 Jan – 31 Mar 2026: 90 days at 10 %: 246,575 → 246,58, one line.
    assert_eq!(claim.segments.iter().map(|s| (s.days, s.amount)).collect::<Vec<_>>(), vec![(90, dec!(246.58))]);
    assert_eq!(claim.surcharge_from, None);
    let g = granted(GrantedRate::EcbPlusTen, "2025-12-01");
    let claim = run(&g, &[], &[], Some("2026-03-07"), "2026-01-31");
    // ECB 2,15 % + 10 points in both halves: 31 days (Dec) then 31 days (Jan) at 12,15 % = 103,19 each.
    assert_eq!(
        claim.segments.iter().map(|s| (s.rate, s.amount)).collect::<Vec<_>>(),
        vec![(dec!(12.15), dec!(103.19)), (dec!(12.15), dec!(103.19))]
    );
}

#[test]
fn the_surcharge_is_set_aside_when_the_judge_said_so() {
    let mut g = granted(GrantedRate::Legal, "2026-01-01");
    if let Some(i) = g.interest.as_mut() {
        i.surcharge = false;
    }
    let claim = run(&g, &[], &[], Some("2026-03-07"), "2026-06-30");
    assert!(claim.segments.iter().all(|s| !claim.surcharged(s) && s.rate == dec!(2.62)));
    // A date written in the case replaces the derived one.
    let mut g = granted(GrantedRate::Legal, "2026-01-01");
    if let Some(i) = g.interest.as_mut() {
        i.surcharge_from = Some(d("2026-06-01"));
    }
    let claim = run(&g, &[], &[], Some("2026-03-07"), "2026-06-30");
    assert_eq!(claim.surcharge_from, Some(d("2026-06-01")));
    assert_eq!(claim.segments.iter().map(|s| s.days).collect::<Vec<_>>(), vec![151, 30]);
}

#[test]
fn an_unknown_half_year_is_an_error_not_a_guess() {
    let g = granted(GrantedRate::Legal, "2026-06-01");
    let inputs = TitleInputs {
        granted: &g,
        order_date: d("2026-05-01"),
        acts: &[],
        payments: &[],
        category: LegalRateCategory::Autre,
        surcharge_from: None,
    };
    let errors = compute(&inputs, &RateTables::embedded(), d("2026-07-31"))
        .expect_err("the legal rate of the 2nd half of 2026 is not in the tables");
    assert!(errors.iter().any(|e| e.code == Some("R031")), "{errors:?}");
}

fn money() -> impl Strategy<Value = Decimal> {
    (0i64..2_000_000).prop_map(|c| Decimal::new(c, 2))
}

proptest! {
    /// Whatever is received and whenever: every receipt splits exactly, nothing goes negative, and
    /// the total due is what was granted and charged plus interest, less what was applied.
    #[test]
    fn the_title_decompte_reconciles(
        principal in money(),
        costs in money(),
        events in prop::collection::vec((0u64..400, money(), money(), any::<bool>()), 0..6),
        surcharge_day in 0u64..400,
        on_day in 0u64..420,
    ) {
        let start = d("2025-01-01");
        let mut g = granted(GrantedRate::Legal, "2025-01-01");
        g.principal = principal;
        g.costs = costs;
        let acts: Vec<EnforcementAct> = events.iter().filter(|e| e.3).map(|(day, cost, got, _)| {
            let date = start + chrono::Days::new(*day);
            EnforcementAct { kind: EnforcementKind::Attachment, date, third_party: None, cost: *cost,
                recovered: Some((date, *got)), file: None, field: String::new() }
        }).collect();
        let payments: Vec<Payment> = events.iter().filter(|e| !e.3).map(|(day, _, got, _)| Payment {
            date: start + chrono::Days::new(*day), amount: *got, method: None, invoice: None, reference: None,
            payer_account: None, field: String::new() }).collect();
        let inputs = TitleInputs { granted: &g, order_date: d("2024-12-31"), acts: &acts, payments: &payments,
            category: LegalRateCategory::Autre, surcharge_from: Some(start + chrono::Days::new(surcharge_day)) };
        let claim = compute(&inputs, &RateTables::embedded(), start + chrono::Days::new(on_day)).expect("rates 2025–2026 known");
        let t = &claim.totals;
        for r in &claim.receipts {
            prop_assert_eq!(r.to_costs + r.to_interest + r.to_principal + r.to_other + r.unapplied, r.amount);
            prop_assert!(r.to_costs >= Decimal::ZERO && r.to_interest >= Decimal::ZERO && r.to_principal >= Decimal::ZERO);
        }
        prop_assert!(t.principal_remaining >= Decimal::ZERO && t.interest_remaining >= Decimal::ZERO);
        prop_assert_eq!(t.interest, claim.segments.iter().map(|s| s.amount).sum::<Decimal>());
        prop_assert_eq!(
            t.principal + t.other + t.granted_costs + t.enforcement_costs + t.interest - (t.received - t.unapplied),
            t.total_due
        );
        // Segments follow each other without gap or overlap, and the surcharge only after its day.
        for w in claim.segments.windows(2) {
            prop_assert!(w[0].to <= w[1].from);
        }
        for s in &claim.segments {
            let surcharged = s.rate_source.ends_with("majoré de 5 points (L. 313-3 CMF)");
            prop_assert_eq!(surcharged, s.first_day() >= start + chrono::Days::new(surcharge_day));
            prop_assert_eq!(surcharged, claim.surcharged(s));
        }
    }
}
