//! The meeting file (`*.thidua`): SQLite holding the config bytes, and the events in a
//! hash chain. Every event is committed (WAL, `synchronous=FULL`) before it is
//! applied, so a crash loses nothing that was reported as saved.
//!
//! Schema version 2 adds where a delegate's event came from: `events.device` and
//! `events.device_seq` (NULL for the chair's own and imported events, unique as a
//! pair), so each (device, sequence) is committed once however often it is sent, and
//! a small `host_state` table for the host's own settings (join codes), outside the
//! chain. A version 1 file is brought to version 2 when it is opened for writing and
//! verifies; its chain is unchanged (rows without an origin hash as before).

mod chain;
pub mod files;
pub mod recent;
mod replay;
pub mod spreadsheet;

use replay::{Body, Decoded};

pub use chain::{ChainBreak, GENESIS_NOTE, record_hash, row_hash};

use crate::model::Config;
use crate::model::config::sha256_hex;
use crate::model::event::{Actor, Event, Origin, Record};
use crate::model::problem::{Lang, Problems};
use crate::model::session::{EventError, Session};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Marks a SQLite file as a meeting file ("TDUA").
const APPLICATION_ID: i32 = 0x5444_5541;
const SCHEMA_VERSION: i32 = 2;
pub const SESSION_FORMAT: &str = "thidua.session/1";

/// The tables of schema version 1, as every earlier file has them (to the space:
/// SQLite keeps the text).
const SCHEMA_1: &str = "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE config (id INTEGER PRIMARY KEY CHECK (id = 1),
                                  bytes BLOB NOT NULL, sha256 TEXT NOT NULL);
             CREATE TABLE events (seq INTEGER PRIMARY KEY, at TEXT NOT NULL,
                                  by TEXT NOT NULL, event TEXT NOT NULL,
                                  hash TEXT NOT NULL);";

/// From version 1 to 2, run in one transaction; a new file runs it too, so new and
/// upgraded files have the same schema. `device_seq` holds the device's u64 sequence
/// number reinterpreted as a signed 64-bit integer (the same bits), so every u64 fits.
const UPGRADE_TO_2: &str = "ALTER TABLE events ADD COLUMN device TEXT;
     ALTER TABLE events ADD COLUMN device_seq INTEGER;
     CREATE UNIQUE INDEX events_origin ON events (device, device_seq);
     CREATE TABLE host_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
     PRAGMA user_version = 2;";

/// One event offered to [`MeetingFile::append_batch`]: who causes it and, for an
/// event a delegate's device sent, its idempotency key.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub by: Actor,
    pub origin: Option<Origin>,
    pub event: Event,
}

/// What became of one [`Submission`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Committed now as event `seq`.
    Committed { seq: u64 },
    /// Its origin was committed before (in the file or earlier in the same batch) as
    /// event `seq`; nothing changed.
    Duplicate { seq: u64 },
    /// The meeting's rules refuse it; nothing changed.
    Refused(EventError),
}

#[derive(Debug, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub enum StoreError {
    Exists {
        path: String,
    },
    NoFolder {
        path: String,
    },
    SameFile {
        path: String,
    },
    Copy {
        path: String,
        source: std::io::Error,
    },
    NotAMeetingFile {
        path: String,
    },
    TooNew {
        path: String,
        found: i32,
    },
    Open {
        path: String,
        source: rusqlite::Error,
    },
    Sqlite(#[from] rusqlite::Error),
    StoredConfig(Problems),
    ReadOnly(ChainBreak),
    ChangedElsewhere,
    Event(#[from] EventError),
}

impl StoreError {
    pub fn text(&self, lang: Lang) -> String {
        use crate::text::errors::E;
        match self {
            StoreError::Exists { path } => E::FileExists.fill(lang, &[path]),
            StoreError::NoFolder { path } => E::NoFolder.fill(lang, &[path]),
            StoreError::SameFile { path } => E::SameFile.fill(lang, &[path]),
            StoreError::Copy { path, source } => E::CopyFailed.fill(lang, &[path, source]),
            StoreError::NotAMeetingFile { path } => E::NotAMeetingFile.fill(lang, &[path]),
            StoreError::TooNew { path, found } => E::TooNew.fill(lang, &[path, found]),
            StoreError::Open { path, source } => E::CannotOpen.fill(lang, &[path, source]),
            StoreError::Sqlite(e) => E::CannotWrite.fill(lang, &[e]),
            StoreError::StoredConfig(p) => E::StoredConfigDamaged.fill(lang, &[&p.text(lang)]),
            StoreError::ReadOnly(why) => E::OpenReadOnly.fill(lang, &[&why.text(lang)]),
            StoreError::ChangedElsewhere => E::ChangedElsewhere.get(lang).into(),
            StoreError::Event(e) => e.text(lang),
        }
    }
}

/// Whether the file's history can be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Integrity {
    Verified,
    /// The chain or the stored config does not verify: shown, never written.
    Broken(Vec<ChainBreak>),
}

