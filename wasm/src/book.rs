//! The L2 book of one symbol: two `Side`s sharing a dense window re-centred on the mid, own
//! orders with queue positions, batched event application and the usual queries.
//!
//! Prices cross the API as floats and are mapped to integer ticks with `floor(price / tick + 0.5)`
//! (rounding as hftbacktest does; `price × (1/tick)` on decimal grids); all comparisons are on
//! ticks, so float noise never splits a level.

use crate::levels::Side;
use crate::orders::{Fills, Order, QueueModel};

/// Event kinds of `apply`: set a bid level (qty 0 deletes).
pub const EV_BID: u8 = 0;
/// Set an ask level.
pub const EV_ASK: u8 = 1;
/// Trade whose aggressor bought (it hits asks).
pub const EV_TRADE_BUY: u8 = 2;
/// Trade whose aggressor sold (it hits bids).
pub const EV_TRADE_SELL: u8 = 3;

/// An L2 book with own orders.
pub struct Book {
    tick: f64,
    /// 1/tick when that is a whole number (decimal ticks): prices are then tick / per_unit, the
    /// correctly rounded decimal (1.9538, not 1.9538000000000002).
    per_unit: f64,
    width: i64,
    /// Bids (side 0).
    pub bids: Side,
    /// Asks (side 1).
    pub asks: Side,
    model: QueueModel,
    orders: Vec<Order>,
    /// Fill events of the last `apply`/`apply_snapshot` call.
    pub fills: Fills,
    /// Number of re-centrings so far (diagnostics).
    pub recentres: u32,
}

impl Book {
    /// A book on a grid of `tick`, dense window of `width` ticks, queue model `model`.
    pub fn new(tick: f64, width: usize, model: QueueModel) -> Book {
        let width = width.max(64);
        let inv = (1.0 / tick).round();
        let per_unit = if inv >= 1.0 && (inv * tick - 1.0).abs() < 1e-12 { inv } else { 0.0 };
        Book {
            tick,
            per_unit,
            width: width as i64,
            bids: Side::new(true, 0, width),
            asks: Side::new(false, 0, width),
            model,
            orders: Vec::new(),
            fills: Fills::default(),
            recentres: 0,
        }
    }

    /// Tick of a price; `None` for non-finite or non-positive prices.
    #[inline]
    pub fn to_tick(&self, price: f64) -> Option<i64> {
        // floor(x + 0.5): wasm has f64.floor but no half-away-from-zero rounding (`round` is a
        // libm call there), and it is what the JS side's Math.round does.
        // On decimal grids multiply by 1/tick: a division's latency was the top cost per update.
        let x = if self.per_unit > 0.0 { price * self.per_unit } else { price / self.tick };
        let t = (x + 0.5).floor();
        if price > 0.0 && t.is_finite() && t < 9.0e15 {
            Some(t as i64)
        } else {
            None
        }
    }

    /// Price of a tick.
    #[inline]
    pub fn price(&self, tick: i64) -> f64 {
        if self.per_unit > 0.0 {
            tick as f64 / self.per_unit
        } else {
            tick as f64 * self.tick
        }
    }

    /// The side for 0 (bid) / 1 (ask).
    #[inline]
    pub fn side(&self, side: u8) -> &Side {
        if side == 0 {
            &self.bids
        } else {
            &self.asks
        }
    }

    #[inline]
    fn set_level(&mut self, side: u8, tick: i64, qty: f64) {
        let prev =
            if side == 0 { self.bids.set(tick, qty) } else { self.asks.set(tick, qty) };
        let new = if qty > 0.0 { qty } else { 0.0 };
        if !self.orders.is_empty() && prev != new {
            let m = self.model;
            for o in self.orders.iter_mut() {
                if o.side == side && o.tick == tick {
                    o.on_depth(&m, prev, new);
                }
            }
        }
    }

