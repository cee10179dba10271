//! The data of the documents after service of the ordonnance: the certificat request, the
//! no-notice statement, the décompte under the title and the enforcement request. Every figure
//! comes from `claim::title`; the dates from `plan::enforcement`.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use super::base::{BailiffData, Base, CourtData, EnclosedData, PaymentData, bailiff, base, court, payment};
use super::sheet::{AssetsData, assets};
use crate::case::enforcement::{GrantedRate, ServiceMode};
use crate::case::model::{Case, Order};
use crate::claim::Claim;
use crate::claim::title::TitleClaim;
use crate::claim::view::SegmentView;
use crate::format::data::{Day, Money};
use crate::format::typeset::percent;
use crate::plan::title::Regime;
use crate::plan::{DocKind, Plan};

/// La signification de l’ordonnance.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ServiceData {
    pub date: Day,
    pub commissaire: String,
    /// a_personne | a_domicile | proces_verbal_recherches
    pub mode: &'static str,
    pub mode_libelle: &'static str,
}

/// Le délai d’attente après la signification (un mois, art. 1416 CPC ; deux à partir du 1er
/// septembre 2026).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct WaitData {
    pub mois: u32,
    pub expire_le: Day,
    /// « lundi » : le jour de la semaine de `expire_le`.
    pub jour: &'static str,
    /// La fin du délai tombait un samedi, un dimanche ou un jour férié et a été reportée au premier
    /// jour ouvrable suivant (art. 642 CPC).
    pub reporte: bool,
}

fn wait_data(order: &Order, enforceable_from: chrono::NaiveDate) -> Option<WaitData> {
    let served = order.service.as_ref()?.date;
    let months = Regime::of(order.date).waiting_months();
    let natural = served.checked_add_months(chrono::Months::new(months))?;
    let last = enforceable_from.pred_opt()?;
    Some(WaitData {
        mois: months,
        expire_le: Day(last),
        jour: crate::format::weekday_fr(last),
        reporte: last != natural,
    })
}

/// Le certificat de non-opposition.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CertificateData {
    pub date: Day,
}

/// L’ordonnance et sa vie, telles que chaque document postérieur à la signification les imprime.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OrderData {
    pub date: Day,
    pub numero: Option<String>,
    /// formule_a_demander | certificat | sans_avis
    pub regime: &'static str,
    pub juridiction: Option<CourtData>,
    pub signification: Option<ServiceData>,
    pub opposition_jusqu_au: Option<Day>,
    pub execution_a_partir_du: Option<Day>,
    /// L’enchaînement qui mène aux + 5 points, pour que le juge le refasse : le délai d’attente
    /// après la signification (en mois), son dernier jour avec le jour de la semaine, et si l’art.
    /// 642 CPC l’a reporté.
    pub delai: Option<WaitData>,
    pub certificat: Option<CertificateData>,
    pub partielle: bool,
    /// Les factures qu’une ordonnance partielle a rejetées.
    pub factures_rejetees: Vec<String>,
}

fn order_data(case: &Case, order: &Order, plan: &Plan) -> OrderData {
    let t = plan.enforcement.as_ref();
    OrderData {
        date: Day(order.date),
        numero: order.number.clone(),
        regime: Regime::of(order.date).code(),
        juridiction: court(plan.court.as_ref(), case),
        signification: order.service.as_ref().map(|s| ServiceData {
            date: Day(s.date),
            commissaire: s.officer.clone(),
            mode: match s.mode {
                ServiceMode::InPerson => "a_personne",
                ServiceMode::AtHome => "a_domicile",
                ServiceMode::Search => "proces_verbal_recherches",
            },
            mode_libelle: s.mode.label(),
        }),
        opposition_jusqu_au: t.map(|t| Day(t.opposition_until)),
        execution_a_partir_du: t.map(|t| Day(t.enforceable_from)),
        delai: t.and_then(|t| wait_data(order, t.enforceable_from)),
        certificat: order.certificate.as_ref().map(|c| CertificateData { date: Day(c.date) }),
        partielle: order.partial,
        factures_rejetees: super::letters::rejected(case, order),
    }
}

