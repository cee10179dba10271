//! A claim of many invoices, through the binary: the letters list a readable number of them and
//! sum up the others, the décompte details every one, and both reconcile with `decompte --format json`.

use rust_decimal::Decimal;
use serde_json::Value;

use crate::support::{pdf_text, recouvre, squash};

/// Invoices of the case: well past the letters' list of 12, small enough for a test.
const INVOICES: usize = 60;

/// A business claim of `n` unpaid invoices of varied amounts and dates, two relances, one payment.
pub(crate) fn long_case(reference: &str, n: usize) -> String {
    let mut text = format!(
        r#"version: 1
reference: {reference}
date_calcul: 2026-11-23
lieu_signature: Lyon
creancier:
  type: societe
  raison_sociale: Société Créancière
  forme_juridique: SAS
  capital: "10000"
  siren: "000912345"
  rcs: Lyon
  adresse: {{ lignes: ["1 rue des Forges"], code_postal: "69007", ville: Lyon }}
  representant: {{ nom: Claire Dupont, qualite: présidente }}
  iban: FR7630004008230001012345669
debiteur:
  type: societe
  raison_sociale: Client Débiteur
  forme_juridique: SARL
  siren: "000912352"
  adresse: {{ lignes: ["2 avenue Jean Jaurès"], code_postal: "38000", ville: Grenoble }}
conditions: {{ source: cgv }}
factures:
"#
    );
    for k in 0..n {
        let (month, day, net) = (1 + (k * 7) % 9, 1 + (k * 13) % 27, 100 + (k * 37) % 900);
        text.push_str(&format!(
            "  - {{ numero: F-{k:05}, date: 2026-{month:02}-{day:02}, echeance: 2026-{:02}-{day:02}, montant_ht: \"{net}.00\", montant_tva: \"{}.00\", montant_ttc: \"{}.00\" }}\n",
            month + 1,
            net / 5,
            net + net / 5
        ));
    }
    text.push_str(
        r#"paiements:
  - { date: 2026-07-01, montant: "1000.00", facture: F-00000 }
relances:
  - { date: 2026-06-18, canal: email, interlocuteur: Comptabilité, resume: Première relance }
  - { date: 2026-08-20, canal: courrier, interlocuteur: Comptabilité, resume: Relance écrite }
"#,
    );
    text
}

pub(crate) fn euros(json: &Value) -> String {
    let amount: Decimal = json.as_str().and_then(|s| s.parse().ok()).expect("amount in the JSON");
    recouvre::format::euros(amount)
}

/// The amounts that follow each occurrence of `label` in squashed text, in order.
pub(crate) fn amounts_after(text: &str, label: &str) -> Vec<String> {
    let label = squash(label);
    text.match_indices(&label)
        .map(|(i, _)| {
            let rest = &text[i + label.len()..];
            let end = rest.find('€').map(|e| e + '€'.len_utf8()).unwrap_or(0);
            rest[..end].to_string()
        })
        .collect()
}

#[test]
fn long_claim_letters_sum_up_and_decompte_reconciles_with_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, long_case("LONG-60", INVOICES)).expect("write case");
    let out = dir.path().join("out");
    recouvre().arg("build").arg(&case).arg("-o").arg(&out).assert().success();
    let json = recouvre().arg("decompte").arg(&case).args(["--format", "json"]).assert().success();
    let claim: Value = serde_json::from_slice(&json.get_output().stdout).expect("décompte JSON");
    let invoices = claim["factures"].as_array().expect("factures");
    assert_eq!(invoices.len(), INVOICES);
    let dossier = crate::support::latest_build(&out, "LONG-60");

    // The décompte: every invoice, its own total, in order; then the grand total.
    let decompte = squash(&pdf_text(&dossier.join("02-decompte.pdf")));
    for f in invoices {
        let numero = f["numero"].as_str().expect("numero");
        assert!(decompte.contains(&squash(&format!("Facture n° {numero} du"))), "décompte: invoice {numero} missing");
    }
    let per_invoice = amounts_after(&decompte, "Total dû au titre de cette facture");
    let expected: Vec<String> = invoices.iter().map(|f| squash(&euros(&f["total"]))).collect();
    assert_eq!(per_invoice, expected, "décompte: each invoice's total, in order, as `decompte --format json`");
    let total = squash(&euros(&claim["totaux"]["total_du"]));
    assert_eq!(amounts_after(&decompte, "Total dû au 23 novembre 2026 :"), vec![total.clone()]);

    // The mise en demeure: the first 12 invoices, then the others summed up, and the exact total.
    let letter = squash(&pdf_text(&dossier.join("01-mise-en-demeure.pdf")));
    let listed = 12;
    for f in &invoices[..listed] {
        let numero = f["numero"].as_str().expect("numero");
        assert!(letter.contains(&squash(numero)), "letter lists {numero}");
    }
    let first_unlisted = invoices[listed]["numero"].as_str().expect("numero");
    assert!(!letter.contains(&squash(first_unlisted)), "letter stops listing after {listed} invoices");
    let others = INVOICES - listed;
    let sentence = squash(&format!("et {others} autres factures, détaillées au décompte joint"));
    assert!(letter.contains(&sentence), "letter sums up the others");
    let rest: Decimal = invoices[listed..]
        .iter()
        .map(|f| f["principal_restant"].as_str().and_then(|s| s.parse::<Decimal>().ok()).expect("principal"))
        .sum();
    let after_sentence = &letter[letter.find(&sentence).expect("sentence") + sentence.len()..];
    assert!(
        after_sentence.contains(&squash(&recouvre::format::euros(rest))),
        "the others' remaining principal, summed: {}",
        recouvre::format::euros(rest)
    );
    assert!(letter.contains(&squash(&format!("la somme de {}", euros(&claim["totaux"]["total_du"])))));
}
