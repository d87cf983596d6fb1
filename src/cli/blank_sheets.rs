//! `thidua blank-sheets CONFIG.json -o phieu-cham.pdf [--scorer ID]`: print the
//! paper score sheets, one set per scoring delegate (or for one), from the config.

use super::{Out, Outcome, load_config, write_file};
use crate::text::cli::C;
use std::path::Path;

pub(super) fn blank_sheets(
    out: &Out,
    config: &Path,
    output: &Path,
    scorer: Option<&str>,
) -> Outcome {
    let (_, config) = load_config(out, config)?;
    let bytes = crate::export::blank_sheets::blank_sheets(&config, scorer, out.lang)
        .map_err(|e| out.error(&format!("{}: {}", output.display(), e.text(out.lang))))?;
    write_file(out, output, &bytes)?;
    out.say(&C::Exported.fill(out.lang, &[&output.display()]));
    Ok(())
}
