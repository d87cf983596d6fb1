//! The live meeting's core, below both front ends: the window (`ui`) and the command
//! line (`cli`) serve a meeting and bring sheet files into it through the same code.

pub mod hosting;
pub mod sheet_import;
