//! A delegate's side of the live meeting: join with a PIN or a link, read one's own
//! sheet as the host holds it, send events and read the host's answers.

use super::protocol::{
    EventResult, EventsReply, EventsRequest, JoinReply, JoinRequest, Refusal, SentEvent, SheetView,
};
use crate::text::{Lang, net::N};
use std::time::{Duration, Instant};

pub struct Client {
    base: String,
    agent: ureq::Agent,
    token: String,
    device: String,
    /// When the delegate stops waiting for the host altogether, if ever.
    until: Option<Instant>,
}

/// How long opening a connection may take before it is tried again.
const CONNECT: Duration = Duration::from_secs(10);

/// How long a request may go without a single byte moving either way before it is
/// given up and tried again: on a crowded link TCP's own resends back off for many
/// seconds, which is still no reason to start over. There is no limit on a whole request: an answer that
/// keeps arriving over a slow link is read to its end.
const SILENCE: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub enum ClientError {
    /// No answer, or one cut off (no network, the host is down or restarting, the
    /// link went silent): worth trying again.
    Unreachable { base: String, detail: String },
    /// The host answered no, and why: trying again will not help.
    Refused { status: u16, refusal: Refusal },
    /// An answer that is not what the protocol says.
    BadReply { detail: String },
}

impl ClientError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ClientError::Unreachable { base, detail } => N::CannotReach.fill(lang, &[base, detail]),
            ClientError::Refused { status, refusal } => {
                let why = match lang {
                    Lang::Vi => &refusal.vi,
                    Lang::En => &refusal.en,
                };
                N::HostRefused.fill(lang, &[status, why])
            }
            ClientError::BadReply { detail } => N::BadReply.fill(lang, &[detail]),
        }
    }

    /// Whether sending again later may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            ClientError::Unreachable { .. } => true,
            // The host could not write for a moment (its disk), or is busy.
            ClientError::Refused { status, .. } => *status == 503,
            ClientError::BadReply { .. } => false,
        }
    }
}

/// `http://host:port` from what a person typed: a link, an address, host:port.
pub fn base_of(address: &str) -> String {
    let address = address.trim().trim_end_matches('/');
    let with_scheme = if address.contains("://") {
        address.to_string()
    } else {
        format!("http://{address}")
    };
    match with_scheme.find("/j#").or_else(|| with_scheme.find("/j/")) {
        Some(at) => with_scheme[..at].to_string(),
        None => with_scheme,
    }
}

/// A delegate's join link: the key goes after `#`, which a browser never sends, so
/// opening the link does not put the key on the network.
pub fn join_link(base: &str, token: &str) -> String {
    format!("{}/j#{token}", base.trim_end_matches('/'))
}

/// The token a join link carries (`http://host:port/j#TOKEN`, or `/j/TOKEN` as
/// links were once printed), if it is one.
pub fn token_of(address: &str) -> Option<String> {
    let address = address.trim();
    let at = address.find("/j#").or_else(|| address.find("/j/"))?;
    let token = address[at + 3..].trim_end_matches('/');
    (!token.is_empty()).then(|| token.to_string())
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(CONNECT))
        .timeout_per_read(Some(SILENCE))
        .timeout_per_write(Some(SILENCE))
        .http_status_as_error(false)
        .build()
        .into()
}

/// `request`, ended when the delegate's wait runs out (`until`), at least a moment
/// from now so a last try can still be answered.
fn bounded<B>(request: ureq::RequestBuilder<B>, until: Option<Instant>) -> ureq::RequestBuilder<B> {
    match until {
        Some(until) => {
            let left = until.saturating_duration_since(Instant::now());
            request
                .config()
                .timeout_per_call(Some(left.max(Duration::from_secs(1))))
                .build()
        }
        None => request,
    }
}

impl Client {
    /// Joins with the PIN; the host answers with this delegate's key, the one time it
    /// crosses the network.
    pub fn join(address: &str, pin: &str, device: &str) -> Result<(Client, String), ClientError> {
        Self::join_until(address, pin, device, None)
    }

    /// [`Client::join`], given up at `until`; the client keeps that limit.
    pub fn join_until(
        address: &str,
        pin: &str,
        device: &str,
        until: Option<Instant>,
    ) -> Result<(Client, String), ClientError> {
        let base = base_of(address);
        let agent = agent();
        let request = JoinRequest {
            pin: pin.to_string(),
            device: device.to_string(),
        };
        let post = bounded(agent.post(format!("{base}/api/join")), until);
        let reply: JoinReply = read(&base, post.send_json(&request))?;
        let client = Client {
            base,
            agent,
            token: reply.token,
            device: device.to_string(),
            until,
        };
        Ok((client, reply.scorer))
    }

