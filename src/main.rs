use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    recouvre::cli::run(recouvre::cli::Cli::parse())
}
