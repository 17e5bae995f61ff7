/**
 * A fixed-bucket histogram with Prometheus semantics (cumulative `le` buckets, +Inf, sum, count)
 * and the same quantile estimate as PromQL's `histogram_quantile`.
 * @module
 */

/** Latency buckets of `mm_latency_ms`, in milliseconds (SPEC §5.5). */
export const LATENCY_BUCKETS_MS: readonly number[] = [
  5,
  10,
  20,
  50,
  100,
  150,
  200,
  250,
  300,
  400,
  600,
  1000,
];
/** Buckets of `mm_risk_ratio` (SPEC §5.5). */
export const RISK_RATIO_BUCKETS: readonly number[] = [
  0.01,
  0.05,
  0.1,
  0.2,
  0.3,
  0.4,
  0.5,
  0.7,
  1.0,
];

/** A histogram over fixed upper bounds; memory does not grow with the number of samples. */
export class FixedHistogram {
  /** Finite upper bounds, ascending; +Inf is implicit. */
  readonly bounds: readonly number[];
  /** Non-cumulative count per bucket; the last entry is the +Inf bucket. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(bounds: readonly number[]) {
    for (let i = 1; i < bounds.length; i++) {
      if (!(bounds[i]! > bounds[i - 1]!)) throw new RangeError("Bucket bounds must be ascending");
    }
    this.bounds = [...bounds];
    this.counts = new Float64Array(bounds.length + 1);
  }

  /** Add one sample (non-finite samples are ignored). */
  observe(v: number): void {
    if (!Number.isFinite(v)) return;
    let i = 0;
    while (i < this.bounds.length && v > this.bounds[i]!) i++;
    this.counts[i]! += 1;
    this.sum += v;
    this.count += 1;
  }

  /** Cumulative counts per `le` bound, ending with +Inf (= count). */
  cumulative(): { le: number; count: number }[] {
    let acc = 0;
    const out: { le: number; count: number }[] = [];
    for (let i = 0; i <= this.bounds.length; i++) {
      acc += this.counts[i]!;
      out.push({ le: i < this.bounds.length ? this.bounds[i]! : Infinity, count: acc });
    }
    return out;
  }

  /** The `histogram_quantile(q, …)` estimate of these buckets. */
  quantile(q: number): number {
    return histogram_quantile(q, this.cumulative());
  }
}

/**
 * PromQL's `histogram_quantile` over cumulative buckets (ascending `le`, last is +Inf):
 * linear interpolation inside the bucket holding rank q·count; the +Inf bucket answers with the
 * highest finite bound; the first bucket interpolates from 0 (if its bound is positive).
 */
export function histogram_quantile(q: number, buckets: { le: number; count: number }[]): number {
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (buckets.length < 2) return NaN;
  const total = buckets[buckets.length - 1]!.count;
  if (total === 0) return NaN;
  const rank = q * total;
  let b = buckets.findIndex((x) => x.count >= rank);
  if (b < 0) b = buckets.length - 1;
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.le;
  if (b === 0 && buckets[0]!.le <= 0) return buckets[0]!.le;
  const start = b === 0 ? 0 : buckets[b - 1]!.le;
  const end = buckets[b]!.le;
  const below = b === 0 ? 0 : buckets[b - 1]!.count;
  const inBucket = buckets[b]!.count - below;
  if (inBucket === 0) return end;
  return start + (end - start) * ((rank - below) / inBucket);
}
