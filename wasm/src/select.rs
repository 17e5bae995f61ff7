//! Nearest-rank percentiles by quickselect (O(n) expected, no full sort).

/// Moves non-NaN values to the front of `v` (overwriting) and returns how many there are.
fn compact(v: &mut [f64]) -> usize {
    let mut k = 0;
    for i in 0..v.len() {
        if !v[i].is_nan() {
            if k != i {
                v[k] = v[i];
            }
            k += 1;
        }
    }
    k
}

/// Puts the `k`-th smallest value at `v[k]` (smaller before, larger after) and returns it.
/// `v` must hold no NaN. std's `select_nth_unstable_by` is a quickselect (introselect: median
/// pivots with a worst-case fallback), faster here than a hand-written Hoare loop.
pub fn select_kth(v: &mut [f64], k: usize) -> f64 {
    // total_cmp orders -0 before +0, as Float64Array.prototype.sort does.
    let (_, kth, _) = v.select_nth_unstable_by(k, |a, b| a.total_cmp(b));
    *kth
}

/// Nearest-rank rank of quantile `q` among `n` values: max(0, ceil(q·n) − 1).
#[inline]
pub fn rank(q: f64, n: usize) -> usize {
    let k = (q * n as f64).ceil() as i64 - 1;
    (k.max(0) as usize).min(n - 1)
}

/// Nearest-rank percentiles `qs` (each in [0, 1]) of `v` (NaNs ignored; `v` is reordered).
/// Writes NaN for a bad `q`, 0.0 for every `q` when `v` has no value (as `lib/stats`).
pub fn percentiles(v: &mut [f64], qs: &[f64], out: &mut [f64]) {
    let n = compact(v);
    let v = &mut v[..n];
    let m = qs.len().min(out.len());
    // Valid quantiles, selected in ascending order, each in the part right of the previous one.
    let mut order: Vec<usize> = Vec::with_capacity(m);
    for i in 0..m {
        if (0.0..=1.0).contains(&qs[i]) {
            order.push(i);
        } else {
            out[i] = f64::NAN;
        }
    }
    order.sort_by(|&a, &b| qs[a].partial_cmp(&qs[b]).unwrap());
    let mut lo = 0;
    for i in order {
        out[i] = if n == 0 {
            0.0
        } else {
            let k = rank(qs[i], n);
            let x = select_kth(&mut v[lo..], k - lo);
            lo = k;
            x
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_sorting_on_pseudo_random_data() {
        let mut x: u64 = 42;
        for n in [1usize, 2, 3, 10, 101, 1000] {
            let mut v: Vec<f64> = (0..n)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((x >> 33) % 50) as f64 // many duplicates on purpose
                })
                .collect();
            let mut sorted = v.clone();
            sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
            for q in [0.0, 0.01, 0.5, 0.95, 0.99, 1.0] {
                let mut out = [0.0];
                percentiles(&mut v, &[q], &mut out);
                assert_eq!(out[0], sorted[rank(q, n)], "n={} q={}", n, q);
            }
        }
    }

    #[test]
    fn spec_examples() {
        let mut v: Vec<f64> = (1..=100).map(|i| i as f64).rev().collect();
        let mut out = [0.0; 3];
        percentiles(&mut v, &[0.95, 0.99, 0.5], &mut out);
        assert_eq!(out, [95.0, 99.0, 50.0]);
        let mut empty: Vec<f64> = vec![f64::NAN];
        percentiles(&mut empty, &[0.95], &mut out);
        assert_eq!(out[0], 0.0);
    }
}
