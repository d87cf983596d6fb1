//! Delegate sheets (`thidua.sheet/1`): one delegate's scores, made on any laptop from
//! the same config, and how importing one turns into events.

use super::config::{CellKind, Config, check_format, sha256_hex};
use super::event::Event;
use super::json::{Node, Value};
use super::points::{MAX_POINTS, Points};
use super::problem::{Issue, Lang, Problems};
use super::reader::{MAX_FILE_BYTES, Reader, nfc, read_document};
use super::session::Session;
use serde_json::json;

pub const SHEET_FORMAT: &str = "thidua.sheet/1";

#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub scorer: usize,
    /// `(target, cell, value)`, every item of every target the scorer scores, and the
    /// adjustments that were given.
    pub scores: Vec<(usize, usize, Points)>,
    pub submitted_at: String,
    /// SHA-256 of the file's bytes, recorded as provenance.
    pub sha256: String,
}

impl Sheet {
    /// Reads a sheet file and checks it against the meeting's config.
    pub fn from_bytes(bytes: &[u8], config: &Config) -> Result<Sheet, Problems> {
        let root = read_document(bytes, MAX_FILE_BYTES)?;
        let mut reader = Reader::default();
        let sheet = read_sheet(&mut reader, &root, config, sha256_hex(bytes));
        reader.finish(sheet)
    }

    /// Writes a scorer's sheet from a session, in the file format.
    pub fn to_json(session: &Session, scorer: usize, submitted_at: &str) -> String {
        let config = session.config();
        let mut scores = serde_json::Map::new();
        for (t, member) in config.members.iter().enumerate() {
            if !config.scores_target(scorer, t) {
                continue;
            }
            let mut row = serde_json::Map::new();
            for (c, cell) in config.cells.iter().enumerate() {
                if let Some(v) = session.score(scorer, t, c) {
                    row.insert(cell.id.clone(), json!(v));
                }
            }
            scores.insert(member.id.clone(), serde_json::Value::Object(row));
        }
        let doc = json!({
            "format": SHEET_FORMAT,
            "config_sha256": config.sha256,
            "scorer": config.members[scorer].id,
            "scores": scores,
            "submitted_at": submitted_at,
        });
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    }
}

fn key_path(parent: &str, key: &str) -> String {
    format!("{parent}[{}]", super::json::quote(key))
}

fn read_sheet(r: &mut Reader, root: &Node, config: &Config, sha256: String) -> Option<Sheet> {
    let obj = r.object(
        root,
        "",
        &[
            "format",
            "config_sha256",
            "scorer",
            "scores",
            "submitted_at",
        ],
    )?;
    check_format(r, obj, SHEET_FORMAT);
    let hash = r.string(obj, "config_sha256");
    if let Some(hash) = &hash
        && hash.to_ascii_lowercase() != config.sha256
    {
        r.report(
            "config_sha256",
            obj.get("config_sha256"),
            Issue::SheetForAnotherCluster,
        );
    }
    let scorer = r
        .string(obj, "scorer")
        .and_then(|id| match config.member(&id) {
            Some(s) => Some(s),
            None => {
                r.report("scorer", obj.get("scorer"), Issue::UnknownMember { id });
                None
            }
        });
    let submitted_at = r.string(obj, "submitted_at").and_then(|at| {
        if chrono::DateTime::parse_from_rfc3339(&at).is_ok() {
            Some(at)
        } else {
            r.report("submitted_at", obj.get("submitted_at"), Issue::BadTimestamp);
            None
        }
    });
    let scores_node = match obj.get("scores") {
        Some(node) => node,
        None => {
            r.report("scores", Some(root), Issue::Missing);
            return None;
        }
    };
    let scorer = scorer?;
    let scores = read_scores(r, scores_node, config, scorer)?;
    Some(Sheet {
        scorer,
        scores,
        submitted_at: submitted_at?,
        sha256,
    })
}

