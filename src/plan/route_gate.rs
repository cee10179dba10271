//! The gate of the court routes: the step a `--pour` asks for, the errors that keep a contested
//! claim or an insolvent debtor away from the wrong papers, the dates `plan` shows and what to
//! do next.

use chrono::NaiveDate;
use serde::Serialize;

use super::Destination;
use super::court::Court;
use super::route::{self, LegalDate, Representation};
use super::step::Step;
use crate::case::model::{Case, SignatoryKind};
use crate::claim::Claim;
use crate::diag::Diagnostic;
use crate::format::date_fr;
use crate::rules;

/// What `plan` shows of an assignation or a procédure collective.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RouteInfo {
    /// Each date the law sets for this step, with its article.
    pub dates: Vec<LegalDate>,
    /// Assignations: avocat, oral or written procedure, prior amicable attempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub representation: Option<Representation>,
    /// The day the décompte is drawn up to (the opening judgment for a declaration).
    pub decompte_arrete_au: NaiveDate,
}

/// The step `--pour` asks for, from the step the case has reached.
pub fn destination_step(
    case: &Case,
    destination: Destination,
    reached: Step,
    out: &mut Vec<Diagnostic>,
) -> Option<Step> {
    let served = case.procedure.order.as_ref().is_some_and(|o| o.service.is_some());
    match destination {
        Destination::CourtRegistry if reached == Step::ForeclosureRelief => Some(reached),
        // A served ordonnance: the certificat de non-opposition is what the greffe is asked for.
        Destination::CourtRegistry if served => Some(Step::Enforcement),
        Destination::CourtRegistry => Some(Step::PaymentOrder),
        Destination::JudicialOfficer if reached.is_insolvency() => Some(Step::Service),
        Destination::JudicialOfficer if served => Some(Step::Enforcement),
        Destination::JudicialOfficer if case.procedure.order.is_some() => Some(Step::Service),
        Destination::JudicialOfficer if case.procedure.kind == Some(crate::case::model::ProcedureKind::SmallClaims) => {
            Some(Step::SmallClaims)
        }
        Destination::JudicialOfficer if reached.is_summons() => Some(reached),
        Destination::JudicialOfficer => {
            out.push(
                rules::COURT_WITHOUT_NOTICE
                    .report("--pour commissaire : aucune ordonnance d'injonction de payer, procédure de petites créances ni assignation dans le dossier")
                    .field("procedure")
                    .hint("ajoutez « procedure.ordonnance » (date, fichier) une fois l'ordonnance rendue, ou « procedure.type: petites_creances », « assignation » ou « refere_provision »"),
            );
            None
        }
        Destination::Trustee if reached.is_insolvency() => Some(reached),
        Destination::Trustee => {
            out.push(
                rules::REQUIRED_FIELD
                    .report("--pour mandataire : le dossier ne décrit aucune procédure collective ouverte contre le débiteur")
                    .field("procedure_collective")
                    .hint("ajoutez « procedure_collective » (type, date_jugement, tribunal, date_publication_bodacc, mandataire) d'après l'annonce du BODACC"),
            );
            None
        }
    }
}

