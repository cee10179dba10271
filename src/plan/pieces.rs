//! The numbered pièces of a court dossier, in the bordereau's order: the same numbers appear in
//! the requête, the bordereau, the stamps, the reminder history and the manifest.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::case::model::{Case, ExhibitRole, FileRef};
use crate::format::date_fr;
use crate::ground::manifest::ROLE_FORMAL_NOTICE;
use crate::inputs::PreviousDossier;
use crate::plan::Step;

/// What a pièce is; its French name is its role in the manifest (`piece_facture`) and its
/// `nature` in `plan --format json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PieceKind {
    #[serde(rename = "facture")]
    Invoice,
    #[serde(rename = "avoir")]
    CreditNote,
    #[serde(rename = "contrat")]
    Contract,
    #[serde(rename = "bon_de_livraison")]
    DeliveryNote,
    #[serde(rename = "cgv")]
    Cgv,
    #[serde(rename = "preuve_de_relance")]
    ReminderProof,
    #[serde(rename = "mise_en_demeure")]
    FormalNotice,
    #[serde(rename = "accuse_de_reception")]
    Receipt,
    #[serde(rename = "correspondance")]
    Correspondence,
    #[serde(rename = "autre")]
    Other,
    #[serde(rename = "kbis")]
    Kbis,
    /// The debtor's written dispute (assignations).
    #[serde(rename = "contestation")]
    Dispute,
    /// The amicable attempt's record, or the proof of its exemption (art. 750-1 CPC).
    #[serde(rename = "tentative_amiable")]
    AmicableAttempt,
    /// The signatory's pouvoir spécial or délégation de pouvoir.
    #[serde(rename = "pouvoir")]
    Power,
    /// The debtor's list of creditors, or a statement that the claim is not on it (relevé).
    #[serde(rename = "preuve_omission")]
    OmissionProof,
}

/// Where a pièce's pages come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum PieceSource {
    /// A file supplied with the case.
    File { file: FileRef },
    /// No file: a statement established from the invoice's data (its index in `case.invoices`).
    InvoiceStatement { invoice: usize },
    /// No file: a statement established from the delivery note's data.
    DeliveryNoteStatement { note: usize },
    /// The mise en demeure recouvre produced in an earlier build, found in the output folder.
    PreviousOutput { path: PathBuf, sha256: String },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedPiece {
    pub number: usize,
    pub kind: PieceKind,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub source: PieceSource,
    /// File name of the stamped pièce in the dossier (`pieces/piece-01-facture-F-2026-0042.pdf`).
    pub output: String,
    /// Reminder index when the pièce proves a reminder (for the history's "pièce n°" column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reminder: Option<usize>,
}

/// A file-name-safe slug: `Facture F-2026/0042` → `facture-f-2026-0042`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in crate::format::fold_accents(text).chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.len() <= SLUG_MAX {
        return trimmed.to_string();
    }
    // Cut between words, so a name never ends in half a word ("…-septemb").
    let cut = trimmed[..=SLUG_MAX].rfind('-').filter(|&at| at > 0).unwrap_or(SLUG_MAX);
    trimmed[..cut].to_string()
}

/// Longest slug in a file name: names stay readable in a zip listing and under path limits.
const SLUG_MAX: usize = 60;

/// A pièce the requête produced that the dossier no longer communicates: its number stays taken,
/// so the bordereau served with the requête keeps the requête's numbers (a partial ordonnance's
/// rejected invoice, art. 1409 CPC).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WithheldPiece {
    pub number: usize,
    pub kind: PieceKind,
    pub title: String,
    pub date: Option<NaiveDate>,
    /// Why it is not communicated, in French.
    pub reason: &'static str,
}

/// Why a rejected head's pièce is listed without being communicated.
pub const REJECTED_HEAD: &str = "non communiquée, chef de demande rejeté par l'ordonnance";

struct Builder {
    pieces: Vec<PlannedPiece>,
    withheld: Vec<WithheldPiece>,
}

impl Builder {
    /// The next free number: after every pièce, communicated or not.
    fn next_number(&self) -> usize {
        let last = |n: Option<usize>| n.unwrap_or(0);
        last(self.pieces.last().map(|p| p.number)).max(last(self.withheld.last().map(|p| p.number))) + 1
    }

    fn push(
        &mut self,
        kind: PieceKind,
        title: String,
        date: Option<NaiveDate>,
        source: PieceSource,
        reminder: Option<usize>,
    ) {
        let number = self.next_number();
        // Named once every number is known (`name_files`).
        let output = String::new();
        self.pieces.push(PlannedPiece { number, kind, title, date, source, output, reminder });
    }

