//! The cluster config (`thidua.cluster/1`): who the members are, what is scored, and
//! the local rules. Loading checks everything and reports every problem with its place.

use super::json::Node;
use super::points::{MAX_POINTS, Points};
use super::problem::{Issue, Problems};
use super::reader::{MAX_FILE_BYTES, Obj, Reader, index, read_document};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Position by id, for the config's members and cells. Looked up for every event of
/// every file opened, with ids of a few bytes: FNV-1a is several times faster than
/// the default SipHash there, and the table never grows from outside input.
type IdIndex = HashMap<String, usize, BuildHasherDefault<Fnv1a>>;

struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

pub const CLUSTER_FORMAT: &str = "thidua.cluster/1";

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub cluster: Cluster,
    pub members: Vec<MemberInfo>,
    pub groups: Vec<Group>,
    pub adjustments: Vec<Adjustment>,
    pub scoring: Scoring,
    pub classes: Vec<Class>,
    pub commendations: Vec<Commendation>,
    pub tie_break: Vec<TieBreak>,
    /// Every scorable cell: the items of all groups in order, then the adjustments.
    pub cells: Vec<Cell>,
    /// Lowercase hex SHA-256 of the file's bytes exactly as read.
    pub sha256: String,
    member_index: IdIndex,
    cell_index: IdIndex,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub id: String,
    pub name: String,
    pub organizer: String,
    pub year: i32,
    pub member_label: String,
    pub document_header: Vec<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Head,
    Deputy,
    Member,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MemberInfo {
    pub id: String,
    pub name: String,
    pub short: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub items: Vec<Item>,
}

