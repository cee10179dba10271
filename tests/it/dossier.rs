//! The merged dossier and its parts, read back: pages, bookmarks, stamps, numbering, manifest, zip.

use std::collections::BTreeMap;
use std::io::Read;

use recouvre::ground::manifest::Manifest;

use crate::support::{built, pdf_text, squash};

const SAMPLE: &str = "atelier-dupont";

fn page_count(path: &std::path::Path) -> usize {
    lopdf::Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).get_pages().len()
}

/// Titles of the merged PDF's bookmarks, depth first.
fn bookmarks(path: &std::path::Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).expect("pdf");
    let toc = doc.get_toc().unwrap_or_else(|e| panic!("{}: no bookmarks: {e:?}", path.display()));
    toc.toc.into_iter().map(|entry| entry.title).collect()
}

#[test]
fn merged_dossier_holds_every_part_with_bookmarks() {
    let outcome = built(SAMPLE, &[]);
    let merged = outcome.dir.join("dossier-complet.pdf");
    // Every PDF of this build but the merged one.
    let parts: usize = outcome
        .files
        .iter()
        .filter(|f| f.chemin.ends_with(".pdf") && f.chemin != "dossier-complet.pdf")
        .map(|f| f.pages)
        .sum();
    let cover_and_contents = 2;
    assert_eq!(page_count(&merged), parts + cover_and_contents, "merged = sum of parts + cover and contents");
    let marks = bookmarks(&merged);
    let documents = outcome
        .files
        .iter()
        .filter(|f| !f.chemin.starts_with("pieces/") && f.chemin.ends_with(".pdf") && f.chemin != "dossier-complet.pdf")
        .count();
    let pieces = outcome.files.iter().filter(|f| f.piece.is_some()).count();
    let piece_marks = marks.iter().filter(|m| m.starts_with("Pièce n°")).count();
    assert_eq!(piece_marks, pieces, "one bookmark per pièce: {marks:#?}");
    assert!(marks.len() >= documents + pieces, "one bookmark per document and pièce: {marks:#?}");
}

#[test]
fn every_piece_page_is_stamped_and_numbers_agree() {
    let outcome = built(SAMPLE, &[]);
    let requete = squash(&pdf_text(&outcome.dir.join("01-requete-injonction-de-payer.pdf")));
    let rows = bordereau_rows(&pdf_text(&outcome.dir.join("02-bordereau-de-pieces.pdf")));
    let pieces: Vec<_> = outcome.files.iter().filter_map(|f| f.piece.map(|n| (n, f.pages))).collect();
    assert_eq!(
        rows.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        (1..=pieces.len()).collect::<Vec<_>>(),
        "the bordereau lists pièces 1 to N in order, once each: {rows:?}"
    );
    for f in outcome.files.iter().filter(|f| f.piece.is_some()) {
        let n = f.piece.expect("pièce");
        let text = pdf_text(&outcome.dir.join(&f.chemin));
        for page in 1..=f.pages {
            let stamp = squash(&format!("Pièce n° {n} — page {page} / {}", f.pages));
            assert!(
                squash(&text).contains(&stamp),
                "{}: stamp « Pièce n° {n} — page {page} / {} » missing",
                f.chemin,
                f.pages
            );
        }
        assert!(squash(&text).contains(&squash("DOS-2026-014")), "{}: case reference on the stamp", f.chemin);
        let row = rows.iter().find(|(number, _)| *number == n).map(|(_, pages)| *pages);
        assert_eq!(row, Some(f.pages), "bordereau row of pièce {n} gives its page count");
        assert!(cited_numbers(&requete).contains(&n), "requête cites pièce {n}");
    }
}

#[test]
fn manifest_hashes_match_and_zip_holds_exactly_the_manifest() {
    let outcome = built(SAMPLE, &[]);
    let manifest = Manifest::read(&outcome.dir).expect("manifest");
    let mut expected: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for f in &manifest.fichiers {
        let bytes = std::fs::read(outcome.dir.join(&f.chemin)).expect("file of the manifest");
        assert_eq!(recouvre::ground::hash::sha256_hex(&bytes), f.sha256, "{}", f.chemin);
        assert_eq!(bytes.len() as u64, f.octets, "{}", f.chemin);
        expected.insert(f.chemin.clone(), bytes);
    }
    for f in manifest.fichiers.iter().filter(|f| f.piece.is_some()) {
        assert!(
            !f.sources.is_empty() || f.role.contains("releve") || f.chemin.contains("releve"),
            "{}: source hashes",
            f.chemin
        );
    }
    expected.insert("manifest.json".into(), std::fs::read(outcome.dir.join("manifest.json")).expect("manifest"));
    let zip = std::fs::File::open(outcome.dir.join("DOS-2026-014.zip")).expect("zip");
    let mut archive = zip::ZipArchive::new(zip).expect("zip archive");
    let mut names = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().map(|n| n.to_string()).expect("name");
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        assert!(expected.get(&name) == Some(&bytes), "zip entry {name} differs from the file");
        names.push(name);
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries sorted");
    assert_eq!(
        names,
        expected.keys().cloned().collect::<Vec<_>>(),
        "zip holds exactly the manifest's files and the manifest"
    );
    assert_eq!(manifest.version, env!("CARGO_PKG_VERSION"));
}

/// The rows of a bordereau's table, as (pièce number, pages): lines that start with a number and end
/// with one (`4 Devis signé n° D-2026-017 02/04/2026 1`).
fn bordereau_rows(text: &str) -> Vec<(usize, usize)> {
    text.lines()
        .filter_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let (first, last) = (words.first()?, words.last()?);
            (words.len() >= 3).then_some(())?;
            Some((first.parse().ok()?, last.parse().ok()?))
        })
        .collect()
}

/// The pièce numbers a squashed text cites: `n°4`, `n°8et9`, `n°1à3` (a range).
fn cited_numbers(squashed: &str) -> std::collections::BTreeSet<usize> {
    let mut cited = std::collections::BTreeSet::new();
    for (at, _) in squashed.match_indices("n°") {
        let rest = &squashed[at + "n°".len()..];
        let digits = |s: &str| -> (Option<usize>, usize) {
            let len = s.chars().take_while(char::is_ascii_digit).count();
            (s[..len].parse().ok(), len)
        };
        let (Some(first), len) = digits(rest) else { continue };
        cited.insert(first);
        let rest = &rest[len..];
        if let Some(after) = rest.strip_prefix('à')
            && let (Some(last), _) = digits(after)
        {
            cited.extend(first..=last);
        } else if let Some(after) = rest.strip_prefix("et")
            && let (Some(second), _) = digits(after)
        {
            cited.insert(second);
        }
    }
    cited
}
