/**
 * `Book`: the WASM L2 book of one symbol with own-order queue positions.
 * @module
 */
import type { EventBuffer } from "./events.ts";
import { core, f64_at, type NumArray, out_ptr, stage, u32_at } from "./wasm.ts";

/** Book sides: 0 = bid, 1 = ask. */
export type BookSide = 0 | 1;

/** Event kinds of `Book.apply`. */
export const EV = { BID: 0, ASK: 1, TRADE_BUY: 2, TRADE_SELL: 3 } as const;

/** Queue models for own orders (hftbacktest's L2 models). */
export type QueueModelName = "prob_power" | "prob_power3" | "risk_averse";

const MODEL_CODE: Record<QueueModelName, number> = {
  risk_averse: 0,
  prob_power: 1,
  prob_power3: 2,
};

/** Options of `new Book`. */
export interface BookOptions {
  /** Price grid step; prices map to ticks with `round(price / tick_size)`. */
  tick_size: number;
  /** Width of the dense level window in ticks (default 32768, centred on the mid). */
  window_ticks?: number;
  /** Queue model (default "prob_power"). */
  queue_model?: QueueModelName;
  /** Exponent n of the power probability function (default 3). */
  power?: number;
  /** Lot size: fills are rounded to whole lots (default 1e-9). */
  lot_size?: number;
}

/** Fill events of the last batch (copies; safe to keep). */
export interface FillBatch {
  /** Number of fills. */
  count: number;
  /** Order ids. */
  id: Uint32Array;
  /** Order sides (0 bid/buy, 1 ask/sell). */
  side: Uint32Array;
  /** Fill prices (the order's price). */
  price: Float64Array;
  /** Filled quantities. */
  qty: Float64Array;
  /** Quantity left open after the fill (0 = done, order removed). */
  leaves: Float64Array;
  /** Index, in the batch passed to `apply`, of the trade that caused the fill. */
  event: Uint32Array;
}

/** Top of book. Prices are NaN (quantities 0) for an empty side. */
export interface Top {
  bid: number;
  bid_qty: number;
  ask: number;
  ask_qty: number;
  mid: number;
  spread: number;
  microprice: number;
  crossed: boolean;
  bid_levels: number;
  ask_levels: number;
}

/** A resting own order. */
export interface OwnOrder {
  side: BookSide;
  price: number;
  leaves: number;
  /** Estimated quantity ahead in the queue. */
  queue_ahead: number;
}

/** Result of walking one side of the book for a size. */
export interface Vwap {
  /** Volume-weighted price of the part that can be filled (NaN when nothing). */
  vwap: number;
  /** Quantity that the side can fill (< size when too thin). */
  filled: number;
  /** Worst price touched (NaN when nothing). */
  worst: number;
}

/** L2 book of one symbol in WASM memory. Call `dispose()` (or `using`) when done. */
export class Book {
  #h: number;
  /** Tick size given at construction. */
  readonly tick_size: number;

  /** A new empty book. */
  constructor(opts: BookOptions) {
    const { tick_size, window_ticks = 32768, queue_model = "prob_power", power = 3 } = opts;
    if (!(tick_size > 0 && Number.isFinite(tick_size))) {
      throw new RangeError(`Book tick_size must be a positive number, got ${tick_size}`);
    }
    const code = MODEL_CODE[queue_model];
    if (code === undefined) throw new RangeError(`Book queue_model unknown: ${queue_model}`);
    this.tick_size = tick_size;
    this.#h = core.book_new(tick_size, window_ticks, code, power, opts.lot_size ?? 1e-9) >>> 0;
  }

  #handle(): number {
    if (this.#h === 0) throw new Error("Book used after dispose()");
    return this.#h;
  }

