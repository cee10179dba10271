//! Which documents a step produces, in filing order, with their file names.

use serde::Serialize;

use super::pieces::PieceSource;
use super::step::Step;
use crate::case::model::Case;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum DocKind {
    Reminder {
        level: u8,
    },
    FormalNotice,
    History,
    Statement,
    RegistryLetter,
    PaymentOrderRequest,
    ExhibitList,
    SmallClaimsRequest,
    BailiffLetter,
    DebtorSheet,
    /// The ordonnance as issued (supplied file).
    Order,
    /// The requête as filed (supplied file or earlier output).
    FiledRequest,
    /// Assignation en référé-provision (`interim`) or en paiement au fond.
    Summons {
        interim: bool,
    },
    /// Déclaration de créance to the mandataire judiciaire (L. 622-24 C. com.).
    ClaimDeclaration,
    /// Requête en relevé de forclusion to the juge-commissaire (L. 622-26 C. com.).
    ForeclosureRequest,
    /// Letter to the greffe asking for the certificat de non-opposition (art. 505 CPC).
    CertificateRequest,
    /// The creditor's statement that no greffe notice of opposition came (décret n° 2026-96).
    NoNoticeStatement,
    /// The décompte of the sums due under the title.
    TitleStatement,
    /// The enforcement request to the commissaire de justice.
    EnforcementRequest,
    /// The act of signification (supplied file).
    ServiceAct,
    /// The certificat de non-opposition (supplied file).
    Certificate,
}

/// What a document kind is: its role in the manifest, its template, its file slug and its title.
/// (Its data builder is the one `match` of `render::assemble`, which `plan` cannot name.)
#[derive(Debug, Clone, Copy)]
pub struct KindInfo {
    pub role: &'static str,
    /// The Typst template that renders it (`templates/<name>.typ`).
    pub template: &'static str,
    pub slug: &'static str,
    pub title: &'static str,
}

const fn row(role: &'static str, template: &'static str, slug: &'static str, title: &'static str) -> KindInfo {
    KindInfo { role, template, slug, title }
}

impl DocKind {
    /// Every kind once (one relance stands for all levels), for the templates guide and the
    /// sample generator; a test ties it to the enum.
    pub const EVERY: [DocKind; 22] = [
        DocKind::Reminder { level: 1 },
        DocKind::FormalNotice,
        DocKind::History,
        DocKind::Statement,
        DocKind::RegistryLetter,
        DocKind::PaymentOrderRequest,
        DocKind::ExhibitList,
        DocKind::SmallClaimsRequest,
        DocKind::BailiffLetter,
        DocKind::DebtorSheet,
        DocKind::Order,
        DocKind::FiledRequest,
        DocKind::Summons { interim: true },
        DocKind::Summons { interim: false },
        DocKind::ClaimDeclaration,
        DocKind::ForeclosureRequest,
        DocKind::CertificateRequest,
        DocKind::NoNoticeStatement,
        DocKind::TitleStatement,
        DocKind::EnforcementRequest,
        DocKind::ServiceAct,
        DocKind::Certificate,
    ];

    /// The one table of document kinds.
    pub const fn info(self) -> KindInfo {
        use crate::ground::manifest::ROLE_FORMAL_NOTICE;
        match self {
            // The level is appended to the slug, its number in the case's history to the title.
            DocKind::Reminder { .. } => row("relance", "relance", "relance", "Relance n°"),
            DocKind::FormalNotice => row(ROLE_FORMAL_NOTICE, "mise-en-demeure", "mise-en-demeure", "Mise en demeure"),
            DocKind::History => {
                row("historique_des_relances", "historique", "historique-des-relances", "Historique des relances")
            }
            DocKind::Statement => row("decompte", "decompte", "decompte", "Décompte de la créance"),
            DocKind::RegistryLetter => row("lettre_au_greffe", "lettre-greffe", "lettre-au-greffe", "Lettre au greffe"),
            DocKind::PaymentOrderRequest => row(
                "requete_injonction_de_payer",
                "requete",
                "requete-injonction-de-payer",
                "Requête en injonction de payer",
            ),
            DocKind::ExhibitList => {
                row("bordereau_de_pieces", "bordereau", "bordereau-de-pieces", "Bordereau de pièces")
            }
            DocKind::SmallClaimsRequest => row(
                "demande_petites_creances",
                "petites-creances",
                "demande-petites-creances",
                "Demande de recouvrement de petite créance",
            ),
            DocKind::BailiffLetter => row(
                "lettre_au_commissaire",
                "lettre-commissaire",
                "lettre-au-commissaire-de-justice",
                "Lettre au commissaire de justice",
            ),
            DocKind::DebtorSheet => {
                row("fiche_debiteur", "fiche-debiteur", "fiche-debiteur", "Fiche d'identification du débiteur")
            }
            DocKind::Order => row(
                "ordonnance",
                "document-fourni",
                "ordonnance-injonction-de-payer",
                "Ordonnance portant injonction de payer",
            ),
            DocKind::FiledRequest => {
                row("requete_deposee", "document-fourni", "requete-deposee", "Requête en injonction de payer déposée")
            }
            DocKind::Summons { interim: true } => {
                row("assignation", "assignation", "assignation-en-refere-provision", "Assignation en référé-provision")
            }
            DocKind::Summons { interim: false } => {
                row("assignation", "assignation", "assignation-en-paiement", "Assignation en paiement")
            }
            DocKind::ClaimDeclaration => {
                row("declaration_de_creance", "declaration-creance", "declaration-de-creance", "Déclaration de créance")
            }
            DocKind::ForeclosureRequest => row(
                "requete_releve_de_forclusion",
                "releve-forclusion",
                "requete-en-releve-de-forclusion",
                "Requête en relevé de forclusion",
            ),
            DocKind::CertificateRequest => row(
                "demande_certificat_non_opposition",
                "certificat-demande",
                "demande-certificat-non-opposition",
                "Demande de certificat de non-opposition",
            ),
            DocKind::NoNoticeStatement => row(
                "declaration_absence_opposition",
                "declaration-absence-opposition",
                "declaration-absence-opposition",
                "Déclaration d’absence d’avis d’opposition",
            ),
            DocKind::TitleStatement => row(
                "decompte_titre",
                "decompte-titre",
                "decompte-selon-le-titre",
                "Décompte des sommes dues en vertu du titre",
            ),
            DocKind::EnforcementRequest => row(
                "demande_execution",
                "demande-execution",
                "demande-execution-commissaire-de-justice",
                "Demande d’exécution au commissaire de justice",
            ),
            DocKind::ServiceAct => row(
                "acte_de_signification",
                "document-fourni",
                "acte-de-signification",
                "Acte de signification de l’ordonnance",
            ),
            DocKind::Certificate => row(
                "certificat_non_opposition",
                "document-fourni",
                "certificat-de-non-opposition",
                "Certificat de non-opposition",
            ),
        }
    }

