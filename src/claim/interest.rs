//! Interest on one balance over one period, as segments: one per half-year crossed, each
//! rounded to the cent on its own (the décompte prints every line, and lines must add up).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Segment;
use super::half_year;
use super::regime::RatePlan;
use super::rounding;

/// The segments of interest on `base` for each day d in (from, to]. A half-year whose rate is
/// unknown is left out (the plan has recorded the error that makes the décompte fail).
pub fn segments(base: Decimal, from: NaiveDate, to: NaiveDate, plan: &mut RatePlan<'_>) -> Vec<Segment> {
    if base <= Decimal::ZERO {
        return Vec::new();
    }
    half_year::split(from, to)
        .into_iter()
        .filter_map(|(from, to, half)| {
            let (rate, rate_source) = plan.rate(half)?;
            let days = (to - from).num_days();
            Some(Segment { from, to, days, base, rate, amount: rounding::interest(base, rate, days), rate_source })
        })
        .collect()
}
