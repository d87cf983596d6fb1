//! The chair's host: an HTTP server on the local network. A join code opens exactly
//! one delegate's sheet: read it, score it, submit it. Everything else of the meeting
//! stays with the chair's own app; the results only once the chair publishes them.

use super::protocol::{
    CellValue, EventResult, EventsReply, EventsRequest, JoinReply, JoinRequest, Refusal, SheetView,
};
use super::signature;
use super::writer::{self, WriterError, WriterHandle};
use crate::model::event::{Actor, Origin};
use crate::model::grant::{self, JoinCodes, PinLimiter};
use crate::model::points::Points;
use crate::store::{MeetingFile, Outcome, Submission};
use crate::text::{Lang, net::N};
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// Where the join codes are kept in the meeting file between restarts.
const CODES_KEY: &str = "join_codes";

/// What every handler shares.
pub struct Host {
    writer: WriterHandle,
    codes: Mutex<JoinCodes>,
    limiter: Mutex<PinLimiter>,
    published: AtomicBool,
    started: std::time::Instant,
    /// What each delegate's devices may still have committed (see [`EVENTS_PER_CELL`]),
    /// and who has reached it, for the chair's screen.
    allowance: Mutex<Allowance>,
    /// Delegates whose code refused a new device (it had as many as a code may).
    refused_device: Mutex<std::collections::BTreeSet<String>>,
    /// Told when a code is refused a device or more events, so the chair's screen
    /// shows it at once though nothing was committed.
    on_refusal: Mutex<Option<Arc<dyn Fn() + Send + Sync>>>,
}

/// How many events a delegate's devices may have committed over a meeting, per cell
/// of the delegate's sheet: far more than correcting every cell several times needs,
/// far less than a code slip left on a table could fill the meeting file with.
pub const EVENTS_PER_CELL: u64 = 20;

#[derive(Default)]
struct Allowance {
    /// Scorer id → (events committed from its devices, the most it may have).
    sent: std::collections::HashMap<String, (u64, u64)>,
    reached: std::collections::BTreeSet<String>,
}

impl Allowance {
    fn new(file: &MeetingFile) -> Allowance {
        let config = file.config();
        let counts = file.events_from_devices().unwrap_or_default();
        let sent = config
            .members
            .iter()
            .enumerate()
            .map(|(s, m)| {
                let targets = (0..config.members.len())
                    .filter(|&t| config.scores_target(s, t))
                    .count() as u64;
                // The submission too, and room for a reopening or two.
                let most = EVENTS_PER_CELL * (targets * config.cells.len() as u64 + 1);
                let used = counts.get(&m.id).copied().unwrap_or(0);
                (m.id.clone(), (used, most))
            })
            .collect();
        Allowance {
            sent,
            reached: Default::default(),
        }
    }

    /// How many more events `scorer`'s devices may have committed.
    fn room(&self, scorer: &str) -> (u64, u64) {
        let (used, most) = self.sent.get(scorer).copied().unwrap_or((0, 0));
        (most.saturating_sub(used), most)
    }
}

/// A server that is running; dropping it does not stop it (the process ends it).
pub struct RunningHost {
    pub addr: SocketAddr,
    pub host: Arc<Host>,
}

#[derive(Debug, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub enum HostError {
    Listen { port: u16, source: std::io::Error },
    Writer(WriterError),
}

impl HostError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            HostError::Listen { port, source } => N::CannotListen.fill(lang, &[port, source]),
            HostError::Writer(e) => e.text(lang),
        }
    }
}

