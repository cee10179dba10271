//! The step logic at every transition of the ladder, including the days at its boundaries.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use recouvre::pipeline::{Timings, plan_for, prepare};
use recouvre::plan::{Plan, Step};

use crate::support::{engine, request, root, sample_names, today};

fn d(text: &str) -> NaiveDate {
    text.parse().expect("date")
}

/// A copy of a sample folder (case file and pièces) whose case file `edit` rewrites.
struct Variant {
    dir: tempfile::TempDir,
}

impl Variant {
    fn of(sample: &str, edit: impl FnOnce(String) -> String) -> Self {
        let dir = crate::support::copy_sample(sample);
        let case = dir.path().join("case.yaml");
        let text = std::fs::read_to_string(&case).expect("read case");
        std::fs::write(&case, edit(text)).expect("write case");
        Self { dir }
    }

    /// The same sample computed on another day.
    fn on(sample: &str, date: &str) -> Self {
        Self::of(sample, |text| {
            assert!(text.contains("date_calcul: 2026-11-23"), "{sample} is computed on 2026-11-23");
            text.replace("date_calcul: 2026-11-23", &format!("date_calcul: {date}"))
        })
    }

    fn case(&self) -> PathBuf {
        self.dir.path().join("case.yaml")
    }

    fn plan(&self, args: &[&str]) -> Plan {
        plan_of(&self.case(), args)
    }
}

fn plan_of(case: &Path, args: &[&str]) -> Plan {
    let out = tempfile::tempdir().expect("tempdir");
    let request = request(case, out.path(), args);
    let prepared = prepare(engine(), case, today(), None, &mut Timings::default())
        .unwrap_or_else(|e| panic!("{} does not load: {e:?}", case.display()));
    plan_for(&prepared, &request)
}

fn codes(plan: &Plan) -> Vec<&'static str> {
    plan.diagnostics.iter().filter_map(|d| d.code).collect()
}

fn document_files(plan: &Plan) -> Vec<String> {
    plan.documents.iter().map(|d| d.output.clone()).collect()
}

#[test]
fn waiting_until_the_deadline_day_then_court_the_day_after() {
    // Received 18 November with 8 days: the debtor may pay until 26 November inclusive.
    let last_day = Variant::on("attente-delai", "2026-11-26").plan(&[]);
    assert_eq!(last_day.step, Step::Waiting);
    assert_eq!(last_day.filing_from, Some(d("2026-11-27")));
    assert!(!document_files(&last_day).iter().any(|f| f.contains("requete")), "no requête while waiting");
    assert!(last_day.next.iter().any(|n| n.contains("27 novembre 2026")), "says when to file: {:?}", last_day.next);

    let first_day = Variant::on("attente-delai", "2026-11-27").plan(&[]);
    assert_eq!(first_day.step, Step::PaymentOrder);
    assert!(document_files(&first_day).iter().any(|f| f.contains("requete")), "{:?}", document_files(&first_day));
    assert!(!codes(&first_day).contains(&"R028"), "{:?}", codes(&first_day));
}

#[test]
fn forcing_the_court_before_the_deadline_is_an_error() {
    let plan = Variant::on("attente-delai", "2026-11-26").plan(&["--etape", "injonction_de_payer"]);
    assert_eq!(plan.step, Step::PaymentOrder);
    assert!(codes(&plan).contains(&"R028"), "filing too early: {:?}", codes(&plan));
}

#[test]
fn receipt_unknown_counts_from_the_sending_date() {
    let variant = Variant::of("attente-delai", |t| {
        t.replace("  date_reception: 2026-11-18\n", "").replace("date_calcul: 2026-11-23", "date_calcul: 2026-11-24")
    });
    let plan = variant.plan(&[]);
    // Sent 16 November + 8 days = 24 November: still waiting that day.
    assert_eq!(plan.step, Step::Waiting);
    assert_eq!(plan.filing_from, Some(d("2026-11-25")));
}

#[test]
fn without_notice_the_next_relance_alone_then_the_notice() {
    // One written relance on 20 October, no answer: relance n° 2 is due, and only it.
    let plan = Variant::on("relances-en-cours", "2026-11-23").plan(&[]);
    assert_eq!(plan.step, Step::Reminder);
    assert_eq!(plan.reminder_level, Some(2), "a relance is due");
    let files = document_files(&plan);
    assert!(files.iter().any(|f| f.contains("relance-2")), "{files:?}");
    assert!(!files.iter().any(|f| f.contains("mise-en-demeure")), "never with the relance: {files:?}");
    assert!(!files.iter().any(|f| f.contains("requete")), "{files:?}");
    assert_eq!(plan.notice_from, Some(d("2026-12-08")), "the notice once this relance's delay has run");
}

