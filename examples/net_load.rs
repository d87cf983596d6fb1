//! A load generator for the live meeting's host (not a test; `scripts/net-load.sh`
//! runs it and BENCHMARKS.md has the figures). Only ever talks to 127.0.0.1.
//!
//! - `net_load config --scale stress -o CONFIG.json`: the generated cluster config
//!   (`synthetic::config_bytes`), for `thidua new` to make an unscored meeting.
//! - `net_load run --codes CODES.json --clients N [--batch K] [--pace-ms LO-HI
//!   --duration-s S] [--host-pid PID]`: N delegates, each joins with its PIN from the
//!   codes `thidua host --codes` wrote, sends its sheet's score events
//!   (`synthetic::sheet_events`) with the library's client, then submits. Without
//!   `--pace-ms` each sends K events per request as fast as it can (the burst); with
//!   it, one event per request, a pause of LO..HI ms (uniform) between sends, for S
//!   seconds (human speed), and then the rest of the sheet in requests of K events
//!   and the submit, measured apart. Prints events/s, latency from send to
//!   acknowledgement (p50/p95/p99/max) and the counts.
//! - `net_load check M.thidua`: after the host is stopped, opens the meeting (replays
//!   and verifies the chain) and says how many sheets are submitted.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};
use thidua::model::config::Config;
use thidua::model::event::Event;
use thidua::net::client::Client;
use thidua::net::protocol::{EventResult, SentEvent};

#[derive(Parser)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the generated config of a scale (meeting, large, stress).
    Config {
        #[arg(long)]
        scale: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Send every delegate's sheet to a running host on 127.0.0.1.
    Run {
        /// The JSON written by `thidua host --codes`.
        #[arg(long)]
        codes: PathBuf,
        /// How many delegates (the first N member ids of the codes).
        #[arg(long)]
        clients: usize,
        /// Events per request (the burst, and the rest after a paced run).
        #[arg(long, default_value_t = 60)]
        batch: usize,
        /// One event per request with a pause of LO-HI ms between sends.
        #[arg(long)]
        pace_ms: Option<String>,
        /// How long the paced phase lasts.
        #[arg(long, default_value_t = 60)]
        duration_s: u64,
        /// Give up on whatever is unsent after this long.
        #[arg(long, default_value_t = 900)]
        timeout_s: u64,
        /// The host's process id: its CPU time is read from /proc around the sending.
        #[arg(long)]
        host_pid: Option<u32>,
        /// Clock ticks per second of /proc/PID/stat (`getconf CLK_TCK`).
        #[arg(long, default_value_t = 100)]
        clk_tck: u64,
    },
    /// How many sheets a (closed) meeting file holds as submitted.
    Check { meeting: PathBuf },
}

const MAX_CLIENTS: usize = 256;

fn main() {
    let args = Args::parse();
    let code = match args.command {
        Command::Config { scale, output } => config(&scale, &output),
        Command::Run {
            codes,
            clients,
            batch,
            pace_ms,
            duration_s,
            timeout_s,
            host_pid,
            clk_tck,
        } => {
            let pace = pace_ms.map(|p| {
                let (lo, hi) = p.split_once('-').unwrap_or((&p, &p));
                let lo: u64 = lo.trim().parse().expect("--pace-ms LO-HI in ms");
                let hi: u64 = hi.trim().parse().expect("--pace-ms LO-HI in ms");
                (lo.min(hi), lo.max(hi))
            });
            run(&Plan {
                codes,
                clients,
                batch: batch.clamp(1, 1000),
                pace,
                duration: Duration::from_secs(duration_s),
                timeout: Duration::from_secs(timeout_s),
                host_pid,
                clk_tck: clk_tck.max(1),
            })
        }
        Command::Check { meeting } => check(&meeting),
    };
    std::process::exit(code);
}

