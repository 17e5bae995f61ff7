/**
 * `Risk`: positions, marks, notional and the risk ratio in WASM, with risk-ratio samples kept
 * even above 1.0 (SPEC §10 item 42: the original dropped them, biasing the p95 low).
 * @module
 */
import { core, type NumArray, stage_f64, stage_u32 } from "./wasm.ts";

/** Options of `new Risk`. */
export interface RiskOptions {
  /** Symbol names; their index is the symbol id of the batch APIs. */
  symbols: readonly string[];
  /** Max |position × price| per symbol (0 = no limit). */
  max_symbol_notional: number;
  /** Max Σ |position × mark| over symbols: the risk-ratio denominator (0 = ratio 0). */
  max_total_notional: number;
}

/** Risk core for a set of symbols. Call `dispose()` (or `using`) when done. */
export class Risk {
  #h: number;
  readonly #index: Map<string, number>;
  /** Symbol names in id order. */
  readonly symbols: readonly string[];

  /** A flat book of positions with marks 0. */
  constructor(opts: RiskOptions) {
    this.symbols = [...opts.symbols];
    this.#index = new Map(this.symbols.map((s, i) => [s, i]));
    if (this.#index.size !== this.symbols.length) {
      throw new RangeError("Risk symbols must be unique");
    }
    this.#h =
      core.risk_new(this.symbols.length, opts.max_symbol_notional, opts.max_total_notional) >>>
      0;
  }

  #handle(): number {
    if (this.#h === 0) throw new Error("Risk used after dispose()");
    return this.#h;
  }

  /** Symbol id of a name or id; throws for an unknown symbol. */
  id(symbol: string | number): number {
    const i = typeof symbol === "number" ? symbol : this.#index.get(symbol);
    if (i === undefined || !(i >= 0 && i < this.symbols.length)) {
      throw new RangeError(`Risk: unknown symbol ${symbol}`);
    }
    return i;
  }

  /** Sets the mark price of one symbol. */
  set_mark(symbol: string | number, price: number): void {
    this.set_marks([this.id(symbol)], [price]);
  }

  /** Sets marks for (symbol id, price) pairs; returns the number rejected. */
  set_marks(ids: ArrayLike<number>, prices: NumArray): number {
    const h = this.#handle();
    const pi = stage_u32(ids);
    const pp = stage_f64(prices);
    return core.risk_set_marks(h, pi, pp, Math.min(ids.length, prices.length));
  }

  /** Applies one signed fill (buy > 0). */
  on_fill(symbol: string | number, signed_qty: number): void {
    this.apply_fills([this.id(symbol)], [signed_qty]);
  }

  /** Applies signed fills for (symbol id, qty) pairs; returns the number rejected. */
  apply_fills(ids: ArrayLike<number>, signed_qty: NumArray): number {
    const h = this.#handle();
    const pi = stage_u32(ids);
    const pq = stage_f64(signed_qty);
    return core.risk_apply_fills(h, pi, pq, Math.min(ids.length, signed_qty.length));
  }

  /** Signed position of a symbol. */
  position(symbol: string | number): number {
    return core.risk_position(this.#handle(), this.id(symbol));
  }

  /** |position × mark| of a symbol. */
  notional(symbol: string | number): number {
    return core.risk_notional(this.#handle(), this.id(symbol));
  }

  /** Σ |position × mark| over symbols. */
  total_notional(): number {
    return core.risk_total_notional(this.#handle());
  }

  /** Total notional / max total notional. */
  ratio(): number {
    return core.risk_ratio(this.#handle());
  }

  /** Records the current ratio as a sample (kept even above 1.0) and returns it. */
  sample(): number {
    return core.risk_sample(this.#handle());
  }

  /** Number of samples recorded. */
  sample_count(): number {
    return core.risk_sample_count(this.#handle());
  }

  /** Nearest-rank percentile (q in [0, 1]) of the samples; 0 when none. */
  sample_percentile(q: number): number {
    return core.risk_sample_percentile(this.#handle(), q);
  }

  /**
   * Pre-trade check (SPEC §5.3, without freeze): true when a signed order at `price` (default:
   * the mark) keeps the symbol notional and the total notional within the limits.
   */
  check_order(symbol: string | number, signed_qty: number, price = 0): boolean {
    return core.risk_check_order(this.#handle(), this.id(symbol), signed_qty, price) === 1;
  }

  /** Frees the WASM memory; further use throws. */
  dispose(): void {
    if (this.#h !== 0) core.risk_free(this.#h);
    this.#h = 0;
  }

  /** `using risk = new Risk(...)` support. */
  [Symbol.dispose](): void {
    this.dispose();
  }
}
