//! The hash chain over the event table: each row's hash covers the previous hash and
//! the row's canonical JSON, so editing, inserting or deleting a past row is detected.

use crate::model::json::quote;
use crate::model::problem::Lang;
use crate::model::session::EventError;
use sha2::{Digest, Sha256};

/// The chain starts from the config's SHA-256, so the config is covered too.
pub const GENESIS_NOTE: &str = "the first event's previous hash is the config's SHA-256";

/// SHA-256 of (previous hash ‖ `{"seq":…,"at":…,"by":…,"event":…}`), lowercase hex.
pub fn row_hash(previous: &str, seq: u64, at: &str, by: &str, event_json: &str) -> String {
    let row = format!(
        "{{\"seq\":{seq},\"at\":{},\"by\":{},\"event\":{event_json}}}",
        quote(at),
        quote(by)
    );
    let mut hasher = Sha256::new();
    hasher.update(previous.as_bytes());
    hasher.update(row.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One reason a meeting file's history cannot be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    ConfigChanged,
    Gap { expected: u64, found: u64 },
    HashMismatch { seq: u64 },
    Unreadable { seq: u64 },
    Refused { seq: u64, error: EventError },
    FileReadOnly,
}

impl ChainBreak {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ChainBreak::ConfigChanged, Lang::Vi) => {
                "cấu hình lưu trong tệp đã bị sửa sau khi tạo hội nghị".into()
            }
            (ChainBreak::ConfigChanged, Lang::En) => {
                "the stored config was edited after the meeting was created".into()
            }
            (ChainBreak::Gap { expected, found }, Lang::Vi) => {
                format!("thiếu sự kiện: cần số {expected}, gặp số {found}")
            }
            (ChainBreak::Gap { expected, found }, Lang::En) => {
                format!("events are missing: expected #{expected}, found #{found}")
            }
            (ChainBreak::HashMismatch { seq }, Lang::Vi) => {
                format!("sự kiện số {seq} đã bị sửa (mã kiểm tra không khớp)")
            }
            (ChainBreak::HashMismatch { seq }, Lang::En) => {
                format!("event #{seq} was altered (its hash does not match)")
            }
            (ChainBreak::Unreadable { seq }, Lang::Vi) => {
                format!("sự kiện số {seq} không đọc được")
            }
            (ChainBreak::Unreadable { seq }, Lang::En) => format!("event #{seq} is unreadable"),
            (ChainBreak::Refused { seq, error }, Lang::Vi) => {
                format!("sự kiện số {seq} trái quy tắc: {}", error.text(lang))
            }
            (ChainBreak::Refused { seq, error }, Lang::En) => {
                format!("event #{seq} breaks the rules: {}", error.text(lang))
            }
            (ChainBreak::FileReadOnly, Lang::Vi) => {
                "tệp không cho phép ghi (chỉ đọc trên ổ đĩa)".into()
            }
            (ChainBreak::FileReadOnly, Lang::En) => {
                "the file cannot be written (read-only on disk)".into()
            }
        }
    }

    /// Whether this is a sign of tampering or damage, not just a read-only disk.
    pub fn is_damage(&self) -> bool {
        !matches!(self, ChainBreak::FileReadOnly)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_depends_on_every_part() {
        let base = row_hash(
            "abc",
            1,
            "2024-12-20T09:00:00+07:00",
            "chair",
            "{\"type\":\"finalize\"}",
        );
        assert_eq!(base.len(), 64);
        assert_ne!(
            base,
            row_hash(
                "abd",
                1,
                "2024-12-20T09:00:00+07:00",
                "chair",
                "{\"type\":\"finalize\"}"
            )
        );
        assert_ne!(
            base,
            row_hash(
                "abc",
                2,
                "2024-12-20T09:00:00+07:00",
                "chair",
                "{\"type\":\"finalize\"}"
            )
        );
        assert_ne!(
            base,
            row_hash(
                "abc",
                1,
                "2024-12-20T09:00:01+07:00",
                "chair",
                "{\"type\":\"finalize\"}"
            )
        );
        assert_ne!(
            base,
            row_hash(
                "abc",
                1,
                "2024-12-20T09:00:00+07:00",
                "ba-dinh",
                "{\"type\":\"finalize\"}"
            )
        );
        assert_ne!(
            base,
            row_hash(
                "abc",
                1,
                "2024-12-20T09:00:00+07:00",
                "chair",
                "{\"type\":\"finalize\" }"
            )
        );
    }
}
