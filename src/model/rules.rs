//! The meeting's rules that need both the session and its tally: whether it can be
//! finalized. They sit above both, so the session's fold never depends on the tally.

use super::event::{Actor, Event, Record};
use super::session::{EventError, Missing, Session};
use super::tally::{ProposalStatus, Tally};

impl Session {
    /// Checks an event against every rule without changing anything.
    pub fn check(&self, by: &Actor, event: &Event) -> Result<(), EventError> {
        self.check_own(by, event)?;
        if matches!(event, Event::Finalize) {
            let missing = Tally::compute(self).missing(self);
            if !missing.is_empty() {
                return Err(EventError::NotReady(missing));
            }
        }
        Ok(())
    }

    /// Checks the event, then applies it. On error nothing changes.
    pub fn apply(&mut self, record: &Record) -> Result<(), EventError> {
        self.check(&record.by, &record.event)?;
        self.apply_checked(record);
        Ok(())
    }
}

impl Tally {
    /// What still keeps the meeting from being finalized.
    pub fn missing(&self, session: &Session) -> Vec<Missing> {
        let config = session.config();
        let mut missing = Vec::new();
        if let Some((false, needed)) = session.quorum() {
            missing.push(Missing::Quorum {
                present: session.present_count(),
                needed,
                members: config.members.len(),
            });
        }
        if self.facts_missing > 0 {
            missing.push(Missing::Facts {
                count: self.facts_missing,
            });
        }
        if session.meeting.is_none() {
            missing.push(Missing::MeetingDetails);
        }
        for (s, member) in config.members.iter().enumerate() {
            if session.is_present(s) && !session.is_submitted(s) {
                missing.push(Missing::Sheet {
                    scorer: member.short.clone(),
                });
            }
        }
        for (c, result) in self.commendations.iter().enumerate() {
            let name = config.commendations[c].name.clone();
            let has = |status| result.proposals.iter().any(|p| p.status == status);
            if has(ProposalStatus::AwaitingBallot) {
                missing.push(Missing::Ballot {
                    commendation: name.clone(),
                });
            }
            if has(ProposalStatus::TieUnresolved) {
                missing.push(Missing::Tie { commendation: name });
            }
        }
        missing
    }
}
