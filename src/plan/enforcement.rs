//! After service of the ordonnance: where the title stands (opposition month running, opposed,
//! certificat to ask for, enforceable), its dates, and what to do next — by the law in force on
//! the ordonnance's date (`plan::title`).

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::title::{self, Regime};
use crate::case::enforcement::ServiceMode;
use crate::case::model::{Case, Order};
use crate::diag::Diagnostic;
use crate::format::date_fr;
use crate::rules;

/// Where a served title stands on the day of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleState {
    /// The opposition month (or, from 1 September 2026, the two months) still running.
    Running,
    /// The debtor opposed: enforcement is suspended (art. 1422 CPC), the case goes to a hearing.
    Opposed,
    /// Issued before 1 September 2026, the month has run: the certificat to ask the greffe for.
    CertificateToRequest,
    /// Enforcement may start: certificat received, or two months without a greffe notice.
    Enforceable,
}

/// The dates of a served title, for `plan` and the documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TitlePlan {
    pub state: TitleState,
    pub served: NaiveDate,
    /// Last day to oppose (art. 1416 CPC), service à personne.
    pub opposition_until: NaiveDate,
    /// First day enforcement may start (and the certificat be asked for, before 1 September 2026).
    pub enforceable_from: NaiveDate,
    /// First day at the legal rate + 5 points (L. 313-3 CMF), when the title's rate is the legal one.
    pub surcharge_from: Option<NaiveDate>,
    /// At the tribunal de commerce, after an opposition: last day to consign the fees.
    pub fee_deadline: Option<NaiveDate>,
}

/// The title's plan, once the ordonnance is served.
pub fn title_plan(case: &Case) -> Option<TitlePlan> {
    let order = case.procedure.order.as_ref()?;
    let service = order.service.as_ref()?;
    let regime = Regime::of(order.date);
    let enforceable_from = title::enforceable_from(order.date, service.date);
    let on = case.computed_on;
    let state = if order.opposition.is_some() {
        TitleState::Opposed
    } else if on < enforceable_from {
        TitleState::Running
    } else if regime == Regime::NoNotice || order.certificate.is_some() {
        TitleState::Enforceable
    } else {
        TitleState::CertificateToRequest
    };
    Some(TitlePlan {
        state,
        served: service.date,
        opposition_until: title::opposition_ends(service.date),
        enforceable_from,
        surcharge_from: surcharge_from(order),
        fee_deadline: order
            .opposition
            .as_ref()
            .map(|o| o.notice.unwrap_or(o.date) + Days::new(title::OPPOSITION_FEE_DAYS)),
    })
}

/// The first surcharged day of a served title at the legal rate: the case's, else the derived one.
pub fn surcharge_from(order: &Order) -> Option<NaiveDate> {
    let interest = order.granted.as_ref()?.interest.as_ref()?;
    if interest.rate != crate::case::enforcement::GrantedRate::Legal || !interest.surcharge {
        return None;
    }
    interest.surcharge_from.or_else(|| order.service.as_ref().map(|s| title::surcharge_from(order.date, s.date)))
}

/// Why the case is at this step, in French.
pub fn reasons(order: &Order, plan: &TitlePlan) -> Vec<String> {
    let regime = Regime::of(order.date);
    let mut reasons = vec![format!(
        "ordonnance du {} signifiée le {} ({}) : opposition possible jusqu'au {} inclus (art. 1416 CPC)",
        date_fr(order.date),
        date_fr(plan.served),
        order.service.as_ref().map_or("", |s| s.mode.label()),
        date_fr(plan.opposition_until)
    )];
    reasons.push(match (plan.state, regime) {
        (TitleState::Opposed, _) => format!(
            "opposition formée le {} : l'exécution est suspendue (art. 1422 CPC), le tribunal statuera sur la demande",
            order.opposition.as_ref().map_or(String::new(), |o| date_fr(o.date))
        ),
        (TitleState::Running, Regime::NoNotice) => format!(
            "ordonnance rendue depuis le 1er septembre 2026 (décret n° 2026-96) : sans avis d'opposition du greffe, exécution possible à partir du {}",
            date_fr(plan.enforceable_from)
        ),
        (TitleState::Running, _) => format!(
            "sans opposition, certificat de non-opposition (art. 505 CPC) et exécution à partir du {}",
            date_fr(plan.enforceable_from)
        ),
        (TitleState::CertificateToRequest, _) => {
            "délai d'opposition expiré : le certificat de non-opposition est à demander au greffe (art. 505 CPC)".into()
        }
        (TitleState::Enforceable, Regime::NoNotice) => format!(
            "deux mois écoulés depuis la signification sans avis d'opposition du greffe : exécution possible depuis le {} (décret n° 2026-96)",
            date_fr(plan.enforceable_from)
        ),
        (TitleState::Enforceable, _) => format!(
            "certificat de non-opposition délivré le {} : l'ordonnance a les effets d'un jugement contradictoire (art. 1422 CPC)",
            order.certificate.as_ref().map_or(String::new(), |c| date_fr(c.date))
        ),
    });
    reasons
}

