//! Reading the criteria: version 1's groups of items, version 2's trees of headings
//! and items of every kind (docs/FORMAT.md, section 7).

use super::config::{EnteredBy, Group, Heading, Item, ItemKind, MemberInfo};
use super::item_points::{PlusMinus, TargetFormula};
use super::json::{Node, Value};
use super::points::Points;
use super::problem::Issue;
use super::reader::{Obj, Reader, index};
use super::schema::{self, Object};

/// Entries may sit at most this many levels deep; a group is level 1.
pub const MAX_LEVELS: usize = 8;
pub use super::points::MAX_QUANTITY;

/// The fields every item may have, whatever its kind.
pub const ITEM_COMMON: &[&str] = &[
    "id",
    "name",
    "kind",
    "max",
    "guide",
    "entered_by",
    "not_assigned",
];

/// The kinds of item, and the fields each adds to the common ones: the loader
/// refuses a field of another kind, and the editor drops one when the kind changes.
pub const ITEM_KINDS: &[(&str, &[&str])] = &[
    ("points", &["step"]),
    ("pass_fail", &[]),
    ("per_occurrence", &["rate"]),
    (
        "plus_minus",
        &["bonus_rate", "penalty_rate", "min", "max_bonus"],
    ),
    ("target", &["formula", "targets", "decimals"]),
];

/// The fields a `kind` item may have beyond the common ones.
pub fn kind_fields(kind: &str) -> &'static [&'static str] {
    ITEM_KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(&[], |(_, fields)| fields)
}

/// What a group's reading needs to know about the rest of the file.
pub struct Context<'a> {
    pub version: u8,
    /// `None` when the members could not be read (already reported).
    pub members: Option<&'a [MemberInfo]>,
}

/// An object of either version, its fields taken from the schema: a field only
/// version 2 has, in a version 1 file, is refused with the fix.
pub fn versioned_object<'a>(
    r: &mut Reader,
    node: &'a Node,
    path: &'a str,
    version: u8,
    object: Object,
) -> Option<Obj<'a>> {
    let obj = r.object(node, path, &schema::keys(object, 2))?;
    if version < 2 {
        for member in obj.members() {
            if schema::is_version_2(object, &member.key) {
                r.report(
                    obj.field_path(&member.key),
                    Some(node),
                    Issue::NeedsVersion2,
                );
            }
        }
    }
    Some(obj)
}

pub fn read_groups(r: &mut Reader, obj: Obj, cx: &Context) -> Option<Vec<Group>> {
    let nodes = r.array(obj, "criteria", true)?;
    if nodes.is_empty() {
        r.report("criteria", obj.get("criteria"), Issue::EmptyList);
        return None;
    }
    let mut seen = Vec::new();
    let mut groups = Some(Vec::new());
    for (i, node) in nodes.iter().enumerate() {
        let path = index("criteria", i);
        let Some(g) = versioned_object(r, node, &path, cx.version, Object::Group) else {
            groups = None;
            continue;
        };
        let id = r.unique_id(g, &mut seen);
        let name = r.string(g, "name");
        let cap = optional_positive(r, g, "cap");
        let mut tree = Tree::default();
        let entries = read_entries(r, g, cx, &mut tree, None, 2);
        match (id, name, cap, entries, groups.as_mut()) {
            (Some(id), Some(name), Some(cap), Some(()), Some(list)) => list.push(Group {
                id,
                name,
                items: tree.items,
                cap,
                headings: tree.headings,
            }),
            _ => groups = None,
        }
    }
    groups
}

#[derive(Default)]
struct Tree {
    items: Vec<Item>,
    headings: Vec<Heading>,
}

/// Reads the `items` of a group or heading into `tree`; entries at `level`.
fn read_entries(
    r: &mut Reader,
    parent_obj: Obj,
    cx: &Context,
    tree: &mut Tree,
    parent: Option<usize>,
    level: usize,
) -> Option<()> {
    let nodes = r.array(parent_obj, "items", true)?;
    let items_path = parent_obj.field_path("items");
    if nodes.is_empty() {
        r.report(items_path, parent_obj.get("items"), Issue::EmptyList);
        return None;
    }
    if level > MAX_LEVELS {
        r.report(
            items_path,
            parent_obj.get("items"),
            Issue::TreeTooDeep { limit: MAX_LEVELS },
        );
        return None;
    }
    let mut ok = Some(());
    for (i, node) in nodes.iter().enumerate() {
        let path = index(&items_path, i);
        let is_heading = cx.version >= 2
            && matches!(&node.value, Value::Object(m) if m.iter().any(|m| m.key == "items"));
        let read = if is_heading {
            read_heading(r, node, &path, cx, tree, parent, level)
        } else {
            read_item(r, node, &path, cx, parent, level).map(|item| tree.items.push(item))
        };
        if read.is_none() {
            ok = None;
        }
    }
    ok
}

