//! Killing `thidua import` (SIGKILL) mid-way loses nothing it reported as committed,
//! and the meeting file opens cleanly afterwards.

mod common;
use common::*;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use thidua::store::{Integrity, MeetingFile};

const MEMBERS: usize = 30;
const GROUPS: usize = 6;
const ITEMS_PER_GROUP: usize = 10;

/// A large cluster (30 members × 60 items) and one complete sheet per member.
fn large_meeting(dir: &Path) -> (PathBuf, Vec<PathBuf>) {
    let members: Vec<Value> = (0..MEMBERS)
        .map(|i| json!({"id": format!("phuong-{i:02}"), "name": format!("Ủy ban MTTQ phường số {i}")}))
        .collect();
    let criteria: Vec<Value> = (0..GROUPS)
        .map(|g| {
            let items: Vec<Value> = (0..ITEMS_PER_GROUP)
                .map(|i| json!({"id": format!("{}.{}", g + 1, i + 1), "name": format!("Tiêu chí {}.{}", g + 1, i + 1), "max": 2, "step": 0.5}))
                .collect();
            json!({"id": format!("{}", g + 1), "name": format!("Nhóm {}", g + 1), "items": items})
        })
        .collect();
    let config = json!({
        "format": "thidua.cluster/1",
        "cluster": {"id": "lon", "name": "Cụm thi đua lớn", "organizer": "MTTQ", "year": 2025, "member_label": "phường"},
        "members": members,
        "criteria": criteria,
    });
    let config_bytes = serde_json::to_vec_pretty(&config).unwrap();
    let config_path = dir.join("cluster.json");
    std::fs::write(&config_path, &config_bytes).unwrap();
    let hash = thidua::model::config::sha256_hex(&config_bytes);
    let mut sheets = Vec::new();
    for scorer in 0..MEMBERS {
        let mut scores = serde_json::Map::new();
        for target in (0..MEMBERS).filter(|&t| t != scorer) {
            let mut row = serde_json::Map::new();
            for g in 0..GROUPS {
                for i in 0..ITEMS_PER_GROUP {
                    let v = ((scorer * 7 + target * 3 + g + i) % 5) as f64 * 0.5;
                    row.insert(format!("{}.{}", g + 1, i + 1), json!(v));
                }
            }
            scores.insert(format!("phuong-{target:02}"), Value::Object(row));
        }
        let sheet = json!({
            "format": "thidua.sheet/1",
            "config_sha256": hash,
            "scorer": format!("phuong-{scorer:02}"),
            "scores": scores,
            "submitted_at": "2025-12-20T09:30:00+07:00",
        });
        let path = dir.join(format!("phieu-{scorer:02}.json"));
        std::fs::write(&path, serde_json::to_vec(&sheet).unwrap()).unwrap();
        sheets.push(path);
    }
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
