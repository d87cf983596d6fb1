//! The tally: counted sheets, aggregates, ranks, classes and commendation proposals.
//! Pure and exact; recomputed from the session whenever an event is applied.

use super::config::{
    Aggregate, BallotBase, BallotRule, CellKind, Compare, Config, SelfRule, TieBreak,
};
use super::exact::{Exact, Rounded};
use super::points::Points;
use super::problem::Lang;
use super::session::{BallotRecord, Session};
use super::sheet_points::{FactPoints, group_subtotals};

#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// One per member, in config order.
    pub members: Vec<MemberResult>,
    /// Member indices by rank; members without counted sheets come last.
    pub order: Vec<usize>,
    pub commendations: Vec<CommendationResult>,
    /// Sheets submitted by present delegates, of those expected.
    pub sheets_submitted: usize,
    pub sheets_expected: usize,
    /// Facts the chair has still to enter (version 2); the tally is provisional
    /// until there are none.
    pub facts_missing: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MemberResult {
    pub total: Option<Rounded>,
    /// With `compare: percent_of_own_max`: 100 × total / own maximum, rounded once.
    pub percent: Option<Rounded>,
    /// What ranks, classes and seats compare: `percent` when the config compares
    /// percentages, else `total`.
    pub standing: Option<Rounded>,
    /// The most this member can reach from the criteria assigned to it.
    pub own_max: Points,
    pub rank: Option<u32>,
    /// Index into `config.classes`.
    pub class: Option<usize>,
    pub sheets_counted: usize,
    pub sheets_expected: usize,
    /// Means per criteria group over the counted (kept) sheets.
    pub groups: Vec<Rounded>,
    pub bonus: Rounded,
    pub deductions: Rounded,
    /// The member's own sheet total for itself, shown beside when `self` is `separate`.
    pub self_total: Option<Rounded>,
    /// Sums over the sheets that went into the means, in hundredths: the exact
    /// figures behind the rounded ones.
    pub kept: KeptSums,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeptSums {
    pub sheets: usize,
    pub total: i64,
    pub groups: Vec<i64>,
    pub bonus: i64,
    pub deductions: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalStatus {
    Proposed,
    AwaitingBallot,
    BallotFailed,
    TieUnresolved,
}

impl ProposalStatus {
    pub fn code(self) -> &'static str {
        match self {
            ProposalStatus::Proposed => "proposed",
            ProposalStatus::AwaitingBallot => "awaiting_ballot",
            ProposalStatus::BallotFailed => "ballot_failed",
            ProposalStatus::TieUnresolved => "tie_unresolved",
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        use crate::text::errors::E;
        match self {
            ProposalStatus::Proposed => E::StatusProposed,
            ProposalStatus::AwaitingBallot => E::StatusAwaitingBallot,
            ProposalStatus::BallotFailed => E::StatusBallotFailed,
            ProposalStatus::TieUnresolved => E::StatusTieUnresolved,
        }
        .get(lang)
    }
}

/// How a member came to its place on a commendation's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    Rank,
    TieBrokenBy(TieBreak),
    ChairDecision(String),
    Tied,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BallotOutcome {
    pub round: u32,
    pub votes: u32,
    pub base: u32,
    pub passed: bool,
}

impl BallotOutcome {
    /// The vote share as a percentage with 2 decimals, rounded half up.
    pub fn percent(&self) -> Rounded {
        vote_share(self.votes, self.base)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub member: usize,
    pub status: ProposalStatus,
    pub basis: Basis,
    pub ballot: Option<BallotOutcome>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CommendationResult {
    pub quota: usize,
    pub proposals: Vec<Proposal>,
    /// Seats left for the unresolved tie, if one stands.
    pub open_seats: usize,
    /// Who may receive it: ranked, of the minimum class, not holding an earlier one.
    /// Only they are listed on its ballot.
    pub eligible: Vec<usize>,
    /// Members with one total competing for fewer seats than they are, if any.
    pub tie: Option<SeatTie>,
}

/// What a tie-break key compares: points (a group subtotal, bonus, deductions, as
/// the tally rounds them) or votes in the commendation's latest ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyValue {
    Points(Rounded),
    Votes(u32),
}

/// A tie at a commendation's seat line: more members with the same total than
/// seats left for them, and everything the tie-break keys said about it.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatTie {
    pub total: Rounded,
    /// Seats left for the tied members.
    pub seats: usize,
    /// The tied members, in the order the tie-break keys put them (list order
    /// among members the keys cannot tell apart).
    pub members: Vec<usize>,
    /// The rules' keys in order, each with the tied members' values (in the order
    /// of `members`), or `None` where the key could not be applied (no ballot yet).
    pub keys: Vec<(TieBreak, Option<Vec<KeyValue>>)>,
    /// Given a seat by the keys (not by the chair).
    pub seated: Vec<usize>,
    /// Still level on every key for the last seats: the chair decides among them.
    pub level: Vec<usize>,
    /// The chair's decision among `level`, when recorded: who, and why.
    pub decision: Option<(Vec<usize>, String)>,
}

/// Why a member of a [`SeatTie`] stands where it does, with the facts to say so.
#[derive(Debug, Clone, PartialEq)]
pub enum TieStanding {
    /// Given a seat ahead of `others` (same total) by the first key that told them
    /// apart: this member's value and theirs.
    Ahead {
        others: Vec<usize>,
        key: TieBreak,
        own: KeyValue,
        theirs: KeyValue,
    },
    /// Left without a seat behind `others`, by the first key that told them apart.
    Behind {
        others: Vec<usize>,
        key: TieBreak,
        own: KeyValue,
        theirs: KeyValue,
    },
    /// Level with `others` on every key, for `seats` seats: waiting for the chair.
    /// `equal` holds each key with the value they share (`None`: not applied yet).
    Unresolved {
        others: Vec<usize>,
        seats: usize,
        equal: Vec<(TieBreak, Option<KeyValue>)>,
    },
    /// Level with `others` on every key; the chair chose `chosen` (this member is
    /// among them when `this_chosen`) for `reason`.
    Decided {
        others: Vec<usize>,
        chosen: Vec<usize>,
        this_chosen: bool,
        reason: String,
    },
}

impl SeatTie {
    fn at(&self, member: usize) -> Option<usize> {
        self.members.iter().position(|&m| m == member)
    }

    /// The value of key `k` for `member`, if the key was applied.
    pub fn value(&self, k: usize, member: usize) -> Option<KeyValue> {
        let at = self.at(member)?;
        self.keys.get(k)?.1.as_ref().map(|values| values[at])
    }

    /// Has a seat, by the keys or by the chair's decision.
    fn holds(&self, member: usize) -> bool {
        self.seated.contains(&member)
            || self
                .decision
                .as_ref()
                .is_some_and(|(chosen, _)| chosen.contains(&member))
    }

    /// The first key on which `a` and `b` differ, with their values.
    fn first_difference(&self, a: usize, b: usize) -> Option<(TieBreak, KeyValue, KeyValue)> {
        self.keys.iter().enumerate().find_map(|(k, (key, _))| {
            let (va, vb) = (self.value(k, a)?, self.value(k, b)?);
            (va != vb).then_some((*key, va, vb))
        })
    }

    /// Of `candidates`, `nearest` and those told apart from `member` by the same key
    /// with the same value as `nearest`.
    fn alike(&self, member: usize, nearest: usize, candidates: &[usize]) -> Vec<usize> {
        let reference = self.first_difference(member, nearest);
        candidates
            .iter()
            .copied()
            .filter(|&o| {
                o == nearest
                    || self
                        .first_difference(member, o)
                        .zip(reference)
                        .is_some_and(|((k, _, v), (rk, _, rv))| k == rk && v == rv)
            })
            .collect()
    }

    /// Why `member` stands where it does in this tie; `None` if it is not in it.
    pub fn standing(&self, member: usize) -> Option<TieStanding> {
        self.at(member)?;
        let others_of = |set: &[usize]| -> Vec<usize> {
            set.iter().copied().filter(|&m| m != member).collect()
        };
        if self.level.contains(&member) {
            return Some(match &self.decision {
                Some((chosen, reason)) => TieStanding::Decided {
                    others: others_of(&self.level),
                    chosen: chosen.clone(),
                    this_chosen: chosen.contains(&member),
                    reason: reason.clone(),
                },
                None => {
                    let equal = self
                        .keys
                        .iter()
                        .enumerate()
                        .map(|(k, (key, _))| (*key, self.value(k, member)))
                        .collect();
                    TieStanding::Unresolved {
                        others: others_of(&self.level),
                        seats: self.seats - self.seated.len(),
                        equal,
                    }
                }
            });
        }
        if self.seated.contains(&member) {
            // Ahead of the best of those without a seat by the keys.
            let below: Vec<usize> = self
                .members
                .iter()
                .copied()
                .filter(|m| !self.seated.contains(m))
                .collect();
            let &nearest = below.first()?;
            let (key, own, theirs) = self.first_difference(member, nearest)?;
            return Some(TieStanding::Ahead {
                others: self.alike(member, nearest, &below),
                key,
                own,
                theirs,
            });
        }
        // Left out: behind the last of those placed above it.
        let above: Vec<usize> = self
            .members
            .iter()
            .copied()
            .filter(|&m| self.holds(m) || self.level.contains(&m))
            .collect();
        let &nearest = above.last()?;
        let (key, own, theirs) = self.first_difference(member, nearest)?;
        Some(TieStanding::Behind {
            others: self.alike(member, nearest, &above),
            key,
            own,
            theirs,
        })
    }
}

/// Per-sheet sums for one scorer and one target, in hundredths.
#[derive(Debug, Clone)]
struct SheetSums {
    scorer: usize,
    total: i64,
    groups: Vec<i64>,
    bonus: i64,
    deductions: i64,
}

fn sheet_sums(
    config: &Config,
    row: &[Option<Points>],
    scorer: usize,
    target: usize,
    facts: &FactPoints,
) -> SheetSums {
    let mut sums = SheetSums {
        scorer,
        total: 0,
        groups: group_subtotals(config, target, &|c| row.get(c).copied().flatten(), facts),
        bonus: 0,
        deductions: 0,
    };
    for (cell, value) in config.cells.iter().zip(row) {
        let v = value.map_or(0, |p| p.0);
        match cell.kind {
            CellKind::Item { .. } => {}
            CellKind::Bonus => sums.bonus += v,
            CellKind::Deduction => sums.deductions += v,
        }
    }
    sums.total = sums.groups.iter().sum::<i64>() + sums.bonus - sums.deductions;
    sums
}

/// A tally computed another way, to show how much the result depends on one sheet
/// or on the aggregate rule. The default is the meeting's own rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Variant {
    /// Leave this scorer's sheet out.
    pub leave_out: Option<usize>,
    /// Use this aggregate (and trim) instead of the config's.
    pub aggregate: Option<(Aggregate, usize)>,
}

impl Variant {
    fn aggregate(&self, config: &Config) -> (Aggregate, usize) {
        self.aggregate
            .unwrap_or((config.scoring.aggregate, config.scoring.trim))
    }
}

/// The sheets that go into the mean, per the aggregate rule. `sheets` are in
/// member order.
fn kept_sheets((aggregate, trim): (Aggregate, usize), sheets: &[SheetSums]) -> Vec<usize> {
    let all: Vec<usize> = (0..sheets.len()).collect();
    if aggregate != Aggregate::TrimmedMean || sheets.len() < 2 * trim + 1 {
        return all;
    }
    // Among equal totals the sheet of the scorer listed later is dropped first.
    let mut by_high = all.clone();
    by_high.sort_by(|&a, &b| {
        sheets[b]
            .total
            .cmp(&sheets[a].total)
            .then(sheets[b].scorer.cmp(&sheets[a].scorer))
    });
    let mut rest: Vec<usize> = by_high[trim..].to_vec();
    rest.sort_by(|&a, &b| {
        sheets[a]
            .total
            .cmp(&sheets[b].total)
            .then(sheets[b].scorer.cmp(&sheets[a].scorer))
    });
    let mut kept: Vec<usize> = rest[trim..].to_vec();
    kept.sort_unstable();
    kept
}

fn member_result(
    config: &Config,
    session: &Session,
    target: usize,
    variant: &Variant,
    facts: &FactPoints,
) -> MemberResult {
    let n = config.members.len();
    let decimals = config.scoring.decimals;
    let zero = Exact::mean(0, 0).round(decimals);
    let sheets_expected = (0..n)
        .filter(|&s| session.is_present(s) && config.counts_toward(s, target))
        .count();
    let counted: Vec<SheetSums> = (0..n)
        .filter(|&s| session.is_submitted(s) && config.counts_toward(s, target))
        .filter(|&s| variant.leave_out != Some(s))
        .map(|s| sheet_sums(config, session.row(s, target), s, target, facts))
        .collect();
    let self_total = (config.scoring.self_rule == SelfRule::Separate
        && session.is_submitted(target))
    .then(|| {
        Exact::whole(Points(
            sheet_sums(config, session.row(target, target), target, target, facts).total,
        ))
        .round(decimals)
    });
    let own_max = config.own_max(target);
    if counted.is_empty() {
        return MemberResult {
            total: None,
            percent: None,
            standing: None,
            own_max,
            rank: None,
            class: None,
            sheets_counted: 0,
            sheets_expected,
            groups: vec![zero; config.groups.len()],
            bonus: zero,
            deductions: zero,
            self_total,
            kept: KeptSums::default(),
        };
    }
    let aggregate = variant.aggregate(config);
    let kept = kept_sheets(aggregate, &counted);
    let mean_of = |f: &dyn Fn(&SheetSums) -> i64| -> Exact {
        Exact::mean(kept.iter().map(|&k| f(&counted[k])).sum(), kept.len())
    };
    // The exact total as (sum of totals, how many), so the percentage is taken of
    // the exact value and rounded once.
    let (sum, count) = if aggregate.0 == Aggregate::Median {
        let mut totals: Vec<i64> = counted.iter().map(|s| s.total).collect();
        totals.sort_unstable();
        let mid = totals.len() / 2;
        if totals.len() % 2 == 1 {
            (totals[mid], 1)
        } else {
            (totals[mid - 1] + totals[mid], 2)
        }
    } else {
        (kept.iter().map(|&k| counted[k].total).sum(), kept.len())
    };
    let total = Exact::mean(sum, count).round(decimals);
    let percent = (config.scoring.compare == Compare::PercentOfOwnMax).then(|| {
        // total / own_max × 100, in hundredths of a percent: sum × 10 000 / (count × max).
        Exact::ratio(sum as i128 * 10_000, count as i128 * own_max.0 as i128).round(decimals)
    });
    let standing = percent.unwrap_or(total);
    let class = config.classes.iter().position(|c| standing.at_least(c.min));
    MemberResult {
        total: Some(total),
        percent,
        standing: Some(standing),
        own_max,
        rank: None,
        class,
        sheets_counted: counted.len(),
        sheets_expected,
        groups: (0..config.groups.len())
            .map(|g| mean_of(&|s| s.groups[g]).round(decimals))
            .collect(),
        bonus: mean_of(&|s| s.bonus).round(decimals),
        deductions: mean_of(&|s| s.deductions).round(decimals),
        self_total,
        kept: KeptSums {
            sheets: kept.len(),
            total: kept.iter().map(|&k| counted[k].total).sum(),
            groups: (0..config.groups.len())
                .map(|g| kept.iter().map(|&k| counted[k].groups[g]).sum())
                .collect(),
            bonus: kept.iter().map(|&k| counted[k].bonus).sum(),
            deductions: kept.iter().map(|&k| counted[k].deductions).sum(),
        },
    }
}

impl Tally {
    pub fn compute(session: &Session) -> Tally {
        Tally::compute_variant(session, &Variant::default())
    }

    pub fn compute_variant(session: &Session, variant: &Variant) -> Tally {
        let config = session.config();
        let n = config.members.len();
        let facts = FactPoints::compute(session);
        let mut members: Vec<MemberResult> = (0..n)
            .map(|m| member_result(config, session, m, variant, &facts))
            .collect();
        // Standard competition ranking on the rounded standings: 1, 2, 2, 4.
        let totals: Vec<Option<Rounded>> = members.iter().map(|m| m.standing).collect();
        for (m, result) in members.iter_mut().enumerate() {
            if let Some(total) = totals[m] {
                let above = totals.iter().flatten().filter(|t| **t > total).count();
                result.rank = Some(above as u32 + 1);
            }
        }
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&m| (members[m].rank.unwrap_or(u32::MAX), m));
        let sheets_expected = (0..n).filter(|&s| session.is_present(s)).count();
        let sheets_submitted = (0..n)
            .filter(|&s| session.is_present(s) && session.is_submitted(s))
            .count();
        let commendations = propose(config, session, &members, &order);
        Tally {
            members,
            order,
            commendations,
            sheets_submitted,
            sheets_expected,
            facts_missing: facts.missing,
        }
    }

    pub fn is_provisional(&self) -> bool {
        self.sheets_submitted < self.sheets_expected || self.facts_missing > 0
    }

    pub fn sheets_missing(&self) -> usize {
        self.sheets_expected - self.sheets_submitted
    }

    /// Why `member` stands where it does in the tie at commendation `c`'s seat
    /// line, if it is part of one.
    pub fn tie_standing(&self, c: usize, member: usize) -> Option<TieStanding> {
        self.commendations.get(c)?.tie.as_ref()?.standing(member)
    }

    /// Every tie at a seat line `member` was part of: the commendation and why it
    /// stands where it does.
    pub fn tie_standings(&self, member: usize) -> Vec<(usize, TieStanding)> {
        (0..self.commendations.len())
            .filter_map(|c| Some((c, self.tie_standing(c, member)?)))
            .collect()
    }

    /// The commendation a member is proposed for (or awaiting a ballot for).
    pub fn commendation_of(&self, member: usize) -> Option<(usize, &Proposal)> {
        self.commendations
            .iter()
            .enumerate()
            .find_map(|(c, result)| {
                result
                    .proposals
                    .iter()
                    .find(|p| {
                        p.member == member
                            && matches!(
                                p.status,
                                ProposalStatus::Proposed | ProposalStatus::AwaitingBallot
                            )
                    })
                    .map(|p| (c, p))
            })
    }
}

