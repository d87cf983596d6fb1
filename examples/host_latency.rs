//! The host's answer time at a meeting's real load (not a test; `scripts/host-latency.sh`
//! runs it and BENCHMARKS.md has the figures). Only ever talks to loopback.
//!
//! - `host_latency config [--scale large] -o CONFIG.json`: the generated cluster config
//!   (`synthetic::config_bytes`; `large` has 30 members), for `thidua new`.
//! - `host_latency run --codes CODES.json [--delegates 30] [--idle 0] [--seed 1] [--bearer]
//!   [--pace-ms 1500-3000] [--duration-s 90]`: each delegate, from a loopback address
//!   of its own (127.0.10.N), reads its sheet (`GET /api/sheet`), then sends one score
//!   event at a time (`POST /api/events`) with a pause drawn from `--pace-ms` between
//!   sends, until `--duration-s` is over or its sheet is scored and submitted. Each
//!   request is signed with the code's key, as the delegates' apps and the phone's
//!   page sign theirs (`--bearer`: the token itself, as a script may send it). With
//!   `--idle N`, N connections that never send a byte are held open from 20 other
//!   addresses (127.0.20.1–20) before the delegates start, and opened again whenever
//!   the host closes them. Every request is timed from the first byte written (the
//!   connection's opening included when one had to be opened) to the last byte of
//!   the answer; prints count, median, p95, p99 and max, and the slowest requests
//!   with when they were sent (and how many idle connections the host closed then).
//!
//! Requests are written by hand over tokio sockets because a delegate's source
//! address must be chosen (`TcpSocket::bind`), which the app's ureq client does not
//! offer. A failure of the host to answer stops the run with a message: a figure
//! measured around an error would mean nothing.

use clap::{Parser, Subcommand};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;
use thidua::model::config::Config;
use thidua::model::event::Event;
use thidua::model::points::Points;
use thidua::net::protocol::{EventResult, EventsReply, EventsRequest, SentEvent, SheetView};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::time::Instant;

#[derive(Parser)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the generated config of a scale (meeting, large, stress).
    Config {
        #[arg(long, default_value = "large")]
        scale: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Delegates at human speed against a running `thidua host` on loopback.
    Run {
        /// The JSON written by `thidua host --codes`: the port and each delegate's link.
        #[arg(long)]
        codes: PathBuf,
        /// How many delegates (the first N member ids of the codes, sorted).
        #[arg(long, default_value_t = 30)]
        delegates: usize,
        /// Idle connections held open while the delegates work (0: none).
        #[arg(long, default_value_t = 0)]
        idle: usize,
        /// Spread the idle connections' first openings over this many ms (0: all at
        /// once, so the host closes and they reopen together every 10 s).
        #[arg(long, default_value_t = 0)]
        idle_spread_ms: u64,
        /// Seeds the pauses and the values (each delegate draws from its own stream).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The pause between one answer and the next send, LO-HI ms (uniform).
        #[arg(long, default_value = "1500-3000")]
        pace_ms: String,
        /// How long the delegates score.
        #[arg(long, default_value_t = 90)]
        duration_s: u64,
        /// The host's process id: its CPU time over the run is read from /proc.
        #[arg(long)]
        host_pid: Option<u32>,
        /// Clock ticks per second of /proc/PID/stat (`getconf CLK_TCK`).
        #[arg(long, default_value_t = 100)]
        clk_tck: u64,
        /// How many of the slowest requests to list, with when they were sent.
        #[arg(long, default_value_t = 10)]
        slowest: usize,
        /// Send the token itself (`Authorization: Bearer`, as scripts may) instead
        /// of signing each request with it as the delegates' apps do.
        #[arg(long)]
        bearer: bool,
    },
}

