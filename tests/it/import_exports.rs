//! `recouvre import balance` on exports shaped the way French accounting software writes them
//! (Sage 100 flat and grouped, EBP, Odoo, Pennylane, an .xlsx workbook), all written here: each
//! debtor's imported claim equals the export's own total to the cent, a payment on account
//! without invoice number is kept, and a difference is an error naming both figures.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::support::{recouvre, root};

fn creditor_file() -> PathBuf {
    root().join("tests/fixtures/import/creancier.yaml")
}

fn cents(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

/// Runs `recouvre import balance FILE -o OUT --creancier …`: exit code, stdout, stderr.
fn import(file: &Path, out: &Path) -> (i32, String, String) {
    let run = recouvre()
        .args(["import", "balance"])
        .arg(file)
        .arg("-o")
        .arg(out)
        .arg("--creancier")
        .arg(creditor_file())
        .output()
        .expect("run");
    (
        run.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&run.stdout).into_owned(),
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

/// What each written case claims (invoices − credit notes − payments), by debtor name, with
/// the payments that name no invoice.
fn claims(out: &Path) -> BTreeMap<String, (Decimal, Vec<Decimal>)> {
    let mut all = BTreeMap::new();
    for entry in std::fs::read_dir(out).expect("out") {
        let case = entry.expect("entry").path().join("case.yaml");
        if !case.is_file() {
            continue;
        }
        let loaded = recouvre::case::load(&case);
        let raw = loaded.raw.unwrap_or_else(|| panic!("{} unreadable", case.display()));
        let debtor = raw.debiteur.as_ref().and_then(|d| d.raison_sociale.clone().or(d.nom.clone())).expect("debtor");
        let invoices: Decimal = raw.factures.iter().flatten().filter_map(|f| f.montant_ttc).map(|m| m.0).sum();
        let credits: Decimal = raw.avoirs.iter().filter_map(|a| a.montant_ttc).map(|m| m.0).sum();
        let paid: Decimal = raw.paiements.iter().filter_map(|p| p.montant).map(|m| m.0).sum();
        let unallocated =
            raw.paiements.iter().filter(|p| p.facture.is_none()).filter_map(|p| p.montant).map(|m| m.0).collect();
        all.insert(debtor, (invoices - credits - paid, unallocated));
    }
    all
}

fn claim_of(claims: &BTreeMap<String, (Decimal, Vec<Decimal>)>, debtor: &str) -> Decimal {
    claims.get(debtor).unwrap_or_else(|| panic!("{debtor} in {claims:#?}")).0
}

/// Sage 100 « Balance âgée » printed flat: one row per entry, « Total <compte> » after each
/// client, a payment on account (no invoice number, by nature), a grand total.
const SAGE_FLAT: &str = "Balance âgée clients au 30/11/2026;;;;;;;;\r\n\
    N° compte tiers;Intitulé tiers;Date pièce;N° pièce;Libellé;Échéance;Montant;Non échu;Solde\r\n\
    411DUPONT;Dupont SARL;15/08/2026;FA00120;Facture FA00120;14/09/2026;4 200,00;;4 200,00\r\n\
    411DUPONT;Dupont SARL;02/09/2026;FA00135;Facture FA00135;02/10/2026;4 300,47;;4 300,47\r\n\
    411DUPONT;Dupont SARL;20/09/2026;;Acompte reçu;;-1 500,00;;-1 500,00\r\n\
    Total 411DUPONT;;;;;;7 000,47;;7 000,47\r\n\
    411MARTIN;Martin & Fils;10/10/2026;FA00151;Facture FA00151;09/11/2026;960,00;;960,00\r\n\
    Total 411MARTIN;;;;;;960,00;;960,00\r\n\
    Total général;;;;;;7 960,47;;7 960,47\r\n";

#[test]
fn sage_flat_balance_with_a_payment_on_account_reconciles_to_the_cent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("balance-agee.csv");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(SAGE_FLAT);
    std::fs::write(&csv, bytes).expect("write");
    let out = dir.path().join("dossiers");
    let (code, stdout, stderr) = import(&csv, &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("non importée"), "{stderr}");
    assert!(stdout.contains("Rapproché au centime avec les 3 total(aux)"), "{stdout}");
    let claims = claims(&out);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert_eq!(claim_of(&claims, "Dupont SARL"), cents("7000.47"));
    assert_eq!(claims["Dupont SARL"].1, [cents("1500.00")], "the payment on account is kept, on no invoice");
    assert_eq!(claim_of(&claims, "Martin & Fils"), cents("960.00"));
}

#[test]
fn a_row_dropped_makes_the_totals_differ_an_error_naming_both_figures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("balance-agee.csv");
    // The payment's date is mistyped: without it, Dupont's claim would be 1 500,00 € too high.
    std::fs::write(&csv, SAGE_FLAT.replace("20/09/2026;;Acompte", "31/09/2026;;Acompte")).expect("write");
    let out = dir.path().join("dossiers");
    let (code, _, stderr) = import(&csv, &out);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("Dupont SARL : importé 8 500,47 € ≠ 7 000,47 € selon l'export (ligne 6, « Total 411DUPONT »)"),
        "{stderr}"
    );
    assert!(stderr.contains("ligne 5 (date : date impossible « 31/09/2026 »"), "the row involved: {stderr}");
    assert!(stderr.contains("total général : importé 9 460,47 € ≠ 7 960,47 €"), "{stderr}");
    assert!(!out.join("dupont-sarl").exists(), "nothing written");
}