/// Per group of a member, the mean of each item's and each heading's points over
/// the sheets that went into its total (the same sheets as the group subtotals),
/// rounded as the totals are: what a table by criterion shows. `None` without a
/// counted sheet.
pub fn tree_means(session: &Session, target: usize) -> Option<Vec<(Vec<Rounded>, Vec<Rounded>)>> {
    let config = session.config();
    let facts = FactPoints::of_config(session);
    let counted: Vec<usize> = (0..config.members.len())
        .filter(|&s| session.is_submitted(s) && config.counts_toward(s, target))
        .collect();
    if counted.is_empty() {
        return None;
    }
    let sums: Vec<SheetSums> = counted
        .iter()
        .map(|&s| sheet_sums(config, session.row(s, target), s, target, &facts))
        .collect();
    let kept: Vec<usize> = kept_sheets((config.scoring.aggregate, config.scoring.trim), &sums)
        .into_iter()
        .map(|k| counted[k])
        .collect();
    let decimals = config.scoring.decimals;
    let mut flat = 0;
    let groups = config
        .groups
        .iter()
        .map(|group| {
            let first = flat;
            flat += group.items.len();
            let mut items = vec![0i64; group.items.len()];
            let mut headings = vec![0i64; group.headings.len()];
            for &s in &kept {
                let value = |c: usize| session.score(s, target, c);
                let points = |i: usize| {
                    super::sheet_points::on_sheet(config, first + i, target, &value, &facts)
                };
                for (i, sum) in items.iter_mut().enumerate() {
                    *sum += points(i);
                }
                let (_, per_heading) = super::tree::subtotals(group, points);
                for (h, sum) in headings.iter_mut().enumerate() {
                    *sum += per_heading[h];
                }
            }
            let mean = |sum: &i64| Exact::mean(*sum, kept.len()).round(decimals);
            (
                items.iter().map(mean).collect(),
                headings.iter().map(mean).collect(),
            )
        })
        .collect();
    Some(groups)
}

