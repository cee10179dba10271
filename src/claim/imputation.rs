//! Each invoice's running account (principal, interest accrued and unpaid), and how credit
//! notes and payments reduce it: a payment goes to the invoice the debtor named, else to the
//! invoices already due, oldest due date first (then oldest invoice date; shared in proportion
//! between invoices of the same due date and date), then to those not yet due (art. 1342-10
//! C. civ.); within an invoice, interest first, then principal (art. 1343-1 C. civ.).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::interest;
use super::regime::RatePlan;
use super::{Credit, Imputation, Segment};
use crate::case::model::{CreditEffect, CreditNote, Invoice, Payment};

/// One invoice's account while the events are replayed in date order.
#[derive(Debug)]
pub struct Ledger<'c> {
    pub invoice: &'c Invoice,
    /// Last day already covered by `segments`; interest accrues for each later day. Starts
    /// at the interest start (exclusive); `None`: no interest at all.
    accrued_to: Option<NaiveDate>,
    pub principal: Decimal,
    pub interest_unpaid: Decimal,
    pub segments: Vec<Segment>,
    pub credits: Vec<Credit>,
    pub payments: Vec<Imputation>,
}

impl<'c> Ledger<'c> {
    pub fn new(invoice: &'c Invoice, start: Option<NaiveDate>) -> Self {
        Self {
            invoice,
            accrued_to: start,
            principal: invoice.gross,
            interest_unpaid: Decimal::ZERO,
            segments: Vec::new(),
            credits: Vec::new(),
            payments: Vec::new(),
        }
    }

    /// Books the interest on the current principal for each day up to `to` (inclusive). Called
    /// before the principal changes, so each segment has a single base.
    pub fn accrue(&mut self, to: NaiveDate, plan: &mut RatePlan<'_>) {
        let Some(from) = self.accrued_to else { return };
        if to <= from {
            return;
        }
        let new = interest::segments(self.principal, from, to, plan);
        self.interest_unpaid += new.iter().map(|s| s.amount).sum::<Decimal>();
        self.segments.extend(new);
        self.accrued_to = Some(to);
    }

    /// What is still owed on it: the interest booked so far and the principal.
    fn owed(&self) -> Decimal {
        self.interest_unpaid.max(Decimal::ZERO) + self.principal.max(Decimal::ZERO)
    }

    /// A credit note reduces the principal on its date, or from the start when it is dated back
    /// to the invoice (then it is replayed before any other event, so no interest ever ran on
    /// its amount); returns what exceeds the principal left (already paid by the debtor, so
    /// owed back or to impute elsewhere).
    pub fn credit(&mut self, note: &CreditNote, plan: &mut RatePlan<'_>) -> Decimal {
        let from_invoice = note.effect == CreditEffect::FromInvoice;
        if !from_invoice {
            self.accrue(note.date, plan);
        }
        let used = note.amount.min(self.principal.max(Decimal::ZERO));
        self.principal -= used;
        self.credits.push(Credit { number: note.number.clone(), date: note.date, amount: note.amount, from_invoice });
        note.amount - used
    }

    /// Takes what it can of `amount` on `date`, interest first; returns the rest.
    fn take(
        &mut self,
        (index, payment): (usize, &Payment),
        amount: Decimal,
        designated: bool,
        plan: &mut RatePlan<'_>,
    ) -> Decimal {
        self.accrue(payment.date, plan);
        let to_interest = amount.min(self.interest_unpaid);
        let to_principal = (amount - to_interest).min(self.principal.max(Decimal::ZERO));
        if to_interest.is_zero() && to_principal.is_zero() {
            return amount;
        }
        self.interest_unpaid -= to_interest;
        self.principal -= to_principal;
        self.payments.push(Imputation {
            payment: index,
            date: payment.date,
            payment_amount: payment.amount,
            designated,
            to_interest,
            to_principal,
        });
        amount - to_interest - to_principal
    }
}

