//! A décompte of more invoices than the slicing threshold, laid out in slices and joined
//! (src/render/long.rs): the threshold is lowered through the engine, so that a claim small enough
//! for a test is sliced into several compilations, some cut at a page boundary.

use std::path::{Path, PathBuf};
use std::process::Command;

use recouvre::pipeline::Engine;
use recouvre::render::Slicing;
use serde_json::Value;

use crate::long_claims::{amounts_after, euros, long_case};
use crate::pdf_check::{available, qpdf_check};
use crate::support::{latest_build, recouvre, request, skip_without_tool, squash};

const INVOICES: usize = 30;
/// 4 invoices (or 20 summary rows) per slice: 30 invoices make a dozen slices.
const SLICING: Slicing = Slicing { threshold: 20, invoices: 4, ..Slicing::DEFAULT };

/// Builds the case with `slicing` into `out`; the décompte's path.
fn build(case: &Path, out: &Path, slicing: Slicing) -> PathBuf {
    let mut engine = Engine::embedded();
    engine.slicing = slicing;
    recouvre::pipeline::build(&engine, &request(case, out, &[])).unwrap_or_else(|e| panic!("build: {e}"));
    latest_build(out, "LONG-S").join("02-decompte.pdf")
}

/// The text of each page (pdftotext separates pages with form feeds), or none without pdftotext.
fn page_texts(pdf: &Path) -> Option<Vec<String>> {
    let out = Command::new("pdftotext").arg("-raw").arg(pdf).arg("-").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // The text ends with a form feed.
    pages.pop_if(|p| p.trim().is_empty());
    Some(pages)
}

/// Body text without what repeats on each page (footers, the headers of tables broken across
/// pages): what must read the same however the pages fall.
fn body(pages: &[String]) -> String {
    let repeated = [
        "Réf. LONG-S — Décompte de la créance",
        "FacturePrincipalPénalitésderetardIndemnitéTotal",
        "LigneDuAuJoursBaseTauxMontant",
        "Facture n° Échéance Sur les pénalités Sur le principal Imputé",
    ];
    let lines = pages.iter().flat_map(|p| p.lines());
    let kept: Vec<&str> = lines.filter(|l| !repeated.iter().any(|r| squash(l).contains(&squash(r)))).collect();
    squash(&kept.join("\n"))
}

/// Where two texts first differ, with a little of each.
fn first_difference(a: &str, b: &str) -> Option<(String, String)> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let at = a.iter().zip(&b).position(|(x, y)| x != y).or((a.len() != b.len()).then(|| a.len().min(b.len())))?;
    let around = |t: &[char]| t[at.saturating_sub(80)..(at + 80).min(t.len())].iter().collect();
    Some((around(&a), around(&b)))
}

#[test]
fn sliced_decompte_lists_every_invoice_with_consecutive_page_numbers_and_same_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("case.yaml");
    std::fs::write(&case, long_case("LONG-S", INVOICES)).expect("write case");
    let sliced = build(&case, &dir.path().join("a"), SLICING);
    let json = recouvre().arg("decompte").arg(&case).args(["--format", "json"]).assert().success();
    let claim: Value = serde_json::from_slice(&json.get_output().stdout).expect("décompte JSON");
    let invoices = claim["factures"].as_array().expect("factures");
    assert_eq!(invoices.len(), INVOICES);

    // Every invoice once, in order, with its total; each in the summary; the total due once.
    let text = squash(&crate::support::pdf_text(&sliced));
    let per_invoice = amounts_after(&text, "Total dû au titre de cette facture");
    let expected: Vec<String> = invoices.iter().map(|f| squash(&euros(&f["total"]))).collect();
    assert_eq!(per_invoice, expected, "each invoice's total, in order, as `decompte --format json`");
    for f in invoices {
        let numero = f["numero"].as_str().expect("numero");
        assert_eq!(text.matches(&squash(&format!("Facture n° {numero} du"))).count(), 1, "block of {numero}");
    }
    let total = squash(&euros(&claim["totaux"]["total_du"]));
    assert_eq!(amounts_after(&text, "Total dû au 23 novembre 2026 :"), vec![total]);
    assert_eq!(text.matches(&squash("Décompte de la créance arrêté au")).count(), 1, "one heading");
    // The payment spread over several invoices: its table once, after the last invoice's block
    // (it ends that block's element: a slice cut before it or after it never repeats it).
    let table = text.find(&squash("Imputation des règlements répartis sur plusieurs factures")).expect("table");
    assert_eq!(text.matches(&squash("Imputation des règlements répartis")).count(), 1, "one table");
    assert!(text.rfind(&squash("Total dû au titre de cette facture")).is_some_and(|b| b < table));

    // Same bytes from a second build.
    let again = build(&case, &dir.path().join("b"), SLICING);
    assert!(std::fs::read(&sliced).expect("a") == std::fs::read(&again).expect("b"), "same bytes twice");

    // A PDF/A-2b file: XMP identification with the joined page count, an output intent.
    let doc = lopdf::Document::load(&sliced).expect("pdf");
    let pages = doc.get_pages().len();
    let catalog = doc.catalog().expect("catalog");
    assert!(catalog.get(b"OutputIntents").is_ok(), "output intent");
    let bytes = std::fs::read(&sliced).expect("pdf");
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(raw.contains(&format!("<xmpTPg:NPages>{pages}</xmpTPg:NPages>")), "XMP page count {pages}");
    if available("qpdf", "--version") {
        qpdf_check(&sliced).unwrap_or_else(|e| panic!("{e}"));
    } else {
        skip_without_tool("sliced_decompte", "qpdf");
    }

    // Page numbers 1 to n over n pages, each once on its page; the body reads as unsliced.
    let Some(texts) = page_texts(&sliced) else {
        skip_without_tool("sliced_decompte", "pdftotext");
        return;
    };
    assert_eq!(texts.len(), pages);
    for (i, page) in texts.iter().enumerate() {
        let folios: Vec<&str> = page.matches(&format!("page {} / {pages}", i + 1)).collect();
        assert_eq!(folios.len(), 1, "page {} : {page}", i + 1);
    }
    let whole = build(&case, &dir.path().join("c"), Slicing { threshold: INVOICES, ..SLICING });
    let whole_texts = page_texts(&whole).expect("pdftotext");
    let difference = first_difference(&body(&texts), &body(&whole_texts));
    assert!(difference.is_none(), "sliced and unsliced décomptes differ: {difference:?}");
}
