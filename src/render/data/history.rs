//! The history of the relances: every relance, the promises and how they turned out, the mise en
//! demeure and its AR, the payments and credit notes, and a summary.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use super::base::{Base, NoticeData, base, channel_label};
use crate::case::model::{Case, Channel, Payment};
use crate::format::data::{Day, Money};
use crate::plan::{PieceKind, Plan, PlannedPiece};

/// Un paiement reçu.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ReceivedPayment {
    pub date: Day,
    pub montant: Money,
    pub facture: Option<String>,
    pub reference: Option<String>,
}

impl From<&Payment> for ReceivedPayment {
    fn from(p: &Payment) -> Self {
        Self { date: Day(p.date), montant: Money(p.amount), facture: p.invoice.clone(), reference: p.reference.clone() }
    }
}

/// Une relance et ce qui l’a suivie.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ReminderRow {
    pub date: Day,
    pub canal: &'static str,
    pub interlocuteur: Option<String>,
    pub resume: Option<String>,
    pub reponse: Option<String>,
    pub promesse: Option<Day>,
    /// Une promesse dont le jour n’est pas venu compte comme tenue jusqu’ici.
    pub promesse_tenue: Option<bool>,
    /// tenue | partielle | non_tenue | a_venir
    pub promesse_suite: Option<&'static str>,
    /// Les paiements entre la relance et le jour promis.
    pub promesse_reglements: Vec<ReceivedPayment>,
    pub piece: Option<usize>,
}

/// La mise en demeure telle qu’envoyée, et ce qui a suivi.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HistoryNotice {
    #[serde(flatten)]
    pub notice: NoticeData,
    /// Son délai est expiré.
    pub expire: bool,
    pub reglements_apres: Vec<ReceivedPayment>,
}

/// Un avoir, avec son motif.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HistoryCredit {
    pub numero: String,
    pub date: Day,
    pub facture: String,
    pub montant: Money,
    pub motif: Option<String>,
}

/// Le nombre de relances d’un canal.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChannelCount {
    pub canal: &'static str,
    pub nombre: usize,
}

/// L’historique résumé.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HistorySummary {
    pub premiere_echeance: Option<Day>,
    pub jours_depuis_echeance: Option<i64>,
    pub premiere_relance: Option<Day>,
    pub derniere_relance: Option<Day>,
    /// Les jours des relances, comme une phrase les dit (« les 6 et 20 janvier 2026 »).
    pub dates_relances: String,
    pub par_canal: Vec<ChannelCount>,
    pub nombre_relances: usize,
    pub promesses: usize,
    /// Non tenues : pas du tout, ou en partie seulement (comptées dans les deux).
    pub promesses_non_tenues: usize,
    pub promesses_partielles: usize,
}

/// L’historique des relances.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HistoryData {
    #[serde(flatten)]
    pub base: Base,
    pub relances: Vec<ReminderRow>,
    pub mise_en_demeure: Option<HistoryNotice>,
    /// Les paiements reçus, pour la chronologie.
    pub reglements: Vec<ReceivedPayment>,
    pub avoirs: Vec<HistoryCredit>,
    /// Les relances, et les règlements et avoirs depuis la première échéance (une avance versée à
    /// la commande n’est pas du recouvrement), dans l’ordre des dates.
    pub chronologie: Vec<ChronologyEntry>,
    pub synthese: HistorySummary,
}

/// Une ligne de la chronologie : l’indice d’une relance (`relances`), d’un règlement
/// (`reglements`) ou d’un avoir (`avoirs`).
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChronologyEntry {
    Relance(usize),
    Reglement(usize),
    Avoir(usize),
}

/// The history's rows in date order; on one day, reminders, then payments, then credit notes, each
/// in the case's order.
fn chronology(case: &Case, first_due: Option<NaiveDate>) -> Vec<ChronologyEntry> {
    let since = |d: NaiveDate| first_due.is_none_or(|f| d >= f);
    let mut rows: Vec<(NaiveDate, ChronologyEntry)> =
        case.reminders.iter().enumerate().map(|(i, r)| (r.date, ChronologyEntry::Relance(i))).collect();
    let payments = case.payments.iter().enumerate().map(|(i, p)| (p.date, ChronologyEntry::Reglement(i)));
    let credits = case.credit_notes.iter().enumerate().map(|(i, c)| (c.date, ChronologyEntry::Avoir(i)));
    rows.extend(payments.chain(credits).filter(|(date, _)| since(*date)));
    rows.sort_by_key(|(date, _)| *date);
    rows.into_iter().map(|(_, row)| row).collect()
}

