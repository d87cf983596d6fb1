//! A delegate's link is cut for ten seconds while they keep scoring: the host and
//! the delegate run in two network namespaces joined by a veth pair (hosts this test
//! makes itself, 10.77.x.y), and the delegate's side of the link is taken down and
//! brought back. Nothing the delegate sent is lost, nothing is committed twice.
//!
//! Needs root and `ip` (iproute2); without them it says SKIPPED.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_thidua");

fn ip(args: &[&str]) -> bool {
    Command::new("ip")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Two namespaces and the veth pair between them; removed when dropped.
struct Hosts {
    host_ns: String,
    client_ns: String,
    /// Tells this test's hosts from another test's running at the same time.
    id: u32,
}

impl Hosts {
    fn make(test: u32) -> Option<Hosts> {
        let id = (std::process::id() % 10_000) * 10 + test;
        let hosts = Hosts {
            host_ns: format!("thidua-h{id}"),
            client_ns: format!("thidua-c{id}"),
            id,
        };
        let (vh, vc) = (format!("thv{id}h"), hosts.client_link());
        let subnet = hosts.subnet();
        let ok = ip(&["netns", "add", &hosts.host_ns])
            && ip(&["netns", "add", &hosts.client_ns])
            && ip(&["link", "add", &vh, "type", "veth", "peer", "name", &vc])
            && ip(&["link", "set", &vh, "netns", &hosts.host_ns])
            && ip(&["link", "set", &vc, "netns", &hosts.client_ns])
            && ip(&[
                "-n",
                &hosts.host_ns,
                "addr",
                "add",
                &format!("10.77.{subnet}.1/24"),
                "dev",
                &vh,
            ])
            && ip(&[
                "-n",
                &hosts.client_ns,
                "addr",
                "add",
                &format!("10.77.{subnet}.2/24"),
                "dev",
                &vc,
            ])
            && ip(&["-n", &hosts.host_ns, "link", "set", &vh, "up"])
            && ip(&["-n", &hosts.client_ns, "link", "set", &vc, "up"])
            && ip(&["-n", &hosts.host_ns, "link", "set", "lo", "up"])
            && ip(&["-n", &hosts.client_ns, "link", "set", "lo", "up"]);
        ok.then_some(hosts)
    }

    fn subnet(&self) -> u32 {
        1 + self.id % 250
    }

    fn client_link(&self) -> String {
        format!("thv{}c", self.id)
    }

    fn in_ns(&self, ns: &str) -> Command {
        let mut command = Command::new("ip");
        command.args(["netns", "exec", ns]);
        command
    }
}

impl Drop for Hosts {
    fn drop(&mut self) {
        // Deleting a namespace removes its end of the pair, and with it the other.
        ip(&["netns", "del", &self.host_ns]);
        ip(&["netns", "del", &self.client_ns]);
    }
}

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/cum-phuong-2025")
}