impl Group {
    pub fn max(&self) -> Points {
        Points(self.items.iter().map(|i| i.max.0).sum())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub name: String,
    pub max: Points,
    pub step: Points,
    pub guide: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdjustmentKind {
    Bonus,
    Deduction,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Adjustment {
    pub id: String,
    pub kind: AdjustmentKind,
    pub name: String,
    pub max: Points,
    pub step: Points,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfRule {
    Exclude,
    Include,
    Separate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    Mean,
    TrimmedMean,
    Median,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scoring {
    pub self_rule: SelfRule,
    pub aggregate: Aggregate,
    pub trim: usize,
    pub decimals: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Class {
    pub id: String,
    pub name: String,
    pub min: Points,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotBase {
    Present,
    Members,
    Valid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BallotRule {
    /// Hundredths of a percent: 50% is 5000.
    pub threshold: Points,
    pub strict: bool,
    pub base: BallotBase,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Commendation {
    pub id: String,
    pub name: String,
    pub max_count: Option<u32>,
    /// Hundredths of a percent.
    pub max_percent: Option<Points>,
    /// Index into `classes`.
    pub min_class: Option<usize>,
    pub ballot: Option<BallotRule>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieBreak {
    /// Higher subtotal of the group at this index.
    Group(usize),
    Bonus,
    Deductions,
    Ballot,
}

/// What one scorable cell is: an item of a group, or a bonus or deduction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Item { group: usize },
    Bonus,
    Deduction,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub id: String,
    pub kind: CellKind,
    pub max: Points,
    pub step: Points,
}

impl Cell {
    pub fn is_item(&self) -> bool {
        matches!(self.kind, CellKind::Item { .. })
    }
}

impl Config {
    /// Reads a config file's bytes; every problem is reported with its place.
    pub fn from_bytes(bytes: &[u8]) -> Result<Config, Problems> {
        let root = read_document(bytes, MAX_FILE_BYTES)?;
        let sha256 = sha256_hex(bytes);
        let mut reader = Reader::default();
        let config = read_config(&mut reader, &root, sha256);
        reader.finish(config)
    }

    pub fn member(&self, id: &str) -> Option<usize> {
        self.member_index.get(id).copied()
    }

    pub fn cell(&self, id: &str) -> Option<usize> {
        self.cell_index.get(id).copied()
    }

    pub fn item_count(&self) -> usize {
        self.groups.iter().map(|g| g.items.len()).sum()
    }

    pub fn max_total(&self) -> Points {
        Points(self.groups.iter().map(|g| g.max().0).sum())
    }

    /// Whether `scorer` fills cells for `target` on its sheet.
    pub fn scores_target(&self, scorer: usize, target: usize) -> bool {
        scorer != target || self.scoring.self_rule != SelfRule::Exclude
    }

    /// Whether `scorer`'s sheet counts toward `target`'s total.
    pub fn counts_toward(&self, scorer: usize, target: usize) -> bool {
        scorer != target || self.scoring.self_rule == SelfRule::Include
    }

    pub fn class_of_min(&self, min_class: usize) -> &Class {
        &self.classes[min_class]
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every field each object of the config may have, in the documented order: the
/// loader refuses any other, and the editor writes them in this order.
pub mod fields {
    pub const ROOT: &[&str] = &[
        "format",
        "cluster",
        "members",
        "criteria",
        "adjustments",
        "scoring",
        "classes",
        "commendations",
        "tie_break",
    ];
    pub const CLUSTER: &[&str] = &[
        "id",
        "name",
        "organizer",
        "year",
        "member_label",
        "document_header",
        "note",
    ];
    pub const MEMBER: &[&str] = &["id", "name", "short", "role"];
    pub const GROUP: &[&str] = &["id", "name", "items"];
    pub const ITEM: &[&str] = &["id", "name", "max", "step", "guide"];
    pub const ADJUSTMENT: &[&str] = &["id", "kind", "name", "max", "step"];
    pub const SCORING: &[&str] = &["self", "aggregate", "trim", "decimals"];
    pub const CLASS: &[&str] = &["id", "name", "min"];
    pub const COMMENDATION: &[&str] = &[
        "id",
        "name",
        "max_count",
        "max_percent",
        "min_class",
        "ballot",
    ];
    pub const BALLOT: &[&str] = &["threshold_percent", "strict", "base"];
}

fn read_config(r: &mut Reader, root: &Node, sha256: String) -> Option<Config> {
    let obj = r.object(root, "", fields::ROOT)?;
    check_format(r, obj, CLUSTER_FORMAT);
    let cluster = match obj.get("cluster") {
        Some(node) => read_cluster(r, node),
        None => {
            r.report("cluster", Some(root), Issue::Missing);
            None
        }
    };
    let members = read_members(r, obj);
    let groups = read_groups(r, obj);
    let adjustments = read_adjustments(r, obj);
    let scoring = read_scoring(r, obj);
    let classes = read_classes(r, obj);
    let commendations = read_commendations(r, obj, classes.as_deref());
    let tie_break = read_tie_break(r, obj, groups.as_deref());
    let (cluster, members, groups, adjustments, scoring, classes, commendations, tie_break) = (
        cluster?,
        members?,
        groups?,
        adjustments?,
        scoring?,
        classes?,
        commendations?,
        tie_break?,
    );
    check_cell_ids(r, &groups, &adjustments);
    let cells = cells_of(&groups, &adjustments);
    let member_index = members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.clone(), i))
        .collect();
    let cell_index = cells
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    Some(Config {
        cluster,
        members,
        groups,
        adjustments,
        scoring,
        classes,
        commendations,
        tie_break,
        cells,
        sha256,
        member_index,
        cell_index,
    })
}

/// Checks the `format` field of any of the project's documents.
pub fn check_format(r: &mut Reader, obj: Obj, expected: &'static str) {
    if let Some(found) = r.string(obj, "format")
        && found != expected
    {
        r.report(
            obj.field_path("format"),
            obj.get("format"),
            Issue::WrongFormat { found, expected },
        );
    }
}

fn read_cluster(r: &mut Reader, node: &Node) -> Option<Cluster> {
    let obj = r.object(node, "cluster", fields::CLUSTER)?;
    let id = r.string(obj, "id");
    let name = r.string(obj, "name");
    let organizer = r.string(obj, "organizer");
    let year = r.integer(obj, "year", 2000, 2100, true);
    let member_label = r.string(obj, "member_label");
    let header = r.array(obj, "document_header", false);
    let header: Option<Vec<String>> = match header {
        None => obj.get("document_header").is_none().then(Vec::new),
        Some(lines) => lines
            .iter()
            .enumerate()
            .map(|(i, line)| r.string_at(line, &index("cluster.document_header", i)))
            .collect::<Vec<_>>()
            .into_iter()
            .collect(),
    };
    let note = r.opt_string(obj, "note");
    Some(Cluster {
        id: id?,
        name: name?,
        organizer: organizer?,
        year: year?? as i32,
        member_label: member_label?,
        document_header: header?,
        note: note?,
    })
}

fn read_members(r: &mut Reader, obj: Obj) -> Option<Vec<MemberInfo>> {
    let nodes = r.array(obj, "members", true)?;
    if nodes.len() < 2 {
        r.report(
            "members",
            obj.get("members"),
            Issue::TooFewMembers { found: nodes.len() },
        );
    }
    let mut seen = Vec::new();
    let mut head: Option<String> = None;
    let mut deputy: Option<String> = None;
    let mut members = Some(Vec::new());
    for (i, node) in nodes.iter().enumerate() {
        let path = index("members", i);
        let Some(m) = r.object(node, &path, fields::MEMBER) else {
            members = None;
            continue;
        };
        let id = r.unique_id(m, &mut seen);
        let name = r.string(m, "name");
        let short = r.opt_string(m, "short");
        let role = r.choice(m, "role", &["head", "deputy", "member"], "member");
        let role = role.map(|role| match role.as_str() {
            "head" => Role::Head,
            "deputy" => Role::Deputy,
            _ => Role::Member,
        });
        let role_path = m.field_path("role");
        for (wanted, word, slot) in [
            (Role::Head, "head", &mut head),
            (Role::Deputy, "deputy", &mut deputy),
        ] {
            if role == Some(wanted) {
                match slot {
                    Some(first) => r.report(
                        role_path.clone(),
                        m.get("role"),
                        Issue::SecondRole {
                            role: word,
                            first: first.clone(),
                        },
                    ),
                    None => *slot = Some(role_path.clone()),
                }
            }
        }
        match (id, name, short, role, members.as_mut()) {
            (Some(id), Some(name), Some(short), Some(role), Some(list)) => {
                let short = short.unwrap_or_else(|| name.clone());
                list.push(MemberInfo {
                    id,
                    name,
                    short,
                    role,
                });
            }
            _ => members = None,
        }
    }
    members
}

/// Reads `max` and `step` and checks that the step divides the max.
fn read_limits(r: &mut Reader, obj: Obj) -> Option<(Points, Points)> {
    let max = r.points(obj, "max");
    let step = r.points(obj, "step");
    if let Some(max) = max
        && max == Points::ZERO
    {
        r.report(obj.field_path("max"), obj.get("max"), Issue::NotPositive);
        return None;
    }
    if let Some(step) = step
        && step == Points::ZERO
    {
        r.report(obj.field_path("step"), obj.get("step"), Issue::NotPositive);
        return None;
    }
    let (max, step) = (max?, step?);
    if max.0 % step.0 != 0 {
        r.report(
            obj.field_path("step"),
            obj.get("step"),
            Issue::StepDoesNotDivide {
                step: step.to_string(),
                max: max.to_string(),
            },
        );
        return None;
    }
    Some((max, step))
}

fn read_groups(r: &mut Reader, obj: Obj) -> Option<Vec<Group>> {
    let nodes = r.array(obj, "criteria", true)?;
    if nodes.is_empty() {
        r.report("criteria", obj.get("criteria"), Issue::EmptyList);
        return None;
    }
    let mut seen = Vec::new();
    let mut groups = Some(Vec::new());
    for (i, node) in nodes.iter().enumerate() {
        let path = index("criteria", i);
        let Some(g) = r.object(node, &path, fields::GROUP) else {
            groups = None;
            continue;
        };
        let id = r.unique_id(g, &mut seen);
        let name = r.string(g, "name");
        let items = read_items(r, g);
        match (id, name, items, groups.as_mut()) {
            (Some(id), Some(name), Some(items), Some(list)) => list.push(Group { id, name, items }),
            _ => groups = None,
        }
    }
    groups
}

fn read_items(r: &mut Reader, group: Obj) -> Option<Vec<Item>> {
    let nodes = r.array(group, "items", true)?;
    if nodes.is_empty() {
        r.report(
            group.field_path("items"),
            group.get("items"),
            Issue::EmptyList,
        );
        return None;
    }
    let items_path = group.field_path("items");
    let mut items = Some(Vec::new());
    for (i, node) in nodes.iter().enumerate() {
        let path = index(&items_path, i);
        let Some(it) = r.object(node, &path, fields::ITEM) else {
            items = None;
            continue;
        };
        let id = r.string(it, "id");
        let name = r.string(it, "name");
        let limits = read_limits(r, it);
        let guide = r.opt_string(it, "guide");
        match (id, name, limits, guide, items.as_mut()) {
            (Some(id), Some(name), Some((max, step)), Some(guide), Some(list)) => list.push(Item {
                id,
                name,
                max,
                step,
                guide,
            }),
            _ => items = None,
        }
    }
    items
}

fn read_adjustments(r: &mut Reader, obj: Obj) -> Option<Vec<Adjustment>> {
    let Some(nodes) = r.array(obj, "adjustments", false) else {
        return obj.get("adjustments").is_none().then(Vec::new);
    };
    let mut list = Some(Vec::new());
    for (i, node) in nodes.iter().enumerate() {
        let path = index("adjustments", i);
        let Some(a) = r.object(node, &path, fields::ADJUSTMENT) else {
            list = None;
            continue;
        };
        let id = r.string(a, "id");
        let kind = if a.get("kind").is_none() {
            r.report(a.field_path("kind"), Some(a.node), Issue::Missing);
            None
        } else {
            r.choice(a, "kind", &["bonus", "deduction"], "bonus")
        };
        let name = r.string(a, "name");
        let limits = read_limits(r, a);
        match (id, kind, name, limits, list.as_mut()) {
            (Some(id), Some(kind), Some(name), Some((max, step)), Some(out)) => {
                out.push(Adjustment {
                    id,
                    kind: if kind == "bonus" {
                        AdjustmentKind::Bonus
                    } else {
                        AdjustmentKind::Deduction
                    },
                    name,
                    max,
                    step,
                })
            }
            _ => list = None,
        }
    }
    list
}

/// Item and adjustment ids share one namespace: a sheet names either.
fn check_cell_ids(r: &mut Reader, groups: &[Group], adjustments: &[Adjustment]) {
    let mut seen = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        for (i, item) in group.items.iter().enumerate() {
            let path = format!("criteria[{g}].items[{i}].id");
            r.unique(&mut seen, &item.id, path, None);
        }
    }
    for (a, adjustment) in adjustments.iter().enumerate() {
        r.unique(
            &mut seen,
            &adjustment.id,
            format!("adjustments[{a}].id"),
            None,
        );
    }
}

fn cells_of(groups: &[Group], adjustments: &[Adjustment]) -> Vec<Cell> {
    let items = groups.iter().enumerate().flat_map(|(g, group)| {
        group.items.iter().map(move |item| Cell {
            id: item.id.clone(),
            kind: CellKind::Item { group: g },
            max: item.max,
            step: item.step,
        })
    });
    let adjustments = adjustments.iter().map(|a| Cell {
        id: a.id.clone(),
        kind: match a.kind {
            AdjustmentKind::Bonus => CellKind::Bonus,
            AdjustmentKind::Deduction => CellKind::Deduction,
        },
        max: a.max,
        step: a.step,
    });
    items.chain(adjustments).collect()
}

fn read_scoring(r: &mut Reader, obj: Obj) -> Option<Scoring> {
    let default = Scoring {
        self_rule: SelfRule::Exclude,
        aggregate: Aggregate::Mean,
        trim: 0,
        decimals: 2,
    };
    let Some(node) = obj.get("scoring") else {
        return Some(default);
    };
    let s = r.object(node, "scoring", fields::SCORING)?;
    let self_rule = r
        .choice(s, "self", &["exclude", "include", "separate"], "exclude")
        .map(|v| match v.as_str() {
            "include" => SelfRule::Include,
            "separate" => SelfRule::Separate,
            _ => SelfRule::Exclude,
        });
    let aggregate = r
        .choice(s, "aggregate", &["mean", "trimmed_mean", "median"], "mean")
        .map(|v| match v.as_str() {
            "trimmed_mean" => Aggregate::TrimmedMean,
            "median" => Aggregate::Median,
            _ => Aggregate::Mean,
        });
    let trim = r.integer(s, "trim", 0, 100, false);
    let decimals = r.integer(s, "decimals", 0, 3, false);
    let (self_rule, aggregate, trim, decimals) = (self_rule?, aggregate?, trim?, decimals?);
    let trim = trim.unwrap_or(0) as usize;
    if trim > 0 && aggregate != Aggregate::TrimmedMean {
        r.report(
            s.field_path("trim"),
            s.get("trim"),
            Issue::TrimNeedsTrimmedMean,
        );
        return None;
    }
    Some(Scoring {
        self_rule,
        aggregate,
        trim,
        decimals: decimals.unwrap_or(2) as u8,
    })
}

fn read_classes(r: &mut Reader, obj: Obj) -> Option<Vec<Class>> {
    let Some(nodes) = r.array(obj, "classes", false) else {
        return obj.get("classes").is_none().then(Vec::new);
    };
    let mut seen = Vec::new();
    let mut list = Some(Vec::new());
    let mut previous: Option<Points> = None;
    for (i, node) in nodes.iter().enumerate() {
        let path = index("classes", i);
        let Some(c) = r.object(node, &path, fields::CLASS) else {
            list = None;
            continue;
        };
        let id = r.unique_id(c, &mut seen);
        let name = r.string(c, "name");
        let min = r.points(c, "min");
        if let (Some(min), Some(before)) = (min, previous)
            && min >= before
        {
            r.report(
                c.field_path("min"),
                c.get("min"),
                Issue::ClassesOutOfOrder {
                    previous: before.to_string(),
                },
            );
        }
        if min.is_some() {
            previous = min;
        }
        match (id, name, min, list.as_mut()) {
            (Some(id), Some(name), Some(min), Some(out)) => out.push(Class { id, name, min }),
            _ => list = None,
        }
    }
    list
}

fn read_commendations(
    r: &mut Reader,
    obj: Obj,
    classes: Option<&[Class]>,
) -> Option<Vec<Commendation>> {
    let Some(nodes) = r.array(obj, "commendations", false) else {
        return obj.get("commendations").is_none().then(Vec::new);
    };
    let mut seen = Vec::new();
    let mut list = Some(Vec::new());
    for (i, node) in nodes.iter().enumerate() {
        let path = index("commendations", i);
        let Some(c) = r.object(node, &path, fields::COMMENDATION) else {
            list = None;
            continue;
        };
        let id = r.unique_id(c, &mut seen);
        let name = r.string(c, "name");
        let max_count = r.integer(c, "max_count", 1, 10_000, false);
        let max_percent = r.percent(c, "max_percent", false);
        let min_class = match r.opt_string(c, "min_class") {
            None => None,
            Some(None) => Some(None),
            Some(Some(wanted)) => match classes {
                // The classes themselves were broken; that is already reported.
                None => None,
                Some([]) => {
                    r.report(
                        c.field_path("min_class"),
                        c.get("min_class"),
                        Issue::MinClassWithoutClasses,
                    );
                    None
                }
                Some(classes) => match classes.iter().position(|k| k.id == wanted) {
                    Some(at) => Some(Some(at)),
                    None => {
                        r.report(
                            c.field_path("min_class"),
                            c.get("min_class"),
                            Issue::UnknownClass { id: wanted },
                        );
                        None
                    }
                },
            },
        };
        let ballot = match c.get("ballot") {
            None => Some(None),
            Some(node) => read_ballot(r, node, &c.field_path("ballot")).map(Some),
        };
        match (
            id,
            name,
            max_count,
            max_percent,
            min_class,
            ballot,
            list.as_mut(),
        ) {
            (
                Some(id),
                Some(name),
                Some(max_count),
                Some(max_percent),
                Some(min_class),
                Some(ballot),
                Some(out),
            ) => out.push(Commendation {
                id,
                name,
                max_count: max_count.map(|n| n as u32),
                max_percent,
                min_class,
                ballot,
            }),
            _ => list = None,
        }
    }
    list
}

fn read_ballot(r: &mut Reader, node: &Node, path: &str) -> Option<BallotRule> {
    let b = r.object(node, path, fields::BALLOT)?;
    let threshold = r.percent(b, "threshold_percent", true);
    let strict = r.boolean(b, "strict");
    let base = r
        .choice(b, "base", &["present", "members", "valid"], "present")
        .map(|v| match v.as_str() {
            "members" => BallotBase::Members,
            "valid" => BallotBase::Valid,
            _ => BallotBase::Present,
        });
    Some(BallotRule {
        threshold: threshold??,
        strict: strict?.unwrap_or(true),
        base: base?,
    })
}

fn read_tie_break(r: &mut Reader, obj: Obj, groups: Option<&[Group]>) -> Option<Vec<TieBreak>> {
    let Some(nodes) = r.array(obj, "tie_break", false) else {
        return obj.get("tie_break").is_none().then(Vec::new);
    };
    let mut list = Some(Vec::new());
    let mut seen = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let path = index("tie_break", i);
        let Some(key) = r.string_at(node, &path) else {
            list = None;
            continue;
        };
        let parsed = match key.as_str() {
            "bonus" => Some(TieBreak::Bonus),
            "deductions" => Some(TieBreak::Deductions),
            "ballot" => Some(TieBreak::Ballot),
            other => match other.strip_prefix("group:") {
                Some(group_id) => match groups {
                    None => None,
                    Some(groups) => match groups.iter().position(|g| g.id == group_id) {
                        Some(at) => Some(TieBreak::Group(at)),
                        None => {
                            r.report(
                                path.clone(),
                                Some(node),
                                Issue::UnknownGroup {
                                    id: group_id.to_string(),
                                },
                            );
                            None
                        }
                    },
                },
                None => {
                    r.report(
                        path.clone(),
                        Some(node),
                        Issue::NotOneOf {
                            found: key.clone(),
                            allowed: vec![
                                "group:<id>".into(),
                                "bonus".into(),
                                "deductions".into(),
                                "ballot".into(),
                            ],
                        },
                    );
                    None
                }
            },
        };
        if parsed.is_some() && !r.unique(&mut seen, &key, path, Some(node)) {
            list = None;
            continue;
        }
        match (parsed, list.as_mut()) {
            (Some(p), Some(out)) => out.push(p),
            _ => list = None,
        }
    }
    list
}

/// Upper bound used by callers that accept points anywhere in a config's range.
pub fn any_points(p: Points) -> bool {
    (Points::ZERO..=MAX_POINTS).contains(&p)
}
