//! A payment imputed over several invoices is shown once, as a whole: one table after the
//! invoices' blocks, with what each invoice received on the interest and on the principal, whose
//! sums are the payment. A payment that went to one invoice gets no table.

use rust_decimal::Decimal;
use serde_json::Value;

use crate::long_claims::long_case;
use crate::support::{assert_mentions, latest_build, pdf_text, recouvre, squash};

fn amount(v: &Value) -> Decimal {
    v.as_str().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("amount: {v}"))
}

fn written(v: &Value) -> String {
    recouvre::format::euros(amount(v))
}

#[test]
fn a_payment_spread_over_invoices_gets_one_table_that_sums_to_it() {
    // 8 invoices; 1 000 € paid on 1 July 2026 for F-00000 (120 €): the surplus goes to the others.
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, long_case("SPLIT", 8)).expect("write case");
    let out = dir.path().join("out");
    recouvre().arg("build").arg(&case).arg("-o").arg(&out).assert().success();
    let json = recouvre().arg("decompte").arg(&case).args(["--format", "json"]).assert().success();
    let claim: Value = serde_json::from_slice(&json.get_output().stdout).expect("décompte JSON");

    // The JSON: one spread payment, its parts in the order of imputation, summing to it, each the
    // share the invoice's own block shows.
    let splits = claim["repartitions"].as_array().expect("repartitions");
    assert_eq!(splits.len(), 1, "{splits:#?}");
    let split = &splits[0];
    assert_eq!(split["paiement"], 1);
    assert_eq!(split["montant"], "1000.00");
    assert_eq!(split["facture_designee"], "F-00000");
    let parts = split["parts"].as_array().expect("parts");
    assert!(parts.len() > 1, "{parts:#?}");
    assert_eq!(parts[0]["facture"], "F-00000", "the invoice the debtor named first");
    let sum: Decimal = parts.iter().map(|p| amount(&p["interets"]) + amount(&p["principal"])).sum();
    assert_eq!(sum, Decimal::new(100_000, 2), "the parts add up to the payment");
    assert_eq!(amount(&split["total"]), sum);
    let echeances: Vec<&str> = parts[1..].iter().map(|p| p["echeance"].as_str().expect("echeance")).collect();
    assert!(echeances.is_sorted(), "the surplus to the oldest due date first: {echeances:?}");
    let invoices = claim["factures"].as_array().expect("factures");
    for p in parts {
        let invoice = invoices.iter().find(|f| f["numero"] == p["facture"]).expect("invoice");
        let own = &invoice["paiements"][0];
        assert_eq!(
            (&own["interets"], &own["principal"], &own["reparti"]),
            (&p["interets"], &p["principal"], &Value::Bool(true))
        );
    }

    // The décompte as printed: each block names its share, the table gives the whole.
    let text = pdf_text(&latest_build(&out, "SPLIT").join("02-decompte.pdf"));
    let squashed = squash(&text);
    assert_eq!(squashed.matches(&squash("Imputation des règlements répartis sur plusieurs factures")).count(), 1);
    assert_eq!(
        squashed.matches(&squash("Part du règlement de 1 000,00 € réparti sur plusieurs factures")).count(),
        parts.len(),
        "each invoice's block names its share"
    );
    let mut mentions = vec![
        "Règlement de 1 000,00 € reçu le 1er juillet 2026, affecté par le débiteur à la facture n° F-00000 ; le surplus imputé sur les factures échues, la plus ancienne d’abord (art. 1342-10 C. civ.), et dans chaque facture sur les pénalités échues avant le principal (art. 1343-1 C. civ.) :".to_string(),
        format!("Total {} {} 1 000,00 €", written(&split["interets"]), written(&split["principal"])),
    ];
    for p in parts {
        let due = p["echeance"].as_str().expect("echeance");
        let due = format!("{}/{}/{}", &due[8..10], &due[5..7], &due[..4]);
        mentions.push(format!(
            "{} {due} {} {} {}",
            p["facture"].as_str().expect("facture"),
            written(&p["interets"]),
            written(&p["principal"]),
            written(&p["total"])
        ));
    }
    assert_mentions("décompte", &text, &mentions);
    let table = squashed.find(&squash("Imputation des règlements répartis")).expect("table");
    let last_block = squashed.rfind(&squash("Total dû au titre de cette facture")).expect("blocks");
    let summary = squashed.find(&squash("Récapitulatif")).expect("summary");
    assert!(last_block < table && table < summary, "after the invoices' blocks, before the summary");
}

#[test]
fn a_payment_to_one_invoice_gets_no_table() {
    // atelier-dupont: 1 000 € paid for F-2026-0042, which owed more.
    let built = crate::support::built("atelier-dupont", &[]);
    let text = pdf_text(&built.dir.join("03-decompte.pdf"));
    assert!(!squash(&text).contains(&squash("Imputation des règlements")), "{text}");
    assert!(squash(&text).contains(&squash("Règlement de 1 000,00 € (affecté à cette facture lors du paiement)")));
    let json = recouvre()
        .arg("decompte")
        .arg(crate::support::sample("atelier-dupont"))
        .args(["--format", "json"])
        .assert()
        .success();
    let claim: Value = serde_json::from_slice(&json.get_output().stdout).expect("décompte JSON");
    assert_eq!(claim["repartitions"], Value::Array(Vec::new()));
}
