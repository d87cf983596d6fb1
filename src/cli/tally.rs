//! `thidua tally M.thidua [--format text|json|csv]`: print the tally.

use super::{Out, Outcome, TallyFormat, read_meeting};
use crate::export::{csv::summary_csv, results::results_document, text::tally_text};
use crate::model::{Session, Tally};
use std::io::Write;
use std::path::Path;

pub(super) fn tally(out: &Out, meeting: &Path, format: TallyFormat) -> Outcome {
    let file = read_meeting(out, meeting)?;
    print_tally(out, file.session(), file.head(), format);
    Ok(())
}

/// The tally of `session` (whose hash chain ends at `head`) on stdout.
pub(super) fn print_tally(out: &Out, session: &Session, head: &str, format: TallyFormat) {
    let tally = Tally::compute(session);
    match format {
        TallyFormat::Text => out.say(tally_text(session, &tally, head, out.lang).trim_end()),
        TallyFormat::Json => {
            let doc = results_document(session, &tally, head);
            out.say(&serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        TallyFormat::Csv => {
            let bytes = summary_csv(session, &tally, out.lang, false);
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(&bytes);
        }
    }
}
