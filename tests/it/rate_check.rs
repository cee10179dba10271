//! An ECB rate past the checked table (R032): the documents print it as the rate in force, so
//! `plan` puts checking it first, before anything is signed, rather than printing a doubt on a
//! document to be filed.

use crate::legal_cases::Variant;

#[test]
fn an_unchecked_ecb_rate_is_the_first_thing_to_do_before_signing() {
    // The liquidation's penalties run in the 2nd half of 2026, past the embedded table's check.
    let plan = Variant::of("liquidation", &[]).plan(&[]);
    let first = plan.json["ensuite"][0].as_str().unwrap_or_default().to_string();
    assert!(first.starts_with("avant de signer ou d'envoyer : vérifier le taux de refinancement de la BCE"), "{first}");
    assert!(
        first.contains("2e semestre 2026") && first.contains("--taux taux.csv") && first.contains("(R032)"),
        "{first}"
    );
    // Checked up to the case's date with --taux: nothing more to check.
    let dir = tempfile::tempdir().expect("tempdir");
    let rates = dir.path().join("taux.csv");
    std::fs::write(&rates, "# verifie_jusqu_au: 2026-11-23\n").expect("write");
    let checked = Variant::of("liquidation", &[]).plan(&["--taux", rates.to_str().unwrap_or_default()]);
    let next = checked.json["ensuite"].to_string();
    assert!(!next.contains("avant de signer"), "{next}");
    assert!(next.contains("adresser la déclaration de créance"), "{next}");
}
