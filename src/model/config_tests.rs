//! The cluster config loader: what it accepts, and that it never panics.

use super::config::{Aggregate, BallotBase, CellKind, Config, Role, SelfRule, TieBreak};
use super::points::Points;
use super::problem::Issue;
use super::testkit::config_json;
use proptest::prelude::*;
use serde_json::json;

const SAMPLE: &[u8] = include_bytes!("../../sample-data/ha-noi-cum-1-2024/cluster.json");

#[test]
fn the_sample_config_loads_with_its_rules() {
    let c = Config::from_bytes(SAMPLE).unwrap();
    assert_eq!(c.cluster.year, 2024);
    assert_eq!(c.members.len(), 6);
    assert_eq!(c.members.iter().filter(|m| m.role == Role::Head).count(), 1);
    assert_eq!(c.max_total(), Points(10_000));
    assert_eq!(c.scoring.self_rule, SelfRule::Exclude);
    assert_eq!(c.scoring.aggregate, Aggregate::Mean);
    let flag = &c.commendations[0];
    assert_eq!(flag.max_count, Some(1));
    let ballot = flag.ballot.unwrap();
    assert_eq!(
        (ballot.threshold, ballot.strict, ballot.base),
        (Points(5000), true, BallotBase::Present)
    );
    assert_eq!(c.tie_break[0], TieBreak::Group(0));
    assert!(c.cells.iter().any(|cell| cell.kind == CellKind::Bonus));
    // The hash is of the bytes as read.
    assert_eq!(c.sha256, super::config::sha256_hex(SAMPLE));
}

#[test]
fn a_byte_order_mark_is_accepted_and_changes_the_hash() {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(SAMPLE);
    let c = Config::from_bytes(&bytes).unwrap();
    assert_ne!(c.sha256, super::config::sha256_hex(SAMPLE));
}

#[test]
fn defaults_apply_when_optional_parts_are_absent() {
    let mut v = config_json(2);
    v.as_object_mut().unwrap().remove("adjustments");
    v.as_object_mut().unwrap().remove("classes");
    let bytes = serde_json::to_vec(&v).unwrap();
    let c = Config::from_bytes(&bytes).unwrap();
    assert_eq!(c.scoring.decimals, 2);
    assert_eq!(c.scoring.self_rule, SelfRule::Exclude);
    assert!(c.adjustments.is_empty() && c.classes.is_empty() && c.tie_break.is_empty());
    assert_eq!(c.members[0].short, "ĐV0");
}

#[test]
fn text_is_stored_nfc() {
    let mut v = config_json(2);
    v["members"][0]["name"] = json!("Phu\u{31b}o\u{31b}\u{300}ng Ha\u{300}");
    let c = Config::from_bytes(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(c.members[0].name, "Phường Hà");
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut v = config_json(3);
    v["cluster"]["year"] = json!("2024");
    v["members"][2]["id"] = json!("m0");
    v["criteria"][0]["items"][1]["step"] = json!(3);
    v["scoring"] = json!({"self": "sometimes"});
    v["classes"][2]["min"] = json!(30);
    let problems = Config::from_bytes(&serde_json::to_vec_pretty(&v).unwrap()).unwrap_err();
    let paths: Vec<&str> = problems.0.iter().map(|p| p.path.as_str()).collect();
    for wanted in [
        "cluster.year",
        "members[2].id",
        "criteria[0].items[1].step",
        "scoring.self",
        "classes[2].min",
    ] {
        assert!(paths.contains(&wanted), "{wanted} not in {paths:?}");
    }
    // Every problem carries a line and column in the file.
    assert!(problems.0.iter().all(|p| p.pos.is_some()));
}

#[test]
fn messages_exist_in_both_languages() {
    let problems = Config::from_bytes(b"{\"format\": \"x\"}").unwrap_err();
    for p in &problems.0 {
        let vi = p.text(super::problem::Lang::Vi);
        let en = p.text(super::problem::Lang::En);
        assert!(!vi.is_empty() && !en.is_empty());
    }
    assert!(
        problems
            .0
            .iter()
            .any(|p| matches!(p.issue, Issue::WrongFormat { .. }))
    );
    assert!(
        problems
            .0
            .iter()
            .any(|p| p.issue == Issue::Missing && p.path == "members")
    );
}

fn mutate(bytes: &[u8], at: usize, action: u8, byte: u8) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let at = at % out.len();
    match action % 3 {
        0 => out[at] = byte,
        1 => {
            out.remove(at);
        }
        _ => out.insert(at, byte),
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_damaged_config_never_panics(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6)) {
        let mut bytes = SAMPLE.to_vec();
        for (at, action, byte) in edits {
            bytes = mutate(&bytes, at, action, byte);
        }
        if let Err(problems) = Config::from_bytes(&bytes) {
            prop_assert!(!problems.0.is_empty());
        }
    }

    #[test]
    fn numbers_anywhere_never_panic(value in prop_oneof![
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        "\\PC{0,12}".prop_map(|s| json!(s)),
        Just(json!(null)), Just(json!([])), Just(json!({}))
    ], field in 0usize..8) {
        let mut v = config_json(3);
        match field {
            0 => v["cluster"]["year"] = value,
            1 => v["criteria"][0]["items"][0]["max"] = value,
            2 => v["criteria"][0]["items"][0]["step"] = value,
            3 => v["scoring"] = json!({"trim": value}),
            4 => v["classes"][0]["min"] = value,
            5 => v["members"][0]["id"] = value,
            6 => v["adjustments"][0]["max"] = value,
            _ => v["tie_break"] = json!([value]),
        }
        let _ = Config::from_bytes(&serde_json::to_vec(&v).unwrap());
    }
}
