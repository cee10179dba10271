//! `recouvre import balance`: an aged-balance or open-items export (one row per unpaid invoice)
//! becomes one case folder per debtor. Rows that cannot be read are reported with their line
//! number and left out; the others are imported.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use super::columns::{BALANCE_FIELDS, Columns, Field, Mapping};
use super::creditor::{self, Shared};
use super::draft::{Draft, DraftInvoice, DraftPayment};
use super::french::{parse_amount, parse_date};
use super::identity::{Source, flag_identifiers, party_label};
use super::naming::{normalize, reference, slug, unique};
use super::table::{self, Row, Table};
use super::tiers::{self, Tiers};
use super::{Report, write};
use crate::case::raw::{RawParty, RawPartyKind};
use crate::diag::{Diagnostic, Diagnostics, Pos};

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

/// One open invoice of the export.
#[derive(Debug, Clone)]
struct Item {
    line: u32,
    code: Option<String>,
    name: Option<String>,
    party: RawParty,
    number: String,
    date: NaiveDate,
    due: Option<NaiveDate>,
    subject: Option<String>,
    gross: Decimal,
    net: Option<Decimal>,
    vat: Option<Decimal>,
    paid: Decimal,
    paid_on: Option<NaiveDate>,
}

/// A negative row: a credit note or payment not matched to an invoice.
#[derive(Debug, Clone)]
struct Credit {
    line: u32,
    code: Option<String>,
    name: Option<String>,
    number: String,
    date: NaiveDate,
    amount: Decimal,
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
    let is_header = |cells: &[String]| {
        let (c, _) = Columns::resolve(cells, &mapping.balance, BALANCE_FIELDS);
        c.has(Field::Numero)
            && (c.has(Field::Client) || c.has(Field::CodeClient))
            && (c.has(Field::MontantTtc) || c.has(Field::Solde))
    };
    let table = table::read(&options.csv, is_header).map_err(Diagnostics::from)?;
    let columns = columns_of(&table, &mapping, &options.csv)?;
    let mut reader = RowReader {
        file: &options.csv,
        columns: &columns,
        vat_rate: options.vat_rate,
        warnings: &mut warnings,
        vat_split: Vec::new(),
    };
    let mut items = Vec::new();
    let mut credits = Vec::new();
    for row in &table.rows {
        reader.row(row, &mut items, &mut credits);
    }
    let vat_split = std::mem::take(&mut reader.vat_split);
    if !vat_split.is_empty() {
        warnings.push(
            Diagnostic::warning(format!(
                "pas de colonnes HT ni TVA : HT et TVA de {} facture(s) calculés au taux de {} % à partir du TTC",
                vat_split.len(),
                options.vat_rate
            ))
            .in_file(&options.csv)
            .hint(
                "vérifiez-les sur les factures, ou donnez le bon taux avec --taux-tva (0 pour des factures sans TVA)",
            ),
        );
    }
    if items.is_empty() {
        let mut all = Diagnostics::from(
            Diagnostic::error("aucune facture impayée lue dans ce fichier : rien n'a été écrit")
                .in_file(&options.csv)
                .hint("chaque ligne doit donner au moins un client, un n° de facture, une date et un montant TTC ou un solde"),
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
    let separator = match table.delimiter {
        '\t' => "tabulation".to_string(),
        c => format!("« {c} »"),
    };
    report.details.push(format!(
        "Lu : {} ({}, séparateur {separator}, en-têtes ligne {}) ; colonnes : {}",
        options.csv.display(),
        table.encoding,
        table.header_line,
        columns.describe(&table.headers)
    ));
    Ok(report)
}

/// The columns found, or why the export cannot be read.
fn columns_of(table: &Table, mapping: &Mapping, file: &Path) -> Result<Columns, Diagnostics> {
    let (columns, problems) = Columns::resolve(&table.headers, &mapping.balance, BALANCE_FIELDS);
    let at = Pos::new(table.header_line, 1);
    let mut errors: Diagnostics = problems
        .into_iter()
        .map(|p| Diagnostic::error(format!("--colonnes : {p}")).in_file(file).at(at))
        .collect::<Vec<_>>()
        .into();
    if !columns.has(Field::Date) {
        errors.push(
            Diagnostic::error(format!("colonne « date » de facture introuvable parmi : {}", table.headers.join(" | ")))
                .in_file(file)
                .at(at)
                .hint("nommez-la dans un fichier --colonnes, par exemple « date: Date pièce »"),
        );
    }
    if errors.is_empty() { Ok(columns) } else { Err(errors) }
}

struct RowReader<'a> {
    file: &'a Path,
    columns: &'a Columns,
    vat_rate: Decimal,
    warnings: &'a mut Diagnostics,
    /// Lines whose HT and TVA were computed from the TTC.
    vat_split: Vec<u32>,
}

impl RowReader<'_> {
    fn cell<'r>(&self, row: &'r Row, field: Field) -> &'r str {
        row.cell(self.columns.get(field))
    }

    /// A row that cannot be imported: reported with its line, left out.
    fn skip(&mut self, row: &Row, why: &str) {
        self.warnings.push(
            Diagnostic::warning(format!("ligne {} non importée : {why}", row.line))
                .in_file(self.file)
                .at(Pos::new(row.line, 1))
                .hint("corrigez la ligne dans l'export puis relancez l'import (avec --force), ou ajoutez la facture à la main"),
        );
    }

    fn note(&mut self, row: &Row, text: String) {
        self.warnings.push(
            Diagnostic::warning(format!("ligne {} : {text}", row.line)).in_file(self.file).at(Pos::new(row.line, 1)),
        );
    }

    fn amount(&mut self, row: &Row, field: Field) -> Result<Option<Decimal>, String> {
        parse_amount(self.cell(row, field)).map_err(|e| format!("{} : {e}", field.label()))
    }

    fn date(&mut self, row: &Row, field: Field) -> Result<Option<NaiveDate>, String> {
        parse_date(self.cell(row, field)).map_err(|e| format!("{} : {e}", field.label()))
    }

    fn row(&mut self, row: &Row, items: &mut Vec<Item>, credits: &mut Vec<Credit>) {
        if row.is_blank() {
            return;
        }
        let number = self.cell(row, Field::Numero).to_string();
        let code = non_empty(self.cell(row, Field::CodeClient));
        let name = non_empty(self.cell(row, Field::Client));
        let says_total = |c: &str| {
            let n = normalize(c);
            n == "total" || n.starts_with("total ") || n.starts_with("sous total")
        };
        if (number.is_empty() || says_total(&number)) && row.cells.iter().any(|c| says_total(c)) {
            // A total or subtotal line of the report, not an invoice.
            return;
        }
        if let Err(why) = self.read(row, number, code, name, items, credits) {
            self.skip(row, &why);
        }
    }

    fn read(
        &mut self,
        row: &Row,
        number: String,
        code: Option<String>,
        name: Option<String>,
        items: &mut Vec<Item>,
        credits: &mut Vec<Credit>,
    ) -> Result<(), String> {
        if number.is_empty() {
            return Err("n° de facture vide".into());
        }
        if code.is_none() && name.is_none() {
            return Err("ni client ni code client".into());
        }
        let date = self.date(row, Field::Date)?.ok_or("date de facture vide")?;
        let due = self.date(row, Field::Echeance)?;
        let paid_on = self.date(row, Field::DateReglement)?;
        let ttc = self.amount(row, Field::MontantTtc)?;
        let regle = self.amount(row, Field::Regle)?;
        let solde = self.amount(row, Field::Solde)?;
        let mut net = self.amount(row, Field::MontantHt)?;
        let mut vat = self.amount(row, Field::MontantTva)?;
        let gross = match (ttc, solde) {
            (Some(t), _) => t,
            (None, Some(s)) => s + regle.unwrap_or_default(),
            (None, None) => return Err("ni montant TTC ni solde".into()),
        };
        if gross.is_sign_negative() && !gross.is_zero() {
            credits.push(Credit { line: row.line, code, name, number, date, amount: -gross });
            return Ok(());
        }
        let paid = match (ttc, regle, solde) {
            (Some(t), Some(r), Some(s)) if t - r != s => {
                self.note(row, format!("TTC {t} − réglé {r} ≠ solde {s} : le solde est retenu"));
                t - s
            }
            (Some(t), None, Some(s)) => t - s,
            (_, Some(r), _) => r,
            _ => Decimal::ZERO,
        };
        if gross - paid <= Decimal::ZERO {
            self.note(row, format!("facture {number} soldée : non reprise"));
            return Ok(());
        }
        if paid.is_sign_negative() {
            return Err(format!("règlement négatif ({paid}) : réglé au-delà du solde ?"));
        }
        match (net, vat) {
            (Some(n), Some(v)) if n + v != gross => {
                self.note(row, format!("HT {n} + TVA {v} ≠ TTC {gross} : montants repris tels quels"));
            }
            (Some(n), None) => vat = Some(gross - n),
            (None, Some(v)) => net = Some(gross - v),
            (None, None) => {
                let divisor = Decimal::ONE + self.vat_rate / Decimal::from(100);
                let n = (gross / divisor).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
                net = Some(n);
                vat = Some(gross - n);
                self.vat_split.push(row.line);
            }
            _ => {}
        }
        let party = tiers::party_from_row(row, self.columns);
        let subject = non_empty(self.cell(row, Field::Objet));
        items.push(Item {
            line: row.line,
            code,
            name,
            party,
            number,
            date,
            due,
            subject,
            gross,
            net,
            vat,
            paid,
            paid_on,
        });
        Ok(())
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The key grouping rows of one debtor: the client code when the export has one, else the name.
fn debtor_key(code: &Option<String>, name: &Option<String>) -> String {
    match (code, name) {
        (Some(c), _) => format!("code:{}", normalize(c)),
        (None, Some(n)) => format!("nom:{}", normalize(n)),
        (None, None) => String::new(),
    }
}

fn drafts(
    file: &Path,
    items: Vec<Item>,
    credits: Vec<Credit>,
    tiers: Option<&Tiers>,
    shared: &Shared,
    warnings: &mut Diagnostics,
) -> Vec<Draft> {
    let mut groups: BTreeMap<String, (usize, Vec<Item>)> = BTreeMap::new();
    for (order, item) in items.into_iter().enumerate() {
        groups.entry(debtor_key(&item.code, &item.name)).or_insert_with(|| (order, Vec::new())).1.push(item);
    }
    let mut ordered: Vec<(usize, String, Vec<Item>)> = groups.into_iter().map(|(k, (o, v))| (o, k, v)).collect();
    ordered.sort_by_key(|(order, _, _)| *order);
    let mut credits_by_key: BTreeMap<String, Vec<Credit>> = BTreeMap::new();
    for c in credits {
        credits_by_key.entry(debtor_key(&c.code, &c.name)).or_default().push(c);
    }
    let mut taken = HashSet::new();
    let mut out = Vec::new();
    for (_, key, items) in ordered {
        let credits = credits_by_key.remove(&key).unwrap_or_default();
        if let Some(draft) = draft_for(file, items, credits, tiers, shared, &mut taken, warnings) {
            out.push(draft);
        }
    }
    for (_, orphans) in credits_by_key {
        for c in orphans {
            warnings.push(
                Diagnostic::warning(format!(
                    "ligne {} : avoir ou règlement {} de {} sur un client sans facture impayée : non repris",
                    c.line, c.number, c.amount
                ))
                .in_file(file)
                .at(Pos::new(c.line, 1)),
            );
        }
    }
    out
}

fn draft_for(
    file: &Path,
    items: Vec<Item>,
    credits: Vec<Credit>,
    tiers: Option<&Tiers>,
    shared: &Shared,
    taken: &mut HashSet<String>,
    warnings: &mut Diagnostics,
) -> Option<Draft> {
    let first = items.first()?;
    let source = Source { file, line: first.line };
    let mut debtor = first.party.clone();
    let entry = tiers.and_then(|t| t.find(first.code.as_deref(), first.name.as_deref()));
    let mut identity = None;
    if let Some(entry) = entry {
        identity = Some(entry.line);
        let mut from_tiers = entry.party.clone();
        tiers::complete(&mut from_tiers, &debtor);
        debtor = from_tiers;
    } else if tiers.is_some() {
        warnings.push(source.warning(format!(
            "débiteur {} absent du fichier de tiers : son identité est à compléter",
            first.name.clone().or_else(|| first.code.clone()).unwrap_or_default()
        )));
    }
    if debtor.raison_sociale.is_none() && debtor.nom.is_none() {
        debtor.raison_sociale = first.name.clone().or_else(|| first.code.clone());
    }
    tiers::settle(&mut debtor);
    let label = party_label(&debtor, "débiteur");
    let folder = unique(&slug(debtor.raison_sociale.as_deref().or(debtor.nom.as_deref()).unwrap_or("debiteur")), taken);
    let (first_line, last_line) = (first.line, items.iter().map(|i| i.line).max().unwrap_or(first.line));
    let rows = match items.len() {
        1 => format!("ligne {first_line}"),
        n => format!("{n} lignes, de la ligne {first_line} à la ligne {last_line}"),
    };
    let mut draft = Draft {
        reference: reference(&folder),
        folder,
        origin: vec![format!(
            "Préparé par « recouvre import balance » à partir de {} ({rows}).",
            file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        )],
        computed_on: shared.computed_on,
        signed_at: shared.signed_at.clone(),
        creditor: shared.creditor.clone(),
        debtor,
        conditions: shared.conditions.clone(),
        ..Draft::default()
    };
    if let (Some(line), Some(path)) = (identity, tiers.map(Tiers::path)) {
        draft.origin.push(format!("Identité du débiteur : {}, ligne {line}.", path.display()));
    }
    if draft.creditor.kind.is_none() {
        draft.creditor.kind = Some(RawPartyKind::Societe);
        draft.note("creancier", "À COMPLÉTER : vous, le créancier (ou relancez l'import avec --creancier)");
    }
    if draft.debtor.adresse.is_none() {
        warnings.push(source.warning(format!("{label} : adresse inconnue, à compléter")).hint(
            "donnez un fichier --tiers avec les colonnes adresse, code postal et ville (par code client ou par nom)",
        ));
    }
    let mut numbers = HashSet::new();
    for item in items {
        if !numbers.insert(item.number.clone()) {
            warnings.push(Source { file, line: item.line }.warning(format!(
                "facture {} en double pour ce débiteur : seule la première ligne est reprise",
                item.number
            )));
            continue;
        }
        add_item(&mut draft, item);
    }
    for credit in credits {
        let index = draft.payments.len() + 1;
        draft.payments.push(DraftPayment {
            date: Some(credit.date),
            amount: credit.amount,
            invoice: None,
            mode: Some("autre"),
            reference: Some(format!("{} (ligne {} de l'export)", credit.number, credit.line)),
        });
        draft.note(
            format!("paiements[{index}]"),
            "montant négatif de l'export (avoir ou règlement non lettré) : imputé selon l'art. 1342-10 C. civ.",
        );
        warnings.push(
            Source { file, line: credit.line }
                .warning(format!("{} de {} € : montant négatif repris comme paiement non affecté", credit.number, credit.amount))
                .hint("s'il s'agit d'un avoir sur une facture précise, déplacez-le dans « avoirs » avec son numéro de facture"),
        );
    }
    if draft.total_due() <= Decimal::ZERO {
        warnings.push(source.warning(format!(
            "{label} : rien ne reste dû une fois les montants négatifs déduits ; pas de dossier écrit"
        )));
        return None;
    }
    flag_identifiers(&mut draft, "debiteur", source, warnings);
    // The creditor's identifiers were reported once, when its file was read: only the notes here.
    flag_identifiers(&mut draft, "creancier", source, &mut Diagnostics::new());
    Some(draft)
}

fn add_item(draft: &mut Draft, item: Item) {
    let index = draft.invoices.len() + 1;
    if item.due.is_none() {
        draft.note(format!("factures[{index}].echeance"), format!("absente de l'export (ligne {})", item.line));
    }
    if item.paid > Decimal::ZERO {
        let p = draft.payments.len() + 1;
        draft.payments.push(DraftPayment {
            date: Some(item.paid_on.unwrap_or(item.date)),
            amount: item.paid,
            invoice: Some(item.number.clone()),
            mode: None,
            reference: Some(format!("réglé d'après l'export (ligne {})", item.line)),
        });
        if item.paid_on.is_none() {
            draft.note(
                format!("paiements[{p}]"),
                "date inconnue : celle de la facture (le moins d'intérêts) ; à corriger si connue",
            );
        }
    }
    draft.invoices.push(DraftInvoice {
        number: item.number,
        date: Some(item.date),
        due: item.due,
        subject: item.subject,
        net: item.net,
        vat: item.vat,
        gross: Some(item.gross),
        file: None,
        delivery_notes: Vec::new(),
    });
}
