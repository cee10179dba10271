//! `recouvre import factur-x`: Factur-X PDFs grouped by (seller, buyer), one case folder per
//! pair, the PDFs copied in as the invoices' files and their delivery notes extracted.

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::draft::{
    Draft, DraftCreditNote, DraftDeliveryNote, DraftExhibit, DraftFile, DraftInvoice, DraftPayment, FileSource,
};
use super::identity::{Source, flag_identifiers};
use super::invoice_inputs::{Doc, pdf_files, read_one};
use super::invoice_parties::{address_conflicts, best_first, creditor_account, group, merged, raw_party};
use super::naming::{normalize, slug, unique};
use super::{Report, write};
use crate::case::model::FileKind;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ground::attachments::Attachment;
use crate::ground::cii::CiiInvoice;
use crate::ground::files::sniff;

/// What `recouvre import factur-x` was asked.
#[derive(Debug, Clone)]
pub struct FacturxOptions {
    /// PDFs, or folders searched for PDFs.
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub force: bool,
}

/// Reads the PDFs, groups them, writes the case folders.
pub fn import_facturx(options: &FacturxOptions) -> Result<Report, Diagnostics> {
    let mut warnings = Diagnostics::new();
    let files = pdf_files(&options.inputs, &options.out)?;
    let docs: Vec<Doc> = files.into_iter().filter_map(|path| read_one(path, &mut warnings)).collect();
    if docs.is_empty() {
        let mut all = Diagnostics::from(
            Diagnostic::error("aucune facture électronique lue : rien n'a été écrit")
                .hint("donnez des PDF Factur-X, ZUGFeRD ou XRechnung (un PDF avec son XML de facture joint), ou des XML de facture CII ou UBL"),
        );
        all.extend(warnings);
        return Err(all);
    }
    let groups = group(docs);
    let mut taken = HashSet::new();
    let mut drafts = Vec::new();
    for docs in &groups {
        if docs.iter().all(Doc::is_credit) {
            for doc in docs {
                warnings.push(doc.source().warning(format!(
                    "avoir {} : aucune facture de ce client parmi les fichiers importés ; pas de dossier écrit pour lui",
                    doc.invoice().number.clone().unwrap_or_default()
                )));
            }
            continue;
        }
        drafts.push(draft_for(docs, &mut taken, &mut warnings));
    }
    if drafts.is_empty() {
        let mut all = Diagnostics::from(Diagnostic::error("seulement des avoirs, aucune facture : rien n'a été écrit"));
        all.extend(warnings);
        return Err(all);
    }
    let written = write::write_all(&options.out, &drafts, options.force)?;
    Ok(Report::new("Factur-X", &options.out, &drafts, written, warnings))
}

/// The case folder of one (seller, buyer) pair.
fn draft_for(docs: &[Doc], taken: &mut HashSet<String>, warnings: &mut Diagnostics) -> Draft {
    let ranked = best_first(docs);
    let seller = merged(&ranked.iter().map(|d| &d.invoice().seller).collect::<Vec<_>>());
    let buyer = merged(&ranked.iter().map(|d| &d.invoice().buyer).collect::<Vec<_>>());
    let debtor_name = buyer.name.clone().or_else(|| buyer.siren.clone()).unwrap_or_else(|| "debiteur".into());
    let seller_name = seller.name.clone().unwrap_or_else(|| "creancier".into());
    let base = slug(&debtor_name);
    let base = if taken.contains(&base) { format!("{base}-{}", slug(&seller_name)) } else { base };
    let folder = unique(&base, taken);
    let mut draft = Draft {
        reference: super::naming::reference(&folder),
        folder,
        origin: vec![format!(
            "Préparé par « recouvre import factur-x » à partir de {} de {seller_name} à {debtor_name}.",
            match docs.len() {
                1 => "1 facture électronique".to_string(),
                n => format!("{n} factures électroniques"),
            }
        )],
        creditor: raw_party(&seller),
        debtor: raw_party(&buyer),
        ..Draft::default()
    };
    draft.signed_at = seller.address.as_ref().and_then(|a| a.city.clone());
    if draft.signed_at.is_some() {
        draft.note("lieu_signature", "ville du créancier : à vérifier");
    }
    draft.note("creancier.type", "à vérifier : societe | entrepreneur_individuel | association | particulier");
    draft.note("debiteur.type", "à vérifier : particulier pour un consommateur");
    creditor_account(&mut draft, &ranked, warnings);
    address_conflicts(&ranked, warnings);

    let mut invoices: Vec<&Doc> = docs.iter().filter(|d| !d.is_credit()).collect();
    invoices.sort_by_key(|d| (d.invoice().issue_date, d.invoice().number.clone()));
    for same in by_number(&invoices) {
        add_invoice(&mut draft, &same, warnings);
    }
    let mut credits: Vec<&Doc> = docs.iter().filter(|d| d.is_credit()).collect();
    credits.sort_by_key(|d| (d.invoice().issue_date, d.invoice().number.clone()));
    for doc in credits {
        add_credit_note(&mut draft, doc, warnings);
    }
    let first = docs.first().map(|d| d.path.clone()).unwrap_or_default();
    let source = Source { file: &first, line: 0 };
    flag_identifiers(&mut draft, "creancier", source, warnings);
    flag_identifiers(&mut draft, "debiteur", source, warnings);
    draft
}

