//! `thidua verify FILE [--session M.thidua]`: check a meeting file's hash chain, or
//! a results document (and, given the meeting file, that it matches).

use super::{Failed, Out, Outcome, io_text, read_meeting};
use crate::export::results::{ResultsProblem, compare_with_meeting, read_results};
use crate::export::text::verification_code;
use crate::store::{Integrity, MeetingFile};
use crate::text::cli::C;
use std::path::Path;

pub(super) fn verify(out: &Out, path: &Path, session: Option<&Path>) -> Outcome {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json || session.is_some() {
        return verify_results(out, path, session);
    }
    let file = MeetingFile::open_to_read(path).map_err(|e| out.error(&e.text(out.lang)))?;
    let events = file.last_seq();
    match file.integrity() {
        Integrity::Broken(breaks) if breaks.iter().any(|b| b.is_damage()) => {
            eprintln!("{}", C::MeetingDamaged.fill(out.lang, &[&path.display()]));
            for b in breaks {
                eprintln!("  - {}", b.text(out.lang));
            }
            Err(Failed)
        }
        _ => {
            out.say(&C::MeetingVerified.fill(
                out.lang,
                &[
                    &path.display(),
                    &events,
                    &file.config().sha256,
                    &file.head(),
                    &verification_code(file.head()),
                ],
            ));
            Ok(())
        }
    }
}

fn verify_results(out: &Out, path: &Path, session: Option<&Path>) -> Outcome {
    let bytes = std::fs::read(path)
        .map_err(|e| out.error(&format!("{}: {}", path.display(), io_text(&e, out.lang))))?;
    let fail = |problems: Vec<ResultsProblem>| {
        eprintln!("{}", C::ResultsFailed.fill(out.lang, &[&path.display()]));
        for p in problems {
            eprintln!("  - {}", p.text(out.lang));
        }
        Failed
    };
    let doc = read_results(&bytes).map_err(fail)?;
    if let Some(meeting_path) = session {
        let file = read_meeting(out, meeting_path)?;
        let problems = compare_with_meeting(&doc, &file.config().sha256, file.last_seq(), |n| {
            file.session_at(n).ok()
        });
        if !problems.is_empty() {
            return Err(fail(problems));
        }
    }
    let head = doc
        .get("session_head")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    out.say(&match session {
        None => C::ResultsIntact.fill(out.lang, &[&path.display(), &verification_code(head)]),
        Some(m) => C::ResultsMatch.fill(out.lang, &[&path.display(), &m.display()]),
    });
    Ok(())
}
