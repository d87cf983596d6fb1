//! Events from delegates' devices: group commit, exactly once per origin, the origin
//! in the chain, the upgrade from version 1, the host's own state.

use super::*;
use crate::model::Tally;
use crate::model::points::Points;
use crate::sample::SAMPLE_CONFIG;
use proptest::prelude::*;

const AT: &str = "2024-12-20T09:00:00+07:00";

/// A meeting file written by thidua before origins existed (schema version 1): the
/// sample cluster, meeting details and Ba Đình's sheet imported (105 events).
const V1_FILE: &[u8] = include_bytes!("testdata/v1-sample.thidua");
/// Its chain head, as `thidua verify` printed it when the file was made.
const V1_HEAD: &str = "a1e7a5808584185da49e9665d7528f34b633b6e5b7d690eb572e32c41158a8d8";

fn score(scorer: &str, target: &str, item: &str, hundredths: i64) -> Event {
    Event::Score {
        scorer: scorer.into(),
        target: target.into(),
        item: item.into(),
        value: Some(Points(hundredths)),
    }
}

fn origin(device: &str, seq: u64) -> Origin {
    Origin {
        device: device.into(),
        seq,
    }
}

/// A delegate's score sent from a device.
fn sent(device: &str, seq: u64, event: Event) -> Submission {
    let Event::Score { scorer, .. } = &event else {
        panic!("a delegate sends scores here");
    };
    Submission {
        by: Actor::Member(scorer.clone()),
        origin: Some(origin(device, seq)),
        event,
    }
}

