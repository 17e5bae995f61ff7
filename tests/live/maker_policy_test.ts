import fc from "fast-check";
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { shape_post_only } from "../../lib/live/maker_policy.ts";

const BTC = { tick_size: 0.1, step_size: 0.001, min_qty: 0.001 };
const POLICY = { post_only_offset_bps: 1.5, min_qty_pad: 1.1 };

Deno.test("post-only price: best bid minus offset rounded down, best ask plus offset rounded up", () => {
  const buy = shape_post_only("Buy", 0.0109, 49990, 50000, 50000.2, BTC, POLICY);
  assertEquals(buy, { ok: true, qty: 0.01, price: 49992.5, adjusted: true });
  const sell = shape_post_only("Sell", 0.01, 50010, 50000, 50000.2, BTC, POLICY);
  assertEquals(sell, { ok: true, qty: 0.01, price: 50007.8, adjusted: true });
});

Deno.test("blocks below min_qty·pad and when the price would still cross", () => {
  assertEquals(shape_post_only("Buy", 0.001, 1, 50000, 50000.1, BTC, POLICY), {
    ok: false,
    reason: "min_qty",
  });
  const crossed = shape_post_only("Buy", 0.01, 1, 50000, 49990, BTC, POLICY);
  assertEquals(crossed, { ok: false, reason: "cross_price" });
});

Deno.test("shaped orders are on the grid, passive, and never above the requested size", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 10, max: 100000, noNaN: true }),
      fc.integer({ min: 1, max: 20 }),
      fc.double({ min: 0, max: 10, noNaN: true }),
      fc.double({ min: 0.001, max: 5, noNaN: true }),
      fc.constantFrom("Buy" as const, "Sell" as const),
      (mid, spread_ticks, offset, qty, side) => {
        const f = { tick_size: 0.01, step_size: 0.001, min_qty: 0.001 };
        const bid = Math.round(mid * 100) / 100;
        const ask = Math.round((bid + spread_ticks * 0.01) * 100) / 100;
        const r = shape_post_only(side, qty, mid, bid, ask, f, {
          post_only_offset_bps: offset,
          min_qty_pad: 1.1,
        });
        if (!r.ok) return;
        assert(r.qty <= qty + 1e-12);
        assert(Math.abs(r.qty / f.step_size - Math.round(r.qty / f.step_size)) < 1e-6);
        assert(Math.abs(r.price / f.tick_size - Math.round(r.price / f.tick_size)) < 1e-6);
        if (side === "Buy") assert(r.price <= bid + 1e-9 && r.price < ask);
        else assert(r.price >= ask - 1e-9 && r.price > bid);
      },
    ),
    { numRuns: 300 },
  );
});
