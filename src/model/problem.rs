//! Problems found in a file a person wrote, each with its place and a plain message.

use super::json::{JsonKind, Pos, SyntaxError};
use super::points::PointsError;
use crate::text::errors::E;
use std::fmt;

pub use crate::text::Lang;

/// One thing wrong with a file: where, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// A JSON path like `criteria[1].items[3].step`; empty for the whole file.
    pub path: String,
    pub pos: Option<Pos>,
    pub issue: Issue,
}

impl Problem {
    /// `12:7: criteria[0].items[1].step: …`
    pub fn text(&self, lang: Lang) -> String {
        let mut out = String::new();
        if let Some(pos) = self.pos {
            out.push_str(&format!("{pos}: "));
        }
        if !self.path.is_empty() {
            out.push_str(&format!("{}: ", self.path));
        }
        out.push_str(&self.issue.text(lang));
        out
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Issue {
    DuplicateKey,
    Syntax(SyntaxError),
    NotUtf8,
    TooLarge {
        size: u64,
        limit: u64,
    },
    WrongType {
        expected: Expected,
        found: JsonKind,
    },
    Missing,
    Unknown {
        suggestion: Option<String>,
    },
    WrongFormat {
        found: String,
        expected: &'static str,
    },
    NotOneOf {
        found: String,
        allowed: Vec<String>,
    },
    EmptyText,
    Duplicate {
        id: String,
        first: String,
    },
    IntegerRange {
        min: i64,
        max: i64,
    },
    Points(PointsError),
    NotPositive,
    StepDoesNotDivide {
        step: String,
        max: String,
    },
    ClassesOutOfOrder {
        previous: String,
    },
    UnknownClass {
        id: String,
    },
    UnknownGroup {
        id: String,
    },
    TooFewMembers {
        found: usize,
    },
    EmptyList,
    SecondRole {
        role: &'static str,
        first: String,
    },
    TrimNeedsTrimmedMean,
    MinClassWithoutClasses,
    Percent,
    SheetForAnotherCluster,
    UnknownMember {
        id: String,
    },
    UnknownCell {
        id: String,
    },
    SelfExcluded,
    IncompleteSheet {
        missing: usize,
        example: String,
    },
    BadTimestamp,
    /// A version 2 field in a version 1 config.
    NeedsVersion2,
    /// A quantity (target, actual) outside 0 to 10 000 000 000 or with more than 2 decimals.
    Quantity,
    CapBelowRate {
        rate: String,
    },
    MinAboveMax,
    MissingTarget {
        member: String,
    },
    NotAssignedToAnyone,
    MustBeEnteredByChair,
    TreeTooDeep {
        limit: usize,
    },
    BadFraction,
    ThresholdTwice,
    EnteredByChair,
    NotAssignedHere,
    /// A facts file names an item every delegate scores.
    NotAFact,
    /// A field another kind of item has.
    NotForKind {
        kind: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Object,
    Array,
    String,
    Number,
    Integer,
    Bool,
}

fn kind_name(kind: JsonKind, lang: Lang) -> &'static str {
    match kind {
        JsonKind::Null => E::KindNull,
        JsonKind::Bool => E::KindBool,
        JsonKind::Number => E::KindNumber,
        JsonKind::String => E::KindString,
        JsonKind::Array => E::KindArray,
        JsonKind::Object => E::KindObject,
    }
    .get(lang)
}

fn expected_name(expected: Expected, lang: Lang) -> &'static str {
    match expected {
        Expected::Object => E::KindObject,
        Expected::Array => E::KindArray,
        Expected::String => E::ExpectedString,
        Expected::Number => E::KindNumber,
        Expected::Integer => E::ExpectedInteger,
        Expected::Bool => E::ExpectedBool,
    }
    .get(lang)
}

fn syntax_text(error: &SyntaxError, lang: Lang) -> String {
    let fixed = |m: E| m.get(lang).to_string();
    match error {
        SyntaxError::Empty => fixed(E::EmptyFile),
        SyntaxError::UnexpectedEnd => fixed(E::UnexpectedEnd),
        SyntaxError::UnexpectedChar(c) => {
            let hint = match c {
                '\'' => E::SingleQuoteHint.get(lang),
                '/' | '#' => E::CommentHint.get(lang),
                _ => "",
            };
            format!("{}{hint}", E::UnexpectedChar.fill(lang, &[c]))
        }
        SyntaxError::MissingSeparator { found, closing } => {
            E::MissingSeparator.fill(lang, &[found, closing])
        }
        SyntaxError::TrailingComma => fixed(E::TrailingComma),
        SyntaxError::BadNumber => fixed(E::BadNumber),
        SyntaxError::BadEscape => fixed(E::BadEscape),
        SyntaxError::ControlInString => fixed(E::ControlInString),
        SyntaxError::LoneSurrogate => fixed(E::LoneSurrogate),
        SyntaxError::TrailingText => fixed(E::TrailingText),
        SyntaxError::TooDeep => E::TooDeep.fill(lang, &[&super::json::MAX_DEPTH]),
    }
}

impl Issue {
    pub fn text(&self, lang: Lang) -> String {
        let sep = lang.decimal_separator().to_string();
        let fixed = |m: E| m.get(lang).to_string();
        match self {
            Issue::Syntax(error) => E::SyntaxPrefix.fill(lang, &[&syntax_text(error, lang)]),
            Issue::NotUtf8 => fixed(E::NotUtf8),
            Issue::TooLarge { size, limit } => E::FileTooLarge.fill(lang, &[size, limit]),
            Issue::WrongType { expected, found } => E::WrongType.fill(
                lang,
                &[&expected_name(*expected, lang), &kind_name(*found, lang)],
            ),
            Issue::Missing => fixed(E::MissingField),
            Issue::Unknown { suggestion } => {
                let mut text = fixed(E::UnknownField);
                if let Some(s) = suggestion {
                    text.push_str(&E::DidYouMean.fill(lang, &[s]));
                }
                text
            }
            Issue::DuplicateKey => fixed(E::DuplicateKey),
            Issue::WrongFormat { found, expected } => E::WrongFormat.fill(lang, &[found, expected]),
            Issue::NotOneOf { found, allowed } => {
                let list = allowed
                    .iter()
                    .map(|a| format!("\"{a}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                E::NotOneOf.fill(lang, &[found, &list])
            }
            Issue::EmptyText => fixed(E::EmptyText),
            Issue::Duplicate { id, first } => E::DuplicateId.fill(lang, &[id, first]),
            Issue::IntegerRange { min, max } => E::IntegerRange.fill(lang, &[min, max]),
            Issue::Points(error) => E::PointsProblem.fill(lang, &[&error.text(lang)]),
            Issue::NotPositive => fixed(E::NotPositive),
            Issue::StepDoesNotDivide { step, max } => E::StepDoesNotDivide
                .fill(lang, &[&step.replace('.', &sep), &max.replace('.', &sep)]),
            Issue::ClassesOutOfOrder { previous } => E::ClassesOutOfOrder.fill(lang, &[previous]),
            Issue::UnknownClass { id } => E::UnknownClass.fill(lang, &[id]),
            Issue::UnknownGroup { id } => E::UnknownGroup.fill(lang, &[id]),
            Issue::TooFewMembers { found } => E::TooFewMembers.fill(lang, &[found]),
            Issue::EmptyList => fixed(E::EmptyList),
            Issue::SecondRole { role, first } => {
                let name = if *role == "head" {
                    E::RoleHead
                } else {
                    E::RoleDeputy
                };
                E::SecondRole.fill(lang, &[&name.get(lang), role, first])
            }
            Issue::TrimNeedsTrimmedMean => fixed(E::TrimNeedsTrimmedMean),
            Issue::MinClassWithoutClasses => fixed(E::MinClassWithoutClasses),
            Issue::Percent => fixed(E::Percent),
            Issue::SheetForAnotherCluster => fixed(E::SheetForAnotherCluster),
            Issue::UnknownMember { id } => E::UnknownMember.fill(lang, &[id]),
            Issue::UnknownCell { id } => E::UnknownCell.fill(lang, &[id]),
            Issue::SelfExcluded => fixed(E::SelfExcluded),
            Issue::IncompleteSheet { missing, example } => {
                E::IncompleteSheet.fill(lang, &[missing, example])
            }
            Issue::BadTimestamp => fixed(E::BadTimestamp),
            Issue::NeedsVersion2 => fixed(E::NeedsVersion2),
            Issue::Quantity => fixed(E::QuantityRange),
            Issue::CapBelowRate { rate } => E::CapBelowRate.fill(lang, &[&rate.replace('.', &sep)]),
            Issue::MinAboveMax => fixed(E::MinAboveMax),
            Issue::MissingTarget { member } => E::MissingTarget.fill(lang, &[member]),
            Issue::NotAssignedToAnyone => fixed(E::NotAssignedToAnyone),
            Issue::MustBeEnteredByChair => fixed(E::MustBeEnteredByChair),
            Issue::TreeTooDeep { limit } => E::TreeTooDeep.fill(lang, &[limit]),
            Issue::BadFraction => fixed(E::BadFraction),
            Issue::ThresholdTwice => fixed(E::ThresholdTwice),
            Issue::EnteredByChair => fixed(E::EnteredByChair),
            Issue::NotAssignedHere => fixed(E::NotAssignedHere),
            Issue::NotAFact => fixed(E::NotAFactCell),
            Issue::NotForKind { kind } => E::NotForKind.fill(lang, &[kind]),
        }
    }
}

/// All the problems of one file, reported together.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", E::ProblemCount.fill(Lang::En, &[&.0.len(), &.0.first().map(|p| p.to_string()).unwrap_or_default()]))]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn one(path: impl Into<String>, pos: Option<Pos>, issue: Issue) -> Problems {
        Problems(vec![Problem {
            path: path.into(),
            pos,
            issue,
        }])
    }

    pub fn text(&self, lang: Lang) -> String {
        self.0
            .iter()
            .map(|p| p.text(lang))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
