//! The window's words live in the one catalogue, [`crate::text`]; the views name
//! them through this module.

pub use crate::text::ui::T;
pub use crate::text::{Lang, fill, plural};
