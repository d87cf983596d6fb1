//! Killing `thidua import` (SIGKILL) mid-way loses nothing it reported as committed,
//! and the meeting file opens cleanly afterwards.

mod common;
use common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use thidua::store::{Integrity, MeetingFile};

const MEMBERS: usize = 30;

/// A large cluster (30 members × 60 items) and one complete sheet file per member.
fn large_meeting(dir: &Path) -> (PathBuf, Vec<PathBuf>) {
    use thidua::synthetic::{LARGE, config_bytes, scored_session};
    let config_path = dir.join("cluster.json");
    std::fs::write(&config_path, config_bytes(LARGE)).unwrap();
    let session = scored_session(LARGE);
    let sheets = (0..MEMBERS)
        .map(|s| {
            let path = dir.join(format!("phieu-{s:02}.json"));
            let text =
                thidua::model::sheet::Sheet::to_json(&session, s, "2025-12-20T09:30:00+07:00");
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    (config_path, sheets)
}

fn new_meeting(config: &Path, meeting: &Path) {
    let o = run(&[
        "new",
        config.to_str().unwrap(),
        "-o",
        meeting.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Starts an import and kills it after `reports` committed sheets were reported (or
/// after `delay_ms` if given). Returns the scorers reported as committed.
fn import_and_kill(
    meeting: &Path,
    sheets: &[PathBuf],
    reports: usize,
    delay_ms: Option<u64>,
) -> Vec<String> {
    let mut child = thidua()
        .args(["--lang", "en", "import", meeting.to_str().unwrap()])
        .args(sheets)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut lines = Vec::new();
        for line in BufReader::new(stdout).lines() {
            match line {
                Ok(l) => lines.push(l),
                Err(_) => break,
            }
        }
        lines
    });
    match delay_ms {
        Some(ms) => std::thread::sleep(std::time::Duration::from_millis(ms)),
        None => {
            // Wait until enough sheets were reported, by polling the meeting file's
            // neighbour: the pipe is read by the thread, so poll the child instead.
            let started = std::time::Instant::now();
            while started.elapsed().as_secs() < 60 {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                let committed = MeetingFile::open(meeting)
                    .map(|f| {
                        (0..MEMBERS)
                            .filter(|&s| f.session().is_submitted(s))
                            .count()
                    })
                    .unwrap_or(0);
                if committed >= reports {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    }
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    let lines = reader.join().unwrap();
    lines
        .iter()
        .filter(|l| l.contains("imported and submitted"))
        .filter_map(|l| l.split("imported and submitted ").nth(1))
        .map(|rest| rest.split('\'').next().unwrap_or_default().to_string())
        .collect()
}

fn check_after_crash(meeting: &Path, reported: &[String]) {
    let file = MeetingFile::open(meeting).expect("the file opens after a kill");
    assert_eq!(file.integrity(), &Integrity::Verified, "the chain verifies");
    let config = file.config();
    for short in reported {
        let m = config
            .members
            .iter()
            .position(|x| &x.short == short)
            .unwrap_or_else(|| panic!("unknown scorer {short}"));
        assert!(
            file.session().is_submitted(m),
            "{short} was reported committed but is missing"
        );
    }
    // A sheet is all in or all out: no half-imported sheet.
    for s in 0..MEMBERS {
        let (filled, total) = file.session().progress(s);
        assert!(
            filled == 0 || filled == total,
            "member {s}: {filled}/{total} cells"
        );
        assert_eq!(file.session().is_submitted(s), filled == total);
    }
}

#[test]
fn killing_an_import_loses_nothing_reported_and_the_file_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (config, sheets) = large_meeting(dir.path());
    let meeting = dir.path().join("hoi-nghi.thidua");
    new_meeting(&config, &meeting);
    let mut all_reported = Vec::new();
    // Kill after a few sheets, again and again, resuming each time as a chair would.
    for (round, (reports, delay)) in [
        (2, None),
        (0, Some(30)),
        (5, None),
        (0, Some(120)),
        (11, None),
    ]
    .into_iter()
    .enumerate()
    {
        let reported = import_and_kill(&meeting, &sheets, reports, delay);
        check_after_crash(&meeting, &reported);
        all_reported.extend(reported);
        eprintln!(
            "round {round}: {} sheets reported so far",
            all_reported.len()
        );
    }
    // Finishing the import gives the same tally as one uninterrupted import.
    let o = run(&["import", meeting.to_str().unwrap()]
        .into_iter()
        .chain(sheets.iter().map(|p| p.to_str().unwrap()))
        .collect::<Vec<_>>());
    assert!(o.status.success(), "{}", stderr(&o));
    let clean = dir.path().join("clean.thidua");
    new_meeting(&config, &clean);
    let o = run(&["import", clean.to_str().unwrap()]
        .into_iter()
        .chain(sheets.iter().map(|p| p.to_str().unwrap()))
        .collect::<Vec<_>>());
    assert!(o.status.success());
    let tally = |m: &Path| {
        let v: Value = serde_json::from_str(&stdout(&run(&[
            "tally",
            m.to_str().unwrap(),
            "--format",
            "json",
        ])))
        .unwrap();
        v["members"].clone()
    };
    assert_eq!(tally(&meeting), tally(&clean));
    assert!(run(&["verify", meeting.to_str().unwrap()]).status.success());
}
