//! The sentences and lines the reports share, in the language of the documents
//! officials sign: the scoring method, ballots, decisions and proposals.

use crate::model::Session;
use crate::model::config::TieBreak;
use crate::model::config::{Aggregate, BallotBase, BallotRule, Config, SelfRule};
use crate::model::exact::Rounded;
use crate::model::session::BallotRecord;
use crate::model::tally::{
    Basis, KeyValue, Proposal, ProposalStatus, SeatTie, Tally, TieStanding, ballot_base,
    ballot_passes, vote_share,
};
use crate::text::Lang;
use crate::text::export::X;

/// Excel sheet names: at most 31 characters, none of `[ ] : * ? / \`.
pub fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .collect();
    let trimmed = cleaned.trim().trim_matches('\'');
    let short: String = trimmed.chars().take(31).collect();
    if short.is_empty() {
        "Sheet".into()
    } else {
        short
    }
}

pub fn title_line(session: &Session, lang: Lang) -> String {
    let c = &session.config().cluster;
    X::TitleLine.fill(lang, &[&c.name, &c.year])
}

pub fn status_line(session: &Session, tally: &Tally, lang: Lang) -> String {
    super::text::status_line(session, tally, lang)
}

/// The scoring rule in one sentence.
pub fn scoring_method(config: &Config, lang: Lang) -> String {
    let sep = lang.decimal_separator();
    let aggregate = match config.scoring.aggregate {
        Aggregate::Mean => X::AggregateMean.get(lang).to_string(),
        Aggregate::TrimmedMean => X::AggregateTrimmedMean.fill(lang, &[&config.scoring.trim]),
        Aggregate::Median => X::AggregateMedian.get(lang).to_string(),
    };
    let own = match config.scoring.self_rule {
        SelfRule::Exclude => X::SelfExclude,
        SelfRule::Include => X::SelfInclude,
        SelfRule::Separate => X::SelfSeparate,
    };
    let mut text = X::ScoringMethod.fill(
        lang,
        &[
            &config.item_count(),
            &config.max_total().display(sep),
            &aggregate,
            &own.get(lang),
            &config.scoring.decimals,
        ],
    );
    // Version 2's rules, where the config has them.
    let facts = (0..config.item_count())
        .filter_map(|i| config.item_at(i))
        .filter(|i| i.by_chair())
        .count();
    if facts > 0 {
        text.push(' ');
        text.push_str(&X::MethodFacts.fill(lang, &[&facts]));
    }
    if config.scoring.compare == crate::model::config::Compare::PercentOfOwnMax {
        text.push(' ');
        text.push_str(X::MethodPercent.get(lang));
    }
    if let Some(quorum) = config.rules.quorum {
        let n = config.members.len();
        text.push(' ');
        text.push_str(&X::MethodQuorum.fill(lang, &[&quorum.text(), &quorum.at_least_of(n), &n]));
    }
    text
}

/// The commendation a member is proposed for (or the closest status) and its status.
pub fn proposal_of(
    session: &Session,
    tally: &Tally,
    member: usize,
    lang: Lang,
) -> (String, String) {
    let config = session.config();
    let mut fallback = None;
    for (c, result) in tally.commendations.iter().enumerate() {
        if let Some(p) = result.proposals.iter().find(|p| p.member == member) {
            let pair = (
                config.commendations[c].name.clone(),
                p.status.text(lang).to_string(),
            );
            if p.status == ProposalStatus::BallotFailed {
                fallback.get_or_insert(pair);
            } else {
                return pair;
            }
        }
    }
    fallback.unwrap_or_default()
}

pub struct BallotRow {
    pub commendation: String,
    pub round: u32,
    pub member: String,
    pub votes: u32,
    pub base: u32,
    pub percent: Rounded,
    pub result: String,
}

/// Every recorded ballot round in order, with its rule and the base its shares
/// are measured against.
fn recorded_ballots(session: &Session) -> Vec<(&BallotRecord, BallotRule, u32)> {
    let config = session.config();
    let mut ballots: Vec<&BallotRecord> = session.ballots.iter().collect();
    ballots.sort_by_key(|b| (b.commendation, b.round));
    ballots
        .into_iter()
        .filter_map(|b| {
            let rule = config.commendations[b.commendation].ballot?;
            Some((b, rule, ballot_base(&rule, session, b.valid)))
        })
        .collect()
}

