//! A paper score sheet typed in twice. The secretary types the sheet; a second
//! person (or the same one later) types it again without seeing the first entry.
//! The cells where the two entries differ are typed a third time from the paper,
//! and settle where that reading agrees with one of the two. A value the sheet
//! refuses in both entries alike (12 where the maximum is 10) is a fault of the paper
//! itself: the chair records what the delegate meant, with a reason. Only a sheet
//! whose entries agree and whose every value is valid becomes events, in one
//! transaction, recorded as entered from paper by one person and checked by another.

use super::config::Config;
use super::event::{Event, PaperCorrection};
use super::points::{Points, PointsError};
use super::session::Session;
use super::typing::{CellKey, SheetLayout, read_value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many hex digits of the config's check code a paper sheet prints.
pub const CHECK_CODE_DIGITS: usize = 16;

/// One typing of the whole sheet: who typed it and what, cell by cell, as typed.
/// A cell never typed is blank on the paper.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub typist: String,
    /// `"target/item"` ids → the text typed (trimmed, never empty).
    pub cells: BTreeMap<String, String>,
    pub done: bool,
}

/// What a typed text says about its cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    Blank,
    Value(Points),
    /// The sheet refuses it; `text` is the typing, normalised for comparison.
    Refused {
        text: String,
        error: PointsError,
    },
}

impl Reading {
    pub fn of(config: &Config, cell: usize, text: &str) -> Reading {
        match read_value(config, cell, text) {
            Ok(None) => Reading::Blank,
            Ok(Some(v)) => Reading::Value(v),
            Err(error) => Reading::Refused {
                text: normalised(text),
                error,
            },
        }
    }

    /// Two readings say the same: the same value (9,5 and 9.5), both blank, or the
    /// same refused text.
    pub fn agrees(&self, other: &Reading) -> bool {
        match (self, other) {
            (Reading::Refused { text: a, .. }, Reading::Refused { text: b, .. }) => a == b,
            (a, b) => a == b,
        }
    }

    /// As a person reads it back (`9,5`, an empty string for blank).
    pub fn display(&self, separator: char) -> String {
        match self {
            Reading::Blank => String::new(),
            Reading::Value(v) => v.display(separator),
            Reading::Refused { text, .. } => text.replace('.', &separator.to_string()),
        }
    }
}

fn normalised(text: &str) -> String {
    text.trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect()
}

/// The chair's reading of a cell the paper got wrong: what the delegate meant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub value: Option<Points>,
    pub reason: String,
}

/// A paper sheet on its way in: the entries so far, the third readings, the
/// chair's decisions. Saved beside the meeting after every change, so a crash loses
/// none of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaperDraft {
    /// The scorer's member id.
    pub scorer: String,
    pub entries: Vec<Entry>,
    /// `"target/item"` → the text typed the third time (empty: blank on paper).
    pub third: BTreeMap<String, String>,
    /// `"target/item"` → what the chair recorded the delegate meant.
    pub decided: BTreeMap<String, Decision>,
}

/// The key a cell is saved under: stable across configs' cell order.
pub fn cell_id(config: &Config, (target, cell): CellKey) -> String {
    format!("{}/{}", config.members[target].id, config.cells[cell].id)
}

/// A cell where the two entries differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub key: CellKey,
    pub first: Reading,
    pub second: Reading,
    /// The third reading, if typed; settled when it agrees with one of the two.
    pub third: Option<Reading>,
}

impl Difference {
    pub fn settled(&self) -> Option<&Reading> {
        let third = self.third.as_ref()?;
        (third.agrees(&self.first) || third.agrees(&self.second)).then_some(third)
    }
}

/// A cell the paper itself gets wrong: both readings agree on a value the sheet
/// refuses, or leave a criterion blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperFault {
    pub key: CellKey,
    pub written: String,
    pub fault: Fault,
    pub decision: Option<Decision>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    Refused(PointsError),
    /// A criterion left blank (bonus and deductions may be).
    Blank,
}

/// Where a paper sheet stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub differences: Vec<Difference>,
    pub faults: Vec<PaperFault>,
    /// Every cell's agreed value, where one is agreed.
    pub agreed: BTreeMap<CellKey, Option<Points>>,
}