/// The errors and warnings of the routes: no requête against a contested claim, no proceedings
/// against an insolvent debtor, the hearing's delays, the declaration's deadlines.
pub fn check(case: &Case, claim: &Claim, step: Step, court: Option<&Court>, out: &mut Vec<Diagnostic>) {
    if let Some(p) = route::open_insolvency(case)
        && !step.is_insolvency()
    {
        out.push(
            rules::ROUTE_INSOLVENT
                .report(format!(
                    "{} impossible : le débiteur est en {} depuis le jugement du {} ({}) — aucune action en paiement ni mesure d'exécution (art. L. 622-21 C. com.)",
                    step.label(),
                    p.kind.label(),
                    date_fr(p.judgment),
                    p.court
                ))
                .field("procedure_collective")
                .hint("sans --etape ni --pour, recouvre construit la déclaration de créance au mandataire judiciaire (ou la requête en relevé de forclusion)"),
        );
    }
    if step.is_insolvency() && route::open_insolvency(case).is_none() {
        out.push(
            rules::REQUIRED_FIELD
                .report(format!("{} demandée sans procédure collective ouverte à la date de calcul", step.label()))
                .field("procedure_collective")
                .hint("décrivez la procédure d'après l'annonce du BODACC : type, date_jugement, tribunal, date_publication_bodacc, mandataire"),
        );
    }
    if let Some(d) = &case.route.dispute {
        let disputed = if d.invoices.is_empty() {
            "la créance".to_string()
        } else {
            format!("{} {}", if d.invoices.len() > 1 { "les factures" } else { "la facture" }, d.invoices.join(", "))
        };
        let field = if case.procedure.kind.is_some() { "procedure.type" } else { "contestation" };
        if step == Step::PaymentOrder {
            out.push(
                rules::ROUTE_CONTESTED
                    .report(format!(
                        "requête en injonction de payer impossible : {} a contesté {disputed} le {} (« {} ») — le juge rejetterait la requête ou le débiteur ferait opposition (art. 1405 CPC)",
                        d.author,
                        date_fr(d.date),
                        d.reason
                    ))
                    .field(field)
                    .hint("choisissez « procedure.type: assignation » (en paiement, au fond) ; ou, si la contestation n'est pas sérieuse, « contestation.non_serieuse: true » et « procedure.type: refere_provision »"),
            );
        }
        if step == Step::InterimPayment && !d.not_serious {
            out.push(
                rules::ROUTE_CONTESTED
                    .report(format!(
                        "référé-provision impossible : {disputed} contestée le {} (« {} ») — le juge des référés n'accorde une provision que si l'obligation n'est pas sérieusement contestable (art. 835 al. 2 et 873 al. 2 CPC)",
                        date_fr(d.date),
                        d.reason
                    ))
                    .field(field)
                    .hint("choisissez « procedure.type: assignation » ; ou, si vous tenez la contestation pour non sérieuse, indiquez « contestation.non_serieuse: true »"),
            );
        }
        if step == Step::InterimPayment && d.not_serious {
            out.push(
                rules::DISPUTE_NOT_SERIOUS
                    .report(format!(
                        "référé-provision demandé malgré la contestation du {} (« {} ») : s'il la juge sérieuse, le juge des référés dira n'y avoir lieu à référé, et il faudra assigner au fond",
                        date_fr(d.date),
                        d.reason
                    ))
                    .field("contestation.non_serieuse"),
            );
        }
    }
    if step.is_summons() {
        summons(case, claim, step, court, out);
    }
    if step.is_insolvency() {
        insolvency(case, step, out);
    }
}