impl Host {
    /// The join codes as they stand (for the chair's screen and `--codes`).
    pub fn codes(&self) -> JoinCodes {
        self.codes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn writer(&self) -> &WriterHandle {
        &self.writer
    }

    /// The chair publishes (or hides again) the results for the delegates.
    pub fn set_published(&self, published: bool) {
        self.published.store(published, Ordering::SeqCst);
    }

    /// The chair revokes a delegate's code (a lost or borrowed laptop) and issues a
    /// new one; the old token and PIN stop working at once. For the chair's thread,
    /// not a request handler.
    pub fn reissue(&self, scorer: &str) -> Result<Option<grant::JoinCode>, WriterError> {
        let code = self
            .codes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .revoke_and_reissue(scorer, &mut super::random_16)
            .cloned();
        // The new code starts with no devices: an old refusal no longer applies.
        self.refused_device
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(scorer);
        let json = serde_json::to_string(&self.codes()).unwrap_or_default();
        self.writer.set_host_state_blocking(CODES_KEY, json)?;
        Ok(code)
    }

    /// The delegates whose devices reached the most events a sheet may take; the
    /// chair is shown them.
    pub fn over_allowance(&self) -> Vec<String> {
        self.allowance
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .reached
            .iter()
            .cloned()
            .collect()
    }

    /// The delegates whose code refused a new device since it was issued.
    pub fn refused_a_device(&self) -> Vec<String> {
        self.refused_device
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .cloned()
            .collect()
    }

    /// Calls `tell` whenever a code is refused a device or more events.
    pub fn tell_refusals(&self, tell: impl Fn() + Send + Sync + 'static) {
        *self
            .on_refusal
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(tell));
    }

    fn refused(&self, scorer: &str, error: &grant::BindError) {
        if matches!(error, grant::BindError::TooManyDevices { .. }) {
            self.refused_device
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(scorer.to_string());
            self.tell();
        }
    }

    fn tell(&self) {
        let tell = self
            .on_refusal
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let Some(tell) = tell {
            tell();
        }
    }

    fn now_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }
}

/// Starts the writer with `file` and serves it on `bind:port` (port 0: any free
/// one) from a runtime of its own. The join codes are the ones kept in the file, or
/// new ones for every present delegate.
pub fn start(
    file: MeetingFile,
    bind: IpAddr,
    port: u16,
    on_commit: impl Fn(u64) + Send + 'static,
) -> Result<RunningHost, HostError> {
    let kept = file
        .host_state(CODES_KEY)
        .ok()
        .flatten()
        .and_then(|json| serde_json::from_str::<JoinCodes>(&json).ok())
        .filter(JoinCodes::is_consistent);
    let fresh = kept.is_none();
    let codes = match kept {
        // Attendance may have changed since they were kept.
        Some(mut codes) => {
            codes.sync(file.session(), &mut super::random_16);
            codes
        }
        None => JoinCodes::issue(file.session(), &mut super::random_16),
    };
    let allowance = Allowance::new(&file);
    let (writer, _thread) = writer::start(file, on_commit);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .thread_name("thidua-host")
        .build()
        .map_err(|source| HostError::Listen { port, source })?;
    let host = Arc::new(Host {
        writer,
        codes: Mutex::new(codes),
        limiter: Mutex::new(PinLimiter::default()),
        published: AtomicBool::new(false),
        started: std::time::Instant::now(),
        allowance: Mutex::new(allowance),
        refused_device: Mutex::default(),
        on_refusal: Mutex::new(None),
    });
    if fresh {
        runtime
            .block_on(save_codes(&host))
            .map_err(HostError::Writer)?;
    }
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind((bind, port)))
        .map_err(|source| HostError::Listen { port, source })?;
    let addr = listener
        .local_addr()
        .map_err(|source| HostError::Listen { port, source })?;
    let app = router(host.clone());
    std::thread::Builder::new()
        .name("thidua-host".into())
        .spawn(move || {
            runtime.block_on(super::serve::serve(
                listener,
                app,
                super::serve::ConnectionLimits::for_this_process(),
                misdirected,
            ));
        })
        .map_err(|source| HostError::Listen { port, source })?;
    Ok(RunningHost { addr, host })
}

