use super::*;
use rust_decimal_macros::dec;

fn d(iso: &str) -> NaiveDate {
    iso.parse().expect("an ISO date")
}

#[test]
fn csv_rows_with_header_comment_and_semicolons() {
    let text = "# verifie_jusqu_au: 2026-07-15\ntype,debut,taux,categorie\nlegal,2026-07-01,2.85,autre\n\nbce;2026-06-11;2.00;\n";
    let rates = parse(text, Path::new("taux.csv")).expect("valid");
    assert_eq!(rates.checked_until, Some(d("2026-07-15")));
    assert_eq!(
        rates.rows,
        vec![
            Row { kind: RowKind::Legal(LegalRateCategory::Autre), start: d("2026-07-01"), rate: dec!(2.85) },
            Row { kind: RowKind::Ecb, start: d("2026-06-11"), rate: dec!(2.00) },
        ]
    );
}

#[test]
fn csv_problems_are_located() {
    let text =
        "legal,2026-07-02,2.85,autre\nlegal,2026-07-01,abc,autre\nbce,2026-06-11,2.00,autre\nlegal,2026-07-01,2.85\n";
    let problems = parse(text, Path::new("t.csv")).expect_err("invalid");
    let lines: Vec<u32> = problems.iter().map(|d| d.pos.line).collect();
    assert_eq!(lines, vec![1, 2, 3, 4]);
    assert_eq!(problems[1].pos.column, 18);
    assert!(problems.iter().all(|p| p.file == Path::new("t.csv")));
}

#[test]
fn yaml_rows() {
    let text = "verifie_jusqu_au: 2026-07-15\ntaux:\n  - { type: legal, debut: 2026-07-01, categorie: particulier, taux: 6.72 }\n  - { type: bce, debut: 2026-06-11, taux: \"2.00\" }\n";
    let rates = parse(text, Path::new("taux.yaml")).expect("valid");
    assert_eq!(rates.rows.len(), 2);
    assert_eq!(rates.rows[0].rate, dec!(6.72));
    assert_eq!(rates.checked_until, Some(d("2026-07-15")));
    let bad = "taux:\n  - { type: legal, debut: 2026-07-01, taux: \"2.85\", cat: autre }\n";
    let problems = parse(bad, Path::new("taux.yml")).expect_err("invalid");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().all(|p| p.pos.line == 2));
}

#[test]
fn unknown_extension() {
    assert!(parse("", Path::new("taux.txt")).is_err());
}

/// The messages of a text that must be refused, in order.
fn refused(text: &str) -> Vec<String> {
    parse(text, Path::new("taux.csv")).expect_err(text).into_iter().map(|p| p.message).collect()
}

/// The one row of a text that must be accepted.
fn one_row(text: &str) -> Row {
    let rates = parse(text, Path::new("taux.csv")).expect(text);
    assert_eq!(rates.rows.len(), 1, "{text}");
    rates.rows[0].clone()
}

/// A file of exactly 1 Mio is read; one byte more and it is refused as too big, not read in part.
#[test]
fn a_file_of_one_mebibyte_is_read_one_byte_more_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let row = "legal,2026-07-01,2.85,autre\n";
    let sized = |size: u64| {
        let padding = usize::try_from(size).expect("size") - row.len() - 2;
        format!("{row}#{}\n", "x".repeat(padding))
    };
    let path = dir.path().join("taux.csv");
    std::fs::write(&path, sized(MAX_BYTES)).expect("write");
    assert_eq!(std::fs::metadata(&path).expect("size").len(), 1024 * 1024);
    let rates = read(&path).expect("1 Mio is accepted");
    assert_eq!(
        rates.rows,
        vec![Row { kind: RowKind::Legal(LegalRateCategory::Autre), start: d("2026-07-01"), rate: dec!(2.85) }]
    );
    std::fs::write(&path, sized(MAX_BYTES + 1)).expect("write");
    let problems = read(&path).expect_err("1 Mio + 1 byte");
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(messages, ["fichier de taux illisible : plus de 1 Mo"]);
}

/// A row has four cells at most: five or six are refused with their count; the last cell of an
/// ECB row (its empty category) may be left out with its comma.
#[test]
fn a_row_has_at_most_four_cells() {
    assert_eq!(one_row("bce,2026-06-11,2.00\n"), Row { kind: RowKind::Ecb, start: d("2026-06-11"), rate: dec!(2.00) });
    assert_eq!(refused("legal,2026-07-01,2.85,autre,x\n"), ["ligne 1 : 5 colonnes au lieu de 4"]);
    assert_eq!(refused("legal,2026-07-01,2.85,autre,x,y\n"), ["ligne 1 : 6 colonnes au lieu de 4"]);
}

/// A row with a comma is cut at commas, even when it also holds a semicolon (a decimal typed
/// « 2;85 »): the rate is what is wrong, at its own column; the spaces before a cell are not its
/// column.
#[test]
fn cells_are_cut_at_commas_first_and_located_after_their_spaces() {
    let problems = parse("legal,2026-07-01,2;85,autre\n", Path::new("t.csv")).expect_err("2;85");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].message, "taux invalide « 2;85 »");
    assert_eq!((problems[0].pos.line, problems[0].pos.column), (1, 18));
    let problems = parse("legal,  2026-07-32, 2.85, autre\n", Path::new("t.csv")).expect_err("32 July");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].message, "date de début invalide « 2026-07-32 »");
    assert_eq!((problems[0].pos.line, problems[0].pos.column), (1, 9));
}

/// Only « legal » (« légal », any case) and « bce » are types of rate.
#[test]
fn an_unknown_type_of_rate_is_refused() {
    assert_eq!(refused("euribor,2026-07-01,2.85,autre\n"), ["type de taux inconnu « euribor »"]);
    assert_eq!(one_row("Légal,2026-07-01,2.85,autre\n").kind, RowKind::Legal(LegalRateCategory::Autre));
}

/// A rate is from 0 to 100 inclusive, with four decimals at most (trailing zeros do not count).
#[test]
fn a_rate_is_from_0_to_100_with_four_decimals_at_most() {
    for (text, rate) in [("0", dec!(0)), ("100", dec!(100)), ("2.8512", dec!(2.8512)), ("2.850000", dec!(2.85))] {
        assert_eq!(one_row(&format!("bce,2026-06-11,{text},\n")).rate, rate, "{text}");
    }
    for text in ["-1", "-0.01", "100.01"] {
        assert_eq!(refused(&format!("bce,2026-06-11,{text},\n")), [format!("taux hors limites « {text} »")]);
    }
    assert_eq!(refused("bce,2026-06-11,2.85123,\n"), ["taux « 2.85123 » : plus de quatre décimales"]);
}

/// A row refused is not kept: the same date again is that row's own problem, not a duplicate.
#[test]
fn a_refused_row_does_not_count_as_a_first_one() {
    let problems = refused("legal,2026-07-02,2.85,autre\nlegal,2026-07-02,2.85,autre\n");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().all(|p| p.contains("n'ouvre pas un semestre")), "{problems:?}");
    let duplicate = refused("bce,2026-06-11,2.00,\nbce,2026-06-11,2.10,\n");
    assert_eq!(duplicate, ["taux en double pour le 2026-06-11"]);
}