/// Invoices with the same number together, in order.
fn by_number<'a>(docs: &[&'a Doc]) -> Vec<Vec<&'a Doc>> {
    let mut out: Vec<Vec<&Doc>> = Vec::new();
    for doc in docs {
        let number = doc.invoice().number.as_deref().map(str::trim);
        let same = |g: &&mut Vec<&Doc>| {
            number.is_some() && g.first().is_some_and(|d| d.invoice().number.as_deref().map(str::trim) == number)
        };
        match out.iter_mut().find(same) {
            Some(g) => g.push(doc),
            None => out.push(vec![doc]),
        }
    }
    out
}

/// Two files of one invoice agree when their number, date and total agree.
fn agree(a: &CiiInvoice, b: &CiiInvoice) -> bool {
    a.issue_date == b.issue_date && a.gross == b.gross && a.number == b.number
}

/// One invoice (from one or several files of it), its prepayment and its delivery notes.
fn add_invoice(draft: &mut Draft, same: &[&Doc], warnings: &mut Diagnostics) {
    let mut ranked: Vec<&Doc> = same.to_vec();
    ranked.sort_by_key(|d| std::cmp::Reverse(d.invoice().profile));
    let Some(&primary) = ranked.first() else {
        return;
    };
    let (agreeing, conflicting): (Vec<&Doc>, Vec<&Doc>) =
        ranked.iter().partition(|d| agree(d.invoice(), primary.invoice()));
    for dropped in agreeing.iter().skip(1) {
        warnings.push(
            dropped
                .source()
                .warning(format!(
                    "même facture {} que {} ({} contre {}) : ses données complètent l'autre fichier, qui seul est copié",
                    primary.invoice().number.clone().unwrap_or_default(),
                    primary.name(),
                    dropped.invoice().profile.map(|p| p.label()).unwrap_or("profil inconnu"),
                    primary.invoice().profile.map(|p| p.label()).unwrap_or("profil inconnu"),
                ))
                .hint("rien à faire si c'est bien la même facture à deux niveaux de détail"),
        );
    }
    push_invoice(draft, primary, &agreeing, warnings);
    for other in conflicting {
        warnings.push(
            other
                .source()
                .warning(format!(
                    "deux factures différentes portent le numéro {} ({} et {}) : les deux sont reprises",
                    other.invoice().number.clone().unwrap_or_default(),
                    primary.name(),
                    other.name()
                ))
                .hint("gardez la bonne dans case.yaml : recouvre check refuse deux factures de même numéro"),
        );
        push_invoice(draft, other, &[other], warnings);
    }
}

