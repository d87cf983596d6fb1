//! The state of one meeting, as the fold of its events. Every event is checked against
//! the rules before it is applied; the store commits only events that pass.

use super::config::Config;
use super::event::{Actor, Event, Record, ResolvedScore};
use super::points::{Points, PointsError};
use super::problem::Lang;
use crate::text::errors::E;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDetails {
    pub date: String,
    pub place: String,
    pub chair: String,
    pub secretary: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotRecord {
    pub commendation: usize,
    pub round: u32,
    pub issued: u32,
    pub valid: u32,
    /// Votes per member index.
    pub votes: Vec<(usize, u32)>,
}

impl BallotRecord {
    pub fn votes_for(&self, member: usize) -> u32 {
        self.votes
            .iter()
            .find(|(m, _)| *m == member)
            .map_or(0, |(_, v)| *v)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TieDecision {
    pub commendation: usize,
    pub chosen: Vec<usize>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperRecord {
    pub scorer: usize,
    pub entered_by: String,
    pub checked_by: String,
    /// Cells the chair recorded because the paper got them wrong.
    pub corrections: usize,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    pub scorer: usize,
    pub sheet_sha256: String,
    pub source: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub enum EventError {
    Finalized,
    UnknownMember(String),
    UnknownCell(String),
    UnknownCommendation(String),
    Absent {
        member: String,
    },
    SelfExcluded {
        member: String,
    },
    Locked {
        scorer: String,
    },
    NotSubmitted {
        scorer: String,
    },
    Incomplete {
        scorer: String,
        missing: usize,
        total: usize,
    },
    BadPoints {
        target: String,
        cell: String,
        error: PointsError,
    },
    NoChange(String),
    ReasonRequired,
    NotYours,
    ChairOnly,
    /// A delegate's score for an item the chair enters once per member.
    EnteredByChair(String),
    /// A fact for an item every delegate scores.
    NotAFact(String),
    NotAssigned {
        target: String,
        cell: String,
    },
    BadDate,
    NoBallot(String),
    BadRound {
        round: u32,
        last: u32,
    },
    ImpossibleCount(CountError),
    SameHeadAndDeputy,
    RepeatedMember,
    AbsentWithSheet {
        member: String,
    },
    NotReady(Vec<Missing>),
    TypistRequired,
    /// A device another delegate has sent from.
    DeviceOfAnother,
    /// The device's number was used for another event.
    NumberReused(u64),
    /// A delegate's devices have sent as many events as a meeting can need.
    TooManyEvents(u64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountError {
    ValidAboveIssued {
        valid: u32,
        issued: u32,
    },
    IssuedAbovePresent {
        issued: u32,
        present: u32,
    },
    VotesAboveValid {
        member: String,
        votes: u32,
        valid: u32,
    },
    NotACandidate {
        member: String,
    },
}

impl std::fmt::Display for CountError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl CountError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            CountError::ValidAboveIssued { valid, issued } => {
                E::ValidAboveIssued.fill(lang, &[valid, issued])
            }
            CountError::IssuedAbovePresent { issued, present } => {
                E::IssuedAbovePresent.fill(lang, &[issued, present])
            }
            CountError::VotesAboveValid {
                member,
                votes,
                valid,
            } => E::VotesAboveValid.fill(lang, &[member, votes, valid]),
            CountError::NotACandidate { member } => E::NotACandidate.fill(lang, &[member]),
        }
    }
}

impl EventError {
    pub fn text(&self, lang: Lang) -> String {
        let fixed = |m: E| m.get(lang).to_string();
        match self {
            EventError::Finalized => fixed(E::Finalized),
            EventError::UnknownMember(id) => E::NoSuchMember.fill(lang, &[id]),
            EventError::UnknownCell(id) => E::UnknownCell.fill(lang, &[id]),
            EventError::UnknownCommendation(id) => E::NoSuchCommendation.fill(lang, &[id]),
            EventError::Absent { member } => E::DelegateAbsent.fill(lang, &[member]),
            EventError::SelfExcluded { member } => {
                E::MemberDoesNotScoreItself.fill(lang, &[member])
            }
            EventError::Locked { scorer } => E::SheetLocked.fill(lang, &[scorer]),
            EventError::NotSubmitted { scorer } => E::SheetNotSubmitted.fill(lang, &[scorer]),
            EventError::Incomplete {
                scorer,
                missing,
                total,
            } => E::SheetIncomplete.fill(lang, &[scorer, missing, total]),
            EventError::BadPoints {
                target,
                cell,
                error,
            } => E::BadPoints.fill(lang, &[cell, target, &error.text(lang)]),
            EventError::NoChange(value) => E::NoChange.fill(lang, &[value]),
            EventError::ReasonRequired => fixed(E::ReasonRequired),
            EventError::NotYours => fixed(E::NotYours),
            EventError::ChairOnly => fixed(E::ChairOnly),
            EventError::EnteredByChair(cell) => E::ScoreOfChairItem.fill(lang, &[cell]),
            EventError::NotAFact(cell) => E::FactOfScoredItem.fill(lang, &[cell]),
            EventError::NotAssigned { target, cell } => {
                E::ItemNotAssigned.fill(lang, &[cell, target])
            }
            EventError::BadDate => fixed(E::BadDate),
            EventError::NoBallot(id) => E::NoBallot.fill(lang, &[id]),
            EventError::BadRound { round, last } => E::BadRound.fill(lang, &[round, last]),
            EventError::ImpossibleCount(e) => e.text(lang),
            EventError::SameHeadAndDeputy => fixed(E::SameHeadAndDeputy),
            EventError::RepeatedMember => fixed(E::RepeatedMember),
            EventError::AbsentWithSheet { member } => E::AbsentWithSheet.fill(lang, &[member]),
            EventError::NotReady(missing) => {
                let list: Vec<String> = missing.iter().map(|m| m.text(lang)).collect();
                E::NotReady.fill(lang, &[&list.join("; ")])
            }
            EventError::TypistRequired => fixed(E::PaperTypistRequired),
            EventError::DeviceOfAnother => fixed(E::DeviceOfAnother),
            EventError::NumberReused(n) => E::NumberReused.fill(lang, &[n]),
            EventError::TooManyEvents(n) => E::TooManyEvents.fill(lang, &[n]),
        }
    }
}

/// Something that keeps the meeting from being finalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// Fewer members present than the config's quorum.
    Quorum {
        present: usize,
        needed: usize,
        members: usize,
    },
    /// Facts the chair has not entered.
    Facts {
        count: usize,
    },
    MeetingDetails,
    Sheet {
        scorer: String,
    },
    Ballot {
        commendation: String,
    },
    Tie {
        commendation: String,
    },
}

impl Missing {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Missing::Quorum {
                present,
                needed,
                members,
            } => E::MissingQuorum.fill(lang, &[present, members, needed]),
            Missing::Facts { count } => E::MissingFacts.fill(lang, &[count]),
            Missing::MeetingDetails => E::MissingDetails.get(lang).into(),
            Missing::Sheet { scorer } => E::SheetNotSubmitted.fill(lang, &[scorer]),
            Missing::Ballot { commendation } => E::MissingBallot.fill(lang, &[commendation]),
            Missing::Tie { commendation } => E::MissingTieDecision.fill(lang, &[commendation]),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Session {
    config: Arc<Config>,
    pub meeting: Option<MeetingDetails>,
    present: Vec<bool>,
    /// `[scorer][target][cell]`, flattened.
    scores: Vec<Option<Points>>,
    /// `[member][cell]`, flattened: what the chair entered for items it enters.
    facts: Vec<Option<Points>>,
    /// Filled item cells per scorer, kept so completeness is O(1).
    filled_items: Vec<usize>,
    submitted: Vec<bool>,
    /// The chair's reason for the last reopening of each sheet, until it is submitted
    /// again (a delegate's laptop shows it).
    reopened: Vec<Option<String>>,
    pub ballots: Vec<BallotRecord>,
    pub decisions: Vec<TieDecision>,
    pub next_year: Option<(usize, usize)>,
    pub finalized: bool,
    pub imports: Vec<ImportRecord>,
    /// Paper sheets typed in twice, in the order they went in.
    pub papers: Vec<PaperRecord>,
    events: u64,
}

impl Session {
    pub fn new(config: Arc<Config>) -> Session {
        let n = config.members.len();
        let cells = config.cells.len();
        Session {
            meeting: None,
            present: vec![true; n],
            scores: vec![None; n * n * cells],
            facts: vec![None; n * cells],
            filled_items: vec![0; n],
            submitted: vec![false; n],
            reopened: vec![None; n],
            ballots: Vec::new(),
            decisions: Vec::new(),
            next_year: None,
            finalized: false,
            imports: Vec::new(),
            papers: Vec::new(),
            events: 0,
            config,
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn config_arc(&self) -> &Arc<Config> {
        &self.config
    }

    /// How many events have been applied.
    pub fn event_count(&self) -> u64 {
        self.events
    }

    fn slot(&self, scorer: usize, target: usize, cell: usize) -> usize {
        let n = self.config.members.len();
        (scorer * n + target) * self.config.cells.len() + cell
    }

    pub fn score(&self, scorer: usize, target: usize, cell: usize) -> Option<Points> {
        self.scores[self.slot(scorer, target, cell)]
    }

    /// All cells of one scorer's row for one target, in config cell order.
    pub fn row(&self, scorer: usize, target: usize) -> &[Option<Points>] {
        let start = self.slot(scorer, target, 0);
        &self.scores[start..start + self.config.cells.len()]
    }

    /// What the chair entered for `member` in a cell it enters.
    pub fn fact(&self, member: usize, cell: usize) -> Option<Points> {
        self.facts[member * self.config.cells.len() + cell]
    }

    /// Facts still to enter: (member, cell) of every assigned cell the chair enters.
    pub fn facts_missing(&self) -> Vec<(usize, usize)> {
        let config = &self.config;
        (0..config.members.len())
            .flat_map(|m| {
                config
                    .cells
                    .iter()
                    .enumerate()
                    .filter(move |(_, cell)| cell.by_chair && cell.assigned_to(config, m))
                    .map(move |(c, _)| (m, c))
            })
            .filter(|&(m, c)| self.fact(m, c).is_none())
            .collect()
    }

    /// Whether the quorum the config sets is reached, and how many it needs.
    pub fn quorum(&self) -> Option<(bool, usize)> {
        let needed = self
            .config
            .rules
            .quorum?
            .at_least_of(self.config.members.len());
        Some((self.present_count() >= needed, needed))
    }

    pub fn is_present(&self, member: usize) -> bool {
        self.present[member]
    }

    pub fn present_count(&self) -> usize {
        self.present.iter().filter(|p| **p).count()
    }

    /// Why the chair reopened this sheet, while it is open again.
    pub fn reopen_reason(&self, scorer: usize) -> Option<&str> {
        self.reopened[scorer].as_deref()
    }

    pub fn is_submitted(&self, scorer: usize) -> bool {
        self.submitted[scorer]
    }

    /// Item cells `scorer` must fill before submitting.
    pub fn cells_to_fill(&self, scorer: usize) -> usize {
        (0..self.config.members.len())
            .filter(|t| self.config.scores_target(scorer, *t))
            .map(|t| self.config.sheet_cells_for(t))
            .sum()
    }

    /// (filled, to fill) for one scorer's sheet: what the progress bar shows.
    pub fn progress(&self, scorer: usize) -> (usize, usize) {
        (self.filled_items[scorer], self.cells_to_fill(scorer))
    }

    /// The latest ballot recorded for a commendation (highest round, last written).
    pub fn latest_ballot(&self, commendation: usize) -> Option<&BallotRecord> {
        self.ballots
            .iter()
            .filter(|b| b.commendation == commendation)
            .max_by_key(|b| b.round)
    }

    pub fn latest_decision(&self, commendation: usize) -> Option<&TieDecision> {
        self.decisions
            .iter()
            .rev()
            .find(|d| d.commendation == commendation)
    }

    fn member(&self, id: &str) -> Result<usize, EventError> {
        self.config
            .member(id)
            .ok_or_else(|| EventError::UnknownMember(id.to_string()))
    }

    fn short(&self, member: usize) -> String {
        self.config.members[member].short.clone()
    }

    fn commendation(&self, id: &str) -> Result<usize, EventError> {
        self.config
            .commendations
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| EventError::UnknownCommendation(id.to_string()))
    }

    fn own_sheet(by: &Actor, scorer: &str) -> Result<(), EventError> {
        match by {
            Actor::Member(id) if id != scorer => Err(EventError::NotYours),
            _ => Ok(()),
        }
    }

    fn chair_only(by: &Actor) -> Result<(), EventError> {
        match by {
            Actor::Chair => Ok(()),
            Actor::Member(_) => Err(EventError::ChairOnly),
        }
    }

    fn open_sheet(&self, scorer: usize) -> Result<(), EventError> {
        if !self.present[scorer] {
            return Err(EventError::Absent {
                member: self.short(scorer),
            });
        }
        if self.submitted[scorer] {
            return Err(EventError::Locked {
                scorer: self.short(scorer),
            });
        }
        Ok(())
    }

    /// Checks an event against the rules the session alone can judge (everything but
    /// finalize readiness, which `Session::check` in `rules` adds).
    pub(super) fn check_own(&self, by: &Actor, event: &Event) -> Result<(), EventError> {
        if self.finalized {
            return Err(EventError::Finalized);
        }
        if let Actor::Member(id) = by {
            self.member(id)?;
        }
        match event {
            Event::Meeting { date, .. } => {
                Self::chair_only(by)?;
                if !event.clears() {
                    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
                        .map_err(|_| EventError::BadDate)?;
                }
            }
            Event::Attendance { member, present } => {
                Self::chair_only(by)?;
                let m = self.member(member)?;
                if !present && self.submitted[m] {
                    return Err(EventError::AbsentWithSheet {
                        member: self.short(m),
                    });
                }
            }
            Event::Score {
                scorer,
                target,
                item,
                value,
            } => {
                Self::own_sheet(by, scorer)?;
                let score = ResolvedScore {
                    by: None,
                    scorer: self.member(scorer)?,
                    target: self.member(target)?,
                    cell: self
                        .config
                        .cell(item)
                        .ok_or_else(|| EventError::UnknownCell(item.clone()))?,
                    value: *value,
                };
                self.check_score_cell(&score)?;
            }
            Event::Fact {
                member,
                item,
                value,
            } => {
                Self::chair_only(by)?;
                let m = self.member(member)?;
                let c = self
                    .config
                    .cell(item)
                    .ok_or_else(|| EventError::UnknownCell(item.clone()))?;
                self.check_fact(m, c, *value)?;
            }
            Event::Submit { scorer } => {
                Self::own_sheet(by, scorer)?;
                let s = self.member(scorer)?;
                self.open_sheet(s)?;
                let (filled, total) = self.progress(s);
                if filled < total {
                    return Err(EventError::Incomplete {
                        scorer: self.short(s),
                        missing: total - filled,
                        total,
                    });
                }
            }
            Event::Reopen { scorer, reason } => {
                Self::chair_only(by)?;
                let s = self.member(scorer)?;
                if !self.submitted[s] {
                    return Err(EventError::NotSubmitted {
                        scorer: self.short(s),
                    });
                }
                if reason.trim().is_empty() {
                    return Err(EventError::ReasonRequired);
                }
            }
            Event::Ballot {
                commendation,
                round,
                issued,
                valid,
                votes,
            } => {
                Self::chair_only(by)?;
                let c = self.commendation(commendation)?;
                if self.config.commendations[c].ballot.is_none() {
                    return Err(EventError::NoBallot(commendation.clone()));
                }
                let last = self.latest_ballot(c).map_or(0, |b| b.round);
                if *round == 0 || *round > last + 1 {
                    return Err(EventError::BadRound {
                        round: *round,
                        last,
                    });
                }
                if valid > issued {
                    return Err(EventError::ImpossibleCount(CountError::ValidAboveIssued {
                        valid: *valid,
                        issued: *issued,
                    }));
                }
                let present = self.present_count() as u32;
                if *issued > present {
                    return Err(EventError::ImpossibleCount(
                        CountError::IssuedAbovePresent {
                            issued: *issued,
                            present,
                        },
                    ));
                }
                for (member, count) in votes {
                    let m = self.member(member)?;
                    if count > valid {
                        return Err(EventError::ImpossibleCount(CountError::VotesAboveValid {
                            member: self.short(m),
                            votes: *count,
                            valid: *valid,
                        }));
                    }
                }
            }
            Event::DecideTie {
                commendation,
                chosen,
                reason,
            } => {
                Self::chair_only(by)?;
                self.commendation(commendation)?;
                let mut seen = Vec::new();
                for id in chosen {
                    let m = self.member(id)?;
                    if seen.contains(&m) {
                        return Err(EventError::RepeatedMember);
                    }
                    seen.push(m);
                }
                if chosen.is_empty() {
                    return Err(EventError::RepeatedMember);
                }
                if reason.trim().is_empty() {
                    return Err(EventError::ReasonRequired);
                }
            }
            Event::NextYear { head, deputy } => {
                Self::chair_only(by)?;
                if event.clears() {
                    return Ok(());
                }
                if self.member(head)? == self.member(deputy)? {
                    return Err(EventError::SameHeadAndDeputy);
                }
            }
            // Readiness needs the tally: see `rules`, which checks it above both.
            Event::Finalize => Self::chair_only(by)?,
            Event::ImportSheet { scorer, .. } => {
                Self::chair_only(by)?;
                self.member(scorer)?;
            }
            Event::PaperSheet {
                scorer,
                entered_by,
                checked_by,
                corrections,
            } => {
                Self::chair_only(by)?;
                self.member(scorer)?;
                if entered_by.trim().is_empty() || checked_by.trim().is_empty() {
                    return Err(EventError::TypistRequired);
                }
                for c in corrections {
                    self.member(&c.target)?;
                    if self.config.cell(&c.item).is_none() {
                        return Err(EventError::UnknownCell(c.item.clone()));
                    }
                    if c.reason.trim().is_empty() {
                        return Err(EventError::ReasonRequired);
                    }
                }
            }
        }
        Ok(())
    }

    /// The checks of a score whose ids are known to exist, after who may send it:
    /// the sheet is open, the target is scored by it, the value fits the cell, and it
    /// changes something.
    fn check_score_cell(&self, score: &ResolvedScore) -> Result<(), EventError> {
        let (s, t, c) = (score.scorer, score.target, score.cell);
        self.open_sheet(s)?;
        if !self.config.scores_target(s, t) {
            return Err(EventError::SelfExcluded {
                member: self.short(s),
            });
        }
        let cell = &self.config.cells[c];
        if cell.by_chair {
            return Err(EventError::EnteredByChair(cell.id.clone()));
        }
        if !cell.assigned_to(&self.config, t) {
            return Err(EventError::NotAssigned {
                target: self.short(t),
                cell: cell.id.clone(),
            });
        }
        if let Some(v) = score.value {
            cell.check(v).map_err(|error| EventError::BadPoints {
                target: self.short(t),
                cell: cell.id.clone(),
                error,
            })?;
        }
        if self.score(s, t, c) == score.value {
            return Err(EventError::NoChange(
                score
                    .value
                    .map_or_else(|| "—".to_string(), |v| v.to_string()),
            ));
        }
        Ok(())
    }

    fn check_fact(&self, m: usize, c: usize, value: Option<Points>) -> Result<(), EventError> {
        let cell = &self.config.cells[c];
        if !cell.by_chair {
            return Err(EventError::NotAFact(cell.id.clone()));
        }
        if !cell.assigned_to(&self.config, m) {
            return Err(EventError::NotAssigned {
                target: self.short(m),
                cell: cell.id.clone(),
            });
        }
        if let Some(v) = value {
            cell.check(v).map_err(|error| EventError::BadPoints {
                target: self.short(m),
                cell: cell.id.clone(),
                error,
            })?;
        }
        if self.fact(m, c) == value {
            return Err(EventError::NoChange(
                value.map_or_else(|| "—".to_string(), |v| v.to_string()),
            ));
        }
        Ok(())
    }

    fn set_score(&mut self, score: &ResolvedScore) {
        let slot = self.slot(score.scorer, score.target, score.cell);
        if self.config.cells[score.cell].is_item() {
            match (self.scores[slot].is_some(), score.value.is_some()) {
                (false, true) => self.filled_items[score.scorer] += 1,
                (true, false) => self.filled_items[score.scorer] -= 1,
                _ => {}
            }
        }
        self.scores[slot] = score.value;
    }

    /// Checks and applies a score event read from a file with its ids already
    /// resolved: the same rules and the same result as [`Session::apply`] on the
    /// event, without looking the ids up again. On error nothing changes.
    pub fn apply_score(&mut self, score: &ResolvedScore) -> Result<(), EventError> {
        if self.finalized {
            return Err(EventError::Finalized);
        }
        if score.by.is_some_and(|by| by != score.scorer) {
            return Err(EventError::NotYours);
        }
        self.check_score_cell(score)?;
        self.set_score(score);
        self.events += 1;
        Ok(())
    }

    pub(super) fn apply_checked(&mut self, record: &Record) {
        // Ids were resolved by `check`, so the lookups below succeed.
        let member = |s: &Session, id: &str| s.config.member(id).unwrap_or(0);
        match &record.event {
            event @ Event::Meeting { .. } if event.clears() => self.meeting = None,
            Event::Meeting {
                date,
                place,
                chair,
                secretary,
            } => {
                self.meeting = Some(MeetingDetails {
                    date: date.clone(),
                    place: place.trim().to_string(),
                    chair: chair.trim().to_string(),
                    secretary: secretary.trim().to_string(),
                });
            }
            Event::Attendance {
                member: id,
                present,
            } => {
                let m = member(self, id);
                self.present[m] = *present;
            }
            Event::Score {
                scorer,
                target,
                item,
                value,
            } => {
                self.set_score(&ResolvedScore {
                    by: None,
                    scorer: member(self, scorer),
                    target: member(self, target),
                    cell: self.config.cell(item).unwrap_or(0),
                    value: *value,
                });
            }
            Event::Fact {
                member: id,
                item,
                value,
            } => {
                let m = member(self, id);
                let c = self.config.cell(item).unwrap_or(0);
                let cells = self.config.cells.len();
                self.facts[m * cells + c] = *value;
            }
            Event::Submit { scorer } => {
                let s = member(self, scorer);
                self.submitted[s] = true;
                self.reopened[s] = None;
            }
            Event::Reopen { scorer, reason } => {
                let s = member(self, scorer);
                self.submitted[s] = false;
                self.reopened[s] = Some(reason.clone());
            }
            Event::Ballot {
                commendation,
                round,
                issued,
                valid,
                votes,
            } => {
                let c = self.commendation(commendation).unwrap_or(0);
                let record = BallotRecord {
                    commendation: c,
                    round: *round,
                    issued: *issued,
                    valid: *valid,
                    votes: votes.iter().map(|(id, v)| (member(self, id), *v)).collect(),
                };
                // Recording the same round again corrects it.
                self.ballots
                    .retain(|b| !(b.commendation == c && b.round == *round));
                self.ballots.push(record);
            }
            Event::DecideTie {
                commendation,
                chosen,
                reason,
            } => {
                let c = self.commendation(commendation).unwrap_or(0);
                let chosen = chosen.iter().map(|id| member(self, id)).collect();
                self.decisions.push(TieDecision {
                    commendation: c,
                    chosen,
                    reason: reason.trim().to_string(),
                });
            }
            event @ Event::NextYear { .. } if event.clears() => self.next_year = None,
            Event::NextYear { head, deputy } => {
                self.next_year = Some((member(self, head), member(self, deputy)));
            }
            Event::Finalize => self.finalized = true,
            Event::ImportSheet {
                scorer,
                sheet_sha256,
                source,
            } => {
                let s = member(self, scorer);
                self.imports.push(ImportRecord {
                    scorer: s,
                    sheet_sha256: sheet_sha256.clone(),
                    source: source.clone(),
                    at: record.at.clone(),
                });
            }
            Event::PaperSheet {
                scorer,
                entered_by,
                checked_by,
                corrections,
            } => {
                let s = member(self, scorer);
                self.papers.push(PaperRecord {
                    scorer: s,
                    entered_by: entered_by.clone(),
                    checked_by: checked_by.clone(),
                    corrections: corrections.len(),
                    at: record.at.clone(),
                });
            }
        }
        self.events += 1;
    }
}
