//! Payments imputed over several invoices, each as one table: what every invoice received of it,
//! on the interest first, then on the principal (art. 1342-10 and 1343-1 C. civ.), so that a
//! judge reads at once how a payment was imputed and that its parts add up to it. A payment that
//! went to one invoice only is read in that invoice's block: it gets no table, and a claim of
//! 10 000 invoices paid invoice by invoice gets none.

use std::collections::HashMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use super::{Claim, Imputation, InvoiceClaim};
use crate::format::data::{Day, Money};

/// Un règlement imputé sur plusieurs factures, et la part de chacune.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SplitPaymentView {
    /// Rang du règlement dans le dossier (« paiements », à partir de 1).
    pub paiement: usize,
    pub date: Day,
    /// Le règlement entier, tel que reçu.
    pub montant: Money,
    /// La facture que le débiteur a désignée en payant (null : imputation légale seulement).
    pub facture_designee: Option<String>,
    /// Les factures dans l’ordre où le règlement leur a été imputé.
    pub parts: Vec<SplitPartView>,
    /// Vrai quand la loi l’a partagé entre factures de même date et de même échéance, en
    /// proportion de ce que chacune devait (« toutes choses égales », art. 1342-10 C. civ.).
    pub au_prorata: bool,
    /// Sommes des parts : sur les intérêts, sur le principal, et leur total (le règlement).
    pub interets: Money,
    pub principal: Money,
    pub total: Money,
}

/// Ce qu’une facture a reçu d’un règlement réparti.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SplitPartView {
    pub facture: String,
    pub echeance: Day,
    /// Imputé sur cette facture par le débiteur (et non par la loi).
    pub designe: bool,
    pub interets: Money,
    pub principal: Money,
    pub total: Money,
}

/// The payments of the claim imputed on more than one invoice, in date order (then as listed in
/// the case), each with its parts in the order of imputation: the invoice the debtor named, then
/// the others as art. 1342-10 C. civ. orders them (`imputation::legal_order`). Linear in the
/// number of imputations.
pub fn split_payments(claim: &Claim) -> Vec<SplitPaymentView> {
    let mut by_payment: HashMap<usize, Vec<(&InvoiceClaim, &Imputation)>> = HashMap::new();
    for invoice in claim.invoices.iter().chain(&claim.upcoming) {
        for imputation in &invoice.payments {
            by_payment.entry(imputation.payment).or_default().push((invoice, imputation));
        }
    }
    let mut split: Vec<(usize, Vec<(&InvoiceClaim, &Imputation)>)> =
        by_payment.into_iter().filter(|(_, parts)| parts.len() > 1).collect();
    split.sort_by_key(|(index, parts)| (parts[0].1.date, *index));
    split
        .into_iter()
        .map(|(index, mut parts)| {
            let date = parts[0].1.date;
            use super::imputation::legal_rank;
            parts.sort_by(|(a, ma), (b, mb)| {
                (!ma.designated, legal_rank(a.due, a.date, &a.number, date))
                    .cmp(&(!mb.designated, legal_rank(b.due, b.date, &b.number, date)))
            });
            let sum = |f: fn(&Imputation) -> Decimal| parts.iter().map(|(_, m)| f(m)).sum::<Decimal>();
            let (interest, principal) = (sum(|m| m.to_interest), sum(|m| m.to_principal));
            let by_law: Vec<_> = parts.iter().filter(|(_, m)| !m.designated).map(|(i, _)| (i.due, i.date)).collect();
            SplitPaymentView {
                paiement: index + 1,
                date: Day(date),
                montant: Money(parts[0].1.payment_amount),
                facture_designee: parts.iter().find(|(_, m)| m.designated).map(|(i, _)| i.number.clone()),
                parts: parts
                    .iter()
                    .map(|(i, m)| SplitPartView {
                        facture: i.number.clone(),
                        echeance: Day(i.due),
                        designe: m.designated,
                        interets: Money(m.to_interest),
                        principal: Money(m.to_principal),
                        total: Money(m.to_interest + m.to_principal),
                    })
                    .collect(),
                au_prorata: by_law.windows(2).any(|w| w[0] == w[1]),
                interets: Money(interest),
                principal: Money(principal),
                total: Money(interest + principal),
            }
        })
        .collect()
}
