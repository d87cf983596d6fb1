// No console window behind the app on Windows; the command line attaches to the
// terminal it was started from (see `attach_console`).
#![cfg_attr(windows, windows_subsystem = "windows")]

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = thidua::cli::Cli::parse();
    if cli.command.is_some() {
        return thidua::cli::run(cli);
    }
    match thidua::ui::run(cli.file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("thidua: không mở được cửa sổ ứng dụng / cannot open the window: {error}");
            ExitCode::from(1)
        }
    }
}
