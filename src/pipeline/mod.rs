//! The spine: one case from its file to its dossier folder, the stages run in order.
//!
//! load → check → claim → plan → render (one compilation) → pack. Each command builds one
//! [`Request`]; `batch` calls [`prepare`], [`up_to_date`] and [`build_prepared`] for each case,
//! the CLI calls [`build`] once.

mod fingerprint;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::case::locate::Locator;
use crate::case::model::Case;
use crate::claim::Claim;
use crate::claim::rates::RateTables;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ground::manifest::{Manifest, ManifestFile};
use crate::inputs::{Files, PreviousDossier};
use crate::plan::{Destination, DocKind, Plan, PlanOptions, Step};
use crate::render::Templates;

pub use fingerprint::inputs_fingerprint;

/// What every build of a run shares: templates and rates, read once, used from every thread.
#[derive(Debug, Clone)]
pub struct Engine {
    pub templates: Templates,
    pub rates: RateTables,
    /// Bytes of the user's rates file, if any, for the inputs fingerprint.
    pub rates_file: Option<Vec<u8>>,
    /// When a long décompte is laid out in slices (tests lower the threshold).
    pub slicing: crate::render::Slicing,
}

impl Engine {
    pub fn new(templates: Templates, rates: RateTables, rates_file: Option<Vec<u8>>) -> Self {
        Self { templates, rates, rates_file, slicing: crate::render::Slicing::default() }
    }

    /// Embedded templates and rates only.
    pub fn embedded() -> Self {
        Self::new(Templates::embedded(), RateTables::embedded(), None)
    }
}

/// What the user asked of one build.
#[derive(Debug, Clone)]
pub struct Request {
    pub case_file: PathBuf,
    /// `-o`: the dossier goes to `out/<reference>/`.
    pub out: PathBuf,
    pub step: Option<Step>,
    pub destination: Option<Destination>,
    /// The day of the run, used only when the case has no `date_calcul`.
    pub today: NaiveDate,
    /// `recouvre relance --niveau N`: this relance rather than the next one due.
    pub reminder_level: Option<u8>,
    /// `--donnees FICHIER`: also write the JSON the templates receive (for template authors).
    pub data_dump: Option<PathBuf>,
    /// `--courriel`: each relance also as an `.eml` draft carrying the letter.
    pub email: bool,
}

impl Request {
    /// The next step due for `case_file`, its dossier under `out`; options are set by the command.
    pub fn new(case_file: PathBuf, out: PathBuf, today: NaiveDate) -> Self {
        Self {
            case_file,
            out,
            step: None,
            destination: None,
            today,
            reminder_level: None,
            data_dump: None,
            email: false,
        }
    }
}

/// Time spent in each stage, for the benchmark and the batch report.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub load: Duration,
    pub check: Duration,
    pub claim: Duration,
    pub plan: Duration,
    pub render: Duration,
    pub pack: Duration,
}

impl Timings {
    pub fn total(&self) -> Duration {
        self.load + self.check + self.claim + self.plan + self.render + self.pack
    }
}

/// A built dossier.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub reference: String,
    pub dir: PathBuf,
    pub step: Step,
    pub total_due: Decimal,
    pub files: Vec<ManifestFile>,
    pub warnings: Diagnostics,
    pub timings: Timings,
    /// Set when nothing is due yet: nothing was written, and this is the first day a demand can
    /// be made.
    pub waiting_until: Option<NaiveDate>,
}

/// A case checked and computed: what `check`, `decompte` and `plan` print, and `build` goes on from.
#[derive(Debug)]
pub struct Prepared {
    pub case: Case,
    pub claim: Claim,
    pub warnings: Diagnostics,
    /// Where each field is written, to locate problems found by later stages.
    pub locator: Locator,
    /// The files the case names, as read (once) by the check: the render and the inputs
    /// fingerprint use the same bytes.
    pub files: Files,
}

impl Prepared {
    /// Gives later stages' diagnostics the case file and a line and column from their field.
    pub fn locate(&self, found: Vec<Diagnostic>) -> Diagnostics {
        self.locator.place(found, &self.case.source.file)
    }
}