  /**
   * Applies a batch of events in order: `kinds[i]` is `EV.BID`/`EV.ASK` (set the level at
   * `prices[i]` to `qtys[i]`, 0 deletes) or `EV.TRADE_BUY`/`EV.TRADE_SELL` (a trade of `qtys[i]`
   * at `prices[i]` by a buying/selling aggressor, which moves own-order queues and fills).
   * Returns the number of rejected events (non-positive/NaN price, NaN qty, unknown kind).
   * Fills of this batch are then available from `fills()`.
   */
  apply(kinds: ArrayLike<number>, prices: NumArray, qtys: NumArray): number {
    const h = this.#handle();
    const s = stage(kinds, prices, qtys);
    return core.book_apply(h, s.kinds, s.a, s.b, s.n);
  }

  /**
   * Applies events [start, end) of a buffer already in WASM memory (same semantics as `apply`;
   * fill `event` indices are relative to `start`). The fast path for replays: no copy per call.
   */
  apply_buffer(buf: EventBuffer, start = 0, end: number = buf.length): number {
    const h = this.#handle();
    const [pk, pp, pq] = buf.slice_ptrs(start, end);
    return core.book_apply(h, pk, pp, pq, end - start);
  }

  /** Level deltas only: `sides[i]` 0 = bid, 1 = ask; qty 0 deletes. */
  apply_deltas(sides: ArrayLike<number>, prices: NumArray, qtys: NumArray): number {
    return this.apply(sides, prices, qtys);
  }

  /** Trades only: `aggressor[i]` 0 = buyer (hits asks), 1 = seller (hits bids). */
  apply_trades(aggressor: ArrayLike<number>, prices: NumArray, qtys: NumArray): number {
    const h = this.#handle();
    const s = stage(aggressor, prices, qtys, (k) => (k === 0 ? 2 : k === 1 ? 3 : 255));
    return core.book_apply(h, s.kinds, s.a, s.b, s.n);
  }

  /** Clears the book and sets the levels (`sides` 0/1); own orders stay, queue capped. */
  apply_snapshot(sides: ArrayLike<number>, prices: NumArray, qtys: NumArray): number {
    const h = this.#handle();
    const s = stage(sides, prices, qtys);
    return core.book_apply_snapshot(h, s.kinds, s.a, s.b, s.n);
  }

