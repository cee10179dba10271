//! Hostile input, one test each: every one is refused by the command line with exit code 1 (101
//! would be a panic), within a deadline and a memory bound, with a French message naming the
//! file or field; nothing is written outside the output folder and nothing partial is left in it.
//! A few inputs are legitimate and must work instead: a claim of 10 000 invoices, `-o` inside
//! the case folder (its inputs untouched).
//!
//! Each test works in its own temporary folder: `cas/` holds the case and its pièces, `sortie/`
//! is `-o`. Big or binary inputs are generated here, never committed.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use recouvre::ground::hash::sha256_hex;

/// A guard against hangs, not a measure of speed: a run still going after this is killed and the
/// test fails (an endless loop), far above any debug build on a busy machine.
const DEADLINE: Duration = Duration::from_secs(300);
/// Nor make it use more memory than this.
const MAX_RSS_KB: u64 = 512 * 1024;

/// The smallest case that builds (step: mise en demeure), no pièce.
const CASE: &str = r#"version: 1
reference: HOSTILE
date_calcul: 2026-11-23
lieu_signature: Lyon
creancier:
  type: societe
  raison_sociale: Créancier Test
  forme_juridique: SAS
  siren: "000912345"
  rcs: Lyon
  adresse: { lignes: ["1 rue A"], code_postal: "69001", ville: Lyon }
  representant: { nom: Anne Test, qualite: présidente }
debiteur:
  type: societe
  raison_sociale: Débiteur Test
  forme_juridique: SARL
  siren: "000912352"
  adresse: { lignes: ["2 rue B"], code_postal: "38000", ville: Grenoble }
factures:
  - numero: F-1
    date: 2026-09-01
    echeance: 2026-10-01
    montant_ht: "100.00"
    montant_tva: "20.00"
    montant_ttc: "120.00"
"#;

/// A case at the court step: its pièces are read and embedded by `build`. It carries the proofs
/// a court dossier needs (invoice, quote, mise en demeure and its AR, in `preuves/`, which
/// [`Ws::case`] writes), so that only the hostile pièce a test adds can stop it.
const COURT: &str = r#"version: 1
reference: HOSTILE
date_calcul: 2026-11-23
lieu_signature: Lyon
creancier:
  type: societe
  raison_sociale: Créancier Test
  forme_juridique: SAS
  capital: "1000"
  siren: "000912345"
  rcs: Lyon
  adresse: { lignes: ["1 rue A"], code_postal: "69001", ville: Lyon }
  representant: { nom: Anne Test, qualite: présidente }
debiteur:
  type: societe
  raison_sociale: Débiteur Test
  forme_juridique: SARL
  siren: "000912352"
  adresse: { lignes: ["2 rue B"], code_postal: "38000", ville: Grenoble }
conditions: { source: cgv }
factures:
  - numero: F-1
    date: 2026-06-01
    echeance: 2026-07-01
    objet: Travaux
    montant_ht: "1000.00"
    montant_tva: "200.00"
    montant_ttc: "1200.00"
    fichier: preuves/F-1.pdf
relances:
  - { date: 2026-07-15, canal: email, interlocuteur: Comptabilité, resume: Relance }
mise_en_demeure:
  date: 2026-09-01
  numero_envoi: "1A 000 000 0000 1"
  date_reception: 2026-09-03
  fichier: preuves/mise-en-demeure.pdf
  accuse_reception: preuves/ar.pdf
procedure:
  juridiction: { type: tribunal_de_commerce, ville: Grenoble }
pieces:
  - { intitule: Devis signé, date: 2026-05-20, fichier: preuves/devis.pdf, role: devis }
"#;

/// `text` with `old` replaced once; fails when `old` is not there (a typo in the test).
fn with(text: &str, old: &str, new: &str) -> String {
    assert!(text.contains(old), "« {old} » not in the base case");
    text.replacen(old, new, 1)
}

/// A YAML single-quoted scalar.
fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The court case with one more pièce, first of the list, `fichier` as written in the case.
fn court_with_piece(fichier: &str) -> String {
    with(
        COURT,
        "pieces:\n",
        &format!("pieces:\n  - {{ intitule: Contrat, fichier: {}, role: contrat }}\n", quoted(fichier)),
    )
}

/// The court case whose invoice file is `fichier` instead of its valid copy.
fn court_with_invoice(fichier: &str) -> String {
    with(COURT, "    fichier: preuves/F-1.pdf", &format!("    fichier: {fichier}"))
}

/// The minimal case with one field of the invoice replaced.
fn invoice_field(field: &str, value: &str) -> String {
    let line = CASE.lines().find(|l| l.trim_start().starts_with(&format!("{field}:"))).expect("field in CASE");
    let indent = &line[..line.len() - line.trim_start().len()];
    with(CASE, line, &format!("{indent}{field}: {value}"))
}

// ---------------------------------------------------------------------------------------------
// Running recouvre and checking what it left behind

#[derive(Debug)]
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    peak_rss_kb: u64,
}

/// Peak resident memory of a running process, from /proc (0 where there is no /proc).
/// VmHWM is the kernel's high-water mark of the child's own memory, so polling it misses at most
/// a spike in the last few milliseconds before exit. `wait4`'s `ru_maxrss` was tried and is wrong
/// here: Linux carries the spawning process's high-water mark into the child at `exec`, so a
/// child of this multi-threaded test process reported 454–470 MB where its own peak was 55 MB.
fn vm_hwm_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Runs the recouvre binary in `cwd`, killing it at the deadline; watches its peak memory.
fn run_in(cwd: &Path, args: &[OsString]) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_recouvre"))
        .env(crate::support::TODAY_VAR, crate::support::today().to_string())
        .current_dir(cwd)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn recouvre");
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let started = Instant::now();
    let mut peak = 0;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        peak = peak.max(vm_hwm_kb(child.id()));
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = started.elapsed();
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    assert!(status.is_some(), "recouvre {args:?} still running after {DEADLINE:?}; killed.\nstderr:\n{stderr}");
    Outcome { code: status.and_then(|s| s.code()), stdout, stderr, elapsed, peak_rss_kb: peak }
}

