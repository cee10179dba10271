//! The data of the letters: relances, mise en demeure, the cover letters to the greffe and to the
//! commissaire de justice, and the debtor's identification sheet.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use super::base::{
    BailiffData, Base, CourtData, EnclosedData, PaymentData, bailiff, base, channel_label, court, enclosed, payment,
};
use super::basis::{BasisPayment, payments_split};
use crate::case::model::{Case, FeePayment, Language};
use crate::claim::Claim;
use crate::claim::DecompteView;
use crate::claim::view::SegmentView;
use crate::format::data::{iso, money};
use crate::plan::{Court, Plan, Step};

/// A relance already sent in writing.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SentReminder {
    pub date: String,
    pub canal: &'static str,
}

/// A credit note as the relance's statement of account lists it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CreditRow {
    pub numero: String,
    pub date: String,
    pub montant: String,
    pub facture: String,
}

/// An invoice not yet due, for information only: never claimed.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NotYetDueRow {
    pub numero: String,
    pub echeance: String,
    pub montant: String,
}

/// Relance letter of a level (1 courteous, 2 firm, 3 last notice before mise en demeure).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ReminderData {
    #[serde(flatten)]
    pub base: Base,
    pub niveau: u8,
    /// Its number in the case's history: one more than the written relances already sent (the
    /// level is the tone; a level forced by `--niveau` does not renumber the history).
    pub numero: usize,
    /// The letter's heading, also the e-mail's subject: one wording, in the debtor's language.
    pub intitule: &'static str,
    pub relances_precedentes: Vec<SentReminder>,
    pub decompte: DecompteView,
    pub delai_jours: u32,
    pub paiement: PaymentData,
    /// The statement of account of relance 2 lists what was already paid, each payment with its
    /// imputation (art. 1343-1 C. civ.), and credited, up to the letter's date.
    pub paiements: Vec<BasisPayment>,
    pub avoirs: Vec<CreditRow>,
    pub a_echoir: Vec<NotYetDueRow>,
}

pub fn reminder(case: &Case, claim: &Claim, key: &str, level: u8) -> ReminderData {
    let number = crate::plan::step::written_reminders(case) + 1;
    ReminderData {
        base: base(case, key, &format!("Relance n° {number}"), case.computed_on, false),
        niveau: level,
        numero: number,
        intitule: reminder_heading(level, number, case.debtor.language),
        relances_precedentes: case
            .reminders
            .iter()
            .filter(|r| r.channel.is_written())
            .map(|r| SentReminder { date: iso(r.date), canal: channel_label(r.channel) })
            .collect(),
        decompte: DecompteView::for_letter(case, claim),
        delai_jours: 8,
        paiement: payment(case),
        paiements: payments_received(case, claim),
        avoirs: credits_received(case, claim),
        a_echoir: claim
            .upcoming
            .iter()
            .filter(|i| i.principal_remaining > Decimal::ZERO)
            .map(|i| NotYetDueRow {
                numero: i.number.clone(),
                echeance: iso(i.due),
                montant: money(i.principal_remaining),
            })
            .collect(),
    }
}

/// The heading of a relance of `level`, the `number`-th written one of the case, in the language
/// of the letters to the debtor: the firm relance counts the earlier ones (« Troisième relance »
/// after two), never a « deuxième » that would contradict its own « Malgré nos relances des … ».
fn reminder_heading(level: u8, number: usize, language: Language) -> &'static str {
    match (language, level, number) {
        (Language::French, 1, _) | (Language::French, 2, ..=1) => "Relance",
        (Language::French, 2, 2) => "Deuxième relance",
        (Language::French, 2, 3) => "Troisième relance",
        (Language::French, 2, _) => "Nouvelle relance",
        (Language::French, ..) => "Dernier rappel avant mise en demeure",
        (Language::English, 1, _) | (Language::English, 2, ..=1) => "Payment reminder",
        (Language::English, 2, 2) => "Second reminder",
        (Language::English, 2, 3) => "Third reminder",
        (Language::English, 2, _) => "Further reminder",
        (Language::English, ..) => "Final reminder before formal notice",
    }
}

/// How the mise en demeure goes (or went).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Sending {
    /// lrar | lre | commissaire_de_justice
    pub mode: &'static str,
    pub numero: Option<String>,
}

/// The creditor's médiateur de la consommation (art. L. 616-1 C. conso.).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MediatorData {
    pub nom: String,
    pub site: String,
}

/// The mise en demeure: to send (dated today), or as sent (dated its sending date).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FormalNoticeData {
    #[serde(flatten)]
    pub base: Base,
    pub envoi: Sending,
    pub delai_jours: u32,
    /// The relances made before it, ISO dates.
    pub relances: Vec<String>,
    pub decompte: DecompteView,
    /// The court's name ("Tribunal de commerce de Grenoble").
    pub juridiction: String,
    pub paiement: PaymentData,
    /// Against a consumer only.
    pub mediateur: Option<MediatorData>,
    /// The payments received up to the letter's date, each with the part that went to the
    /// interest or penalties then due and the part that went to the principal (art. 1343-1 C. civ.),
    /// so that the debtor and the judge can recompute the « réglé » column and the total.
    pub paiements: Vec<BasisPayment>,
    /// The credit notes granted up to the letter's date.
    pub avoirs: Vec<CreditRow>,
    /// The letter goes with the detailed décompte (periods, bases, rates): it says so.
    pub decompte_joint: bool,
    /// Every interest line of the claim (invoice, period, base, rate, amount), for a letter that
    /// cannot leave that to the enclosed French décompte (the English one); empty beyond
    /// [`NOTICE_INTEREST_LINES`] lines, the letter then refers to the décompte.
    pub lignes_interets: Vec<NoticeInterestLine>,
}

