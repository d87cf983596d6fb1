//! Version 2 configs: trees with caps, item kinds, facts, own maxima, quorum and
//! fraction thresholds, through the session and the tally as the app drives them.

use super::config::{Compare, Config, ItemKind};
use super::event::{Actor, Event};
use super::points::Points;
use super::problem::{Issue, Lang};
use super::session::{EventError, Missing};
use super::tally::{Tally, ballot_passes};
use super::testkit::*;
use serde_json::{Value, json};

fn members(n: usize) -> Vec<Value> {
    (0..n)
        .map(
            |i| json!({"id": format!("m{i}"), "name": format!("Xã {i}"), "short": format!("X{i}")}),
        )
        .collect()
}

/// Three members; group I (cap 30) holds heading I.1 (cap 12) with a points item and
/// a heading I.1.a holding a per-occurrence count, then a pass/fail item; group II
/// holds a plus/minus item not assigned to m2 and a target item the chair enters.
fn tree_config() -> Value {
    json!({
        "format": "thidua.cluster/2",
        "cluster": {"id": "c347", "name": "Cụm 347", "organizer": "Công an tỉnh", "year": 2025, "member_label": "xã"},
        "members": members(3),
        "criteria": [
            {"id": "I", "name": "Nghiệp vụ", "cap": 30, "items": [
                {"id": "I.1", "name": "Phòng ngừa", "cap": 12, "items": [
                    {"id": "1", "name": "Kế hoạch", "max": 10, "step": 0.5},
                    {"id": "I.1.a", "name": "Mô hình", "items": [
                        {"id": "2", "name": "Mô hình mới", "kind": "per_occurrence", "rate": 0.5, "max": 5}
                    ]}
                ]},
                {"id": "3", "name": "Báo cáo đúng hạn", "kind": "pass_fail", "max": 4}
            ]},
            {"id": "II", "name": "Xây dựng lực lượng", "items": [
                {"id": "4", "name": "Khen, phê bình", "kind": "plus_minus", "bonus_rate": 1,
                 "penalty_rate": 0.5, "max_bonus": 3, "max": 5, "not_assigned": ["m2"]},
                {"id": "5", "name": "Chỉ tiêu tuần tra", "kind": "target", "formula": "relative_to_best",
                 "max": 10, "targets": {"m0": 100, "m1": 50, "m2": 0}}
            ]}
        ],
        "scoring": {"compare": "percent_of_own_max"},
        "classes": [
            {"id": "xs", "name": "Xuất sắc", "min": 90},
            {"id": "k", "name": "Khác", "min": 0}
        ],
        "meeting": {"quorum": "2/3"}
    })
}

fn load(value: &Value) -> Result<Config, super::problem::Problems> {
    Config::from_bytes(&serde_json::to_vec_pretty(value).unwrap())
}

fn score(s: &mut super::session::Session, scorer: usize, target: usize, cell: &str, v: i64) {
    apply(
        s,
        Actor::Member(id(scorer)),
        Event::Score {
            scorer: id(scorer),
            target: id(target),
            item: cell.into(),
            value: Some(Points(v)),
        },
    )
    .unwrap_or_else(|e| panic!("{cell}: {}", e.text(Lang::En)));
}

fn fact(s: &mut super::session::Session, member: usize, cell: &str, v: i64) {
    apply(
        s,
        Actor::Chair,
        Event::Fact {
            member: id(member),
            item: cell.into(),
            value: Some(Points(v)),
        },
    )
    .unwrap_or_else(|e| panic!("{cell}: {}", e.text(Lang::En)));
}

#[test]
fn a_tree_of_three_levels_loads_with_its_kinds_caps_and_cells() {
    let config = load(&tree_config()).unwrap();
    assert_eq!(config.version, 2);
    assert_eq!(config.item_count(), 5);
    let group = &config.groups[0];
    assert_eq!(group.headings.len(), 2);
    assert_eq!(group.headings[1].level, 3);
    assert_eq!(group.headings[1].parent, Some(0));
    assert_eq!(group.items[1].level, 4);
    let ids: Vec<&str> = config.cells.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4+", "4-", "5"]);
    assert!(
        config.cells[5].by_chair,
        "a target item is the chair's by default"
    );
    assert!(matches!(
        config.groups[1].items[1].kind,
        ItemKind::Target { .. }
    ));
    assert_eq!(config.scoring.compare, Compare::PercentOfOwnMax);
    // Group I: min(12, 10 + 5) + 4 = 16; group II: 5 + 10. m2 has no item 4.
    assert_eq!(config.own_max(0), Points(3100));
    assert_eq!(config.own_max(2), Points(2600));
}