fn user_version(path: &Path) -> i32 {
    let conn = Connection::open(path).unwrap();
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

fn schema(path: &Path) -> Vec<(String, String, Option<String>)> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

/// Every cell of every sheet: what the meeting holds, submitted or not (the tally
/// counts submitted sheets only).
fn cells_held(session: &Session) -> Vec<Option<Points>> {
    let n = session.config().members.len();
    (0..n)
        .flat_map(|s| (0..n).flat_map(move |t| session.row(s, t).to_vec()))
        .collect()
}

/// The chair's events that fill every empty item cell with 1 point and submit every
/// sheet, so the tally counts what the delegates sent.
fn fill_and_submit(session: &Session) -> Vec<Event> {
    let config = session.config();
    let mut events = Vec::new();
    for (s, scorer) in config.members.iter().enumerate() {
        for (t, target) in config.members.iter().enumerate() {
            for (c, cell) in config.cells.iter().enumerate() {
                if cell.is_item() && config.scores_target(s, t) && session.score(s, t, c).is_none()
                {
                    events.push(score(&scorer.id, &target.id, &cell.id, 100));
                }
            }
        }
        events.push(Event::Submit {
            scorer: scorer.id.clone(),
        });
    }
    events
}

fn breaks(file: &MeetingFile) -> Vec<ChainBreak> {
    match file.integrity() {
        Integrity::Verified => Vec::new(),
        Integrity::Broken(breaks) => breaks.clone(),
    }
}

#[test]
fn a_batch_answers_each_item_in_order_and_commits_each_accepted_event_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hoi-nghi.thidua");
    let mut file = MeetingFile::create(&path, SAMPLE_CONFIG, AT).unwrap();
    let items = vec![
        sent("may-1", 1, score("ba-dinh", "hoang-mai", "1.1", 500)),
        // Above the item's maximum 6.
        sent("may-1", 2, score("ba-dinh", "hoang-mai", "1.2", 900)),
        // The first item's number for another value: refused, never "already
        // committed" (only the very same event is).
        sent("may-1", 1, score("ba-dinh", "hoang-mai", "1.1", 550)),
        // A member does not score itself here.
        sent("may-2", 1, score("hoang-mai", "hoang-mai", "1.1", 300)),
        // The chair's own event, without an origin.
        Submission {
            by: Actor::Chair,
            origin: None,
            event: score("ba-dinh", "hoan-kiem", "1.1", 400),
        },
        // Judged against the meeting the first item left: nothing to change.
        sent("may-1", 2, score("ba-dinh", "hoang-mai", "1.1", 500)),
        sent("may-1", 3, score("ba-dinh", "hoang-mai", "1.1", 550)),
        sent("may-1", 3, score("ba-dinh", "hoang-mai", "1.1", 550)),
        // Refused earlier in the batch, so not a duplicate: judged afresh.
        sent("may-2", 1, score("hoang-mai", "ba-dinh", "1.2", 300)),
    ];
    let outcomes = file.append_batch(items, AT).unwrap();
    let refused = |o: &Outcome| matches!(o, Outcome::Refused(_));
    assert_eq!(outcomes.len(), 9);
    assert_eq!(outcomes[0], Outcome::Committed { seq: 1 });
    assert!(
        matches!(&outcomes[1], Outcome::Refused(EventError::BadPoints { cell, .. }) if cell == "1.2"),
        "{:?}",
        outcomes[1]
    );
    assert_eq!(outcomes[2], Outcome::Refused(EventError::NumberReused(1)));
    assert!(
        matches!(
            &outcomes[3],
            Outcome::Refused(EventError::SelfExcluded { .. })
        ),
        "{:?}",
        outcomes[3]
    );
    assert_eq!(outcomes[4], Outcome::Committed { seq: 2 });
    assert!(
        matches!(&outcomes[5], Outcome::Refused(EventError::NoChange(_))),
        "{:?}",
        outcomes[5]
    );
    assert_eq!(outcomes[6], Outcome::Committed { seq: 3 });
    assert_eq!(outcomes[7], Outcome::Duplicate { seq: 3 });
    assert_eq!(outcomes[8], Outcome::Committed { seq: 4 });
    assert_eq!(outcomes.iter().filter(|o| refused(o)).count(), 4);

    let records = file.records().unwrap();
    let origins: Vec<Option<Origin>> = records.iter().map(|r| r.origin.clone()).collect();
    assert_eq!(
        origins,
        vec![
            Some(origin("may-1", 1)),
            None,
            Some(origin("may-1", 3)),
            Some(origin("may-2", 1)),
        ]
    );
    assert_eq!(records[0].event, score("ba-dinh", "hoang-mai", "1.1", 500));
    assert_eq!(records[2].event, score("ba-dinh", "hoang-mai", "1.1", 550));
    assert_eq!(records[2].by, Actor::Member("ba-dinh".into()));
    assert_eq!(file.last_seq(), 4);
    assert_eq!(file.session().event_count(), 4);
    let config = file.config();
    let (b, h, c) = (
        config.member("ba-dinh").unwrap(),
        config.member("hoang-mai").unwrap(),
        config.cell("1.1").unwrap(),
    );
    assert_eq!(file.session().score(b, h, c), Some(Points(550)));
    assert_eq!(file.committed_origin("may-1", 1), Some(1));
    assert_eq!(file.committed_origin("may-1", 2), None);
    assert_eq!(file.committed_origin("may-2", 1), Some(4));
    assert_eq!(file.last_device_seq("may-1"), Some(3));
    assert_eq!(file.last_device_seq("may-2"), Some(1));
    assert_eq!(file.last_device_seq("may-3"), None);

    // Nothing acceptable: no transaction, nothing changes.
    let head = file.head().to_string();
    let outcomes = file
        .append_batch(
            vec![
                sent("may-1", 1, score("ba-dinh", "hoang-mai", "1.1", 500)),
                sent("may-1", 4, score("ba-dinh", "hoang-mai", "1.1", 550)),
            ],
            AT,
        )
        .unwrap();
    assert_eq!(outcomes[0], Outcome::Duplicate { seq: 1 });
    assert!(refused(&outcomes[1]));
    assert_eq!(file.append_batch(Vec::new(), AT).unwrap(), Vec::new());
    assert_eq!((file.head(), file.last_seq()), (head.as_str(), 4));

    drop(file);
    let file = MeetingFile::open(&path).unwrap();
    assert_eq!(file.integrity(), &Integrity::Verified);
    assert_eq!(file.records().unwrap(), records);
    assert_eq!(file.records_after(2).unwrap(), records[2..].to_vec());
}