pub fn router(host: Arc<Host>) -> Router {
    Router::new()
        .route("/api/join", post(join))
        .route("/api/sheet", get(sheet))
        .route("/api/events", post(events))
        .route("/api/tally", get(tally))
        .route("/", get(page))
        .route("/j", get(page))
        // Links printed before the key moved behind `#`.
        .route("/j/{token}", get(page))
        .with_state(host)
}

async fn page(ConnectInfo(peer): ConnectInfo<SocketAddr>) -> Response {
    if let Err(refused) = check_local(peer) {
        return refused.into_response();
    }
    super::page::response()
}

/// A request naming another host than this one (see [`super::serve::names_this_host`]).
fn misdirected() -> Response {
    refuse_with(StatusCode::MISDIRECTED_REQUEST, |l| {
        N::NotThisHost.get(l).into()
    })
}

async fn save_codes(host: &Host) -> Result<(), WriterError> {
    let json = serde_json::to_string(&host.codes()).unwrap_or_default();
    host.writer.set_host_state(CODES_KEY, json).await
}

/// A refusal in both languages, with its HTTP status.
fn refuse(status: StatusCode, vi: String, en: String) -> Response {
    (status, Json(Refusal { vi, en })).into_response()
}

fn refuse_with(status: StatusCode, text: impl Fn(Lang) -> String) -> Response {
    refuse(status, text(Lang::Vi), text(Lang::En))
}

/// Only machines of the room's network: loopback, private and link-local ranges.
pub fn is_local(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                // Phone hotspots and carrier-grade NAT hand out 100.64.0.0/10.
                || (a == 100 && (64..128).contains(&b))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_local(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback() || (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80
        }
    }
}

/// Why a request is refused before anything is looked at.
enum Refused {
    NotLocal,
    NoCode,
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self {
            Refused::NotLocal => refuse_with(StatusCode::FORBIDDEN, |l| N::NotLocal.get(l).into()),
            Refused::NoCode => refuse_with(StatusCode::UNAUTHORIZED, |l| N::NoCode.get(l).into()),
        }
    }
}

fn check_local(peer: SocketAddr) -> Result<(), Refused> {
    if is_local(peer.ip()) {
        Ok(())
    } else {
        Err(Refused::NotLocal)
    }
}

/// What a request is, for checking its signature.
struct Signed<'a> {
    method: &'a Method,
    uri: &'a Uri,
    headers: &'a HeaderMap,
    body: &'a [u8],
}

/// The scorer and token of the code a request is made with: signed with the code's
/// key (what the delegates' apps send, see [`super::signature`]), or carrying the
/// token itself (scripts).
fn code_of(host: &Host, request: &Signed) -> Result<(String, String), Refused> {
    let value = request
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let codes = host.codes.lock().unwrap_or_else(PoisonError::into_inner);
    let found = if let Some((key_id, sig)) = signature::parse(value) {
        let path = request
            .uri
            .path_and_query()
            .map_or(request.uri.path(), |p| p.as_str());
        codes
            .codes()
            .iter()
            .filter(|c| !c.revoked && signature::key_id(&c.token) == key_id)
            .find(|c| signature::verify(&c.token, request.method.as_str(), path, request.body, sig))
    } else {
        codes.active_by_token(value.strip_prefix("Bearer ").unwrap_or(""))
    };
    found
        .map(|code| (code.scorer.clone(), code.token.clone()))
        .ok_or(Refused::NoCode)
}

/// Records the device a request names for its code: a phone that opened the QR
/// code's link shows on the chair's screen like a laptop that joined with the PIN.
async fn record_device(
    host: &Host,
    (scorer, token): (&str, &str),
    device: &str,
) -> Result<(), Response> {
    if device.is_empty() {
        return Ok(());
    }
    let bound = {
        let mut codes = host.codes.lock().unwrap_or_else(PoisonError::into_inner);
        codes.bind_device(token, device)
    };
    match bound {
        Ok(grant::Bound::Known) => Ok(()),
        Ok(_) => save_codes(host).await.map_err(|e| trouble(&e)),
        Err(refused) => {
            host.refused(scorer, &refused);
            Err(refuse_with(StatusCode::FORBIDDEN, |l| refused.text(l)))
        }
    }
}

