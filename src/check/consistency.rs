//! Cross-field rules on the converted case: sums, dates in order, references that exist.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;

use crate::case::model::{Case, ExhibitRole};
use crate::case::path::{item, join};
use crate::diag::Diagnostic;
use crate::format::{date_fr, euros};
use crate::rules;

/// Runs every rule that needs the whole case; returns the problems found.
pub fn check(case: &Case) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    invoices(case, &mut out);
    unique_numbers(case, &mut out);
    references(case, &mut out);
    credits(case, &mut out);
    future_dates(case, &mut out);
    reminders(case, &mut out);
    formal_notice(case, &mut out);
    prescription(case, &mut out);
    basis(case, &mut out);
    out
}

fn invoices(case: &Case, out: &mut Vec<Diagnostic>) {
    for inv in &case.invoices {
        if inv.net + inv.vat != inv.gross {
            out.push(
                rules::TTC_SUM
                    .report(format!(
                        "facture {} : TTC {} ≠ HT {} + TVA {} (= {})",
                        inv.number,
                        euros(inv.gross),
                        euros(inv.net),
                        euros(inv.vat),
                        euros(inv.net + inv.vat)
                    ))
                    .field(join(&inv.field, "montant_ttc"))
                    .hint("recopiez les trois montants tels qu'imprimés sur la facture"),
            );
        }
        if inv.gross.is_zero() {
            out.push(
                rules::ZERO_INVOICE
                    .report(format!("facture {} : montant TTC nul", inv.number))
                    .field(join(&inv.field, "montant_ttc"))
                    .hint("recopiez les montants imprimés sur la facture, ou retirez du dossier une facture qui ne réclame rien"),
            );
        }
        if inv.date > inv.due {
            out.push(
                rules::INVOICE_DATES
                    .report(format!(
                        "facture {} : l'échéance ({}) précède la date de facture ({})",
                        inv.number,
                        date_fr(inv.due),
                        date_fr(inv.date)
                    ))
                    .field(join(&inv.field, "echeance"))
                    .hint("vérifiez que les deux dates n'ont pas été inversées"),
            );
        } else if !case.debtor.is_consumer() && beyond_legal_terms(inv.date, inv.due) {
            out.push(
                rules::PAYMENT_TERMS
                    .report(format!(
                        "facture {} : {} jours entre la facture et l'échéance, au-delà des plafonds légaux",
                        inv.number,
                        (inv.due - inv.date).num_days()
                    ))
                    .field(join(&inv.field, "echeance"))
                    .hint("entre professionnels : 60 jours à compter de la facture, ou 45 jours fin de mois (art. L. 441-10 C. com.) ; la créance reste due"),
            );
        }
        if inv.due >= case.computed_on {
            out.push(
                rules::NOT_YET_DUE
                    .report(format!(
                        "facture {} : échéance au {}, pas encore passée au {} : elle n'est pas réclamée",
                        inv.number,
                        date_fr(inv.due),
                        date_fr(case.computed_on)
                    ))
                    .field(join(&inv.field, "echeance"))
                    .hint("une facture non échue n'est pas exigible : elle n'entre dans aucune demande avant le lendemain de son échéance"),
            );
        }
    }
}

/// Beyond both caps: 60 days from the invoice, and 45 days end of month (either reading).
fn beyond_legal_terms(date: NaiveDate, due: NaiveDate) -> bool {
    let sixty = date + chrono::Days::new(60);
    let plus45 = date + chrono::Days::new(45);
    // "45 jours fin de mois": end of the month of date + 45 days, the more generous reading.
    let end_of_month = last_day_of_month(plus45);
    due > sixty && due > end_of_month
}

pub fn last_day_of_month(d: NaiveDate) -> NaiveDate {
    let first_next = NaiveDate::from_ymd_opt(d.year(), d.month(), 1).and_then(|f| f.checked_add_months(Months::new(1)));
    first_next.and_then(|f| f.pred_opt()).unwrap_or(d)
}

fn unique_numbers(case: &Case, out: &mut Vec<Diagnostic>) {
    let lists: [(&str, Vec<(&str, &str)>); 3] = [
        ("facture", case.invoices.iter().map(|i| (i.number.as_str(), i.field.as_str())).collect()),
        ("avoir", case.credit_notes.iter().map(|c| (c.number.as_str(), c.field.as_str())).collect()),
        ("bon de livraison", case.delivery_notes.iter().map(|d| (d.number.as_str(), d.field.as_str())).collect()),
    ];
    for (what, items) in lists {
        let mut seen = HashSet::new();
        for (number, field) in items {
            if !seen.insert(number) {
                out.push(
                    rules::UNIQUE_NUMBERS
                        .report(format!("numéro de {what} « {number} » en double"))
                        .field(join(field, "numero"))
                        .hint("chaque pièce a son propre numéro ; supprimez le doublon ou corrigez le numéro"),
                );
            }
        }
    }
}