#[test]
fn first_relance_is_due_five_days_after_the_first_due_date() {
    // One invoice due 1 October, no reminder yet, only amicable recovery wanted.
    let variant = |date: &str| {
        let date = date.to_string();
        Variant::of("attente-delai", move |t| {
            let start = t.find("relances:").expect("relances");
            let mut t = t[..start].to_string();
            t.push_str("procedure:\n  type: relance\n");
            t.replace("date_calcul: 2026-11-23", &format!("date_calcul: {date}"))
        })
    };
    let before = variant("2026-10-05").plan(&[]);
    assert_eq!(before.step, Step::Reminder);
    assert_eq!(before.reminder_level, None);
    assert_eq!(before.next_reminder, Some(d("2026-10-06")));

    let on_the_day = variant("2026-10-06").plan(&[]);
    assert_eq!(on_the_day.step, Step::Reminder);
    assert_eq!(on_the_day.reminder_level, Some(1));
}

#[test]
fn petites_creances_when_asked_and_under_the_ceiling() {
    let plan = Variant::on("petites-creances", "2026-11-23").plan(&[]);
    assert_eq!(plan.step, Step::SmallClaims);
    assert!(plan.documents.iter().any(|doc| doc.output.contains("petites-creances")), "{:?}", document_files(&plan));
    assert!(!codes(&plan).iter().any(|c| c.starts_with("R02")), "{:?}", codes(&plan));
}

#[test]
fn petites_creances_above_the_ceiling_is_an_error() {
    let big = Variant::of("atelier-dupont", |t| {
        t.replace("procedure:\n  type: injonction_de_payer", "procedure:\n  type: petites_creances")
    });
    let prepared = prepare(engine(), &big.case(), today(), None, &mut Timings::default()).expect("loads");
    assert!(prepared.claim.totals.total_due > recouvre::plan::SMALL_CLAIMS_CEILING, "the sample is above the ceiling");
    let plan = big.plan(&[]);
    assert_eq!(plan.step, Step::SmallClaims);
    assert!(codes(&plan).contains(&"R029"), "ceiling exceeded: {:?}", codes(&plan));
}

#[test]
fn court_without_notice_is_refused() {
    let plan = Variant::on("relances-en-cours", "2026-11-23").plan(&["--etape", "injonction_de_payer"]);
    assert!(codes(&plan).contains(&"R033"), "{:?}", codes(&plan));
}

#[test]
fn commercial_debtor_goes_to_the_commercial_court_and_consumer_to_the_judicial_one() {
    let commercial = Variant::on("atelier-dupont", "2026-11-23").plan(&[]);
    assert_eq!(commercial.step, Step::PaymentOrder);
    let court = commercial.court.expect("court");
    assert_eq!(court.name, "tribunal de commerce de Grenoble");

    let consumer = Variant::of("consommateur-tj", |t| t).plan(&[]);
    assert_eq!(consumer.step, Step::PaymentOrder);
    let court = consumer.court.expect("court");
    assert_eq!(court.name, "tribunal judiciaire d'Annecy");
    assert!(court.reasons.iter().any(|r| r.contains("tribunal d'Annecy indiqué")), "{:?}", court.reasons);
}

#[test]
fn ordonnance_is_served_within_three_months_since_september_2026() {
    // Ordonnance of 15 October 2026: to serve by 15 January 2027.
    let relaxed = Variant::on("signification", "2026-12-14").plan(&[]);
    assert_eq!(relaxed.step, Step::Service);
    assert!(!codes(&relaxed).contains(&"R040") && !codes(&relaxed).contains(&"R039"), "{:?}", codes(&relaxed));

    // The last day without the one-month warning: one month before the deadline, exclusive.
    let last_quiet = Variant::on("signification", "2026-12-15").plan(&[]);
    assert!(!codes(&last_quiet).contains(&"R040"), "{:?}", codes(&last_quiet));

    let near = Variant::on("signification", "2026-12-16").plan(&[]);
    assert!(codes(&near).contains(&"R040"), "{:?}", codes(&near));

    let last_day = Variant::on("signification", "2027-01-15").plan(&[]);
    assert!(!codes(&last_day).contains(&"R039"), "{:?}", codes(&last_day));

    let late = Variant::on("signification", "2027-01-16").plan(&[]);
    assert!(codes(&late).contains(&"R039"), "{:?}", codes(&late));
}

