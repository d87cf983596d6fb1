//! The tally's rules, one test each, and properties over random meetings.

use super::config::TieBreak;
use super::event::{Actor, Event};
use super::exact::Exact;
use super::exact::Rounded;
use super::tally::{Basis, KeyValue, ProposalStatus, Tally, TieStanding};
use super::testkit::*;
use proptest::prelude::*;
use serde_json::{Value, json};

const X: i64 = 0; // a cell a scorer does not fill (its own row under `exclude`)

fn totals(t: &Tally) -> Vec<String> {
    t.members
        .iter()
        .map(|m| m.total.map_or("-".into(), |r| r.to_string()))
        .collect()
}

fn ranks(t: &Tally) -> Vec<Option<u32>> {
    t.members.iter().map(|m| m.rank).collect()
}

fn with(mut cfg: Value, key: &str, value: Value) -> Value {
    cfg[key] = value;
    cfg
}

fn scoring(self_rule: &str, aggregate: &str, trim: u32, decimals: u32) -> Value {
    json!({"self": self_rule, "aggregate": aggregate, "trim": trim, "decimals": decimals})
}

#[test]
fn mean_of_other_members_sheets_ranks_and_classifies() {
    let s = scored(
        &config_json(3),
        &[
            vec![X, 2500, 2000],
            vec![2600, X, 2100],
            vec![2700, 2400, X],
        ],
    );
    let t = Tally::compute(&s);
    assert_eq!(totals(&t), ["26.50", "24.50", "20.50"]);
    assert_eq!(ranks(&t), [Some(1), Some(2), Some(3)]);
    let classes: Vec<_> = t.members.iter().map(|m| m.class).collect();
    assert_eq!(classes, [Some(0), Some(1), Some(1)]);
    assert_eq!(t.members[0].sheets_counted, 2);
    assert_eq!(t.members[0].sheets_expected, 2);
    assert!(!t.is_provisional());
    assert_eq!(t.order, [0, 1, 2]);
}

#[test]
fn self_rule_include_counts_own_sheet() {
    let cfg = with(config_json(3), "scoring", scoring("include", "mean", 0, 2));
    let s = scored(
        &cfg,
        &[
            vec![3000, 2500, 2000],
            vec![2600, 2500, 2100],
            vec![2700, 2400, 2000],
        ],
    );
    let t = Tally::compute(&s);
    // (30 + 26 + 27) / 3 = 27.666… → 27.67
    assert_eq!(totals(&t)[0], "27.67");
    assert_eq!(t.members[0].sheets_counted, 3);
    assert_eq!(t.members[0].self_total, None);
}

#[test]
fn self_rule_separate_shows_own_score_beside() {
    let cfg = with(config_json(3), "scoring", scoring("separate", "mean", 0, 2));
    let s = scored(
        &cfg,
        &[
            vec![3000, 2500, 2000],
            vec![2600, 2500, 2100],
            vec![2700, 2400, 2000],
        ],
    );
    let t = Tally::compute(&s);
    assert_eq!(totals(&t)[0], "26.50");
    assert_eq!(t.members[0].self_total.unwrap().to_string(), "30.00");
    assert_eq!(t.members[0].sheets_counted, 2);
}

#[test]
fn trimmed_mean_drops_the_later_scorers_sheet_among_equals() {
    let cfg = with(
        config_json(6),
        "scoring",
        scoring("exclude", "trimmed_mean", 1, 2),
    );
    let mut s = session(&cfg);
    // Sheets for m0: m1 20, m2 25 (groups 20+5), m3 25 (groups 15+10), m4 15, m5 15.
    fill(&mut s, 1, 0, [1000, 1000, 0, 0, 0]);
    fill(&mut s, 2, 0, [1000, 1000, 500, 0, 0]);
    fill(&mut s, 3, 0, [500, 1000, 1000, 0, 0]);
    fill(&mut s, 4, 0, [1000, 500, 0, 0, 0]);
    fill(&mut s, 5, 0, [1000, 500, 0, 0, 0]);
    for scorer in 0..6 {
        for target in 1..6 {
            if scorer != target {
                give(&mut s, scorer, target, 2000);
            }
        }
        submit(&mut s, scorer);
    }
    let t = Tally::compute(&s);
    let m0 = &t.members[0];
    // Highest: m2 and m3 tie at 25, m3 (later) dropped; lowest: m4 and m5 tie, m5
    // dropped. Kept m1, m2, m4: total 60/3 = 20, group 1 = 55/3, group 2 = 5/3.
    assert_eq!(m0.total.unwrap().to_string(), "20.00");
    assert_eq!(m0.groups[0].to_string(), "18.33");
    assert_eq!(m0.groups[1].to_string(), "1.67");
    assert_eq!(m0.kept.sheets, 3);
    assert_eq!(m0.sheets_counted, 5);
}

