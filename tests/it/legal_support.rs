//! Helpers for the tests of issue 13 (legal finish): every sample built once by the binary, as a
//! user runs it, and its documents read back as text, page by page.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use rust_decimal::Decimal;
use serde_json::Value;

use crate::support::{recouvre, sample};

type Cell = Arc<OnceLock<PathBuf>>;
static BUILT: LazyLock<Mutex<HashMap<String, Cell>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// `recouvre build samples/<name>/case.yaml -o <tmp>`, once per sample: the dossier's folder.
pub fn built_by_binary(name: &str) -> PathBuf {
    let cell = BUILT.lock().expect("lock").entry(name.to_string()).or_default().clone();
    cell.get_or_init(|| {
        let out = crate::support::shared_out().join("by-binary").join(name);
        let run = recouvre().arg("build").arg(sample(name)).arg("-o").arg(&out).output().expect("recouvre build");
        assert!(run.status.success(), "recouvre build {name}: {}", String::from_utf8_lossy(&run.stderr));
        // The dossier is the one folder under the output holding a manifest (`<reference>/<build>/`).
        let mut dirs: Vec<PathBuf> = Vec::new();
        let mut todo = vec![out.clone()];
        while let Some(dir) = todo.pop() {
            if dir.join("manifest.json").is_file() {
                dirs.push(dir);
                continue;
            }
            todo.extend(std::fs::read_dir(&dir).expect("output").flatten().map(|e| e.path()).filter(|p| p.is_dir()));
        }
        assert_eq!(dirs.len(), 1, "one dossier folder for {name}: {dirs:?}");
        dirs.remove(0)
    })
    .clone()
}

/// `recouvre decompte samples/<name>/case.yaml --format json`.
pub fn decompte_json(name: &str) -> Value {
    let run = recouvre().arg("decompte").arg(sample(name)).args(["--format", "json"]).output().expect("decompte");
    assert!(run.status.success(), "recouvre decompte {name}: {}", String::from_utf8_lossy(&run.stderr));
    serde_json::from_slice(&run.stdout).expect("JSON")
}

pub fn text_of(path: &Path) -> String {
    crate::support::pdf_text(path)
}

/// The text of each page of a PDF.
pub fn page_texts(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `1 234,56 €`, as the documents print an amount.
pub fn euros_fr(value: Decimal) -> String {
    recouvre::format::euros(value)
}

/// The documents recouvre generated in a built dossier, as its manifest lists them: every PDF
/// made from no supplied file (letters, requête, décompte, relevés…), not the merged dossier.
pub fn generated_documents(dossier: &Path) -> Vec<PathBuf> {
    let manifest: Value = serde_json::from_slice(&std::fs::read(dossier.join("manifest.json")).expect("manifest"))
        .expect("manifest JSON");
    let mut files: Vec<PathBuf> = manifest["fichiers"]
        .as_array()
        .expect("fichiers")
        .iter()
        .filter(|f| f.get("sources").is_none_or(|s| s.as_array().is_none_or(Vec::is_empty)))
        .filter_map(|f| f["chemin"].as_str())
        .filter(|p| p.ends_with(".pdf") && *p != "dossier-complet.pdf")
        .map(|p| dossier.join(p))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}: no generated document", dossier.display());
    files
}