/// What to do next, in French, each with its date.
pub fn next_actions(case: &Case, order: &Order, plan: &TitlePlan) -> Vec<String> {
    let mut next = Vec::new();
    let commercial = super::competent_court(case).is_commercial();
    match plan.state {
        TitleState::Opposed => {
            if commercial {
                next.push(format!(
                    "consigner au greffe les frais de l'opposition au plus tard le {} ({} jours après son avis) : au tribunal de commerce, c'est au créancier de les consigner, à peine de caducité",
                    date_fr(plan.fee_deadline.unwrap_or(plan.served)),
                    title::OPPOSITION_FEE_DAYS
                ));
            }
            next.push("préparer l'audience : conclusions avec un décompte actualisé et les mêmes pièces numérotées, le créancier restant demandeur".into());
        }
        TitleState::Running => next.push(match Regime::of(order.date) {
            Regime::NoNotice => format!(
                "sans avis d'opposition du greffe, relancer « recouvre build » à partir du {} : déclaration d'absence d'opposition et demande d'exécution au commissaire de justice",
                date_fr(plan.enforceable_from)
            ),
            _ => format!(
                "sans opposition, relancer « recouvre build » à partir du {} : demande du certificat de non-opposition au greffe",
                date_fr(plan.enforceable_from)
            ),
        }),
        TitleState::CertificateToRequest => {
            next.push("envoyer au greffe la demande de certificat de non-opposition, avec l'acte de signification".into());
            next.push("à réception, le décrire dans « procedure.ordonnance.certificat_non_opposition » (date, fichier) : recouvre préparera la demande d'exécution".into());
        }
        TitleState::Enforceable => {
            next.push("remettre la demande d'exécution au commissaire de justice, avec le titre, l'acte de signification et le décompte".into());
            if case.debtor_assets.accounts.is_empty() {
                next.push("aucun compte bancaire du débiteur n'est connu : indiquez ceux que vous connaissez dans « debiteur.comptes » (le commissaire peut aussi interroger le fichier FICOBA)".into());
            }
        }
    }
    // The act's mentions condition the opposition period itself (art. 1413 CPC, on pain of nullity).
    if plan.state != TitleState::Opposed {
        next.push("vérifier sur l'acte de signification les mentions exigées à peine de nullité par l'art. 1413 CPC : sommation de payer les sommes fixées (intérêts et frais de greffe chiffrés) ou de former opposition, qui saisit le tribunal de tout le litige ; délai, tribunal et modalités de l'opposition indiqués de manière très apparente ; avertissement qu'à défaut d'opposition aucun recours ne sera plus possible — sans elles, le délai d'opposition n'a pas couru".into());
    }
    if let Some(d) = plan.surcharge_from.filter(|_| plan.state != TitleState::Opposed) {
        next.push(format!("intérêts au taux légal majoré de 5 points à partir du {} (L. 313-3 CMF)", date_fr(d)));
    }
    next
}

/// A partial grant in figures: what the ordonnance allows against the principal the invoices leave
/// due — the surplus that serving it gives up (art. 1409 CPC).
pub fn partial_grant(case: &Case, claimed: rust_decimal::Decimal) -> Option<String> {
    let order = case.procedure.order.as_ref().filter(|o| o.partial && o.service.is_none())?;
    let granted = order.granted.as_ref()?;
    let surplus = claimed - granted.principal;
    (surplus > rust_decimal::Decimal::ZERO).then(|| {
        format!(
            "ordonnance partielle : {} alloués en principal sur {} restant dus selon les factures ; la signifier, c'est renoncer aux {} rejetés (art. 1409 CPC)",
            crate::format::euros(granted.principal),
            crate::format::euros(claimed),
            crate::format::euros(surplus)
        )
    })
}

/// What is due at a step: from the ordonnance on, what the title grants when its sums are given
/// (never the part it rejected); for a déclaration de créance, the sums due at the opening
/// judgment and the principal of those not yet due (à échoir, or exigible by a liquidation,
/// art. L. 643-1 C. com.) — the declared total; else the claim's total.
pub fn total_due(claim: &crate::claim::Claim, step: super::Step) -> rust_decimal::Decimal {
    match &claim.title {
        Some(t) if matches!(step, super::Step::Service | super::Step::Enforcement) => t.totals.total_due,
        _ if step.is_insolvency() => claim.totals.total_due + claim.upcoming_principal(),
        _ => claim.totals.total_due,
    }
}

