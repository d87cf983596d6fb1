//! The cluster config (`thidua.cluster/1`): who the members are, what is scored, and
//! the local rules. Loading checks everything and reports every problem with its place.

use super::config_tree::{Context, fraction_at, read_groups, read_limits, versioned_object};
use super::item_points::{PlusMinus, TargetFormula};
use super::json::{Node, Value};
use super::points::{MAX_POINTS, Points};
use super::problem::{Issue, Problems};
use super::reader::{MAX_FILE_BYTES, Obj, Reader, index, read_document};
use super::schema::{Object, keys};
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
pub const CLUSTER_FORMAT_V2: &str = "thidua.cluster/2";

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// 1 or 2: which `thidua.cluster/N` the file is.
    pub version: u8,
    pub cluster: Cluster,
    pub members: Vec<MemberInfo>,
    pub groups: Vec<Group>,
    pub adjustments: Vec<Adjustment>,
    pub scoring: Scoring,
    pub classes: Vec<Class>,
    pub commendations: Vec<Commendation>,
    pub tie_break: Vec<TieBreak>,
    pub rules: MeetingRules,
    /// Every scorable cell: the items of all groups in order, then the adjustments.
    pub cells: Vec<Cell>,
    /// Lowercase hex SHA-256 of the file's bytes exactly as read.
    pub sha256: String,
    member_index: IdIndex,
    cell_index: IdIndex,
    /// (group, index in its items) of every item, in order.
    item_places: Vec<(usize, usize)>,
    /// The first cell of every item, and one past the last item's cells.
    item_first_cell: Vec<usize>,
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
    /// Every leaf item under the group, at any depth, in the file's order.
    pub items: Vec<Item>,
    /// Version 2: the subtotal on a sheet is at most this.
    pub cap: Option<Points>,
    /// Version 2: headings between the group and its items, in the file's order
    /// (a heading before the headings and items inside it).
    pub headings: Vec<Heading>,
}

impl Group {
    /// The group's maximum for a member with every item.
    pub fn max(&self) -> Points {
        Points(super::tree::subtotal(self, |i| self.items[i].max.0))
    }
}

/// A heading inside a group (version 2), with its optional cap.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub id: String,
    pub name: String,
    pub cap: Option<Points>,
    /// 2 for a heading directly in a group.
    pub level: u8,
    /// The heading it sits in, an index into the group's `headings`.
    pub parent: Option<usize>,
    /// The first of its items, an index into the group's `items`.
    pub first_item: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub name: String,
    pub max: Points,
    /// For `points` items, the step of what is typed; for the other kinds, 0,01.
    pub step: Points,
    pub guide: Option<String>,
    pub kind: ItemKind,
    pub entered_by: EnteredBy,
    /// Per member in config order: whether the item applies to it.
    pub assigned: Vec<bool>,
    /// The heading it sits in, an index into the group's `headings`.
    pub parent: Option<usize>,
    /// 2 for an item directly in a group.
    pub level: u8,
}

impl Item {
    pub fn is_assigned(&self, member: usize) -> bool {
        self.assigned.get(member).copied().unwrap_or(true)
    }

    /// Whether the chair enters it once per member (a fact).
    pub fn by_chair(&self) -> bool {
        self.entered_by == EnteredBy::Chair
    }
}

/// How an item's points come about (docs/FORMAT.md, section 7).
#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    Points,
    PassFail,
    PerOccurrence {
        rate: Points,
    },
    PlusMinus(PlusMinus),
    Target {
        formula: TargetFormula,
        /// Per member in config order, in hundredths; 0 for no target.
        targets: Vec<i64>,
        decimals: u8,
    },
}

impl ItemKind {
    pub fn code(&self) -> &'static str {
        match self {
            ItemKind::Points => "points",
            ItemKind::PassFail => "pass_fail",
            ItemKind::PerOccurrence { .. } => "per_occurrence",
            ItemKind::PlusMinus(_) => "plus_minus",
            ItemKind::Target { .. } => "target",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnteredBy {
    Scorers,
    Chair,
}

/// What one cell holds: typed points, a pass/fail mark, a count, or an actual.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Points,
    PassFail,
    Count,
    /// The bonus count of a plus/minus item.
    Plus,
    /// The penalty count of a plus/minus item.
    Minus,
    Actual,
}

/// Version 2 rules of the meeting itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MeetingRules {
    pub quorum: Option<Fraction>,
}

impl BallotRule {
    /// The threshold as the config states it: `50%`, or a fraction such as `2/3`.
    pub fn threshold_text(&self, separator: char) -> String {
        match self.fraction {
            Some(f) => f.text(),
            None => format!("{}%", self.threshold.display(separator)),
        }
    }
}

