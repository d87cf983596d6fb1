//! A delegate's journal: every event is written here, and flushed to the disk,
//! before it is sent; the host's answer is written after. A dropped connection, a
//! closed lid or a killed app loses nothing: what has no answer is sent again, with
//! the same sequence number, so the host applies it once.
//!
//! One JSON object a line: first `{"device":…,"scorer":…}`, then `{"meeting":…}` (the
//! identity of the meeting it belongs to, written once the host has named it), then
//! `{"seq":…,"event":…}` for each event and `{"result":…}` for each answer. A last
//! line cut short by a crash is ignored (its event was never sent).
//!
//! A journal belongs to one meeting: opened against another, it is set aside (kept
//! beside, as `<name>.<meeting>.old`) and a new one starts, so nothing of one
//! meeting is replayed into another or taken as saved there.

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
    Meeting { meeting: String },
}

/// What became of a journal opened against a meeting ([`Journal::bind`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// It already belonged to this meeting.
    Same,
    /// It named no meeting (new, or written before journals named one) and now
    /// belongs to this one.
    Adopted,
    /// It belonged to another meeting: kept at `old`, and a new one started.
    SetAside { old: PathBuf },
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
    /// The meeting this journal belongs to, once known.
    meeting: Option<String>,
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

/// Writes a new journal's first lines at `path` (replacing what is there), flushed.
fn start(
    path: &Path,
    device: &str,
    scorer: &str,
    meeting: Option<&str>,
) -> Result<std::fs::File, JournalError> {
    let io = |source| JournalError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(true)
        .open(path)
        .map_err(io)?;
    let header = serde_json::to_string(&Header {
        device: device.to_string(),
        scorer: scorer.to_string(),
    })
    .unwrap_or_default();
    writeln!(file, "{header}").map_err(io)?;
    if let Some(meeting) = meeting {
        let line = serde_json::to_string(&Line::Meeting {
            meeting: meeting.to_string(),
        })
        .unwrap_or_default();
        writeln!(file, "{line}").map_err(io)?;
    }
    file.sync_all().map_err(io)?;
    Ok(file)
}

impl Journal {
    /// Opens the journal at `path`, or starts one for `scorer` with a new device id.
    /// Refused while another process has it open, naming that process.
    pub fn open(path: &Path, scorer: &str) -> Result<Journal, JournalError> {
        Self::open_with_device(path, scorer, None)
    }

