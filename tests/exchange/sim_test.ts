import fc from "fast-check";
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { SimClock } from "../../lib/exchange/clock.ts";
import { next_avg_price, round_to } from "../../lib/exchange/grid.ts";
import { SimExchange } from "../../lib/exchange/sim.ts";
import { DEFAULT_SCENARIO, type ScenarioParams } from "../../lib/market/scenarios.ts";

async function session(seed: number, steps = 30) {
  const clock = new SimClock(1_700_000_000_000);
  const ex = new SimExchange(clock, { seed });
  await ex.start(["BTCUSDT"]);
  const out: unknown[] = [];
  for (let i = 0; i < steps; i++) {
    const q = await ex.quote("BTCUSDT");
    const r = await ex.place_post_only({
      symbol: "BTCUSDT",
      side: i % 2 ? "Sell" : "Buy",
      qty: 0.01,
      price: i % 2 ? q.ask : q.bid,
      client_order_id: `C${i}`,
    });
    await clock.sleep(500);
    out.push(q, r, await ex.drain_fills());
  }
  return { ex, clock, out };
}

Deno.test("the simulator is deterministic per seed and differs across seeds", async () => {
  const a = await session(7);
  const b = await session(7);
  const c = await session(8);
  assertEquals(a.out, b.out);
  assertEquals(a.clock.now_ms(), b.clock.now_ms());
  assert(JSON.stringify(a.out) !== JSON.stringify(c.out));
});

Deno.test("requests cost lognormal latency on the simulated clock (speed: tests/bench)", async () => {
  const clock = new SimClock(0);
  const ex = new SimExchange(clock, { seed: 1 });
  const lat: number[] = [];
  for (let i = 0; i < 400; i++) {
    const before = clock.now_ms();
    await ex.quote("ETHUSDT");
    lat.push(clock.now_ms() - before);
  }
  lat.sort((x, y) => x - y);
  const median = lat[200]!;
  assert(median > 25 && median < 55, `median ${median}`);
  assert(lat[380]! > median * 1.5, "a right tail exists");
  assert(lat.every((v) => v > 0));
});

Deno.test("post-only orders that would cross are rejected; fills only follow open orders", async () => {
  const clock = new SimClock(0);
  const ex = new SimExchange(clock, { seed: 3, reject_rate: 0 });
  const q = await ex.quote("BTCUSDT");
  const cross = await ex.place_post_only({
    symbol: "BTCUSDT",
    side: "Buy",
    qty: 0.01,
    price: q.ask + 100,
    client_order_id: "X1",
  });
  assertEquals(cross.status, "Rejected");
  assert(cross.reject_reason!.includes("post-only"));
  const ok = await ex.place_post_only({
    symbol: "BTCUSDT",
    side: "Buy",
    qty: 0.01,
    price: q.bid - 50,
    client_order_id: "X2",
  });
  assertEquals(ok.status, "Open");
  const again = await ex.place_post_only({
    symbol: "BTCUSDT",
    side: "Buy",
    qty: 0.01,
    price: q.bid - 50,
    client_order_id: "X2",
  });
  assertEquals(again.order_id, ok.order_id, "same client id is idempotent");
  await clock.sleep(600_000);
  const fills = await ex.drain_fills();
  assert(fills.every((f) => f.client_order_id === "X2"));
});

Deno.test("positions equal the signed sum of fills; cancel_all leaves nothing open", async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 1e6 }), async (seed) => {
      const clock = new SimClock(0);
      const ex = new SimExchange(clock, { seed });
      let n = 0;
      const sum = new Map<string, number>();
      for (let i = 0; i < 12; i++) {
        for (const s of ["BTCUSDT", "ETHUSDT"]) {
          const q = await ex.quote(s);
          const step = s === "BTCUSDT" ? 0.001 : 0.01;
          await ex.place_post_only({
            symbol: s,
            side: i % 2 ? "Sell" : "Buy",
            qty: step * 7,
            price: i % 2 ? q.ask : q.bid,
            client_order_id: `C${n++}`,
          });
        }
        await clock.sleep(700);
        for (const f of await ex.drain_fills()) {
          sum.set(f.symbol, (sum.get(f.symbol) ?? 0) + (f.side === "Buy" ? f.qty : -f.qty));
        }
      }
      const t0 = clock.now_ms();
      const positions = await ex.positions();
      // The exchange answers as of the request's arrival, half-way through the round trip:
      // fills before it are in the answer, later ones are not.
      const arrival = t0 + (clock.now_ms() - t0) / 2;
      for (const f of await ex.drain_fills()) {
        if (f.timestamp_ms >= arrival) continue;
        sum.set(f.symbol, (sum.get(f.symbol) ?? 0) + (f.side === "Buy" ? f.qty : -f.qty));
      }
      for (const s of ["BTCUSDT", "ETHUSDT"]) {
        const p = positions.find((x) => x.symbol === s) ?? { qty: 0, symbol: s };
        assert(Math.abs(p.qty - (sum.get(p.symbol) ?? 0)) < 1e-9);
      }
      await ex.cancel_all(["BTCUSDT", "ETHUSDT"]);
      assertEquals(await ex.open_orders(), []);
    }),
    { numRuns: 15, examples: [[97], [128], [153], [269], [370]] },
  );
});