/// Every entry under `dir` (not following links): kind, size and content hash.
fn tree(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut entries = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false).into_iter().flatten() {
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_path_buf();
        let kind = entry.file_type();
        let what = if kind.is_symlink() {
            format!("lien → {}", std::fs::read_link(entry.path()).map(|p| p.display().to_string()).unwrap_or_default())
        } else if kind.is_dir() {
            "dossier".to_string()
        } else if kind.is_file() {
            let meta = entry.metadata().expect("metadata");
            let modified = meta.modified().ok();
            // Big generated inputs: their size and time are enough to see a change.
            if meta.len() > 4 * 1024 * 1024 {
                format!("{} octets, modifié {modified:?}", meta.len())
            } else {
                let bytes = std::fs::read(entry.path()).unwrap_or_default();
                format!("{} octets, modifié {modified:?}, sha256 {}", meta.len(), sha256_hex(&bytes))
            }
        } else {
            "spécial".to_string()
        };
        entries.insert(relative, what);
    }
    entries
}

/// A temporary folder with `cas/` (the case and its pièces) and `sortie/` (`-o`).
struct Ws {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Ws {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().canonicalize().expect("canonical");
        std::fs::create_dir_all(root.join("cas")).expect("mkdir");
        Self { _tmp: tmp, root }
    }

    fn case_dir(&self) -> PathBuf {
        self.root.join("cas")
    }

    fn case_file(&self) -> PathBuf {
        self.case_dir().join("case.yaml")
    }

    fn out(&self) -> PathBuf {
        self.root.join("sortie")
    }

    /// Writes a file under the work folder (`cas/pieces/x.pdf`), creating its folders.
    fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, bytes).expect("write");
        path
    }

    /// Writes the case file, and the valid proofs [`COURT`] names.
    fn case(&self, text: impl AsRef<[u8]>) -> PathBuf {
        for name in ["F-1.pdf", "devis.pdf", "mise-en-demeure.pdf", "ar.pdf"] {
            self.write(&format!("cas/preuves/{name}"), pdf(1));
        }
        self.write("cas/case.yaml", text)
    }

    /// `build cas/case.yaml -o sortie` plus `extra`.
    fn build_args(&self, extra: &[&str]) -> Vec<OsString> {
        let mut args: Vec<OsString> = vec!["build".into(), self.case_file().into(), "-o".into(), self.out().into()];
        args.extend(extra.iter().map(OsString::from));
        args
    }

    fn run(&self, args: &[OsString]) -> Outcome {
        run_in(&self.root, args)
    }

    /// Runs `args` and checks the refusal: exit code 1, in time and memory, a French message
    /// containing every one of `names`, nothing changed outside `sortie/`, `sortie/` unchanged.
    fn refused_with(&self, args: &[OsString], names: &[&str]) -> Outcome {
        let out = self.out();
        let outside = |t: BTreeMap<PathBuf, String>| -> BTreeMap<PathBuf, String> {
            t.into_iter().filter(|(p, _)| !p.starts_with("sortie")).collect()
        };
        let before = tree(&self.root);
        let out_before = out.exists().then(|| tree(&out));
        let outcome = self.run(args);
        let context = format!("recouvre {args:?}\nstdout:\n{}\nstderr:\n{}", outcome.stdout, outcome.stderr);
        assert_ne!(outcome.code, Some(101), "panic! {context}");
        assert_eq!(outcome.code, Some(1), "exit code 1 expected: {context}");
        assert!(!outcome.stderr.contains("panicked at"), "{context}");
        assert!(outcome.stderr.contains("erreur"), "a French error message expected: {context}");
        for name in names {
            assert!(outcome.stderr.contains(name), "the message should name « {name} »: {context}");
        }
        assert!(outcome.stderr.len() < 64 * 1024, "a message, not a flood ({} bytes): {context}", outcome.stderr.len());
        assert!(outcome.peak_rss_kb < MAX_RSS_KB, "{} MB of memory used: {context}", outcome.peak_rss_kb / 1024);
        assert_eq!(
            outside(before),
            outside(tree(&self.root)),
            "something changed outside the output folder: {context}"
        );
        assert_eq!(out_before, out.exists().then(|| tree(&out)), "the output folder changed: {context}");
        outcome
    }

    /// `build` of the case, refused.
    fn refused(&self, names: &[&str]) -> Outcome {
        self.refused_with(&self.build_args(&[]), names)
    }
}

/// A case whose text is `text`, refused by `build` with a message naming every one of `names`.
fn refused_case(text: impl AsRef<[u8]>, names: &[&str]) -> Outcome {
    let ws = Ws::new();
    ws.case(text);
    ws.refused(names)
}

// ---------------------------------------------------------------------------------------------
// Files a test generates

/// A valid PDF of `pages` pages, a line of text on each.
fn pdf(pages: usize) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids = Vec::new();
    for n in 0..pages {
        let content = Content {
            operations: vec![
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 24.into()]),
                Operation::new("Td", vec![72.into(), 700.into()]),
                Operation::new("Tj", vec![Object::string_literal(format!("Contrat, page {}", n + 1))]),
                Operation::new("ET", vec![]),
            ],
        };
        let stream = doc.add_object(Stream::new(dictionary! {}, content.encode().expect("content")));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => stream,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(page.into());
    }
    let count = i64::try_from(kids.len()).expect("pages");
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save pdf");
    bytes
}

/// A small valid image, PNG or JPEG.
fn image_bytes(format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([(x * 4) as u8, (y * 5) as u8, 128]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, format).expect("encode");
    bytes.into_inner()
}

