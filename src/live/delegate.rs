//! A delegate's client, below both front ends: `thidua join` and the window's
//! "Tham gia hội nghị" both join the host, keep a journal of one meeting and send
//! through it, with the same retries.
//!
//! Every event is written to the journal (and flushed) before it is sent; what has
//! no answer is sent again, with its number, until the host answers, so the host
//! commits it once. Events go in batches ([`BATCH`]); a try that gets no answer (no
//! network, the host restarting, a link gone silent) is tried again after a pause
//! that grows ([`Backoff`]) until the delegate's wait runs out. The host's sheet
//! view, never the journal's record of answers, says what the host holds.

use crate::model::config::Config;
use crate::model::event::Event;
use crate::model::problem::Problems;
use crate::net::client::{Client, ClientError, token_of};
use crate::net::journal::{Binding, Journal, JournalError};
use crate::net::protocol::{EventResult, SentEvent, SheetView};
use crate::text::{Lang, net::N};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// At most this many events go in one request: on a slow link a request that is
/// lost costs the resending of this many, not of a whole sheet.
pub const BATCH: usize = 64;

/// The pause after a try that got no answer: from 100 ms, doubling, at most 2 s.
pub struct Backoff {
    pause: Duration,
}

impl Backoff {
    const FIRST: Duration = Duration::from_millis(100);
    const MOST: Duration = Duration::from_secs(2);

    pub fn new() -> Backoff {
        Backoff { pause: Self::FIRST }
    }

    /// The host answered: the next failure waits the shortest pause again.
    pub fn reset(&mut self) {
        self.pause = Self::FIRST;
    }

    /// How long to wait now; the next pause is longer.
    pub fn next_pause(&mut self) -> Duration {
        let pause = self.pause;
        self.pause = (self.pause * 2).min(Self::MOST);
        pause
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub enum DelegateError {
    /// No answer before the delegate's wait ran out: nothing was refused, and what
    /// is unsent stays in the journal for the next run.
    Waiting(ClientError),
    /// The host said no (a wrong or revoked code) or answered what cannot be read.
    Refused(ClientError),
    Journal(#[from] JournalError),
    /// The config the host sent cannot be read.
    BadConfig(Problems),
    /// The config the host sent does not match its check code.
    ConfigMismatch,
    /// The journal at `path` is for `journal`'s sheet, the code opens `opened`'s.
    OtherScorer {
        path: String,
        journal: String,
        opened: String,
    },
}

impl DelegateError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            DelegateError::Waiting(e) | DelegateError::Refused(e) => e.text(lang),
            DelegateError::Journal(e) => e.text(lang),
            DelegateError::BadConfig(problems) => problems.text(lang),
            DelegateError::ConfigMismatch => N::ConfigMismatch.get(lang).into(),
            DelegateError::OtherScorer { path, journal, .. } => {
                N::JournalOther.fill(lang, &[path, journal])
            }
        }
    }

    fn from_client(e: ClientError) -> DelegateError {
        if e.is_retryable() {
            DelegateError::Waiting(e)
        } else {
            DelegateError::Refused(e)
        }
    }
}

/// Where the delegate's journal is kept.
pub enum JournalPlace<'a> {
    /// This file, for the delegate `scorer` (`thidua join`): taken before anything
    /// is sent, so a second process on it is refused at once.
    File { path: &'a Path, scorer: &'a str },
    /// A journal per meeting and delegate in this folder (the window); a new one
    /// sends under this laptop's `device`, so a laptop is one device of its code.
    Folder { folder: &'a Path, device: &'a str },
}

/// What a delegate needs to join.
pub struct Joining<'a> {
    /// What the delegate typed: an address, or a join link carrying the code.
    pub address: &'a str,
    pub pin: Option<&'a str>,
    pub journal: JournalPlace<'a>,
    /// Joining is given up when the host has not answered by then.
    pub until: Instant,
}

/// An answer of the host to one event of the journal.
pub struct Answer {
    pub seq: u64,
    pub event: Event,
    pub result: EventResult,
}

/// A delegate joined to a host, with the journal of that meeting.
pub struct Delegate {
    client: Client,
    journal: Journal,
    config: Arc<Config>,
    view: SheetView,
    binding: Binding,
    /// The events put on the wire by this process (first tries and resends alike).
    attempted: BTreeSet<u64>,
}

