//! Meetings of a given size with deterministic scores, for benchmarks and fault
//! tests: the same inputs every run, no randomness from outside.

use crate::model::event::{Actor, Event, Record};
use crate::model::points::Points;
use crate::model::{Config, Session};
use serde_json::{Value, json};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub name: &'static str,
    pub members: usize,
    pub items: usize,
}

/// 12 members × 30 items (each scores the 11 others): a real meeting.
pub const MEETING: Scale = Scale {
    name: "meeting",
    members: 12,
    items: 30,
};
/// 30 × 60 × 30.
pub const LARGE: Scale = Scale {
    name: "large",
    members: 30,
    items: 60,
};
/// 126 × 60 × 126, about 950,000 scores: the whole city at once.
pub const STRESS: Scale = Scale {
    name: "stress",
    members: 126,
    items: 60,
};

pub const SCALES: [Scale; 3] = [MEETING, LARGE, STRESS];

impl std::fmt::Display for Scale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}×{}×{})",
            self.name, self.members, self.items, self.members
        )
    }
}

/// A cluster config: items of 2 points (step 0.5) in groups of 10, a bonus and a
/// deduction, four classes, a flag with a ballot and certificates.
pub fn config_bytes(scale: Scale) -> Vec<u8> {
    let members: Vec<Value> = (0..scale.members)
        .map(|i| json!({"id": format!("dv-{i:03}"), "name": format!("Ủy ban MTTQ Việt Nam phường số {}", i + 1), "short": format!("Phường {}", i + 1)}))
        .collect();
    let groups = scale.items.div_ceil(10);
    let criteria: Vec<Value> = (0..groups)
        .map(|g| {
            let items: Vec<Value> = (0..10.min(scale.items - g * 10))
                .map(|i| json!({"id": format!("{}.{}", g + 1, i + 1), "name": format!("Tiêu chí {}.{}", g + 1, i + 1), "max": 2, "step": 0.5}))
                .collect();
            json!({"id": format!("{}", g + 1), "name": format!("Nhóm tiêu chí {}", g + 1), "items": items})
        })
        .collect();
    let max = scale.items as f64 * 2.0;
    let config = json!({
        "format": "thidua.cluster/1",
        "cluster": {"id": format!("tong-hop-{}", scale.name), "name": format!("Cụm thử nghiệm ({})", scale.name),
                    "organizer": "Ủy ban MTTQ Việt Nam thành phố", "year": 2025, "member_label": "phường"},
        "members": members,
        "criteria": criteria,
        "adjustments": [
            {"id": "b1", "kind": "bonus", "name": "Mô hình mới", "max": 3, "step": 0.5},
            {"id": "d1", "kind": "deduction", "name": "Chậm báo cáo", "max": 2, "step": 0.5}
        ],
        "classes": [
            {"id": "xs", "name": "Hoàn thành xuất sắc nhiệm vụ", "min": (max * 0.9).floor()},
            {"id": "tot", "name": "Hoàn thành tốt nhiệm vụ", "min": (max * 0.7).floor()},
            {"id": "ht", "name": "Hoàn thành nhiệm vụ", "min": (max * 0.5).floor()},
            {"id": "khong", "name": "Không hoàn thành nhiệm vụ", "min": 0}
        ],
        "commendations": [
            {"id": "co", "name": "Cờ thi đua", "max_count": 1, "min_class": "xs",
             "ballot": {"threshold_percent": 50, "strict": true, "base": "present"}},
            {"id": "bk", "name": "Bằng khen", "max_count": 3, "max_percent": 20, "min_class": "tot"}
        ],
        "tie_break": ["group:1", "bonus", "deductions"]
    });
    serde_json::to_vec_pretty(&config).unwrap_or_default()
}

pub fn config(scale: Scale) -> Config {
    // The generated config is valid by construction; tests check it.
    Config::from_bytes(&config_bytes(scale))
        .unwrap_or_else(|p| panic!("generated config invalid: {p}"))
}

