/**
 * Nearest-rank percentiles, exactly as the original LatencyCollector (SPEC §5.4).
 * @module
 */

/** Keep finite, non-negative samples (the collector ignores the others), sorted ascending. */
export function clean_sorted(samples: Iterable<number>): Float64Array {
  const out: number[] = [];
  for (const v of samples) if (typeof v === "number" && Number.isFinite(v) && v >= 0) out.push(v);
  return Float64Array.from(out).sort();
}

/**
 * Nearest-rank percentile of ascending `sorted`: `k = max(0, ceil(q·n) − 1)`, `sorted[k]`;
 * 0 when empty. `q` is in [0, 1].
 */
export function percentile_sorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`Percentile q must be in [0, 1], got ${q}`);
  const k = Math.max(0, Math.ceil(q * n) - 1);
  return sorted[Math.min(k, n - 1)]!;
}

/** Nearest-rank percentile of unsorted samples (non-finite and negative samples ignored). */
export function percentile(samples: Iterable<number>, q: number): number {
  return percentile_sorted(clean_sorted(samples), q);
}

/** p50, p95 and p99 of `samples` in one sort. */
export function p50_p95_p99(samples: Iterable<number>): { p50: number; p95: number; p99: number } {
  const s = clean_sorted(samples);
  return {
    p50: percentile_sorted(s, 0.5),
    p95: percentile_sorted(s, 0.95),
    p99: percentile_sorted(s, 0.99),
  };
}