fn summons(case: &Case, claim: &Claim, step: Step, court: Option<&Court>, out: &mut Vec<Diagnostic>) {
    let commercial = court.is_some_and(Court::is_commercial);
    let court_name = court.map(|c| c.name.clone()).unwrap_or_default();
    match &case.procedure.hearing {
        None => out.push(
            rules::HEARING_MISSING
                .report(format!("{} sans audience : l'acte doit indiquer le lieu, le jour et l'heure de l'audience (art. 56 CPC)", step.label()))
                .field("procedure")
                .hint(format!(
                    "demandez une date d'audience au greffe du {court_name} ({}), puis indiquez « audience: {{ date: AAAA-MM-JJ, heure: \"09:30\", salle: …, adresse: {{ … }} }} » sous « procedure »",
                    if commercial { "en ligne sur tribunaldigital.fr ou au greffe" } else { "sur présentation du projet d'assignation" }
                )),
        ),
        Some(h) if h.date <= case.computed_on => out.push(
            rules::HEARING_DELAY
                .report(format!("audience du {} : elle n'est pas postérieure à la date de calcul", date_fr(h.date)))
                .field("procedure.audience.date")
                .hint("demandez une nouvelle date d'audience au greffe"),
        ),
        Some(h) => {
            for d in route::hearing_deadlines(commercial, step, h.date) {
                if case.computed_on > d.date {
                    out.push(
                        rules::HEARING_DELAY
                            .report(format!(
                                "audience du {} : {} au plus tard le {} ({}) — ce jour est passé",
                                date_fr(h.date),
                                d.quoi,
                                date_fr(d.date),
                                d.article
                            ))
                            .field("procedure.audience.date")
                            .hint("demandez au greffe une date d'audience plus lointaine"),
                    );
                }
            }
        }
    }
    let rep = route::representation(commercial, step, claim.totals.total_due);
    let signatory = case.route.signatory.as_ref();
    if rep.avocat_obligatoire && signatory.is_none_or(|s| s.kind != SignatoryKind::Lawyer) {
        out.push(
            rules::LAWYER_REQUIRED
                .report(format!("{} : {}", step.label(), rep.motifs.first().cloned().unwrap_or_default()))
                .field(if signatory.is_some() { "signataire.qualite" } else { "procedure.type" })
                .hint("indiquez l'avocat qui assigne : « signataire: { qualite: avocat, nom: Me …, barreau: …, adresse: { … } } »"),
        );
    }
    if rep.tentative_amiable && case.procedure.amicable.is_none() {
        out.push(
            rules::AMICABLE_ATTEMPT
                .report(format!("{} : {}", step.label(), rep.motifs.last().cloned().unwrap_or_default()))
                .field("procedure")
                .hint("indiquez « tentative_amiable: { mode: conciliation | mediation | procedure_participative | dispense, date: …, resultat: … } » sous « procedure » (une dispense énonce son motif)"),
        );
    }
    power(case, out);
}

fn insolvency(case: &Case, step: Step, out: &mut Vec<Diagnostic>) {
    let Some(p) = route::open_insolvency(case) else { return };
    let (declare, relief) = route::insolvency_dates(case, p);
    if step == Step::ForeclosureRelief && case.computed_on > relief {
        out.push(
            rules::FORECLOSURE_EXPIRED
                .report(format!(
                    "relevé de forclusion : le délai de 6 mois à compter de la publication du {} a expiré le {} (art. L. 622-26 C. com.)",
                    date_fr(p.published),
                    date_fr(relief)
                ))
                .field("procedure_collective.date_publication_bodacc")
                .hint("hors le cas d'un créancier qui ne pouvait connaître sa créance (art. L. 622-26 al. 3), la créance ne peut plus être admise : consultez un avocat"),
        );
    } else if step == Step::ForeclosureRelief && p.notice_received != Some(false) && !p.omitted_from_list {
        out.push(
            rules::FORECLOSURE_GROUND
                .report("relevé de forclusion : aucun motif dans le dossier — le créancier doit établir que sa défaillance n'est pas de son fait, ou que le débiteur a omis la créance de sa liste (art. L. 622-26 C. com.)")
                .field("procedure_collective")
                .hint("indiquez « avertissement_recu: false » si le mandataire ne vous a pas averti (art. R. 622-21), ou « omise_de_la_liste: true » si le débiteur a omis la créance"),
        );
    } else if step == Step::ForeclosureRelief {
        foreclosure_proof(p, out);
    }
    if step.is_insolvency() {
        carrier_privilege(case, p, out);
    }
    if case.computed_on > declare && case.computed_on <= relief {
        out.push(
            rules::DECLARATION_LATE
                .report(format!(
                    "délai de déclaration expiré le {} (art. R. 622-24 C. com.) : la déclaration n'est recevable que si le juge-commissaire relève le créancier de la forclusion",
                    date_fr(declare)
                ))
                .field("procedure_collective.date_publication_bodacc"),
        );
    }
    power(case, out);
}

