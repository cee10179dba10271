//! Speed of `recouvre suivi` on a portfolio of synthetic cases, compared with the target
//! (1 000 cases in under 2 s). Run: `cargo bench --bench suivi` (BENCH_CASES=N for another size).
//! It prints figures; it never fails a test.
//!
//! The cases vary as a real portfolio does: reminders only, mise en demeure sent or not, its
//! deadline running or passed, partial payments, promises; each names its invoices' PDFs, which
//! the check opens, as it would for real cases.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const TARGET_S: f64 = 2.0;

fn main() {
    let count: usize = std::env::var("BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let work = tempfile::tempdir().expect("tempdir");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_recouvre"));
    let invoice =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/atelier-dupont/pieces/F-2026-0042.pdf"))
            .expect("sample invoice");
    let cases = work.path().join("portefeuille");
    for i in 0..count {
        write_case(&cases, i, &invoice);
    }
    for format in ["table", "json", "csv"] {
        let mut times = Vec::new();
        let mut lines = 0;
        let cpu_before = children_cpu_s();
        for _ in 0..3 {
            let out = work.path().join(format!("suivi.{format}"));
            let t = Instant::now();
            let run = Command::new(&bin)
                .arg("suivi")
                .arg(&cases)
                .args(["--au", "2026-12-02", "--format", format, "-o"])
                .arg(&out)
                .output()
                .expect("run");
            times.push(t.elapsed().as_secs_f64());
            assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
            lines = std::fs::read_to_string(&out).map(|t| t.lines().count()).unwrap_or(0);
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        let mark = if median < TARGET_S { "✓" } else { "✗" };
        let cpu = match (cpu_before, children_cpu_s()) {
            (Some(a), Some(b)) => format!(", {:.2} s de processeur par exécution", (b - a) / 3.0),
            _ => String::new(),
        };
        println!(
            "suivi de {count} cas, --format {format:5} (processus complet, médiane de 3) : {median:.2} s{cpu} ({lines} lignes)   cible < {TARGET_S} s {mark}"
        );
    }
}

/// Processor time (user + system) used by the finished child processes, on Linux: on a shared
/// machine it says what the wall-clock time cannot.
fn children_cpu_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    // Fields 16 and 17 of the line (cutime, cstime), counted after the command name's field 2.
    let ticks: f64 = fields.get(13)?.parse::<f64>().ok()? + fields.get(14)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// One case folder: its file and the PDF of each invoice.
fn write_case(root: &Path, i: usize, invoice: &[u8]) {
    let dir = root.join(format!("client-{i:04}"));
    std::fs::create_dir_all(dir.join("pieces")).expect("mkdir");
    for k in 1..=3 {
        std::fs::write(dir.join(format!("pieces/f{k}.pdf")), invoice).expect("write");
    }
    let month = i % 9 + 1;
    let notice = match i % 4 {
        0 => String::new(),
        1 => "mise_en_demeure: { date: 2026-11-20, numero_envoi: \"1A 1\", date_reception: 2026-11-23 }\n".into(),
        _ => "mise_en_demeure: { date: 2026-10-01, numero_envoi: \"1A 1\", date_reception: 2026-10-03 }\n".into(),
    };
    let case = format!(
        r#"version: 1
reference: P-{i:04}
lieu_signature: Lyon
creancier:
  type: societe
  raison_sociale: Atelier Dupont
  forme_juridique: SARL
  siren: "000912345"
  rcs: Lyon
  adresse: {{ lignes: ["12 rue des Forges"], code_postal: "69007", ville: Lyon }}
  representant: {{ nom: Claire Dupont, qualite: gérante }}
debiteur:
  type: societe
  raison_sociale: Client {i}
  forme_juridique: SAS
  siren: "000912352"
  adresse: {{ lignes: ["{i} avenue Jean Jaurès"], code_postal: "38000", ville: Grenoble }}
conditions: {{ source: cgv }}
factures:
  - {{ numero: F-{i}-1, date: 2026-{month:02}-02, echeance: 2026-{month:02}-28, montant_ht: "{a}.00", montant_tva: "{ta}.00", montant_ttc: "{sa}.00", fichier: pieces/f1.pdf }}
  - {{ numero: F-{i}-2, date: 2026-10-15, echeance: 2026-11-14, montant_ht: "650.00", montant_tva: "130.00", montant_ttc: "780.00", fichier: pieces/f2.pdf }}
  - {{ numero: F-{i}-3, date: 2026-11-20, echeance: 2026-12-20, montant_ht: "100.00", montant_tva: "20.00", montant_ttc: "120.00", fichier: pieces/f3.pdf }}
paiements:
  - {{ date: 2026-11-02, montant: "{paid}.00" }}
relances:
  - {{ date: 2026-11-05, canal: email, interlocuteur: Comptabilité, resume: Relance }}
  - {{ date: 2026-11-10, canal: telephone, interlocuteur: M. Martin, resume: Appel, reponse: Promet, promesse: 2026-11-{promise:02} }}
{notice}"#,
        a = 1000 + i,
        ta = (1000 + i) / 5,
        sa = 1000 + i + (1000 + i) / 5,
        paid = 100 + i % 300,
        promise = 20 + i % 10,
    );
    std::fs::write(dir.join("case.yaml"), case).expect("write");
}
