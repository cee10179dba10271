//! The detailed décompte: per invoice, credit notes, payments and every interest line.

use schemars::JsonSchema;
use serde::Serialize;

use super::base::{Base, PaymentData, base};
use super::summary::{ClaimSummary, claim_summary, interest_lines};
use crate::case::model::Case;
use crate::claim::{Claim, Segment};
use crate::format::data::{iso, money, rate};

/// One interest line: the period, the base, the rate and what it yields.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SegmentRow {
    /// Numbered from 1 across the whole décompte, so that a court paper can point to it.
    pub ligne: usize,
    /// First day of delay counted.
    pub du: String,
    pub au: String,
    pub jours: i64,
    pub base: String,
    /// As short as it goes: "12.15", "12".
    pub taux: String,
    pub montant: String,
    /// Where the rate comes from.
    pub source: String,
}

impl SegmentRow {
    pub fn of(s: &Segment, ligne: usize) -> Self {
        Self {
            ligne,
            du: iso(s.first_day()),
            au: iso(s.to),
            jours: s.days,
            base: money(s.base),
            taux: rate(s.rate),
            montant: money(s.amount),
            source: s.rate_source.clone(),
        }
    }
}

/// A credit note deducted from an invoice.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatementCredit {
    pub numero: String,
    pub date: String,
    pub montant: String,
    /// Deducted from the invoice's first day (a defect), not from its own date.
    pub effet_facture: bool,
    pub motif: Option<String>,
}

/// A payment imputed on an invoice: on interest first (art. 1343-1 C. civ.), then principal.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatementPayment {
    pub date: String,
    pub montant: String,
    pub interets: String,
    pub principal: String,
    /// Imputed on this invoice by the debtor (not by the law).
    pub designe: bool,
}

/// One invoice of the décompte.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatementInvoice {
    pub numero: String,
    pub date: String,
    pub echeance: String,
    pub ttc: String,
    pub avoirs: Vec<StatementCredit>,
    pub paiements: Vec<StatementPayment>,
    pub segments: Vec<SegmentRow>,
    /// The numbers of its first and last interest lines (none: no interest).
    pub lignes: Option<(usize, usize)>,
    pub principal_restant: String,
    pub interets_courus: String,
    pub interets_payes: String,
    pub interets_restants: String,
    pub indemnite: String,
    pub total: String,
}

/// The detailed décompte.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatementData {
    #[serde(flatten)]
    pub base: Base,
    pub factures: Vec<StatementInvoice>,
    pub resume: ClaimSummary,
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
    let reasons: std::collections::HashMap<&str, Option<&str>> =
        case.credit_notes.iter().map(|c| (c.number.as_str(), c.reason.as_deref())).collect();
    let factures = claim
        .invoices
        .iter()
        .zip(interest_lines(claim))
        .map(|(i, lines)| {
            let first = lines.map_or(1, |(first, _)| first);
            StatementInvoice {
                numero: i.number.clone(),
                date: iso(i.date),
                echeance: iso(i.due),
                ttc: money(i.gross),
                avoirs: i
                    .credits
                    .iter()
                    .map(|c| StatementCredit {
                        numero: c.number.clone(),
                        date: iso(c.date),
                        montant: money(c.amount),
                        effet_facture: c.from_invoice,
                        motif: reasons.get(c.number.as_str()).copied().flatten().map(str::to_string),
                    })
                    .collect(),
                paiements: i
                    .payments
                    .iter()
                    .map(|p| StatementPayment {
                        date: iso(p.date),
                        montant: money(p.payment_amount),
                        interets: money(p.to_interest),
                        principal: money(p.to_principal),
                        designe: p.designated,
                    })
                    .collect(),
                segments: i.segments.iter().enumerate().map(|(n, s)| SegmentRow::of(s, first + n)).collect(),
                lignes: lines,
                principal_restant: money(i.principal_remaining),
                interets_courus: money(i.interest_accrued),
                interets_payes: money(i.interest_paid),
                interets_restants: money(i.interest_remaining),
                indemnite: money(i.indemnity),
                total: money(i.total),
            }
        })
        .collect();
    StatementData {
        base: base(case, key, "Décompte de la créance", claim.computed_on, in_dossier),
        factures,
        resume: claim_summary(case, claim),
        cours_arrete: case.interest_stop() == Some(claim.computed_on),
        declaration: super::declared::declared_sums(case, claim),
        paiement: None,
    }
}

/// One slice of a long décompte, laid out in its own compilation (`render::long`): a run of its
/// invoices, then of its summary's rows, with the page it starts on.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatementSliceData {
    /// The invoices (`factures`) and summary rows (`resume.factures`) of this slice only.
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
