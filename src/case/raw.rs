//! The case file as written: serde types that mirror the YAML (French keys, unknown keys refused).
//!
//! Every field is optional for serde so that one problem never hides another; the fields a case
//! needs are marked `#[schemars(required)]`, and the schema is what reports them missing.
//! Doc comments become the JSON Schema's descriptions, shown by editors.

use schemars::JsonSchema;
use serde::Deserialize;

pub use super::raw_parties::*;
pub use super::raw_procedure::*;
use super::values::{Date, Montant, Nombre, Taux};

/// Dossier de recouvrement : une créance, un créancier, un débiteur, une ou plusieurs factures.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Dossier de recouvrement recouvre (format 1)")]
pub struct RawCase {
    /// Version du format de fichier : 1.
    #[schemars(required, range(min = 1, max = 1))]
    pub version: Option<u32>,
    /// Référence du dossier chez le créancier, imprimée sur chaque document (lettres, chiffres, - et _).
    #[schemars(required, length(min = 1, max = 64))]
    pub reference: Option<String>,
    /// Date jusqu'à laquelle les intérêts sont calculés et date des documents (défaut : le jour même).
    pub date_calcul: Option<Date>,
    /// Ville où les documents sont signés (« Fait à Lyon, le … » ; défaut : la ville du créancier).
    pub lieu_signature: Option<String>,
    /// Le créancier : celui à qui l'argent est dû.
    #[schemars(required)]
    pub creancier: Option<RawParty>,
    /// Le débiteur : celui qui doit payer.
    #[schemars(required)]
    pub debiteur: Option<RawParty>,
    /// Ce que le contrat, les CGV ou les factures prévoient en cas de retard.
    pub conditions: Option<RawConditions>,
    /// Les factures impayées (au moins une).
    #[schemars(required, length(min = 1))]
    pub factures: Option<Vec<RawInvoice>>,
    /// Bons de livraison ou procès-verbaux de réception signés.
    #[serde(default)]
    pub bons_de_livraison: Vec<RawDeliveryNote>,
    /// Avoirs (notes de crédit) venant réduire des factures.
    #[serde(default)]
    pub avoirs: Vec<RawCreditNote>,
    /// Paiements partiels reçus.
    #[serde(default)]
    pub paiements: Vec<RawPayment>,
    /// Toutes les relances faites, de la plus ancienne à la plus récente.
    #[serde(default)]
    pub relances: Vec<RawReminder>,
    /// La mise en demeure, si elle a été envoyée (absente : recouvre la rédige pour vous).
    pub mise_en_demeure: Option<RawFormalNotice>,
    /// Autres pièces : contrat, devis signé, bon de commande, CGV, échanges, extrait Kbis.
    #[serde(default)]
    pub pieces: Vec<RawExhibit>,
    /// Procédure souhaitée et juridiction ; recouvre en propose une et explique pourquoi.
    pub procedure: Option<RawProcedure>,
    /// Suspension des poursuites (litige en discussion, échéancier accordé) : tant qu'elle court,
    /// aucune relance, mise en demeure ni demande n'est produite.
    pub suspendu: Option<RawHold>,
    /// La contestation de la créance par le débiteur : plus d'injonction de payer ; assignation en
    /// paiement, ou référé-provision si la contestation n'est pas sérieuse.
    pub contestation: Option<super::raw_routes::RawDispute>,
    /// Sauvegarde, redressement ou liquidation judiciaire du débiteur : aucune poursuite (art.
    /// L. 622-21 C. com.), déclaration de créance au mandataire judiciaire.
    pub procedure_collective: Option<super::raw_routes::RawInsolvency>,
    /// Qui signe pour le créancier quand ce n'est pas son représentant légal : avocat, mandataire
    /// ou préposé, avec son pouvoir.
    pub signataire: Option<super::raw_routes::RawSignatory>,
}

/// Une suspension : depuis quand, pourquoi, jusqu'à quand.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHold {
    /// Premier jour de la suspension.
    #[schemars(required)]
    pub depuis: Option<Date>,
    /// Pourquoi : « litige sur la livraison en discussion », « échéancier accordé le 2 octobre »…
    #[schemars(required, length(min = 1))]
    pub motif: Option<String>,
    /// Dernier jour de la suspension ; absent, jusqu'à ce que la clé soit retirée.
    pub jusqu_au: Option<Date>,
}

