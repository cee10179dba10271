//! One language for the user (issue 12, What 9), through the binary: help, usage and argument
//! errors in French with exit code 1; a bare `recouvre` prints help; every argument described;
//! YAML syntax errors in French with their place; `check DOSSIER`; hints giving the right
//! spelling of a date, an amount, a file name.

use std::path::Path;

use crate::support::{recouvre, root, sample};

/// Words clap or the YAML parser would print in English.
const ENGLISH: [&str; 14] = [
    "Usage:",
    "Commands:",
    "Options:",
    "Arguments:",
    "Print help",
    "Print version",
    "[default:",
    "possible values",
    "[env:",
    "error:",
    "For more information",
    "while parsing",
    "did not find",
    "[aliases",
];

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = recouvre().current_dir(root()).args(args).output().expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_french(what: &str, text: &str) {
    let english: Vec<&&str> = ENGLISH.iter().filter(|w| text.contains(**w)).collect();
    assert!(english.is_empty(), "{what}: English {english:?} in\n{text}");
}

/// Every command path: `[]`, `["build"]`, `["import", "balance"]`…
fn command_paths(command: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    for sub in command.get_subcommands() {
        let mut path = prefix.clone();
        path.push(sub.get_name().to_string());
        command_paths(sub, path, out);
    }
}

#[test]
fn every_help_is_french_and_every_argument_is_described() {
    let command = recouvre::cli::command();
    let mut paths = Vec::new();
    command_paths(&command, Vec::new(), &mut paths);
    assert!(paths.len() >= 16, "{paths:?}");
    for path in &paths {
        for flag in ["-h", "--help"] {
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.push(flag);
            let (code, stdout, stderr) = run(&args);
            assert_eq!(code, Some(0), "{args:?}: {stderr}");
            assert!(stdout.contains("Utilisation : recouvre"), "{args:?}:\n{stdout}");
            assert_french(&format!("{args:?}"), &stdout);
        }
    }
    // Described: every argument and option of every command, every command.
    let mut missing = Vec::new();
    fn walk(command: &clap::Command, name: &str, missing: &mut Vec<String>) {
        if command.get_about().is_none() {
            missing.push(format!("{name} (la commande)"));
        }
        for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
            if arg.get_help().is_none_or(|h| h.to_string().trim().is_empty()) {
                missing.push(format!("{name} {}", arg.get_id()));
            }
        }
        for sub in command.get_subcommands() {
            walk(sub, &format!("{name} {}", sub.get_name()), missing);
        }
    }
    walk(&command, "recouvre", &mut missing);
    assert!(missing.is_empty(), "sans description : {missing:#?}");
}

#[test]
fn a_bare_recouvre_prints_help_and_argument_errors_are_french_with_exit_code_one() {
    let (code, stdout, _) = run(&[]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("Utilisation : recouvre") && stdout.contains("Commandes :"), "{stdout}");

    let cases: [(&[&str], &[&str]); 5] = [
        (&["buld", "x"], &["commande inconnue « buld »", "vouliez-vous dire « build »"]),
        (&["build"], &["argument obligatoire absent : <CAS>", "Utilisation : recouvre build"]),
        (
            &["check", "--format", "xml", "x"],
            &["valeur « xml » invalide pour « --format", "valeurs possibles : texte, json"],
        ),
        (&["build", "--etap", "relance", "x"], &["option ou argument inattendu « --etap »", "« --etape »"]),
        (&["decompte", "x", "--au", "14/08/2026"], &["date invalide « 14/08/2026 »", "écrivez 2026-08-14"]),
    ];
    for (args, expected) in cases {
        let (code, _, stderr) = run(args);
        assert_eq!(code, Some(1), "{args:?}: exit code 1 (2 means a partial batch):\n{stderr}");
        for e in expected {
            assert!(stderr.contains(e), "{args:?}: « {e} » expected in\n{stderr}");
        }
        assert!(stderr.starts_with("erreur : "), "{stderr}");
        assert_french(&format!("{args:?}"), &stderr);
    }
}

fn check_text(dir: &Path, text: &str) -> String {
    std::fs::write(dir.join("case.yaml"), text).expect("write");
    let (code, _, stderr) = run(&["check", dir.to_str().expect("utf-8")]);
    assert_eq!(code, Some(1), "{text}\n{stderr}");
    stderr
}

#[test]
fn yaml_syntax_errors_are_french_with_their_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        ("version: 1\nreference: X\n  creancier: a\n", "case.yaml:3:12", "deux-points inattendu"),
        ("version: 1\nreference: \"X\n", "case.yaml:2:12", "guillemet ouvert mais jamais fermé"),
        ("version: 1\nreference: X\nx: {a: 1\n", "case.yaml:3:4", "accolade « { » jamais fermée"),
        ("version: 1\n- a\n", "case.yaml:2:", "ligne mal alignée"),
        ("version: 1\nfactures:\n  - a: 1\n   - b: 2\n", "case.yaml:4:", "liste mal indentée"),
        ("version: 1\nreference: @x\n", "case.yaml:2:12", "caractère qui ne peut pas commencer une valeur"),
    ];
    for (text, place, message) in cases {
        let stderr = check_text(dir.path(), text);
        assert!(stderr.contains(place) && stderr.contains("S001") && stderr.contains(message), "{text}\n{stderr}");
        assert!(stderr.contains("aide : "), "{stderr}");
        assert_french(text, &stderr);
        assert!(!stderr.contains(" at line "), "{stderr}");
    }
}

