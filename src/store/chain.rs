//! The hash chain over the event table: each row's hash covers the previous hash and
//! the row's canonical JSON, so editing, inserting or deleting a past row is detected.

use crate::model::event::Origin;
use crate::model::json::quote;
use crate::model::problem::Lang;
use crate::model::session::EventError;
use sha2::{Digest, Sha256};

/// The chain starts from the config's SHA-256, so the config is covered too.
pub const GENESIS_NOTE: &str = "the first event's previous hash is the config's SHA-256";

/// SHA-256 of (previous hash ‖ `{"seq":…,"at":…,"by":…,"event":…}`), lowercase hex:
/// the hash of a row without an origin (see [`record_hash`]).
pub fn row_hash(previous: &str, seq: u64, at: &str, by: &str, event_json: &str) -> String {
    record_hash(previous, seq, at, by, None, event_json)
}

/// SHA-256 of (previous hash ‖ the row's canonical JSON), lowercase hex. A row
/// without an origin is `{"seq":…,"at":…,"by":…,"event":…}`, exactly as files
/// written before origins existed; one with an origin has it between `by` and
/// `event`: `{"seq":…,"at":…,"by":…,"origin":{"device":…,"seq":…},"event":…}`.
pub fn record_hash(
    previous: &str,
    seq: u64,
    at: &str,
    by: &str,
    origin: Option<&Origin>,
    event_json: &str,
) -> String {
    let hex = RowHasher::default().hash(previous, seq, at, by, origin, event_json);
    // Hex digits are ASCII.
    String::from_utf8_lossy(&hex).into_owned()
}

/// Computes row hashes into a buffer it keeps, so replaying a file allocates nothing
/// per row.
#[derive(Default)]
pub struct RowHasher {
    row: Vec<u8>,
}

impl RowHasher {
    /// The lowercase hex of [`record_hash`], without allocating.
    pub fn hash(
        &mut self,
        previous: &str,
        seq: u64,
        at: &str,
        by: &str,
        origin: Option<&Origin>,
        event_json: &str,
    ) -> [u8; 64] {
        // The row is written into one buffer and hashed in one call: the same bytes
        // as the JSON text above, without `format!` (this runs for every event of
        // every file opened).
        let row = &mut self.row;
        row.clear();
        row.extend_from_slice(previous.as_bytes());
        row.extend_from_slice(b"{\"seq\":");
        push_decimal(row, seq);
        row.extend_from_slice(b",\"at\":");
        push_quoted(row, at);
        row.extend_from_slice(b",\"by\":");
        push_quoted(row, by);
        row.push(b',');
        if let Some(o) = origin {
            row.extend_from_slice(b"\"origin\":{\"device\":");
            push_quoted(row, &o.device);
            row.extend_from_slice(b",\"seq\":");
            push_decimal(row, o.seq);
            row.extend_from_slice(b"},");
        }
        row.extend_from_slice(b"\"event\":");
        row.extend_from_slice(event_json.as_bytes());
        row.push(b'}');
        lower_hex(&Sha256::digest(row.as_slice()))
    }
}

fn push_decimal(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// A JSON string as `serde_json` writes it; text needing no escapes (dates, ids,
/// the usual case) goes in as it is.
fn push_quoted(out: &mut Vec<u8>, text: &str) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(quote(text).as_bytes());
    }
}

fn lower_hex(bytes: &[u8]) -> [u8; 64] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 64];
    for (i, b) in bytes.iter().take(32).enumerate() {
        out[2 * i] = DIGITS[usize::from(b >> 4)];
        out[2 * i + 1] = DIGITS[usize::from(b & 15)];
    }
    out
}

/// One reason a meeting file's history cannot be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    ConfigChanged,
    Gap {
        expected: u64,
        found: u64,
    },
    HashMismatch {
        seq: u64,
    },
    Unreadable {
        seq: u64,
    },
    Refused {
        seq: u64,
        error: EventError,
    },
    FileReadOnly,
    /// A file from an earlier version could not be brought to this version's schema
    /// (a full disk, another program holding it): shown, not written.
    NotUpgraded {
        reason: String,
    },
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
            ChainBreak::NotUpgraded { reason } => E::NotUpgraded.fill(lang, &[reason]),
        }
    }

    /// Whether this is a sign of tampering or damage, not just a file that cannot be
    /// written.
    pub fn is_damage(&self) -> bool {
        !matches!(
            self,
            ChainBreak::FileReadOnly | ChainBreak::NotUpgraded { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    /// The row hash as first written: the whole row as text, then hashed.
    fn reference_hash(
        previous: &str,
        seq: u64,
        at: &str,
        by: &str,
        origin: Option<&Origin>,
        event_json: &str,
    ) -> String {
        let origin = origin.map_or_else(String::new, |o| {
            format!(
                "\"origin\":{{\"device\":{},\"seq\":{}}},",
                quote(&o.device),
                o.seq
            )
        });
        let row = format!(
            "{{\"seq\":{seq},\"at\":{},\"by\":{},{origin}\"event\":{event_json}}}",
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Every row hashes exactly as before, whatever its text holds.
        #[test]
        fn row_hashes_are_unchanged(
            previous in "[0-9a-f]{64}",
            seq in proptest::prelude::any::<u64>(),
            at in "[\\PC\"\\\\\n\t\u{1}\u{1f}]{0,30}",
            by in "(chair|[a-z-]{1,12}|.{0,8})",
            device in proptest::option::of(("[\\PC\"\\\\\u{7}]{0,20}", proptest::prelude::any::<u64>())),
            event in "\\PC{0,60}",
        ) {
            let origin = device.map(|(device, seq)| Origin { device, seq });
            proptest::prop_assert_eq!(
                record_hash(&previous, seq, &at, &by, origin.as_ref(), &event),
                reference_hash(&previous, seq, &at, &by, origin.as_ref(), &event)
            );
        }
    }

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

    #[test]
    fn a_row_without_an_origin_hashes_as_before_and_one_with_an_origin_holds_it() {
        let sha = |text: &str| -> String {
            Sha256::digest(text.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        };
        let event = r#"{"type":"submit","scorer":"ba-dinh"}"#;
        let at = "2024-12-20T09:00:00+07:00";
        assert_eq!(
            row_hash("abc", 7, at, "ba-dinh", event),
            sha(&format!(
                r#"abc{{"seq":7,"at":"{at}","by":"ba-dinh","event":{event}}}"#
            ))
        );
        assert_eq!(
            record_hash("abc", 7, at, "ba-dinh", None, event),
            row_hash("abc", 7, at, "ba-dinh", event)
        );
        let origin = Origin {
            device: "máy \"1\"".into(),
            seq: 42,
        };
        let with = record_hash("abc", 7, at, "ba-dinh", Some(&origin), event);
        assert_eq!(
            with,
            sha(&format!(
                r#"abc{{"seq":7,"at":"{at}","by":"ba-dinh","origin":{{"device":"máy \"1\"","seq":42}},"event":{event}}}"#
            ))
        );
        let other_device = Origin {
            device: "máy 2".into(),
            seq: 42,
        };
        let other_seq = Origin {
            device: origin.device.clone(),
            seq: 43,
        };
        for other in [&other_device, &other_seq] {
            assert_ne!(
                with,
                record_hash("abc", 7, at, "ba-dinh", Some(other), event)
            );
        }
    }
}
