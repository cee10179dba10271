//! `recouvre suivi`: the whole portfolio at a date — one line per case found under a folder
//! (the same discovery as `batch`), its figures, aging, step and next action, sorted by urgency,
//! with totals per bucket and per step. Read from the case files only, with the same engine as
//! `decompte` and `plan`; no document is built.

pub mod html;
pub mod output;
pub mod row;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use rust_decimal::Decimal;

use crate::diag::{Diagnostic, Diagnostics};
use crate::pipeline::{self, Engine, Timings};
use crate::plan::{PlanOptions, Step};
pub use row::{BUCKETS, HoldLine, Row, Urgency};

/// What `suivi` was asked for.
#[derive(Debug, Clone)]
pub struct Options {
    pub dir: PathBuf,
    /// The date of the view: figures, aging and deadlines are computed on this day.
    pub on: NaiveDate,
    /// The output folder of `build` / `batch`, to link each case to its latest dossier.
    pub built: Option<PathBuf>,
}

/// A case that could not be read or computed: listed, not fatal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub file: String,
    pub errors: Vec<String>,
}

/// Count and amounts of the cases at one step.
#[derive(Debug, Clone, PartialEq)]
pub struct StepTotal {
    pub step: Step,
    pub cases: usize,
    pub total_due: Decimal,
    pub principal: Decimal,
}

/// The portfolio at a date.
#[derive(Debug, Clone)]
pub struct Portfolio {
    pub on: NaiveDate,
    /// Sorted by urgency: late actions first, then by date, then the largest amounts.
    pub rows: Vec<Row>,
    pub failures: Vec<Failure>,
}

impl Portfolio {
    pub fn total_due(&self) -> Decimal {
        self.rows.iter().map(|r| r.total_due).sum()
    }

    pub fn principal(&self) -> Decimal {
        self.rows.iter().map(|r| r.principal).sum()
    }

    /// Remaining principal per aging bucket, over every case.
    pub fn buckets(&self) -> [Decimal; 5] {
        let mut sums = [Decimal::ZERO; 5];
        for r in &self.rows {
            for (sum, b) in sums.iter_mut().zip(r.buckets) {
                *sum += b;
            }
        }
        sums
    }

    /// Cases and amounts per step, in the ladder's order; steps with no case are left out.
    pub fn steps(&self) -> Vec<StepTotal> {
        let mut totals: Vec<StepTotal> = Vec::new();
        for r in &self.rows {
            match totals.iter_mut().find(|t| t.step == r.step) {
                Some(t) => {
                    t.cases += 1;
                    t.total_due += r.total_due;
                    t.principal += r.principal;
                }
                None => {
                    totals.push(StepTotal { step: r.step, cases: 1, total_due: r.total_due, principal: r.principal })
                }
            }
        }
        totals.sort_by_key(|t| t.step as u8);
        totals
    }

    /// Cases whose next action falls in `urgency`.
    pub fn count(&self, urgency: Urgency) -> usize {
        self.rows.iter().filter(|r| r.urgency == urgency).count()
    }
}

/// Reads every case under `options.dir`; `Err` only when the folder holds no case at all.
pub fn run(engine: &Engine, options: &Options) -> Result<Portfolio, Diagnostics> {
    let found = crate::batch::find_cases(&options.dir, options.built.as_deref())?;
    if found.is_empty() {
        return Err(Diagnostic::error("aucun fichier de cas trouvé (un YAML qui commence par « version: »)")
            .in_file(&options.dir)
            .hint("chaque cas est un case.yaml dans son propre dossier, sous le dossier donné")
            .into());
    }
    let results: Vec<Result<Row, Failure>> = found
        .par_iter()
        .map(|f| {
            catch_unwind(AssertUnwindSafe(|| one(engine, &f.path, &f.relative, options))).unwrap_or_else(|_| {
                Err(Failure {
                    file: f.relative.clone(),
                    errors: vec!["erreur interne de recouvre (merci de la signaler)".into()],
                })
            })
        })
        .collect();
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    for r in results {
        match r {
            Ok(row) => rows.push(row),
            Err(f) => failures.push(f),
        }
    }
    rows.sort_by(|a, b| {
        (a.urgency, a.action_date, std::cmp::Reverse(a.total_due), &a.reference).cmp(&(
            b.urgency,
            b.action_date,
            std::cmp::Reverse(b.total_due),
            &b.reference,
        ))
    });
    Ok(Portfolio { on: options.on, rows, failures })
}

/// One case at the date of the view.
fn one(engine: &Engine, file: &Path, relative: &str, options: &Options) -> Result<Row, Failure> {
    let failure = |errors: &Diagnostics| Failure {
        file: relative.to_string(),
        errors: errors.errors().map(|d| d.to_string().replace("\n  aide : ", " — aide : ")).collect(),
    };
    let mut prepared = pipeline::prepare(engine, file, options.on, Some(options.on), &mut Timings::default())
        .map_err(|e| failure(&e))?;
    // Deadlines and the relance due are judged on the day of the view, like the décompte.
    prepared.case.computed_on = options.on;
    let plan = crate::plan::plan(&prepared.case, &prepared.claim, &PlanOptions::default());
    let hold =
        prepared.case.active_hold().map(|h| HoldLine { since: h.since, reason: h.reason.clone(), until: h.until });
    let mut line = row::row(relative.to_string(), &prepared.case, &prepared.claim, &plan, hold);
    if let Some(out) = &options.built {
        let archive = crate::inputs::PreviousDossier::read(&out.join(&prepared.case.reference));
        if let Some(latest) = archive.as_ref().and_then(|a| a.latest()) {
            let merged = latest.dir.join("dossier-complet.pdf");
            line.built = Some(if merged.is_file() { merged } else { latest.dir.clone() });
        }
    }
    Ok(line)
}