/// Invoice indices in the order of legal imputation at `date`: those already due (due date on
/// or before it), then the others; in each group by due date, invoice date, then number.
pub fn legal_order(ledgers: &[Ledger<'_>], date: NaiveDate) -> Vec<usize> {
    let mut order: Vec<usize> = (0..ledgers.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            let inv = ledgers[i].invoice;
            legal_rank(inv.due, inv.date, &inv.number, date)
        };
        key(a).cmp(&key(b))
    });
    order
}

/// Where an invoice (its due date, date and number) comes in the legal order of imputation of a
/// payment made on `at` (art. 1342-10 C. civ.): [`legal_order`]'s key, for every reader of it.
pub fn legal_rank(due: NaiveDate, date: NaiveDate, number: &str, at: NaiveDate) -> (bool, NaiveDate, NaiveDate, &str) {
    (due > at, due, date, number)
}

/// Imputes a payment (the `index`-th of the case file) on the invoices; returns the part nothing
/// could absorb.
pub fn impute(ledgers: &mut [Ledger<'_>], (index, payment): (usize, &Payment), plan: &mut RatePlan<'_>) -> Decimal {
    let mut rest = payment.amount;
    let named = payment.invoice.as_deref().and_then(|n| ledgers.iter().position(|l| l.invoice.number == n));
    if let Some(i) = named {
        rest = ledgers[i].take((index, payment), rest, true, plan);
    }
    if rest <= Decimal::ZERO {
        // Fully absorbed by the invoice named: no need to order the others (10 000 invoices).
        return rest;
    }
    let order = legal_order(ledgers, payment.date);
    // Invoices of the same due date and date are equally old: « toutes choses égales », the
    // payment is shared between them in proportion to what each owes (art. 1342-10 al. 2 C. civ.).
    let age: Vec<(NaiveDate, NaiveDate)> = ledgers.iter().map(|l| (l.invoice.due, l.invoice.date)).collect();
    let mut start = 0;
    while start < order.len() && rest > Decimal::ZERO {
        let end = start + order[start..].iter().take_while(|&&i| age[i] == age[order[start]]).count();
        let group: Vec<usize> = order[start..end].iter().copied().filter(|&i| Some(i) != named).collect();
        start = end;
        for &i in &group {
            ledgers[i].accrue(payment.date, plan);
        }
        let owed: Vec<Decimal> = group.iter().map(|&i| ledgers[i].owed()).collect();
        let parts = shares(rest, &owed);
        for (&i, part) in group.iter().zip(parts) {
            if part > Decimal::ZERO {
                rest -= part - ledgers[i].take((index, payment), part, false, plan);
            }
        }
    }
    rest
}

/// `amount` shared in proportion to `owed` (amounts in cents), to the cent: all of it owed when
/// it covers everything; else each part rounded down, and the cents this leaves (fewer than the
/// parts) one each to the largest remainders, the first in order on a tie. A part never exceeds
/// what is owed: rounded down it is below it, and a cent more reaches it at most.
fn shares(amount: Decimal, owed: &[Decimal]) -> Vec<Decimal> {
    let total: Decimal = owed.iter().sum();
    if amount >= total {
        return owed.to_vec();
    }
    let exact: Vec<Decimal> = owed.iter().map(|o| amount * o / total).collect();
    let mut parts: Vec<Decimal> =
        exact.iter().map(|e| e.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero)).collect();
    let cent = Decimal::new(1, 2);
    let left = ((amount - parts.iter().sum::<Decimal>()) / cent).to_usize().unwrap_or(0);
    let mut by_remainder: Vec<usize> = (0..owed.len()).collect();
    by_remainder.sort_by(|&a, &b| (exact[b] - parts[b]).cmp(&(exact[a] - parts[a])));
    for i in by_remainder.into_iter().take(left) {
        parts[i] += cent;
    }
    parts
}
