//! The law in force on an ordonnance portant injonction de payer's date: the one place of its date
//! rules (service deadline, what enforcement needs), used by `plan`, the letters and `suivi`.
//!
//! - Since 1 March 2022 (décret n° 2021-1322) the ordonnance bears the formule exécutoire when
//!   issued: no request to « rendre exécutoire » (domain notes § 1.5, § 8.4).
//! - Issued before 1 September 2026: served within 6 months (art. 1411 CPC); without opposition
//!   within one month of service (art. 1416), it has the effects of a contradictory judgment
//!   (art. 1422) and the greffe delivers a certificat de non-opposition on request (art. 505).
//! - Issued from 1 September 2026 (décret n° 2026-96 of 16 February 2026): served within 3 months;
//!   the greffe notifies the creditor of an opposition only; without such a notice two months after
//!   service, enforcement may start. Whether greffes still deliver certificates for these
//!   ordonnances is unverified (domain notes § 8.4): the documents neither promise nor rule it out,
//!   and the CPC article numbers of these 2026 rules are not cited (unverified too).

use chrono::{Months, NaiveDate};

use super::calendar::extended_to_working_day;

/// Ordonnances issued from this day bear the formule exécutoire (décret n° 2021-1322).
pub fn enforceable_when_issued_since() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 3, 1).unwrap_or_default()
}

/// Ordonnances issued from this day follow décret n° 2026-96 (3 months to serve, 2 months
/// without a greffe notice of opposition).
pub fn reform_2026() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, 1).unwrap_or_default()
}

/// What enforcing an ordonnance needs, by the date it was issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regime {
    /// Issued before 1 March 2022: the formule exécutoire had to be asked for (former art. 1422).
    FormulaToRequest,
    /// 1 March 2022 – 31 August 2026: one month after service, certificat de non-opposition (art. 505).
    Certificate,
    /// From 1 September 2026: two months after service without a greffe notice of opposition.
    NoNotice,
}

impl Regime {
    pub fn of(order_date: NaiveDate) -> Regime {
        if order_date < enforceable_when_issued_since() {
            Regime::FormulaToRequest
        } else if order_date < reform_2026() {
            Regime::Certificate
        } else {
            Regime::NoNotice
        }
    }

    /// Months the ordonnance has to be served in (art. 1411 CPC), or it is non avenue.
    pub fn service_months(self) -> u32 {
        match self {
            Regime::FormulaToRequest | Regime::Certificate => 6,
            Regime::NoNotice => 3,
        }
    }

    /// Months after service before enforcement may start.
    pub fn waiting_months(self) -> u32 {
        match self {
            Regime::FormulaToRequest | Regime::Certificate => 1,
            Regime::NoNotice => 2,
        }
    }

    /// As written in the case's data for templates.
    pub fn code(self) -> &'static str {
        match self {
            Regime::FormulaToRequest => "formule_a_demander",
            Regime::Certificate => "certificat",
            Regime::NoNotice => "sans_avis",
        }
    }
}

/// Last day to serve an ordonnance: 6 months, 3 for those issued from 1 September 2026
/// (a day that does not exist in the last month gives that month's last day).
pub fn service_deadline(order_date: NaiveDate) -> NaiveDate {
    let months = Regime::of(order_date).service_months();
    order_date.checked_add_months(Months::new(months)).unwrap_or(order_date)
}

/// The first day enforcement may start after service on `served`: the day after the waiting
/// period (one month, or two from 1 September 2026), that period ending on a Saturday, a Sunday
/// or a public holiday being extended to the next working day (art. 642 CPC).
pub fn enforceable_from(order_date: NaiveDate, served: NaiveDate) -> NaiveDate {
    let months = Regime::of(order_date).waiting_months();
    let last = extended_to_working_day(served.checked_add_months(Months::new(months)).unwrap_or(served));
    last.succ_opt().unwrap_or(last)
}

