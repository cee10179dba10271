//! The case file's blocks that decide the court route once the debtor disputes or is insolvent:
//! `contestation`, `procedure_collective`, `signataire` and `procedure.audience` (French keys,
//! unknown keys refused, as in `raw.rs`).

use schemars::JsonSchema;
use serde::Deserialize;

use super::raw_parties::RawAddress;
use super::values::Date;

/// La contestation de la créance par le débiteur : elle ferme la voie de l'injonction de payer.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDispute {
    /// Date à laquelle le débiteur a contesté (courriel, lettre, réponse à une relance).
    #[schemars(required)]
    pub date: Option<Date>,
    /// Qui a contesté : « M. Paul Martin, président ».
    #[schemars(required, length(min = 1))]
    pub auteur: Option<String>,
    /// Ce que le débiteur reproche, dans ses propres mots (cité entre guillemets) : « malfaçons
    /// alléguées sur les portails posés ».
    #[schemars(required, length(min = 1))]
    pub motif: Option<String>,
    /// Votre observation sur ce motif, imprimée après la citation et hors des guillemets :
    /// « désordres qui n'avaient jamais été signalés avant la mise en demeure ».
    pub observation: Option<String>,
    /// La contestation écrite (PDF, PNG ou JPEG), jointe au bordereau.
    pub preuve: Option<String>,
    /// Factures contestées, quand la contestation ne porte que sur une partie de la créance ;
    /// absentes, toute la créance est contestée.
    #[serde(default)]
    pub factures: Vec<String>,
    /// true quand vous estimez la contestation non sérieuse (simple prétexte, jamais étayée) :
    /// le référé-provision devient possible, le juge en décidera (art. 835 et 873 CPC).
    pub non_serieuse: Option<bool>,
}

/// sauvegarde | redressement | liquidation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawInsolvencyKind {
    Sauvegarde,
    Redressement,
    Liquidation,
}

/// Le mandataire judiciaire (ou le liquidateur) désigné par le jugement d'ouverture.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTrustee {
    /// « SELARL MJ Alpes, prise en la personne de Me Jeanne Roux ».
    #[schemars(required, length(min = 1))]
    pub nom: Option<String>,
    #[schemars(required)]
    pub adresse: Option<RawAddress>,
    pub email: Option<String>,
}

/// aucun | voiturier : le privilège dont la créance déclarée est assortie (art. L. 622-25 C. com.).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawPrivilege {
    /// Aucun privilège ni sûreté, après examen : la créance est déclarée chirographaire.
    Aucun,
    /// Privilège du voiturier sur la valeur des marchandises transportées et les documents qui s'y
    /// rapportent, pour toutes créances de transport (art. L. 133-7 C. com.).
    Voiturier,
}

/// La procédure collective ouverte contre le débiteur (publiée au BODACC).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawInsolvency {
    /// sauvegarde | redressement | liquidation.
    #[serde(rename = "type")]
    #[schemars(required)]
    pub kind: Option<RawInsolvencyKind>,
    /// Date du jugement d'ouverture : les pénalités s'arrêtent ce jour-là (art. L. 622-28 C. com.).
    #[schemars(required)]
    pub date_jugement: Option<Date>,
    /// Tribunal qui a ouvert la procédure : « tribunal de commerce de Grenoble ».
    #[schemars(required, length(min = 1))]
    pub tribunal: Option<String>,
    /// Numéro RG du jugement, s'il est connu.
    pub numero: Option<String>,
    /// Date de publication du jugement au BODACC : le délai de déclaration en part (art. R. 622-24 C. com.).
    #[schemars(required)]
    pub date_publication_bodacc: Option<Date>,
    /// Le mandataire judiciaire, ou le liquidateur en liquidation judiciaire.
    #[schemars(required)]
    pub mandataire: Option<RawTrustee>,
    /// Nom du juge-commissaire, s'il est connu (requête en relevé de forclusion).
    pub juge_commissaire: Option<String>,
    /// true si le mandataire vous a adressé l'avertissement de l'art. R. 622-21 C. com. ; false
    /// s'il ne l'a pas fait (motif d'un relevé de forclusion).
    pub avertissement_recu: Option<bool>,
    /// true si le débiteur a omis la créance de la liste remise au mandataire (art. L. 622-6 C. com.).
    pub omise_de_la_liste: Option<bool>,
    /// La pièce qui établit l'omission : la liste des créanciers déposée au greffe (art. R. 622-5
    /// C. com.), ou l'attestation du greffe ou du mandataire que la créance n'y figure pas.
    pub preuve_omission: Option<String>,
    /// L'administrateur judiciaire, si le jugement d'ouverture en a désigné un : la requête en relevé
    /// de forclusion est présentée en sa présence.
    pub administrateur: Option<RawTrustee>,
    /// Le commissaire à l'exécution du plan, si un plan a été arrêté.
    pub commissaire_execution_plan: Option<RawTrustee>,
    /// aucun | voiturier : le privilège déclaré avec la créance (art. L. 622-25 C. com.). Sans
    /// cette clé la créance est déclarée chirographaire ; pour une créance de transport, « plan »
    /// demande d'examiner le privilège du voiturier (art. L. 133-7 C. com.).
    pub privilege: Option<RawPrivilege>,
}

