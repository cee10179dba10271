//! The JSON Schema stays what the types generate; samples point editors at it; data never runs
//! as Typst code.

use crate::support::{engine, pdf_text, request, root, squash};

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
