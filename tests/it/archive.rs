//! The output folder is the case's archive (issue 12, What 3), through the binary: each build
//! writes `SORTIE/<reference>/<date>-<étape>/`; a later build never changes an earlier one, nor
//! a file of the user; `historique.json` lists the builds with their hashes; the court dossier
//! takes the mise en demeure as sent from the build of the day it was sent, never a letter
//! regenerated another day.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use recouvre::ground::hash::sha256_hex;
use recouvre::ground::manifest::Manifest;

use crate::support::{recouvre, root};

const REFERENCE: &str = "TEST-TRIB";

/// The court fixture: the mise en demeure sent on 1 September 2026 (received on the 3rd), its
/// letter to be found in the archive; the signed quote the proof gate asks for (rule R048).
fn court_case() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/valid/tribunal.yaml")).expect("fixture").replace(
        "pieces: []",
        "pieces: [{ intitule: Devis signé, date: 2026-05-20, fichier: preuves/F-1.pdf, role: devis }]",
    )
}

/// The same case on 1 September, before the mise en demeure was sent.
fn before_notice() -> String {
    let text = court_case().replace("date_calcul: 2026-11-23", "date_calcul: 2026-09-01");
    let start = text.find("mise_en_demeure:").expect("block");
    let end = text.find("procedure:").expect("next block");
    format!("{}{}", &text[..start], &text[end..])
}

struct Work {
    _tmp: tempfile::TempDir,
    case: PathBuf,
    out: PathBuf,
}

impl Work {
    fn new(text: &str) -> Self {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cas");
        std::fs::create_dir_all(&dir).expect("mkdir");
        crate::support::copy_court_proofs(&dir);
        let case = dir.join("case.yaml");
        std::fs::write(&case, text).expect("write");
        let out = tmp.path().join("sortie");
        Self { _tmp: tmp, case, out }
    }

    fn set_case(&self, text: &str) {
        std::fs::write(&self.case, text).expect("write");
    }

    fn root(&self) -> PathBuf {
        self.out.join(REFERENCE)
    }

    /// `recouvre <command> case.yaml [-o sortie] args…`: exit code, stdout, stderr.
    fn run(&self, command: &str, with_out: bool, args: &[&str]) -> (Option<i32>, String, String) {
        let mut cmd = recouvre();
        cmd.arg(command).arg(&self.case);
        if with_out {
            cmd.arg("-o").arg(&self.out);
        }
        let output = cmd.args(args).output().expect("run");
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (output.status.code(), text(&output.stdout), text(&output.stderr))
    }

    fn build_ok(&self, args: &[&str]) -> String {
        let (code, stdout, stderr) = self.run("build", true, args);
        assert_eq!(code, Some(0), "build {args:?}:\n{stdout}\n{stderr}");
        stderr
    }
}

/// Every file under `dir` with its SHA-256.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e.path().strip_prefix(dir).expect("inside").to_string_lossy().into_owned();
            (name, sha256_hex(&std::fs::read(e.path()).expect("read")))
        })
        .collect()
}

fn history(root: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(root.join("historique.json")).expect("historique.json")).expect("json")
}

fn zip_names(path: &Path) -> Vec<String> {
    let archive = zip::ZipArchive::new(std::fs::File::open(path).expect("zip")).expect("read zip");
    archive.file_names().flatten().map(|n| n.into_owned()).collect()
}