async fn join(
    State(host): State<Arc<Host>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Result<Json<JoinRequest>, axum::extract::rejection::JsonRejection>,
) -> Response {
    if let Err(refused) = check_local(peer) {
        return refused.into_response();
    }
    let Json(request) = match body {
        Ok(body) => body,
        Err(e) => return unreadable(e.status(), &e.body_text()),
    };
    let key = peer.ip().to_string();
    let now = host.now_ms();
    // Check, look up and count the failure under one lock, so requests arriving
    // together from one address cannot pass more wrong PINs than the limit.
    let found = {
        let mut limiter = host.limiter.lock().unwrap_or_else(PoisonError::into_inner);
        let mut codes = host.codes.lock().unwrap_or_else(PoisonError::into_inner);
        let tried = limiter
            .try_pin(&codes, &key, &request.pin, now)
            .map(|code| code.map(|c| (c.token.clone(), c.scorer.clone())));
        match tried {
            Err(wait) => Err(wait),
            Ok(None) => Ok(None),
            Ok(Some((token, scorer))) => match codes.bind_device(&token, &request.device) {
                Ok(_) => {
                    codes.note_joined_by_pin(&token, &request.device);
                    Ok(Some((token, scorer)))
                }
                Err(refused) => {
                    drop(codes);
                    drop(limiter);
                    host.refused(&scorer, &refused);
                    return refuse_with(StatusCode::FORBIDDEN, |l| refused.text(l));
                }
            },
        }
    };
    let (token, scorer) = match found {
        Err(wait) => {
            let seconds = wait.seconds();
            let mut response = refuse_with(StatusCode::TOO_MANY_REQUESTS, |l| {
                N::TooManyTries.fill(l, &[&seconds])
            });
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            return response;
        }
        Ok(None) => {
            return refuse_with(StatusCode::UNAUTHORIZED, |l| N::WrongPin.get(l).into());
        }
        Ok(Some(found)) => found,
    };
    if let Err(e) = save_codes(&host).await {
        return trouble(&e);
    }
    Json(JoinReply { token, scorer }).into_response()
}

#[derive(serde::Deserialize)]
struct DeviceQuery {
    device: Option<String>,
    /// The check code of the config the client already holds.
    config: Option<String>,
}

async fn sheet(
    State(host): State<Arc<Host>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    Query(query): Query<DeviceQuery>,
) -> Response {
    if let Err(refused) = check_local(peer) {
        return refused.into_response();
    }
    let signed = Signed {
        method: &method,
        uri: &uri,
        headers: &headers,
        body: &[],
    };
    let (scorer, token) = match code_of(&host, &signed) {
        Ok(code) => code,
        Err(refused) => return refused.into_response(),
    };
    let device = query.device.unwrap_or_default();
    if let Err(refused) = record_device(&host, (&scorer, &token), &device).await {
        return refused;
    }
    let published = host.published.load(Ordering::SeqCst);
    let view = host
        .writer
        .read(move |file| sheet_view(file, &scorer, &device, published))
        .await;
    match view {
        Ok(Some(mut view)) => {
            if query.config.as_deref() == Some(view.config_sha256.as_str()) {
                view.config = None;
            }
            Json(view).into_response()
        }
        Ok(None) => refuse_with(StatusCode::FORBIDDEN, |l| N::NoSuchScorer.get(l).into()),
        Err(e) => trouble(&e),
    }
}

