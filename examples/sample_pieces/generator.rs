//! Generates every pièce file the samples' case.yaml name, or checks the committed ones.
//!
//! For each `samples/<case>/case.yaml` naming files:
//! 1. the case is checked on a staged copy where every named file is a placeholder, which gives
//!    the validated model (`recouvre::check`) the documents are drawn from;
//! 2. invoices, delivery notes, quotes, orders, CGV, reminder proofs, the AR and the ordonnance
//!    are compiled from `samples/_sources/*.typ` with recouvre's render engine;
//! 3. the mise en demeure as sent, and the requête as filed, are built by recouvre itself
//!    (`recouvre::pipeline::build`) on a copy of the case as it stood on the day they were made.
//!
//! Same inputs, same bytes: fonts are embedded, PDFs carry the document's date as timestamp,
//! scans are rendered at a fixed resolution.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use recouvre::case::model::{Case, Channel, ExhibitRole, FileKind, FileRef};
use recouvre::case::yaml::{Node, NodeKind};
use recouvre::claim::RateTables;
use recouvre::pipeline::{Engine, Request};
use recouvre::plan::{DocKind, Step};
use recouvre::render::{PdfKind, RenderWorld, Templates, compile, export};
use serde_json::{Map, Value};

use super::documents;
use super::scan::{Raster, rasterize};
use super::title_pieces;

/// Used only when a case has no `date_calcul` (every sample has one).
const FALLBACK_TODAY: (i32, u32, u32) = (2026, 11, 23);
/// Days between the requête's filing and the ordonnance, when the case gives only the latter.
const DAYS_TO_ORDER: u64 = 17;
/// The fields that name files in a case.
const FILE_FIELDS: [&str; 5] = ["fichier", "preuve", "accuse_reception", "requete", "preuve_omission"];

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Compare with the files on disk instead of writing them.
    pub check: bool,
    /// Sample folder names to process; empty: all.
    pub only: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Written,
    Unchanged,
    /// `--check`: the file on disk differs from what the generator makes.
    Differs,
    /// `--check`: the file is not on disk.
    Missing,
    /// Could not be made now (a recouvre template is not written yet): not an error.
    Postponed(String),
}

#[derive(Debug, Clone)]
pub struct FileReport {
    /// Relative to the repository root.
    pub path: String,
    pub bytes: usize,
    pub status: Status,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub check: bool,
    pub files: Vec<FileReport>,
    pub errors: Vec<String>,
    pub notes: Vec<String>,
}

impl Report {
    /// No error, and in `--check` mode every file on disk as the generator makes it.
    pub fn ok(&self) -> bool {
        self.errors.is_empty() && !self.files.iter().any(|f| matches!(f.status, Status::Differs | Status::Missing))
    }

    pub fn summary(&self) -> String {
        let mut out = String::new();
        for f in &self.files {
            let status = match &f.status {
                Status::Written => "écrit".to_string(),
                Status::Unchanged => "inchangé".to_string(),
                Status::Differs => "DIFFÉRENT de ce que produit le générateur".to_string(),
                Status::Missing => "ABSENT du disque".to_string(),
                Status::Postponed(why) => format!("NON PRODUIT : {why}"),
            };
            let _ = writeln!(out, "{:<58} {:>9} octets  {status}", f.path, f.bytes);
        }
        for n in &self.notes {
            let _ = writeln!(out, "note : {n}");
        }
        for e in &self.errors {
            let _ = writeln!(out, "erreur : {e}");
        }
        if self.check && !self.ok() {
            let _ = writeln!(
                out,
                "les pièces d'exemple ne sont plus à jour : lancez « cargo run --example sample_pieces »"
            );
        }
        out
    }
}

/// What every sample shares: the two Typst setups and the rate tables.
struct Context {
    /// recouvre's embedded templates plus `samples/_sources/`, for the sample documents.
    sources: Templates,
    /// recouvre as shipped, for the documents recouvre itself makes.
    engine: Engine,
    /// Templates recouvre does not have yet, stood in for by a blank page.
    stubbed: Vec<&'static str>,
    rates: RateTables,
    temp: tempfile::TempDir,
}

