//! Faults and bad input, with figures: SIGKILL at random points of a stream of
//! committed score events, damaged meeting files, and generated bad input for every
//! loader. Short here (cargo test); `scripts/fault-tests.sh` runs the long versions:
//!   THIDUA_FAULT_ROUNDS  kill rounds of 1,000 events (default 4)
//!   THIDUA_FUZZ_CASES    generated inputs per loader (default 20,000)

mod common;
use common::*;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use thidua::model::Config;
use thidua::model::sheet::Sheet;
use thidua::store::{Integrity, MeetingFile};
use thidua::synthetic::{self, MEETING};

fn env_count(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small deterministic generator (xorshift), so failures can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn new_meeting(dir: &Path) -> std::path::PathBuf {
    let config = dir.join("cluster.json");
    std::fs::write(&config, synthetic::config_bytes(MEETING)).unwrap();
    let meeting = dir.join("hoi-nghi.thidua");
    let o = run(&[
        "new",
        config.to_str().unwrap(),
        "-o",
        meeting.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    meeting
}

#[test]
fn sigkill_during_a_stream_of_committed_scores_loses_nothing_reported() {
    let rounds = env_count("THIDUA_FAULT_ROUNDS", 4);
    let dir = tempfile::tempdir().unwrap();
    let meeting = new_meeting(dir.path());
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut reported_total, mut kills) = (0u64, 0u64);
    for round in 0..rounds {
        let mut child = thidua()
            .args(["score-stream", meeting.to_str().unwrap(), "--count", "1000"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        // Kill at a random point of the stream: after the k-th event reported
        // committed (the process may have committed a few more by then), or, one
        // round in four, a few milliseconds after start, while it opens the file.
        let kill_after = if round % 4 == 3 {
            0
        } else {
            1 + rng.below(999)
        };
        let mut reported = Vec::new();
        if kill_after == 0 {
            std::thread::sleep(std::time::Duration::from_millis(rng.below(30) as u64));
        } else {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line
                    .strip_prefix("committed ")
                    .and_then(|n| n.parse::<u64>().ok())
                {
                    reported.push(n);
                }
                if reported.len() >= kill_after {
                    break;
                }
            }
        }
        if child.try_wait().unwrap().is_none() {
            kills += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        let file = MeetingFile::open(&meeting).expect("the file opens after SIGKILL");
        assert_eq!(
            file.integrity(),
            &Integrity::Verified,
            "round {round}: the chain verifies"
        );
        if let Some(&last) = reported.last() {
            assert!(
                file.last_seq() >= last,
                "round {round}: event {last} was reported committed but the file ends at {}",
                file.last_seq()
            );
        }
        reported_total += reported.len() as u64;
        eprintln!(
            "round {round}: killed after {} reported events, file has {}",
            reported.len(),
            file.last_seq()
        );
    }
    eprintln!(
        "FIGURES kill rounds: {rounds}, killed mid-stream: {kills}, events reported committed: {reported_total}, lost: 0"
    );
}

#[test]
fn damaged_meeting_files_give_a_clear_error_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = new_meeting(dir.path());
    let o = run(&["score-stream", meeting.to_str().unwrap(), "--count", "200"]);
    assert!(o.status.success());
    // Fold the WAL into the main file so the bytes below are the whole meeting.
    drop(MeetingFile::open(&meeting).unwrap());
    let bytes = std::fs::read(&meeting).unwrap();
    let mut rng = Rng(42);
    let mut cases = 0;
    let mut outcomes = [0u32; 3]; // refused, opened read-only, opened and verified
    for i in 0..60 {
        let mut damaged = bytes.clone();
        if i % 3 == 0 {
            damaged.truncate(rng.below(bytes.len()));
        } else {
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(damaged.len());
                damaged[at] ^= 1 << rng.below(8);
            }
        }
        let path = dir.path().join(format!("hong-{i}.thidua"));
        std::fs::write(&path, &damaged).unwrap();
        match MeetingFile::open(&path) {
            Err(_) => outcomes[0] += 1,
            Ok(f) if f.integrity() != &Integrity::Verified => outcomes[1] += 1,
            Ok(_) => outcomes[2] += 1,
        }
        for command in ["verify", "tally"] {
            let o = run(&[command, path.to_str().unwrap()]);
            never_panicked(&o);
            assert!(
                matches!(o.status.code(), Some(0 | 1)),
                "{command} on damage #{i}: {:?}",
                o.status.code()
            );
            if o.status.code() == Some(1) {
                assert!(!stderr(&o).trim().is_empty(), "a failure says why");
            }
        }
        cases += 1;
    }
    eprintln!(
        "FIGURES damaged meeting files: {cases} (refused {}, read-only {}, intact {}), panics: 0",
        outcomes[0], outcomes[1], outcomes[2]
    );
}

/// Mutations of a valid document: flipped bits, deleted or repeated runs,
/// truncation, inserted JSON punctuation.
fn mutate(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut out = base.to_vec();
    for _ in 0..1 + rng.below(4) {
        if out.is_empty() {
            break;
        }
        let at = rng.below(out.len());
        match rng.below(6) {
            0 => out[at] ^= 1 << rng.below(8),
            1 => {
                let end = (at + rng.below(40)).min(out.len());
                out.drain(at..end);
            }
            2 => {
                let end = (at + rng.below(40)).min(out.len());
                let piece = out[at..end].to_vec();
                out.splice(at..at, piece);
            }
            3 => out.truncate(at),
            4 => {
                let tokens: [&[u8]; 10] = [
                    b"{", b"}", b"[", b"]", b",", b":", b"\"", b"1e999", b"-0.001", b"null",
                ];
                let t = tokens[rng.below(tokens.len())];
                out.splice(at..at, t.iter().copied());
            }
            _ => out[at] = rng.next() as u8,
        }
    }
    out
}

#[test]
fn loaders_never_panic_on_generated_bad_input() {
    let cases = env_count("THIDUA_FUZZ_CASES", 20_000);
    let config_bytes = std::fs::read(sample("ha-noi-cum-1-2024").join("cluster.json")).unwrap();
    let config = Config::from_bytes(&config_bytes).unwrap();
    let sheet_bytes =
        std::fs::read(sample("ha-noi-cum-1-2024").join("sheets/ba-dinh.json")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let meeting = meeting_with_sheets(dir.path(), &sample("ha-noi-cum-1-2024"));
    let results = stdout(&run(&[
        "tally",
        meeting.to_str().unwrap(),
        "--format",
        "json",
    ]))
    .into_bytes();
    let mut rng = Rng(7);
    let mut refused = [0u64; 3];
    for _ in 0..cases {
        if Config::from_bytes(&mutate(&mut rng, &config_bytes)).is_err() {
            refused[0] += 1;
        }
        if Sheet::from_bytes(&mutate(&mut rng, &sheet_bytes), &config).is_err() {
            refused[1] += 1;
        }
        if thidua::export::results::read_results(&mutate(&mut rng, &results)).is_err() {
            refused[2] += 1;
        }
    }
    eprintln!(
        "FIGURES generated inputs: {} configs ({} refused), {} sheets ({} refused), {} results ({} refused), panics: 0",
        cases, refused[0], cases, refused[1], cases, refused[2]
    );
    assert!(
        refused.iter().all(|&r| r > cases / 2),
        "most mutations must be caught: {refused:?}"
    );
}

#[test]
fn every_loader_refuses_a_corpus_of_bad_files_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = meeting_with_sheets(dir.path(), &sample("ha-noi-cum-1-2024"));
    let good_sheet =
        std::fs::read_to_string(sample("ha-noi-cum-1-2024").join("sheets/ba-dinh.json")).unwrap();
    let sheet_cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("trong.json", Vec::new(), "tệp trống"),
        ("khong-phai-json.json", "phiếu chấm".into(), "cú pháp JSON"),
        ("mang.json", b"[]".to_vec(), "cần đối tượng"),
        (
            "dinh-dang.json",
            good_sheet
                .replace("thidua.sheet/1", "thidua.sheet/9")
                .into(),
            "format",
        ),
        (
            "thua-truong.json",
            good_sheet.replacen("{", "{\"ghi_chu\": 1,", 1).into(),
            "ghi_chu",
        ),
        (
            "thoi-diem.json",
            good_sheet
                .replace("2024-12-20T09:30:00+07:00", "hôm qua")
                .into(),
            "submitted_at",
        ),
        ("latin1.json", b"{\"scorer\": \"Hu\xe9\"}".to_vec(), "UTF-8"),
        (
            "cat-ngang.json",
            good_sheet.as_bytes()[..good_sheet.len() / 2].to_vec(),
            "cú pháp JSON",
        ),
    ];
    for (name, bytes, says) in sheet_cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let o = run(&["import", meeting.to_str().unwrap(), path.to_str().unwrap()]);
        never_panicked(&o);
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert!(stderr(&o).contains(says), "{name}: {}", stderr(&o));
    }
    let results_cases: Vec<(&str, &[u8], &str)> = vec![
        ("rong.json", b"", "cannot be read"),
        ("so.json", b"42", "not a thidua.results/1"),
        (
            "khong-digest.json",
            b"{\"format\": \"thidua.results/1\"}",
            "no digest",
        ),
        ("nhi-phan.json", b"\xff\xfe\x00", "cannot be read"),
    ];
    for (name, bytes, says) in results_cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let o = run(&["--lang", "en", "verify", path.to_str().unwrap()]);
        never_panicked(&o);
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert!(stderr(&o).contains(says), "{name}: {}", stderr(&o));
    }
}