pub struct MeetingFile {
    conn: Connection,
    path: PathBuf,
    session: Session,
    head: String,
    last_seq: u64,
    integrity: Integrity,
    config_bytes: Vec<u8>,
    /// The schema version of the file as it is now (older only when not writable).
    version: i32,
    /// Committed origins: device → (device's sequence number → event seq).
    origins: HashMap<String, BTreeMap<u64, u64>>,
    /// Who sends from each device, as far as looked up (see `device_owner`).
    device_owners: HashMap<String, Actor>,
    /// From how many rows on a replay reads in two parts (see `replay`).
    parallel_rows: u64,
    /// This meeting's own identity (see [`MeetingFile::meeting_id`]).
    meeting_id: String,
}

/// Where a meeting file keeps its identity, in `meta` (outside the chain: the
/// identity names the file, it is not part of the meeting's history).
const MEETING_ID_KEY: &str = "meeting_id";

/// A new meeting's identity: 128 random bits as hex. Should the system give no
/// randomness, the time to the nanosecond, the process and the config still tell two
/// meetings apart, which is all the identity is for.
fn new_meeting_id(config_sha256: &str, created_at: &str) -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_ok() {
        return bytes.iter().map(|b| format!("{b:02x}")).collect();
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let seed = format!(
        "{config_sha256}\n{created_at}\n{}\n{nanos}",
        std::process::id()
    );
    sha256_hex(seed.as_bytes())[..32].to_string()
}

/// The identity of a file made before meetings had one of their own: derived from
/// what it already holds and never changes (the config's check code and the moment
/// the file was created), so every reading of the same file gives the same one.
fn derived_meeting_id(config_sha256: &str, created_at: &str) -> String {
    let seed = format!("thidua meeting\n{config_sha256}\n{created_at}");
    sha256_hex(seed.as_bytes())[..32].to_string()
}

/// The identity stored in the file, or the one derived for an older file.
fn read_meeting_id(conn: &Connection, config_sha256: &str) -> String {
    let meta = |key: &str| -> Option<String> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .ok()
            .flatten()
    };
    meta(MEETING_ID_KEY).unwrap_or_else(|| {
        derived_meeting_id(config_sha256, &meta("created_at").unwrap_or_default())
    })
}

fn open_error(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::Open {
        path: path.display().to_string(),
        source,
    }
}

fn set_durable(conn: &Connection) -> Result<(), rusqlite::Error> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Makes a new file's directory entry durable too (SQLite syncs the file itself).
fn sync_directory(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(handle) = std::fs::File::open(dir) {
            let _ = handle.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Whether two paths name the same file (after resolving links and `..`).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Whether `path` names a meeting file, by its extension (`.thidua`, in any case):
/// what the app offers to open and lists as meetings.
pub fn is_meeting_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("thidua"))
}

/// The check code (SHA-256) of the config a meeting file was created with, read
/// without opening the meeting; `None` when the file is no meeting file.
pub fn config_sha256_of(path: &Path) -> Option<String> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let db = Connection::open_with_flags(path, flags).ok()?;
    db.query_row("SELECT sha256 FROM config WHERE id = 1", [], |r| r.get(0))
        .ok()
}

