/**
 * mmsoak WASM core: L2 book with own-order queue positions, risk core, quickselect percentiles.
 * Rust sources in wasm/src, committed build wasm/mmsoak_core.wasm (`deno task wasm:build`,
 * checked byte-for-byte by `deno task wasm:verify`). Loading is synchronous (Deno's Wasm module
 * import), works under `deno run`, `deno bundle` and `deno compile`.
 *
 * Conventions: sides 0 = bid/buy, 1 = ask/sell. Prices are floats on the book's tick grid
 * (tick = `floor(price / tick_size + 0.5)`; all comparisons are on ticks; prices come back as
 * tick / (1/tick_size), exact decimals on decimal grids), quantities are floats, 0 deletes a level.
 * Batches are typed arrays, one WASM call per batch (no per-event boundary crossing).
 * Objects own WASM memory: call `dispose()` (or `using`).
 *
 * ```ts
 * import { Book, EV, EventBuffer, Risk, percentile, vol_bps } from "./lib/core/mod.ts";
 * using book = new Book({ tick_size: 0.1, queue_model: "prob_power", power: 3 });
 * book.apply_snapshot(sides, prices, qtys);           // clear + set
 * book.apply(kinds, prices, qtys);                     // EV.BID/EV.ASK set, EV.TRADE_BUY/SELL
 * book.add_order(7, 0, 61800.1, 0.01);                 // queue ahead = displayed qty there
 * book.apply_trades(aggressor, prices, qtys);          // 0 buyer / 1 seller aggressor
 * using buf = new EventBuffer(kinds, prices, qtys);   // a whole replay, copied in once
 * book.apply_buffer(buf, i, j);                        // events [i, j): no copy per call
 * const f = book.fills();                               // {count, id, side, price, qty, leaves, event}
 * book.top();                                           // bid, ask, mid, spread, microprice, crossed…
 * book.depth(1, 10); book.vwap(1, 2.5); book.slippage_bps("buy", 2.5); book.imbalance(5);
 * using risk = new Risk({ symbols: ["BTCUSDT"], max_symbol_notional: 1e4, max_total_notional: 5e4 });
 * risk.set_mark("BTCUSDT", 61800); risk.apply_fills([0], [0.01]);  // ids = index in symbols
 * risk.sample(); risk.sample_percentile(0.95); risk.check_order("BTCUSDT", 0.01);
 * percentile(latencies, 0.95); vol_bps(mids, 20);
 * ```
 *
 * Queue model (hftbacktest L2): trades at the order's price eat the queue ahead then fill the
 * order (partial fills; fills rounded to `lot_size`), trades through the price fill the rest;
 * depth decreases not explained by trades advance the queue with probability
 * f(back)/(f(back)+f(front)), f(x) = x^n ("prob_power"), or 1 − (front/(front+back))^n
 * ("prob_power3"); "risk_averse" only caps the queue at the level's quantity. Depth changes alone
 * never fill. Own orders are not added to the displayed depth. Fill `event` = index of the trade
 * in the batch. Memory growth detaches views: the wrappers re-create them after every call, and
 * every array they return is a copy.
 * @module
 */
export {
  Book,
  type BookOptions,
  type BookSide,
  EV,
  type FillBatch,
  type OwnOrder,
} from "./book.ts";
export { type QueueModelName, type Top, type Vwap } from "./book.ts";
export { EventBuffer } from "./events.ts";
export { Risk, type RiskOptions } from "./risk.ts";
export { percentile, percentiles, vol_bps } from "./stats.ts";
