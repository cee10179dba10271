//! Figures a judge can redo from what is printed (issue 13, point 3): a payment that went to
//! penalties first is shown where the principal is; the principal is the TTC less the printed
//! deductions; a penalty figure stands beside the one period it covers, or points to the
//! décompte's numbered lines; a credit note for a defect is dated back to its invoice.
//! Built through the binary, read back from the PDFs and from `decompte --format json`.

use recouvre::case::model::CreditEffect;
use recouvre::claim::{self, RateTables};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::claim_support::{assert_identities, b2b, credit, d, invoice, payment};
use crate::legal_support::{built_by_binary, decompte_json, euros_fr, text_of};

fn dec(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

#[test]
fn payment_imputed_on_penalties_is_shown_and_principal_reconciles() {
    let dossier = built_by_binary("atelier-dupont");
    let json = decompte_json("atelier-dupont");
    let requete = text_of(&dossier.join("01-requete-injonction-de-payer.pdf"));
    let decompte = text_of(&dossier.join("03-decompte.pdf"));
    let mut paid_somewhere = false;
    for inv in json["factures"].as_array().expect("factures") {
        let paid = dec(inv["interets_payes"].as_str().expect("interets_payes"));
        if paid.is_zero() {
            continue;
        }
        paid_somewhere = true;
        let phrase = format!("dont {} imputés sur les pénalités échues, art. 1343-1 C. civ.", euros_fr(paid));
        for (what, text) in [("requête", &requete), ("décompte", &decompte)] {
            assert!(crate::support::contains_words(text, &phrase), "{what}: « {phrase} » missing\n{text}");
        }
    }
    assert!(paid_somewhere, "the sample has a payment imputed on penalties");
    // The principal is the TTC less the deductions printed beside it.
    let t = &json["totaux"];
    let gross = dec(t["montant_ttc"].as_str().expect("ttc"));
    let principal = dec(t["principal_restant"].as_str().expect("principal"));
    let reconciled = format!("{} − {} = {}", euros_fr(gross), euros_fr(gross - principal), euros_fr(principal));
    assert!(crate::support::contains_words(&requete, &reconciled), "requête: « {reconciled} » missing\n{requete}");
}

/// Every « du A au B » printed beside a penalty figure in the requête is exactly one line of the
/// décompte, with that amount; any other figure points to the décompte's numbered lines.
#[test]
fn each_requete_penalty_figure_is_one_period_or_points_to_numbered_lines() {
    for sample in ["atelier-dupont", "consommateur-tj"] {
        let dossier = built_by_binary(sample);
        let json = decompte_json(sample);
        let requete = text_of(&dossier.join("01-requete-injonction-de-payer.pdf"));
        let mut next_line = 1;
        for inv in json["factures"].as_array().expect("factures") {
            let segments = inv["segments"].as_array().expect("segments");
            if segments.is_empty() {
                continue;
            }
            let (first, last) = (next_line, next_line + segments.len() - 1);
            next_line += segments.len();
            let number = inv["numero"].as_str().expect("numero");
            let remaining = euros_fr(dec(inv["interets"].as_str().expect("interets")));
            let paid = !dec(inv["interets_payes"].as_str().expect("payes")).is_zero();
            let expected = if segments.len() == 1 && !paid {
                let s = &segments[0];
                format!(
                    "du {} au {} {}",
                    short(&s["du"]),
                    short(&s["au"]),
                    euros_fr(dec(s["montant"].as_str().expect("m")))
                )
            } else if first == last {
                format!("décompte, ligne {first} {remaining}")
            } else {
                format!("décompte, lignes {first} à {last} {remaining}")
            };
            assert!(
                crate::support::contains_words(&requete, &expected),
                "{sample} {number}: « {expected} » missing from the requête\n{requete}"
            );
        }
    }
}

fn short(iso: &Value) -> String {
    let iso = iso.as_str().expect("date");
    format!("{}/{}/{}", &iso[8..10], &iso[5..7], &iso[0..4])
}

/// The décompte's periods start on the day after the due date, as the requête says (issue 13,
/// point 8), and its lines are numbered.
#[test]
fn decompte_periods_start_the_day_after_the_due_date() {
    let dossier = built_by_binary("atelier-dupont");
    let decompte = text_of(&dossier.join("03-decompte.pdf"));
    let requete = text_of(&dossier.join("01-requete-injonction-de-payer.pdf"));
    // F-2026-0057 is due on 03/07/2026: its one period starts on 04/07, in both documents.
    assert!(crate::support::contains_words(&decompte, "04/07/2026 23/11/2026 143"), "{decompte}");
    assert!(crate::support::contains_words(&requete, "du 04/07/2026 au 23/11/2026"), "{requete}");
    assert!(!crate::support::contains_words(&decompte, "03/07/2026 23/11/2026"), "{decompte}");
    assert!(crate::support::contains_words(&decompte, "Ligne Du Au Jours Base Taux Montant"), "{decompte}");
    // One wording of the start everywhere: the day after each invoice's due date.
    let start = "à compter du lendemain de l'échéance de chaque facture";
    for (what, text) in [("requête", &requete), ("décompte", &decompte)] {
        assert!(crate::support::contains_words(text, start), "{what}: « {start} » missing\n{text}");
    }
    // Nothing tells the judge a rate is unchecked, nor names the software.
    for wrong in ["vérifiée jusqu'au", "tables intégrées", "recouvre"] {
        assert!(!crate::support::contains_words(&decompte, wrong), "décompte: « {wrong} »\n{decompte}");
    }
}

/// A credit note for a defect (`effet: facture`) lowers the base from the first day of delay; a
/// commercial one only from its date. Exact to the cent.
#[test]
fn credit_note_dated_back_to_the_invoice_lowers_the_base_from_the_start() {
    let mut case = b2b(vec![invoice("F-1", "2026-05-12", "2026-06-11", dec("5040.00"))]);
    case.credit_notes.push(credit("AV-1", "F-1", "2026-06-20", dec("240.00")));
    case.payments.push(payment("2026-07-01", dec("1000.00"), Some("F-1")));
    let on = d("2026-11-23");
    let commercial = claim::compute(&case, &RateTables::embedded(), on).expect("décompte");
    case.credit_notes[0].effect = CreditEffect::FromInvoice;
    let dated_back = claim::compute(&case, &RateTables::embedded(), on).expect("décompte");
    assert_identities(&commercial, "commercial credit note");
    assert_identities(&dated_back, "credit note dated back");

    // Commercial: 5 040 € from 12/06 to 20/06 (9 days at 12,15 %), then 4 800 €.
    let c = &commercial.invoices[0];
    assert_eq!((c.segments[0].base, c.segments[0].days, c.segments[0].amount), (dec("5040.00"), 9, dec("15.10")));
    assert_eq!(c.interest_paid, dec("32.68"));
    assert_eq!(c.principal_remaining, dec("3832.68"));

    // Dated back: 4 800 € from the first day, 12/06 to 30/06 (19 days), then 1 day to 01/07.
    let b = &dated_back.invoices[0];
    assert!(b.credits[0].from_invoice);
    assert_eq!(b.segments[0].first_day(), d("2026-06-12"));
    assert_eq!((b.segments[0].base, b.segments[0].days, b.segments[0].amount), (dec("4800.00"), 19, dec("30.36")));
    assert_eq!((b.segments[1].base, b.segments[1].days, b.segments[1].amount), (dec("4800.00"), 1, dec("1.60")));
    assert_eq!(b.interest_paid, dec("31.96"));
    assert_eq!(b.principal_remaining, dec("4800.00") - (dec("1000.00") - dec("31.96")));
    assert!(b.interest_accrued < c.interest_accrued, "no penalty ran on the amount credited");
    // A credit note dated back after the due date still settles the invoice by its due date
    // for the indemnity: here the rest was unpaid, so the 40 € stays owed.
    assert_eq!(b.indemnity, dec("40"));
}

/// A credit note dated back that covers the whole invoice leaves no penalty and no indemnity.
#[test]
fn credit_note_dated_back_for_the_whole_invoice_leaves_nothing() {
    let mut case = b2b(vec![invoice("F-1", "2026-05-12", "2026-06-11", dec("1200.00"))]);
    let mut note = credit("AV-1", "F-1", "2026-09-01", dec("1200.00"));
    note.effect = CreditEffect::FromInvoice;
    case.credit_notes.push(note);
    let claim = claim::compute(&case, &RateTables::embedded(), d("2026-11-23")).expect("décompte");
    let inv = &claim.invoices[0];
    assert!(inv.segments.is_empty(), "{:?}", inv.segments);
    assert_eq!((inv.interest_accrued, inv.indemnity, inv.total), (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO));
    // The same credit note on its date: penalties ran on 1 200 € until 01/09, and the 40 €.
    case.credit_notes[0].effect = CreditEffect::OnItsDate;
    let claim = claim::compute(&case, &RateTables::embedded(), d("2026-11-23")).expect("décompte");
    assert!(claim.invoices[0].interest_accrued > Decimal::ZERO);
    assert_eq!(claim.invoices[0].indemnity, dec("40"));
}

/// The sample's credit note for a defect is dated back: its décompte starts on 4 800 €.
#[test]
fn sample_credit_note_for_a_defect_runs_no_penalty() {
    let dossier = built_by_binary("atelier-dupont");
    let decompte = text_of(&dossier.join("03-decompte.pdf"));
    assert!(
        crate::support::contains_words(&decompte, "1 12/06/2026 30/06/2026 19 4 800,00 €"),
        "first line on the reduced amount\n{decompte}"
    );
    assert!(crate::support::contains_words(&decompte, "déduit dès la facture"), "{decompte}");
}