    fn trade(&mut self, aggressor_buy: bool, tick: i64, qty: f64, event: u32) {
        if self.orders.is_empty() {
            return;
        }
        // A buy aggressor hits asks: asks at or below the trade price are affected.
        let side = if aggressor_buy { 1u8 } else { 0u8 };
        let m = self.model;
        let mut i = 0;
        while i < self.orders.len() {
            let o = &mut self.orders[i];
            let through = if side == 1 { o.tick < tick } else { o.tick > tick };
            let exec = if o.side != side {
                0.0
            } else if through {
                let e = o.leaves;
                o.leaves = 0.0;
                e
            } else if o.tick == tick {
                o.on_trade_at(&m, qty)
            } else {
                0.0
            };
            if exec > 0.0 {
                let o = self.orders[i];
                self.fills.push(&o, self.price(o.tick), exec, event);
                if o.leaves <= 0.0 {
                    self.orders.swap_remove(i);
                    continue;
                }
            }
            i += 1;
        }
    }

    /// Applies a batch of events (`EV_*` kinds); returns the number rejected (bad price/qty).
    /// Fill events of this batch replace those of the previous call.
    pub fn apply(&mut self, kinds: &[u8], prices: &[f64], qtys: &[f64]) -> u32 {
        self.fills.clear();
        let n = kinds.len().min(prices.len()).min(qtys.len());
        let mut rejected = 0;
        for i in 0..n {
            let (k, q) = (kinds[i], qtys[i]);
            let tick = match self.to_tick(prices[i]) {
                Some(t) if !q.is_nan() => t,
                _ => {
                    rejected += 1;
                    continue;
                }
            };
            match k {
                EV_BID | EV_ASK => self.set_level(k, tick, q),
                EV_TRADE_BUY | EV_TRADE_SELL if q > 0.0 => {
                    self.trade(k == EV_TRADE_BUY, tick, q, i as u32)
                }
                _ => rejected += 1,
            }
        }
        self.maybe_recentre();
        rejected
    }

    /// Clears the book and sets the levels of `kinds` 0/1 (trades are rejected); queue positions
    /// of own orders are capped by their level's new quantity.
    pub fn apply_snapshot(&mut self, kinds: &[u8], prices: &[f64], qtys: &[f64]) -> u32 {
        self.bids.clear();
        self.asks.clear();
        self.fills.clear();
        let n = kinds.len().min(prices.len()).min(qtys.len());
        let mut rejected = 0;
        for i in 0..n {
            match (kinds[i], self.to_tick(prices[i])) {
                (k @ (EV_BID | EV_ASK), Some(t)) if !qtys[i].is_nan() => {
                    if k == EV_BID {
                        self.bids.set(t, qtys[i]);
                    } else {
                        self.asks.set(t, qtys[i]);
                    }
                }
                _ => rejected += 1,
            }
        }
        for o in self.orders.iter_mut() {
            let q = if o.side == 0 { self.bids.get(o.tick) } else { self.asks.get(o.tick) };
            o.front = o.front.min(q);
            o.cum_trade = 0.0;
        }
        self.maybe_recentre();
        rejected
    }

    /// Re-centres the dense window when the mid leaves its middle half.
    fn maybe_recentre(&mut self) {
        let (b, a) = (self.bids.is_empty(), self.asks.is_empty());
        let mid = match (b, a) {
            (false, false) => self.bids.best / 2 + self.asks.best / 2,
            (false, true) => self.bids.best,
            (true, false) => self.asks.best,
            (true, true) => return,
        };
        let base = self.bids.base;
        if mid < base + self.width / 4 || mid >= base + 3 * self.width / 4 {
            let nb = mid - self.width / 2;
            self.bids.rebase(nb);
            self.asks.rebase(nb);
            self.recentres += 1;
        }
    }

