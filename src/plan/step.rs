//! Where a case stands on the ladder: relances → mise en demeure → waiting for its deadline →
//! injonction de payer or petites créances → service of the ordonnance.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

pub use super::ladder::{Step, StepDecision};
use crate::case::model::{Case, ProcedureKind};
use crate::format::date_fr;

/// Petites créances ceiling since 1 January 2020 (décret 2019-1333), principal and interest.
pub const SMALL_CLAIMS_CEILING: Decimal = Decimal::from_parts(5000, 0, 0, false, 0);

/// What the petites créances ceiling is measured on, the same in `plan` and in the request:
/// « 5 000 euros en principal et intérêts » (art. R. 125-1 CPCE, décret 2019-1333; domain notes
/// § 1.3) — the 40 € indemnities and costs are neither.
pub fn small_claims_base(claim: &crate::claim::Claim) -> Decimal {
    claim.totals.principal_remaining + claim.totals.interest_remaining
}

/// Days after the due date for the first relance.
const FIRST_REMINDER_DAYS: u64 = 5;
/// Days a relance letter gives the debtor to pay (« dans un délai de 8 jours »).
pub const REMINDER_DELAY_DAYS: u64 = 8;
/// Days after a written relance before the next step of the ladder (relance or mise en demeure):
/// its delay has run, with a week for the post and the payment to arrive.
pub const NEXT_STEP_DAYS: u64 = 15;
const _: () = assert!(NEXT_STEP_DAYS > REMINDER_DELAY_DAYS, "the next step waits for the relance's delay");
/// Written relances before the mise en demeure (a courteous one, then a firm one with the
/// statement of account); a third only when the case stays amicable (`procedure.type: relance`).
pub const REMINDERS_BEFORE_NOTICE: usize = 2;

/// Number of written reminders already made (email, letter, registered letter, SMS).
pub fn written_reminders(case: &Case) -> usize {
    case.reminders.iter().filter(|r| r.channel.is_written()).count()
}

/// The level of the next relance: one more than the written ones already made, at most 3.
pub fn next_level(case: &Case) -> u8 {
    u8::try_from(written_reminders(case) + 1).unwrap_or(3).min(3)
}

/// The next step of the amicable ladder, while no mise en demeure has gone: one document at a
/// time, never a relance and the mise en demeure together (they would contradict each other).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amicable {
    /// The relance of this level, to send now.
    Reminder(u8),
    /// The mise en demeure, to send now.
    Notice,
    /// Nothing to send before `from` (the last relance's delay runs); then the relance of level
    /// `next`, or the mise en demeure when `next` is `None`.
    Wait { from: NaiveDate, next: Option<u8> },
    /// Every relance made, and the case stays amicable (`procedure.type: relance`).
    Done,
}

/// Where the amicable ladder stands on the case's date (the one place of its date rules).
pub fn amicable(case: &Case) -> Amicable {
    let stay = case.procedure.kind == Some(ProcedureKind::Reminder);
    let written = written_reminders(case);
    let last = case.reminders.iter().filter(|r| r.channel.is_written()).map(|r| r.date).max();
    let Some(first_due) = case.invoices.iter().filter(|i| i.due < case.computed_on).map(|i| i.due).min() else {
        return Amicable::Done;
    };
    // A mise en demeure or a court asked for in the case: no (more) relance first.
    let notice_wanted = matches!(
        case.procedure.kind,
        Some(
            ProcedureKind::FormalNotice
                | ProcedureKind::PaymentOrder
                | ProcedureKind::SmallClaims
                | ProcedureKind::InterimPayment
                | ProcedureKind::Merits
        )
    );
    let limit = if stay { 3 } else { REMINDERS_BEFORE_NOTICE };
    let next = if notice_wanted || written >= limit {
        if stay {
            return Amicable::Done;
        }
        None
    } else {
        Some(next_level(case))
    };
    let from = match (last, next) {
        (Some(last), _) => last + Days::new(NEXT_STEP_DAYS),
        (None, Some(_)) => first_due + Days::new(FIRST_REMINDER_DAYS),
        // The mise en demeure asked for, no relance made: any day after the due date.
        (None, None) => first_due + Days::new(1),
    };
    match next {
        _ if case.computed_on < from => Amicable::Wait { from, next },
        Some(level) => Amicable::Reminder(level),
        None => Amicable::Notice,
    }
}