#[test]
fn trimmed_mean_with_too_few_sheets_is_the_plain_mean() {
    let cfg = with(
        config_json(3),
        "scoring",
        scoring("exclude", "trimmed_mean", 1, 2),
    );
    let s = scored(
        &cfg,
        &[
            vec![X, 2500, 2000],
            vec![2600, X, 2100],
            vec![2700, 2400, X],
        ],
    );
    let t = Tally::compute(&s);
    assert_eq!(totals(&t), ["26.50", "24.50", "20.50"]);
    assert_eq!(t.members[0].kept.sheets, 2);
}

#[test]
fn median_of_sheet_totals() {
    let cfg = with(
        config_json(5),
        "scoring",
        scoring("exclude", "median", 0, 2),
    );
    let mut rows = vec![vec![2000; 5]; 5];
    rows[1][0] = 2000;
    rows[2][0] = 2600;
    rows[3][0] = 2400;
    rows[4][0] = 2200;
    let t = Tally::compute(&scored(&cfg, &rows));
    // Even count: the mean of the middle two, (22 + 24) / 2.
    assert_eq!(totals(&t)[0], "23.00");

    let cfg = with(
        config_json(4),
        "scoring",
        scoring("exclude", "median", 0, 2),
    );
    let mut rows = vec![vec![2000; 4]; 4];
    rows[1][0] = 2000;
    rows[2][0] = 2900;
    rows[3][0] = 2100;
    assert_eq!(totals(&Tally::compute(&scored(&cfg, &rows)))[0], "21.00");
}

#[test]
fn bonus_adds_and_deductions_subtract() {
    let mut s = session(&config_json(2));
    fill(&mut s, 0, 1, [1000, 1000, 500, 300, 150]);
    fill(&mut s, 1, 0, [1000, 1000, 500, 0, 0]);
    submit(&mut s, 0);
    submit(&mut s, 1);
    let t = Tally::compute(&s);
    assert_eq!(t.members[1].total.unwrap().to_string(), "26.50");
    assert_eq!(t.members[1].bonus.to_string(), "3.00");
    assert_eq!(t.members[1].deductions.to_string(), "1.50");
    assert_eq!(t.members[1].groups[0].to_string(), "20.00");
}

#[test]
fn ranks_use_the_rounded_totals_people_see() {
    let cfg = with(config_json(3), "scoring", scoring("exclude", "mean", 0, 0));
    // m0: (26 + 27) / 2 = 26.5 → 27; m1: (26.5 + 27) / 2 = 26.75 → 27.
    let s = scored(
        &cfg,
        &[
            vec![X, 2650, 1000],
            vec![2600, X, 1000],
            vec![2700, 2700, X],
        ],
    );
    let t = Tally::compute(&s);
    assert_eq!(totals(&t), ["27", "27", "10"]);
    assert_eq!(ranks(&t), [Some(1), Some(1), Some(3)]);
}

#[test]
fn competition_ranking_skips_after_ties() {
    let rows = vec![
        vec![X, 2500, 2500, 2000],
        vec![2800, X, 2500, 2000],
        vec![2800, 2500, X, 2000],
        vec![2800, 2500, 2500, X],
    ];
    let t = Tally::compute(&scored(&config_json(4), &rows));
    assert_eq!(ranks(&t), [Some(1), Some(2), Some(2), Some(4)]);
}

