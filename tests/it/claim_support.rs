//! Builders for the décompte tests: cases written directly in Rust, with only what the
//! computation reads filled in.

#![allow(dead_code)]

use std::path::PathBuf;

use chrono::NaiveDate;
use recouvre::case::model::{
    Address, Case, CaseSource, CreditEffect, CreditNote, Delivery, FormalNotice, Invoice, Party, PartyKind, Payment,
    Procedure, Terms,
};
use recouvre::claim::{Claim, InvoiceClaim};
use rust_decimal::Decimal;

pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

pub fn party(kind: PartyKind, name: &str) -> Party {
    Party {
        kind,
        display_name: name.into(),
        company_name: None,
        legal_form: None,
        capital: None,
        siren: None,
        siret: None,
        rcs_city: None,
        rm_city: None,
        vat_number: None,
        person: None,
        address: Address {
            lines: vec!["1 rue de la Paix".into()],
            postcode: "75002".into(),
            city: "Paris".into(),
            country: "FR".into(),
        },
        representative: None,
        email: None,
        phone: None,
        iban: None,
        bic: None,
        mediator: None,
        language: Default::default(),
        professional_activity: None,
        non_professional: false,
        logo: None,
        signature_image: None,
    }
}

pub fn invoice(number: &str, date: &str, due: &str, gross: Decimal) -> Invoice {
    Invoice {
        number: number.into(),
        date: d(date),
        due: d(due),
        subject: None,
        net: gross,
        vat: Decimal::ZERO,
        gross,
        file: None,
        lines: Vec::new(),
        delivery_notes: Vec::new(),
        field: String::new(),
    }
}

pub fn payment(date: &str, amount: Decimal, invoice: Option<&str>) -> Payment {
    Payment {
        date: d(date),
        amount,
        method: None,
        invoice: invoice.map(str::to_string),
        reference: None,
        payer_account: None,
        field: "paiements[1]".into(),
    }
}

pub fn credit(number: &str, invoice: &str, date: &str, amount: Decimal) -> CreditNote {
    CreditNote {
        number: number.into(),
        date: d(date),
        invoice: invoice.into(),
        amount,
        reason: None,
        effect: CreditEffect::OnItsDate,
        file: None,
        field: "avoirs[1]".into(),
    }
}

pub fn notice(sent: &str, received: Option<&str>) -> FormalNotice {
    FormalNotice {
        invoices: Vec::new(),
        sent: d(sent),
        days: 8,
        delivery: Delivery::RegisteredLetter,
        tracking: None,
        received: received.map(d),
        file: None,
        receipt: None,
    }
}

/// A case between two companies, default terms (ECB + 10 points, 40 € per late invoice).
pub fn b2b(invoices: Vec<Invoice>) -> Case {
    Case {
        reference: "TEST-1".into(),
        computed_on: d("2025-10-31"),
        computed_on_given: true,
        signed_at: "Paris".into(),
        signed_at_given: true,
        creditor: party(PartyKind::Company, "Créancier SAS"),
        debtor: party(PartyKind::Company, "Débiteur SARL"),
        terms: Terms { penalty_rate: None, flat_indemnity: true, penalty_clause: None, source: None },
        invoices,
        delivery_notes: Vec::new(),
        credit_notes: Vec::new(),
        payments: Vec::new(),
        reminders: Vec::new(),
        formal_notice: None,
        exhibits: Vec::new(),
        procedure: Procedure::default(),
        hold: None,
        route: Default::default(),
        debtor_assets: Default::default(),
        source: CaseSource { file: PathBuf::from("dossier.yaml"), dir: PathBuf::from("."), profile: None },
    }
}

/// A consumer debtor; `private_creditor` makes the creditor a private person too.
pub fn b2c(invoices: Vec<Invoice>, private_creditor: bool) -> Case {
    let mut case = b2b(invoices);
    case.debtor = party(PartyKind::Individual, "Mme Jeanne Petit");
    if private_creditor {
        case.creditor = party(PartyKind::Individual, "M. Paul Martin");
    }
    case.terms.flat_indemnity = false;
    case
}

