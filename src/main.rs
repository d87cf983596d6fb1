// On Windows the app is a GUI program (no console window behind it); the command
// line attaches to the console it was started from, so `thidua check …` still prints.
#![cfg_attr(windows, windows_subsystem = "windows")]

use clap::Parser;
use std::process::ExitCode;

#[cfg(windows)]
fn attach_parent_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // Fails harmlessly when started from Explorer (there is no parent console).
    // SAFETY: a plain Win32 call with a constant argument.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

fn main() -> ExitCode {
    thidua::ui::mark_process_start();
    #[cfg(windows)]
    attach_parent_console();
    let cli = thidua::cli::Cli::parse();
    if cli.command.is_some() {
        return thidua::cli::run(cli);
    }
    match thidua::ui::run(cli.file, cli.edit) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // The window's language is not known yet: both.
            use thidua::text::{Lang, cli::C};
            let vi = C::CannotOpenWindow.fill(Lang::Vi, &[&error]);
            let en = C::CannotOpenWindow.fill(Lang::En, &[&error]);
            eprintln!("thidua: {vi}\nthidua: {en}");
            ExitCode::from(1)
        }
    }
}
