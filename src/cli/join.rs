//! `thidua join ADDRESS --pin PIN --sheet SHEET.json`: a scripted delegate. It sends
//! the sheet's scores one event at a time, as a delegate's app would, then submits.
//! Every event is written to a journal first; a run that is stopped, or loses the
//! host, sends what was not answered when it runs again, and the host applies each
//! event once.

use super::{Out, Outcome, read_limited};
use crate::model::config::Config;
use crate::model::event::Event;
use crate::model::sheet::Sheet;
use crate::net::client::{Client, ClientError, token_of};
use crate::net::journal::{Binding, Journal};
use crate::net::protocol::{EventResult, SentEvent};
use crate::text::net::N;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Default)]
struct Counts {
    sent: u64,
    acknowledged: u64,
    committed: u64,
    duplicates: u64,
    refused: u64,
}

pub(super) fn join(
    out: &Out,
    address: &str,
    pin: Option<&str>,
    sheet_path: &Path,
    journal_path: Option<&Path>,
    timeout: Duration,
) -> Outcome {
    let deadline = Instant::now() + timeout;
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
    let journal =
        Journal::open(&journal_path, &claimed).map_err(|e| out.error(&e.text(out.lang)))?;
    let device = journal.device().to_string();

    let mut client = match (token_of(address), pin) {
        (Some(token), _) => Client::with_token(address, &token, &device),
        (None, Some(pin)) => {
            let (client, scorer) = retry(out, deadline, || Client::join(address, pin, &device))?;
            if scorer != claimed {
                return Err(out.error(
                    &N::NotThisScorer.fill(out.lang, &[&sheet_path.display(), &claimed, &scorer]),
                ));
            }
            client
        }
        (None, None) => return Err(out.error(super::C::JoinNeedsPin.get(out.lang))),
    };
    let mut view = retry(out, deadline, || client.sheet())?;
    let (mut journal, binding) = journal
        .bind(&view.meeting, view.last_device_seq.is_some())
        .map_err(|e| out.error(&e.text(out.lang)))?;
    if let Binding::SetAside { old } = &binding {
        out.say(&N::JournalSetAside.fill(out.lang, &[&journal_path.display(), &old.display()]));
        // The new journal sends under its own device id.
        client.set_device(journal.device());
        view = retry(out, deadline, || client.sheet())?;
    }
    let config_text = view.config.take().unwrap_or_default();
    let config =
        Config::from_bytes(config_text.as_bytes()).map_err(|p| out.error(&p.text(out.lang)))?;
    if config.sha256 != view.config_sha256 {
        return Err(out.error(N::ConfigMismatch.get(out.lang)));
    }
    let sheet = Sheet::from_bytes(&bytes, &config).map_err(|p| out.error(&p.text(out.lang)))?;
    if config.members[sheet.scorer].id != view.scorer {
        return Err(out.error(
            &N::NotThisScorer.fill(out.lang, &[&sheet_path.display(), &claimed, &view.scorer]),
        ));
    }

    let mut counts = Counts::default();
    // First what an earlier run wrote down but never heard back about.
    for (seq, event) in journal.pending() {
        deliver(
            out,
            &client,
            &mut journal,
            seq,
            event,
            deadline,
            &mut counts,
        )?;
    }
    // Then every score the host does not hold yet, as it holds them now that the
    // pending ones went: the host's word, never the journal's, says what is there.
    let view = retry(out, deadline, || client.sheet_with(Some(&config.sha256)))?;
    let held: std::collections::HashSet<(String, String, String)> = view
        .values
        .iter()
        .map(|v| (v.target.clone(), v.item.clone(), v.value.clone()))
        .collect();
    let scorer = view.scorer.clone();
    let mut wanted: Vec<Event> = sheet
        .scores
        .iter()
        .filter(|(t, c, v)| {
            let key = (
                config.members[*t].id.clone(),
                config.cells[*c].id.clone(),
                v.display('.'),
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
        wanted.push(Event::Submit {
            scorer: scorer.clone(),
        });
    }
    for event in wanted {
        let seq = journal
            .record(event.clone())
            .map_err(|e| out.error(&e.text(out.lang)))?;
        deliver(
            out,
            &client,
            &mut journal,
            seq,
            event,
            deadline,
            &mut counts,
        )?;
    }
    out.say(&N::JoinSummary.fill(
        out.lang,
        &[
            &counts.sent,
            &counts.acknowledged,
            &counts.committed,
            &counts.duplicates,
            &counts.refused,
        ],
    ));
    if counts.refused > 0 {
        return Err(super::Failed);
    }
    Ok(())
}

/// Sends one journaled event until the host answers (or the time is up).
fn deliver(
    out: &Out,
    client: &Client,
    journal: &mut Journal,
    seq: u64,
    event: Event,
    deadline: Instant,
    counts: &mut Counts,
) -> Outcome {
    counts.sent += 1;
    let results = retry(out, deadline, || {
        client.send(vec![SentEvent {
            seq,
            event: event.clone(),
        }])
    })
    .inspect_err(|_| {
        eprintln!(
            "{}",
            N::GaveUp.fill(
                out.lang,
                &[&journal.pending().len(), &journal.path().display()]
            )
        );
    })?;
    for result in results {
        counts.acknowledged += 1;
        match &result {
            EventResult::Committed { .. } => counts.committed += 1,
            EventResult::Duplicate { .. } => counts.duplicates += 1,
            EventResult::Refused { vi, en, .. } => {
                counts.refused += 1;
                let why = match out.lang {
                    crate::text::Lang::Vi => vi,
                    crate::text::Lang::En => en,
                };
                eprintln!("{}", N::EventRefused.fill(out.lang, &[&seq, why]));
            }
        }
        journal
            .settle(result)
            .map_err(|e| out.error(&e.text(out.lang)))?;
    }
    Ok(())
}

/// Calls `attempt` until it succeeds, fails for good, or the deadline passes; waits a
/// little longer after each failure that may pass (no network, the host restarting).
fn retry<T>(
    out: &Out,
    deadline: Instant,
    mut attempt: impl FnMut() -> Result<T, ClientError>,
) -> Result<T, super::Failed> {
    let mut pause = Duration::from_millis(50);
    loop {
        match attempt() {
            Ok(value) => return Ok(value),
            Err(e) if e.is_retryable() && Instant::now() + pause < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_secs(1));
            }
            Err(e) => return Err(out.error(&e.text(out.lang))),
        }
    }
}
