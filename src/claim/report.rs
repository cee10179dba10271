//! The décompte as JSON (stable shape, for templates and tools), as a French text table (for
//! the terminal) and as CSV (for a spreadsheet). Nothing is computed here: every amount is a
//! line or total of the [`Claim`], already rounded.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{Claim, InvoiceClaim, Regime, Segment};
use crate::format::data::{iso, money, rate_2 as rate};
use crate::format::{date_fr, date_short, euros, percent};

/// The regime in one French phrase.
pub fn regime_label(regime: &Regime) -> String {
    match regime {
        Regime::ProfessionalLegalRate => "pénalités de retard entre professionnels : taux BCE + 10 points".into(),
        Regime::ProfessionalContractRate { rate } => {
            format!("pénalités de retard entre professionnels : taux convenu de {}", percent(*rate))
        }
        Regime::ConsumerLegalInterest { category, from } => match from {
            Some(from) => format!(
                "intérêts au taux légal (catégorie « {} ») depuis la mise en demeure du {}",
                category.name(),
                date_fr(*from)
            ),
            None => "intérêts au taux légal : aucun, faute de mise en demeure".into(),
        },
        Regime::ConsumerContractRate { rate } => {
            format!("intérêts de retard au taux convenu de {}", percent(*rate))
        }
    }
}

/// The décompte as JSON: amounts as strings with two decimals, rates as strings, dates ISO.
/// `interets` is the interest still owed at the date (accrued − paid).
pub fn to_json(claim: &Claim) -> Value {
    let t = &claim.totals;
    json!({
        "date_calcul": iso(claim.computed_on),
        "regime": regime_json(&claim.regime),
        "factures": claim.invoices.iter().map(invoice_json).collect::<Vec<_>>(),
        "totaux": {
            "montant_ttc": money(t.gross),
            "avoirs": money(t.credits),
            "paiements": money(t.payments),
            "principal_restant": money(t.principal_remaining),
            "interets_courus": money(t.interest_accrued),
            "interets_payes": money(t.interest_paid),
            "interets": money(t.interest_remaining),
            "indemnites_forfaitaires": money(t.indemnities),
            "nombre_indemnites": t.indemnity_count,
            "clause_penale": money(t.penalty_clause),
            "total_du": money(t.total_due),
        },
        "total_du": money(t.total_due),
        "non_impute": money(claim.unimputed),
        "conventions": claim.conventions,
        "avertissements": claim.warnings.iter().map(|w| json!({
            "code": w.code,
            "champ": w.field,
            "message": w.message,
        })).collect::<Vec<_>>(),
    })
}

fn regime_json(regime: &Regime) -> Value {
    let label = regime_label(regime);
    match regime {
        Regime::ProfessionalLegalRate => {
            json!({ "type": "professionnel_taux_legal", "libelle": label })
        }
        Regime::ProfessionalContractRate { rate: r } => {
            json!({ "type": "professionnel_taux_contractuel", "taux": rate(*r), "libelle": label })
        }
        Regime::ConsumerLegalInterest { category, from } => json!({
            "type": "consommateur_interet_legal",
            "categorie": category.name(),
            "depuis": from.map(iso),
            "libelle": label,
        }),
        Regime::ConsumerContractRate { rate: r } => {
            json!({ "type": "consommateur_taux_contractuel", "taux": rate(*r), "libelle": label })
        }
    }
}

fn invoice_json(inv: &InvoiceClaim) -> Value {
    json!({
        "numero": inv.number,
        "date": iso(inv.date),
        "echeance": iso(inv.due),
        "montant_ttc": money(inv.gross),
        "avoirs": inv.credits.iter().map(|c| json!({
            "numero": c.number,
            "date": iso(c.date),
            "montant": money(c.amount),
            // `facture`: deducted from the invoice's first day (a defect); `date`: on its date.
            "effet": if c.from_invoice { "facture" } else { "date" },
        })).collect::<Vec<_>>(),
        "paiements": inv.payments.iter().map(|p| json!({
            "date": iso(p.date),
            "montant_paiement": money(p.payment_amount),
            "designe": p.designated,
            "interets": money(p.to_interest),
            "principal": money(p.to_principal),
        })).collect::<Vec<_>>(),
        "principal_restant": money(inv.principal_remaining),
        "interets_courus": money(inv.interest_accrued),
        "interets_payes": money(inv.interest_paid),
        "interets": money(inv.interest_remaining),
        "indemnite_forfaitaire": money(inv.indemnity),
        "total": money(inv.total),
        "segments": inv.segments.iter().map(|s| segment_json(s, rate)).collect::<Vec<_>>(),
    })
}

/// One interest period as JSON; `rate` formats its rate (the décompte's JSON keeps two decimals,
/// templates take it as short as it goes).
pub fn segment_json(s: &Segment, rate: fn(Decimal) -> String) -> Value {
    json!({
        "du": iso(s.first_day()),
        "au": iso(s.to),
        "jours": s.days,
        "base": money(s.base),
        "taux": rate(s.rate),
        "montant": money(s.amount),
        "source": s.rate_source,
    })
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
pub fn to_csv(claim: &Claim) -> String {
    use crate::format::sheet::{BOM, date, field, number, push_row, rate};
    let mut out = format!("{BOM}{CSV_COLUMNS}\r\n");
    let on = date(claim.computed_on);
    for inv in &claim.invoices {
        let n = field(&inv.number);
        let n = n.as_str();
        let due = date(inv.due);
        push_row(&mut out, [n, "principal", &date(inv.date), &due, "", "", "", &number(inv.gross)]);
        for c in &inv.credits {
            push_row(&mut out, [n, "avoir", &date(c.date), "", "", "", "", &number(-c.amount)]);
        }
        for p in &inv.payments {
            let applied = number(-(p.to_interest + p.to_principal));
            push_row(&mut out, [n, "paiement", &date(p.date), "", "", "", "", &applied]);
        }
        for s in &inv.segments {
            push_row(
                &mut out,
                [
                    n,
                    "interets",
                    &date(s.first_day()),
                    &date(s.to),
                    &s.days.to_string(),
                    &number(s.base),
                    &rate(s.rate),
                    &number(s.amount),
                ],
            );
        }
        if !inv.indemnity.is_zero() {
            push_row(&mut out, [n, "indemnite", "", "", "", "", "", &number(inv.indemnity)]);
        }
        push_row(&mut out, [n, "total", "", &on, "", "", "", &number(inv.total)]);
    }
    if !claim.totals.penalty_clause.is_zero() {
        push_row(&mut out, ["", "clause_penale", "", &on, "", "", "", &number(claim.totals.penalty_clause)]);
    }
    push_row(&mut out, ["", "total", "", &on, "", "", "", &number(claim.totals.total_due)]);
    out
}
