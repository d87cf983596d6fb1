//! How firm the result is: each member's margin to the next class and to the
//! commendation line, and whether any proposal would change if one delegate's sheet
//! were left out or another aggregate were used. Disputes get settled by facts.

use super::config::Aggregate;
use super::exact::Rounded;
use super::session::Session;
use super::tally::{ProposalStatus, Tally, Variant};

/// Distance to the next better class: its index and the points still needed.
pub fn class_margin(session: &Session, tally: &Tally, member: usize) -> Option<(usize, Rounded)> {
    let config = session.config();
    let result = &tally.members[member];
    let total = result.total?;
    let better = match result.class {
        Some(0) => return None,
        Some(c) => c - 1,
        None => config.classes.len().checked_sub(1)?,
    };
    let scale = 10i64.pow(total.decimals as u32);
    // The smallest rounded total that reaches the class (ranks and classes use the
    // rounded total): the class minimum in its units, rounded UP. With no decimals
    // a minimum of 95.5 is reached at 96, not 95.
    let min_hundredths = config.classes[better].min.0 * scale;
    let min_units = -(-min_hundredths).div_euclid(100);
    Some((
        better,
        Rounded {
            units: min_units - total.units,
            decimals: total.decimals,
        },
    ))
}

/// Where a member stands against the line of a commendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineMargin {
    /// Holds a seat, this far above the best eligible member without one.
    Ahead { commendation: usize, by: Rounded },
    /// Eligible without a seat, this far below the lowest seat.
    Behind { commendation: usize, by: Rounded },
}

fn holds(status: ProposalStatus) -> bool {
    matches!(
        status,
        ProposalStatus::Proposed | ProposalStatus::AwaitingBallot
    )
}

pub fn line_margin(tally: &Tally, member: usize) -> Option<LineMargin> {
    let total = tally.members[member].total?;
    for (c, result) in tally.commendations.iter().enumerate() {
        let seated: Vec<usize> = result
            .proposals
            .iter()
            .filter(|p| holds(p.status))
            .map(|p| p.member)
            .collect();
        let waiting: Vec<usize> = result
            .eligible
            .iter()
            .copied()
            .filter(|m| !seated.contains(m))
            .collect();
        let best_waiting = waiting.iter().filter_map(|&m| tally.members[m].total).max();
        let lowest_seat = seated.iter().filter_map(|&m| tally.members[m].total).min();
        if seated.contains(&member) {
            return best_waiting.map(|w| LineMargin::Ahead {
                commendation: c,
                by: Rounded {
                    units: total.units - w.units,
                    decimals: total.decimals,
                },
            });
        }
        if waiting.contains(&member) {
            return lowest_seat.map(|l| LineMargin::Behind {
                commendation: c,
                by: Rounded {
                    units: l.units - total.units,
                    decimals: total.decimals,
                },
            });
        }
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// One delegate's sheet left out.
    LeaveOut(usize),
    /// Another aggregate rule.
    Aggregate(Aggregate),
}

/// One difference a scenario makes to the outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Who would hold a commendation instead: (commendation, gained, lost).
    Commendation {
        commendation: usize,
        gained: Vec<usize>,
        lost: Vec<usize>,
    },
    /// A member's class would change: (member, from, to).
    Class {
        member: usize,
        from: Option<usize>,
        to: Option<usize>,
    },
}

fn holders(tally: &Tally, c: usize) -> Vec<usize> {
    let mut list: Vec<usize> = tally.commendations[c]
        .proposals
        .iter()
        .filter(|p| holds(p.status))
        .map(|p| p.member)
        .collect();
    list.sort_unstable();
    list
}

fn differences(base: &Tally, other: &Tally) -> Vec<Change> {
    let mut changes = Vec::new();
    for c in 0..base.commendations.len() {
        let (before, after) = (holders(base, c), holders(other, c));
        let gained: Vec<usize> = after
            .iter()
            .copied()
            .filter(|m| !before.contains(m))
            .collect();
        let lost: Vec<usize> = before
            .iter()
            .copied()
            .filter(|m| !after.contains(m))
            .collect();
        if !gained.is_empty() || !lost.is_empty() {
            changes.push(Change::Commendation {
                commendation: c,
                gained,
                lost,
            });
        }
    }
    for (m, (b, o)) in base.members.iter().zip(&other.members).enumerate() {
        if b.class != o.class {
            changes.push(Change::Class {
                member: m,
                from: b.class,
                to: o.class,
            });
        }
    }
    changes
}

/// A scenario and the changes it would make (none: the result holds).
pub type Outcome = (Scenario, Vec<Change>);

