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
        use crate::text::errors::E;
        match self {
            ChainBreak::ConfigChanged => E::ConfigChanged.get(lang).into(),
            ChainBreak::Gap { expected, found } => E::EventsMissing.fill(lang, &[expected, found]),
            ChainBreak::HashMismatch { seq } => E::EventAltered.fill(lang, &[seq]),
            ChainBreak::Unreadable { seq } => E::EventUnreadable.fill(lang, &[seq]),
            ChainBreak::Refused { seq, error } => {
                E::EventRefused.fill(lang, &[seq, &error.text(lang)])
            }
            ChainBreak::FileReadOnly => E::FileReadOnly.get(lang).into(),
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