/// The last day to oppose after service on `served`: one month (art. 1416 CPC), a Saturday, a
/// Sunday or a public holiday extended to the next working day (art. 642 CPC). Served otherwise
/// than à personne, the month runs again from the first act served à personne or the first
/// enforcement measure.
pub fn opposition_ends(served: NaiveDate) -> NaiveDate {
    extended_to_working_day(served.checked_add_months(Months::new(1)).unwrap_or(served))
}

/// The first day at the legal rate + 5 points (L. 313-3 CMF): the day after two months from the
/// day the ordonnance became enforceable ([`enforceable_from`]). Counting from that day for an
/// injonction de payer is derived, not confirmed (domain notes § 8.5): the case may set the day
/// (`majoration_depuis`).
pub fn surcharge_from(order_date: NaiveDate, served: NaiveDate) -> NaiveDate {
    let enforceable = enforceable_from(order_date, served);
    let end = enforceable.checked_add_months(Months::new(2)).unwrap_or(enforceable);
    end.succ_opt().unwrap_or(end)
}

/// Days a creditor has, at the tribunal de commerce, to consign the opposition fees once the
/// greffe invites it (domain notes § 8.3, Tribunal Digital; CPC article unverified).
pub const OPPOSITION_FEE_DAYS: u64 = 15;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn the_regime_changes_on_its_first_days() {
        assert_eq!(Regime::of(d(2022, 2, 28)), Regime::FormulaToRequest);
        assert_eq!(Regime::of(d(2022, 3, 1)), Regime::Certificate);
        assert_eq!(Regime::of(d(2026, 8, 31)), Regime::Certificate);
        assert_eq!(Regime::of(d(2026, 9, 1)), Regime::NoNotice);
    }

    #[test]
    fn service_deadline_changes_in_september_2026() {
        assert_eq!(service_deadline(d(2026, 8, 31)), d(2027, 2, 28));
        assert_eq!(service_deadline(d(2026, 9, 1)), d(2026, 12, 1));
        assert_eq!(service_deadline(d(2026, 11, 30)), d(2027, 2, 28));
    }

    #[test]
    fn opposition_ends_one_month_after_service_on_a_working_day() {
        // Served Tuesday 10 November 2026: the month ends Thursday 10 December.
        assert_eq!(opposition_ends(d(2026, 11, 10)), d(2026, 12, 10));
        // Served 7 August 2026: 7 September is a Monday, the month ends that day.
        assert_eq!(opposition_ends(d(2026, 8, 7)), d(2026, 9, 7));
        // Served 30 April 2026: 30 May is a Saturday → Monday 1 June.
        assert_eq!(opposition_ends(d(2026, 4, 30)), d(2026, 6, 1));
    }

    #[test]
    fn the_surcharge_starts_two_months_after_enforceability() {
        // Before 1 September 2026: served 3 December 2025, one month ends Saturday 3 January →
        // Monday 5, enforceable on the 6th; two months end 6 March, surcharge from 7 March 2026.
        assert_eq!(enforceable_from(d(2025, 11, 12), d(2025, 12, 3)), d(2026, 1, 6));
        assert_eq!(surcharge_from(d(2025, 11, 12), d(2025, 12, 3)), d(2026, 3, 7));
        // From 1 September 2026: served 10 November 2026, enforceable 12 January 2027, surcharge
        // from 13 March 2027.
        assert_eq!(surcharge_from(d(2026, 9, 1), d(2026, 11, 10)), d(2027, 3, 13));
    }

    #[test]
    fn enforcement_waits_one_month_or_two_after_service() {
        // Served on Tuesday 10 November 2026: one month ends Thursday 10 December.
        assert_eq!(enforceable_from(d(2026, 8, 31), d(2026, 11, 10)), d(2026, 12, 11));
        // From 1 September 2026: two months, ending Sunday 10 January 2027 → Monday 11, so the 12th.
        assert_eq!(enforceable_from(d(2026, 9, 1), d(2026, 11, 10)), d(2027, 1, 12));
    }
}
