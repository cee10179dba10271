//! « Payer par virement » QR codes, decoded from the rendered pages as a bank app would read them.

use std::path::Path;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{RenderCache, RenderSettings, render};

use crate::support::{built, contains_words, pdf_text};

/// Every QR code found on the pages of `pdf`, decoded, rendered at 300 dpi.
fn qr_codes(pdf: &Path) -> Vec<String> {
    let bytes = std::fs::read(pdf).expect("pdf");
    let pdf = Pdf::new(bytes).expect("readable PDF");
    let scale = 300.0 / 72.0;
    let settings = RenderSettings { x_scale: scale, y_scale: scale, bg_color: WHITE, ..Default::default() };
    let mut found = Vec::new();
    for page in pdf.pages().iter() {
        let pixmap = render(page, &RenderCache::new(), &InterpreterSettings::default(), &settings);
        let (width, height) = (usize::from(pixmap.width()), usize::from(pixmap.height()));
        let pixels = pixmap.data_as_u8_slice();
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
            let p = &pixels[(y * width + x) * 4..][..3];
            ((u16::from(p[0]) + u16::from(p[1]) + u16::from(p[2])) / 3) as u8
        });
        for grid in image.detect_grids() {
            let (_, content) = grid.decode().expect("a readable QR code");
            found.push(content);
        }
    }
    found
}

/// The one QR code of a document and its text.
fn document_qr(dir: &Path, name: &str) -> (String, String) {
    let path = dir.join(name);
    let codes = qr_codes(&path);
    assert_eq!(codes.len(), 1, "{name}: one QR code expected, found {codes:?}");
    (codes.into_iter().next().unwrap_or_default(), pdf_text(&path))
}

/// The EPC069-12 fields of a payload, checked line by line against the sample's creditor.
fn assert_epc(payload: &str, amount: &str, text: &str, what: &str) {
    let lines: Vec<&str> = payload.split('\n').collect();
    assert_eq!(
        lines,
        [
            "BCD",
            "002",
            "1",
            "SCT",
            "BREDFRPP",
            "Imprimerie Lumière",
            "FR7610107001750002045678930",
            &format!("EUR{amount}"),
            "",
            "",
            "IMP-2026-118 IL-2026-0931 IL-2026-1015",
        ],
        "{what}: EPC payload"
    );
    let euros = recouvre::format::euros(amount.parse().expect("amount"));
    assert!(contains_words(text, &euros), "{what}: the letter asks for the amount the code carries ({euros})");
    assert!(
        contains_words(text, "scannez ce code avec l'application de votre banque"),
        "{what}: the invitation is printed"
    );
}

#[test]
fn relances_and_statement_carry_a_sepa_transfer_code_for_the_amount_they_ask() {
    let outcome = built("relances-en-cours", &[]);
    let total = outcome.total_due.to_string();
    let file = |role: &str| {
        let found = outcome.files.iter().find(|f| f.role == role);
        found.unwrap_or_else(|| panic!("no {role} in the relances-en-cours dossier")).chemin.clone()
    };
    for role in ["relance", "decompte"] {
        let (payload, text) = document_qr(&outcome.dir, &file(role));
        assert_epc(&payload, &total, &text, role);
    }
    // The « Historique des relances » is for the court file: never sent with a relance (review 5, R5-3).
    assert!(outcome.files.iter().all(|f| f.role != "historique_des_relances"), "a relance sends no history");
}

#[test]
fn the_mise_en_demeure_stays_a_formal_letter_without_a_code() {
    let outcome = built("relances-en-cours", &["--etape", "mise_en_demeure"]);
    let notice = outcome.files.iter().find(|f| f.role == "mise_en_demeure").expect("a mise en demeure");
    let path = outcome.dir.join(&notice.chemin);
    assert!(qr_codes(&path).is_empty(), "the mise en demeure carries no payment code");
    assert!(pdf_text(&path).contains("IBAN"), "it gives the bank details in words");
}

#[test]
fn the_creditors_own_pack_carries_no_payment_code() {
    // « attente »: the mise en demeure is running; the décompte is the creditor's file.
    let outcome = built("attente-delai", &[]);
    let decompte = outcome.files.iter().find(|f| f.role == "decompte").expect("a décompte");
    assert!(qr_codes(&outcome.dir.join(&decompte.chemin)).is_empty(), "no payment code in the creditor's pack");
}

#[test]
fn court_papers_carry_no_payment_code() {
    let outcome = built("atelier-dupont", &[]);
    let decompte = outcome.files.iter().find(|f| f.role == "decompte").expect("a décompte in the court dossier");
    let path = outcome.dir.join(&decompte.chemin);
    assert!(qr_codes(&path).is_empty(), "a décompte filed with the court is not a payment slip");
    assert!(!pdf_text(&path).contains("scannez"), "no invitation to pay in a court paper");
}