#[test]
fn a_delegate_types_counts_and_the_sheet_turns_them_into_points() {
    let mut s = session(&tree_config());
    // m1 scores m0: 9 points, 3 new models (1.5), passed (4), 4 praises and 1
    // reprimand: min(4, 3) − 0.5 = 2.5.
    score(&mut s, 1, 0, "1", 900);
    score(&mut s, 1, 0, "2", 300);
    score(&mut s, 1, 0, "3", 100);
    score(&mut s, 1, 0, "4+", 400);
    score(&mut s, 1, 0, "4-", 100);
    let tally = Tally::compute(&s);
    let m0 = &tally.members[0];
    assert_eq!(
        m0.groups[0].display('.'),
        "0.00",
        "nothing counts before submitting"
    );
    // The sheet for m2 has no plus/minus cells: 3 cells fill it.
    let (filled, to_fill) = s.progress(1);
    assert_eq!((filled, to_fill), (5, 5 + 3));
    score(&mut s, 1, 2, "1", 1000);
    score(&mut s, 1, 2, "2", 2400); // 24 models: 12 points, capped at 5, then I.1 at 12
    score(&mut s, 1, 2, "3", 0);
    submit(&mut s, 1);
    let tally = Tally::compute(&s);
    assert_eq!(tally.members[0].groups[0].display('.'), "14.50");
    assert_eq!(tally.members[0].groups[1].display('.'), "2.50");
    assert_eq!(tally.members[2].groups[0].display('.'), "12.00");
    assert!(tally.is_provisional(), "facts for item 5 are missing");
    assert_eq!(tally.facts_missing, 3);
}

#[test]
fn a_delegate_cannot_score_what_the_chair_enters_or_what_does_not_apply() {
    let mut s = session(&tree_config());
    let attempt = |s: &mut super::session::Session, target: usize, item: &str| {
        apply(
            s,
            Actor::Member(id(1)),
            Event::Score {
                scorer: id(1),
                target: id(target),
                item: item.into(),
                value: Some(Points(100)),
            },
        )
    };
    assert_eq!(
        attempt(&mut s, 0, "5"),
        Err(EventError::EnteredByChair("5".into()))
    );
    assert!(matches!(
        attempt(&mut s, 2, "4+"),
        Err(EventError::NotAssigned { .. })
    ));
    // A count that is not a whole number is refused where it was typed.
    let half = apply(
        &mut s,
        Actor::Member(id(1)),
        Event::Score {
            scorer: id(1),
            target: id(0),
            item: "2".into(),
            value: Some(Points(250)),
        },
    );
    assert!(
        matches!(half, Err(EventError::BadPoints { .. })),
        "{half:?}"
    );
    // Only the chair enters facts.
    let by_delegate = apply(
        &mut s,
        Actor::Member(id(1)),
        Event::Fact {
            member: id(0),
            item: "5".into(),
            value: Some(Points(100)),
        },
    );
    assert_eq!(by_delegate, Err(EventError::ChairOnly));
}

#[test]
fn a_fact_entered_once_counts_on_every_sheet_and_the_best_ratio_gets_full_points() {
    let mut s = session(&tree_config());
    for scorer in 0..3 {
        for target in (0..3).filter(|&t| t != scorer) {
            score(&mut s, scorer, target, "1", 1000);
            score(&mut s, scorer, target, "2", 0);
            score(&mut s, scorer, target, "3", 100);
            if target != 2 {
                score(&mut s, scorer, target, "4+", 0);
                score(&mut s, scorer, target, "4-", 0);
            }
        }
        submit(&mut s, scorer);
    }
    // m0: 120 of 100 (ratio 1.2), m1: 55 of 50 (1.1), m2 no target, 30 done.
    fact(&mut s, 0, "5", 12_000);
    fact(&mut s, 1, "5", 5_500);
    let waiting = Tally::compute(&s);
    assert!(waiting.is_provisional());
    fact(&mut s, 2, "5", 3_000);
    let tally = Tally::compute(&s);
    assert!(!tally.is_provisional());
    // II: m0 10 (best), m1 5 + 5 × 0.1/0.2 = 7.5, m2 30/30 × 10 = 10.
    let group_two: Vec<String> = tally
        .members
        .iter()
        .map(|m| m.groups[1].display('.'))
        .collect();
    assert_eq!(group_two, ["10.00", "7.50", "10.00"]);
    // m2's own maximum leaves item 4 out: (10 + 0 + 4) + 10 = 24 of 26 → 92.31 %.
    let m2 = &tally.members[2];
    assert_eq!(m2.total.unwrap().display('.'), "24.00");
    assert_eq!(m2.percent.unwrap().display('.'), "92.31");
    // m0: 14 + 10 = 24 of 31 → 77.42 %: fewer points' share, ranked below m2.
    assert_eq!(tally.members[0].percent.unwrap().display('.'), "77.42");
    assert_eq!(tally.order[0], 2);
    assert_eq!(m2.class, Some(0));
}

