//! `thidua find`: the meetings served on the local network, as a delegate's app
//! would list them.

use super::{Out, Outcome};
use crate::net::discovery;
use crate::text::net::N;

pub(super) fn find(out: &Out, wait: std::time::Duration) -> Outcome {
    let found = discovery::browse(wait);
    if found.is_empty() {
        out.say(N::NoneFound.get(out.lang));
    }
    for meeting in found {
        let address = meeting.address().unwrap_or_default();
        out.say(&N::FoundLine.fill(out.lang, &[&meeting.name, &address]));
    }
    Ok(())
}
