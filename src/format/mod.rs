//! French formatting for messages and tables: `12 345,67 €`, `2 septembre 2026`, `12,15 %`;
//! in [`typeset`] and [`english`], the same as documents print them (handed to templates already
//! written: templates format no amount, date or rate); and, in [`data`], the machine formats of the
//! JSON handed to tools, and the written form of amounts and days handed to templates.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// `2 septembre 2026`, `1er juillet 2025`.
pub fn date_fr(d: NaiveDate) -> String {
    let day = match d.day() {
        1 => "1er".to_string(),
        n => n.to_string(),
    };
    format!("{day} {} {}", MONTHS[d.month0() as usize], d.year())
}

const WEEKDAYS: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

/// `samedi`.
pub fn weekday_fr(d: NaiveDate) -> &'static str {
    WEEKDAYS[d.weekday().num_days_from_monday() as usize]
}

/// `samedi 5 décembre 2026`.
pub fn date_with_weekday(d: NaiveDate) -> String {
    format!("{} {}", weekday_fr(d), date_fr(d))
}

/// `02/09/2026`, for tables.
pub fn date_short(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `12 345,67` (two decimals, space between thousands).
pub fn amount(value: Decimal) -> String {
    let rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    grouped(rounded, 2, ' ')
}

/// `value` with at least `decimals` decimals (more when it has them), a comma before them and
/// `separator` between thousands; `-` before a negative value that is not zero.
fn grouped(value: Decimal, decimals: u32, separator: char) -> String {
    let negative = value.is_sign_negative() && !value.is_zero();
    let mut abs = value.abs().normalize();
    if abs.scale() < decimals {
        abs.rescale(decimals);
    }
    let text = abs.to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::from(if negative { "-" } else { "" });
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// The word for `n` things, agreed: `plural(1, "dossier", "dossiers")` is « dossier », for 0 or 2
/// and more « dossiers ». Messages never write « dossier(s) ».
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n <= 1 { one } else { many }
}

/// `n` and its word, agreed: « 1 facture », « 300 factures ».
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

/// `12 345,67 €`.
pub fn euros(value: Decimal) -> String {
    format!("{} €", amount(value))
}

/// `12,15 %` (as many decimals as needed, at least none).
pub fn percent(value: Decimal) -> String {
    format!("{} %", value.normalize().to_string().replace('.', ","))
}

/// Formats as the documents print them, handed to templates already written: a narrow no-break
/// space between thousands, a no-break space before « € » and « % ».
pub mod typeset {
    use rust_decimal::Decimal;

    /// `12 345,67 €` with the typographic spaces.
    pub fn euros(value: Decimal) -> String {
        format!("{}\u{a0}€", super::amount(value).replace(' ', "\u{202f}"))
    }

    /// `2 septembre 2026`, `1er juillet 2025`, a no-break space after the day.
    pub fn date(d: chrono::NaiveDate) -> String {
        super::date_fr(d).replacen(' ', "\u{a0}", 1)
    }

    /// Days as a sentence names them, month and year said once when they share them: « le 6
    /// janvier 2026 », « les 6 et 20 janvier 2026 », « du 18 juin au 20 août 2026 », « du 30
    /// décembre 2025 au 6 janvier 2026 ». Any order, repeated days counted once; none: empty.
    pub fn days(days: impl IntoIterator<Item = chrono::NaiveDate>) -> String {
        use chrono::Datelike;
        let mut days: Vec<chrono::NaiveDate> = days.into_iter().collect();
        days.sort_unstable();
        days.dedup();
        let (Some(&first), Some(&last)) = (days.first(), days.last()) else { return String::new() };
        let full = date(last);
        let shortened = if (first.year(), first.month()) == (last.year(), last.month()) {
            date(first).split('\u{a0}').next().unwrap_or_default().to_string()
        } else if first.year() == last.year() {
            date(first).rsplit_once(' ').map_or_else(|| date(first), |(day_month, _)| day_month.to_string())
        } else {
            date(first)
        };
        match days.len() {
            1 => format!("le {full}"),
            2 => format!("les {shortened} et {full}"),
            _ => format!("du {shortened} au {full}"),
        }
    }

    /// A unit price: `1 250,00 €`, `0,125 €` (at least two decimals, all those it has).
    pub fn unit_price(value: Decimal) -> String {
        format!("{}\u{a0}€", super::grouped(value, 2, '\u{202f}'))
    }

    /// A count in a sentence or a table: `9 990`, a narrow no-break space between thousands (a
    /// number is never cut at the end of a line).
    pub fn integer(n: usize) -> String {
        super::grouped(Decimal::from(n), 0, '\u{202f}')
    }

    /// A quantity: `2,5`, `1000` (as many decimals as it has, no thousands separator).
    pub fn decimal(value: Decimal) -> String {
        value.normalize().to_string().replace('.', ",")
    }

    /// `12,15 %`, `12 %`: as many decimals as the rate has, a no-break space before « % ».
    pub fn percent(value: Decimal) -> String {
        format!("{}\u{a0}%", value.normalize().to_string().replace('.', ","))
    }
}

/// Latin letters without their accents; other characters unchanged.
pub fn fold_accents(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => out.push('a'),
            'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => out.push('A'),
            'ç' => out.push('c'),
            'Ç' => out.push('C'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'É' | 'È' | 'Ê' | 'Ë' => out.push('E'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'Î' | 'Ï' | 'Í' | 'Ì' => out.push('I'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'ø' => out.push('o'),
            'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' | 'Ø' => out.push('O'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'Ù' | 'Û' | 'Ü' | 'Ú' => out.push('U'),
            'ÿ' | 'ý' => out.push('y'),
            'Ÿ' | 'Ý' => out.push('Y'),
            'ñ' => out.push('n'),
            'Ñ' => out.push('N'),
            'œ' => out.push_str("oe"),
            'Œ' => out.push_str("OE"),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'ß' => out.push_str("ss"),
            _ => out.push(c),
        }
    }
    out
}

pub mod data;

/// CSV for a French spreadsheet (Excel, LibreOffice): UTF-8 with a byte-order mark, `;` between
/// cells, decimal comma and no thousands separator (so a cell is read as a number), dates
/// JJ/MM/AAAA, CRLF. One implementation for the décompte, the batch report and the portfolio.
pub mod sheet {
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    /// What opens every such file: without it Excel reads UTF-8 as Windows-1252.
    pub const BOM: &str = "\u{feff}";

    /// `1234,50`, `-40,00`.
    pub fn number(amount: Decimal) -> String {
        super::data::money(amount).replace('.', ",")
    }

    /// `13,15`, `12,00`.
    pub fn rate(value: Decimal) -> String {
        super::data::rate_2(value).replace('.', ",")
    }

    /// `02/09/2026`.
    pub fn date(d: NaiveDate) -> String {
        super::date_short(d)
    }

    /// A text cell, quoted when it holds `;`, `"` or a line break.
    pub fn field(s: &str) -> String {
        if s.contains([';', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
    }

    /// Appends one row of cells already formatted (texts through [`field`]), ended by CRLF.
    pub fn push_row<S: AsRef<str>>(out: &mut String, cells: impl IntoIterator<Item = S>) {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            out.push_str(cell.as_ref());
        }
        out.push_str("\r\n");
    }
}

/// English formats, for the letters and e-mails to a debtor who reads English (`langue: en`):
/// `€12,345.67`, `2 September 2026` (handed to `templates/english.typ` written).
pub mod english {
    use chrono::{Datelike, NaiveDate};
    use rust_decimal::Decimal;

    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];

    /// `€12,345.67`, `-€5.50`: the same rounding as the French amount.
    pub fn money(value: Decimal) -> String {
        let french = super::amount(value);
        let english = french.replace(',', ".").replace(' ', ",");
        match english.strip_prefix('-') {
            Some(positive) => format!("-€{positive}"),
            None => format!("€{english}"),
        }
    }

    /// `12.15%`, `12%`: as many decimals as the rate has.
    pub fn percent(value: Decimal) -> String {
        format!("{}%", value.normalize())
    }

    /// `2 September 2026`.
    pub fn date(d: NaiveDate) -> String {
        format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
    }

    /// `2 September 2026` with a no-break space after the day, as letters print it.
    pub fn typeset_date(d: NaiveDate) -> String {
        date(d).replacen(' ', "\u{a0}", 1)
    }

    /// `2 Sep 2026`, for a table (never the ambiguous `02/09/2026`), with no-break spaces.
    pub fn table_date(d: NaiveDate) -> String {
        format!("{}\u{a0}{}\u{a0}{}", d.day(), &MONTHS[d.month0() as usize][..3], d.year())
    }

    /// A representative's capacity as a case usually writes it, in English (« présidente » →
    /// « President »); any other is kept as written.
    pub fn role(french: &str) -> String {
        let english = match french.trim().to_lowercase().as_str() {
            "président" | "présidente" => "President",
            "gérant" | "gérante" => "Managing Director",
            "cogérant" | "cogérante" => "Joint Managing Director",
            "directeur général" | "directrice générale" => "Chief Executive Officer",
            "directeur général délégué" | "directrice générale déléguée" => "Deputy Chief Executive Officer",
            "directeur administratif et financier" | "directrice administrative et financière" => "Finance Director",
            "responsable comptable" => "Head of Accounts",
            "comptable" => "Accountant",
            "trésorier" | "trésorière" => "Treasurer",
            _ => return french.trim().to_string(),
        };
        english.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn french_formats() {
        assert_eq!(euros(dec!(12345.67)), "12 345,67 €");
        assert_eq!(euros(dec!(40)), "40,00 €");
        assert_eq!(euros(dec!(1234567.5)), "1 234 567,50 €");
        assert_eq!(euros(dec!(-5.5)), "-5,50 €");
        assert_eq!(euros(dec!(0.005)), "0,01 €");
        assert_eq!(percent(dec!(12.150)), "12,15 %");
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        assert_eq!(date_fr(d(2026, 9, 2)), "2 septembre 2026");
        assert_eq!(date_fr(d(2025, 7, 1)), "1er juillet 2025");
        assert_eq!(date_short(d(2026, 9, 2)), "02/09/2026");
    }

    #[test]
    fn days_say_month_and_year_once() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        let plain = |days: Vec<NaiveDate>| typeset::days(days).replace('\u{a0}', " ");
        assert_eq!(plain(vec![d(2026, 1, 6)]), "le 6 janvier 2026");
        assert_eq!(plain(vec![d(2026, 1, 20), d(2026, 1, 6), d(2026, 1, 20)]), "les 6 et 20 janvier 2026");
        assert_eq!(plain(vec![d(2026, 10, 1), d(2026, 10, 7), d(2026, 10, 13)]), "du 1er au 13 octobre 2026");
        assert_eq!(plain(vec![d(2026, 6, 18), d(2026, 7, 20), d(2026, 8, 20)]), "du 18 juin au 20 août 2026");
        assert_eq!(plain(vec![d(2025, 12, 30), d(2026, 1, 6)]), "les 30 décembre 2025 et 6 janvier 2026");
        assert_eq!(typeset::days(Vec::new()), "");
        assert_eq!(typeset::days(vec![d(2026, 1, 6), d(2026, 1, 20)]), "les 6 et 20\u{a0}janvier 2026");
    }

    #[test]
    fn typeset_formats_are_those_documents_print() {
        assert_eq!(typeset::percent(dec!(12.150)), "12,15\u{a0}%");
        assert_eq!(typeset::percent(dec!(20)), "20\u{a0}%");
        assert_eq!(typeset::euros(dec!(1234567.5)), "1\u{202f}234\u{202f}567,50\u{a0}€");
        assert_eq!(typeset::euros(dec!(-5.5)), "-5,50\u{a0}€");
        assert_eq!(typeset::integer(9990), "9\u{202f}990");
        assert_eq!(typeset::integer(12), "12");
        assert_eq!(english::percent(dec!(14.50)), "14.5%");
        assert_eq!(typeset::unit_price(dec!(0.125)), "0,125\u{a0}€");
        assert_eq!(typeset::unit_price(dec!(1960)), "1\u{202f}960,00\u{a0}€");
        assert_eq!(typeset::decimal(dec!(2.50)), "2,5");
        let d = NaiveDate::from_ymd_opt(2025, 7, 1).expect("date");
        assert_eq!(typeset::date(d), "1er\u{a0}juillet 2025");
    }

    #[test]
    fn english_formats() {
        assert_eq!(english::money(dec!(12345.67)), "€12,345.67");
        assert_eq!(english::money(dec!(1234567.5)), "€1,234,567.50");
        assert_eq!(english::money(dec!(40)), "€40.00");
        assert_eq!(english::money(dec!(-5.5)), "-€5.50");
        let d = NaiveDate::from_ymd_opt(2026, 9, 2).expect("date");
        assert_eq!(english::date(d), "2 September 2026");
        assert_eq!(english::date(d.with_day(1).expect("day")), "1 September 2026");
        assert_eq!(english::role("présidente"), "President");
        assert_eq!(english::role("Gérant"), "Managing Director");
        assert_eq!(english::role("Credit Controller"), "Credit Controller");
    }
}
