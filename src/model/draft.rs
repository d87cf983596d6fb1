//! A cluster config being edited: the JSON document itself, changed field by field,
//! checked by the same loader as a file ([`Config::from_bytes`]) after every change,
//! and written in one canonical form (fields in the documented order, two-space
//! indentation), so saving an unchanged file gives the same bytes and a diff shows
//! only what changed.
//!
//! Keeping the document rather than a typed copy means a file with mistakes opens
//! as it is: a number typed as text, an unknown field or a missing one stays until
//! the secretary fixes it, and the loader names it by the same path.

use super::config::{CLUSTER_FORMAT, Config};
use super::points::Points;
use super::problem::{Issue, Problems};
use super::schema::{self, Object};
use serde_json::{Map, Value};
use std::fmt;

/// One step of a path into the document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A place in the document, written like the loader's problem paths:
/// `criteria[1].items[3].step`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FieldPath(pub Vec<Seg>);

impl FieldPath {
    pub fn root() -> FieldPath {
        FieldPath(Vec::new())
    }

    pub fn key(&self, key: &str) -> FieldPath {
        let mut segs = self.0.clone();
        segs.push(Seg::Key(key.to_string()));
        FieldPath(segs)
    }

    pub fn at(&self, index: usize) -> FieldPath {
        let mut segs = self.0.clone();
        segs.push(Seg::Index(index));
        FieldPath(segs)
    }

    /// `"criteria[1].items"` into its steps (names and indexes only).
    pub fn parse(text: &str) -> FieldPath {
        let mut segs = Vec::new();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let (name, rest) = part.split_once('[').unwrap_or((part, ""));
            if !name.is_empty() {
                segs.push(Seg::Key(name.to_string()));
            }
            for index in rest.split('[') {
                if let Ok(i) = index.trim_end_matches(']').parse() {
                    segs.push(Seg::Index(i));
                }
            }
        }
        FieldPath(segs)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(key) if i == 0 => write!(f, "{key}")?,
                Seg::Key(key) => write!(f, ".{key}")?,
                Seg::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Whether the path `path` (as the loader writes it) is `prefix` or lies inside it:
/// `members[2].id` is under `members` and `members[2]`, not under `member`.
pub fn is_under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// What a field holds, for turning what was typed into JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Text that must be there (an empty one is the loader's to report).
    Text,
    /// Text that is left out of the file when empty.
    OptionalText,
    /// A number (points, a percentage, a count, a year), left out when empty if
    /// optional.
    Number { optional: bool },
    /// A list of text lines (a document header), edited as one block.
    Lines,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConfigDraft {
    doc: Value,
}

impl ConfigDraft {
    /// A new cluster: every section there and empty, the usual scoring rules, the
    /// given year.
    pub fn new(year: i32) -> ConfigDraft {
        let doc = serde_json::json!({
            "format": CLUSTER_FORMAT,
            "cluster": {
                "id": "",
                "name": "",
                "organizer": "",
                "year": year,
                "member_label": "",
                "document_header": [],
            },
            "members": [],
            "criteria": [],
            "adjustments": [],
            "scoring": { "self": "exclude", "aggregate": "mean", "trim": 0, "decimals": 2 },
            "classes": [],
            "commendations": [],
            "tie_break": [],
        });
        ConfigDraft { doc }
    }

    /// Opens a file as it is, mistakes included, if it is a JSON document the editor
    /// can hold; otherwise the loader's problems (not JSON, not UTF-8, too large,
    /// a field written twice), which only a text editor can fix.
    pub fn from_bytes(bytes: &[u8]) -> Result<ConfigDraft, Problems> {
        if let Err(problems) = Config::from_bytes(bytes) {
            let unreadable: Vec<_> = problems
                .0
                .into_iter()
                .filter(|p| {
                    matches!(
                        p.issue,
                        Issue::Syntax(_)
                            | Issue::NotUtf8
                            | Issue::TooLarge { .. }
                            | Issue::DuplicateKey
                    )
                })
                .collect();
            if !unreadable.is_empty() {
                return Err(Problems(unreadable));
            }
        }
        let text = std::str::from_utf8(bytes).unwrap_or_default();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let doc = serde_json::from_str(text).map_err(|_| {
            Problems::one("", None, Issue::Syntax(super::json::SyntaxError::TooDeep))
        })?;
        Ok(ConfigDraft { doc })
    }

    /// The file's bytes: known fields in the documented order, then any others as
    /// they came; two-space indentation; a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let canonical = ordered(&self.doc, Object::Root);
        let mut text = serde_json::to_string_pretty(&canonical).unwrap_or_default();
        text.push('\n');
        text.into_bytes()
    }

