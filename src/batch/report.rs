//! `batch-report.json` and `batch-report.csv`: one line per case, and how to merge the reports of
//! several machines (`--shard`).

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;
use crate::format::{count, plural};

pub const REPORT_JSON: &str = "batch-report.json";
pub const REPORT_CSV: &str = "batch-report.csv";
/// The status shown for a YAML file left out (CSV row, summary).
const SKIPPED_LABEL: &str = "ignoré";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Built now.
    Construit,
    /// Inputs unchanged since the last good build: skipped.
    AJour,
    /// Nothing due yet: no demand built.
    EnAttente,
    Echec,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Construit => "construit",
            Status::AJour => "à jour",
            Status::EnAttente => "en attente",
            Status::Echec => "échec",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseLine {
    /// The case file, relative to the batch folder.
    pub dossier: String,
    pub reference: Option<String>,
    pub statut: Status,
    pub etape: Option<String>,
    pub total_du: Option<String>,
    pub fichiers: usize,
    pub duree_ms: u64,
    /// Milliseconds per stage: load, check, claim, plan, render, pack.
    #[serde(default)]
    pub etapes_ms: Vec<u64>,
    pub avertissements: Vec<String>,
    pub erreurs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub version: String,
    /// Which share of the cases this report covers (`1/1` without `--shard`); merged: every share.
    pub parts: Vec<String>,
    pub total: usize,
    pub construits: usize,
    pub a_jour: usize,
    /// Cases with nothing due yet.
    #[serde(default)]
    pub en_attente: usize,
    pub echecs: usize,
    pub duree_ms: u64,
    /// Peak resident memory of the process, when the system tells it.
    pub memoire_max_mo: Option<u64>,
    pub dossiers: Vec<CaseLine>,
    /// Warnings that hold for every case (the age of the rate tables, R032): said once here,
    /// not on each case.
    #[serde(default)]
    pub avertissements_communs: Vec<String>,
    /// YAML files with case keys that were not taken as cases, with the reason.
    #[serde(default)]
    pub ignores: Vec<SkippedLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkippedLine {
    /// Relative to the batch folder.
    pub fichier: String,
    pub raison: String,
}

impl Report {
    pub fn new(parts: Vec<String>, mut lines: Vec<CaseLine>, duree_ms: u64, memoire_max_mo: Option<u64>) -> Self {
        lines.sort_by(|a, b| a.dossier.cmp(&b.dossier));
        let count = |s: Status| lines.iter().filter(|l| l.statut == s).count();
        Self {
            version: env!("CARGO_PKG_VERSION").to_string(),
            parts,
            total: lines.len(),
            construits: count(Status::Construit),
            a_jour: count(Status::AJour),
            en_attente: count(Status::EnAttente),
            echecs: count(Status::Echec),
            duree_ms,
            memoire_max_mo,
            dossiers: lines,
            avertissements_communs: Vec::new(),
            ignores: Vec::new(),
        }
    }

    /// With the warnings common to every case and the files left out.
    pub fn with_common(mut self, mut common: Vec<String>, mut skipped: Vec<SkippedLine>) -> Self {
        common.sort();
        common.dedup();
        skipped.sort_by(|a, b| a.fichier.cmp(&b.fichier));
        skipped.dedup();
        self.avertissements_communs = common;
        self.ignores = skipped;
        self
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// One row per case, for a French spreadsheet (see [`crate::format::sheet`]: BOM, `;`,
    /// decimal comma, CRLF); warnings and errors joined with ` | `. The JSON report is the
    /// machine format.
    pub fn to_csv(&self) -> String {
        use crate::format::sheet::{BOM, field, push_row};
        let mut out =
            format!("{BOM}dossier;reference;statut;etape;total_du;fichiers;duree_ms;avertissements;erreurs\r\n");
        for l in &self.dossiers {
            // A total is written `1234.50` in the JSON: the same figure with a decimal comma.
            let total = l.total_du.as_deref().unwrap_or("").replace('.', ",");
            push_row(
                &mut out,
                [
                    field(&l.dossier),
                    field(l.reference.as_deref().unwrap_or("")),
                    field(l.statut.label()),
                    field(l.etape.as_deref().unwrap_or("")),
                    total,
                    l.fichiers.to_string(),
                    l.duree_ms.to_string(),
                    field(&one_line(&l.avertissements.join(" | "))),
                    field(&one_line(&l.erreurs.join(" | "))),
                ],
            );
        }
        for skipped in &self.ignores {
            let cells = [field(&skipped.fichier), String::new(), field(SKIPPED_LABEL), String::new(), String::new()];
            let tail = ["0".to_string(), "0".to_string(), String::new(), field(&skipped.raison)];
            push_row(&mut out, cells.into_iter().chain(tail));
        }
        out
    }

    /// Writes both report files into `dir`.
    pub fn write(&self, dir: &Path) -> Result<(), Diagnostic> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Diagnostic::error(format!("écriture impossible : {e}")).in_file(dir))?;
        for (name, text) in [(REPORT_JSON, self.to_json()), (REPORT_CSV, self.to_csv())] {
            let path = dir.join(name);
            std::fs::write(&path, text)
                .map_err(|e| Diagnostic::error(format!("écriture impossible : {e}")).in_file(&path))?;
        }
        Ok(())
    }

    pub fn read(path: &Path) -> Result<Self, Diagnostic> {
        let bytes = std::fs::read(path).map_err(|e| {
            Diagnostic::error(format!("rapport illisible : {}", crate::ground::files::io_reason(&e))).in_file(path)
        })?;
        serde_json::from_slice(&bytes).map_err(|e| {
            Diagnostic::error(format!("rapport de lot invalide : {e}"))
                .in_file(path)
                .hint("donnez les batch-report.json écrits par « recouvre batch »")
        })
    }

    /// The reports of several machines as one: cases of every share, counts summed, durations
    /// as the longest (the shares ran side by side).
    pub fn merge(reports: Vec<Report>) -> Result<Self, Diagnostic> {
        let mut parts: Vec<String> = reports.iter().flat_map(|r| r.parts.clone()).collect();
        parts.sort();
        let before = parts.len();
        parts.dedup();
        if parts.len() != before {
            return Err(Diagnostic::error("deux rapports couvrent la même part")
                .hint("donnez un rapport par part (--shard K/N)"));
        }
        let duration = reports.iter().map(|r| r.duree_ms).max().unwrap_or(0);
        let memory = reports.iter().filter_map(|r| r.memoire_max_mo).max();
        let common: Vec<String> = reports.iter().flat_map(|r| r.avertissements_communs.clone()).collect();
        let skipped: Vec<SkippedLine> = reports.iter().flat_map(|r| r.ignores.clone()).collect();
        let lines = reports.into_iter().flat_map(|r| r.dossiers).collect();
        Ok(Self::new(parts, lines, duration, memory).with_common(common, skipped))
    }

    /// The summary table printed at the end of a batch.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        let [folder, reference, status, total, step] = ["dossier", "référence", "statut", "total dû", "étape"];
        let _ = writeln!(s, "{folder:<40} {reference:<14} {status:<10} {total:>14}  {step}");
        for l in &self.dossiers {
            let _ = writeln!(
                s,
                "{:<40} {:<14} {:<10} {:>14}  {}",
                shorten(&l.dossier, 40),
                shorten(l.reference.as_deref().unwrap_or("—"), 14),
                l.statut.label(),
                l.total_du.as_deref().map(|t| crate::format::euros(t.parse().unwrap_or_default())).unwrap_or_default(),
                l.etape.as_deref().unwrap_or(""),
            );
        }
        if !self.ignores.is_empty() {
            let _ = writeln!(s, "\nFichiers YAML ignorés ({}) :", self.ignores.len());
            for skipped in &self.ignores {
                let _ = writeln!(s, "  {} : {}", skipped.fichier, skipped.raison);
            }
        }
        if !self.avertissements_communs.is_empty() {
            let _ = writeln!(s, "\nPour tous les dossiers :");
            for warning in &self.avertissements_communs {
                let _ = writeln!(s, "  {warning}");
            }
        }
        let _ = writeln!(
            s,
            "{} : {} {}, {} à jour, {} en attente, {} en échec — {:.1} s",
            count(self.total, "dossier", "dossiers"),
            self.construits,
            plural(self.construits, "construit", "construits"),
            self.a_jour,
            self.en_attente,
            self.echecs,
            self.duree_ms as f64 / 1000.0
        );
        s
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let tail: String = s.chars().rev().take(max - 1).collect::<Vec<_>>().into_iter().rev().collect();
        format!("…{tail}")
    }
}

/// Line breaks of a diagnostic as spaces: one spreadsheet row per case.
fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

/// Peak resident memory of this process in MB (Linux: VmHWM in /proc/self/status).
pub fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str, statut: Status) -> CaseLine {
        CaseLine {
            dossier: name.into(),
            reference: Some("R".into()),
            statut,
            etape: None,
            total_du: Some("10.00".into()),
            fichiers: 1,
            duree_ms: 5,
            etapes_ms: vec![],
            avertissements: vec![],
            erreurs: vec!["a;b".into()],
        }
    }

    #[test]
    fn merges_shares_and_refuses_twice_the_same() {
        let a = Report::new(vec!["1/2".into()], vec![line("b", Status::Construit)], 10, Some(50));
        let b = Report::new(vec!["2/2".into()], vec![line("a", Status::Echec)], 20, Some(70));
        let merged = Report::merge(vec![a.clone(), b]).expect("merge");
        assert_eq!(merged.total, 2);
        assert_eq!(merged.echecs, 1);
        assert_eq!(merged.dossiers[0].dossier, "a");
        assert_eq!(merged.duree_ms, 20);
        assert!(Report::merge(vec![a.clone(), a]).is_err());
        assert!(merged.to_csv().contains("\"a;b\""));
    }
}
