//! `thidua join ADDRESS --pin PIN --sheet SHEET.json`: a scripted delegate. It sends
//! the sheet's scores as a delegate's app would, then submits, through the same
//! delegate client as the window ([`crate::live::delegate`]). Every event is written
//! to a journal first; a run that is stopped, or loses the host, sends what was not
//! answered when it runs again, and the host applies each event once.

use super::{Out, Outcome, read_limited};
use crate::live::delegate::{
    Answer, Delegate, DelegateError, Joining, JournalPlace, Report, Worker,
};
use crate::model::config::Config;
use crate::model::event::Event;
use crate::model::sheet::Sheet;
use crate::net::journal::Binding;
use crate::net::protocol::EventResult;
use crate::net::protocol::SheetView;
use crate::text::net::N;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Default)]
struct Counts {
    acknowledged: u64,
    committed: u64,
    duplicates: u64,
    refused: u64,
}

impl Counts {
    fn add(&mut self, out: &Out, answer: &Answer) {
        self.acknowledged += 1;
        match &answer.result {
            EventResult::Committed { .. } => self.committed += 1,
            EventResult::Duplicate { .. } => self.duplicates += 1,
            EventResult::Refused { vi, en, .. } => {
                self.refused += 1;
                let why = match out.lang {
                    crate::text::Lang::Vi => vi,
                    crate::text::Lang::En => en,
                };
                eprintln!("{}", N::EventRefused.fill(out.lang, &[&answer.seq, why]));
            }
        }
    }
}

pub(super) fn join(
    out: &Out,
    address: &str,
    pin: Option<&str>,
    sheet_path: &Path,
    journal_path: Option<&Path>,
    timeout: Duration,
    pace: Duration,
) -> Outcome {
    let until = Instant::now() + timeout;
    let bytes = read_limited(out, sheet_path)?;
    // The sheet names its scorer; the journal is bound to it.
    let claimed = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v.get("scorer").and_then(|s| s.as_str()).map(str::to_string))
        .unwrap_or_default();
    let journal_path = journal_path.map_or_else(
        || PathBuf::from(format!("{}.journal", sheet_path.display())),
        Path::to_path_buf,
    );
    if pin.is_none() && crate::net::client::token_of(address).is_none() {
        return Err(out.error(super::C::JoinNeedsPin.get(out.lang)));
    }
    let joined = Delegate::connect(Joining {
        address,
        pin,
        journal: JournalPlace::File {
            path: &journal_path,
            scorer: &claimed,
        },
        until,
    });
    let delegate = match joined {
        Ok(delegate) => delegate,
        Err(DelegateError::OtherScorer { opened, .. }) => {
            return Err(out.error(
                &N::NotThisScorer.fill(out.lang, &[&sheet_path.display(), &claimed, &opened]),
            ));
        }
        Err(e) => return Err(out.error(&e.text(out.lang))),
    };
    if let Binding::SetAside { old } = delegate.binding() {
        out.say(&N::JournalSetAside.fill(out.lang, &[&journal_path.display(), &old.display()]));
    }
    let sheet =
        Sheet::from_bytes(&bytes, delegate.config()).map_err(|p| out.error(&p.text(out.lang)))?;
    let config = delegate.config().clone();
    let mut run = Run {
        out,
        until,
        counts: Counts::default(),
        answered: HashSet::new(),
        expected: delegate.unanswered(),
        // With nothing left from an earlier run, the sheet read when joining is
        // what the host holds; on a slow link, reading it again costs seconds.
        view: (delegate.unanswered() == 0).then(|| Box::new(delegate.view().clone())),
        trouble: None,
    };
    let worker = Worker::spawn(delegate, None, || {}).map_err(|e| out.error(&e.to_string()))?;
    let sent = send_sheet(&worker, &mut run, &config, &sheet, pace);
    let Some(delegate) = worker.stop() else {
        return Err(super::Failed);
    };
    finish(&run, &delegate, sent)
}

/// What one run of `join` has heard from its worker.
struct Run<'a> {
    out: &'a Out,
    until: Instant,
    counts: Counts,
    /// The events the host has answered (each counted once).
    answered: HashSet<u64>,
    /// How many answers the run waits for: the journal's unanswered events at the
    /// start and every event handed to the worker since.
    expected: usize,
    view: Option<Box<SheetView>>,
    /// The last failed try, if the host has not answered since.
    trouble: Option<DelegateError>,
}

/// Why a run ended before every event was answered.
enum Stop {
    /// The delegate's wait ran out: nothing refused, the rest stays in the journal.
    Time,
    /// The host refused the request (a revoked code), or the journal failed.
    Failed(DelegateError),
}

