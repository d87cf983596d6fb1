//! An open meeting as the window holds it: the meeting file, and the tally computed
//! once per committed event (never per frame).

use crate::clock;
use crate::live::hosting::Hosting;
use crate::live::sheet_import;
use crate::model::confidence::{self, Outcome};
use crate::model::event::{Actor, Event};
use crate::model::history::{AuditLog, inverse};
use crate::model::paper::PaperDraft;
use crate::model::{Config, Session, Tally};
use crate::net::host::HostError;
use crate::net::writer::WriterError;
use crate::store::{self, Integrity, MeetingFile, StoreError, Submission};
use crate::text::Lang;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// A change this window made that can be taken back: the event that restores the
/// old value, and the one that makes the change again.
#[derive(Debug, Clone)]
pub struct UndoStep {
    pub by: Actor,
    pub undo: Event,
    pub redo: Event,
}

/// Why a change was not recorded.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub enum RecordError {
    Store(#[from] StoreError),
    Writer(#[from] WriterError),
}

impl RecordError {
    /// The rules refused an event: nothing of its transaction was committed.
    pub fn is_refusal(&self) -> bool {
        match self {
            RecordError::Store(StoreError::Event(_)) => true,
            RecordError::Writer(WriterError::Store(e)) => matches!(**e, StoreError::Event(_)),
            _ => false,
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        match self {
            RecordError::Store(e) => e.text(lang),
            RecordError::Writer(e) => e.text(lang),
        }
    }
}

/// The meeting served to the delegates' laptops: the host's writer owns the file;
/// this window sends its changes there too and reads what was committed.
pub struct HostLink {
    pub hosting: Hosting,
    /// The writer's last committed event, set from its thread.
    committed: Arc<AtomicU64>,
}

/// The host's parts (its server, the addresses) read through the link.
impl std::ops::Deref for HostLink {
    type Target = Hosting;

    fn deref(&self) -> &Hosting {
        &self.hosting
    }
}

pub struct OpenMeeting {
    /// The meeting file; while the meeting is hosted, a second view of it that reads
    /// what the host's writer committed and never writes.
    pub file: MeetingFile,
    /// Set while the meeting is served on the local network.
    pub host: Option<HostLink>,
    pub tally: Tally,
    /// How many times the tally was computed: one per committed change.
    pub recomputations: u64,
    /// The delegate whose sheet the scoring screen shows.
    pub delegate: usize,
    pub undo: Vec<UndoStep>,
    pub redo: Vec<UndoStep>,
    /// Read from the file when the audit screen is shown, then kept up to date.
    audit: AuditLog,
    /// The robustness check, for the event count it was computed at.
    robustness: Option<(u64, Vec<Outcome>)>,
    /// Paper sheets being typed in, by scorer id: kept beside the chain (see
    /// [`PAPER_KEY`]) after every change, so a crash loses none of them.
    pub paper: BTreeMap<String, PaperDraft>,
    /// Drafts found in the file that this version cannot read.
    unreadable_paper: Option<String>,
}

/// Where the paper sheets being typed in are kept in the meeting file, beside the
/// chain: drafts, not meeting data, until a sheet's two entries agree.
const PAPER_KEY: &str = "paper-drafts";
/// Drafts this version could not read, kept as they were.
const PAPER_UNREADABLE_KEY: &str = "paper-drafts-unreadable";

impl OpenMeeting {
    pub fn new(file: MeetingFile) -> OpenMeeting {
        let tally = Tally::compute(file.session());
        let delegate = (0..file.config().members.len())
            .find(|&m| file.session().is_present(m) && !file.session().is_submitted(m))
            .or_else(|| (0..file.config().members.len()).find(|&m| file.session().is_present(m)))
            .unwrap_or(0);
        OpenMeeting {
            file,
            host: None,
            tally,
            recomputations: 1,
            delegate,
            undo: Vec::new(),
            redo: Vec::new(),
            audit: AuditLog::default(),
            robustness: None,
            paper: BTreeMap::new(),
            unreadable_paper: None,
        }
        .with_paper_drafts()
    }

    /// The paper sheets left half typed in the file (unreadable drafts are left
    /// alone: the next save replaces them).
    fn with_paper_drafts(mut self) -> OpenMeeting {
        if let Ok(Some(text)) = self.file.host_state(PAPER_KEY) {
            match serde_json::from_str(&text) {
                Ok(drafts) => self.paper = drafts,
                // Written by another version, say: kept aside before anything is
                // saved over it, never dropped.
                Err(_) => self.unreadable_paper = Some(text),
            }
        }
        self
    }

    /// Keeps the paper sheets being typed in, committed at once.
    pub fn save_paper(&mut self) -> Result<(), RecordError> {
        if let Some(old) = self.unreadable_paper.take() {
            self.set_side(PAPER_UNREADABLE_KEY, old)?;
        }
        let text = serde_json::to_string(&self.paper).unwrap_or_default();
        self.set_side(PAPER_KEY, text)
    }

    /// A value kept beside the chain, committed at once (through the host's writer
    /// while the meeting is served).
    fn set_side(&mut self, key: &str, text: String) -> Result<(), RecordError> {
        match &self.host {
            None => self.file.set_host_state(key, &text)?,
            Some(link) => link
                .running
                .host
                .writer()
                .set_host_state_blocking(key, text)?,
        }
        Ok(())
    }

    /// Commits one frame's scores from the grid in one transaction (one wait for the
    /// disk, however fast the typing), each still its own event and its own step to
    /// take back. If the file refuses them together, each is tried on its own, so
    /// each gets its own answer; the first refusal is returned.
    pub fn record_scores(&mut self, by: Actor, events: Vec<Event>) -> Result<(), RecordError> {
        if events.len() < 2 {
            return events
                .into_iter()
                .try_for_each(|e| self.record(by.clone(), e));
        }
        // What each score takes back: the value before it, counting the ones before
        // it in this frame.
        let mut earlier: BTreeMap<(String, String, String), Option<crate::model::Points>> =
            BTreeMap::new();
        let mut steps = Vec::new();
        for event in &events {
            let undo = match event {
                Event::Score {
                    scorer,
                    target,
                    item,
                    value,
                } => {
                    let key = (scorer.clone(), target.clone(), item.clone());
                    let undo = match earlier.get(&key) {
                        Some(old) => Some(Event::Score {
                            scorer: scorer.clone(),
                            target: target.clone(),
                            item: item.clone(),
                            value: *old,
                        }),
                        None => inverse(self.session(), event),
                    };
                    earlier.insert(key, *value);
                    undo
                }
                _ => inverse(self.session(), event),
            };
            steps.extend(undo.map(|undo| UndoStep {
                by: by.clone(),
                undo,
                redo: event.clone(),
            }));
        }
        match self.record_all(by.clone(), events.clone()) {
            Ok(()) => {
                self.undo.extend(steps);
                self.redo.clear();
                Ok(())
            }
            // Only when the rules refused one of them (nothing was committed) is each
            // tried alone; after any other failure some may be in the file already.
            Err(e) if !e.is_refusal() => Err(e),
            Err(_) => {
                let mut first = Ok(());
                for event in events {
                    if let Err(e) = self.record(by.clone(), event) {
                        first = first.and(Err(e));
                    }
                }
                first
            }
        }
    }

    /// Commits `events` in one transaction, all or none, then recomputes the tally.
    pub fn record_all(&mut self, by: Actor, events: Vec<Event>) -> Result<(), RecordError> {
        match &self.host {
            None => {
                self.file.append_all(by, events, &clock::now())?;
            }
            Some(link) => {
                link.running.host.writer().append_all_blocking(by, events)?;
                self.file.catch_up()?;
            }
        }
        self.tally = Tally::compute(self.file.session());
        self.recomputations += 1;
        Ok(())
    }

    pub fn session(&self) -> &Session {
        self.file.session()
    }

    pub fn config(&self) -> &Config {
        self.file.config()
    }

    pub fn writable(&self) -> bool {
        matches!(self.file.integrity(), Integrity::Verified) && !self.session().finalized
    }

    /// Commits the event to the meeting file, then recomputes the tally. A change
    /// a person can take back goes on the undo stack.
    pub fn record(&mut self, by: Actor, event: Event) -> Result<(), RecordError> {
        let undo = inverse(self.session(), &event);
        self.commit(by.clone(), event.clone())?;
        if let Some(undo) = undo {
            self.undo.push(UndoStep {
                by,
                undo,
                redo: event,
            });
            self.redo.clear();
        }
        Ok(())
    }

    fn commit(&mut self, by: Actor, event: Event) -> Result<(), RecordError> {
        match &self.host {
            None => {
                self.file.append(by, event, &clock::now())?;
            }
            Some(link) => {
                let item = Submission {
                    by,
                    origin: None,
                    event,
                };
                let outcomes = link.running.host.writer().submit_blocking(vec![item])?;
                if let Some(store::Outcome::Refused(e)) = outcomes.into_iter().next() {
                    return Err(RecordError::Store(StoreError::Event(e)));
                }
                self.file.catch_up()?;
            }
        }
        self.tally = Tally::compute(self.file.session());
        self.recomputations += 1;
        Ok(())
    }

    /// Serves the meeting on the local network: the writer takes a connection of its
    /// own to the file, and every change (this window's too) goes through it.
    pub fn start_hosting(
        &mut self,
        port: u16,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Result<(), HostError> {
        if self.host.is_some() {
            return Ok(());
        }
        let writer_file = MeetingFile::open(self.file.path())
            .map_err(|e| HostError::Writer(WriterError::Store(Arc::new(e))))?;
        let committed = Arc::new(AtomicU64::new(writer_file.last_seq()));
        let seen = committed.clone();
        let wake = Arc::new(wake);
        let woken = wake.clone();
        let on_commit = move |seq| {
            seen.store(seq, Ordering::SeqCst);
            wake();
        };
        let hosting = Hosting::start(writer_file, port, on_commit, move || woken())?;
        self.host = Some(HostLink { hosting, committed });
        Ok(())
    }

    /// Reads what the host committed since the last look (delegates' scores) and
    /// recomputes the tally once for all of it. Cheap when nothing is new, so the
    /// window may ask every frame; the tally is never recomputed without a change.
    pub fn refresh(&mut self) -> bool {
        let Some(link) = &self.host else {
            return false;
        };
        if link.committed.load(Ordering::SeqCst) <= self.file.last_seq() {
            return false;
        }
        match self.file.catch_up() {
            Ok(0) | Err(_) => false,
            Ok(_) => {
                self.tally = Tally::compute(self.file.session());
                self.recomputations += 1;
                true
            }
        }
    }

    /// Takes back the last change, as a new event. Stops (and keeps the step) when
    /// the rules refuse it, e.g. the sheet was submitted since.
    pub fn undo(&mut self) -> Option<Result<(), RecordError>> {
        let step = self.undo.pop()?;
        match self.commit(step.by.clone(), step.undo.clone()) {
            Ok(()) => {
                self.redo.push(step);
                Some(Ok(()))
            }
            Err(e) => {
                self.undo.push(step);
                Some(Err(e))
            }
        }
    }

    pub fn redo(&mut self) -> Option<Result<(), RecordError>> {
        let step = self.redo.pop()?;
        match self.commit(step.by.clone(), step.redo.clone()) {
            Ok(()) => {
                self.undo.push(step);
                Some(Ok(()))
            }
            Err(e) => {
                self.redo.push(step);
                Some(Err(e))
            }
        }
    }

    /// The audit trail, read from the meeting file up to its last event.
    pub fn audit(&mut self) -> &AuditLog {
        if self.audit.last_seq() < self.file.last_seq()
            && let Ok(records) = self.file.records_after(self.audit.last_seq())
        {
            let config = self.file.config().clone();
            for record in records {
                self.audit.push(&config, record);
            }
        }
        &self.audit
    }

    /// The robustness check, recomputed only when the meeting changed.
    pub fn robustness(&mut self) -> &[Outcome] {
        let seq = self.file.last_seq();
        if self.robustness.as_ref().is_none_or(|(at, _)| *at != seq) {
            let result = confidence::robustness(self.file.session(), &self.tally);
            self.robustness = Some((seq, result));
        }
        self.robustness.as_ref().map_or(&[], |(_, r)| r.as_slice())
    }

    /// Imports one delegate sheet file, all or nothing; says what happened.
    pub fn import_sheet_file(
        &mut self,
        path: &std::path::Path,
        lang: crate::model::Lang,
    ) -> Result<String, String> {
        use crate::model::sheet::ImportPlan;
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let fail = |text: String| format!("{name}: {text}");
        let read = sheet_import::read(path, self.session()).map_err(|e| fail(e.text(lang)))?;
        let who = self.config().members[read.scorer].short.clone();
        match read.plan {
            ImportPlan::Unchanged => Ok(super::i18n::T::SheetUnchanged.fill(lang, &[&name, &who])),
            ImportPlan::Events(events) => {
                self.record_all(Actor::Chair, events)
                    .map_err(|e| fail(e.text(lang)))?;
                Ok(super::i18n::T::SheetImported.fill(lang, &[&name, &who]))
            }
        }
    }

    /// The current delegate's sheet, as the grid shows it at the chair's laptop.
    pub fn sheet_source(&self) -> super::scoring::SheetSource<'_> {
        super::scoring::SheetSource {
            session: self.session(),
            delegate: self.delegate,
            delegates: Some(self.delegates()),
            writable: self.writable(),
            sending: None,
        }
    }

    /// Present delegates, in member order: who scores at this meeting.
    pub fn delegates(&self) -> Vec<usize> {
        (0..self.config().members.len())
            .filter(|&m| self.session().is_present(m))
            .collect()
    }

    /// The next (or previous) present delegate after the one shown.
    pub fn neighbour_delegate(&self, forward: bool) -> usize {
        let list = self.delegates();
        let Some(at) = list.iter().position(|&m| m == self.delegate) else {
            return self.delegate;
        };
        let next = if forward {
            (at + 1) % list.len()
        } else {
            (at + list.len() - 1) % list.len()
        };
        list[next]
    }
}
