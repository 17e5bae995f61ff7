//! One side of an L2 book: quantities by integer price tick.
//!
//! Levels near the mid live in a dense array (hftbacktest's "ROI vector" idea: O(1) set/get,
//! cache-friendly scans for the next best level); prices outside the window fall back to a
//! `BTreeMap`, so far-away levels (stale deep quotes, fat-finger prices) never need a huge array.
//! The window is shared by both sides and moved by `Book::recentre`.

use std::collections::BTreeMap;

/// Sentinel "no level" tick for bids (every real tick is better).
pub const NO_BID: i64 = i64::MIN;
/// Sentinel "no level" tick for asks.
pub const NO_ASK: i64 = i64::MAX;

/// One side (bids or asks).
pub struct Side {
    /// True for bids: better = higher tick.
    pub is_bid: bool,
    /// First tick of the dense window.
    pub base: i64,
    /// Dense quantities for ticks `base .. base + dense.len()`; 0.0 means no level.
    dense: Vec<f64>,
    /// Number of non-zero entries in `dense` (lets scans stop early on an empty window).
    dense_count: usize,
    /// Levels outside the window.
    far: BTreeMap<i64, f64>,
    /// Best tick, or the side's sentinel when empty.
    pub best: i64,
}

impl Side {
    /// An empty side with a dense window of `width` ticks starting at `base`.
    pub fn new(is_bid: bool, base: i64, width: usize) -> Side {
        Side {
            is_bid,
            base,
            dense: vec![0.0; width],
            dense_count: 0,
            far: BTreeMap::new(),
            best: if is_bid { NO_BID } else { NO_ASK },
        }
    }

    /// The sentinel tick of this side.
    #[inline]
    pub fn none(&self) -> i64 {
        if self.is_bid {
            NO_BID
        } else {
            NO_ASK
        }
    }

