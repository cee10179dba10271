//! One dossier, one set of numbers: what two documents of the same dossier say about the same
//! pièce or the same total must agree, read back from their PDF text.

use crate::legal_cases::{Built, Variant, sample_build, sample_built};
use crate::support::{assert_absent, assert_mentions, contains_words, pdf_text, squash};

/// The rows « n° intitulé date [pages] » of the first pièces table after `heading` in a PDF text.
fn piece_rows(text: &str, heading: &str) -> Vec<(usize, String)> {
    let start = text.find(heading).unwrap_or_else(|| panic!("no « {heading} » in:\n{text}"));
    let table = &text[start..];
    let header = table.find("Intitulé de la pièce").unwrap_or_else(|| panic!("no pièces table in:\n{table}"));
    let mut rows = Vec::new();
    for line in table[header..].lines().skip(1).map(str::trim).filter(|l| !l.is_empty()) {
        let Some((number, rest)) = line.split_once(' ') else { break };
        let Ok(number) = number.parse::<usize>() else { break };
        // Drop the page count (« 2 », or « — » after a date), then the date (« 04/05/2026 » or « — »).
        let mut words: Vec<&str> = rest.split_whitespace().collect();
        let is_date = |w: &str| w == "—" || (w.len() == 10 && w.as_bytes()[2] == b'/');
        let pages = match words.as_slice() {
            [.., before, last] => last.parse::<usize>().is_ok() || (*last == "—" && is_date(before)),
            _ => false,
        };
        if pages {
            words.pop();
        }
        words.pop();
        rows.push((number, words.join(" ")));
    }
    rows
}

#[test]
fn a_partial_grant_s_bordereau_keeps_the_numbers_of_the_served_requete() {
    let built = sample_built("ordonnance-partielle", &[]);
    let requete = piece_rows(&built.text("requete-deposee.pdf"), "Les pièces");
    let bordereau = piece_rows(&built.text("bordereau-de-pieces.pdf"), "BORDEREAU DE PIÈCES");
    assert!(requete.len() > 2, "{requete:?}");
    // Every pièce the requête cites keeps its number and its title in the bordereau served with it.
    let numbers = |rows: &[(usize, String)]| rows.iter().map(|r| r.0).collect::<Vec<_>>();
    assert_eq!(numbers(&requete), numbers(&bordereau), "requête {requete:?}\nbordereau {bordereau:?}");
    for ((n, cited), (_, listed)) in requete.iter().zip(&bordereau) {
        assert!(listed.starts_with(cited.as_str()), "pièce n° {n}: requête « {cited} », bordereau « {listed} »");
    }
    // The rejected invoice's pièce is listed, not communicated: no stamped file carries its number.
    let withheld: Vec<&(usize, String)> = bordereau.iter().filter(|r| r.1.contains("non communiquée")).collect();
    assert_eq!(withheld.len(), 1, "{bordereau:?}");
    let (gap, title) = withheld[0];
    assert!(title.contains("MG-2026-0455") && title.contains("chef de demande rejeté par l’ordonnance"), "{title}");
    let stamped: Vec<String> = std::fs::read_dir(built.dir.join("pieces"))
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    assert_eq!(stamped.len(), bordereau.len() - 1, "{stamped:?}");
    for (n, listed) in bordereau.iter().filter(|r| r.0 != *gap) {
        let file = stamped.iter().find(|f| f.starts_with(&format!("piece-{n:02}-")));
        let file = file.unwrap_or_else(|| panic!("no stamped pièce n° {n} ({listed}) in {stamped:?}"));
        let text = pdf_text(&built.dir.join("pieces").join(file));
        assert!(contains_words(&text, &format!("Pièce n° {n} —")), "{file} not stamped n° {n}");
    }
    // The letter names the same numbers, and says which one is not communicated.
    let letter = built.text("lettre-au-commissaire-de-justice.pdf");
    assert!(contains_words(&letter, "Les 5 pièces numérotées 1 et 3 à 6, énumérées au bordereau"), "{letter}");
    assert!(contains_words(&letter, &format!("pièce n° {gap} de la requête, non communiquée")), "{letter}");
    // The cover's contents list the stamped pièces by the same numbers.
    let dossier = pdf_text(&built.dir.join("dossier-complet.pdf"));
    for (n, listed) in bordereau.iter().filter(|r| r.0 != *gap) {
        assert!(contains_words(&dossier, &format!("Pièce n° {n} {listed}")), "contents: pièce n° {n} {listed}");
    }
}

/// The amounts (« 8554,69 ») between `label` and the next `until`, in squashed text.
fn amounts(text: &str, label: &str, until: &str) -> Vec<String> {
    let text = squash(text);
    let (label, until) = (squash(label), squash(until));
    let Some(start) = text.find(&label).map(|at| at + label.len()) else { return Vec::new() };
    let span = &text[start..];
    // `until` may list several stops separated by « | »: the span ends at the first one met.
    let end = until.split('|').filter_map(|u| span.find(u)).min().unwrap_or(span.len());
    let span = &span[..end];
    let mut found = Vec::new();
    for (at, _) in span.match_indices('€') {
        let digits: Vec<char> = span[..at].chars().rev().take_while(|c| c.is_ascii_digit() || *c == ',').collect();
        found.push(digits.into_iter().rev().collect::<String>());
    }
    found
}

fn last_amount(text: &str, label: &str, until: &str) -> Option<String> {
    amounts(text, label, until).pop()
}