#[test]
fn provisional_until_every_present_delegate_submits() {
    let mut s = session(&config_json(3));
    give(&mut s, 0, 1, 2000);
    give(&mut s, 0, 2, 2000);
    submit(&mut s, 0);
    let t = Tally::compute(&s);
    assert!(t.is_provisional());
    assert_eq!((t.sheets_submitted, t.sheets_expected), (1, 3));
    assert_eq!(t.sheets_missing(), 2);
    assert_eq!(t.members[0].total, None, "nobody has scored m0 yet");
    assert_eq!(t.members[0].rank, None);
    assert_eq!(t.members[1].sheets_counted, 1);
    assert_eq!(t.members[1].sheets_expected, 2);
    // An absent delegate is not expected.
    apply(
        &mut s,
        Actor::Chair,
        Event::Attendance {
            member: id(2),
            present: false,
        },
    )
    .unwrap();
    let t = Tally::compute(&s);
    assert_eq!((t.sheets_submitted, t.sheets_expected), (1, 2));
    assert_eq!(t.members[1].sheets_expected, 1);
}

fn commendations(list: Value) -> Value {
    with(config_json(4), "commendations", list)
}

/// Four members with clearly separated totals 28, 26, 24, 22 (all class A or B).
fn four_ranked(cfg: &Value) -> super::session::Session {
    let rows: Vec<Vec<i64>> = (0..4).map(|_| vec![2800, 2600, 2400, 2200]).collect();
    scored(cfg, &rows)
}

fn proposed(t: &Tally, c: usize) -> Vec<(usize, ProposalStatus)> {
    t.commendations[c]
        .proposals
        .iter()
        .map(|p| (p.member, p.status))
        .collect()
}

#[test]
fn quotas_by_count_and_percent_the_smaller_wins() {
    let cfg = commendations(json!([
        {"id": "k", "name": "Bằng khen", "max_count": 3, "max_percent": 50}
    ]));
    let t = Tally::compute(&four_ranked(&cfg));
    // floor(50% × 4) = 2 < 3.
    assert_eq!(t.commendations[0].quota, 2);
    assert_eq!(
        proposed(&t, 0),
        [(0, ProposalStatus::Proposed), (1, ProposalStatus::Proposed)]
    );
    let cfg = commendations(json!([{"id": "k", "name": "Bằng khen", "max_percent": 30}]));
    // floor(30% × 4) = floor(1.2) = 1.
    assert_eq!(Tally::compute(&four_ranked(&cfg)).commendations[0].quota, 1);
}

#[test]
fn one_commendation_per_member_first_in_list_order() {
    let cfg = commendations(json!([
        {"id": "co", "name": "Cờ", "max_count": 1},
        {"id": "k", "name": "Bằng khen", "max_count": 2}
    ]));
    let t = Tally::compute(&four_ranked(&cfg));
    assert_eq!(proposed(&t, 0), [(0, ProposalStatus::Proposed)]);
    assert_eq!(
        proposed(&t, 1),
        [(1, ProposalStatus::Proposed), (2, ProposalStatus::Proposed)]
    );
    assert_eq!(t.commendation_of(2).map(|(c, _)| c), Some(1));
    assert_eq!(t.commendation_of(3), None);
}

#[test]
fn min_class_limits_who_is_eligible() {
    let cfg =
        commendations(json!([{"id": "k", "name": "Bằng khen", "max_count": 3, "min_class": "A"}]));
    let t = Tally::compute(&four_ranked(&cfg));
    // Only 28 and 26 reach class A (≥ 25).
    assert_eq!(
        proposed(&t, 0),
        [(0, ProposalStatus::Proposed), (1, ProposalStatus::Proposed)]
    );
}

fn flag_with_ballot(strict: bool, base: &str, threshold: f64) -> Value {
    commendations(json!([
        {"id": "co", "name": "Cờ", "max_count": 1,
         "ballot": {"threshold_percent": threshold, "strict": strict, "base": base}},
        {"id": "k", "name": "Bằng khen", "max_count": 1}
    ]))
}

