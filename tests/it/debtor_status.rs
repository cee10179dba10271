//! Issue 15: the L. 441-10 penalties and the 40 € indemnity are owed by a professionnel only. An
//! association must be shown to be one (its economic activity, printed in the court documents) or
//! said not to be (legal interest from the mise en demeure, no 40 €); neither is an error (R052).

use crate::legal_cases::{Variant, sample_build, sample_built};
use crate::support::{assert_mentions, contains_words};

const ACTIVITY: &str = "  activite_professionnelle: exploitation d’un port de plaisance — location d’anneaux d’amarrage et hivernage payant des bateaux sous le hangar couvert\n";

#[test]
fn an_association_is_charged_penalties_only_once_shown_to_be_a_professional() {
    let built = sample_built("contestation-tj", &[]);
    let summons = built.text("assignation-en-paiement.pdf");
    assert_mentions(
        "summons",
        &summons,
        &[
            "a contracté pour les besoins de son activité économique (exploitation d’un port de plaisance",
            "est un professionnel au sens de l’article L. 441-10 du Code de commerce",
            "312,77 €",
            "8 452,77 €",
        ],
    );

    let unsaid = Variant::of("contestation-tj", &[(ACTIVITY, "")]);
    let plan = unsaid.plan(&[]);
    let lines = plan.lines_of("R052");
    assert_eq!(lines.len(), 1, "{}", plan.stderr);
    assert!(lines[0].contains("debiteur.type") && lines[0].contains("L. 441-10"), "{}", plan.stderr);
    assert_eq!(unsaid.build(&[]).code, Some(1), "nothing is built on an unproven status");
}

#[test]
fn a_non_professional_association_owes_legal_interest_from_the_notice_and_no_indemnity() {
    let variant = Variant::of("contestation-tj", &[(ACTIVITY, "  non_professionnel: true\n")]);
    // The legal rate of 2026 H2 is not in the embedded tables: given here as a user file would.
    let rates = variant.dir.path().join("taux.csv");
    std::fs::write(&rates, "type,debut,taux,categorie\nlegal,2026-07-01,2.85,autre\n").expect("write rates");
    let built = variant.build(&["--taux", rates.to_str().expect("utf-8 path")]);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    // Mise en demeure received 17 September 2026: 18 September – 23 November, 67 days;
    // 8 100,00 × 2,85 % × 67 / 365 = 42,38 €.
    let statement = built.text("decompte.pdf");
    assert_mentions(
        "statement",
        &statement,
        &[
            "18/09/2026 23/11/2026 67 8 100,00 € 2,85 % 42,38 €",
            "Total dû au 23 novembre 2026 : 8 142,38 €",
            "Pas d’indemnité forfaitaire de 40 € : la débitrice n’est pas un professionnel (art. L. 441-10 II C. com.)",
        ],
    );
    let summons = built.text("assignation-en-paiement.pdf");
    assert!(
        contains_words(&summons, "intérêts au taux de l’intérêt légal (articles 1231-6 et 1344-1 du Code civil)"),
        "{summons}"
    );
    assert!(!summons.contains("L. 441-10") && !summons.contains("40,00 €"), "{summons}");
}

#[test]
fn an_association_held_professional_is_also_sued_in_the_alternative_at_the_legal_rate() {
    let built = sample_built("contestation-tj", &[]);
    let text = built.text("assignation-en-paiement.pdf");
    // Received 17 September 2026: legal interest from that day, no L. 441-10 penalties, no 40 €.
    assert_mentions(
        "assignation",
        &text,
        &[
            "À titre subsidiaire, si la qualité de professionnel n’était pas retenue pour Club nautique du lac, condamner Club nautique du lac à payer à Alpes Charpente la somme de 8 100,00 € en principal, avec intérêts au taux légal à compter du 17 septembre 2026, date de réception de la mise en demeure (articles 1231-6 et 1344-1 du Code civil)",
        ],
    );
    let principal = text.find("soit la somme totale").unwrap_or(0);
    let alternative = text.find("À titre subsidiaire").unwrap_or(0);
    assert!(principal < alternative, "the alternative follows the main claim:\n{text}");
    // A company's status is not argued, and a référé asks for no alternative.
    let refere = sample_build("refere-tc", &[]);
    assert!(!contains_words(&refere.text("assignation-en-refere-provision.pdf"), "À titre subsidiaire"));
}
