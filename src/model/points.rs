//! Points as integer hundredths: `9,5` is stored as 950 and never passes through `f64`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The largest value any points field may hold (10 000 points).
pub const MAX_POINTS: Points = Points(1_000_000);

/// The largest count, target or actual any cell may hold (10 000 000 000).
pub const MAX_QUANTITY: Points = Points(1_000_000_000_000);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.text(crate::text::Lang::En))]
pub enum PointsError {
    NotANumber,
    TooManyDecimals,
    Negative,
    TooLarge,
    AboveMax {
        max: Points,
    },
    OffStep {
        step: Points,
    },
    /// A count with a fraction.
    NotWhole,
    /// A pass/fail cell given something other than đạt or không.
    NotPassFail,
}

impl PointsError {
    pub fn text(&self, lang: crate::text::Lang) -> String {
        use crate::text::errors::E;
        let sep = lang.decimal_separator();
        match self {
            PointsError::NotANumber => E::NotANumber.get(lang).into(),
            PointsError::TooManyDecimals => E::TooManyDecimals.get(lang).into(),
            PointsError::Negative => E::BelowZero.get(lang).into(),
            PointsError::TooLarge => E::AboveLimit.get(lang).into(),
            PointsError::AboveMax { max } => E::AboveMax.fill(lang, &[&max.display(sep)]),
            PointsError::OffStep { step } => E::OffStep.fill(lang, &[&step.display(sep)]),
            PointsError::NotWhole => E::NotWholeCount.get(lang).into(),
            PointsError::NotPassFail => E::NotPassFail.get(lang).into(),
        }
    }
}

impl Points {
    pub const ZERO: Points = Points(0);

    pub fn hundredths(self) -> i64 {
        self.0
    }

    /// Reads what a person typed: `9,5`, `9.5`, ` 10 `. Signs are refused as negative.
    pub fn parse(text: &str) -> Result<Points, PointsError> {
        Points::parse_up_to(text, MAX_POINTS)
    }

    /// Reads a typed count or quantity, which may be larger than any points value.
    pub fn parse_up_to(text: &str, limit: Points) -> Result<Points, PointsError> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, fraction) = match digits.find([',', '.']) {
            Some(at) => (&digits[..at], &digits[at + 1..]),
            None => (digits, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty())
            || !all_digits(whole)
            || !all_digits(fraction)
            || (digits.contains([',', '.']) && fraction.is_empty())
        {
            return Err(PointsError::NotANumber);
        }
        let value = hundredths_from_digits(whole, fraction, 0, limit.0)?;
        if negative && value != 0 {
            return Err(PointsError::Negative);
        }
        Ok(Points(value))
    }

    /// Reads a JSON number given as its exact text (exponents allowed).
    pub fn from_json_number(text: &str) -> Result<Points, PointsError> {
        Points::from_json_number_up_to(text, MAX_POINTS)
    }

    /// Reads a JSON number of at most `limit` (a count or a quantity may be larger
    /// than any points value).
    pub fn from_json_number_up_to(text: &str, limit: Points) -> Result<Points, PointsError> {
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(at) => {
                let exponent: i64 = text[at + 1..]
                    .parse()
                    .map_err(|_| PointsError::NotANumber)?;
                (&text[..at], exponent)
            }
            None => (text, 0),
        };
        let (negative, digits) = match mantissa.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, mantissa),
        };
        let (whole, fraction) = match digits.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits, ""),
        };
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PointsError::NotANumber);
        }
        if !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PointsError::NotANumber);
        }
        let value = hundredths_from_digits(whole, fraction, exponent, limit.0)?;
        if negative && value != 0 {
            return Err(PointsError::Negative);
        }
        Ok(Points(value))
    }

    /// Checks a value against an item's limits.
    pub fn check_within(self, max: Points, step: Points) -> Result<Points, PointsError> {
        if self.0 < 0 {
            return Err(PointsError::Negative);
        }
        if self > max {
            return Err(PointsError::AboveMax { max });
        }
        if step.0 > 0 && self.0 % step.0 != 0 {
            return Err(PointsError::OffStep { step });
        }
        Ok(self)
    }

    /// Shortest exact text: 950 → `9,5` (or `9.5`), 1000 → `10`.
    pub fn display(self, separator: char) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, fraction) = (abs / 100, abs % 100);
        match fraction {
            0 => format!("{sign}{whole}"),
            f if f % 10 == 0 => format!("{sign}{whole}{separator}{}", f / 10),
            f => format!("{sign}{whole}{separator}{f:02}"),
        }
    }

    /// The same value as a JSON number text, e.g. `9.5`.
    pub fn json_number(self) -> serde_json::Number {
        let text = self.display('.');
        // The text is always a valid JSON number: digits with an optional fraction.
        serde_json::from_str(&text).unwrap_or_else(|_| serde_json::Number::from(0))
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display('.'))
    }
}

