//! Stage `plan`: where the case stands, which court, which documents and pièces — as data,
//! printed by `recouvre plan` and carried out by `build`.

mod actions;
pub mod calendar;
use actions::next_actions;
pub mod court;
pub mod documents;
pub mod enforcement;
pub mod hold;
pub mod ladder;
pub mod legal_rules;
pub mod pieces;
pub mod proof;
pub mod route;
mod route_gate;
pub mod step;
pub mod title;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::case::model::Case;
use crate::claim::Claim;
use crate::diag::Diagnostic;
use crate::format::{date_fr, euros};
use crate::inputs::PreviousDossier;
use crate::rules;
pub use court::{Court, competent_court};
pub use documents::{DocKind, PlannedDocument};
pub use pieces::{PieceKind, PieceSource, PlannedPiece, WithheldPiece};
pub use step::{SMALL_CLAIMS_CEILING, Step};

/// Who the dossier is for (`--pour`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Destination {
    /// The court registry (greffe): requête en injonction de payer.
    #[serde(rename = "greffe")]
    CourtRegistry,
    /// A commissaire de justice: petites créances, service of an ordonnance or of an assignation.
    #[serde(rename = "commissaire")]
    JudicialOfficer,
    /// The mandataire judiciaire: déclaration de créance.
    #[serde(rename = "mandataire")]
    Trustee,
}

impl Destination {
    pub const ALL: [Destination; 3] = [Destination::CourtRegistry, Destination::JudicialOfficer, Destination::Trustee];

    /// As typed after `--pour` and written in files.
    pub fn code(self) -> &'static str {
        match self {
            Destination::CourtRegistry => "greffe",
            Destination::JudicialOfficer => "commissaire",
            Destination::Trustee => "mandataire",
        }
    }

    pub fn from_code(code: &str) -> Option<Destination> {
        Destination::ALL.into_iter().find(|d| d.code() == code)
    }
}

/// What `build` was asked for, beyond the case.
#[derive(Debug, Clone, Default)]
pub struct PlanOptions<'a> {
    pub step: Option<Step>,
    pub destination: Option<Destination>,
    /// The previous dossier of this case, searched for documents of earlier steps.
    pub previous: Option<&'a PreviousDossier>,
    /// A relance level asked for explicitly (`recouvre relance --niveau`).
    pub reminder_level: Option<u8>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub step: Step,
    pub step_label: &'static str,
    /// Who receives the documents: "débiteur", "greffe", "commissaire de justice", "créancier".
    pub recipient: &'static str,
    pub reasons: Vec<String>,
    /// What the user should do next, in French.
    pub next: Vec<String>,
    pub filing_from: Option<NaiveDate>,
    /// When no invoice is due yet: the first day one can be claimed.
    pub claimable_from: Option<NaiveDate>,
    pub court: Option<Court>,
    pub reminder_level: Option<u8>,
    pub next_reminder: Option<NaiveDate>,
    /// Before any mise en demeure: the first day it may go, after the last relance's delay.
    pub notice_from: Option<NaiveDate>,
    /// Service step: the last day to serve the ordonnance (art. 1411 CPC; see `plan::title`).
    pub service_deadline: Option<NaiveDate>,
    /// Enforcement step: where the served title stands, with its dates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enforcement: Option<enforcement::TitlePlan>,
    pub documents: Vec<PlannedDocument>,
    pub pieces: Vec<PlannedPiece>,
    /// Numbers the requête gave to pièces no longer communicated (a partial ordonnance's rejected
    /// invoice): listed in the bordereau, so the numbers stay those of the served requête.
    #[serde(rename = "pieces_non_communiquees", skip_serializing_if = "Vec::is_empty")]
    pub withheld_pieces: Vec<WithheldPiece>,
    /// Whether a merged `dossier-complet.pdf` is produced.
    pub merged: bool,
    /// The hold in force on the case's date: no demand is built.
    pub hold: Option<crate::case::model::Hold>,
    /// Assignation or procédure collective: the dates the law sets and the representation rules.
    #[serde(rename = "voie", skip_serializing_if = "Option::is_none")]
    pub route: Option<route_gate::RouteInfo>,
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

/// The recipient of a relance or a mise en demeure.
pub const DEBTOR: &str = "débiteur";

impl Plan {
    /// Whether the documents go to the debtor (a relance, a mise en demeure): the step's documents
    /// are then only what is addressed to the debtor — the letter and its décompte — and the zip
    /// holds them alone; the manifest, with the creditor's warnings, stays in the build's folder.
    pub fn sent_to_debtor(&self) -> bool {
        self.recipient == DEBTOR
    }
}

