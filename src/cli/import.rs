//! `thidua import M.thidua SHEET.json…`: add delegate sheets, each in its own
//! transaction.

use super::{Failed, Out, Outcome, open_meeting, report_problems};
use crate::clock::now;
use crate::live::sheet_import::{self, Imported, SheetImportError};
use crate::model::event::{Actor, Event};
use crate::model::sheet::ImportPlan;
use crate::store::MeetingFile;
use crate::text::Lang;
use crate::text::cli::C;
use std::path::{Path, PathBuf};

pub(super) fn import(out: &Out, meeting: &Path, sheets: &[PathBuf]) -> Outcome {
    let mut file = open_meeting(out, meeting)?;
    let mut failed = 0;
    for path in sheets {
        match import_one(out, &mut file, path) {
            Ok(line) => out.say(&line),
            Err(Failed) => failed += 1,
        }
    }
    if failed > 0 {
        eprintln!("{}", import_failures(failed, sheets.len(), out.lang));
        return Err(Failed);
    }
    Ok(())
}

/// What an import with failures left behind. Each sheet is its own transaction, so
/// a failed sheet changes nothing and the others are in the meeting file (imported
/// now or already there).
fn import_failures(failed: usize, total: usize, lang: Lang) -> String {
    let ok = total.saturating_sub(failed);
    match (ok, total) {
        (0, 1) => C::TheSheetFailed.get(lang).into(),
        (0, _) => C::NoSheetImported.fill(lang, &[&total]),
        _ => C::SomeSheetsFailed.fill(lang, &[&failed, &total, &ok]),
    }
}

fn import_one(out: &Out, file: &mut MeetingFile, path: &Path) -> Result<String, Failed> {
    let shown = path.display();
    let read = sheet_import::read_any(path, file.session()).map_err(|e| match e {
        SheetImportError::Sheet(problems) => report_problems(out, path, &problems),
        other => out.error(&format!("{shown}: {}", other.text(out.lang))),
    })?;
    let read = match read {
        Imported::Sheet(sheet) => sheet,
        Imported::Facts { events, .. } if events.is_empty() => {
            return Ok(C::FactsAlreadyIn.fill(out.lang, &[&shown]));
        }
        Imported::Facts { events, .. } => {
            let count = events.len();
            // One transaction: a refused fact leaves the meeting as it was.
            let seq = file
                .append_all(Actor::Chair, events, &now())
                .map_err(|e| out.error(&format!("{shown}: {}", e.text(out.lang))))?;
            return Ok(C::FactsImported.fill(out.lang, &[&shown, &count, &seq]));
        }
    };
    let scorer = file.config().members[read.scorer].short.clone();
    match read.plan {
        ImportPlan::Unchanged => Ok(C::SheetAlreadyIn.fill(out.lang, &[&shown, &scorer])),
        ImportPlan::Events(events) => {
            let cells = events
                .iter()
                .filter(|e| matches!(e, Event::Score { .. }))
                .count();
            let seq = file
                .append_all(Actor::Chair, events, &now())
                .map_err(|e| out.error(&format!("{shown}: {}", e.text(out.lang))))?;
            Ok(C::SheetImported.fill(out.lang, &[&shown, &scorer, &cells, &seq]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_import_says_what_was_saved() {
        // One sheet, and it failed: there are no "others".
        assert_eq!(
            import_failures(1, 1, Lang::En),
            "The sheet was not imported; the meeting file is unchanged."
        );
        assert_eq!(
            import_failures(1, 1, Lang::Vi),
            "Phiếu chấm không nhập được; tệp hội nghị không thay đổi."
        );
        assert_eq!(
            import_failures(3, 3, Lang::En),
            "None of the 3 sheets was imported; the meeting file is unchanged."
        );
        assert_eq!(
            import_failures(3, 3, Lang::Vi),
            "Không nhập được phiếu nào trong 3 phiếu; tệp hội nghị không thay đổi."
        );
        assert_eq!(
            import_failures(1, 3, Lang::En),
            "1 of 3 sheets was not imported; the other 2 are in the meeting file."
        );
        assert_eq!(
            import_failures(2, 3, Lang::En),
            "2 of 3 sheets were not imported; the other 1 is in the meeting file."
        );
        assert_eq!(
            import_failures(1, 3, Lang::Vi),
            "1/3 phiếu không nhập được; 2 phiếu còn lại đã có trong tệp hội nghị."
        );
    }
}
