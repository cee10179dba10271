//! Issue 13, point 5: the letter to the greffe matches the filing channel (`procedure.depot`),
//! gives the fee's amount and the cheque's payee when known and otherwise asks for them — never a
//! wrong statement — and asks for the ordonnance to be returned with the pièces. Through the binary.

use crate::legal_cases::{Variant, sample_built};
use crate::support::contains_words;

const RETURN: &str = "nous retourner l'ordonnance qui sera rendue, revêtue de la formule exécutoire, avec une copie certifiée conforme de la requête et les pièces produites";

#[test]
fn online_filing_says_so_and_pays_online() {
    let built = sample_built("atelier-dupont", &[]);
    let text = built.text("lettre-au-greffe.pdf");
    assert!(contains_words(&text, "Dépôt en ligne sur tribunaldigital.fr"), "{text}");
    assert!(
        contains_words(
            &text,
            "Nous avons l’honneur de déposer sur tribunaldigital.fr, pour être présentée au président du tribunal de commerce de Grenoble"
        ),
        "{text}"
    );
    assert!(contains_words(&text, "sont réglés en ligne lors du présent dépôt sur tribunaldigital.fr"), "{text}");
    assert!(!contains_words(&text, "chèque"), "{text}");
    assert!(contains_words(&text, RETURN), "{text}");
}

#[test]
fn paper_filing_with_the_fee_known_encloses_the_cheque_to_the_greffe() {
    let variant = Variant::of(
        "atelier-dupont",
        &[
            (
                "  reglement_frais: en_ligne\n  depot: tribunal_digital\n",
                "  reglement_frais: cheque\n  depot: papier\n  frais_greffe: \"33.47\"\n",
            ),
            (
                "  juridiction: { type: tribunal_de_commerce, ville: Grenoble }\n",
                "  juridiction:\n    type: tribunal_de_commerce\n    ville: Grenoble\n    adresse: { lignes: [\"1 place Firmin Gautier\"], code_postal: \"38000\", ville: Grenoble }\n",
            ),
        ],
    );
    let built = variant.build(&[]);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    assert!(!built.stderr.contains("R051"), "{}", built.stderr);
    let text = built.text("lettre-au-greffe.pdf");
    assert!(contains_words(&text, "1 place Firmin Gautier"), "{text}");
    assert!(
        contains_words(
            &text,
            "par le chèque ci-joint de 33,47 €, établi à l'ordre du greffe du tribunal de commerce de Grenoble"
        ),
        "{text}"
    );
    assert!(!contains_words(&text, "tribunaldigital"), "{text}");
    assert!(contains_words(&text, RETURN), "{text}");
}

#[test]
fn paper_filing_without_the_fee_or_address_asks_and_warns() {
    let variant = Variant::of(
        "atelier-dupont",
        &[("  reglement_frais: en_ligne\n  depot: tribunal_digital\n", "  depot: papier\n")],
    );
    let built = variant.build(&[]);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    assert!(built.stderr.contains("avertissement R051: procedure.juridiction"), "{}", built.stderr);
    let text = built.text("lettre-au-greffe.pdf");
    assert!(contains_words(&text, "nous indiquer le montant des frais de greffe"), "{text}");
    assert!(!contains_words(&text, "sont réglés"), "no payment claimed: {text}");
}