/// What was still owed on `on` for the invoices due by `due_by`: TTC less the credit notes and
/// payments dated up to `on` (a payment naming no invoice counts for all).
fn owed(case: &Case, due_by: NaiveDate, on: NaiveDate) -> Decimal {
    let due: Vec<&str> = case.invoices.iter().filter(|i| i.due <= due_by).map(|i| i.number.as_str()).collect();
    let gross: Decimal = case.invoices.iter().filter(|i| i.due <= due_by).map(|i| i.gross).sum();
    let credits: Decimal =
        case.credit_notes.iter().filter(|c| c.date <= on && due.contains(&c.invoice.as_str())).map(|c| c.amount).sum();
    let paid: Decimal = case
        .payments
        .iter()
        .filter(|p| p.date <= on && p.invoice.as_deref().is_none_or(|n| due.contains(&n)))
        .map(|p| p.amount)
        .sum();
    gross - credits - paid
}

/// How a promise turned out: kept (nothing left owed on the invoices then due), partly kept
/// (a payment between the reminder and the promised day), broken, or not yet due.
fn outcome(case: &Case, said: NaiveDate, promised: NaiveDate) -> (&'static str, Vec<ReceivedPayment>) {
    let window: Vec<ReceivedPayment> =
        case.payments.iter().filter(|p| p.date > said && p.date <= promised).map(ReceivedPayment::from).collect();
    let status = if owed(case, said, promised) <= Decimal::ZERO {
        "tenue"
    } else if promised > case.computed_on {
        "a_venir"
    } else if window.is_empty() {
        "non_tenue"
    } else {
        "partielle"
    };
    (status, window)
}

pub fn history(case: &Case, plan: &Plan, key: &str, in_dossier: bool) -> HistoryData {
    let piece_of = |pred: &dyn Fn(&PlannedPiece) -> bool| plan.pieces.iter().find(|p| pred(p)).map(|p| p.number);
    let mut broken = 0;
    let mut partial = 0;
    let rows: Vec<ReminderRow> = case
        .reminders
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (status, payments) = match r.promised {
                Some(d) => {
                    let (s, p) = outcome(case, r.date, d);
                    (Some(s), p)
                }
                None => (None, Vec::new()),
            };
            match status {
                Some("non_tenue") => broken += 1,
                Some("partielle") => partial += 1,
                _ => {}
            }
            ReminderRow {
                date: Day(r.date),
                canal: channel_label(r.channel),
                interlocuteur: r.contact.clone(),
                resume: r.summary.clone(),
                reponse: r.answer.clone(),
                promesse: r.promised.map(Day),
                promesse_tenue: status.map(|s| s == "tenue" || s == "a_venir"),
                promesse_suite: status,
                promesse_reglements: payments,
                piece: piece_of(&|p: &PlannedPiece| p.reminder == Some(i)),
            }
        })
        .collect();
    let mut by_channel: Vec<(Channel, usize)> = Vec::new();
    for r in &case.reminders {
        match by_channel.iter_mut().find(|(c, _)| *c == r.channel) {
            Some((_, n)) => *n += 1,
            None => by_channel.push((r.channel, 1)),
        }
    }
    let first_due = case.invoices.iter().map(|i| i.due).min();
    let notice = case.formal_notice.as_ref().map(|m| HistoryNotice {
        notice: NoticeData::of(
            m,
            piece_of(&|p: &PlannedPiece| p.kind == PieceKind::FormalNotice),
            piece_of(&|p: &PlannedPiece| p.kind == PieceKind::Receipt),
        ),
        expire: m.deadline() < case.computed_on,
        reglements_apres: case.payments.iter().filter(|p| p.date >= m.sent).map(ReceivedPayment::from).collect(),
    });
    HistoryData {
        base: base(case, key, "Historique des relances", case.computed_on, in_dossier),
        relances: rows,
        mise_en_demeure: notice,
        reglements: case.payments.iter().map(ReceivedPayment::from).collect(),
        avoirs: case
            .credit_notes
            .iter()
            .map(|c| HistoryCredit {
                numero: c.number.clone(),
                date: Day(c.date),
                facture: c.invoice.clone(),
                montant: Money(c.amount),
                motif: c.reason.clone(),
            })
            .collect(),
        chronologie: chronology(case, first_due),
        synthese: HistorySummary {
            premiere_echeance: first_due.map(Day),
            jours_depuis_echeance: first_due.map(|d| (case.computed_on - d).num_days()),
            premiere_relance: case.reminders.iter().map(|r| r.date).min().map(Day),
            derniere_relance: case.reminders.iter().map(|r| r.date).max().map(Day),
            dates_relances: crate::format::typeset::days(case.reminders.iter().map(|r| r.date)),
            par_canal: by_channel.iter().map(|(c, n)| ChannelCount { canal: channel_label(*c), nombre: *n }).collect(),
            nombre_relances: case.reminders.len(),
            promesses: case.reminders.iter().filter(|r| r.promised.is_some()).count(),
            promesses_non_tenues: broken + partial,
            promesses_partielles: partial,
        },
    }
}