/// After a relance sent on `sent`: the day the next step may go, and whether it is a relance
/// (its level) or the mise en demeure (`None`).
pub fn after_reminder(case: &Case, level: u8, sent: NaiveDate) -> (NaiveDate, Option<u8>) {
    let stay = case.procedure.kind == Some(ProcedureKind::Reminder);
    let limit = if stay { 3 } else { REMINDERS_BEFORE_NOTICE };
    let next = (usize::from(level) < limit).then_some(level + 1);
    (sent + Days::new(NEXT_STEP_DAYS), next)
}

/// The relance level to send now, if one is due, and else when the next one will be.
pub fn reminder_due(case: &Case) -> (Option<u8>, Option<NaiveDate>) {
    match amicable(case) {
        Amicable::Reminder(level) => (Some(level), None),
        Amicable::Wait { from, next: Some(_) } => (None, Some(from)),
        _ => (None, None),
    }
}

/// The day from which the next relance may go (passed or to come), when one is still to send.
pub fn next_reminder_date(case: &Case) -> Option<NaiveDate> {
    match amicable(case) {
        Amicable::Wait { from, next: Some(_) } => Some(from),
        Amicable::Reminder(_) => {
            let last = case.reminders.iter().filter(|r| r.channel.is_written()).map(|r| r.date).max();
            let first_due = case.invoices.iter().filter(|i| i.due < case.computed_on).map(|i| i.due).min()?;
            Some(match last {
                Some(l) => l + Days::new(NEXT_STEP_DAYS),
                None => first_due + Days::new(FIRST_REMINDER_DAYS),
            })
        }
        _ => None,
    }
}

/// Decides the step from the case and the total due. `forced` comes from `--etape`;
/// `claimable_from` is set when no invoice is due yet (the day after the first due date).
pub fn decide(
    case: &Case,
    ceiling_base: Decimal,
    forced: Option<Step>,
    claimable_from: Option<NaiveDate>,
) -> StepDecision {
    let reached = reached(case, ceiling_base, claimable_from);
    let Some(step) = forced else { return reached };
    let mut reasons = vec![format!("étape imposée par --etape : {}", step.label())];
    if step.rank() < reached.step.rank() {
        reasons.push(format!(
            "le cas a atteint l'étape « {} » : vous avez demandé une étape antérieure",
            reached.step.label()
        ));
    }
    StepDecision { step, reasons, filing_from: reached.filing_from }
}

