//! The results document (`thidua.results/1`): what goes to the city Front.

use crate::model::Session;
use crate::model::config::{Aggregate, BallotBase, Compare, SelfRule, TieBreak};
use crate::model::exact::{Exact, Rounded};
use crate::model::tally::{Basis, Tally};
use crate::text::Lang;
use crate::text::export::X;
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
    with_digest(document_body(session, tally, session_head))
}

/// The document's own SHA-256 over its canonical form without the `digest` field:
/// any edit by hand changes it.
pub fn digest_of(doc: &Value) -> String {
    let mut body = doc.clone();
    if let Some(map) = body.as_object_mut() {
        map.shift_remove("digest");
    }
    crate::model::config::sha256_hex(serde_json::to_string(&body).unwrap_or_default().as_bytes())
}

fn with_digest(mut doc: Value) -> Value {
    let digest = digest_of(&doc);
    if let Some(map) = doc.as_object_mut() {
        map.insert("digest".into(), Value::String(digest));
    }
    doc
}

fn document_body(session: &Session, tally: &Tally, session_head: &str) -> Value {
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
            let mut member = json!({
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
            });
            // Version 1 documents stay exactly as they were.
            if config.version >= 2 {
                member["own_max"] = decimal(Exact::whole(r.own_max).round(decimals));
                if config.scoring.compare == Compare::PercentOfOwnMax {
                    member["percent"] = opt_decimal(r.percent);
                }
            }
            member
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
            let mut ballot = json!({
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
            });
            // A fraction is the rule itself; the percent beside it is rounded down.
            if let Some(fraction) = rule.ballot.and_then(|r| r.fraction) {
                ballot["threshold"] = json!(fraction.text());
            }
            ballot
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

/// Size limit for a results document (it grows with the members).
pub const MAX_RESULTS_BYTES: usize = 32 * 1024 * 1024;

/// Why a results document cannot be trusted, or how it differs from the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResultsProblem {
    /// What the JSON reader said.
    Unreadable(String),
    TooLarge,
    NotUtf8,
    NotResults,
    NoDigest,
    Edited,
    Differs {
        path: String,
        file: String,
        meeting: String,
    },
    OtherMeeting,
    AheadOfMeeting {
        events: u64,
        meeting: u64,
    },
}

impl ResultsProblem {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ResultsProblem::Unreadable(e) => X::ResultsUnreadable.fill(lang, &[e]),
            ResultsProblem::TooLarge => {
                X::ResultsUnreadable.fill(lang, &[&X::ResultsTooLarge.get(lang)])
            }
            ResultsProblem::NotUtf8 => {
                X::ResultsUnreadable.fill(lang, &[&X::ResultsNotUtf8.get(lang)])
            }
            ResultsProblem::NotResults => X::NotResults.get(lang).into(),
            ResultsProblem::NoDigest => X::NoDigest.get(lang).into(),
            ResultsProblem::Edited => X::Edited.get(lang).into(),
            ResultsProblem::Differs {
                path,
                file,
                meeting,
            } => X::Differs.fill(lang, &[path, file, meeting]),
            ResultsProblem::OtherMeeting => X::OtherMeeting.get(lang).into(),
            ResultsProblem::AheadOfMeeting { events, meeting } => {
                X::AheadOfMeeting.fill(lang, &[events, meeting])
            }
        }
    }
}

/// Reads a results document and checks its own digest.
pub fn read_results(bytes: &[u8]) -> Result<Value, Vec<ResultsProblem>> {
    if bytes.len() > MAX_RESULTS_BYTES {
        return Err(vec![ResultsProblem::TooLarge]);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| vec![ResultsProblem::NotUtf8])?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        vec![ResultsProblem::Unreadable(format!(
            "{}:{}: {e}",
            e.line(),
            e.column()
        ))]
    })?;
    if doc.get("format").and_then(Value::as_str) != Some(RESULTS_FORMAT) {
        return Err(vec![ResultsProblem::NotResults]);
    }
    match doc.get("digest").and_then(Value::as_str) {
        None => Err(vec![ResultsProblem::NoDigest]),
        Some(d) if d != digest_of(&doc) => Err(vec![ResultsProblem::Edited]),
        Some(_) => Ok(doc),
    }
}

fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}

/// Every place where two documents differ, up to `limit`.
pub fn differences(
    file: &Value,
    meeting: &Value,
    path: &str,
    out: &mut Vec<ResultsProblem>,
    limit: usize,
) {
    if out.len() >= limit || file == meeting {
        return;
    }
    match (file, meeting) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, av) in a {
                let p = crate::model::reader::join(path, key);
                match b.get(key) {
                    Some(bv) => differences(av, bv, &p, out, limit),
                    None => out.push(ResultsProblem::Differs {
                        path: p,
                        file: short(av),
                        meeting: "—".into(),
                    }),
                }
            }
            for (key, bv) in b {
                if !a.contains_key(key) && out.len() < limit {
                    out.push(ResultsProblem::Differs {
                        path: crate::model::reader::join(path, key),
                        file: "—".into(),
                        meeting: short(bv),
                    });
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (av, bv)) in a.iter().zip(b).enumerate() {
                differences(av, bv, &crate::model::reader::index(path, i), out, limit);
            }
        }
        _ => out.push(ResultsProblem::Differs {
            path: path.to_string(),
            file: short(file),
            meeting: short(meeting),
        }),
    }
}

/// Compares a results document with what the meeting gives at the same event.
/// `at` builds the session and chain head after a given number of events.
pub fn compare_with_meeting(
    doc: &Value,
    config_sha256: &str,
    meeting_events: u64,
    at: impl FnOnce(u64) -> Option<(Session, String)>,
) -> Vec<ResultsProblem> {
    if doc.get("config_sha256").and_then(Value::as_str) != Some(config_sha256) {
        return vec![ResultsProblem::OtherMeeting];
    }
    let events = doc
        .get("events")
        .and_then(Value::as_u64)
        .unwrap_or(u64::MAX);
    if events > meeting_events {
        return vec![ResultsProblem::AheadOfMeeting {
            events,
            meeting: meeting_events,
        }];
    }
    let Some((session, head)) = at(events) else {
        return vec![ResultsProblem::OtherMeeting];
    };
    let expected = results_document(&session, &Tally::compute(&session), &head);
    let mut out = Vec::new();
    // The generator line may differ between versions; everything else must match.
    let strip = |v: &Value| {
        let mut v = v.clone();
        if let Some(m) = v.as_object_mut() {
            m.shift_remove("generator");
            m.shift_remove("digest");
        }
        v
    };
    differences(&strip(doc), &strip(&expected), "", &mut out, 20);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_of_events_agrees_with_its_number() {
        let problem = |events| ResultsProblem::AheadOfMeeting { events, meeting: 0 };
        assert_eq!(
            problem(1).text(Lang::En),
            "the results count 1 event but the meeting file has only 0"
        );
        assert_eq!(
            problem(3).text(Lang::En),
            "the results count 3 events but the meeting file has only 0"
        );
        assert_eq!(
            ResultsProblem::TooLarge.text(Lang::Vi),
            "không đọc được tệp kết quả: tệp quá lớn"
        );
    }
}
