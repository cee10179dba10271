//! An ECB rate past the checked table (R032): `plan` puts checking it first, before anything is
//! signed, and until it is checked the décompte prints it as what it is, the last rate published
//! and known, not checked for that half-year — never as the rate in force.

use crate::legal_cases::{Variant, sample_built};
use crate::support::{assert_absent, assert_mentions};

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

#[test]
fn the_decompte_prints_an_unchecked_ecb_rate_as_the_last_known_not_as_a_fact() {
    // atelier-dupont: penalties in both halves of 2026; the embedded table is checked to 5 February.
    let unchecked = sample_built("atelier-dupont", &[]).text("-decompte.pdf");
    assert_mentions(
        "décompte",
        &unchecked,
        &[
            "taux BCE 2,15 % + 10 points (1er semestre 2026)",
            "taux BCE 2,15 % + 10 points (2e semestre 2026 : dernier taux publié connu, du 11 juin 2025, non vérifié pour ce semestre)",
        ],
    );
    assert_absent("décompte", &unchecked, &["taux BCE 2,15 % + 10 points (2e semestre 2026)."]);
    // Checked up to the case's date (--taux): the rate of the half-year, as a fact.
    let dir = tempfile::tempdir().expect("tempdir");
    let rates = dir.path().join("taux.csv");
    std::fs::write(&rates, "# verifie_jusqu_au: 2026-11-23\n").expect("write");
    let checked = sample_built("atelier-dupont", &["--taux", rates.to_str().unwrap_or_default()]).text("-decompte.pdf");
    assert_mentions("décompte", &checked, &["taux BCE 2,15 % + 10 points (2e semestre 2026)"]);
    assert_absent("décompte", &checked, &["non vérifié"]);
}
