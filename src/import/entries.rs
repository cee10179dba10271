//! The rows of an aged balance, in both layouts real exports use: one row per open item with its
//! client on each row (Pennylane, most CSV exports), or grouped — the client on a heading row, its
//! items below, a « Total … » row after them and a grand total at the end (Sage 100 and EBP
//! printed balances, Cegid, Odoo's « Balance âgée des partenaires », whose heading rows carry the
//! partner's total). Each row becomes an open invoice, an unallocated payment or credit, a
//! printed total to reconcile with, or a row left out with its reason.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::columns::{Columns, Field};
use super::french::{parse_amount, parse_date};
use super::naming::normalize;
use super::table::Row;
use super::tiers;
use crate::case::raw::RawParty;

/// Who a row is about: the client code when the export has one, else the name.
#[derive(Debug, Clone, Default)]
pub struct Debtor {
    pub code: Option<String>,
    pub name: Option<String>,
    pub party: RawParty,
}

impl Debtor {
    /// The key grouping rows of one debtor.
    pub fn key(&self) -> String {
        match (&self.code, &self.name) {
            (Some(c), _) => format!("code:{}", normalize(c)),
            (None, Some(n)) => format!("nom:{}", normalize(n)),
            (None, None) => String::new(),
        }
    }

    pub fn label(&self) -> String {
        match (&self.name, &self.code) {
            (Some(n), _) => n.clone(),
            (None, Some(c)) => c.clone(),
            (None, None) => "client inconnu".into(),
        }
    }
}

/// One open invoice of the export.
#[derive(Debug, Clone)]
pub struct Item {
    pub line: u32,
    pub debtor: Debtor,
    pub number: String,
    pub date: NaiveDate,
    pub due: Option<NaiveDate>,
    pub subject: Option<String>,
    pub gross: Decimal,
    pub net: Option<Decimal>,
    pub vat: Option<Decimal>,
    pub paid: Decimal,
    pub paid_on: Option<NaiveDate>,
}

/// A credit note or payment not allocated to an invoice (a negative row, a payment on account).
#[derive(Debug, Clone)]
pub struct Credit {
    pub line: u32,
    pub debtor: Debtor,
    /// Its number, or its label when it has none.
    pub reference: String,
    pub date: NaiveDate,
    pub amount: Decimal,
}

/// A total the export prints: a debtor's (subtotal row, heading row's total) or the grand total.
#[derive(Debug, Clone)]
pub struct Printed {
    pub line: u32,
    /// `None` for the grand total.
    pub debtor: Option<String>,
    pub amount: Decimal,
    pub label: String,
    /// The figure is a sum of invoice totals (TTC), not of what remains due.
    pub gross: bool,
}

/// What one row of the export says, once read.
#[derive(Debug, Clone)]
pub enum Entry {
    Invoice(Item),
    Credit(Credit),
    /// An invoice fully paid: nothing to claim.
    Settled {
        line: u32,
        debtor: Debtor,
    },
    /// Left out, with why.
    Skipped {
        line: u32,
        debtor: Option<Debtor>,
        why: String,
    },
}

/// Everything read from the rows.
#[derive(Debug, Default)]
pub struct Read {
    pub entries: Vec<Entry>,
    pub printed: Vec<Printed>,
    /// Row-level remarks (`HT + TVA ≠ TTC`), with their line.
    pub notes: Vec<(u32, String)>,
    /// Lines whose HT and TVA were computed from the TTC.
    pub vat_split: Vec<u32>,
    /// Rows of each debtor with their remaining-due cell, for reconciliation: (line, key, cell).
    pub remaining: Vec<(u32, String, Decimal)>,
    /// Imported rows with their TTC cell, for totals printed in that column only: (key, cell).
    pub gross: Vec<(String, Decimal)>,
}

/// Reads every row after the header.
pub fn read(rows: &[Row], columns: &Columns, vat_rate: Decimal) -> Read {
    let mut reader = Reader { columns, vat_rate, heading: None, last: None, out: Read::default() };
    let meaningful: Vec<&Row> = rows.iter().filter(|r| !r.is_blank()).collect();
    for (i, row) in meaningful.iter().enumerate() {
        let later_rows = meaningful[i + 1..].iter().any(|r| reader.total_label(r).is_none());
        reader.row(row, later_rows);
    }
    reader.out
}

