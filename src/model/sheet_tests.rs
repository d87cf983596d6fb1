//! Delegate sheets: loading, checking and importing.

use super::event::{Actor, Record};
use super::problem::Issue;
use super::session::Session;
use super::sheet::{ImportError, ImportPlan, Sheet, plan_import};
use super::testkit::*;
use proptest::prelude::*;
use serde_json::json;

fn import(s: &mut Session, sheet: &Sheet) -> Result<ImportPlan, ImportError> {
    let plan = plan_import(s, sheet, "phieu.json")?;
    if let ImportPlan::Events(events) = &plan {
        for event in events {
            let record = Record {
                seq: s.event_count() + 1,
                at: String::new(),
                by: Actor::Chair,
                origin: None,
                event: event.clone(),
            };
            s.apply(&record)?;
        }
    }
    Ok(plan)
}

fn sheet_bytes(s: &Session, scorer: &str, scores: serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "format": "thidua.sheet/1",
        "config_sha256": s.config().sha256,
        "scorer": scorer,
        "scores": scores,
        "submitted_at": "2024-12-20T09:30:00+07:00"
    }))
    .unwrap()
}

fn full_row(v: f64) -> serde_json::Value {
    json!({"1.1": v, "1.2": v, "2.1": v})
}

#[test]
fn a_sheet_made_on_another_laptop_round_trips() {
    let mut a = session(&config_json(3));
    fill(&mut a, 0, 1, [950, 800, 1000, 150, 0]);
    fill(&mut a, 0, 2, [500, 500, 500, 0, 100]);
    submit(&mut a, 0);
    let text = Sheet::to_json(&a, 0, "2024-12-20T09:30:00+07:00");
    let sheet = Sheet::from_bytes(text.as_bytes(), a.config()).unwrap();
    let mut b = session(&config_json(3));
    assert!(matches!(import(&mut b, &sheet), Ok(ImportPlan::Events(_))));
    assert!(b.is_submitted(0));
    assert_eq!(b.row(0, 1), a.row(0, 1));
    assert_eq!(b.row(0, 2), a.row(0, 2));
    assert_eq!(b.imports.len(), 1);
}

#[test]
fn importing_the_same_sheet_twice_changes_nothing() {
    let mut s = session(&config_json(3));
    let bytes = sheet_bytes(&s, "m0", json!({"m1": full_row(9.5), "m2": full_row(8.0)}));
    let sheet = Sheet::from_bytes(&bytes, s.config()).unwrap();
    import(&mut s, &sheet).unwrap();
    let events = s.event_count();
    assert_eq!(import(&mut s, &sheet), Ok(ImportPlan::Unchanged));
    assert_eq!(s.event_count(), events);
}

#[test]
fn a_different_sheet_for_a_submitted_scorer_is_refused_until_reopened() {
    let mut s = session(&config_json(3));
    let first = sheet_bytes(&s, "m0", json!({"m1": full_row(9.5), "m2": full_row(8.0)}));
    let second = sheet_bytes(&s, "m0", json!({"m1": full_row(9.0), "m2": full_row(8.0)}));
    let first = Sheet::from_bytes(&first, s.config()).unwrap();
    import(&mut s, &first).unwrap();
    let second = Sheet::from_bytes(&second, s.config()).unwrap();
    let before = s.clone().row(0, 1).to_vec();
    assert!(matches!(
        import(&mut s, &second),
        Err(ImportError::Conflict { differences: 3, .. })
    ));
    assert_eq!(s.row(0, 1), &before[..]);
    apply(
        &mut s,
        Actor::Chair,
        super::event::Event::Reopen {
            scorer: "m0".into(),
            reason: "Đại biểu nộp lại phiếu".into(),
        },
    )
    .unwrap();
    assert!(matches!(import(&mut s, &second), Ok(ImportPlan::Events(_))));
    assert_eq!(s.score(0, 1, 0), Some(super::points::Points(900)));
}

fn problems_of(s: &Session, bytes: &[u8]) -> Vec<(String, Issue)> {
    Sheet::from_bytes(bytes, s.config())
        .unwrap_err()
        .0
        .into_iter()
        .map(|p| (p.path, p.issue))
        .collect()
}

