//! `thidua join ADDRESS --pin PIN --sheet SHEET.json`: a scripted delegate. It sends
//! the sheet's scores as a delegate's app would, then submits, through the same
//! delegate client as the window ([`crate::live::delegate`]). Every event is written
//! to a journal first; a run that is stopped, or loses the host, sends what was not
//! answered when it runs again, and the host applies each event once.

use super::{Out, Outcome, read_limited};
use crate::live::delegate::{Answer, Delegate, DelegateError, Joining, JournalPlace};
use crate::model::event::Event;
use crate::model::sheet::Sheet;
use crate::net::journal::Binding;
use crate::net::protocol::EventResult;
use crate::text::net::N;
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
    let mut delegate = match joined {
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
    let mut counts = Counts::default();
    let sent = send_sheet(out, &mut delegate, &sheet, until, &mut counts);
    finish(out, &delegate, &counts, sent)
}

/// First what an earlier run wrote down but never heard back about; then every
/// score of the sheet the host does not hold, as the host says once those went (its
/// word, never the journal's, says what is there), and the submission.
fn send_sheet(
    out: &Out,
    delegate: &mut Delegate,
    sheet: &Sheet,
    until: Instant,
    counts: &mut Counts,
) -> Result<(), DelegateError> {
    delegate.flush(Some(until), |a| counts.add(out, a))?;
    delegate.refresh(Some(until))?;
    let view = delegate.view();
    let held: std::collections::HashSet<(&str, &str, &str)> = view
        .values
        .iter()
        .map(|v| (v.target.as_str(), v.item.as_str(), v.value.as_str()))
        .collect();
    let config = delegate.config();
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
    delegate.record(wanted)?;
    delegate.flush(Some(until), |a| counts.add(out, a))
}

/// The summary line, which says whether anything still waits for the host; and the
/// outcome: success only when every event was answered and none refused.
fn finish(
    out: &Out,
    delegate: &Delegate,
    counts: &Counts,
    sent: Result<(), DelegateError>,
) -> Outcome {
    let sent_now = delegate.attempted();
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
        Err(DelegateError::Waiting(e)) => {
            let waiting = delegate.unanswered();
            out.say(&N::JoinWaiting.fill(out.lang, &[&sent_now, &a, &c, &d, &r, &waiting]));
            eprintln!(
                "{}",
                N::GaveUp.fill(out.lang, &[&waiting, &delegate.journal_path().display()])
            );
            Err(out.error(&e.text(out.lang)))
        }
        Err(e) => {
            out.say(&summary);
            Err(out.error(&e.text(out.lang)))
        }
    }
}