/// Interest lines a letter lists itself; beyond, it refers to the enclosed décompte.
pub const NOTICE_INTEREST_LINES: usize = 8;

/// One interest line of the claim, with the invoice it runs on.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NoticeInterestLine {
    pub facture: String,
    #[serde(flatten)]
    pub ligne: SegmentView,
    /// The rate as an English letter prints it: « 12.15% ».
    pub taux_en: String,
}

/// The claim's interest lines, numbered as in the décompte; none when there are too many to list.
fn interest_lines_listed(claim: &Claim) -> Vec<NoticeInterestLine> {
    let lines: Vec<NoticeInterestLine> = claim
        .invoices
        .iter()
        .flat_map(|i| i.segments.iter().map(move |s| (i.number.as_str(), s)))
        .enumerate()
        .map(|(n, (number, s))| NoticeInterestLine {
            facture: number.to_string(),
            ligne: SegmentView::of(s, n + 1),
            taux_en: crate::format::english::percent(s.rate),
        })
        .collect();
    if lines.len() > NOTICE_INTEREST_LINES { Vec::new() } else { lines }
}

pub fn formal_notice(case: &Case, claim: &Claim, key: &str, court: &Court) -> FormalNoticeData {
    let (date, envoi, days) = match &case.formal_notice {
        Some(m) => {
            (m.sent, Sending { mode: super::base::delivery_code(m.delivery), numero: m.tracking.clone() }, m.days)
        }
        None => (case.computed_on, Sending { mode: "lrar", numero: None }, 8),
    };
    FormalNoticeData {
        base: base(case, key, "Mise en demeure", date, false),
        envoi,
        delai_jours: days,
        relances: case.reminders.iter().filter(|r| r.date <= date).map(|r| iso(r.date)).collect(),
        decompte: DecompteView::for_letter(case, claim),
        juridiction: court.name.clone(),
        paiement: payment(case),
        mediateur: case
            .creditor
            .mediator
            .as_ref()
            .filter(|_| case.debtor.is_consumer())
            .map(|m| MediatorData { nom: m.name.clone(), site: m.website.clone() }),
        paiements: payments_received(case, claim),
        avoirs: credits_received(case, claim),
        decompte_joint: crate::plan::documents::documents(case, Step::FormalNotice, None, None)
            .iter()
            .any(|d| d.kind == crate::plan::DocKind::Statement),
        lignes_interets: interest_lines_listed(claim),
    }
}

/// The payments received up to the letter's date (its claim's), each with the part that went to
/// the interest or penalties then due and the part that went to the principal: a letter lists
/// nothing its figures do not account for.
fn payments_received(case: &Case, claim: &Claim) -> Vec<BasisPayment> {
    payments_split(case, claim)
        .into_iter()
        .zip(&case.payments)
        .filter(|(_, p)| p.date <= claim.computed_on)
        .map(|(split, _)| split)
        .collect()
}

/// The credit notes granted up to the letter's date, as a letter lists them.
fn credits_received(case: &Case, claim: &Claim) -> Vec<CreditRow> {
    case.credit_notes
        .iter()
        .filter(|c| c.date <= claim.computed_on)
        .map(|c| CreditRow {
            numero: c.number.clone(),
            date: iso(c.date),
            montant: money(c.amount),
            facture: c.invoice.clone(),
        })
        .collect()
}

/// The registry fee and how it is paid.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FeeData {
    pub montant: Option<String>,
    /// papier | tribunal_digital (online filing exists at commercial courts only).
    pub depot: &'static str,
    /// cheque | virement | en_ligne (cheque unless the case says otherwise).
    pub mode: &'static str,
}

/// The cover letter to the greffe.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RegistryLetterData {
    #[serde(flatten)]
    pub base: Base,
    pub juridiction: Option<CourtData>,
    pub documents: Vec<EnclosedData>,
    pub nombre_pieces: usize,
    /// « Les 5 pièces numérotées de 1 à 5 » (see `pieces_phrase`).
    pub pieces_jointes: Option<String>,
    pub total: String,
    pub frais: FeeData,
}