/// `num / den`, 1 ≤ num ≤ den ≤ 1 000.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fraction {
    pub num: u32,
    pub den: u32,
}

impl Fraction {
    /// ⌈num × count / den⌉: the fewest of `count` that reach the fraction.
    pub fn at_least_of(self, count: usize) -> usize {
        let product = self.num as usize * count;
        product.div_ceil(self.den as usize)
    }

    pub fn text(self) -> String {
        format!("{}/{}", self.num, self.den)
    }
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
pub enum Compare {
    Points,
    PercentOfOwnMax,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scoring {
    pub self_rule: SelfRule,
    pub aggregate: Aggregate,
    pub trim: usize,
    pub decimals: u8,
    pub compare: Compare,
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
    /// Hundredths of a percent: 50% is 5000. With `fraction`, its value rounded down.
    pub threshold: Points,
    /// Version 2: the threshold as a fraction ("2/3"), compared exactly.
    pub fraction: Option<Fraction>,
    pub strict: bool,
    pub base: BallotBase,
    /// Version 2: the ballot counts only once every present member has voted.
    pub all_must_vote: bool,
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
    pub input: Input,
    /// The item it belongs to, an index over all groups' items in order.
    pub item: Option<usize>,
    /// Entered once per member by the chair: a fact, not on any delegate's sheet.
    pub by_chair: bool,
}

impl Cell {
    pub fn is_item(&self) -> bool {
        matches!(self.kind, CellKind::Item { .. })
    }

    /// Whether a delegate fills it on the sheet for `target`.
    pub fn on_sheet_for(&self, config: &Config, target: usize) -> bool {
        !self.by_chair && self.assigned_to(config, target)
    }

    /// Whether `value` fits this cell: within its limits, a whole count where a
    /// count is asked, 1 or 0 where a pass/fail mark is. The one check every road
    /// in takes (typing, a sheet file, a facts file, an event).
    pub fn check(&self, value: Points) -> Result<Points, super::points::PointsError> {
        use super::points::PointsError;
        match self.input {
            Input::Count | Input::Plus | Input::Minus if value.0 % 100 != 0 => {
                Err(PointsError::NotWhole)
            }
            Input::PassFail if value != Points(100) && value != Points::ZERO => {
                Err(PointsError::NotPassFail)
            }
            _ => value.check_within(self.max, self.step),
        }
    }

    pub fn assigned_to(&self, config: &Config, target: usize) -> bool {
        self.item
            .is_none_or(|i| config.item_at(i).is_some_and(|it| it.is_assigned(target)))
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
        self.item_places.len()
    }

    /// The item at an index over all groups' items in order.
    pub fn item_at(&self, flat: usize) -> Option<&Item> {
        let &(g, i) = self.item_places.get(flat)?;
        self.groups.get(g)?.items.get(i)
    }

    /// The cells of the item at `flat`, as indices into `cells`.
    pub fn cells_of_item(&self, flat: usize) -> std::ops::Range<usize> {
        let start = self.item_first_cell.get(flat).copied().unwrap_or(0);
        let end = self.item_first_cell.get(flat + 1).copied().unwrap_or(start);
        start..end
    }

    /// The index over all groups' items of a group's item.
    pub fn flat_item(&self, group: usize, item: usize) -> usize {
        self.groups[..group]
            .iter()
            .map(|g| g.items.len())
            .sum::<usize>()
            + item
    }

    pub fn max_total(&self) -> Points {
        Points(self.groups.iter().map(|g| g.max().0).sum())
    }

    /// The most `member` can reach from the criteria: items not assigned to it are
    /// left out, caps apply (adjustments are not part of it).
    pub fn own_max(&self, member: usize) -> Points {
        let sum = self
            .groups
            .iter()
            .map(|group| {
                super::tree::subtotal(group, |i| {
                    let item = &group.items[i];
                    if item.is_assigned(member) {
                        item.max.0
                    } else {
                        0
                    }
                })
            })
            .sum();
        Points(sum)
    }

    /// Whether any item is entered by the chair once per member.
    pub fn has_facts(&self) -> bool {
        self.cells.iter().any(|c| c.by_chair)
    }

