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

pub fn sample(name: &str) -> PathBuf {
    root().join("samples").join(name).join("case.yaml")
}

/// A fixed "today": cases carry their own date; this only matters for cases without one.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::embedded);
static OUT: LazyLock<tempfile::TempDir> = LazyLock::new(|| tempfile::tempdir().expect("tempdir"));
type Built = Arc<OnceLock<Result<Outcome, String>>>;
static BUILT: LazyLock<Mutex<HashMap<String, Built>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

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
        let out = OUT.path().join(key.replace([' ', '-'], "_"));
        recouvre::pipeline::build(engine(), &request(&sample(sample_name), &out, args)).map_err(|d| d.to_string())
    });
    match result {
        Ok(outcome) => outcome.clone(),
        Err(e) => panic!("building {key} failed:\n{e}"),
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

/// Asserts every mention appears in the text, listing all that are missing.
pub fn assert_mentions(what: &str, text: &str, mentions: &[String]) {
    let haystack = squash(text);
    let missing: Vec<&String> = mentions.iter().filter(|m| !haystack.contains(&squash(m))).collect();
    assert!(missing.is_empty(), "{what}: missing mentions {missing:#?}\n--- text ---\n{text}");
}

/// The recouvre binary, for tests of what the command line prints.
pub fn recouvre() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("recouvre").expect("binary")
}