#[test]
fn an_origin_sent_again_after_reopening_is_a_duplicate_of_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hoi-nghi.thidua");
    let mut file = MeetingFile::create(&path, SAMPLE_CONFIG, AT).unwrap();
    file.append(Actor::Chair, score("ba-dinh", "long-bien", "1.1", 100), AT)
        .unwrap();
    let first = file
        .append_batch(
            vec![
                sent("may-7", 41, score("dong-da", "ba-dinh", "2.1", 650)),
                sent("may-7", 42, score("dong-da", "ba-dinh", "2.2", 350)),
            ],
            AT,
        )
        .unwrap();
    assert_eq!(
        first,
        vec![Outcome::Committed { seq: 2 }, Outcome::Committed { seq: 3 }]
    );
    let held = cells_held(file.session());
    let head = file.head().to_string();
    drop(file);

    let mut file = MeetingFile::open(&path).unwrap();
    assert_eq!(file.integrity(), &Integrity::Verified);
    assert_eq!(file.committed_origin("may-7", 42), Some(3));
    assert_eq!(file.last_device_seq("may-7"), Some(42));
    // The device did not hear the answer and sends both again, with a new one.
    let again = file
        .append_batch(
            vec![
                sent("may-7", 42, score("dong-da", "ba-dinh", "2.2", 350)),
                sent("may-7", 41, score("dong-da", "ba-dinh", "2.1", 650)),
                sent("may-7", 43, score("dong-da", "ba-dinh", "2.3", 500)),
            ],
            AT,
        )
        .unwrap();
    assert_eq!(
        again,
        vec![
            Outcome::Duplicate { seq: 3 },
            Outcome::Duplicate { seq: 2 },
            Outcome::Committed { seq: 4 },
        ]
    );
    assert_eq!(file.last_device_seq("may-7"), Some(43));
    assert_ne!(file.head(), head);
    // Only the new score changed the meeting: it is the fold of the four events.
    let records = file.records().unwrap();
    assert_eq!(records.len(), 4);
    let mut expected = Session::new(file.session().config_arc().clone());
    for record in &records {
        expected.apply(record).unwrap();
    }
    assert_ne!(cells_held(&expected), held);
    assert_eq!(cells_held(&expected), cells_held(file.session()));
}

#[test]
fn a_batch_whose_transaction_fails_commits_and_applies_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hoi-nghi.thidua");
    let mut file = MeetingFile::create(&path, SAMPLE_CONFIG, AT).unwrap();
    // Another program writes to the file meanwhile.
    let mut other = MeetingFile::open(&path).unwrap();
    other
        .append(Actor::Chair, score("ba-dinh", "long-bien", "1.1", 100), AT)
        .unwrap();
    let error = file
        .append_batch(
            vec![
                sent("may-1", 1, score("dong-da", "ba-dinh", "2.1", 650)),
                sent("may-1", 2, score("dong-da", "ba-dinh", "2.2", 350)),
            ],
            AT,
        )
        .unwrap_err();
    assert!(matches!(error, StoreError::ChangedElsewhere), "{error}");
    assert_eq!(file.last_seq(), 0);
    assert_eq!(file.session().event_count(), 0);
    assert_eq!(file.committed_origin("may-1", 1), None);
    assert_eq!(file.last_device_seq("may-1"), None);
    drop((file, other));
    let file = MeetingFile::open(&path).unwrap();
    assert_eq!(file.last_seq(), 1);
    assert_eq!(file.last_device_seq("may-1"), None);
}

#[test]
fn a_version_1_file_opens_upgrades_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cu.thidua");
    std::fs::write(&path, V1_FILE).unwrap();
    assert_eq!(user_version(&path), 1);

    let mut file = MeetingFile::open(&path).unwrap();
    assert_eq!(file.integrity(), &Integrity::Verified);
    assert_eq!(file.head(), V1_HEAD, "old rows hash exactly as before");
    assert_eq!(file.last_seq(), 105);
    let old = file.records().unwrap();
    assert_eq!(old.len(), 105);
    assert!(old.iter().all(|r| r.origin.is_none()));
    assert_eq!(file.host_state("join").unwrap(), None);
    file.set_host_state("join", "123456").unwrap();
    let outcomes = file
        .append_batch(
            vec![sent("may-1", 1, score("hoang-mai", "ba-dinh", "1.1", 450))],
            AT,
        )
        .unwrap();
    assert_eq!(outcomes, vec![Outcome::Committed { seq: 106 }]);
    drop(file);

    assert_eq!(user_version(&path), 2);
    let fresh = dir.path().join("moi.thidua");
    drop(MeetingFile::create(&fresh, SAMPLE_CONFIG, AT).unwrap());
    assert_eq!(schema(&path), schema(&fresh), "upgraded = created today");

    let file = MeetingFile::open(&path).unwrap();
    assert_eq!(file.integrity(), &Integrity::Verified);
    assert_eq!(file.records().unwrap()[..105], old[..]);
    assert_eq!(file.committed_origin("may-1", 1), Some(106));
    assert_eq!(file.host_state("join").unwrap().as_deref(), Some("123456"));
    let (_, head_then) = file.session_at(105).unwrap();
    assert_eq!(head_then, V1_HEAD);
}

