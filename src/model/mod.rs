//! The rules of the meeting, pure: no UI, no files, no clock. Time and bytes come in
//! from outside; everything here is deterministic and unit-tested.

pub mod confidence;
pub mod config;
pub mod config_tree;
pub mod criteria_table;
pub mod draft;
pub mod event;
pub mod exact;
pub mod facts;
pub mod grant;
pub mod history;
pub mod item_points;
pub mod json;
pub mod paper;
pub mod points;
pub mod problem;
pub mod reader;
pub mod rules;
pub mod schema;
pub mod session;
pub mod sheet;
pub mod sheet_points;
pub mod tally;
pub mod tree;
pub mod typing;

pub use config::Config;
pub use event::{Actor, Event, Record};
pub use points::Points;
pub use problem::{Lang, Problems};
pub use session::{EventError, Session};
pub use tally::Tally;

#[cfg(test)]
mod config_tests;
#[cfg(test)]
mod paper_tests;
#[cfg(test)]
mod session_tests;
#[cfg(test)]
mod sheet_tests;
#[cfg(test)]
mod tally_tests;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod typing_tests;
#[cfg(test)]
mod v2_tests;