fn png() -> Vec<u8> {
    image_bytes(image::ImageFormat::Png)
}

fn jpeg() -> Vec<u8> {
    image_bytes(image::ImageFormat::Jpeg)
}

// ---------------------------------------------------------------------------------------------
// Paths leaving the case folder

#[test]
fn dotdot_path_is_refused() {
    let ws = Ws::new();
    ws.write("secret.pdf", pdf(1));
    ws.case(court_with_piece("../secret.pdf"));
    ws.refused(&["R024", "pieces[1].fichier", "../secret.pdf"]);
}

#[test]
fn dotdot_inside_a_path_is_refused() {
    let ws = Ws::new();
    ws.write("secret.pdf", pdf(1));
    ws.write("cas/pieces/ok.pdf", pdf(1));
    ws.case(court_with_piece("pieces/../../secret.pdf"));
    ws.refused(&["R024", "pieces[1].fichier", "pieces/../../secret.pdf"]);
}

#[test]
fn absolute_path_is_refused() {
    refused_case(court_with_piece("/etc/passwd"), &["R024", "pieces[1].fichier", "/etc/passwd"]);
}

#[test]
fn absolute_path_even_inside_the_case_folder_is_refused() {
    let ws = Ws::new();
    let inside = ws.write("cas/pieces/contrat.pdf", pdf(1));
    ws.case(court_with_piece(&inside.display().to_string()));
    ws.refused(&["R024", "pieces[1].fichier", "chemin absolu"]);
}

#[test]
fn windows_drive_path_is_refused() {
    refused_case(court_with_piece("C:\\Users\\secret.pdf"), &["R024", "pieces[1].fichier"]);
}

#[test]
fn backslash_dotdot_path_is_refused() {
    let ws = Ws::new();
    ws.write("secret.pdf", pdf(1));
    ws.case(court_with_piece("..\\secret.pdf"));
    ws.refused(&["pieces[1].fichier", "..\\secret.pdf"]);
}

#[cfg(unix)]
#[test]
fn symlink_to_a_file_outside_is_refused() {
    let ws = Ws::new();
    let secret = ws.write("secret.pdf", pdf(1));
    std::fs::create_dir_all(ws.root.join("cas/pieces")).expect("mkdir");
    std::os::unix::fs::symlink(&secret, ws.root.join("cas/pieces/contrat.pdf")).expect("symlink");
    ws.case(court_with_piece("pieces/contrat.pdf"));
    ws.refused(&["R024", "pieces[1].fichier", "lien qui sort du dossier"]);
}

#[cfg(unix)]
#[test]
fn symlinked_folder_leaving_the_case_is_refused() {
    let ws = Ws::new();
    ws.write("dehors/contrat.pdf", pdf(1));
    std::os::unix::fs::symlink(ws.root.join("dehors"), ws.root.join("cas/pieces")).expect("symlink");
    ws.case(court_with_piece("pieces/contrat.pdf"));
    ws.refused(&["R024", "pieces[1].fichier", "pieces/contrat.pdf"]);
}

#[cfg(unix)]
#[test]
fn dangling_symlink_is_refused() {
    let ws = Ws::new();
    std::fs::create_dir_all(ws.root.join("cas/pieces")).expect("mkdir");
    std::os::unix::fs::symlink(ws.root.join("nulle-part.pdf"), ws.root.join("cas/pieces/contrat.pdf"))
        .expect("symlink");
    ws.case(court_with_piece("pieces/contrat.pdf"));
    ws.refused(&["R024", "pieces[1].fichier", "lien vers un fichier absent"]);
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_refused() {
    let ws = Ws::new();
    std::fs::create_dir_all(ws.root.join("cas/pieces")).expect("mkdir");
    std::os::unix::fs::symlink(ws.root.join("cas/pieces/b.pdf"), ws.root.join("cas/pieces/a.pdf")).expect("symlink");
    std::os::unix::fs::symlink(ws.root.join("cas/pieces/a.pdf"), ws.root.join("cas/pieces/b.pdf")).expect("symlink");
    ws.case(court_with_piece("pieces/a.pdf"));
    ws.refused(&["pieces[1].fichier", "pieces/a.pdf"]);
}

#[cfg(unix)]
#[test]
fn case_file_symlinked_from_outside_reads_pieces_beside_the_link_only() {
    // The case folder is the link's folder: a pièce beside the real file, outside, is not reachable.
    let ws = Ws::new();
    ws.write("ailleurs/case.yaml", court_with_piece("contrat.pdf"));
    ws.write("ailleurs/contrat.pdf", pdf(1));
    std::os::unix::fs::symlink(ws.root.join("ailleurs/case.yaml"), ws.case_file()).expect("symlink");
    ws.refused(&["R023", "pieces[1].fichier", "contrat.pdf"]);
}

// ---------------------------------------------------------------------------------------------
// The case file itself

#[test]
fn yaml_alias_bomb_is_refused() {
    let mut text =
        String::from("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for i in 0..9 {
        let prev = if i == 0 { "a".to_string() } else { format!("l{}", i - 1) };
        let refs = vec![format!("*{prev}"); 9].join(", ");
        text.push_str(&format!("l{i}: &l{i} [{refs}]\n"));
    }
    refused_case(text, &["S001", "case.yaml", "alias"]);
}

#[test]
fn yaml_merge_key_bomb_is_refused() {
    let mut text = String::from("a0: &a0 { x: 1, y: 2 }\n");
    for i in 1..40 {
        text.push_str(&format!("a{i}: &a{i} {{ <<: [*a{p}, *a{p}, *a{p}, *a{p}], k{i}: 1 }}\n", p = i - 1));
    }
    refused_case(text, &["S001", "case.yaml"]);
}

#[test]
fn nesting_10000_deep_flow_sequences_is_refused() {
    refused_case("[".repeat(10_000) + &"]".repeat(10_000), &["S001", "case.yaml"]);
}

#[test]
fn nesting_10000_deep_flow_mappings_is_refused() {
    refused_case("{a: ".repeat(10_000) + "1" + &"}".repeat(10_000), &["S001", "case.yaml"]);
}

#[test]
fn nesting_10000_deep_block_sequences_is_refused() {
    refused_case("- ".repeat(10_000) + "x\n", &["S001", "case.yaml"]);
}

#[test]
fn nesting_deep_inside_a_field_is_refused() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    refused_case(with(CASE, "lieu_signature: Lyon", &format!("lieu_signature: {deep}")), &["S001", "case.yaml"]);
}

