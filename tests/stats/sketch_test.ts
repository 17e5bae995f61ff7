import fc from "fast-check";
import { assert, assertEquals, assertThrows } from "../../lib/deps/assert.ts";
import { percentile } from "../../lib/stats/percentile.ts";
import { QuantileSketch } from "../../lib/stats/sketch.ts";

Deno.test("sketch: estimates are within 1% of the exact nearest-rank percentile (property)", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
          fc.integer({ min: 0, max: 2000 }),
          fc.constant(0),
        ),
        { minLength: 1, maxLength: 500 },
      ),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (xs, q) => {
        const s = new QuantileSketch(0.01);
        xs.forEach((x) => s.add(x));
        const exact = percentile(xs, q);
        const est = s.quantile(q);
        return Math.abs(est - exact) <= 0.01 * exact + 1e-12;
      },
    ),
    { numRuns: 400 },
  );
});

Deno.test("sketch: memory stays bounded over 10^6 samples", () => {
  const s = new QuantileSketch(0.01);
  let x = 1;
  for (let i = 0; i < 1_000_000; i++) {
    x = (x * 48271) % 2147483647; // deterministic spread over 1..2^31
    s.add((x / 2147483647) * 1000);
  }
  assertEquals(s.count, 1_000_000);
  // 1e-6..1000 ms spans ~21 doublings: a few hundred buckets, not 10^6
  assert(s.size < 1200, `size ${s.size}`);
  const p95 = s.quantile(0.95);
  assert(Math.abs(p95 - 950) / 950 < 0.02, `p95 ${p95}`);
});

Deno.test("sketch: merge equals adding everything to one sketch", () => {
  const a = new QuantileSketch(), b = new QuantileSketch(), all = new QuantileSketch();
  for (let i = 1; i <= 1000; i++) {
    (i % 3 ? a : b).add(i);
    all.add(i);
  }
  a.merge(b);
  for (const q of [0, 0.5, 0.95, 0.99, 1]) assertEquals(a.quantile(q), all.quantile(q));
  assertEquals(a.count, 1000);
  assertThrows(() => a.merge(new QuantileSketch(0.02)), RangeError);
});

Deno.test("sketch: empty gives 0; NaN and negatives are ignored", () => {
  const s = new QuantileSketch();
  assertEquals(s.quantile(0.95), 0);
  s.add(NaN);
  s.add(-3);
  assertEquals(s.count, 0);
});
