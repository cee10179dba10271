//! R042: when an invoice's file is a Factur-X (or ZUGFeRD, XRechnung) PDF, the XML inside it
//! and the case file must say the same number, dates and amounts — the court reads the PDF.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::case::model::{Case, FileKind, FileRef};
use crate::case::path::join;
use crate::diag::Diagnostic;
use crate::format::{date_fr, euros};
use crate::ground::cii::CiiInvoice;
use crate::ground::facturx::read_pdf;
use crate::inputs::Files;
use crate::rules;

/// Every difference between the invoices (and credit notes) and their Factur-X XML.
pub fn check(case: &Case, files: &Files) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for inv in &case.invoices {
        let Some((xml, file)) = embedded(inv.file.as_ref(), files) else { continue };
        let mut cmp = Comparison { what: format!("facture {}", inv.number), at: &inv.field, file, out: &mut out };
        if xml.is_credit_note() {
            let kind = format!("avoir (type {})", xml.type_code.clone().unwrap_or_default());
            cmp.report("numero", "déclarée comme", "facture", &kind);
        }
        cmp.text("numero", "numéro", &inv.number, xml.number.as_deref());
        cmp.date("date", "date", inv.date, xml.issue_date);
        cmp.date("echeance", "échéance", inv.due, xml.due_date);
        if is_euro(&xml) {
            cmp.amount("montant_ht", "montant HT", inv.net, xml.net);
            cmp.amount("montant_tva", "montant TVA", inv.vat, xml.vat);
            cmp.amount("montant_ttc", "montant TTC", inv.gross, xml.gross);
        }
    }
    for credit in &case.credit_notes {
        let Some((xml, file)) = embedded(credit.file.as_ref(), files) else { continue };
        let mut cmp = Comparison { what: format!("avoir {}", credit.number), at: &credit.field, file, out: &mut out };
        cmp.text("numero", "numéro", &credit.number, xml.number.as_deref());
        cmp.date("date", "date", credit.date, xml.issue_date);
        if is_euro(&xml) {
            cmp.amount("montant_ttc", "montant TTC", credit.amount, xml.gross.map(|g| g.abs()));
        }
    }
    out
}

/// The invoice XML of a PDF file, if it is a Factur-X PDF that can be read.
fn embedded<'a>(file: Option<&'a FileRef>, files: &Files) -> Option<(CiiInvoice, &'a FileRef)> {
    let file = file.filter(|f| f.kind == FileKind::Pdf)?;
    let bytes = files.read(&file.path).ok()?;
    let fx = read_pdf(bytes.bytes.to_vec()).ok()??;
    Some((fx.invoice, file))
}

/// Amounts are compared only in euros (converted amounts differ from the XML by design).
fn is_euro(xml: &CiiInvoice) -> bool {
    xml.currency.as_deref().is_none_or(|c| c.eq_ignore_ascii_case("EUR"))
}

struct Comparison<'a> {
    what: String,
    at: &'a str,
    file: &'a FileRef,
    out: &'a mut Vec<Diagnostic>,
}

impl Comparison<'_> {
    fn report(&mut self, key: &str, label: &str, yaml: &str, xml: &str) {
        self.out.push(
            rules::FACTURX_MISMATCH
                .report(format!(
                    "{} : {label} {yaml} dans le YAML, {xml} dans le XML Factur-X de {}",
                    self.what, self.file.relative
                ))
                .field(join(self.at, key))
                .hint("recopiez la valeur de la facture (le tribunal lit le PDF), ou joignez le bon fichier"),
        );
    }

    fn text(&mut self, key: &str, label: &str, yaml: &str, xml: Option<&str>) {
        if let Some(xml) = xml
            && xml.trim() != yaml.trim()
        {
            self.report(key, label, &format!("« {} »", yaml.trim()), &format!("« {} »", xml.trim()));
        }
    }

    fn date(&mut self, key: &str, label: &str, yaml: chrono::NaiveDate, xml: Option<chrono::NaiveDate>) {
        if let Some(xml) = xml
            && xml != yaml
        {
            self.report(key, label, &date_fr(yaml), &date_fr(xml));
        }
    }

    fn amount(&mut self, key: &str, label: &str, yaml: Decimal, xml: Option<Decimal>) {
        let cents = |d: Decimal| d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        if let Some(xml) = xml
            && cents(xml) != cents(yaml)
        {
            self.report(key, label, &euros(yaml), &euros(xml));
        }
    }
}
