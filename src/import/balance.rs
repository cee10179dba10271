//! `recouvre import balance`: an aged-balance or open-items export (CSV, or a spreadsheet read
//! directly) becomes one case folder per debtor, once its figures reconcile with the export's
//! own totals to the cent. Rows that cannot be read are reported with their line number.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::balance_drafts::drafts;
use super::columns::{BALANCE_FIELDS, Columns, Field, Mapping};
use super::creditor::{self, Shared};
use super::draft::Draft;
use super::entries::{self, Entry};
use super::identity::{Source, flag_identifiers};
use super::table::{self, HeaderFit, Table};
use super::tiers::Tiers;
use super::{Report, reconcile, write};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::format::{count, plural};

/// What `recouvre import balance` was asked.
#[derive(Debug, Clone)]
pub struct BalanceOptions {
    pub csv: PathBuf,
    pub out: PathBuf,
    /// `--tiers`: who the debtors are, when the export does not say.
    pub tiers: Option<PathBuf>,
    /// `--colonnes`: which column holds what, when the headers are not the usual ones.
    pub columns: Option<PathBuf>,
    /// `--creancier`: the creditor (a YAML file with a `creancier:` block, or any case file).
    pub creditor: Option<PathBuf>,
    /// `--taux-tva`: splits TTC into HT and TVA when the export gives only TTC.
    pub vat_rate: Decimal,
    pub force: bool,
}

/// The columns a balance needs, as « ligne d'en-têtes introuvable » names them.
const WANTED: &str = "n° de facture (ou pièce), date, montant TTC (ou débit) ou reste dû (ou solde), et le client \
                      (ou code client) sur chaque ligne ou sur une ligne de titre au-dessus de ses factures";

/// How well a row serves as the header row of a balance.
fn header_fit(cells: &[String], mapping: &Mapping) -> HeaderFit {
    let (c, _) = Columns::resolve(cells, &mapping.balance, BALANCE_FIELDS);
    let needed: [(&str, bool); 3] = [
        ("n° de facture", c.has(Field::Numero)),
        ("date", c.has(Field::Date)),
        ("montant TTC ou reste dû", c.has(Field::MontantTtc) || c.has(Field::Solde) || c.has(Field::Regle)),
    ];
    let missing: Vec<&str> = needed.iter().filter(|(_, ok)| !ok).map(|(n, _)| *n).collect();
    let found = c.describe(cells);
    HeaderFit {
        ok: missing.is_empty(),
        score: needed.iter().filter(|(_, ok)| *ok).count() * 100 + BALANCE_FIELDS.iter().filter(|f| c.has(**f)).count(),
        found: format!(
            "reconnues : {} ; manquent : {}",
            if found.is_empty() { "aucune".to_string() } else { found },
            missing.join(", ")
        ),
    }
}

pub fn import_balance(options: &BalanceOptions) -> Result<Report, Diagnostics> {
    let mut warnings = Diagnostics::new();
    let mapping = match &options.columns {
        Some(path) => Mapping::load(path)?,
        None => Mapping::default(),
    };
    let shared = match &options.creditor {
        Some(path) => {
            let shared = creditor::load(path)?;
            let mut probe = Draft { creditor: shared.creditor.clone(), ..Draft::default() };
            flag_identifiers(&mut probe, "creancier", Source { file: path, line: 0 }, &mut warnings);
            shared
        }
        None => {
            warnings.push(
                Diagnostic::warning("créancier inconnu : son bloc est à compléter dans chaque case.yaml")
                    .in_file(&options.csv)
                    .hint("donnez-le une fois pour toutes avec --creancier creancier.yaml (un case.yaml existant convient)"),
            );
            Shared::default()
        }
    };
    let tiers = match &options.tiers {
        Some(path) => Some(Tiers::load(path, &mapping.tiers, &mut warnings)?),
        None => None,
    };
    let table = table::read(&options.csv, WANTED, |cells| header_fit(cells, &mapping)).map_err(Diagnostics::from)?;
    let columns = columns_of(&table, &mapping, &options.csv)?;
    let mut read = entries::read(&table.rows, &columns, options.vat_rate);
    drop_duplicates(&mut read.entries);
    report_rows(&read, options, &mut warnings);
    let mismatches = reconcile::check(&read, &options.csv);
    if !mismatches.is_empty() {
        let mut all = Diagnostics::from(mismatches);
        all.extend(warnings);
        return Err(all);
    }
    let mut items = Vec::new();
    let mut credits = Vec::new();
    for entry in read.entries {
        match entry {
            Entry::Invoice(i) => items.push(i),
            Entry::Credit(c) => credits.push(c),
            Entry::Settled { .. } | Entry::Skipped { .. } => {}
        }
    }
    if items.is_empty() {
        let mut all = Diagnostics::from(
            Diagnostic::error("aucune facture impayée lue dans ce fichier : rien n'a été écrit")
                .in_file(&options.csv)
                .hint("chaque ligne doit donner au moins un client, un n° de facture, une date et un montant TTC ou un reste dû"),
        );
        all.extend(warnings);
        return Err(all);
    }
    let drafts = drafts(&options.csv, items, credits, tiers.as_ref(), &shared, &mut warnings);
    if drafts.is_empty() {
        let mut all = Diagnostics::from(
            Diagnostic::error("aucun débiteur ne doit plus rien : rien n'a été écrit").in_file(&options.csv),
        );
        all.extend(warnings);
        return Err(all);
    }
    let written = write::write_all(&options.out, &drafts, options.force)?;
    let mut report = Report::new("balance", &options.out, &drafts, written, warnings);
    report.details.push(format!(
        "Lu : {} ({}, en-têtes ligne {}) ; colonnes : {}",
        options.csv.display(),
        table.source,
        table.header_line,
        columns.describe(&table.headers)
    ));
    if let Some(line) = remaining_choice(&table, &columns) {
        report.details.push(line);
    }
    let totals = read.printed.len();
    if totals > 0 {
        report.details.push(format!(
            "Rapproché au centime avec les {totals} total(aux) de l'export{}",
            if columns.has(Field::Solde) { " et sa colonne de reste dû" } else { "" }
        ));
    } else if columns.has(Field::Solde) {
        report.details.push("Rapproché au centime avec la colonne de reste dû de l'export".into());
    }
    Ok(report)
}

