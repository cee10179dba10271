//! Working days in metropolitan France: weekends and the eleven public holidays (art. L. 3133-1
//! C. trav.; Easter Monday, Ascension Thursday and Whit Monday from the date of Easter). Used to
//! advise acting before a deadline that falls on a day offices are closed, without relying on its
//! extension (art. 642 CPC), which is certain only for procedural deadlines.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Easter Sunday (Gregorian computus, Meeus/Jones/Butcher).
fn easter(year: i32) -> Option<NaiveDate> {
    let (a, b, c) = (year % 19, year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

pub fn is_public_holiday(d: NaiveDate) -> bool {
    let fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)];
    if fixed.contains(&(d.month(), d.day())) {
        return true;
    }
    easter(d.year()).is_some_and(|e| [1, 39, 50].iter().any(|&n| e.checked_add_days(Days::new(n)) == Some(d)))
}

pub fn is_working_day(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday(d)
}

/// A deadline that would expire on a Saturday, a Sunday or a public holiday, extended to the next
/// working day (art. 642 al. 2 CPC). Days « chômés » only locally (Alsace-Moselle's Good Friday
/// and 26 December) are not counted.
pub fn extended_to_working_day(d: NaiveDate) -> NaiveDate {
    nearest_working_day(d, NaiveDate::succ_opt)
}

/// The last working day on or before `d`.
pub fn last_working_day(d: NaiveDate) -> NaiveDate {
    nearest_working_day(d, NaiveDate::pred_opt)
}

/// The first working day from `d` on, walking by `step` (a run of days off is never longer than
/// a long weekend beside a holiday; past the calendar's ends, `d` itself).
fn nearest_working_day(d: NaiveDate, step: fn(&NaiveDate) -> Option<NaiveDate>) -> NaiveDate {
    let mut day = d;
    for _ in 0..10 {
        if is_working_day(day) {
            return day;
        }
        match step(&day) {
            Some(next) => day = next,
            None => return d,
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn easter_and_its_holidays() {
        assert_eq!(easter(2026), Some(day(2026, 4, 5)));
        assert_eq!(easter(2027), Some(day(2027, 3, 28)));
        // Other centuries and the extremes (22 March, 25 April): 2026 and 2027 alone let a wrong
        // `c % 4` pass (cargo-mutants, issue #18).
        assert_eq!(easter(2028), Some(day(2028, 4, 16)));
        assert_eq!(easter(2038), Some(day(2038, 4, 25)));
        assert_eq!(easter(2100), Some(day(2100, 3, 28)));
        assert_eq!(easter(2285), Some(day(2285, 3, 22)));
        // Years where the rarer terms of the computus weigh (`m` = 1 in 2049 and 2106; `g` in 2021).
        assert_eq!(easter(2021), Some(day(2021, 4, 4)));
        assert_eq!(easter(2049), Some(day(2049, 4, 18)));
        assert_eq!(easter(2106), Some(day(2106, 4, 18)));
        assert!(is_public_holiday(day(2026, 4, 6)) && is_public_holiday(day(2026, 5, 14)));
        assert!(is_public_holiday(day(2026, 5, 25)) && !is_public_holiday(day(2026, 5, 26)));
    }

    #[test]
    fn the_last_working_day_steps_back_over_weekends_and_holidays() {
        // Saturday 5 December 2026 → Friday 4; Saturday 26 December → Thursday 24 (25 is Christmas).
        assert_eq!(last_working_day(day(2026, 12, 5)), day(2026, 12, 4));
        assert_eq!(last_working_day(day(2026, 12, 26)), day(2026, 12, 24));
        assert_eq!(last_working_day(day(2026, 12, 4)), day(2026, 12, 4));
        // Art. 642: Friday 25 December 2026 → Monday 28; Saturday 2 January 2027 → Monday 4.
        assert_eq!(extended_to_working_day(day(2026, 12, 25)), day(2026, 12, 28));
        assert_eq!(extended_to_working_day(day(2027, 1, 2)), day(2027, 1, 4));
        assert_eq!(extended_to_working_day(day(2026, 12, 4)), day(2026, 12, 4));
        assert_eq!(crate::format::date_with_weekday(day(2026, 12, 5)), "samedi 5 décembre 2026");
    }
}
