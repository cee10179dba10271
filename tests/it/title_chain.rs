//! Issue 16, what a judge or a commissaire needs to recompute the title's décompte: the chain of
//! dates behind the +5 points (service, end of the opposition month with art. 642 CPC, enforceable,
//! two months more), a payment made before the ordonnance explained, and the art. 1413 CPC check of
//! the act of signification.

use crate::legal_cases::sample_built;
use crate::support::{assert_mentions, contains_words};

#[test]
fn the_surcharge_start_is_printed_with_its_chain_of_dates() {
    let built = sample_built("execution-certificat", &[]);
    let text = built.text("decompte-selon-le-titre.pdf");
    // Served Wednesday 3 December 2025; 3 January 2026 is a Saturday → Monday 5 January.
    assert_mentions(
        "text",
        &text,
        &[
            "Taux majoré de 5 points à compter du 7 mars 2026 (art. L. 313-3 CMF) : signifiée le 3 décembre 2025",
            "pouvait être frappée d’opposition dans le mois (art. 1416 CPC), délai expiré le lundi 5 janvier 2026 (reporté au premier jour ouvrable, art. 642 CPC)",
            "elle est exécutoire depuis le 6 janvier 2026",
            "(art. L. 313-3, al. 2, CMF)",
        ],
    );
}

#[test]
fn a_payment_before_the_ordonnance_is_explained_not_imputed() {
    let built = sample_built("execution-sans-avis", &[]);
    let text = built.text("decompte-selon-le-titre.pdf");
    let mention = "Le règlement de 1 200,00 € reçu le 20 juin 2026 (« VIR BATIMENTS MARTIN ACOMPTE F-2026-0102 »), antérieur à la requête, a été déduit des sommes demandées";
    assert!(contains_words(&text, mention), "« {mention} » not in:\n{text}");
}

#[test]
fn the_act_of_signification_is_checked_against_article_1413() {
    let built = sample_built("execution-certificat", &[]);
    let act = built.text("acte-de-signification.pdf");
    assert_mentions(
        "act",
        &act,
        &[
            "sommation au débiteur d’avoir (article 1413 du Code de procédure civile)",
            "10 000,00 € en principal",
            "ayant pour effet de saisir le tribunal de la demande initiale du créancier et de l’ensemble du litige",
            "vous ne pourrez plus exercer aucun recours",
        ],
    );
    assert!(!act.contains("commissaires de justice, commissaires de justice"), "{act}");
    let plan = crate::legal_cases::Variant::of("execution-certificat", &[]).plan(&[]);
    let next: Vec<&str> = plan.json["ensuite"].as_array().into_iter().flatten().filter_map(|n| n.as_str()).collect();
    assert!(next.iter().any(|n| n.contains("art. 1413 CPC")), "{next:?}");
}
