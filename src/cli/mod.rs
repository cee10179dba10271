//! The command line: parses what was typed, calls the stages, prints in French, maps to an exit
//! code (0 success, 1 problems in the input, 2 a batch where some cases failed).

mod args;
mod french;
mod init;
pub mod json_fr;
mod models;
mod print;

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::format::count;

use args::{
    BatchReportCommand, ImportCommand, ModelsAction, ProgressArg, Sources, StatementFormat, SuiviFormat, TextOrJson,
};
pub use args::{Cli, Command};
pub use french::{command, parse};

use crate::claim::RateTables;
use crate::diag::{Diagnostic, Diagnostics};
use crate::pipeline::{self, Engine, Request, Timings};
use crate::plan::{Destination, Step};
use crate::render::Templates;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let today = cli.aujourdhui.unwrap_or_else(|| chrono::Local::now().date_naive());
    match dispatch(cli.command, today) {
        Ok(code) => code,
        Err(diagnostics) => {
            print::diagnostics(&diagnostics);
            ExitCode::from(1)
        }
    }
}

/// Templates and rates as the options say, read once.
pub fn engine(sources: &Sources) -> Result<Engine, Diagnostics> {
    let templates = match &sources.templates {
        Some(dir) => Templates::with_overrides(dir)?,
        None => Templates::embedded(),
    };
    let (rates, rates_file) = match &sources.taux {
        Some(path) => {
            // Looked at first: reading a named pipe would wait for a writer forever.
            if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
                return Err(Diagnostic::error("fichier de taux illisible : ce n'est pas un fichier ordinaire")
                    .in_file(path)
                    .hint("--taux attend un fichier CSV ou YAML")
                    .into());
            }
            let bytes = std::fs::read(path).map_err(|e| {
                Diagnostic::error(format!("fichier de taux illisible : {}", crate::ground::files::io_reason(&e)))
                    .in_file(path)
            })?;
            let rates = RateTables::with_user_file(path).map_err(Diagnostics::from)?;
            (rates, Some(bytes))
        }
        None => (RateTables::embedded(), None),
    };
    Ok(Engine::new(templates, rates, rates_file))
}