fn read_heading(
    r: &mut Reader,
    node: &Node,
    path: &str,
    cx: &Context,
    tree: &mut Tree,
    parent: Option<usize>,
    level: usize,
) -> Option<()> {
    let h = r.object(node, path, &schema::keys(Object::Heading, 2))?;
    let id = r.string(h, "id");
    let name = r.string(h, "name");
    let cap = optional_positive(r, h, "cap");
    let at = tree.headings.len();
    tree.headings.push(Heading {
        id: id.clone().unwrap_or_default(),
        name: name.clone().unwrap_or_default(),
        cap: cap.flatten(),
        level: level as u8,
        parent,
        first_item: tree.items.len(),
    });
    let entries = read_entries(r, h, cx, tree, Some(at), level + 1);
    id?;
    name?;
    cap?;
    entries
}

fn read_item(
    r: &mut Reader,
    node: &Node,
    path: &str,
    cx: &Context,
    parent: Option<usize>,
    level: usize,
) -> Option<Item> {
    let it = versioned_object(r, node, path, cx.version, Object::Item)?;
    let id = r.string(it, "id");
    let name = r.string(it, "name");
    let guide = r.opt_string(it, "guide");
    let kinds: Vec<&str> = ITEM_KINDS.iter().map(|(k, _)| *k).collect();
    let kind_word = r.choice(it, "kind", &kinds, "points")?;
    if cx.version >= 2 {
        // A field of another kind (a rate on a pass/fail item) is a mistake to name.
        let own = kind_fields(&kind_word);
        for member in it.members() {
            let key = member.key.as_str();
            if !ITEM_COMMON.contains(&key) && !own.contains(&key) {
                r.report(
                    it.field_path(key),
                    Some(&member.value),
                    Issue::NotForKind {
                        kind: kind_word.clone(),
                    },
                );
            }
        }
    }
    let (kind, max, step) = read_kind(r, it, &kind_word, cx)?;
    let default_entry = if kind_word == "target" {
        "chair"
    } else {
        "scorers"
    };
    let entered_by = match r
        .choice(it, "entered_by", &["scorers", "chair"], default_entry)?
        .as_str()
    {
        "chair" => EnteredBy::Chair,
        _ => EnteredBy::Scorers,
    };
    let assigned = read_not_assigned(r, it, cx)?;
    if entered_by == EnteredBy::Scorers && depends_on_others(&kind, &assigned) {
        r.report(
            it.field_path("entered_by"),
            Some(node),
            Issue::MustBeEnteredByChair,
        );
        return None;
    }
    Some(Item {
        id: id?,
        name: name?,
        max,
        step,
        guide: guide?,
        kind,
        entered_by,
        assigned,
        parent,
        level: level as u8,
    })
}

/// Whether a member's points follow from other members' figures too.
fn depends_on_others(kind: &ItemKind, assigned: &[bool]) -> bool {
    match kind {
        ItemKind::Target {
            formula, targets, ..
        } => {
            *formula == TargetFormula::RelativeToBest
                || targets
                    .iter()
                    .zip(assigned)
                    .any(|(target, on)| *on && *target == 0)
        }
        _ => false,
    }
}

/// The kind, the item's maximum and the step of what is typed.
fn read_kind(
    r: &mut Reader,
    it: Obj,
    word: &str,
    cx: &Context,
) -> Option<(ItemKind, Points, Points)> {
    let smallest = Points(1);
    match word {
        "pass_fail" => Some((ItemKind::PassFail, positive(r, it, "max")?, smallest)),
        "per_occurrence" => {
            let rate = positive(r, it, "rate");
            let max = positive(r, it, "max");
            let (rate, max) = (rate?, max?);
            if max < rate {
                r.report(
                    it.field_path("max"),
                    it.get("max"),
                    Issue::CapBelowRate {
                        rate: rate.to_string(),
                    },
                );
                return None;
            }
            Some((ItemKind::PerOccurrence { rate }, max, smallest))
        }
        "plus_minus" => {
            read_plus_minus(r, it).map(|rule| (ItemKind::PlusMinus(rule), rule.max, smallest))
        }
        "target" => read_target(r, it, cx),
        _ => {
            let (max, step) = read_limits(r, it)?;
            Some((ItemKind::Points, max, step))
        }
    }
}

fn read_plus_minus(r: &mut Reader, it: Obj) -> Option<PlusMinus> {
    let bonus_rate = positive(r, it, "bonus_rate");
    let penalty_rate = positive(r, it, "penalty_rate");
    let max = positive(r, it, "max");
    let min = match it.get("min") {
        None => Some(Points::ZERO),
        Some(_) => r.points(it, "min"),
    };
    let max_bonus = optional_positive(r, it, "max_bonus");
    let (bonus_rate, penalty_rate, max, min, max_bonus) =
        (bonus_rate?, penalty_rate?, max?, min?, max_bonus?);
    if min > max {
        r.report(it.field_path("min"), it.get("min"), Issue::MinAboveMax);
        return None;
    }
    Some(PlusMinus {
        bonus_rate,
        penalty_rate,
        min,
        max,
        max_bonus,
    })
}