/// "passes" or "fails".
fn verdict(passes: bool, lang: Lang) -> &'static str {
    if passes {
        X::BallotPasses.get(lang)
    } else {
        X::BallotFails.get(lang)
    }
}

pub fn ballot_rows(session: &Session, lang: Lang) -> Vec<BallotRow> {
    let config = session.config();
    let mut rows = Vec::new();
    for (b, rule, base) in recorded_ballots(session) {
        for &(m, votes) in &b.votes {
            rows.push(BallotRow {
                commendation: config.commendations[b.commendation].name.clone(),
                round: b.round,
                member: config.members[m].short.clone(),
                votes,
                base,
                percent: vote_share(votes, base),
                result: verdict(ballot_passes(&rule, votes, base), lang).into(),
            });
        }
    }
    rows
}

/// One sentence per recorded ballot round, for the minutes.
pub fn ballot_sentences(session: &Session, lang: Lang) -> Vec<String> {
    let config = session.config();
    let sep = lang.decimal_separator();
    let mut out = Vec::new();
    for (b, rule, base) in recorded_ballots(session) {
        let base_name = match rule.base {
            BallotBase::Present => X::BasePresent,
            BallotBase::Members => X::BaseMembers,
            BallotBase::Valid => X::BaseValid,
        }
        .get(lang);
        let votes: Vec<String> = b
            .votes
            .iter()
            .map(|&(m, v)| {
                X::BallotVoteLine.fill(
                    lang,
                    &[
                        &config.members[m].short,
                        &v,
                        &base,
                        &vote_share(v, base).display(sep),
                        &base_name,
                        &verdict(ballot_passes(&rule, v, base), lang),
                    ],
                )
            })
            .collect();
        let strict = if rule.strict {
            X::ThresholdMoreThan
        } else {
            X::ThresholdAtLeast
        };
        out.push(X::BallotRound.fill(
            lang,
            &[
                &config.commendations[b.commendation].name,
                &b.round,
                &b.issued,
                &b.valid,
                &strict.get(lang),
                &rule.threshold_text(sep),
                &base_name,
                &votes.join("; "),
            ],
        ));
    }
    out
}

pub fn decision_lines(session: &Session, lang: Lang) -> Vec<String> {
    let config = session.config();
    session
        .decisions
        .iter()
        .map(|d| {
            let chosen: Vec<String> = d
                .chosen
                .iter()
                .map(|&m| config.members[m].short.clone())
                .collect();
            X::Decision.fill(
                lang,
                &[
                    &config.commendations[d.commendation].name,
                    &chosen.join(", "),
                    &d.reason,
                ],
            )
        })
        .collect()
}

pub fn next_year_line(session: &Session, lang: Lang) -> Option<String> {
    let config = session.config();
    session
        .next_year
        .map(|(h, d)| X::NextYear.fill(lang, &[&config.members[h].name, &config.members[d].name]))
}

/// Why seats of a commendation stay empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vacancy {
    /// The members left (not listed, not holding an earlier commendation) are
    /// scored but below the commendation's minimum class (an index into classes).
    BelowClass(usize),
    /// The members left have no counted sheet yet.
    NotScored,
    /// No member is left: the others hold an earlier commendation.
    NoOther,
}

/// Seats of commendation `c` that stay empty because every eligible member is
/// already listed, and why. A tie waiting for the meeting's decision is not an empty
/// seat, nor is a seat whose ballot failed (its member is listed with that status).
pub fn vacant_seats(config: &Config, tally: &Tally, c: usize) -> Option<(usize, Vacancy)> {
    let result = tally.commendations.get(c)?;
    let listed = result
        .proposals
        .iter()
        .filter(|p| p.status != ProposalStatus::TieUnresolved)
        .count();
    let vacant = result.quota.saturating_sub(listed + result.open_seats);
    if vacant == 0 {
        return None;
    }
    let holds_earlier = |m: usize| {
        tally
            .commendation_of(m)
            .is_some_and(|(earlier, _)| earlier < c)
    };
    let left: Vec<usize> = (0..config.members.len())
        .filter(|m| !result.eligible.contains(m) && !holds_earlier(*m))
        .collect();
    let why = match config.commendations[c].min_class {
        Some(min) if left.iter().any(|&m| tally.members[m].total.is_some()) => {
            Vacancy::BelowClass(min)
        }
        _ if !left.is_empty() => Vacancy::NotScored,
        _ => Vacancy::NoOther,
    };
    Some((vacant, why))
}

