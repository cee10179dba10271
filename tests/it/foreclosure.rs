//! Issue 15, the requête en relevé de forclusion: the debtor's omission of the claim from its list
//! pleaded first (art. L. 622-26 al. 1, L. 622-6 C. com.), the missing avertissement second, the
//! omission's pièce numbered when given and a warning when not (R073), the organs present, and the
//! declaration sent the same day declared admissible.

use crate::legal_cases::{Variant, sample_built};
use crate::support::{assert_mentions, contains_words};

const OMITTED: &str =
    "  omise_de_la_liste: true\n  preuve_omission: pieces/attestation-mandataire-liste-creanciers.pdf\n";

#[test]
fn the_omission_is_the_first_ground_and_the_declaration_is_declared_admissible() {
    let built = sample_built("releve-forclusion", &[]);
    let text = built.text("requete-en-releve-de-forclusion.pdf");
    let omission = text.find("Sur l’omission de la créance").unwrap_or_else(|| panic!("no omission ground:\n{text}"));
    let notice = text.find("Au surplus").unwrap_or_else(|| panic!("no secondary ground:\n{text}"));
    assert!(omission < notice, "the omission comes first:\n{text}");
    assert_mentions(
        "text",
        &text,
        &[
            "ne l’a pas portée sur la liste de ses créanciers",
            "(articles L. 622-6, alinéa 2, et R. 622-5 du Code de commerce)",
            "Cette omission suffit à justifier le relevé de forclusion",
            "dire recevable la déclaration de créance adressée le 23 novembre 2026 au mandataire judiciaire",
            "Vu les articles L. 622-6, L. 622-24, L. 622-26 et R. 622-21 du Code de commerce",
        ],
    );
    assert!(!contains_words(&text, "dans le délai d’un mois"), "unverified one-month request:\n{text}");
    // The mandataire's statement shows the omission: no R073.
    assert!(!built.stderr.contains("R073"), "{}", built.stderr);
    // Without it, the build says no pièce shows the omission.
    let unproved = Variant::of("releve-forclusion", &[(OMITTED, "  omise_de_la_liste: true\n")]).build(&[]);
    assert!(
        unproved.stderr.contains("R073") && unproved.stderr.contains("n'est établie par aucune pièce"),
        "{}",
        unproved.stderr
    );
}

#[test]
fn the_omission_proof_is_a_numbered_piece_and_the_administrateur_is_present() {
    let built = sample_built("releve-forclusion", &[]);
    let list = built.text("bordereau-de-pieces.pdf");
    assert!(
        contains_words(&list, "4 Justificatif de l’omission de la créance sur la liste des créanciers du débiteur"),
        "{list}"
    );
    let text = built.text("requete-en-releve-de-forclusion.pdf");
    assert!(
        contains_words(&text, "(articles L. 622-6, alinéa 2, et R. 622-5 du Code de commerce) (pièce n° 4)"),
        "{text}"
    );
    // The pièce is the mandataire's statement that the debtor's list does not name the creditor.
    let piece = std::fs::read_dir(built.dir.join("pieces"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("piece-04-")));
    let piece = crate::support::pdf_text(&piece.unwrap_or_default());
    assert!(
        contains_words(&piece, "ne mentionne ni Imprimerie Rhodanienne, ni aucune créance de cette société"),
        "{piece}"
    );
    // In the « en présence de » block, between the mandataire and the debtor (the line may hyphenate).
    let present = &text[text.find("EN PRÉSENCE DE").unwrap_or(0)..text.find("a l’honneur").unwrap_or(text.len())];
    assert!(contains_words(present, "SELARL AJ Rhône-Loire, prise en la personne de Me Hélène Besson"), "{present}");
    assert!(contains_words(present, "4 rue de la République, 42000 SAINT-ÉTIENNE"), "{present}");
}

#[test]
fn a_missing_avertissement_alone_is_flagged_as_a_weak_ground() {
    let plan = Variant::of("releve-forclusion", &[(OMITTED, "")]).plan(&[]);
    let lines = plan.lines_of("R073");
    assert_eq!(lines.len(), 1, "{}", plan.stderr);
    assert!(lines[0].contains("seul défaut d'avertissement"), "{}", plan.stderr);
    let proof_alone = Variant::of(
        "releve-forclusion",
        &[(OMITTED, "  preuve_omission: pieces/attestation-mandataire-liste-creanciers.pdf\n")],
    )
    .plan(&[]);
    assert!(proof_alone.stderr.contains("procedure_collective.preuve_omission"), "{}", proof_alone.stderr);
}

#[test]
fn a_deadline_on_a_saturday_is_met_on_the_friday_before() {
    // Published Friday 5 June 2026: six months end Saturday 5 December; act by Friday 4 December.
    let plan = Variant::of("releve-forclusion", &[]).plan(&[]);
    let next: Vec<&str> = plan.json["ensuite"].as_array().into_iter().flatten().filter_map(|n| n.as_str()).collect();
    assert!(
        next.iter().any(|n| n.contains("au plus tard le vendredi 4 décembre 2026 : le délai de six mois expire le samedi 5 décembre 2026 (art. L. 622-26 al. 3 C. com.)")
            && n.contains("art. 642 CPC")),
        "{next:?}"
    );
    // Published Monday 8 June, the six months end Tuesday 8 December, a working day: that date.
    let weekday = Variant::of(
        "releve-forclusion",
        &[("date_publication_bodacc: 2026-06-05", "date_publication_bodacc: 2026-06-08")],
    );
    let plan = weekday.plan(&[]);
    let next: Vec<&str> = plan.json["ensuite"].as_array().into_iter().flatten().filter_map(|n| n.as_str()).collect();
    assert!(next.iter().any(|n| n.ends_with("pour le juge-commissaire, au plus tard le 8 décembre 2026")), "{next:?}");
    // A declaration due Saturday 26 December 2026 goes by Thursday 24 (25 is Christmas Day).
    let christmas =
        Variant::of("liquidation", &[("date_publication_bodacc: 2026-10-24", "date_publication_bodacc: 2026-10-26")]);
    let plan = christmas.plan(&[]);
    let next: Vec<&str> = plan.json["ensuite"].as_array().into_iter().flatten().filter_map(|n| n.as_str()).collect();
    assert!(
        next.iter().any(|n| n.contains(
            "au plus tard le jeudi 24 décembre 2026 : le délai de déclaration expire le samedi 26 décembre 2026"
        )),
        "{next:?}"
    );
}
