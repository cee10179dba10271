//! A claim of many invoices, through the binary: the letters list a readable number of them and
//! sum up the others, the décompte details every one, and both reconcile with `decompte --format json`.

use rust_decimal::Decimal;
use serde_json::Value;

use crate::support::{pdf_text, recouvre, squash};

/// Invoices of the case: well past the letters' list of 12, small enough for a test.
const INVOICES: usize = 60;

/// A business claim of `n` unpaid invoices of varied amounts and dates, two relances, one payment.
pub(crate) fn long_case(reference: &str, n: usize) -> String {
    let mut text = format!(
        r#"version: 1
reference: {reference}
date_calcul: 2026-11-23
lieu_signature: Lyon
creancier:
  type: societe
  raison_sociale: Société Créancière
  forme_juridique: SAS
  capital: "10000"
  siren: "000912345"
  rcs: Lyon
  adresse: {{ lignes: ["1 rue des Forges"], code_postal: "69007", ville: Lyon }}
  representant: {{ nom: Claire Dupont, qualite: présidente }}
  iban: FR7630004008230001012345669
debiteur:
  type: societe
  raison_sociale: Client Débiteur
  forme_juridique: SARL
  siren: "000912352"
  adresse: {{ lignes: ["2 avenue Jean Jaurès"], code_postal: "38000", ville: Grenoble }}
conditions: {{ source: cgv }}
factures:
"#
    );
    for k in 0..n {
        let (month, day, net) = (1 + (k * 7) % 9, 1 + (k * 13) % 27, 100 + (k * 37) % 900);
        text.push_str(&format!(
            "  - {{ numero: F-{k:05}, date: 2026-{month:02}-{day:02}, echeance: 2026-{:02}-{day:02}, montant_ht: \"{net}.00\", montant_tva: \"{}.00\", montant_ttc: \"{}.00\" }}\n",
            month + 1,
            net / 5,
            net + net / 5
        ));
    }
    text.push_str(
        r#"paiements:
  - { date: 2026-07-01, montant: "1000.00", facture: F-00000 }
relances:
  - { date: 2026-06-18, canal: email, interlocuteur: Comptabilité, resume: Première relance }
  - { date: 2026-08-20, canal: courrier, interlocuteur: Comptabilité, resume: Relance écrite }
"#,
    );
    text
}

pub(crate) fn euros(json: &Value) -> String {
    let amount: Decimal = json.as_str().and_then(|s| s.parse().ok()).expect("amount in the JSON");
    recouvre::format::euros(amount)
}

/// The amounts that follow each occurrence of `label` in squashed text, in order.
pub(crate) fn amounts_after(text: &str, label: &str) -> Vec<String> {
    let label = squash(label);
    text.match_indices(&label)
        .map(|(i, _)| {
            let rest = &text[i + label.len()..];
            let end = rest.find('€').map(|e| e + '€'.len_utf8()).unwrap_or(0);
            rest[..end].to_string()
        })
        .collect()
}

