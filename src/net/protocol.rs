//! What travels between a delegate's client and the host, as JSON over HTTP.
//!
//! - `POST /api/join` `{pin, device}` → `{token, scorer}` (a link carries the token
//!   itself after `#`; the PIN is for typing, rate-limited per address)
//! - `GET /api/sheet?device=…` → [`SheetView`]: the delegate's own sheet as the host
//!   holds it, and nothing else of the meeting; with `&config=SHA256` the config's
//!   text is left out when the client already holds that config (on a slow link it
//!   is most of the answer)
//!
//! Every request after the join is signed with the token as its key
//! (`Authorization: Thidua-HMAC key=…, sig=…`, see [`super::signature`]); the
//! delegates' apps never send the token itself. The host also takes
//! `Authorization: Bearer TOKEN`, for scripts on the chair's own machine.
//! - `POST /api/events` → [`EventsReply`]: each event once per (device, seq); a repeat
//!   is answered with the original result
//! - `GET /api/tally` → the results document, only once the chair has published it

use crate::model::event::Event;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinRequest {
    pub pin: String,
    pub device: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinReply {
    pub token: String,
    /// The member id whose sheet this code opens.
    pub scorer: String,
}

/// One delegate's sheet as the host has committed it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SheetView {
    /// The meeting's identity (32 hex digits): a delegate's journal belongs to it.
    pub meeting: String,
    pub scorer: String,
    /// The cluster config's bytes as the meeting holds them (UTF-8 JSON), so the
    /// client draws the same grid; `config_sha256` lets it check them. Left out
    /// when the request said it holds the config with that check code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<String>,
    pub config_sha256: String,
    /// Every cell of this delegate's own row that holds a value: target member id,
    /// item or adjustment id, points as text (`"9.5"`).
    pub values: Vec<CellValue>,
    pub submitted: bool,
    /// The chair's reason, if the sheet was reopened after a submission.
    pub reopened: Option<String>,
    pub present: bool,
    pub finalized: bool,
    /// The highest sequence number of this device the host has committed.
    pub last_device_seq: Option<u64>,
    /// The meeting's event count when this view was made.
    pub events: u64,
    /// Whether the chair lets delegates see the running results (`/api/tally`).
    #[serde(default)]
    pub published: bool,
    /// Version 2: the figures the chair entered for every member (target = the
    /// member, item = the cell), which every sheet shows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<CellValue>,
    /// The points each of those figures gives (they may depend on the others').
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fact_points: Vec<CellValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellValue {
    pub target: String,
    pub item: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SentEvent {
    /// The device's own sequence number: with the device id, the event's key.
    pub seq: u64,
    pub event: Event,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventsRequest {
    pub device: String,
    pub events: Vec<SentEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum EventResult {
    /// Committed now, as the meeting's event number `at`.
    Committed { seq: u64, at: u64 },
    /// Committed before (a repeat after a lost answer): the original event number.
    Duplicate { seq: u64, at: u64 },
    /// Not committed, and why, in both languages.
    Refused { seq: u64, vi: String, en: String },
}

impl EventResult {
    pub fn seq(&self) -> u64 {
        match self {
            EventResult::Committed { seq, .. }
            | EventResult::Duplicate { seq, .. }
            | EventResult::Refused { seq, .. } => *seq,
        }
    }

    /// Whether the host holds the event (the cell may say "đã lưu").
    pub fn is_saved(&self) -> bool {
        !matches!(self, EventResult::Refused { .. })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventsReply {
    pub results: Vec<EventResult>,
}

/// A refused request: the HTTP status says which kind, the text says why.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Refusal {
    pub vi: String,
    pub en: String,
}
