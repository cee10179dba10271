//! The names real exports give their columns: for each field, the headers recognised (Sage,
//! EBP, Cegid, Odoo, Pennylane, QuickBooks, spreadsheets made by hand), compared after
//! [`canonical`]; and the list `import balance --help` prints.

use super::fields::{BALANCE_FIELDS, Field};
use super::naming::normalize;

/// `N° de la Facture (€)` → `no facture`: folded, lower-case, small words dropped (but a last
/// `dû`), every way of writing « numéro » as `no`.
pub fn canonical(header: &str) -> String {
    const DROPPED: [&str; 12] = ["de", "du", "des", "d", "la", "le", "l", "les", "en", "eur", "euros", "a"];
    let folded = normalize(header);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .map(|w| match *w {
            "n" | "num" | "numero" | "nr" | "nro" => "no",
            other => other,
        })
        .enumerate()
        // « dû » last is the amount owed (`Reste dû`, `Montant dû`), not the article.
        .filter(|(i, w)| !DROPPED.contains(w) || (*i == last && *w == "du"))
        .map(|(_, w)| w)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Headers meaning `field`, as users write them (compared after [`canonical`]), the most specific
/// first: when several columns could serve, the one named earliest here is taken.
pub fn synonyms(field: Field) -> &'static [&'static str] {
    match field {
        Field::Client => &[
            "client",
            "nom client",
            "nom du client",
            "raison sociale",
            "tiers",
            "nom du tiers",
            "nom tiers",
            "debiteur",
            "nom",
            "societe",
            "denomination",
            "intitule",
            "intitule compte",
            "intitule du compte",
            "libelle client",
            "libelle compte",
            "client nom",
            "intitule tiers",
            "intitule client",
            "partenaire",
            "customer",
        ],
        Field::CodeClient => &[
            "code client",
            "code",
            "compte",
            "no compte",
            "compte client",
            "compte tiers",
            "code tiers",
            "ref client",
            "reference client",
            "id client",
            "identifiant client",
            "no client",
            "client code",
            "compte auxiliaire",
            "no tiers",
            "no compte tiers",
            "no compte client",
            "code auxiliaire",
        ],
        Field::Numero => &[
            "no facture",
            "facture",
            "ref facture",
            "reference facture",
            "piece",
            "no piece",
            "reference piece",
            "reference",
            "document",
            "no document",
            "ref",
            "ref piece",
            "numero",
            "no",
        ],
        Field::Date => &[
            "date facture",
            "date piece",
            "date emission",
            "date document",
            "date ecriture",
            "date d emission",
            "emise le",
            "date de facturation",
            "date facturation",
            "invoice date",
            // Last: « À la date » (Odoo's not-yet-due bucket) folds to it too.
            "date",
        ],
        Field::Echeance => {
            &["echeance", "date echeance", "echeance le", "date limite paiement", "date limite de paiement", "due"]
        }
        Field::MontantTtc => &[
            "montant ttc",
            "ttc",
            "total ttc",
            "montant",
            "montant facture",
            "montant initial",
            "debit",
            "net a payer",
            "montant origine",
            "montant total",
        ],
        Field::MontantHt => &["montant ht", "ht", "total ht", "base ht"],
        Field::MontantTva => &["tva", "montant tva", "total tva"],
        Field::Regle => &[
            "regle",
            "reglement",
            "reglements",
            "montant regle",
            "paye",
            "montant paye",
            "deja regle",
            "encaisse",
            "credit",
            "acompte",
            "acomptes",
            "paiements",
            "paiement",
        ],
        Field::Solde => &[
            "montant restant du",
            "restant du",
            "reste du",
            "solde du",
            "reste a payer",
            "restant a payer",
            "montant restant",
            "solde restant",
            "solde restant du",
            "montant du",
            "amount due",
            "amount residual",
            "residual",
            "montant residuel",
            "residuel",
            "open amount",
            "montant ouvert",
            "montant impaye",
            "impaye",
            "solde",
            "solde ttc",
            "reste",
            "restant",
            "du",
            "a payer",
            // Odoo's aged balance: the last column, what is owed over every ageing bucket.
            "total",
        ],
        Field::DateReglement => {
            &["date reglement", "date dernier reglement", "date paiement", "date dernier paiement", "regle le"]
        }
        Field::Objet => &["libelle", "objet", "designation", "libelle ecriture", "description"],
        Field::Siren => &["siren", "no siren"],
        Field::Siret => &["siret", "no siret"],
        Field::TvaIntracom => &[
            "tva intracommunautaire",
            "no tva",
            "tva intracom",
            "tva intra",
            "no tva intracommunautaire",
            "identifiant tva",
        ],
        Field::FormeJuridique => &["forme juridique", "forme"],
        Field::Rcs => &["rcs", "ville rcs", "greffe"],
        Field::Adresse => &["adresse", "adresse 1", "adresse1", "adresse ligne 1", "rue", "voie"],
        Field::Adresse2 => &["adresse 2", "adresse2", "adresse ligne 2", "complement", "complement adresse"],
        Field::CodePostal => &["cp", "code postal", "postal"],
        Field::Ville => &["ville", "commune", "localite"],
        Field::Pays => &["pays", "code pays"],
        Field::Email => &["email", "e mail", "courriel", "mail", "adresse email", "adresse mail"],
        Field::Telephone => &["telephone", "tel", "tel fixe", "portable", "mobile"],
        Field::Representant => &["representant", "dirigeant", "gerant", "representant legal", "contact"],
        Field::Qualite => &["qualite", "fonction", "qualite representant"],
        Field::TypePartie => &["type", "type client", "type tiers", "nature", "categorie"],
        Field::Civilite => &["civilite"],
        Field::Prenom => &["prenom"],
    }
}

/// `import balance --help`: every `--colonnes` key with the headers recognised for it.
pub fn columns_help() -> String {
    let mut s = String::from(
        "Exemples :\n  recouvre import balance balance.csv -o dossiers/ --creancier creancier.yaml --tiers clients.csv\n  \
         recouvre import balance balance-agee.xlsx -o dossiers/ --colonnes colonnes.yaml --taux-tva 10\n\n\
         Colonnes reconnues (en-têtes comparés sans accents, casse ni petits mots ; sinon, nommez-les dans \
         un fichier --colonnes, « champ: En-tête » ou « champ: 3 » pour la 3e colonne ; les champs d'identité \
         valent aussi pour --tiers, sous une clé « tiers: ») :\n",
    );
    for field in BALANCE_FIELDS {
        s.push_str(&format!("  {} : {}\n", field.key(), synonyms(*field).join(", ")));
    }
    s.push_str(
        "Mises en page lues : une ligne par facture (client sur chaque ligne), ou groupées (le client sur une \
         ligne de titre, ses factures dessous, une ligne « Total … » par client et un total général) ; les \
         totaux de l'export et la colonne de reste dû doivent égaler, au centime près, ce qui est importé.",
    );
    s
}