/// The identities every décompte must satisfy, generated or real: each invoice's lines add up to
/// its totals, the grand totals are the sums of the invoices', nothing negative is left owed,
/// every segment counts its days and is rounded to the cent. One helper for every test.
pub fn assert_identities(claim: &Claim, what: &str) {
    for inv in &claim.invoices {
        let what = format!("{what} {}", inv.number);
        let credits: Decimal = inv.credits.iter().map(|c| c.amount).sum();
        let to_principal: Decimal = inv.payments.iter().map(|p| p.to_principal).sum();
        let to_interest: Decimal = inv.payments.iter().map(|p| p.to_interest).sum();
        let segments: Decimal = inv.segments.iter().map(|s| s.amount).sum();
        assert_eq!(inv.gross - credits - to_principal, inv.principal_remaining, "{what}: principal");
        assert_eq!(segments, inv.interest_accrued, "{what}: segments");
        assert_eq!(to_interest, inv.interest_paid, "{what}: interest paid");
        assert_eq!(inv.interest_accrued - inv.interest_paid, inv.interest_remaining, "{what}: interest");
        assert_eq!(inv.principal_remaining + inv.interest_remaining + inv.indemnity, inv.total, "{what}: total");
        assert!(inv.principal_remaining >= Decimal::ZERO, "{what}: principal below zero");
        assert!(inv.interest_remaining >= Decimal::ZERO, "{what}: interest below zero");
        assert!(
            inv.indemnity == Decimal::ZERO || inv.indemnity == recouvre::claim::FLAT_INDEMNITY,
            "{what}: indemnity {}",
            inv.indemnity
        );
        for s in &inv.segments {
            assert_eq!((s.to - s.from).num_days(), s.days, "{what}: days of {} → {}", s.from, s.to);
            assert!(s.days > 0, "{what}: empty segment {} → {}", s.from, s.to);
            assert_eq!(s.amount.scale(), 2, "{what}: {} not in cents", s.amount);
        }
    }
    let t = &claim.totals;
    let sum = |f: fn(&InvoiceClaim) -> Decimal| -> Decimal { claim.invoices.iter().map(f).sum() };
    assert_eq!(t.gross, sum(|i| i.gross), "{what}: gross");
    assert_eq!(t.credits, sum(|i| i.credits.iter().map(|c| c.amount).sum()), "{what}: credits");
    let paid = |i: &InvoiceClaim| -> Decimal { i.payments.iter().map(|p| p.to_interest + p.to_principal).sum() };
    assert_eq!(t.payments, sum(paid), "{what}: payments applied");
    assert_eq!(t.principal_remaining, sum(|i| i.principal_remaining), "{what}: principal");
    assert_eq!(t.interest_accrued, sum(|i| i.interest_accrued), "{what}: interest accrued");
    assert_eq!(t.interest_paid, sum(|i| i.interest_paid), "{what}: interest paid");
    assert_eq!(t.interest_remaining, sum(|i| i.interest_remaining), "{what}: interest");
    assert_eq!(t.indemnities, sum(|i| i.indemnity), "{what}: indemnities");
    assert_eq!(t.indemnities, recouvre::claim::FLAT_INDEMNITY * Decimal::from(t.indemnity_count), "{what}: count");
    assert_eq!(t.total_due, sum(|i| i.total) + t.penalty_clause, "{what}: total");
    assert_eq!(
        t.principal_remaining + t.interest_remaining + t.indemnities + t.penalty_clause,
        t.total_due,
        "{what}: total of the totals"
    );
    assert_eq!(
        t.gross - t.credits - t.payments + t.interest_accrued + t.indemnities + t.penalty_clause,
        t.total_due,
        "{what}: what was owed, less what was paid"
    );
}