#[test]
fn long_claim_letters_sum_up_and_decompte_reconciles_with_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, long_case("LONG-60", INVOICES)).expect("write case");
    let out = dir.path().join("out");
    recouvre().arg("build").arg(&case).arg("-o").arg(&out).assert().success();
    let json = recouvre().arg("decompte").arg(&case).args(["--format", "json"]).assert().success();
    let claim: Value = serde_json::from_slice(&json.get_output().stdout).expect("décompte JSON");
    let invoices = claim["factures"].as_array().expect("factures");
    assert_eq!(invoices.len(), INVOICES);
    let dossier = crate::support::latest_build(&out, "LONG-60");

    // The décompte: every invoice, its own total, in order; then the grand total.
    let decompte = squash(&pdf_text(&dossier.join("02-decompte.pdf")));
    for f in invoices {
        let numero = f["numero"].as_str().expect("numero");
        assert!(decompte.contains(&squash(&format!("Facture n° {numero} du"))), "décompte: invoice {numero} missing");
    }
    let per_invoice = amounts_after(&decompte, "Total dû au titre de cette facture");
    let expected: Vec<String> = invoices.iter().map(|f| squash(&euros(&f["total"]))).collect();
    assert_eq!(per_invoice, expected, "décompte: each invoice's total, in order, as `decompte --format json`");
    let total = squash(&euros(&claim["totaux"]["total_du"]));
    assert_eq!(amounts_after(&decompte, "Total dû au 23 novembre 2026 :"), vec![total.clone()]);

    // The mise en demeure: the first 12 invoices, then the others summed up, and the exact total.
    let letter = squash(&pdf_text(&dossier.join("01-mise-en-demeure.pdf")));
    let listed = 12;
    for f in &invoices[..listed] {
        let numero = f["numero"].as_str().expect("numero");
        assert!(letter.contains(&squash(numero)), "letter lists {numero}");
    }
    let first_unlisted = invoices[listed]["numero"].as_str().expect("numero");
    assert!(!letter.contains(&squash(first_unlisted)), "letter stops listing after {listed} invoices");
    let others = INVOICES - listed;
    let sentence = squash(&format!("et {others} autres factures, détaillées au décompte joint"));
    assert!(letter.contains(&sentence), "letter sums up the others");
    let rest: Decimal = invoices[listed..]
        .iter()
        .map(|f| f["principal_restant"].as_str().and_then(|s| s.parse::<Decimal>().ok()).expect("principal"))
        .sum();
    let after_sentence = &letter[letter.find(&sentence).expect("sentence") + sentence.len()..];
    assert!(
        after_sentence.contains(&squash(&recouvre::format::euros(rest))),
        "the others' remaining principal, summed: {}",
        recouvre::format::euros(rest)
    );
    assert!(letter.contains(&squash(&format!("la somme de {}", euros(&claim["totaux"]["total_du"])))));
    // The relances of 18 June and 20 August could not ask for the invoices due since: the letter
    // does not say they stay unpaid « malgré » them.
    let later = invoices.iter().filter(|f| f["echeance"].as_str().is_some_and(|d| d >= "2026-08-20")).count();
    assert!(later > 0 && later < INVOICES);
    // Some invoices are paid in principal (late): the letter does not call them « impayées ».
    assert!(invoices.iter().any(|f| f["principal_restant"] == "0.00"), "an invoice paid in principal");
    // Their penalties were paid first (art. 1343-1 C. civ.): only the 40 € is left on them.
    // (« forfaitaire » may be hyphenated at a line's end: the sentence is checked on each side.)
    assert!(
        letter.contains(&squash(
            "Après nos relances des 18 juin 2026 et 20 août 2026, nous constatons que les factures suivantes, échues, demeurent impayées en tout ou partie, ou ont été réglées en retard sans"
        )) && letter.contains(&squash(&format!("qui en résulte, dont {later} échues depuis notre dernière relance :"))),
        "{letter}"
    );
    assert!(!letter.contains(&squash("Malgré nos relances")));
}

/// Builds a copy of the atelier-dupont sample (requête en injonction de payer, its pièces
/// supplied as PDF and PNG) with `slicing`; the build's directory.
fn build_dossier(slicing: recouvre::render::Slicing) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = crate::support::copy_sample("atelier-dupont");
    let mut engine = recouvre::pipeline::Engine::embedded();
    engine.slicing = slicing;
    let out = dir.path().join("out");
    let request = crate::support::request(&dir.path().join("case.yaml"), &out, &[]);
    recouvre::pipeline::build(&engine, &request).unwrap_or_else(|e| panic!("build: {e}"));
    let built = crate::support::latest_build(&out, "DOS-2026-014");
    (dir, built)
}