fn push_invoice(draft: &mut Draft, doc: &Doc, same: &[&Doc], warnings: &mut Diagnostics) {
    let pick_date = |f: &dyn Fn(&CiiInvoice) -> Option<NaiveDate>| same.iter().find_map(|d| f(d.invoice()));
    let pick_amount = |f: &dyn Fn(&CiiInvoice) -> Option<Decimal>| same.iter().find_map(|d| f(d.invoice()));
    let inv = doc.invoice();
    let index = draft.invoices.len() + 1;
    let at = |field: &str| format!("factures[{index}].{field}");
    let number = inv.number.clone().unwrap_or_default();
    let number = if number.trim().is_empty() {
        let made = format!("SANS-NUMERO-{index}");
        draft.note(at("numero"), "À COMPLÉTER : numéro absent du XML");
        warnings.push(doc.source().warning("facture sans numéro dans son XML : un numéro provisoire est écrit"));
        made
    } else {
        number.trim().to_string()
    };
    let file = invoice_file(draft, doc, &number, &at("fichier"));
    let mut invoice = DraftInvoice {
        number: number.clone(),
        date: pick_date(&|i| i.issue_date),
        due: pick_date(&|i| i.due_date),
        subject: subject(same.iter().map(|d| d.invoice()).find(|i| !i.items.is_empty()).unwrap_or(inv)),
        net: pick_amount(&|i| i.net),
        vat: pick_amount(&|i| i.vat),
        gross: pick_amount(&|i| i.gross),
        file,
        delivery_notes: Vec::new(),
    };
    if invoice.due.is_none() {
        let terms = same.iter().find_map(|d| d.invoice().payment_terms.clone());
        let why = match terms {
            Some(t) => format!("absente du XML ; conditions de paiement : « {t} »"),
            None => format!("absente du XML (profil {})", inv.profile.map(|p| p.label()).unwrap_or("inconnu")),
        };
        draft.note(at("echeance"), why);
    }
    complete_amounts(draft, &mut invoice, index, doc, warnings);
    if let Some(currency) = inv.currency.as_deref().filter(|c| !c.eq_ignore_ascii_case("EUR")) {
        draft.note(format!("factures[{index}]"), format!("montants en {currency} : convertissez-les en euros"));
        warnings.push(
            doc.source()
                .warning(format!("facture {number} en {currency} : montants repris sans conversion"))
                .hint("le dossier se calcule en euros : convertissez les montants au cours du jour de la facture"),
        );
    }
    if inv.type_code.as_deref() == Some("384") {
        warnings.push(doc.source().warning(format!(
            "facture {number} : facture rectificative{} ; vérifiez qu'elle ne double pas la facture qu'elle corrige",
            inv.referenced_invoice.as_deref().map(|r| format!(" de {r}")).unwrap_or_default()
        )));
    }
    if let Some(prepaid) = same.iter().find_map(|d| d.invoice().prepaid).filter(|p| *p > Decimal::ZERO) {
        let payment_index = draft.payments.len() + 1;
        draft.payments.push(DraftPayment {
            date: invoice.date,
            amount: prepaid,
            invoice: Some(number.clone()),
            mode: None,
            reference: Some("acompte déduit sur la facture".into()),
        });
        draft.note(
            format!("paiements[{payment_index}]"),
            "date inconnue : celle de la facture, le paiement ne peut être postérieur ; à corriger si connue",
        );
    }
    let mut delivery_notes = Vec::new();
    for d in same {
        delivery_notes.extend(attachments(draft, d, &number, warnings));
    }
    delivery_notes.dedup();
    invoice.delivery_notes = delivery_notes;
    draft.invoices.push(invoice);
}