/// Every scenario with the changes it would make (empty: the result holds).
/// Leave-one-out is tried for each submitted sheet; aggregates other than the
/// meeting's own (trimmed mean trims one from each end).
pub fn robustness(session: &Session, base: &Tally) -> Vec<Outcome> {
    let config = session.config();
    let mut out = Vec::new();
    for s in (0..config.members.len()).filter(|&s| session.is_submitted(s)) {
        let variant = Variant {
            leave_out: Some(s),
            aggregate: None,
        };
        let other = Tally::compute_variant(session, &variant);
        out.push((Scenario::LeaveOut(s), differences(base, &other)));
    }
    for aggregate in [Aggregate::Mean, Aggregate::TrimmedMean, Aggregate::Median] {
        if aggregate == config.scoring.aggregate {
            continue;
        }
        let trim = if aggregate == Aggregate::TrimmedMean {
            1
        } else {
            0
        };
        let variant = Variant {
            leave_out: None,
            aggregate: Some((aggregate, trim)),
        };
        let other = Tally::compute_variant(session, &variant);
        out.push((Scenario::Aggregate(aggregate), differences(base, &other)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testkit::*;
    use serde_json::json;

    fn cfg() -> serde_json::Value {
        let mut c = config_json(4);
        c["commendations"] = json!([{"id": "k", "name": "Bằng khen", "max_count": 1}]);
        c
    }

    #[test]
    fn margins_to_the_next_class_and_the_line() {
        // Totals 26, 24, 21, 18 (classes A ≥ 25, B ≥ 20).
        let rows: Vec<Vec<i64>> = (0..4).map(|_| vec![2600, 2400, 2100, 1800]).collect();
        let s = scored(&cfg(), &rows);
        let t = Tally::compute(&s);
        assert_eq!(class_margin(&s, &t, 0), None, "already in the best class");
        let (class, by) = class_margin(&s, &t, 1).unwrap();
        assert_eq!((class, by.to_string()), (0, "1.00".into()));
        assert_eq!(class_margin(&s, &t, 3).unwrap().1.to_string(), "2.00");
        assert_eq!(
            line_margin(&t, 0),
            Some(LineMargin::Ahead {
                commendation: 0,
                by: Rounded {
                    units: 200,
                    decimals: 2
                }
            })
        );
        assert_eq!(
            line_margin(&t, 2),
            Some(LineMargin::Behind {
                commendation: 0,
                by: Rounded {
                    units: 500,
                    decimals: 2
                }
            })
        );
    }

    #[test]
    fn a_fractional_class_minimum_needs_the_next_whole_point_without_decimals() {
        // No decimals, class A from 25.5: a rounded total of 25 is not enough,
        // 26 is. Totals 24 and 25 need 2 and 1 points.
        let mut c = cfg();
        c["scoring"] = json!({"decimals": 0});
        c["classes"][0]["min"] = json!(25.5);
        let rows: Vec<Vec<i64>> = (0..4).map(|_| vec![2400, 2500, 2600, 1800]).collect();
        let s = scored(&c, &rows);
        let t = Tally::compute(&s);
        assert_eq!(t.members[2].class, Some(0), "26 reaches 25.5");
        let (class, by) = class_margin(&s, &t, 0).unwrap();
        assert_eq!((class, by.to_string()), (0, "2".into()));
        let (class, by) = class_margin(&s, &t, 1).unwrap();
        assert_eq!((class, by.to_string()), (0, "1".into()));
        // Gaining exactly the margin reaches the class; one unit less does not.
        for m in [0, 1] {
            let total = t.members[m].total.unwrap();
            let (_, by) = class_margin(&s, &t, m).unwrap();
            let min = s.config().classes[0].min;
            let at = |units| Rounded { units, decimals: 0 }.at_least(min);
            assert!(at(total.units + by.units) && !at(total.units + by.units - 1));
        }
    }

    #[test]
    fn one_generous_sheet_can_decide_a_seat() {
        // m0 and m1 are close; m3 alone rates m0 far above m1.
        let rows = vec![
            vec![0, 2500, 2000, 2000],
            vec![2400, 0, 2000, 2000],
            vec![2400, 2500, 0, 2000],
            vec![3000, 2200, 2000, 0],
        ];
        let s = scored(&cfg(), &rows);
        let t = Tally::compute(&s);
        // m0: (24 + 24 + 30) / 3 = 26; m1: (25 + 25 + 22) / 3 = 24.
        assert_eq!(t.commendations[0].proposals[0].member, 0);
        let scenarios = robustness(&s, &t);
        let without_m3 = scenarios
            .iter()
            .find(|(sc, _)| *sc == Scenario::LeaveOut(3))
            .unwrap();
        assert!(without_m3.1.contains(&Change::Commendation {
            commendation: 0,
            gained: vec![1],
            lost: vec![0]
        }));
        let without_m2 = scenarios
            .iter()
            .find(|(sc, _)| *sc == Scenario::LeaveOut(2))
            .unwrap();
        assert!(
            without_m2
                .1
                .iter()
                .all(|c| !matches!(c, Change::Commendation { .. }))
        );
        // The median ignores the outlier too.
        let median = scenarios
            .iter()
            .find(|(sc, _)| *sc == Scenario::Aggregate(Aggregate::Median))
            .unwrap();
        assert!(!median.1.is_empty());
    }
}
