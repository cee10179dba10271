//! The data of the papers for a judge or a commissaire de justice acting on one: the requête en
//! injonction de payer, the petites créances request, the bordereau de pièces.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use super::base::{BailiffData, Base, CourtData, PieceRow, bailiff, base, court, pieces, pieces_in_brief};
use super::basis::{BasisData, basis};
use crate::case::model::{Case, PenaltyClause};
use crate::claim::DecompteView;
use crate::claim::{Claim, Regime};
use crate::format::data::{Day, Money, rate};
use crate::format::typeset;
use crate::plan::{Court, DocKind, Plan};

/// Comment les intérêts courent après la date du décompte, pour « PAR CES MOTIFS ».
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RunningInterest {
    /// penalites_legales | penalites_contractuelles | interet_legal | taux_contractuel
    pub regime: &'static str,
    /// Le taux convenu ; null pour un taux légal.
    pub taux: Option<String>,
    /// Intérêt légal : la réception de la mise en demeure (null sans mise en demeure).
    pub depuis: Option<Day>,
    /// Intérêt légal : le lendemain de `depuis`, d’où courent les intérêts (art. 1231-6 et 1344-1
    /// C. civ.).
    pub debut: Option<Day>,
    /// Intérêt légal seulement : la catégorie du taux légal (art. L. 313-2 CMF).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub categorie: Option<crate::claim::LegalRateCategory>,
}

fn running_interest(regime: &Regime) -> RunningInterest {
    let legal = |code| RunningInterest { regime: code, taux: None, depuis: None, debut: None, categorie: None };
    match regime {
        Regime::ProfessionalLegalRate => legal("penalites_legales"),
        Regime::ProfessionalContractRate { rate: r } => {
            RunningInterest { taux: Some(rate(*r)), ..legal("penalites_contractuelles") }
        }
        Regime::ConsumerLegalInterest { from, category } => RunningInterest {
            depuis: from.map(Day),
            debut: from.and_then(|d| d.succ_opt()).map(Day),
            categorie: Some(*category),
            ..legal("interet_legal")
        },
        Regime::ConsumerContractRate { rate: r } => {
            RunningInterest { taux: Some(rate(*r)), ..legal("taux_contractuel") }
        }
    }
}

/// La clause pénale des conditions.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PenaltyClauseData {
    /// pourcentage | montant
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Un taux (« 10 ») ou un montant (« 500.00 »).
    pub valeur: String,
    /// Tel qu’imprimé : « 10 % », « 500,00 € ».
    pub valeur_texte: String,
}

/// Contre un consommateur, les deux ans de l’art. L. 218-2 C. conso. : le premier à expirer.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Limitation {
    pub facture: String,
    pub depart: Day,
    pub fin: Day,
    /// Ce qu’est le jour de départ : « paiement », « livraison, bon n° … » ou « facture ».
    pub depart_motif: String,
}

fn limitation(case: &Case) -> Option<Limitation> {
    if !case.debtor.is_consumer() {
        return None;
    }
    let (end, start, invoice) = case
        .invoices
        .iter()
        .filter_map(|i| case.limitation_of(i).map(|(start, end)| (end, start, i)))
        .min_by_key(|(end, start, _)| (*end, *start))?;
    let delivery = case.performance_of(invoice).filter(|(date, _)| *date == start);
    let paid = case.payments.iter().any(|p| p.date == start && p.invoice.as_deref() == Some(invoice.number.as_str()));
    let from = if paid {
        "paiement".to_string()
    } else if let Some((_, note)) = delivery {
        format!("livraison, bon n° {}", note.number)
    } else {
        "facture".to_string()
    };
    Some(Limitation { facture: invoice.number.clone(), depart: Day(start), fin: Day(end), depart_motif: from })
}

/// La requête en injonction de payer : tribunal judiciaire (Cerfa 12948) ou tribunal de commerce.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PaymentOrderRequestData {
    #[serde(flatten)]
    pub base: Base,
    /// tribunal_de_commerce | tribunal_judiciaire
    pub variante: &'static str,
    pub juridiction: Option<CourtData>,
    pub decompte: DecompteView,
    pub interets: RunningInterest,
    pub clause_penale: Option<PenaltyClauseData>,
    pub fondement: BasisData,
    pub pieces: Vec<PieceRow>,
    pub prescription: Option<Limitation>,
    pub decompte_joint: bool,
    pub historique_joint: bool,
}