impl MeetingFile {
    /// Creates a new meeting file from a config's bytes. Refuses to overwrite.
    pub fn create(
        path: &Path,
        config_bytes: &[u8],
        created_at: &str,
    ) -> Result<MeetingFile, StoreError> {
        let config = Config::from_bytes(config_bytes).map_err(StoreError::StoredConfig)?;
        if path.exists() {
            return Err(StoreError::Exists {
                path: path.display().to_string(),
            });
        }
        if let Some(folder) = path.parent()
            && !folder.as_os_str().is_empty()
            && !folder.is_dir()
        {
            return Err(StoreError::NoFolder {
                path: path.display().to_string(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(open_error(path))?;
        set_durable(&conn)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID};
             PRAGMA user_version = 1;
             {SCHEMA_1}
             {UPGRADE_TO_2}"
        ))?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('format', ?1), ('created_at', ?2), ('created_by', ?3)",
            params![SESSION_FORMAT, created_at, concat!("thidua ", env!("CARGO_PKG_VERSION"))],
        )?;
        let meeting_id = new_meeting_id(&config.sha256, created_at);
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            params![MEETING_ID_KEY, meeting_id],
        )?;
        tx.execute(
            "INSERT INTO config (id, bytes, sha256) VALUES (1, ?1, ?2)",
            params![config_bytes, config.sha256],
        )?;
        tx.commit()?;
        sync_directory(path);
        let head = config.sha256.clone();
        Ok(MeetingFile {
            conn,
            path: path.to_path_buf(),
            session: Session::new(Arc::new(config)),
            head,
            last_seq: 0,
            integrity: Integrity::Verified,
            config_bytes: config_bytes.to_vec(),
            version: SCHEMA_VERSION,
            origins: HashMap::new(),
            device_owners: HashMap::new(),
            parallel_rows: replay::PARALLEL_ROWS,
            meeting_id,
        })
    }

    /// Opens a meeting file and replays its events. A file whose chain does not
    /// verify still opens, read-only, with `integrity()` saying why. A file of an
    /// earlier schema version that verifies and can be written is upgraded (one
    /// transaction); one that cannot be opens read-only, unchanged.
    pub fn open(path: &Path) -> Result<MeetingFile, StoreError> {
        Self::open_with(path, replay::PARALLEL_ROWS, true)
    }

    /// Opens a meeting file to read it, writing nothing to it: no upgrade of an
    /// earlier version, no change of its journal mode, so a file received for
    /// checking keeps every byte. The meeting cannot be changed through it
    /// (`integrity()` says the file is read-only, which is not damage).
    pub fn open_to_read(path: &Path) -> Result<MeetingFile, StoreError> {
        Self::open_with(path, replay::PARALLEL_ROWS, false)
    }

    /// [`MeetingFile::open`] (or, without `may_write`, [`MeetingFile::open_to_read`]),
    /// reading in two parts from `parallel_rows` rows on.
    fn open_with(
        path: &Path,
        parallel_rows: u64,
        may_write: bool,
    ) -> Result<MeetingFile, StoreError> {
        let not_ours = || StoreError::NotAMeetingFile {
            path: path.display().to_string(),
        };
        if !path.is_file() {
            return Err(StoreError::Open {
                path: path.display().to_string(),
                source: rusqlite::Error::InvalidPath(path.to_path_buf()),
            });
        }
        let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let read_write = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = match may_write.then(|| Connection::open_with_flags(path, read_write)) {
            Some(Ok(conn)) => conn,
            _ => Connection::open_with_flags(path, read_only).map_err(open_error(path))?,
        };
        let app: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|_| not_ours())?;
        if app != APPLICATION_ID {
            return Err(not_ours());
        }
        let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path.display().to_string(),
                found: version,
            });
        }
        if !conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
            set_durable(&conn)?;
        }
        let (config_bytes, stored_sha): (Vec<u8>, String) = conn
            .query_row("SELECT bytes, sha256 FROM config WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(|_| not_ours())?
            .ok_or_else(not_ours)?;
        let config = Config::from_bytes(&config_bytes).map_err(StoreError::StoredConfig)?;
        let mut breaks = Vec::new();
        if sha256_hex(&config_bytes) != stored_sha {
            breaks.push(ChainBreak::ConfigChanged);
        }
        let meeting_id = read_meeting_id(&conn, &stored_sha);
        let mut file = MeetingFile {
            conn,
            path: path.to_path_buf(),
            session: Session::new(Arc::new(config)),
            head: stored_sha,
            last_seq: 0,
            integrity: Integrity::Verified,
            config_bytes,
            version,
            origins: HashMap::new(),
            device_owners: HashMap::new(),
            parallel_rows,
            meeting_id,
        };
        file.replay(&mut breaks)?;
        if file.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) && breaks.is_empty() {
            // Opened read-only by the OS: history is fine, writing is not possible.
            file.integrity = Integrity::Broken(vec![ChainBreak::FileReadOnly]);
        } else if !breaks.is_empty() {
            file.integrity = Integrity::Broken(breaks);
        } else if file.version < SCHEMA_VERSION
            && let Err(e) = file.upgrade()
        {
            file.integrity = Integrity::Broken(vec![ChainBreak::NotUpgraded {
                reason: e.to_string(),
            }]);
        }
        Ok(file)
    }

    /// Brings a verified file of an earlier version to this one, in one transaction.
    fn upgrade(&mut self) -> Result<(), rusqlite::Error> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Exclusive)?;
        let version: i32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version < 2 {
            tx.execute_batch(UPGRADE_TO_2)?;
        }
        tx.commit()?;
        self.version = SCHEMA_VERSION;
        Ok(())
    }

    /// The columns that hold an event's origin (none before version 2).
    fn origin_columns(&self) -> &'static str {
        if self.version >= 2 {
            "device, device_seq"
        } else {
            "NULL, NULL"
        }
    }

    fn replay(&mut self, breaks: &mut Vec<ChainBreak>) -> Result<(), StoreError> {
        let columns = self.origin_columns();
        let MeetingFile {
            conn,
            path,
            session,
            head,
            last_seq,
            origins,
            parallel_rows,
            ..
        } = self;
        let after = *last_seq;
        let last: Option<i64> = conn.query_row("SELECT MAX(seq) FROM events", [], |r| r.get(0))?;
        let last = last.unwrap_or(0).max(0) as u64;
        let config = session.config_arc().clone();
        let mut fold = Fold {
            session,
            origins,
            last_seq,
            expected_seq: after + 1,
            breaks,
        };
        let start = head.clone();
        // Reads rows on this connection and applies them as they come.
        let mut read_here = |range, previous| {
            replay::read_rows(conn, columns, &config, range, previous, |d| fold.apply(d))
        };
        let Some(middle) = replay::split(after, last, *parallel_rows) else {
            *head = read_here((after, last), start)?;
            return Ok(());
        };
        let (second, first_head) = std::thread::scope(|scope| {
            let second = scope.spawn(|| {
                replay::read_second_part(
                    path,
                    columns,
                    &config,
                    (after, middle, last),
                    start.clone(),
                )
            });
            let first_head = read_here((after, middle), start.clone());
            (second.join(), first_head)
        });
        let first_head = first_head?;
        *head = match second {
            Ok(Ok((rows, second_head))) => {
                rows.into_iter().for_each(|d| fold.apply(d));
                second_head
            }
            // The second connection could not be opened or read: this one reads
            // the rest.
            _ => read_here((middle, last), first_head)?,
        };
        Ok(())
    }

    /// Reads the events another connection (the host's writer) committed since this
    /// one last looked, checks their place in the chain and applies them: how many.
    /// A second view of a file the writer owns; it never writes.
    pub fn catch_up(&mut self) -> Result<u64, StoreError> {
        let before = self.last_seq;
        let mut breaks = Vec::new();
        // A new read transaction sees everything committed so far.
        self.replay(&mut breaks)?;
        if !breaks.is_empty() {
            let mut all = match std::mem::replace(&mut self.integrity, Integrity::Verified) {
                Integrity::Broken(old) => old,
                Integrity::Verified => Vec::new(),
            };
            all.extend(breaks);
            self.integrity = Integrity::Broken(all);
        }
        Ok(self.last_seq - before)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// This meeting's identity: 32 hex digits, its own from the moment the file was
    /// created (a rehearsal and the real meeting from one config differ), kept by
    /// every copy of the file. A delegate's journal names it, so a journal is never
    /// replayed into another meeting.
    pub fn meeting_id(&self) -> &str {
        &self.meeting_id
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn config(&self) -> &Config {
        self.session.config()
    }

    pub fn config_bytes(&self) -> &[u8] {
        &self.config_bytes
    }

    /// The last hash of the chain: what results documents and minutes vouch for.
    pub fn head(&self) -> &str {
        &self.head
    }

    pub fn integrity(&self) -> &Integrity {
        &self.integrity
    }

    pub fn last_seq(&self) -> u64 {
        self.last_seq
    }

    /// The event that committed `device`'s event `seq`, if one did.
    pub fn committed_origin(&self, device: &str, seq: u64) -> Option<u64> {
        self.origins.get(device)?.get(&seq).copied()
    }

    /// Who sends from `device`: the delegate who first committed from it (a device
    /// belongs to one delegate, so nobody can make another's later events pass for
    /// already committed). Looked up once per device, then kept.
    fn device_owner(&mut self, device: &str) -> Result<Option<Actor>, StoreError> {
        if let Some(owner) = self.device_owners.get(device) {
            return Ok(Some(owner.clone()));
        }
        let Some(first) = self
            .origins
            .get(device)
            .and_then(|seqs| seqs.values().min().copied())
        else {
            return Ok(None);
        };
        let owner = self.stored_event(first)?.map(|(by, _)| by);
        if let Some(owner) = &owner {
            self.device_owners.insert(device.to_string(), owner.clone());
        }
        Ok(owner)
    }

    /// For an item whose device number was used already: the original event's
    /// [`Outcome::Duplicate`] when it is the very same event from the same delegate,
    /// else a refusal; `None` for a number not used yet.
    fn used_number(
        &self,
        origin: &Origin,
        item: &Submission,
        in_batch: &HashMap<Origin, u64>,
        batch: &[Record],
    ) -> Result<Option<Outcome>, StoreError> {
        let before = self
            .committed_origin(&origin.device, origin.seq)
            .or_else(|| in_batch.get(origin).copied());
        let Some(seq) = before else {
            return Ok(None);
        };
        let committed = match batch.iter().find(|r| r.seq == seq) {
            Some(r) => Some((r.by.clone(), r.event.clone())),
            None => self.stored_event(seq)?,
        };
        Ok(Some(match committed {
            Some((by, event)) if by == item.by && event == item.event => Outcome::Duplicate { seq },
            _ => Outcome::Refused(EventError::NumberReused(origin.seq)),
        }))
    }

    /// The event number that committed this very item before (same device and
    /// number, same sender, same event), if one did.
    pub fn duplicate_of(&self, item: &Submission) -> Result<Option<u64>, StoreError> {
        let Some(origin) = &item.origin else {
            return Ok(None);
        };
        Ok(
            match self.used_number(origin, item, &HashMap::new(), &[])? {
                Some(Outcome::Duplicate { seq }) => Some(seq),
                _ => None,
            },
        )
    }

    /// How many events each delegate has had committed from devices (`by` → count).
    pub fn events_from_devices(&self) -> Result<HashMap<String, u64>, StoreError> {
        if self.version < 2 {
            return Ok(HashMap::new());
        }
        let mut stmt = self
            .conn
            .prepare("SELECT by, COUNT(*) FROM events WHERE device IS NOT NULL GROUP BY by")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut counts = HashMap::new();
        for row in rows {
            let (by, count) = row?;
            counts.insert(by, count.max(0) as u64);
        }
        Ok(counts)
    }

    /// Who sent the committed event `seq`, and what it was.
    fn stored_event(&self, seq: u64) -> Result<Option<(Actor, Event)>, StoreError> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT by, event FROM events WHERE seq = ?1",
                [seq as i64],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(row.and_then(|(by, text)| {
            Event::from_stored(&text)
                .ok()
                .map(|event| (Actor::parse(&by), event))
        }))
    }

    /// The highest sequence number committed from `device`: what a reconnecting
    /// device learns has arrived.
    pub fn last_device_seq(&self, device: &str) -> Option<u64> {
        self.origins
            .get(device)?
            .last_key_value()
            .map(|(seq, _)| *seq)
    }

    fn remember_origin(
        origins: &mut HashMap<String, BTreeMap<u64, u64>>,
        origin: Option<&Origin>,
        seq: u64,
    ) {
        if let Some(origin) = origin {
            origins
                .entry(origin.device.clone())
                .or_default()
                .entry(origin.seq)
                .or_insert(seq);
        }
    }

    /// A value of the host's own state kept in the file (join codes): not meeting
    /// data, not in the chain.
    pub fn host_state(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.version < 2 {
            return Ok(None);
        }
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM host_state WHERE key = ?1",
                params![key],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Sets (or replaces) a value of the host's own state, committed at once. Refused
    /// like an event when the file is open read-only.
    pub fn set_host_state(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.writable()?;
        self.conn.execute(
            "INSERT INTO host_state (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    fn writable(&self) -> Result<(), StoreError> {
        match &self.integrity {
            Integrity::Verified => Ok(()),
            Integrity::Broken(breaks) => Err(StoreError::ReadOnly(
                breaks.first().cloned().unwrap_or(ChainBreak::FileReadOnly),
            )),
        }
    }

    /// Commits one event, then applies it. Returns its sequence number.
    pub fn append(&mut self, by: Actor, event: Event, at: &str) -> Result<u64, StoreError> {
        self.writable()?;
        self.session.check(&by, &event)?;
        let record = Record {
            seq: self.last_seq + 1,
            at: at.to_string(),
            by,
            origin: None,
            event,
        };
        self.commit(std::slice::from_ref(&record))?;
        // Checked above against the same state, so applying cannot be refused.
        self.session.apply(&record)?;
        Ok(record.seq)
    }

    /// Commits several events in one transaction (all or none), e.g. one imported
    /// sheet. Each is checked in turn on a copy first, so a refusal changes nothing.
    pub fn append_all(
        &mut self,
        by: Actor,
        events: Vec<Event>,
        at: &str,
    ) -> Result<u64, StoreError> {
        self.writable()?;
        let mut trial = self.session.clone();
        let mut records = Vec::with_capacity(events.len());
        for (i, event) in events.into_iter().enumerate() {
            let record = Record {
                seq: self.last_seq + 1 + i as u64,
                at: at.to_string(),
                by: by.clone(),
                origin: None,
                event,
            };
            trial.apply(&record)?;
            records.push(record);
        }
        if records.is_empty() {
            return Ok(self.last_seq);
        }
        self.commit(&records)?;
        self.session = trial;
        Ok(self.last_seq)
    }

    /// Commits a burst of events, e.g. from many delegates' devices at once, in one
    /// transaction (group commit); each is still its own chained row. Each item is
    /// checked in order against the meeting as the items before it leave it: a
    /// refused item changes nothing and does not stop the others; an item whose
    /// origin is already committed (in the file or earlier in this batch) is a
    /// [`Outcome::Duplicate`] of that event and changes nothing. The outcomes come
    /// back in the items' order. If the transaction fails, nothing is committed or
    /// applied and the error is returned.
    pub fn append_batch(
        &mut self,
        items: Vec<Submission>,
        at: &str,
    ) -> Result<Vec<Outcome>, StoreError> {
        self.writable()?;
        let mut outcomes = Vec::with_capacity(items.len());
        let mut records: Vec<Record> = Vec::new();
        let mut in_batch: HashMap<Origin, u64> = HashMap::new();
        // The meeting after the accepted items, made only once a second item needs it.
        let mut trial: Option<Session> = None;
        // Who sends from each device first seen in this batch.
        let mut new_owners: HashMap<String, Actor> = HashMap::new();
        for item in items {
            if let Some(origin) = &item.origin {
                let owner = match new_owners.get(&origin.device) {
                    Some(owner) => Some(owner.clone()),
                    None => self.device_owner(&origin.device)?,
                };
                if owner.is_some_and(|owner| owner != item.by) {
                    outcomes.push(Outcome::Refused(EventError::DeviceOfAnother));
                    continue;
                }
                if let Some(refusal) = self.used_number(origin, &item, &in_batch, &records)? {
                    outcomes.push(refusal);
                    continue;
                }
            }
            if trial.is_none() && !records.is_empty() {
                let mut session = self.session.clone();
                for record in &records {
                    session.apply(record)?;
                }
                trial = Some(session);
            }
            let record = Record {
                seq: self.last_seq + 1 + records.len() as u64,
                at: at.to_string(),
                by: item.by,
                origin: item.origin,
                event: item.event,
            };
            let checked = match trial.as_mut() {
                Some(session) => session.apply(&record),
                None => self.session.check(&record.by, &record.event),
            };
            if let Err(error) = checked {
                outcomes.push(Outcome::Refused(error));
                continue;
            }
            if let Some(origin) = &record.origin {
                in_batch.insert(origin.clone(), record.seq);
                if !self.device_owners.contains_key(&origin.device) {
                    new_owners
                        .entry(origin.device.clone())
                        .or_insert_with(|| record.by.clone());
                }
            }
            outcomes.push(Outcome::Committed { seq: record.seq });
            records.push(record);
        }
        if records.is_empty() {
            return Ok(outcomes);
        }
        self.commit(&records)?;
        for record in &records {
            Self::remember_origin(&mut self.origins, record.origin.as_ref(), record.seq);
        }
        self.device_owners.extend(new_owners);
        match trial {
            Some(session) => self.session = session,
            // At most one record, checked above against this same state.
            None => {
                for record in &records {
                    self.session.apply(record)?;
                }
            }
        }
        Ok(outcomes)
    }

    fn commit(&mut self, records: &[Record]) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let on_disk: Option<i64> = tx.query_row("SELECT MAX(seq) FROM events", [], |r| r.get(0))?;
        if on_disk.unwrap_or(0).max(0) as u64 != self.last_seq {
            return Err(StoreError::ChangedElsewhere);
        }
        let mut head = self.head.clone();
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO events (seq, at, by, event, hash, device, device_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for record in records {
                let text = record.event.to_json();
                let by = record.by.as_str();
                let origin = record.origin.as_ref();
                let hash = record_hash(&head, record.seq, &record.at, by, origin, &text);
                insert.execute(params![
                    record.seq as i64,
                    record.at,
                    by,
                    text,
                    hash,
                    origin.map(|o| o.device.as_str()),
                    // The same 64 bits: every u64 fits (see `UPGRADE_TO_2`).
                    origin.map(|o| o.seq as i64),
                ])?;
                head = hash;
            }
        }
        tx.commit()?;
        self.head = head;
        self.last_seq = records.last().map_or(self.last_seq, |r| r.seq);
        Ok(())
    }

    /// The meeting as it stood after `events` events, and the chain head then:
    /// what a results document made at that moment must match.
    pub fn session_at(&self, events: u64) -> Result<(Session, String), StoreError> {
        let mut session = Session::new(self.session.config_arc().clone());
        let mut head = self.config().sha256.clone();
        let mut stmt = self
            .conn
            .prepare("SELECT seq, at, by, event, hash FROM events WHERE seq <= ?1 ORDER BY seq")?;
        let mut rows = stmt.query([events as i64])?;
        while let Some(row) = rows.next()? {
            let seq: i64 = row.get(0)?;
            let text: String = row.get(3)?;
            if let Ok(event) = Event::from_stored(&text) {
                let record = Record {
                    seq: seq.max(0) as u64,
                    at: row.get(1)?,
                    by: Actor::parse(&row.get::<_, String>(2)?),
                    origin: None,
                    event,
                };
                // A file that verifies applies cleanly; one that does not is reported
                // by `integrity()` already.
                let _ = session.apply(&record);
            }
            head = row.get(4)?;
        }
        Ok((session, head))
    }

    /// "Save as": a consistent copy of the meeting file at `to`, made with SQLite's
    /// `VACUUM INTO` (a snapshot of the committed events, whatever the WAL holds).
    ///
    /// The copy is written under a temporary name in the target folder, checked (it
    /// opens, and its chain ends at this file's head after the same number of
    /// events), synced, then renamed to `to`: a failure at any point leaves no half
    /// file under the chosen name, and the temporary file is removed.
    ///
    /// An existing `to` is refused ([`StoreError::Exists`]) unless replacing it loses
    /// nothing: it is an earlier copy of this same meeting (same stored config, and
    /// its last event's chain hash is this file's hash at that event), so every event
    /// it holds is in the new copy too, as when a backup is saved again to the same
    /// USB stick. It must not look open either (no `-wal` or `-journal` beside it).
    /// The open file itself is never a target ([`StoreError::SameFile`]).
    pub fn save_copy(&self, to: &Path) -> Result<(), StoreError> {
        let shown = || to.display().to_string();
        let folder = match to.parent() {
            Some(f) if !f.as_os_str().is_empty() => f.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !folder.is_dir() {
            return Err(StoreError::NoFolder { path: shown() });
        }
        let Some(name) = to.file_name() else {
            return Err(StoreError::Open {
                path: shown(),
                source: rusqlite::Error::InvalidPath(to.to_path_buf()),
            });
        };
        if to.exists() {
            if same_file(&self.path, to) {
                return Err(StoreError::SameFile { path: shown() });
            }
            if !self.is_earlier_copy(to) {
                return Err(StoreError::Exists { path: shown() });
            }
        }
        let temp = (0u32..)
            .map(|n| {
                folder.join(format!(
                    ".{}.{}-{n}.copy-tmp",
                    name.to_string_lossy(),
                    std::process::id()
                ))
            })
            .find(|p| !p.exists())
            .unwrap_or_else(|| folder.join(".thidua.copy-tmp"));
        let result = self.write_copy(&temp, to);
        if result.is_err() {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut leftover = temp.clone().into_os_string();
                leftover.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(leftover));
            }
        }
        result
    }

    fn write_copy(&self, temp: &Path, to: &Path) -> Result<(), StoreError> {
        let temp_text = temp.to_str().ok_or_else(|| StoreError::Open {
            path: to.display().to_string(),
            source: rusqlite::Error::InvalidPath(to.to_path_buf()),
        })?;
        self.conn.execute("VACUUM INTO ?1", params![temp_text])?;
        {
            // The copy must hold exactly what this file holds.
            let copy = MeetingFile::open(temp)?;
            let same = copy.head == self.head
                && copy.last_seq == self.last_seq
                && (copy.integrity == Integrity::Verified || self.integrity != Integrity::Verified);
            if !same {
                return Err(StoreError::ChangedElsewhere);
            }
        }
        let io = |source| StoreError::Copy {
            path: to.display().to_string(),
            source,
        };
        std::fs::File::open(temp)
            .and_then(|f| f.sync_all())
            .map_err(io)?;
        std::fs::rename(temp, to).map_err(io)?;
        sync_directory(to);
        Ok(())
    }

    /// Whether `path` is an earlier copy of this meeting that a new copy may replace.
    fn is_earlier_copy(&self, path: &Path) -> bool {
        let beside = |suffix: &str| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            PathBuf::from(p).exists()
        };
        if beside("-wal") || beside("-journal") {
            return false;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let Ok(other) = Connection::open_with_flags(path, flags) else {
            return false;
        };
        let read = || -> Result<bool, rusqlite::Error> {
            let app: i32 = other.pragma_query_value(None, "application_id", |r| r.get(0))?;
            if app != APPLICATION_ID {
                return Ok(false);
            }
            let sha: String =
                other.query_row("SELECT sha256 FROM config WHERE id = 1", [], |r| r.get(0))?;
            if sha != self.config().sha256 {
                return Ok(false);
            }
            let last: Option<(i64, String)> = other
                .query_row(
                    "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((seq, hash)) = last else {
                return Ok(true);
            };
            let ours: Option<String> = self
                .conn
                .query_row("SELECT hash FROM events WHERE seq = ?1", [seq], |r| {
                    r.get(0)
                })
                .optional()?;
            Ok(ours.as_deref() == Some(hash.as_str()))
        };
        read().unwrap_or(false)
    }

    /// Every event as recorded, for the audit trail.
    pub fn records(&self) -> Result<Vec<Record>, StoreError> {
        self.records_after(0)
    }

    /// The events after sequence number `seq`, in order.
    pub fn records_after(&self, seq: u64) -> Result<Vec<Record>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT seq, at, by, event, {} FROM events WHERE seq > ?1 ORDER BY seq",
            self.origin_columns()
        ))?;
        let rows = stmt.query_map([seq as i64], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                read_origin(r, 4),
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, at, by, text, origin) = row?;
            // Unreadable rows are reported by `integrity()`.
            if let (Ok(event), Ok(origin)) = (Event::from_stored(&text), origin) {
                out.push(Record {
                    seq: seq.max(0) as u64,
                    at,
                    by: Actor::parse(&by),
                    origin,
                    event,
                });
            }
        }
        Ok(out)
    }
}

