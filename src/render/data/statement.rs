//! The detailed décompte: per invoice, credit notes, payments and every interest line.

use schemars::JsonSchema;
use serde::Serialize;

use super::base::{Base, PaymentData, base};
use crate::case::model::Case;
use crate::claim::view::InvoiceView;
use crate::claim::{Claim, DecompteView};

/// The detailed décompte.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatementData {
    #[serde(flatten)]
    pub base: Base,
    /// Every invoice with its credit notes, payments and interest lines; the totals.
    pub decompte: DecompteView,
    /// Drawn up to a procédure collective's opening judgment: nothing runs after it.
    pub cours_arrete: bool,
    /// Drawn up for a déclaration de créance: the invoices not yet due and the declared total,
    /// as the declaration prints them.
    pub declaration: Option<super::declared::DeclaredSums>,
    /// Only when the décompte goes to the debtor with a letter: the transfer and its QR code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paiement: Option<PaymentData>,
}

pub fn statement(case: &Case, claim: &Claim, key: &str, in_dossier: bool) -> StatementData {
    StatementData {
        base: base(case, key, "Décompte de la créance", claim.computed_on, in_dossier),
        decompte: DecompteView::new(case, claim),
        cours_arrete: case.interest_stop() == Some(claim.computed_on),
        declaration: super::declared::declared_sums(case, claim),
        paiement: None,
    }
}

/// One slice of a long décompte, laid out in its own compilation (`render::long`): a run of its
/// invoices, then of its summary's rows, with the page it starts on.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatementSliceData {
    /// The décompte with, in `decompte.factures`, the summary rows of this slice only.
    #[serde(flatten)]
    pub statement: StatementData,
    pub tranche: SliceData,
}

/// Where a slice lies in the whole décompte.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SliceData {
    /// Index of the slice's first element in the décompte: its invoices are numbered 0 to n − 1,
    /// then its summary's rows n to 2n − 1 (the marks the slices are cut at carry these numbers).
    pub premier: usize,
    /// The slice opens the décompte: title, parties, rule applied.
    pub entete: bool,
    /// The summary's title opens in this slice (its first row is here).
    pub recapitulatif: bool,
    /// The slice ends the décompte: the summary's total row, the total due, the conventions.
    pub fin: bool,
    /// Number, in the whole décompte, of the slice's first page.
    pub page: usize,
    /// The invoices laid out in full in this slice.
    pub factures: Vec<InvoiceView>,
}

/// Pages that carry only the footer's « page x / y » of a long décompte, written over its
/// slices' pages once their number is known.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FoliosData {
    pub key: String,
    pub titre: String,
    pub reference: String,
    /// Number of the first page, in the whole décompte.
    pub debut: usize,
    /// Pages laid out here.
    pub pages: usize,
    /// Pages of the whole décompte.
    pub total: usize,
}