    /// A client for a join link's token.
    pub fn with_token(address: &str, token: &str, device: &str) -> Client {
        Client {
            base: base_of(address),
            agent: agent(),
            token: token.to_string(),
            device: device.to_string(),
            until: None,
        }
    }

    /// No request of this client goes on after `until` (none, by default).
    pub fn set_until(&mut self, until: Option<Instant>) {
        self.until = until;
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// The request's signature under this delegate's key: the key itself never
    /// leaves this machine (see [`super::signature`]).
    fn signed(&self, method: &str, path: &str, body: &[u8]) -> String {
        super::signature::header(&self.token, method, path, body)
    }

    /// The device id this client sends under (its journal's).
    pub fn set_device(&mut self, device: &str) {
        self.device = device.to_string();
    }

    /// This delegate's sheet as the host has committed it, with the config.
    pub fn sheet(&self) -> Result<SheetView, ClientError> {
        self.sheet_with(None)
    }

    /// This delegate's sheet as the host has committed it; the config's text only
    /// when it is not the one with the check code `known_config`.
    pub fn sheet_with(&self, known_config: Option<&str>) -> Result<SheetView, ClientError> {
        let mut path = format!("/api/sheet?device={}", query_value(&self.device));
        if let Some(sha) = known_config {
            path.push_str(&format!("&config={}", query_value(sha)));
        }
        let request = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Authorization", self.signed("GET", &path, b""));
        read(&self.base, bounded(request, self.until).call())
    }

    /// Sends events; the host answers for each (a repeat gets the original answer).
    pub fn send(&self, events: Vec<SentEvent>) -> Result<Vec<EventResult>, ClientError> {
        let request = EventsRequest {
            device: self.device.clone(),
            events,
        };
        let body = serde_json::to_vec(&request).map_err(|e| ClientError::BadReply {
            detail: e.to_string(),
        })?;
        let path = "/api/events";
        let post = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Authorization", self.signed("POST", path, &body))
            .header("Content-Type", "application/json");
        let reply: EventsReply = read(&self.base, bounded(post, self.until).send(&body[..]))?;
        Ok(reply.results)
    }

    /// The results, once the chair has published them.
    pub fn tally(&self) -> Result<serde_json::Value, ClientError> {
        read(
            &self.base,
            self.agent
                .get(format!("{}/api/tally", self.base))
                .header("Authorization", self.signed("GET", "/api/tally", b""))
                .call(),
        )
    }
}

/// `text` as it may stand in a query: letters, digits and `-_.~` as they are, every
/// other byte as `%XX`, so the path signed is the path sent.
fn query_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The host's answer to a request: its body as `T`, or why there is none. A body
/// cut off on the way (the link went silent, the connection dropped) is no answer,
/// to be asked for again; only a whole body that does not read is a bad reply.
fn read<T: serde::de::DeserializeOwned>(
    base: &str,
    sent: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<T, ClientError> {
    let unreachable = |e: ureq::Error| ClientError::Unreachable {
        base: base.to_string(),
        detail: e.to_string(),
    };
    let mut response = sent.map_err(unreachable)?;
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_vec().map_err(|e| match e {
        ureq::Error::BodyExceedsLimit(_) => ClientError::BadReply {
            detail: e.to_string(),
        },
        e => unreachable(e),
    });
    if (200..300).contains(&status) {
        serde_json::from_slice(&body?).map_err(|e| ClientError::BadReply {
            detail: e.to_string(),
        })
    } else {
        let refusal = body
            .ok()
            .and_then(|b| serde_json::from_slice::<Refusal>(&b).ok())
            .unwrap_or_else(|| Refusal {
                vi: format!("HTTP {status}"),
                en: format!("HTTP {status}"),
            });
        Err(ClientError::Refused { status, refusal })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_people_type_become_one_base() {
        assert_eq!(base_of("192.168.1.5:7878"), "http://192.168.1.5:7878");
        assert_eq!(
            base_of("http://192.168.1.5:7878/"),
            "http://192.168.1.5:7878"
        );
        assert_eq!(
            base_of("http://192.168.1.5:7878/j/abc123"),
            "http://192.168.1.5:7878"
        );
        assert_eq!(token_of("http://h:1/j/abc123").as_deref(), Some("abc123"));
        assert_eq!(
            base_of("http://192.168.1.5:7878/j#abc123"),
            "http://192.168.1.5:7878"
        );
        assert_eq!(token_of(" http://h:1/j#abc123 ").as_deref(), Some("abc123"));
        assert_eq!(join_link("http://h:1/", "abc"), "http://h:1/j#abc");
        assert_eq!(query_value("ab-9_Z"), "ab-9_Z");
        assert_eq!(query_value("a b/é"), "a%20b%2F%C3%A9");
        assert_eq!(token_of("http://h:1"), None);
    }
}