/// A relevé de forclusion rests best on the debtor's omission, shown by a pièce (R073): the
/// BODACC publication binds everyone, so a missing avertissement alone is often held to be the
/// creditor's own failure — the mandataire warns only the creditors on the debtor's list.
fn foreclosure_proof(p: &crate::case::model::Insolvency, out: &mut Vec<Diagnostic>) {
    let (message, hint) = if !p.omitted_from_list {
        (
            "relevé de forclusion fondé sur le seul défaut d'avertissement (art. R. 622-21 C. com.) : la publication au BODACC étant opposable à tous, le juge-commissaire peut estimer que la défaillance reste du fait du créancier",
            "consultez au greffe la liste des créanciers déposée par le débiteur (art. R. 622-5) : si la créance n'y figure pas, indiquez « omise_de_la_liste: true » et joignez la liste ou l'attestation du greffe ou du mandataire (« preuve_omission: pieces/… .pdf ») : l'omission suffit (art. L. 622-26 al. 1)",
        )
    } else if p.omission_proof.is_none() {
        (
            "relevé de forclusion : l'omission de la créance de la liste du débiteur n'est établie par aucune pièce ; la requête le dit, mais le juge-commissaire voudra la voir",
            "la liste déposée par le débiteur se consulte au greffe (art. R. 622-5 C. com.) : joignez-la, ou l'attestation du greffe ou du mandataire que la créance n'y figure pas : « preuve_omission: pieces/… .pdf »",
        )
    } else {
        return;
    };
    out.push(rules::FORECLOSURE_PROOF.report(message).field("procedure_collective.omise_de_la_liste").hint(hint));
}

/// A claim for carriage may carry the carrier's privilège on the goods (art. L. 133-7 C. com.),
/// which the declaration must name (art. L. 622-25) or lose: until the user has examined it
/// (`privilege`), a declaration that calls such a claim chirographaire is flagged (R086).
fn carrier_privilege(case: &Case, p: &crate::case::model::Insolvency, out: &mut Vec<Diagnostic>) {
    if p.privilege.is_some() || !is_carriage(case) {
        return;
    }
    out.push(
        rules::CARRIER_PRIVILEGE
            .report("créance de transport : la déclaration la dit chirographaire, mais le voiturier a privilège sur la valeur des marchandises transportées et les documents qui s'y rapportent, pour toutes créances de transport, même nées d'opérations antérieures (art. L. 133-7 C. com.) ; un privilège non déclaré est perdu (art. L. 622-25)")
            .field("procedure_collective")
            .hint("examinez-le (marchandises ou documents du débiteur encore détenus, propriétaire des marchandises partie aux opérations) : « privilege: voiturier » sous « procedure_collective » le déclare ; « privilege: aucun » confirme la déclaration chirographaire"),
    );
}

/// Whether the invoices bill carriage (« transport » in their subject or lines).
fn is_carriage(case: &Case) -> bool {
    let carriage = |text: &str| crate::format::fold_accents(text).to_lowercase().contains("transport");
    case.invoices
        .iter()
        .any(|i| i.subject.as_deref().is_some_and(carriage) || i.lines.iter().any(|l| carriage(&l.designation)))
}

/// A signatory who is not an avocat acts under a written power (pouvoir spécial, délégation).
fn power(case: &Case, out: &mut Vec<Diagnostic>) {
    if let Some(s) = &case.route.signatory
        && s.kind != SignatoryKind::Lawyer
        && s.power.is_none()
    {
        out.push(
            rules::POWER_MISSING
                .report(format!("{} signe pour le créancier sans pouvoir joint", s.name))
                .field("signataire.pouvoir")
                .hint("joignez le pouvoir spécial (mandataire) ou la délégation de pouvoir (préposé) signé par le représentant légal : « pouvoir: pieces/pouvoir.pdf »"),
        );
    }
}

