//! A criteria table pasted from Word or Excel (or read from an `.xlsx` file): rows of
//! number, name, maximum and an optional scoring guide become groups and items.
//! Numbering as offices write it is recognised: `I.`, `1.`, `1.1`, `a)`; the
//! outermost kind found makes the groups, the innermost the items. Kinds between
//! make headings (version 2) where rows of a deeper kind follow them, and items
//! where none do.

use super::points::Points;

/// One group read from the table, with its items.
#[derive(Debug, Clone, PartialEq)]
pub struct TableGroup {
    pub name: String,
    /// The group's total as the table states it, if it does.
    pub max: Option<Points>,
    pub items: Vec<TableItem>,
    /// Headings between the group and its items, in the table's order.
    pub headings: Vec<TableHeading>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableItem {
    pub name: String,
    pub max: Points,
    pub guide: Option<String>,
    /// The heading it sits under, an index into the group's headings.
    pub heading: Option<usize>,
}

/// A sub-level of a group ("1.", "a)") with rows under it.
#[derive(Debug, Clone, PartialEq)]
pub struct TableHeading {
    pub name: String,
    /// Its subtotal as the table states it, if it does: the heading's cap.
    pub max: Option<Points>,
    pub parent: Option<usize>,
    /// 0 for a heading directly in the group.
    pub rank: usize,
    /// Where it stands among the group's items: the items before it.
    pub first_item: usize,
}

/// What is wrong with one row (rows counted from 1, as the spreadsheet shows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub row: usize,
    pub issue: RowIssue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowIssue {
    /// The first column holds no numbering this reader knows.
    UnknownNumbering {
        found: String,
    },
    /// An item without a maximum, or one that is not points.
    BadMax {
        found: String,
    },
    NoName,
    /// An item before any group.
    ItemBeforeGroup,
    /// Numbering deeper than group and item.
    TooDeep {
        found: String,
    },
    /// The group's stated total differs from the sum of its items.
    GroupTotal {
        stated: String,
        sum: String,
    },
    /// A group with no items under it.
    EmptyGroup,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CriteriaTable {
    pub groups: Vec<TableGroup>,
    pub problems: Vec<RowProblem>,
    /// Rows left out as a heading row ("STT, Nội dung, Điểm").
    pub header_rows: Vec<usize>,
}

/// The kinds of numbering, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Numbering {
    Roman,
    Arabic,
    /// `1.1` has depth 1, `1.1.1` depth 2.
    Dotted(usize),
    Letter,
}

fn numbering(text: &str) -> Option<Numbering> {
    let t = text.trim().trim_end_matches(['.', ')', ':']);
    if t.is_empty() {
        return None;
    }
    if t.chars().all(|c| c.is_ascii_digit()) {
        return Some(Numbering::Arabic);
    }
    let parts: Vec<&str> = t.split('.').collect();
    if parts.len() > 1
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return Some(Numbering::Dotted(parts.len() - 1));
    }
    if t.chars().all(|c| "IVXLCivxlc".contains(c))
        && t.len() <= 6
        && t.chars().any(|c| c.is_uppercase())
    {
        return Some(Numbering::Roman);
    }
    let mut chars = t.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_alphabetic()
    {
        return Some(Numbering::Letter);
    }
    None
}

/// Splits pasted text into rows of cells: tabs between cells, a cell in quotes may
/// hold tabs, line breaks and doubled quotes (as Excel copies them).
pub fn split_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                at_cell_start = false;
                while let Some(q) = chars.next() {
                    if q == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            cell.push('"');
                        } else {
                            break;
                        }
                    } else {
                        cell.push(q);
                    }
                }
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            c => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

fn points(text: &str) -> Option<Points> {
    let t = text.trim().replace(',', ".");
    if t.is_empty() {
        return None;
    }
    Points::parse(&t).ok().filter(|p| p.0 > 0)
}

