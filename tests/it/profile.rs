//! The creditor's profile (`recouvre.yaml`): a case that omits the creditor builds from it, the
//! same documents as with the creditor written in the case; its problems are located in it; batch
//! never takes it for a case; `init --profil` and `modeles exporter` write what they say.

use crate::support::{copy_tree, latest_build, pdf_text, recouvre, root};

/// atelier-dupont with its creditor, place of signature and terms in `<tmp>/recouvre.yaml` and
/// the case in `<tmp>/atelier-dupont/` (the profile found in a parent folder).
fn split_sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let parent = tempfile::tempdir().expect("tempdir");
    let case_dir = parent.path().join("atelier-dupont");
    copy_tree(&root().join("samples/atelier-dupont"), &case_dir);
    let text = std::fs::read_to_string(case_dir.join("case.yaml")).expect("case");
    let (case, profile) = recouvre::case::profile::split_profile_blocks(&text);
    assert!(!case.contains("\ncreancier:") && profile.contains("creancier:"), "{profile}");
    std::fs::write(case_dir.join("case.yaml"), case).expect("case");
    std::fs::write(parent.path().join("recouvre.yaml"), profile).expect("profile");
    (parent, case_dir.join("case.yaml"))
}

#[test]
fn a_case_without_its_creditor_builds_from_the_profile_as_if_written_in_it() {
    let (parent, case) = split_sample();
    let out = parent.path().join("sortie");
    let run = recouvre().arg("build").arg(&case).arg("-o").arg(&out).output().expect("build");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let reference = tempfile::tempdir().expect("tempdir");
    let sample = root().join("samples/atelier-dupont/case.yaml");
    let run = recouvre().arg("build").arg(&sample).arg("-o").arg(reference.path()).output().expect("build");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let (built, expected) = (latest_build(&out, "DOS-2026-014"), latest_build(reference.path(), "DOS-2026-014"));
    for doc in ["01-requete-injonction-de-payer.pdf", "03-decompte.pdf", "00-lettre-au-greffe.pdf"] {
        let (got, want) = (pdf_text(&built.join(doc)), pdf_text(&expected.join(doc)));
        assert!(got.contains("Atelier Dupont"), "{doc}:\n{got}");
        assert!(!doc.contains("requete") || got.contains("Fait à Lyon"), "{doc}:\n{got}");
        assert_eq!(got, want, "{doc}: the same document as with the creditor in the case");
    }
}

#[test]
fn a_profile_problem_is_reported_in_the_profile_at_its_line() {
    let (parent, case) = split_sample();
    let profile = parent.path().join("recouvre.yaml");
    let text = std::fs::read_to_string(&profile).expect("profile");
    let text = text.replace("siren: \"000912345\"", "siren: \"000912346\"") + "factures: []\n";
    std::fs::write(&profile, &text).expect("profile");
    let siren_line = text.lines().position(|l| l.contains("000912346")).expect("siren line") + 1;
    let run = recouvre().arg("check").arg(&case).output().expect("check");
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    let at = format!("recouvre.yaml:{siren_line}:");
    let siren = stderr.lines().find(|l| l.contains("R003")).expect("R003");
    assert!(siren.contains(&at) && siren.contains("creancier.siren"), "{stderr}");
    let unknown = stderr.lines().find(|l| l.contains("factures") && l.contains("recouvre.yaml:")).expect("unknown key");
    assert!(unknown.contains("inconnu"), "{stderr}");
}

#[test]
fn a_case_key_overrides_the_profile() {
    let (parent, case) = split_sample();
    let text = std::fs::read_to_string(&case).expect("case");
    std::fs::write(&case, format!("{text}lieu_signature: Villeurbanne\n")).expect("case");
    let out = parent.path().join("sortie");
    let run = recouvre().arg("build").arg(&case).arg("-o").arg(&out).output().expect("build");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = pdf_text(&latest_build(&out, "DOS-2026-014").join("01-requete-injonction-de-payer.pdf"));
    assert!(text.contains("Fait à Villeurbanne") && !text.contains("Fait à Lyon"), "{text}");
}