  /** Fill events of the last `apply*` call (copied out of WASM memory). */
  fills(): FillBatch {
    const o = out_ptr();
    core.book_fills(this.#handle(), o);
    const [n, pid, pside, ppx, pqty, pleaves, pev] = u32_at(o, 7);
    const c = n!;
    return {
      count: c,
      id: u32_at(pid!, c).slice(),
      side: u32_at(pside!, c).slice(),
      price: f64_at(ppx!, c).slice(),
      qty: f64_at(pqty!, c).slice(),
      leaves: f64_at(pleaves!, c).slice(),
      event: u32_at(pev!, c).slice(),
    };
  }

  /** Top of book in one call. */
  top(): Top {
    const o = out_ptr();
    core.book_top(this.#handle(), o);
    const v = f64_at(o, 10);
    return {
      bid: v[0]!,
      bid_qty: v[1]!,
      ask: v[2]!,
      ask_qty: v[3]!,
      mid: v[4]!,
      spread: v[5]!,
      microprice: v[6]!,
      crossed: v[7] === 1,
      bid_levels: v[8]!,
      ask_levels: v[9]!,
    };
  }

  /** Best bid price (NaN when empty). */
  best_bid(): number {
    return core.book_best(this.#handle(), 0);
  }

  /** Best ask price (NaN when empty). */
  best_ask(): number {
    return core.book_best(this.#handle(), 1);
  }

  /** Best tick of a side (NaN when empty): compare prices exactly with this. */
  best_tick(side: BookSide): number {
    return core.book_best_tick(this.#handle(), side);
  }

  /** Displayed quantity at `price` on `side` (0 when no level). */
  qty_at(side: BookSide, price: number): number {
    return core.book_qty_at(this.#handle(), side, price);
  }

  /** Mid price (NaN when a side is empty). */
  mid(): number {
    return core.book_mid(this.#handle());
  }

  /** Best ask − best bid, from the tick difference (NaN when a side is empty). */
  spread(): number {
    return this.top().spread;
  }

  /** Spread in bps of the mid. */
  spread_bps(): number {
    return (this.spread() / this.mid()) * 1e4;
  }

  /** Touch-size-weighted microprice (NaN when a side is empty). */
  microprice(): number {
    return core.book_microprice(this.#handle());
  }

  /** (bid − ask)/(bid + ask) quantity over the top `levels` levels; 0 when both empty. */
  imbalance(levels: number): number {
    return core.book_imbalance(this.#handle(), levels);
  }

  /** True when best bid ≥ best ask. */
  crossed(): boolean {
    return this.top().crossed;
  }

  /** Top `levels` levels of `side`, best first. */
  depth(side: BookSide, levels: number): { price: Float64Array; qty: Float64Array } {
    const h = this.#handle();
    const n = Math.max(0, Math.floor(levels));
    const px = core.mm_alloc(n * 8) >>> 0;
    const qt = core.mm_alloc(n * 8) >>> 0;
    try {
      const k = core.book_depth(h, side, n, px, qt);
      return { price: f64_at(px, k).slice(), qty: f64_at(qt, k).slice() };
    } finally {
      core.mm_free(px, n * 8);
      core.mm_free(qt, n * 8);
    }
  }

  /** Sum of the quantities of the top `levels` levels of `side`. */
  depth_sum(side: BookSide, levels: number): number {
    return core.book_depth_sum(this.#handle(), side, levels);
  }

  /** Walks `side` (1 = asks for a taker buy) to fill `size`. */
  vwap(side: BookSide, size: number): Vwap {
    const o = out_ptr();
    core.book_vwap(this.#handle(), side, size, o);
    const v = f64_at(o, 3);
    return { vwap: v[0]!, filled: v[1]!, worst: v[2]! };
  }

  /**
   * Slippage in bps vs the mid of a taker order of `size` (buy walks the asks): positive = cost.
   * NaN when there is no mid or nothing to fill.
   */
  slippage_bps(taker: "buy" | "sell", size: number): number {
    const { vwap } = this.vwap(taker === "buy" ? 1 : 0, size);
    const mid = this.mid();
    return ((taker === "buy" ? vwap - mid : mid - vwap) / mid) * 1e4;
  }

  /**
   * Adds an own order (id: integer 0..2^32−1) at the back of the queue of `price`: queue ahead =
   * displayed quantity there. Throws on a duplicate id or bad side/price/qty.
   */
  add_order(id: number, side: BookSide, price: number, qty: number): void {
    const r = core.book_add_order(this.#handle(), id >>> 0, side, price, qty);
    if (r === -1) throw new RangeError(`Book order id ${id} is already resting`);
    if (r !== 0) {
      throw new RangeError(`Book order ${id}: bad side/price/qty (${side}, ${price}, ${qty})`);
    }
  }

  /** Cancels an own order; false when unknown or already filled. */
  cancel_order(id: number): boolean {
    return core.book_cancel_order(this.#handle(), id >>> 0) === 1;
  }

  /** A resting own order, or undefined. */
  order(id: number): OwnOrder | undefined {
    const o = out_ptr();
    if (core.book_order(this.#handle(), id >>> 0, o) !== 1) return undefined;
    const v = f64_at(o, 4);
    return { side: v[0] as BookSide, price: v[1]!, leaves: v[2]!, queue_ahead: v[3]! };
  }

  /** Number of resting own orders. */
  order_count(): number {
    return core.book_order_count(this.#handle());
  }

  /** Frees the WASM memory of the book; further use throws. */
  dispose(): void {
    if (this.#h !== 0) core.book_free(this.#h);
    this.#h = 0;
  }

  /** `using book = new Book(...)` support. */
  [Symbol.dispose](): void {
    this.dispose();
  }
}
