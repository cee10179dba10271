//! The parties as every template receives them: identity, address, representative.

use schemars::JsonSchema;
use serde::Serialize;

use crate::case::model::{Address, Civility, Language, Party, PartyKind};
use crate::format::data::{Day, Money};
use crate::ground::ids;

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AddressData {
    pub lignes: Vec<String>,
    pub code_postal: String,
    pub ville: String,
    pub pays: String,
}

impl From<&Address> for AddressData {
    fn from(a: &Address) -> Self {
        Self {
            lignes: a.lines.clone(),
            code_postal: a.postcode.clone(),
            ville: a.city.clone(),
            pays: a.country.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PersonData {
    pub civilite: Option<&'static str>,
    pub nom: String,
    pub prenom: Option<String>,
    pub naissance_date: Option<Day>,
    pub naissance_lieu: Option<String>,
    pub nationalite: Option<String>,
    pub profession: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RepresentativeData {
    pub nom: String,
    pub qualite: String,
    /// « M. », « Mme », ou null quand le dossier ne le dit pas.
    pub civilite: Option<&'static str>,
    /// La qualité en anglais, pour une lettre à un débiteur qui lit l’anglais (« President »).
    pub qualite_en: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PartyData {
    /// societe | entrepreneur_individuel | association | particulier
    pub kind: &'static str,
    /// Le nom de la partie : raison sociale ou « Mme Jeanne Petit ».
    pub nom: String,
    pub forme: Option<String>,
    pub capital: Option<Money>,
    /// Groupé pour l’impression : « 526 018 155 ».
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub rcs: Option<String>,
    pub rm: Option<String>,
    pub tva: Option<String>,
    pub personne: Option<PersonData>,
    pub adresse: AddressData,
    pub representant: Option<RepresentativeData>,
    pub email: Option<String>,
    pub telephone: Option<String>,
    /// Groupé par quatre : « FR76 3000 6000 … ».
    pub iban: Option<String>,
    pub bic: Option<String>,
    /// Commerçant ou société commerciale.
    pub commercant: bool,
    pub consommateur: bool,
    /// L’activité économique d’une personne morale, énoncée pour montrer qu’elle est un
    /// professionnel (L. 441-10 C. com.).
    pub activite_professionnelle: Option<String>,
    /// La langue des lettres à cette partie : « fr », ou « en » pour le débiteur qui lit l’anglais
    /// (relances, mise en demeure ; les actes l’ignorent et restent en français).
    pub langue: &'static str,
    /// Dans un acte, une personne physique qui exerce sous un nom commercial : ce nom (`nom` est
    /// alors celui de la personne). Absent sinon.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nom_commercial: Option<String>,
    /// Le logo d’en-tête et l’image de signature du créancier (chemins virtuels de la compilation),
    /// quand le dossier les donne ; absents sinon.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_image: Option<String>,
    /// Une société débitrice en liquidation judiciaire : son liquidateur, qui la représente une
    /// fois ses dirigeants dessaisis (art. L. 641-9 C. com.). Absent sinon.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub liquidateur: Option<String>,
}

impl From<&Party> for PartyData {
    fn from(p: &Party) -> Self {
        Self {
            kind: match p.kind {
                PartyKind::Company => "societe",
                PartyKind::SoleTrader => "entrepreneur_individuel",
                PartyKind::Association => "association",
                PartyKind::Individual => "particulier",
            },
            nom: p.display_name.clone(),
            forme: p.legal_form.clone(),
            capital: p.capital.map(Money),
            siren: p.siren_number().map(ids::format_siren),
            siret: p.siret.as_deref().map(ids::format_siren),
            rcs: p.rcs_city.clone(),
            rm: p.rm_city.clone(),
            tva: p.vat_number.clone(),
            personne: p.person.as_ref().map(|person| PersonData {
                civilite: person.civility.map(civility),
                nom: person.last_name.clone(),
                prenom: person.first_name.clone(),
                naissance_date: person.birth_date.map(Day),
                naissance_lieu: person.birth_place.clone(),
                nationalite: person.nationality.clone(),
                profession: person.profession.clone(),
            }),
            adresse: (&p.address).into(),
            representant: p.representative.as_ref().map(|r| RepresentativeData {
                nom: r.name.clone(),
                qualite: r.role.clone(),
                civilite: r.civility.map(civility),
                qualite_en: crate::format::english::role(&r.role),
            }),
            email: p.email.clone(),
            telephone: p.phone.clone(),
            iban: p.iban.as_deref().map(ids::format_iban),
            bic: p.bic.clone(),
            commercant: p.is_merchant(),
            consommateur: p.is_consumer(),
            activite_professionnelle: p.professional_activity.clone(),
            langue: match p.language {
                Language::French => "fr",
                Language::English => "en",
            },
            nom_commercial: None,
            logo: None,
            signature_image: None,
            liquidateur: None,
        }
    }
}

fn civility(c: Civility) -> &'static str {
    match c {
        Civility::Mr => "M.",
        Civility::Mrs => "Mme",
    }
}

impl PartyData {
    /// A natural person trading under a name (an EI): in a court document the person is the party,
    /// so `nom` becomes the person's name (« M. Thomas Lefèvre ») and the trade name goes to
    /// `nom_commercial` for `court-identity()` (« exerçant sous le nom commercial « … » »).
    pub fn as_court_party(mut self, party: &Party) -> Self {
        let natural = matches!(party.kind, PartyKind::SoleTrader | PartyKind::Individual);
        if let (true, Some(name)) = (natural, &party.company_name) {
            self.nom_commercial = Some(name.clone());
            if let Some(person) = &party.person {
                let civility = person.civility.map(civility);
                let full: Vec<&str> = [civility, person.first_name.as_deref(), Some(person.last_name.as_str())]
                    .into_iter()
                    .flatten()
                    .collect();
                self.nom = full.join(" ");
            }
        }
        self
    }
}
