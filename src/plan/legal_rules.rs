//! One table of the thresholds and delays that choose and time the court routes, each with its
//! article; every rule is tested at its boundary (`tests` below and tests/it/routes.rs).
//!
//! Amounts are compared with what is asked at the décompte's date: principal, interest or
//! penalties accrued and indemnities — not art. 700 nor the dépens. A delay « au moins N jours
//! avant l'audience » ends on the hearing day minus N (that day is still in time). A delay in
//! months ends on the same-numbered day of the last month, or that month's last day when it has
//! none (art. 641 CPC); it is never moved to the next working day here, by prudence.

use chrono::{Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

/// What a rule measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "valeur")]
pub enum Measure {
    /// The rule applies at or below this amount (euros).
    AtMost(Decimal),
    /// A deed is due at least this many days before the hearing.
    DaysBefore(u64),
    /// A deadline this many months after its starting event.
    MonthsAfter(u32),
}

/// One legal rule: its code in `plan` JSON, what it says, its article, its measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LegalRule {
    pub code: &'static str,
    pub what: &'static str,
    pub article: &'static str,
    pub measure: Measure,
}

const fn euros(n: i64) -> Decimal {
    Decimal::from_parts(n as u32, 0, 0, false, 0)
}

/// Tribunal judiciaire: parties may act without an avocat up to 10 000 € (procédure orale, art.
/// 817); above, an avocat is compulsory and the procedure written.
pub const TJ_NO_LAWYER: LegalRule = LegalRule {
    code: "tj_sans_avocat",
    what: "tribunal judiciaire : dispense d'avocat et procédure orale jusqu'à 10 000 €",
    article: "art. 761 et 817 CPC",
    measure: Measure::AtMost(euros(10_000)),
};
/// Tribunal de commerce: the same threshold for compulsory representation by an avocat.
pub const TC_NO_LAWYER: LegalRule = LegalRule {
    code: "tc_sans_avocat",
    what: "tribunal de commerce : dispense d'avocat jusqu'à 10 000 € (procédure orale)",
    article: "art. 853 et 860-1 CPC",
    measure: Measure::AtMost(euros(10_000)),
};
/// Tribunal judiciaire: a payment claim up to 5 000 € needs a prior amicable attempt, on pain of
/// inadmissibility — never for an injonction de payer (Cass. 2e civ., avis, 25 sept. 2025,
/// n° 25-70.013), nor before the tribunal de commerce.
pub const TJ_AMICABLE: LegalRule = LegalRule {
    code: "tj_tentative_amiable",
    what: "tribunal judiciaire : tentative amiable préalable jusqu'à 5 000 € (sauf dispense)",
    article: "art. 750-1 CPC",
    measure: Measure::AtMost(euros(5_000)),
};
/// Tribunal judiciaire: the assignation's copy reaches the greffe at least 15 days before the
/// hearing, or it lapses (caducité) — référé included.
pub const TJ_PLACEMENT: LegalRule = LegalRule {
    code: "tj_remise_au_greffe",
    what: "tribunal judiciaire : remise de la copie de l'assignation au greffe au moins 15 jours avant l'audience, à peine de caducité",
    article: "art. 754 CPC",
    measure: Measure::DaysBefore(15),
};
/// Tribunal de commerce, merits: service at least 15 days before the hearing.
pub const TC_SERVICE: LegalRule = LegalRule {
    code: "tc_signification",
    what: "tribunal de commerce : signification de l'assignation au moins 15 jours avant l'audience",
    article: "art. 856 CPC",
    measure: Measure::DaysBefore(15),
};
/// Tribunal de commerce, merits: copy at the greffe at least 8 days before the hearing, or it
/// lapses. Not in référé (Cass. 2e civ., 22 mai 2025, n° 23-14.133).
pub const TC_PLACEMENT: LegalRule = LegalRule {
    code: "tc_remise_au_greffe",
    what: "tribunal de commerce : remise de la copie de l'assignation au greffe au moins 8 jours avant l'audience, à peine de caducité",
    article: "art. 857 CPC",
    measure: Measure::DaysBefore(8),
};
/// Déclaration de créance: two months from the BODACC publication of the opening judgment.
pub const DECLARATION: LegalRule = LegalRule {
    code: "declaration_de_creance",
    what: "déclaration de créance au mandataire judiciaire dans les 2 mois de la publication du jugement d'ouverture au BODACC",
    article: "art. L. 622-24 et R. 622-24 al. 1 C. com.",
    measure: Measure::MonthsAfter(2),
};
/// Two more months for a creditor who does not live where the court sits (metropolitan France,
/// or the overseas department or collectivity).
pub const DECLARATION_DISTANCE: LegalRule = LegalRule {
    code: "declaration_distance",
    what: "2 mois de plus pour le créancier qui ne demeure pas en France métropolitaine (ou dans le département ou la collectivité d'outre-mer du tribunal)",
    article: "art. R. 622-24 al. 2 et 3 C. com.",
    measure: Measure::MonthsAfter(2),
};
/// Relevé de forclusion: six months from the publication.
pub const FORECLOSURE_RELIEF: LegalRule = LegalRule {
    code: "releve_de_forclusion",
    what: "action en relevé de forclusion devant le juge-commissaire dans les 6 mois de la publication du jugement d'ouverture",
    article: "art. L. 622-26 al. 3 C. com.",
    measure: Measure::MonthsAfter(6),
};
/// Once relieved, the creditor declares within half the delay (one month) from notification.
pub const RELIEVED_DECLARATION: LegalRule = LegalRule {
    code: "declaration_apres_releve",
    what: "après le relevé de forclusion, déclaration dans le délai réduit de moitié (1 mois) à compter de la notification de l'ordonnance",
    article: "art. L. 622-24 al. 1 C. com.",
    measure: Measure::MonthsAfter(1),
};

