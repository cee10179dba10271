//! The segments of the décompte on generated cases, under every regime (professional at ECB + 10,
//! professional at a contract rate, consumer at the legal rate, consumer at a contract rate, with
//! or without a penalty clause): contiguous from the day interest starts, cut at each half-year
//! end and at each payment or credit that lowers the base, each at the table rate of its
//! half-year, each amount round(base × rate × days / 365) on the principal then outstanding.

use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;
use recouvre::case::model::{Case, Invoice, PartyKind, PenaltyClause};
use recouvre::claim::{self, Claim, InvoiceClaim, LegalRateCategory, RateTables, Regime};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::claim_support::{b2b, b2c, credit, invoice, notice, payment};

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).expect("date") + Days::new(offset)
}

fn cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

/// The regimes a case can be under, as generated.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Professional,
    ProfessionalContract,
    ConsumerLegal { private_creditor: bool },
    ConsumerContract,
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        Just(Kind::Professional),
        Just(Kind::ProfessionalContract),
        any::<bool>().prop_map(|private_creditor| Kind::ConsumerLegal { private_creditor }),
        Just(Kind::ConsumerContract),
    ]
}

/// Invoices dated 2023-01-01 .. 2025-06-30, due 0 to 60 days later, 0,01 € to 100 000 €.
fn invoices() -> impl Strategy<Value = Vec<Invoice>> {
    prop::collection::vec((0u64..912, 0u64..=60, 1i64..=10_000_000), 1..4).prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(|(i, (offset, term, gross))| {
                invoice(&format!("F{i}"), &day(offset).to_string(), &day(offset + term).to_string(), cents(gross))
            })
            .collect()
    })
}

fn case_of(kind: Kind, invoices: Vec<Invoice>, contract_rate: Decimal, notice_offset: u64) -> Case {
    let mut case = match kind {
        Kind::Professional | Kind::ProfessionalContract => b2b(invoices),
        Kind::ConsumerLegal { private_creditor } => b2c(invoices, private_creditor),
        Kind::ConsumerContract => b2c(invoices, false),
    };
    if matches!(kind, Kind::ProfessionalContract | Kind::ConsumerContract) {
        case.terms.penalty_rate = Some(contract_rate);
    }
    let sent = day(notice_offset);
    case.formal_notice = Some(notice(&sent.to_string(), Some(&(sent + Days::new(2)).to_string())));
    case
}

/// The annual rate the tables give for the half-year starting at `start`, under the claim's regime.
fn table_rate(claim: &Claim, tables: &RateTables, start: NaiveDate) -> Decimal {
    match claim.regime {
        Regime::ProfessionalLegalRate => {
            tables.ecb_rate_for_half_year(start).expect("ECB rate of the half-year") + Decimal::TEN
        }
        Regime::ProfessionalContractRate { rate } | Regime::ConsumerContractRate { rate } => rate,
        Regime::ConsumerLegalInterest { category, .. } => tables.legal_rate(start, category).expect("legal rate"),
    }
}

fn half_year_start(date: NaiveDate) -> NaiveDate {
    let month = if date.month() <= 6 { 1 } else { 7 };
    NaiveDate::from_ymd_opt(date.year(), month, 1).expect("date")
}

fn is_half_year_end(date: NaiveDate) -> bool {
    (date.month(), date.day()) == (6, 30) || (date.month(), date.day()) == (12, 31)
}

/// The principal of `inv` still due at the end of `date`: its amount less the credits and the
/// parts of payments applied to principal on or before that day.
fn principal_at(inv: &InvoiceClaim, date: NaiveDate) -> Decimal {
    let credits: Decimal = inv.credits.iter().filter(|c| c.date <= date).map(|c| c.amount).sum();
    let paid: Decimal = inv.payments.iter().filter(|p| p.date <= date).map(|p| p.to_principal).sum();
    inv.gross - credits - paid
}