fn read_scores(
    r: &mut Reader,
    node: &Node,
    config: &Config,
    scorer: usize,
) -> Option<Vec<(usize, usize, Points)>> {
    let Value::Object(targets) = &node.value else {
        r.report(
            "scores",
            Some(node),
            Issue::WrongType {
                expected: super::problem::Expected::Object,
                found: node.value.kind(),
            },
        );
        return None;
    };
    r.duplicate_keys(targets, "scores");
    let n = config.members.len();
    // A cell is settled once it has a good value or its problem is reported: a bad
    // value is named once, never again as a missing cell.
    let mut settled = vec![vec![false; config.cells.len()]; n];
    let mut out = Vec::new();
    let mut ok = true;
    for target in targets {
        let path = key_path("scores", &target.key);
        let Some(t) = config.member(&nfc(&target.key)) else {
            r.report(
                path,
                Some(&target.value),
                Issue::UnknownMember {
                    id: target.key.clone(),
                },
            );
            ok = false;
            continue;
        };
        if !config.scores_target(scorer, t) {
            r.report(path, Some(&target.value), Issue::SelfExcluded);
            ok = false;
            continue;
        }
        let Value::Object(cells) = &target.value.value else {
            r.report(
                path,
                Some(&target.value),
                Issue::WrongType {
                    expected: super::problem::Expected::Object,
                    found: target.value.value.kind(),
                },
            );
            // The whole row is named; its cells are not missing on top of that.
            settled[t].fill(true);
            ok = false;
            continue;
        };
        r.duplicate_keys(cells, &path);
        for cell in cells {
            let cell_path = key_path(&path, &cell.key);
            let Some(c) = config.cell(&nfc(&cell.key)) else {
                r.report(
                    cell_path,
                    Some(&cell.value),
                    Issue::UnknownCell {
                        id: cell.key.clone(),
                    },
                );
                ok = false;
                continue;
            };
            settled[t][c] = true;
            let limits = &config.cells[c];
            if let Some(issue) = off_sheet(config, c, t) {
                r.report(cell_path, Some(&cell.value), issue);
                ok = false;
                continue;
            }
            let Some(value) = r.number_at(&cell.value, &cell_path, limits.max.max(MAX_POINTS))
            else {
                ok = false;
                continue;
            };
            match limits.check(value) {
                Ok(v) => out.push((t, c, v)),
                Err(e) => {
                    r.report(cell_path, Some(&cell.value), Issue::Points(e));
                    ok = false;
                }
            }
        }
    }
    let mut missing = Vec::new();
    for t in (0..n).filter(|&t| config.scores_target(scorer, t)) {
        for (c, cell) in config.cells.iter().enumerate() {
            if matches!(cell.kind, CellKind::Item { .. })
                && cell.on_sheet_for(config, t)
                && !settled[t][c]
            {
                missing.push(format!("{} / {}", config.members[t].id, cell.id));
            }
        }
    }
    if !missing.is_empty() {
        r.report(
            "scores",
            Some(node),
            Issue::IncompleteSheet {
                missing: missing.len(),
                example: missing[0].clone(),
            },
        );
        ok = false;
    }
    ok.then_some(out)
}

/// Why cell `c` has no place on a delegate's sheet for target `t`, if it has none.
fn off_sheet(config: &Config, c: usize, t: usize) -> Option<Issue> {
    let cell = &config.cells[c];
    if cell.by_chair {
        Some(Issue::EnteredByChair)
    } else if !cell.assigned_to(config, t) {
        Some(Issue::NotAssignedHere)
    } else {
        None
    }
}

/// What importing a sheet would do.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportPlan {
    /// The same sheet is already in the meeting; nothing changes.
    Unchanged,
    /// These events, committed together, bring the sheet in and submit it.
    Events(Vec<Event>),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub enum ImportError {
    Conflict {
        scorer: String,
        differences: usize,
        example: String,
    },
    Event(#[from] super::session::EventError),
}

impl ImportError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ImportError::Event(e) => e.text(lang),
            ImportError::Conflict {
                scorer,
                differences,
                example,
            } => crate::text::errors::E::ImportConflict.fill(lang, &[scorer, differences, example]),
        }
    }
}

/// The value a sheet gives each cell of one target: items always, adjustments
/// only when given (an absent bonus is no bonus).
fn sheet_row(config: &Config, sheet: &Sheet, target: usize) -> Vec<Option<Points>> {
    let mut row = vec![None; config.cells.len()];
    for &(t, c, v) in &sheet.scores {
        if t == target {
            row[c] = Some(v);
        }
    }
    row
}

fn same_value(config: &Config, c: usize, a: Option<Points>, b: Option<Points>) -> bool {
    let is_adjustment = !config.cells[c].is_item();
    a == b || (is_adjustment && a.unwrap_or(Points::ZERO) == b.unwrap_or(Points::ZERO))
}

/// Decides what importing `sheet` means for the meeting now. Importing the same sheet
/// twice is a no-op; a sheet that differs from a submitted one is refused.
pub fn plan_import(
    session: &Session,
    sheet: &Sheet,
    source: &str,
) -> Result<ImportPlan, ImportError> {
    let config = session.config();
    let s = sheet.scorer;
    let scorer_id = config.members[s].id.clone();
    let targets: Vec<usize> = (0..config.members.len())
        .filter(|&t| config.scores_target(s, t))
        .collect();
    let mut changes = Vec::new();
    for &t in &targets {
        let wanted = sheet_row(config, sheet, t);
        let current = session.row(s, t);
        for (c, (&want, &have)) in wanted.iter().zip(current).enumerate() {
            if !same_value(config, c, want, have) {
                changes.push((t, c, want));
            }
        }
    }
    if session.is_submitted(s) {
        if changes.is_empty() {
            return Ok(ImportPlan::Unchanged);
        }
        let (t, c, _) = changes[0];
        return Err(ImportError::Conflict {
            scorer: config.members[s].short.clone(),
            differences: changes.len(),
            example: format!("{} / {}", config.members[t].short, config.cells[c].id),
        });
    }
    let mut events = vec![Event::ImportSheet {
        scorer: scorer_id.clone(),
        sheet_sha256: sheet.sha256.clone(),
        source: source.to_string(),
    }];
    events.extend(changes.into_iter().map(|(t, c, value)| Event::Score {
        scorer: scorer_id.clone(),
        target: config.members[t].id.clone(),
        item: config.cells[c].id.clone(),
        value,
    }));
    events.push(Event::Submit { scorer: scorer_id });
    Ok(ImportPlan::Events(events))
}