    /// [`Journal::open`], a new journal taking `device` (this laptop's own id) when
    /// given, so a laptop shows as one device of its delegate's code.
    pub fn open_with_device(
        path: &Path,
        scorer: &str,
        device: Option<&str>,
    ) -> Result<Journal, JournalError> {
        let new_device = device;
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
            None => (
                new_device.map_or_else(super::random_hex, str::to_string),
                scorer.to_string(),
            ),
        };
        if file_scorer != scorer {
            return Err(JournalError::OtherScorer {
                path: shown,
                scorer: file_scorer,
            });
        }
        let mut meeting = None;
        for (i, line) in lines.iter().enumerate().skip(1) {
            match serde_json::from_str::<Line>(line) {
                Ok(Line::Meeting { meeting: named }) => {
                    meeting.get_or_insert(named);
                }
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
        let file = if lines.is_empty() {
            start(path, &device, scorer, None)?
        } else {
            std::fs::OpenOptions::new()
                .append(true)
                .open(path)
                .map_err(io)?
        };
        Ok(Journal {
            path: path.to_path_buf(),
            file,
            _lock: lock,
            device,
            scorer: scorer.to_string(),
            meeting,
            entries,
        })
    }

    /// Makes this the journal of `meeting` (the identity the host names). A journal
    /// of another meeting is set aside and a new one, with a new device id, takes
    /// its place: its events were answered by another meeting's host, so they are
    /// neither sent here nor taken as saved here, and a new device id cannot collide
    /// with numbers that device used in the other meeting.
    ///
    /// A journal naming no meeting was written before journals named one, or was
    /// just made. It is adopted when it holds nothing, or when the host says it has
    /// committed events from this journal's device (`host_knows_device`): its
    /// 128-bit random device id has then been heard by this very meeting. Otherwise
    /// it could be a rehearsal's, whose answers would make scores look sent that
    /// never reached this host: it is set aside too. A delegate loses nothing by
    /// that: `thidua join` sends every score its sheet holds that the host does not,
    /// and the window shows what the host holds.
    pub fn bind(
        mut self,
        meeting: &str,
        host_knows_device: bool,
    ) -> Result<(Journal, Binding), JournalError> {
        match self.meeting.as_deref() {
            Some(own) if own == meeting => return Ok((self, Binding::Same)),
            None if self.entries.is_empty() || host_knows_device => {
                self.write_line(
                    &Line::Meeting {
                        meeting: meeting.to_string(),
                    },
                    true,
                )?;
                self.meeting = Some(meeting.to_string());
                return Ok((self, Binding::Adopted));
            }
            _ => {}
        }
        let old = self.set_aside()?;
        let device = super::random_hex();
        let file = start(&self.path, &device, &self.scorer, Some(meeting))?;
        let journal = Journal {
            path: self.path,
            file,
            _lock: self._lock,
            device,
            scorer: self.scorer,
            meeting: Some(meeting.to_string()),
            entries: BTreeMap::new(),
        };
        Ok((journal, Binding::SetAside { old }))
    }

    /// Renames the journal to a free `<name>.<id>.old` beside it (the lock stays
    /// where it is, held): where it went.
    fn set_aside(&self) -> Result<PathBuf, JournalError> {
        let id: String = self
            .meeting
            .as_deref()
            .unwrap_or(&self.device)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(8)
            .collect();
        let name = self.path.display().to_string();
        let free = (1..1000)
            .map(|n| match n {
                1 => PathBuf::from(format!("{name}.{id}.old")),
                n => PathBuf::from(format!("{name}.{id}.{n}.old")),
            })
            .find(|p| !p.exists());
        let io = |source| JournalError::Io {
            path: name.clone(),
            source,
        };
        let old = free.ok_or_else(|| io(std::io::ErrorKind::AlreadyExists.into()))?;
        std::fs::rename(&self.path, &old).map_err(io)?;
        Ok(old)
    }

    /// The meeting this journal belongs to, once bound.
    pub fn meeting(&self) -> Option<&str> {
        self.meeting.as_deref()
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

    /// Writes `events` to the disk, flushed once for all, and gives them the next
    /// sequence numbers: only then may they be sent.
    pub fn record_all(&mut self, events: Vec<Event>) -> Result<Vec<u64>, JournalError> {
        let first = self.entries.keys().next_back().map_or(1, |last| last + 1);
        let count = events.len();
        for (seq, event) in (first..).zip(&events) {
            let line = Line::Sent {
                seq,
                event: event.clone(),
            };
            self.write_line(&line, false)?;
        }
        if count > 0 {
            let shown = self.path.display().to_string();
            self.file.sync_all().map_err(|source| JournalError::Io {
                path: shown,
                source,
            })?;
        }
        for (seq, event) in (first..).zip(events) {
            self.entries.insert(
                seq,
                Entry {
                    event,
                    result: None,
                },
            );
        }
        Ok((first..).take(count).collect())
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

    const REHEARSAL: &str = "0123456789abcdef0123456789abcdef";
    const REAL: &str = "fedcba9876543210fedcba9876543210";

    #[test]
    fn a_journal_of_another_meeting_is_set_aside_and_a_new_one_starts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("phieu.json.journal");
        let (mut j, binding) = Journal::open(&path, "ba-dinh")
            .unwrap()
            .bind(REHEARSAL, false)
            .unwrap();
        assert_eq!(binding, Binding::Adopted, "a new journal takes its meeting");
        j.record(score(100)).unwrap();
        j.settle(EventResult::Committed { seq: 1, at: 3 }).unwrap();
        let old_device = j.device().to_string();
        drop(j);

        let (j, binding) = Journal::open(&path, "ba-dinh")
            .unwrap()
            .bind(REHEARSAL, false)
            .unwrap();
        assert_eq!(binding, Binding::Same);
        assert_eq!(j.entries().count(), 1);
        drop(j);

        let (mut j, binding) = Journal::open(&path, "ba-dinh")
            .unwrap()
            .bind(REAL, false)
            .unwrap();
        let old = dir.path().join("phieu.json.journal.01234567.old");
        assert_eq!(binding, Binding::SetAside { old: old.clone() });
        assert_eq!(
            j.entries().count(),
            0,
            "nothing of the rehearsal is taken over"
        );
        assert_ne!(j.device(), old_device);
        assert_eq!(j.record(score(200)).unwrap(), 1);
        drop(j);
        assert!(std::fs::read_to_string(&old).unwrap().contains(REHEARSAL));
        let j = Journal::open(&path, "ba-dinh").unwrap();
        assert_eq!(j.meeting(), Some(REAL), "the new journal names its meeting");
        assert_eq!(j.pending(), vec![(1, score(200))]);
    }

    #[test]
    fn a_journal_from_before_meetings_had_names_is_adopted_only_where_it_was_heard() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let old_format = |path: &Path| {
            let mut j = Journal::open(path, "ba-dinh").unwrap();
            j.record(score(100)).unwrap();
            j.settle(EventResult::Committed { seq: 1, at: 3 }).unwrap();
        };
        old_format(&path);
        let (j, binding) = Journal::open(&path, "ba-dinh")
            .unwrap()
            .bind(REAL, true)
            .unwrap();
        assert_eq!(binding, Binding::Adopted);
        assert_eq!(j.entries().count(), 1);
        drop(j);

        let other = dir.path().join("k");
        old_format(&other);
        let (j, binding) = Journal::open(&other, "ba-dinh")
            .unwrap()
            .bind(REAL, false)
            .unwrap();
        assert!(matches!(binding, Binding::SetAside { .. }), "{binding:?}");
        assert_eq!(j.entries().count(), 0);
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
