//! An open meeting as the window holds it: the meeting file, and the tally computed
//! once per committed event (never per frame).

use crate::clock;
use crate::model::confidence::{self, Outcome};
use crate::model::event::{Actor, Event};
use crate::model::history::{AuditLog, inverse};
use crate::model::{Config, Session, Tally};
use crate::store::{Integrity, MeetingFile, StoreError};

/// A change this window made that can be taken back: the event that restores the
/// old value, and the one that makes the change again.
#[derive(Debug, Clone)]
pub struct UndoStep {
    pub by: Actor,
    pub undo: Event,
    pub redo: Event,
}

pub struct OpenMeeting {
    pub file: MeetingFile,
    pub tally: Tally,
    /// How many times the tally was computed: one per committed change.
    pub recomputations: u64,
    /// The delegate whose sheet the scoring screen shows.
    pub delegate: usize,
    pub undo: Vec<UndoStep>,
    pub redo: Vec<UndoStep>,
    /// Read from the file when the audit screen is shown, then kept up to date.
    audit: AuditLog,
    /// The robustness check, for the event count it was computed at.
    robustness: Option<(u64, Vec<Outcome>)>,
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
            undo: Vec::new(),
            redo: Vec::new(),
            audit: AuditLog::default(),
            robustness: None,
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

    /// Commits the event to the meeting file, then recomputes the tally. A change
    /// a person can take back goes on the undo stack.
    pub fn record(&mut self, by: Actor, event: Event) -> Result<(), StoreError> {
        let undo = inverse(self.session(), &event);
        self.commit(by.clone(), event.clone())?;
        if let Some(undo) = undo {
            self.undo.push(UndoStep {
                by,
                undo,
                redo: event,
            });
            self.redo.clear();
        }
        Ok(())
    }

    fn commit(&mut self, by: Actor, event: Event) -> Result<(), StoreError> {
        self.file.append(by, event, &clock::now())?;
        self.tally = Tally::compute(self.file.session());
        self.recomputations += 1;
        Ok(())
    }

    /// Takes back the last change, as a new event. Stops (and keeps the step) when
    /// the rules refuse it, e.g. the sheet was submitted since.
    pub fn undo(&mut self) -> Option<Result<(), StoreError>> {
        let step = self.undo.pop()?;
        match self.commit(step.by.clone(), step.undo.clone()) {
            Ok(()) => {
                self.redo.push(step);
                Some(Ok(()))
            }
            Err(e) => {
                self.undo.push(step);
                Some(Err(e))
            }
        }
    }

    pub fn redo(&mut self) -> Option<Result<(), StoreError>> {
        let step = self.redo.pop()?;
        match self.commit(step.by.clone(), step.redo.clone()) {
            Ok(()) => {
                self.undo.push(step);
                Some(Ok(()))
            }
            Err(e) => {
                self.redo.push(step);
                Some(Err(e))
            }
        }
    }

    /// The audit trail, read from the meeting file up to its last event.
    pub fn audit(&mut self) -> &AuditLog {
        if self.audit.last_seq() < self.file.last_seq()
            && let Ok(records) = self.file.records_after(self.audit.last_seq())
        {
            let config = self.file.config().clone();
            for record in records {
                self.audit.push(&config, record);
            }
        }
        &self.audit
    }

    /// The robustness check, recomputed only when the meeting changed.
    pub fn robustness(&mut self) -> &[Outcome] {
        let seq = self.file.last_seq();
        if self.robustness.as_ref().is_none_or(|(at, _)| *at != seq) {
            let result = confidence::robustness(self.file.session(), &self.tally);
            self.robustness = Some((seq, result));
        }
        self.robustness.as_ref().map_or(&[], |(_, r)| r.as_slice())
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
