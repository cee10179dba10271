//! Issue 15, the requête en relevé de forclusion: the debtor's omission of the claim from its list
//! pleaded first (art. L. 622-26 al. 1, L. 622-6 C. com.), the missing avertissement second, the
//! omission's pièce numbered when given and a warning when not (R073), the organs present, and the
//! declaration sent the same day declared admissible.

use crate::legal_cases::{Variant, sample_build};
use crate::support::{assert_mentions, contains_words};

const OMITTED: &str = "  omise_de_la_liste: true\n";

#[test]
fn the_omission_is_the_first_ground_and_the_declaration_is_declared_admissible() {
    let built = sample_build("releve-forclusion", &[]);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
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
    // No pièce shows the omission in the sample: said in the build's warnings.
    assert!(
        built.stderr.contains("R073") && built.stderr.contains("n'est établie par aucune pièce"),
        "{}",
        built.stderr
    );
}

#[test]
fn the_omission_proof_is_a_numbered_piece_and_the_administrateur_is_present() {
    let variant = Variant::of(
        "releve-forclusion",
        &[(
            OMITTED,
            "  omise_de_la_liste: true\n  preuve_omission: pieces/cgv.pdf\n  administrateur:\n    nom: SELARL AJ Loire, prise en la personne de Me Anne Roche\n    adresse: { lignes: [\"3 place Jean Jaurès\"], code_postal: \"42000\", ville: Saint-Étienne }\n",
        )],
    );
    let built = variant.build(&[]);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    assert!(!built.stderr.contains("R073"), "{}", built.stderr);
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
    // In the « en présence de » block, between the mandataire and the debtor (the line may hyphenate).
    let present = &text[text.find("EN PRÉSENCE DE").unwrap_or(0)..text.find("a l’honneur").unwrap_or(text.len())];
    assert!(contains_words(present, "SELARL AJ Loire, prise en la personne de Me Anne Roche"), "{present}");
    assert!(contains_words(present, "3 place Jean Jaurès, 42000 SAINT-ÉTIENNE"), "{present}");
}

#[test]
fn a_missing_avertissement_alone_is_flagged_as_a_weak_ground() {
    let plan = Variant::of("releve-forclusion", &[(OMITTED, "")]).plan(&[]);
    let lines = plan.lines_of("R073");
    assert_eq!(lines.len(), 1, "{}", plan.stderr);
    assert!(lines[0].contains("seul défaut d'avertissement"), "{}", plan.stderr);
    let proof_alone = Variant::of("releve-forclusion", &[(OMITTED, "  preuve_omission: pieces/cgv.pdf\n")]).plan(&[]);
    assert!(proof_alone.stderr.contains("procedure_collective.preuve_omission"), "{}", proof_alone.stderr);
}
