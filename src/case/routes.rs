//! The validated blocks that decide the court route: a dispute, the debtor's insolvency, who
//! signs for the creditor, the hearing of an assignation.

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use super::file_ref::FileRef;
use super::parties::Address;

/// What the case says about a dispute, an insolvency and who signs: the facts that choose the
/// court route (`plan::route`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct RouteFacts {
    pub dispute: Option<Dispute>,
    pub insolvency: Option<Insolvency>,
    pub signatory: Option<Signatory>,
}

/// The debtor disputes the claim (`contestation`).
#[derive(Debug, Clone, Serialize)]
pub struct Dispute {
    pub date: NaiveDate,
    pub author: String,
    pub reason: String,
    /// The creditor's remark on the reason, never inside the quotation.
    pub remark: Option<String>,
    pub proof: Option<FileRef>,
    /// The invoices disputed; empty: the whole claim.
    pub invoices: Vec<String>,
    /// The creditor holds the dispute not serious (référé-provision possible).
    pub not_serious: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InsolvencyKind {
    /// Sauvegarde (L. 620-1 C. com.).
    Safeguard,
    /// Redressement judiciaire (L. 631-1 C. com.).
    Reorganisation,
    /// Liquidation judiciaire (L. 640-1 C. com.).
    Liquidation,
}

impl InsolvencyKind {
    /// « procédure de sauvegarde », « redressement judiciaire », « liquidation judiciaire ».
    pub fn label(self) -> &'static str {
        match self {
            InsolvencyKind::Safeguard => "procédure de sauvegarde",
            InsolvencyKind::Reorganisation => "redressement judiciaire",
            InsolvencyKind::Liquidation => "liquidation judiciaire",
        }
    }

    /// « de la procédure de sauvegarde », « du redressement judiciaire »: after « ouverture ».
    pub fn of_label(self) -> &'static str {
        match self {
            InsolvencyKind::Safeguard => "de la procédure de sauvegarde",
            InsolvencyKind::Reorganisation => "du redressement judiciaire",
            InsolvencyKind::Liquidation => "de la liquidation judiciaire",
        }
    }

    /// « ouverte » or « ouvert », agreeing with [`label`](Self::label).
    pub fn opened(self) -> &'static str {
        match self {
            InsolvencyKind::Reorganisation => "ouvert",
            _ => "ouverte",
        }
    }

    /// The article that applies L. 622-21 to 622-28 to this procedure.
    pub fn applying_article(self) -> &'static str {
        match self {
            InsolvencyKind::Safeguard => "L. 622-21",
            InsolvencyKind::Reorganisation => "L. 631-14",
            InsolvencyKind::Liquidation => "L. 641-3",
        }
    }

    /// Who receives the declaration: the mandataire judiciaire, the liquidateur in liquidation.
    pub fn trustee_title(self) -> &'static str {
        match self {
            InsolvencyKind::Liquidation => "liquidateur judiciaire",
            _ => "mandataire judiciaire",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Trustee {
    pub name: String,
    pub address: Address,
    pub email: Option<String>,
}

/// The debtor's collective proceedings (`procedure_collective`).
#[derive(Debug, Clone, Serialize)]
pub struct Insolvency {
    pub kind: InsolvencyKind,
    pub judgment: NaiveDate,
    pub court: String,
    pub number: Option<String>,
    pub published: NaiveDate,
    pub trustee: Trustee,
    pub supervising_judge: Option<String>,
    /// `None`: not said.
    pub notice_received: Option<bool>,
    pub omitted_from_list: bool,
    /// The debtor's list, or the greffe's or mandataire's statement that the claim is not on it.
    pub omission_proof: Option<FileRef>,
    /// The administrateur judiciaire, when one was appointed.
    pub administrator: Option<Trustee>,
    /// The commissaire à l'exécution du plan, once a plan is adopted.
    pub plan_supervisor: Option<Trustee>,
    /// The privilège declared with the claim; `None`: not examined (declared chirographaire).
    pub privilege: Option<Privilege>,
}

/// What secures a declared claim (art. L. 622-25 C. com.).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Privilege {
    /// Examined: none; the claim is chirographaire.
    None,
    /// The carrier's privilège on the goods carried (art. L. 133-7 C. com.).
    Carrier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatoryKind {
    Lawyer,
    Agent,
    Employee,
}

/// Who signs for the creditor when it is not its legal representative (`signataire`).
#[derive(Debug, Clone, Serialize)]
pub struct Signatory {
    pub kind: SignatoryKind,
    pub name: String,
    pub function: Option<String>,
    pub bar: Option<String>,
    pub toque: Option<String>,
    pub address: Option<Address>,
    pub email: Option<String>,
    /// The pouvoir spécial or délégation de pouvoir.
    pub power: Option<FileRef>,
}

/// The hearing the greffe gave for an assignation (`procedure.audience`).
#[derive(Debug, Clone, Serialize)]
pub struct Hearing {
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub room: Option<String>,
    pub address: Address,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AmicableMode {
    Conciliation,
    Mediation,
    ParticipatoryProcedure,
    Exemption,
}

/// The prior amicable attempt of art. 750-1 CPC, or its exemption (`procedure.tentative_amiable`).
#[derive(Debug, Clone, Serialize)]
pub struct AmicableAttempt {
    pub mode: AmicableMode,
    pub date: Option<NaiveDate>,
    pub outcome: String,
    pub proof: Option<FileRef>,
}
