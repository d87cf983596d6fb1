//! Problems found in a file a person wrote, each with its place and a plain message.

use super::json::{JsonKind, Pos, SyntaxError};
use super::points::PointsError;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" | "vn" | "vie" | "tieng-viet" => Some(Lang::Vi),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The decimal separator people expect: `9,5` in Vietnamese.
    pub fn decimal_separator(self) -> char {
        match self {
            Lang::Vi => ',',
            Lang::En => '.',
        }
    }

    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

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
    match (kind, lang) {
        (JsonKind::Null, Lang::Vi) => "null",
        (JsonKind::Bool, Lang::Vi) => "giá trị đúng/sai",
        (JsonKind::Number, Lang::Vi) => "số",
        (JsonKind::String, Lang::Vi) => "chuỗi chữ",
        (JsonKind::Array, Lang::Vi) => "danh sách [...]",
        (JsonKind::Object, Lang::Vi) => "đối tượng {...}",
        (JsonKind::Null, Lang::En) => "null",
        (JsonKind::Bool, Lang::En) => "a boolean",
        (JsonKind::Number, Lang::En) => "a number",
        (JsonKind::String, Lang::En) => "a string",
        (JsonKind::Array, Lang::En) => "an array [...]",
        (JsonKind::Object, Lang::En) => "an object {...}",
    }
}

fn expected_name(expected: Expected, lang: Lang) -> &'static str {
    match (expected, lang) {
        (Expected::Object, Lang::Vi) => "đối tượng {...}",
        (Expected::Array, Lang::Vi) => "danh sách [...]",
        (Expected::String, Lang::Vi) => "chuỗi chữ trong dấu ngoặc kép",
        (Expected::Number, Lang::Vi) => "số",
        (Expected::Integer, Lang::Vi) => "số nguyên",
        (Expected::Bool, Lang::Vi) => "true hoặc false",
        (Expected::Object, Lang::En) => "an object {...}",
        (Expected::Array, Lang::En) => "an array [...]",
        (Expected::String, Lang::En) => "a string in double quotes",
        (Expected::Number, Lang::En) => "a number",
        (Expected::Integer, Lang::En) => "a whole number",
        (Expected::Bool, Lang::En) => "true or false",
    }
}

fn syntax_text(error: &SyntaxError, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match error {
        SyntaxError::Empty => lang
            .pick(
                "tệp trống, không có nội dung JSON",
                "the file is empty: no JSON content",
            )
            .into(),
        SyntaxError::UnexpectedEnd => lang
            .pick(
                "tệp kết thúc giữa chừng; có thể thiếu dấu } ] hoặc \"",
                "the file ends too early; a closing } ] or \" may be missing",
            )
            .into(),
        SyntaxError::UnexpectedChar(c) => {
            let hint = match c {
                '\'' => lang.pick(
                    " (JSON dùng dấu ngoặc kép \", không dùng ')",
                    " (JSON strings use double quotes \", not ')",
                ),
                '/' | '#' => lang.pick(
                    " (JSON không cho phép chú thích)",
                    " (JSON does not allow comments)",
                ),
                _ => "",
            };
            if vi {
                format!("ký tự không hợp lệ ở đây: '{c}'{hint}")
            } else {
                format!("unexpected character '{c}'{hint}")
            }
        }
        SyntaxError::MissingSeparator { found, closing } => {
            if vi {
                format!(
                    "gặp '{found}' ở chỗ cần dấu phẩy hoặc dấu '{closing}'; có thể thiếu dấu phẩy, hoặc thiếu dấu \" đóng ở giá trị phía trước"
                )
            } else {
                format!(
                    "found '{found}' where a comma or '{closing}' should be; a comma may be missing, or the closing \" of the value before"
                )
            }
        }
        SyntaxError::TrailingComma => lang
            .pick(
                "dấu phẩy thừa trước dấu đóng ngoặc; hãy xóa dấu phẩy",
                "a comma before a closing bracket; remove the comma",
            )
            .into(),
        SyntaxError::BadNumber => lang
            .pick(
                "số viết không đúng (JSON dùng dấu chấm: 9.5)",
                "a malformed number (JSON uses a point: 9.5)",
            )
            .into(),
        SyntaxError::BadEscape => lang
            .pick("ký tự thoát \\ không hợp lệ", "an invalid \\ escape")
            .into(),
        SyntaxError::ControlInString => lang
            .pick(
                "chuỗi chứa ký tự điều khiển (xuống dòng, tab) hoặc thiếu dấu \" đóng",
                "a control character (line break, tab) in a string, or a missing closing \"",
            )
            .into(),
        SyntaxError::LoneSurrogate => lang
            .pick(
                "mã \\u không tạo thành ký tự hợp lệ",
                "a \\u escape that is not a valid character",
            )
            .into(),
        SyntaxError::TrailingText => lang
            .pick(
                "có nội dung thừa sau khi tài liệu JSON đã kết thúc",
                "extra content after the end of the JSON document",
            )
            .into(),
        SyntaxError::TooDeep => {
            if vi {
                format!(
                    "lồng ngoặc quá sâu (depth > {}); tệp không phải cấu hình hợp lệ",
                    super::json::MAX_DEPTH
                )
            } else {
                format!(
                    "nesting too deep (depth > {}); this is not a valid config",
                    super::json::MAX_DEPTH
                )
            }
        }
    }
}

