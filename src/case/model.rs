//! The validated case: what every later stage works from. English names, checked values.

use std::path::PathBuf;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

pub use super::file_ref::FileRef;
pub use super::parties::*;
pub use super::procedure::*;
pub use super::routes::{
    AmicableAttempt, AmicableMode, Dispute, Hearing, Insolvency, InsolvencyKind, Privilege, RouteFacts, Signatory,
    SignatoryKind, Trustee,
};
pub use crate::ground::files::FileKind;

/// A checked case, ready for the décompte, the plan and the documents.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    pub reference: String,
    /// Interest runs up to this date; documents are dated this day.
    pub computed_on: NaiveDate,
    /// Whether `computed_on` was written in the file (else it is the day of the run).
    pub computed_on_given: bool,
    pub signed_at: String,
    /// Whether `lieu_signature` was written (else the creditor's city, with a warning on documents).
    pub signed_at_given: bool,
    pub creditor: Party,
    pub debtor: Party,
    pub terms: Terms,
    pub invoices: Vec<Invoice>,
    pub delivery_notes: Vec<DeliveryNote>,
    pub credit_notes: Vec<CreditNote>,
    pub payments: Vec<Payment>,
    pub reminders: Vec<Reminder>,
    pub formal_notice: Option<FormalNotice>,
    pub exhibits: Vec<Exhibit>,
    pub procedure: Procedure,
    /// A hold on the ladder (`suspendu`), whether or not it covers `computed_on`.
    pub hold: Option<Hold>,
    /// A dispute, the debtor's insolvency, who signs: what chooses the court route.
    pub route: RouteFacts,
    /// The debtor's known accounts, employer and goods (`debiteur.comptes`, `employeur`, `biens`).
    pub debtor_assets: super::enforcement::DebtorAssets,
    /// The case file and its folder.
    pub source: CaseSource,
}