    /// True when the side has no level.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.best == self.none()
    }

    #[inline]
    fn slot(&self, tick: i64) -> Option<usize> {
        let i = tick.wrapping_sub(self.base);
        if i >= 0 && (i as u64) < self.dense.len() as u64 {
            Some(i as usize)
        } else {
            None
        }
    }

    /// Quantity at `tick` (0.0 when no level).
    #[inline]
    pub fn get(&self, tick: i64) -> f64 {
        match self.slot(tick) {
            Some(i) => self.dense[i],
            None => *self.far.get(&tick).unwrap_or(&0.0),
        }
    }

    /// Sets the quantity at `tick` (`qty <= 0` deletes) and returns the previous quantity.
    #[inline]
    pub fn set(&mut self, tick: i64, qty: f64) -> f64 {
        let q = if qty > 0.0 { qty } else { 0.0 };
        let prev = match self.slot(tick) {
            Some(i) => {
                let prev = self.dense[i];
                self.dense[i] = q;
                if prev == 0.0 && q > 0.0 {
                    self.dense_count += 1;
                } else if prev > 0.0 && q == 0.0 {
                    self.dense_count -= 1;
                }
                prev
            }
            None => {
                if q > 0.0 {
                    self.far.insert(tick, q).unwrap_or(0.0)
                } else {
                    self.far.remove(&tick).unwrap_or(0.0)
                }
            }
        };
        if q > 0.0 {
            if self.better(tick, self.best) {
                self.best = tick;
            }
        } else if prev > 0.0 && tick == self.best {
            self.best = self.next_after(tick);
        }
        prev
    }

    /// True when `a` is a better price than `b` on this side.
    #[inline]
    pub fn better(&self, a: i64, b: i64) -> bool {
        if self.is_bid {
            a > b
        } else {
            a < b
        }
    }

    /// The best level strictly worse than `tick`, or the sentinel.
    pub fn next_after(&self, tick: i64) -> i64 {
        let width = self.dense.len() as i64;
        if self.is_bid {
            let mut found = NO_BID;
            if self.dense_count > 0 {
                let start = (tick - 1).min(self.base + width - 1);
                let mut i = start - self.base;
                while i >= 0 {
                    if self.dense[i as usize] > 0.0 {
                        found = self.base + i;
                        break;
                    }
                    i -= 1;
                }
            }
            if !self.far.is_empty() {
                if let Some((&t, _)) = self.far.range(..tick).next_back() {
                    found = found.max(t);
                }
            }
            found
        } else {
            let mut found = NO_ASK;
            if self.dense_count > 0 {
                let start = (tick.saturating_add(1)).max(self.base);
                let mut i = start - self.base;
                while i < width {
                    if self.dense[i as usize] > 0.0 {
                        found = self.base + i;
                        break;
                    }
                    i += 1;
                }
            }
            if !self.far.is_empty() && tick < NO_ASK {
                if let Some((&t, _)) = self.far.range(tick + 1..).next() {
                    found = found.min(t);
                }
            }
            found
        }
    }

    /// Calls `f(tick, qty)` for levels from the best outwards until it returns false.
    #[inline]
    pub fn walk<F: FnMut(i64, f64) -> bool>(&self, mut f: F) {
        let none = self.none();
        let mut t = self.best;
        while t != none {
            if !f(t, self.get(t)) {
                return;
            }
            t = self.next_after(t);
        }
    }

    /// Removes every level.
    pub fn clear(&mut self) {
        if self.dense_count > 0 {
            for q in self.dense.iter_mut() {
                *q = 0.0;
            }
        }
        self.dense_count = 0;
        self.far.clear();
        self.best = self.none();
    }

    /// Moves the dense window to start at `base`: levels leaving it go to the fallback map,
    /// fallback levels inside it move into the array. O(width + moved levels).
    pub fn rebase(&mut self, base: i64) {
        if base == self.base {
            return;
        }
        let width = self.dense.len() as i64;
        for i in 0..self.dense.len() {
            let q = self.dense[i];
            if q > 0.0 {
                self.far.insert(self.base + i as i64, q);
                self.dense[i] = 0.0;
            }
        }
        self.dense_count = 0;
        self.base = base;
        let inside: Vec<(i64, f64)> =
            self.far.range(base..base + width).map(|(&t, &q)| (t, q)).collect();
        for (t, q) in inside {
            self.far.remove(&t);
            self.dense[(t - base) as usize] = q;
            self.dense_count += 1;
        }
    }

    /// Number of levels (dense + fallback).
    pub fn level_count(&self) -> usize {
        self.dense_count + self.far.len()
    }

    /// Number of levels held in the fallback map (for tests and diagnostics).
    pub fn far_count(&self) -> usize {
        self.far.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_get_best_and_fallback() {
        let mut s = Side::new(true, 100, 16);
        assert!(s.is_empty());
        s.set(105, 1.0);
        s.set(110, 2.0);
        s.set(1_000, 3.0); // outside the window
        assert_eq!(s.best, 1_000);
        assert_eq!(s.far_count(), 1);
        s.set(1_000, 0.0);
        assert_eq!(s.best, 110);
        s.set(110, 0.0);
        assert_eq!(s.best, 105);
        s.set(50, 4.0);
        s.set(105, 0.0);
        assert_eq!(s.best, 50);
        assert_eq!(s.level_count(), 1);
    }

    #[test]
    fn ask_walk_orders_levels_across_window_and_fallback() {
        let mut s = Side::new(false, 100, 8);
        for (t, q) in [(90, 1.0), (101, 2.0), (107, 3.0), (200, 4.0)] {
            s.set(t, q);
        }
        let mut seen = vec![];
        s.walk(|t, q| {
            seen.push((t, q));
            true
        });
        assert_eq!(seen, vec![(90, 1.0), (101, 2.0), (107, 3.0), (200, 4.0)]);
        s.rebase(195);
        let mut again = vec![];
        s.walk(|t, q| {
            again.push((t, q));
            true
        });
        assert_eq!(again, seen);
        assert_eq!(s.far_count(), 3);
    }
}