    fn withhold(&mut self, kind: PieceKind, title: String, date: Option<NaiveDate>, reason: &'static str) {
        let number = self.next_number();
        self.withheld.push(WithheldPiece { number, kind, title, date, reason });
    }
}

/// The pièces of a court dossier, communicated and withheld. `previous` is the earlier dossier,
/// searched for the mise en demeure recouvre produced when no copy of the letter is supplied.
pub fn number_pieces(case: &Case, previous: Option<&PreviousDossier>) -> (Vec<PlannedPiece>, Vec<WithheldPiece>) {
    let mut b = Builder { pieces: Vec::new(), withheld: Vec::new() };
    // An invoice a partial ordonnance rejected is no longer claimed: not communicated with what
    // follows, but its number stays the requête's (the certified requête is served unaltered).
    for (i, inv) in case.invoices.iter().enumerate() {
        let (title, source) = match &inv.file {
            Some(f) => (format!("Facture n° {}", inv.number), PieceSource::File { file: f.clone() }),
            None => (
                format!("Relevé établi d'après la facture n° {}", inv.number),
                PieceSource::InvoiceStatement { invoice: i },
            ),
        };
        if case.rejected_by_title(&inv.number) {
            b.withhold(PieceKind::Invoice, title, Some(inv.date), REJECTED_HEAD);
        } else {
            b.push(PieceKind::Invoice, title, Some(inv.date), source, None);
        }
    }
    for c in &case.credit_notes {
        if let Some(f) = &c.file {
            let title = format!("Avoir n° {} sur la facture n° {}", c.number, c.invoice);
            if case.rejected_by_title(&c.invoice) {
                b.withhold(PieceKind::CreditNote, title, Some(c.date), REJECTED_HEAD);
            } else {
                b.push(PieceKind::CreditNote, title, Some(c.date), PieceSource::File { file: f.clone() }, None);
            }
        }
    }
    let basis = |roles: &[ExhibitRole], kind: PieceKind, b: &mut Builder| {
        for e in case.exhibits.iter().filter(|e| roles.contains(&e.role)) {
            b.push(kind, e.title.clone(), e.date, PieceSource::File { file: e.file.clone() }, None);
        }
    };
    basis(&[ExhibitRole::Contract, ExhibitRole::Quote, ExhibitRole::PurchaseOrder], PieceKind::Contract, &mut b);
    for (i, bl) in case.delivery_notes.iter().enumerate() {
        let (title, source) = match &bl.file {
            Some(f) => (format!("Bon de livraison n° {}", bl.number), PieceSource::File { file: f.clone() }),
            None => (
                format!("Relevé établi d'après le bon de livraison n° {}", bl.number),
                PieceSource::DeliveryNoteStatement { note: i },
            ),
        };
        b.push(PieceKind::DeliveryNote, title, Some(bl.date), source, None);
    }
    // After the notes: the n-th delivery-note pièce stays the n-th note's (the requête relies on it).
    basis(&[ExhibitRole::Delivery], PieceKind::DeliveryNote, &mut b);
    basis(&[ExhibitRole::Cgv], PieceKind::Cgv, &mut b);
    for (i, r) in case.reminders.iter().enumerate() {
        if let Some(proof) = &r.proof {
            b.push(
                PieceKind::ReminderProof,
                format!("Relance du {}", date_fr(r.date)),
                Some(r.date),
                PieceSource::File { file: proof.clone() },
                Some(i),
            );
        }
    }
    if let Some(m) = &case.formal_notice {
        let title = format!("Mise en demeure du {}", date_fr(m.sent));
        match (&m.file, previous.and_then(|p| previous_formal_notice(p, m.sent))) {
            (Some(f), _) => {
                b.push(PieceKind::FormalNotice, title, Some(m.sent), PieceSource::File { file: f.clone() }, None)
            }
            (None, Some((path, sha256))) => {
                b.push(PieceKind::FormalNotice, title, Some(m.sent), PieceSource::PreviousOutput { path, sha256 }, None)
            }
            (None, None) => {}
        }
        if let Some(ar) = &m.receipt {
            let title = match m.received {
                Some(r) => format!("Accusé de réception de la mise en demeure (reçue le {})", date_fr(r)),
                None => "Accusé de réception de la mise en demeure".to_string(),
            };
            b.push(PieceKind::Receipt, title, m.received, PieceSource::File { file: ar.clone() }, None);
        }
    }
    basis(&[ExhibitRole::Correspondence], PieceKind::Correspondence, &mut b);
    basis(&[ExhibitRole::Other], PieceKind::Other, &mut b);
    basis(&[ExhibitRole::Kbis], PieceKind::Kbis, &mut b);
    name_files(&mut b.pieces);
    (b.pieces, b.withheld)
}

