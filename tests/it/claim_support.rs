//! Builders for the décompte tests: cases written directly in Rust, with only what the
//! computation reads filled in.

#![allow(dead_code)]

use std::path::PathBuf;

use chrono::NaiveDate;
use recouvre::case::model::{
    Address, Case, CaseSource, CreditNote, Delivery, FormalNotice, Invoice, Party, PartyKind, Payment, Procedure, Terms,
};
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
        file: None,
        field: "avoirs[1]".into(),
    }
}

pub fn notice(sent: &str, received: Option<&str>) -> FormalNotice {
    FormalNotice {
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
        source: CaseSource { file: PathBuf::from("dossier.yaml"), dir: PathBuf::from(".") },
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
