//! The portfolio as a terminal table (100 columns), as JSON and as CSV for French spreadsheets
//! (UTF-8 with BOM, `;`, decimal comma, dates JJ/MM/AAAA). Nothing is computed here.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::row::{BUCKET_KEYS, BUCKETS, Row};
use super::{Portfolio, StepTotal};
use crate::format::{date_fr, date_short, euros};
use crate::plan::Step;

/// Widest line of the terminal table.
pub const TABLE_WIDTH: usize = 100;

/// What the step's column has left of the table's width, after the six columns before it.
const STEP_WIDTH: usize = TABLE_WIDTH - 83;

/// `"1234.50"`: two decimals, a point, as the décompte's JSON writes amounts.
pub fn money(amount: Decimal) -> String {
    crate::format::data::money(amount)
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A short name of the step, for narrow columns: at most [`STEP_WIDTH`] characters.
pub fn step_short(step: Step) -> &'static str {
    match step {
        Step::NotYetDue => "non échu",
        Step::Reminder => "relance",
        Step::FormalNotice => "mise en demeure",
        Step::Waiting => "attente du délai",
        Step::PaymentOrder => "injonction",
        Step::SmallClaims => "petites créances",
        Step::Service => "signification",
        Step::InterimPayment => "référé-provision",
        Step::Merits => "assignation",
        Step::ClaimFiling => "décl. de créance",
        Step::ForeclosureRelief => "relevé forclusion",
        Step::Enforcement => "exécution",
    }
}