#[test]
fn deep_nesting_read_on_a_small_stack_is_refused() {
    // Tests and worker threads have 2 MB stacks by default: the parser must not overflow them.
    let text = format!("version: 1\nfactures: {}{}\n", "[".repeat(200), "]".repeat(200));
    let loaded = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || recouvre::case::load_str(&text, Path::new("case.yaml")).diagnostics.to_string())
        .expect("thread")
        .join()
        .expect("no panic");
    assert!(loaded.contains("S001") && loaded.contains("imbrication"), "{loaded}");
}

#[test]
fn deep_nesting_in_a_batch_fails_that_case_only() {
    let ws = Ws::new();
    ws.write("lot/a/case.yaml", format!("version: 1\nfactures: {}{}\n", "[".repeat(200), "]".repeat(200)));
    let outcome = ws.run(&[
        "batch".into(),
        ws.root.join("lot").into(),
        "-o".into(),
        ws.out().into(),
        "--progression".into(),
        "aucune".into(),
    ]);
    assert_eq!(outcome.code, Some(1), "every case failed → 1, never an abort:\n{}", outcome.stderr);
    let report = std::fs::read_to_string(ws.out().join("batch-report.json")).expect("report");
    assert!(report.contains("imbrication"), "{report}");
}

#[test]
fn file_of_100_mb_is_refused_without_being_read() {
    let ws = Ws::new();
    let file = std::fs::File::create(ws.case_file()).expect("create");
    file.set_len(100 * 1024 * 1024).expect("sparse 100 MB");
    drop(file);
    let outcome = ws.refused(&["S005", "case.yaml", "trop gros"]);
    assert!(outcome.peak_rss_kb < 64 * 1024, "read into memory: {} kB", outcome.peak_rss_kb);
}

#[test]
fn huge_value_gives_a_short_message() {
    let reference = "A".repeat(8 * 1024 * 1024);
    refused_case(
        with(CASE, "reference: HOSTILE", &format!("reference: {reference}")),
        &["S002", "reference", "trop long"],
    );
}

#[test]
fn huge_unknown_key_gives_a_short_message() {
    let key = "k".repeat(1024 * 1024);
    // An explicit key (`? key`): a plain key is limited to 1 024 characters by YAML itself.
    refused_case(format!("{CASE}? {key}\n: 1\n"), &["S003", "champ inconnu"]);
}

#[test]
fn ten_thousand_wrong_invoices_are_reported_in_bounded_time() {
    let text = ten_thousand_invoices().replace("echeance: 2026-06-", "echeance: 2026-02-3");
    let outcome = refused_case(text, &["S002", "factures[1].echeance", "trop d'erreurs"]);
    // Bounded by the cap on reported errors; the time is a figure, not a limit (busy machines).
    println!("10 000 factures fausses : {:.1} s", outcome.elapsed.as_secs_f64());
}

#[test]
fn non_utf8_bytes_are_refused() {
    let text = with(CASE, "Créancier", "Cr\u{FFFD}ancier").replace('\u{FFFD}', "");
    let mut bytes = text.into_bytes();
    let at = bytes.iter().position(|&b| b == b'C').expect("C");
    bytes.splice(at + 2..at + 2, [0xE9]);
    refused_case(bytes, &["S005", "case.yaml:", "UTF-8"]);
}

#[test]
fn utf16_file_is_refused() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(CASE.encode_utf16().flat_map(u16::to_le_bytes));
    refused_case(bytes, &["S005", "case.yaml", "UTF-8"]);
}

#[test]
fn nul_byte_is_refused() {
    refused_case(with(CASE, "Lyon\n", "Ly\0on\n"), &["S001", "case.yaml"]);
}

#[test]
fn duplicate_keys_are_refused() {
    refused_case(
        with(CASE, "lieu_signature: Lyon\n", "lieu_signature: Lyon\nlieu_signature: Paris\n"),
        &["S001", "case.yaml:5:", "clé « lieu_signature » en double"],
    );
}

#[test]
fn duplicate_keys_in_a_block_are_refused() {
    refused_case(
        with(CASE, "  siren: \"000912352\"\n", "  siren: \"000912352\"\n  siren: \"000912345\"\n"),
        &["S001", "clé « siren » en double"],
    );
}

#[test]
fn tabs_in_indentation_are_refused() {
    refused_case(
        with(CASE, "\n  type: societe\n  raison_sociale: Créancier", "\n\ttype: societe\n\traison_sociale: Créancier"),
        &["S001", "case.yaml:"],
    );
}

#[test]
fn several_yaml_documents_are_refused() {
    refused_case(format!("{CASE}---\n{CASE}"), &["S001", "plusieurs documents"]);
}

#[test]
fn broken_yaml_syntax_is_refused() {
    refused_case(with(CASE, "ville: Lyon }", "ville: \"Lyon }"), &["S001", "case.yaml:"]);
}

#[test]
fn empty_file_is_refused() {
    refused_case("", &["S004", "case.yaml", "vide"]);
}

#[test]
fn a_list_instead_of_a_case_is_refused() {
    refused_case("- 1\n- 2\n", &["case.yaml", "erreur S0"]);
}