fn tally_json(meeting: &Path) -> serde_json::Value {
    let out = Command::new(BIN)
        .args(["tally", meeting.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let mut doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["session_head", "events", "digest"] {
        doc.as_object_mut().unwrap().remove(key);
    }
    doc
}

#[test]
fn ten_seconds_without_a_link_lose_nothing_and_repeat_nothing() {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let Some(hosts) = root.then(|| Hosts::make(1)).flatten() else {
        eprintln!("SKIPPED: needs root and iproute2 to make two network namespaces");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("host.thidua");
    let config = sample().join("cluster.json");
    assert!(
        Command::new(BIN)
            .args([
                "new",
                config.to_str().unwrap(),
                "-o",
                meeting.to_str().unwrap()
            ])
            .status()
            .unwrap()
            .success()
    );
    let codes = dir.path().join("codes.json");
    let _host = Running(
        hosts
            .in_ns(&hosts.host_ns)
            .args([BIN, "host", meeting.to_str().unwrap(), "--port", "7878"])
            .arg("--codes")
            .arg(&codes)
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
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&codes).unwrap()).unwrap();
    let sheet = sample().join("sheets/giang-vo.json");
    let pin = doc["codes"]["giang-vo"]["pin"]
        .as_str()
        .unwrap()
        .to_string();
    let journal = dir.path().join("giang-vo.journal");
    let address = format!("10.77.{}.1:7878", hosts.subnet());
    let client = hosts
        .in_ns(&hosts.client_ns)
        .args([BIN, "join", &address, "--pin", &pin])
        .arg("--sheet")
        .arg(&sheet)
        .arg("--journal")
        .arg(&journal)
        .args(["--timeout", "120"])
        .env("THIDUA_LANG", "en")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    // Let it send a while, then cut its link for ten seconds as it keeps going.
    std::thread::sleep(Duration::from_millis(800));
    let link = hosts.client_link();
    assert!(ip(&["-n", &hosts.client_ns, "link", "set", &link, "down"]));
    let cut_at = std::fs::read_to_string(&journal)
        .unwrap_or_default()
        .lines()
        .count();
    std::thread::sleep(Duration::from_secs(10));
    assert!(ip(&["-n", &hosts.client_ns, "link", "set", &link, "up"]));

    let output = client.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let summary = String::from_utf8_lossy(&output.stdout).to_string();

    // Exactly once, and every score there: the same results as importing the sheet.
    let db = rusqlite::Connection::open(&meeting).unwrap();
    let (rows, distinct): (i64, i64) = db
        .query_row(
            "SELECT COUNT(*), COUNT(DISTINCT device || '/' || device_seq) FROM events \
             WHERE device IS NOT NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(rows, distinct, "an event was committed twice");
    let imported = dir.path().join("imported.thidua");
    assert!(
        Command::new(BIN)
            .args([
                "new",
                config.to_str().unwrap(),
                "-o",
                imported.to_str().unwrap()
            ])
            .status()
            .unwrap()
            .success()
    );
    assert!(
        Command::new(BIN)
            .args([
                "import",
                imported.to_str().unwrap(),
                sheet.to_str().unwrap()
            ])
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(tally_json(&meeting), tally_json(&imported));
    eprintln!(
        "link cut for 10 s after {cut_at} journal lines; {} in the file, each once; {}",
        rows,
        summary.trim()
    );
}

/// The meeting served in the host's namespace is found from the delegate's by its
/// mDNS announcement, with the address to join.
#[test]
fn a_delegate_finds_the_meeting_on_the_network_without_typing_its_address() {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let Some(hosts) = root.then(|| Hosts::make(2)).flatten() else {
        eprintln!("SKIPPED: needs root and iproute2 to make two network namespaces");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("host.thidua");
    let config = sample().join("cluster.json");
    assert!(
        Command::new(BIN)
            .args([
                "new",
                config.to_str().unwrap(),
                "-o",
                meeting.to_str().unwrap()
            ])
            .status()
            .unwrap()
            .success()
    );
    let codes = dir.path().join("codes.json");
    let _host = Running(
        hosts
            .in_ns(&hosts.host_ns)
            .args([BIN, "host", meeting.to_str().unwrap(), "--port", "7878"])
            .arg("--codes")
            .arg(&codes)
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
    let expected = format!("10.77.{}.1:7878", hosts.subnet());
    // Announcements take a moment to be heard; listen a few times at most.
    let mut heard = String::new();
    for _ in 0..5 {
        let found = hosts
            .in_ns(&hosts.client_ns)
            .args([BIN, "find", "--wait", "3"])
            .env("THIDUA_LANG", "en")
            .output()
            .unwrap();
        heard = String::from_utf8_lossy(&found.stdout).to_string();
        if heard.contains(&expected) {
            break;
        }
    }
    assert!(
        heard.contains("Cụm thi đua số 1 khối phường — 2025") && heard.contains(&expected),
        "heard: {heard}"
    );
}