#[test]
fn a_file_opened_to_be_read_keeps_every_byte_and_takes_no_event() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cu.thidua");
    std::fs::write(&path, V1_FILE).unwrap();

    let mut file = MeetingFile::open_to_read(&path).unwrap();
    assert_eq!(
        file.integrity(),
        &Integrity::Broken(vec![ChainBreak::FileReadOnly])
    );
    assert!(!ChainBreak::FileReadOnly.is_damage());
    assert_eq!((file.head(), file.last_seq()), (V1_HEAD, 105));
    let refused = file.append(Actor::Chair, score("hoang-mai", "ba-dinh", "1.1", 450), AT);
    assert!(
        matches!(refused, Err(StoreError::ReadOnly(_))),
        "{refused:?}"
    );
    drop(file);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        V1_FILE,
        "not upgraded, not touched"
    );
    assert_eq!(user_version(&path), 1);
}

#[test]
fn a_version_1_file_that_does_not_verify_is_shown_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cu.thidua");
    std::fs::write(&path, V1_FILE).unwrap();
    Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE events SET at = '2024-12-21T09:00:00+07:00' WHERE seq = 5",
            [],
        )
        .unwrap();
    let mut file = MeetingFile::open(&path).unwrap();
    assert_eq!(breaks(&file), vec![ChainBreak::HashMismatch { seq: 5 }]);
    assert_eq!(file.records().unwrap().len(), 105);
    assert_eq!(file.host_state("join").unwrap(), None);
    assert!(matches!(
        file.set_host_state("join", "1"),
        Err(StoreError::ReadOnly(_))
    ));
    assert!(matches!(
        file.append_batch(
            vec![sent("may-1", 1, score("hoang-mai", "ba-dinh", "1.1", 450))],
            AT
        ),
        Err(StoreError::ReadOnly(_))
    ));
    drop(file);
    assert_eq!(user_version(&path), 1, "a damaged file is not written");
}

#[test]
fn a_version_1_file_that_cannot_be_upgraded_opens_read_only_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cu.thidua");
    std::fs::write(&path, V1_FILE).unwrap();
    // A table in the way makes the upgrade fail halfway: its ALTERs are undone too.
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE host_state (x)")
        .unwrap();
    let before = schema(&path);
    let mut file = MeetingFile::open(&path).unwrap();
    let found = breaks(&file);
    assert!(
        matches!(found.as_slice(), [ChainBreak::NotUpgraded { .. }]),
        "{found:?}"
    );
    assert!(!found[0].is_damage());
    assert!(found[0].text(Lang::Vi).contains("phiên bản thidua cũ hơn"));
    assert_eq!(file.head(), V1_HEAD);
    assert_eq!(file.records().unwrap().len(), 105);
    assert_eq!(file.host_state("join").unwrap(), None);
    assert!(matches!(
        file.append(Actor::Chair, score("hoang-mai", "ba-dinh", "1.1", 450), AT),
        Err(StoreError::ReadOnly(ChainBreak::NotUpgraded { .. }))
    ));
    drop(file);
    assert_eq!(user_version(&path), 1);
    assert_eq!(schema(&path), before);
}

#[test]
fn a_file_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("moi.thidua");
    drop(MeetingFile::create(&path, SAMPLE_CONFIG, AT).unwrap());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 3)
        .unwrap();
    let error = MeetingFile::open(&path).err().unwrap();
    assert!(
        matches!(error, StoreError::TooNew { found: 3, .. }),
        "{error}"
    );
}

