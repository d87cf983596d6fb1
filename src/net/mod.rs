//! The live meeting on the local network: the chair's laptop hosts, the delegates'
//! laptops (or a script) join with a personal code and send their sheet's events.
//!
//! One writer ([`writer`]) owns the meeting file; the host's request handlers
//! ([`host`]) and the chair's window only send it events and get back what was
//! committed. A delegate's client ([`client`]) keeps every unsent event in its own
//! journal ([`journal`]) and sends it again until the host has answered, so a dropped
//! connection loses nothing and the host applies each event once.

pub mod client;
pub mod discovery;
pub mod host;
pub mod journal;
pub mod page;
pub mod protocol;
pub mod serve;
pub mod signature;
pub mod writer;

/// Random bytes from the operating system, for tokens, PINs and device ids.
pub fn random_16() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    // Without the system's randomness no safe code can be made: stop rather than
    // hand out guessable ones.
    if getrandom::fill(&mut bytes).is_err() {
        panic!("the operating system gives no random numbers");
    }
    bytes
}

/// 32 lowercase hex characters from 16 random bytes (128 bits).
pub fn random_hex() -> String {
    random_16().iter().map(|b| format!("{b:02x}")).collect()
}

/// This machine's addresses on the local networks it is on (the room's Wi-Fi, the
/// chair's hotspot): IPv4, not loopback, in the private, link-local or hotspot
/// ranges. The first is the one printed on the codes.
pub fn lan_addresses() -> Vec<std::net::IpAddr> {
    let mut found: Vec<std::net::IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| !i.is_loopback())
        .map(|i| i.ip())
        .filter(|ip| ip.is_ipv4() && host::is_local(*ip))
        .collect();
    found.sort();
    found.dedup();
    found
}

/// The address printed on links, slips and QR codes: the first of `addresses` (this
/// machine on the room's network), or loopback on a machine with none.
pub fn base_url(addresses: &[std::net::IpAddr], port: u16) -> String {
    let ip = addresses
        .first()
        .copied()
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
    format!("http://{ip}:{port}")
}
