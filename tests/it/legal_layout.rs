//! Pages a greffe accepts (issue 13, point 6): the requête's « PAR CES MOTIFS », every request
//! and the signature on one page, no referral to the court already addressed, and no document
//! of any sample ending on a nearly empty page. Built through the binary, read back per page.

use std::path::Path;

use crate::legal_support::{built_by_binary, generated_documents, page_texts, text_of};
use crate::support::sample_names;

/// « Dossier du 23 novembre 2026 — p. 4 / 22 », the merged dossier's page number.
fn is_dossier_number(line: &str) -> bool {
    line.starts_with("Dossier du ") && line.contains(" — p. ")
}

/// Lines of the page's body: the footer (« Réf. … page i / n », « Dossier du … — p. … ») left out.
fn body_lines(page: &str) -> Vec<&str> {
    page.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter(|l| !l.starts_with("Réf. ") && !is_dossier_number(l) && !l.contains("Document d’exemple"))
        .collect()
}

#[test]
fn tc_requete_keeps_its_requests_with_the_signature() {
    let dossier = built_by_binary("atelier-dupont");
    let path = dossier.join("01-requete-injonction-de-payer.pdf");
    let pages = page_texts(&path);
    let motifs = pages.iter().position(|p| p.contains("PAR CES MOTIFS")).expect("PAR CES MOTIFS");
    let signed = pages.iter().position(|p| p.contains("Fait à Lyon")).expect("signature");
    assert_eq!(motifs, signed, "« PAR CES MOTIFS » and the signature on the same page:\n{pages:#?}");
    let last = &pages[signed];
    assert!(body_lines(last).len() > 8, "the signature page holds the dispositif, not the signature alone:\n{last}");
    // Every request is in the dispositif: no request stands after the signature or before it
    // outside « PAR CES MOTIFS », and none asks referral to the court already addressed.
    let text = text_of(&path);
    assert!(!text.contains("renvoyée devant le tribunal de commerce de Grenoble"), "{text}");
    let after = &text[text.find("PAR CES MOTIFS").expect("motifs")..];
    let before = &text[..text.find("PAR CES MOTIFS").expect("motifs")];
    assert!(!before.contains("demande qu") && !before.contains("prie "), "a request outside the dispositif:\n{before}");
    assert!(after.contains("prie "), "{after}");
}

/// The last page of a document of several pages carries more than a few lines: else the
/// content should have fit on one page less (or the break is in the wrong place).
#[test]
fn no_document_of_any_sample_ends_on_a_nearly_empty_page() {
    let mut bare = Vec::new();
    for sample in sample_names() {
        let dossier = built_by_binary(&sample);
        for doc in generated_documents(&dossier) {
            check_last_page(&sample, &doc, &mut bare);
        }
    }
    assert!(bare.is_empty(), "documents whose last page is nearly empty:\n{}", bare.join("\n"));
}

const FEWEST_LINES: usize = 7;

fn check_last_page(sample: &str, doc: &Path, bare: &mut Vec<String>) {
    let pages = page_texts(doc);
    if pages.len() < 2 {
        return;
    }
    let last = pages.last().map(|p| body_lines(p)).unwrap_or_default();
    if last.len() < FEWEST_LINES {
        let name = doc.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        bare.push(format!("{sample}/{name}: {} pages, {} lines on the last: {:?}", pages.len(), last.len(), last));
    }
}

