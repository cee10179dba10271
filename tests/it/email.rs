//! `--courriel`: each relance also as an `.eml` draft, read back with a MIME parser.

use std::path::{Path, PathBuf};

use mail_parser::{Address, MessageParser, MimeHeaders};
use serde_json::Value;

use crate::support::{contains_words, latest_build, pdf_text, recouvre, sample};

/// The relances-en-cours sample copied to a temporary folder, with `debtor_email` for the debtor.
fn case_with_debtor_email(tmp: &Path, debtor_email: Option<&str>) -> PathBuf {
    let text = std::fs::read_to_string(sample("relances-en-cours")).expect("sample");
    let anchor = "  representant: { nom: Marc Aubert, qualite: gérant, civilite: M. }\n";
    assert!(text.contains(anchor), "the sample's debtor changed: update this test");
    let text = match debtor_email {
        Some(email) => text.replacen(anchor, &format!("{anchor}  email: {email}\n"), 1),
        None => text,
    };
    let dir = tmp.join("cas");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let case = dir.join("case.yaml");
    std::fs::write(&case, text).expect("write case");
    case
}

/// Runs `recouvre relance --courriel` and returns the dossier folder and stderr.
fn relance_by_email(case: &Path, out: &Path) -> (PathBuf, String) {
    let output = recouvre().arg("relance").arg(case).arg("--courriel").arg("-o").arg(out).output().expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "relance --courriel failed:\n{stderr}");
    (latest_build(out, "IMP-2026-118"), stderr)
}

/// The one file of `dir` ending in `ext`.
fn only_file(dir: &Path, ext: &str) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dossier")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    assert_eq!(found.len(), 1, "one .{ext} expected in {}: {found:?}", dir.display());
    found.into_iter().next().unwrap_or_default()
}

/// `12 345,67 €` as the e-mail writes it (narrow no-break space between thousands, no-break before €).
fn euros_typographic(amount: &str) -> String {
    let value: rust_decimal::Decimal = amount.parse().expect("amount");
    recouvre::format::euros(value).replace(' ', "\u{202f}").replacen("\u{202f}€", "\u{a0}€", 1)
}

fn first_address(address: Option<&Address<'_>>) -> (String, String) {
    let addr = address.and_then(|a| a.first()).expect("an address");
    (addr.name.as_deref().unwrap_or_default().to_string(), addr.address.as_deref().unwrap_or_default().to_string())
}