/// Ce qu’a tout document postérieur à la signification : la base, avec les parties nommées comme
/// devant un juge, et l’ordonnance.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AfterService {
    #[serde(flatten)]
    pub base: Base,
    pub ordonnance: Option<OrderData>,
}

fn after_service(base: Base, case: &Case, plan: &Plan) -> AfterService {
    AfterService {
        base: base.court_parties(case),
        ordonnance: case.procedure.order.as_ref().map(|o| order_data(case, o, plan)),
    }
}

/// Un chef de demande accordé par l’ordonnance.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HeadData {
    pub libelle: &'static str,
    pub montant: Money,
}

/// The heads granted, in the order of the dispositif, those at zero left out.
fn heads(title: &TitleClaim) -> Vec<HeadData> {
    let g = &title.granted;
    [
        ("Principal", g.principal),
        ("Pénalités ou intérêts arrêtés par l’ordonnance", g.penalties),
        ("Indemnité forfaitaire pour frais de recouvrement", g.indemnity),
        ("Clause pénale", g.penalty_clause),
        ("Article 700 du Code de procédure civile", g.article_700),
    ]
    .into_iter()
    .filter(|(_, amount)| !amount.is_zero())
    .map(|(label, amount)| HeadData { libelle: label, montant: Money(amount) })
    .collect()
}

/// Une ligne du récapitulatif des art. R. 211-1 / R. 221-1 CPCE : dû, réglé, restant.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SummaryRow {
    pub libelle: &'static str,
    pub du: Money,
    pub regle: Money,
    pub reste: Money,
}

/// Le taux qui court le jour du décompte.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CurrentRate {
    /// Tel qu’imprimé : « 12,15 % ».
    pub taux_texte: String,
    pub source: String,
}

/// Le récapitulatif des art. R. 211-1 / R. 221-1 CPCE : principal, frais et intérêts, chacun dû,
/// réglé et restant.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TitleSummary {
    pub lignes: Vec<SummaryRow>,
    pub total_du: Money,
    pub total_regle: Money,
    pub total: Money,
    pub taux_en_cours: Option<CurrentRate>,
}

fn summary(title: &TitleClaim) -> TitleSummary {
    let t = &title.totals;
    let paid = |f: fn(&crate::claim::title::Receipt) -> Decimal| title.receipts.iter().map(f).sum::<Decimal>();
    let row = |label, due: Decimal, paid: Decimal, left: Decimal| SummaryRow {
        libelle: label,
        du: Money(due),
        regle: Money(paid),
        reste: Money(left),
    };
    let mut rows = vec![row("Principal", t.principal, paid(|r| r.to_principal), t.principal_remaining)];
    if !t.other.is_zero() {
        rows.push(row("Autres sommes allouées", t.other, paid(|r| r.to_other), t.other_remaining));
    }
    rows.push(row(
        "Frais (dépens et frais d’exécution)",
        t.granted_costs + t.enforcement_costs,
        paid(|r| r.to_costs),
        t.costs_remaining,
    ));
    rows.push(row("Intérêts échus", t.interest, paid(|r| r.to_interest), t.interest_remaining));
    TitleSummary {
        lignes: rows,
        total_du: Money(t.principal + t.other + t.granted_costs + t.enforcement_costs + t.interest),
        total_regle: Money(t.received - t.unapplied),
        total: Money(t.total_due),
        taux_en_cours: title
            .segments
            .last()
            .map(|s| CurrentRate { taux_texte: percent(s.rate), source: s.rate_source.clone() }),
    }
}

