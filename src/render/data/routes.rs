//! The data of the documents of the court routes: déclaration de créance, requête en relevé de
//! forclusion, assignations (référé-provision and au fond).

use schemars::JsonSchema;
use serde::Serialize;

use super::base::{BailiffData, Base, CourtData, PieceRow, bailiff, base, court, pieces_in_brief};
use super::basis::{BasisData, basis};
use super::common::AddressData;
use super::declared::{UpcomingInvoice, upcoming};
use crate::case::model::{Case, SignatoryKind};
use crate::claim::Claim;
use crate::claim::DecompteView;
use crate::format::data::{Day, Money};
use crate::plan::{PieceKind, Plan, Step};

/// Qui signe pour le créancier : son représentant légal, ou le signataire du dossier avec le numéro
/// de la pièce du pouvoir en vertu duquel il agit.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SignatoryData {
    /// avocat | mandataire | prepose
    pub qualite: &'static str,
    pub nom: String,
    pub fonction: Option<String>,
    pub barreau: Option<String>,
    pub toque: Option<String>,
    pub adresse: Option<AddressData>,
    pub email: Option<String>,
    pub piece_pouvoir: Option<usize>,
}

pub fn signatory(case: &Case, plan: &Plan) -> Option<SignatoryData> {
    let s = case.route.signatory.as_ref()?;
    Some(SignatoryData {
        qualite: match s.kind {
            SignatoryKind::Lawyer => "avocat",
            SignatoryKind::Agent => "mandataire",
            SignatoryKind::Employee => "prepose",
        },
        nom: s.name.clone(),
        fonction: s.function.clone(),
        barreau: s.bar.clone(),
        toque: s.toque.clone(),
        adresse: s.address.as_ref().map(AddressData::from),
        email: s.email.clone(),
        piece_pouvoir: plan.pieces.iter().find(|p| p.kind == PieceKind::Power).map(|p| p.number),
    })
}

/// Le mandataire d’une procédure collective.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TrusteeData {
    pub titre: &'static str,
    pub nom: String,
    pub adresse: AddressData,
    pub email: Option<String>,
}

/// La procédure collective, telle que les documents la nomment.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InsolvencyData {
    pub libelle: &'static str,
    pub de: &'static str,
    pub liquidation: bool,
    pub article: &'static str,
    pub jugement: Day,
    pub tribunal: String,
    pub numero: Option<String>,
    pub publication: Day,
    pub mandataire: TrusteeData,
    pub juge_commissaire: Option<String>,
    pub fin_declaration: Day,
    /// Le créancier demeure loin de la juridiction (outre-mer ou à l’étranger) : deux mois de plus.
    pub distance: bool,
    pub fin_releve: Day,
    pub avertissement_recu: Option<bool>,
    pub omise: bool,
    /// Présents à un relevé de forclusion aux côtés du mandataire (en présence de).
    pub organes: Vec<OrganData>,
    /// Le privilège déclaré : « voiturier » (art. L. 133-7 C. com.), sinon null (chirographaire).
    pub privilege: Option<&'static str>,
}

/// Un organe de la procédure : administrateur judiciaire, commissaire à l’exécution du plan.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OrganData {
    pub nom: String,
    pub titre: &'static str,
    pub adresse: AddressData,
}

fn insolvency(case: &Case) -> Option<InsolvencyData> {
    let p = case.open_insolvency()?;
    let (declare, relief) = crate::plan::route::insolvency_dates(case, p);
    Some(InsolvencyData {
        libelle: p.kind.label(),
        de: p.kind.of_label(),
        liquidation: p.kind == crate::case::model::InsolvencyKind::Liquidation,
        article: p.kind.applying_article(),
        jugement: Day(p.judgment),
        tribunal: p.court.clone(),
        numero: p.number.clone(),
        publication: Day(p.published),
        mandataire: TrusteeData {
            titre: p.kind.trustee_title(),
            nom: p.trustee.name.clone(),
            adresse: AddressData::from(&p.trustee.address),
            email: p.trustee.email.clone(),
        },
        juge_commissaire: p.supervising_judge.clone(),
        fin_declaration: Day(declare),
        distance: crate::plan::route::creditor_far(case),
        fin_releve: Day(relief),
        avertissement_recu: p.notice_received,
        omise: p.omitted_from_list,
        organes: [
            p.administrator.as_ref().map(|t| (t, "administrateur judiciaire")),
            p.plan_supervisor.as_ref().map(|t| (t, "commissaire à l’exécution du plan")),
        ]
        .into_iter()
        .flatten()
        .map(|(t, titre)| OrganData { nom: t.name.clone(), titre, adresse: AddressData::from(&t.address) })
        .collect(),
        privilege: (p.privilege == Some(crate::case::model::Privilege::Carrier)).then_some("voiturier"),
    })
}

