//! What the network tests share: the program, the 12-ward sample, meetings made and
//! imported with the command line, and results compared without what records how
//! the events arrived.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_thidua");

pub fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/cum-phuong-2025")
}

pub fn thidua(args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .env("THIDUA_LANG", "en")
        .output()
        .unwrap()
}

/// A new meeting of the 12-ward sample at `path`.
pub fn new_meeting(path: &Path) {
    let config = sample().join("cluster.json");
    let made = thidua(&[
        "new",
        config.to_str().unwrap(),
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(made.status.success(), "{made:?}");
}

/// A new meeting at `path` with `sheets` imported from their files.
pub fn imported(path: &Path, sheets: &[PathBuf]) {
    new_meeting(path);
    let mut args = vec!["import".to_string(), path.display().to_string()];
    args.extend(sheets.iter().map(|s| s.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let done = thidua(&args);
    assert!(done.status.success(), "{done:?}");
}

/// The results document without what differs by how the events arrived (the
/// chain's head, the event count, and the digest over them).
pub fn tally_json(meeting: &Path) -> serde_json::Value {
    let out = thidua(&["tally", meeting.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{out:?}");
    let mut doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let object = doc.as_object_mut().unwrap();
    for key in ["session_head", "events", "digest"] {
        object.remove(key);
    }
    doc
}

/// Kills its process when dropped, so a failing test leaves nothing running.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `thidua host` on loopback at `port`, once it has written its codes to `codes`.
pub fn start_host(meeting: &Path, port: u16, codes: &Path) -> Running {
    start_host_with(Command::new(BIN), meeting, port, codes)
}

/// `thidua host` run by `command` (the program itself, or `ip netns exec … thidua`),
/// once it has written its codes to `codes`.
pub fn start_host_with(mut command: Command, meeting: &Path, port: u16, codes: &Path) -> Running {
    let _ = std::fs::remove_file(codes);
    let host = Running(
        command
            .arg("host")
            .arg(meeting)
            .args(["--port", &port.to_string()])
            .arg("--codes")
            .arg(codes)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    while !codes.exists() {
        assert!(Instant::now() < deadline, "the host did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    host
}

/// The port and the codes (`{scorer: {pin, link}}`) a host wrote.
pub fn read_codes(codes: &Path) -> (u16, serde_json::Value) {
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(codes).unwrap()).unwrap();
    (doc["port"].as_u64().unwrap() as u16, doc["codes"].clone())
}

/// A free port on loopback (the host must come back on the same one).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