#[test]
fn check_takes_a_case_folder() {
    let folder = sample("atelier-dupont");
    let folder = folder.parent().expect("folder");
    let (code, stdout, stderr) = run(&["check", folder.to_str().expect("utf-8")]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("case.yaml : dossier valide"), "{stdout}");
}

#[test]
fn a_date_an_amount_or_a_file_name_misspelt_gets_the_right_spelling() {
    let dir = tempfile::tempdir().expect("tempdir");
    let base = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.yaml")).expect("fixture");
    let stderr = check_text(dir.path(), &base.replace("echeance: 2026-10-01", "echeance: 14/08/2026"));
    assert!(stderr.contains("factures[1].echeance") && stderr.contains("écrivez 2026-08-14"), "{stderr}");
    let stderr = check_text(dir.path(), &base.replace("montant_ht: \"100.00\"", "montant_ht: \"1 234,56\""));
    assert!(stderr.contains("factures[1].montant_ht") && stderr.contains("écrivez \"1234.56\""), "{stderr}");

    std::fs::create_dir_all(dir.path().join("pieces")).expect("mkdir");
    std::fs::copy(
        root().join("samples/atelier-dupont/pieces/F-2026-0042.pdf"),
        dir.path().join("pieces/Facture-F1.pdf"),
    )
    .expect("copy");
    for written in ["pieces/facture-f1.pdf", "pieces\\\\Facture-F1.pdf"] {
        let text = base.replace(
            "    montant_ttc: \"120.00\"",
            &format!("    montant_ttc: \"120.00\"\n    fichier: \"{written}\""),
        );
        let stderr = check_text(dir.path(), &text);
        assert!(
            stderr.contains("fichier introuvable") && stderr.contains("le fichier « pieces/Facture-F1.pdf » existe"),
            "{written}: {stderr}"
        );
    }
}

fn keys(value: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.insert(k.clone());
                keys(v, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn plan_and_check_json_keys_are_french() {
    // Every key `plan --format json` and `check --format json` print, over every sample.
    const FRENCH: [&str; 63] = [
        "adresse_a",
        "aide",
        "article",
        "avocat_obligatoire",
        "chambre_commerciale",
        "champ",
        "chemin",
        "code",
        "colonne",
        "consignation_avant_le",
        "date",
        "dates",
        "decompte_arrete_au",
        "depot_possible_a_partir_du",
        "depuis",
        "destinataire",
        "documents",
        "dossier_complet",
        "ensuite",
        "etape",
        "etat",
        "execution_a_partir_du",
        "exigible_a_partir_du",
        "facture",
        "fichier",
        "fichier_produit",
        "juridiction",
        "jusqu_au",
        "libelle_etape",
        "ligne",
        "majoration_a_partir_du",
        "message",
        "mise_en_demeure_a_partir_du",
        "motif",
        "motifs",
        "nature",
        "niveau",
        "niveau_relance",
        "nom",
        "numero",
        "opposition_jusqu_au",
        "pieces",
        "pieces_non_communiquees",
        "procedure_orale",
        "prochaine_relance",
        "quoi",
        "raisons",
        "refere",
        "regle",
        "relance",
        "representation",
        "sha256",
        "signifiee_le",
        "signifier_avant_le",
        "source",
        "suspension",
        "tentative_amiable",
        "titre",
        "titre_executoire",
        "type",
        "ville",
        "ville_deduite",
        "voie",
    ];
    let mut seen = std::collections::BTreeSet::new();
    for name in crate::support::sample_names() {
        let (code, stdout, stderr) = run(&["plan", sample(&name).to_str().expect("utf-8"), "--format", "json"]);
        assert_eq!(code, Some(0), "{name}: {stderr}");
        let plan: serde_json::Value = serde_json::from_str(&stdout).expect("plan JSON");
        assert!(plan["etape"].is_string() && plan["documents"][0]["fichier_produit"].is_string(), "{plan:#}");
        keys(&plan, &mut seen);
    }
    let (_, stdout, _) = run(&["check", "tests/fixtures/rules/R032.yaml", "--format", "json"]);
    let check: serde_json::Value = serde_json::from_str(&stdout).expect("check JSON");
    let r032 = check.as_array().expect("list").iter().find(|d| d["code"] == "R032").expect("R032");
    assert_eq!(
        (r032["niveau"].as_str(), r032["champ"].as_str(), r032["ligne"].as_u64()),
        (Some("avertissement"), Some("date_calcul"), Some(4))
    );
    keys(&check, &mut seen);
    let english: Vec<&String> = seen.iter().filter(|k| !FRENCH.contains(&k.as_str())).collect();
    assert!(english.is_empty(), "keys not in French: {english:?}");
}

#[test]
fn manifest_roles_are_french() {
    let outcome = crate::support::built("atelier-dupont", &[]);
    let roles: Vec<&str> = outcome.files.iter().map(|f| f.role.as_str()).collect();
    assert!(roles.contains(&"piece_facture") && roles.contains(&"piece_mise_en_demeure"), "{roles:?}");
    let english = ["invoice", "formal_notice", "receipt", "contract", "delivery_note", "reminder", "statement"];
    for role in &roles {
        assert!(!english.iter().any(|e| role.contains(e)), "role in English: {role} in {roles:?}");
    }
}