fn config(scale: &str, output: &std::path::Path) -> i32 {
    let Some(scale) = thidua::synthetic::SCALES
        .into_iter()
        .find(|s| s.name == scale)
    else {
        eprintln!("unknown scale {scale}");
        return 2;
    };
    match std::fs::write(output, thidua::synthetic::config_bytes(scale)) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{}: {e}", output.display());
            1
        }
    }
}

fn check(meeting: &std::path::Path) -> i32 {
    let file = match thidua::store::MeetingFile::open(meeting) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    let session = file.session();
    let members = session.config().members.len();
    let submitted = (0..members).filter(|&m| session.is_submitted(m)).count();
    println!("events {}", file.last_seq());
    println!("sheets_submitted {submitted} of {members}");
    i32::from(submitted != members)
}

struct Plan {
    codes: PathBuf,
    clients: usize,
    batch: usize,
    pace: Option<(u64, u64)>,
    duration: Duration,
    timeout: Duration,
    host_pid: Option<u32>,
    clk_tck: u64,
}

/// What one phase of one delegate (or of all, merged) saw.
#[derive(Default)]
struct Tally {
    requests: u64,
    /// Requests sent again after no answer or a 503.
    retries: u64,
    sent: u64,
    acknowledged: u64,
    committed: u64,
    duplicates: u64,
    refused: u64,
    /// Events never acknowledged (gave up: a refusal of the whole request, or time).
    lost: u64,
    /// Microseconds from the first try of a request to its answer.
    latencies: Vec<u64>,
    /// When this phase's first request left and its last answer came.
    first: Option<Instant>,
    last: Option<Instant>,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        self.requests += other.requests;
        self.retries += other.retries;
        self.sent += other.sent;
        self.acknowledged += other.acknowledged;
        self.committed += other.committed;
        self.duplicates += other.duplicates;
        self.refused += other.refused;
        self.lost += other.lost;
        self.latencies.extend(other.latencies);
        self.first = match (self.first, other.first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last = match (self.last, other.last) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }

    fn print(&mut self, name: &str) {
        self.latencies.sort_unstable();
        let at = |q: f64| -> f64 {
            if self.latencies.is_empty() {
                return 0.0;
            }
            let i =
                ((self.latencies.len() as f64 * q).ceil() as usize).clamp(1, self.latencies.len());
            self.latencies[i - 1] as f64 / 1000.0
        };
        let seconds = match (self.first, self.last) {
            (Some(a), Some(b)) => (b - a).as_secs_f64(),
            _ => 0.0,
        };
        let rate = if seconds > 0.0 {
            self.acknowledged as f64 / seconds
        } else {
            0.0
        };
        println!("{name}.seconds {seconds:.2}");
        println!("{name}.requests {}", self.requests);
        println!("{name}.retries {}", self.retries);
        println!("{name}.sent {}", self.sent);
        println!("{name}.acknowledged {}", self.acknowledged);
        println!("{name}.committed {}", self.committed);
        println!("{name}.duplicates {}", self.duplicates);
        println!("{name}.refused {}", self.refused);
        println!("{name}.lost {}", self.lost);
        println!("{name}.events_per_s {rate:.0}");
        println!("{name}.p50_ms {:.2}", at(0.50));
        println!("{name}.p95_ms {:.2}", at(0.95));
        println!("{name}.p99_ms {:.2}", at(0.99));
        println!("{name}.max_ms {:.2}", at(1.0));
    }
}

/// A small deterministic generator for the pauses (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

