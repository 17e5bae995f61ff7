import fc from "fast-check";
import { assertEquals, assertThrows } from "../../lib/deps/assert.ts";
import { select_kth } from "../../lib/stats/select.ts";

Deno.test("select: the k-th smallest equals the sorted array's k-th (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true })), {
        minLength: 1,
        maxLength: 2000,
      }),
      fc.nat(),
      (xs, r) => {
        const k = r % xs.length;
        const sorted = Float64Array.from(xs).sort();
        // numeric equality: -0 and +0 are the same percentile (a sort orders -0 first)
        return select_kth(Float64Array.from(xs), k) === sorted[k];
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("select: large arrays with many duplicates (sampling path)", () => {
  const a = new Float64Array(100_000);
  for (let i = 0; i < a.length; i++) a[i] = (i * 7919) % 97;
  const sorted = a.slice().sort();
  for (const k of [0, 500, 50_000, 95_000, 99_999]) {
    assertEquals(select_kth(a.slice(), k), sorted[k]);
  }
  assertThrows(() => select_kth(a, 100_000), RangeError);
});
