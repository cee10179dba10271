//! Legal interest runs from the mise en demeure (art. 1344-1 C. civ.) only on the invoices it
//! claimed: those due when it was sent and, when the case says which it named
//! (`mise_en_demeure.factures`), only those. Any other bears none in the décompte (its principal
//! is claimed all the same), and the décompte and the requête say why.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{assert_absent, assert_mentions, copy_sample, latest_build, pdf_text, recouvre};

/// The consumer sample (mise en demeure sent on 10 February 2026, received on the 12th) with an
/// invoice due the day before it was sent and one due the day it was sent; its letter is taken to
/// claim every invoice due when it was sent (no `factures`).
fn consumer_case() -> (tempfile::TempDir, PathBuf) {
    let (dir, case) = consumer_case_naming_one_invoice();
    let text = std::fs::read_to_string(&case).expect("case");
    std::fs::write(&case, text.replacen(NAMED, "", 1)).expect("write case");
    (dir, case)
}

/// The sample's mise en demeure names its one invoice, as its letter (pièce) does.
const NAMED: &str = "  factures: [CF-F-2025-0877]\n";

/// The same case, whose mise en demeure named only the sample's invoice.
fn consumer_case_naming_one_invoice() -> (tempfile::TempDir, PathBuf) {
    let dir = copy_sample("consommateur-tj");
    let case = dir.path().join("case.yaml");
    let invoices = [("CF-F-2026-0101", "2026-02-09"), ("CF-F-2026-0102", "2026-02-10")];
    let mut lines = String::new();
    for (number, due) in invoices {
        lines.push_str(&format!("  - {{ numero: {number}, date: 2026-01-20, echeance: {due}, objet: Crédence, montant_ht: \"500.00\", montant_tva: \"100.00\", montant_ttc: \"600.00\", fichier: pieces/{number}.pdf }}\n"));
        let mut bytes = std::fs::read(dir.path().join("pieces/CF-F-2025-0877.pdf")).expect("invoice file");
        bytes.extend_from_slice(format!("\n% copie {number}\n").as_bytes());
        std::fs::write(dir.path().join(format!("pieces/{number}.pdf")), bytes).expect("write invoice file");
    }
    let text = std::fs::read_to_string(&case).expect("case");
    assert!(text.contains(NAMED), "the sample's mise en demeure changed");
    std::fs::write(&case, text.replacen("\nfactures:\n", &format!("\nfactures:\n{lines}"), 1)).expect("write case");
    (dir, case)
}

fn build_texts(case: &Path) -> (String, String) {
    let out = case.parent().expect("folder").join("out");
    recouvre().arg("build").arg(case).arg("-o").arg(&out).assert().success();
    let dossier = latest_build(&out, "CF-2025-311");
    let file = |part: &str| {
        std::fs::read_dir(&dossier)
            .expect("dossier")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.contains(part) && n.ends_with(".pdf")))
            .unwrap_or_else(|| panic!("{part} in {}", dossier.display()))
    };
    (pdf_text(&file("decompte")), pdf_text(&file("requete")))
}

fn decompte_json(case: &Path) -> Value {
    let out = recouvre().arg("decompte").arg(case).args(["--format", "json"]).assert().success();
    serde_json::from_slice(&out.get_output().stdout).expect("décompte JSON")
}

fn invoice<'a>(json: &'a Value, number: &str) -> &'a Value {
    json["factures"].as_array().expect("factures").iter().find(|f| f["numero"] == number).expect(number)
}

#[test]
fn an_invoice_due_after_the_notice_was_sent_bears_no_legal_interest() {
    let (_dir, case) = consumer_case();
    let json = decompte_json(&case);
    let original = decompte_json(&copy_sample("consommateur-tj").path().join("case.yaml"));

    // Due on the day the letter was sent: not yet due then, so not claimed by it.
    let same_day = invoice(&json, "CF-F-2026-0102");
    assert_eq!(same_day["interets"], "0.00");
    assert_eq!(same_day["segments"].as_array().map(Vec::len), Some(0));
    assert_eq!(same_day["principal_restant"], "600.00");
    assert!(
        same_day["interets_non_comptes"].as_str().is_some_and(|s| s.contains("mise en demeure du 10 février 2026"))
    );

    // Due the day before: interest from the day after receipt, as before.
    let day_before = invoice(&json, "CF-F-2026-0101");
    assert_ne!(day_before["interets"], "0.00");
    assert_eq!(day_before["premier_jour"], "2026-02-13");
    assert_eq!(day_before["interets_non_comptes"], Value::Null);

    // The sample's own invoice: unchanged.
    assert_eq!(invoice(&json, "CF-F-2025-0877")["interets"], invoice(&original, "CF-F-2025-0877")["interets"]);
    assert_eq!(invoice(&original, "CF-F-2025-0877")["interets"], "42.38");
}

