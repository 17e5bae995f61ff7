import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../../lib/deps/assert.ts";
import { Book, EV, EventBuffer } from "../../lib/core/mod.ts";

function spec_book(): Book {
  // SPEC §6 example (the original Rust L2Book tests).
  const b = new Book({ tick_size: 0.05 });
  b.apply_snapshot([0, 0, 1, 1], [100.0, 99.5, 100.5, 101.0], [2.0, 1.0, 1.5, 0.8]);
  return b;
}

Deno.test("book: SPEC §6 example values (best, mid, microprice, imbalance, deltas)", () => {
  using b = spec_book();
  const t = b.top();
  assertEquals([t.bid, t.bid_qty, t.ask, t.ask_qty], [100.0, 2.0, 100.5, 1.5]);
  assertEquals([b.mid(), b.spread()], [100.25, 0.5]);
  assertAlmostEquals(b.microprice(), 100.2857142857, 1e-9);
  assertAlmostEquals(b.imbalance(5), 0.1320754717, 1e-9);
  b.apply_deltas([0], [100.25], [1.2]);
  assertEquals([b.best_bid(), b.top().bid_qty], [100.25, 1.2]);
  b.apply_deltas([1], [100.5], [0.0]);
  assertEquals([b.best_ask(), b.top().ask_qty], [101.0, 0.8]);
  assertAlmostEquals(b.spread_bps(), (0.75 / 100.625) * 1e4, 1e-9);
});

Deno.test("book: depth, VWAP and slippage walk the levels best first", () => {
  using b = spec_book();
  const d = b.depth(1, 5);
  assertEquals([...d.price], [100.5, 101.0]);
  assertEquals([...d.qty], [1.5, 0.8]);
  assertEquals(b.depth_sum(0, 1), 2.0);
  const v = b.vwap(1, 2.0);
  assertAlmostEquals(v.vwap, (1.5 * 100.5 + 0.5 * 101.0) / 2.0, 1e-12);
  assertEquals([v.filled, v.worst], [2.0, 101.0]);
  const thin = b.vwap(1, 10);
  assertAlmostEquals(thin.filled, 2.3, 1e-12);
  assertAlmostEquals(b.slippage_bps("buy", 2.0), ((v.vwap - 100.25) / 100.25) * 1e4, 1e-9);
  using empty = new Book({ tick_size: 1 });
  assert(Number.isNaN(empty.vwap(1, 1).vwap));
});

Deno.test("book: prices and spread are exact on decimal tick grids", () => {
  using b = new Book({ tick_size: 0.1 });
  b.apply_snapshot([0, 1], [61800.2, 61800.3], [1, 1]);
  assertEquals([b.best_bid(), b.best_ask(), b.spread()], [61800.2, 61800.3, 0.1]);
  using x = new Book({ tick_size: 0.0001 });
  x.apply_snapshot([0, 1], [1.9537, 1.9538], [1, 1]);
  assertEquals([x.best_ask(), x.spread()], [1.9538, 0.0001]);
});

Deno.test("book: crossed-book detection and rejected events", () => {
  using b = spec_book();
  assertEquals(b.crossed(), false);
  assertEquals(b.apply([EV.BID, EV.ASK, 9, EV.BID], [100.5, NaN, 100, -1], [1, 1, 1, 1]), 3);
  assertEquals(b.crossed(), true);
});

Deno.test("book: far prices use the fallback store and the window re-centres on the mid", () => {
  using b = new Book({ tick_size: 1, window_ticks: 64 });
  b.apply_snapshot([0, 1, 0, 1], [1000, 1001, 10, 1_000_000], [1, 1, 5, 7]);
  for (let mid = 1000; mid < 5000; mid += 37) {
    b.apply([EV.BID, EV.ASK, EV.BID, EV.ASK], [mid - 37, mid - 36, mid, mid + 1], [0, 0, 1, 1]);
  }
  const t = b.top();
  assertEquals([t.bid, t.ask, t.bid_levels, t.ask_levels], [4996, 4997, 2, 2]);
  assertEquals([...b.depth(0, 5).price], [4996, 10]);
  assertEquals([...b.depth(1, 5).price], [4997, 1_000_000]);
});

Deno.test("book: own order queue — trades eat the queue then fill, cancels advance it", () => {
  using b = new Book({ tick_size: 0.1, queue_model: "prob_power", power: 3, lot_size: 0.001 });
  b.apply_snapshot([0, 1], [100.0, 100.1], [5.0, 4.0]);
  b.add_order(1, 0, 100.0, 1.0);
  assertEquals(b.order(1)?.queue_ahead, 5.0);
  b.apply_trades([1], [100.0], [3.0]); // seller hits the bid: 3 of the 5 ahead
  assertEquals(b.fills().count, 0);
  b.apply_deltas([0], [100.0], [2.0]); // the trade's own decrease: not counted twice
  assertAlmostEquals(b.order(1)!.queue_ahead, 2.0, 1e-12);
  b.apply_deltas([0], [100.0], [1.0]); // a cancel of 1: somewhere in the queue
  const q = b.order(1)!.queue_ahead;
  assert(q < 2.0 && q >= 1.0, `queue ahead ${q}`);
  b.apply_trades([1], [100.0], [q + 0.4]);
  const f = b.fills();
  assertEquals(f.count, 1);
  assertAlmostEquals(f.qty[0]!, 0.4, 1e-9);
  assertAlmostEquals(f.leaves[0]!, 0.6, 1e-9);
  b.apply_trades([0, 1], [100.1, 99.9], [0.1, 0.1]); // a sell through our price fills the rest
  const g = b.fills();
  assertEquals([g.count, g.event[0], g.leaves[0]], [1, 1, 0]);
  assertEquals(b.order(1), undefined);
});

Deno.test("book: risk-averse model ignores cancels; order errors and cancel", () => {
  using b = new Book({ tick_size: 1, queue_model: "risk_averse" });
  b.apply_snapshot([1], [10], [5]);
  b.add_order(3, 1, 10, 1);
  b.apply_deltas([1], [10], [4]);
  assertEquals(b.order(3)?.queue_ahead, 4);
  b.apply_deltas([1], [10], [6]);
  assertEquals(b.order(3)?.queue_ahead, 4);
  assertThrows(() => b.add_order(3, 1, 10, 1));
  assertThrows(() => b.add_order(4, 1, 10, 0));
  assertEquals(b.cancel_order(3), true);
  assertEquals(b.cancel_order(3), false);
  assertEquals(b.order_count(), 0);
});

Deno.test("book: dispose frees and further use throws", () => {
  const b = new Book({ tick_size: 1 });
  b.dispose();
  assertThrows(() => b.mid());
  assertThrows(() => new Book({ tick_size: 0 }));
});

Deno.test("book: EventBuffer slices apply like the same arrays; bad ranges throw", () => {
  const kinds = [0, 1, 0, 1, 0], px = [99, 101, 98, 102, 99], qty = [1, 2, 3, 4, 0];
  using buf = new EventBuffer(kinds, px, qty);
  using a = new Book({ tick_size: 1 });
  using b = new Book({ tick_size: 1 });
  a.apply_buffer(buf, 0, 2);
  a.apply_buffer(buf, 2);
  b.apply(kinds, px, qty);
  assertEquals(a.top(), b.top());
  assertEquals([...a.depth(0, 5).price], [98]);
  assertThrows(() => a.apply_buffer(buf, 3, 6));
  buf.dispose();
  assertThrows(() => a.apply_buffer(buf, 0, 1));
});
