//! A case folder about to be written: what an import found, before it becomes `case.yaml`.
//!
//! Parties are the loader's own [`RawParty`], so every key they can carry is written the way
//! the loader reads it; invoices keep plain decimals so odd values (negative, three decimals)
//! reach the file with a comment rather than being lost.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::case::raw::{RawConditions, RawParty};

/// One case folder to write.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// Folder name under the output folder (also the default reference, upper-cased).
    pub folder: String,
    pub reference: String,
    /// Lines of the header comment: where the data came from.
    pub origin: Vec<String>,
    pub computed_on: Option<NaiveDate>,
    pub signed_at: Option<String>,
    pub creditor: RawParty,
    pub debtor: RawParty,
    /// `None`: the usual defaults are written for the user to confirm.
    pub conditions: Option<RawConditions>,
    pub invoices: Vec<DraftInvoice>,
    pub delivery_notes: Vec<DraftDeliveryNote>,
    pub credit_notes: Vec<DraftCreditNote>,
    pub payments: Vec<DraftPayment>,
    /// Other files found (attachments that are neither invoice nor delivery note), written under
    /// `pieces:` as comments for the user to keep or not.
    pub suggested_exhibits: Vec<DraftExhibit>,
    /// Files to put in the folder, by path relative to it.
    pub files: Vec<DraftFile>,
    /// Comments on fields, by field path (`debiteur.siren`, `factures[2].echeance`).
    pub notes: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default)]
pub struct DraftInvoice {
    pub number: String,
    pub date: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub subject: Option<String>,
    pub net: Option<Decimal>,
    pub vat: Option<Decimal>,
    pub gross: Option<Decimal>,
    pub file: Option<String>,
    pub delivery_notes: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct DraftDeliveryNote {
    pub number: String,
    pub date: Option<NaiveDate>,
    pub file: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct DraftCreditNote {
    pub number: String,
    pub date: Option<NaiveDate>,
    /// The invoice it reduces.
    pub invoice: Option<String>,
    pub gross: Option<Decimal>,
    pub reason: Option<String>,
    pub file: Option<String>,
    /// Why it is written as comments rather than as an entry (its invoice is not in the case,
    /// which the loader would refuse); `None`: a plain entry.
    pub left_out: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct DraftPayment {
    pub date: Option<NaiveDate>,
    pub amount: Decimal,
    pub invoice: Option<String>,
    /// `virement`, `autre`…: a value of the loader's closed list.
    pub mode: Option<&'static str>,
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct DraftExhibit {
    pub title: String,
    pub file: String,
}

/// Where a file's bytes come from.
#[derive(Debug, Clone)]
pub enum FileSource {
    Copy(PathBuf),
    Bytes(Vec<u8>),
}

#[derive(Debug, Clone)]
pub struct DraftFile {
    pub relative: String,
    pub source: FileSource,
}

impl Draft {
    /// Records a comment on a field; a second one on the same field is appended.
    pub fn note(&mut self, field: impl Into<String>, text: impl Into<String>) {
        let text = text.into();
        self.notes
            .entry(field.into())
            .and_modify(|t| {
                t.push_str(" ; ");
                t.push_str(&text);
            })
            .or_insert(text);
    }

    /// Total TTC of the invoices.
    pub fn total_gross(&self) -> Decimal {
        self.invoices.iter().filter_map(|i| i.gross).sum()
    }

    /// What remains due: invoices, less credit notes written and payments.
    pub fn total_due(&self) -> Decimal {
        let credits: Decimal = self.credit_notes.iter().filter(|c| c.left_out.is_none()).filter_map(|c| c.gross).sum();
        let paid: Decimal = self.payments.iter().map(|p| p.amount).sum();
        self.total_gross() - credits - paid
    }

    /// A file name in `pieces/` not yet taken, from `stem` and `extension`.
    pub fn free_piece_name(&self, stem: &str, extension: &str) -> String {
        let stem = super::naming::file_stem(stem);
        let mut candidate = format!("pieces/{stem}.{extension}");
        let mut n = 2;
        while self.files.iter().any(|f| f.relative.eq_ignore_ascii_case(&candidate)) {
            candidate = format!("pieces/{stem}-{n}.{extension}");
            n += 1;
        }
        candidate
    }
}
