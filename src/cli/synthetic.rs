//! The hidden commands, for measurements and the crash tests: `synthetic` writes a
//! generated meeting, `score-stream` commits score events one at a time.

use super::{Out, Outcome, open_meeting};
use crate::clock::now;
use crate::model::event::{Actor, Event};
use crate::store::MeetingFile;
use crate::text::cli::C;
use std::path::Path;

/// A generated meeting of the named scale, every sheet scored and submitted.
pub(super) fn synthetic_meeting(out: &Out, scale: &str, output: &Path) -> Outcome {
    let Some(scale) = crate::synthetic::SCALES
        .into_iter()
        .find(|s| s.name == scale)
    else {
        return Err(out.error(C::UnknownScale.get(out.lang)));
    };
    let bytes = crate::synthetic::config_bytes(scale);
    let mut file =
        MeetingFile::create(output, &bytes, &now()).map_err(|e| out.error(&e.text(out.lang)))?;
    let config = file.config().clone();
    for s in 0..scale.members {
        file.append_all(
            Actor::Chair,
            crate::synthetic::sheet_events(&config, s),
            &now(),
        )
        .map_err(|e| out.error(&e.text(out.lang)))?;
    }
    out.say(&C::EventsWritten.fill(out.lang, &[&file.last_seq()]));
    Ok(())
}

/// Walks the first open sheet's cells, changing one value per event, each committed
/// on its own; prints "committed N" only after N is on disk. That line is read by
/// tests/faults.rs, in either language: a protocol, not a sentence.
pub(super) fn score_stream(out: &Out, meeting: &Path, count: u64) -> Outcome {
    let mut file = open_meeting(out, meeting)?;
    let config = file.config().clone();
    let Some(scorer) = (0..config.members.len())
        .find(|&m| file.session().is_present(m) && !file.session().is_submitted(m))
    else {
        return Err(out.error(C::NoOpenSheet.get(out.lang)));
    };
    let cells: Vec<(usize, usize)> = (0..config.members.len())
        .filter(|&t| config.scores_target(scorer, t))
        .flat_map(|t| (0..config.cells.len()).map(move |c| (t, c)))
        .collect();
    let scorer_id = config.members[scorer].id.clone();
    for _ in 0..count {
        let (t, c) = cells[file.last_seq() as usize % cells.len()];
        let cell = &config.cells[c];
        let current = file.session().score(scorer, t, c).map_or(0, |p| p.0);
        let next = (current + cell.step.0) % (cell.max.0 + cell.step.0);
        let event = Event::Score {
            scorer: scorer_id.clone(),
            target: config.members[t].id.clone(),
            item: cell.id.clone(),
            value: Some(crate::model::Points(next)),
        };
        let seq = file
            .append(Actor::Member(scorer_id.clone()), event, &now())
            .map_err(|e| out.error(&e.text(out.lang)))?;
        out.say(&format!("committed {seq}"));
    }
    Ok(())
}
