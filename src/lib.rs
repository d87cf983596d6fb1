//! thidua: scoring, tally and ranking for the year-end review meeting of an emulation
//! cluster (cụm thi đua) of Vietnam Fatherland Front committees.

pub mod cli;
pub mod clock;
pub mod export;
pub mod live;
pub mod model;
pub mod net;
pub mod sample;
pub mod store;
pub mod synthetic;
pub mod text;
pub mod ui;
