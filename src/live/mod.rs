//! The live meeting's core below both front ends: what `thidua join` and the
//! window's delegate screen share, so a fix lands in one place.

pub mod delegate;
