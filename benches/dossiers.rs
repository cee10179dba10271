//! Speed and memory of recouvre on synthetic but realistic cases, compared with the targets.
//! Run: `cargo bench --bench dossiers` (BENCH_CASES=N to change the size of the large batch).
//! It prints figures; it never fails a test.
//!
//! Each case: 3 invoices, 3 reminders, a mise en demeure with its AR, 5 pièces of 1–3 pages
//! (the 3 invoices, the CGV, the AR). Pièce files differ from case to case (as in real life), so
//! Typst's caches cannot share them between dossiers.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::NaiveDate;
use recouvre::render::{PdfKind, RenderWorld, Templates, compile, export};

const TARGET_COLD_MS: f64 = 250.0;
const TARGET_RATE: f64 = 25.0;
const TARGET_SPEEDUP: f64 = 1.7;
const TARGET_RSS_MB: f64 = 300.0;

fn main() {
    let large: usize = std::env::var("BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let work = tempfile::tempdir().expect("tempdir");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_recouvre"));
    let started = Instant::now();
    let pieces = pieces_of_n_pages();
    let cases = work.path().join("cas");
    for i in 0..large {
        write_case(&cases, i, &pieces);
    }
    println!("{large} cas synthétiques écrits en {:.1} s dans {}", started.elapsed().as_secs_f64(), cases.display());

    // One dossier, cold: a new process, from start to zip.
    let first = cases.join("c0000/case.yaml");
    let mut colds = Vec::new();
    for round in 0..5 {
        let out = work.path().join(format!("froid-{round}"));
        let t = Instant::now();
        let status = Command::new(&bin).arg("build").arg(&first).arg("-o").arg(&out).output().expect("run");
        colds.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    }
    colds.sort_by(f64::total_cmp);
    let cold = colds[colds.len() / 2];

    // A large dossier: 30 invoices, each a supplied PDF of 1–3 pages, in a new process.
    let thirty = work.path().join("trente");
    write_case_with_invoices(&thirty, 30, &pieces);
    let mut thirties = Vec::new();
    for round in 0..3 {
        let out = work.path().join(format!("trente-{round}"));
        let t = Instant::now();
        let run =
            Command::new(&bin).arg("build").arg(thirty.join("case.yaml")).arg("-o").arg(&out).output().expect("run");
        thirties.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    }
    thirties.sort_by(f64::total_cmp);
    let thirty_ms = thirties[thirties.len() / 2];
    let (zip_bytes, parts_bytes) = zip_and_parts(&work.path().join("trente-0/GROS-30"));

    // Throughput with 1 and 2 jobs on the first 100 cases.
    let small = large.min(100);
    let subset = work.path().join("sous-lot");
    for i in 0..small {
        let name = format!("c{i:04}");
        std::fs::create_dir_all(subset.join(&name)).expect("mkdir");
        for entry in std::fs::read_dir(cases.join(&name)).expect("read").flatten() {
            let target = subset.join(&name).join(entry.file_name());
            if entry.path().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).expect("copy");
            }
        }
    }
    let (rate1, _) = batch(&bin, &subset, &work.path().join("lot-1"), 1);
    let (rate2, report2) = batch(&bin, &subset, &work.path().join("lot-2"), 2);
    let speedup = rate2 / rate1;

    // Memory over the large batch, and at 100 cases for comparison (flat, not growing).
    let rss_small = report2.memoire_max_mo.unwrap_or(0) as f64;
    let (rate_large, report_large) = batch(&bin, &cases, &work.path().join("lot-grand"), 2);
    let rss_large = report_large.memoire_max_mo.unwrap_or(0) as f64;

    // Time per stage, averaged over the large batch.
    let names = ["chargement", "vérification", "décompte", "plan", "rendu", "écriture"];
    let mut sums = [0u64; 6];
    for line in &report_large.dossiers {
        for (s, ms) in sums.iter_mut().zip(&line.etapes_ms) {
            *s += ms;
        }
    }
    let n = report_large.dossiers.len().max(1) as f64;

    println!();
    println!("machine : {} cœur(s)", std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    line("un dossier à froid (processus → zip), médiane de 5", cold, "ms", TARGET_COLD_MS, false);
    line("dossier de 30 pièces de 1 à 3 pages, à froid", thirty_ms, "ms", 1000.0, false);
    println!(
        "{:<52} {:>9.1} Ko (somme des fichiers : {:.1} Ko)",
        "  taille du zip",
        zip_bytes as f64 / 1024.0,
        parts_bytes as f64 / 1024.0
    );
    line("débit, 1 tâche", rate1, "dossiers/s", 0.0, true);
    line("débit, 2 tâches", rate2, "dossiers/s", TARGET_RATE, true);
    line("accélération 1 → 2 tâches", speedup, "×", TARGET_SPEEDUP, true);
    line(&format!("débit, 2 tâches, {large} cas"), rate_large, "dossiers/s", TARGET_RATE, true);
    line(&format!("mémoire maximale, {small} cas"), rss_small, "Mo", TARGET_RSS_MB, false);
    line(&format!("mémoire maximale, {large} cas"), rss_large, "Mo", TARGET_RSS_MB, false);
    println!("temps moyen par étape ({large} cas, 2 tâches) :");
    for (name, sum) in names.iter().zip(sums) {
        println!("  {name:<14} {:>7.2} ms", sum as f64 / n);
    }
    println!("durée totale du banc : {:.1} s", started.elapsed().as_secs_f64());
}

