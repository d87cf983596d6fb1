//! Facts files (`thidua.facts/1`): the figures the chair enters once per member
//! (docs/FORMAT.md, section 7), typed elsewhere or exported, brought into a meeting.

use super::config::{Config, check_format, sha256_hex};
use super::event::Event;
use super::json::{Node, Value};
use super::points::{MAX_POINTS, Points};
use super::problem::{Issue, Problems};
use super::reader::{MAX_FILE_BYTES, Reader, nfc, read_document};
use super::session::Session;

pub const FACTS_FORMAT: &str = "thidua.facts/1";

#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    /// `(member, cell, value)` in the file's order.
    pub values: Vec<(usize, usize, Points)>,
    pub sha256: String,
}

impl Facts {
    pub fn from_bytes(bytes: &[u8], config: &Config) -> Result<Facts, Problems> {
        let root = read_document(bytes, MAX_FILE_BYTES)?;
        let mut reader = Reader::default();
        let facts = read_facts(&mut reader, &root, config, sha256_hex(bytes));
        reader.finish(facts)
    }

    /// The events that bring these facts into `session`: one per value that differs
    /// from what the meeting holds, in the file's order.
    pub fn events(&self, session: &Session) -> Vec<Event> {
        let config = session.config();
        self.values
            .iter()
            .filter(|&&(m, c, v)| session.fact(m, c) != Some(v))
            .map(|&(m, c, v)| Event::Fact {
                member: config.members[m].id.clone(),
                item: config.cells[c].id.clone(),
                value: Some(v),
            })
            .collect()
    }
}

/// Whether the bytes name the facts format (so an import can tell facts from a sheet
/// before reading either in full).
pub fn is_facts_file(bytes: &[u8]) -> bool {
    let Ok(root) = read_document(bytes, MAX_FILE_BYTES) else {
        return false;
    };
    let Value::Object(members) = &root.value else {
        return false;
    };
    members.iter().any(|m| {
        m.key == "format" && matches!(&m.value.value, Value::String(s) if s == FACTS_FORMAT)
    })
}

fn read_facts(r: &mut Reader, root: &Node, config: &Config, sha256: String) -> Option<Facts> {
    let obj = r.object(root, "", &["format", "config_sha256", "facts"])?;
    check_format(r, obj, FACTS_FORMAT);
    if let Some(hash) = r.string(obj, "config_sha256")
        && hash.to_ascii_lowercase() != config.sha256
    {
        r.report(
            "config_sha256",
            obj.get("config_sha256"),
            Issue::SheetForAnotherCluster,
        );
    }
    let Some(node) = obj.get("facts") else {
        r.report("facts", Some(root), Issue::Missing);
        return None;
    };
    let Value::Object(members) = &node.value else {
        r.report("facts", Some(node), Issue::EmptyList);
        return None;
    };
    r.duplicate_keys(members, "facts");
    let mut values = Vec::new();
    let mut ok = true;
    for member in members {
        let path = format!("facts.{}", member.key);
        let Some(m) = config.member(&nfc(&member.key)) else {
            r.report(
                path,
                Some(&member.value),
                Issue::UnknownMember {
                    id: member.key.clone(),
                },
            );
            ok = false;
            continue;
        };
        let Value::Object(cells) = &member.value.value else {
            r.report(path, Some(&member.value), Issue::EmptyList);
            ok = false;
            continue;
        };
        r.duplicate_keys(cells, &path);
        for cell in cells {
            let cell_path = format!("{path}.{}", cell.key);
            match read_fact(r, config, m, &cell.key, &cell.value, &cell_path) {
                Some(c) => values.push((m, c.0, c.1)),
                None => ok = false,
            }
        }
    }
    ok.then_some(Facts { values, sha256 })
}

fn read_fact(
    r: &mut Reader,
    config: &Config,
    member: usize,
    key: &str,
    node: &Node,
    path: &str,
) -> Option<(usize, Points)> {
    let Some(c) = config.cell(&nfc(key)) else {
        r.report(path, Some(node), Issue::UnknownCell { id: key.into() });
        return None;
    };
    let cell = &config.cells[c];
    if !cell.by_chair {
        r.report(path, Some(node), Issue::NotAFact);
        return None;
    }
    if !cell.assigned_to(config, member) {
        r.report(path, Some(node), Issue::NotAssignedHere);
        return None;
    }
    let value = r.number_at(node, path, cell.max.max(MAX_POINTS))?;
    match cell.check(value) {
        Ok(v) => Some((c, v)),
        Err(e) => {
            r.report(path, Some(node), Issue::Points(e));
            None
        }
    }
}