/// Sends one request until it is answered, refused for good, or time is up.
fn deliver(client: &Client, events: Vec<SentEvent>, deadline: Instant, tally: &mut Tally) {
    let count = events.len() as u64;
    tally.requests += 1;
    tally.sent += count;
    let started = Instant::now();
    tally.first.get_or_insert(started);
    let mut pause = Duration::from_millis(20);
    loop {
        match client.send(events.clone()) {
            Ok(results) => {
                let now = Instant::now();
                tally.latencies.push((now - started).as_micros() as u64);
                tally.last = Some(now);
                for result in results {
                    tally.acknowledged += 1;
                    match result {
                        EventResult::Committed { .. } => tally.committed += 1,
                        EventResult::Duplicate { .. } => tally.duplicates += 1,
                        EventResult::Refused { seq, en, .. } => {
                            tally.refused += 1;
                            if tally.refused <= 3 {
                                eprintln!("refused {seq}: {en}");
                            }
                        }
                    }
                }
                return;
            }
            Err(e) if e.is_retryable() && Instant::now() + pause < deadline => {
                tally.retries += 1;
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_secs(1));
            }
            Err(e) => {
                eprintln!("gave up on {count} events: {e}");
                tally.lost += count;
                return;
            }
        }
    }
}

/// One delegate: the paced phase (if any), then the rest in batches.
fn delegate(
    client: &Client,
    events: Vec<Event>,
    plan: &Plan,
    seed: u64,
    start: Instant,
    deadline: Instant,
) -> (Tally, Tally) {
    let mut paced = Tally::default();
    let mut rest = Tally::default();
    let mut numbered = events
        .into_iter()
        .enumerate()
        .map(|(i, event)| SentEvent {
            seq: i as u64 + 1,
            event,
        })
        .peekable();
    if let Some((lo, hi)) = plan.pace {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        // Delegates start typing at different moments.
        let mut next = start + Duration::from_millis(rng.between(0, hi));
        let end = (start + plan.duration).min(deadline);
        while next < end {
            let Some(sent) = numbered.next_if(|s| !matches!(s.event, Event::Submit { .. })) else {
                break;
            };
            if let Some(wait) = next.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
            deliver(client, vec![sent], deadline, &mut paced);
            next += Duration::from_millis(rng.between(lo, hi));
        }
        let now = Instant::now();
        if now < end {
            std::thread::sleep(end - now);
        }
    }
    let remaining: Vec<SentEvent> = numbered.collect();
    for chunk in remaining.chunks(plan.batch) {
        if Instant::now() >= deadline {
            rest.lost += chunk.len() as u64;
            continue;
        }
        deliver(client, chunk.to_vec(), deadline, &mut rest);
    }
    (paced, rest)
}

/// A process's user and system CPU time in ms, and its minor page faults, from /proc.
fn proc_stat(pid: u32, clk_tck: u64) -> Option<[u64; 3]> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in parentheses.
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let field = |n: usize| fields.get(n - 3)?.parse::<u64>().ok();
    // minflt, utime and stime are fields 10, 14 and 15 of the whole line.
    Some([
        field(14)? * 1000 / clk_tck,
        field(15)? * 1000 / clk_tck,
        field(10)?,
    ])
}