/// Les intérêts que l’ordonnance accorde.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct GrantedInterestData {
    /// legal | bce_plus_10 | fixe
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Un taux fixe tel qu’imprimé (« 8 % ») ; null sinon.
    pub taux_texte: Option<String>,
    pub depuis: Day,
    /// Le taux légal majoré de 5 points deux mois après que le titre est exécutoire.
    pub majoration: bool,
    pub majoration_depuis: Option<Day>,
    /// Le point de départ de la majoration vient du dossier, il n’est pas calculé.
    pub majoration_fixee: bool,
}

fn granted_interest(title: &TitleClaim) -> Option<GrantedInterestData> {
    let i = title.granted.interest.as_ref()?;
    Some(GrantedInterestData {
        kind: match i.rate {
            GrantedRate::Legal => "legal",
            GrantedRate::EcbPlusTen => "bce_plus_10",
            GrantedRate::Fixed(_) => "fixe",
        },
        taux_texte: match i.rate {
            GrantedRate::Fixed(r) => Some(percent(r)),
            _ => None,
        },
        depuis: Day(i.from),
        majoration: i.surcharge && i.rate == GrantedRate::Legal,
        majoration_depuis: title.surcharge_from.map(Day),
        majoration_fixee: i.surcharge_from.is_some(),
    })
}

/// Un frais d’exécution.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CostRow {
    pub date: Day,
    pub libelle: String,
    pub montant: Money,
}

/// Une somme reçue en vertu du titre et son imputation (art. 1343-1 C. civ., L. 111-8 CPCE).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ReceiptRow {
    pub date: Day,
    pub libelle: String,
    pub montant: Money,
    pub frais: Money,
    pub interets: Money,
    pub principal: Money,
    pub autres: Money,
    pub non_impute: Money,
}

/// Les totaux selon le titre.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TitleTotalsData {
    pub principal: Money,
    pub autres: Money,
    pub frais_execution: Money,
    pub interets: Money,
    pub encaisse: Money,
    pub non_impute: Money,
    pub total: Money,
}

/// Le décompte selon le titre, ligne par ligne.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TitleStatementData {
    #[serde(flatten)]
    pub common: AfterService,
    pub chefs: Vec<HeadData>,
    pub depens: Money,
    pub interets: Option<GrantedInterestData>,
    pub segments: Vec<SegmentView>,
    pub frais: Vec<CostRow>,
    pub encaissements: Vec<ReceiptRow>,
    pub totaux: TitleTotalsData,
    pub recapitulatif: TitleSummary,
    /// Les paiements reçus au plus tard à la date de l’ordonnance : non imputés ici, les sommes
    /// accordées étant ce que la requête laissait dû (le commissaire de justice les voit sur la
    /// fiche débiteur).
    pub reglements_anterieurs: Vec<PriorPayment>,
}

/// Un paiement antérieur à l’ordonnance.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PriorPayment {
    pub date: Day,
    pub montant: Money,
    pub reference: Option<String>,
    /// Fait dans le délai de la mise en demeure, avant qu’aucune requête ne puisse être déposée :
    /// donc déduit dans celle-ci.
    pub avant_requete: bool,
}