/// The sentence saying how many seats stay empty and why, e.g. "Còn trống 2 suất:
/// không còn đơn vị nào đạt mức xếp loại tối thiểu (Hoàn thành xuất sắc nhiệm vụ)."
pub fn vacant_seats_line(config: &Config, tally: &Tally, c: usize, lang: Lang) -> Option<String> {
    let (seats, why) = vacant_seats(config, tally, c)?;
    Some(match why {
        Vacancy::BelowClass(class) => {
            X::SeatsOpenBelowClass.fill(lang, &[&seats, &config.classes[class].name])
        }
        Vacancy::NotScored => X::SeatsOpenNotScored.fill(lang, &[&seats]),
        Vacancy::NoOther => X::SeatsOpenNoOther.fill(lang, &[&seats]),
    })
}

/// Why a member is on a commendation's list, in words.
pub fn proposal_reason(
    session: &Session,
    tally: &Tally,
    proposal: &Proposal,
    lang: Lang,
) -> String {
    let sep = lang.decimal_separator();
    let r = &tally.members[proposal.member];
    let mut parts = vec![X::ReasonRank.fill(
        lang,
        &[
            &r.rank.map_or("—".into(), |k| k.to_string()),
            &r.total.map_or("—".into(), |t| t.display(sep)),
        ],
    )];
    match basis_sentence(session.config(), tally, proposal, lang) {
        Some(sentence) => parts.push(sentence),
        None => match &proposal.basis {
            Basis::ChairDecision(reason) => parts.push(X::DecidedByMeeting.fill(lang, &[reason])),
            Basis::Tied => parts.push(X::TiedAwaitingDecision.get(lang).into()),
            Basis::TieBrokenBy(_) | Basis::Rank => {}
        },
    }
    if let Some(b) = proposal.ballot {
        parts.push(X::ReasonBallot.fill(
            lang,
            &[&b.round, &b.votes, &b.base, &b.percent().display(sep)],
        ));
    }
    parts.join("; ")
}

