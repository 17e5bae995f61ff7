import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { SimClock } from "../../lib/exchange/clock.ts";
import { SimExchange, type SimOptions } from "../../lib/exchange/sim.ts";
import { cancel_all_open } from "../../lib/live/cancel_all.ts";
import { OrderStore } from "../../lib/live/order_store.ts";

async function working(n: number, sim: Partial<SimOptions>) {
  const clock = new SimClock(0);
  const ex = new SimExchange(clock, { seed: 5, reject_rate: 0, ...sim });
  const store = new OrderStore();
  for (let i = 0; i < n; i++) {
    const symbol = i % 2 ? "ETHUSDT" : "BTCUSDT";
    const q = await ex.quote(symbol);
    const req = {
      symbol,
      side: "Buy" as const,
      qty: 1,
      price: q.bid * 0.99,
      client_order_id: store.next_client_order_id(),
    };
    const r = await ex.place_post_only(req);
    store.put({ ...req, order_id: r.order_id, filled_qty: 0, state: r.status });
  }
  return { ex, store };
}

Deno.test("bulk path: one request cancels everything, counted exactly", async () => {
  const { ex, store } = await working(6, {});
  const r = await cancel_all_open(ex, store, ["BTCUSDT", "ETHUSDT"]);
  assertEquals(r, { canceled_count: 6, failed: [], method: "bulk", remaining_open: 0 });
  assertEquals(store.working(), []);
  assertEquals(await ex.open_orders(), []);
});

Deno.test("bulk failure falls back to per-order cancels with retries", async () => {
  const { ex, store } = await working(8, { bulk_cancel_fails: true, cancel_fail_prob: 0.4 });
  const r = await cancel_all_open(ex, store, ["BTCUSDT", "ETHUSDT"], { attempts: 6 });
  assertEquals(r.method, "per_order_fallback");
  assertEquals(r.canceled_count, 8);
  assertEquals(r.failed, []);
  assertEquals(await ex.open_orders(), []);
});

Deno.test("orders that keep failing are reported, and the sweep counts what is still open", async () => {
  const { ex, store } = await working(4, { bulk_cancel_fails: true, cancel_fail_prob: 1 });
  const r = await cancel_all_open(ex, store, ["BTCUSDT", "ETHUSDT"], { attempts: 2 });
  assertEquals(r.method, "per_order_fallback");
  assertEquals(r.canceled_count, 0);
  assertEquals(r.failed.length, 4);
  assertEquals(r.remaining_open, 4);
  assert(store.working().length === 4, "local state is not faked as canceled");
});

Deno.test("force skips the bulk path; other symbols are left alone", async () => {
  const { ex, store } = await working(4, {});
  const r = await cancel_all_open(ex, store, ["BTCUSDT"], { force: true });
  assertEquals(r.method, "per_order_fallback");
  assertEquals(r.canceled_count, 2);
  assertEquals((await ex.open_orders()).map((o) => o.symbol), ["ETHUSDT", "ETHUSDT"]);
});

Deno.test("a bulk cancel whose answer was lost still leaves no local order working", async () => {
  const { ex, store } = await working(4, {});
  // The first bulk request took effect but its answer was lost; the retry found nothing to cancel.
  const lossy_cancel_all = async (symbols: readonly string[]) => {
    await ex.cancel_all(symbols);
    return [];
  };
  const lossy = new Proxy(ex, {
    get: (t, k) => {
      if (k === "cancel_all") return lossy_cancel_all;
      const v = Reflect.get(t, k, t);
      return typeof v === "function" ? v.bind(t) : v;
    },
  });
  const r = await cancel_all_open(lossy, store, ["BTCUSDT", "ETHUSDT"]);
  assertEquals(r.method, "bulk");
  assertEquals(r.remaining_open, 0);
  assertEquals(store.working(), []);
});
