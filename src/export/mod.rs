//! What leaves the meeting: the results document, the tally as text and CSV.

pub mod csv;
pub mod results;
pub mod text;