struct Reader<'a> {
    columns: &'a Columns,
    vat_rate: Decimal,
    /// The debtor of the heading row above (grouped layouts).
    heading: Option<Debtor>,
    /// The debtor of the last item read, whom a following « Total » row is about.
    last: Option<Debtor>,
    out: Read,
}

impl Reader<'_> {
    fn cell<'r>(&self, row: &'r Row, field: Field) -> &'r str {
        row.cell(self.columns.get(field))
    }

    fn amount(&self, row: &Row, field: Field) -> Result<Option<Decimal>, String> {
        parse_amount(self.cell(row, field)).map_err(|e| format!("{} : {e}", field.label()))
    }

    fn date(&self, row: &Row, field: Field) -> Result<Option<NaiveDate>, String> {
        parse_date(self.cell(row, field)).map_err(|e| format!("{} : {e}", field.label()))
    }

    /// The words of a total row (`Total 411DUPONT`, `Sous-total client`, `Total général`).
    fn total_label(&self, row: &Row) -> Option<String> {
        if parse_date(self.cell(row, Field::Date)).ok().flatten().is_some() {
            return None;
        }
        row.cells
            .iter()
            .find(|c| {
                let n = normalize(c);
                n == "total" || n.starts_with("total ") || n.starts_with("sous total") || n.starts_with("grand total")
            })
            .cloned()
    }

    /// What a total or heading row says is owed: its remaining-due cell, else TTC less paid;
    /// `true` with it when it is a TTC total only (no paid or remaining column on the row).
    fn row_due(&self, row: &Row) -> Option<(Decimal, bool)> {
        if let Ok(Some(s)) = self.amount(row, Field::Solde) {
            return Some((s, false));
        }
        let ttc = self.amount(row, Field::MontantTtc).ok().flatten()?;
        match self.amount(row, Field::Regle).ok().flatten() {
            Some(paid) => Some((ttc - paid, false)),
            None => Some((ttc, true)),
        }
    }

    /// The debtor named by a row's own client cells.
    fn own_debtor(&self, row: &Row) -> Option<Debtor> {
        let code = non_empty(self.cell(row, Field::CodeClient));
        let name = non_empty(self.cell(row, Field::Client));
        (code.is_some() || name.is_some()).then(|| Debtor {
            code,
            name,
            party: tiers::party_from_row(row, self.columns),
        })
    }

    fn row(&mut self, row: &Row, later_rows: bool) {
        if let Some(label) = self.total_label(row) {
            let n = normalize(&label);
            let grand = n.starts_with("total general")
                || n.starts_with("grand total")
                || n.starts_with("total balance")
                || n.starts_with("total des clients")
                || n.starts_with("total clients")
                || (n == "total" && !later_rows);
            let debtor = if grand {
                None
            } else {
                let own = self.own_debtor(row).filter(|d| {
                    [&d.code, &d.name].iter().all(|c| c.as_deref().is_none_or(|c| !normalize(c).starts_with("total")))
                });
                own.or_else(|| self.heading.clone()).or_else(|| self.last.clone()).map(|d| d.key())
            };
            if let Some((amount, gross)) = self.row_due(row) {
                self.out.printed.push(Printed { line: row.line, debtor, amount, label, gross });
            }
            if grand {
                self.heading = None;
            }
            return;
        }
        if self.is_heading(row)
            && let Some(debtor) = self.heading_debtor(row)
        {
            if let Some(amount) = self.amount(row, Field::Solde).ok().flatten() {
                self.out.printed.push(Printed {
                    line: row.line,
                    debtor: Some(debtor.key()),
                    amount,
                    label: debtor.label(),
                    gross: false,
                });
            }
            self.heading = Some(debtor);
            return;
        }
        let debtor = match (self.own_debtor(row), &self.heading) {
            // A name of its own wins; a bare code under a heading is the ledger account (Odoo's « Compte »).
            (Some(own), Some(heading)) if own.name.is_none() => Some(heading.clone()),
            (Some(own), _) => Some(own),
            (None, heading) => heading.clone(),
        };
        let remaining = self.amount(row, Field::Solde).ok().flatten();
        match self.entry(row, debtor.clone()) {
            Ok(entry) => {
                let (key, imported) = match &entry {
                    Entry::Invoice(i) => (i.debtor.key(), i.gross - i.paid),
                    Entry::Credit(c) => (c.debtor.key(), -c.amount),
                    Entry::Settled { debtor, .. } => (debtor.key(), Decimal::ZERO),
                    Entry::Skipped { .. } => (String::new(), Decimal::ZERO),
                };
                if let Ok(Some(ttc)) = self.amount(row, Field::MontantTtc) {
                    self.out.gross.push((key.clone(), ttc));
                }
                self.out.remaining.push((row.line, key, remaining.unwrap_or(imported)));
                self.last = debtor;
                self.out.entries.push(entry);
            }
            Err(why) => {
                if let (Some(r), Some(d)) = (remaining, &debtor) {
                    self.out.remaining.push((row.line, d.key(), r));
                }
                self.out.entries.push(Entry::Skipped { line: row.line, debtor, why });
            }
        }
    }

    /// A heading row: no date (nor a mistyped one), no invoice amount, no due date, a label
    /// (Odoo's heading rows carry totals in the ageing and « Total » columns).
    fn is_heading(&self, row: &Row) -> bool {
        let date = self.cell(row, Field::Date);
        let date_like = !date.is_empty() && date.chars().all(|c| c.is_ascii_digit() || "/-. :T".contains(c));
        let amount = |f: Field| parse_amount(self.cell(row, f)).ok().flatten().is_some();
        let has_text = row.cells.iter().any(|c| !c.is_empty() && parse_amount(c).is_err() && parse_date(c).is_err());
        parse_date(date).ok().flatten().is_none()
            && !date_like
            && !amount(Field::MontantTtc)
            && !amount(Field::Regle)
            && self.cell(row, Field::Echeance).is_empty()
            && has_text
    }

    /// The debtor a heading row names: its client cells, else its label (`Client : C001 - Dupont`,
    /// `411DUPONT Dupont SARL`, `Dupont SARL`).
    fn heading_debtor(&self, row: &Row) -> Option<Debtor> {
        if let Some(own) = self.own_debtor(row) {
            return Some(own);
        }
        let texts: Vec<&str> =
            row.cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty() && parse_amount(c).is_err()).collect();
        let (code, name) = match texts.as_slice() {
            [] => return None,
            [one] => split_label(one),
            [first, second, ..] => match split_label(first) {
                (Some(code), None) => (Some(code), Some(second.to_string())),
                (code, name) => (code, name),
            },
        };
        let party = RawParty { raison_sociale: name.clone(), ..RawParty::default() };
        (code.is_some() || name.is_some()).then_some(Debtor { code, name, party })
    }

    fn entry(&mut self, row: &Row, debtor: Option<Debtor>) -> Result<Entry, String> {
        let number = self.cell(row, Field::Numero).to_string();
        let debtor = debtor.ok_or("ni client ni code client (ni ligne de titre de client au-dessus)")?;
        let date = self.date(row, Field::Date)?.ok_or("date de facture vide")?;
        let due = self.date(row, Field::Echeance)?;
        let paid_on = self.date(row, Field::DateReglement)?;
        let ttc = self.amount(row, Field::MontantTtc)?;
        let regle = self.amount(row, Field::Regle)?;
        let solde = self.amount(row, Field::Solde)?;
        let mut net = self.amount(row, Field::MontantHt)?;
        let mut vat = self.amount(row, Field::MontantTva)?;
        let gross = match (ttc, solde, regle) {
            (Some(t), _, _) => t,
            (None, Some(s), r) => s + r.unwrap_or_default(),
            // A credit-only row (Débit / Crédit layouts): a payment.
            (None, None, Some(r)) => -r,
            (None, None, None) => return Err("ni montant TTC ni reste dû".into()),
        };
        let subject = non_empty(self.cell(row, Field::Objet));
        if gross.is_sign_negative() && !gross.is_zero() || number.is_empty() && solde.is_some_and(|s| s < Decimal::ZERO)
        {
            let amount = -solde.filter(|s| !s.is_zero()).unwrap_or(gross);
            let reference = non_empty(&number).or(subject).unwrap_or_else(|| "règlement sans n° de pièce".to_string());
            return Ok(Entry::Credit(Credit { line: row.line, debtor, reference, date, amount }));
        }
        if number.is_empty() {
            return Err("n° de facture vide (un montant positif sans facture ne peut pas être réclamé)".into());
        }
        let paid = match (ttc, regle, solde) {
            (Some(t), Some(r), Some(s)) if t - r != s => {
                self.out.notes.push((row.line, format!("TTC {t} − réglé {r} ≠ reste dû {s} : le reste dû est retenu")));
                t - s
            }
            (Some(t), None, Some(s)) => t - s,
            (_, Some(r), _) => r,
            _ => Decimal::ZERO,
        };
        if gross - paid <= Decimal::ZERO {
            self.out.notes.push((row.line, format!("facture {number} soldée : non reprise")));
            return Ok(Entry::Settled { line: row.line, debtor });
        }
        if paid.is_sign_negative() {
            return Err(format!("règlement négatif ({paid}) : réglé au-delà du reste dû ?"));
        }
        match (net, vat) {
            (Some(n), Some(v)) if n + v != gross => {
                self.out.notes.push((row.line, format!("HT {n} + TVA {v} ≠ TTC {gross} : montants repris tels quels")));
            }
            (Some(n), None) => vat = Some(gross - n),
            (None, Some(v)) => net = Some(gross - v),
            (None, None) => {
                let divisor = Decimal::ONE + self.vat_rate / Decimal::from(100);
                let n =
                    (gross / divisor).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
                net = Some(n);
                vat = Some(gross - n);
                self.out.vat_split.push(row.line);
            }
            _ => {}
        }
        Ok(Entry::Invoice(Item { line: row.line, debtor, number, date, due, subject, gross, net, vat, paid, paid_on }))
    }
}

