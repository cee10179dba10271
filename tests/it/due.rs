//! Nothing claimed before it is due, and no step backwards (issue 12, items 1 and 2), through
//! the binary, reading the PDFs back.

use std::path::{Path, PathBuf};

use crate::support::{pdf_text, recouvre, squash};

const HEAD: &str = r#"version: 1
reference: ECH-2026-001
date_calcul: 2026-11-23
lieu_signature: Lyon
creancier:
  type: societe
  raison_sociale: Imprimerie Lumière
  forme_juridique: SAS
  siren: "000912360"
  rcs: Lyon
  adresse: { lignes: ["8 quai Saint-Vincent"], code_postal: "69001", ville: Lyon }
  representant: { nom: Hélène Roussel, qualite: présidente }
  iban: FR7610107001750002045678930
debiteur:
  type: societe
  raison_sociale: Café des Arts
  forme_juridique: SARL
  siren: "000912378"
  rcs: Lyon
  adresse: { lignes: ["27 cours Émile Zola"], code_postal: "69100", ville: Villeurbanne }
conditions: { taux_penalites: null, indemnite_forfaitaire: true, source: facture }
"#;

const DUE: &str = r#"  - { numero: IL-2026-0931, date: 2026-08-31, echeance: 2026-09-30, montant_ht: "1450.00", montant_tva: "290.00", montant_ttc: "1740.00" }
"#;
const NOT_DUE: &str = r#"  - { numero: IL-2026-1299, date: 2026-11-14, echeance: 2026-12-14, montant_ht: "6481.00", montant_tva: "1296.20", montant_ttc: "7777.20" }
"#;
const NOTICE: &str = r#"mise_en_demeure: { date: 2026-10-05, delai_jours: 8, envoi: lrar, date_reception: 2026-10-07 }
"#;
const COURT: &str =
    "procedure: { type: injonction_de_payer, juridiction: { type: tribunal_de_commerce, ville: Lyon } }\n";

fn case(dir: &Path, invoices: &[&str], rest: &[&str]) -> PathBuf {
    let mut text = format!("{HEAD}factures:\n");
    for i in invoices {
        text.push_str(i);
    }
    for r in rest {
        text.push_str(r);
    }
    let path = dir.join("case.yaml");
    std::fs::write(&path, text).expect("write case");
    path
}

/// Every PDF of the built folder, as text, with its name.
fn built_texts(out: &Path) -> Vec<(String, String)> {
    let dir = out.join("ECH-2026-001");
    let mut texts = Vec::new();
    for entry in walk(&dir) {
        if entry.extension().is_some_and(|e| e == "pdf") {
            texts.push((entry.display().to_string(), pdf_text(&entry)));
        }
    }
    assert!(!texts.is_empty(), "no PDF under {}", dir.display());
    texts
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() { found.extend(walk(&path)) } else { found.push(path) }
    }
    found
}

fn find<'a>(texts: &'a [(String, String)], name: &str) -> &'a str {
    texts.iter().find(|(p, _)| p.ends_with(name)).map(|(_, t)| t.as_str()).unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn an_invoice_not_yet_due_is_neither_listed_nor_counted_in_the_mise_en_demeure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = case(dir.path(), &[DUE, NOT_DUE], &[COURT]);
    let out = dir.path().join("sortie");
    recouvre().arg("build").arg(&file).arg("-o").arg(&out).assert().success();
    let texts = built_texts(&out);
    let notice = squash(find(&texts, "mise-en-demeure.pdf"));
    assert!(notice.contains("IL-2026-0931"), "{notice}");
    // The relance built alongside may name it as « à échoir » (tested below); no demand does.
    for (path, text) in texts.iter().filter(|(p, _)| !p.contains("relance-")) {
        let text = squash(text);
        assert!(!text.contains("IL-2026-1299"), "{path} lists the invoice not yet due:\n{text}");
        assert!(!text.contains("7777,20") && !text.contains("9517,20"), "{path} counts it:\n{text}");
    }
    // The décompte total is that of the invoice due only.
    let json = recouvre().args(["decompte", "--format", "json"]).arg(&file).output().expect("run");
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let numbers: Vec<&str> =
        value["factures"].as_array().expect("factures").iter().filter_map(|f| f["numero"].as_str()).collect();
    assert_eq!(numbers, ["IL-2026-0931"]);
}

#[test]
fn the_requete_neither_lists_nor_counts_an_invoice_not_yet_due() {
    let dir = tempfile::tempdir().expect("tempdir");
    // With the proofs a court dossier needs (rule R048, R034): the invoice, a quote, the notice and its AR.
    crate::support::copy_court_proofs(dir.path());
    let due = DUE.replace(" }\n", ", fichier: preuves/F-1.pdf }\n");
    let notice = NOTICE.replace(" }\n", ", fichier: preuves/mise-en-demeure.pdf, accuse_reception: preuves/ar.pdf }\n");
    let quote = "pieces: [{ intitule: Devis accepté, date: 2026-08-20, fichier: preuves/F-1.pdf, role: devis }]\n";
    let file = case(dir.path(), &[&due, NOT_DUE], &[&notice, quote, COURT]);
    let out = dir.path().join("sortie");
    let run = recouvre().arg("build").arg(&file).arg("-o").arg(&out).output().expect("run");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let texts = built_texts(&out);
    let request = squash(find(&texts, "requete-injonction-de-payer.pdf"));
    assert!(request.contains("IL-2026-0931"), "{request}");
    for (path, text) in &texts {
        let text = squash(text);
        assert!(!text.contains("IL-2026-1299"), "{path} lists the invoice not yet due:\n{text}");
        assert!(!text.contains("7777,20"), "{path} counts it:\n{text}");
    }
}