fn ballot(
    s: &mut super::session::Session,
    round: u32,
    issued: u32,
    valid: u32,
    votes: &[(usize, u32)],
) {
    apply(
        s,
        Actor::Chair,
        Event::Ballot {
            commendation: "co".into(),
            round,
            issued,
            valid,
            votes: votes.iter().map(|(m, v)| (id(*m), *v)).collect(),
        },
    )
    .unwrap();
}

#[test]
fn a_ballot_is_awaited_then_decides() {
    let mut s = four_ranked(&flag_with_ballot(true, "present", 50.0));
    let t = Tally::compute(&s);
    assert_eq!(proposed(&t, 0), [(0, ProposalStatus::AwaitingBallot)]);
    // Awaiting a ballot still holds the seat: the next commendation goes to m1.
    assert_eq!(proposed(&t, 1), [(1, ProposalStatus::Proposed)]);

    // 3 of 4 present is 75% > 50%.
    ballot(&mut s, 1, 4, 4, &[(0, 3)]);
    let t = Tally::compute(&s);
    assert_eq!(proposed(&t, 0), [(0, ProposalStatus::Proposed)]);
    let outcome = t.commendations[0].proposals[0].ballot.unwrap();
    assert_eq!((outcome.votes, outcome.base, outcome.passed), (3, 4, true));
    assert_eq!(outcome.percent().to_string(), "75.00");
}

#[test]
fn strict_threshold_fails_at_exactly_the_line_and_the_member_moves_on() {
    let mut s = four_ranked(&flag_with_ballot(true, "present", 50.0));
    ballot(&mut s, 1, 4, 4, &[(0, 2)]);
    let t = Tally::compute(&s);
    assert_eq!(proposed(&t, 0), [(0, ProposalStatus::BallotFailed)]);
    // A failed ballot frees the member for the next commendation.
    assert_eq!(proposed(&t, 1), [(0, ProposalStatus::Proposed)]);

    let mut s = four_ranked(&flag_with_ballot(false, "present", 50.0));
    ballot(&mut s, 1, 4, 4, &[(0, 2)]);
    assert_eq!(
        proposed(&Tally::compute(&s), 0),
        [(0, ProposalStatus::Proposed)]
    );
}

#[test]
fn ballot_base_present_members_or_valid() {
    // 4 members, one absent: 3 present; 2 valid ballots of 3 issued; 2 votes.
    for (base, passes) in [("present", true), ("members", false), ("valid", true)] {
        let cfg = flag_with_ballot(true, base, 60.0);
        let mut s = session(&cfg);
        apply(
            &mut s,
            Actor::Chair,
            Event::Attendance {
                member: id(3),
                present: false,
            },
        )
        .unwrap();
        for scorer in 0..3 {
            for (target, total) in [2800, 2600, 2400, 2200].into_iter().enumerate() {
                if scorer != target {
                    give(&mut s, scorer, target, total);
                }
            }
            submit(&mut s, scorer);
        }
        ballot(&mut s, 1, 3, 2, &[(0, 2)]);
        let t = Tally::compute(&s);
        let outcome = t.commendations[0].proposals[0].ballot.unwrap();
        // present: 2/3 = 66.67% > 60; members: 2/4 = 50%; valid: 2/2 = 100%.
        assert_eq!(outcome.passed, passes, "base {base}");
    }
}

#[test]
fn a_second_round_replaces_the_first() {
    let mut s = four_ranked(&flag_with_ballot(true, "present", 50.0));
    ballot(&mut s, 1, 4, 4, &[(0, 2)]);
    ballot(&mut s, 2, 4, 4, &[(0, 3)]);
    let t = Tally::compute(&s);
    assert_eq!(proposed(&t, 0), [(0, ProposalStatus::Proposed)]);
    assert_eq!(t.commendations[0].proposals[0].ballot.unwrap().round, 2);
}

/// m0 and m1 tie on top; each scorer fills their rows with the given cells.
fn tied_pair(cfg: &Value, m0: [i64; 5], m1: [i64; 5]) -> super::session::Session {
    let mut s = session(cfg);
    for scorer in 0..4 {
        for target in 0..4 {
            if scorer == target {
                continue;
            }
            match target {
                0 => fill(&mut s, scorer, 0, m0),
                1 => fill(&mut s, scorer, 1, m1),
                _ => give(&mut s, scorer, target, 1500),
            }
        }
        submit(&mut s, scorer);
    }
    s
}