#[test]
fn batch_takes_the_profile_for_no_case_and_rebuilds_when_it_changes() {
    let (parent, _) = split_sample();
    let out = tempfile::tempdir().expect("tempdir");
    let batch = || {
        let run = recouvre()
            .args(["batch", "--progression", "aucune"])
            .arg(parent.path())
            .arg("-o")
            .arg(out.path())
            .output()
            .expect("batch");
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let report: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.path().join("batch-report.json")).expect("report"))
                .expect("report JSON");
        report
    };
    let counts = |report: &serde_json::Value| (report["total"].clone(), report["a_jour"].clone());
    let first = batch();
    assert!(!first.to_string().contains("recouvre.yaml"), "the profile is neither a case nor a skipped file: {first}");
    assert_eq!(counts(&first), (1.into(), 0.into()), "{first}");
    let second = batch();
    assert_eq!(counts(&second), (1.into(), 1.into()), "unchanged: up to date: {second}");
    let profile = parent.path().join("recouvre.yaml");
    let text = std::fs::read_to_string(&profile).expect("profile").replace("Lyon", "Lyon 7e");
    std::fs::write(&profile, text).expect("profile");
    let third = batch();
    assert_eq!(counts(&third), (1.into(), 0.into()), "a changed profile rebuilds the case: {third}");
}

#[test]
fn init_with_a_profile_names_each_placeholder_in_the_file_that_holds_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("nouveau");
    let run = recouvre().arg("init").arg(&target).arg("--profil").output().expect("init");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let case = std::fs::read_to_string(target.join("case.yaml")).expect("case");
    let profile = std::fs::read_to_string(target.join("recouvre.yaml")).expect("profile");
    assert!(!case.contains("creancier:") && profile.contains("creancier:"), "{case}\n---\n{profile}");
    assert!(target.join("profile.schema.json").is_file());
    let run = recouvre().arg("check").arg(target.join("case.yaml")).output().expect("check");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    let placeholders: Vec<&str> = stderr.lines().filter(|l| l.contains("R047")).collect();
    assert!(placeholders.iter().any(|l| l.contains("recouvre.yaml:") && l.contains("creancier")), "{stderr}");
    assert!(placeholders.iter().any(|l| l.contains("case.yaml:") && l.contains("debiteur")), "{stderr}");
}

#[test]
fn committed_profile_schema_matches_the_types() {
    let committed = std::fs::read_to_string(root().join("schemas/profile.schema.json")).expect("schema");
    let printed = recouvre().args(["schema", "--profil"]).output().expect("schema");
    assert_eq!(
        String::from_utf8_lossy(&printed.stdout),
        committed,
        "schemas/profile.schema.json is out of date: run `cargo run -- schema --profil > schemas/profile.schema.json`"
    );
}

#[test]
fn exported_templates_build_the_same_dossier_and_the_guide_names_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let models = dir.path().join("modeles");
    let run = recouvre().args(["modeles", "exporter"]).arg(&models).output().expect("export");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let guide = std::fs::read_to_string(models.join("LISEZ-MOI.md")).expect("guide");
    let templates = root().join("templates");
    // Templates and their library one folder down (lib/page.typ…).
    for entry in walkdir::WalkDir::new(&templates).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        let name = entry.path().strip_prefix(&templates).expect("inside").to_string_lossy().replace('\\', "/");
        let exported = std::fs::read(models.join(&name)).expect("exported");
        assert_eq!(exported, std::fs::read(entry.path()).expect("template"), "{name}");
        assert!(guide.contains(&format!("| `{name}` |")), "{name} in the guide:\n{guide}");
    }
    assert!(guide.contains("Requête en injonction de payer") && guide.contains("--donnees"), "{guide}");
    // Used as they are, they make the same documents.
    let sample = root().join("samples/relances-en-cours/case.yaml");
    let (with, without) = (dir.path().join("avec"), dir.path().join("sans"));
    for (out, extra) in [(&with, true), (&without, false)] {
        let mut cmd = recouvre();
        cmd.arg("build").arg(&sample).arg("-o").arg(out);
        if extra {
            cmd.arg("--templates").arg(&models);
        }
        let run = cmd.output().expect("build");
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    }
    let doc = "01-relance-2.pdf";
    let (a, b) = (latest_build(&with, "IMP-2026-118").join(doc), latest_build(&without, "IMP-2026-118").join(doc));
    assert_eq!(pdf_text(&a), pdf_text(&b));
    // A second export never overwrites a folder the office may have edited.
    let again = recouvre().args(["modeles", "exporter"]).arg(&models).output().expect("export");
    assert_eq!(again.status.code(), Some(1));
}