/// The dates and representation rules `plan` shows for an assignation or a procédure collective.
pub fn info(case: &Case, claim: &Claim, step: Step, court: Option<&Court>) -> Option<RouteInfo> {
    let commercial = court.is_some_and(Court::is_commercial);
    if step.is_insolvency() {
        return Some(RouteInfo {
            dates: route::insolvency_deadlines(case, step),
            representation: None,
            decompte_arrete_au: claim.computed_on,
        });
    }
    if !step.is_summons() {
        return None;
    }
    let dates =
        case.procedure.hearing.as_ref().map(|h| route::hearing_deadlines(commercial, step, h.date)).unwrap_or_default();
    Some(RouteInfo {
        dates,
        representation: Some(route::representation(commercial, step, claim.totals.total_due)),
        decompte_arrete_au: claim.computed_on,
    })
}

/// What to do next on these routes.
pub fn next_actions(case: &Case, step: Step, court: Option<&Court>) -> Vec<String> {
    let mut next = Vec::new();
    if step.is_insolvency()
        && let Some(p) = route::open_insolvency(case)
    {
        let (declare, relief) = route::insolvency_dates(case, p);
        let trustee = format!("{} {}, {}", p.kind.trustee_title(), p.trustee.name, one_line(&p.trustee.address));
        if step == Step::ForeclosureRelief {
            next.push(format!(
                "déposer la requête en relevé de forclusion au greffe du {} pour le juge-commissaire, au plus tard le {}",
                p.court,
                safe_day(relief, "de six mois", "art. L. 622-26 al. 3 C. com.")
            ));
            next.push(format!("adresser le même jour la déclaration de créance et ses pièces au {trustee}, par lettre recommandée avec accusé de réception"));
            next.push("une fois relevé de la forclusion, déclarer (ou confirmer la déclaration) dans le mois de la notification de l'ordonnance : le délai est réduit de moitié (art. L. 622-24 al. 1 C. com.)".into());
        } else {
            next.push(format!(
                "adresser la déclaration de créance et ses pièces au {trustee}, par lettre recommandée avec accusé de réception, au plus tard le {}",
                safe_day(declare, "de déclaration", "art. R. 622-24 C. com.")
            ));
            next.push("conserver l'accusé de réception : il prouve la date de la déclaration".into());
        }
        next.push("ne plus relancer ni poursuivre le débiteur : tout paiement d'une créance antérieure lui est interdit (art. L. 622-7 C. com.)".into());
        return next;
    }
    let commercial = court.is_some_and(Court::is_commercial);
    match &case.procedure.hearing {
        Some(h) => {
            next.push(
                "remettre l'assignation, le bordereau et les pièces au commissaire de justice pour signification"
                    .into(),
            );
            for d in route::hearing_deadlines(commercial, step, h.date) {
                next.push(format!("{} au plus tard le {} ({})", d.quoi, date_fr(d.date), d.article));
            }
            if commercial && step == Step::InterimPayment {
                next.push("en référé au tribunal de commerce, aucun délai fixe : faire signifier sans attendre, un temps suffisant doit séparer la signification de l'audience (art. 486 CPC), puis remettre la copie au greffe avant l'audience".into());
            }
            next.push(format!(
                "comparaître ou se faire représenter à l'audience du {} à {}",
                date_fr(h.date),
                h.time.format("%-H h %M")
            ));
        }
        None => next.push("obtenir une date d'audience du greffe, puis l'indiquer dans « procedure.audience »".into()),
    }
    next
}

/// A deadline, or the last working day before it when it falls on a weekend or a public holiday:
/// its extension to the next working day (art. 642 CPC) is not certain for these deadlines, so
/// nothing should depend on it.
fn safe_day(deadline: NaiveDate, what: &str, article: &str) -> String {
    let safe = super::calendar::last_working_day(deadline);
    if safe == deadline {
        return date_fr(deadline);
    }
    format!(
        "{} : le délai {what} expire le {} ({article}), jour non ouvré, et sa prorogation au jour ouvrable suivant (art. 642 CPC) n'est pas certaine pour ce délai",
        crate::format::date_with_weekday(safe),
        crate::format::date_with_weekday(deadline)
    )
}

fn one_line(a: &crate::case::model::Address) -> String {
    let mut parts = a.lines.clone();
    parts.push(format!("{} {}", a.postcode, a.city));
    parts.join(", ")
}
