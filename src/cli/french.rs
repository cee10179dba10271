//! The command line in French: clap's help headings, its help and version flags, the defaults and
//! accepted values it prints, and its errors, which exit with code 1 (2 is a partial batch).

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};

use super::Cli;

const TEMPLATE: &str = "{before-help}{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

/// The clap command with every text French, on every subcommand.
pub fn command() -> clap::Command {
    let root = Cli::command().disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("Affiche la version de recouvre")
            .help_heading("Options "),
    );
    frenchify(root)
}

fn frenchify(command: clap::Command) -> clap::Command {
    let command = command
        .help_template(TEMPLATE)
        .subcommand_help_heading("Commandes ")
        .subcommand_value_name("COMMANDE")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("aide")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Affiche l’aide (--help : l’aide détaillée)"),
        )
        .mut_args(french_arg);
    command.mut_subcommands(frenchify)
}

/// Headings, defaults, environment variable and accepted values written in French in the help
/// itself (clap would print « default », « possible values », « env »).
fn french_arg(arg: Arg) -> Arg {
    let heading = if arg.is_positional() { "Arguments " } else { "Options " };
    let mut notes = Vec::new();
    let values: Vec<String> = if arg.get_action().takes_values() {
        arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect()
    } else {
        Vec::new()
    };
    let details: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .filter_map(|v| v.get_help().map(|h| format!("  - {} : {h}", v.get_name())))
        .collect();
    if !values.is_empty() {
        notes.push(format!("valeurs : {}", values.join(", ")));
    }
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() && arg.get_action().takes_values() {
        notes.push(format!("défaut : {}", defaults.join(", ")));
    }
    if let Some(env) = arg.get_env() {
        notes.push(format!("variable d’environnement : {}", env.to_string_lossy()));
    }
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let short = if notes.is_empty() { help.clone() } else { format!("{help} [{}]", notes.join(" ; ")) };
    let long = match (arg.get_long_help(), details.is_empty()) {
        (Some(long), true) => Some(format!("{long}\n[{}]", notes.join(" ; "))),
        (Some(long), false) => Some(format!("{long}\n{}\n[{}]", details.join("\n"), notes.join(" ; "))),
        (None, false) => Some(format!("{help}\n{}\n[{}]", details.join("\n"), notes.join(" ; "))),
        (None, true) => None,
    };
    let mut arg = arg.help_heading(heading).hide_env(true);
    if arg.get_action().takes_values() {
        arg = arg.hide_default_value(true).hide_possible_values(true);
    }
    if !short.is_empty() {
        arg = arg.help(short);
    }
    if let Some(long) = long {
        arg = arg.long_help(long);
    }
    arg
}

/// Parses the command line; on `--help`, `--version` or an error, prints it in French and gives
/// the exit code to end with: 0 for help and version (and a bare `recouvre`), 1 for an error.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Cli, ExitCode> {
    let args: Vec<OsString> = args.into_iter().collect();
    let bare = args.len() <= 1;
    let matches = command().try_get_matches_from(&args).map_err(|e| report(&e, bare))?;
    Cli::from_arg_matches(&matches).map_err(|e| report(&e, bare))
}

fn report(err: &clap::Error, bare: bool) -> ExitCode {
    if bare {
        // `recouvre` alone (RECOUVRE_AUJOURDHUI may be set: clap then says « missing subcommand »).
        print!("{}", command().render_help());
        return ExitCode::SUCCESS;
    }
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            print!("{}", err.render());
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", err.render());
            ExitCode::from(1)
        }
        _ => {
            eprint!("{}", message(err));
            ExitCode::from(1)
        }
    }
}

fn context(err: &clap::Error, kind: ContextKind) -> Option<String> {
    err.get(kind).map(|v| match v {
        ContextValue::Strings(list) => list.join(", "),
        ContextValue::StyledStrs(list) => list.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    })
}

/// An error of the command line, in French: what is wrong, a suggestion, the usage.
pub fn message(err: &clap::Error) -> String {
    let get = |kind| context(err, kind).unwrap_or_default();
    let what = match err.kind() {
        ErrorKind::InvalidSubcommand => format!("commande inconnue « {} »", get(ContextKind::InvalidSubcommand)),
        ErrorKind::UnknownArgument => format!("option ou argument inattendu « {} »", get(ContextKind::InvalidArg)),
        ErrorKind::InvalidValue => {
            let value = get(ContextKind::InvalidValue);
            let arg = get(ContextKind::InvalidArg);
            if value.is_empty() {
                format!("valeur manquante pour « {arg} »")
            } else {
                format!("valeur « {value} » invalide pour « {arg} »")
            }
        }
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(err).map(|s| format!(" : {s}")).unwrap_or_default();
            format!(
                "valeur « {} » invalide pour « {} »{source}",
                get(ContextKind::InvalidValue),
                get(ContextKind::InvalidArg)
            )
        }
        ErrorKind::MissingRequiredArgument => format!("argument obligatoire absent : {}", get(ContextKind::InvalidArg)),
        ErrorKind::MissingSubcommand => "commande absente".to_string(),
        ErrorKind::ArgumentConflict => {
            format!(
                "« {} » ne peut pas être donné avec « {} »",
                get(ContextKind::InvalidArg),
                get(ContextKind::PriorArg)
            )
        }
        ErrorKind::TooManyValues => format!("trop de valeurs : « {} »", get(ContextKind::InvalidValue)),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("nombre de valeurs incorrect pour « {} »", get(ContextKind::InvalidArg))
        }
        ErrorKind::NoEquals => format!("écrivez « {}=VALEUR »", get(ContextKind::InvalidArg)),
        ErrorKind::InvalidUtf8 => "argument qui n’est pas en UTF-8".to_string(),
        _ => format!("ligne de commande invalide ({})", err.kind()),
    };
    let mut text = format!("erreur : {what}\n");
    let suggestion = [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg, ContextKind::SuggestedValue]
        .into_iter()
        .find_map(|kind| context(err, kind));
    if let Some(suggested) = suggestion {
        text.push_str(&format!("  aide : vouliez-vous dire « {suggested} » ?\n"));
    }
    if let Some(valid) = context(err, ContextKind::ValidValue).or_else(|| context(err, ContextKind::ValidSubcommand)) {
        text.push_str(&format!("  valeurs possibles : {valid}\n"));
    }
    if let Some(usage) = context(err, ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        text.push_str(&format!("\nUtilisation : {usage}\n"));
    }
    text.push_str("\nPour en savoir plus : recouvre --help (ou recouvre COMMANDE --help)\n");
    text
}