#[test]
fn the_decompte_and_the_requete_say_why() {
    let (_dir, case) = consumer_case();
    let (decompte, requete) = build_texts(&case);
    assert_mentions(
        "décompte",
        &decompte,
        &[
            "Intérêts au taux légal non comptés : la facture n'était pas encore en retard de paiement à l'envoi de la mise en demeure du 10 février 2026, qui n'a donc pu constituer la débitrice en demeure de la payer ; ils ne courent qu'à compter d'une nouvelle interpellation de la débitrice : mise en demeure, assignation ou signification de l'ordonnance portant injonction de payer (art. 1344 et 1344-1 C. civ.).",
        ],
    );
    assert_mentions(
        "requête",
        &requete,
        &[
            "les sommes dues pour les factures n° CF-F-2026-0101 et CF-F-2025-0877, réclamées par la mise en demeure et échues à son envoi, portent intérêts au taux légal",
            "La facture n° CF-F-2026-0102, qui n'était pas encore en retard de paiement à l'envoi de la mise en demeure, ne porte aucun intérêt au décompte, la mise en demeure n'ayant pu constituer la débitrice en demeure de la payer ; elle n'en portera qu'à compter de la signification de l'ordonnance à intervenir (article 1344 du Code civil).",
            "et sur la somme de 600,00 € à compter de la signification de l'ordonnance, le tout jusqu'à complet paiement",
        ],
    );
    assert_absent("requête", &requete, &["ou du lendemain de l'échéance si elle est postérieure"]);
}

#[test]
fn an_invoice_the_notice_did_not_name_bears_no_legal_interest() {
    let (_dir, case) = consumer_case_naming_one_invoice();
    let json = decompte_json(&case);
    // Due the day before the letter was sent, but not named by it: no interest, for that reason
    // (the one due on the day it was sent is not named either, the decisive reason).
    let unnamed = invoice(&json, "CF-F-2026-0101");
    assert_eq!(unnamed["interets"], "0.00");
    assert_eq!(unnamed["principal_restant"], "600.00");
    assert_eq!(
        unnamed["interets_non_comptes"],
        "Intérêts au taux légal non comptés : la mise en demeure du 10 février 2026 ne visait pas cette facture et n'a donc pu constituer la débitrice en demeure de la payer ; ils ne courent qu'à compter d'une nouvelle interpellation de la débitrice : mise en demeure, assignation ou signification de l'ordonnance portant injonction de payer (art. 1344 et 1344-1 C. civ.)."
    );
    assert_eq!(invoice(&json, "CF-F-2026-0102")["interets_non_comptes"], unnamed["interets_non_comptes"]);
    assert_eq!(invoice(&json, "CF-F-2025-0877")["interets"], "42.38");
    assert_eq!(json["totaux"]["interets"], "42.38");

    let (decompte, requete) = build_texts(&case);
    assert_mentions(
        "décompte",
        &decompte,
        &["Une facture que la mise en demeure du 10 février 2026 ne visait pas n'est pas couverte par elle"],
    );
    assert_mentions(
        "requête",
        &requete,
        &[
            "les sommes dues pour la facture n° CF-F-2025-0877, réclamée par la mise en demeure et échue à son envoi, portent intérêts au taux légal",
            "Les factures n° CF-F-2026-0101 et CF-F-2026-0102, que la mise en demeure ne visait pas, ne portent aucun intérêt au décompte, la mise en demeure n'ayant pu constituer la débitrice en demeure de les payer ; elles n'en porteront qu'à compter de la signification de l'ordonnance à intervenir (article 1344 du Code civil).",
            "pour régler la facture n° CF-F-2025-0877, alors échue (principal restant dû : 4 800,00 €)",
            "Les factures n° CF-F-2026-0101 et CF-F-2026-0102 (échéances les 9 et 10 février 2026), que la mise en demeure ne visait pas, sont également demeurées impayées (principal restant dû : 1 200,00 €).",
            "les intérêts au taux légal sur la somme de 4 800,00 €",
            "et sur la somme de 1 200,00 € à compter de la signification de l'ordonnance, le tout jusqu'à complet paiement",
            "Vu les articles 1231-6, 1344 et 1344-1 du Code civil",
        ],
    );
}

#[test]
fn a_notice_naming_an_invoice_not_in_the_case_is_refused() {
    let (_dir, case) = consumer_case_naming_one_invoice();
    let text = std::fs::read_to_string(&case).expect("case");
    std::fs::write(&case, text.replace("factures: [CF-F-2025-0877]", "factures: [CF-F-2025-0877, CF-F-2025-0878]"))
        .expect("write");
    let out = recouvre().arg("check").arg(&case).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("erreur R014: mise_en_demeure.factures[2] : la mise en demeure désigne la facture « CF-F-2025-0878 », absente du dossier"),
        "{stderr}"
    );
}
