//! The meeting file (`*.thidua`): SQLite holding the config bytes, and the events in a
//! hash chain. Every event is committed (WAL, `synchronous=FULL`) before it is
//! applied, so a crash loses nothing that was reported as saved.

mod chain;
pub mod files;
pub mod recent;

pub use chain::{ChainBreak, GENESIS_NOTE, row_hash};

use crate::model::Config;
use crate::model::config::sha256_hex;
use crate::model::event::{Actor, Event, Record};
use crate::model::problem::{Lang, Problems};
use crate::model::session::{EventError, Session};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Marks a SQLite file as a meeting file ("TDUA").
const APPLICATION_ID: i32 = 0x5444_5541;
const SCHEMA_VERSION: i32 = 1;
pub const SESSION_FORMAT: &str = "thidua.session/1";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: the file already exists; choose another name so nothing is overwritten")]
    Exists { path: String },
    #[error("{path}: the folder does not exist; choose an existing folder")]
    NoFolder { path: String },
    #[error("{path}: not a thidua meeting file, or the file is damaged")]
    NotAMeetingFile { path: String },
    #[error("{path}: written by a newer version of thidua (schema {found})")]
    TooNew { path: String, found: i32 },
    #[error("{path}: cannot open: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("the meeting file could not be written: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the config stored in the meeting file is damaged: {0}")]
    StoredConfig(Problems),
    #[error("the meeting file is open read-only: {0}")]
    ReadOnly(String),
    #[error("the meeting file was changed by another program since it was opened; open it again")]
    ChangedElsewhere,
    #[error("{0}")]
    Event(#[from] EventError),
}

