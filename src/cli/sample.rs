//! `thidua sample`: the bundled sample meeting, scored in memory and tallied.

use super::tally::print_tally;
use super::{Out, Outcome, TallyFormat};
use crate::sample::sample_meeting;
use crate::text::cli::C;

pub(super) fn demo(out: &Out) -> Outcome {
    let (session, head) = sample_meeting().map_err(|e| out.error(&e))?;
    out.say(C::SampleMeeting.get(out.lang));
    out.say("");
    print_tally(out, &session, &head, TallyFormat::Text);
    Ok(())
}
