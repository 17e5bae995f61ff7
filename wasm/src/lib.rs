//! mmsoak core: an L2 order book on an integer tick grid with own-order queue positions, and a
//! risk core (positions, notional, risk ratio, log-return volatility, quickselect percentiles).
//!
//! The same code is compiled natively (unit tests, `examples/bench.rs`) and to
//! `wasm32-unknown-unknown`, where `ffi` exposes a C ABI taking pointers into linear memory so
//! that the TypeScript side passes whole batches as typed arrays (one call per batch, not per
//! event).

pub mod book;
pub mod ffi;
pub mod levels;
pub mod orders;
pub mod risk;
pub mod select;