impl StoreError {
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            StoreError::Exists { path } => {
                format!("{path}: tệp đã tồn tại; hãy chọn tên khác để không ghi đè dữ liệu")
            }
            StoreError::NoFolder { path } => {
                format!("{path}: thư mục không tồn tại; hãy chọn một thư mục có sẵn")
            }
            StoreError::NotAMeetingFile { path } => {
                format!("{path}: không phải tệp hội nghị của thidua, hoặc tệp đã bị hỏng")
            }
            StoreError::TooNew { path, found } => format!(
                "{path}: tệp được tạo bởi phiên bản thidua mới hơn (lược đồ {found}); hãy cập nhật phần mềm"
            ),
            StoreError::Open { path, source } => format!("{path}: không mở được: {source}"),
            StoreError::Sqlite(e) => format!("không ghi được tệp hội nghị: {e}"),
            StoreError::StoredConfig(p) => format!(
                "cấu hình lưu trong tệp hội nghị bị hỏng: {}",
                p.text(Lang::Vi)
            ),
            StoreError::ReadOnly(why) => format!("tệp hội nghị chỉ được mở để xem: {why}"),
            StoreError::ChangedElsewhere => {
                "tệp hội nghị vừa bị một chương trình khác thay đổi; hãy mở lại tệp".into()
            }
            StoreError::Event(e) => e.text(Lang::Vi),
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
             PRAGMA user_version = {SCHEMA_VERSION};
             CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE config (id INTEGER PRIMARY KEY CHECK (id = 1),
                                  bytes BLOB NOT NULL, sha256 TEXT NOT NULL);
             CREATE TABLE events (seq INTEGER PRIMARY KEY, at TEXT NOT NULL,
                                  by TEXT NOT NULL, event TEXT NOT NULL,
                                  hash TEXT NOT NULL);"
        ))?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('format', ?1), ('created_at', ?2), ('created_by', ?3)",
            params![SESSION_FORMAT, created_at, concat!("thidua ", env!("CARGO_PKG_VERSION"))],
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
        })
    }

    /// Opens a meeting file and replays its events. A file whose chain does not
    /// verify still opens, read-only, with `integrity()` saying why.
    pub fn open(path: &Path) -> Result<MeetingFile, StoreError> {
        let not_ours = || StoreError::NotAMeetingFile {
            path: path.display().to_string(),
        };
        if !path.is_file() {
            return Err(StoreError::Open {
                path: path.display().to_string(),
                source: rusqlite::Error::InvalidPath(path.to_path_buf()),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = match Connection::open_with_flags(path, flags) {
            Ok(conn) => conn,
            Err(_) => Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(open_error(path))?,
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
        let mut file = MeetingFile {
            conn,
            path: path.to_path_buf(),
            session: Session::new(Arc::new(config)),
            head: stored_sha,
            last_seq: 0,
            integrity: Integrity::Verified,
            config_bytes,
        };
        file.replay(&mut breaks)?;
        if file.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) && breaks.is_empty() {
            // Opened read-only by the OS: history is fine, writing is not possible.
            file.integrity = Integrity::Broken(vec![ChainBreak::FileReadOnly]);
        } else if !breaks.is_empty() {
            file.integrity = Integrity::Broken(breaks);
        }
        Ok(file)
    }

    fn replay(&mut self, breaks: &mut Vec<ChainBreak>) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT seq, at, by, event, hash FROM events ORDER BY seq")?;
        let mut rows = stmt.query([])?;
        let mut head = self.head.clone();
        let mut expected_seq = 1u64;
        while let Some(row) = rows.next()? {
            let seq: i64 = row.get(0)?;
            let at: String = row.get(1).unwrap_or_default();
            let by: String = row.get(2).unwrap_or_default();
            let text: String = row.get(3).unwrap_or_default();
            let hash: String = row.get(4).unwrap_or_default();
            let seq = seq.max(0) as u64;
            if seq != expected_seq {
                breaks.push(ChainBreak::Gap {
                    expected: expected_seq,
                    found: seq,
                });
            }
            expected_seq = seq + 1;
            let computed = row_hash(&head, seq, &at, &by, &text);
            if computed != hash {
                breaks.push(ChainBreak::HashMismatch { seq });
            }
            head = hash;
            let record = match serde_json::from_str::<Event>(&text) {
                Ok(event) => Record {
                    seq,
                    at,
                    by: Actor::parse(&by),
                    event,
                },
                Err(_) => {
                    breaks.push(ChainBreak::Unreadable { seq });
                    continue;
                }
            };
            if let Err(error) = self.session.apply(&record) {
                breaks.push(ChainBreak::Refused { seq, error });
            }
            self.last_seq = seq;
        }
        self.head = head;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
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

    fn writable(&self) -> Result<(), StoreError> {
        match &self.integrity {
            Integrity::Verified => Ok(()),
            Integrity::Broken(breaks) => Err(StoreError::ReadOnly(
                breaks.first().map(|b| b.text(Lang::En)).unwrap_or_default(),
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
                "INSERT INTO events (seq, at, by, event, hash) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for record in records {
                let text = record.event.to_json();
                let by = record.by.as_str();
                let hash = row_hash(&head, record.seq, &record.at, by, &text);
                insert.execute(params![record.seq as i64, record.at, by, text, hash])?;
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
            if let Ok(event) = serde_json::from_str::<Event>(&text) {
                let record = Record {
                    seq: seq.max(0) as u64,
                    at: row.get(1)?,
                    by: Actor::parse(&row.get::<_, String>(2)?),
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

    /// Every event as recorded, for the audit trail.
    pub fn records(&self) -> Result<Vec<Record>, StoreError> {
        self.records_after(0)
    }

    /// The events after sequence number `seq`, in order.
    pub fn records_after(&self, seq: u64) -> Result<Vec<Record>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT seq, at, by, event FROM events WHERE seq > ?1 ORDER BY seq")?;
        let rows = stmt.query_map([seq as i64], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, at, by, text) = row?;
            if let Ok(event) = serde_json::from_str::<Event>(&text) {
                out.push(Record {
                    seq: seq.max(0) as u64,
                    at,
                    by: Actor::parse(&by),
                    event,
                });
            }
        }
        Ok(out)
    }
}
