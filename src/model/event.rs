//! Every change to a meeting is one of these events; the session is their fold.

use super::config::Config;
use super::points::{MAX_POINTS, Points};
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
    /// Meeting details. A later one replaces an earlier one. All four fields empty
    /// (see [`Event::no_meeting_details`]) takes the details back to none: what undoing
    /// the first details writes.
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
    /// A figure the chair enters once for a member (version 2 items entered by the
    /// chair): a count, a pass/fail mark or an actual. `None` clears it.
    Fact {
        member: String,
        item: String,
        value: Option<Points>,
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
    /// Next year's head and deputy. Both empty (see [`Event::no_next_year`]) takes
    /// the pair back to none: what undoing the first pair writes.
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
    /// Where the events that follow came from: a paper sheet typed in by one person
    /// and typed again by another, with what the chair recorded for the cells the
    /// paper got wrong.
    PaperSheet {
        scorer: String,
        entered_by: String,
        checked_by: String,
        corrections: Vec<PaperCorrection>,
    },
}

/// A cell of a paper sheet that held what the sheet refuses (or nothing, for a
/// criterion), and what the chair recorded the delegate meant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaperCorrection {
    pub target: String,
    pub item: String,
    /// As written on the paper (empty when blank).
    pub written: String,
    pub value: Option<Points>,
    pub reason: String,
}

impl Event {
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Meeting { .. } => "meeting",
            Event::Attendance { .. } => "attendance",
            Event::Score { .. } => "score",
            Event::Submit { .. } => "submit",
            Event::Fact { .. } => "fact",
            Event::Reopen { .. } => "reopen",
            Event::Ballot { .. } => "ballot",
            Event::DecideTie { .. } => "decide_tie",
            Event::NextYear { .. } => "next_year",
            Event::Finalize => "finalize",
            Event::ImportSheet { .. } => "import_sheet",
            Event::PaperSheet { .. } => "paper_sheet",
        }
    }

    /// Meeting details back to none. Files written before this existed never hold
    /// it (the rules refused an empty date), so they read exactly as before.
    pub fn no_meeting_details() -> Event {
        Event::Meeting {
            date: String::new(),
            place: String::new(),
            chair: String::new(),
            secretary: String::new(),
        }
    }

    /// Next year's head and deputy back to none (not agreed yet).
    pub fn no_next_year() -> Event {
        Event::NextYear {
            head: String::new(),
            deputy: String::new(),
        }
    }

    /// Whether this event takes meeting details or next year's pair back to none.
    pub fn clears(&self) -> bool {
        match self {
            Event::Meeting {
                date,
                place,
                chair,
                secretary,
            } => date.is_empty() && place.is_empty() && chair.is_empty() && secretary.is_empty(),
            Event::NextYear { head, deputy } => head.is_empty() && deputy.is_empty(),
            _ => false,
        }
    }

    /// The event's canonical JSON, as stored and hashed.
    pub fn to_json(&self) -> String {
        // Serialising these plain types cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// An event as the meeting file stores it (the text of [`Event::to_json`]).
    /// Score events, nearly every row of a file, are read by a direct scan of
    /// exactly that shape; anything else, or any doubt (an escape, an unusual
    /// number), goes through the general reader. Both give the same event.
    pub fn from_stored(text: &str) -> Result<Event, serde_json::Error> {
        match StoredScore::scan(text) {
            Some(score) => Ok(score.to_event()),
            None => serde_json::from_str(text),
        }
    }
}

/// A stored score event read in place, its ids borrowed from the stored text: what
/// replaying a file resolves to indices without building an [`Event`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredScore<'a> {
    pub scorer: &'a str,
    pub target: &'a str,
    pub item: &'a str,
    pub value: Option<Points>,
}

