//! The rate tables: ECB main refinancing rate changes and the taux d'intérêt légal by half-year.
//!
//! The tables shipped with recouvre are compiled in from `data/` (sources in `data/SOURCES.md`).
//! A user can add or override rows without recompiling, with a file given to `--taux`
//! (format in [`super::rates_file`]): a half-year whose legal rate is not yet in the tables, or
//! an ECB change made after the tables were checked.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::LegalRateCategory;
use super::half_year::HalfYear;
use super::rates_file::{self, CHECKED_UNTIL_KEY, RowKind};
use crate::diag::Diagnostic;

const EMBEDDED_ECB: &str = include_str!("data/bce-taux-refi.csv");
const EMBEDDED_LEGAL: &str = include_str!("data/taux-interet-legal.csv");

/// One rate as found in the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateEntry {
    /// Annual rate in percent.
    pub rate: Decimal,
    /// ECB: the day the change took effect; legal rate: the first day of its half-year.
    pub effective: NaiveDate,
    /// Whether the row comes from the user's `--taux` file rather than the embedded tables.
    pub from_user_file: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RateTables {
    /// ECB MRO rate by effective date of each change.
    ecb: BTreeMap<NaiveDate, RateEntry>,
    /// Legal rate by (first day of the half-year, creditor category).
    legal: BTreeMap<(NaiveDate, LegalRateCategory), RateEntry>,
    /// The ECB table is known to be complete up to this day; later periods get a warning.
    ecb_checked_until: NaiveDate,
}

impl RateTables {
    /// The tables compiled into recouvre.
    pub fn embedded() -> Self {
        // The embedded files are fixed at build time and parsed by a unit test.
        let (ecb, ecb_checked_until) = parse_embedded_ecb(EMBEDDED_ECB).expect("embedded ECB table parses (unit test)");
        let legal = parse_embedded_legal(EMBEDDED_LEGAL).expect("embedded legal table parses (unit test)");
        Self { ecb, legal, ecb_checked_until }
    }

    /// The embedded tables with the rows of a user rates file (`.csv`, `.yaml` or `.yml`) added
    /// or overriding. Every bad row is reported, with its line.
    pub fn with_user_file(path: &Path) -> Result<Self, Vec<Diagnostic>> {
        let user = rates_file::read(path)?;
        Ok(Self::embedded().merged(user))
    }

    /// The tables with the rows of a user rates text added or overriding; `file` names it in
    /// messages and its extension gives the format.
    pub fn with_user_text(self, text: &str, file: &Path) -> Result<Self, Vec<Diagnostic>> {
        let user = rates_file::parse(text, file)?;
        Ok(self.merged(user))
    }

    fn merged(mut self, user: rates_file::UserRates) -> Self {
        let mut latest_ecb: Option<NaiveDate> = None;
        for row in user.rows {
            let entry = RateEntry { rate: row.rate, effective: row.start, from_user_file: true };
            match row.kind {
                RowKind::Ecb => {
                    latest_ecb = latest_ecb.max(Some(row.start));
                    self.ecb.insert(row.start, entry);
                }
                RowKind::Legal(category) => {
                    self.legal.insert((row.start, category), entry);
                }
            }
        }
        // A user's ECB row says the rate is known up to its date at least.
        let known = [user.checked_until, latest_ecb].into_iter().flatten().max();
        if let Some(d) = known {
            self.ecb_checked_until = self.ecb_checked_until.max(d);
        }
        self
    }

    /// The ECB rate for the half-year starting on `start`: the latest change whose effective
    /// date is on or before 1 January / 1 July.
    pub fn ecb_rate_for_half_year(&self, start: NaiveDate) -> Option<Decimal> {
        self.ecb_entry(HalfYear::containing(start).start()).map(|e| e.rate)
    }

    /// The ECB rate in force on `date`, with the change it comes from.
    pub fn ecb_entry(&self, date: NaiveDate) -> Option<RateEntry> {
        self.ecb.range(..=date).next_back().map(|(_, e)| *e)
    }

    /// The taux d'intérêt légal of the half-year that contains `half_year_start` (normally its
    /// first day) for a creditor category.
    pub fn legal_rate(&self, half_year_start: NaiveDate, category: LegalRateCategory) -> Option<Decimal> {
        self.legal_entry(half_year_start, category).map(|e| e.rate)
    }

    pub fn legal_entry(&self, date: NaiveDate, category: LegalRateCategory) -> Option<RateEntry> {
        let start = HalfYear::containing(date).start();
        self.legal.get(&(start, category)).copied()
    }

    /// Up to which day the ECB table was checked against published decisions.
    pub fn ecb_checked_until(&self) -> NaiveDate {
        self.ecb_checked_until
    }
}

impl Default for RateTables {
    fn default() -> Self {
        Self::embedded()
    }
}

