//! Every document, built from the samples and read back as text: each mandatory mention listed
//! in `tests/mentions/<document>.txt` must be there, with the sample's real values.
//!
//! Format of a mentions file: `@ <sample> <file in the dossier> [build arguments…]` starts a
//! block; each following line (not empty, not `#`) is a mention; a line starting with `!` is
//! text that must not appear (a consumer's letter never claims the 40 € indemnity).

use crate::support::{assert_mentions, built, pdf_text, root, squash};

struct Block {
    file: String,
    sample: String,
    output: String,
    args: Vec<String>,
    mentions: Vec<String>,
    absent: Vec<String>,
}

fn blocks() -> Vec<Block> {
    let dir = root().join("tests/mentions");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("tests/mentions").flatten().map(|e| e.path()).collect();
    files.sort();
    let mut blocks = Vec::new();
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let text = std::fs::read_to_string(path).expect("mentions file");
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            if let Some(head) = line.strip_prefix('@') {
                let mut words = head.split_whitespace().map(str::to_string);
                let (Some(sample), Some(output)) = (words.next(), words.next()) else {
                    panic!("{}: « @ <sample> <file> [args] » expected, got {line}", path.display())
                };
                blocks.push(Block {
                    file: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                    sample,
                    output,
                    args: words.collect(),
                    mentions: Vec::new(),
                    absent: Vec::new(),
                });
            } else {
                let block =
                    blocks.last_mut().unwrap_or_else(|| panic!("{}: mention before any « @ » line", path.display()));
                match line.strip_prefix('!') {
                    Some(absent) => block.absent.push(absent.trim().to_string()),
                    None => block.mentions.push(line.to_string()),
                }
            }
        }
    }
    blocks
}

#[test]
fn every_document_holds_its_mandatory_mentions() {
    let blocks = blocks();
    assert!(!blocks.is_empty(), "no mentions found in tests/mentions");
    for block in blocks {
        let args: Vec<&str> = block.args.iter().map(String::as_str).collect();
        let outcome = built(&block.sample, &args);
        let path = outcome.dir.join(&block.output);
        assert!(
            path.exists(),
            "{}: {} not produced by {} {:?}; files: {:?}",
            block.file,
            block.output,
            block.sample,
            args,
            outcome.files.iter().map(|f| &f.chemin).collect::<Vec<_>>()
        );
        let text = pdf_text(&path);
        let what = format!("{} ({} {})", block.file, block.sample, block.output);
        assert_mentions(&what, &text, &block.mentions);
        let squashed = squash(&text);
        let present: Vec<&String> = block.absent.iter().filter(|a| squashed.contains(&squash(a))).collect();
        assert!(present.is_empty(), "{what}: text that must not appear {present:#?}");
    }
}

/// The text of every generated document of every sample, as a reviewed snapshot: any change to a
/// document's wording or figures shows up in review (`cargo insta review`).
#[test]
fn generated_documents_text_is_reviewed() {
    let samples = [
        "atelier-dupont",
        "relances-en-cours",
        "attente-delai",
        "consommateur-tj",
        "petites-creances",
        "signification",
    ];
    for sample in samples {
        let outcome = built(sample, &[]);
        for file in outcome.files.iter().filter(|f| f.piece.is_none() && f.chemin.ends_with(".pdf")) {
            if file.chemin == "dossier-complet.pdf" {
                continue;
            }
            let text = pdf_text(&outcome.dir.join(&file.chemin));
            let lines: Vec<&str> = text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect();
            let name = format!("text__{sample}__{}", file.chemin.trim_end_matches(".pdf").replace('/', "_"));
            insta::assert_snapshot!(name, lines.join("\n"));
        }
    }
}