pub fn registry_letter(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> RegistryLetterData {
    let online = plan.court.as_ref().is_some_and(Court::is_commercial);
    RegistryLetterData {
        base: base(case, key, "Lettre au greffe", case.computed_on, true),
        juridiction: court(plan.court.as_ref(), case),
        documents: enclosed(plan),
        nombre_pieces: plan.pieces.len(),
        pieces_jointes: super::base::pieces_phrase(plan),
        total: money(claim.totals.total_due),
        frais: FeeData {
            montant: case.procedure.registry_fee.map(money),
            depot: match (case.procedure.filing_channel(), online) {
                (crate::case::model::Filing::TribunalDigital, true) => "tribunal_digital",
                _ => "papier",
            },
            mode: match case.procedure.fee_payment.unwrap_or(FeePayment::Cheque) {
                FeePayment::Cheque => "cheque",
                FeePayment::Transfer => "virement",
                FeePayment::Online => "en_ligne",
            },
        },
    }
}

/// The ordonnance, as the letter to the commissaire de justice asks to serve it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OrderToServe {
    pub date: String,
    pub numero: Option<String>,
    pub fin_signification: String,
    /// Months the ordonnance has to be served in (art. 1411 CPC): 6, or 3 from 1 September 2026.
    pub delai_mois: u32,
    /// What enforcement needs, by the law in force on the ordonnance's date (plan::title):
    /// formule_a_demander (before 1 March 2022) | certificat | sans_avis (from 1 September 2026).
    pub regime: &'static str,
    /// Months after service before enforcement: 1, or 2 from 1 September 2026.
    pub attente_mois: u32,
    /// Only part of the claim granted: serving it accepts the reduction (art. 1409 CPC).
    pub partielle: bool,
    /// The invoices a partial ordonnance rejected.
    pub factures_rejetees: Vec<String>,
}

/// The cover letter to the commissaire de justice.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BailiffLetterData {
    #[serde(flatten)]
    pub base: Base,
    /// signification | assignation | petites_creances
    pub objet: &'static str,
    pub assignation: Option<super::routes::SummonsForBailiff>,
    pub commissaire: Option<BailiffData>,
    pub juridiction: Option<CourtData>,
    pub ordonnance: Option<OrderToServe>,
    pub documents: Vec<EnclosedData>,
    pub nombre_pieces: usize,
    /// « Les 5 pièces numérotées 1 et 3 à 6 » when a rejected head's pièce keeps its number.
    pub pieces_jointes: Option<String>,
    /// The numbers of the pièces not communicated (a partial ordonnance's rejected invoices).
    pub pieces_non_communiquees: Vec<usize>,
    pub total: String,
    /// The décompte handed over is the title's (the sums the ordonnance grants).
    pub selon_titre: bool,
    /// Petites créances: the ceiling of art. R. 125-1 CPCE applies to principal and interest.
    pub principal_interets: String,
    pub plafond: String,
}

pub fn bailiff_letter(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> BailiffLetterData {
    use crate::plan::title::{Regime, service_deadline};
    let order = case.procedure.order.as_ref().map(|o| {
        let regime = Regime::of(o.date);
        OrderToServe {
            date: iso(o.date),
            numero: o.number.clone(),
            fin_signification: iso(service_deadline(o.date)),
            delai_mois: regime.service_months(),
            regime: regime.code(),
            attente_mois: regime.waiting_months(),
            partielle: o.partial,
            factures_rejetees: rejected(case, o),
        }
    });
    BailiffLetterData {
        base: base(case, key, "Lettre au commissaire de justice", case.computed_on, true).court_parties(case),
        objet: match plan.step {
            Step::Service => "signification",
            Step::InterimPayment | Step::Merits => "assignation",
            _ => "petites_creances",
        },
        assignation: super::routes::summons_for_bailiff(case, plan),
        commissaire: bailiff(case),
        juridiction: court(plan.court.as_ref(), case),
        ordonnance: order,
        documents: enclosed(plan),
        nombre_pieces: plan.pieces.len(),
        pieces_jointes: super::base::pieces_phrase(plan),
        pieces_non_communiquees: plan.withheld_pieces.iter().map(|p| p.number).collect(),
        total: money(crate::plan::enforcement::total_due(claim, plan.step)),
        selon_titre: plan.step == Step::Service && claim.title.is_some(),
        principal_interets: money(crate::plan::step::small_claims_base(claim)),
        plafond: money(crate::plan::SMALL_CLAIMS_CEILING),
    }
}

/// The invoices a partial ordonnance rejected (art. 1409 CPC): no longer claimed.
pub(super) fn rejected(case: &Case, order: &crate::case::model::Order) -> Vec<String> {
    order.rejected_invoices.iter().filter(|n| case.rejected_by_title(n)).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The firm relance counts the written ones before it; the courteous and the last keep their words.
    #[test]
    fn a_relance_heading_follows_the_history() {
        let heading = |level, number| reminder_heading(level, number, Language::French);
        assert_eq!(heading(2, 2), "Deuxième relance");
        assert_eq!(heading(2, 3), "Troisième relance");
        assert_eq!(heading(2, 5), "Nouvelle relance");
        assert_eq!(heading(2, 1), "Relance");
        assert_eq!(heading(1, 3), "Relance");
        assert_eq!(heading(3, 2), "Dernier rappel avant mise en demeure");
        assert_eq!(reminder_heading(2, 3, Language::English), "Third reminder");
        assert_eq!(reminder_heading(2, 4, Language::English), "Further reminder");
    }
}
