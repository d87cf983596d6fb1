//! The results document (`thidua.results/1`): what goes to the city Front.

use crate::model::Session;
use crate::model::config::{Aggregate, BallotBase, SelfRule, TieBreak};
use crate::model::exact::Rounded;
use crate::model::tally::{Basis, Tally};
use serde_json::{Value, json};

pub const RESULTS_FORMAT: &str = "thidua.results/1";

fn decimal(r: Rounded) -> Value {
    Value::String(r.display('.'))
}

fn opt_decimal(r: Option<Rounded>) -> Value {
    r.map_or(Value::Null, decimal)
}

pub fn tie_break_code(key: TieBreak, session: &Session) -> String {
    match key {
        TieBreak::Group(g) => format!("group:{}", session.config().groups[g].id),
        TieBreak::Bonus => "bonus".into(),
        TieBreak::Deductions => "deductions".into(),
        TieBreak::Ballot => "ballot".into(),
    }
}

fn basis(b: &Basis, session: &Session) -> Value {
    match b {
        Basis::Rank => json!({"by": "rank"}),
        Basis::TieBrokenBy(key) => json!({"by": "tie_break", "key": tie_break_code(*key, session)}),
        Basis::ChairDecision(reason) => json!({"by": "decision", "reason": reason}),
        Basis::Tied => json!({"by": "tied"}),
    }
}

/// Builds the document from a session, its tally and the chain head it vouches for.
pub fn results_document(session: &Session, tally: &Tally, session_head: &str) -> Value {
    let config = session.config();
    let id = |m: usize| config.members[m].id.clone();
    let decimals = config.scoring.decimals;
    let members: Vec<Value> = tally
        .order
        .iter()
        .map(|&m| {
            let r = &tally.members[m];
            let info = &config.members[m];
            let groups: serde_json::Map<String, Value> = config
                .groups
                .iter()
                .zip(&r.groups)
                .map(|(g, v)| (g.id.clone(), decimal(*v)))
                .collect();
            json!({
                "id": info.id,
                "name": info.name,
                "short": info.short,
                "rank": r.rank,
                "total": opt_decimal(r.total),
                "class": r.class.map(|c| config.classes[c].id.clone()),
                "class_name": r.class.map(|c| config.classes[c].name.clone()),
                "sheets_counted": r.sheets_counted,
                "sheets_expected": r.sheets_expected,
                "groups": groups,
                "bonus": decimal(r.bonus),
                "deductions": decimal(r.deductions),
                "self_total": opt_decimal(r.self_total),
            })
        })
        .collect();
    let commendations: Vec<Value> = config
        .commendations
        .iter()
        .zip(&tally.commendations)
        .map(|(rule, result)| {
            let proposals: Vec<Value> = result
                .proposals
                .iter()
                .map(|p| {
                    json!({
                        "member": id(p.member),
                        "status": p.status.code(),
                        "basis": basis(&p.basis, session),
                        "ballot": p.ballot.map(|b| json!({
                            "round": b.round,
                            "votes": b.votes,
                            "base": b.base,
                            "percent": decimal(b.percent()),
                            "passed": b.passed,
                        })),
                    })
                })
                .collect();
            json!({
                "id": rule.id,
                "name": rule.name,
                "quota": result.quota,
                "open_seats": result.open_seats,
                "proposals": proposals,
            })
        })
        .collect();
    let ballots: Vec<Value> = session
        .ballots
        .iter()
        .map(|b| {
            let votes: serde_json::Map<String, Value> =
                b.votes.iter().map(|(m, v)| (id(*m), json!(v))).collect();
            let rule = &config.commendations[b.commendation];
            json!({
                "commendation": rule.id,
                "round": b.round,
                "issued": b.issued,
                "valid": b.valid,
                "votes": votes,
                "threshold_percent": rule.ballot.map(|r| r.threshold.display('.')),
                "strict": rule.ballot.map(|r| r.strict),
                "base": rule.ballot.map(|r| match r.base {
                    BallotBase::Present => "present",
                    BallotBase::Members => "members",
                    BallotBase::Valid => "valid",
                }),
            })
        })
        .collect();
    let decisions: Vec<Value> = session
        .decisions
        .iter()
        .map(|d| {
            json!({
                "commendation": config.commendations[d.commendation].id,
                "chosen": d.chosen.iter().map(|&m| id(m)).collect::<Vec<_>>(),
                "reason": d.reason,
            })
        })
        .collect();
    let present: Vec<String> = (0..config.members.len())
        .filter(|&m| session.is_present(m))
        .map(id)
        .collect();
    json!({
        "format": RESULTS_FORMAT,
        "generator": concat!("thidua ", env!("CARGO_PKG_VERSION")),
        "status": if session.finalized { "final" } else { "provisional" },
        "config_sha256": config.sha256,
        "session_head": session_head,
        "events": session.event_count(),
        "cluster": {
            "id": config.cluster.id,
            "name": config.cluster.name,
            "organizer": config.cluster.organizer,
            "year": config.cluster.year,
            "member_label": config.cluster.member_label,
        },
        "meeting": session.meeting.as_ref().map(|m| json!({
            "date": m.date,
            "place": m.place,
            "chair": m.chair,
            "secretary": m.secretary,
        })),
        "present": present,
        "scoring": {
            "self": match config.scoring.self_rule {
                SelfRule::Exclude => "exclude",
                SelfRule::Include => "include",
                SelfRule::Separate => "separate",
            },
            "aggregate": match config.scoring.aggregate {
                Aggregate::Mean => "mean",
                Aggregate::TrimmedMean => "trimmed_mean",
                Aggregate::Median => "median",
            },
            "trim": config.scoring.trim,
            "decimals": decimals,
        },
        "sheets": {
            "submitted": tally.sheets_submitted,
            "expected": tally.sheets_expected,
        },
        "members": members,
        "commendations": commendations,
        "ballots": ballots,
        "decisions": decisions,
        "next_year": session.next_year.map(|(h, d)| json!({"head": id(h), "deputy": id(d)})),
    })
}
