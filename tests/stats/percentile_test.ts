import fc from "fast-check";
import { assertEquals, assertThrows } from "../../lib/deps/assert.ts";
import { p50_p95_p99, percentile, percentile_sorted } from "../../lib/stats/percentile.ts";

/** Oracle: the textbook nearest-rank definition, written independently. */
function oracle(xs: number[], q: number): number {
  const s = xs.filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b);
  if (s.length === 0) return 0;
  // smallest value such that at least q·n samples are ≤ it (rank ≥ 1)
  const rank = Math.max(1, Math.ceil(q * s.length));
  return s[rank - 1]!;
}

Deno.test("percentile: samples 1..100 give p95 = 95 and p99 = 99 (SPEC §5.4)", () => {
  const xs = Array.from({ length: 100 }, (_, i) => i + 1);
  assertEquals(p50_p95_p99(xs), { p50: 50, p95: 95, p99: 99 });
});

Deno.test("percentile: a single sample is every percentile; empty gives 0", () => {
  assertEquals(percentile([42.5], 0.95), 42.5);
  assertEquals(percentile([42.5], 0), 42.5);
  assertEquals(percentile([], 0.95), 0);
});

Deno.test("percentile: NaN, Infinity and negative samples are ignored", () => {
  assertEquals(percentile([NaN, -5, Infinity, 3, 1, 2], 1), 3);
  assertEquals(percentile([NaN, -1], 0.5), 0);
});

Deno.test("percentile: q outside [0, 1] is a RangeError", () => {
  assertThrows(() => percentile_sorted([1, 2], 1.5), RangeError);
  assertThrows(() => percentile_sorted([1, 2], NaN), RangeError);
});

Deno.test("percentile: agrees with the sort-based oracle (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -10, max: 1000 })), {
        maxLength: 300,
      }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (xs, q) => percentile(xs, q) === oracle(xs, q),
    ),
    { numRuns: 500 },
  );
});