/// A deterministic value in 0..=4 half-points (0 to 2 points), leaning high.
fn value(scorer: usize, target: usize, cell: usize) -> i64 {
    let mut x = (scorer as u64 * 7919) ^ (target as u64 * 104_729) ^ (cell as u64 * 1_299_709);
    x ^= x >> 13;
    x = x.wrapping_mul(0x5851_f42d_4c95_7f2d);
    x ^= x >> 29;
    let bias = (target % 5) as u64;
    (((x % 5) + bias).min(4)) as i64 * 50
}

/// Every score of one scorer's sheet, then its submit.
pub fn sheet_events(config: &Config, scorer: usize) -> Vec<Event> {
    let scorer_id = config.members[scorer].id.clone();
    let mut events = Vec::new();
    for (t, target) in config.members.iter().enumerate() {
        if !config.scores_target(scorer, t) {
            continue;
        }
        for (c, cell) in config.cells.iter().enumerate() {
            let v = if cell.is_item() {
                value(scorer, t, c)
            } else if (scorer + t + c).is_multiple_of(7) {
                50
            } else {
                continue;
            };
            events.push(Event::Score {
                scorer: scorer_id.clone(),
                target: target.id.clone(),
                item: cell.id.clone(),
                value: Some(Points(v)),
            });
        }
    }
    events.push(Event::Submit { scorer: scorer_id });
    events
}

/// A session with every sheet scored and submitted, built by applying events.
pub fn scored_session(scale: Scale) -> Session {
    let config = Arc::new(config(scale));
    let mut session = Session::new(config.clone());
    for s in 0..scale.members {
        for event in sheet_events(&config, s) {
            let record = Record {
                seq: session.event_count() + 1,
                at: "2025-12-20T09:00:00+07:00".into(),
                by: Actor::Member(config.members[s].id.clone()),
                origin: None,
                event,
            };
            if let Err(e) = session.apply(&record) {
                panic!("generated event refused: {e}");
            }
        }
    }
    session
}

/// Every sheet of the scale submitted except the last scorer's, reopened so one of
/// its scores can change. Both tally benchmarks start from this meeting, so they
/// count the same sheets: `scale.members - 1` submitted, the open one not counted.
pub fn with_open_sheet(scale: Scale) -> (Session, Event, Event) {
    let mut s = scored_session(scale);
    let last = s.config().members[scale.members - 1].id.clone();
    let first = s.config().members[0].id.clone();
    let reopen = Record {
        seq: s.event_count() + 1,
        at: String::new(),
        by: Actor::Chair,
        origin: None,
        event: Event::Reopen {
            scorer: last.clone(),
            reason: "đo tốc độ".into(),
        },
    };
    s.apply(&reopen).expect("a submitted sheet can be reopened");
    let current = s.score(scale.members - 1, 0, 0).map_or(0, |p| p.0);
    let set = |v| Event::Score {
        scorer: last.clone(),
        target: first.clone(),
        item: "1.1".into(),
        value: Some(Points(v)),
    };
    // Two values that differ from each other and from the one already there.
    (s, set((current + 50) % 250), set((current + 100) % 250))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Tally;

    #[test]
    fn generated_meetings_are_valid_and_complete() {
        for scale in [MEETING, LARGE] {
            let s = scored_session(scale);
            let t = Tally::compute(&s);
            assert!(!t.is_provisional());
            assert_eq!(t.members.len(), scale.members);
            assert!(t.members.iter().all(|m| m.total.is_some()));
            assert_eq!(s.config().item_count(), scale.items);
        }
        assert_eq!(config(STRESS).members.len(), 126);
    }

    #[test]
    fn the_two_tally_measurements_count_the_same_sheets() {
        for scale in [MEETING, LARGE] {
            let (mut s, a, b) = with_open_sheet(scale);
            let scratch = Tally::compute(&s).sheets_submitted;
            assert_eq!(scratch, scale.members - 1);
            for event in [a, b] {
                let record = Record {
                    seq: s.event_count() + 1,
                    at: String::new(),
                    by: Actor::Chair,
                    origin: None,
                    event,
                };
                s.apply(&record).expect("the open sheet takes the change");
                assert_eq!(Tally::compute(&s).sheets_submitted, scratch);
            }
        }
    }
}