    /// Whether the document uses anything only version 2 has: a heading, an item's
    /// kind, targets, items not assigned, figures the chair enters, a cap, the
    /// comparison by percent, a quorum or a fraction threshold.
    pub fn uses_version_2(&self) -> bool {
        uses_version_2(&self.doc, Object::Root)
    }

    /// Marks a version 1 document version 2 once it uses a version 2 feature (a
    /// file that does not stays exactly as it was). Whether it changed.
    pub fn upgrade_if_needed(&mut self) -> bool {
        let is_v1 = self.doc.get("format").and_then(Value::as_str) == Some(CLUSTER_FORMAT);
        if is_v1 && self.uses_version_2() {
            return self.set(
                &FieldPath::root().key("format"),
                Some(Value::from(super::config::CLUSTER_FORMAT_V2)),
            );
        }
        false
    }

    /// The config these bytes make, or every problem the loader finds in them.
    pub fn check(&self) -> Result<Config, Problems> {
        Config::from_bytes(&self.to_bytes())
    }

    pub fn get(&self, path: &FieldPath) -> Option<&Value> {
        let mut at = &self.doc;
        for seg in &path.0 {
            at = match seg {
                Seg::Key(key) => at.get(key)?,
                Seg::Index(index) => at.get(*index)?,
            };
        }
        Some(at)
    }

    fn get_mut(&mut self, path: &FieldPath) -> Option<&mut Value> {
        let mut at = &mut self.doc;
        for seg in &path.0 {
            at = match seg {
                Seg::Key(key) => at.get_mut(key)?,
                Seg::Index(index) => at.get_mut(*index)?,
            };
        }
        Some(at)
    }

    /// The object holding `path`'s last key, made (as an empty object) where missing.
    fn parent_object(&mut self, path: &FieldPath) -> Option<(&mut Map<String, Value>, String)> {
        let (last, parents) = path.0.split_last()?;
        let Seg::Key(key) = last else { return None };
        let mut at = &mut self.doc;
        for seg in parents {
            at = match seg {
                Seg::Key(k) => {
                    let object = at.as_object_mut()?;
                    object
                        .entry(k.clone())
                        .or_insert_with(|| Value::Object(Map::new()))
                }
                Seg::Index(index) => at.get_mut(*index)?,
            };
        }
        Some((at.as_object_mut()?, key.clone()))
    }

    /// Sets or, with `None`, removes the field at `path`. False when the path does
    /// not lead into an object (a section of the wrong type in a broken file).
    pub fn set(&mut self, path: &FieldPath, value: Option<Value>) -> bool {
        let Some((object, key)) = self.parent_object(path) else {
            return false;
        };
        match value {
            Some(value) => {
                object.insert(key, value);
            }
            None => {
                object.shift_remove(&key);
            }
        }
        true
    }

