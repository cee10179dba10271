//! Writing YAML text by hand: scalars quoted only when they must be, so the file reads like the
//! samples and every value comes back from the loader exactly as written.

use std::fmt::Write;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

/// Column where trailing comments start, when the line is shorter.
const COMMENT_COLUMN: usize = 40;

/// A text value: plain when YAML reads it back as the same string, else double-quoted.
pub fn text(s: &str) -> String {
    if is_plain_safe(s) { s.to_string() } else { quoted(s) }
}

/// Always double-quoted, with escapes: for identifiers made of digits (`"526018155"`).
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `"1234.50"`: an amount as the loader wants it (string, point, two decimals).
pub fn amount(value: Decimal) -> String {
    let rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    format!("\"{rounded:.2}\"")
}

pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s || s.len() > 200 {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`~".contains(first) || first.is_ascii_digit() || first == '+' || first == '.' {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    if s.chars().any(|c| {
        c.is_control()
            || matches!(c, ',' | '[' | ']' | '{' | '}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{a0}' | '\u{85}')
    }) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    !matches!(lower.as_str(), "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "nan" | "inf")
}

/// A YAML document built line by line.
#[derive(Debug, Default)]
pub struct Lines {
    out: String,
}

impl Lines {
    /// `text` at `indent` spaces, with an optional trailing comment.
    pub fn line(&mut self, indent: usize, text: &str, comment: Option<&str>) {
        let start = self.out.len();
        for _ in 0..indent {
            self.out.push(' ');
        }
        self.out.push_str(text);
        if let Some(comment) = comment.filter(|c| !c.is_empty()) {
            let width = self.out[start..].chars().count();
            let pad = if width < COMMENT_COLUMN { COMMENT_COLUMN - width } else { 2 };
            for _ in 0..pad {
                self.out.push(' ');
            }
            self.out.push_str("# ");
            self.out.push_str(&one_line(comment));
        }
        self.out.push('\n');
    }

    /// A comment line.
    pub fn comment(&mut self, indent: usize, text: &str) {
        self.line(indent, &format!("# {}", one_line(text)), None);
    }

    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Comments are one line: breaks become spaces.
fn one_line(text: &str) -> String {
    text.split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(text("LE CLIENT"), "LE CLIENT");
        assert_eq!(text("35 rue d'ici"), "\"35 rue d'ici\"");
        assert_eq!(text("Rue: bis"), "\"Rue: bis\"");
        assert_eq!(text("null"), "\"null\"");
        assert_eq!(text("a, b"), "\"a, b\"");
        assert_eq!(text("- x"), "\"- x\"");
        assert_eq!(text(""), "\"\"");
        assert_eq!(quoted("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
        assert_eq!(amount(Decimal::new(10490, 2)), "\"104.90\"");
        assert_eq!(amount(Decimal::new(12, 0)), "\"12.00\"");
    }

    fn read_back(written: &str) -> Option<String> {
        let node = crate::case::yaml::parse(&format!("k: {written}\nl: [{written}]\n")).ok()?;
        let crate::case::yaml::NodeKind::Map(entries) = node.kind else { return None };
        let as_text = |n: &crate::case::yaml::Node| match &n.kind {
            crate::case::yaml::NodeKind::Str(s) => Some(s.clone()),
            _ => None,
        };
        let block = as_text(&entries.first()?.1)?;
        let crate::case::yaml::NodeKind::Seq(items) = &entries.get(1)?.1.kind else { return None };
        let flow = as_text(items.first()?)?;
        (block == flow).then_some(block)
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_back_as_written(s in "\\PC*|[ -~]{0,12}|[\\t\\n\\r\\u{85}\\u{2028}\\u{feff}a:#,{}\"' -]{0,8}") {
            proptest::prop_assert_eq!(read_back(&text(&s)), Some(s.clone()));
            proptest::prop_assert_eq!(read_back(&quoted(&s)), Some(s));
        }
    }
}