#[test]
fn a_relance_mentions_an_invoice_not_yet_due_only_as_a_echoir() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = case(dir.path(), &[DUE, NOT_DUE], &[]);
    let out = dir.path().join("sortie");
    let run = recouvre().arg("relance").arg(&file).arg("-o").arg(&out).output().expect("run");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let texts = built_texts(&out);
    let reminder = squash(find(&texts, "relance-1.pdf"));
    assert!(reminder.contains("IL-2026-1299(7777,20€)estàéchoirle14décembre2026"), "{reminder}");
    assert!(!reminder.contains("9517,20"), "{reminder}");
}

#[test]
fn nothing_due_builds_no_demand_and_plan_says_from_when() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = case(dir.path(), &[NOT_DUE], &[COURT]);
    let out = dir.path().join("sortie");
    let plan = recouvre().arg("plan").arg(&file).output().expect("run");
    let text = String::from_utf8_lossy(&plan.stdout);
    assert!(plan.status.success(), "{text}{}", String::from_utf8_lossy(&plan.stderr));
    assert!(text.contains("rien ne peut être réclamé avant le 15 décembre 2026"), "{text}");
    let build = recouvre().arg("build").arg(&file).arg("-o").arg(&out).output().expect("run");
    let said = String::from_utf8_lossy(&build.stdout);
    assert!(build.status.success(), "{said}{}", String::from_utf8_lossy(&build.stderr));
    assert!(said.contains("Aucune demande construite : rien n'est exigible avant le 15 décembre 2026"), "{said}");
    let pdfs = walk(&out).into_iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")).count();
    assert_eq!(pdfs, 0, "a demand was written under {}", out.display());
    // A batch reports the case as waiting, not built.
    let report_dir = dir.path().join("rapport");
    let batch = recouvre().arg("batch").arg(dir.path()).arg("-o").arg(&report_dir).output().expect("run");
    assert!(batch.status.success(), "{}", String::from_utf8_lossy(&batch.stderr));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(report_dir.join("batch-report.json")).expect("report")).expect("json");
    assert_eq!(report["dossiers"][0]["statut"], "en_attente", "{report:#}");
    assert_eq!(report["construits"], 0);
}

#[test]
fn relance_after_the_mise_en_demeure_is_refused_with_the_step_reached() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = case(dir.path(), &[DUE], &[NOTICE, COURT]);
    let out = dir.path().join("sortie");
    let run = recouvre().arg("relance").arg(&file).arg("-o").arg(&out).output().expect("run");
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("pas de relance : la mise en demeure a été envoyée le 5 octobre 2026"), "{err}");
    assert!(err.contains("requête en injonction de payer"), "{err}");
    assert!(!out.exists() || walk(&out).is_empty(), "relance wrote something");
    // An earlier step asked for explicitly is built, and said to be earlier.
    let run =
        recouvre().arg("build").arg(&file).args(["--etape", "mise_en_demeure", "-o"]).arg(&out).output().expect("run");
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{err}");
    assert!(err.contains("R045") && err.contains("alors que le cas a atteint l'étape"), "{err}");
}

#[test]
fn init_then_check_names_every_example_value_and_decompte_needs_no_signing_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("client");
    recouvre().arg("init").arg(&folder).env("RECOUVRE_AUJOURDHUI", "2026-12-02").assert().success();
    let text = std::fs::read_to_string(folder.join("case.yaml")).expect("case");
    assert!(text.contains("date_calcul: 2026-12-02"), "init writes today's date:\n{text}");
    let run = recouvre().arg("check").arg(folder.join("case.yaml")).output().expect("run");
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    for field in ["creancier.raison_sociale", "creancier.representant.nom", "creancier.iban", "debiteur.raison_sociale"]
    {
        assert!(err.contains(&format!("R047: {field} : «")), "{field} not named:\n{err}");
    }
    let build = recouvre().arg("build").arg(folder.join("case.yaml")).arg("-o").arg(dir.path().join("s")).output();
    assert_eq!(build.expect("run").status.code(), Some(1), "build refuses the example values too");

    // Without lieu_signature: décompte and plan run; documents take the creditor's city, said.
    let file = case(dir.path(), &[DUE], &[]);
    std::fs::write(&file, std::fs::read_to_string(&file).expect("case").replace("lieu_signature: Lyon\n", ""))
        .expect("write");
    recouvre().arg("decompte").arg(&file).assert().success();
    recouvre().arg("plan").arg(&file).assert().success();
    let run = recouvre().arg("build").arg(&file).arg("-o").arg(dir.path().join("s")).output().expect("run");
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{err}");
    assert!(err.contains("R046") && err.contains("« Fait à Lyon »"), "{err}");
}