/// Idle connections come from this many addresses; 25 each for 500 stays below the
/// host's 32 per address, so none is refused for its address.
const IDLE_ADDRESSES: usize = 20;
/// More than this many delegates or idle connections is not what this measures.
const MAX_DELEGATES: usize = 250;
const MAX_IDLE: usize = IDLE_ADDRESSES * 30;
/// A request not answered within this stops the run: the host is stuck.
const ANSWER_WITHIN: Duration = Duration::from_secs(10);
/// How long the idle connections get to be all open before the delegates start.
const IDLE_READY_WITHIN: Duration = Duration::from_secs(20);
/// Larger answer heads or bodies than these are not the host's.
const MAX_HEAD: usize = 16 * 1024;
const MAX_BODY: usize = 8 * 1024 * 1024;

fn main() {
    let args = Args::parse();
    match args.command {
        Command::Config { scale, output } => config(&scale, &output),
        Command::Run {
            codes,
            delegates,
            idle,
            idle_spread_ms,
            seed,
            pace_ms,
            duration_s,
            host_pid,
            clk_tck,
            slowest,
            bearer,
        } => {
            let (lo, hi) = pace_ms.split_once('-').unwrap_or((&pace_ms, &pace_ms));
            let lo: u64 = lo.trim().parse().expect("--pace-ms LO-HI in ms");
            let hi: u64 = hi.trim().parse().expect("--pace-ms LO-HI in ms");
            assert!(
                (1..=MAX_DELEGATES).contains(&delegates),
                "--delegates must be 1..={MAX_DELEGATES}"
            );
            assert!(idle <= MAX_IDLE, "--idle must be at most {MAX_IDLE}");
            assert!(
                idle_spread_ms <= 60_000,
                "--idle-spread-ms must be at most 60000"
            );
            assert!(
                (1..=3600).contains(&duration_s),
                "--duration-s must be 1..=3600"
            );
            run(Plan {
                codes,
                delegates,
                idle,
                idle_spread: Duration::from_millis(idle_spread_ms),
                seed,
                pace: (lo.min(hi), lo.max(hi)),
                duration: Duration::from_secs(duration_s),
                host_pid,
                clk_tck: clk_tck.max(1),
                slowest: slowest.min(1000),
                signed: !bearer,
            });
        }
    }
}

fn config(scale: &str, output: &Path) {
    let scale = thidua::synthetic::SCALES
        .into_iter()
        .find(|s| s.name == scale)
        .expect("--scale is one of meeting, large, stress");
    std::fs::write(output, thidua::synthetic::config_bytes(scale))
        .expect("the config file can be written");
}

struct Plan {
    codes: PathBuf,
    delegates: usize,
    idle: usize,
    idle_spread: Duration,
    seed: u64,
    pace: (u64, u64),
    duration: Duration,
    host_pid: Option<u32>,
    clk_tck: u64,
    slowest: usize,
    signed: bool,
}

/// A small deterministic generator (splitmix64): the same seed gives every delegate
/// the same pauses and values on every run.
struct Rng(u64);

