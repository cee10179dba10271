//! The data of the letters: relances, mise en demeure, the cover letters to the greffe and to the
//! commissaire de justice, and the debtor's identification sheet.

use schemars::JsonSchema;
use serde::Serialize;

use super::base::{
    BailiffData, Base, CourtData, EnclosedData, PaymentData, bailiff, base, channel_label, court, enclosed, payment,
};
use super::basis::{BasisPayment, payments_split};
use super::declared::{UpcomingInvoice, upcoming};
use crate::case::model::{Case, FeePayment, Language};
use crate::claim::Claim;
use crate::claim::DecompteView;
use crate::claim::view::SegmentView;
use crate::format::data::{Day, Money};
use crate::plan::{Court, Plan, Step};

/// Une relance déjà envoyée par écrit.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SentReminder {
    pub date: Day,
    pub canal: &'static str,
}

/// Un avoir, tel que le relevé de compte de la relance le liste.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CreditRow {
    pub numero: String,
    pub date: Day,
    pub montant: Money,
    pub facture: String,
}

/// La lettre de relance d’un niveau (1 courtoise, 2 ferme, 3 dernier avis avant mise en demeure).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ReminderData {
    #[serde(flatten)]
    pub base: Base,
    pub niveau: u8,
    /// Son numéro dans l’historique du dossier : un de plus que les relances écrites déjà envoyées
    /// (le niveau est le ton ; un niveau forcé par `--niveau` ne renumérote pas l’historique).
    pub numero: usize,
    /// L’intitulé de la lettre, aussi l’objet du courriel : une seule formulation, dans la langue
    /// du débiteur.
    pub intitule: &'static str,
    pub relances_precedentes: Vec<SentReminder>,
    /// Factures réclamées échues le jour de la dernière relance précédente ou après : elle ne
    /// pouvait pas les réclamer, la lettre ne dit pas qu’elles restent impayées « malgré » elle.
    pub echues_depuis_relances: InvoiceCount,
    /// Les factures dont le principal est réglé (en retard) : la lettre ne les dit pas « impayées ».
    pub reglees_en_retard: PaidLate,
    pub decompte: DecompteView,
    pub delai_jours: u32,
    pub paiement: PaymentData,
    /// Le relevé de compte de la relance 2 liste ce qui a déjà été payé, chaque paiement avec son
    /// imputation (art. 1343-1 C. civ.), et crédité, jusqu’à la date de la lettre.
    pub paiements: Vec<BasisPayment>,
    pub avoirs: Vec<CreditRow>,
    /// Les factures non encore échues, pour information seulement : jamais réclamées.
    pub a_echoir: Vec<UpcomingInvoice>,
    /// La lettre est accompagnée du décompte de la créance : elle le dit (« Pièce jointe : … »).
    pub decompte_joint: bool,
}

pub fn reminder(case: &Case, claim: &Claim, key: &str, level: u8) -> ReminderData {
    let number = crate::plan::step::written_reminders(case) + 1;
    let later = due_since(claim, case.reminders.iter().filter(|r| r.channel.is_written()).map(|r| r.date).max());
    ReminderData {
        base: base(case, key, &format!("Relance n° {number}"), case.computed_on, false),
        niveau: level,
        numero: number,
        intitule: reminder_heading(level, number, case.debtor.language),
        relances_precedentes: case
            .reminders
            .iter()
            .filter(|r| r.channel.is_written())
            .map(|r| SentReminder { date: Day(r.date), canal: channel_label(r.channel) })
            .collect(),
        echues_depuis_relances: InvoiceCount::of(later),
        reglees_en_retard: paid_late(claim),
        decompte: DecompteView::for_letter(case, claim),
        delai_jours: 8,
        paiement: payment(case),
        paiements: payments_received(case, claim),
        avoirs: credits_received(case, claim),
        a_echoir: upcoming(claim).0,
        decompte_joint: statement_enclosed(case, Step::Reminder, Some(level)),
    }
}

/// Whether the plan of `step` sends the décompte with the letter: the letter then names it.
fn statement_enclosed(case: &Case, step: Step, reminder_level: Option<u8>) -> bool {
    crate::plan::documents::documents(case, step, reminder_level, None)
        .iter()
        .any(|d| d.kind == crate::plan::DocKind::Statement)
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

/// Comment la mise en demeure part (ou est partie).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Sending {
    /// lrar | lre | commissaire_de_justice
    pub mode: &'static str,
    pub numero: Option<String>,
}

