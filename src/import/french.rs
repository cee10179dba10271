//! Numbers and dates as accounting software exports them in France: `1 234,56`, `1.234,56 €`,
//! `(12,00)`, `31/01/2026`, `31/01/26`, `2026-01-31`, an Excel day number.

use std::str::FromStr;

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

/// An amount; `Ok(None)` for an empty cell. At most two decimals.
pub fn parse_amount(cell: &str) -> Result<Option<Decimal>, String> {
    let raw = cell.trim();
    if raw.is_empty() || raw == "-" {
        return Ok(None);
    }
    let invalid = || format!("montant illisible « {raw} »");
    let mut text: String =
        raw.chars().filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '€' | '\'')).collect();
    for currency in ["EUR", "eur", "Eur"] {
        text = text.replace(currency, "");
    }
    let mut negative = false;
    if text.len() >= 2 && text.starts_with('(') && text.ends_with(')') {
        negative = true;
        text = text[1..text.len() - 1].to_string();
    }
    if let Some(rest) = text.strip_suffix('-') {
        negative = true;
        text = rest.to_string();
    }
    if let Some(rest) = text.strip_prefix('-') {
        negative = !negative;
        text = rest.to_string();
    } else if let Some(rest) = text.strip_prefix('+') {
        text = rest.to_string();
    }
    let commas = text.matches(',').count();
    let dots = text.matches('.').count();
    let (thousands, decimal) = match (commas, dots) {
        (0, 0) | (0, 1) => (None, Some('.')),
        (1, 0) => (None, Some(',')),
        (_, 0) => (Some(','), None),
        (0, _) => (Some('.'), None),
        _ if text.rfind(',') > text.rfind('.') => (Some('.'), Some(',')),
        _ => (Some(','), Some('.')),
    };
    let (int, frac) = match decimal.and_then(|d| text.rsplit_once(d)) {
        Some((int, frac)) => (int.to_string(), Some(frac.to_string())),
        None => (text.clone(), None),
    };
    if let Some(sep) = thousands {
        // `1.234.567`: groups of three after the first, else it is not a number we can trust.
        let groups: Vec<&str> = int.split(sep).collect();
        let well_grouped =
            groups.first().is_some_and(|g| (1..=3).contains(&g.len())) && groups.iter().skip(1).all(|g| g.len() == 3);
        if !well_grouped {
            return Err(invalid());
        }
    }
    let int: String = int.chars().filter(|c| Some(*c) != thousands).collect();
    let normalized = match frac {
        Some(frac) => format!("{int}.{frac}"),
        None => int,
    };
    if normalized.is_empty() || !normalized.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(invalid());
    }
    let value = Decimal::from_str(&normalized).map_err(|_| invalid())?.normalize();
    if value.scale() > 2 {
        return Err(format!("montant « {raw} » : plus de deux décimales"));
    }
    if value > Decimal::from(1_000_000_000_000_i64) {
        return Err(format!("montant « {raw} » : nombre trop grand"));
    }
    Ok(Some(if negative { -value } else { value }))
}

/// A date; `Ok(None)` for an empty cell.
pub fn parse_date(cell: &str) -> Result<Option<NaiveDate>, String> {
    let raw = cell.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let invalid = || format!("date illisible « {raw} » (attendu JJ/MM/AAAA ou AAAA-MM-JJ)");
    let day_part = raw.split([' ', 'T']).next().unwrap_or(raw);
    if day_part.len() == 5 && day_part.chars().all(|c| c.is_ascii_digit()) {
        // An Excel day number: 1 is 1900-01-01, with Excel's phantom 29 February 1900.
        let n: u64 = day_part.parse().map_err(|_| invalid())?;
        let date = NaiveDate::from_ymd_opt(1899, 12, 30).and_then(|d| d.checked_add_days(Days::new(n)));
        return date.filter(|d| in_range(*d)).map(Some).ok_or_else(invalid);
    }
    let parts: Vec<&str> = day_part.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(invalid());
    };
    if ![a, b, c].iter().all(|p| !p.is_empty() && p.chars().all(|ch| ch.is_ascii_digit())) {
        return Err(invalid());
    }
    let number = |s: &str| s.parse::<u32>().map_err(|_| invalid());
    let (year, month, day) = if a.len() == 4 {
        (number(a)?, number(b)?, number(c)?)
    } else {
        let year = match c.len() {
            4 => number(c)?,
            2 => 2000 + number(c)?,
            _ => return Err(invalid()),
        };
        (year, number(b)?, number(a)?)
    };
    let year = i32::try_from(year).map_err(|_| invalid())?;
    let date = NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("date impossible « {raw} » : ce jour n'existe pas"))?;
    if !in_range(date) {
        return Err(format!("date hors limites « {raw} » (années 1990 à 2100)"));
    }
    Ok(Some(date))
}

fn in_range(d: NaiveDate) -> bool {
    (1990..=2100).contains(&chrono::Datelike::year(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(s: &str) -> Option<String> {
        parse_amount(s).ok().flatten().map(|d| d.to_string())
    }

    #[test]
    fn amounts_as_exported() {
        assert_eq!(amount("1 234,56"), Some("1234.56".into()));
        assert_eq!(amount("1\u{a0}234,56 €"), Some("1234.56".into()));
        assert_eq!(amount("1\u{202f}234,5"), Some("1234.5".into()));
        assert_eq!(amount("1.234,56"), Some("1234.56".into()));
        assert_eq!(amount("1,234.56"), Some("1234.56".into()));
        assert_eq!(amount("1234.56"), Some("1234.56".into()));
        assert_eq!(amount("-12,00"), Some("-12".into()));
        assert_eq!(amount("(12,00)"), Some("-12".into()));
        assert_eq!(amount("12,00-"), Some("-12".into()));
        assert_eq!(amount("1.234.567"), Some("1234567".into()));
        assert_eq!(parse_amount(""), Ok(None));
        assert!(parse_amount("abc").is_err());
        assert!(parse_amount("12,345").is_err());
        assert!(parse_amount("1e5").is_err());
        assert!(parse_amount("12.34.56,7").is_err(), "thousands in groups of three");
        assert!(parse_amount("1,2,3").is_err());
        assert!(parse_amount("(").is_err() && parse_amount(")").is_err() && parse_amount("()").is_err());
    }

    #[test]
    fn dates_as_exported() {
        let d = |y, m, day| Ok(NaiveDate::from_ymd_opt(y, m, day));
        assert_eq!(parse_date("31/01/2026"), d(2026, 1, 31));
        assert_eq!(parse_date("31/01/26"), d(2026, 1, 31));
        assert_eq!(parse_date("2026-01-31"), d(2026, 1, 31));
        assert_eq!(parse_date("31.01.2026"), d(2026, 1, 31));
        assert_eq!(parse_date("31/01/2026 00:00:00"), d(2026, 1, 31));
        assert_eq!(parse_date("46053"), d(2026, 1, 31));
        assert!(parse_date("31/02/2026").is_err());
        assert!(parse_date("hier").is_err());
        assert!(parse_date("1/1/1850").is_err());
        assert_eq!(parse_date(" "), Ok(None));
    }

    proptest::proptest! {
        #[test]
        fn any_cell_is_read_or_refused_never_a_panic(cell in "\\PC{0,24}|[-+()0-9 ,.€/]{0,16}") {
            let _ = parse_amount(&cell);
            let _ = parse_date(&cell);
        }
    }
}
