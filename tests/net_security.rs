//! Who may do what over the network, against the real host on loopback: a wrong PIN,
//! a revoked code, one delegate's code sending another's scores, a request to change
//! attendance or to finalize, reading another sheet, the results before the chair
//! publishes them: each refused with 401/403 and nothing committed. 1,000 wrong PINs
//! from one address do not get in: after five, the host makes it wait.

use std::path::Path;
use std::time::{Duration, Instant};
use thidua::model::event::Event;
use thidua::model::points::Points;
use thidua::net::host::{self, RunningHost};
use thidua::net::protocol::{EventResult, EventsReply, EventsRequest, SentEvent};
use thidua::store::MeetingFile;

fn meeting(dir: &Path) -> MeetingFile {
    let config = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/ha-noi-cum-1-2024/cluster.json"),
    )
    .unwrap();
    MeetingFile::create(&dir.join("m.thidua"), &config, "2024-12-20T08:00:00+07:00").unwrap()
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

struct Scene {
    running: RunningHost,
    base: String,
    agent: ureq::Agent,
}

impl Scene {
    fn start(dir: &Path) -> Scene {
        let running = host::start(meeting(dir), "127.0.0.1".parse().unwrap(), 0, |_| {}).unwrap();
        let base = format!("http://{}", running.addr);
        Scene {
            running,
            base,
            agent: agent(),
        }
    }

    fn code(&self, scorer: &str) -> (String, String) {
        let codes = self.running.host.codes();
        let code = codes
            .codes()
            .iter()
            .find(|c| c.scorer == scorer && !c.revoked)
            .unwrap();
        (code.token.clone(), code.pin.clone())
    }

    fn committed(&self) -> u64 {
        self.running
            .host
            .writer()
            .read_blocking(|f| f.last_seq())
            .unwrap()
    }

    fn join(&self, pin: &str) -> u16 {
        self.agent
            .post(format!("{}/api/join", self.base))
            .send_json(serde_json::json!({ "pin": pin, "device": "test-device" }))
            .unwrap()
            .status()
            .as_u16()
    }

    fn send(&self, token: &str, events: Vec<Event>) -> u16 {
        let request = EventsRequest {
            device: "test-device".into(),
            events: events
                .into_iter()
                .enumerate()
                .map(|(i, event)| SentEvent {
                    seq: i as u64 + 1,
                    event,
                })
                .collect(),
        };
        self.agent
            .post(format!("{}/api/events", self.base))
            .header("Authorization", format!("Bearer {token}"))
            .send_json(&request)
            .unwrap()
            .status()
            .as_u16()
    }

    /// Sends `events` from `device`, numbered from `first`; the host's answer per event.
    fn send_from(
        &self,
        token: &str,
        device: &str,
        first: u64,
        events: Vec<Event>,
    ) -> Vec<EventResult> {
        let request = EventsRequest {
            device: device.into(),
            events: events
                .into_iter()
                .enumerate()
                .map(|(i, event)| SentEvent {
                    seq: first + i as u64,
                    event,
                })
                .collect(),
        };
        let mut response = self
            .agent
            .post(format!("{}/api/events", self.base))
            .header("Authorization", format!("Bearer {token}"))
            .send_json(&request)
            .unwrap();
        let status = response.status().as_u16();
        if status != 200 {
            panic!(
                "{status}: {}",
                response.body_mut().read_to_string().unwrap_or_default()
            );
        }
        let reply: EventsReply = response.body_mut().read_json().unwrap();
        reply.results
    }

    fn get(&self, path: &str, token: &str) -> (u16, String) {
        let mut response = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Authorization", format!("Bearer {token}"))
            .call()
            .unwrap();
        let status = response.status().as_u16();
        (
            status,
            response.body_mut().read_to_string().unwrap_or_default(),
        )
    }
}

fn score(scorer: &str, target: &str, value: i64) -> Event {
    Event::Score {
        scorer: scorer.into(),
        target: target.into(),
        item: "1.1".into(),
        value: Some(Points(value)),
    }
}