impl Comparison {
    /// Whether the sheet can go in: no open difference, every fault decided.
    pub fn is_ready(&self) -> bool {
        self.differences.iter().all(|d| d.settled().is_some())
            && self.faults.iter().all(|f| f.decision.is_some())
    }

    pub fn open_differences(&self) -> usize {
        self.differences
            .iter()
            .filter(|d| d.settled().is_none())
            .count()
    }

    pub fn open_faults(&self) -> usize {
        self.faults.iter().filter(|f| f.decision.is_none()).count()
    }
}

/// Why a paper sheet cannot go in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.text(crate::text::Lang::En))]
pub enum PaperError {
    /// The check code typed from the paper is not this meeting's config's.
    WrongCheckCode,
    /// The sheet holds scores already (sent from a laptop, say) and was not reopened.
    SheetHoldsScores {
        scorer: String,
    },
    Submitted {
        scorer: String,
    },
    Absent {
        scorer: String,
    },
    NotReady {
        differences: usize,
        faults: usize,
    },
    TypistRequired,
    /// The second entry must be typed by someone, and compared, before it goes in.
    SecondEntryMissing,
}

impl PaperError {
    pub fn text(&self, lang: crate::text::Lang) -> String {
        use crate::text::errors::E;
        match self {
            PaperError::WrongCheckCode => E::PaperWrongCode.get(lang).into(),
            PaperError::SheetHoldsScores { scorer } => {
                E::PaperSheetHoldsScores.fill(lang, &[scorer])
            }
            PaperError::Submitted { scorer } => E::PaperSubmitted.fill(lang, &[scorer]),
            PaperError::Absent { scorer } => E::PaperAbsent.fill(lang, &[scorer]),
            PaperError::NotReady {
                differences,
                faults,
            } => E::PaperNotReady.fill(lang, &[differences, faults]),
            PaperError::TypistRequired => E::PaperTypistRequired.get(lang).into(),
            PaperError::SecondEntryMissing => E::PaperSecondMissing.get(lang).into(),
        }
    }
}

/// Whether `typed` is the config's check code as a paper sheet prints it (the first
/// [`CHECK_CODE_DIGITS`] hex digits; spaces, dashes and case do not matter).
pub fn check_code_matches(config: &Config, typed: &str) -> bool {
    let typed: String = typed
        .chars()
        .filter(|c| c.is_ascii_hexdigit())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    typed.len() == CHECK_CODE_DIGITS && config.sha256.starts_with(&typed)
}

/// Whether a paper sheet for `scorer` may be typed in now: present, not submitted,
/// and without scores unless the chair reopened it.
pub fn may_start(session: &Session, scorer: usize) -> Result<(), PaperError> {
    let short = session.config().members[scorer].short.clone();
    if !session.is_present(scorer) {
        return Err(PaperError::Absent { scorer: short });
    }
    if session.is_submitted(scorer) {
        return Err(PaperError::Submitted { scorer: short });
    }
    let has_scores = session.progress(scorer).0 > 0
        || (0..session.config().members.len())
            .any(|t| session.row(scorer, t).iter().any(Option::is_some));
    if has_scores && session.reopen_reason(scorer).is_none() {
        return Err(PaperError::SheetHoldsScores { scorer: short });
    }
    Ok(())
}

impl PaperDraft {
    pub fn new(scorer: &str) -> PaperDraft {
        PaperDraft {
            scorer: scorer.to_string(),
            ..PaperDraft::default()
        }
    }

    /// The entry being typed (the last one not done), if any.
    pub fn typing(&self) -> Option<usize> {
        self.entries.iter().position(|e| !e.done)
    }

    /// What one entry says of one cell.
    pub fn reading(&self, config: &Config, entry: usize, key: CellKey) -> Reading {
        self.entries
            .get(entry)
            .and_then(|e| e.cells.get(&cell_id(config, key)))
            .map_or(Reading::Blank, |text| Reading::of(config, key.1, text))
    }

    /// Keeps what was typed in a cell of an entry (empty: blank).
    pub fn set(&mut self, config: &Config, entry: usize, key: CellKey, text: &str) {
        let Some(e) = self.entries.get_mut(entry) else {
            return;
        };
        let id = cell_id(config, key);
        let text = text.trim();
        if text.is_empty() {
            e.cells.remove(&id);
        } else {
            e.cells.insert(id, text.to_string());
        }
    }