/// Une instance déjà en cours (art. R. 622-23 3° C. com.) : une ordonnance.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PendingCase {
    /// ordonnance
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub date: Day,
    pub numero: Option<String>,
}

/// Déclaration de créance au mandataire judiciaire (art. L. 622-24, L. 622-25 et R. 622-23 C. com.)
/// : sommes échues au jugement d’ouverture, sommes à échoir, intérêts, sûreté, signataire.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ClaimDeclarationData {
    #[serde(flatten)]
    pub base: Base,
    pub procedure_collective: Option<InsolvencyData>,
    pub decompte: DecompteView,
    pub a_echoir: Vec<UpcomingInvoice>,
    pub total_echu: Money,
    pub total_a_echoir: Money,
    pub total_declare: Money,
    pub fondement: BasisData,
    pub pieces: Vec<PieceRow>,
    pub instance: Option<PendingCase>,
    pub signataire: Option<SignatoryData>,
    /// Avec une requête en relevé de forclusion : la déclaration envoyée à côté.
    pub avec_releve: bool,
    /// Chaque facture est antérieure au jugement d’ouverture : les prestations ont été rendues
    /// avant lui.
    pub facture_avant_jugement: bool,
    /// Le privilège du voiturier déclaré : la part qu’il couvre (prix de transport et intérêts,
    /// art. L. 133-7 C. com.) et la part déclarée chirographaire (les indemnités de 40 €, qui ne
    /// sont pas des « créances de transport »).
    pub privilegie: Option<Money>,
    pub chirographaire: Option<Money>,
}

pub fn claim_declaration(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> ClaimDeclarationData {
    let (to_fall_due, upcoming_total) = upcoming(claim);
    let carrier = case.open_insolvency().is_some_and(|p| p.privilege == Some(crate::case::model::Privilege::Carrier));
    ClaimDeclarationData {
        base: base(case, key, "Déclaration de créance", case.computed_on, plan.merged).court_parties(case),
        procedure_collective: insolvency(case),
        decompte: DecompteView::for_letter(case, claim),
        a_echoir: to_fall_due,
        total_echu: Money(claim.totals.total_due),
        total_a_echoir: Money(upcoming_total),
        total_declare: Money(claim.totals.total_due + upcoming_total),
        fondement: basis(case, claim, plan),
        pieces: pieces_in_brief(plan),
        instance: case.procedure.order.as_ref().map(|o| PendingCase {
            kind: "ordonnance",
            date: Day(o.date),
            numero: o.number.clone(),
        }),
        signataire: signatory(case, plan),
        avec_releve: plan.step == Step::ForeclosureRelief,
        facture_avant_jugement: case
            .open_insolvency()
            .is_some_and(|p| case.invoices.iter().all(|i| i.date < p.judgment)),
        privilegie: carrier.then(|| {
            Money(claim.totals.total_due + upcoming_total - claim.totals.indemnities - claim.totals.penalty_clause)
        }),
        chirographaire: carrier
            .then_some(claim.totals.indemnities + claim.totals.penalty_clause)
            .filter(|d| !d.is_zero())
            .map(Money),
    }
}

/// An association held professionnel by the activity the case states (not a company, whose status
/// is not in doubt): on the merits, the principal with legal interest in the alternative.
fn subsidiary(case: &Case, claim: &Claim, interim: bool) -> Option<SubsidiaryClaim> {
    let argued =
        case.debtor.kind == crate::case::model::PartyKind::Association && case.debtor.professional_activity.is_some();
    let notice = case.formal_notice.as_ref().filter(|_| argued && !interim)?;
    Some(SubsidiaryClaim {
        principal: Money(claim.totals.principal_remaining),
        interets_depuis: Day(notice.received.unwrap_or(notice.sent)),
        reception: notice.received.is_some(),
    })
}

/// Requête en relevé de forclusion au juge-commissaire (art. L. 622-26 C. com.).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ForeclosureRequestData {
    #[serde(flatten)]
    pub base: Base,
    pub procedure_collective: Option<InsolvencyData>,
    pub decompte: DecompteView,
    pub total_declare: Money,
    pub fondement: BasisData,
    pub pieces: Vec<PieceRow>,
    pub declaration_jointe: bool,
    /// La déclaration part au mandataire le même jour que la requête.
    pub date_declaration: Day,
    /// La preuve que le débiteur a omis la créance de sa liste.
    pub piece_omission: Option<usize>,
    pub signataire: Option<SignatoryData>,
}

