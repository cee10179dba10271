//! The case file as written: the procedure (what was filed, the court, the commissaire de justice,
//! the order obtained). Same conventions as `raw.rs`.

use schemars::JsonSchema;
use serde::Deserialize;

use super::raw_parties::RawAddress;
use super::values::{Date, Montant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawProcedureKind {
    Relance,
    MiseEnDemeure,
    InjonctionDePayer,
    PetitesCreances,
    /// Assignation en référé-provision (art. 835 et 873 CPC) : obligation non sérieusement contestable.
    RefereProvision,
    /// Assignation en paiement au fond, devant le tribunal.
    Assignation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawCourtKind {
    TribunalDeCommerce,
    TribunalDesActivitesEconomiques,
    TribunalJudiciaire,
}

/// Procédure et juridiction.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProcedure {
    /// relance | mise_en_demeure | injonction_de_payer | petites_creances | refere_provision | assignation.
    #[serde(rename = "type")]
    pub kind: Option<RawProcedureKind>,
    /// Juridiction saisie ; absente, déduite du débiteur (nature commerciale ou civile, siège ou domicile).
    pub juridiction: Option<RawCourt>,
    /// Commissaire de justice chargé des petites créances ou de la signification.
    pub commissaire_de_justice: Option<RawBailiff>,
    /// Ordonnance d'injonction de payer rendue, pour la faire signifier et exécuter.
    pub ordonnance: Option<RawOrder>,
    /// Frais de greffe du tribunal de commerce, en euros, s'ils sont connus (tarif réglementé).
    pub frais_greffe: Option<Montant>,
    /// Règlement des frais de greffe : cheque | virement | en_ligne (défaut : cheque).
    pub reglement_frais: Option<RawFeePayment>,
    /// Dépôt de la requête : papier (lettre au greffe, par la poste ou au guichet) | tribunal_digital
    /// (en ligne, tribunaux de commerce). Défaut : tribunal_digital si reglement_frais: en_ligne,
    /// sinon papier.
    pub depot: Option<RawFiling>,
    /// Petites créances : l'échéancier que le créancier propose au débiteur (le titre exécutoire
    /// constate l'accord sur le montant et les modalités du paiement, art. L. 125-1 CPCE).
    pub proposition: Option<RawProposal>,
    /// Référé-provision ou assignation : l'audience fixée par le greffe (date, heure, salle, adresse).
    pub audience: Option<super::raw_routes::RawHearing>,
    /// Assignation au tribunal judiciaire pour 5 000 € au plus : la tentative amiable préalable ou
    /// son motif de dispense (art. 750-1 CPC).
    pub tentative_amiable: Option<super::raw_routes::RawAmicable>,
    /// Assignation : somme demandée au titre des frais non compris dans les dépens (art. 700 CPC).
    pub article_700: Option<Montant>,
}

/// Un paiement en mensualités égales, la dernière ajustée au centime.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProposal {
    /// Nombre de mensualités (1 à 36).
    #[schemars(required)]
    pub mensualites: Option<u32>,
    /// Date de la première mensualité ; les suivantes le même jour des mois suivants.
    #[schemars(required)]
    pub premiere_echeance: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawFiling {
    Papier,
    TribunalDigital,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawFeePayment {
    Cheque,
    Virement,
    EnLigne,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCourt {
    /// tribunal_de_commerce | tribunal_des_activites_economiques | tribunal_judiciaire.
    #[serde(rename = "type")]
    pub kind: Option<RawCourtKind>,
    /// Ville du tribunal.
    pub ville: Option<String>,
    /// Adresse du greffe, pour la lettre d'envoi.
    pub adresse: Option<RawAddress>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBailiff {
    /// Nom de l'étude (SCP, SELARL…) ou du commissaire de justice.
    #[schemars(required)]
    pub etude: Option<String>,
    #[schemars(required)]
    pub adresse: Option<RawAddress>,
    pub email: Option<String>,
}

/// Ordonnance portant injonction de payer.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOrder {
    /// Date de l'ordonnance.
    #[schemars(required)]
    pub date: Option<Date>,
    /// Numéro de l'ordonnance ou du répertoire général.
    pub numero: Option<String>,
    /// L'ordonnance revêtue de la formule exécutoire (PDF ou image).
    #[schemars(required)]
    pub fichier: Option<String>,
    /// La requête telle que déposée ; absente, celle du dernier dossier construit par recouvre qui la contient, vérifiée par son SHA-256.
    pub requete: Option<String>,
    /// true quand l'ordonnance n'accorde qu'une partie de la demande (« rejetons le surplus ») :
    /// la signifier, c'est accepter la réduction (art. 1409 CPC).
    pub partielle: Option<bool>,
    /// Ordonnance partielle : les numéros des factures que l'ordonnance écarte (rejet du surplus).
    /// Elles ne figurent plus dans ce qui est remis au commissaire de justice (pièces, fiche).
    #[serde(default)]
    pub factures_rejetees: Vec<String>,
    /// Les sommes allouées, chef par chef (dispositif de l'ordonnance) : la base du décompte
    /// après titre et de la demande d'exécution.
    pub sommes: Option<super::raw_title::RawGranted>,
    /// La signification de l'ordonnance, une fois faite.
    pub signification: Option<super::raw_title::RawService>,
    /// L'opposition du débiteur, s'il en a formé une.
    pub opposition: Option<super::raw_title::RawOpposition>,
    /// Le certificat de non-opposition délivré par le greffe (art. 505 CPC).
    pub certificat_non_opposition: Option<super::raw_title::RawCertificate>,
    /// Ordonnance rendue depuis le 1er septembre 2026 : true pour demander quand même au greffe un
    /// certificat de non-opposition (défaut : false, la déclaration d'absence d'avis suffit).
    pub demander_certificat: Option<bool>,
    /// Les mesures d'exécution faites, avec leur coût et ce qu'elles ont rapporté.
    #[serde(default)]
    pub execution: Vec<super::raw_title::RawEnforcementAct>,
}
