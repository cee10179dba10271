//! The validated case: the procedure (what was filed, where, the order obtained) and a hold on the case. English names, checked values.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::file_ref::FileRef;
use super::parties::Address;
use super::routes::{AmicableAttempt, Hearing};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcedureKind {
    Reminder,
    FormalNotice,
    PaymentOrder,
    SmallClaims,
    /// Assignation en référé-provision (art. 835 and 873 CPC).
    InterimPayment,
    /// Assignation en paiement au fond.
    Merits,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CourtKind {
    Commercial,
    EconomicActivities,
    Judicial,
}

#[derive(Debug, Clone, Serialize)]
pub struct CourtChoice {
    pub kind: Option<CourtKind>,
    pub city: Option<String>,
    pub address: Option<Address>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bailiff {
    pub office: String,
    pub address: Address,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Order {
    pub date: NaiveDate,
    pub number: Option<String>,
    pub file: FileRef,
    /// The requête as filed, when supplied.
    pub request: Option<FileRef>,
    /// Only part of the claim granted (« rejetons le surplus », art. 1409 CPC).
    pub partial: bool,
    /// Invoices the ordonnance rejects (`factures_rejetees`): they leave what the commissaire gets.
    pub rejected_invoices: Vec<String>,
    /// The sums granted, head by head (`sommes`).
    pub granted: Option<super::enforcement::Granted>,
    pub service: Option<super::enforcement::Service>,
    pub opposition: Option<super::enforcement::Opposition>,
    pub certificate: Option<super::enforcement::Certificate>,
    /// From 1 September 2026: ask the greffe for a certificat anyway (`demander_certificat`).
    pub certificate_wanted: bool,
    /// Enforcement acts done (`execution`).
    pub acts: Vec<super::enforcement::EnforcementAct>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Procedure {
    pub kind: Option<ProcedureKind>,
    pub court: Option<CourtChoice>,
    pub bailiff: Option<Bailiff>,
    pub order: Option<Order>,
    /// Registry fee of a commercial court, when the user knows it.
    pub registry_fee: Option<Decimal>,
    pub fee_payment: Option<FeePayment>,
    /// How the requête is filed (`depot`); `None`: derived from `fee_payment`.
    pub filing: Option<Filing>,
    /// Petites créances: the payment plan the creditor proposes.
    pub proposal: Option<PaymentPlan>,
    /// The hearing an assignation summons to.
    pub hearing: Option<Hearing>,
    /// Art. 750-1 CPC: the prior amicable attempt, or its exemption.
    pub amicable: Option<AmicableAttempt>,
    /// Assignation: the sum asked under art. 700 CPC.
    pub article_700: Option<Decimal>,
}

/// Equal monthly instalments, the last one adjusted to the cent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PaymentPlan {
    pub instalments: u32,
    pub first: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Filing {
    /// A letter to the greffe, by post or at its desk.
    Paper,
    /// Online on tribunaldigital.fr (commercial courts only).
    TribunalDigital,
}

impl Procedure {
    /// The filing channel: as written, else online when the fees are paid online, else paper.
    pub fn filing_channel(&self) -> Filing {
        self.filing.unwrap_or(if self.fee_payment == Some(FeePayment::Online) {
            Filing::TribunalDigital
        } else {
            Filing::Paper
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeePayment {
    Cheque,
    Transfer,
    Online,
}

/// A hold (`suspendu`): a dispute under discussion, a payment plan agreed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hold {
    pub since: NaiveDate,
    pub reason: String,
    /// Last day of the hold; `None`: until the user removes it.
    pub until: Option<NaiveDate>,
}

impl Hold {
    /// Whether the hold covers day `on`.
    pub fn covers(&self, on: NaiveDate) -> bool {
        self.since <= on && self.until.is_none_or(|u| on <= u)
    }
}