fn one_seat(tie_break: Value) -> Value {
    let mut cfg = commendations(json!([
        {"id": "k", "name": "Bằng khen", "max_count": 1},
        {"id": "gk", "name": "Giấy khen", "max_count": 1}
    ]));
    cfg["tie_break"] = tie_break;
    cfg
}

#[test]
fn tie_broken_by_a_group_subtotal() {
    let cfg = one_seat(json!(["group:1", "bonus"]));
    let s = tied_pair(&cfg, [1000, 1000, 500, 0, 0], [1000, 500, 1000, 0, 0]);
    let t = Tally::compute(&s);
    assert_eq!(ranks(&t)[..2], [Some(1), Some(1)]);
    let p = &t.commendations[0].proposals;
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].member, 0);
    assert_eq!(p[0].basis, Basis::TieBrokenBy(TieBreak::Group(0)));
    assert_eq!(proposed(&t, 1), [(1, ProposalStatus::Proposed)]);
}

#[test]
fn tie_broken_by_bonus_then_by_fewer_deductions() {
    let cfg = one_seat(json!(["group:1", "bonus", "deductions"]));
    let s = tied_pair(&cfg, [1000, 1000, 0, 500, 0], [1000, 1000, 500, 0, 0]);
    let p = &Tally::compute(&s).commendations[0].proposals;
    assert_eq!(
        (p[0].member, &p[0].basis),
        (0, &Basis::TieBrokenBy(TieBreak::Bonus))
    );

    let s = tied_pair(&cfg, [1000, 1000, 500, 0, 0], [1000, 1000, 1000, 0, 500]);
    let p = &Tally::compute(&s).commendations[0].proposals;
    assert_eq!(
        (p[0].member, &p[0].basis),
        (0, &Basis::TieBrokenBy(TieBreak::Deductions))
    );
}

#[test]
fn tie_broken_by_ballot_votes() {
    let mut cfg = commendations(json!([
        {"id": "co", "name": "Cờ", "max_count": 1,
         "ballot": {"threshold_percent": 50, "strict": true, "base": "present"}}
    ]));
    cfg["tie_break"] = json!(["ballot"]);
    let same = [1000, 1000, 500, 0, 0];
    let mut s = tied_pair(&cfg, same, same);
    let t = Tally::compute(&s);
    assert_eq!(
        proposed(&t, 0),
        [
            (0, ProposalStatus::TieUnresolved),
            (1, ProposalStatus::TieUnresolved)
        ]
    );
    ballot(&mut s, 1, 4, 4, &[(0, 1), (1, 3)]);
    let p = &Tally::compute(&s).commendations[0].proposals;
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].member, 1);
    assert_eq!(p[0].basis, Basis::TieBrokenBy(TieBreak::Ballot));
    assert_eq!(p[0].status, ProposalStatus::Proposed);
}

#[test]
fn an_unresolved_tie_waits_for_the_chair_and_frees_the_lower_seat() {
    let cfg = one_seat(json!(["bonus"]));
    let same = [1000, 1000, 500, 0, 0];
    let mut s = tied_pair(&cfg, same, same);
    let t = Tally::compute(&s);
    assert_eq!(
        proposed(&t, 0),
        [
            (0, ProposalStatus::TieUnresolved),
            (1, ProposalStatus::TieUnresolved)
        ]
    );
    assert_eq!(t.commendations[0].open_seats, 1);
    // Until decided, the tied members are still considered for the next one.
    assert_eq!(
        proposed(&t, 1),
        [
            (0, ProposalStatus::TieUnresolved),
            (1, ProposalStatus::TieUnresolved)
        ]
    );
    let missing = t.missing(&s);
    assert!(
        missing
            .iter()
            .any(|m| matches!(m, super::session::Missing::Tie { .. }))
    );

    apply(
        &mut s,
        Actor::Chair,
        Event::DecideTie {
            commendation: "k".into(),
            chosen: vec![id(1)],
            reason: "Có mô hình điểm được Trung ương biểu dương".into(),
        },
    )
    .unwrap();
    let t = Tally::compute(&s);
    assert_eq!(proposed(&t, 0), [(1, ProposalStatus::Proposed)]);
    assert!(matches!(
        t.commendations[0].proposals[0].basis,
        Basis::ChairDecision(_)
    ));
    // The chosen member moved up; the other takes the next commendation.
    assert_eq!(proposed(&t, 1), [(0, ProposalStatus::Proposed)]);
}

