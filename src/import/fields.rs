//! What a column of an accounting export can hold, and which fields each kind of file has.

/// What a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Client,
    CodeClient,
    Numero,
    Date,
    Echeance,
    MontantTtc,
    MontantHt,
    MontantTva,
    Regle,
    Solde,
    DateReglement,
    Objet,
    Siren,
    Siret,
    TvaIntracom,
    FormeJuridique,
    Rcs,
    Adresse,
    Adresse2,
    CodePostal,
    Ville,
    Pays,
    Email,
    Telephone,
    Representant,
    Qualite,
    TypePartie,
    Civilite,
    Prenom,
}

impl Field {
    pub const ALL: [Field; 29] = concat::<2, 27, 29>(IDENTITY, concat::<10, 17, 27>(INVOICE, PARTY));

    /// The key naming it in a `--colonnes` file.
    pub fn key(self) -> &'static str {
        match self {
            Field::Client => "client",
            Field::CodeClient => "code_client",
            Field::Numero => "numero",
            Field::Date => "date",
            Field::Echeance => "echeance",
            Field::MontantTtc => "montant_ttc",
            Field::MontantHt => "montant_ht",
            Field::MontantTva => "montant_tva",
            Field::Regle => "regle",
            Field::Solde => "solde",
            Field::DateReglement => "date_reglement",
            Field::Objet => "objet",
            Field::Siren => "siren",
            Field::Siret => "siret",
            Field::TvaIntracom => "tva_intracommunautaire",
            Field::FormeJuridique => "forme_juridique",
            Field::Rcs => "rcs",
            Field::Adresse => "adresse",
            Field::Adresse2 => "complement_adresse",
            Field::CodePostal => "code_postal",
            Field::Ville => "ville",
            Field::Pays => "pays",
            Field::Email => "email",
            Field::Telephone => "telephone",
            Field::Representant => "representant",
            Field::Qualite => "qualite",
            Field::TypePartie => "type",
            Field::Civilite => "civilite",
            Field::Prenom => "prenom",
        }
    }

    /// How messages name it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Client => "client",
            Field::CodeClient => "code client",
            Field::Numero => "n° de facture",
            Field::Date => "date",
            Field::Echeance => "échéance",
            Field::MontantTtc => "montant TTC",
            Field::MontantHt => "montant HT",
            Field::MontantTva => "montant TVA",
            Field::Regle => "réglé",
            Field::Solde => "solde",
            Field::DateReglement => "date de règlement",
            Field::Objet => "libellé",
            Field::Siren => "SIREN",
            Field::Siret => "SIRET",
            Field::TvaIntracom => "n° de TVA",
            Field::FormeJuridique => "forme juridique",
            Field::Rcs => "RCS",
            Field::Adresse => "adresse",
            Field::Adresse2 => "complément d'adresse",
            Field::CodePostal => "code postal",
            Field::Ville => "ville",
            Field::Pays => "pays",
            Field::Email => "e-mail",
            Field::Telephone => "téléphone",
            Field::Representant => "représentant",
            Field::Qualite => "qualité",
            Field::TypePartie => "type",
            Field::Civilite => "civilité",
            Field::Prenom => "prénom",
        }
    }
}

/// Fields of an open-items export.
pub const BALANCE_FIELDS: &[Field] = &Field::ALL;

/// Fields of a parties file (no invoice columns).
pub const TIERS_FIELDS: &[Field] = &concat::<2, 17, 19>(IDENTITY, PARTY);

/// Which client a row is about: in every kind of file.
const IDENTITY: [Field; 2] = [Field::Client, Field::CodeClient];

/// An invoice's columns.
const INVOICE: [Field; 10] = [
    Field::Numero,
    Field::Date,
    Field::Echeance,
    Field::MontantTtc,
    Field::MontantHt,
    Field::MontantTva,
    Field::Regle,
    Field::Solde,
    Field::DateReglement,
    Field::Objet,
];

/// A party's columns: identifiers, address, contact, representative.
const PARTY: [Field; 17] = [
    Field::Siren,
    Field::Siret,
    Field::TvaIntracom,
    Field::FormeJuridique,
    Field::Rcs,
    Field::Adresse,
    Field::Adresse2,
    Field::CodePostal,
    Field::Ville,
    Field::Pays,
    Field::Email,
    Field::Telephone,
    Field::Representant,
    Field::Qualite,
    Field::TypePartie,
    Field::Civilite,
    Field::Prenom,
];

/// `a` then `b`, at compile time.
const fn concat<const A: usize, const B: usize, const C: usize>(a: [Field; A], b: [Field; B]) -> [Field; C] {
    assert!(A + B == C, "the lengths add up");
    let mut out = [Field::Client; C];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    while i < C {
        out[i] = b[i - A];
        i += 1;
    }
    out
}
