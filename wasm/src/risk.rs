//! Risk core: positions and mark prices per symbol (symbols are indices), notional, the risk
//! ratio against a total limit, and log-return volatility.
//!
//! Unlike the original monitor (SPEC §10 item 42), risk samples above 1.0 are kept: dropping
//! them biased the p95 low exactly when limits were exceeded.

use crate::select;

/// Positions, marks and limits of a set of symbols.
pub struct Risk {
    /// Signed positions (base units) per symbol.
    pub pos: Vec<f64>,
    /// Mark prices per symbol.
    pub mark: Vec<f64>,
    /// Max |notional| per symbol (≤ 0 = no limit).
    pub max_symbol: f64,
    /// Max total |notional| (the risk-ratio denominator; ≤ 0 = ratio 0).
    pub max_total: f64,
    /// Risk-ratio samples (kept even above 1.0).
    pub samples: Vec<f64>,
}

impl Risk {
    /// `n` symbols, flat, marks 0.
    pub fn new(n: usize, max_symbol: f64, max_total: f64) -> Risk {
        Risk { pos: vec![0.0; n], mark: vec![0.0; n], max_symbol, max_total, samples: Vec::new() }
    }

    /// |position × mark| of symbol `s` (0 for an unknown symbol).
    pub fn notional(&self, s: usize) -> f64 {
        match (self.pos.get(s), self.mark.get(s)) {
            (Some(p), Some(m)) => (p * m).abs(),
            _ => 0.0,
        }
    }

    /// Σ |position × mark| over symbols.
    pub fn total_notional(&self) -> f64 {
        self.pos.iter().zip(&self.mark).map(|(p, m)| (p * m).abs()).sum()
    }

    /// Total notional / max_total (0 when there is no limit).
    pub fn ratio(&self) -> f64 {
        if self.max_total > 0.0 {
            self.total_notional() / self.max_total
        } else {
            0.0
        }
    }

    /// Records the current ratio as a sample and returns it.
    pub fn sample(&mut self) -> f64 {
        let r = self.ratio();
        if r.is_finite() {
            self.samples.push(r);
        }
        r
    }

    /// Applies a signed fill (buy > 0) to symbol `s`; false for an unknown symbol.
    pub fn on_fill(&mut self, s: usize, signed_qty: f64) -> bool {
        match self.pos.get_mut(s) {
            Some(p) if signed_qty.is_finite() => {
                *p += signed_qty;
                true
            }
            _ => false,
        }
    }

    /// Pre-trade check (SPEC §5.3 without freeze): would a signed order of `signed_qty` at
    /// `price` (≤ 0 or NaN: the mark) keep the symbol and total notional within the limits?
    pub fn check_order(&self, s: usize, signed_qty: f64, price: f64) -> bool {
        if s >= self.pos.len() || !signed_qty.is_finite() {
            return false;
        }
        let px = if price > 0.0 { price } else { self.mark[s] };
        let new_pos = self.pos[s] + signed_qty;
        if self.max_symbol > 0.0 && (new_pos * px).abs() > self.max_symbol {
            return false;
        }
        let total = self.total_notional() - self.notional(s) + (new_pos * self.mark[s]).abs();
        !(self.max_total > 0.0 && total > self.max_total)
    }

    /// Nearest-rank percentile of the samples (0.0 when none).
    pub fn sample_percentile(&self, q: f64) -> f64 {
        let mut v = self.samples.clone();
        let mut out = [0.0];
        select::percentiles(&mut v, &[q], &mut out);
        out[0]
    }
}

/// Annualised log-return volatility in bps over the last `window` prices (seed 004 task 5):
/// r_t = ln(P_t / P_{t−1}) for positive consecutive prices, sample std-dev (n − 1),
/// × √252 × 10⁴. 0.0 with fewer than two returns.
pub fn vol_bps(prices: &[f64], window: usize) -> f64 {
    let start = prices.len().saturating_sub(window.max(2));
    let p = &prices[start..];
    let (mut n, mut mean, mut m2) = (0.0f64, 0.0f64, 0.0f64);
    for w in p.windows(2) {
        if w[0] > 0.0 && w[1] > 0.0 {
            let r = (w[1] / w[0]).ln();
            // Welford: stable for the tiny returns of tick data.
            n += 1.0;
            let d = r - mean;
            mean += d / n;
            m2 += d * (r - mean);
        }
    }
    if n < 2.0 {
        return 0.0;
    }
    (m2 / (n - 1.0)).sqrt() * 252f64.sqrt() * 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_keeps_samples_above_one() {
        let mut r = Risk::new(2, 0.0, 1000.0);
        r.mark = vec![100.0, 10.0];
        r.on_fill(0, 15.0);
        r.on_fill(1, -20.0);
        assert_eq!(r.total_notional(), 1700.0);
        assert_eq!(r.sample(), 1.7);
        assert_eq!(r.samples, vec![1.7]);
        assert_eq!(r.sample_percentile(0.95), 1.7);
    }

    #[test]
    fn check_order_limits() {
        let mut r = Risk::new(1, 500.0, 1000.0);
        r.mark = vec![100.0];
        assert!(r.check_order(0, 5.0, 0.0));
        assert!(!r.check_order(0, 6.0, 0.0));
        assert!(r.check_order(0, -5.0, 100.0));
        assert!(!r.check_order(1, 1.0, 1.0));
    }

    #[test]
    fn vol_matches_two_pass_formula() {
        let prices = [100.0, 101.0, 100.5, 102.0, 101.0, 0.0, 103.0];
        let rs: Vec<f64> = [100.0f64, 101.0, 100.5, 102.0, 101.0]
            .windows(2)
            .map(|w| (w[1] / w[0]).ln())
            .collect();
        let m = rs.iter().sum::<f64>() / rs.len() as f64;
        let var = rs.iter().map(|r| (r - m) * (r - m)).sum::<f64>() / (rs.len() - 1) as f64;
        let want = var.sqrt() * 252f64.sqrt() * 1e4;
        assert!((vol_bps(&prices, 100) - want).abs() < 1e-9 * want);
        assert_eq!(vol_bps(&[1.0, 2.0], 20), 0.0);
    }
}
