//! Stage `batch`: every case of a folder built in parallel, failures isolated, unchanged cases
//! skipped, a share of the cases per machine with `--shard K/N`, and a report.

pub mod discover;
mod progress;
pub mod report;

use std::collections::{BTreeMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Diagnostics};
use crate::pipeline::{self, Engine, Request, Timings};
use crate::plan::Destination;
pub use discover::{Found, Shard, Skipped, discover, find_cases};
pub use progress::ProgressMode;
pub use report::{CaseLine, Report, SkippedLine, Status};

/// Warnings that hold for every case of a batch (the age of the embedded rate tables): said once
/// in the report, not on each case.
const COMMON_RULES: [&str; 1] = [crate::rules::RATE_UNCHECKED.code];

/// The warnings common to every case, by message, each as printed once (with its hint when known).
type Common = Mutex<BTreeMap<String, String>>;

/// Stack of each batch thread: Typst lays out deeply nested content (long tables, many pièces).
const WORKER_STACK: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Options {
    pub dir: PathBuf,
    pub out: PathBuf,
    /// Threads; `None`: one per core.
    pub jobs: Option<usize>,
    pub destination: Option<Destination>,
    /// Rebuild even when the inputs did not change.
    pub force: bool,
    pub shard: Option<Shard>,
    pub today: NaiveDate,
    pub progress: ProgressMode,
    /// `--courriel`: every relance built also as an `.eml` draft.
    pub email: bool,
}

/// Builds every case found; `Err` only when nothing could be tried (folder unreadable, no case).
pub fn run(engine: &Engine, options: &Options) -> Result<Report, Diagnostics> {
    let started = Instant::now();
    let skip = options.out.canonicalize().ok();
    let (all, skipped) = discover(&options.dir, skip.as_deref())?;
    let skipped: Vec<SkippedLine> =
        skipped.into_iter().map(|s| SkippedLine { fichier: s.relative, raison: s.reason }).collect();
    let cases: Vec<Found> = match options.shard {
        Some(shard) => all.into_iter().filter(|f| shard.contains(&f.relative)).collect(),
        None => all,
    };
    if cases.is_empty() {
        let left_out: String = skipped.iter().map(|s| format!("\n  {} ignoré : {}", s.fichier, s.raison)).collect();
        return Err(Diagnostic::error("aucun fichier de cas trouvé (un YAML qui commence par « version: »)")
            .in_file(&options.dir)
            .hint(format!("chaque cas est un case.yaml dans son propre dossier, sous le dossier donné{left_out}"))
            .into());
    }
    let jobs =
        options.jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)).max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .stack_size(WORKER_STACK)
        .build()
        .map_err(|e| Diagnostics::from(Diagnostic::error(format!("impossible de lancer {jobs} tâches : {e}"))))?;
    let progress = progress::Progress::new(options.progress, cases.len());
    let shared = Shared { engine, options, claimed: Mutex::new(HashSet::new()), common: Mutex::new(BTreeMap::new()) };
    // One loop per thread pulling the next case (`broadcast`), rather than `par_iter` over the cases:
    // Typst runs its own rayon joins inside a build, and a worker waiting on one would otherwise
    // steal a whole other case onto the same stack, nesting builds until the stack overflows.
    let next = AtomicUsize::new(0);
    let per_thread: Vec<Vec<(usize, CaseLine)>> = pool.broadcast(|_| {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(found) = cases.get(index) else { break };
            let line = isolated(&shared, found);
            progress.done(&line);
            done.push((index, line));
        }
        done
    });
    // The report lists the cases in the order they were found, whichever thread built them.
    let mut lines: Vec<(usize, CaseLine)> = per_thread.into_iter().flatten().collect();
    lines.sort_by_key(|(index, _)| *index);
    let lines: Vec<CaseLine> = lines.into_iter().map(|(_, line)| line).collect();
    progress.finish();
    let part = options.shard.map(|s| format!("{}/{}", s.index, s.count)).unwrap_or_else(|| "1/1".to_string());
    let elapsed = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let common = shared.common.into_inner().map(|c| c.into_values().collect()).unwrap_or_default();
    Ok(Report::new(vec![part], lines, elapsed, report::peak_rss_mb()).with_common(common, skipped))
}

/// What every case of a batch shares: the engine, the options, the references already built (two
/// cases may not share one) and the warnings common to every case.
struct Shared<'a> {
    engine: &'a Engine,
    options: &'a Options,
    claimed: Mutex<HashSet<String>>,
    common: Common,
}

