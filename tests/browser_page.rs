//! The scoring page in a real browser: Debian's headless chromium, driven by
//! Playwright (`tests/browser/drive.js`), against `thidua host` or the host in this
//! process. A delegate scores a whole sheet with the keyboard while the host is
//! killed and restarted and while the browser is offline; refused values are
//! explained and never sent; the security of the live meeting holds through the
//! pages; every request a page makes goes to the host.
//!
//! Needs `node`, `/usr/bin/chromium` and `npm ci` in `tests/browser` (`.ci/run` does
//! all three), so the tests are ignored in a bare `cargo test` and run with
//! `-- --include-ignored`. Run so without the tools they say SKIPPED, unless
//! THIDUA_REQUIRE_BROWSER is set, as CI sets it.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

mod net_common;
use net_common::{free_port, imported, new_meeting, read_codes, sample, start_host, tally_json};

/// How long the browser is given to write its storage to disk before it is killed.
/// Chromium writes `localStorage` out in batches some seconds after a change: here
/// values typed 2 s before a SIGKILL were gone from the reopened page, values typed
/// 10 s before were kept (README, "A live meeting across laptops").
const SETTLE_MS: u64 = 10_000;

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Whether node, chromium and Playwright are here; says why not.
fn browser_ready() -> bool {
    let node = Command::new("node").arg("--version").output().is_ok();
    let chromium = Path::new("/usr/bin/chromium").exists();
    let playwright = browser_dir()
        .join("node_modules/playwright-core/package.json")
        .exists();
    if node && chromium && playwright {
        return true;
    }
    let why = format!(
        "needs node ({node}), /usr/bin/chromium ({chromium}) and `npm ci` in tests/browser \
         ({playwright}); .ci/run installs them"
    );
    assert!(
        std::env::var_os("THIDUA_REQUIRE_BROWSER").is_none(),
        "the browser tests cannot run: {why}"
    );
    eprintln!("SKIPPED: {why}");
    false
}

/// Where the pages' screenshots go.
fn shots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-shots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs one scenario of `drive.js`; `answer` does what it asks (kill the host…).
/// Returns what the scenario reports; panics with the page's own account if it fails.
fn drive(
    scenario: &str,
    args: serde_json::Value,
    mut answer: impl FnMut(&str),
) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let args_file = dir.path().join("args.json");
    std::fs::write(&args_file, args.to_string()).unwrap();
    let mut child = Command::new("node")
        .arg(browser_dir().join("drive.js"))
        .arg(scenario)
        .arg(&args_file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    // No scenario runs for ever, whatever the page does.
    let pid = child.id().to_string();
    let (finished, watchdog) = mpsc::channel::<()>();
    let guard = std::thread::spawn(move || {
        if watchdog.recv_timeout(Duration::from_secs(240)).is_err() {
            let _ = Command::new("kill").args(["-9", &pid]).status();
        }
    });
    let mut to_driver = child.stdin.take().unwrap();
    let from_driver = BufReader::new(child.stdout.take().unwrap());
    let mut outcome = None;
    for line in from_driver.lines() {
        let line = line.unwrap();
        let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else {
            eprintln!("driver: {line}");
            continue;
        };
        if let Some(what) = message["ask"].as_str() {
            answer(what);
            writeln!(to_driver, "ok").unwrap();
        } else if message.get("done").is_some() || message.get("error").is_some() {
            outcome = Some(message);
            break;
        }
    }
    let _ = child.wait();
    let _ = finished.send(());
    let _ = guard.join();
    let outcome = outcome.expect("the browser driver stopped without an answer (timed out?)");
    if let Some(error) = outcome["error"].as_str() {
        panic!("in the browser: {error}");
    }
    outcome["done"].clone()
}

fn no_request_elsewhere(done: &serde_json::Value) {
    assert_eq!(
        done["elsewhere"],
        serde_json::json!([]),
        "the page loaded something from another host"
    );
}