/// None without a title (the plan asks for this document only with one).
pub fn title_statement(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> Option<TitleStatementData> {
    let title = claim.title.as_ref()?;
    let t = &title.totals;
    let head = base(case, key, "Décompte des sommes dues en vertu du titre", title.computed_on, plan.merged);
    let order_date = case.procedure.order.as_ref().map(|o| o.date);
    let reglements_anterieurs = case
        .payments
        .iter()
        .filter(|p| order_date.is_some_and(|d| p.date <= d))
        .map(|p| PriorPayment {
            date: Day(p.date),
            montant: Money(p.amount),
            reference: p.reference.clone(),
            avant_requete: case.formal_notice.as_ref().is_some_and(|n| p.date <= n.deadline()),
        })
        .collect();
    Some(TitleStatementData {
        reglements_anterieurs,
        common: after_service(head, case, plan),
        chefs: heads(title),
        depens: Money(title.granted.costs),
        interets: granted_interest(title),
        segments: title.segments.iter().enumerate().map(|(i, s)| SegmentView::of(s, i + 1)).collect(),
        frais: title
            .costs
            .iter()
            .map(|c| CostRow { date: Day(c.date), libelle: c.label.clone(), montant: Money(c.amount) })
            .collect(),
        encaissements: title
            .receipts
            .iter()
            .map(|r| ReceiptRow {
                date: Day(r.date),
                libelle: r.label.clone(),
                montant: Money(r.amount),
                frais: Money(r.to_costs),
                interets: Money(r.to_interest),
                principal: Money(r.to_principal),
                autres: Money(r.to_other),
                non_impute: Money(r.unapplied),
            })
            .collect(),
        totaux: TitleTotalsData {
            principal: Money(t.principal),
            autres: Money(t.other),
            frais_execution: Money(t.enforcement_costs),
            interets: Money(t.interest),
            encaisse: Money(t.received),
            non_impute: Money(t.unapplied),
            total: Money(t.total_due),
        },
        recapitulatif: summary(title),
    })
}

/// La lettre qui demande au greffe le certificat de non-opposition (art. 505 CPC).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CertificateRequestData {
    #[serde(flatten)]
    pub common: AfterService,
    pub principal: Option<Money>,
    /// L’acte de signification est joint.
    pub acte_joint: bool,
}

pub fn certificate_request(case: &Case, plan: &Plan, key: &str) -> CertificateRequestData {
    let order = case.procedure.order.as_ref();
    let head = base(case, key, "Demande de certificat de non-opposition", case.computed_on, plan.merged);
    CertificateRequestData {
        common: after_service(head, case, plan),
        principal: order.and_then(|o| o.granted.as_ref()).map(|g| Money(g.principal)),
        acte_joint: order.and_then(|o| o.service.as_ref()).is_some_and(|s| s.file.is_some()),
    }
}

/// La déclaration du créancier qu’aucun avis d’opposition du greffe n’est parvenu (décret n°
/// 2026-96).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NoNoticeData {
    #[serde(flatten)]
    pub common: AfterService,
}

pub fn no_notice_statement(case: &Case, plan: &Plan, key: &str) -> NoNoticeData {
    let head = base(case, key, "Déclaration d’absence d’avis d’opposition", case.computed_on, plan.merged);
    NoNoticeData { common: after_service(head, case, plan) }
}

/// Une mesure d’exécution déjà faite.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ActData {
    pub nature: &'static str,
    pub date: Day,
    pub tiers: Option<String>,
}

/// La demande d’exécution au commissaire de justice.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EnforcementRequestData {
    #[serde(flatten)]
    pub common: AfterService,
    pub commissaire: Option<BailiffData>,
    pub recapitulatif: Option<TitleSummary>,
    pub arrete_au: Option<Day>,
    pub biens_connus: AssetsData,
    pub personne_physique: bool,
    pub mesures_faites: Vec<ActData>,
    pub paiement: PaymentData,
    pub documents: Vec<EnclosedData>,
}

pub fn enforcement_request(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> EnforcementRequestData {
    let head = base(case, key, "Demande d’exécution au commissaire de justice", case.computed_on, plan.merged);
    EnforcementRequestData {
        common: after_service(head, case, plan),
        commissaire: bailiff(case),
        recapitulatif: claim.title.as_ref().map(summary),
        arrete_au: claim.title.as_ref().map(|t| Day(t.computed_on)),
        biens_connus: assets(case),
        personne_physique: case.debtor.person.is_some() && case.debtor.company_name.is_none(),
        mesures_faites: case
            .procedure
            .order
            .iter()
            .flat_map(|o| o.acts.iter())
            .map(|a| ActData { nature: a.kind.label(), date: Day(a.date), tiers: a.third_party.clone() })
            .collect(),
        paiement: payment(case),
        documents: plan
            .documents
            .iter()
            .filter(|d| d.kind != DocKind::EnforcementRequest)
            .map(|d| EnclosedData { titre: d.title.clone() })
            .collect(),
    }
}