/// Loads, checks and computes a case; every problem at once on failure.
pub fn prepare(
    engine: &Engine,
    case_file: &Path,
    today: NaiveDate,
    at: Option<NaiveDate>,
    timings: &mut Timings,
) -> Result<Prepared, Diagnostics> {
    let started = Instant::now();
    let mut loaded = crate::case::load(case_file);
    timings.load = started.elapsed();
    let started = Instant::now();
    let files = Files::with_read(std::mem::take(&mut loaded.read));
    let checked = crate::check::check(&loaded, &files, today);
    timings.check = started.elapsed();
    let Some(case) = checked.case else {
        return Err(checked.diagnostics);
    };
    let mut warnings = checked.diagnostics;
    let started = Instant::now();
    // A procédure collective stops penalties at its opening judgment (art. L. 622-28 C. com.),
    // whatever date the décompte is asked at.
    let asked = at.unwrap_or(case.computed_on);
    let on = case.interest_stop().map_or(asked, |stop| stop.min(asked));
    let claim = match crate::claim::compute(&case, &engine.rates, on).and_then(|c| with_title(c, &case, engine, on)) {
        Ok(claim) => claim,
        Err(errors) => {
            let mut all = warnings;
            all.extend(loaded.locator.place(errors, &loaded.file));
            return Err(all.sorted());
        }
    };
    warnings.extend(loaded.locator.place(claim.warnings.clone(), &loaded.file));
    timings.claim = started.elapsed();
    // From here on, only what is due at the décompte's date exists for the documents.
    // A declaration also lists the sums to fall due (art. L. 622-25 C. com.): nothing left aside.
    let case = if case.interest_stop().is_some() { case } else { crate::claim::due::claimed_part(&case, &claim) };
    Ok(Prepared { case, claim, warnings: warnings.sorted(), locator: loaded.locator, files })
}

/// Once the ordonnance gives the sums it grants, the décompte under the title beside the claim's:
/// what the commissaire serves and enforces (its first surcharged day by `plan::enforcement`,
/// where the title's date rules are; none before service).
fn with_title(mut claim: Claim, case: &Case, engine: &Engine, on: NaiveDate) -> Result<Claim, Vec<Diagnostic>> {
    let Some(order) = case.procedure.order.as_ref() else { return Ok(claim) };
    let surcharge = crate::plan::enforcement::surcharge_from(order);
    if let Some(inputs) = crate::claim::title::TitleInputs::of(case, surcharge) {
        claim.title = Some(crate::claim::title::compute(&inputs, &engine.rates, on)?);
    }
    Ok(claim)
}

/// The builds earlier runs left for this case in `SORTIE/<reference>/` (its archive).
pub fn previous(request: &Request, case: &Case) -> Option<PreviousDossier> {
    PreviousDossier::read(&request.out.join(&case.reference))
}

/// The plan of a prepared case, with the previous dossier searched for earlier documents.
pub fn plan_for(prepared: &Prepared, request: &Request) -> Plan {
    plan_with(prepared, request, previous(request, &prepared.case).as_ref())
}

fn plan_with(prepared: &Prepared, request: &Request, previous: Option<&PreviousDossier>) -> Plan {
    let options = PlanOptions {
        step: request.step,
        destination: request.destination,
        previous,
        reminder_level: request.reminder_level,
    };
    crate::plan::plan(&prepared.case, &prepared.claim, &options)
}

/// Builds one case into `request.out/<reference>/`. Nothing is written unless everything succeeds.
pub fn build(engine: &Engine, request: &Request) -> Result<Outcome, Diagnostics> {
    let mut timings = Timings::default();
    let prepared = prepare(engine, &request.case_file, request.today, None, &mut timings)?;
    let previous = previous(request, &prepared.case);
    build_prepared(engine, request, prepared, previous.as_ref(), timings)
}

/// The manifest of an archived build made from the same inputs: nothing to do.
pub fn up_to_date<'a>(
    engine: &Engine,
    prepared: &Prepared,
    request: &Request,
    previous: Option<&'a PreviousDossier>,
) -> Option<&'a Manifest> {
    let build = previous?.built_from(&inputs_fingerprint(engine, prepared, request))?;
    Some(&build.manifest)
}

