//! Stage `claim`: the décompte — principal after payments and credit notes, late-payment
//! penalties or legal interest by half-year, indemnities — exact to the cent.
//!
//! A pure function of the case, the rate tables and the date. Every amount the documents print
//! comes from here, already rounded: totals are sums of rounded lines, so every column adds up.

mod compute;
mod conventions;
pub mod due;
pub mod half_year;
mod imputation;
mod interest;
pub mod rates;
pub mod rates_file;
mod regime;
pub mod report;
pub mod rounding;
pub mod split_view;
pub mod title;
pub mod view;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::diag::Diagnostic;

pub use compute::{FLAT_INDEMNITY, compute};
pub use rates::RateTables;
pub use regime::{Unclaimed, unclaimed};
pub use report::{to_csv, to_json, to_table};
pub use view::DecompteView;

/// The whole décompte of a case at a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// Interest is computed up to and including this day.
    pub computed_on: NaiveDate,
    /// Which rules applied (professional penalties, legal interest, contract rate).
    pub regime: Regime,
    /// The invoices due at `computed_on` (due date passed): the only ones claimed.
    pub invoices: Vec<InvoiceClaim>,
    /// Invoices not yet due at `computed_on` (due date that day or later): never claimed nor
    /// counted in the totals; a relance may mention them as « à échoir ».
    pub upcoming: Vec<InvoiceClaim>,
    pub totals: Totals,
    /// Part of payments that no invoice could absorb (an error is reported when > 0).
    pub unimputed: Decimal,
    /// The conventions used, as French sentences printed under the décompte.
    pub conventions: Vec<String>,
    /// Warnings about rates and dates (floor of the contract rate, unchecked ECB period…).
    pub warnings: Vec<Diagnostic>,
    /// The décompte under the ordonnance, when the case gives the sums it grants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<title::TitleClaim>,
}

/// The interest rules of a case.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Regime {
    /// Debtor is a professional: penalties from the day after the due date.
    ProfessionalLegalRate,
    ProfessionalContractRate {
        rate: Decimal,
    },
    /// Debtor is a consumer, no contract rate: legal interest from the formal notice's receipt.
    ConsumerLegalInterest {
        category: LegalRateCategory,
        from: Option<NaiveDate>,
    },
    /// Debtor is a consumer with a contract rate: that rate from the due date.
    ConsumerContractRate {
        rate: Decimal,
    },
}

/// The two taux d'intérêt légal (art. L. 313-2 CMF): the creditor's status decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalRateCategory {
    /// Creditor is a natural person not acting for professional purposes.
    Particulier,
    Autre,
}

impl Claim {
    /// Whether nothing is due yet: every invoice is still to fall due.
    pub fn nothing_due_yet(&self) -> bool {
        self.invoices.is_empty() && !self.upcoming.is_empty()
    }

    /// The first day an invoice not yet due can be claimed (the day after its due date).
    pub fn first_claimable(&self) -> Option<NaiveDate> {
        self.upcoming.iter().map(|i| i.due).min().and_then(|d| d.succ_opt())
    }

    /// The principal still owed on the invoices not yet due: what a déclaration de créance adds
    /// to the sums due (à échoir, or exigible by a liquidation, art. L. 643-1 C. com.).
    pub fn upcoming_principal(&self) -> rust_decimal::Decimal {
        self.upcoming.iter().map(|i| i.principal_remaining).filter(|p| p.is_sign_positive()).sum()
    }
}

/// Whether an invoice is due on `on`: its due date has passed (the due date itself is the last
/// day to pay).
pub fn is_due(due: NaiveDate, on: NaiveDate) -> bool {
    due < on
}

impl LegalRateCategory {
    /// `particulier` or `autre`, as written in the tables.
    pub fn from_name(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "particulier" => Some(Self::Particulier),
            "autre" => Some(Self::Autre),
            _ => None,
        }
    }

    /// `particulier` or `autre`, as printed in rate sources and hints.
    pub fn name(self) -> &'static str {
        match self {
            Self::Particulier => "particulier",
            Self::Autre => "autre",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InvoiceClaim {
    pub number: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
    /// Amount TTC of the invoice.
    pub gross: Decimal,
    pub credits: Vec<Credit>,
    pub payments: Vec<Imputation>,
    /// Principal still owed at `computed_on`.
    pub principal_remaining: Decimal,
    pub segments: Vec<Segment>,
    /// Sum of the segments' amounts.
    pub interest_accrued: Decimal,
    /// Part of payments that went to interest.
    pub interest_paid: Decimal,
    /// Interest still owed at `computed_on` (accrued − paid).
    pub interest_remaining: Decimal,
    /// 40 € when the invoice was paid late or is unpaid after its due date (B2B), else 0.
    pub indemnity: Decimal,
    /// principal_remaining + interest_remaining + indemnity.
    pub total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Credit {
    pub number: String,
    pub date: NaiveDate,
    pub amount: Decimal,
    /// Dated back to the invoice (`effet: facture`: a defect, a price reduction): it reduced the
    /// principal before any interest ran, whatever its own date.
    pub from_invoice: bool,
}

/// The share of one payment that went to one invoice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imputation {
    /// Which payment of the case file (index in `paiements`, from 0).
    pub payment: usize,
    pub date: NaiveDate,
    /// Whole amount of the payment as received.
    pub payment_amount: Decimal,
    /// Whether the debtor named this invoice (else imputed by law, art. 1342-10 C. civ.).
    pub designated: bool,
    pub to_interest: Decimal,
    pub to_principal: Decimal,
}

/// Interest on one balance over one period: each day d in (from, to].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// Exclusive start: interest accrues from the next day.
    pub from: NaiveDate,
    /// Inclusive end.
    pub to: NaiveDate,
    pub days: i64,
    pub base: Decimal,
    /// Annual rate in percent.
    pub rate: Decimal,
    /// base × rate × days / 365, rounded to the cent, half away from zero.
    pub amount: Decimal,
    /// How the rate was set, e.g. "BCE 2,15 % + 10 points (2e semestre 2025)".
    pub rate_source: String,
}

impl Segment {
    /// The first day of delay counted: the day after `from`. Every document prints this one, so
    /// that « du 12/06/2026 » means the same everywhere (the day after a due date of 11/06/2026).
    pub fn first_day(&self) -> NaiveDate {
        self.from.succ_opt().unwrap_or(self.from)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Totals {
    pub gross: Decimal,
    pub credits: Decimal,
    pub payments: Decimal,
    pub principal_remaining: Decimal,
    pub interest_accrued: Decimal,
    pub interest_paid: Decimal,
    pub interest_remaining: Decimal,
    pub indemnities: Decimal,
    /// Number of invoices that owe the 40 € indemnity.
    pub indemnity_count: usize,
    pub penalty_clause: Decimal,
    /// principal_remaining + interest_remaining + indemnities + penalty_clause.
    pub total_due: Decimal,
}
