//! Leaf values of the case file: amounts, rates, quantities and dates, read from their text.
//!
//! Each accepts a YAML number (`1234.5`) or a string (`"1234.50"`) and never goes through a float.
//! Their messages and JSON Schema live here, next to the parsing rule they describe.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

use super::node_de::with_hint;

/// Largest amount accepted: a thousand billion euros. Beyond it, the figure is a typo.
const MAX_AMOUNT: i64 = 1_000_000_000_000;

/// A sum of money in euros, at most two decimals, never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Montant(pub Decimal);

/// An annual percentage rate (`12.15` means 12,15 %), up to four decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Taux(pub Decimal);

/// A non-negative decimal quantity or unit price (up to six decimals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Nombre(pub Decimal);

/// A calendar date written `AAAA-MM-JJ`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

/// A number written the French way (`1 234,56`, `1.234,56`) as the case file wants it
/// (`1234.56`), when that is what it is.
fn respelled(t: &str) -> Option<String> {
    let digits: String = t.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_')).collect();
    let digits = match (digits.matches(',').count(), digits.contains('.')) {
        (1, true) => digits.replace('.', "").replace(',', "."),
        (1, false) => digits.replace(',', "."),
        (0, _) => digits,
        _ => return None,
    };
    Decimal::from_str(&digits).ok().map(|_| digits)
}

fn parse_decimal(text: &str, what: &str, example: &str) -> Result<Decimal, String> {
    let t = text.trim();
    let right = |fallback: String| match respelled(t) {
        Some(right) => format!("écrivez \"{right}\" (un point pour les décimales, sans séparateur de milliers)"),
        None => fallback,
    };
    if t.contains(',') {
        return Err(with_hint(
            format!("{what} invalide « {t} » : la virgule n'est pas acceptée"),
            right(format!("écrivez le séparateur décimal avec un point, par exemple {example}")),
        ));
    }
    if t.contains([' ', '\u{a0}', '\u{202f}', '_']) {
        return Err(with_hint(
            format!("{what} invalide « {t} » : espaces dans le nombre"),
            right(format!("écrivez les chiffres sans séparateur de milliers, par exemple {example}")),
        ));
    }
    let parsed = if t.contains(['e', 'E']) { Decimal::from_scientific(t) } else { Decimal::from_str(t) };
    parsed.map_err(|_| {
        let too_big = !t.is_empty()
            && t.trim_start_matches(['-', '+']).chars().all(|c| c.is_ascii_digit() || c == '.' || c == 'e' || c == 'E');
        if too_big {
            with_hint(
                format!("{what} invalide « {t} » : nombre trop grand"),
                format!("vérifiez le nombre de chiffres, par exemple {example}"),
            )
        } else {
            with_hint(format!("{what} invalide « {t} »"), format!("écrivez un nombre, par exemple {example}"))
        }
    })
}

impl FromStr for Montant {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let example = "\"1234.50\"";
        let d = parse_decimal(text, "montant", example)?;
        if d.is_sign_negative() && !d.is_zero() {
            return Err(with_hint(
                format!("montant négatif « {} »", text.trim()),
                "un montant est toujours positif : un avoir se déclare dans « avoirs », un paiement dans « paiements »",
            ));
        }
        if d > Decimal::from(MAX_AMOUNT) {
            return Err(with_hint(
                format!("montant invalide « {} » : nombre trop grand", text.trim()),
                "au plus 1 000 000 000 000 € : vérifiez le nombre de chiffres",
            ));
        }
        let d = d.normalize();
        if d.scale() > 2 {
            return Err(with_hint(
                format!("montant invalide « {} » : plus de deux décimales", text.trim()),
                "un montant s'écrit au centime près, par exemple \"1234.57\"",
            ));
        }
        Ok(Montant(d))
    }
}

impl FromStr for Taux {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let d = parse_decimal(text.trim().trim_end_matches('%'), "taux", "12.15 (pour 12,15 %)")?;
        if d.is_sign_negative() || d > Decimal::from(100) {
            return Err(with_hint(
                format!("taux invalide « {} » : il doit être compris entre 0 et 100", text.trim()),
                "un taux annuel s'écrit en pourcentage : 12.15 pour 12,15 %",
            ));
        }
        let d = d.normalize();
        if d.scale() > 4 {
            return Err(with_hint(
                format!("taux invalide « {} » : plus de quatre décimales", text.trim()),
                "par exemple 12.15",
            ));
        }
        Ok(Taux(d))
    }
}

impl FromStr for Nombre {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let d = parse_decimal(text, "nombre", "\"12\" ou \"350.00\"")?;
        if d.is_sign_negative() || d > Decimal::from(MAX_AMOUNT) {
            return Err(with_hint(format!("nombre invalide « {} »", text.trim()), "un nombre positif, par exemple 12"));
        }
        let d = d.normalize();
        if d.scale() > 6 {
            return Err(with_hint(
                format!("nombre invalide « {} » : plus de six décimales", text.trim()),
                "par exemple 350.125",
            ));
        }
        Ok(Nombre(d))
    }
}

