//! CPU clocks (Linux /proc; 0 elsewhere) and the in-process measure of recouvre's stages beside
//! the pure Typst cost of the same dossiers: compile and export of the same templates, data and
//! pièces, nothing else.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use recouvre::pipeline::{Engine, Request, Timings, build, plan_for, prepare};
use recouvre::render::cache::Session;
use recouvre::render::{PdfKind, RenderWorld, assemble, compile, export, render};

/// CPU time of every thread of this process, in seconds (`/proc/self/task/*/schedstat`, in
/// nanoseconds). Not the calling thread's alone: Typst hands work to rayon's threads (layout,
/// export), and a measure of one thread missed it.
pub fn process_cpu() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return 0.0 };
    let ns: f64 = tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|text| text.split_whitespace().next().and_then(|ns| ns.parse::<f64>().ok()))
        .sum();
    ns / 1e9
}

/// CPU time (user + system) of this process's finished children, in seconds (`/proc/self/stat`).
pub fn children_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("").split_whitespace().collect();
    // After the command name: state is field 3; cutime and cstime are fields 16 and 17.
    let ticks = |i: usize| fields.get(i - 3).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // Clock ticks are 1/100 s on Linux.
    (ticks(16) + ticks(17)) / 100.0
}

/// CPU seconds per dossier, by stage, measured on one thread in this process.
#[derive(Debug, Default, Clone)]
pub struct Stages {
    /// load + check + claim.
    pub prepare: f64,
    pub plan: f64,
    /// Template data and pièces read (the bundle).
    pub bundle: f64,
    /// Typst alone: compile, and export of the whole dossier once.
    pub typst_compile: f64,
    pub typst_export: f64,
    /// recouvre's render of the same bundles: compile, each part's PDF and the merged dossier.
    pub render: f64,
    /// recouvre's whole build, same cases (its PDFs, the merged one, manifest, zip, writes).
    pub build: f64,
}

impl Stages {
    pub fn typst(&self) -> f64 {
        self.typst_compile + self.typst_export
    }
}

/// Measures `cases` (case.yaml files) in this process, warm (one dossier first, not counted), on
/// one thread as `batch --jobs 1` does: Typst's own parallel work runs on it too, and no idle
/// worker spins beside it.
pub fn stages(cases: &[PathBuf], out: &Path) -> Stages {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).stack_size(64 << 20).build().expect("pool");
    pool.install(|| stages_here(cases, out))
}

fn stages_here(cases: &[PathBuf], out: &Path) -> Stages {
    let engine = Engine::embedded();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let request = |case: &Path| Request::new(case.to_path_buf(), out.to_path_buf(), today);
    let mut s = Stages::default();
    // recouvre's build.
    build(&engine, &request(&cases[0])).expect("build");
    let started = process_cpu();
    for case in cases {
        build(&engine, &request(case)).expect("build");
    }
    s.build = process_cpu() - started;
    // The same dossiers, stage by stage, Typst alone at the end; caches emptied first.
    typst::comemo::evict(0);
    for (i, case) in std::iter::once(&cases[0]).chain(cases).enumerate() {
        let t0 = process_cpu();
        let prepared = prepare(&engine, case, today, None, &mut Timings::default()).expect("prepare");
        let t1 = process_cpu();
        let plan = plan_for(&prepared, &request(case));
        let t2 = process_cpu();
        let bundle = assemble(&prepared.case, &prepared.claim, None, &plan, &prepared.files).expect("bundle");
        let t3 = process_cpu();
        let session = Session::start();
        let mut world = RenderWorld::new(&engine.templates, bundle.data_json(), prepared.case.computed_on);
        bundle.fill(&mut world);
        let (doc, _) = compile(&world).expect("compile");
        let t4 = process_cpu();
        let kind = if bundle.parts.iter().any(|p| p.embeds_pdf) { PdfKind::Plain } else { PdfKind::Archival };
        export(&doc, "bench", prepared.case.computed_on, kind, bundle.needs_pdf_2).expect("export");
        let t5 = process_cpu();
        session.end();
        if i == 0 {
            continue;
        }
        s.prepare += t1 - t0;
        s.plan += t2 - t1;
        s.bundle += t3 - t2;
        s.typst_compile += t4 - t3;
        s.typst_export += t5 - t4;
    }
    // recouvre's render of the same bundles, caches emptied again: what it pays beyond (b).
    typst::comemo::evict(0);
    for (i, case) in std::iter::once(&cases[0]).chain(cases).enumerate() {
        let prepared = prepare(&engine, case, today, None, &mut Timings::default()).expect("prepare");
        let plan = plan_for(&prepared, &request(case));
        let bundle = assemble(&prepared.case, &prepared.claim, None, &plan, &prepared.files).expect("bundle");
        let t0 = process_cpu();
        render(&engine.templates, &prepared.case, &plan, bundle).expect("render");
        if i > 0 {
            s.render += process_cpu() - t0;
        }
    }
    let n = cases.len() as f64;
    let all = [
        &mut s.prepare,
        &mut s.plan,
        &mut s.bundle,
        &mut s.typst_compile,
        &mut s.typst_export,
        &mut s.render,
        &mut s.build,
    ];
    for v in all {
        *v /= n;
    }
    s
}
