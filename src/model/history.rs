//! The meeting's history as people read it, and undo: an undo is a new event that
//! restores the old value, never a deletion.

use super::event::{Event, Record};
use super::points::Points;
use super::session::Session;
use std::collections::HashMap;

/// The event that puts back what `event` is about to change, for the kinds of
/// change a person makes by hand and can take back. `None`: not undoable (a submit,
/// a ballot, a decision or finalizing are corrected by a new deliberate step).
pub fn inverse(session: &Session, event: &Event) -> Option<Event> {
    let config = session.config();
    match event {
        Event::Score {
            scorer,
            target,
            item,
            ..
        } => {
            let (s, t, c) = (
                config.member(scorer)?,
                config.member(target)?,
                config.cell(item)?,
            );
            Some(Event::Score {
                scorer: scorer.clone(),
                target: target.clone(),
                item: item.clone(),
                value: session.score(s, t, c),
            })
        }
        Event::Fact { member, item, .. } => {
            let (m, c) = (config.member(member)?, config.cell(item)?);
            Some(Event::Fact {
                member: member.clone(),
                item: item.clone(),
                value: session.fact(m, c),
            })
        }
        Event::Attendance { member, .. } => {
            let m = config.member(member)?;
            Some(Event::Attendance {
                member: member.clone(),
                present: session.is_present(m),
            })
        }
        // Before the first details or the first pair there was none: the inverse
        // takes them back to none.
        Event::Meeting { .. } => Some(session.meeting.as_ref().map_or_else(
            Event::no_meeting_details,
            |m| Event::Meeting {
                date: m.date.clone(),
                place: m.place.clone(),
                chair: m.chair.clone(),
                secretary: m.secretary.clone(),
            },
        )),
        Event::NextYear { .. } => Some(session.next_year.map_or_else(
            Event::no_next_year,
            |(h, d)| Event::NextYear {
                head: config.members[h].id.clone(),
                deputy: config.members[d].id.clone(),
            },
        )),
        _ => None,
    }
}

/// One line of the audit trail.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRow {
    pub record: Record,
    /// For a score: the value before it.
    pub old: Option<Option<Points>>,
    /// The delegate whose sheet it concerns, and the member scored (for filters).
    pub scorer: Option<usize>,
    pub target: Option<usize>,
}

/// Builds audit rows incrementally as records arrive, remembering cell values.
#[derive(Debug, Default, Clone)]
pub struct AuditLog {
    pub rows: Vec<AuditRow>,
    cells: HashMap<(usize, usize, usize), Option<Points>>,
}

impl AuditLog {
    pub fn last_seq(&self) -> u64 {
        self.rows.last().map_or(0, |r| r.record.seq)
    }

    pub fn push(&mut self, session_config: &super::Config, record: Record) {
        let member = |id: &str| session_config.member(id);
        let (mut old, mut scorer, mut target) = (None, None, None);
        match &record.event {
            Event::Score {
                scorer: s,
                target: t,
                item,
                value,
            } => {
                if let (Some(s), Some(t), Some(c)) =
                    (member(s), member(t), session_config.cell(item))
                {
                    old = Some(self.cells.insert((s, t, c), *value).flatten());
                    scorer = Some(s);
                    target = Some(t);
                }
            }
            Event::Fact {
                member: m,
                item,
                value,
            } => {
                if let (Some(m), Some(c)) = (member(m), session_config.cell(item)) {
                    // The chair's row: no member has index `usize::MAX`.
                    old = Some(self.cells.insert((usize::MAX, m, c), *value).flatten());
                    target = Some(m);
                }
            }
            Event::Submit { scorer: s }
            | Event::Reopen { scorer: s, .. }
            | Event::ImportSheet { scorer: s, .. }
            | Event::PaperSheet { scorer: s, .. } => scorer = member(s),
            Event::Attendance { member: m, .. } => target = member(m),
            _ => {}
        }
        self.rows.push(AuditRow {
            record,
            old,
            scorer,
            target,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::event::Actor;
    use crate::model::testkit::*;

    #[test]
    fn undoing_a_score_restores_the_old_value_as_a_new_event() {
        let mut s = session(&config_json(3));
        let set = |v: Option<i64>| Event::Score {
            scorer: id(0),
            target: id(1),
            item: "1.1".into(),
            value: v.map(Points),
        };
        apply(&mut s, Actor::Chair, set(Some(500))).unwrap();
        let undo = inverse(&s, &set(Some(800))).unwrap();
        apply(&mut s, Actor::Chair, set(Some(800))).unwrap();
        apply(&mut s, Actor::Chair, undo).unwrap();
        assert_eq!(s.score(0, 1, 0), Some(Points(500)));
        assert_eq!(s.event_count(), 3, "history only grows");
        assert_eq!(inverse(&s, &Event::Finalize), None);
    }

    #[test]
    fn undoing_the_first_details_and_the_first_pair_goes_back_to_none() {
        let mut s = session(&config_json(3));
        let details = Event::Meeting {
            date: "2024-12-20".into(),
            place: "Hội trường".into(),
            chair: "Nguyễn Văn A".into(),
            secretary: "Trần Thị B".into(),
        };
        let pair = Event::NextYear {
            head: id(1),
            deputy: id(2),
        };
        for (event, is_set) in [
            (
                details,
                (|s: &Session| s.meeting.is_some()) as fn(&Session) -> bool,
            ),
            (pair, |s: &Session| s.next_year.is_some()),
        ] {
            // As the window does it: the inverse is taken before the change.
            let undo = inverse(&s, &event).expect("the first one can be undone");
            apply(&mut s, Actor::Chair, event.clone()).unwrap();
            assert!(is_set(&s));
            apply(&mut s, Actor::Chair, undo).unwrap();
            assert!(!is_set(&s), "undo restores the state before: none");
            apply(&mut s, Actor::Chair, event).unwrap();
            assert!(is_set(&s), "redo applies it again");
        }
        assert_eq!(s.meeting.as_ref().unwrap().place, "Hội trường");
        assert_eq!(s.next_year, Some((1, 2)));
        assert_eq!(s.event_count(), 6, "history only grows");
        // Without details the meeting cannot be finalized again after an undo.
        apply(&mut s, Actor::Chair, Event::no_meeting_details()).unwrap();
        assert!(
            crate::model::Tally::compute(&s)
                .missing(&s)
                .contains(&crate::model::session::Missing::MeetingDetails)
        );
    }

    #[test]
    fn the_audit_log_shows_old_and_new_values() {
        let config = crate::model::testkit::config(&config_json(3));
        let mut log = AuditLog::default();
        for (seq, v) in [(1, 500), (2, 800)] {
            log.push(
                &config,
                Record {
                    seq,
                    at: "2024-12-20T09:00:00+07:00".into(),
                    by: Actor::Member(id(0)),
                    origin: None,
                    event: Event::Score {
                        scorer: id(0),
                        target: id(2),
                        item: "2.1".into(),
                        value: Some(Points(v)),
                    },
                },
            );
        }
        assert_eq!(log.rows[0].old, Some(None));
        assert_eq!(log.rows[1].old, Some(Some(Points(500))));
        assert_eq!((log.rows[1].scorer, log.rows[1].target), (Some(0), Some(2)));
        assert_eq!(log.last_seq(), 2);
    }
}
