//! A delegate's journal: every event is written here, and flushed to the disk,
//! before it is sent; the host's answer is written after. A dropped connection, a
//! closed lid or a killed app loses nothing: what has no answer is sent again, with
//! the same sequence number, so the host applies it once.
//!
//! One JSON object a line: first `{"device":…,"scorer":…}`, then `{"seq":…,"event":…}`
//! for each event and `{"result":…}` for each answer. A last line cut short by a
//! crash is ignored (its event was never sent).

use super::protocol::EventResult;
use crate::model::event::Event;
use crate::text::{Lang, net::N};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Serialize, Deserialize)]
struct Header {
    device: String,
    scorer: String,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Line {
    Sent { seq: u64, event: Event },
    Answered { result: EventResult },
}

/// One event of the journal and, once it came, the host's answer.
#[derive(Debug, Clone)]
pub struct Entry {
    pub event: Event,
    pub result: Option<EventResult>,
}

pub struct Journal {
    path: PathBuf,
    file: std::fs::File,
    /// Held while this journal is open: one process at a time writes a journal.
    _lock: std::fs::File,
    device: String,
    scorer: String,
    entries: BTreeMap<u64, Entry>,
}

#[derive(Debug, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub enum JournalError {
    Io {
        path: String,
        source: std::io::Error,
    },
    Damaged {
        path: String,
        line: usize,
    },
    OtherScorer {
        path: String,
        scorer: String,
    },
    /// Another process has the journal open: two writing it would mix their lines.
    Busy {
        path: String,
        holder: String,
    },
}

impl JournalError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            JournalError::Io { path, source } => format!("{path}: {source}"),
            JournalError::Damaged { path, line } => N::JournalDamaged.fill(lang, &[path, line]),
            JournalError::OtherScorer { path, scorer } => {
                N::JournalOther.fill(lang, &[path, scorer])
            }
            JournalError::Busy { path, holder } => N::JournalBusy.fill(lang, &[path, holder]),
        }
    }
}

