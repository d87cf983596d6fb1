//! The version 2 item kinds (docs/FORMAT.md, section 7: "Item kinds", "Achievement
//! against a target" and its worked example) checked against a second computation
//! written here from the spec alone, in exact rationals of this file's own.
//!
//! Points, counts and quantities are hundredths: 9,5 points is `Points(950)`, a count
//! of 3 is `Points(300)`, an actual of 44 is `4400`.

use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use std::cmp::Ordering;
use thidua::model::item_points::{
    Figure, PlusMinus, TargetFormula, pass_fail, per_occurrence, plus_minus, target_points,
};
use thidua::model::points::Points;

/// The largest points value of a field: 10 000 points.
const MAX_POINTS: i64 = 1_000_000;
/// The largest quantity (target or actual): 10 000 000 000.
const MAX_QTY: i64 = 1_000_000_000_000;
/// The largest count of a cell: 100 000.
const MAX_COUNT: i64 = 100_000;

/// The settings of every property here. A failure is reported with its shrunk input
/// and not written to a regressions file.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(cases)
    }
}

// ---------------------------------------------------------------------------------
// Exact rationals, just enough for the spec's formulas.
// ---------------------------------------------------------------------------------

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let r = a % b;
        a = b;
        b = r;
    }
    a
}

/// `n / d` in lowest terms with `d > 0`. Every operation is checked: an overflow here
/// panics instead of giving a wrong reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Q {
    n: i128,
    d: i128,
}

impl Q {
    fn new(n: i128, d: i128) -> Q {
        assert!(d != 0, "reference: division by zero");
        let g = gcd(n, d).max(1);
        let (n, d) = (n / g, d / g);
        if d < 0 {
            Q { n: -n, d: -d }
        } else {
            Q { n, d }
        }
    }

    fn int(n: i64) -> Q {
        Q::new(n as i128, 1)
    }

    fn add(self, o: Q) -> Q {
        let g = gcd(self.d, o.d);
        let (a, b) = (self.d / g, o.d / g);
        let n = self
            .n
            .checked_mul(b)
            .and_then(|x| o.n.checked_mul(a).and_then(|y| x.checked_add(y)))
            .expect("reference overflow in add");
        let d = self.d.checked_mul(b).expect("reference overflow in add");
        Q::new(n, d)
    }

    fn neg(self) -> Q {
        Q {
            n: -self.n,
            d: self.d,
        }
    }

    fn sub(self, o: Q) -> Q {
        self.add(o.neg())
    }

    fn mul(self, o: Q) -> Q {
        // Cross-cancel first to keep the products small.
        let g1 = gcd(self.n, o.d).max(1);
        let g2 = gcd(o.n, self.d).max(1);
        let n = (self.n / g1)
            .checked_mul(o.n / g2)
            .expect("reference overflow in mul");
        let d = (self.d / g2)
            .checked_mul(o.d / g1)
            .expect("reference overflow in mul");
        Q::new(n, d)
    }

    fn div(self, o: Q) -> Q {
        assert!(o.n != 0, "reference: division by zero");
        self.mul(Q::new(o.d, o.n))
    }

    fn min(self, o: Q) -> Q {
        if self.cmp(&o) == Ordering::Greater {
            o
        } else {
            self
        }
    }
}

