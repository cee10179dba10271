//! `recouvre suivi`: the portfolio of the samples and of imported cases, its figures checked
//! against `decompte` case by case, the table's width, the CSV's conventions, failures listed.

use std::path::Path;

use serde_json::Value;

use crate::support::{recouvre, root};

const ON: &str = "2026-12-02";

fn suivi(dir: &Path, format: &str) -> (Option<i32>, String, String) {
    let run = recouvre().arg("suivi").arg(dir).args(["--au", ON, "--format", format]).output().expect("run");
    (
        run.status.code(),
        String::from_utf8_lossy(&run.stdout).into_owned(),
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

fn json(dir: &Path) -> Value {
    let (_, out, err) = suivi(dir, "json");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("JSON: {e}\n{out}\n{err}"))
}

fn decompte(case: &Path) -> Option<Value> {
    let run = recouvre().arg("decompte").arg(case).args(["--au", ON, "--format", "json"]).output().expect("run");
    run.status.success().then(|| serde_json::from_slice(&run.stdout).expect("décompte JSON"))
}

fn cents(v: &Value) -> i64 {
    let s = v.as_str().unwrap_or_else(|| panic!("amount as a string: {v}"));
    let (int, frac) = s.split_once('.').expect("two decimals");
    let sign = if int.starts_with('-') { -1 } else { 1 };
    int.parse::<i64>().expect("int") * 100 + sign * frac.parse::<i64>().expect("cents")
}

/// Every line's total and principal are those of `decompte` at the same date; overdue buckets add up to
/// the principal; a case suivi cannot read is one `decompte` refuses too.
fn check_against_decompte(dir: &Path, portfolio: &Value) -> usize {
    let rows = portfolio["dossiers"].as_array().expect("dossiers");
    for row in rows {
        let file = dir.join(row["dossier"].as_str().expect("dossier"));
        let claim = decompte(&file).unwrap_or_else(|| panic!("decompte refuses {}", file.display()));
        let reference = &row["reference"];
        assert_eq!(row["total_du"], claim["total_du"], "{reference}: total dû");
        assert_eq!(row["principal"], claim["totaux"]["principal_restant"], "{reference}: principal");
        let buckets: i64 = row["tranches"].as_object().expect("tranches").values().map(cents).sum();
        // The principal claimed is what is overdue; « non échu » is shown apart, never claimed.
        let not_due = cents(&row["tranches"]["non_echu"]);
        assert_eq!(buckets - not_due, cents(&row["principal"]), "{reference}: overdue buckets add up to the principal");
        let overdue: i64 = claim["factures"]
            .as_array()
            .expect("factures")
            .iter()
            .filter(|f| f["echeance"].as_str().is_some_and(|d| d < ON))
            .map(|f| cents(&f["principal_restant"]))
            .sum();
        assert_eq!(buckets - cents(&row["tranches"]["non_echu"]), overdue, "{reference}: overdue principal");
    }
    for failed in portfolio["echecs"].as_array().expect("echecs") {
        let file = dir.join(failed["dossier"].as_str().expect("dossier"));
        assert!(decompte(&file).is_none(), "{} fails in suivi but not in decompte", file.display());
    }
    let total: i64 = rows.iter().map(|r| cents(&r["total_du"])).sum();
    assert_eq!(total, cents(&portfolio["totaux"]["total_du"]), "total of the lines");
    let by_step: i64 =
        portfolio["totaux"]["etapes"].as_array().expect("etapes").iter().map(|s| cents(&s["total_du"])).sum();
    assert_eq!(by_step, total, "totals per step");
    rows.len()
}

#[test]
fn suivi_of_the_samples_matches_decompte_case_by_case() {
    let samples = root().join("samples");
    let portfolio = json(&samples);
    let read = check_against_decompte(&samples, &portfolio);
    assert!(read >= 5, "{portfolio:#}");
    // Every step of the samples (a déclaration de créance, a relevé de forclusion…) fits the table.
    let (_, table, _) = suivi(&samples, "table");
    let body = table.split("Cas non lus").next().unwrap_or_default();
    for line in body.lines() {
        assert!(line.chars().count() <= 100, "{} columns: {line}", line.chars().count());
    }
    assert!(body.contains("décl. de créance") && body.contains("relevé forclusion"), "{body}");
    // Late actions come first, and the line of the main sample says what to do.
    let urgencies: Vec<&str> =
        portfolio["dossiers"].as_array().expect("rows").iter().map(|r| r["urgence"].as_str().expect("u")).collect();
    let rank =
        |u: &str| ["en_retard", "aujourd_hui", "cette_semaine", "plus_tard", "aucune"].iter().position(|x| *x == u);
    assert!(urgencies.windows(2).all(|w| rank(w[0]) <= rank(w[1])), "sorted by urgency: {urgencies:?}");
    let main = portfolio["dossiers"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["reference"] == "DOS-2026-014")
        .expect("main sample");
    assert_eq!(main["etape"], "injonction_de_payer");
    assert_eq!(main["plus_ancienne_echeance"], "2026-06-11");
    assert_eq!(main["jours_de_retard"], 174);
    assert_eq!(main["urgence"], "en_retard");
}

#[test]
fn suivi_of_imported_cases_matches_decompte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("balance.csv");
    std::fs::write(
        &csv,
        "Code client;Client;N° de facture;Date;Échéance;Montant TTC;Réglé\n\
         C001;Bâtiments Martin;F-101;15/06/2026;15/07/2026;1 200,00;200,00\n\
         C001;Bâtiments Martin;F-102;01/11/2026;01/12/2026;480,00;\n\
         C001;Bâtiments Martin;F-103;10/11/2026;10/01/2027;360,00;\n\
         C002;Électricité Dupré;F-104;02/08/2026;01/09/2026;3 000,00;\n",
    )
    .expect("write");
    let tiers = dir.path().join("tiers.csv");
    std::fs::write(
        &tiers,
        "Code client;Raison sociale;Forme juridique;SIREN;Adresse;Code postal;Ville\n\
         C001;Bâtiments Martin;SAS;732829320;4 avenue Jean Jaurès;38000;Grenoble\n\
         C002;Électricité Dupré;SARL;552100554;8 rue Molière;69003;Lyon\n",
    )
    .expect("write");
    let cases = dir.path().join("dossiers");
    let run = recouvre()
        .args(["import", "balance"])
        .arg(&csv)
        .arg("-o")
        .arg(&cases)
        .arg("--tiers")
        .arg(&tiers)
        .arg("--creancier")
        .arg(root().join("tests/fixtures/import/creancier.yaml"))
        .output()
        .expect("import");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let portfolio = json(&cases);
    assert_eq!(check_against_decompte(&cases, &portfolio), 2, "{portfolio:#}");
    let martin = portfolio["dossiers"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["debiteur"] == "Bâtiments Martin")
        .expect("Martin");
    // F-101 is 140 days late, F-102 one day, F-103 not due.
    assert_eq!(martin["tranches"]["plus_90"], "1000.00");
    assert_eq!(martin["tranches"]["j1_30"], "480.00");
    assert_eq!(martin["tranches"]["non_echu"], "360.00");
    assert_eq!(martin["plus_ancienne_echeance"], "2026-07-15");
}

