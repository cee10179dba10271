//! Issue 13, point 9 (médiateur): a mise en demeure to a consumer gives the creditor's médiateur
//! de la consommation, name and website (art. L. 616-1, L. 616-2 and R. 616-1 C. conso.); without
//! it the letter is refused (R050). Through the binary.

use crate::legal_cases::{Variant, sample_built};
use crate::support::contains_words;

#[test]
fn the_consumer_mise_en_demeure_names_the_mediator() {
    let built = sample_built("consommateur-tj", &["--etape", "mise_en_demeure"]);
    let text = built.text("mise-en-demeure.pdf");
    assert!(contains_words(&text, "médiateur de la consommation dont nous relevons"), "{text}");
    assert!(contains_words(&text, "Médiation Consommation Alpes, https://www.mediation-conso-alpes.example"), "{text}");
    assert!(contains_words(&text, "L. 616-1 et L. 616-2 du Code de la consommation"), "{text}");
}

#[test]
fn without_a_mediator_the_consumer_notice_is_refused() {
    let variant = Variant::of(
        "consommateur-tj",
        &[(
            "  mediateur: { nom: Médiation Consommation Alpes, site: \"https://www.mediation-conso-alpes.example\" }\n",
            "",
        )],
    );
    let plan = variant.plan(&["--etape", "mise_en_demeure"]);
    assert_eq!(plan.code, Some(1), "{}", plan.stderr);
    assert!(plan.lines_of("R050").iter().any(|l| l.contains("erreur R050: creancier.mediateur")), "{}", plan.stderr);
    // The court step, the notice long sent, does not ask for it.
    let court = variant.plan(&[]);
    assert!(court.lines_of("R050").is_empty(), "{}", court.stderr);
}

#[test]
fn a_business_debtor_gets_no_mediator_paragraph() {
    let built = sample_built("atelier-dupont", &["--etape", "mise_en_demeure"]);
    let text = built.text("mise-en-demeure.pdf");
    assert!(!contains_words(&text, "médiateur"), "{text}");
}