/// Which remaining-due column was taken when several could serve.
fn remaining_choice(table: &Table, columns: &Columns) -> Option<String> {
    let chosen = columns.get(Field::Solde)?;
    let others = columns.others(Field::Solde);
    if others.is_empty() {
        return None;
    }
    let name = |i: usize| format!("« {} »", table.headers.get(i).map(String::as_str).unwrap_or(""));
    Some(format!(
        "Reste dû lu dans la colonne {} ; {} : {} (nommez l'autre avec --colonnes, « solde: En-tête », si c'est elle)",
        name(chosen),
        plural(others.len(), "aussi reconnue, non retenue", "aussi reconnues, non retenues"),
        others.iter().map(|&i| name(i)).collect::<Vec<_>>().join(", ")
    ))
}

/// A second row with an invoice number already read for the same debtor is left out.
fn drop_duplicates(entries: &mut [Entry]) {
    let mut seen = HashSet::new();
    for entry in entries.iter_mut() {
        if let Entry::Invoice(item) = entry
            && !seen.insert((item.debtor.key(), item.number.clone()))
        {
            *entry = Entry::Skipped {
                line: item.line,
                debtor: Some(item.debtor.clone()),
                why: format!(
                    "facture {} en double pour ce débiteur : seule la première ligne est reprise",
                    item.number
                ),
            };
        }
    }
}

/// Warnings for the rows left out, the remarks on rows, and the VAT computed from TTC.
fn report_rows(read: &entries::Read, options: &BalanceOptions, warnings: &mut Diagnostics) {
    let file = &options.csv;
    for (line, text) in &read.notes {
        warnings.push(Diagnostic::warning(format!("ligne {line} : {text}")).in_file(file).at(Pos::new(*line, 1)));
    }
    for entry in &read.entries {
        if let Entry::Skipped { line, why, .. } = entry {
            warnings.push(
                Diagnostic::warning(format!("ligne {line} non importée : {why}"))
                    .in_file(file)
                    .at(Pos::new(*line, 1))
                    .hint("corrigez la ligne dans l'export puis relancez l'import (avec --force), ou ajoutez la facture à la main"),
            );
        }
    }
    if !read.vat_split.is_empty() {
        warnings.push(
            Diagnostic::warning(format!(
                "pas de colonnes HT ni TVA : HT et TVA de {} calculés au taux de {} % à partir du TTC",
                count(read.vat_split.len(), "facture", "factures"),
                options.vat_rate
            ))
            .in_file(file)
            .hint(
                "vérifiez-les sur les factures, ou donnez le bon taux avec --taux-tva (0 pour des factures sans TVA)",
            ),
        );
    }
}

/// The columns found, or why the export cannot be read.
fn columns_of(table: &Table, mapping: &Mapping, file: &Path) -> Result<Columns, Diagnostics> {
    let (columns, problems) = Columns::resolve(&table.headers, &mapping.balance, BALANCE_FIELDS);
    let at = Pos::new(table.header_line, 1);
    let errors: Vec<Diagnostic> =
        problems.into_iter().map(|p| Diagnostic::error(format!("--colonnes : {p}")).in_file(file).at(at)).collect();
    if errors.is_empty() { Ok(columns) } else { Err(errors.into()) }
}