/// avocat | mandataire | prepose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawSignatoryKind {
    /// Avocat : dispensé de justifier d'un pouvoir.
    Avocat,
    /// Autre mandataire choisi par le créancier : pouvoir spécial.
    Mandataire,
    /// Salarié du créancier : délégation de pouvoir.
    Prepose,
}

/// Qui signe pour le créancier, quand ce n'est pas son représentant légal.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSignatory {
    /// avocat | mandataire | prepose.
    #[schemars(required)]
    pub qualite: Option<RawSignatoryKind>,
    /// « Me Claire Fabre », « Mme Sophie Lenoir ».
    #[schemars(required, length(min = 1))]
    pub nom: Option<String>,
    /// Fonction d'un préposé (« responsable du recouvrement ») ou d'un mandataire.
    pub fonction: Option<String>,
    /// Avocat : barreau d'inscription (« Grenoble »).
    pub barreau: Option<String>,
    /// Avocat : numéro de toque ou de vestiaire, s'il en a un.
    pub toque: Option<String>,
    pub adresse: Option<RawAddress>,
    pub email: Option<String>,
    /// Le pouvoir spécial ou la délégation de pouvoir signé (PDF, PNG ou JPEG), joint au bordereau.
    pub pouvoir: Option<String>,
}

/// L'audience fixée par le greffe, pour une assignation.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHearing {
    #[schemars(required)]
    pub date: Option<Date>,
    /// Heure, « 09:30 ».
    #[schemars(required, length(min = 4, max = 5))]
    pub heure: Option<String>,
    /// Salle ou chambre : « salle 3 », « chambre des référés ».
    pub salle: Option<String>,
    /// Adresse du tribunal où se tient l'audience.
    #[schemars(required)]
    pub adresse: Option<RawAddress>,
}

/// conciliation | mediation | procedure_participative | dispense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawAmicableMode {
    Conciliation,
    Mediation,
    ProcedureParticipative,
    /// Un motif de dispense de l'art. 750-1 CPC (urgence manifeste, indisponibilité des
    /// conciliateurs au-delà de trois mois, échec de la procédure des petites créances…).
    Dispense,
}

/// La tentative amiable préalable exigée par l'art. 750-1 CPC (tribunal judiciaire, 5 000 € au
/// plus), ou le motif qui en dispense.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAmicable {
    /// conciliation | mediation | procedure_participative | dispense.
    #[schemars(required)]
    pub mode: Option<RawAmicableMode>,
    /// Date du constat d'échec, ou du fait qui dispense.
    pub date: Option<Date>,
    /// Ce qui s'est passé, ou le motif de dispense, tel que l'assignation l'énonce.
    #[schemars(required, length(min = 1))]
    pub resultat: Option<String>,
    /// Le constat d'échec ou la preuve de la dispense (PDF, PNG ou JPEG), joint au bordereau.
    pub preuve: Option<String>,
}
