//! A mise en demeure claims only the invoices due on the day it was sent. When others fell due
//! after it, the court papers say which invoices it claimed and that the others fell due after
//! it: never that they stayed unpaid « malgré » a letter that could not claim them.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde_json::Value;

use crate::support::{assert_absent, assert_mentions, copy_sample, latest_build, pdf_text, recouvre};

/// A copy of `sample` with one more invoice (`invoice`, YAML lines of a list item) inserted first
/// under `factures:`, its file `file` a copy of the sample's `like` with a comment appended (other
/// bytes, the same pages).
fn with_invoice(sample: &str, invoice: &str, like: &str, file: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = copy_sample(sample);
    let case = dir.path().join("case.yaml");
    let text = std::fs::read_to_string(&case).expect("case");
    assert!(text.contains("\nfactures:\n"), "{sample}: a list of invoices");
    std::fs::write(&case, text.replacen("\nfactures:\n", &format!("\nfactures:\n{invoice}"), 1)).expect("write case");
    let mut bytes = std::fs::read(dir.path().join(like)).expect("invoice file");
    bytes.extend_from_slice(b"\n% copie pour un test\n");
    std::fs::write(dir.path().join(file), bytes).expect("write invoice file");
    (dir, case)
}

fn build(case: &Path, reference: &str) -> PathBuf {
    let out = case.parent().expect("folder").join("out");
    recouvre().arg("build").arg(case).arg("-o").arg(&out).assert().success();
    latest_build(&out, reference)
}

/// The remaining principal of the invoices `numbers`, from `decompte --format json`, written.
fn principal_of(case: &Path, numbers: &[&str]) -> String {
    let json = recouvre().arg("decompte").arg(case).args(["--format", "json"]).assert().success();
    let claim: Value = serde_json::from_slice(&json.get_output().stdout).expect("décompte JSON");
    let sum: Decimal = claim["factures"]
        .as_array()
        .expect("factures")
        .iter()
        .filter(|f| numbers.contains(&f["numero"].as_str().expect("numero")))
        .map(|f| f["principal_restant"].as_str().and_then(|s| s.parse::<Decimal>().ok()).expect("principal"))
        .sum();
    recouvre::format::euros(sum)
}

#[test]
fn requete_says_which_invoices_the_notice_claimed_and_which_fell_due_after_it() {
    // Mise en demeure sent on 2 September 2026; this invoice falls due on 24 September.
    let invoice = "  - { numero: F-2026-0090, date: 2026-08-25, echeance: 2026-09-24, objet: Portillon, montant_ht: \"1000.00\", montant_tva: \"200.00\", montant_ttc: \"1200.00\", fichier: pieces/F-2026-0090.pdf }\n";
    let (_dir, case) = with_invoice("atelier-dupont", invoice, "pieces/F-2026-0071.pdf", "pieces/F-2026-0090.pdf");
    let dossier = build(&case, "DOS-2026-014");
    let requete = pdf_text(&dossier.join("01-requete-injonction-de-payer.pdf"));
    let covered = principal_of(&case, &["F-2026-0042", "F-2026-0057", "F-2026-0071"]);
    assert_mentions(
        "requête",
        &requete,
        &[
            format!(
                "expiré le 12 septembre 2026 pour régler les factures n° F-2026-0042, F-2026-0057 et F-2026-0071, alors échues (principal restant dû : {covered}), la débitrice n'a pas réglé les sommes dues au titre de ces factures."
            ),
            "La facture n° F-2026-0090 (échéance le 24 septembre 2026), qui n'était pas encore en retard de paiement à l'envoi de la mise en demeure, est également demeurée impayée (principal restant dû : 1 200,00 €).".to_string(),
        ],
    );
    assert_absent("requête", &requete, &["expiré le 12 septembre 2026, la débitrice"]);
    // Every invoice the letter claimed was due at the last relance (20 August): « Malgré » holds.
    assert_mentions("requête", &requete, &["Malgré trois relances amiables, du 18 juin au 20 août 2026"]);
}