/// Reads rows of cells (number, name, max, guide).
pub fn read_rows(rows: &[Vec<String>]) -> CriteriaTable {
    let mut table = CriteriaTable::default();
    let cell = |row: &Vec<String>, i: usize| row.get(i).map_or("", |s| s.trim()).to_string();
    // Which kinds of numbering the table uses decides groups and items.
    let kinds: Vec<(usize, Option<Numbering>)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (i + 1, numbering(&cell(r, 0))))
        .collect();
    // The outermost kind makes the groups; the others nest in the order the table
    // first uses them (`I.`, then `1.`, then `a)`, then `1.1`, as a table reads).
    let mut used: Vec<Numbering> = Vec::new();
    let outermost = kinds.iter().filter_map(|(_, k)| *k).min();
    used.extend(outermost);
    for kind in kinds.iter().filter_map(|(_, k)| *k) {
        if !used.contains(&kind) {
            used.push(kind);
        }
    }
    let group_kind = used.first().copied();
    // The innermost kind makes the items; kinds between make headings.
    let item_kind = used.get(1).and(used.last().copied());
    let rank_of = |kind: Numbering| {
        used.iter()
            .position(|k| *k == kind)
            .map_or(0, |p| p.saturating_sub(1))
    };
    // The kind of the next numbered row after each row: a row of a middle kind is a
    // heading when a deeper one follows it.
    let mut next_kind: Vec<Option<Numbering>> = vec![None; kinds.len() + 1];
    let mut seen = None;
    for (row, kind) in kinds.iter().rev() {
        next_kind[*row] = seen;
        if kind.is_some() {
            seen = *kind;
        }
    }
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut current: Option<TableGroup> = None;
    let mut group_row = 0;
    let finish = |group: Option<TableGroup>, row: usize, table: &mut CriteriaTable| {
        let Some(group) = group else { return };
        if group.items.is_empty() {
            table.problems.push(RowProblem {
                row,
                issue: RowIssue::EmptyGroup,
            });
        }
        let sum = Points(group.total());
        if let Some(stated) = group.max
            && !group.items.is_empty()
            && stated != sum
        {
            table.problems.push(RowProblem {
                row,
                issue: RowIssue::GroupTotal {
                    stated: stated.display(','),
                    sum: sum.display(','),
                },
            });
        }
        table.groups.push(group);
    };
    for (row, kind) in kinds {
        let cells = &rows[row - 1];
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let (number, name, max, guide) = (
            cell(cells, 0),
            cell(cells, 1),
            cell(cells, 2),
            cell(cells, 3),
        );
        let Some(kind) = kind else {
            // A heading row before any criteria ("STT | Nội dung | Điểm tối đa").
            if current.is_none() && table.groups.is_empty() && points(&max).is_none() {
                table.header_rows.push(row);
            } else {
                table.problems.push(RowProblem {
                    row,
                    issue: RowIssue::UnknownNumbering { found: number },
                });
            }
            continue;
        };
        if name.is_empty() {
            table.problems.push(RowProblem {
                row,
                issue: RowIssue::NoName,
            });
            continue;
        }
        // A table of one kind of numbering only: every row is an item of one group.
        let is_group = Some(kind) == group_kind && item_kind.is_some();
        if is_group {
            finish(current.take(), group_row, &mut table);
            group_row = row;
            open.clear();
            current = Some(TableGroup {
                name,
                max: points(&max),
                items: Vec::new(),
                headings: Vec::new(),
            });
            continue;
        }
        let rank = rank_of(kind);
        if item_kind.is_some() && rank + 2 > super::config_tree::MAX_LEVELS {
            table.problems.push(RowProblem {
                row,
                issue: RowIssue::TooDeep { found: number },
            });
            continue;
        }
        // Whatever was open at this rank or deeper is closed by this row.
        open.retain(|&(r, _)| r < rank);
        let deeper_follows =
            next_kind[row].is_some_and(|next| rank_of(next) > rank && Some(next) != group_kind);
        if Some(kind) != item_kind && deeper_follows {
            if let Some(group) = current.as_mut() {
                let at = group.headings.len();
                group.headings.push(TableHeading {
                    name,
                    max: points(&max),
                    parent: open.last().map(|&(_, h)| h),
                    rank,
                    first_item: group.items.len(),
                });
                open.push((rank, at));
            } else {
                table.problems.push(RowProblem {
                    row,
                    issue: RowIssue::ItemBeforeGroup,
                });
            }
            continue;
        }
        let Some(max) = points(&max) else {
            table.problems.push(RowProblem {
                row,
                issue: RowIssue::BadMax { found: max },
            });
            continue;
        };
        let item = TableItem {
            name,
            max,
            guide: (!guide.is_empty()).then_some(guide),
            heading: open.last().map(|&(_, h)| h),
        };
        match current.as_mut() {
            Some(group) => group.items.push(item),
            None if item_kind.is_none() => {
                group_row = row;
                current = Some(TableGroup {
                    name: String::new(),
                    max: None,
                    items: vec![item],
                    headings: Vec::new(),
                });
            }
            None => table.problems.push(RowProblem {
                row,
                issue: RowIssue::ItemBeforeGroup,
            }),
        }
    }
    finish(current, group_row, &mut table);
    table
}

impl TableGroup {
    /// The most the group gives: its items, each heading's sum capped by the
    /// subtotal the table states for it.
    pub fn total(&self) -> i64 {
        let mut sums = vec![0i64; self.headings.len()];
        let mut top = 0;
        for item in &self.items {
            match item.heading {
                Some(h) => sums[h] += item.max.0,
                None => top += item.max.0,
            }
        }
        for h in (0..self.headings.len()).rev() {
            let heading = &self.headings[h];
            let capped = heading.max.map_or(sums[h], |cap| sums[h].min(cap.0));
            match heading.parent {
                Some(p) => sums[p] += capped,
                None => top += capped,
            }
        }
        top
    }
}

/// The step an item gets: half points unless its maximum needs finer.
pub fn default_step(max: Points) -> Points {
    [50, 25, 10, 5, 1]
        .into_iter()
        .find(|s| max.0 % s == 0)
        .map_or(Points(1), Points)
}

#[cfg(test)]
#[path = "criteria_table_tests.rs"]
mod tests;