/// HT + TVA = TTC as the loader checks it: a missing one is computed from the other two.
fn complete_amounts(
    draft: &mut Draft,
    invoice: &mut DraftInvoice,
    index: usize,
    doc: &Doc,
    warnings: &mut Diagnostics,
) {
    let at = |field: &str| format!("factures[{index}].{field}");
    match (invoice.net, invoice.vat, invoice.gross) {
        (Some(n), None, Some(g)) => {
            invoice.vat = Some(g - n);
            draft.note(at("montant_tva"), "calculé : TTC − HT (absent du XML)");
        }
        (None, Some(v), Some(g)) => {
            invoice.net = Some(g - v);
            draft.note(at("montant_ht"), "calculé : TTC − TVA (absent du XML)");
        }
        (Some(n), Some(v), None) => {
            invoice.gross = Some(n + v);
            draft.note(at("montant_ttc"), "calculé : HT + TVA (absent du XML)");
        }
        (Some(n), Some(v), Some(g)) if n + v != g => {
            draft.note(at("montant_ttc"), format!("À VÉRIFIER : dans le XML, HT + TVA = {} ≠ TTC", n + v));
            warnings.push(doc.source().warning(format!(
                "facture {} : HT {n} + TVA {v} ≠ TTC {g} dans le XML ; montants repris tels quels",
                invoice.number
            )));
        }
        _ => {}
    }
    for (field, value) in [("montant_ht", invoice.net), ("montant_tva", invoice.vat), ("montant_ttc", invoice.gross)] {
        if let Some(v) = value
            && v.normalize().scale() > 2
        {
            draft.note(at(field), format!("arrondi au centime (XML : {v})"));
        }
    }
}