    /// Role in the manifest.
    pub fn role(self) -> &'static str {
        self.info().role
    }

    /// The Typst template that renders it (`templates/<name>.typ`).
    pub fn template(self) -> &'static str {
        self.info().template
    }

    /// A relance's title gives its number in the case's history, as the letter itself says: after
    /// two written relances, the third. Its file keeps the level asked (the tone, which
    /// `--niveau` may force), so that `relance --niveau 2` writes `relance-2`; the two agree
    /// whenever the plan chooses the level.
    fn slug_and_title(self, case: &Case) -> (String, String) {
        let KindInfo { slug, title, .. } = self.info();
        match self {
            DocKind::Reminder { level } => {
                let number = super::step::written_reminders(case) + 1;
                (format!("{slug}-{level}"), format!("{title} {number}"))
            }
            _ => (slug.to_string(), title.to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedDocument {
    pub kind: DocKind,
    /// `01-requete-injonction-de-payer.pdf`.
    pub output: String,
    pub title: String,
    /// For documents that are supplied files rather than generated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<PieceSource>,
}

/// The documents of a step, numbered from 00 when the first is a cover letter, else from 01.
pub fn documents(
    case: &Case,
    step: Step,
    reminder_level: Option<u8>,
    filed_request: Option<PieceSource>,
) -> Vec<PlannedDocument> {
    let mut kinds: Vec<(DocKind, Option<PieceSource>)> = Vec::new();
    let mut add = |k: DocKind| kinds.push((k, None));
    match step {
        // Nothing is owed yet: no document.
        Step::NotYetDue => {}
        Step::Reminder => {
            if let Some(level) = reminder_level {
                add(DocKind::Reminder { level });
            }
            // The décompte only: the « Historique des relances » (« X contre Y ») is written for
            // the court file, not for a debtor still being reminded; it goes with the judicial steps.
            add(DocKind::Statement);
        }
        Step::FormalNotice => {
            if let Some(level) = reminder_level {
                add(DocKind::Reminder { level });
            }
            // What the debtor receives, no more: the history of reminders is the creditor's record,
            // written for the court file (the next steps produce it).
            add(DocKind::FormalNotice);
            add(DocKind::Statement);
        }
        Step::Waiting => {
            add(DocKind::Statement);
            add(DocKind::History);
        }
        Step::PaymentOrder => {
            add(DocKind::RegistryLetter);
            add(DocKind::PaymentOrderRequest);
            add(DocKind::ExhibitList);
            add(DocKind::Statement);
            add(DocKind::History);
        }
        Step::SmallClaims => {
            add(DocKind::BailiffLetter);
            add(DocKind::SmallClaimsRequest);
            add(DocKind::ExhibitList);
            add(DocKind::Statement);
            add(DocKind::History);
        }
        Step::Service => {
            add(DocKind::BailiffLetter);
            if let Some(order) = &case.procedure.order {
                kinds.push((DocKind::Order, Some(PieceSource::File { file: order.file.clone() })));
            }
            if let Some(source) = filed_request {
                kinds.push((DocKind::FiledRequest, Some(source)));
            }
            kinds.push((DocKind::ExhibitList, None));
            // The sums the ordonnance grants, not the requête's: after a partial grant, the
            // rejected part is not claimed (art. 1409 CPC).
            let granted = case.procedure.order.as_ref().is_some_and(|o| o.granted.is_some());
            kinds.push((if granted { DocKind::TitleStatement } else { DocKind::Statement }, None));
            kinds.push((DocKind::DebtorSheet, None));
        }
        Step::InterimPayment | Step::Merits => {
            add(DocKind::BailiffLetter);
            add(DocKind::Summons { interim: step == Step::InterimPayment });
            add(DocKind::ExhibitList);
            add(DocKind::Statement);
            add(DocKind::History);
        }
        Step::ClaimFiling => {
            add(DocKind::ClaimDeclaration);
            add(DocKind::ExhibitList);
            add(DocKind::Statement);
        }
        Step::ForeclosureRelief => {
            add(DocKind::ForeclosureRequest);
            add(DocKind::ClaimDeclaration);
            add(DocKind::ExhibitList);
            add(DocKind::Statement);
        }
        Step::Enforcement => enforcement_documents(case, &mut kinds),
    }
    let first = if matches!(
        kinds.first(),
        Some((
            DocKind::RegistryLetter
                | DocKind::BailiffLetter
                | DocKind::CertificateRequest
                | DocKind::EnforcementRequest,
            _
        ))
    ) {
        0
    } else {
        1
    };
    kinds
        .into_iter()
        .enumerate()
        .map(|(i, (kind, source))| {
            let (slug, title) = kind.slug_and_title(case);
            PlannedDocument { kind, output: format!("{:02}-{slug}.pdf", i + first), title, source }
        })
        .collect()
}

/// After service: the décompte alone while the opposition month runs or after an opposition; the
/// certificat request with the act of signification; or the enforcement dossier — request, no-notice
/// statement (from 1 September 2026), décompte, debtor sheet, title, act of signification, certificat.
fn enforcement_documents(case: &Case, kinds: &mut Vec<(DocKind, Option<PieceSource>)>) {
    use super::enforcement::{TitleState, title_plan};
    use super::title::Regime;
    let (Some(order), Some(plan)) = (&case.procedure.order, title_plan(case)) else { return };
    let supplied = |file: &crate::case::model::FileRef| Some(PieceSource::File { file: file.clone() });
    let service_act = order.service.as_ref().and_then(|s| s.file.as_ref());
    let no_notice = Regime::of(order.date) == Regime::NoNotice;
    match plan.state {
        TitleState::Running | TitleState::Opposed => kinds.push((DocKind::TitleStatement, None)),
        TitleState::CertificateToRequest => {
            kinds.push((DocKind::CertificateRequest, None));
            if let Some(f) = service_act {
                kinds.push((DocKind::ServiceAct, supplied(f)));
            }
        }
        TitleState::Enforceable => {
            kinds.push((DocKind::EnforcementRequest, None));
            if no_notice && order.certificate.is_none() {
                kinds.push((DocKind::NoNoticeStatement, None));
            }
            kinds.push((DocKind::TitleStatement, None));
            kinds.push((DocKind::DebtorSheet, None));
            kinds.push((DocKind::Order, supplied(&order.file)));
            if let Some(f) = service_act {
                kinds.push((DocKind::ServiceAct, supplied(f)));
            }
            if let Some(c) = &order.certificate {
                kinds.push((DocKind::Certificate, supplied(&c.file)));
            }
            // Asked for anyway, after 1 September 2026: the request goes with the dossier.
            if no_notice && order.certificate_wanted && order.certificate.is_none() {
                kinds.push((DocKind::CertificateRequest, None));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new kind must be added here (the match is exhaustive) and, the test says, to `EVERY`.
    fn position(kind: DocKind) -> usize {
        match kind {
            DocKind::Reminder { .. } => 0,
            DocKind::FormalNotice => 1,
            DocKind::History => 2,
            DocKind::Statement => 3,
            DocKind::RegistryLetter => 4,
            DocKind::PaymentOrderRequest => 5,
            DocKind::ExhibitList => 6,
            DocKind::SmallClaimsRequest => 7,
            DocKind::BailiffLetter => 8,
            DocKind::DebtorSheet => 9,
            DocKind::Order => 10,
            DocKind::FiledRequest => 11,
            DocKind::Summons { interim: true } => 12,
            DocKind::Summons { interim: false } => 13,
            DocKind::ClaimDeclaration => 14,
            DocKind::ForeclosureRequest => 15,
            DocKind::CertificateRequest => 16,
            DocKind::NoNoticeStatement => 17,
            DocKind::TitleStatement => 18,
            DocKind::EnforcementRequest => 19,
            DocKind::ServiceAct => 20,
            DocKind::Certificate => 21,
        }
    }

    #[test]
    fn every_kind_is_listed_once() {
        let positions: Vec<usize> = DocKind::EVERY.iter().map(|k| position(*k)).collect();
        assert_eq!(positions, (0..DocKind::EVERY.len()).collect::<Vec<_>>());
    }
}
