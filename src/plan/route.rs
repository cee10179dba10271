//! The court route once the debtor disputes or is insolvent: which step, why, and the dates the
//! law sets (declaration and relevé de forclusion deadlines, delays before a hearing), all read
//! from the one table of `legal_rules`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::ladder::{Step, StepDecision};
use super::legal_rules::{self as law, LegalRule};
use crate::case::model::{Case, Insolvency};
use crate::format::{date_fr, euros};

/// A date the plan shows: what must be done by then, and the rule that says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegalDate {
    /// The rule's code (`legal_rules`).
    pub regle: &'static str,
    /// What must be done, in French.
    pub quoi: String,
    /// Last day, inclusive.
    pub date: NaiveDate,
    pub article: &'static str,
}

impl LegalDate {
    fn new(rule: &LegalRule, what: impl Into<String>, date: NaiveDate) -> Self {
        Self { regle: rule.code, quoi: what.into(), date, article: rule.article }
    }
}

/// Whether a department is overseas (971 to 989).
fn overseas(department: &str) -> bool {
    department.starts_with("97") || department.starts_with("98")
}

/// Whether the creditor gets the two more months of art. R. 622-24 al. 2–3: it does not live
/// where the court that opened the procedure sits. The court sits where the debtor has its seat
/// (art. R. 600-1 C. com.), so the debtor's address places it.
pub fn creditor_far(case: &Case) -> bool {
    let creditor = case.creditor.address.department();
    match case.debtor.address.department() {
        Some(court) if overseas(&court) => creditor.as_deref() != Some(court.as_str()),
        // The court in metropolitan France: a creditor abroad or overseas.
        _ => creditor.is_none_or(|c| overseas(&c)),
    }
}

/// The last day to declare, and the last day to ask for a relevé de forclusion.
pub fn insolvency_dates(case: &Case, p: &Insolvency) -> (NaiveDate, NaiveDate) {
    let mut declare = law::DECLARATION.months_after(p.published).unwrap_or(p.published);
    if creditor_far(case) {
        declare = law::DECLARATION_DISTANCE.months_after(declare).unwrap_or(declare);
    }
    let relief = law::FORECLOSURE_RELIEF.months_after(p.published).unwrap_or(p.published);
    (declare, relief)
}

/// The procedure in force on the case's date: opened by a judgment given on or before it.
pub fn open_insolvency(case: &Case) -> Option<&Insolvency> {
    case.open_insolvency()
}

/// The step of a case whose debtor is under a procédure collective; `None` when there is none.
pub fn insolvency_step(case: &Case) -> Option<StepDecision> {
    let p = open_insolvency(case)?;
    let (declare, relief) = insolvency_dates(case, p);
    let mut reasons = vec![format!(
        "{} {} par jugement du {} ({}) : aucune action en paiement ni mesure d'exécution n'est plus possible (art. L. 622-21 C. com.{}) — ni injonction de payer, ni assignation",
        capitalized(p.kind.label()),
        p.kind.opened(),
        date_fr(p.judgment),
        p.court,
        match p.kind.applying_article() {
            "L. 622-21" => String::new(),
            other => format!(", applicable par l'art. {other}"),
        }
    )];
    reasons.push(format!(
        "déclaration de créance au {} au plus tard le {} : {} mois à compter de la publication au BODACC du {}{} ({})",
        p.kind.trustee_title(),
        date_fr(declare),
        if creditor_far(case) { 4 } else { 2 },
        date_fr(p.published),
        if creditor_far(case) { ", augmentés de 2 mois pour un créancier qui ne demeure pas dans le ressort du tribunal (métropole ou outre-mer)" } else { "" },
        if creditor_far(case) { "art. R. 622-24 al. 1 à 3 C. com." } else { law::DECLARATION.article }
    ));
    reasons.push(format!(
        "les pénalités et intérêts s'arrêtent au jugement d'ouverture (art. L. 622-28 C. com.), qui prend effet dès sa première heure : le décompte est arrêté au {}, veille du jugement du {}",
        date_fr(p.judgment.pred_opt().unwrap_or(p.judgment)),
        date_fr(p.judgment)
    ));
    if case.computed_on <= declare {
        return Some(StepDecision { step: Step::ClaimFiling, reasons, filing_from: None });
    }
    reasons.push(format!(
        "délai de déclaration expiré le {} : la créance n'est admise que si le juge-commissaire relève le créancier de la forclusion, à demander au plus tard le {} (6 mois à compter de la publication, {})",
        date_fr(declare),
        date_fr(relief),
        law::FORECLOSURE_RELIEF.article
    ));
    Some(StepDecision { step: Step::ForeclosureRelief, reasons, filing_from: None })
}