impl PartialOrd for Q {
    fn partial_cmp(&self, o: &Q) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Q {
    fn cmp(&self, o: &Q) -> Ordering {
        let l = self.n.checked_mul(o.d).expect("reference overflow in cmp");
        let r = o.n.checked_mul(self.d).expect("reference overflow in cmp");
        l.cmp(&r)
    }
}

/// The nearest whole number, halves away from zero.
fn round_half_away(x: Q) -> i128 {
    let (n, d) = (x.n.abs(), x.d);
    let r = (2 * n + d) / (2 * d);
    if x.n < 0 { -r } else { r }
}

/// `points` (a rational number of hundredths) rounded half away from zero to
/// `decimals` places of a point, back in hundredths.
fn round_to_decimals(hundredths: Q, decimals: u8) -> i64 {
    let scale = 10i128.pow(decimals as u32);
    // hundredths / 100 points, times 10^decimals.
    let units = round_half_away(hundredths.mul(Q::new(scale, 100)));
    i64::try_from(units * (100 / scale)).expect("rounded points fit in i64")
}

// ---------------------------------------------------------------------------------
// The spec's formulas, as a second computation.
// ---------------------------------------------------------------------------------

/// One member's registered target and actual (hundredths), or not assigned.
type Member = Option<(i64, Option<i64>)>;

/// Section 7, "Achievement against a target": every member's points in hundredths,
/// rounded once, and whether they are final.
fn reference_target(
    formula: TargetFormula,
    max: i64,
    decimals: u8,
    members: &[Member],
) -> (Vec<i64>, bool) {
    let max = Q::int(max);
    let half = max.mul(Q::new(1, 2));
    // B: the highest actual among the assigned members with T = 0.
    let best_without_target = members
        .iter()
        .flatten()
        .filter(|(t, _)| *t == 0)
        .filter_map(|(_, a)| *a)
        .max()
        .unwrap_or(0);
    // L: the highest ratio A/T among the assigned members with T > 0 and A > T.
    let best_ratio = members
        .iter()
        .flatten()
        .filter_map(|&(t, a)| a.map(|a| (t, a)))
        .filter(|&(t, a)| t > 0 && a > t)
        .map(|(t, a)| Q::new(a as i128, t as i128))
        .max();

    let points = members
        .iter()
        .map(|m| {
            let Some((t, Some(a))) = *m else {
                // Not assigned, or the actual is missing: 0.
                return 0;
            };
            let exact = if t == 0 {
                if best_without_target == 0 {
                    Q::int(0)
                } else {
                    max.mul(Q::new(a as i128, best_without_target as i128))
                }
            } else {
                let ratio = Q::new(a as i128, t as i128);
                match formula {
                    TargetFormula::Ratio => max.mul(ratio.min(Q::int(1))),
                    TargetFormula::RelativeToBest => match a.cmp(&t) {
                        Ordering::Less => half.mul(ratio),
                        Ordering::Equal => half,
                        Ordering::Greater => {
                            let l = best_ratio.expect("this member is above its target");
                            if ratio == l {
                                max
                            } else {
                                let one = Q::int(1);
                                half.add(half.mul(ratio.sub(one)).div(l.sub(one)))
                            }
                        }
                    },
                }
            };
            round_to_decimals(exact, decimals)
        })
        .collect();

    let compares =
        formula == TargetFormula::RelativeToBest || members.iter().flatten().any(|(t, _)| *t == 0);
    let missing = members.iter().flatten().any(|(_, a)| a.is_none());
    (points, !(compares && missing))
}

fn figures(members: &[Member]) -> Vec<Option<Figure>> {
    members
        .iter()
        .map(|m| m.map(|(target, actual)| Figure { target, actual }))
        .collect()
}

/// Runs the implementation, in hundredths.
fn run_target(
    formula: TargetFormula,
    max: i64,
    decimals: u8,
    members: &[Member],
) -> (Vec<i64>, bool) {
    let (points, complete) = target_points(formula, Points(max), decimals, &figures(members));
    (points.into_iter().map(|p| p.0).collect(), complete)
}

// ---------------------------------------------------------------------------------
// Generators.
// ---------------------------------------------------------------------------------

fn formula() -> impl Strategy<Value = TargetFormula> {
    prop_oneof![
        Just(TargetFormula::Ratio),
        Just(TargetFormula::RelativeToBest)
    ]
}

/// A points value with up to 2 decimals, often a whole or half number.
fn points_value(lo: i64) -> impl Strategy<Value = i64> {
    prop_oneof![
        3 => lo..=MAX_POINTS,
        2 => (lo..=MAX_POINTS / 100).prop_map(|p| p * 100).prop_filter("in range", move |p| *p >= lo),
        2 => lo..=lo.max(2_000),
        1 => (lo..=MAX_POINTS / 50).prop_map(|p| p * 50).prop_filter("in range", move |p| *p >= lo),
    ]
}

/// A registered target: often 0 (none), small, whole or as large as allowed.
fn target() -> impl Strategy<Value = i64> {
    prop_oneof![
        2 => Just(0i64),
        3 => 1..=10_000i64,
        2 => (1..=1_000_000i64).prop_map(|x| x * 100),
        3 => 1..=MAX_QTY,
        1 => MAX_QTY - 1_000..=MAX_QTY,
    ]
}

/// How the actual stands to the target.
#[derive(Debug, Clone, Copy)]
enum Actual {
    Zero,
    AtTarget,
    Below(u64),
    AboveNear(u64),
    AboveFar(u64),
    Any(i64),
    Missing,
}

fn actual() -> impl Strategy<Value = Actual> {
    prop_oneof![
        1 => Just(Actual::Zero),
        2 => Just(Actual::AtTarget),
        3 => any::<u64>().prop_map(Actual::Below),
        3 => any::<u64>().prop_map(Actual::AboveNear),
        2 => any::<u64>().prop_map(Actual::AboveFar),
        1 => (0..=MAX_QTY).prop_map(Actual::Any),
        1 => Just(Actual::Missing),
    ]
}

fn actual_for(t: i64, how: Actual) -> Option<i64> {
    let room = (MAX_QTY - t) as u64; // how far above the target an actual may go
    Some(match how {
        Actual::Zero => 0,
        Actual::AtTarget => t,
        Actual::Below(x) if t > 0 => (x % t as u64) as i64,
        Actual::Below(_) => 0,
        Actual::AboveNear(x) if room > 0 => {
            let span = room.min((t as u64).max(1) * 2);
            t + 1 + (x % span) as i64
        }
        Actual::AboveFar(x) if room > 0 => t + 1 + (x % room) as i64,
        Actual::AboveNear(_) | Actual::AboveFar(_) => t,
        Actual::Any(a) => a,
        Actual::Missing => return None,
    })
}

fn member() -> impl Strategy<Value = Member> {
    prop_oneof![
        1 => Just(None),
        7 => (target(), actual()).prop_map(|(t, how)| Some((t, actual_for(t, how)))),
    ]
}

/// A change made after the members are drawn, to get equal and nearly equal ratios.
#[derive(Debug, Clone, Copy)]
enum Twin {
    /// Member `to` gets `from`'s (T, A) times `k`: the same ratio.
    Scaled { from: usize, to: usize, k: i64 },
    /// Member `to` gets the best ratio's (T, A) times `k`: tied for the best.
    ScaledBest { to: usize, k: i64 },
    /// Member `to` gets `from`'s (T, A) plus one hundredth each: a ratio barely apart.
    Nudged { from: usize, to: usize, up: bool },
}

fn twin() -> impl Strategy<Value = Twin> {
    prop_oneof![
        (0usize..30, 0usize..30, 1i64..=7).prop_map(|(from, to, k)| Twin::Scaled { from, to, k }),
        (0usize..30, 1i64..=7).prop_map(|(to, k)| Twin::ScaledBest { to, k }),
        (0usize..30, 0usize..30, any::<bool>()).prop_map(|(from, to, up)| Twin::Nudged {
            from,
            to,
            up
        }),
    ]
}

fn best_ratio_member(members: &[Member]) -> Option<usize> {
    let mut best: Option<(usize, Q)> = None;
    for (i, m) in members.iter().enumerate() {
        if let Some((t, Some(a))) = *m
            && t > 0
            && a > t
        {
            let r = Q::new(a as i128, t as i128);
            if best.is_none_or(|(_, b)| r > b) {
                best = Some((i, r));
            }
        }
    }
    best.map(|(i, _)| i)
}

fn apply_twins(members: &mut [Member], twins: &[Twin]) {
    let n = members.len();
    for tw in twins {
        let (from, to, change): (usize, usize, Box<dyn Fn(i64) -> i64>) = match *tw {
            Twin::Scaled { from, to, k } => (from % n, to % n, Box::new(move |x| x * k)),
            Twin::ScaledBest { to, k } => match best_ratio_member(members) {
                Some(from) => (from, to % n, Box::new(move |x| x * k)),
                None => continue,
            },
            Twin::Nudged { from, to, up } => (
                from % n,
                to % n,
                Box::new(move |x| if up { x + 1 } else { x - 1 }),
            ),
        };
        let Some((t, Some(a))) = members[from] else {
            continue;
        };
        let (t2, a2) = (change(t), change(a));
        // Only targets > 0 keep their ratio; keep everything in range.
        if t > 0 && (1..=MAX_QTY).contains(&t2) && (0..=MAX_QTY).contains(&a2) {
            members[to] = Some((t2, Some(a2)));
        }
    }
    if members.iter().all(Option::is_none) {
        // An item assigned to no member is refused by the config.
        members[0] = Some((100, Some(100)));
    }
}

fn cluster() -> impl Strategy<Value = Vec<Member>> {
    (
        prop::collection::vec(member(), 2..=30),
        prop::collection::vec(twin(), 0..=4),
    )
        .prop_map(|(mut members, twins)| {
            apply_twins(&mut members, &twins);
            members
        })
}

/// Members whose figures all lie near the largest quantity: the products of ratio
/// comparisons there need more than 64 bits.
fn huge_cluster() -> impl Strategy<Value = Vec<Member>> {
    let near = MAX_QTY - 5_000_000..=MAX_QTY;
    let figure = (
        prop_oneof![4 => near.clone(), 1 => Just(0i64), 1 => 1..=1_000i64],
        prop_oneof![6 => near.prop_map(Some), 1 => Just(None)],
    )
        .prop_map(|(t, a)| Some((t, a)));
    (
        prop::collection::vec(figure, 2..=30),
        prop::collection::vec(twin(), 0..=4),
    )
        .prop_map(|(mut members, twins)| {
            apply_twins(&mut members, &twins);
            members
        })
}

// ---------------------------------------------------------------------------------
// The worked example and hand-written cases.
// ---------------------------------------------------------------------------------

/// The worked example's members in the table's order: A, C, G, D, H, B, E.
fn worked_example() -> Vec<Option<Figure>> {
    [
        (100, 120),
        (50, 60),
        (40, 44),
        (80, 80),
        (30, 20),
        (0, 150),
        (0, 100),
    ]
    .into_iter()
    .map(|(t, a)| {
        Some(Figure {
            target: t * 100,
            actual: Some(a * 100),
        })
    })
    .collect()
}

#[test]
fn the_worked_example_relative_to_best_gives_the_tables_points() {
    let (points, complete) = target_points(
        TargetFormula::RelativeToBest,
        Points(1000),
        2,
        &worked_example(),
    );
    let expected = [1000, 1000, 750, 500, 333, 1000, 667].map(Points);
    assert_eq!(points, expected);
    assert!(complete, "every actual is in");
}

#[test]
fn the_worked_example_with_ratio_gives_the_tables_points() {
    let (points, complete) =
        target_points(TargetFormula::Ratio, Points(1000), 2, &worked_example());
    let expected = [1000, 1000, 1000, 1000, 667, 1000, 667].map(Points);
    assert_eq!(points, expected);
    assert!(complete, "every actual is in");
}

#[test]
fn the_worked_example_rounded_to_whole_points() {
    let (points, _) = target_points(
        TargetFormula::RelativeToBest,
        Points(1000),
        0,
        &worked_example(),
    );
    // 7,5 rounds away from zero to 8; 10/3 to 3; 20/3 to 7.
    let expected = [1000, 1000, 800, 500, 300, 1000, 700].map(Points);
    assert_eq!(points, expected);
}

#[test]
fn members_tied_for_the_best_ratio_all_get_full_points() {
    // 1,2 three times over (120/100, 60/50, 12 000 000/10 000 000), a runner-up at 1,1.
    let figures: Vec<Option<Figure>> = [
        (10_000, 12_000),
        (5_000, 6_000),
        (1_000_000_000, 1_200_000_000),
        (4_000, 4_400),
    ]
    .into_iter()
    .map(|(target, a)| {
        Some(Figure {
            target,
            actual: Some(a),
        })
    })
    .collect();
    let (points, complete) =
        target_points(TargetFormula::RelativeToBest, Points(1000), 2, &figures);
    assert_eq!(points, [1000, 1000, 1000, 750].map(Points));
    assert!(complete);
}

#[test]
fn the_spec_examples_of_per_occurrence_and_plus_minus() {
    // Rate 0,5, max 5: 3 new models give 1,5; 12 give 5.
    assert_eq!(
        per_occurrence(Points(50), Points(500), Points(300)),
        Points(150)
    );
    assert_eq!(
        per_occurrence(Points(50), Points(500), Points(1200)),
        Points(500)
    );
    let rule = PlusMinus {
        bonus_rate: Points(100),
        penalty_rate: Points(50),
        min: Points(0),
        max: Points(500),
        max_bonus: Some(Points(300)),
    };
    // b = 4, d = 1: min(4, 3) − 0,5 = 2,5; b = 0, d = 3: clamp(−1,5) = 0.
    assert_eq!(plus_minus(&rule, Points(400), Points(100)), Points(250));
    assert_eq!(plus_minus(&rule, Points(0), Points(300)), Points(0));
}

#[test]
fn a_missing_actual_counts_zero_and_keeps_comparing_items_provisional() {
    let a = |t: i64, a: Option<i64>| {
        Some(Figure {
            target: t,
            actual: a,
        })
    };
    let figures = [a(100, Some(50)), a(200, None), None];
    // Ratio with every target > 0 does not compare members: final.
    let (points, complete) = target_points(TargetFormula::Ratio, Points(1000), 2, &figures);
    assert_eq!(points, [500, 0, 0].map(Points));
    assert!(complete);
    // Relative to best compares members: provisional.
    let (points, complete) =
        target_points(TargetFormula::RelativeToBest, Points(1000), 2, &figures);
    assert_eq!(points, [250, 0, 0].map(Points));
    assert!(!complete);
    // Ratio with a member without a target compares members too.
    let figures = [a(100, Some(50)), a(200, None), a(0, Some(7))];
    let (points, complete) = target_points(TargetFormula::Ratio, Points(1000), 2, &figures);
    assert_eq!(points, [500, 0, 1000].map(Points));
    assert!(!complete);
}

// ---------------------------------------------------------------------------------
// Properties.
// ---------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(10_000))]

