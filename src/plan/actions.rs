//! The next actions a plan lists: what to do now and after, by step and by the law in force.

use chrono::NaiveDate;

use super::{Court, Step, enforcement, route_gate, step, title};
use crate::case::model::Case;
use crate::format::date_fr;

pub(super) fn next_actions(
    case: &Case,
    step: Step,
    filing_from: Option<NaiveDate>,
    (reminder_level, next_reminder, notice_from): (Option<u8>, Option<NaiveDate>, Option<NaiveDate>),
    court: Option<&Court>,
    claimable_from: Option<NaiveDate>,
) -> Vec<String> {
    let mut next = Vec::new();
    match step {
        Step::NotYetDue => {
            if let Some(d) = claimable_from {
                next.push(format!(
                    "rien à envoyer : sans paiement, relancer « recouvre plan » à partir du {}",
                    date_fr(d)
                ));
            }
        }
        Step::Reminder => {
            if let Some(level) = reminder_level {
                next.push(format!("envoyer la relance n° {level} (sans mise en demeure jointe : elle suivra)"));
                if let (from, Some(following)) = step::after_reminder(case, level, case.computed_on)
                    && notice_from.is_none()
                    && case.procedure.kind != Some(crate::case::model::ProcedureKind::Reminder)
                {
                    next.push(format!(
                        "sans paiement, relance n° {following} à partir du {}, une fois expiré le délai de {} jours de celle-ci",
                        date_fr(from),
                        step::REMINDER_DELAY_DAYS
                    ));
                }
            }
            if let Some(d) = next_reminder {
                next.push(format!("prochaine relance à partir du {}", date_fr(d)));
            }
            if let Some(d) = notice_from {
                next.push(format!(
                    "sans paiement, mise en demeure à partir du {}, une fois expiré le délai de {} jours de la dernière relance",
                    date_fr(d),
                    step::REMINDER_DELAY_DAYS
                ));
            }
            next.push("consigner chaque relance faite dans « relances » (date, canal, interlocuteur, réponse)".into());
        }
        Step::FormalNotice => {
            next.push("envoyer la mise en demeure en lettre recommandée avec accusé de réception".into());
            next.push(
                "puis la décrire dans « mise_en_demeure » (date, numéro d'envoi, date de réception, scan de l'AR)"
                    .into(),
            );
        }
        Step::Waiting => {
            if filing_from.is_some_and(|d| d <= case.computed_on) {
                next.push("le délai de la mise en demeure est expiré : pour saisir la justice, indiquez « procedure.type: injonction_de_payer » ou « petites_creances »".into());
            } else if let Some(d) = filing_from {
                next.push(format!(
                    "sans paiement, relancer « recouvre build » à partir du {} pour le dossier judiciaire",
                    date_fr(d)
                ));
            }
        }
        Step::PaymentOrder => {
            if let Some(c) = court {
                next.push(format!("déposer ou envoyer le dossier au greffe du {}", c.name));
            }
            if court.is_some_and(Court::is_commercial) {
                next.push("le dépôt peut aussi se faire en ligne sur tribunaldigital.fr".into());
            }
        }
        Step::SmallClaims => {
            next.push(
                "adresser la demande à un commissaire de justice du ressort de la cour d'appel du domicile du débiteur"
                    .into(),
            );
            if case.procedure.bailiff.is_none() {
                next.push("indiquer l'étude choisie dans « procedure.commissaire_de_justice »".into());
            }
        }
        Step::Enforcement => {
            if let (Some(order), Some(t)) = (&case.procedure.order, enforcement::title_plan(case)) {
                next.extend(enforcement::next_actions(case, order, &t));
            }
        }
        Step::Service => {
            if let Some(order) = &case.procedure.order {
                next.extend(title_actions(order));
            } else {
                next.push("remettre le dossier au commissaire de justice pour signification".into());
            }
        }
        Step::InterimPayment | Step::Merits | Step::ClaimFiling | Step::ForeclosureRelief => {
            next.extend(route_gate::next_actions(case, step, court));
        }
    }
    next
}

/// What an ordonnance calls for, by the law in force on its date (`plan::title`).
fn title_actions(order: &crate::case::model::Order) -> Vec<String> {
    use title::Regime;
    let regime = Regime::of(order.date);
    let mut next = Vec::new();
    if order.partial {
        next.push("ordonnance partielle : choisir avant tout — la faire signifier, en acceptant la réduction (le surplus rejeté ne pourra plus être demandé), ou ne pas la signifier et agir selon les voies de droit commun (art. 1409 CPC)".into());
    }
    let since = if regime == Regime::NoNotice { "rendue depuis le" } else { "rendue avant le" };
    next.push(format!(
        "remettre le dossier au commissaire de justice pour signification au plus tard le {} : {} mois à compter de l'ordonnance ({since} 1er septembre 2026), au-delà elle est non avenue (art. 1411 CPC)",
        date_fr(title::service_deadline(order.date)),
        regime.service_months()
    ));
    next.push(match regime {
        Regime::NoNotice => "puis, si le greffe ne vous a notifié aucune opposition dans les deux mois suivant la signification (décret n° 2026-96 du 16 février 2026), le confirmer par écrit au commissaire de justice, qui peut alors procéder à l'exécution".into(),
        Regime::Certificate => "puis, sans opposition dans le mois suivant la signification (art. 1416 CPC), demander au greffe le certificat de non-opposition (art. 505 CPC) : l'exécution forcée peut alors commencer".into(),
        Regime::FormulaToRequest => "puis, sans opposition dans le mois suivant la signification, demander au greffe l'apposition de la formule exécutoire (ordonnance rendue avant le 1er mars 2022)".into(),
    });
    next
}