    /// Item cells a delegate fills on the sheet for `target`.
    pub fn sheet_cells_for(&self, target: usize) -> usize {
        self.cells
            .iter()
            .filter(|c| c.is_item() && c.on_sheet_for(self, target))
            .count()
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

/// 2 for a `thidua.cluster/2` file, else 1 (a wrong `format` is reported as
/// expecting version 1, and the rest read as version 1).
fn version_of(root: &Node) -> u8 {
    let Value::Object(members) = &root.value else {
        return 1;
    };
    let format = members.iter().find(|m| m.key == "format");
    match format.map(|m| &m.value.value) {
        Some(Value::String(s)) if s == CLUSTER_FORMAT_V2 => 2,
        _ => 1,
    }
}

fn read_config(r: &mut Reader, root: &Node, sha256: String) -> Option<Config> {
    let version = version_of(root);
    let obj = versioned_object(r, root, "", version, Object::Root)?;
    if version == 1 {
        check_format(r, obj, CLUSTER_FORMAT);
    }
    let cluster = match obj.get("cluster") {
        Some(node) => read_cluster(r, node),
        None => {
            r.report("cluster", Some(root), Issue::Missing);
            None
        }
    };
    let members = read_members(r, obj);
    let cx = Context {
        version,
        members: members.as_deref(),
    };
    let groups = read_groups(r, obj, &cx);
    let adjustments = read_adjustments(r, obj);
    let scoring = read_scoring(r, obj, version);
    let classes = read_classes(r, obj);
    let commendations = read_commendations(r, obj, classes.as_deref(), version);
    let tie_break = read_tie_break(r, obj, groups.as_deref());
    let rules = read_meeting_rules(r, obj);
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
    let rules = rules?;
    check_cell_ids(r, &groups, &adjustments);
    let cells = cells_of(&groups, &adjustments);
    let item_places = groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| (0..group.items.len()).map(move |i| (g, i)))
        .collect();
    let mut item_first_cell: Vec<usize> = Vec::new();
    for (c, cell) in cells.iter().enumerate() {
        if let Some(i) = cell.item
            && item_first_cell.len() == i
        {
            item_first_cell.push(c);
        }
    }
    item_first_cell.push(cells.iter().take_while(|c| c.item.is_some()).count());
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
        version,
        cluster,
        members,
        groups,
        adjustments,
        scoring,
        classes,
        commendations,
        tie_break,
        rules,
        cells,
        sha256,
        member_index,
        cell_index,
        item_places,
        item_first_cell,
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
    let obj = r.object(node, "cluster", &keys(Object::Cluster, 1))?;
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
        let Some(m) = r.object(node, &path, &keys(Object::Member, 1)) else {
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

fn read_adjustments(r: &mut Reader, obj: Obj) -> Option<Vec<Adjustment>> {
    let Some(nodes) = r.array(obj, "adjustments", false) else {
        return obj.get("adjustments").is_none().then(Vec::new);
    };
    let mut list = Some(Vec::new());
    for (i, node) in nodes.iter().enumerate() {
        let path = index("adjustments", i);
        let Some(a) = r.object(node, &path, &keys(Object::Adjustment, 1)) else {
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

/// Item and adjustment ids share one namespace: a sheet names either. In version 2
/// headings and the two cells of a plus/minus item (`<id>+`, `<id>-`) join it.
fn check_cell_ids(r: &mut Reader, groups: &[Group], adjustments: &[Adjustment]) {
    let mut seen = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        for heading in &group.headings {
            let path = format!("{} › {}", item_place(g, group, heading.parent), heading.id);
            r.unique(&mut seen, &heading.id, path, None);
        }
        for (i, item) in group.items.iter().enumerate() {
            let path = if group.headings.is_empty() {
                format!("criteria[{g}].items[{i}].id")
            } else {
                format!("{} › {}", item_place(g, group, item.parent), item.id)
            };
            for id in cell_ids(item) {
                r.unique(&mut seen, &id, path.clone(), None);
            }
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

/// `criteria[0] › II.1 › 1.a`: where an entry sits, for messages.
fn item_place(g: usize, group: &Group, mut parent: Option<usize>) -> String {
    let mut chain = Vec::new();
    while let Some(h) = parent {
        chain.push(group.headings[h].id.as_str());
        parent = group.headings[h].parent;
    }
    chain.push("");
    chain.reverse();
    format!("criteria[{g}]{}", chain.join(" › "))
}

/// The ids a sheet or a fact uses for an item's cells.
pub fn cell_ids(item: &Item) -> Vec<String> {
    match item.kind {
        ItemKind::PlusMinus(_) => vec![format!("{}+", item.id), format!("{}-", item.id)],
        _ => vec![item.id.clone()],
    }
}

/// The largest count a delegate or the chair may enter: 100 000, in hundredths.
pub const MAX_COUNT: Points = Points(10_000_000);

fn item_cells(item: &Item, group: usize, flat: usize) -> Vec<Cell> {
    let whole = Points(100);
    let (inputs, max, step): (&[Input], Points, Points) = match item.kind {
        ItemKind::Points => (&[Input::Points], item.max, item.step),
        ItemKind::PassFail => (&[Input::PassFail], whole, whole),
        ItemKind::PerOccurrence { .. } => (&[Input::Count], MAX_COUNT, whole),
        ItemKind::PlusMinus(_) => (&[Input::Plus, Input::Minus], MAX_COUNT, whole),
        ItemKind::Target { .. } => (
            &[Input::Actual],
            super::config_tree::MAX_QUANTITY,
            Points(1),
        ),
    };
    cell_ids(item)
        .into_iter()
        .zip(inputs)
        .map(|(id, input)| Cell {
            id,
            kind: CellKind::Item { group },
            max,
            step,
            input: *input,
            item: Some(flat),
            by_chair: item.by_chair(),
        })
        .collect()
}

fn cells_of(groups: &[Group], adjustments: &[Adjustment]) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut flat = 0;
    for (g, group) in groups.iter().enumerate() {
        for item in &group.items {
            cells.extend(item_cells(item, g, flat));
            flat += 1;
        }
    }
    let adjustments = adjustments.iter().map(|a| Cell {
        id: a.id.clone(),
        kind: match a.kind {
            AdjustmentKind::Bonus => CellKind::Bonus,
            AdjustmentKind::Deduction => CellKind::Deduction,
        },
        max: a.max,
        step: a.step,
        input: Input::Points,
        item: None,
        by_chair: false,
    });
    cells.extend(adjustments);
    cells
}

fn read_meeting_rules(r: &mut Reader, obj: Obj) -> Option<MeetingRules> {
    let Some(node) = obj.get("meeting") else {
        return Some(MeetingRules::default());
    };
    let m = r.object(node, "meeting", &keys(Object::Meeting, 2))?;
    let quorum = match m.get("quorum") {
        None => None,
        Some(q) => Some(fraction_at(r, q, &m.field_path("quorum"))?),
    };
    Some(MeetingRules { quorum })
}

fn read_scoring(r: &mut Reader, obj: Obj, version: u8) -> Option<Scoring> {
    let default = Scoring {
        self_rule: SelfRule::Exclude,
        aggregate: Aggregate::Mean,
        trim: 0,
        decimals: 2,
        compare: Compare::Points,
    };
    let Some(node) = obj.get("scoring") else {
        return Some(default);
    };
    let s = versioned_object(r, node, "scoring", version, Object::Scoring)?;
    let compare = r
        .choice(s, "compare", &["points", "percent_of_own_max"], "points")
        .map(|v| {
            if v == "percent_of_own_max" {
                Compare::PercentOfOwnMax
            } else {
                Compare::Points
            }
        });
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
    let (self_rule, aggregate, trim, decimals, compare) =
        (self_rule?, aggregate?, trim?, decimals?, compare?);
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
        compare,
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
        let Some(c) = r.object(node, &path, &keys(Object::Class, 1)) else {
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
    version: u8,
) -> Option<Vec<Commendation>> {
    let Some(nodes) = r.array(obj, "commendations", false) else {
        return obj.get("commendations").is_none().then(Vec::new);
    };
    let mut seen = Vec::new();
    let mut list = Some(Vec::new());
    for (i, node) in nodes.iter().enumerate() {
        let path = index("commendations", i);
        let Some(c) = r.object(node, &path, &keys(Object::Commendation, 1)) else {
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
            Some(node) => read_ballot(r, node, &c.field_path("ballot"), version).map(Some),
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

fn read_ballot(r: &mut Reader, node: &Node, path: &str, version: u8) -> Option<BallotRule> {
    let b = versioned_object(r, node, path, version, Object::Ballot)?;
    let percent = r.percent(b, "threshold_percent", false);
    let fraction = match b.get("threshold") {
        None => Some(None),
        Some(f) => fraction_at(r, f, &b.field_path("threshold")).map(Some),
    };
    let strict = r.boolean(b, "strict");
    let all_must_vote = r.boolean(b, "all_must_vote");
    let base = r
        .choice(b, "base", &["present", "members", "valid"], "present")
        .map(|v| match v.as_str() {
            "members" => BallotBase::Members,
            "valid" => BallotBase::Valid,
            _ => BallotBase::Present,
        });
    let (percent, fraction) = (percent?, fraction?);
    let threshold = match (percent, fraction) {
        (Some(_), Some(_)) => {
            r.report(
                b.field_path("threshold"),
                b.get("threshold"),
                Issue::ThresholdTwice,
            );
            return None;
        }
        (Some(p), None) => p,
        (None, Some(f)) => Points((f.num as i64 * 10_000) / f.den as i64),
        (None, None) => {
            r.report(
                b.field_path("threshold_percent"),
                Some(b.node),
                Issue::Missing,
            );
            return None;
        }
    };
    Some(BallotRule {
        threshold,
        fraction,
        strict: strict?.unwrap_or(true),
        base: base?,
        all_must_vote: all_must_vote?.unwrap_or(false),
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