Deno.test("round_to and next_avg_price", () => {
  assertEquals(round_to(0.1 + 0.2, 0.1), 0.3);
  assertEquals(round_to(50000.06, 0.1), 50000.1);
  assertEquals(next_avg_price(0, 0, 1, 100), 100);
  assertEquals(next_avg_price(1, 100, 1, 110), 105);
  assertEquals(next_avg_price(2, 100, -1, 120), 100);
  assertEquals(next_avg_price(1, 100, -2, 90), 90);
  assertEquals(next_avg_price(1, 100, -1, 90), 0);
});

/** A market where nothing trades and the fair price never moves (book churn only). */
const QUIET: ScenarioParams = {
  ...DEFAULT_SCENARIO,
  vol_bps_per_sqrt_s: 0,
  to_volatile_per_s: 0,
  jump_rate_per_s: 0,
  trade_rate_per_s: 0,
};

async function place_at_touch(ex: SimExchange, cid: string, side: "Buy" | "Sell", qty: number) {
  const q = await ex.quote("BTCUSDT");
  const price = side === "Buy" ? q.bid : q.ask;
  const r = await ex.place_post_only({ symbol: "BTCUSDT", side, qty, price, client_order_id: cid });
  return { r, price };
}

Deno.test("an order joins the back of its level's queue: queue ahead = displayed quantity", async () => {
  let joined_behind = 0;
  for (const seed of [1, 2, 3, 4, 5]) {
    const ex = new SimExchange(new SimClock(0), { seed, reject_rate: 0 });
    await ex.start(["BTCUSDT"]);
    for (const side of ["Buy", "Sell"] as const) {
      const { r, price } = await place_at_touch(ex, `${side}${seed}`, side, 0.01);
      assertEquals(r.status, "Open");
      // The market has not moved since the order arrived: the book is as the order found it.
      const pos = ex.queue_position(`${side}${seed}`)!;
      const shown = ex.displayed_qty("BTCUSDT", side, price);
      assertEquals(pos.queue_ahead, shown);
      if (shown > 0) joined_behind++;
      assertEquals(pos.leaves, 0.01);
    }
    await ex.close();
  }
  // The quote is a round trip old when the order arrives: its level may have gone meanwhile.
  assert(joined_behind >= 6, `orders that found a queue: ${joined_behind} of 10`);
});

Deno.test("without trades resting orders never fill, however long they wait", async () => {
  const clock = new SimClock(0);
  const ex = new SimExchange(clock, { seed: 11, reject_rate: 0, scenario: QUIET });
  await place_at_touch(ex, "B", "Buy", 0.01);
  await place_at_touch(ex, "S", "Sell", 0.01);
  for (let i = 0; i < 60; i++) {
    await clock.sleep(1000);
    assertEquals(await ex.drain_fills(), []);
  }
  assertEquals((await ex.open_orders()).length, 2);
  await ex.close();
});

Deno.test("trades fill queued orders, partially when large; fills add up per order", async () => {
  let partial = 0, orders_filled = 0;
  for (const seed of [21, 22, 23]) {
    const clock = new SimClock(0);
    const ex = new SimExchange(clock, { seed, reject_rate: 0 });
    const placed = new Map<string, number>();
    const filled = new Map<string, number>();
    const take = async () => {
      for (const f of await ex.drain_fills()) {
        assertEquals(f.price, placed.get(f.client_order_id), "maker fills at the order's price");
        assert(f.qty > 0 && Math.abs(f.qty / 0.001 - Math.round(f.qty / 0.001)) < 1e-6, "lots");
        filled.set(f.client_order_id, (filled.get(f.client_order_id) ?? 0) + f.qty);
        if (!f.order_done) partial++;
      }
    };
    for (let i = 0; i < 30; i++) {
      // 2 BTC ≈ 120 k USD: more than many trades reaching the order.
      const { r, price } = await place_at_touch(ex, `C${i}`, i % 2 ? "Sell" : "Buy", 2);
      if (r.status === "Open") placed.set(`C${i}`, price);
      await clock.sleep(3000);
      await take();
    }
    await clock.sleep(1000);
    await take();
    orders_filled += filled.size;
    for (const [cid, q] of filled) {
      const o = ex.order(cid)!;
      assert(Math.abs(o.filled_qty - q) < 1e-9, `${cid}: ${o.filled_qty} vs ${q}`);
      assert(q <= o.qty + 1e-12);
      assertEquals(o.status, Math.abs(q - o.qty) < 1e-9 ? "Filled" : "PartiallyFilled");
    }
    await ex.close();
  }
  assert(orders_filled >= 20, `orders filled: ${orders_filled}`);
  assert(partial >= 3, `partial fills: ${partial}`);
});

Deno.test("orders deeper in the book fill less often than orders at the touch", async () => {
  let touch = 0, deep = 0;
  for (const seed of [1, 2, 3]) {
    const clock = new SimClock(0);
    const ex = new SimExchange(clock, { seed, reject_rate: 0 });
    for (let i = 0; i < 30; i++) {
      const q = await ex.quote("BTCUSDT");
      const at = (cid: string, price: number) =>
        ex.place_post_only({
          symbol: "BTCUSDT",
          side: "Buy",
          qty: 0.005,
          price,
          client_order_id: cid,
        });
      await at(`T${i}`, q.bid);
      await at(`D${i}`, Math.round((q.bid * (1 - 3e-4)) * 10) / 10); // 3 bps below the touch
      await clock.sleep(1000);
      for (const f of await ex.drain_fills()) f.client_order_id[0] === "T" ? touch++ : deep++;
      await ex.cancel_all(["BTCUSDT"]);
    }
    await ex.close();
  }
  assert(touch > deep, `touch ${touch} vs deep ${deep}`);
  assert(touch > 0);
});