#[test]
fn table_fits_100_columns_csv_is_for_french_spreadsheets_and_failures_are_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let base = std::fs::read_to_string(root().join("tests/fixtures/valid/minimal.yaml")).expect("fixture");
    for (i, name) in ["Société Générale des Bâtiments et Travaux Publics du Sud-Est", "Dupré; fils"].iter().enumerate()
    {
        let folder = dir.path().join(format!("c{i}"));
        std::fs::create_dir_all(&folder).expect("mkdir");
        let text = base.replace("reference: TEST-001", &format!("reference: SUIVI-{i}"));
        let text = text.replace("raison_sociale: Débiteur Test", &format!("raison_sociale: \"{name}\""));
        std::fs::write(folder.join("case.yaml"), text).expect("write");
    }
    std::fs::create_dir_all(dir.path().join("casse")).expect("mkdir");
    std::fs::write(dir.path().join("casse/case.yaml"), base.replace("echeance: 2026-10-01", "echeance: 2026-10-32"))
        .expect("write");

    let (code, table, _) = suivi(dir.path(), "table");
    assert_eq!(code, Some(2), "a case not read is listed, the others shown, exit code 2:\n{table}");
    let (body, failures) = table.split_once("Cas non lus (1) :").expect("failures listed");
    assert!(failures.contains("casse/case.yaml") && failures.contains("2026-10-32"), "{failures}");
    for line in body.lines() {
        assert!(line.chars().count() <= 100, "{} columns: {line}", line.chars().count());
    }
    assert!(body.contains("SUIVI-0") && body.contains("SUIVI-1"), "{body}");
    assert!(body.contains("Ancienneté du principal restant") && body.contains("Par étape"), "{body}");

    let (_, csv, stderr) = suivi(dir.path(), "csv");
    assert!(stderr.contains("casse/case.yaml"), "failures on stderr: {stderr}");
    assert!(csv.starts_with("\u{feff}dossier;reference;debiteur;total_du;"), "BOM and `;`: {csv}");
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3, "header and two cases: {csv}");
    let portfolio = json(dir.path());
    for row in portfolio["dossiers"].as_array().expect("rows") {
        let total = row["total_du"].as_str().expect("total").replace('.', ",");
        let line = lines.iter().find(|l| l.contains(row["reference"].as_str().expect("ref"))).expect("csv line");
        assert!(line.contains(&format!(";{total};")), "decimal comma {total}: {line}");
        assert!(line.contains(";01/10/2026;"), "dates JJ/MM/AAAA: {line}");
    }
}

