//! The décompte itself: credit notes and payments replayed in date order across all invoices
//! (a payment's imputation needs each invoice's interest up to its date), then interest up to
//! the date of the décompte, indemnities, clause pénale and totals.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::conventions::{self, Context};
use super::imputation::{self, Ledger};
use super::rates::RateTables;
use super::regime::{self, RatePlan};
use super::rounding;
use super::{Claim, InvoiceClaim, Totals};
use crate::case::model::{Case, CreditEffect, CreditNote, Payment, PenaltyClause};
use crate::case::path::join;
use crate::diag::Diagnostic;
use crate::format::{date_fr, euros};
use crate::rules;

/// The 40 € indemnité forfaitaire pour frais de recouvrement (art. D. 441-5 C. com.).
pub const FLAT_INDEMNITY: Decimal = Decimal::from_parts(40, 0, 0, false, 0);

enum Event<'c> {
    Credit(&'c CreditNote),
    Payment(&'c Payment),
}

/// Computes the décompte of `case` at `on` (which replaces `case.computed_on`).
///
/// Fails when a rate the computation needs is unknown (R031) or when payments or credit notes
/// exceed what was owed (R017); the error list then also carries the warnings. On success,
/// warnings (contract rate below the floor, unchecked ECB period, unknown receipt date) are in
/// `claim.warnings`. Payments and credit notes dated after `on` are left out.
pub fn compute(case: &Case, rates: &RateTables, on: NaiveDate) -> Result<Claim, Vec<Diagnostic>> {
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let regime = regime::regime_of(case, &mut warnings);
    let mut plan = RatePlan::new(&regime, rates);
    let notice = case.formal_notice.as_ref();
    let mut ledgers: Vec<Ledger<'_>> =
        case.invoices.iter().map(|inv| Ledger::new(inv, regime::interest_start(&regime, inv, notice))).collect();

    // Same day: credit notes before payments (a payment pays what the credit note left), then
    // in the order of the case file. A credit note dated back to its invoice comes before
    // everything: the invoice was never owed for its amount. What is dated after `on` did not
    // exist yet and is left out.
    let mut events: Vec<(NaiveDate, u8, usize, Event<'_>)> = Vec::new();
    events.extend(case.credit_notes.iter().enumerate().filter(|(_, c)| c.date <= on).map(|(i, c)| {
        let replayed_on = if c.effect == CreditEffect::FromInvoice { NaiveDate::MIN } else { c.date };
        (replayed_on, 0, i, Event::Credit(c))
    }));
    events.extend(
        case.payments.iter().enumerate().filter(|(_, p)| p.date <= on).map(|(i, p)| (p.date, 1, i, Event::Payment(p))),
    );
    let ignored = case.credit_notes.len() + case.payments.len() - events.len();
    events.sort_by_key(|(date, rank, index, _)| (*date, *rank, *index));

    let mut unimputed = Decimal::ZERO;
    for (_, _, index, event) in &events {
        match event {
            Event::Credit(note) => {
                // An unknown invoice is reported by the check stage (R014).
                let Some(ledger) = ledgers.iter_mut().find(|l| l.invoice.number == note.invoice) else {
                    continue;
                };
                let excess = ledger.credit(note, &mut plan);
                if excess > Decimal::ZERO {
                    unimputed += excess;
                    errors.push(credit_excess(note, excess));
                }
            }
            Event::Payment(payment) => {
                let rest = imputation::impute(&mut ledgers, (*index, payment), &mut plan);
                if rest > Decimal::ZERO {
                    unimputed += rest;
                    errors.push(payment_excess(payment, rest));
                }
            }
        }
    }
    for ledger in &mut ledgers {
        ledger.accrue(on, &mut plan);
    }

    let indemnity_owed = case.debtor.is_professional() && case.terms.flat_indemnity;
    // Only what is due at `on` is claimed; the others are kept apart (« à échoir »).
    let (invoices, upcoming): (Vec<InvoiceClaim>, Vec<InvoiceClaim>) =
        ledgers.into_iter().map(|l| invoice_claim(l, indemnity_owed, on)).partition(|i| super::is_due(i.due, on));
    let totals = totals(&invoices, case.terms.penalty_clause);
    let (rate_errors, rate_warnings) = plan.finish();
    warnings.extend(rate_warnings);
    if !rate_errors.is_empty() || !errors.is_empty() {
        let mut all = rate_errors;
        all.extend(errors);
        all.extend(warnings);
        return Err(all);
    }
    let conventions = conventions::sentences(&Context { case, regime: &regime, on, ignored });
    Ok(Claim { computed_on: on, regime, invoices, upcoming, totals, unimputed, conventions, warnings, title: None })
}

fn invoice_claim(ledger: Ledger<'_>, indemnity_owed: bool, on: NaiveDate) -> InvoiceClaim {
    let inv = ledger.invoice;
    let interest_accrued: Decimal = ledger.segments.iter().map(|s| s.amount).sum();
    let interest_paid: Decimal = ledger.payments.iter().map(|p| p.to_interest).sum();
    // Late: principal not fully settled by the end of the due date, and the due date passed.
    let settled_by_due: Decimal = ledger
        .credits
        .iter()
        .filter(|c| c.date <= inv.due || c.from_invoice)
        .map(|c| c.amount)
        .chain(ledger.payments.iter().filter(|p| p.date <= inv.due).map(|p| p.to_principal))
        .sum();
    let late = on > inv.due && settled_by_due < inv.gross;
    let indemnity = if indemnity_owed && late { FLAT_INDEMNITY } else { Decimal::ZERO };
    let interest_remaining = interest_accrued - interest_paid;
    InvoiceClaim {
        number: inv.number.clone(),
        date: inv.date,
        due: inv.due,
        gross: inv.gross,
        total: ledger.principal + interest_remaining + indemnity,
        principal_remaining: ledger.principal,
        credits: ledger.credits,
        payments: ledger.payments,
        segments: ledger.segments,
        interest_accrued,
        interest_paid,
        interest_remaining,
        indemnity,
    }
}

fn totals(invoices: &[InvoiceClaim], clause: Option<PenaltyClause>) -> Totals {
    let sum = |f: fn(&InvoiceClaim) -> Decimal| invoices.iter().map(f).sum::<Decimal>();
    let principal_remaining = sum(|i| i.principal_remaining);
    let penalty_clause = match clause {
        Some(PenaltyClause::Percent(p)) => rounding::percent_of(principal_remaining, p),
        Some(PenaltyClause::Amount(a)) => a,
        None => Decimal::ZERO,
    };
    let interest_remaining = sum(|i| i.interest_remaining);
    let indemnities = sum(|i| i.indemnity);
    Totals {
        gross: sum(|i| i.gross),
        credits: sum(|i| i.credits.iter().map(|c| c.amount).sum()),
        payments: sum(|i| i.payments.iter().map(|p| p.to_interest + p.to_principal).sum()),
        principal_remaining,
        interest_accrued: sum(|i| i.interest_accrued),
        interest_paid: sum(|i| i.interest_paid),
        interest_remaining,
        indemnities,
        indemnity_count: invoices.iter().filter(|i| !i.indemnity.is_zero()).count(),
        penalty_clause,
        total_due: principal_remaining + interest_remaining + indemnities + penalty_clause,
    }
}

fn payment_excess(payment: &Payment, rest: Decimal) -> Diagnostic {
    rules::PAYMENT_ABOVE_DUE
        .report(format!(
            "paiement du {} de {} : {} dépassent tout ce qui était dû à cette date (principal et intérêts de toutes les factures)",
            date_fr(payment.date),
            euros(payment.amount),
            euros(rest)
        ))
        .field(join(&payment.field, "montant"))
        .hint("vérifiez le montant et la date du paiement ; un paiement d'une autre dette ou un trop-perçu à rembourser n'a pas sa place dans ce dossier")
}

fn credit_excess(note: &CreditNote, excess: Decimal) -> Diagnostic {
    rules::PAYMENT_ABOVE_DUE
        .report(format!(
            "avoir {} du {} sur la facture {} : {} dépassent le principal qui en restait dû à cette date (déjà payé)",
            note.number,
            date_fr(note.date),
            note.invoice,
            euros(excess)
        ))
        .field(join(&note.field, "montant_ttc"))
        .hint("vérifiez la facture désignée par l'avoir, son montant, et les dates des paiements ; un avoir sur une facture déjà payée se rembourse")
}
