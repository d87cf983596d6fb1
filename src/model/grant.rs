//! Who may do what over the network. The chair's host gives each present delegate a
//! personal join code: a link token (128 random bits, for the QR code) and an
//! 8-digit PIN (for typing, shown as `1234 5678`). A code grants exactly one scorer's sheet: its holder may send
//! that sheet's scores and its submission, nothing else.
//!
//! Pure like the rest of `model`: the random bytes and the time come in as
//! arguments (`random` is the operating system's randomness in the host, a fixed
//! sequence in the tests).
//!
//! PINs: 8 decimal digits drawn without modulo bias (a 32-bit draw at or above
//! 4 200 000 000 is thrown away), never trivial (a repeated digit such as `00000000`,
//! or a straight run such as `12345678` or `98765432`: 16 of the 100 000 000), and never
//! one held by another code of the meeting, revoked ones included, so an old slip
//! cannot open someone else's sheet. The [`PinLimiter`] makes guessing slow: see its
//! figures.

use super::event::Event;
use super::problem::Lang;
use super::session::Session;
use crate::text::errors::E;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};

/// Hex characters in a token: 16 random bytes, 128 bits.
pub const TOKEN_LEN: usize = 32;
/// Digits in a PIN.
pub const PIN_LEN: usize = 8;
/// How many PINs of [`PIN_LEN`] digits there are.
const PIN_SPACE: u32 = 100_000_000;
/// Trivial PINs never drawn: 10 repeated digits, 3 runs up and 3 down.
const TRIVIAL_PINS: u32 = 16;
/// The most members a cluster has: the guessing figures are for this many codes.
pub const MOST_MEMBERS: usize = 30;
/// Devices one code may be used on before the chair must issue a new one.
pub const MAX_DEVICES: usize = 8;
/// Longest device id recorded.
pub const MAX_DEVICE_LEN: usize = 64;

/// 32-bit draws at or above this are thrown away: it is the largest multiple of
/// [`PIN_SPACE`] that fits, so every PIN is equally likely.
const PIN_DRAW_LIMIT: u32 = 4_200_000_000;
/// Draws of 16 bytes after which a source that gave nothing new is taken as broken.
const MAX_DRAWS: usize = 1_000;

/// One delegate's code. A revoked code stays in the list for the record and never
/// opens anything again.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JoinCode {
    /// The member id whose sheet the code opens.
    pub scorer: String,
    /// 32 lowercase hex characters (128 random bits); goes in the link.
    pub token: String,
    /// [`PIN_LEN`] digits.
    pub pin: String,
    #[serde(default)]
    pub revoked: bool,
    /// Every device that joined with this code, first first. More than one is
    /// allowed (a laptop, then a phone) and shown to the chair.
    #[serde(default)]
    pub devices: Vec<String>,
    /// Those of `devices` that joined by typing the PIN rather than opening the link;
    /// the chair is shown which.
    #[serde(default)]
    pub by_pin: Vec<String>,
}

/// Secrets stay out of logs and panic messages.
impl std::fmt::Debug for JoinCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JoinCode")
            .field("scorer", &self.scorer)
            .field("token", &"<hidden>")
            .field("pin", &"<hidden>")
            .field("revoked", &self.revoked)
            .field("devices", &self.devices)
            .field("by_pin", &self.by_pin)
            .finish()
    }
}

/// Every code of a meeting, active and revoked; kept by the host as JSON between
/// restarts. Change it through the methods, which keep its rules (see
/// [`JoinCodes::is_consistent`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JoinCodes {
    /// In the order they were issued.
    pub codes: Vec<JoinCode>,
}

/// What [`JoinCodes::sync`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synced {
    /// Members who got a code.
    pub issued: Vec<String>,
    /// Members whose code was revoked (absent, or no longer in the cluster).
    pub revoked: Vec<String>,
}

/// What joining with a code did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// The first device to use this code.
    First,
    /// A device already recorded for this code.
    Known,
    /// Another device using a code already in use: the chair must see it.
    Another { devices: usize },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub enum BindError {
    /// No active code has this token (wrong, or revoked).
    UnknownCode,
    BadDevice,
    TooManyDevices {
        devices: usize,
    },
}

impl BindError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            BindError::UnknownCode => E::JoinCodeUnknown.get(lang).to_string(),
            BindError::BadDevice => E::BadDeviceId.fill(lang, &[&MAX_DEVICE_LEN]),
            BindError::TooManyDevices { devices } => E::TooManyDevices.fill(lang, &[devices]),
        }
    }
}

impl JoinCodes {
    /// One active code for every member present; absent members get none.
    pub fn issue(session: &Session, random: &mut impl FnMut() -> [u8; 16]) -> JoinCodes {
        let mut codes = JoinCodes::default();
        codes.sync(session, random);
        codes
    }

    /// Brings the codes in line with attendance: a code for every present member
    /// without one, and the codes of absent members (or of ids no longer in the
    /// config) revoked. Call it after every attendance change.
    pub fn sync(&mut self, session: &Session, random: &mut impl FnMut() -> [u8; 16]) -> Synced {
        let members = &session.config().members;
        let present = |id: &str| {
            members
                .iter()
                .position(|m| m.id == id)
                .is_some_and(|i| session.is_present(i))
        };
        let mut synced = Synced::default();
        for code in self.codes.iter_mut() {
            if !code.revoked && !present(&code.scorer) {
                code.revoked = true;
                synced.revoked.push(code.scorer.clone());
            }
        }
        for (i, member) in members.iter().enumerate() {
            if session.is_present(i) && self.active_for(&member.id).is_none() {
                self.push_new(&member.id, random);
                synced.issued.push(member.id.clone());
            }
        }
        synced
    }

    /// A code for a delegate marked present later; the existing one if it has one.
    pub fn add_for(&mut self, scorer: &str, random: &mut impl FnMut() -> [u8; 16]) -> &JoinCode {
        let at = match self.active_index(scorer) {
            Some(at) => at,
            None => self.push_new(scorer, random),
        };
        &self.codes[at]
    }

