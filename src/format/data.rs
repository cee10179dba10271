//! Machine formats, one implementation each: the JSON handed to templates, the manifest, the
//! batch report and `decompte --format json|csv`; and the written form of amounts and days that
//! templates receive ([`written`]), so that no template formats a number or a date.

use std::cell::Cell;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use schemars::JsonSchema;
use serde::Serialize;

/// An amount as a decimal string with exactly two decimals, rounded to the cent half away
/// from zero: `"40.00"`, `"1234.50"`. Amounts come rounded from the claim stage.
pub fn money(amount: Decimal) -> String {
    let mut d = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    d.rescale(2);
    d.to_string()
}

/// `2026-09-02`.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A rate with as few decimals as it needs: `"13.15"`, `"12"` (templates print it as is).
pub fn rate(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A rate with at least two decimals: `"13.15"`, `"12.00"`, `"10.125"` (the décompte's JSON
/// and CSV, read by spreadsheets and tools).
pub fn rate_2(value: Decimal) -> String {
    let mut d = value.normalize();
    if d.scale() < 2 {
        d.rescale(2);
    }
    d.to_string()
}

/// How [`Money`] and [`Day`] serialize at the moment.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The machine strings (`decompte --format json`, e-mails, manifest).
    Machine,
    /// Their written forms, in French, and in English too when `english`.
    Written { english: bool },
}

thread_local! {
    /// Set while template data is serialized: [`Money`] and [`Day`] then write their written form.
    static MODE: Cell<Mode> = const { Cell::new(Mode::Machine) };
}

/// Runs `serialize` with every [`Money`] and [`Day`] written as templates print them instead of
/// the machine string: an object of the written forms templates need, no more (a long claim has
/// thousands of them, and Typst hashes every argument of every call: each field costs). The
/// English forms only with `english`: the letters a debtor may read in English. The one template
/// boundary calls it (`PartData::to_template_value`); `decompte --format json|csv`, the e-mails
/// and every other reader keep the machine strings. Serialization is synchronous: the mode
/// covers exactly it.
pub fn written<T>(english: bool, serialize: impl FnOnce() -> T) -> T {
    struct Restore(Mode);
    impl Drop for Restore {
        fn drop(&mut self) {
            MODE.set(self.0);
        }
    }
    let _restore = Restore(MODE.replace(Mode::Written { english }));
    serialize()
}

/// Un montant tel que les modèles l’impriment, écrit par recouvre.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Montant")]
struct WrittenMoney {
    /// En français : « 1 234,50 € » (espace fine insécable entre les milliers, insécable avant €).
    texte: String,
    /// Sans centimes quand ils sont nuls : « 5 000 € », sinon comme `texte`.
    court: String,
    /// En anglais : « €1,234.50 ». Seulement dans les données des relances et des mises en
    /// demeure (les lettres qu’un débiteur peut lire en anglais).
    #[serde(skip_serializing_if = "Option::is_none")]
    en: Option<String>,
    /// Vrai quand le montant est nul (« 0.00 »).
    nul: bool,
}

/// Une date telle que les modèles l’impriment, écrite par recouvre.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Jour")]
struct WrittenDay {
    /// En toutes lettres : « 2 septembre 2026 », « 1er juillet 2025 » (insécable après le jour).
    texte: String,
    /// Dans un tableau : « 02/09/2026 ».
    court: String,
    /// En anglais : « 2 September 2026 ». Seulement dans les données des relances et des mises
    /// en demeure.
    #[serde(skip_serializing_if = "Option::is_none")]
    en: Option<String>,
    /// En anglais dans un tableau : « 2 Sep 2026 ». Seulement là où `en` est donné.
    #[serde(skip_serializing_if = "Option::is_none")]
    en_court: Option<String>,
}

/// A typed value that serializes as the machine string `$format` writes, or, inside
/// [`written`], as its written form: typed data keeps the number or the day.
macro_rules! machine_string {
    ($(#[$doc:meta])* $name:ident($inner:ty) = $format:ident, $written:ident, $form:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name(pub $inner);

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match MODE.get() {
                    Mode::Written { english } => {
                        let form: fn($inner, bool) -> $written = $form;
                        form(self.0, english).serialize(s)
                    }
                    Mode::Machine => s.serialize_str(&$format(self.0)),
                }
            }
        }

        /// The schema of what templates receive (the published one is the template data's).
        impl JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $written::schema_name()
            }
            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $written::json_schema(generator)
            }
        }
    };
}

machine_string!(
    /// An amount, written as [`money`] writes it (`"1234.50"`), or for templates as `Montant`.
    Money(Decimal) = money, WrittenMoney, |v, english| WrittenMoney {
        texte: super::typeset::euros(v),
        court: super::typeset::euros(v).replacen(",00\u{a0}", "\u{a0}", 1),
        en: english.then(|| super::english::money(v)),
        nul: v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero).is_zero(),
    }
);
machine_string!(
    /// A day, written as [`iso`] writes it (`"2026-09-02"`), or for templates as `Jour`.
    Day(NaiveDate) = iso, WrittenDay, |d, english| WrittenDay {
        texte: super::typeset::date(d),
        court: super::date_short(d),
        en: english.then(|| super::english::typeset_date(d)),
        en_court: english.then(|| super::english::table_date(d)),
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn machine_strings_outside_templates_written_forms_inside() {
        let day = Day(NaiveDate::from_ymd_opt(2025, 7, 1).expect("date"));
        let amount = Money(dec!(-1234.5));
        assert_eq!(serde_json::to_value(day).expect("json"), "2025-07-01");
        assert_eq!(serde_json::to_value(amount).expect("json"), "-1234.50");
        let french = written(false, || serde_json::to_value(day)).expect("json");
        assert_eq!(french.as_object().map(|o| o.len()), Some(2), "{french}");
        let day = written(true, || serde_json::to_value(day)).expect("json");
        assert_eq!(day["texte"], "1er\u{a0}juillet 2025");
        assert_eq!(day["court"], "01/07/2025");
        assert_eq!(day["en"], "1\u{a0}July 2025");
        assert_eq!(day["en_court"], "1\u{a0}Jul\u{a0}2025");
        let french = written(false, || serde_json::to_value(amount)).expect("json");
        assert_eq!(french.get("en"), None);
        let amount = written(true, || serde_json::to_value(amount)).expect("json");
        assert_eq!(amount["texte"], "-1\u{202f}234,50\u{a0}€");
        assert_eq!(amount["en"], "-€1,234.50");
        assert_eq!(amount["court"], amount["texte"]);
        let round = written(false, || serde_json::to_value(Money(dec!(5000)))).expect("json");
        assert_eq!(round["court"], "5\u{202f}000\u{a0}€");
        assert_eq!(amount["nul"], false);
        assert_eq!(written(false, || serde_json::to_value(Money(dec!(0)))).expect("json")["nul"], true);
        // The flag ends with the call.
        assert_eq!(serde_json::to_value(Money(dec!(0))).expect("json"), "0.00");
    }
}
