//! The live meeting with real processes on loopback: `thidua host` and twelve
//! `thidua join` delegates, each scoring and submitting a whole sheet of the 12-ward
//! sample. The host's results equal importing the same sheets from files (the CSV
//! tally byte for byte; the results document apart from the chain's head, the event
//! count and the digest, which record how the events arrived); a host
//! killed with SIGKILL and a delegate killed with SIGKILL lose nothing and duplicate
//! nothing.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

mod net_common;
use net_common::{
    BIN, free_port, imported, new_meeting, read_codes, sample, start_host, tally_json, thidua,
};

fn sheets() -> Vec<PathBuf> {
    let mut sheets: Vec<PathBuf> = std::fs::read_dir(sample().join("sheets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    sheets.sort();
    sheets
}

fn start_join(port: u16, pin: &str, sheet: &Path, journal: &Path) -> Child {
    start_join_paced(port, pin, sheet, journal, 0)
}

/// [`start_join`], `pace` milliseconds between scores, as a delegate typing: the
/// sheet takes a few seconds, so what is killed is killed mid-sheet.
fn start_join_paced(port: u16, pin: &str, sheet: &Path, journal: &Path, pace: u32) -> Child {
    Command::new(BIN)
        .args(["join", &format!("127.0.0.1:{port}"), "--pin", pin])
        .arg("--sheet")
        .arg(sheet)
        .arg("--journal")
        .arg(journal)
        .args(["--timeout", "120"])
        .args(["--pace", &pace.to_string()])
        .env("THIDUA_LANG", "en")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// "sent 284, acknowledged 284, committed 284, duplicates 0, refused 0" as numbers.
fn summary(output: &std::process::Output) -> [u64; 5] {
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with("sent "))
        .unwrap_or_else(|| panic!("no summary: {output:?}"));
    let numbers: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    numbers.try_into().unwrap()
}

fn scorer_of(sheet: &Path) -> String {
    sheet.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn twelve_delegates_score_over_the_network_and_the_results_equal_importing_their_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("host.thidua");
    new_meeting(&meeting);
    let codes_path = dir.path().join("codes.json");
    let host = start_host(&meeting, 0, &codes_path);
    let (port, codes) = read_codes(&codes_path);

    let sheets = sheets();
    assert_eq!(sheets.len(), 12);
    let clients: Vec<(PathBuf, Child)> = sheets
        .iter()
        .map(|sheet| {
            let pin = codes[scorer_of(sheet)]["pin"].as_str().unwrap().to_string();
            let journal = dir.path().join(format!("{}.journal", scorer_of(sheet)));
            (sheet.clone(), start_join(port, &pin, sheet, &journal))
        })
        .collect();
    let mut committed = 0;
    for (sheet, client) in clients {
        let output = client.wait_with_output().unwrap();
        assert!(output.status.success(), "{}: {output:?}", sheet.display());
        let [sent, acknowledged, now, duplicates, refused] = summary(&output);
        assert_eq!((sent, acknowledged, duplicates, refused), (now, now, 0, 0));
        committed += now;
    }
    drop(host);

    let imported_path = dir.path().join("imported.thidua");
    imported(&imported_path, &sheets);

    assert_eq!(tally_json(&meeting), tally_json(&imported_path));
    // Every figure, class, proposal and status, byte for byte.
    let csv = |m: &Path| thidua(&["tally", m.to_str().unwrap(), "--format", "csv"]).stdout;
    assert_eq!(csv(&meeting), csv(&imported_path));
    let verified = thidua(&["verify", meeting.to_str().unwrap()]);
    assert!(verified.status.success(), "{verified:?}");
    eprintln!("12 delegates, {committed} events committed over loopback");
}

/// Each event a delegate's device committed, as (device, device seq), from the file.
fn origins(meeting: &Path) -> Vec<(String, i64)> {
    let db = rusqlite::Connection::open(meeting).unwrap();
    let mut statement = db
        .prepare("SELECT device, device_seq FROM events WHERE device IS NOT NULL")
        .unwrap();
    statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_killed_host_and_a_killed_delegate_lose_nothing_and_repeat_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("host.thidua");
    new_meeting(&meeting);
    let codes_path = dir.path().join("codes.json");
    let port = free_port();
    let mut host = start_host(&meeting, port, &codes_path);
    let (_, codes) = read_codes(&codes_path);
    let sheets: Vec<PathBuf> = sheets().into_iter().take(4).collect();
    let journal_of = |sheet: &Path| dir.path().join(format!("{}.journal", scorer_of(sheet)));
    let pin_of = |sheet: &Path| codes[scorer_of(sheet)]["pin"].as_str().unwrap().to_string();
    let mut clients: Vec<Option<Child>> = sheets
        .iter()
        .map(|s| Some(start_join_paced(port, &pin_of(s), s, &journal_of(s), 10)))
        .collect();

    // Let them get going, then kill the first delegate's process mid-sheet.
    std::thread::sleep(Duration::from_millis(700));
    if let Some(mut first) = clients[0].take() {
        assert!(first.try_wait().unwrap().is_none(), "killed mid-sheet");
        first.kill().unwrap();
        first.wait().unwrap();
    }
    // Kill the host with SIGKILL while the others are sending, and bring it back on
    // the same port after a pause: they keep their unanswered events and resend.
    std::thread::sleep(Duration::from_millis(300));
    let sending = clients
        .iter_mut()
        .flatten()
        .filter_map(|c| c.try_wait().ok())
        .filter(Option::is_none);
    assert!(
        sending.count() > 0,
        "the host is killed while delegates send"
    );
    host.0.kill().unwrap();
    host.0.wait().unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    host = start_host(&meeting, port, &codes_path);
    // The killed delegate runs again with its journal.
    clients[0] = Some(start_join_paced(
        port,
        &pin_of(&sheets[0]),
        &sheets[0],
        &journal_of(&sheets[0]),
        10,
    ));

    let mut totals = [0u64; 5];
    for (sheet, client) in sheets.iter().zip(clients) {
        let output = client.unwrap().wait_with_output().unwrap();
        assert!(output.status.success(), "{}: {output:?}", sheet.display());
        for (total, n) in totals.iter_mut().zip(summary(&output)) {
            *total += n;
        }
    }
    drop(host);

    // Exactly once: every (device, seq) once in the file, and every score of every
    // sheet there (the tally equals importing the four sheets).
    let found = origins(&meeting);
    let distinct: std::collections::HashSet<_> = found.iter().cloned().collect();
    assert_eq!(found.len(), distinct.len(), "an event was committed twice");
    let imported_path = dir.path().join("imported.thidua");
    imported(&imported_path, &sheets);
    assert_eq!(tally_json(&meeting), tally_json(&imported_path));

    // Every event a journal shows as saved is in the file.
    for sheet in &sheets {
        let text = std::fs::read_to_string(journal_of(sheet)).unwrap();
        let reader = BufReader::new(text.as_bytes());
        let device =
            serde_json::from_str::<serde_json::Value>(&reader.lines().next().unwrap().unwrap())
                .unwrap()["device"]
                .as_str()
                .unwrap()
                .to_string();
        let saved: Vec<i64> = text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("result").cloned())
            .filter(|r| r["status"] != "refused")
            .map(|r| r["seq"].as_i64().unwrap())
            .collect();
        for seq in saved {
            assert!(
                distinct.contains(&(device.clone(), seq)),
                "{device}/{seq} lost"
            );
        }
    }
    let [sent, acknowledged, committed, duplicates, refused] = totals;
    eprintln!(
        "sent {sent}, acknowledged {acknowledged}, committed {committed}, resends answered \
         from the file {duplicates}, committed twice 0, lost 0, in the file {} (each once)",
        found.len()
    );
    assert_eq!(refused, 0);
}

/// Two `thidua join` on one journal would mix their lines: the second refuses at
/// once and names the first, which goes on; once the first has ended, the journal
/// is free again.
#[test]
fn a_second_join_on_the_same_journal_refuses_and_names_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = sheets()[0].clone();
    let journal = dir.path().join("phieu.journal");
    // Nothing listens on this port: the first keeps trying for a while.
    let port = free_port();
    let mut first = Command::new(BIN)
        .args(["join", &format!("127.0.0.1:{port}"), "--pin", "12345670"])
        .arg("--sheet")
        .arg(&sheet)
        .arg("--journal")
        .arg(&journal)
        .args(["--timeout", "20"])
        .env("THIDUA_LANG", "en")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The first has the journal once its lock file names it.
    let lock = dir.path().join("phieu.journal.lock");
    let started = std::time::Instant::now();
    while !std::fs::read_to_string(&lock)
        .unwrap_or_default()
        .starts_with(&first.id().to_string())
    {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the first never started"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Another join on the same journal, giving up after a second.
    let join_again = || {
        Command::new(BIN)
            .args(["join", &format!("127.0.0.1:{port}"), "--pin", "12345670"])
            .arg("--sheet")
            .arg(&sheet)
            .arg("--journal")
            .arg(&journal)
            .args(["--timeout", "1"])
            .env("THIDUA_LANG", "en")
            .output()
            .unwrap()
    };
    let second = join_again();
    let said = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1));
    assert!(said.contains("in use by another process"), "{said}");
    assert!(
        said.contains(&first.id().to_string()),
        "names the first: {said}"
    );
    assert!(!said.contains("12345670"), "the PIN is not written down");
    assert!(first.try_wait().unwrap().is_none(), "the first goes on");
    first.kill().unwrap();
    first.wait().unwrap();
    // Killed: its lock went with it.
    let third = join_again();
    let said = String::from_utf8_lossy(&third.stderr);
    assert!(!said.contains("in use by another process"), "{said}");
}