/// Plans the build of a case whose décompte is `claim`.
pub fn plan(case: &Case, claim: &Claim, options: &PlanOptions) -> Plan {
    let mut diagnostics = Vec::new();
    let total = claim.totals.total_due;
    let claimable_from = if claim.nothing_due_yet() { claim.first_claimable() } else { None };
    let base = step::small_claims_base(claim);
    let reached_step = step::reached(case, base, claimable_from).step;
    let mut forced = options.step;
    if let Some(destination) = options.destination
        && forced.is_none()
    {
        forced = route_gate::destination_step(case, destination, reached_step, &mut diagnostics);
    }
    let mut decision = step::decide(case, base, forced, claimable_from);
    let step = decision.step;
    // A procédure collective overrides a hold: its declaration deadline runs regardless.
    let held = case.active_hold().filter(|_| !step.is_insolvency());
    if held.is_some() {
        // The ladder's reasons say what would go out (« relance n° 2 à envoyer »): under the hold
        // they come after it, as what follows its end, never as today's task.
        let ladder = std::mem::take(&mut decision.reasons);
        let lead = if ladder.is_empty() { "" } else { " ; à sa levée :" };
        decision.reasons = hold::reasons(case).into_iter().map(|r| format!("{r}{lead}")).collect();
        decision.reasons.extend(ladder);
    } else if !step.is_insolvency() {
        decision.reasons.extend(hold::reasons(case));
    }
    if let Some(reason) = enforcement::partial_grant(case, claim.totals.principal_remaining) {
        decision.reasons.push(reason);
    }
    if let Some(asked) = forced {
        let reached = step::reached(case, base, claimable_from).step;
        if asked.rank() < reached.rank() {
            diagnostics.push(
                rules::STEP_BEHIND
                    .report(format!(
                        "étape « {} » imposée par --etape alors que le cas a atteint l'étape « {} »",
                        asked.label(),
                        reached.label()
                    ))
                    .field("mise_en_demeure")
                    .hint("sans --etape, recouvre construit l'étape atteinte"),
            );
        }
    }
    let (reminder_level, next_reminder) = match step {
        _ if held.is_some() => (None, None),
        // Asked for explicitly: the level given, else the next one, whatever the delay.
        Step::Reminder if options.step == Some(Step::Reminder) => {
            (Some(options.reminder_level.unwrap_or_else(|| step::next_level(case))), None)
        }
        // Once the mise en demeure has gone, relances are behind us; and it never goes with one.
        Step::Reminder if case.formal_notice.is_none() => step::reminder_due(case),
        _ => (None, None),
    };
    // The mise en demeure to come, once the last relance's delay has run (or the one sent now).
    let notice_from = match (step, held) {
        (Step::Reminder, None) if case.formal_notice.is_none() => match (reminder_level, step::amicable(case)) {
            (Some(level), _) if options.step.is_none() => match step::after_reminder(case, level, case.computed_on) {
                (from, None) => Some(from),
                _ => None,
            },
            (None, step::Amicable::Wait { from, next: None }) => Some(from),
            _ => None,
        },
        _ => None,
    };
    // A hold: no demand of any step, only the décompte and the history for the creditor's file.
    let judicial = step.is_judicial() && held.is_none();
    let court = match step {
        _ if held.is_some() => None,
        Step::PaymentOrder | Step::Service | Step::Enforcement => Some(competent_court(case)),
        Step::InterimPayment | Step::Merits => Some(court::summons_court(case)),
        _ => None,
    };
    let title = (step == Step::Enforcement).then(|| enforcement::title_plan(case)).flatten();
    // After the title, the commissaire needs the title and its acts, not the claim's pièces.
    let claim_pieces = judicial && step != Step::Enforcement;
    let (mut pieces, withheld_pieces) =
        if claim_pieces { pieces::number_pieces(case, options.previous) } else { Default::default() };
    if claim_pieces {
        pieces::route_pieces(case, step, &mut pieces, &withheld_pieces);
    }
    let filed_request = (step == Step::Service).then(|| filed_request(case, options.previous)).flatten();
    let documents = match held {
        Some(_) => documents::documents(case, Step::Waiting, None, None),
        None => documents::documents(case, step, reminder_level, filed_request),
    };

    if documents.iter().any(|d| d.kind == DocKind::FormalNotice)
        && case.debtor.is_consumer()
        && case.creditor.mediator.is_none()
    {
        diagnostics.push(
            rules::MEDIATOR_MISSING
                .report("mise en demeure à un consommateur : le médiateur de la consommation du créancier n'est pas indiqué (art. L. 616-1 et L. 616-2 C. conso.)")
                .field("creancier.mediateur")
                .hint("ajoutez « mediateur: { nom: …, site: https://… } » sous « creancier » : le médiateur auquel vous avez adhéré (liste sur economie.gouv.fr/mediation-conso)"),
        );
    }
    // A procédure collective: the sums to fall due are declared too (art. L. 622-25 C. com.).
    let declares_upcoming = step.is_insolvency() && !claim.upcoming.is_empty();
    if step != Step::NotYetDue && claim.nothing_due_yet() && !declares_upcoming {
        // A demand forced with --etape while nothing is due: refused.
        for inv in &claim.upcoming {
            diagnostics.push(
                rules::COURT_NOT_DUE
                    .report(format!(
                        "{} demandée alors qu'aucune facture n'est échue au {} : la facture {} ne le sera qu'après le {}",
                        step.label(),
                        date_fr(claim.computed_on),
                        inv.number,
                        date_fr(inv.due)
                    ))
                    .field("date_calcul")
                    .hint("une facture non échue n'est pas exigible : attendez le lendemain de son échéance"),
            );
        }
    } else if step != Step::NotYetDue && (total.is_zero() || total.is_sign_negative()) && !declares_upcoming {
        diagnostics.push(
            rules::NOTHING_DUE
                .report(format!("rien n'est dû au {} : toutes les factures sont réglées", date_fr(claim.computed_on)))
                .field("paiements")
                .hint("vérifiez les paiements et avoirs saisis"),
        );
    }
    if judicial && step == Step::Enforcement {
        match (&case.procedure.order, &title) {
            (Some(order), Some(t)) => enforcement::checks(order, t, options.destination.is_some(), &mut diagnostics),
            _ => diagnostics.push(
                rules::ENFORCEMENT_EARLY
                    .report("exécution demandée alors que l'ordonnance n'a pas été signifiée")
                    .field("procedure.ordonnance.signification")
                    .hint("faites d'abord signifier l'ordonnance (étape signification), puis décrivez « signification » (date, commissaire, mode)"),
            ),
        }
    } else if judicial {
        if step == Step::Service {
            enforcement::service_checks(case, claim.totals.principal_remaining, &mut diagnostics);
        }
        judicial_checks(case, claim, step, decision.filing_from, court.as_ref(), &pieces, &mut diagnostics);
    }
    route_gate::check(case, claim, step, court.as_ref(), &mut diagnostics);
    let route = route_gate::info(case, claim, step, court.as_ref());
    let mut next = match held {
        Some(h) => hold::next_actions(h),
        None => next_actions(
            case,
            step,
            decision.filing_from,
            (reminder_level, next_reminder, notice_from),
            court.as_ref(),
            claimable_from,
        ),
    };
    // An ECB rate not checked for a half-year the décompte uses: the décompte prints it as the last
    // rate published and known, not checked for that half-year; it is checked before anything is
    // signed (R032).
    if held.is_none()
        && !matches!(step, Step::Waiting | Step::NotYetDue)
        && let Some(w) = claim.warnings.iter().find(|d| d.code == Some(rules::RATE_UNCHECKED.code))
    {
        next.insert(
            0,
            format!(
                "avant de signer ou d'envoyer : vérifier le taux de refinancement de la BCE appliqué ({}) ; s'il a changé, refaire le dossier avec « --taux taux.csv » (R032)",
                w.message
            ),
        );
    }
    Plan {
        step,
        step_label: step.label(),
        recipient: match step {
            _ if held.is_some() => "créancier",
            Step::NotYetDue => "créancier",
            Step::Reminder | Step::FormalNotice => DEBTOR,
            Step::Waiting => "créancier",
            Step::PaymentOrder => "greffe",
            Step::SmallClaims | Step::Service | Step::InterimPayment | Step::Merits => "commissaire de justice",
            Step::ClaimFiling => "mandataire judiciaire",
            Step::ForeclosureRelief => "juge-commissaire",
            Step::Enforcement => match title.as_ref().map(|t| t.state) {
                Some(enforcement::TitleState::Enforceable) => "commissaire de justice",
                Some(enforcement::TitleState::CertificateToRequest) => "greffe",
                _ => "créancier",
            },
        },
        reasons: decision.reasons,
        next,
        filing_from: decision.filing_from,
        claimable_from,
        court,
        reminder_level,
        next_reminder,
        notice_from,
        service_deadline: case
            .procedure
            .order
            .as_ref()
            .filter(|_| step == Step::Service)
            .map(|o| title::service_deadline(o.date)),
        // While the opposition month runs, or after an opposition, only the creditor's copy.
        merged: judicial && title.as_ref().is_none_or(|t| t.state == enforcement::TitleState::Enforceable),
        enforcement: title,
        hold: held.cloned(),
        route,
        documents,
        pieces,
        withheld_pieces,
        diagnostics,
    }
}

