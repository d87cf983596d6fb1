//! Serving a meeting to the delegates: the host with its writer, the meeting
//! announced on the network, and the address printed on links and slips. The window
//! and `thidua host` both serve through here.

use crate::net::discovery::{self, Announcement};
use crate::net::host::{self, HostError, RunningHost};
use crate::store::MeetingFile;
use std::net::{IpAddr, Ipv4Addr};

/// A meeting being served.
pub struct Hosting {
    pub running: RunningHost,
    /// This machine's addresses on the room's network, read when serving began.
    pub addresses: Vec<IpAddr>,
    /// Announces the meeting on the network while it is served.
    _announced: Option<Announcement>,
}

impl Hosting {
    /// Serves `file` on every interface at `port` (0: any free one). `on_commit` is
    /// told each event the writer commits; `on_refusal` each time a code is refused
    /// a device or more events (nothing committed, but the chair should see it).
    pub fn start(
        file: MeetingFile,
        port: u16,
        on_commit: impl Fn(u64) + Send + 'static,
        on_refusal: impl Fn() + Send + Sync + 'static,
    ) -> Result<Hosting, HostError> {
        let name = format!(
            "{} — {}",
            file.config().cluster.name,
            file.config().cluster.year
        );
        let sha = file.config().sha256.clone();
        let running = host::start(file, IpAddr::V4(Ipv4Addr::UNSPECIFIED), port, on_commit)?;
        running.host.tell_refusals(on_refusal);
        // Delegates' apps find the meeting by this; the address and PIN work without it.
        let announced = discovery::announce(&name, &sha, running.addr.port());
        Ok(Hosting {
            running,
            addresses: crate::net::lan_addresses(),
            _announced: announced,
        })
    }

    /// The address links and slips carry: this machine on the room's network.
    pub fn base_url(&self) -> String {
        crate::net::base_url(&self.addresses, self.running.addr.port())
    }
}