fn zero_total(config: &Config) -> Rounded {
    Exact::mean(0, 0).round(config.scoring.decimals)
}

/// The seats of commendation `c`: its count, or floor(percent × members / 100) with
/// the percent in hundredths, whichever is fewer.
pub fn quota(config: &Config, c: usize) -> usize {
    let rule = &config.commendations[c];
    let n = config.members.len();
    let by_count = rule.max_count.map_or(n, |k| k as usize);
    let by_percent = rule.max_percent.map_or(n, |p| (p.0 as usize * n) / 10_000);
    by_count.min(by_percent)
}

fn tie_key(
    key: TieBreak,
    member: &MemberResult,
    ballot: Option<&BallotRecord>,
    m: usize,
) -> Option<i64> {
    match key {
        TieBreak::Group(g) => Some(member.groups[g].units),
        TieBreak::Bonus => Some(member.bonus.units),
        TieBreak::Deductions => Some(-member.deductions.units),
        TieBreak::Ballot => ballot.map(|b| b.votes_for(m) as i64),
    }
}

/// The value a key compares, as people read it (deductions as they are, not negated).
fn key_value(
    key: TieBreak,
    member: &MemberResult,
    ballot: Option<&BallotRecord>,
    m: usize,
) -> Option<KeyValue> {
    match key {
        TieBreak::Group(g) => Some(KeyValue::Points(member.groups[g])),
        TieBreak::Bonus => Some(KeyValue::Points(member.bonus)),
        TieBreak::Deductions => Some(KeyValue::Points(member.deductions)),
        TieBreak::Ballot => ballot.map(|b| KeyValue::Votes(b.votes_for(m))),
    }
}