/// Every « page i / n » a document prints is its own page number out of its own page count
/// (issue 13, point 4: relevés stamped « page 2 / 1 »), pièces made by recouvre included.
#[test]
fn every_page_stamp_counts_the_document_own_pages() {
    let mut wrong = Vec::new();
    for sample in sample_names() {
        let dossier = built_by_binary(&sample);
        for doc in generated_documents(&dossier) {
            let pages = page_texts(&doc);
            for (i, page) in pages.iter().enumerate() {
                for (shown, total) in page_stamps(page) {
                    if (shown, total) != (i + 1, pages.len()) {
                        let name = doc.strip_prefix(&dossier).unwrap_or(&doc).display().to_string();
                        wrong.push(format!(
                            "{sample}/{name}: page {} of {} stamped « page {shown} / {total} »",
                            i + 1,
                            pages.len()
                        ));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The « page i / n » of a page's text (the document's own numbering, not « Dossier — p. »).
fn page_stamps(page: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find("page ") {
        rest = &rest[at + 5..];
        let words: Vec<&str> = rest.splitn(4, ' ').collect();
        if let [shown, "/", total, ..] = words.as_slice() {
            let total: String = total.chars().take_while(char::is_ascii_digit).collect();
            if let (Ok(s), Ok(t)) = (shown.parse(), total.parse()) {
                out.push((s, t));
            }
        }
    }
    out
}

/// The English name of a letter to a debtor who reads English (`langue: en`): the mise en demeure
/// and the relances; none for every other document, which stays French.
fn english_title(sample: &str, title: &str) -> Option<String> {
    let case = std::fs::read_to_string(crate::support::sample(sample)).unwrap_or_default();
    if !case.contains("\n  langue: en\n") {
        return None;
    }
    if title == "Mise en demeure" {
        return Some("Formal notice to pay".into());
    }
    title
        .strip_prefix("Relance n°\u{a0}")
        .or_else(|| title.strip_prefix("Relance n° "))
        .map(|n| format!("Reminder no. {n}"))
}

/// One name per document (issue 13, point 13): the title `plan` gives a document is the one its
/// every page's footer prints, and its file name is that title's slug.
#[test]
fn each_document_has_one_name_in_plan_footer_and_file() {
    let mut wrong = Vec::new();
    for sample in sample_names() {
        let dossier = built_by_binary(&sample);
        let run = crate::support::recouvre()
            .arg("plan")
            .arg(crate::support::sample(&sample))
            .args(["--format", "json"])
            .output()
            .expect("plan");
        let plan: serde_json::Value = serde_json::from_slice(&run.stdout).expect("plan JSON");
        for doc in plan["documents"].as_array().expect("documents") {
            // `plan --format json` speaks French (issue 12): fichier_produit, titre, nature.
            let (Some(file), Some(title)) = (doc["fichier_produit"].as_str(), doc["titre"].as_str()) else {
                panic!("{sample}: a document without file or title: {doc}")
            };
            let path = dossier.join(file);
            let role = doc["nature"]["type"].as_str().unwrap_or_default();
            // Supplied documents (the ordonnance, the filed requête, the act of signification, the
            // certificat) keep their own pages.
            if !path.exists()
                || matches!(
                    role,
                    "ordonnance" | "requete_deposee" | "acte_de_signification" | "certificat_non_opposition"
                )
            {
                continue;
            }
            let title = title.replace('\'', "’");
            // A letter to a debtor who reads English names itself in English.
            let title = match english_title(&sample, &title) {
                Some(english) => english,
                None => title,
            };
            for (i, page) in page_texts(&path).iter().enumerate() {
                if !crate::support::contains_words(page, &format!("— {title} page {} /", i + 1)) {
                    wrong.push(format!("{sample}/{file} page {}: footer does not name « {title} »", i + 1));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The cover of a merged dossier names who receives it as on an envelope (issue 13, point 13:
/// « Destinataire : greffe »).
#[test]
fn dossier_cover_names_its_addressee() {
    for (sample, addressee) in [
        ("atelier-dupont", "Greffe du tribunal de commerce de Grenoble"),
        ("consommateur-tj", "Greffe du tribunal judiciaire d’Annecy"),
    ] {
        let pages = page_texts(&built_by_binary(sample).join("dossier-complet.pdf"));
        let cover = pages.first().expect("cover");
        assert!(crate::support::contains_words(cover, &format!("Destinataire {addressee}")), "{sample}:\n{cover}");
    }
}

#[test]
fn commissaire_dossier_cover_names_the_office_once_and_no_party_is_a_litigant_out_of_court() {
    for (sample, addressee, in_court) in [
        ("signification", "SCP Rey & Duval, commissaires de justice associés Référence", true),
        ("petites-creances", "SELARL Kerjean & Associés, commissaires de justice Référence", false),
    ] {
        let pages = page_texts(&built_by_binary(sample).join("dossier-complet.pdf"));
        let cover = pages.first().expect("cover");
        assert!(crate::support::contains_words(cover, &format!("Destinataire {addressee}")), "{sample}:\n{cover}");
        assert!(!cover.contains("commissaire de justice Référence"), "{sample}: the office named twice:\n{cover}");
        assert_eq!(cover.to_uppercase().contains("DEMANDEUR"), in_court, "{sample}: parties' roles:\n{cover}");
    }
}

/// « Dossier du 12 septembre 2026 — p. 4 / 14 » read from a page, wherever the text extraction
/// put it: (dossier date, page, total).
fn dossier_numbers(page: &str) -> Vec<(String, usize, usize)> {
    let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok();
    page.split("Dossier du ")
        .skip(1)
        .filter_map(|rest| {
            let (date, numbers) = rest.split_once(" — p. ")?;
            let (i, n) = numbers.split_once(" / ")?;
            (date.len() < 30).then_some((date.to_string(), digits(i)?, digits(n)?))
        })
        .collect()
}

/// A pièce that is an earlier dossier's document (the requête as filed) keeps that dossier's page
/// number, which no one may alter: each number names its dossier, so the merged dossier's own
/// number is the one dated by its build and is the page's place in it.
#[test]
fn every_dossier_page_number_names_its_dossier() {
    for sample in sample_names() {
        let dossier = built_by_binary(&sample);
        let merged = dossier.join("dossier-complet.pdf");
        if !merged.is_file() {
            continue;
        }
        let pages = page_texts(&merged);
        let own_date = dossier_numbers(&pages[0]).first().map(|n| n.0.clone()).expect("the cover's number");
        for (i, page) in pages.iter().enumerate() {
            let numbers = dossier_numbers(page);
            let own: Vec<_> = numbers.iter().filter(|n| n.0 == own_date).collect();
            assert_eq!(own.len(), 1, "{sample} page {}: one number of this dossier:\n{page}", i + 1);
            assert_eq!((own[0].1, own[0].2), (i + 1, pages.len()), "{sample} page {}:\n{page}", i + 1);
        }
        if sample == "signification" {
            // The requête as filed shows its own dossier's number, under another date.
            let filed = pages.iter().find(|p| p.contains("déposée — page 1 /")).expect("filed requête");
            assert!(dossier_numbers(filed).iter().any(|n| n.0 != own_date), "{filed}");
        }
    }
}