/// Another delegate's code cannot take over a device: sending its own scores under
/// Hoàng Mai's device id (read off the wire) and Hoàng Mai's next numbers is refused,
/// and Hoàng Mai's own events with those numbers are committed afterwards, not
/// answered "already committed" and lost.
#[test]
fn another_code_reusing_a_device_id_cannot_make_its_scores_vanish() {
    let dir = tempfile::tempdir().unwrap();
    let scene = Scene::start(dir.path());
    let (hoang_mai, _) = scene.code("hoang-mai");
    let (ba_dinh, _) = scene.code("ba-dinh");
    let device = "5f1c0a9e3b7d4c2a8e6f1b0d9c7a5e3f";
    let first = scene.send_from(
        &hoang_mai,
        device,
        1,
        vec![score("hoang-mai", "ba-dinh", 500)],
    );
    assert!(
        matches!(first[0], EventResult::Committed { .. }),
        "{first:?}"
    );
    let before = scene.committed();
    let stolen = scene.send_from(
        &ba_dinh,
        device,
        2,
        vec![
            score("ba-dinh", "hoang-mai", 100),
            score("ba-dinh", "hoan-kiem", 100),
            score("ba-dinh", "dong-da", 100),
        ],
    );
    assert!(
        stolen
            .iter()
            .all(|r| matches!(r, EventResult::Refused { en, .. } if en.contains("another member"))),
        "{stolen:?}"
    );
    assert_eq!(scene.committed(), before, "nothing of the impostor's");
    let item = |item: &str| Event::Score {
        scorer: "hoang-mai".into(),
        target: "ba-dinh".into(),
        item: item.into(),
        value: Some(Points(400)),
    };
    let own = scene.send_from(
        &hoang_mai,
        device,
        2,
        vec![item("1.2"), item("1.3"), item("1.4")],
    );
    assert!(
        own.iter()
            .all(|r| matches!(r, EventResult::Committed { .. })),
        "{own:?}"
    );
    assert_eq!(scene.committed(), before + 3);
    // Sent again (the answer lost): the very same events are answered as committed
    // before, and nothing is committed twice.
    let again = scene.send_from(
        &hoang_mai,
        device,
        2,
        vec![item("1.2"), item("1.3"), item("1.4")],
    );
    assert!(
        again
            .iter()
            .all(|r| matches!(r, EventResult::Duplicate { .. })),
        "{again:?}"
    );
    assert_eq!(scene.committed(), before + 3);
}

