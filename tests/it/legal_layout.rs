//! Pages a greffe accepts (issue 13, point 6): the requête's « PAR CES MOTIFS », every request
//! and the signature on one page, no referral to the court already addressed, and no document
//! of any sample ending on a nearly empty page. Built through the binary, read back per page.

use std::path::Path;

use crate::legal_support::{built_by_binary, generated_documents, page_texts, text_of};
use crate::support::sample_names;

/// Lines of the page's body: the footer (« Réf. … page i / n », « Dossier — p. … ») left out.
fn body_lines(page: &str) -> Vec<&str> {
    page.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter(|l| !l.starts_with("Réf. ") && !l.starts_with("Dossier — p.") && !l.contains("Document d’exemple"))
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