    /// Đạt gives the item's max, không đạt gives 0.
    #[test]
    fn pass_fail_gives_max_or_nothing(max in points_value(0), passed in any::<bool>()) {
        let value = if passed { Points(100) } else { Points(0) };
        let expected = if passed { max } else { 0 };
        prop_assert_eq!(pass_fail(Points(max), value), Points(expected));
    }

    /// `min(rate × c, max)` for every whole count, around and at the cap.
    #[test]
    fn per_occurrence_is_rate_times_count_up_to_the_max(
        rate in points_value(1),
        max_how in 0u8..4,
        max_raw in 0..=MAX_POINTS,
        count_how in 0u8..6,
        count_raw in 0..=MAX_COUNT,
    ) {
        // The max: equal to the rate, anything from the rate up, or an exact multiple.
        let max = match max_how {
            0 => rate,
            1 => rate + max_raw % (MAX_POINTS - rate + 1),
            2 => rate * (1 + max_raw % (MAX_POINTS / rate)),
            _ => MAX_POINTS,
        };
        // How many occurrences reach the cap exactly (or just pass it).
        let at_cap = max / rate;
        let count = match count_how {
            0 => 0,
            1 => at_cap,
            2 => at_cap + 1,
            3 => at_cap.saturating_sub(1),
            4 => count_raw % 30,
            _ => count_raw,
        }
        .min(MAX_COUNT);
        let expected = ((rate as i128) * (count as i128)).min(max as i128) as i64;
        prop_assert_eq!(
            per_occurrence(Points(rate), Points(max), Points(count * 100)),
            Points(expected),
            "rate {} max {} count {}", rate, max, count
        );
    }

