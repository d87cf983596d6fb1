//! What every list of messages shares, and the tests that hold for all of them.

use super::Lang;

/// One list of messages (see the [`texts!`](crate::texts) macro).
pub trait Message: Copy + std::fmt::Debug + 'static {
    fn all() -> &'static [Self];
    fn text(self, lang: Lang) -> &'static str;
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Every message has both languages, the same blanks in each, and English word
    /// forms that name a count the template shows.
    pub fn check_list<M: Message>() {
        for &m in M::all() {
            let (vi, en) = (m.text(Lang::Vi), m.text(Lang::En));
            assert!(!vi.trim().is_empty(), "{m:?} has no Vietnamese");
            assert!(!en.trim().is_empty(), "{m:?} has no English");
            for i in 0..10 {
                let mark = format!("{{{i}}}");
                assert_eq!(
                    vi.contains(&mark),
                    en.contains(&mark),
                    "{m:?}: {mark} in one language only"
                );
            }
            for text in [vi, en] {
                for (at, _) in text.match_indices('{') {
                    let inner: String = text[at + 1..].chars().take_while(|c| *c != '}').collect();
                    if let Some((index, forms)) = inner.split_once('|') {
                        assert_eq!(forms.split('|').count(), 2, "{m:?}: {inner}");
                        assert!(text.contains(&format!("{{{index}}}")), "{m:?}: {inner}");
                    }
                }
                assert!(!text.contains("(s)"), "{m:?}: say the count's word form");
            }
        }
    }

    #[test]
    fn blanks_and_word_forms_are_filled_in_one_pass() {
        use crate::text::fill;
        assert_eq!(fill("{0} {0|seat|seats}", &[&1]), "1 seat");
        assert_eq!(fill("{0} {0|seat|seats}", &[&3]), "3 seats");
        assert_eq!(fill("{0} {0|point|points}", &[&"1.50"]), "1.50 points");
        // An argument that looks like a blank is not filled again.
        assert_eq!(fill("{0} {1}", &[&"{1}", &"x"]), "{1} x");
        assert_eq!(fill("{2} {0|a}", &[&1]), "{2} {0|a}");
    }
}