pub fn run(root: &Path, options: &Options) -> Report {
    let mut report = Report { check: options.check, ..Report::default() };
    let context = match Context::new(root) {
        Ok(c) => c,
        Err(e) => {
            report.errors.push(e);
            return report;
        }
    };
    let samples = root.join("samples");
    let mut dirs: Vec<PathBuf> = match std::fs::read_dir(&samples) {
        Ok(entries) => entries.flatten().map(|e| e.path()).filter(|p| p.join("case.yaml").is_file()).collect(),
        Err(e) => {
            report.errors.push(format!("{} : {e}", samples.display()));
            return report;
        }
    };
    dirs.sort();
    for dir in dirs {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !options.only.is_empty() && !options.only.contains(&name) {
            continue;
        }
        let mut sample = Sample {
            context: &context,
            name: name.clone(),
            made: BTreeMap::new(),
            postponed: Vec::new(),
            derived: BTreeSet::new(),
        };
        if let Err(e) = sample.generate(&dir) {
            report.errors.push(format!("{name} : {e}"));
        }
        for (relative, bytes) in &sample.made {
            let path = dir.join(relative);
            let shown = path.strip_prefix(root).unwrap_or(&path).display().to_string();
            let exact = !sample.derived.contains(relative);
            let status = match settle(&path, bytes, options.check, exact) {
                Ok(s) => s,
                Err(e) => {
                    report.errors.push(format!("{shown} : {e}"));
                    continue;
                }
            };
            report.files.push(FileReport { path: shown, bytes: bytes.len(), status });
        }
        for (relative, why) in sample.postponed {
            let path = dir.join(&relative);
            let shown = path.strip_prefix(root).unwrap_or(&path).display().to_string();
            let bytes = std::fs::metadata(&path).map(|m| m.len() as usize).unwrap_or(0);
            report.files.push(FileReport { path: shown, bytes, status: Status::Postponed(why) });
        }
    }
    if !context.stubbed.is_empty() {
        report.notes.push(format!(
            "modèles pas encore écrits dans recouvre, remplacés par une page blanche pour les documents voisins \
             (jamais copiés) lors des constructions : {}",
            context.stubbed.join(", ")
        ));
    }
    report
}

/// Writes (or, with `check`, compares) one file; a file that is not `exact` is only required to exist.
fn settle(path: &Path, bytes: &[u8], check: bool, exact: bool) -> Result<Status, String> {
    let current = std::fs::read(path).ok();
    if current.as_deref() == Some(bytes)
        || (check && !exact && current.as_ref().is_some_and(|c| same_content(c, bytes)))
    {
        return Ok(Status::Unchanged);
    }
    if check {
        return Ok(if current.is_some() { Status::Differs } else { Status::Missing });
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    std::fs::write(path, bytes).map_err(|e| e.to_string())?;
    Ok(Status::Written)
}

/// Whether a derived file says the same as what the generator makes now, where its bytes may
/// differ: the same text for a PDF (a stale footer or amount shows), the same size and nearly the
/// same pixels for a scan (rasterizing with floats may differ by a shade between CPUs).
fn same_content(committed: &[u8], made: &[u8]) -> bool {
    if committed.starts_with(b"%PDF") {
        // Spacing is left out: extraction places spaces from glyph positions, which move by a hair.
        let text = |bytes: &[u8]| {
            pdf_extract::extract_text_from_mem(bytes).ok().map(|t| t.split_whitespace().collect::<String>())
        };
        return text(committed).is_some_and(|t| Some(t) == text(made));
    }
    let (Ok(a), Ok(b)) = (image::load_from_memory(committed), image::load_from_memory(made)) else { return false };
    let (a, b) = (a.to_rgb8(), b.to_rgb8());
    if a.dimensions() != b.dimensions() {
        return false;
    }
    let diff: u64 = a.as_raw().iter().zip(b.as_raw()).map(|(x, y)| u64::from(x.abs_diff(*y))).sum();
    let mean = diff as f64 / a.as_raw().len().max(1) as f64;
    mean <= 2.0
}

impl Context {
    fn new(root: &Path) -> Result<Self, String> {
        let sources = Templates::with_overrides(&root.join("samples/_sources")).map_err(|d| d.to_string())?;
        let temp = tempfile::Builder::new()
            .prefix("recouvre-sample-pieces-")
            .tempdir()
            .map_err(|e| format!("dossier temporaire : {e}"))?;
        let (engine, stubbed) = engine_with_stubs(temp.path())?;
        Ok(Self { sources, engine, stubbed, rates: RateTables::embedded(), temp })
    }

    /// Compiles one sample document; any Typst warning is an error (the sources stay clean).
    fn pdf(&self, data: &Value, ident: &str, date: NaiveDate) -> Result<(Vec<u8>, usize), String> {
        let json = serde_json::to_vec(data).map_err(|e| e.to_string())?;
        let world = RenderWorld::new(&self.sources, json, date);
        let (doc, warnings) = compile(&world).map_err(|d| d.to_string())?;
        if !warnings.is_empty() {
            return Err(warnings.to_string());
        }
        let pages = doc.pages().len();
        let bytes = export(&doc, ident, date, PdfKind::Archival, false).map_err(|d| d.to_string())?;
        Ok((bytes, pages))
    }
}

/// The templates of every document recouvre plans, by name.
fn planned_templates() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = DocKind::EVERY.iter().map(|k| k.template()).collect();
    names.sort_unstable();
    names.dedup();
    names
}

