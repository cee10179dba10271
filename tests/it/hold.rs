//! A hold (`suspendu`): the plan says why and until when, `build` produces no demand, `suivi`
//! lists it; a hold ending before it starts is refused at its line.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{recouvre, sample};

const HOLD: &str =
    "\nsuspendu:\n  depuis: 2026-11-10\n  motif: litige sur la livraison en discussion\n  jusqu_au: 2026-12-31\n";

/// The relances-en-cours sample (relance n° 2 due) with `extra` appended.
fn held_case(dir: &Path, extra: &str) -> PathBuf {
    let folder = dir.join("cas");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let text = std::fs::read_to_string(sample("relances-en-cours")).expect("sample");
    let file = folder.join("case.yaml");
    std::fs::write(&file, text + extra).expect("write");
    file
}

#[test]
fn a_held_case_says_why_and_until_when_and_builds_no_demand() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = held_case(dir.path(), HOLD);

    let run = recouvre().arg("plan").arg(&file).output().expect("plan");
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{text}{}", String::from_utf8_lossy(&run.stderr));
    assert!(
        text.contains("dossier suspendu depuis le 10 novembre 2026 (litige sur la livraison en discussion), jusqu'au 31 décembre 2026 inclus"),
        "{text}"
    );
    assert!(text.contains("reprendre le dossier à partir du 1er janvier 2027"), "{text}");
    // What the ladder would send comes after the hold, as what follows its end.
    let hold_at = text.find("dossier suspendu depuis").expect("hold");
    let ladder_at = text.find("relance n° 2 à envoyer seule").expect("the ladder's next relance");
    assert!(hold_at < ladder_at && text.contains("n'est produite ; à sa levée :"), "{text}");
    // What is built goes to the creditor's own file, not to the debtor.
    let json = recouvre().arg("plan").arg(&file).args(["--format", "json"]).output().expect("plan");
    let json: Value = serde_json::from_slice(&json.stdout).expect("plan json");
    assert_eq!(json["destinataire"], "créancier", "{json:#}");

    let out = dir.path().join("sortie");
    let run = recouvre().arg("build").arg(&file).arg("-o").arg(&out).output().expect("build");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let manifest_file = walkdir::WalkDir::new(&out)
        .into_iter()
        .flatten()
        .find(|e| e.file_name() == "manifest.json")
        .expect("manifest written");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(manifest_file.path()).expect("manifest")).expect("json");
    let roles: Vec<&str> =
        manifest["fichiers"].as_array().expect("files").iter().map(|f| f["role"].as_str().expect("role")).collect();
    assert_eq!(roles, ["decompte", "historique_des_relances"], "no relance, no mise en demeure");

    // Without the hold the same case asks for relance n° 2 (alone: the mise en demeure follows it).
    let free = held_case(&dir.path().join("libre"), "");
    let run = recouvre().arg("plan").arg(&free).args(["--format", "json"]).output().expect("plan");
    let plan: Value = serde_json::from_slice(&run.stdout).expect("plan json");
    let kinds: Vec<&str> = plan["documents"]
        .as_array()
        .expect("docs")
        .iter()
        .map(|d| d["nature"]["type"].as_str().expect("nature"))
        .collect();
    assert!(kinds.contains(&"relance") && !kinds.contains(&"mise_en_demeure"), "{kinds:?}");

    let run = recouvre()
        .arg("suivi")
        .arg(dir.path().join("cas"))
        .args(["--au", "2026-12-02", "--format", "json"])
        .output()
        .expect("suivi");
    let portfolio: Value = serde_json::from_slice(&run.stdout).expect("suivi json");
    let row = &portfolio["dossiers"][0];
    assert_eq!(row["suspension"]["motif"], "litige sur la livraison en discussion");
    assert_eq!(row["suspension"]["jusqu_au"], "2026-12-31");
    assert_eq!(row["date_action"], "2027-01-01");
    assert_eq!(portfolio["totaux"]["suspendus"], 1);

    // Once the hold is over, the ladder resumes.
    let run = recouvre()
        .arg("suivi")
        .arg(dir.path().join("cas"))
        .args(["--au", "2027-01-05", "--format", "json"])
        .output()
        .expect("suivi");
    let later: Value = serde_json::from_slice(&run.stdout).expect("suivi json");
    assert!(later["dossiers"][0]["suspension"].is_null(), "{later:#}");
}

#[test]
fn a_hold_ending_before_it_starts_is_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file =
        held_case(dir.path(), "\nsuspendu: { depuis: 2026-11-10, motif: échéancier accordé, jusqu_au: 2026-11-01 }\n");
    let run = recouvre().arg("check").arg(&file).output().expect("check");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    let lines = std::fs::read_to_string(&file).expect("read").lines().count();
    assert!(stderr.contains(&format!("case.yaml:{lines}:")), "line of the hold: {stderr}");
    assert!(stderr.contains("suspendu.jusqu_au") && stderr.contains("avant son premier jour"), "{stderr}");

    let file = held_case(&dir.path().join("b"), "\nsuspendu:\n  depuis: 2026-11-10\n");
    let run = recouvre().arg("check").arg(&file).output().expect("check");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("« motif »"), "missing reason reported: {stderr}");
}
