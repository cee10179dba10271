//! The validated case: the parties (creditor, debtor, mediator), their addresses and representatives. English names, checked values.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::file_ref::FileRef;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    Company,
    SoleTrader,
    Association,
    Individual,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Civility {
    #[serde(rename = "M.")]
    Mr,
    #[serde(rename = "Mme")]
    Mrs,
}

#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub civility: Option<Civility>,
    pub last_name: String,
    pub first_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub birth_place: Option<String>,
    pub nationality: Option<String>,
    pub profession: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Party {
    pub kind: PartyKind,
    /// How the party is named on documents: company name, or "Mme Jeanne Petit".
    pub display_name: String,
    pub company_name: Option<String>,
    pub legal_form: Option<String>,
    pub capital: Option<Decimal>,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub rcs_city: Option<String>,
    pub rm_city: Option<String>,
    pub vat_number: Option<String>,
    pub person: Option<Person>,
    pub address: Address,
    pub representative: Option<Representative>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub iban: Option<String>,
    pub bic: Option<String>,
    /// The creditor's médiateur de la consommation (art. L. 616-1 C. conso.).
    pub mediator: Option<Mediator>,
    /// The creditor's letterhead logo and its representative's signature, as images (PNG, JPEG).
    pub logo: Option<FileRef>,
    pub signature_image: Option<FileRef>,
    /// The language of the letters the debtor receives (relances, mise en demeure, e-mails).
    pub language: Language,
    /// A legal person's economic activity, for which it contracted: it is a professionnel.
    pub professional_activity: Option<String>,
    /// A legal person that did not contract for a professional activity (`non_professionnel`).
    pub non_professional: bool,
}

/// The language of the letters to the debtor; documents for a court are always in French.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Language {
    #[default]
    French,
    English,
}

#[derive(Debug, Clone, Serialize)]
pub struct Mediator {
    pub name: String,
    pub website: String,
}

impl Party {
    /// Named in the feminine (« la débitrice »): a company, an association, or a woman, as the
    /// templates' `party-feminine` decides.
    pub fn is_feminine(&self) -> bool {
        matches!(self.kind, PartyKind::Company | PartyKind::Association)
            || self.person.as_ref().is_some_and(|p| p.civility == Some(Civility::Mrs))
    }

    /// « le débiteur » / « du débiteur » / « un consommateur », or « la débitrice » / « de la
    /// débitrice » / « une consommatrice ».
    pub fn debtor_noun(&self) -> (&'static str, &'static str, &'static str) {
        if self.is_feminine() {
            ("la débitrice", "de la débitrice", "une consommatrice")
        } else {
            ("le débiteur", "du débiteur", "un consommateur")
        }
    }

    /// A consumer: consumer-law rules apply (no 40 € indemnity, legal interest, 2-year prescription).
    pub fn is_consumer(&self) -> bool {
        self.kind == PartyKind::Individual
    }

    /// A professionnel: the only debtor of the L. 441-10 C. com. penalties and of the 40 €
    /// indemnity. A company or a sole trader is one unless the case says otherwise; an association
    /// only when the case states the activity it contracted for (the check requires one or the other).
    pub fn is_professional(&self) -> bool {
        match self.kind {
            PartyKind::Individual => false,
            PartyKind::Association => self.professional_activity.is_some() && !self.non_professional,
            PartyKind::Company | PartyKind::SoleTrader => !self.non_professional,
        }
    }

    /// A commerçant or commercial company: its debts are commercial (tribunal de commerce).
    pub fn is_merchant(&self) -> bool {
        match self.kind {
            PartyKind::Company => self.legal_form.as_deref().is_none_or(is_commercial_form) || self.rcs_city.is_some(),
            PartyKind::SoleTrader => self.rcs_city.is_some(),
            PartyKind::Association | PartyKind::Individual => false,
        }
    }

    /// The SIREN, from `siren` or the first nine digits of `siret`.
    pub fn siren_number(&self) -> Option<&str> {
        self.siren.as_deref().or_else(|| self.siret.as_deref().and_then(|s| s.get(..9)))
    }
}

/// Commercial by form (art. L. 210-1 C. com.): SARL, EURL, SAS, SASU, SA, SNC, SCS, SCA, SELARL…
pub fn is_commercial_form(form: &str) -> bool {
    let f: String = form.to_uppercase().chars().filter(char::is_ascii_alphabetic).collect();
    const CIVIL: [&str; 6] = ["SCI", "SCP", "SCM", "GAEC", "SCEA", "EARL"];
    if CIVIL.iter().any(|c| f.starts_with(c)) || f.starts_with("SOCIETECIVILE") || f.starts_with("ASSOCIATION") {
        return false;
    }
    const COMMERCIAL: [&str; 10] = ["SARL", "EURL", "SAS", "SASU", "SA", "SNC", "SCS", "SCA", "SEL", "SE"];
    COMMERCIAL.iter().any(|c| f.starts_with(c)) || f.starts_with("SOCIETEANONYME") || f.starts_with("SOCIETEPARACTIONS")
}

#[derive(Debug, Clone, Serialize)]
pub struct Address {
    pub lines: Vec<String>,
    pub postcode: String,
    pub city: String,
    /// ISO code, `FR` by default.
    pub country: String,
}

impl Address {
    /// The département (two or three characters: 69, 2A, 971), for the court's ressort.
    pub fn department(&self) -> Option<String> {
        if self.country != "FR" || self.postcode.len() != 5 {
            return None;
        }
        let pc = &self.postcode;
        if pc.starts_with("97") || pc.starts_with("98") {
            return pc.get(..3).map(str::to_string);
        }
        if let Some(rest) = pc.strip_prefix("20") {
            let n: u32 = rest.parse().ok()?;
            return Some(if n < 200 { "2A".into() } else { "2B".into() });
        }
        pc.get(..2).map(str::to_string)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Representative {
    pub name: String,
    pub role: String,
    pub civility: Option<Civility>,
}
