//! The parties as a court names them (issue 13, points 9 and 10): a sole trader (EI) is the
//! person, « exerçant sous le nom commercial … », with its registration; a consumer is addressed
//! by civility and told the two years of art. L. 218-2 C. conso. Built through the binary.

use std::path::{Path, PathBuf};

use crate::legal_support::{built_by_binary, generated_documents, text_of};
use crate::support::{contains_words, recouvre, root};

/// The attente-delai sample (an EI debtor) once its deadline has run, with the pièces a court
/// dossier needs (copies taken from the main sample, as a user would supply them).
fn sole_trader_court_dossier(out: &Path) -> PathBuf {
    let case_dir = out.join("cas");
    std::fs::create_dir_all(case_dir.join("pieces")).expect("case folder");
    let pieces = root().join("samples/atelier-dupont/pieces");
    for (from, to) in [
        ("F-2026-0042.pdf", "facture.pdf"),
        ("mise-en-demeure.pdf", "mise-en-demeure.pdf"),
        ("ar-mise-en-demeure.png", "ar.png"),
        ("devis-D-2026-017.pdf", "devis.pdf"),
    ] {
        std::fs::copy(pieces.join(from), case_dir.join("pieces").join(to)).expect("copy pièce");
    }
    let text = std::fs::read_to_string(root().join("samples/attente-delai/case.yaml")).expect("sample");
    let text = text
        .replace("date_calcul: 2026-11-23", "date_calcul: 2026-12-01")
        .replace("    montant_ttc: \"2880.00\"\n", "    montant_ttc: \"2880.00\"\n    fichier: pieces/facture.pdf\n")
        .replace(
            "  date_reception: 2026-11-18\n",
            "  date_reception: 2026-11-18\n  fichier: pieces/mise-en-demeure.pdf\n  accuse_reception: pieces/ar.png\n",
        );
    let text = format!(
        "{text}\npieces:\n  - {{ intitule: Devis accepté n° D-7, date: 2026-08-20, fichier: pieces/devis.pdf, role: devis }}\n"
    );
    std::fs::write(case_dir.join("case.yaml"), text).expect("case");
    let output = out.join("sortie");
    let run = recouvre().arg("build").arg(case_dir.join("case.yaml")).arg("-o").arg(&output).output().expect("build");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let mut todo = vec![output];
    while let Some(dir) = todo.pop() {
        if dir.join("manifest.json").is_file() {
            return dir;
        }
        todo.extend(std::fs::read_dir(&dir).expect("output").flatten().map(|e| e.path()).filter(|p| p.is_dir()));
    }
    panic!("no dossier built");
}

#[test]
fn sole_trader_is_named_as_the_person_with_trade_name_and_registry() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dossier = sole_trader_court_dossier(tmp.path());
    let requete = text_of(&dossier.join("01-requete-injonction-de-payer.pdf"));
    for wanted in [
        "M. Thomas LEFÈVRE, entrepreneur individuel exerçant sous le nom commercial « Primeurs Lefèvre »",
        "immatriculé sous le n° 000 912 394 au RCS d’Aix-en-Provence",
        "M. Thomas Lefèvre demeure à Aix-en-Provence",
        "enjoindre à M. Thomas Lefèvre de payer",
    ] {
        assert!(contains_words(&requete, wanted), "« {wanted} » missing:\n{requete}");
    }
    assert!(!contains_words(&requete, "Primeurs Lefèvre demeure"), "{requete}");
}

#[test]
fn consumer_requete_and_letters_follow_consumer_law() {
    let dossier = built_by_binary("consommateur-tj");
    let requete = text_of(&dossier.join("01-requete-injonction-de-payer.pdf"));
    for wanted in ["délai de deux ans de l’article L. 218-2 du Code de la consommation", "n’expire que le"] {
        assert!(contains_words(&requete, wanted), "« {wanted} » missing:\n{requete}");
    }
    for doc in generated_documents(&dossier) {
        let text = text_of(&doc);
        assert!(!text.contains("au taux légal au taux"), "{}: rate said twice\n{text}", doc.display());
    }
}

/// A letter to Mme Petit says « Madame, », never « Madame, Monsieur, ».
#[test]
fn consumer_letters_are_addressed_by_civility() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let run = recouvre()
        .arg("build")
        .arg(root().join("samples/consommateur-tj/case.yaml"))
        .args(["--etape", "mise_en_demeure", "-o"])
        .arg(tmp.path())
        .output()
        .expect("build");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let mut found = false;
    let mut todo = vec![tmp.path().to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.file_name().is_some_and(|n| n.to_string_lossy().contains("mise-en-demeure")) {
                let text = text_of(&path);
                assert!(contains_words(&text, "Madame,"), "{text}");
                assert!(!contains_words(&text, "Madame, Monsieur"), "{text}");
                found = true;
            }
        }
    }
    assert!(found, "no mise en demeure built");
}