#[test]
fn case_file_missing_is_refused() {
    let ws = Ws::new();
    ws.refused(&["S005", "case.yaml", "introuvable"]);
}

#[test]
fn case_file_is_a_directory() {
    let ws = Ws::new();
    std::fs::create_dir_all(ws.case_file()).expect("mkdir");
    ws.refused(&["S005", "case.yaml", "dossier"]);
}

#[cfg(unix)]
#[test]
fn case_file_is_a_device() {
    let ws = Ws::new();
    ws.refused_with(&["check".into(), "/dev/zero".into()], &["S005", "/dev/zero"]);
}

#[cfg(unix)]
#[test]
fn case_file_is_a_named_pipe_nobody_writes() {
    let ws = Ws::new();
    let made = Command::new("mkfifo").arg(ws.case_file()).status();
    if !made.is_ok_and(|s| s.success()) {
        crate::support::skip("tube nommé", "mkfifo");
        return;
    }
    ws.refused(&["S005", "case.yaml"]);
}

// ---------------------------------------------------------------------------------------------
// Absurd numbers

#[test]
fn amount_1e30_is_refused() {
    refused_case(invoice_field("montant_ht", "1e30"), &["S002", "factures[1].montant_ht", "trop grand"]);
}

#[test]
fn negative_amount_is_refused() {
    refused_case(invoice_field("montant_tva", "-20"), &["S002", "factures[1].montant_tva", "négatif"]);
}

#[test]
fn three_decimals_where_cents_are_meant_are_refused() {
    refused_case(invoice_field("montant_ttc", "\"120.005\""), &["S002", "factures[1].montant_ttc", "décimales"]);
}

#[test]
fn nan_amount_is_refused() {
    refused_case(invoice_field("montant_ht", ".nan"), &["factures[1].montant_ht", "erreur S0"]);
}

#[test]
fn infinite_amount_is_refused() {
    refused_case(invoice_field("montant_ht", ".inf"), &["factures[1].montant_ht", "erreur S0"]);
}

#[test]
fn hexadecimal_amount_is_refused() {
    refused_case(invoice_field("montant_ht", "0x64"), &["S002", "factures[1].montant_ht"]);
}

#[test]
fn huge_integer_amount_is_refused() {
    refused_case(invoice_field("montant_ht", &"9".repeat(60)), &["S002", "factures[1].montant_ht", "trop grand"]);
}

#[test]
fn amount_with_a_decimal_comma_is_refused() {
    refused_case(invoice_field("montant_ht", "\"100,00\""), &["S002", "factures[1].montant_ht", "virgule"]);
}

#[test]
fn amount_with_spaces_is_refused() {
    refused_case(invoice_field("montant_ht", "\"1 000.00\""), &["S002", "factures[1].montant_ht", "espaces"]);
}

#[test]
fn negative_notice_delay_is_refused() {
    refused_case(
        format!("{CASE}mise_en_demeure: {{ date: 2026-10-10, date_reception: 2026-10-12, delai_jours: -8 }}\n"),
        &["S002", "mise_en_demeure.delai_jours"],
    );
}

#[test]
fn overflowing_notice_delay_is_refused() {
    refused_case(
        format!(
            "{CASE}mise_en_demeure: {{ date: 2026-10-10, date_reception: 2026-10-12, delai_jours: 99999999999999 }}\n"
        ),
        &["S002", "mise_en_demeure.delai_jours"],
    );
}

#[test]
fn version_1e400_is_refused() {
    refused_case(with(CASE, "version: 1", "version: 1e400"), &["version", "erreur S0"]);
}

#[test]
fn penalty_rate_above_100_is_refused() {
    refused_case(format!("{CASE}conditions: {{ taux_penalites: 1e9 }}\n"), &["S002", "conditions.taux_penalites"]);
}

// ---------------------------------------------------------------------------------------------
// Impossible dates

#[test]
fn february_30_is_refused() {
    refused_case(invoice_field("echeance", "2026-02-30"), &["S002", "factures[1].echeance", "n'existe pas"]);
}

#[test]
fn month_13_is_refused() {
    refused_case(invoice_field("echeance", "2026-13-01"), &["S002", "factures[1].echeance", "2026-13-01"]);
}

#[test]
fn year_zero_is_refused() {
    refused_case(invoice_field("date", "0000-01-01"), &["S002", "factures[1].date", "0000-01-01"]);
}

#[test]
fn year_9999_is_refused() {
    refused_case(invoice_field("date", "9999-12-31"), &["S002", "factures[1].date", "hors limites"]);
}

#[test]
fn date_in_words_is_refused() {
    refused_case(invoice_field("echeance", "fin du mois"), &["S002", "factures[1].echeance", "AAAA-MM-JJ"]);
}

#[test]
fn date_without_leading_zeros_is_refused() {
    refused_case(invoice_field("echeance", "2026-1-5"), &["S002", "factures[1].echeance"]);
}

#[test]
fn date_as_a_number_is_refused() {
    refused_case(invoice_field("echeance", "20261001"), &["S002", "factures[1].echeance"]);
}

#[test]
fn date_with_a_time_is_refused() {
    refused_case(invoice_field("echeance", "2026-10-01T10:00:00"), &["S002", "factures[1].echeance"]);
}

// ---------------------------------------------------------------------------------------------
// Pièces: truncated, corrupt, encrypted, empty, oversized, misnamed

/// The court case with `bytes` as the pièce `pieces/<name>`, refused with a message naming it.
fn refused_piece(name: &str, bytes: impl AsRef<[u8]>, names: &[&str]) -> Outcome {
    let ws = Ws::new();
    ws.write(&format!("cas/pieces/{name}"), bytes);
    ws.case(court_with_piece(&format!("pieces/{name}")));
    let mut all = vec!["pieces[1].fichier"];
    all.extend_from_slice(names);
    ws.refused(&all)
}

