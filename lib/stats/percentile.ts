/**
 * Nearest-rank percentiles, exactly as the original LatencyCollector (SPEC §5.4).
 * @module
 */
import { select_kth } from "./select.ts";

/** The finite, non-negative samples (the collector ignores the others), in a fresh array. */
export function clean(samples: Iterable<number> | ArrayLike<number>): Float64Array {
  return clean_into(samples, (n) => new Float64Array(n));
}

// Selection reorders its input, so a percentile works on a copy; reusing one scratch buffer spares
// allocating and zeroing 8 MB per call on 10^6 samples (half the time of a p95).
let scratch = new Float64Array(0);

function clean_into(
  samples: Iterable<number> | ArrayLike<number>,
  buffer: (n: number) => Float64Array,
): Float64Array {
  if (is_array_like(samples)) {
    // Indexed fast path: no iterator protocol, one preallocated buffer.
    const n = samples.length;
    const out = buffer(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = samples[i]!;
      if (v >= 0 && v !== Infinity) out[m++] = v; // NaN fails v >= 0
    }
    return out.subarray(0, m);
  }
  const out: number[] = [];
  for (const v of samples) if (typeof v === "number" && v >= 0 && v !== Infinity) out.push(v);
  return Float64Array.from(out);
}

function is_array_like(x: Iterable<number> | ArrayLike<number>): x is ArrayLike<number> {
  return Array.isArray(x) || ArrayBuffer.isView(x);
}

/** The finite, non-negative samples, sorted ascending. */
export function clean_sorted(samples: Iterable<number> | ArrayLike<number>): Float64Array {
  return clean(samples).sort();
}

/** Nearest-rank index `k = max(0, ceil(q·n) − 1)` for `n` samples. */
export function nearest_rank_index(n: number, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`Percentile q must be in [0, 1], got ${q}`);
  return Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
}

/**
 * Nearest-rank percentile of ascending `sorted`: `k = max(0, ceil(q·n) − 1)`, `sorted[k]`;
 * 0 when empty. `q` is in [0, 1].
 */
export function percentile_sorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  return sorted[nearest_rank_index(n, q)]!;
}

/**
 * Nearest-rank percentile of unsorted samples (non-finite and negative samples ignored), by
 * selection in O(n) rather than a sort; `samples` is not modified.
 */
export function percentile(samples: Iterable<number> | ArrayLike<number>, q: number): number {
  const a = clean_into(samples, (n) => {
    if (scratch.length < n) scratch = new Float64Array(n);
    return scratch;
  });
  if (a.length === 0) return 0;
  return select_kth(a, nearest_rank_index(a.length, q));
}

/** p50, p95 and p99 of `samples` in one sort. */
export function p50_p95_p99(
  samples: Iterable<number> | ArrayLike<number>,
): { p50: number; p95: number; p99: number } {
  const s = clean_sorted(samples);
  return {
    p50: percentile_sorted(s, 0.5),
    p95: percentile_sorted(s, 0.95),
    p99: percentile_sorted(s, 0.99),
  };
}
