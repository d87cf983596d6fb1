use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    thidua::ui::mark_process_start();
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
