//! Exact averages of points and the one rounding that turns them into what people see.

use super::points::Points;
use std::cmp::Ordering;
use std::fmt;

/// An exact number of hundredths, `num / den` with `den > 0`.
#[derive(Debug, Clone, Copy)]
pub struct Exact {
    num: i128,
    den: i128,
}

impl Exact {
    pub fn whole(points: Points) -> Exact {
        Exact {
            num: points.0 as i128,
            den: 1,
        }
    }

    /// `num / den` hundredths; a zero or negative `den` gives zero.
    pub fn ratio(num: i128, den: i128) -> Exact {
        if den <= 0 {
            return Exact { num: 0, den: 1 };
        }
        Exact { num, den }
    }

    /// The mean of a sum over `count` values; zero values give zero.
    pub fn mean(sum: i64, count: usize) -> Exact {
        if count == 0 {
            return Exact { num: 0, den: 1 };
        }
        Exact {
            num: sum as i128,
            den: count as i128,
        }
    }

    /// Rounds half away from zero to `decimals` places (0–3), once.
    pub fn round(self, decimals: u8) -> Rounded {
        let scale = 10i128.pow(decimals as u32);
        let n = self.num * scale;
        let d = self.den * 100;
        let units = (2 * n.abs() + d) / (2 * d);
        let units = if n < 0 { -units } else { units };
        Rounded {
            units: units as i64,
            decimals,
        }
    }
}

impl PartialEq for Exact {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Exact {}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.num * other.den).cmp(&(other.num * self.den))
    }
}

/// A rounded value as shown and ranked: `units` of 10^-decimals points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rounded {
    pub units: i64,
    pub decimals: u8,
}

impl Rounded {
    /// Fixed decimals with the given separator: `97,50`.
    pub fn display(self, separator: char) -> String {
        let scale = 10i64.pow(self.decimals as u32);
        let sign = if self.units < 0 { "-" } else { "" };
        let abs = self.units.unsigned_abs();
        let whole = abs / scale as u64;
        if self.decimals == 0 {
            return format!("{sign}{whole}");
        }
        let fraction = abs % scale as u64;
        format!(
            "{sign}{whole}{separator}{fraction:0width$}",
            width = self.decimals as usize
        )
    }

    /// Whether this value reaches `min` points.
    pub fn at_least(self, min: Points) -> bool {
        let scale = 10i128.pow(self.decimals as u32);
        (self.units as i128) * 100 >= (min.0 as i128) * scale
    }
}

impl fmt::Display for Rounded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display('.'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rounds_half_up_once() {
        // 97.125 → 97.13 with 2 decimals; 97.124999.. stays.
        assert_eq!(Exact::mean(19_425, 2).round(2).units, 9713);
        assert_eq!(Exact::mean(29_137, 3).round(2).units, 9712); // 97.1233…
        assert_eq!(Exact::mean(29_138, 3).round(2).units, 9713); // 97.1266…
        assert_eq!(Exact::mean(195, 2).round(2).units, 98); // 0.975 → 0.98
        assert_eq!(Exact::mean(195, 2).round(1).units, 10); // 0.975 → 1.0
        assert_eq!(Exact::mean(-195, 2).round(2).units, -98);
        assert_eq!(Exact::mean(9750, 1).round(0).units, 98);
        assert_eq!(Exact::mean(9749, 1).round(0).units, 97);
        assert_eq!(Exact::mean(10, 3).round(3).units, 33); // 0.0333…
    }

    #[test]
    fn shows_fixed_decimals() {
        assert_eq!(Exact::mean(9750, 1).round(2).display(','), "97,50");
        assert_eq!(Exact::mean(9750, 1).round(0).display(','), "98");
        assert_eq!(Exact::mean(5, 1).round(3).display('.'), "0.050");
        assert_eq!(Exact::mean(-5, 1).round(2).display('.'), "-0.05");
    }

    #[test]
    fn compares_reaching_a_class() {
        let r = Exact::mean(9500, 1).round(2);
        assert!(r.at_least(Points(9500)));
        assert!(!Exact::mean(9499, 1).round(2).at_least(Points(9500)));
        // 94.996 rounds to 95.00 with 2 decimals: what people see is what classifies.
        assert!(Exact::mean(94_996, 10).round(2).at_least(Points(9500)));
    }

    proptest! {
        #[test]
        fn rounding_is_within_half_a_unit(sum in -10_000_000i64..10_000_000, count in 1usize..200, decimals in 0u8..=3) {
            let exact = Exact::mean(sum, count);
            let rounded = exact.round(decimals);
            // |rounded − exact| ≤ half a unit, in hundredths scaled by 10^decimals.
            let scale = 10i128.pow(decimals as u32);
            let diff = (rounded.units as i128) * 100 * count as i128 - (sum as i128) * scale;
            prop_assert!(2 * diff.abs() <= 100 * count as i128);
        }
    }
}
