//! `thidua pledge CONFIG.json -o giao-uoc.pdf`: print the emulation pledge members
//! sign at the start of the year, from the cluster config.

use super::{Out, Outcome, load_config, write_file};
use crate::text::cli::C;
use std::path::Path;

pub(super) fn pledge(out: &Out, config: &Path, output: &Path) -> Outcome {
    let (_, config) = load_config(out, config)?;
    let bytes = crate::export::pledge::pledge(&config, out.lang)
        .map_err(|e| out.error(&format!("{}: {}", output.display(), e.text(out.lang))))?;
    write_file(out, output, &bytes)?;
    out.say(&C::Exported.fill(out.lang, &[&output.display()]));
    Ok(())
}