#[test]
fn nothing_outside_ones_own_sheet_gets_through() {
    let dir = tempfile::tempdir().unwrap();
    let scene = Scene::start(dir.path());
    let (ba_dinh, ba_dinh_pin) = scene.code("ba-dinh");
    let before = scene.committed();

    // A wrong PIN.
    let wrong = if ba_dinh_pin == "123457" {
        "123458"
    } else {
        "123457"
    };
    let taken: Vec<String> = scene
        .running
        .host
        .codes()
        .codes()
        .iter()
        .map(|c| c.pin.clone())
        .collect();
    if !taken.contains(&wrong.to_string()) {
        assert_eq!(scene.join(wrong), 401);
    }
    // No token, a made-up token.
    assert_eq!(scene.get("/api/sheet", "").0, 401);
    assert_eq!(scene.get("/api/sheet", &"0".repeat(32)).0, 401);
    // Ba Đình's code sending Hoàng Mai's score, a sheet submission for Hoàng Mai,
    // attendance, meeting details, reopening, finalizing, a chair's figure: all
    // forbidden, as a whole.
    let forbidden = [
        vec![score("hoang-mai", "ba-dinh", 300)],
        vec![
            score("ba-dinh", "hoang-mai", 300),
            score("hoang-mai", "ba-dinh", 300),
        ],
        vec![Event::Submit {
            scorer: "hoang-mai".into(),
        }],
        vec![Event::Attendance {
            member: "hoang-mai".into(),
            present: false,
        }],
        vec![Event::Reopen {
            scorer: "ba-dinh".into(),
            reason: "tự mở".into(),
        }],
        vec![Event::Finalize],
        // A figure only the chair enters, sent as a delegate's own.
        vec![Event::Fact {
            member: "ba-dinh".into(),
            item: "1.1".into(),
            value: Some(thidua::model::points::Points(1000)),
        }],
    ];
    for events in forbidden {
        assert_eq!(scene.send(&ba_dinh, events.clone()), 403, "{events:?}");
    }
    // Reading: one's own sheet only, whatever is asked; the results not yet.
    let (status, body) = scene.get("/api/sheet?scorer=hoang-mai", &ba_dinh);
    assert_eq!(status, 200);
    let view: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(view["scorer"], "ba-dinh");
    assert_eq!(scene.get("/api/tally", &ba_dinh).0, 403);
    assert_eq!(scene.committed(), before, "nothing was committed");

    // One's own score is fine; the chair publishes, then the results can be read.
    assert_eq!(
        scene.send(&ba_dinh, vec![score("ba-dinh", "hoang-mai", 300)]),
        200
    );
    assert_eq!(scene.committed(), before + 1);
    scene.running.host.set_published(true);
    assert_eq!(scene.get("/api/tally", &ba_dinh).0, 200);

    // The chair revokes Ba Đình's code (a borrowed laptop): the old token and PIN stop
    // at once, the new ones work.
    let fresh = scene.running.host.reissue("ba-dinh").unwrap().unwrap();
    assert_eq!(scene.get("/api/sheet", &ba_dinh).0, 401);
    assert_eq!(
        scene.send(&ba_dinh, vec![score("ba-dinh", "hoang-mai", 350)]),
        401
    );
    assert_eq!(scene.get("/api/sheet", &fresh.token).0, 200);
    assert_eq!(scene.committed(), before + 1);
}

#[test]
fn a_thousand_wrong_pins_do_not_get_in_and_the_host_makes_them_wait() {
    let dir = tempfile::tempdir().unwrap();
    let scene = Scene::start(dir.path());
    let taken: Vec<String> = scene
        .running
        .host
        .codes()
        .codes()
        .iter()
        .map(|c| c.pin.clone())
        .collect();
    let started = Instant::now();
    let mut tally = std::collections::BTreeMap::<u16, u32>::new();
    let mut tried = 0;
    for n in 0..2000u32 {
        if tried == 1000 {
            break;
        }
        let pin = format!("{:08}", 31_415_926 + n * 7);
        if taken.contains(&pin) {
            continue;
        }
        tried += 1;
        *tally.entry(scene.join(&pin)).or_default() += 1;
    }
    let elapsed = started.elapsed();
    assert_eq!(tally.get(&200), None, "a wrong PIN got in");
    assert_eq!(
        tally.get(&401),
        Some(&5),
        "five wrong PINs are judged: {tally:?}"
    );
    assert_eq!(tally.get(&429), Some(&995), "the rest must wait: {tally:?}");
    // The answer says how long: the rest of the minute.
    let mut response = scene
        .agent
        .post(format!("{}/api/join", scene.base))
        .send_json(serde_json::json!({ "pin": "00000001", "device": "d" }))
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    let wait: u64 = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let _ = response.body_mut().read_to_string();
    eprintln!(
        "1000 wrong PINs in {} ms: {tally:?}; the next try must wait {wait} s \
         (5 guesses a minute per address: 1,000 guesses take 200 minutes)",
        elapsed.as_millis()
    );
}