/// The session being rebuilt from rows read back, and what it notes on the way.
struct Fold<'a> {
    session: &'a mut Session,
    origins: &'a mut HashMap<String, BTreeMap<u64, u64>>,
    last_seq: &'a mut u64,
    expected_seq: u64,
    breaks: &'a mut Vec<ChainBreak>,
}

impl Fold<'_> {
    /// Applies one row read back, in order, noting every reason not to trust it.
    fn apply(&mut self, row: Decoded) {
        let seq = row.seq;
        if seq != self.expected_seq {
            self.breaks.push(ChainBreak::Gap {
                expected: self.expected_seq,
                found: seq,
            });
        }
        self.expected_seq = seq + 1;
        if matches!(row.body, Body::OriginUnreadable) {
            self.breaks.push(ChainBreak::Unreadable { seq });
            return;
        }
        if !row.hash_ok {
            self.breaks.push(ChainBreak::HashMismatch { seq });
        }
        let applied = match &row.body {
            Body::Score(score) => self.session.apply_score(score),
            Body::Other(record) => self.session.apply(record),
            Body::OriginUnreadable | Body::EventUnreadable => {
                self.breaks.push(ChainBreak::Unreadable { seq });
                return;
            }
        };
        match applied {
            Ok(()) => MeetingFile::remember_origin(self.origins, row.origin.as_deref(), seq),
            Err(error) => self.breaks.push(ChainBreak::Refused { seq, error }),
        }
        *self.last_seq = seq;
    }
}