/// Takes the journal's lock (a file beside it, `….lock`), held until the journal is
/// closed or its process ends, however it ends; the lock file says who holds it.
fn lock(path: &Path, shown: &str) -> Result<std::fs::File, JournalError> {
    let lock_path = PathBuf::from(format!("{}.lock", path.display()));
    let io = |source| JournalError::Io {
        path: lock_path.display().to_string(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&lock_path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let holder = std::fs::read_to_string(&lock_path).unwrap_or_default();
            return Err(JournalError::Busy {
                path: shown.to_string(),
                holder: holder.trim().to_string(),
            });
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
    }
    // The process and the program with its command, nothing after (a PIN could be).
    let holder = format!(
        "{} ({})",
        std::process::id(),
        std::env::args().take(2).collect::<Vec<_>>().join(" ")
    );
    file.set_len(0).map_err(io)?;
    writeln!(file, "{holder}").map_err(io)?;
    Ok(file)
}

impl Journal {
    /// Opens the journal at `path`, or starts one for `scorer` with a new device id.
    /// Refused while another process has it open, naming that process.
    pub fn open(path: &Path, scorer: &str) -> Result<Journal, JournalError> {
        let shown = path.display().to_string();
        let io = |source| JournalError::Io {
            path: shown.clone(),
            source,
        };
        let lock = lock(path, &shown)?;
        let mut text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(io(e)),
        };
        // A last line cut short by a crash was never sent: drop it from the file too,
        // so the next line starts cleanly.
        let whole = text.rfind('\n').map_or(0, |at| at + 1);
        if whole < text.len() {
            text.truncate(whole);
            std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|f| f.set_len(whole as u64))
                .map_err(io)?;
        }
        let lines: Vec<&str> = text.lines().collect();
        let mut entries = BTreeMap::new();
        let (device, file_scorer) = match lines.first() {
            Some(first) => match serde_json::from_str::<Header>(first) {
                Ok(h) => (h.device, h.scorer),
                Err(_) => {
                    return Err(JournalError::Damaged {
                        path: shown,
                        line: 1,
                    });
                }
            },
            None => (super::random_hex(), scorer.to_string()),
        };
        if file_scorer != scorer {
            return Err(JournalError::OtherScorer {
                path: shown,
                scorer: file_scorer,
            });
        }
        for (i, line) in lines.iter().enumerate().skip(1) {
            match serde_json::from_str::<Line>(line) {
                Ok(Line::Sent { seq, event }) => {
                    entries.insert(
                        seq,
                        Entry {
                            event,
                            result: None,
                        },
                    );
                }
                Ok(Line::Answered { result }) => {
                    if let Some(entry) = entries.get_mut(&result.seq()) {
                        entry.result = Some(result);
                    }
                }
                Err(_) => {
                    return Err(JournalError::Damaged {
                        path: shown,
                        line: i + 1,
                    });
                }
            }
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(io)?;
        if lines.is_empty() {
            let header = serde_json::to_string(&Header {
                device: device.clone(),
                scorer: scorer.to_string(),
            })
            .unwrap_or_default();
            writeln!(file, "{header}").map_err(io)?;
            file.sync_all().map_err(io)?;
        }
        Ok(Journal {
            path: path.to_path_buf(),
            file,
            _lock: lock,
            device,
            scorer: scorer.to_string(),
            entries,
        })
    }

    pub fn device(&self) -> &str {
        &self.device
    }

    pub fn scorer(&self) -> &str {
        &self.scorer
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn write_line(&mut self, line: &Line, sync: bool) -> Result<(), JournalError> {
        let shown = self.path.display().to_string();
        let io = |source| JournalError::Io {
            path: shown.clone(),
            source,
        };
        let text = serde_json::to_string(line).unwrap_or_default();
        writeln!(self.file, "{text}").map_err(io)?;
        if sync {
            self.file.sync_all().map_err(io)?;
        }
        Ok(())
    }

    /// Writes `event` to the disk and gives it the next sequence number: only then
    /// may it be sent.
    pub fn record(&mut self, event: Event) -> Result<u64, JournalError> {
        let seq = self.entries.keys().next_back().map_or(1, |last| last + 1);
        self.write_line(
            &Line::Sent {
                seq,
                event: event.clone(),
            },
            true,
        )?;
        self.entries.insert(
            seq,
            Entry {
                event,
                result: None,
            },
        );
        Ok(seq)
    }

    /// Keeps the host's answer. Not flushed: if it is lost, the event is sent again
    /// and the host answers the same.
    pub fn settle(&mut self, result: EventResult) -> Result<(), JournalError> {
        self.write_line(
            &Line::Answered {
                result: result.clone(),
            },
            false,
        )?;
        if let Some(entry) = self.entries.get_mut(&result.seq()) {
            entry.result = Some(result);
        }
        Ok(())
    }

    /// Events without an answer yet, in order.
    pub fn pending(&self) -> Vec<(u64, Event)> {
        self.entries
            .iter()
            .filter(|(_, e)| e.result.is_none())
            .map(|(seq, e)| (*seq, e.event.clone()))
            .collect()
    }

    pub fn entries(&self) -> impl Iterator<Item = (&u64, &Entry)> {
        self.entries.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(v: i64) -> Event {
        Event::Score {
            scorer: "ba-dinh".into(),
            target: "hoang-mai".into(),
            item: "1.1".into(),
            value: Some(crate::model::points::Points(v)),
        }
    }

    #[test]
    fn unanswered_events_survive_a_restart_and_a_torn_last_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let device = {
            let mut j = Journal::open(&path, "ba-dinh").unwrap();
            assert_eq!(j.record(score(100)).unwrap(), 1);
            assert_eq!(j.record(score(200)).unwrap(), 2);
            j.settle(EventResult::Committed { seq: 1, at: 7 }).unwrap();
            j.device().to_string()
        };
        // A crash while the third line was written.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"seq\":3,\"ev")
            .unwrap();
        let mut j = Journal::open(&path, "ba-dinh").unwrap();
        assert_eq!(j.device(), device, "the same device after a restart");
        assert_eq!(j.pending(), vec![(2, score(200))]);
        assert_eq!(j.record(score(300)).unwrap(), 3);
        drop(j);
        let j = Journal::open(&path, "ba-dinh").unwrap();
        assert_eq!(j.pending().len(), 2);
        drop(j);
        assert!(matches!(
            Journal::open(&path, "hoang-mai"),
            Err(JournalError::OtherScorer { .. })
        ));
    }

    #[test]
    fn a_damaged_line_in_the_middle_is_reported_with_its_number() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        {
            let mut j = Journal::open(&path, "ba-dinh").unwrap();
            j.record(score(100)).unwrap();
        }
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(
            "garbage\n{\"seq\":2,\"event\":{\"type\":\"submit\",\"scorer\":\"ba-dinh\"}}\n",
        );
        std::fs::write(&path, text).unwrap();
        match Journal::open(&path, "ba-dinh") {
            Err(JournalError::Damaged { line, .. }) => assert_eq!(line, 3),
            other => panic!("{:?}", other.err()),
        }
    }

    #[test]
    fn a_second_process_on_the_same_journal_is_refused_and_told_who_has_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("phieu.journal");
        let first = Journal::open(&path, "ba-dinh").unwrap();
        match Journal::open(&path, "ba-dinh") {
            Err(JournalError::Busy { holder, .. }) => {
                assert!(
                    holder.starts_with(&std::process::id().to_string()),
                    "{holder}"
                );
            }
            other => panic!("{:?}", other.map(|j| j.device().to_string())),
        }
        drop(first);
        assert!(
            Journal::open(&path, "ba-dinh").is_ok(),
            "free again once closed"
        );
    }
}
