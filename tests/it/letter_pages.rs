//! No letter ends on a near-empty page (issue 17): relances 1, 2 and 3 and the mise en demeure of
//! every sample, written in French and in English (`debiteur.langue`), read back page by page. A
//! letter is one page, or its last page carries the letter's text before the closing formula, not
//! only the closing, the signature and the QR code.

use crate::support::{copy_sample, engine, request, sample_names, squash};

/// Characters (spaces left out) of the letter's text the last page must hold before the closing
/// formula: about three lines. The closing, the signature block, the QR caption and « P.J. »
/// beside it come after the closing formula and do not count.
const FEWEST_CHARS: usize = 200;

/// The closing formulas of the French and English letters: what comes from them on is the sign-off.
const CLOSINGS: [&str; 4] = ["Nousvousprionsd'agréer", "Veuillezagréer", "Yourssincerely", "Yoursfaithfully"];

/// The sample's folder copied with its debtor's letters in `language` (`fr`: no `langue` line).
fn in_language(sample: &str, language: &str) -> tempfile::TempDir {
    let dir = copy_sample(sample);
    let case = dir.path().join("case.yaml");
    let text = std::fs::read_to_string(&case).expect("case");
    let french = text.replace("\n  langue: en\n", "\n");
    assert!(french.contains("\ndebiteur:\n"), "{sample}: a debtor block");
    let text =
        if language == "en" { french.replacen("\ndebiteur:\n", "\ndebiteur:\n  langue: en\n", 1) } else { french };
    std::fs::write(&case, text).expect("write case");
    dir
}

/// The last page's text before the closing formula, spaces left out, when the letter has more
/// than one page and that text is short: what a reader would find nearly empty.
fn bare_last_page(pages: &[String]) -> Option<String> {
    let [_, .., last] = pages else { return None };
    let body: String = last
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("Réf. ") && !l.starts_with("Ref. ") && !l.contains("Document d’exemple"))
        .collect::<Vec<_>>()
        .join(" ");
    let body = squash(&body);
    let end = CLOSINGS.iter().filter_map(|c| body.find(c)).min().unwrap_or(body.len());
    let before = &body[..end];
    (before.chars().count() < FEWEST_CHARS).then_some(body)
}

/// Builds each document (`01-relance-N.pdf`, `01-mise-en-demeure.pdf`, with its arguments) of
/// every sample in `language`, and lists those whose last page is nearly empty and the builds that
/// failed. A debtor under a procédure collective gets no letter (R063, art. L. 622-21 C. com.): the
/// samples refused are returned.
fn check_every_sample(language: &str, documents: &[(&str, Vec<&str>)]) -> (usize, Vec<String>, Vec<String>) {
    let (mut checked, mut wrong, mut refused) = (0, Vec::new(), Vec::new());
    for sample in sample_names() {
        let dir = in_language(&sample, language);
        let case = dir.path().join("case.yaml");
        let collective = std::fs::read_to_string(&case).expect("case").contains("\nprocedure_collective:");
        for (file, args) in documents {
            let out = dir.path().join("sortie").join(file.replace('.', "_"));
            let outcome = match recouvre::pipeline::build(engine(), &request(&case, &out, args)) {
                Ok(outcome) => outcome,
                Err(e) if collective && e.to_string().contains("erreur R063") => {
                    refused.push(sample.clone());
                    continue;
                }
                Err(e) => {
                    wrong.push(format!("{sample} ({language}) {file}: build failed: {e}"));
                    continue;
                }
            };
            let pages = crate::legal_support::page_texts(&outcome.dir.join(file));
            checked += 1;
            if let Some(last) = bare_last_page(&pages) {
                wrong.push(format!("{sample} ({language}) {file}: {} pages, the last holds only: {last}", pages.len()));
            }
        }
    }
    refused.dedup();
    (checked, wrong, refused)
}

fn relances() -> Vec<(&'static str, Vec<&'static str>)> {
    [("01-relance-1.pdf", "1"), ("01-relance-2.pdf", "2"), ("01-relance-3.pdf", "3")]
        .into_iter()
        .map(|(file, level)| (file, vec!["--etape", "relance", "--niveau", level]))
        .collect()
}

fn assert_letters_fill_their_pages(language: &str, documents: &[(&str, Vec<&str>)]) {
    let (checked, wrong, refused) = check_every_sample(language, documents);
    assert!(wrong.is_empty(), "letters ending on a nearly empty page:\n{}", wrong.join("\n"));
    // The samples of a procédure collective, and only they, are refused; every other letter was read.
    let collective: Vec<String> = sample_names()
        .into_iter()
        .filter(|s| {
            std::fs::read_to_string(crate::support::sample(s)).is_ok_and(|t| t.contains("\nprocedure_collective:"))
        })
        .collect();
    assert_eq!(refused, collective, "refused at step {documents:?}");
    assert_eq!(checked, (sample_names().len() - refused.len()) * documents.len(), "every other letter was read");
}

#[test]
fn french_relances_of_every_sample_end_on_a_filled_page() {
    assert_letters_fill_their_pages("fr", &relances());
}

#[test]
fn english_relances_of_every_sample_end_on_a_filled_page() {
    assert_letters_fill_their_pages("en", &relances());
}

#[test]
fn mises_en_demeure_of_every_sample_end_on_a_filled_page() {
    let notice = [("01-mise-en-demeure.pdf", vec!["--etape", "mise_en_demeure"])];
    assert_letters_fill_their_pages("fr", &notice);
    assert_letters_fill_their_pages("en", &notice);
}

/// The check finds the page a reader would find empty: a second page holding only the closing,
/// the signature and the QR caption.
#[test]
fn a_last_page_with_only_the_sign_off_is_found() {
    let first = "Objet : Relance ".repeat(40);
    let sign_off = "Nous vous prions d’agréer, Madame, l’expression de nos salutations distinguées.\n\
                    Payer par virement : scannez ce code avec l’application de votre banque.\n\
                    Pour Usinage Berthier,\nJulien Berthier, président\nRéf. UB-2026-031 — Relance n° 3 page 2 / 2";
    assert!(bare_last_page(&[first.clone(), sign_off.into()]).is_some());
    let filled = format!(
        "{}\n{sign_off}",
        "Si votre règlement a croisé ce courrier, nous vous prions de ne pas en tenir compte. ".repeat(3)
    );
    assert_eq!(bare_last_page(&[first.clone(), filled]), None);
    assert_eq!(bare_last_page(&[first]), None, "a one-page letter");
}
