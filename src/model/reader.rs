//! Walks a parsed document by JSON path, collecting every problem instead of stopping
//! at the first, so a person fixing a file sees the whole list at once.

use super::json::{self, JsonKind, Member, Node, Value};
use super::points::Points;
use super::problem::{Expected, Issue, Problem, Problems};
use unicode_normalization::UnicodeNormalization;

/// Size limit for a config or a sheet file.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

/// Checks size and encoding, then parses.
pub fn read_document(bytes: &[u8], limit: u64) -> Result<Node, Problems> {
    if bytes.len() as u64 > limit {
        return Err(Problems::one(
            "",
            None,
            Issue::TooLarge {
                size: bytes.len() as u64,
                limit,
            },
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Problems::one(
            "",
            Some(json::position_of_byte(bytes, e.valid_up_to())),
            Issue::NotUtf8,
        )
    })?;
    json::parse(text).map_err(|e| Problems::one("", Some(e.pos), Issue::Syntax(e.error)))
}

#[derive(Default)]
pub struct Reader {
    pub problems: Vec<Problem>,
}

/// An object found at `path`, whose fields were checked against the allowed names.
#[derive(Clone, Copy)]
pub struct Obj<'a> {
    pub node: &'a Node,
    pub path: &'a str,
    members: &'a [Member],
}

impl<'a> Obj<'a> {
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.members.iter().find(|m| m.key == key).map(|m| &m.value)
    }

    pub fn field_path(&self, key: &str) -> String {
        join(self.path, key)
    }

    pub fn members(&self) -> &'a [Member] {
        self.members
    }
}

pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// Text as stored: Unicode NFC, so `Hà Nội` typed either way compares equal.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

impl Reader {
    pub fn report(&mut self, path: impl Into<String>, node: Option<&Node>, issue: Issue) {
        self.problems.push(Problem {
            path: path.into(),
            pos: node.map(|n| n.pos),
            issue,
        });
    }

    pub fn finish<T>(self, value: Option<T>) -> Result<T, Problems> {
        match value {
            Some(v) if self.problems.is_empty() => Ok(v),
            _ => Err(Problems(self.problems)),
        }
    }

    fn wrong_type(&mut self, path: &str, node: &Node, expected: Expected) {
        self.report(
            path,
            Some(node),
            Issue::WrongType {
                expected,
                found: node.value.kind(),
            },
        );
    }