/// The requête as filed: supplied with the ordonnance, else the earlier build's output.
fn filed_request(case: &Case, previous: Option<&PreviousDossier>) -> Option<PieceSource> {
    let order = case.procedure.order.as_ref()?;
    if let Some(f) = &order.request {
        return Some(PieceSource::File { file: f.clone() });
    }
    let (path, entry) =
        previous?.find(|f| f.role == DocKind::PaymentOrderRequest.role() || f.role == DocKind::FiledRequest.role())?;
    Some(PieceSource::PreviousOutput { path, sha256: entry.sha256.clone() })
}

fn judicial_checks(
    case: &Case,
    claim: &Claim,
    step: Step,
    filing_from: Option<NaiveDate>,
    court: Option<&Court>,
    pieces: &[PlannedPiece],
    out: &mut Vec<Diagnostic>,
) {
    match (&case.formal_notice, filing_from) {
        // A procédure collective needs no mise en demeure: the declaration is the creditor's act.
        _ if step.is_insolvency() => {}
        (None, _) => out.push(
            rules::COURT_WITHOUT_NOTICE
                .report(format!("{} demandée sans mise en demeure préalable", step.label()))
                .field("mise_en_demeure")
                .hint("envoyez d'abord la mise en demeure produite par « recouvre build » (étape mise_en_demeure), puis décrivez-la dans « mise_en_demeure »"),
        ),
        (Some(_), Some(from)) if case.computed_on < from && step != Step::Service => out.push(
            rules::COURT_TOO_EARLY
                .report(format!("{} demandée avant l'expiration du délai de la mise en demeure : dépôt possible à partir du {}", step.label(), date_fr(from)))
                .field("mise_en_demeure.delai_jours")
                .hint("attendez cette date (ou vérifiez « date_calcul » et « date_reception »)"),
        ),
        _ => {}
    }
    // The proofs a judge, a greffe or a commissaire expects: invoices, agreement, mise en demeure
    // and its AR (errors), delivery against a consumer (warning).
    proof::check(case, pieces, out);
    proof::consumer_delivery(case, out);
    if step == Step::SmallClaims && step::small_claims_base(claim) > SMALL_CLAIMS_CEILING {
        out.push(
            rules::SMALL_CLAIMS_CEILING
                .report(format!(
                    "petites créances : {} en principal et intérêts dépasse le plafond de 5 000 € (art. R. 125-1 CPCE)",
                    euros(step::small_claims_base(claim))
                ))
                .field("procedure.type")
                .hint("choisissez « procedure.type: injonction_de_payer »"),
        );
    }
    if step == Step::Service
        && let Some(order) = &case.procedure.order
    {
        let deadline = step::service_deadline(order.date);
        if case.computed_on > deadline {
            out.push(
                rules::SERVICE_DEADLINE
                    .report(format!(
                        "ordonnance du {} : le délai de signification a expiré le {} — elle est non avenue",
                        date_fr(order.date),
                        date_fr(deadline)
                    ))
                    .field("procedure.ordonnance.date")
                    .hint("une nouvelle requête est nécessaire (art. 1411 CPC)"),
            );
        } else if case.computed_on + Days::new(31) > deadline {
            out.push(
                rules::SERVICE_DEADLINE_NEAR
                    .report(format!("ordonnance du {} : à signifier au plus tard le {}", date_fr(order.date), date_fr(deadline)))
                    .field("procedure.ordonnance.date")
                    .hint("transmettez le dossier au commissaire de justice sans attendre : passé ce délai, l'ordonnance est non avenue"),
            );
        }
    }
    let paper = case.procedure.filing_channel() == crate::case::model::Filing::Paper
        || court.is_some_and(|c| !c.is_commercial());
    if step == Step::PaymentOrder
        && paper
        && case.procedure.court.as_ref().is_none_or(|c| c.address.is_none())
        && let Some(c) = court
    {
        out.push(
            rules::REGISTRY_ADDRESS
                .report(format!("dépôt papier : adresse postale du greffe du {} absente, la lettre ne porte que la ville", c.name))
                .field("procedure.juridiction")
                .hint("indiquez « adresse: { lignes: [\"…\"], code_postal: \"…\", ville: … } » sous « procedure.juridiction » (adresse du greffe sur justice.fr), ou « depot: tribunal_digital » pour un dépôt en ligne au tribunal de commerce"),
        );
    }
    if let Some(c) = court
        && c.city_derived
        && step == Step::PaymentOrder
    {
        out.push(
            rules::COURT_CITY
                .report(format!("{} déduit de la ville du débiteur ({} {})", c.name, case.debtor.address.postcode, case.debtor.address.city))
                .field("procedure.juridiction")
                .hint("vérifiez sur justice.fr le tribunal dont relève cette commune et indiquez « procedure.juridiction.ville »"),
        );
    }
}