/// `text` cut to `width` characters, with an ellipsis when cut, padded on the right.
fn fit(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        format!("{text}{}", " ".repeat(width - count))
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn right(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count >= width { text.to_string() } else { format!("{}{text}", " ".repeat(width - count)) }
}

/// What the row's second line says after the action: promises broken, a hold.
fn flags(r: &Row) -> String {
    let mut out = String::new();
    match r.broken_promises {
        0 => {}
        1 => out.push_str(" · 1 promesse non tenue"),
        n => out.push_str(&format!(" · {n} promesses non tenues")),
    }
    out
}

/// The terminal table: two lines per case (figures, then the next action), then the totals.
pub fn to_table(p: &Portfolio) -> String {
    let mut out = format!("Suivi au {} : {} cas, {} dus\n\n", date_fr(p.on), p.rows.len(), euros(p.total_due()));
    if !p.rows.is_empty() {
        out.push_str(&format!(
            "{} {} {} {} {} {} {}\n",
            fit("Référence", 15),
            fit("Débiteur", 20),
            right("Total dû", 12),
            right("Principal", 12),
            fit("Échéance", 10),
            right("Retard", 7),
            "Étape"
        ));
        out.push_str(&format!("{}\n", "─".repeat(TABLE_WIDTH - 1)));
    }
    for r in &p.rows {
        let line = format!(
            "{} {} {} {} {} {} {}",
            fit(&r.reference, 15),
            fit(&r.debtor, 20),
            right(&euros(r.total_due), 12),
            right(&euros(r.principal), 12),
            fit(&r.oldest_due.map(date_short).unwrap_or_else(|| "—".into()), 10),
            right(&if r.days_overdue > 0 { format!("{} j", r.days_overdue) } else { "—".into() }, 7),
            fit(step_short(r.step), STEP_WIDTH)
        );
        out.push_str(line.trim_end());
        out.push('\n');
        let when = r.action_date.map(date_short).unwrap_or_else(|| "—".into());
        let second = format!("  {} · {when} · {}{}", r.urgency.label(), r.action, flags(r));
        out.push_str(fit(&second, TABLE_WIDTH).trim_end());
        out.push('\n');
    }
    out.push_str("\nAncienneté du principal restant\n");
    out.push_str(&BUCKETS.iter().map(|b| right(b, 16)).collect::<Vec<_>>().join(""));
    out.push('\n');
    out.push_str(&p.buckets().iter().map(|b| right(&euros(*b), 16)).collect::<Vec<_>>().join(""));
    out.push_str("\n\nPar étape\n");
    for t in p.steps() {
        out.push_str(&format!(
            "  {} {} {} dus, dont {} de principal\n",
            fit(step_short(t.step), 18),
            right(&format!("{} cas", t.cases), 8),
            right(&euros(t.total_due), 14),
            euros(t.principal)
        ));
    }
    if !p.failures.is_empty() {
        out.push_str(&format!("\nCas non lus ({}) :\n", p.failures.len()));
        for f in &p.failures {
            out.push_str(&format!("  {}\n", f.file));
            for e in &f.errors {
                out.push_str(&format!("    {e}\n"));
            }
        }
    }
    out
}

fn row_json(r: &Row) -> Value {
    json!({
        "dossier": r.file,
        "reference": r.reference,
        "debiteur": r.debtor,
        "total_du": money(r.total_due),
        "principal": money(r.principal),
        "plus_ancienne_echeance": r.oldest_due.map(iso),
        "jours_de_retard": r.days_overdue,
        "tranches": buckets_json(&r.buckets),
        "etape": r.step.code(),
        "etape_libelle": r.step.label(),
        "action": r.action,
        "date_action": r.action_date.map(iso),
        "urgence": r.urgency.code(),
        "promesses_non_tenues": r.broken_promises,
        "suspension": r.hold.as_ref().map(|h| json!({
            "depuis": iso(h.since),
            "motif": h.reason,
            "jusqu_au": h.until.map(iso),
        })),
        "dossier_construit": r.built.as_ref().map(|p| p.to_string_lossy().into_owned()),
    })
}

fn buckets_json(b: &[Decimal; 5]) -> Value {
    Value::Object(BUCKET_KEYS.iter().zip(b).map(|(k, v)| ((*k).to_string(), Value::String(money(*v)))).collect())
}

fn step_json(t: &StepTotal) -> Value {
    json!({
        "etape": t.step.code(),
        "libelle": t.step.label(),
        "dossiers": t.cases,
        "total_du": money(t.total_due),
        "principal": money(t.principal),
    })
}

/// The portfolio as JSON: amounts as strings with two decimals, dates ISO.
pub fn to_json(p: &Portfolio) -> Value {
    use super::Urgency::{Late, Later, ThisWeek, Today};
    json!({
        "date": iso(p.on),
        "dossiers": p.rows.iter().map(row_json).collect::<Vec<_>>(),
        "totaux": {
            "dossiers": p.rows.len(),
            "total_du": money(p.total_due()),
            "principal": money(p.principal()),
            "tranches": buckets_json(&p.buckets()),
            "etapes": p.steps().iter().map(step_json).collect::<Vec<_>>(),
            "agenda": {
                "en_retard": p.count(Late),
                "aujourd_hui": p.count(Today),
                "cette_semaine": p.count(ThisWeek),
                "plus_tard": p.count(Later),
            },
            "suspendus": p.rows.iter().filter(|r| r.hold.is_some()).count(),
            "promesses_non_tenues": p.rows.iter().map(|r| r.broken_promises).sum::<usize>(),
        },
        "echecs": p.failures.iter().map(|f| json!({ "dossier": f.file, "erreurs": f.errors })).collect::<Vec<_>>(),
    })
}

const CSV_HEADER: &str = "dossier;reference;debiteur;total_du;principal;plus_ancienne_echeance;jours_de_retard;\
non_echu;j1_30;j31_60;j61_90;plus_90;etape;action;date_action;urgence;promesses_non_tenues;\
suspendu_depuis;motif_suspension;suspendu_jusqu_au";

use crate::format::sheet::{field, number as number_fr};

/// The portfolio as CSV for a French spreadsheet: BOM, `;`, decimal comma, CRLF, JJ/MM/AAAA.
pub fn to_csv(p: &Portfolio) -> String {
    let mut out = format!("{}{CSV_HEADER}\r\n", crate::format::sheet::BOM);
    let date = |d: Option<NaiveDate>| d.map(date_short).unwrap_or_default();
    for r in &p.rows {
        let mut cells = vec![
            field(&r.file),
            field(&r.reference),
            field(&r.debtor),
            number_fr(r.total_due),
            number_fr(r.principal),
            date(r.oldest_due),
            r.days_overdue.to_string(),
        ];
        cells.extend(r.buckets.iter().map(|b| number_fr(*b)));
        cells.extend([
            field(r.step.code()),
            field(&r.action),
            date(r.action_date),
            r.urgency.code().to_string(),
            r.broken_promises.to_string(),
            date(r.hold.as_ref().map(|h| h.since)),
            field(r.hold.as_ref().map(|h| h.reason.as_str()).unwrap_or("")),
            date(r.hold.as_ref().and_then(|h| h.until)),
        ]);
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis_and_pads() {
        assert_eq!(fit("Bâtiments Martin", 20), "Bâtiments Martin    ");
        assert_eq!(fit("Société générale des bâtiments", 10), "Société g…");
        assert_eq!(right("5,00 €", 8), "  5,00 €");
        assert_eq!(field("a;b"), "\"a;b\"");
        assert_eq!(number_fr(Decimal::new(123450, 2)), "1234,50");
    }

    /// The step is the table's last column: a longer name would push the line past 100 columns.
    #[test]
    fn every_step_name_fits_its_column() {
        for step in Step::ALL.into_iter().chain([Step::NotYetDue]) {
            assert!(step_short(step).chars().count() <= STEP_WIDTH, "{}", step_short(step));
        }
    }
}
