//! The décompte as JSON (for tools), as a French text table (for the terminal) and as CSV (for
//! a spreadsheet). Nothing is computed here: JSON and CSV are the [`DecompteView`] every document
//! shows, the table prints the [`Claim`]'s lines, already rounded.

use rust_decimal::Decimal;
use serde_json::Value;

use super::view::{DecompteView, regime_label};
use super::{Claim, InvoiceClaim, Regime};
use crate::case::model::Case;
use crate::format::{date_fr, date_short, euros, percent};

/// The décompte as JSON, keys sorted: the [`DecompteView`] with every invoice listed.
pub fn to_json(case: &Case, claim: &Claim) -> Value {
    serde_json::to_value(DecompteView::new(case, claim)).unwrap_or_default()
}

/// Width of a table line: labels on the left, amounts right-aligned at this column.
const WIDTH: usize = 78;

/// A label and an amount on one line, the amount right-aligned.
fn row(out: &mut String, indent: usize, label: &str, amount: Decimal) {
    let amount = euros(amount);
    let used = indent + label.chars().count() + amount.chars().count();
    let pad = WIDTH.saturating_sub(used).max(1);
    out.push_str(&" ".repeat(indent));
    out.push_str(label);
    out.push_str(&" ".repeat(pad));
    out.push_str(&amount);
    out.push('\n');
}

fn text(out: &mut String, indent: usize, line: &str) {
    out.push_str(&" ".repeat(indent));
    out.push_str(line);
    out.push('\n');
}

/// The décompte as a French text table: per invoice its principal, credit notes, payments,
/// interest lines, indemnity and total; then the grand totals and the conventions.
pub fn to_table(claim: &Claim) -> String {
    let mut out = String::new();
    text(&mut out, 0, &format!("Décompte au {}", date_fr(claim.computed_on)));
    text(&mut out, 0, &capitalized(&regime_label(&claim.regime)));
    let words = Words::of(&claim.regime);
    for inv in &claim.invoices {
        out.push('\n');
        invoice_table(&mut out, inv, &words);
    }
    out.push('\n');
    let t = &claim.totals;
    text(&mut out, 0, "Totaux");
    row(&mut out, 2, "Montant TTC des factures", t.gross);
    if !t.credits.is_zero() {
        row(&mut out, 2, "Avoirs", -t.credits);
    }
    if !t.payments.is_zero() {
        row(&mut out, 2, "Paiements imputés", -t.payments);
    }
    row(&mut out, 2, "Principal restant dû", t.principal_remaining);
    row(&mut out, 2, words.accrued, t.interest_accrued);
    if !t.interest_paid.is_zero() {
        row(&mut out, 2, words.paid, -t.interest_paid);
    }
    row(&mut out, 2, words.remaining, t.interest_remaining);
    if t.indemnity_count > 0 {
        let label = format!("Indemnités forfaitaires ({} × 40 €)", t.indemnity_count);
        row(&mut out, 2, &label, t.indemnities);
    }
    if !t.penalty_clause.is_zero() {
        row(&mut out, 2, "Clause pénale", t.penalty_clause);
    }
    row(&mut out, 2, "TOTAL DÛ", t.total_due);
    out.push('\n');
    text(&mut out, 0, "Conventions");
    for c in &claim.conventions {
        text(&mut out, 2, &format!("- {c}"));
    }
    out
}

fn invoice_table(out: &mut String, inv: &InvoiceClaim, words: &Words) {
    text(out, 0, &format!("Facture {} du {}, échéance le {}", inv.number, date_short(inv.date), date_short(inv.due)));
    row(out, 2, "Montant TTC", inv.gross);
    for c in &inv.credits {
        let effect = if c.from_invoice { ", déduit dès la facture" } else { "" };
        row(out, 2, &format!("Avoir {} du {}{effect}", c.number, date_short(c.date)), -c.amount);
    }
    for p in &inv.payments {
        let how = if p.designated { "désigné" } else { "imputation légale" };
        let label = format!("Paiement du {} de {} ({how})", date_short(p.date), euros(p.payment_amount));
        row(out, 2, &label, -(p.to_interest + p.to_principal));
        text(
            out,
            4,
            &format!("dont {} sur les intérêts, {} sur le principal", euros(p.to_interest), euros(p.to_principal)),
        );
    }
    if !inv.segments.is_empty() {
        text(out, 2, &format!("{} :", words.noun));
        for s in &inv.segments {
            text(
                out,
                4,
                &format!(
                    "du {} au {} — {} j × {} sur {} = {}",
                    date_short(s.first_day()),
                    date_short(s.to),
                    s.days,
                    percent(s.rate),
                    euros(s.base),
                    euros(s.amount)
                ),
            );
            text(out, 6, &s.rate_source);
        }
    }
    row(out, 2, "Principal restant dû", inv.principal_remaining);
    row(out, 2, words.accrued, inv.interest_accrued);
    if !inv.interest_paid.is_zero() {
        row(out, 2, words.paid, -inv.interest_paid);
    }
    if !inv.indemnity.is_zero() {
        row(out, 2, "Indemnité forfaitaire", inv.indemnity);
    }
    row(out, 2, &format!("Total facture {}", inv.number), inv.total);
}

