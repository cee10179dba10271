//! The parties of `recouvre import factures`: invoices grouped by (seller, buyer), each party
//! merged from every invoice that names it, the creditor's account, conflicting addresses.

use super::draft::Draft;
use super::invoice_inputs::Doc;
use super::naming::normalize;
use crate::case::raw::{RawAddress, RawParty, RawPartyKind};
use crate::diag::Diagnostics;
use crate::ground::cii::{CiiAddress, CiiInvoice, CiiParty};
use crate::ground::ids::compact;

/// Identifiers of a party, for telling whether two invoices name the same one.
pub(super) fn same_party(a: &CiiParty, b: &CiiParty) -> bool {
    let siren =
        |p: &CiiParty| p.siren.clone().or_else(|| p.siret.as_ref().and_then(|s| s.get(..9).map(str::to_string)));
    let vat = |p: &CiiParty| p.vat_number.as_deref().map(|v| compact(v).to_uppercase());
    let name = |p: &CiiParty| p.name.as_deref().or(p.trading_name.as_deref()).map(normalize).filter(|n| !n.is_empty());
    if let (Some(x), Some(y)) = (siren(a), siren(b)) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (vat(a), vat(b)) {
        return x == y;
    }
    match (name(a), name(b)) {
        (Some(x), Some(y)) => x == y,
        (None, None) => true,
        _ => false,
    }
}

/// Invoices grouped by (seller, buyer), groups in the order their first invoice was given.
pub(super) fn group(docs: Vec<Doc>) -> Vec<Vec<Doc>> {
    let mut groups: Vec<Vec<Doc>> = Vec::new();
    for doc in docs {
        let found = groups.iter_mut().find(|g| {
            g.iter().any(|d| {
                same_party(&d.invoice().seller, &doc.invoice().seller)
                    && same_party(&d.invoice().buyer, &doc.invoice().buyer)
            })
        });
        match found {
            Some(g) => g.push(doc),
            None => groups.push(vec![doc]),
        }
    }
    groups
}

/// Richest first: highest profile, then most recent.
pub(super) fn best_first(docs: &[Doc]) -> Vec<&Doc> {
    let mut sorted: Vec<&Doc> = docs.iter().collect();
    sorted.sort_by(|a, b| {
        (b.invoice().profile, b.invoice().issue_date).cmp(&(a.invoice().profile, a.invoice().issue_date))
    });
    sorted
}

pub(super) fn usable(address: &CiiAddress) -> bool {
    !address.lines.is_empty() || address.postcode.is_some() || address.city.is_some()
}

/// One party from every invoice that names it: each field from the richest invoice that has it.
pub(super) fn merged(parties: &[&CiiParty]) -> CiiParty {
    let pick = |f: &dyn Fn(&CiiParty) -> Option<String>| parties.iter().find_map(|p| f(p));
    CiiParty {
        name: pick(&|p| p.name.clone()),
        trading_name: pick(&|p| p.trading_name.clone()),
        siren: pick(&|p| p.siren.clone()),
        siret: pick(&|p| p.siret.clone()),
        vat_number: pick(&|p| p.vat_number.clone()),
        address: parties.iter().find_map(|p| p.address.clone().filter(usable)),
        email: pick(&|p| p.email.clone()),
        phone: pick(&|p| p.phone.clone()),
        contact: pick(&|p| p.contact.clone()),
    }
}

pub(super) fn raw_party(p: &CiiParty) -> RawParty {
    RawParty {
        kind: Some(RawPartyKind::Societe),
        raison_sociale: p.name.clone().or_else(|| p.trading_name.clone()),
        siren: p.siren.clone(),
        siret: p.siret.clone(),
        tva_intracommunautaire: p.vat_number.as_deref().map(|v| compact(v).to_uppercase()),
        adresse: p.address.as_ref().map(|a| RawAddress {
            lignes: (!a.lines.is_empty()).then(|| a.lines.clone()),
            code_postal: a.postcode.clone(),
            ville: a.city.clone(),
            pays: a.country.clone().map(|c| c.to_uppercase()),
        }),
        email: p.email.clone(),
        telephone: p.phone.clone(),
        ..RawParty::default()
    }
}

/// The IBAN of the invoices, unless they are to be paid to someone else (a factor).
pub(super) fn creditor_account(draft: &mut Draft, ranked: &[&Doc], warnings: &mut Diagnostics) {
    let Some(doc) = ranked.iter().find(|d| d.invoice().iban.is_some()) else {
        return;
    };
    let inv = doc.invoice();
    let seller = inv.seller.name.as_deref().map(normalize);
    match inv.payee_name.as_deref().map(normalize) {
        Some(payee) if Some(&payee) != seller.as_ref() => {
            warnings.push(
                doc.source()
                    .warning(format!(
                        "paiement à un tiers (« {} », affacturage ?) : son IBAN n'est pas repris pour le créancier",
                        inv.payee_name.clone().unwrap_or_default()
                    ))
                    .hint("indiquez dans creancier.iban le compte sur lequel le débiteur doit payer"),
            );
        }
        _ => {
            draft.creditor.iban = inv.iban.as_deref().map(|i| compact(i).to_uppercase());
            draft.creditor.bic = inv.bic.clone();
        }
    }
}

/// Reads one party's address from an invoice.
pub(super) type AddressOf = fn(&CiiInvoice) -> Option<CiiAddress>;

pub(super) fn address_conflicts(ranked: &[&Doc], warnings: &mut Diagnostics) {
    let sides: [(&str, AddressOf); 2] =
        [("creancier", |d| d.seller.address.clone()), ("debiteur", |d| d.buyer.address.clone())];
    for (key, get) in sides {
        let addresses: Vec<(&Doc, CiiAddress)> =
            ranked.iter().filter_map(|d| get(d.invoice()).filter(usable).map(|a| (*d, a))).collect();
        if let Some((kept, first)) = addresses.first()
            && let Some((other, _)) = addresses.iter().find(|(_, a)| a != first)
        {
            warnings.push(
                kept.source()
                    .warning(format!(
                        "{key} : adresses différentes selon les factures ; celle de {} est reprise, pas celle de {}",
                        kept.name(),
                        other.name()
                    ))
                    .field(format!("{key}.adresse")),
            );
        }
    }
}
