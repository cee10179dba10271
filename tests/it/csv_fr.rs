//! `--format csv` for a French spreadsheet (issue 12, What 8), through the binary and parsed
//! back: UTF-8 with BOM, `;`, decimal comma, JJ/MM/AAAA, CRLF — the décompte and the batch
//! report; their figures are those of the JSON (the machine format).

use rust_decimal::Decimal;
use serde_json::Value;

use crate::support::{recouvre, root, sample};

/// The rows of a French CSV, header first, after checking its BOM and line ends.
fn rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let body = text.strip_prefix('\u{feff}').unwrap_or_else(|| panic!("no byte-order mark: {text}"));
    assert!(!body.replace("\r\n", "").contains('\n'), "CRLF line ends only: {body:?}");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(body.as_bytes());
    reader.records().map(|r| r.expect("CSV row").iter().map(str::to_string).collect()).collect()
}

/// `1234,50` as a French spreadsheet reads it; a point is refused (it would be text there).
fn number(cell: &str) -> Decimal {
    assert!(!cell.contains('.') && !cell.contains(' '), "decimal comma, no separator: {cell:?}");
    cell.replace(',', ".").parse().unwrap_or_else(|e| panic!("{cell:?}: {e}"))
}

fn json_amount(v: &Value) -> Decimal {
    v.as_str().expect("amount").parse().expect("decimal")
}

#[test]
fn decompte_csv_opens_in_a_french_spreadsheet_with_the_figures_of_the_json() {
    let case = sample("atelier-dupont");
    let csv = recouvre().arg("decompte").arg(&case).args(["--format", "csv"]).output().expect("run");
    assert!(csv.status.success(), "{}", String::from_utf8_lossy(&csv.stderr));
    let json = recouvre().arg("decompte").arg(&case).args(["--format", "json"]).output().expect("run");
    let json: Value = serde_json::from_slice(&json.stdout).expect("JSON");

    let rows = rows(&csv.stdout);
    assert_eq!(rows[0], ["facture", "type", "du", "au", "jours", "base", "taux", "montant"]);
    let body = &rows[1..];
    assert!(body.iter().all(|r| r.len() == 8), "8 cells a row: {body:?}");
    // Each invoice's rows add up to its total row, which is the JSON's.
    for invoice in json["factures"].as_array().expect("factures") {
        let number_of = invoice["numero"].as_str().expect("numero");
        let own: Vec<&Vec<String>> = body.iter().filter(|r| r[0] == number_of).collect();
        let (total, parts): (Vec<&&Vec<String>>, Vec<&&Vec<String>>) = own.iter().partition(|r| r[1] == "total");
        let sum: Decimal = parts.iter().map(|r| number(&r[7])).sum();
        assert_eq!(number(&total[0][7]), sum, "{number_of}: rows add up to the total");
        assert_eq!(sum, json_amount(&invoice["total"]), "{number_of}: the JSON's total");
        let principal = own.iter().find(|r| r[1] == "principal").expect("principal row");
        let due = chrono::NaiveDate::parse_from_str(&principal[3], "%d/%m/%Y").expect("JJ/MM/AAAA");
        assert_eq!(due.to_string(), invoice["echeance"].as_str().expect("echeance"));
        for r in own.iter().filter(|r| r[1] == "interets") {
            number(&r[5]);
            assert!(r[6].contains(',') || r[6].chars().all(|c| c.is_ascii_digit()), "rate {r:?}");
        }
    }
    let grand = body.last().expect("grand total");
    assert_eq!((grand[0].as_str(), grand[1].as_str()), ("", "total"));
    assert_eq!(number(&grand[7]), json_amount(&json["totaux"]["total_du"]));
}

#[test]
fn batch_report_csv_opens_in_a_french_spreadsheet_with_the_figures_of_the_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = dir.path().join("clients");
    let base = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.yaml")).expect("fixture");
    for (i, debtor) in ["Dupré; fils", "Martin \"et\" associés"].iter().enumerate() {
        let folder = cases.join(format!("c{i}"));
        std::fs::create_dir_all(&folder).expect("mkdir");
        let text = base
            .replace("reference: TEST-001", &format!("reference: CSV-{i}"))
            .replace("raison_sociale: Débiteur Test", &format!("raison_sociale: '{debtor}'"));
        std::fs::write(folder.join("case.yaml"), text).expect("write");
    }
    let out = dir.path().join("sortie");
    let run = recouvre().arg("batch").arg(&cases).arg("-o").arg(&out).output().expect("run");
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let report: Value =
        serde_json::from_slice(&std::fs::read(out.join("batch-report.json")).expect("json")).expect("JSON");
    let rows = rows(&std::fs::read(out.join("batch-report.csv")).expect("csv"));
    assert_eq!(
        rows[0],
        ["dossier", "reference", "statut", "etape", "total_du", "fichiers", "duree_ms", "avertissements", "erreurs"]
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    for line in report["dossiers"].as_array().expect("dossiers") {
        let row = rows.iter().find(|r| r[1] == line["reference"].as_str().expect("reference")).expect("row");
        assert_eq!(row[0], line["dossier"].as_str().expect("dossier"));
        assert_eq!(row[2], "construit");
        assert_eq!(number(&row[4]), json_amount(&line["total_du"]));
        let warnings: Vec<&str> =
            line["avertissements"].as_array().expect("warnings").iter().map(|w| w.as_str().unwrap_or("")).collect();
        assert_eq!(row[7], warnings.join(" | ").replace(['\r', '\n'], " "), "warnings in one cell");
    }
}