#[test]
fn wrong_cluster_unknown_scorer_and_bad_values_are_named() {
    let s = session(&config_json(3));
    let mut doc: serde_json::Value = serde_json::from_slice(&sheet_bytes(
        &s,
        "m0",
        json!({"m1": full_row(9.5), "m2": full_row(8.0)}),
    ))
    .unwrap();
    doc["config_sha256"] = json!("00".repeat(32));
    let p = problems_of(&s, &serde_json::to_vec(&doc).unwrap());
    assert_eq!(
        p,
        [("config_sha256".to_string(), Issue::SheetForAnotherCluster)]
    );

    let p = problems_of(&s, &sheet_bytes(&s, "m9", json!({})));
    assert_eq!(p[0].0, "scorer");

    let p = problems_of(
        &s,
        &sheet_bytes(
            &s,
            "m0",
            json!({"m1": {"1.1": 10.5, "1.2": 9.25, "2.1": 5, "x": 1}, "m2": full_row(8.0), "m0": full_row(8.0)}),
        ),
    );
    let paths: Vec<&str> = p.iter().map(|(path, _)| path.as_str()).collect();
    assert!(paths.contains(&"scores[\"m1\"][\"1.1\"]"), "{paths:?}");
    assert!(paths.contains(&"scores[\"m1\"][\"1.2\"]"), "{paths:?}");
    assert!(paths.contains(&"scores[\"m1\"][\"x\"]"), "{paths:?}");
    assert!(
        paths.contains(&"scores[\"m0\"]"),
        "self under exclude: {paths:?}"
    );

    let p = problems_of(&s, &sheet_bytes(&s, "m0", json!({"m1": {"1.1": 5}})));
    assert!(
        matches!(p[0].1, Issue::IncompleteSheet { missing: 5, .. }),
        "{p:?}"
    );
}

#[test]
fn a_bad_cell_is_reported_once_not_again_as_missing() {
    let s = session(&config_json(3));
    // 1.1 is above its maximum; every other item is there.
    let bytes = sheet_bytes(
        &s,
        "m0",
        json!({"m1": {"1.1": 12, "1.2": 9, "2.1": 9}, "m2": full_row(8.0)}),
    );
    let p = problems_of(&s, &bytes);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].0, "scores[\"m1\"][\"1.1\"]");
    assert!(matches!(p[0].1, Issue::Points(_)), "{p:?}");

    // A value that is not a number, and a row that is not an object: named once.
    let bytes = sheet_bytes(
        &s,
        "m0",
        json!({"m1": {"1.1": "chín", "1.2": 9, "2.1": 9}, "m2": [8, 8, 8]}),
    );
    let p = problems_of(&s, &bytes);
    let paths: Vec<&str> = p.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(
        paths,
        ["scores[\"m1\"][\"1.1\"]", "scores[\"m2\"]"],
        "{p:?}"
    );

    // A cell really left out is still missing, beside a bad one elsewhere.
    let bytes = sheet_bytes(
        &s,
        "m0",
        json!({"m1": {"1.1": 12, "1.2": 9}, "m2": full_row(8.0)}),
    );
    let p = problems_of(&s, &bytes);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(
        matches!(&p[1].1, Issue::IncompleteSheet { missing: 1, example } if example == "m1 / 2.1"),
        "{p:?}"
    );
}

proptest! {
    #[test]
    fn import_is_idempotent(values in proptest::collection::vec(0u32..=20, 6), bonus in 0u32..=10) {
        let mut s = session(&config_json(3));
        let v = |i: usize| values[i] as f64 / 2.0;
        let scores = json!({
            "m1": {"1.1": v(0), "1.2": v(1), "2.1": v(2), "b": bonus as f64 / 2.0},
            "m2": {"1.1": v(3), "1.2": v(4), "2.1": v(5)}
        });
        let sheet = Sheet::from_bytes(&sheet_bytes(&s, "m0", scores), s.config()).unwrap();
        import(&mut s, &sheet).unwrap();
        let (events, row1, row2) = (s.event_count(), s.row(0, 1).to_vec(), s.row(0, 2).to_vec());
        prop_assert_eq!(import(&mut s, &sheet), Ok(ImportPlan::Unchanged));
        prop_assert_eq!(s.event_count(), events);
        prop_assert_eq!(s.row(0, 1), &row1[..]);
        prop_assert_eq!(s.row(0, 2), &row2[..]);
    }

    #[test]
    fn sheet_loader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let s = session(&config_json(3));
        let _ = Sheet::from_bytes(&bytes, s.config());
    }
}