    /// Revokes the scorer's active code (kept for the record) and issues a new token
    /// and PIN. `None` when the scorer has no active code (see [`JoinCodes::add_for`]).
    pub fn revoke_and_reissue(
        &mut self,
        scorer: &str,
        random: &mut impl FnMut() -> [u8; 16],
    ) -> Option<&JoinCode> {
        self.revoke(scorer).then(|| {
            let at = self.push_new(scorer, random);
            &self.codes[at]
        })
    }

    /// Revokes the scorer's active code; whether there was one.
    pub fn revoke(&mut self, scorer: &str) -> bool {
        let mut any = false;
        for code in self.codes.iter_mut() {
            if code.scorer == scorer && !code.revoked {
                code.revoked = true;
                any = true;
            }
        }
        any
    }

    /// Every code, active and revoked, in the order they were issued.
    pub fn codes(&self) -> &[JoinCode] {
        &self.codes
    }

    /// The scorer's active code, for the chair's screen and the printed slips.
    pub fn active_for(&self, scorer: &str) -> Option<&JoinCode> {
        self.active_index(scorer).map(|at| &self.codes[at])
    }

    /// The active code with this token. Every code's token is compared in full, in
    /// time that does not depend on where the first difference is.
    pub fn active_by_token(&self, token: &str) -> Option<&JoinCode> {
        self.find_active(token, |c| &c.token)
            .map(|at| &self.codes[at])
    }

    /// The active code with this PIN (as typed: spaces and dashes between its
    /// digits ignored). Ask the [`PinLimiter`] first, or use [`PinLimiter::try_pin`].
    pub fn active_by_pin(&self, pin: &str) -> Option<&JoinCode> {
        self.find_active(&typed_pin(pin), |c| &c.pin)
            .map(|at| &self.codes[at])
    }

    /// Records that `device` joined with the code of this token.
    pub fn bind_device(&mut self, token: &str, device: &str) -> Result<Bound, BindError> {
        let at = self
            .find_active(token, |c| &c.token)
            .ok_or(BindError::UnknownCode)?;
        let valid = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        if device.is_empty() || device.len() > MAX_DEVICE_LEN || !device.chars().all(valid) {
            return Err(BindError::BadDevice);
        }
        let devices = &mut self.codes[at].devices;
        if devices.iter().any(|d| d == device) {
            return Ok(Bound::Known);
        }
        if devices.len() >= MAX_DEVICES {
            return Err(BindError::TooManyDevices {
                devices: devices.len(),
            });
        }
        devices.push(device.to_string());
        Ok(match devices.len() {
            1 => Bound::First,
            n => Bound::Another { devices: n },
        })
    }

    /// Records that `device`, already bound to the code of `token`, joined by PIN.
    pub fn note_joined_by_pin(&mut self, token: &str, device: &str) {
        if let Some(at) = self.find_active(token, |c| &c.token) {
            let code = &mut self.codes[at];
            if code.devices.iter().any(|d| d == device) && !code.by_pin.iter().any(|d| d == device)
            {
                code.by_pin.push(device.to_string());
            }
        }
    }

    /// Whether the list keeps its rules: well-formed tokens and PINs, none of either
    /// used twice, at most one active code per scorer. Check it after reading the
    /// list back from a file; if it fails, issue new codes.
    pub fn is_consistent(&self) -> bool {
        let mut tokens = std::collections::HashSet::new();
        let mut pins = std::collections::HashSet::new();
        let mut active = std::collections::HashSet::new();
        self.codes.iter().all(|c| {
            is_token(&c.token)
                && is_pin(&c.pin)
                && c.devices.len() <= MAX_DEVICES
                && tokens.insert(c.token.as_str())
                && pins.insert(c.pin.as_str())
                && (c.revoked || active.insert(c.scorer.as_str()))
        })
    }

    fn active_index(&self, scorer: &str) -> Option<usize> {
        self.codes
            .iter()
            .position(|c| c.scorer == scorer && !c.revoked)
    }

    /// Compares `given` with every code's secret without stopping early; a revoked
    /// code never matches.
    fn find_active(&self, given: &str, secret: impl Fn(&JoinCode) -> &str) -> Option<usize> {
        let mut found = None;
        for (at, code) in self.codes.iter().enumerate() {
            if same_secret(secret(code).as_bytes(), given.as_bytes()) && !code.revoked {
                found = Some(at);
            }
        }
        found
    }

    fn push_new(&mut self, scorer: &str, random: &mut impl FnMut() -> [u8; 16]) -> usize {
        let token = self.draw_token(random);
        let pin = self.draw_pin(random);
        self.codes.push(JoinCode {
            scorer: scorer.to_string(),
            token,
            pin,
            revoked: false,
            devices: Vec::new(),
            by_pin: Vec::new(),
        });
        self.codes.len() - 1
    }

    fn draw_token(&self, random: &mut impl FnMut() -> [u8; 16]) -> String {
        for _ in 0..MAX_DRAWS {
            let token: String = random().iter().map(|b| format!("{b:02x}")).collect();
            if !self.codes.iter().any(|c| c.token == token) {
                return token;
            }
        }
        broken_source()
    }

    fn draw_pin(&self, random: &mut impl FnMut() -> [u8; 16]) -> String {
        for _ in 0..MAX_DRAWS {
            let bytes = random();
            for chunk in bytes.chunks_exact(4) {
                if let Some(pin) = pin_from([chunk[0], chunk[1], chunk[2], chunk[3]])
                    && !self.codes.iter().any(|c| c.pin == pin)
                {
                    return pin;
                }
            }
        }
        broken_source()
    }
}

/// A random source that repeats itself a thousand times over is broken; handing out
/// guessable codes would be worse than stopping.
fn broken_source() -> ! {
    panic!("the random source gives the same values over and over")
}

/// The PIN four random bytes make, or `None` when they must be thrown away (above the
/// unbiased range, or a trivial PIN).
fn pin_from(bytes: [u8; 4]) -> Option<String> {
    let draw = u32::from_be_bytes(bytes);
    if draw >= PIN_DRAW_LIMIT {
        return None;
    }
    let pin = format!("{:08}", draw % PIN_SPACE);
    (!is_trivial_pin(&pin)).then_some(pin)
}

