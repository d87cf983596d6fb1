//! The scoring page for a phone or an office laptop: one file with its style and
//! script, the page's sentences in both languages from the catalogue
//! ([`crate::text::page`]) written into it once, and headers that let the browser
//! load nothing from anywhere but this host.

use crate::text::Lang;
use crate::text::page::P;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::sync::LazyLock;

const TEMPLATE: &str = include_str!("page/sheet.html");

/// Where the template takes the catalogue.
const TEXT_SLOT: &str = "/*TEXT*/null";

/// Where the template takes the SHA-256 library.
const SHA256_SLOT: &str = "/*SHA256*/";

/// js-sha256 1.0.0 as published (MIT), and its licence: browsers give a page served
/// over plain HTTP no cryptography of their own, and the page signs its requests.
const SHA256_LIBRARY: &str = include_str!("page/vendor/js-sha256-1.0.0.min.js");
const SHA256_LICENCE: &str = include_str!("page/vendor/js-sha256-LICENSE.txt");

/// The page as served, built on first use.
pub static HTML: LazyLock<String> = LazyLock::new(|| {
    TEMPLATE
        .replacen(TEXT_SLOT, &texts(), 1)
        .replacen(SHA256_SLOT, &sha256_library(), 1)
});

/// The library with its licence in full in front; its own header comment, which
/// names the project's web address, is left out so the page names no other site.
fn sha256_library() -> String {
    let code = match SHA256_LIBRARY.find("*/") {
        Some(end) if SHA256_LIBRARY.starts_with("/**") => &SHA256_LIBRARY[end + 2..],
        _ => SHA256_LIBRARY,
    };
    format!(
        "/* js-sha256 1.0.0\n{}*/\n{}",
        SHA256_LICENCE.replace("*/", "* /"),
        code.trim()
    )
}

/// `{"vi": {"Key": "…"}, "en": {…}}`, safe inside a `<script>` element.
fn texts() -> String {
    let language = |lang: Lang| -> serde_json::Map<String, serde_json::Value> {
        P::ALL
            .iter()
            .map(|m| (format!("{m:?}"), m.get(lang).into()))
            .collect()
    };
    let json = serde_json::json!({ "vi": language(Lang::Vi), "en": language(Lang::En) });
    // "</" could end the script element early; "<\/" reads the same to JavaScript.
    json.to_string().replace("</", "<\\/")
}

/// The page with its headers: nothing cached, no referrer, and a policy that allows
/// only this file's own style and script and requests back to this host.
pub fn response() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
                 connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; \
                 frame-ancestors 'none'",
            ),
            (header::REFERRER_POLICY, "no-referrer"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        HTML.as_str(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_carries_every_message_of_its_list_in_both_languages() {
        assert!(TEMPLATE.contains(TEXT_SLOT));
        assert!(!HTML.contains(TEXT_SLOT));
        for m in P::ALL {
            let key = format!("\"{m:?}\":");
            assert_eq!(HTML.matches(&key).count(), 2, "{m:?}");
        }
    }

    #[test]
    fn the_page_carries_the_signing_library_with_its_licence_in_full() {
        assert!(TEMPLATE.contains(SHA256_SLOT) && !HTML.contains(SHA256_SLOT));
        assert!(HTML.contains("Copyright (c) 2014-2026 Chen, Yi-Cyuan"));
        assert!(HTML.contains("Permission is hereby granted, free of charge"));
        assert!(HTML.contains(".sha256=") && HTML.contains("hmac"));
        assert!(!HTML.contains("://"), "the page names no other site");
        assert_eq!(HTML.matches("</script>").count(), 2);
    }

    #[test]
    fn the_template_spells_no_sentence_of_its_own() {
        let lettered = |c: char| matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}');
        let found: String = TEMPLATE.chars().filter(|&c| lettered(c)).collect();
        assert_eq!(found, "", "Vietnamese letters in the page's template");
    }

    #[test]
    fn every_key_the_script_names_is_in_the_catalogue() {
        let keys: Vec<String> = P::ALL.iter().map(|m| format!("{m:?}")).collect();
        let mut rest = TEMPLATE;
        let mut named = 0;
        while let Some(at) = rest.find("t(\"") {
            let after = &rest[at + 3..];
            let end = after.find('"').unwrap_or(0);
            let key = &after[..end];
            // `t(` itself, not the end of `split(` or `at(`.
            let alone = !rest[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
            if alone {
                assert!(keys.iter().any(|k| k == key), "the page names \"{key}\"");
                named += 1;
            }
            rest = &after[end..];
        }
        assert!(named > 20, "{named} keys found");
    }
}