/// Data lines of an embedded CSV (no comment, no header, no blank), with the checked-until date.
fn data_lines(text: &str) -> (Vec<&str>, Option<NaiveDate>) {
    let mut checked = None;
    let mut lines = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(comment) = line.strip_prefix('#') {
            if let Some((key, value)) = comment.split_once(':')
                && key.trim() == CHECKED_UNTIL_KEY
            {
                checked = parse_date(value.trim()).ok();
            }
        } else if !line.is_empty() && !line.starts_with(|c: char| c.is_ascii_alphabetic()) {
            lines.push(line);
        }
    }
    (lines, checked)
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("date invalide « {text} »"))
}

fn parse_rate(text: &str) -> Result<Decimal, String> {
    text.parse::<Decimal>().map_err(|_| format!("taux invalide « {text} »"))
}

type EcbTable = BTreeMap<NaiveDate, RateEntry>;

fn parse_embedded_ecb(text: &str) -> Result<(EcbTable, NaiveDate), String> {
    let (lines, checked) = data_lines(text);
    let mut table = BTreeMap::new();
    for line in lines {
        let mut fields = line.splitn(3, ',');
        let date = parse_date(fields.next().unwrap_or_default())?;
        let rate = parse_rate(fields.next().unwrap_or_default())?;
        let entry = RateEntry { rate, effective: date, from_user_file: false };
        table.insert(date, entry);
    }
    let checked = checked.ok_or(format!("« # {CHECKED_UNTIL_KEY}: » absent"))?;
    Ok((table, checked))
}

fn parse_embedded_legal(text: &str) -> Result<BTreeMap<(NaiveDate, LegalRateCategory), RateEntry>, String> {
    let (lines, _) = data_lines(text);
    let mut table = BTreeMap::new();
    for line in lines {
        let fields: Vec<&str> = line.splitn(5, ',').collect();
        let [start, end, category, rate, ..] = fields.as_slice() else {
            return Err(format!("ligne incomplète « {line} »"));
        };
        let start = parse_date(start)?;
        let half = HalfYear::containing(start);
        if half.start() != start || half.end() != parse_date(end)? {
            return Err(format!("« {line} » ne couvre pas un semestre"));
        }
        let category = LegalRateCategory::from_name(category).ok_or(format!("catégorie « {category} »"))?;
        let entry = RateEntry { rate: parse_rate(rate)?, effective: start, from_user_file: false };
        table.insert((start, category), entry);
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn embedded_tables_parse_completely() {
        let (ecb, checked) = parse_embedded_ecb(EMBEDDED_ECB).expect("ecb");
        assert_eq!(ecb.len(), 37);
        assert_eq!(checked, d(2026, 2, 5));
        let legal = parse_embedded_legal(EMBEDDED_LEGAL).expect("legal");
        assert_eq!(legal.len(), 46);
    }

    #[test]
    fn a_legal_row_must_cover_one_whole_half_year() {
        assert!(parse_embedded_legal("2026-01-01,2026-06-30,autre,6.67,source").is_ok());
        for row in ["2026-01-02,2026-06-30,autre,6.67,x", "2026-01-01,2026-06-29,autre,6.67,x"] {
            let error = parse_embedded_legal(row).expect_err(row);
            assert!(error.contains("ne couvre pas un semestre"), "{error}");
        }
    }

    #[test]
    fn ecb_by_half_year_matches_the_domain_table() {
        let t = RateTables::embedded();
        let cases = [
            (d(2013, 1, 1), dec!(0.75)),
            (d(2013, 7, 1), dec!(0.50)),
            (d(2014, 7, 1), dec!(0.15)),
            (d(2016, 7, 1), dec!(0.00)),
            (d(2023, 1, 1), dec!(2.50)),
            (d(2023, 7, 1), dec!(4.00)),
            (d(2024, 1, 1), dec!(4.50)),
            (d(2024, 7, 1), dec!(4.25)),
            (d(2025, 1, 1), dec!(3.15)),
            (d(2025, 7, 1), dec!(2.15)),
            (d(2026, 1, 1), dec!(2.15)),
        ];
        for (start, rate) in cases {
            assert_eq!(t.ecb_rate_for_half_year(start), Some(rate), "{start}");
        }
        assert_eq!(t.ecb_rate_for_half_year(d(2007, 1, 1)), None);
    }

    #[test]
    fn legal_rates_by_half_year_and_category() {
        let t = RateTables::embedded();
        let autre = LegalRateCategory::Autre;
        assert_eq!(t.legal_rate(d(2023, 7, 1), autre), Some(dec!(4.22)));
        assert_eq!(t.legal_rate(d(2019, 1, 1), autre), Some(dec!(0.86)));
        assert_eq!(t.legal_rate(d(2026, 1, 1), LegalRateCategory::Particulier), Some(dec!(6.67)));
        assert_eq!(t.legal_rate(d(2026, 7, 1), autre), None);
        assert_eq!(t.legal_rate(d(2014, 7, 1), autre), None);
    }
}
