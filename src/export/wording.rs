//! The sentences and lines the reports share, in the language of the documents
//! officials sign: the scoring method, ballots, decisions and proposals.

use crate::model::Session;
use crate::model::config::{Aggregate, BallotBase, BallotRule, Config, SelfRule};
use crate::model::exact::Rounded;
use crate::model::problem::Lang;
use crate::model::session::BallotRecord;
use crate::model::tally::{
    Basis, Proposal, ProposalStatus, Tally, ballot_base, ballot_passes, vote_share,
};

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
    format!("{} — {} {}", c.name, lang.pick("năm", "year"), c.year)
}

pub fn status_line(session: &Session, tally: &Tally, lang: Lang) -> String {
    super::text::status_line(session, tally, lang)
}

/// The scoring rule in one sentence.
pub fn scoring_method(config: &Config, lang: Lang) -> String {
    let sep = lang.decimal_separator();
    let aggregate = match (config.scoring.aggregate, lang) {
        (Aggregate::Mean, Lang::Vi) => "trung bình cộng tổng điểm các phiếu chấm".to_string(),
        (Aggregate::Mean, Lang::En) => "the mean of the sheet totals".to_string(),
        (Aggregate::TrimmedMean, Lang::Vi) => format!(
            "trung bình cộng tổng điểm các phiếu chấm sau khi bỏ {0} phiếu cao nhất và {0} phiếu thấp nhất",
            config.scoring.trim
        ),
        (Aggregate::TrimmedMean, Lang::En) => format!(
            "the mean of the sheet totals without the {0} highest and {0} lowest",
            config.scoring.trim
        ),
        (Aggregate::Median, Lang::Vi) => "trung vị tổng điểm các phiếu chấm".to_string(),
        (Aggregate::Median, Lang::En) => "the median of the sheet totals".to_string(),
    };
    let own = match (config.scoring.self_rule, lang) {
        (SelfRule::Exclude, Lang::Vi) => "của các đơn vị khác (đơn vị không tự chấm)",
        (SelfRule::Exclude, Lang::En) => "of the other members (no member scores itself)",
        (SelfRule::Include, Lang::Vi) => "của tất cả các đơn vị, kể cả phiếu tự chấm",
        (SelfRule::Include, Lang::En) => "of all members, its own included",
        (SelfRule::Separate, Lang::Vi) => {
            "của các đơn vị khác (điểm tự chấm được ghi riêng, không tính)"
        }
        (SelfRule::Separate, Lang::En) => {
            "of the other members (its own score shown apart, not counted)"
        }
    };
    match lang {
        Lang::Vi => format!(
            "Mỗi đơn vị chấm theo {} tiêu chí (tối đa {} điểm, cộng điểm thưởng, trừ điểm trừ); tổng điểm của mỗi đơn vị là {} {}, làm tròn {} chữ số thập phân; xếp hạng theo tổng điểm đã làm tròn.",
            config.item_count(),
            config.max_total().display(sep),
            aggregate,
            own,
            config.scoring.decimals
        ),
        Lang::En => format!(
            "Each member scores {} criteria (at most {} points, plus bonus, minus deductions); a member's total is {} {}, rounded to {} decimals; ranks follow the rounded totals.",
            config.item_count(),
            config.max_total().display(sep),
            aggregate,
            own,
            config.scoring.decimals
        ),
    }
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

pub fn ballot_rows(session: &Session, lang: Lang) -> Vec<BallotRow> {
    let config = session.config();
    let mut rows = Vec::new();
    for (b, rule, base) in recorded_ballots(session) {
        for &(m, votes) in &b.votes {
            let passes = ballot_passes(&rule, votes, base);
            rows.push(BallotRow {
                commendation: config.commendations[b.commendation].name.clone(),
                round: b.round,
                member: config.members[m].short.clone(),
                votes,
                base,
                percent: vote_share(votes, base),
                result: lang
                    .pick(
                        if passes { "đạt" } else { "không đạt" },
                        if passes { "passes" } else { "fails" },
                    )
                    .into(),
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
        let base_name = match (rule.base, lang) {
            (BallotBase::Present, Lang::Vi) => "số đại biểu có mặt",
            (BallotBase::Members, Lang::Vi) => "tổng số đơn vị",
            (BallotBase::Valid, Lang::Vi) => "số phiếu hợp lệ",
            (BallotBase::Present, Lang::En) => "delegates present",
            (BallotBase::Members, Lang::En) => "members",
            (BallotBase::Valid, Lang::En) => "valid ballots",
        };
        let votes: Vec<String> = b
            .votes
            .iter()
            .map(|&(m, v)| {
                let verdict = if ballot_passes(&rule, v, base) {
                    lang.pick("đạt", "passes")
                } else {
                    lang.pick("không đạt", "fails")
                };
                match lang {
                    Lang::Vi => format!(
                        "{} {v}/{base} phiếu ({}% {base_name}) — {verdict}",
                        config.members[m].short,
                        vote_share(v, base).display(sep)
                    ),
                    Lang::En => format!(
                        "{} {v}/{base} votes ({}% of {base_name}) — {verdict}",
                        config.members[m].short,
                        vote_share(v, base).display(sep)
                    ),
                }
            })
            .collect();
        let strict = if rule.strict {
            lang.pick("trên", "more than")
        } else {
            lang.pick("từ", "at least")
        };
        out.push(match lang {
            Lang::Vi => format!(
                "{}, vòng {}: phát ra {} phiếu, hợp lệ {} phiếu (ngưỡng: {} {}% {base_name}). {}.",
                config.commendations[b.commendation].name,
                b.round,
                b.issued,
                b.valid,
                strict,
                rule.threshold.display(sep),
                votes.join("; ")
            ),
            Lang::En => format!(
                "{}, round {}: {} issued, {} valid (threshold: {} {}% of {base_name}). {}.",
                config.commendations[b.commendation].name,
                b.round,
                b.issued,
                b.valid,
                strict,
                rule.threshold.display(sep),
                votes.join("; ")
            ),
        });
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
            match lang {
                Lang::Vi => format!(
                    "Hội nghị quyết định ({}): {} — lý do: {}",
                    config.commendations[d.commendation].name,
                    chosen.join(", "),
                    d.reason
                ),
                Lang::En => format!(
                    "Decision of the meeting ({}): {} — reason: {}",
                    config.commendations[d.commendation].name,
                    chosen.join(", "),
                    d.reason
                ),
            }
        })
        .collect()
}

pub fn next_year_line(session: &Session, lang: Lang) -> Option<String> {
    let config = session.config();
    session.next_year.map(|(h, d)| match lang {
        Lang::Vi => format!(
            "Cụm trưởng năm sau: {}; cụm phó năm sau: {}.",
            config.members[h].name, config.members[d].name
        ),
        Lang::En => format!(
            "Next year's head: {}; deputy: {}.",
            config.members[h].name, config.members[d].name
        ),
    })
}

/// Why a member is on a commendation's list, in words.
pub fn proposal_reason(
    session: &Session,
    tally: &Tally,
    proposal: &Proposal,
    lang: Lang,
) -> String {
    let config = session.config();
    let sep = lang.decimal_separator();
    let r = &tally.members[proposal.member];
    let mut parts = vec![match lang {
        Lang::Vi => format!(
            "xếp hạng {}, {} điểm",
            r.rank.map_or("—".into(), |k| k.to_string()),
            r.total.map_or("—".into(), |t| t.display(sep))
        ),
        Lang::En => format!(
            "rank {}, {} points",
            r.rank.map_or("—".into(), |k| k.to_string()),
            r.total.map_or("—".into(), |t| t.display(sep))
        ),
    }];
    match &proposal.basis {
        Basis::TieBrokenBy(key) => parts.push(format!(
            "{} {}",
            lang.pick("tách bằng điểm theo", "tie broken by"),
            super::results::tie_break_code(*key, session)
        )),
        Basis::ChairDecision(reason) => parts.push(format!(
            "{}: {reason}",
            lang.pick("hội nghị quyết định", "decided by the meeting")
        )),
        Basis::Tied => parts.push(
            lang.pick("bằng điểm, chờ quyết định", "tied, awaiting a decision")
                .into(),
        ),
        Basis::Rank => {}
    }
    if let Some(b) = proposal.ballot {
        parts.push(match lang {
            Lang::Vi => format!(
                "bỏ phiếu vòng {}: {}/{} phiếu ({}%)",
                b.round,
                b.votes,
                b.base,
                b.percent().display(sep)
            ),
            Lang::En => format!(
                "ballot round {}: {}/{} votes ({}%)",
                b.round,
                b.votes,
                b.base,
                b.percent().display(sep)
            ),
        });
    }
    let _ = config;
    parts.join("; ")
}
