//! What the tests share: building samples once, reading PDFs back as text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use chrono::NaiveDate;
use recouvre::pipeline::{Engine, Outcome, Request};
use recouvre::plan::{Destination, Step};

/// The repository root (where Cargo.toml is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every sample: each folder of `samples/` holding a `case.yaml`, sorted, so that a new sample is
/// tested without editing any test.
pub fn sample_names() -> Vec<String> {
    let dir = root().join("samples");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter(|e| e.path().join("case.yaml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 6, "samples/ holds at least the six documented samples, found {names:?}");
    names
}

pub fn sample(name: &str) -> PathBuf {
    root().join("samples").join(name).join("case.yaml")
}

/// A fixed "today": cases carry their own date; this only matters for cases without one.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::embedded);
type Built = Arc<OnceLock<Result<Outcome, String>>>;
static BUILT: LazyLock<Mutex<HashMap<String, Built>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// This test process's folder for the builds its tests share, which live as long as the process.
/// A static is never dropped, so a `TempDir` here would leak ≈ 50 MB per run: instead each process
/// holds a lock on its folder under `target/tmp/`, and the next run removes the folders whose lock
/// is free (their process has ended, however it ended).
pub fn shared_out() -> &'static Path {
    static DIR: LazyLock<(PathBuf, std::fs::File)> = LazyLock::new(|| {
        let parent = Path::new(env!("CARGO_TARGET_TMPDIR")).join("it-builds");
        std::fs::create_dir_all(&parent).expect("mkdir target/tmp/it-builds");
        for entry in std::fs::read_dir(&parent).expect("read target/tmp/it-builds").flatten() {
            let lock = std::fs::File::open(entry.path().join(".lock"));
            // A folder of a process that ended (or one left without a lock file) is removed.
            if lock.as_ref().map_or(true, |f| f.try_lock().is_ok()) {
                std::fs::remove_dir_all(entry.path()).ok();
            }
        }
        let dir = tempfile::Builder::new().prefix("run-").tempdir_in(&parent).expect("tempdir").keep();
        let lock = std::fs::File::create(dir.join(".lock")).expect("lock file");
        lock.lock().expect("lock");
        (dir, lock)
    });
    &DIR.0
}

pub fn engine() -> &'static Engine {
    &ENGINE
}

/// Options a test passes like on the command line: `--etape X`, `--pour Y`.
pub fn request(case: &Path, out: &Path, args: &[&str]) -> Request {
    let mut request = Request::new(case.to_path_buf(), out.to_path_buf(), today());
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let value = it.next().copied().unwrap_or_default();
        match *arg {
            "--etape" => request.step = Some(Step::from_code(value).expect("step")),
            "--pour" => request.destination = Some(Destination::from_code(value).expect("destination")),
            "--niveau" => request.reminder_level = value.parse().ok(),
            other => panic!("unknown test argument {other}"),
        }
    }
    request
}

/// Builds a sample once per set of arguments and returns where it went.
pub fn built(sample_name: &str, args: &[&str]) -> Outcome {
    let key = format!("{sample_name} {}", args.join(" "));
    let cell = BUILT.lock().expect("lock").entry(key.clone()).or_default().clone();
    let result = cell.get_or_init(|| {
        let out = shared_out().join("built").join(key.replace([' ', '-'], "_"));
        recouvre::pipeline::build(engine(), &request(&sample(sample_name), &out, args)).map_err(|d| d.to_string())
    });
    match result {
        Ok(outcome) => outcome.clone(),
        Err(e) => panic!("building {key} failed:\n{e}"),
    }
}

/// A copy of the sample folder `sample` (case and pièces) in a temporary folder, to edit freely.
pub fn copy_sample(sample: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&root().join("samples").join(sample), dir.path());
    dir
}

/// Copies the folder `from` and everything in it to `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The text of a PDF, as a reader's copy-paste would give it.
pub fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    pdf_extract::extract_text_from_mem(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// For matching mentions: no whitespace at all (PDF text breaks lines and spaces anywhere),
/// typographic apostrophes as straight ones.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| if c == '’' { '\'' } else { c }).collect()
}