/// A code slip left on a table cannot fill the meeting: one code sending 170,000
/// events in twenty requests has at most 20 times its sheet's cells committed; the
/// rest are refused with the reason, and the chair's host names the delegate. A
/// body above the host's limit is answered 413.
#[test]
fn one_code_cannot_flood_the_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let scene = Scene::start(dir.path());
    let (ba_dinh, _) = scene.code("ba-dinh");
    let before = scene.committed();
    // 5 members scored × 24 cells, and the submission: 121 × 20.
    let most = 20 * (5 * 24 + 1);
    let device = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    let mut committed = 0;
    let mut refused = 0;
    for request in 0..20u64 {
        // Each a change of the same cell (1 and 2 points in turn), so every one is
        // an event the rules accept.
        let events: Vec<Event> = (0..8_500u64)
            .map(|i| {
                score(
                    "ba-dinh",
                    "hoang-mai",
                    100 + 100 * ((request * 8_500 + i) % 2) as i64,
                )
            })
            .collect();
        let results = scene.send_from(&ba_dinh, device, 1 + request * 8_500, events);
        assert_eq!(results.len(), 8_500);
        for r in &results {
            match r {
                EventResult::Committed { .. } => committed += 1,
                EventResult::Refused { en, .. } => {
                    assert!(en.contains("no more are taken"), "{en}");
                    refused += 1;
                }
                EventResult::Duplicate { .. } => panic!("nothing was sent twice"),
            }
        }
    }
    assert_eq!(committed, most);
    assert_eq!(refused, 170_000 - most);
    assert_eq!(scene.committed(), before + most as u64);
    assert_eq!(
        scene.running.host.over_allowance(),
        vec!["ba-dinh".to_string()]
    );
    // A body one byte above the host's limit (2 MiB): 413, not 400.
    {
        use std::io::{Read, Write};
        let length = 2 * 1024 * 1024 + 1;
        let mut stream = std::net::TcpStream::connect(scene.running.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let head = format!(
            "POST /api/events HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {ba_dinh}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n",
            scene.running.addr
        );
        let mut writer = stream.try_clone().unwrap();
        let sending = std::thread::spawn(move || {
            let _ = writer.write_all(head.as_bytes());
            let _ = writer.write_all(&vec![b' '; length]);
        });
        let mut answer = [0u8; 12];
        stream.read_exact(&mut answer).unwrap();
        assert_eq!(&answer, b"HTTP/1.1 413");
        let _ = sending.join();
    }
    // The last committed one sent again is still answered as committed before.
    let last = most as u64;
    let again = scene.send_from(
        &ba_dinh,
        device,
        last,
        vec![score(
            "ba-dinh",
            "hoang-mai",
            100 + 100 * ((last - 1) % 2) as i64,
        )],
    );
    assert!(
        matches!(again[0], EventResult::Duplicate { .. }),
        "{again:?}"
    );
    // Another delegate is not held back.
    let (hoang_mai, _) = scene.code("hoang-mai");
    let other = scene.send_from(
        &hoang_mai,
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        1,
        vec![score("hoang-mai", "ba-dinh", 300)],
    );
    assert!(
        matches!(other[0], EventResult::Committed { .. }),
        "{other:?}"
    );
}

/// A request to `path` sent from `source` (any loopback address), over a raw
/// connection; answers the status.
fn post_from(source: std::net::Ipv4Addr, to: std::net::SocketAddr, path: &str, body: &str) -> u16 {
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {to}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    status_of_raw(source, to, request.as_bytes())
}

/// Sends `request` (which asks the host to close after answering) from `source` on
/// a connection of its own and reads the answer to its end; answers the status.
fn status_of_raw(source: std::net::Ipv4Addr, to: std::net::SocketAddr, request: &[u8]) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind((source, 0).into()).unwrap();
        let mut stream = socket.connect(to).await.unwrap();
        stream.write_all(request).await.unwrap();
        let mut answer = Vec::new();
        let read = stream.read_to_end(&mut answer);
        tokio::time::timeout(Duration::from_secs(10), read)
            .await
            .unwrap()
            .unwrap();
        let head = String::from_utf8_lossy(&answer);
        head.split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    })
}

