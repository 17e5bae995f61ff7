/**
 * A bounded-memory streaming quantile sketch for unbounded sample streams.
 *
 * Buckets are logarithmic in value (γ = (1+α)/(1−α), DDSketch's mapping), so every positive sample
 * `v` falls in a bucket `(γ^(i−1), γ^i]` whose representative `2γ^i/(γ+1)` is within relative error
 * α of every value in it. Quantiles use the same nearest-rank rule as {@linkcode percentile}, so
 * the estimate is within α (default 1%) of the exact nearest-rank percentile of the stream.
 * Memory: one counter per occupied bucket, at most about ln(max/min)/ln(γ) (≈ 2,400 for
 * 1e-9…1e12 at α = 1%), whatever the number of samples.
 * @module
 */

/** Streaming nearest-rank quantiles with relative error ≤ `alpha`. */
export class QuantileSketch {
  readonly alpha: number;
  readonly #gamma: number;
  readonly #logGamma: number;
  readonly #minValue: number;
  #zero = 0;
  #buckets = new Map<number, number>();
  #count = 0;
  #sum = 0;
  #max = -Infinity;

  /** `alpha` is the relative accuracy; values ≤ `min_value` are counted as 0. */
  constructor(alpha = 0.01, min_value = 1e-9) {
    if (!(alpha > 0 && alpha < 1)) throw new RangeError("Sketch alpha must be in (0, 1)");
    this.alpha = alpha;
    this.#gamma = (1 + alpha) / (1 - alpha);
    this.#logGamma = Math.log(this.#gamma);
    this.#minValue = min_value;
  }

  /** Number of samples added. */
  get count(): number {
    return this.#count;
  }
  /** Sum of the samples added. */
  get sum(): number {
    return this.#sum;
  }
  /** Number of occupied buckets (the memory in use). */
  get size(): number {
    return this.#buckets.size + (this.#zero > 0 ? 1 : 0);
  }

  /** Add a sample; non-finite and negative samples are ignored, as the nearest-rank collector does. */
  add(v: number): void {
    if (!Number.isFinite(v) || v < 0) return;
    this.#count++;
    this.#sum += v;
    if (v > this.#max) this.#max = v;
    if (v <= this.#minValue) {
      this.#zero++;
      return;
    }
    const i = Math.ceil(Math.log(v) / this.#logGamma);
    this.#buckets.set(i, (this.#buckets.get(i) ?? 0) + 1);
  }

  /** Merge another sketch with the same alpha into this one. */
  merge(other: QuantileSketch): void {
    if (other.alpha !== this.alpha) {
      throw new RangeError("Cannot merge sketches of different alpha");
    }
    this.#zero += other.#zero;
    for (const [i, c] of other.#buckets) this.#buckets.set(i, (this.#buckets.get(i) ?? 0) + c);
    this.#count += other.#count;
    this.#sum += other.#sum;
    this.#max = Math.max(this.#max, other.#max);
  }

  /** Nearest-rank quantile estimate (0 when empty). */
  quantile(q: number): number {
    if (this.#count === 0) return 0;
    if (!(q >= 0 && q <= 1)) throw new RangeError(`Quantile q must be in [0, 1], got ${q}`);
    const k = Math.max(0, Math.ceil(q * this.#count) - 1);
    if (k < this.#zero) return 0;
    let seen = this.#zero;
    const keys = [...this.#buckets.keys()].sort((a, b) => a - b);
    for (const i of keys) {
      seen += this.#buckets.get(i)!;
      if (seen > k) return Math.min(this.#max, (2 * Math.pow(this.#gamma, i)) / (this.#gamma + 1));
    }
    return this.#max;
  }
}
