//! `thidua new CONFIG.json -o M.thidua`: create a meeting file.

use super::{Out, Outcome, load_config};
use crate::clock::now;
use crate::model::Session;
use crate::model::event::{Actor, Event};
use crate::store::MeetingFile;
use crate::text::cli::C;
use std::path::Path;
use std::sync::Arc;

/// The meeting's details given on the command line.
pub(super) struct MeetingArgs {
    pub(super) date: Option<String>,
    pub(super) place: Option<String>,
    pub(super) chair: Option<String>,
    pub(super) secretary: Option<String>,
}

pub(super) fn new_meeting(
    out: &Out,
    config_path: &Path,
    output: &Path,
    present: Option<Vec<String>>,
    meeting: MeetingArgs,
) -> Outcome {
    let (bytes, config) = load_config(out, config_path)?;
    // Check the arguments against the config before creating any file.
    if let Some(ids) = &present {
        for id in ids {
            if config.member(id.trim()).is_none() {
                return Err(out.error(&format!(
                    "--present: {}",
                    C::NoMemberWithId.fill(out.lang, &[id])
                )));
            }
        }
    }
    let mut events = Vec::new();
    if let Some(ids) = &present {
        for member in &config.members {
            let here = ids.iter().any(|id| id.trim() == member.id);
            if !here {
                events.push(Event::Attendance {
                    member: member.id.clone(),
                    present: false,
                });
            }
        }
    }
    let any_detail = meeting.date.is_some()
        || meeting.place.is_some()
        || meeting.chair.is_some()
        || meeting.secretary.is_some();
    if any_detail {
        events.push(Event::Meeting {
            date: meeting
                .date
                .unwrap_or_else(|| crate::clock::today().format("%Y-%m-%d").to_string()),
            place: meeting.place.unwrap_or_default(),
            chair: meeting.chair.unwrap_or_default(),
            secretary: meeting.secretary.unwrap_or_default(),
        });
    }
    let mut trial = Session::new(Arc::new(config.clone()));
    for event in &events {
        if let Err(e) = trial.check(&Actor::Chair, event) {
            return Err(out.error(&e.text(out.lang)));
        }
        let _ = trial.apply(&crate::model::Record {
            seq: 0,
            at: String::new(),
            by: Actor::Chair,
            origin: None,
            event: event.clone(),
        });
    }
    let at = now();
    let mut file =
        MeetingFile::create(output, &bytes, &at).map_err(|e| out.error(&e.text(out.lang)))?;
    file.append_all(Actor::Chair, events, &at)
        .map_err(|e| out.error(&e.text(out.lang)))?;
    out.say(&C::MeetingCreated.fill(
        out.lang,
        &[
            &output.display(),
            &config.cluster.name,
            &config.members.len(),
            &file.session().present_count(),
        ],
    ));
    Ok(())
}