/// The rest of [`build`] for a case already prepared (batch prepares first to skip unchanged cases).
pub fn build_prepared(
    engine: &Engine,
    request: &Request,
    prepared: Prepared,
    previous: Option<&PreviousDossier>,
    mut timings: Timings,
) -> Result<Outcome, Diagnostics> {
    let started = Instant::now();
    let plan = plan_with(&prepared, request, previous);
    // The archived letters the plan found intact go to the render as read: one read, one hash.
    if let Some(previous) = previous {
        prepared.files.adopt(previous.verified());
    }
    timings.plan = started.elapsed();
    let mut warnings = prepared.warnings.clone();
    let mut found = plan.diagnostics.clone();
    if !prepared.case.signed_at_given && plan.step != Step::NotYetDue {
        found.push(
            crate::rules::SIGNING_PLACE
                .report(format!(
                    "lieu_signature absent : les documents portent « Fait à {} » (ville du créancier)",
                    prepared.case.signed_at
                ))
                .hint("indiquez « lieu_signature: VILLE » si les documents sont signés ailleurs"),
        );
    }
    let located = prepared.locate(found);
    if located.has_errors() {
        let mut all = located;
        all.extend(warnings);
        return Err(all.sorted());
    }
    warnings.extend(located);
    if plan.step == Step::NotYetDue {
        // Nothing is owed yet: no demand, nothing written.
        return Ok(Outcome {
            reference: prepared.case.reference.clone(),
            dir: request.out.join(&prepared.case.reference),
            step: plan.step,
            total_due: crate::plan::enforcement::total_due(&prepared.claim, plan.step),
            files: Vec::new(),
            warnings: warnings.sorted(),
            timings,
            waiting_until: plan.claimable_from,
        });
    }
    let started = Instant::now();
    let (rendered, email_warnings) = render(engine, &prepared, &plan, request).map_err(|errors| {
        // A pièce refused while reading it names its field: point at it in the case file.
        let (about_fields, others): (Vec<Diagnostic>, Vec<Diagnostic>) =
            errors.into_iter().partition(|d| !d.field.is_empty() && d.file.as_os_str().is_empty());
        let mut all = prepared.locate(about_fields);
        all.extend(others);
        all
    })?;
    timings.render = started.elapsed();
    warnings.extend(rendered.warnings.clone());
    warnings.extend(prepared.locate(email_warnings));
    let started = Instant::now();
    let fingerprint = inputs_fingerprint(engine, &prepared, request);
    let packing = crate::pack::Packing {
        case: &prepared.case,
        plan: &plan,
        total_due: crate::plan::enforcement::total_due(&prepared.claim, plan.step),
        fingerprint: &fingerprint,
        warnings: &warnings,
    };
    let written = crate::pack::write(&packing, rendered, &request.out)?;
    timings.pack = started.elapsed();
    Ok(Outcome {
        reference: prepared.case.reference.clone(),
        dir: written.dir,
        step: plan.step,
        total_due: crate::plan::enforcement::total_due(&prepared.claim, plan.step),
        files: written.files,
        warnings: warnings.sorted(),
        timings,
        waiting_until: None,
    })
}

/// The claim at the mise en demeure's date (for its copy), the bundle, the `--donnees` dump, the PDFs,
/// and with `--courriel` the relances' e-mails (with the warnings about the case's addresses).
fn render(
    engine: &Engine,
    prepared: &Prepared,
    plan: &Plan,
    request: &Request,
) -> Result<(crate::render::Rendered, Vec<Diagnostic>), Diagnostics> {
    let notice_claim = notice_claim(engine, prepared, plan)?;
    let bundle =
        crate::render::assemble(&prepared.case, &prepared.claim, notice_claim.as_ref(), plan, &prepared.files)?;
    if let Some(path) = request.data_dump.as_deref() {
        refuse_input_overwrite(&prepared.case, path)?;
        let pretty = serde_json::from_slice::<serde_json::Value>(&bundle.data_json())
            .and_then(|v| serde_json::to_vec_pretty(&v))
            .unwrap_or_default();
        std::fs::write(path, pretty)
            .map_err(|e| Diagnostic::error(format!("écriture des données impossible : {e}")).in_file(path))?;
    }
    let letters = if request.email { crate::render::email::reminder_letters(&bundle) } else { Vec::new() };
    let mut rendered = crate::render::render_with(&engine.templates, &prepared.case, plan, bundle, engine.slicing)?;
    let email_warnings = crate::render::email::add_reminder_emails(&letters, &mut rendered)?;
    Ok((rendered, email_warnings))
}

/// The claim as it stood on the day the mise en demeure was sent, for a copy of the letter.
fn notice_claim(engine: &Engine, prepared: &Prepared, plan: &Plan) -> Result<Option<Claim>, Diagnostics> {
    let Some(notice) = &prepared.case.formal_notice else { return Ok(None) };
    if !plan.documents.iter().any(|d| d.kind == DocKind::FormalNotice) {
        return Ok(None);
    }
    crate::claim::compute(&prepared.case, &engine.rates, notice.sent)
        .map(Some)
        .map_err(|errors| prepared.locate(errors))
}

/// `--donnees FICHIER` may not replace the case file or a pièce: recouvre never overwrites an input.
fn refuse_input_overwrite(case: &Case, path: &Path) -> Result<(), Diagnostic> {
    let Ok(target) = path.canonicalize() else { return Ok(()) };
    let inputs = case.referenced_files().into_iter().map(|f| f.path.clone());
    let mut inputs = inputs.chain([case.source.file.clone()]);
    if inputs.any(|input| input.canonicalize().is_ok_and(|input| input == target)) {
        return Err(Diagnostic::error("--donnees désigne un fichier d'entrée du dossier : il ne sera pas remplacé")
            .in_file(path)
            .hint("indiquez un autre fichier, par exemple donnees.json"));
    }
    Ok(())
}
