/**
 * Summary statistics of a KPI over a window of iterations: mean, median (mean of the two middle
 * values for even counts, as the original audit), min, max and a least-squares trend.
 * Missing values (null) are skipped, never counted as 0.
 * @module
 */

/** Statistics of one window; every field is null when the window has no value. */
export interface WindowStats {
  count: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  /** Sign of the least-squares slope when it moves the fit by more than 5 % of |mean| over the window. */
  trend: "up" | "down" | "flat" | null;
}

/** Round to `digits` decimals (half away from zero), keeping null. */
export function round_to(v: number | null, digits = 3): number | null {
  if (v === null) return null;
  const f = 10 ** digits;
  const r = Math.round(Math.abs(v) * f) / f;
  return v < 0 ? -r : r;
}

/** Median of the present values (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Statistics of `values` (null entries skipped); `xs` are the iteration numbers for the trend,
 * computed only when `with_trend` (the audit windows do not show it).
 */
export function window_stats(
  values: readonly (number | null)[],
  xs?: readonly number[],
  with_trend = true,
): WindowStats {
  const v: number[] = [];
  const x: number[] = [];
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const y = values[i];
    if (y === null || y === undefined) continue;
    v.push(y);
    if (with_trend) x.push(xs ? xs[i]! : i);
    sum += y;
    if (y < min) min = y;
    if (y > max) max = y;
  }
  if (v.length === 0) {
    return { count: 0, mean: null, median: null, min: null, max: null, trend: null };
  }
  const mean = sum / v.length;
  return {
    count: v.length,
    mean,
    median: median(v),
    min,
    max,
    trend: with_trend ? trend(x, v, mean) : null,
  };
}

function trend(x: number[], y: number[], mean: number): "up" | "down" | "flat" {
  if (x.length < 2) return "flat";
  let mx = 0;
  for (const a of x) mx += a;
  mx /= x.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - mean);
    sxx += (x[i]! - mx) ** 2;
  }
  if (sxx === 0) return "flat";
  const change = (sxy / sxx) * (x[x.length - 1]! - x[0]!);
  const scale = Math.abs(mean) > 1e-12 ? Math.abs(mean) : 1;
  if (Math.abs(change) <= 0.05 * scale) return "flat";
  return change > 0 ? "up" : "down";
}
