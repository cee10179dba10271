//! Speed and memory of recouvre on synthetic but realistic cases, beside the targets of issue 14.
//! Run: `cargo bench --bench dossiers` (BENCH_CASES=N: size of the large batch, default 1000;
//! BENCH_LONG=1000,10000: invoices of the long claims; BENCH_LONG_DOSSIER=1000: invoices of the
//! long claims at the injonction step, each invoice with its PDF). It prints figures; it never
//! fails a test.
//!
//! Each case: 3 invoices, 3 reminders, a mise en demeure with its letter and AR, a devis and CGV:
//! 7 supplied files of 1–3 pages. Pièce files differ from case to case (as in real life), so
//! Typst's caches cannot share them between dossiers.
//!
//! CPU times come from /proc (Linux): they hold on a loaded machine, where wall times do not.

#[path = "dossiers/cases.rs"]
mod cases;
#[path = "dossiers/measure.rs"]
mod measure;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use cases::{pieces_of_n_pages, write_case, write_case_with_invoices, write_long_claim};
use measure::{children_cpu, stages};

const TARGET_COLD_MS: f64 = 150.0;
const TARGET_RATE: f64 = 25.0;
const TARGET_SPEEDUP: f64 = 1.7;
const TARGET_RSS_MB: f64 = 300.0;
const TARGET_OVERHEAD_PERCENT: f64 = 15.0;
/// Long claims: (invoices, seconds, MB).
const TARGET_LONG: [(usize, f64, f64); 2] = [(1000, 5.0, 300.0), (10_000, 60.0, 500.0)];

