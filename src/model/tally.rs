//! The tally: counted sheets, aggregates, ranks, classes and commendation proposals.
//! Pure and exact; recomputed from the session whenever an event is applied.

use super::config::{Aggregate, BallotBase, BallotRule, CellKind, Config, SelfRule, TieBreak};
use super::exact::{Exact, Rounded};
use super::points::Points;
use super::problem::Lang;
use super::session::{BallotRecord, Session};

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
}

#[derive(Debug, Clone, PartialEq)]
pub struct MemberResult {
    pub total: Option<Rounded>,
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

fn sheet_sums(config: &Config, row: &[Option<Points>], scorer: usize) -> SheetSums {
    let mut sums = SheetSums {
        scorer,
        total: 0,
        groups: vec![0; config.groups.len()],
        bonus: 0,
        deductions: 0,
    };
    for (cell, value) in config.cells.iter().zip(row) {
        let v = value.map_or(0, |p| p.0);
        match cell.kind {
            CellKind::Item { group } => sums.groups[group] += v,
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
        .map(|s| sheet_sums(config, session.row(s, target), s))
        .collect();
    let self_total = (config.scoring.self_rule == SelfRule::Separate
        && session.is_submitted(target))
    .then(|| {
        Exact::whole(Points(
            sheet_sums(config, session.row(target, target), target).total,
        ))
        .round(decimals)
    });
    if counted.is_empty() {
        return MemberResult {
            total: None,
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
    let total = if aggregate.0 == Aggregate::Median {
        let mut totals: Vec<i64> = counted.iter().map(|s| s.total).collect();
        totals.sort_unstable();
        let mid = totals.len() / 2;
        if totals.len() % 2 == 1 {
            Exact::mean(totals[mid], 1)
        } else {
            Exact::mean(totals[mid - 1] + totals[mid], 2)
        }
    } else {
        mean_of(&|s| s.total)
    };
    let total = total.round(decimals);
    let class = config.classes.iter().position(|c| total.at_least(c.min));
    MemberResult {
        total: Some(total),
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
        let mut members: Vec<MemberResult> = (0..n)
            .map(|m| member_result(config, session, m, variant))
            .collect();
        // Standard competition ranking on the rounded totals: 1, 2, 2, 4.
        let totals: Vec<Option<Rounded>> = members.iter().map(|m| m.total).collect();
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
        }
    }

    pub fn is_provisional(&self) -> bool {
        self.sheets_submitted < self.sheets_expected
    }

    pub fn sheets_missing(&self) -> usize {
        self.sheets_expected - self.sheets_submitted
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
    let share = votes as i64 * 10_000;
    let line = rule.threshold.0 * base as i64;
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
            .filter(|&m| !holds[m] && members[m].total.is_some())
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
        let mut at = 0;
        while seats > 0 && at < eligible.len() {
            let total = members[eligible[at]].total;
            let tier: Vec<usize> = eligible[at..]
                .iter()
                .copied()
                .take_while(|&m| members[m].total == total)
                .collect();
            at += tier.len();
            if tier.len() <= seats {
                seats -= tier.len();
                placed.extend(tier.into_iter().map(|m| (m, Basis::Rank)));
                continue;
            }
            // A tie straddles the quota line: the cascade, then the chair's decision.
            for (sub, by) in cascade(members, ballot, tier, &config.tie_break, None) {
                if seats == 0 {
                    break;
                }
                if sub.len() <= seats {
                    seats -= sub.len();
                    let basis = by.map_or(Basis::Rank, Basis::TieBrokenBy);
                    placed.extend(sub.into_iter().map(|m| (m, basis.clone())));
                    continue;
                }
                match session.latest_decision(c) {
                    Some(d)
                        if d.chosen.len() == seats && d.chosen.iter().all(|m| sub.contains(m)) =>
                    {
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
        });
    }
    results
}