    /// What a field shows for editing: text as it is, numbers with the decimal
    /// separator given, a list of lines one per line, anything else as JSON.
    pub fn text(&self, path: &FieldPath, separator: char) -> String {
        match self.get(path) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string().replace('.', &separator.to_string()),
            Some(Value::Array(lines)) if lines.iter().all(Value::is_string) => lines
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("\n"),
            Some(other) => other.to_string(),
        }
    }

    /// Puts what was typed into the field: numbers as JSON numbers (`9,5` and `9.5`
    /// alike), text as text; a number field with words in it keeps them as text,
    /// so the loader names the mistake at this field.
    pub fn set_text(&mut self, path: &FieldPath, typed: &str, kind: FieldKind) -> bool {
        let trimmed = typed.trim();
        let value = match kind {
            FieldKind::Text => Some(Value::String(typed.to_string())),
            FieldKind::OptionalText if trimmed.is_empty() => None,
            FieldKind::OptionalText => Some(Value::String(typed.to_string())),
            FieldKind::Number { optional } if trimmed.is_empty() => {
                (!optional).then(|| Value::String(String::new()))
            }
            FieldKind::Number { .. } => Some(number_value(trimmed)),
            FieldKind::Lines => Some(Value::Array(
                typed
                    .lines()
                    .filter(|_| !trimmed.is_empty())
                    .map(Value::from)
                    .collect(),
            )),
        };
        self.set(path, value)
    }

    /// The list at `path`, if it is one.
    pub fn list(&self, path: &FieldPath) -> Option<&Vec<Value>> {
        self.get(path)?.as_array()
    }

    pub fn len(&self, path: &FieldPath) -> usize {
        self.list(path).map_or(0, Vec::len)
    }

    /// Appends to the list at `path`, making the list where there is none.
    pub fn push(&mut self, path: &FieldPath, value: Value) -> bool {
        if self.get(path).is_none() && !self.set(path, Some(Value::Array(Vec::new()))) {
            return false;
        }
        match self.get_mut(path).and_then(Value::as_array_mut) {
            Some(list) => {
                list.push(value);
                true
            }
            None => false,
        }
    }

    /// Replaces entry `index` of the list at `path` (a bare value such as a
    /// tie-break).
    pub fn replace_at(&mut self, path: &FieldPath, index: usize, value: Value) -> bool {
        match self.get_mut(path).and_then(|l| l.get_mut(index)) {
            Some(entry) => {
                *entry = value;
                true
            }
            None => false,
        }
    }

    pub fn remove_at(&mut self, path: &FieldPath, index: usize) -> bool {
        match self.get_mut(path).and_then(Value::as_array_mut) {
            Some(list) if index < list.len() => {
                list.remove(index);
                true
            }
            _ => false,
        }
    }

    /// Moves a list entry from `from` to `to` (both in range).
    pub fn move_entry(&mut self, path: &FieldPath, from: usize, to: usize) -> bool {
        match self.get_mut(path).and_then(Value::as_array_mut) {
            Some(list) if from < list.len() && to < list.len() => {
                let entry = list.remove(from);
                list.insert(to, entry);
                true
            }
            _ => false,
        }
    }

    /// The highest total the criteria allow, from every item's maximum that reads
    /// as points (shown while the secretary types).
    pub fn max_total(&self) -> Points {
        let groups = self.list(&FieldPath::root().key("criteria"));
        let total = groups
            .into_iter()
            .flatten()
            .filter_map(|g| g.get("items")?.as_array())
            .flatten()
            .filter_map(|item| points_of(item.get("max")?))
            .map(|p| p.0)
            .sum();
        Points(total)
    }

    /// What a member is called: its short name, or its full name without one.
    pub fn member_label(&self, member: &FieldPath) -> String {
        let short = self.text(&member.key("short"), '.');
        if short.trim().is_empty() {
            self.text(&member.key("name"), '.')
        } else {
            short
        }
    }

    /// After a member's name changed from `before`: an empty id, or (in a cluster
    /// not yet saved, `ids_free`) an id still made from the old name, follows the new
    /// one. In a file in use ids are what sheets and meetings name, so they change
    /// only when someone changes them.
    pub fn keep_id_with_name(&mut self, member: &FieldPath, before: &str, ids_free: bool) {
        let now = self.member_label(member);
        let id = self.text(&member.key("id"), '.');
        if now != before && (id.is_empty() || (ids_free && id == slug(before))) {
            self.set(&member.key("id"), Some(Value::from(slug(&now))));
        }
    }

    /// Next year's config from this year's: the year plus one and, when the meeting
    /// agreed them, next year's head and deputy (member ids); every other member
    /// back to a plain member.
    pub fn for_next_year(&self, next: Option<(&str, &str)>) -> ConfigDraft {
        let mut draft = self.clone();
        let year = FieldPath::root().key("cluster").key("year");
        if let Some(y) = draft.get(&year).and_then(Value::as_i64) {
            draft.set(&year, Some(Value::from(y + 1)));
        }
        if let Some((head, deputy)) = next {
            let members = FieldPath::root().key("members");
            for i in 0..draft.len(&members) {
                let id = draft.text(&members.at(i).key("id"), '.');
                let role = if id == head {
                    Some(Value::from("head"))
                } else if id == deputy {
                    Some(Value::from("deputy"))
                } else {
                    None
                };
                draft.set(&members.at(i).key("role"), role);
            }
        }
        draft
    }
}

impl ConfigDraft {
    /// The criteria replaced by a table's groups and items, numbered `1`, `1.1`…;
    /// each item's step is half a point unless its maximum needs a finer one.
    pub fn put_criteria(&mut self, table: &super::criteria_table::CriteriaTable) {
        let groups: Vec<Value> = table
            .groups
            .iter()
            .enumerate()
            .map(|(g, group)| {
                let id = (g + 1).to_string();
                let items = table_entries(group, None, &id);
                serde_json::json!({ "id": id, "name": group.name, "items": items })
            })
            .collect();
        self.set(
            &FieldPath::root().key("criteria"),
            Some(Value::Array(groups)),
        );
        // Sub-levels are version 2's: the file says so.
        self.upgrade_if_needed();
    }
}