#[test]
fn a_meeting_below_quorum_cannot_be_finalized_and_says_why() {
    let mut s = session(&tree_config());
    for m in [1, 2] {
        apply(
            &mut s,
            Actor::Chair,
            Event::Attendance {
                member: id(m),
                present: false,
            },
        )
        .unwrap();
    }
    assert_eq!(s.quorum(), Some((false, 2)));
    let refused = apply(&mut s, Actor::Chair, Event::Finalize).unwrap_err();
    let EventError::NotReady(missing) = &refused else {
        panic!("{refused:?}");
    };
    assert!(missing.contains(&Missing::Quorum {
        present: 1,
        needed: 2,
        members: 3
    }));
    assert!(
        refused.text(Lang::Vi).contains("chỉ có 1/3 đơn vị có mặt"),
        "{}",
        refused.text(Lang::Vi)
    );
}

#[test]
fn two_thirds_of_eleven_present_needs_eight_votes() {
    let mut value = config_json(12);
    value["commendations"] = json!([{"id": "co", "name": "Cờ", "max_count": 1,
        "ballot": {"threshold": "2/3", "base": "present", "strict": false}}]);
    value["format"] = json!("thidua.cluster/2");
    let config = load(&value).unwrap();
    let rule = config.commendations[0].ballot.unwrap();
    assert!(!ballot_passes(&rule, 7, 11));
    assert!(ballot_passes(&rule, 8, 11));
    // Exactly 2/3 passes with "at least", not with "more than".
    assert!(ballot_passes(&rule, 8, 12));
    let strict = super::config::BallotRule {
        strict: true,
        ..rule
    };
    assert!(!ballot_passes(&strict, 8, 12));
    assert!(ballot_passes(&strict, 9, 12));
}

#[test]
fn a_ballot_everyone_must_vote_in_waits_for_every_vote() {
    let mut value = config_json(4);
    value["format"] = json!("thidua.cluster/2");
    value["commendations"] = json!([{"id": "co", "name": "Cờ", "max_count": 1,
        "ballot": {"threshold": "1/2", "all_must_vote": true}}]);
    let mut s = scored(&value, &vec![vec![2000, 2500, 1500, 1000]; 4]);
    let ballot = |valid: u32| Event::Ballot {
        commendation: "co".into(),
        round: 1,
        issued: 4,
        valid,
        votes: [(id(1), valid)].into_iter().collect(),
    };
    apply(&mut s, Actor::Chair, ballot(3)).unwrap();
    let waiting = Tally::compute(&s);
    assert_eq!(
        waiting.commendations[0].proposals[0].status,
        super::tally::ProposalStatus::AwaitingBallot
    );
    apply(&mut s, Actor::Chair, ballot(4)).unwrap();
    let counted = Tally::compute(&s);
    assert_eq!(
        counted.commendations[0].proposals[0].status,
        super::tally::ProposalStatus::Proposed
    );
}

fn problems_of(value: &Value) -> Vec<(String, Issue)> {
    load(value)
        .unwrap_err()
        .0
        .into_iter()
        .map(|p| (p.path, p.issue))
        .collect()
}

#[test]
fn a_version_two_field_in_a_version_one_file_names_the_fix() {
    let mut value = config_json(3);
    value["criteria"][0]["items"][0]["kind"] = json!("pass_fail");
    value["meeting"] = json!({"quorum": "2/3"});
    let problems = problems_of(&value);
    assert!(problems.contains(&("criteria[0].items[0].kind".into(), Issue::NeedsVersion2)));
    assert!(problems.contains(&("meeting".into(), Issue::NeedsVersion2)));
}

