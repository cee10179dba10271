//! Issue 15, the declaration's « nature de la créance » (art. L. 622-25 C. com.): a privilège not
//! declared is lost, so a claim for carriage is not called chirographaire until the carrier's
//! privilège (art. L. 133-7 C. com.) has been examined — `procedure_collective.privilege`.

use crate::legal_cases::{Variant, sample_built};
use crate::support::{assert_absent, assert_mentions};

const DECLARED: &str = "  privilege: voiturier\n";

#[test]
fn a_carrier_declares_its_privilege_in_the_declaration() {
    let built = sample_built("liquidation", &[]);
    let declaration = built.text("declaration-de-creance.pdf");
    assert_mentions(
        "declaration",
        &declaration,
        &[
            "La créance, née des transports facturés (pièces n° 1 à 3), est privilégiée pour 8 474,69 €, prix de transport et intérêts",
            "déclare le privilège du voiturier sur la valeur des marchandises transportées et sur les documents qui s’y rapportent",
            "(article L. 133-7 du Code de commerce ; articles L. 622-25 et R. 622-23, 4°), sans autre sûreté",
            // The 40 € indemnities are not « créances de transport » (art. L. 133-7 al. 2).
            "dont 8 474,69 € à titre privilégié (art. L. 133-7 C. com.) et 80,00 € à titre chirographaire",
            "Les indemnités forfaitaires pour frais de recouvrement (80,00 €), qui ne sont pas des créances de transport, sont déclarées à titre chirographaire",
        ],
    );
    assert_absent("declaration", &declaration, &["La créance est chirographaire"]);
    assert!(!built.stderr.contains("R086"), "{}", built.stderr);
}

#[test]
fn a_carriage_claim_with_the_privilege_unexamined_is_flagged_where_it_is_written() {
    let unexamined = Variant::of("liquidation", &[(DECLARED, "")]);
    let plan = unexamined.plan(&[]);
    let lines = plan.lines_of("R086");
    assert_eq!(lines.len(), 1, "{}", plan.stderr);
    // Located at the procedure_collective block of the case file.
    let at = std::fs::read_to_string(unexamined.case()).unwrap_or_default();
    let line = at.lines().position(|l| l.starts_with("procedure_collective:")).map(|n| n + 1);
    assert!(lines[0].contains(&format!("case.yaml:{}:", line.unwrap_or(0))), "{}", lines[0]);
    assert!(
        lines[0].contains("art. L. 133-7 C. com.") && plan.stderr.contains("« privilege: aucun »"),
        "{}",
        plan.stderr
    );
    let built = unexamined.build(&[]);
    assert_eq!(built.code, Some(0), "a warning, not a refusal: {}", built.stderr);
    assert_mentions("declaration", &built.text("declaration-de-creance.pdf"), &["La créance est chirographaire"]);

    // Examined and set aside: no warning, chirographaire.
    let examined = Variant::of("liquidation", &[(DECLARED, "  privilege: aucun\n")]);
    let plan = examined.plan(&[]);
    assert!(plan.lines_of("R086").is_empty(), "{}", plan.stderr);

    // Not a carriage claim: nothing to examine.
    let works = Variant::of(
        "liquidation",
        &[
            (DECLARED, ""),
            ("Transport de menuiseries", "Pose de menuiseries"),
            ("Tournée de livraison régionale", "Journée de pose"),
        ],
    );
    assert!(works.plan(&[]).lines_of("R086").is_empty());
}

#[test]
fn an_unknown_privilege_is_refused_with_its_place_and_the_values() {
    let variant = Variant::of("liquidation", &[(DECLARED, "  privilege: hypotheque\n")]);
    let plan = variant.plan(&[]);
    assert_ne!(plan.code, Some(0), "{}", plan.stderr);
    assert!(plan.stderr.contains("procedure_collective.privilege"), "{}", plan.stderr);
    assert!(plan.stderr.contains("aucun") && plan.stderr.contains("voiturier"), "{}", plan.stderr);
}