fn read_target(r: &mut Reader, it: Obj, cx: &Context) -> Option<(ItemKind, Points, Points)> {
    let max = positive(r, it, "max");
    let formula = r
        .choice(it, "formula", &["ratio", "relative_to_best"], "ratio")
        .map(|w| {
            if w == "relative_to_best" {
                TargetFormula::RelativeToBest
            } else {
                TargetFormula::Ratio
            }
        });
    let decimals = r.integer(it, "decimals", 0, 2, false);
    let targets = read_targets(r, it, cx);
    Some((
        ItemKind::Target {
            formula: formula?,
            targets: targets?,
            decimals: decimals?.unwrap_or(2) as u8,
        },
        max?,
        Points(1),
    ))
}

/// `targets`: every member's registered target, in hundredths, in member order.
/// Members the item is not assigned to may be left out.
fn read_targets(r: &mut Reader, it: Obj, cx: &Context) -> Option<Vec<i64>> {
    let node = it.get("targets");
    let Some(node) = node else {
        r.report(it.field_path("targets"), Some(it.node), Issue::Missing);
        return None;
    };
    let path = it.field_path("targets");
    let members = cx.members?;
    let ids: Vec<&str> = members.iter().map(|m| m.id.as_str()).collect();
    // A key that is no member's id is reported as unknown, with the nearest id.
    let map = r.object(node, &path, &ids)?;
    let mut targets = vec![None; members.len()];
    let mut ok = true;
    for (m, member) in members.iter().enumerate() {
        if let Some(value) = map.get(&member.id) {
            match quantity_at(r, value, &map.field_path(&member.id)) {
                Some(q) => targets[m] = Some(q.0),
                None => ok = false,
            }
        }
    }
    let assigned = not_assigned_ids(it);
    for (m, member) in members.iter().enumerate() {
        if targets[m].is_none() && ok && !assigned.contains(&member.id) {
            r.report(
                path.clone(),
                Some(node),
                Issue::MissingTarget {
                    member: member.id.clone(),
                },
            );
            ok = false;
        }
    }
    ok.then(|| targets.into_iter().map(|t| t.unwrap_or(0)).collect())
}

fn not_assigned_ids(it: Obj) -> Vec<String> {
    match it.get("not_assigned").map(|n| &n.value) {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|n| match &n.value {
                Value::String(s) => Some(s.trim().to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Per member: whether the item applies to it.
fn read_not_assigned(r: &mut Reader, it: Obj, cx: &Context) -> Option<Vec<bool>> {
    let Some(nodes) = r.array(it, "not_assigned", false) else {
        return it
            .get("not_assigned")
            .is_none()
            .then(|| vec![true; cx.members.map_or(0, |m| m.len())]);
    };
    let members = cx.members?;
    let mut assigned = vec![true; members.len()];
    let path = it.field_path("not_assigned");
    let mut ok = true;
    for (i, node) in nodes.iter().enumerate() {
        let at = index(&path, i);
        let Some(id) = r.string_at(node, &at) else {
            ok = false;
            continue;
        };
        match members.iter().position(|m| m.id == id) {
            Some(m) => assigned[m] = false,
            None => {
                r.report(at, Some(node), Issue::UnknownMember { id });
                ok = false;
            }
        }
    }
    if ok && !assigned.iter().any(|a| *a) {
        r.report(path, it.get("not_assigned"), Issue::NotAssignedToAnyone);
        return None;
    }
    ok.then_some(assigned)
}

fn quantity_at(r: &mut Reader, node: &Node, path: &str) -> Option<Points> {
    match &node.value {
        Value::Number(text) => match Points::from_json_number_up_to(text, MAX_QUANTITY) {
            Ok(q) => Some(q),
            Err(_) => {
                r.report(path, Some(node), Issue::Quantity);
                None
            }
        },
        _ => {
            r.report(path, Some(node), Issue::Quantity);
            None
        }
    }
}

fn positive(r: &mut Reader, obj: Obj, key: &str) -> Option<Points> {
    let value = r.points(obj, key)?;
    if value == Points::ZERO {
        r.report(obj.field_path(key), obj.get(key), Issue::NotPositive);
        return None;
    }
    Some(value)
}

fn optional_positive(r: &mut Reader, obj: Obj, key: &str) -> Option<Option<Points>> {
    match obj.get(key) {
        None => Some(None),
        Some(_) => positive(r, obj, key).map(Some),
    }
}

/// Reads `max` and `step` and checks that the step divides the max.
pub fn read_limits(r: &mut Reader, obj: Obj) -> Option<(Points, Points)> {
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

/// Reads `"p/q"`.
pub fn fraction_at(r: &mut Reader, node: &Node, path: &str) -> Option<super::config::Fraction> {
    let parsed = match &node.value {
        Value::String(text) => parse_fraction(text),
        _ => None,
    };
    if parsed.is_none() {
        r.report(path, Some(node), Issue::BadFraction);
    }
    parsed
}

pub fn parse_fraction(text: &str) -> Option<super::config::Fraction> {
    let (p, q) = text.trim().split_once('/')?;
    let whole = |s: &str| -> Option<u32> {
        let s = s.trim();
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && s.len() <= 4)
            .then(|| s.parse().ok())
            .flatten()
    };
    let (num, den) = (whole(p)?, whole(q)?);
    (1 <= num && num <= den && den <= 1000).then_some(super::config::Fraction { num, den })
}
