//! What one sheet gives a member, item by item: typed points as they are, counts and
//! marks turned into points, facts the chair entered taken once for every sheet.

use super::config::{CellKind, Config, Item, ItemKind};
use super::item_points::{self, Figure};
use super::points::Points;
use super::session::Session;
use super::tree;

/// The points of the items the chair enters, per member, computed once per tally.
#[derive(Debug, Clone, Default)]
pub struct FactPoints {
    /// `[member][flat item]` in hundredths; 0 for items every delegate scores.
    points: Vec<Vec<i64>>,
    /// Facts not entered yet, or figures other members' points still wait for.
    pub missing: usize,
}

impl FactPoints {
    pub fn compute(session: &Session) -> FactPoints {
        let config = session.config();
        let n = config.members.len();
        let items = config.item_count();
        let mut points = vec![vec![0i64; items]; n];
        for flat in (0..items).filter(|&i| config.item_at(i).is_some_and(Item::by_chair)) {
            let Some(item) = config.item_at(flat) else {
                continue;
            };
            let cells = config.cells_of_item(flat);
            let values = |m: usize| -> Vec<Option<Points>> {
                cells.clone().map(|c| session.fact(m, c)).collect()
            };
            if let ItemKind::Target {
                formula,
                targets,
                decimals,
            } = &item.kind
            {
                let figures: Vec<Option<Figure>> = (0..n)
                    .map(|m| {
                        item.is_assigned(m).then(|| Figure {
                            target: targets.get(m).copied().unwrap_or(0),
                            actual: values(m).first().copied().flatten().map(|a| a.0),
                        })
                    })
                    .collect();
                // Points wait for others' figures only while a fact is missing,
                // which `missing` counts.
                let (each, _complete) =
                    item_points::target_points(*formula, item.max, *decimals, &figures);
                for (m, p) in each.into_iter().enumerate() {
                    points[m][flat] = p.0;
                }
            } else {
                for (m, row) in points.iter_mut().enumerate() {
                    if item.is_assigned(m) {
                        row[flat] = points_from(item, m, &values(m)).0;
                    }
                }
            }
        }
        FactPoints {
            points,
            missing: session.facts_missing().len(),
        }
    }

    /// The facts' points when the config has items the chair enters; nothing to
    /// compute otherwise (every version 1 config).
    pub fn of_config(session: &Session) -> FactPoints {
        if session.config().has_facts() {
            FactPoints::compute(session)
        } else {
            FactPoints::default()
        }
    }

    /// The points the figure in `cell` gives `member`, once it is entered.
    pub fn of_cell(&self, session: &Session, member: usize, cell: usize) -> Option<Points> {
        session.fact(member, cell)?;
        let flat = session.config().cells.get(cell)?.item?;
        Some(Points(self.of(member, flat)))
    }

    /// What the chair's figures give `member`, all items together (before caps).
    pub fn member_total(&self, member: usize) -> i64 {
        self.points.get(member).map_or(0, |row| row.iter().sum())
    }

    /// What the chair's figures for the item at `flat` give `member`, in hundredths.
    pub fn of(&self, member: usize, flat: usize) -> i64 {
        self.points
            .get(member)
            .and_then(|row| row.get(flat))
            .copied()
            .unwrap_or(0)
    }
}

/// The points an item's entered values give one member (values in the item's cell
/// order; a missing value counts as nothing entered).
pub fn points_from(item: &Item, member: usize, values: &[Option<Points>]) -> Points {
    let value = |k: usize| values.get(k).copied().flatten().unwrap_or(Points::ZERO);
    match &item.kind {
        ItemKind::Points => value(0),
        ItemKind::PassFail => item_points::pass_fail(item.max, value(0)),
        ItemKind::PerOccurrence { rate } => item_points::per_occurrence(*rate, item.max, value(0)),
        ItemKind::PlusMinus(rule) => item_points::plus_minus(rule, value(0), value(1)),
        ItemKind::Target {
            formula,
            targets,
            decimals,
        } => {
            // Typed on a sheet: the loader allows only `ratio` with a target.
            let figure = Figure {
                target: targets.get(member).copied().unwrap_or(0),
                actual: values.first().copied().flatten().map(|a| a.0),
            };
            item_points::target_points(*formula, item.max, *decimals, &[Some(figure)])
                .0
                .first()
                .copied()
                .unwrap_or(Points::ZERO)
        }
    }
}

/// What the item at `flat` gives `target` on one sheet (`value` gives the sheet's
/// cells), in hundredths: nothing where it does not apply, the chair's figure's
/// points where the chair enters it, else what the sheet holds.
pub fn on_sheet(
    config: &Config,
    flat: usize,
    target: usize,
    value: &dyn Fn(usize) -> Option<Points>,
    facts: &FactPoints,
) -> i64 {
    let Some(item) = config.item_at(flat) else {
        return 0;
    };
    if !item.is_assigned(target) {
        0
    } else if item.by_chair() {
        facts.of(target, flat)
    } else {
        let values: Vec<Option<Points>> = config.cells_of_item(flat).map(value).collect();
        points_from(item, target, &values).0
    }
}

/// One sheet's group subtotals for `target`; `value` gives the sheet's cell values.
pub fn group_subtotals(
    config: &Config,
    target: usize,
    value: &dyn Fn(usize) -> Option<Points>,
    facts: &FactPoints,
) -> Vec<i64> {
    let mut flat = 0;
    config
        .groups
        .iter()
        .map(|group| {
            let first = flat;
            flat += group.items.len();
            tree::subtotal(group, |i| on_sheet(config, first + i, target, value, facts))
        })
        .collect()
}

/// A sheet's total for `target` as its delegate sees it while typing: the groups'
/// subtotals + bonus − deductions.
pub fn sheet_total(
    config: &Config,
    target: usize,
    value: &dyn Fn(usize) -> Option<Points>,
    facts: &FactPoints,
) -> Points {
    let groups: i64 = group_subtotals(config, target, value, facts).iter().sum();
    let adjustments: i64 = config
        .cells
        .iter()
        .enumerate()
        .map(|(c, cell)| {
            let v = value(c).map_or(0, |p| p.0);
            match cell.kind {
                CellKind::Bonus => v,
                CellKind::Deduction => -v,
                CellKind::Item { .. } => 0,
            }
        })
        .sum();
    Points(groups + adjustments)
}

/// The chair's figures' points, recomputed only when the meeting changed (a
/// screen asks for them every frame).
#[derive(Debug, Default)]
pub struct FactCache {
    /// (config hash, events applied) the points were computed for.
    made_for: Option<(String, u64)>,
    points: FactPoints,
}

impl FactCache {
    pub fn get(&mut self, session: &Session) -> &FactPoints {
        let now = (session.config().sha256.clone(), session.event_count());
        if self.made_for.as_ref() != Some(&now) {
            self.points = FactPoints::of_config(session);
            self.made_for = Some(now);
        }
        &self.points
    }
}

/// What the values typed for one item give `target`, for showing beside a count.
pub fn item_points(
    config: &Config,
    flat: usize,
    target: usize,
    value: &dyn Fn(usize) -> Option<Points>,
) -> Option<Points> {
    let item = config.item_at(flat)?;
    let values: Vec<Option<Points>> = config.cells_of_item(flat).map(value).collect();
    values
        .iter()
        .any(Option::is_some)
        .then(|| points_from(item, target, &values))
}
