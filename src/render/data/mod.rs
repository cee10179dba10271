//! Case + claim + plan → the typed data each template reads. Never Typst source: names, amounts
//! and free text reach the templates as data, so nothing a user writes can run as code.
//!
//! One `Serialize + JsonSchema` struct per template; [`PartData`] names them all, and its schema
//! (`recouvre schema --donnees`, committed as `schemas/template-data.schema.json`) is what a
//! template author can rely on. Field names are French (the templates' vocabulary); amounts
//! (`format::data::Money`) and days (`Day`) reach templates written (« 1 234,50 € », « 2 septembre
//! 2026 »), so templates format nothing. An `Option` prints `null`; a field that is absent rather
//! than `null` says so with `skip_serializing_if` (templates read it with `.at(k, default:)`).
//! The data types' doc comments are French: schemars makes them the schema's descriptions, which
//! template authors read.

pub mod base;
pub mod basis;
pub mod common;
pub mod court;
pub mod declared;
pub mod enforcement;
pub mod history;
pub mod letters;
pub mod parts;
pub mod routes;
pub mod schema;
pub mod sheet;
pub mod statement;

use schemars::JsonSchema;
use serde::Serialize;

/// Declares [`PartData`]: one variant per template, serialized as `{"template": …, "data": …}`
/// (what `templates/main.typ` reads), and its template's name.
macro_rules! part_data {
    ($($(#[$doc:meta])* $variant:ident($ty:ty) = $name:literal,)*) => {
        /// Ce qu’une partie d’une compilation remet à son modèle : le nom du modèle et ses données.
        #[derive(Debug, Clone, Serialize, JsonSchema)]
        #[serde(tag = "template", content = "data")]
        pub enum PartData {
            $($(#[$doc])* #[serde(rename = $name)] $variant(Box<$ty>),)*
        }

        impl PartData {
            /// The template (`templates/<name>.typ`) that lays this part out.
            pub fn template(&self) -> &'static str {
                match self {
                    $(Self::$variant(_) => $name,)*
                }
            }

            /// The creditor of a document (none for the cover, a pièce or a supplied document).
            pub fn creditor_mut(&mut self) -> Option<&mut common::PartyData> {
                match self {
                    $(Self::$variant(d) => d.creditor_mut(),)*
                }
            }

            /// The data alone, as JSON, amounts and days as machine strings (what the e-mails read).
            pub fn to_value(&self) -> serde_json::Value {
                match self {
                    $(Self::$variant(d) => serde_json::to_value(d).unwrap_or_default(),)*
                }
            }

            /// What the template receives under `data`: amounts and days written
            /// (`{"texte", "court", "nul"}`, `{"texte", "court"}`), with their English forms
            /// (`en`, `en_court`) in the letters a debtor may read in English.
            pub fn to_template_value(&self) -> serde_json::Value {
                let english = matches!(self, Self::Reminder(_) | Self::FormalNotice(_));
                crate::format::data::written(english, || self.to_value())
            }
        }
    };
}

part_data! {
    /// La couverture et le sommaire d’un dossier assemblé.
    Cover(parts::CoverData) = "couverture",
    /// Une relance (niveaux 1 à 3).
    Reminder(letters::ReminderData) = "relance",
    /// La mise en demeure.
    FormalNotice(letters::FormalNoticeData) = "mise-en-demeure",
    /// L’historique des relances.
    History(history::HistoryData) = "historique",
    /// Le décompte détaillé.
    Statement(statement::StatementData) = "decompte",
    /// Une tranche d’un long décompte, mise en page seule.
    StatementSlice(statement::StatementSliceData) = "decompte-tranche",
    /// Les numéros de page d’un long décompte, mis en page seuls.
    Folios(statement::FoliosData) = "folios",
    /// La lettre d’accompagnement au greffe.
    RegistryLetter(letters::RegistryLetterData) = "lettre-greffe",
    /// La requête en injonction de payer.
    PaymentOrderRequest(court::PaymentOrderRequestData) = "requete",
    /// Le bordereau de pièces.
    ExhibitList(court::ExhibitListData) = "bordereau",
    /// La demande de recouvrement des petites créances à un commissaire de justice.
    SmallClaimsRequest(court::SmallClaimsData) = "petites-creances",
    /// La lettre d’accompagnement au commissaire de justice.
    BailiffLetter(letters::BailiffLetterData) = "lettre-commissaire",
    /// La fiche d’identification du débiteur.
    DebtorSheet(sheet::DebtorSheetData) = "fiche-debiteur",
    /// Un document fourni (ordonnance, requête déposée, acte, certificat).
    Supplied(parts::SuppliedDocumentData) = "document-fourni",
    /// Une assignation (en référé-provision ou au fond).
    Summons(routes::SummonsData) = "assignation",
    /// La déclaration de créance.
    ClaimDeclaration(routes::ClaimDeclarationData) = "declaration-creance",
    /// La requête en relevé de forclusion.
    ForeclosureRequest(routes::ForeclosureRequestData) = "releve-forclusion",
    /// La demande de certificat de non-opposition.
    CertificateRequest(enforcement::CertificateRequestData) = "certificat-demande",
    /// La déclaration qu’aucun avis d’opposition n’est parvenu.
    NoNoticeStatement(enforcement::NoNoticeData) = "declaration-absence-opposition",
    /// Le décompte selon le titre.
    TitleStatement(enforcement::TitleStatementData) = "decompte-titre",
    /// La demande d’exécution au commissaire de justice.
    EnforcementRequest(enforcement::EnforcementRequestData) = "demande-execution",
    /// Une pièce fournie, tamponnée.
    Piece(parts::PieceData) = "piece",
    /// Un relevé qui tient lieu d’une facture ou d’un bon de livraison non fourni.
    EstablishedStatement(parts::EstablishedStatementData) = "releve",
}

/// Where a part's data names the creditor.
trait Creditor {
    fn creditor_mut(&mut self) -> Option<&mut common::PartyData>;
}

impl Creditor for base::Base {
    fn creditor_mut(&mut self) -> Option<&mut common::PartyData> {
        Some(&mut self.creancier)
    }
}

/// Data whose creditor is in its flattened `base` (or `common.base`), or that names none.
macro_rules! creditor {
    (base: $($ty:ty),*) => { $(impl Creditor for $ty {
        fn creditor_mut(&mut self) -> Option<&mut common::PartyData> { self.base.creditor_mut() }
    })* };
    (common: $($ty:ty),*) => { $(impl Creditor for $ty {
        fn creditor_mut(&mut self) -> Option<&mut common::PartyData> { self.common.base.creditor_mut() }
    })* };
    (none: $($ty:ty),*) => { $(impl Creditor for $ty {
        fn creditor_mut(&mut self) -> Option<&mut common::PartyData> { None }
    })* };
}

creditor!(base: parts::CoverData, letters::ReminderData, letters::FormalNoticeData, history::HistoryData,
    statement::StatementData, letters::RegistryLetterData, court::PaymentOrderRequestData, court::ExhibitListData,
    court::SmallClaimsData, letters::BailiffLetterData, sheet::DebtorSheetData, routes::SummonsData,
    routes::ClaimDeclarationData, routes::ForeclosureRequestData, parts::EstablishedStatementData);
creditor!(common: enforcement::CertificateRequestData, enforcement::NoNoticeData, enforcement::TitleStatementData,
    enforcement::EnforcementRequestData);
creditor!(none: parts::SuppliedDocumentData, parts::PieceData, statement::FoliosData);

impl Creditor for statement::StatementSliceData {
    fn creditor_mut(&mut self) -> Option<&mut common::PartyData> {
        self.statement.base.creditor_mut()
    }
}
