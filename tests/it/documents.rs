//! Every document, built from the samples and read back as text: each mandatory mention listed
//! in `tests/mentions/<document>.txt` must be there, with the sample's real values.
//!
//! Format of a mentions file: `@ <sample> <file in the dossier> [build arguments…]` starts a
//! block; each following line (not empty, not `#`) is a mention; a line starting with `!` is
//! text that must not appear (a consumer's letter never claims the 40 € indemnity).

use crate::support::{assert_absent, assert_mentions, built, pdf_text, root, sample_names};

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
        assert_absent(&what, &text, &block.absent);
    }
}

/// The text of every generated document of every sample, as a reviewed snapshot: any change to a
/// document's wording or figures shows up in review (`cargo insta review`).
#[test]
fn generated_documents_text_is_reviewed() {
    for sample in sample_names() {
        let sample = sample.as_str();
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

#[test]
fn mentions_match_whole_words_only() {
    let text = "Pénalités  140,94 €\nTotal réclamé 2 604,94 €, une remise en\ndemeure";
    assert!(crate::support::contains_words(text, "140,94 €"));
    assert!(crate::support::contains_words(text, "Total réclamé 2 604,94 €"), "spaces and breaks are ignored");
    assert!(crate::support::contains_words(text, "remise en demeure"));
    assert!(!crate::support::contains_words(text, "40,94 €"), "a number inside a larger one is not a mention");
    assert!(!crate::support::contains_words(text, "604,9"), "nor a truncated one");
    assert!(!crate::support::contains_words(text, "mise en demeure"), "nor a word inside a longer one");
    assert!(!crate::support::contains_words(text, ""), "an empty mention is never found");
}