#[test]
fn a_court_build_takes_the_letter_sent_from_the_archive_and_changes_nothing_else() {
    let work = Work::new(&before_notice());
    std::fs::create_dir_all(work.root()).expect("mkdir");
    let notes = work.root().join("notes.txt");
    std::fs::write(&notes, "appel du 2 septembre : promet de payer").expect("notes");

    // 1 September: the mise en demeure to send.
    work.build_ok(&[]);
    let notice_dir = work.root().join("2026-09-01-mise-en-demeure");
    let notice_manifest = Manifest::read(&notice_dir).expect("manifest of the mise en demeure build");
    let letter = notice_manifest.fichiers.iter().find(|f| f.role == "mise_en_demeure").expect("the letter");
    let sent = tree(&notice_dir);

    // It was sent that day; on 23 November the deadline has passed: the court dossier.
    work.set_case(&court_case());
    let stderr = work.build_ok(&[]);
    assert!(!stderr.contains("lettre de mise en demeure envoyée n'est pas jointe"), "{stderr}");
    let court_dir = work.root().join("2026-11-23-injonction-de-payer");
    assert_eq!(tree(&notice_dir), sent, "the mise en demeure build is byte for byte as it was");
    let court = Manifest::read(&court_dir).expect("manifest of the court build");
    let piece = court
        .fichiers
        .iter()
        .find(|f| f.chemin.contains("mise-en-demeure-du-1er-septembre") || f.chemin.contains("mise-en-demeure-du-1-"))
        .unwrap_or_else(|| panic!("the letter as a pièce: {:#?}", court.fichiers));
    assert_eq!(piece.sources.len(), 1, "{piece:?}");
    assert_eq!(piece.sources[0].sha256, letter.sha256, "the pièce is the archived letter, not a new one");
    assert!(piece.sources[0].chemin.contains("2026-09-01-mise-en-demeure"), "{:?}", piece.sources);
    let names = zip_names(&court_dir.join(format!("{REFERENCE}.zip")));
    assert!(!names.iter().any(|n| n.contains("envoyee") || n == "02-mise-en-demeure.pdf"), "{names:?}");

    // historique.json: both builds, oldest first, with the hashes of what is on disk.
    let history = history(&work.root());
    let builds = history["constructions"].as_array().expect("constructions");
    let folders: Vec<&str> = builds.iter().map(|b| b["dossier"].as_str().expect("dossier")).collect();
    assert_eq!(folders, ["2026-09-01-mise-en-demeure", "2026-11-23-injonction-de-payer"]);
    assert_eq!(builds[0]["etape"], "mise_en_demeure");
    assert_eq!(builds[1]["date"], "2026-11-23");
    assert_eq!(builds[1]["total_du"].as_str(), Some(court.total_du.as_str()));
    for build in builds {
        let dir = work.root().join(build["dossier"].as_str().expect("dossier"));
        for doc in build["documents"].as_array().expect("documents") {
            let bytes = std::fs::read(dir.join(doc["chemin"].as_str().expect("chemin"))).expect("document");
            assert_eq!(doc["sha256"].as_str(), Some(sha256_hex(&bytes).as_str()), "{doc}");
        }
        let manifest = std::fs::read(dir.join("manifest.json")).expect("manifest");
        assert_eq!(build["manifest_sha256"].as_str(), Some(sha256_hex(&manifest).as_str()));
    }

    // Every other command leaves the archive and the user's file as they are.
    let archive = tree(&work.root());
    let (code, _, stderr) = work.run("relance", true, &[]);
    assert_eq!(code, Some(1), "no relance after the mise en demeure: {stderr}");
    assert!(stderr.contains("mise en demeure a été envoyée le 1er septembre 2026"), "{stderr}");
    for command in ["check", "plan", "decompte"] {
        let (code, _, stderr) = work.run(command, command == "plan", &[]);
        assert_eq!(code, Some(0), "{command}: {stderr}");
    }
    assert_eq!(tree(&work.root()), archive, "nothing changed by relance, check, plan, decompte");

    // A build of an earlier step, asked explicitly, adds its own folder and touches no other.
    let stderr = work.build_ok(&["--etape", "mise_en_demeure"]);
    assert!(stderr.contains("R045"), "{stderr}");
    let after = tree(&work.root());
    for (file, hash) in &archive {
        if file != "historique.json" {
            assert_eq!(after.get(file), Some(hash), "{file} changed");
        }
    }
    assert!(after.keys().any(|f| f.starts_with("2026-11-23-mise-en-demeure/")), "{after:#?}");

    // The court build again (same date and step): its own folder only is rebuilt; the letter
    // regenerated on 23 November is not the one sent on 1 September.
    work.build_ok(&[]);
    let court = Manifest::read(&court_dir).expect("manifest");
    let piece = court.fichiers.iter().find(|f| f.role != "mise_en_demeure" && f.chemin.contains("mise-en-demeure-du"));
    assert_eq!(piece.map(|p| p.sources[0].sha256.clone()), Some(letter.sha256.clone()));
    assert_eq!(tree(&notice_dir), sent);
    assert_eq!(std::fs::read_to_string(&notes).expect("notes"), "appel du 2 septembre : promet de payer");

    // batch (up to date, then --force) and suivi: the same.
    let before = tree(&work.root());
    let cases = work.case.parent().expect("case folder").to_path_buf();
    for force in [false, true] {
        let mut batch = recouvre();
        batch.arg("batch").arg(&cases).arg("-o").arg(&work.out);
        if force {
            batch.arg("--force");
        }
        let run = batch.output().expect("batch");
        assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    }
    let after = tree(&work.root());
    for (file, hash) in &before {
        if !file.starts_with("2026-11-23-injonction-de-payer/") && file != "historique.json" {
            assert_eq!(after.get(file), Some(hash), "{file} changed by batch");
        }
    }
    assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>(), "no file added or removed");
    let suivi = recouvre().arg("suivi").arg(&cases).arg("--construits").arg(&work.out).output().expect("suivi");
    assert!(suivi.status.success(), "{}", String::from_utf8_lossy(&suivi.stderr));
    assert_eq!(tree(&work.root()), after, "suivi writes nothing");
    assert_eq!(std::fs::read_to_string(&notes).expect("notes"), "appel du 2 septembre : promet de payer");
}

