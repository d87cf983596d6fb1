//! `scripts/verify_meeting.py` checks a meeting file with Python's standard library
//! alone, from docs/FORMAT.md. On good files and on files tampered with in many ways
//! it says what `thidua verify` says: the same events, the same head, the same breaks
//! (apart from the meeting's rules, which only thidua applies).

mod common;

use common::{root, run, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::Command;
use thidua::model::event::Origin;
use thidua::model::{Actor, Event, Points};
use thidua::store::{MeetingFile, Submission, row_hash};

const AT: &str = "2024-12-20T09:00:00+07:00";

fn python() -> Option<&'static str> {
    ["python3", "python"].into_iter().find(|name| {
        Command::new(name)
            .args([
                "-c",
                "import sys, sqlite3; sys.exit(sys.version_info[0] != 3)",
            ])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// (exit code, standard output, the break lines) of one verifier.
type Verdict = (Option<i32>, String, Vec<String>);

fn break_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("  - "))
        // Only thidua applies the meeting's rules.
        .filter(|l| !l.contains("breaks the rules"))
        .map(str::to_string)
        .collect()
}

fn thidua_verdict(path: &Path) -> Verdict {
    let o = run(&["--lang", "en", "verify", path.to_str().unwrap()]);
    (o.status.code(), stdout(&o), break_lines(&stderr(&o)))
}

fn python_verdict(python: &str, path: &Path) -> Verdict {
    let o = Command::new(python)
        .arg(root().join("scripts").join("verify_meeting.py"))
        .arg(path)
        .output()
        .expect("python runs");
    (o.status.code(), stdout(&o), break_lines(&stderr(&o)))
}

/// Both verifiers on `path`; they must agree, and neither may change a byte of the
/// file. Returns thidua's verdict.
fn agree(python: &str, path: &Path) -> Verdict {
    let before = std::fs::read(path).unwrap();
    let from_python = python_verdict(python, path);
    let from_thidua = thidua_verdict(path);
    assert_eq!(from_python, from_thidua, "{}", path.display());
    assert!(
        std::fs::read(path).unwrap() == before,
        "{} was changed by verifying it",
        path.display()
    );
    from_thidua
}

fn copy(from: &Path, dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    let conn = rusqlite::Connection::open(from).unwrap();
    conn.execute("VACUUM INTO ?1", [to.to_str().unwrap()])
        .unwrap();
    to
}

fn sql(path: &Path, statement: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(statement).unwrap();
}

/// The sample cluster with meeting details full of quotes, a line break and
/// Vietnamese letters, and scores from a device whose name needs escaping and whose
/// sequence numbers are beyond i64 (stored as the same 64 bits).
fn meeting_from_devices(dir: &Path) -> PathBuf {
    let path = dir.join("thiet-bi.thidua");
    let mut file = MeetingFile::create(&path, thidua::sample::SAMPLE_CONFIG, AT).unwrap();
    file.append(
        Actor::Chair,
        Event::Meeting {
            date: "2024-12-20".into(),
            place: "Hội trường \"Đoàn kết\"\ttầng 2\nsố 1 \\ Lê Duẩn".into(),
            chair: "Nguyễn Thị Hằng".into(),
            secretary: "Trần Văn Đức".into(),
        },
        AT,
    )
    .unwrap();
    let config = file.config().clone();
    let scorer = config.members[0].id.clone();
    let items: Vec<Submission> = (1..config.members.len())
        .filter(|&t| config.scores_target(0, t))
        .flat_map(|t| {
            let items = config.cells.iter().filter(|c| c.is_item());
            items.take(3).map(move |c| (t, c))
        })
        .enumerate()
        .map(|(i, (t, cell))| Submission {
            by: Actor::Member(scorer.clone()),
            origin: Some(Origin {
                device: "máy \"của\" Hằng\u{1}".into(),
                seq: u64::MAX - 100 + i as u64,
            }),
            event: Event::Score {
                scorer: scorer.clone(),
                target: config.members[t].id.clone(),
                item: cell.id.clone(),
                value: Some(Points(cell.step.0)),
            },
        })
        .collect();
    let sent = items.len() as u64;
    file.append_batch(items, AT).unwrap();
    assert_eq!(file.last_seq(), 1 + sent, "every score is committed");
    path
}

/// A meeting with a paper sheet typed in twice: its provenance event carries the
/// typists' names and a correction with quotes in its reason.
fn meeting_with_paper(dir: &Path) -> PathBuf {
    let path = dir.join("giay.thidua");
    let mut file = MeetingFile::create(&path, thidua::sample::SAMPLE_CONFIG, AT).unwrap();
    let config = file.config().clone();
    file.append_all(
        Actor::Chair,
        vec![
            Event::PaperSheet {
                scorer: config.members[0].id.clone(),
                entered_by: "Trần Thị Bình".into(),
                checked_by: "Lê \"Văn\" Cường".into(),
                corrections: vec![thidua::model::event::PaperCorrection {
                    target: config.members[1].id.clone(),
                    item: config.cells[0].id.clone(),
                    written: "12".into(),
                    value: Some(Points(600)),
                    reason: "Đại biểu xác nhận \"6\"\n(tối đa)".into(),
                }],
            },
            Event::Score {
                scorer: config.members[0].id.clone(),
                target: config.members[1].id.clone(),
                item: config.cells[0].id.clone(),
                value: Some(Points(600)),
            },
        ],
        AT,
    )
    .unwrap();
    path
}

#[test]
#[ignore = "needs python3: cargo test -- --include-ignored"]
fn the_python_verifier_agrees_with_thidua_verify() {
    let Some(python) = python() else {
        assert!(
            std::env::var_os("THIDUA_REQUIRE_PYTHON").is_none(),
            "python3 with sqlite3 is needed for this test (THIDUA_REQUIRE_PYTHON is set)"
        );
        println!("SKIPPED: python3 is not on PATH; the independent verifier was not run");
        return;
    };
    let dir = tempfile::tempdir().unwrap();

    // Long enough for thidua to read it in two parts on two threads.
    let large = dir.path().join("large.thidua");
    let o = run(&[
        "synthetic",
        "--scale",
        "large",
        "-o",
        large.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let devices = meeting_from_devices(dir.path());
    let v1 = dir.path().join("v1.thidua");
    std::fs::copy(root().join("src/store/testdata/v1-sample.thidua"), &v1).unwrap();
    let v2 = dir.path().join("v2.thidua");
    std::fs::copy(root().join("src/store/testdata/v2-large-part.thidua"), &v2).unwrap();

    let paper = meeting_with_paper(dir.path());

    for (path, events) in [
        (&large, 52_478),
        (&devices, 16),
        (&v1, 105),
        (&v2, 1_000),
        (&paper, 2),
    ] {
        let (code, out, _) = agree(python, path);
        assert_eq!(code, Some(0), "{}", path.display());
        assert!(out.contains(&format!("OK — {events} events")), "{out}");
    }
    // Verifying left the version 1 file as it was received, at version 1.
    let conn =
        rusqlite::Connection::open_with_flags(&v1, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
    drop(conn);

    let altered = |seq: u64| format!("event #{seq} was altered (its hash does not match)");
    let cases: Vec<(&str, &Path, String, Vec<String>)> = vec![
        (
            "one byte of a score in the first part",
            &large,
            "UPDATE events SET event = replace(event, '\"value\":', '\"value\":1') WHERE seq = 40"
                .into(),
            vec![altered(40)],
        ),
        (
            "one byte of a score in the second part",
            &large,
            "UPDATE events SET event = replace(event, '\"item\":\"1', '\"item\":\"2')
             WHERE seq = 40000"
                .into(),
            vec![altered(40000)],
        ),
        (
            "a time",
            &large,
            "UPDATE events SET at = replace(at, 'T', 't') WHERE seq = 24663".into(),
            vec![altered(24663)],
        ),
        (
            "a stored hash",
            &large,
            "UPDATE events SET hash = upper(hash) WHERE seq = 30000".into(),
            vec![altered(30000), altered(30001)],
        ),
        (
            "a deleted event",
            &large,
            "DELETE FROM events WHERE seq = 24664".into(),
            vec![
                "events are missing: expected #24664, found #24665".into(),
                altered(24665),
            ],
        ),
        (
            "the last event deleted: nothing to see but the head",
            &large,
            "DELETE FROM events WHERE seq = 52478".into(),
            vec![],
        ),
        (
            "the config",
            &large,
            "UPDATE config SET bytes = CAST(bytes || x'0a' AS BLOB)".into(),
            vec!["the stored config was edited after the meeting was created".into()],
        ),
        (
            "a device's name",
            &devices,
            "UPDATE events SET device = 'may khac' WHERE seq = 10".into(),
            vec![altered(10)],
        ),
        (
            "a device's sequence number",
            &devices,
            "UPDATE events SET device_seq = device_seq + 1 WHERE seq = 16".into(),
            vec![altered(16)],
        ),
        (
            "a device without its number",
            &devices,
            "UPDATE events SET device_seq = NULL WHERE seq = 5".into(),
            vec!["event #5 is unreadable".into()],
        ),
        (
            "the meeting place",
            &devices,
            "UPDATE events SET event = replace(event, 'Đoàn', 'Doan') WHERE seq = 1".into(),
            vec![altered(1)],
        ),
        (
            "who sent an event, in a file written before",
            &v2,
            "UPDATE events SET by = 'ba-dinh' WHERE seq = 7".into(),
            vec![altered(7)],
        ),
    ];
    for (n, (what, original, statement, expected)) in cases.into_iter().enumerate() {
        let path = copy(original, dir.path(), &format!("case-{n}.thidua"));
        sql(&path, &statement);
        let (code, _, breaks) = agree(python, &path);
        if expected.is_empty() {
            assert_eq!(code, Some(0), "{what}");
        } else {
            assert_eq!(code, Some(1), "{what}");
            assert_eq!(breaks, expected, "{what}");
        }
    }

    // An unreadable event whose own hash was recomputed to match (but not the rest of
    // the chain): both see it, and the next link broken.
    let path = copy(&large, dir.path(), "unreadable.thidua");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let (at, previous): (String, String) = conn
        .query_row(
            "SELECT e.at, p.hash FROM events e JOIN events p ON p.seq = e.seq - 1
             WHERE e.seq = 777",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let text = r#"{"type":"score","scorer":"x"}"#;
    conn.execute(
        "UPDATE events SET event = ?1, hash = ?2 WHERE seq = 777",
        rusqlite::params![text, row_hash(&previous, 777, &at, "chair", text)],
    )
    .unwrap();
    drop(conn);
    let (code, _, breaks) = agree(python, &path);
    assert_eq!(code, Some(1));
    assert_eq!(
        breaks,
        vec!["event #777 is unreadable".to_string(), altered(778)]
    );
}
