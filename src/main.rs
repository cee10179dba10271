use std::process::ExitCode;

fn main() -> ExitCode {
    match recouvre::cli::parse(std::env::args_os()) {
        Ok(cli) => recouvre::cli::run(cli),
        Err(code) => code,
    }
}