/// The text of each page as laid out (pdftotext -layout), or none without pdftotext.
fn layout_pages(pdf: &std::path::Path) -> Option<Vec<String>> {
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output().ok()?;
    let mut pages: Vec<String> = String::from_utf8_lossy(&out.stdout).split('\u{c}').map(str::to_string).collect();
    pages.pop_if(|p| p.trim().is_empty());
    Some(pages)
}

/// Each bookmark of a PDF: level, title and 1-based page (qpdf --json), or none without qpdf.
fn bookmarks(pdf: &std::path::Path) -> Option<Vec<(usize, String, u64)>> {
    let out = std::process::Command::new("qpdf").args(["--json", "--json-key=outlines"]).arg(pdf).output().ok()?;
    let json: Value = serde_json::from_slice(&out.stdout).ok()?;
    fn walk(items: &Value, level: usize, out: &mut Vec<(usize, String, u64)>) {
        for item in items.as_array().into_iter().flatten() {
            let title = item["title"].as_str().unwrap_or_default().to_string();
            out.push((level, title, item["destpageposfrom1"].as_u64().unwrap_or(0)));
            walk(&item["kids"], level + 1, out);
        }
    }
    let mut marks = Vec::new();
    walk(&json["outlines"], 0, &mut marks);
    Some(marks)
}

/// Each page carries « p. i / n » of the merged dossier exactly once; each line of the contents
/// names the page where that part starts.
fn check_page_numbers(pages: &[String]) {
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(
            page.matches(&format!("p. {} / {n}", i + 1)).count(),
            1,
            "page {}: dossier page number\n{page}",
            i + 1
        );
    }
    let contents = &pages[1];
    let mut entries = 0;
    for line in contents.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some(page) = words.last().and_then(|w| w.parse::<usize>().ok()) else { continue };
        let Some(piece) = line.trim().strip_prefix("Pièce n° ") else { continue };
        let number = piece.split_whitespace().next().expect("number");
        let target = &pages[page - 1];
        assert!(
            target.contains(&format!("Pièce n° {number} — page 1 /")),
            "contents: pièce {number} at page {page}\n{target}"
        );
        entries += 1;
    }
    assert!(entries >= 5, "contents list the pièces:\n{contents}");
}