fn template_exists(name: &str) -> bool {
    Templates::embedded().by_name(&format!("{name}.typ")).is_some()
}

/// recouvre's embedded templates; those not written yet stand in as one blank marked page, so a
/// step still compiles and the document wanted (whose own template must exist) can be taken.
fn engine_with_stubs(temp: &Path) -> Result<(Engine, Vec<&'static str>), String> {
    let missing: Vec<&'static str> = planned_templates().into_iter().filter(|t| !template_exists(t)).collect();
    if missing.is_empty() {
        return Ok((Engine::embedded(), missing));
    }
    let dir = temp.join("modeles-absents");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    for name in &missing {
        let stub = "// Stand-in written by examples/sample_pieces: this template is not in recouvre yet.\n\
                    #let render(data) = {\n  [#metadata(data.key) <debut-partie>]\n  [(modèle absent)]\n  \
                    [#metadata(data.key) #label(\"fin-\" + data.key)]\n}\n";
        std::fs::write(dir.join(format!("{name}.typ")), stub).map_err(|e| e.to_string())?;
    }
    let templates = Templates::with_overrides(&dir).map_err(|d| d.to_string())?;
    Ok((Engine::new(templates, RateTables::embedded(), None), missing))
}

/// One sample being generated: the files made so far, by path relative to the case folder.
struct Sample<'a> {
    context: &'a Context,
    name: String,
    made: BTreeMap<String, Vec<u8>>,
    /// Files that cannot be made yet, with the reason.
    postponed: Vec<(String, String)>,
    /// Files whose bytes depend on more than `samples/_sources/`: scans rasterized with float
    /// arithmetic that may differ between CPUs, and documents recouvre's own templates make.
    /// `--check` compares their content (PDF text, scan pixels), not their bytes; regenerate
    /// them after changing a template.
    derived: BTreeSet<String>,
}