impl FromStr for Date {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let t = text.trim();
        let hint = "écrivez la date au format AAAA-MM-JJ, par exemple 2026-09-02";
        let parts: Vec<&str> = t.split('-').collect();
        let well_formed = parts.len() == 3
            && parts[0].len() == 4
            && parts[1].len() == 2
            && parts[2].len() == 2
            && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
        if !well_formed {
            return Err(match day_first(t) {
                Some(iso) => with_hint(
                    format!("date invalide « {t} » : le format est AAAA-MM-JJ (l'année d'abord)"),
                    format!("écrivez {iso}"),
                ),
                None => with_hint(format!("date invalide « {t} »"), hint),
            });
        }
        let date = NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map_err(|_| with_hint(format!("date impossible « {t} » : ce jour n'existe pas"), hint))?;
        if !(1900..=2100).contains(&date.year()) {
            return Err(with_hint(
                format!("date hors limites « {t} »"),
                "l'année doit être comprise entre 1900 et 2100",
            ));
        }
        Ok(Date(date))
    }
}

/// A date written day first (`14/08/2026`, `14.08.2026`, `14-08-2026`, `1/9/2026`) as
/// `AAAA-MM-JJ`, when it is a real day.
fn day_first(t: &str) -> Option<String> {
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    let number = |p: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())).then(|| p.parse::<u32>().ok()).flatten()
    };
    let (d, m, y) = (number(d, 1..=2)?, number(m, 1..=2)?, number(y, 4..=4)?);
    let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// Deserializes a leaf from the text of a YAML scalar (string or number).
struct TextVisitor<T>(&'static str, std::marker::PhantomData<T>);

impl<T: FromStr<Err = String>> Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        self.visit_str(&v.to_string())
    }
}

macro_rules! text_leaf {
    ($ty:ty, $expecting:literal, $schema:expr) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str(TextVisitor::<$ty>($expecting, std::marker::PhantomData))
            }
        }

        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                stringify!($ty).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                $schema
            }
        }
    };
}

text_leaf!(
    Montant,
    "un montant",
    json_schema!({
        "description": "Montant en euros, au centime près : \"1234.50\" ou 1234.5 (point décimal, sans espace).",
        "anyOf": [
            { "type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,2})?$" },
            { "type": "number", "minimum": 0 }
        ]
    })
);

text_leaf!(
    Taux,
    "un taux",
    json_schema!({
        "description": "Taux annuel en pourcentage : 12.15 pour 12,15 %.",
        "anyOf": [
            { "type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,4})?$" },
            { "type": "number", "minimum": 0, "maximum": 100 }
        ]
    })
);

text_leaf!(
    Nombre,
    "un nombre",
    json_schema!({
        "description": "Nombre positif (quantité, prix unitaire) : \"12\" ou 350.125.",
        "anyOf": [
            { "type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,6})?$" },
            { "type": "number", "minimum": 0 }
        ]
    })
);

text_leaf!(
    Date,
    "une date",
    json_schema!({
        "description": "Date au format AAAA-MM-JJ.",
        "type": "string",
        "format": "date"
    })
);

impl Serialize for Montant {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.format("%Y-%m-%d").to_string())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(e: String) -> String {
        e.split(super::super::node_de::HINT_SEP).next().unwrap_or_default().to_string()
    }

    #[test]
    fn amounts() {
        assert_eq!("1234.50".parse::<Montant>().map(|m| m.0.to_string()), Ok("1234.5".into()));
        assert_eq!("1234.5".parse::<Montant>().map(|m| m.0.to_string()), Ok("1234.5".into()));
        assert_eq!("12".parse::<Montant>().map(|m| m.0.to_string()), Ok("12".into()));
        assert!(message("12.345".parse::<Montant>().unwrap_err()).contains("plus de deux décimales"));
        assert!(message("1e30".parse::<Montant>().unwrap_err()).contains("trop grand"));
        assert!(message("-5".parse::<Montant>().unwrap_err()).contains("négatif"));
        assert!(message("1234,50".parse::<Montant>().unwrap_err()).contains("virgule"));
        assert!(message("abc".parse::<Montant>().unwrap_err()).contains("montant invalide"));
        assert!("1 234,56".parse::<Montant>().unwrap_err().contains("écrivez \"1234.56\""));
        assert!("1.234,56".parse::<Montant>().unwrap_err().contains("écrivez \"1234.56\""));
        assert!("14/08/2026".parse::<Date>().unwrap_err().contains("écrivez 2026-08-14"));
        assert!(!"31/02/2026".parse::<Date>().unwrap_err().contains("écrivez 2026"));
        assert!(message("99999999999999999999999999999999".parse::<Montant>().unwrap_err()).contains("trop grand"));
    }

    #[test]
    fn dates() {
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!(message("2026-02-30".parse::<Date>().unwrap_err()).contains("n'existe pas"));
        assert!(message("02/09/2026".parse::<Date>().unwrap_err()).contains("date invalide"));
        assert!(message("9999-01-01".parse::<Date>().unwrap_err()).contains("hors limites"));
    }

    #[test]
    fn rates() {
        assert_eq!("12.15".parse::<Taux>().map(|t| t.0.to_string()), Ok("12.15".into()));
        assert_eq!("12.15%".parse::<Taux>().map(|t| t.0.to_string()), Ok("12.15".into()));
        assert!("150".parse::<Taux>().is_err());
    }
}
