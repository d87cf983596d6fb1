//! The live meeting's core, below both front ends: the window (`ui`) and the command
//! line (`cli`) serve a meeting, bring sheet files into it, and score as a delegate
//! through the same code, so a fix lands in one place.

pub mod delegate;
pub mod hosting;
pub mod sheet_import;
