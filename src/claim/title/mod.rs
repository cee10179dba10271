//! The décompte under the title: what the ordonnance grants replaces the claim's figures (the
//! pre-title penalties do not run on), interest runs on the principal granted from the date and
//! at the rate the title fixes — the legal rate of the creditor's category by half-year, + 5 points
//! once the surcharge of L. 313-3 CMF applies —, and each payment or enforcement proceeds is
//! imputed on costs, then interest (art. 1343-1 C. civ.), then principal, then the other heads
//! (which bear no interest: the debtor has most interest in paying the principal, art. 1342-10).
//! Enforcement costs borne by the debtor (L. 111-8 CPCE) are a separate line.
//!
//! Exact like the pre-title décompte: every interest line is rounded to the cent on its own and
//! every total is a sum of printed lines.

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::half_year;
use super::rates::RateTables;
use super::regime::RatePlan;
use super::rounding;
use super::{LegalRateCategory, Regime, Segment};
use crate::case::enforcement::{EnforcementAct, Granted, GrantedRate};
use crate::case::model::{Case, PartyKind, Payment};
use crate::diag::Diagnostic;

/// Points added to the legal rate by L. 313-3 CMF.
pub const SURCHARGE_POINTS: Decimal = Decimal::from_parts(5, 0, 0, false, 0);

/// The décompte under the title at a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TitleClaim {
    pub computed_on: NaiveDate,
    pub granted: Granted,
    /// First day of interest (inclusive), when the title grants interest.
    pub interest_from: Option<NaiveDate>,
    /// First day at the legal rate + 5 points, when it falls on or before `computed_on`.
    pub surcharge_from: Option<NaiveDate>,
    /// Interest on the principal still due, one line per half-year, surcharge and receipt.
    pub segments: Vec<Segment>,
    pub costs: Vec<CostLine>,
    pub receipts: Vec<Receipt>,
    pub totals: TitleTotals,
}

/// A cost of enforcement borne by the debtor, on the day of its act.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostLine {
    pub date: NaiveDate,
    pub label: String,
    pub amount: Decimal,
}

/// A sum received after the title (payment or enforcement proceeds) and where it went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Receipt {
    pub date: NaiveDate,
    pub label: String,
    pub amount: Decimal,
    pub to_costs: Decimal,
    pub to_interest: Decimal,
    pub to_principal: Decimal,
    pub to_other: Decimal,
    /// What nothing was left to absorb (overpaid).
    pub unapplied: Decimal,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TitleTotals {
    pub principal: Decimal,
    /// Penalties, indemnities, clause pénale and art. 700 granted.
    pub other: Decimal,
    /// Dépens granted by the title.
    pub granted_costs: Decimal,
    /// Enforcement costs borne by the debtor (sum of `costs`).
    pub enforcement_costs: Decimal,
    pub interest: Decimal,
    pub received: Decimal,
    pub principal_remaining: Decimal,
    pub other_remaining: Decimal,
    pub costs_remaining: Decimal,
    pub interest_remaining: Decimal,
    /// The four remainders.
    pub total_due: Decimal,
    pub unapplied: Decimal,
}

/// What the décompte under a title is computed from.
#[derive(Debug)]
pub struct TitleInputs<'a> {
    pub granted: &'a Granted,
    /// The ordonnance's date: payments after it are received under the title.
    pub order_date: NaiveDate,
    pub acts: &'a [EnforcementAct],
    pub payments: &'a [Payment],
    /// The creditor's category for the legal rate (L. 313-2 CMF).
    pub category: LegalRateCategory,
    /// The first surcharged day as `plan::title` derives it (two months after the title became
    /// enforceable); the case may set another.
    pub surcharge_from: Option<NaiveDate>,
}

impl<'a> TitleInputs<'a> {
    /// The inputs of a case whose ordonnance gives the sums granted.
    pub fn of(case: &'a Case, surcharge_from: Option<NaiveDate>) -> Option<Self> {
        let order = case.procedure.order.as_ref()?;
        Some(Self {
            granted: order.granted.as_ref()?,
            order_date: order.date,
            acts: &order.acts,
            payments: &case.payments,
            category: if case.creditor.kind == PartyKind::Individual {
                LegalRateCategory::Particulier
            } else {
                LegalRateCategory::Autre
            },
            surcharge_from,
        })
    }
}

enum Event {
    Cost(CostLine),
    Receipt(NaiveDate, String, Decimal),
}

struct Ledger<'a> {
    principal: Decimal,
    other: Decimal,
    costs: Decimal,
    interest: Decimal,
    accrued_to: Option<NaiveDate>,
    segments: Vec<Segment>,
    rates: RatePlan<'a>,
    surcharge_from: Option<NaiveDate>,
}