fn references(case: &Case, out: &mut Vec<Diagnostic>) {
    let invoices: HashSet<&str> = case.invoices.iter().map(|i| i.number.as_str()).collect();
    let known = case.invoices.iter().map(|i| i.number.as_str()).collect::<Vec<_>>().join(", ");
    let mut unknown = |number: &str, field: String, what: &str| {
        if !invoices.contains(number) {
            out.push(
                rules::UNKNOWN_INVOICE
                    .report(format!("{what} désigne la facture « {number} », absente du dossier"))
                    .field(field)
                    .hint(format!("factures du dossier : {known}")),
            );
        }
    };
    for c in &case.credit_notes {
        unknown(&c.invoice, join(&c.field, "facture"), &format!("l'avoir {}", c.number));
    }
    for p in &case.payments {
        if let Some(f) = &p.invoice {
            unknown(f, join(&p.field, "facture"), "le paiement");
        }
    }
    if let Some(m) = &case.formal_notice {
        for (i, f) in m.invoices.iter().enumerate() {
            unknown(f, item("mise_en_demeure.factures", i), "la mise en demeure");
        }
    }
    for e in &case.exhibits {
        for (i, f) in e.invoices.iter().enumerate() {
            unknown(f, format!("{}.factures[{}]", e.field, i + 1), &format!("la pièce « {} »", e.title));
        }
    }
    let notes: HashSet<&str> = case.delivery_notes.iter().map(|d| d.number.as_str()).collect();
    for inv in &case.invoices {
        for (i, bl) in inv.delivery_notes.iter().enumerate() {
            if !notes.contains(bl.as_str()) {
                out.push(
                    rules::UNKNOWN_DELIVERY_NOTE
                        .report(format!(
                            "la facture {} cite le bon de livraison « {bl} », absent de « bons_de_livraison »",
                            inv.number
                        ))
                        .field(format!("{}.bons_de_livraison[{}]", inv.field, i + 1))
                        .hint("décrivez ce bon dans la liste « bons_de_livraison » (numéro, date, fichier)"),
                );
            }
        }
    }
}

fn credits(case: &Case, out: &mut Vec<Diagnostic>) {
    let mut total: HashMap<&str, Decimal> = HashMap::new();
    for c in &case.credit_notes {
        *total.entry(c.invoice.as_str()).or_default() += c.amount;
    }
    for inv in &case.invoices {
        if let Some(&credited) = total.get(inv.number.as_str())
            && credited > inv.gross
        {
            let field = case
                .credit_notes
                .iter()
                .rev()
                .find(|c| c.invoice == inv.number)
                .map(|c| join(&c.field, "montant_ttc"))
                .unwrap_or_default();
            out.push(
                rules::CREDIT_ABOVE_INVOICE
                    .report(format!("avoirs sur la facture {} : {} pour une facture de {}", inv.number, euros(credited), euros(inv.gross)))
                    .field(field)
                    .hint("un avoir ne peut dépasser la facture qu'il réduit ; vérifiez la facture désignée et le montant"),
            );
        }
    }
}

fn future_dates(case: &Case, out: &mut Vec<Diagnostic>) {
    let limit = case.computed_on;
    // What is dated, and "daté" agreeing with it.
    let mut dated: Vec<(NaiveDate, String, String, &str)> = Vec::new();
    for i in &case.invoices {
        dated.push((i.date, join(&i.field, "date"), format!("facture {}", i.number), "datée"));
    }
    for p in &case.payments {
        dated.push((p.date, join(&p.field, "date"), "paiement".into(), "daté"));
    }
    for c in &case.credit_notes {
        dated.push((c.date, join(&c.field, "date"), format!("avoir {}", c.number), "daté"));
    }
    for r in &case.reminders {
        dated.push((r.date, join(&r.field, "date"), "relance".into(), "datée"));
    }
    if let Some(m) = &case.formal_notice {
        dated.push((m.sent, "mise_en_demeure.date".into(), "mise en demeure".into(), "datée"));
        if let Some(r) = m.received {
            dated.push((r, "mise_en_demeure.date_reception".into(), "réception de la mise en demeure".into(), "datée"));
        }
    }
    for (date, field, what, dated) in dated {
        if date > limit {
            out.push(
                rules::FUTURE_DATE
                    .report(format!(
                        "{what} {dated} du {}, après la date de calcul ({})",
                        date_fr(date),
                        date_fr(limit)
                    ))
                    .field(field)
                    .hint("corrigez la date, ou avancez « date_calcul »"),
            );
        }
    }
}

