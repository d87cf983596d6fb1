//! `thidua host M.thidua [--port N] [--codes CODES.json]`: serve the meeting to the
//! delegates on the local network without the window (a spare laptop, tests). Prints
//! the address and every join code; runs until the process is stopped. Everything
//! acknowledged is already committed, so stopping it at any moment loses nothing.

use super::{Out, Outcome, open_meeting, write_file};
use crate::live::hosting::Hosting;
use crate::text::net::N;
use std::path::Path;

pub(super) fn host(
    out: &Out,
    meeting: &Path,
    port: u16,
    codes: Option<&Path>,
    slips: Option<&Path>,
) -> Outcome {
    let file = open_meeting(out, meeting)?;
    let names: Vec<(String, String)> = file
        .config()
        .members
        .iter()
        .map(|m| (m.id.clone(), m.short.clone()))
        .collect();
    let hosting =
        Hosting::start(file, port, |_| {}, || {}).map_err(|e| out.error(&e.text(out.lang)))?;
    let running = &hosting.running;
    let port = running.addr.port();
    let base = hosting.base_url();
    out.say(&N::Serving.fill(out.lang, &[&format!("0.0.0.0:{port}")]));
    let all = running.host.codes();
    let mut listed = serde_json::Map::new();
    for code in all.codes().iter().filter(|c| !c.revoked) {
        let link = crate::net::client::join_link(&base, &code.token);
        let short = names
            .iter()
            .find(|(id, _)| *id == code.scorer)
            .map_or(code.scorer.as_str(), |(_, short)| short.as_str());
        out.say(&N::CodeLine.fill(
            out.lang,
            &[
                &short,
                &crate::model::grant::pin_for_people(&code.pin),
                &link,
            ],
        ));
        listed.insert(
            code.scorer.clone(),
            serde_json::json!({ "pin": code.pin, "link": link }),
        );
    }
    if let Some(path) = codes {
        let document = serde_json::json!({ "port": port, "codes": listed });
        let bytes = serde_json::to_vec_pretty(&document).unwrap_or_default();
        write_file(out, path, &bytes)?;
    }
    if let Some(path) = slips {
        let config = running
            .host
            .writer()
            .read_blocking(|f| f.config().clone())
            .map_err(|e| out.error(&e.text(out.lang)))?;
        let bytes = crate::export::slips::slips_for_codes(&config, &all, &base, out.lang)
            .map_err(|e| out.error(&format!("{}: {e}", path.display())))?;
        write_file(out, path, &bytes)?;
    }
    loop {
        std::thread::park();
    }
}