/// Orders tied members by the tie-break keys in turn: a list of tiers, best first,
/// each with the key that set it apart (none for the first tier or a standing tie).
fn cascade(
    members: &[MemberResult],
    ballot: Option<&BallotRecord>,
    tied: Vec<usize>,
    keys: &[TieBreak],
    decided_by: Option<TieBreak>,
) -> Vec<(Vec<usize>, Option<TieBreak>)> {
    let Some((&key, rest)) = keys.split_first() else {
        return vec![(tied, decided_by)];
    };
    if tied.len() < 2 {
        return vec![(tied, decided_by)];
    }
    let value = |m: usize| tie_key(key, &members[m], ballot, m);
    if tied.iter().any(|&m| value(m).is_none()) {
        return cascade(members, ballot, tied, rest, decided_by);
    }
    let mut sorted = tied;
    sorted.sort_by_key(|&m| (std::cmp::Reverse(value(m)), m));
    let mut tiers = Vec::new();
    let mut start = 0;
    let split = sorted.iter().any(|&m| value(m) != value(sorted[0]));
    while start < sorted.len() {
        let v = value(sorted[start]);
        let end = start
            + sorted[start..]
                .iter()
                .take_while(|&&m| value(m) == v)
                .count();
        let by = if split { Some(key) } else { decided_by };
        tiers.extend(cascade(
            members,
            ballot,
            sorted[start..end].to_vec(),
            rest,
            by,
        ));
        start = end;
    }
    tiers
}

