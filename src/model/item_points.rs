//! Points of the version 2 item kinds (docs/FORMAT.md, section 7), exactly. Counts
//! and quantities arrive as hundredths, like points: a count of 3 is 300.

use super::exact::Exact;
use super::points::Points;

/// How a target item turns an actual against a registered target into points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetFormula {
    /// `max × min(A/T, 1)`.
    Ratio,
    /// Half the points at the target, the best ratio above it the full points.
    RelativeToBest,
}

/// The bounds of a plus/minus item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlusMinus {
    pub bonus_rate: Points,
    pub penalty_rate: Points,
    pub min: Points,
    pub max: Points,
    pub max_bonus: Option<Points>,
}

/// One member's figures for a target item: its registered target and its actual,
/// both in hundredths. `actual` is `None` until entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    pub target: i64,
    pub actual: Option<i64>,
}

/// Whole occurrences in a count held as hundredths.
fn whole(count: Points) -> i64 {
    count.0.max(0) / 100
}

pub fn pass_fail(max: Points, value: Points) -> Points {
    if value.0 >= 100 { max } else { Points::ZERO }
}

pub fn per_occurrence(rate: Points, max: Points, count: Points) -> Points {
    let raw = (rate.0 as i128) * (whole(count) as i128);
    Points(raw.min(max.0 as i128) as i64)
}

pub fn plus_minus(rule: &PlusMinus, plus: Points, minus: Points) -> Points {
    let mut bonus = (rule.bonus_rate.0 as i128) * (whole(plus) as i128);
    if let Some(cap) = rule.max_bonus {
        bonus = bonus.min(cap.0 as i128);
    }
    let penalty = (rule.penalty_rate.0 as i128) * (whole(minus) as i128);
    let net = (bonus - penalty).clamp(rule.min.0 as i128, rule.max.0 as i128);
    Points(net as i64)
}

/// The points of every member for one target item, and whether they are final: they
/// are not while an assigned member's actual is missing and the formula compares
/// members. `figures[m]` is `None` for a member the item is not assigned to.
pub fn target_points(
    formula: TargetFormula,
    max: Points,
    decimals: u8,
    figures: &[Option<Figure>],
) -> (Vec<Points>, bool) {
    let best_without_target = figures
        .iter()
        .flatten()
        .filter(|f| f.target == 0)
        .filter_map(|f| f.actual)
        .max()
        .unwrap_or(0);
    let best_ratio = figures
        .iter()
        .flatten()
        .filter_map(|f| Some((f.actual?, f.target)))
        .filter(|&(a, t)| t > 0 && a > t)
        .max_by(|&(a1, t1), &(a2, t2)| {
            ((a1 as i128) * (t2 as i128)).cmp(&((a2 as i128) * (t1 as i128)))
        });
    let points = figures
        .iter()
        .map(|figure| {
            let Some(Figure {
                target,
                actual: Some(actual),
            }) = *figure
            else {
                return Points::ZERO;
            };
            let exact = if target == 0 {
                share_of(max, actual, best_without_target)
            } else {
                match formula {
                    TargetFormula::Ratio => share_of(max, actual.min(target), target),
                    TargetFormula::RelativeToBest => relative(max, actual, target, best_ratio),
                }
            };
            to_hundredths(exact, decimals)
        })
        .collect();
    let compares =
        formula == TargetFormula::RelativeToBest || figures.iter().flatten().any(|f| f.target == 0);
    let complete = figures.iter().flatten().all(|f| f.actual.is_some());
    (points, complete || !compares)
}

/// `max × part / whole`; nothing when `whole` is 0.
fn share_of(max: Points, part: i64, whole: i64) -> Exact {
    Exact::ratio((max.0 as i128) * (part as i128), whole as i128)
}

fn relative(max: Points, actual: i64, target: i64, best: Option<(i64, i64)>) -> Exact {
    let (a, t, m) = (actual as i128, target as i128, max.0 as i128);
    if a <= t {
        return Exact::ratio(m * a, 2 * t);
    }
    // `best` exists: this member is above its target, so it is among those compared.
    let Some((best_a, best_t)) = best.map(|(x, y)| (x as i128, y as i128)) else {
        return Exact::ratio(m, 1);
    };
    if a * best_t >= best_a * t {
        return Exact::ratio(m, 1);
    }
    // ½m + ½m·(a/t − 1)/(L − 1) with L = best_a/best_t, over one denominator.
    let spread = best_a - best_t;
    Exact::ratio(m * (t * spread + (a - t) * best_t), 2 * t * spread)
}

/// Rounds once to `decimals` (0–2) places of a point, back into hundredths.
fn to_hundredths(exact: Exact, decimals: u8) -> Points {
    let decimals = decimals.min(2);
    let rounded = exact.round(decimals);
    Points(rounded.units * 10i64.pow(2 - decimals as u32))
}
