//! One line of the portfolio: a case's figures at a date, its aging, its step and the next
//! action with its date — all read from the same `Case`, `Claim` and `Plan` as `decompte` and
//! `plan`, nothing recomputed on the side.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::case::model::Case;
use crate::claim::Claim;
use crate::format::date_fr;
use crate::plan::{Plan, Step, step};

/// Aging buckets of the remaining principal, by days past the due date.
pub const BUCKETS: [&str; 5] = ["non échu", "1–30 j", "31–60 j", "61–90 j", "> 90 j"];
/// The same, as JSON / CSV keys.
pub const BUCKET_KEYS: [&str; 5] = ["non_echu", "j1_30", "j31_60", "j61_90", "plus_90"];

/// How soon the next action falls, from the date of the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    Late,
    Today,
    ThisWeek,
    Later,
    None,
}

impl Urgency {
    pub fn code(self) -> &'static str {
        match self {
            Urgency::Late => "en_retard",
            Urgency::Today => "aujourd_hui",
            Urgency::ThisWeek => "cette_semaine",
            Urgency::Later => "plus_tard",
            Urgency::None => "aucune",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Urgency::Late => "en retard",
            Urgency::Today => "aujourd’hui",
            Urgency::ThisWeek => "cette semaine",
            Urgency::Later => "plus tard",
            Urgency::None => "—",
        }
    }
}

/// A hold on the ladder, as the case file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldLine {
    pub since: NaiveDate,
    pub reason: String,
    pub until: Option<NaiveDate>,
}

/// One case of the portfolio at the date of the view.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The case file, relative to the folder searched.
    pub file: String,
    pub reference: String,
    pub debtor: String,
    pub total_due: Decimal,
    pub principal: Decimal,
    /// Oldest due date among invoices with principal left.
    pub oldest_due: Option<NaiveDate>,
    /// Days since `oldest_due` (0 when nothing is overdue).
    pub days_overdue: i64,
    /// Remaining principal in each of [`BUCKETS`].
    pub buckets: [Decimal; 5],
    pub step: Step,
    pub action: String,
    pub action_date: Option<NaiveDate>,
    pub urgency: Urgency,
    /// Promises of payment whose date passed with no payment since they were made.
    pub broken_promises: usize,
    pub hold: Option<HoldLine>,
    /// The latest dossier built for this case, when the output folder was given and holds one.
    pub built: Option<std::path::PathBuf>,
}

/// The bucket of an invoice due on `due`, seen on `on`.
pub fn bucket(due: NaiveDate, on: NaiveDate) -> usize {
    match (on - due).num_days() {
        d if d <= 0 => 0,
        1..=30 => 1,
        31..=60 => 2,
        61..=90 => 3,
        _ => 4,
    }
}

/// The line of a case whose décompte and plan were computed at `case.computed_on`.
pub fn row(file: String, case: &Case, claim: &Claim, plan: &Plan, hold: Option<HoldLine>) -> Row {
    // The day of the view; a procédure collective's décompte stops earlier, at its judgment,
    // and what fell due after it stays « à échoir » (art. L. 622-25 C. com.).
    let on = case.computed_on;
    let mut buckets = [Decimal::ZERO; 5];
    let mut oldest_due: Option<NaiveDate> = None;
    // An aged balance shows what is not yet due too (first bucket).
    for inv in claim.invoices.iter().chain(&claim.upcoming).filter(|i| i.principal_remaining > Decimal::ZERO) {
        buckets[bucket(inv.due, claim.computed_on)] += inv.principal_remaining;
        oldest_due = Some(oldest_due.map_or(inv.due, |d| d.min(inv.due)));
    }
    let days_overdue = oldest_due.map_or(0, |d| (on - d).num_days().max(0));
    let (action, action_date) = next_action(case, claim, plan, hold.as_ref());
    let urgency = match action_date {
        None => Urgency::None,
        Some(d) if d < on => Urgency::Late,
        Some(d) if d == on => Urgency::Today,
        Some(d) if d <= on + Days::new(7) => Urgency::ThisWeek,
        Some(_) => Urgency::Later,
    };
    Row {
        file,
        reference: case.reference.clone(),
        debtor: case.debtor.display_name.clone(),
        total_due: claim.totals.total_due,
        principal: claim.totals.principal_remaining,
        oldest_due,
        days_overdue,
        buckets,
        step: plan.step,
        action,
        action_date,
        urgency,
        broken_promises: broken_promises(case, on),
        hold,
        built: None,
    }
}

