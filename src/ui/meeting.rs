//! An open meeting as the window holds it: the meeting file, and the tally computed
//! once per committed event (never per frame).

use crate::clock;
use crate::model::event::{Actor, Event};
use crate::model::{Config, Session, Tally};
use crate::store::{Integrity, MeetingFile, StoreError};

pub struct OpenMeeting {
    pub file: MeetingFile,
    pub tally: Tally,
    /// How many times the tally was computed: one per committed change.
    pub recomputations: u64,
    /// The delegate whose sheet the scoring screen shows.
    pub delegate: usize,
}

impl OpenMeeting {
    pub fn new(file: MeetingFile) -> OpenMeeting {
        let tally = Tally::compute(file.session());
        let delegate = (0..file.config().members.len())
            .find(|&m| file.session().is_present(m) && !file.session().is_submitted(m))
            .or_else(|| (0..file.config().members.len()).find(|&m| file.session().is_present(m)))
            .unwrap_or(0);
        OpenMeeting {
            file,
            tally,
            recomputations: 1,
            delegate,
        }
    }

    pub fn session(&self) -> &Session {
        self.file.session()
    }

    pub fn config(&self) -> &Config {
        self.file.config()
    }

    pub fn writable(&self) -> bool {
        matches!(self.file.integrity(), Integrity::Verified) && !self.session().finalized
    }

    /// Commits the event to the meeting file, then recomputes the tally.
    pub fn record(&mut self, by: Actor, event: Event) -> Result<(), StoreError> {
        self.file.append(by, event, &clock::now())?;
        self.tally = Tally::compute(self.file.session());
        self.recomputations += 1;
        Ok(())
    }

    /// Present delegates, in member order: who scores at this meeting.
    pub fn delegates(&self) -> Vec<usize> {
        (0..self.config().members.len())
            .filter(|&m| self.session().is_present(m))
            .collect()
    }

    pub fn step_delegate(&mut self, forward: bool) {
        let list = self.delegates();
        let Some(at) = list.iter().position(|&m| m == self.delegate) else {
            return;
        };
        let next = if forward {
            (at + 1) % list.len()
        } else {
            (at + list.len() - 1) % list.len()
        };
        self.delegate = list[next];
    }
}
