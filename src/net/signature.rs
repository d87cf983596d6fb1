//! Requests signed with the join code's key instead of carrying it. After joining,
//! a delegate's app (the window, `thidua join`, the phone's page) sends
//! `Authorization: Thidua-HMAC key=<key id>, sig=<signature>`:
//!
//! - the key is the code's token, which the app got from the link's fragment (never
//!   sent by a browser) or from the one PIN exchange;
//! - the key id is the first 16 hex characters of SHA-256 of `thidua-key-id:` and
//!   the key: it tells the host which code signed, and reveals nothing of the key;
//! - the signature is HMAC-SHA-256 under the key of `METHOD\nPATH?QUERY\nSHA-256 of
//!   the body` (all hex, lowercase).
//!
//! Someone listening on the Wi-Fi sees requests but never the key, so cannot make a
//! request of their own; an altered request fails its signature; a request sent
//! again is one the host has already answered: the events in it carry their device
//! and numbers, and are committed once. The page computes the same with the
//! vendored js-sha256 (`page/vendor/`), since browsers withhold their own
//! cryptography from plain-HTTP pages.

use sha2::{Digest, Sha256};

/// The scheme of the `Authorization` header.
pub const SCHEME: &str = "Thidua-HMAC";

const BLOCK: usize = 64;

/// HMAC-SHA-256 (RFC 2104) of `message` under `key`.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What names a key on the wire without revealing it.
pub fn key_id(key: &str) -> String {
    let digest = Sha256::new()
        .chain_update(b"thidua-key-id:")
        .chain_update(key.as_bytes())
        .finalize();
    hex(&digest[..8])
}

/// The signature of a request: `method`, the path with its query as sent, and the
/// body's bytes.
pub fn sign(key: &str, method: &str, path_and_query: &str, body: &[u8]) -> String {
    let message = format!("{method}\n{path_and_query}\n{}", hex(&Sha256::digest(body)));
    hex(&hmac_sha256(key.as_bytes(), message.as_bytes()))
}

/// The `Authorization` header's value for a request.
pub fn header(key: &str, method: &str, path_and_query: &str, body: &[u8]) -> String {
    format!(
        "{SCHEME} key={}, sig={}",
        key_id(key),
        sign(key, method, path_and_query, body)
    )
}

/// The key id and signature an `Authorization` header's value carries, if it is a
/// signature at all.
pub fn parse(value: &str) -> Option<(&str, &str)> {
    let rest = value.strip_prefix(SCHEME)?.trim_start();
    let mut key = None;
    let mut sig = None;
    for part in rest.split(',') {
        match part.trim().split_once('=') {
            Some(("key", v)) => key = Some(v.trim()),
            Some(("sig", v)) => sig = Some(v.trim()),
            _ => return None,
        }
    }
    Some((key?, sig?))
}

/// Whether `sig` is the signature of the request under `key`, compared in time that
/// does not depend on where the first difference is.
pub fn verify(key: &str, method: &str, path_and_query: &str, body: &[u8], sig: &str) -> bool {
    let expected = sign(key, method, path_and_query, body);
    if expected.len() != sig.len() {
        return false;
    }
    let diff = expected
        .bytes()
        .zip(sig.bytes())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b));
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn hmac_matches_the_rfc_4231_vectors() {
        let cases = [
            (
                vec![0x0b; 20],
                b"Hi There".to_vec(),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            ),
            (
                b"Jefe".to_vec(),
                b"what do ya want for nothing?".to_vec(),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                vec![0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
        ];
        for (key, message, expected) in cases {
            assert_eq!(hmac_sha256(&key, &message).to_vec(), unhex(expected));
        }
    }

    #[test]
    fn the_same_request_signs_alike_and_any_change_fails() {
        let key = "0123456789abcdef0123456789abcdef";
        let body = br#"{"device":"d","events":[]}"#;
        let sig = sign(key, "POST", "/api/events", body);
        assert!(verify(key, "POST", "/api/events", body, &sig));
        assert!(!verify(
            key,
            "POST",
            "/api/events",
            br#"{"device":"e","events":[]}"#,
            &sig
        ));
        assert!(!verify(key, "GET", "/api/events", body, &sig));
        assert!(!verify(key, "POST", "/api/sheet", body, &sig));
        assert!(!verify(
            "fedcba9876543210fedcba9876543210",
            "POST",
            "/api/events",
            body,
            &sig
        ));
        assert!(!verify(key, "POST", "/api/events", body, &sig[..10]));
        let value = header(key, "POST", "/api/events", body);
        assert!(
            !value.contains(key),
            "the key itself never goes in the header"
        );
        assert_eq!(parse(&value), Some((key_id(key).as_str(), sig.as_str())));
        assert_eq!(parse("Bearer abc"), None);
        assert_eq!(parse("Thidua-HMAC key=a"), None);
        assert_eq!(parse("Thidua-HMAC key=a, sig=b, extra=c"), None);
    }
}
