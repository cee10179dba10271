//! The catalogue of rules: a stable code, a level and what each one checks.
//!
//! Codes never change meaning; a retired rule keeps its number. `recouvre regles` prints this
//! table and the README lists it (a test keeps the two in step).

use crate::diag::{Diagnostic, Level};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub level: Level,
    /// What the rule checks, in French, as listed in the README.
    pub title: &'static str,
}

impl Rule {
    /// A diagnostic of this rule, at its level.
    pub fn report(&self, message: impl Into<String>) -> Diagnostic {
        let d = match self.level {
            Level::Error => Diagnostic::error(message),
            Level::Warning => Diagnostic::warning(message),
        };
        d.with_code(self.code)
    }
}

macro_rules! rules {
    ($($name:ident = $code:literal, $level:ident, $title:literal;)*) => {
        $(pub const $name: Rule = Rule { code: $code, level: Level::$level, title: $title };)*
        /// Every rule, in code order.
        pub const ALL: &[Rule] = &[$($name),*];
    };
}

rules! {
    YAML_SYNTAX = "S001", Error, "YAML lisible : syntaxe, pas de tabulation, pas de clé en double, pas d'alias en rafale, taille et profondeur bornées";
    FIELD_VALUE = "S002", Error, "chaque champ a le type attendu (texte, montant, date AAAA-MM-JJ, valeur d'une liste fermée)";
    UNKNOWN_FIELD = "S003", Error, "aucun champ inconnu (faute de frappe)";
    REQUIRED_FIELD = "S004", Error, "les champs obligatoires sont présents et non vides";
    FILE_READABLE = "S005", Error, "le fichier du dossier existe, est en UTF-8 et pèse moins de 32 Mo";
    VERSION = "R001", Error, "version du format égale à 1";
    REFERENCE = "R002", Error, "référence du dossier utilisable comme nom de fichier (lettres, chiffres, - _ .)";
    SIREN = "R003", Error, "SIREN à 9 chiffres avec clé de Luhn valide, et numéro de TVA français qui le reprend avec sa clé";
    SIRET = "R004", Error, "SIRET à 14 chiffres avec clé de Luhn valide (règle propre à La Poste) et cohérent avec le SIREN";
    IBAN = "R005", Error, "IBAN avec clé modulo 97 valide";
    PARTY_IDENTITY = "R006", Error, "chaque partie est nommée : raison sociale pour une personne morale, nom pour une personne physique";
    CREDITOR_IDENTITY = "R007", Warning, "identité légale complète du créancier (forme, SIREN, RCS, représentant ; état civil d'une personne physique), exigée par l'art. 1407 CPC";
    DEBTOR_ADDRESS = "R008", Error, "adresse du débiteur assez complète pour une signification (voie, code postal, ville)";
    TTC_SUM = "R009", Error, "montant TTC égal à HT + TVA";
    INVOICE_DATES = "R010", Error, "date de facture antérieure ou égale à l'échéance";
    PAYMENT_TERMS = "R011", Warning, "délai de paiement dans les plafonds légaux entre professionnels (60 jours, ou 45 jours fin de mois ; art. L. 441-10 C. com.)";
    NOT_YET_DUE = "R012", Warning, "échéance passée à la date de calcul (une facture non échue n'est pas exigible)";
    UNIQUE_NUMBERS = "R013", Error, "numéros uniques (factures, avoirs, bons de livraison)";
    UNKNOWN_INVOICE = "R014", Error, "avoirs et paiements désignent des factures existantes";
    UNKNOWN_DELIVERY_NOTE = "R015", Error, "les bons de livraison cités par une facture existent";
    CREDIT_ABOVE_INVOICE = "R016", Error, "avoirs d'une facture au plus égaux à son montant TTC";
    PAYMENT_ABOVE_DUE = "R017", Error, "paiements au plus égaux à ce qui est dû (principal et intérêts)";
    FUTURE_DATE = "R018", Error, "aucune date (facture, paiement, relance, mise en demeure) postérieure à la date de calcul";
    REMINDER_ORDER = "R019", Warning, "relances datées après l'échéance et listées dans l'ordre chronologique";
    NOTICE_BEFORE_DUE = "R020", Error, "mise en demeure envoyée après l'échéance d'au moins une facture";
    RECEIPT_BEFORE_SENDING = "R021", Error, "date de réception (AR) postérieure ou égale à la date d'envoi";
    RECEIPT_UNKNOWN = "R022", Warning, "date de réception de la mise en demeure connue (sinon le délai court de l'envoi)";
    FILE_MISSING = "R023", Error, "chaque fichier cité existe et se lit";
    FILE_OUTSIDE = "R024", Error, "chaque fichier cité est dans le dossier du cas (ni « .. », ni chemin absolu, ni lien qui en sort)";
    FILE_TYPE = "R025", Error, "chaque fichier est un PDF, PNG ou JPEG dont le contenu correspond à l'extension";
    PRESCRIPTION = "R026", Error, "créance non prescrite (5 ans entre professionnels, 2 ans contre un consommateur)";
    PRESCRIPTION_NEAR = "R027", Warning, "prescription atteinte dans moins de 3 mois";
    COURT_TOO_EARLY = "R028", Error, "documents judiciaires demandés après l'expiration du délai de la mise en demeure";
    SMALL_CLAIMS_CEILING = "R029", Error, "petites créances : montant en principal et intérêts au plus égal à 5 000 € (art. R. 125-1 CPCE)";
    PENALTY_RATE_FLOOR = "R030", Warning, "taux de pénalités convenu au moins égal à 3 fois le taux d'intérêt légal";
    RATE_UNKNOWN = "R031", Error, "taux connu pour chaque semestre du calcul (BCE, intérêt légal)";
    RATE_UNCHECKED = "R032", Warning, "table des taux BCE vérifiée jusqu'à la période calculée";
    COURT_WITHOUT_NOTICE = "R033", Error, "une mise en demeure a été envoyée avant de saisir le tribunal ou le commissaire de justice";
    RECEIPT_MISSING = "R034", Error, "dossier judiciaire : la mise en demeure envoyée et sa preuve d'envoi (accusé de réception) sont jointes";
    BASIS_MISSING = "R035", Warning, "le fondement de la créance (contrat, devis, bon de commande ou CGV) est joint";
    DATE_DEFAULTED = "R036", Warning, "date de calcul écrite dans le dossier (sinon, le jour même : le résultat change chaque jour)";
    ZERO_INVOICE = "R037", Error, "chaque facture a un montant TTC non nul";
    COURT_NOT_DUE = "R038", Error, "aucune demande (relance, mise en demeure, dossier judiciaire) imposée par --etape quand aucune facture n'est échue";
    SERVICE_DEADLINE = "R039", Error, "ordonnance signifiée dans le délai (6 mois ; 3 mois pour les ordonnances rendues depuis le 1er septembre 2026)";
    SERVICE_DEADLINE_NEAR = "R040", Warning, "délai de signification de l'ordonnance à moins d'un mois";
    NOTHING_DUE = "R041", Error, "il reste une somme due à la date de calcul";
    FACTURX_MISMATCH = "R042", Error, "facture Factur-X : numéro, dates et montants identiques dans le fichier et le YAML";
    COURT_CITY = "R043", Warning, "tribunal compétent confirmé (procedure.juridiction.ville) quand il est déduit de la ville du débiteur";
    PIECE_UNREADABLE = "R044", Error, "chaque pièce PDF ou image s'ouvre (ni tronquée, ni chiffrée avec mot de passe, ni démesurée)";
    STEP_BEHIND = "R045", Warning, "étape construite égale à celle que le cas a atteinte (--etape peut en imposer une antérieure)";
    SIGNING_PLACE = "R046", Warning, "lieu de signature des documents écrit dans le dossier (sinon la ville du créancier)";
    PLACEHOLDER = "R047", Error, "aucune valeur d'exemple écrite par « recouvre init » ne reste dans le dossier";
    PROOF_MISSING = "R048", Error, "dossier judiciaire : chaque facture jointe en fichier, et un contrat, devis ou bon de commande parmi les pièces (un relevé établi par le créancier ne prouve pas seul la créance)";
    CONSUMER_DELIVERY = "R049", Warning, "créance contre un consommateur : preuve de la livraison ou de l'exécution des travaux jointe (bon de livraison signé, procès-verbal de réception)";
    MEDIATOR_MISSING = "R050", Error, "mise en demeure à un consommateur : nom et site du médiateur de la consommation du créancier indiqués (art. L. 616-1 et L. 616-2 C. conso.)";
    REGISTRY_ADDRESS = "R051", Warning, "dépôt papier de la requête : adresse postale du greffe indiquée (procedure.juridiction.adresse)";
    DEBTOR_STATUS = "R052", Error, "débiteur association : qualité de professionnel établie (activite_professionnelle) ou écartée (non_professionnel), les pénalités de l'art. L. 441-10 C. com. et l'indemnité de 40 € n'étant dues que par un professionnel";
    DISPUTE_UNDESCRIBED = "R060", Error, "une relance dont la réponse conteste la créance renvoie à un bloc « contestation » qui la décrit";
    SIGNATORY_IDENTITY = "R061", Error, "signataire avocat : barreau et adresse du cabinet indiqués";
    ROUTE_CONTESTED = "R062", Error, "créance contestée : ni injonction de payer, ni référé-provision sans contestation jugée non sérieuse (art. 1405, 835 et 873 CPC)";
    ROUTE_INSOLVENT = "R063", Error, "débiteur en procédure collective : aucune poursuite individuelle, seulement la déclaration de créance (art. L. 622-21 C. com.)";
    DISPUTE_NOT_SERIOUS = "R064", Warning, "référé-provision malgré une contestation tenue pour non sérieuse : le juge des référés en décidera";
    HEARING_MISSING = "R065", Error, "assignation : date, heure et adresse de l'audience fixée par le greffe indiquées (art. 56 CPC)";
    HEARING_DELAY = "R066", Error, "assignation : délais avant l'audience tenables à la date de calcul (remise au greffe, art. 754 CPC ; signification, art. 856 CPC ; remise, art. 857 CPC)";
    DECLARATION_LATE = "R067", Warning, "déclaration de créance dans le délai de l'art. R. 622-24 C. com. (sinon : relevé de forclusion)";
    FORECLOSURE_EXPIRED = "R068", Error, "relevé de forclusion demandé dans les six mois de la publication du jugement d'ouverture (art. L. 622-26 C. com.)";
    AMICABLE_ATTEMPT = "R069", Error, "assignation au tribunal judiciaire pour 5 000 € au plus : tentative amiable préalable ou motif de dispense indiqué (art. 750-1 CPC)";
    POWER_MISSING = "R070", Warning, "signataire qui n'est pas avocat : pouvoir spécial ou délégation de pouvoir joint (signataire.pouvoir)";
    LAWYER_REQUIRED = "R071", Error, "assignation de plus de 10 000 € : signée par un avocat (signataire.qualite: avocat ; art. 760, 761 et 853 CPC)";
    FORECLOSURE_GROUND = "R072", Error, "relevé de forclusion : un motif indiqué (avertissement du mandataire non reçu, ou créance omise de la liste du débiteur ; art. L. 622-26 C. com.)";
    FORECLOSURE_PROOF = "R073", Warning, "relevé de forclusion : l'omission de la créance de la liste du débiteur invoquée et établie par une pièce (art. L. 622-26 al. 1 et L. 622-6 C. com.)";
    TITLE_DATES = "R080", Error, "ordonnance : signification, opposition, certificat et mesures d'exécution datés dans l'ordre, entre l'ordonnance et la date de calcul";
    GRANTED_MISSING = "R081", Error, "exécution de l'ordonnance : sommes allouées indiquées chef par chef (procedure.ordonnance.sommes), base du décompte après titre";
    PAYER_ACCOUNT = "R082", Warning, "compte d'où vient un paiement (compte_payeur) repris parmi les comptes du débiteur s'il est bien le sien";
    ENFORCEMENT_EARLY = "R083", Error, "exécution demandée une fois le délai d'opposition expiré, avec le certificat de non-opposition ou, depuis le 1er septembre 2026, sans avis d'opposition du greffe";
    SERVICE_NOT_IN_PERSON = "R084", Warning, "ordonnance signifiée à personne (sinon le débiteur peut former opposition jusqu'à un mois après la première mesure d'exécution, art. 1416 CPC)";
    REJECTED_INVOICES = "R085", Warning, "ordonnance partielle : factures écartées désignées (procedure.ordonnance.factures_rejetees), retirées des pièces remises au commissaire de justice";
    CARRIER_PRIVILEGE = "R086", Warning, "déclaration de créance de transport : privilège du voiturier examiné (procedure_collective.privilege : voiturier ou aucun ; art. L. 133-7 et L. 622-25 C. com.)";
    SHARED_INVOICE_FILE = "R087", Warning, "chaque facture a son propre fichier : un même fichier (même SHA-256) n'est pas donné pour plusieurs factures";
}

/// Looks a rule up by its code.
pub fn by_code(code: &str) -> Option<&'static Rule> {
    ALL.iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_sorted_within_family() {
        let mut codes: Vec<&str> = ALL.iter().map(|r| r.code).collect();
        let n = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), n);
        assert!(by_code("R009").is_some_and(|r| r.title.contains("TTC")));
    }
}