#[test]
fn truncated_pdf_is_refused() {
    let whole = pdf(3);
    refused_piece("contrat.pdf", &whole[..whole.len() / 3], &["R044", "contrat.pdf"]);
}

#[test]
fn corrupt_pdf_is_refused() {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    refused_piece("contrat.pdf", bytes, &["R044", "contrat.pdf"]);
}

#[test]
fn encrypted_pdf_is_refused() {
    let mut doc = lopdf::Document::load_mem(&pdf(1)).expect("pdf");
    doc.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::string_literal("0123456789abcdef"),
            lopdf::Object::string_literal("0123456789abcdef"),
        ]),
    );
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "proprietaire",
        user_password: "secret",
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("encryption");
    doc.encrypt(&state).expect("encrypt");
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    refused_piece("contrat.pdf", bytes, &["R044", "contrat.pdf", "mot de passe"]);
}

#[test]
fn zero_byte_pdf_is_refused() {
    refused_piece("contrat.pdf", b"", &["R025", "contrat.pdf", "vide"]);
}

#[test]
fn zero_byte_png_is_refused() {
    refused_piece("scan.png", b"", &["R025", "scan.png", "vide"]);
}

#[test]
fn pdf_without_pages_is_refused() {
    refused_piece("contrat.pdf", pdf(0), &["R044", "contrat.pdf"]);
}

#[test]
fn pdf_with_a_page_tree_loop_is_refused() {
    let text = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
                2 0 obj\n<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>\nendobj\n\
                3 0 obj\n<< /Type /Pages /Kids [2 0 R] /Count 1 >>\nendobj\n\
                trailer\n<< /Root 1 0 R /Size 4 >>\n%%EOF\n";
    refused_piece("contrat.pdf", text, &["R044", "contrat.pdf"]);
}

#[test]
fn truncated_png_is_refused() {
    let whole = png();
    refused_piece("scan.png", &whole[..whole.len() / 2], &["R044", "scan.png"]);
}

#[test]
fn corrupt_png_is_refused() {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend(std::iter::repeat_n(0x5A, 4096));
    refused_piece("scan.png", bytes, &["R044", "scan.png"]);
}

#[test]
fn png_with_corrupt_pixel_data_is_refused() {
    let mut bytes = png();
    let idat = bytes.windows(4).position(|w| w == b"IDAT").expect("IDAT");
    for b in &mut bytes[idat + 8..idat + 40] {
        *b ^= 0xA5;
    }
    refused_piece("scan.png", bytes, &["scan.png"]);
}

#[test]
fn png_claiming_30000_by_30000_pixels_is_refused() {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend_from_slice(&30_000u32.to_be_bytes());
    bytes.extend_from_slice(&30_000u32.to_be_bytes());
    bytes.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    bytes.extend_from_slice(b"\0\0\0\0IEND\xAE\x42\x60\x82");
    refused_piece("scan.png", bytes, &["R044", "scan.png", "30000 × 30000"]);
}

#[test]
fn jpeg_claiming_30000_by_30000_pixels_is_refused() {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
    bytes.extend_from_slice(&[0xFF, 0xC0, 0, 17, 8]);
    bytes.extend_from_slice(&30_000u16.to_be_bytes());
    bytes.extend_from_slice(&30_000u16.to_be_bytes());
    bytes.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    bytes.extend_from_slice(&[0xFF, 0xD9]);
    refused_piece("scan.jpg", bytes, &["R044", "scan.jpg", "30000 × 30000"]);
}

#[test]
fn truncated_jpeg_is_refused() {
    let whole = jpeg();
    refused_piece("scan.jpg", &whole[..whole.len() / 2], &["R044", "scan.jpg"]);
}

#[test]
fn png_named_pdf_is_refused() {
    refused_piece("contrat.pdf", png(), &["R025", "contrat.pdf", "image PNG"]);
}

#[test]
fn pdf_named_jpeg_is_refused() {
    refused_piece("scan.jpg", pdf(1), &["R025", "scan.jpg", "un PDF"]);
}

#[test]
fn text_file_as_a_piece_is_refused() {
    refused_piece("notes.txt", "quelques notes", &["R025", "notes.txt"]);
}

#[test]
fn directory_where_a_file_is_expected_is_refused() {
    let ws = Ws::new();
    std::fs::create_dir_all(ws.root.join("cas/pieces/contrat.pdf")).expect("mkdir");
    ws.case(court_with_piece("pieces/contrat.pdf"));
    ws.refused(&["R023", "pieces[1].fichier", "n'est pas un fichier"]);
}

#[test]
fn invoice_file_with_a_page_tree_loop_is_refused() {
    // Invoice PDFs are also read at check time, for their Factur-X XML.
    let ws = Ws::new();
    ws.write(
        "cas/pieces/F-1.pdf",
        "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>\nendobj\n\
         2 0 obj\n<< /Type /Pages /Kids [2 0 R] /Count 1 >>\nendobj\n\
         3 0 obj\n<< /Kids [3 0 R] >>\nendobj\ntrailer\n<< /Root 1 0 R /Size 4 >>\n%%EOF\n",
    );
    let court = court_with_invoice("pieces/F-1.pdf");
    ws.case(court);
    ws.refused(&["factures[1].fichier", "F-1.pdf"]);
}

#[test]
fn corrupt_invoice_pdf_is_refused() {
    let ws = Ws::new();
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    ws.write("cas/pieces/F-1.pdf", bytes);
    ws.case(court_with_invoice("pieces/F-1.pdf"));
    ws.refused(&["R044", "factures[1].fichier", "F-1.pdf"]);
}

#[test]
fn invoice_file_missing_is_refused() {
    refused_case(
        with(CASE, "montant_ttc: \"120.00\"", "montant_ttc: \"120.00\"\n    fichier: pieces/F-1.pdf"),
        &["R023", "factures[1].fichier", "pieces/F-1.pdf"],
    );
}

