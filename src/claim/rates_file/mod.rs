//! The user rates file given to `--taux FICHIER`: rows that add or override the embedded
//! tables, so a newly published rate is usable without a new version of recouvre.
//!
//! CSV (`.csv`), one row per rate, columns `type,debut,taux,categorie` (`;` also accepted as
//! separator; a first row of column names, blank lines and `#` comments are skipped):
//!
//! ```text
//! # verifie_jusqu_au: 2026-07-15
//! type,debut,taux,categorie
//! legal,2026-07-01,2.85,autre
//! legal,2026-07-01,6.72,particulier
//! bce,2026-06-11,2.00,
//! ```
//!
//! YAML (`.yaml` or `.yml`), the same rows under `taux`:
//!
//! ```yaml
//! verifie_jusqu_au: 2026-07-15
//! taux:
//!   - { type: legal, debut: 2026-07-01, categorie: autre, taux: "2.85" }
//!   - { type: bce, debut: 2026-06-11, taux: "2.00" }
//! ```
//!
//! - `type`: `legal` (taux d'intérêt légal) or `bce` (taux de refinancement de la BCE).
//! - `debut`: `AAAA-MM-JJ`. For `legal`, the first day of the half-year (1 January or 1 July);
//!   for `bce`, the day the change took effect (not the day it was announced).
//! - `taux`: annual rate in percent with a decimal point (`2.85` for 2,85 %), 0 to 100.
//! - `categorie`: for `legal` only, `particulier` (creditor is a private person) or `autre`.
//! - `verifie_jusqu_au` (optional): the day up to which the ECB rows were checked; it silences
//!   the R032 warning for earlier half-years. A `bce` row counts as checked up to its date.

#[cfg(test)]
mod tests;
mod yaml_rows;

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::LegalRateCategory;
use super::half_year::HalfYear;

/// The comment line that says up to which date a table was checked.
pub const CHECKED_UNTIL_KEY: &str = "verifie_jusqu_au";
use crate::ground::files::io_reason;

use crate::diag::{Diagnostic, Pos};
use crate::rules;

/// A rates file is a few lines; anything bigger is not one.
const MAX_BYTES: u64 = 1024 * 1024;

const EXAMPLE_ROW: &str = "legal,2026-07-01,2.85,autre";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowKind {
    Ecb,
    Legal(LegalRateCategory),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub kind: RowKind,
    pub start: NaiveDate,
    pub rate: Decimal,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserRates {
    pub rows: Vec<Row>,
    pub checked_until: Option<NaiveDate>,
}

/// Reads and parses a rates file; every problem is reported, located in the file.
pub fn read(path: &Path) -> Result<UserRates, Vec<Diagnostic>> {
    let unreadable = |reason: String| {
        vec![
            rules::FILE_READABLE
                .report(format!("fichier de taux illisible : {reason}"))
                .in_file(path)
                .hint(format!("un fichier .csv ou .yaml en UTF-8, par exemple avec la ligne « {EXAMPLE_ROW} »")),
        ]
    };
    let file = std::fs::File::open(path).map_err(|e| unreadable(io_reason(&e)))?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(|e| unreadable(io_reason(&e)))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(unreadable("plus de 1 Mo".into()));
    }
    let text = String::from_utf8(bytes).map_err(|_| unreadable("pas en UTF-8".into()))?;
    parse(&text, path)
}

/// Parses a rates text; the extension of `file` says CSV or YAML.
pub fn parse(text: &str, file: &Path) -> Result<UserRates, Vec<Diagnostic>> {
    let extension = file.extension().and_then(|e| e.to_str()).map(str::to_lowercase).unwrap_or_default();
    let mut parser = Parser::default();
    match extension.as_str() {
        "csv" => parser.csv(text),
        "yaml" | "yml" => parser.yaml(text),
        other => {
            let shown =
                if other.is_empty() { "aucune extension".to_string() } else { format!("extension « .{other} »") };
            parser.problems.push(
                rules::FILE_READABLE
                    .report(format!("fichier de taux : {shown}, format inconnu"))
                    .hint("nommez-le « taux.csv » (lignes type,debut,taux,categorie) ou « taux.yaml »"),
            );
        }
    }
    parser.finish(file)
}

