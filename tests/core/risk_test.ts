import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../../lib/deps/assert.ts";
import { Risk } from "../../lib/core/mod.ts";

Deno.test("core risk: positions, marks, notional and ratio", () => {
  using r = new Risk({
    symbols: ["BTCUSDT", "ETHUSDT"],
    max_symbol_notional: 0,
    max_total_notional: 10_000,
  });
  r.set_marks([0, 1], [60_000, 3_000]);
  assertEquals(r.apply_fills([0, 1, 0, 7], [0.1, -1, -0.05, 1]), 1);
  assertAlmostEquals(r.position("BTCUSDT"), 0.05, 1e-12);
  assertEquals(r.position(1), -1);
  assertAlmostEquals(r.notional("BTCUSDT"), 3_000, 1e-9);
  assertAlmostEquals(r.total_notional(), 6_000, 1e-9);
  assertAlmostEquals(r.ratio(), 0.6, 1e-12);
  assertThrows(() => r.position("XRPUSDT"));
});

Deno.test("core risk: samples above 1.0 are kept (SPEC §10 item 42)", () => {
  using r = new Risk({ symbols: ["A"], max_symbol_notional: 0, max_total_notional: 100 });
  r.set_mark("A", 10);
  const seen: number[] = [];
  for (let i = 0; i < 20; i++) {
    r.on_fill("A", 1);
    seen.push(r.sample());
  }
  assertEquals(r.sample_count(), 20);
  assertAlmostEquals(seen[19]!, 2.0, 1e-12);
  // Nearest rank over 0.1..2.0: the 19th value.
  assertAlmostEquals(r.sample_percentile(0.95), 1.9, 1e-12);
  assert(r.sample_percentile(0.95) > 1);
});

Deno.test("core risk: pre-trade check against per-symbol and total limits", () => {
  using r = new Risk({ symbols: ["A", "B"], max_symbol_notional: 500, max_total_notional: 800 });
  r.set_marks([0, 1], [100, 100]);
  assert(r.check_order("A", 5));
  assert(!r.check_order("A", 5.5));
  assert(!r.check_order("A", 4, 200)); // priced order: 4 × 200 > 500
  r.on_fill("B", -4);
  assert(r.check_order("A", 4));
  assert(!r.check_order("A", 4.5)); // total 850 > 800
  assert(r.check_order("B", 4)); // flattening is always fine
});