#[test]
fn summons_and_small_claims_request_say_it_too() {
    // Référé-provision: mise en demeure of 22 September 2026, an invoice due on 10 October.
    let invoice = "  - { numero: ES-2026-0340, date: 2026-09-10, echeance: 2026-10-10, objet: Éclairage du parking, montant_ht: \"500.00\", montant_tva: \"100.00\", montant_ttc: \"600.00\", fichier: pieces/ES-2026-0340.pdf }\n";
    let (_dir, case) = with_invoice("refere-tc", invoice, "pieces/ES-2026-0311.pdf", "pieces/ES-2026-0340.pdf");
    let dossier = build(&case, "RP-2026-017");
    let summons = pdf_text(&dossier.join("01-assignation-en-refere-provision.pdf"));
    let covered = principal_of(&case, &["ES-2026-0311"]);
    assert_mentions(
        "assignation",
        &summons,
        &[
            format!("la débitrice a été mise en demeure de payer la facture n° ES-2026-0311, alors échue (principal restant dû : {covered}) dans un délai de 8 jours"),
            "La facture n° ES-2026-0340 (échéance le 10 octobre 2026), qui n'était pas encore en retard de paiement à l'envoi de la mise en demeure, est également demeurée impayée (principal restant dû : 600,00 €).".to_string(),
            "restée sans paiement malgré la mise en demeure pour la facture n° ES-2026-0311, et depuis son échéance pour la facture n° ES-2026-0340, n'est pas sérieusement contestable".to_string(),
        ],
    );

    // Petites créances: mise en demeure of 12 October 2026, an invoice due on 30 October.
    let invoice = "  - { numero: SGM-26-052, date: 2026-09-30, echeance: 2026-10-30, objet: Flyers, montant_ht: \"250.00\", montant_tva: \"50.00\", montant_ttc: \"300.00\", fichier: pieces/SGM-26-052.pdf }\n";
    let (_dir, case) = with_invoice("petites-creances", invoice, "pieces/SGM-26-044.pdf", "pieces/SGM-26-052.pdf");
    let dossier = build(&case, "SGM-2026-09");
    let request = std::fs::read_dir(&dossier)
        .expect("dossier")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("01-")))
        .expect("the request");
    let text = pdf_text(&request);
    assert_mentions(
        "petites créances",
        &text,
        &[
            "la débitrice a été mise en demeure de payer les factures n° SGM-26-031 et SGM-26-044, alors échues",
            "La facture n° SGM-26-052 (échéance le 30 octobre 2026), qui n'était pas encore en retard de paiement à l'envoi de la mise en demeure, est également demeurée impayée (principal restant dû : 300,00 €).",
        ],
    );
}

#[test]
fn many_invoices_are_counted_rather_than_named() {
    // atelier-dupont with 12 more invoices due before the mise en demeure of 2 September 2026 (15
    // then) and 13 due after it: more than a letter names, so the requête counts them.
    let dir = copy_sample("atelier-dupont");
    let case = dir.path().join("case.yaml");
    let like = std::fs::read(dir.path().join("pieces/F-2026-0071.pdf")).expect("invoice file");
    let mut invoices = String::new();
    for k in 0..25 {
        // Seven of the twelve fall due on 20 August (the last relance) or later, before the letter.
        let due = if k < 12 { format!("2026-08-{:02}", k + 15) } else { format!("2026-10-{:02}", k - 11) };
        let file = format!("pieces/G-{k:02}.pdf");
        let mut bytes = like.clone();
        bytes.extend_from_slice(format!("\n% copie {k}\n").as_bytes());
        std::fs::write(dir.path().join(&file), bytes).expect("write invoice file");
        invoices.push_str(&format!(
            "  - {{ numero: G-{k:02}, date: 2026-07-01, echeance: {due}, montant_ht: \"100.00\", montant_tva: \"20.00\", montant_ttc: \"120.00\", fichier: {file} }}\n"
        ));
    }
    let text = std::fs::read_to_string(&case).expect("case");
    std::fs::write(&case, text.replacen("\nfactures:\n", &format!("\nfactures:\n{invoices}"), 1)).expect("write case");
    let dossier = build(&case, "DOS-2026-014");
    let requete = pdf_text(&dossier.join("01-requete-injonction-de-payer.pdf"));
    let mut covered: Vec<String> = (0..12).map(|k| format!("G-{k:02}")).collect();
    covered.extend(["F-2026-0042", "F-2026-0057", "F-2026-0071"].map(String::from));
    let covered = principal_of(&case, &covered.iter().map(String::as_str).collect::<Vec<_>>());
    assert_mentions(
        "requête",
        &requete,
        &[
            format!("pour régler les 15 factures alors échues (principal restant dû : {covered}), la débitrice"),
            "Après trois relances amiables, du 18 juin au 20 août 2026".to_string(),
            "Les 13 autres factures (échéances du 1er au 13 octobre 2026), qui n'étaient pas encore en retard de paiement à l'envoi de la mise en demeure, sont également demeurées impayées (principal restant dû : 1 560,00 €).".to_string(),
        ],
    );
}
