//! Reading a file in two parts on two threads finds exactly what reading it in one
//! pass finds: the same breaks, in the same order, the same head and the same meeting,
//! however a row was tampered with and wherever it sits around the split.

use super::*;
use crate::export::results::results_document;
use crate::model::Tally;
use proptest::prelude::*;

/// The first 1,000 events of a meeting written before rows were read in two parts
/// (`thidua synthetic --scale large` on 2026-11-23, rows after 1,000 deleted, which
/// leaves a valid chain): chair-entered scores.
const V2_FILE: &[u8] = include_bytes!("testdata/v2-large-part.thidua");
/// The stored hash of its event 1,000.
const V2_HEAD: &str = "b6bb330addd5809e876b776540d28d58cb120c5948d48effa589894f3fbca147";
const V2_EVENTS: u64 = 1_000;
/// Where a two-part read of the whole file splits it.
const MIDDLE: u64 = 470;

fn fixture(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("m.thidua");
    std::fs::write(&path, V2_FILE).unwrap();
    path
}

/// What a reader learns from a file: breaks, head, how far it applied, the tally.
fn reading(path: &Path, parallel_rows: u64) -> (Vec<String>, String, u64, String) {
    let file = MeetingFile::open_with(path, parallel_rows, true).unwrap();
    let breaks = match file.integrity() {
        Integrity::Verified => Vec::new(),
        Integrity::Broken(breaks) => breaks.iter().map(|b| format!("{b:?}")).collect(),
    };
    let session = file.session();
    let document = results_document(session, &Tally::compute(session), file.head());
    let tally = serde_json::to_string(&document).unwrap();
    (breaks, file.head().to_string(), file.last_seq(), tally)
}

#[test]
fn a_file_written_before_two_part_reading_opens_and_verifies_either_way() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    assert_eq!(replay::split(0, V2_EVENTS, 1), Some(MIDDLE));
    let one_pass = reading(&path, u64::MAX);
    let two_parts = reading(&path, 1);
    assert_eq!(one_pass, two_parts);
    let (breaks, head, last, _) = one_pass;
    assert!(breaks.is_empty(), "{breaks:?}");
    assert_eq!((head.as_str(), last), (V2_HEAD, V2_EVENTS));
}

/// One way to tamper with the file at event `seq`.
#[derive(Debug, Clone, Copy)]
enum Tamper {
    /// One digit of the stored event changed.
    EventByte,
    /// One character of the stored hash changed.
    HashByte,
    /// The time changed by one second.
    Time,
    Deleted,
    /// The event and hash of the next row copied over this one.
    CopiedFromNext,
    /// A device without its sequence number.
    HalfOrigin,
    /// The event text made unreadable, the hash recomputed to match.
    UnreadableRehashed,
}

fn tamper(path: &Path, seq: u64, how: Tamper) {
    let conn = Connection::open(path).unwrap();
    let seq = seq as i64;
    let sql = match how {
        Tamper::EventByte => {
            "UPDATE events SET event = replace(event, '\"value\":', '\"value\":1') WHERE seq = ?1"
        }
        Tamper::HashByte => {
            "UPDATE events SET hash = (CASE substr(hash, 1, 1) WHEN 'a' THEN 'b' ELSE 'a' END)
             || substr(hash, 2) WHERE seq = ?1"
        }
        Tamper::Time => {
            "UPDATE events SET at = substr(at, 1, 18)
             || (CASE substr(at, 19, 1) WHEN '9' THEN '8' ELSE '9' END)
             || substr(at, 20) WHERE seq = ?1"
        }
        Tamper::Deleted => "DELETE FROM events WHERE seq = ?1",
        Tamper::CopiedFromNext => {
            "UPDATE events SET (event, hash) = (SELECT event, hash FROM events n
             WHERE n.seq = ?1 + 1) WHERE seq = ?1 AND EXISTS (SELECT 1 FROM events n
             WHERE n.seq = ?1 + 1)"
        }
        Tamper::HalfOrigin => "UPDATE events SET device = 'dv' WHERE seq = ?1",
        Tamper::UnreadableRehashed => {
            // The row may already be gone (deleted by the other change): then there is
            // nothing to make unreadable.
            let Some((at, by, previous)) = conn
                .query_row(
                    "SELECT e.at, e.by, coalesce((SELECT hash FROM events p
                     WHERE p.seq = e.seq - 1), (SELECT sha256 FROM config))
                     FROM events e WHERE e.seq = ?1",
                    [seq],
                    |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                        ))
                    },
                )
                .optional()
                .unwrap()
            else {
                return;
            };
            let text = "{\"type\":\"nonsense\"}";
            let hash = row_hash(&previous, seq as u64, &at, &by, text);
            conn.execute(
                "UPDATE events SET event = ?2, hash = ?3 WHERE seq = ?1",
                params![seq, text, hash],
            )
            .unwrap();
            return;
        }
    };
    conn.execute(sql, [seq]).unwrap();
}