/// What the vote share is measured against: delegates present, all members, or
/// the valid ballots.
pub fn ballot_base(rule: &BallotRule, session: &Session, valid: u32) -> u32 {
    match rule.base {
        BallotBase::Present => session.present_count() as u32,
        BallotBase::Members => session.config().members.len() as u32,
        BallotBase::Valid => valid,
    }
}

/// votes / base as a percentage with 2 decimals, rounded half up (0 when no base).
pub fn vote_share(votes: u32, base: u32) -> Rounded {
    if base == 0 {
        return Rounded {
            units: 0,
            decimals: 2,
        };
    }
    Exact::mean(votes as i64 * 10_000, base as usize).round(2)
}

/// votes / base × 100 against the threshold (hundredths of a percent), exactly.
pub fn ballot_passes(rule: &BallotRule, votes: u32, base: u32) -> bool {
    // votes / base against num / den, cross-multiplied: exact for "2/3" as for 50%.
    let (num, den) = match rule.fraction {
        Some(f) => (f.num as i64, f.den as i64),
        None => (rule.threshold.0, 10_000),
    };
    let share = votes as i64 * den;
    let line = num * base as i64;
    base > 0
        && if rule.strict {
            share > line
        } else {
            share >= line
        }
}

fn ballot_outcome(
    config: &Config,
    session: &Session,
    c: usize,
    member: usize,
) -> Option<Option<BallotOutcome>> {
    let rule = config.commendations[c].ballot?;
    let Some(ballot) = session.latest_ballot(c) else {
        return Some(None);
    };
    // A ballot every present member must vote in waits until all have.
    if rule.all_must_vote && (ballot.valid as usize) < session.present_count() {
        return Some(None);
    }
    let base = ballot_base(&rule, session, ballot.valid);
    let votes = ballot.votes_for(member);
    let passed = ballot_passes(&rule, votes, base);
    Some(Some(BallotOutcome {
        round: ballot.round,
        votes,
        base,
        passed,
    }))
}