impl Issue {
    pub fn text(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let sep = lang.decimal_separator();
        match self {
            Issue::Syntax(error) => {
                let prefix = lang.pick("lỗi cú pháp JSON: ", "JSON syntax error: ");
                format!("{prefix}{}", syntax_text(error, lang))
            }
            Issue::NotUtf8 => lang
                .pick(
                    "tệp không được mã hóa UTF-8; hãy lưu lại tệp với bảng mã UTF-8",
                    "the file is not UTF-8 encoded; save it again as UTF-8",
                )
                .into(),
            Issue::TooLarge { size, limit } => {
                if vi {
                    format!("tệp quá lớn ({size} byte, tối đa {limit} byte)")
                } else {
                    format!("the file is too large ({size} bytes, at most {limit})")
                }
            }
            Issue::WrongType { expected, found } => {
                if vi {
                    format!(
                        "cần {}, nhưng gặp {}",
                        expected_name(*expected, lang),
                        kind_name(*found, lang)
                    )
                } else {
                    format!(
                        "expected {}, found {}",
                        expected_name(*expected, lang),
                        kind_name(*found, lang)
                    )
                }
            }
            Issue::Missing => lang
                .pick("thiếu trường bắt buộc này", "this required field is missing")
                .into(),
            Issue::Unknown { suggestion } => {
                let mut text = String::from(lang.pick(
                    "trường không có trong định dạng (lỗi chính tả?)",
                    "a field the format does not have (a typo?)",
                ));
                if let Some(s) = suggestion {
                    text.push_str(&if vi {
                        format!("; có phải là \"{s}\"?")
                    } else {
                        format!("; did you mean \"{s}\"?")
                    });
                }
                text
            }
            Issue::DuplicateKey => lang
                .pick(
                    "trường này xuất hiện hai lần trong cùng một đối tượng; hãy xóa một lần",
                    "this field appears twice in the same object; remove one",
                )
                .into(),
            Issue::WrongFormat { found, expected } => {
                if vi {
                    format!("định dạng \"{found}\" không đúng; cần \"{expected}\"")
                } else {
                    format!("format \"{found}\" is not \"{expected}\"")
                }
            }
            Issue::NotOneOf { found, allowed } => {
                let list = allowed
                    .iter()
                    .map(|a| format!("\"{a}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                if vi {
                    format!("giá trị \"{found}\" không hợp lệ; chỉ được dùng: {list}")
                } else {
                    format!("\"{found}\" is not allowed; use one of: {list}")
                }
            }
            Issue::EmptyText => lang
                .pick("không được để trống", "must not be empty")
                .into(),
            Issue::Duplicate { id, first } => {
                if vi {
                    format!("mã \"{id}\" bị trùng (đã dùng ở {first})")
                } else {
                    format!("the id \"{id}\" is used twice (first at {first})")
                }
            }
            Issue::IntegerRange { min, max } => {
                if vi {
                    format!("cần số nguyên từ {min} đến {max}")
                } else {
                    format!("must be a whole number from {min} to {max}")
                }
            }
            Issue::Points(error) => {
                if vi {
                    format!("điểm {}", error.vi())
                } else {
                    format!("points {error}")
                }
            }
            Issue::NotPositive => lang
                .pick("phải lớn hơn 0", "must be greater than 0")
                .into(),
            Issue::StepDoesNotDivide { step, max } => {
                if vi {
                    format!(
                        "bước điểm {} không chia hết điểm tối đa {}",
                        step.replace('.', &sep.to_string()),
                        max.replace('.', &sep.to_string())
                    )
                } else {
                    format!("the step {step} does not divide the maximum {max}")
                }
            }
            Issue::ClassesOutOfOrder { previous } => {
                if vi {
                    format!(
                        "các mức xếp loại phải xếp từ cao xuống thấp với điểm tối thiểu giảm dần; mức trước có {previous}"
                    )
                } else {
                    format!(
                        "classes go best first with strictly decreasing min; the one before has {previous}"
                    )
                }
            }
            Issue::UnknownClass { id } => {
                if vi {
                    format!("không có mức xếp loại nào có mã \"{id}\"")
                } else {
                    format!("no class has the id \"{id}\"")
                }
            }
            Issue::UnknownGroup { id } => {
                if vi {
                    format!("không có nhóm tiêu chí nào có mã \"{id}\"")
                } else {
                    format!("no criteria group has the id \"{id}\"")
                }
            }
            Issue::TooFewMembers { found } => {
                if vi {
                    format!("cụm cần ít nhất 2 đơn vị, ở đây có {found}")
                } else {
                    format!("a cluster needs at least 2 members, this has {found}")
                }
            }
            Issue::EmptyList => lang
                .pick("danh sách không được để trống", "the list must not be empty")
                .into(),
            Issue::SecondRole { role, first } => {
                let role_vi = if *role == "head" { "cụm trưởng" } else { "cụm phó" };
                if vi {
                    format!("chỉ có một {role_vi} (\"{role}\"); đã có ở {first}")
                } else {
                    format!("only one member may be \"{role}\"; already at {first}")
                }
            }
            Issue::TrimNeedsTrimmedMean => lang
                .pick(
                    "trim chỉ dùng với aggregate \"trimmed_mean\"; hãy đặt 0",
                    "trim applies only with aggregate \"trimmed_mean\"; set it to 0",
                )
                .into(),
            Issue::MinClassWithoutClasses => lang
                .pick(
                    "min_class cần danh sách classes",
                    "min_class needs a list of classes",
                )
                .into(),
            Issue::Percent => lang
                .pick(
                    "tỷ lệ phần trăm phải từ 0 đến 100, tối đa 2 chữ số thập phân",
                    "a percentage must be from 0 to 100 with at most 2 decimals",
                )
                .into(),
            Issue::SheetForAnotherCluster => lang
                .pick(
                    "phiếu chấm được lập cho một cấu hình cụm khác (mã config_sha256 không khớp); hãy dùng phiếu lập từ đúng tệp cấu hình của hội nghị này",
                    "the sheet was made for another cluster config (config_sha256 does not match); use a sheet made from this meeting's config",
                )
                .into(),
            Issue::UnknownMember { id } => {
                if vi {
                    format!("không có đơn vị nào có mã \"{id}\" trong cụm")
                } else {
                    format!("no member of the cluster has the id \"{id}\"")
                }
            }
            Issue::UnknownCell { id } => {
                if vi {
                    format!("không có tiêu chí hay điểm thưởng/trừ nào có mã \"{id}\"")
                } else {
                    format!("no criterion, bonus or deduction has the id \"{id}\"")
                }
            }
            Issue::SelfExcluded => lang
                .pick(
                    "theo quy chế của cụm, đơn vị không tự chấm điểm cho mình",
                    "under this cluster's rule a member does not score itself",
                )
                .into(),
            Issue::IncompleteSheet { missing, example } => {
                if vi {
                    format!("phiếu chưa chấm đủ: còn thiếu {missing} ô (ví dụ {example})")
                } else {
                    format!("the sheet is incomplete: {missing} cells missing (e.g. {example})")
                }
            }
            Issue::BadTimestamp => lang
                .pick(
                    "thời điểm phải theo dạng RFC 3339, ví dụ 2024-12-20T09:30:00+07:00",
                    "a time must be RFC 3339, e.g. 2024-12-20T09:30:00+07:00",
                )
                .into(),
        }
    }
}

/// All the problems of one file, reported together.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{} problem(s), first: {}", .0.len(), .0.first().map(|p| p.to_string()).unwrap_or_default())]
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
