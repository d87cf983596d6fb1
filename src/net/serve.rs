//! The host's connections. Anyone on the room's Wi-Fi can open connections to the
//! chair's laptop without a code, so each one is held to limits before any request
//! is read: a request head must arrive whole within [`HEAD_WITHIN`] however slowly
//! it trickles (and an idle kept-alive connection is closed the same way), one
//! address may hold at most [`PER_ADDRESS`] connections, and all together stay
//! below the process's open-file limit. When they are all taken, a newcomer from
//! an address holding fewer takes the oldest connection of the address holding
//! most, so many idle connections from a few machines cannot shut a delegate out.

use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, header};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower_service::Service as _;

/// How long a connection may take to deliver a whole request head, counted from
/// when the host starts waiting for it: from the connection's opening, or from the
/// previous answer on a kept-alive connection.
pub const HEAD_WITHIN: Duration = Duration::from_secs(10);

/// Connections one address may hold at once. A browser opens up to six per host;
/// a delegate's app one or two.
pub const PER_ADDRESS: usize = 32;

/// Open files kept back from connections: the meeting file, its journal, the
/// window's own files, the network discovery.
const FILES_KEPT_BACK: usize = 128;

/// The limits the host holds its connections to.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    pub head_within: Duration,
    pub per_address: usize,
    pub total: usize,
}

impl ConnectionLimits {
    /// The limits for this process: all connections together stay below its
    /// open-file limit, whatever it is.
    pub fn for_this_process() -> ConnectionLimits {
        let files = open_files_limit().unwrap_or(1024);
        ConnectionLimits {
            head_within: HEAD_WITHIN,
            per_address: PER_ADDRESS,
            total: files.saturating_sub(FILES_KEPT_BACK).clamp(64, 16_384),
        }
    }
}

/// The soft limit on open files, where the system says it (Linux).
fn open_files_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    let soft = line.split_whitespace().nth(3)?;
    match soft {
        "unlimited" => Some(usize::MAX),
        n => n.parse().ok(),
    }
}

/// One open connection: its number and how to close it from outside.
struct Open {
    id: u64,
    close: Arc<Notify>,
}

/// The open connections by address.
#[derive(Default)]
struct Connections {
    by_address: HashMap<IpAddr, Vec<Open>>,
    total: usize,
    next_id: u64,
}

impl Connections {
    /// Takes a new connection from `ip` in, or answers `None` when it must be closed.
    /// May close the oldest connection of the address holding most to make room.
    fn admit(&mut self, ip: IpAddr, limits: &ConnectionLimits) -> Option<(u64, Arc<Notify>)> {
        let holding = self.by_address.get(&ip).map_or(0, Vec::len);
        if holding >= limits.per_address {
            return None;
        }
        if self.total >= limits.total && !self.close_oldest_of_heaviest(holding) {
            return None;
        }
        self.next_id += 1;
        let open = Open {
            id: self.next_id,
            close: Arc::new(Notify::new()),
        };
        let admitted = (open.id, open.close.clone());
        self.by_address.entry(ip).or_default().push(open);
        self.total += 1;
        Some(admitted)
    }

    /// Closes the oldest connection of the address holding most, if it holds more
    /// than one more than `holding` (the newcomer's address): the room then goes to
    /// the address with fewer.
    fn close_oldest_of_heaviest(&mut self, holding: usize) -> bool {
        let heaviest = self
            .by_address
            .iter()
            .max_by_key(|(_, open)| open.len())
            .map(|(ip, open)| (*ip, open.len()));
        let Some((ip, count)) = heaviest else {
            return false;
        };
        if count <= holding + 1 {
            return false;
        }
        if let Some(list) = self.by_address.get_mut(&ip) {
            let oldest = list.remove(0);
            oldest.close.notify_one();
            self.total -= 1;
        }
        true
    }

    /// Forgets a connection that ended (or was closed to make room).
    fn release(&mut self, ip: IpAddr, id: u64) {
        let Some(list) = self.by_address.get_mut(&ip) else {
            return;
        };
        if let Some(at) = list.iter().position(|open| open.id == id) {
            list.remove(at);
            self.total -= 1;
        }
        if list.is_empty() {
            self.by_address.remove(&ip);
        }
    }
}

/// Forgets its connection however the connection's task ends.
struct Release {
    connections: Arc<Mutex<Connections>>,
    ip: IpAddr,
    id: u64,
}

impl Drop for Release {
    fn drop(&mut self) {
        self.connections
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .release(self.ip, self.id);
    }
}

/// Serves `router` on `listener` until the process ends. Each request carries the
/// peer's address ([`ConnectInfo`]); a request naming another host than the one it
/// reached is answered by `misdirected` and never routed.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    misdirected: fn() -> axum::response::Response,
) {
    let connections = Arc::new(Mutex::new(Connections::default()));
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            // Out of files or a connection reset before it was taken: try again
            // shortly rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let admitted = connections
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .admit(peer.ip(), &limits);
        let Some((id, close)) = admitted else {
            drop(stream);
            continue;
        };
        let release = Release {
            connections: connections.clone(),
            ip: peer.ip(),
            id,
        };
        let local = stream.local_addr().ok();
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        tokio::spawn(async move {
            let _release = release;
            let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                let mut request = request.map(axum::body::Body::new);
                request.extensions_mut().insert(ConnectInfo(peer));
                let mut router = router.clone();
                let addressed_here = local.is_some_and(|l| names_this_host(request.headers(), l));
                async move {
                    if !addressed_here {
                        return Ok(misdirected());
                    }
                    router.call(request).await
                }
            });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.head_within)
                .keep_alive(true);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = close.notified() => {}
            }
        });
    }
}

