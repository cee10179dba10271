//! An import claims what the export says is owed, to the cent: for each debtor, invoices less
//! credits and payments imported must equal each total the export prints for that debtor
//! (« Total … » rows, a heading row's total), the sum of its remaining-due column, and, over all
//! debtors, the grand total. A difference is an error naming both figures and the rows.

use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;

use super::entries::{Entry, Read};
use crate::diag::{Diagnostic, Pos};
use crate::format::euros;
use crate::format::plural;

/// The figure each entry brings to its debtor's claim, by debtor key.
fn imported(entries: &[Entry]) -> BTreeMap<String, Decimal> {
    let mut by_key: BTreeMap<String, Decimal> = BTreeMap::new();
    for entry in entries {
        let (key, amount) = match entry {
            Entry::Invoice(i) => (i.debtor.key(), i.gross - i.paid),
            Entry::Credit(c) => (c.debtor.key(), -c.amount),
            Entry::Settled { debtor, .. } => (debtor.key(), Decimal::ZERO),
            Entry::Skipped { .. } => continue,
        };
        *by_key.entry(key).or_default() += amount;
    }
    by_key
}

/// The rows of one debtor (`None`: every row), as « lignes 9 à 13 », and its rows left out.
fn rows_of(entries: &[Entry], key: Option<&str>) -> String {
    let mut lines = Vec::new();
    let mut skipped = Vec::new();
    for entry in entries {
        let (line, debtor) = match entry {
            Entry::Invoice(i) => (i.line, Some(i.debtor.key())),
            Entry::Credit(c) => (c.line, Some(c.debtor.key())),
            Entry::Settled { line, debtor, .. } => (*line, Some(debtor.key())),
            Entry::Skipped { line, debtor, why, .. } => {
                let k = debtor.as_ref().map(|d| d.key());
                if key.is_none() || k.as_deref() == key || k.is_none() {
                    skipped.push(format!("ligne {line} ({why})"));
                }
                (*line, k)
            }
        };
        if key.is_none() || debtor.as_deref() == key {
            lines.push(line);
        }
    }
    let mut s = match (lines.iter().min(), lines.iter().max()) {
        (Some(a), Some(b)) if a == b => format!("ligne {a}"),
        (Some(a), Some(b)) => format!("lignes {a} à {b}"),
        _ => "aucune ligne importée".to_string(),
    };
    if !skipped.is_empty() {
        s.push_str(&format!(" ; {} : {}", plural(skipped.len(), "non importée", "non importées"), skipped.join(", ")));
    }
    s
}

/// The reconciliation errors; none when every figure matches.
pub fn check(read: &Read, file: &Path) -> Vec<Diagnostic> {
    let imported = imported(&read.entries);
    let mut gross: BTreeMap<String, Decimal> = BTreeMap::new();
    for (key, amount) in &read.gross {
        *gross.entry(key.clone()).or_default() += amount;
    }
    let label = |key: &str| {
        read.entries
            .iter()
            .find_map(|e| match e {
                Entry::Invoice(i) if i.debtor.key() == key => Some(i.debtor.label()),
                Entry::Credit(c) if c.debtor.key() == key => Some(c.debtor.label()),
                Entry::Settled { debtor, .. } if debtor.key() == key => Some(debtor.label()),
                Entry::Skipped { debtor: Some(d), .. } if d.key() == key => Some(d.label()),
                _ => None,
            })
            .unwrap_or_else(|| key.split_once(':').map(|(_, k)| k.to_string()).unwrap_or_default())
    };
    let mut errors: Vec<(Option<String>, Diagnostic)> = Vec::new();
    let mismatch = |who: String, got: Decimal, expected: Decimal, source: String, line: u32, key: Option<&str>| {
        Diagnostic::error(format!(
            "{who} : importé {} ≠ {} selon l'export ({source}), écart {} ; {}",
            euros(got),
            euros(expected),
            euros(expected - got),
            rows_of(&read.entries, key)
        ))
        .in_file(file)
        .at(Pos::new(line, 1))
        .hint("corrigez ces lignes dans l'export (ou donnez-les à la main dans le case.yaml) puis relancez l'import ; rien n'a été écrit")
    };
    for p in &read.printed {
        let source = format!("ligne {}, « {} »{}", p.line, p.label, if p.gross { ", total TTC" } else { "" });
        let sums = if p.gross { &gross } else { &imported };
        match &p.debtor {
            Some(key) => {
                let got = sums.get(key).copied().unwrap_or_default();
                if got != p.amount {
                    errors.push((Some(key.clone()), mismatch(label(key), got, p.amount, source, p.line, Some(key))));
                }
            }
            None => {
                let got: Decimal = sums.values().sum();
                if got != p.amount {
                    errors.push((None, mismatch("total général".into(), got, p.amount, source, p.line, None)));
                }
            }
        }
    }
    let mut remaining: BTreeMap<&str, (Decimal, u32)> = BTreeMap::new();
    for (line, key, amount) in &read.remaining {
        remaining.entry(key.as_str()).or_insert((Decimal::ZERO, *line)).0 += amount;
    }
    for (key, (expected, line)) in remaining {
        let got = imported.get(key).copied().unwrap_or_default();
        let known = errors.iter().any(|(k, _)| k.as_deref() == Some(key));
        if got != expected && !key.is_empty() && !known {
            let source = "somme de sa colonne de reste dû".to_string();
            errors.push((Some(key.to_string()), mismatch(label(key), got, expected, source, line, Some(key))));
        }
    }
    errors.into_iter().map(|(_, d)| d).collect()
}