pub fn payment_order_request(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> PaymentOrderRequestData {
    let court_of = plan.court.as_ref();
    let joined = |kind: DocKind| plan.documents.iter().any(|d| d.kind == kind);
    PaymentOrderRequestData {
        base: base(case, key, "Requête en injonction de payer", case.computed_on, true).court_parties(case),
        variante: if court_of.is_some_and(Court::is_commercial) {
            "tribunal_de_commerce"
        } else {
            "tribunal_judiciaire"
        },
        juridiction: court(court_of, case),
        decompte: DecompteView::for_letter(case, claim),
        interets: running_interest(&claim.regime),
        clause_penale: case.terms.penalty_clause.map(|c| match c {
            PenaltyClause::Percent(p) => {
                PenaltyClauseData { kind: "pourcentage", valeur: rate(p), valeur_texte: typeset::percent(p) }
            }
            PenaltyClause::Amount(a) => PenaltyClauseData {
                kind: "montant",
                valeur: crate::format::data::money(a),
                valeur_texte: typeset::euros(a),
            },
        }),
        fondement: basis(case, claim, plan),
        pieces: pieces_in_brief(plan),
        prescription: limitation(case),
        decompte_joint: joined(DocKind::Statement),
        historique_joint: joined(DocKind::History),
    }
}

/// La proposition du créancier : `n` mensualités du total, arrondies au centime inférieur, la
/// dernière prenant le reste, pour qu’elles fassent exactement le total.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ProposalData {
    pub mensualites: u32,
    pub montant: Money,
    pub derniere: Money,
    /// Vrai quand la dernière mensualité diffère des autres (elle prend le reste).
    pub derniere_differente: bool,
    pub premiere: Day,
    pub total: Money,
}

fn proposal(case: &Case, claim: &Claim) -> Option<ProposalData> {
    let p = case.procedure.proposal?;
    let total = claim.totals.total_due;
    let n = Decimal::from(p.instalments);
    let each = (total / n).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero);
    let last = total - each * (n - Decimal::ONE);
    Some(ProposalData {
        mensualites: p.instalments,
        montant: Money(each),
        derniere: Money(last),
        derniere_differente: crate::format::data::money(last) != crate::format::data::money(each),
        premiere: Day(p.first),
        total: Money(total),
    })
}

/// La demande de recouvrement des petites créances à un commissaire de justice (art. L. 125-1
/// CPCE).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SmallClaimsData {
    #[serde(flatten)]
    pub base: Base,
    pub commissaire: Option<BailiffData>,
    pub decompte: DecompteView,
    pub fondement: BasisData,
    pub pieces: Vec<PieceRow>,
    pub plafond: Money,
    /// Ce à quoi se mesure le plafond de l’art. R. 125-1 CPCE : principal et intérêts.
    pub principal_interets: Money,
    /// `principal_interets` est dans le `plafond`.
    pub sous_plafond: bool,
    pub proposition: Option<ProposalData>,
}

pub fn small_claims_request(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> SmallClaimsData {
    SmallClaimsData {
        base: base(case, key, "Demande de recouvrement de petite créance", case.computed_on, true).court_parties(case),
        commissaire: bailiff(case),
        decompte: DecompteView::for_letter(case, claim),
        fondement: basis(case, claim, plan),
        pieces: pieces_in_brief(plan),
        plafond: Money(crate::plan::SMALL_CLAIMS_CEILING),
        principal_interets: Money(crate::plan::step::small_claims_base(claim)),
        sous_plafond: crate::plan::step::small_claims_base(claim) <= crate::plan::SMALL_CLAIMS_CEILING,
        proposition: proposal(case, claim),
    }
}

/// Une ordonnance déjà rendue.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OrderRef {
    pub date: Day,
    pub numero: Option<String>,
}

/// Le mandataire d’une procédure collective.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TrusteeRef {
    pub titre: &'static str,
    pub nom: String,
}

/// La procédure collective, telle que le bordereau la nomme.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InsolvencyRef {
    pub libelle: &'static str,
    /// « du redressement judiciaire », « de la liquidation judiciaire ».
    pub de: &'static str,
    pub tribunal: String,
    pub mandataire: TrusteeRef,
}

/// Le bordereau de pièces.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ExhibitListData {
    #[serde(flatten)]
    pub base: Base,
    pub procedure: &'static str,
    /// injonction_de_payer | petites_creances | signification …
    pub etape: &'static str,
    pub juridiction: Option<CourtData>,
    pub commissaire: Option<BailiffData>,
    pub ordonnance: Option<OrderRef>,
    pub pieces: Vec<PieceRow>,
    pub procedure_collective: Option<InsolvencyRef>,
    /// Qui signe pour le créancier les documents d’une voie judiciaire (le même que sa requête, son
    /// assignation ou sa déclaration), quand ce n’est pas son représentant légal.
    pub signataire: Option<super::routes::SignatoryData>,
}

pub fn exhibit_list(case: &Case, plan: &Plan, key: &str) -> ExhibitListData {
    ExhibitListData {
        base: base(case, key, "Bordereau de pièces", case.computed_on, true),
        procedure: plan.step.label(),
        etape: plan.step.code(),
        juridiction: court(plan.court.as_ref(), case),
        commissaire: bailiff(case),
        ordonnance: case.procedure.order.as_ref().map(|o| OrderRef { date: Day(o.date), numero: o.number.clone() }),
        pieces: pieces(plan),
        procedure_collective: case.open_insolvency().map(|p| InsolvencyRef {
            libelle: p.kind.label(),
            de: p.kind.of_label(),
            tribunal: p.court.clone(),
            mandataire: TrusteeRef { titre: p.kind.trustee_title(), nom: p.trustee.name.clone() },
        }),
        signataire: super::routes::signatory(case, plan),
    }
}
