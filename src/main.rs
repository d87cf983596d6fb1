use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    thidua::cli::run(thidua::cli::Cli::parse())
}