#[test]
fn a_letter_regenerated_after_it_was_sent_is_never_presented_as_the_one_sent() {
    // The case: `build --etape mise_en_demeure` then `build`, the letter having been
    // sent on 1 September and no build of that day in the output folder.
    let work = Work::new(&court_case());
    let stderr = work.build_ok(&["--etape", "mise_en_demeure"]);
    assert!(stderr.contains("R034") || stderr.contains("R045"), "{stderr}");
    let (code, _, stderr) = work.run("build", true, &[]);
    assert_eq!(code, Some(1), "no court dossier without the letter sent (R034 is an error): {stderr}");
    assert!(
        stderr.contains("erreur R034")
            && stderr.contains("1er septembre 2026")
            && stderr.contains("2026-09-01-mise-en-demeure"),
        "the missing letter is reported, naming the build it looks for:\n{stderr}"
    );
    let court_dir = work.root().join("2026-11-23-injonction-de-payer");
    assert!(!court_dir.exists(), "no court dossier built");

    // An archived letter of the right day whose bytes changed is not used either.
    let other = Work::new(&before_notice());
    other.build_ok(&[]);
    let notice_dir = other.root().join("2026-09-01-mise-en-demeure");
    let manifest = Manifest::read(&notice_dir).expect("manifest");
    let letter = manifest.fichiers.iter().find(|f| f.role == "mise_en_demeure").expect("letter");
    let mut bytes = std::fs::read(notice_dir.join(&letter.chemin)).expect("letter");
    bytes.extend_from_slice(b"\n% changed\n");
    std::fs::write(notice_dir.join(&letter.chemin), bytes).expect("write");
    other.set_case(&court_case());
    let (code, _, stderr) = other.run("build", true, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("erreur R034"), "{stderr}");
}

#[test]
fn a_build_folder_holding_a_users_file_is_not_replaced_and_the_message_names_it() {
    let work = Work::new(&crate::support::with_notice_letter(&court_case()));
    work.build_ok(&[]);
    let court_dir = work.root().join("2026-11-23-injonction-de-payer");
    let mine = court_dir.join("pieces/annotation.txt");
    std::fs::write(&mine, "à garder").expect("write");
    let before = tree(&work.out);
    let (code, _, stderr) = work.run("build", true, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("annotation.txt") && stderr.contains("n'a pas été écrit par recouvre"), "{stderr}");
    assert_eq!(tree(&work.out), before, "nothing changed");

    // A document of the build changed by hand: named too.
    std::fs::remove_file(&mine).expect("remove");
    let decompte = court_dir.join("03-decompte.pdf");
    std::fs::write(&decompte, b"%PDF-1.7 annotated").expect("write");
    let (code, _, stderr) = work.run("build", true, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("03-decompte.pdf") && stderr.contains("modifié"), "{stderr}");
}

#[test]
fn a_dossier_of_the_former_layout_stays_and_its_letter_is_found() {
    // Earlier versions wrote the dossier straight into SORTIE/<reference>/.
    let work = Work::new(&before_notice());
    work.build_ok(&[]);
    let notice_dir = work.root().join("2026-09-01-mise-en-demeure");
    let old = tempfile::tempdir().expect("tempdir");
    let moved = old.path().join("moved");
    std::fs::rename(&notice_dir, &moved).expect("move");
    std::fs::remove_file(work.root().join("historique.json")).expect("remove");
    std::fs::remove_dir(work.root()).expect("empty");
    std::fs::rename(&moved, work.root()).expect("former layout");
    let former = tree(&work.root());

    work.set_case(&court_case());
    let stderr = work.build_ok(&[]);
    assert!(!stderr.contains("lettre de mise en demeure envoyée n'est pas jointe"), "{stderr}");
    let after = tree(&work.root());
    for (file, hash) in &former {
        assert_eq!(after.get(file), Some(hash), "{file} of the former dossier changed");
    }
    let folders: Vec<String> = history(&work.root())["constructions"]
        .as_array()
        .expect("constructions")
        .iter()
        .map(|b| b["dossier"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(folders, ["", "2026-11-23-injonction-de-payer"]);
}

#[test]
fn a_historique_json_that_is_not_recouvres_is_never_replaced() {
    let work = Work::new(&crate::support::with_notice_letter(&court_case()));
    std::fs::create_dir_all(work.root()).expect("mkdir");
    std::fs::write(work.root().join("historique.json"), "mes notes, pas du JSON").expect("write");
    let before = tree(&work.out);
    let (code, _, stderr) = work.run("build", true, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("historique.json") && stderr.contains("ne sera pas remplacé"), "{stderr}");
    assert_eq!(tree(&work.out), before, "nothing written");
}