#[test]
fn a_decision_that_no_longer_matches_the_tie_is_not_applied() {
    let cfg = one_seat(json!([]));
    let same = [1000, 1000, 500, 0, 0];
    let mut s = tied_pair(&cfg, same, same);
    apply(
        &mut s,
        Actor::Chair,
        Event::DecideTie {
            commendation: "k".into(),
            chosen: vec![id(2)],
            reason: "nhầm".into(),
        },
    )
    .unwrap();
    let t = Tally::compute(&s);
    assert_eq!(proposed(&t, 0)[0].1, ProposalStatus::TieUnresolved);
}

fn pts(units: i64) -> KeyValue {
    KeyValue::Points(Rounded { units, decimals: 2 })
}

#[test]
fn a_tie_decided_by_a_key_names_the_other_member_and_both_values() {
    // Equal totals and group 1; m0 has 5 bonus points, m1 none: m0 takes the seat.
    let cfg = one_seat(json!(["group:1", "bonus", "deductions"]));
    let s = tied_pair(&cfg, [1000, 1000, 0, 500, 0], [1000, 1000, 500, 0, 0]);
    let t = Tally::compute(&s);
    let tie = t.commendations[0]
        .tie
        .as_ref()
        .expect("a tie at the seat line");
    assert_eq!((tie.members.as_slice(), tie.seats), ([0, 1].as_slice(), 1));
    assert_eq!(
        tie.total,
        Rounded {
            units: 2500,
            decimals: 2
        }
    );
    assert_eq!(
        t.tie_standing(0, 0),
        Some(TieStanding::Ahead {
            others: vec![1],
            key: TieBreak::Bonus,
            own: pts(500),
            theirs: pts(0),
        })
    );
    assert_eq!(
        t.tie_standing(0, 1),
        Some(TieStanding::Behind {
            others: vec![0],
            key: TieBreak::Bonus,
            own: pts(0),
            theirs: pts(500),
        })
    );
    // The deductions as they were given, not as the cascade compares them.
    let s = tied_pair(&cfg, [1000, 1000, 500, 0, 0], [1000, 1000, 1000, 0, 500]);
    let t = Tally::compute(&s);
    assert_eq!(
        t.tie_standing(0, 0),
        Some(TieStanding::Ahead {
            others: vec![1],
            key: TieBreak::Deductions,
            own: pts(0),
            theirs: pts(500),
        })
    );
    // m1 is then first for the next commendation, by its rank alone: no tie there.
    assert_eq!(t.tie_standing(1, 1), None);
    assert_eq!(t.tie_standings(1).len(), 1);
}

#[test]
fn a_tie_the_keys_cannot_break_says_what_was_equal_then_who_the_chair_chose() {
    let mut cfg = one_seat(json!(["bonus", "ballot"]));
    cfg["commendations"][0]["ballot"] =
        json!({"threshold_percent": 50, "strict": true, "base": "present"});
    let same = [1000, 1000, 500, 100, 0];
    let mut s = tied_pair(&cfg, same, same);
    let t = Tally::compute(&s);
    assert_eq!(
        t.tie_standing(0, 1),
        Some(TieStanding::Unresolved {
            others: vec![0],
            seats: 1,
            // No ballot recorded yet: that key could not be applied.
            equal: vec![(TieBreak::Bonus, Some(pts(100))), (TieBreak::Ballot, None)],
        })
    );
    apply(
        &mut s,
        Actor::Chair,
        Event::DecideTie {
            commendation: "k".into(),
            chosen: vec![id(1)],
            reason: "Có mô hình mới".into(),
        },
    )
    .unwrap();
    let t = Tally::compute(&s);
    let decided = |this_chosen: bool| TieStanding::Decided {
        others: vec![usize::from(!this_chosen)],
        chosen: vec![1],
        this_chosen,
        reason: "Có mô hình mới".into(),
    };
    assert_eq!(t.tie_standing(0, 1), Some(decided(true)));
    assert_eq!(t.tie_standing(0, 0), Some(decided(false)));
}