/// Each event in the file that came from `device`: (device seq, the event).
fn events_from(meeting: &Path, device: &str) -> Vec<(i64, serde_json::Value)> {
    let db = rusqlite::Connection::open(meeting).unwrap();
    let mut statement = db
        .prepare("SELECT device_seq, event FROM events WHERE device = ?1 ORDER BY seq")
        .unwrap();
    statement
        .query_map([device], |r| {
            let event: String = r.get(1)?;
            Ok((r.get(0)?, serde_json::from_str(&event).unwrap()))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn codes_in_file(meeting: &Path) -> serde_json::Value {
    let db = rusqlite::Connection::open(meeting).unwrap();
    let json: String = db
        .query_row(
            "SELECT value FROM host_state WHERE key = 'join_codes'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    serde_json::from_str(&json).unwrap()
}

fn token_of(link: &serde_json::Value) -> String {
    let link = link.as_str().unwrap();
    thidua::net::client::token_of(link).unwrap()
}

/// `thidua host` on loopback with a new meeting of the 12-ward sample in `dir`.
struct Hosted {
    meeting: PathBuf,
    codes: PathBuf,
    port: u16,
    /// `{scorer: {pin, link}}`.
    listed: serde_json::Value,
    host: net_common::Running,
}

fn hosted(dir: &Path) -> Hosted {
    let meeting = dir.join("host.thidua");
    new_meeting(&meeting);
    let codes = dir.join("codes.json");
    let port = free_port();
    let host = start_host(&meeting, port, &codes);
    let (_, listed) = read_codes(&codes);
    Hosted {
        meeting,
        codes,
        port,
        listed,
        host,
    }
}

/// The host in this process, on loopback, with a new meeting of the 12-ward sample
/// in `dir`: for what only the chair's window can do (publish, revoke, reopen).
fn hosted_here(dir: &Path) -> thidua::net::host::RunningHost {
    let path = dir.join("m.thidua");
    new_meeting(&path);
    let file = thidua::store::MeetingFile::open(&path).unwrap();
    thidua::net::host::start(file, "127.0.0.1".parse().unwrap(), 0, |_| {}).unwrap()
}

/// Runs `scenario` against the host of `meeting` on `port`, killing it (SIGKILL) and
/// starting it again on the same file, port and codes whenever the page's driver
/// asks; the host is stopped once the scenario ends. Returns what it reports.
fn drive_through_restarts(
    scenario: &str,
    args: serde_json::Value,
    host: net_common::Running,
    (meeting, port, codes): (&Path, u16, &Path),
) -> serde_json::Value {
    let mut host = Some(host);
    let done = drive(scenario, args, |what| match what {
        "kill" => drop(host.take()),
        "restart" => host = Some(start_host(meeting, port, codes)),
        other => panic!("the driver asked to {other}"),
    });
    drop(host);
    done
}

/// The sample's paper sheet of `scorer`: its file and its contents.
fn sample_sheet(scorer: &str) -> (PathBuf, serde_json::Value) {
    let file = sample().join(format!("sheets/{scorer}.json"));
    let sheet = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    (file, sheet)
}

#[test]
#[ignore = "needs chromium, node and `npm ci` in tests/browser: cargo test -- --include-ignored"]
fn a_whole_sheet_typed_in_a_browser_through_a_killed_host_and_an_offline_spell_is_saved_once() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let Hosted {
        meeting,
        codes,
        port,
        listed,
        host,
    } = hosted(dir.path());
    let (sheet_file, sheet) = sample_sheet("ba-dinh");
    let args = serde_json::json!({
        "origin": format!("http://127.0.0.1:{port}"),
        "token": token_of(&listed["ba-dinh"]["link"]),
        "scores": sheet["scores"],
        "shots": shots(),
    });

    let done = drive_through_restarts("whole-sheet", args, host, (&meeting, port, &codes));
    no_request_elsewhere(&done);

    assert_eq!(done["lostAnswers"], 3);
    assert!(done["sent"].as_u64().unwrap() > done["filled"].as_u64().unwrap());
    // Every value once, from the browser, then the submission.
    let device = done["device"].as_str().unwrap();
    let events = events_from(&meeting, device);
    let filled = done["filled"].as_u64().unwrap() as usize;
    let scores: Vec<&serde_json::Value> = events
        .iter()
        .map(|(_, e)| e)
        .filter(|e| e["type"] == "score")
        .collect();
    assert_eq!(scores.len(), filled, "score events from the browser");
    let cells: HashSet<(String, String)> = scores
        .iter()
        .map(|e| (e["target"].to_string(), e["item"].to_string()))
        .collect();
    assert_eq!(cells.len(), filled, "a cell was committed twice");
    assert_eq!(events.last().unwrap().1["type"], "submit");
    let seqs: HashSet<i64> = events.iter().map(|(s, _)| *s).collect();
    assert_eq!(seqs.len(), events.len());

    // The same results as importing the sheet from its file.
    let from_file = dir.path().join("imported.thidua");
    imported(&from_file, &[sheet_file]);
    assert_eq!(tally_json(&meeting), tally_json(&from_file));

    // The chair's screen lists the phone among the code's devices.
    let codes = codes_in_file(&meeting);
    let code = codes["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["scorer"] == "ba-dinh" && c["revoked"] == false)
        .unwrap();
    assert!(
        code["devices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d == device),
        "{code}"
    );
}

#[test]
#[ignore = "needs chromium, node and `npm ci` in tests/browser: cargo test -- --include-ignored"]
fn values_the_rules_refuse_are_explained_on_the_page_and_never_sent() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let Hosted {
        meeting,
        port,
        listed,
        host,
        ..
    } = hosted(dir.path());
    let args = serde_json::json!({
        "origin": format!("http://127.0.0.1:{port}"),
        "token": token_of(&listed["hoan-kiem"]["link"]),
    });
    let done = drive("refused", args, |what| panic!("the driver asked to {what}"));
    drop(host);
    no_request_elsewhere(&done);
    assert_eq!(done["sent"], 1, "only the corrected value is sent");
    let db = rusqlite::Connection::open(&meeting).unwrap();
    let from_devices: i64 = db
        .query_row(
            "SELECT count(*) FROM events WHERE device IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(from_devices, 1, "events committed from the page");
}

#[test]
#[ignore = "needs chromium, node and `npm ci` in tests/browser: cargo test -- --include-ignored"]
fn the_pages_keep_the_live_meetings_security() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let running = hosted_here(dir.path());
    let codes = running.host.codes();
    let mine = codes.active_for("dong-da").unwrap().clone();
    let other = codes.active_for("lang").unwrap().clone();
    let origin = format!("http://{}", running.addr);

    // Another delegate's sheet holds values before this one opens the page.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .into();
    let events: Vec<serde_json::Value> = ["1.1", "1.2", "1.3"]
        .iter()
        .enumerate()
        .map(|(i, item)| {
            serde_json::json!({"seq": i + 1, "event": {"type": "score", "scorer": "lang",
                "target": "ba-dinh", "item": item, "value": 3.5}})
        })
        .collect();
    let sent = agent
        .post(format!("{origin}/api/events"))
        .header("Authorization", &format!("Bearer {}", other.token))
        .send_json(serde_json::json!({"device": "other-laptop", "events": events}))
        .unwrap();
    assert_eq!(sent.status().as_u16(), 200);

    let pins: HashSet<String> = codes.codes.iter().map(|c| c.pin.clone()).collect();
    let wrong_pin = (10_000_000..100_000_000)
        .map(|n| format!("{n:08}"))
        .find(|p| !pins.contains(p))
        .unwrap();
    let made_up = "0123456789abcdef0123456789abcdef";
    let config = thidua::model::config::Config::from_bytes(
        &std::fs::read(sample().join("cluster.json")).unwrap(),
    )
    .unwrap();
    let dong_da = &config.members[config.member("dong-da").unwrap()];
    let forbidden = {
        use thidua::model::event::Event;
        use thidua::model::points::Points;
        let other_score = Event::Score {
            scorer: "lang".into(),
            target: "ba-dinh".into(),
            item: "1.1".into(),
            value: Some(Points(300)),
        };
        let own_score = Event::Score {
            scorer: "dong-da".into(),
            target: "ba-dinh".into(),
            item: "1.1".into(),
            value: Some(Points(300)),
        };
        serde_json::json!([
            [other_score],
            [own_score, other_score],
            [Event::Submit {
                scorer: "lang".into()
            }],
            [Event::Attendance {
                member: "lang".into(),
                present: false
            }],
            [Event::Reopen {
                scorer: "dong-da".into(),
                reason: "tự mở".into()
            }],
            [Event::Finalize],
        ])
    };
    let committed_before = running
        .host
        .writer()
        .read_blocking(|file| file.last_seq())
        .unwrap();
    let args = serde_json::json!({
        "origin": origin,
        "scorer": "dong-da",
        "other": "lang",
        "forbidden": forbidden,
        "token": mine.token,
        "pin": mine.pin,
        "short": dong_da.short,
        "wrongPin": wrong_pin,
        "madeUpToken": made_up,
        "members": config.members.len(),
        "shots": shots(),
    });
    let done = drive("security", args, |what| match what {
        "publish" => running.host.set_published(true),
        "unpublish" => running.host.set_published(false),
        "revoke" => {
            running.host.reissue("dong-da").unwrap();
        }
        other => panic!("the driver asked to {other}"),
    });
    no_request_elsewhere(&done);
    // Every request was signed, or carried nothing (the PIN, the page itself); no
    // address or header ever carried a key, the delegate's, another's or a made-up
    // one: someone listening on the Wi-Fi has nothing to act with.
    for authorization in done["tokens"].as_array().unwrap() {
        let authorization = authorization.as_str().unwrap();
        assert!(
            authorization.is_empty() || authorization.starts_with("Thidua-HMAC key="),
            "a page sent {authorization}"
        );
    }
    for sent in done["sent"].as_array().unwrap() {
        let sent = sent.as_str().unwrap();
        for key in [mine.token.as_str(), other.token.as_str(), made_up] {
            assert!(!sent.contains(key), "a key crossed the network: {sent}");
        }
    }
    assert_eq!(done["filledShown"], 0, "another sheet's values show");
    // Nothing from this delegate's pages was committed.
    let committed_after = running
        .host
        .writer()
        .read_blocking(|file| file.last_seq())
        .unwrap();
    assert_eq!(committed_after, committed_before);
    // The browser that used the PIN was listed for the code, as a laptop would be.
    let revoked = running.host.codes();
    let old = revoked
        .codes
        .iter()
        .find(|c| c.token == mine.token)
        .unwrap();
    assert!(old.revoked && !old.devices.is_empty(), "{old:?}");
}

#[test]
#[ignore = "needs chromium, node and `npm ci` in tests/browser: cargo test -- --include-ignored"]
fn a_submitted_sheet_stays_locked_until_the_chair_reopens_it_and_the_page_says_why() {
    use thidua::model::event::{Actor, Event};
    use thidua::net::host;
    use thidua::store::Submission;
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let running = hosted_here(dir.path());
    let config = running
        .host
        .writer()
        .read_blocking(|file| file.session().config().clone())
        .unwrap();
    let scorer = config.member("dong-da").unwrap();
    let by_dong_da = |event| Submission {
        by: Actor::Member("dong-da".into()),
        origin: None,
        event,
    };
    let sheet = thidua::synthetic::sheet_events(&config, scorer);
    running
        .host
        .writer()
        .submit_blocking(sheet.into_iter().map(by_dong_da).collect())
        .unwrap();
    let reason = "Sửa điểm mục 1.1 theo đề nghị của Đống Đa";
    let args = serde_json::json!({
        "origin": format!("http://{}", running.addr),
        "token": running.host.codes().active_for("dong-da").unwrap().token,
        "reason": reason,
        "corrected": "1,5",
        "shots": shots(),
    });
    let writer = running.host.writer().clone();
    let done = drive("reopen", args, |what| {
        assert_eq!(what, "reopen");
        let reopen = Submission {
            by: Actor::Chair,
            origin: None,
            event: Event::Reopen {
                scorer: "dong-da".into(),
                reason: reason.into(),
            },
        };
        writer.submit_blocking(vec![reopen]).unwrap();
    });
    no_request_elsewhere(&done);
    let view = running
        .host
        .writer()
        .read_blocking(|file| host::sheet_view(file, "dong-da", "", false))
        .unwrap()
        .unwrap();
    assert!(view.submitted, "the sheet was submitted again");
    let first = &done["first"];
    let corrected = view
        .values
        .iter()
        .find(|v| first["target"] == v.target.as_str() && first["item"] == v.item.as_str())
        .unwrap();
    assert_eq!(corrected.value, "1.5");
}

#[test]
#[ignore = "needs chromium, node and `npm ci` in tests/browser: cargo test -- --include-ignored"]
fn a_host_and_a_browser_both_killed_lose_no_value_and_repeat_none() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let Hosted {
        meeting,
        codes,
        port,
        listed,
        host,
    } = hosted(dir.path());
    let (_, sheet) = sample_sheet("ba-dinh");
    let args = serde_json::json!({
        "origin": format!("http://127.0.0.1:{port}"),
        "token": token_of(&listed["ba-dinh"]["link"]),
        "scores": sheet["scores"],
        "online": 12,
        "offline": 12,
        "settleMs": SETTLE_MS,
    });
    let done = drive_through_restarts("both-killed", args, host, (&meeting, port, &codes));
    no_request_elsewhere(&done);
    let device = done["device"].as_str().unwrap();
    let committed: Vec<(String, String, f64)> = events_from(&meeting, device)
        .into_iter()
        .map(|(_, e)| {
            (
                e["target"].as_str().unwrap().to_string(),
                e["item"].as_str().unwrap().to_string(),
                e["value"].as_f64().unwrap(),
            )
        })
        .collect();
    let sent: Vec<(String, String, f64)> = done["sent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["target"].as_str().unwrap().to_string(),
                c["item"].as_str().unwrap().to_string(),
                c["value"]
                    .as_str()
                    .unwrap()
                    .replace(',', ".")
                    .parse()
                    .unwrap(),
            )
        })
        .collect();
    let lost = sent.iter().filter(|c| !committed.contains(c)).count();
    let cells: HashSet<(&String, &String)> = committed.iter().map(|(t, i, _)| (t, i)).collect();
    let twice = committed.len() - cells.len();
    assert_eq!((lost, twice), (0, 0), "lost, committed twice");
    assert_eq!(committed.len(), sent.len());
}

#[test]
#[ignore = "needs chromium, node and `npm ci` in tests/browser: cargo test -- --include-ignored"]
fn a_version_two_sheet_asks_for_counts_and_choices_and_shows_the_chairs_figures() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/cum-347-2025");
    let meeting = dir.path().join("cum-347.thidua");
    let config = folder.join("cluster.json");
    let facts = folder.join("facts.json");
    for args in [
        vec![
            "new",
            config.to_str().unwrap(),
            "-o",
            meeting.to_str().unwrap(),
        ],
        vec!["import", meeting.to_str().unwrap(), facts.to_str().unwrap()],
    ] {
        let o = net_common::thidua(&args);
        assert!(o.status.success(), "{o:?}");
    }
    let codes = dir.path().join("codes.json");
    let port = free_port();
    let host = start_host(&meeting, port, &codes);
    let (_, listed) = read_codes(&codes);
    let args = serde_json::json!({
        "origin": format!("http://127.0.0.1:{port}"),
        "token": token_of(&listed["cam-hong"]["link"]),
        "shots": shots(),
    });
    let done = drive("version-two", args, |what| {
        panic!("the driver asked to {what}")
    });
    drop(host);
    no_request_elsewhere(&done);
    // What reached the meeting file: the last value of each cell, as typed.
    let db = rusqlite::Connection::open(&meeting).unwrap();
    let value = |item: &str| -> Option<f64> {
        db.query_row(
            "SELECT json_extract(event, '$.value') FROM events WHERE device IS NOT NULL \
             AND json_extract(event, '$.item') = ?1 ORDER BY seq DESC LIMIT 1",
            [item],
            |r| r.get(0),
        )
        .ok()
    };
    assert_eq!(
        value("6"),
        Some(4.0),
        "the count, corrected after a refusal"
    );
    assert_eq!(value("2"), Some(1.0), "passed");
    assert_eq!(value("13+"), Some(2.0));
    assert_eq!(value("13-"), Some(1.0));
}
