//! The part of a case that is claimed at a date: the invoices already due, with the credit
//! notes, payments and delivery notes that concern them. Documents are made from this part
//! only, so an invoice not yet due is never listed nor counted in a demand.

use super::Claim;
use crate::case::model::Case;

/// `case` without the invoices `claim` left aside as not yet due (and what belongs to them).
pub fn claimed_part(case: &Case, claim: &Claim) -> Case {
    if claim.upcoming.is_empty() {
        return case.clone();
    }
    let kept = |number: &str| claim.invoices.iter().any(|i| i.number == number);
    let mut part = case.clone();
    part.invoices.retain(|i| kept(&i.number));
    part.credit_notes.retain(|c| kept(&c.invoice));
    // A payment naming no invoice stays when the law imputed some of it to a claimed invoice.
    part.payments.retain(|p| match &p.invoice {
        Some(number) => kept(number),
        None => claim
            .invoices
            .iter()
            .flat_map(|i| &i.payments)
            .any(|m| !m.designated && m.date == p.date && m.payment_amount == p.amount),
    });
    let left_aside = |number: &str| {
        claim
            .upcoming
            .iter()
            .any(|u| case.invoices.iter().any(|i| i.number == u.number && i.delivery_notes.iter().any(|d| d == number)))
    };
    part.delivery_notes
        .retain(|d| !left_aside(&d.number) || part.invoices.iter().any(|i| i.delivery_notes.contains(&d.number)));
    part
}
