//! Case + claim + plan → the typed data each template reads. Never Typst source: names, amounts
//! and free text reach the templates as data, so nothing a user writes can run as code.
//!
//! One `Serialize + JsonSchema` struct per template; [`PartData`] names them all, and its schema
//! (`recouvre schema --donnees`, committed as `schemas/template-data.schema.json`) is what a
//! template author can rely on. Field names are French (the templates' vocabulary); amounts are
//! decimal strings with two decimals, dates ISO. An `Option` prints `null`; a field that is absent
//! rather than `null` says so with `skip_serializing_if` (templates read it with `.at(k, default:)`).

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
        /// What one part of a compilation hands its template: the template's name and its data.
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

            /// The data alone, as JSON (what the template receives under `data`).
            pub fn to_value(&self) -> serde_json::Value {
                match self {
                    $(Self::$variant(d) => serde_json::to_value(d).unwrap_or_default(),)*
                }
            }
        }
    };
}

part_data! {
    /// The cover and contents of a merged dossier.
    Cover(parts::CoverData) = "couverture",
    /// A relance (levels 1 to 3).
    Reminder(letters::ReminderData) = "relance",
    /// The mise en demeure.
    FormalNotice(letters::FormalNoticeData) = "mise-en-demeure",
    /// The history of the relances.
    History(history::HistoryData) = "historique",
    /// The detailed décompte.
    Statement(statement::StatementData) = "decompte",
    /// A slice of a long décompte, laid out alone.
    StatementSlice(statement::StatementSliceData) = "decompte-tranche",
    /// The page numbers of a long décompte, laid out alone.
    Folios(statement::FoliosData) = "folios",
    /// The cover letter to the greffe.
    RegistryLetter(letters::RegistryLetterData) = "lettre-greffe",
    /// The requête en injonction de payer.
    PaymentOrderRequest(court::PaymentOrderRequestData) = "requete",
    /// The bordereau de pièces.
    ExhibitList(court::ExhibitListData) = "bordereau",
    /// The petites créances request to a commissaire de justice.
    SmallClaimsRequest(court::SmallClaimsData) = "petites-creances",
    /// The cover letter to the commissaire de justice.
    BailiffLetter(letters::BailiffLetterData) = "lettre-commissaire",
    /// The debtor's identification sheet.
    DebtorSheet(sheet::DebtorSheetData) = "fiche-debiteur",
    /// A supplied document (ordonnance, requête as filed, act, certificat).
    Supplied(parts::SuppliedDocumentData) = "document-fourni",
    /// An assignation (référé-provision or au fond).
    Summons(routes::SummonsData) = "assignation",
    /// The déclaration de créance.
    ClaimDeclaration(routes::ClaimDeclarationData) = "declaration-creance",
    /// The requête en relevé de forclusion.
    ForeclosureRequest(routes::ForeclosureRequestData) = "releve-forclusion",
    /// The request for a certificat de non-opposition.
    CertificateRequest(enforcement::CertificateRequestData) = "certificat-demande",
    /// The statement that no notice of opposition came.
    NoNoticeStatement(enforcement::NoNoticeData) = "declaration-absence-opposition",
    /// The décompte under the title.
    TitleStatement(enforcement::TitleStatementData) = "decompte-titre",
    /// The enforcement request to the commissaire de justice.
    EnforcementRequest(enforcement::EnforcementRequestData) = "demande-execution",
    /// A supplied pièce, stamped.
    Piece(parts::PieceData) = "piece",
    /// A relevé standing in for an invoice or a delivery note not supplied.
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