#[test]
fn merged_dossier_laid_out_in_groups_reads_as_one_compilation() {
    use recouvre::render::Slicing;
    let (_one, whole) = build_dossier(Slicing::DEFAULT);
    // Groups of at most 2 pages of pièces: the front, then a compilation per group.
    let (_parts, grouped) = build_dossier(Slicing { pieces: 2, ..Slicing::DEFAULT });
    let merged = |dir: &std::path::Path| dir.join("dossier-complet.pdf");
    let Some(expected) = layout_pages(&merged(&whole)) else {
        return crate::support::skip_without_tool("merged_dossier_laid_out_in_groups", "pdftotext");
    };
    let pages = layout_pages(&merged(&grouped)).expect("pdftotext");
    assert_eq!(pages.len(), expected.len(), "pages");
    for (i, (page, single)) in pages.iter().zip(&expected).enumerate() {
        assert_eq!(page, single, "page {} differs from the one-compilation dossier", i + 1);
    }
    check_page_numbers(&pages);
    // Every file of the dossier, pièces included, reads the same.
    for entry in std::fs::read_dir(whole.join("pieces")).expect("pieces") {
        let name = entry.expect("entry").file_name();
        let (a, b) =
            (layout_pages(&whole.join("pieces").join(&name)), layout_pages(&grouped.join("pieces").join(&name)));
        assert_eq!(a, b, "pièce {name:?}");
    }
    if let (Some(a), Some(b)) = (bookmarks(&merged(&whole)), bookmarks(&merged(&grouped))) {
        assert!(b.len() > 10, "bookmarks: {b:?}");
        assert_eq!(a, b, "bookmarks");
    }
    // Same inputs, same bytes.
    let (_again, again) = build_dossier(Slicing { pieces: 2, ..Slicing::DEFAULT });
    assert!(std::fs::read(merged(&grouped)).ok() == std::fs::read(merged(&again)).ok(), "reproducible");
    if crate::pdf_check::available("qpdf", "--version") {
        crate::pdf_check::qpdf_check(&merged(&grouped)).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn merged_dossier_with_a_sliced_decompte_numbers_every_page_and_reconciles() {
    use recouvre::render::Slicing;
    // One invoice per slice: the décompte of 3 invoices is laid out in slices, inside the dossier.
    let (dir, built) = build_dossier(Slicing { threshold: 2, invoices: 1, pieces: 2 });
    let Some(pages) = layout_pages(&built.join("dossier-complet.pdf")) else {
        return crate::support::skip_without_tool("merged_dossier_with_a_sliced_decompte", "pdftotext");
    };
    check_page_numbers(&pages);
    let decompte = built.join("03-decompte.pdf");
    let own = layout_pages(&decompte).expect("décompte");
    let first = pages.iter().position(|p| p == &own[0]).expect("the décompte's first page in the dossier");
    for (j, page) in own.iter().enumerate() {
        assert!(page.contains(&format!("page {} / {}", j + 1, own.len())), "décompte page {}\n{page}", j + 1);
        assert_eq!(&pages[first + j], page, "the dossier shows the décompte's page {}", j + 1);
    }
    // The contents name the page where the décompte starts; the bordereau counts every page of
    // the pièces, which run from the first pièce to the end.
    let listed = |label: &str| -> usize {
        let line = pages[1].lines().find(|l| l.contains(label)).unwrap_or_else(|| panic!("contents: {label}"));
        line.split_whitespace().last().and_then(|w| w.parse().ok()).expect("page number")
    };
    assert_eq!(listed("Décompte de la créance") - 1, first, "contents: the décompte's page");
    let bordereau = layout_pages(&built.join("02-bordereau-de-pieces.pdf")).expect("bordereau").concat();
    let line = bordereau.lines().find(|l| l.contains("Total :")).expect("bordereau total");
    let counted: usize = line.split_whitespace().last().and_then(|w| w.parse().ok()).expect("pages");
    assert_eq!(counted, pages.len() + 1 - listed("Pièce n° 1 "), "bordereau: pages of the pièces");
    let json =
        recouvre().arg("decompte").arg(dir.path().join("case.yaml")).args(["--format", "json"]).assert().success();
    let claim: Value = serde_json::from_slice(&json.get_output().stdout).expect("décompte JSON");
    let text = squash(&pdf_text(&decompte));
    let total = squash(&euros(&claim["totaux"]["total_du"]));
    assert_eq!(amounts_after(&text, "Total dû au 23 novembre 2026 :"), vec![total]);
}

/// The text with every kind of space (no-break, narrow no-break, line break) as one plain space.
fn plain_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_thousand_indemnities_are_counted_with_their_thousands_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, long_case("LONG-1000", 1000)).expect("write case");
    let out = dir.path().join("out");
    recouvre().arg("build").arg(&case).arg("-o").arg(&out).assert().success();
    let json = recouvre().arg("decompte").arg(&case).args(["--format", "json"]).assert().success();
    let claim: Value = serde_json::from_slice(&json.get_output().stdout).expect("décompte JSON");
    // The machine number stays a number; its written form is what documents print.
    assert_eq!(claim["totaux"]["nombre_indemnites"], 1000);
    assert_eq!(claim["totaux"]["nombre_indemnites_texte"], "1\u{202f}000");
    let letter = pdf_text(&crate::support::latest_build(&out, "LONG-1000").join("01-mise-en-demeure.pdf"));
    let letter = plain_spaces(&letter);
    assert!(
        letter.contains("Indemnités forfaitaires pour frais de recouvrement (1 000 × 40 €)"),
        "the count grouped: {letter}"
    );
    assert!(!letter.contains("1000 × 40"), "never ungrouped");
}
