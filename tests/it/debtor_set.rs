//! What goes to the debtor is what is addressed to the debtor. At a relance or a mise en demeure,
//! the letter and its décompte: not the « Historique des relances » (the creditor's record,
//! written for the court file), and a zip that holds them alone, the manifest with the creditor's
//! warnings staying in the build's folder. A court dossier's zip keeps its manifest.

use std::io::Read;
use std::path::Path;

use serde_json::Value;

use crate::support::{built, pdf_text, recouvre, sample, squash};

/// The zip's entries, each with its bytes.
fn zip_entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).expect("zip")).expect("read zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("read");
            (entry.name().map(|n| n.to_string()).expect("name"), bytes)
        })
        .collect()
}

#[test]
fn the_mise_en_demeure_goes_with_its_decompte_alone_and_its_zip_without_the_manifest() {
    let args = ["--etape", "mise_en_demeure"];
    let plan = recouvre()
        .arg("plan")
        .arg(sample("relances-en-cours"))
        .args(args)
        .args(["--format", "json"])
        .assert()
        .success();
    let plan: Value = serde_json::from_slice(&plan.get_output().stdout).expect("plan JSON");
    let kinds: Vec<&str> = plan["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["nature"]["type"].as_str().expect("type"))
        .collect();
    assert_eq!(kinds, ["mise_en_demeure", "decompte"], "{plan:#}");
    assert_eq!(plan["destinataire"], "débiteur");

    let outcome = built("relances-en-cours", &args);
    let roles: Vec<&str> = outcome.files.iter().map(|f| f.role.as_str()).collect();
    assert_eq!(roles, ["mise_en_demeure", "decompte"]);
    let letter = pdf_text(&outcome.dir.join("01-mise-en-demeure.pdf"));
    assert!(squash(&letter).contains(&squash("P.J. : décompte détaillé de la créance")), "{letter}");

    // The zip: the two letters, byte for byte; the manifest, with its warnings, in the folder only.
    let entries = zip_entries(&outcome.dir.join(format!("{}.zip", outcome.reference)));
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["01-mise-en-demeure.pdf", "02-decompte.pdf"]);
    for (name, bytes) in &entries {
        assert!(std::fs::read(outcome.dir.join(name)).expect("file") == *bytes, "{name}");
    }
    let manifest = recouvre::ground::manifest::Manifest::read(&outcome.dir).expect("manifest in the folder");
    assert_eq!(manifest.destinataire, "débiteur");
    assert_eq!(manifest.fichiers.len(), 2);
}

#[test]
fn a_relance_zip_holds_the_letter_and_the_decompte_and_a_court_zip_its_manifest() {
    let relance = built("relances-en-cours", &[]);
    let entries = zip_entries(&relance.dir.join(format!("{}.zip", relance.reference)));
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["01-relance-2.pdf", "02-decompte.pdf"]);

    let court = built("atelier-dupont", &[]);
    let entries = zip_entries(&court.dir.join(format!("{}.zip", court.reference)));
    assert!(entries.iter().any(|(n, _)| n == "manifest.json"), "the court dossier's zip keeps its manifest");
    assert!(entries.iter().any(|(n, _)| n == "04-historique-des-relances.pdf"), "and the history, for the court");
}