    /// An object whose fields must all be among `allowed`.
    pub fn object<'a>(
        &mut self,
        node: &'a Node,
        path: &'a str,
        allowed: &[&str],
    ) -> Option<Obj<'a>> {
        let Value::Object(members) = &node.value else {
            self.wrong_type(path, node, Expected::Object);
            return None;
        };
        self.duplicate_keys(members, path);
        for member in members {
            if !allowed.contains(&member.key.as_str()) {
                let suggestion = allowed
                    .iter()
                    .map(|a| (edit_distance(&member.key, a), *a))
                    .filter(|(d, _)| *d <= 2)
                    .min()
                    .map(|(_, a)| a.to_string());
                self.problems.push(Problem {
                    path: join(path, &member.key),
                    pos: Some(member.key_pos),
                    issue: Issue::Unknown { suggestion },
                });
            }
        }
        Some(Obj {
            node,
            path,
            members,
        })
    }

    /// Reports each key written twice in one object, at its second place.
    pub fn duplicate_keys(&mut self, members: &[Member], path: &str) {
        for (i, member) in members.iter().enumerate() {
            if members[..i].iter().any(|m| m.key == member.key) {
                self.problems.push(Problem {
                    path: join(path, &member.key),
                    pos: Some(member.key_pos),
                    issue: Issue::DuplicateKey,
                });
            }
        }
    }

    fn field<'a>(&mut self, obj: Obj<'a>, key: &str, required: bool) -> Option<&'a Node> {
        let node = obj.get(key);
        if node.is_none() && required {
            self.report(obj.field_path(key), Some(obj.node), Issue::Missing);
        }
        node
    }

    fn string_of(&mut self, node: &Node, path: &str) -> Option<String> {
        match &node.value {
            Value::String(s) => {
                let s = nfc(s.trim());
                if s.is_empty() {
                    self.report(path, Some(node), Issue::EmptyText);
                    None
                } else {
                    Some(s)
                }
            }
            _ => {
                self.wrong_type(path, node, Expected::String);
                None
            }
        }
    }

    /// A required non-empty string, trimmed and NFC.
    pub fn string(&mut self, obj: Obj, key: &str) -> Option<String> {
        let node = self.field(obj, key, true)?;
        self.string_of(node, &obj.field_path(key))
    }

    /// An optional non-empty string; `Some(None)` when absent, `None` when wrong.
    pub fn opt_string(&mut self, obj: Obj, key: &str) -> Option<Option<String>> {
        match self.field(obj, key, false) {
            None => Some(None),
            Some(node) => self.string_of(node, &obj.field_path(key)).map(Some),
        }
    }

    pub fn string_at(&mut self, node: &Node, path: &str) -> Option<String> {
        self.string_of(node, path)
    }

    pub fn integer_at(&mut self, node: &Node, path: &str, min: i64, max: i64) -> Option<i64> {
        let Value::Number(text) = &node.value else {
            self.wrong_type(path, node, Expected::Integer);
            return None;
        };
        match text.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                self.report(path, Some(node), Issue::IntegerRange { min, max });
                None
            }
        }
    }

    pub fn integer(
        &mut self,
        obj: Obj,
        key: &str,
        min: i64,
        max: i64,
        required: bool,
    ) -> Option<Option<i64>> {
        match self.field(obj, key, required) {
            None if required => None,
            None => Some(None),
            Some(node) => self
                .integer_at(node, &obj.field_path(key), min, max)
                .map(Some),
        }
    }

    pub fn points_at(&mut self, node: &Node, path: &str) -> Option<Points> {
        self.number_at(node, path, super::points::MAX_POINTS)
    }

    /// A number of at most `limit` hundredths: points, or a count or an actual.
    pub fn number_at(&mut self, node: &Node, path: &str, limit: Points) -> Option<Points> {
        let Value::Number(text) = &node.value else {
            self.wrong_type(path, node, Expected::Number);
            return None;
        };
        match Points::from_json_number_up_to(text, limit) {
            Ok(p) => Some(p),
            Err(e) => {
                self.report(path, Some(node), Issue::Points(e));
                None
            }
        }
    }

    pub fn points(&mut self, obj: Obj, key: &str) -> Option<Points> {
        let node = self.field(obj, key, true)?;
        self.points_at(node, &obj.field_path(key))
    }

    /// A percentage 0–100 with at most 2 decimals, in hundredths of a percent.
    pub fn percent(&mut self, obj: Obj, key: &str, required: bool) -> Option<Option<Points>> {
        let Some(node) = self.field(obj, key, required) else {
            return if required { None } else { Some(None) };
        };
        let path = obj.field_path(key);
        let Value::Number(text) = &node.value else {
            self.wrong_type(&path, node, Expected::Number);
            return None;
        };
        match Points::from_json_number(text) {
            Ok(p) if p <= Points(10_000) => Some(Some(p)),
            _ => {
                self.report(path, Some(node), Issue::Percent);
                None
            }
        }
    }

    pub fn boolean(&mut self, obj: Obj, key: &str) -> Option<Option<bool>> {
        match self.field(obj, key, false) {
            None => Some(None),
            Some(Node {
                value: Value::Bool(b),
                ..
            }) => Some(Some(*b)),
            Some(node) => {
                self.wrong_type(&obj.field_path(key), node, Expected::Bool);
                None
            }
        }
    }

    /// One of a fixed set of words; `default` when absent.
    pub fn choice(
        &mut self,
        obj: Obj,
        key: &str,
        allowed: &[&str],
        default: &str,
    ) -> Option<String> {
        let Some(node) = self.field(obj, key, false) else {
            return Some(default.to_string());
        };
        let path = obj.field_path(key);
        let value = self.string_of(node, &path)?;
        if allowed.contains(&value.as_str()) {
            Some(value)
        } else {
            self.report(
                path,
                Some(node),
                Issue::NotOneOf {
                    found: value,
                    allowed: allowed.iter().map(|a| a.to_string()).collect(),
                },
            );
            None
        }
    }

    pub fn array<'a>(&mut self, obj: Obj<'a>, key: &str, required: bool) -> Option<&'a [Node]> {
        let node = self.field(obj, key, required)?;
        match &node.value {
            Value::Array(items) => Some(items),
            _ => {
                self.wrong_type(&obj.field_path(key), node, Expected::Array);
                None
            }
        }
    }

    /// The object's required `id`, reported if an earlier object in `seen` has it.
    pub fn unique_id(&mut self, obj: Obj, seen: &mut Vec<(String, String)>) -> Option<String> {
        let id = self.string(obj, "id")?;
        self.unique(seen, &id, obj.field_path("id"), obj.get("id"));
        Some(id)
    }

    /// Reports a repeated id at its later place; returns whether it was new.
    pub fn unique(
        &mut self,
        seen: &mut Vec<(String, String)>,
        id: &str,
        path: String,
        node: Option<&Node>,
    ) -> bool {
        if let Some((_, first)) = seen.iter().find(|(s, _)| s == id) {
            let first = first.clone();
            self.report(
                path,
                node,
                Issue::Duplicate {
                    id: id.to_string(),
                    first,
                },
            );
            false
        } else {
            seen.push((id.to_string(), path));
            true
        }
    }
}

pub fn kind_is(node: &Node, kind: JsonKind) -> bool {
    node.value.kind() == kind
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_field_meant() {
        let node = json::parse(r#"{"nmae": "x"}"#).unwrap();
        let mut r = Reader::default();
        let obj = r.object(&node, "members[0]", &["id", "name"]).unwrap();
        assert_eq!(r.string(obj, "name"), None);
        assert_eq!(r.problems.len(), 2);
        assert_eq!(r.problems[0].path, "members[0].nmae");
        assert_eq!(
            r.problems[0].issue,
            Issue::Unknown {
                suggestion: Some("name".into())
            }
        );
        assert_eq!(r.problems[1].path, "members[0].name");
        assert_eq!(r.problems[1].issue, Issue::Missing);
    }

    #[test]
    fn strings_come_out_nfc_and_trimmed() {
        // "Hà" written with a combining grave accent.
        let node = json::parse("{\"name\": \" Ha\u{300} \"}").unwrap();
        let mut r = Reader::default();
        let obj = r.object(&node, "", &["name"]).unwrap();
        assert_eq!(r.string(obj, "name").as_deref(), Some("H\u{e0}"));
    }

    #[test]
    fn file_level_checks() {
        let big = vec![b' '; 11];
        assert!(matches!(
            read_document(&big, 10).unwrap_err().0[0].issue,
            Issue::TooLarge { .. }
        ));
        let latin1 = b"{\"a\": \"Hu\xe9\"}";
        let problems = read_document(latin1, 100).unwrap_err();
        assert_eq!(problems.0[0].issue, Issue::NotUtf8);
        assert_eq!(problems.0[0].pos.unwrap().column, 10);
    }
}
