//! Issue 13 (proof, ladder, enforcement): a sample copied and edited, then run through the binary
//! (`recouvre plan --format json`, `recouvre build`) and read back as a user would.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{pdf_text, recouvre};

/// A copy of a sample folder (case file and pièces) whose case file an edit has rewritten.
pub struct Variant {
    pub dir: tempfile::TempDir,
}

impl Variant {
    /// `edits`: (text, replacement) pairs, each of which must be found in the case file.
    pub fn of(sample: &str, edits: &[(&str, &str)]) -> Self {
        let dir = crate::support::copy_sample(sample);
        let case = dir.path().join("case.yaml");
        let mut text = std::fs::read_to_string(&case).expect("read case");
        for (from, to) in edits {
            assert!(text.contains(from), "{sample}: « {from} » not in case.yaml");
            text = text.replace(from, to);
        }
        std::fs::write(&case, text).expect("write case");
        Self { dir }
    }

    pub fn case(&self) -> PathBuf {
        self.dir.path().join("case.yaml")
    }

    /// `recouvre plan --format json` on this variant.
    pub fn plan(&self, args: &[&str]) -> Run {
        plan_json(&self.case(), args)
    }

    /// `recouvre build` on this variant, into a folder of its own.
    pub fn build(&self, args: &[&str]) -> Built {
        build(&self.case(), &self.dir.path().join("sortie"), args)
    }
}

/// What a command printed.
pub struct Run {
    pub code: Option<i32>,
    pub json: Value,
    pub stderr: String,
}

impl Run {
    /// The diagnostics lines of rule `code` (« erreur R048: … », « avertissement R049: … »).
    pub fn lines_of(&self, code: &str) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.contains(&format!(" {code}: "))).collect()
    }
}

pub fn plan_json(case: &Path, args: &[&str]) -> Run {
    let out = tempfile::tempdir().expect("tempdir");
    let output = recouvre()
        .arg("plan")
        .arg(case)
        .args(["--format", "json", "-o"])
        .arg(out.path())
        .args(args)
        .output()
        .expect("run recouvre plan");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    Run {
        code: output.status.code(),
        json: serde_json::from_str(&stdout).unwrap_or(Value::Null),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A build through the binary: its exit code, what it printed, and where the dossier went.
pub struct Built {
    pub code: Option<i32>,
    pub stderr: String,
    pub dir: PathBuf,
    /// The output folder, when this build owns it: removed when the `Built` is dropped.
    _out: Option<tempfile::TempDir>,
}

impl Built {
    /// The text of one generated file of the dossier, found by the end of its name.
    pub fn text(&self, suffix: &str) -> String {
        let found = std::fs::read_dir(&self.dir)
            .unwrap_or_else(|e| panic!("{}: {e}\n{}", self.dir.display(), self.stderr))
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().ends_with(suffix)));
        let path = found.unwrap_or_else(|| panic!("no *{suffix} in {}", self.dir.display()));
        pdf_text(&path)
    }

    /// The files of the dossier, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.dir)
            .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        names.sort();
        names
    }
}

pub fn build(case: &Path, out: &Path, args: &[&str]) -> Built {
    let output = recouvre().arg("build").arg(case).arg("-o").arg(out).args(args).output().expect("run recouvre build");
    let text = std::fs::read_to_string(case).unwrap_or_default();
    let reference = text
        .lines()
        .find_map(|l| l.strip_prefix("reference: "))
        .map(|r| r.trim().trim_matches('"').to_string())
        .unwrap_or_default();
    let code = output.status.code();
    // A build goes to `out/<reference>/<date>-<étape>/`; a refused one writes nothing.
    let dir = if code == Some(0) { crate::support::latest_build(out, &reference) } else { out.join(reference) };
    Built { code, stderr: String::from_utf8_lossy(&output.stderr).into_owned(), dir, _out: None }
}

/// A sample as it is, through the binary (each call its own output folder).
/// [`sample_build`], which must succeed: its exit code is asserted, with its stderr.
pub fn sample_built(name: &str, args: &[&str]) -> Built {
    let built = sample_build(name, args);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    built
}

pub fn sample_build(name: &str, args: &[&str]) -> Built {
    let out = tempfile::tempdir().expect("tempdir");
    let built = build(&crate::support::sample(name), out.path(), args);
    Built { _out: Some(out), ..built }
}

/// The assignation says established only what a produced pièce proves (review 5, CT-2026-044): the
/// contestation-tj sample has a quote and invoices but no proof of execution; with a procès-verbal
/// de réception among its pièces, execution is established too.
#[test]
fn the_summons_claims_execution_only_when_a_piece_proves_it() {
    use crate::support::contains_words;
    let plain = sample_built("contestation-tj", &[]).text("assignation-en-paiement.pdf");
    assert!(
        contains_words(&plain, "par les pièces produites, la commande et la facturation des prestations"),
        "{plain}"
    );
    assert!(!contains_words(&plain, "l'exécution et la facturation"), "{plain}");
    assert!(!contains_words(&plain, "ont été exécutées"), "{plain}");

    let cgv = "  - { intitule: Conditions générales de vente, fichier: pieces/cgv.pdf, role: cgv }\n";
    let pv =
        "  - { intitule: Procès-verbal de réception, date: 2026-07-01, fichier: pieces/cgv.pdf, role: livraison }\n";
    let variant = Variant::of("contestation-tj", &[(cgv, &format!("{cgv}{pv}"))]);
    let with_pv = variant.build(&[]);
    assert_eq!(with_pv.code, Some(0), "{}", with_pv.stderr);
    let text = with_pv.text("assignation-en-paiement.pdf");
    assert!(contains_words(&text, "la commande, l'exécution et la facturation des prestations"), "{text}");
    assert!(
        contains_words(&text, "les pièces produites établissent la commande, l'exécution et la facturation"),
        "{text}"
    );
}