impl Sample<'_> {
    fn generate(&mut self, dir: &Path) -> Result<(), String> {
        let text = std::fs::read_to_string(dir.join("case.yaml")).map_err(|e| format!("case.yaml : {e}"))?;
        let node = recouvre::case::yaml::parse(&text).map_err(|d| d.to_string())?;
        let yaml = to_json(&node);
        let named = named_files(&yaml);
        if named.is_empty() {
            return Ok(());
        }
        let case = self.checked(&text, &named)?;
        self.static_pieces(&case)?;
        if let Some(file) = case.formal_notice.as_ref().and_then(|m| m.file.as_ref()) {
            self.formal_notice(&case, &yaml, file)?;
        }
        if let Some(file) = case.route.insolvency.as_ref().and_then(|p| p.omission_proof.as_ref()) {
            let dated = case.computed_on.checked_sub_days(chrono::Days::new(7)).unwrap_or(case.computed_on);
            self.typst(file, &super::route_pieces::omission_statement(&case)?, dated)?;
        }
        if let Some(order) = &case.procedure.order {
            let filed = filing_date(&case)?;
            let data = documents::order(&case, &self.context.rates, filed)?;
            self.typst(&order.file, &data, order.date)?;
            if let Some(request) = &order.request {
                self.filed_request(&yaml, request, filed)?;
            }
            if let Some(s) = &order.service
                && let Some(file) = &s.file
            {
                self.typst(file, &title_pieces::service_act(&case)?, s.date)?;
            }
            if let Some(c) = &order.certificate {
                self.typst(&c.file, &title_pieces::certificate(&case)?, c.date)?;
            }
        }
        let missing: Vec<&String> = named
            .iter()
            .filter(|n| !self.made.contains_key(*n) && !self.postponed.iter().any(|(p, _)| p == *n))
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "fichiers nommés par le cas que le générateur ne sait pas produire : {}",
                missing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            ));
        }
        Ok(())
    }

    /// The validated case, checked on a copy where every named file is a placeholder.
    fn checked(&self, text: &str, named: &[String]) -> Result<Case, String> {
        let stage = self.stage_dir("modele")?;
        std::fs::write(stage.join("case.yaml"), text).map_err(|e| e.to_string())?;
        for relative in named {
            write_file(&stage, relative, placeholder(relative))?;
        }
        let loaded = recouvre::case::load(&stage.join("case.yaml"));
        let checked = recouvre::check::check(&loaded, &recouvre::inputs::Files::new(), fallback_today());
        checked.case.ok_or_else(|| format!("le cas ne passe pas la vérification :\n{}", checked.diagnostics))
    }

    fn static_pieces(&mut self, case: &Case) -> Result<(), String> {
        for (i, invoice) in case.invoices.iter().enumerate() {
            if let Some(file) = &invoice.file {
                self.typst(file, &documents::invoice(case, i)?, invoice.date)?;
            }
        }
        for (i, note) in case.delivery_notes.iter().enumerate() {
            if let Some(file) = &note.file {
                self.typst(file, &documents::delivery_note(case, i)?, note.date)?;
            }
        }
        for exhibit in &case.exhibits {
            let date = exhibit.date.or_else(|| case.invoices.iter().map(|i| i.date).min()).unwrap_or(case.computed_on);
            let data = match exhibit.role {
                ExhibitRole::Quote => documents::quote(case, exhibit)?,
                ExhibitRole::PurchaseOrder => documents::purchase_order(case, exhibit)?,
                ExhibitRole::Cgv => documents::cgv(case),
                _ => continue,
            };
            let pages = self.typst(&exhibit.file, &data, date)?;
            if exhibit.role == ExhibitRole::Cgv && pages != 2 {
                return Err(format!("{} : les CGV font {pages} pages au lieu de 2", exhibit.file.relative));
            }
        }
        // Reminders after the invoices: an email gives the size of the invoice it attaches.
        let sizes: Vec<(String, usize)> = self.made.iter().map(|(k, v)| (k.clone(), v.len())).collect();
        for (i, reminder) in case.reminders.iter().enumerate() {
            let Some(file) = &reminder.proof else { continue };
            let data = match reminder.channel {
                Channel::Email => documents::email(case, &self.context.rates, i, &sizes)?,
                Channel::Letter | Channel::RegisteredLetter => documents::letter(case, &self.context.rates, i)?,
                other => {
                    return Err(format!("{} : preuve d'une relance « {other:?} » non prise en charge", file.relative));
                }
            };
            self.typst(file, &data, reminder.date)?;
        }
        if let Some(notice) = &case.formal_notice
            && let Some(file) = &notice.receipt
        {
            let date = notice.received.unwrap_or(notice.sent);
            match file.kind {
                FileKind::Pdf => {
                    self.typst(file, &documents::receipt(case, false)?, date)?;
                }
                FileKind::Png | FileKind::Jpeg => {
                    let (pdf, _) = self.compile(file, &documents::receipt(case, true)?, date)?;
                    let format = if file.kind == FileKind::Png { Raster::Png } else { Raster::Jpeg };
                    self.made.insert(file.relative.clone(), rasterize(&pdf, format)?);
                    self.derived.insert(file.relative.clone());
                }
            }
        }
        Ok(())
    }

    fn compile(&self, file: &FileRef, data: &Value, date: NaiveDate) -> Result<(Vec<u8>, usize), String> {
        let ident = format!("recouvre-samples/{}/{}", self.name, file.relative);
        self.context.pdf(data, &ident, date).map_err(|e| format!("{} : {e}", file.relative))
    }

    /// Compiles a sample document into `file`; returns its page count.
    fn typst(&mut self, file: &FileRef, data: &Value, date: NaiveDate) -> Result<usize, String> {
        if file.kind != FileKind::Pdf {
            return Err(format!("{} : ce document est produit en PDF, nommez-le « .pdf »", file.relative));
        }
        let (bytes, pages) = self.compile(file, data, date)?;
        self.made.insert(file.relative.clone(), bytes);
        Ok(pages)
    }

    /// The letter recouvre writes at step `mise_en_demeure`, on the case as it stood the day it
    /// was sent: its recorded block keeps the LRAR number and the delay; the receipt, the files
    /// and every later event are left out.
    fn formal_notice(&mut self, case: &Case, yaml: &Value, file: &FileRef) -> Result<(), String> {
        let Some(notice) = &case.formal_notice else { return Ok(()) };
        let mut at_sending = as_of(yaml, notice.sent);
        if let Some(m) = at_sending.get_mut("mise_en_demeure").and_then(Value::as_object_mut) {
            for key in ["fichier", "accuse_reception", "date_reception"] {
                m.remove(key);
            }
        }
        let wanted = DocKind::FormalNotice;
        let bytes = self.built(&at_sending, Step::FormalNotice, notice.sent, wanted, &file.relative)?;
        if let Some(bytes) = bytes {
            self.made.insert(file.relative.clone(), bytes);
            self.derived.insert(file.relative.clone());
        }
        Ok(())
    }

    /// The requête recouvre writes at step `injonction_de_payer`, on the case as it stood the day
    /// it was filed (the ordonnance not yet rendered).
    fn filed_request(&mut self, yaml: &Value, file: &FileRef, filed: NaiveDate) -> Result<(), String> {
        let at_filing = as_of(yaml, filed);
        let wanted = DocKind::PaymentOrderRequest;
        if let Some(bytes) = self.built(&at_filing, Step::PaymentOrder, filed, wanted, &file.relative)? {
            self.made.insert(file.relative.clone(), bytes);
            self.derived.insert(file.relative.clone());
        }
        Ok(())
    }

    /// Builds a variant of the case with recouvre and returns the document of kind `wanted`;
    /// `None` (postponed) when recouvre has no template for it yet.
    fn built(
        &mut self,
        yaml: &Value,
        step: Step,
        date: NaiveDate,
        wanted: DocKind,
        relative: &str,
    ) -> Result<Option<Vec<u8>>, String> {
        if !template_exists(wanted.template()) {
            let why = format!(
                "recouvre n'a pas encore le modèle « templates/{}.typ » ({}) : relancez le générateur quand il existera",
                wanted.template(),
                wanted.role()
            );
            self.postponed.push((relative.to_string(), why));
            return Ok(None);
        }
        let stage = self.stage_dir(step.code())?;
        let text = serde_json::to_string_pretty(yaml).map_err(|e| e.to_string())?;
        std::fs::write(stage.join("case.yaml"), text).map_err(|e| e.to_string())?;
        for relative in named_files(yaml) {
            let bytes = self.made.get(&relative).ok_or_else(|| {
                format!("{relative} est nécessaire pour construire l'étape {} mais n'a pas été produit", step.code())
            })?;
            write_file(&stage, &relative, bytes)?;
        }
        let request = Request { step: Some(step), ..Request::new(stage.join("case.yaml"), stage.join("sortie"), date) };
        let outcome = recouvre::pipeline::build(&self.context.engine, &request)
            .map_err(|d| format!("{relative} : recouvre build --etape {} a échoué :\n{d}", step.code()))?;
        let entry = outcome.files.iter().find(|f| f.role == wanted.role()).ok_or_else(|| {
            format!("{relative} : recouvre n'a pas produit de document « {} » à l'étape {}", wanted.role(), step.code())
        })?;
        std::fs::read(outcome.dir.join(&entry.chemin)).map(Some).map_err(|e| format!("{} : {e}", entry.chemin))
    }

    fn stage_dir(&self, what: &str) -> Result<PathBuf, String> {
        let dir = self.context.temp.path().join(&self.name).join(what);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| e.to_string())?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        Ok(dir)
    }
}