    /// Keeps the third reading of a cell; `Some("")` reads the paper as blank there,
    /// `None` takes the reading back.
    pub fn set_third(&mut self, config: &Config, key: CellKey, text: Option<&str>) {
        let id = cell_id(config, key);
        match text {
            Some(text) => self.third.insert(id, text.trim().to_string()),
            None => self.third.remove(&id),
        };
    }

    pub fn decide(&mut self, config: &Config, key: CellKey, decision: Option<Decision>) {
        let id = cell_id(config, key);
        match decision {
            Some(d) => self.decided.insert(id, d),
            None => self.decided.remove(&id),
        };
    }

    /// The two entries side by side: where they differ, what the paper gets wrong,
    /// and every agreed value.
    pub fn compare(&self, config: &Config, layout: &SheetLayout) -> Comparison {
        let mut comparison = Comparison {
            differences: Vec::new(),
            faults: Vec::new(),
            agreed: BTreeMap::new(),
        };
        for key in layout.keys() {
            let first = self.reading(config, 0, key);
            let second = self.reading(config, 1, key);
            let id = cell_id(config, key);
            let agreed = if first.agrees(&second) {
                Some(first)
            } else {
                let third = self.third.get(&id).map(|t| Reading::of(config, key.1, t));
                let difference = Difference {
                    key,
                    first,
                    second,
                    third,
                };
                let settled = difference.settled().cloned();
                comparison.differences.push(difference);
                settled
            };
            let fault = match agreed {
                Some(Reading::Blank) if config.cells[key.1].is_item() => {
                    Some((String::new(), Fault::Blank))
                }
                Some(Reading::Blank) => {
                    comparison.agreed.insert(key, None);
                    None
                }
                Some(Reading::Value(v)) => {
                    comparison.agreed.insert(key, Some(v));
                    None
                }
                Some(Reading::Refused { text, error }) => Some((text, Fault::Refused(error))),
                None => None,
            };
            if let Some((written, fault)) = fault {
                let decision = self.decided.get(&id).cloned();
                if let Some(d) = &decision {
                    comparison.agreed.insert(key, d.value);
                }
                comparison.faults.push(PaperFault {
                    key,
                    written,
                    fault,
                    decision,
                });
            }
        }
        comparison
    }

    /// The events that put the agreed sheet in: where it came from (who typed,
    /// who checked, each correction with its reason), every cell that changes, and
    /// the submission. `Err` while anything is open or the sheet may not take it.
    pub fn events(
        &self,
        session: &Session,
        layout: &SheetLayout,
    ) -> Result<Vec<Event>, PaperError> {
        let config = session.config();
        let scorer = config
            .member(&self.scorer)
            .ok_or(PaperError::SecondEntryMissing)?;
        may_start(session, scorer)?;
        let (Some(first), Some(second)) = (self.entries.first(), self.entries.get(1)) else {
            return Err(PaperError::SecondEntryMissing);
        };
        if !(first.done && second.done) {
            return Err(PaperError::SecondEntryMissing);
        }
        let comparison = self.compare(config, layout);
        if !comparison.is_ready() {
            return Err(PaperError::NotReady {
                differences: comparison.open_differences(),
                faults: comparison.open_faults(),
            });
        }
        let corrections = comparison
            .faults
            .iter()
            .filter_map(|f| {
                let d = f.decision.as_ref()?;
                Some(PaperCorrection {
                    target: config.members[f.key.0].id.clone(),
                    item: config.cells[f.key.1].id.clone(),
                    written: f.written.clone(),
                    value: d.value,
                    reason: d.reason.clone(),
                })
            })
            .collect();
        let mut events = vec![Event::PaperSheet {
            scorer: self.scorer.clone(),
            entered_by: first.typist.clone(),
            checked_by: second.typist.clone(),
            corrections,
        }];
        for (&(t, c), &value) in &comparison.agreed {
            if session.score(scorer, t, c) != value {
                events.push(Event::Score {
                    scorer: self.scorer.clone(),
                    target: config.members[t].id.clone(),
                    item: config.cells[c].id.clone(),
                    value,
                });
            }
        }
        events.push(Event::Submit {
            scorer: self.scorer.clone(),
        });
        Ok(events)
    }
}
