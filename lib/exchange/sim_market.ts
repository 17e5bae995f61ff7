/**
 * One symbol of the `sim` exchange: the engine's seeded market generator (`lib/market/sim.ts`,
 * the same scenarios as `mmsoak engine`) stepped on demand into the WASM core's L2 `Book`, whose
 * queue model fills resting own orders: an order joins the back of the queue at its level and is
 * filled, partially or fully, only by trades that first consume the displayed quantity ahead of
 * it (or trade through its price).
 * @module
 */
import { Book, type BookSide, type QueueModelName } from "../core/mod.ts";
import { EV_SNAPSHOT, EV_SNAPSHOT_END, EventBuffer } from "../market/events.ts";
import type { Rng } from "../market/rng.ts";
import type { ScenarioParams } from "../market/scenarios.ts";
import { SimMarket } from "../market/sim.ts";
import { SYMBOLS, type SymbolSpec } from "../market/symbols.ts";

/** A fill of an own order reported by the book's queue model. */
export interface BookFill {
  /** Book order id. */
  id: number;
  qty: number;
  price: number;
  /** Quantity still resting after this fill (0 = done). */
  leaves: number;
  /** Market time of the trade that filled it, epoch ms. */
  t: number;
}

/**
 * The market generator's spec of `symbol` (tick, lot, starting price, liquidity): the calibrated
 * presets for BTCUSDT and ETHUSDT, else a thinner $100 contract on a 0.001 grid.
 */
export function sim_symbol_spec(symbol: string): SymbolSpec {
  return SYMBOLS[symbol] ??
    { symbol, tick: 0.001, lot: 0.1, price: 100, liquidity_scale: 0.1 };
}

/** One symbol's simulated market and its book. Call `dispose()` when done. */
export class SymbolMarket {
  readonly spec: SymbolSpec;
  readonly book: Book;
  #market: SimMarket;
  #buf = new EventBuffer(4096);
  #cursor = 0;
  /** Index of the generator step loaded in `#buf` (−1: none yet). */
  #k = -1;
  #start_ms: number;

  constructor(
    spec: SymbolSpec,
    scenario: ScenarioParams,
    rng: Rng,
    start_ms: number,
    window_ms: number,
    queue_model: QueueModelName,
  ) {
    this.spec = spec;
    this.#start_ms = start_ms;
    this.#market = new SimMarket(scenario, spec, rng, start_ms, window_ms);
    this.book = new Book({ tick_size: spec.tick, lot_size: spec.lot, queue_model });
    const init = new EventBuffer(4096);
    this.#market.init(init);
    // The generator's initial book is exactly one snapshot: its rows sit between the markers.
    const n = init.length;
    if (init.kind[0] !== EV_SNAPSHOT || init.kind[n - 1] !== EV_SNAPSHOT_END) {
      throw new Error("Sim market: the initial book is not one snapshot");
    }
    this.book.apply_snapshot(
      init.kind.subarray(1, n - 1),
      init.price.subarray(1, n - 1),
      init.qty.subarray(1, n - 1),
    );
  }

  /** Best bid and ask now. */
  touch(): { bid: number; ask: number } {
    return { bid: this.book.best_bid(), ask: this.book.best_ask() };
  }

  /** Adds an own order at the back of the queue of its level. */
  add_order(id: number, side: BookSide, price: number, qty: number): void {
    this.book.add_order(id, side, price, qty);
  }

  /** Applies every market event before `t` (stepping the generator as needed); own fills. */
  advance(t: number): BookFill[] {
    const out: BookFill[] = [];
    const step_ms = this.#market.step_ms;
    for (;;) {
      const buf = this.#buf;
      let j = this.#cursor;
      while (j < buf.length && buf.ts[j]! < t) j++;
      if (j > this.#cursor) this.#apply(this.#cursor, j, out);
      this.#cursor = j;
      if (j < buf.length) break;
      // Step k+1 holds events in (start + (k+1)·step, start + (k+2)·step]: none before t here.
      if (this.#start_ms + (this.#k + 1) * step_ms >= t) break;
      buf.clear();
      this.#cursor = 0;
      this.#market.step(++this.#k, buf);
    }
    return out;
  }

  /** Frees the book's WASM memory. */
  dispose(): void {
    this.book.dispose();
  }

  #apply(i: number, j: number, out: BookFill[]): void {
    const b = this.#buf;
    this.book.apply(b.kind.subarray(i, j), b.price.subarray(i, j), b.qty.subarray(i, j));
    const f = this.book.fills();
    for (let k = 0; k < f.count; k++) {
      out.push({
        id: f.id[k]!,
        qty: f.qty[k]!,
        price: f.price[k]!,
        leaves: f.leaves[k]!,
        t: b.ts[i + f.event[k]!]!,
      });
    }
  }
}