    /// `clamp(min(b × bonus_rate, max_bonus) − d × penalty_rate, min, max)`.
    #[test]
    fn plus_minus_is_bonus_less_penalty_within_its_bounds(
        bonus_rate in points_value(1),
        penalty_rate in points_value(1),
        max in points_value(0),
        min_how in 0u8..3,
        min_raw in 0..=MAX_POINTS,
        max_bonus in prop::option::of(points_value(1)),
        b in prop_oneof![0..=20i64, 0..=MAX_COUNT],
        d in prop_oneof![0..=20i64, 0..=MAX_COUNT],
    ) {
        let min = match min_how {
            0 => 0,
            1 => min_raw % (max + 1),
            _ => max,
        };
        let rule = PlusMinus {
            bonus_rate: Points(bonus_rate),
            penalty_rate: Points(penalty_rate),
            min: Points(min),
            max: Points(max),
            max_bonus: max_bonus.map(Points),
        };
        let mut bonus = b as i128 * bonus_rate as i128;
        if let Some(cap) = max_bonus {
            bonus = bonus.min(cap as i128);
        }
        let expected = (bonus - d as i128 * penalty_rate as i128).clamp(min as i128, max as i128);
        prop_assert_eq!(
            plus_minus(&rule, Points(b * 100), Points(d * 100)),
            Points(expected as i64),
            "{:?} b {} d {}", rule, b, d
        );
    }
}