impl Rng {
    fn for_delegate(seed: u64, delegate: usize) -> Rng {
        let mut rng = Rng(seed ^ (delegate as u64 + 1).wrapping_mul(0xd1b5_4a32_d192_ed03));
        // Stirred once so neighbouring delegates do not start alike.
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in lo..=hi.
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

/// One answer: its status and body.
struct Answer {
    status: u16,
    body: Vec<u8>,
}

/// A delegate's keep-alive connection from its own address, opened again when the
/// host has closed it (as a browser or the app's client would).
struct Connection {
    source: Ipv4Addr,
    target: SocketAddr,
    stream: Option<TcpStream>,
    /// Connections opened, the first included.
    opened: u64,
}

impl Connection {
    async fn open(&mut self) -> std::io::Result<()> {
        let socket = TcpSocket::new_v4()?;
        socket.bind(SocketAddr::from((self.source, 0)))?;
        let stream = socket.connect(self.target).await?;
        stream.set_nodelay(true)?;
        self.stream = Some(stream);
        self.opened += 1;
        Ok(())
    }

    /// Sends `request` and reads the whole answer. A kept-alive connection the host
    /// closed in the meantime is opened again and the request sent once more (safe:
    /// the host commits each device's event number once).
    async fn exchange(&mut self, request: &[u8]) -> std::io::Result<Answer> {
        if let Some(stream) = self.stream.as_mut() {
            let tried = async {
                stream.write_all(request).await?;
                read_answer(stream).await
            }
            .await;
            match tried {
                Ok(answer) => return Ok(answer),
                Err(_) => self.stream = None,
            }
        }
        self.open().await?;
        let stream = self
            .stream
            .as_mut()
            .ok_or_else(|| std::io::Error::other("no connection after opening one"))?;
        stream.write_all(request).await?;
        read_answer(stream).await
    }
}

/// Reads one HTTP/1.1 answer with a Content-Length (what the host's JSON answers carry).
async fn read_answer(stream: &mut TcpStream) -> std::io::Result<Answer> {
    let mut buffer = Vec::with_capacity(4096);
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        if buffer.len() > MAX_HEAD {
            return Err(std::io::Error::other("answer head too long"));
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status in {head:?}")))?;
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .ok_or_else(|| std::io::Error::other(format!("no Content-Length in {head:?}")))?;
    if length > MAX_BODY {
        return Err(std::io::Error::other("answer body too long"));
    }
    let mut body = buffer.split_off(head_end);
    while body.len() < length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(length);
    Ok(Answer { status, body })
}

/// What one delegate saw.
#[derive(Default)]
struct Seen {
    /// When each request was sent and the microseconds from then to the whole
    /// answer, per kind of request.
    sheet: Vec<(Instant, u64)>,
    events: Vec<(Instant, u64)>,
    committed: u64,
    /// Requests that found their kept-alive connection closed and opened another.
    reopened: u64,
    scored_all: bool,
}

/// Everything a delegate needs that is the same for all.
struct Shared {
    port: u16,
    target: SocketAddr,
    pace: (u64, u64),
    seed: u64,
    run_id: u32,
    signed: bool,
}

/// Sends one request, timed, and stops the run with `what` if it gets no answer.
async fn timed(
    connection: &mut Connection,
    request: &[u8],
    what: &str,
    times: &mut Vec<(Instant, u64)>,
) -> Answer {
    let opened_before = connection.opened;
    let started = Instant::now();
    let answer = tokio::time::timeout(ANSWER_WITHIN, connection.exchange(request))
        .await
        .unwrap_or_else(|_| Err(std::io::ErrorKind::TimedOut.into()))
        .unwrap_or_else(|e| panic!("{what}: no answer from the host: {e}"));
    times.push((started, started.elapsed().as_micros() as u64));
    assert!(
        connection.opened <= opened_before + 1,
        "{what}: opened more than one connection for one request"
    );
    answer
}

/// The `Authorization` header's value: the request signed with the code's key, as
/// the delegates' apps and the phone's page send it, or the token itself.
fn authorization(shared: &Shared, token: &str, method: &str, path: &str, body: &[u8]) -> String {
    if shared.signed {
        thidua::net::signature::header(token, method, path, body)
    } else {
        format!("Bearer {token}")
    }
}

fn get_sheet(shared: &Shared, token: &str, device: &str) -> Vec<u8> {
    // The device id is made of letters, digits and dashes: nothing to escape.
    let path = format!("/api/sheet?device={device}");
    format!(
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Authorization: {auth}\r\nAccept: application/json\r\n\r\n",
        port = shared.port,
        auth = authorization(shared, token, "GET", &path, b""),
    )
    .into_bytes()
}

fn post_events(shared: &Shared, token: &str, body: &[u8]) -> Vec<u8> {
    let path = "/api/events";
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Authorization: {auth}\r\nContent-Type: application/json\r\n\
         Content-Length: {length}\r\n\r\n",
        port = shared.port,
        auth = authorization(shared, token, "POST", path, body),
        length = body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

/// The score events left on a delegate's sheet, in the order its grid walks them
/// (member by member, cell by cell), each a value within the cell's maximum and on
/// its step; then the submission.
fn sheet_plan(view: &SheetView, rng: &mut Rng) -> Vec<Event> {
    let text = view
        .config
        .as_deref()
        .expect("the first sheet view carries the config");
    let config = Config::from_bytes(text.as_bytes())
        .unwrap_or_else(|p| panic!("the sheet view's config does not read: {p}"));
    let scorer = config
        .member(&view.scorer)
        .expect("the sheet's scorer is a member of its config");
    let mut events = Vec::new();
    for (t, target) in config.members.iter().enumerate() {
        if !config.scores_target(scorer, t) {
            continue;
        }
        for cell in &config.cells {
            let filled = view
                .values
                .iter()
                .any(|v| v.target == target.id && v.item == cell.id);
            if filled {
                continue;
            }
            // A step of 0 would allow any hundredth; a whole hundredth is then the step.
            let step = cell.step.0.max(1);
            let steps = (cell.max.0 / step).max(0) as u64;
            let value = Points(rng.between(0, steps) as i64 * step);
            events.push(Event::Score {
                scorer: view.scorer.clone(),
                target: target.id.clone(),
                item: cell.id.clone(),
                value: Some(value),
            });
        }
    }
    events.push(Event::Submit {
        scorer: view.scorer.clone(),
    });
    events
}

/// One delegate at human speed: its sheet, then one event per request, a pause
/// between an answer and the next send, until `end` or the sheet is done.
async fn delegate(
    n: usize,
    scorer: String,
    token: String,
    shared: Arc<Shared>,
    start: Instant,
    end: Instant,
) -> Seen {
    let mut seen = Seen::default();
    let mut rng = Rng::for_delegate(shared.seed, n);
    let (lo, hi) = shared.pace;
    let device = format!("latency-{}-{n}", shared.run_id);
    let mut connection = Connection {
        // 127.0.10.1 onwards, one address per delegate (up to 250).
        source: Ipv4Addr::new(127, 0, 10, (n + 1) as u8),
        target: shared.target,
        stream: None,
        opened: 0,
    };
    // Delegates do not all open their sheets in the same instant.
    tokio::time::sleep_until(start + Duration::from_millis(rng.between(0, hi))).await;
    let answer = timed(
        &mut connection,
        &get_sheet(&shared, &token, &device),
        &format!("{scorer}: GET /api/sheet"),
        &mut seen.sheet,
    )
    .await;
    assert_eq!(
        answer.status,
        200,
        "{scorer}: GET /api/sheet answered {}: {}",
        answer.status,
        String::from_utf8_lossy(&answer.body)
    );
    let view: SheetView =
        serde_json::from_slice(&answer.body).expect("the sheet answer is a SheetView");
    assert!(
        !view.submitted,
        "{scorer}: the sheet is already submitted; use a new meeting"
    );
    let plan = sheet_plan(&view, &mut rng);
    let total = plan.len();
    let mut seq = view.last_device_seq.unwrap_or(0);
    for (sent, event) in plan.into_iter().enumerate() {
        let pause = Duration::from_millis(rng.between(lo, hi));
        if Instant::now() + pause >= end {
            break;
        }
        tokio::time::sleep(pause).await;
        seq += 1;
        let body = serde_json::to_vec(&EventsRequest {
            device: device.clone(),
            events: vec![SentEvent { seq, event }],
        })
        .expect("an events request serialises");
        let opened_before = connection.opened;
        let answer = timed(
            &mut connection,
            &post_events(&shared, &token, &body),
            &format!("{scorer}: POST /api/events #{seq}"),
            &mut seen.events,
        )
        .await;
        if connection.opened > opened_before {
            seen.reopened += 1;
        }
        assert_eq!(
            answer.status,
            200,
            "{scorer}: POST /api/events answered {}: {}",
            answer.status,
            String::from_utf8_lossy(&answer.body)
        );
        let reply: EventsReply =
            serde_json::from_slice(&answer.body).expect("the events answer is an EventsReply");
        match reply.results.as_slice() {
            [EventResult::Committed { .. }] => seen.committed += 1,
            other => panic!("{scorer}: event #{seq} not committed: {other:?}"),
        }
        if sent + 1 == total {
            seen.scored_all = true;
        }
    }
    seen
}

/// The idle connections' counts.
#[derive(Default)]
struct Idle {
    open_now: AtomicUsize,
    opened: AtomicUsize,
    /// Closed by the host (it read no request head in time).
    closed_by_host: AtomicUsize,
    failed_to_open: AtomicUsize,
    /// When the host closed each (to set the slowest requests beside them).
    closes: std::sync::Mutex<Vec<Instant>>,
}

/// Holds one idle connection from `source` at a time until `stop`: opened (first
/// at `first`), never written to, opened again once the host closes it. Bounded by
/// `stop`, by `ends` and by a count of openings.
async fn hold_idle(
    first: Instant,
    source: Ipv4Addr,
    target: SocketAddr,
    idle: Arc<Idle>,
    stop: Arc<AtomicBool>,
    ends: Instant,
) {
    // One opening every 10 s (the host's head deadline) for an hour at most.
    const MOST_OPENINGS: usize = 400;
    let mut buffer = [0u8; 64];
    tokio::time::sleep_until(first).await;
    for _ in 0..MOST_OPENINGS {
        if stop.load(Ordering::SeqCst) || Instant::now() >= ends {
            return;
        }
        let opened = async {
            let socket = TcpSocket::new_v4()?;
            socket.bind(SocketAddr::from((source, 0)))?;
            socket.connect(target).await
        };
        let mut stream = match tokio::time::timeout(Duration::from_secs(2), opened).await {
            Ok(Ok(stream)) => stream,
            _ => {
                idle.failed_to_open.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
        };
        idle.opened.fetch_add(1, Ordering::SeqCst);
        idle.open_now.fetch_add(1, Ordering::SeqCst);
        // Wakes once a second to see whether the run is over; the host's closing
        // (a read of 0 bytes or a reset) ends the wait at once.
        loop {
            if stop.load(Ordering::SeqCst) || Instant::now() >= ends {
                break;
            }
            match tokio::time::timeout(Duration::from_secs(1), stream.read(&mut buffer)).await {
                Ok(Ok(0)) | Ok(Err(_)) => {
                    idle.closed_by_host.fetch_add(1, Ordering::SeqCst);
                    idle.closes
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push(Instant::now());
                    break;
                }
                // The host never answers a connection that asked nothing.
                Ok(Ok(_)) | Err(_) => {}
            }
        }
        idle.open_now.fetch_sub(1, Ordering::SeqCst);
        drop(stream);
        // Not in a tight loop should the host refuse at once.
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A process's user + system CPU time in ms, from /proc.
fn cpu_ms(pid: u32, clk_tck: u64) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in parentheses; utime and stime
    // are fields 14 and 15 of the whole line.
    let fields: Vec<&str> = stat[stat.rfind(')')? + 2..].split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) * 1000 / clk_tck)
}

/// Nearest rank: the smallest value with at least `q` of the values at or below it.
fn quantile(sorted: &[u64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1] as f64 / 1000.0
}

fn print_latencies(name: &str, mut micros: Vec<u64>) {
    micros.sort_unstable();
    println!(
        "{name:<7} count {:>5}  median {:>7.2} ms  p95 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms",
        micros.len(),
        quantile(&micros, 0.50),
        quantile(&micros, 0.95),
        quantile(&micros, 0.99),
        quantile(&micros, 1.0),
    );
}

fn run(plan: Plan) {
    let text = std::fs::read(&plan.codes).expect("the codes file written by `thidua host --codes`");
    let document: serde_json::Value =
        serde_json::from_slice(&text).expect("the codes file is JSON");
    let port = document["port"]
        .as_u64()
        .and_then(|p| u16::try_from(p).ok())
        .expect("the codes file names the host's port");
    let mut codes: Vec<(String, String)> = document["codes"]
        .as_object()
        .expect("the codes file lists the codes")
        .iter()
        .map(|(id, code)| {
            let link = code["link"].as_str().expect("each code has a link");
            let token = thidua::net::client::token_of(link).expect("each link carries a token");
            (id.clone(), token)
        })
        .collect();
    codes.sort();
    assert!(
        plan.delegates <= codes.len(),
        "--delegates {} but the host has codes for {}",
        plan.delegates,
        codes.len()
    );
    codes.truncate(plan.delegates);
    // Only loopback, whatever address the links name.
    let target = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let shared = Arc::new(Shared {
        port,
        target,
        pace: plan.pace,
        seed: plan.seed,
        run_id: std::process::id(),
        signed: plan.signed,
    });

    // The idle connections live on a runtime of their own, so their opening and
    // closing never delays a delegate's task in this process's own scheduler (they
    // still share the machine's cores with the host and the delegates).
    let idle = Arc::new(Idle::default());
    let stop = Arc::new(AtomicBool::new(false));
    let ready_within = IDLE_READY_WITHIN + plan.idle_spread;
    let overall_end =
        std::time::Instant::now() + plan.duration + ready_within + Duration::from_secs(60);
    let idle_thread = (plan.idle > 0).then(|| {
        let (idle, stop, count, spread) = (idle.clone(), stop.clone(), plan.idle, plan.idle_spread);
        std::thread::Builder::new()
            .name("idle".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a runtime for the idle connections");
                runtime.block_on(async move {
                    let ends = Instant::from_std(overall_end);
                    let begin = Instant::now();
                    let mut tasks = Vec::with_capacity(count);
                    for i in 0..count {
                        let first = begin + spread.mul_f64(i as f64 / count as f64);
                        // 127.0.20.1–20, the connections dealt out in turn.
                        let source = Ipv4Addr::new(127, 0, 20, (i % IDLE_ADDRESSES + 1) as u8);
                        tasks.push(tokio::spawn(hold_idle(
                            first,
                            source,
                            target,
                            idle.clone(),
                            stop.clone(),
                            ends,
                        )));
                    }
                    for task in tasks {
                        let _ = task.await;
                    }
                });
            })
            .expect("a thread for the idle connections")
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime for the delegates");
    let (seen, samples, start, elapsed, host_cpu) = runtime.block_on(async {
        if plan.idle > 0 {
            let spread_over = Instant::now() + plan.idle_spread;
            let ready_by = Instant::now() + ready_within;
            // Spread out, the first ones are already being reopened when the last
            // open: nearly all is enough then.
            for _ in 0..ready_within.as_millis() / 100 + 1 {
                let open = idle.open_now.load(Ordering::SeqCst);
                let now = Instant::now();
                if open >= plan.idle
                    || (now >= spread_over && open >= plan.idle * 49 / 50)
                    || now >= ready_by
                {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let open = idle.open_now.load(Ordering::SeqCst);
            println!("idle connections open before the delegates start: {open}");
            assert!(
                open >= plan.idle * 9 / 10,
                "only {open} of {} idle connections opened",
                plan.idle
            );
        }
        let host_before = plan.host_pid.and_then(|pid| cpu_ms(pid, plan.clk_tck));
        let start = Instant::now();
        let end = start + plan.duration;
        let mut tasks = Vec::new();
        for (n, (scorer, token)) in codes.into_iter().enumerate() {
            tasks.push(tokio::spawn(delegate(
                n,
                scorer,
                token,
                shared.clone(),
                start,
                end,
            )));
        }
        // How many idle connections are open while the delegates work, twice a second.
        let mut samples = Vec::new();
        if plan.idle > 0 {
            while Instant::now() < end && samples.len() < 2 * 3600 {
                samples.push(idle.open_now.load(Ordering::SeqCst));
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        }
        let mut seen = Vec::new();
        for task in tasks {
            match task.await {
                Ok(s) => seen.push(s),
                Err(e) => {
                    // The delegate's own message was printed by its panic.
                    eprintln!("stopped: a delegate failed ({e})");
                    std::process::exit(1);
                }
            }
        }
        let host_after = plan.host_pid.and_then(|pid| cpu_ms(pid, plan.clk_tck));
        let host_cpu = host_before
            .zip(host_after)
            .map(|(a, b)| b.saturating_sub(a));
        (seen, samples, start, start.elapsed(), host_cpu)
    });
    stop.store(true, Ordering::SeqCst);
    if let Some(thread) = idle_thread {
        thread.join().expect("the idle connections' thread ends");
    }

    let (lo, hi) = plan.pace;
    println!(
        "delegates {} from 127.0.10.1-{}, pause {lo}-{hi} ms, seed {}, {:.1} s, requests {}",
        seen.len(),
        seen.len(),
        plan.seed,
        elapsed.as_secs_f64(),
        if plan.signed {
            "signed with the code's key"
        } else {
            "carrying the token (Bearer)"
        }
    );
    if plan.idle > 0 {
        let mut sorted = samples.clone();
        sorted.sort_unstable();
        println!(
            "idle: {} asked from 127.0.20.1-{IDLE_ADDRESSES}, first openings over {} ms; open while the delegates worked: \
             min {}, median {}, max {} ({} samples); opened {}, closed by the host {}, \
             failed to open {}",
            plan.idle,
            plan.idle_spread.as_millis(),
            sorted.first().copied().unwrap_or(0),
            sorted.get(sorted.len() / 2).copied().unwrap_or(0),
            sorted.last().copied().unwrap_or(0),
            sorted.len(),
            idle.opened.load(Ordering::SeqCst),
            idle.closed_by_host.load(Ordering::SeqCst),
            idle.failed_to_open.load(Ordering::SeqCst),
        );
    } else {
        println!("idle: none");
    }
    let committed: u64 = seen.iter().map(|s| s.committed).sum();
    let reopened: u64 = seen.iter().map(|s| s.reopened).sum();
    let finished = seen.iter().filter(|s| s.scored_all).count();
    println!(
        "events committed {committed}; requests that reopened their connection {reopened}; \
         sheets finished {finished}"
    );
    if let Some(ms) = host_cpu {
        println!(
            "host CPU {ms} ms ({:.1} % of one core)",
            ms as f64 / 10.0 / elapsed.as_secs_f64()
        );
    }
    let sheet: Vec<(Instant, u64)> = seen.iter().flat_map(|s| s.sheet.iter().copied()).collect();
    let events: Vec<(Instant, u64)> = seen.iter().flat_map(|s| s.events.iter().copied()).collect();
    let mut all: Vec<(Instant, u64)> = sheet.iter().chain(events.iter()).copied().collect();
    print_latencies("sheet", sheet.iter().map(|t| t.1).collect());
    print_latencies("events", events.iter().map(|t| t.1).collect());
    print_latencies("all", all.iter().map(|t| t.1).collect());

    // The slowest requests, and how many idle connections the host closed from a
    // second before each was sent until it was answered: whether the tail is the
    // idle connections' coming and going or something else (the disk, the machine).
    all.sort_unstable_by_key(|t| std::cmp::Reverse(t.1));
    let closes = idle
        .closes
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    let slowest: Vec<String> = all
        .iter()
        .take(plan.slowest)
        .map(|&(sent, micros)| {
            let at = sent.saturating_duration_since(start).as_secs_f64();
            let from = sent.checked_sub(Duration::from_secs(1)).unwrap_or(sent);
            let until = sent + Duration::from_micros(micros);
            let near = closes.iter().filter(|&&c| c >= from && c <= until).count();
            if plan.idle > 0 {
                format!(
                    "{:.1} ms at {at:.1} s ({near} idle closed)",
                    micros as f64 / 1000.0
                )
            } else {
                format!("{:.1} ms at {at:.1} s", micros as f64 / 1000.0)
            }
        })
        .collect();
    if !slowest.is_empty() {
        println!("slowest: {}", slowest.join("; "));
    }
}
