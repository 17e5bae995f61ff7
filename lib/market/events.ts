/**
 * Normalised market events: flat typed arrays (time, kind, price, qty), the one format both the
 * sim generator and the replay readers produce and the engine feeds to the WASM book in batches.
 * Kind codes 0-3 are the WASM core's `EV_*` codes.
 * @module
 */

/** Set a bid level (qty 0 deletes). */
export const EV_BID = 0;
/** Set an ask level (qty 0 deletes). */
export const EV_ASK = 1;
/** A trade whose aggressor bought (it hits asks). */
export const EV_TRADE_BUY = 2;
/** A trade whose aggressor sold (it hits bids). */
export const EV_TRADE_SELL = 3;
/** Snapshot start: the book is cleared; the following level rows up to EV_SNAPSHOT_END rebuild it. */
export const EV_SNAPSHOT = 4;
/** Snapshot end. */
export const EV_SNAPSHOT_END = 5;

/** A flat event array (columns of equal length). */
export interface MarketEvents {
  /** Exchange time, epoch ms (fractional allowed). */
  ts: Float64Array;
  kind: Uint8Array;
  price: Float64Array;
  qty: Float64Array;
  length: number;
}

/** What a snapshot rebuilds: lib/core/book.ts `Book` (typed here so events need not import it). */
export interface SnapshotTarget {
  apply_snapshot(sides: Uint8Array, prices: Float64Array, qtys: Float64Array): unknown;
}

/**
 * Apply the snapshot that starts at `ev.kind[i]` (EV_SNAPSHOT) to `book`: its level rows up to
 * EV_SNAPSHOT_END, or up to `end` when the marker lies beyond. Returns the index after the marker.
 */
export function apply_snapshot_at(
  book: SnapshotTarget,
  ev: MarketEvents,
  i: number,
  end: number = ev.length,
): number {
  let j = i + 1;
  while (j < end && ev.kind[j] !== EV_SNAPSHOT_END) j++;
  book.apply_snapshot(
    ev.kind.subarray(i + 1, j),
    ev.price.subarray(i + 1, j),
    ev.qty.subarray(i + 1, j),
  );
  return j + 1;
}

/** A recording normalised for replay: events of one symbol plus what the reader learnt. */
export interface NormalisedRecording {
  symbol: string;
  /** Price tick (inferred from prices when the feed does not say). */
  tick: number;
  /** Quantity step. */
  lot: number;
  /** Source format, e.g. "hftbacktest-binance-futures". */
  format: string;
  /** Sequence gaps found (each followed by a resync). */
  gaps: number;
  events: MarketEvents;
}

/** A growable column store of events. */
export class EventBuffer implements MarketEvents {
  ts: Float64Array;
  kind: Uint8Array;
  price: Float64Array;
  qty: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.ts = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.price = new Float64Array(capacity);
    this.qty = new Float64Array(capacity);
  }

  /** Append one event. */
  push(ts: number, kind: number, price: number, qty: number): void {
    if (this.length === this.ts.length) this.#grow();
    const i = this.length++;
    this.ts[i] = ts;
    this.kind[i] = kind;
    this.price[i] = price;
    this.qty[i] = qty;
  }

  /** Forget all events, keep the capacity. */
  clear(): void {
    this.length = 0;
  }

  /** A compact copy trimmed to the length. */
  freeze(): MarketEvents {
    const n = this.length;
    return {
      ts: this.ts.slice(0, n),
      kind: this.kind.slice(0, n),
      price: this.price.slice(0, n),
      qty: this.qty.slice(0, n),
      length: n,
    };
  }

  #grow(): void {
    const cap = this.ts.length * 2;
    const ts = new Float64Array(cap);
    ts.set(this.ts);
    const kind = new Uint8Array(cap);
    kind.set(this.kind);
    const price = new Float64Array(cap);
    price.set(this.price);
    const qty = new Float64Array(cap);
    qty.set(this.qty);
    this.ts = ts;
    this.kind = kind;
    this.price = price;
    this.qty = qty;
  }
}
