//! The host against connections that ask nothing: 1,100 idle connections from 44
//! addresses and 200 that trickle one byte every 5 s from 8 more, opened again as
//! soon as the host closes them, against `thidua host` limited to 1,024 open files.
//! After 25 s a new delegate's request is answered within a second, and keeps being
//! answered while the attack goes on. Every loop here ends by a fixed deadline.

mod net_common;

use net_common::*;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const IDLE_ADDRESSES: u8 = 44;
const TRICKLE_ADDRESSES: u8 = 8;
const PER_ADDRESS: usize = 25;
const ATTACK_FOR: Duration = Duration::from_secs(48);

/// What the attack saw, for the assertions and the failure message.
#[derive(Default)]
struct Seen {
    open_now: AtomicUsize,
    opened: AtomicUsize,
    /// Trickling connections the host closed within 15 s of their opening.
    trickles_cut: AtomicUsize,
}

#[test]
fn idle_and_trickling_connections_do_not_shut_a_delegate_out() {
    allow_this_process_many_files();
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("m.thidua");
    new_meeting(&meeting);
    let codes_path = dir.path().join("codes.json");
    let port = free_port();
    let mut limited = Command::new("sh");
    limited.args(["-c", "ulimit -n 1024 && exec \"$0\" \"$@\"", BIN]);
    let _host = start_host_with(limited, &meeting, port, &codes_path);
    let (_, codes) = read_codes(&codes_path);
    let link = codes["hoan-kiem"]["link"].as_str().unwrap().to_string();
    let token = thidua::net::client::token_of(&link).unwrap();
    let target = SocketAddr::from((Ipv4Addr::LOCALHOST, port));

    let seen = Arc::new(Seen::default());
    let stop = Arc::new(AtomicBool::new(false));
    let attack = {
        let (seen, stop) = (seen.clone(), stop.clone());
        std::thread::spawn(move || attack(target, seen, stop))
    };

    std::thread::sleep(Duration::from_secs(25));
    let at_25s = seen.open_now.load(Ordering::SeqCst);
    let mut slowest = Duration::ZERO;
    let probes_until = Instant::now() + Duration::from_secs(15);
    let mut probes = 0;
    while Instant::now() < probes_until {
        let took = delegate_reads_its_sheet(port, &token);
        slowest = slowest.max(took);
        probes += 1;
        std::thread::sleep(Duration::from_millis(500));
    }
    let open_at_end = seen.open_now.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    attack.join().unwrap();

    let opened = seen.opened.load(Ordering::SeqCst);
    let cut = seen.trickles_cut.load(Ordering::SeqCst);
    eprintln!(
        "attack: {opened} connections opened, {at_25s} open at 25 s, {open_at_end} at the end; \
         {cut} trickling ones cut within 15 s; {probes} delegate requests, slowest {slowest:?}"
    );
    assert!(
        slowest < Duration::from_secs(1),
        "a delegate waited {slowest:?}"
    );
    assert!(
        at_25s >= 500,
        "the attack held only {at_25s} connections: it did not test the limits"
    );
    assert!(
        cut >= 1,
        "no trickling connection was closed for its slow head"
    );
}

/// One new delegate request on a new connection: its sheet, answered 200. Returns
/// how long it took.
fn delegate_reads_its_sheet(port: u16, token: &str) -> Duration {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(5)))
        .build()
        .into();
    let started = Instant::now();
    let answer = agent
        .get(format!("http://127.0.0.1:{port}/api/sheet"))
        .header("Authorization", format!("Bearer {token}"))
        .call();
    let took = started.elapsed();
    match answer {
        Ok(mut response) => {
            assert_eq!(response.status(), 200);
            let _ = response.body_mut().read_to_string();
        }
        Err(e) => panic!("a delegate's request failed after {took:?}: {e}"),
    }
    took
}

/// The attack's own process needs more than the 1,300 connections it holds.
fn allow_this_process_many_files() {
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap_or_default();
    let soft: usize = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .and_then(|l| l.split_whitespace().nth(3).and_then(|n| n.parse().ok()))
        .unwrap_or(0);
    if soft < 4096 {
        let pid = std::process::id().to_string();
        let raised = Command::new("prlimit")
            .args(["--pid", &pid, "--nofile=8192:8192"])
            .status()
            .unwrap();
        assert!(
            raised.success(),
            "prlimit could not raise this test's file limit"
        );
    }
}

fn attack(target: SocketAddr, seen: Arc<Seen>, stop: Arc<AtomicBool>) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let ends = tokio::time::Instant::now() + ATTACK_FOR;
        let mut tasks = Vec::new();
        for a in 1..=IDLE_ADDRESSES + TRICKLE_ADDRESSES {
            let trickle = a > IDLE_ADDRESSES;
            let source = Ipv4Addr::new(127, 0, if trickle { 2 } else { 1 }, a);
            for _ in 0..PER_ADDRESS {
                let (seen, stop) = (seen.clone(), stop.clone());
                tasks.push(tokio::spawn(async move {
                    while tokio::time::Instant::now() < ends && !stop.load(Ordering::SeqCst) {
                        hold_one(source, target, trickle, &seen, &stop, ends).await;
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                }));
            }
        }
        for task in tasks {
            let _ = task.await;
        }
    });
}

/// Opens one connection from `source` and holds it, idle or trickling a request
/// head one byte every 5 s, until the host closes it or the attack ends.
async fn hold_one(
    source: Ipv4Addr,
    target: SocketAddr,
    trickle: bool,
    seen: &Seen,
    stop: &AtomicBool,
    ends: tokio::time::Instant,
) {
    let Ok(socket) = tokio::net::TcpSocket::new_v4() else {
        return;
    };
    if socket.bind(SocketAddr::from((source, 0))).is_err() {
        return;
    }
    let connected = tokio::time::timeout(Duration::from_secs(2), socket.connect(target)).await;
    let Ok(Ok(mut stream)) = connected else {
        return;
    };
    let opened = tokio::time::Instant::now();
    seen.opened.fetch_add(1, Ordering::SeqCst);
    seen.open_now.fetch_add(1, Ordering::SeqCst);
    let head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    let mut sent = 0;
    let mut buffer = [0u8; 64];
    loop {
        if stop.load(Ordering::SeqCst) || tokio::time::Instant::now() >= ends {
            break;
        }
        if trickle && sent < head.len() && stream.write_all(&head[sent..=sent]).await.is_err() {
            break;
        }
        sent += 1;
        let wait = if trickle { 5 } else { 1 };
        match tokio::time::timeout(Duration::from_secs(wait), stream.read(&mut buffer)).await {
            // Closed by the host (or an answer, which an idle connection never gets).
            Ok(Ok(0)) | Ok(Err(_)) => {
                if trickle && opened.elapsed() < Duration::from_secs(15) {
                    seen.trickles_cut.fetch_add(1, Ordering::SeqCst);
                }
                break;
            }
            Ok(Ok(_)) => {}
            Err(_) => {}
        }
    }
    seen.open_now.fetch_sub(1, Ordering::SeqCst);
}
