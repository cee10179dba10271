//! The JSON Schema stays what the types generate; samples point editors at it; data never runs
//! as Typst code.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use recouvre::plan::DocKind;
use serde_json::Value;

use crate::support::{copy_sample, engine, pdf_text, request, root, sample, sample_names, squash};

#[test]
fn committed_schema_matches_the_types() {
    let committed = std::fs::read_to_string(root().join("schemas/case.schema.json")).expect("schemas/case.schema.json");
    let generated = recouvre::case::schema::case_schema_text();
    assert!(
        committed == generated,
        "schemas/case.schema.json is out of date: run `cargo run -- schema > schemas/case.schema.json`"
    );
}

#[test]
fn committed_template_data_schema_matches_the_types() {
    let path = root().join(recouvre::render::data::schema::SCHEMA_PATH);
    let committed = std::fs::read_to_string(&path).expect("schemas/template-data.schema.json");
    let generated = recouvre::render::data::schema::schema_text();
    assert!(
        committed == generated,
        "schemas/template-data.schema.json is out of date: run \
         `target/debug/recouvre schema --donnees > schemas/template-data.schema.json`"
    );
}

/// `--donnees` of one build, or none when a forced step does not apply to the case.
fn template_data(case: &Path, args: &[&str], out: &Path) -> Option<Value> {
    let dump = out.join("donnees.json");
    let mut req = request(case, &out.join("sortie"), args);
    req.data_dump = Some(dump.clone());
    match recouvre::pipeline::build(engine(), &req) {
        Ok(_) => {}
        Err(_) if !args.is_empty() => return None,
        Err(e) => panic!("{}: {e}", case.display()),
    }
    Some(serde_json::from_slice(&std::fs::read(&dump).expect("--donnees written")).expect("JSON"))
}

/// A sample with some of its text replaced, to reach a template no sample shows as it is.
fn variant(name: &str, from: &str, to: &str, keep: &mut Vec<tempfile::TempDir>) -> PathBuf {
    let dir = copy_sample(name);
    let case = dir.path().join("case.yaml");
    let text = std::fs::read_to_string(&case).expect("case");
    assert!(text.contains(from), "{name}: « {from} » not found");
    std::fs::write(&case, text.replacen(from, to, 1)).expect("write");
    keep.push(dir);
    case
}

/// What every template receives validates against the committed schema, which admits no field it
/// does not list: every sample at its own step, as a relance and as a mise en demeure, and two
/// variants for the certificat request and the relevé standing in for a delivery note.
#[test]
fn every_templates_data_validates_against_the_committed_schema() {
    let path = root().join(recouvre::render::data::schema::SCHEMA_PATH);
    let schema: Value = serde_json::from_slice(&std::fs::read(path).expect("schema")).expect("JSON");
    let validator = jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema");
    let mut keep = Vec::new();
    let mut cases: Vec<(PathBuf, Vec<&str>)> = Vec::new();
    for name in sample_names() {
        for args in [&[][..], &["--etape", "relance"], &["--etape", "mise_en_demeure"]] {
            cases.push((sample(&name), args.to_vec()));
        }
    }
    let no_certificate = variant(
        "execution-certificat",
        "certificat_non_opposition: { date: 2026-01-20, fichier: pieces/certificat-non-opposition.pdf }",
        "",
        &mut keep,
    );
    let no_delivery_note = variant("consommateur-tj", ", fichier: pieces/BL-2025-0877.pdf }", " }", &mut keep);
    cases.push((no_certificate, Vec::new()));
    cases.push((no_delivery_note, Vec::new()));
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for (n, (case, args)) in cases.iter().enumerate() {
        let out = tempfile::tempdir().expect("tempdir");
        let Some(data) = template_data(case, args, out.path()) else { continue };
        if n == 0 {
            // A field the schema does not list is refused: the schema says all a template gets.
            let mut extra = data.clone();
            extra["parts"][0]["data"]["champ_inconnu"] = Value::Bool(true);
            assert!(!validator.is_valid(&extra), "a field outside the schema must not validate");
        }
        for part in data["parts"].as_array().expect("parts") {
            seen.insert(part["template"].as_str().expect("template").to_string());
        }
        for error in validator.iter_errors(&data) {
            problems.push(format!("{} {args:?} at {}: {error}", case.display(), error.instance_path()));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    let mut wanted: BTreeSet<String> = DocKind::EVERY.iter().map(|k| k.template().to_string()).collect();
    wanted.extend(["couverture", "piece", "releve"].map(String::from));
    let missing: Vec<&String> = wanted.difference(&seen).collect();
    assert!(missing.is_empty(), "templates whose data was never validated: {missing:?}");
}

#[test]
fn samples_start_with_the_schema_comment() {
    for entry in std::fs::read_dir(root().join("samples")).expect("samples").flatten() {
        let case = entry.path().join("case.yaml");
        if case.exists() {
            let text = std::fs::read_to_string(&case).expect("read");
            assert!(
                text.starts_with("# yaml-language-server: $schema=../../schemas/case.schema.json"),
                "{} must start with the $schema comment",
                case.display()
            );
        }
    }
}

#[test]
fn hostile_text_prints_literally() {
    let hostile = r#"#panic("x") *gras* $x$ <l> @r \ ""#;
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.yaml")).expect("fixture");
    let yaml_value = format!("'{}'", hostile.replace('\'', "''"));
    let text = text.replace("raison_sociale: Débiteur Test", &format!("raison_sociale: {yaml_value}"));
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, text).expect("write");
    let out = dir.path().join("out");
    let outcome = recouvre::pipeline::build(engine(), &request(&case, &out, &[])).expect("build with a hostile name");
    // No relance made yet: the first relance is the letter to send (never with the mise en demeure).
    let letter = outcome.files.iter().find(|f| f.role == "relance").expect("relance");
    let pdf = pdf_text(&outcome.dir.join(&letter.chemin));
    assert!(squash(&pdf).contains(&squash(hostile)), "the name must print as written:\n{pdf}");
}
