//! `thidua sheet M.thidua SCORER -o S.json`: one delegate's sheet, to carry to the
//! chair's laptop.

use super::{Out, Outcome, read_meeting};
use crate::clock::now;
use crate::text::cli::C;
use std::path::Path;

pub(super) fn save_sheet(out: &Out, meeting: &Path, scorer: &str, output: &Path) -> Outcome {
    let file = read_meeting(out, meeting)?;
    let Some(s) = file.config().member(scorer) else {
        return Err(out.error(&C::NoMemberWithId.fill(out.lang, &[&scorer])));
    };
    crate::export::write_sheet(file.session(), s, output, &now())
        .map_err(|e| out.error(&e.text(out.lang)))?;
    out.say(&C::SheetSaved.fill(
        out.lang,
        &[&file.config().members[s].short, &output.display()],
    ));
    Ok(())
}