/// A repeated digit (`00000000`, `77777777`) or a straight run up or down
/// (`01234567`, `98765432`): the first PINs anyone tries.
pub fn is_trivial_pin(pin: &str) -> bool {
    let d = pin.as_bytes();
    let steps: Vec<i16> = d.windows(2).map(|w| w[1] as i16 - w[0] as i16).collect();
    [0, 1, -1].iter().any(|s| steps.iter().all(|x| x == s))
}

/// A PIN as people read it: `1234 5678`.
pub fn pin_for_people(pin: &str) -> String {
    if pin.len() == PIN_LEN && pin.is_ascii() {
        format!("{} {}", &pin[..PIN_LEN / 2], &pin[PIN_LEN / 2..])
    } else {
        pin.to_string()
    }
}

/// A PIN as typed, without the spaces and dashes people put between its digits.
pub fn typed_pin(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .collect()
}

fn is_token(text: &str) -> bool {
    text.len() == TOKEN_LEN
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn is_pin(text: &str) -> bool {
    text.len() == PIN_LEN && text.bytes().all(|b| b.is_ascii_digit())
}

/// Equal bytes, compared in time that depends on the lengths only.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

/// Something only the chair's own app may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChairAction {
    Reopen,
    Attendance,
    Meeting,
    Ballot,
    DecideTie,
    NextYear,
    Finalize,
    ImportSheet,
    PaperSheet,
    Fact,
}

impl ChairAction {
    fn message(self) -> E {
        match self {
            ChairAction::Reopen => E::ActionReopen,
            ChairAction::Attendance => E::ActionAttendance,
            ChairAction::Meeting => E::ActionMeeting,
            ChairAction::Ballot => E::ActionBallot,
            ChairAction::DecideTie => E::ActionDecideTie,
            ChairAction::NextYear => E::ActionNextYear,
            ChairAction::Finalize => E::ActionFinalize,
            ChairAction::ImportSheet => E::ActionImportSheet,
            ChairAction::PaperSheet => E::ActionPaperSheet,
            ChairAction::Fact => E::ActionFact,
        }
    }
}

/// Why a code's holder may not send an event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub enum Forbidden {
    /// A score or submission for a sheet that is not the code's.
    OtherSheet {
        own: String,
        sheet: String,
    },
    ChairOnly(ChairAction),
}

impl Forbidden {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Forbidden::OtherSheet { .. } => E::ForbiddenOtherSheet.get(lang).to_string(),
            Forbidden::ChairOnly(action) => {
                E::ForbiddenChairOnly.fill(lang, &[&action.message().get(lang)])
            }
        }
    }
}

/// Whether the holder of `scorer`'s code may send `event`: only a score on, or the
/// submission of, `scorer`'s own sheet. The session's rules still judge the event
/// itself (presence, range, locked sheet) when it is committed.
pub fn may_send(scorer: &str, event: &Event) -> Result<(), Forbidden> {
    // No catch-all arm: a new kind of event must be decided here.
    let chair = |action| Err(Forbidden::ChairOnly(action));
    match event {
        Event::Score { scorer: sheet, .. } | Event::Submit { scorer: sheet } => {
            if sheet == scorer {
                Ok(())
            } else {
                Err(Forbidden::OtherSheet {
                    own: scorer.to_string(),
                    sheet: sheet.clone(),
                })
            }
        }
        Event::Reopen { .. } => chair(ChairAction::Reopen),
        Event::Attendance { .. } => chair(ChairAction::Attendance),
        Event::Meeting { .. } => chair(ChairAction::Meeting),
        Event::Ballot { .. } => chair(ChairAction::Ballot),
        Event::DecideTie { .. } => chair(ChairAction::DecideTie),
        Event::NextYear { .. } => chair(ChairAction::NextYear),
        Event::Finalize => chair(ChairAction::Finalize),
        Event::ImportSheet { .. } => chair(ChairAction::ImportSheet),
        Event::PaperSheet { .. } => chair(ChairAction::PaperSheet),
        Event::Fact { .. } => chair(ChairAction::Fact),
    }
}

/// How long to wait before the next PIN may be tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub struct RetryAfterMs(pub u64);

impl RetryAfterMs {
    /// Whole seconds, rounded up (what `Retry-After` and the message say).
    pub fn seconds(self) -> u64 {
        self.0.div_ceil(1000)
    }

    pub fn text(self, lang: Lang) -> String {
        E::TooManyWrongPins.fill(lang, &[&self.seconds()])
    }
}

/// The limits of a [`PinLimiter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinLimits {
    /// Wrong PINs one client key may send within a window.
    pub per_key: usize,
    /// Wrong PINs all keys that have guessed before may send together within a
    /// window.
    pub all_keys: usize,
    pub window_ms: u64,
    /// Keys whose recent failures are remembered at most; the one whose last
    /// failure is oldest goes first.
    pub max_keys: usize,
    /// Keys remembered as having guessed wrong at least once over the meeting. Past
    /// this many every key is taken as one that has.
    pub max_guessers: usize,
}

impl Default for PinLimits {
    /// 5 wrong PINs a minute per address; 30 a minute in all from addresses that
    /// have guessed wrong before; 10 000 addresses' windows and 65 536 guessers
    /// remembered.
    fn default() -> PinLimits {
        PinLimits {
            per_key: 5,
            all_keys: 30,
            window_ms: 60_000,
            max_keys: 10_000,
            max_guessers: 65_536,
        }
    }
}

