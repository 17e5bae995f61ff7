import fc from "fast-check";
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { SimClock } from "../../lib/exchange/clock.ts";
import { next_avg_price, round_to, SimExchange } from "../../lib/exchange/sim.ts";

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

Deno.test("requests cost lognormal latency on the simulated clock, no real sleeping", async () => {
  const clock = new SimClock(0);
  const ex = new SimExchange(clock, { seed: 1 });
  const lat: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < 400; i++) {
    const before = clock.now_ms();
    await ex.quote("ETHUSDT");
    lat.push(clock.now_ms() - before);
  }
  assert(performance.now() - t0 < 1000);
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
      const positions = await ex.positions();
      // Fills that happened during the positions request are in it: count them too.
      for (const f of await ex.drain_fills()) {
        sum.set(f.symbol, (sum.get(f.symbol) ?? 0) + (f.side === "Buy" ? f.qty : -f.qty));
      }
      for (const s of ["BTCUSDT", "ETHUSDT"]) {
        const p = positions.find((x) => x.symbol === s) ?? { qty: 0, symbol: s };
        assert(Math.abs(p.qty - (sum.get(p.symbol) ?? 0)) < 1e-9);
      }
      await ex.cancel_all(["BTCUSDT", "ETHUSDT"]);
      assertEquals(await ex.open_orders(), []);
    }),
    { numRuns: 15 },
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
