//! The rules a delegate and the chair meet while scoring.

use super::event::{Actor, Event};
use super::points::{Points, PointsError};
use super::session::{CountError, EventError};
use super::testkit::*;
use std::collections::BTreeMap;

fn score(scorer: usize, target: usize, item: &str, value: Option<i64>) -> Event {
    Event::Score {
        scorer: id(scorer),
        target: id(target),
        item: item.into(),
        value: value.map(Points),
    }
}

#[test]
fn values_outside_an_items_limits_are_refused() {
    let mut s = session(&config_json(3));
    let by = Actor::Member(id(0));
    assert!(matches!(
        apply(&mut s, by.clone(), score(0, 1, "1.1", Some(1050))),
        Err(EventError::BadPoints {
            error: PointsError::AboveMax { .. },
            ..
        })
    ));
    assert!(matches!(
        apply(&mut s, by.clone(), score(0, 1, "1.1", Some(925))),
        Err(EventError::BadPoints {
            error: PointsError::OffStep { .. },
            ..
        })
    ));
    assert!(matches!(
        apply(&mut s, by.clone(), score(0, 1, "1.1", Some(-50))),
        Err(EventError::BadPoints {
            error: PointsError::Negative,
            ..
        })
    ));
    assert_eq!(
        apply(&mut s, by.clone(), score(0, 1, "1.1", Some(950))),
        Ok(())
    );
    assert_eq!(s.score(0, 1, 0), Some(Points(950)));
    assert!(matches!(
        apply(&mut s, by.clone(), score(0, 1, "1.1", Some(950))),
        Err(EventError::NoChange(_))
    ));
    assert_eq!(
        apply(&mut s, by.clone(), score(0, 1, "9.9", Some(100))),
        Err(EventError::UnknownCell("9.9".into()))
    );
    assert_eq!(
        apply(&mut s, by, score(0, 7, "1.1", Some(100))),
        Err(EventError::UnknownMember("m7".into()))
    );
}

#[test]
fn a_member_does_not_score_itself_under_exclude() {
    let mut s = session(&config_json(3));
    assert!(matches!(
        apply(&mut s, Actor::Chair, score(1, 1, "1.1", Some(500))),
        Err(EventError::SelfExcluded { .. })
    ));
}

#[test]
fn a_delegate_changes_only_their_own_sheet() {
    let mut s = session(&config_json(3));
    assert_eq!(
        apply(&mut s, Actor::Member(id(2)), score(0, 1, "1.1", Some(500))),
        Err(EventError::NotYours)
    );
    assert_eq!(
        apply(
            &mut s,
            Actor::Member(id(2)),
            Event::Attendance {
                member: id(1),
                present: false
            }
        ),
        Err(EventError::ChairOnly)
    );
}

#[test]
fn submit_needs_a_complete_sheet_then_locks_it() {
    let mut s = session(&config_json(3));
    give(&mut s, 0, 1, 2000);
    assert_eq!(s.progress(0), (3, 6));
    let refused = apply(&mut s, Actor::Chair, Event::Submit { scorer: id(0) });
    assert!(matches!(
        refused,
        Err(EventError::Incomplete {
            missing: 3,
            total: 6,
            ..
        })
    ));
    give(&mut s, 0, 2, 2000);
    assert_eq!(s.progress(0), (6, 6));
    submit(&mut s, 0);
    assert!(s.is_submitted(0));
    assert!(matches!(
        apply(&mut s, Actor::Member(id(0)), score(0, 1, "1.1", Some(0))),
        Err(EventError::Locked { .. })
    ));
    // Clearing a cell lowers progress; bonus cells never count toward it.
    let mut s2 = session(&config_json(3));
    give(&mut s2, 0, 1, 2000);
    apply(&mut s2, Actor::Chair, score(0, 1, "1.1", None)).unwrap();
    apply(&mut s2, Actor::Chair, score(0, 1, "b", Some(100))).unwrap();
    assert_eq!(s2.progress(0), (2, 6));
}