// ---------------------------------------------------------------------------------------------
// A legitimate large claim

/// 10 000 invoices, 20 of them partly paid, a mise en demeure received: a big but valid claim.
/// (Each payment costs a sort of every invoice in `claim::imputation`: 1 000 payments take
/// about 15 s in a debug build, hence 20 here.)
fn ten_thousand_invoices() -> String {
    let mut text = with(CASE, "factures:\n", "conditions: { source: cgv }\nfactures:\n");
    let first = text.find("  - numero: F-1").expect("invoice");
    text.truncate(first);
    let mut payments = String::from("paiements:\n");
    for i in 0..10_000u32 {
        let day = 1 + i % 28;
        text.push_str(&format!(
            "  - {{ numero: F-{i:05}, date: 2026-05-{day:02}, echeance: 2026-06-{day:02}, montant_ht: \"{}.50\", montant_tva: \"{}.10\", montant_ttc: \"{}.60\" }}\n",
            100 + i % 900,
            20 + i % 180,
            120 + i % 900 + i % 180,
        ));
        if i % 500 == 0 {
            payments.push_str(&format!("  - {{ date: 2026-07-{day:02}, montant: \"50.00\", facture: F-{i:05} }}\n"));
        }
    }
    text.push_str(&payments);
    text.push_str("mise_en_demeure: { date: 2026-09-01, date_reception: 2026-09-03 }\n");
    text
}

#[test]
fn ten_thousand_invoices_still_work() {
    let ws = Ws::new();
    ws.case(ten_thousand_invoices());
    let case: OsString = ws.case_file().into();
    let mut statement = String::new();
    for args in [vec!["check".into(), case.clone()], vec!["decompte".into(), case, "--format".into(), "csv".into()]] {
        let outcome = ws.run(&args);
        assert_eq!(outcome.code, Some(0), "{args:?}:\n{}", outcome.stderr);
        eprintln!(
            "10 000 factures, recouvre {:?} : {:.1} s, mémoire max {} Mo",
            args[0],
            outcome.elapsed.as_secs_f64(),
            outcome.peak_rss_kb / 1024
        );
        assert!(outcome.peak_rss_kb < 300 * 1024, "{} MB", outcome.peak_rss_kb / 1024);
        statement = outcome.stdout;
    }
    assert!(statement.contains("F-09999"), "every invoice in the décompte");
}

// ---------------------------------------------------------------------------------------------
// Where the dossier goes

#[test]
fn output_inside_the_case_folder_leaves_inputs_untouched() {
    let ws = Ws::new();
    ws.write("cas/pieces/contrat.pdf", pdf(1));
    ws.case(with(
        CASE,
        "factures:\n",
        "pieces:\n  - { intitule: Contrat, fichier: pieces/contrat.pdf, role: contrat }\nfactures:\n",
    ));
    let inputs =
        || tree(&ws.case_dir()).into_iter().filter(|(p, _)| !p.starts_with("HOSTILE")).collect::<BTreeMap<_, _>>();
    let before = inputs();
    for _ in 0..2 {
        let outcome = ws.run(&["build".into(), ws.case_file().into(), "-o".into(), ws.case_dir().into()]);
        assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
        assert_eq!(before, inputs(), "an input changed");
        assert!(ws.case_dir().join("HOSTILE/historique.json").is_file());
    }
}

#[test]
fn output_folder_that_is_the_case_folder_is_refused() {
    // The dossier would go to cas/../HOSTILE = the case folder itself, named like the reference.
    let ws = Ws::new();
    ws.write("HOSTILE/case.yaml", CASE);
    ws.refused_with(
        &["build".into(), ws.root.join("HOSTILE/case.yaml").into(), "-o".into(), ws.root.clone().into()],
        &["fichier d'entrée"],
    );
}

#[test]
fn a_users_file_beside_the_builds_survives_and_one_inside_a_build_blocks_its_rebuild() {
    let ws = Ws::new();
    ws.case(CASE);
    let notes = ws.write("sortie/HOSTILE/mes-notes.txt", "à garder");
    let built = ws.run(&ws.build_args(&[]));
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    assert_eq!(std::fs::read_to_string(&notes).expect("notes"), "à garder");
    let folders: Vec<PathBuf> = std::fs::read_dir(ws.out().join("HOSTILE"))
        .expect("read")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("manifest.json").is_file())
        .collect();
    assert_eq!(folders.len(), 1, "one build folder: {folders:?}");
    // The same build again: its folder now holds a file recouvre did not write.
    std::fs::write(folders[0].join("annotations.txt"), "à garder aussi").expect("write");
    ws.refused(&["annotations.txt", "n'a pas été écrit par recouvre", "ne sera pas remplacé"]);
    assert_eq!(std::fs::read_to_string(&notes).expect("notes"), "à garder");
}

#[test]
fn output_target_that_is_a_file_is_refused() {
    let ws = Ws::new();
    ws.case(CASE);
    ws.write("sortie/HOSTILE", "un fichier");
    ws.refused(&["HOSTILE", "n'a pas été créé par recouvre"]);
}

#[cfg(unix)]
#[test]
fn output_target_that_is_a_symlink_is_refused() {
    let ws = Ws::new();
    ws.case(CASE);
    ws.write("ailleurs/garder.txt", "à garder");
    std::fs::create_dir_all(ws.out()).expect("mkdir");
    std::os::unix::fs::symlink(ws.root.join("ailleurs"), ws.out().join("HOSTILE")).expect("symlink");
    ws.refused(&["HOSTILE", "n'a pas été créé par recouvre"]);
}

#[test]
fn output_that_is_a_file_is_refused() {
    let ws = Ws::new();
    ws.case(CASE);
    ws.write("sortie", "un fichier");
    ws.refused(&["sortie"]);
}