/// Slows PIN guessing down without shutting the delegates out.
///
/// Each client key (an IP address) may send [`PinLimits::per_key`] wrong PINs in a
/// sliding window. All keys that have guessed wrong before share a ceiling of
/// [`PinLimits::all_keys`] a window, so an attacker who takes many addresses on the
/// Wi-Fi gains nothing by coming back from them. A key that has never guessed
/// wrong is never held back by others' guesses: a delegate typing their own PIN for
/// the first time is let in at once, even while the room's network is under
/// attack. Each new address therefore has one guess outside the ceiling; the host
/// remembers [`PinLimits::max_guessers`] of them, and once that many have guessed,
/// every address counts as one that has. [`expected_guessing_hours`] turns these
/// limits into the time an attacker needs: over 1 700 hours for 30 codes with the
/// defaults.
///
/// A correct PIN clears nothing: otherwise a delegate could interleave their own PIN
/// with guesses at the others'. Check, try and record under one lock, as
/// [`PinLimiter::try_pin`] does.
#[derive(Debug, Clone, Default)]
pub struct PinLimiter {
    limits: PinLimits,
    /// Times of the latest failures per key, oldest first, at most `per_key`.
    keys: HashMap<String, VecDeque<u64>>,
    /// Times of the latest failures of all keys, oldest first, at most `all_keys`.
    all: VecDeque<u64>,
    /// Keys that have sent a wrong PIN over the meeting, at most `max_guessers`.
    guessers: std::collections::HashSet<String>,
}

/// The expected hours for an attacker with any number of addresses to open one of
/// `codes` sheets by guessing PINs, under `limits`: the PINs tried before hitting
/// one of `codes` among the possible ones, less the one free guess of each address
/// the host remembers, at the ceiling for addresses that have guessed.
pub fn expected_guessing_hours(limits: &PinLimits, codes: usize) -> f64 {
    let pins = f64::from(PIN_SPACE - TRIVIAL_PINS);
    // Guessing without repeats, the first hit among `codes` of `pins` comes on
    // average at (pins + 1) / (codes + 1).
    let guesses = (pins + 1.0) / (codes as f64 + 1.0);
    let free = limits.max_guessers as f64;
    let per_hour = limits.all_keys as f64 * 3_600_000.0 / limits.window_ms as f64;
    (guesses - free).max(0.0) / per_hour
}

impl PinLimiter {
    pub fn new() -> PinLimiter {
        PinLimiter::default()
    }

    pub fn with_limits(limits: PinLimits) -> PinLimiter {
        PinLimiter {
            limits,
            ..PinLimiter::default()
        }
    }

    /// Whether `key` may try a PIN now; if not, how long until it may. A key whose
    /// failures have all left the window is forgotten.
    pub fn check(&mut self, key: &str, now_ms: u64) -> Result<(), RetryAfterMs> {
        let window = self.limits.window_ms;
        if self
            .keys
            .get(key)
            .and_then(|t| t.back())
            .is_some_and(|&last| last.saturating_add(window) <= now_ms)
        {
            self.keys.remove(key);
        }
        let wait = |times: &VecDeque<u64>, limit: usize| match times.front() {
            Some(&oldest) if times.len() >= limit => {
                let until = oldest.saturating_add(self.limits.window_ms);
                until.saturating_sub(now_ms).min(self.limits.window_ms)
            }
            _ => 0,
        };
        let mine = self
            .keys
            .get(key)
            .map_or(0, |t| wait(t, self.limits.per_key));
        let everyone = if self.has_guessed(key) {
            wait(&self.all, self.limits.all_keys)
        } else {
            0
        };
        match mine.max(everyone) {
            0 => Ok(()),
            ms => Err(RetryAfterMs(ms)),
        }
    }

    /// Records a wrong PIN from `key`.
    pub fn record_failure(&mut self, key: &str, now_ms: u64) {
        push_capped(&mut self.all, now_ms, self.limits.all_keys);
        if self.guessers.len() < self.limits.max_guessers {
            self.guessers.insert(key.to_string());
        }
        if !self.keys.contains_key(key) && self.keys.len() >= self.limits.max_keys {
            self.forget_old(now_ms);
            if self.keys.len() >= self.limits.max_keys {
                let oldest = self
                    .keys
                    .iter()
                    .min_by_key(|(_, t)| t.back().copied().unwrap_or(0))
                    .map(|(k, _)| k.clone());
                if let Some(k) = oldest {
                    self.keys.remove(&k);
                }
            }
        }
        let times = self.keys.entry(key.to_string()).or_default();
        push_capped(times, now_ms, self.limits.per_key);
    }

    /// Forgets keys whose failures are all older than the window.
    pub fn forget_old(&mut self, now_ms: u64) {
        let window = self.limits.window_ms;
        self.keys.retain(|_, t| {
            t.back()
                .is_some_and(|&last| last.saturating_add(window) > now_ms)
        });
    }

    /// Whether `key` has sent a wrong PIN, as far as the host can tell: when it can
    /// remember no more guessers, every key counts as one.
    fn has_guessed(&self, key: &str) -> bool {
        self.guessers.len() >= self.limits.max_guessers || self.guessers.contains(key)
    }

    /// Keys remembered now.
    pub fn keys(&self) -> usize {
        self.keys.len()
    }

    /// Checks `key`, then looks the PIN up and records a failure if no active code
    /// has it: the whole attempt in one step.
    pub fn try_pin<'a>(
        &mut self,
        codes: &'a JoinCodes,
        key: &str,
        pin: &str,
        now_ms: u64,
    ) -> Result<Option<&'a JoinCode>, RetryAfterMs> {
        self.check(key, now_ms)?;
        let found = codes.active_by_pin(pin);
        if found.is_none() {
            self.record_failure(key, now_ms);
        }
        Ok(found)
    }
}