/// `pieces/piece-07-facture-n-f-12.pdf`: numbers padded to the widest (two digits at least), so
/// that a folder, a zip or an upload portal lists pièce 100 after pièce 99, not after pièce 10.
fn name_files(pieces: &mut [PlannedPiece]) {
    let width = pieces.iter().map(|p| p.number).max().unwrap_or(0).to_string().len().max(2);
    for p in pieces {
        p.output = format!("pieces/piece-{:0width$}-{}.pdf", p.number, slug(&p.title));
    }
}

/// The pièces a route adds after the others: the debtor's dispute and the amicable attempt for an
/// assignation, the signatory's power for every court or mandataire dossier.
pub fn route_pieces(case: &Case, step: Step, pieces: &mut Vec<PlannedPiece>, withheld: &[WithheldPiece]) {
    let mut b = Builder { pieces: std::mem::take(pieces), withheld: withheld.to_vec() };
    if step.is_summons() {
        if let Some(d) = &case.route.dispute
            && let Some(f) = &d.proof
        {
            let title = format!("Contestation de {} du {}", d.author, date_fr(d.date));
            b.push(PieceKind::Dispute, title, Some(d.date), PieceSource::File { file: f.clone() }, None);
        }
        if let Some(a) = &case.procedure.amicable
            && let Some(f) = &a.proof
        {
            let title = match a.mode {
                crate::case::model::AmicableMode::Exemption => {
                    "Justificatif du motif de dispense de tentative amiable".to_string()
                }
                _ => "Constat de l'échec de la tentative de résolution amiable".to_string(),
            };
            b.push(PieceKind::AmicableAttempt, title, a.date, PieceSource::File { file: f.clone() }, None);
        }
    }
    if step == Step::ForeclosureRelief
        && let Some(f) = case.route.insolvency.as_ref().and_then(|p| p.omission_proof.as_ref())
    {
        let title =
            "Justificatif de l'omission de la créance sur la liste des créanciers du débiteur (art. L. 622-6 C. com.)";
        b.push(PieceKind::OmissionProof, title.to_string(), None, PieceSource::File { file: f.clone() }, None);
    }
    if let Some(s) = &case.route.signatory
        && let Some(f) = &s.power
    {
        let title = match s.kind {
            crate::case::model::SignatoryKind::Employee => format!("Délégation de pouvoir à {}", s.name),
            _ => format!("Pouvoir spécial donné à {}", s.name),
        };
        b.push(PieceKind::Power, title, None, PieceSource::File { file: f.clone() }, None);
    }
    name_files(&mut b.pieces);
    *pieces = b.pieces;
}

/// The mise en demeure as sent: the letter of the archived mise en demeure build made the day it
/// was sent, intact (SHA-256 of its manifest). A letter built another day — even a copy dated
/// that day — is not the one that went out.
fn previous_formal_notice(previous: &PreviousDossier, sent: NaiveDate) -> Option<(PathBuf, String)> {
    let sent = sent.format("%Y-%m-%d").to_string();
    let (path, entry) = previous.find_in(
        |build| build.etape == Step::FormalNotice.code() && build.date_calcul == sent,
        |f| f.role == ROLE_FORMAL_NOTICE && f.date.as_deref() == Some(sent.as_str()),
    )?;
    Some((path, entry.sha256.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_file_safe() {
        assert_eq!(slug("Facture n° F-2026/0042"), "facture-n-f-2026-0042");
        assert_eq!(slug("Relevé établi d'après la facture"), "releve-etabli-d-apres-la-facture");
        assert_eq!(
            slug("Accusé de réception de la mise en demeure (reçue le 4 septembre 2026)"),
            "accuse-de-reception-de-la-mise-en-demeure-recue-le-4"
        );
    }

    #[test]
    fn file_names_sort_as_their_numbers() {
        let piece = |number: usize| PlannedPiece {
            number,
            kind: PieceKind::Invoice,
            title: format!("Facture n° F-{number}"),
            date: None,
            source: PieceSource::InvoiceStatement { invoice: number - 1 },
            output: String::new(),
            reminder: None,
        };
        let mut few: Vec<_> = (1..=9).map(piece).collect();
        name_files(&mut few);
        assert_eq!(few[0].output, "pieces/piece-01-facture-n-f-1.pdf");
        let mut many: Vec<_> = (1..=1004).map(piece).collect();
        name_files(&mut many);
        assert_eq!(many[0].output, "pieces/piece-0001-facture-n-f-1.pdf");
        assert_eq!(many[1003].output, "pieces/piece-1004-facture-n-f-1004.pdf");
        let names: Vec<_> = many.iter().map(|p| p.output.clone()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "a listing in name order is in pièce order");
    }
}
