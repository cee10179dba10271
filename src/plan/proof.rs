//! The proof gate of a court or commissaire dossier: what the pièces must prove before a judge,
//! a greffe or a commissaire de justice sees them.
//!
//! A relevé the creditor draws up itself proves nothing on its own (art. 1363 C. civ.: « nul ne
//! peut se constituer de titre à soi-même »); the judge of an injonction de payer rules on the
//! papers alone (art. 1405–1409 CPC) and expects the invoices, what the debtor agreed to (contract,
//! quote, order) and the unsuccessful mise en demeure with its proof of sending.

use crate::case::model::{Case, Delivery, ExhibitRole};
use crate::diag::Diagnostic;
use crate::format::date_fr;
use crate::rules;

use super::pieces::{PieceKind, PlannedPiece};

/// Errors (R034, R048) when the dossier of a court or commissaire step lacks its proofs, and the
/// consumer warning (R049) when nothing proves the delivery or the work.
pub fn check(case: &Case, pieces: &[PlannedPiece], out: &mut Vec<Diagnostic>) {
    for inv in &case.invoices {
        if inv.file.is_none() {
            out.push(
                rules::PROOF_MISSING
                    .report(format!(
                        "facture {} : aucun fichier fourni — un relevé établi par le créancier lui-même ne prouve pas la créance (art. 1363 C. civ.)",
                        inv.number
                    ))
                    .field(format!("{}.fichier", inv.field))
                    .hint("ajoutez « fichier: pieces/… .pdf » : la facture telle qu'envoyée au débiteur (PDF, ou scan PNG ou JPEG)"),
            );
        }
    }
    let agreed = |e: &&crate::case::model::Exhibit| {
        matches!(e.role, ExhibitRole::Contract | ExhibitRole::Quote | ExhibitRole::PurchaseOrder)
    };
    if !case.exhibits.iter().any(|e| agreed(&e)) {
        out.push(
            rules::PROOF_MISSING
                .report("aucun contrat, devis accepté ni bon de commande parmi les pièces : rien ne prouve ce que le débiteur a accepté")
                .field("pieces")
                .hint("joignez le devis signé, le bon de commande ou le contrat : « pieces: [{ intitule: …, date: …, fichier: pieces/… .pdf, role: devis } ] » (ou role: bon_de_commande, contrat)"),
        );
    }
    let Some(notice) = &case.formal_notice else { return };
    if !pieces.iter().any(|p| p.kind == PieceKind::FormalNotice) {
        out.push(
            rules::RECEIPT_MISSING
                .report(format!(
                    "la lettre de mise en demeure envoyée n'est pas jointe, et le dossier de sortie ne garde aucune lettre intacte construite par recouvre le {} (dossier {}-mise-en-demeure)",
                    date_fr(notice.sent),
                    notice.sent.format("%Y-%m-%d")
                ))
                .field("mise_en_demeure.fichier")
                .hint("ajoutez « mise_en_demeure.fichier » : la lettre telle qu'envoyée (une lettre produite un autre jour n'est pas celle qui a été envoyée)"),
        );
    }
    // A sommation served by a commissaire de justice is its own proof; a letter needs its AR.
    if notice.delivery != Delivery::Bailiff && notice.receipt.is_none() {
        out.push(
            rules::RECEIPT_MISSING
                .report("la preuve d'envoi de la mise en demeure (accusé de réception, ou preuve de dépôt de la lettre recommandée électronique) n'est pas jointe")
                .field("mise_en_demeure.accuse_reception")
                .hint("ajoutez « mise_en_demeure.accuse_reception » : le scan de l'avis de réception (PDF, PNG ou JPEG) ; le juge attend la mise en demeure et son AR parmi les pièces"),
        );
    }
}

/// R049: against a consumer, the goods delivered or the work done must be proved (the debtor's
/// first answer to a claim for a sale or for works is that nothing was delivered or finished).
pub fn consumer_delivery(case: &Case, out: &mut Vec<Diagnostic>) {
    if !case.debtor.is_consumer() {
        return;
    }
    let delivered = case.delivery_notes.iter().any(|d| d.file.is_some())
        || case.exhibits.iter().any(|e| e.role == ExhibitRole::Delivery);
    if !delivered {
        out.push(
            rules::CONSUMER_DELIVERY
                .report("créance contre un consommateur : aucune preuve de la livraison ou de l'exécution des travaux parmi les pièces")
                .field("bons_de_livraison")
                .hint("pour une vente ou des travaux, joignez le bon de livraison signé (« bons_de_livraison », avec « fichier ») ou le procès-verbal de réception (« pieces », role: livraison)"),
        );
    }
}