fn dispatch(command: Command, today: NaiveDate) -> Result<ExitCode, Diagnostics> {
    match command {
        Command::Build { case, out, etape, pour, donnees, courriel, sources } => {
            let case = case_file(case);
            let engine = engine(&sources)?;
            let request = Request {
                step: etape.map(Step::from),
                destination: pour.map(Destination::from),
                data_dump: donnees,
                email: courriel,
                ..Request::new(case, out, today)
            };
            let outcome = pipeline::build(&engine, &request)?;
            print::diagnostics(&outcome.warnings);
            print::built(&outcome);
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { case, format, sources } => {
            let case = case_file(case);
            let engine = engine(&sources)?;
            check(&engine, &case, format, today)
        }
        Command::Decompte { case, au, format, sources } => {
            let case = case_file(case);
            let engine = engine(&sources)?;
            let prepared = pipeline::prepare(&engine, &case, today, au, &mut Timings::default())?;
            print::diagnostics(&prepared.warnings);
            let text = match format {
                StatementFormat::Table => crate::claim::to_table(&prepared.claim),
                StatementFormat::Json => {
                    let json = crate::claim::to_json(&prepared.case, &prepared.claim);
                    serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
                }
                StatementFormat::Csv => crate::claim::to_csv(&prepared.case, &prepared.claim),
            };
            print!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Plan { case, etape, pour, out, format, sources } => {
            let case = case_file(case);
            let engine = engine(&sources)?;
            let request = Request {
                step: etape.map(Step::from),
                destination: pour.map(Destination::from),
                ..Request::new(case, out, today)
            };
            let prepared =
                pipeline::prepare(&engine, &request.case_file, request.today, None, &mut Timings::default())?;
            let plan = pipeline::plan_for(&prepared, &request);
            let mut all = prepared.warnings.clone();
            all.extend(prepared.locate(plan.diagnostics.clone()));
            let all = all.sorted();
            print::diagnostics(&all);
            match format {
                TextOrJson::Texte => print!("{}", print::plan_text(&prepared, &plan)),
                TextOrJson::Json => {
                    println!("{}", serde_json::to_string_pretty(&json_fr::plan(&plan)).unwrap_or_default())
                }
            }
            Ok(if all.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Relance { case, niveau, out, courriel, sources } => {
            let case = case_file(case);
            let engine = engine(&sources)?;
            let request = Request {
                step: Some(crate::plan::Step::Reminder),
                reminder_level: niveau,
                email: courriel,
                ..Request::new(case, out, today)
            };
            let mut timings = Timings::default();
            let prepared = pipeline::prepare(&engine, &request.case_file, request.today, None, &mut timings)?;
            refuse_reminder_after_notice(&prepared, &request)?;
            let previous = pipeline::previous(&request, &prepared.case);
            let outcome = pipeline::build_prepared(&engine, &request, prepared, previous.as_ref(), timings)?;
            print::diagnostics(&outcome.warnings);
            print::built(&outcome);
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { profil, donnees } => {
            if profil {
                print!("{}", crate::case::schema::profile_schema_text());
            } else if donnees {
                print!("{}", crate::render::data::schema::schema_text());
            } else {
                print!("{}", crate::case::schema::case_schema_text());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Modeles { action: ModelsAction::Exporter { dir } } => {
            let count = models::export(&dir)?;
            println!(
                "{} écrits dans {} avec le guide {} ; construisez avec : recouvre build case.yaml --templates {}",
                crate::format::count(count, "modèle", "modèles"),
                dir.display(),
                models::GUIDE,
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir, profil } => {
            init::init(&dir, today, profil)?;
            println!("Dossier de départ créé : {}", dir.display());
            if profil {
                println!(
                    "Le créancier est décrit une fois dans {} : chaque cas placé dessous le reprend",
                    dir.join(crate::case::profile::PROFILE_FILE).display()
                );
            }
            println!(
                "Remplacez chaque valeur d'exemple de {} (recouvre check les signale), puis lancez : recouvre build {}",
                dir.join("case.yaml").display(),
                dir.join("case.yaml").display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Batch { dir, out, jobs, pour, force, shard, progression, courriel, sources } => {
            let engine = engine(&sources)?;
            let options = crate::batch::Options {
                dir,
                out: out.clone(),
                jobs: jobs.map(usize::from),
                destination: pour.map(Destination::from),
                force,
                shard,
                today,
                email: courriel,
                progress: match progression {
                    ProgressArg::Auto => crate::batch::ProgressMode::Auto,
                    ProgressArg::Lignes => crate::batch::ProgressMode::Lines,
                    ProgressArg::Aucune => crate::batch::ProgressMode::Quiet,
                },
            };
            let report = crate::batch::run(&engine, &options)?;
            report.write(&out)?;
            eprint!("{}", report.summary());
            eprintln!(
                "Rapport : {} et {}",
                out.join(crate::batch::report::REPORT_JSON).display(),
                out.join(crate::batch::report::REPORT_CSV).display()
            );
            Ok(batch_exit_code(&report))
        }
        Command::Suivi { dir, au, format, out, construits, sources } => {
            let engine = engine(&sources)?;
            let options = crate::suivi::Options { dir, on: au.unwrap_or(today), built: construits };
            let portfolio = crate::suivi::run(&engine, &options)?;
            let text = match format {
                SuiviFormat::Table => crate::suivi::output::to_table(&portfolio),
                SuiviFormat::Json => {
                    serde_json::to_string_pretty(&crate::suivi::output::to_json(&portfolio)).unwrap_or_default() + "\n"
                }
                SuiviFormat::Csv => crate::suivi::output::to_csv(&portfolio),
                SuiviFormat::Html => crate::suivi::html::page(&portfolio),
            };
            print::suivi_written(&portfolio, &text, out.as_deref(), format == SuiviFormat::Table)?;
            Ok(match portfolio.failures.len() {
                0 => ExitCode::SUCCESS,
                _ => ExitCode::from(2),
            })
        }
        Command::BatchReport(BatchReportCommand::Merge { reports, out }) => {
            let read: Result<Vec<_>, _> = reports.iter().map(|p| crate::batch::Report::read(p)).collect();
            let merged = crate::batch::Report::merge(read?)?;
            merged.write(&out)?;
            eprint!("{}", merged.summary());
            Ok(batch_exit_code(&merged))
        }
        Command::Regles => {
            print!("{}", print::rules_table());
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(command) => {
            let report = match command {
                ImportCommand::FacturX { files, out, force } => {
                    crate::import::import_facturx(&crate::import::FacturxOptions { inputs: files, out, force })?
                }
                ImportCommand::Balance { csv, out, tiers, colonnes, creancier, taux_tva, force } => {
                    crate::import::import_balance(&crate::import::BalanceOptions {
                        csv,
                        out,
                        tiers,
                        columns: colonnes,
                        creditor: creancier,
                        vat_rate: taux_tva,
                        force,
                    })?
                }
            };
            print::diagnostics(&report.warnings);
            print!("{}", report.summary());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn check(engine: &Engine, case: &Path, format: TextOrJson, today: NaiveDate) -> Result<ExitCode, Diagnostics> {
    let result = pipeline::prepare(engine, case, today, None, &mut Timings::default());
    let (diagnostics, ok) = match &result {
        Ok(prepared) => (prepared.warnings.clone(), true),
        Err(errors) => (errors.clone(), false),
    };
    match format {
        TextOrJson::Texte => {
            print::diagnostics(&diagnostics);
            if ok {
                let errors = diagnostics.warnings().count();
                println!(
                    "{} : dossier valide{}",
                    case.display(),
                    if errors > 0 {
                        format!(" ({})", count(errors, "avertissement", "avertissements"))
                    } else {
                        String::new()
                    }
                );
            } else {
                eprintln!(
                    "{}, {}",
                    count(diagnostics.errors().count(), "erreur", "erreurs"),
                    count(diagnostics.warnings().count(), "avertissement", "avertissements")
                );
            }
        }
        TextOrJson::Json => {
            println!("{}", serde_json::to_string_pretty(&json_fr::diagnostics(&diagnostics)).unwrap_or_default())
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `recouvre relance` once the mise en demeure has gone: refused, with the step reached.
fn refuse_reminder_after_notice(prepared: &pipeline::Prepared, request: &Request) -> Result<(), Diagnostics> {
    let Some(notice) = &prepared.case.formal_notice else { return Ok(()) };
    let reached = pipeline::plan_for(prepared, &Request { step: None, ..request.clone() });
    let found = vec![
        Diagnostic::error(format!(
            "pas de relance : la mise en demeure a été envoyée le {} ; le cas est à l'étape « {} »",
            crate::format::date_fr(notice.sent),
            reached.step_label
        ))
        .field("mise_en_demeure.date")
        .hint(format!(
            "une relance amiable ne suit pas une mise en demeure : lancez « recouvre build {} » pour l'étape atteinte",
            request.case_file.display()
        )),
    ];
    Err(prepared.locate(found))
}

/// A case given by its folder is the folder's `case.yaml` (a folder without one is reported
/// as given, a folder).
fn case_file(path: std::path::PathBuf) -> std::path::PathBuf {
    let inside = path.join("case.yaml");
    if path.is_dir() && inside.is_file() { inside } else { path }
}

/// 0 when every case is built or up to date, 2 when some failed, 1 when all failed.
fn batch_exit_code(report: &crate::batch::Report) -> ExitCode {
    match report.echecs {
        0 => ExitCode::SUCCESS,
        n if n == report.total => ExitCode::from(1),
        _ => ExitCode::from(2),
    }
}
