//! The one place where money is rounded: every line of the décompte goes through `cents`, and
//! totals are sums of rounded lines, so every printed column adds up.

use rust_decimal::{Decimal, RoundingStrategy};

/// Days in the year for the day count: 365 even in leap years (printed in the conventions).
pub const DAYS_IN_YEAR: i64 = 365;

/// Rounded to the cent, half away from zero (0,005 → 0,01).
pub fn cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Interest on `base` at `rate_percent` a year for `days` days: base × rate × days / 365,
/// rounded to the cent. Multiplying first keeps the quotient exact whenever it terminates, so
/// a true half cent is seen as one.
pub fn interest(base: Decimal, rate_percent: Decimal, days: i64) -> Decimal {
    let numerator = base * rate_percent * Decimal::from(days);
    cents(numerator / Decimal::from(100 * DAYS_IN_YEAR))
}

/// `part` percent of `base`, rounded to the cent (clause pénale).
pub fn percent_of(base: Decimal, part: Decimal) -> Decimal {
    cents(base * part / Decimal::ONE_HUNDRED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn worked_example_lines() {
        assert_eq!(interest(dec!(10000), dec!(13.15), 46), dec!(165.73));
        assert_eq!(interest(dec!(10000), dec!(12.15), 123), dec!(409.44));
    }

    #[test]
    fn half_cent_goes_up() {
        assert_eq!(cents(dec!(0.005)), dec!(0.01));
        assert_eq!(cents(dec!(0.0049999)), dec!(0.00));
        // 730 × 10 % × 1 day / 365 = 0.20 exactly; 36.5 × 10 % × 1 / 365 = 0.01 exactly.
        assert_eq!(interest(dec!(730), dec!(10), 1), dec!(0.20));
        // 18.25 × 10 % / 365 = 0.005 → 0.01.
        assert_eq!(interest(dec!(18.25), dec!(10), 1), dec!(0.01));
    }
}