/// The entries under `parent` (the group itself for `None`): its headings, each
/// before the first item under it, and its items, numbered from `prefix`.
fn table_entries(
    group: &super::criteria_table::TableGroup,
    parent: Option<usize>,
    prefix: &str,
) -> Vec<Value> {
    use super::criteria_table::default_step;
    let mut children: Vec<(usize, u8, usize)> = group
        .headings
        .iter()
        .enumerate()
        .filter(|(_, h)| h.parent == parent)
        .map(|(h, heading)| (heading.first_item, 0, h))
        .chain(
            group
                .items
                .iter()
                .enumerate()
                .filter(|(_, item)| item.heading == parent)
                .map(|(i, _)| (i, 1, i)),
        )
        .collect();
    children.sort_unstable();
    children
        .into_iter()
        .enumerate()
        .map(|(n, (_, is_item, at))| {
            let id = format!("{prefix}.{}", n + 1);
            if is_item == 0 {
                let heading = &group.headings[at];
                let mut entry = serde_json::json!({"id": id, "name": heading.name});
                if let (Some(cap), Some(object)) = (heading.max, entry.as_object_mut()) {
                    object.insert("cap".into(), points_value(cap));
                }
                let items = table_entries(group, Some(at), &id);
                if let Some(object) = entry.as_object_mut() {
                    object.insert("items".into(), Value::Array(items));
                }
                return entry;
            }
            let item = &group.items[at];
            let mut entry = serde_json::json!({
                "id": id,
                "name": item.name,
                "max": points_value(item.max),
                "step": points_value(default_step(item.max)),
            });
            if let (Some(guide), Some(object)) = (&item.guide, entry.as_object_mut()) {
                object.insert("guide".into(), Value::from(guide.clone()));
            }
            entry
        })
        .collect()
}

/// Points as the file writes them: `6`, `0.5`, `2.25`.
fn points_value(points: Points) -> Value {
    number_value(&points.display('.'))
}

/// `9,5` → 9.5, `10` → 10; anything else stays text.
fn number_value(typed: &str) -> Value {
    let normal = typed.replace(',', ".");
    if let Ok(whole) = normal.parse::<i64>() {
        return Value::from(whole);
    }
    let looks_numeric = normal
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && normal.chars().any(|c| c.is_ascii_digit());
    match normal.parse::<f64>() {
        Ok(x) if looks_numeric && x.is_finite() => serde_json::Number::from_f64(x)
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(typed.to_string())),
        _ => Value::String(typed.to_string()),
    }
}

fn points_of(value: &Value) -> Option<Points> {
    let text = match value {
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    Points::parse(&text).ok()
}

/// Whether `value` (an `object` of the config) or anything in it has a field only
/// version 2 has, by the schema.
fn uses_version_2(value: &Value, object: Object) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(key, v)| {
            schema::is_version_2(object, key) || uses_version_2(v, schema::child(object, key))
        }),
        Value::Array(list) => list.iter().any(|v| uses_version_2(v, entry_of(object, v))),
        _ => false,
    }
}

/// The object an entry of a list of `object`s is: an item with `items` of its own
/// is a heading.
fn entry_of(object: Object, value: &Value) -> Object {
    if object == Object::Item {
        schema::entry_object(value.get("items").is_some())
    } else {
        object
    }
}

/// The document with every object's fields in the schema's order (the fields it
/// does not know after them, as they came).
fn ordered(value: &Value, object: Object) -> Value {
    match value {
        Value::Object(map) => {
            let object = entry_of(object, value);
            let known: Vec<&str> = schema::fields(object).iter().map(|f| f.key).collect();
            let mut out = Map::new();
            for key in &known {
                if let Some(v) = map.get(*key) {
                    out.insert(key.to_string(), ordered(v, schema::child(object, key)));
                }
            }
            for (key, v) in map {
                if !known.contains(&key.as_str()) {
                    out.insert(key.clone(), ordered(v, Object::Other));
                }
            }
            Value::Object(out)
        }
        Value::Array(list) => Value::Array(list.iter().map(|v| ordered(v, object)).collect()),
        other => other.clone(),
    }
}

/// A member id from a name: lowercase ASCII letters and digits joined by hyphens,
/// Vietnamese marks taken off (`Văn Miếu - Quốc Tử Giám` → `van-mieu-quoc-tu-giam`).
pub fn slug(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut gap = false;
    for c in name.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if unicode_normalization::char::is_combining_mark(c) => continue,
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            out.push(c);
            gap = false;
        } else {
            gap = true;
        }
    }
    out
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