fn fallback_today() -> NaiveDate {
    let (y, m, d) = FALLBACK_TODAY;
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// When the requête was filed: a little before the ordonnance, after the notice's deadline.
fn filing_date(case: &Case) -> Result<NaiveDate, String> {
    let order = case.procedure.order.as_ref().ok_or("pas d'ordonnance")?;
    let notice = case.formal_notice.as_ref().ok_or("une ordonnance sans mise en demeure")?;
    let earliest = notice.deadline() + Days::new(1);
    let filed = (order.date - Days::new(DAYS_TO_ORDER)).max(earliest);
    if filed > order.date {
        return Err(format!("ordonnance du {} rendue avant la fin du délai de la mise en demeure", order.date));
    }
    Ok(filed)
}

/// The case as it stood on `date`: computed that day, without the ordonnance and without any
/// invoice, credit note, payment or reminder dated after it.
fn as_of(yaml: &Value, date: NaiveDate) -> Value {
    let mut v = yaml.clone();
    let iso = date.format("%Y-%m-%d").to_string();
    if let Some(root) = v.as_object_mut() {
        root.insert("date_calcul".into(), Value::String(iso.clone()));
        for list in ["factures", "avoirs", "paiements", "relances"] {
            if let Some(items) = root.get_mut(list).and_then(Value::as_array_mut) {
                items.retain(|item| item.get("date").and_then(Value::as_str).is_none_or(|d| d <= iso.as_str()));
            }
        }
        if let Some(procedure) = root.get_mut("procedure").and_then(Value::as_object_mut) {
            procedure.remove("ordonnance");
        }
        // A dispute or a procédure collective that came later did not exist yet.
        for (block, key) in [("contestation", "date"), ("procedure_collective", "date_jugement")] {
            if root.get(block).and_then(|b| b.get(key)).and_then(Value::as_str).is_some_and(|d| d > iso.as_str()) {
                root.remove(block);
            }
        }
    }
    v
}

/// A YAML node as JSON (which recouvre reads as YAML): numbers keep their text, as integers or
/// as strings, never through a float.
fn to_json(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Bool(b) => Value::Bool(*b),
        NodeKind::Number(text) => match text.parse::<i64>() {
            Ok(n) => Value::from(n),
            Err(_) => Value::String(text.clone()),
        },
        NodeKind::Str(s) => Value::String(s.clone()),
        NodeKind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        NodeKind::Map(entries) => {
            let mut map = Map::new();
            for (key, value) in entries {
                map.insert(key.name.clone(), to_json(value));
            }
            Value::Object(map)
        }
    }
}

/// Every file a case names (values of `fichier`, `preuve`, `accuse_reception`, `requete`, `preuve_omission`).
fn named_files(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect_files(v, &mut out);
    out.sort();
    out.dedup();
    out
}

fn collect_files(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (key, value) in map {
                match value {
                    Value::String(s) if FILE_FIELDS.contains(&key.as_str()) => out.push(s.trim().to_string()),
                    _ => collect_files(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_files(i, out)),
        _ => {}
    }
}

/// The first bytes of a file of the type its extension claims: enough for `check`.
fn placeholder(relative: &str) -> &'static [u8] {
    let lower = relative.to_lowercase();
    if lower.ends_with(".png") {
        b"\x89PNG\r\n\x1a\n"
    } else if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
        b"\xFF\xD8\xFF\xE0"
    } else {
        b"%PDF-1.7\n"
    }
}

fn write_file(dir: &Path, relative: &str, bytes: &[u8]) -> Result<(), String> {
    let inside = Path::new(relative).components().all(|c| matches!(c, std::path::Component::Normal(_)));
    if !inside {
        return Err(format!("« {relative} » sort du dossier du cas"));
    }
    let path = dir.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    std::fs::write(&path, bytes).map_err(|e| format!("{} : {e}", path.display()))
}
