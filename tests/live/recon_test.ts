import { assertEquals, assertStrictEquals } from "../../lib/deps/assert.ts";
import { SimClock } from "../../lib/exchange/clock.ts";
import { SimExchange } from "../../lib/exchange/sim.ts";
import { OrderStore } from "../../lib/live/order_store.ts";
import { ensure_mapping, reconcile } from "../../lib/live/recon.ts";

Deno.test("ensure_mapping: the seed 001 examples", () => {
  const d = { a: 1 };
  assertStrictEquals(ensure_mapping(d), d);
  assertEquals(ensure_mapping([{ id: "x", val: 1 }], "id"), { x: { id: "x", val: 1 } });
  assertEquals(ensure_mapping([1, 2, 3]), { "0": 1, "1": 2, "2": 3 });
  assertEquals(ensure_mapping([{ id: "a" }, { id: "a", v: 2 }], "id"), { a: { id: "a", v: 2 } });
  assertEquals(ensure_mapping([{ other: 1 }], "id"), { "0": { other: 1 } });
  assertEquals(ensure_mapping(null), { value: null });
  assertEquals(ensure_mapping("s"), { value: "s" });
});

Deno.test("reconcile finds local-only, remote-only orders and position deltas", async () => {
  const clock = new SimClock(0);
  const ex = new SimExchange(clock, { seed: 1, reject_rate: 0 });
  await ex.start(["BTCUSDT"]);
  const q = await ex.quote("BTCUSDT");
  const store = new OrderStore();
  const both = store.next_client_order_id();
  const remote_only = store.next_client_order_id();
  for (const cid of [both, remote_only]) {
    await ex.place_post_only({
      symbol: "BTCUSDT",
      side: "Buy",
      qty: 0.01,
      price: q.bid - 100,
      client_order_id: cid,
    });
  }
  const base = { symbol: "BTCUSDT", side: "Buy" as const, qty: 0.01, price: 1, filled_qty: 0 };
  store.put({ ...base, client_order_id: both, order_id: "", state: "Open" });
  store.put({ ...base, client_order_id: "CLI_LOCAL", order_id: "", state: "Open" });
  const r = await reconcile(ex, store, new Map([["BTCUSDT", 0.5]]), ["BTCUSDT"], 7, () => 0.0005);
  assertEquals(r.orders_local_only, ["CLI_LOCAL"]);
  assertEquals(r.orders_remote_only, [remote_only]);
  assertEquals(r.position_deltas, { BTCUSDT: { local: 0.5, remote: 0, delta: -0.5 } });
  assertEquals(r.divergence_count, 3);
  assertEquals(r.timestamp_ms, 7);
  store.close("CLI_LOCAL");
  store.put({ ...base, client_order_id: remote_only, order_id: "", state: "Open" });
  const clean = await reconcile(ex, store, new Map(), ["BTCUSDT"], 8, () => 0.0005);
  assertEquals(clean.divergence_count, 0);
});