fn assert_segments(case: &Case, claim: &Claim, tables: &RateTables) {
    for inv in &claim.invoices {
        let source = case.invoices.iter().find(|i| i.number == inv.number).expect("invoice of the case");
        let start = match claim.regime {
            // Only the invoices due before the day the mise en demeure was sent: it could not
            // claim the others, which bear no interest before another demand (art. 1344 C. civ.).
            Regime::ConsumerLegalInterest { from, .. } => {
                let sent = case.formal_notice.as_ref().map(|m| m.sent);
                from.filter(|_| sent.is_none_or(|sent| source.due < sent)).map(|f| f.max(source.due))
            }
            _ => Some(source.due),
        };
        let Some(first) = inv.segments.first() else {
            // No interest at all: nothing owed after the start, or the start is not passed.
            let start = start.unwrap_or(claim.computed_on);
            assert!(
                start >= claim.computed_on || principal_at(inv, start) == Decimal::ZERO,
                "{}: no segment although {} € due after {start}",
                inv.number,
                principal_at(inv, start)
            );
            continue;
        };
        assert_eq!(Some(first.from), start, "{}: interest starts the day after the due date or notice", inv.number);
        let last = inv.segments.last().expect("segments");
        if inv.principal_remaining > Decimal::ZERO {
            assert_eq!(last.to, claim.computed_on, "{}: interest runs to the date of the décompte", inv.number);
        }
        for pair in inv.segments.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert_eq!(a.to, b.from, "{}: segments contiguous", inv.number);
            // A payment applied to this invoice closes the interest accrued so far, even when it
            // pays interest only; a credit lowers the base.
            let event = inv.payments.iter().any(|p| p.date == a.to) || inv.credits.iter().any(|c| c.date == a.to);
            assert!(is_half_year_end(a.to) || event, "{}: cut on {} for no reason: {inv:#?}", inv.number, a.to);
        }
        // Every half-year end and every change of base inside the period is a cut.
        let cuts: Vec<NaiveDate> = inv.segments.iter().map(|s| s.to).collect();
        let mut date = first.from;
        while date < last.to {
            let base_changes = principal_at(inv, date) != principal_at(inv, date.pred_opt().expect("date"));
            if date > first.from && (is_half_year_end(date) || base_changes) && principal_at(inv, date) > Decimal::ZERO
            {
                assert!(cuts.contains(&date), "{}: no cut on {date}: {:#?}", inv.number, inv.segments);
            }
            date = date.succ_opt().expect("date");
        }
        for s in &inv.segments {
            let inside = s.from.succ_opt().expect("date");
            assert_eq!(half_year_start(inside), half_year_start(s.to), "{}: one half-year per segment", inv.number);
            assert_eq!(s.days, (s.to - s.from).num_days());
            assert!(s.days > 0);
            assert_eq!(s.base, principal_at(inv, s.from), "{}: base = principal due on {}", inv.number, s.from);
            assert_eq!(s.rate, table_rate(claim, tables, half_year_start(inside)), "{}: rate of {}", inv.number, s.to);
            let exact = s.base * s.rate * Decimal::from(s.days) / Decimal::from(36_500);
            let expected = exact.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            assert_eq!(s.amount, expected, "{}: {} × {} % × {} / 365", inv.number, s.base, s.rate, s.days);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn segments_follow_half_years_payments_and_the_rate_tables(
        kind in kind(),
        invoices in invoices(),
        contract_rate_bp in 1i64..=2_500,
        notice_offset in 0u64..1000,
        payments in prop::collection::vec((0u64..1250, 1i64..=300, any::<bool>()), 0..4),
        credit_note in prop::option::of((0u64..200, 1i64..=100_000)),
        clause in prop::option::of((any::<bool>(), 1i64..=2_000)),
        on_offset in 0u64..1276,
    ) {
        let tables = RateTables::embedded();
        let mut case = case_of(kind, invoices, Decimal::new(contract_rate_bp, 2), notice_offset);
        let owed: Decimal = case.invoices.iter().map(|i| i.gross).sum();
        case.payments = payments
            .iter()
            .map(|&(offset, permille, named)| {
                let amount = (owed * Decimal::from(permille) / Decimal::from(1000)).round_dp(2).max(cents(1));
                payment(&day(offset).to_string(), amount, named.then_some("F0"))
            })
            .collect();
        if let Some((after, c)) = credit_note {
            let inv = &case.invoices[0];
            let when = (inv.date + Days::new(after)).to_string();
            case.credit_notes = vec![credit("AV", "F0", &when, cents(c).min(inv.gross))];
        }
        case.terms.penalty_clause = clause.map(|(percent, value)| {
            if percent { PenaltyClause::Percent(Decimal::new(value, 2)) } else { PenaltyClause::Amount(cents(value * 10)) }
        });
        let on = day(on_offset);
        match claim::compute(&case, &tables, on) {
            Ok(claim) => {
                let expected_regime = match kind {
                    Kind::Professional => matches!(claim.regime, Regime::ProfessionalLegalRate),
                    Kind::ProfessionalContract => matches!(claim.regime, Regime::ProfessionalContractRate { .. }),
                    Kind::ConsumerLegal { private_creditor } => matches!(
                        claim.regime,
                        Regime::ConsumerLegalInterest { category, .. }
                            if (category == LegalRateCategory::Particulier) == private_creditor
                    ),
                    Kind::ConsumerContract => matches!(claim.regime, Regime::ConsumerContractRate { .. }),
                };
                prop_assert!(expected_regime, "{kind:?} gave {:?}", claim.regime);
                assert_segments(&case, &claim, &tables);
                let consumer = matches!(kind, Kind::ConsumerLegal { .. } | Kind::ConsumerContract);
                let late = claim.invoices.iter().filter(|i| i.due < on).count();
                let count = claim.totals.indemnity_count;
                prop_assert!(if consumer { count == 0 } else { count <= late }, "{count} indemnities, {late} late");
                prop_assert_eq!(claim.totals.indemnities, Decimal::from(40 * count));
                let clause = match case.terms.penalty_clause {
                    Some(PenaltyClause::Percent(p)) => (claim.totals.principal_remaining * p / Decimal::ONE_HUNDRED)
                        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
                    Some(PenaltyClause::Amount(a)) => a,
                    None => Decimal::ZERO,
                };
                prop_assert_eq!(claim.totals.penalty_clause, clause);
            }
            // Generated payments may exceed what is owed: only that error is acceptable.
            Err(errors) => prop_assert!(
                errors.iter().filter(|e| e.is_error()).all(|e| e.code == Some("R017")),
                "{errors:?}"
            ),
        }
    }
}

#[test]
fn a_consumer_without_notice_owes_no_interest() {
    let mut case = b2c(vec![invoice("F0", "2025-01-10", "2025-02-10", cents(100_000))], false);
    case.formal_notice = None;
    let claim = claim::compute(&case, &RateTables::embedded(), day(1000)).expect("computes");
    assert!(claim.invoices[0].segments.is_empty(), "{:#?}", claim.invoices[0].segments);
    assert_eq!(claim.totals.total_due, cents(100_000));
    assert_eq!(case.debtor.kind, PartyKind::Individual);
}