/// Whether `needle` appears in `text` as whole words: spaces and line breaks are ignored (as in
/// [`squash`]), but a match that continues a number or a word of the text does not count, so
/// « 40,94 € » is not found inside « 140,94 € » nor « mise en demeure » inside « remise en demeure ».
pub fn contains_words(text: &str, needle: &str) -> bool {
    let needle: Vec<char> = squash(needle).chars().collect();
    let Some((&first, &last)) = needle.first().zip(needle.last()) else { return false };
    // The squashed text, each character with its position in the original one.
    let chars: Vec<char> = text.chars().map(|c| if c == '’' { '\'' } else { c }).collect();
    let kept: Vec<usize> = (0..chars.len()).filter(|&i| !chars[i].is_whitespace()).collect();
    // Text extraction glues separate blocks (« DEMANDEURAtelier », « 2026Pour »): only a digit
    // next to a digit or a lowercase letter next to a lowercase letter continues a word.
    let glued = |at: Option<&char>, edge: char| {
        at.is_some_and(|&c| (c.is_ascii_digit() && edge.is_ascii_digit()) || (c.is_lowercase() && edge.is_lowercase()))
    };
    (0..kept.len().saturating_sub(needle.len() - 1)).any(|start| {
        let end = start + needle.len() - 1;
        (start..=end).all(|k| chars[kept[k]] == needle[k - start])
            && !glued(kept[start].checked_sub(1).and_then(|i| chars.get(i)), first)
            && !glued(chars.get(kept[end] + 1), last)
    })
}

/// Asserts every mention appears in the text as whole words, listing all that are missing.
pub fn assert_mentions<S: AsRef<str> + std::fmt::Debug>(what: &str, text: &str, mentions: &[S]) {
    let missing: Vec<&S> = mentions.iter().filter(|m| !contains_words(text, m.as_ref())).collect();
    assert!(missing.is_empty(), "{what}: missing mentions {missing:#?}\n--- text ---\n{text}");
}

/// Asserts no line of `absent` appears in the text as whole words.
pub fn assert_absent<S: AsRef<str> + std::fmt::Debug>(what: &str, text: &str, absent: &[S]) {
    let present: Vec<&S> = absent.iter().filter(|m| contains_words(text, m.as_ref())).collect();
    assert!(present.is_empty(), "{what}: text that must not appear {present:#?}\n--- text ---\n{text}");
}

/// Reports a test that cannot run here because `resource` is missing. Where the resource must be
/// there — CI, which has `../shared` and a full system — the skip is a failure, so that a test can
/// never pass there having checked nothing. The message goes to stdout, which `cargo test` shows
/// for failures and with `--nocapture`.
pub fn skip(test: &str, resource: &str) {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    let shared = root().join("../shared").is_dir();
    assert!(!(ci && shared), "{test} : {resource} absent alors que CI est défini et ../shared présent : échec");
    println!("{test} : {resource} absent, test ignoré");
}

/// Reports a test that cannot run because a system program (`tool`) is not installed. Unlike
/// [`skip`], never a failure, not even under CI: tests need no system package to pass (`.ci/run`
/// installs the ones it can, so that there the check does run). The message goes to stdout.
pub fn skip_without_tool(test: &str, tool: &str) {
    println!("{test} : {tool} n'est pas installé, vérification sautée");
}

/// The environment variable the binary reads its « today » from.
pub const TODAY_VAR: &str = "RECOUVRE_AUJOURDHUI";

/// The recouvre binary, for tests of what the command line prints, with the same fixed « today »
/// as the library tests: no test depends on the wall clock.
pub fn recouvre() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("recouvre").expect("binary");
    cmd.env(TODAY_VAR, today().to_string());
    cmd
}

/// Copies the proofs `tests/fixtures/valid/tribunal.yaml` names (invoice, mise en demeure, AR)
/// into `dir/preuves/`, beside a copy of that case.
pub fn copy_court_proofs(dir: &Path) {
    let from = root().join("tests/fixtures/valid/preuves");
    std::fs::create_dir_all(dir.join("preuves")).expect("mkdir");
    for entry in std::fs::read_dir(&from).expect("tests/fixtures/valid/preuves").flatten() {
        std::fs::copy(entry.path(), dir.join("preuves").join(entry.file_name())).expect("copy proof");
    }
}

/// `tests/fixtures/valid/tribunal.yaml`'s text with the letter of its mise en demeure as sent
/// (`preuves/mise-en-demeure.pdf`, which [`copy_court_proofs`] copies).
pub fn with_notice_letter(text: &str) -> String {
    let ar = "  accuse_reception: preuves/ar.pdf\n";
    assert!(text.contains(ar), "the court fixture names its AR");
    text.replace(ar, &format!("  fichier: preuves/mise-en-demeure.pdf\n{ar}"))
}

/// The folder of the latest build of `reference` under `out` (`out/<reference>/<date>-<étape>/`),
/// as `historique.json` lists it.
pub fn latest_build(out: &Path, reference: &str) -> PathBuf {
    let root = out.join(reference);
    let path = root.join("historique.json");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let history: serde_json::Value = serde_json::from_slice(&bytes).expect("historique.json");
    let builds = history["constructions"].as_array().expect("constructions");
    let last = builds.last().and_then(|b| b["dossier"].as_str()).expect("a build");
    root.join(last)
}