fn main() {
    let large: usize = std::env::var("BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let long: Vec<usize> = std::env::var("BENCH_LONG")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| TARGET_LONG.iter().map(|t| t.0).collect());
    let work = tempfile::tempdir().expect("tempdir");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_recouvre"));
    let started = Instant::now();
    let pieces = pieces_of_n_pages();
    let cases = work.path().join("cas");
    for i in 0..large.max(1) {
        write_case(&cases, i, &pieces);
    }
    println!("{large} cas synthétiques écrits en {:.1} s dans {}", started.elapsed().as_secs_f64(), cases.display());

    // One dossier, cold: a new process, from start to zip.
    let first = cases.join("c0000/case.yaml");
    let mut colds = Vec::new();
    let cpu = children_cpu();
    for round in 0..5 {
        let out = work.path().join(format!("froid-{round}"));
        let t = Instant::now();
        let status = Command::new(&bin).arg("build").arg(&first).arg("-o").arg(&out).output().expect("run");
        colds.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    }
    let cold_cpu = (children_cpu() - cpu) * 1000.0 / 5.0;
    colds.sort_by(f64::total_cmp);
    let cold = colds[colds.len() / 2];

    // A large dossier: 30 invoices, each a supplied PDF of 1–3 pages, in a new process.
    let thirty = work.path().join("trente");
    write_case_with_invoices(&thirty, "GROS-30", 30, &pieces);
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
    let small = large.clamp(1, 100);
    let subset = work.path().join("sous-lot");
    let mut subset_files = Vec::new();
    for i in 0..small {
        let name = format!("c{i:04}");
        copy_dir(&cases.join(&name), &subset.join(&name));
        subset_files.push(subset.join(&name).join("case.yaml"));
    }
    let one = batch(&bin, &subset, &work.path().join("lot-1"), 1);
    let two = batch(&bin, &subset, &work.path().join("lot-2"), 2);
    let speedup = two.rate / one.rate;
    // More jobs where the machine has the cores (issue 14, item 4).
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let more: Vec<(u32, BatchRun)> = [4u32, 8, 16]
        .into_iter()
        .filter(|&j| j as usize <= cores)
        .map(|j| (j, batch(&bin, &subset, &work.path().join(format!("lot-{j}")), j)))
        .collect();

    // The same dossiers in this process: recouvre's stages and Typst alone.
    let inproc = stages(&subset_files, &work.path().join("en-processus"));
    let batch_cpu = one.cpu / small as f64;
    let overhead = 100.0 * (1.0 - inproc.typst() / batch_cpu);
    let overhead_inproc = 100.0 * (1.0 - inproc.typst() / inproc.build);

    // Memory over the large batch (flat, not growing, compared with 100 cases).
    let big = batch(&bin, &cases, &work.path().join("lot-grand"), 2);

    // Long claims, each alone in a batch of one (for its peak memory), and its total checked
    // against `decompte --format json`.
    let mut longs = Vec::new();
    for &n in &long {
        let dir = work.path().join(format!("long-{n}"));
        write_long_claim(&dir.join("cas").join("c"), n);
        let run = batch(&bin, &dir.join("cas"), &dir.join("out"), 1);
        let case = dir.join("cas/c/case.yaml");
        let json = Command::new(&bin).arg("decompte").arg(&case).args(["--format", "json"]).output().expect("run");
        let claim: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_default();
        // The build's folder in the case's archive: out/LONG-n/<date>-<étape>/.
        let archive = recouvre::inputs::PreviousDossier::read(&dir.join("out").join(format!("LONG-{n}")));
        let manifest = archive.as_ref().and_then(|a| a.latest()).map(|b| &b.manifest);
        let agrees = manifest.is_some_and(|m| Some(m.total_du.as_str()) == claim["total_du"].as_str());
        longs.push((n, run, agrees));
    }

    // Long claims at a court step: a requête en injonction de payer and its merged dossier, every
    // invoice a pièce with its PDF (1 to 3 pages).
    let long_dossier: Vec<usize> = std::env::var("BENCH_LONG_DOSSIER")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1000]);
    let mut dossiers = Vec::new();
    for &n in &long_dossier {
        let dir = work.path().join(format!("requete-{n}"));
        let reference = format!("REQ-{n}");
        write_case_with_invoices(&dir.join("cas").join("c"), &reference, n, &pieces);
        let run = batch(&bin, &dir.join("cas"), &dir.join("out"), 1);
        let case = dir.join("cas/c/case.yaml");
        let json = Command::new(&bin).arg("decompte").arg(&case).args(["--format", "json"]).output().expect("run");
        let claim: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_default();
        let archive = recouvre::inputs::PreviousDossier::read(&dir.join("out").join(&reference));
        let manifest = archive.as_ref().and_then(|a| a.latest()).map(|b| &b.manifest);
        let agrees = manifest.is_some_and(|m| Some(m.total_du.as_str()) == claim["total_du"].as_str());
        dossiers.push((n, run, agrees));
    }

    println!();
    println!("machine : {cores} cœur(s)");
    line("un dossier à froid (processus → zip), médiane de 5", cold, "ms", TARGET_COLD_MS, false);
    line("  dont temps CPU (moyenne)", cold_cpu, "ms", 0.0, false);
    line("dossier de 30 pièces de 1 à 3 pages, à froid", thirty_ms, "ms", 1000.0, false);
    println!(
        "{:<52} {:>9.1} Ko (somme des fichiers : {:.1} Ko)",
        "  taille du zip",
        zip_bytes as f64 / 1024.0,
        parts_bytes as f64 / 1024.0
    );
    println!("(a) lot de recouvre ({small} cas) :");
    line("  débit, 1 tâche", one.rate, "dossiers/s", 0.0, true);
    line("  débit, 2 tâches", two.rate, "dossiers/s", TARGET_RATE, true);
    line("  accélération 1 → 2 tâches", speedup, "×", TARGET_SPEEDUP, true);
    for (j, run) in &more {
        line(
            &format!("  débit, {j} tâches (accélération {:.2} ×)", run.rate / one.rate),
            run.rate,
            "dossiers/s",
            0.0,
            true,
        );
    }
    line("  CPU par dossier, 1 tâche (processus entier)", batch_cpu * 1000.0, "ms", 0.0, false);
    line("  CPU par dossier, 2 tâches", two.cpu / small as f64 * 1000.0, "ms", 0.0, false);
    println!("(b) Typst seul, mêmes modèles, données et pièces, en processus, à chaud :");
    line("  compilation", inproc.typst_compile * 1000.0, "ms CPU", 0.0, false);
    line("  export PDF du dossier entier, une fois", inproc.typst_export * 1000.0, "ms CPU", 0.0, false);
    line("  total Typst", inproc.typst() * 1000.0, "ms CPU", 0.0, false);
    println!(
        "(c) le reste (chargement, vérification, décompte, plan, tampons, PDF séparés, zip, empreintes, écritures) :"
    );
    line("  part du CPU d'un dossier du lot (a)", overhead, "%", TARGET_OVERHEAD_PERCENT, false);
    line("  part du CPU d'un dossier construit en processus", overhead_inproc, "%", TARGET_OVERHEAD_PERCENT, false);
    println!("CPU par étape et par dossier (en processus, 1 fil, à chaud) :");
    for (name, v) in [
        ("chargement + vérification + décompte", inproc.prepare),
        ("plan", inproc.plan),
        ("données des modèles + lecture des pièces", inproc.bundle),
        ("Typst : compilation", inproc.typst_compile),
        ("Typst : export du dossier entier", inproc.typst_export),
        ("rendu recouvre (compilation, PDF, dossier complet)", inproc.render),
        ("  dont au-delà de Typst seul (b)", inproc.render - inproc.typst()),
        ("construction complète par recouvre", inproc.build),
    ] {
        println!("  {name:<52} {:>8.2} ms", v * 1000.0);
    }
    line(&format!("débit, 2 tâches, {large} cas"), big.rate, "dossiers/s", TARGET_RATE, true);
    line(&format!("mémoire maximale, {small} cas"), two.rss, "Mo", TARGET_RSS_MB, false);
    line(&format!("mémoire maximale, {large} cas"), big.rss, "Mo", TARGET_RSS_MB, false);
    println!("temps moyen par étape, horloge murale ({large} cas, 2 tâches) :");
    let names = ["chargement", "vérification", "décompte", "plan", "rendu", "écriture"];
    for (name, ms) in names.iter().zip(&big.stages_ms) {
        println!("  {name:<14} {ms:>7.2} ms");
    }
    println!("créances longues (mise en demeure, décompte, historique ; build seul) :");
    for (n, run, agrees) in &longs {
        let (seconds, mb) = TARGET_LONG.iter().find(|t| t.0 == *n).map(|t| (t.1, t.2)).unwrap_or((0.0, 0.0));
        line(&format!("  {n} factures : durée"), run.seconds, "s", seconds, false);
        line(&format!("  {n} factures : CPU"), run.cpu, "s", 0.0, false);
        line(&format!("  {n} factures : mémoire maximale"), run.rss, "Mo", mb, false);
        println!(
            "  {:<50} {}",
            format!("{n} factures : total = decompte --format json"),
            if *agrees { "✓" } else { "✗" }
        );
    }
    println!(
        "créances longues au tribunal (requête, bordereau, décompte, chaque facture en pièce PDF, dossier complet) :"
    );
    for (n, run, agrees) in &dossiers {
        let (seconds, mb) = TARGET_LONG.iter().find(|t| t.0 == *n).map(|t| (t.1, t.2)).unwrap_or((0.0, 0.0));
        line(&format!("  {n} factures : durée"), run.seconds, "s", 0.0, false);
        line(&format!("  {n} factures : CPU"), run.cpu, "s", seconds, false);
        line(&format!("  {n} factures : mémoire maximale"), run.rss, "Mo", mb, false);
        println!(
            "  {:<50} {}",
            format!("{n} factures : total = decompte --format json"),
            if *agrees { "✓" } else { "✗" }
        );
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

/// A batch's figures: rate (dossiers/s, wall), wall seconds, CPU seconds of the process, peak
/// RSS (MB) and mean wall time per stage.
struct BatchRun {
    rate: f64,
    seconds: f64,
    cpu: f64,
    rss: f64,
    stages_ms: Vec<f64>,
}

fn batch(bin: &Path, dir: &Path, out: &Path, jobs: u32) -> BatchRun {
    let cpu = children_cpu();
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
    let cpu = children_cpu() - cpu;
    let report = recouvre::batch::Report::read(&out.join("batch-report.json")).unwrap_or_else(|e| {
        panic!("no batch report ({e}); recouvre batch said:\n{}", String::from_utf8_lossy(&run.stderr))
    });
    assert!(run.status.success() && report.echecs == 0, "batch failed: {}", String::from_utf8_lossy(&run.stderr));
    let mut sums = vec![0.0; 6];
    for line in &report.dossiers {
        for (s, ms) in sums.iter_mut().zip(&line.etapes_ms) {
            *s += *ms as f64;
        }
    }
    let n = report.dossiers.len().max(1) as f64;
    BatchRun {
        rate: report.total as f64 / seconds,
        seconds,
        cpu,
        rss: report.memoire_max_mo.unwrap_or(0) as f64,
        stages_ms: sums.into_iter().map(|s| s / n).collect(),
    }
}

/// Copies a case folder (its file and its `pieces/`).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read").flatten() {
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
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