pub fn foreclosure_request(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> ForeclosureRequestData {
    let (_, upcoming_total) = upcoming(claim);
    ForeclosureRequestData {
        base: base(case, key, "Requête en relevé de forclusion", case.computed_on, plan.merged).court_parties(case),
        procedure_collective: insolvency(case),
        decompte: DecompteView::for_letter(case, claim),
        total_declare: Money(claim.totals.total_due + upcoming_total),
        fondement: basis(case, claim, plan),
        pieces: pieces_in_brief(plan),
        declaration_jointe: plan.documents.iter().any(|d| d.kind == crate::plan::DocKind::ClaimDeclaration),
        date_declaration: Day(case.computed_on),
        piece_omission: plan.pieces.iter().find(|p| p.kind == PieceKind::OmissionProof).map(|p| p.number),
        signataire: signatory(case, plan),
    }
}

/// L’audience à laquelle l’assignation convoque.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HearingData {
    pub date: Day,
    /// « 9 h 30 ».
    pub heure: String,
    pub salle: Option<String>,
    pub adresse: AddressData,
}

/// Ce qu’exige une assignation devant cette juridiction pour ce montant : avocat, procédure orale
/// ou écrite, tentative amiable préalable.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RepresentationData {
    pub avocat_obligatoire: bool,
    pub procedure_orale: bool,
    /// Art. 750-1 CPC : une tentative amiable préalable (ou une dispense) est exigée.
    pub tentative_amiable: bool,
    /// Pourquoi, avec les articles.
    pub motifs: Vec<String>,
}

/// La tentative amiable faite avant l’assignation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AmicableData {
    /// conciliation | mediation | procedure_participative | dispense
    pub mode: &'static str,
    pub date: Option<Day>,
    pub resultat: String,
    pub piece: Option<usize>,
}

/// La contestation de la créance par le débiteur.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DisputeData {
    pub date: Day,
    pub auteur: String,
    /// Les mots mêmes du débiteur, cités.
    pub motif: String,
    /// La remarque du créancier, imprimée après la citation.
    pub observation: Option<String>,
    /// Comment elle a été faite, quand une relance l’enregistre (« téléphone »).
    pub canal: Option<&'static str>,
    pub factures: Vec<String>,
    pub piece: Option<usize>,
}

/// L’assignation, en référé-provision ou au fond : parties, juridiction et audience, faits et
/// moyens, décompte, article 700 et dépens, avertissement de l’art. 56, pièces.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SummonsData {
    #[serde(flatten)]
    pub base: Base,
    pub refere: bool,
    /// tribunal_de_commerce | tribunal_judiciaire
    pub variante: &'static str,
    pub juridiction: Option<CourtData>,
    pub audience: Option<HearingData>,
    pub representation: RepresentationData,
    pub tentative_amiable: Option<AmicableData>,
    pub contestation: Option<DisputeData>,
    pub decompte: DecompteView,
    pub fondement: BasisData,
    pub pieces: Vec<PieceRow>,
    pub signataire: Option<SignatoryData>,
    pub commissaire: Option<BailiffData>,
    pub article_700: Option<Money>,
    /// Ce que fait la demande une fois l’article 700 ajouté (dépens à part).
    pub total_demande: Money,
    /// Une association dont la qualité de professionnel tient à son activité : la demande
    /// subsidiaire si le tribunal ne la retient pas comme professionnel.
    pub subsidiaire: Option<SubsidiaryClaim>,
    /// Une pièce produite prouve la commande (contrat, devis, bon de commande) : l’assignation ne
    /// dit établi que ce que les pièces établissent.
    pub commande_prouvee: bool,
    /// Une pièce produite prouve l’exécution (bon de livraison, procès-verbal de réception).
    pub execution_prouvee: bool,
}

/// La demande subsidiaire pour un débiteur dont le tribunal pourrait ne pas retenir la qualité de
/// professionnel : le principal avec intérêts au taux légal depuis la mise en demeure (art. 1231-6
/// et 1344-1 C. civ.), sans les pénalités de l’art. L. 441-10 ni l’indemnité de 40 €.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SubsidiaryClaim {
    pub principal: Money,
    /// Le jour où la mise en demeure a été reçue (ou envoyée, quand sa réception n’est pas connue).
    pub interets_depuis: Day,
    pub reception: bool,
}