/// Où les conditions de paiement sont écrites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawTermsSource {
    Cgv,
    Contrat,
    Facture,
    Devis,
    BonDeCommande,
}

/// Conditions de paiement et de retard.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawConditions {
    /// Taux annuel des pénalités de retard convenu, en % ; absent ou null : taux légal (BCE + 10 points).
    pub taux_penalites: Option<Taux>,
    /// Indemnité forfaitaire de 40 € par facture payée en retard entre professionnels (défaut : true).
    pub indemnite_forfaitaire: Option<bool>,
    /// Clause pénale éventuelle : { taux: 10 } (% du principal) ou { montant: "500" }.
    pub clause_penale: Option<RawPenaltyClause>,
    /// Où ces conditions sont écrites : cgv | contrat | facture | devis | bon_de_commande.
    pub source: Option<RawTermsSource>,
}

/// Clause pénale : un pourcentage du principal restant dû, ou un montant fixe.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPenaltyClause {
    pub taux: Option<Taux>,
    pub montant: Option<Montant>,
}

/// Une facture impayée (en tout ou partie).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawInvoice {
    #[schemars(required)]
    pub numero: Option<String>,
    /// Date d'émission.
    #[schemars(required)]
    pub date: Option<Date>,
    /// Date d'échéance imprimée sur la facture.
    #[schemars(required)]
    pub echeance: Option<Date>,
    /// Objet : ce qui a été vendu ou fait.
    pub objet: Option<String>,
    #[schemars(required)]
    pub montant_ht: Option<Montant>,
    #[schemars(required)]
    pub montant_tva: Option<Montant>,
    /// Doit être égal à montant_ht + montant_tva.
    #[schemars(required)]
    pub montant_ttc: Option<Montant>,
    /// La facture telle qu'envoyée (PDF, PNG ou JPEG) ; absente, un relevé est établi depuis les lignes.
    pub fichier: Option<String>,
    /// Détail des lignes, utilisé pour établir le relevé quand le fichier manque.
    #[serde(default)]
    pub lignes: Vec<RawInvoiceLine>,
    /// Numéros des bons de livraison correspondants.
    #[serde(default)]
    pub bons_de_livraison: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawInvoiceLine {
    #[schemars(required)]
    pub designation: Option<String>,
    pub quantite: Option<Nombre>,
    pub prix_unitaire_ht: Option<Nombre>,
    /// Taux de TVA en % (20, 10, 5.5, 2.1, 0).
    pub taux_tva: Option<Taux>,
}

/// Bon de livraison ou procès-verbal de réception.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDeliveryNote {
    #[schemars(required)]
    pub numero: Option<String>,
    #[schemars(required)]
    pub date: Option<Date>,
    /// Qui a signé la réception.
    pub signe_par: Option<String>,
    pub fichier: Option<String>,
}

/// Avoir (note de crédit) sur une facture.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCreditNote {
    #[schemars(required)]
    pub numero: Option<String>,
    #[schemars(required)]
    pub date: Option<Date>,
    /// Numéro de la facture que l'avoir réduit.
    #[schemars(required)]
    pub facture: Option<String>,
    #[schemars(required)]
    pub montant_ttc: Option<Montant>,
    /// Pourquoi l'avoir : défaut, remise commerciale, erreur de facturation…
    pub motif: Option<String>,
    /// Depuis quand l'avoir réduit la facture : `date` (avoir commercial, à sa date, par défaut)
    /// ou `facture` (réfaction pour défaut ou réduction du prix : dès l'origine, la facture
    /// n'ayant jamais été due pour ce montant ; les pénalités ne courent pas dessus).
    pub effet: Option<RawCreditEffect>,
    pub fichier: Option<String>,
}

/// Depuis quand un avoir réduit la facture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawCreditEffect {
    /// À la date de l'avoir (geste commercial).
    Date,
    /// Dès la facture (défaut, réduction du prix, erreur de facturation).
    Facture,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawPaymentMethod {
    Virement,
    Cheque,
    Carte,
    Especes,
    Prelevement,
    Effet,
    Autre,
}