#[test]
fn others_wrong_pins_never_keep_a_delegate_out_and_guessing_stays_infeasible() {
    let dir = tempfile::tempdir().unwrap();
    let scene = Scene::start(dir.path());
    let (_, pin) = scene.code("ba-dinh");
    let taken: Vec<String> = scene
        .running
        .host
        .codes()
        .codes()
        .iter()
        .map(|c| c.pin.clone())
        .collect();
    let mut wrong = (0..).map(|n: u32| format!("{:08}", 52_718_281 + n * 13));
    let mut tally = std::collections::BTreeMap::<u16, u32>::new();
    for address in 2..=7u8 {
        for _ in 0..6 {
            let guess = wrong.find(|p| !taken.contains(p)).unwrap();
            let body = format!(r#"{{"pin":"{guess}","device":"guesser-{address}"}}"#);
            let source = std::net::Ipv4Addr::new(127, 0, 0, address);
            *tally
                .entry(post_from(source, scene.running.addr, "/api/join", &body))
                .or_default() += 1;
        }
    }
    assert_eq!(tally.get(&200), None, "{tally:?}");
    assert_eq!(
        tally.get(&401),
        Some(&30),
        "five judged per address: {tally:?}"
    );
    assert_eq!(tally.get(&429), Some(&6), "the sixth waits: {tally:?}");
    // The ceiling for addresses that guessed is now full; a delegate's own PIN from
    // an address that never guessed is let in at once, one that guessed waits.
    let spaced = format!("{} {}", &pin[..4], &pin[4..]);
    let body = format!(r#"{{"pin":"{spaced}","device":"ba-dinh-laptop"}}"#);
    let seventh = std::net::Ipv4Addr::new(127, 0, 0, 8);
    let started = Instant::now();
    assert_eq!(
        post_from(seventh, scene.running.addr, "/api/join", &body),
        200,
        "a delegate's correct PIN, typed as on the slip, from an address that never guessed"
    );
    assert!(started.elapsed() < Duration::from_secs(1));
    let first_guesser = std::net::Ipv4Addr::new(127, 0, 0, 2);
    assert_eq!(
        post_from(first_guesser, scene.running.addr, "/api/join", &body),
        429
    );
    let hours = thidua::model::grant::expected_guessing_hours(
        &thidua::model::grant::PinLimits::default(),
        thidua::model::grant::MOST_MEMBERS,
    );
    eprintln!("expected time to open one of 30 sheets by guessing: {hours:.0} hours");
    assert!(hours >= 1_000.0, "{hours}");
}

/// A request captured on the wire and sent again commits nothing; one altered under
/// the same numbers is refused; and after the chair reissues a delegate's code, the
/// delegate's journal replayed under the new code commits nothing twice.
#[test]
fn a_replayed_or_altered_request_and_a_replayed_journal_commit_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let scene = Scene::start(dir.path());
    let (old, _) = scene.code("ba-dinh");
    let device = "ba-dinh-laptop-journal";
    let sheet = vec![
        score("ba-dinh", "hoang-mai", 400),
        score("ba-dinh", "hoan-kiem", 450),
        score("ba-dinh", "dong-da", 500),
    ];
    let first = scene.send_from(&old, device, 1, sheet.clone());
    assert!(
        first
            .iter()
            .all(|r| matches!(r, EventResult::Committed { .. })),
        "{first:?}"
    );
    let committed = scene.committed();
    let replayed = scene.send_from(&old, device, 1, sheet.clone());
    assert!(
        replayed
            .iter()
            .all(|r| matches!(r, EventResult::Duplicate { .. })),
        "{replayed:?}"
    );
    let altered = scene.send_from(&old, device, 2, vec![score("ba-dinh", "hoan-kiem", 100)]);
    assert!(
        matches!(altered[0], EventResult::Refused { .. }),
        "{altered:?}"
    );
    assert_eq!(scene.committed(), committed);

    let fresh = scene.running.host.reissue("ba-dinh").unwrap().unwrap();
    let again = scene.send_from(&fresh.token, device, 1, sheet);
    assert!(
        again
            .iter()
            .all(|r| matches!(r, EventResult::Duplicate { .. })),
        "the journal's events under the new code: {again:?}"
    );
    assert_eq!(scene.committed(), committed, "nothing committed twice");
    let next = scene.send_from(
        &fresh.token,
        device,
        4,
        vec![score("ba-dinh", "dong-da", 550)],
    );
    assert!(matches!(next[0], EventResult::Committed { .. }), "{next:?}");
}

/// Forwards connections on a port of its own to `to`, keeping every byte the
/// clients send: what someone listening on the Wi-Fi would see.
fn listening_proxy(to: std::net::SocketAddr) -> (u16, std::sync::Arc<std::sync::Mutex<Vec<u8>>>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let kept = heard.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().take(16) {
            let Ok(mut client) = client else { return };
            let Ok(mut host) = std::net::TcpStream::connect(to) else {
                return;
            };
            let (mut back_from, mut back_to) =
                (host.try_clone().unwrap(), client.try_clone().unwrap());
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut back_from, &mut back_to);
            });
            let kept = kept.clone();
            std::thread::spawn(move || {
                let mut buffer = [0u8; 4096];
                while let Ok(n) = client.read(&mut buffer) {
                    if n == 0 || host.write_all(&buffer[..n]).is_err() {
                        break;
                    }
                    kept.lock().unwrap().extend_from_slice(&buffer[..n]);
                }
            });
        }
    });
    (port, heard)
}

