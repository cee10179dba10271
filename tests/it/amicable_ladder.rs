//! Issue 13, point 7: before the mise en demeure, one document at a time — never a relance and
//! the mise en demeure in the same build — and each after the previous one's delay has run.
//! Every date rule is tested on its boundary days, through the binary.

use serde_json::Value;

use crate::legal_cases::{Run, Variant, sample_built};

fn outputs(run: &Run) -> Vec<String> {
    run.json["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["fichier_produit"].as_str().map(String::from))
        .collect()
}

fn on(date: &str, extra_reminder: Option<&str>) -> Run {
    let mut edits = vec![("date_calcul: 2026-11-23", format!("date_calcul: {date}"))];
    if let Some(reminder) = extra_reminder {
        edits.push(("    reponse: Aucune réponse\n", format!("    reponse: Aucune réponse\n{reminder}")));
    }
    let edits: Vec<(&str, &str)> = edits.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let run = Variant::of("relances-en-cours", &edits).plan(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    run
}

#[test]
fn the_sample_builds_relance_2_alone_and_plan_dates_the_notice() {
    let built = sample_built("relances-en-cours", &[]);
    let files = built.files();
    assert!(files.iter().any(|f| f.ends_with("relance-2.pdf")), "{files:?}");
    assert!(!files.iter().any(|f| f.contains("mise-en-demeure")), "no notice with the relance: {files:?}");
    let plan = on("2026-11-23", None);
    assert_eq!(plan.json["mise_en_demeure_a_partir_du"], Value::from("2026-12-08"));
    let next: Vec<&str> = plan.json["ensuite"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    assert!(next.iter().any(|n| n.contains("mise en demeure à partir du 8 décembre 2026")), "{next:?}");
}

#[test]
fn relance_2_from_fifteen_days_after_relance_1() {
    // Relance n° 1 by email on 20 October: relance n° 2 from 4 November.
    let before = on("2026-11-03", None);
    assert_eq!(before.json["etape"], "relance");
    assert_eq!(before.json["niveau_relance"], Value::Null);
    assert_eq!(before.json["prochaine_relance"], "2026-11-04");
    assert!(
        !outputs(&before).iter().any(|f| f.contains("relance-") || f.contains("mise-en-demeure")),
        "{:?}",
        outputs(&before)
    );

    let on_the_day = on("2026-11-04", None);
    assert_eq!(on_the_day.json["niveau_relance"], 2);
    assert!(outputs(&on_the_day).iter().any(|f| f.contains("relance-2")), "{:?}", outputs(&on_the_day));
    assert!(!outputs(&on_the_day).iter().any(|f| f.contains("mise-en-demeure")), "{:?}", outputs(&on_the_day));
}

const RELANCE_2: &str = "  - { date: 2026-11-23, canal: courrier, interlocuteur: M. Marc Aubert, resume: Relance n° 2 avec relevé de compte, reponse: Aucune réponse }\n";

#[test]
fn the_notice_alone_once_relance_2_delay_has_run() {
    // Relance n° 2 sent on 23 November: the mise en demeure from 8 December, alone.
    let before = on("2026-12-07", Some(RELANCE_2));
    assert_eq!(before.json["etape"], "relance");
    assert_eq!(before.json["mise_en_demeure_a_partir_du"], "2026-12-08");
    assert!(
        !outputs(&before).iter().any(|f| f.contains("relance-") || f.contains("mise-en-demeure")),
        "nothing to send while relance n° 2 runs: {:?}",
        outputs(&before)
    );

    let on_the_day = on("2026-12-08", Some(RELANCE_2));
    assert_eq!(on_the_day.json["etape"], "mise_en_demeure");
    assert_eq!(on_the_day.json["niveau_relance"], Value::Null);
    let files = outputs(&on_the_day);
    assert!(files.iter().any(|f| f.contains("mise-en-demeure")), "{files:?}");
    assert!(!files.iter().any(|f| f.contains("relance-")), "never with a relance: {files:?}");
}

#[test]
fn a_forced_notice_comes_without_the_relance_due() {
    let run = Variant::of("relances-en-cours", &[]).plan(&["--etape", "mise_en_demeure"]);
    let files = outputs(&run);
    assert!(files.iter().any(|f| f.contains("mise-en-demeure")), "{files:?}");
    assert!(!files.iter().any(|f| f.contains("relance-")), "{files:?}");
}

#[test]
fn a_court_asked_for_sends_the_notice_after_the_last_relance_delay() {
    // `procedure.type: injonction_de_payer`: no relance n° 2, but not before relance n° 1's delay.
    let edits = |date: &'static str| {
        [
            ("date_calcul: 2026-11-23", date),
            ("procedure:\n  juridiction:", "procedure:\n  type: injonction_de_payer\n  juridiction:"),
        ]
    };
    let before = Variant::of("relances-en-cours", &edits("date_calcul: 2026-11-03")).plan(&[]);
    assert_eq!(before.json["etape"], "relance");
    assert_eq!(before.json["mise_en_demeure_a_partir_du"], "2026-11-04");
    let after = Variant::of("relances-en-cours", &edits("date_calcul: 2026-11-04")).plan(&[]);
    assert_eq!(after.json["etape"], "mise_en_demeure");
    assert!(!outputs(&after).iter().any(|f| f.contains("relance-")), "{:?}", outputs(&after));
}

#[test]
fn relance_1_due_dates_no_notice_yet() {
    // Without its relance of 20 October, the sample owes relance n° 1 first: the mise en demeure
    // comes after relance n° 2, so the plan gives no date for it yet.
    let first = "relances:\n  - date: 2026-10-20\n    canal: email\n    interlocuteur: M. Marc Aubert\n    resume: Rappel amiable de la facture IL-2026-0931 échue\n    reponse: Aucune réponse\n";
    let run = Variant::of("relances-en-cours", &[(first, "")]).plan(&[]);
    assert_eq!(run.json["etape"], "relance", "{}", run.stderr);
    assert_eq!(run.json["niveau_relance"], 1);
    assert_eq!(run.json["mise_en_demeure_a_partir_du"], Value::Null);
    let next: Vec<&str> = run.json["ensuite"].as_array().expect("ensuite").iter().filter_map(Value::as_str).collect();
    assert!(
        next.contains(
            &"sans paiement, relance n° 2 à partir du 8 décembre 2026, une fois expiré le délai de 8 jours de celle-ci"
        ),
        "{next:?}"
    );
}