/// Calls `attempt` until it is answered, refused, or `until` passes; pausing longer
/// after each try that got no answer.
pub fn retry<T>(
    until: Option<Instant>,
    mut attempt: impl FnMut() -> Result<T, DelegateError>,
) -> Result<T, DelegateError> {
    let mut backoff = Backoff::new();
    loop {
        match attempt() {
            Err(DelegateError::Waiting(e)) => {
                let pause = backoff.next_pause();
                if until.is_some_and(|until| Instant::now() + pause >= until) {
                    return Err(DelegateError::Waiting(e));
                }
                std::thread::sleep(pause);
            }
            other => return other,
        }
    }
}

/// At most `most` letters and digits of what the host named (and `-`, `_`): a part
/// of a file name that cannot lead out of its folder, whatever the host sends.
fn file_safe(named: &str, most: usize) -> String {
    named
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(most)
        .collect()
}

/// Where the meeting's config is kept between runs, beside the journal: on a slow
/// link it is most of what joining costs, and a restart need not fetch it again.
fn config_cache(place: &JournalPlace<'_>) -> std::path::PathBuf {
    match place {
        JournalPlace::File { path, .. } => format!("{}.config", path.display()).into(),
        JournalPlace::Folder { folder, .. } => folder.join("config.json"),
    }
}

/// The config an earlier run kept, with its check code, if there is one.
fn cached_config(path: &Path) -> Option<(String, String)> {
    let size = std::fs::metadata(path).ok()?.len();
    if size > crate::model::reader::MAX_FILE_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let sha = crate::model::config::sha256_hex(text.as_bytes());
    Some((text, sha))
}

/// Opens a journal of the window's folder, waiting a few seconds if this app's
/// previous join still holds it (its worker lets go once it notices it was left).
fn open_waiting(path: &Path, scorer: &str, device: &str) -> Result<Journal, JournalError> {
    let deadline = Instant::now() + Duration::from_secs(6);
    loop {
        match Journal::open_with_device(path, scorer, Some(device)) {
            Err(JournalError::Busy { .. }) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(200));
            }
            other => return other,
        }
    }
}

impl Delegate {
    /// Joins the host (with the PIN, or the code a link carries), reads the sheet
    /// and the config, and binds the journal to the host's meeting: a journal of
    /// another meeting is set aside and a new one started ([`Journal::bind`]).
    pub fn connect(joining: Joining<'_>) -> Result<Delegate, DelegateError> {
        let until = Some(joining.until);
        let early = match &joining.journal {
            JournalPlace::File { path, scorer } => Some(Journal::open(path, scorer)?),
            JournalPlace::Folder { .. } => None,
        };
        let device = match (&early, &joining.journal) {
            (Some(journal), _) => journal.device().to_string(),
            (None, JournalPlace::Folder { device, .. }) => device.to_string(),
            (None, JournalPlace::File { .. }) => String::new(),
        };
        let address = joining.address;
        let mut client = match (token_of(address), joining.pin) {
            (Some(token), _) => Client::with_token(address, &token, &device),
            (None, pin) => {
                let pin = pin.unwrap_or_default().trim();
                retry(until, || {
                    Client::join_until(address, pin, &device, until)
                        .map_err(DelegateError::from_client)
                })?
                .0
            }
        };
        client.set_until(until);
        let cache = config_cache(&joining.journal);
        let cached = cached_config(&cache);
        let known = cached.as_ref().map(|(_, sha)| sha.as_str());
        let mut view = retry(until, || {
            client.sheet_with(known).map_err(DelegateError::from_client)
        })?;
        let text = match (view.config.take(), cached) {
            (Some(text), _) => {
                // Kept for the next run; not kept, it is only fetched again.
                let _ = crate::store::files::write_atomically(&cache, text.as_bytes());
                text
            }
            (None, Some((text, sha))) if sha == view.config_sha256 => text,
            (None, _) => retry(until, || client.sheet().map_err(DelegateError::from_client))?
                .config
                .unwrap_or_default(),
        };
        let config = Config::from_bytes(text.as_bytes()).map_err(DelegateError::BadConfig)?;
        if config.sha256 != view.config_sha256 {
            return Err(DelegateError::ConfigMismatch);
        }
        let journal = match (early, &joining.journal) {
            (Some(journal), _) => journal,
            (None, JournalPlace::Folder { folder, device }) => {
                // One journal per meeting and delegate: a rehearsal's never meets
                // the real meeting, and coming back to a meeting finds its own.
                let name = format!(
                    "{}-{}.journal",
                    file_safe(&view.scorer, 64),
                    file_safe(&view.meeting, 16)
                );
                open_waiting(&folder.join(name), &view.scorer, device)?
            }
            (None, JournalPlace::File { path, scorer }) => Journal::open(path, scorer)?,
        };
        if journal.scorer() != view.scorer {
            return Err(DelegateError::OtherScorer {
                path: journal.path().display().to_string(),
                journal: journal.scorer().to_string(),
                opened: view.scorer.clone(),
            });
        }
        let heard = view.last_device_seq.is_some() && journal.device() == device;
        let (journal, binding) = journal.bind(&view.meeting, heard)?;
        if journal.device() != device {
            // A new journal sends under its own device id: the host learns it.
            client.set_device(journal.device());
            view = retry(until, || {
                client
                    .sheet_with(Some(&config.sha256))
                    .map_err(DelegateError::from_client)
            })?;
        }
        Ok(Delegate {
            client,
            journal,
            config: Arc::new(config),
            view,
            binding,
            attempted: BTreeSet::new(),
        })
    }