impl Run<'_> {
    /// Takes in the worker's reports until `done` holds or `moment` comes; past
    /// the delegate's wait, [`Stop::Time`].
    fn pump(
        &mut self,
        worker: &Worker,
        moment: Option<Instant>,
        done: impl Fn(&Run) -> bool,
    ) -> Result<(), Stop> {
        while !done(self) {
            let by = moment.map_or(self.until, |m| m.min(self.until));
            match worker.report_by(by) {
                Some(report) => self.take(report)?,
                None if Instant::now() >= self.until => return Err(Stop::Time),
                None => return Ok(()),
            }
        }
        Ok(())
    }

    fn take(&mut self, report: Report) -> Result<(), Stop> {
        match report {
            Report::Answer(answer) => {
                if self.answered.insert(answer.seq) {
                    self.counts.add(self.out, &answer);
                }
                self.trouble = None;
            }
            Report::View(view) => self.view = Some(view),
            Report::Online => self.trouble = None,
            Report::Offline(DelegateError::Waiting(e)) => {
                self.trouble = Some(DelegateError::Waiting(e));
            }
            Report::Offline(e) => return Err(Stop::Failed(e)),
        }
        Ok(())
    }
}

/// First what an earlier run wrote down but never heard back about; then every
/// score of the sheet the host does not hold, as the host says once those went (its
/// word, never the journal's, says what is there), `pace` apart as a delegate
/// typing them, and the submission.
fn send_sheet(
    worker: &Worker,
    run: &mut Run,
    config: &Config,
    sheet: &Sheet,
    pace: Duration,
) -> Result<(), Stop> {
    if run.view.is_none() {
        run.pump(worker, None, |r| r.answered.len() >= r.expected)?;
        worker.look();
        run.pump(worker, None, |r| r.view.is_some())?;
    }
    let Some(view) = run.view.take() else {
        return Err(Stop::Time);
    };
    for event in wanted(config, sheet, &view) {
        worker.send(event);
        run.expected += 1;
        if !pace.is_zero() {
            run.pump(worker, Some(Instant::now() + pace), |_| false)?;
        }
    }
    run.pump(worker, None, |r| r.answered.len() >= r.expected)
}

/// The sheet's scores the host does not hold, and the submission if it has none.
fn wanted(config: &Config, sheet: &Sheet, view: &SheetView) -> Vec<Event> {
    let held: HashSet<(&str, &str, &str)> = view
        .values
        .iter()
        .map(|v| (v.target.as_str(), v.item.as_str(), v.value.as_str()))
        .collect();
    let scorer = view.scorer.clone();
    let mut wanted: Vec<Event> = sheet
        .scores
        .iter()
        .filter(|(t, c, v)| {
            let value = v.display('.');
            let key = (
                config.members[*t].id.as_str(),
                config.cells[*c].id.as_str(),
                value.as_str(),
            );
            !held.contains(&key)
        })
        .map(|(t, c, v)| Event::Score {
            scorer: scorer.clone(),
            target: config.members[*t].id.clone(),
            item: config.cells[*c].id.clone(),
            value: Some(*v),
        })
        .collect();
    if !view.submitted {
        wanted.push(Event::Submit { scorer });
    }
    wanted
}

/// The summary line, which says whether anything still waits for the host; and the
/// outcome: success only when every event was answered and none refused.
fn finish(run: &Run, delegate: &Delegate, sent: Result<(), Stop>) -> Outcome {
    let out = run.out;
    let sent_now = delegate.attempted();
    let counts = &run.counts;
    let (a, c, d, r) = (
        counts.acknowledged,
        counts.committed,
        counts.duplicates,
        counts.refused,
    );
    let summary = N::JoinSummary.fill(out.lang, &[&sent_now, &a, &c, &d, &r]);
    match sent {
        Ok(()) => {
            out.say(&summary);
            if counts.refused > 0 {
                return Err(super::Failed);
            }
            Ok(())
        }
        Err(Stop::Time) => {
            let waiting = delegate.unanswered();
            out.say(&N::JoinWaiting.fill(out.lang, &[&sent_now, &a, &c, &d, &r, &waiting]));
            if let Some(trouble) = &run.trouble {
                eprintln!("{}", trouble.text(out.lang));
            }
            Err(out
                .error(&N::GaveUp.fill(out.lang, &[&waiting, &delegate.journal_path().display()])))
        }
        Err(Stop::Failed(e)) => {
            out.say(&summary);
            Err(out.error(&e.text(out.lang)))
        }
    }
}