/// Penalties (B2B, feminine) or interest (masculine), agreed in French.
struct Words {
    noun: &'static str,
    accrued: &'static str,
    paid: &'static str,
    remaining: &'static str,
}

impl Words {
    fn of(regime: &Regime) -> Self {
        match regime {
            Regime::ProfessionalLegalRate | Regime::ProfessionalContractRate { .. } => Self {
                noun: "Pénalités",
                accrued: "Pénalités courues",
                paid: "Pénalités payées",
                remaining: "Pénalités restant dues",
            },
            _ => Self {
                noun: "Intérêts",
                accrued: "Intérêts courus",
                paid: "Intérêts payés",
                remaining: "Intérêts restant dus",
            },
        }
    }
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Column names of [`to_csv`], its first row.
pub const CSV_COLUMNS: &str = "facture;type;du;au;jours;base;taux;montant";

/// The décompte as CSV for a French spreadsheet (see [`crate::format::sheet`]: BOM, `;`, decimal
/// comma, JJ/MM/AAAA, CRLF), first row the column names (`facture;type;du;au;jours;base;taux;montant`).
/// One row per line of the décompte; `type` is `principal`, `avoir`, `paiement`, `interets`,
/// `indemnite`, `clause_penale` or `total`. `montant` is signed: credit notes and the part of each
/// payment imputed on the invoice are negative, so an invoice's `total` row is the sum of its
/// other rows. The last rows (empty `facture`) are the clause pénale and the grand total.
/// `decompte --format json` is the machine format.
pub fn to_csv(case: &Case, claim: &Claim) -> String {
    use crate::format::sheet::{BOM, date, field, number, push_row};
    let view = DecompteView::new(case, claim);
    let mut out = format!("{BOM}{CSV_COLUMNS}\r\n");
    let on = date(view.date_calcul.0);
    for inv in &view.factures {
        let n = field(&inv.numero);
        let n = n.as_str();
        let due = date(inv.echeance.0);
        push_row(&mut out, [n, "principal", &date(inv.date.0), &due, "", "", "", &number(inv.montant_ttc.0)]);
        for c in &inv.avoirs {
            push_row(&mut out, [n, "avoir", &date(c.date.0), "", "", "", "", &number(-c.montant.0)]);
        }
        for p in &inv.paiements {
            let applied = number(-(p.interets.0 + p.principal.0));
            push_row(&mut out, [n, "paiement", &date(p.date.0), "", "", "", "", &applied]);
        }
        for s in &inv.segments {
            // The view's rate has the spreadsheet's two decimals at least; only the comma differs.
            let rate = s.taux.replace('.', ",");
            push_row(
                &mut out,
                [
                    n,
                    "interets",
                    &date(s.du.0),
                    &date(s.au.0),
                    &s.jours.to_string(),
                    &number(s.base.0),
                    &rate,
                    &number(s.montant.0),
                ],
            );
        }
        if !inv.indemnite_forfaitaire.0.is_zero() {
            push_row(&mut out, [n, "indemnite", "", "", "", "", "", &number(inv.indemnite_forfaitaire.0)]);
        }
        push_row(&mut out, [n, "total", "", &on, "", "", "", &number(inv.total.0)]);
    }
    let t = &view.totaux;
    if !t.clause_penale.0.is_zero() {
        push_row(&mut out, ["", "clause_penale", "", &on, "", "", "", &number(t.clause_penale.0)]);
    }
    push_row(&mut out, ["", "total", "", &on, "", "", "", &number(t.total_du.0)]);
    out
}