fn run(plan: &Plan) -> i32 {
    let text = match std::fs::read(&plan.codes) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{}: {e}", plan.codes.display());
            return 2;
        }
    };
    let document: serde_json::Value = serde_json::from_slice(&text).unwrap_or_default();
    let Some(port) = document["port"].as_u64() else {
        eprintln!("{}: no port", plan.codes.display());
        return 2;
    };
    // Only the loopback address, whatever the links in the file say.
    let base = format!("127.0.0.1:{port}");
    let mut codes: Vec<(String, String)> = document["codes"]
        .as_object()
        .map(|codes| {
            codes
                .iter()
                .filter_map(|(id, c)| Some((id.clone(), c["pin"].as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    codes.sort();
    if plan.clients == 0 || plan.clients > codes.len().min(MAX_CLIENTS) {
        eprintln!(
            "--clients must be 1..={} (codes for {} delegates)",
            codes.len().min(MAX_CLIENTS),
            codes.len()
        );
        return 2;
    }
    codes.truncate(plan.clients);

    let overall = Instant::now() + plan.timeout;
    // Everyone joins and builds the sheet first; the clock starts when all are ready.
    let ready = Arc::new(Barrier::new(plan.clients + 1));
    let go = Arc::new(Mutex::new(None::<Instant>));
    let run_id = std::process::id();
    let mut threads = Vec::new();
    for (n, (scorer, pin)) in codes.into_iter().enumerate() {
        let ready = ready.clone();
        let go = go.clone();
        let base = base.clone();
        let plan = Plan {
            codes: plan.codes.clone(),
            ..*plan
        };
        let thread = std::thread::Builder::new()
            .name(format!("delegate-{n}"))
            .stack_size(256 * 1024)
            .spawn(move || {
                let device = format!("load-{run_id}-{scorer}");
                let prepared = (|| {
                    let (client, joined) =
                        Client::join(&base, &pin, &device).map_err(|e| e.to_string())?;
                    if joined != scorer {
                        return Err(format!("PIN of {scorer} opened {joined}"));
                    }
                    let view = client.sheet().map_err(|e| e.to_string())?;
                    let config = Config::from_bytes(view.config.unwrap_or_default().as_bytes())
                        .map_err(|p| format!("config: {p}"))?;
                    let index = config
                        .member(&scorer)
                        .ok_or_else(|| format!("{scorer} not in the config"))?;
                    Ok((client, thidua::synthetic::sheet_events(&config, index)))
                })();
                ready.wait();
                let start = go
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .unwrap_or_else(Instant::now);
                match prepared {
                    Ok((client, events)) => {
                        let count = events.len() as u64;
                        let (paced, rest) =
                            delegate(&client, events, &plan, n as u64 + 1, start, overall);
                        (count, paced, rest)
                    }
                    Err(e) => {
                        eprintln!("{scorer}: {e}");
                        (0, Tally::default(), Tally::default())
                    }
                }
            })
            .expect("a thread for a delegate");
        threads.push(thread);
    }
    // Set the start before releasing the delegates.
    let host_before = plan.host_pid.and_then(|pid| proc_stat(pid, plan.clk_tck));
    let own_before = proc_stat(std::process::id(), plan.clk_tck);
    let start = Instant::now();
    *go.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(start);
    ready.wait();
    let mut planned = 0;
    let mut paced = Tally::default();
    let mut rest = Tally::default();
    for thread in threads {
        match thread.join() {
            Ok((count, p, r)) => {
                planned += count;
                paced.merge(p);
                rest.merge(r);
            }
            Err(_) => eprintln!("a delegate's thread panicked"),
        }
    }
    let wall = start.elapsed().as_secs_f64();
    let host_after = plan.host_pid.and_then(|pid| proc_stat(pid, plan.clk_tck));
    let own_after = proc_stat(std::process::id(), plan.clk_tck);

    println!("clients {}", plan.clients);
    println!("batch {}", plan.batch);
    if let Some((lo, hi)) = plan.pace {
        println!("pace_ms {lo}-{hi}");
    }
    println!("events_planned {planned}");
    println!("wall_s {wall:.2}");
    if let (Some(a), Some(b)) = (host_before, host_after) {
        let [user, system, faults] = [0, 1, 2].map(|i| b[i].saturating_sub(a[i]));
        println!("host_cpu_ms {}", user + system);
        println!("host_cpu_user_ms {user}");
        println!("host_cpu_system_ms {system}");
        println!("host_minor_faults {faults}");
        println!(
            "host_cpu_percent_of_one_core {:.0}",
            (user + system) as f64 / 10.0 / wall
        );
    }
    if let (Some(a), Some(b)) = (own_before, own_after) {
        println!(
            "generator_cpu_ms {}",
            (b[0] + b[1]).saturating_sub(a[0] + a[1])
        );
    }
    let mut all = Tally::default();
    if plan.pace.is_some() {
        paced.print("paced");
        rest.print("rest");
        all.merge(paced);
    }
    all.merge(rest);
    let failed = all.refused + all.lost;
    if plan.pace.is_none() {
        all.print("burst");
    } else {
        println!("all.acknowledged {}", all.acknowledged);
        println!("all.committed {}", all.committed);
    }
    i32::from(failed > 0 || all.acknowledged != planned)
}
