//! The steps of the recovery ladder, and the step a case has reached with its reasons.

use chrono::NaiveDate;
use serde::Serialize;

/// A step of the recovery ladder; its French name (`code`) is what the user and the files see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Step {
    /// No invoice due yet: nothing can be claimed before the first due date has passed
    /// (not in [`Step::ALL`]: never asked for).
    #[serde(rename = "non_echu")]
    NotYetDue,
    /// Amicable reminders only (relance).
    #[serde(rename = "relance")]
    Reminder,
    /// The mise en demeure to send (with the relance due, if any).
    #[serde(rename = "mise_en_demeure")]
    FormalNotice,
    /// Mise en demeure sent, its deadline not passed: nothing to file yet (attente).
    #[serde(rename = "attente")]
    Waiting,
    /// Court dossier: requête en injonction de payer.
    #[serde(rename = "injonction_de_payer")]
    PaymentOrder,
    /// Request to a commissaire de justice (petites créances, art. L. 125-1 CPCE).
    #[serde(rename = "petites_creances")]
    SmallClaims,
    /// Ordonnance issued: service (signification) and enforcement by a commissaire de justice.
    #[serde(rename = "signification")]
    Service,
    /// Assignation en référé-provision, for a commissaire de justice to serve (art. 835, 873 CPC).
    #[serde(rename = "refere_provision")]
    InterimPayment,
    /// Assignation en paiement au fond, for a commissaire de justice to serve.
    #[serde(rename = "assignation")]
    Merits,
    /// Debtor under a procédure collective: déclaration de créance (L. 622-24 C. com.).
    #[serde(rename = "declaration_de_creance")]
    ClaimFiling,
    /// Declaration deadline passed: requête en relevé de forclusion (L. 622-26 C. com.).
    #[serde(rename = "releve_de_forclusion")]
    ForeclosureRelief,
    /// Ordonnance served: opposition month, certificat de non-opposition or no-notice statement,
    /// then the enforcement request (`plan::enforcement`).
    #[serde(rename = "execution")]
    Enforcement,
}

impl Step {
    /// Every step, in ladder order.
    pub const ALL: [Step; 11] = [
        Step::Reminder,
        Step::FormalNotice,
        Step::Waiting,
        Step::PaymentOrder,
        Step::SmallClaims,
        Step::Service,
        Step::InterimPayment,
        Step::Merits,
        Step::ClaimFiling,
        Step::ForeclosureRelief,
        Step::Enforcement,
    ];

    /// The step whose [`code`](Step::code) is `code`.
    pub fn from_code(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Step::NotYetDue => "aucune facture échue : rien n'est encore exigible",
            Step::Reminder => "relance amiable",
            Step::FormalNotice => "mise en demeure à envoyer",
            Step::Waiting => "attente de l'expiration du délai de la mise en demeure",
            Step::PaymentOrder => "requête en injonction de payer",
            Step::SmallClaims => "procédure simplifiée de recouvrement des petites créances",
            Step::Service => "signification et exécution de l'ordonnance",
            Step::InterimPayment => "assignation en référé-provision",
            Step::Merits => "assignation en paiement au fond",
            Step::ClaimFiling => "déclaration de créance au mandataire judiciaire",
            Step::ForeclosureRelief => "requête en relevé de forclusion et déclaration de créance",
            Step::Enforcement => "exécution de l'ordonnance signifiée",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Step::NotYetDue => "non_echu",
            Step::Reminder => "relance",
            Step::FormalNotice => "mise_en_demeure",
            Step::Waiting => "attente",
            Step::PaymentOrder => "injonction_de_payer",
            Step::SmallClaims => "petites_creances",
            Step::Service => "signification",
            Step::InterimPayment => "refere_provision",
            Step::Merits => "assignation",
            Step::ClaimFiling => "declaration_de_creance",
            Step::ForeclosureRelief => "releve_de_forclusion",
            Step::Enforcement => "execution",
        }
    }

    /// Rank on the ladder: a step of lower rank comes before.
    pub fn rank(self) -> u8 {
        match self {
            Step::NotYetDue => 0,
            Step::Reminder => 1,
            Step::FormalNotice => 2,
            Step::Waiting => 3,
            Step::PaymentOrder | Step::SmallClaims | Step::InterimPayment | Step::Merits => 4,
            Step::Service => 5,
            // An insolvency stops every other route (art. L. 622-21 C. com.).
            Step::ClaimFiling | Step::ForeclosureRelief => 6,
            Step::Enforcement => 6,
        }
    }

    /// Court or commissaire steps: the filing rules of the checklist apply.
    pub fn is_judicial(self) -> bool {
        matches!(
            self,
            Step::PaymentOrder
                | Step::SmallClaims
                | Step::Service
                | Step::InterimPayment
                | Step::Merits
                | Step::ClaimFiling
                | Step::ForeclosureRelief
                | Step::Enforcement
        )
    }

    /// An assignation, served by a commissaire de justice for a hearing.
    pub fn is_summons(self) -> bool {
        matches!(self, Step::InterimPayment | Step::Merits)
    }

    /// A step of the debtor's procédure collective (no mise en demeure needed, no court action).
    pub fn is_insolvency(self) -> bool {
        matches!(self, Step::ClaimFiling | Step::ForeclosureRelief)
    }
}

/// The step reached, with the reasons, in French.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepDecision {
    pub step: Step,
    pub reasons: Vec<String>,
    /// First day a court or a commissaire may be seized (day after the deadline).
    pub filing_from: Option<NaiveDate>,
}
