//! A folder of cases: built in parallel, failures isolated and reported, unchanged cases skipped,
//! shares that together cover every case once.

use std::path::Path;

use recouvre::batch::Report;

use crate::support::{recouvre, root};

/// Twelve cases from the minimal fixture, the 4th and 9th broken.
fn twelve_cases(dir: &Path) {
    let base = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.yaml")).expect("fixture");
    for i in 1..=12 {
        let folder = dir.join(format!("client-{i:02}"));
        std::fs::create_dir_all(&folder).expect("mkdir");
        let mut text = base.replace("reference: TEST-001", &format!("reference: LOT-{i:02}"));
        if i == 4 {
            text = text.replace("echeance: 2026-10-01", "echeance: 2026-10-32");
        }
        if i == 9 {
            text = text.replace("reference: LOT-09\n", "");
        }
        std::fs::write(folder.join("case.yaml"), text).expect("write");
    }
}

fn report(out: &Path) -> Report {
    Report::read(&out.join("batch-report.json")).expect("report")
}

#[test]
fn failures_are_isolated_reported_and_unchanged_cases_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    twelve_cases(dir.path());
    let out = dir.path().join("sortie");
    let run = recouvre().arg("batch").arg(dir.path()).arg("-o").arg(&out).args(["--jobs", "2"]).output().expect("run");
    assert_eq!(run.status.code(), Some(2), "some failed → exit code 2");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.lines().any(|l| l.starts_with("[ 1/12]")), "plain progress lines when not a terminal:\n{stderr}");

    let first = report(&out);
    assert_eq!((first.total, first.construits, first.echecs), (12, 10, 2));
    let failed: Vec<&str> =
        first.dossiers.iter().filter(|l| !l.erreurs.is_empty()).map(|l| l.dossier.as_str()).collect();
    assert_eq!(failed, ["client-04/case.yaml", "client-09/case.yaml"]);
    let bad_date = &first.dossiers[3].erreurs[0];
    assert!(
        bad_date.contains("client-04/case.yaml:")
            && bad_date.contains("factures[1].echeance")
            && bad_date.contains("2026-10-32"),
        "{bad_date}"
    );
    assert!(first.dossiers[8].erreurs[0].contains("reference"), "{:?}", first.dossiers[8].erreurs);
    for i in [1, 2, 3, 5, 12] {
        let dir = crate::support::latest_build(&out, &format!("LOT-{i:02}"));
        assert!(dir.join("manifest.json").exists(), "{}", dir.display());
    }
    assert!(std::fs::read_to_string(out.join("batch-report.csv")).expect("csv").lines().count() == 13);

    let again = recouvre().arg("batch").arg(dir.path()).arg("-o").arg(&out).output().expect("run");
    assert_eq!(again.status.code(), Some(2));
    let second = report(&out);
    assert_eq!((second.a_jour, second.construits, second.echecs), (10, 0, 2), "unchanged cases are skipped");

    let forced = recouvre().arg("batch").arg(dir.path()).arg("-o").arg(&out).arg("--force").output().expect("run");
    assert_eq!(forced.status.code(), Some(2));
    assert_eq!(report(&out).construits, 10, "--force rebuilds");
    // … into the same folder: one build per case in the archive.
    let builds = std::fs::read_dir(out.join("LOT-01")).expect("read").flatten().filter(|e| e.path().is_dir()).count();
    assert_eq!(builds, 1, "--force replaced the build of the same date and step");
}

#[test]
fn shards_cover_every_case_exactly_once_and_merge() {
    let dir = tempfile::tempdir().expect("tempdir");
    twelve_cases(dir.path());
    let mut seen = Vec::new();
    for k in 1..=2 {
        let out = dir.path().join(format!("part-{k}"));
        recouvre()
            .arg("batch")
            .arg(dir.path())
            .arg("-o")
            .arg(&out)
            .args(["--shard", &format!("{k}/2")])
            .output()
            .expect("run");
        seen.extend(report(&out).dossiers.into_iter().map(|l| l.dossier));
    }
    seen.sort();
    let expected: Vec<String> = (1..=12).map(|i| format!("client-{i:02}/case.yaml")).collect();
    assert_eq!(seen, expected);

    let merged = dir.path().join("fusion");
    recouvre()
        .args(["batch-report", "merge"])
        .arg(dir.path().join("part-1/batch-report.json"))
        .arg(dir.path().join("part-2/batch-report.json"))
        .arg("-o")
        .arg(&merged)
        .assert()
        .code(2);
    let all = report(&merged);
    assert_eq!((all.total, all.echecs), (12, 2));
    assert_eq!(all.parts, ["1/2", "2/2"]);
}

#[test]
fn nothing_to_do_is_exit_code_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    recouvre().arg("batch").arg(dir.path()).arg("-o").arg(dir.path().join("out")).assert().code(1);
}

#[test]
fn a_yaml_file_left_out_is_listed_with_its_reason_and_a_warning_for_all_is_said_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = dir.path().join("clients");
    let base = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.yaml")).expect("fixture");
    for i in 1..=2 {
        let folder = cases.join(format!("c{i}"));
        std::fs::create_dir_all(&folder).expect("mkdir");
        std::fs::write(folder.join("case.yaml"), base.replace("reference: TEST-001", &format!("reference: UN-{i}")))
            .expect("write");
    }
    // `version:` moved below `reference:`: not taken as a case.
    let moved = base.replace("version: 1\n", "").replace("reference: TEST-001", "reference: UN-3\nversion: 1");
    std::fs::create_dir_all(cases.join("c3")).expect("mkdir");
    std::fs::write(cases.join("c3/case.yaml"), moved).expect("write");
    // A YAML file that is no case at all is not listed.
    std::fs::write(cases.join("c1/taux.yaml"), "taux: []\n").expect("write");

    let out = dir.path().join("sortie");
    let run = recouvre().arg("batch").arg(&cases).arg("-o").arg(&out).output().expect("run");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("Fichiers YAML ignorés (1)")
            && stderr.contains("c3/case.yaml : « version: » est à la ligne 4, pas en premier"),
        "{stderr}"
    );
    assert!(!stderr.contains("taux.yaml"), "{stderr}");
    assert_eq!(stderr.matches("R032").count(), 1, "the rate tables' age said once:\n{stderr}");
    assert!(stderr.contains("--taux taux.csv"), "a fix that works: {stderr}");

    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("batch-report.json")).expect("json")).expect("JSON");
    assert_eq!(report["ignores"][0]["fichier"], "c3/case.yaml");
    assert_eq!(report["avertissements_communs"].as_array().map(Vec::len), Some(1), "{report:#}");
    for line in report["dossiers"].as_array().expect("dossiers") {
        let warnings = line["avertissements"].to_string();
        assert!(!warnings.contains("R032") && !warnings.contains("taux BCE"), "not repeated on each case: {warnings}");
    }
    let csv = std::fs::read_to_string(out.join("batch-report.csv")).expect("csv");
    assert!(csv.lines().any(|l| l.starts_with("c3/case.yaml;;ignoré;")), "{csv}");
    assert!(!csv.contains("taux BCE"), "{csv}");

    // The fix the message gives silences it.
    let rates = dir.path().join("taux.csv");
    std::fs::write(&rates, "# verifie_jusqu_au: 2026-11-23\n").expect("write");
    let run = recouvre().arg("batch").arg(&cases).arg("-o").arg(&out).arg("--taux").arg(&rates).output().expect("run");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success() && !stderr.contains("R032"), "{stderr}");
}
