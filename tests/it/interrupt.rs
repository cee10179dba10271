//! A build killed (SIGKILL) at any moment leaves the previous good build folder (same date, same
//! step) byte for byte, or a complete new one — never a partial dossier; the next build succeeds
//! and removes what the killed one left behind (its staging folder).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use recouvre::ground::hash::sha256_hex;

const REFERENCE: &str = "COUPURE";

/// A court case whose pièces are big enough for the build to take a while; `plan` names them.
fn case_text(plan: &str) -> String {
    let text = std::fs::read_to_string(crate::support::root().join("tests/fixtures/valid/tribunal.yaml"))
        .expect("fixture")
        .replace("reference: TEST-TRIB", &format!("reference: {REFERENCE}"));
    let pieces: String = (1..=3)
        .map(|n| format!("  - {{ intitule: {plan} n° {n}, fichier: pieces/plan-{n}.png, role: contrat }}\n"))
        .collect();
    crate::support::with_notice_letter(&text).replace("pieces: []", &format!("pieces:\n{pieces}"))
}

/// A noisy scan: PNG does not compress it, so Typst has real work to embed it.
fn noisy_png(seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let img = image::RgbImage::from_fn(1000, 1400, |_, _| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let [a, b, c, _] = state.to_le_bytes();
        image::Rgb([a, b, c])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Png).expect("encode");
    bytes.into_inner()
}

/// Every file under `dir` with its SHA-256 (directories as themselves).
fn tree(dir: &Path) -> BTreeMap<PathBuf, String> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .flatten()
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap_or(e.path()).to_path_buf();
            let what = if e.file_type().is_file() {
                sha256_hex(&std::fs::read(e.path()).unwrap_or_default())
            } else {
                "dossier".to_string()
            };
            (relative, what)
        })
        .collect()
}

/// A dossier folder is complete: its manifest lists files that are all there with their hashes.
fn assert_complete(dir: &Path, context: &str) {
    let manifest = recouvre::ground::manifest::Manifest::read(dir).unwrap_or_else(|| panic!("{context}: no manifest"));
    for f in &manifest.fichiers {
        let bytes = std::fs::read(dir.join(&f.chemin)).unwrap_or_else(|e| panic!("{context}: {} {e}", f.chemin));
        assert_eq!(sha256_hex(&bytes), f.sha256, "{context}: {} altered", f.chemin);
    }
    assert!(dir.join(format!("{REFERENCE}.zip")).is_file(), "{context}: no zip");
}

fn build(case: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_recouvre"));
    cmd.env(crate::support::TODAY_VAR, crate::support::today().to_string());
    cmd.arg("build").arg(case).arg("-o").arg(out).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
    cmd
}

fn build_ok(case: &Path, out: &Path) -> Duration {
    let started = Instant::now();
    let output = build(case, out).output().expect("run");
    assert!(output.status.success(), "build failed:\n{}", String::from_utf8_lossy(&output.stderr));
    started.elapsed()
}

/// Starts a build and kills it after `delay`; whether it had finished is returned.
fn build_killed_after(case: &Path, out: &Path, delay: Duration) -> bool {
    let mut child = build(case, out).stderr(Stdio::null()).spawn().expect("spawn");
    let started = Instant::now();
    while started.elapsed() < delay {
        if child.try_wait().expect("wait").is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.kill(); // SIGKILL: no destructor, no cleanup runs.
    let status = child.wait().expect("wait");
    status.success()
}

/// What a killed build may leave beside the build folder: only its own hidden staging folders.
fn assert_only_dossier_and_staging(root: &Path, folder: &str, context: &str) {
    for entry in std::fs::read_dir(root).expect("read").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let staging = name.starts_with(&format!(".recouvre-en-cours-{folder}-"))
            || name.starts_with(&format!(".recouvre-ancien-{folder}-"))
            || name.starts_with(".recouvre-historique-");
        assert!(name == folder || name == "historique.json" || staging, "{context}: unexpected {name} in {root:?}");
    }
}

#[test]
fn a_killed_build_leaves_the_previous_dossier_or_nothing() {
    let work = tempfile::tempdir().expect("tempdir");
    let case_dir = work.path().join("cas");
    std::fs::create_dir_all(case_dir.join("pieces")).expect("mkdir");
    for n in 1..=3 {
        std::fs::write(case_dir.join(format!("pieces/plan-{n}.png")), noisy_png(n)).expect("write");
    }
    crate::support::copy_court_proofs(&case_dir);
    let case = case_dir.join("case.yaml");
    let out = work.path().join("sortie");
    let root = out.join(REFERENCE);
    let folder = "2026-11-23-injonction-de-payer";
    let target = root.join(folder);

    // No previous dossier: a build killed early leaves nothing in place.
    std::fs::write(&case, case_text("Plan")).expect("write");
    if !build_killed_after(&case, &out, Duration::from_millis(300)) {
        assert!(!target.exists(), "a killed first build left a dossier");
    }

    // The previous good dossier.
    let full = build_ok(&case, &out);
    assert_complete(&target, "first build");
    let good = tree(&target);
    eprintln!("construction complète : {:.2} s", full.as_secs_f64());

    // A new build of a changed case, same date and step, killed at several points of its run.
    std::fs::write(&case, case_text("Plan révisé")).expect("write");
    for percent in [10u32, 50, 90] {
        let delay = full * percent / 100;
        let context = format!("killed after {delay:?} ({percent} %)");
        let finished = build_killed_after(&case, &out, delay);
        assert_only_dossier_and_staging(&root, folder, &context);
        assert!(target.is_dir(), "{context}: the previous dossier is gone");
        let now = tree(&target);
        if now != good {
            // Only a build that got to its very end may have replaced the dossier, and wholly.
            assert_complete(&target, &context);
            eprintln!(
                "{context} : nouveau dossier déjà en place (complet){}",
                if finished { "" } else { ", tué après" }
            );
            break;
        }
        eprintln!("{context} : dossier précédent intact");
    }

    // The next build succeeds and removes the killed builds' leftovers.
    build_ok(&case, &out);
    assert_complete(&target, "after the interruptions");
    let mut left: Vec<String> = std::fs::read_dir(&root)
        .expect("read")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, [folder, "historique.json"], "stale staging folders removed");
    assert_ne!(tree(&target), good, "the dossier is the new one");
}
