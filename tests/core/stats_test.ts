import fc from "fast-check";
import { assertAlmostEquals, assertEquals } from "../../lib/deps/assert.ts";
import { percentile, percentiles, vol_bps } from "../../lib/core/mod.ts";
import { percentile_sorted } from "../../lib/stats/percentile.ts";

Deno.test("core percentiles: quickselect equals nearest rank on the sorted values", () => {
  fc.assert(
    fc.property(
      // Small integers and ±0 make ties and the -0/+0 order likely.
      fc.array(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
          fc.constantFrom(0, -0, 1, -1, 2),
        ),
        { maxLength: 300 },
      ),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
      (xs, qs) => {
        const sorted = Float64Array.from(xs).sort();
        const got = percentiles(Float64Array.from(xs), qs);
        assertEquals([...got], qs.map((q) => percentile_sorted(sorted, q)));
      },
    ),
    { numRuns: 2000 },
  );
});

Deno.test("core percentiles: SPEC §5.4 examples, NaN ignored, bad q, input untouched", () => {
  const xs = Float64Array.from({ length: 100 }, (_, i) => 100 - i);
  assertEquals([...percentiles(xs, [0.95, 0.99, 0.5])], [95, 99, 50]);
  assertEquals(xs[0], 100);
  assertEquals(percentile([7], 0.95), 7);
  assertEquals(percentile([], 0.95), 0);
  assertEquals(percentile([NaN, 3, NaN, 1], 1), 3);
  assertEquals(Number.isNaN(percentile([1], 1.5)), true);
});

Deno.test("core percentiles: p95 of 10^6 values matches a full sort", () => {
  let x = 1;
  const xs = Float64Array.from(
    { length: 1_000_000 },
    () => (x = (x * 48271) % 2147483647) / 2147483647,
  );
  const sorted = xs.slice().sort();
  assertEquals(percentile(xs, 0.95), percentile_sorted(sorted, 0.95));
});

/** Seed 004 task 5, written out plainly. */
function vol_reference(prices: number[], window = 20): number {
  const p = prices.length > window ? prices.slice(-window) : prices;
  const r: number[] = [];
  for (let i = 1; i < p.length; i++) {
    if (p[i - 1]! > 0 && p[i]! > 0) r.push(Math.log(p[i]! / p[i - 1]!));
  }
  if (r.length < 2) return 0;
  const m = r.reduce((a, b) => a + b, 0) / r.length;
  const v = r.reduce((a, b) => a + (b - m) ** 2, 0) / (r.length - 1);
  return Math.sqrt(v) * Math.sqrt(252) * 10_000;
}

Deno.test("core vol_bps: annualised log-return volatility as seed 004 task 5", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 1, max: 1e5, noNaN: true }), { maxLength: 60 }),
      fc.integer({ min: 2, max: 40 }),
      (prices, window) => {
        const want = vol_reference(prices, window);
        assertAlmostEquals(vol_bps(prices, window), want, 1e-9 * Math.max(1, want));
      },
    ),
    { numRuns: 300 },
  );
  assertEquals(vol_bps([100, 101]), 0);
  // 1% up then 1% down repeatedly: std-dev of ±ln(1.01) (n − 1 denominator).
  const zigzag = Array.from({ length: 21 }, (_, i) => (i % 2 ? 101 : 100));
  const r = Math.log(1.01);
  const sd = Math.sqrt((20 * r * r) / 19);
  assertAlmostEquals(vol_bps(zigzag, 21), sd * Math.sqrt(252) * 1e4, 1e-6);
});
