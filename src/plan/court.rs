//! Which court is competent for an injonction de payer, and why (art. 1406 CPC, L. 721-3 C. com.).

use chrono::NaiveDate;
use serde::Serialize;

use crate::case::model::{Case, CourtKind, PartyKind};

/// Tribunaux de commerce renamed tribunaux des activités économiques for the 2025–2028 experiment
/// (loi 2023-1059 art. 26, arrêté du 5 juillet 2024).
const TAE_CITIES: [&str; 12] = [
    "Avignon",
    "Auxerre",
    "Le Havre",
    "Le Mans",
    "Limoges",
    "Lyon",
    "Marseille",
    "Nancy",
    "Nanterre",
    "Paris",
    "Saint-Brieuc",
    "Versailles",
];

/// Alsace-Moselle: a commercial chamber of the tribunal judiciaire replaces the tribunal de commerce.
const LOCAL_LAW_DEPARTMENTS: [&str; 3] = ["57", "67", "68"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Court {
    pub kind: CourtKind,
    pub city: String,
    /// "Tribunal de commerce de Grenoble".
    pub name: String,
    /// "le président du tribunal de commerce de Grenoble", for the requête's address line.
    pub addressee: String,
    /// Whether a chambre commerciale of a tribunal judiciaire (Alsace-Moselle) sits as commercial court.
    pub commercial_chamber: bool,
    /// Whether the city was deduced from the debtor's address rather than written in the case.
    pub city_derived: bool,
    /// Why this court, in French, one sentence each.
    pub reasons: Vec<String>,
}

impl Court {
    /// Commercial nature: the claim goes to the commercial court (TC, TAE or chambre commerciale).
    pub fn is_commercial(&self) -> bool {
        matches!(self.kind, CourtKind::Commercial | CourtKind::EconomicActivities) || self.commercial_chamber
    }
}

fn same_city(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim().to_lowercase().replace(['-', '\''], " ");
    norm(a) == norm(b)
}

fn is_tae_period(on: NaiveDate) -> bool {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1);
    let end = NaiveDate::from_ymd_opt(2028, 12, 31);
    matches!((start, end), (Some(s), Some(e)) if on >= s && on <= e)
}

/// The competent court for an injonction de payer against the case's debtor.
pub fn competent_court(case: &Case) -> Court {
    court_for(case, false)
}

/// The court an assignation summons the debtor before: the same court, chosen by the place
/// where the defendant lives (art. 42 CPC) rather than by art. 1406.
pub fn summons_court(case: &Case) -> Court {
    court_for(case, true)
}

