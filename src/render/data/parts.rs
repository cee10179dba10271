//! The data of the parts that are not letters or court papers: the cover and contents of a merged
//! dossier, a supplied document or pièce, and the relevé that stands in for a document not supplied.

use schemars::JsonSchema;
use serde::Serialize;

use super::base::{Base, base, piece_key};
use crate::case::model::Case;
use crate::claim::Claim;
use crate::format::data::{Day, Money};
use crate::plan::{Plan, PlannedPiece, Step};

/// Une ligne du sommaire : un document, ou une pièce avec son numéro.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ContentsEntry {
    pub key: String,
    pub titre: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub piece: Option<usize>,
    /// Une suite de factures en une ligne (longue créance) : « 1 à 1000 ». Absent sinon.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numeros: Option<String>,
    /// Pièce mise en page à part (dossier long) : pages des pièces à part qui la précèdent ; elle
    /// suit la dernière page des documents. Absent sinon.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decalage: Option<usize>,
}

/// La couverture et le sommaire d’un dossier assemblé.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CoverData {
    #[serde(flatten)]
    pub base: Base,
    pub procedure: &'static str,
    /// À qui va le dossier, nommé comme sur une enveloppe.
    pub destinataire: String,
    /// Un juge est saisi : les parties sont « demandeur » et « défendeur ».
    pub en_justice: bool,
    pub juridiction: Option<String>,
    pub total: Money,
    /// Après la signification, ce qui est dû est ce que le titre accorde.
    pub selon_titre: bool,
    pub signifier_avant_le: Option<Day>,
    pub arrete_au: Day,
    /// Une déclaration de créance : le total est ce qu’elle déclare, échu et à échoir.
    pub declaration: Option<super::declared::DeclaredSums>,
    pub sommaire: Vec<ContentsEntry>,
}

pub fn cover(case: &Case, claim: &Claim, plan: &Plan, addressee: String) -> CoverData {
    let mut sommaire: Vec<ContentsEntry> = plan
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| ContentsEntry {
            key: format!("doc-{i}"),
            titre: d.title.clone(),
            piece: None,
            numeros: None,
            decalage: None,
        })
        .collect();
    // A long run of invoices is one line, as in the requête; the bookmarks still name each pièce.
    sommaire.extend(super::base::pieces_in_brief(plan).into_iter().filter(|r| r.non_communiquee.is_none()).map(|r| {
        ContentsEntry {
            key: piece_key(r.numero),
            titre: r.intitule,
            piece: Some(r.numero),
            numeros: r.numeros,
            decalage: None,
        }
    }));
    let total = crate::plan::enforcement::total_due(claim, plan.step);
    let mut cover_base = base(case, "couverture", "Dossier", case.computed_on, true);
    cover_base.debiteur.liquidateur = super::base::liquidator(case);
    CoverData {
        base: cover_base,
        procedure: plan.step.label(),
        destinataire: addressee,
        // Petites créances, déclaration de créance: no judge is seised; nor after the title, when
        // the commissaire enforces it.
        en_justice: !matches!(plan.step, Step::SmallClaims | Step::ClaimFiling | Step::Enforcement),
        juridiction: plan.court.as_ref().map(|c| c.name.clone()),
        total: Money(total),
        selon_titre: matches!(plan.step, Step::Service | Step::Enforcement) && claim.title.is_some(),
        signifier_avant_le: plan.service_deadline.map(Day),
        arrete_au: Day(claim.computed_on),
        declaration: super::declared::declared_sums(case, claim).filter(|_| plan.step.is_insolvency()),
        sommaire,
    }
}

/// Un fichier fourni, montré tel quel (pages d’un PDF, ou une image sur une page).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SuppliedFileData {
    /// Son chemin virtuel dans la compilation.
    pub fichier: String,
    /// Une numérisation PNG ou JPEG plutôt qu’un PDF.
    pub image: bool,
    pub pages: usize,
}

/// Un document fourni du dossier (l’ordonnance, la requête déposée…).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SuppliedDocumentData {
    pub key: String,
    pub titre: String,
    pub reference: String,
    pub in_dossier: bool,
    #[serde(flatten)]
    pub file: SuppliedFileData,
}

/// Une pièce fournie, tamponnée de son numéro.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PieceData {
    pub key: String,
    pub numero: usize,
    pub intitule: String,
    /// Déjà en lettres : « 2 septembre 2026 ».
    pub date: Option<String>,
    pub reference: String,
    pub in_dossier: bool,
    #[serde(flatten)]
    pub file: SuppliedFileData,
    /// La première pièce ouvre le groupe de signets « Pièces » ; absent sur les autres.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub premiere: bool,
}