/// One delegate's own sheet, and nothing else of the meeting.
pub fn sheet_view(
    file: &MeetingFile,
    scorer_id: &str,
    device: &str,
    published: bool,
) -> Option<SheetView> {
    let session = file.session();
    let config = session.config();
    let scorer = config.member(scorer_id)?;
    let mut values = Vec::new();
    for (t, target) in config.members.iter().enumerate() {
        if !config.scores_target(scorer, t) {
            continue;
        }
        for (cell, value) in config.cells.iter().zip(session.row(scorer, t)) {
            if let Some(points) = value {
                values.push(CellValue {
                    target: target.id.clone(),
                    item: cell.id.clone(),
                    value: points.display('.'),
                });
            }
        }
    }
    let (facts, fact_points) = facts_of(session);
    Some(SheetView {
        meeting: file.meeting_id().to_string(),
        scorer: scorer_id.to_string(),
        config: Some(String::from_utf8_lossy(file.config_bytes()).into_owned()),
        config_sha256: config.sha256.clone(),
        values,
        submitted: session.is_submitted(scorer),
        reopened: session.reopen_reason(scorer).map(str::to_string),
        present: session.is_present(scorer),
        finalized: session.finalized,
        last_device_seq: file.last_device_seq(device),
        events: file.last_seq(),
        published,
        facts,
        fact_points,
    })
}

/// The chair's figures for every member, and the points each gives.
fn facts_of(session: &crate::model::Session) -> (Vec<CellValue>, Vec<CellValue>) {
    let config = session.config();
    if !config.has_facts() {
        return (Vec::new(), Vec::new());
    }
    let computed = crate::model::sheet_points::FactPoints::compute(session);
    let mut facts = Vec::new();
    let mut points = Vec::new();
    for (m, member) in config.members.iter().enumerate() {
        for (c, cell) in config.cells.iter().enumerate().filter(|(_, c)| c.by_chair) {
            let Some(value) = session.fact(m, c) else {
                continue;
            };
            let at = |value: Points| CellValue {
                target: member.id.clone(),
                item: cell.id.clone(),
                value: value.display('.'),
            };
            facts.push(at(value));
            if let Some(p) = computed.of_cell(session, m, c) {
                points.push(at(p));
            }
        }
    }
    (facts, points)
}