/// Whether a request's `Host` header names the address it arrived at (or
/// `localhost` on loopback). A web page elsewhere that points a name of its own at
/// the chair's laptop cannot then make a delegate's browser send it requests.
pub fn names_this_host(headers: &HeaderMap, local: SocketAddr) -> bool {
    let Some(named) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let name = strip_port(named.trim());
    if name.eq_ignore_ascii_case("localhost") {
        return local.ip().is_loopback();
    }
    let Ok(ip) = name
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
    else {
        return false;
    };
    same_ip(ip, local.ip())
}

fn strip_port(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        // [v6]:port
        return rest.split_once(']').map_or(host, |(ip, _)| ip);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if !name.contains(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            name
        }
        _ => host,
    }
}

fn same_ip(a: IpAddr, b: IpAddr) -> bool {
    let plain = |ip: IpAddr| match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    };
    plain(a) == plain(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(per_address: usize, total: usize) -> ConnectionLimits {
        ConnectionLimits {
            head_within: HEAD_WITHIN,
            per_address,
            total,
        }
    }

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([10, 0, 0, last])
    }

    #[test]
    fn one_address_cannot_take_more_than_its_share() {
        let mut open = Connections::default();
        let limits = limits(3, 100);
        for _ in 0..3 {
            assert!(open.admit(ip(1), &limits).is_some());
        }
        assert!(open.admit(ip(1), &limits).is_none());
        assert!(open.admit(ip(2), &limits).is_some());
    }

    #[test]
    fn when_all_are_taken_a_newcomer_takes_the_oldest_of_the_heaviest() {
        let mut open = Connections::default();
        let limits = limits(10, 6);
        let first = open.admit(ip(1), &limits).unwrap();
        for _ in 0..4 {
            open.admit(ip(1), &limits).unwrap();
        }
        open.admit(ip(2), &limits).unwrap();
        assert_eq!(open.total, 6);
        // ip 3 holds none, ip 1 holds five: its oldest is closed for the newcomer.
        let newcomer = open.admit(ip(3), &limits);
        assert!(newcomer.is_some());
        assert_eq!(open.total, 6);
        assert!(
            !open.by_address[&ip(1)].iter().any(|o| o.id == first.0),
            "the oldest was closed"
        );
        // Its task ends later and releases it: nothing is counted twice.
        open.release(ip(1), first.0);
        assert_eq!(open.total, 6);
    }

    #[test]
    fn an_even_spread_refuses_the_newcomer_rather_than_take_from_an_equal() {
        let mut open = Connections::default();
        let limits = limits(10, 4);
        for last in 1..=4 {
            open.admit(ip(last), &limits).unwrap();
        }
        // Taking one from an address holding one would only move the shortage.
        assert!(open.admit(ip(9), &limits).is_none());
        open.release(ip(4), open.by_address[&ip(4)][0].id);
        open.admit(ip(1), &limits).unwrap();
        assert!(open.admit(ip(9), &limits).is_some(), "ip 1 held two");
        assert_eq!(open.by_address[&ip(1)].len(), 1);
    }

    #[test]
    fn released_connections_give_their_room_back() {
        let mut open = Connections::default();
        let limits = limits(2, 2);
        let a = open.admit(ip(1), &limits).unwrap();
        let b = open.admit(ip(1), &limits).unwrap();
        open.release(ip(1), a.0);
        open.release(ip(1), b.0);
        assert_eq!(open.total, 0);
        assert!(open.by_address.is_empty());
    }

    #[test]
    fn the_host_header_must_name_the_address_reached() {
        let local: SocketAddr = "192.168.1.10:8080".parse().unwrap();
        let loopback: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let with = |host: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, host.parse().unwrap());
            headers
        };
        assert!(names_this_host(&with("192.168.1.10:8080"), local));
        assert!(names_this_host(&with("192.168.1.10"), local));
        assert!(!names_this_host(&with("evil.example:8080"), local));
        assert!(!names_this_host(&with("192.168.1.11:8080"), local));
        assert!(!names_this_host(&with("localhost:8080"), local));
        assert!(names_this_host(&with("localhost:8080"), loopback));
        assert!(!names_this_host(&HeaderMap::new(), local));
        let v6: SocketAddr = "[fe80::1]:8080".parse().unwrap();
        assert!(names_this_host(&with("[fe80::1]:8080"), v6));
        let mapped: SocketAddr = "[::ffff:192.168.1.10]:8080".parse().unwrap();
        assert!(names_this_host(&with("192.168.1.10:8080"), mapped));
    }
}