/// Une ligne d’une facture.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InvoiceLineRow {
    pub designation: String,
    /// Telle qu’imprimée : « 2,5 ».
    pub quantite: Option<String>,
    /// Tel qu’imprimé, au moins deux décimales : « 1 250,00 € », « 0,125 € ».
    pub prix_unitaire: Option<String>,
    /// Tel qu’imprimé : « 20 % ».
    pub taux_tva_texte: Option<String>,
    /// Quantité × prix unitaire, au centime, quand les deux sont connus.
    pub montant_ht: Option<Money>,
}

/// Ce que le dossier dit d’une facture.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InvoiceFacts {
    pub numero: String,
    pub date: Day,
    pub echeance: Day,
    pub objet: Option<String>,
    pub lignes: Vec<InvoiceLineRow>,
    pub ht: Money,
    pub tva: Money,
    pub ttc: Money,
    pub bons_de_livraison: Vec<String>,
    /// « Bon de livraison » ou « Bons de livraison », selon leur nombre.
    pub bons_de_livraison_intitule: &'static str,
}

/// The heading of an invoice's delivery notes, singular or plural: never « Bon(s) ».
fn delivery_notes_heading(count: usize) -> &'static str {
    if count > 1 { "Bons de livraison" } else { "Bon de livraison" }
}

/// Ce que le dossier dit d’un bon de livraison.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DeliveryFacts {
    pub numero: String,
    pub date: Day,
    pub signe_par: Option<String>,
    /// Les factures qui le citent.
    pub factures: Vec<String>,
}

/// La pièce dont un relevé tient lieu.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PieceRef {
    pub numero: usize,
    pub intitule: String,
}

/// Un relevé qui tient lieu d’un document non fourni : la pièce, sa `nature` et ce que le dossier
/// dit du document, sous `facture` ou `bon`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EstablishedStatementData {
    #[serde(flatten)]
    pub base: Base,
    /// facture | bon_de_livraison
    pub nature: &'static str,
    pub piece: PieceRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facture: Option<InvoiceFacts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bon: Option<DeliveryFacts>,
    /// Comme pour une pièce fournie.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub premiere: bool,
}

fn established(case: &Case, piece: &PlannedPiece, nature: &'static str) -> EstablishedStatementData {
    EstablishedStatementData {
        base: base(case, &piece_key(piece.number), &piece.title, case.computed_on, true),
        nature,
        piece: PieceRef { numero: piece.number, intitule: piece.title.clone() },
        facture: None,
        bon: None,
        premiere: false,
    }
}

/// A statement established from an invoice's data when no copy of the invoice is supplied.
pub fn invoice_statement(case: &Case, index: usize, piece: &PlannedPiece) -> EstablishedStatementData {
    let inv = &case.invoices[index.min(case.invoices.len().saturating_sub(1))];
    let lines = inv
        .lines
        .iter()
        .map(|l| InvoiceLineRow {
            designation: l.designation.clone(),
            quantite: l.quantity.map(crate::format::typeset::decimal),
            prix_unitaire: l.unit_price.map(crate::format::typeset::unit_price),
            taux_tva_texte: l.vat_rate.map(crate::format::typeset::percent),
            montant_ht: match (l.quantity, l.unit_price) {
                (Some(q), Some(p)) => Some(Money(crate::claim::rounding::cents(q * p))),
                _ => None,
            },
        })
        .collect();
    EstablishedStatementData {
        facture: Some(InvoiceFacts {
            numero: inv.number.clone(),
            date: Day(inv.date),
            echeance: Day(inv.due),
            objet: inv.subject.clone(),
            lignes: lines,
            ht: Money(inv.net),
            tva: Money(inv.vat),
            ttc: Money(inv.gross),
            bons_de_livraison: inv.delivery_notes.clone(),
            bons_de_livraison_intitule: delivery_notes_heading(inv.delivery_notes.len()),
        }),
        ..established(case, piece, "facture")
    }
}

/// A statement established from a delivery note's data when no copy is supplied.
pub fn delivery_note_statement(case: &Case, index: usize, piece: &PlannedPiece) -> EstablishedStatementData {
    let note = &case.delivery_notes[index.min(case.delivery_notes.len().saturating_sub(1))];
    EstablishedStatementData {
        bon: Some(DeliveryFacts {
            numero: note.number.clone(),
            date: Day(note.date),
            signe_par: note.signed_by.clone(),
            factures: case
                .invoices
                .iter()
                .filter(|i| i.delivery_notes.contains(&note.number))
                .map(|i| i.number.clone())
                .collect(),
        }),
        ..established(case, piece, "bon_de_livraison")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn delivery_notes_are_headed_singular_or_plural_by_their_count() {
        assert_eq!(super::delivery_notes_heading(1), "Bon de livraison");
        assert_eq!(super::delivery_notes_heading(2), "Bons de livraison");
        assert_eq!(super::delivery_notes_heading(3), "Bons de livraison");
    }
}
