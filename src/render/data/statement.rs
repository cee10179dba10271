//! The detailed décompte: per invoice, credit notes, payments and every interest line.

use schemars::JsonSchema;
use serde::Serialize;

use super::base::{Base, PaymentData, base};
use crate::case::model::Case;
use crate::claim::view::InvoiceView;
use crate::claim::{Claim, DecompteView};

/// Le décompte détaillé.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatementData {
    #[serde(flatten)]
    pub base: Base,
    /// Chaque facture avec ses avoirs, paiements et lignes d’intérêts ; les totaux.
    pub decompte: DecompteView,
    /// Arrêté au jugement d’ouverture d’une procédure collective : plus rien ne court après lui.
    pub cours_arrete: bool,
    /// Établi pour une déclaration de créance : les factures non échues et le total déclaré, tels
    /// que la déclaration les imprime.
    pub declaration: Option<super::declared::DeclaredSums>,
    /// Seulement quand le décompte part au débiteur avec une lettre : le virement et son QR code.
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

/// Une tranche d’un long décompte, mise en page dans sa propre compilation : une suite de ses
/// factures, puis des lignes de son récapitulatif, avec la page où elle commence.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatementSliceData {
    /// Le décompte, avec dans `decompte.factures` les seules lignes du récapitulatif de cette
    /// tranche.
    #[serde(flatten)]
    pub statement: StatementData,
    pub tranche: SliceData,
}

/// Où se place une tranche dans le décompte entier.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SliceData {
    /// Indice du premier élément de la tranche dans le décompte : ses factures sont numérotées de 0
    /// à n − 1, puis les lignes du récapitulatif de n à 2n − 1 (les marques où les tranches sont
    /// coupées portent ces numéros).
    pub premier: usize,
    /// La tranche ouvre le décompte : titre, parties, règle appliquée.
    pub entete: bool,
    /// Le titre du récapitulatif s’ouvre dans cette tranche (sa première ligne y est).
    pub recapitulatif: bool,
    /// La tranche clôt le décompte : ligne de total du récapitulatif, total dû, conventions.
    pub fin: bool,
    /// Numéro, dans le décompte entier, de la première page de la tranche.
    pub page: usize,
    /// Les factures mises en page en entier dans cette tranche.
    pub factures: Vec<InvoiceView>,
}

/// Pages qui ne portent que le « page x / y » du pied de page d’un long décompte, écrit sur les
/// pages de ses tranches une fois leur nombre connu.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FoliosData {
    pub key: String,
    pub titre: String,
    pub reference: String,
    /// Numéro de la première page, dans le décompte entier.
    pub debut: usize,
    /// Pages mises en page ici.
    pub pages: usize,
    /// Pages du décompte entier.
    pub total: usize,
    /// Dans un dossier assemblé : la page du dossier sous le numéro, et le signet du décompte.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub in_dossier: bool,
}