#[test]
fn relance_by_email_is_a_mime_draft_carrying_the_letter() {
    let tmp = tempfile::tempdir().expect("tmp");
    let case = case_with_debtor_email(tmp.path(), Some("compta@cafe-des-arts.example"));
    let (dir, _) = relance_by_email(&case, &tmp.path().join("sortie"));
    let eml_path = only_file(&dir, "eml");
    let pdf_path = eml_path.with_extension("pdf");
    assert!(pdf_path.is_file(), "the e-mail is named after its letter: {}", pdf_path.display());
    let bytes = std::fs::read(&eml_path).expect("eml");
    // Headers with accents are encoded (RFC 2047) and bodies transfer-encoded: the file is ASCII.
    assert!(bytes.is_ascii(), "an .eml must be 7-bit: accents encoded");
    let message = MessageParser::default().parse(&bytes).expect("a MIME message");

    assert_eq!(
        first_address(message.from()),
        ("Imprimerie Lumière".to_string(), "facturation@imprimerie-lumiere.example".to_string())
    );
    assert_eq!(first_address(message.to()), ("Café des Arts".to_string(), "compta@cafe-des-arts.example".to_string()));
    let subject = message.subject().expect("subject");
    assert_eq!(subject, "Deuxième relance — factures n° IL-2026-0931 et IL-2026-1015 — réf. IMP-2026-118");
    assert_eq!(message.header_raw("X-Unsent").map(str::trim), Some("1"), "opened as a draft");
    assert!(message.message_id().is_some_and(|id| id.ends_with("@imprimerie-lumiere.example")));
    assert_eq!(message.date().map(|d| (d.year, d.month, d.day)), Some((2026, 11, 23)), "dated as the letter");

    // The figures are the letter's: the total the décompte gives at the letter's date.
    let decompte = recouvre().args(["decompte", "--format", "json"]).arg(&case).output().expect("decompte");
    let json: Value = serde_json::from_slice(&decompte.stdout).expect("json");
    let total = json["totaux"]["total"].as_str().or_else(|| json["total_du"].as_str()).map(str::to_string);
    let total = total.unwrap_or_else(|| panic!("no total in the décompte JSON: {json}"));
    let total = euros_typographic(&total);
    let text = message.body_text(0).expect("text body").into_owned();
    let html = message.body_html(0).expect("html body").into_owned();
    for (what, body) in [("text", &text), ("html", &html)] {
        assert!(body.contains(&total), "{what} body lacks the total {total}:\n{body}");
        // Greeted as the letter greets M. Marc Aubert, the debtor's representative.
        assert!(body.starts_with("Monsieur,") || body.contains("<p>Monsieur,</p>"), "{what}: {body}");
        assert!(body.contains("d’agréer, Monsieur, l’expression"), "{what}: {body}");
        for needle in ["IL-2026-0931", "IL-2026-1015", "FR76 1010 7001 7500 0204 5678 930", "8 jours", "Hélène Roussel"]
        {
            assert!(body.contains(needle), "{what} body lacks « {needle} »:\n{body}");
        }
        assert!(!body.contains("mise en demeure"), "a relance n° 2 never reads as a mise en demeure:\n{body}");
    }
    let letter = pdf_text(&pdf_path);
    let total_letter = recouvre::format::euros(total_value(&json));
    assert!(contains_words(&letter, &total_letter), "the letter shows the same total {total_letter}:\n{letter}");
    assert!(contains_words(&letter, "d'agréer, Monsieur, l'expression"), "the letter greets the same way:\n{letter}");

    // The attachment is the letter, byte for byte.
    let attachment = message.attachment(0).expect("the letter attached");
    assert_eq!(attachment.attachment_name(), pdf_path.file_name().and_then(|n| n.to_str()));
    assert_eq!(attachment.content_type().map(|c| c.ctype()), Some("application"));
    assert_eq!(attachment.contents(), std::fs::read(&pdf_path).expect("pdf").as_slice());

    // Listed in the manifest like every file of the dossier.
    let manifest: Value = serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).expect("manifest")).unwrap();
    let name = eml_path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let listed = manifest.to_string();
    assert!(listed.contains(name) && listed.contains("courriel_relance"), "manifest lacks the e-mail: {listed}");
}

fn total_value(json: &Value) -> rust_decimal::Decimal {
    let total = json["totaux"]["total"].as_str().or_else(|| json["total_du"].as_str()).unwrap_or_default();
    total.parse().unwrap_or_default()
}

#[test]
fn relance_by_email_is_the_same_file_on_every_build() {
    let tmp = tempfile::tempdir().expect("tmp");
    let case = case_with_debtor_email(tmp.path(), Some("compta@cafe-des-arts.example"));
    let (first, _) = relance_by_email(&case, &tmp.path().join("un"));
    let (second, _) = relance_by_email(&case, &tmp.path().join("deux"));
    let a = std::fs::read(only_file(&first, "eml")).expect("eml");
    let b = std::fs::read(only_file(&second, "eml")).expect("eml");
    assert!(a == b, "two builds wrote different e-mails");
}

#[test]
fn relance_without_the_option_writes_no_email() {
    let tmp = tempfile::tempdir().expect("tmp");
    let case = case_with_debtor_email(tmp.path(), Some("compta@cafe-des-arts.example"));
    let out = tmp.path().join("sortie");
    recouvre().arg("relance").arg(&case).arg("-o").arg(&out).assert().success();
    let emails = std::fs::read_dir(latest_build(&out, "IMP-2026-118"))
        .expect("dossier")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .count();
    assert_eq!(emails, 0);
}

#[test]
fn debtor_without_an_address_gets_a_draft_without_recipient_and_a_warning() {
    let tmp = tempfile::tempdir().expect("tmp");
    let case = case_with_debtor_email(tmp.path(), None);
    let (dir, stderr) = relance_by_email(&case, &tmp.path().join("sortie"));
    assert!(stderr.contains("debiteur.email") && stderr.contains("sans destinataire"), "{stderr}");
    assert!(stderr.contains("case.yaml:"), "the warning points into the case file: {stderr}");
    let bytes = std::fs::read(only_file(&dir, "eml")).expect("eml");
    let message = MessageParser::default().parse(&bytes).expect("a MIME message");
    assert!(message.to().is_none(), "no recipient invented");
    assert!(message.from().is_some());
}