/// Paiement partiel reçu.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPayment {
    #[schemars(required)]
    pub date: Option<Date>,
    #[schemars(required)]
    pub montant: Option<Montant>,
    /// virement | cheque | carte | especes | prelevement | effet | autre.
    pub mode: Option<RawPaymentMethod>,
    /// Facture désignée par le débiteur ; absente, imputation légale (art. 1342-10 C. civ.).
    pub facture: Option<String>,
    /// Référence du paiement (libellé du virement, n° de chèque).
    pub reference: Option<String>,
    /// Le compte d'où venait le virement (relevé bancaire) : recouvre vous propose de l'ajouter aux
    /// comptes connus du débiteur (« debiteur.comptes ») si c'est bien le sien.
    pub compte_payeur: Option<super::raw_parties::RawAccount>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawChannel {
    Email,
    Courrier,
    Telephone,
    Sms,
    Visite,
    LettreRecommandee,
}

/// Une relance amiable.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReminder {
    #[schemars(required)]
    pub date: Option<Date>,
    /// email | courrier | telephone | sms | visite | lettre_recommandee.
    #[schemars(required)]
    pub canal: Option<RawChannel>,
    /// Personne jointe chez le débiteur.
    pub interlocuteur: Option<String>,
    /// Ce qui a été dit ou écrit.
    pub resume: Option<String>,
    /// Réponse du débiteur.
    pub reponse: Option<String>,
    /// Date de paiement promise par le débiteur, s'il en a promis une.
    pub promesse: Option<Date>,
    /// La relance telle qu'envoyée (courriel, lettre) : PDF, PNG ou JPEG.
    pub preuve: Option<String>,
    /// true quand la réponse écrite du débiteur (courriel, SMS, courrier) reconnaît la dette, par
    /// exemple en demandant un délai : elle interrompt la prescription (art. 2240 C. civ.).
    pub reconnaissance: Option<bool>,
    /// true quand la réponse du débiteur conteste la créance : elle renvoie au bloc
    /// « contestation », qui doit alors la décrire.
    pub contestation: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawDelivery {
    /// Lettre recommandée avec accusé de réception.
    Lrar,
    /// Lettre recommandée électronique.
    Lre,
    /// Sommation par commissaire de justice.
    CommissaireDeJustice,
}

/// La mise en demeure envoyée.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFormalNotice {
    /// Date d'envoi.
    #[schemars(required)]
    pub date: Option<Date>,
    /// Délai laissé pour payer, en jours à compter de la réception (défaut : 8).
    #[schemars(range(min = 1, max = 90))]
    pub delai_jours: Option<u32>,
    /// lrar | lre | commissaire_de_justice (défaut : lrar).
    pub envoi: Option<RawDelivery>,
    /// Numéro de l'envoi recommandé.
    pub numero_envoi: Option<String>,
    /// Date de réception (ou de première présentation) portée sur l'accusé de réception.
    pub date_reception: Option<Date>,
    /// La lettre telle qu'envoyée ; absente, celle du dossier construit par recouvre le jour de l'envoi (SORTIE/<référence>/<date>-mise-en-demeure/), vérifiée par son SHA-256.
    pub fichier: Option<String>,
    /// Scan de l'accusé de réception (PDF, PNG ou JPEG).
    pub accuse_reception: Option<String>,
    /// Numéros des factures que la lettre réclame, quand elle n'en vise qu'une partie ; absente :
    /// toutes celles échues à son envoi (la lettre écrite par recouvre les cite toutes). Contre un
    /// consommateur, les intérêts au taux légal ne courent de la mise en demeure que sur celles-ci
    /// (art. 1344 et 1344-1 C. civ.).
    pub factures: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawExhibitRole {
    Contrat,
    Devis,
    BonDeCommande,
    Cgv,
    Correspondance,
    Kbis,
    // Preuve de la livraison ou de l’exécution : procès-verbal de réception, attestation de fin de travaux.
    Livraison,
    Autre,
}

/// Une autre pièce justificative.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawExhibit {
    /// Titre de la pièce dans le bordereau.
    #[schemars(required)]
    pub intitule: Option<String>,
    pub date: Option<Date>,
    /// Le fichier (PDF, PNG ou JPEG), dans le dossier du cas.
    #[schemars(required)]
    pub fichier: Option<String>,
    /// contrat | devis | bon_de_commande | cgv | correspondance | kbis | livraison | autre (défaut : autre).
    pub role: Option<RawExhibitRole>,
    /// Les factures que cette pièce concerne (un devis, une commande, un procès-verbal de réception
    /// pour certaines factures seulement) ; absent : toutes.
    #[serde(default)]
    pub factures: Vec<String>,
}
