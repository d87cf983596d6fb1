//! Every change to a meeting is one of these events; the session is their fold.

use super::points::Points;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Who caused an event: the chair (or secretary) at the chair's laptop, or a
/// member's delegate, named by the member id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Chair,
    Member(String),
}

impl Actor {
    pub fn as_str(&self) -> &str {
        match self {
            Actor::Chair => "chair",
            Actor::Member(id) => id,
        }
    }

    pub fn parse(text: &str) -> Actor {
        if text == "chair" {
            Actor::Chair
        } else {
            Actor::Member(text.to_string())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Event {
    /// Meeting details. A later one replaces an earlier one.
    Meeting {
        /// `YYYY-MM-DD`.
        date: String,
        place: String,
        chair: String,
        secretary: String,
    },
    Attendance {
        member: String,
        present: bool,
    },
    /// One cell of a sheet; `None` clears it.
    Score {
        scorer: String,
        target: String,
        item: String,
        value: Option<Points>,
    },
    Submit {
        scorer: String,
    },
    Reopen {
        scorer: String,
        reason: String,
    },
    Ballot {
        commendation: String,
        round: u32,
        issued: u32,
        valid: u32,
        votes: BTreeMap<String, u32>,
    },
    DecideTie {
        commendation: String,
        chosen: Vec<String>,
        reason: String,
    },
    NextYear {
        head: String,
        deputy: String,
    },
    Finalize,
    /// Where the events that follow came from: a delegate sheet file.
    ImportSheet {
        scorer: String,
        sheet_sha256: String,
        source: String,
    },
}

impl Event {
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Meeting { .. } => "meeting",
            Event::Attendance { .. } => "attendance",
            Event::Score { .. } => "score",
            Event::Submit { .. } => "submit",
            Event::Reopen { .. } => "reopen",
            Event::Ballot { .. } => "ballot",
            Event::DecideTie { .. } => "decide_tie",
            Event::NextYear { .. } => "next_year",
            Event::Finalize => "finalize",
            Event::ImportSheet { .. } => "import_sheet",
        }
    }

    /// The event's canonical JSON, as stored and hashed.
    pub fn to_json(&self) -> String {
        // Serialising these plain types cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// An event as recorded: its place in the chain, when, and by whom.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub seq: u64,
    /// RFC 3339 with offset.
    pub at: String,
    pub by: Actor,
    pub event: Event,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_read_back_as_written() {
        let events = vec![
            Event::Score {
                scorer: "ba-dinh".into(),
                target: "long-bien".into(),
                item: "1.1".into(),
                value: Some(Points(950)),
            },
            Event::Finalize,
            Event::Ballot {
                commendation: "co".into(),
                round: 1,
                issued: 6,
                valid: 6,
                votes: [("long-bien".to_string(), 5)].into_iter().collect(),
            },
        ];
        for event in events {
            let json = event.to_json();
            assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event);
        }
        assert_eq!(
            Event::Score {
                scorer: "a".into(),
                target: "b".into(),
                item: "1.1".into(),
                value: Some(Points(950))
            }
            .to_json(),
            r#"{"type":"score","scorer":"a","target":"b","item":"1.1","value":9.5}"#
        );
    }

    #[test]
    fn unknown_fields_in_a_stored_event_are_refused() {
        assert!(serde_json::from_str::<Event>(r#"{"type":"submit","scorer":"a","x":1}"#).is_err());
    }
}