#[derive(Default)]
struct Parser {
    out: UserRates,
    problems: Vec<Diagnostic>,
    seen: HashSet<(RowKind, NaiveDate)>,
}

/// The four cells of a row, each with where it is.
struct Cells<'a> {
    at: Pos,
    field: String,
    kind: Option<(&'a str, Pos)>,
    start: Option<(&'a str, Pos)>,
    rate: Option<(&'a str, Pos)>,
    category: Option<(&'a str, Pos)>,
}

impl Parser {
    fn finish(self, file: &Path) -> Result<UserRates, Vec<Diagnostic>> {
        if self.problems.is_empty() {
            Ok(self.out)
        } else {
            Err(self.problems.into_iter().map(|d| d.in_file(file)).collect())
        }
    }

    fn bad(&mut self, at: Pos, field: &str, message: String, hint: &str) {
        self.problems.push(rules::FIELD_VALUE.report(message).at(at).field(field).hint(hint));
    }

    fn csv(&mut self, text: &str) {
        let mut header_allowed = true;
        for (index, raw_line) in text.lines().enumerate() {
            let line_no = u32::try_from(index + 1).unwrap_or(u32::MAX);
            let line = raw_line.trim_end_matches('\r');
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            if let Some(comment) = trimmed.strip_prefix('#') {
                self.csv_comment(comment, Pos::new(line_no, 1));
                continue;
            }
            let separator = if !line.contains(',') && line.contains(';') { ';' } else { ',' };
            let mut cells: Vec<(&str, Pos)> = Vec::new();
            let mut column = 1usize;
            for cell in line.split(separator) {
                let lead = cell.chars().take_while(|c| c.is_whitespace()).count();
                let col = u32::try_from(column + lead).unwrap_or(u32::MAX);
                cells.push((cell.trim(), Pos::new(line_no, col)));
                column += cell.chars().count() + 1;
            }
            if header_allowed && cells[0].0.eq_ignore_ascii_case("type") {
                header_allowed = false;
                continue;
            }
            header_allowed = false;
            let at = Pos::new(line_no, 1);
            if cells.len() > 4 {
                self.bad(
                    at,
                    "",
                    format!("ligne {line_no} : {} colonnes au lieu de 4", cells.len()),
                    &format!("une ligne par taux : type,debut,taux,categorie, par exemple « {EXAMPLE_ROW} » (taux avec un point décimal)"),
                );
                continue;
            }
            let cell = |i: usize| cells.get(i).copied().filter(|(t, _)| !t.is_empty());
            self.row(Cells {
                at,
                field: String::new(),
                kind: cell(0),
                start: cell(1),
                rate: cell(2),
                category: cell(3),
            });
        }
    }

    fn csv_comment(&mut self, comment: &str, at: Pos) {
        let Some((key, value)) = comment.split_once(':') else {
            return;
        };
        if key.trim() == CHECKED_UNTIL_KEY {
            self.checked_until(value.trim(), at, CHECKED_UNTIL_KEY);
        }
    }

    fn checked_until(&mut self, text: &str, at: Pos, field: &str) {
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(d) => self.out.checked_until = Some(d),
            Err(_) => self.bad(
                at,
                field,
                format!("{CHECKED_UNTIL_KEY} : date invalide « {text} »"),
                "écrivez la date au format AAAA-MM-JJ, par exemple 2026-07-15",
            ),
        }
    }

    /// Checks one row and keeps it when every cell is right.
    fn row(&mut self, cells: Cells<'_>) {
        let field = |name: &str| crate::case::path::join(&cells.field, name);
        let before = self.problems.len();
        let kind = match cells.kind {
            Some((t, _)) if t.eq_ignore_ascii_case("bce") => Some(true),
            Some((t, _)) if matches!(t.to_lowercase().as_str(), "legal" | "légal") => Some(false),
            Some((t, at)) => {
                self.bad(
                    at,
                    &field("type"),
                    format!("type de taux inconnu « {t} »"),
                    "« legal » (taux d'intérêt légal) ou « bce » (taux de refinancement de la BCE)",
                );
                None
            }
            None => {
                self.missing(cells.at, &field("type"), "type");
                None
            }
        };
        let start = match cells.start {
            Some((t, at)) => match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
                Ok(d) => Some((d, at)),
                Err(_) => {
                    self.bad(
                        at,
                        &field("debut"),
                        format!("date de début invalide « {t} »"),
                        "écrivez la date au format AAAA-MM-JJ, par exemple 2026-07-01",
                    );
                    None
                }
            },
            None => {
                self.missing(cells.at, &field("debut"), "debut");
                None
            }
        };
        let rate = match cells.rate {
            Some((t, at)) => self.rate(t, at, &field("taux")),
            None => {
                self.missing(cells.at, &field("taux"), "taux");
                None
            }
        };
        let category = match (kind, cells.category) {
            (Some(true), Some((t, at))) => {
                self.bad(
                    at,
                    &field("categorie"),
                    format!("catégorie « {t} » sur un taux BCE"),
                    "le taux BCE est le même pour tous : laissez la catégorie vide (« bce,2026-06-11,2.00, »)",
                );
                None
            }
            (Some(false), Some((t, at))) => {
                let c = LegalRateCategory::from_name(t);
                if c.is_none() {
                    self.bad(
                        at,
                        &field("categorie"),
                        format!("catégorie inconnue « {t} »"),
                        "« particulier » (créancier personne physique hors activité professionnelle) ou « autre »",
                    );
                }
                c
            }
            (Some(false), None) => {
                self.missing(cells.at, &field("categorie"), "categorie");
                None
            }
            _ => None,
        };
        if let (Some(false), Some((d, at))) = (kind, start)
            && !HalfYear::is_start(d)
        {
            self.bad(
                at,
                &field("debut"),
                format!("taux légal : début « {d} » qui n'ouvre pas un semestre"),
                "le taux d'intérêt légal est fixé par semestre : début au 1er janvier ou au 1er juillet (2026-07-01)",
            );
        }
        if self.problems.len() > before {
            return;
        }
        let (Some(is_ecb), Some((start, at)), Some(rate)) = (kind, start, rate) else {
            return;
        };
        let kind = match (is_ecb, category) {
            (true, _) => RowKind::Ecb,
            (false, Some(c)) => RowKind::Legal(c),
            (false, None) => return,
        };
        if !self.seen.insert((kind, start)) {
            self.bad(
                at,
                &field("debut"),
                format!("taux en double pour le {start}"),
                "gardez une seule ligne par date (et par catégorie pour le taux légal)",
            );
            return;
        }
        self.out.rows.push(Row { kind, start, rate });
    }

    fn missing(&mut self, at: Pos, field: &str, name: &str) {
        self.problems.push(
            rules::REQUIRED_FIELD
                .report(format!("ligne de taux sans « {name} »"))
                .at(at)
                .field(field)
                .hint(format!("une ligne complète : « {EXAMPLE_ROW} » ; pour la BCE : « bce,2026-06-11,2.00, »")),
        );
    }

    fn rate(&mut self, text: &str, at: Pos, field: &str) -> Option<Decimal> {
        let t = text.trim().trim_end_matches('%').trim();
        if t.contains(',') {
            self.bad(
                at,
                field,
                format!("taux invalide « {t} » : la virgule n'est pas acceptée"),
                "écrivez le taux avec un point décimal : 2.85 pour 2,85 %",
            );
            return None;
        }
        match t.parse::<Decimal>() {
            Ok(r) if r.is_sign_negative() && !r.is_zero() || r > Decimal::ONE_HUNDRED => {
                self.bad(
                    at,
                    field,
                    format!("taux hors limites « {t} »"),
                    "un taux annuel en pourcentage, entre 0 et 100 : 2.85 pour 2,85 %",
                );
                None
            }
            Ok(r) if r.normalize().scale() > 4 => {
                self.bad(at, field, format!("taux « {t} » : plus de quatre décimales"), "par exemple 2.85");
                None
            }
            Ok(r) => Some(r.normalize()),
            Err(_) => {
                self.bad(
                    at,
                    field,
                    format!("taux invalide « {t} »"),
                    "un nombre avec un point décimal : 2.85 pour 2,85 %",
                );
                None
            }
        }
    }
}
