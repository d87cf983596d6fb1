//! What one sheet gives a member, item by item: typed points as they are, counts and
//! marks turned into points, facts the chair entered taken once for every sheet.

use super::config::{Config, Item, ItemKind};
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

    fn of(&self, member: usize, flat: usize) -> i64 {
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

/// One sheet's group subtotals for `target`: `row` is the scorer's row of cells.
pub fn group_subtotals(
    config: &Config,
    row: &[Option<Points>],
    target: usize,
    facts: &FactPoints,
) -> Vec<i64> {
    let mut flat = 0;
    config
        .groups
        .iter()
        .map(|group| {
            let first = flat;
            flat += group.items.len();
            tree::subtotal(group, |i| {
                let item = &group.items[i];
                let at = first + i;
                if !item.is_assigned(target) {
                    0
                } else if item.by_chair() {
                    facts.of(target, at)
                } else {
                    let cells = config.cells_of_item(at);
                    points_from(item, target, row.get(cells).unwrap_or(&[])).0
                }
            })
        })
        .collect()
}