/// The declared total as the declaration, the décompte, the relevé requête (if any) and the cover
/// print it: they must all be the same amount.
fn declared_totals(built: &Built) -> Vec<(&'static str, Option<String>)> {
    let decompte = built.text("decompte.pdf");
    let in_decompte = match decompte.contains("Montant total déclaré") {
        true => last_amount(&decompte, "Montant total déclaré :", "Conventions de calcul"),
        false => last_amount(&decompte, "Total dû au", "Conventions de calcul"),
    };
    let mut totals = vec![
        (
            "déclaration",
            // « … = 8 554,69 €, dont 8 474,69 € à titre privilégié … » or « 7 696,68 €, échu, à titre … ».
            last_amount(&built.text("declaration-de-creance.pdf"), "Montant total déclaré :", "dont|à titre"),
        ),
        ("décompte", in_decompte),
        (
            "couverture",
            amounts(&pdf_text(&built.dir.join("dossier-complet.pdf")), "Montant déclaré", "Destinataire")
                .first()
                .cloned(),
        ),
    ];
    if built.files().iter().any(|f| f.ends_with("releve-de-forclusion.pdf")) {
        let requete = built.text("releve-de-forclusion.pdf");
        totals.push(("requête en relevé", last_amount(&requete, "pour un montant total de", "chirographaire")));
    }
    totals
}

fn assert_one_declared_total(what: &str, built: &Built, expected: &str) {
    assert_eq!(built.code, Some(0), "{what}: {}", built.stderr);
    let totals = declared_totals(built);
    for (document, total) in &totals {
        assert_eq!(total.as_deref(), Some(expected), "{what}: {document} declares {total:?}; all: {totals:?}");
    }
}

#[test]
fn a_liquidation_s_decompte_totals_what_the_declaration_declares() {
    // TF-2026-0241 (2 400,00 €, due 8 November) is made exigible by the judgment of 14 October
    // (art. L. 643-1 C. com.): in the declaration and in the décompte, principal only.
    let built = sample_build("liquidation", &[]);
    assert_one_declared_total("liquidation", &built, "8554,69");
    let decompte = built.text("decompte.pdf");
    assert_mentions(
        "décompte",
        &decompte,
        &[
            "Total échu au 13 octobre 2026 : 6 154,69 €",
            "Sommes rendues exigibles par le jugement de liquidation judiciaire du 14 octobre 2026 (art. L. 643-1 C. com.)",
            "TF-2026-0241 09/10/2026 08/11/2026 2 400,00 €",
            "sans pénalité ni indemnité forfaitaire",
            "rendues exigibles par le jugement de liquidation (art. L. 643-1 C. com.), sont déclarées pour leur seul principal",
        ],
    );
    assert_absent("décompte", &decompte, &["à échoir"]);
}

#[test]
fn a_redressement_declares_the_sums_to_fall_due_in_its_decompte_too() {
    // The same claim under a redressement: the November invoice stays « à échoir » (art. L.
    // 622-25 C. com.), declared with its due date, and the totals still agree.
    let variant = Variant::of("liquidation", &[("  type: liquidation\n", "  type: redressement\n")]);
    let built = variant.build(&[]);
    assert_one_declared_total("redressement", &built, "8554,69");
    let decompte = built.text("decompte.pdf");
    assert_mentions(
        "décompte",
        &decompte,
        &[
            "Sommes à échoir après le jugement d’ouverture du 14 octobre 2026 (art. L. 622-25 C. com.)",
            "Montant total déclaré : 6 154,69 € échus + 2 400,00 € à échoir = 8 554,69 €",
        ],
    );
    assert_absent("décompte", &decompte, &["L. 643-1"]);
}

#[test]
fn a_redressement_before_any_due_date_is_still_declared() {
    // Every invoice falls due after the judgment of 14 October: nothing is due, yet the sums to
    // fall due are declared (art. L. 622-25 C. com.); « nothing is due » must not refuse it (R038).
    let variant = Variant::of(
        "liquidation",
        &[
            ("  type: liquidation\n", "  type: redressement\n"),
            ("echeance: 2026-08-20", "echeance: 2026-10-20"),
            ("echeance: 2026-09-30", "echeance: 2026-10-30"),
        ],
    );
    let run = variant.plan(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.lines_of("R038").is_empty() && !run.stderr.contains("erreur"), "{}", run.stderr);
    assert_eq!(run.json["etape"], "declaration_de_creance");
    assert_eq!(run.json["exigible_a_partir_du"], "2026-10-21");
    assert_eq!(run.json["voie"]["decompte_arrete_au"], "2026-10-13");
}

#[test]
fn a_late_declaration_s_requete_declaration_and_decompte_agree() {
    let built = sample_build("releve-forclusion", &[]);
    let totals = declared_totals(&built);
    assert_eq!(totals.len(), 4, "{totals:?}");
    assert_one_declared_total("relevé de forclusion", &built, "7696,68");
}

#[test]
fn the_plan_states_the_declared_amount_and_the_cut_off_the_documents_print() {
    // Review 4, R4-1: the plan must not show 6 154,69 € « au 14 octobre » beside a dossier that
    // declares 8 554,69 € with a décompte drawn up to 13 October.
    let output = crate::support::recouvre()
        .arg("plan")
        .arg(crate::support::sample("liquidation"))
        .output()
        .expect("run recouvre plan");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("Montant déclaré : 8 554,69 € (6 154,69 € échus au 13 octobre 2026 + 2 400,00 € rendus exigibles par le jugement de liquidation, art. L. 643-1 C. com.)"),
        "{text}"
    );
    assert!(
        text.contains("le décompte est arrêté au 13 octobre 2026, veille du jugement du 14 octobre 2026"),
        "{text}"
    );
    assert!(!text.contains("Montant dû au") && !text.contains("arrêté au 14 octobre"), "{text}");
    let built = sample_build("liquidation", &[]);
    assert!(contains_words(&built.text("decompte.pdf"), "= 8 554,69 €"));
}
