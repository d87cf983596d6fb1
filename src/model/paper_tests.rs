use super::event::{Actor, Event};
use super::paper::{
    Decision, Entry, Fault, PaperDraft, PaperError, Reading, check_code_matches, may_start,
};
use super::points::Points;
use super::session::Session;
use super::testkit::{apply, config_json, id, session};
use super::typing::{CellKey, SheetLayout};
use proptest::prelude::*;

/// A paper sheet of scorer 0 in a 4-member cluster: items 1.1, 1.2, 2.1 (max 10),
/// bonus b and deduction d (max 5), for members 1, 2, 3: 15 cells.
fn paper_of(s: &Session) -> (PaperDraft, SheetLayout) {
    (PaperDraft::new(&id(0)), SheetLayout::new(s.config(), 0))
}

/// Types `texts` (in Tab order) as one finished entry.
fn type_entry(
    s: &Session,
    draft: &mut PaperDraft,
    layout: &SheetLayout,
    typist: &str,
    texts: &[&str],
) {
    draft.entries.push(Entry {
        typist: typist.into(),
        ..Entry::default()
    });
    let n = draft.entries.len() - 1;
    for (key, text) in layout.keys().zip(texts) {
        draft.set(s.config(), n, key, text);
    }
    draft.entries[n].done = true;
}

/// Twelve item values and three adjustments, as a delegate writes them.
const PAPER: [&str; 15] = [
    "9", "8,5", "10", "7", "9.5", "6", "10", "8", "9", "2", "", "1", "", "0,5", "",
];

fn commit(s: &mut Session, events: Vec<Event>) {
    for event in events {
        apply(s, Actor::Chair, event).unwrap();
    }
}

#[test]
fn two_entries_that_differ_in_three_cells_show_exactly_those_and_commit_nothing() {
    let mut s = session(&config_json(4));
    let (mut draft, layout) = paper_of(&s);
    type_entry(&s, &mut draft, &layout, "Trần Thị Bình", &PAPER);
    let mut second = PAPER;
    second[1] = "5,5";
    second[6] = "1";
    second[13] = "";
    type_entry(&s, &mut draft, &layout, "Lê Văn Cường", &second);
    let keys: Vec<CellKey> = layout.keys().collect();
    let comparison = draft.compare(s.config(), &layout);
    let differing: Vec<CellKey> = comparison.differences.iter().map(|d| d.key).collect();
    assert_eq!(differing, vec![keys[1], keys[6], keys[13]]);
    assert_eq!(comparison.differences[0].first, Reading::Value(Points(850)));
    assert_eq!(
        comparison.differences[0].second,
        Reading::Value(Points(550))
    );
    assert!(!comparison.is_ready());
    assert_eq!(
        draft.events(&s, &layout),
        Err(PaperError::NotReady {
            differences: 3,
            faults: 0
        })
    );
    assert_eq!(s.event_count(), 0, "nothing committed");

    // Typed a third time from the paper: each agrees with one of the two.
    draft.set_third(s.config(), keys[1], Some("8.5"));
    draft.set_third(s.config(), keys[6], Some("10"));
    // A third reading that agrees with neither settles nothing.
    draft.set_third(s.config(), keys[13], Some("1"));
    assert_eq!(draft.compare(s.config(), &layout).open_differences(), 1);
    draft.set_third(s.config(), keys[13], Some("0,5"));
    let events = draft.events(&s, &layout).unwrap();
    assert_eq!(
        events[0],
        Event::PaperSheet {
            scorer: id(0),
            entered_by: "Trần Thị Bình".into(),
            checked_by: "Lê Văn Cường".into(),
            corrections: vec![],
        }
    );
    assert_eq!(events.last(), Some(&Event::Submit { scorer: id(0) }));
    commit(&mut s, events);
    assert!(s.is_submitted(0));
    for (key, text) in keys.iter().zip(PAPER) {
        let want = Points::parse(text).ok();
        assert_eq!(s.score(0, key.0, key.1), want, "{key:?}");
    }
    // Once in, the same sheet cannot go in again.
    assert!(matches!(
        draft.events(&s, &layout),
        Err(PaperError::Submitted { .. })
    ));
}

#[test]
fn a_value_the_paper_gets_wrong_is_refused_in_both_and_settled_by_the_chair() {
    let mut s = session(&config_json(4));
    let (mut draft, layout) = paper_of(&s);
    let mut paper = PAPER;
    paper[2] = "12";
    paper[5] = "";
    type_entry(&s, &mut draft, &layout, "A", &paper);
    type_entry(&s, &mut draft, &layout, "B", &paper);
    let keys: Vec<CellKey> = layout.keys().collect();
    let comparison = draft.compare(s.config(), &layout);
    assert!(comparison.differences.is_empty(), "both entries agree");
    let faults: Vec<(CellKey, String, bool)> = comparison
        .faults
        .iter()
        .map(|f| (f.key, f.written.clone(), matches!(f.fault, Fault::Blank)))
        .collect();
    assert_eq!(
        faults,
        vec![
            (keys[2], "12".into(), false),
            (keys[5], String::new(), true)
        ]
    );
    assert!(matches!(
        draft.events(&s, &layout),
        Err(PaperError::NotReady { faults: 2, .. })
    ));
    let meant = |v: i64, why: &str| {
        Some(Decision {
            value: Some(Points(v)),
            reason: why.into(),
        })
    };
    draft.decide(
        s.config(),
        keys[2],
        meant(1000, "Đại biểu xác nhận chấm tối đa 10"),
    );
    draft.decide(
        s.config(),
        keys[5],
        meant(600, "Đại biểu bổ sung tại hội nghị"),
    );
    let events = draft.events(&s, &layout).unwrap();
    let Event::PaperSheet { corrections, .. } = &events[0] else {
        panic!("provenance first");
    };
    assert_eq!(corrections.len(), 2);
    assert_eq!(corrections[0].written, "12");
    assert_eq!(corrections[0].value, Some(Points(1000)));
    commit(&mut s, events);
    assert_eq!(s.score(0, keys[2].0, keys[2].1), Some(Points(1000)));
    assert_eq!(s.score(0, keys[5].0, keys[5].1), Some(Points(600)));
}

