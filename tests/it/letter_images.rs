//! The creditor's logo and signature image (`creancier.logo`, `creancier.signature`), given once
//! in the profile `recouvre.yaml` with paths relative to it: printed on the letters, located when
//! wrong, refused on the debtor.

use std::path::{Path, PathBuf};

use crate::support::{copy_tree, latest_build, recouvre, root};

/// Images the repository holds (a PNG and a JPEG scan of samples), as logo and signature.
fn logo() -> PathBuf {
    root().join("samples/atelier-dupont/pieces/ar-mise-en-demeure.png")
}
fn signature() -> PathBuf {
    root().join("samples/petites-creances/pieces/ar-mise-en-demeure.jpg")
}

/// relances-en-cours with its creditor in `<tmp>/recouvre.yaml`, `extra` lines first under
/// `creancier`; the images in `<tmp>/papier/`. Returns the folder and the case file.
fn profiled(extra: &str) -> (tempfile::TempDir, PathBuf) {
    let parent = tempfile::tempdir().expect("tempdir");
    let case_dir = parent.path().join("client");
    copy_tree(&root().join("samples/relances-en-cours"), &case_dir);
    let text = std::fs::read_to_string(case_dir.join("case.yaml")).expect("case");
    let (case, profile) = recouvre::case::profile::split_profile_blocks(&text);
    std::fs::write(case_dir.join("case.yaml"), case).expect("case");
    assert!(profile.contains("creancier:\n"), "{profile}");
    let profile = profile.replacen("creancier:\n", &format!("creancier:\n{extra}"), 1);
    std::fs::write(parent.path().join("recouvre.yaml"), profile).expect("profile");
    std::fs::create_dir_all(parent.path().join("papier")).expect("mkdir");
    std::fs::copy(logo(), parent.path().join("papier/logo.png")).expect("logo");
    std::fs::copy(signature(), parent.path().join("papier/signature.jpg")).expect("signature");
    (parent, case_dir.join("case.yaml"))
}

/// The raster images of the PDF (logo, signature; the QR code is vector).
fn images(pdf: &Path) -> usize {
    let doc = lopdf::Document::load(pdf).expect("pdf");
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).is_ok_and(|n| n == b"Image"))
        .count()
}

fn relance(case: &Path, out: &Path) -> PathBuf {
    let run = recouvre().arg("relance").arg(case).arg("-o").arg(out).output().expect("relance");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    latest_build(out, "IMP-2026-118").join("01-relance-2.pdf")
}

#[test]
fn logo_and_signature_from_the_profile_are_printed_on_the_letter() {
    let (plain, case) = profiled("");
    let without = images(&relance(&case, &plain.path().join("sortie")));
    assert_eq!(without, 0, "no image on a letter without logo or signature");
    let (parent, case) = profiled("  logo: papier/logo.png\n  signature: papier/signature.jpg\n");
    let letter = relance(&case, &parent.path().join("sortie"));
    assert_eq!(images(&letter), 2, "the logo and the signature are on the letter");
    let text = crate::support::pdf_text(&letter);
    assert!(crate::support::contains_words(&text, "Pour Imprimerie Lumière"), "{text}");
    assert_eq!(lopdf::Document::load(&letter).expect("pdf").get_pages().len(), 1, "still one page:\n{text}");
}

#[test]
fn a_missing_logo_is_located_in_the_profile_and_a_debtors_is_refused() {
    let (parent, case) = profiled("  logo: papier/absent.png\n  signature: papier/signature.pdf\n");
    std::fs::copy(root().join("tests/fixtures/valid/preuves/ar.pdf"), parent.path().join("papier/signature.pdf"))
        .expect("pdf");
    let text = std::fs::read_to_string(&case).expect("case");
    std::fs::write(&case, text.replacen("\ndebiteur:\n", "\ndebiteur:\n  logo: ../papier/logo.png\n", 1))
        .expect("case");
    let profile = std::fs::read_to_string(parent.path().join("recouvre.yaml")).expect("profile");
    let line = profile.lines().position(|l| l.contains("absent.png")).expect("logo line") + 1;
    let run = recouvre().arg("check").arg(&case).output().expect("check");
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(&format!("recouvre.yaml:{line}:"))
            && stderr.contains("creancier.logo : fichier introuvable « papier/absent.png »"),
        "the path is the profile's, relative to its folder:\n{stderr}"
    );
    assert!(stderr.contains("creancier.signature : « papier/signature.pdf » est un PDF"), "{stderr}");
    assert!(stderr.contains("debiteur.logo : le logo et la signature sont ceux du créancier"), "{stderr}");
}