    pub fn config(&self) -> &Arc<Config> {
        &self.config
    }

    /// The sheet as the host held it when last asked.
    pub fn view(&self) -> &SheetView {
        &self.view
    }

    /// What became of the journal when joining.
    pub fn binding(&self) -> &Binding {
        &self.binding
    }

    pub fn journal_path(&self) -> &Path {
        self.journal.path()
    }

    /// No request goes on after `until` (none: the window waits as long as it is
    /// open).
    pub fn set_until(&mut self, until: Option<Instant>) {
        self.client.set_until(until);
    }

    /// Events of the journal without an answer yet.
    pub fn unanswered(&self) -> usize {
        self.journal.pending().len()
    }

    /// Those events themselves, in order: what an earlier run left unsent, to be
    /// shown as being sent.
    pub fn unanswered_events(&self) -> Vec<Event> {
        self.journal.pending().into_iter().map(|(_, e)| e).collect()
    }

    /// How many events this process put on the wire.
    pub fn attempted(&self) -> usize {
        self.attempted.len()
    }

    /// Writes `events` to the journal, flushed to the disk once for all: only then
    /// may they be sent. Their numbers, in order.
    pub fn record(&mut self, events: Vec<Event>) -> Result<Vec<u64>, DelegateError> {
        Ok(self.journal.record_all(events)?)
    }

    /// Sends the oldest unanswered events (at most [`BATCH`]) once, and keeps the
    /// host's answers in the journal.
    pub fn send_once(&mut self) -> Result<Vec<Answer>, DelegateError> {
        let batch: Vec<(u64, Event)> = self.journal.pending().into_iter().take(BATCH).collect();
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        self.attempted.extend(batch.iter().map(|(seq, _)| *seq));
        let sent = batch
            .iter()
            .map(|(seq, event)| SentEvent {
                seq: *seq,
                event: event.clone(),
            })
            .collect();
        let results = self.client.send(sent).map_err(DelegateError::from_client)?;
        let mut answers = Vec::new();
        for result in results {
            let Some((seq, event)) = batch.iter().find(|(seq, _)| *seq == result.seq()) else {
                continue;
            };
            self.journal.settle(result.clone())?;
            answers.push(Answer {
                seq: *seq,
                event: event.clone(),
                result,
            });
        }
        Ok(answers)
    }

    /// Asks the host for the sheet once (the config's text only if it changed).
    pub fn refresh_once(&mut self) -> Result<&SheetView, DelegateError> {
        let mut view = self
            .client
            .sheet_with(Some(&self.config.sha256))
            .map_err(DelegateError::from_client)?;
        if view.config_sha256 != self.config.sha256 {
            return Err(DelegateError::ConfigMismatch);
        }
        view.config = None;
        self.view = view;
        Ok(&self.view)
    }
}

/// What a front end asks of the worker.
enum Command {
    /// An event the delegate made: written to the journal, then sent.
    Send(Event),
    /// Ask the host for the sheet now, and report it even if unchanged.
    Look,
}

/// What the worker tells its front end.
pub enum Report {
    /// The host answered an event.
    Answer(Answer),
    /// The sheet as the host has it: asked for, or changed since last reported.
    View(Box<SheetView>),
    /// A try failed (the host is not reached, or refused the request); the worker
    /// tries again after a pause.
    Offline(DelegateError),
    /// The host answers again.
    Online,
}

/// The thread that sends a delegate's events while the front end goes on (typing in
/// the window, reading a sheet file in `thidua join`); dropping it stops the thread
/// once its current try ends.
pub struct Worker {
    commands: Option<std::sync::mpsc::Sender<Command>>,
    reports: std::sync::mpsc::Receiver<Report>,
    thread: Option<std::thread::JoinHandle<Delegate>>,
}

