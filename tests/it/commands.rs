//! Every command, run once through the binary as a user types it: the date of « today », `init`,
//! `relance`, `schema`, `regles`, `plan` as text, `decompte` as JSON and as a table.

use crate::support::{TODAY_VAR, recouvre, root};

/// A case without `date_calcul` is computed at « today »: the one given, never the clock.
#[test]
fn today_comes_from_the_option_or_the_environment() {
    let case = root().join("tests/fixtures/rules/R036.yaml");
    let by_env = recouvre().env(TODAY_VAR, "2026-12-31").arg("check").arg(&case).output().expect("run");
    let stderr = String::from_utf8_lossy(&by_env.stderr);
    assert!(stderr.contains("calcul au 2026-12-31"), "RECOUVRE_AUJOURDHUI not honoured:\n{stderr}");

    let by_option =
        recouvre().env(TODAY_VAR, "2026-12-31").args(["check", "--aujourdhui", "2026-12-15"]).arg(&case).output();
    let stderr = String::from_utf8_lossy(&by_option.expect("run").stderr).into_owned();
    assert!(stderr.contains("calcul au 2026-12-15"), "--aujourdhui must win over the environment:\n{stderr}");

    let bad = recouvre().env(TODAY_VAR, "31/12/2026").arg("check").arg(&case).output().expect("run");
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(2), "a malformed date is refused:\n{stderr}");
    assert!(stderr.contains("date invalide « 31/12/2026 » : écrivez AAAA-MM-JJ"), "{stderr}");
}

#[test]
fn help_documents_the_fixed_today() {
    let help = recouvre().arg("--help").output().expect("run");
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("--aujourdhui <AAAA-MM-JJ>"), "{text}");
    assert!(text.contains("RECOUVRE_AUJOURDHUI"), "{text}");
}