fn propose(
    config: &Config,
    session: &Session,
    members: &[MemberResult],
    order: &[usize],
) -> Vec<CommendationResult> {
    let mut holds = vec![false; config.members.len()];
    let mut results = Vec::new();
    for (c, rule) in config.commendations.iter().enumerate() {
        let quota = quota(config, c);
        let eligible: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&m| !holds[m] && members[m].standing.is_some())
            .filter(|&m| match (rule.min_class, members[m].class) {
                (None, _) => true,
                (Some(min), Some(class)) => class <= min,
                (Some(_), None) => false,
            })
            .collect();
        let ballot = session.latest_ballot(c);
        let mut seats = quota;
        let mut placed: Vec<(usize, Basis)> = Vec::new();
        let mut open_seats = 0;
        let mut tie = None;
        let mut at = 0;
        while seats > 0 && at < eligible.len() {
            let total = members[eligible[at]].standing;
            let tier: Vec<usize> = eligible[at..]
                .iter()
                .copied()
                .take_while(|&m| members[m].standing == total)
                .collect();
            at += tier.len();
            if tier.len() <= seats {
                seats -= tier.len();
                placed.extend(tier.into_iter().map(|m| (m, Basis::Rank)));
                continue;
            }
            // A tie straddles the quota line: the cascade, then the chair's decision.
            let tiers = cascade(members, ballot, tier, &config.tie_break, None);
            let in_order: Vec<usize> = tiers.iter().flat_map(|(sub, _)| sub.clone()).collect();
            let mut seat_tie = SeatTie {
                total: total.unwrap_or(zero_total(config)),
                seats,
                // A commendation without a ballot never has its ballot key applied.
                keys: config
                    .tie_break
                    .iter()
                    .filter(|&&key| key != TieBreak::Ballot || rule.ballot.is_some())
                    .map(|&key| {
                        let values: Option<Vec<KeyValue>> = in_order
                            .iter()
                            .map(|&m| key_value(key, &members[m], ballot, m))
                            .collect();
                        (key, values)
                    })
                    .collect(),
                members: in_order,
                seated: Vec::new(),
                level: Vec::new(),
                decision: None,
            };
            for (sub, by) in tiers {
                if seats == 0 {
                    break;
                }
                if sub.len() <= seats {
                    seats -= sub.len();
                    let basis = by.map_or(Basis::Rank, Basis::TieBrokenBy);
                    seat_tie.seated.extend(&sub);
                    placed.extend(sub.into_iter().map(|m| (m, basis.clone())));
                    continue;
                }
                seat_tie.level = sub.clone();
                match session.latest_decision(c) {
                    Some(d)
                        if d.chosen.len() == seats && d.chosen.iter().all(|m| sub.contains(m)) =>
                    {
                        seat_tie.decision = Some((d.chosen.clone(), d.reason.clone()));
                        placed.extend(
                            d.chosen
                                .iter()
                                .map(|&m| (m, Basis::ChairDecision(d.reason.clone()))),
                        );
                    }
                    _ => {
                        open_seats = seats;
                        placed.extend(sub.into_iter().map(|m| (m, Basis::Tied)));
                    }
                }
                seats = 0;
            }
            tie = Some(seat_tie);
        }
        let proposals: Vec<Proposal> = placed
            .into_iter()
            .map(|(member, basis)| {
                let outcome = ballot_outcome(config, session, c, member);
                let status = match (&basis, outcome) {
                    (Basis::Tied, _) => ProposalStatus::TieUnresolved,
                    (_, None) => ProposalStatus::Proposed,
                    (_, Some(None)) => ProposalStatus::AwaitingBallot,
                    (_, Some(Some(o))) if o.passed => ProposalStatus::Proposed,
                    (_, Some(Some(_))) => ProposalStatus::BallotFailed,
                };
                Proposal {
                    member,
                    status,
                    basis,
                    ballot: outcome.flatten(),
                }
            })
            .collect();
        for p in &proposals {
            if matches!(
                p.status,
                ProposalStatus::Proposed | ProposalStatus::AwaitingBallot
            ) {
                holds[p.member] = true;
            }
        }
        results.push(CommendationResult {
            quota,
            proposals,
            open_seats,
            eligible,
            tie,
        });
    }
    results
}