#[test]
fn bad_kinds_fractions_and_trees_are_refused_with_their_place() {
    let mut value = tree_config();
    value["criteria"][0]["items"][0]["items"][1]["items"][0]["max"] = json!(0.25);
    value["criteria"][1]["items"][0]["not_assigned"] = json!(["m9"]);
    value["criteria"][1]["items"][1]["targets"]["m1"] = json!(-5);
    value["meeting"]["quorum"] = json!("3/2");
    let problems = problems_of(&value);
    let has = |path: &str, issue: &Issue| problems.iter().any(|(p, i)| p == path && i == issue);
    assert!(
        has(
            "criteria[0].items[0].items[1].items[0].max",
            &Issue::CapBelowRate { rate: "0.5".into() }
        ),
        "{problems:?}"
    );
    assert!(has(
        "criteria[1].items[0].not_assigned[0]",
        &Issue::UnknownMember { id: "m9".into() }
    ));
    assert!(has("criteria[1].items[1].targets.m1", &Issue::Quantity));
    assert!(has("meeting.quorum", &Issue::BadFraction));
    // A relative formula typed by every scorer would give each sheet its own best.
    let mut by_scorers = tree_config();
    by_scorers["criteria"][1]["items"][1]["entered_by"] = json!("scorers");
    assert!(
        problems_of(&by_scorers)
            .iter()
            .any(|(_, i)| *i == Issue::MustBeEnteredByChair)
    );
}

#[test]
fn a_tree_deeper_than_the_limit_is_refused() {
    let mut entry = json!({"id": "leaf", "name": "Lá", "max": 1, "step": 1});
    for depth in 0..super::config_tree::MAX_LEVELS {
        entry = json!({"id": format!("h{depth}"), "name": "Mục", "items": [entry]});
    }
    let mut value = tree_config();
    value["criteria"][0]["items"] = json!([entry]);
    assert!(
        problems_of(&value)
            .iter()
            .any(|(_, i)| *i == Issue::TreeTooDeep { limit: 8 }),
        "{:?}",
        problems_of(&value)
    );
}

#[test]
fn version_one_configs_tally_as_before_through_the_version_two_code() {
    // A sheet total is the sum of typed points, as always.
    let s = scored(&config_json(3), &vec![vec![2500, 2000, 1500]; 3]);
    let tally = Tally::compute(&s);
    assert_eq!(tally.members[0].total.unwrap().display('.'), "25.00");
    assert_eq!(tally.members[0].standing, tally.members[0].total);
    assert_eq!(tally.members[0].percent, None);
    assert_eq!(s.config().own_max(0), Points(3000));
}

#[test]
fn a_count_that_is_not_whole_is_refused_from_a_sheet_a_facts_file_and_an_event() {
    use super::points::PointsError;
    let config = load(&tree_config()).unwrap();
    let sheet = json!({
        "format": "thidua.sheet/1",
        "config_sha256": config.sha256,
        "scorer": "m1",
        "scores": {
            "m0": {"1": 9, "2": 2.5, "3": 1, "4+": 1, "4-": 0},
            "m2": {"1": 9, "2": 2, "3": 1}
        },
        "submitted_at": "2025-12-18T09:00:00+07:00"
    });
    let problems = super::sheet::Sheet::from_bytes(sheet.to_string().as_bytes(), &config)
        .unwrap_err()
        .0;
    assert!(
        problems.iter().any(|p| p.path == "scores[\"m0\"][\"2\"]"
            && p.issue == Issue::Points(PointsError::NotWhole)),
        "{problems:?}"
    );
    assert!(
        problems[0]
            .text(Lang::Vi)
            .contains("số lần phải là số nguyên"),
        "{}",
        problems[0].text(Lang::Vi)
    );
    // A pass/fail mark other than 1 or 0, and a figure on an item every delegate
    // scores, in a facts file.
    let facts = json!({
        "format": "thidua.facts/1",
        "config_sha256": config.sha256,
        "facts": {"m0": {"5": 120.5, "2": 3}}
    });
    let problems = super::facts::Facts::from_bytes(facts.to_string().as_bytes(), &config)
        .unwrap_err()
        .0;
    assert!(
        problems.iter().any(|p| p.issue == Issue::NotAFact),
        "{problems:?}"
    );
    assert!(
        problems.len() == 1,
        "an actual may have decimals: {problems:?}"
    );
    let mut s = session(&tree_config());
    let mark = apply(
        &mut s,
        Actor::Member(id(1)),
        Event::Score {
            scorer: id(1),
            target: id(0),
            item: "3".into(),
            value: Some(Points(50)),
        },
    );
    assert!(matches!(
        mark,
        Err(EventError::BadPoints {
            error: PointsError::NotPassFail,
            ..
        })
    ));
}