/// The origin held in columns `first` (device) and `first + 1` (its sequence): both
/// NULL for none; one without the other, or a value of the wrong type, is an error.
fn read_origin(row: &rusqlite::Row<'_>, first: usize) -> Result<Option<Origin>, ()> {
    let device = row.get::<_, Option<String>>(first).map_err(|_| ())?;
    let seq = row.get::<_, Option<i64>>(first + 1).map_err(|_| ())?;
    match (device, seq) {
        (None, None) => Ok(None),
        (Some(device), Some(seq)) => Ok(Some(Origin {
            device,
            // The same 64 bits it was written from.
            seq: seq as u64,
        })),
        _ => Err(()),
    }
}

#[cfg(test)]
mod batch_tests;
#[cfg(test)]
mod replay_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Tally;
    use crate::model::sheet::{ImportPlan, Sheet, plan_import};
    use crate::sample::{SAMPLE_CONFIG, SAMPLE_SHEETS};

    const AT: &str = "2024-12-20T09:00:00+07:00";

    /// The sample meeting with the sample sheets in `sheets` imported.
    fn meeting(path: &Path, sheets: std::ops::Range<usize>) -> MeetingFile {
        let mut file = MeetingFile::create(path, SAMPLE_CONFIG, AT).unwrap();
        for (name, bytes) in &SAMPLE_SHEETS[sheets] {
            let sheet = Sheet::from_bytes(bytes, file.config()).unwrap();
            let ImportPlan::Events(events) = plan_import(file.session(), &sheet, name).unwrap()
            else {
                panic!("a new sheet imports");
            };
            file.append_all(Actor::Chair, events, AT).unwrap();
        }
        file
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("copy-tmp"))
            .collect()
    }

    #[test]
    fn each_meeting_has_its_own_identity_which_its_file_and_copies_keep() {
        let dir = tempfile::tempdir().unwrap();
        let rehearsal = meeting(&dir.path().join("tap-duot.thidua"), 0..0);
        let real = meeting(&dir.path().join("hoi-nghi.thidua"), 0..0);
        assert_ne!(
            rehearsal.meeting_id(),
            real.meeting_id(),
            "same config, same second"
        );
        assert_eq!(real.meeting_id().len(), 32);
        let reopened = MeetingFile::open_to_read(real.path()).unwrap();
        assert_eq!(reopened.meeting_id(), real.meeting_id());
        let copy = dir.path().join("ban-sao.thidua");
        real.save_copy(&copy).unwrap();
        assert_eq!(
            MeetingFile::open(&copy).unwrap().meeting_id(),
            real.meeting_id()
        );
    }

    #[test]
    fn a_file_from_before_identities_gets_the_same_one_at_every_opening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cu.thidua");
        std::fs::write(&path, include_bytes!("testdata/v1-sample.thidua")).unwrap();
        let first = MeetingFile::open_to_read(&path)
            .unwrap()
            .meeting_id()
            .to_string();
        // Opened for writing (and upgraded), then read again: the same identity.
        let second = MeetingFile::open(&path).unwrap().meeting_id().to_string();
        let third = MeetingFile::open_to_read(&path)
            .unwrap()
            .meeting_id()
            .to_string();
        assert_eq!((first.len(), &first), (32, &second));
        assert_eq!(second, third);
    }

    #[test]
    fn a_saved_copy_opens_verifies_and_holds_the_same_meeting() {
        let dir = tempfile::tempdir().unwrap();
        let file = meeting(&dir.path().join("hoi-nghi.thidua"), 0..6);
        let to = dir.path().join("bản sao.thidua");
        file.save_copy(&to).unwrap();
        let copy = MeetingFile::open(&to).unwrap();
        assert_eq!(copy.integrity(), &Integrity::Verified);
        assert_eq!(copy.records().unwrap(), file.records().unwrap());
        assert_eq!(copy.head(), file.head());
        assert_eq!(copy.config_bytes(), file.config_bytes());
        let tally = Tally::compute(copy.session());
        assert_eq!(tally, Tally::compute(file.session()));
        assert_eq!(tally.sheets_submitted, 6);
        assert!(leftovers(dir.path()).is_empty(), "no temporary file stays");
    }

    #[test]
    fn a_copy_into_a_missing_folder_says_so_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = meeting(&dir.path().join("hoi-nghi.thidua"), 0..1);
        let to = dir.path().join("không-có").join("bản sao.thidua");
        let error = file.save_copy(&to).unwrap_err();
        assert!(matches!(error, StoreError::NoFolder { .. }), "{error}");
        assert!(error.to_string().contains("the folder does not exist"));
        assert!(error.text(Lang::Vi).contains("thư mục không tồn tại"));
        assert!(!to.exists());
    }

    #[test]
    fn a_copy_replaces_only_an_earlier_copy_of_the_same_meeting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hoi-nghi.thidua");
        let mut file = meeting(&path, 0..2);
        let to = dir.path().join("sao-luu.thidua");
        file.save_copy(&to).unwrap();
        // More sheets later, saved again to the same backup: nothing is lost.
        for (name, bytes) in &SAMPLE_SHEETS[2..4] {
            let sheet = Sheet::from_bytes(bytes, file.config()).unwrap();
            let ImportPlan::Events(events) = plan_import(file.session(), &sheet, name).unwrap()
            else {
                panic!("a new sheet imports");
            };
            file.append_all(Actor::Chair, events, AT).unwrap();
        }
        file.save_copy(&to).unwrap();
        assert_eq!(MeetingFile::open(&to).unwrap().last_seq(), file.last_seq());

        // Another meeting's file (same cluster, other events), or any other file,
        // is never overwritten.
        let other_path = dir.path().join("khac.thidua");
        let other = meeting(&other_path, 5..6);
        drop(other);
        let before = std::fs::read(&other_path).unwrap();
        let error = file.save_copy(&other_path).unwrap_err();
        assert!(matches!(error, StoreError::Exists { .. }), "{error}");
        assert_eq!(std::fs::read(&other_path).unwrap(), before);
        let text = dir.path().join("ghi-chu.txt");
        std::fs::write(&text, "không phải tệp hội nghị").unwrap();
        assert!(matches!(
            file.save_copy(&text),
            Err(StoreError::Exists { .. })
        ));
        assert_eq!(
            std::fs::read_to_string(&text).unwrap(),
            "không phải tệp hội nghị"
        );
        // Nor the open file itself.
        assert!(matches!(
            file.save_copy(&path),
            Err(StoreError::SameFile { .. })
        ));
        assert!(leftovers(dir.path()).is_empty());
    }
}