impl Case {
    /// Every file the case names, in case order.
    pub fn referenced_files(&self) -> Vec<&FileRef> {
        let mut files = Vec::new();
        files.extend(self.invoices.iter().filter_map(|i| i.file.as_ref()));
        files.extend(self.delivery_notes.iter().filter_map(|d| d.file.as_ref()));
        files.extend(self.credit_notes.iter().filter_map(|c| c.file.as_ref()));
        files.extend(self.reminders.iter().filter_map(|r| r.proof.as_ref()));
        if let Some(m) = &self.formal_notice {
            files.extend(m.file.iter().chain(m.receipt.iter()));
        }
        files.extend(self.exhibits.iter().map(|e| &e.file));
        if let Some(o) = &self.procedure.order {
            files.push(&o.file);
            files.extend(o.request.iter());
            files.extend(o.service.as_ref().and_then(|s| s.file.as_ref()));
            files.extend(o.certificate.as_ref().map(|c| &c.file));
            files.extend(o.acts.iter().filter_map(|a| a.file.as_ref()));
        }
        files.extend(self.route.dispute.as_ref().and_then(|d| d.proof.as_ref()));
        files.extend(self.route.signatory.as_ref().and_then(|s| s.power.as_ref()));
        files.extend(self.route.insolvency.as_ref().and_then(|p| p.omission_proof.as_ref()));
        files.extend(self.procedure.amicable.as_ref().and_then(|a| a.proof.as_ref()));
        files.extend(self.creditor.logo.iter().chain(self.creditor.signature_image.iter()));
        files
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseSource {
    /// The case file as given on the command line.
    pub file: PathBuf,
    /// The case folder, canonical: every pièce lies inside it.
    pub dir: PathBuf,
    /// The creditor's profile merged into the case (`recouvre.yaml`), when one applies.
    pub profile: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TermsSource {
    Cgv,
    Contract,
    Invoice,
    Quote,
    PurchaseOrder,
}

#[derive(Debug, Clone, Serialize)]
pub struct Terms {
    /// Agreed annual penalty rate in percent; `None`: the legal default.
    pub penalty_rate: Option<Decimal>,
    /// 40 € per late invoice between professionals.
    pub flat_indemnity: bool,
    pub penalty_clause: Option<PenaltyClause>,
    pub source: Option<TermsSource>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "valeur")]
pub enum PenaltyClause {
    /// Percent of the principal still due.
    Percent(Decimal),
    Amount(Decimal),
}

#[derive(Debug, Clone, Serialize)]
pub struct InvoiceLine {
    pub designation: String,
    pub quantity: Option<Decimal>,
    pub unit_price: Option<Decimal>,
    pub vat_rate: Option<Decimal>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Invoice {
    pub number: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub subject: Option<String>,
    pub net: Decimal,
    pub vat: Decimal,
    pub gross: Decimal,
    pub file: Option<FileRef>,
    pub lines: Vec<InvoiceLine>,
    pub delivery_notes: Vec<String>,
    /// Where it is written in the case file (`factures[2]`).
    #[serde(skip)]
    pub field: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeliveryNote {
    pub number: String,
    pub date: NaiveDate,
    pub signed_by: Option<String>,
    pub file: Option<FileRef>,
    /// Where it is written in the case file (`factures[2]`).
    #[serde(skip)]
    pub field: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CreditNote {
    pub number: String,
    pub date: NaiveDate,
    pub invoice: String,
    pub amount: Decimal,
    pub reason: Option<String>,
    /// From when it reduces the invoice.
    pub effect: CreditEffect,
    pub file: Option<FileRef>,
    /// Where it is written in the case file (`factures[2]`).
    #[serde(skip)]
    pub field: String,
}

/// From when a credit note reduces its invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditEffect {
    /// On its own date: a commercial gesture; interest ran on the full amount until then.
    #[default]
    OnItsDate,
    /// From the invoice: a defect, a price reduction or a billing error; the invoice was never
    /// owed for that amount, so no interest ever ran on it.
    FromInvoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Transfer,
    Cheque,
    Card,
    Cash,
    DirectDebit,
    Bill,
    Other,
}

#[derive(Debug, Clone, Serialize)]
pub struct Payment {
    pub date: NaiveDate,
    pub amount: Decimal,
    pub method: Option<PaymentMethod>,
    /// The invoice the debtor named; `None`: imputed by law.
    pub invoice: Option<String>,
    pub reference: Option<String>,
    /// The account the transfer came from (`compte_payeur`).
    pub payer_account: Option<super::enforcement::Account>,
    /// Where it is written in the case file (`factures[2]`).
    #[serde(skip)]
    pub field: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Letter,
    Phone,
    Sms,
    Visit,
    RegisteredLetter,
}

impl Channel {
    /// Written reminders count for the relance level; calls and visits do not.
    pub fn is_written(self) -> bool {
        matches!(self, Channel::Email | Channel::Letter | Channel::RegisteredLetter | Channel::Sms)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Reminder {
    pub date: NaiveDate,
    pub channel: Channel,
    pub contact: Option<String>,
    pub summary: Option<String>,
    pub answer: Option<String>,
    pub promised: Option<NaiveDate>,
    pub proof: Option<FileRef>,
    /// The debtor's written answer acknowledges the debt (art. 2240 C. civ.).
    pub acknowledges: bool,
    /// The debtor's answer disputes the claim (described in `contestation`).
    pub disputes: bool,
    /// Where it is written in the case file (`factures[2]`).
    #[serde(skip)]
    pub field: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    RegisteredLetter,
    ElectronicRegisteredLetter,
    Bailiff,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormalNotice {
    pub sent: NaiveDate,
    pub days: u32,
    pub delivery: Delivery,
    pub tracking: Option<String>,
    pub received: Option<NaiveDate>,
    pub file: Option<FileRef>,
    pub receipt: Option<FileRef>,
    /// The invoices the letter names (`factures`); empty: every invoice due when it was sent, as
    /// the letter recouvre writes names them all.
    pub invoices: Vec<String>,
}

impl FormalNotice {
    /// Whether the letter names this invoice (every invoice when the case does not say which).
    pub fn names(&self, invoice: &str) -> bool {
        self.invoices.is_empty() || self.invoices.iter().any(|n| n == invoice)
    }

    /// The day the deadline starts from: receipt, else sending (a warning says so).
    pub fn start(&self) -> NaiveDate {
        self.received.unwrap_or(self.sent)
    }

    /// Last day the debtor has to pay.
    pub fn deadline(&self) -> NaiveDate {
        self.start() + chrono::Days::new(u64::from(self.days))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExhibitRole {
    Contract,
    Quote,
    PurchaseOrder,
    Cgv,
    Correspondence,
    Kbis,
    /// Proof of delivery or of the work done: procès-verbal de réception, end-of-works certificate.
    Delivery,
    Other,
}

#[derive(Debug, Clone, Serialize)]
pub struct Exhibit {
    pub title: String,
    pub date: Option<NaiveDate>,
    pub file: FileRef,
    pub role: ExhibitRole,
    /// The invoices it concerns (a quote for some of them only); empty: all of them.
    pub invoices: Vec<String>,
    /// Where it is written in the case file (`factures[2]`).
    #[serde(skip)]
    pub field: String,
}

impl Case {
    /// Years an action on the invoices has: 2 against a consumer (art. L. 218-2 C. conso.), else 5
    /// (art. L. 110-4 C. com.).
    pub fn limitation_years(&self) -> u32 {
        if self.debtor.is_consumer() { 2 } else { 5 }
    }

    /// When the action on `invoice` is time-barred. The period runs from the day the creditor could
    /// act: the delivery or the completion of the work (Com. 26 févr. 2020, n° 18-25.036; Civ. 1re
    /// 19 mai 2021, n° 20-12.520; Civ. 3e 1er mars 2023, n° 21-23.176, art. 2224 C. civ.), taken
    /// from the invoice's delivery notes, else the invoice's own date (never later than the work
    /// it bills) — not its due date, which would make the period end too late. The last payment on
    /// the invoice acknowledges the debt and restarts it (art. 2240 C. civ.).
    /// Returns that starting day and the first day the claim is barred.
    pub fn limitation_of(&self, invoice: &Invoice) -> Option<(NaiveDate, NaiveDate)> {
        let performed = self.performance_of(invoice).map_or(invoice.date, |(date, _)| date.min(invoice.date));
        let start = self
            .payments
            .iter()
            .filter(|p| p.invoice.as_deref() == Some(invoice.number.as_str()))
            .map(|p| p.date)
            .chain([performed])
            .max()
            .unwrap_or(performed);
        start.checked_add_months(chrono::Months::new(12 * self.limitation_years())).map(|end| (start, end))
    }

    /// The earliest delivery note of `invoice`: when the goods were delivered or the work done.
    pub fn performance_of(&self, invoice: &Invoice) -> Option<(NaiveDate, &DeliveryNote)> {
        self.delivery_notes
            .iter()
            .filter(|d| invoice.delivery_notes.iter().any(|n| n == &d.number))
            .map(|d| (d.date, d))
            .min_by_key(|(date, _)| *date)
    }

    /// The hold in force on the case's date, if any.
    pub fn active_hold(&self) -> Option<&Hold> {
        self.hold.as_ref().filter(|h| h.covers(self.computed_on))
    }
}

impl Case {
    /// The procédure collective opened on or before the case's date, if any.
    pub fn open_insolvency(&self) -> Option<&Insolvency> {
        self.route.insolvency.as_ref().filter(|p| p.judgment <= self.computed_on)
    }

    /// The debtor's open procédure collective when it is a liquidation judiciaire: its sums not
    /// yet due became exigible (art. L. 643-1 C. com.) and its liquidateur represents it (L. 641-9).
    pub fn open_liquidation(&self) -> Option<&Insolvency> {
        self.open_insolvency().filter(|p| p.kind == InsolvencyKind::Liquidation)
    }

    /// The last day penalties and interest run: the eve of the opening judgment of a procédure
    /// collective, which stops them (art. L. 622-28 C. com., applied to redressement and
    /// liquidation by L. 631-14 and L. 641-3) and takes effect from the first hour of its date. The
    /// décompte of a declaration is drawn up to that day inclusive.
    pub fn interest_stop(&self) -> Option<NaiveDate> {
        self.open_insolvency().and_then(|p| p.judgment.pred_opt())
    }
}

impl Case {
    /// Whether a partial ordonnance rejected this invoice (`factures_rejetees`): once the ordonnance
    /// is served it is no longer claimed (art. 1409 CPC), so it leaves what the commissaire gets.
    pub fn rejected_by_title(&self, number: &str) -> bool {
        self.procedure.order.as_ref().is_some_and(|o| o.partial && o.rejected_invoices.iter().any(|n| n == number))
    }
}
