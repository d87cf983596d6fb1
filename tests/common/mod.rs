//! Shared helpers for the command-line tests: run the real binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn thidua() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_thidua"));
    command.env_remove("THIDUA_LANG");
    command
}

pub fn run(args: &[&str]) -> Output {
    thidua().args(args).output().expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample(name: &str) -> PathBuf {
    root().join("sample-data").join(name)
}

pub fn sheets_of(dir: &Path) -> Vec<PathBuf> {
    let mut sheets: Vec<PathBuf> = std::fs::read_dir(dir.join("sheets"))
        .expect("sheets folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    sheets.sort();
    sheets
}

/// `thidua new CONFIG -o M` and import every sheet; returns the meeting path.
pub fn meeting_with_sheets(dir: &Path, sample_dir: &Path) -> PathBuf {
    let meeting = dir.join("hoi-nghi.thidua");
    let config = sample_dir.join("cluster.json");
    let o = run(&[
        "new",
        config.to_str().unwrap(),
        "-o",
        meeting.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "new failed: {}", stderr(&o));
    let mut args = vec!["import".to_string(), meeting.display().to_string()];
    args.extend(
        sheets_of(sample_dir)
            .iter()
            .map(|p| p.display().to_string()),
    );
    // A version 2 sample's facts: what the chair enters once per member.
    let facts = sample_dir.join("facts.json");
    if facts.exists() {
        args.push(facts.display().to_string());
    }
    let o = thidua().args(&args).output().unwrap();
    assert!(o.status.success(), "import failed: {}", stderr(&o));
    meeting
}

pub fn never_panicked(o: &Output) {
    let err = stderr(o);
    assert!(
        !err.contains("panicked") && o.status.code() != Some(101),
        "the program panicked: {err}"
    );
}