/// The value of attribute `name` in the first tag of `line`.
fn attr<'a>(line: &'a str, name: &str) -> &'a str {
    let start = line.find(&format!(" {name}=\"")).unwrap_or_else(|| panic!("{name} in {line}")) + name.len() + 3;
    let end = line[start..].find('"').expect("closing quote");
    &line[start..start + end]
}

fn euros(json_amount: &Value) -> String {
    let d: rust_decimal::Decimal = json_amount.as_str().expect("amount").parse().expect("decimal");
    recouvre::format::euros(d)
}

#[test]
fn html_page_is_self_contained_and_shows_the_figures_of_the_json() {
    let samples = root().join("samples");
    let (code, html, _) = suivi(&samples, "html");
    assert!(code.is_some(), "{html}");
    let portfolio = json(&samples);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"fr\">"));
    for outside in ["http://", "https://", "<link", " src=", "@import", "url("] {
        assert!(!html.contains(outside), "the page reaches outside: {outside}");
    }
    assert!(
        html.contains("<div class=\"chart\">")
            && html.contains("<svg viewBox")
            && html.contains("<script>")
            && html.contains("id=\"filtre\"")
    );
    let totals = &portfolio["totaux"];
    assert!(html.contains(&format!("id=\"kpi-total-du\">{}<", euros(&totals["total_du"]))), "total in the header");
    assert!(html.contains(&format!("id=\"kpi-dossiers\">{}<", totals["dossiers"])), "count in the header");
    for (key, amount) in totals["tranches"].as_object().expect("tranches") {
        let line = html.lines().find(|l| l.starts_with(&format!("<li data-tranche=\"{key}\""))).expect("legend");
        assert_eq!(attr(line, "data-montant"), amount.as_str().expect("amount"), "bucket {key}");
        assert!(line.contains(&euros(amount)), "{line}");
    }
    for step in totals["etapes"].as_array().expect("etapes") {
        let code = step["etape"].as_str().expect("code");
        let line = html.lines().find(|l| l.starts_with(&format!("<tr data-etape=\"{code}\""))).expect("step line");
        assert_eq!(attr(line, "data-total"), step["total_du"].as_str().expect("total"));
        assert_eq!(attr(line, "data-dossiers"), step["dossiers"].to_string());
        assert!(line.contains(&euros(&step["total_du"])), "{line}");
    }
    let rows: Vec<&str> = html.lines().filter(|l| l.starts_with("<tr id=\"cas-")).collect();
    let json_rows = portfolio["dossiers"].as_array().expect("rows");
    assert_eq!(rows.len(), json_rows.len());
    for (line, row) in rows.iter().zip(json_rows) {
        assert_eq!(attr(line, "data-ref"), row["reference"].as_str().expect("ref"), "same order as the JSON");
        assert_eq!(attr(line, "data-total"), row["total_du"].as_str().expect("total"));
        assert_eq!(attr(line, "data-principal"), row["principal"].as_str().expect("principal"));
        assert_eq!(attr(line, "data-plus-90"), row["tranches"]["plus_90"].as_str().expect("> 90"));
        assert_eq!(attr(line, "data-urgence"), row["urgence"].as_str().expect("urgence"));
        assert!(line.contains(&euros(&row["total_du"])) && line.contains(&euros(&row["principal"])), "{line}");
    }
    let late = totals["agenda"]["en_retard"].as_u64().expect("late");
    let agenda = html.split("<section id=\"anciennete\">").next().expect("agenda first");
    let late_list = agenda.split("<div class=\"day aujourd_hui\">").next().expect("late column");
    assert_eq!(late_list.matches("<li data-ref=").count() as u64, late, "late actions in the agenda");
}