/// `Prestation support ; Fournitures diverses ; Appel`, at most three, at most 120 characters.
fn subject(inv: &CiiInvoice) -> Option<String> {
    if inv.items.is_empty() {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    for item in &inv.items {
        if !names.contains(item) {
            names.push(item.clone());
        }
    }
    let more = names.len() > 3;
    let mut text = names.into_iter().take(3).collect::<Vec<_>>().join(" ; ");
    if text.chars().count() > 120 {
        text = text.chars().take(119).collect();
        text.push('…');
    } else if more {
        text.push_str(" ; …");
    }
    Some(text)
}

/// Delivery notes attached to the PDF become `bons_de_livraison` (their numbers are returned);
/// other PDF or image attachments are extracted and suggested as pièces.
fn attachments(draft: &mut Draft, doc: &Doc, invoice: &str, warnings: &mut Diagnostics) -> Vec<String> {
    let mut numbers = Vec::new();
    for attachment in &doc.fx.others {
        let kind = sniff(&attachment.bytes[..attachment.bytes.len().min(1024)]);
        let Some(kind) = kind else {
            warnings.push(
                doc.source().warning(format!(
                    "pièce jointe « {} » non reprise : ni PDF, ni image PNG ou JPEG",
                    attachment.name
                )),
            );
            continue;
        };
        let extension = match kind {
            FileKind::Pdf => "pdf",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpg",
        };
        if is_delivery_note(&attachment.name) {
            numbers.push(add_delivery_note(draft, doc, attachment, invoice, extension, warnings));
        } else {
            let stem =
                format!("{invoice}-{}", attachment.name.rsplit_once('.').map_or(attachment.name.as_str(), |(s, _)| s));
            let file = draft.free_piece_name(&stem, extension);
            draft.files.push(DraftFile { relative: file.clone(), source: FileSource::Bytes(attachment.bytes.clone()) });
            draft.suggested_exhibits.push(DraftExhibit {
                title: format!("{} (jointe à la facture {invoice})", attachment.name),
                file: file.clone(),
            });
            warnings.push(doc.source().warning(format!(
                "pièce jointe « {} » copiée dans {file} et proposée en commentaire sous « pieces » : gardez-la si elle sert",
                attachment.name
            )));
        }
    }
    numbers
}

fn is_delivery_note(name: &str) -> bool {
    let n = normalize(name);
    let words: Vec<&str> = n.split(' ').collect();
    n.contains("livraison")
        || n.contains("delivery")
        || n.contains("lieferschein")
        || n.contains("reception")
        || words
            .first()
            .is_some_and(|w| *w == "bl" || w.strip_prefix("bl").is_some_and(|n| n.chars().all(|c| c.is_ascii_digit())))
}

fn add_delivery_note(
    draft: &mut Draft,
    doc: &Doc,
    attachment: &Attachment,
    invoice: &str,
    extension: &str,
    warnings: &mut Diagnostics,
) -> String {
    let inv = doc.invoice();
    let given = inv.delivery_note.clone().filter(|n| !n.trim().is_empty());
    let holds_these_bytes = |note: &DraftDeliveryNote| {
        let file = note.file.as_ref().and_then(|f| draft.files.iter().find(|d| &d.relative == f));
        file.is_some_and(|d| matches!(&d.source, FileSource::Bytes(b) if *b == attachment.bytes))
    };
    // The same delivery note attached to several invoices (or to two files of one invoice).
    if let Some(same) =
        draft.delivery_notes.iter().find(|n| holds_these_bytes(n) && given.as_ref().is_none_or(|g| *g == n.number))
    {
        return same.number.clone();
    }
    let mut number = given.clone().unwrap_or_else(|| format!("BL-{invoice}"));
    if draft.delivery_notes.iter().any(|n| n.number == number) {
        number = format!("{number}-{invoice}");
        warnings.push(doc.source().warning(format!(
            "bon de livraison {} : un autre bon porte déjà ce numéro ; celui de la facture {invoice} est repris sous le numéro {number}",
            given.clone().unwrap_or_default()
        )));
    }
    let file = draft.free_piece_name(&number, extension);
    draft.files.push(DraftFile { relative: file.clone(), source: FileSource::Bytes(attachment.bytes.clone()) });
    draft.delivery_notes.push(DraftDeliveryNote { number: number.clone(), date: inv.delivery_date, file: Some(file) });
    let index = draft.delivery_notes.len();
    if given.is_none() {
        draft.note(
            format!("bons_de_livraison[{index}]"),
            format!("numéro à vérifier sur le bon (« {} » joint à la facture)", attachment.name),
        );
    }
    if inv.delivery_date.is_none() {
        draft.note(format!("bons_de_livraison[{index}].date"), "absente du XML");
    }
    number
}

fn add_credit_note(draft: &mut Draft, doc: &Doc, warnings: &mut Diagnostics) {
    let inv = doc.invoice();
    let number =
        inv.number.clone().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).unwrap_or_else(|| "AVOIR".into());
    let file = invoice_file(draft, doc, &number, &format!("avoirs[{}].fichier", draft.credit_notes.len() + 1));
    let reduces = inv.referenced_invoice.clone();
    let known = reduces.as_ref().is_some_and(|r| draft.invoices.iter().any(|i| &i.number == r));
    let left_out = match (&reduces, known) {
        (_, true) => None,
        (Some(r), false) => Some(format!(
            "avoir {number} : la facture {r} qu'il réduit n'est pas parmi les factures importées ; décommentez-le si vous l'ajoutez"
        )),
        (None, false) => Some(format!(
            "avoir {number} : son XML ne dit pas quelle facture il réduit ; indiquez-la dans « facture » et décommentez-le"
        )),
    };
    if let Some(why) = &left_out {
        warnings.push(
            doc.source()
                .warning(format!("{why} (écrit en commentaire sous « avoirs »)"))
                .hint("un avoir doit désigner une facture du dossier"),
        );
    }
    if inv.gross.is_some_and(|g| g.is_sign_negative()) && !inv.is_credit_note() {
        warnings.push(doc.source().warning(format!(
            "facture {number} de montant négatif (type {}) : reprise comme avoir",
            inv.type_code.clone().unwrap_or_default()
        )));
    }
    draft.credit_notes.push(DraftCreditNote {
        number,
        date: inv.issue_date,
        invoice: reduces,
        gross: inv.gross.map(|g| g.abs()),
        reason: subject(inv),
        file,
        left_out,
    });
}

/// The PDF copied into `pieces/`; for a standalone XML, none: the XML is not a document a court
/// reads, so the note asks for the invoice as sent (its PDF).
fn invoice_file(draft: &mut Draft, doc: &Doc, number: &str, field: &str) -> Option<String> {
    if doc.xml_only {
        draft.note(
            field,
            format!("À COMPLÉTER : facture reçue en XML seul ({}) ; joignez-la en PDF dans pieces/", doc.name()),
        );
        return None;
    }
    let file = draft.free_piece_name(number, "pdf");
    draft.files.push(DraftFile { relative: file.clone(), source: FileSource::Copy(doc.path.clone()) });
    Some(file)
}