#[test]
fn reopening_needs_the_chair_and_a_reason() {
    let mut s = scored(&config_json(2), &[vec![0, 2000], vec![2000, 0]]);
    let reopen = |reason: &str| Event::Reopen {
        scorer: id(0),
        reason: reason.into(),
    };
    assert_eq!(
        apply(&mut s, Actor::Chair, reopen("  ")),
        Err(EventError::ReasonRequired)
    );
    assert_eq!(
        apply(&mut s, Actor::Member(id(0)), reopen("sửa")),
        Err(EventError::ChairOnly)
    );
    apply(
        &mut s,
        Actor::Chair,
        reopen("Đại biểu nhập nhầm tiêu chí 1.2"),
    )
    .unwrap();
    assert!(!s.is_submitted(0));
    apply(&mut s, Actor::Member(id(0)), score(0, 1, "1.2", Some(0))).unwrap();
    assert_eq!(
        apply(&mut s, Actor::Chair, reopen("lần hai")),
        Err(EventError::NotSubmitted {
            scorer: "ĐV0".into()
        })
    );
}

#[test]
fn an_absent_delegate_cannot_score_and_a_submitted_one_cannot_be_marked_absent() {
    let mut s = session(&config_json(3));
    apply(
        &mut s,
        Actor::Chair,
        Event::Attendance {
            member: id(2),
            present: false,
        },
    )
    .unwrap();
    assert!(matches!(
        apply(&mut s, Actor::Chair, score(2, 0, "1.1", Some(500))),
        Err(EventError::Absent { .. })
    ));
    give(&mut s, 0, 1, 2000);
    give(&mut s, 0, 2, 2000);
    submit(&mut s, 0);
    assert!(matches!(
        apply(
            &mut s,
            Actor::Chair,
            Event::Attendance {
                member: id(0),
                present: false
            }
        ),
        Err(EventError::AbsentWithSheet { .. })
    ));
}

#[test]
fn impossible_ballot_counts_are_refused() {
    let mut cfg = config_json(4);
    cfg["commendations"] = serde_json::json!([{"id": "co", "name": "Cờ", "max_count": 1,
        "ballot": {"threshold_percent": 50, "strict": true, "base": "present"}}]);
    let mut s = session(&cfg);
    let ballot = |round, issued, valid, votes: &[(usize, u32)]| Event::Ballot {
        commendation: "co".into(),
        round,
        issued,
        valid,
        votes: votes
            .iter()
            .map(|(m, v)| (id(*m), *v))
            .collect::<BTreeMap<_, _>>(),
    };
    assert!(matches!(
        apply(&mut s, Actor::Chair, ballot(1, 4, 5, &[])),
        Err(EventError::ImpossibleCount(
            CountError::ValidAboveIssued { .. }
        ))
    ));
    assert!(matches!(
        apply(&mut s, Actor::Chair, ballot(1, 5, 5, &[])),
        Err(EventError::ImpossibleCount(
            CountError::IssuedAbovePresent { .. }
        ))
    ));
    assert!(matches!(
        apply(&mut s, Actor::Chair, ballot(1, 4, 3, &[(0, 4)])),
        Err(EventError::ImpossibleCount(
            CountError::VotesAboveValid { .. }
        ))
    ));
    assert!(matches!(
        apply(&mut s, Actor::Chair, ballot(2, 4, 4, &[(0, 4)])),
        Err(EventError::BadRound { round: 2, last: 0 })
    ));
    assert_eq!(
        apply(&mut s, Actor::Chair, ballot(1, 4, 4, &[(0, 4)])),
        Ok(())
    );
}

#[test]
fn meeting_details_and_next_year() {
    let mut s = session(&config_json(3));
    let meeting = |date: &str| Event::Meeting {
        date: date.into(),
        place: " Hội trường UBND ".into(),
        chair: "Nguyễn Văn A".into(),
        secretary: "Trần Thị B".into(),
    };
    assert_eq!(
        apply(&mut s, Actor::Chair, meeting("20/12/2024")),
        Err(EventError::BadDate)
    );
    apply(&mut s, Actor::Chair, meeting("2024-12-20")).unwrap();
    assert_eq!(s.meeting.as_ref().unwrap().place, "Hội trường UBND");
    let next = |h: usize, d: usize| Event::NextYear {
        head: id(h),
        deputy: id(d),
    };
    assert_eq!(
        apply(&mut s, Actor::Chair, next(1, 1)),
        Err(EventError::SameHeadAndDeputy)
    );
    apply(&mut s, Actor::Chair, next(1, 2)).unwrap();
    assert_eq!(s.next_year, Some((1, 2)));
}
