//! Every PDF recouvre writes passes `qpdf --check` (issue 12, What 10): the documents, the stamped
//! pièces and the merged dossier of every sample. Without qpdf the test says so and passes (tests
//! need no system package); `.ci/run` installs qpdf where it can, so that CI runs the check.
//! Where pdfinfo (poppler) is installed, it must read each file
//! with no message but one: poppler ≤ 25.11 reports « Suspects object is wrong type (boolean) »
//! for `/MarkInfo << /Suspects false >>`, which the PDF specification allows (a reader bug, see
//! the README's known issues).

use std::path::Path;
use std::process::Command;

use crate::support::{built, sample_names, skip_without_tool};

/// The one message poppler prints for a valid `/Suspects false`.
const POPPLER_SUSPECTS: &str = "Syntax Error: Suspects object is wrong type (boolean)";

pub(crate) fn available(tool: &str, arg: &str) -> bool {
    Command::new(tool).arg(arg).output().is_ok_and(|o| o.status.success())
}

pub(crate) fn qpdf_check(pdf: &Path) -> Result<(), String> {
    let out = Command::new("qpdf").arg("--check").arg(pdf).output().map_err(|e| e.to_string())?;
    // 0: no error, 2: errors, 3: warnings.
    match out.status.code() {
        Some(0) => Ok(()),
        code => Err(format!(
            "qpdf --check {} : code {code:?}\n{}{}",
            pdf.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )),
    }
}

fn pdfinfo_messages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| !l.trim().is_empty() && l.trim() != POPPLER_SUSPECTS)
        .map(str::to_string)
        .collect()
}

#[test]
fn every_pdf_of_every_sample_passes_qpdf_check() {
    if !available("qpdf", "--version") {
        skip_without_tool("every_pdf_of_every_sample_passes_qpdf_check", "qpdf");
        return;
    }
    let pdfinfo = available("pdfinfo", "-v");
    let mut checked = 0;
    let mut problems = Vec::new();
    for name in sample_names() {
        let outcome = built(&name, &[]);
        for file in outcome.files.iter().filter(|f| f.chemin.ends_with(".pdf")) {
            let path = outcome.dir.join(&file.chemin);
            if let Err(e) = qpdf_check(&path) {
                problems.push(e);
            }
            if pdfinfo {
                problems
                    .extend(pdfinfo_messages(&path).into_iter().map(|m| format!("pdfinfo {}: {m}", path.display())));
            }
            checked += 1;
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Every sample writes PDFs; the court ones their stamped pièces and the merged dossier.
    assert!(checked >= 40, "{checked} PDF checked");
    println!("{checked} PDF passent qpdf --check{}", if pdfinfo { " et pdfinfo" } else { "" });
}
