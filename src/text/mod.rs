//! Every sentence a person reads (the window, the command line, the exported
//! documents, the error messages) in Vietnamese and English side by side. Code names
//! a message and fills its blanks; it never spells one.
//!
//! Templates take `{0}`, `{1}`… and, for English number agreement, `{0|one|other}`
//! (see [`fill`]). Each area of the program has its own list here, all made by the
//! same [`texts!`] macro and checked by the same tests.

pub mod catalogue;
pub mod cli;
pub mod documents;
pub mod editor;
pub mod errors;
pub mod export;
pub mod net;
pub mod page;
pub mod paper;
pub mod slips;
pub mod ui;

pub use catalogue::Message;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
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

    /// The code saved in the preferences and given on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The decimal separator people expect: `9,5` in Vietnamese.
    pub fn decimal_separator(self) -> char {
        match self {
            Lang::Vi => ',',
            Lang::En => '.',
        }
    }
}

/// English number agreement: `one` when `count` reads exactly "1", else `other`
/// ("1 seat", "0 seats", "2 seats", "1.50 points"). Vietnamese has no plural.
pub fn plural<'a>(count: impl std::fmt::Display, one: &'a str, other: &'a str) -> &'a str {
    if count.to_string() == "1" { one } else { other }
}

/// Fills a template in one pass: `{i}` is `args[i]`; `{i|one|other}` is the word
/// form that agrees with `args[i]` (see [`plural`]), so an English template writes
/// `{1} {1|seat|seats}`. Anything else in braces stays as written.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let values: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let filled = after.find('}').and_then(|close| {
            let mut parts = after[..close].split('|');
            let value = values.get(parts.next()?.parse::<usize>().ok()?)?;
            let text = match (parts.next(), parts.next(), parts.next()) {
                (None, _, _) => value.as_str(),
                (Some(one), Some(other), None) => plural(value, one, other),
                _ => return None,
            };
            Some((text.to_string(), close))
        });
        match filled {
            Some((text, close)) => {
                out.push_str(&text);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Makes one list of messages: an enum whose every variant has its Vietnamese and
/// English text side by side.
#[macro_export]
macro_rules! texts {
    ($(#[$meta:meta])* $name:ident { $($key:ident => $vi:literal, $en:literal;)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            /// Every message of this list, for the catalogue's tests.
            pub const ALL: &'static [$name] = &[$($name::$key),*];

            pub fn get(self, lang: $crate::text::Lang) -> &'static str {
                use $crate::text::Lang;
                match (self, lang) {
                    $(($name::$key, Lang::Vi) => $vi, ($name::$key, Lang::En) => $en,)*
                }
            }

            /// The template with its blanks filled in order; see [`$crate::text::fill`].
            pub fn fill(self, lang: $crate::text::Lang, args: &[&dyn std::fmt::Display]) -> String {
                $crate::text::fill(self.get(lang), args)
            }
        }

        impl $crate::text::Message for $name {
            fn all() -> &'static [$name] {
                $name::ALL
            }

            fn text(self, lang: $crate::text::Lang) -> &'static str {
                self.get(lang)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::catalogue::tests::check_list;

    #[test]
    fn every_message_of_every_list_has_both_languages() {
        check_list::<super::cli::C>();
        check_list::<super::errors::E>();
        check_list::<super::export::X>();
        check_list::<super::ui::T>();
        check_list::<super::net::N>();
        check_list::<super::slips::S>();
        check_list::<super::page::P>();
        check_list::<super::editor::ED>();
        check_list::<super::documents::D>();
        check_list::<super::paper::PT>();
    }
}