fn line(label: &str, value: f64, unit: &str, target: f64, higher_is_better: bool) {
    let verdict = if target == 0.0 {
        String::new()
    } else if (higher_is_better && value >= target) || (!higher_is_better && value <= target) {
        format!("  ✓ objectif {} {target} {unit}", if higher_is_better { "≥" } else { "<" })
    } else {
        format!("  ✗ objectif {} {target} {unit}", if higher_is_better { "≥" } else { "<" })
    };
    println!("{label:<52} {value:>9.1} {unit}{verdict}");
}

fn batch(bin: &Path, dir: &Path, out: &Path, jobs: u32) -> (f64, recouvre::batch::Report) {
    let t = Instant::now();
    let run = Command::new(bin)
        .arg("batch")
        .arg(dir)
        .arg("-o")
        .arg(out)
        .args(["--jobs", &jobs.to_string(), "--force", "--progression", "aucune"])
        .output()
        .expect("run batch");
    let seconds = t.elapsed().as_secs_f64();
    let report = recouvre::batch::Report::read(&out.join("batch-report.json")).unwrap_or_else(|e| {
        panic!("no batch report ({e}); recouvre batch said:\n{}", String::from_utf8_lossy(&run.stderr))
    });
    assert!(run.status.success() && report.echecs == 0, "batch failed: {}", String::from_utf8_lossy(&run.stderr));
    (report.total as f64 / seconds, report)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read").flatten() {
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

/// Three PDFs of 1, 2 and 3 pages of invoice-like text, made with recouvre's own Typst engine.
fn pieces_of_n_pages() -> Vec<Vec<u8>> {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("main.typ"),
        r#"#let data = json("/data.json")
#set page(paper: "a4")
#set text(font: "Libertinus Serif", lang: "fr")
#for p in range(data.pages) {
  if p > 0 { pagebreak() }
  [= Document de #data.pages page(s) — page #(p + 1)]
  for i in range(40) [Ligne #i : fourniture et pose, quantité #(i + 1), prix unitaire #(i * 7) € HT. \ ]
}
"#,
    )
    .expect("write");
    let templates = Templates::with_overrides(dir.path()).expect("templates");
    let date = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    (1..=3)
        .map(|pages| {
            let world = RenderWorld::new(&templates, format!("{{\"pages\": {pages}}}").into_bytes(), date);
            let (doc, _) = compile(&world).expect("compile");
            export(&doc, "bench", date, PdfKind::Plain, false).expect("export")
        })
        .collect()
}

/// A case folder: the case file and its 5 pièces, each made unique with a trailing comment.
fn write_case(root: &Path, i: usize, pieces: &[Vec<u8>]) {
    let dir = root.join(format!("c{i:04}"));
    std::fs::create_dir_all(dir.join("pieces")).expect("mkdir");
    let unique = |bytes: &[u8]| {
        let mut b = bytes.to_vec();
        b.extend_from_slice(format!("\n% cas {i}\n").as_bytes());
        b
    };
    for (name, pages) in [("f1.pdf", 1), ("f2.pdf", 2), ("f3.pdf", 1), ("cgv.pdf", 3), ("ar.pdf", 1)] {
        std::fs::write(dir.join("pieces").join(name), unique(&pieces[pages - 1])).expect("write");
    }
    let case = format!(
        r#"{head}factures:
  - {{ numero: F-{i}-1, date: 2026-05-12, echeance: 2026-06-11, objet: Travaux, montant_ht: "{a}.00", montant_tva: "{ta}.00", montant_ttc: "{sa}.00", fichier: pieces/f1.pdf }}
  - {{ numero: F-{i}-2, date: 2026-06-03, echeance: 2026-07-03, objet: Fournitures, montant_ht: "2650.00", montant_tva: "530.00", montant_ttc: "3180.00", fichier: pieces/f2.pdf }}
  - {{ numero: F-{i}-3, date: 2026-07-15, echeance: 2026-08-14, objet: Réparation, montant_ht: "780.00", montant_tva: "156.00", montant_ttc: "936.00", fichier: pieces/f3.pdf }}
paiements:
  - {{ date: 2026-07-01, montant: "1000.00", facture: F-{i}-1 }}
relances:
  - {{ date: 2026-06-18, canal: email, interlocuteur: Comptabilité, resume: Première relance }}
  - {{ date: 2026-07-10, canal: telephone, interlocuteur: M. Martin, resume: Appel, reponse: Promet un paiement, promesse: 2026-07-31 }}
  - {{ date: 2026-08-20, canal: courrier, interlocuteur: Comptabilité, resume: Relance écrite }}
mise_en_demeure:
  date: 2026-09-02
  numero_envoi: "1A 123 456 7890 1"
  date_reception: 2026-09-04
  accuse_reception: pieces/ar.pdf
pieces:
  - {{ intitule: Conditions générales de vente, fichier: pieces/cgv.pdf, role: cgv }}
procedure:
  juridiction: {{ type: tribunal_de_commerce, ville: Grenoble }}
"#,
        head = case_head(&format!("BENCH-{i:04}"), i),
        a = 4000 + i,
        ta = (4000 + i) / 5,
        sa = 4000 + i + (4000 + i) / 5,
    );
    std::fs::write(dir.join("case.yaml"), case).expect("write");
}

/// The zip's size and the sum of the sizes of the files it holds.
fn zip_and_parts(dossier: &Path) -> (u64, u64) {
    let mut zip = 0;
    let mut parts = 0;
    for entry in walkdir::WalkDir::new(dossier).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        if entry.path().extension().is_some_and(|e| e == "zip") { zip += size } else { parts += size }
    }
    (zip, parts)
}

