//! Subtotals of a criteria tree: each heading and group sums its entries, capped.

use super::config::Group;

fn capped(sum: i64, cap: Option<super::points::Points>) -> i64 {
    match cap {
        Some(cap) => sum.min(cap.0),
        None => sum,
    }
}

/// The group's subtotal and each heading's, given each item's value in hundredths
/// (by index into the group's items).
pub fn subtotals(group: &Group, item_value: impl Fn(usize) -> i64) -> (i64, Vec<i64>) {
    let mut headings = vec![0i64; group.headings.len()];
    let mut top = 0i64;
    for (i, item) in group.items.iter().enumerate() {
        let value = item_value(i);
        match item.parent {
            Some(h) => headings[h] += value,
            None => top += value,
        }
    }
    // A heading comes after the heading it sits in, so walking back finishes every
    // heading before adding it to its parent.
    for h in (0..group.headings.len()).rev() {
        let heading = &group.headings[h];
        headings[h] = capped(headings[h], heading.cap);
        match heading.parent {
            Some(parent) => headings[parent] += headings[h],
            None => top += headings[h],
        }
    }
    (capped(top, group.cap), headings)
}

pub fn subtotal(group: &Group, item_value: impl Fn(usize) -> i64) -> i64 {
    subtotals(group, item_value).0
}