fn first_due(case: &Case) -> Option<NaiveDate> {
    case.invoices.iter().map(|i| i.due).min()
}

fn reminders(case: &Case, out: &mut Vec<Diagnostic>) {
    let first_due = first_due(case);
    let mut previous: Option<NaiveDate> = None;
    for r in &case.reminders {
        if let Some(due) = first_due
            && r.date <= due
        {
            out.push(
                rules::REMINDER_ORDER
                    .report(format!("relance du {} faite avant toute échéance ({})", date_fr(r.date), date_fr(due)))
                    .field(join(&r.field, "date"))
                    .hint("une relance ne se fait qu'après l'échéance : vérifiez la date"),
            );
        }
        if let Some(p) = previous
            && r.date < p
        {
            out.push(
                rules::REMINDER_ORDER
                    .report(format!("relance du {} listée après une relance du {}", date_fr(r.date), date_fr(p)))
                    .field(join(&r.field, "date"))
                    .hint("listez les relances de la plus ancienne à la plus récente"),
            );
        }
        previous = Some(r.date);
    }
}

fn formal_notice(case: &Case, out: &mut Vec<Diagnostic>) {
    let Some(m) = &case.formal_notice else { return };
    if let Some(due) = first_due(case)
        && m.sent <= due
    {
        out.push(
            rules::NOTICE_BEFORE_DUE
                .report(format!(
                    "mise en demeure du {} envoyée avant toute échéance ({})",
                    date_fr(m.sent),
                    date_fr(due)
                ))
                .field("mise_en_demeure.date")
                .hint("une mise en demeure ne vaut que pour une dette exigible : envoyez-la après l'échéance"),
        );
    }
    match m.received {
        Some(r) if r < m.sent => out.push(
            rules::RECEIPT_BEFORE_SENDING
                .report(format!("réception le {}, avant l'envoi le {}", date_fr(r), date_fr(m.sent)))
                .field("mise_en_demeure.date_reception")
                .hint("recopiez la date de présentation portée sur l'accusé de réception"),
        ),
        Some(_) => {}
        None => out.push(
            rules::RECEIPT_UNKNOWN
                .report(format!(
                    "date de réception inconnue : le délai de {} jours court de l'envoi ({})",
                    m.days,
                    date_fr(m.sent)
                ))
                .field("mise_en_demeure.date_reception")
                .hint("ajoutez « date_reception » d'après l'accusé de réception"),
        ),
    }
}

fn prescription(case: &Case, out: &mut Vec<Diagnostic>) {
    let law = if case.debtor.is_consumer() {
        "2 ans contre un consommateur, art. L. 218-2 C. conso."
    } else {
        "5 ans, art. L. 110-4 C. com."
    };
    for inv in &case.invoices {
        // A payment on the invoice acknowledges the debt and restarts the period (art. 2240 C. civ.).
        let Some((_, end)) = case.limitation_of(inv) else {
            continue;
        };
        let field = join(&inv.field, "date");
        if case.computed_on >= end {
            out.push(
                rules::PRESCRIPTION
                    .report(format!("facture {} prescrite depuis le {} ({law})", inv.number, date_fr(end)))
                    .field(field)
                    .hint("une action en justice serait irrecevable ; seul un paiement volontaire reste possible"),
            );
        } else if end.checked_sub_months(Months::new(3)).is_some_and(|warn| case.computed_on >= warn) {
            out.push(
                rules::PRESCRIPTION_NEAR
                    .report(format!("facture {} prescrite le {} ({law})", inv.number, date_fr(end)))
                    .field(field)
                    .hint("agissez en justice avant cette date : une mise en demeure n'interrompt pas la prescription"),
            );
        }
    }
}

fn basis(case: &Case, out: &mut Vec<Diagnostic>) {
    let has_basis = case.exhibits.iter().any(|e| {
        matches!(e.role, ExhibitRole::Contract | ExhibitRole::Quote | ExhibitRole::PurchaseOrder | ExhibitRole::Cgv)
    });
    if !has_basis {
        out.push(
            rules::BASIS_MISSING
                .report("aucun contrat, devis, bon de commande ni CGV parmi les pièces")
                .field("pieces")
                .hint("joignez ce qui fonde la créance (devis signé, CGV…) avec « role: devis » ou « role: cgv »"),
        );
    }
}