/// Le médiateur de la consommation du créancier (art. L. 616-1 C. conso.).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MediatorData {
    pub nom: String,
    pub site: String,
}

/// La mise en demeure : à envoyer (datée du jour), ou telle qu’envoyée (datée de son envoi).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FormalNoticeData {
    #[serde(flatten)]
    pub base: Base,
    pub envoi: Sending,
    pub delai_jours: u32,
    /// Les dates des relances faites avant elle.
    pub relances: Vec<Day>,
    /// Factures réclamées échues le jour de la dernière de ces relances ou après : elle ne
    /// pouvait pas les réclamer, la lettre ne dit pas qu’elles restent impayées « malgré » elle.
    pub echues_depuis_relances: InvoiceCount,
    /// Les factures dont le principal est réglé (en retard) : la lettre ne les dit pas « impayées ».
    pub reglees_en_retard: PaidLate,
    pub decompte: DecompteView,
    /// Le nom de la juridiction (« Tribunal de commerce de Grenoble »).
    pub juridiction: String,
    pub paiement: PaymentData,
    /// Contre un consommateur seulement.
    pub mediateur: Option<MediatorData>,
    /// Les paiements reçus jusqu’à la date de la lettre, chacun avec la part allée aux intérêts ou
    /// pénalités alors échus et la part allée au principal (art. 1343-1 C. civ.), pour que le
    /// débiteur et le juge refassent la colonne « réglé » et le total.
    pub paiements: Vec<BasisPayment>,
    /// Les avoirs accordés jusqu’à la date de la lettre.
    pub avoirs: Vec<CreditRow>,
    /// La lettre est accompagnée du décompte détaillé (périodes, bases, taux) : elle le dit.
    pub decompte_joint: bool,
    /// Chaque ligne d’intérêts de la créance (facture, période, base, taux, montant), pour une
    /// lettre qui ne peut s’en remettre au décompte joint en français (la lettre en anglais) ; vide
    /// au-delà de 8 lignes, la lettre renvoie alors au décompte.
    pub lignes_interets: Vec<NoticeInterestLine>,
}

/// Un nombre de factures, et le même écrit : « 1 000 » en français, « 1,000 » en anglais.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InvoiceCount {
    pub nombre: usize,
    pub texte: String,
    pub en: String,
}

impl InvoiceCount {
    fn of(n: usize) -> Self {
        Self { nombre: n, texte: crate::claim::view::count_text(n), en: crate::claim::view::count_en(n) }
    }
}

/// The invoices claimed that were not yet due on `last` (the last relance): none without one.
fn due_since(claim: &Claim, last: Option<chrono::NaiveDate>) -> usize {
    last.map_or(0, |last| claim.invoices.iter().filter(|i| !crate::claim::is_due(i.due, last)).count())
}

/// Les factures réclamées dont le principal est réglé, en retard, et ce qui reste dû sur elles.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PaidLate {
    pub nombre: usize,
    /// Des pénalités (ou intérêts) restent dues sur l’une d’elles.
    pub penalites: bool,
    /// L’indemnité forfaitaire de 40 € reste due sur l’une d’elles.
    pub indemnite: bool,
}

/// The invoices claimed whose principal is paid but on which something is still due: paid late,
/// they owe their penalties left, or the 40 € indemnity.
fn paid_late(claim: &Claim) -> PaidLate {
    let paid: Vec<_> =
        claim.invoices.iter().filter(|i| i.principal_remaining.is_zero() && !i.total.is_zero()).collect();
    PaidLate {
        nombre: paid.len(),
        penalites: paid.iter().any(|i| !i.interest_remaining.is_zero()),
        indemnite: paid.iter().any(|i| !i.indemnity.is_zero()),
    }
}

/// Interest lines a letter lists itself; beyond, it refers to the enclosed décompte.
pub const NOTICE_INTEREST_LINES: usize = 8;