#[test]
fn html_links_each_case_to_its_latest_built_dossier() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("sortie");
    let case = crate::support::sample("relances-en-cours");
    let run = recouvre().arg("build").arg(&case).arg("-o").arg(&out).output().expect("build");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let folder = case.parent().expect("folder");
    let run = recouvre()
        .arg("suivi")
        .arg(folder)
        .args(["--au", ON, "--format", "html", "--construits"])
        .arg(&out)
        .output()
        .expect("suivi");
    let html = String::from_utf8_lossy(&run.stdout);
    let line = html.lines().find(|l| l.starts_with("<tr id=\"cas-")).expect("row");
    assert!(line.contains("<a href=\"file:///") && line.contains(">IMP-2026-118</a>"), "{line}");
    let (_, json_text, _) = suivi(folder, "json");
    let portfolio: Value = serde_json::from_str(&json_text).expect("json");
    assert!(portfolio["dossiers"][0]["dossier_construit"].is_null(), "no link without --construits");
}

#[test]
fn a_relance_to_send_is_dated_from_the_last_one_or_from_the_first_due_date() {
    // IMP-2026-118: relance n° 1 by email on 20 October, so n° 2 was due 15 days later; without
    // it, n° 1 was due 5 days after the first due date (30 September). Both are late on 2 December.
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = root().join("samples/relances-en-cours");
    crate::support::copy_tree(&sample, &dir.path().join("avec-relance"));
    crate::support::copy_tree(&sample, &dir.path().join("sans-relance"));
    let case = dir.path().join("sans-relance/case.yaml");
    let text = std::fs::read_to_string(&case).expect("read case");
    let first = "relances:\n  - date: 2026-10-20\n    canal: email\n    interlocuteur: M. Marc Aubert\n    \
                 resume: Rappel amiable de la facture IL-2026-0931 échue\n    reponse: Aucune réponse\n";
    assert!(text.contains(first), "the sample's relance changed:\n{text}");
    let text = text.replace(first, "").replace("reference: IMP-2026-118", "reference: IMP-2026-118-B");
    std::fs::write(&case, text).expect("write case");

    let portfolio = json(dir.path());
    let row = |reference: &str| {
        portfolio["dossiers"]
            .as_array()
            .expect("dossiers")
            .iter()
            .find(|r| r["reference"] == reference)
            .unwrap_or_else(|| panic!("{reference} in {portfolio:#}"))
            .clone()
    };
    let second = row("IMP-2026-118");
    assert_eq!((&second["action"], &second["date_action"]), (&"relance n° 2 à envoyer".into(), &"2026-11-04".into()));
    assert_eq!(second["urgence"], "en_retard");
    let first = row("IMP-2026-118-B");
    assert_eq!((&first["action"], &first["date_action"]), (&"relance n° 1 à envoyer".into(), &"2026-10-05".into()));
    assert_eq!(first["urgence"], "en_retard");
}

#[test]
fn each_sample_s_next_action_and_its_date() {
    // What a credit controller reads first, line by line: the step, the action, its date and urgency.
    let portfolio = json(&root().join("samples"));
    let lines: Vec<String> = portfolio["dossiers"]
        .as_array()
        .expect("dossiers")
        .iter()
        .map(|r| {
            let date = r["date_action"].as_str().unwrap_or("—");
            format!("{} | {} | {} | {date} | {}", r["reference"], r["etape"], r["action"], r["urgence"])
        })
        .collect();
    insta::assert_snapshot!("suivi_samples_actions", lines.join("\n"));
}