#[test]
fn sage_grouped_balance_debtor_on_a_heading_row_debit_and_credit_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("sage-groupee.csv");
    let text = "Compte;Intitulé;Date;N° pièce;Libellé;Échéance;Débit;Crédit;Solde\n\
        411DUPONT;Dupont SARL;;;;;;;\n\
        ;;15/08/2026;FA00120;Facture FA00120;14/09/2026;4 200,00;;4 200,00\n\
        ;;02/09/2026;FA00135;Facture FA00135;02/10/2026;4 300,47;;4 300,47\n\
        ;;20/09/2026;;Règlement acompte;;;1 500,00;-1 500,00\n\
        Total 411DUPONT;;;;;;8 500,47;1 500,00;7 000,47\n\
        411LEROY;Leroy Bâtiment;;;;;;;\n\
        ;;01/10/2026;FA00140;Facture FA00140;31/10/2026;2 400,00;400,00;2 000,00\n\
        Total 411LEROY;;;;;;2 400,00;400,00;2 000,00\n\
        Total général;;;;;;10 900,47;1 900,00;9 000,47\n";
    std::fs::write(&csv, text).expect("write");
    let out = dir.path().join("dossiers");
    let (code, stdout, stderr) = import(&csv, &out);
    assert_eq!(code, 0, "{stderr}\n{stdout}");
    let claims = claims(&out);
    assert_eq!(claim_of(&claims, "Dupont SARL"), cents("7000.47"));
    assert_eq!(claims["Dupont SARL"].1, [cents("1500.00")]);
    assert_eq!(claim_of(&claims, "Leroy Bâtiment"), cents("2000.00"));
}

#[test]
fn ebp_grouped_balance_with_client_headings_and_subtotals() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("ebp.csv");
    let text = "Échéancier clients au 30/11/2026;;;;;;\n\
        Date;N° pièce;Libellé;Échéance;Montant TTC;Réglé;Reste dû\n\
        Client : CLI001 - Boulangerie Martin;;;;;;\n\
        03/09/2026;FA-2026-0301;Pains et viennoiseries;03/10/2026;1 250,00;250,00;1 000,00\n\
        17/09/2026;FA-2026-0317;Pains et viennoiseries;17/10/2026;1 200,00;;1 200,00\n\
        Total client CLI001;;;;2 450,00;250,00;2 200,00\n\
        Client : CLI007 - Hôtel des Voyageurs;;;;;;\n\
        05/10/2026;FA-2026-0405;Séminaire;04/11/2026;3 600,00;;3 600,00\n\
        22/10/2026;AV-2026-0012;Avoir geste commercial;;-150,00;;-150,00\n\
        Total client CLI007;;;;3 450,00;;3 450,00\n\
        Total général;;;;5 900,00;250,00;5 650,00\n";
    std::fs::write(&csv, text).expect("write");
    let out = dir.path().join("dossiers");
    let (code, stdout, stderr) = import(&csv, &out);
    assert_eq!(code, 0, "{stderr}\n{stdout}");
    let claims = claims(&out);
    assert_eq!(claim_of(&claims, "Boulangerie Martin"), cents("2200.00"));
    assert_eq!(claim_of(&claims, "Hôtel des Voyageurs"), cents("3450.00"));
    assert_eq!(claims["Hôtel des Voyageurs"].1, [cents("150.00")], "the credit note as an unallocated credit");
}

