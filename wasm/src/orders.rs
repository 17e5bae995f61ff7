//! Own resting orders and their queue position (hftbacktest's L2 queue models).
//!
//! An order joins the back of its level: the quantity ahead starts at the displayed quantity.
//! Trades at the level eat the queue ahead, then fill the order (partial fills allowed); a trade
//! through the price fills what is left. Level decreases not explained by trades advance the
//! queue by `ProbQueueModel` (probability that a cancel was behind us = f(back)/(f(back)+f(front)),
//! f(x) = x^n), or not at all with the risk-averse model. Own orders are not part of the
//! displayed depth (the book mirrors the exchange feed).

/// Queue model kinds (the `model` argument of `Book::new`).
pub const MODEL_RISK_AVERSE: u32 = 0;
/// `ProbQueueModel` with `PowerProbQueueFunc`: f(back)/(f(back)+f(front)), f(x) = x^n.
pub const MODEL_PROB_POWER: u32 = 1;
/// `ProbQueueModel` with `PowerProbQueueFunc3`: 1 − (front/(front+back))^n.
pub const MODEL_PROB_POWER3: u32 = 2;

/// Queue-model configuration.
#[derive(Clone, Copy)]
pub struct QueueModel {
    /// One of the `MODEL_*` constants.
    pub kind: u32,
    /// Exponent n of the power function.
    pub n: f64,
    /// Lot size: executed quantities are rounded to whole lots.
    pub lot: f64,
}

impl QueueModel {
    /// Probability that a decrease happened behind the order.
    #[inline]
    fn prob(&self, front: f64, back: f64) -> f64 {
        let p = if self.kind == MODEL_PROB_POWER3 {
            1.0 - (front / (front + back)).powf(self.n)
        } else {
            let fb = back.powf(self.n);
            fb / (fb + front.powf(self.n))
        };
        if p.is_finite() {
            p
        } else {
            1.0
        }
    }
}

/// A resting own order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Order {
    /// Caller's id.
    pub id: u32,
    /// 0 = bid (buy), 1 = ask (sell).
    pub side: u8,
    /// Price tick.
    pub tick: i64,
    /// Quantity still open.
    pub leaves: f64,
    /// Estimated quantity ahead in the queue.
    pub front: f64,
    /// Trades seen at the level since the last depth update (to avoid double counting).
    pub cum_trade: f64,
}

impl Order {
    /// Depth at the order's level changed from `prev` to `new` (not a fill).
    #[inline]
    pub fn on_depth(&mut self, m: &QueueModel, prev: f64, new: f64) {
        if m.kind == MODEL_RISK_AVERSE {
            self.front = self.front.min(new);
            return;
        }
        let chg = prev - new - self.cum_trade;
        self.cum_trade = 0.0;
        if chg < 0.0 {
            self.front = self.front.min(new);
            return;
        }
        let front = self.front;
        let back = prev - front;
        let p = m.prob(front, back);
        let est = front - (1.0 - p) * chg + (back - p * chg).min(0.0);
        // Depth changes alone never fill: only trades do (clamp at the front of the queue).
        self.front = est.min(new).max(0.0);
    }

    /// A trade of `qty` at the order's price; returns the executed quantity.
    #[inline]
    pub fn on_trade_at(&mut self, m: &QueueModel, qty: f64) -> f64 {
        self.front -= qty;
        if m.kind != MODEL_RISK_AVERSE {
            self.cum_trade += qty;
        }
        let lots = (-self.front / m.lot + 0.5).floor();
        if lots > 0.0 {
            // Rounded to whole lots (hftbacktest floors, which loses a lot to float noise).
            let exec = (lots * m.lot).min(self.leaves);
            self.front = 0.0;
            self.leaves -= exec;
            if self.leaves <= m.lot * 0.5 {
                self.leaves = 0.0;
            }
            exec
        } else {
            0.0
        }
    }
}

/// Fill events of the last batch, as parallel arrays (read by the TypeScript side).
#[derive(Default)]
pub struct Fills {
    /// Order ids.
    pub id: Vec<u32>,
    /// Order sides (0 bid, 1 ask).
    pub side: Vec<u32>,
    /// Fill prices (the order's price).
    pub price: Vec<f64>,
    /// Filled quantities.
    pub qty: Vec<f64>,
    /// Quantity still open after the fill (0 = order done and removed).
    pub leaves: Vec<f64>,
    /// Index in the batch of the trade event that caused the fill.
    pub event: Vec<u32>,
}

impl Fills {
    /// Drops all events.
    pub fn clear(&mut self) {
        self.id.clear();
        self.side.clear();
        self.price.clear();
        self.qty.clear();
        self.leaves.clear();
        self.event.clear();
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.id.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }

    /// Appends one event.
    pub fn push(&mut self, o: &Order, price: f64, qty: f64, event: u32) {
        self.id.push(o.id);
        self.side.push(o.side as u32);
        self.price.push(price);
        self.qty.push(qty);
        self.leaves.push(o.leaves);
        self.event.push(event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(front: f64) -> Order {
        Order { id: 1, side: 0, tick: 100, leaves: 2.0, front, cum_trade: 0.0 }
    }

    #[test]
    fn trades_eat_queue_then_fill_partially() {
        let m = QueueModel { kind: MODEL_PROB_POWER, n: 3.0, lot: 1e-9 };
        let mut o = order(5.0);
        assert_eq!(o.on_trade_at(&m, 4.0), 0.0);
        assert!((o.front - 1.0).abs() < 1e-12);
        let exec = o.on_trade_at(&m, 2.0);
        assert!((exec - 1.0).abs() < 1e-9);
        assert!((o.leaves - 1.0).abs() < 1e-9);
        assert_eq!(o.front, 0.0);
    }

    #[test]
    fn prob_model_advances_on_cancels_risk_averse_does_not() {
        let prob = QueueModel { kind: MODEL_PROB_POWER, n: 3.0, lot: 1e-9 };
        let averse = QueueModel { kind: MODEL_RISK_AVERSE, n: 3.0, lot: 1e-9 };
        // front 2, back 8: a cancel of 4 is likely behind us but still moves us a little.
        let mut a = order(2.0);
        a.on_depth(&prob, 10.0, 6.0);
        assert!(a.front < 2.0 && a.front > 1.9);
        let mut b = order(2.0);
        b.on_depth(&averse, 10.0, 6.0);
        assert_eq!(b.front, 2.0);
        // front 8, back 2: a cancel of 4 is most likely ahead of us.
        let mut c = order(8.0);
        c.on_depth(&prob, 10.0, 6.0);
        assert!(c.front < 5.0);
    }

    #[test]
    fn trade_then_matching_depth_decrease_is_not_double_counted() {
        let m = QueueModel { kind: MODEL_PROB_POWER, n: 3.0, lot: 1e-9 };
        let mut o = order(5.0);
        o.on_trade_at(&m, 3.0);
        o.on_depth(&m, 10.0, 7.0);
        assert!((o.front - 2.0).abs() < 1e-12);
    }
}