#[test]
fn origins_are_in_the_chain_and_an_edited_origin_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hoi-nghi.thidua");
    let mut file = MeetingFile::create(&path, SAMPLE_CONFIG, AT).unwrap();
    let outcomes = file
        .append_batch(
            vec![
                sent("may-1", 1, score("dong-da", "ba-dinh", "2.1", 650)),
                sent(
                    "máy \"2\"",
                    u64::MAX,
                    score("dong-da", "ba-dinh", "2.2", 350),
                ),
                sent("may-1", 2, score("dong-da", "ba-dinh", "2.3", 500)),
                Submission {
                    by: Actor::Chair,
                    origin: None,
                    event: score("ba-dinh", "hoan-kiem", "1.1", 400),
                },
            ],
            AT,
        )
        .unwrap();
    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o, Outcome::Committed { .. }))
    );
    // Each row's hash covers its origin, as `record_hash` spells it.
    let mut head = file.config().sha256.clone();
    for record in file.records().unwrap() {
        head = record_hash(
            &head,
            record.seq,
            &record.at,
            record.by.as_str(),
            record.origin.as_ref(),
            &record.event.to_json(),
        );
    }
    assert_eq!(head, file.head());
    drop(file);
    let file = MeetingFile::open(&path).unwrap();
    assert_eq!(file.integrity(), &Integrity::Verified);
    assert_eq!(file.committed_origin("máy \"2\"", u64::MAX), Some(2));
    assert_eq!(file.last_device_seq("máy \"2\""), Some(u64::MAX));
    drop(file);

    let cases = [
        (
            "UPDATE events SET device = 'may-9' WHERE seq = 1",
            ChainBreak::HashMismatch { seq: 1 },
        ),
        (
            "UPDATE events SET device_seq = 7 WHERE seq = 3",
            ChainBreak::HashMismatch { seq: 3 },
        ),
        (
            "UPDATE events SET device = NULL, device_seq = NULL WHERE seq = 2",
            ChainBreak::HashMismatch { seq: 2 },
        ),
        (
            "UPDATE events SET device = 'may-9', device_seq = 1 WHERE seq = 4",
            ChainBreak::HashMismatch { seq: 4 },
        ),
        (
            "UPDATE events SET device_seq = NULL WHERE seq = 3",
            ChainBreak::Unreadable { seq: 3 },
        ),
        // Values of the wrong type: a blob for the device, text for its sequence.
        (
            "UPDATE events SET device = X'3132' WHERE seq = 1",
            ChainBreak::Unreadable { seq: 1 },
        ),
        (
            "UPDATE events SET device_seq = 'một' WHERE seq = 1",
            ChainBreak::Unreadable { seq: 1 },
        ),
    ];
    for (n, (edit, expected)) in cases.into_iter().enumerate() {
        let copy = dir.path().join(format!("sua-{n}.thidua"));
        std::fs::copy(&path, &copy).unwrap();
        Connection::open(&copy).unwrap().execute(edit, []).unwrap();
        let file = MeetingFile::open(&copy).unwrap();
        let found = breaks(&file);
        assert!(found.contains(&expected), "{edit}: {found:?}");
        assert!(found.iter().all(ChainBreak::is_damage), "{edit}");
    }
}

#[test]
fn the_host_state_is_kept_beside_the_chain_and_in_a_saved_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hoi-nghi.thidua");
    let mut file = MeetingFile::create(&path, SAMPLE_CONFIG, AT).unwrap();
    file.append(Actor::Chair, score("ba-dinh", "long-bien", "1.1", 100), AT)
        .unwrap();
    let head = file.head().to_string();
    assert_eq!(file.host_state("join/ba-dinh").unwrap(), None);
    file.set_host_state("join/ba-dinh", "418203").unwrap();
    file.set_host_state("join/ba-dinh", "905112").unwrap();
    file.set_host_state("join/dong-da", "").unwrap();
    assert_eq!(
        file.host_state("join/ba-dinh").unwrap().as_deref(),
        Some("905112")
    );
    assert_eq!(
        file.host_state("join/dong-da").unwrap().as_deref(),
        Some("")
    );
    assert_eq!((file.head(), file.last_seq()), (head.as_str(), 1));
    let copy = dir.path().join("ban-sao.thidua");
    file.save_copy(&copy).unwrap();
    drop(file);
    for path in [&path, &copy] {
        let file = MeetingFile::open(path).unwrap();
        assert_eq!(file.integrity(), &Integrity::Verified);
        assert_eq!(file.head(), head);
        assert_eq!(
            file.host_state("join/ba-dinh").unwrap().as_deref(),
            Some("905112")
        );
    }
}

/// Cells no two items share, spread over the scorers: (scorer, target, item).
fn cells(config: &Config) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for cell in config.cells.iter().filter(|c| c.is_item()) {
        for (s, scorer) in config.members.iter().enumerate() {
            for (t, target) in config.members.iter().enumerate() {
                if config.scores_target(s, t) {
                    out.push((scorer.id.clone(), target.id.clone(), cell.id.clone()));
                }
            }
        }
    }
    out
}

