//! Finding a meeting without typing: the host announces itself on the local network
//! with mDNS / DNS-SD (service `_thidua._tcp`), and a delegate's app lists what it
//! hears. Only a convenience: the address and PIN always work too.

use mdns_sd::{ServiceDaemon, ServiceEvent, ServiceInfo};
use std::net::IpAddr;
use std::time::{Duration, Instant};

pub const SERVICE: &str = "_thidua._tcp.local.";

/// A meeting heard on the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// "Cụm thi đua số 1 — 2024", as the host announced it.
    pub name: String,
    pub addresses: Vec<IpAddr>,
    pub port: u16,
    /// The first 12 hex characters of the config's SHA-256, to tell meetings apart.
    pub config: String,
}

impl Found {
    /// The address to join: the first local-network one.
    pub fn address(&self) -> Option<String> {
        self.addresses
            .iter()
            .find(|ip| ip.is_ipv4())
            .or(self.addresses.first())
            .map(|ip| format!("{ip}:{}", self.port))
    }
}

/// Keeps announcing while it lives.
pub struct Announcement {
    daemon: ServiceDaemon,
    fullname: String,
}

impl Drop for Announcement {
    fn drop(&mut self) {
        let _ = self.daemon.unregister(&self.fullname);
        let _ = self.daemon.shutdown();
    }
}

/// Announces the meeting `name` served on `port` on every local interface. `None`
/// where the network has no multicast (the meeting is still reachable by address).
pub fn announce(name: &str, config_sha256: &str, port: u16) -> Option<Announcement> {
    let daemon = ServiceDaemon::new().ok()?;
    let instance = format!("{name} ({})", &config_sha256[..config_sha256.len().min(6)]);
    let host = format!("thidua-{}.local.", &super::random_hex()[..8]);
    let short = &config_sha256[..config_sha256.len().min(12)];
    let properties = [("name", name), ("config", short)];
    let info = ServiceInfo::new(SERVICE, &instance, &host, "", port, &properties[..])
        .ok()?
        .enable_addr_auto();
    let fullname = info.get_fullname().to_string();
    daemon.register(info).ok()?;
    Some(Announcement { daemon, fullname })
}

/// Listens for `wait` and lists the meetings heard, each once.
pub fn browse(wait: Duration) -> Vec<Found> {
    let Ok(daemon) = ServiceDaemon::new() else {
        return Vec::new();
    };
    let Ok(events) = daemon.browse(SERVICE) else {
        return Vec::new();
    };
    let deadline = Instant::now() + wait;
    let mut found: Vec<Found> = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        let Ok(event) = events.recv_timeout(left) else {
            break;
        };
        if let ServiceEvent::ServiceResolved(service) = event {
            let mut addresses: Vec<IpAddr> =
                service.addresses.iter().map(|a| a.to_ip_addr()).collect();
            addresses.sort();
            let item = Found {
                name: service
                    .get_property_val_str("name")
                    .unwrap_or(&service.fullname)
                    .to_string(),
                addresses,
                port: service.port,
                config: service
                    .get_property_val_str("config")
                    .unwrap_or_default()
                    .to_string(),
            };
            heard(&mut found, item);
        }
    }
    let _ = daemon.shutdown();
    found
}

/// Adds a meeting heard to the list: a meeting heard again (on another interface,
/// or resolved again with more of its addresses) is the same line, its addresses
/// merged, never a second line.
fn heard(found: &mut Vec<Found>, item: Found) {
    let same = |f: &Found| f.name == item.name && f.port == item.port && f.config == item.config;
    match found.iter_mut().find(|f| same(f)) {
        Some(known) => {
            known.addresses.extend(item.addresses);
            known.addresses.sort();
            known.addresses.dedup();
        }
        None => found.push(item),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(addresses: &[&str]) -> Found {
        Found {
            name: "Cụm thi đua số 1 — 2024".into(),
            addresses: addresses.iter().map(|a| a.parse().unwrap()).collect(),
            port: 7878,
            config: "b544ff2be830".into(),
        }
    }

    #[test]
    fn a_meeting_heard_three_times_is_listed_once_with_all_its_addresses() {
        let mut found = Vec::new();
        heard(&mut found, meeting(&["192.168.1.20"]));
        heard(&mut found, meeting(&["192.168.1.20", "10.0.0.5"]));
        heard(&mut found, meeting(&["fe80::1"]));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].addresses.len(), 3);
        assert_eq!(found[0].address().as_deref(), Some("10.0.0.5:7878"));
        // Another meeting (another config) is its own line.
        let mut other = meeting(&["192.168.1.30"]);
        other.config = "0123456789ab".into();
        heard(&mut found, other);
        assert_eq!(found.len(), 2);
    }
}
