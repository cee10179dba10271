//! The case file as written, after the ordonnance: what it granted, its signification, any
//! opposition, the certificat de non-opposition, the enforcement acts, and what is known of the
//! debtor's assets (accounts, employer, goods). Same conventions as `raw.rs`.

use schemars::JsonSchema;
use serde::Deserialize;

use super::values::{Date, Montant, Taux};

/// Les sommes que l'ordonnance alloue, chef par chef, telles qu'écrites dans son dispositif :
/// elles remplacent celles de la créance (le décompte après titre part d'elles).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGranted {
    /// Principal alloué, en euros.
    #[schemars(required)]
    pub principal: Option<Montant>,
    /// Intérêts courant sur le principal, au taux et depuis la date que fixe l'ordonnance.
    pub interets: Option<RawGrantedInterest>,
    /// Pénalités ou intérêts arrêtés à une somme fixe par l'ordonnance, en euros.
    pub penalites: Option<Montant>,
    /// Indemnités forfaitaires pour frais de recouvrement allouées (40 € par facture, L. 441-10 C. com.).
    pub indemnite: Option<Montant>,
    /// Clause pénale allouée, en euros.
    pub clause_penale: Option<Montant>,
    /// Somme allouée au titre de l'article 700 du Code de procédure civile.
    pub article_700: Option<Montant>,
    /// Dépens liquidés par l'ordonnance (frais de greffe…), en euros.
    pub depens: Option<Montant>,
}

/// Nature du taux d'intérêt fixé par l'ordonnance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawGrantedRateKind {
    /// Taux de l'intérêt légal de la catégorie du créancier, par semestre (art. L. 313-2 CMF),
    /// majoré de 5 points deux mois après que l'ordonnance est devenue exécutoire (L. 313-3 CMF).
    Legal,
    /// Taux de refinancement de la BCE majoré de 10 points, par semestre (L. 441-10 C. com.).
    #[serde(rename = "bce_plus_10")]
    BcePlus10,
    /// Un taux fixe, écrit dans « taux ».
    Fixe,
}

/// Intérêts alloués : taux et point de départ.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGrantedInterest {
    /// legal (défaut) | bce_plus_10 | fixe.
    #[serde(rename = "type")]
    pub kind: Option<RawGrantedRateKind>,
    /// Taux annuel en %, pour « type: fixe ».
    pub taux: Option<Taux>,
    /// Date à compter de laquelle l'ordonnance fait courir les intérêts (premier jour compté).
    #[schemars(required)]
    pub depuis: Option<Date>,
    /// Taux légal : majoration de 5 points (L. 313-3 CMF) appliquée (défaut : true) ; false si le
    /// juge de l'exécution l'a écartée.
    pub majoration: Option<bool>,
    /// Taux légal : premier jour majoré, quand il diffère de celui que recouvre déduit (deux mois
    /// après que l'ordonnance est devenue exécutoire, un point non vérifié pour l'injonction de payer).
    pub majoration_depuis: Option<Date>,
}

/// Comment l'acte a été signifié (art. 654 à 659 CPC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawServiceMode {
    /// À la personne du débiteur (ou de son représentant légal).
    APersonne,
    /// À domicile ou à l'étude (art. 655, 656 CPC).
    ADomicile,
    /// Procès-verbal de recherches infructueuses (art. 659 CPC).
    ProcesVerbalRecherches,
}

/// La signification de l'ordonnance au débiteur.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawService {
    /// Date de l'acte de signification.
    #[schemars(required)]
    pub date: Option<Date>,
    /// Commissaire de justice (ou étude) qui a signifié.
    #[schemars(required, length(min = 1))]
    pub commissaire: Option<String>,
    /// a_personne | a_domicile | proces_verbal_recherches.
    #[schemars(required)]
    pub mode: Option<RawServiceMode>,
    /// L'acte de signification (PDF ou image).
    pub fichier: Option<String>,
}

/// Une opposition formée par le débiteur (art. 1415 CPC).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOpposition {
    /// Date de l'opposition.
    #[schemars(required)]
    pub date: Option<Date>,
    /// Date à laquelle vous avez reçu l'avis du greffe (au tribunal de commerce, il vous invite à
    /// consigner les frais dans les 15 jours).
    pub avis_greffe: Option<Date>,
}

/// Le certificat de non-opposition délivré par le greffe (art. 505 CPC).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCertificate {
    /// Date de délivrance.
    #[schemars(required)]
    pub date: Option<Date>,
    /// Le certificat (PDF ou image).
    #[schemars(required)]
    pub fichier: Option<String>,
}

/// Nature d'une mesure d'exécution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawEnforcementKind {
    /// Saisie-attribution (L. 211-1 CPCE), sur un compte bancaire par exemple.
    SaisieAttribution,
    /// Saisie-vente des biens meubles (L. 221-1 CPCE).
    SaisieVente,
    /// Saisie des rémunérations (L. 212-1 CPCE).
    SaisieRemunerations,
}

/// Un acte d'exécution fait par le commissaire de justice.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEnforcementAct {
    /// saisie_attribution | saisie_vente | saisie_remunerations.
    #[serde(rename = "type")]
    #[schemars(required)]
    pub kind: Option<RawEnforcementKind>,
    /// Date de l'acte.
    #[schemars(required)]
    pub date: Option<Date>,
    /// Tiers saisi (banque, employeur), s'il y en a un.
    pub tiers: Option<String>,
    /// Coût de l'acte à la charge du débiteur (art. L. 111-8 CPCE), en euros TTC, tel que facturé
    /// par le commissaire de justice ; jamais l'émolument de l'art. A. 444-32 C. com., à votre charge.
    pub frais: Option<Montant>,
    /// Somme recouvrée par cet acte et reversée, en euros.
    pub recouvre: Option<Montant>,
    /// Date à laquelle la somme recouvrée a été reçue (imputée ce jour-là).
    pub recouvre_le: Option<Date>,
    /// L'acte ou le procès-verbal (PDF ou image).
    pub fichier: Option<String>,
}