fn court_for(case: &Case, summons: bool) -> Court {
    let debtor = &case.debtor;
    let chosen = case.procedure.court.as_ref();
    let mut reasons = Vec::new();

    let commercial = debtor.is_merchant();
    let nature_reason = match (debtor.kind, commercial) {
        (PartyKind::Company, true) => format!(
            "le débiteur est une société commerciale{} : la créance est commerciale (art. L. 721-3 C. com.)",
            debtor.legal_form.as_deref().map(|f| format!(" ({f})")).unwrap_or_default()
        ),
        (PartyKind::SoleTrader, true) => "le débiteur est un commerçant immatriculé au RCS : la créance est commerciale (art. L. 721-3 C. com.)".into(),
        (PartyKind::Individual, _) => "le débiteur est un particulier : la créance est civile".into(),
        (PartyKind::Association, _) => "le débiteur est une association, non commerçante : la créance est civile".into(),
        (PartyKind::Company, false) => "le débiteur est une société civile : la créance est civile".into(),
        (PartyKind::SoleTrader, false) => "le débiteur est un entrepreneur individuel non inscrit au RCS (artisan, profession libérale) : la créance est civile".into(),
    };

    let (city, city_derived) = match chosen.and_then(|c| c.city.clone()) {
        Some(city) => {
            reasons.push(format!("tribunal {} indiqué dans le dossier (procedure.juridiction)", of_city(&city)));
            (city, false)
        }
        None => {
            reasons.push(format!(
                "{} du débiteur à {} ({}) : la juridiction compétente est celle du lieu où {}",
                if matches!(debtor.kind, PartyKind::Company | PartyKind::Association) { "siège" } else { "domicile" },
                debtor.address.city,
                debtor.address.postcode,
                if summons {
                    "demeure le défendeur (art. 42 CPC)"
                } else {
                    "il demeure (art. 1406 CPC, d'ordre public)"
                }
            ));
            (debtor.address.city.clone(), true)
        }
    };

    let local_law = debtor.address.department().is_some_and(|d| LOCAL_LAW_DEPARTMENTS.contains(&d.as_str()));
    let requested = chosen.and_then(|c| c.kind);
    let kind = match requested {
        Some(kind) => {
            reasons.push("nature du tribunal indiquée dans le dossier".into());
            kind
        }
        None => {
            reasons.insert(0, nature_reason);
            if commercial && !local_law {
                if is_tae_period(case.computed_on) && TAE_CITIES.iter().any(|c| same_city(c, &city)) {
                    reasons.push(format!(
                        "le tribunal de commerce {} est, du 1er janvier 2025 au 31 décembre 2028, un tribunal des activités économiques (loi n° 2023-1059, art. 26)",
                        of_city(&city)
                    ));
                    CourtKind::EconomicActivities
                } else {
                    CourtKind::Commercial
                }
            } else {
                CourtKind::Judicial
            }
        }
    };
    let commercial_chamber = commercial && local_law && kind == CourtKind::Judicial;
    if commercial_chamber {
        reasons.push(
            "en Alsace-Moselle, la chambre commerciale du tribunal judiciaire tient lieu de tribunal de commerce"
                .into(),
        );
    }
    let name = match kind {
        CourtKind::Commercial => format!("tribunal de commerce {}", of_city(&city)),
        CourtKind::EconomicActivities => format!("tribunal des activités économiques {}", of_city(&city)),
        CourtKind::Judicial if commercial_chamber => {
            format!("tribunal judiciaire {} (chambre commerciale)", of_city(&city))
        }
        CourtKind::Judicial => format!("tribunal judiciaire {}", of_city(&city)),
    };
    Court { kind, addressee: format!("le président du {name}"), name, city, commercial_chamber, city_derived, reasons }
}

/// "de Grenoble", "d'Annecy", "du Havre", "des Sables-d'Olonne": French contracts the preposition
/// with a leading vowel or a masculine or plural article of the city's name.
pub fn of_city(city: &str) -> String {
    let city = city.trim();
    for (article, contracted) in [("Le ", "du "), ("Les ", "des ")] {
        if let Some(rest) = city.strip_prefix(article).or_else(|| city.strip_prefix(&article.to_uppercase()[..])) {
            return format!("{contracted}{rest}");
        }
    }
    let elides =
        crate::format::fold_accents(city).chars().next().is_some_and(|c| "AEIOUY".contains(c.to_ascii_uppercase()));
    if elides { format!("d'{city}") } else { format!("de {city}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn city_names_contract_the_preposition() {
        assert_eq!(of_city("Grenoble"), "de Grenoble");
        assert_eq!(of_city("Annecy"), "d'Annecy");
        assert_eq!(of_city("Évry-Courcouronnes"), "d'Évry-Courcouronnes");
        assert_eq!(of_city("Le Havre"), "du Havre");
        assert_eq!(of_city("Les Sables-d'Olonne"), "des Sables-d'Olonne");
        assert_eq!(of_city("La Rochelle"), "de La Rochelle");
        assert_eq!(of_city("LE MANS"), "du MANS");
    }

    #[test]
    fn the_tae_experiment_runs_from_1_january_2025_to_31_december_2028() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert!(!is_tae_period(day(2024, 12, 31)));
        assert!(is_tae_period(day(2025, 1, 1)));
        assert!(is_tae_period(day(2028, 12, 31)));
        assert!(!is_tae_period(day(2029, 1, 1)));
    }

    #[test]
    fn tae_cities_match_loosely() {
        assert!(TAE_CITIES.iter().any(|c| same_city(c, "saint brieuc")));
        assert!(!TAE_CITIES.iter().any(|c| same_city(c, "Grenoble")));
    }
}