#[test]
fn commissaire_destination_needs_an_ordonnance_or_small_claims() {
    let plan = Variant::on("atelier-dupont", "2026-11-23").plan(&["--pour", "commissaire"]);
    assert!(codes(&plan).contains(&"R033"), "{:?}", codes(&plan));
    let served = Variant::on("signification", "2026-11-23").plan(&["--pour", "commissaire"]);
    assert_eq!(served.step, Step::Service);
    assert_eq!(served.recipient, "commissaire de justice");
    let greffe = Variant::on("atelier-dupont", "2026-11-23").plan(&["--pour", "greffe"]);
    assert!(!codes(&greffe).contains(&"R033"), "{:?}", codes(&greffe));
    assert_eq!(greffe.recipient, "greffe");
    // Petites créances: the commissaire de justice is who the demand goes to.
    let small = Variant::on("petites-creances", "2026-11-23").plan(&["--pour", "commissaire"]);
    assert!(!codes(&small).contains(&"R033"), "{:?}", codes(&small));
    assert_eq!((small.step, small.recipient), (Step::SmallClaims, "commissaire de justice"));
    // A référé-provision: the assignation goes to the commissaire de justice too.
    let summons = Variant::on("refere-tc", "2026-11-23").plan(&["--pour", "commissaire"]);
    assert!(!codes(&summons).contains(&"R033"), "{:?}", codes(&summons));
    assert_eq!(summons.step, Step::InterimPayment);
    // No procédure collective: nothing for a mandataire.
    let trustee = Variant::on("atelier-dupont", "2026-11-23").plan(&["--pour", "mandataire"]);
    assert!(codes(&trustee).contains(&"S004"), "{:?}", codes(&trustee));
}

#[test]
fn a_requete_filed_through_tribunal_digital_needs_no_registry_address() {
    // The main sample: tribunal de commerce, `depot: tribunal_digital`, no address of the greffe.
    let plan = Variant::on("atelier-dupont", "2026-11-23").plan(&[]);
    assert_eq!(plan.step, Step::PaymentOrder);
    assert!(!codes(&plan).contains(&"R051"), "{:?}", codes(&plan));
}

#[test]
fn a_relance_forced_with_etape_does_not_date_the_notice() {
    // Relance n° 2 due on 23 November: the plan dates the mise en demeure 15 days after it; a
    // relance asked for with --etape is outside the ladder, so no date is given from it.
    let ladder = Variant::on("relances-en-cours", "2026-11-23").plan(&[]);
    assert_eq!((ladder.reminder_level, ladder.notice_from), (Some(2), Some(d("2026-12-08"))));
    let forced = Variant::on("relances-en-cours", "2026-11-23").plan(&["--etape", "relance"]);
    assert_eq!((forced.reminder_level, forced.notice_from), (Some(2), None));
}

#[test]
fn a_case_kept_amicable_waits_once_the_notice_has_expired() {
    // `procedure.type: relance` after a mise en demeure whose delay has run: no step back to the
    // relances, no court either; only the décompte and the history.
    let plan =
        Variant::of("atelier-dupont", |text| text.replacen("  type: injonction_de_payer\n", "  type: relance\n", 1))
            .plan(&[]);
    assert_eq!(plan.step, Step::Waiting);
    assert!(
        plan.reasons
            .iter()
            .any(|r| r == "procedure.type demande de rester à l'étape amiable : aucune procédure n'est engagée"),
        "{:?}",
        plan.reasons
    );
}

#[test]
fn plan_json_of_every_sample_is_stable() {
    for sample in sample_names() {
        let plan = plan_of(&root().join("samples").join(&sample).join("case.yaml"), &[]);
        // As `plan --format json` prints it (French keys).
        let mut json = recouvre::cli::json_fr::plan(&plan);
        // Pièce sources name absolute paths on this machine: keep only what is stable.
        if let Some(pieces) = json.get_mut("pieces").and_then(|p| p.as_array_mut()) {
            for piece in pieces {
                if let Some(obj) = piece.as_object_mut() {
                    obj.remove("source");
                }
            }
        }
        insta::assert_json_snapshot!(format!("plan-{sample}"), json);
    }
}
