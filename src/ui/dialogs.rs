//! The system's file dialogs. One that cannot be shown here (no desktop portal, no
//! zenity) says so instead of taking the app down; the caller then offers the path
//! field.

use std::path::PathBuf;

/// The dialog could not be shown on this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

fn guarded<T>(show: impl FnOnce() -> T + std::panic::UnwindSafe) -> Result<T, Unavailable> {
    std::panic::catch_unwind(show).map_err(|_| Unavailable)
}

/// One file to open, of the given extensions; `None` when the person cancels.
pub fn open_file(kind: &str, extensions: &[&str]) -> Result<Option<PathBuf>, Unavailable> {
    let (kind, extensions) = owned(kind, extensions);
    guarded(move || {
        rfd::FileDialog::new()
            .add_filter(&kind, &extensions)
            .pick_file()
    })
}

/// Several files to open; `None` when the person cancels.
pub fn open_files(kind: &str, extensions: &[&str]) -> Result<Option<Vec<PathBuf>>, Unavailable> {
    let (kind, extensions) = owned(kind, extensions);
    guarded(move || {
        rfd::FileDialog::new()
            .add_filter(&kind, &extensions)
            .pick_files()
    })
}

/// Where to save, proposing `name`; `None` when the person cancels.
pub fn save_file(
    kind: &str,
    extensions: &[&str],
    name: &str,
) -> Result<Option<PathBuf>, Unavailable> {
    let (kind, extensions) = owned(kind, extensions);
    let name = name.to_string();
    guarded(move || {
        rfd::FileDialog::new()
            .add_filter(&kind, &extensions)
            .set_file_name(name)
            .save_file()
    })
}

fn owned(kind: &str, extensions: &[&str]) -> (String, Vec<String>) {
    (
        kind.to_string(),
        extensions.iter().map(|e| e.to_string()).collect(),
    )
}