/// Before service of a partial ordonnance: the sums granted are needed (the décompte handed over
/// bears only on them, R081), and the invoices it rejected should be named (R085).
pub fn service_checks(case: &Case, claimed_principal: rust_decimal::Decimal, out: &mut Vec<Diagnostic>) {
    let Some(order) = case.procedure.order.as_ref().filter(|o| o.partial && o.service.is_none()) else { return };
    let Some(granted) = &order.granted else {
        out.push(
            rules::GRANTED_MISSING
                .report("ordonnance partielle : les sommes allouées ne sont pas indiquées ; le décompte remis au commissaire de justice ne doit porter que sur elles, pas sur le surplus rejeté (art. 1409 CPC)")
                .field("procedure.ordonnance.sommes")
                .hint("recopiez le dispositif : « sommes: { principal: \"…\", interets: { type: bce_plus_10, depuis: AAAA-MM-JJ }, indemnite: \"40.00\" } »"),
        );
        return;
    };
    if order.rejected_invoices.is_empty() && granted.principal < claimed_principal {
        out.push(
            rules::REJECTED_INVOICES
                .report(format!(
                    "ordonnance partielle : {} alloués en principal sur {}, mais aucune facture écartée n'est désignée ; toutes restent dans les pièces et la fiche remises au commissaire de justice",
                    crate::format::euros(granted.principal),
                    crate::format::euros(claimed_principal)
                ))
                .field("procedure.ordonnance.factures_rejetees")
                .hint("désignez les factures que l'ordonnance écarte : « factures_rejetees: [NUMÉRO] »"),
        );
    }
}

/// The next action and its date, for `suivi`.
pub fn suivi_action(plan: &TitlePlan) -> (String, Option<NaiveDate>) {
    match plan.state {
        TitleState::Opposed => match plan.fee_deadline {
            Some(d) => (format!("opposition : consigner les frais au plus tard le {}", date_fr(d)), Some(d)),
            None => ("opposition : préparer l’audience".into(), None),
        },
        TitleState::Running => (
            format!("délai d’opposition : exécution à partir du {}", date_fr(plan.enforceable_from)),
            Some(plan.enforceable_from),
        ),
        TitleState::CertificateToRequest => {
            ("demander le certificat de non-opposition".into(), Some(plan.enforceable_from))
        }
        TitleState::Enforceable => ("remettre la demande d’exécution au commissaire de justice".into(), None),
    }
}

/// Problems with a served title: not served à personne (R084), enforcement asked too early
/// (R083), or no sums granted to compute from (R081).
pub fn checks(order: &Order, plan: &TitlePlan, forced: bool, out: &mut Vec<Diagnostic>) {
    if let Some(s) = order.service.as_ref().filter(|s| s.mode != ServiceMode::InPerson) {
        out.push(
            rules::SERVICE_NOT_IN_PERSON
                .report(format!(
                    "ordonnance signifiée {} : le débiteur pourra encore former opposition dans le mois suivant le premier acte signifié à personne ou la première mesure d'exécution rendant ses biens indisponibles (art. 1416 CPC)",
                    s.mode.label()
                ))
                .field("procedure.ordonnance.signification.mode")
                .hint("la demande d'exécution le rappelle au commissaire de justice ; une nouvelle signification à personne ferait courir le délai"),
        );
    }
    if forced && matches!(plan.state, TitleState::Running | TitleState::Opposed) {
        let why = if plan.state == TitleState::Opposed {
            "une opposition a été formée : l'exécution est suspendue".to_string()
        } else {
            format!("l'exécution n'est possible qu'à partir du {}", date_fr(plan.enforceable_from))
        };
        out.push(
            rules::ENFORCEMENT_EARLY
                .report(format!("--pour commissaire : {why}"))
                .field("procedure.ordonnance.signification.date")
                .hint("relancez la commande à cette date, sans opposition ; vérifiez « date_calcul »"),
        );
    }
    if order.granted.is_none() {
        out.push(
            rules::GRANTED_MISSING
                .report("ordonnance signifiée : les sommes allouées ne sont pas indiquées, le décompte après titre ne peut pas être établi")
                .field("procedure.ordonnance.sommes")
                .hint("recopiez le dispositif : « sommes: { principal: \"…\", interets: { type: legal, depuis: AAAA-MM-JJ }, indemnite: \"40.00\", article_700: \"…\", depens: \"…\" } »"),
        );
    }
}
