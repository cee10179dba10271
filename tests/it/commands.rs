//! Every command, run once through the binary as a user types it: the date of « today », `init`,
//! `relance`, `schema`, `regles`, `plan` as text, `decompte` as JSON and as a table.

use crate::support::{TODAY_VAR, engine, pdf_text, recouvre, root, sample};

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
    assert_eq!(
        bad.status.code(),
        Some(1),
        "a malformed date is refused (exit code 1: 2 is a partial batch):\n{stderr}"
    );
    assert!(stderr.contains("date invalide « 31/12/2026 »") && stderr.contains("écrivez 2026-12-31"), "{stderr}");
}

#[test]
fn help_documents_the_fixed_today() {
    let help = recouvre().arg("--help").output().expect("run");
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("--aujourdhui <AAAA-MM-JJ>"), "{text}");
    assert!(text.contains("RECOUVRE_AUJOURDHUI"), "{text}");
}

fn stdout_of(args: &[&str]) -> String {
    let output = recouvre().current_dir(root()).args(args).output().expect("run recouvre");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "recouvre {args:?} failed:\n{stderr}");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The décompte as the library computes it for a sample, at the fixed « today ».
fn library_claim(name: &str) -> serde_json::Value {
    let prepared = recouvre::pipeline::prepare(
        engine(),
        &sample(name),
        crate::support::today(),
        None,
        &mut recouvre::pipeline::Timings::default(),
    )
    .expect("sample loads");
    recouvre::claim::to_json(&prepared.case, &prepared.claim)
}

#[test]
fn init_makes_a_folder_whose_only_errors_are_its_example_values() {
    let work = tempfile::tempdir().expect("tempdir");
    let dir = work.path().join("mon-dossier");
    let said = stdout_of(&["init", dir.to_str().expect("utf-8 path")]);
    assert!(said.contains("Dossier de départ créé"), "{said}");
    assert!(dir.join("case.schema.json").is_file() && dir.join("pieces/LISEZ-MOI.txt").is_file());
    // The starter loads and is understood; its example values are flagged until replaced (R047).
    let case = dir.join("case.yaml");
    let checked = recouvre().arg("check").arg(&case).output().expect("run");
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert_eq!(checked.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("R047") && stderr.contains("valeur d'exemple"), "{stderr}");
    let others: Vec<&str> = stderr.lines().filter(|l| l.contains(" erreur ") && !l.contains("R047")).collect();
    assert!(others.is_empty(), "only example values are refused: {others:#?}");
    let again = recouvre().arg("init").arg(&dir).output().expect("run");
    assert_eq!(again.status.code(), Some(1), "init refuses a folder that is not empty");
    assert!(String::from_utf8_lossy(&again.stderr).contains("n'est pas vide"));
}

#[test]
fn relance_writes_the_letter_of_the_level_asked() {
    let work = tempfile::tempdir().expect("tempdir");
    let case = sample("relances-en-cours");
    let out = work.path().to_str().expect("utf-8");
    stdout_of(&["relance", case.to_str().expect("utf-8"), "--niveau", "3", "-o", out]);
    let letters: Vec<_> = walkdir::WalkDir::new(work.path())
        .into_iter()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("relance-3"))
        .map(|e| e.into_path())
        .collect();
    assert_eq!(letters.len(), 1, "{letters:?}");
    let text = pdf_text(&letters[0]);
    let mentions = [
        "Objet : Dernier rappel avant mise en demeure — factures n° IL-2026-0931 et IL-2026-1015".to_string(),
        "Total réclamé 2 604,94 €".to_string(),
    ];
    crate::support::assert_mentions("recouvre relance --niveau 3", &text, &mentions);
    crate::support::assert_absent("recouvre relance --niveau 3", &text, &["vaut mise en demeure".to_string()]);
}

#[test]
fn schema_prints_the_committed_schema() {
    let printed = stdout_of(&["schema"]);
    let committed = std::fs::read_to_string(root().join("schemas/case.schema.json")).expect("schema file");
    assert!(printed == committed, "recouvre schema differs from schemas/case.schema.json");
    let value: serde_json::Value = serde_json::from_str(&printed).expect("valid JSON");
    assert!(value["properties"]["factures"].is_object(), "the schema describes « factures »");
}

#[test]
fn regles_lists_every_rule_with_its_level() {
    let printed = stdout_of(&["regles"]);
    let lines: Vec<&str> = printed.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), recouvre::rules::ALL.len(), "one line per rule:\n{printed}");
    for (line, rule) in lines.iter().zip(recouvre::rules::ALL) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let level = match rule.level {
            recouvre::diag::Level::Error => "erreur",
            recouvre::diag::Level::Warning => "avertissement",
        };
        assert_eq!(words.get(..2), Some(&[rule.code, level][..]), "{line}");
        assert!(line.ends_with(rule.title), "{line}");
    }
}

#[test]
fn plan_as_text_gives_step_court_documents_and_pieces() {
    let printed = stdout_of(&["plan", "samples/atelier-dupont/case.yaml"]);
    for expected in [
        "Montant dû au 23 novembre 2026 : 8 435,76 €",
        "Étape : requête en injonction de payer",
        "Juridiction : tribunal de commerce de Grenoble",
        "Documents produits (greffe) :",
        "01-requete-injonction-de-payer.pdf — Requête en injonction de payer",
        "n° 12 — Accusé de réception de la mise en demeure (reçue le 4 septembre 2026)",
    ] {
        assert!(printed.lines().any(|l| l.trim() == expected), "« {expected} » missing:\n{printed}");
    }
    assert!(!printed.contains("n° 13 "), "twelve pièces only:\n{printed}");
}

#[test]
fn decompte_json_and_table_agree_with_the_engine() {
    for name in crate::support::sample_names() {
        let case = format!("samples/{name}/case.yaml");
        let json: serde_json::Value =
            serde_json::from_str(&stdout_of(&["decompte", &case, "--format", "json"])).expect("JSON");
        assert_eq!(json, library_claim(&name), "{name}: decompte --format json is the engine's décompte");
        let totals = &json["totaux"];
        let amount = |key: &str| -> rust_decimal::Decimal {
            totals[key].as_str().unwrap_or_else(|| panic!("{name}: totaux.{key}")).parse().expect("amount")
        };
        assert_eq!(
            amount("total_du"),
            amount("principal_restant")
                + amount("interets")
                + amount("indemnites_forfaitaires")
                + amount("clause_penale"),
            "{name}: total = principal + interest + indemnities + clause"
        );
        let table = stdout_of(&["decompte", &case]);
        let total = recouvre::format::euros(amount("total_du"));
        let last = table.lines().find(|l| l.trim_start().starts_with("TOTAL DÛ")).unwrap_or_default();
        assert!(last.ends_with(&total), "{name}: table total « {last} », expected {total}\n{table}");
    }
}