async fn events(
    State(host): State<Arc<Host>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    if let Err(refused) = check_local(peer) {
        return refused.into_response();
    }
    let body = match body {
        Ok(body) => body,
        Err(e) => return unreadable(e.status(), &e.body_text()),
    };
    let signed = Signed {
        method: &method,
        uri: &uri,
        headers: &headers,
        body: &body,
    };
    let (scorer, token) = match code_of(&host, &signed) {
        Ok(code) => code,
        Err(refused) => return refused.into_response(),
    };
    let request: EventsRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(e) => return unreadable(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    if let Err(refused) = record_device(&host, (&scorer, &token), &request.device).await {
        return refused;
    }
    // One event outside this delegate's own sheet refuses the whole request.
    for sent in &request.events {
        if let Err(forbidden) = grant::may_send(&scorer, &sent.event) {
            return refuse_with(StatusCode::FORBIDDEN, |l| forbidden.text(l));
        }
    }
    let seqs: Vec<u64> = request.events.iter().map(|e| e.seq).collect();
    let items: Vec<Submission> = request
        .events
        .into_iter()
        .map(|sent| Submission {
            by: Actor::Member(scorer.clone()),
            origin: Some(Origin {
                device: request.device.clone(),
                seq: sent.seq,
            }),
            event: sent.event,
        })
        .collect();
    let outcomes = match commit_within_allowance(&host, &scorer, items).await {
        Ok(outcomes) => outcomes,
        Err(e) => return trouble(&e),
    };
    let results = seqs
        .into_iter()
        .zip(outcomes)
        .map(|(seq, outcome)| match outcome {
            Outcome::Committed { seq: at } => EventResult::Committed { seq, at },
            Outcome::Duplicate { seq: at } => EventResult::Duplicate { seq, at },
            Outcome::Refused(e) => EventResult::Refused {
                seq,
                vi: e.text(Lang::Vi),
                en: e.text(Lang::En),
            },
        })
        .collect();
    Json(EventsReply { results }).into_response()
}

/// Commits a delegate's events up to what its sheet may take over the meeting
/// ([`EVENTS_PER_CELL`]); beyond that nothing is committed, and each is refused with
/// the reason, except an event sent again that was committed before, which is still
/// answered as such. The outcomes come back in the items' order.
async fn commit_within_allowance(
    host: &Host,
    scorer: &str,
    mut items: Vec<Submission>,
) -> Result<Vec<Outcome>, WriterError> {
    // The room is taken before the events are committed, so requests sent together
    // cannot pass the limit between them; what is not committed is given back.
    let (taken, most) = {
        let mut allowance = host
            .allowance
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (room, most) = allowance.room(scorer);
        let taken = (items.len() as u64).min(room);
        if let Some((used, _)) = allowance.sent.get_mut(scorer) {
            *used += taken;
        }
        (taken, most)
    };
    let beyond = items.split_off(taken as usize);
    let refused_beyond = !beyond.is_empty();
    let submitted = host.writer.submit(items).await;
    let committed = submitted.as_ref().map_or(0, |outcomes| {
        outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::Committed { .. }))
            .count() as u64
    });
    {
        let mut allowance = host
            .allowance
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some((used, _)) = allowance.sent.get_mut(scorer) {
            *used = used.saturating_sub(taken - committed);
        }
        if refused_beyond {
            allowance.reached.insert(scorer.to_string());
        }
    }
    if refused_beyond {
        host.tell();
    }
    let submitted = submitted?;
    let over = host
        .writer
        .read(move |file| {
            beyond
                .iter()
                .map(|item| match file.duplicate_of(item) {
                    Ok(Some(seq)) => Outcome::Duplicate { seq },
                    _ => Outcome::Refused(crate::model::EventError::TooManyEvents(most)),
                })
                .collect::<Vec<_>>()
        })
        .await?;
    Ok(submitted.into_iter().chain(over).collect())
}

async fn tally(
    State(host): State<Arc<Host>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if let Err(refused) = check_local(peer) {
        return refused.into_response();
    }
    let signed = Signed {
        method: &method,
        uri: &uri,
        headers: &headers,
        body: &[],
    };
    if let Err(refused) = code_of(&host, &signed) {
        return refused.into_response();
    }
    if !host.published.load(Ordering::SeqCst) {
        return refuse_with(StatusCode::FORBIDDEN, |l| N::NotPublished.get(l).into());
    }
    let document = host
        .writer
        .read(|file| {
            let session = file.session();
            let tally = crate::model::Tally::compute(session);
            crate::export::results::results_document(session, &tally, file.head())
        })
        .await;
    match document {
        Ok(document) => Json(document).into_response(),
        Err(e) => trouble(&e),
    }
}

/// A body the host cannot take: 413 when it is too large, else 400, with why.
fn unreadable(status: StatusCode, detail: &str) -> Response {
    let status = match status {
        StatusCode::PAYLOAD_TOO_LARGE => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::BAD_REQUEST,
    };
    refuse_with(status, |l| N::BadRequest.fill(l, &[&detail]))
}

fn trouble(error: &WriterError) -> Response {
    refuse_with(StatusCode::SERVICE_UNAVAILABLE, |l| {
        N::HostTrouble.fill(l, &[&error.text(l)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_rooms_network_is_local() {
        for local in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.9",
            "192.168.43.12",
            "169.254.1.1",
            "100.70.0.2",
            "::1",
            "fe80::1",
            "fd00::5",
            "::ffff:192.168.1.4",
        ] {
            assert!(is_local(local.parse().unwrap()), "{local}");
        }
        for public in [
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "2001:db8::1",
            "::ffff:1.1.1.1",
        ] {
            assert!(!is_local(public.parse().unwrap()), "{public}");
        }
    }
}
