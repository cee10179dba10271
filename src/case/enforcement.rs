//! The validated case after the ordonnance: the title as granted, its life (signification,
//! opposition, certificat, enforcement acts) and the debtor's known assets.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::file_ref::FileRef;
use super::parties::Address;

/// What the ordonnance grants, head by head; these figures replace the claim's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Granted {
    pub principal: Decimal,
    pub interest: Option<GrantedInterest>,
    /// Penalties or interest fixed at a sum by the title.
    pub penalties: Decimal,
    pub indemnity: Decimal,
    pub penalty_clause: Decimal,
    pub article_700: Decimal,
    /// Liquidated costs (dépens): costs, imputed before interest.
    pub costs: Decimal,
}

impl Granted {
    /// The capital heads that bear no interest (everything granted but the principal and the dépens).
    pub fn other_heads(&self) -> Decimal {
        self.penalties + self.indemnity + self.penalty_clause + self.article_700
    }
}

/// The rate the title fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "taux")]
pub enum GrantedRate {
    /// The taux d'intérêt légal of the creditor's category, by half-year (L. 313-2 CMF).
    Legal,
    /// ECB + 10 points, by half-year (L. 441-10 C. com.).
    EcbPlusTen,
    Fixed(Decimal),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GrantedInterest {
    pub rate: GrantedRate,
    /// First day of interest (inclusive).
    pub from: NaiveDate,
    /// The +5 points of L. 313-3 CMF apply (legal rate only); false when the JEX set it aside.
    pub surcharge: bool,
    /// The first surcharged day, when the user gives it instead of the derived one.
    pub surcharge_from: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceMode {
    InPerson,
    AtHome,
    Search,
}

impl ServiceMode {
    pub fn label(self) -> &'static str {
        match self {
            ServiceMode::InPerson => "à personne",
            ServiceMode::AtHome => "à domicile",
            ServiceMode::Search => "par procès-verbal de recherches (art. 659 CPC)",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    pub date: NaiveDate,
    pub officer: String,
    pub mode: ServiceMode,
    pub file: Option<FileRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Opposition {
    pub date: NaiveDate,
    /// When the greffe's notice reached the creditor.
    pub notice: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Certificate {
    pub date: NaiveDate,
    pub file: FileRef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnforcementKind {
    Attachment,
    Sale,
    Wages,
}

impl EnforcementKind {
    pub fn label(self) -> &'static str {
        match self {
            EnforcementKind::Attachment => "saisie-attribution",
            EnforcementKind::Sale => "saisie-vente",
            EnforcementKind::Wages => "saisie des rémunérations",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnforcementAct {
    pub kind: EnforcementKind,
    pub date: NaiveDate,
    pub third_party: Option<String>,
    /// Cost borne by the debtor (L. 111-8 CPCE).
    pub cost: Decimal,
    /// Sum recovered and the day it was received.
    pub recovered: Option<(NaiveDate, Decimal)>,
    pub file: Option<FileRef>,
    /// Where it is written (`procedure.ordonnance.execution[0]`).
    #[serde(skip)]
    pub field: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub iban: String,
    pub bic: Option<String>,
    pub bank: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Employer {
    pub name: String,
    pub address: Option<Address>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Asset {
    pub description: String,
    pub place: Option<String>,
}

/// What the creditor knows of the debtor's assets (`debiteur.comptes`, `employeur`, `biens`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct DebtorAssets {
    pub accounts: Vec<Account>,
    pub employer: Option<Employer>,
    pub goods: Vec<Asset>,
}

impl DebtorAssets {
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty() && self.employer.is_none() && self.goods.is_empty()
    }
}
