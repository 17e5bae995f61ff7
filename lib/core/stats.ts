/**
 * Quickselect percentiles and log-return volatility computed in WASM.
 * @module
 */
import { core, f64_at, type NumArray, stage_f64, WasmBuffer } from "./wasm.ts";

const values_buf = new WasmBuffer();
const qs_buf = new WasmBuffer();

/**
 * Nearest-rank percentiles (each q in [0, 1]: k = max(0, ceil(q·n) − 1)) of `values` by
 * quickselect, without sorting; NaNs are ignored, 0 for every q when no value is left, NaN for a
 * q outside [0, 1]. `values` itself is not modified (it is copied into WASM memory).
 */
export function percentiles(values: NumArray, qs: readonly number[]): Float64Array {
  const n = values.length;
  const m = qs.length;
  const pv = values_buf.reserve(n * 8);
  const pq = qs_buf.reserve(m * 16);
  f64_at(pv, n).set(values);
  f64_at(pq, m).set(qs);
  core.percentiles(pv, n, pq, m, pq + m * 8);
  return f64_at(pq + m * 8, m).slice();
}

/** One nearest-rank percentile (see `percentiles`). */
export function percentile(values: NumArray, q: number): number {
  return percentiles(values, [q])[0]!;
}

/**
 * Annualised log-return volatility in bps of the last `window` prices (seed 004 task 5):
 * sample std-dev of ln(P_t/P_{t−1}) over positive consecutive prices × √252 × 10⁴; 0 with fewer
 * than two returns.
 */
export function vol_bps(prices: NumArray, window = 20): number {
  const p = stage_f64(prices);
  return core.vol_bps(p, prices.length, window);
}