/// Distinct items (device, value in half points, times sent), the order the sends
/// go out in (item indices), and the batches (size, reopen the file before it).
type Plan = (Vec<(usize, i64, usize)>, Vec<usize>, Vec<(usize, bool)>);

fn plan() -> impl Strategy<Value = Plan> {
    proptest::collection::vec((0usize..3, 0i64..=8, 1usize..=3), 1..40).prop_flat_map(|items| {
        let sends: Vec<usize> = items
            .iter()
            .enumerate()
            .flat_map(|(i, (_, _, copies))| std::iter::repeat_n(i, *copies))
            .collect();
        let n = sends.len();
        (
            Just(items),
            Just(sends).prop_shuffle(),
            proptest::collection::vec((1usize..12, proptest::bool::weighted(0.3)), n),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn each_origin_is_committed_once_however_often_and_in_whatever_batches_it_is_sent(
        (items, sends, batches) in plan()
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hoi-nghi.thidua");
        let mut file = MeetingFile::create(&path, SAMPLE_CONFIG, AT).unwrap();
        let cells = cells(file.config());
        // Device 2 counts from near the top of u64, past i64::MAX. A device belongs
        // to one delegate: each delegate has its own three.
        let bases = [1u64, 1000, u64::MAX - 100];
        let mut counters: BTreeMap<String, (usize, u64)> = BTreeMap::new();
        let submissions: Vec<Submission> = items
            .iter()
            .enumerate()
            .map(|(i, (device, half_points, _))| {
                let (scorer, target, item) = &cells[i];
                let name = format!("may-{device}-{scorer}");
                let counter = counters.entry(name.clone()).or_insert((*device, 0));
                let seq = bases[*device] + counter.1;
                counter.1 += 1;
                sent(&name, seq, score(scorer, target, item, half_points * 50))
            })
            .collect();

        let mut first: HashMap<usize, u64> = HashMap::new();
        let mut rest = &sends[..];
        for (size, reopen) in batches {
            if rest.is_empty() {
                break;
            }
            if reopen {
                drop(file);
                file = MeetingFile::open(&path).unwrap();
                prop_assert_eq!(file.integrity(), &Integrity::Verified);
            }
            let (now, later) = rest.split_at(size.min(rest.len()));
            rest = later;
            let batch = now.iter().map(|i| submissions[*i].clone()).collect();
            let outcomes = file.append_batch(batch, AT).unwrap();
            prop_assert_eq!(outcomes.len(), now.len());
            for (i, outcome) in now.iter().zip(outcomes) {
                match (first.get(i), outcome) {
                    (None, Outcome::Committed { seq }) => {
                        first.insert(*i, seq);
                    }
                    (Some(seq), Outcome::Duplicate { seq: again }) => prop_assert_eq!(*seq, again),
                    (before, outcome) => prop_assert!(false, "item {}: {:?} after {:?}", i, outcome, before),
                }
            }
        }
        drop(file);
        let file = MeetingFile::open(&path).unwrap();
        prop_assert_eq!(file.integrity(), &Integrity::Verified);
        let records = file.records().unwrap();
        prop_assert_eq!(records.len(), items.len());
        let mut expected = Session::new(file.session().config_arc().clone());
        for (i, submission) in submissions.iter().enumerate() {
            let Some(o) = &submission.origin else { unreachable!() };
            let seq = file.committed_origin(&o.device, o.seq);
            prop_assert_eq!(seq, first.get(&i).copied());
            let record = &records[seq.unwrap_or(0) as usize - 1];
            prop_assert_eq!(&record.event, &submission.event);
            prop_assert_eq!(record.origin.as_ref(), Some(o));
            expected
                .apply(&Record {
                    seq: expected.event_count() + 1,
                    at: AT.into(),
                    by: submission.by.clone(),
                    origin: None,
                    event: submission.event.clone(),
                })
                .unwrap();
        }
        for (name, (device, sent)) in &counters {
            let last = (*sent > 0).then(|| bases[*device] + sent - 1);
            prop_assert_eq!(file.last_device_seq(name), last);
        }
        prop_assert_eq!(cells_held(file.session()), cells_held(&expected));
        // Every sheet completed and submitted the same way, the tallies agree.
        let mut file = file;
        file.append_all(Actor::Chair, fill_and_submit(file.session()), AT).unwrap();
        for event in fill_and_submit(&expected) {
            let record = Record {
                seq: expected.event_count() + 1,
                at: AT.into(),
                by: Actor::Chair,
                origin: None,
                event,
            };
            expected.apply(&record).unwrap();
        }
        let tally = Tally::compute(file.session());
        prop_assert_eq!(tally.sheets_submitted, 6);
        prop_assert_eq!(&tally, &Tally::compute(&expected));
    }
}

#[test]
fn a_second_view_of_the_file_catches_up_with_what_the_writer_committed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.thidua");
    let mut writer = MeetingFile::create(&path, SAMPLE_CONFIG, AT).unwrap();
    let mut view = MeetingFile::open(&path).unwrap();
    let items = vec![
        sent("laptop-a", 1, score("ba-dinh", "hoang-mai", "1.1", 450)),
        sent("laptop-a", 2, score("ba-dinh", "hoang-mai", "1.2", 300)),
    ];
    writer.append_batch(items, AT).unwrap();
    assert_eq!(view.catch_up().unwrap(), 2);
    assert_eq!(view.last_seq(), writer.last_seq());
    assert_eq!(view.head(), writer.head());
    assert_eq!(view.session().score(0, 1, 0), Some(Points(450)));
    assert!(matches!(view.integrity(), Integrity::Verified));
    assert_eq!(view.catch_up().unwrap(), 0, "nothing new");
    // What the writer knows of its devices, the view knows too.
    assert_eq!(view.committed_origin("laptop-a", 2), Some(2));
}

/// A device belongs to the delegate who first sent from it: another delegate's code
/// using its id and its next numbers is refused, and the owner's own later events
/// with those numbers are committed, never answered "already committed". A code
/// reissued to the same delegate replays its journal without committing twice.
#[test]
fn another_delegates_events_under_a_device_cannot_make_its_owners_vanish() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hoi-nghi.thidua");
    let mut file = MeetingFile::create(&path, SAMPLE_CONFIG, AT).unwrap();
    let first = file
        .append_batch(
            vec![sent(
                "may-cua-nam",
                1,
                score("hoang-mai", "ba-dinh", "1.1", 500),
            )],
            AT,
        )
        .unwrap();
    assert_eq!(first, vec![Outcome::Committed { seq: 1 }]);
    // Ba Đình's code, the device id read off the wire, the next numbers.
    let impostor: Vec<Submission> = (2..=4)
        .map(|n| {
            sent(
                "may-cua-nam",
                n,
                score("ba-dinh", "hoang-mai", "1.1", 100 * n as i64),
            )
        })
        .collect();
    let outcomes = file.append_batch(impostor, AT).unwrap();
    assert!(
        outcomes
            .iter()
            .all(|o| *o == Outcome::Refused(EventError::DeviceOfAnother)),
        "{outcomes:?}"
    );
    // The owner's own 2–4 come after: committed.
    let own: Vec<Submission> = ["1.2", "1.3", "1.4"]
        .iter()
        .zip(2..)
        .map(|(item, n)| sent("may-cua-nam", n, score("hoang-mai", "ba-dinh", item, 300)))
        .collect();
    let outcomes = file.append_batch(own.clone(), AT).unwrap();
    assert_eq!(
        outcomes,
        vec![
            Outcome::Committed { seq: 2 },
            Outcome::Committed { seq: 3 },
            Outcome::Committed { seq: 4 },
        ]
    );
    // Reopened (the owner looked up from the file): the journal replayed under a
    // reissued code commits nothing twice, and the impostor is still refused.
    drop(file);
    let mut file = MeetingFile::open(&path).unwrap();
    let again = file.append_batch(own, AT).unwrap();
    assert_eq!(
        again,
        vec![
            Outcome::Duplicate { seq: 2 },
            Outcome::Duplicate { seq: 3 },
            Outcome::Duplicate { seq: 4 },
        ]
    );
    let outcomes = file
        .append_batch(
            vec![sent(
                "may-cua-nam",
                9,
                score("ba-dinh", "hoang-mai", "1.1", 100),
            )],
            AT,
        )
        .unwrap();
    assert_eq!(
        outcomes,
        vec![Outcome::Refused(EventError::DeviceOfAnother)]
    );
    assert_eq!(file.last_seq(), 4);
}
