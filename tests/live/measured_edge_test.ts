import fc from "fast-check";
import { assert, assertAlmostEquals, assertEquals } from "../../lib/deps/assert.ts";
import { EDGE_DEFAULTS, MeasuredEdge } from "../../lib/live/measured_edge.ts";

const FEES = { maker_fee_bps: 1, maker_rebate_bps: 2 };

Deno.test("net edge = side·(mark − price) − fee + rebate, in bps: a worked example", () => {
  const e = new MeasuredEdge({ ...EDGE_DEFAULTS, min_fills: 1, fees: FEES });
  // Bought 1 at 100 with the mid at 100.01; one second later the mid is 99.99.
  e.on_fill("X", "Buy", 1, 100, 0, 100.01);
  e.on_mid("X", 99.99, 999);
  assertEquals(e.value("X"), undefined, "not marked out before the horizon");
  e.on_mid("X", 99.99, 1000);
  const r = e.report(["X"]).X!;
  assertAlmostEquals(r.gross_bps!, 1, 1e-9); // 0.01 below the mid
  assertAlmostEquals(r.adverse_bps!, 2, 1e-9); // the mid fell 0.02
  assertAlmostEquals(r.fees_eff_bps!, -1, 1e-9); // 1 fee − 2 rebate
  assertAlmostEquals(r.net_bps!, 0, 1e-9);
  assertAlmostEquals(e.value("X")!, 0, 1e-9);
  assertEquals(r.fills, 1);
});

Deno.test("no verdict before min_fills; pending fills are marked at the last mid when final", () => {
  const e = new MeasuredEdge({ ...EDGE_DEFAULTS, min_fills: 3, fees: FEES });
  for (let i = 0; i < 3; i++) e.on_fill("X", "Sell", 1, 101, i * 100, 100.5);
  e.on_mid("X", 100, 1099);
  assertEquals(e.value("X"), undefined);
  assertEquals(e.report(["X"]).X!.fills, 1);
  assertEquals(e.report(["X"]).X!.pending, 2);
  e.on_mid("X", 100, 1100, true);
  // Sold at 101, mid 100 afterwards: +1/101 of the price, plus the 1 bps net rebate.
  assertAlmostEquals(e.value("X")!, 1 / 101 * 1e4 + 1, 1e-9);
  assertEquals(e.report(["X", "Y"]).Y, {
    ewma_bps: null,
    net_bps: null,
    gross_bps: null,
    adverse_bps: null,
    fees_eff_bps: null,
    fills: 0,
    pending: 0,
  });
});

Deno.test("differential: volume-weighted net and the EWMA match a direct oracle", () => {
  const fill = fc.record({
    buy: fc.boolean(),
    qty: fc.double({ min: 0.001, max: 5, noNaN: true }),
    price: fc.double({ min: 50, max: 150, noNaN: true }),
    mark: fc.double({ min: 50, max: 150, noNaN: true }),
  });
  fc.assert(
    fc.property(fc.array(fill, { minLength: 1, maxLength: 40 }), (fills) => {
      const span = 7;
      const e = new MeasuredEdge({ horizon_ms: 1000, span_fills: span, min_fills: 1, fees: FEES });
      let pnl = 0, volume = 0, wsum = 0, wnorm = 0;
      const alpha = 2 / (span + 1);
      fills.forEach((f, i) => {
        e.on_fill("S", f.buy ? "Buy" : "Sell", f.qty, f.price, i * 1000, f.price);
        e.on_mid("S", f.mark, i * 1000 + 1000);
        const s = f.buy ? 1 : -1;
        const net = s * f.qty * (f.mark - f.price) + f.qty * f.price * 1e-4; // 1 bps net rebate
        pnl += net;
        volume += f.qty * f.price;
        wsum = (1 - alpha) * wsum + alpha * net / (f.qty * f.price) * 1e4;
        wnorm = (1 - alpha) * wnorm + alpha;
      });
      const r = e.report(["S"]).S!;
      assertEquals(r.fills, fills.length);
      assertAlmostEquals(r.net_bps!, pnl / volume * 1e4, 1e-6);
      assertAlmostEquals(e.value("S")!, wsum / wnorm, 1e-6);
    }),
    { numRuns: 200 },
  );
});

Deno.test("symbols are measured independently", () => {
  const e = new MeasuredEdge({ ...EDGE_DEFAULTS, min_fills: 1, fees: FEES });
  e.on_fill("A", "Buy", 1, 100, 0, 100);
  e.on_fill("B", "Buy", 1, 100, 0, 100);
  e.on_mid("A", 101, 1000);
  e.on_mid("B", 99, 1000);
  assert(e.value("A")! > 0 && e.value("B")! < 0);
});