/// Turns decimal digits (with a power-of-ten shift) into hundredths, exactly.
fn hundredths_from_digits(
    whole: &str,
    fraction: &str,
    exponent: i64,
    limit: i64,
) -> Result<i64, PointsError> {
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    // The value is (whole ‖ fraction) × 10^(exponent − fraction.len()); in hundredths
    // the shift is 2 more.
    let mut digits: String = format!("{whole}{fraction}");
    let leading = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..leading);
    if digits.is_empty() {
        return Ok(0);
    }
    let shift = exponent
        .saturating_add(2)
        .saturating_sub(fraction.len() as i64);
    if shift < 0 {
        return Err(PointsError::TooManyDecimals);
    }
    // More digits than the limit has (with room for one more) is above it.
    if digits.len() as i64 + shift > limit.to_string().len() as i64 + 1 {
        return Err(PointsError::TooLarge);
    }
    let mut value: i64 = digits.parse().map_err(|_| PointsError::NotANumber)?;
    for _ in 0..shift {
        value *= 10;
    }
    if value > limit {
        return Err(PointsError::TooLarge);
    }
    Ok(value)
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json_number().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = serde_json::Number::deserialize(deserializer)?;
        // Counts and actuals may exceed any points value; each cell's own limit is
        // checked where the value is applied.
        Points::from_json_number_up_to(&number.to_string(), MAX_QUANTITY)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_comma_and_point() {
        assert_eq!(Points::parse("9,5"), Ok(Points(950)));
        assert_eq!(Points::parse("9.5"), Ok(Points(950)));
        assert_eq!(Points::parse(" 10 "), Ok(Points(1000)));
        assert_eq!(Points::parse("0,25"), Ok(Points(25)));
        assert_eq!(Points::parse(",5"), Ok(Points(50)));
        assert_eq!(Points::parse("9.50"), Ok(Points(950)));
        assert_eq!(Points::parse("9.500"), Ok(Points(950)));
    }

    #[test]
    fn refuses_what_is_not_a_score() {
        assert_eq!(Points::parse(""), Err(PointsError::NotANumber));
        assert_eq!(Points::parse("abc"), Err(PointsError::NotANumber));
        assert_eq!(Points::parse("9,"), Err(PointsError::NotANumber));
        assert_eq!(Points::parse("9,5,1"), Err(PointsError::NotANumber));
        assert_eq!(Points::parse("1e2"), Err(PointsError::NotANumber));
        assert_eq!(Points::parse("9.125"), Err(PointsError::TooManyDecimals));
        assert_eq!(Points::parse("-1"), Err(PointsError::Negative));
        assert_eq!(Points::parse("10001"), Err(PointsError::TooLarge));
        assert_eq!(
            Points::parse("99999999999999999999999999"),
            Err(PointsError::TooLarge)
        );
    }

    #[test]
    fn json_numbers_are_exact() {
        assert_eq!(Points::from_json_number("9.5"), Ok(Points(950)));
        assert_eq!(Points::from_json_number("95e-1"), Ok(Points(950)));
        assert_eq!(Points::from_json_number("1E3"), Ok(Points(100_000)));
        assert_eq!(Points::from_json_number("0.1"), Ok(Points(10)));
        assert_eq!(
            Points::from_json_number("0.001"),
            Err(PointsError::TooManyDecimals)
        );
        assert_eq!(
            Points::from_json_number("1e999999999999"),
            Err(PointsError::TooLarge)
        );
        assert_eq!(
            Points::from_json_number("1e-999999999999"),
            Err(PointsError::TooManyDecimals)
        );
        assert_eq!(Points::from_json_number("-0"), Ok(Points(0)));
    }

    #[test]
    fn limits_of_an_item() {
        let (max, step) = (Points(1000), Points(50));
        assert_eq!(Points(950).check_within(max, step), Ok(Points(950)));
        assert_eq!(
            Points(1050).check_within(max, step),
            Err(PointsError::AboveMax { max })
        );
        assert_eq!(
            Points(925).check_within(max, step),
            Err(PointsError::OffStep { step })
        );
    }

    #[test]
    fn displays_shortest_form() {
        assert_eq!(Points(950).display(','), "9,5");
        assert_eq!(Points(925).display(','), "9,25");
        assert_eq!(Points(905).display('.'), "9.05");
        assert_eq!(Points(1000).display(','), "10");
        assert_eq!(Points(-50).display(','), "-0,5");
        assert_eq!(serde_json::to_string(&Points(950)).unwrap(), "9.5");
        assert_eq!(serde_json::from_str::<Points>("9.5").unwrap(), Points(950));
    }

    proptest! {
        #[test]
        fn display_and_parse_round_trip(h in 0i64..=1_000_000) {
            let p = Points(h);
            prop_assert_eq!(Points::parse(&p.display(',')), Ok(p));
            prop_assert_eq!(Points::parse(&p.display('.')), Ok(p));
            prop_assert_eq!(Points::from_json_number(&p.display('.')), Ok(p));
            let json = serde_json::to_string(&p).unwrap();
            prop_assert_eq!(serde_json::from_str::<Points>(&json).unwrap(), p);
        }

        #[test]
        fn parse_never_panics(text in "\\PC{0,40}") {
            let _ = Points::parse(&text);
            let _ = Points::from_json_number(&text);
        }
    }
}
