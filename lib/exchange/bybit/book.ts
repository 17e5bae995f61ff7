/**
 * Top of book from Bybit `orderbook.<depth>.<symbol>` messages (snapshot, then deltas where a
 * size of "0" deletes the level), enough to quote from.
 * @module
 */

/** One side's levels, price → size. */
type Levels = Map<number, number>;

/** Bid and ask levels of one symbol. */
export class TopOfBook {
  #bids: Levels = new Map();
  #asks: Levels = new Map();
  /** Time of the last update (exchange ms), 0 before the first snapshot. */
  ts = 0;

  /** Apply a `snapshot` (replaces) or `delta` (updates) message's `b`/`a` arrays. */
  apply(type: string, bids: unknown, asks: unknown, ts: number): void {
    if (type === "snapshot") {
      this.#bids.clear();
      this.#asks.clear();
    }
    apply_levels(this.#bids, bids);
    apply_levels(this.#asks, asks);
    this.ts = ts;
  }

  /** Best bid and ask, or undefined while a side is empty. */
  best(): { bid: number; ask: number } | undefined {
    if (this.#bids.size === 0 || this.#asks.size === 0) return undefined;
    return { bid: Math.max(...this.#bids.keys()), ask: Math.min(...this.#asks.keys()) };
  }
}

function apply_levels(side: Levels, levels: unknown): void {
  if (!Array.isArray(levels)) return;
  for (const lv of levels) {
    if (!Array.isArray(lv)) continue;
    const price = Number(lv[0]);
    const size = Number(lv[1]);
    if (!Number.isFinite(price) || !Number.isFinite(size)) continue;
    if (size > 0) side.set(price, size);
    else side.delete(price);
  }
}