/// Names of members, by their short names.
pub fn names(config: &Config, members: &[usize]) -> String {
    members
        .iter()
        .map(|&m| config.members[m].short.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A group as people know it: its number and name.
pub fn group_label(config: &Config, g: usize, lang: Lang) -> String {
    let group = &config.groups[g];
    X::GroupLabel.fill(lang, &[&group.id, &group.name])
}

/// A tie-break key as a noun: "điểm thưởng", "the subtotal of group 1 (…)".
pub fn tie_key_name(config: &Config, key: TieBreak, lang: Lang) -> String {
    match key {
        TieBreak::Group(g) => X::TieKeyGroup.fill(lang, &[&group_label(config, g, lang)]),
        TieBreak::Bonus => X::TieKeyBonus.get(lang).into(),
        TieBreak::Deductions => X::TieKeyDeductions.get(lang).into(),
        TieBreak::Ballot => X::TieKeyBallot.get(lang).into(),
    }
}

/// A key's value as people read it: points with the language's separator, or votes.
pub fn key_value_text(value: KeyValue, lang: Lang) -> String {
    match value {
        KeyValue::Points(p) => p.display(lang.decimal_separator()),
        KeyValue::Votes(v) => v.to_string(),
    }
}

/// What the keys found equal in a tie they could not break: "điểm thưởng cùng là
/// 3,00; chưa có kết quả bỏ phiếu".
fn equal_keys(config: &Config, equal: &[(TieBreak, Option<KeyValue>)], lang: Lang) -> String {
    if equal.is_empty() {
        return X::TieNoKeys.get(lang).into();
    }
    equal
        .iter()
        .map(|&(key, value)| match value {
            Some(v) => X::TieEqualOn.fill(
                lang,
                &[&tie_key_name(config, key, lang), &key_value_text(v, lang)],
            ),
            None => X::TieNoBallotYet.get(lang).into(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a member of a tie at a seat line stands where it does, in one sentence:
/// "hơn Ô Chợ Dừa về điểm thưởng: 4,17 so với 3,50".
pub fn tie_sentence(config: &Config, standing: &TieStanding, lang: Lang) -> String {
    let ahead_or_behind =
        |ahead: bool, others: &[usize], key, own, theirs| {
            let (own, theirs) = (key_value_text(own, lang), key_value_text(theirs, lang));
            let who = names(config, others);
            match (key, ahead) {
                (TieBreak::Group(g), true) => X::TieAheadGroup
                    .fill(lang, &[&who, &group_label(config, g, lang), &own, &theirs]),
                (TieBreak::Group(g), false) => X::TieBehindGroup
                    .fill(lang, &[&who, &group_label(config, g, lang), &own, &theirs]),
                (TieBreak::Bonus, true) => X::TieAheadBonus.fill(lang, &[&who, &own, &theirs]),
                (TieBreak::Bonus, false) => X::TieBehindBonus.fill(lang, &[&who, &own, &theirs]),
                (TieBreak::Deductions, true) => {
                    X::TieAheadDeductions.fill(lang, &[&who, &own, &theirs])
                }
                (TieBreak::Deductions, false) => {
                    X::TieBehindDeductions.fill(lang, &[&who, &own, &theirs])
                }
                (TieBreak::Ballot, true) => X::TieAheadBallot.fill(lang, &[&who, &own, &theirs]),
                (TieBreak::Ballot, false) => X::TieBehindBallot.fill(lang, &[&who, &own, &theirs]),
            }
        };
    match standing {
        TieStanding::Ahead {
            others,
            key,
            own,
            theirs,
        } => ahead_or_behind(true, others, *key, *own, *theirs),
        TieStanding::Behind {
            others,
            key,
            own,
            theirs,
        } => ahead_or_behind(false, others, *key, *own, *theirs),
        TieStanding::Unresolved {
            others,
            seats,
            equal,
        } => X::TieUnresolved.fill(
            lang,
            &[
                &names(config, others),
                seats,
                &equal_keys(config, equal, lang),
            ],
        ),
        TieStanding::Decided {
            others,
            chosen,
            this_chosen,
            reason,
        } => {
            if *this_chosen {
                X::TieDecidedChosen.fill(lang, &[&names(config, others), reason])
            } else {
                X::TieDecidedOther.fill(
                    lang,
                    &[&names(config, others), &names(config, chosen), reason],
                )
            }
        }
    }
}

/// The tie at a seat line still waiting for the chair, in one sentence naming all
/// of its level members: "Ngọc Hà, Ô Chợ Dừa bằng điểm (90,89), tranh 1 suất, chưa
/// tách được: điểm thưởng cùng là 3,50; chờ chủ trì quyết định". `None` without one.
pub fn unresolved_tie_line(config: &Config, tie: &SeatTie, lang: Lang) -> Option<String> {
    if tie.decision.is_some() {
        return None;
    }
    let &first = tie.level.first()?;
    let TieStanding::Unresolved { seats, equal, .. } = tie.standing(first)? else {
        return None;
    };
    Some(X::TieLevelSummary.fill(
        lang,
        &[
            &names(config, &tie.level),
            &tie.total.display(lang.decimal_separator()),
            &seats,
            &equal_keys(config, &equal, lang),
        ],
    ))
}

/// The short form of [`unresolved_tie_line`] for beside the tied names: "chưa tách
/// được: điểm thưởng cùng là 3,50; chờ chủ trì quyết định".
pub fn unresolved_tie_reason(config: &Config, tie: &SeatTie, lang: Lang) -> Option<String> {
    if tie.decision.is_some() {
        return None;
    }
    let TieStanding::Unresolved { equal, .. } = tie.standing(*tie.level.first()?)? else {
        return None;
    };
    Some(X::TieNotSeparated.fill(lang, &[&equal_keys(config, &equal, lang)]))
}

/// Why a proposal stands where it does when a tie at the seat line put it there;
/// `None` for a seat held by rank alone.
pub fn basis_sentence(
    config: &Config,
    tally: &Tally,
    proposal: &Proposal,
    lang: Lang,
) -> Option<String> {
    if proposal.basis == Basis::Rank {
        return None;
    }
    // The proposal is one of the tally's own (or a copy of one).
    let c = tally
        .commendations
        .iter()
        .position(|r| r.proposals.iter().any(|p| std::ptr::eq(p, proposal)))
        .or_else(|| {
            tally
                .commendations
                .iter()
                .position(|r| r.proposals.contains(proposal))
        })?;
    Some(tie_sentence(
        config,
        &tally.tie_standing(c, proposal.member)?,
        lang,
    ))
}

/// The members of commendation `c`'s tie left without a seat (not on its list), each
/// with why: "bằng điểm với Ngọc Hà nhưng xếp sau về điểm thưởng: 3,50 so với 4,17".
pub fn left_out_of_tie(
    config: &Config,
    tally: &Tally,
    c: usize,
    lang: Lang,
) -> Vec<(usize, String)> {
    let Some(result) = tally.commendations.get(c) else {
        return Vec::new();
    };
    let Some(tie) = &result.tie else {
        return Vec::new();
    };
    tie.members
        .iter()
        .copied()
        .filter(|&m| !result.proposals.iter().any(|p| p.member == m))
        .filter_map(|m| Some((m, tie_sentence(config, &tie.standing(m)?, lang))))
        .collect()
}

/// Every tie at a seat line a member was part of, each as "Commendation: why".
pub fn tie_notes(config: &Config, tally: &Tally, member: usize, lang: Lang) -> Vec<String> {
    tally
        .tie_standings(member)
        .iter()
        .map(|(c, standing)| {
            X::TieNoteFor.fill(
                lang,
                &[
                    &config.commendations[*c].name,
                    &tie_sentence(config, standing, lang),
                ],
            )
        })
        .collect()
}

/// Where a member stands against a commendation's line, in words for the chair's
/// screen: "hơn 1,20 điểm (giữ suất …)", "kém 0,50 điểm (chưa có suất …)", and for
/// a member tied with the next one never "hơn 0,00 điểm" but that it is tied and
/// how the tie was settled, or that it waits for the chair. `None` when no line is
/// near.
pub fn line_margin_text(
    config: &Config,
    tally: &Tally,
    member: usize,
    lang: Lang,
) -> Option<String> {
    use crate::model::confidence::{LineMargin, line_margin};
    use crate::text::ui::T;
    let sep = lang.decimal_separator();
    let margin = line_margin(tally, member);
    let commendation = match margin {
        Some(LineMargin::Ahead { commendation, .. } | LineMargin::Behind { commendation, .. }) => {
            Some(commendation)
        }
        None => tally.tie_standings(member).first().map(|(c, _)| *c),
    }?;
    let name = &config.commendations[commendation].name;
    let standing = tally.tie_standing(commendation, member);
    let tied = match margin {
        Some(LineMargin::Ahead { by, .. } | LineMargin::Behind { by, .. }) => by.units == 0,
        None => true,
    };
    if let Some(TieStanding::Unresolved { .. }) = &standing {
        let why = tie_sentence(config, standing.as_ref()?, lang);
        return Some(T::MarginTieOpen.fill(lang, &[&why, name]));
    }
    if !tied {
        return Some(match margin? {
            LineMargin::Ahead { by, .. } => T::AheadBy.fill(lang, &[&by.display(sep), name]),
            LineMargin::Behind { by, .. } => T::BehindBy.fill(lang, &[&by.display(sep), name]),
        });
    }
    Some(match &standing {
        Some(s @ TieStanding::Ahead { .. }) => {
            T::MarginTieAhead.fill(lang, &[&tie_sentence(config, s, lang), name])
        }
        Some(
            s @ TieStanding::Decided {
                this_chosen: true, ..
            },
        ) => T::MarginTieIn.fill(lang, &[&tie_sentence(config, s, lang), name]),
        Some(s) => T::MarginTieOut.fill(lang, &[&tie_sentence(config, s, lang), name]),
        None => T::MarginTieBare.fill(lang, &[name]),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::event::{Actor, Event, Record};
    use crate::model::points::Points;
    use serde_json::json;
    use std::sync::Arc;

    /// Members m0…m{n-1} (short ĐV0…), one item of 100 points, classes "Xuất sắc"
    /// ≥ 90 and "Khác"; commendations as given.
    fn config(n: usize, commendations: serde_json::Value) -> Config {
        let members: Vec<_> = (0..n)
            .map(|i| json!({"id": format!("m{i}"), "name": format!("Đơn vị {i}"), "short": format!("ĐV{i}")}))
            .collect();
        let doc = json!({
            "format": "thidua.cluster/1",
            "cluster": {"id": "t", "name": "Cụm thử", "organizer": "MTTQ", "year": 2024, "member_label": "đơn vị"},
            "members": members,
            "criteria": [{"id": "1", "name": "Nhóm 1", "items": [
                {"id": "1.1", "name": "Tiêu chí 1.1", "max": 100, "step": 0.5}]}],
            "classes": [
                {"id": "A", "name": "Xuất sắc", "min": 90},
                {"id": "C", "name": "Khác", "min": 0}
            ],
            "commendations": commendations
        });
        match Config::from_bytes(&serde_json::to_vec(&doc).unwrap_or_default()) {
            Ok(c) => c,
            Err(p) => panic!("{}", p.text(Lang::En)),
        }
    }

    /// Every delegate gives each other member `totals[target]` and submits.
    fn scored(config: Config, totals: &[i64]) -> Session {
        scored_by(config, totals, totals.len())
    }

    /// The first `delegates` delegates give each other member `totals[target]` and
    /// submit; the others have not scored yet.
    fn scored_by(config: Config, totals: &[i64], delegates: usize) -> Session {
        let mut session = Session::new(Arc::new(config));
        let n = totals.len();
        for s in 0..delegates {
            let by = Actor::Member(format!("m{s}"));
            let mut events: Vec<Event> = (0..n)
                .filter(|&t| t != s)
                .map(|t| Event::Score {
                    scorer: format!("m{s}"),
                    target: format!("m{t}"),
                    item: "1.1".into(),
                    value: Some(Points(totals[t])),
                })
                .collect();
            events.push(Event::Submit {
                scorer: format!("m{s}"),
            });
            for event in events {
                let record = Record {
                    seq: session.event_count() + 1,
                    at: "2024-12-20T09:00:00+07:00".into(),
                    by: by.clone(),
                    origin: None,
                    event,
                };
                if let Err(e) = session.apply(&record) {
                    panic!("{}", e.text(Lang::En));
                }
            }
        }
        session
    }

    /// A "Bằng khen" with `seats` seats for members of class "Xuất sắc".
    pub(crate) fn seat_session(seats: u32, totals: &[i64]) -> Session {
        let commendations =
            json!([{"id": "k", "name": "Bằng khen", "max_count": seats, "min_class": "A"}]);
        scored(config(totals.len(), commendations), totals)
    }

    /// Like [`seat_session`], with only the first `delegates` sheets submitted.
    pub(crate) fn partly_scored(seats: u32, totals: &[i64], delegates: usize) -> Session {
        let commendations =
            json!([{"id": "k", "name": "Bằng khen", "max_count": seats, "min_class": "A"}]);
        scored_by(config(totals.len(), commendations), totals, delegates)
    }

    /// 3 seats, and only ĐV0 reaches the class.
    pub(crate) fn one_of_three_seats() -> Session {
        seat_session(3, &[9500, 8000, 7000, 6000])
    }

    #[test]
    fn the_minutes_say_how_many_seats_stay_open_and_why() {
        let session = one_of_three_seats();
        let tally = Tally::compute(&session);
        let config = session.config();
        assert_eq!(tally.commendations[0].proposals.len(), 1);
        assert_eq!(
            vacant_seats(config, &tally, 0),
            Some((2, Vacancy::BelowClass(0)))
        );
        assert_eq!(
            vacant_seats_line(config, &tally, 0, Lang::Vi).as_deref(),
            Some("Còn trống 2 suất: không còn đơn vị nào đạt mức xếp loại tối thiểu (Xuất sắc).")
        );
        assert_eq!(
            vacant_seats_line(config, &tally, 0, Lang::En).as_deref(),
            Some("2 seats stay open: no remaining member reached the minimum class (Xuất sắc).")
        );
        // Every seat taken: nothing to say.
        let full = seat_session(2, &[9500, 9400, 7000, 6000]);
        assert_eq!(vacant_seats(full.config(), &Tally::compute(&full), 0), None);
    }

    #[test]
    fn a_seat_left_because_the_others_hold_an_earlier_commendation() {
        // Two members; a flag for one, then two certificates with no class rule.
        let commendations = json!([
            {"id": "co", "name": "Cờ thi đua", "max_count": 1},
            {"id": "k", "name": "Bằng khen", "max_count": 2}
        ]);
        let session = scored(config(2, commendations), &[9500, 9000]);
        let tally = Tally::compute(&session);
        assert_eq!(vacant_seats(session.config(), &tally, 0), None);
        assert_eq!(
            vacant_seats_line(session.config(), &tally, 1, Lang::En).as_deref(),
            Some("1 seat stays open: no other member is eligible.")
        );
        assert_eq!(
            vacant_seats_line(session.config(), &tally, 1, Lang::Vi).as_deref(),
            Some("Còn trống 1 suất: không còn đơn vị nào khác đủ điều kiện.")
        );
    }

    #[test]
    fn a_tie_at_the_line_is_never_a_margin_of_nothing() {
        // ĐV0 and ĐV1 tie for one seat and the rules have no tie-break key.
        let mut session = seat_session(1, &[9500, 9500, 7000]);
        let tally = Tally::compute(&session);
        let config = session.config().clone();
        for m in [0, 1] {
            let text = line_margin_text(&config, &tally, m, Lang::Vi).expect("a line");
            assert!(!text.contains("0,00"), "{text}");
            let other = format!("ĐV{}", 1 - m);
            assert_eq!(
                text,
                format!(
                    "bằng điểm với {other}, tranh 1 suất, chưa tách được: quy chế không có \
                     tiêu chí phụ; chờ chủ trì quyết định (Bằng khen)"
                )
            );
        }
        // The chair chooses ĐV1: it holds the seat, tied; ĐV0 is tied without one.
        let record = crate::model::event::Record {
            seq: session.event_count() + 1,
            at: "2024-12-20T10:00:00+07:00".into(),
            by: crate::model::event::Actor::Chair,
            origin: None,
            event: crate::model::event::Event::DecideTie {
                commendation: "k".into(),
                chosen: vec!["m1".into()],
                reason: "bốc thăm".into(),
            },
        };
        session.apply(&record).expect("a valid decision");
        let tally = Tally::compute(&session);
        assert_eq!(
            line_margin_text(&config, &tally, 1, Lang::Vi).as_deref(),
            Some("bằng điểm với ĐV0; hội nghị quyết định: bốc thăm (giữ suất Bằng khen)")
        );
        assert_eq!(
            line_margin_text(&config, &tally, 0, Lang::En).as_deref(),
            Some("tied with ĐV1; the meeting chose ĐV1, reason: bốc thăm (no seat in Bằng khen)")
        );
        // A real margin is still a margin.
        let apart = seat_session(1, &[9500, 9350, 7000]);
        let tally = Tally::compute(&apart);
        assert_eq!(
            line_margin_text(apart.config(), &tally, 0, Lang::Vi).as_deref(),
            Some("hơn 1,50 điểm (giữ suất Bằng khen)")
        );
    }

    #[test]
    fn english_counts_in_the_minutes_agree() {
        let session = one_of_three_seats();
        let method = scoring_method(session.config(), Lang::En);
        assert!(
            method.contains("scores 1 criterion (at most 100 points"),
            "{method}"
        );
        assert!(method.contains("rounded to 2 decimals"), "{method}");
        let tally = Tally::compute(&session);
        let reason = proposal_reason(
            &session,
            &tally,
            &tally.commendations[0].proposals[0],
            Lang::En,
        );
        assert_eq!(reason, "rank 1, 95.00 points");
    }
}
