//! The case file as written: the parties (creditor, debtor, mediator), their addresses,
//! representatives and what is known of the debtor’s assets (accounts, employer, goods).
//! Same conventions as `raw.rs`.

use schemars::JsonSchema;
use serde::Deserialize;

use super::values::{Date, Montant};

/// Forme de la personne : société, entrepreneur individuel, association ou particulier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawPartyKind {
    Societe,
    EntrepreneurIndividuel,
    Association,
    Particulier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum RawCivility {
    #[serde(rename = "M.")]
    Monsieur,
    #[serde(rename = "Mme")]
    Madame,
}

/// Une partie : société, entrepreneur individuel, association ou particulier.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawParty {
    /// societe | entrepreneur_individuel | association | particulier (règles de consommation).
    #[serde(rename = "type")]
    #[schemars(required)]
    pub kind: Option<RawPartyKind>,
    /// Dénomination sociale (société, association) ou nom commercial.
    pub raison_sociale: Option<String>,
    /// Forme juridique : SARL, SAS, SA, EURL, SASU, SNC, SCI, association loi 1901…
    pub forme_juridique: Option<String>,
    /// Capital social en euros (« au capital de 10 000 € »).
    pub capital: Option<Montant>,
    /// SIREN, 9 chiffres (clé de Luhn vérifiée).
    pub siren: Option<String>,
    /// SIRET, 14 chiffres (clé de Luhn vérifiée).
    pub siret: Option<String>,
    /// Ville du greffe d'immatriculation au RCS (commerçants et sociétés commerciales).
    pub rcs: Option<String>,
    /// Ville du répertoire des métiers (artisans).
    pub rm: Option<String>,
    /// Numéro de TVA intracommunautaire.
    pub tva_intracommunautaire: Option<String>,
    /// Personne physique : M. ou Mme.
    pub civilite: Option<RawCivility>,
    /// Personne physique : nom de famille.
    pub nom: Option<String>,
    /// Personne physique : prénom(s).
    pub prenom: Option<String>,
    /// Personne physique : date de naissance (exigée pour un créancier personne physique, art. 54 CPC).
    pub date_naissance: Option<Date>,
    /// Personne physique : lieu de naissance.
    pub lieu_naissance: Option<String>,
    /// Personne physique : nationalité.
    pub nationalite: Option<String>,
    /// Personne physique : profession.
    pub profession: Option<String>,
    /// Siège social ou domicile.
    #[schemars(required)]
    pub adresse: Option<RawAddress>,
    /// Représentant légal (gérant, président…) ou signataire.
    pub representant: Option<RawRepresentative>,
    pub email: Option<String>,
    pub telephone: Option<String>,
    /// IBAN du créancier, imprimé sur les lettres pour le paiement (clé vérifiée).
    pub iban: Option<String>,
    /// BIC du créancier.
    pub bic: Option<String>,
    /// Médiateur de la consommation dont relève le créancier (art. L. 616-1 et R. 616-1 C. conso.) :
    /// exigé pour une mise en demeure adressée à un consommateur.
    pub mediateur: Option<RawMediator>,
    /// Débiteur personne morale : l'activité économique pour les besoins de laquelle il a contracté
    /// (« gestion d'un port de plaisance : location d'anneaux et hivernage payant »). Elle établit
    /// qu'il est un professionnel, seul débiteur des pénalités de l'art. L. 441-10 C. com. et de
    /// l'indemnité de 40 € ; exigée pour une association (sinon « non_professionnel: true »).
    pub activite_professionnelle: Option<String>,
    /// Débiteur personne morale qui n'a pas contracté pour une activité professionnelle : intérêts
    /// au taux légal à compter de la mise en demeure (art. 1231-6 et 1344-1 C. civ.), sans
    /// indemnité de 40 €.
    pub non_professionnel: Option<bool>,
    /// Débiteur : comptes bancaires connus (pour une saisie-attribution).
    #[serde(default)]
    pub comptes: Vec<RawAccount>,
    /// Débiteur personne physique : employeur connu (pour une saisie des rémunérations).
    pub employeur: Option<RawEmployer>,
    /// Débiteur : biens connus (véhicules, matériel, stock, immeubles).
    #[serde(default)]
    pub biens: Vec<RawAsset>,
    /// Créancier : image du logo (PNG ou JPEG), en tête de ses lettres ; chemin relatif au fichier
    /// qui le donne (le cas, ou recouvre.yaml).
    pub logo: Option<String>,
    /// Créancier : image de la signature du représentant (PNG ou JPEG), au-dessus de son nom dans
    /// les lettres ; chemin relatif au fichier qui la donne.
    pub signature: Option<String>,
    /// Débiteur : langue des relances, de la mise en demeure et des courriels (fr par défaut ; en :
    /// en anglais). Les actes pour la juridiction restent en français.
    pub langue: Option<RawLanguage>,
}

/// Langue des lettres au débiteur.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RawLanguage {
    /// Français (défaut).
    Fr,
    /// Anglais.
    En,
}

/// Un médiateur de la consommation : son nom et l'adresse de son site, où le saisir en ligne.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMediator {
    #[schemars(required)]
    pub nom: Option<String>,
    /// Adresse du site internet du médiateur (par exemple https://www.mediateur-exemple.fr).
    #[schemars(required)]
    pub site: Option<String>,
}

/// Adresse postale.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAddress {
    /// Lignes de l'adresse (numéro et voie, bâtiment, lieu-dit).
    #[schemars(required, length(min = 1))]
    pub lignes: Option<Vec<String>>,
    #[schemars(required)]
    pub code_postal: Option<String>,
    #[schemars(required)]
    pub ville: Option<String>,
    /// Code pays ISO (défaut : FR).
    pub pays: Option<String>,
}

/// Personne qui représente ou signe.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRepresentative {
    #[schemars(required)]
    pub nom: Option<String>,
    /// Qualité : gérant, président, directeur administratif et financier…
    #[schemars(required)]
    pub qualite: Option<String>,
    /// M. ou Mme : accorde « domicilié » ou « domiciliée » dans les actes.
    pub civilite: Option<RawCivility>,
}

/// Un compte bancaire.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAccount {
    /// IBAN (clé vérifiée).
    #[schemars(required)]
    pub iban: Option<String>,
    pub bic: Option<String>,
    /// Nom de la banque.
    pub banque: Option<String>,
}

/// L'employeur connu du débiteur (personne physique), pour une saisie des rémunérations.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEmployer {
    #[schemars(required, length(min = 1))]
    pub nom: Option<String>,
    pub adresse: Option<RawAddress>,
}

/// Un bien connu du débiteur : véhicule, stock, matériel, immeuble.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAsset {
    /// Ce qu'est le bien : « véhicule utilitaire Renault Master immatriculé AB-123-CD ».
    #[schemars(required, length(min = 1))]
    pub description: Option<String>,
    /// Où il se trouve, s'il est connu.
    pub lieu: Option<String>,
}