impl Ledger<'_> {
    /// Interest on the principal for each day up to `to`, split at half-years and at the surcharge.
    fn accrue(&mut self, to: NaiveDate) {
        let Some(from) = self.accrued_to else { return };
        if to <= from {
            return;
        }
        self.accrued_to = Some(to);
        if self.principal <= Decimal::ZERO {
            return;
        }
        let cut = self.surcharge_from.and_then(|d| d.pred_opt()).filter(|c| from < *c && *c < to);
        let spans = match cut {
            Some(c) => vec![(from, c), (c, to)],
            None => vec![(from, to)],
        };
        for (a, b) in spans {
            for (start, end, half) in half_year::split(a, b) {
                let Some((base_rate, source)) = self.rates.rate(half) else { continue };
                let surcharged = self.surcharge_from.is_some_and(|s| start.succ_opt().is_some_and(|f| f >= s));
                let (rate, rate_source) = if surcharged {
                    (base_rate + SURCHARGE_POINTS, format!("{source} majoré de 5 points (L. 313-3 CMF)"))
                } else {
                    (base_rate, source)
                };
                let days = (end - start).num_days();
                let amount = rounding::interest(self.principal, rate, days);
                self.interest += amount;
                self.segments.push(Segment {
                    from: start,
                    to: end,
                    days,
                    base: self.principal,
                    rate,
                    amount,
                    rate_source,
                });
            }
        }
    }

    fn receive(&mut self, date: NaiveDate, label: String, amount: Decimal) -> Receipt {
        self.accrue(date);
        let mut rest = amount;
        let mut take = |bucket: &mut Decimal| {
            let part = rest.min(*bucket).max(Decimal::ZERO);
            *bucket -= part;
            rest -= part;
            part
        };
        let to_costs = take(&mut self.costs);
        let to_interest = take(&mut self.interest);
        let to_principal = take(&mut self.principal);
        let to_other = take(&mut self.other);
        Receipt { date, label, amount, to_costs, to_interest, to_principal, to_other, unapplied: rest }
    }
}

/// The rate rules of the title, as the pre-title engine knows them.
fn regime_of(category: LegalRateCategory, rate: GrantedRate) -> Regime {
    match rate {
        GrantedRate::Legal => Regime::ConsumerLegalInterest { category, from: None },
        GrantedRate::EcbPlusTen => Regime::ProfessionalLegalRate,
        GrantedRate::Fixed(rate) => Regime::ConsumerContractRate { rate },
    }
}

/// The décompte under the title at `on`. Payments dated after the ordonnance and the proceeds of
/// enforcement acts are received; what is dated after `on` is left out. Fails when a rate is
/// unknown (R031).
pub fn compute(inputs: &TitleInputs<'_>, rates: &RateTables, on: NaiveDate) -> Result<TitleClaim, Vec<Diagnostic>> {
    let granted = inputs.granted;
    let interest = granted.interest.as_ref();
    let regime = regime_of(inputs.category, interest.map_or(GrantedRate::Legal, |i| i.rate));
    let surcharge_from = interest
        .filter(|i| i.rate == GrantedRate::Legal && i.surcharge)
        .and_then(|i| i.surcharge_from.or(inputs.surcharge_from))
        .filter(|d| *d <= on);
    let mut ledger = Ledger {
        principal: granted.principal,
        other: granted.other_heads(),
        costs: granted.costs,
        interest: Decimal::ZERO,
        accrued_to: interest.and_then(|i| i.from.pred_opt()),
        segments: Vec::new(),
        rates: RatePlan::new(&regime, rates),
        surcharge_from,
    };
    let mut events: Vec<(NaiveDate, u8, usize, Event)> = Vec::new();
    for (i, act) in inputs.acts.iter().enumerate().filter(|(_, a)| a.date <= on) {
        let what = match &act.third_party {
            Some(t) => format!("{} du {} ({t})", act.kind.label(), crate::format::date_fr(act.date)),
            None => format!("{} du {}", act.kind.label(), crate::format::date_fr(act.date)),
        };
        if !act.cost.is_zero() {
            events.push((
                act.date,
                0,
                i,
                Event::Cost(CostLine { date: act.date, label: what.clone(), amount: act.cost }),
            ));
        }
        if let Some((date, amount)) = act.recovered.filter(|(d, _)| *d <= on) {
            events.push((date, 1, i, Event::Receipt(date, format!("fonds reçus de la {what}"), amount)));
        }
    }
    let after_title = inputs.payments.iter().enumerate().filter(|(_, p)| p.date > inputs.order_date && p.date <= on);
    for (i, p) in after_title {
        events.push((p.date, 1, 1000 + i, Event::Receipt(p.date, "paiement du débiteur".into(), p.amount)));
    }
    // Same day: a cost before a receipt (the receipt may pay it), then in file order.
    events.sort_by_key(|(date, rank, index, _)| (*date, *rank, *index));
    let mut costs = Vec::new();
    let mut receipts = Vec::new();
    for (_, _, _, event) in events {
        match event {
            Event::Cost(line) => {
                ledger.costs += line.amount;
                costs.push(line);
            }
            Event::Receipt(date, label, amount) => receipts.push(ledger.receive(date, label, amount)),
        }
    }
    ledger.accrue(on);
    let Ledger { principal, other, costs: costs_left, interest: interest_left, segments, rates: plan, .. } = ledger;
    let (errors, _) = plan.finish();
    if !errors.is_empty() {
        return Err(errors);
    }
    let sum = |f: fn(&Receipt) -> Decimal| receipts.iter().map(f).sum::<Decimal>();
    let totals = TitleTotals {
        principal: granted.principal,
        other: granted.other_heads(),
        granted_costs: granted.costs,
        enforcement_costs: costs.iter().map(|c| c.amount).sum(),
        interest: segments.iter().map(|s| s.amount).sum(),
        received: sum(|r| r.amount),
        principal_remaining: principal,
        other_remaining: other,
        costs_remaining: costs_left,
        interest_remaining: interest_left,
        total_due: principal + other + costs_left + interest_left,
        unapplied: sum(|r| r.unapplied),
    };
    Ok(TitleClaim {
        computed_on: on,
        granted: granted.clone(),
        interest_from: interest.map(|i| i.from),
        surcharge_from,
        segments,
        costs,
        receipts,
        totals,
    })
}

impl TitleClaim {
    /// Whether a line of interest is at the legal rate + 5 points (L. 313-3 CMF).
    pub fn surcharged(&self, segment: &Segment) -> bool {
        self.surcharge_from.is_some_and(|d| segment.first_day() >= d)
    }
}