impl<'a> StoredScore<'a> {
    /// The score in `text` if it has exactly the shape [`Event::to_json`] writes,
    /// `{"type":"score","scorer":"…","target":"…","item":"…","value":N|null}`, with
    /// plain strings (no escapes) and a plain number (`12`, `9.5`, `0.25`); `None`
    /// for anything else (which the general reader then judges).
    pub fn scan(text: &'a str) -> Option<StoredScore<'a>> {
        let rest = text.strip_prefix(r#"{"type":"score","scorer":""#)?;
        let (scorer, rest) = plain_string(rest)?;
        let rest = rest.strip_prefix(r#","target":""#)?;
        let (target, rest) = plain_string(rest)?;
        let rest = rest.strip_prefix(r#","item":""#)?;
        let (item, rest) = plain_string(rest)?;
        let number = rest.strip_prefix(r#","value":"#)?.strip_suffix('}')?;
        let value = if number == "null" {
            None
        } else {
            Some(plain_number(number)?)
        };
        Some(StoredScore {
            scorer,
            target,
            item,
            value,
        })
    }

    pub fn to_event(&self) -> Event {
        Event::Score {
            scorer: self.scorer.to_string(),
            target: self.target.to_string(),
            item: self.item.to_string(),
            value: self.value,
        }
    }
}

/// A score event with who sent it and its ids as indices into the config's members
/// and cells. `by` is `None` for the chair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolvedScore {
    pub by: Option<usize>,
    pub scorer: usize,
    pub target: usize,
    pub cell: usize,
    pub value: Option<Points>,
}

/// Resolves the ids of stored score events to indices, one event after another.
/// Rows of one sheet share their scorer and sender, and a target's cells come
/// together, so those are looked up again only when they change.
pub struct ScoreResolver<'c> {
    config: &'c Config,
    by: LastLookup,
    scorer: LastLookup,
    target: LastLookup,
}

impl<'c> ScoreResolver<'c> {
    pub fn new(config: &'c Config) -> ScoreResolver<'c> {
        ScoreResolver {
            config,
            by: LastLookup::default(),
            scorer: LastLookup::default(),
            target: LastLookup::default(),
        }
    }

    /// The indices of `score` sent by `by` (`chair` or a member id), if every id
    /// names a member or cell of the config; `None` leaves the judging of the
    /// event, with its exact error, to [`Session::apply`](super::Session::apply).
    pub fn resolve(&mut self, score: &StoredScore<'_>, by: &str) -> Option<ResolvedScore> {
        let config = self.config;
        let by = match by {
            "chair" => None,
            id => Some(self.by.find(id, |id| config.member(id))?),
        };
        Some(ResolvedScore {
            by,
            scorer: self.scorer.find(score.scorer, |id| config.member(id))?,
            target: self.target.find(score.target, |id| config.member(id))?,
            cell: config.cell(score.item)?,
            value: score.value,
        })
    }
}

/// The last id looked up and what it gave.
#[derive(Default)]
struct LastLookup {
    last: Option<(String, Option<usize>)>,
}

impl LastLookup {
    fn find(&mut self, id: &str, look_up: impl Fn(&str) -> Option<usize>) -> Option<usize> {
        match &self.last {
            Some((last, found)) if last == id => *found,
            _ => {
                let found = look_up(id);
                self.last = Some((id.to_string(), found));
                found
            }
        }
    }
}

/// The text up to the closing quote, if nothing in it needs unescaping.
fn plain_string(text: &str) -> Option<(&str, &str)> {
    // One pass over the bytes: ids are a few characters, shorter than a search's
    // set-up.
    for (end, b) in text.bytes().enumerate() {
        match b {
            // A quote is ASCII, so `end` is a character boundary.
            b'"' => return Some((&text[..end], &text[end + 1..])),
            b'\\' | 0..0x20 => return None,
            _ => {}
        }
    }
    None
}

/// `0` or `[1-9][0-9]{0,6}`, then optionally `.` and one or two digits, as points
/// if within the largest a cell can hold.
fn plain_number(text: &str) -> Option<Points> {
    let (whole, fraction) = match text.split_once('.') {
        Some((_, fraction)) if !(1..=2).contains(&fraction.len()) => return None,
        Some(parts) => parts,
        None => (text, ""),
    };
    let whole_ok =
        whole == "0" || (!whole.is_empty() && whole.len() <= 7 && !whole.starts_with('0'));
    if !whole_ok {
        return None;
    }
    let mut hundredths: i64 = 0;
    for b in whole.bytes() {
        hundredths = hundredths * 10 + i64::from(digit(b)?);
    }
    hundredths *= 100;
    let mut scale = 10;
    for b in fraction.bytes() {
        hundredths += scale * i64::from(digit(b)?);
        scale /= 10;
    }
    (hundredths <= MAX_POINTS.0).then_some(Points(hundredths))
}

fn digit(b: u8) -> Option<u8> {
    b.is_ascii_digit().then(|| b - b'0')
}

/// Where a delegate's event came from: the device that sent it and that device's own
/// sequence number for it. The pair is the event's idempotency key: the meeting file
/// commits each pair at most once, however often it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    pub device: String,
    pub seq: u64,
}

/// An event as recorded: its place in the chain, when, by whom, and (for an event a
/// delegate's device sent) from which device.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub seq: u64,
    /// RFC 3339 with offset.
    pub at: String,
    pub by: Actor,
    /// `None` for the chair's own events and imported sheets.
    pub origin: Option<Origin>,
    pub event: Event,
}

#[cfg(test)]
mod stored_tests {
    use super::*;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        prop_oneof!["[a-z0-9.-]{0,12}", "[\\PC\"\\\\\n\u{1}]{0,12}",]
    }

    fn number() -> impl Strategy<Value = String> {
        prop_oneof![
            (0u32..2_000_000).prop_map(|n| n.to_string()),
            (0u32..100_000, 0u32..100).prop_map(|(w, f)| format!("{w}.{f}")),
            (0u32..1000, 0u32..100).prop_map(|(w, f)| format!("{w}.{f:02}")),
            Just("null".to_string()),
            "(-?[0-9]{1,9}(\\.[0-9]{0,4})?([eE][+-]?[0-9]{1,2})?|0[0-9]+|\\.5|1\\.|-0)",
        ]
    }

    /// Ids a stored score may hold: the sample's members and cells, and strangers.
    fn id() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "chair",
            "ba-dinh",
            "hoan-kiem",
            "hoang-mai",
            "1.1",
            "1.2",
            "2.1",
            "x",
            "",
        ])
        .prop_map(str::to_string)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// Remembering the last ids never changes what a score resolves to.
        #[test]
        fn the_resolver_resolves_as_the_config_does(
            scores in prop::collection::vec((id(), id(), id(), id()), 1..40),
        ) {
            let config = Config::from_bytes(crate::sample::SAMPLE_CONFIG).unwrap();
            let mut resolver = ScoreResolver::new(&config);
            for (by, scorer, target, item) in &scores {
                let score = StoredScore { scorer, target, item, value: Some(Points(100)) };
                let direct = (|| {
                    Some(ResolvedScore {
                        by: match by.as_str() {
                            "chair" => None,
                            id => Some(config.member(id)?),
                        },
                        scorer: config.member(scorer)?,
                        target: config.member(target)?,
                        cell: config.cell(item)?,
                        value: score.value,
                    })
                })();
                prop_assert_eq!(resolver.resolve(&score, by), direct);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// Every score event reads back as itself.
        #[test]
        fn a_stored_score_reads_back(
            scorer in text(), target in text(), item in text(),
            value in proptest::option::of(0i64..1_000_000),
        ) {
            let event = Event::Score { scorer, target, item, value: value.map(Points) };
            prop_assert_eq!(Event::from_stored(&event.to_json()).ok(), Some(event));
        }

        /// Near-misses of the stored shape read exactly as the general reader reads
        /// them: the same event, or an error where it errs.
        #[test]
        fn the_direct_scan_agrees_with_the_general_reader(
            scorer in text(), target in text(), item in text(), value in number(),
            extra in prop_oneof![Just(""), Just(",\"x\":1"), Just(" ")],
        ) {
            let quoted = |s: &str| serde_json::to_string(s).unwrap();
            let stored = format!(
                "{{\"type\":\"score\",\"scorer\":{},\"target\":{},\"item\":{},\"value\":{value}{extra}}}",
                quoted(&scorer), quoted(&target), quoted(&item)
            );
            let general = serde_json::from_str::<Event>(&stored).ok();
            prop_assert_eq!(Event::from_stored(&stored).ok(), general);
        }
    }
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
    fn taking_details_back_to_none_is_stored_in_the_old_shapes() {
        // Old files hold these shapes; a clearing event uses them too, so every
        // file reads with the same type, and the old events still read as they were.
        let none = Event::no_meeting_details();
        assert_eq!(
            none.to_json(),
            r#"{"type":"meeting","date":"","place":"","chair":"","secretary":""}"#
        );
        assert_eq!(
            serde_json::from_str::<Event>(&none.to_json()).unwrap(),
            none
        );
        assert!(none.clears() && Event::no_next_year().clears());
        assert_eq!(
            Event::no_next_year().to_json(),
            r#"{"type":"next_year","head":"","deputy":""}"#
        );
        let old: Event =
            serde_json::from_str(r#"{"type":"next_year","head":"long-bien","deputy":"ba-dinh"}"#)
                .unwrap();
        assert!(!old.clears());
        let old: Event = serde_json::from_str(
            r#"{"type":"meeting","date":"2024-12-20","place":"","chair":"","secretary":""}"#,
        )
        .unwrap();
        assert!(!old.clears(), "a date alone is details");
    }

    #[test]
    fn unknown_fields_in_a_stored_event_are_refused() {
        assert!(serde_json::from_str::<Event>(r#"{"type":"submit","scorer":"a","x":1}"#).is_err());
    }
}