/// One whole request (head and body) starting at `from` in what was heard.
fn request_at(heard: &[u8], from: usize) -> Vec<u8> {
    let text = String::from_utf8_lossy(&heard[from..]).to_string();
    let head_end = text.find("\r\n\r\n").unwrap() + 4;
    let length: usize = text[..head_end]
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap())
        })
        .unwrap_or(0);
    heard[from..from + head_end + length].to_vec()
}

/// Sends raw request bytes to `to` on a connection of their own; the status.
fn send_raw(to: std::net::SocketAddr, request: &[u8]) -> u16 {
    let text = String::from_utf8_lossy(request).to_string();
    // Asked to close after answering, so the whole answer can be read to its end.
    let line_end = text.find("\r\n").unwrap() + 2;
    let mut sent = request[..line_end].to_vec();
    sent.extend_from_slice(b"Connection: close\r\n");
    sent.extend_from_slice(&request[line_end..]);
    status_of_raw(std::net::Ipv4Addr::LOCALHOST, to, &sent)
}

#[test]
fn a_listener_on_the_wifi_never_sees_the_key_and_cannot_reuse_what_it_heard() {
    let dir = tempfile::tempdir().unwrap();
    let scene = Scene::start(dir.path());
    let (token, _) = scene.code("ba-dinh");
    let (port, heard) = listening_proxy(scene.running.addr);
    let client = thidua::net::client::Client::with_token(
        &format!("127.0.0.1:{port}"),
        &token,
        "ba-dinh-laptop",
    );
    client.sheet().unwrap();
    let results = client
        .send(vec![
            SentEvent {
                seq: 1,
                event: score("ba-dinh", "hoang-mai", 400),
            },
            SentEvent {
                seq: 2,
                event: score("ba-dinh", "hoan-kiem", 450),
            },
        ])
        .unwrap();
    assert!(
        results
            .iter()
            .all(|r| matches!(r, EventResult::Committed { .. })),
        "{results:?}"
    );
    let heard = heard.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&heard).to_string();
    assert!(
        text.contains("POST /api/events"),
        "the proxy heard the requests"
    );
    assert!(!text.contains(&token), "the key crossed the network");
    assert!(
        text.to_ascii_lowercase()
            .contains("authorization: thidua-hmac key="),
        "the requests were signed"
    );
    let committed = scene.committed();

    // Sent again as heard: answered, nothing committed.
    let captured = request_at(&heard, text.find("POST /api/events").unwrap());
    assert_eq!(send_raw(scene.running.addr, &captured), 200);
    assert_eq!(scene.committed(), committed);
    // Altered (another value, same length): refused before anything is read.
    let altered = String::from_utf8_lossy(&captured).replacen("\"value\":4}", "\"value\":9}", 1);
    assert_ne!(altered.as_bytes(), &captured[..]);
    assert_eq!(send_raw(scene.running.addr, altered.as_bytes()), 401);
    // Numbered anew so it would be a new event: refused the same way.
    let renumbered = String::from_utf8_lossy(&captured).replacen("\"seq\":1", "\"seq\":7", 1);
    assert_eq!(send_raw(scene.running.addr, renumbered.as_bytes()), 401);
    assert_eq!(
        scene.committed(),
        committed,
        "nothing committed from what was heard"
    );
}