/// To a debtor who reads English (`langue: en`), the e-mail is in English, with the letter's
/// figures in the letter's convention (`€8,663.81`), and still a MIME draft carrying the letter.
#[test]
fn relance_by_email_to_an_english_reader_is_in_english() {
    let work = crate::support::copy_sample("debiteur-anglophone");
    let case = work.path().join("case.yaml");
    let out = work.path().join("sortie");
    let output = recouvre()
        .arg("relance")
        .arg(&case)
        .args(["--niveau", "2", "--courriel", "-o"])
        .arg(&out)
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let dir = latest_build(&out, "UB-2026-031");
    let eml_path = only_file(&dir, "eml");
    let bytes = std::fs::read(&eml_path).expect("eml");
    assert!(bytes.is_ascii(), "an .eml must be 7-bit");
    let message = MessageParser::default().parse(&bytes).expect("a MIME message");
    assert_eq!(
        first_address(message.to()),
        ("Kestrel Optics France".to_string(), "accounts.payable@kestrel-optics.example".to_string())
    );
    assert_eq!(
        message.subject(),
        Some("Third reminder — invoices nos.\u{a0}UB-2026-0412 and UB-2026-0488 — ref. UB-2026-031")
    );
    let decompte = recouvre().args(["decompte", "--format", "json"]).arg(&case).output().expect("decompte");
    let json: Value = serde_json::from_slice(&decompte.stdout).expect("json");
    let total = recouvre::format::english::money(total_value(&json));
    assert_eq!(total, "€8,663.81", "the sample's total at 23 November 2026");
    let text = message.body_text(0).expect("text body").into_owned();
    let html = message.body_html(0).expect("html body").into_owned();
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    for (what, body) in [("text", &text), ("html", &html)] {
        for needle in [
            "Dear Ms Carter,",
            "Please find attached our third reminder of 23 November 2026",
            "invoice no.\u{a0}UB-2026-0412 of 30 June 2026, due on 30 July 2026: outstanding €5,556.40",
            "late-payment penalties: €207.41",
            "fixed compensation for recovery costs: €80.00",
            &format!("total: {total}"),
            "within 8 days",
            "IBAN FR76 1810 6000 3896 0123 4567 835, BIC AGRIFRPP881",
            "Yours sincerely,",
            "Julien Berthier, President",
            "Attachment: 01-relance-2.pdf",
        ] {
            assert!(body.contains(needle), "{what} body lacks « {needle} »:\n{body}");
        }
        for french in ["Madame", "Monsieur", "Nous vous", "facture", "Pièce jointe", "présidente", "mise en demeure"]
        {
            assert!(!body.contains(french), "{what} body has French « {french} »:\n{body}");
        }
        let french_amount = body.char_indices().any(|(i, c)| {
            c.is_ascii_digit() && body[i + 1..].trim_start_matches([' ', '\u{a0}', '\u{202f}']).starts_with('€')
        });
        assert!(!french_amount, "{what} body writes an amount the French way (« 12,00 € »):\n{body}");
    }
    let letter = pdf_text(&eml_path.with_extension("pdf"));
    assert!(contains_words(&letter, &format!("Total claimed {total}")), "the letter shows the same total:\n{letter}");
    let attachment = message.attachment(0).expect("the letter attached");
    assert_eq!(attachment.contents(), std::fs::read(eml_path.with_extension("pdf")).expect("pdf").as_slice());
}

/// The first relance's e-mail asks the letter's sum (its QR code's and the décompte's, review 5
/// R5-1) and reads as French: « le règlement des factures », never « de les factures ».
#[test]
fn first_relance_by_email_asks_the_letters_sum_in_french() {
    let work = crate::support::copy_sample("relances-en-cours");
    let case = work.path().join("case.yaml");
    let out = work.path().join("sortie");
    let run = recouvre().arg("relance").arg(&case).args(["--niveau", "1", "--courriel", "-o"]).arg(&out).output();
    let run = run.expect("run");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let bytes = std::fs::read(only_file(&latest_build(&out, "IMP-2026-118"), "eml")).expect("eml");
    let message = MessageParser::default().parse(&bytes).expect("a MIME message");
    let text = message.body_text(0).expect("text body").into_owned();
    for needle in [
        "nous n’avons pas encore reçu le règlement des factures n°\u{a0}IL-2026-0931 et IL-2026-1015, arrivées à échéance",
        "la somme de 2 604,94 €, dont 2 484,00 € de principal, détaillée au décompte joint",
    ] {
        assert!(contains_words(&text, needle), "« {needle} » in:\n{text}");
    }
    assert!(!text.contains("de les "), "{text}");
}
