//! What a user sees when a case file is wrong: every problem at once, each with its file, line,
//! column, field, cause and hint; exit code 1; nothing written.

use crate::support::{recouvre, root};

#[test]
fn four_problems_reported_at_once_with_their_places() {
    let out = recouvre()
        .current_dir(root())
        .args(["check", "tests/fixtures/invalid/quatre-problemes.yaml"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    let file = "tests/fixtures/invalid/quatre-problemes.yaml";
    for expected in [
        format!("{file}:2:1: erreur S004: debiteur : champ obligatoire manquant : « debiteur »"),
        format!(
            "{file}:17:15: erreur S002: factures[1].echeance : date impossible « 2026-02-30 » : ce jour n'existe pas"
        ),
        format!("{file}:18:17: erreur S002: factures[1].montant_ht : il faut un montant, pas une liste"),
        format!("{file}:21:5: erreur S003: factures[1].remise : champ inconnu « remise »"),
    ] {
        assert!(stderr.contains(&expected), "missing « {expected} » in:\n{stderr}");
    }
    assert!(stderr.contains("4 erreurs"), "{stderr}");
}

/// Each invalid fixture's whole diagnostic output, reviewed as a snapshot.
#[test]
fn invalid_fixtures_give_located_french_messages() {
    let dir = root().join("tests/fixtures/invalid");
    let mut fixtures: Vec<_> = std::fs::read_dir(&dir).expect("fixtures").flatten().map(|e| e.path()).collect();
    fixtures.sort();
    assert!(!fixtures.is_empty());
    for path in fixtures.iter().filter(|p| p.extension().is_some_and(|e| e == "yaml")) {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let relative = format!("tests/fixtures/invalid/{name}.yaml");
        let out = recouvre().current_dir(root()).args(["check", &relative]).output().expect("run");
        assert_eq!(out.status.code(), Some(1), "{name}: exit code");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        insta::assert_snapshot!(format!("invalid__{name}"), stderr);
    }
}

#[test]
fn valid_fixture_passes_check() {
    recouvre().current_dir(root()).args(["check", "tests/fixtures/valid/minimal.yaml"]).assert().success();
}