/// The dates an insolvency step shows.
pub fn insolvency_deadlines(case: &Case, step: Step) -> Vec<LegalDate> {
    let Some(p) = open_insolvency(case) else { return Vec::new() };
    let (declare, relief) = insolvency_dates(case, p);
    let mut dates = vec![LegalDate::new(&law::DECLARATION, "déclarer la créance au mandataire judiciaire", declare)];
    if step == Step::ForeclosureRelief || case.computed_on > declare {
        dates.push(LegalDate::new(
            &law::FORECLOSURE_RELIEF,
            "présenter la requête en relevé de forclusion au juge-commissaire",
            relief,
        ));
    }
    dates
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// What an assignation before this court needs for this amount: avocat, oral or written
/// procedure, prior amicable attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Representation {
    /// An avocat is compulsory.
    pub avocat_obligatoire: bool,
    /// The procedure is oral (else written, with the avocat's constitution).
    pub procedure_orale: bool,
    /// Art. 750-1 CPC: a prior amicable attempt (or an exemption) is required.
    pub tentative_amiable: bool,
    /// Why, in French, with the articles.
    pub motifs: Vec<String>,
}

/// Representation and prior-attempt rules of an assignation (`step` InterimPayment or Merits).
pub fn representation(commercial: bool, step: Step, amount: Decimal) -> Representation {
    let rule = if commercial { law::TC_NO_LAWYER } else { law::TJ_NO_LAWYER };
    let free = rule.covers(amount);
    let mut motifs = vec![if free {
        format!(
            "demande de {} : au plus 10 000 €, les parties peuvent se défendre elles-mêmes, procédure orale ({})",
            euros(amount),
            rule.article
        )
    } else {
        format!(
            "demande de {} : plus de 10 000 €, représentation obligatoire par avocat ({})",
            euros(amount),
            rule.article
        )
    }];
    let amicable = !commercial && step == Step::Merits && law::TJ_AMICABLE.covers(amount);
    if amicable {
        motifs.push(format!(
            "demande en paiement d'au plus 5 000 € au tribunal judiciaire : tentative préalable de conciliation, de médiation ou de procédure participative, sauf dispense, à peine d'irrecevabilité ({})",
            law::TJ_AMICABLE.article
        ));
    }
    Representation {
        avocat_obligatoire: !free,
        procedure_orale: commercial || free,
        tentative_amiable: amicable,
        motifs,
    }
}

/// The deeds due before the hearing of an assignation, with their last days.
pub fn hearing_deadlines(commercial: bool, step: Step, hearing: NaiveDate) -> Vec<LegalDate> {
    let mut out = Vec::new();
    let mut add = |rule: &LegalRule, what: &str| {
        if let Some(d) = rule.last_day_before(hearing) {
            out.push(LegalDate::new(rule, what, d));
        }
    };
    match (commercial, step) {
        (false, _) => add(&law::TJ_PLACEMENT, "remettre au greffe la copie de l'assignation signifiée"),
        (true, Step::Merits) => {
            add(&law::TC_SERVICE, "faire signifier l'assignation par le commissaire de justice");
            add(&law::TC_PLACEMENT, "remettre au greffe la copie de l'assignation signifiée");
        }
        // Référé before a commercial court: no fixed delay, « un temps suffisant » (art. 486 CPC).
        (true, _) => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn euros(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn representation_changes_one_cent_above_each_ceiling() {
        for commercial in [false, true] {
            let at = representation(commercial, Step::Merits, euros("10000.00"));
            assert!(!at.avocat_obligatoire && at.procedure_orale, "{commercial}: 10 000 € without avocat");
            let above = representation(commercial, Step::Merits, euros("10000.01"));
            assert!(above.avocat_obligatoire, "{commercial}: an avocat above 10 000 €");
            // The commercial court stays oral; the tribunal judiciaire becomes written.
            assert_eq!(above.procedure_orale, commercial);
        }
        assert!(representation(false, Step::Merits, euros("5000.00")).tentative_amiable);
        assert!(!representation(false, Step::Merits, euros("5000.01")).tentative_amiable);
        // Never before the commercial court, nor for a référé in this table.
        assert!(!representation(true, Step::Merits, euros("100.00")).tentative_amiable);
        assert!(!representation(false, Step::InterimPayment, euros("100.00")).tentative_amiable);
    }

    #[test]
    fn hearing_deadlines_depend_on_court_and_step() {
        let hearing: NaiveDate = "2027-01-20".parse().unwrap();
        let codes = |commercial, step| -> Vec<(&str, String)> {
            hearing_deadlines(commercial, step, hearing).iter().map(|d| (d.regle, d.date.to_string())).collect()
        };
        assert_eq!(codes(false, Step::Merits), vec![("tj_remise_au_greffe", "2027-01-05".to_string())]);
        assert_eq!(codes(false, Step::InterimPayment), vec![("tj_remise_au_greffe", "2027-01-05".to_string())]);
        assert_eq!(
            codes(true, Step::Merits),
            vec![("tc_signification", "2027-01-05".to_string()), ("tc_remise_au_greffe", "2027-01-12".to_string())]
        );
        assert!(codes(true, Step::InterimPayment).is_empty());
    }
}