/// Promises dated before `on` with no payment received between the promise and its date.
pub fn broken_promises(case: &Case, on: NaiveDate) -> usize {
    case.reminders
        .iter()
        .filter_map(|r| r.promised.map(|p| (r.date, p)))
        .filter(|&(made, promised)| {
            promised < on && !case.payments.iter().any(|p| p.date >= made && p.date <= promised)
        })
        .count()
}

/// What to do next and from (or by) when, in French.
fn next_action(case: &Case, claim: &Claim, plan: &Plan, hold: Option<&HoldLine>) -> (String, Option<NaiveDate>) {
    if claim.totals.total_due <= Decimal::ZERO {
        return ("rien à réclamer : soldé".into(), None);
    }
    if let Some(h) = hold {
        return match h.until {
            Some(until) => {
                let resume = until + Days::new(1);
                (format!("suspendu ({}) : reprendre le {}", h.reason, date_fr(resume)), Some(resume))
            }
            None => (format!("suspendu ({}) : sans date de reprise", h.reason), None),
        };
    }
    let first_due = case.invoices.iter().map(|i| i.due).min();
    let overdue = claim.invoices.iter().filter(|i| i.principal_remaining > Decimal::ZERO && i.due < claim.computed_on);
    let Some(exigible) = overdue.map(|i| i.due).min().map(|d| d + Days::new(1)) else {
        // Nothing overdue yet: the first due date to come.
        let next = claim
            .invoices
            .iter()
            .chain(&claim.upcoming)
            .filter(|i| i.principal_remaining > Decimal::ZERO)
            .map(|i| i.due)
            .min();
        return ("attendre l’échéance".into(), next.or(first_due).map(|d| d + Days::new(1)));
    };
    match plan.step {
        Step::NotYetDue => ("attendre l’échéance".into(), plan.claimable_from),
        Step::Reminder | Step::FormalNotice if case.formal_notice.is_none() => {
            if let Some(level) = plan.reminder_level {
                return (format!("relance n° {level} à envoyer"), step::next_reminder_date(case));
            }
            if let Some(d) = plan.notice_from {
                return (format!("mise en demeure à partir du {}", date_fr(d)), Some(d));
            }
            match (plan.step, plan.next_reminder) {
                (Step::Reminder, Some(d)) => {
                    (format!("relance n° {} à partir du {}", step::next_level(case), date_fr(d)), Some(d))
                }
                (Step::Reminder, None) => ("relances faites : décider de la suite".into(), Some(exigible)),
                _ => ("mise en demeure à envoyer".into(), Some(exigible)),
            }
        }
        Step::Reminder | Step::FormalNotice => ("délai expiré : décider de la suite".into(), plan.filing_from),
        Step::Waiting => match plan.filing_from {
            Some(d) => (format!("dépôt possible à partir du {}", date_fr(d)), Some(d)),
            None => ("attendre la fin du délai de la mise en demeure".into(), None),
        },
        Step::PaymentOrder => ("déposer la requête en injonction de payer".into(), plan.filing_from),
        Step::SmallClaims => ("saisir un commissaire de justice (petites créances)".into(), plan.filing_from),
        Step::Service => match &case.procedure.order {
            Some(order) => {
                let deadline = step::service_deadline(order.date);
                if deadline < claim.computed_on {
                    (format!("ordonnance non avenue depuis le {}", date_fr(deadline)), Some(deadline))
                } else {
                    (format!("faire signifier l’ordonnance au plus tard le {}", date_fr(deadline)), Some(deadline))
                }
            }
            None => ("remettre le dossier au commissaire de justice".into(), plan.filing_from),
        },
        // The first date the law sets on these routes: the declaration, the relevé, the
        // assignation's service or placement.
        Step::InterimPayment | Step::Merits | Step::ClaimFiling | Step::ForeclosureRelief => {
            let first = plan.route.as_ref().and_then(|r| r.dates.iter().find(|d| d.date >= case.computed_on));
            match first {
                Some(d) => (format!("{} au plus tard le {}", d.quoi, date_fr(d.date)), Some(d.date)),
                None => (plan.step.label().to_string(), None),
            }
        }
        Step::Enforcement => match crate::plan::enforcement::title_plan(case) {
            Some(t) => crate::plan::enforcement::suivi_action(&t),
            None => ("remettre le dossier au commissaire de justice".into(), plan.filing_from),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_follow_days_past_due() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("date");
        let on = d(12, 31);
        assert_eq!(bucket(d(12, 31), on), 0);
        assert_eq!(bucket(d(12, 30), on), 1);
        assert_eq!(bucket(d(12, 1), on), 1);
        assert_eq!(bucket(d(11, 30), on), 2);
        assert_eq!(bucket(d(10, 2), on), 3);
        assert_eq!(bucket(d(10, 1), on), 4);
    }
}
