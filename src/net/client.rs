//! A delegate's side of the live meeting: join with a PIN or a link, read one's own
//! sheet as the host holds it, send events and read the host's answers.

use super::protocol::{
    EventResult, EventsReply, EventsRequest, JoinReply, JoinRequest, Refusal, SentEvent, SheetView,
};
use crate::text::{Lang, net::N};
use std::time::Duration;

pub struct Client {
    base: String,
    agent: ureq::Agent,
    token: String,
    device: String,
}

#[derive(Debug, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub enum ClientError {
    /// No answer (no network, the host is down): worth trying again.
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
    match with_scheme.find("/j/") {
        Some(at) => with_scheme[..at].to_string(),
        None => with_scheme,
    }
}

/// The token a join link carries (`http://host:port/j/TOKEN`), if it is one.
pub fn token_of(address: &str) -> Option<String> {
    let at = address.find("/j/")?;
    let token = address[at + 3..].trim_end_matches('/');
    (!token.is_empty()).then(|| token.to_string())
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .into()
}

impl Client {
    /// Joins with a 6-digit PIN; the host answers with this delegate's token.
    pub fn join(address: &str, pin: &str, device: &str) -> Result<(Client, String), ClientError> {
        let base = base_of(address);
        let agent = agent();
        let request = JoinRequest {
            pin: pin.to_string(),
            device: device.to_string(),
        };
        let reply: JoinReply = read(
            &base,
            agent.post(format!("{base}/api/join")).send_json(&request),
        )?;
        let client = Client {
            base,
            agent,
            token: reply.token,
            device: device.to_string(),
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
        }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn bearer(&self) -> String {
        format!("Bearer {}", self.token)
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
        let mut request = self
            .agent
            .get(format!("{}/api/sheet", self.base))
            .query("device", &self.device);
        if let Some(sha) = known_config {
            request = request.query("config", sha);
        }
        read(
            &self.base,
            request.header("Authorization", self.bearer()).call(),
        )
    }

    /// Sends events; the host answers for each (a repeat gets the original answer).
    pub fn send(&self, events: Vec<SentEvent>) -> Result<Vec<EventResult>, ClientError> {
        let request = EventsRequest {
            device: self.device.clone(),
            events,
        };
        let reply: EventsReply = read(
            &self.base,
            self.agent
                .post(format!("{}/api/events", self.base))
                .header("Authorization", self.bearer())
                .send_json(&request),
        )?;
        Ok(reply.results)
    }

    /// The results, once the chair has published them.
    pub fn tally(&self) -> Result<serde_json::Value, ClientError> {
        read(
            &self.base,
            self.agent
                .get(format!("{}/api/tally", self.base))
                .header("Authorization", self.bearer())
                .call(),
        )
    }
}

fn read<T: serde::de::DeserializeOwned>(
    base: &str,
    sent: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<T, ClientError> {
    let mut response = sent.map_err(|e| ClientError::Unreachable {
        base: base.to_string(),
        detail: e.to_string(),
    })?;
    let status = response.status().as_u16();
    if (200..300).contains(&status) {
        response
            .body_mut()
            .read_json::<T>()
            .map_err(|e| ClientError::BadReply {
                detail: e.to_string(),
            })
    } else {
        let refusal = response
            .body_mut()
            .read_json::<Refusal>()
            .unwrap_or_else(|_| Refusal {
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
        assert_eq!(token_of("http://h:1"), None);
    }
}