/// One case, never taking the batch down: a panic becomes that case's failure.
fn isolated(shared: &Shared, found: &Found) -> CaseLine {
    let started = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| one(shared, found)));
    let mut line = match result {
        Ok(line) => line,
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "erreur interne".into());
            failed(found, None, vec![format!("erreur interne de recouvre (merci de la signaler) : {why}")])
        }
    };
    line.duree_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    line
}

fn one(shared: &Shared, found: &Found) -> CaseLine {
    let Shared { engine, options, claimed, common } = shared;
    let request = Request {
        destination: options.destination,
        email: options.email,
        ..Request::new(found.path.clone(), options.out.clone(), options.today)
    };
    let mut timings = Timings::default();
    let prepared = match pipeline::prepare(engine, &found.path, options.today, None, &mut timings) {
        Ok(p) => p,
        Err(errors) => return failed(found, None, lines_of(errors.errors())),
    };
    let reference = prepared.case.reference.clone();
    let first_claim = claimed.lock().map(|mut set| set.insert(reference.clone())).unwrap_or(false);
    if !first_claim {
        return failed(
            found,
            Some(reference.clone()),
            vec![format!(
                "référence « {reference} » déjà utilisée par un autre cas du lot : les deux dossiers s'écraseraient"
            )],
        );
    }
    let previous = pipeline::previous(&request, &prepared.case);
    if !options.force
        && let Some(previous) = pipeline::up_to_date(engine, &prepared, &request, previous.as_ref())
    {
        return CaseLine {
            dossier: found.relative.clone(),
            reference: Some(reference),
            statut: Status::AJour,
            etape: Some(previous.etape.clone()),
            total_du: Some(previous.total_du.clone()),
            fichiers: previous.fichiers.len(),
            duree_ms: 0,
            etapes_ms: stage_ms(&timings),
            avertissements: previous
                .avertissements
                .iter()
                .filter(|w| !is_common(w.code.as_deref(), &w.message, None, common))
                .map(|w| w.message.clone())
                .collect(),
            erreurs: Vec::new(),
        };
    }
    match pipeline::build_prepared(engine, &request, prepared, previous.as_ref(), timings) {
        Ok(outcome) => CaseLine {
            dossier: found.relative.clone(),
            reference: Some(reference),
            statut: if outcome.waiting_until.is_some() { Status::EnAttente } else { Status::Construit },
            etape: Some(outcome.step.code().to_string()),
            total_du: Some(crate::format::data::money(outcome.total_due)),
            fichiers: outcome.files.len(),
            duree_ms: 0,
            etapes_ms: stage_ms(&outcome.timings),
            avertissements: lines_of(
                outcome.warnings.warnings().filter(|d| !is_common(d.code, &d.message, d.hint.as_deref(), common)),
            ),
            erreurs: Vec::new(),
        },
        Err(errors) => failed(found, Some(reference), lines_of(errors.errors())),
    }
}

fn failed(found: &Found, reference: Option<String>, errors: Vec<String>) -> CaseLine {
    CaseLine {
        dossier: found.relative.clone(),
        reference,
        statut: Status::Echec,
        etape: None,
        total_du: None,
        fichiers: 0,
        duree_ms: 0,
        etapes_ms: Vec::new(),
        avertissements: Vec::new(),
        erreurs: errors,
    }
}

/// Whether a warning is one of those common to every case; if so it is recorded, once.
fn is_common(code: Option<&str>, message: &str, hint: Option<&str>, common: &Common) -> bool {
    let Some(code) = code.filter(|c| COMMON_RULES.contains(c)) else { return false };
    let text = match hint {
        Some(hint) => format!("avertissement {code} : {message} — aide : {hint}"),
        None => format!("avertissement {code} : {message}"),
    };
    if let Ok(mut common) = common.lock() {
        let known = common.entry(message.to_string()).or_insert_with(|| text.clone());
        if hint.is_some() {
            *known = text;
        }
    }
    true
}

/// Diagnostics as one line each, `file:line:col: …`, hints after a dash.
fn lines_of<'a>(diagnostics: impl Iterator<Item = &'a Diagnostic>) -> Vec<String> {
    diagnostics.map(|d| d.to_string().replace("\n  aide : ", " — aide : ")).collect()
}

fn stage_ms(t: &Timings) -> Vec<u64> {
    [t.load, t.check, t.claim, t.plan, t.render, t.pack]
        .iter()
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .collect()
}