fn tampering() -> impl Strategy<Value = Tamper> {
    prop_oneof![
        Just(Tamper::EventByte),
        Just(Tamper::HashByte),
        Just(Tamper::Time),
        Just(Tamper::Deleted),
        Just(Tamper::CopiedFromNext),
        Just(Tamper::HalfOrigin),
        Just(Tamper::UnreadableRehashed),
    ]
}

/// Event numbers at the edges of the file and of its two parts, and anywhere.
fn place() -> impl Strategy<Value = u64> {
    prop_oneof![
        prop::sample::select(vec![
            1,
            2,
            MIDDLE - 1,
            MIDDLE,
            MIDDLE + 1,
            MIDDLE + 2,
            V2_EVENTS - 1,
            V2_EVENTS
        ]),
        1..=V2_EVENTS,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// One or two tamperings anywhere: both ways of reading see the same breaks (and
    /// see some), the same head, and the same meeting.
    #[test]
    fn two_parts_find_exactly_what_one_pass_finds(
        changes in prop::collection::vec((place(), tampering()), 1..=2),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = fixture(dir.path());
        for (seq, how) in &changes {
            tamper(&path, *seq, *how);
        }
        let one_pass = reading(&path, u64::MAX);
        let two_parts = reading(&path, 1);
        if one_pass.0.is_empty() {
            // Unnoticed only if nothing changed (a copy from after the last event)
            // or the last events were removed: what is left is the original chain
            // up to its new last event, whose head is not the one the results and
            // minutes quote (docs/FORMAT.md, "The head").
            let (_, head, last, _) = &one_pass;
            let original = Connection::open(fixture(&dir.path().join("original"))).unwrap();
            let hash_then: String = original
                .query_row("SELECT hash FROM events WHERE seq = ?1", [*last as i64], |r| {
                    r.get(0)
                })
                .unwrap();
            prop_assert_eq!(head, &hash_then, "{:?} went unnoticed", changes);
        }
        prop_assert_eq!(one_pass, two_parts);
    }
}

/// A row deleted and then made unreadable at the same place: the second change finds
/// nothing to change, and both ways of reading still report the deletion.
#[test]
fn a_deleted_row_cannot_be_tampered_with_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    tamper(&path, MIDDLE, Tamper::Deleted);
    let deleted_only = reading(&path, u64::MAX);
    tamper(&path, MIDDLE, Tamper::UnreadableRehashed);
    let one_pass = reading(&path, u64::MAX);
    assert_eq!(one_pass, deleted_only);
    assert!(
        one_pass.0[0].starts_with("Gap { expected: 470"),
        "{:?}",
        one_pass.0
    );
    assert_eq!(one_pass, reading(&path, 1));
}

/// When the second part cannot be read on a connection of its own (here: the path it
/// would open names no file), the applying thread reads the rest itself and the
/// meeting is the same as read in one pass.
#[test]
fn the_rest_is_read_on_one_connection_when_a_second_cannot_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let whole = reading(&path, u64::MAX);
    let original = fixture(&dir.path().join("original"));
    let db = Connection::open(&path).unwrap();
    db.execute("DELETE FROM events WHERE seq > 100", [])
        .unwrap();
    let mut view = MeetingFile::open_with(&path, 1, true).unwrap();
    assert_eq!(view.last_seq(), 100);
    db.execute("ATTACH ?1 AS original", [original.to_str().unwrap()])
        .unwrap();
    db.execute(
        "INSERT INTO events SELECT * FROM original.events WHERE seq > 100",
        [],
    )
    .unwrap();
    view.path = dir.path().join("no-such-file.thidua");
    assert_eq!(view.catch_up().unwrap(), V2_EVENTS - 100);
    assert_eq!(view.integrity(), &Integrity::Verified);
    let session = view.session();
    let document = results_document(session, &Tally::compute(session), view.head());
    assert_eq!(
        (
            view.head().to_string(),
            view.last_seq(),
            serde_json::to_string(&document).unwrap()
        ),
        (whole.1, whole.2, whole.3)
    );
}