/// One case with `n` invoices, each with its own supplied PDF of 1 to 3 pages.
fn write_case_with_invoices(dir: &Path, n: usize, pieces: &[Vec<u8>]) {
    std::fs::create_dir_all(dir.join("pieces")).expect("mkdir");
    let mut invoices = String::new();
    for k in 0..n {
        let mut bytes = pieces[k % 3].clone();
        bytes.extend_from_slice(format!("\n% facture {k}\n").as_bytes());
        std::fs::write(dir.join(format!("pieces/f{k:02}.pdf")), bytes).expect("write");
        invoices.push_str(&format!(
            "  - {{ numero: G-{k:02}, date: 2026-03-02, echeance: 2026-04-01, objet: Livraison {k}, montant_ht: \"100.00\", montant_tva: \"20.00\", montant_ttc: \"120.00\", fichier: pieces/f{k:02}.pdf }}\n"
        ));
    }
    let head = case_head("GROS-30", 0);
    let case = format!(
        r#"{head}factures:
{invoices}mise_en_demeure:
  date: 2026-09-02
  numero_envoi: "1A 123 456 7890 1"
  date_reception: 2026-09-04
procedure:
  juridiction: {{ type: tribunal_de_commerce, ville: Grenoble }}
"#
    );
    std::fs::write(dir.join("case.yaml"), case).expect("write");
}

/// The start of a synthetic case file: reference, date, both parties (numbered by `i`) and terms.
fn case_head(reference: &str, i: usize) -> String {
    let n = i % 90 + 1;
    format!(
        r#"version: 1
reference: {reference}
date_calcul: 2026-11-23
lieu_signature: Lyon
creancier:
  type: societe
  raison_sociale: Société Créancière {i}
  forme_juridique: SAS
  capital: "10000"
  siren: "000912345"
  rcs: Lyon
  adresse: {{ lignes: ["{n} rue des Forges"], code_postal: "69007", ville: Lyon }}
  representant: {{ nom: Claire Dupont, qualite: présidente }}
  iban: FR7630004008230001012345669
  bic: BNPAFRPP
debiteur:
  type: societe
  raison_sociale: Client Débiteur {i}
  forme_juridique: SARL
  siren: "000912352"
  adresse: {{ lignes: ["{n} avenue Jean Jaurès"], code_postal: "38000", ville: Grenoble }}
  representant: {{ nom: Paul Martin, qualite: gérant }}
conditions: {{ source: cgv }}
"#
    )
}
