//! Small builders for the model's tests: a config with members `m0…`, and a session
//! driven by events as the app would drive it.

use super::config::Config;
use super::event::{Actor, Event, Record};
use super::points::Points;
use super::session::{EventError, Session};
use serde_json::{Value, json};
use std::sync::Arc;

/// A cluster of `n` members; items 1.1 and 1.2 (group 1) and 2.1 (group 2), each
/// max 10 step 0.5; bonus `b` and deduction `d`, max 5 step 0.5; classes A ≥ 25,
/// B ≥ 20, C ≥ 0.
pub fn config_json(n: usize) -> Value {
    let members: Vec<Value> = (0..n)
        .map(|i| json!({"id": format!("m{i}"), "name": format!("Đơn vị {i}"), "short": format!("ĐV{i}")}))
        .collect();
    json!({
        "format": "thidua.cluster/1",
        "cluster": {"id": "t", "name": "Cụm thử", "organizer": "MTTQ", "year": 2024, "member_label": "đơn vị"},
        "members": members,
        "criteria": [
            {"id": "1", "name": "Nhóm 1", "items": [
                {"id": "1.1", "name": "Tiêu chí 1.1", "max": 10, "step": 0.5},
                {"id": "1.2", "name": "Tiêu chí 1.2", "max": 10, "step": 0.5}]},
            {"id": "2", "name": "Nhóm 2", "items": [
                {"id": "2.1", "name": "Tiêu chí 2.1", "max": 10, "step": 0.5}]}
        ],
        "adjustments": [
            {"id": "b", "kind": "bonus", "name": "Thưởng", "max": 5, "step": 0.5},
            {"id": "d", "kind": "deduction", "name": "Trừ", "max": 5, "step": 0.5}
        ],
        "classes": [
            {"id": "A", "name": "Xuất sắc", "min": 25},
            {"id": "B", "name": "Tốt", "min": 20},
            {"id": "C", "name": "Hoàn thành", "min": 0}
        ]
    })
}

pub fn config(value: &Value) -> Config {
    let bytes = serde_json::to_vec_pretty(value).unwrap();
    match Config::from_bytes(&bytes) {
        Ok(c) => c,
        Err(p) => panic!("test config invalid: {}", p.text(super::problem::Lang::En)),
    }
}

pub fn session(value: &Value) -> Session {
    Session::new(Arc::new(config(value)))
}

pub fn apply(s: &mut Session, by: Actor, event: Event) -> Result<(), EventError> {
    let record = Record {
        seq: s.event_count() + 1,
        at: "2024-12-20T09:00:00+07:00".into(),
        by,
        origin: None,
        event,
    };
    s.apply(&record)
}

pub fn id(m: usize) -> String {
    format!("m{m}")
}

/// Sets every item of `scorer`'s row for `target`, plus bonus and deduction.
/// Values are in hundredths, `[1.1, 1.2, 2.1, b, d]`; `0` adjustments are left blank.
pub fn fill(s: &mut Session, scorer: usize, target: usize, values: [i64; 5]) {
    let cells = ["1.1", "1.2", "2.1", "b", "d"];
    for (cell, v) in cells.iter().zip(values) {
        let value = if v == 0 && (*cell == "b" || *cell == "d") {
            None
        } else {
            Some(Points(v))
        };
        if s.score(scorer, target, s.config().cell(cell).unwrap()) == value {
            continue;
        }
        apply(
            s,
            Actor::Member(id(scorer)),
            Event::Score {
                scorer: id(scorer),
                target: id(target),
                item: cell.to_string(),
                value,
            },
        )
        .unwrap();
    }
}

/// Gives `target` a sheet total of `total` hundredths (a multiple of 50, ≤ 3000)
/// through the items alone.
pub fn give(s: &mut Session, scorer: usize, target: usize, total: i64) {
    let a = total.min(1000);
    let b = (total - a).min(1000);
    let c = total - a - b;
    fill(s, scorer, target, [a, b, c, 0, 0]);
}

pub fn submit(s: &mut Session, scorer: usize) {
    apply(
        s,
        Actor::Member(id(scorer)),
        Event::Submit { scorer: id(scorer) },
    )
    .unwrap();
}

/// Every scorer gives `totals[scorer][target]` (ignored where it does not score) and
/// submits.
pub fn scored(value: &Value, totals: &[Vec<i64>]) -> Session {
    let mut s = session(value);
    let n = totals.len();
    for (scorer, row) in totals.iter().enumerate() {
        for (target, total) in row.iter().enumerate().take(n) {
            if s.config().scores_target(scorer, target) {
                give(&mut s, scorer, target, *total);
            }
        }
        submit(&mut s, scorer);
    }
    s
}