    /// Adds an own order; 0 ok, -1 duplicate id, -2 bad side/price/qty.
    pub fn add_order(&mut self, id: u32, side: u8, price: f64, qty: f64) -> i32 {
        let tick = match self.to_tick(price) {
            Some(t) if side <= 1 && qty > 0.0 && qty.is_finite() => t,
            _ => return -2,
        };
        if self.orders.iter().any(|o| o.id == id) {
            return -1;
        }
        let front = self.side(side).get(tick);
        self.orders.push(Order { id, side, tick, leaves: qty, front, cum_trade: 0.0 });
        0
    }

    /// Cancels an own order; false when unknown (or already filled).
    pub fn cancel_order(&mut self, id: u32) -> bool {
        match self.orders.iter().position(|o| o.id == id) {
            Some(i) => {
                self.orders.swap_remove(i);
                true
            }
            None => false,
        }
    }

    /// The resting order with `id`.
    pub fn order(&self, id: u32) -> Option<&Order> {
        self.orders.iter().find(|o| o.id == id)
    }

    /// Number of resting own orders.
    pub fn order_count(&self) -> usize {
        self.orders.len()
    }

    /// Top `n` levels of `side` into `px`/`qty` (best first); returns the count written.
    pub fn depth(&self, side: u8, n: usize, px: &mut [f64], qty: &mut [f64]) -> usize {
        let n = n.min(px.len()).min(qty.len());
        let mut k = 0;
        if n == 0 {
            return 0;
        }
        self.side(side).walk(|t, q| {
            px[k] = self.price(t);
            qty[k] = q;
            k += 1;
            k < n
        });
        k
    }

    /// Sum of the quantities of the top `n` levels of `side`.
    pub fn depth_sum(&self, side: u8, n: usize) -> f64 {
        let (mut k, mut s) = (0, 0.0);
        if n == 0 {
            return 0.0;
        }
        self.side(side).walk(|_, q| {
            s += q;
            k += 1;
            k < n
        });
        s
    }

    /// (bid − ask)/(bid + ask) over the top `n` levels; 0 when both are empty.
    pub fn imbalance(&self, n: usize) -> f64 {
        let (b, a) = (self.depth_sum(0, n), self.depth_sum(1, n));
        if b + a > 0.0 {
            (b - a) / (b + a)
        } else {
            0.0
        }
    }

    /// Mid price, NaN when a side is empty.
    pub fn mid(&self) -> f64 {
        if self.bids.is_empty() || self.asks.is_empty() {
            return f64::NAN;
        }
        (self.price(self.bids.best) + self.price(self.asks.best)) / 2.0
    }

    /// Size-weighted microprice (falls back to the mid when both touch sizes are 0).
    pub fn microprice(&self) -> f64 {
        if self.bids.is_empty() || self.asks.is_empty() {
            return f64::NAN;
        }
        let (bp, ap) = (self.price(self.bids.best), self.price(self.asks.best));
        let (bs, as_) = (self.bids.get(self.bids.best), self.asks.get(self.asks.best));
        if bs + as_ > 0.0 {
            bp * as_ / (bs + as_) + ap * bs / (bs + as_)
        } else {
            (bp + ap) / 2.0
        }
    }

    /// True when best bid ≥ best ask.
    pub fn crossed(&self) -> bool {
        !self.bids.is_empty() && !self.asks.is_empty() && self.bids.best >= self.asks.best
    }

    /// Walks `side` to take `size`: (vwap, filled quantity, worst price touched). NaN vwap when
    /// nothing can be filled; `filled < size` when the side is too thin.
    pub fn vwap(&self, side: u8, size: f64) -> (f64, f64, f64) {
        let (mut notional, mut filled, mut worst) = (0.0, 0.0, f64::NAN);
        if !(size > 0.0) {
            return (f64::NAN, 0.0, f64::NAN);
        }
        self.side(side).walk(|t, q| {
            let take = q.min(size - filled);
            let p = self.price(t);
            notional += take * p;
            filled += take;
            worst = p;
            filled < size
        });
        if filled > 0.0 {
            (notional / filled, filled, worst)
        } else {
            (f64::NAN, 0.0, f64::NAN)
        }
    }
}