#[test]
fn odoo_aged_partner_balance_heading_rows_carry_the_total() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("balance_agee_partenaires.csv");
    let text = "Balance âgée des partenaires,,,,,,,,,,,,\n\
        ,Date de facture,Date d'échéance,Montant en devise,Devise,Compte,À la date,1-30,31-60,61-90,91-120,Plus ancien,Total\n\
        Clinique du Parc,,,,,,,\"1 200,00\",\"3 000,00\",,,,\"4 200,00\"\n\
        INV/2026/00412,15/09/2026,15/10/2026,,,411100 Clients,,\"1 200,00\",,,,,\"1 200,00\"\n\
        INV/2026/00388,01/08/2026,31/08/2026,,,411100 Clients,,,\"3 000,00\",,,,\"3 000,00\"\n\
        Garage Lopez,,,,,,,,,\"780,50\",,,\"780,50\"\n\
        INV/2026/00301,01/07/2026,31/07/2026,,,411100 Clients,,,,\"780,50\",,,\"780,50\"\n\
        Total,,,,,,,\"1 200,00\",\"3 000,00\",\"780,50\",,,\"4 980,50\"\n";
    std::fs::write(&csv, text).expect("write");
    let out = dir.path().join("dossiers");
    let (code, stdout, stderr) = import(&csv, &out);
    assert_eq!(code, 0, "{stderr}\n{stdout}");
    let claims = claims(&out);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert_eq!(claim_of(&claims, "Clinique du Parc"), cents("4200.00"));
    assert_eq!(claim_of(&claims, "Garage Lopez"), cents("780.50"));
}

#[test]
fn pennylane_remaining_due_is_claimed_not_the_invoice_total() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("pennylane.csv");
    let text = "Numéro de facture;Client;Date de facturation;Date d'échéance;Montant HT;Montant TVA;Montant TTC;Montant restant dû;Statut\n\
        F-2026-0110;Studio Lumière;14/09/2026;14/10/2026;6 850,00;1 370,00;8 220,00;6 980,00;Partiellement payée\n\
        F-2026-0131;Studio Lumière;02/10/2026;01/11/2026;500,00;100,00;600,00;600,00;En retard\n\
        F-2026-0102;Agence Nord;01/09/2026;01/10/2026;1 000,00;200,00;1 200,00;0,00;Payée\n\
        F-2026-0140;Agence Nord;15/10/2026;14/11/2026;250,00;50,00;300,00;300,00;En retard\n";
    std::fs::write(&csv, text).expect("write");
    let out = dir.path().join("dossiers");
    let (code, stdout, stderr) = import(&csv, &out);
    assert_eq!(code, 0, "{stderr}\n{stdout}");
    assert!(stdout.contains("« Montant restant dû » → solde"), "the column recognised: {stdout}");
    let claims = claims(&out);
    assert_eq!(claim_of(&claims, "Studio Lumière"), cents("7580.00"), "6 980,00 + 600,00, not 8 820,00");
    assert_eq!(claim_of(&claims, "Agence Nord"), cents("300.00"));
}

