//! Half-years (semestres): the period for which every rate of the décompte is fixed — the ECB
//! rate "in force on 1 January / 1 July" and the taux d'intérêt légal set by arrêté.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// January–June (`second == false`) or July–December of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HalfYear {
    pub year: i32,
    pub second: bool,
}

impl HalfYear {
    pub fn containing(date: NaiveDate) -> Self {
        Self { year: date.year(), second: date.month() > 6 }
    }

    /// 1 January or 1 July.
    pub fn start(self) -> NaiveDate {
        let month = if self.second { 7 } else { 1 };
        ymd(self.year, month, 1)
    }

    /// 30 June or 31 December: the last day of the half-year.
    pub fn end(self) -> NaiveDate {
        if self.second { ymd(self.year, 12, 31) } else { ymd(self.year, 6, 30) }
    }

    /// Whether `date` is 1 January or 1 July, the only valid starts of a half-year.
    pub fn is_start(date: NaiveDate) -> bool {
        date.day() == 1 && matches!(date.month(), 1 | 7)
    }
}

/// "1er semestre 2026", "2e semestre 2025".
impl fmt::Display for HalfYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ordinal = if self.second { "2e" } else { "1er" };
        write!(f, "{ordinal} semestre {}", self.year)
    }
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    // Years come from NaiveDate values, whose range holds every 1 Jan / 30 Jun / 1 Jul / 31 Dec.
    NaiveDate::from_ymd_opt(year, month, day).expect("first and last days of a half-year exist")
}

/// Splits the days (from, to] at every half-year end: each piece lies in one half-year.
pub fn split(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, NaiveDate, HalfYear)> {
    let mut pieces = Vec::new();
    let mut start = from;
    while start < to {
        let Some(first_day) = start.succ_opt() else {
            break;
        };
        let half = HalfYear::containing(first_day);
        let end = half.end().min(to);
        pieces.push((start, end, half));
        start = end;
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn splits_at_half_year_ends() {
        let pieces = split(d(2025, 5, 15), d(2025, 10, 31));
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0].0, d(2025, 5, 15));
        assert_eq!(pieces[0].1, d(2025, 6, 30));
        assert_eq!(pieces[1].0, d(2025, 6, 30));
        assert_eq!(pieces[1].1, d(2025, 10, 31));
        assert_eq!(pieces[1].2.to_string(), "2e semestre 2025");
        // A start on the last day of a half-year begins in the next one.
        let pieces = split(d(2025, 12, 31), d(2026, 1, 10));
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].2.to_string(), "1er semestre 2026");
        assert!(split(d(2025, 1, 1), d(2025, 1, 1)).is_empty());
    }
}
