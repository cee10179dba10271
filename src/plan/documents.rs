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
}

impl DocKind {
    /// Role in the manifest; also the template name for generated documents.
    pub fn role(self) -> &'static str {
        match self {
            DocKind::Reminder { .. } => "relance",
            DocKind::FormalNotice => crate::ground::manifest::ROLE_FORMAL_NOTICE,
            DocKind::History => "historique_des_relances",
            DocKind::Statement => "decompte",
            DocKind::RegistryLetter => "lettre_au_greffe",
            DocKind::PaymentOrderRequest => "requete_injonction_de_payer",
            DocKind::ExhibitList => "bordereau_de_pieces",
            DocKind::SmallClaimsRequest => "demande_petites_creances",
            DocKind::BailiffLetter => "lettre_au_commissaire",
            DocKind::DebtorSheet => "fiche_debiteur",
            DocKind::Order => "ordonnance",
            DocKind::FiledRequest => "requete_deposee",
        }
    }

    /// The Typst template that renders it (`templates/<name>.typ`).
    pub fn template(self) -> &'static str {
        match self {
            DocKind::Reminder { .. } => "relance",
            DocKind::FormalNotice => "mise-en-demeure",
            DocKind::History => "historique",
            DocKind::Statement => "decompte",
            DocKind::RegistryLetter => "lettre-greffe",
            DocKind::PaymentOrderRequest => "requete",
            DocKind::ExhibitList => "bordereau",
            DocKind::SmallClaimsRequest => "petites-creances",
            DocKind::BailiffLetter => "lettre-commissaire",
            DocKind::DebtorSheet => "fiche-debiteur",
            DocKind::Order | DocKind::FiledRequest => "document-fourni",
        }
    }

    fn slug_and_title(self) -> (String, String) {
        let (slug, title) = match self {
            DocKind::Reminder { level } => return (format!("relance-{level}"), format!("Relance n° {level}")),
            DocKind::FormalNotice => ("mise-en-demeure", "Mise en demeure"),
            DocKind::History => ("historique-des-relances", "Historique des relances"),
            DocKind::Statement => ("decompte", "Décompte de la créance"),
            DocKind::RegistryLetter => ("lettre-au-greffe", "Lettre au greffe"),
            DocKind::PaymentOrderRequest => ("requete-injonction-de-payer", "Requête en injonction de payer"),
            DocKind::ExhibitList => ("bordereau-de-pieces", "Bordereau de pièces"),
            DocKind::SmallClaimsRequest => ("demande-petites-creances", "Demande de recouvrement de petite créance"),
            DocKind::BailiffLetter => ("lettre-au-commissaire-de-justice", "Lettre au commissaire de justice"),
            DocKind::DebtorSheet => ("fiche-debiteur", "Fiche d'identification du débiteur"),
            DocKind::Order => ("ordonnance-injonction-de-payer", "Ordonnance portant injonction de payer"),
            DocKind::FiledRequest => ("requete-deposee", "Requête en injonction de payer déposée"),
        };
        (slug.to_string(), title.to_string())
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
    let has_reminders = !case.reminders.is_empty() || case.formal_notice.is_some();
    let mut kinds: Vec<(DocKind, Option<PieceSource>)> = Vec::new();
    let mut add = |k: DocKind| kinds.push((k, None));
    match step {
        Step::Relance => {
            if let Some(level) = reminder_level {
                add(DocKind::Reminder { level });
            }
            add(DocKind::Statement);
            if has_reminders {
                add(DocKind::History);
            }
        }
        Step::MiseEnDemeure => {
            if let Some(level) = reminder_level {
                add(DocKind::Reminder { level });
            }
            add(DocKind::FormalNotice);
            add(DocKind::Statement);
            if has_reminders {
                add(DocKind::History);
            }
        }
        Step::Attente => {
            add(DocKind::Statement);
            add(DocKind::History);
        }
        Step::InjonctionDePayer => {
            add(DocKind::RegistryLetter);
            add(DocKind::PaymentOrderRequest);
            add(DocKind::ExhibitList);
            add(DocKind::Statement);
            add(DocKind::History);
        }
        Step::PetitesCreances => {
            add(DocKind::BailiffLetter);
            add(DocKind::SmallClaimsRequest);
            add(DocKind::ExhibitList);
            add(DocKind::Statement);
            add(DocKind::History);
        }
        Step::Signification => {
            add(DocKind::BailiffLetter);
            if let Some(order) = &case.procedure.order {
                kinds.push((DocKind::Order, Some(PieceSource::File { file: order.file.clone() })));
            }
            if let Some(source) = filed_request {
                kinds.push((DocKind::FiledRequest, Some(source)));
            }
            kinds.push((DocKind::ExhibitList, None));
            kinds.push((DocKind::Statement, None));
            kinds.push((DocKind::DebtorSheet, None));
        }
    }
    let first =
        if matches!(kinds.first(), Some((DocKind::RegistryLetter | DocKind::BailiffLetter, _))) { 0 } else { 1 };
    kinds
        .into_iter()
        .enumerate()
        .map(|(i, (kind, source))| {
            let (slug, title) = kind.slug_and_title();
            PlannedDocument { kind, output: format!("{:02}-{slug}.pdf", i + first), title, source }
        })
        .collect()
}