#[test]
fn data_dump_over_the_case_file_is_refused() {
    let ws = Ws::new();
    ws.case(CASE);
    let case = ws.case_file();
    ws.refused_with(&ws.build_args(&["--donnees", case.to_str().expect("utf-8")]), &["case.yaml", "--donnees"]);
}

// ---------------------------------------------------------------------------------------------
// Templates (--templates) trying to reach what they were not given

/// Builds the court case with a pièce and `main.typ` replaced by `main`; refused naming `names`.
fn refused_template(main: &str, extra: &[(&str, &str)], names: &[&str]) -> Outcome {
    let ws = Ws::new();
    ws.write("cas/pieces/contrat.pdf", pdf(1));
    ws.case(court_with_piece("pieces/contrat.pdf"));
    ws.write("modeles/main.typ", main);
    for (name, text) in extra {
        ws.write(&format!("modeles/{name}"), text);
    }
    let templates = ws.root.join("modeles");
    let outcome = ws.refused_with(&ws.build_args(&["--templates", templates.to_str().expect("utf-8")]), names);
    assert!(!outcome.stderr.contains("root:x:0"), "a file outside the root was read:\n{}", outcome.stderr);
    outcome
}

#[test]
fn template_reading_etc_passwd_is_refused() {
    refused_template("#read(\"/etc/passwd\")", &[], &["main.typ:1:", "etc/passwd"]);
}

#[test]
fn template_reading_above_its_root_is_refused() {
    refused_template("#read(\"../../x\")", &[], &["main.typ:1:"]);
}

#[test]
fn template_reading_the_case_file_by_its_path_is_refused() {
    let outcome = refused_template("#read(\"/cas/case.yaml\") #read(\"../cas/case.yaml\")", &[], &["main.typ:1:"]);
    assert!(!outcome.stderr.contains("Créancier Test"));
}

#[test]
fn template_reading_a_piece_it_was_not_given_is_refused() {
    // Pièces 1 to 5 are registered for this compilation; pièce 9 does not exist in it.
    refused_template("#image(\"/pieces/9.pdf\")", &[], &["main.typ:1:"]);
}

#[test]
fn template_shipping_its_own_data_is_not_read() {
    // A data.json beside the templates must not replace the case's data.
    let main = "#let d = json(\"/data.json\")\n#if d.at(\"falsifie\", default: false) { panic(\"FAUSSES DONNEES LUES\") } else { panic(\"vraies donnees\") }";
    let outcome = refused_template(main, &[("data.json", "{\"falsifie\": true}")], &["main.typ:2:", "vraies donnees"]);
    assert!(!outcome.stderr.contains("FAUSSES DONNEES"));
}

#[test]
fn template_shipping_its_own_piece_is_not_read() {
    let main = "#let b = read(\"/pieces/1.pdf\", encoding: none)\n#if b.len() == 4 { panic(\"FAUSSE PIECE LUE\") } else { panic(\"vraie piece\") }";
    let outcome = refused_template(main, &[("pieces/1.pdf", "faux")], &["main.typ:2:", "vraie piece"]);
    assert!(!outcome.stderr.contains("FAUSSE PIECE"));
}

#[test]
fn template_importing_a_package_is_refused() {
    refused_template("#import \"@preview/cetz:0.3.4\": canvas", &[], &["main.typ:1:"]);
}

#[test]
fn template_recursing_forever_is_refused() {
    refused_template("#let f(n) = f(n + 1)\n#f(0)", &[], &["main.typ:"]);
}

#[test]
fn template_looping_forever_is_refused() {
    refused_template("#let i = 0\n#while i >= 0 { i += 1 }", &[], &["main.typ:"]);
}

#[test]
fn template_shipping_a_file_in_the_pieces_folder_is_not_read() {
    // `/pieces/` is the pièces' folder: a template's own `pieces/9.pdf` may not pass for a pièce.
    refused_template("#read(\"/pieces/9.pdf\")", &[("pieces/9.pdf", "%PDF-1.7 faux")], &["main.typ:1:"]);
}

#[cfg(unix)]
#[test]
fn template_folder_symlink_leaving_it_is_not_followed() {
    let ws = Ws::new();
    ws.case(CASE);
    ws.write("modeles/main.typ", "#read(\"/secret.txt\")");
    std::os::unix::fs::symlink("/etc/passwd", ws.root.join("modeles/secret.txt")).expect("symlink");
    let templates = ws.root.join("modeles");
    let outcome = ws.refused_with(
        &ws.build_args(&["--templates", templates.to_str().expect("utf-8")]),
        &["main.typ:1:", "secret.txt"],
    );
    assert!(!outcome.stderr.contains("root:x:0"));
}

#[test]
fn templates_option_naming_a_file_is_refused() {
    let ws = Ws::new();
    ws.case(CASE);
    let file = ws.write("modeles.typ", "#let x = 1");
    ws.refused_with(&ws.build_args(&["--templates", file.to_str().expect("utf-8")]), &["modeles.typ", "dossier"]);
}

#[test]
fn rates_option_naming_a_directory_is_refused() {
    let ws = Ws::new();
    ws.case(CASE);
    std::fs::create_dir_all(ws.root.join("taux")).expect("mkdir");
    ws.refused_with(
        &["check".into(), ws.case_file().into(), "--taux".into(), ws.root.join("taux").into()],
        &["taux", "fichier ordinaire"],
    );
}

#[cfg(unix)]
#[test]
fn rates_file_is_a_named_pipe_nobody_writes() {
    let ws = Ws::new();
    ws.case(CASE);
    let made = Command::new("mkfifo").arg(ws.root.join("taux.csv")).status();
    if !made.is_ok_and(|s| s.success()) {
        crate::support::skip("tube nommé", "mkfifo");
        return;
    }
    ws.refused_with(
        &["check".into(), ws.case_file().into(), "--taux".into(), ws.root.join("taux.csv").into()],
        &["taux.csv", "fichier ordinaire"],
    );
}