#[test]
fn the_check_code_from_the_paper_must_be_this_configs() {
    let s = session(&config_json(4));
    let sha = s.config().sha256.clone();
    let printed = &sha[..16];
    assert!(check_code_matches(s.config(), printed));
    assert!(check_code_matches(
        s.config(),
        &format!("{} {}", &printed[..8].to_uppercase(), &printed[8..])
    ));
    assert!(
        !check_code_matches(s.config(), &printed[..15]),
        "every digit"
    );
    let mut other = config_json(4);
    other["cluster"]["year"] = serde_json::json!(2025);
    let other = session(&other);
    assert!(
        !check_code_matches(other.config(), printed),
        "another year's sheet"
    );
}

#[test]
fn a_sheet_with_scores_takes_no_paper_until_the_chair_reopens_it() {
    let mut s = session(&config_json(3));
    apply(
        &mut s,
        Actor::Member(id(0)),
        Event::Score {
            scorer: id(0),
            target: id(1),
            item: "b".into(),
            value: Some(Points(100)),
        },
    )
    .unwrap();
    assert!(matches!(
        may_start(&s, 0),
        Err(PaperError::SheetHoldsScores { .. })
    ));
    assert_eq!(may_start(&s, 1), Ok(()));
    super::testkit::fill(&mut s, 0, 1, [500, 500, 500, 0, 0]);
    super::testkit::fill(&mut s, 0, 2, [500, 500, 500, 0, 0]);
    super::testkit::submit(&mut s, 0);
    assert!(matches!(
        may_start(&s, 0),
        Err(PaperError::Submitted { .. })
    ));
    apply(
        &mut s,
        Actor::Chair,
        Event::Reopen {
            scorer: id(0),
            reason: "Nhập lại theo phiếu giấy".into(),
        },
    )
    .unwrap();
    assert_eq!(may_start(&s, 0), Ok(()));
    // The paper replaces what the sheet held, cell for cell (blank clears).
    let (mut draft, layout) = paper_of(&s);
    let paper = ["9", "9", "9", "9", "9", "9", "", "", "", ""];
    type_entry(&s, &mut draft, &layout, "A", &paper);
    type_entry(&s, &mut draft, &layout, "B", &paper);
    let events = draft.events(&s, &layout).unwrap();
    commit(&mut s, events);
    assert_eq!(s.score(0, 1, s.config().cell("b").unwrap()), None);
    assert_eq!(s.score(0, 2, 0), Some(Points(900)));
}

fn text_for(v: u8) -> String {
    match v {
        0 => String::new(),
        21 => "12".into(),
        22 => "x".into(),
        h => Points(i64::from(h) * 50).display(if h % 2 == 0 { ',' } else { '.' }),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever two typists type, the differences are exactly the cells whose
    /// readings disagree; once each is typed a third time as the paper says (the
    /// first entry here) and the faults are decided, what goes in is the paper.
    #[test]
    fn what_goes_in_is_what_both_or_the_third_reading_say(
        first in proptest::collection::vec(0u8..23, 15),
        second in proptest::collection::vec(0u8..23, 15),
    ) {
        let mut s = session(&config_json(4));
        let (mut draft, layout) = paper_of(&s);
        let a: Vec<String> = first.iter().map(|&v| text_for(v)).collect();
        let b: Vec<String> = second.iter().map(|&v| text_for(v)).collect();
        let a_refs: Vec<&str> = a.iter().map(String::as_str).collect();
        let b_refs: Vec<&str> = b.iter().map(String::as_str).collect();
        type_entry(&s, &mut draft, &layout, "A", &a_refs);
        type_entry(&s, &mut draft, &layout, "B", &b_refs);
        let keys: Vec<CellKey> = layout.keys().collect();
        let config = s.config().clone();
        let comparison = draft.compare(&config, &layout);
        let differing: Vec<CellKey> = comparison.differences.iter().map(|d| d.key).collect();
        let expected: Vec<CellKey> = keys
            .iter()
            .zip(a.iter().zip(&b))
            .filter(|(k, (x, y))| !Reading::of(&config, k.1, x).agrees(&Reading::of(&config, k.1, y)))
            .map(|(k, _)| *k)
            .collect();
        prop_assert_eq!(&differing, &expected);
        prop_assert_eq!(draft.events(&s, &layout).is_ok(), comparison.is_ready());
        for k in &differing {
            let n = keys.iter().position(|x| x == k).unwrap();
            draft.set_third(&config, *k, Some(&a[n]));
        }
        let faults: Vec<CellKey> = draft.compare(&config, &layout).faults.iter().map(|f| f.key).collect();
        for k in &faults {
            draft.decide(&config, *k, Some(Decision { value: Some(Points(100)), reason: "xác nhận".into() }));
        }
        let events = draft.events(&s, &layout);
        prop_assert!(events.is_ok(), "{:?}", events);
        commit(&mut s, events.unwrap_or_default());
        for (n, k) in keys.iter().enumerate() {
            let want = if faults.contains(k) {
                Some(Points(100))
            } else {
                Points::parse(&a[n]).ok()
            };
            prop_assert_eq!(s.score(0, k.0, k.1), want);
        }
    }
}