#[test]
fn three_tied_for_two_seats_one_ahead_two_level() {
    // m0, m1, m2 all 25 points; m0 has more bonus, m1 and m2 are level.
    let cfg = with(
        commendations(json!([{"id": "k", "name": "Bằng khen", "max_count": 2}])),
        "tie_break",
        json!(["bonus"]),
    );
    let rows = [
        [1000, 1000, 0, 500, 0],
        [1000, 1000, 500, 0, 0],
        [1000, 1000, 500, 0, 0],
    ];
    let mut s = session(&cfg);
    for scorer in 0..4 {
        for target in (0..4).filter(|&t| t != scorer) {
            match target {
                3 => give(&mut s, scorer, 3, 1500),
                _ => fill(&mut s, scorer, target, rows[target]),
            }
        }
        submit(&mut s, scorer);
    }
    let t = Tally::compute(&s);
    assert_eq!(
        t.tie_standing(0, 0),
        Some(TieStanding::Ahead {
            others: vec![1, 2],
            key: TieBreak::Bonus,
            own: pts(500),
            theirs: pts(0),
        })
    );
    assert_eq!(
        t.tie_standing(0, 2),
        Some(TieStanding::Unresolved {
            others: vec![1],
            seats: 1,
            equal: vec![(TieBreak::Bonus, Some(pts(0)))],
        })
    );
    assert_eq!(t.tie_standing(0, 3), None, "not part of the tie");
}

#[test]
fn finalize_lists_what_is_missing_then_locks() {
    let cfg = flag_with_ballot(true, "present", 50.0);
    let mut s = session(&cfg);
    let err = apply(&mut s, Actor::Chair, Event::Finalize).unwrap_err();
    let super::session::EventError::NotReady(missing) = err else {
        panic!("expected NotReady, got {err:?}")
    };
    assert!(missing.contains(&super::session::Missing::MeetingDetails));
    assert_eq!(
        missing
            .iter()
            .filter(|m| matches!(m, super::session::Missing::Sheet { .. }))
            .count(),
        4
    );
    let mut s = four_ranked(&cfg);
    apply(
        &mut s,
        Actor::Chair,
        Event::Meeting {
            date: "2024-12-20".into(),
            place: "Hà Nội".into(),
            chair: "Nguyễn Văn A".into(),
            secretary: "Trần Thị B".into(),
        },
    )
    .unwrap();
    let err = apply(&mut s, Actor::Chair, Event::Finalize).unwrap_err();
    assert!(
        err.text(super::problem::Lang::Vi).contains("bỏ phiếu"),
        "{err:?}"
    );
    ballot(&mut s, 1, 4, 4, &[(0, 4)]);
    apply(&mut s, Actor::Chair, Event::Finalize).unwrap();
    assert!(s.finalized);
    let after = apply(
        &mut s,
        Actor::Chair,
        Event::Reopen {
            scorer: id(0),
            reason: "sửa".into(),
        },
    );
    assert_eq!(after, Err(super::session::EventError::Finalized));
}

fn aggregate_name(i: usize) -> &'static str {
    ["mean", "trimmed_mean", "median"][i]
}

prop_compose! {
    fn meeting()(n in 2usize..7, aggregate in 0usize..3, trim in 0u32..3, decimals in 0u32..4)
        (cells in proptest::collection::vec(proptest::array::uniform5(0i64..=20), n * n),
         n in Just(n), aggregate in Just(aggregate), trim in Just(trim), decimals in Just(decimals))
        -> (usize, usize, u32, u32, Vec<[i64; 5]>) {
        (n, aggregate, if aggregate == 1 { trim } else { 0 }, decimals, cells)
    }
}

