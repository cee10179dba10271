//! French typography in every generated document of every sample (issue 13, point 13): no
//! « (e) », curly apostrophes only, « L. 441-10 » with a space, « 40 € » and never « 40 euros »,
//! thousands grouped in amounts. Built through the binary; the text is what a reader copies.

use crate::legal_support::{built_by_binary, generated_documents, text_of};
use crate::support::sample_names;

/// What breaks a rule in `text`, one line per problem; `english`: a letter in English, where no
/// space goes before « : » (its note in French keeps its own, so the spacing rule is left out).
fn problems_in(text: &str, english: bool) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let around = |i: usize| -> String {
        let from = i.saturating_sub(30);
        chars[from..(i + 30).min(chars.len())].iter().collect::<String>().replace('\n', " ")
    };
    for (i, &c) in chars.iter().enumerate() {
        let next = |k: usize| chars.get(i + k).copied();
        let prev = |k: usize| i.checked_sub(k).and_then(|j| chars.get(j)).copied();
        if c == '\'' {
            out.push(format!("apostrophe droite : « {} »", around(i)));
        }
        if c == '(' && matches!((next(1), next(2)), (Some('e'), Some(')')) | (Some('s'), Some(')'))) {
            out.push(format!("accord entre parenthèses : « {} »", around(i)));
        }
        // A space (thin or not) before « ; : ! ? » and inside guillemets; « https: » and « 14:30 » aside.
        if !english
            && matches!(c, ';' | ':' | '!' | '?')
            && prev(1).is_some_and(char::is_alphanumeric)
            && !(c == ':' && (next(1) == Some('/') || next(1).is_some_and(|d| d.is_ascii_digit())))
        {
            out.push(format!("espace manquante avant « {c} » : « {} »", around(i)));
        }
        if (c == '«' && next(1).is_some_and(|n| !n.is_whitespace()))
            || (c == '»' && prev(1).is_some_and(|p| !p.is_whitespace()))
        {
            out.push(format!("espace manquante dans les guillemets : « {} »", around(i)));
        }
        // L.441-10, R.125-1, D.441-5: an article number right after the dot.
        if c == '.'
            && matches!(prev(1), Some('L' | 'R' | 'D'))
            && !prev(2).is_some_and(char::is_alphanumeric)
            && next(1).is_some_and(|d| d.is_ascii_digit())
        {
            out.push(format!("article sans espace : « {} »", around(i)));
        }
        // An amount: digits, a comma, two digits; four digits or more in a row before the comma.
        let decimal_mark = if english { '.' } else { ',' };
        if c == decimal_mark
            && next(1).is_some_and(|d| d.is_ascii_digit())
            && next(2).is_some_and(|d| d.is_ascii_digit())
        {
            let run = (1..).take_while(|&k| prev(k).is_some_and(|d| d.is_ascii_digit())).count();
            if run >= 4 {
                out.push(format!("milliers non séparés : « {} »", around(i)));
            }
        }
    }
    // « 40 euros »: a number followed by the word.
    let words: Vec<&str> = text.split_whitespace().collect();
    for pair in words.windows(2) {
        if pair[0].chars().all(|c| c.is_ascii_digit() || c == ',')
            && pair[1].trim_end_matches([',', '.', ')']) == "euros"
        {
            out.push(format!("montant en toutes lettres « {} {} » : écrire « € »", pair[0], pair[1]));
        }
    }
    out
}

fn problems(text: &str) -> Vec<String> {
    problems_in(text, false)
}

/// The letters of a sample whose debtor reads English (`langue: en`) are in English.
fn is_english_letter(sample: &str, file: &str) -> bool {
    let case = std::fs::read_to_string(crate::support::sample(sample)).unwrap_or_default();
    case.contains("\n  langue: en\n") && (file.contains("mise-en-demeure") || file.contains("relance"))
}

#[test]
fn the_typography_scanner_finds_each_fault() {
    assert!(problems("Le 12 345,67 € dus à l’article L. 441-10 : 40 € ; « oui » ? https://x.fr 14:30").is_empty());
    for bad in [
        "domicilié(e)",
        "l'article",
        "article L.441-10",
        "R.125-1 CPCE",
        "12345,67 €",
        "de 40 euros.",
        "Objet: x",
        "«oui »",
        "« oui»",
        "vraiment?",
    ] {
        assert_eq!(problems(bad).len(), 1, "{bad}: {:?}", problems(bad));
    }
    assert!(problems_in("Subject: Formal notice — €12,345.67, Article L. 441-10", true).is_empty());
    for bad in ["the Bank's rate", "€12345.67 due", "40 euros", "Article L.441-10"] {
        assert_eq!(problems_in(bad, true).len(), 1, "{bad}: {:?}", problems_in(bad, true));
    }
}

#[test]
fn every_generated_document_follows_french_typography() {
    let mut faults = Vec::new();
    for sample in sample_names() {
        let dossier = built_by_binary(&sample);
        for doc in generated_documents(&dossier) {
            let name = doc.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            for p in problems_in(&text_of(&doc), is_english_letter(&sample, &name)) {
                faults.push(format!("{sample}/{name}: {p}"));
            }
        }
    }
    assert!(faults.is_empty(), "{} fautes de typographie :\n{}", faults.len(), faults.join("\n"));
}
