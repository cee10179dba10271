//! What the commands print, in French: diagnostics to stderr, results to stdout.

use std::fmt::Write;

use crate::diag::Diagnostics;
use crate::format::{date_fr, euros};
use crate::pipeline::{Outcome, Prepared};
use crate::plan::Plan;

/// Every diagnostic, one block each, then nothing else: the caller prints its own summary.
pub fn diagnostics(diagnostics: &Diagnostics) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

pub fn built(outcome: &Outcome) {
    if let Some(from) = outcome.waiting_until {
        println!("Dossier {} — étape : {}", outcome.reference, outcome.step.label());
        println!("Aucune demande construite : rien n'est exigible avant le {}.", date_fr(from));
        return;
    }
    println!("Dossier {} — étape : {}", outcome.reference, outcome.step.label());
    let total = if outcome.step.is_insolvency() { "Total déclaré" } else { "Total réclamé" };
    println!("{total} : {}", euros(outcome.total_due));
    println!("Écrit dans {} :", outcome.dir.display());
    for f in &outcome.files {
        let piece = f.piece.map(|n| format!(" (pièce n° {n})")).unwrap_or_default();
        match f.pages {
            0 => println!("  {}{piece}", f.chemin),
            1 => println!("  {}{piece} — 1 page", f.chemin),
            n => println!("  {}{piece} — {n} pages", f.chemin),
        }
    }
    println!("  manifest.json");
    println!("  {}.zip", outcome.reference);
    if let Some(root) = outcome.dir.parent() {
        println!("Historique des dossiers construits : {}", root.join("historique.json").display());
    }
}

pub fn plan_text(prepared: &Prepared, plan: &Plan) -> String {
    let mut s = String::new();
    let case = &prepared.case;
    let _ =
        writeln!(s, "Dossier {} — {} contre {}", case.reference, case.creditor.display_name, case.debtor.display_name);
    // The amount the documents state: what the title grants, or what a déclaration declares.
    let claim = &prepared.claim;
    let total = crate::plan::enforcement::total_due(claim, plan.step);
    let later = claim.upcoming_principal();
    let liquidation = case.open_liquidation().is_some();
    let _ = match plan.step.is_insolvency() {
        true if !later.is_zero() => writeln!(
            s,
            "Montant déclaré : {} ({} échus au {} + {} {})",
            euros(total),
            euros(claim.totals.total_due),
            date_fr(claim.computed_on),
            euros(later),
            if liquidation {
                "rendus exigibles par le jugement de liquidation, art. L. 643-1 C. com."
            } else {
                "à échoir"
            }
        ),
        true => writeln!(s, "Montant déclaré : {}, échu au {}", euros(total), date_fr(claim.computed_on)),
        false => writeln!(s, "Montant dû au {} : {}", date_fr(claim.computed_on), euros(total)),
    };
    let _ = writeln!(s, "\nÉtape : {}", plan.step_label);
    for r in &plan.reasons {
        let _ = writeln!(s, "  - {r}");
    }
    if let Some(deadline) = plan.service_deadline {
        let _ = writeln!(
            s,
            "\nÀ signifier au plus tard le {} : passé ce jour, l'ordonnance est non avenue (art. 1411 CPC)",
            date_fr(deadline)
        );
    }
    if let Some(court) = &plan.court {
        let _ = writeln!(s, "\nJuridiction : {}", court.name);
        for r in &court.reasons {
            let _ = writeln!(s, "  - {r}");
        }
    }
    let _ = writeln!(s, "\nDocuments produits ({}) :", plan.recipient);
    for d in &plan.documents {
        let _ = writeln!(s, "  {} — {}", d.output, d.title);
    }
    if !plan.pieces.is_empty() {
        let _ = writeln!(s, "\nPièces :");
        for p in &plan.pieces {
            let _ = writeln!(s, "  n° {} — {}", p.number, p.title);
        }
    }
    if plan.merged {
        let _ = writeln!(s, "  dossier-complet.pdf — tout le dossier en un PDF");
    }
    if !plan.next.is_empty() {
        let _ = writeln!(s, "\nEnsuite :");
        for n in &plan.next {
            let _ = writeln!(s, "  - {n}");
        }
    }
    s
}

pub fn rules_table() -> String {
    let mut s = String::new();
    for rule in crate::rules::ALL {
        let level = match rule.level {
            crate::diag::Level::Error => "erreur",
            crate::diag::Level::Warning => "avertissement",
        };
        let _ = writeln!(s, "{}  {:<13}  {}", rule.code, level, rule.title);
    }
    s
}

/// Writes the portfolio to `out` (or stdout); lists the cases that could not be read on stderr
/// unless the table already shows them.
pub fn suivi_written(
    portfolio: &crate::suivi::Portfolio,
    text: &str,
    out: Option<&std::path::Path>,
    table: bool,
) -> Result<(), Diagnostics> {
    match out {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| {
                crate::diag::Diagnostic::error(format!("écriture impossible : {}", crate::ground::files::io_reason(&e)))
                    .in_file(path)
            })?;
            eprintln!("Suivi de {} cas écrit dans {}", portfolio.rows.len(), path.display());
        }
        None => print!("{text}"),
    }
    if !table || out.is_some() {
        for f in &portfolio.failures {
            eprintln!("cas non lu : {}", f.file);
            for e in &f.errors {
                eprintln!("  {e}");
            }
        }
    }
    Ok(())
}