/// The step the case has reached, with no `--etape`; `ceiling_base` is [`small_claims_base`].
pub fn reached(case: &Case, ceiling_base: Decimal, claimable_from: Option<NaiveDate>) -> StepDecision {
    // An insolvency stops every other route, even before an invoice falls due (à échoir).
    if let Some(decision) = super::route::insolvency_step(case) {
        return decision;
    }
    let mut reasons = Vec::new();
    let filing_from = case.formal_notice.as_ref().map(|m| m.deadline() + Days::new(1));
    if let Some(from) = claimable_from {
        reasons.push(format!(
            "aucune facture n'est échue au {} : rien ne peut être réclamé avant le {}",
            date_fr(case.computed_on),
            date_fr(from)
        ));
        return StepDecision { step: Step::NotYetDue, reasons, filing_from };
    }
    if let (Some(order), Some(title)) = (&case.procedure.order, super::enforcement::title_plan(case)) {
        reasons.extend(super::enforcement::reasons(order, &title));
        return StepDecision { step: Step::Enforcement, reasons, filing_from };
    }
    if let Some(order) = &case.procedure.order {
        reasons.push(format!("une ordonnance d'injonction de payer a été rendue le {} : elle doit être signifiée par un commissaire de justice", date_fr(order.date)));
        return StepDecision { step: Step::Service, reasons, filing_from };
    }
    let wanted = case.procedure.kind;
    let Some(notice) = &case.formal_notice else {
        let step = match (wanted, amicable(case)) {
            (Some(ProcedureKind::Reminder), _) => {
                reasons.push("procedure.type: relance — vous souhaitez rester aux relances amiables".into());
                Step::Reminder
            }
            (_, Amicable::Notice) => {
                reasons.push(
                    "aucune mise en demeure n'a encore été envoyée : c'est l'étape préalable à toute procédure".into(),
                );
                if written_reminders(case) > 0 {
                    reasons.push(format!(
                        "{} sans effet, délai de la dernière expiré : la mise en demeure part seule, sans nouvelle relance",
                        match written_reminders(case) {
                            1 => "1 relance écrite restée".to_string(),
                            n => format!("{n} relances écrites restées"),
                        }
                    ));
                }
                Step::FormalNotice
            }
            (_, Amicable::Reminder(level)) => {
                reasons.push(format!(
                    "relance n° {level} à envoyer seule : la mise en demeure ne partira qu'une fois le délai de cette relance expiré (envoyées ensemble, elles se contrediraient)"
                ));
                Step::Reminder
            }
            (_, Amicable::Wait { from, next }) => {
                let what = match next {
                    Some(level) => format!("relance n° {level}"),
                    None => "mise en demeure".to_string(),
                };
                reasons.push(format!("délai de la dernière relance en cours : {what} à partir du {}", date_fr(from)));
                Step::Reminder
            }
            (_, Amicable::Done) => Step::Reminder,
        };
        return StepDecision { step, reasons, filing_from };
    };
    let received = match notice.received {
        Some(r) => format!("reçue le {}", date_fr(r)),
        None => format!("envoyée le {} (réception inconnue)", date_fr(notice.sent)),
    };
    let deadline = notice.deadline();
    if case.computed_on <= deadline {
        reasons.push(format!(
            "mise en demeure {received}, délai de {} jours : le débiteur peut payer jusqu'au {} inclus",
            notice.days,
            date_fr(deadline)
        ));
        reasons.push(format!("dépôt possible à partir du {}", date_fr(deadline + Days::new(1))));
        return StepDecision { step: Step::Waiting, reasons, filing_from };
    }
    reasons.push(format!("mise en demeure {received}, délai de {} jours expiré le {}", notice.days, date_fr(deadline)));
    let step = match wanted {
        Some(ProcedureKind::Reminder) | Some(ProcedureKind::FormalNotice) => {
            // The mise en demeure has gone: no step back to relances or a new mise en demeure.
            reasons.push("procedure.type demande de rester à l'étape amiable : aucune procédure n'est engagée".into());
            Step::Waiting
        }
        Some(ProcedureKind::SmallClaims) => {
            reasons.push(format!(
                "procedure.type: petites_creances — {} en principal et intérêts (plafond {}, art. L. 125-1 et R. 125-1 CPCE)",
                crate::format::euros(ceiling_base),
                crate::format::euros(SMALL_CLAIMS_CEILING).replace(",00", "")
            ));
            Step::SmallClaims
        }
        Some(ProcedureKind::InterimPayment) => {
            reasons.push("procedure.type: refere_provision — l'existence de l'obligation n'est pas sérieusement contestable : provision demandée au juge des référés (art. 835 al. 2 et 873 al. 2 CPC)".into());
            Step::InterimPayment
        }
        Some(ProcedureKind::Merits) => {
            if let Some(d) = &case.route.dispute {
                reasons.push(format!(
                    "créance contestée le {} ({}) : le tribunal tranchera au fond",
                    date_fr(d.date),
                    d.reason
                ));
            }
            reasons.push("procedure.type: assignation — assignation en paiement devant le tribunal, au fond".into());
            Step::Merits
        }
        _ if case.route.dispute.is_some() && wanted != Some(ProcedureKind::PaymentOrder) => {
            if let Some(d) = &case.route.dispute {
                reasons.push(format!(
                    "créance contestée le {} ({}) : l'injonction de payer est écartée, le juge la rejetterait ou le débiteur ferait opposition (art. 1405 CPC)",
                    date_fr(d.date),
                    d.reason
                ));
            }
            reasons.push("la voie proposée est l'assignation en paiement au fond ; le référé-provision n'est possible que si la contestation n'est pas sérieuse (contestation.non_serieuse: true et procedure.type: refere_provision)".into());
            Step::Merits
        }
        _ => {
            if ceiling_base <= SMALL_CLAIMS_CEILING {
                reasons.push(format!(
                    "{} en principal et intérêts : la procédure des petites créances est aussi possible (procedure.type: petites_creances)",
                    crate::format::euros(ceiling_base)
                ));
            }
            reasons.push("la voie proposée est la requête en injonction de payer (art. 1405 et suivants CPC)".into());
            Step::PaymentOrder
        }
    };
    StepDecision { step, reasons, filing_from }
}

/// Last day to serve an ordonnance: see [`super::title`], where the ordonnance's date rules live.
pub use super::title::service_deadline;