/// Une ligne d’intérêts de la créance, avec la facture sur laquelle elle court.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NoticeInterestLine {
    pub facture: String,
    #[serde(flatten)]
    pub ligne: SegmentView,
    /// Le taux tel qu’une lettre en anglais l’imprime : « 12.15% ».
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
    let later = due_since(claim, case.reminders.iter().map(|r| r.date).filter(|d| *d <= date).max());
    FormalNoticeData {
        base: base(case, key, "Mise en demeure", date, false),
        envoi,
        delai_jours: days,
        relances: case.reminders.iter().filter(|r| r.date <= date).map(|r| Day(r.date)).collect(),
        echues_depuis_relances: InvoiceCount::of(later),
        reglees_en_retard: paid_late(claim),
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
        decompte_joint: statement_enclosed(case, Step::FormalNotice, None),
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
            date: Day(c.date),
            montant: Money(c.amount),
            facture: c.invoice.clone(),
        })
        .collect()
}

/// Les frais de greffe et leur paiement.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FeeData {
    pub montant: Option<Money>,
    /// papier | tribunal_digital (le dépôt en ligne n’existe qu’aux tribunaux de commerce).
    pub depot: &'static str,
    /// cheque | virement | en_ligne (cheque, sauf si le dossier dit autre chose).
    pub mode: &'static str,
}

/// La lettre d’accompagnement au greffe.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RegistryLetterData {
    #[serde(flatten)]
    pub base: Base,
    pub juridiction: Option<CourtData>,
    pub documents: Vec<EnclosedData>,
    pub nombre_pieces: usize,
    /// « Les 5 pièces numérotées de 1 à 5 ».
    pub pieces_jointes: Option<String>,
    pub total: Money,
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
        total: Money(claim.totals.total_due),
        frais: FeeData {
            montant: case.procedure.registry_fee.map(Money),
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

/// L’ordonnance, telle que la lettre au commissaire de justice demande de la signifier.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OrderToServe {
    pub date: Day,
    pub numero: Option<String>,
    pub fin_signification: Day,
    /// Mois dans lesquels l’ordonnance doit être signifiée (art. 1411 CPC) : 6, ou 3 à partir du
    /// 1er septembre 2026.
    pub delai_mois: u32,
    /// Ce qu’exige l’exécution, selon la loi en vigueur à la date de l’ordonnance :
    /// formule_a_demander (avant le 1er mars 2022) | certificat | sans_avis (à partir du 1er
    /// septembre 2026).
    pub regime: &'static str,
    /// Mois après la signification avant l’exécution : 1, ou 2 à partir du 1er septembre 2026.
    pub attente_mois: u32,
    /// Une partie seulement de la créance accordée : la signifier vaut acceptation de la réduction
    /// (art. 1409 CPC).
    pub partielle: bool,
    /// Les factures qu’une ordonnance partielle a rejetées.
    pub factures_rejetees: Vec<String>,
}

/// La lettre d’accompagnement au commissaire de justice.
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
    /// « Les 5 pièces numérotées 1 et 3 à 6 » quand la pièce d’un chef rejeté garde son numéro.
    pub pieces_jointes: Option<String>,
    /// Les numéros des pièces non communiquées (les factures rejetées d’une ordonnance partielle).
    pub pieces_non_communiquees: Vec<usize>,
    pub total: Money,
    /// Le décompte remis est celui du titre (les sommes que l’ordonnance accorde).
    pub selon_titre: bool,
    /// Petites créances : le plafond de l’art. R. 125-1 CPCE s’applique au principal et aux
    /// intérêts.
    pub principal_interets: Money,
    pub plafond: Money,
}

pub fn bailiff_letter(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> BailiffLetterData {
    use crate::plan::title::{Regime, service_deadline};
    let order = case.procedure.order.as_ref().map(|o| {
        let regime = Regime::of(o.date);
        OrderToServe {
            date: Day(o.date),
            numero: o.number.clone(),
            fin_signification: Day(service_deadline(o.date)),
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
        total: Money(crate::plan::enforcement::total_due(claim, plan.step)),
        selon_titre: plan.step == Step::Service && claim.title.is_some(),
        principal_interets: Money(crate::plan::step::small_claims_base(claim)),
        plafond: Money(crate::plan::SMALL_CLAIMS_CEILING),
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
