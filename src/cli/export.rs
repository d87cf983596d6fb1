//! `thidua export M.thidua -o OUT…`: write the documents; the format follows each
//! output's extension.

use super::{Failed, Out, Outcome, read_meeting};
use crate::text::cli::C;
use std::path::{Path, PathBuf};

pub(super) fn export(out: &Out, meeting: &Path, outputs: &[PathBuf]) -> Outcome {
    let file = read_meeting(out, meeting)?;
    let mut failed = false;
    for path in outputs {
        match crate::export::write(&file, path, out.lang) {
            Ok(()) => out.say(&C::Exported.fill(out.lang, &[&path.display()])),
            Err(e) => {
                out.error(&format!("{}: {}", path.display(), e.text(out.lang)));
                failed = true;
            }
        }
    }
    if failed { Err(Failed) } else { Ok(()) }
}
