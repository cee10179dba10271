//! Real PDFs written by others (../shared/corpus): each is embedded as a pièce with every page,
//! or refused with a message naming the file — never a panic, never a missing page.

use std::path::{Path, PathBuf};

use crate::support::{engine, request, root};

fn corpus() -> Option<PathBuf> {
    let dir = root().join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    files
}

/// A court case whose only extra pièce is `file`.
fn case_with_piece(dir: &Path, file: &Path) -> PathBuf {
    std::fs::create_dir_all(dir.join("pieces")).expect("mkdir");
    std::fs::copy(file, dir.join("pieces/piece.pdf")).expect("copy");
    crate::support::copy_court_proofs(dir);
    let text = std::fs::read_to_string(root().join("tests/fixtures/valid/tribunal.yaml")).expect("fixture");
    let text = crate::support::with_notice_letter(&text)
        .replace("pieces: []", "pieces:\n  - { intitule: Pièce du corpus, fichier: pieces/piece.pdf, role: contrat }");
    let case = dir.join("case.yaml");
    std::fs::write(&case, text).expect("write");
    case
}

#[test]
fn every_corpus_pdf_is_embedded_whole_or_refused_by_name() {
    let Some(dir) = corpus() else {
        crate::support::skip("corpus", "../shared/corpus");
        return;
    };
    let mut report = Vec::new();
    for file in pdfs(&dir) {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let pages = hayro_syntax::Pdf::new(std::fs::read(&file).expect("read")).map(|p| p.pages().len()).ok();
        let work = tempfile::tempdir().expect("tempdir");
        let case = case_with_piece(work.path(), &file);
        match recouvre::pipeline::build(engine(), &request(&case, &work.path().join("out"), &[])) {
            Ok(outcome) => {
                let piece = outcome
                    .files
                    .iter()
                    .find(|f| f.sources.iter().any(|s| s.chemin == "pieces/piece.pdf"))
                    .expect("the stamped pièce made from the corpus file");
                assert_eq!(Some(piece.pages), pages, "{name}: every page embedded");
                report.push(format!("{name}: intégré, {} page(s)", piece.pages));
            }
            Err(errors) => {
                let text = errors.to_string();
                assert!(text.contains("pieces/piece.pdf"), "{name}: the refusal names the file:\n{text}");
                report.push(format!("{name}: refusé — {}", text.lines().next().unwrap_or_default()));
            }
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(report.len() >= 20, "the corpus has at least 20 PDFs");
}