/// A minimal .xlsx: a notes sheet, then the balance with real date and number cells.
fn xlsx(rows: &[Vec<Cell>]) -> Vec<u8> {
    use std::io::Write as _;
    let mut sheet = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
            match cell {
                Cell::Text(t) => sheet.push_str(&format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{t}</t></is></c>")),
                Cell::Number(n) => sheet.push_str(&format!("<c r=\"{at}\"><v>{n}</v></c>")),
                Cell::Date(serial) => sheet.push_str(&format!("<c r=\"{at}\" s=\"1\"><v>{serial}</v></c>")),
                Cell::Empty => {}
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let notes = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\
        <row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Export du 30/11/2026</t></is></c></row></sheetData></worksheet>";
    let files: [(&str, String); 7] = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
             <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
             <Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
             <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>"
                .into(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
                .into(),
        ),
        (
            "xl/workbook.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
             xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>\
             <sheet name=\"Notes\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Balance\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"
                .into(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
             <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/>\
             <Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"
                .into(),
        ),
        (
            "xl/styles.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
             <cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>"
                .into(),
        ),
        ("xl/worksheets/sheet1.xml", notes.into()),
        ("xl/worksheets/sheet2.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in files {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).expect("zip entry");
        zip.write_all(content.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

#[derive(Debug, Clone)]
enum Cell {
    Text(&'static str),
    Number(f64),
    /// An Excel day number, shown as a date by the cell's style.
    Date(u32),
    Empty,
}

#[test]
fn an_xlsx_is_read_from_its_cell_types_and_says_which_remaining_column_it_used() {
    use Cell::*;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("balance.xlsx");
    // 46280 is 15 September 2026, 46310 is 15 October 2026.
    let rows = vec![
        vec![Text("Balance clients"), Empty, Empty, Empty, Empty, Empty, Empty],
        vec![
            Text("Client"),
            Text("N° facture"),
            Text("Date"),
            Text("Échéance"),
            Text("Montant TTC"),
            Text("Solde"),
            Text("Reste dû"),
        ],
        vec![
            Text("Imprimerie Vidal"),
            Text("F-0915"),
            Date(46280),
            Date(46310),
            Number(1234.56),
            Number(1234.56),
            Number(1034.56),
        ],
        vec![
            Text("Imprimerie Vidal"),
            Text("F-0922"),
            Date(46287),
            Date(46317),
            Number(99.9),
            Number(99.9),
            Number(99.9),
        ],
        vec![Text("Total Imprimerie Vidal"), Empty, Empty, Empty, Number(1334.46), Number(1334.46), Number(1134.46)],
    ];
    std::fs::write(&file, xlsx(&rows)).expect("write");
    let out = dir.path().join("dossiers");
    let (code, stdout, stderr) = import(&file, &out);
    assert_eq!(code, 0, "{stderr}\n{stdout}");
    assert!(stdout.contains("classeur xlsx, feuille « Balance »"), "{stdout}");
    assert!(
        stdout.contains("Reste dû lu dans la colonne « Reste dû » ; aussi reconnue, non retenue : « Solde »"),
        "{stdout}"
    );
    let claims = claims(&out);
    assert_eq!(claim_of(&claims, "Imprimerie Vidal"), cents("1134.46"));
    let case = std::fs::read_to_string(out.join("imprimerie-vidal/case.yaml")).expect("case");
    assert!(case.contains("2026-09-15") && case.contains("2026-10-15"), "dates from the cells: {case}");
}

#[test]
fn without_a_header_row_the_error_names_the_columns_and_the_closest_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("export.csv");
    std::fs::write(&csv, "Relevé\nClient;Référence client;Montant\nDupont;F-1;100,00\n").expect("write");
    let (code, _, stderr) = import(&csv, &dir.path().join("out"));
    assert_eq!(code, 1);
    assert!(stderr.contains("ligne d'en-têtes introuvable"), "{stderr}");
    assert!(stderr.contains("colonnes cherchées : n° de facture"), "{stderr}");
    assert!(stderr.contains("ligne la plus proche (ligne 2) : « Client | Référence client | Montant »"), "{stderr}");
    assert!(stderr.contains("manquent : n° de facture, date"), "{stderr}");

    // A broken workbook is named as one, never printed.
    let xlsx = dir.path().join("balance.xlsx");
    std::fs::write(&xlsx, b"PK\x03\x04\x14\x00\x00\x00garbage\x00\x01\x02").expect("write");
    let (code, _, stderr) = import(&xlsx, &dir.path().join("out"));
    assert_eq!(code, 1);
    assert!(stderr.contains("classeur illisible"), "{stderr}");
    assert!(!stderr.contains("PK") && !stderr.contains('\u{FFFD}'), "{stderr}");
}

#[test]
fn balance_help_lists_every_columns_key_with_its_names() {
    let run = recouvre().args(["import", "balance", "--help"]).output().expect("run");
    assert_eq!(run.status.code(), Some(0));
    let help = String::from_utf8_lossy(&run.stdout);
    for key in [
        "client :",
        "code_client :",
        "numero :",
        "date :",
        "echeance :",
        "montant_ttc :",
        "regle :",
        "solde :",
        "siren :",
    ] {
        assert!(help.contains(&format!("  {key}")), "{key} in:\n{help}");
    }
    assert!(help.contains("montant restant du, restant du, reste du"), "{help}");
}