fn build(
    (n, aggregate, trim, decimals, cells): &(usize, usize, u32, u32, Vec<[i64; 5]>),
) -> super::session::Session {
    let cfg = with(
        config_json(*n),
        "scoring",
        scoring("exclude", aggregate_name(*aggregate), *trim, *decimals),
    );
    let mut s = session(&cfg);
    for scorer in 0..*n {
        for target in 0..*n {
            if scorer != target {
                let c = cells[scorer * n + target];
                // Steps of 0.5: items up to 10, adjustments up to 5.
                let v = [
                    c[0] * 50,
                    c[1] * 50,
                    c[2] * 50,
                    (c[3] % 11) * 50,
                    (c[4] % 11) * 50,
                ];
                fill(&mut s, scorer, target, v);
            }
        }
        submit(&mut s, scorer);
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn ranks_are_consistent_with_rounded_totals(m in meeting()) {
        let t = Tally::compute(&build(&m));
        for a in &t.members {
            let above = t.members.iter().filter(|b| b.total > a.total).count() as u32;
            prop_assert_eq!(a.rank, Some(above + 1));
            for b in &t.members {
                prop_assert_eq!(a.total.cmp(&b.total).reverse(), a.rank.cmp(&b.rank));
            }
        }
        // The order lists members by rank.
        let listed: Vec<_> = t.order.iter().map(|&m| t.members[m].rank).collect();
        prop_assert!(listed.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn kept_sheets_add_up_to_the_subtotals(m in meeting()) {
        let s = build(&m);
        let t = Tally::compute(&s);
        let decimals = s.config().scoring.decimals;
        for r in &t.members {
            let k = &r.kept;
            prop_assert_eq!(k.groups.iter().sum::<i64>() + k.bonus - k.deductions, k.total);
            if m.1 != 2 {
                prop_assert_eq!(Some(Exact::mean(k.total, k.sheets).round(decimals)), r.total);
            }
            for (g, shown) in r.groups.iter().enumerate() {
                prop_assert_eq!(Exact::mean(k.groups[g], k.sheets).round(decimals), *shown);
            }
        }
    }

    #[test]
    fn trimming_never_drops_more_than_asked(m in meeting()) {
        let s = build(&m);
        let trim = s.config().scoring.trim;
        for r in &Tally::compute(&s).members {
            let expected = if m.1 == 1 && r.sheets_counted > 2 * trim {
                r.sheets_counted - 2 * trim
            } else {
                r.sheets_counted
            };
            prop_assert_eq!(r.kept.sheets, expected);
        }
    }

    #[test]
    fn proposals_respect_quotas_and_one_per_member(m in meeting(), count in 1u32..4, percent in 0u32..=100) {
        let (n, aggregate, trim, decimals, cells) = m;
        let mut cfg = with(config_json(n), "scoring", scoring("exclude", aggregate_name(aggregate), trim, decimals));
        cfg["commendations"] = json!([
            {"id": "a", "name": "A", "max_count": count, "min_class": "B"},
            {"id": "b", "name": "B", "max_count": count, "max_percent": percent}
        ]);
        let s = build_with(&cfg, n, &cells);
        let t = Tally::compute(&s);
        let mut holders = Vec::new();
        for (c, result) in t.commendations.iter().enumerate() {
            let firm: Vec<usize> = result.proposals.iter()
                .filter(|p| p.status == ProposalStatus::Proposed)
                .map(|p| p.member)
                .collect();
            prop_assert!(firm.len() <= result.quota, "commendation {}", c);
            for m in firm {
                prop_assert!(!holders.contains(&m), "member {} holds two", m);
                holders.push(m);
            }
        }
    }
}

fn build_with(cfg: &Value, n: usize, cells: &[[i64; 5]]) -> super::session::Session {
    let mut s = session(cfg);
    for scorer in 0..n {
        for target in 0..n {
            if scorer != target {
                let c = cells[scorer * n + target];
                fill(
                    &mut s,
                    scorer,
                    target,
                    [
                        c[0] * 50,
                        c[1] * 50,
                        c[2] * 50,
                        (c[3] % 11) * 50,
                        (c[4] % 11) * 50,
                    ],
                );
            }
        }
        submit(&mut s, scorer);
    }
    s
}