proptest! {
    #![proptest_config(config(5_000))]

    /// Every member's points, and whether they are final, as section 7 computes them
    /// for random clusters of 2 to 30 members.
    #[test]
    fn target_points_follow_the_spec_for_random_clusters(
        formula in formula(),
        max in points_value(0),
        decimals in 0u8..=2,
        members in cluster(),
        without_target_allowed in prop::bool::weighted(0.7),
    ) {
        let mut members = members;
        if !without_target_allowed {
            // Every assigned member registered a target: `ratio` compares no one.
            for (t, _) in members.iter_mut().flatten() {
                *t = (*t).max(1);
            }
        }
        let expected = reference_target(formula, max, decimals, &members);
        let got = run_target(formula, max, decimals, &members);
        prop_assert_eq!(
            &got.0, &expected.0,
            "points: {:?} max {} decimals {} members {:?}", formula, max, decimals, members
        );
        prop_assert_eq!(
            got.1, expected.1,
            "complete: {:?} max {} decimals {} members {:?}", formula, max, decimals, members
        );
    }

    /// Quantities near 10 000 000 000, where ratio comparisons overflow 64 bits.
    #[test]
    fn target_points_are_exact_for_the_largest_quantities(
        formula in formula(),
        max in points_value(0),
        decimals in 0u8..=2,
        members in huge_cluster(),
    ) {
        let expected = reference_target(formula, max, decimals, &members);
        let got = run_target(formula, max, decimals, &members);
        prop_assert_eq!(
            got, expected,
            "{:?} max {} decimals {} members {:?}", formula, max, decimals, members
        );
    }

    /// A member that reaches the best ratio in other figures (the best's T and A
    /// times k) gets the full points, as does the best itself.
    #[test]
    fn members_tied_for_the_best_ratio_get_the_full_points_in_any_cluster(
        max in points_value(1),
        decimals in 0u8..=2,
        members in cluster(),
        copies in prop::collection::vec((0usize..30, 1i64..=9), 1..=3),
    ) {
        let mut members = members;
        let Some(best) = best_ratio_member(&members) else {
            return Ok(());
        };
        let (t, a) = match members[best] {
            Some((t, Some(a))) => (t, a),
            _ => unreachable!("the best has figures"),
        };
        let mut tied = vec![best];
        for (to, k) in copies {
            let to = to % members.len();
            if t * k <= MAX_QTY && a * k <= MAX_QTY {
                members[to] = Some((t * k, Some(a * k)));
                tied.push(to);
            }
        }
        let full = round_to_decimals(Q::int(max), decimals);
        let (points, _) = run_target(TargetFormula::RelativeToBest, max, decimals, &members);
        for m in tied {
            prop_assert_eq!(points[m], full, "member {} of {:?}", m, members);
        }
    }

    /// A result that falls exactly halfway rounds away from zero: with T = 2 × 10^decimals
    /// and an actual of 2n + 1 hundredths, `ratio` with max 100 (and `relative_to_best`
    /// with max 200, half of it below the target) gives n + ½ units of the last place,
    /// shown as n + 1.
    #[test]
    fn halfway_results_round_away_from_zero(
        formula in formula(),
        decimals in 0u8..=2,
        n_raw in 0i64..10_000,
        others in prop::collection::vec(member(), 0..=5),
    ) {
        let scale = 10i64.pow(decimals as u32);
        let t = 200 * scale;
        let n = n_raw % (100 * scale);
        let mut members = vec![Some((t, Some(2 * n + 1)))];
        // Other members with targets > 0 and A <= T do not change this member's points
        // under either formula.
        members.extend(others.into_iter().map(|m| {
            m.map(|(t, a)| {
                let t = t.max(1);
                (t, a.map(|a| a.min(t)))
            })
        }));
        let max = match formula {
            TargetFormula::Ratio => 10_000,
            TargetFormula::RelativeToBest => 20_000,
        };
        let want = (n + 1) * (100 / scale);
        let (points, _) = run_target(formula, max, decimals, &members);
        prop_assert_eq!(points[0], want, "n {} decimals {} members {:?}", n, decimals, members);
    }
}