pub fn summons(case: &Case, claim: &Claim, plan: &Plan, key: &str) -> SummonsData {
    use crate::case::model::AmicableMode;
    let court_of = plan.court.as_ref();
    let commercial = court_of.is_some_and(crate::plan::Court::is_commercial);
    let interim = plan.step == Step::InterimPayment;
    let rep = crate::plan::route::representation(commercial, plan.step, claim.totals.total_due);
    let piece_of = |kind: PieceKind| plan.pieces.iter().find(|p| p.kind == kind).map(|p| p.number);
    let title = if interim { "Assignation en référé-provision" } else { "Assignation en paiement" };
    SummonsData {
        base: base(case, key, title, case.computed_on, plan.merged).court_parties(case),
        refere: interim,
        variante: if commercial { "tribunal_de_commerce" } else { "tribunal_judiciaire" },
        juridiction: court(court_of, case),
        audience: case.procedure.hearing.as_ref().map(|h| HearingData {
            date: Day(h.date),
            heure: hour(h.time),
            salle: h.room.clone(),
            adresse: AddressData::from(&h.address),
        }),
        representation: RepresentationData {
            avocat_obligatoire: rep.avocat_obligatoire,
            procedure_orale: rep.procedure_orale,
            tentative_amiable: rep.tentative_amiable,
            motifs: rep.motifs,
        },
        tentative_amiable: case.procedure.amicable.as_ref().map(|a| AmicableData {
            mode: match a.mode {
                AmicableMode::Conciliation => "conciliation",
                AmicableMode::Mediation => "mediation",
                AmicableMode::ParticipatoryProcedure => "procedure_participative",
                AmicableMode::Exemption => "dispense",
            },
            date: a.date.map(Day),
            resultat: a.outcome.clone(),
            piece: piece_of(PieceKind::AmicableAttempt),
        }),
        contestation: case.route.dispute.as_ref().map(|d| DisputeData {
            date: Day(d.date),
            auteur: d.author.clone(),
            motif: d.reason.clone(),
            observation: d.remark.clone(),
            canal: case
                .reminders
                .iter()
                .find(|r| r.disputes && r.date == d.date)
                .map(|r| super::base::channel_label(r.channel)),
            factures: d.invoices.clone(),
            piece: piece_of(PieceKind::Dispute),
        }),
        decompte: DecompteView::for_letter(case, claim),
        fondement: basis(case, claim, plan),
        pieces: pieces_in_brief(plan),
        signataire: signatory(case, plan),
        commissaire: bailiff(case),
        article_700: case.procedure.article_700.map(Money),
        total_demande: Money(claim.totals.total_due + case.procedure.article_700.unwrap_or_default()),
        subsidiaire: subsidiary(case, claim, interim),
        commande_prouvee: piece_of(PieceKind::Contract).is_some(),
        execution_prouvee: piece_of(PieceKind::DeliveryNote).is_some(),
    }
}

/// « 9 h 30 ».
fn hour(time: chrono::NaiveTime) -> String {
    time.format("%-H h %M").to_string()
}

/// Un dernier jour pour signifier l’assignation ou en remettre la copie au greffe.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DeadlineData {
    /// Le code de la règle (`legal_rules`).
    pub regle: &'static str,
    pub quoi: String,
    pub date: Day,
    pub article: &'static str,
}

/// L’audience, telle que la lettre au commissaire de justice la nomme.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HearingRef {
    pub date: Day,
    pub heure: String,
}

/// Ce qu’on demande au commissaire de justice pour une assignation : l’acte, l’audience, les
/// derniers jours pour la signifier et pour en remettre la copie au greffe.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SummonsForBailiff {
    pub refere: bool,
    pub audience: Option<HearingRef>,
    pub delais: Vec<DeadlineData>,
}

pub fn summons_for_bailiff(case: &Case, plan: &Plan) -> Option<SummonsForBailiff> {
    if !plan.step.is_summons() {
        return None;
    }
    let commercial = plan.court.as_ref().is_some_and(crate::plan::Court::is_commercial);
    let hearing = case.procedure.hearing.as_ref();
    let delais = hearing
        .map(|h| crate::plan::route::hearing_deadlines(commercial, plan.step, h.date))
        .unwrap_or_default()
        .into_iter()
        .map(|d| DeadlineData { regle: d.regle, quoi: d.quoi, date: Day(d.date), article: d.article })
        .collect();
    Some(SummonsForBailiff {
        refere: plan.step == Step::InterimPayment,
        audience: hearing.map(|h| HearingRef { date: Day(h.date), heure: hour(h.time) }),
        delais,
    })
}
