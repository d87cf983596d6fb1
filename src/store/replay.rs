//! Reading a meeting file's events back. Each row's link in the chain is checked
//! against the stored hash of the row before it, so rows can be checked in any order:
//! a long file is read in two parts on two threads, each with its own connection,
//! and the session then applies every event in order on one.

use super::chain::RowHasher;
use super::{StoreError, read_origin};
use crate::model::Config;
use crate::model::event::{
    Actor, Event, Origin, Record, ResolvedScore, ScoreResolver, StoredScore,
};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::Path;

/// Below this many rows one thread reads everything: a second connection and
/// thread cost more than they save.
pub(super) const PARALLEL_ROWS: u64 = 8_192;

/// The share of the rows read by the thread that also applies them (in
/// thousandths): it has the applying to do besides.
const FIRST_PART_PER_MILLE: u64 = 470;

/// One row as read, checked against its stored hash, its event decoded.
pub(super) struct Decoded {
    pub seq: u64,
    /// The row's hash is SHA-256 of the previous row's stored hash and this row.
    pub hash_ok: bool,
    pub origin: Option<Box<Origin>>,
    pub body: Body,
}

pub(super) enum Body {
    /// The origin columns hold something no version writes (hash not checked).
    OriginUnreadable,
    EventUnreadable,
    /// Nearly every row: a score with its ids resolved.
    Score(ResolvedScore),
    Other(Box<Record>),
}

/// The rows with `after < seq <= upto`, in order, given to `each`; `previous` is the
/// stored hash of the row before them (or the chain's start). Returns the stored
/// hash of the last row read (`previous` if none).
pub(super) fn read_rows(
    conn: &Connection,
    origin_columns: &str,
    config: &Config,
    range: (u64, u64),
    previous: String,
    mut each: impl FnMut(Decoded),
) -> Result<String, StoreError> {
    if range.1.saturating_sub(range.0) < LONG_READ_ROWS {
        return read_in_order(conn, origin_columns, config, range, previous, &mut each);
    }
    // A long read passes over each page once: a small page cache is reused instead
    // of filling fresh memory (page faults cost more than the reads here). The
    // writer's usual cache is back once the rows are read. A short read (a second
    // view catching up) keeps the cache it has.
    conn.pragma_update(None, "cache_size", READING_CACHE_PAGES)?;
    let read = read_in_order(conn, origin_columns, config, range, previous, &mut each);
    conn.pragma_update(None, "cache_size", USUAL_CACHE_KIB)?;
    read
}

/// From how many rows a read is long enough to use a small page cache.
const LONG_READ_ROWS: u64 = 1_024;
/// SQLite's page cache while rows are read in order: pages.
const READING_CACHE_PAGES: i64 = 16;
/// SQLite's default page cache: 2,000 KiB (a negative size is in KiB).
const USUAL_CACHE_KIB: i64 = -2_000;

fn read_in_order(
    conn: &Connection,
    origin_columns: &str,
    config: &Config,
    (after, upto): (u64, u64),
    mut previous: String,
    each: &mut impl FnMut(Decoded),
) -> Result<String, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT seq, at, by, event, hash, {origin_columns} FROM events
         WHERE seq > ?1 AND seq <= ?2 ORDER BY seq"
    ))?;
    let mut rows = stmt.query([clamp(after), clamp(upto)])?;
    let mut hasher = RowHasher::default();
    let mut resolver = ScoreResolver::new(config);
    while let Some(row) = rows.next()? {
        let seq = row.get::<_, i64>(0)?.max(0) as u64;
        let (at, by, text, hash) = (text(row, 1), text(row, 2), text(row, 3), text(row, 4));
        let decoded = match read_origin(row, 5) {
            Err(()) => Decoded {
                seq,
                hash_ok: true,
                origin: None,
                body: Body::OriginUnreadable,
            },
            Ok(origin) => {
                let computed = hasher.hash(&previous, seq, at, by, origin.as_ref(), text);
                Decoded {
                    seq,
                    hash_ok: computed.as_slice() == hash.as_bytes(),
                    body: decode(&mut resolver, seq, at, by, origin.as_ref(), text),
                    origin: origin.map(Box::new),
                }
            }
        };
        each(decoded);
        previous.clear();
        previous.push_str(hash);
    }
    Ok(previous)
}

fn decode(
    resolver: &mut ScoreResolver<'_>,
    seq: u64,
    at: &str,
    by: &str,
    origin: Option<&Origin>,
    text: &str,
) -> Body {
    let scanned = StoredScore::scan(text);
    if let Some(resolved) = scanned.and_then(|score| resolver.resolve(&score, by)) {
        return Body::Score(resolved);
    }
    let event = match scanned {
        Some(score) => score.to_event(),
        None => match Event::from_stored(text) {
            Ok(event) => event,
            Err(_) => return Body::EventUnreadable,
        },
    };
    Body::Other(Box::new(Record {
        seq,
        at: at.to_string(),
        by: Actor::parse(by),
        origin: origin.cloned(),
        event,
    }))
}

/// A column's text, or empty for a NULL, a number, a blob or invalid UTF-8: such a
/// row then fails its hash or its reading, as it should.
fn text<'r>(row: &'r rusqlite::Row<'_>, column: usize) -> &'r str {
    row.get_ref(column)
        .ok()
        .and_then(|v| v.as_str().ok())
        .unwrap_or("")
}

fn clamp(seq: u64) -> i64 {
    i64::try_from(seq).unwrap_or(i64::MAX)
}

/// Where to split the rows `after < seq <= last` between the two threads, if the
/// file is long enough to be worth it.
pub(super) fn split(after: u64, last: u64, parallel_rows: u64) -> Option<u64> {
    let rows = last.checked_sub(after)?;
    (rows >= parallel_rows).then(|| after + rows * FIRST_PART_PER_MILLE / 1000)
}

/// Reads the rows `middle < seq <= last` of the file at `path` on a connection of its
/// own, starting from the stored hash of the last row at or before `middle` (or
/// `start` if there is none after `after`).
pub(super) fn read_second_part(
    path: &Path,
    origin_columns: &str,
    config: &Config,
    (after, middle, last): (u64, u64, u64),
    start: String,
) -> Result<(Vec<Decoded>, String), StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let previous: Option<String> = conn
        .query_row(
            "SELECT hash FROM events WHERE seq > ?1 AND seq <= ?2 ORDER BY seq DESC LIMIT 1",
            [clamp(after), clamp(middle)],
            |r| Ok(text(r, 0).to_string()),
        )
        .optional()?;
    let mut decoded = Vec::with_capacity(usize::try_from(last - middle).unwrap_or(0));
    let head = read_rows(
        &conn,
        origin_columns,
        config,
        (middle, last),
        previous.unwrap_or(start),
        |d| decoded.push(d),
    )?;
    Ok((decoded, head))
}