/// `Client : C001 - Dupont SARL` → (C001, Dupont SARL); `411DUPONT Dupont SARL` → (411DUPONT,
/// Dupont SARL); `Dupont SARL` → (–, Dupont SARL); `411DUPONT` → (411DUPONT, –).
fn split_label(label: &str) -> (Option<String>, Option<String>) {
    let mut text = label.trim();
    for prefix in ["client", "tiers", "compte", "partenaire", "débiteur", "debiteur"] {
        if text.len() > prefix.len()
            && text.is_char_boundary(prefix.len())
            && text[..prefix.len()].eq_ignore_ascii_case(prefix)
            && text[prefix.len()..].starts_with([' ', ':'])
        {
            text = text[prefix.len()..].trim_start_matches([' ', ':']).trim();
            break;
        }
    }
    for dash in [" - ", " – ", " — "] {
        if let Some((code, name)) = text.split_once(dash) {
            return (non_empty(code), non_empty(name));
        }
    }
    let looks_like_code = |w: &str| {
        w.chars().any(|c| c.is_ascii_digit()) && w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    };
    match text.split_once(' ') {
        Some((first, rest)) if looks_like_code(first) => (Some(first.to_string()), non_empty(rest)),
        None if looks_like_code(text) => (Some(text.to_string()), None),
        _ => (None, non_empty(text)),
    }
}

pub fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::split_label;

    #[test]
    fn heading_labels() {
        let s = |a: &str, b: &str| (Some(a.to_string()), Some(b.to_string()));
        assert_eq!(split_label("Client : CLI001 - Boulangerie Martin"), s("CLI001", "Boulangerie Martin"));
        assert_eq!(split_label("411DUPONT Dupont SARL"), s("411DUPONT", "Dupont SARL"));
        assert_eq!(split_label("Dupont SARL"), (None, Some("Dupont SARL".into())));
        assert_eq!(split_label("C0042"), (Some("C0042".into()), None));
        assert_eq!(split_label("Clinique du Parc"), (None, Some("Clinique du Parc".into())));
    }
}