impl Worker {
    /// Starts sending `delegate`'s unanswered events, then what [`Worker::send`]
    /// hands it. With `look_every`, it asks the host for the sheet that often while
    /// nothing waits to be sent (the chair may reopen or lock it). `wake` is called
    /// when a report may change what the front end shows.
    pub fn spawn(
        delegate: Delegate,
        look_every: Option<Duration>,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<Worker> {
        let (commands, work) = std::sync::mpsc::channel();
        let (report, reports) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("thidua-delegate".into())
            .spawn(move || work_on(delegate, &work, &report, look_every, &wake))?;
        Ok(Worker {
            commands: Some(commands),
            reports,
            thread: Some(thread),
        })
    }

    /// Hands an event to the worker: written to the journal first, then sent.
    pub fn send(&self, event: Event) {
        if let Some(commands) = &self.commands {
            let _ = commands.send(Command::Send(event));
        }
    }

    /// Asks for the sheet as the host has it now ([`Report::View`]).
    pub fn look(&self) {
        if let Some(commands) = &self.commands {
            let _ = commands.send(Command::Look);
        }
    }

    /// A report, if one came.
    pub fn try_report(&self) -> Option<Report> {
        self.reports.try_recv().ok()
    }

    /// A report, waiting for one until `until`.
    pub fn report_by(&self, until: Instant) -> Option<Report> {
        let wait = until.saturating_duration_since(Instant::now());
        self.reports.recv_timeout(wait).ok()
    }

    /// Stops the worker once its current try ends, and gives the delegate back.
    pub fn stop(mut self) -> Option<Delegate> {
        self.commands = None;
        self.thread.take().and_then(|t| t.join().ok())
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // The thread ends on its own once it sees the front end gone; the window
        // does not wait for a try on a slow link to finish.
        self.commands = None;
    }
}

/// What the worker knows of the link, so only a change wakes the front end.
struct Link<'a> {
    report: &'a std::sync::mpsc::Sender<Report>,
    wake: &'a dyn Fn(),
    offline: bool,
}

impl Link<'_> {
    fn tell(&mut self, message: Report) {
        let changed = match &message {
            Report::Offline(_) => !std::mem::replace(&mut self.offline, true),
            Report::Online => std::mem::replace(&mut self.offline, false),
            _ => true,
        };
        if matches!(message, Report::Online) && !changed {
            return;
        }
        let _ = self.report.send(message);
        if changed {
            (self.wake)();
        }
    }
}

/// The worker's loop: take in what the front end handed over (into the journal),
/// send what has no answer in batches, pause longer after each failed try; while
/// nothing is left to send, look at the sheet now and then.
fn work_on(
    mut delegate: Delegate,
    work: &std::sync::mpsc::Receiver<Command>,
    report: &std::sync::mpsc::Sender<Report>,
    look_every: Option<Duration>,
    wake: &dyn Fn(),
) -> Delegate {
    let mut link = Link {
        report,
        wake,
        offline: false,
    };
    let mut backoff = Backoff::new();
    let mut seen_events = Some(delegate.view().events);
    // No try before this moment: what is typed meanwhile waits with the rest.
    let mut next_try = Instant::now();
    loop {
        let idle = delegate.unanswered() == 0;
        let wait = match (idle, look_every) {
            (false, _) => next_try.saturating_duration_since(Instant::now()),
            (true, Some(every)) => every,
            (true, None) => Duration::from_secs(3600),
        };
        let mut typed = Vec::new();
        let mut look = false;
        let first = match work.recv_timeout(wait) {
            Ok(command) => Some(command),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return delegate,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                look = idle && look_every.is_some();
                None
            }
        };
        for command in first
            .into_iter()
            .chain(std::iter::from_fn(|| work.try_recv().ok()))
        {
            match command {
                Command::Send(event) => typed.push(event),
                Command::Look => {
                    look = true;
                    seen_events = None;
                }
            }
        }
        if !typed.is_empty()
            && let Err(e) = delegate.record(typed)
        {
            link.tell(Report::Offline(e));
        }
        if look {
            match delegate.refresh_once() {
                Ok(view) => {
                    let view = Box::new(view.clone());
                    link.tell(Report::Online);
                    if seen_events != Some(view.events) {
                        seen_events = Some(view.events);
                        link.tell(Report::View(view));
                    }
                }
                Err(e) => link.tell(Report::Offline(e)),
            }
        }
        if delegate.unanswered() == 0 || Instant::now() < next_try {
            continue;
        }
        match delegate.send_once() {
            Ok(answers) => {
                backoff.reset();
                link.tell(Report::Online);
                for answer in answers {
                    link.tell(Report::Answer(answer));
                }
            }
            Err(e) => {
                link.tell(Report::Offline(e));
                next_try = Instant::now() + backoff.next_pause();
            }
        }
    }
}