fn push_capped(times: &mut VecDeque<u64>, now_ms: u64, cap: usize) {
    times.push_back(now_ms);
    while times.len() > cap {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::event::Actor;
    use crate::model::points::Points;
    use crate::model::testkit::{apply, config_json, id, session};
    use proptest::prelude::*;
    use std::collections::{BTreeMap, HashSet};

    /// A fixed random source (splitmix64) for repeatable tests.
    fn source(seed: u64) -> impl FnMut() -> [u8; 16] {
        let mut state = seed;
        move || {
            let mut next = || {
                state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = state;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                z ^ (z >> 31)
            };
            let mut bytes = [0u8; 16];
            bytes[..8].copy_from_slice(&next().to_le_bytes());
            bytes[8..].copy_from_slice(&next().to_le_bytes());
            bytes
        }
    }

    fn absent(s: &mut Session, members: &[usize]) {
        for &m in members {
            let event = Event::Attendance {
                member: id(m),
                present: false,
            };
            apply(s, Actor::Chair, event).unwrap();
        }
    }

    fn assert_well_formed(codes: &JoinCodes) {
        assert!(codes.is_consistent(), "{codes:?}");
        for c in codes.codes() {
            assert!(is_token(&c.token), "{}", c.token);
            assert!(is_pin(&c.pin) && !is_trivial_pin(&c.pin), "{}", c.pin);
        }
    }

    #[test]
    fn present_members_get_one_code_each_and_absent_ones_none() {
        let mut s = session(&config_json(6));
        absent(&mut s, &[1, 4]);
        let codes = JoinCodes::issue(&s, &mut source(1));
        let scorers: Vec<&str> = codes.codes().iter().map(|c| c.scorer.as_str()).collect();
        assert_eq!(scorers, ["m0", "m2", "m3", "m5"]);
        assert!(codes.active_for("m1").is_none() && codes.active_for("m4").is_none());
        assert!(
            codes
                .codes()
                .iter()
                .all(|c| !c.revoked && c.devices.is_empty())
        );
        assert_well_formed(&codes);
        for c in codes.codes() {
            assert_eq!(codes.active_by_token(&c.token), Some(c));
            assert_eq!(codes.active_by_pin(&c.pin), Some(c));
            assert_eq!(codes.active_by_pin(&format!(" {} ", c.pin)), Some(c));
        }
        assert_eq!(codes.active_by_token(""), None);
        assert_eq!(codes.active_by_pin(""), None);
    }

    #[test]
    fn sync_follows_attendance() {
        let mut s = session(&config_json(4));
        let mut random = source(2);
        let mut codes = JoinCodes::issue(&s, &mut random);
        let m2 = codes.active_for("m2").unwrap().clone();
        absent(&mut s, &[2]);
        let synced = codes.sync(&s, &mut random);
        assert_eq!(synced.revoked, ["m2"]);
        assert!(synced.issued.is_empty());
        assert_eq!(codes.active_by_token(&m2.token), None);
        assert_eq!(codes.active_by_pin(&m2.pin), None);
        let back = Event::Attendance {
            member: id(2),
            present: true,
        };
        apply(&mut s, Actor::Chair, back).unwrap();
        let synced = codes.sync(&s, &mut random);
        assert_eq!(synced.issued, ["m2"]);
        let new = codes.active_for("m2").unwrap();
        assert!(new.token != m2.token && new.pin != m2.pin);
        assert_eq!(codes.sync(&s, &mut random), Synced::default());
        assert_eq!(codes.codes().len(), 5);
        assert_well_formed(&codes);
    }

    #[test]
    fn a_reissued_code_replaces_the_old_one_which_stays_on_record() {
        let s = session(&config_json(3));
        let mut random = source(3);
        let mut codes = JoinCodes::issue(&s, &mut random);
        let old = codes.active_for("m1").unwrap().clone();
        codes.bind_device(&old.token, "laptop-1").unwrap();
        let new = codes.revoke_and_reissue("m1", &mut random).unwrap().clone();
        assert_eq!(new.scorer, "m1");
        assert!(new.token != old.token && new.pin != old.pin && new.devices.is_empty());
        assert_eq!(codes.active_by_token(&old.token), None);
        assert_eq!(codes.active_by_pin(&old.pin), None);
        assert_eq!(codes.active_by_token(&new.token), Some(&new));
        assert_eq!(
            codes.bind_device(&old.token, "laptop-1"),
            Err(BindError::UnknownCode)
        );
        let kept = codes.codes().iter().find(|c| c.token == old.token).unwrap();
        assert!(kept.revoked);
        assert_eq!(kept.devices, ["laptop-1"]);
        // Nobody else's code, and no code for someone without one.
        assert!(codes.revoke_and_reissue("m9", &mut random).is_none());
        assert_eq!(codes.codes().len(), 4);
        assert_well_formed(&codes);
    }

    #[test]
    fn adding_a_code_for_a_member_who_has_one_gives_the_same_code() {
        let mut codes = JoinCodes::default();
        let mut random = source(4);
        let first = codes.add_for("m0", &mut random).clone();
        assert_eq!(codes.add_for("m0", &mut random), &first);
        assert_eq!(codes.codes().len(), 1);
        assert!(codes.revoke("m0"));
        assert!(!codes.revoke("m0"));
        assert_ne!(codes.add_for("m0", &mut random), &first);
        assert_well_formed(&codes);
    }

    #[test]
    fn pins_are_drawn_without_bias_and_never_trivial() {
        assert_eq!(pin_from(u32::MAX.to_be_bytes()), None);
        assert_eq!(pin_from(PIN_DRAW_LIMIT.to_be_bytes()), None);
        assert_eq!(PIN_DRAW_LIMIT % PIN_SPACE, 0);
        assert!(u64::from(PIN_DRAW_LIMIT) + u64::from(PIN_SPACE) > u64::from(u32::MAX));
        assert_eq!(
            pin_from((PIN_DRAW_LIMIT - 1).to_be_bytes()),
            None,
            "99999999 is trivial"
        );
        assert_eq!(
            pin_from((PIN_DRAW_LIMIT - 2).to_be_bytes()).as_deref(),
            Some("99999998")
        );
        assert_eq!(pin_from(42u32.to_be_bytes()).as_deref(), Some("00000042"));
        assert_eq!(pin_from(0u32.to_be_bytes()), None);
        assert_eq!(pin_from(111_111_111u32.to_be_bytes()), None);
        // Every trivial PIN, counted by brute force over the candidates (a repeated
        // digit or a run has its first two digits decide the rest).
        let trivial = (0..100u32)
            .flat_map(|start| {
                let (a, b) = (start / 10, start % 10);
                let step = b as i32 - a as i32;
                (step.abs() <= 1).then(|| {
                    (0..8)
                        .map(|i| a as i32 + step * i)
                        .filter(|d| (0..10).contains(d))
                        .map(|d| char::from(b'0' + d as u8))
                        .collect::<String>()
                })
            })
            .filter(|p| p.len() == 8 && is_trivial_pin(p))
            .count();
        assert_eq!(trivial as u32, TRIVIAL_PINS);
        for p in [
            "00000000", "55555555", "01234567", "23456789", "98765432", "76543210",
        ] {
            assert!(is_trivial_pin(p), "{p}");
        }
        assert!(!is_trivial_pin("12345679"));
        // The first draws are thrown away; the PIN comes from the next good one.
        // The token takes the first 16 bytes; of the next, a biased draw and two
        // trivial PINs are thrown away and the fourth group of 4 bytes makes the PIN.
        let pin_bytes = [
            u32::MAX.to_be_bytes(),
            0u32.to_be_bytes(),
            111_111_111u32.to_be_bytes(),
            200_000_042u32.to_be_bytes(),
        ];
        let mut draws = vec![[0xab; 16].to_vec(), pin_bytes.concat()].into_iter();
        let mut random = || <[u8; 16]>::try_from(draws.next().unwrap()).unwrap();
        let code = JoinCodes::default().add_for("m0", &mut random).clone();
        assert_eq!(code.token, "ab".repeat(16));
        assert_eq!(code.pin, "00000042");
    }

    #[test]
    fn a_repeating_source_still_gives_distinct_codes() {
        // Every value comes twice in a row: the second is drawn again.
        let mut inner = source(5);
        let mut last = None;
        let mut random = move || match last.take() {
            Some(v) => v,
            None => {
                let v = inner();
                last = Some(v);
                v
            }
        };
        let mut codes = JoinCodes::default();
        for m in 0..30 {
            codes.add_for(&id(m), &mut random);
        }
        assert_well_formed(&codes);
    }

    #[test]
    #[should_panic(expected = "random source")]
    fn a_stuck_source_stops_rather_than_repeat_a_code() {
        let mut codes = JoinCodes::default();
        codes.add_for("m0", &mut || [7; 16]);
        codes.add_for("m1", &mut || [7; 16]);
    }

    #[test]
    fn every_device_that_uses_a_code_is_recorded() {
        let mut codes = JoinCodes::default();
        let token = codes.add_for("m0", &mut source(6)).token.clone();
        assert_eq!(codes.bind_device(&token, "laptop"), Ok(Bound::First));
        assert_eq!(codes.bind_device(&token, "laptop"), Ok(Bound::Known));
        assert_eq!(
            codes.bind_device(&token, "phone"),
            Ok(Bound::Another { devices: 2 })
        );
        assert_eq!(codes.active_for("m0").unwrap().devices, ["laptop", "phone"]);
        for bad in ["", "a b", "điện-thoại", &"x".repeat(MAX_DEVICE_LEN + 1)] {
            assert_eq!(codes.bind_device(&token, bad), Err(BindError::BadDevice));
        }
        for d in 3..=MAX_DEVICES {
            assert!(codes.bind_device(&token, &format!("d{d}")).is_ok());
        }
        assert_eq!(
            codes.bind_device(&token, "one-more"),
            Err(BindError::TooManyDevices {
                devices: MAX_DEVICES
            })
        );
        assert_eq!(codes.bind_device(&token, "phone"), Ok(Bound::Known));
        assert_eq!(
            codes.bind_device(&token.to_uppercase(), "laptop"),
            Err(BindError::UnknownCode)
        );
        let en = BindError::TooManyDevices { devices: 8 }.text(Lang::En);
        assert!(en.contains("8 devices"), "{en}");
    }

    #[test]
    fn codes_read_back_from_json_and_hide_their_secrets_in_debug() {
        let s = session(&config_json(3));
        let mut codes = JoinCodes::issue(&s, &mut source(7));
        let token = codes.active_for("m0").unwrap().token.clone();
        codes.bind_device(&token, "laptop").unwrap();
        codes.revoke_and_reissue("m2", &mut source(8)).unwrap();
        let json = serde_json::to_string(&codes).unwrap();
        let back: JoinCodes = serde_json::from_str(&json).unwrap();
        assert_eq!(back, codes);
        assert!(back.is_consistent());
        let debug = format!("{codes:?}");
        assert!(
            !debug.contains(&token) && debug.contains("laptop"),
            "{debug}"
        );
        // A list whose rules are broken is refused.
        let mut twice = codes.clone();
        let copy = twice.codes[0].clone();
        twice.codes.push(copy);
        assert!(!twice.is_consistent());
        let mut short = codes.clone();
        short.codes[0].pin = "12345".into();
        assert!(!short.is_consistent());
        assert!(serde_json::from_str::<JoinCodes>(r#"{"codes":[],"x":1}"#).is_err());
    }

    #[test]
    fn secrets_compare_in_full() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"abc", b"abcd"));
        assert!(same_secret(b"", b""));
    }

    #[test]
    fn forbidden_says_why_in_both_languages() {
        let other = may_send(
            "m0",
            &Event::Submit {
                scorer: "m1".into(),
            },
        )
        .unwrap_err();
        assert_eq!(
            other,
            Forbidden::OtherSheet {
                own: "m0".into(),
                sheet: "m1".into()
            }
        );
        let reopen = may_send(
            "m0",
            &Event::Reopen {
                scorer: "m0".into(),
                reason: "x".into(),
            },
        )
        .unwrap_err();
        assert_eq!(reopen, Forbidden::ChairOnly(ChairAction::Reopen));
        assert_eq!(
            reopen.text(Lang::En),
            "a join code allows only scoring and submitting its own member's sheet; \
             reopening a sheet is done by the chair on the chair's computer"
        );
        assert!(reopen.text(Lang::Vi).contains("mở lại phiếu chấm"));
        assert_eq!(reopen.to_string(), reopen.text(Lang::En));
        assert!(other.text(Lang::Vi).contains("đơn vị khác"));
    }

    fn any_event() -> impl Strategy<Value = Event> {
        let who =
            || prop::sample::select(vec!["m0", "m1", "m2", "", "chair"]).prop_map(String::from);
        let text = || "[a-z0-9 .]{0,6}";
        prop_oneof![
            (text(), text(), text(), text()).prop_map(|(date, place, chair, secretary)| {
                Event::Meeting {
                    date,
                    place,
                    chair,
                    secretary,
                }
            }),
            (who(), any::<bool>())
                .prop_map(|(member, present)| Event::Attendance { member, present }),
            (who(), who(), text(), prop::option::of(0i64..2000)).prop_map(
                |(scorer, target, item, value)| Event::Score {
                    scorer,
                    target,
                    item,
                    value: value.map(Points),
                }
            ),
            who().prop_map(|scorer| Event::Submit { scorer }),
            (who(), text()).prop_map(|(scorer, reason)| Event::Reopen { scorer, reason }),
            (text(), 0u32..4, 0u32..9, 0u32..9, who(), 0u32..9).prop_map(
                |(commendation, round, issued, valid, member, votes)| Event::Ballot {
                    commendation,
                    round,
                    issued,
                    valid,
                    votes: BTreeMap::from([(member, votes)]),
                }
            ),
            (text(), prop::collection::vec(who(), 0..3), text()).prop_map(
                |(commendation, chosen, reason)| Event::DecideTie {
                    commendation,
                    chosen,
                    reason,
                }
            ),
            (who(), who()).prop_map(|(head, deputy)| Event::NextYear { head, deputy }),
            Just(Event::Finalize),
            (who(), text(), text()).prop_map(|(scorer, sheet_sha256, source)| {
                Event::ImportSheet {
                    scorer,
                    sheet_sha256,
                    source,
                }
            }),
        ]
    }

    proptest! {
        #[test]
        fn a_code_may_send_only_its_own_scores_and_submission(
            scorer in prop::sample::select(vec!["m0", "m1", "m2", "chair"]),
            event in any_event(),
        ) {
            let allowed = match &event {
                Event::Score { scorer: s, .. } | Event::Submit { scorer: s } => s == scorer,
                _ => false,
            };
            let result = may_send(scorer, &event);
            prop_assert_eq!(result.is_ok(), allowed, "{:?}", event);
            if let Err(why) = result {
                prop_assert!(!why.text(Lang::Vi).is_empty() && !why.text(Lang::En).is_empty());
            }
        }

        #[test]
        fn codes_stay_distinct_and_well_formed(seed in any::<u64>(), n in 2usize..31, away in prop::collection::vec(any::<bool>(), 31), reissue in prop::collection::vec(0usize..31, 0..10)) {
            let mut s = session(&config_json(n));
            let gone: Vec<usize> = (0..n).filter(|&m| away[m]).collect();
            absent(&mut s, &gone);
            let mut random = source(seed);
            let mut codes = JoinCodes::issue(&s, &mut random);
            for m in reissue {
                let was = codes.active_for(&id(m)).cloned();
                let new = codes.revoke_and_reissue(&id(m), &mut random).cloned();
                prop_assert_eq!(was.is_some(), new.is_some());
                if let Some(was) = was {
                    prop_assert_eq!(codes.active_by_token(&was.token), None);
                    prop_assert_eq!(codes.active_by_pin(&was.pin), None);
                }
            }
            prop_assert!(codes.is_consistent());
            let mut tokens = HashSet::new();
            let mut pins = HashSet::new();
            for c in codes.codes() {
                prop_assert!(is_token(&c.token) && is_pin(&c.pin) && !is_trivial_pin(&c.pin));
                prop_assert!(tokens.insert(c.token.clone()) && pins.insert(c.pin.clone()));
                let found = codes.active_by_token(&c.token);
                prop_assert_eq!(found.is_some(), !c.revoked);
                prop_assert_eq!(codes.active_by_pin(&c.pin).is_some(), !c.revoked);
            }
            for (m, gone) in away.iter().enumerate().take(n) {
                prop_assert_eq!(codes.active_for(&id(m)).is_some(), !gone);
            }
        }
    }

    const MINUTE: u64 = 60_000;

    #[test]
    fn five_wrong_pins_a_minute_per_key_then_wait_until_the_minute_has_passed() {
        let mut limiter = PinLimiter::new();
        for i in 0..5 {
            assert_eq!(limiter.check("10.0.0.2", 1_000 + i), Ok(()));
            limiter.record_failure("10.0.0.2", 1_000 + i);
        }
        assert_eq!(
            limiter.check("10.0.0.2", 1_005),
            Err(RetryAfterMs(MINUTE - 5))
        );
        assert_eq!(
            limiter.check("10.0.0.2", 1_000 + MINUTE - 1),
            Err(RetryAfterMs(1))
        );
        // Another key is not held up.
        for i in 0..5 {
            assert_eq!(limiter.check("10.0.0.3", 2_000 + i), Ok(()));
            limiter.record_failure("10.0.0.3", 2_000 + i);
        }
        assert!(limiter.check("10.0.0.3", 2_010).is_err());
        // The first key's oldest failure leaves the window: one more try.
        assert_eq!(limiter.check("10.0.0.2", 1_000 + MINUTE), Ok(()));
        limiter.record_failure("10.0.0.2", 1_000 + MINUTE);
        assert_eq!(
            limiter.check("10.0.0.2", 1_000 + MINUTE),
            Err(RetryAfterMs(1))
        );
        assert!(limiter.check("10.0.0.3", 2_000 + MINUTE - 1).is_err());
        assert_eq!(limiter.check("10.0.0.3", 2_000 + MINUTE), Ok(()));
        let wait = RetryAfterMs(1_500);
        assert_eq!(wait.seconds(), 2);
        assert_eq!(
            wait.text(Lang::En),
            "too many wrong PINs; try again in 2 seconds or scan the QR code"
        );
    }

    #[test]
    fn a_correct_pin_neither_counts_nor_clears_failures() {
        let mut codes = JoinCodes::default();
        let pin = codes.add_for("m0", &mut source(9)).pin.clone();
        let wrong = if pin == "48291370" {
            "48291371"
        } else {
            "48291370"
        };
        let mut limiter = PinLimiter::new();
        for t in 0..4 {
            assert_eq!(limiter.try_pin(&codes, "a", wrong, t), Ok(None));
        }
        // Another key's success does not reset "a"; "a"'s own success does not either.
        assert!(limiter.try_pin(&codes, "b", &pin, 5).unwrap().is_some());
        assert!(limiter.try_pin(&codes, "a", &pin, 6).unwrap().is_some());
        assert_eq!(limiter.try_pin(&codes, "a", wrong, 7), Ok(None));
        assert_eq!(
            limiter.try_pin(&codes, "a", &pin, 8),
            Err(RetryAfterMs(MINUTE - 8))
        );
        assert_eq!(limiter.check("b", 8), Ok(()));
    }

    #[test]
    fn addresses_that_guessed_share_a_ceiling_and_new_ones_are_not_held_by_it() {
        let mut limiter = PinLimiter::new();
        let all = PinLimits::default().all_keys as u64;
        for i in 0..all {
            let key = format!("10.0.1.{i}");
            assert_eq!(limiter.check(&key, i), Ok(()));
            limiter.record_failure(&key, i);
        }
        // One that guessed before waits for the ceiling; a new one does not.
        assert_eq!(
            limiter.check("10.0.1.0", all),
            Err(RetryAfterMs(MINUTE - all))
        );
        assert_eq!(limiter.check("10.0.2.1", all), Ok(()));
        assert_eq!(limiter.check("10.0.1.0", MINUTE), Ok(()));
        // Once the host can remember no more guessers, every address counts as one.
        let limits = PinLimits {
            max_guessers: 3,
            all_keys: 3,
            ..PinLimits::default()
        };
        let mut limiter = PinLimiter::with_limits(limits);
        for i in 0..3 {
            limiter.record_failure(&format!("10.0.3.{i}"), 0);
        }
        assert!(limiter.check("10.0.4.1", 1).is_err());
    }

    #[test]
    fn guessing_any_of_thirty_pins_takes_over_a_thousand_hours() {
        let limits = PinLimits::default();
        let hours = expected_guessing_hours(&limits, MOST_MEMBERS);
        // (99 999 984 + 1) / 31 = 3 225 806 guesses, less 65 536 free ones, at 1 800
        // an hour.
        assert!((hours - 1_755.7).abs() < 0.1, "{hours}");
        assert!(hours >= 1_000.0);
        // The same limits with 6-digit PINs would fall far short: the length is
        // what makes the ceiling enough.
        let six_digits = (1_000_000.0 / 31.0) / 1_800.0;
        assert!(six_digits < 20.0);
    }

    #[test]
    fn memory_is_bounded_and_old_keys_are_forgotten() {
        let limits = PinLimits {
            max_keys: 100,
            all_keys: usize::MAX,
            ..PinLimits::default()
        };
        let mut limiter = PinLimiter::with_limits(limits);
        for i in 0..1_000u64 {
            limiter.record_failure(&format!("k{i}"), i);
            assert!(limiter.keys() <= 100);
        }
        // The newest keys are kept, the oldest evicted.
        assert!(limiter.keys.contains_key("k999") && !limiter.keys.contains_key("k0"));
        limiter.forget_old(998 + MINUTE);
        assert_eq!(limiter.keys(), 1);
        limiter.forget_old(999 + MINUTE);
        assert_eq!(limiter.keys(), 0);
        // Once the window has passed a full table makes room without evicting live keys.
        let mut limiter = PinLimiter::with_limits(limits);
        for i in 0..100u64 {
            limiter.record_failure(&format!("old{i}"), 0);
        }
        limiter.record_failure("live", MINUTE);
        assert_eq!(limiter.keys(), 1);
        // Checking a key whose failures have left the window forgets it.
        assert_eq!(limiter.check("live", 2 * MINUTE - 1), Ok(()));
        assert_eq!(limiter.keys(), 1);
        assert_eq!(limiter.check("live", 2 * MINUTE), Ok(()));
        assert_eq!(limiter.keys(), 0);
    }

    /// Sends `guesses` wrong PINs as fast as the limiter lets them through, each from
    /// the key `key(i)`, retrying exactly when told; returns the simulated time of
    /// the last guess tried, and checks no window ever saw more than `per_window`.
    fn guess(
        guesses: usize,
        key: impl Fn(usize) -> String,
        per_window: usize,
        limits: PinLimits,
    ) -> u64 {
        let s = session(&config_json(12));
        let mut random = source(10);
        let codes = JoinCodes::issue(&s, &mut random);
        let real: HashSet<String> = codes.codes().iter().map(|c| c.pin.clone()).collect();
        let mut limiter = PinLimiter::with_limits(limits);
        let mut now = 0;
        let mut tried = Vec::new();
        let mut next = 0;
        while tried.len() < guesses {
            // Random wrong PINs (the real ones skipped).
            let pin = loop {
                let n = u64::from_le_bytes(random()[..8].try_into().unwrap()) % 100_000_000;
                let p = format!("{n:08}");
                if !real.contains(&p) {
                    break p;
                }
            };
            loop {
                match limiter.try_pin(&codes, &key(next), &pin, now) {
                    Ok(found) => {
                        assert!(found.is_none());
                        tried.push(now);
                        next += 1;
                        break;
                    }
                    Err(RetryAfterMs(ms)) => now += ms,
                }
            }
        }
        for (i, &t) in tried.iter().enumerate() {
            let in_window = tried[i..].iter().take_while(|&&u| u < t + MINUTE).count();
            assert!(
                in_window <= per_window,
                "{in_window} guesses in a minute from {t}"
            );
        }
        now
    }

    #[test]
    fn a_thousand_wrong_pins_from_one_address_take_over_three_hours() {
        // 5 a minute: the 1,000th guess comes after 199 minutes.
        let elapsed = guess(1_000, |_| "192.168.1.66".into(), 5, PinLimits::default());
        assert_eq!(elapsed, 199 * MINUTE);
        assert!(elapsed > 3 * 60 * MINUTE);
    }

    #[test]
    fn new_addresses_have_one_guess_each_until_the_host_remembers_no_more() {
        // Every guess from a new address: the first 100 pass at once (the host
        // remembers 100 guessers here) and fill the minute's ceiling of 30; the
        // other 900 take 30 a minute, so the 1,000th comes after 30 minutes.
        let limits = PinLimits {
            max_guessers: 100,
            ..PinLimits::default()
        };
        let elapsed = guess(1_000, |i| format!("fe80::{i:x}"), 130, limits);
        assert_eq!(elapsed, 30 * MINUTE);
    }
}