/// Every rule, as `recouvre plan` and the docs list them.
pub const ALL: [LegalRule; 10] = [
    TJ_NO_LAWYER,
    TC_NO_LAWYER,
    TJ_AMICABLE,
    TJ_PLACEMENT,
    TC_SERVICE,
    TC_PLACEMENT,
    DECLARATION,
    DECLARATION_DISTANCE,
    FORECLOSURE_RELIEF,
    RELIEVED_DECLARATION,
];

impl LegalRule {
    /// Whether an amount falls under the rule (at most its ceiling). False for a delay.
    pub fn covers(&self, amount: Decimal) -> bool {
        matches!(self.measure, Measure::AtMost(ceiling) if amount <= ceiling)
    }

    /// The last day a deed may be done before a hearing on `hearing`, for a « N days before » rule.
    pub fn last_day_before(&self, hearing: NaiveDate) -> Option<NaiveDate> {
        match self.measure {
            Measure::DaysBefore(n) => hearing.checked_sub_days(Days::new(n)),
            _ => None,
        }
    }

    /// The last day of a « N months after » delay that starts on `from` (art. 641 CPC).
    pub fn months_after(&self, from: NaiveDate) -> Option<NaiveDate> {
        match self.measure {
            Measure::MonthsAfter(n) => from.checked_add_months(Months::new(n)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn amount_ceilings_hold_at_their_boundary() {
        let cent = Decimal::new(1, 2);
        for (rule, ceiling) in [(TJ_NO_LAWYER, 10_000), (TC_NO_LAWYER, 10_000), (TJ_AMICABLE, 5_000)] {
            let at = Decimal::from(ceiling);
            assert!(rule.covers(at), "{}: {at} is covered", rule.code);
            assert!(!rule.covers(at + cent), "{}: one cent more is not", rule.code);
        }
    }

    #[test]
    fn days_before_the_hearing_end_on_hearing_minus_n() {
        let hearing = d("2027-01-20");
        assert_eq!(TJ_PLACEMENT.last_day_before(hearing), Some(d("2027-01-05")));
        assert_eq!(TC_SERVICE.last_day_before(hearing), Some(d("2027-01-05")));
        assert_eq!(TC_PLACEMENT.last_day_before(hearing), Some(d("2027-01-12")));
        assert_eq!(DECLARATION.last_day_before(hearing), None);
    }

    #[test]
    fn months_end_on_the_same_day_or_the_month_end() {
        assert_eq!(DECLARATION.months_after(d("2026-09-25")), Some(d("2026-11-25")));
        // 31 December + 2 months: no 31 February, the delay ends on the month's last day (art. 641).
        assert_eq!(DECLARATION.months_after(d("2026-12-31")), Some(d("2027-02-28")));
        assert_eq!(FORECLOSURE_RELIEF.months_after(d("2026-03-31")), Some(d("2026-09-30")));
        assert_eq!(RELIEVED_DECLARATION.months_after(d("2027-01-31")), Some(d("2027-02-28")));
        assert_eq!(TJ_AMICABLE.months_after(d("2026-01-01")), None);
    }

    #[test]
    fn every_rule_cites_an_article() {
        for r in ALL {
            assert!(r.article.starts_with("art. "), "{}", r.code);
        }
        let mut codes: Vec<&str> = ALL.iter().map(|r| r.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ALL.len());
    }
}