/// `thidua join` for `sheet` with `journal` to a host on loopback `port`, to its end.
fn join_once(port: u16, pin: &str, sheet: &Path, journal: &Path) -> std::process::Output {
    start_join(port, pin, sheet, journal)
        .wait_with_output()
        .unwrap()
}

/// A rehearsal, then the real meeting from the same config and the same sheet file:
/// the rehearsal's journal is set aside (kept), and every score of the sheet reaches
/// the real meeting, whose address changes between two runs without the journal
/// being left behind.
#[test]
fn a_journal_from_another_meeting_is_set_aside_and_every_score_reaches_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = sheets()[1].clone();
    let scorer = scorer_of(&sheet);
    let journal = dir.path().join("phieu.journal");
    let pin_in = |codes: &Path| {
        read_codes(codes).1[scorer.as_str()]["pin"]
            .as_str()
            .unwrap()
            .to_string()
    };

    let rehearsal = dir.path().join("tap-duot.thidua");
    new_meeting(&rehearsal);
    let codes = dir.path().join("codes-rehearsal.json");
    let host = start_host(&rehearsal, 0, &codes);
    let output = join_once(read_codes(&codes).0, &pin_in(&codes), &sheet, &journal);
    assert!(output.status.success(), "{output:?}");
    let [sheet_events, ..] = summary(&output);
    assert!(sheet_events > 100, "{output:?}");
    drop(host);

    // The real meeting, on another port: the same sheet file and journal.
    let real = dir.path().join("hoi-nghi.thidua");
    new_meeting(&real);
    let codes = dir.path().join("codes-real.json");
    let host = start_host(&real, 0, &codes);
    let output = join_once(read_codes(&codes).0, &pin_in(&codes), &sheet, &journal);
    assert!(output.status.success(), "{output:?}");
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("another meeting's journal"), "{said}");
    let [sent, acknowledged, committed, duplicates, refused] = summary(&output);
    assert_eq!(
        (sent, acknowledged, committed, duplicates, refused),
        (sheet_events, sheet_events, sheet_events, 0, 0),
        "{said}"
    );
    let kept: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("phieu.journal.") && n.ends_with(".old"))
        .collect();
    assert_eq!(kept.len(), 1, "the rehearsal's journal is kept: {kept:?}");
    // The config is kept beside the journal, so a run after a restart need not
    // fetch it again over a slow link.
    let kept_config = std::fs::read(dir.path().join("phieu.journal.config")).unwrap();
    assert_eq!(
        kept_config,
        std::fs::read(sample().join("cluster.json")).unwrap()
    );
    drop(host);

    // The real meeting again, its host now on another port: the journal is its own.
    let host = start_host(&real, 0, &codes);
    let output = join_once(read_codes(&codes).0, &pin_in(&codes), &sheet, &journal);
    assert!(output.status.success(), "{output:?}");
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(!said.contains("another meeting's journal"), "{said}");
    assert_eq!(summary(&output), [0; 5], "the host holds it all: {said}");
    drop(host);

    let imported_path = dir.path().join("imported.thidua");
    imported(&imported_path, std::slice::from_ref(&sheet));
    assert_eq!(tally_json(&real), tally_json(&imported_path));
    let csv = |m: &Path| thidua(&["tally", m.to_str().unwrap(), "--format", "csv"]).stdout;
    assert_eq!(csv(&real), csv(&imported_path));
}
